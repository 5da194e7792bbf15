/* attache-tagger-private.h: what the training tool shares with the tagger
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "attache-gazetteer-private.h"
#include "attache-tagger.h"

G_BEGIN_DECLS

/* Every token gets exactly this many feature ids (hashes), so a document's
 * features are one array of n_tokens × _ATTACHE_TAGGER_N_FEATURES. */
#define _ATTACHE_TAGGER_N_FEATURES 40

/* Transition weights: [previous][label], the row ATTACHE_NER_N_LABELS being
 * the start of a sentence. */
#define _ATTACHE_TAGGER_N_TRANSITIONS ((ATTACHE_NER_N_LABELS + 1) * ATTACHE_NER_N_LABELS)

void    _attache_tagger_extract_features (const AttacheGazetteer *gazetteer,
                                          const char             *text,
                                          const AttacheToken     *tokens,
                                          guint                   n_tokens,
                                          guint32                *features);
gboolean _attache_ner_transition_allowed (guint                   previous,
                                          guint                   label);
void    _attache_tagger_viterbi          (const float            *emissions,
                                          const float            *transitions,
                                          guint                   n_tokens,
                                          guint8                 *backpointers,
                                          AttacheNerLabel        *labels);
GBytes *_attache_tagger_write_model      (const float            *weights,
                                          guint                   n_bits,
                                          const float            *transitions,
                                          guint32                 gazetteer_checksum,
                                          guint                  *n_rows);

G_END_DECLS
