#!/usr/bin/env bash
# Joining benchmark: ClipJoiner.join of 20 compatible 5 s 480p clips (stream copy) against Files.copy of the
# same bytes, alternating. Prints a Markdown table. Usage: bench/join/run.sh [repetitions, default 5]
set -euo pipefail
exec "$(dirname "$0")/../run-class.sh" io.reelroute.media.bench.JoinBenchmark "$@"
