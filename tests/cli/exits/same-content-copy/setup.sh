cp data/exits-small.csv copy.csv
