#!/usr/bin/env bash
# Batched threshold keysign benchmark (issue 14; not part of CI; see bench/README.md).
#
# Starts 5 Cachet nodes on Payara Micro on loopback (each with its peer listener, one genesis, long
# epochs), sets one committee of the 5 on every node, deals a 3-of-5 key on node 1 and imports
# each node's package on it, then measures, on the same started nodes and each on a fresh chain,
# every batch size of BENCH_BATCH_SIZES in two modes: (a) at-once, BENCH_NONCES digests posted to
# every node as fast as the nodes answer, (b) steady, the same digests arriving at BENCH_RATE per
# second. Per configuration: digests signed per second, peer round trips per digest (the nodes'
# cachet_keysign_peer_calls_total by kind), sessions and aborts, p50/p99/max from a nonce's first
# POST until it is signed on all 5 nodes, the observer's own requests, each node's CPU seconds.
# Then batch size 10 against batch size 1 (goals: >= 3x the digests per second, >= 5x fewer round
# trips per digest), MET or NOT MET, and what one observer request costs a node. After a warm-up,
# batch size 1 runs first; batch sizes 10 and 1 run again at the end (ABBA), so a drift shows and
# cancels in the goals' ratios. Saves everything to
# bench/target/keysign-results.txt. Fails (exit 1) when a configuration does not get all its
# digests signed on every node within BENCH_TIMEOUT, after printing what it has.
#
# The nodes run under an exclusive lock (BENCH_NODES_LOCK), shared with every other multi-node run
# on the machine: `flock /tmp/cachet-nodes.lock bench/keysign.sh` (or let the script take it).
#
# Environment (all optional):
#   BENCH_NONCES (500)             nonces (digests) per configuration
#   BENCH_BATCH_SIZES ("1 5 10 20 50")   batch sizes, in this order (then 10 and the first again)
#   BENCH_MODES ("at-once steady") modes, each run per batch size
#   BENCH_RATE (50)                steady mode: digests arriving per second
#   BENCH_TIMEOUT (600)            seconds a configuration has to get every digest signed everywhere
#   BENCH_REPEAT (1)               0: do not run batch sizes 10 and the first again at the end
#   BENCH_WARMUP_NONCES (100)      unmeasured warm-up rounds: this many at batch 10, then at batch 1
#                                  (0: no warm-up) ...
#   BENCH_WARMUP_JIT (0.25)        ... until the nodes' JIT compiler threads use less than this many
#                                  cores over a round ...
#   BENCH_WARMUP_SECONDS (240)     ... or this many seconds passed
#   BENCH_CLIENT_THREADS (2)       at-once mode: observer client threads per node
#   BENCH_STEADY_THREADS (8)       steady mode: observer client threads per node (each waits for
#                                  its nonces' arrival times; several, so a slow POST delays none)
#   BENCH_POLL_MILLIS (50)         period of each node's chain status poll
#   BENCH_SESSION_TIMEOUT_MILLIS (10000)   the nodes' CACHET_KEYSIGN_SESSION_TIMEOUT_MILLIS
#   BENCH_PROBE_REQUESTS (500)     requests per kind of the per-request cost probe (0: none)
#   BENCH_NODES_LOCK (/tmp/cachet-nodes.lock)  lock held while nodes run (empty: no lock)
#   BENCH_LOCK_TIMEOUT (3600)      seconds to wait for the lock
#   BENCH_PORT (18501), BENCH_PEER_PORT (18601)   HTTP and peer ports of the nodes (.. +4)
#   BENCH_SECONDS_PER_SLOT (1), BENCH_SLOTS_PER_EPOCH (3600)   the nodes' chain
#   BENCH_SETTLE_SECONDS (10)      idle time between the nodes' readiness and the run
#   BENCH_READY_TIMEOUT (300)      seconds to wait for a node's readiness
#   CACHET_WAR, PAYARA_MICRO_JAR, CACHET_JAVA_OPTS (as in blob-serve.sh)
#   CACHET_BENCH_JAVA_OPTS         extra JVM options for the harness
set -euo pipefail

bench_dir=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$bench_dir/.." && pwd)
out="$bench_dir/target"
work="$out/keysign"
classes="$work/classes"
results="$out/keysign-results.txt"

nonces=${BENCH_NONCES:-500}
batch_sizes=${BENCH_BATCH_SIZES:-1 5 10 20 50}
modes=${BENCH_MODES:-at-once steady}
rate=${BENCH_RATE:-50}
timeout=${BENCH_TIMEOUT:-600}
repeat=${BENCH_REPEAT:-1}
warmup_nonces=${BENCH_WARMUP_NONCES:-100}
warmup_jit=${BENCH_WARMUP_JIT:-0.25}
warmup_seconds=${BENCH_WARMUP_SECONDS:-240}
client_threads=${BENCH_CLIENT_THREADS:-2}
steady_threads=${BENCH_STEADY_THREADS:-8}
poll_millis=${BENCH_POLL_MILLIS:-50}
session_timeout=${BENCH_SESSION_TIMEOUT_MILLIS:-10000}
probe_requests=${BENCH_PROBE_REQUESTS:-500}
lock_file=${BENCH_NODES_LOCK-/tmp/cachet-nodes.lock}
lock_timeout=${BENCH_LOCK_TIMEOUT:-3600}
port=${BENCH_PORT:-18501}
peer_port=${BENCH_PEER_PORT:-18601}
seconds_per_slot=${BENCH_SECONDS_PER_SLOT:-1}
slots_per_epoch=${BENCH_SLOTS_PER_EPOCH:-3600}
settle_seconds=${BENCH_SETTLE_SECONDS:-10}
ready_timeout=${BENCH_READY_TIMEOUT:-300}
nodes=5
threshold=3

log() { printf '[keysign] %s\n' "$*" >&2; }
die() {
  log "FAILED: $*"
  exit 1
}

for knob in nonces timeout warmup_nonces warmup_seconds client_threads steady_threads poll_millis session_timeout probe_requests \
  lock_timeout port peer_port seconds_per_slot slots_per_epoch settle_seconds ready_timeout; do
  [[ ${!knob} =~ ^[0-9]+$ ]] || die "$knob must be a whole number, got '${!knob}'"
done
[[ $rate =~ ^[0-9]*\.?[0-9]+$ ]] || die "BENCH_RATE must be a number of digests per second, got '$rate'"
[[ $warmup_jit =~ ^[0-9]*\.?[0-9]+$ ]] || die "BENCH_WARMUP_JIT must be a number of cores, got '$warmup_jit'"
[[ $batch_sizes =~ ^[[:space:]]*[0-9]+([[:space:]]+[0-9]+)*[[:space:]]*$ ]] ||
  die "BENCH_BATCH_SIZES must be whole numbers separated by spaces, got '$batch_sizes'"
for b in $batch_sizes; do
  ((b >= 1 && b <= 100)) || die "a batch size is 1 to 100 (the node's limit), got $b"
done
for m in $modes; do
  [[ $m == at-once || $m == steady ]] || die "BENCH_MODES holds at-once and/or steady, got '$m'"
done
((nonces > 0 && timeout > 0 && client_threads > 0 && steady_threads > 0 && poll_millis > 0)) ||
  die "BENCH_NONCES, BENCH_TIMEOUT, BENCH_CLIENT_THREADS, BENCH_STEADY_THREADS and BENCH_POLL_MILLIS must be > 0"
((session_timeout >= 100)) || die "BENCH_SESSION_TIMEOUT_MILLIS is at least 100 (the node's floor)"
[[ $(awk -v r="$rate" 'BEGIN { print (r > 0) }') == 1 ]] || die "BENCH_RATE must be > 0"
case "$repeat" in
  1 | true | yes) repeat=true ;;
  *) repeat=false ;;
esac
command -v curl >/dev/null 2>&1 || die "curl is needed (the readiness checks)"

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
mkdir -p "$classes" "$work/war"

# ---- the harness, the WAR, Payara Micro

javac -d "$classes" -encoding UTF-8 "$bench_dir"/src/dev/cachet/bench/keysign/*.java

if [ -n "${CACHET_WAR:-}" ]; then
  war=$CACHET_WAR
else
  log "building web/target/cachet.war"
  (cd "$root" && ./mvnw -B -q -DskipTests -pl persistence,ejb,web -am package)
  war="$root/web/target/cachet.war"
fi
[ -f "$war" ] || die "no WAR at $war"
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

# ---- the lock

# The descriptors of this shell open on $1: started as `flock FILE bench/keysign.sh`, the script
# holds the lock through one of them, and locking the file again through a new one would wait
# forever. They are closed for the nodes, so a node left behind never keeps the lock.
open_fds() {
  local target fd
  target=$(readlink -f "$1")
  for fd in /proc/$$/fd/*; do
    [ "$(readlink "$fd" 2>/dev/null)" = "$target" ] && echo "${fd##*/}"
  done
  return 0
}
lock_fds=()
if [ -z "$lock_file" ]; then
  log "BENCH_NODES_LOCK is empty: starting nodes without a lock"
else
  read -r -a lock_fds <<<"$(open_fds "$lock_file" | tr '\n' ' ')"
  if ((${#lock_fds[@]} > 0)); then
    log "$lock_file is held already by the command that started this script"
  else
    exec 9>>"$lock_file"
    lock_fds=(9)
    log "waiting for $lock_file (up to $lock_timeout s; another multi-node run may hold it)"
    flock -w "$lock_timeout" 9 || die "$lock_file still held after $lock_timeout s"
    log "holding $lock_file"
  fi
fi

# ---- nodes

read -r -a node_java_opts <<<"${CACHET_JAVA_OPTS:-}"

free_port() { # nothing accepts a TCP connection on 127.0.0.1:$1
  ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# One genesis for every node, a minute ago: with 1 s slots and 3600-slot epochs the epoch stays the
# same for the next 59 minutes (the harness sets the committees of the epochs around it anyway).
genesis=$(($(date +%s) - 60))

# start_node N: node N (1..5) on HTTP port+N-1 and peer listener peer_port+N-1, under $work/nodeN.
start_node() {
  local n=$1 dir="$work/node$1" http=$((port + $1 - 1)) peer=$((peer_port + $1 - 1)) fd
  free_port "$http" || die "something already answers on 127.0.0.1:$http; set BENCH_PORT to a free range"
  free_port "$peer" || die "something already answers on 127.0.0.1:$peer; set BENCH_PEER_PORT to a free range"
  mkdir -p "$dir/data"
  # The shipped pre-boot commands and the peer listener's, as resources/run.sh adds them.
  { cat "$root/resources/preboot.asadmin"; echo; "$root/resources/peer-listener.sh" 127.0.0.1 "$peer"; } \
    >"$dir/preboot.asadmin"
  log "starting node $n: http://127.0.0.1:$http, peer listener http://127.0.0.1:$peer (log: $dir/micro.log)"
  (
    for fd in "${lock_fds[@]}"; do eval "exec $fd>&-"; done
    export CACHET_DATA_DIR="$dir/data" CACHET_STATE_KEY_PROVIDER=env \
      CACHET_STATE_KEY_HEX="$(head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n')" \
      CACHET_CHAIN_GENESIS_TIME="$genesis" CACHET_CHAIN_SECONDS_PER_SLOT="$seconds_per_slot" \
      CACHET_CHAIN_SLOTS_PER_EPOCH="$slots_per_epoch" CACHET_PEER_PORT="$peer" \
      CACHET_KEYSIGN_SESSION_TIMEOUT_MILLIS="$session_timeout"
    exec java "${node_java_opts[@]}" -jar "$micro" \
      --nohazelcast --disablephonehome \
      --prebootcommandfile "$dir/preboot.asadmin" \
      --rootdir "$dir/micro-root" --port "$http" --deploy "$work/war/cachet.war" \
      >"$dir/micro.log" 2>&1
  ) &
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

cpu=$(awk -F': *' '/^model name/ { print $2; exit }' /proc/cpuinfo)
load_before=$(cut -d ' ' -f 1-3 /proc/loadavg)
for n in $(seq "$nodes"); do start_node "$n"; done
for n in $(seq "$nodes"); do await_ready "$n"; done
log "all $nodes nodes ready; letting them settle for $settle_seconds s (start-up work, JIT)"
sleep "$settle_seconds"

node_args=()
for n in $(seq "$nodes"); do
  node_args+=("http://127.0.0.1:$((port + n - 1)),http://127.0.0.1:$((peer_port + n - 1)),$work/node$n/data/admin.token,${node_pids[$((n - 1))]}")
done

read -r -a harness_opts <<<"${CACHET_BENCH_JAVA_OPTS:-}"
log "measuring (5 nodes on $(nproc) cores: this takes a while)"
{
  echo "Cachet batched threshold keysign benchmark (issue 14), $(date -u '+%Y-%m-%d %H:%M UTC')"
  echo "machine: $(nproc) cores (nproc), CPU: ${cpu:-unknown}; $(java -version 2>&1 | head -n 1)"
  echo "$nodes nodes (Payara Micro $payara_version, H2, one JVM each) and the harness share the machine on loopback;" \
    "slots of $seconds_per_slot s, epochs of $slots_per_epoch slots; $threshold-of-$nodes;" \
    "load average $load_before before the nodes started, $(cut -d ' ' -f 1-3 /proc/loadavg) with them idle"
  java "${harness_opts[@]}" -Djdk.httpclient.keepalive.timeout=20 -cp "$classes" \
    -Dbench.genesis="$genesis" -Dbench.secondsPerSlot="$seconds_per_slot" \
    -Dbench.slotsPerEpoch="$slots_per_epoch" -Dbench.nonces="$nonces" \
    -Dbench.batchSizes="$(echo $batch_sizes | tr ' ' ',')" -Dbench.modes="$(echo $modes | tr ' ' ',')" \
    -Dbench.rate="$rate" -Dbench.timeoutSeconds="$timeout" -Dbench.pollMillis="$poll_millis" \
    -Dbench.clientThreads="$client_threads" -Dbench.steadyThreads="$steady_threads" -Dbench.threshold="$threshold" \
    -Dbench.warmupNonces="$warmup_nonces" -Dbench.warmupJit="$warmup_jit" \
    -Dbench.warmupSeconds="$warmup_seconds" -Dbench.repeat="$repeat" \
    -Dbench.clkTck="$(getconf CLK_TCK)" -Dbench.probeRequests="$probe_requests" \
    -Dbench.sessionTimeoutMillis="$session_timeout" \
    dev.cachet.bench.keysign.KeysignBench "${node_args[@]}" ||
    echo "$?" >"$work/harness-failed"
  echo "  load average after: $(cut -d ' ' -f 1-3 /proc/loadavg)"
} | tee "$results"
stop_nodes
if ((${#lock_fds[@]} == 1)) && [ "${lock_fds[0]}" = 9 ]; then exec 9>&-; fi
[ ! -f "$work/harness-failed" ] || die "the harness failed (see above, $results and $work/node*/micro.log)"
log "saved to $results"
