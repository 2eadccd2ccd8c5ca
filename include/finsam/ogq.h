/* ogq.h: OGQ / GAP activity gaps between two occasions (ogq.c). Answers are coded as gap
 * indicators (quest_coding.h: FS_QC_OGQ, FS_QC_OGQ_GAP). */
#ifndef FINSAM_OGQ_H
#define FINSAM_OGQ_H

#include "finsam/paired.h"

/* One activity over the linked participants answering it at both occasions: gaps before and
 * after, gaps closed (better) and opened (worse) with their shares of n and Wilson 95 %
 * intervals (NAN when n == 0), and the exact McNemar test (b = closed, c = opened; NAN when
 * n == 0). */
typedef struct fs_ogq_item {
    unsigned n;
    unsigned gaps_start, gaps_end, closed, opened;
    int has_test;
    fs_mcnemar_result mcnemar;
    double closed_low, closed_high, opened_low, opened_high;
} fs_ogq_item;
fs_error fs_ogq_item_summary(const fs_quest *q, size_t item, size_t from, size_t to, int sex,
                             fs_ogq_item *out);

/* Per person total gaps over the activities answered at both occasions; fewer = better. */
fs_error fs_ogq_totals(const fs_quest *q, size_t from, size_t to, int sex, fs_alternative alt,
                       fs_paired_item *out);

#endif
