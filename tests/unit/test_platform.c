/* test_platform.c: the platform layer. The Windows-1252 table that the Windows build uses
 * against glibc's iconv, byte by byte and with a full output buffer; the temporary file,
 * the replacing rename and fsync as writer.c uses them. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "finsam/platform.h"

typedef struct conv_result {
    size_t rc;
    int err;           /* errno when rc is (size_t)-1 */
    size_t consumed;   /* input bytes taken */
    char out[64];
    size_t out_len;
} conv_result;

static conv_result run_conv(fs_cp1252 *cd, const char *in, size_t n, size_t outcap)
{
    conv_result r;
    memset(&r, 0, sizeof r);
    char *ip = (char *)in, *op = r.out;
    size_t inleft = n, outleft = outcap;
    errno = 0;
    r.rc = cd ? fs_cp1252_convert(cd, &ip, &inleft, &op, &outleft)
              : fs_cp1252_table(&ip, &inleft, &op, &outleft);
    r.err = r.rc == (size_t)-1 ? errno : 0;
    r.consumed = n - inleft;
    r.out_len = outcap - outleft;
    return r;
}

static void assert_same(const conv_result *table, const conv_result *iconv, const char *what)
{
    if (table->rc != iconv->rc || table->err != iconv->err ||
        table->consumed != iconv->consumed || table->out_len != iconv->out_len ||
        memcmp(table->out, iconv->out, table->out_len) != 0) {
        print_error("%s: table rc %zd errno %d took %zu gave %zu bytes; iconv rc %zd errno %d "
                    "took %zu gave %zu bytes\n",
                    what, (ssize_t)table->rc, table->err, table->consumed, table->out_len,
                    (ssize_t)iconv->rc, iconv->err, iconv->consumed, iconv->out_len);
        fail();
    }
}

/* Every byte alone: the same UTF-8, the same five undefined bytes (EILSEQ, nothing taken). */
static void test_cp1252_every_byte(void **state)
{
    (void)state;
    fs_cp1252 *cd = fs_cp1252_open();
    assert_non_null(cd);
    int undefined = 0;
    for (int b = 0; b < 256; b++) {
        char in[1] = {(char)b}, what[32];
        conv_result t = run_conv(NULL, in, 1, 8), i = run_conv(cd, in, 1, 8);
        snprintf(what, sizeof what, "byte 0x%02X", b);
        assert_same(&t, &i, what);
        undefined += t.err == EILSEQ;
    }
    assert_int_equal(undefined, 5); /* 0x81 0x8D 0x8F 0x90 0x9D */
    fs_cp1252_close(cd);
}

/* A text of ASCII, two- and three-byte characters through output buffers of every small
 * size (E2BIG stops at the same character), and an undefined byte in the middle of a run. */
static void test_cp1252_runs(void **state)
{
    (void)state;
    static const char text[] = "K\xF6n;\x80 \x85\x93\x94\xE5\xE4\xF6\xC5\xC4\xD6;\x9F\x99x";
    fs_cp1252 *cd = fs_cp1252_open();
    assert_non_null(cd);
    for (size_t cap = 0; cap <= 48; cap++) {
        char what[32];
        snprintf(what, sizeof what, "output of %zu bytes", cap);
        conv_result t = run_conv(NULL, text, sizeof text - 1, cap);
        conv_result i = run_conv(cd, text, sizeof text - 1, cap);
        assert_same(&t, &i, what);
    }
    conv_result t = run_conv(NULL, "ab\x8D" "c", 4, 16), i = run_conv(cd, "ab\x8D" "c", 4, 16);
    assert_same(&t, &i, "undefined byte in a run");
    assert_int_equal(t.err, EILSEQ);
    assert_int_equal(t.consumed, 2);
    fs_cp1252_close(cd);
    fs_cp1252_close(NULL);
}

static char dir[] = "/tmp/fs-platform.XXXXXX";

static int make_dir(void **state)
{
    (void)state;
    return mkdtemp(dir) ? 0 : -1;
}

static int remove_dir(void **state)
{
    (void)state;
    char cmd[64];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    return system(cmd) == 0 ? 0 : -1;
}

static void write_file(const char *path, const char *text)
{
    FILE *fp = fopen(path, "wb");
    assert_non_null(fp);
    assert_int_equal(fputs(text, fp) >= 0, 1);
    assert_int_equal(fclose(fp), 0);
}

static void assert_file(const char *path, const char *text)
{
    char buf[64] = "";
    FILE *fp = fopen(path, "rb");
    assert_non_null(fp);
    size_t n = fread(buf, 1, sizeof buf - 1, fp);
    buf[n] = '\0';
    fclose(fp);
    assert_string_equal(buf, text);
}

/* writer.c's sequence: a new temporary beside the report, written, synced, renamed over
 * yesterday's report. */
static void test_temp_sync_replace(void **state)
{
    (void)state;
    char report[128], tmp[160], tmp2[160];
    snprintf(report, sizeof report, "%s/rapport-h\xC3\xA4lsa.csv", dir);
    write_file(report, "yesterday");
    snprintf(tmp, sizeof tmp, "%s.XXXXXX", report);
    strcpy(tmp2, tmp);
    int fd = fs_mkstemp(tmp);
    assert_true(fd >= 0);
    assert_int_not_equal(strcmp(tmp + strlen(tmp) - 6, "XXXXXX"), 0);
    int fd2 = fs_mkstemp(tmp2);
    assert_true(fd2 >= 0);
    assert_string_not_equal(tmp, tmp2); /* never the same file twice */
    close(fd2);
    assert_int_equal(unlink(tmp2), 0);

    struct stat st;
    mode_t mask = umask(0);
    umask(mask);
    assert_int_equal(fstat(fd, &st), 0);
    assert_int_equal(st.st_mode & 0777, 0666 & ~mask); /* as a file made by fopen */

    assert_int_equal(write(fd, "today", 5), 5);
    assert_int_equal(fs_fsync(fd), 0);
    assert_int_equal(close(fd), 0);
    assert_int_equal(fs_rename_replace(tmp, report), 0);
    assert_file(report, "today");
    assert_int_equal(access(tmp, F_OK), -1);

    char missing[160];
    snprintf(missing, sizeof missing, "%s/no-such-dir/x.XXXXXX", dir);
    assert_int_equal(fs_mkstemp(missing), -1);
    assert_int_equal(errno, ENOENT);
    assert_int_equal(fs_rename_replace(missing, report), -1);
    assert_int_equal(errno, ENOENT);
    assert_file(report, "today");
    assert_int_equal(fs_fsync(-1), -1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_cp1252_every_byte),
        cmocka_unit_test(test_cp1252_runs),
        cmocka_unit_test_setup_teardown(test_temp_sync_replace, make_dir, remove_dir),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
