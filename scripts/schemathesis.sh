#!/usr/bin/env bash
# Run schemathesis (every check, positive_data_acceptance included) against a fresh
# `vflow serve` on a free loopback port, using the OpenAPI document it serves.
#
#   scripts/schemathesis.sh [MAX_EXAMPLES]     (default 100 per operation and phase)
#
# Installs schemathesis into a throwaway virtualenv (removed at the end), builds the debug
# binary, starts the simulator, runs, stops it. Exit code: schemathesis's.
set -euo pipefail
cd "$(dirname "$0")/.."
max_examples="${1:-100}"

work="$(mktemp -d)"
server_pid=""
cleanup() {
    if [[ -n "$server_pid" ]]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
    rm -rf "$work"
}
trap cleanup EXIT

echo "== virtualenv and schemathesis (throwaway, in $work)"
python3 -m venv "$work/venv"
"$work/venv/bin/pip" install --quiet --disable-pip-version-check schemathesis
"$work/venv/bin/schemathesis" --version

echo "== build"
cargo build --quiet --locked
bin="target/debug/vflow"

port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
base="http://127.0.0.1:$port"
"$bin" serve --bind "127.0.0.1:$port" --quiet > "$work/serve.log" 2>&1 &
server_pid=$!
for _ in $(seq 1 100); do
    if python3 -c "import socket,sys; socket.create_connection(('127.0.0.1',$port),0.2)" 2>/dev/null; then break; fi
    sleep 0.05
done

echo "== schemathesis run $base/_sim/openapi.json (--checks all, --max-examples $max_examples)"
set +e
"$work/venv/bin/schemathesis" --config-file scripts/schemathesis.toml run "$base/_sim/openapi.json" \
    --url "$base" --checks all --max-examples "$max_examples" --seed 1 --no-color
rc=$?
set -e
exit "$rc"
