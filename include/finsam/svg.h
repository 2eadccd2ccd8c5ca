/* svg.h: a table's chart (fs_table.chart) drawn as inline SVG, for the HTML writer.
 *
 * Below the writers, beside cellfmt.h: it reads the table model and prints, never computes.
 * Bars by column (women, men) are horizontal, one group per level-0 non-total row, first row
 * on top as in the table; a chart of rows over the columns (a trend) is a line chart. Every
 * bar or point has its value as text, written as the table's cell is (cellfmt.h); series
 * differ in lightness (they stay apart in grey-scale and for colour-blind readers) and in a
 * pattern or marker shape, with a legend. The SVG has role="img" and a <title>, no
 * namespace URL (HTML5 does not need one) and no reference outside itself: its patterns
 * carry the id prefix given, so that several charts fit in one page. Lengths are in user
 * units, the drawing scales with the page (viewBox).
 *
 * Bars: <rect class="bar" x= y= width= height=> with its value in the <text class="value">
 * that follows it; a bar's length is value / axis maximum x the plot width. */
#ifndef FINSAM_SVG_H
#define FINSAM_SVG_H

#include <stdio.h>

#include "finsam/cellfmt.h"
#include "finsam/error.h"
#include "finsam/table.h"

typedef struct fs_svg_options {
    const fs_numfmt *num; /* how the values are written (n_pct is ignored) */
    const char *id;       /* a prefix unique in the page, for ids ("c3") */
    double max;           /* the largest value of the scale (small multiples share one);
                           * 0: the table's own (fs_svg_chart_max) */
    int compact;          /* a small multiple: no title line, a narrower drawing */
} fs_svg_options;

/* The largest value t's chart draws (0 when none). */
double fs_svg_chart_max(const fs_table *t);

/* The axis maximum for a largest value: a round number (1, 2 or 5 times a power of ten,
 * at most five steps) at or above max; *step gets the distance between grid lines. */
double fs_svg_axis_max(double max, double *step);

/* Writes t's chart as an <svg> element; nothing when t has no chart or nothing to draw.
 * FS_ERR_OUTPUT when the stream failed. */
fs_error fs_svg_chart(FILE *fp, const fs_table *t, const fs_svg_options *o);

/* Writes s with & < > " ' as character references: text or an attribute value of HTML. */
void fs_html_text(FILE *fp, const char *s);

#endif
