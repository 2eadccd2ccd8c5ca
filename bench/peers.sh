#!/bin/sh
# bench/peers.sh [BUILD_DIR] [N...]   (defaults: build/ of this tree, N = 1000000)
#
# Times finsam-stats against its peers on the same files, in one go, and prints each one's
# CPU time as a multiple of bench/limit (a memchr crosstab, the single-thread floor) and of
# finsam-stats exits. For each N, on bench/out/export-N.csv (made by gen_export.awk when
# missing):
#   limit            bench/limit.c, compiled here with ${CC:-cc} -O2
#   limit_all        bench/limit_all.c, compiled so too: the same memchr floor for the 18
#                    tables of participants --all (what all_tables.awk counts, in C); the
#                    CPU of finsam participants --all as a multiple of it is printed under it
#   wc -l            counting lines
#   finsam exits, finsam participants --all, finsam check  (--as-of 2025-06-30)
#   mawk, gawk       the awk crosstab of bench/run.sh, with LC_ALL=C; and all_tables.awk, the
#                    18 tables of participants --all counted as raw strings (its ratio to
#                    finsam participants --all printed under it)
#   datamash         cut -d';' -f3,7,8 | grep ';2024' | datamash -t';' -s -g 3,1 count 3
#   miller           mlr --icsv --ifs ';' filter + count-distinct of the same crosstab
#   pandas           read_csv(sep=';') and a groupby of the same crosstab (python3 + pandas)
#   duckdb           read_csv and GROUP BY of the same crosstab, two threads: node and the npm
#                    package @duckdb/node-api in bench/out/duckdb/ (bench/duckdb-setup.sh),
#                    run by bench/duckdb_peer.mjs; its time includes node's start-up, which is
#                    printed on a line of its own (a SELECT 1) for readers to subtract
# A peer that is not installed is skipped with a line saying so. The peers count raw
# strings (no quoting rules beyond their own, no normalisation, no checks): floors to
# compare with, not equivalent programs. RUNS (default 5) rounds, each running every
# program once in turn, so that a slower spell of the machine falls on all programs alike;
# of each program, the best CPU = user + system seconds and wall-clock seconds of the rounds
# (each program's best round, not always the same round for all) and the highest peak RSS,
# from bench/cputime.c (wait4's resource use, to the microsecond: GNU time's hundredths are
# coarse next to limit's 0.06 s).
# check's bytes per episode are (its peak RSS - exits' peak RSS) / N.
set -u

bench_dir=$(cd "$(dirname "$0")" && pwd)
build_dir=${1:-$(dirname "$bench_dir")/build}
[ $# -gt 0 ] && shift
sizes=${*:-1000000}
bin=$build_dir/finsam-stats
out_dir=$bench_dir/out
RUNS=${RUNS:-5}
CC=${CC:-cc}

if [ ! -x "$bin" ]; then
    echo "peers.sh: $bin is missing: build it first (a Release build: cmake -S . -B build-rel" >&2
    echo "          -DCMAKE_BUILD_TYPE=Release && cmake --build build-rel; bench/peers.sh build-rel)" >&2
    exit 2
fi
mkdir -p "$out_dir" || exit 1
tmp=$(mktemp -d "${TMPDIR:-/tmp}/fs-peers.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT INT TERM

limit=$tmp/limit
cputime=$tmp/cputime
for prog in limit limit_all cputime; do
    if ! "$CC" -O2 -o "$tmp/$prog.new" "$bench_dir/$prog.c"; then
        echo "peers.sh: cannot compile bench/$prog.c with $CC" >&2
        exit 1
    fi
done
# The programs timed are copies, as an installed program is: a file just written by the
# linker can run 10-15 % slower on Linux until its pages leave the page cache (measured
# here: finsam exits 157 ms from build-rel/, 138 ms from a copy of the same bytes, and
# 143 ms from build-rel/ again once the file was dropped from the cache).
for prog in limit limit_all cputime; do
    cp "$tmp/$prog.new" "$tmp/$prog" || exit 1
done
cp "$bin" "$tmp/finsam-stats" || exit 1
bin=$tmp/finsam-stats

# time1 NAME CMD...: one run of CMD, kept as NAME's: its best CPU (cpu_NAME) and wall
# (wall_NAME) seconds so far, highest RSS (kib_NAME), and fail_NAME=1 once a run failed
# (exit status above 1: finsam check exits 1 on data errors; the first failed run's stderr
# is kept in $tmp/fail.NAME)
time1() {
    t_name=$1; shift
    "$cputime" "$tmp/time" sh -c '"$@" >/dev/null 2>"$0"' "$tmp/err.$t_name" "$@"
    if [ $? -gt 1 ]; then
        [ -e "$tmp/fail.$t_name" ] || cp "$tmp/err.$t_name" "$tmp/fail.$t_name"
        eval "fail_$t_name=1"
        return
    fi
    read -r wall usr sys kib <"$tmp/time"
    eval "t_cpu=\${cpu_$t_name:-} t_wall=\${wall_$t_name:-} t_kib=\${kib_$t_name:-0}"
    t_cpu=$(awk -v a="${t_cpu:-1e9}" -v u="$usr" -v s="$sys" \
        'BEGIN { b = sprintf("%.3f", u + s); print (b + 0 < a + 0) ? b : a }')
    t_wall=$(awk -v a="${t_wall:-1e9}" -v b="$wall" 'BEGIN { print (b + 0 < a + 0) ? b : a }')
    [ "$kib" -gt "$t_kib" ] && t_kib=$kib
    eval "cpu_$t_name=\$t_cpu wall_$t_name=\$t_wall kib_$t_name=\$t_kib"
}

# measured NAME: NAME's figures as m_cpu, m_wall, m_kib; m_ok=0 when a run failed or none ran
measured() {
    eval "m_cpu=\${cpu_$1:-} m_wall=\${wall_$1:-} m_kib=\${kib_$1:-0} m_fail=\${fail_$1:-}"
    m_ok=1
    if [ -n "$m_fail" ] || [ -z "$m_cpu" ]; then m_ok=0; fi
}

# forget NAME...: starts NAME's figures again (for the next file)
forget() {
    for f_name in "$@"; do
        unset "cpu_$f_name" "wall_$f_name" "kib_$f_name" "fail_$f_name"
        rm -f "$tmp/fail.$f_name"
    done
}

row() { # row NAME: prints the measurement and the ratios to limit and to exits
    awk -v name="$1" -v cpu="$m_cpu" -v wall="$m_wall" -v kib="$m_kib" -v lim="$lim_cpu" \
        -v ex="${exits_cpu:-}" 'BEGIN {
        r1 = (lim > 0) ? sprintf("%.2f", cpu / lim) : "-"
        r2 = (ex != "" && ex > 0) ? sprintf("%.2f", cpu / ex) : "-"
        printf "%-28s %8.3f %8.3f %10.1f %9s %9s\n", name, cpu, wall, kib * 1024 / 1e6, r1, r2
    }'
}
skip() { printf '%-28s skipped: %s\n' "$1" "$2"; }
have() { command -v "$1" >/dev/null 2>&1; }

awk_prog='NR > 1 && substr($7, 1, 4) == "2024" { n[$8 ";" $3]++ }
END { for (k in n) print k ";" n[k] }'
PYTHON=
for p in /usr/bin/python3 python3; do
    if have "$p" && "$p" -c 'import pandas' 2>/dev/null; then PYTHON=$p; break; fi
done

DUCKDB=; node_cpu=
if ! have node; then DUCKDB_SKIP="node is not installed (Debian: apt-get install nodejs npm)"
elif [ ! -d "$out_dir/duckdb/node_modules/@duckdb/node-api" ]; then
    DUCKDB_SKIP="not installed in bench/out/duckdb (install it with bench/duckdb-setup.sh)"
else
    DUCKDB=1
    i=0
    while [ "$i" -lt "$RUNS" ]; do i=$((i + 1)); time1 node node "$bench_dir/duckdb_peer.mjs" sql "SELECT 1"; done
    measured node
    [ "$m_ok" = 1 ] && node_cpu=$m_cpu
fi

# round FILE: every program once on FILE. The rounds run one after another, so that a
# change in the machine's speed during the runs falls on all programs alike, not on the
# ones timed while it lasted.
round() {
    time1 limit "$limit" "$1"
    time1 limit_all "$tmp/limit_all" "$1"
    time1 wc wc -l "$1"
    time1 exits "$bin" exits "$1" --period 2024 --format csv --as-of 2025-06-30
    time1 all "$bin" participants "$1" --period 2024 --all --format csv --as-of 2025-06-30
    time1 check "$bin" check "$1" --as-of 2025-06-30
    for a in mawk gawk; do
        have "$a" || continue
        time1 "$a" env LC_ALL=C "$a" -F';' "$awk_prog" "$1"
        time1 "${a}_all" env LC_ALL=C "$a" -F';' -f "$bench_dir/all_tables.awk" "$1"
    done
    have datamash &&
        time1 datamash sh -c 'cut -d";" -f3,7,8 "$1" | grep ";2024" | LC_ALL=C datamash -t";" -s -g 3,1 count 3' sh "$1"
    have mlr &&
        time1 miller mlr --icsv --ifs ';' --ojson filter 'substr(string($Avslutsdatum), 0, 3) == "2024"' \
            then count-distinct -f Avslutsanledning,Kön "$1"
    [ -n "$PYTHON" ] && time1 pandas "$PYTHON" -c 'import sys, pandas as pd
d = pd.read_csv(sys.argv[1], sep=";", dtype=str, usecols=[2, 6, 7], encoding="utf-8-sig")
d = d[d.iloc[:, 1].str.startswith("2024", na=False)]
print(d.groupby([d.columns[2], d.columns[0]], dropna=False).size())' "$1"
    [ -n "$DUCKDB" ] && time1 duckdb node "$bench_dir/duckdb_peer.mjs" crosstab "$1"
    return 0
}

# failed NAME LABEL: the line for a program whose run failed
failed() { skip "$2" "failed: $(head -n 1 "$tmp/fail.$1")"; }

echo "host: $(uname -srm), $(getconf _NPROCESSORS_ONLN 2>/dev/null || echo '?') CPUs; best of $RUNS rounds"
for n in $sizes; do
    file=$out_dir/export-$n.csv
    if [ ! -s "$file" ]; then
        echo "generating $file ($n episodes) ..."
        LC_ALL=C awk -v n="$n" -f "$bench_dir/gen_export.awk" >"$file.tmp" && mv "$file.tmp" "$file" || exit 1
    fi
    forget limit limit_all wc exits all check mawk gawk mawk_all gawk_all datamash miller pandas duckdb
    i=0
    while [ "$i" -lt "$RUNS" ]; do i=$((i + 1)); round "$file"; done
    echo
    echo "file: $file ($n episodes, $(wc -c <"$file" | tr -d ' ') bytes)"
    printf '%-28s %8s %8s %10s %9s %9s\n' program cpu_s wall_s peak_MB x_limit x_exits
    exits_cpu=
    measured limit; lim_cpu=$m_cpu; row "limit (memchr crosstab)"
    measured limit_all; lim_all_cpu=$m_cpu; row "limit_all (the --all tables)"
    measured wc; row "wc -l"
    measured exits
    if [ "$m_ok" = 1 ]; then exits_cpu=$m_cpu; exits_kib=$m_kib; row "finsam exits"
    else failed exits "finsam exits"; fi
    all_cpu=
    measured all
    if [ "$m_ok" = 1 ]; then
        all_cpu=$m_cpu; row "finsam participants --all"
        awk -v a="$all_cpu" -v b="$lim_all_cpu" \
            'BEGIN { printf "%-28s %8.2f times the CPU of limit_all\n", "", a / b }'
    else
        failed all "finsam participants --all"
    fi
    measured check
    if [ "$m_ok" = 1 ]; then
        row "finsam check"
        [ -n "${exits_cpu:-}" ] && awk -v a="$m_kib" -v b="$exits_kib" -v n="$n" \
            'BEGIN { printf "%-28s %8.1f bytes per episode above exits\n", "  check memory", (a - b) * 1024 / n }'
    else
        failed check "finsam check"
    fi
    for a in mawk gawk; do
        if have "$a"; then measured "$a"; row "$a (LC_ALL=C)"
        else skip "$a" "not installed"; fi
    done
    for a in mawk gawk; do # the 18 tables of --all, as raw strings (all_tables.awk)
        if have "$a"; then
            measured "${a}_all"; row "$a, the --all tables"
            [ -n "$all_cpu" ] && awk -v a="$m_cpu" -v b="$all_cpu" \
                'BEGIN { printf "%-28s %8.2f times the CPU of finsam participants --all\n", "", a / b }'
        else
            skip "$a, the --all tables" "not installed"
        fi
    done
    if have datamash; then measured datamash; row "cut|grep|datamash"
    else skip "cut|grep|datamash" "datamash not installed"; fi
    if have mlr; then measured miller; row "miller"
    else skip "miller" "mlr not installed"; fi
    if [ -n "$PYTHON" ]; then measured pandas; row "pandas"
    else skip "pandas" "python3 with pandas not installed"; fi
    if [ -n "$DUCKDB" ]; then
        measured duckdb; row "duckdb (2 threads, node)"
        [ -n "$node_cpu" ] && awk -v c="$m_cpu" -v n="$node_cpu" 'BEGIN {
            printf "%-28s %8.3f s CPU of the above is node start-up + DuckDB load (a SELECT 1);\n", "  node start-up", n
            printf "%-28s %8.3f s without it\n", "", c - n }'
    else
        skip "duckdb" "$DUCKDB_SKIP"
    fi
done
echo
echo "x_limit, x_exits: CPU time divided by that of limit, of finsam exits on the same file."
echo "paired and hls against DuckDB and pandas: bench/quest.sh; bench/quest-headers.sh times paired"
echo "on many item columns."
