# a 1,000,000-byte field in a column the command does not use
{ printf 'Deltagar-ID;Anteckning;Kön;Inskrivningsdatum;Avslutsdatum;Avslutsanledning\n'
  printf 'A1;'; head -c 1000000 /dev/zero | tr '\0' x; printf ';Kvinna;2024-01-01;2024-02-01;Arbete\n'
  printf 'A2;kort;Man;2024-01-01;2024-02-01;Sjukdom\n'; } > big.csv
