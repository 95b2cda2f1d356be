#!/bin/bash
# GET http://127.0.0.1:<port><path>; exit 0 on HTTP 200. Uses bash's /dev/tcp, so the image needs
# neither curl nor wget. The port is the registry's (QUARKUS_HTTP_PORT, default 8080).
set -eu
path="${1:-/q/health/live}"
exec 3<>"/dev/tcp/127.0.0.1/${QUARKUS_HTTP_PORT:-8080}"
printf 'GET %s HTTP/1.0\r\nHost: localhost\r\n\r\n' "$path" >&3
read -r -t 5 _ status _ <&3
[ "$status" = "200" ]
