#!/usr/bin/env bash
# A 1000-row CSV batch (default) on a remote model, wan-2.5 (image-to-video, 5 s 480p, $0.25 a row, all rows from
# one image in batches/media/), dropped into batches/ of the service running in this JVM with the real config/ and
# routes/ (import cron every second), against the WaveSpeed simulator on loopback over real sockets. Per round,
# timed from the drop: the batch recorded (every row read, inspected, priced, one reservation), every row recorded
# as a job, the first and the N-th submit at the simulator (the headline), and, unless `submit` is given, every job
# delivered and the batch finished. Asserts no double submission (submits == rows) and, with completion, that the
# jobs' costs add up to the batch's estimate with nothing left held. An inbox job file dropped every 2 s meanwhile
# shows the inbox's accept latency against the same with no batch running.
#
# The provider cap defaults to the number of rows and the plan allows any number of jobs at once, so no row waits
# for a provider slot: the figure is our pipeline's, with the generations (default 60 s, polled every 2 s as the
# catalog says for wan-2.5), downloads and deliveries running beside it on the same cores. A smaller cap shows an
# account's limit instead: the N-th submit then waits about (N/cap - 1) generation times for slots.
#
# Usage: bench/batch/run.sh [rows, default 1000] [rounds, default 2] [generation s, default 60]
#                           [provider cap, default 0 = rows] [complete (default) | submit]
set -euo pipefail
exec "$(dirname "$0")/../run-class.sh" io.reelroute.bench.BatchBenchmark "$@"
