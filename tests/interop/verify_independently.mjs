// Verifies a Siegel credential with implementations that share no code with Siegel:
// npm canonicalize (RFC 8785), node's own Ed25519 (OpenSSL via node), bs58, and jose for the JWS.
// Usage: node verify_independently.mjs BASE_URL CERTIFICATE_ID EXPECTED_NAME
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import zlib from 'node:zlib';
import bs58 from 'bs58';
import canonicalize from 'canonicalize';
import * as jose from 'jose';

const [baseUrl, certificateId, expectedName] = process.argv.slice(2);

async function get(path, accept) {
  const res = await fetch(baseUrl + path, { headers: accept ? { Accept: accept } : {} });
  assert.equal(res.status, 200, `${path} answered ${res.status}`);
  return res.text();
}

function sha256(text) {
  return crypto.createHash('sha256').update(Buffer.from(text, 'utf8')).digest();
}

// The eddsa-jcs-2022 proof of a proof set (Siegel signs with eddsa-rdfc-2022 too).
function jcsProof(secured) {
  const proofs = Array.isArray(secured.proof) ? secured.proof : [secured.proof];
  const proof = proofs.find((p) => p.cryptosuite === 'eddsa-jcs-2022');
  assert.ok(proof, 'an eddsa-jcs-2022 proof');
  return proof;
}

// eddsa-jcs-2022 verification, written from the W3C spec (VC-DI-EDDSA §3.3.2); each proof of
// a set signs the document without any proof.
function verifyEddsaJcs(secured, publicKey) {
  const { proof: allProofs, ...unsecured } = secured;
  const proof = jcsProof(secured);
  const { proofValue, ...proofConfig } = proof;
  assert.equal(proof.cryptosuite, 'eddsa-jcs-2022');
  assert.ok(proofValue.startsWith('z'));
  const signature = Buffer.from(bs58.decode(proofValue.slice(1)));
  const hashData = Buffer.concat([sha256(canonicalize(proofConfig)), sha256(canonicalize(unsecured))]);
  return crypto.verify(null, hashData, publicKey, signature);
}

function keyFromMultikey(multibase) {
  const bytes = Buffer.from(bs58.decode(multibase.slice(1)));
  assert.equal(bytes[0], 0xed);
  assert.equal(bytes[1], 0x01);
  return crypto.createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: bytes.subarray(2).toString('base64url') }, format: 'jwk' });
}

const did = JSON.parse(await get('/.well-known/did.json'));
const jwks = JSON.parse(await get('/.well-known/jwks.json'));
const credential = JSON.parse(await get(`/api/v1/certificates/${certificateId}`));
const jws = (await get(`/api/v1/certificates/${certificateId}`, 'application/vc+jwt')).trim();

// 1. The embedded proof, with the key from the served did.json.
const method = did.verificationMethod.find((m) => m.id === jcsProof(credential).verificationMethod);
assert.ok(method, 'the proof names a method of the DID document');
assert.equal(method.type, 'Multikey');
assert.ok(did.assertionMethod.includes(method.id));
assert.equal(credential.issuer.id, did.id);
const key = keyFromMultikey(method.publicKeyMultibase);
assert.ok(verifyEddsaJcs(credential, key), 'eddsa-jcs-2022 proof verifies independently');
assert.equal(credential.credentialSubject.name, expectedName, 'the name survives signing unchanged');

// 2. Any change breaks it.
const tampered = structuredClone(credential);
tampered.credentialSubject.name = expectedName + ' ';
assert.ok(!verifyEddsaJcs(tampered, key), 'a tampered credential must not verify');
const reverseKeys = (v) =>
  Array.isArray(v) ? v.map(reverseKeys)
  : v && typeof v === 'object' ? Object.fromEntries(Object.entries(v).reverse().map(([k, x]) => [k, reverseKeys(x)]))
  : v;
assert.ok(verifyEddsaJcs(reverseKeys(credential), key), 'key order does not matter under JCS');

// 3. The JWS with jose against the served JWKS, chosen by kid.
const { payload, protectedHeader } = await jose.compactVerify(jws, jose.createLocalJWKSet(jwks), {
  algorithms: ['EdDSA'],
});
assert.equal(protectedHeader.typ, 'vc+jwt');
const { proof, ...withoutProof } = credential;
const { iss, sub, jti, nbf, iat, exp, ...payloadCredential } = JSON.parse(new TextDecoder().decode(payload));
assert.deepEqual(payloadCredential, withoutProof, 'JWS payload = credential without proof, beside the JWT claims');
// 3a. As a JWT, with the registered claims Open Badges 3.0 (§8.2.4) requires, checked by jose
// itself: issuer, subject, not before, expiry.
const { payload: claims } = await jose.jwtVerify(jws, jose.createLocalJWKSet(jwks), {
  algorithms: ['EdDSA'],
  typ: 'vc+jwt',
  issuer: credential.issuer.id,
  subject: credential.credentialSubject.id,
  requiredClaims: ['iss', 'sub', 'jti', 'nbf', 'iat', 'exp'],
});
assert.equal(claims.jti, credential.id);
assert.equal(claims.nbf, Date.parse(credential.validFrom) / 1000);
assert.equal(claims.exp, Date.parse(credential.validUntil) / 1000);
await assert.rejects(
  jose.jwtVerify(jws, jose.createLocalJWKSet(jwks), { currentDate: new Date(Date.parse(credential.validUntil) + 1000) }),
  (e) => e.code === 'ERR_JWT_EXPIRED', 'a JWT library sees the expiry');
const parts = jws.split('.');
const forgedPayload = Buffer.from(JSON.stringify({ ...withoutProof, validUntil: '2099-01-01T00:00:00Z' })).toString('base64url');
await assert.rejects(jose.compactVerify(`${parts[0]}.${forgedPayload}.${parts[2]}`, jose.createLocalJWKSet(jwks)));

// 4. The status lists: signed, GZIP, the certificate's bit readable with node's zlib.
for (const entry of credential.credentialStatus) {
  const list = JSON.parse(await get(new URL(entry.statusListCredential).pathname));
  const listMethod = did.verificationMethod.find((m) => m.id === jcsProof(list).verificationMethod);
  assert.ok(verifyEddsaJcs(list, keyFromMultikey(listMethod.publicKeyMultibase)), 'status list proof verifies');
  const encoded = list.credentialSubject.encodedList;
  assert.ok(encoded.startsWith('uH4sI'), 'GZIP, multibase base64url');
  const bits = zlib.gunzipSync(Buffer.from(encoded.slice(1), 'base64url'));
  assert.ok(bits.length * 8 >= 131072);
  const index = Number(entry.statusListIndex);
  const bit = (bits[index >> 3] >> (7 - (index & 7))) & 1;
  console.log(`${entry.statusPurpose} bit ${index}: ${bit}`);
}
console.log(`independent verification of ${certificateId}: ok`);
