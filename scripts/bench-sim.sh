#!/usr/bin/env bash
# Loopback load test of the built-in simulator (`vflow serve --quiet`) with wrk.
#
# Prints requests/s for
#   1. an sms/send error path: every check up to step 8 runs and the answer is
#      400 IDAAS.SDK.CAPTCHA.0004 (malformed pass token);
#   2. an sms/send header error: 400 IDAAS.SDK.PARAM.0001 (the cheapest rejection);
#   3. captcha generation: GET /api/v2/sdk/captcha (two PNGs drawn and encoded per request).
# Targets on a 2-core machine: >= 20,000 req/s for the error path, >= 1,000 puzzles/s.
#
# Usage: scripts/bench-sim.sh [seconds per run, default 5]
# Env:   WRK_THREADS (default 1), WRK_CONNECTIONS (default 32), VFLOW_BIN (skip the build)
set -euo pipefail
cd "$(dirname "$0")/.."

SECS="${1:-5}"
THREADS="${WRK_THREADS:-1}"
CONNS="${WRK_CONNECTIONS:-32}"
CLIENT_ID="nTo1eRIub60vPb54WeE6aojPwYwImtl4"

if ! command -v wrk >/dev/null 2>&1; then
  echo "== installing wrk"
  if ! apt-get install -y wrk >/dev/null 2>&1; then
    apt-get update >/dev/null && apt-get install -y wrk >/dev/null
  fi
fi

if [[ -z "${VFLOW_BIN:-}" ]]; then
  echo "== cargo build --release"
  cargo build --release --locked --quiet
  VFLOW_BIN=target/release/vflow
fi

work="$(mktemp -d)"
server_pid=""
cleanup() {
  if [[ -n "$server_pid" ]]; then
    kill "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

# Port 0: the OS picks a free port; the banner says which.
"$VFLOW_BIN" serve --quiet --bind 127.0.0.1:0 >"$work/banner" 2>"$work/stderr" &
server_pid=$!
base=""
for _ in $(seq 1 100); do
  base="$(grep -o 'http://127\.0\.0\.1:[0-9]*' "$work/banner" 2>/dev/null | head -n1 || true)"
  [[ -n "$base" ]] && break
  if ! kill -0 "$server_pid" 2>/dev/null; then
    echo "vflow serve exited:" >&2
    cat "$work/stderr" >&2
    exit 1
  fi
  sleep 0.05
done
[[ -n "$base" ]] || { echo "vflow serve did not start" >&2; exit 1; }
echo "== simulator at $base (pid $server_pid); $SECS s per run, wrk -t$THREADS -c$CONNS"

# $1 = name of the body file in $work, $2 = 1 to leave out X-agent
lua_post() {
  local body
  body="$(cat "$work/$1")"
  cat <<EOF
wrk.method = "POST"
wrk.body = [[$body]]
wrk.headers["content-type"] = "application/json"
wrk.headers["X-operating-sys-version"] = "Android 10"
wrk.headers["X-device-fingerprint"] = "bench"
wrk.headers["X-client-id"] = "$CLIENT_ID"
EOF
  if [[ "${2:-0}" != 1 ]]; then
    echo 'wrk.headers["X-agent"] = "wrk"'
  fi
}

printf '%s' '{"mobile":"13800138000","type":"LOGIN_SMS","captcha_token":"no-separator"}' >"$work/send.json"
lua_post send.json >"$work/send.lua"
lua_post send.json 1 >"$work/send-no-agent.lua"

# Check that each run measures the answer it claims to.
expect() {
  local got
  got="$(curl -s "${@:2}")"
  if [[ "$got" != *"$1"* ]]; then
    echo "unexpected answer (wanted $1): ${got:0:200}" >&2
    exit 1
  fi
}
H=(-H "X-operating-sys-version: Android 10" -H "X-device-fingerprint: bench" -H "X-client-id: $CLIENT_ID")
expect IDAAS.SDK.CAPTCHA.0004 "${H[@]}" -H "X-agent: wrk" -H "content-type: application/json" \
  --data-binary @"$work/send.json" "$base/api/v2/sdk/sms/send"
expect IDAAS.SDK.PARAM.0001 "${H[@]}" -H "content-type: application/json" \
  --data-binary @"$work/send.json" "$base/api/v2/sdk/sms/send"
expect originalImageBase64 "${H[@]}" -H "X-agent: wrk" "$base/api/v2/sdk/captcha"

run() {
  local label="$1"
  shift
  local out
  out="$(wrk -t"$THREADS" -c"$CONNS" -d"${SECS}s" --latency "$@")"
  local rps
  rps="$(awk '/^Requests\/sec:/ {print $2}' <<<"$out")"
  local p99
  p99="$(awk '$1 == "99%" {print $2}' <<<"$out")"
  local errors
  errors="$(grep -E 'Socket errors' <<<"$out" || true)"
  printf '%-44s %12s req/s   p99 %s %s\n' "$label" "$rps" "$p99" "$errors"
}

echo
run "sms/send -> 400 IDAAS.SDK.CAPTCHA.0004" -s "$work/send.lua" "$base/api/v2/sdk/sms/send"
run "sms/send -> 400 IDAAS.SDK.PARAM.0001" -s "$work/send-no-agent.lua" "$base/api/v2/sdk/sms/send"
run "GET captcha (puzzle generation)" "${H[@]}" -H "X-agent: wrk" "$base/api/v2/sdk/captcha"
echo
echo "targets: >= 20000 req/s (error path), >= 1000 req/s (puzzles); $(nproc) cores shared with wrk"
