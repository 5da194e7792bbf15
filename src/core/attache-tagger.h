/* attache-tagger.h: people, organisations, places and other names in text
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "attache-tokenizer.h"

G_BEGIN_DECLS

/* BIO labels: B- begins a name, I- continues it. */
typedef enum
{
  ATTACHE_NER_O,
  ATTACHE_NER_B_PER,
  ATTACHE_NER_I_PER,
  ATTACHE_NER_B_ORG,
  ATTACHE_NER_I_ORG,
  ATTACHE_NER_B_LOC,
  ATTACHE_NER_I_LOC,
  ATTACHE_NER_B_MISC,
  ATTACHE_NER_I_MISC,
  ATTACHE_NER_N_LABELS
} AttacheNerLabel;

/* The type of a name, without its position. */
typedef enum
{
  ATTACHE_NER_TYPE_NONE,
  ATTACHE_NER_TYPE_PER,    /* people */
  ATTACHE_NER_TYPE_ORG,    /* organisations */
  ATTACHE_NER_TYPE_LOC,    /* countries, cities, regions */
  ATTACHE_NER_TYPE_MISC,   /* nationalities, events, other names */
  ATTACHE_NER_N_TYPES
} AttacheNerType;

#define ATTACHE_NER_LABEL_TYPE(label) ((AttacheNerType) (((label) + 1) / 2))
#define ATTACHE_NER_LABEL_IS_INSIDE(label) ((label) != ATTACHE_NER_O && ((label) % 2) == 0)

const char *attache_ner_label_to_string   (AttacheNerLabel  label);
gboolean    attache_ner_label_from_string (const char      *text,
                                           AttacheNerLabel *label);
const char *attache_ner_type_to_string    (AttacheNerType   type);

#define ATTACHE_TAGGER_ERROR (attache_tagger_error_quark ())

typedef enum
{
  ATTACHE_TAGGER_ERROR_INVALID_MODEL,
  ATTACHE_TAGGER_ERROR_NO_MODEL,
} AttacheTaggerError;

GQuark attache_tagger_error_quark (void);

#define ATTACHE_TYPE_TAGGER (attache_tagger_get_type ())
G_DECLARE_FINAL_TYPE (AttacheTagger, attache_tagger, ATTACHE, TAGGER, GObject)

AttacheTagger *attache_tagger_new_from_bytes (GBytes              *model,
                                              GError             **error);
AttacheTagger *attache_tagger_new_default    (GError             **error);
void           attache_tagger_tag            (AttacheTagger       *self,
                                              const char          *text,
                                              const AttacheToken  *tokens,
                                              guint                n_tokens,
                                              AttacheNerLabel     *labels);
gsize          attache_tagger_get_model_size (AttacheTagger       *self);

G_END_DECLS
