/* config.c: the INI store over inih: entries with their line numbers, no schema. */
#include "finsam/config.h"

#include <errno.h>
#include <ini.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "finsam/text.h"

typedef struct load_ctx {
    fs_config *cfg;
    FILE *fp;
    unsigned line;      /* the line last read: the handler is called for it */
    unsigned too_long;  /* the line that did not fit inih's buffer (reading stopped), or 0 */
    int max_chars;      /* the longest line that fits, without its newline */
    int out_of_memory;  /* an entry could not be stored */
} load_ctx;

/* Debian's inih does not pass line numbers to the handler, so the reader counts them. A line
 * longer than inih's buffer would be split into pieces that inih parses as lines of their
 * own (a "syntax error" at a wrong line): reading stops there and the load reports it. */
static char *read_line(char *str, int num, void *stream)
{
    load_ctx *c = stream;
    if (c->too_long)
        return NULL;
    char *s = fgets(str, num, c->fp);
    if (!s)
        return NULL;
    c->line++;
    if (!strchr(s, '\n')) {
        int ch = getc(c->fp); /* the line filled the buffer: is there more of it? */
        if (ch != EOF && ch != '\n') {
            c->too_long = c->line;
            c->max_chars = num - 1;
            return NULL;
        }
    }
    return s;
}

/* Stores every entry as it is: what a section may hold is its owner's business. */
static int on_entry(void *user, const char *section, const char *key, const char *value)
{
    load_ctx *c = user;
    fs_config *cfg = c->cfg;
    fs_config_entry *e = realloc(cfg->entries, (cfg->n + 1) * sizeof *e);
    if (!e) {
        c->out_of_memory = 1;
        return 0;
    }
    cfg->entries = e;
    e = &cfg->entries[cfg->n];
    e->section = fs_strdup(section);
    e->key = fs_strdup(key);
    e->value = fs_strdup(value);
    e->line = c->line;
    cfg->n++;
    if (!e->section || !e->key || !e->value) {
        c->out_of_memory = 1;
        return 0;
    }
    return 1;
}

fs_error fs_config_load(const char *path, fs_config *cfg, fs_msg *err)
{
    load_ctx c = {cfg, NULL, 0, 0, 0, 0};
    cfg->path = fs_strdup(path);
    if (!cfg->path) {
        fs_msg_set(err, "%s: out of memory", path);
        return FS_ERR_MEMORY;
    }
    c.fp = fopen(path, "r");
    if (!c.fp) {
        fs_msg_set(err, "%s: cannot open the configuration file: %s", path, strerror(errno));
        return FS_ERR_IO;
    }
    int rc = ini_parse_stream(read_line, &c, on_entry, &c);
    fclose(c.fp);
    if (c.out_of_memory || rc < 0) { /* inih: -2 when its own allocation failed */
        fs_msg_set(err, "%s: out of memory", path);
        return FS_ERR_MEMORY;
    }
    if (rc != 0) { /* a syntax error before any over-long line: the first one */
        fs_msg_set(err, "%s:%d: syntax error", path, rc);
        return FS_ERR_PARSE;
    }
    if (c.too_long) {
        fs_msg_set(err, "%s:%u: line longer than %d characters", path, c.too_long, c.max_chars);
        return FS_ERR_PARSE;
    }
    return FS_OK;
}

void fs_config_free(fs_config *cfg)
{
    for (size_t i = 0; i < cfg->n; i++) {
        free(cfg->entries[i].section);
        free(cfg->entries[i].key);
        free(cfg->entries[i].value);
    }
    free(cfg->entries);
    free(cfg->path);
    memset(cfg, 0, sizeof *cfg);
}

const fs_config_entry *fs_config_find(const fs_config *cfg, const char *section,
                                      const char *key)
{
    if (!cfg)
        return NULL;
    for (size_t i = cfg->n; i-- > 0;)
        if (strcmp(cfg->entries[i].section, section) == 0 && strcmp(cfg->entries[i].key, key) == 0)
            return &cfg->entries[i];
    return NULL;
}

const char *fs_config_get(const fs_config *cfg, const char *section, const char *key)
{
    const fs_config_entry *e = fs_config_find(cfg, section, key);
    return e ? e->value : NULL;
}

fs_error fs_config_fail(const fs_config *cfg, const fs_config_entry *e, fs_msg *err,
                        const char *fmt, ...)
{
    char what[sizeof err->text];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(what, sizeof what, fmt, ap);
    va_end(ap);
    fs_msg_set(err, "%s:%u: %s", cfg->path ? cfg->path : "config", e->line, what);
    return FS_ERR_DATA;
}

char *fs_config_column_header(const char *section)
{
    static const char prefix[] = "column \"";
    size_t n = strlen(section);
    if (n <= sizeof prefix || strncmp(section, prefix, sizeof prefix - 1) != 0 ||
        section[n - 1] != '"')
        return NULL;
    return fs_asprintf("%.*s", (int)(n - sizeof prefix), section + sizeof prefix - 1);
}
