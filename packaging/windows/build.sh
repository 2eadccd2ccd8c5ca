#!/bin/sh
# packaging/windows/build.sh: finsam-stats.exe for Windows x86-64, one statically linked file,
# cross-compiled with Debian's mingw-w64.
#
# The libraries come from Debian's own source packages, fetched with `apt-get source` at the
# versions of the -dev packages the Linux build links (setup.sh installs those), with Debian's
# patches applied; zlib comes from libz-mingw-w64-dev. If no deb-src entry exists for the
# configured Debian archive, one is added beside the deb entry (/etc/apt/sources.list.d/).
# The built libraries are kept in a cache keyed by this script, the source versions and the
# compiler, so they are built once per machine (about 5 minutes on 2 cores); later runs
# only build finsam-stats itself.
#
#   packaging/windows/build.sh        builds build-win/finsam-stats.exe
#
#   FS_WIN_BUILD=DIR   build directory (default build-win)
#   FS_WIN_CACHE=DIR   library cache (default ~/.cache/finsam-stats/mingw-w64)
#
# Needs root or sudo only to install missing packages and to add the deb-src entry.
set -eu
cd "$(dirname "$0")/../.."
top=$(pwd)
host=x86_64-w64-mingw32
out=${FS_WIN_BUILD:-$top/build-win}
cache=${FS_WIN_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/finsam-stats/mingw-w64}
jobs=$(nproc)
say() { echo "build.sh: $*"; }

sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
export DEBIAN_FRONTEND=noninteractive

# --- what the cross build needs -------------------------------------------------------------
# the C compiler and binutils, C++ only because libxlsxwriter's CMakeLists enables it, zlib,
# dpkg-dev for apt-get source, autotools for libsodium (Debian runs autoreconf), meson for
# inih, libinih-dev for Debian's ini.h under the inih stand-in
packages="gcc-mingw-w64-x86-64-win32 g++-mingw-w64-x86-64-win32 binutils-mingw-w64-x86-64
libz-mingw-w64-dev dpkg-dev cmake make pkg-config autoconf automake libtool meson ninja-build
libinih-dev"
missing=""
for p in $packages; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
if [ -n "$missing" ]; then
    say "installing:$missing"
    $sudo apt-get update -qq
    # shellcheck disable=SC2086
    $sudo apt-get install -y -qq --no-install-recommends $missing >/dev/null
fi

# --- a deb-src entry for the configured Debian archive -----------------------------------
# Only the entries whose address ends in /debian or /debian-security (a third-party
# repository may have no sources); deb822 files and one-line lists both.
has_deb_src() {
    for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list /etc/apt/sources.list.d/*.sources; do
        [ -f "$f" ] && grep -Eqs '^[[:space:]]*(deb-src[[:space:]]|Types:.*deb-src)' "$f" && return 0
    done
    return 1
}
if ! has_deb_src; then
    new=$(mktemp)
    for f in /etc/apt/sources.list.d/*.sources; do
        [ -f "$f" ] || continue
        awk 'BEGIN { RS = ""; ORS = "\n\n" }
             /(^|\n)Types:[^\n]*deb/ && /(^|\n)URIs:[^\n]*\/debian(-security)?\/?([ \t\n]|$)/ &&
             !/(^|\n)Enabled:[ \t]*no/ {
                 sub(/(^|\n)Types:[^\n]*/, "\nTypes: deb-src"); sub(/^\n/, ""); print }' "$f"
    done >"$new"
    if [ -s "$new" ]; then
        target=/etc/apt/sources.list.d/finsam-stats-deb-src.sources
    else
        for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
            [ -f "$f" ] || continue
            sed -n 's|^[[:space:]]*deb\([[:space:]].*/debian\(-security\)\{0,1\}/\{0,1\}[[:space:]].*\)$|deb-src\1|p' "$f"
        done >"$new"
        target=/etc/apt/sources.list.d/finsam-stats-deb-src.list
    fi
    if [ ! -s "$new" ]; then
        rm -f "$new"
        say "no Debian archive in /etc/apt/sources.list*: cannot add a deb-src entry" >&2
        exit 1
    fi
    $sudo install -m 644 "$new" "$target"
    rm -f "$new"
    say "added a deb-src entry for the configured Debian archive: $target"
    $sudo apt-get update -qq
fi

# --- the source packages, at the versions the Linux build uses ----------------------------
# source package:the -dev package whose version to take (the candidate when not installed)
deps="libcsv:libcsv-dev gsl:libgsl-dev libxlsxwriter:libxlsxwriter-dev utf8proc:libutf8proc-dev
libinih:libinih-dev libsodium:libsodium-dev"
versions=""
for d in $deps; do
    src=${d%%:*} dev=${d#*:}
    v=$(dpkg-query -W -f='${source:Version}' "$dev" 2>/dev/null || true)
    versions="$versions $src=${v:-candidate}"
done
zlib_version=$(dpkg-query -W -f='${Version}' libz-mingw-w64-dev)
compiler=$($host-gcc --version | head -n 1)
key=$(
    { cat "$top/packaging/windows/deps.sh" "$top/packaging/windows/mingw-w64-x86_64.cmake" \
          "$top/packaging/windows/inih/ini.c"
      echo "$versions zlib=$zlib_version $compiler"; } | sha256sum | cut -c1-16
)
prefix=$cache/$key

if [ -f "$prefix/.complete" ]; then
    say "libraries from the cache: $prefix"
else
    # installed where they stay (the .pc and .la files name the place); complete once
    # deps.sh has written .complete
    t0=$(date +%s)
    # shellcheck disable=SC2086 # one argument per library
    sh "$top/packaging/windows/deps.sh" "$prefix" "$out/deps" $versions
    say "libraries built in $(( $(date +%s) - t0 )) s, kept in $prefix"
fi

# --- finsam-stats.exe ---------------------------------------------------------------------
export FS_WIN_DEPS="$prefix"
export PKG_CONFIG_LIBDIR="$prefix/lib/pkgconfig:/usr/$host/lib/pkgconfig"
export PKG_CONFIG_PATH=""
cmake -S "$top" -B "$out" -DCMAKE_TOOLCHAIN_FILE="$top/packaging/windows/mingw-w64-x86_64.cmake" \
    -DCMAKE_BUILD_TYPE=Release -DFS_TESTS=OFF -DFS_WERROR="${FS_WERROR:-ON}" >/dev/null
cmake --build "$out" -j "$jobs" >/dev/null
exe=$out/finsam-stats.exe
$host-strip "$exe"

# One file: it may import only DLLs that every Windows has.
dlls=$($host-objdump -p "$exe" | sed -n 's/^[[:space:]]*DLL Name: //p' | sort -u)
for d in $dlls; do
    case $(echo "$d" | tr '[:upper:]' '[:lower:]') in
        kernel32.dll | msvcrt.dll | advapi32.dll | user32.dll | shell32.dll | bcrypt.dll | ws2_32.dll | ole32.dll) ;;
        *) say "$exe needs $d, which is not a Windows system DLL" >&2; exit 1 ;;
    esac
done

# The licences of what is linked in, to ship beside the .exe.
{
    echo "finsam-stats.exe contains, statically linked, these libraries built from Debian's"
    echo "source packages (the Debian copyright file of each follows), zlib from"
    echo "libz-mingw-w64-dev $zlib_version, and the mingw-w64 runtime and libgcc of $compiler."
    for f in "$prefix"/share/licenses/*/copyright; do
        echo
        echo "==== $(basename "$(dirname "$f")") ================================================"
        cat "$f"
    done
    echo
    echo "==== zlib (libz-mingw-w64-dev) ================================================"
    cat /usr/share/doc/libz-mingw-w64-dev/copyright
} >"$out/THIRD-PARTY-LICENSES.txt"

say "built $exe ($(stat -c %s "$exe") bytes; imports: $(echo "$dlls" | paste -sd ' '))"
