printf 'yesterday\n' >rapport.csv
printf 'yesterday\n' >rapport.xlsx
