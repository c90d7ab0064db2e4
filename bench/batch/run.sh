#!/usr/bin/env bash
# A 1000-row CSV batch (half image-to-video from one image in batches/media/, half text-to-video) on
# local-preview, dropped into batches/ of a service running in this JVM with the real config/ and routes/
# (import cron every second). Timed from the drop to the batch recorded (every row read, inspected and priced)
# and to every row submitted (recorded as a job); meanwhile an inbox job file is dropped every 2 s to show how
# long the inbox takes to accept a job while the batch is submitted, against the same with no batch running.
# The dispatcher is held off so the numbers are the intake's, not 1000 FFmpeg renders competing for the CPUs.
#
# Usage: bench/batch/run.sh [rows, default 1000] [rounds, default 2]
set -euo pipefail
exec "$(dirname "$0")/../run-class.sh" io.reelroute.bench.BatchBenchmark "$@"
