#!/usr/bin/env bash
# HTTP API benchmark: requests/s of GET /api/jobs/{id} and POST /api/estimate against the real service in this
# JVM, by C concurrent clients for S seconds each. Prints a Markdown table.
#
# Usage: bench/api/run.sh [clients, default 4] [seconds, default 10]
set -euo pipefail
exec "$(dirname "$0")/../run-class.sh" io.reelroute.bench.ApiBenchmark "$@"
