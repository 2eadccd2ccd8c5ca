#!/bin/sh
# setup.sh: installs what finsam-stats needs to build and test (Debian 12 packages), then
# configures and builds it in build/. Safe to run again: installs only what is missing.
#
#   ./setup.sh            install dependencies and build
#   FS_WERROR=OFF ./setup.sh  without -Werror (for a newer compiler than Debian 12's)
#   FS_SANITIZE=ON ./setup.sh build with AddressSanitizer and UBSan
set -eu
cd "$(dirname "$0")"

# Build: compiler, cmake, pkg-config. Libraries: libcsv (CSV), GSL (distributions),
# libxlsxwriter (Excel), utf8proc (Unicode), inih (config), libsodium (the keyed hash that
# counts persons without keeping personnummer), cmocka (unit tests).
# Tests: gnumeric's ssconvert reads the xlsx output back (and prints it to PDF); unzip looks
# inside it; python3 parses JSON output to prove it valid; cmark-gfm renders the Markdown
# output; mandoc and man-db lint the man pages; poppler-utils reads the PDF; LibreOffice
# (Calc, without its GUI) prints the report's workbook to PDF; python3-html5lib checks the
# HTML output is valid HTML5; headless Chromium renders the HTML board to PNG and PDF
# (python3-pil reads the PNG; the DejaVu and Liberation fonts make its layout the same on
# every machine).
# Fuzzing (-DFS_FUZZ=ON, CI and bench/fuzz-long.sh): clang with libFuzzer
# (libclang-rt-dev); the writers' target parses xlsx parts with libxml2 after zlib.
packages="build-essential cmake pkg-config libcsv-dev libgsl-dev libxlsxwriter-dev
libutf8proc-dev libinih-dev libsodium-dev libcmocka-dev gnumeric unzip python3 cmark-gfm mandoc man-db poppler-utils
libreoffice-calc-nogui python3-html5lib python3-pil chromium fonts-dejavu-core fonts-liberation
clang libclang-rt-dev libxml2-dev zlib1g-dev"

missing=""
for p in $packages; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
if [ -n "$missing" ]; then
    echo "setup.sh: installing:$missing"
    sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    export DEBIAN_FRONTEND=noninteractive
    $sudo apt-get update -qq
    # shellcheck disable=SC2086
    $sudo apt-get install -y -qq --no-install-recommends $missing >/dev/null
fi

cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DFS_WERROR="${FS_WERROR:-ON}" -DFS_SANITIZE="${FS_SANITIZE:-OFF}" >/dev/null
cmake --build build -j "$(nproc)" >/dev/null
echo "setup.sh: built build/finsam-stats"
