#!/usr/bin/env bash
# Prints the asadmin commands that add Cachet's peer listener: a second HTTP listener on
# ADDRESS:PORT (cachet.peer.bind-address, cachet.peer.port) in the server's virtual server. The
# application serves only the peer API and the public reads peers need on it (404 elsewhere).
# Usage: resources/peer-listener.sh ADDRESS PORT   (append to a pre-boot file, or run with asadmin)
set -euo pipefail
address=$1
port=$2
case "$port" in '' | *[!0-9]*) echo "peer port must be a number: $port" >&2; exit 2 ;; esac
echo "create-protocol --securityenabled=false peer-listener"
echo "create-http --default-virtual-server server --request-timeout-seconds 120 --timeout-seconds 30 peer-listener"
echo "create-network-listener --listenerport $port --address $address --protocol peer-listener --threadpool http-thread-pool --target server peer-listener"
echo "set configs.config.server-config.network-config.protocols.protocol.peer-listener.http.trace-enabled=true"
echo "set configs.config.server-config.network-config.protocols.protocol.peer-listener.http.allow-payload-for-undefined-http-methods=true"
