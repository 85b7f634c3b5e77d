#!/usr/bin/env bash
# shellcheck source-path=SCRIPTDIR/../scripts
# Fault runner: starts a throwaway local cluster (scripts/cluster.sh: PostgreSQL, 3 silos, 2 web
# fronts, nginx), runs the fault scenarios under load against it (faults/FaultRunner), prints the
# results table, stops the cluster, and exits non-zero when any scenario lost an acknowledged
# change or failed otherwise. Traffic goes to 127.0.0.1 only; every step is bounded in time.
#
#   faults/run.sh            all seven scenarios (about 9 minutes; openim-outage runs its own co-hosted web front)
#   faults/run.sh --short    silo-kill, postgres-restart, duplicate-storm (CI; under 5 minutes)
#   faults/run.sh --scenarios silo-kill,silo-added [--rate CALLBACKS_PER_SECOND] [--owners N]
#
# Environment: ORLEANSREMARKS_FAULTS_DIR (work folder; its cluster/ is wiped first) [.data/faults],
# ORLEANSREMARKS_FAULTS_PG_HOME (PostgreSQL folder) [a new one under /tmp, removed afterwards],
# ORLEANSREMARKS_FAULTS_PORT (nginx) [10606], ORLEANSREMARKS_FAULTS_BASE_PORT [12200],
# ORLEANSREMARKS_FAULTS_NO_BUILD=1 reuses the last Silo/WebFront build in the work folder.
set -euo pipefail

# shellcheck source=../scripts/lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/../scripts/lib/common.sh"
# shellcheck source=../scripts/lib/nginx.sh
source "$(dirname "${BASH_SOURCE[0]}")/../scripts/lib/nginx.sh"

WORK_DIR="${ORLEANSREMARKS_FAULTS_DIR:-${DATA_DIR}/faults}"
readonly WORK_DIR
readonly RUNNER_DIR="${WORK_DIR}/runner"
readonly CLUSTER_SCRIPT="${REPO_ROOT}/scripts/cluster.sh"
# Hard caps: the runner stops itself sooner (each scenario has its own deadline).
readonly SHORT_TIMEOUT=270
readonly FULL_TIMEOUT=1500

export ORLEANSREMARKS_CLUSTER_DIR="${WORK_DIR}/cluster"
PG_HOME_CREATED=""
export ORLEANSREMARKS_APP_DIR="${WORK_DIR}/app"
export ORLEANSREMARKS_CLUSTER_PORT="${ORLEANSREMARKS_FAULTS_PORT:-10606}"
export ORLEANSREMARKS_CLUSTER_BASE_PORT="${ORLEANSREMARKS_FAULTS_BASE_PORT:-12200}"
export Orleans__ClusterId=faults
export Orleans__ServiceId=faults
unset ORLEANSREMARKS_PG_PORT

CLUSTER_STARTED=false

# shellcheck disable=SC2317 # invoked by the EXIT trap
cleanup() {
  local status=$?
  trap '' INT TERM
  if [[ "$CLUSTER_STARTED" == true ]]; then
    "$CLUSTER_SCRIPT" down || true
  fi
  if [[ -n "$PG_HOME_CREATED" ]]; then
    rm -rf "$PG_HOME_CREATED"
  fi
  exit "$status"
}

build_runner() {
  log "building the fault runner; log: ${WORK_DIR}/runner-build.log"
  DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 \
    dotnet build "${REPO_ROOT}/faults/FaultRunner/FaultRunner.csproj" --configuration Release \
    --output "$RUNNER_DIR" --nologo >"${WORK_DIR}/runner-build.log" 2>&1 || {
    show_log_tail "${WORK_DIR}/runner-build.log" 60
    die "building the fault runner failed"
  }
}

# PostgreSQL goes to a fresh folder under /tmp unless ORLEANSREMARKS_FAULTS_PG_HOME names one: run
# as root, PostgreSQL runs as the "postgres" user, which may not reach a checkout under /root.
choose_pg_home() {
  if [[ -n "${ORLEANSREMARKS_FAULTS_PG_HOME:-}" ]]; then
    export ORLEANSREMARKS_PG_HOME="$ORLEANSREMARKS_FAULTS_PG_HOME"
  else
    PG_HOME_CREATED="$(mktemp -d "${TMPDIR:-/tmp}/orleansremarks-faults-pg.XXXXXX")"
    export ORLEANSREMARKS_PG_HOME="$PG_HOME_CREATED"
  fi
}

# Stops and removes what an earlier run left in the work folder.
fresh_work_dir() {
  if [[ -f "${ORLEANSREMARKS_CLUSTER_DIR}/cluster.env" ]]; then
    "$CLUSTER_SCRIPT" down >/dev/null 2>&1 || true
  fi
  rm -rf "$ORLEANSREMARKS_CLUSTER_DIR"
  mkdir -p "$WORK_DIR"
}

main() {
  local timeout=$FULL_TIMEOUT build=true started=$SECONDS status=0
  local -a runner_args=()
  while (($# > 0)); do
    case "$1" in
      --short)
        timeout=$SHORT_TIMEOUT
        runner_args+=(--short)
        ;;
      --scenarios | --rate | --owners)
        runner_args+=("$1" "${2:?$1 needs a value}")
        shift
        ;;
      -h | --help)
        sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | grep '^#' | grep -v shellcheck | sed 's/^# \{0,1\}//'
        exit 0
        ;;
      *) die "unknown argument: $1" ;;
    esac
    shift
  done
  [[ "${ORLEANSREMARKS_FAULTS_NO_BUILD:-}" == 1 ]] && build=false
  require_command dotnet curl timeout
  nginx_require
  trap cleanup EXIT
  trap 'exit 130' INT
  trap 'exit 143' TERM

  fresh_work_dir
  choose_pg_home
  build_runner
  CLUSTER_STARTED=true
  if [[ "$build" == true ]]; then
    "$CLUSTER_SCRIPT" up
  else
    "$CLUSTER_SCRIPT" up --no-build
  fi

  local connection_string
  # shellcheck disable=SC1090,SC1091 # cluster.env, written by cluster.sh up
  connection_string="$(source "${ORLEANSREMARKS_CLUSTER_DIR}/cluster.env" && printf '%s' "$CLUSTER_CONNECTION_STRING")"
  log "running the fault scenarios (at most ${timeout}s)"
  ConnectionStrings__Orleans="$connection_string" timeout --signal=TERM --kill-after=20 "$timeout" \
    dotnet "${RUNNER_DIR}/OrleansRemarks.FaultRunner.dll" \
    --url "http://127.0.0.1:${ORLEANSREMARKS_CLUSTER_PORT}" \
    --cluster-script "$CLUSTER_SCRIPT" \
    --cluster-id "$Orleans__ClusterId" --service-id "$Orleans__ServiceId" \
    --base-port "$ORLEANSREMARKS_CLUSTER_BASE_PORT" \
    --results "${WORK_DIR}/results.md" \
    "${runner_args[@]}" || status=$?
  log "fault runner finished with status ${status} after $((SECONDS - started))s (results: ${WORK_DIR}/results.md, logs: ${ORLEANSREMARKS_CLUSTER_DIR}/logs)"
  return "$status"
}

main "$@"
