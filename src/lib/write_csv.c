/* write_csv.c: RFC 4180 (',', '.', CRLF) or excel-sv (';', decimal comma, UTF-8 BOM, CRLF).
 * Each table is a header row (row dimension, then the column labels) and its rows;
 * tables are separated by an empty line. Notes are not part of CSV output (see JSON/xlsx). */
#include <string.h>

#include "finsam/writer.h"

static void field(FILE *fp, const char *s, char sep)
{
    if (strchr(s, sep) || strchr(s, '"') || strchr(s, '\n') || strchr(s, '\r')) {
        fputc('"', fp);
        for (; *s; s++) {
            if (*s == '"')
                fputc('"', fp);
            fputc(*s, fp);
        }
        fputc('"', fp);
    } else {
        fputs(s, fp);
    }
}

fs_error fs_write_csv(const fs_report *r, fs_csv_dialect dialect, FILE *fp)
{
    int sv = dialect == FS_DIALECT_EXCEL_SV;
    char sep = sv ? ';' : ',';
    char cell[64];
    if (sv)
        fputs("\xEF\xBB\xBF", fp);
    for (size_t i = 0; i < r->n_tables; i++) {
        const fs_table *t = r->tables[i];
        if (i)
            fputs("\r\n", fp);
        field(fp, t->title, sep);
        for (size_t c = 0; c < t->n_cols; c++) {
            fputc(sep, fp);
            field(fp, t->cols[c].label, sep);
        }
        fputs("\r\n", fp);
        for (size_t rr = 0; rr < t->n_rows; rr++) {
            field(fp, t->rows[rr].label, sep);
            for (size_t c = 0; c < t->n_cols; c++) {
                fputc(sep, fp);
                fs_cell_text(t, rr, c, sv, cell, sizeof cell);
                field(fp, cell, sep);
            }
            fputs("\r\n", fp);
        }
    }
    return ferror(fp) ? FS_ERR_OUTPUT : FS_OK;
}
