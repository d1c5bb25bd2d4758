// The Digital Credentials Consortium's verifier (npm @digitalcredentials/verifier-core, the one
// the Learner Credential Wallet and VerifierPlus use) and the 1EdTech Open Badges 3.0 schema
// (ajv, 2019-09), against every credential of a registry served over HTTPS whose address is
// its did:web, so the verifier resolves the issuer, the contexts and the status lists itself:
//   - the credential and its Open Badges 3.0 form (/api/v1/certificates/{id}/open-badge): a
//     valid signature (eddsa-rdfc-2022, the suite it knows) and the verdict Siegel's own
//     POST /api/v1/verify gives for the same document;
//   - the schema: the Open Badges 3.0 form passes it, in ajv and in the verifier's own check;
//     the credential fails it on exactly one point, credentialStatus as a list of two entries;
//   - a forged name makes the signature fail.
// The verifier fetches the schema from purl.imsglobal.org, which this machine cannot reach: that
// schema's addresses are answered from the pinned copy; every other request goes out unchanged.
// Usage: node verify_with_dcc.mjs BASE_URL SCHEMA_FILE
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { Ajv2019 } from 'ajv/dist/2019.js';
import addFormats from 'ajv-formats';
import { verifyCredential } from '@digitalcredentials/verifier-core';

const [base, schemaFile] = process.argv.slice(2);
const schemaText = fs.readFileSync(schemaFile, 'utf8');
const schema = JSON.parse(schemaText);
const realFetch = globalThis.fetch;
// 1EdTech publishes the AchievementCredential schema under schema/json/ (the address the
// verifier asks for VC 2.0 credentials) and schema/json-ld/ (the $id of the pinned copy).
const schemaAddress =
  /^https:\/\/purl\.imsglobal\.org\/spec\/ob\/v3p0\/schema\/json(-ld)?\/ob_v3p0_achievementcredential_schema\.json$/;
globalThis.fetch = async (url, init) => {
  if (schemaAddress.test(String(url))) {
    return new Response(schemaText, { headers: { 'Content-Type': 'application/json' } });
  }
  return realFetch(url, init);
};
// The verifier's schema check logs ajv's strict-mode remarks on the 1EdTech schema itself.
const warn = console.warn;
console.warn = (...args) => { if (!/^strict mode/.test(String(args[0]))) warn(...args); };

const ajv = new Ajv2019({ allErrors: true, strict: false });
addFormats.default(ajv);
const validate = ajv.compile(schema);
const schemaErrors = (credential) =>
  validate(credential) ? [] : validate.errors.map((e) => `${e.instancePath} ${e.message}`);

const get = async (path) => {
  const res = await fetch(base + path, { headers: { Accept: 'application/vc' } });
  assert.equal(res.status, 200, path);
  return res.json();
};
const siegelVerdict = async (credential) =>
  (await fetch(`${base}/api/v1/verify`, {
    method: 'POST', headers: { 'Content-Type': 'application/vc' }, body: JSON.stringify(credential),
  })).json();

// The verdict the verifier's answer amounts to, and whether it found the signature valid.
const dccVerdict = (result) => {
  if (/before "validFrom"/.test(result.error?.message ?? '')) return { verdict: 'not_yet_valid' };
  assert.ok(result.log, JSON.stringify(result.errors ?? result.error));
  const step = (id) => result.log.find((entry) => entry.id === id)?.valid;
  const signature = step('valid_signature');
  if (step('revocation_status') === false) return { verdict: 'revoked', signature };
  if (step('suspension_status') === false) return { verdict: 'suspended', signature };
  if (step('expiration') === false) return { verdict: 'expired', signature };
  return { verdict: 'valid', signature };
};

const list = await get('/api/v1/certificates?limit=100');
const seen = new Set();
for (const item of list.items) {
  const credential = await get(`/api/v1/certificates/${item.id}`);
  const form = await get(`/api/v1/certificates/${item.id}/open-badge`);
  assert.deepEqual(schemaErrors(form), [], `${item.id}: the Open Badges 3.0 form passes the 1EdTech schema`);
  assert.deepEqual(schemaErrors(credential), ['/credentialStatus must be object'],
    `${item.id}: the credential departs from the schema in its two status entries only`);
  for (const [name, document] of [['credential', credential], ['open-badge form', form]]) {
    const result = await verifyCredential({ credential: document, knownDIDRegistries: [] });
    const { verdict, signature } = dccVerdict(result);
    const siegel = await siegelVerdict(document);
    assert.equal(verdict, siegel.status, `${item.id} ${name}: the DCC verifier says ${verdict}, Siegel ${siegel.status}`);
    assert.ok(siegel.verified, `${item.id} ${name}: ${siegel.reason}`);
    if (verdict !== 'not_yet_valid') assert.equal(signature, true, `${item.id} ${name}: the signature is valid`);
    if (name === 'open-badge form') {
      const check = result.additionalInformation?.find((entry) => entry.id === 'schema_check');
      if (verdict !== 'not_yet_valid') {
        assert.equal(check?.results?.[0]?.result?.valid, true, `${item.id}: ${JSON.stringify(check)}`);
      }
      // The form carries the suspension entry alone; the registry's record still says revoked.
      if (siegel.certificate.status === 'revoked') assert.equal(verdict, 'suspended');
    }
    seen.add(`${name}: ${verdict}`);
  }
  if (item.status === 'valid') {
    const forged = structuredClone(form);
    forged.credentialSubject.name += ' (forged)';
    const result = await verifyCredential({ credential: forged, knownDIDRegistries: [] });
    assert.notEqual(result.log?.find((entry) => entry.id === 'valid_signature')?.valid, true,
      `${item.id}: a forged name must not verify`);
  }
}
for (const verdict of ['expired', 'not_yet_valid', 'revoked', 'suspended', 'valid']) {
  assert.ok(seen.has(`credential: ${verdict}`), `no credential was ${verdict}`);
}
console.log(`dcc: ${list.items.length} credentials and their Open Badges 3.0 forms: valid signatures, verdicts equal Siegel's (${[...seen].sort().join('; ')}); every form passes the 1EdTech schema, every credential fails it on /credentialStatus alone`);
