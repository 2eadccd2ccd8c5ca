/* Unit tests: the INI store (config.c) and the section checks the cli runs after loading
 * (fs_cli_config_check: unknown sections, then each owner's check). Table-driven: each case
 * is a small INI text written to a temporary file, the expected error and a substring of the
 * message after "FILE" (or NULL when the load must succeed). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "cli.h"
#include "finsam/config.h"

typedef struct config_case {
    const char *name;
    const char *ini;
    fs_error want;    /* of the load, or else of the checks */
    const char *msg;  /* substring of the message following the path; NULL with FS_OK */
} config_case;

/* Writes text to a new temporary file; its name into path[]. */
static void write_temp(char *path, size_t pathsz, const char *text)
{
    const char *dir = getenv("TMPDIR");
    snprintf(path, pathsz, "%s/test_config-XXXXXX", dir && *dir ? dir : "/tmp");
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    FILE *fp = fdopen(fd, "wb");
    assert_non_null(fp);
    assert_int_equal(fwrite(text, 1, strlen(text), fp), strlen(text));
    assert_int_equal(fclose(fp), 0);
}

/* Loads the case, then checks it; returns the first error and the message. */
static fs_error load_and_check(const char *ini, char *path, size_t pathsz, fs_msg *m)
{
    fs_config cfg = {0};
    write_temp(path, pathsz, ini);
    fs_error e = fs_config_load(path, &cfg, m);
    if (e == FS_OK)
        e = fs_cli_config_check(&cfg, m);
    fs_config_free(&cfg);
    unlink(path);
    return e;
}

static void run_cases(const config_case *cases, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        char path[4096];
        fs_msg m = {""};
        fs_error e = load_and_check(cases[i].ini, path, sizeof path, &m);
        if (e != cases[i].want)
            fail_msg("%s: error %d (%s), want %d", cases[i].name, e, m.text, cases[i].want);
        if (!cases[i].msg)
            continue;
        size_t plen = strlen(path);
        if (strncmp(m.text, path, plen) != 0 || !strstr(m.text + plen, cases[i].msg))
            fail_msg("%s: message \"%s\", want \"%s\" after the file name", cases[i].name,
                     m.text, cases[i].msg);
    }
}

/* The store: what is and is not INI. */
static void test_store(void **state)
{
    (void)state;
    static char long_line[400];
    static char long_ini[512];
    memset(long_line, 'x', sizeof long_line - 1);
    snprintf(long_ini, sizeof long_ini, "[defaults]\nlang = en\nsource = %s\n", long_line);
    const config_case cases[] = {
        {"empty file", "", FS_OK, NULL},
        {"comments only", "; a comment\n# another\n\n", FS_OK, NULL},
        {"syntax error: no =", "[columns]\nid Löpnummer\n", FS_ERR_PARSE, ":2: syntax error"},
        {"syntax error: no ]", "; c\n[columns\nid = X\n", FS_ERR_PARSE, ":2: syntax error"},
        {"first syntax error wins", "x\n[defaults]\nlang = en\ny\n", FS_ERR_PARSE,
         ":1: syntax error"},
        {"over-long line", long_ini, FS_ERR_PARSE, ":3: line longer than 199 characters"},
        {"BOM, CRLF", "\xEF\xBB\xBF[defaults]\r\nlang = en\r\n", FS_OK, NULL},
    };
    run_cases(cases, sizeof cases / sizeof cases[0]);
}

/* Sections: known ones, [column "HEADER"], and unknown ones at the line of their first key. */
static void test_sections(void **state)
{
    (void)state;
    static const config_case cases[] = {
        {"all known sections",
         "[columns]\nid = Löpnummer\n[exit_reasons]\nEget företag = work_studies\n"
         "[defaults]\nlang = en\n[referrers]\nSocialtjänst Syd = kommun\n"
         "[income]\nCSN = studiemedel\n[age]\nbands = 16-24,25+\n[hls]\nq16_min_answered = 12\n"
         "[ogq]\nanything = 1\n[paired]\nx = 1\n[barometer]\ny = 2\n",
         FS_OK, NULL},
        {"unknown section", "[colums]\nid = X\n", FS_ERR_DATA, ":2: unknown section [colums]"},
        {"unknown section after known ones", "; c\n[defaults]\nlang = en\n\n[Columns]\nid = X\n",
         FS_ERR_DATA, ":6: unknown section [Columns]"},
        {"unknown section before a bad key", "[defaults]\ncolour = red\n[foo]\nx = 1\n",
         FS_ERR_DATA, ":4: unknown section [foo]"},
        {"unknown section without keys", "[colums]\n[defaults]\nlang = en\n", FS_OK, NULL},
        {"column section", "[column \"Kommun\"]\ntitle = Per kommun\n", FS_OK, NULL},
        {"column section, any keys", "[column \"Målgrupp A/B\"]\nwhatever = 1\n", FS_OK, NULL},
        {"column section, empty header", "[column \"\"]\ntitle = x\n", FS_ERR_DATA,
         ":2: unknown section [column \"\"]"},
        {"column section, no quotes", "[column Kommun]\ntitle = x\n", FS_ERR_DATA,
         ":2: unknown section [column Kommun]"},
        {"column section, no closing quote", "[column \"Kommun]\ntitle = x\n", FS_ERR_DATA,
         ":2: unknown section [column \"Kommun]"},
        {"columns with a header", "[columns \"Kommun\"]\ntitle = x\n", FS_ERR_DATA,
         ":2: unknown section [columns \"Kommun\"]"},
    };
    run_cases(cases, sizeof cases / sizeof cases[0]);
}

/* Each owner's check, with its own message. */
static void test_owner_checks(void **state)
{
    (void)state;
    static const config_case cases[] = {
        {"[columns] field", "[columns]\nexit_reason = Orsak\nmunicipality = Kommun\n", FS_OK, NULL},
        {"[columns] unknown field", "[columns]\nid = Löpnummer\nexit = Orsak\n", FS_ERR_DATA,
         ":3: unknown field \"exit\" in [columns]"},
        {"[exit_reasons] group", "[exit_reasons]\nAvliden = other\nFel = excluded\n", FS_OK, NULL},
        {"[exit_reasons] unknown group", "[exit_reasons]\nAvliden = dead\n", FS_ERR_DATA,
         ":2: \"dead\" is not an exit-reason group (work_studies, job_seeking, continued_rehab, "
         "illness, moved, other, not_measured, excluded)"},
        {"[defaults] keys",
         "[defaults]\nlang = en\nrounding = half-up\ndecimals = 1\nsuppress = 5\nsource = S\n"
         "csv_dialect = excel-sv\nencoding = utf-8\nseparator = ;\n",
         FS_OK, NULL},
        {"[defaults] unknown key", "[defaults]\nlang = en\nlanguage = sv\n", FS_ERR_DATA,
         ":3: unknown key \"language\" in [defaults]"},
        {"[referrers] joint", "[referrers]\nFK och kommun = fk/kommun\n", FS_OK, NULL},
        {"[referrers] unknown", "[referrers]\nRemiss = nobody\n", FS_ERR_DATA,
         ":2: [referrers] Remiss: \"nobody\" is not a referrer"},
        {"[income] unknown", "[income]\nCSN = csn\n", FS_ERR_DATA,
         ":2: [income] CSN: \"csn\" is not an income category key"},
        {"[age] bands", "[age]\nbands = 30-20\n", FS_ERR_DATA,
         ":2: [age] bands: \"30-20\" is not a list of ascending age bands"},
        {"[age] unknown key", "[age]\nband = 16-29\n", FS_ERR_DATA,
         ":2: unknown key \"band\" in [age] (expected: bands)"},
        {"[hls] unknown key", "[hls]\nversion = q16\nq16_bogus = 1\n", FS_ERR_DATA,
         ":3: [hls] unknown key \"q16_bogus\""},
        {"[hls] out of range", "[hls]\nq6_min_answered = 7\n", FS_ERR_DATA,
         ":2: [hls] q6_min_answered: 7 is outside 1..6"},
        {"[hls] q6 thresholds crossed", "[hls]\nq6_inadequate_max = 4\n", FS_ERR_DATA,
         ":2: [hls] q6_inadequate_max is above q6_problematic_max"},
        {"[hls] q16 thresholds crossed",
         "[hls]\nq16_problematic_max = 5\nq16_inadequate_max = 6\n", FS_ERR_DATA,
         ":3: [hls] q16_inadequate_max is above q16_problematic_max"},
        {"a syntax error before the checks", "[colums]\nid = X\nbroken\n", FS_ERR_PARSE,
         ":3: syntax error"},
    };
    run_cases(cases, sizeof cases / sizeof cases[0]);
}

static void test_load_io(void **state)
{
    (void)state;
    fs_config cfg = {0};
    fs_msg m = {""};
    assert_int_equal(fs_config_load("/nonexistent/finsam.ini", &cfg, &m), FS_ERR_IO);
    assert_non_null(strstr(m.text, "/nonexistent/finsam.ini: cannot open the configuration file"));
    fs_config_free(&cfg);
}

/* The store keeps entries in file order with their lines; the last value of a key wins. */
static void test_get(void **state)
{
    (void)state;
    char path[4096];
    fs_config cfg = {0};
    fs_msg m = {""};
    write_temp(path, sizeof path, "; c\n[defaults]\nlang = sv\n\n[defaults]\nlang = en ; late\n"
                                  "[column \"Kommun\"]\ntitle = Per kommun\n");
    assert_int_equal(fs_config_load(path, &cfg, &m), FS_OK);
    unlink(path);
    assert_int_equal(cfg.n, 3);
    assert_string_equal(fs_config_get(&cfg, "defaults", "lang"), "en");
    assert_int_equal(fs_config_find(&cfg, "defaults", "lang")->line, 6);
    assert_string_equal(fs_config_get(&cfg, "column \"Kommun\"", "title"), "Per kommun");
    assert_null(fs_config_get(&cfg, "defaults", "rounding"));
    assert_null(fs_config_get(&cfg, "Defaults", "lang"));
    fs_config_free(&cfg);
    assert_null(fs_config_get(NULL, "defaults", "lang"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_store),        cmocka_unit_test(test_sections),
        cmocka_unit_test(test_owner_checks), cmocka_unit_test(test_load_io),
        cmocka_unit_test(test_get),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
