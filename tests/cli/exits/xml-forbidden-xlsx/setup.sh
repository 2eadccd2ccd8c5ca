# U+FFFE and U+FFFF (valid UTF-8, forbidden in XML 1.0) in an insats, which names a table,
# a sheet and the workbook's title, and in an exit reason, which names a detail row
{
    printf 'Deltagar-ID;Kön;Insats;Inskrivningsdatum;Avslutsdatum;Avslutsanledning\n'
    printf 'A1;Kvinna;Steg\357\277\276et;2024-01-10;2024-03-01;Arbete\n'
    printf 'A2;Man;Steg\357\277\276et;2024-01-11;2024-03-02;Avliden\357\277\277\n'
    printf 'A3;Man;Steg\357\277\276et;2024-01-12;2024-03-03;Flytt\n'
} >export.csv
