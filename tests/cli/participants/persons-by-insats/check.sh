# Three insatser (data/persons/export.csv), 14 episodes of 8 persons, counted as persons.
# By hand (p1..p8; p1 is written with 12 and 10 digits, p3 with and without '-', p7 has
# no personnummer but the participant id X7 in B and C, p8 has neither):
#   A: p1 p2 p3 p4 p4'      -> 4 persons (women p1 p3 p4, man p2), 5 episodes
#   B: p1 p3 p5 p7          -> 4 persons (women p1 p3, men p5 p7)
#   C: p2 p3 p6 p7 p8       -> 5 persons (women p3 p6 p8, men p2 p7)
#   association: p1..p8     -> 8 persons (women 5, men 3), 14 episodes, not 4 + 4 + 5 = 13
#   ongoing at start: p1 p4 (A), p3 (B), p6 (C) = 4 women; new: p2 p3 p4 p1 p5 p7 p8 = 7
#   (women 4, men 3); ended: p2 p4 p1 p3 p6 p7 = 6 (women 4, men 2); ongoing at end:
#   p1 p3 p4 p5 p7 p2 p8 = 7 (women 4, men 3). (4 + 7 != 6 + 7: the identity is for episodes.)
#   Referrer, association: FK p1 p3 p6 = 3 (women), AF p2 = 1, Kommun p3 p4 p7 = 3 (women 2,
#   man 1), Region p5 = 1, Egen p8 = 1: 9 rows for 8 persons, as p3 is FK in A and C and
#   Kommun in B; p4's two episodes in A are one person.
set -e
grep -q '^Deltagare under perioden            5         63    3         37       8        100$' actual.stdout
grep -q '^Personer räknas, en gång för hela förbundet över alla insatser: 8 personer (14 episoder).$' actual.stdout
grep -q '^Personer med episoder i mer än en rad, räknade i varje: 1.$' actual.stdout
grep -q '^Försäkringskassan         3         60    0          0       3         38$' actual.stdout
grep -q '^Kommun                    2         40    1         33       3         38$' actual.stdout
grep -Eq '^Totalt +5 +3 +8 +4 +3 +7 +4 +2 +6 +4 +3 +7$' actual.stdout
