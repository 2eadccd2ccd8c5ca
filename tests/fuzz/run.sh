#!/bin/sh
# tests/fuzz/run.sh BUILD_DIR SECONDS [TARGET...]
#
# Runs each libFuzzer target (default: all of tests/fuzz/CMakeLists.txt) for SECONDS, from
# a copy of its seed corpus tests/fuzz/corpus/<name>/ (the seeds are never changed), and
# prints one line per target: executions, coverage (edges, then features), the corpus it
# grew to, and crashes (crash-, leak-, timeout- and oom- files, kept in
# $FUZZ_OUT/<target>/, default a fresh directory under ${TMPDIR:-/tmp}). Exit status 1 when
# any target found a crash or could not run. FUZZ_SEED fixes libFuzzer's seed (default 0:
# a new one each run). CI runs it with 30 s and FUZZ_SEED=1, so that a run can be repeated
# (.ci/run); bench/fuzz-long.sh with 30 minutes and a new seed.
set -u
build=${1:?usage: run.sh BUILD_DIR SECONDS [TARGET...]}
secs=${2:?usage: run.sh BUILD_DIR SECONDS [TARGET...]}
shift 2
here=$(cd "$(dirname "$0")" && pwd)
targets=${*:-"csv export config quest parse writers"}
out=${FUZZ_OUT:-$(mktemp -d "${TMPDIR:-/tmp}/fs-fuzz.XXXXXX")}
status=0
passed=0
failed=0
printf '%-8s %10s %8s %9s %8s %8s  %s\n' target execs cov features corpus crashes log
for t in $targets; do
    t=${t#fuzz_}
    bin=$build/tests/fuzz/fuzz_$t
    dir=$out/$t
    mkdir -p "$dir/corpus" "$dir/artifacts"
    if [ ! -x "$bin" ]; then
        printf '%-8s not built: %s\n' "$t" "$bin"
        status=1
        failed=$((failed + 1))
        continue
    fi
    # new inputs go to the work corpus (first directory); the seeds are only read
    "$bin" -max_total_time="$secs" -seed="${FUZZ_SEED:-0}" -timeout=25 -rss_limit_mb=2048 -print_final_stats=1 \
        -artifact_prefix="$dir/artifacts/" "$dir/corpus" "$here/corpus/$t" >"$dir/log" 2>&1
    rc=$?
    execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$dir/log" | tail -n 1)
    last=$(grep -E '^#[0-9]+' "$dir/log" | tail -n 1)
    cov=$(echo "$last" | sed -n 's/.* cov: \([0-9]*\).*/\1/p')
    ft=$(echo "$last" | sed -n 's/.* ft: \([0-9]*\).*/\1/p')
    corp=$(echo "$last" | sed -n 's/.* corp: \([0-9]*\/[0-9A-Za-z]*\).*/\1/p')
    crashes=$(ls "$dir/artifacts" | wc -l)
    printf '%-8s %10s %8s %9s %8s %8s  %s\n' "$t" "${execs:-?}" "${cov:-?}" "${ft:-?}" \
        "${corp:-?}" "$crashes" "$dir/log"
    if [ "$rc" != 0 ] || [ "$crashes" != 0 ]; then
        status=1
        failed=$((failed + 1))
        grep -E 'ERROR|SUMMARY|abort|read back|not well-formed|invalid JSON' "$dir/log" | head -n 5
    fi
    [ "$rc" = 0 ] && [ "$crashes" = 0 ] && passed=$((passed + 1))
done
echo "fuzz: $passed passed, $failed failed"
exit $status
