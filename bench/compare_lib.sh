# Sourced by bench/compare_*.sh: runs `rate NAME BINARY` (each script's own measurement, one
# number per call) for BEFORE and AFTER alternately, ROUNDS times, so that the machine's drift
# hits both alike, then prints each round and the ratio of the medians.
# compare_rounds BEFORE AFTER ROUNDS
compare_rounds() {
  local before="$1" after="$2" rounds="$3" round
  local -a before_rates=() after_rates=()
  for ((round = 1; round <= rounds; round++)); do
    before_rates+=("$(rate before "$before")")
    after_rates+=("$(rate after "$after")")
    echo "round $round: before ${before_rates[-1]}/s, after ${after_rates[-1]}/s"
  done
  local b a
  b="$(median "${before_rates[@]}")" a="$(median "${after_rates[@]}")"
  echo "median: before ${b}/s, after ${a}/s, ratio $(awk -v a="$a" -v b="$b" 'BEGIN {printf "%.2f", a / b}')"
}

median() { printf '%s\n' "$@" | sort -n | awk '{a[NR] = $1} END {print a[int((NR + 1) / 2)]}'; }
