# Kön and Kon, two accepted names of the sex column, disagree: Kön is read (2 women, no
# men) and a warning names Kon as ignored; the id is not read by exits, so Löpnummer beside
# Deltagar-ID is no matter
{
    printf 'Löpnummer;Deltagar-ID;Kön;Kon;Inskrivningsdatum;Avslutsdatum;Avslutsanledning\n'
    printf '1;A1;Kvinna;Man;2024-01-10;2024-03-01;Arbete\n'
    printf '2;A2;Kvinna;Man;2024-02-10;2024-04-01;Arbete\n'
} >export.csv
