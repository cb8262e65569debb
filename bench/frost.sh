#!/usr/bin/env bash
# FROST benchmark (not part of CI; see bench/README.md).
#
# Builds the ejb module, compiles the harness under bench/src/dev/cachet/bench/frost against it and
# BouncyCastle, and prints, for FROST(secp256k1, SHA-256) with t = 2 of 3, 3 of 5 and 7 of 10: the
# time per round-one commitment, round-two share, aggregation (with share verification) and
# verification; the compute time of 100 messages as one batched session against 100 sessions; and
# the signatures per second one node aggregates on 1 and 2 threads. Saves the table to
# bench/target/frost-results.txt.
#
# Usage: bench/frost.sh
# Environment (all optional):
#   BENCH_ROUNDS (9)               rounds per per-operation figure (the median is reported)
#   BENCH_OPS (20)                 operations per round
#   BENCH_SESSION_RUNS (3)         runs of the batched/separate comparison (median)
#   BENCH_THROUGHPUT_SESSIONS (4)  batched sessions of 100 messages per thread in the throughput run
#   CACHET_BENCH_JAVA_OPTS         extra JVM options for the harness
set -euo pipefail

bench_dir=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$bench_dir/.." && pwd)
out="$bench_dir/target"
classes="$out/frost-classes"
results="$out/frost-results.txt"

log() { printf '[frost] %s\n' "$*" >&2; }

load_at_start=$(cut -d ' ' -f 1-3 /proc/loadavg)
mkdir -p "$out"

log "building the ejb module and its runtime classpath"
# -am builds the persistence module in the same reactor, so the classpath resolves without an
# install; the relative output file lands in each module's own target/.
(cd "$root" && ./mvnw -B -q -pl ejb -am -DskipTests package dependency:build-classpath \
  -Dmdep.outputFile=target/frost-classpath.txt -DincludeScope=runtime)
classpath="$root/ejb/target/classes:$(cat "$root/ejb/target/frost-classpath.txt")"

log "compiling the harness"
rm -rf "$classes"
mkdir -p "$classes"
javac -d "$classes" -cp "$classpath" -encoding UTF-8 \
  $(find "$bench_dir/src/dev/cachet/bench/frost" -name '*.java')

java_opts=()
read -r -a java_opts <<<"${CACHET_BENCH_JAVA_OPTS:-}"
cpu=$(awk -F': *' '/^model name/ { print $2; exit }' /proc/cpuinfo)
java_version=$(java -version 2>&1 | head -n 1)

log "running (about a minute)"
table=$(java "${java_opts[@]}" -cp "$classes:$classpath" dev.cachet.bench.frost.FrostBench)
load_at_end=$(cut -d ' ' -f 1-3 /proc/loadavg)

{
  echo "Cachet FROST benchmark, $(date -u '+%Y-%m-%d %H:%M UTC')"
  echo "machine: $(nproc) cores (nproc), CPU: ${cpu:-unknown}; $java_version; BouncyCastle $(sed -n 's:.*<bouncycastle.version>\(.*\)</bouncycastle.version>.*:\1:p' "$root/pom.xml")"
  echo "load average (1/5/15 min): $load_at_start before, $load_at_end after (other work on the machine skews wall times; CPU times much less)"
  echo
  echo "$table"
  echo
  echo "Reference point: the Zcash Foundation's Rust FROST reports about 97 µs for a round-two share with 2 signers (ristretto255)."
} | tee "$results"
log "saved to $results"
