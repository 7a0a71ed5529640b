#!/usr/bin/env bash
# The web console's checks, called by .ci/run:
#   1. installs Debian's chromium (and a font) when missing, and the npm packages (npm ci);
#   2. type-checks and unit-tests the front end (vitest);
#   3. rebuilds console/dist and fails if it differs from the committed assets;
#   4. builds the stepwise binary and runs the end-to-end tests (node's test runner driving
#      chromium through playwright-core) against a real `stepwise serve`, printing the
#      console's performance figures.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v chromium >/dev/null 2>&1; then
  echo "== installing chromium"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq chromium fonts-dejavu-core >/dev/null
fi

echo "== console: npm ci"
(cd console/web && npm ci --no-audit --no-fund --loglevel=error)
(cd console/e2e && npm ci --no-audit --no-fund --loglevel=error)

echo "== console: type check and unit tests"
(cd console/web && npx tsc --noEmit && npx vitest run)

echo "== console: built assets match the source"
fresh=$(mktemp -d)
trap 'rm -rf "$fresh"' EXIT
(cd console/web && npx vite build --logLevel warn --outDir "$fresh/dist" --emptyOutDir)
if ! diff -r "$fresh/dist" console/dist; then
  echo "console/dist is stale: run 'npm run build' in console/web and commit console/dist"
  exit 1
fi

echo "== console: end-to-end tests"
go build -o "$fresh/stepwise" ./cmd/stepwise
(cd console/e2e && STEPWISE_BIN="$fresh/stepwise" npm test)
