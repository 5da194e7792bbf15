/* attache-analysis.h: who an article is about, and what
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "attache-subject.h"
#include "attache-summary.h"

G_BEGIN_DECLS

/* Bumped whenever the analysis gives other results for the same text, so that
 * stored analyses can be redone. */
#define ATTACHE_ANALYZER_VERSION 3   /* 3: the model trained on the project's corpus of 910 articles */

typedef enum
{
  ATTACHE_ACTOR_PERSON,
  ATTACHE_ACTOR_ORGANIZATION,
  ATTACHE_ACTOR_COUNTRY,
  ATTACHE_ACTOR_LOCATION,
} AttacheActorType;

/* "person", "organization", "country", "location" (not translated: a format). */
const char *attache_actor_type_to_string (AttacheActorType type);

/* One real-world entity the article names. */
typedef struct
{
  gint64            id;         /* the library's actor, once stored; 0 before */
  char             *name;       /* canonical: "Antony Blinken", "United States" */
  AttacheActorType  type;
  guint             mentions;
  double            salience;   /* 0–1, the most salient actor of the article is 1 */
  GPtrArray        *aliases;    /* other forms seen: "Blinken", "US", "American" */
  GPtrArray        *roles;      /* titles seen before the name: "US Secretary of State" */
  GArray           *spans;      /* AttacheSpan of every mention in the text, in bytes */
} AttacheFoundActor;

typedef struct
{
  char   *label;                /* "NATO summit", "war in Ukraine" */
  double  score;                /* 0–1 */
} AttacheFoundTopic;

typedef struct
{
  guint                 version;       /* the ATTACHE_ANALYZER_VERSION that made it */
  char                 *language;      /* ISO 639-1, or NULL when undecided */
  gboolean              analysed;      /* FALSE for a language the models do not cover */
  GPtrArray            *actors;        /* AttacheFoundActor, most salient first */
  GPtrArray            *topics;        /* AttacheFoundTopic, best first */
  const AttacheSubject *subject;       /* NULL when the text says too little */
  GArray               *summary;       /* AttacheSpan of the summary's sentences, in order */
} AttacheAnalysis;

/* How common words are across the library, so that common words sink in the
 * topics. NULL when analysing without a library. */
typedef struct
{
  guint       n_documents;
  /* word (lowercase) → number of documents that contain it; NULL entries count 0 */
  GHashTable *document_frequency;
} AttacheTopicStats;

/* Analyses @text (and @title, which may be NULL). Deterministic, offline and
 * thread-safe. Fails only when the named-entity model cannot be loaded.
 * Spans are byte offsets in @text; text that is not valid UTF-8 is first
 * repaired (g_utf8_make_valid) and the spans then refer to the repaired text. */
AttacheAnalysis *attache_analyze        (const char               *title,
                                         const char               *text,
                                         guint                     n_sentences,
                                         const AttacheTopicStats  *stats,
                                         GError                  **error);
void             attache_analysis_free  (AttacheAnalysis          *analysis);

/* For the library, which builds analyses from what it stored. */
AttacheAnalysis   *attache_analysis_new    (void);
AttacheFoundActor *attache_found_actor_new (const char       *name,
                                            AttacheActorType  type);
AttacheFoundTopic *attache_found_topic_new (const char       *label,
                                            double            score);
gboolean           attache_actor_type_from_string (const char       *text,
                                                   AttacheActorType *type);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AttacheAnalysis, attache_analysis_free)

G_END_DECLS
