/* bench/limit_all.c: the single-thread floor for `finsam-stats participants --all --period 2024`.
 *
 *   cc -O2 -o limit_all bench/limit_all.c && ./limit_all export.csv
 *
 * The C counterpart of bench/all_tables.awk, as bench/limit.c is of the awk crosstab: it prints
 * the lines `LC_ALL=C mawk -F';' -f bench/all_tables.awk FILE` prints (the 18 tallies by Kön as
 * written, subscripts joined by SUBSEP 0x1C, then "days;N"), in no useful order. One pass in
 * 1 MiB blocks; lines split on '\n' and fields on ';' with memchr, no quoting, no validation,
 * and the '\r' of CRLF left on the last field, as awk leaves it. Each value a row uses is
 * interned once into a small open-addressing table that gives it a small id; the tallies are
 * counted in one open-addressing table keyed by (tally, Kön id, ids); the printed keys are
 * built at the end. awk's rules are kept where they show: ymd() returns a string, so dates are
 * compared as strings; substr() counts bytes; a string used as a number is its strtod() prefix;
 * a number used in a key is "%d" if integral within int range, else "%.6g" (mawk); two tallies
 * that print the same key (only with 0x1C in a field, or "cross" with an empty income) are one
 * line, as in awk's array. Limits: a line of up to 1 MiB, up to 2^20 distinct values. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define BLOCK (1u << 20)
#define IDBITS 20 /* bits of an id in a tally key */
#define IDMASK ((1u << IDBITS) - 1)

typedef struct {
    const char *p;
    size_t n;
} str;
#define L(lit) ((str){ lit, sizeof lit - 1 })

static void die(const char *msg)
{
    fprintf(stderr, "limit_all: %s\n", msg);
    exit(1);
}

static void *grow(void *p, size_t n)
{
    if (!(p = realloc(p, n)))
        die("out of memory");
    return p;
}

static void *zalloc(size_t n) { return memset(grow(NULL, n), 0, n); }

static uint64_t load(const char *p, size_t n) /* up to 8 bytes, each of them seen */
{
    uint32_t a, b;
    if (n < 4)
        return n ? (uint64_t)(unsigned char)p[0] << 16 | (unsigned char)p[n / 2] << 8
                       | (unsigned char)p[n - 1]
                 : 0;
    memcpy(&a, p, 4);
    memcpy(&b, p + n - 4, 4);
    return (uint64_t)a << 32 | b;
}

static uint64_t hash(str s)
{
    uint64_t h = 0x9E3779B97F4A7C15ull ^ s.n, w;
    for (; s.n > 8; s.p += 8, s.n -= 8) {
        memcpy(&w, s.p, 8);
        h = (h ^ w) * 0xff51afd7ed558ccdull;
        h ^= h >> 32;
    }
    h = (h ^ load(s.p, s.n)) * 0xc4ceb9fe1a85ec53ull;
    return h ^ h >> 31;
}

/* Strings -> ids 0, 1, 2, ... in order of first sight, each with a count for the caller. */
typedef struct {
    uint32_t *slot; /* id + 1, 0 = empty */
    size_t mask, n;
    struct { uint64_t h, n; str v; } *e;
} strtab;

static void rehash(strtab *t)
{
    size_t size = t->slot ? 2 * (t->mask + 1) : 1024;
    free(t->slot);
    t->slot = zalloc(size * sizeof *t->slot);
    t->e = grow(t->e, size / 2 * sizeof *t->e);
    t->mask = size - 1;
    for (size_t id = 0; id < t->n; id++) {
        size_t i = (size_t)t->e[id].h & t->mask;
        while (t->slot[i])
            i = (i + 1) & t->mask;
        t->slot[i] = (uint32_t)id + 1;
    }
}

static uint32_t intern(strtab *t, str v)
{
    uint64_t h = hash(v);
    size_t i = (size_t)h & t->mask;
    for (uint32_t id; (id = t->slot[i]) != 0; i = (i + 1) & t->mask)
        if (t->e[id - 1].h == h && t->e[id - 1].v.n == v.n && !memcmp(t->e[id - 1].v.p, v.p, v.n))
            return id - 1;
    t->e[t->n].h = h;
    t->e[t->n].n = 0;
    t->e[t->n].v = (str){ memcpy(grow(NULL, v.n + 1), v.p, v.n), v.n };
    t->slot[i] = (uint32_t)++t->n;
    if (2 * t->n > t->mask)
        rehash(t);
    return (uint32_t)t->n - 1;
}

/* 64-bit keys -> counts; n = 0: an empty slot. */
typedef struct {
    struct { uint64_t key, n; } *c;
    size_t mask, n;
} counts;

static void add(counts *t, uint64_t key, uint64_t n)
{
    uint64_t h = (key ^ key >> 32) * 0x9E3779B97F4A7C15ull; /* the high half sees every bit */
    size_t i = (size_t)(h >> 32) & t->mask;
    for (; t->c[i].n; i = (i + 1) & t->mask)
        if (t->c[i].key == key) {
            t->c[i].n += n;
            return;
        }
    t->c[i].key = key;
    t->c[i].n = n;
    if (2 * ++t->n > t->mask) { /* half full: twice the slots */
        counts old = *t;
        *t = (counts){ zalloc(2 * (old.mask + 1) * sizeof *t->c), 2 * old.mask + 1, 0 };
        for (size_t j = 0; j <= old.mask; j++)
            if (old.c[j].n)
                add(t, old.c[j].key, old.c[j].n);
        free(old.c);
    }
}

/* awk's string functions and its string-to-number conversion. */
static str substr(str s, size_t from, size_t len) /* from >= 1 */
{
    size_t i = from - 1 < s.n ? from - 1 : s.n;
    return (str){ s.p + i, s.n - i < len ? s.n - i : len };
}

static int scmp(str a, str b) /* awk's comparison of two strings */
{
    int c = memcmp(a.p, b.p, a.n < b.n ? a.n : b.n);
    return c ? c : (a.n > b.n) - (a.n < b.n);
}

static int prefix(str s, str pre) { return s.n >= pre.n && !memcmp(s.p, pre.p, pre.n); }

static double num(str s)
{
    double v = 0;
    size_t i = 0;
    for (; i < s.n && i < 15 && s.p[i] >= '0' && s.p[i] <= '9'; i++) /* the usual case */
        v = v * 10 + (s.p[i] - '0');
    if (i == s.n)
        return v;
    static char *c;
    static size_t room;
    if (s.n >= room)
        c = grow(c, room = 2 * s.n + 64);
    memcpy(c, s.p, s.n);
    c[s.n] = 0;
    return strtod(c, NULL);
}

static double awkint(double x) /* int(): toward zero */
{
    return x > -4503599627370496.0 && x < 4503599627370496.0 ? (double)(long long)x : x;
}

/* The functions of all_tables.awk. */
static str ymd(str s, char *out) /* 2024-03-15, 20240315, 2024-03-15 00:00:00 -> 20240315 */
{
    if (s.n < 5 || s.p[4] != '-')
        return substr(s, 1, 8);
    str m = substr(s, 6, 2), d = substr(s, 9, 2);
    memcpy(out, s.p, 4);
    memcpy(out + 4, m.p, m.n);
    memcpy(out + 4 + m.n, d.p, d.n);
    return (str){ out, 4 + m.n + d.n };
}

static double days(str d) /* days since 0000-03-01, in awk's doubles */
{
    double y = num(substr(d, 1, 4)), m = num(substr(d, 5, 2));
    if (m <= 2) {
        y--;
        m += 12;
    }
    return 365 * y + awkint(y / 4) - awkint(y / 100) + awkint(y / 400)
           + awkint((153 * (m - 3) + 2) / 5) + num(substr(d, 7, 2));
}

static unsigned band(str a, str b) /* calendar months from a to b: 0-3-6-12+ */
{
    double months = (num(substr(b, 1, 4)) - num(substr(a, 1, 4))) * 12 + num(substr(b, 5, 2))
                    - num(substr(a, 5, 2));
    if (scmp(substr(b, 7, 2), substr(a, 7, 2)) < 0) /* the days compared as strings */
        months--;
    return months < 3 ? 0 : months < 6 ? 1 : months < 12 ? 2 : 3;
}

static unsigned age(str by)
{
    double a = 2024 - num(by);
    return !by.n ? 0 : a < 16 ? 1 : a < 30 ? 2 : a < 40 ? 3 : a < 50 ? 4 : a < 65 ? 5 : 6;
}

/* The tallies; a tally key is kind:4 | Kön id:20 | a:20 | b:20. */
enum { FLOW, REFERRER, INCOME, TARGET, MUNICIPALITY, AGE, ENTRY_YEAR, INSATS, MONTH, REASON, KEY,
       CROSS, EXIT_MONTH_ENDED, EXIT_MONTH, DURATION };
static const char *const kname[] = { "flow", "referrer", "income", "target", "municipality",
    "age", "entry_year", "insats", "month", "reason", "key", "cross", "exit_month", "exit_month",
    "duration" };
static const char *const flows[] = { "during", "start", "new", "ended", "end" }; /* and insats */
static const char *const ages[] = { "unknown", "other", "16-29", "30-39", "40-49", "50-64", "65+" };
static const char *const bands[] = { "<3", "3-6", "6-12", "12+" };

static strtab vals;  /* every string a key is made of */
static counts tally; /* tally key -> count */
static counts dd;    /* the distinct (days, Kön id) of dd[days(x) - days(e), s] */
static uint32_t empty; /* the id of "" */

static void count(unsigned kind, uint32_t s, uint32_t a, uint32_t b)
{
    add(&tally, (uint64_t)kind << 60 | (uint64_t)s << 40 | (uint64_t)a << 20 | b, 1);
}

static void days_key(double d, uint32_t s)
{
    uint64_t v; /* an int as itself, else 2^32 + the id of how awk prints it */
    if (d >= -2147483647.0 && d <= 2147483647.0 && d == (double)(int32_t)d)
        v = (uint32_t)(int32_t)d;
    else {
        char buf[64];
        int k = snprintf(buf, sizeof buf, "%.6g", d), sign = buf[0] == '-';
        if (strspn(buf + sign, "0123456789") == (size_t)(k - sign)) /* as an int's would be */
            v = (uint32_t)(int32_t)strtol(buf, NULL, 10);
        else
            v = (uint64_t)1 << 32 | intern(&vals, (str){ buf, (size_t)k });
    }
    add(&dd, v << IDBITS | s, 1);
}

/* One line without its LF: $3 Kön ... $13 Kommun, the last with its '\r'. */
static void line(const char *p, const char *end)
{
    str f[14]; /* f[i] is $i */
    int k = 1;
    for (;;) {
        const char *q = memchr(p, ';', (size_t)(end - p));
        f[k] = (str){ p, (size_t)((q ? q : end) - p) };
        if (++k == 14 || !q)
            break;
        p = q + 1;
    }
    for (; k < 14; k++)
        f[k] = (str){ end, 0 };
    char eb[8], xb[8];
    str e = ymd(f[6], eb), x = ymd(f[7], xb);
    if (!e.n || scmp(e, L("20241231")) > 0 || (x.n && scmp(x, L("20240101")) < 0))
        return;
    int start = scmp(e, L("20240101")) < 0, ended = x.n && scmp(x, L("20241231")) <= 0;
    uint32_t s = intern(&vals, f[3]), ins = intern(&vals, f[5]), inc = intern(&vals, f[9]);
    count(FLOW, s, 0, 0);
    count(FLOW, s, start ? 1 : 2, 0);
    count(FLOW, s, ended ? 3 : 4, 0);
    count(REFERRER, s, intern(&vals, f[11]), 0);
    count(INCOME, s, inc, 0);
    for (const char *g = f[12].p, *gend = g + f[12].n, *bar; f[12].n; g = bar + 1) {
        bar = memchr(g, '|', (size_t)(gend - g));
        count(TARGET, s, intern(&vals, (str){ g, (size_t)((bar ? bar : gend) - g) }), 0);
        if (!bar)
            break;
    }
    count(MUNICIPALITY, s, intern(&vals, f[13]), 0);
    count(AGE, s, age(f[4]), 0);
    count(ENTRY_YEAR, s, intern(&vals, substr(e, 1, 4)), 0);
    count(INSATS, s, 0, ins);
    if (!start) {
        count(MONTH, s, intern(&vals, substr(e, 5, 2)), 0);
        count(INSATS, s, 2, ins);
    }
    if (ended) {
        uint32_t out = intern(&vals, f[10]), xm = intern(&vals, substr(x, 5, 2));
        count(REASON, s, intern(&vals, f[8]), 0);
        if (prefix(f[8], L("Arbete")))
            count(KEY, s, 0, 0);
        if (prefix(f[8], L("Arbete")) || prefix(f[8], L("Aktivt")) || prefix(f[8], L("Fortsatt")))
            count(KEY, s, 1, 0);
        count(CROSS, s, inc, out);
        count(CROSS, s, empty, out);
        count(EXIT_MONTH_ENDED, s, xm, 0);
        count(EXIT_MONTH, s, xm, 0);
        count(DURATION, s, band(e, x), 0);
        days_key(days(x) - days(e), s);
        count(INSATS, s, 3, ins);
    } else
        count(INSATS, s, 4, ins);
    if (vals.n > IDMASK + 1)
        die("more than 2^20 distinct values");
}

/* The printed key of a tally: its parts joined by SUBSEP. */
static char *key;
static size_t kn, kroom;

static void part(str v)
{
    if (kn + v.n + 1 > kroom)
        key = grow(key, kroom = 2 * (kn + v.n + 1));
    if (kn)
        key[kn++] = '\034';
    memcpy(key + kn, v.p, v.n);
    kn += v.n;
}

static void label(const char *l) { part((str){ l, strlen(l) }); }
static void val(uint32_t id) { part(vals.e[id].v); }

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: limit_all FILE (a readable export)\n");
        return 2;
    }
    FILE *fp = fopen(argv[1], "rb");
    if (!fp) {
        fprintf(stderr, "limit_all: cannot open %s\n", argv[1]);
        return 1;
    }
    char *buf = grow(NULL, 2 * BLOCK);
    strtab out = { 0 }; /* the printed keys, merged where two tallies print the same key */
    rehash(&vals);
    rehash(&out);
    tally = (counts){ zalloc(4096 * sizeof *tally.c), 4095, 0 };
    dd = (counts){ zalloc(4096 * sizeof *dd.c), 4095, 0 };
    empty = intern(&vals, (str){ "", 0 });
    size_t have = 0, got;
    int header = 1;
    while ((got = fread(buf + have, 1, BLOCK, fp)) > 0 || have) {
        const char *p = buf, *end = buf + have + got, *nl;
        while ((nl = memchr(p, '\n', (size_t)(end - p))) != NULL) {
            if (!header)
                line(p, nl);
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
        if (have > BLOCK)
            die("a line longer than 1 MiB");
    }
    if (ferror(fp))
        die("read error");
    fclose(fp);

    for (size_t i = 0; i <= tally.mask; i++) {
        if (!tally.c[i].n)
            continue;
        uint64_t k = tally.c[i].key;
        unsigned kind = (unsigned)(k >> 60);
        uint32_t s = (uint32_t)(k >> 40) & IDMASK, a = (uint32_t)(k >> 20) & IDMASK,
                 b = (uint32_t)k & IDMASK;
        kn = 0;
        label(kname[kind]);
        switch (kind) {
        case FLOW: label(flows[a]); break;
        case AGE: label(ages[a]); break;
        case KEY: label(a ? "closer" : "work"); break;
        case DURATION: label(bands[a]); break;
        case INSATS: label(flows[a]); val(b); break;
        case CROSS: val(a); val(b); break;
        case MONTH: val(a); label("new"); break;
        case EXIT_MONTH_ENDED: val(a); label("ended"); break;
        default: val(a); break;
        }
        val(s);
        uint32_t id = intern(&out, (str){ key, kn }); /* before out.e: it may move */
        out.e[id].n += tally.c[i].n;
    }
    for (size_t id = 0; id < out.n; id++) {
        fwrite(out.e[id].v.p, 1, out.e[id].v.n, stdout);
        printf(";%llu\n", (unsigned long long)out.e[id].n);
    }
    if (dd.n)
        printf("days;%zu\n", dd.n);
    else /* awk's m, never set when nothing ended, prints as "" */
        printf("days;\n");
    free(buf);
    return 0;
}
