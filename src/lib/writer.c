/* writer.c: format selection and safe output files. */
#include "finsam/writer.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "finsam/text.h"

fs_error fs_format_parse(const char *s, fs_format *out)
{
    static const char *const names[] = {"text", "csv", "json", "xlsx"};
    for (int i = 0; i < 4; i++)
        if (strcmp(s, names[i]) == 0) {
            *out = (fs_format)i;
            return FS_OK;
        }
    return FS_ERR_USAGE;
}

fs_error fs_format_from_path(const char *path, fs_format *out)
{
    const char *dot = strrchr(path, '.');
    if (!dot || strchr(dot, '/'))
        return FS_ERR_USAGE;
    if (strcmp(dot, ".txt") == 0)
        return *out = FS_FMT_TEXT, FS_OK;
    return fs_format_parse(dot + 1, out);
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

static fs_error write_stream(const fs_report *r, const fs_write_options *o, FILE *fp)
{
    switch (o->format) {
    case FS_FMT_TEXT:
        return fs_write_text(r, fp);
    case FS_FMT_CSV:
        return fs_write_csv(r, o->dialect, fp);
    case FS_FMT_JSON:
        return fs_write_json(r, fp);
    case FS_FMT_XLSX:
        break;
    }
    return FS_ERR_USAGE;
}

/* Why a write failed: the system's reason when the stream had an I/O error, else the
 * library error (out of memory is not "No space left on device"). */
static const char *why(fs_error e, int io_failed, int saved_errno)
{
    return io_failed && saved_errno ? strerror(saved_errno) : fs_strerror(e);
}

fs_error fs_write_report(const fs_report *r, const fs_write_options *o, fs_msg *err)
{
    int to_stdout = !o->path || strcmp(o->path, "-") == 0;
    if (to_stdout) {
        if (o->format == FS_FMT_XLSX) {
            fs_msg_set(err, "xlsx output needs -o FILE");
            return FS_ERR_USAGE;
        }
        errno = 0;
        fs_error e = write_stream(r, o, stdout);
        int io_failed = ferror(stdout);
        if (e == FS_OK && (fflush(stdout) != 0 || ferror(stdout)))
            e = FS_ERR_OUTPUT, io_failed = 1;
        if (e)
            fs_msg_set(err, "cannot write to standard output: %s", why(e, io_failed, errno));
        return e;
    }
    char *tmp = NULL;
    FILE *fp = open_temp(o->path, &tmp, err);
    if (!fp)
        return FS_ERR_IO;
    fs_error e = FS_OK;
    if (o->format == FS_FMT_XLSX) {
        fclose(fp); /* libxlsxwriter writes the file by name */
        fp = NULL;
        fs_msg detail = {""};
        e = fs_write_xlsx(r, tmp, &detail);
        if (e)
            fs_msg_set(err, "%s: cannot write the workbook: %s", o->path, detail.text);
    } else {
        errno = 0;
        e = write_stream(r, o, fp);
        int io_failed = ferror(fp);
        if (e == FS_OK && (fflush(fp) != 0 || ferror(fp) || fsync(fileno(fp)) != 0))
            e = FS_ERR_OUTPUT, io_failed = 1;
        int saved_errno = errno;
        if (fclose(fp) != 0 && e == FS_OK)
            e = FS_ERR_OUTPUT, io_failed = 1, saved_errno = errno;
        if (e)
            fs_msg_set(err, "%s: write failed: %s", o->path, why(e, io_failed, saved_errno));
    }
    if (e == FS_OK && rename(tmp, o->path) != 0) {
        fs_msg_set(err, "%s: cannot move the output into place: %s", o->path, strerror(errno));
        e = FS_ERR_IO;
    }
    if (e)
        unlink(tmp);
    free(tmp);
    return e;
}
