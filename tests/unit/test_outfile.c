/* Unit tests: the output file of writer.c, seen through its system calls. Linked with
 * -Wl,--wrap=fsync,--wrap=rename (tests/CMakeLists.txt), so that every fsync and rename of
 * the library comes here first: the test records them in order, and can raise a signal at
 * the moment the temporary file exists. */
#define _XOPEN_SOURCE 700
#include <dirent.h>
#include <limits.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <cmocka.h>

#include "finsam/table.h"
#include "finsam/writer.h"

int __real_fsync(int fd);
int __real_rename(const char *from, const char *to);

static char events[16][2 * PATH_MAX + 128];
static size_t n_events;
static int raise_on_fsync; /* a signal to raise at the first fsync, or 0 */

static void record(const char *what, const char *path)
{
    if (n_events < sizeof events / sizeof events[0])
        snprintf(events[n_events++], sizeof events[0], "%s %s", what, path);
}

int __wrap_fsync(int fd)
{
    char link[64], path[PATH_MAX];
    snprintf(link, sizeof link, "/proc/self/fd/%d", fd);
    ssize_t n = readlink(link, path, sizeof path - 1);
    path[n > 0 ? n : 0] = '\0';
    record("fsync", path);
    if (raise_on_fsync)
        raise(raise_on_fsync);
    return __real_fsync(fd);
}

int __wrap_rename(const char *from, const char *to)
{
    char a[PATH_MAX], b[PATH_MAX];
    record("rename-from", realpath(from, a) ? a : from);
    int rc = __real_rename(from, to);
    record("rename-to", realpath(to, b) ? b : to);
    return rc;
}

static fs_report *small_report(void)
{
    fs_report *r = fs_report_new("exits", "sv");
    fs_table *t = fs_table_new("k", "Titel");
    assert_non_null(r);
    assert_non_null(t);
    assert_true(fs_table_add_col(t, "n", "Antal", FS_COL_COUNT, 0, -1) == 0);
    fs_row *row = fs_table_add_row(t, "a", "Arbete", 0, 0);
    assert_non_null(row);
    fs_row_set(t, row, "n", 3);
    assert_int_equal(fs_report_add_table(r, t), FS_OK);
    return r;
}

/* A fresh directory; its real path into dir. */
static void make_dir(char *dir, size_t size)
{
    char tmpl[] = "/tmp/fs-outfile-XXXXXX";
    assert_non_null(mkdtemp(tmpl));
    assert_non_null(realpath(tmpl, dir));
    (void)size;
}

static size_t count_entries(const char *dir)
{
    DIR *d = opendir(dir);
    size_t n = 0;
    struct dirent *e;
    assert_non_null(d);
    while ((e = readdir(d)) != NULL)
        n += strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0;
    closedir(d);
    return n;
}

static void remove_dir(const char *dir, const char *file)
{
    char p[PATH_MAX + 64];
    snprintf(p, sizeof p, "%s/%s", dir, file);
    unlink(p);
    rmdir(dir);
}

/* For each format: the temporary file is synced, then renamed onto the target, then the
 * directory is synced; nothing else is left. */
static void test_sync_order(void **state)
{
    (void)state;
    static const struct {
        fs_format format;
        const char *name;
    } cases[] = {{FS_FMT_CSV, "out.csv"}, {FS_FMT_TEXT, "out.txt"}, {FS_FMT_JSON, "out.json"},
                 {FS_FMT_XLSX, "out.xlsx"}};
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char dir[PATH_MAX], target[PATH_MAX + 64], want[sizeof events[0] + 32];
        make_dir(dir, sizeof dir);
        snprintf(target, sizeof target, "%s/%s", dir, cases[i].name);
        fs_report *r = small_report();
        fs_write_options o = {.format = cases[i].format, .path = target};
        fs_msg err = {""};
        n_events = 0;
        if (fs_write_report(r, &o, &err) != FS_OK)
            fail_msg("%s: %s", cases[i].name, err.text);
        fs_report_free(r);
        if (n_events != 4)
            fail_msg("%s: %zu events, expected fsync, rename, fsync", cases[i].name, n_events);
        /* 1: the temporary file beside the target, before the rename */
        snprintf(want, sizeof want, "fsync %s.", target);
        if (strncmp(events[0], want, strlen(want)) != 0)
            fail_msg("%s: first event [%s]", cases[i].name, events[0]);
        assert_memory_equal(events[1], "rename-from ", 12);
        assert_string_equal(events[1] + 12, events[0] + 6); /* that file is renamed */
        snprintf(want, sizeof want, "rename-to %s", target);
        assert_string_equal(events[2], want);
        /* 3: the directory, after the rename */
        snprintf(want, sizeof want, "fsync %s", dir);
        assert_string_equal(events[3], want);
        assert_int_equal(count_entries(dir), 1);
        remove_dir(dir, cases[i].name);
    }
}

/* A signal while the temporary file exists removes it and ends the program by that signal;
 * the file that was there is untouched. */
static void test_signal_removes_temp(void **state)
{
    (void)state;
    static const int sigs[] = {SIGINT, SIGTERM, SIGHUP};
    static const fs_format formats[] = {FS_FMT_CSV, FS_FMT_XLSX};
    for (size_t f = 0; f < sizeof formats / sizeof formats[0]; f++) {
        for (size_t i = 0; i < sizeof sigs / sizeof sigs[0]; i++) {
            char dir[PATH_MAX], target[PATH_MAX + 64];
            make_dir(dir, sizeof dir);
            snprintf(target, sizeof target, "%s/report.%s", dir, formats[f] == FS_FMT_CSV ? "csv" : "xlsx");
            FILE *fp = fopen(target, "w");
            assert_non_null(fp);
            fputs("old\n", fp);
            fclose(fp);
            fflush(NULL);
            pid_t pid = fork();
            assert_true(pid >= 0);
            if (pid == 0) {
                fs_report *r = small_report();
                fs_write_options o = {.format = formats[f], .path = target};
                fs_msg err = {""};
                raise_on_fsync = sigs[i];
                (void)fs_write_report(r, &o, &err);
                _exit(0); /* not reached: the signal ends the child */
            }
            int status = 0;
            assert_int_equal(waitpid(pid, &status, 0), pid);
            if (!WIFSIGNALED(status) || WTERMSIG(status) != sigs[i])
                fail_msg("signal %d: the child was not ended by it (status %d)", sigs[i], status);
            if (count_entries(dir) != 1)
                fail_msg("signal %d, format %zu: the temporary file was left", sigs[i], f);
            fp = fopen(target, "r");
            char line[16] = "";
            assert_non_null(fp);
            assert_non_null(fgets(line, sizeof line, fp));
            fclose(fp);
            assert_string_equal(line, "old\n");
            remove_dir(dir, formats[f] == FS_FMT_CSV ? "report.csv" : "report.xlsx");
        }
    }
}

/* An ignored signal stays ignored (nohup): the write completes. */
static void test_ignored_signal_stays_ignored(void **state)
{
    (void)state;
    char dir[PATH_MAX], target[PATH_MAX + 64];
    make_dir(dir, sizeof dir);
    snprintf(target, sizeof target, "%s/out.csv", dir);
    struct sigaction ign, old;
    memset(&ign, 0, sizeof ign);
    ign.sa_handler = SIG_IGN;
    sigaction(SIGHUP, &ign, &old);
    fs_report *r = small_report();
    fs_write_options o = {.format = FS_FMT_CSV, .path = target};
    fs_msg err = {""};
    raise_on_fsync = SIGHUP;
    fs_error e = fs_write_report(r, &o, &err);
    raise_on_fsync = 0;
    struct sigaction now;
    sigaction(SIGHUP, &old, &now);
    fs_report_free(r);
    assert_int_equal(e, FS_OK);
    assert_true(now.sa_handler == SIG_IGN);
    assert_int_equal(count_entries(dir), 1);
    remove_dir(dir, "out.csv");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_sync_order),
        cmocka_unit_test(test_signal_removes_temp),
        cmocka_unit_test(test_ignored_signal_stays_ignored),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
