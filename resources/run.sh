#!/usr/bin/env bash
# Builds cachet.war and starts one Cachet node on Payara Micro with its embedded defaults:
# H2 file database under ./cachet-data, http://127.0.0.1:8080, Hazelcast off, bound to loopback.
# Usage: resources/run.sh [extra Payara Micro options]   (e.g. --port 8081)
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

./mvnw -B -q -DskipTests -pl web -am package

payara_version=$(sed -n 's:.*<payara.version>\(.*\)</payara.version>.*:\1:p' pom.xml | head -n 1)
micro="$root/resources/target/payara-micro-$payara_version.jar"
if [ ! -f "$micro" ]; then
  ./mvnw -B -q dependency:copy -Dartifact="fish.payara.extras:payara-micro:$payara_version" \
    -DoutputDirectory="$root/resources/target"
fi

port=8080
args=("$@")
for ((i = 0; i < ${#args[@]}; i++)); do
  [ "${args[$i]}" = "--port" ] && port="${args[$((i + 1))]}"
done
echo "Cachet node starting: http://127.0.0.1:$port/api/v1 (health /health/ready, OpenAPI /openapi)"
data_dir=${CACHET_DATA_DIR:-./cachet-data}
echo "Data: $data_dir (admin token in $data_dir/admin.token unless CACHET_ADMIN_TOKEN is set)"
preboot="$root/resources/preboot.asadmin"
if [ -n "${CACHET_PEER_PORT:-}" ]; then
  # The peer listener (off by default): peers reach /api/v1/peer/** and the public reads there.
  preboot="$root/resources/target/preboot-with-peer-listener.asadmin"
  mkdir -p "$root/resources/target"
  resources/peer-listener.sh "${CACHET_PEER_BIND_ADDRESS:-0.0.0.0}" "$CACHET_PEER_PORT" \
    | cat "$root/resources/preboot.asadmin" - > "$preboot"
  echo "Peer listener: http://${CACHET_PEER_BIND_ADDRESS:-0.0.0.0}:$CACHET_PEER_PORT/api/v1/peer"
fi
exec java ${CACHET_JAVA_OPTS:-} -jar "$micro" \
  --nohazelcast --disablephonehome \
  --prebootcommandfile "$preboot" \
  --port "$port" \
  --deploy "$root/web/target/cachet.war" \
  "$@"
