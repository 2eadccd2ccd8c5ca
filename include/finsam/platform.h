/* platform.h: the few things the operating system does for the library, behind one set of
 * functions, so that the rest of the code is the same on POSIX (glibc) and on Windows
 * (mingw-w64 with msvcrt.dll).
 *
 * POSIX: the calls the library made before (mkstemp, fsync, rename, glibc iconv), unchanged.
 * Windows: a Windows-1252 table, a temporary file created with _wopen (O_EXCL), a rename
 * by MoveFileExW with replace and write-through, FlushFileBuffers.
 *
 * File names are UTF-8 on both. On Windows the program's manifest
 * (packaging/windows/finsam-stats.manifest) makes UTF-8 the process code page, so the
 * narrow calls (fopen, unlink, argv) take UTF-8 too; the functions here convert to UTF-16
 * themselves and do not depend on it. */
#ifndef FINSAM_PLATFORM_H
#define FINSAM_PLATFORM_H

#include <stddef.h>

/* Call first in main(). Windows: standard input, output and error in binary mode (a report
 * is the same bytes as on POSIX: no CR is added before LF, no ^Z ends the input), and a
 * console's output code page set to UTF-8 (restored at exit) so that "Kön" prints as such.
 * POSIX: nothing. */
void fs_platform_init(void);

/* Creates and opens a new file named by tmpl, whose last six characters are "XXXXXX" and
 * are replaced, as mkstemp(3) does; the file is readable and writable by the user (POSIX:
 * 0666 less the umask, as a file made by fopen). Returns a descriptor open for writing, or
 * -1 with errno set. */
int fs_mkstemp(char *tmpl);

/* Commits what was written to fd to the disk (fsync; FlushFileBuffers). 0, or -1 with
 * errno set. */
int fs_fsync(int fd);

/* Renames from to to, replacing to if it exists: POSIX rename(2), atomic; Windows
 * MoveFileExW with MOVEFILE_REPLACE_EXISTING and MOVEFILE_WRITE_THROUGH (it fails with
 * EACCES while another program keeps the file open without sharing it, as Excel keeps an
 * open workbook). 0, or -1 with errno set. */
int fs_rename_replace(const char *from, const char *to);

/* Asks the system to make the memory [p, p + len) present and writable now, in one call,
 * instead of a page fault at the first write to each 4 KiB page: for a large array about to
 * be written in full. A hint: nothing happens where it is not supported (Linux before
 * 5.14, other systems) or when it fails; the memory is the same either way. */
void fs_populate(void *p, size_t len);

/* Windows-1252 to UTF-8, with the interface of iconv(3): converts from *in, advancing *in,
 * *inleft, *out and *outleft; returns 0 when all of the input was converted, or (size_t)-1
 * with errno E2BIG (the output is full; call again) or EILSEQ (*in points at a byte that
 * Windows-1252 leaves undefined: 0x81, 0x8D, 0x8F, 0x90, 0x9D). POSIX: glibc's iconv;
 * Windows: fs_cp1252_table below. */
typedef struct fs_cp1252 fs_cp1252;
/* NULL (errno set) when the system cannot convert. Free with fs_cp1252_close(). */
fs_cp1252 *fs_cp1252_open(void);
size_t fs_cp1252_convert(fs_cp1252 *cd, char **in, size_t *inleft, char **out,
                         size_t *outleft);
void fs_cp1252_close(fs_cp1252 *cd);

/* The table conversion that Windows uses, with the same contract; built on every system so
 * that the unit tests prove it equal to glibc's iconv. */
size_t fs_cp1252_table(char **in, size_t *inleft, char **out, size_t *outleft);

#endif
