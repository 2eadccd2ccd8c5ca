/* write_html.c: one self-contained HTML5 page: the CSS inline, the charts inline SVG
 * (svg.h), no script and no reference outside the file, lang from the report. Each table
 * is an accessible table (caption, th scope, numbers right-aligned) with its chart, notes
 * and source line under it. A report with key figures or small multiples (a board) shows
 * them first: each key-figures table as tiles, each heading of small multiples as a grid of
 * charts at one scale; then every table. A print stylesheet lays the page out on A4
 * landscape without cutting a chart or a tile. Numbers as the text output writes them. */
#include <math.h>
#include <string.h>

#include "finsam/cellfmt.h"
#include "finsam/i18n.h"
#include "finsam/svg.h"
#include "finsam/table.h"
#include "finsam/writers.h"

static const char css[] =
    "body{font-family:system-ui,\"Segoe UI\",Roboto,\"Helvetica Neue\",Arial,sans-serif;"
    "margin:24px;color:#1a1a1a;background:#fff;line-height:1.35}"
    "h1{font-size:1.8em;margin:0 0 4px}h2{font-size:1.3em;margin:28px 0 10px}"
    "header p{margin:0;color:#444}"
    "table{border-collapse:collapse;margin:8px 0}"
    "caption{text-align:left;font-weight:bold;font-size:1.05em;padding:4px 0}"
    "th,td{padding:3px 8px;border-bottom:1px solid #ddd;vertical-align:bottom}"
    "thead th{font-weight:600;text-align:right;border-bottom:2px solid #333}"
    "td{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}"
    "tbody th{text-align:left;font-weight:normal;white-space:nowrap}"
    ".wide{overflow-x:auto;max-width:100%}"
    "tr.detail th{padding-left:24px;color:#333}"
    "tr.total th,tr.total td{font-weight:bold;border-top:2px solid #333}"
    "section.table{margin:0 0 32px}"
    "figure{margin:8px 0}svg.chart{max-width:100%;height:auto}"
    "ul.notes{margin:6px 0;padding-left:20px;color:#333;font-size:.92em}"
    "p.source{color:#555;font-size:.9em;margin:4px 0}"
    ".tiles{display:grid;grid-template-columns:repeat(auto-fit,minmax(230px,1fr));gap:16px}"
    ".tile{border:1px solid #bbb;border-radius:6px;padding:12px 16px;break-inside:avoid}"
    ".tile h3{margin:0;font-size:1.05em;font-weight:600}"
    ".tile .big{font-size:2.8em;font-weight:bold;margin:2px 0 6px;font-variant-numeric:tabular-nums}"
    ".tile dl{margin:0;display:grid;grid-template-columns:auto auto;gap:2px 12px;font-size:.95em}"
    ".tile dt{color:#444}.tile dd{margin:0;text-align:right;font-variant-numeric:tabular-nums}"
    ".grid{display:grid;grid-template-columns:repeat(auto-fill,minmax(420px,1fr));gap:12px 24px}"
    ".grid figure{border:1px solid #ddd;border-radius:6px;padding:8px;break-inside:avoid}"
    "figcaption{font-weight:600;margin-bottom:4px}"
    "@media print{@page{size:A4 landscape;margin:10mm}"
    "body{margin:0;font-size:9pt}h2{break-after:avoid}"
    "section.table{break-inside:auto}figure,svg,.tile,caption{break-inside:avoid}"
    "thead{display:table-header-group}tr{break-inside:avoid}"
    ".tiles{grid-template-columns:repeat(5,1fr);gap:8px}.tile .big{font-size:2em}"
    ".grid{grid-template-columns:repeat(3,1fr);gap:8px}"
    "th,td{padding:1px 4px}.wide{overflow:visible}table{font-size:8pt}"
    "thead th{font-size:7.5pt}}";

static void write_table(FILE *fp, const fs_report *r, const fs_table *t, size_t i,
                        const fs_numfmt *f)
{
    fprintf(fp, "<section class=\"table\" id=\"t%zu\">\n<div class=\"wide\"><table>\n<caption>", i);
    fs_html_text(fp, t->title);
    fputs("</caption>\n<thead><tr><td></td>", fp);
    for (size_t c = 0; c < t->n_cols; c++)
        if (fs_column_written(t, c, f)) {
            fputs("<th scope=\"col\">", fp);
            fs_html_text(fp, t->cols[c].label);
            fputs("</th>", fp);
        }
    fputs("</tr></thead>\n<tbody>\n", fp);
    for (size_t ri = 0; ri < t->n_rows; ri++) {
        const fs_row *row = &t->rows[ri];
        fputs(row->is_total ? "<tr class=\"total\">" : row->level ? "<tr class=\"detail\">" : "<tr>",
              fp);
        fputs("<th scope=\"row\">", fp);
        fs_html_text(fp, row->label);
        fputs("</th>", fp);
        for (size_t c = 0; c < t->n_cols; c++) {
            if (!fs_column_written(t, c, f))
                continue;
            char cell[FS_CELL_TEXT_MAX];
            fs_cell_text(t, ri, c, f, cell, sizeof cell);
            fputs("<td>", fp);
            fs_html_text(fp, cell);
            fputs("</td>", fp);
        }
        fputs("</tr>\n", fp);
    }
    fputs("</tbody>\n</table></div>\n", fp);
    if (t->chart) {
        char id[32];
        snprintf(id, sizeof id, "c%zu", i);
        fs_svg_options so = {f, id, 0, 0};
        fputs("<figure>", fp);
        fs_svg_chart(fp, t, &so);
        fputs("</figure>\n", fp);
    }
    if (t->n_notes) {
        fputs("<ul class=\"notes\">\n", fp);
        for (size_t n = 0; n < t->n_notes; n++) {
            fputs("<li>", fp);
            fs_html_text(fp, t->notes[n]);
            fputs("</li>\n", fp);
        }
        fputs("</ul>\n", fp);
    }
    if (r->source) {
        fputs("<p class=\"source\">", fp);
        fs_html_text(fp, r->source);
        fputs("</p>\n", fp);
    }
    fputs("</section>\n", fp);
}

/* A key-figures table as tiles: the row's label, its first cell large, the other cells
 * (those not empty) as a list of column label and value. */
static void write_tiles(FILE *fp, const fs_table *t, size_t i, const fs_numfmt *f)
{
    fprintf(fp, "<section class=\"figures\" aria-labelledby=\"f%zu\">\n<h2 id=\"f%zu\">", i, i);
    fs_html_text(fp, t->title);
    fputs("</h2>\n<div class=\"tiles\">\n", fp);
    for (size_t ri = 0; ri < t->n_rows; ri++) {
        const fs_row *row = &t->rows[ri];
        if (row->level != 0 || !t->n_cols)
            continue;
        char cell[FS_CELL_TEXT_MAX];
        fputs("<div class=\"tile\"><h3>", fp);
        fs_html_text(fp, row->label);
        fs_cell_text(t, ri, 0, f, cell, sizeof cell);
        fputs("</h3><p class=\"big\">", fp);
        fs_html_text(fp, cell);
        fputs("</p><dl>", fp);
        for (size_t c = 1; c < t->n_cols; c++) {
            if (!fs_column_written(t, c, f))
                continue;
            fs_cell_text(t, ri, c, f, cell, sizeof cell);
            if (!*cell)
                continue;
            fputs("<dt>", fp);
            fs_html_text(fp, t->cols[c].label);
            fputs("</dt><dd>", fp);
            fs_html_text(fp, cell);
            fputs("</dd>", fp);
        }
        fputs("</dl></div>\n", fp);
    }
    fputs("</div>\n</section>\n", fp);
}

/* The small multiples under the heading of table `first`: the charts of every table with
 * that heading, captioned by their labels, at the scale of the largest. */
static void write_multiples(FILE *fp, const fs_report *r, size_t first, const fs_numfmt *f)
{
    const char *heading = r->tables[first]->multiples;
    double max = 0;
    for (size_t i = first; i < r->n_tables; i++)
        if (r->tables[i]->multiples && strcmp(r->tables[i]->multiples, heading) == 0)
            max = fmax(max, fs_svg_chart_max(r->tables[i]));
    fprintf(fp, "<section class=\"multiples\" aria-labelledby=\"m%zu\">\n<h2 id=\"m%zu\">", first,
            first);
    fs_html_text(fp, heading);
    fputs("</h2>\n<div class=\"grid\">\n", fp);
    for (size_t i = first; i < r->n_tables; i++) {
        const fs_table *t = r->tables[i];
        if (!t->multiples || strcmp(t->multiples, heading) != 0 || !t->chart)
            continue;
        char id[32];
        snprintf(id, sizeof id, "m%zu", i);
        fs_svg_options so = {f, id, max, 1};
        fputs("<figure><figcaption>", fp);
        fs_html_text(fp, t->multiple_label ? t->multiple_label : t->title);
        fputs("</figcaption>", fp);
        fs_svg_chart(fp, t, &so);
        fputs("</figure>\n", fp);
    }
    fputs("</div>\n</section>\n", fp);
}

/* Whether an earlier table has the same heading of small multiples as table i. */
static int heading_seen(const fs_report *r, size_t i)
{
    for (size_t j = 0; j < i; j++)
        if (r->tables[j]->multiples && strcmp(r->tables[j]->multiples, r->tables[i]->multiples) == 0)
            return 1;
    return 0;
}

fs_error fs_write_html(const fs_report *r, const fs_write_options *o, FILE *fp, const char *path,
                       fs_msg *err)
{
    (void)path, (void)err;
    fs_numfmt f = fs_numfmt_text(r->lang, o->p_digits, o->n_pct);
    const char *title = r->doc_title ? r->doc_title
                        : r->n_tables ? r->tables[0]->title
                                      : "finsam-stats";
    fputs("<!DOCTYPE html>\n<html lang=\"", fp);
    fs_html_text(fp, fs_lang_en(r->lang) ? "en" : "sv");
    fputs("\">\n<head>\n<meta charset=\"utf-8\">\n"
          "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n", fp);
    if (o->refresh > 0)
        fprintf(fp, "<meta http-equiv=\"refresh\" content=\"%d\">\n", o->refresh);
    fputs("<meta name=\"generator\" content=\"finsam-stats\">\n<title>", fp);
    fs_html_text(fp, title);
    fprintf(fp, "</title>\n<style>%s</style>\n</head>\n<body>\n", css);
    if (r->doc_title) {
        fputs("<header><h1>", fp);
        fs_html_text(fp, r->doc_title);
        fputs("</h1>", fp);
        if (r->doc_subject) {
            fputs("<p>", fp);
            fs_html_text(fp, r->doc_subject);
            fputs("</p>", fp);
        }
        fputs("</header>\n", fp);
    }
    fputs("<main>\n", fp);
    int board = 0;
    for (size_t i = 0; i < r->n_tables; i++)
        if (r->tables[i]->figures) {
            write_tiles(fp, r->tables[i], i, &f);
            board = 1;
        }
    for (size_t i = 0; i < r->n_tables; i++)
        if (r->tables[i]->multiples && !heading_seen(r, i)) {
            write_multiples(fp, r, i, &f);
            board = 1;
        }
    if (board) {
        fputs("<h2>", fp);
        fs_html_text(fp, fs_tr(r->lang, "Tables"));
        fputs("</h2>\n", fp);
    }
    for (size_t i = 0; i < r->n_tables; i++)
        write_table(fp, r, r->tables[i], i, &f);
    fputs("</main>\n</body>\n</html>\n", fp);
    return ferror(fp) ? FS_ERR_OUTPUT : FS_OK;
}
