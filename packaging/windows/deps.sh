#!/bin/sh
# packaging/windows/deps.sh PREFIX WORKDIR SRC=VERSION...: the libraries of finsam-stats.exe,
# static, for x86_64-w64-mingw32, from Debian's source packages (apt-get source, Debian's
# patches applied), installed into PREFIX. Run by build.sh, which caches PREFIX under a key
# made from this file, the versions and the compiler; PREFIX/.complete marks a finished one.
#
# Each library is built with its own build system and only the library: no tests, examples
# or manuals. About 5 minutes on 2 cores, most of it GSL and libsodium.
set -eu
prefix=$1 work=$2
shift 2
top=$(cd "$(dirname "$0")/../.." && pwd)
host=x86_64-w64-mingw32
jobs=$(nproc)
toolchain=$top/packaging/windows/mingw-w64-x86_64.cmake
cflags="-O2"
say() { echo "deps.sh: $*"; }

rm -rf "$work" "$prefix"
mkdir -p "$work" "$prefix/share/licenses"
log() { echo "$work/$1.log"; }
failed() { tail -n 30 "$(log "$1")" >&2; say "building $1 failed (log: $(log "$1"))" >&2; exit 1; }
srcdir() { find "$work" -mindepth 1 -maxdepth 1 -type d -name "$1-*" | head -n 1; }

# --- the sources ------------------------------------------------------------------------------
for v in "$@"; do
    src=${v%%=*} ver=${v#*=}
    spec=$src
    [ "$ver" = candidate ] || spec="$src=$ver"
    if (cd "$work" && apt-get source -qq "$spec") >"$(log "$src-source")" 2>&1; then
        say "source: $src $ver"
        mkdir -p "$prefix/share/licenses/$src"
        cp "$(srcdir "$src")/debian/copyright" "$prefix/share/licenses/$src/copyright"
    elif [ "$src" = libinih ]; then
        # The archive this project's machines reach lists libinih's source (the .dsc) but
        # answers 404 for its tarball and Debian diff: packaging/windows/inih/ini.c stands in.
        say "WARNING: apt-get source $spec failed: $(grep -m1 '^E:' "$(log "$src-source")" || true)" >&2
        say "WARNING: building packaging/windows/inih/ini.c in its place (see its header)" >&2
    else
        cat "$(log "$src-source")" >&2
        say "apt-get source $spec failed" >&2
        exit 1
    fi
done

autotools() { # autotools NAME DIR [CONFIGURE OPTIONS]: configure, make, install
    name=$1 dir=$2
    shift 2
    (cd "$dir" && ./configure --host=$host --prefix="$prefix" --disable-shared --enable-static \
         CFLAGS="$cflags" "$@" && make -j"$jobs" && make install) >"$(log "$name")" 2>&1 ||
        failed "$name"
}
cmake_lib() { # cmake_lib NAME DIR [CMAKE OPTIONS]
    name=$1 dir=$2
    shift 2
    (cmake -S "$dir" -B "$dir/build-win" -DCMAKE_TOOLCHAIN_FILE="$toolchain" \
         -DCMAKE_BUILD_TYPE=Release -DCMAKE_C_FLAGS_RELEASE="$cflags" \
         -DCMAKE_INSTALL_PREFIX="$prefix" -DBUILD_SHARED_LIBS=OFF "$@" &&
     cmake --build "$dir/build-win" -j"$jobs" && cmake --install "$dir/build-win") \
        >"$(log "$name")" 2>&1 || failed "$name"
}
timed() { # timed NAME FUNCTION ARGS...
    name=$1
    shift
    t0=$(date +%s)
    "$@"
    say "built $name in $(( $(date +%s) - t0 )) s"
}

# --- libcsv: its configure ------------------------------------------------------------------
timed libcsv autotools libcsv "$(srcdir libcsv)"

# --- GSL: its configure; the library only (the DFSG source has no manual to build) -----------
gsl() {
    dir=$(srcdir gsl)
    (cd "$dir" && ./configure --host=$host --prefix="$prefix" --disable-shared --enable-static \
         CFLAGS="$cflags" && sed -i '/^SUBDIRS = /s/ doc\( \|$\)/\1/' Makefile &&
     make -j"$jobs" && make install) >"$(log gsl)" 2>&1 || failed gsl
}
timed gsl gsl

# --- libxlsxwriter: its CMake -----------------------------------------------------------------
# With its own minizip and MD5 (Debian links the system minizip and OpenSSL's MD5, which have
# no mingw-w64 package) and zlib for mingw-w64; with mingw-w64's C99 printf (the default for
# C99 and later, said here because the numbers in a workbook are printed with it: msvcrt's
# own %G rounds some of them otherwise).
timed libxlsxwriter cmake_lib libxlsxwriter "$(srcdir libxlsxwriter)" \
    -DCMAKE_C_FLAGS="-D__USE_MINGW_ANSI_STDIO=1" -DUSE_SYSTEM_MINIZIP=OFF \
    -DUSE_OPENSSL_MD5=OFF -DBUILD_TESTS=OFF -DBUILD_EXAMPLES=OFF

# --- utf8proc: its CMake ----------------------------------------------------------------------
timed utf8proc cmake_lib utf8proc "$(srcdir utf8proc)" -DUTF8PROC_ENABLE_TESTING=OFF

# --- inih: its meson build with meson's defaults, as Debian builds it; or the stand-in ---------
inih() {
    dir=$(srcdir libinih)
    if [ -n "$dir" ]; then
        cat >"$work/meson-cross.ini" <<EOF
[binaries]
c = '$host-gcc'
cpp = '$host-g++'
ar = '$host-ar'
strip = '$host-strip'
windres = '$host-windres'
[host_machine]
system = 'windows'
cpu_family = 'x86_64'
cpu = 'x86_64'
endian = 'little'
EOF
        (meson setup "$dir/build-win" "$dir" --cross-file "$work/meson-cross.ini" \
             --prefix "$prefix" --libdir lib --buildtype release -Dc_args="$cflags" \
             -Ddefault_library=static -Ddistro_install=true -Dwith_INIReader=false &&
         ninja -C "$dir/build-win" install) >"$(log inih)" 2>&1 || failed inih
        return
    fi
    # the stand-in, compiled against Debian's own ini.h from libinih-dev
    mkdir -p "$prefix/include" "$prefix/lib/pkgconfig" "$prefix/share/licenses/libinih"
    cp /usr/include/ini.h "$prefix/include/ini.h"
    $host-gcc $cflags -Wall -Wextra -Werror -c "$top/packaging/windows/inih/ini.c" \
        -I"$prefix/include" -o "$work/ini.o"
    $host-ar rcs "$prefix/lib/libinih.a" "$work/ini.o"
    { echo "Debian's ini.h (libinih-dev $(dpkg-query -W -f='${Version}' libinih-dev)), with"
      echo "packaging/windows/inih/ini.c of finsam-stats in place of inih's ini.c."
      echo
      cat /usr/share/doc/libinih-dev/copyright; } >"$prefix/share/licenses/libinih/copyright"
    # shellcheck disable=SC2016
    printf '%s\n' "prefix=$prefix" 'Name: inih' \
        'Description: inih stand-in (packaging/windows/inih/ini.c)' 'Version: 55' \
        'Libs: -L${prefix}/lib -linih' 'Cflags: -I${prefix}/include' \
        >"$prefix/lib/pkgconfig/inih.pc"
}
timed inih inih

# --- libsodium: autoreconf as Debian does, then its configure ---------------------------------
# Without -fstack-protector, which would need libssp on Windows.
sodium() {
    dir=$(srcdir libsodium)
    (cd "$dir" && autoreconf -fi) >"$(log libsodium-autoreconf)" 2>&1 || failed libsodium-autoreconf
    autotools libsodium "$dir" --disable-ssp
}
timed libsodium sodium

echo "$*" >"$prefix/.complete"
rm -rf "$work"
