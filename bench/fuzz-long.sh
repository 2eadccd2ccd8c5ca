#!/bin/sh
# bench/fuzz-long.sh [BUILD_DIR] [SECONDS]   (defaults: build-fuzz/ of this tree, 1800)
#
# Runs every libFuzzer target for SECONDS each (30 minutes by default: about three hours
# for the six targets, one after the other) and prints, per target, executions, coverage,
# corpus and crashes (tests/fuzz/run.sh). Builds the fuzz targets first with clang
# (Debian packages clang and libclang-rt-dev, which setup.sh installs) unless BUILD_DIR
# has them. Crash files and logs stay in $FUZZ_OUT (printed at the end). CI runs the same
# for 30 s per target.
set -u
root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$root/build-fuzz}
secs=${2:-1800}
if [ ! -x "$build/tests/fuzz/fuzz_writers" ]; then
    CC=clang cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DFS_FUZZ=ON \
        -DFS_TESTS=OFF -DFS_WERROR=ON >/dev/null || exit 1
    cmake --build "$build" -j "$(nproc)" >/dev/null || exit 1
fi
FUZZ_OUT=${FUZZ_OUT:-$(mktemp -d "${TMPDIR:-/tmp}/fs-fuzz-long.XXXXXX")}
export FUZZ_OUT
echo "fuzzing each target for $secs s; logs and crashes in $FUZZ_OUT"
"$root/tests/fuzz/run.sh" "$build" "$secs"
