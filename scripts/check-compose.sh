#!/usr/bin/env bash
# Validates docker-compose.yml (syntax, anchors, interpolation) without a Docker engine.
# Exits non-zero when the file is invalid. Needs docker-compose (Debian: apt-get install
# docker-compose) or the docker compose plugin.
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo_root"

# The file requires POSTGRES_PASSWORD, REMARKS_API_KEY and CALLBACK_SECRET; placeholders are enough to validate it.
export POSTGRES_PASSWORD="${POSTGRES_PASSWORD:-validation-only}"
export REMARKS_API_KEY="${REMARKS_API_KEY:-validation-only}"
export CALLBACK_SECRET="${CALLBACK_SECRET:-validation-only}"

if command -v docker-compose >/dev/null 2>&1; then
  compose() { docker-compose -f docker-compose.yml "$@"; }
elif docker compose version >/dev/null 2>&1; then
  compose() { docker compose -f docker-compose.yml "$@"; }
else
  echo "check-compose: neither docker-compose nor the docker compose plugin is installed" >&2
  exit 2
fi
compose config -q

fail() { echo "check-compose: $*" >&2; exit 1; }

# The web fronts listen on 0.0.0.0: their callbacks need the secret, so the file must demand it.
if env -u CALLBACK_SECRET bash -c "$(declare -f compose); compose config -q" >/dev/null 2>&1; then
  fail "docker-compose.yml must require CALLBACK_SECRET (Callback__Secret of the web fronts)"
fi

# X-Forwarded-For is believed only from the project's own fixed subnet, where nginx is the proxy.
rendered="$(compose config)"
subnet="$(sed -n 's/^ *- subnet: *//p' <<<"$rendered" | tr -d "\"'")"
[[ -n "$subnet" ]] || fail "the default network must have a fixed subnet (networks.default.ipam.config[0].subnet)"
trusted="$(sed -n 's/^ *Network__TrustedProxies__0: *//p' <<<"$rendered" | tr -d "\"'" | sort -u)"
[[ "$trusted" == "$subnet" ]] ||
  fail "the web fronts must trust X-Forwarded-For only from the compose subnet ${subnet}, not: ${trusted:-nothing}"
grep -q '^ *Callback__Secret: *validation-only' <<<"$rendered" || fail "the web fronts must take Callback__Secret from CALLBACK_SECRET"
echo "docker-compose.yml is valid"
