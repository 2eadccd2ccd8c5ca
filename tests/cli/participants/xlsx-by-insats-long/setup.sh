# the test export with long insats names: A (15 characters) and B (13, a non-ASCII one cut)
sed -e 's/;A;/;Arbetsnära stöd;/' -e 's/;B;/;Steget framåt;/' data/participants/export.csv > export.csv
