/* libFuzzer target: the INI configuration reader (inih), then the checks of every section
 * (fs_cli_config_check, the table of the cli). */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "cli.h"
#include "finsam/config.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char path[] = "/tmp/fuzz-config-XXXXXX";
    int fd = mkstemp(path);
    if (fd < 0)
        return 0;
    FILE *fp = fdopen(fd, "wb");
    if (!fp) {
        close(fd);
        unlink(path);
        return 0;
    }
    fwrite(data, 1, size, fp);
    fclose(fp);
    fs_config cfg = {0};
    fs_msg msg;
    if (fs_config_load(path, &cfg, &msg) == FS_OK)
        (void)fs_cli_config_check(&cfg, &msg);
    (void)fs_config_get(&cfg, "defaults", "lang");
    fs_config_free(&cfg);
    unlink(path);
    return 0;
}
