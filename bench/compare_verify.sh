#!/usr/bin/env bash
# POST /api/v1/verify of one valid label, as partners and the verification page send it again
# and again, on two builds of `siegel` alternating in one invocation: BEFORE (e.g. built from
# an older commit in a git worktree, whose demo labels carry that build's proofs) and AFTER.
# Each serves a demo registry it made itself on 127.0.0.1 (verification rate limit off); wrk,
# 2 threads and 16 connections. Prints each run and the ratio of the medians.
# Usage: bench/compare_verify.sh BEFORE_SIEGEL AFTER_SIEGEL [SECONDS=5] [ROUNDS=3]
set -euo pipefail
before="$1" after="$2" seconds="${3:-5}" rounds="${4:-3}"
here="$(cd "$(dirname "$0")" && pwd)"
work="$(mktemp -d)"
source "$here/../tests/serve_siegel.sh"
source "$here/compare_lib.sh"
trap 'stop_siegel; rm -rf "$work"' EXIT
rate() {  # NAME SIEGEL: requests per second
  "$2" demo --data "$work/$1" >/dev/null 2>&1 || true  # made once; later rounds reuse it
  serve_siegel "$2" "$work/$1" "$work/$1.log" --access-log off --verify-rate 0
  curl -sf "http://127.0.0.1:$port/api/v1/certificates/CEBW-2026-0002" >"$work/$1.json"
  cat >"$work/$1.lua" <<LUA
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/vc"
local f = io.open("$work/$1.json", "rb"); wrk.body = f:read("*a"); f:close()
LUA
  local answer
  answer="$(curl -sf -H 'Content-Type: application/vc' --data-binary @"$work/$1.json" "http://127.0.0.1:$port/api/v1/verify")"
  [[ "$answer" == *'"status":"valid"'* ]] || { echo "$1: the label does not verify: $answer" >&2; exit 1; }
  wrk -t2 -c16 -d"${seconds}s" -s "$work/$1.lua" "http://127.0.0.1:$port/api/v1/verify" |
    sed -n 's/^Requests\/sec: *//p'
  stop_siegel
}
compare_rounds "$before" "$after" "$rounds"
