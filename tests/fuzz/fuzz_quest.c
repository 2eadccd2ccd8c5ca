/* libFuzzer target: the questionnaire reader over arbitrary bytes, in each of its shapes
 * (long form with numeric, HLS and category codings, one occasion), then the paired
 * summaries, the table over every occasion and the EQ-5D value-set reader. */
#include <stddef.h>
#include <stdint.h>

#include "finsam/eq5d.h"
#include "finsam/paired.h"
#include "finsam/quest.h"

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
                                  &m) == FS_OK && !o.single && q.n_occ >= 2) {
            for (size_t i = 0; i < q.n_items && i < 4; i++) {
                fs_paired_item it;
                fs_occasions_item oi;
                (void)fs_quest_paired(&q, i, 0, q.n_occ - 1, FS_QUEST_ALL_SEXES, 1,
                                      FS_ALT_TWO_SIDED, 1, &it);
                (void)fs_quest_occasions(&q, i, FS_QUEST_ALL_SEXES, &oi);
            }
        }
        fs_quest_free(&q);
    }
    fs_eq5d_value_set vs;
    fs_msg m;
    (void)fs_eq5d_value_set_read_buffer("vs.csv", (const char *)data, size, &vs, &m);
    return 0;
}
