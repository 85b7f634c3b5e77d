#!/usr/bin/env bash
# shellcheck source-path=SCRIPTDIR
# The docker-compose.yml topology as plain processes on 127.0.0.1: PostgreSQL, 3 silos, 2 web
# fronts and nginx in front of the web fronts on one port. Each process has its own ports, log
# and pid file under the run folder; "up" returns once everything answers and leaves it running.
# Usage and settings: ./scripts/cluster.sh --help
set -euo pipefail

# shellcheck source=lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"
# shellcheck source=lib/postgres.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/postgres.sh"
# shellcheck source=lib/cluster.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/cluster.sh"

usage() {
  cat <<'EOF'
Usage: ./scripts/cluster.sh COMMAND [ARGS]

  up [--no-build]   build (Release, into the app folder), start PostgreSQL, apply the schema, start
                    3 silos, 2 web fronts and nginx; returns once nginx answers
  down              stop nginx, the web fronts, the silos (SIGTERM) and the PostgreSQL "up" started
  status            every process with its pid, ports and state, and the membership table
  start NAME        start one process again (silo1..silo9, web1..web9, nginx); a silo index above
                    the configured count adds a silo (e.g. "start silo4")
  stop NAME         SIGTERM one process and wait for it to exit (a silo leaves the cluster cleanly)
  kill NAME         SIGKILL one process (kill -9), without waiting for anything
  pg-stop           stop PostgreSQL (fast mode) and leave the rest running
  pg-start          start PostgreSQL again on the same port
  env               print the cluster's settings as shell assignments (for scripts)

Environment (defaults in brackets):
  ORLEANSREMARKS_CLUSTER_DIR        run folder: pid files, logs, nginx.conf, cluster.env [.data/cluster]
  ORLEANSREMARKS_PG_HOME            PostgreSQL folder, created on first use [.data/postgres]
  ORLEANSREMARKS_PG_PORT            PostgreSQL port [54329, else the next free one]
  ORLEANSREMARKS_DATABASE           database [orleansremarks]
  ORLEANSREMARKS_APP_DIR            build output used by every process [.data/app]
  ORLEANSREMARKS_CLUSTER_PORT       nginx port on 127.0.0.1 [10006]
  ORLEANSREMARKS_CLUSTER_BASE_PORT  silo N: BASE+N, gateway N: BASE+100+N, web front N: BASE+200+N,
                                    silo N health/metrics (Silo:HttpUrl): BASE+300+N [11200]
  ORLEANSREMARKS_CLUSTER_SILOS      silos started by "up" [3]
  ORLEANSREMARKS_CLUSTER_WEBS       web fronts started by "up" [2]
  Orleans__ClusterId, Orleans__ServiceId, Orleans__Membership__*, Callback__*
                                    passed through to the processes as they are
EOF
}

main() {
  local command="${1:-}"
  (($# > 0)) && shift
  case "$command" in
    up) cluster_up "$@" ;;
    down) cluster_down ;;
    status) cluster_status ;;
    start) cluster_start_named "${1:?start needs a process name}" ;;
    stop) cluster_stop_named "${1:?stop needs a process name}" ;;
    kill) cluster_kill_named "${1:?kill needs a process name}" ;;
    pg-stop) cluster_pg_stop ;;
    pg-start) cluster_pg_start ;;
    env) cluster_print_env ;;
    -h | --help | help) usage ;;
    *)
      usage >&2
      die "unknown command: '${command}'"
      ;;
  esac
}

main "$@"
