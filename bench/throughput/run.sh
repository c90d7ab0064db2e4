#!/usr/bin/env bash
# Throughput of the whole path on local-preview: N images (default 20) with sidecars asking for 5 s 480p
# clips, dropped at once into a service running in this JVM with the real config/ and routes/.
# Prints jobs per minute and a Markdown table of where each job's time goes.
#
# Usage: bench/throughput/run.sh [images, default 20]
set -euo pipefail
exec "$(dirname "$0")/../run-class.sh" io.reelroute.bench.ThroughputBenchmark "$@"
