#!/usr/bin/env bash
# shellcheck source-path=SCRIPTDIR
# Syncs every OpenIM user with OpenIM now, on the cluster that ./scripts/run.sh runs (or the one
# ConnectionStrings__Orleans points at), and shows its progress until the sweep ends. The sweep runs
# in the cluster: Ctrl-C only stops watching, and running this again shows it going on.
# The silos need OpenIM__ApiUrl and OpenIM__Secret (see README, "Keeping in step with OpenIM").
set -euo pipefail

# shellcheck source=lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"
# shellcheck source=lib/postgres.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/postgres.sh"

readonly SILO_DLL="${DATA_DIR}/app/silo/OrleansRemarks.Silo.dll"
[[ -f "$SILO_DLL" ]] || die "${SILO_DLL} is missing: start the service with ./scripts/run.sh first"

if [[ -z "${ConnectionStrings__Orleans:-}" ]]; then
  readonly PG_HOME="${DATA_DIR}/postgres"
  pg_find_binaries
  pg_is_running "$PG_HOME" || die "the local PostgreSQL of ${PG_HOME} is not running: start the service with ./scripts/run.sh first"
  port="$(pg_running_port "$PG_HOME")"
  ConnectionStrings__Orleans="$(pg_connection_string "$PG_HOME" "$port" "${ORLEANSREMARKS_DATABASE:-orleansremarks}")"
  export ConnectionStrings__Orleans
fi

cd "$(dirname "$SILO_DLL")"
exec dotnet OrleansRemarks.Silo.dll backfill "$@"
