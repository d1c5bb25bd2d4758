// Recomputes the transparency log from a `siegel publish` directory with a few lines written
// here from the C2SP tlog-tiles and RFC 9162 texts, sharing nothing with Siegel: the tile paths
// for the checkpoint's size, every entry hashed into its level-0 tile, the higher tiles as the
// roots of the full tiles below, and the root of the whole tree equal to the checkpoint's.
// Usage: node tiles_independently.mjs LOG_DIR (the log/ folder of a publication)
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

const dir = process.argv[2];
const read = (relative) => fs.readFileSync(path.join(dir, relative));
const sha256 = (...parts) => createHash('sha256').update(Buffer.concat(parts)).digest();
const leafHash = (entry) => sha256(Buffer.from([0]), entry);
const nodeHash = (left, right) => sha256(Buffer.from([1]), left, right);
const split2 = (n) => { let k = 1; while (k * 2 < n) k *= 2; return k; };
const mth = (hashes) => (hashes.length === 1 ? hashes[0]
  : nodeHash(mth(hashes.slice(0, split2(hashes.length))), mth(hashes.slice(split2(hashes.length)))));

// "x001/x234/067": 3-digit elements, all but the last with an x.
const indexPath = (n) => {
  const groups = [];
  do { groups.unshift(String(n % 1000).padStart(3, '0')); n = Math.floor(n / 1000); } while (n > 0);
  return groups.map((g, i) => (i < groups.length - 1 ? `x${g}` : g)).join('/');
};
const tilePath = (level, n, width) => `tile/${level}/${indexPath(n)}${width < 256 ? `.p/${width}` : ''}`;
const entriesPath = (n, width) => `tile/entries/${indexPath(n)}${width < 256 ? `.p/${width}` : ''}`;
const hashesOf = (bytes) => Array.from({ length: bytes.length / 32 }, (_, i) => bytes.subarray(i * 32, i * 32 + 32));

const [, sizeText, rootText] = read('checkpoint').toString('utf8').split('\n');
const size = Number(sizeText);
const root = Buffer.from(rootText, 'base64');
assert.ok(size > 0);

// Level 0: the entries, hashed, are the tile's hashes.
const leaves = [];
for (let n = 0; n * 256 < size; n++) {
  const width = Math.min(256, size - n * 256);
  const tile = hashesOf(read(tilePath(0, n, width)));
  assert.equal(tile.length, width, `level-0 tile ${n} holds ${width} hashes`);
  const bundle = read(entriesPath(n, width));
  let at = 0;
  for (let i = 0; i < width; i++) {
    const length = bundle.readUInt16BE(at);
    const entry = bundle.subarray(at + 2, at + 2 + length);
    at += 2 + length;
    assert.deepEqual(leafHash(entry), tile[i], `entry ${n * 256 + i} hashes to its tile's hash`);
  }
  assert.equal(at, bundle.length, `entry bundle ${n} holds exactly ${width} entries`);
  leaves.push(...tile);
}
// Each higher level: every hash is the root of a full tile's 256 hashes below.
let below = leaves;
for (let level = 1; Math.floor(size / 256 ** level) > 0; level++) {
  const count = Math.floor(size / 256 ** level);
  const hashes = [];
  for (let n = 0; n * 256 < count; n++) {
    const width = Math.min(256, count - n * 256);
    hashes.push(...hashesOf(read(tilePath(level, n, width))));
  }
  hashes.forEach((h, i) => assert.deepEqual(h, mth(below.slice(i * 256, i * 256 + 256)), `level ${level} hash ${i}`));
  below = hashes;
}
assert.deepEqual(mth(leaves), root, 'the root recomputed from the tiles equals the checkpoint\'s');
console.log(`tiles: ${size} entries recomputed from the published tiles, root as signed`);
