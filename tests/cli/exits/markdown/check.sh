# The Markdown is a table to a Markdown parser (cmark-gfm, GitHub's, with its table
# extension): one <table> with a header cell per column and a row per table row, the notes
# a list, nothing of the data read as markup.
set -e
cmark-gfm -e table actual.stdout > page.html
[ "$(grep -c '<table>' page.html)" = 1 ] || { echo "not one table"; cat page.html; exit 1; }
[ "$(grep -c '<th[ >]' page.html)" = 9 ] || { echo "header cells"; exit 1; }
[ "$(grep -c '<tr>' page.html)" = 10 ] || { echo "rows (header + 9)"; exit 1; }
grep -q '<td align="right">38</td>' page.html || { echo "a share cell"; exit 1; }
[ "$(grep -c '<li>' page.html)" -ge 5 ] || { echo "notes"; exit 1; }
