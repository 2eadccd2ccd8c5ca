# --refresh with a CSV output is a usage error, and no file is written.
test ! -e avslut.csv
