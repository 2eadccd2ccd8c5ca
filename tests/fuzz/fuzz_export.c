/* libFuzzer target: the export reader (header mapping, dates, personnummer, categories). */
#include <stddef.h>
#include <stdint.h>

#include "finsam/export.h"

static int on_episode(const fs_episode *ep, void *user)
{
    (void)ep;
    (void)user;
    return 0;
}

static void on_problem(const fs_problem *p, void *user)
{
    (void)p;
    (void)user;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fs_export_options opt = {.csv = {.encoding = FS_ENC_AUTO}, .required = FS_FIELD_BIT(FS_FIELD_ENTRY),
                             .as_of = 20000, .check_future = 1};
    fs_export_callbacks cb = {on_episode, on_problem, NULL};
    fs_export_reader *r = fs_export_reader_new(&opt, &cb);
    if (!r)
        return 0;
    fs_msg msg;
    (void)fs_export_reader_read_buffer(r, "fuzz", (const char *)data, size, &msg);
    fs_export_reader_free(r);
    return 0;
}
