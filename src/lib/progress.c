/* progress.c: the progress line of progress.h. */
#include "finsam/progress.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#ifdef _WIN32
#include <windows.h>
#endif

#include "finsam/pnr.h"

static int allowed;

void fs_progress_allow(int on)
{
    allowed = on;
}

static void draw(fs_progress *p, double t);

static double now(void)
{
#ifdef _WIN32 /* mingw-w64 has clock_gettime only in winpthreads */
    return (double)GetTickCount64() / 1e3;
#else
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
#endif
}

void fs_progress_begin(fs_progress *p, const char *path)
{
    struct stat st;
    memset(p, 0, sizeof *p);
    if (!allowed || !isatty(STDERR_FILENO) || strcmp(path, "-") == 0 || stat(path, &st) != 0 ||
        !S_ISREG(st.st_mode) || (unsigned long long)st.st_size <= FS_PROGRESS_MIN_BYTES)
        return;
    const char *base = strrchr(path, '/');
    p->name = fs_safe_name(base ? base + 1 : path);
    if (!p->name)
        return;
    p->active = 1;
    p->total = (unsigned long long)st.st_size;
    p->start = p->last = now();
    draw(p, p->start); /* at once: the first redraw comes after a quarter of a second */
}

static void draw(fs_progress *p, double t)
{
    double mb = p->done / 1e6, total = p->total / 1e6, secs = t - p->start;
    unsigned long long pct = p->total ? p->done * 100 / p->total : 0;
    char line[256];
    int n = snprintf(line, sizeof line, "%s: %.1f of %.1f MB (%llu %%), %lu rows, %.1f MB/s",
                     p->name, mb < total ? mb : total, total, pct > 100 ? 100 : pct, p->rows,
                     secs > 0 ? mb / secs : 0.0);
    if (n < 0)
        return;
    if (n >= (int)sizeof line)
        n = (int)sizeof line - 1;
    fprintf(stderr, "\r%s%*s", line, p->width > n ? p->width - n : 0, "");
    fflush(stderr);
    p->width = n;
}

void fs_progress_add(fs_progress *p, unsigned long long bytes, unsigned long rows)
{
    if (!p->active)
        return;
    p->done += bytes;
    p->rows += rows;
    if (p->countdown--)
        return;
    p->countdown = 1024;
    double t = now();
    if (t - p->last >= 0.25) {
        p->last = t;
        draw(p, t);
    }
}

void fs_progress_end(fs_progress *p)
{
    if (p->active && p->width)
        fprintf(stderr, "\r%*s\r", p->width, "");
    if (p->active)
        fflush(stderr);
    free(p->name);
    memset(p, 0, sizeof *p);
}
