#include "finsam/table.h"

#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "finsam/i18n.h"
#include "finsam/text.h"

fs_error fs_rounding_parse(const char *s, fs_rounding *out)
{
    if (strcmp(s, "largest-remainder") == 0)
        *out = FS_ROUND_LARGEST_REMAINDER;
    else if (strcmp(s, "half-even") == 0)
        *out = FS_ROUND_HALF_EVEN;
    else if (strcmp(s, "half-up") == 0)
        *out = FS_ROUND_HALF_UP;
    else
        return FS_ERR_USAGE;
    return FS_OK;
}

const char *fs_rounding_name(fs_rounding r)
{
    return r == FS_ROUND_HALF_EVEN ? "half-even" : r == FS_ROUND_HALF_UP ? "half-up"
                                                                       : "largest-remainder";
}

fs_table *fs_table_new(const char *key, const char *title)
{
    fs_table *t = calloc(1, sizeof *t);
    if (!t)
        return NULL;
    t->key = fs_strdup(key);
    t->title = fs_strdup(title);
    if (!t->key || !t->title) {
        fs_table_free(t);
        return NULL;
    }
    return t;
}

fs_error fs_table_set_sheet(fs_table *t, const char *sheet)
{
    free(t->sheet);
    t->sheet = fs_strdup(sheet);
    return t->sheet ? FS_OK : FS_ERR_MEMORY;
}

fs_error fs_table_set_multiple(fs_table *t, const char *heading, const char *label)
{
    free(t->multiples);
    free(t->multiple_label);
    t->multiples = fs_strdup(heading);
    t->multiple_label = fs_strdup(label);
    return t->multiples && t->multiple_label ? FS_OK : FS_ERR_MEMORY;
}

fs_error fs_table_set_counts(fs_table *t, const char *breakdown, const char *population,
                             const char *unit)
{
    t->breakdown = fs_strdup(breakdown);
    t->population = fs_strdup(population);
    t->unit = fs_strdup(unit);
    if ((breakdown && !t->breakdown) || (population && !t->population) || (unit && !t->unit))
        return FS_ERR_MEMORY;
    return FS_OK;
}

void fs_table_free(fs_table *t)
{
    if (!t)
        return;
    free(t->breakdown);
    free(t->population);
    free(t->unit);
    free(t->sheet);
    free(t->multiples);
    free(t->multiple_label);
    for (size_t i = 0; i < t->n_cols; i++) {
        free(t->cols[i].key);
        free(t->cols[i].label);
    }
    for (size_t i = 0; i < t->n_rows; i++) {
        free(t->rows[i].key);
        free(t->rows[i].label);
        free(t->rows[i].cells);
    }
    for (size_t i = 0; i < t->n_notes; i++)
        free(t->notes[i]);
    if (t->chart) {
        free(t->chart->title);
        for (size_t i = 0; i < t->chart->n_series; i++)
            free(t->chart->series[i]);
        free(t->chart);
    }
    free(t->cols);
    free(t->rows);
    free(t->notes);
    free(t->key);
    free(t->title);
    free(t);
}

int fs_table_add_col(fs_table *t, const char *key, const char *label, fs_col_kind kind,
                     int decimals, int count_col)
{
    if (t->n_rows)
        FS_BUG("columns must be added before rows");
    fs_column *c = realloc(t->cols, (t->n_cols + 1) * sizeof *c);
    if (!c)
        return -1;
    t->cols = c;
    c = &t->cols[t->n_cols];
    c->key = fs_strdup(key);
    c->label = fs_strdup(label);
    c->kind = kind;
    c->decimals = decimals;
    c->count_col = count_col;
    c->shown_off = 0;
    if (!c->key || !c->label) {
        free(c->key);
        free(c->label);
        return -1;
    }
    return (int)t->n_cols++;
}

int fs_table_col(const fs_table *t, const char *key)
{
    for (size_t i = 0; i < t->n_cols; i++)
        if (strcmp(t->cols[i].key, key) == 0)
            return (int)i;
    return -1;
}

fs_row *fs_table_row(const fs_table *t, const char *key)
{
    for (size_t i = 0; i < t->n_rows; i++)
        if (strcmp(t->rows[i].key, key) == 0)
            return &t->rows[i];
    return NULL;
}

fs_row *fs_table_add_row(fs_table *t, const char *key, const char *label, int level, int is_total)
{
    if (t->n_rows == t->cap_rows) {
        size_t cap = t->cap_rows ? 2 * t->cap_rows : 16;
        fs_row *r = realloc(t->rows, cap * sizeof *r);
        if (!r)
            return NULL;
        t->rows = r;
        t->cap_rows = cap;
    }
    fs_row *r = &t->rows[t->n_rows];
    r->key = fs_strdup(key);
    r->label = fs_strdup(label);
    r->cells = calloc(t->n_cols ? t->n_cols : 1, sizeof *r->cells);
    r->level = level;
    r->is_total = is_total;
    if (!r->key || !r->label || !r->cells) {
        free(r->key);
        free(r->label);
        free(r->cells);
        return NULL;
    }
    for (size_t i = 0; i < t->n_cols; i++)
        r->cells[i].value = r->cells[i].shown = NAN;
    t->n_rows++;
    return r;
}

void fs_row_set(fs_table *t, fs_row *row, const char *col_key, double value)
{
    int c = fs_table_col(t, col_key);
    if (c < 0)
        FS_BUG("no such column");
    row->cells[c].value = value;
}

fs_error fs_table_add_note(fs_table *t, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *s = fs_vasprintf(fmt, ap);
    va_end(ap);
    char **n = s ? realloc(t->notes, (t->n_notes + 1) * sizeof *n) : NULL;
    if (!n) {
        free(s);
        return FS_ERR_MEMORY;
    }
    t->notes = n;
    t->notes[t->n_notes++] = s;
    return FS_OK;
}

fs_error fs_table_set_chart(fs_table *t, const char *title, int horizontal, const char *series1,
                            const char *series2)
{
    fs_chart *c = calloc(1, sizeof *c);
    if (!c)
        return FS_ERR_MEMORY;
    c->title = fs_strdup(title);
    c->horizontal = horizontal;
    const char *s[2] = {series1, series2};
    for (int i = 0; i < 2; i++)
        if (s[i])
            c->series[c->n_series++] = fs_strdup(s[i]);
    t->chart = c;
    if (!c->title || (series1 && !c->series[0]) || (series2 && !c->series[c->n_series - 1]))
        return FS_ERR_MEMORY;
    return FS_OK;
}

fs_error fs_table_set_diverging_chart(fs_table *t, const char *title, const char *const *col_keys,
                                      size_t n, size_t agree_from, size_t agree_n)
{
    if (n > FS_CHART_MAX_SERIES)
        FS_BUG("a chart with more series than FS_CHART_MAX_SERIES");
    fs_chart *c = calloc(1, sizeof *c);
    if (!c)
        return FS_ERR_MEMORY;
    t->chart = c;
    c->title = fs_strdup(title);
    c->diverging = 1;
    c->horizontal = 1;
    c->agree_from = agree_from;
    c->agree_n = agree_n;
    for (size_t i = 0; i < n; i++)
        if (!(c->series[c->n_series++] = fs_strdup(col_keys[i])))
            return FS_ERR_MEMORY;
    return c->title ? FS_OK : FS_ERR_MEMORY;
}

fs_error fs_table_set_line_chart(fs_table *t, const char *title, const char *const *row_keys,
                                 size_t n)
{
    if (n > FS_CHART_MAX_SERIES)
        FS_BUG("a chart with more series than FS_CHART_MAX_SERIES");
    fs_chart *c = calloc(1, sizeof *c);
    if (!c)
        return FS_ERR_MEMORY;
    t->chart = c;
    c->title = fs_strdup(title);
    c->line = c->by_row = 1;
    for (size_t i = 0; i < n; i++)
        if (!(c->series[c->n_series++] = fs_strdup(row_keys[i])))
            return FS_ERR_MEMORY;
    return c->title ? FS_OK : FS_ERR_MEMORY;
}

/* Largest remainder (Hamilton) to a target sum of units, with one rule more: equal values
 * (equal counts in a column) always get equal shares. Each value gets its floor; the units
 * left go to the largest remainders, a group of equal values at a time (ties between
 * different values to the earlier one). When the units left are fewer than a group, the
 * group gets one unit each or none, whichever lands closer to the target (none when both
 * are as close): the column then sums to a little more or less than the target. Returns
 * the sum of the result minus the target, in units. */
static double round_to_target(const double *values, size_t n, double scale, double target,
                              double *out)
{
    double assigned = 0;
    for (size_t i = 0; i < n; i++) {
        if (isnan(values[i])) {
            out[i] = NAN;
            continue;
        }
        out[i] = floor(values[i] * scale + 1e-9);
        assigned += out[i];
    }
    double left = target - assigned;
    unsigned char *done = calloc(n ? n : 1, 1);
    while (left > 0.5 && done) {
        /* the largest remainder not yet given a unit, the earliest of equal ones */
        size_t best = n;
        double best_rem = 1e-9;
        for (size_t i = 0; i < n; i++) {
            if (isnan(values[i]) || done[i])
                continue;
            double rem = values[i] * scale - out[i];
            if (rem > best_rem + 1e-9) {
                best = i;
                best_rem = rem;
            }
        }
        if (best == n)
            break;
        /* the values equal to it */
        size_t group = 0;
        for (size_t i = 0; i < n; i++)
            if (!isnan(values[i]) && !done[i] && fabs(values[i] - values[best]) < 1e-9)
                group++;
        int give = (double)group <= left || (double)group - left < left;
        for (size_t i = 0; i < n; i++)
            if (!isnan(values[i]) && !done[i] && fabs(values[i] - values[best]) < 1e-9) {
                done[i] = 1;
                out[i] += give;
            }
        left -= give ? (double)group : left;
        if (!give)
            break;
    }
    free(done);
    double sum = 0;
    for (size_t i = 0; i < n; i++)
        if (!isnan(out[i])) {
            sum += out[i];
            out[i] /= scale;
        }
    return n ? sum - target : 0;
}

void fs_round_shares(const double *values, size_t n, fs_rounding method, int decimals, double *out)
{
    double scale = pow(10, decimals);
    if (method == FS_ROUND_LARGEST_REMAINDER) {
        double sum = 0;
        for (size_t i = 0; i < n; i++)
            if (!isnan(values[i]))
                sum += values[i];
        round_to_target(values, n, scale, nearbyint(sum * scale), out);
        return;
    }
    for (size_t i = 0; i < n; i++) {
        double x = values[i] * scale;
        if (isnan(x))
            out[i] = NAN;
        else if (method == FS_ROUND_HALF_EVEN)
            out[i] = nearbyint(x) / scale; /* default rounding mode: to nearest, ties even */
        else
            out[i] = floor(x + 0.5) / scale;
    }
}

/* Rounds the cells of column c at rows idx[0..n) together. */
/* Rounds the cells idx[0..n) of column c together; returns the units the shown shares sum
 * to beyond the target (largest remainder only, else 0). */
static double round_group(fs_table *t, size_t c, const size_t *idx, size_t n, fs_rounding method,
                          int decimals, double target)
{
    double *v = malloc((n ? n : 1) * 2 * sizeof *v), off = 0;
    if (!v)
        return 0; /* shown stays NAN: printed as empty rather than wrong */
    double *o = v + n;
    for (size_t i = 0; i < n; i++)
        v[i] = t->rows[idx[i]].cells[c].value;
    double scale = pow(10, decimals);
    if (method == FS_ROUND_LARGEST_REMAINDER) {
        if (isnan(target)) {
            target = 0;
            for (size_t i = 0; i < n; i++)
                if (!isnan(v[i]))
                    target += v[i];
        }
        off = round_to_target(v, n, scale, nearbyint(target * scale), o);
    } else {
        fs_round_shares(v, n, method, decimals, o);
    }
    for (size_t i = 0; i < n; i++)
        t->rows[idx[i]].cells[c].shown = o[i];
    free(v);
    return off;
}

void fs_table_round(fs_table *t, fs_rounding method, int decimals, int row_groups)
{
    size_t *idx = malloc((t->n_rows > t->n_cols ? t->n_rows : t->n_cols) * sizeof *idx + 1);
    if (!idx)
        return;
    for (size_t c = 0; c < t->n_cols; c++)
        if (t->cols[c].kind == FS_COL_SHARE)
            t->cols[c].decimals = decimals;
    if (row_groups) {
        double *v = malloc(2 * (t->n_cols + 1) * sizeof *v);
        for (size_t r = 0; v && r < t->n_rows; r++) {
            size_t n = 0;
            for (size_t c = 0; c < t->n_cols; c++)
                if (t->cols[c].kind == FS_COL_SHARE) {
                    idx[n] = c;
                    v[n++] = t->rows[r].cells[c].value;
                }
            fs_round_shares(v, n, method, decimals, v + t->n_cols + 1);
            double want = 0, got = 0;
            for (size_t i = 0; i < n; i++) {
                t->rows[r].cells[idx[i]].shown = v[t->n_cols + 1 + i];
                if (!isnan(v[i])) {
                    want += v[i];
                    got += v[t->n_cols + 1 + i];
                }
            }
            /* equal counts in a row got equal shares, and the row is off its total */
            if (method == FS_ROUND_LARGEST_REMAINDER && n &&
                fabs(got - nearbyint(want * pow(10, decimals)) / pow(10, decimals)) > 1e-9)
                t->rows_off++;
        }
        free(v);
        free(idx);
        return;
    }
    for (size_t c = 0; c < t->n_cols; c++) {
        if (t->cols[c].kind != FS_COL_SHARE)
            continue;
        size_t n = 0;
        for (size_t r = 0; r < t->n_rows; r++)
            if (t->rows[r].level == 0 && !t->rows[r].is_total)
                idx[n++] = r;
        double off = round_group(t, c, idx, n, method, decimals, NAN);
        /* shares that are NaN or out of all range give no int (found by fuzz_writers) */
        t->cols[c].shown_off = isfinite(off) && fabs(off) <= INT_MAX ? (int)off : 0;
        for (size_t r = 0; r < t->n_rows; r++) {
            if (t->rows[r].is_total) {
                idx[0] = r;
                round_group(t, c, idx, 1, method, decimals, NAN);
            }
            if (t->rows[r].level != 0 || t->rows[r].is_total)
                continue;
            size_t k = 0;
            for (size_t d = r + 1; d < t->n_rows && t->rows[d].level > 0; d++)
                idx[k++] = d;
            if (k)
                round_group(t, c, idx, k, method, decimals, t->rows[r].cells[c].shown);
        }
    }
    free(idx);
}

fs_error fs_table_note_suppressed(fs_table *t, int threshold, const char *lang)
{
    if (threshold <= 1)
        return FS_OK;
    return fs_table_add_note(t, fs_tr(lang, "Counts below %d are shown as <%d (small-number "
                                            "suppression)."), threshold, threshold);
}

fs_error fs_table_note_rounding(fs_table *t, const char *lang)
{
    fs_buf b = {0};
    for (size_t c = 0; c < t->n_cols; c++) {
        const fs_column *col = &t->cols[c];
        if (col->kind != FS_COL_SHARE || !col->shown_off)
            continue;
        char sum[32];
        fs_format_fixed(sum, sizeof sum, 100 + col->shown_off / pow(10, col->decimals),
                        col->decimals, !fs_lang_en(lang));
        const char *label = col->count_col >= 0 ? t->cols[col->count_col].label : col->label;
        fs_buf_printf(&b, "%s%s %s", b.len ? ", " : "", label, sum);
    }
    fs_error e = FS_OK;
    if (b.failed)
        e = FS_ERR_MEMORY;
    else if (b.len)
        e = fs_table_add_note(t, fs_tr(lang, "Equal counts have equal shares, so these columns "
                                             "do not sum to 100: %s."), b.data);
    if (!e && t->rows_off)
        e = fs_table_add_note(t, fs_tr(lang, "Equal counts have equal shares, so rows do not "
                                             "always sum to 100 (here %zu)."), t->rows_off);
    fs_buf_free(&b);
    return e;
}

void fs_table_suppress(fs_table *t, int threshold)
{
    if (threshold <= 1)
        return;
    t->suppress_below = threshold;
    for (size_t r = 0; r < t->n_rows; r++) {
        fs_cell *cells = t->rows[r].cells;
        for (size_t c = 0; c < t->n_cols; c++)
            if (t->cols[c].kind == FS_COL_COUNT && cells[c].value > 0 && cells[c].value < threshold)
                cells[c].suppressed = 1;
        for (size_t c = 0; c < t->n_cols; c++) {
            int k = t->cols[c].count_col;
            if (t->cols[c].kind == FS_COL_SHARE && k >= 0 && cells[k].suppressed)
                cells[c].suppressed = 1;
        }
    }
}

fs_report *fs_report_new(const char *command, const char *lang)
{
    fs_report *r = calloc(1, sizeof *r);
    if (!r)
        return NULL;
    r->command = fs_strdup(command);
    r->lang = fs_strdup(lang ? lang : "sv");
    if (!r->command || !r->lang) {
        fs_report_free(r);
        return NULL;
    }
    return r;
}

void fs_report_free(fs_report *r)
{
    if (!r)
        return;
    for (size_t i = 0; i < r->n_tables; i++)
        fs_table_free(r->tables[i]);
    for (size_t i = 0; i < r->n_warnings; i++)
        free(r->warnings[i]);
    free(r->tables);
    free(r->warnings);
    free(r->command);
    free(r->lang);
    free(r->source);
    free(r->doc_title);
    free(r->doc_subject);
    free(r->doc_comments);
    free(r);
}

fs_error fs_report_add_table(fs_report *r, fs_table *t)
{
    fs_table **n = realloc(r->tables, (r->n_tables + 1) * sizeof *n);
    if (!n) {
        fs_table_free(t);
        return FS_ERR_MEMORY;
    }
    r->tables = n;
    r->tables[r->n_tables++] = t;
    return FS_OK;
}

fs_error fs_report_add_warning(fs_report *r, const char *text)
{
    char *s = fs_strdup(text);
    char **n = s ? realloc(r->warnings, (r->n_warnings + 1) * sizeof *n) : NULL;
    if (!n) {
        free(s);
        return FS_ERR_MEMORY;
    }
    r->warnings = n;
    r->warnings[r->n_warnings++] = s;
    return FS_OK;
}

/* 1 when row r has a count column and every count is 0 (a suppressed count is not 0). */
static int empty_row(const fs_table *t, size_t r)
{
    int counts = 0;
    for (size_t c = 0; c < t->n_cols; c++) {
        if (t->cols[c].kind != FS_COL_COUNT)
            continue;
        counts = 1;
        const fs_cell *cell = &t->rows[r].cells[c];
        if (cell->suppressed || (!isnan(cell->value) && cell->value != 0))
            return 0;
    }
    return counts;
}

fs_error fs_report_hide_empty(fs_report *r, const char *lang)
{
    for (size_t i = 0; i < r->n_tables; i++) {
        fs_table *t = r->tables[i];
        size_t kept = 0, dropped = 0;
        int parent_dropped = 0;
        for (size_t k = 0; k < t->n_rows; k++) {
            fs_row *row = &t->rows[k];
            int drop = !row->is_total &&
                       (row->level == 0 ? empty_row(t, k) : parent_dropped || empty_row(t, k));
            if (row->level == 0)
                parent_dropped = drop;
            if (drop) {
                free(row->key);
                free(row->label);
                free(row->cells);
                dropped++;
            } else {
                t->rows[kept++] = *row;
            }
        }
        t->n_rows = kept;
        if (dropped &&
            fs_table_add_note(t, fs_tr(lang, "Rows where every count is 0 are left out (%zu)."),
                              dropped))
            return FS_ERR_MEMORY;
    }
    return FS_OK;
}
