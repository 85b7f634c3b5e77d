# shellcheck shell=bash
# The processes of a local cluster (scripts/cluster.sh): settings, pid files, start/stop/kill of
# one named process. Source scripts/lib/common.sh and scripts/lib/postgres.sh first.
#
# Run folder RUN (ORLEANSREMARKS_CLUSTER_DIR):
#   RUN/cluster.env       the settings "up" chose (ports, connection string; mode 600)
#   RUN/NAME.pid          pid of process NAME (silo1.., web1.., nginx)
#   RUN/logs/NAME.log     its stdout and stderr (the previous run's kept as NAME.previous.log)
#   RUN/nginx/            nginx.conf and nginx's own files
# PostgreSQL's server log is PG_HOME/postgres.log.

if [[ -n "${ORLEANSREMARKS_CLUSTER_SH:-}" ]]; then
  return 0
fi
ORLEANSREMARKS_CLUSTER_SH=1

# shellcheck source=scripts/lib/nginx.sh
source "$(dirname "${BASH_SOURCE[0]}")/nginx.sh"

CLUSTER_DIR="${ORLEANSREMARKS_CLUSTER_DIR:-${DATA_DIR}/cluster}"
CLUSTER_LOG_DIR="${CLUSTER_DIR}/logs"
CLUSTER_ENV_FILE="${CLUSTER_DIR}/cluster.env"
readonly CLUSTER_DIR CLUSTER_LOG_DIR CLUSTER_ENV_FILE
readonly CLUSTER_SILO_START_TIMEOUT=120
readonly CLUSTER_WEB_START_TIMEOUT=120
readonly CLUSTER_SILO_STOP_TIMEOUT=60
readonly CLUSTER_WEB_STOP_TIMEOUT=30

# Settings, from the environment on "up" and from cluster.env afterwards.
CLUSTER_PG_HOME=""
CLUSTER_PG_PORT=""
CLUSTER_PG_STARTED=false
CLUSTER_DATABASE=""
CLUSTER_CONNECTION_STRING=""
CLUSTER_ID=""
CLUSTER_SERVICE_ID=""
CLUSTER_APP_DIR=""
CLUSTER_NGINX_PORT=""
CLUSTER_BASE_PORT=""
CLUSTER_SILOS=""
CLUSTER_WEBS=""

cluster_settings_from_environment() {
  CLUSTER_PG_HOME="${ORLEANSREMARKS_PG_HOME:-${DATA_DIR}/postgres}"
  CLUSTER_DATABASE="${ORLEANSREMARKS_DATABASE:-orleansremarks}"
  CLUSTER_ID="${Orleans__ClusterId:-orleansremarks}"
  CLUSTER_SERVICE_ID="${Orleans__ServiceId:-orleansremarks}"
  CLUSTER_APP_DIR="${ORLEANSREMARKS_APP_DIR:-${DATA_DIR}/app}"
  CLUSTER_NGINX_PORT="${ORLEANSREMARKS_CLUSTER_PORT:-10006}"
  CLUSTER_BASE_PORT="${ORLEANSREMARKS_CLUSTER_BASE_PORT:-11200}"
  CLUSTER_SILOS="${ORLEANSREMARKS_CLUSTER_SILOS:-3}"
  CLUSTER_WEBS="${ORLEANSREMARKS_CLUSTER_WEBS:-2}"
  [[ "$CLUSTER_SILOS" =~ ^[1-9]$ ]] || die "ORLEANSREMARKS_CLUSTER_SILOS must be 1-9"
  [[ "$CLUSTER_WEBS" =~ ^[1-9]$ ]] || die "ORLEANSREMARKS_CLUSTER_WEBS must be 1-9"
  if ! [[ "$CLUSTER_BASE_PORT" =~ ^[0-9]+$ ]] || ((CLUSTER_BASE_PORT < 1024 || CLUSTER_BASE_PORT > 65000)); then
    die "ORLEANSREMARKS_CLUSTER_BASE_PORT must be 1024-65000"
  fi
}

cluster_save_settings() {
  local name
  mkdir -p "$CLUSTER_DIR"
  (
    umask 077
    for name in CLUSTER_PG_HOME CLUSTER_PG_PORT CLUSTER_PG_STARTED CLUSTER_DATABASE CLUSTER_CONNECTION_STRING \
      CLUSTER_ID CLUSTER_SERVICE_ID CLUSTER_APP_DIR CLUSTER_NGINX_PORT CLUSTER_BASE_PORT CLUSTER_SILOS CLUSTER_WEBS; do
      printf '%s=%q\n' "$name" "${!name}"
    done >"$CLUSTER_ENV_FILE"
  )
}

cluster_load_settings() {
  [[ -f "$CLUSTER_ENV_FILE" ]] || die "no cluster in ${CLUSTER_DIR} (run 'scripts/cluster.sh up' first)"
  # shellcheck disable=SC1090 # written by cluster_save_settings
  source "$CLUSTER_ENV_FILE"
}

cluster_print_env() {
  cluster_load_settings
  printf 'CLUSTER_URL=%q\n' "http://127.0.0.1:${CLUSTER_NGINX_PORT}"
  cat "$CLUSTER_ENV_FILE"
}

cluster_silo_port() { printf '%s\n' $((CLUSTER_BASE_PORT + $1)); }
cluster_gateway_port() { printf '%s\n' $((CLUSTER_BASE_PORT + 100 + $1)); }
cluster_web_port() { printf '%s\n' $((CLUSTER_BASE_PORT + 200 + $1)); }
cluster_silo_http_port() { printf '%s\n' $((CLUSTER_BASE_PORT + 300 + $1)); }

# PostgreSQL's log lives beside its data: the "postgres" user that writes it can reach that folder.
cluster_pg_log_file() { printf '%s/postgres.log\n' "$CLUSTER_PG_HOME"; }

cluster_pid_file() { printf '%s/%s.pid\n' "$CLUSTER_DIR" "$1"; }
cluster_log_file() { printf '%s/%s.log\n' "$CLUSTER_LOG_DIR" "$1"; }

# What the command line of process NAME contains; guards against signalling a reused pid.
cluster_marker() {
  case "$1" in
    silo[1-9]) printf 'OrleansRemarks.Silo.dll\n' ;;
    web[1-9]) printf 'OrleansRemarks.WebFront.dll\n' ;;
    nginx) printf 'nginx\n' ;;
    *) die "unknown process name '$1' (silo1..silo9, web1..web9, nginx)" ;;
  esac
}

# Prints the pid of NAME when it runs (and is still the process that was started), else nothing.
cluster_pid_of() {
  local name="$1" file pid marker
  file="$(cluster_pid_file "$name")"
  [[ -f "$file" ]] || return 0
  pid="$(<"$file")"
  process_alive "$pid" || return 0
  marker="$(cluster_marker "$name")"
  tr '\0' ' ' <"/proc/${pid}/cmdline" 2>/dev/null | grep -qF "$marker" || return 0
  printf '%s\n' "$pid"
}

cluster_rotate_log() {
  local file
  file="$(cluster_log_file "$1")"
  mkdir -p "$CLUSTER_LOG_DIR"
  if [[ -f "$file" ]]; then
    mv -f "$file" "${file%.log}.previous.log"
  fi
}

cluster_start_silo() {
  local index="$1" name="silo$1" pid silo_port gateway_port http_port
  [[ -z "$(cluster_pid_of "$name")" ]] || die "${name} is already running"
  silo_port="$(cluster_silo_port "$index")"
  gateway_port="$(cluster_gateway_port "$index")"
  http_port="$(cluster_silo_http_port "$index")"
  require_free_port "$silo_port" "${name} silo port" ORLEANSREMARKS_CLUSTER_BASE_PORT
  require_free_port "$gateway_port" "${name} gateway port" ORLEANSREMARKS_CLUSTER_BASE_PORT
  require_free_port "$http_port" "${name} health/metrics port" ORLEANSREMARKS_CLUSTER_BASE_PORT
  cluster_rotate_log "$name"
  log "starting ${name} (silo port ${silo_port}, gateway ${gateway_port}, health/metrics ${http_port})"
  start_background pid "${CLUSTER_APP_DIR}/silo" "$(cluster_log_file "$name")" \
    env -u ASPNETCORE_URLS \
    "ConnectionStrings__Orleans=${CLUSTER_CONNECTION_STRING}" \
    "Orleans__ClusterId=${CLUSTER_ID}" \
    "Orleans__ServiceId=${CLUSTER_SERVICE_ID}" \
    "Orleans__Endpoints__SiloPort=${silo_port}" \
    "Orleans__Endpoints__GatewayPort=${gateway_port}" \
    "Orleans__Endpoints__AdvertisedIPAddress=127.0.0.1" \
    "Silo__HttpUrl=http://127.0.0.1:${http_port}" \
    dotnet OrleansRemarks.Silo.dll
  printf '%s\n' "$pid" >"$(cluster_pid_file "$name")"
}

# Prints the status of the newest membership row of the silo on SILO_PORT (3 = Active), or nothing.
cluster_membership_status() {
  local silo_port="$1"
  pg_sql "$CLUSTER_PG_HOME" "$CLUSTER_PG_PORT" "$CLUSTER_DATABASE" \
    "SELECT status FROM orleans_membership WHERE deployment_id = '${CLUSTER_ID//\'/\'\'}' AND address = '127.0.0.1' AND port = ${silo_port} ORDER BY generation DESC LIMIT 1" 2>/dev/null || true
}

# Waits until silo INDEX is Active in the membership table and its gateway accepts connections
# (the gateway port opens while the silo is still joining, so the port alone is not enough).
cluster_wait_silo() {
  local index="$1" name="silo$1" pid silo_port gateway_port started=$SECONDS
  pid="$(<"$(cluster_pid_file "$name")")"
  silo_port="$(cluster_silo_port "$index")"
  gateway_port="$(cluster_gateway_port "$index")"
  pg_find_binaries
  until port_in_use "$gateway_port" && [[ "$(cluster_membership_status "$silo_port")" == 3 ]]; do
    if ! process_alive "$pid"; then
      show_log_tail "$(cluster_log_file "$name")"
      die "${name} exited during start-up"
    fi
    if ((SECONDS - started >= CLUSTER_SILO_START_TIMEOUT)); then
      show_log_tail "$(cluster_log_file "$name")"
      die "${name} did not become Active within ${CLUSTER_SILO_START_TIMEOUT}s"
    fi
    sleep 0.3
  done
  log "${name} is up and Active (pid ${pid})"
}

cluster_start_web() {
  local index="$1" name="web$1" pid port
  [[ -z "$(cluster_pid_of "$name")" ]] || die "${name} is already running"
  port="$(cluster_web_port "$index")"
  require_free_port "$port" "${name} HTTP port" ORLEANSREMARKS_CLUSTER_BASE_PORT
  cluster_rotate_log "$name"
  log "starting ${name} on http://127.0.0.1:${port}"
  # One log line per request would cost more than the request: hosting logs at Warning only.
  start_background pid "${CLUSTER_APP_DIR}/webfront" "$(cluster_log_file "$name")" \
    env "ConnectionStrings__Orleans=${CLUSTER_CONNECTION_STRING}" \
    "Orleans__ClusterId=${CLUSTER_ID}" \
    "Orleans__ServiceId=${CLUSTER_SERVICE_ID}" \
    "Logging__LogLevel__Microsoft.AspNetCore=Warning" \
    dotnet OrleansRemarks.WebFront.dll --urls "http://127.0.0.1:${port}"
  printf '%s\n' "$pid" >"$(cluster_pid_file "$name")"
}

cluster_wait_web() {
  local index="$1" name="web$1" pid
  pid="$(<"$(cluster_pid_file "$name")")"
  wait_for_http "http://127.0.0.1:$(cluster_web_port "$index")/" "$pid" "$CLUSTER_WEB_START_TIMEOUT" "$name" || {
    show_log_tail "$(cluster_log_file "$name")"
    die "${name} did not come up"
  }
  log "${name} is up (pid ${pid})"
}

cluster_start_nginx() {
  local pid conf upstreams=() index
  [[ -z "$(cluster_pid_of nginx)" ]] || die "nginx is already running"
  require_free_port "$CLUSTER_NGINX_PORT" "nginx" ORLEANSREMARKS_CLUSTER_PORT
  for ((index = 1; index <= CLUSTER_WEBS; index++)); do
    upstreams+=("127.0.0.1:$(cluster_web_port "$index")")
  done
  conf="$(nginx_write_config "${CLUSTER_DIR}/nginx" "$CLUSTER_NGINX_PORT" "${upstreams[@]}")"
  cluster_rotate_log nginx
  log "starting nginx on http://127.0.0.1:${CLUSTER_NGINX_PORT} (upstreams ${upstreams[*]})"
  start_background pid "${CLUSTER_DIR}/nginx" "$(cluster_log_file nginx)" \
    nginx -p "${CLUSTER_DIR}/nginx/" -c "$conf" -g 'daemon off;'
  printf '%s\n' "$pid" >"$(cluster_pid_file nginx)"
  wait_for_http "http://127.0.0.1:${CLUSTER_NGINX_PORT}/" "$pid" 30 nginx || {
    show_log_tail "$(cluster_log_file nginx)"
    die "nginx did not come up"
  }
  log "nginx is up (pid ${pid})"
}

cluster_start_named() {
  local name="$1"
  cluster_load_settings
  cluster_marker "$name" >/dev/null
  case "$name" in
    silo*)
      cluster_start_silo "${name#silo}"
      cluster_wait_silo "${name#silo}"
      ;;
    web*)
      cluster_start_web "${name#web}"
      cluster_wait_web "${name#web}"
      ;;
    nginx) cluster_start_nginx ;;
  esac
}

cluster_stop_named() {
  local name="$1" pid timeout="$CLUSTER_WEB_STOP_TIMEOUT"
  cluster_load_settings
  cluster_marker "$name" >/dev/null
  [[ "$name" == silo* ]] && timeout="$CLUSTER_SILO_STOP_TIMEOUT"
  pid="$(cluster_pid_of "$name")"
  if [[ -z "$pid" ]]; then
    log "${name} is not running"
  else
    stop_process "$pid" "$name" "$timeout"
  fi
  rm -f "$(cluster_pid_file "$name")"
}

cluster_kill_named() {
  local name="$1" pid
  cluster_load_settings
  cluster_marker "$name" >/dev/null
  pid="$(cluster_pid_of "$name")"
  [[ -n "$pid" ]] || die "${name} is not running"
  log "killing ${name} (pid ${pid}, SIGKILL)"
  kill -KILL "$pid"
}

cluster_pg_stop() {
  cluster_load_settings
  pg_find_binaries
  pg_stop "$CLUSTER_PG_HOME"
}

cluster_pg_start() {
  cluster_load_settings
  pg_find_binaries
  if pg_is_running "$CLUSTER_PG_HOME"; then
    log "PostgreSQL is already running"
    return 0
  fi
  pg_start "$CLUSTER_PG_HOME" "$CLUSTER_PG_PORT" "$(cluster_pg_log_file)"
}

# Publishes Silo and WebFront (Release) into the app folder.
cluster_build() {
  mkdir -p "$CLUSTER_LOG_DIR"
  log "building (Release) into ${CLUSTER_APP_DIR}; log: $(cluster_log_file build)"
  : >"$(cluster_log_file build)"
  publish_service_apps "$CLUSTER_APP_DIR" "$(cluster_log_file build)"
}

cluster_prepare_database() {
  pg_use_or_start "$CLUSTER_PG_HOME" "$(cluster_pg_log_file)" CLUSTER_PG_PORT CLUSTER_PG_STARTED
  pg_ensure_database "$CLUSTER_PG_HOME" "$CLUSTER_PG_PORT" "$CLUSTER_DATABASE"
  CLUSTER_CONNECTION_STRING="$(pg_connection_string "$CLUSTER_PG_HOME" "$CLUSTER_PG_PORT" "$CLUSTER_DATABASE")"
}

cluster_migrate() {
  log "applying the schema; log: $(cluster_log_file migrate)"
  (cd "${CLUSTER_APP_DIR}/silo" && env -u ASPNETCORE_URLS "ConnectionStrings__Orleans=${CLUSTER_CONNECTION_STRING}" \
    dotnet OrleansRemarks.Silo.dll migrate) >"$(cluster_log_file migrate)" 2>&1 || {
    show_log_tail "$(cluster_log_file migrate)"
    die "schema migration failed"
  }
}

cluster_up() {
  local build=true index
  while (($# > 0)); do
    case "$1" in
      --no-build) build=false ;;
      *) die "unknown argument to up: $1" ;;
    esac
    shift
  done
  require_command dotnet curl
  nginx_require
  if [[ -f "$CLUSTER_ENV_FILE" ]] && [[ -n "$(cluster_running_names)" ]]; then
    die "a cluster is already running from ${CLUSTER_DIR} ($(cluster_running_names)); run 'scripts/cluster.sh down' first"
  fi
  cluster_settings_from_environment
  mkdir -p "$CLUSTER_LOG_DIR"
  [[ "$build" == true ]] && cluster_build
  [[ -f "${CLUSTER_APP_DIR}/silo/OrleansRemarks.Silo.dll" && -f "${CLUSTER_APP_DIR}/webfront/OrleansRemarks.WebFront.dll" ]] ||
    die "no build in ${CLUSTER_APP_DIR}; run without --no-build"
  cluster_prepare_database
  cluster_save_settings
  cluster_migrate
  # Silos start together (they join one by one through the membership table), then web fronts.
  for ((index = 1; index <= CLUSTER_SILOS; index++)); do cluster_start_silo "$index"; done
  for ((index = 1; index <= CLUSTER_SILOS; index++)); do cluster_wait_silo "$index"; done
  for ((index = 1; index <= CLUSTER_WEBS; index++)); do cluster_start_web "$index"; done
  for ((index = 1; index <= CLUSTER_WEBS; index++)); do cluster_wait_web "$index"; done
  cluster_start_nginx
  log "cluster is up: http://127.0.0.1:${CLUSTER_NGINX_PORT} (run folder ${CLUSTER_DIR})"
}

# The names of the processes of this run folder that are still running.
cluster_running_names() {
  local file name running=()
  for file in "$CLUSTER_DIR"/*.pid; do
    [[ -e "$file" ]] || continue
    name="$(basename "$file" .pid)"
    [[ -n "$(cluster_pid_of "$name")" ]] && running+=("$name")
  done
  printf '%s\n' "${running[*]}"
}

# Sends SIGTERM to every process of GROUP (a name prefix) at once, then waits for each (logged
# by stop_process while it still runs).
cluster_stop_group() {
  local prefix="$1" timeout="$2" file name pid
  local -a names=() pids=()
  for file in "$CLUSTER_DIR"/"$prefix"*.pid; do
    [[ -e "$file" ]] || continue
    name="$(basename "$file" .pid)"
    pid="$(cluster_pid_of "$name")"
    if [[ -n "$pid" ]]; then
      kill -TERM "$pid" 2>/dev/null || true
      names+=("$name")
      pids+=("$pid")
    fi
    rm -f "$file"
  done
  local i
  for i in "${!pids[@]}"; do
    stop_process "${pids[$i]}" "${names[$i]}" "$timeout"
  done
}

cluster_down() {
  cluster_load_settings
  cluster_stop_group nginx 10
  cluster_stop_group web "$CLUSTER_WEB_STOP_TIMEOUT"
  cluster_stop_group silo "$CLUSTER_SILO_STOP_TIMEOUT"
  if [[ "$CLUSTER_PG_STARTED" == true ]]; then
    pg_find_binaries
    pg_stop "$CLUSTER_PG_HOME"
  fi
  log "cluster is down"
}

cluster_status() {
  local file name pid state ports
  cluster_load_settings
  printf '%-8s %-8s %-8s %s\n' NAME PID STATE PORTS
  for file in "$CLUSTER_DIR"/*.pid; do
    [[ -e "$file" ]] || continue
    name="$(basename "$file" .pid)"
    pid="$(cluster_pid_of "$name")"
    state=running
    [[ -n "$pid" ]] || { state=stopped; pid="$(<"$file")"; }
    case "$name" in
      silo*) ports="silo $(cluster_silo_port "${name#silo}"), gateway $(cluster_gateway_port "${name#silo}")" ;;
      web*) ports="http $(cluster_web_port "${name#web}")" ;;
      *) ports="http ${CLUSTER_NGINX_PORT}" ;;
    esac
    printf '%-8s %-8s %-8s %s\n' "$name" "$pid" "$state" "$ports"
  done
  pg_find_binaries
  if pg_is_running "$CLUSTER_PG_HOME"; then
    printf '%-8s %-8s %-8s %s\n' postgres "$(head -n 1 "${CLUSTER_PG_HOME}/data/postmaster.pid")" running "${CLUSTER_PG_PORT}"
    printf '\nmembership of cluster %s (status 3 = Active, 6 = Dead):\n' "$CLUSTER_ID"
    pg_sql "$CLUSTER_PG_HOME" "$CLUSTER_PG_PORT" "$CLUSTER_DATABASE" \
      "SELECT address || ':' || port || ' gen ' || generation || ' status ' || status || ' gateway ' || proxy_port FROM orleans_membership WHERE deployment_id = '${CLUSTER_ID//\'/\'\'}' ORDER BY port, generation" || true
  else
    printf '%-8s %-8s %-8s %s\n' postgres - stopped "${CLUSTER_PG_PORT}"
  fi
}
