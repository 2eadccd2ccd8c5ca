/* libFuzzer target: the small parsers of values from the command line and the data, on any
 * bytes as a NUL-terminated string: dates, periods, personnummer, the personnummer
 * recogniser and the three safe-text functions. Checks what must always hold: the safe
 * texts contain no personnummer-shaped part (masking is complete), fs_safe_text stays in its
 * buffer and cut, and a parsed personnummer's canonical form is found by the recogniser. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "finsam/date.h"
#include "finsam/pnr.h"
#include "finsam/text.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *s = malloc(size + 1);
    if (!s)
        return 0;
    memcpy(s, data, size);
    s[size] = '\0';

    fs_date d;
    if (fs_date_parse(s, &d) == 0) {
        char out[11];
        fs_date back;
        fs_date_format(d, out);
        if (fs_date_parse(out, &back) != 0 || back != d)
            abort(); /* a date reads back as itself */
    }
    fs_period p;
    if (fs_period_parse(s, &p) == FS_OK && p.from > p.to)
        abort();

    fs_pnr pnr;
    fs_pnr_status st = fs_pnr_parse(s, 20000, &pnr);
    if (st != FS_PNR_BAD_FORMAT && strlen(pnr.canon) != 12)
        abort();
    size_t a, b;
    int found = fs_pnr_find(s, strlen(s), &a, &b);
    if (found && (a >= b || b > strlen(s)))
        abort();
    if (st == FS_PNR_OK && !found)
        abort(); /* a valid number is always recognised in text */

    char safe[FS_SAFE_TEXT_MAX * 4 + 8];
    fs_safe_text(s, safe, sizeof safe);
    if (strlen(safe) >= sizeof safe || fs_pnr_in_text(safe))
        abort();
    char *name = fs_safe_name(s), *out = fs_safe_output(s);
    if (name && fs_pnr_in_text(name))
        abort();
    if (out) {
        size_t n = strlen(out), k;
        unsigned long cp;
        if (fs_pnr_in_text(out))
            abort();
        for (size_t i = 0; i < n; i += k) /* only characters XML allows */
            if (!(k = fs_utf8_decode((const unsigned char *)out + i, n - i, &cp)) || !fs_xml_char_ok(cp))
                abort();
    }
    free(name);
    free(out);
    char *f = fs_fold(s), *g = fs_slug(s);
    free(f);
    free(g);
    free(s);
    return 0;
}
