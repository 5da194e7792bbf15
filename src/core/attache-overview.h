/* attache-overview.h: who and what a set of articles is about, at a glance
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "attache-analysis.h"
#include "attache-library.h"
#include "attache-search.h"

G_BEGIN_DECLS

/* An actor across the articles. */
typedef struct
{
  gint64            id;
  char             *name;
  AttacheActorType  type;
  guint             articles;   /* articles that name it */
  guint             mentions;   /* mentions in all of them */
  double            salience;   /* the sum of its salience (0–1) in each: the ranking */
} AttacheOverviewActor;

/* A topic, a subject (IPTC code) or a source, and how many articles have it. */
typedef struct
{
  char  *label;
  guint  articles;
} AttacheOverviewCount;

typedef struct
{
  guint      n_articles;   /* of those asked for, the ones that exist */
  guint      n_analysed;   /* of those, the ones analysed */
  GPtrArray *actors;       /* AttacheOverviewActor, hidden ones left out; by salience, then articles */
  GPtrArray *topics;       /* AttacheOverviewCount, most articles first */
  GPtrArray *subjects;     /* AttacheOverviewCount (label: the IPTC code), most articles first */
  GPtrArray *sources;      /* AttacheOverviewCount, most articles first */
  char      *from;         /* the earliest article's day, YYYY-MM-DD (published, else imported), or NULL */
  char      *to;           /* the latest's */
} AttacheOverview;

#define ATTACHE_TYPE_OVERVIEW (attache_overview_get_type ())

GType            attache_overview_get_type (void) G_GNUC_CONST;
AttacheOverview *attache_overview_copy     (const AttacheOverview *overview);
void             attache_overview_free     (AttacheOverview       *overview);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AttacheOverview, attache_overview_free)

/* The actors, topics, subjects, sources and dates of the articles whose ids
 * (gint64) are in @ids; ids of articles that do not exist are left out.
 * Thread-safe; the window calls the asynchronous variant. */
AttacheOverview *attache_library_summarize        (AttacheLibrary      *self,
                                                   GArray              *ids,
                                                   GError             **error);
void             attache_library_summarize_async  (AttacheLibrary      *self,
                                                   GArray              *ids,
                                                   GCancellable        *cancellable,
                                                   GAsyncReadyCallback  callback,
                                                   gpointer             user_data);
AttacheOverview *attache_library_summarize_finish (AttacheLibrary      *self,
                                                   GAsyncResult        *result,
                                                   GError             **error);
/* The overview of what @query finds: its first @limit results, as
 * attache_library_find () ranks them (0: every result). */
AttacheOverview *attache_library_summarize_search (AttacheLibrary            *self,
                                                   const AttacheSearchQuery  *query,
                                                   guint                      limit,
                                                   GError                   **error);

G_END_DECLS
