# Sourced by the scripts that drive a real `siegel serve` (tests/e2e, tests/interop, bench/load).
# serve_siegel SIEGEL DATA LOG [SERVE_FLAGS...]: serves DATA on 127.0.0.1 at a port the kernel
# picks (or at $SIEGEL_SERVE_PORT, for a registry whose address names its port), and sets
# $server_pid and $port; prints the log and fails if it has not started in 5 s.
# stop_siegel: stops it (a no-op when none runs), for traps and restarts.
server_pid=""
port=""

stop_siegel() {
  if [[ -n "$server_pid" ]]; then
    kill "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
    server_pid=""
  fi
}

serve_siegel() {
  local siegel="$1" data="$2" log="$3"
  shift 3
  stop_siegel
  "$siegel" serve --data "$data" --listen "127.0.0.1:${SIEGEL_SERVE_PORT:-0}" "$@" >"$log" 2>&1 &
  server_pid=$!
  port=""
  for _ in $(seq 1 100); do
    port="$(sed -n 's#.*https\{0,1\}://127\.0\.0\.1:\([0-9]*\).*#\1#p' "$log")"
    [[ -n "$port" ]] && return 0
    kill -0 "$server_pid" 2>/dev/null || break
    sleep 0.05
  done
  echo "siegel serve did not start:" >&2
  cat "$log" >&2
  return 1
}
