sed -e "s/;/\t/g" data/exits-small.csv > export.csv
