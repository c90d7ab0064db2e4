#!/usr/bin/env bash
# A 500 MB (default) result downloaded by the service's Downloader from the provider simulator, in a JVM
# with a 128 MB heap; prints the time and the peak heap used at each tenth of the file.
#
# Usage: bench/download/run.sh [megabytes, default 500]
set -euo pipefail
JAVA_OPTS="-Xmx128m ${JAVA_OPTS:-}" exec "$(dirname "$0")/../run-class.sh" io.reelroute.bench.DownloadBenchmark "$@"
