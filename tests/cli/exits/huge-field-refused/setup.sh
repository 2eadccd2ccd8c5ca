{ printf 'Deltagar-ID;Anteckning;Kön;Inskrivningsdatum;Avslutsdatum;Avslutsanledning\n'
  printf 'A1;"'; head -c 2000000 /dev/zero | tr '\0' x; printf '";Kvinna;2024-01-01;2024-02-01;Arbete\n'; } > big.csv
