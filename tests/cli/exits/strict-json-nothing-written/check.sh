# yesterday's report is untouched and no temporary file is left behind
[ "$(cat report.json)" = '{"yesterday": true}' ] || { echo "report.json was clobbered"; exit 1; }
[ -z "$(ls | grep 'report.json.')" ] || { echo "temporary file left: $(ls)"; exit 1; }
