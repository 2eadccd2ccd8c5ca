# Kon beside Kön, and a breakdown of the column Kon itself (column:Kon): Kön gives the sex,
# Kon is read as a named column, so no warning calls it ignored
{
    printf 'Deltagar-ID;Kön;Kon;Inskrivningsdatum;Avslutsdatum;Avslutsanledning\n'
    printf 'A1;Kvinna;Man;2024-01-10;2024-03-01;Arbete\n'
    printf 'A2;Kvinna;Man;2024-02-10;2024-04-01;Arbete\n'
} >export.csv
