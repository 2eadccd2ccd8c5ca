/* platform.c: what the operating system does for the library (see platform.h). */
#ifdef _WIN32
#define _CRT_RAND_S /* rand_s() in stdlib.h */
#else
#define _DEFAULT_SOURCE /* madvise() and MADV_POPULATE_WRITE in sys/mman.h */
#endif
#include "finsam/platform.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Windows-1252 0x80..0x9F (0xA0..0xFF are U+00A0..U+00FF, 0x00..0x7F ASCII); 0: undefined,
 * as in glibc's WINDOWS-1252 (tests/unit/test_platform.c compares the two). */
static const unsigned short cp1252_80_9f[32] = {
    0x20AC, 0,      0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
    0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0,      0x017D, 0,
    0,      0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
    0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0,      0x017E, 0x0178,
};

size_t fs_cp1252_table(char **in, size_t *inleft, char **out, size_t *outleft)
{
    while (*inleft) {
        unsigned char b = (unsigned char)**in;
        unsigned cp = b >= 0x80 && b < 0xA0 ? cp1252_80_9f[b - 0x80] : b;
        if (b && !cp) {
            errno = EILSEQ;
            return (size_t)-1;
        }
        size_t n = cp < 0x80 ? 1 : cp < 0x800 ? 2 : 3;
        if (*outleft < n) {
            errno = E2BIG;
            return (size_t)-1;
        }
        unsigned char *o = (unsigned char *)*out;
        if (n == 1) {
            o[0] = (unsigned char)cp;
        } else if (n == 2) {
            o[0] = (unsigned char)(0xC0 | cp >> 6);
            o[1] = (unsigned char)(0x80 | (cp & 0x3F));
        } else {
            o[0] = (unsigned char)(0xE0 | cp >> 12);
            o[1] = (unsigned char)(0x80 | (cp >> 6 & 0x3F));
            o[2] = (unsigned char)(0x80 | (cp & 0x3F));
        }
        *out += n;
        *outleft -= n;
        (*in)++;
        (*inleft)--;
    }
    return 0;
}

#ifndef _WIN32 /* POSIX: the calls the library made before, unchanged */

#include <iconv.h>
#include <stdint.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

void fs_platform_init(void)
{
}

void fs_populate(void *p, size_t len)
{
#ifdef MADV_POPULATE_WRITE /* Linux 5.14 */
    long size = sysconf(_SC_PAGESIZE);
    uintptr_t page = size > 0 ? (uintptr_t)size : 4096;
    uintptr_t lo = ((uintptr_t)p + page - 1) & ~(page - 1), hi = ((uintptr_t)p + len) & ~(page - 1);
    if (hi > lo) /* whole pages inside [p, p + len): the ends may be another allocation's */
        (void)madvise((void *)lo, hi - lo, MADV_POPULATE_WRITE);
#else
    (void)p;
    (void)len;
#endif
}

int fs_mkstemp(char *tmpl)
{
    int fd = mkstemp(tmpl);
    if (fd < 0)
        return -1;
    mode_t mask = umask(0);
    umask(mask);
    (void)fchmod(fd, 0666 & ~mask);
    return fd;
}

int fs_fsync(int fd)
{
    return fsync(fd);
}

int fs_rename_replace(const char *from, const char *to)
{
    return rename(from, to);
}

fs_cp1252 *fs_cp1252_open(void)
{
    iconv_t cd = iconv_open("UTF-8", "WINDOWS-1252");
    return cd == (iconv_t)-1 ? NULL : (fs_cp1252 *)cd;
}

size_t fs_cp1252_convert(fs_cp1252 *cd, char **in, size_t *inleft, char **out,
                         size_t *outleft)
{
    return iconv((iconv_t)cd, in, inleft, out, outleft);
}

void fs_cp1252_close(fs_cp1252 *cd)
{
    if (cd)
        iconv_close((iconv_t)cd);
}

#else /* Windows */

#define WIN32_LEAN_AND_MEAN
#include <fcntl.h>
#include <io.h>
#include <sys/stat.h>
#include <windows.h>

static UINT console_cp; /* the console's output code page before fs_platform_init() */

static void restore_console(void)
{
    SetConsoleOutputCP(console_cp);
}

void fs_platform_init(void)
{
    _setmode(_fileno(stdin), _O_BINARY);
    _setmode(_fileno(stdout), _O_BINARY);
    _setmode(_fileno(stderr), _O_BINARY);
    UINT cp = GetConsoleOutputCP(); /* 0 without a console */
    if (cp && cp != CP_UTF8 && SetConsoleOutputCP(CP_UTF8)) {
        console_cp = cp;
        atexit(restore_console);
    }
}

void fs_populate(void *p, size_t len)
{
    (void)p;
    (void)len;
}

/* The errno of a Win32 error, for strerror() in messages. */
static int errno_of(DWORD e)
{
    switch (e) {
    case ERROR_FILE_NOT_FOUND:
    case ERROR_PATH_NOT_FOUND:
    case ERROR_INVALID_DRIVE:
    case ERROR_BAD_NETPATH:
        return ENOENT;
    case ERROR_ACCESS_DENIED:
    case ERROR_SHARING_VIOLATION:
    case ERROR_LOCK_VIOLATION:
    case ERROR_WRITE_PROTECT:
        return EACCES;
    case ERROR_FILE_EXISTS:
    case ERROR_ALREADY_EXISTS:
        return EEXIST;
    case ERROR_DISK_FULL:
    case ERROR_HANDLE_DISK_FULL:
        return ENOSPC;
    case ERROR_NOT_ENOUGH_MEMORY:
    case ERROR_OUTOFMEMORY:
        return ENOMEM;
    case ERROR_NOT_SAME_DEVICE:
        return EXDEV;
    case ERROR_INVALID_NAME:
    case ERROR_BAD_PATHNAME:
    case ERROR_NO_UNICODE_TRANSLATION:
        return EINVAL;
    default:
        return EIO;
    }
}

/* UTF-8 to UTF-16 for the W functions; caller frees. NULL with errno set. */
static wchar_t *wide(const char *s)
{
    int n = MultiByteToWideChar(CP_UTF8, MB_ERR_INVALID_CHARS, s, -1, NULL, 0);
    if (n <= 0) {
        errno = errno_of(GetLastError());
        return NULL;
    }
    wchar_t *w = malloc((size_t)n * sizeof *w);
    if (!w) {
        errno = ENOMEM;
        return NULL;
    }
    MultiByteToWideChar(CP_UTF8, MB_ERR_INVALID_CHARS, s, -1, w, n);
    return w;
}

int fs_mkstemp(char *tmpl)
{
    static const char letters[] =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    size_t len = strlen(tmpl);
    if (len < 6 || strcmp(tmpl + len - 6, "XXXXXX") != 0) {
        errno = EINVAL;
        return -1;
    }
    for (unsigned attempt = 0; attempt < 100; attempt++) {
        for (size_t i = 0; i < 6; i++) {
            unsigned r = 0;
            if (rand_s(&r) != 0)
                r = (unsigned)GetTickCount() * 2654435761u + (unsigned)(attempt * 6 + i);
            tmpl[len - 6 + i] = letters[r % (sizeof letters - 1)];
        }
        wchar_t *w = wide(tmpl);
        if (!w)
            return -1;
        int fd = _wopen(w, _O_RDWR | _O_CREAT | _O_EXCL | _O_BINARY | _O_NOINHERIT,
                        _S_IREAD | _S_IWRITE);
        free(w);
        if (fd >= 0 || errno != EEXIST)
            return fd;
    }
    errno = EEXIST;
    return -1;
}

int fs_fsync(int fd)
{
    HANDLE h = (HANDLE)_get_osfhandle(fd);
    if (h == INVALID_HANDLE_VALUE) {
        errno = EBADF;
        return -1;
    }
    if (!FlushFileBuffers(h)) {
        errno = errno_of(GetLastError());
        return -1;
    }
    return 0;
}

int fs_rename_replace(const char *from, const char *to)
{
    int rc = -1;
    wchar_t *wfrom = wide(from);
    wchar_t *wto = wfrom ? wide(to) : NULL;
    if (wfrom && wto) {
        if (MoveFileExW(wfrom, wto, MOVEFILE_REPLACE_EXISTING | MOVEFILE_WRITE_THROUGH))
            rc = 0;
        else
            errno = errno_of(GetLastError());
    }
    free(wfrom);
    free(wto);
    return rc;
}

struct fs_cp1252 {
    int table; /* no state: the table is all there is */
};
static fs_cp1252 the_table = {1};

fs_cp1252 *fs_cp1252_open(void)
{
    return &the_table;
}

size_t fs_cp1252_convert(fs_cp1252 *cd, char **in, size_t *inleft, char **out,
                         size_t *outleft)
{
    (void)cd;
    return fs_cp1252_table(in, inleft, out, outleft);
}

void fs_cp1252_close(fs_cp1252 *cd)
{
    (void)cd;
}

#endif
