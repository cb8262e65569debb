#!/usr/bin/env bash
# XMSS^MT benchmark (not part of CI; see bench/README.md).
#
# Builds the ejb module, compiles the harness under bench/src/dev/cachet/bench/xmss, and prints in
# one run: the JDK SHA-256 rates and the hash-rate floor of one bottom tree, the time to prepare a
# bottom tree on 1 and 2 threads, BouncyCastle's time for the same tree (a measured fraction,
# scaled), sign and verify latencies inside the window, and memory per prepared key. The table is
# saved to bench/target/xmss-results.txt.
#
# Usage: bench/xmss.sh
# Environment (all optional):
#   BENCH_PARAMS (XMSSMT-SHA2_32/2_256)  parameter set; e.g. XMSSMT-SHA2_20/2_256 for a smoke run
#   BENCH_BC_HEIGHT (10)                 height of the BouncyCastle tree measured and scaled
#   BENCH_SIGNS (2048)                   consecutive slots signed (and verified)
#   BENCH_COLD_SIGNS (100)               signatures at random slots of the window
#   BENCH_MEMORY_KEYS (16)               windows decoded and held to measure heap per key
#   BENCH_JAVA_OPTS (-Xmx2g)             JVM options of the harness
set -euo pipefail

bench_dir=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$bench_dir/.." && pwd)
out="$bench_dir/target"
classes="$out/xmss-classes"
classpath_file="$out/xmss-classpath.txt"

log() { printf '[xmss] %s\n' "$*" >&2; }

cd "$root"
log "building the ejb module"
# One reactor run, so the persistence module resolves from this worktree, not from ~/.m2; the
# ejb module's classpath is written last and wins.
./mvnw -B -q -pl ejb -am -DskipTests package dependency:build-classpath \
  -Dmdep.outputFile="$classpath_file" >/dev/null
mkdir -p "$classes"
cp="$root/ejb/target/classes:$(cat "$classpath_file")"
log "compiling the harness"
javac -d "$classes" -cp "$cp" $(find "$bench_dir/src/dev/cachet/bench/xmss" -name '*.java')
log "running (a few minutes for XMSSMT-SHA2_32/2_256)"
# shellcheck disable=SC2086
java ${BENCH_JAVA_OPTS:--Xmx2g} -cp "$classes:$cp" dev.cachet.bench.xmss.XmssBench "$out/xmss-results.txt"
