#!/bin/sh
# approve.sh BINARY CASE_DIR...: records what the command prints now as a case's expected
# stdout, stderr and status. Only for writing a new case: read every recorded line and check
# it by hand before committing; the expectations are the test, not this script.
set -eu
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
shift
SAMPLES=$(cd "$(dirname "$0")/../../data-samples" && pwd)
TESTDATA=$(cd "$(dirname "$0")/../data" && pwd)
export SAMPLES TESTDATA LC_ALL=C TZ=UTC
for case_dir in "$@"; do
    work=$(mktemp -d)
    cp -R "$case_dir"/. "$work"/
    (
        cd "$work"
        ln -s "$TESTDATA" data
        ln -s "$SAMPLES" samples
        if [ -f setup.sh ]; then sh ./setup.sh; fi
        eval "set -- $(cat args)"
        set +e
        if [ -f stdin ]; then "$bin" "$@" <stdin >out 2>err; else "$bin" "$@" </dev/null >out 2>err; fi
        echo $? >st
    )
    cp "$work/out" "$case_dir/stdout"
    cp "$work/err" "$case_dir/stderr"
    st=$(cat "$work/st")
    if [ "$st" = 0 ]; then rm -f "$case_dir/status"; else echo "$st" >"$case_dir/status"; fi
    [ -s "$case_dir/stdout" ] || rm -f "$case_dir/stdout"
    [ -s "$case_dir/stderr" ] || rm -f "$case_dir/stderr"
    rm -rf "$work"
done
