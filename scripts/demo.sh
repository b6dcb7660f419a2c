#!/usr/bin/env bash
# Installs what is missing, builds snnc, compiles the Brunel (2000) network from examples/ and
# simulates one second of it, printing the mean rate of each population.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
scripts/build.sh snnc snnc-opt
build/bin/snnc run examples/brunel.snn --out build/demo-out
