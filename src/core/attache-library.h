/* attache-library.h: the analyst's library of articles, kept in one sqlite file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "attache-analysis.h"
#include "attache-article.h"
#include "attache-database.h"

G_BEGIN_DECLS

#define ATTACHE_TYPE_LIBRARY (attache_library_get_type ())

G_DECLARE_FINAL_TYPE (AttacheLibrary, attache_library, ATTACHE, LIBRARY, GObject)

typedef enum
{
  ATTACHE_ADD_FAILED,
  ATTACHE_ADD_ADDED,
  ATTACHE_ADD_DUPLICATE,
} AttacheAddStatus;

/* One full-text search result. */
typedef struct _AttacheSearchHit AttacheSearchHit;

#define ATTACHE_TYPE_SEARCH_HIT (attache_search_hit_get_type ())

GType             attache_search_hit_get_type           (void) G_GNUC_CONST;
AttacheSearchHit *attache_search_hit_ref                (AttacheSearchHit *hit);
void              attache_search_hit_unref              (AttacheSearchHit *hit);
/* The article, without its text. */
AttacheArticle   *attache_search_hit_get_article        (AttacheSearchHit *hit);
/* A short passage around the matches, as plain text. */
char             *attache_search_hit_dup_snippet        (AttacheSearchHit *hit);
/* The same passage as Pango markup, the matched words in <b>. */
char             *attache_search_hit_dup_snippet_markup (AttacheSearchHit *hit);
/* bm25 rank: smaller is better. */
double            attache_search_hit_get_rank           (AttacheSearchHit *hit);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AttacheSearchHit, attache_search_hit_unref)

/* $ATTACHE_LIBRARY when set, else $XDG_DATA_HOME/attache/library.db. */
char             *attache_library_dup_default_path      (void);

/* Opens (creating the file and its folder if needed) and migrates the library.
 * Signals are emitted on the thread-default main context of the caller. */
AttacheLibrary   *attache_library_open                  (const char       *path,
                                                         GError          **error);
const char       *attache_library_get_path              (AttacheLibrary   *self);
AttacheDatabase  *attache_library_get_database          (AttacheLibrary   *self);

/* Stores @article in one transaction. On ATTACHE_ADD_ADDED the article's id is set
 * and *@out_id is the new id; on ATTACHE_ADD_DUPLICATE nothing is stored and *@out_id
 * is the id of the article with the same content (same original bytes or same text).
 * Thread-safe, as are all calls below. */
AttacheAddStatus  attache_library_add_article           (AttacheLibrary   *self,
                                                         AttacheArticle   *article,
                                                         gint64           *out_id,
                                                         GError          **error);
/* Puts back an article that was deleted, with its old id (Undo). */
gboolean          attache_library_restore_article       (AttacheLibrary   *self,
                                                         AttacheArticle   *article,
                                                         GError          **error);
/* The whole article including its text. ATTACHE_DATABASE_ERROR_NOT_FOUND if absent. */
AttacheArticle   *attache_library_get_article           (AttacheLibrary   *self,
                                                         gint64            id,
                                                         GError          **error);
/* Every article, without texts, newest first (published date, else import time). */
GPtrArray        *attache_library_list_articles         (AttacheLibrary   *self,
                                                         GError          **error);
gint64            attache_library_count_articles        (AttacheLibrary   *self,
                                                         GError          **error);
/* ATTACHE_DATABASE_ERROR_NOT_FOUND if there is no such article. */
gboolean          attache_library_delete_article        (AttacheLibrary   *self,
                                                         gint64            id,
                                                         GError          **error);
/* Full-text search over titles and texts. @query takes words, "phrases", prefix*,
 * AND, OR, NOT and parentheses; any other punctuation is treated as part of a word.
 * Returns AttacheSearchHits, best first, at most @limit (0: no limit). */
GPtrArray        *attache_library_search                (AttacheLibrary   *self,
                                                         const char       *query,
                                                         guint             limit,
                                                         GError          **error);

/* Stores the analysis of article @id, whose text is @text, in one transaction,
 * replacing the one stored before. Each actor found is the library's actor with
 * the same type and name (creating it when new), unless the analyst decided
 * otherwise: their merges, names, types and hidden actors stay as they are. */
gboolean          attache_library_store_analysis        (AttacheLibrary        *self,
                                                         gint64                 id,
                                                         const char            *text,
                                                         const AttacheAnalysis *analysis,
                                                         GError               **error);
/* The stored analysis of article @id, with actors as the library names them
 * (ids set; hidden actors left out), spans in bytes of the article's text.
 * ATTACHE_DATABASE_ERROR_NOT_FOUND when it has none. */
AttacheAnalysis  *attache_library_get_analysis          (AttacheLibrary   *self,
                                                         gint64            id,
                                                         GError          **error);
/* Ids of up to @limit articles with no analysis, or one made by an older
 * analyser, oldest first. */
GArray           *attache_library_list_unanalysed       (AttacheLibrary   *self,
                                                         guint             limit,
                                                         GError          **error);
/* Analyses the article @id now and stores the result. */
gboolean          attache_library_analyze_article       (AttacheLibrary   *self,
                                                         gint64            id,
                                                         GError          **error);

/* The same, off the calling thread. Callbacks run on the caller's main context. */
void              attache_library_get_article_async     (AttacheLibrary      *self,
                                                         gint64               id,
                                                         GCancellable        *cancellable,
                                                         GAsyncReadyCallback  callback,
                                                         gpointer             user_data);
AttacheArticle   *attache_library_get_article_finish    (AttacheLibrary      *self,
                                                         GAsyncResult        *result,
                                                         GError             **error);
void              attache_library_list_articles_async   (AttacheLibrary      *self,
                                                         GCancellable        *cancellable,
                                                         GAsyncReadyCallback  callback,
                                                         gpointer             user_data);
GPtrArray        *attache_library_list_articles_finish  (AttacheLibrary      *self,
                                                         GAsyncResult        *result,
                                                         GError             **error);
/* Deletes and returns the whole article, so it can be restored for Undo. */
void              attache_library_delete_article_async  (AttacheLibrary      *self,
                                                         gint64               id,
                                                         GCancellable        *cancellable,
                                                         GAsyncReadyCallback  callback,
                                                         gpointer             user_data);
AttacheArticle   *attache_library_delete_article_finish (AttacheLibrary      *self,
                                                         GAsyncResult        *result,
                                                         GError             **error);
void              attache_library_restore_article_async (AttacheLibrary      *self,
                                                         AttacheArticle      *article,
                                                         GCancellable        *cancellable,
                                                         GAsyncReadyCallback  callback,
                                                         gpointer             user_data);
gboolean          attache_library_restore_article_finish (AttacheLibrary     *self,
                                                          GAsyncResult       *result,
                                                          GError            **error);
void              attache_library_search_async          (AttacheLibrary      *self,
                                                         const char          *query,
                                                         guint                limit,
                                                         GCancellable        *cancellable,
                                                         GAsyncReadyCallback  callback,
                                                         gpointer             user_data);
GPtrArray        *attache_library_search_finish         (AttacheLibrary      *self,
                                                         GAsyncResult        *result,
                                                         GError             **error);

void              attache_library_get_analysis_async     (AttacheLibrary      *self,
                                                          gint64               id,
                                                          GCancellable        *cancellable,
                                                          GAsyncReadyCallback  callback,
                                                          gpointer             user_data);
AttacheAnalysis  *attache_library_get_analysis_finish    (AttacheLibrary      *self,
                                                          GAsyncResult        *result,
                                                          GError             **error);

/* Analyses, in a worker, every article that needs it (new, or analysed by an
 * older analyser), until none is left or @cancellable is cancelled; the result
 * is how many were analysed. "analyses-changed" is emitted as batches finish. */
void              attache_library_analyze_pending_async  (AttacheLibrary      *self,
                                                          GCancellable        *cancellable,
                                                          GAsyncReadyCallback  callback,
                                                          gpointer             user_data);
gint64            attache_library_analyze_pending_finish (AttacheLibrary      *self,
                                                          GAsyncResult        *result,
                                                          GError             **error);

G_END_DECLS
