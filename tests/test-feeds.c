/* test-feeds.c: feed subscriptions, from a real HTTP server on loopback, in the
 * core and through attache-cli feed
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <libsoup/soup.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "attache.h"

#include "test-helpers.h"

#define RSS_HEAD \
  "<?xml version=\"1.0\" encoding=\"utf-8\"?>" \
  "<rss version=\"2.0\" xmlns:content=\"http://purl.org/rss/1.0/modules/content/\"" \
  " xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><channel>" \
  "<title>Harbour Post — World</title><link>https://harbour.example/</link>" \
  "<description>News from the harbour</description><language>en</language>"

/* Newest first, as feeds are. */
#define RSS_ITEM_QUOTA \
  "<item><title>Fisheries ministers agree mackerel quotas</title>" \
  "<link>https://harbour.example/2024/quotas</link><guid isPermaLink=\"false\">hp-1003</guid>" \
  "<pubDate>Thu, 04 Apr 2024 07:15:00 GMT</pubDate><dc:creator>Ines Duarte</dc:creator>" \
  "<description>Ministers agreed on mackerel quotas after an all-night session in Bergen.</description></item>"

#define RSS_ITEM_PORT \
  "<item><title>Port talks resume</title>" \
  "<link>https://harbour.example/2024/port-talks</link><guid isPermaLink=\"false\">hp-1002</guid>" \
  "<pubDate>Wed, 03 Apr 2024 06:00:00 GMT</pubDate>" \
  "<description>Union and port authority met again on Wednesday.</description></item>"

#define RSS_ITEM_FERRY \
  "<item><title>Ferry operator adds winter crossings</title>" \
  "<link>https://harbour.example/2024/ferry</link><guid isPermaLink=\"false\">hp-1001</guid>" \
  "<pubDate>Tue, 02 Apr 2024 09:30:00 GMT</pubDate><author>desk@harbour.example (Tom Okafor)</author>" \
  "<description>A teaser about ferries.</description>" \
  "<content:encoded><![CDATA[<p>The ferry operator Nordlink will add two winter crossings " \
  "between Valmora and Sundby from November.</p><p>The company said bookings had risen by " \
  "a fifth since the bridge closed for repairs in January.</p>]]></content:encoded></item>"

#define RSS_ITEM_STRIKE \
  "<item><title>Dock strike ends after nine days</title>" \
  "<link>https://harbour.example/2024/strike-ends</link><guid isPermaLink=\"false\">hp-1004</guid>" \
  "<pubDate>Fri, 05 Apr 2024 18:45:00 GMT</pubDate>" \
  "<description>Dock workers voted to accept the new pay offer and return to work on Monday.</description></item>"

static const char rss_v1[] = RSS_HEAD RSS_ITEM_QUOTA RSS_ITEM_PORT RSS_ITEM_FERRY "</channel></rss>";
static const char rss_v2[] = RSS_HEAD RSS_ITEM_STRIKE RSS_ITEM_QUOTA RSS_ITEM_PORT RSS_ITEM_FERRY "</channel></rss>";

static const char atom[] =
  "<?xml version=\"1.0\" encoding=\"utf-8\"?>"
  "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"en\">"
  "<title>Valmora Ledger</title><link rel=\"alternate\" href=\"https://ledger.example/\"/>"
  "<id>urn:uuid:ledger</id><updated>2024-04-06T10:00:00Z</updated>"
  "<entry><title>Council approves harbour budget</title><id>urn:ledger:2</id>"
  "<link rel=\"alternate\" href=\"https://ledger.example/budget\"/>"
  "<published>2024-04-06T09:00:00Z</published><updated>2024-04-06T09:00:00Z</updated>"
  "<author><name>Mara Lindqvist</name></author>"
  "<content type=\"html\">&lt;p&gt;The city council approved the &lt;b&gt;harbour budget&lt;/b&gt; "
  "on Saturday by 31 votes to 12.&lt;/p&gt;&lt;p&gt;Dredging the outer basin takes the largest share.&lt;/p&gt;</content>"
  "</entry>"
  "<entry><title>Lighthouse to become a museum</title><id>urn:ledger:1</id>"
  "<link rel=\"alternate\" href=\"https://ledger.example/lighthouse\"/>"
  "<updated>2024-04-05T08:00:00Z</updated>"
  "<summary>The old lighthouse on Skarv Point will open as a maritime museum next spring.</summary>"
  "</entry></feed>";

#define ATOM_LAST_MODIFIED "Sat, 06 Apr 2024 10:00:00 GMT"

/* The page an item of the RSS feed links to, imported before the feed. */
static const char story[] =
  "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
  "<title>Port talks resume | Harbour Post</title>"
  "<link rel=\"canonical\" href=\"https://harbour.example/2024/port-talks\">"
  "</head><body><article><h1>Port talks resume</h1>"
  "<p>Union and port authority met again on Wednesday, a week into the strike.</p>"
  "<p>Both sides said the talks were constructive.</p></article></body></html>";

/* A feed of teasers whose pages are on this server: the paths are made absolute
 * against the feed's own address. */
static const char teasers[] =
  "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Sundby Courier</title>"
  "<link>/</link>"
  "<item><title>Bridge repairs run late</title><link>/pages/bridge</link>"
  "<description>Repairs to the Sundby bridge will take longer…</description></item>"
  "<item><title>School roof collapses</title><link>/pages/gone</link>"
  "<description>Nobody was hurt when the roof of the north school fell in overnight.</description></item>"
  "</channel></rss>";

static const char bridge_page[] =
  "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Bridge repairs run late</title>"
  "</head><body><article><h1>Bridge repairs run late</h1>"
  "<p>Repairs to the Sundby bridge will take longer than planned, the roads agency said on Monday, "
  "because corrosion in the steel deck turned out to be worse than the inspection had found.</p>"
  "<p>The bridge was due to reopen in June; the agency now expects September at the earliest, and "
  "the ferry crossings added for the closure will run until then.</p></article></body></html>";

static const char not_a_feed[] =
  "<!DOCTYPE html><html><head><title>Moved</title></head><body><p>Our feed has moved.</p></body></html>";

static const char opml[] =
  "<?xml version=\"1.0\"?><opml version=\"2.0\"><head><title>Desk</title></head><body>"
  "<outline text=\"Harbour Post\" title=\"Harbour Post\" type=\"rss\" xmlUrl=\"%s\" htmlUrl=\"https://harbour.example/\"/>"
  "<outline text=\"Local\">"
  "<outline text=\"Valmora Ledger\" type=\"rss\" xmlUrl=\"%s\"/>"
  "</outline></body></opml>";

typedef struct
{
  char                 *dir;
  AttacheLibrary       *library;
  AttacheImporter      *importer;
  AttacheFeedRefresher *refresher;
  SoupServer           *server;
  GUri                 *base;

  const char           *rss;              /* what /rss serves */
  gboolean              rss_broken;       /* /rss serves a web page instead */
  gboolean              rss_missing;      /* /rss answers 404 */
  guint                 n_requests;
  guint                 n_not_modified;
  char                 *if_none_match;    /* as last sent to /rss */
  char                 *if_modified_since;  /* as last sent to /atom */
} Fixture;

static void
serve (SoupServerMessage *msg,
       const char        *type,
       const char        *body)
{
  soup_server_message_set_response (msg, type, SOUP_MEMORY_COPY, body, strlen (body));
  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
}

static void
server_cb (SoupServer        *server,
           SoupServerMessage *msg,
           const char        *path,
           GHashTable        *query,
           gpointer           user_data)
{
  Fixture *f = user_data;
  SoupMessageHeaders *request = soup_server_message_get_request_headers (msg);
  SoupMessageHeaders *response = soup_server_message_get_response_headers (msg);

  f->n_requests++;

  if (g_str_equal (path, "/rss"))
    {
      g_autofree char *etag = g_strdup_printf ("\"rss-%u\"", (guint) g_str_hash (f->rss));

      g_free (f->if_none_match);
      f->if_none_match = g_strdup (soup_message_headers_get_one (request, "If-None-Match"));

      if (f->rss_missing)
        {
          soup_server_message_set_status (msg, SOUP_STATUS_NOT_FOUND, NULL);
          return;
        }
      if (f->rss_broken)
        {
          serve (msg, "application/rss+xml", not_a_feed);
          return;
        }
      if (g_strcmp0 (f->if_none_match, etag) == 0)
        {
          f->n_not_modified++;
          soup_message_headers_replace (response, "ETag", etag);
          soup_server_message_set_status (msg, SOUP_STATUS_NOT_MODIFIED, NULL);
          return;
        }
      soup_message_headers_replace (response, "ETag", etag);
      serve (msg, "application/rss+xml; charset=utf-8", f->rss);
    }
  else if (g_str_equal (path, "/atom"))
    {
      g_free (f->if_modified_since);
      f->if_modified_since = g_strdup (soup_message_headers_get_one (request, "If-Modified-Since"));

      if (g_strcmp0 (f->if_modified_since, ATOM_LAST_MODIFIED) == 0)
        {
          f->n_not_modified++;
          soup_server_message_set_status (msg, SOUP_STATUS_NOT_MODIFIED, NULL);
          return;
        }
      soup_message_headers_replace (response, "Last-Modified", ATOM_LAST_MODIFIED);
      serve (msg, "application/atom+xml", atom);
    }
  else if (g_str_equal (path, "/teasers"))
    serve (msg, "application/rss+xml", teasers);
  else if (g_str_equal (path, "/pages/bridge"))
    serve (msg, "text/html; charset=utf-8", bridge_page);
  else if (g_str_equal (path, "/story"))
    serve (msg, "text/html; charset=utf-8", story);
  else if (g_str_equal (path, "/broken"))
    serve (msg, "application/rss+xml", not_a_feed);
  else
    soup_server_message_set_status (msg, SOUP_STATUS_NOT_FOUND, NULL);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  f->dir = test_tmpdir_new ();
  path = g_build_filename (f->dir, "library.db", NULL);
  f->library = attache_library_open (path, &error);
  g_assert_no_error (error);
  f->importer = attache_importer_new (f->library);
  f->refresher = attache_feed_refresher_new (f->importer);
  f->rss = rss_v1;

  f->server = test_server_new (server_cb, f, &f->base);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  soup_server_disconnect (f->server);
  g_clear_object (&f->server);
  g_clear_pointer (&f->base, g_uri_unref);
  g_clear_object (&f->refresher);
  g_clear_object (&f->importer);
  g_clear_object (&f->library);
  g_clear_pointer (&f->if_none_match, g_free);
  g_clear_pointer (&f->if_modified_since, g_free);
  test_tmpdir_free (f->dir);
}

static char *
url_for (Fixture    *f,
         const char *path)
{
  return test_server_url (f->base, path);
}

static AttacheFeedRefresh *
subscribe (Fixture    *f,
           const char *path,
           gboolean    full_article)
{
  g_autofree char *url = url_for (f, path);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  AttacheFeedRefresh *refresh;

  attache_feed_refresher_subscribe_async (f->refresher, url, full_article, NULL, test_result_cb, &result);
  refresh = attache_feed_refresher_subscribe_finish (f->refresher, test_wait_for_result (&result), &error);
  g_assert_no_error (error);
  g_assert_nonnull (refresh);
  g_assert_cmpstr (attache_feed_refresh_get_url (refresh), ==, url);

  return refresh;
}

static AttacheFeedRefresh *
refresh_feed (Fixture *f,
              gint64   id)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  AttacheFeedRefresh *refresh;

  attache_feed_refresher_refresh_async (f->refresher, id, NULL, test_result_cb, &result);
  refresh = attache_feed_refresher_refresh_finish (f->refresher, test_wait_for_result (&result), &error);
  g_assert_no_error (error);
  g_assert_nonnull (refresh);

  return refresh;
}

static guint
count_results (AttacheFeedRefresh  *refresh,
               AttacheImportStatus  status)
{
  GPtrArray *results = attache_feed_refresh_get_results (refresh);
  guint n = 0;

  for (guint i = 0; i < results->len; i++)
    if (attache_import_result_get_status (g_ptr_array_index (results, i)) == status)
      n++;

  return n;
}

static AttacheArticle *
get_result_article (Fixture            *f,
                    AttacheFeedRefresh *refresh,
                    guint               position)
{
  AttacheImportResult *result = g_ptr_array_index (attache_feed_refresh_get_results (refresh), position);
  g_autoptr(GError) error = NULL;
  AttacheArticle *article;

  article = attache_library_get_article (f->library, attache_import_result_get_article_id (result), &error);
  g_assert_no_error (error);
  return article;
}

static AttacheSubscription *
get_feed (Fixture *f,
          gint64   id)
{
  g_autoptr(GError) error = NULL;
  AttacheSubscription *feed = attache_library_get_feed (f->library, id, &error);

  g_assert_no_error (error);
  return feed;
}

static void
test_add_rss (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(AttacheFeedRefresh) refresh = subscribe (f, "/rss", FALSE);
  g_autoptr(AttacheArticle) ferry = NULL;
  g_autoptr(AttacheArticle) quotas = NULL;
  g_autoptr(AttacheSubscription) feed = NULL;
  g_autoptr(GPtrArray) feeds = NULL;
  g_autofree char *url = url_for (f, "/rss");

  g_assert_cmpint (attache_feed_refresh_get_status (refresh), ==, ATTACHE_FEED_REFRESH_UPDATED);
  g_assert_no_error ((GError *) attache_feed_refresh_get_error (refresh));
  g_assert_true (attache_feed_refresh_get_subscribed (refresh));
  g_assert_cmpint (attache_feed_refresh_get_feed_id (refresh), ==, 1);
  g_assert_cmpstr (attache_feed_refresh_get_title (refresh), ==, "Harbour Post — World");
  g_assert_cmpuint (attache_feed_refresh_get_results (refresh)->len, ==, 3);
  g_assert_cmpuint (attache_feed_refresh_get_n_imported (refresh), ==, 3);
  g_assert_cmpint (attache_library_count_articles (f->library, NULL), ==, 3);

  /* Oldest first; the full content, in paragraphs, rather than the teaser. */
  ferry = get_result_article (f, refresh, 0);
  g_assert_cmpstr (attache_article_get_title (ferry), ==, "Ferry operator adds winter crossings");
  g_assert_cmpstr (attache_article_get_url (ferry), ==, "https://harbour.example/2024/ferry");
  g_assert_cmpstr (attache_article_get_origin (ferry), ==, "https://harbour.example/2024/ferry");
  g_assert_cmpstr (attache_article_get_source (ferry), ==, "Harbour Post — World");
  g_assert_cmpstr (attache_article_get_published (ferry), ==, "2024-04-02T09:30:00Z");
  g_assert_cmpstr (attache_article_get_language (ferry), ==, "en");
  g_assert_nonnull (attache_article_get_author (ferry));
  g_assert_nonnull (strstr (attache_article_get_author (ferry), "Tom Okafor"));
  g_assert_cmpstr (attache_article_get_text (ferry), ==,
                   "The ferry operator Nordlink will add two winter crossings between Valmora and "
                   "Sundby from November.\n\nThe company said bookings had risen by a fifth since the "
                   "bridge closed for repairs in January.");

  quotas = get_result_article (f, refresh, 2);
  g_assert_cmpstr (attache_article_get_title (quotas), ==, "Fisheries ministers agree mackerel quotas");
  g_assert_cmpstr (attache_article_get_author (quotas), ==, "Ines Duarte");
  g_assert_cmpstr (attache_article_get_text (quotas), ==,
                   "Ministers agreed on mackerel quotas after an all-night session in Bergen.");

  /* Analysed like any import, once asked. */
  g_assert_true (attache_library_analyze_article (f->library, attache_article_get_id (quotas), NULL));

  feeds = attache_library_list_feeds (f->library, NULL);
  g_assert_cmpuint (feeds->len, ==, 1);
  feed = get_feed (f, 1);
  g_assert_cmpstr (feed->url, ==, url);
  g_assert_cmpstr (feed->title, ==, "Harbour Post — World");
  g_assert_cmpstr (feed->site_url, ==, "https://harbour.example/");
  g_assert_nonnull (feed->etag);
  g_assert_nonnull (feed->last_fetched);
  g_assert_nonnull (feed->added);
  g_assert_null (feed->last_error);
  g_assert_false (feed->fetch_full_article);
  g_assert_cmpint (feed->n_items, ==, 3);
}

static void
test_not_modified (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(AttacheFeedRefresh) first = subscribe (f, "/rss", FALSE);
  g_autoptr(AttacheFeedRefresh) again = NULL;
  g_autoptr(AttacheSubscription) feed = get_feed (f, 1);

  g_assert_null (f->if_none_match);

  again = refresh_feed (f, 1);
  g_assert_cmpstr (f->if_none_match, ==, feed->etag);
  g_assert_cmpuint (f->n_not_modified, ==, 1);
  g_assert_cmpint (attache_feed_refresh_get_status (again), ==, ATTACHE_FEED_REFRESH_NOT_MODIFIED);
  g_assert_cmpuint (attache_feed_refresh_get_results (again)->len, ==, 0);
  g_assert_cmpstr (attache_feed_refresh_get_title (again), ==, "Harbour Post — World");
  g_assert_cmpint (attache_library_count_articles (f->library, NULL), ==, 3);
}

static void
test_new_item (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(AttacheFeedRefresh) first = subscribe (f, "/rss", FALSE);
  g_autoptr(AttacheFeedRefresh) second = NULL;
  g_autoptr(AttacheFeedRefresh) third = NULL;
  g_autoptr(AttacheArticle) strike = NULL;
  g_autoptr(GError) error = NULL;
  gint64 ferry_id = attache_import_result_get_article_id (g_ptr_array_index (attache_feed_refresh_get_results (first), 0));

  /* An article deleted from the library is not brought back by its feed. */
  g_assert_true (attache_library_delete_article (f->library, ferry_id, &error));
  g_assert_no_error (error);

  f->rss = rss_v2;
  second = refresh_feed (f, 1);
  g_assert_cmpint (attache_feed_refresh_get_status (second), ==, ATTACHE_FEED_REFRESH_UPDATED);
  g_assert_cmpuint (f->n_not_modified, ==, 0);
  g_assert_cmpuint (attache_feed_refresh_get_results (second)->len, ==, 1);
  g_assert_cmpuint (attache_feed_refresh_get_n_imported (second), ==, 1);
  strike = get_result_article (f, second, 0);
  g_assert_cmpstr (attache_article_get_title (strike), ==, "Dock strike ends after nine days");
  g_assert_cmpint (attache_library_count_articles (f->library, NULL), ==, 3);

  third = refresh_feed (f, 1);
  g_assert_cmpint (attache_feed_refresh_get_status (third), ==, ATTACHE_FEED_REFRESH_NOT_MODIFIED);
  g_assert_cmpint (attache_library_count_articles (f->library, NULL), ==, 3);
}

static void
test_known_link (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *story_url = url_for (f, "/story");
  g_autoptr(GAsyncResult) async_result = NULL;
  g_autoptr(AttacheImportResult) page = NULL;
  g_autoptr(AttacheFeedRefresh) refresh = NULL;
  g_autoptr(AttacheSubscription) feed = NULL;
  AttacheImportResult *port;

  /* The page is imported first; its canonical address is the item's link. */
  attache_importer_import_url_async (f->importer, story_url, NULL, test_result_cb, &async_result);
  page = attache_importer_import_url_finish (f->importer, test_wait_for_result (&async_result), NULL);
  g_assert_cmpint (attache_import_result_get_status (page), ==, ATTACHE_IMPORT_IMPORTED);
  g_assert_cmpint (attache_library_find_article_by_url (f->library, "https://harbour.example/2024/port-talks", NULL),
                   ==, attache_import_result_get_article_id (page));
  g_assert_cmpint (attache_library_find_article_by_url (f->library, story_url, NULL),
                   ==, attache_import_result_get_article_id (page));
  g_assert_cmpint (attache_library_find_article_by_url (f->library, "https://harbour.example/nowhere", NULL), ==, 0);

  refresh = subscribe (f, "/rss", FALSE);
  g_assert_cmpuint (attache_feed_refresh_get_results (refresh)->len, ==, 3);
  g_assert_cmpuint (attache_feed_refresh_get_n_imported (refresh), ==, 2);
  port = g_ptr_array_index (attache_feed_refresh_get_results (refresh), 1);
  g_assert_cmpint (attache_import_result_get_status (port), ==, ATTACHE_IMPORT_DUPLICATE);
  g_assert_cmpint (attache_import_result_get_article_id (port), ==, attache_import_result_get_article_id (page));
  g_assert_cmpint (attache_library_count_articles (f->library, NULL), ==, 3);

  /* The item counts as seen: it is not looked at again. */
  feed = get_feed (f, 1);
  g_assert_cmpint (feed->n_items, ==, 3);
}

static void
test_atom (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(AttacheFeedRefresh) refresh = subscribe (f, "/atom", FALSE);
  g_autoptr(AttacheFeedRefresh) again = NULL;
  g_autoptr(AttacheArticle) lighthouse = NULL;
  g_autoptr(AttacheArticle) budget = NULL;
  g_autoptr(AttacheSubscription) feed = NULL;

  g_assert_cmpuint (attache_feed_refresh_get_n_imported (refresh), ==, 2);

  lighthouse = get_result_article (f, refresh, 0);
  g_assert_cmpstr (attache_article_get_title (lighthouse), ==, "Lighthouse to become a museum");
  g_assert_cmpstr (attache_article_get_source (lighthouse), ==, "Valmora Ledger");
  /* No published date: the updated one. */
  g_assert_cmpstr (attache_article_get_published (lighthouse), ==, "2024-04-05T08:00:00Z");
  g_assert_cmpstr (attache_article_get_text (lighthouse), ==,
                   "The old lighthouse on Skarv Point will open as a maritime museum next spring.");

  /* HTML content made plain text, in paragraphs. */
  budget = get_result_article (f, refresh, 1);
  g_assert_cmpstr (attache_article_get_author (budget), ==, "Mara Lindqvist");
  g_assert_cmpstr (attache_article_get_url (budget), ==, "https://ledger.example/budget");
  g_assert_cmpstr (attache_article_get_text (budget), ==,
                   "The city council approved the harbour budget on Saturday by 31 votes to 12.\n\n"
                   "Dredging the outer basin takes the largest share.");

  feed = get_feed (f, attache_feed_refresh_get_feed_id (refresh));
  g_assert_cmpstr (feed->last_modified, ==, ATOM_LAST_MODIFIED);
  g_assert_null (feed->etag);

  again = refresh_feed (f, feed->id);
  g_assert_cmpstr (f->if_modified_since, ==, ATOM_LAST_MODIFIED);
  g_assert_cmpint (attache_feed_refresh_get_status (again), ==, ATTACHE_FEED_REFRESH_NOT_MODIFIED);
  g_assert_cmpint (attache_library_count_articles (f->library, NULL), ==, 2);
}

static void
test_remove_keeps_articles (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(AttacheFeedRefresh) first = subscribe (f, "/rss", FALSE);
  g_autoptr(AttacheFeedRefresh) again = NULL;
  g_autoptr(AttacheSubscription) gone = NULL;
  g_autoptr(GPtrArray) feeds = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (attache_library_remove_feed (f->library, 1, &error));
  g_assert_no_error (error);

  feeds = attache_library_list_feeds (f->library, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (feeds->len, ==, 0);
  g_assert_cmpint (attache_library_count_articles (f->library, NULL), ==, 3);

  gone = attache_library_get_feed (f->library, 1, &error);
  g_assert_error (error, ATTACHE_DATABASE_ERROR, ATTACHE_DATABASE_ERROR_NOT_FOUND);
  g_assert_null (gone);
  g_clear_error (&error);
  g_assert_false (attache_library_remove_feed (f->library, 1, &error));
  g_assert_error (error, ATTACHE_DATABASE_ERROR, ATTACHE_DATABASE_ERROR_NOT_FOUND);

  /* Subscribing again finds its articles in the library by their addresses. */
  again = subscribe (f, "/rss", FALSE);
  g_assert_true (attache_feed_refresh_get_subscribed (again));
  g_assert_cmpint (attache_feed_refresh_get_feed_id (again), ==, 2);
  g_assert_cmpuint (attache_feed_refresh_get_n_imported (again), ==, 0);
  g_assert_cmpuint (count_results (again, ATTACHE_IMPORT_DUPLICATE), ==, 3);
  g_assert_cmpint (attache_library_count_articles (f->library, NULL), ==, 3);
}

/* The feeds' unread counts follow the articles' read state; a feed lists
 * its own articles. */
static void
test_unread (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(AttacheFeedRefresh) first = subscribe (f, "/rss", FALSE);
  g_autoptr(AttacheSubscription) feed = NULL;
  g_autoptr(AttacheSubscription) after = NULL;
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GArray) none = NULL;
  g_autoptr(GError) error = NULL;
  gint64 article_id = attache_import_result_get_article_id (g_ptr_array_index (attache_feed_refresh_get_results (first), 0));
  gboolean read = TRUE;
  gboolean found;

  feed = get_feed (f, 1);
  g_assert_cmpint (feed->n_items, ==, 3);
  g_assert_cmpint (feed->n_unread, ==, 3);

  ids = attache_library_list_feed_article_ids (f->library, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ids->len, ==, 3);
  found = FALSE;
  for (guint i = 0; i < ids->len; i++)
    found |= g_array_index (ids, gint64, i) == article_id;
  g_assert_true (found);

  g_assert_true (attache_library_get_article_read (f->library, article_id, &read, &error));
  g_assert_no_error (error);
  g_assert_false (read);

  /* Read, twice (the second changes nothing), then unread again. */
  g_assert_true (attache_library_set_article_read (f->library, article_id, TRUE, &error));
  g_assert_no_error (error);
  g_assert_true (attache_library_set_article_read (f->library, article_id, TRUE, &error));
  g_assert_no_error (error);
  g_assert_true (attache_library_get_article_read (f->library, article_id, &read, &error));
  g_assert_true (read);
  after = get_feed (f, 1);
  g_assert_cmpint (after->n_unread, ==, 2);
  g_clear_pointer (&after, attache_subscription_free);

  g_assert_true (attache_library_set_article_read (f->library, article_id, FALSE, &error));
  after = get_feed (f, 1);
  g_assert_cmpint (after->n_unread, ==, 3);
  g_clear_pointer (&after, attache_subscription_free);

  /* A deleted article counts no more. */
  g_assert_true (attache_library_delete_article (f->library, article_id, &error));
  g_assert_no_error (error);
  after = get_feed (f, 1);
  g_assert_cmpint (after->n_unread, ==, 2);
  g_assert_cmpint (after->n_items, ==, 3);

  g_assert_false (attache_library_set_article_read (f->library, article_id, TRUE, &error));
  g_assert_error (error, ATTACHE_DATABASE_ERROR, ATTACHE_DATABASE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  none = attache_library_list_feed_article_ids (f->library, 42, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (none->len, ==, 0);
}

static void
test_opml (Fixture       *f,
           gconstpointer  data)
{
  g_autofree char *rss_url = url_for (f, "/rss");
  g_autofree char *atom_url = url_for (f, "/atom");
  g_autofree char *document = g_strdup_printf (opml, rss_url, atom_url);
  g_autoptr(GBytes) bytes = g_bytes_new (document, strlen (document));
  g_autoptr(GArray) added = NULL;
  g_autoptr(GArray) again = NULL;
  g_autoptr(GBytes) exported = NULL;
  g_autoptr(GPtrArray) outlines = NULL;
  g_autoptr(GError) error = NULL;
  AttacheOpmlOutline *outline;

  added = attache_feed_refresher_import_opml (f->refresher, bytes, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (added->len, ==, 2);
  g_assert_cmpint (g_array_index (added, AttacheFeedAdded, 0).status, ==, ATTACHE_ADD_ADDED);
  g_assert_cmpint (g_array_index (added, AttacheFeedAdded, 1).status, ==, ATTACHE_ADD_ADDED);
  /* Subscribing fetches nothing. */
  g_assert_cmpuint (f->n_requests, ==, 0);
  g_assert_cmpint (attache_library_count_articles (f->library, NULL), ==, 0);

  again = attache_feed_refresher_import_opml (f->refresher, bytes, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_array_index (again, AttacheFeedAdded, 0).status, ==, ATTACHE_ADD_DUPLICATE);
  g_assert_cmpint (g_array_index (again, AttacheFeedAdded, 0).id, ==, g_array_index (added, AttacheFeedAdded, 0).id);
  g_assert_cmpint (g_array_index (again, AttacheFeedAdded, 1).status, ==, ATTACHE_ADD_DUPLICATE);

  exported = attache_feed_refresher_export_opml (f->refresher, &error);
  g_assert_no_error (error);
  outlines = attache_opml_parse (exported, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (outlines->len, ==, 2);
  outline = g_ptr_array_index (outlines, 0);
  g_assert_cmpstr (attache_opml_outline_get_xml_url (outline), ==, rss_url);
  g_assert_cmpstr (attache_opml_outline_get_title (outline), ==, "Harbour Post");
  g_assert_cmpstr (attache_opml_outline_get_html_url (outline), ==, "https://harbour.example/");
  outline = g_ptr_array_index (outlines, 1);
  g_assert_cmpstr (attache_opml_outline_get_xml_url (outline), ==, atom_url);
  g_assert_cmpstr (attache_opml_outline_get_title (outline), ==, "Valmora Ledger");

  /* The subscriptions work. */
  for (guint i = 0; i < added->len; i++)
    {
      g_autoptr(AttacheFeedRefresh) refresh = refresh_feed (f, g_array_index (added, AttacheFeedAdded, i).id);

      g_assert_cmpint (attache_feed_refresh_get_status (refresh), ==, ATTACHE_FEED_REFRESH_UPDATED);
    }
  g_assert_cmpint (attache_library_count_articles (f->library, NULL), ==, 5);

  /* Not OPML at all. */
  {
    g_autoptr(GBytes) junk = g_bytes_new_static (atom, strlen (atom));
    g_autoptr(GArray) none = attache_feed_refresher_import_opml (f->refresher, junk, &error);

    g_assert_null (none);
    g_assert_error (error, ATTACHE_FEED_ERROR, ATTACHE_FEED_ERROR_NOT_A_FEED);
  }
}

static void
test_errors (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(AttacheFeedRefresh) broken = subscribe (f, "/broken", FALSE);
  g_autoptr(AttacheFeedRefresh) missing = subscribe (f, "/missing", FALSE);
  g_autoptr(AttacheFeedRefresh) good = NULL;
  g_autoptr(AttacheFeedRefresh) failed = NULL;
  g_autoptr(AttacheFeedRefresh) gone = NULL;
  g_autoptr(AttacheFeedRefresh) fixed = NULL;
  g_autoptr(AttacheFeedRefresh) unknown = NULL;
  g_autoptr(AttacheSubscription) before = NULL;
  g_autoptr(AttacheSubscription) after = NULL;
  g_autoptr(GPtrArray) feeds = NULL;
  const GError *error;

  /* Neither is subscribed to. */
  g_assert_cmpint (attache_feed_refresh_get_status (broken), ==, ATTACHE_FEED_REFRESH_FAILED);
  g_assert_cmpint (attache_feed_refresh_get_feed_id (broken), ==, 0);
  g_assert_error ((GError *) attache_feed_refresh_get_error (broken), ATTACHE_FEED_ERROR, ATTACHE_FEED_ERROR_NOT_A_FEED);
  g_assert_cmpint (attache_feed_refresh_get_status (missing), ==, ATTACHE_FEED_REFRESH_FAILED);
  error = attache_feed_refresh_get_error (missing);
  g_assert_error ((GError *) error, ATTACHE_FETCH_ERROR, ATTACHE_FETCH_ERROR_HTTP);
  g_assert_nonnull (strstr (error->message, "404"));
  feeds = attache_library_list_feeds (f->library, NULL);
  g_assert_cmpuint (feeds->len, ==, 0);
  g_assert_cmpint (attache_library_count_articles (f->library, NULL), ==, 0);

  /* A feed that breaks after it was subscribed to keeps its error. */
  good = subscribe (f, "/rss", FALSE);
  before = get_feed (f, 1);
  f->rss_broken = TRUE;
  f->rss = rss_v2;
  failed = refresh_feed (f, 1);
  g_assert_cmpint (attache_feed_refresh_get_status (failed), ==, ATTACHE_FEED_REFRESH_FAILED);
  g_assert_error ((GError *) attache_feed_refresh_get_error (failed), ATTACHE_FEED_ERROR, ATTACHE_FEED_ERROR_NOT_A_FEED);
  after = get_feed (f, 1);
  g_assert_cmpstr (after->last_error, ==, attache_feed_refresh_get_error (failed)->message);
  g_assert_cmpstr (after->etag, ==, before->etag);
  g_assert_cmpstr (after->last_fetched, ==, before->last_fetched);
  g_assert_cmpint (attache_library_count_articles (f->library, NULL), ==, 3);
  g_clear_pointer (&after, attache_subscription_free);

  f->rss_broken = FALSE;
  f->rss_missing = TRUE;
  gone = refresh_feed (f, 1);
  g_assert_cmpint (attache_feed_refresh_get_status (gone), ==, ATTACHE_FEED_REFRESH_FAILED);
  after = get_feed (f, 1);
  g_assert_nonnull (strstr (after->last_error, "404"));
  g_assert_cmpint (attache_library_count_articles (f->library, NULL), ==, 3);
  g_clear_pointer (&after, attache_subscription_free);

  /* Mended: the error goes, the new item comes. */
  f->rss_missing = FALSE;
  fixed = refresh_feed (f, 1);
  g_assert_cmpint (attache_feed_refresh_get_status (fixed), ==, ATTACHE_FEED_REFRESH_UPDATED);
  g_assert_cmpuint (attache_feed_refresh_get_n_imported (fixed), ==, 1);
  after = get_feed (f, 1);
  g_assert_null (after->last_error);

  unknown = refresh_feed (f, 42);
  g_assert_cmpint (attache_feed_refresh_get_status (unknown), ==, ATTACHE_FEED_REFRESH_FAILED);
  g_assert_error ((GError *) attache_feed_refresh_get_error (unknown),
                  ATTACHE_DATABASE_ERROR, ATTACHE_DATABASE_ERROR_NOT_FOUND);
}

static void
test_full_article (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(AttacheFeedRefresh) refresh = subscribe (f, "/teasers", TRUE);
  g_autoptr(AttacheArticle) school = NULL;
  g_autoptr(AttacheArticle) bridge = NULL;
  g_autoptr(AttacheSubscription) feed = NULL;
  g_autofree char *bridge_url = url_for (f, "/pages/bridge");
  g_autofree char *school_url = url_for (f, "/pages/gone");

  g_assert_cmpuint (attache_feed_refresh_get_n_imported (refresh), ==, 2);
  feed = get_feed (f, attache_feed_refresh_get_feed_id (refresh));
  g_assert_true (feed->fetch_full_article);

  /* The page could not be fetched: the teaser is kept. */
  school = get_result_article (f, refresh, 0);
  g_assert_cmpstr (attache_article_get_url (school), ==, school_url);
  g_assert_cmpstr (attache_article_get_text (school), ==,
                   "Nobody was hurt when the roof of the north school fell in overnight.");
  g_assert_null (attache_article_get_capture (school));

  /* The whole page, with its capture record. */
  bridge = get_result_article (f, refresh, 1);
  g_assert_cmpstr (attache_article_get_origin (bridge), ==, bridge_url);
  g_assert_true (g_str_has_prefix (attache_article_get_text (bridge), "Repairs to the Sundby bridge will take longer than planned"));
  g_assert_nonnull (strstr (attache_article_get_text (bridge), "September at the earliest"));
  g_assert_nonnull (attache_article_get_capture (bridge));
  g_assert_cmpint (feed->n_items, ==, 2);
}

/* attache-cli, as a program: the server answers from this process's main
 * loop while the CLI runs. Returns the exit status. */
static int
run_cli (Fixture     *f,
         char       **out,
         char       **err,
         const char  *first_arg,
         ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GBytes) out_bytes = NULL;
  g_autoptr(GBytes) err_bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  va_list args;

  g_ptr_array_add (argv, g_strdup (g_getenv ("ATTACHE_CLI")));
  g_ptr_array_add (argv, g_strdup ("--library"));
  g_ptr_array_add (argv, g_build_filename (f->dir, "cli.db", NULL));
  va_start (args, first_arg);
  for (const char *arg = first_arg; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, g_strdup (arg));
  va_end (args);
  g_ptr_array_add (argv, NULL);

  process = g_subprocess_newv ((const char * const *) argv->pdata,
                               G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE, &error);
  g_assert_no_error (error);

  g_subprocess_communicate_async (process, NULL, NULL, test_result_cb, &result);
  g_subprocess_communicate_finish (process, test_wait_for_result (&result), &out_bytes, &err_bytes, &error);
  g_assert_no_error (error);

  /* An empty GBytes may have no data at all. */
  *out = g_strndup (g_bytes_get_size (out_bytes) > 0 ? g_bytes_get_data (out_bytes, NULL) : "",
                    g_bytes_get_size (out_bytes));
  *err = g_strndup (g_bytes_get_size (err_bytes) > 0 ? g_bytes_get_data (err_bytes, NULL) : "",
                    g_bytes_get_size (err_bytes));
  g_assert_true (g_subprocess_get_if_exited (process));

  return g_subprocess_get_exit_status (process);
}

static void
test_cli (Fixture       *f,
          gconstpointer  data)
{
  g_autofree char *rss_url = url_for (f, "/rss");
  g_autofree char *missing_url = url_for (f, "/missing");
  g_autofree char *opml_path = g_build_filename (f->dir, "in.opml", NULL);
  g_autofree char *export_path = g_build_filename (f->dir, "out.opml", NULL);
  g_autofree char *document = g_strdup_printf (opml, rss_url, missing_url);
  g_autofree char *expected = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *exported = NULL;
  JsonObject *feed;
  char *out = NULL, *err = NULL;

  if (g_getenv ("ATTACHE_CLI") == NULL)
    {
      g_test_skip ("ATTACHE_CLI is not set: run through meson test");
      return;
    }

#define RUN(status, ...) \
  G_STMT_START { \
    g_clear_pointer (&out, g_free); \
    g_clear_pointer (&err, g_free); \
    g_assert_cmpint (run_cli (f, &out, &err, __VA_ARGS__, NULL), ==, (status)); \
  } G_STMT_END

  RUN (0, "feed", "add", rss_url);
  g_assert_cmpstr (out, ==,
                   "subscribed 1 Harbour Post — World\n"
                   "imported 1 Ferry operator adds winter crossings\n"
                   "imported 2 Port talks resume\n"
                   "imported 3 Fisheries ministers agree mackerel quotas\n");
  g_assert_cmpstr (err, ==, "");

  /* Analysed as it was imported. */
  RUN (0, "show", "--json", "3");
  g_assert_null (strstr (out, "\"analysis\" : null"));

  RUN (0, "feed", "list");
  expected = g_strdup_printf ("1\t%s\tHarbour Post — World\t3\t", rss_url);
  g_assert_true (g_str_has_prefix (out, expected));
  g_assert_true (g_str_has_suffix (out, "\t-\n"));

  /* Nothing new: the server says so. */
  RUN (0, "feed", "refresh");
  g_assert_cmpstr (out, ==, "");
  g_assert_cmpuint (f->n_not_modified, ==, 1);

  f->rss = rss_v2;
  RUN (0, "feed", "refresh", "1");
  g_assert_cmpstr (out, ==, "imported 4 Dock strike ends after nine days\n");

  /* A feed that is not there is not subscribed to. */
  RUN (1, "feed", "add", missing_url);
  g_clear_pointer (&expected, g_free);
  expected = g_strdup_printf ("error: %s: the server answered 404 Not Found\n", missing_url);
  g_assert_cmpstr (out, ==, "");
  g_assert_cmpstr (err, ==, expected);

  /* OPML: the known feed is said to be known; the new one is not fetched. */
  test_write_file (opml_path, document, -1);
  RUN (0, "feed", "import-opml", opml_path);
  g_assert_cmpstr (out, ==, "already subscribed 1 Harbour Post\nsubscribed 2 Valmora Ledger\n");

  /* Every feed: one fails, the other has nothing new. */
  RUN (1, "feed", "refresh");
  g_assert_cmpstr (out, ==, "");
  g_assert_cmpstr (err, ==, expected);

  RUN (0, "feed", "list", "--json");
  g_assert_true (json_parser_load_from_data (parser, out, -1, &error));
  g_assert_no_error (error);
  feed = json_array_get_object_element (json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)),
                                                                      "feeds"), 1);
  g_assert_cmpint (json_object_get_int_member (feed, "id"), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (feed, "url"), ==, missing_url);
  g_assert_cmpint (json_object_get_int_member (feed, "items"), ==, 0);
  g_assert_true (json_object_get_null_member (feed, "last_fetched"));
  g_assert_cmpstr (json_object_get_string_member (feed, "last_error"), ==, "the server answered 404 Not Found");

  RUN (0, "feed", "export-opml", export_path);
  g_assert_true (g_file_get_contents (export_path, &exported, NULL, NULL));
  g_assert_nonnull (strstr (exported, rss_url));
  g_assert_nonnull (strstr (exported, missing_url));

  RUN (0, "feed", "remove", "1");
  g_assert_cmpstr (out, ==, "removed 1 Harbour Post — World\n");
  RUN (0, "list");
  g_assert_nonnull (strstr (out, "Dock strike ends after nine days"));

  RUN (1, "feed", "remove", "1");
  g_assert_cmpstr (err, ==, "error: no feed with id 1\n");
  RUN (2, "feed", "remove", "one");
  RUN (2, "feed", "launch");
  RUN (2, "feed", "add");
  RUN (0, "feed", "--help");
  g_assert_nonnull (strstr (out, "import-opml"));

#undef RUN

  g_free (out);
  g_free (err);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/feeds/add-rss", test_add_rss);
  ADD ("/feeds/not-modified", test_not_modified);
  ADD ("/feeds/new-item", test_new_item);
  ADD ("/feeds/known-link", test_known_link);
  ADD ("/feeds/atom", test_atom);
  ADD ("/feeds/remove-keeps-articles", test_remove_keeps_articles);
  ADD ("/feeds/unread", test_unread);
  ADD ("/feeds/opml", test_opml);
  ADD ("/feeds/errors", test_errors);
  ADD ("/feeds/full-article", test_full_article);
  ADD ("/feeds/cli", test_cli);

  return g_test_run ();
}
