# start.csv is small and valid; slut.csv has one column more than a questionnaire file may
# have (FS_QUEST_MAX_COLUMNS = 200000): the id and 200000 items
printf 'ID;Sömn\nA;3\n' >start.csv
awk 'BEGIN {
    printf "ID"; for (i = 1; i <= 200000; i++) printf ";F%d", i; print ""
    printf "A"; for (i = 1; i <= 200000; i++) printf ";1"; print ""
}' >slut.csv
