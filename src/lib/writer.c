/* writer.c: the registry of output formats, and the safe output file. */
#define _XOPEN_SOURCE 700 /* realpath */
#include "finsam/writer.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "finsam/platform.h"
#include "finsam/pnr.h"
#include "finsam/text.h"

/* What Windows (mingw-w64) lacks of the POSIX file model: no symbolic links followed here,
 * no inode to compare, no owner to keep, no directory to sync; see the _WIN32 branches. */
#ifndef S_ISLNK
#define S_ISLNK(m) 0
#endif
#ifndef S_ISSOCK
#define S_ISSOCK(m) 0
#endif
#ifndef S_ISBLK
#define S_ISBLK(m) 0
#endif
#ifndef O_BINARY
#define O_BINARY 0
#endif

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
    [FS_FMT_MD] = {"md", {"md", "markdown", NULL}, fs_write_md, 0},
    [FS_FMT_HTML] = {"html", {"html", "htm", NULL}, fs_write_html, 0},
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
 * labels, notes, chart titles and series, small-multiple headings and captions, document
 * properties, warnings, the source line, the command. Cells
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
    c->multiples = safe_str(s, t->multiples);
    c->multiple_label = safe_str(s, t->multiple_label);
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
    s->r.doc_title = safe_str(s, r->doc_title);
    s->r.doc_subject = safe_str(s, r->doc_subject);
    s->r.doc_comments = safe_str(s, r->doc_comments);
    if (!(s->r.tables = array_of(s, r->n_tables, sizeof *s->r.tables)) ||
        !(s->r.warnings = array_of(s, r->n_warnings, sizeof *s->r.warnings)))
        return FS_ERR_MEMORY;
    for (size_t i = 0; i < r->n_tables && !s->failed; i++)
        s->r.tables[i] = (fs_table *)safe_table(s, r->tables[i]);
    for (size_t i = 0; i < r->n_warnings; i++)
        s->r.warnings[i] = safe_str(s, r->warnings[i]);
    return s->failed ? FS_ERR_MEMORY : FS_OK;
}

/* ---- The output file: -o that cannot hurt ----
 *
 * A report written to a file goes to a temporary file beside the file it replaces, which
 * is synced, renamed into place only when the writer succeeded, and its directory synced.
 * Before that:
 *   - a symbolic link is followed: its target is replaced and the link stays, as with
 *     `sed -i --follow-symlinks` and shell redirection; a link to nothing is refused;
 *   - what is there must be a regular file: a directory, a device, a FIFO or a socket is
 *     refused (standard output is "-");
 *   - a file that is one of the inputs (same device and inode, through any name or link)
 *     is refused;
 *   - a file without write permission is refused, even for root (as rm and mv ask before
 *     removing one), and so is one the user may not write;
 *   - the new file keeps the permission bits, and where it may, the owner and group, of the
 *     file it replaces (the group's bits are dropped when its group cannot be kept);
 * and SIGINT, SIGTERM and SIGHUP while the temporary file exists remove it.
 *
 * On Windows the file is replaced the same way (platform.h: MoveFileExW, write-through),
 * and a directory or a read-only file is refused; symbolic links, the inode of an input,
 * the owner and the signals are POSIX's and are left out there. */

/* The file a report for path replaces: path, or the end of the links it is; st is valid
 * when exists. */
typedef struct out_target {
    char *path; /* caller frees */
    int exists;
    struct stat st;
} out_target;

static const char *file_kind(mode_t m)
{
    return S_ISDIR(m) ? "a directory" : S_ISCHR(m) ? "a character device"
         : S_ISBLK(m) ? "a block device" : S_ISFIFO(m) ? "a FIFO" : S_ISSOCK(m) ? "a socket"
                       : "not a regular file";
}

/* Resolves and checks the target of o->path (the name the user gave, used in messages). */
static fs_error resolve_target(const fs_write_options *o, out_target *t, fs_msg *err)
{
    const char *path = o->path;
    struct stat ls;
    memset(t, 0, sizeof *t);
#ifdef _WIN32
    if (stat(path, &ls) != 0) {
#else
    if (lstat(path, &ls) != 0) {
#endif
        if (errno != ENOENT) {
            fs_msg_set(err, "%s: cannot use as the output file: %s", path, strerror(errno));
            return FS_ERR_IO;
        }
        t->path = fs_strdup(path); /* a new file; a missing directory fails at mkstemp */
        return t->path ? FS_OK : FS_ERR_MEMORY;
    }
#ifndef _WIN32
    if (S_ISLNK(ls.st_mode)) {
        t->path = realpath(path, NULL);
        if (!t->path) {
            fs_msg_set(err, "%s: a symbolic link to a file that cannot be reached (%s); not "
                            "replaced", path, strerror(errno));
            return FS_ERR_USAGE;
        }
        if (stat(t->path, &t->st) != 0) {
            fs_msg_set(err, "%s: cannot use as the output file: %s", path, strerror(errno));
            return FS_ERR_IO;
        }
    } else
#endif
    {
        t->path = fs_strdup(path);
        if (!t->path)
            return FS_ERR_MEMORY;
        t->st = ls;
    }
    t->exists = 1;
    if (!S_ISREG(t->st.st_mode)) {
        fs_msg_set(err, "%s: is %s, not a regular file; not replaced (use - for standard "
                        "output)", path, file_kind(t->st.st_mode));
        return FS_ERR_USAGE;
    }
    if ((t->st.st_mode & 0222) == 0 || access(t->path, W_OK) != 0) {
        fs_msg_set(err, "%s: is read-only; not replaced (make it writable or choose another "
                        "name)", path);
        return FS_ERR_USAGE;
    }
#ifdef _WIN32 /* no inode: the same full path, letter case aside, is the same file */
    for (size_t i = 0; i < o->n_inputs; i++) {
        char a[_MAX_PATH], b[_MAX_PATH];
        if (o->inputs[i] && _fullpath(a, o->inputs[i], sizeof a) &&
            _fullpath(b, t->path, sizeof b) && _stricmp(a, b) == 0) {
            fs_msg_set(err, "%s: is also an input (%s); not replaced", path, o->inputs[i]);
            return FS_ERR_USAGE;
        }
    }
#else
    for (size_t i = 0; i < o->n_inputs; i++) {
        struct stat in;
        if (o->inputs[i] && stat(o->inputs[i], &in) == 0 && in.st_dev == t->st.st_dev &&
            in.st_ino == t->st.st_ino) {
            fs_msg_set(err, "%s: is also an input (%s); not replaced", path, o->inputs[i]);
            return FS_ERR_USAGE;
        }
    }
#endif
    return FS_OK;
}

fs_error fs_output_check(const fs_write_options *o, fs_msg *err)
{
    if (!o->path || strcmp(o->path, "-") == 0)
        return FS_OK;
    out_target t;
    fs_error e = resolve_target(o, &t, err);
    if (e == FS_ERR_MEMORY)
        fs_msg_set(err, "out of memory");
    free(t.path);
    return e;
}

/* The temporary file, removed by a signal handler while it exists. Static: one report is
 * written at a time. */
static char signal_tmp[4096];
static volatile sig_atomic_t signal_armed;
#ifdef _WIN32
static void cleanup_on_signals(void) {}
static void restore_signals(void)
{
    signal_armed = 0;
}
static void block_signals(int block)
{
    (void)block;
}
#else
static const int cleanup_signals[] = {SIGINT, SIGTERM, SIGHUP};
#define N_CLEANUP_SIGNALS (sizeof cleanup_signals / sizeof cleanup_signals[0])
static struct sigaction saved_actions[N_CLEANUP_SIGNALS];
static int installed[N_CLEANUP_SIGNALS];

static void remove_temp_and_die(int sig)
{
    if (signal_armed)
        unlink(signal_tmp);
    raise(sig); /* SA_RESETHAND: the default action, once this handler returns */
}

/* Installs the handler for each signal that is not ignored (nohup keeps SIGHUP ignored). */
static void cleanup_on_signals(void)
{
    for (size_t i = 0; i < N_CLEANUP_SIGNALS; i++) {
        struct sigaction sa;
        installed[i] = 0;
        if (sigaction(cleanup_signals[i], NULL, &saved_actions[i]) != 0 ||
            saved_actions[i].sa_handler == SIG_IGN)
            continue;
        memset(&sa, 0, sizeof sa);
        sa.sa_handler = remove_temp_and_die;
        sa.sa_flags = SA_RESETHAND;
        sigemptyset(&sa.sa_mask);
        installed[i] = sigaction(cleanup_signals[i], &sa, NULL) == 0;
    }
}

static void restore_signals(void)
{
    signal_armed = 0;
    for (size_t i = 0; i < N_CLEANUP_SIGNALS; i++)
        if (installed[i])
            sigaction(cleanup_signals[i], &saved_actions[i], NULL);
}

/* Blocks (block = 1) or unblocks the cleanup signals, so that the temporary file is never
 * made without the handler knowing its name. */
static void block_signals(int block)
{
    sigset_t set;
    sigemptyset(&set);
    for (size_t i = 0; i < N_CLEANUP_SIGNALS; i++)
        sigaddset(&set, cleanup_signals[i]);
    sigprocmask(block ? SIG_BLOCK : SIG_UNBLOCK, &set, NULL);
}
#endif

/* Creates the temporary file beside t->path, named in signal_tmp, with the mode (and where
 * it may, the owner and group) of the file it replaces, or 0666 less the umask for a new
 * one. Returns its descriptor or -1 with err set. */
static int create_temp(const out_target *t, const char *shown, fs_msg *err)
{
    int n = snprintf(signal_tmp, sizeof signal_tmp, "%s.XXXXXX", t->path);
    if (n < 0 || (size_t)n >= sizeof signal_tmp) {
        fs_msg_set(err, "%s: the path is too long", shown);
        return -1;
    }
    block_signals(1);
    int fd = fs_mkstemp(signal_tmp);
    signal_armed = fd >= 0;
    int saved = errno;
    block_signals(0);
    if (fd < 0) {
        fs_msg_set(err, "%s: cannot create the output file: %s", shown, strerror(saved));
        return -1;
    }
#ifndef _WIN32
    mode_t mode;
    if (t->exists) {
        mode = t->st.st_mode & 07777;
        struct stat mine;
        if (fstat(fd, &mine) == 0 && (mine.st_uid != t->st.st_uid || mine.st_gid != t->st.st_gid) &&
            fchown(fd, t->st.st_uid, t->st.st_gid) != 0 &&
            fchown(fd, (uid_t)-1, t->st.st_gid) != 0 && mine.st_gid != t->st.st_gid)
            mode &= ~(mode_t)(S_IRWXG | S_ISGID); /* another group would get its bits */
    } else {
        mode_t mask = umask(0);
        umask(mask);
        mode = 0666 & ~mask;
    }
    (void)fchmod(fd, mode);
#else
    (void)t;
#endif
    return fd;
}

/* Syncs the directory that holds path. */
static int sync_dir_of(const char *path)
{
#ifdef _WIN32
    (void)path; /* the rename was write-through */
    return 0;
#else
    char *dir = fs_strdup(path);
    if (!dir)
        return -1;
    char *slash = strrchr(dir, '/');
    if (!slash)
        strcpy(dir, ".");
    else if (slash == dir)
        dir[1] = '\0';
    else
        *slash = '\0';
    int fd = open(dir, O_RDONLY | O_DIRECTORY);
    free(dir);
    if (fd < 0)
        return -1;
    int rc = fsync(fd);
    if (rc != 0 && (errno == EINVAL || errno == EROFS))
        rc = 0; /* a file system that cannot sync a directory */
    int saved = errno;
    close(fd);
    errno = saved;
    return rc;
#endif
}

/* Syncs the file written by name (the writer closed it). */
static int sync_path(const char *path)
{
#ifdef _WIN32
    int fd = open(path, O_RDWR | O_BINARY); /* FlushFileBuffers needs write access */
#else
    int fd = open(path, O_RDONLY);
#endif
    if (fd < 0)
        return -1;
    int rc = fs_fsync(fd);
    int saved = errno;
    close(fd);
    errno = saved;
    return rc;
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

static fs_error write_stdout(const writer_row *w, const fs_report *r, const fs_write_options *o,
                             fs_msg *err)
{
    fs_msg detail = {""};
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
        fs_msg_set(err, "cannot write to standard output: %s", why(&detail, e, io_failed, errno));
    return e;
}

/* Writes the report into the temporary file (descriptor fd) and syncs it. */
static fs_error write_temp(const writer_row *w, const fs_report *r, const fs_write_options *o,
                           int fd, fs_msg *err)
{
    fs_msg detail = {""};
    fs_error e = FS_OK;
    int io_failed = 0, saved_errno = 0;
    if (w->by_name) {
        close(fd); /* the writer writes the file by name */
        e = w->fn(r, o, NULL, signal_tmp, &detail);
        if (e == FS_OK && sync_path(signal_tmp) != 0)
            e = FS_ERR_OUTPUT, io_failed = 1, saved_errno = errno;
    } else {
        FILE *fp = fdopen(fd, "wb");
        if (!fp) {
            fs_msg_set(err, "%s: cannot create the output file: %s", o->path, strerror(errno));
            close(fd);
            return FS_ERR_IO;
        }
        errno = 0;
        e = w->fn(r, o, fp, signal_tmp, &detail);
        io_failed = ferror(fp);
        if (e == FS_OK && (fflush(fp) != 0 || ferror(fp) || fs_fsync(fileno(fp)) != 0))
            e = FS_ERR_OUTPUT, io_failed = 1;
        saved_errno = errno;
        if (fclose(fp) != 0 && e == FS_OK)
            e = FS_ERR_OUTPUT, io_failed = 1, saved_errno = errno;
    }
    if (e)
        fs_msg_set(err, "%s: %s%s", o->path, detail.text[0] ? "" : "write failed: ",
                   why(&detail, e, io_failed, saved_errno));
    return e;
}

static fs_error write_report(const fs_report *r, const fs_write_options *o, fs_msg *err)
{
    const writer_row *w = row_of(o->format);
    if (!o->path || strcmp(o->path, "-") == 0)
        return write_stdout(w, r, o, err);
    out_target t;
    fs_error e = resolve_target(o, &t, err);
    if (e) {
        if (e == FS_ERR_MEMORY)
            fs_msg_set(err, "out of memory");
        free(t.path);
        return e;
    }
    cleanup_on_signals();
    int fd = create_temp(&t, o->path, err);
    if (fd < 0) {
        restore_signals();
        free(t.path);
        return FS_ERR_IO;
    }
    e = write_temp(w, r, o, fd, err);
    if (e == FS_OK && fs_rename_replace(signal_tmp, t.path) != 0) {
        fs_msg_set(err, "%s: cannot move the output into place: %s", o->path, strerror(errno));
        e = FS_ERR_IO;
    }
    if (e)
        unlink(signal_tmp);
    restore_signals();
    if (e == FS_OK && sync_dir_of(t.path) != 0) {
        fs_msg_set(err, "%s: written, but its directory could not be synced: %s", o->path,
                   strerror(errno));
        e = FS_ERR_IO;
    }
    free(t.path);
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
