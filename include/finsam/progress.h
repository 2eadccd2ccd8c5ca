/* progress.h: a progress line on standard error while a large input file is read.
 *
 * Shown only when all hold: the program allowed it (fs_progress_allow: the commands do
 * unless --quiet; a library user, a test or a fuzzer that does not ask prints nothing),
 * standard error is a terminal (never in a pipe, a log or cron), and the file is a regular
 * file over FS_PROGRESS_MIN_BYTES. The line is drawn when the file is opened, redrawn in
 * place at most four times a second and cleared when the file is done:
 *
 *     export.csv: 52.3 of 140.0 MB (37 %), 380000 rows, 95.1 MB/s
 *
 * The bytes are those of the records read so far, as the reader counts them (fields,
 * separators, line ends), so the figure is close to, not exactly, the file's offset. */
#ifndef FINSAM_PROGRESS_H
#define FINSAM_PROGRESS_H

#define FS_PROGRESS_MIN_BYTES (50ull * 1000 * 1000)

/* On (1) or off (0, the default) for the whole program. */
void fs_progress_allow(int on);

typedef struct fs_progress {
    int active;
    char *name;                 /* the file name made safe (fs_safe_name) */
    unsigned long long total;   /* the file's size */
    unsigned long long done;
    unsigned long rows;
    unsigned countdown;         /* updates until the clock is looked at again */
    double start, last;         /* seconds, monotonic */
    int width;                  /* of the last line drawn, to clear it */
} fs_progress;

/* Starts a line for path when one is to be shown (else p stays inactive: the other calls
 * do nothing). */
void fs_progress_begin(fs_progress *p, const char *path);
/* bytes and rows more were read. Cheap: the clock is read every 1024 calls. */
void fs_progress_add(fs_progress *p, unsigned long long bytes, unsigned long rows);
/* Clears the line and frees what begin made. */
void fs_progress_end(fs_progress *p);

#endif
