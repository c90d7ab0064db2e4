#!/usr/bin/env bash
# Joining benchmark: ClipJoiner.join of 20 compatible 5 s clips (video stream copy, audio rebuilt and encoded once)
# against Files.copy of the same bytes, for a 480p set and a 1080p 8 Mbit/s set, with the join before its audio was
# rebuilt (video and audio copied; index at the front, by the rewrite, at the end), an FFmpeg copy of one file of
# the same bytes and the join before that (one ffprobe per clip). All take turns. Prints Markdown tables and the
# sync (decoded audio against video) of the join and of the all-copy join.
# Usage: bench/join/run.sh [repetitions, default 5]
set -euo pipefail
exec "$(dirname "$0")/../run-class.sh" io.reelroute.media.bench.JoinBenchmark "$@"
