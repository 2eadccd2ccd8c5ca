/* libFuzzer target: the questionnaire reader (header matching, item keys, occasions, codings,
 * the personnummer refusals), long form and start/exit files. The first byte chooses the
 * coding, the form and whether the files are keyed for a --participants join; in the
 * two-file form the rest is split at the first NUL byte (or in the middle). */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "finsam/quest.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    uint8_t mode = data[0];
    const char *rest = (const char *)data + 1;
    size_t len = size - 1;
    fs_quest_options opt;
    memset(&opt, 0, sizeof opt);
    opt.coding = (fs_quest_coding)(mode % 6);
    opt.refuse_pnr_key = (mode >> 3) & 1;
    if ((mode >> 4) & 1) {
        opt.has_scale = 1;
        opt.scale_min = 1;
        opt.scale_max = 10;
    }
    fs_quest q;
    fs_msg msg;
    memset(&q, 0, sizeof q);
    if ((mode >> 5) & 1) {
        const char *nul = memchr(rest, '\0', len);
        size_t len1 = nul ? (size_t)(nul - rest) : len / 2;
        size_t skip = nul ? 1 : 0;
        (void)fs_quest_read_buffers("start.csv", rest, len1, "exit.csv", rest + len1 + skip,
                                    len - len1 - skip, &opt, &q, &msg);
    } else {
        (void)fs_quest_read_buffers("quest.csv", rest, len, NULL, NULL, 0, &opt, &q, &msg);
    }
    if (q.n_items) {
        fs_paired_item it;
        (void)fs_quest_paired(&q, 0, FS_QUEST_ALL_SEXES, 1, FS_ALT_TWO_SIDED, 1, &it);
    }
    fs_quest_free(&q);
    return 0;
}
