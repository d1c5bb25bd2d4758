// Checks the registry's transparency log with code written here from the C2SP signed-note,
// tlog-checkpoint and RFC 9162 texts and node's built-in Ed25519, sharing nothing with the
// server: the verifier key's id, the checkpoint's signature, an inclusion proof of every
// entry, the consistency proof from every earlier size, and each leaf's own signature.
// Usage: node checkpoint_independently.mjs BASE_URL [EXPECTED_MIN_SIZE]
import assert from 'node:assert/strict';
import { createHash, createPublicKey, verify } from 'node:crypto';

const base = process.argv[2];
const minSize = Number(process.argv[3] || 1);
const get = async (path) => {
  const res = await fetch(base + path);
  assert.equal(res.status, 200, path);
  return res;
};
const sha256 = (...parts) => createHash('sha256').update(Buffer.concat(parts.map((p) => Buffer.from(p)))).digest();
const ed25519 = (raw) => createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: Buffer.from(raw).toString('base64url') }, format: 'jwk' });

// Verifier key: NAME+HEXID+base64(0x01 || key); the base64 may contain '+'.
const vkey = (await (await get('/log/key')).text()).trim();
const first = vkey.indexOf('+');
const second = vkey.indexOf('+', first + 1);
const name = vkey.slice(0, first);
const keyId = Buffer.from(vkey.slice(first + 1, second), 'hex');
const typed = Buffer.from(vkey.slice(second + 1), 'base64');
assert.equal(typed[0], 0x01, 'an Ed25519 verifier key');
const publicKey = typed.subarray(1);
assert.deepEqual(sha256(name, '\n', [0x01], publicKey).subarray(0, 4), keyId, 'key id = SHA-256(name ‖ \\n ‖ 0x01 ‖ key)[0:4]');

// Signed note: text, blank line, "— NAME base64(id ‖ signature)" lines; the text is signed.
const note = await (await get('/log/checkpoint')).text();
const split = note.lastIndexOf('\n\n');
const text = note.slice(0, split + 1);
let signed = false;
for (const line of note.slice(split + 2).split('\n').filter(Boolean)) {
  assert.ok(line.startsWith('\u2014 '), 'a signature line starts with an em dash');
  const [signer, blob] = line.slice(2).split(' ');
  const bytes = Buffer.from(blob, 'base64');
  if (signer !== name || !bytes.subarray(0, 4).equals(keyId)) continue;
  assert.ok(verify(null, Buffer.from(text), ed25519(publicKey), bytes.subarray(4)), 'the checkpoint signature verifies');
  signed = true;
}
assert.ok(signed, 'the log key signed the checkpoint');
const [origin, sizeText, rootText] = text.split('\n');
assert.equal(origin, name, 'the origin is the key name');
const size = Number(sizeText);
assert.ok(size >= minSize, `the log has ${size} entries`);
const root = Buffer.from(rootText, 'base64');

// RFC 9162 §2.1: the tree over all leaves, computed here from the entries themselves.
const entries = [];
for (let start = 0; start < size; start += 1000) {
  const page = await (await get(`/log/entries?start=${start}&end=${Math.min(size, start + 1000)}`)).json();
  entries.push(...page.entries);
}
assert.equal(entries.length, size);
const leafHash = (leaf) => sha256([0x00], Buffer.from(leaf, 'utf8'));
const node = (l, r) => sha256([0x01], l, r);
const split2 = (n) => 2 ** Math.floor(Math.log2(n - 1));
const mth = (hashes) => (hashes.length === 1 ? hashes[0] : node(mth(hashes.slice(0, split2(hashes.length))), mth(hashes.slice(split2(hashes.length)))));
const hashes = entries.map((e) => leafHash(e.leaf));
assert.deepEqual(mth(hashes), root, 'the root recomputed from every entry equals the signed root');

// Each leaf is a LabelLogEvent signed with the log key over its JCS form without "signature"
// (the server writes keys in sorted order; these records hold only ASCII keys and strings).
for (const e of entries) {
  const record = JSON.parse(e.leaf);
  const { signature, ...rest } = record;
  const canonical = JSON.stringify(Object.fromEntries(Object.entries(rest).sort(([a], [b]) => (a < b ? -1 : 1))));
  assert.ok(verify(null, Buffer.from(canonical), ed25519(publicKey), Buffer.from(signature, 'base64url')), `leaf ${e.index} is signed by the log`);
  assert.equal(record.log, name);
}

// Proofs from the server, verified with the §2.1.3.2 and §2.1.4.2 algorithms.
function verifyInclusion(index, n, leaf, proof, expected) {
  let fn = index, sn = n - 1, r = leaf;
  for (const p of proof) {
    assert.ok(sn !== 0);
    if (fn % 2 === 1 || fn === sn) {
      r = node(p, r);
      while (fn % 2 === 0 && fn !== 0) { fn = Math.floor(fn / 2); sn = Math.floor(sn / 2); }
    } else {
      r = node(r, p);
    }
    fn = Math.floor(fn / 2); sn = Math.floor(sn / 2);
  }
  return sn === 0 && r.equals(expected);
}
function verifyConsistency(m, n, oldRoot, newRoot, proof) {
  if (m === n) return proof.length === 0 && oldRoot.equals(newRoot);
  const path = (m & (m - 1)) === 0 ? [oldRoot, ...proof] : proof;
  let fn = m - 1, sn = n - 1;
  while (fn % 2 === 1) { fn = Math.floor(fn / 2); sn = Math.floor(sn / 2); }
  let fr = path[0], sr = path[0];
  for (const c of path.slice(1)) {
    if (sn === 0) return false;
    if (fn % 2 === 1 || fn === sn) {
      fr = node(c, fr); sr = node(c, sr);
      while (fn % 2 === 0 && fn !== 0) { fn = Math.floor(fn / 2); sn = Math.floor(sn / 2); }
    } else {
      sr = node(sr, c);
    }
    fn = Math.floor(fn / 2); sn = Math.floor(sn / 2);
  }
  return sn === 0 && fr.equals(oldRoot) && sr.equals(newRoot);
}
const decode = (list) => list.map((h) => Buffer.from(h, 'base64'));
for (let index = 0; index < size; index++) {
  const proof = await (await get(`/log/proof/inclusion?index=${index}&size=${size}`)).json();
  assert.equal(proof.leaf, entries[index].leaf);
  assert.ok(verifyInclusion(index, size, hashes[index], decode(proof.proof), root), `entry ${index} is in the checkpoint`);
}
for (let m = 1; m <= size; m++) {
  const proof = await (await get(`/log/proof/consistency?from=${m}&to=${size}`)).json();
  assert.ok(verifyConsistency(m, size, mth(hashes.slice(0, m)), root, decode(proof.proof)), `size ${m} is a prefix of size ${size}`);
}
console.log(`log: checkpoint of ${size} entries verified independently (signature, root, ${size} inclusion and ${size} consistency proofs, ${size} leaf signatures)`);
