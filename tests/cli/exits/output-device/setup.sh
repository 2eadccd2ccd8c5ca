# a character device (1,3 is /dev/null) made here; without the right to make one, a link
# to /dev/null (followed, so the same refusal)
mknod report.csv c 1 3 2>/dev/null || ln -s /dev/null report.csv
