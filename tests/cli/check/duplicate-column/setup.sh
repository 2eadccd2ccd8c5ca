# Kön stands twice (as "Kön" and "kön"): which one holds the sex is not clear; an unused
# column ("Kommentar") twice is no problem
{
    printf 'Deltagar-ID;Kön;Kommentar;Inskrivningsdatum;Avslutsdatum;Avslutsanledning;kön;Kommentar\n'
    printf 'A1;Kvinna;x;2024-01-10;2024-03-01;Arbete;Man;y\n'
} >export.csv
