#!/usr/bin/env bash
# Added latency and throughput of `vflow proxy` against a direct request, with
# nginx (a plain reverse proxy: the floor) and mitmdump --mode reverse: (what a
# user would otherwise reach for) in the same run, all on 127.0.0.1 in front of
# the same `vflow serve`.
#
#   latency:    wrk -t1 -c1 (one keep-alive connection, sequential), p50 and p99
#   throughput: wrk -t2 -c32, requests/s
#
# The request is sms/send's error path: a well-formed pass token the simulator
# never issued (400 IDAAS.SDK.CAPTCHA.0003) after every header and field check.
# Installs what it needs: wrk and nginx (apt), mitmproxy (PyPI, in a throwaway venv).
# Usage: scripts/bench-proxy.sh [SECONDS]   (default 10 per measurement)
set -euo pipefail
cd "$(dirname "$0")/.."

DUR=${1:-10}
SIM_PORT=${SIM_PORT:-18090}
VFLOW_PORT=${VFLOW_PORT:-18091}
NGINX_PORT=${NGINX_PORT:-18092}
MITM_PORT=${MITM_PORT:-18093}

apt_install() {
    if [ "$(id -u)" = 0 ]; then apt-get install -y "$@" >&2; else sudo apt-get install -y "$@" >&2; fi
}
command -v wrk >/dev/null || apt_install wrk
command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || apt_install nginx
NGINX=$(command -v nginx || echo /usr/sbin/nginx)

TMP=$(mktemp -d)
PIDS=()
cleanup() {
    for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
    wait 2>/dev/null || true
    rm -rf "$TMP"
}
trap cleanup EXIT

if [ -z "${MITMDUMP:-}" ]; then
    echo "installing mitmproxy into a throwaway venv" >&2
    python3 -m venv "$TMP/venv" >&2
    "$TMP/venv/bin/pip" install -q mitmproxy >&2
    MITMDUMP="$TMP/venv/bin/mitmdump"
fi

cargo build --release --locked >&2
BIN=$PWD/target/release/vflow
: > "$TMP/config.toml"
export VFLOW_CONFIG="$TMP/config.toml" NO_PROXY='*'

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

"$BIN" proxy --no-tui --upstream "http://127.0.0.1:$SIM_PORT" --bind "127.0.0.1:$VFLOW_PORT" \
    >"$TMP/vflow-proxy.out" 2>"$TMP/vflow-proxy.err" &
PIDS+=($!)

mkdir -p "$TMP/nginx"
cat > "$TMP/nginx.conf" <<CONF
worker_processes auto;
daemon off;
pid $TMP/nginx/nginx.pid;
error_log $TMP/nginx/error.log;
events { worker_connections 1024; }
http {
    access_log off;
    client_body_temp_path $TMP/nginx;
    proxy_temp_path $TMP/nginx;
    fastcgi_temp_path $TMP/nginx;
    uwsgi_temp_path $TMP/nginx;
    scgi_temp_path $TMP/nginx;
    upstream sim { server 127.0.0.1:$SIM_PORT; keepalive 64; }
    server {
        listen 127.0.0.1:$NGINX_PORT;
        location / {
            proxy_pass http://sim;
            proxy_http_version 1.1;
            proxy_set_header Connection "";
        }
    }
}
CONF
"$NGINX" -c "$TMP/nginx.conf" -e "$TMP/nginx/error.log" &
PIDS+=($!)

"$MITMDUMP" -q --mode "reverse:http://127.0.0.1:$SIM_PORT" --listen-host 127.0.0.1 \
    -p "$MITM_PORT" >"$TMP/mitm.out" 2>&1 &
PIDS+=($!)

for p in "$VFLOW_PORT" "$NGINX_PORT" "$MITM_PORT"; do wait_up "$p"; done

cat > "$TMP/post.lua" <<'LUA'
wrk.method = "POST"
wrk.body = '{"mobile":"13800138000","type":"LOGIN_SMS","captcha_token":"0123456789abcdef0123456789abcdef---{\\"x\\":120.0,\\"y\\":5.0}"}'
wrk.headers["X-operating-sys-version"] = "Android 14"
wrk.headers["X-device-fingerprint"] = "156aysdna213sc50"
wrk.headers["X-agent"] = "Mozilla/5.0 (Linux; Android 14; Pixel 8) Mobile Safari/537.36"
wrk.headers["X-L"] = "en"
wrk.headers["X-client-id"] = "nTo1eRIub60vPb54WeE6aojPwYwImtl4"
wrk.headers["Content-Type"] = "application/json"
LUA

URL_PATH=/api/v2/sdk/sms/send
# check that every path answers the expected code before measuring
for p in "$SIM_PORT" "$VFLOW_PORT" "$NGINX_PORT" "$MITM_PORT"; do
    code=$(curl -s -X POST "http://127.0.0.1:$p$URL_PATH" -H 'X-operating-sys-version: a' \
        -H 'X-device-fingerprint: b' -H 'X-agent: c' -H 'X-client-id: nTo1eRIub60vPb54WeE6aojPwYwImtl4' \
        -H 'Content-Type: application/json' \
        --data '{"mobile":"13800138000","type":"LOGIN_SMS","captcha_token":"0123456789abcdef0123456789abcdef---{\"x\":1.0,\"y\":5.0}"}')
    case "$code" in *IDAAS.SDK.CAPTCHA.0003*) ;; *) echo "port $p answered: $code" >&2; exit 1 ;; esac
done

# wrk's latency percentiles, converted to microseconds
to_us() { awk '{v=$1; if (v ~ /us$/) {sub(/us$/,"",v); print v} else if (v ~ /ms$/) {sub(/ms$/,"",v); print v*1000} else if (v ~ /s$/) {sub(/s$/,"",v); print v*1000000}}'; }
latency() {
    local out
    out=$(wrk -t1 -c1 -d"${DUR}s" --latency -s "$TMP/post.lua" "http://127.0.0.1:$1$URL_PATH")
    local p50 p99
    p50=$(echo "$out" | awk '$1=="50%"{print $2}' | to_us)
    p99=$(echo "$out" | awk '$1=="99%"{print $2}' | to_us)
    echo "$p50 $p99"
}
throughput() {
    wrk -t2 -c32 -d"${DUR}s" -s "$TMP/post.lua" "http://127.0.0.1:$1$URL_PATH" \
        | awk '/^Requests\/sec:/{printf "%.0f\n", $2}'
}

declare -A P50 P99 RPS
for name in direct vflow nginx mitmdump; do
    case $name in
        direct) port=$SIM_PORT ;; vflow) port=$VFLOW_PORT ;;
        nginx) port=$NGINX_PORT ;; mitmdump) port=$MITM_PORT ;;
    esac
    read -r P50[$name] P99[$name] < <(latency "$port")
    RPS[$name]=$(throughput "$port")
    echo "measured $name" >&2
done

printf '\n%-10s %10s %10s %14s %14s %10s %10s\n' path p50_us p99_us added_p50_us added_p99_us req_per_s x_direct
for name in direct vflow nginx mitmdump; do
    awk -v n="$name" -v p50="${P50[$name]}" -v p99="${P99[$name]}" -v d50="${P50[direct]}" \
        -v d99="${P99[direct]}" -v rps="${RPS[$name]}" -v drps="${RPS[direct]}" \
        'BEGIN{printf "%-10s %10.0f %10.0f %14.0f %14.0f %10d %9.2fx\n", n, p50, p99, p50-d50, p99-d99, rps, rps/drps}'
done
awk -v v="${P50[vflow]}" -v g="${P50[nginx]}" -v d="${P50[direct]}" \
    'BEGIN{a=v-d; b=g-d; if (b<=0) b=1; printf "\nvflow added p50 / nginx added p50: %.1fx (target <= 3x)\n", a/b}'
awk -v v="${RPS[vflow]}" -v d="${RPS[direct]}" \
    'BEGIN{printf "vflow throughput / direct: %.2fx (target >= 0.4x)\n", v/d}'
echo "vflow proxy recorded $(wc -l < "$TMP/vflow-proxy.out") lines; lagged notes: $(grep -c 'too fast' "$TMP/vflow-proxy.err" || true)"
