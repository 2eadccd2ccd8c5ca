# "13 deltagare var sedan tidigare inskrivna från år 2019, 2020 och 2021": 1, 2 and 10.
set -e
grep -Eq '^2019 +1 +11 +0 +0 +1 ' actual.stdout
grep -Eq '^2020 +2 +22 +0 +0 +2 ' actual.stdout
grep -Eq '^2021 +6 +67 +4 +100 +10 ' actual.stdout
grep -Eq '^Totalt +9 +100 +4 +100 +13 ' actual.stdout
