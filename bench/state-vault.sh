#!/usr/bin/env bash
# State vault benchmark (not part of CI; see bench/README.md): persists per second of a 1 KiB
# record through the vault (env provider) against the same write through plain JPA, and through
# the vault with a command provider. Prints a table and saves it to bench/target/.
#
# Environment (optional): BENCH_SECONDS (5) per measured run, BENCH_ROUNDS (3).
set -euo pipefail
bench_dir=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$bench_dir/.." && pwd)
out="$bench_dir/target/state-vault"
seconds=${BENCH_SECONDS:-5}
rounds=${BENCH_ROUNDS:-3}
rm -rf "$out" && mkdir -p "$out/classes"

cd "$root"
# Compile ejb and its tests (the harness reuses the tests' H2 persistence-unit setup), then ask
# the same reactor for ejb's test classpath (the last module written wins: ejb).
./mvnw -B -q -pl ejb -am -DskipTests test-compile dependency:build-classpath \
  -DincludeScope=test -Dmdep.outputFile="$out/classpath.txt" >/dev/null
cp="$root/ejb/target/classes:$root/ejb/target/test-classes:$(cat "$out/classpath.txt")"
javac -d "$out/classes" -cp "$cp" $(find "$bench_dir/src/dev/cachet/bench/state" -name '*.java')

{
  echo "# state vault benchmark, $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "cores: $(nproc); cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | xargs)"
  echo "java: $(java -version 2>&1 | head -1); load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
  java -cp "$out/classes:$cp" dev.cachet.bench.state.StateVaultBench "$out/work" "$seconds" "$rounds"
} 2>&1 | grep -v '^SLF4J' | tee "$bench_dir/target/state-vault-results.txt"
