sed -e "s/;/,/g" data/exits-small.csv > export.csv
