/* bench/limit.c: the single-thread floor for `finsam-stats exits` on a SUS-style export.
 *
 *   cc -O2 -o limit bench/limit.c && ./limit export.csv
 *
 * Reads the file in 1 MiB blocks, splits lines and fields with memchr, and counts the rows
 * whose exit date (column 7) starts with "2024" by (exit reason, Kön), as the awk crosstab
 * of bench/run.sh does: no quoting, no encoding check, no normalisation, no validation.
 * Whatever a real reader does costs more than this; bench/peers.sh prints each program's
 * time as a multiple of this one's. Prints "reason;sex;count" lines in no useful order. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define BLOCK (1u << 20)
#define SLOTS 4096 /* distinct (reason, sex) keys: a few hundred at most in these files */
#define KEY_MAX 120

typedef struct slot {
    char key[KEY_MAX];
    size_t len;
    unsigned long n;
} slot;

static slot table[SLOTS];

static void count(const char *k, size_t len)
{
    if (len > KEY_MAX)
        len = KEY_MAX;
    uint64_t h = 1469598103934665603ull;
    for (size_t i = 0; i < len; i++)
        h = (h ^ (unsigned char)k[i]) * 1099511628211ull;
    for (size_t i = (size_t)h & (SLOTS - 1);; i = (i + 1) & (SLOTS - 1)) {
        slot *s = &table[i];
        if (s->n && s->len == len && memcmp(s->key, k, len) == 0) {
            s->n++;
            return;
        }
        if (!s->n) {
            memcpy(s->key, k, len);
            s->len = len;
            s->n = 1;
            return;
        }
    }
}

/* One line without its LF: fields 3 (Kön), 7 (exit date) and 8 (exit reason). */
static void line(const char *p, const char *end)
{
    const char *f[9];
    size_t len[9];
    int n = 0;
    while (n < 9) {
        const char *q = memchr(p, ';', (size_t)(end - p));
        const char *e = q ? q : end;
        f[n] = p;
        len[n++] = (size_t)(e - p);
        if (!q)
            break;
        p = q + 1;
    }
    if (n < 8 || len[6] < 4 || memcmp(f[6], "2024", 4) != 0)
        return;
    char key[2 * KEY_MAX + 1];
    size_t a = len[7] < KEY_MAX ? len[7] : KEY_MAX, b = len[2] < KEY_MAX ? len[2] : KEY_MAX;
    memcpy(key, f[7], a);
    key[a] = ';';
    memcpy(key + a + 1, f[2], b);
    count(key, a + 1 + b);
}

int main(int argc, char **argv)
{
    FILE *fp = argc == 2 ? fopen(argv[1], "rb") : NULL;
    char *buf = malloc(2 * BLOCK);
    if (!fp || !buf) {
        fprintf(stderr, "usage: limit FILE (a readable export)\n");
        return 2;
    }
    size_t have = 0, got;
    int header = 1;
    while ((got = fread(buf + have, 1, BLOCK, fp)) > 0 || have) {
        size_t n = have + got;
        const char *p = buf, *end = buf + n;
        const char *nl;
        while ((nl = memchr(p, '\n', (size_t)(end - p))) != NULL) {
            if (!header)
                line(p, nl > p && nl[-1] == '\r' ? nl - 1 : nl);
            header = 0;
            p = nl + 1;
        }
        have = (size_t)(end - p);
        if (got == 0) { /* a last line without LF */
            if (have && !header)
                line(p, end);
            break;
        }
        memmove(buf, p, have);
        if (have > BLOCK) {
            fprintf(stderr, "limit: a line longer than %u bytes\n", BLOCK);
            return 1;
        }
    }
    fclose(fp);
    for (size_t i = 0; i < SLOTS; i++)
        if (table[i].n)
            printf("%.*s;%lu\n", (int)table[i].len, table[i].key, table[i].n);
    free(buf);
    return 0;
}
