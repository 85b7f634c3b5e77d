#!/usr/bin/env bash
# Validates docker-compose.yml (syntax, anchors, interpolation) without a Docker engine.
# Exits non-zero when the file is invalid. Needs docker-compose (Debian: apt-get install
# docker-compose) or the docker compose plugin.
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo_root"

# The file requires POSTGRES_PASSWORD and REMARKS_API_KEY; placeholders are enough to validate it.
export POSTGRES_PASSWORD="${POSTGRES_PASSWORD:-validation-only}"
export REMARKS_API_KEY="${REMARKS_API_KEY:-validation-only}"

if command -v docker-compose >/dev/null 2>&1; then
  docker-compose -f docker-compose.yml config -q
elif docker compose version >/dev/null 2>&1; then
  docker compose -f docker-compose.yml config -q
else
  echo "check-compose: neither docker-compose nor the docker compose plugin is installed" >&2
  exit 2
fi
echo "docker-compose.yml is valid"
