/* common.c: the options every export command shares, and messages. */
#include <errno.h>
#include <sodium.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli.h"
#include "finsam/category.h"
#include "finsam/engine.h"
#include "finsam/report.h"
#include "finsam/export.h"
#include "finsam/flow.h"
#include "finsam/i18n.h"
#include "finsam/hls.h"
#include "finsam/pnr.h"
#include "finsam/progress.h"
#include "finsam/quest.h"
#include "finsam/survey.h"
#include "finsam/kasam.h"
#include "finsam/eq5d.h"
#include "finsam/text.h"
#include "finsam/vocab.h"

void fs_cli_init(fs_cli *c, const char *prog, const char *usage)
{
    memset(c, 0, sizeof *c);
    c->prog = prog;
    c->usage = usage;
}

void fs_cli_free(fs_cli *c)
{
    free(c->inputs);
    c->inputs = NULL;
    fs_config_free(&c->config);
    free(c->output_expanded);
    free((void *)c->source);
    c->source = NULL;
}

/* Prints "PROG: " prefix, the message made safe (fs_safe_name: a file name or a value shaped
 * like a personnummer is masked, control characters are escaped), then suffix. Every line
 * this program writes on standard error goes through here. */
static void print_safe(const fs_cli *c, const char *prefix, const char *fmt, va_list ap,
                       const char *suffix)
{
    char *raw = fs_vasprintf(fmt, ap);
    char *safe = raw ? fs_safe_name(raw) : NULL;
    fprintf(stderr, "%s: %s%s%s", c->prog, prefix, safe ? safe : "(out of memory)", suffix);
    free(safe);
    free(raw);
}

void fs_cli_error(const fs_cli *c, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    print_safe(c, "", fmt, ap, "\n");
    va_end(ap);
}

int fs_cli_usage_error(const fs_cli *c, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    print_safe(c, "", fmt, ap, "\n");
    va_end(ap);
    fprintf(stderr, "Try '%s --help'.\n", c->prog);
    return FS_EXIT_USAGE;
}

static void warn(const fs_cli *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void warn(const fs_cli *c, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    print_safe(c, "warning: ", fmt, ap, "\n");
    va_end(ap);
}

void fs_cli_warn(const fs_cli *c, const char *text)
{
    if (!c->quiet)
        warn(c, "%s", text);
}

void fs_cli_warning(const char *line, void *sink)
{
    fs_cli_sink *k = sink;
    fs_cli_warn(k->cli, line);
    if (k->report && fs_report_add_warning(k->report, line))
        fs_cli_error(k->cli, "out of memory: a warning is missing from the report");
}

int fs_cli_status(fs_error e)
{
    return e == FS_OK ? FS_EXIT_OK : e == FS_ERR_USAGE ? FS_EXIT_USAGE : FS_EXIT_FAILURE;
}

int fs_cli_option(fs_cli *c, int opt, const char *arg)
{
    switch (opt) {
    case FS_OPT_PERIOD: c->period_arg = arg; break;
    case FS_OPT_INSATS:
        if (c->n_insats == FS_CLI_MAX_INSATS)
            return fs_cli_usage_error(c, "too many --insats (at most %d)", FS_CLI_MAX_INSATS);
        c->insats[c->n_insats++] = arg;
        break;
    case FS_OPT_BY:
        if (strcmp(arg, "insats") != 0)
            return fs_cli_usage_error(c, "--by: unknown value '%s' (expected: insats)", arg);
        c->by_insats = 1;
        break;
    case FS_OPT_ROUNDING: c->rounding_arg = arg; break;
    case FS_OPT_DECIMALS: c->decimals_arg = arg; break;
    case FS_OPT_SUPPRESS: c->suppress_arg = arg; break;
    case FS_OPT_LANG: c->lang_arg = arg; break;
    case FS_OPT_FORMAT: c->format_arg = arg; break;
    case 'o': c->output = arg; break;
    case FS_OPT_CSV_DIALECT: c->dialect_arg = arg; break;
    case FS_OPT_QUIET: c->quiet = 1; break;
    case FS_OPT_STRICT: c->strict = 1; break;
    case FS_OPT_CONFIG: c->config_arg = arg; break;
    case FS_OPT_SEPARATOR: c->separator_arg = arg; break;
    case FS_OPT_ENCODING: c->encoding_arg = arg; break;
    case FS_OPT_CREATED: c->created_arg = arg; break;
    case FS_OPT_AS_OF: c->as_of_arg = arg; break;
    case FS_OPT_P_DIGITS: c->p_digits_arg = arg; break;
    case FS_OPT_CELL: c->cell_arg = arg; break;
    case FS_OPT_HIDE_EMPTY: c->hide_empty = 1; break;
    case FS_OPT_REFRESH: c->refresh_arg = arg; break;
    case FS_OPT_ALLOW_DUPLICATE_FILES: c->allow_duplicate_files = 1; break;
    default:
        return -1;
    }
    return 0;
}

/* A usage error for an option the command does not support. */
static int refuse(const fs_cli *c, int opt, const struct option *longopts)
{
    const char *name = NULL;
    for (const struct option *o = longopts; o->name; o++)
        if (!o->flag && o->val == opt) {
            name = o->name;
            break;
        }
    const char *command = strrchr(c->prog, ' ');
    command = command ? command + 1 : c->prog;
    if (!name)
        return fs_cli_usage_error(c, "-%c does not apply to %s", opt, command);
    return fs_cli_usage_error(c, "--%s does not apply to %s", name, command);
}

static int is_unsupported(const fs_cli *c, int opt)
{
    for (const int *u = c->unsupported; u && *u; u++)
        if (*u == opt)
            return 1;
    return 0;
}

int fs_cli_getopt(fs_cli *c, int argc, char **argv, const struct option *longopts,
                  int (*own)(int opt, const char *arg, void *user), void *user)
{
    int opt;
    optind = 0; /* glibc: also resets getopt's internal state */
    opterr = 0; /* messages are ours */
    while ((opt = getopt_long(argc, argv, ":o:", longopts, NULL)) != -1) {
        if (opt == '?' || opt == ':')
            return fs_cli_bad_option(c, argv);
        if (opt == FS_OPT_HELP) {
            fputs(c->usage, stdout);
            if (fflush(stdout) == 0 && !ferror(stdout))
                return FS_EXIT_OK;
            fs_cli_error(c, "cannot write to standard output: %s", strerror(errno));
            return FS_EXIT_FAILURE;
        }
        if (is_unsupported(c, opt))
            return refuse(c, opt, longopts);
        int rc = own ? own(opt, optarg, user) : -1;
        if (rc < 0)
            rc = fs_cli_option(c, opt, optarg);
        if (rc < 0)
            FS_BUG("an option in longopts that nobody handles");
        if (rc > 0)
            return rc;
    }
    return -1;
}

int fs_cli_bad_option(fs_cli *c, char **argv)
{
    const char *bad = argv[optind - 1];
    if (optopt && optopt < 256)
        return fs_cli_usage_error(c, "unknown option or missing argument: '-%c'", optopt);
    return fs_cli_usage_error(c, "unknown option or missing argument: '%s'", bad);
}

static int parse_int(const char *s, int lo, int hi, int *out)
{
    char *end;
    errno = 0;
    long v = strtol(s, &end, 10);
    if (errno || end == s || *end || v < lo || v > hi)
        return -1;
    *out = (int)v;
    return 0;
}

/* The keys of [defaults]; their values are checked with the options they stand for. */
static const char *const default_keys[] = {"lang", "rounding", "decimals", "suppress", "source",
                                           "csv_dialect", "encoding", "separator", "p_digits",
                                           "cell", "hide_empty", NULL};

static fs_error defaults_config_check(const fs_config *cfg, fs_msg *err)
{
    for (size_t i = 0; i < cfg->n; i++) {
        const fs_config_entry *e = &cfg->entries[i];
        if (strcmp(e->section, "defaults") != 0)
            continue;
        const char *const *k = default_keys;
        while (*k && strcmp(*k, e->key) != 0)
            k++;
        if (!*k)
            return fs_config_fail(cfg, e, err, "unknown key \"%s\" in [defaults]", e->key);
    }
    return FS_OK;
}

/* The sections of the config and the module that checks each. A section that is not
 * here is an error. To add a section: give its owner an fs_config_check_fn and add a row. */
static const struct config_section {
    const char *name;
    fs_config_check_fn *check; /* NULL: no keys are read yet, so none are checked */
} config_sections[] = {
    {"columns", fs_export_config_check},
    {"exit_reasons", fs_exit_reasons_config_check},
    {"defaults", defaults_config_check},
    {"referrers", fs_referrers_config_check},
    {"income", fs_income_config_check},
    {"age", fs_age_config_check},
    {"hls", fs_hls_config_check},
    {"column \"HEADER\"", fs_column_config_check},
    {"occasions", fs_occasions_config_check},
    {"scales", fs_scales_config_check},
    {"survey", fs_survey_config_check},
    {"kasam", fs_kasam_config_check},
    {"report", fs_report_config_check},
    {"ogq", NULL},
    {"paired", NULL},
    {"barometer", NULL},
};

static int is_known_section(const char *name)
{
    for (size_t i = 0; i < sizeof config_sections / sizeof config_sections[0]; i++)
        if (strcmp(name, config_sections[i].name) == 0)
            return 1;
    char *header = fs_config_column_header(name);
    free(header);
    return header != NULL;
}

fs_error fs_cli_config_check(const fs_config *cfg, fs_msg *err)
{
    for (size_t i = 0; i < cfg->n; i++)
        if (!is_known_section(cfg->entries[i].section))
            return fs_config_fail(cfg, &cfg->entries[i], err, "unknown section [%s]",
                                  cfg->entries[i].section);
    for (size_t i = 0; i < sizeof config_sections / sizeof config_sections[0]; i++) {
        fs_error e = config_sections[i].check ? config_sections[i].check(cfg, err) : FS_OK;
        if (e)
            return e;
    }
    return FS_OK;
}

/* Every argument that may name a file the run reads: the input files, --config,
 * --participants, any option's value ("--name=value" too), but not -o's own. The output
 * may be none of them (fs_output_check compares device and inode, so a word that names no
 * file costs a failed stat). */
static int collect_inputs(fs_cli *c, int argc, char **argv)
{
    c->inputs = calloc((size_t)argc + 1, sizeof *c->inputs);
    if (!c->inputs)
        return -1;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (c->output && c->output >= a && c->output <= a + strlen(a))
            continue; /* -o FILE, -oFILE, --output=FILE */
        const char *eq = strncmp(a, "--", 2) == 0 ? strchr(a, '=') : NULL;
        if (eq)
            a = eq + 1;
        if (*a && strcmp(a, "-") != 0)
            c->inputs[c->n_inputs++] = (char *)a;
    }
    c->write.inputs = c->inputs;
    c->write.n_inputs = c->n_inputs;
    return 0;
}

/* The content hash of a file (BLAKE2b-256) into h; -1 when it cannot be read (the reader
 * says why later). */
static int content_hash(const char *path, unsigned char h[crypto_generichash_BYTES])
{
    FILE *fp = sodium_init() < 0 ? NULL : fopen(path, "rb");
    if (!fp)
        return -1;
    crypto_generichash_state st;
    unsigned char buf[1 << 16];
    size_t n;
    crypto_generichash_init(&st, NULL, 0, crypto_generichash_BYTES);
    while ((n = fread(buf, 1, sizeof buf, fp)) > 0)
        crypto_generichash_update(&st, buf, n);
    int bad = ferror(fp);
    fclose(fp);
    crypto_generichash_final(&st, h, crypto_generichash_BYTES);
    return bad ? -1 : 0;
}

/* The same file given twice would be counted twice: two input files with the same content
 * (the same file under two names, or a copy) are refused unless --allow-duplicate-files.
 * Only files of equal size are read for their hash; the same device and inode need none.
 * Returns 0 or an exit status after the message. */
static int refuse_duplicate_files(const fs_cli *c)
{
    if (c->allow_duplicate_files || c->n_files < 2)
        return 0;
    struct stat *st = calloc(c->n_files, sizeof *st);
    unsigned char (*h)[crypto_generichash_BYTES] = calloc(c->n_files, sizeof *h);
    signed char *hashed = calloc(c->n_files, 1);
    int status = 0;
    if (!st || !h || !hashed) {
        fs_cli_error(c, "out of memory");
        status = FS_EXIT_FAILURE;
        goto done;
    }
    for (size_t i = 0; i < c->n_files; i++)
        if (strcmp(c->files[i], "-") == 0 || stat(c->files[i], &st[i]) != 0 || !S_ISREG(st[i].st_mode))
            hashed[i] = -1; /* not compared: standard input, or the reader's error later */
    for (size_t j = 1; j < c->n_files && !status; j++) {
        for (size_t i = 0; i < j && !status; i++) {
            if (hashed[i] < 0 || hashed[j] < 0 || st[i].st_size != st[j].st_size)
                continue;
#ifdef _WIN32 /* no inode there (st_ino is 0): the same name, else the content decides */
            int same = strcmp(c->files[i], c->files[j]) == 0;
#else
            int same = st[i].st_dev == st[j].st_dev && st[i].st_ino == st[j].st_ino;
#endif
            for (size_t k = 0; !same && k < 2; k++) {
                size_t x = k ? j : i;
                if (!hashed[x])
                    hashed[x] = content_hash(c->files[x], h[x]) == 0 ? 1 : -1;
            }
            if (!same && (hashed[i] < 0 || hashed[j] < 0))
                continue;
            if (same || sodium_memcmp(h[i], h[j], sizeof h[i]) == 0)
                status = fs_cli_usage_error(c, "%s: %s%s: it would be counted twice "
                                               "(--allow-duplicate-files if that is meant)",
                                            c->files[j], !same ? "the same content as "
                                            : strcmp(c->files[i], c->files[j]) == 0 ? "given twice"
                                                                                    : "the same file as ",
                                            same && strcmp(c->files[i], c->files[j]) == 0 ? "" : c->files[i]);
        }
    }
done:
    free(st);
    free(h);
    free(hashed);
    return status;
}

/* -o with placeholders for scheduled runs: %P the period's name (2024H1), %F its first day,
 * %T its last, %% a percent sign. */
int fs_cli_expand_output(fs_cli *c)
{
    if (!strchr(c->output, '%'))
        return 0;
    fs_buf b = {0};
    for (const char *p = c->output; *p; p++) {
        if (*p != '%') {
            fs_buf_append(&b, p, 1);
            continue;
        }
        char text[32];
        p++;
        if (*p == '%') {
            fs_buf_puts(&b, "%");
            continue;
        }
        if ((*p == 'P' || *p == 'F' || *p == 'T') && !c->has_period) {
            fs_buf_free(&b);
            fs_cli_usage_error(c, "-o: %%%c needs --period", *p);
            return -1;
        }
        if (*p == 'P')
            fs_period_name(&c->period, text, sizeof text);
        else if (*p == 'F')
            fs_date_format(c->period.from, text);
        else if (*p == 'T')
            fs_date_format(c->period.to, text);
        else {
            fs_buf_free(&b);
            fs_cli_usage_error(c, "-o: '%%%c' is not a placeholder (%%P period, %%F first day, "
                                  "%%T last day, %%%% a percent sign)", *p ? *p : ' ');
            return -1;
        }
        fs_buf_puts(&b, text);
    }
    if (b.failed) {
        fs_buf_free(&b);
        fs_cli_error(c, "out of memory");
        return -1;
    }
    free(c->output_expanded);
    c->output_expanded = b.data;
    c->output = c->output_expanded;
    c->write.path = c->output;
    return 0;
}

/* The command line wins over the config's [defaults]. */
static const char *pick(const fs_cli *c, const char *given, const char *key)
{
    return given ? given : fs_config_get(&c->config, "defaults", key);
}

/* A bad value of an option given on the command line (a usage error), or of its key in the
 * config's [defaults], named by the config's file and line: "finsam.ini:3: suppress: 'abc'
 * is not a whole number from 0 to 1000" (exit status 1, as every error in the config). */
static int bad_value(const fs_cli *c, const char *given, const char *key, const char *value,
                     const char *expected)
{
    if (given) {
        char option[32];
        snprintf(option, sizeof option, "%s", key);
        for (char *p = option; *p; p++)
            if (*p == '_')
                *p = '-'; /* csv_dialect: --csv-dialect */
        return fs_cli_usage_error(c, "--%s: '%s' is not %s", option, value, expected);
    }
    const fs_config_entry *e = fs_config_find(&c->config, "defaults", key);
    fs_cli_error(c, "%s:%u: %s: '%s' is not %s", c->config.path ? c->config.path : "config",
                 e ? e->line : 0, key, value, expected);
    return FS_EXIT_FAILURE;
}

int fs_cli_finish(fs_cli *c, int argc, char **argv, int optind_, int min_files)
{
    fs_msg msg = {""};
    const char *s;
    fs_progress_allow(!c->quiet); /* on a terminal, for a large input (progress.h) */
    if (c->config_arg) {
        fs_error e = fs_config_load(c->config_arg, &c->config, &msg);
        if (e == FS_OK)
            e = fs_cli_config_check(&c->config, &msg);
        if (e) {
            fs_cli_error(c, "%s", msg.text);
            return FS_EXIT_FAILURE;
        }
    }
    s = pick(c, c->rounding_arg, "rounding");
    if (s && fs_rounding_parse(s, &c->rounding))
        return bad_value(c, c->rounding_arg, "rounding", s,
                         "one of largest-remainder, half-even, half-up");
    s = pick(c, c->decimals_arg, "decimals");
    if (s && parse_int(s, 0, 3, &c->decimals))
        return bad_value(c, c->decimals_arg, "decimals", s, "a whole number from 0 to 3");
    s = pick(c, c->suppress_arg, "suppress");
    if (s && parse_int(s, 0, 1000, &c->suppress))
        return bad_value(c, c->suppress_arg, "suppress", s, "a whole number from 0 to 1000");
    c->lang = pick(c, c->lang_arg, "lang");
    if (!c->lang)
        c->lang = "sv";
    if (strcmp(c->lang, "sv") != 0 && strcmp(c->lang, "en") != 0)
        return bad_value(c, c->lang_arg, "lang", c->lang, "sv or en");
    c->write.path = c->output;
    c->write.format = FS_FMT_TEXT;
    if (c->format_arg) {
        if (fs_format_parse(c->format_arg, &c->write.format)) {
            char names[128];
            fs_format_names(names, sizeof names);
            return fs_cli_usage_error(c, "--format: '%s' is not one of %s", c->format_arg, names);
        }
    } else if (c->output && strcmp(c->output, "-") != 0 &&
               fs_format_from_path(c->output, &c->write.format)) {
        return fs_cli_usage_error(c, "cannot tell the format from '%s'; use --format", c->output);
    }
    if (fs_format_needs_file(c->write.format) && (!c->output || strcmp(c->output, "-") == 0))
        return fs_cli_usage_error(c, "%s output needs -o FILE", fs_format_name(c->write.format));
    /* before -o's placeholders are filled in: -o's own argument is told by its address */
    if (collect_inputs(c, argc, argv) != 0) {
        fs_cli_error(c, "out of memory");
        return FS_EXIT_FAILURE;
    }
    c->write.p_digits = 2;
    s = pick(c, c->p_digits_arg, "p_digits");
    if (s && parse_int(s, 1, 6, &c->write.p_digits))
        return bad_value(c, c->p_digits_arg, "p_digits", s, "a whole number from 1 to 6");
    s = pick(c, c->cell_arg, "cell");
    if (s && strcmp(s, "n-pct") != 0 && strcmp(s, "separate") != 0)
        return bad_value(c, c->cell_arg, "cell", s, "n-pct or separate");
    c->write.n_pct = s && strcmp(s, "n-pct") == 0;
    if (c->refresh_arg) {
        if (c->write.format != FS_FMT_HTML)
            return fs_cli_usage_error(c, "--refresh is for HTML output (--format html or -o "
                                         "FILE.html)");
        if (parse_int(c->refresh_arg, 1, 86400, &c->write.refresh))
            return fs_cli_usage_error(c, "--refresh: '%s' is not a number of seconds from 1 "
                                         "to 86400", c->refresh_arg);
    }
    s = pick(c, NULL, "hide_empty");
    if (s && strcmp(s, "yes") != 0 && strcmp(s, "no") != 0)
        return bad_value(c, NULL, "hide_empty", s, "yes or no");
    if (s && strcmp(s, "yes") == 0)
        c->hide_empty = 1;
    s = pick(c, c->dialect_arg, "csv_dialect");
    if (s && fs_csv_dialect_parse(s, &c->write.dialect))
        return bad_value(c, c->dialect_arg, "csv_dialect", s, "rfc4180 or excel-sv");
    s = pick(c, c->separator_arg, "separator");
    if (s) {
        if (strcmp(s, "tab") == 0 || strcmp(s, "\\t") == 0)
            c->csv.separator = '\t';
        else if (strlen(s) == 1 && strchr(";,\t|", s[0]))
            c->csv.separator = s[0];
        else
            return bad_value(c, c->separator_arg, "separator", s, "one of ';' ',' 'tab' '|'");
    }
    s = pick(c, c->encoding_arg, "encoding");
    if (s && fs_encoding_parse(s, &c->csv.encoding))
        return bad_value(c, c->encoding_arg, "encoding", s, "one of auto, utf-8, cp1252");
    c->as_of = fs_date_today();
    if (c->as_of_arg && fs_date_parse(c->as_of_arg, &c->as_of))
        return fs_cli_usage_error(c, "--as-of: '%s' is not a date", c->as_of_arg);
    if (c->period_arg) {
        if (fs_period_parse_at(c->period_arg, c->as_of, &c->period))
            return fs_cli_usage_error(c, "--period: '%s' is not a period (examples: 2024, "
                                         "2024H1, 2024Q3, 2024-05, 2024-01-01..2024-06-30, "
                                         "last-month, last-quarter, last-half, last-year, "
                                         "year-to-date)",
                                      c->period_arg);
        c->has_period = 1;
    }
    if (c->output && fs_cli_expand_output(c))
        return FS_EXIT_USAGE;
    fs_error oe = fs_output_check(&c->write, &msg); /* before reading anything */
    if (oe) {
        fs_cli_error(c, "%s", msg.text);
        return fs_cli_status(oe);
    }
    c->created = 0;
    if (c->created_arg) {
        fs_date d;
        if (fs_date_parse(c->created_arg, &d))
            return fs_cli_usage_error(c, "--created: '%s' is not a date", c->created_arg);
        c->created = (time_t)d * 86400;
    } else if ((s = getenv("SOURCE_DATE_EPOCH")) != NULL && *s) {
        c->created = (time_t)strtoll(s, NULL, 10);
    }
    s = fs_config_get(&c->config, "defaults", "source");
    c->files = argv + optind_;
    c->n_files = (size_t)(argc - optind_);
    if (c->n_files < (size_t)min_files)
        return fs_cli_usage_error(c, "no input file given");
    int dup = refuse_duplicate_files(c);
    if (dup)
        return dup;
    if (s) {
        c->source = fs_safe_name(s);
    } else {
        /* the file names, made safe: one shaped like a personnummer is masked, control
         * characters are escaped, as in every message */
        fs_buf b = {0};
        for (size_t i = 0; i < c->n_files; i++) {
            const char *base = strrchr(c->files[i], '/');
            char *safe = fs_safe_name(base ? base + 1 : c->files[i]);
            fs_buf_printf(&b, "%s%s", i ? ", " : "", safe ? safe : "?");
            free(safe);
        }
        c->source = b.data; /* owned */
    }
    return 0;
}

void fs_cli_period_text(const fs_cli *c, char *out, size_t outsz)
{
    char a[11], b[11];
    if (!c->has_period) {
        snprintf(out, outsz, "%s", "");
        return;
    }
    fs_date_format(c->period.from, a);
    fs_date_format(c->period.to, b);
    snprintf(out, outsz, "%s\xE2\x80\x93%s", a, b);
}

int fs_cli_write(fs_cli *c, fs_report *r)
{
    fs_msg msg = {""};
    if (c->source) {
        free(r->source);
        r->source = fs_asprintf("%s: %s", fs_tr(c->lang, "Source"), c->source);
    }
    r->created = c->created;
    if (c->hide_empty && fs_report_hide_empty(r, c->lang)) {
        fs_cli_error(c, "out of memory");
        return FS_EXIT_FAILURE;
    }
    r->has_period = c->has_period;
    r->period = c->period;
    fs_error e = fs_write_report(r, &c->write, &msg);
    if (e) {
        fs_cli_error(c, "%s", msg.text);
        return fs_cli_status(e);
    }
    return FS_EXIT_OK;
}
