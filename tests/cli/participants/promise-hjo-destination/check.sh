# "Dessa 18 deltagare har gått vidare till: arbetsträning 4, Cresco Creare 2, tillbaka till
# uppdragsgivare 8, studier 2, sjukdom 2, LSS 1": 19 values of 18 persons (one has two).
set -e
for row in 'Arbetsträning 4' 'Cresco Creare 2' 'Tillbaka till uppdragsgivare 8' 'Studier 2' \
           'Sjukdom 2' 'LSS 1' 'Deltagare 18'; do
    label=${row% *}; n=${row##* }
    grep -Eq "^$label +[0-9]+ +[0-9]+ +[0-9]+ +[0-9]+ +$n " actual.stdout || { echo "$row"; exit 1; }
done
