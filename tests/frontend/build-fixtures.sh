#!/usr/bin/env bash
# Rebuilds the committed test fixtures under tests/fixtures/ with real Vite builds:
# tests/fixtures/vite5 (Vite 5, the tutorial's version) and tests/fixtures/vite8 (the
# newest Vite). Run it after changing anything under tests/frontend/src or the Vite
# versions, then review and commit the new manifests and bundles.
set -euo pipefail
cd "$(dirname "$0")"
for version in vite5 vite8; do
  echo "==> $version"
  (cd "$version" && npm ci --no-audit --no-fund && npm run build)
done
