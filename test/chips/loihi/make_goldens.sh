#!/bin/sh
# Regenerates the golden files of Intel Lava's bit-accurate Loihi models (golden/*.json) from
# the networks in nets/ and the hand-written configurations in configs/. Needs Lava as
# ../shared/tools/lava/README.md describes (Debian's python3-numpy, -scipy, -networkx, -asteval,
# -sklearn); the suite only needs the goldens. Run from the repository root after building:
#   test/chips/loihi/make_goldens.sh [build/bin/snnc] [path/to/lava_ref.py]
set -eu
HERE=$(cd "$(dirname "$0")" && pwd)
SNNC=${1:-build/bin/snnc}
LAVA_REF=${2:-../shared/tools/lava/lava_ref.py}
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
for net in "$HERE"/nets/*.snn; do
  name=$(basename "$net" .snn)
  [ "$name" = models ] && continue
  "$SNNC" --target=loihi "$net" -o "$TMP/$name.chip.json"
  python3 "$HERE/config_to_lava.py" "$TMP/$name.chip.json" "$TMP/$name.lava-net.json"
  /usr/bin/python3 "$LAVA_REF" "$TMP/$name.lava-net.json" "$HERE/golden/$name.json"
  echo "golden/$name.json"
done
for cfg in "$HERE"/configs/*.chip.json; do
  name=$(basename "$cfg" .chip.json)
  python3 "$HERE/config_to_lava.py" "$cfg" "$TMP/$name.lava-net.json"
  /usr/bin/python3 "$LAVA_REF" "$TMP/$name.lava-net.json" "$HERE/golden/$name.json"
  echo "golden/$name.json"
done
