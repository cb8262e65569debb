#!/usr/bin/env bash
# Validator signing benchmark (not part of CI; see bench/README.md).
#
# Starts one Cachet node on Payara Micro (fresh H2 database under bench/target, env key provider,
# one preparation thread, 4-second slots), generates 8 attestation keys with the production
# parameters (h = 32, d = 2), then runs 16 HTTP clients over loopback spread over the 8 keys:
# once with no preparation running, once while a ninth key is generated. Prints signatures/s,
# p50/p99 latency, the ratio of the p99s (goal <= 1.5), key generation time alone and under load,
# and the node's resident memory with 8 prepared keys; saves them to bench/target/.
#
# Environment (optional): BENCH_SECONDS (30) per measured phase, BENCH_PORT (18091),
# CACHET_WAR, PAYARA_MICRO_JAR, CACHET_JAVA_OPTS (as in blob-serve.sh).
set -euo pipefail

bench_dir=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$bench_dir/.." && pwd)
out="$bench_dir/target"
work="$out/keys-sign"
results="$out/keys-sign-results.txt"
port=${BENCH_PORT:-18091}
seconds=${BENCH_SECONDS:-30}
base="http://127.0.0.1:$port"

log() { printf '[keys-sign] %s\n' "$*" >&2; }
die() {
  log "FAILED: $*"
  exit 1
}
mkdir -p "$out" "$work/classes" "$work/war"

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

javac -d "$work/classes" "$bench_dir/src/dev/cachet/bench/keys/SignLoad.java"

micro_pid=
stop_micro() {
  if [ -n "$micro_pid" ] && kill -0 "$micro_pid" 2>/dev/null; then
    kill "$micro_pid" 2>/dev/null || true
    for _ in $(seq 30); do kill -0 "$micro_pid" 2>/dev/null || break; sleep 1; done
    kill -9 "$micro_pid" 2>/dev/null || true
  fi
}
trap stop_micro EXIT

if curl -s -o /dev/null --max-time 2 "$base/"; then
  die "something already answers on $base; set BENCH_PORT to a free port"
fi
rm -rf "$work/data" "$work/micro-root"
mkdir -p "$work/data"
read -r -a java_opts <<<"${CACHET_JAVA_OPTS:-}"
log "starting Payara Micro $payara_version on $base (log: $work/micro.log)"
CACHET_DATA_DIR="$work/data" CACHET_DB_URL="jdbc:h2:file:$work/data/cachet" \
  CACHET_STATE_KEY_PROVIDER=env CACHET_STATE_KEY_HEX="$(head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n')" \
  CACHET_KEYS_PREPARATION_THREADS=1 CACHET_CHAIN_SECONDS_PER_SLOT=4 \
  java "${java_opts[@]}" -jar "$micro" \
  --nohazelcast --disablephonehome \
  --prebootcommandfile "$root/resources/preboot.asadmin" \
  --rootdir "$work/micro-root" --port "$port" --deploy "$work/war/cachet.war" \
  >"$work/micro.log" 2>&1 &
micro_pid=$!
for _ in $(seq 180); do
  curl -s -o /dev/null -w '%{http_code}' "$base/health/ready" 2>/dev/null | grep -q 200 && break
  kill -0 "$micro_pid" 2>/dev/null || die "Payara Micro exited; see $work/micro.log"
  sleep 1
done
curl -s -o /dev/null -w '%{http_code}' "$base/health/ready" | grep -q 200 || die "node not ready"

{
  echo "# validator signing benchmark, $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "cores: $(nproc); cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | xargs)"
  echo "java: $(java -version 2>&1 | head -1); load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "16 clients over 8 attestation keys (h = 32, d = 2), ${seconds} s per phase, loopback HTTP/1.1"
  java -cp "$work/classes" dev.cachet.bench.keys.SignLoad "$base" "$work/data/admin.token" "$micro_pid" "$seconds"
  echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
} 2>&1 | tee "$results"
