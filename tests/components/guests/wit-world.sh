#!/usr/bin/env bash
# wit-world.sh <in.wit> <world> <out.wit>
# Writes a copy of a WIT file that keeps only the world <world> (all interfaces stay).
# Why: jco 1.35.0's `embed --world-name` never reaches wasm-tools (the CLI option is `worldName`,
# the embed call reads `world`), so a WIT package with several worlds cannot be embedded as is.
set -euo pipefail
awk -v keep="$2" '
  /^[[:space:]]*world[[:space:]]+/ { name = $2; sub(/[[:space:]]*\{.*/, "", name); skip = (name != keep); found += !skip }
  !skip { print }
  skip && /^[[:space:]]*}/ { skip = 0 }
  END { if (!found) { print "wit-world.sh: no world " keep > "/dev/stderr"; exit 1 } }
' "$1" > "$3"
