#!/usr/bin/env bash
# The dev-loop benchmark (not run by CI): installs the frontend and the
# Chromium driver, builds the server (dev mode), and times in the system
# Chromium: the first page and a CSS hot update through the dev proxy against
# Vite direct, a saved template's reload, and `cargo run` to the first page.
# Prints Markdown tables of medians.
#
#     benches/devloop/run.sh [RUNS]                    # RUNS per cell, default 20
#     DEPS_OPTIMIZED=1 benches/devloop/run.sh [RUNS]   # dependencies at opt-level 2
set -euo pipefail
cd "$(dirname "$0")"
(cd frontend && npm ci --no-audit --no-fund --silent)
(cd harness && npm ci --no-audit --no-fund --silent)
if [ "${DEPS_OPTIMIZED:-0}" = 1 ]; then
  cargo build --quiet --config 'profile.dev.package."*".opt-level=2'
else
  cargo build --quiet
fi
node harness/run.mjs "${1:-20}"
