#!/usr/bin/env bash
# Installs PostgreSQL's server programs (Debian's postgresql package) when
# they are missing, for the tests that start a server of their own
# (internal/pgtest). Idempotent and quiet; run as root, as CI runs.
set -euo pipefail

if compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null || command -v initdb >/dev/null; then
  exit 0
fi

log=$(mktemp)
trap 'rm -f "$log"' EXIT
export DEBIAN_FRONTEND=noninteractive
if ! { apt-get update -qq && apt-get install -y -qq postgresql; } >"$log" 2>&1; then
  cat "$log" >&2
  echo "postgres.sh: installing postgresql failed" >&2
  exit 1
fi
echo "postgres.sh: installed $(ls /usr/lib/postgresql)"
