/* quest_join.h: the sex of questionnaire participants from a participants export, joined on
 * the participant id (quest_join.c). */
#ifndef FINSAM_QUEST_JOIN_H
#define FINSAM_QUEST_JOIN_H

#include "finsam/quest.h"

/* Reads the exports paths[0..n_paths) in turn (csv, config, as_of as for the export reader)
 * and gives every participant of q whose sex is unknown the sex of the first episode with
 * its id that has one. Works for paired files and for single-occasion files, where an id
 * may answer several times. An export without an id column (Deltagar-ID or another of its
 * names) is skipped, no_id[i] = 1 (no_id: n_paths bytes), unless none of them has one: then
 * the reader's error for the first. *not_found gets the number of questionnaire responses
 * (participants, or rows of a single-occasion file) whose id is in no episode of the
 * exports. A questionnaire keyed by personnummer, or without an id column, is FS_ERR_USAGE
 * (nothing to join on). Other errors of the export reader as fs_export_reader_read. */
fs_error fs_quest_join_export(fs_quest *q, const char *const *paths, size_t n_paths,
                              const fs_csv_options *csv, const fs_config *config, fs_date as_of,
                              unsigned char *no_id, unsigned long *not_found, fs_msg *err);

#endif
