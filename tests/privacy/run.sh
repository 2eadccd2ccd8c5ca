#!/bin/sh
# tests/privacy/run.sh BINARY SAMPLES_DIR
#
# The privacy test of every output: personnummer are planted in every spelling the
# recogniser knows (12 and 10 digits, '-', '+', space, " - ", '.', en dash, no-break space,
# samordningsnummer, inside a longer text) in every column of an export, in its headers (a
# column named in [columns] and one named by [column "HEADER"]), in questionnaire ids, item
# headers and answers, in file and directory names, and in arguments. Every command runs
# in every format it has (text, csv rfc4180 and excel-sv, json, xlsx); each xlsx is
# unzipped. Then every byte of every output -- standard output, standard error, each file
# and each part of each workbook -- is searched for each planted number, with the
# separators taken out: no hit may remain. The runs that should succeed must succeed (so
# that the test looks at real tables, not at usage errors).
set -u
bin=$1
samples=$2
cases=$(cd "$(dirname "$0")/../cli" && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/fs-privacy.XXXXXX") || exit 1
trap 'rm -rf "$work"' EXIT
cd "$work" || exit 1
export LC_ALL=C TZ=UTC SOURCE_DATE_EPOCH=1719792000
unset FINSAM_CONFIG

EN=$(printf '\342\200\223')   # en dash
NB=$(printf '\302\240')       # no-break space

# pnr N SPELLING: planted number N (1..) in spelling SPELLING (1..14). The numbers are
# made up (no check digit is right), their dates plausible; each has its own digits.
pnr() {
    awk -v i="$1" -v k="$2" -v en="$EN" -v nb="$NB" 'BEGIN {
        yy = 31 + (i * 7) % 45; mm = 1 + (i * 5) % 12; dd = 3 + (i * 11) % 25
        serial = 2000 + (i * 389) % 7000
        if (k == 14) dd += 60   # samordningsnummer
        d6 = sprintf("%02d%02d%02d", yy, mm, dd); d8 = "19" d6; n = sprintf("%04d", serial)
        if (k == 1) s = d8 "-" n;       else if (k == 2) s = d8 n
        else if (k == 3) s = d6 "-" n;  else if (k == 4) s = d6 n
        else if (k == 5) s = d6 "+" n;  else if (k == 6) s = d6 " " n
        else if (k == 7) s = d8 " " n;  else if (k == 8) s = d6 en n
        else if (k == 9) s = d8 en n;   else if (k == 10) s = d8 "." n
        else if (k == 11) s = d6 "." n; else if (k == 12) s = d6 " - " n
        else if (k == 13) s = d6 nb n;  else s = d8 "-" n
        printf "%s", s
    }'
}
# the first eight digits of number N without century (YYMMDDNN): what a leak shows,
# whatever its spelling; day + 60 for the samordningsnummer spelling
core() {
    awk -v i="$1" -v k="$2" 'BEGIN {
        yy = 31 + (i * 7) % 45; mm = 1 + (i * 5) % 12; dd = 3 + (i * 11) % 25
        serial = 2000 + (i * 389) % 7000
        if (k == 14) dd += 60
        printf "%02d%02d%02d%02d\n", yy, mm, dd, int(serial / 100)
    }'
}
planted=$work/planted.txt
: >"$planted"
# P N K: number N in spelling K, remembered for the search
P() {
    core "$1" "$2" >>"$planted"
    pnr "$1" "$2"
}

# ---- the export: a number in every column, two headers that are numbers ----
hdr_kommun=$(P 1 7)     # [columns] municipality = this header
hdr_extra=$(P 2 8)      # [column "HEADER"] and --breakdown column:HEADER
mkdir "$(P 3 6)"        # a directory named by a number
export_file="$(pnr 3 6)/$(P 4 1).csv"
{
    printf 'Deltagar-ID;Personnummer;Kön;Födelseår;Insats;Inskrivningsdatum;Avslutsdatum;'
    printf 'Avslutsanledning;Försörjning vid inskrivning;Försörjning vid avslut;Remittent;'
    printf 'Målgrupp;%s;%s\n' "$hdr_kommun" "$hdr_extra"
    n=10
    for k in 1 2 3 4 5 6 7 8 9 10 11 12 13 14; do
        # every column of row k holds a number in spelling k (dates only in rows of their own)
        printf '%s;%s;Kvinna;1980;%s;2024-01-1%d;2024-03-0%d;%s;%s;%s;%s;Unga|%s;%s;%s\n' \
            "$(P $n $k)" "$(P $((n + 1)) $k)" "$(P $((n + 2)) $k)" $((k % 10)) $((k % 9 + 1)) \
            "$(P $((n + 3)) $k)" "$(P $((n + 4)) $k)" "$(P $((n + 5)) $k)" "$(P $((n + 6)) $k)" \
            "$(P $((n + 7)) $k)" "$(P $((n + 8)) $k)" "$(P $((n + 9)) $k)"
        printf '%s;;%s;%s;Steget;%s;%s;Arbete;Lön;Lön;FK;Unga;Varberg;x\n' "$(P $((n + 10)) $k)" \
            "$(P $((n + 11)) $k)" "$(P $((n + 12)) $k)" "$(P $((n + 13)) $k)" "$(P $((n + 14)) $k)"
        printf 'Avliden %s;;Man;1970;Steget;2024-02-01;2024-04-01;Avliden %s enligt FK;;;;;;\n' \
            "$(P $((n + 15)) $k)" "$(P $((n + 16)) $k)"
        n=$((n + 20))
    done
} >"$export_file"
cat >finsam.ini <<INI
[columns]
municipality = $hdr_kommun
[column "$hdr_extra"]
$(P 400 1) = Grupp A
INI
# the same config with the configured header absent from the file: warned by name
sed "s/^municipality = .*/municipality = $(P 401 9)/" finsam.ini >absent.ini

# ---- questionnaires: ids, item headers and answers that are numbers ----
quest_start="$(P 500 2).csv"
quest_exit="$(P 501 10).csv"
item=$(P 502 3)
{
    printf 'Deltagar-ID;Kön;Sömn;%s\n' "$item"
    for k in 1 2 3 4 5 6 7 8 9 10 11 12 13 14; do printf '%s;Kvinna;%d;%d\n' "$(P $((600 + k)) $k)" $((k % 5 + 1)) $((k % 4 + 2)); done
} >"$quest_start"
{
    printf 'Deltagar-ID;Kön;Sömn;%s\n' "$item"
    for k in 1 2 3 4 5 6 7 8 9 10 11 12 13 14; do printf '%s;Kvinna;%d;%d\n' "$(pnr $((600 + k)) $k)" $((k % 3 + 2)) $((k % 5 + 1)); done
} >"$quest_exit"
# an answer that is a number: an error naming the line and column, never the value
{ cat "$quest_start"; printf 'X99;Man;%s;3\n' "$(P 503 13)"; } >answer.csv
# long form, with ids that are numbers and a Tillfälle column
long="$(P 504 5).csv"
{
    printf 'Deltagar-ID;Tillfälle;Sömn;%s\n' "$item"
    for k in 1 2 3 4 5 6 7 8 9 10 11 12 13 14; do
        printf '%s;Start;%d;2\n%s;Avslut;%d;4\n' "$(P $((700 + k)) $k)" $((k % 5 + 1)) "$(pnr $((700 + k)) $k)" $((k % 3 + 2))
    done
} >"$long"
# hls, ogq, barometer: the samples with every id replaced by a number
ids() { # FILE OUT BASE: Dnnnn -> number BASE+nnnn in spelling nnnn % 14 + 1
    awk -F';' -v OFS=';' 'NR == 1 { print; next } { print }' "$1" >"$2.tmp"
    : >"$2"
    while IFS= read -r line; do
        case $line in
        D[0-9][0-9][0-9][0-9]\;*)
            num=${line%%;*}; num=${num#D}; num=$(echo "$num" | sed 's/^0*//'); num=${num:-0}
            printf '%s;%s\n' "$(P $(($3 + num)) $((num % 14 + 1)))" "${line#*;}" >>"$2" ;;
        *) printf '%s\n' "$line" >>"$2" ;;
        esac
    done <"$2.tmp"
    rm -f "$2.tmp"
}
ids "$samples/hls-q16.csv" "$(pnr 800 4).csv" 1000
ids "$samples/ogq-start.csv" ogq-start.csv 2000
ids "$samples/ogq-avslut.csv" ogq-avslut.csv 2000
ids "$samples/barometer.csv" "$(pnr 801 11).csv" 3000
core 800 4 >>"$planted"
core 801 11 >>"$planted"
# eq5d and kasam: the hand-scored cases with ids A, B, ... replaced by numbers
letters() { # FILE OUT BASE
    awk -F';' -v OFS=';' 'NR == 1 { print; next } { print }' "$1" | {
        IFS= read -r header
        printf '%s\n' "$header"
        while IFS= read -r line; do
            id=${line%%;*}
            n=$(printf '%s' "$id" | od -An -tu1 | awk '{ s = 0; for (i = 1; i <= NF; i++) s += $i; print s }')
            printf '%s;%s\n' "$(P $(($3 + n)) $((n % 14 + 1)))" "${line#*;}"
        done
    } >"$2"
}
letters "$cases/eq5d/hand-scored/eq5d.csv" eq5d.csv 4000
letters "$cases/kasam/hand-scored/kasam.csv" kasam.csv 5000
# survey: a question headed by a number; answers that are numbers (refused, by line and
# column) in a file of their own
{
    printf 'Datum;Kön;%s;Fråga\n' "$(P 802 1)"
    for k in 1 2 3 4 5 6 7 8 9 10 11 12 13 14; do
        printf '2024-0%d-1%d;Kvinna;Ja;Instämmer helt\n' $((k % 9 + 1)) $((k % 9))
    done
} >survey.csv
{
    printf 'Datum;Kön;Fråga\n'
    for k in 1 2 3 4 5 6 7 8 9 10 11 12 13 14; do
        printf '2024-0%d-1%d;Kvinna;%s\n' $((k % 9 + 1)) $((k % 9)) "$(P $((820 + k)) $k)"
    done
} >survey-answers.csv
sort -u "$planted" -o "$planted"

# ---- every command in every format ----
n_run=0
failed=0
# run EXPECTED-STATUS NAME ARGS...: runs the program, keeps stdout and stderr
run() {
    want=$1 name=$2
    shift 2
    n_run=$((n_run + 1))
    "$bin" "$@" >"out/$n_run-$name.stdout" 2>"out/$n_run-$name.stderr"
    st=$?
    if [ "$st" != "$want" ]; then
        echo "run $n_run ($name): status $st, expected $want: $*"
        head -n 3 "out/$n_run-$name.stderr"
        failed=1
    fi
}
mkdir out
fmts="text csv json md html"
for cmd in exits participants; do
    more="--detail"
    [ $cmd = participants ] && more="--all --of all"
    for f in $fmts; do
        # shellcheck disable=SC2086
        run 0 $cmd-$f $cmd "$export_file" --config finsam.ini --period 2024 --by insats $more \
            --format $f --as-of 2024-12-31
        run 0 $cmd-$f-sv $cmd "$export_file" --config finsam.ini --period 2024 --format $f \
            --csv-dialect excel-sv --count persons --as-of 2024-12-31
        run 0 $cmd-absent-$f $cmd "$export_file" --config absent.ini --period 2024 --format $f
    done
    # shellcheck disable=SC2086
    run 0 $cmd-xlsx $cmd "$export_file" --config finsam.ini --period 2024 --by insats $more \
        -o "out/$cmd-$(pnr 900 1).xlsx"
    run 1 $cmd-strict $cmd "$export_file" --config finsam.ini --period 2024 --strict
    run 1 $cmd-missing $cmd "$(P 901 6).csv" --period 2024
    run 2 $cmd-bad-period $cmd "$export_file" --period "$(P 902 4)"
    run 2 $cmd-bad-insats $cmd "$export_file" --period 2024 --by "$(P 903 1)"
done
core 900 1 >>"$planted"
for f in $fmts; do
    run 0 participants-all-$f participants "$export_file" --config finsam.ini --period 2024 --all \
        --breakdown "column:$hdr_extra" --format $f --as-of 2024-12-31
done
run 0 participants-all-xlsx participants "$export_file" --config finsam.ini --period 2024 --all \
    --breakdown "column:$hdr_extra" --by insats -o out/all.xlsx
for f in xlsx json md txt csv html; do
    run 0 report-$f report "$export_file" --config finsam.ini --period 2024H1 --trend 2023..2024 \
        --compare last-year --as-of 2024-12-31 -o "out/report-$(pnr 906 7).$f"
done
core 906 7 >>"$planted"
run 1 check-text check "$export_file" --config finsam.ini --as-of 2024-12-31
run 1 check-json check "$export_file" --config finsam.ini --as-of 2024-12-31 --format json
run 1 check-absent check "$export_file" --config absent.ini
for f in $fmts; do
    run 0 paired-two-$f paired "$quest_start" "$quest_exit" --format $f
    run 0 paired-long-$f paired "$long" --format $f
    run 0 hls-$f hls "$(pnr 800 4).csv" --format $f
    run 0 ogq-$f ogq ogq-start.csv ogq-avslut.csv --format $f
    run 0 barometer-$f barometer "$(pnr 801 11).csv" --format $f
done
for f in $fmts; do
    run 0 eq5d-$f eq5d eq5d.csv --format $f
    run 0 kasam-$f kasam kasam.csv --format $f
    run 0 survey-$f survey survey.csv --by year --format $f
done
run 0 eq5d-xlsx eq5d eq5d.csv -o out/eq5d.xlsx
run 0 kasam-xlsx kasam kasam.csv -o out/kasam.xlsx
run 0 survey-xlsx survey survey.csv -o out/survey.xlsx
run 1 survey-answers survey survey-answers.csv
run 0 paired-xlsx paired "$quest_start" "$quest_exit" -o out/paired.xlsx
run 0 paired-long-xlsx paired "$long" -o out/paired-long.xlsx
run 0 hls-xlsx hls "$(pnr 800 4).csv" -o out/hls.xlsx
run 0 ogq-xlsx ogq ogq-start.csv ogq-avslut.csv -o out/ogq.xlsx
run 0 barometer-xlsx barometer "$(pnr 801 11).csv" -o out/barometer.xlsx
run 1 paired-answer paired answer.csv "$quest_exit"
run 1 paired-participants paired "$quest_start" "$quest_exit" --participants "$export_file"
run 1 paired-items paired "$quest_start" "$quest_exit" --items "$(P 904 8)"
run 2 no-command "$(P 907 3)"
run 2 signtest-arg signtest --worse "$(P 905 2)" --better 4
for f in text csv json; do run 0 signtest-$f signtest --worse 3 --unchanged 5 --better 12 --format $f; done

# ---- every byte of every output ----
for x in out/*.xlsx; do
    d=$x.parts
    mkdir "$d" && (cd "$d" && unzip -q "../$(basename "$x")") || { echo "$x: not a zip"; failed=1; }
done
# the separators out: the bytes of "- + . _", space, TAB, en dash, no-break space (the
# names of the output files are the test's own: the -o names are numbers on purpose, for
# the messages that would name them)
hits=$(find out -type f ! -name '*.xlsx' | while IFS= read -r file; do
    sed -e "s/$EN//g" -e "s/$NB//g" "$file" | tr -d ' \t+._-' | grep -o -F -f "$planted" |
        sed "s|^|$file: |"
done)
outputs=$(find out -type f | wc -l)
if [ -n "$hits" ]; then
    echo "$hits" | head -n 40
    echo "privacy: $(echo "$hits" | wc -l) personnummer found in $outputs outputs of $n_run runs"
    failed=1
else
    echo "privacy: 0 personnummer in $outputs outputs of $n_run runs ($(wc -l <"$planted") numbers planted)"
fi
exit $failed
