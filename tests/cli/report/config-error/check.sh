test ! -e r.xlsx || { echo "a report written"; exit 1; }
