#!/usr/bin/env bash
# Epoch handoff benchmark (issue 13; not part of CI; see bench/README.md).
#
# Prints the three figures the issue asks for and saves them to bench/target/handoff-results.txt:
#   1. the time to verify a handoff certificate of 100 signers with CertificateCheck, on one thread
#      of a JVM pinned to one core (goal: under 10 ms), with the cost of one Ed25519 verification
#      beside it; a certificate with one corrupted signature must be refused first;
#   2. the handoff simulation's epochs per second at 10 members (ejb's test sources compiled into
#      the harness), same JVM;
#   3. on 4 Payara Micro nodes on loopback, each a member of every epoch, the time from an epoch's
#      announcement close until every node serves its certificate, for BENCH_EPOCHS consecutive
#      epochs, next to the protocol's floor (the grace).
# Part 3 starts nodes, so it runs under an exclusive lock (BENCH_NODES_LOCK), shared with every
# other multi-node run on the machine; parts 1 and 2 do not take it.
#
# Usage: bench/handoff.sh
# Environment (all optional):
#   BENCH_PIN_CPU (0)              CPU the parts-1-2 JVM is pinned to with taskset (empty: none)
#   BENCH_SIGNERS (100)            committee size and signers of the verified certificate
#   BENCH_VERIFY_WARMUP (200)      verifications before measuring
#   BENCH_ROUNDS (9), BENCH_OPS (50)   measured verifications: rounds x per round
#   BENCH_SIM_MEMBERS (10), BENCH_SIM_EPOCHS (40), BENCH_SIM_ROUNDS (5)   the simulation
#   BENCH_NODES (1)                0: skip part 3 (no nodes, no lock)
#   BENCH_NODES_LOCK (/tmp/cachet-nodes.lock)  lock held while nodes run (empty: no lock)
#   BENCH_LOCK_TIMEOUT (3600)      seconds to wait for the lock
#   BENCH_PORT (18301), BENCH_PEER_PORT (18401)   HTTP and peer ports of the nodes (.. +3)
#   BENCH_SECONDS_PER_SLOT (1), BENCH_SLOTS_PER_EPOCH (40)   the nodes' chain
#   BENCH_CLOSE_FRACTION, BENCH_GRACE_FRACTION, BENCH_BACKSTOP_FRACTION   the nodes'
#                                  cachet.handoff.* (default: the shipped defaults)
#   BENCH_EPOCHS (3)               consecutive epochs measured
#   BENCH_POLL_MILLIS (50)         period of each node's certificate poll
#   BENCH_BLOB_BYTES (1024)        size of each node's metadata blob
#   BENCH_SETTLE_SECONDS (10)      idle time between the nodes' readiness and the run
#   BENCH_READY_TIMEOUT (300)      seconds to wait for a node's readiness
#   CACHET_WAR, PAYARA_MICRO_JAR, CACHET_JAVA_OPTS (as in blob-serve.sh)
#   CACHET_BENCH_JAVA_OPTS         extra JVM options for the parts-1-2 harness
set -euo pipefail

bench_dir=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$bench_dir/.." && pwd)
out="$bench_dir/target"
work="$out/handoff"
classes="$work/classes"
results="$out/handoff-results.txt"
config="$root/ejb/src/main/resources/META-INF/microprofile-config.properties"
config_default() { sed -n "s/^$1=//p" "$config"; }

pin_cpu=${BENCH_PIN_CPU-0}
run_nodes=${BENCH_NODES:-1}
lock_file=${BENCH_NODES_LOCK-/tmp/cachet-nodes.lock}
lock_timeout=${BENCH_LOCK_TIMEOUT:-3600}
port=${BENCH_PORT:-18301}
peer_port=${BENCH_PEER_PORT:-18401}
seconds_per_slot=${BENCH_SECONDS_PER_SLOT:-1}
slots_per_epoch=${BENCH_SLOTS_PER_EPOCH:-40}
close_fraction=${BENCH_CLOSE_FRACTION:-$(config_default cachet.handoff.close-fraction)}
grace_fraction=${BENCH_GRACE_FRACTION:-$(config_default cachet.handoff.grace-fraction)}
backstop_fraction=${BENCH_BACKSTOP_FRACTION:-$(config_default cachet.handoff.backstop-fraction)}
epochs=${BENCH_EPOCHS:-3}
poll_millis=${BENCH_POLL_MILLIS:-50}
blob_bytes=${BENCH_BLOB_BYTES:-1024}
settle_seconds=${BENCH_SETTLE_SECONDS:-10}
ready_timeout=${BENCH_READY_TIMEOUT:-300}
nodes=4

log() { printf '[handoff] %s\n' "$*" >&2; }
die() {
  log "FAILED: $*"
  exit 1
}

for knob in run_nodes lock_timeout port peer_port seconds_per_slot slots_per_epoch epochs poll_millis \
  blob_bytes settle_seconds ready_timeout; do
  [[ ${!knob} =~ ^[0-9]+$ ]] || die "$knob must be a whole number, got '${!knob}'"
done
for knob in close_fraction grace_fraction backstop_fraction; do
  [[ ${!knob} =~ ^[0-9]*\.?[0-9]+$ ]] || die "$knob must be a decimal fraction, got '${!knob}'"
done
[[ -z $pin_cpu || $pin_cpu =~ ^[0-9]+$ ]] || die "BENCH_PIN_CPU must be a CPU number or empty, got '$pin_cpu'"
((seconds_per_slot > 0 && slots_per_epoch > 0 && epochs > 0 && poll_millis > 0)) ||
  die "BENCH_SECONDS_PER_SLOT, BENCH_SLOTS_PER_EPOCH, BENCH_EPOCHS and BENCH_POLL_MILLIS must be > 0"

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

rm -rf "$work"
mkdir -p "$classes"
cpu=$(awk -F': *' '/^model name/ { print $2; exit }' /proc/cpuinfo)
java_version=$(java -version 2>&1 | head -n 1)
bc_version=$(sed -n 's:.*<bouncycastle.version>\(.*\)</bouncycastle.version>.*:\1:p' "$root/pom.xml")
header() {
  echo "Cachet epoch handoff benchmark (issue 13), $(date -u '+%Y-%m-%d %H:%M UTC')"
  echo "machine: $(nproc) cores (nproc), CPU: ${cpu:-unknown}; $java_version; BouncyCastle $bc_version"
}

# ---- parts 1 and 2: one JVM, no nodes

log "building the ejb module and its runtime classpath"
# -am builds the persistence module in the same reactor, so the classpath resolves without an
# install; the relative output file lands in each module's own target/.
(cd "$root" && ./mvnw -B -q -pl ejb -am -DskipTests package dependency:build-classpath \
  -Dmdep.outputFile=target/handoff-classpath.txt -DincludeScope=runtime)
classpath="$root/ejb/target/classes:$(cat "$root/ejb/target/handoff-classpath.txt")"

log "compiling the harness with the simulation's test sources"
# The simulation (HandoffSimulation, Scenario, the simulated network, nodes and store) is test code
# of the ejb module; its non-test classes need only the module's runtime classpath.
simulation=$(find "$root/ejb/src/test/java/dev/cachet/handoff" -maxdepth 1 -name '*.java' ! -name '*Test.java')
javac -d "$classes" -cp "$classpath" -encoding UTF-8 $simulation \
  $(find "$bench_dir/src/dev/cachet/bench/handoff" -name '*.java')

java_opts=()
read -r -a java_opts <<<"${CACHET_BENCH_JAVA_OPTS:-}"
pin=()
if [ -n "$pin_cpu" ] && command -v taskset >/dev/null 2>&1; then
  pin=(taskset -c "$pin_cpu")
  pinned="one JVM pinned to CPU $pin_cpu (taskset -c $pin_cpu)"
elif [ -n "$pin_cpu" ]; then
  pinned="one JVM, NOT pinned (no taskset on this machine)"
else
  pinned="one JVM, not pinned (BENCH_PIN_CPU empty)"
fi

load_at_start=$(cut -d ' ' -f 1-3 /proc/loadavg)
log "parts 1 and 2 (about a minute)"
figures=$("${pin[@]}" java "${java_opts[@]}" -cp "$classes:$classpath" dev.cachet.bench.handoff.HandoffBench verify simulate)
load_after_jvm=$(cut -d ' ' -f 1-3 /proc/loadavg)
{
  header
  echo "parts 1-2: $pinned; load average (1/5/15 min) $load_at_start before, $load_after_jvm after (other work on the machine skews wall times; thread CPU times much less)"
  echo "$figures"
  echo
} | tee "$results"

if ((run_nodes == 0)); then
  log "BENCH_NODES=0: part 3 skipped; saved to $results"
  exit 0
fi

# ---- part 3: the WAR, Payara Micro, then the nodes under the lock

if [ -n "${CACHET_WAR:-}" ]; then
  war=$CACHET_WAR
else
  log "building web/target/cachet.war"
  (cd "$root" && ./mvnw -B -q -DskipTests -pl web -am package)
  war="$root/web/target/cachet.war"
fi
mkdir -p "$work/war"
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
command -v curl >/dev/null 2>&1 || die "curl is needed (the readiness checks)"

# Whether this shell already has $1 open: started as `flock FILE bench/handoff.sh`, it holds the
# lock through that descriptor, and locking the file again through a new one would wait forever.
holds_open() {
  local target fd
  target=$(readlink -f "$1")
  for fd in /proc/$$/fd/*; do
    [ "$(readlink "$fd" 2>/dev/null)" = "$target" ] && return 0
  done
  return 1
}
if [ -z "$lock_file" ]; then
  log "BENCH_NODES_LOCK is empty: starting nodes without a lock"
elif holds_open "$lock_file"; then
  log "$lock_file is held already by the command that started this script"
else
  exec 9>>"$lock_file"
  log "waiting for $lock_file (up to $lock_timeout s; another multi-node run may hold it)"
  flock -w "$lock_timeout" 9 || die "$lock_file still held after $lock_timeout s"
  log "holding $lock_file"
fi

read -r -a node_java_opts <<<"${CACHET_JAVA_OPTS:-}"

free_port() { # nothing accepts a TCP connection on 127.0.0.1:$1
  ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# One genesis for every node, a minute ago.
genesis=$(($(date +%s) - 60))

# start_node N: node N (1..4) on HTTP port+N-1 and peer listener peer_port+N-1, under $work/nodeN.
# The lock's descriptor is closed for the node: only this script holds the lock.
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
    CACHET_HANDOFF_CLOSE_FRACTION="$close_fraction" CACHET_HANDOFF_GRACE_FRACTION="$grace_fraction" \
    CACHET_HANDOFF_BACKSTOP_FRACTION="$backstop_fraction" \
    java "${node_java_opts[@]}" -jar "$micro" \
    --nohazelcast --disablephonehome \
    --prebootcommandfile "$dir/preboot.asadmin" \
    --rootdir "$dir/micro-root" --port "$http" --deploy "$work/war/cachet.war" \
    >"$dir/micro.log" 2>&1 9>&- &
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

load_before_nodes=$(cut -d ' ' -f 1-3 /proc/loadavg)
for n in $(seq "$nodes"); do start_node "$n"; done
for n in $(seq "$nodes"); do await_ready "$n"; done
log "all $nodes nodes ready; letting them settle for $settle_seconds s (start-up work, JIT)"
sleep "$settle_seconds"

node_args=()
for n in $(seq "$nodes"); do
  node_args+=("http://127.0.0.1:$((port + n - 1)),http://127.0.0.1:$((peer_port + n - 1)),$work/node$n/data/admin.token")
done

log "part 3: $epochs epochs of $((seconds_per_slot * slots_per_epoch)) s (a few minutes)"
{
  echo "3. Announcement close to every node holding the certificate, $nodes nodes on loopback"
  echo "  $nodes nodes (Payara Micro $payara_version, H2, one JVM each) and the harness share the machine;" \
    "load average $load_before_nodes before the nodes started, $(cut -d ' ' -f 1-3 /proc/loadavg) with them idle"
  java -cp "$classes:$classpath" \
    -Dbench.genesis="$genesis" -Dbench.secondsPerSlot="$seconds_per_slot" \
    -Dbench.slotsPerEpoch="$slots_per_epoch" -Dbench.closeFraction="$close_fraction" \
    -Dbench.graceFraction="$grace_fraction" -Dbench.backstopFraction="$backstop_fraction" \
    -Dbench.epochs="$epochs" -Dbench.pollMillis="$poll_millis" -Dbench.blobBytes="$blob_bytes" \
    dev.cachet.bench.handoff.HandoffNodesBench "${node_args[@]}" 2>&1 ||
    echo "$?" >"$work/harness-failed"
  echo "  load average after: $(cut -d ' ' -f 1-3 /proc/loadavg)"
} | tee -a "$results"
stop_nodes
exec 9>&-
[ ! -f "$work/harness-failed" ] || die "part 3 failed; see above and $work/node*/micro.log"
log "saved to $results"
