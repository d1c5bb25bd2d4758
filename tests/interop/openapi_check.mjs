// Checks real responses of a running server against its own OpenAPI 3.1 description, with
// ajv (JSON Schema 2020-12). Every documented path is exercised at least once.
// Usage: node openapi_check.mjs BASE_URL
import assert from 'node:assert/strict';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';

const base = process.argv[2];
const openapi = await (await fetch(`${base}/api/openapi.json`)).json();
const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats(ajv);
ajv.addSchema(openapi, 'openapi.json');

function resolve(node) {
  while (node && node.$ref) {
    node = node.$ref.slice(2).split('/').reduce((n, key) => n[key], openapi);
  }
  return node;
}

const exercised = new Set();
let checked = 0;

// Fetches, then validates status, media type and body against the matching response schema.
async function check(template, path, { method = 'get', body, type, accept, token } = {}, expectedStatus = 200) {
  const headers = {};
  if (token) headers.Authorization = `Bearer ${token}`;
  if (type) headers['Content-Type'] = type;
  if (accept) headers.Accept = accept;
  const res = await fetch(base + path, { method: method.toUpperCase(), body, headers });
  assert.equal(res.status, expectedStatus, `${method} ${path}`);
  const operation = openapi.paths[template]?.[method];
  assert.ok(operation, `${method} ${template} is documented`);
  const response = resolve(operation.responses[String(res.status)]);
  assert.ok(response, `${method} ${template} documents status ${res.status}`);
  const mediaType = (res.headers.get('content-type') || '').split(';')[0];
  const content = response.content?.[mediaType];
  assert.ok(content, `${method} ${template} ${res.status} documents ${mediaType}`);
  const text = await res.text();
  const value = mediaType.endsWith('json') || mediaType === 'application/vc' ? JSON.parse(text) : text;
  const schema = content.schema.$ref ? { $ref: `openapi.json${content.schema.$ref}` } : content.schema;
  const validate = ajv.compile(schema);
  assert.ok(validate(value), `${method} ${path} -> ${res.status}: ${ajv.errorsText(validate.errors)}`);
  for (const header of Object.keys(response.headers || {})) {
    assert.ok(res.headers.get(header), `${method} ${path} sends ${header}`);
  }
  exercised.add(`${method} ${template}`);
  checked++;
  return value;
}

const page = await check('/api/v1/certificates', '/api/v1/certificates?per_page=3');
await check('/api/v1/certificates', '/api/v1/certificates?status=revoked');
await check('/api/v1/certificates', '/api/v1/certificates?status=dead', {}, 400);
const all = await check('/api/v1/certificates', '/api/v1/certificates?per_page=500');
assert.equal(page.total, all.items.length);
for (const item of all.items) {
  await check('/api/v1/certificates/{id}', `/api/v1/certificates/${item.id}`);
  await check('/api/v1/certificates/{id}', `/api/v1/certificates/${item.id}`, { accept: 'application/vc+jwt' });
  await check('/api/v1/certificates/{id}/open-badge', `/api/v1/certificates/${item.id}/open-badge`);
  await check('/api/v1/certificates/{id}/status', `/api/v1/certificates/${item.id}/status`);
  await check('/api/v1/certificates/{id}/status', `/api/v1/certificates/${item.id}/status?at=2025-01-01`);
}
await check('/api/v1/certificates/{id}', '/api/v1/certificates/NOPE-0000-0000', {}, 404);
await check('/api/v1/certificates/{id}/open-badge', '/api/v1/certificates/CEBW-2099-0001/open-badge', {}, 404);
await check('/api/v1/certificates/{id}/status', `/api/v1/certificates/${all.items[0].id}/status?at=never`, {}, 400);
await check('/api/v1/programmes', '/api/v1/programmes');
const initiatives = await check('/api/v1/initiatives', '/api/v1/initiatives');
for (const i of initiatives.items) await check('/api/v1/initiatives/{slug}', `/api/v1/initiatives/${i.slug}`);
await check('/api/v1/initiatives/{slug}', '/api/v1/initiatives/nobody', {}, 404);
await check('/status/{programme}/{purpose}', '/status/ce-bw/revocation');
await check('/status/{programme}/{purpose}', '/status/ce-bw/suspension');
await check('/.well-known/did.json', '/.well-known/did.json');
await check('/.well-known/jwks.json', '/.well-known/jwks.json');
await check('/ns/siegel/v1', '/ns/siegel/v1');
await check('/healthz', '/healthz');
await check('/metrics', '/metrics');
await check('/api/openapi.json', '/api/openapi.json');

const credential = await (await fetch(`${base}/api/v1/certificates/${all.items[0].id}`)).text();
const jws = await (await fetch(`${base}/api/v1/certificates/${all.items[0].id}`, { headers: { Accept: 'application/vc+jwt' } })).text();
await check('/api/v1/verify', '/api/v1/verify', { method: 'post', body: credential, type: 'application/vc' });
await check('/api/v1/verify', '/api/v1/verify', { method: 'post', body: jws, type: 'application/vc+jwt' });
const forged = JSON.parse(credential);
forged.validUntil = '2099-01-01T00:00:00Z';
const report = await check('/api/v1/verify', '/api/v1/verify', { method: 'post', body: JSON.stringify(forged), type: 'application/json' });
assert.equal(report.verified, false);
await check('/api/v1/verify', '/api/v1/verify', { method: 'post', body: 'nonsense', type: 'application/json' }, 400);
await check('/api/v1/verify', '/api/v1/verify', { method: 'post', body: 'x', type: 'image/png' }, 415);
const batch = await check('/api/v1/verify/batch', '/api/v1/verify/batch',
  { method: 'post', body: JSON.stringify([JSON.parse(credential), jws, forged]), type: 'application/json' });
assert.equal(batch.total, 3);
await check('/api/v1/verify/batch', '/api/v1/verify/batch', { method: 'post', body: '{}', type: 'application/json' }, 400);
const verified = await check('/api/v1/verify', '/api/v1/verify', { method: 'post', body: credential, type: 'application/vc' });
assert.ok(verified.log.entries.length >= 1, 'a verified certificate of the registry shows its log entries');

// The transparency log.
const checkpoint = await check('/log/checkpoint', '/log/checkpoint');
const logSize = Number(checkpoint.split('\n')[1]);
await check('/log/key', '/log/key');
await check('/log/entries', `/log/entries?start=0&end=${logSize}`);
await check('/log/entries', `/log/entries?start=0&end=${logSize + 1}`, {}, 400);
await check('/log/entries', '/log/entries?start=x&end=1', {}, 400);
const inclusion = await check('/log/proof/inclusion', `/log/proof/inclusion?index=1&size=${logSize}`);
await check('/log/proof/inclusion', `/log/proof/inclusion?hash=${encodeURIComponent(inclusion.leafHash)}&size=${logSize}`);
await check('/log/proof/inclusion', `/log/proof/inclusion?hash=${encodeURIComponent('A'.repeat(43) + '=')}&size=${logSize}`, {}, 404);
await check('/log/proof/inclusion', `/log/proof/inclusion?index=${logSize}&size=${logSize}`, {}, 400);
await check('/log/proof/consistency', `/log/proof/consistency?from=1&to=${logSize}`);
await check('/log/proof/consistency', `/log/proof/consistency?from=0&to=${logSize}`, {}, 400);
await check('/api/v1/certificates/{id}/log', `/api/v1/certificates/${all.items[0].id}/log`);
await check('/api/v1/certificates/{id}/log', '/api/v1/certificates/NOPE-0000-0000/log', {}, 404);

// The staff API, with the tokens two administrators and two issuers made for themselves.
const {
  SIEGEL_ADMIN_TOKEN: admin, SIEGEL_SECOND_ADMIN_TOKEN: eve, SIEGEL_ISSUER_TOKEN: anna, SIEGEL_SECOND_ISSUER_TOKEN: ben,
} = process.env;
assert.ok(admin && eve && anna && ben, 'run.sh passes four staff tokens');
const json = (value) => ({ method: 'post', body: JSON.stringify(value), type: 'application/json' });
const put = (value) => ({ ...json(value), method: 'put' });
await check('/api/v1/admin/me', '/api/v1/admin/me', {}, 401);
await check('/api/v1/admin/me', '/api/v1/admin/me', { token: anna });
await check('/api/v1/admin/overview', '/api/v1/admin/overview', { token: anna });
await check('/api/v1/admin/users', '/api/v1/admin/users', { token: anna }, 403);
await check('/api/v1/admin/initiatives', '/api/v1/admin/initiatives',
  { ...json({ slug: 'openapi-check', name: 'OpenAPI Check', technologyFields: ['Photonics'] }), token: admin }, 201);
await check('/api/v1/admin/initiatives', '/api/v1/admin/initiatives',
  { ...json({ slug: 'openapi-check', name: 'Again' }), token: admin }, 409);
await check('/api/v1/admin/initiatives', '/api/v1/admin/initiatives', { method: 'post', body: 'x', type: 'text/plain', token: admin }, 415);
await check('/api/v1/admin/initiatives/{slug}', '/api/v1/admin/initiatives/openapi-check',
  { ...put({ name: 'OpenAPI Check BW', technologyFields: ['Photonics'] }), token: admin });
await check('/api/v1/admin/initiatives/{slug}', '/api/v1/admin/initiatives/openapi-check',
  { ...put({ name: 'x', technologyFields: ['Alchemy'] }), token: admin }, 400);
const programme = { code: 'openapi-ki', prefix: 'OAKI', nameDe: 'OpenAPI-KI', nameEn: 'OpenAPI AI',
  description: 'Ein Prüfprogramm', validityMonths: 36, criteria: 'Kriterien', levels: ['Bronze'] };
await check('/api/v1/admin/programmes', '/api/v1/admin/programmes', { ...json(programme), token: admin }, 201);
await check('/api/v1/admin/programmes', '/api/v1/admin/programmes', { ...json(programme), token: admin }, 409);
await check('/api/v1/admin/programmes', '/api/v1/admin/programmes', { ...json(programme), token: anna }, 403);
await check('/api/v1/admin/programmes/{code}', '/api/v1/admin/programmes/openapi-ki',
  { ...put({ ...programme, nameEn: 'OpenAPI AI Excellence' }), token: admin });
await check('/api/v1/admin/programmes/{code}', '/api/v1/admin/programmes/openapi-ki',
  { ...put({ ...programme, validityMonths: 500 }), token: admin }, 400);
await check('/api/v1/admin/programmes/{code}', '/api/v1/admin/programmes/nope',
  { ...put(programme), token: admin }, 404);
const assessment = { initiative: 'openapi-check', assessor: 'ESCA', assessedFrom: '2026-01-05', assessedOn: '2026-01-09' };
const first = await check('/api/v1/admin/assessments', '/api/v1/admin/assessments', { ...json(assessment), token: admin }, 201);
const second = await check('/api/v1/admin/assessments', '/api/v1/admin/assessments', { ...json(assessment), token: admin }, 201);
await check('/api/v1/admin/assessments', '/api/v1/admin/assessments?initiative=openapi-check', { token: anna });
const period = { validFrom: '2026-02-01', validUntil: '2028-02-01' };
const proposal = await check('/api/v1/admin/proposals', '/api/v1/admin/proposals', { ...json({ assessment: first.id, ...period }), token: anna }, 201);
// Proposals do not conflict with each other; only the approval checks against certificates.
const rejectable = await check('/api/v1/admin/proposals', '/api/v1/admin/proposals', { ...json({ assessment: second.id, ...period }), token: anna }, 201);
await check('/api/v1/admin/proposals', '/api/v1/admin/proposals?open=true', { token: anna });
await check('/api/v1/admin/proposals/{id}/approve', `/api/v1/admin/proposals/${proposal.id}/approve`, { method: 'post', token: anna }, 409);
const approved = await check('/api/v1/admin/proposals/{id}/approve', `/api/v1/admin/proposals/${proposal.id}/approve`, { method: 'post', token: ben });
await check('/api/v1/admin/proposals/{id}/reject', `/api/v1/admin/proposals/${rejectable.id}/reject`, { ...json({ note: 'duplicate' }), token: ben });
const id = approved.certificate;
await check('/api/v1/admin/certificates/{id}/suspend', `/api/v1/admin/certificates/${id}/suspend`, { ...json({ reason: 'review' }), token: anna });
await check('/api/v1/admin/certificates/{id}/reinstate', `/api/v1/admin/certificates/${id}/reinstate`, { ...json({ reason: 'report arrived' }), token: anna });
await check('/api/v1/admin/certificates/{id}/revoke', `/api/v1/admin/certificates/${id}/revoke`, { ...json({ reasonCode: 'issued_in_error' }), token: anna }, 403);
await check('/api/v1/admin/certificates/{id}/revoke', `/api/v1/admin/certificates/${id}/revoke`, { ...json({ reasonCode: 'issued_in_error' }), token: admin });
await check('/api/v1/admin/audit', `/api/v1/admin/audit?subject=${id}`, { token: anna });
await check('/api/v1/admin/audit', '/api/v1/admin/audit?from=yesterday', { token: anna }, 400);
await check('/api/v1/admin/audit.csv', '/api/v1/admin/audit.csv?action=proposal.', { token: anna });
await check('/api/v1/admin/tokens', '/api/v1/admin/tokens', { token: admin });
await check('/api/v1/admin/tokens', '/api/v1/admin/tokens', { ...json({ name: 'x', role: 'viewer', expiresOn: '2027-01-01' }), token: admin }, 409);
const tokens = await check('/api/v1/admin/tokens', '/api/v1/admin/tokens', { token: admin });
await check('/api/v1/admin/tokens/{id}/revoke', `/api/v1/admin/tokens/${tokens.items.find((t) => t.createdBy === 'ben').id}/revoke`, { method: 'post', token: admin });
// Keys: rotate, then report the old key compromised since before the demo's certificates were
// issued; every one of them is affected, and one is signed again with the new key.
await check('/api/v1/admin/keys', '/api/v1/admin/keys', { token: admin });
await check('/api/v1/admin/keys/rotate', '/api/v1/admin/keys/rotate', { method: 'post', token: admin }, 201);
const compromised = await check('/api/v1/admin/keys/{keyId}/compromise', '/api/v1/admin/keys/key-1/compromise',
  { ...json({ since: '2020-01-01' }), token: admin });
assert.ok(compromised.affectedCertificates.length > 0);
await check('/api/v1/admin/keys/{keyId}/compromise', '/api/v1/admin/keys/key-1/compromise',
  { ...json({ since: '2020-01-01' }), token: admin }, 409);
let reissued = 0;
for (const affected of compromised.affectedCertificates) {
  const { status, supersededBy } = await (await fetch(`${base}/api/v1/certificates/${affected}/status`)).json();
  // A certificate already renewed is not signed again: its renewal is.
  const expected = (status === 'valid' || status === 'not_yet_valid') && !supersededBy ? 201 : 409;
  await check('/api/v1/admin/certificates/{id}/reissue', `/api/v1/admin/certificates/${affected}/reissue`, { method: 'post', token: admin }, expected);
  if (expected === 201) reissued++;
}
assert.ok(reissued > 0, 'some valid certificate was signed again');
await check('/api/v1/admin/users', '/api/v1/admin/users', { token: admin });
await check('/api/v1/admin/users', '/api/v1/admin/users',
  { ...json({ username: 'neu', displayName: 'Neu', role: 'viewer', password: 'a long secret 1' }), token: admin }, 201);
await check('/api/v1/admin/users/{username}/disable', '/api/v1/admin/users/neu/disable', { method: 'post', token: admin });
await check('/api/v1/admin/programmes/{code}/four-eyes', '/api/v1/admin/programmes/ce-bw/four-eyes', { ...json({ fourEyes: true }), token: admin });
// Staff changes that need a second administrator: a new administrator, a raised role, four
// eyes switched off. The proposer cannot approve them; the other administrator can.
const newAdmin = await check('/api/v1/admin/users', '/api/v1/admin/users',
  { ...json({ username: 'zweite', displayName: 'Zweite', role: 'admin', password: 'a long secret 2' }), token: admin }, 202);
await check('/api/v1/admin/staff-changes', '/api/v1/admin/staff-changes?open=true', { token: eve });
await check('/api/v1/admin/staff-changes', '/api/v1/admin/staff-changes', { token: anna }, 403);
const approveNewAdmin = `/api/v1/admin/staff-changes/${newAdmin.staffChange.id}/approve`;
await check('/api/v1/admin/staff-changes/{id}/approve', approveNewAdmin, { method: 'post', token: admin }, 409);
const added = await check('/api/v1/admin/staff-changes/{id}/approve', approveNewAdmin, { method: 'post', token: eve });
assert.equal(added.decision, 'approved');
await check('/api/v1/admin/staff-changes/{id}/approve', '/api/v1/admin/staff-changes/999/approve', { method: 'post', token: eve }, 404);
const raise = await check('/api/v1/admin/users/{username}/role', '/api/v1/admin/users/neu/role', { ...json({ role: 'issuer' }), token: admin }, 202);
await check('/api/v1/admin/staff-changes/{id}/reject', `/api/v1/admin/staff-changes/${raise.staffChange.id}/reject`, { method: 'post', token: eve });
await check('/api/v1/admin/staff-changes/{id}/reject', `/api/v1/admin/staff-changes/${raise.staffChange.id}/reject`, { method: 'post', token: eve }, 409);
await check('/api/v1/admin/users/{username}/role', '/api/v1/admin/users/zweite/role', { ...json({ role: 'viewer' }), token: admin });
await check('/api/v1/admin/users/{username}/role', '/api/v1/admin/users/nobody/role', { ...json({ role: 'viewer' }), token: admin }, 404);
await check('/api/v1/admin/users/{username}/role', '/api/v1/admin/users/zweite/role', { ...json({ role: 'king' }), token: admin }, 400);
const off = await check('/api/v1/admin/programmes/{code}/four-eyes', '/api/v1/admin/programmes/ce-bw/four-eyes', { ...json({ fourEyes: false }), token: admin }, 202);
await check('/api/v1/admin/staff-changes/{id}/reject', `/api/v1/admin/staff-changes/${off.staffChange.id}/reject`, { method: 'post', token: admin });

const documented = Object.entries(openapi.paths).flatMap(([p, ops]) => Object.keys(ops).map((m) => `${m} ${p}`));
const missing = documented.filter((op) => !exercised.has(op));
assert.deepEqual(missing, [], 'every documented operation was exercised');
console.log(`openapi: ${checked} responses match the description (${exercised.size} operations)`);
