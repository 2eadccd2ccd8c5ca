/* libFuzzer target: the questionnaire reader over arbitrary bytes, in each of its shapes
 * (long form with numeric, HLS and category codings, one occasion), then the paired
 * summaries, the table over every occasion and the EQ-5D value-set reader; and as a start
 * and an exit file (the input split at its first NUL byte, or in the middle), with a scale
 * and with a personnummer key refused as for --participants. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "finsam/eq5d.h"
#include "finsam/paired.h"
#include "finsam/quest.h"

static void summaries(const fs_quest *q)
{
    for (size_t i = 0; i < q->n_items && i < 4; i++) {
        fs_paired_item it;
        fs_occasions_item oi;
        (void)fs_quest_paired(q, i, 0, q->n_occ - 1, FS_QUEST_ALL_SEXES, 1, FS_ALT_TWO_SIDED, 1,
                              &it);
        (void)fs_quest_occasions(q, i, FS_QUEST_ALL_SEXES, &oi);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const fs_quest_coding codings[] = {FS_QC_NUMERIC, FS_QC_HLS_EASY_HIGH, FS_QC_CATEGORY};
    fs_stats_init();
    for (size_t k = 0; k < 4; k++) {
        fs_quest_options o = {0};
        fs_quest q;
        fs_msg m;
        o.coding = codings[k % 3];
        o.single = k == 3;
        if (k == 3)
            o.coding = FS_QC_CATEGORY;
        if (fs_quest_read_buffers("fuzz.csv", (const char *)data, size, NULL, NULL, 0, &o, &q,
                                  &m) == FS_OK && !o.single && q.n_occ >= 2)
            summaries(&q);
        fs_quest_free(&q);
    }
    /* two files: start and exit */
    const char *text = (const char *)data;
    const char *nul = memchr(text, '\0', size);
    size_t len1 = nul ? (size_t)(nul - text) : size / 2, skip = nul ? 1 : 0;
    for (size_t k = 0; k < 2; k++) {
        fs_quest_options o = {0};
        fs_quest q;
        fs_msg m;
        o.coding = FS_QC_NUMERIC;
        o.refuse_pnr_key = k == 1;
        o.has_scale = k == 1;
        o.scale_min = 1;
        o.scale_max = 10;
        if (fs_quest_read_buffers("start.csv", text, len1, "exit.csv", text + len1 + skip,
                                  size - len1 - skip, &o, &q, &m) == FS_OK && q.n_occ >= 2)
            summaries(&q);
        fs_quest_free(&q);
    }
    fs_eq5d_value_set vs;
    fs_msg m;
    (void)fs_eq5d_value_set_read_buffer("vs.csv", (const char *)data, size, &vs, &m);
    return 0;
}
