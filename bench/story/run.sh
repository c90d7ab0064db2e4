#!/usr/bin/env bash
# A 6-shot story on local-preview (5 s 480p shots, a soundtrack, two extra platforms), dropped into a service
# running in this JVM with the real config/ and routes/, timed from the drop to a completed story.json, once
# in last-frame and once in keyframes continuity per round. Prints a Markdown table of where the time goes.
#
# Usage: bench/story/run.sh [rounds, default 3]
set -euo pipefail
exec "$(dirname "$0")/../run-class.sh" io.reelroute.bench.StoryBenchmark "$@"
