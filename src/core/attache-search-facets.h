/* attache-search-facets.h: what a search can be narrowed to: the library's sources and topics
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "attache-library.h"

G_BEGIN_DECLS

/* A source or a topic, and how many articles have it. */
typedef struct
{
  char  *label;
  guint  articles;
} AttacheFacet;

typedef struct
{
  GPtrArray *sources;   /* AttacheFacet, most articles first, then by name */
  GPtrArray *topics;    /* AttacheFacet, most articles first (a label's case aside) */
} AttacheSearchFacets;

#define ATTACHE_TYPE_SEARCH_FACETS (attache_search_facets_get_type ())

GType                attache_search_facets_get_type (void) G_GNUC_CONST;
AttacheSearchFacets *attache_search_facets_copy     (const AttacheSearchFacets *facets);
void                 attache_search_facets_free     (AttacheSearchFacets       *facets);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AttacheSearchFacets, attache_search_facets_free)

/* The library's sources and its topics, at most @limit of each (0: all), the
 * ones with most articles first: what the search filters offer. Thread-safe;
 * the window calls the asynchronous variant. */
AttacheSearchFacets *attache_library_list_search_facets        (AttacheLibrary      *self,
                                                                guint                limit,
                                                                GError             **error);
void                 attache_library_list_search_facets_async  (AttacheLibrary      *self,
                                                                guint                limit,
                                                                GCancellable        *cancellable,
                                                                GAsyncReadyCallback  callback,
                                                                gpointer             user_data);
AttacheSearchFacets *attache_library_list_search_facets_finish (AttacheLibrary      *self,
                                                                GAsyncResult        *result,
                                                                GError             **error);

G_END_DECLS
