#!/usr/bin/env bash
# Rebuilds src/main/resources/native/linux-x86_64/libpulse.so.0 (needs gcc and objdump).
#
# Why: the FFmpeg binaries bundled in org.bytedeco:ffmpeg link libavdevice against PulseAudio's
# libpulse.so.0, which a fresh server has not got, so the bundled ffmpeg would not even start there.
# reelroute never uses the pulse audio device; this stand-in defines the 65 PULSE_0 symbols libavdevice
# binds at load time, each returning 0. It is put on FFmpeg's library path only when the machine has
# no real libpulse (see io.reelroute.media.Ffmpeg).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
lib=${1:?path to the extracted libavdevice.so.62}
objdump -T "$lib" | awk '/ pa_/ {print $NF}' | sort -u > "$here/symbols.txt"
{ echo '/* Stand-in for PulseAudio: see build.sh. Every entry point fails; reelroute never uses the pulse device. */'
  while read -r s; do echo "long $s(void) { return 0; }"; done < "$here/symbols.txt"; } > "$here/pulse_stub.c"
{ echo 'PULSE_0 {'; echo '  global:'; while read -r s; do echo "    $s;"; done < "$here/symbols.txt"
  echo '  local: *;'; echo '};'; } > "$here/pulse_stub.map"
gcc -shared -fPIC -O2 -s -nostdlib -o "$here/../../src/main/resources/native/linux-x86_64/libpulse.so.0" \
  "$here/pulse_stub.c" -Wl,--version-script="$here/pulse_stub.map" -Wl,-soname,libpulse.so.0
