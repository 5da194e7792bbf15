/* attache-ner-score.h: precision, recall and F1 of named entities, as conlleval counts them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "attache-tagger.h"
#include "attache-tokenizer.h"

G_BEGIN_DECLS

/* Counts of whole names (exact span and type), by type. Zero it to start. */
typedef struct
{
  guint gold[ATTACHE_NER_N_TYPES];
  guint predicted[ATTACHE_NER_N_TYPES];
  guint correct[ATTACHE_NER_N_TYPES];
  guint tokens;
  guint tokens_correct;
} AttacheNerScore;

#define ATTACHE_NER_TYPES_PER_ORG_LOC ((1u << ATTACHE_NER_TYPE_PER) | (1u << ATTACHE_NER_TYPE_ORG) | \
                                       (1u << ATTACHE_NER_TYPE_LOC))
#define ATTACHE_NER_TYPES_ALL (ATTACHE_NER_TYPES_PER_ORG_LOC | (1u << ATTACHE_NER_TYPE_MISC))

void attache_ner_score_add (AttacheNerScore       *score,
                            const AttacheToken    *tokens,
                            const AttacheNerLabel *gold,
                            const AttacheNerLabel *predicted,
                            guint                  n_tokens);
void attache_ner_score_get (const AttacheNerScore *score,
                            guint                  types,
                            double                *precision,
                            double                *recall,
                            double                *f1);

G_END_DECLS
