# an export whose file name is a personnummer written with a space
cp data/exits-small.csv '730415 2389.csv'
