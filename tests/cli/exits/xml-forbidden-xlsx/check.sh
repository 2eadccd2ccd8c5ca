# Every XML part of the workbook is well-formed (xmllint), holds U+FFFD where the data had
# U+FFFE or U+FFFF, and a real spreadsheet program (Gnumeric's ssconvert) reads it.
set -e
mkdir x && (cd x && unzip -q ../report.xlsx)
for f in $(find x -name '*.xml' -o -name '*.rels'); do
    python3 -c 'import sys, xml.dom.minidom; xml.dom.minidom.parse(sys.argv[1])' "$f" ||
        { echo "not well-formed: $f"; exit 1; }
done
if grep -rl "$(printf '\357\277\276')" x || grep -rl "$(printf '\357\277\277')" x; then
    echo "forbidden character written"; exit 1
fi
grep -q "Steg$(printf '\357\277\275')et" x/xl/sharedStrings.xml || { echo "no U+FFFD"; exit 1; }
grep -q "Steg$(printf '\357\277\275')et" x/docProps/core.xml || { echo "title"; exit 1; }
ssconvert --export-type=Gnumeric_stf:stf_csv report.xlsx cells.csv >/dev/null 2>&1
grep -q "Avliden$(printf '\357\277\275')" cells.csv || { echo "row not read back"; cat cells.csv; exit 1; }
