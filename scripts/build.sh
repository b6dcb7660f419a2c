#!/usr/bin/env bash
# Configures (once) and builds snnc into build/ with Ninja and ccache. Extra arguments go to
# ninja (e.g. a target name).
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -f build/build.ninja ]; then
  cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release -DSNNC_BUILD_BENCHMARKS=ON
fi
ninja -C build "$@"
