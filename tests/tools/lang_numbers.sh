#!/bin/sh
# lang_numbers.sh FINSAM_STATS SAMPLES_DIR: every command's text output in Swedish has no
# decimal point in a number (46,5, not 46.5) and in English no decimal comma (46.5, and
# 12 345 for thousands, never 12,345). A "number" here is digits on both sides of the mark.
set -u
bin=$1
S=$2
T=$(cd "$(dirname "$0")/.." && pwd) # tests/: the questionnaire cases
bad=0
check() { # check LANG ARGS...
    lang=$1
    shift
    out=$("$bin" "$@" --lang "$lang" --quiet 2>&1) || { echo "failed: $* --lang $lang"; bad=1; return; }
    if [ "$lang" = sv ]; then pat='[0-9]\.[0-9]'; else pat='[0-9],[0-9]'; fi
    # dates and periods (2024-01-01) have no such marks, nor has the version (finsam-stats
    # 0.1.0) in "Om rapporten"; anything else is a number, but an
    # R call quoted as the method ("R: binom.test(21, 30, 0.5)") is code, in R's notation
    hits=$(printf '%s\n' "$out" | sed -E 's/R: [a-z.]+\([^)]*\)//g' | grep -E "$pat" |
           grep -vE '^(Källa|Source):' | grep -v 'finsam-stats [0-9]')
    if [ -n "$hits" ]; then
        echo "--lang $lang: $*:"
        printf '%s\n' "$hits" | head -5
        bad=1
    fi
}
for lang in sv en; do
    check $lang exits "$S/export.csv" --period 2024H1 --decimals 1
    check $lang exits "$S/export.csv" --period 2024 --by insats --detail
    check $lang participants "$S/export.csv" --period 2024 --all --decimals 2
    check $lang participants "$S/export.csv" --period 2024 --all --count persons --by insats
    check $lang hls "$S/hls-q16.csv"
    check $lang hls "$S/hls-q16.csv" --participants "$S/export.csv"
    check $lang ogq "$S/ogq-start.csv" "$S/ogq-avslut.csv"
    check $lang barometer "$S/barometer.csv" --participants "$S/export.csv"
    check $lang paired "$S/barometer.csv"
    check $lang signtest --worse 9 --better 21 --unchanged 66
    check $lang signtest --worse 1 --better 2000 --unchanged 66
    check $lang report "$S/export.csv" --period 2024H1 --config "$S/finsam.ini" --format text
    check $lang report "$S/export.csv" --period 2024 --trend 2023H1..2024H2 --format text
    check $lang survey "$T/cli/survey/two-years/exit-survey.csv" --by year
    check $lang eq5d "$T/cli/eq5d/hand-scored-json/eq5d.csv" \
        --value-set "$T/cli/eq5d/hand-scored-json/value-set.csv"
    check $lang kasam "$T/cli/kasam/max-missing-json/kasam.csv" \
        --config "$T/cli/kasam/max-missing-json/kasam.ini"
done
[ "$bad" = 0 ] && echo "no decimal point in Swedish, no decimal comma in English"
exit $bad
