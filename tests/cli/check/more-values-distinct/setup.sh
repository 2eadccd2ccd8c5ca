# small.csv: one unknown referrer in three rows (listed once, with its count 3).
# many.csv: 1,005 distinct unknown referrers, each in three rows: 1,000 are listed, and the
# summary says "(5 more values)", not 15 (rows).
printf 'Inskrivningsdatum;Avslutsdatum;Avslutsanledning;Remittent\n' >small.csv
for i in 1 2 3; do printf '2024-01-0%s;;;Skolan\n' "$i" >>small.csv; done
awk 'BEGIN {
    print "Inskrivningsdatum;Avslutsdatum;Avslutsanledning;Remittent"
    for (k = 1; k <= 3; k++) for (i = 1; i <= 1005; i++) printf "2024-01-01;;;R%04d\n", i
}' >many.csv
