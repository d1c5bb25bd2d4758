#!/usr/bin/env bash
# Issuance rate of two builds of siegel-bench-issue, alternating on fresh registries in one
# invocation so that the machine's drift hits both alike: BEFORE (e.g. built from an older
# commit in a git worktree) and AFTER. Prints each run and the ratio of the medians.
# Usage: bench/compare_issuance.sh BEFORE_BINARY AFTER_BINARY [CERTIFICATES=2000] [ROUNDS=5]
set -euo pipefail
before="$1" after="$2" count="${3:-2000}" rounds="${4:-5}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
source "$(dirname "$0")/compare_lib.sh"
rate() {  # NAME BINARY: certificates issued per second into a fresh registry
  rm -rf "$work/data"
  "$2" "$work/data" "$count" https://labels.example.org | sed -n 's/^certificates_issued=.*per_second=//p'
}
compare_rounds "$before" "$after" "$rounds"
