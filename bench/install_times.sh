#!/usr/bin/env bash
# Side by side: today's pip install and scripts/install_venv.py (uv) into fresh venvs, N runs each,
# interleaved so both meet the same load. Prints one line per run (path, seconds, load) and the
# medians. Usage: bench/install_times.sh [RUNS] [WORKDIR]  (run from the repository root; each
# fresh venv is deleted after its run: pip's holds 7.4 GB, uv's mostly hard links to uv's cache).
set -euo pipefail
runs=${1:-3}
work=${2:-/tmp/borderless-install-times}
mkdir -p "$work"
time_one() {  # $1 = pip | uv
  local venv="$work/venv-$1" start end
  rm -rf "$venv"
  start=$(date +%s.%N)
  python3.11 -m venv "$venv"
  if [ "$1" = pip ]; then python3.11 scripts/install_venv.py --pip "$venv"; else python3.11 scripts/install_venv.py "$venv"; fi
  end=$(date +%s.%N)
  "$venv/bin/python" -c 'import torch, torch_geometric, transformers, strawberry, neo4j' 2>/dev/null
  printf '%s\t%.1f\t%s\n' "$1" "$(echo "$end - $start" | bc)" "$(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$work/times.tsv"
  rm -rf "$venv"
}
: > "$work/times.tsv"
for _ in $(seq "$runs"); do time_one uv; time_one pip; done
for path in uv pip; do
  printf 'median %s: %s s\n' "$path" "$(awk -v p="$path" '$1 == p {print $2}' "$work/times.tsv" | sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}')"
done
