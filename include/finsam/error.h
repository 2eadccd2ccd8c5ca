/* error.h: the one error enum of finsam-stats, its message table, and the one message type
 * (fs_msg) every module fills when it fails, so that no module includes another module's
 * header just to report an error. */
#ifndef FINSAM_ERROR_H
#define FINSAM_ERROR_H

typedef enum fs_error {
    FS_OK = 0,
    FS_ERR_IO,      /* a file could not be opened, read or written */
    FS_ERR_PARSE,   /* the input is not well-formed (CSV, encoding, config) */
    FS_ERR_DATA,    /* well-formed input whose content is wrong (missing column, bad value) */
    FS_ERR_USAGE,   /* a bad option or argument */
    FS_ERR_MEMORY,  /* out of memory */
    FS_ERR_OUTPUT,  /* an output could not be produced (writer or library failure) */
    FS_ERR_RANGE    /* a computation was asked for outside what it supports */
} fs_error;

/* A short English description of what happened; never NULL, static, do not free. */
const char *fs_strerror(fs_error err);

/* Error detail for a person: "FILE:LINE: message" (or "FILE: message"), filled on failure by
 * the function that takes it. Initialise with {""}; no allocation, nothing to free. */
typedef struct fs_msg {
    char text[1024];
} fs_msg;
/* printf into m->text, cut to fit; m may be NULL (nothing is done). */
void fs_msg_set(fs_msg *m, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* An internal bug: prints source file:line and aborts. Only for "cannot happen". */
#define FS_BUG(msg) fs_bug(__FILE__, __LINE__, (msg))
void fs_bug(const char *file, int line, const char *msg);

#endif
