# big.csv: 52 MB (over the 50 MB from which a progress line is shown), 420,000 rows
awk 'BEGIN {
    print "Deltagar-ID;Kön;Inskrivningsdatum;Avslutsdatum;Avslutsanledning;Kommentar"
    pad = sprintf("%80s", ""); gsub(/ /, "x", pad)
    for (i = 0; i < 420000; i++)
        printf "D%06d;%s;2024-01-10;2024-03-01;Arbete;%s\n", i, i % 2 ? "Man" : "Kvinna", pad
}' >big.csv
