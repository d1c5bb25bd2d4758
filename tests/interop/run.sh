#!/usr/bin/env bash
# Interop check: a credential issued by `siegel issue` and served by `siegel serve` verifies
# with independent implementations (npm canonicalize + node Ed25519, npm jose).
# Usage: run.sh PATH_TO_SIEGEL
set -euo pipefail
siegel="$1"
here="$(cd "$(dirname "$0")" && pwd)"
# Installs the pinned npm packages when they are missing or the lock file changed.
if [[ ! -f "$here/node_modules/.package-lock.json" || "$here/package-lock.json" -nt "$here/node_modules/.package-lock.json" ]]; then
  (cd "$here" && npm ci --no-audit --no-fund --loglevel=error)
fi
work="$(mktemp -d)"
server_pid=""
cleanup() {
  [[ -n "$server_pid" ]] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT

data="$work/data"
name='Grüne "Zukunft" <b>&amp;</b> 🚀 Straße'
"$siegel" init --base-url http://127.0.0.1:8080 --data "$data" >/dev/null
"$siegel" initiative add --slug interop --name "$name" --data "$data" >/dev/null
id="$("$siegel" issue --initiative interop --data "$data")"

"$siegel" serve --listen 127.0.0.1:0 --access-log off --data "$data" >"$work/serve.log" &
server_pid=$!
for _ in $(seq 1 100); do
  port="$(sed -n 's#.*http://127\.0\.0\.1:\([0-9]*\).*#\1#p' "$work/serve.log")"
  [[ -n "$port" ]] && break
  sleep 0.05
done
[[ -n "$port" ]] || { echo "siegel serve did not start"; cat "$work/serve.log"; exit 1; }

node "$here/verify_independently.mjs" "http://127.0.0.1:$port" "$id" "$name"
"$siegel" revoke "$id" --reason "interop check" --data "$data" >/dev/null
node "$here/verify_independently.mjs" "http://127.0.0.1:$port" "$id" "$name" | grep -q "revocation bit [0-9]*: 1" \
  || { echo "the revocation bit is not set after siegel revoke"; exit 1; }
echo "interop: 1 passed, 0 failed"
