/* eq5d.h: EQ-5D-5L (eq5d.c): five dimensions (mobility, self-care, usual activities,
 * pain/discomfort, anxiety/depression), levels 1-5 (1 = no problems), and EQ VAS 0-100.
 * The questionnaire's first five items are the dimensions in that order; a sixth, when
 * there is one, is EQ VAS.
 *
 * A person's change between two occasions is classified as Pareto (Devlin et al.): better
 * (some dimension better, none worse), worse (some worse, none better), mixed (some better,
 * some worse) or unchanged. An index needs a value set, published by others and not shipped:
 * only from a CSV file the user gives, with the columns
 *
 *     dimension;level;decrement;constant
 *     MO;2;0.051;0.081
 *     MO;3;0.063;
 *     ...
 *
 * dimension MO, SC, UA, PD or AD (or 1-5, any case), level 1-5 (level 1 may be left out:
 * 0), decrement the amount subtracted for that level; constant, given on at least one row
 * (every value given the same), is subtracted once when any dimension is above level 1 (0
 * for value sets without one). Index = 1 - constant (unless 11111) - the five decrements.
 * Every dimension needs levels 2-5. */
#ifndef FINSAM_EQ5D_H
#define FINSAM_EQ5D_H

#include "finsam/paired.h"

#define FS_EQ5D_DIMS 5
#define FS_EQ5D_LEVELS 5

enum { FS_EQ5D_BETTER = 0, FS_EQ5D_WORSE, FS_EQ5D_MIXED, FS_EQ5D_UNCHANGED, FS_EQ5D_N_CHANGE };

/* Checks q: at least 5 items; each dimension answer a whole level 1-5; EQ VAS (item 6)
 * within 0-100. FS_ERR_DATA with "FILE:LINE: column \"HEADER\": ..." (file is the name for
 * messages). */
fs_error fs_eq5d_check(const fs_quest *q, const char *file, fs_msg *err);

typedef struct fs_eq5d_value_set {
    double decrement[FS_EQ5D_DIMS][FS_EQ5D_LEVELS];
    double constant;
} fs_eq5d_value_set;
/* Reads a value-set file (the format above; any separator the CSV reader detects).
 * FS_ERR_IO, FS_ERR_PARSE, FS_ERR_DATA naming FILE:LINE. */
fs_error fs_eq5d_value_set_read(const char *path, const fs_csv_options *csv,
                                fs_eq5d_value_set *out, fs_msg *err);
fs_error fs_eq5d_value_set_read_buffer(const char *name, const char *data, size_t len,
                                       fs_eq5d_value_set *out, fs_msg *err);
/* The index of levels[5] (1-5). */
double fs_eq5d_index(const fs_eq5d_value_set *vs, const double *levels);

/* Pareto class of a change from a[5] to b[5] (lower = better). */
int fs_eq5d_pareto(const double *a, const double *b);

typedef struct fs_eq5d_summary {
    unsigned linked;                     /* linked participants of the selection */
    unsigned complete;                   /* with all five dimensions at both occasions */
    unsigned level[2][FS_EQ5D_DIMS][FS_EQ5D_LEVELS]; /* [from/to][dim][level-1], answers of
                                            linked participants answering the dimension at
                                            both */
    unsigned answered[FS_EQ5D_DIMS];     /* linked answering the dimension at both */
    unsigned change[FS_EQ5D_N_CHANGE];   /* Pareto classes of the complete */
    fs_paired_item dim[FS_EQ5D_DIMS];    /* per dimension, lower = better */
    int has_vas;
    fs_paired_item vas;                  /* EQ VAS, higher = better, with Wilcoxon */
    int has_index;
    fs_paired_item index;                /* the index of the complete, with Wilcoxon */
} fs_eq5d_summary;
fs_error fs_eq5d_summarise(const fs_quest *q, const fs_eq5d_value_set *vs, size_t from,
                           size_t to, int sex, fs_alternative alt, fs_eq5d_summary *out);

#endif
