#!/usr/bin/env bash
# 200 jobs (default) against the WaveSpeed simulator, 2 s generations, provider cap 8, through the real
# service in this JVM. Prints the makespan against the ideal ceil(N/cap) x 2 s, status calls per job and the
# delay from a generation finishing at the provider to its delivery.
#
# Usage: bench/providers/run.sh [jobs, default 200] [cap, default 8] [poll interval in s, default 0.2]
set -euo pipefail
exec "$(dirname "$0")/../run-class.sh" io.reelroute.bench.ProviderMakespanBenchmark "$@"
