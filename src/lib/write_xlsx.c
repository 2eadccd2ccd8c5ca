/* write_xlsx.c: one worksheet per table with libxlsxwriter: bold title and header, counts as
 * numbers, shares as the rounded percentage every other format prints (a number with a
 * percent format, so Excel shows the same figure), p-values with as many decimals as the
 * text shows and "<0,001" below 0.001, frozen header row, column widths from the content,
 * notes and the source line under the table, a native clustered bar chart beside it, and a
 * page set up for printing: A4 landscape, one page wide (the chart beside the table on the
 * first page, whole), the header row on every page. */
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
#define CHART_COLS 10 /* a chart 1.2 x 480 pixels wide over default 64-pixel columns */
#define CHART_ROWS 18 /* and 1.2 x 288 pixels tall over 20-pixel rows */
#define MAX_COLS 256  /* column widths kept for this many columns of a sheet */

typedef struct formats {
    lxw_format *title, *header, *bold, *count, *number[7], *pct[4], *p_small, *right;
    fs_numfmt text; /* how the text formats write numbers: for widths, p decimals, n (pct) */
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
    /* a p-value below 0.001 shows as "<0,001" (never as 0), its exact value in the cell */
    f->p_small = workbook_add_format(wb);
    format_set_num_format(f->p_small, f->text.decimal_comma ? "[<0.001]\"<0,001\";0.000"
                                                            : "[<0.001]\"<0.001\";0.000");
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
        return f->p_small;
    }
    return NULL;
}

/* The decimals the text formats give p (fs_format_p): the same figure in the cell. */
static lxw_format *p_format(const formats *f, double p)
{
    if (p < 0.001)
        return f->p_small;
    char text[32];
    fs_format_p(text, sizeof text, p, f->text.p_digits, 0);
    const char *dot = strchr(text, '.');
    size_t d = dot ? strlen(dot + 1) : 0;
    return f->number[d > 6 ? 6 : d];
}

/* Written columns: every one, or, with n (pct), all but the shares shown in their counts. */
static int written(const fs_table *t, size_t c, const formats *f)
{
    return fs_column_written(t, c, &f->text);
}

/* The worksheet column of table column c (the labels are column 0). */
static lxw_col_t xcol(const fs_table *t, size_t c, const formats *f)
{
    lxw_col_t x = 1;
    for (size_t k = 0; k < c; k++)
        x += (lxw_col_t)written(t, k, f);
    return x;
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
                       lxw_col_t xc, const formats *f, int as_number, lxw_error *err)
{
    const fs_cell *cell = &t->rows[r].cells[c];
    const fs_column *col = &t->cols[c];
    if (cell->suppressed) {
        char text[32];
        fs_numfmt plain = {0, 0, 0, 0};
        fs_cell_text(t, r, c, &plain, text, sizeof text);
        keep(err, worksheet_write_string(ws, row, xc, text, f->right));
    } else if (!as_number && f->text.n_pct && col->kind == FS_COL_COUNT &&
               fs_share_of(t, c) >= 0) {
        char text[FS_CELL_TEXT_MAX];
        fs_cell_text(t, r, c, &f->text, text, sizeof text);
        keep(err, worksheet_write_string(ws, row, xc, text, f->right));
    } else if (!isnan(cell->value)) {
        double v = cell->value;
        lxw_format *fmt = cell_format(f, col);
        if (col->kind == FS_COL_SHARE)
            v = (isnan(cell->shown) ? cell->value : cell->shown) / 100.0;
        else if (col->kind == FS_COL_PVALUE)
            fmt = p_format(f, v);
        keep(err, worksheet_write_number(ws, row, xc, v, fmt));
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

/* Where a table lies on its sheet. */
typedef struct place {
    lxw_row_t title, header, data; /* the title row, the header row, the first data row */
    lxw_row_t text_end;            /* the row below the notes (for the source line) */
    lxw_row_t next;                /* the first free row below the table and its chart */
    lxw_col_t last_col;            /* the last column used, the chart's included */
} place;

/* A chart of rows over the columns (a trend): categories are the header cells. */
static lxw_chart *row_chart(lxw_workbook *wb, const char *sheet, const fs_table *t,
                            const place *pl, const formats *f)
{
    lxw_chart *chart = workbook_add_chart(wb, t->chart->line ? LXW_CHART_LINE : LXW_CHART_COLUMN);
    if (!chart)
        return NULL;
    lxw_col_t c0 = xcol(t, 0, f), c1 = xcol(t, t->n_cols, f) - 1;
    size_t added = 0;
    for (size_t s = 0; s < t->chart->n_series && c1 >= c0; s++) {
        size_t r = 0;
        while (r < t->n_rows && strcmp(t->rows[r].key, t->chart->series[s]) != 0)
            r++;
        if (r == t->n_rows)
            continue;
        added++;
        lxw_chart_series *series = chart_add_series(chart, NULL, NULL);
        if (!series)
            return NULL;
        lxw_row_t row = (lxw_row_t)(pl->data + r);
        chart_series_set_categories(series, sheet, pl->header, c0, pl->header, c1);
        chart_series_set_values(series, sheet, row, c0, row, c1);
        chart_series_set_name_range(series, sheet, row, 0);
        if (t->chart->line)
            chart_series_set_marker_type(series, LXW_CHART_MARKER_AUTOMATIC);
    }
    /* no column to draw over, or none of its rows left (--hide-empty dropped them): no
     * chart, rather than a workbook libxlsxwriter refuses to write (found by fuzz_writers) */
    return added ? chart : NULL;
}

/* A chart of the level-0 rows (categories) by columns (series): bars by sex. Returns the
 * row below the chart's data block when it needed one. */
static lxw_chart *column_chart(lxw_workbook *wb, lxw_worksheet *ws, const char *sheet,
                               const fs_table *t, const place *pl, lxw_row_t block,
                               lxw_row_t *below, const formats *f, const char *lang,
                               lxw_error *err)
{
    size_t first = 0, n = 0;
    lxw_row_t data_row;
    /* with n (pct) the counts are text: the chart reads a block of numbers below */
    int contiguous = chart_rows_contiguous(t, &first, &n) && !f->text.n_pct;
    *below = block;
    if (n == 0)
        return NULL;
    int cols[FS_CHART_MAX_SERIES];
    for (size_t s = 0; s < t->chart->n_series; s++)
        if ((cols[s] = fs_table_col(t, t->chart->series[s])) < 0)
            return NULL;
    if (contiguous) {
        data_row = (lxw_row_t)(pl->data + first);
    } else {
        /* detail rows interleave: write the chart's data as a small block below */
        keep(err, worksheet_write_string(ws, block, 0, fs_tr(lang, "Chart data"), f->bold));
        data_row = block + 1;
        size_t k = 0;
        for (size_t r = 0; r < t->n_rows; r++) {
            if (t->rows[r].level != 0 || t->rows[r].is_total)
                continue;
            keep(err, worksheet_write_string(ws, (lxw_row_t)(data_row + k), 0, t->rows[r].label, NULL));
            for (size_t s = 0; s < t->chart->n_series; s++)
                write_cell(ws, t, r, (size_t)cols[s], (lxw_row_t)(data_row + k),
                           xcol(t, (size_t)cols[s], f), f, 1, err);
            k++;
        }
        *below = (lxw_row_t)(data_row + k + 1);
    }
    lxw_chart *chart = workbook_add_chart(wb, t->chart->horizontal ? LXW_CHART_BAR : LXW_CHART_COLUMN);
    if (!chart)
        return NULL;
    for (size_t s = 0; s < t->chart->n_series; s++) {
        lxw_chart_series *series = chart_add_series(chart, NULL, NULL);
        if (!series)
            return NULL;
        lxw_col_t vc = xcol(t, (size_t)cols[s], f);
        chart_series_set_categories(series, sheet, data_row, 0, (lxw_row_t)(data_row + n - 1), 0);
        chart_series_set_values(series, sheet, data_row, vc, (lxw_row_t)(data_row + n - 1), vc);
        chart_series_set_name(series, t->cols[cols[s]].label);
    }
    if (t->chart->horizontal)
        chart_axis_set_reverse(chart->y_axis); /* first group on top, as in the table */
    return chart;
}

/* A diverging stacked bar chart (fs_chart.diverging): a data block below the table, a row
 * per series (a group) and a column per category with its share, negative for the
 * categories left of zero; one stacked series per category; the axis shows magnitudes. */
static lxw_chart *diverging_chart(lxw_workbook *wb, lxw_worksheet *ws, const char *sheet,
                                  const fs_table *t, lxw_row_t block, lxw_row_t *below,
                                  const formats *f, const char *lang, lxw_error *err)
{
    const fs_chart *ch = t->chart;
    size_t rows[64], nc = 0;
    for (size_t r = 0; r < t->n_rows && nc < 64; r++)
        if (t->rows[r].level == 0 && !t->rows[r].is_total)
            rows[nc++] = r;
    *below = block;
    if (!nc || !ch->n_series || ch->agree_from + ch->agree_n > nc)
        return NULL;
    keep(err, worksheet_write_string(ws, block, 0, fs_tr(lang, "Chart data"), f->bold));
    for (size_t k = 0; k < nc; k++)
        keep(err, worksheet_write_string(ws, block + 1, (lxw_col_t)(k + 1), t->rows[rows[k]].label,
                                         f->bold));
    for (size_t s = 0; s < ch->n_series; s++) {
        int c = fs_table_col(t, ch->series[s]);
        lxw_row_t xr = (lxw_row_t)(block + 2 + s);
        keep(err, worksheet_write_string(ws, xr, 0, c >= 0 ? t->cols[c].label : ch->series[s], NULL));
        for (size_t k = 0; c >= 0 && k < nc; k++) {
            const fs_cell *cell = &t->rows[rows[k]].cells[c];
            if (cell->suppressed || isnan(cell->value))
                continue;
            double v = isnan(cell->shown) ? cell->value : cell->shown;
            int agree = k >= ch->agree_from && k < ch->agree_from + ch->agree_n;
            keep(err, worksheet_write_number(ws, xr, (lxw_col_t)(k + 1), agree ? v : -v, NULL));
        }
    }
    *below = (lxw_row_t)(block + 2 + ch->n_series + 1);
    lxw_chart *chart = workbook_add_chart(wb, LXW_CHART_BAR_STACKED);
    if (!chart)
        return NULL;
    /* stacked from zero outwards: the series in order of their distance from zero; the
     * agreeing blues, the others orange and striped (as the HTML chart) */
    static const lxw_color_t blues[] = {0x9ECAE1, 0x4292C6, 0x08519C, 0x08306B};
    static const lxw_color_t oranges[] = {0xFDAE6B, 0xF16913, 0xA63603, 0x7F2704};
    lxw_row_t r0 = block + 2, r1 = (lxw_row_t)(block + 1 + ch->n_series);
    int agree_first = ch->agree_from == 0;
    for (size_t st = 0; st < nc; st++)
        for (size_t k = 0; k < nc; k++) {
            int agree = k >= ch->agree_from && k < ch->agree_from + ch->agree_n;
            size_t step = agree ? (agree_first ? ch->agree_n - 1 - k : k - ch->agree_from)
                                : (agree_first ? k - ch->agree_n : ch->agree_from - 1 - k);
            if (step != st)
                continue;
            lxw_chart_series *series = chart_add_series(chart, NULL, NULL);
            if (!series)
                return NULL;
            chart_series_set_categories(series, sheet, r0, 0, r1, 0);
            chart_series_set_values(series, sheet, r0, (lxw_col_t)(k + 1), r1, (lxw_col_t)(k + 1));
            chart_series_set_name_range(series, sheet, block + 1, (lxw_col_t)(k + 1));
            if (agree) {
                lxw_chart_fill fill = {.color = blues[st < 4 ? st : 3]};
                chart_series_set_fill(series, &fill);
            } else {
                lxw_chart_pattern pat = {.fg_color = oranges[st < 4 ? st : 3],
                                         .bg_color = 0xFFFFFF,
                                         .type = LXW_CHART_PATTERN_WIDE_UPWARD_DIAGONAL};
                chart_series_set_pattern(series, &pat);
            }
        }
    chart_axis_set_label_position(chart->y_axis, LXW_CHART_AXIS_LABEL_POSITION_LOW);
    chart_set_series_overlap(chart, 100);
    chart_axis_set_num_format(chart->x_axis, "0;0");
    chart_axis_set_min(chart->x_axis, -100);
    chart_axis_set_max(chart->x_axis, 100);
    chart_axis_set_reverse(chart->y_axis); /* the first group on top, as in the table */
    return chart;
}

/* Writes t at row `top` of ws; fills *pl. Column widths grow to the content in widths[]. */
static void write_table(lxw_workbook *wb, lxw_worksheet *ws, const char *sheet,
                        const fs_report *r, const fs_table *t, lxw_row_t top, const formats *f,
                        double *widths, place *pl, lxw_error *err)
{
    pl->title = top;
    pl->header = top + 2;
    pl->data = top + 3;
    keep(err, worksheet_write_string(ws, pl->title, 0, t->title, f->title));
    keep(err, worksheet_write_string(ws, pl->header, 0, "", f->header));
    for (size_t c = 0; c < t->n_cols; c++) {
        if (!written(t, c, f))
            continue;
        lxw_col_t xc = xcol(t, c, f);
        keep(err, worksheet_write_string(ws, pl->header, xc, t->cols[c].label, f->header));
        /* as wide as the widest of the label and the cells as the text output writes them */
        size_t w = fs_utf8_width(t->cols[c].label);
        for (size_t rr = 0; rr < t->n_rows; rr++) {
            char text[FS_CELL_TEXT_MAX];
            fs_cell_text(t, rr, c, &f->text, text, sizeof text);
            if (fs_utf8_width(text) > w)
                w = fs_utf8_width(text);
        }
        double cw = (double)w + 3;
        cw = cw < 8 ? 8 : cw > 40 ? 40 : cw;
        if (xc < MAX_COLS && cw > widths[xc])
            widths[xc] = cw;
    }
    for (size_t rr = 0; rr < t->n_rows; rr++) {
        const fs_row *row = &t->rows[rr];
        lxw_row_t xr = (lxw_row_t)(pl->data + rr);
        char *label = fs_asprintf("%*s%s", 2 * row->level, "", row->label);
        keep(err, worksheet_write_string(ws, xr, 0, label ? label : row->label,
                                         row->is_total ? f->bold : NULL));
        double w = (double)fs_utf8_width(label ? label : row->label) + 2;
        if (w > widths[0])
            widths[0] = w > 60 ? 60 : w;
        free(label);
        for (size_t c = 0; c < t->n_cols; c++)
            if (written(t, c, f))
                write_cell(ws, t, rr, c, xr, xcol(t, c, f), f, 0, err);
    }
    lxw_row_t xr = (lxw_row_t)(pl->data + t->n_rows + 1);
    for (size_t i = 0; i < t->n_notes; i++)
        keep(err, worksheet_write_string(ws, xr++, 0, t->notes[i], NULL));
    pl->text_end = xr;
    pl->next = xr + 1;
    pl->last_col = xcol(t, t->n_cols, f) - 1;
    if (!t->chart)
        return;
    /* a chart's data block, when it needs one, leaves a row for the source line */
    lxw_row_t below = xr + 1;
    lxw_chart *chart = t->chart->by_row      ? row_chart(wb, sheet, t, pl, f)
                       : t->chart->diverging ? diverging_chart(wb, ws, sheet, t, xr + 2, &below,
                                                               f, r->lang, err)
                                             : column_chart(wb, ws, sheet, t, pl, xr + 2, &below,
                                                            f, r->lang, err);
    if (!chart)
        return;
    chart_title_set_name(chart, t->chart->title);
    chart_legend_set_position(chart, LXW_CHART_LEGEND_BOTTOM);
    /* to the right of the table, at its header row: on the table's first printed page,
     * whole (the page is one page wide, so the table and the chart share its width) */
    lxw_chart_options opt = {.x_offset = 15, .y_offset = 0, .x_scale = 1.2, .y_scale = 1.2};
    keep(err, worksheet_insert_chart_opt(ws, pl->header, pl->last_col + 1, chart, &opt));
    /* the chart's cells (spreadsheets size a printed page by the cells, not the drawings):
     * about ten default columns and eighteen rows from its corner */
    pl->last_col += 1 + CHART_COLS;
    if (pl->next < pl->header + CHART_ROWS)
        pl->next = pl->header + CHART_ROWS;
    if (below > pl->next)
        pl->next = below;
}

/* Names a new sheet after t (Excel's rules) and adds it; NULL with msg set on failure. */
static lxw_worksheet *new_sheet(lxw_workbook *wb, const fs_table *t, char *name, size_t namesz,
                                fs_msg *msg)
{
    sheet_name(wb, t, name, namesz);
    lxw_worksheet *ws = workbook_add_worksheet(wb, name);
    if (!ws)
        fs_msg_set(msg, "a worksheet \"%s\" could not be added", name);
    return ws;
}

/* The set-up of a finished sheet: column widths, frozen header (a sheet of one table),
 * printing on A4 landscape one page wide, the header row on every page. */
/* A4 landscape with the default margins: the printable width in pixels (at 96 dpi) and
 * height in points; a row is 15 points. */
#define PRINT_WIDTH_PX 985.0
#define PRINT_HEIGHT_PT 480.0
#define ROW_PT 15.0
#define MAX_BLOCKS 512

/* The tables of a sheet, as blocks of rows (a table and the chart beside it). */
typedef struct blocks {
    lxw_row_t top[MAX_BLOCKS], end[MAX_BLOCKS];
    size_t n;
} blocks;

/* The set-up of a finished sheet: column widths, frozen header (a sheet of one table),
 * printing on A4 landscape one page wide, the header row on every page. A sheet of one
 * table is fitted to the page width; a sheet of several (a report's) is printed at the
 * scale that fits its width, with a page break before a table that would not fit below
 * the one before, so that no table or chart is cut across pages (spreadsheets ignore page
 * breaks when they fit a sheet to the page). */
static void finish_sheet(lxw_worksheet *ws, const double *widths, lxw_col_t last_col,
                         lxw_row_t last_row, const blocks *b, lxw_row_t header, lxw_error *err)
{
    double px = 0;
    for (lxw_col_t c = 0; c <= last_col && c < MAX_COLS; c++) {
        if (widths[c] > 0)
            worksheet_set_column(ws, c, c, widths[c], NULL);
        px += widths[c] > 0 ? 7 * widths[c] + 5 : 64; /* Excel's pixels of a width */
    }
    worksheet_set_landscape(ws);
    worksheet_set_paper(ws, 9);
    worksheet_fit_to_pages(ws, 1, 0);
    if (b->n <= 1) {
        worksheet_freeze_panes(ws, header + 1, 1);
        keep(err, worksheet_repeat_rows(ws, header, header));
    } else {
        /* a page break before a table that would not fit below the one before, at the
         * scale that fits the width (for the spreadsheets that keep manual breaks) */
        double scale = 0.85 * PRINT_WIDTH_PX / (px > 1 ? px : 1);
        scale = scale > 1 ? 1 : scale < 0.1 ? 0.1 : scale;
        double rows_per_page = PRINT_HEIGHT_PT / (ROW_PT * scale);
        lxw_row_t breaks[MAX_BLOCKS + 1];
        size_t nb = 0;
        lxw_row_t page_top = 0;
        for (size_t i = 0; i < b->n; i++) {
            if (i && (double)(b->end[i] - page_top) > rows_per_page && nb < MAX_BLOCKS) {
                breaks[nb++] = b->top[i];
                page_top = b->top[i];
            }
        }
        breaks[nb] = 0;
        if (nb)
            keep(err, worksheet_set_h_pagebreaks(ws, breaks));
    }
    keep(err, worksheet_print_area(ws, 0, 0, last_row, last_col));
}

static fs_error write_workbook(const fs_report *r, const fs_write_options *o, const char *path,
                               fs_msg *err)
{
    lxw_workbook_options wopt = {.constant_memory = LXW_FALSE, .tmpdir = NULL, .use_zip64 = LXW_FALSE};
    lxw_workbook *wb = workbook_new_opt(path, &wopt);
    if (!wb) {
        fs_msg_set(err, "libxlsxwriter could not create the workbook");
        return FS_ERR_OUTPUT;
    }
    lxw_doc_properties props = {0};
    props.title = r->doc_title ? r->doc_title : r->n_tables ? r->tables[0]->title : "finsam-stats";
    props.subject = r->doc_subject;
    props.comments = r->doc_comments;
    props.author = "finsam-stats";
    props.created = r->created;
    workbook_set_properties(wb, &props);
    formats f;
    f.text = fs_numfmt_text(r->lang, o->p_digits, o->n_pct);
    make_formats(wb, &f);
    fs_error fe = FS_OK;
    lxw_error le = LXW_NO_ERROR;
    lxw_worksheet *ws = NULL;
    char name[128] = "";
    double widths[MAX_COLS];
    lxw_row_t next = 0, first_header = 0, source_row = 0;
    lxw_col_t last_col = 0;
    size_t tables_on_sheet = 0;
    blocks blk;
    for (size_t i = 0; i <= r->n_tables && !fe; i++) {
        const fs_table *t = i < r->n_tables ? r->tables[i] : NULL;
        if (ws && (!t || !t->continues)) {
            /* the sheet is done: the source line under its last table, then the set-up */
            if (r->source)
                keep(&le, worksheet_write_string(ws, source_row, 0, r->source, NULL));
            finish_sheet(ws, widths, last_col, next, &blk, first_header, &le);
            ws = NULL;
        }
        if (!t)
            break;
        if (!ws) {
            if (!(ws = new_sheet(wb, t, name, sizeof name, err))) {
                fe = FS_ERR_OUTPUT;
                break;
            }
            memset(widths, 0, sizeof widths);
            blk.n = 0;
            next = 0;
            last_col = 0;
            tables_on_sheet = 0;
        } else {
            next += 1; /* a blank row between two tables of one sheet */
        }
        place pl;
        write_table(wb, ws, name, r, t, next, &f, widths, &pl, &le);
        if (tables_on_sheet++ == 0)
            first_header = pl.header;
        if (blk.n < MAX_BLOCKS) {
            blk.top[blk.n] = pl.title;
            blk.end[blk.n++] = pl.next;
        }
        next = pl.next;
        source_row = pl.text_end;
        if (pl.last_col > last_col)
            last_col = pl.last_col;
        if (le != LXW_NO_ERROR) {
            fs_msg_set(err, "sheet \"%s\": %s", name, lxw_strerror(le));
            fe = FS_ERR_OUTPUT;
        }
    }
    lxw_error e = workbook_close(wb);
    if (fe)
        return fe;
    if (le != LXW_NO_ERROR) {
        fs_msg_set(err, "sheet \"%s\": %s", name, lxw_strerror(le));
        return FS_ERR_OUTPUT;
    }
    if (e != LXW_NO_ERROR) {
        fs_msg_set(err, "%s", lxw_strerror(e));
        return FS_ERR_OUTPUT;
    }
    return FS_OK;
}

fs_error fs_write_xlsx(const fs_report *r, const fs_write_options *o, FILE *fp, const char *path,
                       fs_msg *err)
{
    (void)fp;
    fs_msg detail = {""};
    fs_error e = write_workbook(r, o, path, &detail);
    if (e)
        fs_msg_set(err, "cannot write the workbook: %s", detail.text);
    return e;
}
