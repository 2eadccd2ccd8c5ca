/* flow.h: participant flow over a report period (finsam-stats-participants(1)),
 * and the bands the participant breakdowns use (age at the period's end, time in the
 * programme, calendar months of the period). Pure functions over dates: no I/O. */
#ifndef FINSAM_FLOW_H
#define FINSAM_FLOW_H

#include "finsam/category.h"
#include "finsam/config.h"
#include "finsam/date.h"
#include "finsam/error.h"

/* The rows of a flow table, in report order. */
typedef enum fs_flow_row {
    FS_FLOW_DURING,           /* e <= to and (no x or x >= from) */
    FS_FLOW_ONGOING_AT_START, /* e < from and (no x or x >= from) */
    FS_FLOW_NEW,              /* from <= e <= to */
    FS_FLOW_ENDED,            /* from <= x <= to */
    FS_FLOW_ONGOING_AT_END,   /* during and not ended */
    FS_FLOW_N
} fs_flow_row;

#define FS_FLOW_BIT(r) (1u << (r))
#define FS_FLOW_INVALID (-1)

/* The stable key of a row ("during", "ongoing_at_start", ...); static. */
const char *fs_flow_key(fs_flow_row r);
/* The label of a row in lang ("sv" or "en"); static. */
const char *fs_flow_label(fs_flow_row r, const char *lang);

/* Classifies one episode (entry, optional exit) against period p: a set of FS_FLOW_BIT()s,
 * 0 when the episode is not during the period, FS_FLOW_INVALID when exit < entry (the
 * export reader excludes such rows before this is called). */
int fs_flow_classify(fs_date entry, int has_exit, fs_date exit, const fs_period *p);

/* Flow counts by sex. */
typedef struct fs_flow_counts {
    unsigned long n[FS_FLOW_N][FS_SEX_N];
} fs_flow_counts;

/* Adds one classified episode (the result of fs_flow_classify, >= 0). */
void fs_flow_add(fs_flow_counts *c, int classes, fs_sex sex);

/* 1 when ongoing_at_start + new == ended + ongoing_at_end for every sex (and hence the
 * total), and during == ongoing_at_start + new. */
int fs_flow_identity_holds(const fs_flow_counts *c);
/* Calls FS_BUG (aborts) when the identity does not hold: a violation is a program bug. */
void fs_flow_assert_identity(const fs_flow_counts *c);

/* ---- Age bands: age at the period's end = year(to) - birth year ---- */

#define FS_AGE_MAX_BANDS 16
typedef struct fs_age_bands {
    int lo[FS_AGE_MAX_BANDS], hi[FS_AGE_MAX_BANDS]; /* hi = -1: open ("65+") */
    char label[FS_AGE_MAX_BANDS][16];
    int n;
} fs_age_bands;

/* The default bands; the config's [age] section may set bands = ... */
#define FS_AGE_DEFAULT_BANDS "16-29,30-39,40-49,50-59,60-64,65+"
/* Parses "16-29,30-39,65+" (ascending, not overlapping). FS_ERR_USAGE when malformed. */
fs_error fs_age_bands_parse(const char *s, fs_age_bands *out);
/* The bands of cfg's [age] bands = ..., or the default. On error msg says where. */
fs_error fs_age_bands_from_config(const fs_config *cfg, fs_age_bands *out, fs_msg *msg);
/* Checks the [age] section (an fs_config_check_fn): only bands, and bands that parse. */
fs_error fs_age_config_check(const fs_config *cfg, fs_msg *msg);
/* The band of an age: 0..n-1, FS_AGE_OUTSIDE when it falls in no band. */
#define FS_AGE_OUTSIDE (-2)
int fs_age_band(const fs_age_bands *b, int age);

/* ---- Time in the programme, for ended episodes ---- */

typedef enum fs_duration_band {
    FS_DUR_UNDER_3M,  /* exit before entry + 3 calendar months */
    FS_DUR_3_6M,      /* entry + 3 months <= exit < entry + 6 months */
    FS_DUR_6_12M,     /* entry + 6 months <= exit < entry + 12 months */
    FS_DUR_OVER_12M,  /* exit >= entry + 12 months */
    FS_DUR_N
} fs_duration_band;

const char *fs_duration_key(fs_duration_band b);
const char *fs_duration_label(fs_duration_band b, const char *lang);
/* The band of an episode from entry to exit (exit >= entry). */
fs_duration_band fs_duration_band_of(fs_date entry, fs_date exit);
/* The band's bounds for episodes that began at entry: an exit before bound[b] is in band b
 * or a shorter one (entry + 3, 6 and 12 months, as fs_date_add_months). */
void fs_duration_bounds(fs_date entry, fs_date bound[3]);
/* date + months calendar months; the day is clamped to the end of a shorter month
 * (2024-01-31 + 1 month = 2024-02-29). */
fs_date fs_date_add_months(fs_date d, int months);

/* ---- Calendar months of a period ---- */

/* Number of calendar months the period touches (2024H1: 6). */
int fs_period_months(const fs_period *p);
/* Index of the month of d within the period (0-based), or -1 when d is outside it. */
int fs_period_month_index(const fs_period *p, fs_date d);
/* "2024-03" for month index i into out (at least 8 bytes). */
void fs_period_month_text(const fs_period *p, int i, char *out);

#endif
