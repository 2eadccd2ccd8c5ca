#!/bin/sh
# Runs one command test case: run_case.sh BINARY CASE_DIR SAMPLES_DIR
#
# CASE_DIR holds:
#   args       the arguments, as shell words; data/ is tests/data/, samples/ is data-samples/
#   stdout     expected standard output (exact; absent means "must be empty")
#   stderr     expected standard error (exact; absent means "must be empty")
#   status     expected exit status (absent means 0)
#   stdin      optional standard input
#   check.sh   optional extra checks, run in the work directory after the command
#              (e.g. reading an xlsx back, asserting no output file was left)
#   setup.sh   optional, run in the work directory before the command
# The case directory is copied to a fresh work directory, so commands may write files.
set -u
bin=$1
case_dir=$2
SAMPLES=$3
TESTDATA=$(cd "$(dirname "$0")/../data" && pwd)
export SAMPLES TESTDATA FINSAM_STATS="$bin"
export LC_ALL=C TZ=UTC
unset FINSAM_CONFIG

work=$(mktemp -d "${TMPDIR:-/tmp}/fs-cli.XXXXXX") || exit 1
trap 'rm -rf "$work"' EXIT
cp -R "$case_dir"/. "$work"/
cd "$work" || exit 1
# relative paths keep messages the same wherever the checkout is
ln -s "$TESTDATA" data
ln -s "$SAMPLES" samples
if [ -f setup.sh ]; then sh ./setup.sh || { echo "setup.sh failed"; exit 1; }; fi

eval "set -- $(cat args)"
if [ -f stdin ]; then
    "$bin" "$@" <stdin >actual.stdout 2>actual.stderr
else
    "$bin" "$@" </dev/null >actual.stdout 2>actual.stderr
fi
actual_status=$?
expected_status=0
[ -f status ] && expected_status=$(cat status)

fail=0
[ -f stdout ] || : >stdout
[ -f stderr ] || : >stderr
if ! cmp -s stdout actual.stdout; then
    echo "--- stdout differs (expected, actual):"; diff stdout actual.stdout; fail=1
fi
if ! cmp -s stderr actual.stderr; then
    echo "--- stderr differs (expected, actual):"; diff stderr actual.stderr; fail=1
fi
if [ "$actual_status" != "$expected_status" ]; then
    echo "--- exit status $actual_status, expected $expected_status"; fail=1
fi
if [ -f check.sh ] && ! sh ./check.sh; then
    echo "--- check.sh failed"; fail=1
fi
exit $fail
