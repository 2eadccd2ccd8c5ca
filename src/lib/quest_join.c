/* quest_join.c: the sex of questionnaire participants from a participants export. See
 * quest_join.h. */
#include <stdlib.h>
#include <string.h>

#include "finsam/export.h"
#include "finsam/quest_join.h"
#include "finsam/strmap.h"

typedef struct join {
    fs_quest *q;
    fs_strmap *ids;      /* id -> number */
    size_t *first;       /* by number: the first person with the id */
    size_t *next;        /* per person: the next with the same id, or SIZE_MAX */
    unsigned char *found; /* per person: an episode with its id was seen */
    int missing_id;       /* the export being read has no id column */
} join;

static int on_episode(const fs_episode *ep, void *user)
{
    join *j = user;
    size_t k = ep->id ? fs_strmap_find(j->ids, ep->id) : FS_STRMAP_NONE;
    if (k == FS_STRMAP_NONE)
        return 0;
    for (size_t i = j->first[k]; i != SIZE_MAX; i = j->next[i]) {
        fs_quest_person *p = &j->q->p[i];
        j->found[i] = 1;
        if (p->sex == FS_SEX_UNKNOWN && ep->sex != FS_SEX_UNKNOWN)
            p->sex = ep->sex;
    }
    return 0;
}

static void on_problem(const fs_problem *p, void *user)
{
    join *j = user;
    if (p->kind == FS_PROB_MISSING_COLUMN) /* the only required column is the id */
        j->missing_id = 1;
}

fs_error fs_quest_join_export(fs_quest *q, const char *const *paths, size_t n_paths,
                              const fs_csv_options *csv, const fs_config *config, fs_date as_of,
                              unsigned char *no_id, unsigned long *not_found, fs_msg *err)
{
    join j = {q, NULL, NULL, NULL, NULL, 0};
    fs_export_reader *r = NULL;
    fs_error e = FS_ERR_MEMORY;
    fs_msg first = {""}; /* the error of the first export without an id column */
    size_t joined = 0;
    *not_found = 0;
    memset(no_id, 0, n_paths);
    if (q->pnr_key || !q->has_id_column) {
        fs_msg_set(err, "%s", q->pnr_key ? "the questionnaire is keyed by personnummer; joining "
                                           "it to the participants export needs Deltagar-ID"
                                         : "the questionnaire has no id column to join on");
        return FS_ERR_USAGE;
    }
    size_t n = q->n_persons + 1;
    if (!(j.ids = fs_strmap_new()) || !(j.first = malloc(n * sizeof *j.first)) ||
        !(j.next = malloc(n * sizeof *j.next)) || !(j.found = calloc(n, 1)))
        goto cleanup;
    size_t *last = malloc(n * sizeof *last); /* by number: the last person with the id */
    if (!last)
        goto cleanup;
    for (size_t i = 0; i < q->n_persons; i++) {
        size_t k;
        int added;
        j.next[i] = SIZE_MAX;
        if (!q->p[i].id || !*q->p[i].id)
            continue;
        if (fs_strmap_add(j.ids, q->p[i].id, &k, &added)) {
            free(last);
            goto cleanup;
        }
        if (added)
            j.first[k] = i;
        else
            j.next[last[k]] = i;
        last[k] = i;
    }
    free(last);
    fs_export_options eo = {.csv = *csv, .config = config,
                            .required = FS_FIELD_BIT(FS_FIELD_ID), .as_of = as_of};
    fs_export_callbacks cb = {on_episode, on_problem, &j};
    for (size_t i = 0; i < n_paths; i++) { /* a reader each: a failed read ends a reader */
        if (!(r = fs_export_reader_new(&eo, &cb))) {
            e = FS_ERR_MEMORY;
            goto cleanup;
        }
        j.missing_id = 0;
        e = fs_export_reader_read(r, paths[i], err);
        fs_export_reader_free(r);
        r = NULL;
        if (e == FS_ERR_DATA && j.missing_id) { /* skipped, unless no export has the column */
            if (!first.text[0])
                first = *err;
            no_id[i] = 1;
        } else if (e) {
            goto done;
        } else {
            joined++;
        }
    }
    if (n_paths && !joined) {
        *err = first;
        e = FS_ERR_DATA;
        goto done;
    }
    e = FS_OK;
    for (size_t i = 0; i < q->n_persons; i++)
        *not_found += !j.found[i];
    goto done;
cleanup:
    fs_msg_set(err, "out of memory");
done:
    fs_export_reader_free(r);
    fs_strmap_free(j.ids);
    free(j.first);
    free(j.next);
    free(j.found);
    return e;
}
