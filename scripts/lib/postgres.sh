# shellcheck shell=bash
# A local PostgreSQL cluster kept in a folder of the project (for development runs), built from
# the machine's own PostgreSQL binaries. Source scripts/lib/common.sh first.
#
# Layout of a cluster folder HOME (e.g. .data/postgres):
#   HOME/data                 the data directory (initdb'd once, reused afterwards)
#   HOME/superuser.password   the generated password of the "postgres" role (mode 600)
# The server listens on 127.0.0.1 only (no Unix socket) and asks for that password
# (scram-sha-256). When the scripts run as root, the folder belongs to the "postgres" user and
# every PostgreSQL tool runs as that user (initdb and pg_ctl refuse to run as root).
#
# Environment: ORLEANSREMARKS_PG_BIN = folder with initdb/pg_ctl/postgres/psql (default: found
# on PATH, else the newest /usr/lib/postgresql/*/bin).

if [[ -n "${ORLEANSREMARKS_POSTGRES_SH:-}" ]]; then
  return 0
fi
ORLEANSREMARKS_POSTGRES_SH=1

readonly PG_SUPERUSER=postgres
readonly PG_OS_USER=postgres
PG_BIN=""

# Finds the PostgreSQL server binaries and sets PG_BIN.
pg_find_binaries() {
  local candidate
  if [[ -n "${ORLEANSREMARKS_PG_BIN:-}" ]]; then
    PG_BIN="$ORLEANSREMARKS_PG_BIN"
  elif candidate="$(command -v pg_ctl 2>/dev/null)" && [[ -n "$candidate" ]]; then
    PG_BIN="$(dirname "$(readlink -f "$candidate")")"
  else
    for candidate in /usr/lib/postgresql/*/bin; do
      [[ -x "${candidate}/pg_ctl" ]] && PG_BIN="$candidate"
    done
  fi
  [[ -n "$PG_BIN" && -x "${PG_BIN}/initdb" && -x "${PG_BIN}/pg_ctl" && -x "${PG_BIN}/postgres" ]] ||
    die "PostgreSQL server binaries (initdb, pg_ctl, postgres) not found; install PostgreSQL, set ORLEANSREMARKS_PG_BIN, or pass your own ConnectionStrings__Orleans"
  [[ -x "${PG_BIN}/psql" ]] || command -v psql >/dev/null 2>&1 ||
    die "psql not found (next to pg_ctl in ${PG_BIN} or on PATH)"
}

# Runs a PostgreSQL tool as the owner of the cluster: the "postgres" user when we are root.
pg_as_owner() {
  if running_as_root; then
    runuser -u "$PG_OS_USER" -- "$@"
  else
    "$@"
  fi
}

pg_psql_binary() {
  if [[ -x "${PG_BIN}/psql" ]]; then
    printf '%s\n' "${PG_BIN}/psql"
  else
    command -v psql
  fi
}

pg_major_version_of_binaries() {
  local version
  version="$("${PG_BIN}/postgres" --version)" # e.g. "postgres (PostgreSQL) 15.14 (Debian 15.14-0+deb12u1)"
  version="${version#*) }"
  printf '%s\n' "${version%%.*}"
}

# Creates the cluster in HOME unless it already exists (then checks that the binaries match it).
pg_init() {
  local home="$1" data="$1/data" major
  major="$(pg_major_version_of_binaries)"
  if [[ -d "$home" ]]; then
    # A cluster made by root belongs to "postgres"; one made by a user belongs to that user.
    local owner expected
    owner="$(stat -c %U "$home")"
    expected="$(id -un)"
    running_as_root && expected="$PG_OS_USER"
    [[ "$owner" == "$expected" || "$owner" == "$(id -un)" ]] ||
      die "${home} belongs to '${owner}' (made by another user); run as that user again, or remove ${home}"
  fi

  if [[ -f "${data}/PG_VERSION" ]]; then
    local existing
    existing="$(<"${data}/PG_VERSION")"
    [[ "$existing" == "$major" ]] ||
      die "${data} holds a PostgreSQL ${existing} cluster but the binaries in ${PG_BIN} are version ${major}; remove ${home} or set ORLEANSREMARKS_PG_BIN"
    log "reusing the PostgreSQL ${existing} cluster in ${data}"
    return 0
  fi

  log "creating a PostgreSQL ${major} cluster in ${data} (first run)"
  mkdir -p "$home"
  (umask 077 && od -An -tx1 -N24 /dev/urandom | tr -d ' \n' >"${home}/superuser.password")
  if running_as_root; then
    id "$PG_OS_USER" >/dev/null 2>&1 || die "running as root needs the '${PG_OS_USER}' user to own the cluster"
    chown -R "${PG_OS_USER}:" "$home"
    runuser -u "$PG_OS_USER" -- test -w "$home" ||
      die "the '${PG_OS_USER}' user cannot reach ${home} (a parent folder is not searchable by it); run from a folder it can reach, or run as a normal user"
  fi
  pg_as_owner "${PG_BIN}/initdb" --pgdata="$data" --username="$PG_SUPERUSER" \
    --pwfile="${home}/superuser.password" --auth-host=scram-sha-256 --auth-local=peer \
    --encoding=UTF8 --no-locale >"${home}/initdb.log" 2>&1 || {
    show_log_tail "${home}/initdb.log"
    die "initdb failed"
  }
  # Loopback TCP only. The port is given on each start (pg_start), so it can change between runs.
  pg_as_owner tee -a "${data}/postgresql.conf" >/dev/null <<'EOF'

# --- added by scripts/lib/postgres.sh ---
listen_addresses = '127.0.0.1'
unix_socket_directories = ''
max_connections = 200
EOF
}

# Succeeds while the cluster in HOME has a running server.
pg_is_running() {
  local home="$1"
  [[ -f "${home}/data/postmaster.pid" ]] || return 1
  pg_as_owner "${PG_BIN}/pg_ctl" --pgdata="${home}/data" status >/dev/null 2>&1
}

# Prints the port of the running server of HOME (line 4 of postmaster.pid).
pg_running_port() {
  local home="$1"
  sed -n 4p "${home}/data/postmaster.pid"
}

# Starts the cluster in HOME on 127.0.0.1:PORT, its server log appended to LOGFILE; waits until
# it accepts connections.
pg_start() {
  local home="$1" port="$2" logfile="$3"
  touch "$logfile"
  if running_as_root; then
    chown "${PG_OS_USER}:" "$logfile"
  fi
  log "starting PostgreSQL on 127.0.0.1:${port} (log: ${logfile})"
  pg_as_owner "${PG_BIN}/pg_ctl" --pgdata="${home}/data" --log="$logfile" \
    --options="-p ${port}" --wait --timeout=60 start >/dev/null || {
    show_log_tail "$logfile"
    die "PostgreSQL did not start"
  }
}

# Stops the server of HOME (fast mode: rolls back open transactions, then shuts down cleanly).
pg_stop() {
  local home="$1"
  if pg_is_running "$home"; then
    log "stopping PostgreSQL (${home}/data)"
    pg_as_owner "${PG_BIN}/pg_ctl" --pgdata="${home}/data" --mode=fast --wait --timeout=60 stop >/dev/null ||
      log "pg_ctl stop failed; see the PostgreSQL log"
  fi
}

pg_password() {
  local home="$1"
  cat "${home}/superuser.password"
}

# Runs SQL against database DB of the server of HOME on PORT; prints unaligned tuples.
pg_sql() {
  local home="$1" port="$2" db="$3" sql="$4"
  PGPASSWORD="$(pg_password "$home")" PGCONNECT_TIMEOUT=5 "$(pg_psql_binary)" \
    --host=127.0.0.1 --port="$port" --username="$PG_SUPERUSER" --dbname="$db" \
    --no-psqlrc --quiet --tuples-only --no-align --set=ON_ERROR_STOP=1 --command="$sql"
}

# Creates database DB (a plain identifier) unless it exists.
pg_ensure_database() {
  local home="$1" port="$2" db="$3"
  [[ "$db" =~ ^[a-z_][a-z0-9_]*$ ]] || die "database name '${db}' must be a lower-case identifier"
  if [[ -z "$(pg_sql "$home" "$port" postgres "SELECT 1 FROM pg_database WHERE datname = '${db}'")" ]]; then
    log "creating database ${db}"
    pg_sql "$home" "$port" postgres "CREATE DATABASE ${db}" >/dev/null
  fi
}

# Prints the Npgsql connection string for database DB of the server of HOME on PORT.
pg_connection_string() {
  local home="$1" port="$2" db="$3"
  printf 'Host=127.0.0.1;Port=%s;Username=%s;Password=%s;Database=%s\n' \
    "$port" "$PG_SUPERUSER" "$(pg_password "$home")" "$db"
}

# Uses the local PostgreSQL of HOME when it is already running (and leaves it running), else
# starts it on ORLEANSREMARKS_PG_PORT or the first free port in 54329-54399, logging to LOG_FILE.
# Sets the variable named PORT_VAR to its port, and the one named STARTED_VAR to true before
# starting it (so the caller's clean-up stops it even if start-up fails half-way), else false.
pg_use_or_start() {
  # The locals carry a prefix so printf -v never lands on one of them instead of the caller's variable.
  local pgus_home="$1" pgus_log="$2" pgus_port_var="$3" pgus_started_var="$4" pgus_port
  pg_find_binaries
  pg_init "$pgus_home"
  if pg_is_running "$pgus_home"; then
    pgus_port="$(pg_running_port "$pgus_home")"
    printf -v "$pgus_port_var" '%s' "$pgus_port"
    printf -v "$pgus_started_var" '%s' false
    log "PostgreSQL of ${pgus_home} is already running on port ${pgus_port}; using it (and leaving it running)"
    return 0
  fi

  if [[ -n "${ORLEANSREMARKS_PG_PORT:-}" ]]; then
    pgus_port="$ORLEANSREMARKS_PG_PORT"
    require_free_port "$pgus_port" "PostgreSQL" ORLEANSREMARKS_PG_PORT
  else
    pgus_port="$(first_free_port 54329 54399)" || die "no free port in 54329-54399 for PostgreSQL; set ORLEANSREMARKS_PG_PORT"
  fi
  printf -v "$pgus_port_var" '%s' "$pgus_port"
  printf -v "$pgus_started_var" '%s' true
  pg_start "$pgus_home" "$pgus_port" "$pgus_log"
}
