#!/bin/sh
# man_lint.sh TOP: every man page lints clean with mandoc and renders with man-db without a
# warning; the documentation names no file of the development notes (DOMAIN.md, DESIGN.md)
# that users do not have.
set -u
cd "$1" || exit 1
bad=0
for f in man/*.1; do
    out=$(mandoc -Tlint -W warning "$f" 2>&1)
    [ -n "$out" ] && { echo "$out"; bad=1; }
    out=$(MANWIDTH=80 man --warnings -l "$f" 2>&1 >/dev/null)
    [ -n "$out" ] && { echo "$f: $out"; bad=1; }
done
if grep -ns 'DOMAIN\.md\|DESIGN\.md' man/*.1 README.md data-samples/* bench/*.*; then
    echo "a reference to a file that is not in the repository"
    bad=1
fi
[ "$bad" = 0 ] && echo "$(ls man/*.1 | wc -l) man pages lint clean"
exit $bad
