/* ini.c: a stand-in for inih's parser, for the Windows build only.
 *
 * Why: packaging/windows/deps.sh builds every library of finsam-stats.exe from Debian's
 * source packages. The archive this project's machines reach lists libinih 55-1's source
 * (the .dsc) but answers 404 for its tarball and its Debian diff, so `apt-get source libinih`
 * fails. deps.sh then compiles this file against Debian's own ini.h (from libinih-dev,
 * installed by setup.sh) instead. Where `apt-get source libinih` works, deps.sh builds
 * Debian's inih and this file is not used.
 *
 * What: the functions and the option variables that Debian's ini.h (inih r55) declares, with
 * the header's defaults, and the parse that inih documents: lines read with an fgets-style
 * reader into a buffer of ini_max_line bytes; a UTF-8 BOM skipped on line 1; each line
 * stripped of surrounding whitespace; ';' and '#' comment lines and blank lines skipped;
 * "[section]"; "name = value" or "name: value", name and value stripped, a ';' after
 * whitespace starting an inline comment; an indented line continuing the previous name's
 * value (whole: r55 strips no inline comment there); the return value 0, or the number of
 * the first line with an error (a handler that returned 0, a section without ']', a line
 * without '=' or ':'), parsing going on to the end; -1 when ini_parse() cannot open the
 * file, -2 when the line buffer cannot be allocated.
 * Sections and names longer than 49 bytes are cut, as in inih. Not implemented:
 * ini_allow_realloc (the buffer does not grow); finsam-stats sets no option.
 *
 * The behaviour is inih's (https://github.com/benhoyt/inih, Copyright (C) 2009-2020 Ben Hoyt,
 * BSD-3-Clause); this file is distributed under the same licence, whose text is in Debian's
 * copyright file that build.sh puts into THIRD-PARTY-LICENSES.txt. Checked against Debian's
 * libinih on Linux: the same handler calls and return values on 2,400 generated files
 * (lines over 200 bytes, BOMs, continuations, comments, ':' and '=' in names and values);
 * and finsam-stats' command tests run through it under Wine (the --config cases). */
#include "ini.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

bool ini_allow_multiline = INI_ALLOW_MULTILINE;
bool ini_allow_bom = INI_ALLOW_BOM;
char *ini_start_comment_prefixes = INI_START_COMMENT_PREFIXES;
bool ini_allow_inline_comments = INI_ALLOW_INLINE_COMMENTS;
char *ini_inline_comment_prefixes = INI_INLINE_COMMENT_PREFIXES;
bool ini_use_stack = INI_USE_STACK;
int ini_max_line = INI_MAX_LINE;
bool ini_allow_realloc = INI_ALLOW_REALLOC;
int ini_initial_alloc = INI_INITIAL_ALLOC;
bool ini_stop_on_first_error = INI_STOP_ON_FIRST_ERROR;
bool ini_allow_no_value = INI_ALLOW_NO_VALUE;

enum { SECTION_SIZE = 50, NAME_SIZE = 50 };

static char *strip_end(char *s)
{
    size_t n = strlen(s);
    while (n > 0 && isspace((unsigned char)s[n - 1]))
        s[--n] = '\0';
    return s;
}

static char *skip_space(char *s)
{
    while (*s && isspace((unsigned char)*s))
        s++;
    return s;
}

/* The first character of s that is in stop (if stop is not NULL) or that starts an inline
 * comment (a comment prefix right after whitespace), else the end of s. */
static char *scan(char *s, const char *stop)
{
    int after_space = 0;
    for (; *s; s++) {
        if (stop && strchr(stop, *s))
            break;
        if (ini_allow_inline_comments && after_space && strchr(ini_inline_comment_prefixes, *s))
            break;
        after_space = isspace((unsigned char)*s) != 0;
    }
    return s;
}

static void copy_cut(char *dst, const char *src, size_t size)
{
    size_t n = strlen(src);
    if (n >= size)
        n = size - 1;
    memcpy(dst, src, n);
    dst[n] = '\0';
}

#if INI_HANDLER_LINENO
#define CALL(h, u, s, n, v, line) (h)((u), (s), (n), (v), (line))
#else
#define CALL(h, u, s, n, v, line) ((void)(line), (h)((u), (s), (n), (v)))
#endif

int ini_parse_stream(ini_reader reader, void *stream, ini_handler handler, void *user)
{
    char section[SECTION_SIZE] = "";
    char name[NAME_SIZE] = ""; /* the last name, for continuation lines */
    int size = ini_max_line > 1 ? ini_max_line : 2;
    int lineno = 0, error = 0;
    char *line = malloc((size_t)size);
    if (!line)
        return -2;
    while (reader(line, size, stream) != NULL) {
        lineno++;
        char *start = line;
        if (ini_allow_bom && lineno == 1 && (unsigned char)start[0] == 0xEF &&
            (unsigned char)start[1] == 0xBB && (unsigned char)start[2] == 0xBF)
            start += 3;
        start = skip_space(strip_end(start));
        int ok = 1;
        if (strchr(ini_start_comment_prefixes, *start)) {
            /* a comment, or a blank line (*start is '\0') */
        } else if (ini_allow_multiline && *name && start > line) {
            /* indented: the previous name's value goes on (r55 keeps a " ; comment" here) */
            ok = CALL(handler, user, section, name, start, lineno);
        } else if (*start == '[') {
            char *end = scan(start + 1, "]");
            if (*end == ']') {
                *end = '\0';
                copy_cut(section, start + 1, sizeof section);
                *name = '\0';
            } else {
                ok = 0;
            }
        } else {
            char *end = scan(start, "=:");
            if (*end == '=' || *end == ':') {
                *end = '\0';
                char *key = strip_end(start), *value = end + 1;
                if (ini_allow_inline_comments)
                    *scan(value, NULL) = '\0';
                value = strip_end(skip_space(value));
                copy_cut(name, key, sizeof name);
                ok = CALL(handler, user, section, key, value, lineno);
            } else if (ini_allow_no_value) {
                *end = '\0';
                ok = CALL(handler, user, section, strip_end(start), NULL, lineno);
            } else {
                ok = 0;
            }
        }
        if (!ok && !error)
            error = lineno;
        if (error && ini_stop_on_first_error)
            break;
    }
    free(line);
    return error;
}

static char *file_reader(char *str, int num, void *stream)
{
    return fgets(str, num, (FILE *)stream);
}

int ini_parse_file(FILE *file, ini_handler handler, void *user)
{
    return ini_parse_stream(file_reader, file, handler, user);
}

int ini_parse(const char *filename, ini_handler handler, void *user)
{
    FILE *file = fopen(filename, "r");
    if (!file)
        return -1;
    int error = ini_parse_file(file, handler, user);
    fclose(file);
    return error;
}

typedef struct string_ctx {
    const char *ptr;
    size_t left;
} string_ctx;

/* fgets over a string: at most num - 1 bytes, up to and including a newline. */
static char *string_reader(char *str, int num, void *stream)
{
    string_ctx *ctx = stream;
    if (ctx->left == 0 || num < 2)
        return NULL;
    size_t n = 0;
    while (n < (size_t)num - 1 && n < ctx->left) {
        char c = ctx->ptr[n++];
        str[n - 1] = c;
        if (c == '\n')
            break;
    }
    str[n] = '\0';
    ctx->ptr += n;
    ctx->left -= n;
    return str;
}

int ini_parse_string(const char *string, ini_handler handler, void *user)
{
    string_ctx ctx = {string, strlen(string)};
    return ini_parse_stream(string_reader, &ctx, handler, user);
}
