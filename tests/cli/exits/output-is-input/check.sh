# the input is untouched
cmp -s self.csv data/exits-small.csv || exit 1
[ "$(ls | grep -c "^self")" = 1 ] || { ls; exit 1; }
