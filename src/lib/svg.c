/* svg.c: a table's chart as inline SVG (svg.h). */
#include "finsam/svg.h"

#include <math.h>
#include <string.h>

#include "finsam/text.h"

/* Series styles: fills that differ in lightness (dark blue, light orange, mid grey, ...;
 * the Okabe-Ito hues, apart for colour-blind readers), each after the first with its own
 * pattern, and for lines a dash and a marker shape. */
static const char *const fills[] = {"#1f4e79", "#e69f00", "#8c8c8c", "#56b4e9",
                                    "#009e73", "#cc79a7", "#d55e00", "#f0e442"};
static const char *const dashes[] = {"", "7 4", "2 3", "9 3 2 3", "4 4", "1 2", "12 4", "3 6"};
#define N_STYLES (sizeof fills / sizeof fills[0])
_Static_assert(N_STYLES >= FS_CHART_MAX_SERIES, "a style for every series");

#define FONT 13
#define CHAR_W 7.2  /* the width of an average character at FONT, for the layout */

void fs_html_text(FILE *fp, const char *s)
{
    for (; *s; s++) {
        switch (*s) {
        case '&': fputs("&amp;", fp); break;
        case '<': fputs("&lt;", fp); break;
        case '>': fputs("&gt;", fp); break;
        case '"': fputs("&quot;", fp); break;
        case '\'': fputs("&#39;", fp); break;
        default: fputc(*s, fp);
        }
    }
}

/* A length: two decimals at most, no trailing zeros, never a comma. */
static void num(FILE *fp, double v)
{
    char b[32];
    snprintf(b, sizeof b, "%.2f", fabs(v) < 0.005 ? 0.0 : v);
    char *e = b + strlen(b) - 1;
    while (*e == '0')
        *e-- = '\0';
    if (*e == '.')
        *e = '\0';
    fputs(b, fp);
}

double fs_svg_axis_max(double max, double *step)
{
    if (!(max > 0)) {
        *step = 1;
        return 4;
    }
    double raw = max / 5, p = pow(10, floor(log10(raw))), f = raw / p;
    double s = (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * p;
    /* whole numbers step by whole numbers: a count of 3 has grid lines at 1, 2, 3 */
    if (s < 1 && max == floor(max))
        s = 1;
    *step = s;
    return ceil(max / s - 1e-9) * s;
}

/* The columns of the series of a bar chart, or -1 for a series the table lacks. */
static size_t series_cols(const fs_table *t, int *cols)
{
    for (size_t s = 0; s < t->chart->n_series; s++)
        cols[s] = fs_table_col(t, t->chart->series[s]);
    return t->chart->n_series;
}

/* The rows of the series of a chart by row, or -1. */
static size_t series_rows(const fs_table *t, long *rows)
{
    for (size_t s = 0; s < t->chart->n_series; s++) {
        rows[s] = -1;
        for (size_t r = 0; r < t->n_rows; r++)
            if (strcmp(t->rows[r].key, t->chart->series[s]) == 0)
                rows[s] = (long)r;
    }
    return t->chart->n_series;
}

static int drawable(const fs_cell *c)
{
    return !c->suppressed && isfinite(c->value);
}

double fs_svg_chart_max(const fs_table *t)
{
    double max = 0;
    if (!t->chart)
        return 0;
    if (t->chart->by_row) {
        long rows[FS_CHART_MAX_SERIES];
        size_t n = series_rows(t, rows);
        for (size_t s = 0; s < n; s++)
            for (size_t c = 0; rows[s] >= 0 && c < t->n_cols; c++)
                if (drawable(&t->rows[rows[s]].cells[c]))
                    max = fmax(max, t->rows[rows[s]].cells[c].value);
        return max;
    }
    int cols[FS_CHART_MAX_SERIES];
    size_t n = series_cols(t, cols);
    for (size_t r = 0; r < t->n_rows; r++) {
        if (t->rows[r].level != 0 || t->rows[r].is_total)
            continue;
        for (size_t s = 0; s < n; s++)
            if (cols[s] >= 0 && drawable(&t->rows[r].cells[cols[s]]))
                max = fmax(max, t->rows[r].cells[cols[s]].value);
    }
    return max;
}

/* The label of series s. */
static const char *series_label(const fs_table *t, size_t s)
{
    if (t->chart->by_row) {
        for (size_t r = 0; r < t->n_rows; r++)
            if (strcmp(t->rows[r].key, t->chart->series[s]) == 0)
                return t->rows[r].label;
    } else {
        int c = fs_table_col(t, t->chart->series[s]);
        if (c >= 0)
            return t->cols[c].label;
    }
    return t->chart->series[s];
}

static void patterns(FILE *fp, const char *id, size_t n)
{
    fputs("<defs>", fp);
    for (size_t s = 1; s < n; s++) {
        fprintf(fp, "<pattern id=\"%s-p%zu\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\"",
                id, s);
        if (s % 4 == 1)
            fputs(" patternTransform=\"rotate(45)\"", fp);
        fprintf(fp, "><rect width=\"6\" height=\"6\" fill=\"%s\"/>", fills[s]);
        switch (s % 4) {
        case 1: /* diagonal stripes */
            fputs("<rect width=\"2\" height=\"6\" fill=\"#fff\" fill-opacity=\"0.7\"/>", fp);
            break;
        case 2: /* dots */
            fputs("<circle cx=\"3\" cy=\"3\" r=\"1.2\" fill=\"#fff\" fill-opacity=\"0.8\"/>", fp);
            break;
        case 3: /* horizontal stripes */
            fputs("<rect width=\"6\" height=\"2\" fill=\"#fff\" fill-opacity=\"0.7\"/>", fp);
            break;
        default: /* a grid */
            fputs("<rect width=\"1.5\" height=\"6\" fill=\"#fff\" fill-opacity=\"0.7\"/>"
                  "<rect width=\"6\" height=\"1.5\" fill=\"#fff\" fill-opacity=\"0.7\"/>", fp);
        }
        fputs("</pattern>", fp);
    }
    fputs("</defs>", fp);
}

static void fill_of(FILE *fp, const char *id, size_t s)
{
    if (s == 0)
        fprintf(fp, "fill=\"%s\"", fills[0]);
    else
        fprintf(fp, "fill=\"url(#%s-p%zu)\"", id, s);
}

/* A marker of shape s % 4 (circle, square, triangle, diamond) at (x, y). */
static void marker(FILE *fp, size_t s, double x, double y)
{
    switch (s % 4) {
    case 0:
        fputs("<circle r=\"4\" cx=\"", fp), num(fp, x), fputs("\" cy=\"", fp), num(fp, y);
        break;
    case 1:
        fputs("<rect width=\"8\" height=\"8\" x=\"", fp), num(fp, x - 4), fputs("\" y=\"", fp);
        num(fp, y - 4);
        break;
    case 2:
        fputs("<path d=\"M", fp), num(fp, x), fputc(' ', fp), num(fp, y - 5), fputs("l5 9h-10z", fp);
        break;
    default:
        fputs("<path d=\"M", fp), num(fp, x), fputc(' ', fp), num(fp, y - 5);
        fputs("l5 5-5 5-5-5z", fp);
    }
    fprintf(fp, "\" fill=\"%s\" stroke=\"#fff\" stroke-width=\"1\"/>", fills[s]);
}

/* Text cut to at most max characters (UTF-8), with an ellipsis when cut. */
static void cut_text(FILE *fp, const char *s, size_t max)
{
    if (fs_utf8_width(s) <= max) {
        fs_html_text(fp, s);
        return;
    }
    size_t n = 0;
    const char *p = s;
    while (*p && n + 1 < max) {
        p++;
        while ((*p & 0xC0) == 0x80)
            p++;
        n++;
    }
    char buf[512];
    size_t len = (size_t)(p - s) < sizeof buf - 1 ? (size_t)(p - s) : sizeof buf - 1;
    memcpy(buf, s, len);
    buf[len] = '\0';
    fs_html_text(fp, buf);
    fputs("\xE2\x80\xA6", fp);
}

/* The legend from y: a swatch (or line and marker) and the label of each series, wrapping
 * at width w. Returns the height used; with fp NULL only measures. */
static double legend(FILE *fp, const fs_table *t, const char *id, double x0, double y, double w,
                     int line)
{
    double x = x0, top = y;
    for (size_t s = 0; s < t->chart->n_series; s++) {
        const char *label = series_label(t, s);
        double need = 26 + (double)fs_utf8_width(label) * CHAR_W * 0.9 + 16;
        if (x > x0 && x + need > x0 + w) {
            x = x0;
            y += 20;
        }
        if (fp && line) {
            fprintf(fp, "<line x1=\"%g\" y1=\"%g\" x2=\"%g\" y2=\"%g\" stroke=\"%s\" stroke-width=\"2\"",
                    x, y + 6, x + 20, y + 6, fills[s]);
            if (*dashes[s])
                fprintf(fp, " stroke-dasharray=\"%s\"", dashes[s]);
            fputs("/>", fp);
            marker(fp, s, x + 10, y + 6);
        } else if (fp) {
            fprintf(fp, "<rect x=\"%g\" y=\"%g\" width=\"14\" height=\"12\" ", x, y);
            fill_of(fp, id, s);
            fputs(" stroke=\"#333\" stroke-width=\"0.5\"/>", fp);
        }
        if (fp) {
            fprintf(fp, "<text x=\"%g\" y=\"%g\" font-size=\"12\">", x + 26, y + 10);
            fs_html_text(fp, label);
            fputs("</text>", fp);
        }
        x += need;
    }
    return y + 20 - top;
}

static void open_svg(FILE *fp, const fs_table *t, const fs_svg_options *o, double w, double h)
{
    fprintf(fp, "<svg class=\"chart\" role=\"img\" aria-labelledby=\"%s-t\" viewBox=\"0 0 ", o->id);
    num(fp, w), fputc(' ', fp), num(fp, h);
    fputs("\" width=\"", fp), num(fp, w), fputs("\" height=\"", fp), num(fp, h);
    fprintf(fp, "\" font-family=\"sans-serif\" font-size=\"%d\"><title id=\"%s-t\">", FONT, o->id);
    fs_html_text(fp, t->chart->title);
    if (o->compact && t->multiple_label) {
        fputs(", ", fp);
        fs_html_text(fp, t->multiple_label);
    }
    fputs("</title>", fp);
}

/* Grid lines and their values under a horizontal scale from x0 over plot width p. */
static void x_grid(FILE *fp, double x0, double p, double y0, double y1, double axis, double step,
                   const fs_numfmt *f)
{
    for (double v = 0; v <= axis + step / 2; v += step) {
        double x = x0 + v / axis * p;
        char b[64];
        fs_format_grouped(b, sizeof b, v, step < 1 ? (step < 0.1 ? 2 : 1) : 0, f->decimal_comma);
        fputs("<line x1=\"", fp), num(fp, x), fputs("\" x2=\"", fp), num(fp, x);
        fputs("\" y1=\"", fp), num(fp, y0), fputs("\" y2=\"", fp), num(fp, y1);
        fprintf(fp, "\" stroke=\"%s\" stroke-width=\"1\"/>", v == 0 ? "#333" : "#ddd");
        fputs("<text text-anchor=\"middle\" font-size=\"11\" fill=\"#555\" x=\"", fp), num(fp, x);
        fputs("\" y=\"", fp), num(fp, y1 + 14), fprintf(fp, "\">%s</text>", b);
    }
}

/* Horizontal bars: a group per level-0 non-total row, a bar per series. */
static void bars(FILE *fp, const fs_table *t, const fs_svg_options *o, const fs_numfmt *f)
{
    int cols[FS_CHART_MAX_SERIES];
    size_t ns = series_cols(t, cols), ncat = 0, longest = 0;
    for (size_t r = 0; r < t->n_rows; r++)
        if (t->rows[r].level == 0 && !t->rows[r].is_total) {
            ncat++;
            size_t w = fs_utf8_width(t->rows[r].label);
            longest = w > longest ? w : longest;
        }
    if (!ncat || !ns)
        return;
    double W = o->compact ? 420 : 640, bar_h = o->compact ? 12 : 16, gap = 10;
    size_t max_chars = (size_t)(W * (o->compact ? 0.45 : 0.4) / CHAR_W);
    if (longest > max_chars)
        longest = max_chars;
    double label_w = (double)(longest < 6 ? 6 : longest) * CHAR_W;
    double x0 = label_w + 10, value_w = 58, p = W - x0 - value_w;
    double top = o->compact ? 6 : 30, group_h = (double)ns * bar_h + (double)(ns - 1) * 2;
    double plot_bottom = top + (double)ncat * (group_h + gap) - gap + 6;
    double step, axis = fs_svg_axis_max(o->max > 0 ? o->max : fs_svg_chart_max(t), &step);
    double leg_h = legend(NULL, t, o->id, 0, 0, W - 20, 0);
    double H = plot_bottom + 24 + leg_h + 6;

    open_svg(fp, t, o, W, H);
    patterns(fp, o->id, ns);
    if (!o->compact) {
        fputs("<text x=\"0\" y=\"18\" font-size=\"15\" font-weight=\"bold\">", fp);
        fs_html_text(fp, t->chart->title);
        fputs("</text>", fp);
    }
    x_grid(fp, x0, p, top - 4, plot_bottom, axis, step, f);
    size_t k = 0;
    for (size_t r = 0; r < t->n_rows; r++) {
        const fs_row *row = &t->rows[r];
        if (row->level != 0 || row->is_total)
            continue;
        double gy = top + (double)k * (group_h + gap);
        fputs("<text text-anchor=\"end\" dy=\".35em\" x=\"", fp), num(fp, x0 - 6);
        fputs("\" y=\"", fp), num(fp, gy + group_h / 2), fputs("\">", fp);
        if (fs_utf8_width(row->label) > max_chars) {
            fputs("<title>", fp), fs_html_text(fp, row->label), fputs("</title>", fp);
        }
        cut_text(fp, row->label, max_chars);
        fputs("</text>", fp);
        for (size_t s = 0; s < ns; s++) {
            if (cols[s] < 0)
                continue;
            const fs_cell *cell = &row->cells[cols[s]];
            char text[FS_CELL_TEXT_MAX];
            fs_cell_text(t, r, (size_t)cols[s], f, text, sizeof text);
            if (!*text)
                continue;
            double y = gy + (double)s * (bar_h + 2), len = 0;
            if (drawable(cell)) {
                len = fmax(0, cell->value) / axis * p;
                fputs("<rect class=\"bar\" x=\"", fp), num(fp, x0), fputs("\" y=\"", fp), num(fp, y);
                fputs("\" width=\"", fp), num(fp, len), fputs("\" height=\"", fp), num(fp, bar_h);
                fputs("\" ", fp);
                fill_of(fp, o->id, s);
                fputs(" stroke=\"#333\" stroke-width=\"0.5\"><title>", fp);
                fs_html_text(fp, row->label), fputs(", ", fp);
                fs_html_text(fp, series_label(t, s)), fprintf(fp, ": %s</title></rect>", text);
            }
            fputs("<text class=\"value\" dy=\".35em\" font-size=\"12\" x=\"", fp);
            num(fp, x0 + len + 4), fputs("\" y=\"", fp), num(fp, y + bar_h / 2), fputs("\">", fp);
            fs_html_text(fp, text);
            fputs("</text>", fp);
        }
        k++;
    }
    legend(fp, t, o->id, 10, plot_bottom + 24, W - 20, 0);
    fputs("</svg>", fp);
}

/* Lines: a series per row, over the columns. */
static void lines(FILE *fp, const fs_table *t, const fs_svg_options *o, const fs_numfmt *f)
{
    long rows[FS_CHART_MAX_SERIES];
    size_t ns = series_rows(t, rows), nc = t->n_cols;
    if (!ns || !nc)
        return;
    double W = o->compact ? 420 : 640, top = o->compact ? 16 : 44, plot_h = o->compact ? 140 : 220;
    double x0 = 56, x1 = W - 16, bottom = top + plot_h, dx = (x1 - x0) / (double)nc;
    double step, axis = fs_svg_axis_max(o->max > 0 ? o->max : fs_svg_chart_max(t), &step);
    double leg_h = legend(NULL, t, o->id, 0, 0, W - 20, 1);
    double H = bottom + 26 + leg_h + 6;

    open_svg(fp, t, o, W, H);
    if (!o->compact) {
        fputs("<text x=\"0\" y=\"18\" font-size=\"15\" font-weight=\"bold\">", fp);
        fs_html_text(fp, t->chart->title);
        fputs("</text>", fp);
    }
    for (double v = 0; v <= axis + step / 2; v += step) {
        double y = bottom - v / axis * plot_h;
        char b[64];
        fs_format_grouped(b, sizeof b, v, step < 1 ? (step < 0.1 ? 2 : 1) : 0, f->decimal_comma);
        fputs("<line x1=\"", fp), num(fp, x0), fputs("\" x2=\"", fp), num(fp, x1);
        fputs("\" y1=\"", fp), num(fp, y), fputs("\" y2=\"", fp), num(fp, y);
        fprintf(fp, "\" stroke=\"%s\" stroke-width=\"1\"/>", v == 0 ? "#333" : "#ddd");
        fputs("<text text-anchor=\"end\" dy=\".35em\" font-size=\"11\" fill=\"#555\" x=\"", fp);
        num(fp, x0 - 6), fputs("\" y=\"", fp), num(fp, y), fprintf(fp, "\">%s</text>", b);
    }
    for (size_t c = 0; c < nc; c++) {
        fputs("<text text-anchor=\"middle\" font-size=\"12\" x=\"", fp);
        num(fp, x0 + ((double)c + 0.5) * dx), fputs("\" y=\"", fp), num(fp, bottom + 16);
        fputs("\">", fp), fs_html_text(fp, t->cols[c].label), fputs("</text>", fp);
    }
    for (size_t s = 0; s < ns; s++) {
        if (rows[s] < 0)
            continue;
        const fs_row *row = &t->rows[rows[s]];
        fprintf(fp, "<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"2.5\"", fills[s]);
        if (*dashes[s])
            fprintf(fp, " stroke-dasharray=\"%s\"", dashes[s]);
        fputs(" points=\"", fp);
        int any = 0;
        for (size_t c = 0; c < nc; c++)
            if (drawable(&row->cells[c])) {
                if (any++)
                    fputc(' ', fp);
                num(fp, x0 + ((double)c + 0.5) * dx), fputc(',', fp);
                num(fp, bottom - fmax(0, row->cells[c].value) / axis * plot_h);
            }
        fputs("\"/>", fp);
        for (size_t c = 0; c < nc; c++) {
            char text[FS_CELL_TEXT_MAX];
            fs_cell_text(t, (size_t)rows[s], c, f, text, sizeof text);
            if (!*text)
                continue;
            double x = x0 + ((double)c + 0.5) * dx;
            double y = drawable(&row->cells[c]) ? bottom - fmax(0, row->cells[c].value) / axis * plot_h
                                                : bottom;
            if (drawable(&row->cells[c]))
                marker(fp, s, x, y);
            fputs("<text class=\"value\" text-anchor=\"middle\" font-size=\"11\" x=\"", fp);
            num(fp, x), fputs("\" y=\"", fp), num(fp, y - 8), fputs("\">", fp);
            fs_html_text(fp, text), fputs("</text>", fp);
        }
    }
    legend(fp, t, o->id, 10, bottom + 26, W - 20, 1);
    fputs("</svg>", fp);
}

/* Diverging stacked bars: a bar per series (a share column), its categories stacked from
 * zero outwards, the agreeing ones to the right (blues), the others to the left (oranges,
 * striped), on a fixed scale of 100 % each way; each segment wide enough carries its
 * share, and every segment its value in a <title>. */
static const char *const agree_fills[] = {"#9ecae1", "#4292c6", "#08519c", "#08306b"};
static const char *const other_fills[] = {"#fdae6b", "#f16913", "#a63603", "#7f2704"};

static void diverging(FILE *fp, const fs_table *t, const fs_svg_options *o, const fs_numfmt *f)
{
    size_t rows[64], nc = 0;
    for (size_t r = 0; r < t->n_rows && nc < 64; r++)
        if (t->rows[r].level == 0 && !t->rows[r].is_total)
            rows[nc++] = r;
    int cols[FS_CHART_MAX_SERIES];
    size_t ns = series_cols(t, cols);
    const fs_chart *ch = t->chart;
    if (!nc || !ns || ch->agree_from + ch->agree_n > nc || !ch->agree_n)
        return;
    /* each category's side and its step out from zero (0 next to zero) */
    size_t step[64];
    int right[64];
    int agree_first = ch->agree_from == 0;
    for (size_t k = 0; k < nc; k++) {
        right[k] = k >= ch->agree_from && k < ch->agree_from + ch->agree_n;
        if (right[k])
            step[k] = agree_first ? ch->agree_n - 1 - k : k - ch->agree_from;
        else
            step[k] = agree_first ? k - ch->agree_n : ch->agree_from - 1 - k;
    }
    size_t longest = 6;
    for (size_t s = 0; s < ns; s++)
        if (cols[s] >= 0 && fs_utf8_width(t->cols[cols[s]].label) > longest)
            longest = fs_utf8_width(t->cols[cols[s]].label);
    double W = o->compact ? 420 : 640, bar_h = 22, gap = 10;
    size_t max_chars = (size_t)(W * 0.3 / CHAR_W);
    if (longest > max_chars)
        longest = max_chars;
    double x0 = (double)longest * CHAR_W + 10, p = W - x0 - 10, mid = x0 + p / 2;
    double top = o->compact ? 6 : 30, bottom = top + (double)ns * (bar_h + gap) - gap + 6;
    /* the legend: the categories in scale order */
    double lx = 10, ly = bottom + 24;
    for (size_t k = 0; k < nc; k++) {
        double need = 26 + (double)fs_utf8_width(t->rows[rows[k]].label) * CHAR_W * 0.9 + 16;
        if (lx > 10 && lx + need > W - 10)
            lx = 10, ly += 20;
        lx += need;
    }
    double H = ly + 20 + 6;

    open_svg(fp, t, o, W, H);
    fputs("<defs>", fp);
    for (size_t k = 0; k < nc; k++)
        if (!right[k])
            fprintf(fp, "<pattern id=\"%s-d%zu\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\" "
                        "patternTransform=\"rotate(45)\"><rect width=\"6\" height=\"6\" fill=\"%s\"/>"
                        "<rect width=\"1.5\" height=\"6\" fill=\"#fff\" fill-opacity=\"0.6\"/></pattern>",
                    o->id, k, other_fills[step[k] < 4 ? step[k] : 3]);
    fputs("</defs>", fp);
    if (!o->compact) {
        fputs("<text x=\"0\" y=\"18\" font-size=\"15\" font-weight=\"bold\">", fp);
        fs_html_text(fp, ch->title);
        fputs("</text>", fp);
    }
    x_grid(fp, mid, p / 2, top - 4, bottom, 100, 50, f);
    x_grid(fp, mid, -p / 2, top - 4, bottom, 100, 50, f);
    for (size_t s = 0; s < ns; s++) {
        if (cols[s] < 0)
            continue;
        double y = top + (double)s * (bar_h + gap);
        fputs("<text text-anchor=\"end\" dy=\".35em\" x=\"", fp), num(fp, x0 - 6);
        fputs("\" y=\"", fp), num(fp, y + bar_h / 2), fputs("\">", fp);
        cut_text(fp, t->cols[cols[s]].label, max_chars);
        fputs("</text>", fp);
        /* outwards from zero on each side: in order of step */
        for (int side = 0; side < 2; side++) {
            double at = 0;
            for (size_t st = 0; st < nc; st++)
                for (size_t k = 0; k < nc; k++) {
                    if (right[k] != side || step[k] != st)
                        continue;
                    const fs_cell *cell = &t->rows[rows[k]].cells[cols[s]];
                    if (!drawable(cell) || cell->value <= 0)
                        continue;
                    double len = cell->value / 100 * p / 2;
                    double x = side ? mid + at : mid - at - len;
                    char text[FS_CELL_TEXT_MAX];
                    fs_cell_text(t, rows[k], (size_t)cols[s], f, text, sizeof text);
                    fputs("<rect class=\"seg\" x=\"", fp), num(fp, x), fputs("\" y=\"", fp);
                    num(fp, y), fputs("\" width=\"", fp), num(fp, len);
                    fputs("\" height=\"", fp), num(fp, bar_h);
                    if (side)
                        fprintf(fp, "\" fill=\"%s\"", agree_fills[st < 4 ? st : 3]);
                    else
                        fprintf(fp, "\" fill=\"url(#%s-d%zu)\"", o->id, k);
                    fputs(" stroke=\"#fff\" stroke-width=\"0.5\"><title>", fp);
                    fs_html_text(fp, t->rows[rows[k]].label), fputs(", ", fp);
                    fs_html_text(fp, t->cols[cols[s]].label), fprintf(fp, ": %s</title></rect>", text);
                    if (len >= 18) {
                        int dark = side ? st >= 1 : st >= 2;
                        fprintf(fp, "<text class=\"value\" text-anchor=\"middle\" dy=\".35em\" "
                                    "font-size=\"11\" fill=\"%s\" x=\"", dark ? "#fff" : "#000");
                        num(fp, x + len / 2), fputs("\" y=\"", fp), num(fp, y + bar_h / 2);
                        fputs("\">", fp), fs_html_text(fp, text), fputs("</text>", fp);
                    }
                    at += len;
                }
        }
    }
    fputs("<line x1=\"", fp), num(fp, mid), fputs("\" x2=\"", fp), num(fp, mid);
    fputs("\" y1=\"", fp), num(fp, top - 4), fputs("\" y2=\"", fp), num(fp, bottom);
    fputs("\" stroke=\"#000\" stroke-width=\"1.5\"/>", fp);
    lx = 10, ly = bottom + 24;
    for (size_t k = 0; k < nc; k++) {
        const char *label = t->rows[rows[k]].label;
        double need = 26 + (double)fs_utf8_width(label) * CHAR_W * 0.9 + 16;
        if (lx > 10 && lx + need > W - 10)
            lx = 10, ly += 20;
        fprintf(fp, "<rect x=\"%g\" y=\"%g\" width=\"14\" height=\"12\" ", lx, ly);
        if (right[k])
            fprintf(fp, "fill=\"%s\"", agree_fills[step[k] < 4 ? step[k] : 3]);
        else
            fprintf(fp, "fill=\"url(#%s-d%zu)\"", o->id, k);
        fputs(" stroke=\"#333\" stroke-width=\"0.5\"/>", fp);
        fprintf(fp, "<text x=\"%g\" y=\"%g\" font-size=\"12\">", lx + 20, ly + 10);
        fs_html_text(fp, label);
        fputs("</text>", fp);
        lx += need;
    }
    fputs("</svg>", fp);
}

fs_error fs_svg_chart(FILE *fp, const fs_table *t, const fs_svg_options *o)
{
    if (!t->chart)
        return FS_OK;
    fs_numfmt f = *o->num;
    f.n_pct = 0;
    if (t->chart->by_row)
        lines(fp, t, o, &f);
    else if (t->chart->diverging)
        diverging(fp, t, o, &f);
    else
        bars(fp, t, o, &f);
    return ferror(fp) ? FS_ERR_OUTPUT : FS_OK;
}
