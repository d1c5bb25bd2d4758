#!/usr/bin/env bash
# Issuance rate of two builds of siegel-bench-issue, alternating on fresh registries in one
# invocation so that the machine's drift hits both alike: BEFORE (e.g. built from an older
# commit in a git worktree) and AFTER. Prints each run and the ratio of the medians.
# Usage: bench/compare_issuance.sh BEFORE_BINARY AFTER_BINARY [CERTIFICATES=2000] [ROUNDS=5]
set -euo pipefail
before="$1" after="$2" count="${3:-2000}" rounds="${4:-5}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
rate() {  # BINARY: certificates issued per second into a fresh registry
  rm -rf "$work/data"
  "$1" "$work/data" "$count" https://labels.example.org | sed -n 's/^certificates_issued=.*per_second=//p'
}
declare -a before_rates after_rates
for ((round = 1; round <= rounds; round++)); do
  before_rates+=("$(rate "$before")")
  after_rates+=("$(rate "$after")")
  echo "round $round: before ${before_rates[-1]}/s, after ${after_rates[-1]}/s"
done
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR] = $1} END {print a[int((NR + 1) / 2)]}'; }
b="$(median "${before_rates[@]}")" a="$(median "${after_rates[@]}")"
echo "median: before ${b}/s, after ${a}/s, ratio $(awk -v a="$a" -v b="$b" 'BEGIN {printf "%.2f", a / b}')"
