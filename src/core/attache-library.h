/* attache-library.h: the analyst's library of articles, kept in one sqlite file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "attache-analysis.h"
#include "attache-article.h"
#include "attache-database.h"
#include "attache-opml.h"

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

/* One feed subscription as the library keeps it. Strings are UTF-8 or NULL. */
typedef struct
{
  gint64    id;
  char     *url;                 /* the feed's address */
  char     *title;               /* the feed's title, NULL until known */
  char     *site_url;            /* the site the feed belongs to */
  char     *etag;                /* from the last fetch, for a conditional one */
  char     *last_modified;
  char     *last_fetched;        /* ISO 8601 UTC of the last good fetch, or NULL */
  char     *last_error;          /* why the last fetch failed; NULL when it went well */
  gboolean  fetch_full_article;  /* fetch each item's page when the feed has a teaser */
  char     *added;               /* ISO 8601 UTC */
  gint64    n_items;             /* items seen in the feed so far */
  gint64    n_unread;            /* the feed's articles not opened yet */
} AttacheSubscription;

#define ATTACHE_TYPE_SUBSCRIPTION (attache_subscription_get_type ())

GType                attache_subscription_get_type (void) G_GNUC_CONST;
AttacheSubscription *attache_subscription_copy     (const AttacheSubscription *subscription);
void                 attache_subscription_free     (AttacheSubscription       *subscription);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AttacheSubscription, attache_subscription_free)

/* What subscribing to one feed of a list did. */
typedef struct
{
  gint64           id;       /* the feed's id, new or already there */
  AttacheAddStatus status;   /* ADDED, or DUPLICATE when already subscribed */
} AttacheFeedAdded;

/* $ATTACHE_LIBRARY when set, else $XDG_DATA_HOME/attache/library.db. */
char             *attache_library_dup_default_path      (void);

/* Opens (creating the file and its folder if needed) and migrates the library.
 * Signals are emitted on the thread-default main context of the caller. */
AttacheLibrary   *attache_library_open                  (const char       *path,
                                                         GError          **error);
/* The same in a worker thread: opening a library of an older format brings
 * it up to date, which takes a while for a large one. The library's signals
 * are emitted in the thread-default main context of the caller. */
void              attache_library_open_async            (const char          *path,
                                                         GCancellable        *cancellable,
                                                         GAsyncReadyCallback  callback,
                                                         gpointer             user_data);
AttacheLibrary   *attache_library_open_finish           (GAsyncResult        *result,
                                                         GError             **error);
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
/* Puts back an article that was deleted, with its old id (Undo); for one
 * returned by attache_library_delete_article_finish (), also its read mark
 * and its feeds. ATTACHE_DATABASE_ERROR_EXISTS, changing nothing, when the
 * same article was imported again since. */
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
/* The newest @limit articles, without texts: the start of what
 * attache_library_list_articles () returns, read in a few milliseconds
 * however large the library (reading all 100,000 takes most of a second):
 * what the window shows while it reads the rest. */
GPtrArray        *attache_library_list_newest_articles  (AttacheLibrary   *self,
                                                         guint             limit,
                                                         GError          **error);
gint64            attache_library_count_articles        (AttacheLibrary   *self,
                                                         GError          **error);
/* Versions of one story (the same wire copy on several sites, lightly edited)
 * are stored, unlike exact duplicates, and grouped: they share a story id.
 * The other versions of the story of article @id (without texts), earliest
 * first; empty when it stands alone. ATTACHE_DATABASE_ERROR_NOT_FOUND if there
 * is no such article. */
GPtrArray        *attache_library_list_story            (AttacheLibrary   *self,
                                                         gint64            article_id,
                                                         GError          **error);
/* Computes the story fingerprint of every article stored without one (those
 * stored before stories existed) and groups them, a batch per transaction.
 * attache_library_open () calls it. Returns how many were done, -1 on error. */
gint64            attache_library_group_stories         (AttacheLibrary   *self,
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

/* Feed subscriptions. Every write is one transaction; "feeds-changed" is
 * emitted on the library's main context after each. */

/* Subscribes to the feed at @url (@title and @site_url may be NULL). On
 * ATTACHE_ADD_DUPLICATE nothing changes and *@out_id is the feed already there. */
AttacheAddStatus     attache_library_add_feed              (AttacheLibrary   *self,
                                                            const char       *url,
                                                            const char       *title,
                                                            const char       *site_url,
                                                            gboolean          fetch_full_article,
                                                            gint64           *out_id,
                                                            GError          **error);
/* Subscribes to the feed of each AttacheOpmlOutline of @outlines, in one
 * transaction. Returns an array of AttacheFeedAdded, one per outline in order. */
GArray              *attache_library_add_feeds             (AttacheLibrary   *self,
                                                            GPtrArray        *outlines,
                                                            GError          **error);
/* Every feed, oldest subscription first (AttacheSubscription). */
GPtrArray           *attache_library_list_feeds            (AttacheLibrary   *self,
                                                            GError          **error);
/* ATTACHE_DATABASE_ERROR_NOT_FOUND if there is no such feed. */
AttacheSubscription *attache_library_get_feed              (AttacheLibrary   *self,
                                                            gint64            id,
                                                            GError          **error);
/* Unsubscribes and forgets the feed's items; their articles stay in the library.
 * ATTACHE_DATABASE_ERROR_NOT_FOUND if there is no such feed. */
gboolean             attache_library_remove_feed           (AttacheLibrary   *self,
                                                            gint64            id,
                                                            GError          **error);
gboolean             attache_library_set_feed_fetch_full_article (AttacheLibrary *self,
                                                                  gint64          id,
                                                                  gboolean        fetch_full_article,
                                                                  GError        **error);
/* A good fetch of feed @id: sets the last fetch time to now, clears the last
 * error and stores the validators (@etag, @last_modified: NULL clears them).
 * @title and @site_url replace the stored ones unless NULL. */
gboolean             attache_library_record_feed_fetched   (AttacheLibrary   *self,
                                                            gint64            id,
                                                            const char       *title,
                                                            const char       *site_url,
                                                            const char       *etag,
                                                            const char       *last_modified,
                                                            GError          **error);
/* A failed fetch of feed @id: stores @message as its last error, keeping the rest. */
gboolean             attache_library_record_feed_error     (AttacheLibrary   *self,
                                                            gint64            id,
                                                            const char       *message,
                                                            GError          **error);
/* Whether item @item_id of feed @feed_id was seen before. */
gboolean             attache_library_has_feed_item         (AttacheLibrary   *self,
                                                            gint64            feed_id,
                                                            const char       *item_id,
                                                            gboolean         *out_seen,
                                                            GError          **error);
/* Remembers item @item_id of feed @feed_id as seen, as article @article_id (0:
 * none). An item seen before is left as it was. */
gboolean             attache_library_record_feed_item      (AttacheLibrary   *self,
                                                            gint64            feed_id,
                                                            const char       *item_id,
                                                            gint64            article_id,
                                                            GError          **error);
/* attache_library_add_article () and attache_library_record_feed_item () in one
 * transaction: the item is remembered as the new article, or as the stored
 * article with the same content (ATTACHE_ADD_DUPLICATE). */
AttacheAddStatus     attache_library_add_feed_article      (AttacheLibrary   *self,
                                                            gint64            feed_id,
                                                            const char       *item_id,
                                                            AttacheArticle   *article,
                                                            gint64           *out_id,
                                                            GError          **error);
/* Whether article @id was opened (shown in the reader for a moment). Setting
 * it changes the feeds' unread counts: "feeds-changed" is emitted when the
 * flag changed. ATTACHE_DATABASE_ERROR_NOT_FOUND if there is no such article. */
gboolean             attache_library_set_article_read      (AttacheLibrary   *self,
                                                            gint64            id,
                                                            gboolean          read,
                                                            GError          **error);
gboolean             attache_library_get_article_read      (AttacheLibrary   *self,
                                                            gint64            id,
                                                            gboolean         *out_read,
                                                            GError          **error);
/* The ids (gint64) of the articles made of feed @feed_id's items. */
GArray              *attache_library_list_feed_article_ids (AttacheLibrary   *self,
                                                            gint64            feed_id,
                                                            GError          **error);
/* The id of the oldest article whose url (or, failing that, origin) is @url;
 * 0 when there is none, -1 on error. */
gint64               attache_library_find_article_by_url   (AttacheLibrary   *self,
                                                            const char       *url,
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
/* Deletes and returns the whole article, with its read mark and the feed
 * items it came from, so that attache_library_restore_article () puts it
 * back as it was (Undo). */
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

void              attache_library_list_feeds_async       (AttacheLibrary      *self,
                                                          GCancellable        *cancellable,
                                                          GAsyncReadyCallback  callback,
                                                          gpointer             user_data);
GPtrArray        *attache_library_list_feeds_finish      (AttacheLibrary      *self,
                                                          GAsyncResult        *result,
                                                          GError             **error);
void              attache_library_remove_feed_async      (AttacheLibrary      *self,
                                                          gint64               id,
                                                          GCancellable        *cancellable,
                                                          GAsyncReadyCallback  callback,
                                                          gpointer             user_data);
gboolean          attache_library_remove_feed_finish     (AttacheLibrary      *self,
                                                          GAsyncResult        *result,
                                                          GError             **error);
void              attache_library_set_feed_fetch_full_article_async  (AttacheLibrary      *self,
                                                                      gint64               id,
                                                                      gboolean             fetch_full_article,
                                                                      GCancellable        *cancellable,
                                                                      GAsyncReadyCallback  callback,
                                                                      gpointer             user_data);
gboolean          attache_library_set_feed_fetch_full_article_finish (AttacheLibrary      *self,
                                                                      GAsyncResult        *result,
                                                                      GError             **error);
void              attache_library_set_article_read_async (AttacheLibrary      *self,
                                                          gint64               id,
                                                          gboolean             read,
                                                          GCancellable        *cancellable,
                                                          GAsyncReadyCallback  callback,
                                                          gpointer             user_data);
gboolean          attache_library_set_article_read_finish (AttacheLibrary     *self,
                                                           GAsyncResult       *result,
                                                           GError            **error);
void              attache_library_list_feed_article_ids_async  (AttacheLibrary      *self,
                                                                gint64               feed_id,
                                                                GCancellable        *cancellable,
                                                                GAsyncReadyCallback  callback,
                                                                gpointer             user_data);
GArray           *attache_library_list_feed_article_ids_finish (AttacheLibrary      *self,
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
