#!/usr/bin/env bash
# shellcheck source-path=SCRIPTDIR
# Runs OrleansRemarks on this machine with one command: builds (Release), starts a local
# PostgreSQL kept in .data/postgres (unless ConnectionStrings__Orleans is given), applies the
# schema, starts one Silo and one WebFront, and stops all of it on Ctrl-C or SIGTERM.
# Logs: .data/logs/. Options and environment: ./scripts/run.sh --help
set -euo pipefail

# shellcheck source=lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"
# shellcheck source=lib/postgres.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/postgres.sh"

usage() {
  cat <<'EOF'
Usage: ./scripts/run.sh [--no-build]

Builds OrleansRemarks (Release), starts a local PostgreSQL in .data/postgres (unless
ConnectionStrings__Orleans is set), applies the schema, then runs one Silo and one WebFront
until Ctrl-C or SIGTERM, which stops everything it started. Logs are in .data/logs/.

Options:
  --no-build   run the last build in .data/app instead of building first

Environment (defaults in brackets):
  ConnectionStrings__Orleans        use this PostgreSQL instead of the local one
  ORLEANSREMARKS_PG_PORT            local PostgreSQL port [54329, else the next free one]
  ORLEANSREMARKS_DATABASE           database created in the local PostgreSQL [orleansremarks]
  ORLEANSREMARKS_PG_BIN             folder with initdb/pg_ctl/postgres [found on PATH]
  ORLEANSREMARKS_WEB_PORT           WebFront HTTP port on 127.0.0.1 [10006]
  ORLEANSREMARKS_SILO_PORT          silo-to-silo port [11111]
  ORLEANSREMARKS_GATEWAY_PORT       client gateway port [30000]
  ORLEANSREMARKS_SILO_HTTP_PORT     silo health/metrics port [10080]
  Orleans__ClusterId, Orleans__ServiceId, Callback__BasePath, Callback__Secret
                                    passed through to the processes as they are
EOF
}

readonly PG_HOME="${DATA_DIR}/postgres"
readonly APP_DIR="${DATA_DIR}/app"
readonly WEB_PORT="${ORLEANSREMARKS_WEB_PORT:-10006}"
readonly SILO_PORT="${ORLEANSREMARKS_SILO_PORT:-11111}"
readonly GATEWAY_PORT="${ORLEANSREMARKS_GATEWAY_PORT:-30000}"
readonly SILO_HTTP_PORT="${ORLEANSREMARKS_SILO_HTTP_PORT:-10080}"
readonly DATABASE="${ORLEANSREMARKS_DATABASE:-orleansremarks}"
readonly WEB_URL="http://127.0.0.1:${WEB_PORT}"
readonly SILO_START_TIMEOUT=120
readonly WEB_START_TIMEOUT=120

BUILD=true
PG_STARTED=false
SILO_PID=""
WEB_PID=""
CONNECTION_STRING=""
SILO_COMMAND=()

parse_arguments() {
  while (($# > 0)); do
    case "$1" in
      --no-build) BUILD=false ;;
      -h | --help)
        usage
        exit 0
        ;;
      *)
        usage >&2
        die "unknown argument: $1"
        ;;
    esac
    shift
  done
}

# Keeps the previous run's logs as *.previous.log, so each run starts with fresh files.
rotate_logs() {
  mkdir -p "$LOG_DIR"
  local name
  for name in build migrate silo webfront; do
    if [[ -f "${LOG_DIR}/${name}.log" ]]; then
      mv -f "${LOG_DIR}/${name}.log" "${LOG_DIR}/${name}.previous.log"
    fi
  done
}

check_ports() {
  require_free_port "$WEB_PORT" "WebFront HTTP" ORLEANSREMARKS_WEB_PORT
  require_free_port "$SILO_PORT" "silo" ORLEANSREMARKS_SILO_PORT
  require_free_port "$GATEWAY_PORT" "gateway" ORLEANSREMARKS_GATEWAY_PORT
  require_free_port "$SILO_HTTP_PORT" "silo health" ORLEANSREMARKS_SILO_HTTP_PORT
}

build() {
  log "building (Release) into ${APP_DIR}; log: ${LOG_DIR}/build.log"
  publish_service_apps "$APP_DIR" "${LOG_DIR}/build.log"
}

require_build() {
  local dll
  for dll in silo/OrleansRemarks.Silo.dll webfront/OrleansRemarks.WebFront.dll; do
    [[ -f "${APP_DIR}/${dll}" ]] || die "${APP_DIR}/${dll} is missing; run without --no-build"
  done
}

# Sets CONNECTION_STRING: the caller's, or the local PostgreSQL's (started here when needed).
prepare_database() {
  if [[ -n "${ConnectionStrings__Orleans:-}" ]]; then
    log "using the PostgreSQL given in ConnectionStrings__Orleans"
    CONNECTION_STRING="$ConnectionStrings__Orleans"
    return 0
  fi

  local port
  pg_use_or_start "$PG_HOME" "${LOG_DIR}/postgres.log" port PG_STARTED
  pg_ensure_database "$PG_HOME" "$port" "$DATABASE"
  CONNECTION_STRING="$(pg_connection_string "$PG_HOME" "$port" "$DATABASE")"
  log "PostgreSQL: 127.0.0.1:${port}, database ${DATABASE}"
}

# The command line of the Silo with this run's settings (ASPNETCORE_URLS is meant for the
# WebFront only, so the Silo does not inherit it).
silo_command() {
  SILO_COMMAND=(env -u ASPNETCORE_URLS
    "ConnectionStrings__Orleans=${CONNECTION_STRING}"
    "Orleans__Endpoints__SiloPort=${SILO_PORT}"
    "Orleans__Endpoints__GatewayPort=${GATEWAY_PORT}"
    "Orleans__Endpoints__AdvertisedIPAddress=127.0.0.1"
    "Silo__HttpUrl=http://127.0.0.1:${SILO_HTTP_PORT}"
    dotnet OrleansRemarks.Silo.dll)
}

migrate() {
  log "applying the schema (Silo migrate); log: ${LOG_DIR}/migrate.log"
  silo_command
  (cd "${APP_DIR}/silo" && "${SILO_COMMAND[@]}" migrate) >>"${LOG_DIR}/migrate.log" 2>&1 || {
    show_log_tail "${LOG_DIR}/migrate.log"
    die "schema migration failed"
  }
}

# Waits until the silo's gateway accepts connections: the silo has joined the cluster.
wait_for_silo() {
  local started=$SECONDS
  until port_in_use "$GATEWAY_PORT"; do
    if ! process_alive "$SILO_PID"; then
      show_log_tail "${LOG_DIR}/silo.log"
      die "the Silo exited during start-up"
    fi
    if ((SECONDS - started >= SILO_START_TIMEOUT)); then
      show_log_tail "${LOG_DIR}/silo.log"
      die "the Silo's gateway (port ${GATEWAY_PORT}) did not open within ${SILO_START_TIMEOUT}s"
    fi
    sleep 0.5
  done
}

start_silo() {
  log "starting the Silo (silo port ${SILO_PORT}, gateway ${GATEWAY_PORT}); log: ${LOG_DIR}/silo.log"
  silo_command
  start_background SILO_PID "${APP_DIR}/silo" "${LOG_DIR}/silo.log" "${SILO_COMMAND[@]}"
  wait_for_silo
  log "Silo is up (pid ${SILO_PID})"
}

start_webfront() {
  log "starting the WebFront on ${WEB_URL}; log: ${LOG_DIR}/webfront.log"
  start_background WEB_PID "${APP_DIR}/webfront" "${LOG_DIR}/webfront.log" \
    env ConnectionStrings__Orleans="$CONNECTION_STRING" \
    dotnet OrleansRemarks.WebFront.dll --urls "$WEB_URL"
  wait_for_http "${WEB_URL}/" "$WEB_PID" "$WEB_START_TIMEOUT" WebFront || {
    show_log_tail "${LOG_DIR}/webfront.log"
    die "the WebFront did not come up"
  }
  log "WebFront is up (pid ${WEB_PID})"
}

# Stops what this run started, in order: WebFront, Silo, then PostgreSQL. Runs on every exit.
# shellcheck disable=SC2317 # invoked by the EXIT trap
cleanup() {
  local status=$?
  trap '' INT TERM HUP
  if [[ -n "$WEB_PID" ]]; then
    stop_process "$WEB_PID" WebFront 30 || true
    WEB_PID=""
  fi
  if [[ -n "$SILO_PID" ]]; then
    stop_process "$SILO_PID" Silo 60 || true
    SILO_PID=""
  fi
  if [[ "$PG_STARTED" == true ]]; then
    pg_stop "$PG_HOME" || true
    PG_STARTED=false
  fi
  log "all stopped"
  exit "$status"
}

# shellcheck disable=SC2317 # invoked by the signal traps
on_signal() {
  log "received $1; shutting down"
  exit 0
}

# Returns when the Silo or the WebFront exits (then this run fails).
supervise() {
  local status=0
  wait -n "$SILO_PID" "$WEB_PID" || status=$?
  if ! process_alive "$SILO_PID"; then
    show_log_tail "${LOG_DIR}/silo.log"
    die "the Silo exited (status ${status})"
  fi
  show_log_tail "${LOG_DIR}/webfront.log"
  die "the WebFront exited (status ${status})"
}

main() {
  parse_arguments "$@"
  require_command dotnet curl
  trap cleanup EXIT
  trap 'on_signal SIGINT' INT
  trap 'on_signal SIGTERM' TERM
  trap 'on_signal SIGHUP' HUP

  rotate_logs
  check_ports
  if [[ "$BUILD" == true ]]; then
    build
  fi
  require_build
  prepare_database
  migrate
  start_silo
  start_webfront

  local base="${Callback__BasePath:-/callbackExample}"
  log "OrleansRemarks is running at ${WEB_URL} (OpenIM webhook base URL: ${WEB_URL}${base})"
  log "logs: ${LOG_DIR}; press Ctrl-C to stop"
  supervise
}

main "$@"
