#!/usr/bin/env bash
# Interop checks against independent implementations, through a running `siegel serve`:
# 1. over HTTPS with a development CA: a credential issued by `siegel issue` verifies with npm
#    canonicalize + node's Ed25519 (eddsa-jcs-2022, key from did.json) and npm jose (JWS and
#    the Open Badges JWT claims, key from jwks.json);
# 2. real answers of every documented operation match the OpenAPI description (npm ajv);
# 3. the transparency log's checkpoint, entries and proofs verify with an implementation of
#    C2SP signed notes and RFC 9162 written in node from the specs;
# 4. every credential and status list expands as JSON-LD in safe mode (npm jsonld);
# 5. Digital Bazaar's verifier (@digitalbazaar/vc, eddsa-rdfc-2022 and eddsa-jcs-2022,
#    vc-bitstring-status-list) verifies both proofs of every credential and status list and
#    gives Siegel's verdict for a valid, expired, not yet valid, suspended and revoked label;
# 6. the DCC verifier (@digitalcredentials/verifier-core) finds every credential's signature
#    valid and reaches Siegel's verdict, for the credential and its Open Badges 3.0 form; the
#    form passes the 1EdTech schema (ajv), the credential fails it on credentialStatus alone;
# 7. conversely, siegel-verify and POST /api/v1/verify accept an eddsa-rdfc-2022 proof
#    Digital Bazaar made under the registry's key.
# Steps 1 and 4-7 run over HTTPS, 2 and 3 over plain HTTP.
# Usage: run.sh PATH_TO_SIEGEL
set -euo pipefail
siegel="$1"
here="$(cd "$(dirname "$0")" && pwd)"
# Installs the pinned npm packages when they are missing or the lock file changed.
if [[ ! -f "$here/node_modules/.package-lock.json" || "$here/package-lock.json" -nt "$here/node_modules/.package-lock.json" ]]; then
  (cd "$here" && npm ci --no-audit --no-fund --loglevel=error)
fi
work="$(mktemp -d)"
source "$here/../serve_siegel.sh"
trap 'stop_siegel; rm -rf "$work"' EXIT

# Serves DATA on a free port; sets $port.
start_server() { serve_siegel "$siegel" "$1" "$work/serve.log" --access-log off; }

# Over HTTPS, as partners reach a registry: a certificate from a development CA that only these
# node processes trust (NODE_EXTRA_CA_CERTS), for localhost. A registry served so is named by
# its address, port included (its did:web is did:web:localhost%3APORT), so that verifiers that
# resolve the issuer themselves find it: the port is chosen before the registry is made.
"$here/../../certs/make-dev-cert" "$work/tls" >/dev/null
export NODE_EXTRA_CA_CERTS="$work/tls/dev-ca.pem"
tls_flags=(--tls-cert "$work/tls/dev-cert.pem" --tls-key "$work/tls/dev-key.pem")
free_port() { node -e "const s = require('net').createServer().listen(0, '127.0.0.1', () => { console.log(s.address().port); s.close(); })"; }
# serve_tls DATA PORT LOG: serves DATA over HTTPS at PORT; sets $port.
serve_tls() {
  SIEGEL_SERVE_PORT="$2" serve_siegel "$siegel" "$1" "$3" --access-log off "${tls_flags[@]}"
  grep -q "https://127.0.0.1:$port" "$3" || { echo "not serving over TLS"; exit 1; }
}

data="$work/data"
name='Grüne "Zukunft" <b>&amp;</b> 🚀 Straße'
first_port="$(free_port)"
# One person signs here: the four-eyes workflow is checked through the staff API below.
# (localhost names no host a partner could reach: allowed for this check only.)
"$siegel" init --base-url "https://localhost:$first_port" --allow-insecure-base-url --without-four-eyes --data "$data" >/dev/null
"$siegel" initiative add --slug interop --name "$name" --data "$data" >/dev/null
id="$("$siegel" issue --initiative interop --without-four-eyes --data "$data")"
serve_tls "$data" "$first_port" "$work/serve-first.log"
node "$here/verify_independently.mjs" "https://localhost:$port" "$id" "$name"
"$siegel" revoke "$id" --reason "interop check" --data "$data" >/dev/null
node "$here/verify_independently.mjs" "https://localhost:$port" "$id" "$name" | grep -q "revocation bit [0-9]*: 1" \
  || { echo "the revocation bit is not set after siegel revoke"; exit 1; }

"$siegel" demo --data "$work/demo" --base-url http://127.0.0.1:8080 >/dev/null
# The operator sets up: accounts with the role issuer or admin need no second administrator
# while there are fewer than two administrators.
for account in anna:issuer ben:issuer ada:admin eve:admin; do
  echo "interop check password 1" | "$siegel" user add --username "${account%%:*}" --name "${account%%:*}" \
    --role "${account##*:}" --data "$work/demo" >/dev/null
done
expires="$(date -u -d '+30 days' +%F)"
start_server "$work/demo"
# own_token USER ROLE: the token USER makes for themselves on the tokens page, as a person would.
# (A token made by `siegel user token` is held by the operator at the shell, and one person
# holding two staff members' tokens is still one pair of eyes.)
own_token() {
  local jar="$work/$1.cookies" base="http://127.0.0.1:$port" csrf
  curl -sf -c "$jar" -o /dev/null --data-urlencode "username=$1" \
    --data-urlencode "password=interop check password 1" "$base/admin/sign-in"
  csrf="$(curl -sf -b "$jar" "$base/admin/tokens" | sed -n 's/.*name="csrf" value="\([^"]*\)".*/\1/p' | head -1)"
  curl -sf -b "$jar" --data-urlencode "csrf=$csrf" --data-urlencode "name=openapi-check" \
    --data-urlencode "role=$2" --data-urlencode "expiresOn=$expires" "$base/admin/tokens" \
    | sed -n 's/.*<p class="secret">\([^<]*\)<.*/\1/p'
}
SIEGEL_ADMIN_TOKEN="$(own_token ada admin)"
SIEGEL_SECOND_ADMIN_TOKEN="$(own_token eve admin)"
SIEGEL_ISSUER_TOKEN="$(own_token anna issuer)"
SIEGEL_SECOND_ISSUER_TOKEN="$(own_token ben issuer)"
for token in "$SIEGEL_ADMIN_TOKEN" "$SIEGEL_SECOND_ADMIN_TOKEN" "$SIEGEL_ISSUER_TOKEN" "$SIEGEL_SECOND_ISSUER_TOKEN"; do
  [[ -n "$token" ]] || { echo "ada, eve, anna and ben could not each make a token on /admin/tokens"; exit 1; }
done
export SIEGEL_ADMIN_TOKEN SIEGEL_SECOND_ADMIN_TOKEN SIEGEL_ISSUER_TOKEN SIEGEL_SECOND_ISSUER_TOKEN
node "$here/checkpoint_independently.mjs" "http://127.0.0.1:$port" 10
node "$here/openapi_check.mjs" "http://127.0.0.1:$port"
node "$here/checkpoint_independently.mjs" "http://127.0.0.1:$port" 20
# The same log as static tiles (siegel publish), recomputed from the files alone.
"$siegel" publish "$work/mirror" --data "$work/demo" >/dev/null
node "$here/tiles_independently.mjs" "$work/mirror/log"

# The JSON-LD verifiers over HTTPS: a fresh demo (one certificate in each status; the staff
# checks above re-issued some) at its own address.
tls_port="$(free_port)"
"$siegel" demo --data "$work/demo-tls" --base-url "https://localhost:$tls_port" >/dev/null
serve_tls "$work/demo-tls" "$tls_port" "$work/serve-tls.log"
registry="https://localhost:$port"
node "$here/expand_safely.mjs" "$registry" \
  "$here/../data/vectors/contexts" 1640ab4a9551cc926df59081780ab62d4e0550bc46832a24996588f719c48cae
node "$here/verify_with_digitalbazaar.mjs" "$registry"
# The DCC verifier resolves did:web, contexts and status lists itself; the 1EdTech schema.
node "$here/verify_with_dcc.mjs" "$registry" "$here/../data/vectors/ob3-schema/ob_v3p0_achievementcredential_schema.json"

# Conversely, a label Digital Bazaar signs with eddsa-rdfc-2022 under the registry's key:
# siegel-verify accepts its proof offline (and refuses it forged), and so does the registry's
# API: the content is the one it issued, the proof is made again under its key.
siegel_verify="$(dirname "$siegel")/../verify/siegel-verify"
node "$here/sign_with_digitalbazaar.mjs" "$registry" \
  "$work/demo-tls/keys/key-1.pem" CEBW-2026-0002 "$work/db-signed.json"
for doc in .well-known/did.json status/ce-bw/revocation status/ce-bw/suspension; do
  curl -sf --cacert "$work/tls/dev-ca.pem" "$registry/$doc" >"$work/$(basename "$doc").json"
done
offline=("$siegel_verify" --trust "$work/did.json.json" --status-list "$work/revocation.json"
         --status-list "$work/suspension.json")
verdict="$("${offline[@]}" "$work/db-signed.json")" || { echo "siegel-verify: $verdict"; exit 1; }
[[ "$verdict" == VALID* ]] || { echo "siegel-verify on Digital Bazaar's proof: $verdict"; exit 1; }
sed 's/"name": "/"name": "Forged /' "$work/db-signed.json" >"$work/db-forged.json"
if forged="$("${offline[@]}" "$work/db-forged.json")"; then echo "a forged label verified: $forged"; exit 1; fi
[[ "$forged" == "INVALID: the signature does not match the document" ]] || { echo "forged: $forged"; exit 1; }
answer="$(curl -sf --cacert "$work/tls/dev-ca.pem" -H 'Content-Type: application/vc' \
  --data-binary @"$work/db-signed.json" "$registry/api/v1/verify")"
node -e '
  const a = JSON.parse(process.argv[1]);
  const check = (n) => a.checks.find((c) => c.name === n);
  if (!check("signature").ok || !check("issued").ok || !a.verified || a.status !== "valid") {
    throw new Error(JSON.stringify(a));
  }
' "$answer"
forged="$(curl -sf --cacert "$work/tls/dev-ca.pem" -H 'Content-Type: application/vc' \
  --data-binary @"$work/db-forged.json" "$registry/api/v1/verify")"
node -e 'const a = JSON.parse(process.argv[1]); if (a.verified) throw new Error(JSON.stringify(a));' "$forged"
echo "digitalbazaar: its eddsa-rdfc-2022 proof verifies with siegel-verify ($verdict) and POST /api/v1/verify, a forged copy with neither"
echo "interop: 7 passed, 0 failed"
