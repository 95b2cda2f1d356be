#!/bin/sh
# Starts the registry's fast-jar; refuses configurations that are wrong in a container.
#
# Without QUARKUS_DATASOURCE_JDBC_URL the registry would start its embedded PostgreSQL inside the
# container (data in the container's writable layer, one database per replica): never wanted
# here. Without an explicit log key it would generate a fresh key per container, so replicas
# would sign checkpoints of one log with different keys.
set -eu

fail() {
    echo "toolseal-registry: $1" >&2
    exit 64
}

[ -n "${QUARKUS_DATASOURCE_JDBC_URL:-}" ] \
    || fail "set QUARKUS_DATASOURCE_JDBC_URL to an external PostgreSQL; this image never starts an embedded one"
if [ -z "${TOOLSEAL_LOG_PRIVATE_KEY:-}" ] && [ -z "${TOOLSEAL_LOG_PRIVATE_KEY_FILE:-}" ]; then
    fail "set TOOLSEAL_LOG_PRIVATE_KEY or TOOLSEAL_LOG_PRIVATE_KEY_FILE; every replica must sign with the same log key"
fi
if [ -n "${TOOLSEAL_LOG_PRIVATE_KEY_FILE:-}" ] && [ ! -r "$TOOLSEAL_LOG_PRIVATE_KEY_FILE" ]; then
    fail "TOOLSEAL_LOG_PRIVATE_KEY_FILE ($TOOLSEAL_LOG_PRIVATE_KEY_FILE) is not readable by uid $(id -u)"
fi

# JAVA_OPTS is split on spaces on purpose (several options in one variable).
# shellcheck disable=SC2086
exec java ${JAVA_OPTS:-} -jar /deployments/quarkus-run.jar "$@"
