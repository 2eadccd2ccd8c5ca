cp data/exits-small.csv in.csv
ln in.csv out.csv
