#include "finsam/error.h"

#include <stdio.h>
#include <stdlib.h>

const char *fs_strerror(fs_error err)
{
    static const char *const messages[] = {
        [FS_OK] = "success",
        [FS_ERR_IO] = "input/output error",
        [FS_ERR_PARSE] = "malformed input",
        [FS_ERR_DATA] = "invalid data",
        [FS_ERR_USAGE] = "usage error",
        [FS_ERR_MEMORY] = "out of memory",
        [FS_ERR_OUTPUT] = "output could not be written",
        [FS_ERR_RANGE] = "computation out of supported range",
    };
    if ((unsigned)err < sizeof messages / sizeof messages[0] && messages[err])
        return messages[err];
    return "unknown error";
}

void fs_bug(const char *file, int line, const char *msg)
{
    fprintf(stderr, "finsam-stats: internal error at %s:%d: %s\n", file, line, msg);
    abort();
}
