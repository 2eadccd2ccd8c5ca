echo '{"yesterday": true}' > report.json
