# the link stays a link; its target is replaced (as sed -i --follow-symlinks does) and keeps
# its mode; no temporary file is left in either directory
[ -L report.csv ] || { echo "the link was replaced"; exit 1; }
[ "$(readlink report.csv)" = reports/2024.csv ] || exit 1
grep -q Arbete reports/2024.csv || exit 1
[ "$(stat -c %a reports/2024.csv)" = 640 ] || exit 1
[ "$(ls reports)" = 2024.csv ] || { ls reports; exit 1; }
[ "$(ls | grep -c "^report")" = 2 ] || { ls; exit 1; }
