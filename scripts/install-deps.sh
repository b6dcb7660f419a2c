#!/usr/bin/env bash
# Installs the Debian 12 packages snnc needs, if any is missing. Idempotent and quick when
# everything is present. Run as root (or with sudo available).
set -euo pipefail
PKGS=(
  antlr4 libantlr4-runtime-dev uuid-dev default-jre-headless
  llvm-19-dev llvm-19-tools libzstd-dev
  libfmt-dev libgtest-dev libgmock-dev libbenchmark-dev
  nlohmann-json3-dev librandom123-dev libmetis-dev
  ninja-build cmake g++ ccache python3 python3-jsonschema
)
missing=()
for p in "${PKGS[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
echo "installing: ${missing[*]}"
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
