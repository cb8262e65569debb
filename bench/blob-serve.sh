#!/usr/bin/env bash
# Blob-serving benchmark (not part of CI; see bench/README.md).
#
# Starts one Cachet node on Payara Micro with a fresh H2 database under bench/target, stores a
# 1 KiB and a 1 MiB blob, and serves each of them over loopback HTTP with wrk (16 connections,
# 30 s) next to the very same bytes served as static files of the same WAR by the same Payara
# Micro instance. Prints requests/s, p50 and p99 for both, the blob/static throughput ratio and
# whether it meets the goal (>= 0.8), and saves the table to bench/target/blob-serve-results.txt.
#
# Usage: bench/blob-serve.sh
# Environment (all optional):
#   CACHET_WAR=/path/cachet.war  use this WAR instead of building web/target/cachet.war
#   PAYARA_MICRO_JAR=/path.jar   use this Payara Micro jar instead of fetching the pom's version
#   BENCH_PORT (18090)           HTTP port of the benchmarked node (loopback)
#   BENCH_DURATION (30)          seconds of each measured wrk run
#   BENCH_WARMUP (10)            seconds of the wrk warm-up run on each URL before measuring
#   BENCH_CONNECTIONS (16)       wrk connections
#   BENCH_THREADS (2)            wrk threads
#   BENCH_READY_TIMEOUT (120)    seconds to wait for /health/ready
#   BENCH_JSTACK_SAMPLES (0)     thread dumps of the node to take during each measured run
#                                (saved under bench/target/blob-serve/jstack/; perturbs the run)
#   CACHET_JAVA_OPTS             extra JVM options for the node, as in resources/run.sh
set -euo pipefail

bench_dir=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$bench_dir/.." && pwd)
out="$bench_dir/target"
work="$out/blob-serve"
results="$out/blob-serve-results.txt"

port=${BENCH_PORT:-18090}
duration=${BENCH_DURATION:-30}
warmup=${BENCH_WARMUP:-10}
connections=${BENCH_CONNECTIONS:-16}
threads=${BENCH_THREADS:-2}
ready_timeout=${BENCH_READY_TIMEOUT:-120}
jstack_samples=${BENCH_JSTACK_SAMPLES:-0}
goal=0.8
base="http://127.0.0.1:$port"

log() { printf '[blob-serve] %s\n' "$*" >&2; }
die() {
  log "FAILED: $*"
  exit 1
}

for knob in port duration warmup connections threads ready_timeout jstack_samples; do
  [[ ${!knob} =~ ^[0-9]+$ ]] || die "$knob must be a whole number, got '${!knob}'"
done
((duration > 0 && connections > 0 && threads > 0)) || die "duration, connections and threads must be > 0"

ensure_wrk() {
  command -v wrk >/dev/null 2>&1 && return 0
  local sudo=()
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null 2>&1 || die "wrk is not installed, and installing it needs root or sudo"
    sudo=(sudo)
  fi
  log "installing wrk (Debian package)"
  if ! "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q wrk >&2; then
    "${sudo[@]}" apt-get update -q >&2
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q wrk >&2
  fi
  command -v wrk >/dev/null 2>&1 || die "wrk is still not on PATH after installing it"
}

# The WAR under test: CACHET_WAR, or built like resources/run.sh does.
obtain_war() {
  if [ -n "${CACHET_WAR:-}" ]; then
    war=$CACHET_WAR
  else
    log "building web/target/cachet.war"
    (cd "$root" && ./mvnw -B -q -DskipTests -pl web -am package)
    war="$root/web/target/cachet.war"
  fi
  [ -f "$war" ] || die "no WAR at $war"
}

# The Payara Micro jar of the pom's payara.version, fetched like resources/run.sh does (a copy
# already in the local Maven repository is used without starting Maven).
obtain_micro() {
  payara_version=$(sed -n 's:.*<payara.version>\(.*\)</payara.version>.*:\1:p' "$root/pom.xml" | head -n 1)
  [ -n "$payara_version" ] || die "no <payara.version> in $root/pom.xml"
  if [ -n "${PAYARA_MICRO_JAR:-}" ]; then
    micro=$PAYARA_MICRO_JAR
  else
    micro="$out/payara-micro-$payara_version.jar"
    if [ ! -f "$micro" ]; then
      local cached="$HOME/.m2/repository/fish/payara/extras/payara-micro/$payara_version/payara-micro-$payara_version.jar"
      if [ -f "$cached" ]; then
        cp "$cached" "$micro"
      else
        (cd "$root" && ./mvnw -B -q dependency:copy \
          -Dartifact="fish.payara.extras:payara-micro:$payara_version" -DoutputDirectory="$out")
      fi
    fi
  fi
  [ -f "$micro" ] || die "no Payara Micro jar at $micro"
}

micro_pid=
stop_micro() {
  if [ -n "$micro_pid" ] && kill -0 "$micro_pid" 2>/dev/null; then
    log "stopping Payara Micro (pid $micro_pid)"
    kill "$micro_pid" 2>/dev/null || true
    local i
    for ((i = 0; i < 30; i++)); do
      kill -0 "$micro_pid" 2>/dev/null || break
      sleep 1
    done
    if kill -0 "$micro_pid" 2>/dev/null; then
      kill -9 "$micro_pid" 2>/dev/null || true
    fi
    wait "$micro_pid" 2>/dev/null || true
  fi
  micro_pid=
}
trap stop_micro EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

start_micro() {
  if curl -s -o /dev/null --max-time 2 "$base/"; then
    die "something already answers on $base; set BENCH_PORT to a free port"
  fi
  local java_opts=()
  read -r -a java_opts <<<"${CACHET_JAVA_OPTS:-}"
  rm -rf "$work/data" "$work/micro-root"
  mkdir -p "$work/data"
  log "starting Payara Micro $payara_version on $base (log: $work/micro.log)"
  CACHET_DATA_DIR="$work/data" CACHET_DB_URL="jdbc:h2:file:$work/data/cachet" \
    java "${java_opts[@]}" -jar "$micro" \
    --nohazelcast --disablephonehome \
    --prebootcommandfile "$root/resources/preboot.asadmin" \
    --rootdir "$work/micro-root" \
    --port "$port" \
    --deploy "$work/war/cachet.war" \
    >"$work/micro.log" 2>&1 &
  micro_pid=$!
  local waited=0
  until curl -fs -o /dev/null --max-time 2 "$base/health/ready"; do
    if ! kill -0 "$micro_pid" 2>/dev/null; then
      local status=0
      wait "$micro_pid" || status=$?
      micro_pid=
      tail -n 40 "$work/micro.log" >&2 || true
      die "Payara Micro exited (status $status) before it was ready"
    fi
    if ((waited >= ready_timeout)); then
      tail -n 40 "$work/micro.log" >&2 || true
      die "not ready after ${ready_timeout}s ($base/health/ready)"
    fi
    sleep 1
    waited=$((waited + 1))
  done
  log "ready after ~${waited}s"
}

# Stores $1 as a blob and prints its hash.
put_blob() {
  local file=$1 response code body hash
  response=$(curl -sS -w '\n%{http_code}' -X PUT -H 'Content-Type: application/octet-stream' \
    --data-binary "@$file" "$base/api/v1/blobs")
  code=${response##*$'\n'}
  body=${response%$'\n'*}
  [ "$code" = 201 ] || [ "$code" = 200 ] || die "PUT $file answered $code: $body"
  hash=$(sed -n 's/.*"hash" *: *"\([0-9a-f]\{64\}\)".*/\1/p' <<<"$body")
  [ -n "$hash" ] || die "PUT $file answered no hash: $body"
  printf '%s\n' "$hash"
}

# Fetches $1 and checks that its body is exactly the bytes of file $2; keeps the headers.
check_same_bytes() {
  local url=$1 file=$2 name=$3
  curl -fsS -D "$work/headers-$name.txt" -o "$work/body-$name.bin" "$url" ||
    die "GET $url failed"
  cmp -s "$work/body-$name.bin" "$file" || die "GET $url did not return the bytes of $file"
  rm -f "$work/body-$name.bin"
}

# wrk prints times as 123.45us, 1.23ms, 1.02s or 2.00m; prints milliseconds.
to_ms() {
  awk -v t="$1" 'BEGIN {
    if (t ~ /us$/) f = 0.001; else if (t ~ /ms$/) f = 1; else if (t ~ /m$/) f = 60000;
    else if (t ~ /s$/) f = 1000; else { print "?"; exit }
    sub(/[a-z]+$/, "", t); printf "%.2f\n", t * f }'
}

# wrk prints sizes as 1.50KB, 2.00MB, 3.10GB (powers of 1024); prints bytes.
to_bytes() {
  awk -v b="$1" 'BEGIN {
    f = 1; if (b ~ /KB$/) f = 1024; else if (b ~ /MB$/) f = 1048576;
    else if (b ~ /GB$/) f = 1073741824; else if (b ~ /TB$/) f = 1099511627776;
    sub(/[A-Z]+$/, "", b); printf "%.0f\n", b * f }'
}

take_jstacks() {
  local name=$1 seconds=$2 i
  mkdir -p "$work/jstack"
  for ((i = 1; i <= jstack_samples; i++)); do
    sleep "$(awk -v d="$seconds" -v n="$jstack_samples" 'BEGIN { printf "%.2f", d / (n + 1) }')"
    jstack "$micro_pid" >"$work/jstack/$name-$i.txt" 2>&1 || true
  done
}

# Busy CPU time of the whole machine, and of the node's process, in clock ticks.
machine_busy_ticks() { awk '/^cpu / { print $2 + $3 + $4 + $7 + $8 + $9; exit }' /proc/stat; }
micro_ticks() { sed 's/^.*) //' "/proc/$micro_pid/stat" | awk '{ print $12 + $13 }'; }

# Runs wrk on $2 for $3 seconds into $work/wrk-$1.txt and fails on any error it reports.
# Sets rps, p50, p99 (ms), and the CPU (in cores) used by the node, by wrk and by everything else
# during the run (node_cpu, wrk_cpu, other_cpu).
run_wrk() {
  local name=$1 url=$2 seconds=$3 size=$4 file="$work/wrk-$1.txt" sampler=
  if [[ $name != warmup-* ]] && ((jstack_samples > 0)); then
    take_jstacks "$name" "$seconds" &
    sampler=$!
  fi
  log "wrk ${seconds}s: $name ($url)"
  local busy0 node0 busy1 node1 start end TIMEFORMAT='%3U %3S'
  busy0=$(machine_busy_ticks)
  node0=$(micro_ticks)
  start=$(date +%s.%N)
  { time wrk -t"$threads" -c"$connections" -d"${seconds}s" --latency "$url" >"$file" 2>&1; } \
    2>"$work/wrk-$name.cpu" || die "wrk failed on $url: $(cat "$file")"
  end=$(date +%s.%N)
  busy1=$(machine_busy_ticks)
  node1=$(micro_ticks)
  [ -z "$sampler" ] || wait "$sampler"
  read -r node_cpu wrk_cpu other_cpu < <(awk -v b=$((busy1 - busy0)) -v n=$((node1 - node0)) \
    -v hz="$(getconf CLK_TCK)" -v s="$start" -v e="$end" \
    '{ d = e - s; w = ($1 + $2) / d; printf "%.2f %.2f %.2f\n", n / hz / d, w, (b - n) / hz / d - w }' \
    "$work/wrk-$name.cpu")
  kill -0 "$micro_pid" 2>/dev/null || die "Payara Micro is gone after the wrk run on $url"
  cat "$file" >&2
  if grep -q 'Socket errors:' "$file"; then
    die "wrk reported socket errors on $url: $(grep 'Socket errors:' "$file")"
  fi
  if grep -q 'Non-2xx or 3xx responses:' "$file"; then
    die "wrk reported error responses on $url: $(grep 'Non-2xx or 3xx responses:' "$file")"
  fi
  local requests read_bytes
  requests=$(awk '/ requests in / { print $1 }' "$file")
  read_bytes=$(to_bytes "$(awk '/ requests in / { print $(NF - 1) }' "$file")")
  if [[ ! $requests =~ ^[0-9]+$ ]] || ((requests == 0)); then
    die "wrk completed no request on $url"
  fi
  # Every response must have carried the whole body (headers come on top).
  awk -v r="$requests" -v b="$read_bytes" -v s="$size" 'BEGIN { exit !(b / r >= s * 0.99) }' ||
    die "wrk read $read_bytes bytes in $requests responses from $url: fewer than $size each"
  rps=$(awk '/^Requests\/sec:/ { print $2 }' "$file")
  p50=$(to_ms "$(awk '$1 == "50%" { print $2 }' "$file")")
  p99=$(to_ms "$(awk '$1 == "99%" { print $2 }' "$file")")
  if [ -z "$rps" ] || [ "$p50" = "?" ] || [ "$p99" = "?" ]; then
    die "cannot parse $file"
  fi
}

main() {
  local load_at_start
  load_at_start=$(cut -d ' ' -f 1-3 /proc/loadavg)
  mkdir -p "$out"
  rm -rf "$work"
  mkdir -p "$work/static/static-bench" "$work/war"
  ensure_wrk
  obtain_war
  obtain_micro

  # The same bytes as static content of a copy of the WAR (the production WAR is left alone) and
  # as blobs.
  head -c 1024 /dev/urandom >"$work/static/static-bench/1k.bin"
  head -c 1048576 /dev/urandom >"$work/static/static-bench/1m.bin"
  cp "$war" "$work/war/cachet.war"
  (cd "$work/static" && jar --update --no-compress --file "$work/war/cachet.war" \
    static-bench/1k.bin static-bench/1m.bin)

  start_micro

  local -A url_static url_blob bytes
  local size hash
  bytes=([1k]=1024 [1m]=1048576)
  for size in 1k 1m; do
    local file="$work/static/static-bench/$size.bin"
    hash=$(put_blob "$file")
    url_static[$size]="$base/static-bench/$size.bin"
    url_blob[$size]="$base/api/v1/blobs/$hash"
    # The first GET also makes sure the blob is in the cache before anything is timed.
    check_same_bytes "${url_blob[$size]}" "$file" "$size-blob"
    check_same_bytes "${url_static[$size]}" "$file" "$size-static"
    log "$size: static ${url_static[$size]}, blob ${url_blob[$size]} (identical bytes)"
  done

  if ((warmup > 0)); then
    for size in 1k 1m; do
      run_wrk "warmup-$size-static" "${url_static[$size]}" "$warmup" "${bytes[$size]}"
      run_wrk "warmup-$size-blob" "${url_blob[$size]}" "$warmup" "${bytes[$size]}"
    done
  fi

  local -A s_rps s_p50 s_p99 b_rps b_p50 b_p99 ratio met cpu_row
  local rps p50 p99 node_cpu wrk_cpu other_cpu all_met=yes busy_machine=no run
  for size in 1k 1m; do
    for run in static blob; do
      if [ "$run" = static ]; then
        run_wrk "$size-$run" "${url_static[$size]}" "$duration" "${bytes[$size]}"
        s_rps[$size]=$rps s_p50[$size]=$p50 s_p99[$size]=$p99
      else
        run_wrk "$size-$run" "${url_blob[$size]}" "$duration" "${bytes[$size]}"
        b_rps[$size]=$rps b_p50[$size]=$p50 b_p99[$size]=$p99
      fi
      cpu_row[$size-$run]=$(printf '| %-9s | %9s | %8s | %13s |' \
        "$size $run" "$node_cpu" "$wrk_cpu" "$other_cpu")
      if awk -v o="$other_cpu" 'BEGIN { exit !(o > 0.1) }'; then
        busy_machine=yes
      fi
    done
    ratio[$size]=$(awk -v b="${b_rps[$size]}" -v s="${s_rps[$size]}" 'BEGIN { printf "%.2f", b / s }')
    if awk -v r="${b_rps[$size]}" -v s="${s_rps[$size]}" -v g="$goal" 'BEGIN { exit !(r / s >= g) }'; then
      met[$size]=yes
    else
      met[$size]=NO
      all_met=no
    fi
  done

  stop_micro

  local cpu java_version wrk_version
  cpu=$(awk -F': *' '/^model name/ { print $2; exit }' /proc/cpuinfo)
  java_version=$(java -version 2>&1 | head -n 1)
  wrk_version=$({ wrk -v 2>&1 || true; } | awk 'NR == 1 { print $1, $2 }')
  {
    echo "Cachet blob-serve benchmark, $(date -u '+%Y-%m-%d %H:%M UTC')"
    echo "machine: $(nproc) cores (nproc), CPU: ${cpu:-unknown}; $java_version; Payara Micro $payara_version"
    echo "load: $wrk_version, $threads threads, $connections connections, ${duration}s per measured run" \
      "after a ${warmup}s warm-up run on each URL; HTTP/1.1 keep-alive over loopback"
    echo "note: wrk and Payara Micro run on the same machine and share its $(nproc) cores;" \
      "load average (1/5/15 min) before the node started: $load_at_start (other work skews the figures)"
    echo
    echo "| size  | static req/s |  static p50 |  static p99 | blob req/s |    blob p50 |    blob p99 | blob/static | >= $goal |"
    echo "|-------|-------------:|------------:|------------:|-----------:|------------:|------------:|------------:|--------|"
    for size in 1k 1m; do
      printf '| %-5s | %12s | %8s ms | %8s ms | %10s | %8s ms | %8s ms | %11s | %-6s |\n' \
        "$([ "$size" = 1k ] && echo 1 KiB || echo 1 MiB)" \
        "${s_rps[$size]}" "${s_p50[$size]}" "${s_p99[$size]}" \
        "${b_rps[$size]}" "${b_p50[$size]}" "${b_p99[$size]}" "${ratio[$size]}" "${met[$size]}"
    done
    echo
    echo "goal (blob >= $goal x static throughput for both sizes): $([ "$all_met" = yes ] && echo met || echo NOT met)"
    echo
    echo "CPU used during each measured run, in cores (of $(nproc)):"
    echo "| run       | node      | wrk      | anything else |"
    echo "|-----------|----------:|---------:|--------------:|"
    for size in 1k 1m; do
      echo "${cpu_row[$size-static]}"
      echo "${cpu_row[$size-blob]}"
    done
    if [ "$busy_machine" = yes ]; then
      echo "WARNING: other work used more than 0.1 core during a measured run: the figures are skewed;" \
        "rerun on an idle machine"
    fi
  } | tee "$results"
  log "saved to $results (raw wrk output: $work/wrk-*.txt)"
}

main "$@"
