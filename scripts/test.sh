#!/usr/bin/env bash
# Installs what is missing, builds everything and runs the whole test suite (GoogleTest unit
# tests and lit tests, through CTest).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
scripts/build.sh
cd build
ctest --output-on-failure -j2
