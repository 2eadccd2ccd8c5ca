# Kön and Kon, two accepted names of the sex column, and Deltagar-ID and Löpnummer, two of the
# id: the name listed first of each is read, and the other column is named as ignored (a
# warning), not dropped silently
{
    printf 'Löpnummer;Deltagar-ID;Kön;Kon;Inskrivningsdatum;Avslutsdatum;Avslutsanledning\n'
    printf '1;A1;Kvinna;Man;2024-01-10;2024-03-01;Arbete\n'
    printf '2;A2;Kvinna;Man;2024-02-10;2024-04-01;Arbete\n'
} >export.csv
