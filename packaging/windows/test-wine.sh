#!/bin/sh
# packaging/windows/test-wine.sh [EXE]: the command tests against finsam-stats.exe under
# Debian's wine64.
#
# Every case of tests/cli/<command>/<case>/ runs through the same tests/cli/run_case.sh that
# ctest uses for the Linux build, with the .exe in place of build/finsam-stats. A case passes
# when standard output, standard error and the exit status are byte for byte the expected
# ones, which are what the Linux build prints (ctest holds it to them), and when its
# check.sh passes (some read workbooks back with Gnumeric's ssconvert). The cases include a
# file name with å, ä and ö (exits/file-names-utf8), Windows-1252 exports (check/clean;
# exits/cp1252-same-json, the same tables as from the UTF-8 export) and reports written
# over existing ones (exits/overwrite-report).
#
# Then workbooks by content: every case whose command writes an .xlsx is run once more by
# the Linux build (build/finsam-stats, or FS_LINUX_BINARY) and by the .exe, and each part of
# the two workbooks (the sheets, shared strings, styles, charts) must be the same bytes;
# only the creation and change times are left out, for the cases that do not fix them.
#
# Skipped, with the reason (SKIP below):
#   check/hostile-json  its check.sh passes the file name "x\351.csv" (the byte 0xE9, not
#                       UTF-8) and greps the JSON for it written as "x\ufffd.csv". A Windows
#                       program receives its command line in UTF-16, so no such byte can
#                       reach it: Wine hands the .exe U+FFFD itself, which the JSON writer
#                       prints as the character (valid JSON, the same text, another
#                       spelling). The case's other checks pass under Wine.
#   the -o cases of POSIX's file model (symbolic links, FIFOs and devices, a hard link to
#   an input, permission bits and owner), a control character in a file name (Windows
#   refuses it) and the progress line on a pseudo-terminal: each with its reason below.
#
# Default EXE: build-win/finsam-stats.exe. Prints one line per failed or skipped check and
# a closing "wine: N passed, N failed, N skipped" (the cases and the workbook comparisons);
# exits 1 when one failed.
set -u
cd "$(dirname "$0")/../.." || exit 1
top=$(pwd)
exe=${1:-build-win/finsam-stats.exe}
case $exe in /*) ;; *) exe=$top/$exe ;; esac
[ -f "$exe" ] || { echo "test-wine.sh: no $exe (run packaging/windows/build.sh)" >&2; exit 1; }

skip_reason() {
    case $1 in
        check/hostile-json) echo "a file name that is not UTF-8 cannot reach a Windows program" ;;
        exits/file-name-control) echo "Windows refuses control characters in file names" ;;
        exits/output-symlink | exits/output-dangling-symlink)
            echo "symbolic links are followed on POSIX only" ;;
        exits/output-device | exits/output-fifo) echo "no FIFOs or device files on Windows" ;;
        exits/output-hard-link-to-input)
            echo "no inode on Windows: an input is found by its full path, not through a hard link" ;;
        exits/output-keeps-mode) echo "POSIX permission bits and owner" ;;
        exits/same-file-hard-link)
            echo "no inode on Windows: a hard link is refused as the same content, in other words" ;;
        exits/progress-terminal) echo "needs a POSIX pseudo-terminal" ;;
        *) return 1 ;;
    esac
}

missing=""
for p in wine64 gnumeric unzip python3; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
if [ -n "$missing" ]; then
    echo "test-wine.sh: installing:$missing"
    sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    export DEBIAN_FRONTEND=noninteractive
    $sudo apt-get update -qq
    # shellcheck disable=SC2086
    $sudo apt-get install -y -qq --no-install-recommends $missing >/dev/null
fi

wine=/usr/lib/wine/wine64
wineserver=/usr/lib/wine/wineserver64
export WINEPREFIX="${FS_WINEPREFIX:-$(dirname "$exe")/wineprefix}"
export WINEDEBUG=-all
export WINEDLLOVERRIDES="mscoree,mshtml=" # no Mono or Gecko installer on a new prefix
work=$(mktemp -d "${TMPDIR:-/tmp}/fs-wine.XXXXXX")
trap '"$wineserver" -k 2>/dev/null; rm -rf "$work"' EXIT

# The program the cases run: the .exe under wine64. run_case.sh sets LC_ALL=C, and Wine
# turns the Unix command line and file names into UTF-16 with the Unix locale's character
# set: in the C locale "ä" would not survive the way in. Windows programs get UTF-16 from
# the system, so Wine is given UTF-8; the program itself still sees only its manifest's
# UTF-8 code page.
printf '#!/bin/sh\nLC_ALL=C.UTF-8 exec "%s" "%s" "$@"\n' "$wine" "$exe" >"$work/finsam-stats"
chmod +x "$work/finsam-stats"

# One persistent wineserver for the whole run, started before any Windows program (once
# one runs, "wineserver -p" fails and the server quits 3 s after its last client: a case
# that starts then gets "recvmsg: Connection reset by peer"). Then the prefix, which a new
# one announces on standard error, before the cases.
mkdir -p "$WINEPREFIX" # the server needs the folder; the first program fills it
"$wineserver" -k 2>/dev/null || true # one left from an interrupted run
"$wineserver" -p || { echo "test-wine.sh: cannot start a persistent wineserver" >&2; exit 1; }
"$wine" "$exe" --version >/dev/null 2>&1
"$work/finsam-stats" --version >"$work/version" 2>&1
echo "test-wine.sh: $(cat "$work/version") under $("$wine" --version) ($exe)"

pass=0 fail=0 skip=0 started=$(date +%s)
for dir in "$top"/tests/cli/*/*/; do
    dir=${dir%/}
    [ -f "$dir/args" ] || continue
    name=${dir#"$top"/tests/cli/}
    if reason=$(skip_reason "$name"); then
        echo "SKIP $name: $reason"
        skip=$((skip + 1))
        continue
    fi
    if sh "$top/tests/cli/run_case.sh" "$work/finsam-stats" "$dir" "$top/data-samples" \
        >"$work/out" 2>&1; then
        pass=$((pass + 1))
    else
        echo "FAIL $name"
        sed 's/^/    /' "$work/out"
        fail=$((fail + 1))
    fi
done

# Workbooks by content: each case that writes an .xlsx is run again by the Linux build and by
# the .exe, and the two workbooks must hold the same parts, byte for byte (the creation and
# change times aside where a case does not fix them with --created).
linux=${FS_LINUX_BINARY:-$top/build/finsam-stats}
export SAMPLES="$top/data-samples" TESTDATA="$top/tests/data"
run_in() { # run_in DIR PROGRAM CASE_DIR: the case's command in a fresh DIR, as run_case.sh does
    program=$2
    rm -rf "$1" && mkdir -p "$1" && cp -R "$3"/. "$1"/ && ln -s "$TESTDATA" "$1/data" &&
        ln -s "$SAMPLES" "$1/samples" &&
        (cd "$1" && { [ ! -f setup.sh ] || sh ./setup.sh; } && eval "set -- $(cat args)" &&
             LC_ALL=C TZ=UTC "$program" "$@" </dev/null >/dev/null 2>&1)
}
same_parts() { # same_parts A.xlsx B.xlsx
    [ "$(unzip -Z1 "$1" | sort)" = "$(unzip -Z1 "$2" | sort)" ] || { echo "different parts"; return 1; }
    for part in $(unzip -Z1 "$1"); do
        times='s/<dcterms:\(created\|modified\)[^<]*<\/dcterms:[a-z]*>//g'
        pattern=$(printf '%s' "$part" | sed 's/\[/[[]/g') # unzip reads [ ] as a wildcard
        unzip -p "$1" "$pattern" | sed "$times" >"$work/a"
        unzip -p "$2" "$pattern" | sed "$times" >"$work/b"
        [ -s "$work/a" ] || { echo "$part: empty or not read"; return 1; }
        cmp -s "$work/a" "$work/b" ||
            { echo "$part differs"; diff "$work/a" "$work/b" | head -n 4 | cut -c1-300; return 1; }
    done
}
if [ -x "$linux" ]; then
    for dir in "$top"/tests/cli/*/*/; do
        dir=${dir%/}
        grep -q '\.xlsx' "$dir/args" 2>/dev/null || continue
        name=${dir#"$top"/tests/cli/}
        run_in "$work/linux" "$linux" "$dir" || true
        run_in "$work/windows" "$work/finsam-stats" "$dir" || true
        books=$(cd "$work/linux" && ls ./*.xlsx 2>/dev/null || true)
        if [ "$books" != "$(cd "$work/windows" && ls ./*.xlsx 2>/dev/null || true)" ]; then
            echo "FAIL $name (xlsx): Linux wrote [$books], Windows [$(cd "$work/windows" && ls ./*.xlsx 2>/dev/null)]"
            fail=$((fail + 1))
            continue
        fi
        ok=1
        [ -n "$books" ] || [ -f "$dir/status" ] || { echo "FAIL $name (xlsx): no workbook written"; ok=0; }
        for b in $books; do
            same_parts "$work/linux/$b" "$work/windows/$b" >"$work/out" 2>&1 ||
                { echo "FAIL $name (xlsx): $b"; sed 's/^/    /' "$work/out"; ok=0; }
        done
        if [ $ok = 1 ]; then pass=$((pass + 1)); else fail=$((fail + 1)); fi
    done
else
    echo "FAIL no Linux build at $linux to compare workbooks with (run ./setup.sh)"
    fail=$((fail + 1))
fi

echo "test-wine.sh: $((pass + fail + skip)) checks (the cases, then the workbooks) in $(( $(date +%s) - started )) s"
echo "wine: $pass passed, $fail failed, $skip skipped"
[ "$fail" -eq 0 ]
