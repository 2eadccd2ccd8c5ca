# The published Promise Hjo 2022 statements (data/promise-hjo/README.md): "av de 13
# [pågående vid start] remitterades 6 av kommunen, 6 av FK och en av båda"; "av de 11 nya
# var 9 kvinnor", FK 6, Kommun 5; "av dessa 18 [avslutade] är 9 remitterade från
# Försäkringskassan och 8 från kommunen, en person från både FK och kommunen".
set -e
grep -q '^Pågående vid periodens start        9         69    4         31      13        100$' actual.stdout
grep -q '^Nya under perioden                  9         82    2         18      11        100$' actual.stdout
grep -q '^Avslutade under perioden           13         72    5         28      18        100$' actual.stdout
sed -n '/^Remittent, pågående/,/^Totalt/p' actual.stdout > start.txt
grep -Eq '^Försäkringskassan +3 +33 +3 +75 +6 ' start.txt
grep -Eq '^Kommun +5 +56 +1 +25 +6 ' start.txt
grep -Eq '^FK/Kommun +1 +11 +0 +0 +1 ' start.txt
sed -n '/^Remittent, nya/,/^Totalt/p' actual.stdout > new.txt
grep -Eq '^Försäkringskassan +4 +44 +2 +100 +6 ' new.txt
grep -Eq '^Kommun +5 +56 +0 +0 +5 ' new.txt
sed -n '/^Remittent, avslutade/,/^Totalt/p' actual.stdout > ended.txt
grep -Eq '^Försäkringskassan +5 +38 +4 +80 +9 ' ended.txt
grep -Eq '^Kommun +7 +54 +1 +20 +8 ' ended.txt
grep -Eq '^FK/Kommun +1 +8 +0 +0 +1 ' ended.txt
