#!/usr/bin/env bash
# Compiles the tests and runs a benchmark class from the test sources with the test classpath, from the
# project root. Usage: bench/run-class.sh <main class> [args...]; JAVA_OPTS adds JVM options (e.g. -Xmx128m).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
main=$1
shift
mvn -B -q test-compile dependency:build-classpath -Dmdep.includeScope=test \
    -Dmdep.outputFile=target/bench-classpath.txt
# shellcheck disable=SC2086
exec java ${JAVA_OPTS:-} -cp "target/test-classes:target/classes:$(cat target/bench-classpath.txt)" "$main" "$@"
