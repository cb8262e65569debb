#!/usr/bin/env bash
# Checkpoint attestation benchmark (issue 15; not part of CI; see bench/README.md).
#
# Builds the ejb module, compiles the harness under bench/src/dev/cachet/bench/checkpoint against
# it, and runs the validator's CheckpointJob (the node's own class) on a slot of 8 blocks of 100
# transactions on the account ledger, pipelined (each block executed as it arrives) against
# synchronous (every block executed only when the checkpoint proposal arrives), the blocks arriving
# at the node's default block interval and with no slack; prints the time from the proposal's
# arrival to the attestation (split into the last block's execution and the rest), one block's
# execution time and the proposer's time to build a block, with the goals
# (pipelined within 1.5x one block; at least 4x faster than synchronous). In one JVM, no nodes:
# the time measured is the job's, not the network's. Saves to bench/target/checkpoint-results.txt.
#
# Usage: bench/checkpoint.sh
# Environment (all optional):
#   BENCH_PIN_CPU (0)      CPU the JVM is pinned to with taskset (empty: none)
#   BENCH_ACCOUNTS (10000), BENCH_BLOCKS (8), BENCH_TXS (100), BENCH_ROUNDS (31), BENCH_WARMUP (20)
#   BENCH_SLOT_MILLIS (4000) the slot whose first half the blocks arrive over (the node's default)
#   BENCH_INTERVAL_MICROS  one fixed arrival interval instead of the two schedules (the node's
#                          block interval, and one block's measured execution)
#   CACHET_BENCH_JAVA_OPTS extra JVM options for the harness
set -euo pipefail

bench_dir=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$bench_dir/.." && pwd)
out="$bench_dir/target"
classes="$out/checkpoint-classes"
results="$out/checkpoint-results.txt"
pin_cpu=${BENCH_PIN_CPU-0}

log() { printf '[checkpoint] %s\n' "$*" >&2; }

load_at_start=$(cut -d ' ' -f 1-3 /proc/loadavg)
mkdir -p "$out"

log "building the ejb module and its runtime classpath"
(cd "$root" && ./mvnw -B -q -pl ejb -am -DskipTests package dependency:build-classpath \
  -Dmdep.outputFile=target/checkpoint-classpath.txt -DincludeScope=runtime)
classpath="$root/ejb/target/classes:$(cat "$root/ejb/target/checkpoint-classpath.txt")"

log "compiling the harness"
rm -rf "$classes"
mkdir -p "$classes"
javac -d "$classes" -cp "$classpath" -encoding UTF-8 \
  $(find "$bench_dir/src/dev/cachet/bench/checkpoint" -name '*.java')

java_opts=()
read -r -a java_opts <<<"${CACHET_BENCH_JAVA_OPTS:-}"
props=(
  "-Dbench.accounts=${BENCH_ACCOUNTS:-10000}"
  "-Dbench.blocks=${BENCH_BLOCKS:-8}"
  "-Dbench.txs=${BENCH_TXS:-100}"
  "-Dbench.rounds=${BENCH_ROUNDS:-31}"
  "-Dbench.warmup=${BENCH_WARMUP:-20}"
  "-Dbench.slot-millis=${BENCH_SLOT_MILLIS:-4000}"
)
[[ -n ${BENCH_INTERVAL_MICROS:-} ]] && props+=("-Dbench.interval-micros=$BENCH_INTERVAL_MICROS")
pin=()
[[ -n $pin_cpu ]] && pin=(taskset -c "$pin_cpu")
cpu=$(awk -F': *' '/^model name/ { print $2; exit }' /proc/cpuinfo)
java_version=$(java -version 2>&1 | head -n 1)

log "running"
table=$("${pin[@]}" java "${java_opts[@]}" "${props[@]}" -cp "$classes:$classpath" dev.cachet.bench.checkpoint.CheckpointBench)
load_at_end=$(cut -d ' ' -f 1-3 /proc/loadavg)

{
  echo "Cachet checkpoint attestation benchmark (issue 15), $(date -u '+%Y-%m-%d %H:%M UTC')"
  echo "machine: $(nproc) cores (nproc), CPU: ${cpu:-unknown}; $java_version; pinned to CPU ${pin_cpu:-none}"
  echo "load average (1/5/15 min): $load_at_start before, $load_at_end after"
  echo
  echo "$table"
} | tee "$results"
log "saved to $results"
