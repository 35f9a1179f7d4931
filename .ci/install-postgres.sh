#!/usr/bin/env bash
# Installs the PostgreSQL server binaries that reco-store's tests start a throw-away cluster with
# (/usr/lib/postgresql/*/bin/initdb and pg_ctl). Idempotent: does nothing when they are there, or
# when RECO4J_TEST_POSTGRES_URL names a server to use instead. Debian/Ubuntu (apt-get) only.
set -euo pipefail
if [[ -n "${RECO4J_TEST_POSTGRES_URL:-}" ]]; then
  echo "install-postgres: RECO4J_TEST_POSTGRES_URL is set, using that server"
  exit 0
fi
if compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null && compgen -G "/usr/lib/postgresql/*/bin/pg_ctl" >/dev/null; then
  echo "install-postgres: found $(ls -d /usr/lib/postgresql/*/bin | tail -1)"
  exit 0
fi
if ! command -v apt-get >/dev/null; then
  echo "install-postgres: no apt-get here; install the PostgreSQL server or set RECO4J_TEST_POSTGRES_URL" >&2
  exit 1
fi
SUDO=""
if [[ "$(id -u)" != 0 ]]; then
  SUDO="sudo"
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -q
$SUDO apt-get install -y -q --no-install-recommends postgresql
ls -d /usr/lib/postgresql/*/bin
