# shellcheck shell=bash
# Shared helpers for the scripts in scripts/: logging, ports, background processes, readiness.
# Source it; it defines functions and a few read-only paths, exports the .NET runtime settings
# below, and runs nothing else.

if [[ -n "${ORLEANSREMARKS_COMMON_SH:-}" ]]; then
  return 0
fi
ORLEANSREMARKS_COMMON_SH=1

# The .NET GC's largest gen0 budget (16 MiB per heap) for every Silo and WebFront started from
# these scripts. Every gen0 collection copies the owner state changed since the last one, so its
# pause grows with the budget: with the default (about 64 MiB per heap here) pauses were 40-100 ms
# and set the callback p99; capped, they stay under about 35 ms (docs/PERFORMANCE.md). The runtime
# reads it only from the environment, and the name is case-sensitive; an operator's own value wins.
# The Dockerfiles set the same.
export DOTNET_GCGen0MaxBudget="${DOTNET_GCGen0MaxBudget:-0x1000000}"

# The repository root (this file lives in scripts/lib/).
REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
readonly REPO_ROOT
DATA_DIR="${REPO_ROOT}/.data"
LOG_DIR="${DATA_DIR}/logs"
# shellcheck disable=SC2034 # used by the scripts that source this file
readonly DATA_DIR LOG_DIR

log() {
  printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*" >&2
}

die() {
  log "ERROR: $*"
  exit 1
}

require_command() {
  local name
  for name in "$@"; do
    command -v "$name" >/dev/null 2>&1 || die "'$name' is required but was not found on PATH"
  done
}

running_as_root() {
  [[ "$(id -u)" == 0 ]]
}

# Succeeds when something accepts TCP connections on 127.0.0.1:PORT.
port_in_use() {
  local port="$1"
  (exec 3<>"/dev/tcp/127.0.0.1/${port}") 2>/dev/null
}

# Prints the first port from FIRST..LAST that nothing listens on, or fails.
first_free_port() {
  local first="$1" last="$2" port
  for ((port = first; port <= last; port++)); do
    if ! port_in_use "$port"; then
      printf '%s\n' "$port"
      return 0
    fi
  done
  return 1
}

# Fails with a clear message when a port the caller must bind is already taken.
require_free_port() {
  local port="$1" what="$2" variable="$3"
  if port_in_use "$port"; then
    die "port ${port} (${what}) is already in use on 127.0.0.1; stop whatever holds it or set ${variable}"
  fi
}

# Succeeds while PID is a live process (a zombie that is not reaped yet counts as gone).
process_alive() {
  local pid="$1" stat
  [[ -n "$pid" ]] || return 1
  kill -0 "$pid" 2>/dev/null || return 1
  if [[ -r "/proc/${pid}/stat" ]]; then
    stat="$(<"/proc/${pid}/stat")" || return 1
    # Field 3 (after the parenthesised command name) is the state; Z = zombie, X = dead.
    stat="${stat##*) }"
    [[ "${stat:0:1}" != Z && "${stat:0:1}" != X ]]
  fi
}

# Starts COMMAND... in the background in its own session (so a Ctrl-C on the terminal reaches only
# this script, which then stops the children in order), in folder DIR, with stdout and stderr
# appended to LOGFILE, and stores its PID in the variable named VAR. (Not "$(...)": a process
# started in a command substitution would be a child of that subshell, not of this script.)
start_background() {
  local var="$1" dir="$2" logfile="$3"
  shift 3
  local -a detach=()
  if command -v setsid >/dev/null 2>&1; then
    detach=(setsid)
  fi
  (cd "$dir" && exec "${detach[@]}" "$@") >>"$logfile" 2>&1 </dev/null &
  printf -v "$var" '%s' "$!"
}

# Sends SIGTERM to PID and waits up to TIMEOUT seconds for it to exit, then sends SIGKILL.
# NAME is for the log. Reaps the process when it is a child of this shell.
stop_process() {
  local pid="$1" name="$2" timeout="${3:-30}" waited=0
  if ! process_alive "$pid"; then
    wait "$pid" 2>/dev/null || true
    return 0
  fi
  log "stopping ${name} (pid ${pid}, SIGTERM)"
  kill -TERM "$pid" 2>/dev/null || true
  while process_alive "$pid"; do
    if ((waited >= timeout * 10)); then
      log "${name} did not stop within ${timeout}s; sending SIGKILL"
      kill -KILL "$pid" 2>/dev/null || true
      break
    fi
    sleep 0.1
    waited=$((waited + 1))
  done
  wait "$pid" 2>/dev/null || true
  log "${name} stopped"
}

# Waits until URL answers HTTP with any status code (curl's code 000 means no answer), while the
# process PID stays alive. Fails after TIMEOUT seconds or when the process exits.
wait_for_http() {
  local url="$1" pid="$2" timeout="$3" name="$4" started code
  started=$SECONDS
  while true; do
    code="$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "$url" 2>/dev/null || true)"
    if [[ -n "$code" && "$code" != 000 ]]; then
      return 0
    fi
    if ! process_alive "$pid"; then
      log "${name} exited before it answered on ${url}"
      return 1
    fi
    if ((SECONDS - started >= timeout)); then
      log "${name} did not answer on ${url} within ${timeout}s"
      return 1
    fi
    sleep 0.5
  done
}

# Prints the last lines of a log file to stderr, for a failure message.
show_log_tail() {
  local file="$1" lines="${2:-40}"
  if [[ -s "$file" ]]; then
    log "last ${lines} lines of ${file}:"
    tail -n "$lines" "$file" >&2
  fi
}

# Publishes Silo and WebFront (Release) into OUT_DIR/silo and OUT_DIR/webfront, appending the
# output to LOG_FILE; on failure shows its tail and dies.
publish_service_apps() {
  local out_dir="$1" log_file="$2" project name
  for project in Silo WebFront; do
    name="$(tr '[:upper:]' '[:lower:]' <<<"$project")"
    DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 \
      dotnet publish "${REPO_ROOT}/${project}/${project}.csproj" --configuration Release \
      --output "${out_dir}/${name}" --nologo >>"$log_file" 2>&1 || {
      show_log_tail "$log_file" 60
      die "building ${project} failed"
    }
  done
}
