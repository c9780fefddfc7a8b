#!/usr/bin/env bash
# Hostile-input checks: builds the debug binary and runs scripts/hostile.py against it
# (a fresh `vflow serve` per group of checks, an evil loopback server for `vflow send`).
# Prints one line per check and `N passed, M failed`; exit 1 when any failed.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --quiet --locked
# 5,000 stalled connections need more descriptors than the usual 1,024 (client and server)
ulimit -n "$(ulimit -Hn)" 2>/dev/null || ulimit -n 20000 2>/dev/null || true
exec python3 scripts/hostile.py target/debug/vflow
