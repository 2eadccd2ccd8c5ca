#!/bin/sh
# bench/quest-headers.sh [BUILD_DIR] [N]   (defaults: build/ of this tree, 100000)
#
# Times `finsam-stats paired` on questionnaires with very many item columns, the case where
# header matching and key de-duplication must stay linear in the number of columns:
#   identical  one long-form file: Deltagar-ID;Tillfälle then N items all headed "Fråga"
#              (every item key needs a suffix: fraga, fraga_2, ..., fraga_N)
#   two-files  a start and an exit file of N distinct item headers each, the exit file's
#              in reverse order (every exit column is matched to a start item by header)
# Each file has 2 participants answering at start and at exit, so the run includes a sign
# test per item and a table of N rows. The "headers" rows isolate the header work: the
# identical file cut to its header line, and the start file with the exit file cut to its
# header line; finsam-stats reads and matches the headers, finds no answers in the last
# file and exits with status 1 ("no answers").
# Builds nothing; generates the files in bench/out/ (git-ignored) unless they exist. Prints,
# per case, the items, the size of the files, wall-clock and CPU (user + system) seconds and
# peak RSS as reported by /usr/bin/time -f '%e %U %S %M' (Debian package "time"), best of
# RUNS (default 3) runs.
set -u

bench_dir=$(cd "$(dirname "$0")" && pwd)
build_dir=${1:-$(dirname "$bench_dir")/build}
n=${2:-100000}
bin=$build_dir/finsam-stats
out_dir=$bench_dir/out
TIME=/usr/bin/time
RUNS=${RUNS:-3}

case $n in
    '' | *[!0-9]*) echo "quest-headers.sh: N must be a positive whole number, got '$n'" >&2; exit 2 ;;
esac
if [ "$n" -eq 0 ]; then echo "quest-headers.sh: N must be at least 1" >&2; exit 2; fi
if [ ! -x "$TIME" ]; then
    echo "quest-headers.sh: $TIME is missing (Debian/Ubuntu: apt-get install time)" >&2
    exit 2
fi
if [ ! -x "$bin" ]; then
    echo "quest-headers.sh: $bin is missing; build first" >&2
    exit 2
fi
mkdir -p "$out_dir" || exit 1

# gen FILE AWK-PROGRAM: writes FILE unless it exists
gen() {
    [ -s "$1" ] && return 0
    LC_ALL=C awk -v n="$n" "$2" >"$1.tmp" && mv "$1.tmp" "$1"
}
same=$out_dir/quest-identical-$n.csv
start=$out_dir/quest-start-$n.csv
exit_=$out_dir/quest-exit-$n.csv
gen "$same" 'BEGIN {
    printf "Deltagar-ID;Tillfälle"; for (i = 1; i <= n; i++) printf ";Fråga"; print ""
    split("A Start|A Avslut|B Start|B Avslut", r, "|")
    for (k = 1; k <= 4; k++) {
        split(r[k], f, " "); printf "%s;%s", f[1], f[2]
        for (i = 1; i <= n; i++) printf ";%d", (i + k) % 5 + 1
        print ""
    }
}' || exit 1
gen "$start" 'BEGIN {
    printf "Deltagar-ID"; for (i = 1; i <= n; i++) printf ";Fråga %d", i; print ""
    for (k = 1; k <= 2; k++) {
        printf "P%d", k; for (i = 1; i <= n; i++) printf ";%d", (i + k) % 5 + 1; print ""
    }
}' || exit 1
gen "$exit_" 'BEGIN {
    printf "Deltagar-ID"; for (i = n; i >= 1; i--) printf ";Fråga %d", i; print ""
    for (k = 1; k <= 2; k++) {
        printf "P%d", k; for (i = n; i >= 1; i--) printf ";%d", (i * k) % 5 + 1; print ""
    }
}' || exit 1
for f in "$same" "$exit_"; do
    h=${f%.csv}-header.csv
    [ -s "$h" ] || head -n 1 "$f" >"$h" || exit 1
done

tmp=$(mktemp -d "${TMPDIR:-/tmp}/fs-bench.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT INT TERM

# run NAME STATUS FILE...: best of RUNS; STATUS is the exit status expected
run() {
    name=$1
    want=$2
    shift 2
    best=
    i=0
    while [ "$i" -lt "$RUNS" ]; do
        i=$((i + 1))
        "$TIME" -f '%e %U %S %M' -o "$tmp/time" "$bin" paired "$@" >/dev/null 2>"$tmp/err"
        st=$?
        if [ "$st" != "$want" ]; then
            printf '%-18s failed (status %s): %s\n' "$name" "$st" "$(head -n 1 "$tmp/err")"
            return
        fi
        tail -n 1 "$tmp/time" >"$tmp/t" && mv "$tmp/t" "$tmp/time" # after "Command exited ..."
        read -r secs usr sys kib <"$tmp/time"
        line=$(awk -v s="$secs" -v u="$usr" -v y="$sys" -v k="$kib" \
            'BEGIN { printf "%.2f %.2f %.1f", s, u + y, k * 1024 / 1e6 }')
        if [ -z "$best" ] || [ "$(echo "$line $best" | awk '{ print ($2 < $5) }')" = 1 ]; then
            best=$line
        fi
    done
    bytes=0
    for f in "$@"; do bytes=$((bytes + $(wc -c <"$f"))); done
    echo "$best" | awk -v name="$name" -v n="$n" -v b="$bytes" \
        '{ printf "%-18s %8d %9.1f %9.2f %9.2f %10.1f\n", name, n, b / 1e6, $1, $2, $3 }'
}

printf '%-18s %8s %9s %9s %9s %10s\n' case items "MB" "wall s" "CPU s" "peak MB"
run identical 0 "$same"
run two-files 0 "$start" "$exit_"
run "identical headers" 1 "${same%.csv}-header.csv"
run "two-files headers" 1 "$start" "${exit_%.csv}-header.csv"
