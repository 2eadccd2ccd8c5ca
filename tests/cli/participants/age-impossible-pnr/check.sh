# Age from the personnummer when there is no Födelseår column: 1985-03-12 is 39 at the end
# of 2024H1, 1950 (a bad check digit, but a real date) is 74; 1985-02-30 does not exist and
# gives no age: "Uppgift saknas", not a band.
set -e
grep -q '^30-39,1,50,0,0,1,' actual.stdout
grep -q '^65+,0,0,1,100,1,' actual.stdout
grep -q '^Uppgift saknas,1,50,0,0,1,' actual.stdout
