/* attache-search.h: searching the library with filters, and saved searches
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "attache-library.h"

G_BEGIN_DECLS

/* What to look for. Every field is optional; those set must all hold. */
typedef struct
{
  char   *text;       /* words, "phrases", prefix*, AND, OR, NOT, parentheses */
  char   *from;       /* the first day, inclusive: YYYY-MM-DD, YYYY-MM or YYYY */
  char   *to;         /* the last day, inclusive, in the same forms */
  char   *source;     /* the site or publisher, as stored (case does not matter) */
  gint64  actor_id;   /* articles naming this actor; 0 for any */
  char   *subject;    /* the IPTC subject code, as in AttacheSubject ("medtop:11000000") */
  char   *topic;      /* a topic label (case does not matter) */
} AttacheSearchQuery;

#define ATTACHE_TYPE_SEARCH_QUERY (attache_search_query_get_type ())

GType               attache_search_query_get_type  (void) G_GNUC_CONST;
/* A query for @text (which may be NULL), without filters. */
AttacheSearchQuery *attache_search_query_new       (const char               *text);
AttacheSearchQuery *attache_search_query_copy      (const AttacheSearchQuery *query);
void                attache_search_query_free      (AttacheSearchQuery       *query);
gboolean            attache_search_query_equal     (const AttacheSearchQuery *a,
                                                    const AttacheSearchQuery *b);
/* TRUE when neither words nor a filter are set: it would list everything. */
gboolean            attache_search_query_is_empty  (const AttacheSearchQuery *query);
/* TRUE when some filter is set (whatever the words). */
gboolean            attache_search_query_has_filters (const AttacheSearchQuery *query);
/* Checks the dates: ATTACHE_DATABASE_ERROR_INVALID_QUERY with a message for
 * people when one is not a date, or when @from comes after @to. */
gboolean            attache_search_query_validate  (const AttacheSearchQuery *query,
                                                    GError                  **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AttacheSearchQuery, attache_search_query_free)

/* One page of results. */
typedef struct
{
  GPtrArray *hits;     /* AttacheSearchHit, best first (newest first without words) */
  gint64     total;    /* how many articles match: exact, whatever the page */
  gint64     ranked;   /* how many of them were ranked to choose the page: total,
                        * or ATTACHE_SEARCH_RANK_CAP for a very common query */
} AttacheSearchResults;

#define ATTACHE_TYPE_SEARCH_RESULTS (attache_search_results_get_type ())

GType                 attache_search_results_get_type (void) G_GNUC_CONST;
AttacheSearchResults *attache_search_results_copy     (const AttacheSearchResults *results);
void                  attache_search_results_free     (AttacheSearchResults       *results);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AttacheSearchResults, attache_search_results_free)

/* The page size the window and attache-cli use. */
#define ATTACHE_SEARCH_PAGE 200

/* A query matched by more articles than this ranks (bm25) the newest this
 * many of them, not all: see attache-search.c for why and what it costs. */
#define ATTACHE_SEARCH_RANK_CAP 4000

/* Runs @query: with words, the best @limit matches by bm25 (title weighing four
 * times the text), each with a snippet around the matches; without words, the
 * @limit newest articles that pass the filters, each with its opening as the
 * snippet. @limit 0 returns and ranks every match (no cap). A query that
 * cannot be understood is searched as plain words; one with nothing to look
 * for is ATTACHE_DATABASE_ERROR_INVALID_QUERY, as are wrong dates.
 * Thread-safe. */
AttacheSearchResults *attache_library_find        (AttacheLibrary            *self,
                                                   const AttacheSearchQuery  *query,
                                                   guint                      limit,
                                                   GError                   **error);
void                  attache_library_find_async  (AttacheLibrary            *self,
                                                   const AttacheSearchQuery  *query,
                                                   guint                      limit,
                                                   GCancellable              *cancellable,
                                                   GAsyncReadyCallback        callback,
                                                   gpointer                   user_data);
AttacheSearchResults *attache_library_find_finish (AttacheLibrary            *self,
                                                   GAsyncResult              *result,
                                                   GError                   **error);

/* The hit's snippet with each match between @open and @close ("[", "]"; or
 * "\033[1m", "\033[0m"), paragraph breaks as spaces. Nothing is escaped. */
char *attache_search_hit_dup_snippet_marked (AttacheSearchHit *hit,
                                             const char       *open,
                                             const char       *close);

/* Saved searches ("smart folders"), kept in the library. Every change is one
 * transaction and emits AttacheLibrary::saved-searches-changed. */
typedef struct
{
  gint64              id;
  char               *name;
  AttacheSearchQuery *query;
  char               *created;   /* ISO 8601 UTC */
} AttacheSavedSearch;

#define ATTACHE_TYPE_SAVED_SEARCH (attache_saved_search_get_type ())

GType               attache_saved_search_get_type (void) G_GNUC_CONST;
AttacheSavedSearch *attache_saved_search_copy     (const AttacheSavedSearch *saved);
void                attache_saved_search_free     (AttacheSavedSearch       *saved);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AttacheSavedSearch, attache_saved_search_free)

/* Saves @query under @name (trimmed, not empty). ATTACHE_DATABASE_ERROR_EXISTS
 * when a saved search already has that name (case does not matter). Returns the
 * new id, 0 on error. */
gint64              attache_library_add_saved_search     (AttacheLibrary            *self,
                                                          const char                *name,
                                                          const AttacheSearchQuery  *query,
                                                          GError                   **error);
/* ATTACHE_DATABASE_ERROR_NOT_FOUND when there is no such saved search. */
gboolean            attache_library_rename_saved_search  (AttacheLibrary            *self,
                                                          gint64                     id,
                                                          const char                *name,
                                                          GError                   **error);
gboolean            attache_library_update_saved_search  (AttacheLibrary            *self,
                                                          gint64                     id,
                                                          const AttacheSearchQuery  *query,
                                                          GError                   **error);
gboolean            attache_library_delete_saved_search  (AttacheLibrary            *self,
                                                          gint64                     id,
                                                          GError                   **error);
/* Puts back a deleted saved search with its id (Undo). */
gboolean            attache_library_restore_saved_search (AttacheLibrary            *self,
                                                          const AttacheSavedSearch  *saved,
                                                          GError                   **error);
AttacheSavedSearch *attache_library_get_saved_search     (AttacheLibrary            *self,
                                                          gint64                     id,
                                                          GError                   **error);
/* Every saved search (AttacheSavedSearch), by name. */
GPtrArray          *attache_library_list_saved_searches  (AttacheLibrary            *self,
                                                          GError                   **error);
void                attache_library_list_saved_searches_async  (AttacheLibrary      *self,
                                                                GCancellable        *cancellable,
                                                                GAsyncReadyCallback  callback,
                                                                gpointer             user_data);
GPtrArray          *attache_library_list_saved_searches_finish (AttacheLibrary      *self,
                                                                GAsyncResult        *result,
                                                                GError             **error);

/* The same changes off the calling thread. add's finish gives the new id (0
 * on error); the others end with attache_library_change_saved_search_finish (),
 * which for a delete hands back the saved search as it was, for Undo
 * (restore). */
void                attache_library_add_saved_search_async      (AttacheLibrary            *self,
                                                                 const char                *name,
                                                                 const AttacheSearchQuery  *query,
                                                                 GCancellable              *cancellable,
                                                                 GAsyncReadyCallback        callback,
                                                                 gpointer                   user_data);
gint64              attache_library_add_saved_search_finish     (AttacheLibrary            *self,
                                                                 GAsyncResult              *result,
                                                                 GError                   **error);
void                attache_library_rename_saved_search_async   (AttacheLibrary            *self,
                                                                 gint64                     id,
                                                                 const char                *name,
                                                                 GCancellable              *cancellable,
                                                                 GAsyncReadyCallback        callback,
                                                                 gpointer                   user_data);
void                attache_library_update_saved_search_async   (AttacheLibrary            *self,
                                                                 gint64                     id,
                                                                 const AttacheSearchQuery  *query,
                                                                 GCancellable              *cancellable,
                                                                 GAsyncReadyCallback        callback,
                                                                 gpointer                   user_data);
void                attache_library_delete_saved_search_async   (AttacheLibrary            *self,
                                                                 gint64                     id,
                                                                 GCancellable              *cancellable,
                                                                 GAsyncReadyCallback        callback,
                                                                 gpointer                   user_data);
void                attache_library_restore_saved_search_async  (AttacheLibrary            *self,
                                                                 const AttacheSavedSearch  *saved,
                                                                 GCancellable              *cancellable,
                                                                 GAsyncReadyCallback        callback,
                                                                 gpointer                   user_data);
gboolean            attache_library_change_saved_search_finish  (AttacheLibrary            *self,
                                                                 GAsyncResult              *result,
                                                                 AttacheSavedSearch       **out_deleted,
                                                                 GError                   **error);

G_END_DECLS
