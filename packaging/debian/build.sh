#!/bin/sh
# packaging/debian/build.sh: build-deb/finsam-stats_VERSION_amd64.deb, then lintian on it.
#
# Built as Debian builds a package: dpkg-buildflags' compiler and linker flags (-O2, all
# hardening), `cpack -G DEB` (CPack config in CMakeLists.txt; Depends: from dpkg-shlibdeps),
# the binary stripped. lintian must report no error; its warnings are printed.
#
#   FS_DEB_BUILD=DIR   build directory (default build-deb)
set -eu
cd "$(dirname "$0")/../.."
out=${FS_DEB_BUILD:-build-deb}

packages="dpkg-dev lintian"
missing=""
for p in $packages; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
if [ -n "$missing" ]; then
    echo "packaging/debian/build.sh: installing:$missing"
    sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    export DEBIAN_FRONTEND=noninteractive
    $sudo apt-get update -qq
    # shellcheck disable=SC2086
    $sudo apt-get install -y -qq --no-install-recommends $missing >/dev/null
fi

export DEB_BUILD_MAINT_OPTIONS=hardening=+all
cflags="$(dpkg-buildflags --get CFLAGS) $(dpkg-buildflags --get CPPFLAGS)"
ldflags=$(dpkg-buildflags --get LDFLAGS)
rm -f "$out"/finsam-stats_*.deb
cmake -S . -B "$out" -DCMAKE_BUILD_TYPE=None -DCMAKE_C_FLAGS="$cflags" \
    -DCMAKE_EXE_LINKER_FLAGS="$ldflags" -DFS_TESTS=OFF -DFS_WERROR=ON >/dev/null
cmake --build "$out" -j "$(nproc)" >/dev/null
(cd "$out" && cpack -G DEB >/dev/null)
deb=$(ls "$out"/finsam-stats_*_amd64.deb)
echo "packaging/debian/build.sh: built $deb ($(stat -c %s "$deb") bytes)"
dpkg-deb --field "$deb" Package Version Architecture Depends Installed-Size
echo "lintian:"
if ! lintian --fail-on error --display-info "$deb"; then
    echo "packaging/debian/build.sh: lintian reports errors" >&2
    exit 1
fi
echo "lintian: no errors"
