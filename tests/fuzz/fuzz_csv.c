/* libFuzzer target: the CSV reader must never crash, hang or leak on any bytes, with
 * every encoding and separator setting, on its fast path and with libcsv alone. */
#include <stddef.h>
#include <stdint.h>

#include "finsam/csv.h"

static int count(const fs_csv_record *rec, void *user)
{
    size_t *n = user;
    for (size_t i = 0; i < rec->n_fields; i++)
        *n += rec->lens[i];
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const fs_csv_options opts[] = {
        {0, FS_ENC_AUTO, 0, 0},    {0, FS_ENC_UTF8, 0, 0},     {0, FS_ENC_CP1252, 0, 0},
        {',', FS_ENC_AUTO, 0, 0},  {'\t', FS_ENC_AUTO, 0, 0},
        {0, FS_ENC_AUTO, 0, 1}, /* every line through libcsv */
    };
    for (size_t i = 0; i < sizeof opts / sizeof opts[0]; i++) {
        size_t n = 0;
        fs_msg msg;
        fs_csv_info info;
        (void)fs_csv_read_buffer("fuzz", (const char *)data, size, &opts[i], count, &n, &info, &msg);
    }
    return 0;
}
