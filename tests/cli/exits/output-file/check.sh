# the format comes from the extension; the file is complete JSON; nothing else is left
grep -q '"command": "exits"' report.json || exit 1
tail -c 2 report.json | od -c | grep -q '}' || exit 1
[ "$(ls | grep -c '^report')" = 1 ] || { ls; exit 1; }
