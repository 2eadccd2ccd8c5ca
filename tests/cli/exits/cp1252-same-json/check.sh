set -e
head -c 3 utf8/export.csv | od -An -tx1 | grep -q 'ef bb bf' || { echo "utf8 sample has no BOM"; exit 1; }
if head -c 3 cp1252/export.csv | od -An -tx1 | grep -q 'ef bb bf'; then echo "cp1252 has a BOM"; exit 1; fi
(cd cp1252 && "$FINSAM_STATS" exits export.csv --format json --quiet > ../cp.json)
(cd utf8 && "$FINSAM_STATS" exits export.csv --format json --quiet > ../u8.json)
cmp u8.json cp.json || { diff u8.json cp.json; exit 1; }
grep -q '"label": "Övrigt"' u8.json
