/* engine.c: the aggregation engine (engine.h): tallies, slices and persons; the dimensions
 * they count by are in dims.c. */
#include "finsam/engine.h"

#include "dims.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "finsam/bykey.h"
#include "finsam/persons.h"

/* ---- tallies ---- */

typedef struct cell {
    unsigned long n[FS_SEX_N];
    fs_personset *members; /* counting persons: who is in the cell, until they are counted */
} cell;

struct fs_tally {
    fs_tally_spec spec;
    fs_dim *row, *col;
    int persons;
    /* the cells (a, b) in one array, row by row: cells[(a + 1) * n_b + b + 1] for
     * a + 1 < n_a and b + 1 < n_b; a count is then one look-up, not a row's and then its
     * cell's */
    cell *cells;
    size_t n_a, n_b;
    unsigned long episodes[FS_SEX_N];
    fs_dayhist days[FS_SEX_N];
    unsigned long multi; /* counting persons: persons in two or more top-level rows */
};

typedef struct slice {
    fs_tally *tallies;
    unsigned long felreg[FS_FLOW_N];
    unsigned long unidentified;
} slice;

typedef struct spec_entry {
    fs_tally_spec spec;
    int row, col; /* dimension indexes, col -1 */
} spec_entry;

struct fs_engine {
    fs_engine_options o;
    fs_period period;
    fs_dim **dims;
    size_t n_dims;
    spec_entry *specs;
    size_t n_specs;
    int started;
    fs_bykey *insats_filter;
    slice whole;
    fs_bykey *per;     /* insats -> slice */
    slice **per_no;          /* by the reader's number of the insats (valnum.h), or NULL */
    const void *numbering;   /* the reader whose numbers per_no holds */
    size_t *order;     /* slices in order, after finish: indexes into per, then the whole */
    fs_persons *persons;
    fs_person_secret secret;
    fs_dims ctx;      /* what the dimensions share */
    int failed;
};

/* ---- tallies ---- */

/* Cell (a, b), the cells made room for first: categories come one by one, so rows by half
 * as many again (a column of thousands of values is copied a few times, not once a value),
 * and columns, few, by eight. */
static cell *get_cell(fs_tally *t, int a, int b)
{
    size_t ia = (size_t)(a + 1), ib = (size_t)(b + 1);
    if (ia >= t->n_a || ib >= t->n_b) {
        size_t na = t->n_a, nb = t->n_b;
        if (ia >= na)
            na = ia + 8 > na + na / 2 ? ia + 8 : na + na / 2;
        if (ib >= nb)
            nb = ib + (t->col ? 8 : 1);
        cell *c = na > SIZE_MAX / sizeof *c / nb ? NULL : calloc(na * nb, sizeof *c);
        if (!c)
            return NULL;
        for (size_t i = 0; i < t->n_a; i++)
            memcpy(c + i * nb, t->cells + i * t->n_b, t->n_b * sizeof *c);
        free(t->cells);
        t->cells = c;
        t->n_a = na;
        t->n_b = nb;
    }
    return &t->cells[ia * t->n_b + ib];
}

static const cell *peek_cell(const fs_tally *t, int a, int b)
{
    size_t ia = (size_t)(a + 1), ib = (size_t)(b + 1);
    return ia < t->n_a && ib < t->n_b ? &t->cells[ia * t->n_b + ib] : NULL;
}

static int touch_slow(fs_tally *t, int a, int b, fs_sex sex, long person);

/* Counts the episode (person < 0) or the person in cell (a, b). -1 on memory failure. */
static inline int touch(fs_tally *t, int a, int b, fs_sex sex, long person)
{
    size_t ia = (size_t)(a + 1), ib = (size_t)(b + 1);
    if (person < 0 && ia < t->n_a && ib < t->n_b) {
        t->cells[ia * t->n_b + ib].n[sex]++; /* the common case: an episode, room made before */
        return 0;
    }
    return touch_slow(t, a, b, sex, person);
}

static int touch_slow(fs_tally *t, int a, int b, fs_sex sex, long person)
{
    cell *c = get_cell(t, a, b);
    if (!c)
        return -1;
    if (person < 0) {
        c->n[sex]++;
        return 0;
    }
    if (!c->members && !(c->members = calloc(1, sizeof *c->members)))
        return -1;
    return fs_personset_add(c->members, (size_t)person) < 0 ? -1 : 0;
}

static int tally_add(fs_engine *e, fs_tally *t, const fs_episode *ep, int cl, long person)
{
    fs_dim *rd = t->row, *cd = t->col;
    fs_sex sex = ep->sex;
    t->episodes[sex]++; /* counting episodes, this is cell (FS_ALL, FS_ALL) */
    if (t->spec.days && ep->has_exit) {
        fs_error de = fs_dayhist_add(&t->days[sex], ep->exit - ep->entry);
        if (de == FS_ERR_RANGE)
            FS_BUG("time in the programme outside the dates the reader accepts");
        if (de)
            return -1;
    }
    if ((person >= 0 && touch(t, FS_ALL, FS_ALL, sex, person)) || fs_dim_codes(&e->ctx, rd, ep, cl) ||
        (cd && fs_dim_codes(&e->ctx, cd, ep, cl)))
        return -1;
    /* in locals: a count is an unsigned long, as a size_t is, so each count stored would
     * otherwise have the codes loaded again */
    const int *rc = rd->codes, *cc = cd ? cd->codes : NULL;
    const size_t nr = rd->n_codes, nc = cd ? cd->n_codes : 0;
    for (size_t i = 0; i < nr; i++) {
        if (touch(t, rc[i], FS_ALL, sex, person))
            return -1;
        for (size_t j = 0; j < nc; j++)
            if (touch(t, rc[i], cc[j], sex, person))
                return -1;
    }
    for (size_t j = 0; t->spec.col_totals && j < nc; j++)
        if (touch(t, FS_ALL, cc[j], sex, person))
            return -1;
    return 0;
}

/* A cell's persons, once they are counted or no longer needed. */
static void drop_members(cell *c)
{
    if (c->members) {
        fs_personset_free(c->members);
        free(c->members);
        c->members = NULL;
    }
}

/* Whether cell (ia, ib), by index (a + 1, b + 1), is the total of a top-level row. */
static int top_row(const fs_tally *t, size_t ia, size_t ib)
{
    return ia > 0 && ib == 0 && t->row->cats[ia - 1].parent < 0;
}

/* Counting persons: each person of a cell once, under the person's sex; and the persons in
 * two or more top-level rows (seen: a zeroed byte per person, zeroed again on return). */
static void tally_count_persons(fs_tally *t, const fs_persons *p, unsigned char *seen)
{
    for (size_t ia = 0; ia < t->n_a; ia++)
        for (size_t ib = 0; ib < t->n_b; ib++) {
            cell *c = &t->cells[ia * t->n_b + ib];
            if (!c->members) /* as every cell of the rows made room for ahead of categories */
                continue;
            int top = top_row(t, ia, ib);
            for (size_t pos = 0, person; fs_personset_next(c->members, &pos, &person);) {
                c->n[fs_persons_sex(p, person)]++;
                if (top && seen[person] < 2 && ++seen[person] == 2)
                    t->multi++;
            }
        }
    for (size_t ia = 0; ia < t->n_a; ia++)
        for (size_t ib = 0; ib < t->n_b; ib++) {
            cell *c = &t->cells[ia * t->n_b + ib];
            if (c->members && top_row(t, ia, ib))
                for (size_t pos = 0, person; fs_personset_next(c->members, &pos, &person);)
                    seen[person] = 0;
            drop_members(c);
        }
}

static void tally_free(fs_tally *t)
{
    for (size_t i = 0; i < t->n_a * t->n_b; i++)
        drop_members(&t->cells[i]);
    free(t->cells);
    for (int s = 0; s < FS_SEX_N; s++)
        fs_dayhist_free(&t->days[s]);
}

const fs_tally_spec *fs_tally_spec_of(const fs_tally *t)
{
    return &t->spec;
}

const fs_dim *fs_tally_row_dim(const fs_tally *t)
{
    return t->row;
}

const fs_dim *fs_tally_col_dim(const fs_tally *t)
{
    return t->col;
}

void fs_tally_cell(const fs_tally *t, int a, int b, unsigned long out[FS_SEX_N])
{
    if (a == FS_ALL && b == FS_ALL && !t->persons) {
        memcpy(out, t->episodes, sizeof t->episodes);
        return;
    }
    const cell *c = peek_cell(t, a, b);
    for (int s = 0; s < FS_SEX_N; s++)
        out[s] = c ? c->n[s] : 0;
}

int fs_tally_nonzero(const fs_tally *t, int a, int b)
{
    unsigned long n[FS_SEX_N];
    fs_tally_cell(t, a, b, n);
    return n[0] + n[1] + n[2] > 0;
}

void fs_tally_episodes(const fs_tally *t, unsigned long out[FS_SEX_N])
{
    memcpy(out, t->episodes, sizeof t->episodes);
}

unsigned long fs_tally_multi(const fs_tally *t)
{
    return t->multi;
}

const fs_dayhist *fs_tally_days(const fs_tally *t)
{
    return t->days;
}

/* ---- the engine ---- */

static int dim_index(fs_engine *e, const fs_dim_spec *s, fs_msg *err)
{
    for (size_t i = 0; i < e->n_dims; i++)
        if (fs_dim_same(&e->dims[i]->spec, s))
            return (int)i;
    fs_dim **d = realloc(e->dims, (e->n_dims + 1) * sizeof *d);
    if (!d) {
        fs_msg_set(err, "out of memory");
        return -1;
    }
    e->dims = d;
    if (!(e->dims[e->n_dims] = fs_dim_new(&e->ctx, s, err)))
        return -1;
    return (int)e->n_dims++;
}

fs_engine *fs_engine_new(const fs_engine_options *o, fs_msg *err)
{
    fs_engine *e = calloc(1, sizeof *e);
    if (!e)
        goto oom;
    e->o = *o;
    e->ctx.o = &e->o;
    if (!e->o.lang)
        e->o.lang = "sv";
    e->period = o->period;
    if (!o->has_period) {
        e->period.from = -100000000L;
        e->period.to = 100000000L;
    }
    if (o->n_insats) {
        if (!(e->insats_filter = fs_bykey_new(0)))
            goto oom;
        for (size_t i = 0; i < o->n_insats; i++)
            if (!fs_bykey_get(e->insats_filter, o->insats[i]))
                goto oom;
    }
    if (o->by_insats && !(e->per = fs_bykey_new(sizeof(slice))))
        goto oom;
    if (o->unit == FS_UNIT_PERSONS) {
        if (!(e->persons = fs_persons_new()))
            goto oom;
        if (fs_person_secret_init(&e->secret)) {
            fs_msg_set(err, "cannot initialise the random source for the person hash");
            fs_engine_free(e);
            return NULL;
        }
    }
    return e;
oom:
    fs_msg_set(err, "out of memory");
    fs_engine_free(e);
    return NULL;
}

int fs_engine_tally(fs_engine *e, const fs_tally_spec *s, fs_msg *err)
{
    if (e->started)
        FS_BUG("fs_engine_tally after the first episode");
    for (size_t i = 0; i < e->n_specs; i++) {
        const fs_tally_spec *x = &e->specs[i].spec;
        if (x->pop == s->pop && x->days == s->days && x->col_totals == s->col_totals &&
            fs_dim_same(&x->row, &s->row) &&
            x->col.kind == s->col.kind && (s->col.kind == FS_DIM_NONE || fs_dim_same(&x->col, &s->col)))
            return (int)i;
    }
    spec_entry *n = realloc(e->specs, (e->n_specs + 1) * sizeof *n);
    if (!n) {
        fs_msg_set(err, "out of memory");
        return -1;
    }
    e->specs = n;
    spec_entry *se = &e->specs[e->n_specs];
    se->spec = *s;
    se->row = dim_index(e, &s->row, err);
    se->col = s->col.kind == FS_DIM_NONE ? -1 : dim_index(e, &s->col, err);
    if (se->row < 0 || (s->col.kind != FS_DIM_NONE && se->col < 0))
        return -1;
    return (int)e->n_specs++;
}

void fs_engine_export_options(fs_engine *e, fs_export_options *eo)
{
    static const struct {
        fs_dim_kind kind;
        fs_field field;
    } reads[] = {
        {FS_DIM_REFERRER, FS_FIELD_REFERRER},         {FS_DIM_INCOME_START, FS_FIELD_INCOME_START},
        {FS_DIM_INCOME_END, FS_FIELD_INCOME_END},     {FS_DIM_TARGET_GROUP, FS_FIELD_TARGET_GROUP},
        {FS_DIM_MUNICIPALITY, FS_FIELD_MUNICIPALITY}, {FS_DIM_INSATS, FS_FIELD_INSATS},
    };
    for (size_t i = 0; i < e->n_dims; i++)
        for (size_t k = 0; k < sizeof reads / sizeof reads[0]; k++)
            if (e->dims[i]->spec.kind == reads[k].kind) {
                eo->wanted |= FS_FIELD_BIT(reads[k].field);
                eo->numbered |= FS_FIELD_BIT(reads[k].field); /* the dimension's memo */
            }
    if (e->o.by_insats || e->o.n_insats)
        eo->wanted |= FS_FIELD_BIT(FS_FIELD_INSATS);
    if (e->o.by_insats)
        eo->numbered |= FS_FIELD_BIT(FS_FIELD_INSATS); /* the insats's slice */
    /* several engines may fill one eo (a report reads once for all its periods): only
     * one may name columns, and any one's person hash serves all */
    if (e->ctx.n_extra) {
        if (eo->n_extra)
            FS_BUG("two engines of one reading name columns");
        eo->extra = e->ctx.extra;
        eo->n_extra = e->ctx.n_extra;
    }
    if (e->persons && !eo->persons)
        eo->persons = &e->secret;
}

static int slice_init(fs_engine *e, slice *s)
{
    if (s->tallies)
        return 0;
    if (!(s->tallies = calloc(e->n_specs ? e->n_specs : 1, sizeof *s->tallies)))
        return -1;
    for (size_t i = 0; i < e->n_specs; i++) {
        s->tallies[i].spec = e->specs[i].spec;
        s->tallies[i].row = e->dims[e->specs[i].row];
        s->tallies[i].col = e->specs[i].col >= 0 ? e->dims[e->specs[i].col] : NULL;
        s->tallies[i].persons = e->persons != NULL;
    }
    return 0;
}

static int slice_add(fs_engine *e, slice *s, const fs_episode *ep, int cl, long person)
{
    if (ep->reason_group == FS_EXIT_EXCLUDED) {
        for (int r = 0; r < FS_FLOW_N; r++)
            if (cl & FS_FLOW_BIT(r))
                s->felreg[r]++;
        return 0;
    }
    if (e->persons && !ep->person)
        s->unidentified++;
    for (size_t i = 0; i < e->n_specs; i++)
        if ((cl & FS_FLOW_BIT(s->tallies[i].spec.pop)) &&
            tally_add(e, &s->tallies[i], ep, cl, person))
            return -1;
    return 0;
}

/* The slice of ep's insats (its entry's payload, which stays put), by the reader's number
 * of the name when it has one; NULL on memory failure. */
static slice *insats_slice(fs_engine *e, const fs_episode *ep)
{
    uint32_t no = fs_episode_no(ep, FS_FIELD_INSATS);
    slice **kept = NULL;
    if (no != FS_VALNUM_NONE && (e->per_no || (e->per_no = calloc(FS_VALNUM_MAX, sizeof *e->per_no)))) {
        if (fs_valnum_reader_changed(&e->numbering, ep->numbering))
            memset(e->per_no, 0, FS_VALNUM_MAX * sizeof *e->per_no);
        kept = &e->per_no[no];
        if (*kept)
            return *kept;
    }
    fs_bykey_entry *be = fs_bykey_get(e->per, *ep->insats ? ep->insats : "(ingen insats)");
    slice *sl = be ? be->data : NULL;
    if (kept)
        *kept = sl;
    return sl;
}

int fs_engine_add(const fs_episode *ep, void *engine)
{
    fs_engine *e = engine;
    e->started = 1;
    e->ctx.serial++;
    int cl = fs_flow_classify(ep->entry, ep->has_exit, ep->exit, &e->period);
    if (cl == FS_FLOW_INVALID)
        FS_BUG("the export reader passed an episode with exit before entry");
    if (cl == 0)
        return 0;
    if (e->insats_filter && !fs_bykey_find(e->insats_filter, ep->insats))
        return 0;
    long person = -1;
    if (e->persons && ep->reason_group != FS_EXIT_EXCLUDED) {
        person = ep->person ? fs_persons_add(e->persons, ep->person, ep->sex)
                            : fs_persons_add_anonymous(e->persons, ep->sex);
        if (person < 0)
            goto oom;
    }
    if (slice_init(e, &e->whole) || slice_add(e, &e->whole, ep, cl, person))
        goto oom;
    if (e->per) {
        slice *is = insats_slice(e, ep);
        if (!is || slice_init(e, is) || slice_add(e, is, ep, cl, person))
            goto oom;
    }
    return 0;
oom:
    e->failed = 1;
    return 1;
}

static fs_error slice_finish(fs_engine *e, slice *s, unsigned char *seen)
{
    if (slice_init(e, s))
        return FS_ERR_MEMORY;
    for (size_t i = 0; e->persons && i < e->n_specs; i++)
        tally_count_persons(&s->tallies[i], e->persons, seen);
    return FS_OK;
}

fs_error fs_engine_finish(fs_engine *e)
{
    if (e->failed)
        return FS_ERR_MEMORY;
    size_t n = e->per ? fs_bykey_count(e->per) : 0;
    unsigned char *seen = NULL;
    if (e->persons && !(seen = calloc(fs_persons_count(e->persons) + 1, 1)))
        return FS_ERR_MEMORY;
    fs_error err = slice_finish(e, &e->whole, seen);
    if (e->per)
        fs_bykey_sort(e->per);
    for (size_t i = 0; !err && i < n; i++)
        err = slice_finish(e, fs_bykey_at(e->per, i)->data, seen);
    free(seen);
    return err;
}

void fs_engine_free(fs_engine *e)
{
    if (!e)
        return;
    size_t n = e->per ? fs_bykey_count(e->per) : 0;
    for (size_t i = 0; i <= n; i++) {
        slice *s = i < n ? fs_bykey_at(e->per, i)->data : &e->whole;
        for (size_t k = 0; s->tallies && k < e->n_specs; k++)
            tally_free(&s->tallies[k]);
        free(s->tallies);
    }
    fs_bykey_free(e->per);
    free(e->per_no);
    fs_bykey_free(e->insats_filter);
    for (size_t i = 0; i < e->n_dims; i++)
        fs_dim_free(e->dims[i]);
    free(e->dims);
    free(e->specs);
    fs_dims_free(&e->ctx);
    fs_persons_free(e->persons);
    free(e);
}

const fs_engine_options *fs_engine_opts(const fs_engine *e)
{
    return &e->o;
}

size_t fs_engine_slices(const fs_engine *e)
{
    return 1 + (e->per ? fs_bykey_count(e->per) : 0);
}

static const slice *slice_at(const fs_engine *e, size_t i)
{
    size_t n = e->per ? fs_bykey_count(e->per) : 0;
    return i < n ? fs_bykey_at(e->per, i)->data : &e->whole;
}

const char *fs_engine_slice_name(const fs_engine *e, size_t i)
{
    size_t n = e->per ? fs_bykey_count(e->per) : 0;
    return i < n ? fs_bykey_at(e->per, i)->label : NULL;
}

const fs_tally *fs_engine_get(const fs_engine *e, size_t i, int tally)
{
    return &slice_at(e, i)->tallies[tally];
}

unsigned long fs_engine_felreg(const fs_engine *e, size_t i, fs_flow_row pop)
{
    return slice_at(e, i)->felreg[pop];
}

unsigned long fs_engine_unidentified(const fs_engine *e, size_t i)
{
    return slice_at(e, i)->unidentified;
}

size_t fs_engine_sex_conflicts(const fs_engine *e)
{
    return e->persons ? fs_persons_conflicts(e->persons) : 0;
}

size_t fs_engine_persons(const fs_engine *e)
{
    return e->persons ? fs_persons_count(e->persons) : 0;
}

void fs_engine_each_warning(const fs_engine *e, void (*emit)(const char *line, void *user),
                            void *user)
{
    fs_dims_each_warning(&e->ctx, emit, user);
}
