/* error.c: what each error code means, error detail, and internal bugs. */
#include "finsam/error.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

const char *fs_strerror(fs_error err)
{
    static const char *const messages[] = {
        [FS_OK] = "success",
        [FS_ERR_IO] = "a file could not be opened, read or written",
        [FS_ERR_PARSE] = "the input is not well-formed (CSV, text encoding or configuration "
                         "syntax)",
        [FS_ERR_DATA] = "the input is well-formed but a value or column in it is wrong",
        [FS_ERR_USAGE] = "an option or argument is not valid",
        [FS_ERR_MEMORY] = "out of memory",
        [FS_ERR_OUTPUT] = "the output could not be produced",
        [FS_ERR_RANGE] = "the computation is outside what it supports (too large, or no "
                         "finite result)",
    };
    if ((unsigned)err < sizeof messages / sizeof messages[0] && messages[err])
        return messages[err];
    return "unknown error code";
}

void fs_msg_set(fs_msg *m, const char *fmt, ...)
{
    if (!m)
        return;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(m->text, sizeof m->text, fmt, ap);
    va_end(ap);
}

void fs_bug(const char *file, int line, const char *msg)
{
    fprintf(stderr, "finsam-stats: internal error at %s:%d: %s\n", file, line, msg);
    abort();
}
