/* oracle.h: reading the R reference files of tests/oracle/ ($FS_ORACLE_DIR) in the unit
 * tests, and comparing with their tolerance: relative 1e-9, or absolute 1e-12 when
 * |expected| < 1e-12. Included by one test program each (static functions). */
#ifndef FS_TEST_ORACLE_H
#define FS_TEST_ORACLE_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "finsam/stats.h"

#define REL_TOL 1e-9
#define ABS_TOL 1e-12
#define MAX_FIELDS 16
#define MAX_VALUES 4096

/* ---------------------------------------------------------------------------------------
 * Oracle file reading and comparison */

/* Progress of one oracle file: where we are and how well it went. */
typedef struct oracle {
    const char *name;
    FILE *fp;
    char *line;
    size_t cap;
    size_t line_no;       /* 1-based line number of the current row */
    size_t rows;          /* data rows checked */
    size_t values;        /* values compared */
    size_t failures;
    double worst_rel;     /* over values with |expected| >= ABS_TOL (asserted) */
    double worst_abs;     /* over values with |expected| < ABS_TOL (asserted) */
    double worst_rel_all; /* over all values with |expected| >= DBL_MIN (information
                           * only; R prints a few underflowed p-values as 4.9e-324) */
} oracle;

/* Opens $FS_ORACLE_DIR/name and skips its header line; fails the test if impossible. */
static __attribute__((unused)) void oracle_open(oracle *o, const char *name)
{
    const char *dir = getenv("FS_ORACLE_DIR");
    char path[4096];

    memset(o, 0, sizeof *o);
    o->name = name;
    if (!dir || !*dir)
        fail_msg("FS_ORACLE_DIR is not set");
    if (snprintf(path, sizeof path, "%s/%s", dir, name) >= (int)sizeof path)
        fail_msg("oracle path too long");
    o->fp = fopen(path, "r");
    if (!o->fp)
        fail_msg("cannot open oracle file %s", path);
    if (getline(&o->line, &o->cap, o->fp) < 0)
        fail_msg("%s: empty file", name);
    o->line_no = 1;
}

/* Reads the next row and splits it at commas into fields (in place); returns the number of
 * fields, or 0 at end of file. */
static __attribute__((unused)) size_t oracle_next(oracle *o, char **fields)
{
    ssize_t len;
    size_t n = 0;
    char *p;

    for (;;) {
        len = getline(&o->line, &o->cap, o->fp);
        if (len < 0)
            return 0;
        o->line_no++;
        while (len > 0 && (o->line[len - 1] == '\n' || o->line[len - 1] == '\r'))
            o->line[--len] = '\0';
        if (len > 0)
            break;
    }
    p = o->line;
    fields[n++] = p;
    while ((p = strchr(p, ',')) != NULL) {
        *p++ = '\0';
        if (n == MAX_FIELDS)
            fail_msg("%s:%zu: too many fields", o->name, o->line_no);
        fields[n++] = p;
    }
    o->rows++;
    return n;
}

/* Closes the file, prints the summary and fails the test if any value disagreed or no row
 * was read at all. */
static __attribute__((unused)) void oracle_finish(oracle *o)
{
    print_message("%s: %zu rows, %zu values, worst relative error %.3g (%.3g including "
                  "normal expected values below %g), worst absolute error near 0 %.3g, %zu "
                  "failures\n",
                  o->name, o->rows, o->values, o->worst_rel, o->worst_rel_all, ABS_TOL,
                  o->worst_abs, o->failures);
    fclose(o->fp);
    free(o->line);
    assert_true(o->rows > 0);
    assert_int_equal(o->failures, 0);
}

/* Parses a double field; fails on anything but a complete number. */
static __attribute__((unused)) double parse_double(const oracle *o, const char *s)
{
    char *end;
    double v = strtod(s, &end);
    if (end == s || *end != '\0')
        fail_msg("%s:%zu: not a number: '%s'", o->name, o->line_no, s);
    return v;
}

/* Parses a non-negative integer field; R writes 100000 as "1e+05", so any number that is a
 * whole value in range is accepted. */
static __attribute__((unused)) unsigned parse_uint(const oracle *o, const char *s)
{
    char *end;
    double v = strtod(s, &end);
    if (end == s || *end != '\0' || !(v >= 0.0 && v <= 4294967295.0) || v != floor(v))
        fail_msg("%s:%zu: not a count: '%s'", o->name, o->line_no, s);
    return (unsigned)v;
}

/* Parses a space-separated list of doubles into out (at most MAX_VALUES). */
static __attribute__((unused)) size_t parse_double_list(const oracle *o, const char *s, double *out)
{
    size_t n = 0;
    char *end;

    for (;;) {
        while (*s == ' ')
            s++;
        if (*s == '\0')
            return n;
        if (n == MAX_VALUES)
            fail_msg("%s:%zu: too many values", o->name, o->line_no);
        out[n++] = strtod(s, &end);
        if (end == s)
            fail_msg("%s:%zu: bad number list", o->name, o->line_no);
        s = end;
    }
}

/* Parses a space-separated list of counts into out (at most MAX_VALUES). */
static __attribute__((unused)) size_t parse_uint_list(const oracle *o, const char *s, unsigned *out)
{
    double tmp[MAX_VALUES];
    size_t n = parse_double_list(o, s, tmp), i;

    for (i = 0; i < n; i++) {
        if (!(tmp[i] >= 0.0 && tmp[i] <= 4294967295.0 && tmp[i] == floor(tmp[i])))
            fail_msg("%s:%zu: not a count list", o->name, o->line_no);
        out[i] = (unsigned)tmp[i];
    }
    return n;
}

/* Parses an alternative field. */
static __attribute__((unused)) fs_alternative parse_alt(const oracle *o, const char *s)
{
    fs_alternative alt;
    if (fs_alternative_parse(s, &alt) != FS_OK)
        fail_msg("%s:%zu: bad alternative '%s'", o->name, o->line_no, s);
    return alt;
}

/* 1 when actual agrees with expected: relative REL_TOL, or absolute ABS_TOL near 0. */
static __attribute__((unused)) int agrees(double expected, double actual)
{
    if (isnan(expected) || isnan(actual))
        return 0;
    if (fabs(expected) < ABS_TOL)
        return fabs(actual - expected) <= ABS_TOL;
    return fabs(actual - expected) <= REL_TOL * fabs(expected);
}

/* Compares one value, recording the error and reporting a disagreement. */
static __attribute__((unused)) void check(oracle *o, const char *column, double expected, double actual)
{
    o->values++;
    if (!isnan(expected) && !isnan(actual)) {
        if (fabs(expected) >= DBL_MIN
            && fabs(actual - expected) / fabs(expected) > o->worst_rel_all)
            o->worst_rel_all = fabs(actual - expected) / fabs(expected);
        if (fabs(expected) < ABS_TOL) {
            double e = fabs(actual - expected);
            if (e > o->worst_abs)
                o->worst_abs = e;
        } else {
            double e = fabs(actual - expected) / fabs(expected);
            if (e > o->worst_rel)
                o->worst_rel = e;
        }
    }
    if (!agrees(expected, actual)) {
        o->failures++;
        print_error("%s:%zu: %s: expected %.17g, got %.17g (rel. error %.3g)\n", o->name,
                    o->line_no, column, expected, actual,
                    fabs(actual - expected) / fabs(expected));
    }
}

/* Reports a function that returned an error on an oracle row. */
static __attribute__((unused)) void check_ok(oracle *o, const char *what, fs_error err)
{
    if (err != FS_OK) {
        o->failures++;
        print_error("%s:%zu: %s returned %s\n", o->name, o->line_no, what, fs_strerror(err));
    }
}

#endif
