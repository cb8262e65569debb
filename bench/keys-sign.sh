#!/usr/bin/env bash
# Validator signing benchmark (not part of CI; see bench/README.md).
#
# Measures the same signing load (16 HTTP clients over loopback, 8 attestation keys with the
# production parameters h = 32, d = 2, two clients per key signing increasing slots) against three
# setups, one after the other, each with a fresh database and freshly generated keys:
#   1. one node on H2 (a fresh H2 file under bench/target),
#   2. one node on PostgreSQL (a fresh embedded PostgreSQL 14 started by the bench, fresh database),
#   3. two nodes on one PostgreSQL database (fresh database; 8 clients per node, both nodes serving
#      all 8 keys).
# Every node: Payara Micro, env state key provider (one key per setup, shared by the two nodes of
# setup 3), BENCH_PREPARATION_THREADS preparation threads, 4-second slots. Prints, per setup,
# signatures/s, refused requests (409), p50/p99/max latency, then PostgreSQL/H2 and two-node/one-node
# throughput ratios (goal >= 1.5 each) and p99 < 50 ms per setup; saves them to bench/target/.
# With BENCH_GENERATION_PHASE=1 the H2 setup also measures the load while a ninth key is generated.
#
# Environment (optional): BENCH_SECONDS (30) per measured phase, BENCH_PORT (18091: the nodes use
# BENCH_PORT .. BENCH_PORT+3), BENCH_PG_PORT (18190), BENCH_PREPARATION_THREADS (2),
# BENCH_GENERATION_PHASE (0), BENCH_PG_SYNCHRONOUS_COMMIT (on), BENCH_PG_FSYNC (on),
# BENCH_READY_TIMEOUT (180), CACHET_WAR, PAYARA_MICRO_JAR, CACHET_JAVA_OPTS (as in blob-serve.sh).
set -euo pipefail

bench_dir=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$bench_dir/.." && pwd)
out="$bench_dir/target"
work="$out/keys-sign"
results="$out/keys-sign-results.txt"
port=${BENCH_PORT:-18091}
pg_port=${BENCH_PG_PORT:-18190}
seconds=${BENCH_SECONDS:-30}
threads=${BENCH_PREPARATION_THREADS:-2}
generation_phase=${BENCH_GENERATION_PHASE:-0}
ready_timeout=${BENCH_READY_TIMEOUT:-180}

log() { printf '[keys-sign] %s\n' "$*" >&2; }
die() {
  log "FAILED: $*"
  exit 1
}

# ---- everything started is stopped on exit, also on failure or Ctrl-C

node_pids=()
pg_pid=
stop_pid() { # TERM, up to 30 s, then KILL
  local pid=$1
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 30); do kill -0 "$pid" 2>/dev/null || return 0; sleep 1; done
    kill -9 "$pid" 2>/dev/null || true
  fi
}
stop_nodes() {
  local pid
  for pid in "${node_pids[@]}"; do stop_pid "$pid"; done
  node_pids=()
}
stop_postgres() {
  # The launcher's shutdown hook stops the server (pg_ctl stop -m fast); if the launcher had to be
  # killed, stop the postmaster it left behind.
  stop_pid "$pg_pid"
  pg_pid=
  local postmaster="$work/pg-data/postmaster.pid"
  if [ -f "$postmaster" ]; then
    stop_pid "$(head -n 1 "$postmaster")"
  fi
}
cleanup() {
  stop_nodes
  stop_postgres
}
trap cleanup EXIT
trap 'exit 130' INT TERM

case "$generation_phase" in
  1 | true | yes) generation_phase=true ;;
  *) generation_phase=false ;;
esac

mkdir -p "$out" "$work"
rm -rf "$work/classes" "$work/h2" "$work/pg" "$work/pg-pair" "$work/pg-data"
mkdir -p "$work/classes" "$work/war"

# ---- the WAR, Payara Micro, the embedded PostgreSQL's classpath, the harness

if [ -n "${CACHET_WAR:-}" ]; then
  war=$CACHET_WAR
else
  log "building web/target/cachet.war"
  (cd "$root" && ./mvnw -B -q -DskipTests -pl web -am package)
  war="$root/web/target/cachet.war"
fi
cp "$war" "$work/war/cachet.war"

payara_version=$(sed -n 's:.*<payara.version>\(.*\)</payara.version>.*:\1:p' "$root/pom.xml" | head -n 1)
micro=${PAYARA_MICRO_JAR:-$out/payara-micro-$payara_version.jar}
if [ ! -f "$micro" ]; then
  cached="$HOME/.m2/repository/fish/payara/extras/payara-micro/$payara_version/payara-micro-$payara_version.jar"
  if [ -f "$cached" ]; then
    cp "$cached" "$micro"
  else
    (cd "$root" && ./mvnw -B -q dependency:copy \
      -Dartifact="fish.payara.extras:payara-micro:$payara_version" -DoutputDirectory="$out")
  fi
fi

log "resolving the embedded PostgreSQL (bench/pg-pom.xml)"
(cd "$root" && ./mvnw -B -q -f bench/pg-pom.xml dependency:build-classpath \
  -Dmdep.outputFile="$work/pg-classpath.txt" -DincludeScope=runtime)
pg_classpath=$(cat "$work/pg-classpath.txt")

javac -d "$work/classes" -cp "$pg_classpath" -encoding UTF-8 \
  "$bench_dir/src/dev/cachet/bench/keys/SignLoad.java" \
  "$bench_dir/src/dev/cachet/bench/keys/BenchPostgres.java"

read -r -a java_opts <<<"${CACHET_JAVA_OPTS:-}"

# ---- nodes

free_port() { # nothing accepts a TCP connection on 127.0.0.1:$1
  ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# start_node DIR PORT STATE_KEY_HEX DB_URL [DB_USER]: starts a node in the background, its data and
# Payara root under DIR; appends its pid to node_pids.
start_node() {
  local dir=$1 node_port=$2 state_key=$3 db_url=$4 db_user=${5:-sa}
  free_port "$node_port" || die "something already answers on 127.0.0.1:$node_port; set BENCH_PORT to a free range"
  mkdir -p "$dir/data"
  log "starting Payara Micro $payara_version on http://127.0.0.1:$node_port (log: $dir/micro.log)"
  CACHET_DATA_DIR="$dir/data" CACHET_DB_URL="$db_url" CACHET_DB_USER="$db_user" CACHET_DB_PASSWORD= \
    CACHET_STATE_KEY_PROVIDER=env CACHET_STATE_KEY_HEX="$state_key" \
    CACHET_KEYS_PREPARATION_THREADS="$threads" CACHET_CHAIN_SECONDS_PER_SLOT=4 \
    java "${java_opts[@]}" -jar "$micro" \
    --nohazelcast --disablephonehome \
    --prebootcommandfile "$root/resources/preboot.asadmin" \
    --rootdir "$dir/micro-root" --port "$node_port" --deploy "$work/war/cachet.war" \
    >"$dir/micro.log" 2>&1 &
  node_pids+=("$!")
}

# await_ready DIR PORT PID
await_ready() {
  local dir=$1 node_port=$2 pid=$3
  for _ in $(seq "$ready_timeout"); do
    curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$node_port/health/ready" 2>/dev/null | grep -q 200 && return 0
    kill -0 "$pid" 2>/dev/null || die "Payara Micro on port $node_port exited; see $dir/micro.log"
    sleep 1
  done
  die "the node on port $node_port is not ready after $ready_timeout s; see $dir/micro.log"
}

new_state_key() { head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n'; }

# measure LABEL RESULT_FILE GENERATION_PHASE DIR:PORT:PID...
measure() {
  local label=$1 result=$2 phase=$3
  shift 3
  local spec dir node_port pid nodes=()
  for spec in "$@"; do
    IFS=: read -r dir node_port pid <<<"$spec"
    nodes+=("http://127.0.0.1:$node_port,$dir/data/admin.token,$pid")
  done
  java -cp "$work/classes" dev.cachet.bench.keys.SignLoad measure "$label" "$seconds" "$result" "$phase" "${nodes[@]}"
}

# ---- PostgreSQL

start_postgres() {
  free_port "$pg_port" || die "something already answers on 127.0.0.1:$pg_port; set BENCH_PG_PORT"
  rm -rf "$work/pg-data" "$work/pg-ready"
  log "starting embedded PostgreSQL on 127.0.0.1:$pg_port (log: $work/postgres.log)"
  java -cp "$work/classes:$pg_classpath" dev.cachet.bench.keys.BenchPostgres \
    "$pg_port" "$work/pg-data" "$work/pg-ready" bench_one bench_two >"$work/postgres.log" 2>&1 &
  pg_pid=$!
  for _ in $(seq 120); do
    [ -f "$work/pg-ready" ] && return 0
    kill -0 "$pg_pid" 2>/dev/null || die "embedded PostgreSQL exited; see $work/postgres.log"
    sleep 1
  done
  die "embedded PostgreSQL not up after 120 s; see $work/postgres.log"
}

# ---- the run

cpu=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | xargs)
{
  echo "# validator signing benchmark, $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "cores: $(nproc); cpu: $cpu"
  echo "java: $(java -version 2>&1 | head -1); load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "16 clients over 8 attestation keys (h = 32, d = 2), ${seconds} s per phase, loopback HTTP/1.1;" \
    "$threads preparation thread(s) per node"
} | tee "$results"

run_setup() { tee -a "$results"; }

# 1. one node on H2
dir="$work/h2"
start_node "$dir" "$port" "$(new_state_key)" "jdbc:h2:file:$dir/data/cachet"
await_ready "$dir" "$port" "${node_pids[0]}"
measure "H2, one node" "$work/h2.tsv" "$generation_phase" "$dir:$port:${node_pids[0]}" 2>&1 | run_setup
stop_nodes

# 2. one node on PostgreSQL
start_postgres
echo "PostgreSQL: $(cat "$work/pg-ready")" | run_setup
pg_url="jdbc:postgresql://127.0.0.1:$pg_port"
dir="$work/pg"
start_node "$dir" "$((port + 1))" "$(new_state_key)" "$pg_url/bench_one" postgres
await_ready "$dir" "$((port + 1))" "${node_pids[0]}"
measure "PostgreSQL, one node" "$work/pg.tsv" false "$dir:$((port + 1)):${node_pids[0]}" 2>&1 | run_setup
stop_nodes

# 3. two nodes on one PostgreSQL database: the same state key; the first node creates the schema
# and stores genesis before the second starts.
state_key=$(new_state_key)
a="$work/pg-pair/a"
b="$work/pg-pair/b"
start_node "$a" "$((port + 2))" "$state_key" "$pg_url/bench_two" postgres
await_ready "$a" "$((port + 2))" "${node_pids[0]}"
start_node "$b" "$((port + 3))" "$state_key" "$pg_url/bench_two" postgres
await_ready "$b" "$((port + 3))" "${node_pids[1]}"
measure "PostgreSQL, two nodes" "$work/pg-pair.tsv" false \
  "$a:$((port + 2)):${node_pids[0]}" "$b:$((port + 3)):${node_pids[1]}" 2>&1 | run_setup
stop_nodes
stop_postgres

{
  echo
  java -cp "$work/classes" dev.cachet.bench.keys.SignLoad report "$work/h2.tsv" "$work/pg.tsv" "$work/pg-pair.tsv"
  echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
} 2>&1 | tee -a "$results"
log "saved to $results"
