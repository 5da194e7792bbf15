/* attache-conll.h: CoNLL named-entity files (token<TAB>tag), for the CLI, training and evaluation
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "attache-tagger.h"
#include "attache-tokenizer.h"

G_BEGIN_DECLS

/* One document of a CoNLL file: its tokens joined into one text (a space
 * between tokens, a line break between sentences), the tokens (with their
 * sentence starts) and the labels the file gives them. */
typedef struct
{
  char     *text;
  GArray   *tokens;      /* AttacheToken */
  GArray   *labels;      /* AttacheNerLabel; O where the file has none */
  gboolean  docstart;    /* the file started it with a -DOCSTART- line */
} AttacheConllDocument;

void       attache_conll_document_free (AttacheConllDocument *document);
guint      attache_conll_document_count_sentences (const AttacheConllDocument *document);

GPtrArray *attache_conll_parse         (const char           *data,
                                        gsize                 length,
                                        guint                 sentences_per_document);

AttacheConllDocument *attache_conll_document_new_from_annotated (const char  *data,
                                                                 gsize        length,
                                                                 GError     **error);

/* Conventions to bring a corpus's tags to the tagger's. */
typedef enum
{
  ATTACHE_CONLL_COUNTRIES_AS_LOC   = 1 << 0,  /* "U.S." tagged ORG → LOC */
  ATTACHE_CONLL_TITLES_OUTSIDE_PER = 1 << 1,  /* "President Emmanuel Macron" → "Emmanuel Macron" */
} AttacheConllNormalise;

guint      attache_conll_document_normalise (AttacheConllDocument *document,
                                             AttacheConllNormalise what);

guint      attache_conll_heldout_start (GPtrArray            *documents,
                                        guint                 percent);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AttacheConllDocument, attache_conll_document_free)

G_END_DECLS
