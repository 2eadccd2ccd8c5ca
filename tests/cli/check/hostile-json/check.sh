# Windows-1252 input with quotes, backslashes, control characters, a CRLF inside a quoted
# field, a long value and "</script>": the JSON must parse. Then a file name that is not
# UTF-8 (it appears in "files" and in "file_errors"): still valid JSON.
set -e
bad=$(printf 'x\351.csv')
"$FINSAM_STATS" check --format json "$bad" >bad.json 2>/dev/null && { echo "missing file accepted"; exit 1; }
if command -v python3 >/dev/null 2>&1; then
    for f in actual.stdout bad.json; do
        python3 -c 'import json,sys; json.load(open(sys.argv[1], encoding="utf-8"))' "$f" ||
            { echo "$f is not valid JSON"; exit 1; }
    done
else
    # without python3: at least valid UTF-8 and no raw control character
    for f in actual.stdout bad.json; do
        iconv -f UTF-8 -t UTF-8 "$f" >/dev/null || { echo "$f is not UTF-8"; exit 1; }
        if tr -d '\n' <"$f" | LC_ALL=C grep -q '[[:cntrl:]]'; then echo "$f: control character"; exit 1; fi
    done
fi
# the byte that is not UTF-8 is written \xE9, as in data values (the JSON escapes the '\')
grep -qF '"files": ["x\\xE9.csv"]' bad.json || { echo "file name not escaped"; exit 1; }
