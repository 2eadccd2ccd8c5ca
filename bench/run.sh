#!/bin/sh
# bench/run.sh [BUILD_DIR] [N]   (defaults: build/ of this tree, 1000000)
#
# Times finsam-stats on a large synthetic export against a plain awk crosstab.
# Builds nothing: expects BUILD_DIR/finsam-stats (a missing binary is reported, and the
# awk measurement still runs). Generates bench/out/export-N.csv with gen_export.awk when
# it is missing. Each command runs RUNS (default 5) times; the table shows the best
# wall-clock and CPU (user + system) times and the highest peak RSS, as reported by
# /usr/bin/time -f '%e %U %S %M'.
# Environment: AWK (default: awk) runs the generator and the awk crosstab.
set -u

bench_dir=$(cd "$(dirname "$0")" && pwd)
build_dir=${1:-$(dirname "$bench_dir")/build}     # default: build/ at the top of the tree
n=${2:-1000000}
AWK=${AWK:-awk}
out_dir=$bench_dir/out
bin=$build_dir/finsam-stats
TIME=/usr/bin/time

case $n in
    '' | *[!0-9]*) echo "run.sh: N must be a positive whole number, got '$n'" >&2; exit 2 ;;
esac
if [ "$n" -eq 0 ]; then echo "run.sh: N must be at least 1" >&2; exit 2; fi
if [ ! -x "$TIME" ]; then
    echo "run.sh: $TIME is missing: it measures the wall-clock time and peak RSS." >&2
    echo "        Install it (Debian/Ubuntu: apt-get install time) and run again." >&2
    exit 2
fi
if ! command -v "$AWK" >/dev/null 2>&1; then
    echo "run.sh: no awk ('$AWK') found; install mawk or gawk, or set AWK=..." >&2
    exit 2
fi

mkdir -p "$out_dir" || exit 1
file=$out_dir/export-$n.csv
if [ ! -s "$file" ]; then
    echo "generating $file ($n episodes) ..."
    if ! LC_ALL=C "$AWK" -v n="$n" -f "$bench_dir/gen_export.awk" >"$file.tmp"; then
        rm -f "$file.tmp"
        echo "run.sh: generating $file failed" >&2
        exit 1
    fi
    mv "$file.tmp" "$file" || exit 1
fi
bytes=$(wc -c <"$file" | tr -d ' ')

tmp=$(mktemp -d "${TMPDIR:-/tmp}/fs-bench.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT INT TERM

RUNS=${RUNS:-5}
# measure CMD...: $RUNS runs with stdout to /dev/null; sets m_secs (best wall clock),
# m_cpu (best user + system CPU time: less disturbed by other load on the machine),
# m_kib (highest peak RSS), m_status.
measure() {
    m_secs=; m_cpu=; m_kib=0; m_status=0
    i=0
    while [ "$i" -lt "$RUNS" ]; do
        i=$((i + 1))
        "$TIME" -f '%e %U %S %M' -o "$tmp/time" "$@" >/dev/null 2>"$tmp/err"
        st=$?
        if [ "$st" -ne 0 ]; then
            m_status=$st
            return
        fi
        read -r secs usr sys kib <"$tmp/time"
        cpu=$("$AWK" -v u="$usr" -v s="$sys" 'BEGIN { printf "%.2f", u + s }')
        m_secs=$("$AWK" -v a="${m_secs:-1e9}" -v b="$secs" 'BEGIN { print (b + 0 < a + 0) ? b : a }')
        m_cpu=$("$AWK" -v a="${m_cpu:-1e9}" -v b="$cpu" 'BEGIN { print (b + 0 < a + 0) ? b : a }')
        [ "$kib" -gt "$m_kib" ] && m_kib=$kib
    done
}

rows=
add_row() {     # add_row NAME  (uses m_secs, m_cpu, m_kib)
    rows="$rows$(echo "$bytes $m_secs $m_kib $m_cpu" | "$AWK" -v name="$1" '{
        mb = $1 / 1e6
        rate = ($2 > 0) ? sprintf("%.1f", mb / $2) : "-"
        printf "%-22s %9.1f %9.2f %9.2f %9s %12.1f", name, mb, $2, $4, rate, $3 * 1024 / 1e6
    }')
"
}
add_na() {      # add_na NAME REASON
    rows="$rows$(printf '%-22s %s' "$1" "$2")
"
}

have_bin=1
if [ ! -x "$bin" ]; then
    have_bin=0
    echo "note: $bin not found or not executable (build it first); finsam-stats runs skipped"
elif cp "$bin" "$tmp/finsam-stats"; then
    bin=$tmp/finsam-stats # a copy, as installed (a file just linked can run slower: peers.sh)
fi

# a) finsam-stats exits
t_fs=; c_fs=
if [ "$have_bin" -eq 1 ]; then
    measure "$bin" exits "$file" --period 2024 --format csv
    if [ "$m_status" -eq 0 ]; then
        add_row "finsam exits"; t_fs=$m_secs; c_fs=$m_cpu
    else
        add_na "finsam exits" "failed (status $m_status): $(head -n 1 "$tmp/err")"
    fi
else
    add_na "finsam exits" "not available"
fi

# b) plain awk: rows with an exit date in 2024, counted by (exit reason, Kön)
awk_prog='NR > 1 && substr($7, 1, 4) == "2024" { n[$8 ";" $3]++ }
END { for (k in n) print k ";" n[k] }'
t_awk=; c_awk=
measure env LC_ALL=C "$AWK" -F';' "$awk_prog" "$file"
if [ "$m_status" -eq 0 ]; then
    add_row "awk crosstab"; t_awk=$m_secs; c_awk=$m_cpu
else
    add_na "awk crosstab" "failed (status $m_status): $(head -n 1 "$tmp/err")"
fi

# c) finsam-stats participants (the command may not exist yet)
if [ "$have_bin" -eq 1 ]; then
    measure "$bin" participants "$file" --period 2024 --all
    if [ "$m_status" -eq 0 ]; then
        add_row "finsam participants"
    else
        add_na "finsam participants" "not available (status $m_status: $(head -n 1 "$tmp/err"))"
        echo "participants: not available"
    fi
else
    add_na "finsam participants" "not available"
    echo "participants: not available"
fi

# d) the same two commands counting distinct persons instead of episodes
if [ "$have_bin" -eq 1 ]; then
    for cmd in exits participants; do
        extra=
        [ "$cmd" = participants ] && extra=--all
        measure "$bin" $cmd "$file" --period 2024 --count persons $extra --format csv
        if [ "$m_status" -eq 0 ]; then
            add_row "finsam $cmd persons"
        else
            add_na "finsam $cmd persons" "not available (status $m_status: $(head -n 1 "$tmp/err"))"
        fi
    done
fi

awk_path=$(command -v "$AWK")
awk_real=$(readlink -f "$awk_path" 2>/dev/null || echo "$awk_path")
echo
echo "file:  $file ($n episodes)"
echo "awk:   $awk_path -> $awk_real"
echo "host:  $(uname -srm), $(getconf _NPROCESSORS_ONLN 2>/dev/null || echo '?') CPUs"
echo "times: best of $RUNS runs (wall clock and user+system CPU, s); MB/s from wall clock;"
echo "       peak RSS: highest of the runs; MB = 10^6 bytes"
echo
printf '%-22s %9s %9s %9s %9s %12s\n' command file_MB wall_s cpu_s MB/s peak_RSS_MB
printf '%s' "$rows"
echo
if [ -n "$t_fs" ] && [ -n "$t_awk" ]; then
    echo "$t_awk $t_fs $c_awk $c_fs" | "$AWK" '{
        if ($2 > 0 && $4 > 0)
            printf "ratio awk / finsam (exits): wall %.2f, cpu %.2f (above 1: finsam is faster)\n", $1 / $2, $3 / $4
        else print "ratio awk / finsam (exits): - (finsam time below timer resolution)"
    }'
else
    echo "ratio awk_time / finsam_time (exits): n/a (finsam exits did not run)"
fi
