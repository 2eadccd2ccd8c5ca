# the input, under another name, is untouched
cmp -s in.csv data/exits-small.csv || exit 1
cmp -s out.csv data/exits-small.csv || exit 1
