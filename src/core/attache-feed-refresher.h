/* attache-feed-refresher.h: subscribes to news feeds and imports their new items
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "attache-fetcher.h"
#include "attache-importer.h"
#include "attache-library.h"

G_BEGIN_DECLS

typedef enum
{
  ATTACHE_FEED_REFRESH_FAILED,        /* see attache_feed_refresh_get_error () */
  ATTACHE_FEED_REFRESH_NOT_MODIFIED,  /* the server said nothing changed (304) */
  ATTACHE_FEED_REFRESH_UPDATED,       /* fetched and read; maybe nothing new in it */
} AttacheFeedRefreshStatus;

/* What one refresh of one feed did. */
typedef struct _AttacheFeedRefresh AttacheFeedRefresh;

#define ATTACHE_TYPE_FEED_REFRESH (attache_feed_refresh_get_type ())

GType                    attache_feed_refresh_get_type       (void) G_GNUC_CONST;
AttacheFeedRefresh      *attache_feed_refresh_ref            (AttacheFeedRefresh *refresh);
void                     attache_feed_refresh_unref          (AttacheFeedRefresh *refresh);
/* The feed's id; 0 when subscribing failed and nothing was stored. */
gint64                   attache_feed_refresh_get_feed_id    (AttacheFeedRefresh *refresh);
const char              *attache_feed_refresh_get_url        (AttacheFeedRefresh *refresh);
/* The feed's title as stored after the refresh, else NULL. */
const char              *attache_feed_refresh_get_title      (AttacheFeedRefresh *refresh);
/* TRUE when attache_feed_refresher_subscribe_async () made a new subscription
 * (FALSE when the feed was subscribed to already, and for a refresh). */
gboolean                 attache_feed_refresh_get_subscribed (AttacheFeedRefresh *refresh);
AttacheFeedRefreshStatus attache_feed_refresh_get_status     (AttacheFeedRefresh *refresh);
/* Why the feed could not be read (ATTACHE_FETCH_ERROR, ATTACHE_FEED_ERROR or
 * ATTACHE_DATABASE_ERROR), one line; NULL unless the status is FAILED. This
 * message is also the feed's last_error in the library. */
const GError            *attache_feed_refresh_get_error      (AttacheFeedRefresh *refresh);
/* One AttacheImportResult per item not seen before, oldest first: IMPORTED
 * (a new article), DUPLICATE (the article was in the library already, by its
 * address or its text) or FAILED (the item is tried again next time). */
GPtrArray               *attache_feed_refresh_get_results    (AttacheFeedRefresh *refresh);
/* How many results are IMPORTED. */
guint                    attache_feed_refresh_get_n_imported (AttacheFeedRefresh *refresh);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AttacheFeedRefresh, attache_feed_refresh_unref)

#define ATTACHE_TYPE_FEED_REFRESHER (attache_feed_refresher_get_type ())

G_DECLARE_FINAL_TYPE (AttacheFeedRefresher, attache_feed_refresher, ATTACHE, FEED_REFRESHER, GObject)

/* Fetches with @importer's fetcher, and imports full articles (see below) with
 * @importer, so they get a capture record like any web page. */
AttacheFeedRefresher *attache_feed_refresher_new              (AttacheImporter       *importer);
AttacheLibrary       *attache_feed_refresher_get_library      (AttacheFeedRefresher  *self);

/* Fetches the feed at @url and, when it can be read as RSS, Atom or JSON Feed,
 * subscribes to it (a feed that cannot be read is not subscribed to) and
 * imports its items as for a refresh. A feed subscribed to already is
 * refreshed. The finish function fails only when cancelled.
 *
 * Network on the caller's thread-default main context (call from one thread);
 * parsing and storing in workers. */
void                  attache_feed_refresher_subscribe_async  (AttacheFeedRefresher  *self,
                                                               const char            *url,
                                                               gboolean               fetch_full_article,
                                                               GCancellable          *cancellable,
                                                               GAsyncReadyCallback    callback,
                                                               gpointer               user_data);
AttacheFeedRefresh   *attache_feed_refresher_subscribe_finish (AttacheFeedRefresher  *self,
                                                               GAsyncResult          *result,
                                                               GError               **error);

/* Fetches feed @feed_id, conditionally (ETag, Last-Modified), and imports each
 * item not seen before, unless the library already has its address (the item's
 * link) or its text. An article is made of the item: its title, link (url and
 * origin), author, date, the feed's title as source, and the item's content,
 * else its summary, as plain text. When the feed's fetch_full_article flag is
 * set and the item carries only a teaser (under some 150 words), the item's page
 * is imported instead, as attache_importer_import_url_async () does, falling
 * back on the teaser when it cannot be.
 *
 * The feed's title, site, validators and last fetch time are stored after a
 * good fetch; after a failed one, the error (the feed's last_error) and nothing
 * else. The finish function fails only when cancelled (items imported before
 * that stay imported); an unknown @feed_id gives a FAILED refresh. */
void                  attache_feed_refresher_refresh_async    (AttacheFeedRefresher  *self,
                                                               gint64                 feed_id,
                                                               GCancellable          *cancellable,
                                                               GAsyncReadyCallback    callback,
                                                               gpointer               user_data);
AttacheFeedRefresh   *attache_feed_refresher_refresh_finish   (AttacheFeedRefresher  *self,
                                                               GAsyncResult          *result,
                                                               GError               **error);

/* Subscribes, without fetching anything, to every feed of the OPML document
 * @bytes, in one transaction. Returns an array of AttacheFeedAdded, one per
 * feed of the document in order; fails with an ATTACHE_FEED_ERROR for what is
 * not OPML. Blocking. */
GArray               *attache_feed_refresher_import_opml      (AttacheFeedRefresher  *self,
                                                               GBytes                *bytes,
                                                               GError               **error);
/* The library's subscriptions as an OPML 2.0 document. Blocking. */
GBytes               *attache_feed_refresher_export_opml      (AttacheFeedRefresher  *self,
                                                               GError               **error);

G_END_DECLS
