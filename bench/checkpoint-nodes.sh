#!/usr/bin/env bash
# Checkpoint attestation benchmark on four nodes (issue 15; not part of CI; see bench/README.md).
#
# Starts 4 Cachet nodes on Payara Micro on loopback (each with its peer listener; one genesis time;
# slots of BENCH_SLOT_SECONDS; 8 blocks of at most 100 transactions per slot; the same genesis
# accounts file of BENCH_ACCOUNTS accounts), has each generate its validator's XMSS^MT attestation
# and proposal keys, sets the committees of the 4 with their checkpoint duties on every node, then
# runs the phases of BENCH_PHASES (ABBA: pipelined, on-proposal, on-proposal, pipelined), restarting
# all 4 nodes with that CACHET_CHECKPOINT_EXECUTION on the same data directories before each (keys,
# committees and published checkpoints persist). Per phase the harness fills the pools with the
# transactions of fresh senders: by default its feeder, a member without a checkpoint duty of the
# next epoch's committee (the run's epoch has the 4 alone), relays them to every node, 1,000 a
# message, as members relay (BENCH_FILL=post: one POST /api/v1/checkpoint/txs each instead, which
# the nodes take at only 50-70 a second on 2 cores, nonce-0 ones last so none applies before).
# Then it lets BENCH_WARMUP_SLOTS slots run (JIT), measures BENCH_MEASURED_SLOTS slots, and reads
# each node's view of each slot afterwards: per validator (the 3 non-proposers) the time from the
# checkpoint proposal's arrival to its attestation being sent (attestationMicros) and each block's
# execution time (executionMicros); slots that were not published with every block full are
# reported and left out. Prints per phase and pooled per mode: proposal -> attestation median/p90,
# one block's execution, the breakdown (the last block, the rest) and the goals (pipelined within
# 1.5x one block; at least 4x faster than on-proposal), MET or NOT MET. Saves everything to
# bench/target/checkpoint-nodes-results.txt. Exits 1 if a phase has no valid measured slot.
#
# The nodes run under an exclusive lock (BENCH_NODES_LOCK), shared with every other multi-node run
# on the machine: `flock /tmp/cachet-nodes.lock bench/checkpoint-nodes.sh` (or let the script take it).
#
# Environment (all optional):
#   BENCH_PHASES ("pipelined on-proposal on-proposal pipelined")   the phases, in order
#   BENCH_MEASURED_SLOTS (12)      measured slots per phase
#   BENCH_WARMUP_SLOTS (10)        slots run with full blocks before the measured ones, per phase
#   BENCH_SLOT_SECONDS (2)         CACHET_CHAIN_SECONDS_PER_SLOT
#   BENCH_BLOCKS (8), BENCH_TXS (100)   CACHET_CHECKPOINT_BLOCKS_PER_SLOT, _MAX_TXS_PER_BLOCK
#   BENCH_ACCOUNTS (10000)         genesis accounts (the ledger's size: its state root covers all)
#   BENCH_SENDERS (250)            sender accounts per phase (fresh ones each phase)
#   BENCH_FILL (relay)             how transactions reach the pools: relay: the harness's feeder, a
#                                  member without duty of the next epoch's committee, relays them
#                                  to every node (1,000 a message); post: POST
#                                  /api/v1/checkpoint/txs one by one, each relayed by the node
#                                  (4 HTTP requests a transaction: about 50-70/s on 2 cores)
#   BENCH_SUBMIT_THREADS (8)       BENCH_FILL=post: harness threads posting transactions
#   BENCH_XMSS_HEIGHT (20), BENCH_XMSS_LAYERS (2)   the validators' XMSS^MT keys (leaf = slot)
#   BENCH_NODES_LOCK (/tmp/cachet-nodes.lock)  lock held while nodes run (empty: no lock)
#   BENCH_LOCK_TIMEOUT (3600)      seconds to wait for the lock
#   BENCH_PORT (18701), BENCH_PEER_PORT (18801)   HTTP and peer ports of the nodes (.. +3)
#   BENCH_SLOTS_PER_EPOCH (3600)   CACHET_CHAIN_SLOTS_PER_EPOCH (the whole run is in one epoch)
#   BENCH_SETTLE_SECONDS (5)       idle time between the nodes' readiness and a phase
#   BENCH_READY_TIMEOUT (300)      seconds to wait for a node's readiness
#   CACHET_WAR, PAYARA_MICRO_JAR, CACHET_JAVA_OPTS (as in blob-serve.sh)
#   CACHET_BENCH_JAVA_OPTS         extra JVM options for the harness
set -euo pipefail

bench_dir=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$bench_dir/.." && pwd)
out="$bench_dir/target"
work="$out/checkpoint-nodes"
classes="$work/classes"
results="$out/checkpoint-nodes-results.txt"

phases=${BENCH_PHASES:-pipelined on-proposal on-proposal pipelined}
measured=${BENCH_MEASURED_SLOTS:-12}
warmup=${BENCH_WARMUP_SLOTS:-10}
slot_seconds=${BENCH_SLOT_SECONDS:-2}
blocks=${BENCH_BLOCKS:-8}
txs=${BENCH_TXS:-100}
accounts=${BENCH_ACCOUNTS:-10000}
senders=${BENCH_SENDERS:-250}
fill=${BENCH_FILL:-relay}
submit_threads=${BENCH_SUBMIT_THREADS:-8}
xmss_height=${BENCH_XMSS_HEIGHT:-20}
xmss_layers=${BENCH_XMSS_LAYERS:-2}
lock_file=${BENCH_NODES_LOCK-/tmp/cachet-nodes.lock}
lock_timeout=${BENCH_LOCK_TIMEOUT:-3600}
port=${BENCH_PORT:-18701}
peer_port=${BENCH_PEER_PORT:-18801}
slots_per_epoch=${BENCH_SLOTS_PER_EPOCH:-3600}
settle_seconds=${BENCH_SETTLE_SECONDS:-5}
ready_timeout=${BENCH_READY_TIMEOUT:-300}
nodes=4

log() { printf '[checkpoint-nodes] %s\n' "$*" >&2; }
die() {
  log "FAILED: $*"
  exit 1
}

for knob in measured warmup slot_seconds blocks txs accounts senders submit_threads xmss_height xmss_layers \
  lock_timeout port peer_port slots_per_epoch settle_seconds ready_timeout; do
  [[ ${!knob} =~ ^[0-9]+$ ]] || die "$knob must be a whole number, got '${!knob}'"
done
((measured > 0 && slot_seconds > 0 && blocks >= 1 && blocks <= 64 && txs > 0 && senders > 0 && submit_threads > 0)) ||
  die "BENCH_MEASURED_SLOTS, BENCH_SLOT_SECONDS, BENCH_TXS, BENCH_SENDERS and BENCH_SUBMIT_THREADS must be > 0, BENCH_BLOCKS 1 to 64"
phase_count=0
for m in $phases; do
  [[ $m == pipelined || $m == on-proposal ]] || die "BENCH_PHASES holds pipelined and on-proposal, got '$m'"
  phase_count=$((phase_count + 1))
done
((phase_count > 0)) || die "BENCH_PHASES is empty"
[[ $fill == relay || $fill == post ]] || die "BENCH_FILL is relay or post, got '$fill'"
((phase_count * senders <= accounts)) || die "BENCH_SENDERS x phases ($((phase_count * senders))) exceeds BENCH_ACCOUNTS"
command -v curl >/dev/null 2>&1 || die "curl is needed (the readiness checks)"

# ---- every node started is stopped on exit, also on failure or Ctrl-C

node_pids=()
stop_nodes() { # TERM to all at once, up to 30 s, then KILL
  local pid
  for pid in "${node_pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${node_pids[@]}"; do
    for _ in $(seq 30); do kill -0 "$pid" 2>/dev/null || break; sleep 1; done
    kill -9 "$pid" 2>/dev/null || true
  done
  node_pids=()
}
trap stop_nodes EXIT
trap 'exit 130' INT TERM

mkdir -p "$out"
rm -rf "$work"
mkdir -p "$classes" "$work/war"

# ---- the harness, the WAR, Payara Micro

javac -d "$classes" -encoding UTF-8 "$bench_dir"/src/dev/cachet/bench/checkpoint/CheckpointNode*.java

if [ -n "${CACHET_WAR:-}" ]; then
  war=$CACHET_WAR
else
  log "building web/target/cachet.war"
  (cd "$root" && ./mvnw -B -o -q -DskipTests -pl persistence,ejb,web -am package)
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

# The descriptors of this shell open on $1: started as `flock FILE bench/checkpoint-nodes.sh`,
# the script holds the lock through one of them, and locking the file again through a new one
# would wait forever. They are closed for the nodes, so a node left behind never keeps the lock.
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
read -r -a harness_opts <<<"${CACHET_BENCH_JAVA_OPTS:-}"

free_port() { # nothing accepts a TCP connection on 127.0.0.1:$1
  ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# One genesis for every node and every phase, a minute ago: with 3600-slot epochs the whole run is
# in epoch 0 (the harness sets its committee and the next's), so no epoch handoff runs meanwhile
# (it starts at half an epoch), and slot numbers (the XMSS^MT leaves) stay far below the end of the
# keys' first two bottom trees (2,048 slots at h = 20, d = 2).
genesis=$(($(date +%s) - 60))
accounts_file="$work/genesis-accounts.json"
# The feeder's URL in its committee: nothing listens there. It only relays transactions, and in the
# run's epoch the nodes send it nothing but perhaps a metadata listing request, which fails at once.
feeder_port=$((peer_port + 50))
free_port "$feeder_port" || die "something answers on 127.0.0.1:$feeder_port (the feeder's URL must be dead)"

harness() { # harness COMMAND [ARGS…]: the Java harness with every knob
  java "${harness_opts[@]}" -cp "$classes" \
    -Dbench.work="$work" -Dbench.genesis="$genesis" -Dbench.slotMillis=$((slot_seconds * 1000)) \
    -Dbench.slotsPerEpoch="$slots_per_epoch" -Dbench.accounts="$accounts" -Dbench.blocks="$blocks" \
    -Dbench.txs="$txs" -Dbench.measured="$measured" -Dbench.warmup="$warmup" \
    -Dbench.senders="$senders" -Dbench.submitThreads="$submit_threads" -Dbench.fill="$fill" \
    -Dbench.feederPort="$feeder_port" \
    -Dbench.xmssHeight="$xmss_height" -Dbench.xmssLayers="$xmss_layers" \
    -Dbench.clkTck="$(getconf CLK_TCK)" -Dbench.phase="${phase:-0}" -Dbench.mode="${mode:-none}" \
    dev.cachet.bench.checkpoint.CheckpointNodesBench "$@"
}

harness genesis "$accounts_file"

# start_node N MODE: node N (1..4) on HTTP port+N-1 and peer listener peer_port+N-1, under
# $work/nodeN (its data directory and state key kept from one start to the next).
start_node() {
  local n=$1 mode=$2 dir="$work/node$1" http=$((port + $1 - 1)) peer=$((peer_port + $1 - 1)) fd
  free_port "$http" || die "something already answers on 127.0.0.1:$http; set BENCH_PORT to a free range"
  free_port "$peer" || die "something already answers on 127.0.0.1:$peer; set BENCH_PEER_PORT to a free range"
  mkdir -p "$dir/data"
  [ -s "$dir/state-key" ] || head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n' >"$dir/state-key"
  # The shipped pre-boot commands and the peer listener's, as resources/run.sh adds them.
  { cat "$root/resources/preboot.asadmin"; echo; "$root/resources/peer-listener.sh" 127.0.0.1 "$peer"; } \
    >"$dir/preboot.asadmin"
  log "starting node $n ($mode): http://127.0.0.1:$http, peer listener http://127.0.0.1:$peer (log: $dir/micro-$phase.log)"
  (
    for fd in "${lock_fds[@]}"; do eval "exec $fd>&-"; done
    export CACHET_DATA_DIR="$dir/data" CACHET_STATE_KEY_PROVIDER=env \
      CACHET_STATE_KEY_HEX="$(cat "$dir/state-key")" \
      CACHET_CHAIN_GENESIS_TIME="$genesis" CACHET_CHAIN_SECONDS_PER_SLOT="$slot_seconds" \
      CACHET_CHAIN_SLOTS_PER_EPOCH="$slots_per_epoch" CACHET_PEER_PORT="$peer" \
      CACHET_CHECKPOINT_EXECUTION="$mode" CACHET_CHECKPOINT_BLOCKS_PER_SLOT="$blocks" \
      CACHET_CHECKPOINT_MAX_TXS_PER_BLOCK="$txs" CACHET_CHECKPOINT_GENESIS_ACCOUNTS="$accounts_file"
    exec java "${node_java_opts[@]}" -jar "$micro" \
      --nohazelcast --disablephonehome \
      --prebootcommandfile "$dir/preboot.asadmin" \
      --rootdir "$dir/micro-root" --port "$http" --deploy "$work/war/cachet.war" \
      >"$dir/micro-$phase.log" 2>&1
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
    kill -0 "$pid" 2>/dev/null || die "node $n exited; see $work/node$n/micro-$phase.log"
    sleep 1
  done
  die "node $n is not ready after $ready_timeout s; see $work/node$n/micro-$phase.log"
}

node_args() {
  local n
  for n in $(seq "$nodes"); do
    printf '%s ' "http://127.0.0.1:$((port + n - 1)),http://127.0.0.1:$((peer_port + n - 1)),$work/node$n/data/admin.token,${node_pids[$((n - 1))]}"
  done
}

cpu=$(awk -F': *' '/^model name/ { print $2; exit }' /proc/cpuinfo)
load_before=$(cut -d ' ' -f 1-3 /proc/loadavg)
started_at=$(date +%s)
{
  # The phases run in this subshell (its output goes to tee): it stops the nodes it started.
  trap stop_nodes EXIT
  trap 'exit 130' INT TERM
  echo "Cachet checkpoint attestation on four nodes (issue 15), $(date -u '+%Y-%m-%d %H:%M UTC')"
  echo "machine: $(nproc) cores (nproc), CPU: ${cpu:-unknown}; $(java -version 2>&1 | head -n 1); load average $load_before before the nodes started"
  echo "$nodes nodes (Payara Micro $payara_version, H2, one JVM each) and the harness share the machine on loopback;" \
    "slots of $slot_seconds s, $blocks blocks of $txs transactions (build fraction 0.5, deadline fraction 0.9: the node's defaults)," \
    "$accounts genesis accounts; epochs of $slots_per_epoch slots; phases: $phases; $warmup warm-up and $measured measured slots each; transactions in by $fill"
  phase=0
  for mode in $phases; do
    phase=$((phase + 1))
    for n in $(seq "$nodes"); do start_node "$n" "$mode"; done
    for n in $(seq "$nodes"); do await_ready "$n"; done
    log "phase $phase ($mode): all $nodes nodes ready; settling for $settle_seconds s"
    sleep "$settle_seconds"
    # shellcheck disable=SC2046
    if ((phase == 1)); then harness setup $(node_args); fi
    log "phase $phase ($mode): measuring"
    # shellcheck disable=SC2046
    harness phase $(node_args) || { echo "phase $phase: the harness failed ($?)"; echo 1 >"$work/failed"; }
    log "phase $phase ($mode): stopping the nodes"
    stop_nodes
  done
  harness report || echo 1 >"$work/failed"
  echo
  echo "load average after: $(cut -d ' ' -f 1-3 /proc/loadavg); the run took $(($(date +%s) - started_at)) s"
  touch "$work/completed"
} | tee "$results"
if ((${#lock_fds[@]} == 1)) && [ "${lock_fds[0]}" = 9 ]; then exec 9>&-; fi
[ -f "$work/completed" ] || die "the run stopped early (see above, $results and $work/node*/micro-*.log)"
[ ! -f "$work/failed" ] || die "a phase had no valid measured slot or the harness failed (see $results and $work/node*/micro-*.log)"
log "saved to $results"
