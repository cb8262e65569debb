#!/usr/bin/env bash
# Metadata exchange benchmark (not part of CI; see bench/README.md).
#
# Starts 4 Cachet nodes on Payara Micro on loopback, each with its peer listener, sets one committee
# on all of them (the 4 nodes and 200 virtual members whose Ed25519 keys the harness holds, 50
# hosted by each node: a node announces one blob per epoch, so its 50 small blobs are its virtual
# members'), then for one epoch each node publishes one 16 MiB blob and, for each of its virtual
# members, gets its 64 KiB blob (PUT) and its signed announcement (POST) to relay. Prints the time
# until every node holds every blob, the dissemination latency of the announcements (p50/p99/max),
# the bytes/s the nodes fetched, and, in the same run, the throughput of plain concurrent GETs of
# the same blobs from the same nodes with the same number of connections (curl); the goals are
# fetcher/plain >= 0.7 and dissemination p99 < 1 s. Saves them to
# bench/target/metadata-exchange-results.txt.
#
# Environment (optional): BENCH_PORT (18101: HTTP ports BENCH_PORT .. +3), BENCH_PEER_PORT (18201:
# peer listeners BENCH_PEER_PORT .. +3), BENCH_SECONDS_PER_SLOT (1), BENCH_SLOTS_PER_EPOCH (3600),
# BENCH_BIG_BYTES (16777216), BENCH_SMALL_BYTES (65536), BENCH_SMALL_PER_NODE (50),
# BENCH_TIMEOUT (900), BENCH_POLL_MILLIS (50), BENCH_GET_ROUNDS (3), BENCH_GET_CONNECTIONS (0:
# min(fetch lane, blobs) per node), BENCH_PROGRESS_SECONDS (10), BENCH_JSTACK_AT (none; e.g. 15,60: seconds after the
# first publish at which every node's threads are dumped; empty: none), BENCH_SETTLE_SECONDS (20:
# idle time between the nodes' readiness and the run), BENCH_WARMUP_BYTES (4194304: an unmeasured
# exchange of one blob of this size per node for the next epoch first, so the JIT has compiled
# the paths measured; 0: none), BENCH_READY_TIMEOUT (300),
# CACHET_WAR, PAYARA_MICRO_JAR, CACHET_JAVA_OPTS (as in blob-serve.sh).
set -euo pipefail

bench_dir=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$bench_dir/.." && pwd)
out="$bench_dir/target"
work="$out/metadata-exchange"
results="$out/metadata-exchange-results.txt"
port=${BENCH_PORT:-18101}
peer_port=${BENCH_PEER_PORT:-18201}
seconds_per_slot=${BENCH_SECONDS_PER_SLOT:-1}
slots_per_epoch=${BENCH_SLOTS_PER_EPOCH:-3600}
big_bytes=${BENCH_BIG_BYTES:-16777216}
small_bytes=${BENCH_SMALL_BYTES:-65536}
small_per_node=${BENCH_SMALL_PER_NODE:-50}
timeout=${BENCH_TIMEOUT:-900}
poll_millis=${BENCH_POLL_MILLIS:-50}
get_rounds=${BENCH_GET_ROUNDS:-3}
get_connections=${BENCH_GET_CONNECTIONS:-0}
ready_timeout=${BENCH_READY_TIMEOUT:-300}
progress_seconds=${BENCH_PROGRESS_SECONDS:-10}
settle_seconds=${BENCH_SETTLE_SECONDS:-20}
warmup_bytes=${BENCH_WARMUP_BYTES:-4194304}
jstack_at=${BENCH_JSTACK_AT-}
nodes=4
# The peer executor's size (resources/preboot.asadmin, concurrent/cachet-peer), and its fetch
# lane's (PeerCalls.FETCH_THREADS): the fetcher of a node runs at most that many fetches at once,
# so the plain GETs use min(fetch lane, blobs) connections per node.
peer_threads=$(sed -n 's:.*--maximumpoolsize=\([0-9]*\).*concurrent/cachet-peer.*:\1:p' \
  "$root/resources/preboot.asadmin")
fetch_threads=$(sed -n 's:.*static final int FETCH_THREADS = \([0-9]*\);.*:\1:p' \
  "$root/ejb/src/main/java/dev/cachet/peer/ejb/PeerCalls.java")

log() { printf '[metadata-exchange] %s\n' "$*" >&2; }
die() {
  log "FAILED: $*"
  exit 1
}

for knob in port peer_port seconds_per_slot slots_per_epoch big_bytes small_bytes small_per_node \
  timeout poll_millis get_rounds get_connections ready_timeout peer_threads fetch_threads progress_seconds settle_seconds warmup_bytes; do
  [[ ${!knob} =~ ^[0-9]+$ ]] || die "$knob must be a whole number, got '${!knob}'"
done
((get_rounds > 0 && small_per_node > 0 && seconds_per_slot > 0 && slots_per_epoch > 0)) ||
  die "BENCH_GET_ROUNDS, BENCH_SMALL_PER_NODE, BENCH_SECONDS_PER_SLOT and BENCH_SLOTS_PER_EPOCH must be > 0"
[[ $jstack_at =~ ^([0-9]+(,[0-9]+)*)?$ ]] || die "BENCH_JSTACK_AT must be seconds separated by commas, got '$jstack_at'"
command -v curl >/dev/null 2>&1 || die "curl is needed (the plain GETs and the readiness checks)"

# ---- every node started is stopped on exit, also on failure or Ctrl-C

node_pids=()
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
trap stop_nodes EXIT
trap 'exit 130' INT TERM

mkdir -p "$out"
rm -rf "$work"
mkdir -p "$work/classes" "$work/war"

# ---- the WAR, Payara Micro, the harness (compiled against the WAR's own BouncyCastle)

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

bc_entry=$(jar tf "$work/war/cachet.war" | grep -m1 '^WEB-INF/lib/bcprov-jdk18on-.*\.jar$') ||
  die "no BouncyCastle (bcprov-jdk18on) in the WAR"
(cd "$work" && jar xf "$work/war/cachet.war" "$bc_entry")
bc_jar="$work/$bc_entry"
javac -d "$work/classes" -cp "$bc_jar" -encoding UTF-8 \
  "$bench_dir"/src/dev/cachet/bench/metadata/*.java

read -r -a java_opts <<<"${CACHET_JAVA_OPTS:-}"

# ---- nodes

free_port() { # nothing accepts a TCP connection on 127.0.0.1:$1
  ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# One genesis for every node, a minute ago: with the default 1 s slots and 3600-slot epochs the
# current epoch stays the same for the next 59 minutes.
genesis=$(($(date +%s) - 60))

# start_node N: node N (1..4) on HTTP port+N-1 and peer listener peer_port+N-1, under $work/nodeN.
start_node() {
  local n=$1 dir="$work/node$1" http=$((port + $1 - 1)) peer=$((peer_port + $1 - 1))
  free_port "$http" || die "something already answers on 127.0.0.1:$http; set BENCH_PORT to a free range"
  free_port "$peer" || die "something already answers on 127.0.0.1:$peer; set BENCH_PEER_PORT to a free range"
  mkdir -p "$dir/data"
  # The shipped pre-boot commands and the peer listener's, as resources/run.sh adds them.
  { cat "$root/resources/preboot.asadmin"; echo; "$root/resources/peer-listener.sh" 127.0.0.1 "$peer"; } \
    >"$dir/preboot.asadmin"
  log "starting node $n: http://127.0.0.1:$http, peer listener http://127.0.0.1:$peer (log: $dir/micro.log)"
  CACHET_DATA_DIR="$dir/data" CACHET_STATE_KEY_PROVIDER=env \
    CACHET_STATE_KEY_HEX="$(head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n')" \
    CACHET_CHAIN_GENESIS_TIME="$genesis" CACHET_CHAIN_SECONDS_PER_SLOT="$seconds_per_slot" \
    CACHET_CHAIN_SLOTS_PER_EPOCH="$slots_per_epoch" CACHET_PEER_PORT="$peer" \
    java "${java_opts[@]}" -jar "$micro" \
    --nohazelcast --disablephonehome \
    --prebootcommandfile "$dir/preboot.asadmin" \
    --rootdir "$dir/micro-root" --port "$http" --deploy "$work/war/cachet.war" \
    >"$dir/micro.log" 2>&1 &
  node_pids+=("$!")
}

# await_ready N
await_ready() {
  local n=$1 http=$((port + $1 - 1)) pid=${node_pids[$(($1 - 1))]}
  for _ in $(seq "$ready_timeout"); do
    if curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$http/health/ready" 2>/dev/null | grep -q 200 &&
      [ -s "$work/node$n/data/admin.token" ]; then
      return 0
    fi
    kill -0 "$pid" 2>/dev/null || die "node $n exited; see $work/node$n/micro.log"
    sleep 1
  done
  die "node $n is not ready after $ready_timeout s; see $work/node$n/micro.log"
}

cpu=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | xargs)
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
for n in $(seq "$nodes"); do start_node "$n"; done
for n in $(seq "$nodes"); do await_ready "$n"; done
log "all $nodes nodes ready; letting them settle for $settle_seconds s (start-up work, JIT)"
sleep "$settle_seconds"

node_args=()
for n in $(seq "$nodes"); do
  node_args+=("http://127.0.0.1:$((port + n - 1)),http://127.0.0.1:$((peer_port + n - 1)),$work/node$n/data/admin.token,${node_pids[$((n - 1))]}")
done

{
  echo "# metadata exchange benchmark, $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "cores: $(nproc); cpu: $cpu"
  echo "java: $(java -version 2>&1 | head -1); curl: $(curl --version | head -1 | cut -d' ' -f1-2)"
  echo "load average before the nodes started: $load_before; with the $nodes nodes idle: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "$nodes nodes (Payara Micro $payara_version, H2, $peer_threads-thread peer executor each, $fetch_threads of them for fetches) on loopback;" \
    "slots of $seconds_per_slot s, epochs of $slots_per_epoch slots"
  java -Xmx2g -cp "$work/classes:$bc_jar" \
    -Dbench.bigBytes="$big_bytes" -Dbench.smallBytes="$small_bytes" \
    -Dbench.smallPerNode="$small_per_node" -Dbench.timeoutSeconds="$timeout" \
    -Dbench.pollMillis="$poll_millis" -Dbench.getRounds="$get_rounds" \
    -Dbench.getConnections="$get_connections" -Dbench.peerThreads="$fetch_threads" \
    -Dbench.warmupBytes="$warmup_bytes" \
    -Dbench.progressSeconds="$progress_seconds" -Dbench.jstackAt="$jstack_at" \
    dev.cachet.bench.metadata.MetadataExchangeBench "$root/docs/protocol.md" "$work" "${node_args[@]}" \
    2>&1 || echo "$?" >"$work/harness-failed"
  echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
} | tee "$results"
[ ! -f "$work/harness-failed" ] || die "the harness failed; see above and $work/node*/micro.log"
log "saved to $results"
