#!/usr/bin/env bash
# Last-frame extraction benchmark: FrameGrabber.lastFrame (seek near the end) against the whole-clip
# `-vf reverse` method, alternating, on a 30 s 1080p clip made on the spot. Prints a Markdown table.
#
# Usage: bench/last-frame/run.sh [repetitions, default 3]
# Needs a JDK 17+ and Maven; FFmpeg is found as the service finds it (PATH, else the bundled one).
set -euo pipefail
exec "$(dirname "$0")/../run-class.sh" io.reelroute.media.bench.LastFrameBenchmark "$@"
