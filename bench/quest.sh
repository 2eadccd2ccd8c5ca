#!/bin/sh
# quest.sh [BUILD_DIR [N]]: times `finsam-stats paired` and `hls` on N participants x 16 items
# (default build, 200000) against the pandas peer (bench/quest_peer.py) and DuckDB with two
# threads (bench/duckdb_peer.mjs, run by node, from bench/out/duckdb/ as installed by
# bench/duckdb-setup.sh; skipped with a line saying so when not there). Files are generated
# once into bench/out/ with gen_quest.awk. Prints the best of RUNS (default 3) runs: wall and
# CPU (user + system) seconds and peak RSS, from bench/cputime.c (compiled here with
# ${CC:-cc} -O2; to the millisecond, where GNU time gives hundredths), and the ratios peer /
# finsam of CPU and of wall-clock time (DuckDB's two threads make its wall time the shorter).
# DuckDB's times include node's start-up and DuckDB's load, measured on a line of their own
# (a SELECT 1); its ratios are printed with them and without them.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-build}
n=${2:-200000}
runs=${RUNS:-3}
case $build in /*) ;; *) build=$top/$build ;; esac
bin=$build/finsam-stats
[ -x "$bin" ] || { echo "quest.sh: $bin is missing: build it first"; exit 1; }
# a copy is timed, as an installed program is (a file just written by the linker can run
# slower until it leaves the page cache: see peers.sh)
copy=$(mktemp -d "${TMPDIR:-/tmp}/fs-quest.XXXXXX") || exit 1
trap 'rm -rf "$copy"' EXIT INT TERM
cp "$bin" "$copy/finsam-stats" || exit 1
bin=$copy/finsam-stats
out=$top/bench/out
mkdir -p "$out"
cputime=$copy/cputime
"${CC:-cc}" -O2 -o "$cputime" "$top/bench/cputime.c" || { echo "quest.sh: cannot compile bench/cputime.c with ${CC:-cc}"; exit 1; }
awk=${AWK:-awk}
for kind in numeric hls; do
    f=$out/quest-$kind-$n.csv
    [ -f "$f" ] || LC_ALL=C $awk -v n="$n" -v items=16 -v kind=$kind -f "$top/bench/gen_quest.awk" >"$f"
done

best() { # label command...: prints "label wall cpu rss_mb" (best wall, best cpu, max rss)
    label=$1
    shift
    bw=; bc=; rss=0
    i=0
    while [ $i -lt "$runs" ]; do
        if ! "$cputime" "$out/time.txt" "$@" >/dev/null 2>"$out/err.txt"; then
            echo "$label failed: $(head -1 "$out/err.txt")"
            return 1
        fi
        read -r w u s m <"$out/time.txt"
        c=$(echo "$u $s" | awk '{ printf "%.3f", $1 + $2 }')
        bw=$(echo "${bw:-$w} $w" | awk '{ print (($2 < $1) ? $2 : $1) }')
        bc=$(echo "${bc:-$c} $c" | awk '{ print (($2 < $1) ? $2 : $1) }')
        rss=$(echo "$rss $m" | awk '{ print (($2 > $1) ? $2 : $1) }')
        i=$((i + 1))
    done
    echo "$label $bw $bc $(echo "$rss" | awk '{ printf "%.0f", $1 / 1024 }')"
}

duck=; node_cpu=0; node_wall=0
if ! command -v node >/dev/null 2>&1; then duck_skip="node is not installed (Debian: apt-get install nodejs npm)"
elif [ ! -d "$out/duckdb/node_modules/@duckdb/node-api" ]; then
    duck_skip="DuckDB is not installed in bench/out/duckdb (install it with bench/duckdb-setup.sh)"
else
    duck=1
fi

printf '%-16s %8s %8s %8s\n' command wall_s cpu_s rss_MB
if [ -n "$duck" ]; then
    st=$(best "node-start-up" node "$top/bench/duckdb_peer.mjs" sql "SELECT 1") && {
        echo "$st" | awk '{ printf "%-16s %8s %8s %8s  (node + DuckDB load, a SELECT 1: part of each DuckDB time below)\n", $1, $2, $3, $4 }'
        node_cpu=$(echo "$st" | awk '{ print $3 }')
        node_wall=$(echo "$st" | awk '{ print $2 }')
    }
fi
for cmd in paired hls; do
    kind=$([ $cmd = paired ] && echo numeric || echo hls)
    f=$out/quest-$kind-$n.csv
    extra=$([ $cmd = paired ] && echo "--test both" || echo "")
    # shellcheck disable=SC2086
    fin=$(best "finsam-$cmd" "$bin" $cmd "$f" --quiet $extra) || { echo "$fin"; continue; }
    echo "$fin" | awk '{ printf "%-16s %8s %8s %8s\n", $1, $2, $3, $4 }'
    fc=$(echo "$fin" | awk '{ print $3 }')
    fw=$(echo "$fin" | awk '{ print $2 }')
    if /usr/bin/python3 -c 'import pandas' 2>/dev/null; then
        pd=$(best "pandas-$cmd" /usr/bin/python3 "$top/bench/quest_peer.py" $cmd "$f") && {
            echo "$pd" | awk '{ printf "%-16s %8s %8s %8s\n", $1, $2, $3, $4 }'
            echo "$pd $fc $fw" | awk '{ printf "  pandas / finsam: cpu %.2f, wall %.2f\n", $3 / $5, $2 / $6 }'
        }
    else
        echo "pandas-$cmd     skipped: python3-pandas is not installed"
    fi
    if [ -n "$duck" ]; then
        dd=$(best "duckdb-$cmd" node "$top/bench/duckdb_peer.mjs" $cmd "$f") && {
            echo "$dd" | awk '{ printf "%-16s %8s %8s %8s\n", $1, $2, $3, $4 }'
            echo "$dd $fc $node_cpu $fw $node_wall" | awk '{ printf "  duckdb / finsam: cpu %.2f (%.2f without node start-up), wall %.2f (%.2f)\n", $3 / $5, ($3 - $6) / $5, $2 / $7, ($2 - $8) / $7 }'
        }
    else
        echo "duckdb-$cmd     skipped: $duck_skip"
    fi
done
