#!/bin/sh
# packaging/debian/test.sh [DEB]: installs the package as a user would (apt-get install
# ./finsam-stats_VERSION_amd64.deb, which brings its Depends), runs --version and one
# command from /usr/bin, checks the man page and the documentation, then purges it and
# checks that nothing it installed is left. Needs root (or sudo). Default DEB: the one in
# build-deb/.
set -eu
cd "$(dirname "$0")/../.."
deb=${1:-$(ls build-deb/finsam-stats_*_amd64.deb)}
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
export DEBIAN_FRONTEND=noninteractive
fail() { echo "packaging/debian/test.sh: $*" >&2; exit 1; }

case $deb in /*) ;; *) deb=./$deb ;; esac
version=$(dpkg-deb --field "$deb" Version)
log=$(mktemp)
$sudo apt-get install -o DPkg::Lock::Timeout=600 -y -qq --reinstall "$deb" >"$log" 2>&1 ||
    { cat "$log"; fail "apt-get install $deb failed"; }
[ "$(command -v finsam-stats)" = /usr/bin/finsam-stats ] || fail "finsam-stats is not /usr/bin/finsam-stats"
[ "$(/usr/bin/finsam-stats --version)" = "finsam-stats $version" ] || fail "--version"
# one command: the sample export's exit table, the same as the build in build/ prints
/usr/bin/finsam-stats exits data-samples/export.csv --period 2024H1 --quiet >/tmp/fs-deb-exits.$$ ||
    fail "exits failed"
grep -q '^Arbete, studier' /tmp/fs-deb-exits.$$ || fail "exits printed no table"
if [ -x build/finsam-stats ]; then
    build/finsam-stats exits data-samples/export.csv --period 2024H1 --quiet | cmp -s - /tmp/fs-deb-exits.$$ ||
        fail "/usr/bin/finsam-stats and build/finsam-stats print different tables"
fi
rm -f /tmp/fs-deb-exits.$$
# the configuration from /usr/share/doc is the sample one and loads
/usr/bin/finsam-stats exits data-samples/export.csv --period 2024H1 --quiet \
    --config /usr/share/doc/finsam-stats/examples/finsam.ini >/dev/null || fail "sample config"
for f in /usr/share/man/man1/finsam-stats.1.gz /usr/share/man/man1/finsam-stats-exits.1.gz \
         /usr/share/doc/finsam-stats/README.md /usr/share/doc/finsam-stats/copyright \
         /usr/share/doc/finsam-stats/changelog.gz; do
    [ -f "$f" ] || fail "$f is not installed"
done
files=$(dpkg -L finsam-stats | while read -r f; do [ -d "$f" ] || echo "$f"; done)
echo "packaging/debian/test.sh: installed $(echo "$files" | wc -l) files; Depends: $(dpkg-query -W -f='${Depends}' finsam-stats)"

$sudo apt-get purge -o DPkg::Lock::Timeout=600 -y -qq finsam-stats >"$log" 2>&1 ||
    { cat "$log"; fail "apt-get purge finsam-stats failed"; }
rm -f "$log"
dpkg-query -W -f='${Status}' finsam-stats 2>/dev/null | grep -q "install ok" && fail "still installed after purge"
for f in $files; do
    [ ! -e "$f" ] || fail "$f is left after purge"
done
[ ! -e /usr/share/doc/finsam-stats ] || fail "/usr/share/doc/finsam-stats is left after purge"
echo "packaging/debian/test.sh: installed, ran and removed $deb"
