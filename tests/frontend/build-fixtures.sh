#!/usr/bin/env bash
# Rebuilds the committed test fixtures under tests/fixtures/ with real Vite builds:
# tests/fixtures/vite5 (Vite 5, the tutorial's version), tests/fixtures/vite8 (the
# newest Vite), tests/fixtures/vite8-importmap (the same with `build.chunkImportMap`, so
# chunks import each other through an import map) and tests/fixtures/react (a Vite 8 +
# React app, which the serving benchmarks serve). The vite8 fixture's Vite
# also writes vite8-root-base, vite8-admin-base and vite8-other-base (the same build
# with the bases `/`, `/admin/assets/` and `/static/`) and tests/fixtures/spa (a
# single-page app built from its index.html). Run it after changing anything under
# tests/frontend or the Vite versions, then review and commit the new manifests and bundles.
set -euo pipefail
cd "$(dirname "$0")"
for version in vite5 vite8 vite8-importmap react; do
  echo "==> $version"
  (cd "$version" && npm ci --no-audit --no-fund && npm run build)
done
