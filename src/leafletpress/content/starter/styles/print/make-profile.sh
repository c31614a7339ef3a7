#!/usr/bin/env bash
# Rebuild FOGRA39-free.icc, the CMYK output profile the sample project's print editions carry.
# Usage: make-profile.sh [source.ti3 [target.icc]]
#
# Source: FOGRA39L.ti3 (FOGRA39 characterisation data, Kai-Uwe Behrmann, zlib licence) from
# Debian's icc-profiles-free; tool: ArgyllCMS colprof (Debian argyll). About two minutes.
#   apt-get install icc-profiles-free argyll
# Flags, and why (see PROVENANCE.md):
#   -qm      medium quality tables: as precise as the press is, at half the size of -qh
#   -kx      maximum black generation: greys and near-greys print on the black plate alone, so type
#            and thin lines inside a picture do not blur when the plates are a hair apart
#   -l300    total ink limit 300 %, what coated sheet-fed offset dries with (GWG 2015 sheet-fed CMYK)
#   -nc      leave the copy of the measurement data out of the profile (127 KB no RIP reads)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
source="${1:-/usr/share/color/icc/FOGRA39L.ti3}"
target="${2:-$here/FOGRA39-free.icc}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cp "$source" "$work/FOGRA39-free.ti3"
colprof -v -qm -kx -l300 -nc \
  -D "FOGRA39 (free), 300% TAC, max GCR" \
  -C "Made by leafletpress with ArgyllCMS colprof from FOGRA39L.ti3 (c) Kai-Uwe Behrmann, zlib licence" \
  -A "leafletpress" -M "Coated offset, ISO 12647-2:2004 (FOGRA39)" \
  "$work/FOGRA39-free" >"$work/colprof.log"
tail -n 3 "$work/colprof.log"
cp "$work/FOGRA39-free.icc" "$target"
ls -l "$target"
