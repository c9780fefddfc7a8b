#!/usr/bin/env bash
# Memory of `vflow proxy` over many proxied requests: it keeps the newest
# --keep exchanges (default 10,000), so its resident size must stop growing
# once that many went through. On 127.0.0.1 in front of `vflow serve`, wrk
# sends TOTAL requests in bounded rounds (each wrk thread stops after its
# share); the proxy's VmRSS is read from /proc before, after the first round
# (the store just filled) and after each further round.
#
# Usage: scripts/proxy-memory.sh [TOTAL] [ROUNDS]   (default 100000 requests in 5 rounds)
# Needs wrk (installed with apt when missing) and Linux's /proc.
set -euo pipefail
cd "$(dirname "$0")/.."

TOTAL=${1:-100000}
ROUNDS=${2:-5}
SIM_PORT=${SIM_PORT:-18190}
PROXY_PORT=${PROXY_PORT:-18191}
KEEP=${KEEP:-10000}

command -v wrk >/dev/null || {
    if [ "$(id -u)" = 0 ]; then apt-get install -y wrk >&2; else sudo apt-get install -y wrk >&2; fi
}

TMP=$(mktemp -d)
PIDS=()
cleanup() {
    for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
    wait 2>/dev/null || true
    rm -rf "$TMP"
}
trap cleanup EXIT

if [ -z "${BIN:-}" ]; then
    cargo build --release --locked >&2
    BIN=$PWD/target/release/vflow
fi
: > "$TMP/config.toml"
export VFLOW_CONFIG="$TMP/config.toml" NO_PROXY='*' XDG_DATA_HOME="$TMP/data"

wait_up() {
    for _ in $(seq 200); do
        curl -s -o /dev/null "http://127.0.0.1:$1/_sim/outbox" && return 0
        sleep 0.05
    done
    echo "nothing answers on port $1" >&2
    exit 1
}

"$BIN" serve --bind "127.0.0.1:$SIM_PORT" --quiet >/dev/null &
PIDS+=($!)
wait_up "$SIM_PORT"
"$BIN" proxy --no-tui --keep "$KEEP" --upstream "http://127.0.0.1:$SIM_PORT" \
    --bind "127.0.0.1:$PROXY_PORT" >/dev/null 2>"$TMP/proxy.err" &
PROXY=$!
PIDS+=($PROXY)
wait_up "$PROXY_PORT"

rss() { awk '/^VmRSS:/{print $2}' "/proc/$PROXY/status"; }

THREADS=2
PER_ROUND=$((TOTAL / ROUNDS))
PER_THREAD=$((PER_ROUND / THREADS))
# Each wrk thread stops by itself after PER_THREAD answers (the duration is only a ceiling).
cat > "$TMP/post.lua" <<LUA
wrk.method = "POST"
wrk.body = '{"mobile":"13800138000","type":"LOGIN_SMS","captcha_token":"0123456789abcdef0123456789abcdef---{\\\\"x\\\\":120.0,\\\\"y\\\\":5.0}"}'
wrk.headers["X-operating-sys-version"] = "Android 14"
wrk.headers["X-device-fingerprint"] = "156aysdna213sc50"
wrk.headers["X-agent"] = "Mozilla/5.0 (Linux; Android 14; Pixel 8) Mobile Safari/537.36"
wrk.headers["X-client-id"] = "nTo1eRIub60vPb54WeE6aojPwYwImtl4"
wrk.headers["Content-Type"] = "application/json"
local n = 0
function response(status, headers, body)
    n = n + 1
    if n >= $PER_THREAD then wrk.thread:stop() end
end
LUA

printf '%-28s %10s\n' "after" "VmRSS KiB"
printf '%-28s %10s\n' "start" "$(rss)"
sent=0
for r in $(seq "$ROUNDS"); do
    wrk -t"$THREADS" -c8 -d120s -s "$TMP/post.lua" "http://127.0.0.1:$PROXY_PORT/api/v2/sdk/sms/send" >"$TMP/wrk.$r" 2>&1
    got=$(awk '/requests in/{print $1}' "$TMP/wrk.$r")
    sent=$((sent + got))
    printf '%-28s %10s\n' "$sent requests" "$(rss)"
done
awk '/^VmHWM:/{printf "%-28s %10s\n", "peak (VmHWM)", $2}' "/proc/$PROXY/status"
