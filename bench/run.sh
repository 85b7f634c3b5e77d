#!/usr/bin/env bash
# The benchmark, in one command (docs/PERFORMANCE.md explains the figures):
#
#   bash bench/run.sh            full run (< 15 minutes on 2 cores), writes bench/results/latest.json
#   bash bench/run.sh --smoke    CI smoke: seconds per phase, small counts, results to a temp file
#   bash bench/run.sh --quick    full-size data, shorter phases (for iterating; not the reported figures)
#
# It builds Release, starts a throw-away PostgreSQL cluster, runs the product under load in each
# topology (a WebFront hosting its silo, then a Silo plus a WebFront, as the product runs them), then
# the baseline receiver (bench/Baseline), then pgbench with the same upsert (both once), and prints
# one table per topology and every target with met / not met. Ours (with every remark policy rule on) also gets a
# before-callback phase: OpenIM's before-set-remark callback at the ingest phase's rate (target:
# p99 decision latency ≤ 20 ms). Every acknowledged callback is read back; the exit code is
# non-zero only when one was lost (1) or the run broke (2) — never because of a timing.
#
# Options: --smoke, --quick, --out FILE (results file), --keep (keep the temp folder with logs).
# Environment: BENCH_CONNECTIONS (64), BENCH_POOL (Npgsql Maximum Pool Size for both receivers, 64),
# BENCH_PG_STAT_STATEMENTS=1 (load pg_stat_statements and dump the top statements into the temp folder),
# BENCH_TOPOLOGY=both|cohosted|separate (both, the default; cohosted: one WebFront process with
# Orleans:CoHostSilo=true; separate: a Silo process and a WebFront process),
# BENCH_PRODUCT_ENV="K=V K=V" (extra settings for the Silo and WebFront, e.g.
# "Orleans__WriteBatching__Enabled=false" to measure without write batching).
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bench="${repo}/bench"
smoke=0 quick=0 keep=0 out=""
while [[ $# -gt 0 ]]; do
  case "$1" in
    --smoke) smoke=1 ;;
    --quick) quick=1 ;;
    --keep) keep=1 ;;
    --out) out="$2"; shift ;;
    *) echo "usage: bench/run.sh [--smoke|--quick] [--out FILE] [--keep]" >&2; exit 2 ;;
  esac
  shift
done

connections="${BENCH_CONNECTIONS:-64}"
# Both topologies by default, co-hosted first (it fills the results file's top-level keys); BENCH_TOPOLOGY
# restricts a run to one of them.
case "${BENCH_TOPOLOGY:-both}" in
  both) topologies=(cohosted separate) ;;
  cohosted | separate) topologies=("$BENCH_TOPOLOGY") ;;
  *) echo "BENCH_TOPOLOGY must be cohosted, separate or both" >&2; exit 2 ;;
esac
pool="${BENCH_POOL:-64}"
if ((smoke)); then
  mode=smoke
  connections="${BENCH_CONNECTIONS:-8}"
  owners=200 friends=20
  suite_args=(--owners "$owners" --friends "$friends" --warmup 1 --short-warmup 0.5 --duration 3 --read-duration 2
    --half-peak-duration 2)
  ours_args=(--large-friends 200 --small-friends 10 --large-changes 20)
  pgbench_seconds=3 pgbench_warmup=1
  cold_args=(--small-owners 50 --small-friends 10 --large-owners 2 --large-friends 500 --warmup-owners 5)
  memory_args=(--owners 200 --friends 50)
elif ((quick)); then
  mode=quick
  owners=10000 friends=100
  suite_args=(--owners "$owners" --friends "$friends" --warmup 3 --short-warmup 2 --duration 10 --read-duration 8
    --half-peak-duration 8)
  ours_args=(--large-friends 10000 --small-friends 10 --large-changes 100)
  pgbench_seconds=10 pgbench_warmup=3
  cold_args=(--small-owners 1000 --small-friends 10 --large-owners 20 --large-friends 10000 --warmup-owners 20)
  memory_args=(--owners 20000 --friends 50)
else
  mode=full
  owners=10000 friends=100
  suite_args=(--owners "$owners" --friends "$friends" --warmup 10 --short-warmup 3 --duration 25 --read-duration 20
    --half-peak-duration 20)
  ours_args=(--large-friends 10000 --small-friends 10 --large-changes 300)
  pgbench_seconds=25 pgbench_warmup=5
  cold_args=(--small-owners 1000 --small-friends 10 --large-owners 20 --large-friends 10000 --warmup-owners 20)
  memory_args=(--owners 20000 --friends 50)
fi

log() { printf '[bench %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { log "ERROR: $*"; exit 2; }

work="$(mktemp -d /tmp/orleansremarks-bench.XXXXXX)"
chmod 755 "$work"
mkdir -p "${work}/logs"
started_pids=()
pg_data="${work}/pg"

as_pg() { if [[ "$(id -u)" == 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi; }

stop_pid() {
  local pid="$1" waited=0
  kill -TERM "$pid" 2>/dev/null || return 0
  while kill -0 "$pid" 2>/dev/null && ((waited < 150)); do sleep 0.2; waited=$((waited + 1)); done
  kill -KILL "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
}

cleanup() {
  local pid
  for pid in "${started_pids[@]}"; do stop_pid "$pid"; done
  if [[ -f "${pg_data}/postmaster.pid" ]]; then
    as_pg "${pg_bin}/pg_ctl" -D "$pg_data" -m fast -w stop >/dev/null 2>&1 || true
  fi
  if ((keep)); then log "kept ${work}"; else rm -rf "$work"; fi
}
trap cleanup EXIT

# A per-run offset for free_port (0-195), from the shell's PID.
port_offset=$(( ($$ % 40) * 5 ))

free_port() {
  # Each run starts its search at its own offset, so two runs on one machine rarely pick the same port.
  local port first=$(($1 + port_offset))
  for ((port = first; port < first + 500; port++)); do
    (exec 3<>"/dev/tcp/127.0.0.1/${port}") 2>/dev/null || { echo "$port"; return 0; }
  done
  die "no free port from ${first}"
}

# Starts "$@" in the background with its output in logs/NAME.log; sets last_pid.
start() {
  local name="$1"; shift
  "$@" >"${work}/logs/${name}.log" 2>&1 </dev/null &
  last_pid=$!
  started_pids+=("$last_pid")
}

# Whether the listener behind URL belongs to PID: free_port only checks that a port is free, and a
# concurrent run (another benchmark, a test) may bind it first; its answer must not pass for ours,
# nor its load reach our receivers. Without ss (iproute2) the check is skipped.
owns_port() {
  local port="${1#http://127.0.0.1:}"
  port="${port%%/*}"
  command -v ss >/dev/null 2>&1 || return 0
  ss -ltnpH "sport = :${port}" 2>/dev/null | grep -q "pid=${2},"
}

# Waits until URL answers 200 or 404: the product's /health/ready (200 once the cluster answers and its
# start-up warm-up has ended, like a load balancer would wait), the baseline's query path (404: routed, nothing there).
wait_http() {
  local url="$1" pid="$2" name="$3" code i
  for ((i = 0; i < 240; i++)); do
    code="$(curl -s -o /dev/null -w '%{http_code}' --max-time 5 "$url" || true)"
    if [[ "$code" == 404 || "$code" == 200 ]]; then
      owns_port "$url" "$pid" || die "${name}: ${url} is answered by another process (a port taken by a concurrent run?)"
      return 0
    fi
    kill -0 "$pid" 2>/dev/null || { tail -n 40 "${work}/logs/${name}.log" >&2; die "${name} exited"; }
    sleep 0.5
  done
  tail -n 40 "${work}/logs/${name}.log" >&2
  die "${name} did not answer on ${url}"
}

# --- build -------------------------------------------------------------------------------------
log "building Release (product and bench)"
(cd "$repo" && dotnet build Silo/Silo.csproj -c Release -nologo -v q >"${work}/logs/build.log" 2>&1 \
  && dotnet build WebFront/WebFront.csproj -c Release -nologo -v q >>"${work}/logs/build.log" 2>&1 \
  && dotnet build bench/Baseline/Baseline.csproj -c Release -nologo -v q >>"${work}/logs/build.log" 2>&1 \
  && dotnet build bench/LoadGenerator/LoadGenerator.csproj -c Release -nologo -v q >>"${work}/logs/build.log" 2>&1) \
  || { tail -n 40 "${work}/logs/build.log" >&2; die "build failed"; }
silo_dll="${repo}/Silo/bin/Release/net10.0/OrleansRemarks.Silo.dll"
web_dll="${repo}/WebFront/bin/Release/net10.0/OrleansRemarks.WebFront.dll"
baseline_dll="${bench}/Baseline/bin/Release/net10.0/OrleansRemarks.Bench.Baseline.dll"
loadgen=(dotnet "${bench}/LoadGenerator/bin/Release/net10.0/OrleansRemarks.Bench.LoadGenerator.dll")

# --- PostgreSQL --------------------------------------------------------------------------------
pg_bin="$(dirname "$(readlink -f "$(command -v pg_ctl 2>/dev/null || ls -d /usr/lib/postgresql/*/bin/pg_ctl | sort -V | tail -n 1)")")"
[[ -x "${pg_bin}/initdb" ]] || die "PostgreSQL binaries not found"
command -v pgbench >/dev/null || [[ -x "${pg_bin}/pgbench" ]] || die "pgbench not found"
pgbench_bin="$(command -v pgbench || echo "${pg_bin}/pgbench")"
pg_port="$(free_port 55432)"
if [[ "$(id -u)" == 0 ]]; then chown postgres: "$work" "${work}/logs"; fi
as_pg "${pg_bin}/initdb" -D "$pg_data" -U postgres --auth=trust --encoding=UTF8 --no-locale >"${work}/logs/initdb.log" 2>&1 \
  || { cat "${work}/logs/initdb.log" >&2; die "initdb failed"; }
{
  cat "${bench}/postgresql.bench.conf"
  echo "port = ${pg_port}"
  echo "unix_socket_directories = '${work}'"
  if [[ "${BENCH_PG_STAT_STATEMENTS:-0}" == 1 ]]; then
    echo "shared_preload_libraries = 'pg_stat_statements'"
    echo "pg_stat_statements.track = all"
  fi
} | as_pg tee -a "${pg_data}/postgresql.conf" >/dev/null
as_pg "${pg_bin}/pg_ctl" -D "$pg_data" -l "${work}/logs/postgres.log" -w start >/dev/null || die "PostgreSQL did not start"
psql_bin="$(command -v "${pg_bin}/psql" || command -v psql)" || die "psql not found"
psql_cmd() { "$psql_bin" -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$pg_port" -U postgres "$@"; }
# One product database per topology, so each starts from an empty schema like the baseline does.
psql_cmd -d postgres -c "CREATE DATABASE baseline"
for topology in "${topologies[@]}"; do psql_cmd -d postgres -c "CREATE DATABASE orleans_${topology}"; done
psql_cmd -d baseline -f "${bench}/pgbench/schema.sql"
# Every receiver's load starts from the same PostgreSQL: the databases written so far vacuumed (so
# autovacuum of an earlier receiver's tables does not run during the next one's phases) and a
# checkpoint (so no receiver inherits the dirty buffers an earlier one left: without it the one run
# last found shared_buffers full of others' dirty pages and its backends wrote them out).
settle_pg() {
  local database
  for database in baseline "${topologies[@]/#/orleans_}"; do psql_cmd -d "$database" -c "VACUUM"; done
  psql_cmd -d postgres -c "CHECKPOINT"
}
if [[ "${BENCH_PG_STAT_STATEMENTS:-0}" == 1 ]]; then
  for topology in "${topologies[@]}"; do psql_cmd -d "orleans_${topology}" -c "CREATE EXTENSION pg_stat_statements"; done
  psql_cmd -d baseline -c "CREATE EXTENSION pg_stat_statements"
fi
# The same Npgsql settings for the product and the baseline: pool size, automatic preparation of
# repeated statements, and no session reset when a connection goes back to the pool.
pg_conn() { echo "Host=127.0.0.1;Port=${pg_port};Username=postgres;Database=$1;Maximum Pool Size=${pool};Max Auto Prepare=20;No Reset On Close=true"; }
log "PostgreSQL on 127.0.0.1:${pg_port}"

dump_statements() {
  [[ "${BENCH_PG_STAT_STATEMENTS:-0}" == 1 ]] || return 0
  psql_cmd -d "$1" -c "SELECT calls, round(total_exec_time::numeric, 0) AS total_ms, round(mean_exec_time::numeric, 3) AS mean_ms, rows, left(regexp_replace(query, '\s+', ' ', 'g'), 110) AS query FROM pg_stat_statements ORDER BY total_exec_time DESC LIMIT 15" \
    >"${work}/statements-$2.txt" 2>&1 || true
  psql_cmd -d "$1" -c "SELECT pg_stat_statements_reset()" >/dev/null 2>&1 || true
}

# The runtime settings the product runs with, given to the baseline too so both run on the same .NET
# settings: the gen0 cap its launchers set (scripts/lib/common.sh, the Dockerfiles) and the GC mode of
# its runtimeconfig (server GC, which the baseline has by default, without dynamic adaptation).
web_env=(env "Logging__LogLevel__Microsoft.AspNetCore=Warning" "Logging__LogLevel__Default=Warning"
  "DOTNET_GCGen0MaxBudget=${DOTNET_GCGen0MaxBudget:-0x1000000}"
  "DOTNET_GCDynamicAdaptationMode=${DOTNET_GCDynamicAdaptationMode:-0}")
# The query API's rate limit is off by default; kept off explicitly, since the load generator is
# one address on loopback and a limit would measure the limiter, not the service.
product_limits=("Api__RateLimit__PermitsPerSecond=0")
read -r -a product_env <<<"${BENCH_PRODUCT_ENV:-}"
# The remark policy with every rule on, for the before-callback phase (only before-set-remark
# callbacks go through it; the rate is asked of the owner's grain but set high enough never to refuse).
policy_env=("Policy__MaxLength=64" "Policy__BlockedTerms__0=forbidden" "Policy__Normalize=true"
  "Policy__MaxChangesPerOwnerPerMinute=10000" "Policy__TimeoutMilliseconds=200")

# --- ours: each topology in turn, on its own database ----------------------------------------------
status=0
cold_ours_json="${work}/cold-ours.json"
# Starts the product in topology $1 ($2 names the logs; the cold phase starts it a second time).
start_ours() {
  local topology="$1" suffix="$2"
  silo_pid=""
  if [[ "$topology" == cohosted ]]; then
    log "${topology}: starting a WebFront that hosts its own silo (${silo_port}/${gateway_port}) on ${web_port}"
    start "webfront-${topology}${suffix}" "${web_env[@]}" "${cluster_env[@]}" "${policy_env[@]}" "${endpoint_env[@]}" Orleans__CoHostSilo=true \
      dotnet "$web_dll" --urls "http://127.0.0.1:${web_port}"
    web_pid=$last_pid
  else
    log "${topology}: starting Silo (${silo_port}/${gateway_port}) and WebFront (${web_port})"
    start "silo-${topology}${suffix}" "${web_env[@]}" "${cluster_env[@]}" "${endpoint_env[@]}" "Silo__HttpUrl=http://127.0.0.1:0" dotnet "$silo_dll"
    silo_pid=$last_pid
    start "webfront-${topology}${suffix}" "${web_env[@]}" "${cluster_env[@]}" "${policy_env[@]}" dotnet "$web_dll" --urls "http://127.0.0.1:${web_port}"
    web_pid=$last_pid
  fi
  wait_http "http://127.0.0.1:${web_port}/health/ready" "$web_pid" "webfront-${topology}${suffix}"
  [[ -z "$silo_pid" ]] || kill -0 "$silo_pid" 2>/dev/null || die "the silo exited"
}
stop_ours() {
  stop_pid "$web_pid"
  [[ -z "$silo_pid" ]] || stop_pid "$silo_pid"
}
# Runs the product in topology $1 on database orleans_$1 and loads it; the suite lands in ours-$1.json.
# The first topology also gets the cold phase (issue #14 item 2): seed owners, restart so that no
# owner is active, then first reads.
run_ours() {
  local topology="$1" database="orleans_$1" offset=0
  [[ "$topology" == cohosted ]] || offset=100
  silo_port="$(free_port $((21111 + offset)))"
  gateway_port="$(free_port $((40000 + offset)))"
  web_port="$(free_port $((10106 + offset)))"
  cluster_env=(
    "ConnectionStrings__Orleans=$(pg_conn "$database")"
    "Orleans__ClusterId=bench-$$-${topology}"
    "Orleans__ServiceId=orleansremarks-bench"
    "${product_limits[@]}"
    "${product_env[@]}"
  )
  log "${topology}: migrating the schema"
  env "${cluster_env[@]}" dotnet "$silo_dll" migrate >"${work}/logs/migrate-${topology}.log" 2>&1 \
    || { cat "${work}/logs/migrate-${topology}.log" >&2; die "migration failed"; }
  endpoint_env=("Orleans__Endpoints__SiloPort=${silo_port}" "Orleans__Endpoints__GatewayPort=${gateway_port}")
  settle_pg
  start_ours "$topology" ""

  log "${topology}: load"
  local ours_json="${work}/ours-${topology}.json"
  "${loadgen[@]}" suite --target ours --url "http://127.0.0.1:${web_port}" --out "$ours_json" \
    --connections "$connections" "${suite_args[@]}" "${ours_args[@]}" --before-callbacks --pg "$(pg_conn "$database")" || status=$?
  [[ -f "$ours_json" ]] || die "the load generator broke on ours, ${topology} (exit ${status})"
  dump_statements "$database" "ours-${topology}"

  if [[ "$topology" == "${topologies[0]}" ]]; then
    log "${topology}: cold owners: seeding"
    "${loadgen[@]}" cold --step seed --url "http://127.0.0.1:${web_port}" --connections "$connections" "${cold_args[@]}" \
      || die "seeding the cold owners of ours failed"
    stop_ours
    start_ours "$topology" "-cold"
    log "${topology}: cold owners: first reads"
    "${loadgen[@]}" cold --step read --target ours --url "http://127.0.0.1:${web_port}" --out "$cold_ours_json" "${cold_args[@]}" \
      || die "the cold reads of ours failed"
  fi
  stop_ours
}
for topology in "${topologies[@]}"; do run_ours "$topology"; done

# --- baseline ----------------------------------------------------------------------------------
baseline_port="$(free_port 10206)"
settle_pg
log "baseline on ${baseline_port}: load"
start baseline "${web_env[@]}" "ConnectionStrings__Baseline=$(pg_conn baseline)" \
  dotnet "$baseline_dll" --urls "http://127.0.0.1:${baseline_port}"
baseline_pid=$last_pid
wait_http "http://127.0.0.1:${baseline_port}/api/v1/users/ready/remarks/check" "$baseline_pid" baseline
baseline_json="${work}/baseline.json"
"${loadgen[@]}" suite --target baseline --url "http://127.0.0.1:${baseline_port}" --out "$baseline_json" \
  --connections "$connections" "${suite_args[@]}" || status=$?
[[ -f "$baseline_json" ]] || die "the load generator broke on the baseline (exit ${status})"
dump_statements baseline baseline
# Cold: the baseline's first read of a row after its restart (small owners only).
log "baseline: cold owners: seeding"
"${loadgen[@]}" cold --step seed --url "http://127.0.0.1:${baseline_port}" --connections "$connections" "${cold_args[@]}" --large-owners 0 \
  || die "seeding the cold owners of the baseline failed"
stop_pid "$baseline_pid"
start baseline-cold "${web_env[@]}" "ConnectionStrings__Baseline=$(pg_conn baseline)" \
  dotnet "$baseline_dll" --urls "http://127.0.0.1:${baseline_port}"
baseline_pid=$last_pid
wait_http "http://127.0.0.1:${baseline_port}/api/v1/users/ready/remarks/check" "$baseline_pid" baseline-cold
cold_baseline_json="${work}/cold-baseline.json"
"${loadgen[@]}" cold --step read --target baseline --url "http://127.0.0.1:${baseline_port}" --out "$cold_baseline_json" \
  "${cold_args[@]}" --large-owners 0 || die "the cold reads of the baseline failed"
stop_pid "$baseline_pid"

# --- pgbench: the same upsert, same clients, straight into PostgreSQL ----------------------------
log "pgbench: ${connections} clients, ${pgbench_seconds} s"
psql_cmd -d baseline -c "TRUNCATE bench_remarks" -c "CHECKPOINT"
pgbench_common=(-h 127.0.0.1 -p "$pg_port" -U postgres -n -M prepared -c "$connections" -j 2
  -f "${bench}/pgbench/upsert.sql" -D "owners=${owners}" -D "friends=${friends}")
"$pgbench_bin" "${pgbench_common[@]}" -T "$pgbench_warmup" baseline >"${work}/logs/pgbench-warmup.log" 2>&1 \
  || { cat "${work}/logs/pgbench-warmup.log" >&2; die "pgbench failed"; }
(cd "$work" && "$pgbench_bin" "${pgbench_common[@]}" -T "$pgbench_seconds" -l --log-prefix=pgbench_log baseline \
  >"${work}/pgbench.txt" 2>"${work}/logs/pgbench.log") || { cat "${work}/logs/pgbench.log" >&2; die "pgbench failed"; }

# --- memory (issue #14 item 3): owners stored straight into a fresh database, one Silo process ----
# (plus its WebFront) holds them all active; the silo's heap after a full collection and its RSS.
log "memory: storing ${memory_args[*]}"
psql_cmd -d postgres -c "CREATE DATABASE memory"
memory_env=("ConnectionStrings__Orleans=$(pg_conn memory)" "Orleans__ClusterId=bench-memory-$$" "Orleans__ServiceId=orleansremarks-bench"
  "${product_limits[@]}" "${product_env[@]}")
env "${memory_env[@]}" dotnet "$silo_dll" migrate >"${work}/logs/migrate-memory.log" 2>&1 \
  || { cat "${work}/logs/migrate-memory.log" >&2; die "migration failed"; }
"${loadgen[@]}" memory --step seed --pg "$(pg_conn memory)" --service-id orleansremarks-bench "${memory_args[@]}" || die "storing the memory owners failed"
memory_silo_http="$(free_port 10380)"
start memory-silo "${web_env[@]}" "${memory_env[@]}" "Orleans__Endpoints__SiloPort=$(free_port 22111)" \
  "Orleans__Endpoints__GatewayPort=$(free_port 41000)" "Silo__HttpUrl=http://127.0.0.1:${memory_silo_http}" dotnet "$silo_dll"
memory_silo_pid=$last_pid
memory_web_port="$(free_port 10406)"
start memory-webfront "${web_env[@]}" "${memory_env[@]}" dotnet "$web_dll" --urls "http://127.0.0.1:${memory_web_port}"
memory_web_pid=$last_pid
wait_http "http://127.0.0.1:${memory_web_port}/health/ready" "$memory_web_pid" memory-webfront
memory_json="${work}/memory.json"
"${loadgen[@]}" memory --step measure --url "http://127.0.0.1:${memory_web_port}" --pg "$(pg_conn memory)" \
  --silo-metrics "http://127.0.0.1:${memory_silo_http}/metrics" --silo-pid "$memory_silo_pid" --out "$memory_json" "${memory_args[@]}" \
  || die "the memory phase failed"
stop_pid "$memory_web_pid"
stop_pid "$memory_silo_pid"

# --- report ------------------------------------------------------------------------------------
if [[ -z "$out" ]]; then
  if ((smoke || quick)); then out="$(mktemp --suffix=.json /tmp/orleansremarks-bench-smoke.XXXXXX)"; else out="${bench}/results/latest.json"; fi
fi
commit="$(cd "$repo" && git rev-parse --short HEAD 2>/dev/null || echo unknown)"
[[ -n "$(cd "$repo" && git status --porcelain 2>/dev/null)" ]] && commit="${commit}+dirty"
report_status=0
report_topologies=(--topology "${topologies[0]}" --ours "${work}/ours-${topologies[0]}.json")
((${#topologies[@]} == 1)) || report_topologies+=(--separate "${work}/ours-separate.json")
"${loadgen[@]}" report "${report_topologies[@]}" --baseline "$baseline_json" \
  --pgbench-summary "${work}/pgbench.txt" --pgbench-log-prefix "${work}/pgbench_log" \
  --out "$out" --mode "$mode" --commit "$commit" \
  --cold-ours "$cold_ours_json" --cold-baseline "$cold_baseline_json" --memory "$memory_json" \
  --note "load generator, WebFront, Silo (or baseline) and PostgreSQL share the same cores" \
  --settings "topology=$(IFS=+; echo "${topologies[*]}");connections=${connections};npgsqlMaxPoolSize=${pool};owners=${owners};friendsPerOwner=${friends};pgbenchSeconds=${pgbench_seconds};postgresConf=bench/postgresql.bench.conf;productEnv=${BENCH_PRODUCT_ENV:-}" \
  || report_status=$?
log "results: ${out}"
if ((report_status == 1 || status == 1)); then
  log "LOST acknowledged callbacks: see the read-back lines above"
  exit 1
fi
((report_status == 0 && status == 0)) || exit 2
