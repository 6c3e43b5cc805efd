#!/usr/bin/env bash
# The page-load benchmark (not run by CI): builds the server (which builds the
# frontend with Vite 8), starts it twice (with and without compression), and
# loads every variant in the system Chromium on an emulated slow and fast
# network. Prints a Markdown table of medians.
#
#     benches/pageload/run.sh [RUNS]      # RUNS per cell, default 5
set -euo pipefail
cd "$(dirname "$0")"
cargo build --release --quiet
(cd harness && npm ci --no-audit --no-fund --silent)
server=target/release/vite-asset-pageload-bench
PORT=8311 COMPRESS=1 "$server" > /dev/null & compressed=$!
PORT=8312 COMPRESS=0 "$server" > /dev/null & uncompressed=$!
trap 'kill $compressed $uncompressed 2>/dev/null' EXIT
for port in 8311 8312; do
  for _ in $(seq 50); do curl -sf -o /dev/null "http://127.0.0.1:$port/" && break; sleep 0.1; done
done
node harness/run.mjs http://127.0.0.1:8311 http://127.0.0.1:8312 "${1:-5}"
