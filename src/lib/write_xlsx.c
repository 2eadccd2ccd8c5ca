/* write_xlsx.c: one worksheet per table with libxlsxwriter: bold title and header, counts as
 * numbers, shares as the unrounded fraction with a percent format, frozen header row,
 * column widths from the content, notes and the source line under the table, and a native
 * clustered bar chart where the table asks for one. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <xlsxwriter.h>

#include "finsam/cellfmt.h"
#include "finsam/i18n.h"
#include "finsam/table.h"
#include "finsam/text.h"
#include "finsam/writers.h"

#define HEADER_ROW 2
#define FIRST_DATA_ROW 3

typedef struct formats {
    lxw_format *title, *header, *bold, *count, *number[7], *pct[4], *pvalue, *right;
} formats;

static void make_formats(lxw_workbook *wb, formats *f)
{
    f->title = workbook_add_format(wb);
    format_set_bold(f->title);
    format_set_font_size(f->title, 12);
    f->header = workbook_add_format(wb);
    format_set_bold(f->header);
    format_set_bottom(f->header, LXW_BORDER_THIN);
    format_set_text_wrap(f->header);
    format_set_align(f->header, LXW_ALIGN_CENTER);
    f->bold = workbook_add_format(wb);
    format_set_bold(f->bold);
    f->count = workbook_add_format(wb);
    format_set_num_format(f->count, "0");
    static const char *const num[7] = {"0", "0.0", "0.00", "0.000", "0.0000", "0.00000", "0.000000"};
    for (int i = 0; i < 7; i++) {
        f->number[i] = workbook_add_format(wb);
        format_set_num_format(f->number[i], num[i]);
    }
    static const char *const pct[4] = {"0%", "0.0%", "0.00%", "0.000%"};
    for (int i = 0; i < 4; i++) {
        f->pct[i] = workbook_add_format(wb);
        format_set_num_format(f->pct[i], pct[i]);
    }
    f->pvalue = workbook_add_format(wb);
    format_set_num_format(f->pvalue, "0.000000");
    f->right = workbook_add_format(wb);
    format_set_align(f->right, LXW_ALIGN_RIGHT);
}

/* Excel sheet names: at most 31 characters, none of []:*?/\\', unique in the workbook
 * (a name already used gets " (2)", " (3)", ...). */
static void sheet_name(lxw_workbook *wb, const fs_table *t, char *out, size_t outsz)
{
    const char *name = t->sheet ? t->sheet : t->title;
    size_t chars = 0, i = 0;
    for (const char *p = name; *p && i + 8 < outsz; p++) {
        unsigned char c = (unsigned char)*p;
        if ((c & 0xC0) != 0x80 && ++chars > 26)
            break;
        out[i++] = strchr("[]:*?/\\'", c) ? '-' : (char)c;
    }
    while (i > 0 && out[i - 1] == ' ')
        i--;
    out[i] = '\0';
    for (int n = 2; workbook_get_worksheet_by_name(wb, out) && n < 1000; n++)
        snprintf(out + i, outsz - i, " (%d)", n);
}

static lxw_format *cell_format(const formats *f, const fs_column *c)
{
    int d = c->decimals < 0 ? 0 : c->decimals;
    switch (c->kind) {
    case FS_COL_COUNT:
        return f->count;
    case FS_COL_SHARE:
        return f->pct[d > 3 ? 3 : d];
    case FS_COL_NUMBER:
        return f->number[d > 6 ? 6 : d];
    case FS_COL_PVALUE:
        return f->pvalue;
    }
    return NULL;
}

/* Keeps the first libxlsxwriter error of a sheet (a string over 32,767 characters, a row
 * or column out of range): the run then fails instead of leaving a cell out. */
static void keep(lxw_error *err, lxw_error e)
{
    if (*err == LXW_NO_ERROR)
        *err = e;
}

/* One cell of the table at worksheet row `row`, column xc. A suppressed count is the text
 * "<N", a suppressed share "..": never the hidden number. */
static void write_cell(lxw_worksheet *ws, const fs_table *t, size_t r, size_t c, lxw_row_t row,
                       lxw_col_t xc, const formats *f, lxw_error *err)
{
    const fs_cell *cell = &t->rows[r].cells[c];
    const fs_column *col = &t->cols[c];
    if (cell->suppressed) {
        char text[32];
        fs_cell_text(t, r, c, 0, text, sizeof text);
        keep(err, worksheet_write_string(ws, row, xc, text, f->right));
    } else if (!isnan(cell->value)) {
        double v = col->kind == FS_COL_SHARE ? cell->value / 100.0 : cell->value;
        keep(err, worksheet_write_number(ws, row, xc, v, cell_format(f, col)));
    }
}

/* Rows shown in the chart: the level-0, non-total rows. */
static int chart_rows_contiguous(const fs_table *t, size_t *first, size_t *n)
{
    *n = 0;
    int gap = 0;
    for (size_t r = 0; r < t->n_rows; r++) {
        int in = t->rows[r].level == 0 && !t->rows[r].is_total;
        if (in && *n == 0)
            *first = r;
        if (in && gap)
            return 0;
        if (in)
            (*n)++;
        else if (*n)
            gap = 1;
    }
    return 1;
}

static void add_chart(lxw_workbook *wb, lxw_worksheet *ws, const char *sheet, const fs_table *t,
                      lxw_row_t next_free_row, const formats *f, const char *lang, lxw_error *err)
{
    size_t first = 0, n = 0;
    lxw_row_t data_row;
    lxw_col_t label_col = 0;
    int contiguous = chart_rows_contiguous(t, &first, &n);
    if (n == 0)
        return;
    int cols[4];
    for (size_t s = 0; s < t->chart->n_series; s++) {
        cols[s] = fs_table_col(t, t->chart->series[s]);
        if (cols[s] < 0)
            return;
    }
    if (contiguous) {
        data_row = (lxw_row_t)(FIRST_DATA_ROW + first);
    } else {
        /* detail rows interleave: write the chart's data as a small block below */
        keep(err, worksheet_write_string(ws, next_free_row, 0, fs_tr(lang, "Chart data"), f->bold));
        data_row = next_free_row + 1;
        size_t k = 0;
        for (size_t r = 0; r < t->n_rows; r++) {
            if (t->rows[r].level != 0 || t->rows[r].is_total)
                continue;
            keep(err, worksheet_write_string(ws, (lxw_row_t)(data_row + k), 0, t->rows[r].label, NULL));
            for (size_t s = 0; s < t->chart->n_series; s++)
                write_cell(ws, t, r, (size_t)cols[s], (lxw_row_t)(data_row + k),
                           (lxw_col_t)(cols[s] + 1), f, err);
            k++;
        }
    }
    lxw_chart *chart = workbook_add_chart(wb, t->chart->horizontal ? LXW_CHART_BAR : LXW_CHART_COLUMN);
    if (!chart)
        return;
    for (size_t s = 0; s < t->chart->n_series; s++) {
        lxw_chart_series *series = chart_add_series(chart, NULL, NULL);
        if (!series)
            return;
        chart_series_set_categories(series, sheet, data_row, label_col,
                                    (lxw_row_t)(data_row + n - 1), label_col);
        chart_series_set_values(series, sheet, data_row, (lxw_col_t)(cols[s] + 1),
                                (lxw_row_t)(data_row + n - 1), (lxw_col_t)(cols[s] + 1));
        chart_series_set_name(series, t->cols[cols[s]].label);
    }
    chart_title_set_name(chart, t->chart->title);
    if (t->chart->horizontal)
        chart_axis_set_reverse(chart->y_axis); /* first group on top, as in the table */
    chart_legend_set_position(chart, LXW_CHART_LEGEND_BOTTOM);
    lxw_chart_options opt = {.x_offset = 10, .y_offset = 0, .x_scale = 1.3, .y_scale = 1.2};
    worksheet_insert_chart_opt(ws, HEADER_ROW, (lxw_col_t)(t->n_cols + 2), chart, &opt);
}

static fs_error write_sheet(lxw_workbook *wb, const fs_report *r, size_t index, const formats *f,
                            fs_msg *msg)
{
    const fs_table *t = r->tables[index];
    char name[128];
    sheet_name(wb, t, name, sizeof name);
    lxw_worksheet *ws = workbook_add_worksheet(wb, name);
    if (!ws) {
        fs_msg_set(msg, "a worksheet \"%s\" could not be added", name);
        return FS_ERR_OUTPUT;
    }
    lxw_error err = LXW_NO_ERROR;
    keep(&err, worksheet_write_string(ws, 0, 0, t->title, f->title));
    keep(&err, worksheet_write_string(ws, HEADER_ROW, 0, "", f->header));
    size_t label_w = 10;
    for (size_t c = 0; c < t->n_cols; c++) {
        keep(&err, worksheet_write_string(ws, HEADER_ROW, (lxw_col_t)(c + 1), t->cols[c].label, f->header));
        size_t w = fs_utf8_width(t->cols[c].label) + 2;
        worksheet_set_column(ws, (lxw_col_t)(c + 1), (lxw_col_t)(c + 1), w < 10 ? 10 : w > 40 ? 40 : w, NULL);
    }
    for (size_t rr = 0; rr < t->n_rows; rr++) {
        const fs_row *row = &t->rows[rr];
        lxw_row_t xr = (lxw_row_t)(FIRST_DATA_ROW + rr);
        char *label = fs_asprintf("%*s%s", 2 * row->level, "", row->label);
        keep(&err, worksheet_write_string(ws, xr, 0, label ? label : row->label,
                                          row->is_total ? f->bold : NULL));
        size_t w = fs_utf8_width(label ? label : row->label) + 2;
        if (w > label_w)
            label_w = w;
        free(label);
        for (size_t c = 0; c < t->n_cols; c++)
            write_cell(ws, t, rr, c, xr, (lxw_col_t)(c + 1), f, &err);
    }
    worksheet_set_column(ws, 0, 0, label_w > 60 ? 60 : (double)label_w, NULL);
    worksheet_freeze_panes(ws, FIRST_DATA_ROW, 1);
    lxw_row_t xr = (lxw_row_t)(FIRST_DATA_ROW + t->n_rows + 1);
    for (size_t i = 0; i < t->n_notes; i++)
        keep(&err, worksheet_write_string(ws, xr++, 0, t->notes[i], NULL));
    if (r->source)
        keep(&err, worksheet_write_string(ws, xr++, 0, r->source, NULL));
    if (t->chart)
        add_chart(wb, ws, name, t, xr + 1, f, r->lang, &err);
    if (err != LXW_NO_ERROR) {
        fs_msg_set(msg, "sheet \"%s\": %s", name, lxw_strerror(err));
        return FS_ERR_OUTPUT;
    }
    return FS_OK;
}

static fs_error write_workbook(const fs_report *r, const char *path, fs_msg *err)
{
    lxw_workbook_options wopt = {.constant_memory = LXW_FALSE, .tmpdir = NULL, .use_zip64 = LXW_FALSE};
    lxw_workbook *wb = workbook_new_opt(path, &wopt);
    if (!wb) {
        fs_msg_set(err, "libxlsxwriter could not create the workbook");
        return FS_ERR_OUTPUT;
    }
    lxw_doc_properties props = {0};
    props.title = r->n_tables ? r->tables[0]->title : "finsam-stats";
    props.author = "finsam-stats";
    props.created = r->created;
    workbook_set_properties(wb, &props);
    formats f;
    make_formats(wb, &f);
    fs_error fe = FS_OK;
    for (size_t i = 0; i < r->n_tables && !fe; i++)
        fe = write_sheet(wb, r, i, &f, err);
    lxw_error e = workbook_close(wb);
    if (fe)
        return fe;
    if (e != LXW_NO_ERROR) {
        fs_msg_set(err, "%s", lxw_strerror(e));
        return FS_ERR_OUTPUT;
    }
    return FS_OK;
}

fs_error fs_write_xlsx(const fs_report *r, const fs_write_options *o, FILE *fp, const char *path,
                       fs_msg *err)
{
    (void)o, (void)fp;
    fs_msg detail = {""};
    fs_error e = write_workbook(r, path, &detail);
    if (e)
        fs_msg_set(err, "cannot write the workbook: %s", detail.text);
    return e;
}
