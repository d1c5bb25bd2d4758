// The baseline for siegel-verify: npm jose verifying the same JWS files against the same JWKS.
// Usage: node jose_verify.mjs JWKS_FILE JWS_FILE...  (prints verified count and seconds)
import { readFileSync } from 'node:fs';
import * as jose from 'jose';

const [jwksFile, ...files] = process.argv.slice(2);
const keys = jose.createLocalJWKSet(JSON.parse(readFileSync(jwksFile, 'utf8')));
const tokens = files.map((f) => readFileSync(f, 'utf8').trim());
const start = process.hrtime.bigint();
let verified = 0;
for (const token of tokens) {
  await jose.compactVerify(token, keys, { algorithms: ['EdDSA'] });
  verified++;
}
const seconds = Number(process.hrtime.bigint() - start) / 1e9;
console.log(`verified=${verified} seconds=${seconds.toFixed(3)}`);
