#!/usr/bin/env bash
# A 500 MB (default) result downloaded by the service's Downloader from the provider simulator, in a JVM
# with a 128 MB heap; prints the time and the peak heap used at each tenth of the file.
#
# Usage: bench/download/run.sh [megabytes, default 500]
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
mvn -B -q test-compile dependency:build-classpath -Dmdep.includeScope=test \
    -Dmdep.outputFile=target/bench-classpath.txt
exec java -Xmx128m -cp "target/test-classes:target/classes:$(cat target/bench-classpath.txt)" \
    io.reelroute.bench.DownloadBenchmark "$@"
