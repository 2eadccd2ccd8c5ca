/* write_json.c: the stable JSON contract:
 * {"command", "period": {"from","to"} | null, "tables": [{"key","title","columns":[{"key",
 * "label"}], "rows": [{"key","label","values":{COLUMN_KEY: number|null}}], "notes": []}],
 * "warnings": []}. Shares are unrounded percentages; suppressed cells are null. */
#include <math.h>
#include <string.h>

#include "finsam/table.h"
#include "finsam/text.h"
#include "finsam/writers.h"

void fs_json_write_string(FILE *fp, const char *s)
{
    const unsigned char *p = (const unsigned char *)s, *end = p + strlen(s);
    fputc('"', fp);
    while (p < end) {
        size_t ok = fs_utf8_valid_prefix(p, (size_t)(end - p));
        for (const unsigned char *q = p; q < p + ok; q++) {
            switch (*q) {
            case '"':
                fputs("\\\"", fp);
                break;
            case '\\':
                fputs("\\\\", fp);
                break;
            case '\n':
                fputs("\\n", fp);
                break;
            case '\r':
                fputs("\\r", fp);
                break;
            case '\t':
                fputs("\\t", fp);
                break;
            default:
                if (*q < 0x20)
                    fprintf(fp, "\\u%04x", *q);
                else
                    fputc(*q, fp);
            }
        }
        p += ok;
        if (p < end) { /* a byte that is not UTF-8: the replacement character */
            fputs("\\ufffd", fp);
            p++;
        }
    }
    fputc('"', fp);
}

static void str(FILE *fp, const char *s)
{
    fs_json_write_string(fp, s);
}

static void number(FILE *fp, const fs_cell *c)
{
    char buf[40];
    if (c->suppressed || isnan(c->value) || isinf(c->value)) {
        fputs("null", fp);
        return;
    }
    fs_format_exact(buf, sizeof buf, c->value);
    fputs(buf, fp);
}

static void write_table(const fs_table *t, FILE *fp)
{
    fputs("    {\n      \"key\": ", fp);
    str(fp, t->key);
    fputs(",\n      \"title\": ", fp);
    str(fp, t->title);
    if (t->breakdown) {
        fputs(",\n      \"breakdown\": ", fp);
        str(fp, t->breakdown);
        fputs(",\n      \"population\": ", fp);
        if (t->population)
            str(fp, t->population);
        else
            fputs("null", fp);
        fputs(",\n      \"unit\": ", fp);
        str(fp, t->unit);
    }
    fputs(",\n      \"columns\": [", fp);
    for (size_t c = 0; c < t->n_cols; c++) {
        fputs(c ? ",\n        {\"key\": " : "\n        {\"key\": ", fp);
        str(fp, t->cols[c].key);
        fputs(", \"label\": ", fp);
        str(fp, t->cols[c].label);
        fputc('}', fp);
    }
    fputs("\n      ],\n      \"rows\": [", fp);
    for (size_t r = 0; r < t->n_rows; r++) {
        const fs_row *row = &t->rows[r];
        fputs(r ? ",\n        {\"key\": " : "\n        {\"key\": ", fp);
        str(fp, row->key);
        fputs(", \"label\": ", fp);
        str(fp, row->label);
        fputs(", \"values\": {", fp);
        for (size_t c = 0; c < t->n_cols; c++) {
            if (c)
                fputs(", ", fp);
            str(fp, t->cols[c].key);
            fputs(": ", fp);
            number(fp, &row->cells[c]);
        }
        fputc('}', fp);
        /* the shares as every other format prints them, rounded (null where hidden) */
        int first = 1;
        for (size_t c = 0; c < t->n_cols; c++) {
            if (t->cols[c].kind != FS_COL_SHARE)
                continue;
            fputs(first ? ", \"shown\": {" : ", ", fp);
            first = 0;
            str(fp, t->cols[c].key);
            fputs(": ", fp);
            fs_cell shown = row->cells[c];
            shown.value = isnan(shown.shown) ? shown.value : shown.shown;
            number(fp, &shown);
        }
        fputs(first ? "}" : "}}", fp);
    }
    fputs(t->n_rows ? "\n      ],\n      \"notes\": [" : "],\n      \"notes\": [", fp);
    for (size_t i = 0; i < t->n_notes; i++) {
        fputs(i ? ",\n        " : "\n        ", fp);
        str(fp, t->notes[i]);
    }
    fputs(t->n_notes ? "\n      ]\n    }" : "]\n    }", fp);
}

fs_error fs_write_json(const fs_report *r, const fs_write_options *o, FILE *fp, const char *path,
                       fs_msg *err)
{
    (void)o, (void)path, (void)err;
    fputs("{\n  \"command\": ", fp);
    str(fp, r->command);
    fputs(",\n  \"period\": ", fp);
    if (r->has_period) {
        char a[11], b[11];
        fs_date_format(r->period.from, a);
        fs_date_format(r->period.to, b);
        fprintf(fp, "{\"from\": \"%s\", \"to\": \"%s\"}", a, b);
    } else {
        fputs("null", fp);
    }
    fputs(",\n  \"tables\": [\n", fp);
    for (size_t i = 0; i < r->n_tables; i++) {
        if (i)
            fputs(",\n", fp);
        write_table(r->tables[i], fp);
    }
    fputs("\n  ],\n  \"warnings\": [", fp);
    for (size_t i = 0; i < r->n_warnings; i++) {
        fputs(i ? ",\n    " : "\n    ", fp);
        str(fp, r->warnings[i]);
    }
    fputs(r->n_warnings ? "\n  ]\n}\n" : "]\n}\n", fp);
    return ferror(fp) ? FS_ERR_OUTPUT : FS_OK;
}
