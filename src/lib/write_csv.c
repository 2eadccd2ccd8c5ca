/* write_csv.c: RFC 4180 (',', '.', CRLF) or excel-sv (';', decimal comma, UTF-8 BOM, CRLF).
 * Each table is a header row (row dimension, then the column labels) and its rows;
 * tables are separated by an empty line. Notes are not part of CSV output (see JSON/xlsx).
 *
 * excel-sv is for opening in Excel, which evaluates a cell that begins with = + - @ as a
 * formula (after a leading TAB or CR too): a text cell (title, column label, row label;
 * row labels may come from the data) that begins so is written with a ' before it, which
 * Excel shows as text. Numbers are never prefixed. rfc4180 is for scripts: written as is. */
#include <string.h>

#include "finsam/cellfmt.h"
#include "finsam/table.h"
#include "finsam/writers.h"

/* 1 when Excel would read text beginning like s as a formula. */
static int formula_like(const char *s)
{
    return *s && strchr("=+-@\t\r", *s) != NULL;
}

/* One field, quoted when needed; text_guard: a text cell of the excel-sv dialect. */
static void field(FILE *fp, const char *s, char sep, int text_guard)
{
    const char *prefix = text_guard && formula_like(s) ? "'" : "";
    size_t len = strlen(s);
    /* quoted when it holds a separator, quote or line end, or begins or ends with white
     * space (which a reader may trim from an unquoted field; found by fuzz_writers) */
    if (strchr(s, sep) || strchr(s, '"') || strchr(s, '\n') || strchr(s, '\r') ||
        (len && (strchr(" \t", s[0]) || strchr(" \t", s[len - 1])))) {
        fputc('"', fp);
        fputs(prefix, fp);
        for (; *s; s++) {
            if (*s == '"')
                fputc('"', fp);
            fputc(*s, fp);
        }
        fputc('"', fp);
    } else {
        fputs(prefix, fp);
        fputs(s, fp);
    }
}

fs_error fs_csv_dialect_parse(const char *s, fs_csv_dialect *out)
{
    if (strcmp(s, "rfc4180") == 0)
        *out = FS_DIALECT_RFC4180;
    else if (strcmp(s, "excel-sv") == 0)
        *out = FS_DIALECT_EXCEL_SV;
    else
        return FS_ERR_USAGE;
    return FS_OK;
}

fs_error fs_write_csv(const fs_report *r, const fs_write_options *o, FILE *fp, const char *path,
                      fs_msg *err)
{
    (void)path, (void)err;
    int sv = o->dialect == FS_DIALECT_EXCEL_SV;
    char sep = sv ? ';' : ',';
    char cell[FS_CELL_TEXT_MAX];
    fs_numfmt f = {sv, 0, 0, 0}; /* numbers a spreadsheet reads: no grouping, p as is */
    if (sv)
        fputs("\xEF\xBB\xBF", fp);
    for (size_t i = 0; i < r->n_tables; i++) {
        const fs_table *t = r->tables[i];
        if (i)
            fputs("\r\n", fp);
        field(fp, t->title, sep, sv);
        for (size_t c = 0; c < t->n_cols; c++) {
            fputc(sep, fp);
            field(fp, t->cols[c].label, sep, sv);
        }
        fputs("\r\n", fp);
        for (size_t rr = 0; rr < t->n_rows; rr++) {
            field(fp, t->rows[rr].label, sep, sv);
            for (size_t c = 0; c < t->n_cols; c++) {
                fputc(sep, fp);
                fs_cell_text(t, rr, c, &f, cell, sizeof cell);
                field(fp, cell, sep, 0); /* a number: "-1,5" stays a number */
            }
            fputs("\r\n", fp);
        }
    }
    return ferror(fp) ? FS_ERR_OUTPUT : FS_OK;
}
