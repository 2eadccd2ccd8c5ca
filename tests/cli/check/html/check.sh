# check as an HTML page: the six warnings of the sample, one row each with its line, and
# the summary by kind with the unknown value; -o with text is refused (text and JSON go to
# standard output).
set -e
test "$(grep -c '^<tr><th scope="row">warning: ' check.html)" = 6
grep -q '<th scope="row">warning: samples/export.csv: Avslutsanledning: &quot;Avliden&quot; matches no exit-reason group</th><td>71</td>' check.html
grep -q '<caption>Summary: 400 rows in 1 file; 0 errors, 6 warnings</caption>' check.html
grep -q '<tr class="detail"><th scope="row">&quot;Avliden&quot;</th><td>2</td></tr>' check.html
if "$FINSAM_STATS" check samples/export.csv -o check.txt 2>err.txt; then exit 1; fi
grep -q -- '-o is for its HTML page' err.txt
test ! -e check.txt
