#!/usr/bin/env bash
# Renders the 128x128 marketplace icon media/icon.png from the activity-bar glyph media/switchboard.svg:
# the same strokes, white on a rounded tile in the gallery banner colour. The PNG is committed, so builds do not
# need this tool; rerun it after changing the glyph. Needs: apt-get install -y librsvg2-bin optipng
set -euo pipefail
cd "$(dirname "$0")/.."
BG=${ICON_BG:-#1e3a5f}
inner=$(sed -e 's/^<svg[^>]*>//' -e 's|</svg>\s*$||' media/switchboard.svg)
tmp=$(mktemp --suffix=.svg)
trap 'rm -f "$tmp"' EXIT
cat > "$tmp" <<SVG
<svg xmlns="http://www.w3.org/2000/svg" width="128" height="128" viewBox="0 0 128 128">
  <rect x="4" y="4" width="120" height="120" rx="26" fill="$BG"/>
  <g transform="translate(16 16) scale(4)" fill="none" stroke="#ffffff" stroke-width="1.6" stroke-linecap="round" stroke-linejoin="round" color="#ffffff">$inner</g>
</svg>
SVG
rsvg-convert -w 128 -h 128 "$tmp" -o media/icon.png
optipng -quiet -o5 media/icon.png
echo "media/icon.png: $(stat -c %s media/icon.png) bytes"
