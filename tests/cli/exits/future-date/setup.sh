# an exit in 2099 and an entry after the run's date (--as-of): warned, as check does
{
    printf 'Deltagar-ID;Kön;Inskrivningsdatum;Avslutsdatum;Avslutsanledning\n'
    printf 'A1;Kvinna;2024-01-10;2024-03-01;Arbete\n'
    printf 'A2;Man;2024-01-11;2099-03-02;Flytt\n'
    printf 'A3;Man;2024-08-12;;\n'
} >export.csv
