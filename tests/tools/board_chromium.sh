#!/bin/sh
# board_chromium.sh FINSAM_STATS SAMPLES_DIR OUT_DIR PYTHON: the board of the sample export
# (report 2024H1 with the sample config) as a browser shows it. Headless Chromium takes a
# 1920x1080 screenshot of it, as on a wall screen, and prints it to PDF, A4 landscape. The
# screenshot must not be blank (many colours, much ink); the PDF must have the expected
# number of pages, its first page the key figures and the small multiples. The PNG and the
# PDF stay in OUT_DIR (the CI keeps them); data-samples/tavla-2024H1.png is a copy of the
# PNG. Skipped (status 77) when Chromium is not installed.
set -u
bin=$1 samples=$2 out=$3 py=$4
expected_pages=42 # Debian 12's chromium and fonts (setup.sh); a change of layout shows here
browser=$(command -v chromium || command -v chromium-browser || true)
[ -n "$browser" ] || { echo "chromium is not installed: skipped"; exit 77; }
mkdir -p "$out" || exit 1
rm -f "$out/tavla-2024H1.html" "$out/tavla-2024H1.png" "$out/tavla-2024H1.pdf"
"$bin" report "$samples/export.csv" --period 2024H1 --config "$samples/finsam.ini" --quiet \
    -o "$out/tavla-2024H1.html" || { echo "report failed"; exit 1; }
page="file://$(cd "$out" && pwd)/tavla-2024H1.html"
# no sandbox (CI runs as root), no GPU, no network of its own, a profile of its own
flags="--headless --no-sandbox --disable-gpu --disable-background-networking
       --disable-component-update --disable-sync --no-first-run --hide-scrollbars
       --user-data-dir=$out/chromium-profile"
# shellcheck disable=SC2086
"$browser" $flags --window-size=1920,1080 --screenshot="$out/tavla-2024H1.png" "$page" \
    >"$out/chromium.log" 2>&1
# shellcheck disable=SC2086
"$browser" $flags --no-pdf-header-footer --print-to-pdf="$out/tavla-2024H1.pdf" "$page" \
    >>"$out/chromium.log" 2>&1
[ -s "$out/tavla-2024H1.png" ] || { echo "no screenshot"; tail -5 "$out/chromium.log"; exit 1; }
[ -s "$out/tavla-2024H1.pdf" ] || { echo "no PDF"; tail -5 "$out/chromium.log"; exit 1; }
"$py" - "$out/tavla-2024H1.png" <<'PY' || exit 1
import sys
from PIL import Image
im = Image.open(sys.argv[1]).convert("RGB")
assert im.size == (1920, 1080), im.size
colours = im.getcolors(maxcolors=1 << 20)
ink = sum(n for n, c in colours if sum(c) < 600) / (im.size[0] * im.size[1])
print(f"screenshot {im.size[0]}x{im.size[1]}: {len(colours)} colours, {ink:.1%} ink")
# the board: dark text and bars, the light orange of the men's bars
assert len(colours) > 50 and ink > 0.03, "the screenshot is blank"
assert any(r > 200 and 130 < g < 190 and b < 80 for n, (r, g, b) in colours if n > 200), \
    "no orange bars"
PY
pages=$(pdfinfo "$out/tavla-2024H1.pdf" | awk '/^Pages:/ {print $2}')
size=$(pdfinfo "$out/tavla-2024H1.pdf" | awk -F': *' '/^Page size:/ {print $2}')
echo "PDF: $pages pages, $size"
case $size in *"(A4)"*) ;; *) echo "not A4"; exit 1 ;; esac
case $size in 841.* | 842.*) ;; *) echo "not landscape"; exit 1 ;; esac
[ "$pages" = "$expected_pages" ] || { echo "expected $expected_pages pages"; exit 1; }
first=$(pdftotext -f 1 -l 1 "$out/tavla-2024H1.pdf" -)
for want in "Nyckeltal" "189" "Deltagarflöde per insats"; do
    echo "$first" | grep -q "$want" || { echo "page 1 lacks \"$want\""; exit 1; }
done
echo "board rendered: screenshot and $pages A4 pages"
