#!/usr/bin/env bash
# Builds a DAVIS folder whose sequences play the given ones forward and backward LOOPS times
# (symbolic links to the original frames and masks, so every frame keeps its ground truth), for
# steady-state speed runs of `engram vos eval` that are not dominated by JIT warm-up.
# Usage: docs/scripts/looped-davis.sh SRC_DAVIS OUT_DIR LOOPS SEQ [SEQ...]
set -euo pipefail
src=$(cd "$1" && pwd); out=$2; loops=$3; shift 3
for seq in "$@"; do
  frames=("$src/$seq"/frames/*.jpg)
  n=${#frames[@]}
  dst="$out/$seq-x$loops"
  rm -rf "$dst"; mkdir -p "$dst/frames" "$dst/masks"
  k=0
  for ((l = 0; l < loops; l++)); do
    # Forward on even loops, backward on odd ones (without repeating the turning frame).
    for ((i = 0; i < n; i++)); do
      if ((l % 2 == 0)); then j=$i; else j=$((n - 1 - i)); fi
      if ((l > 0 && i == 0)); then continue; fi
      name=$(basename "${frames[$j]}" .jpg)
      printf -v idx '%05d' "$k"
      ln -s "$src/$seq/frames/$name.jpg" "$dst/frames/$idx.jpg"
      ln -s "$src/$seq/masks/$name.png" "$dst/masks/$idx.png"
      k=$((k + 1))
    done
  done
  echo "$dst: $k frames"
done
