/* writer.c: the registry of output formats, and the safe output file. */
#include "finsam/writer.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "finsam/pnr.h"
#include "finsam/text.h"

/* One row per format. To add a format: write src/lib/write_<name>.c with an fs_writer_fn,
 * declare it and add its fs_format constant in writers.h, and add its row here. */
typedef struct writer_row {
    const char *name;          /* --format NAME */
    const char *ext[3];        /* file extensions that imply the format, NULL-terminated */
    fs_writer_fn *fn;
    int by_name;               /* the writer opens the file itself (no stream, no stdout) */
} writer_row;

static const writer_row writers[] = {
    [FS_FMT_TEXT] = {"text", {"txt", "text", NULL}, fs_write_text, 0},
    [FS_FMT_CSV] = {"csv", {"csv", NULL}, fs_write_csv, 0},
    [FS_FMT_JSON] = {"json", {"json", NULL}, fs_write_json, 0},
    [FS_FMT_XLSX] = {"xlsx", {"xlsx", NULL}, fs_write_xlsx, 1},
};

_Static_assert(sizeof writers / sizeof writers[0] == FS_FMT_COUNT,
               "every fs_format has a row in writers[]");

static const writer_row *row_of(fs_format f)
{
    if ((unsigned)f >= FS_FMT_COUNT || !writers[f].fn)
        FS_BUG("a format without a registry row");
    return &writers[f];
}

fs_error fs_format_parse(const char *s, fs_format *out)
{
    for (int f = 0; f < FS_FMT_COUNT; f++)
        if (strcmp(s, writers[f].name) == 0) {
            *out = (fs_format)f;
            return FS_OK;
        }
    return FS_ERR_USAGE;
}

fs_error fs_format_from_path(const char *path, fs_format *out)
{
    const char *dot = strrchr(path, '.');
    if (!dot || strchr(dot, '/'))
        return FS_ERR_USAGE;
    for (int f = 0; f < FS_FMT_COUNT; f++)
        for (const char *const *e = writers[f].ext; *e; e++)
            if (strcmp(dot + 1, *e) == 0) {
                *out = (fs_format)f;
                return FS_OK;
            }
    return FS_ERR_USAGE;
}

const char *fs_format_name(fs_format f)
{
    return row_of(f)->name;
}

void fs_format_names(char *out, size_t outsz)
{
    size_t len = 0;
    if (!outsz)
        return;
    out[0] = '\0';
    for (int f = 0; f < FS_FMT_COUNT && len < outsz; f++) {
        int n = snprintf(out + len, outsz - len, "%s%s", f ? ", " : "", writers[f].name);
        if (n < 0)
            break;
        len += (size_t)n;
    }
}

int fs_format_needs_file(fs_format f)
{
    return row_of(f)->by_name;
}

/* ---- What the writers see: every string of the report made safe (fs_safe_output) ---- */

/* A shallow copy of a report whose strings are all safe copies: titles, sheet names, keys,
 * labels, notes, chart titles and series, warnings, the source line, the command. Cells
 * and numbers are shared with the original. Everything allocated is listed in owned[]. A
 * field added to the table model later is copied as it is (so it is not lost); a string
 * field added later must be added here. */
typedef struct safe_report {
    fs_report r;
    void **owned;
    size_t n_owned, cap_owned;
    int failed;
} safe_report;

static void *own(safe_report *s, void *p)
{
    if (!p) {
        s->failed = 1;
        return NULL;
    }
    if (s->n_owned == s->cap_owned) {
        size_t cap = s->cap_owned ? 2 * s->cap_owned : 64;
        void **o = realloc(s->owned, cap * sizeof *o);
        if (!o) {
            free(p);
            s->failed = 1;
            return NULL;
        }
        s->owned = o;
        s->cap_owned = cap;
    }
    s->owned[s->n_owned++] = p;
    return p;
}

static char *safe_str(safe_report *s, const char *str)
{
    return str ? own(s, fs_safe_output(str)) : NULL;
}

static void *array_of(safe_report *s, size_t n, size_t size)
{
    return own(s, calloc(n ? n : 1, size));
}

static void safe_free(safe_report *s)
{
    for (size_t i = 0; i < s->n_owned; i++)
        free(s->owned[i]);
    free(s->owned);
}

static const fs_table *safe_table(safe_report *s, const fs_table *t)
{
    fs_table *c = array_of(s, 1, sizeof *c);
    if (!c)
        return NULL;
    *c = *t;
    c->key = safe_str(s, t->key);
    c->title = safe_str(s, t->title);
    c->sheet = safe_str(s, t->sheet);
    c->breakdown = safe_str(s, t->breakdown);
    c->population = safe_str(s, t->population);
    c->unit = safe_str(s, t->unit);
    if (!(c->cols = array_of(s, t->n_cols, sizeof *c->cols)) ||
        !(c->rows = array_of(s, t->n_rows, sizeof *c->rows)) ||
        !(c->notes = array_of(s, t->n_notes, sizeof *c->notes)))
        return NULL;
    c->cap_rows = t->n_rows;
    for (size_t i = 0; i < t->n_cols; i++) {
        c->cols[i] = t->cols[i];
        c->cols[i].key = safe_str(s, t->cols[i].key);
        c->cols[i].label = safe_str(s, t->cols[i].label);
    }
    for (size_t i = 0; i < t->n_rows; i++) {
        c->rows[i] = t->rows[i];
        c->rows[i].key = safe_str(s, t->rows[i].key);
        c->rows[i].label = safe_str(s, t->rows[i].label);
    }
    for (size_t i = 0; i < t->n_notes; i++)
        c->notes[i] = safe_str(s, t->notes[i]);
    if (t->chart) {
        if (!(c->chart = array_of(s, 1, sizeof *c->chart)))
            return NULL;
        *c->chart = *t->chart;
        c->chart->title = safe_str(s, t->chart->title);
        for (size_t i = 0; i < t->chart->n_series; i++)
            c->chart->series[i] = safe_str(s, t->chart->series[i]);
    }
    return s->failed ? NULL : c;
}

/* Fills s from r; FS_ERR_MEMORY when a copy failed (free s with safe_free either way). */
static fs_error safe_report_make(safe_report *s, const fs_report *r)
{
    memset(s, 0, sizeof *s);
    s->r = *r;
    s->r.command = safe_str(s, r->command);
    s->r.lang = safe_str(s, r->lang);
    s->r.source = safe_str(s, r->source);
    if (!(s->r.tables = array_of(s, r->n_tables, sizeof *s->r.tables)) ||
        !(s->r.warnings = array_of(s, r->n_warnings, sizeof *s->r.warnings)))
        return FS_ERR_MEMORY;
    for (size_t i = 0; i < r->n_tables && !s->failed; i++)
        s->r.tables[i] = (fs_table *)safe_table(s, r->tables[i]);
    for (size_t i = 0; i < r->n_warnings; i++)
        s->r.warnings[i] = safe_str(s, r->warnings[i]);
    return s->failed ? FS_ERR_MEMORY : FS_OK;
}

/* A temporary file beside path; the caller renames it into place. */
static FILE *open_temp(const char *path, char **tmp_out, fs_msg *err)
{
    char *tmp = fs_asprintf("%s.XXXXXX", path);
    if (!tmp) {
        fs_msg_set(err, "%s: out of memory", path);
        return NULL;
    }
    int fd = mkstemp(tmp);
    if (fd < 0) {
        fs_msg_set(err, "%s: cannot create the output file: %s", path, strerror(errno));
        free(tmp);
        return NULL;
    }
    mode_t mask = umask(0);
    umask(mask);
    (void)fchmod(fd, 0666 & ~mask);
    FILE *fp = fdopen(fd, "wb");
    if (!fp) {
        fs_msg_set(err, "%s: cannot create the output file: %s", path, strerror(errno));
        close(fd);
        unlink(tmp);
        free(tmp);
        return NULL;
    }
    *tmp_out = tmp;
    return fp;
}

/* Why a write failed: the writer's own words when it gave some, else the system's reason
 * when the stream had an I/O error, else the library error (out of memory is not "No space
 * left on device"). */
static const char *why(const fs_msg *detail, fs_error e, int io_failed, int saved_errno)
{
    if (detail->text[0])
        return detail->text;
    return io_failed && saved_errno ? strerror(saved_errno) : fs_strerror(e);
}

static fs_error write_report(const fs_report *r, const fs_write_options *o, fs_msg *err)
{
    const writer_row *w = row_of(o->format);
    fs_msg detail = {""};
    int to_stdout = !o->path || strcmp(o->path, "-") == 0;
    if (to_stdout) {
        if (w->by_name) {
            fs_msg_set(err, "%s output needs -o FILE", w->name);
            return FS_ERR_USAGE;
        }
        errno = 0;
        fs_error e = w->fn(r, o, stdout, NULL, &detail);
        int io_failed = ferror(stdout);
        if (e == FS_OK && (fflush(stdout) != 0 || ferror(stdout)))
            e = FS_ERR_OUTPUT, io_failed = 1;
        if (e)
            fs_msg_set(err, "cannot write to standard output: %s",
                       why(&detail, e, io_failed, errno));
        return e;
    }
    char *tmp = NULL;
    FILE *fp = open_temp(o->path, &tmp, err);
    if (!fp)
        return FS_ERR_IO;
    fs_error e = FS_OK;
    int io_failed = 0, saved_errno = 0;
    if (w->by_name) {
        fclose(fp); /* the writer writes the file by name */
        fp = NULL;
        e = w->fn(r, o, NULL, tmp, &detail);
    } else {
        errno = 0;
        e = w->fn(r, o, fp, tmp, &detail);
        io_failed = ferror(fp);
        if (e == FS_OK && (fflush(fp) != 0 || ferror(fp) || fsync(fileno(fp)) != 0))
            e = FS_ERR_OUTPUT, io_failed = 1;
        saved_errno = errno;
        if (fclose(fp) != 0 && e == FS_OK)
            e = FS_ERR_OUTPUT, io_failed = 1, saved_errno = errno;
    }
    if (e)
        fs_msg_set(err, "%s: %s%s", o->path, detail.text[0] ? "" : "write failed: ",
                   why(&detail, e, io_failed, saved_errno));
    if (e == FS_OK && rename(tmp, o->path) != 0) {
        fs_msg_set(err, "%s: cannot move the output into place: %s", o->path, strerror(errno));
        e = FS_ERR_IO;
    }
    if (e)
        unlink(tmp);
    free(tmp);
    return e;
}

fs_error fs_write_report(const fs_report *r, const fs_write_options *o, fs_msg *err)
{
    safe_report s;
    fs_error e = safe_report_make(&s, r);
    if (e)
        fs_msg_set(err, "out of memory");
    else
        e = write_report(&s.r, o, err);
    safe_free(&s);
    return e;
}
