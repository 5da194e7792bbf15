/* attache-feed-refresher.c: subscribes to news feeds and imports their new items
 *
 * One refresh is a chain of steps on one GTask: (read the feed's row, in a
 * worker) → fetch the feed (main context) → parse it and store the items that
 * need no network (worker) → import the pages of items that only carry a
 * teaser, one after the other (main context) → store what is left and the
 * feed's new state (worker). Each worker step is a GTask of its own whose
 * callback moves the chain on.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "attache-feed-refresher"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "attache-feed.h"
#include "attache-feed-private.h"
#include "attache-feed-refresher.h"
#include "attache-extract.h"
#include "attache-importer-private.h"
#include "attache-language.h"
#include "attache-opml.h"

/* An item whose text is shorter than this is a teaser: with the feed's
 * fetch_full_article flag, its page is imported instead. */
#define TEASER_MAX_WORDS 150

#define HTTP_NOT_MODIFIED 304

struct _AttacheFeedRefresh
{
  gatomicrefcount           ref_count;
  gint64                    feed_id;
  char                     *url;
  char                     *title;
  gboolean                  subscribed;
  AttacheFeedRefreshStatus  status;
  GError                   *error;
  GPtrArray                *results;   /* AttacheImportResult; NULL slots while pending */
};

G_DEFINE_BOXED_TYPE (AttacheFeedRefresh, attache_feed_refresh,
                     attache_feed_refresh_ref, attache_feed_refresh_unref)

struct _AttacheFeedRefresher
{
  GObject          parent_instance;

  AttacheImporter *importer;
};

G_DEFINE_FINAL_TYPE (AttacheFeedRefresher, attache_feed_refresher, G_TYPE_OBJECT)

static void
result_unref0 (gpointer result)
{
  if (result != NULL)
    attache_import_result_unref (result);
}

static AttacheFeedRefresh *
feed_refresh_new (const char *url)
{
  AttacheFeedRefresh *refresh = g_new0 (AttacheFeedRefresh, 1);

  g_atomic_ref_count_init (&refresh->ref_count);
  refresh->url = g_strdup (url);
  refresh->status = ATTACHE_FEED_REFRESH_UPDATED;
  refresh->results = g_ptr_array_new_with_free_func (result_unref0);

  return refresh;
}

AttacheFeedRefresh *
attache_feed_refresh_ref (AttacheFeedRefresh *refresh)
{
  g_return_val_if_fail (refresh != NULL, NULL);
  g_atomic_ref_count_inc (&refresh->ref_count);
  return refresh;
}

void
attache_feed_refresh_unref (AttacheFeedRefresh *refresh)
{
  g_return_if_fail (refresh != NULL);

  if (g_atomic_ref_count_dec (&refresh->ref_count))
    {
      g_free (refresh->url);
      g_free (refresh->title);
      g_clear_error (&refresh->error);
      g_ptr_array_unref (refresh->results);
      g_free (refresh);
    }
}

gint64
attache_feed_refresh_get_feed_id (AttacheFeedRefresh *refresh)
{
  g_return_val_if_fail (refresh != NULL, 0);
  return refresh->feed_id;
}

const char *
attache_feed_refresh_get_url (AttacheFeedRefresh *refresh)
{
  g_return_val_if_fail (refresh != NULL, NULL);
  return refresh->url;
}

const char *
attache_feed_refresh_get_title (AttacheFeedRefresh *refresh)
{
  g_return_val_if_fail (refresh != NULL, NULL);
  return refresh->title;
}

gboolean
attache_feed_refresh_get_subscribed (AttacheFeedRefresh *refresh)
{
  g_return_val_if_fail (refresh != NULL, FALSE);
  return refresh->subscribed;
}

AttacheFeedRefreshStatus
attache_feed_refresh_get_status (AttacheFeedRefresh *refresh)
{
  g_return_val_if_fail (refresh != NULL, ATTACHE_FEED_REFRESH_FAILED);
  return refresh->status;
}

const GError *
attache_feed_refresh_get_error (AttacheFeedRefresh *refresh)
{
  g_return_val_if_fail (refresh != NULL, NULL);
  return refresh->error;
}

GPtrArray *
attache_feed_refresh_get_results (AttacheFeedRefresh *refresh)
{
  g_return_val_if_fail (refresh != NULL, NULL);
  return refresh->results;
}

guint
attache_feed_refresh_get_n_imported (AttacheFeedRefresh *refresh)
{
  guint n = 0;

  g_return_val_if_fail (refresh != NULL, 0);

  for (guint i = 0; i < refresh->results->len; i++)
    {
      AttacheImportResult *result = g_ptr_array_index (refresh->results, i);

      if (result != NULL && attache_import_result_get_status (result) == ATTACHE_IMPORT_IMPORTED)
        n++;
    }

  return n;
}

static void
attache_feed_refresher_finalize (GObject *object)
{
  AttacheFeedRefresher *self = ATTACHE_FEED_REFRESHER (object);

  g_clear_object (&self->importer);

  G_OBJECT_CLASS (attache_feed_refresher_parent_class)->finalize (object);
}

static void
attache_feed_refresher_class_init (AttacheFeedRefresherClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = attache_feed_refresher_finalize;
}

static void
attache_feed_refresher_init (AttacheFeedRefresher *self)
{
}

AttacheFeedRefresher *
attache_feed_refresher_new (AttacheImporter *importer)
{
  AttacheFeedRefresher *self;

  g_return_val_if_fail (ATTACHE_IS_IMPORTER (importer), NULL);

  self = g_object_new (ATTACHE_TYPE_FEED_REFRESHER, NULL);
  self->importer = g_object_ref (importer);

  return self;
}

AttacheLibrary *
attache_feed_refresher_get_library (AttacheFeedRefresher *self)
{
  g_return_val_if_fail (ATTACHE_IS_FEED_REFRESHER (self), NULL);
  return attache_importer_get_library (self->importer);
}

/* Making articles of items */

/* Plain text in paragraphs: blank lines separate them, other white space is
 * collapsed. NULL when there is no text. */
static char *
plain_paragraphs (const char *text)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  gboolean paragraph_break = FALSE;

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_autofree char *line = _attache_feed_clean_line (lines[i]);

      if (line == NULL)
        {
          paragraph_break = TRUE;
          continue;
        }
      if (out->len > 0)
        g_string_append (out, paragraph_break ? "\n\n" : " ");
      g_string_append (out, line);
      paragraph_break = FALSE;
    }

  if (out->len == 0)
    return NULL;

  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* The paragraphs of an HTML fragment, found as in a web page; a fragment the
 * extractor finds no article in (a sentence or two) is made one paragraph. */
static char *
html_paragraphs (const char *html,
                 const char *base_uri)
{
  g_autofree char *page = g_strconcat ("<!DOCTYPE html><html><head><meta charset=\"utf-8\"></head>"
                                       "<body><article>", html, "</article></body></html>", NULL);
  g_autoptr(AttacheExtraction) extraction = NULL;
  g_autofree char *text = NULL;

  extraction = attache_extract_html ((const guchar *) page, strlen (page), base_uri, "utf-8", NULL);
  if (extraction != NULL)
    text = attache_extraction_dup_text (extraction);

  if (text == NULL || *text == '\0')
    {
      g_free (text);
      text = _attache_feed_html_to_text (html);
    }

  if (text == NULL || *text == '\0')
    return NULL;

  return g_steal_pointer (&text);
}

static char *
item_text_of (const char          *text,
              AttacheFeedTextType  type,
              const char          *base_uri)
{
  if (text == NULL || *text == '\0')
    return NULL;

  if (type == ATTACHE_FEED_TEXT_HTML)
    return html_paragraphs (text, base_uri);

  return plain_paragraphs (text);
}

static gboolean
is_web_address (const char *url)
{
  return url != NULL &&
         (g_ascii_strncasecmp (url, "http://", 7) == 0 || g_ascii_strncasecmp (url, "https://", 8) == 0);
}

/* The article an item makes, not stored yet; NULL when the item has no text at
 * all, not even a title. *@out_teaser says whether its text is a teaser. */
static AttacheArticle *
article_from_item (AttacheFeed     *feed,
                   AttacheFeedItem *item,
                   const char      *feed_url,
                   const char      *feed_title,
                   GDateTime       *fetched,
                   gboolean        *out_teaser)
{
  g_autoptr(AttacheArticle) article = attache_article_new ();
  g_autofree char *text = NULL;
  g_autofree char *title = NULL;
  g_autofree char *sha256 = NULL;
  g_autofree char *authors = NULL;
  const char *base_uri = attache_feed_item_get_base_uri (item);
  const char *raw;
  const char *link = attache_feed_item_get_link (item);
  const char *language;

  /* The full content, else the summary. */
  raw = attache_feed_item_get_content (item);
  text = item_text_of (raw, attache_feed_item_get_content_type (item), base_uri);
  if (text == NULL)
    {
      raw = attache_feed_item_get_summary (item);
      text = item_text_of (raw, attache_feed_item_get_summary_type (item), base_uri);
    }

  if (attache_feed_item_get_title (item) != NULL)
    title = g_strdup (attache_feed_item_get_title (item));
  else if (text != NULL)
    title = attache_feed_item_dup_plain_summary (item, 100);

  /* An item with a title only: the title is its text. */
  if (text == NULL && title != NULL)
    {
      text = g_strdup (title);
      raw = title;
    }
  if (text == NULL)
    return NULL;
  if (title == NULL)
    title = g_strdup (link != NULL ? link : text);

  *out_teaser = attache_count_words (text) < TEASER_MAX_WORDS;

  /* The item's own bytes, as an imported file's are its file's. */
  sha256 = g_compute_checksum_for_string (G_CHECKSUM_SHA256, raw, -1);

  attache_article_set_title (article, title);
  attache_article_set_text (article, text);
  attache_article_set_sha256 (article, sha256);
  attache_article_set_url (article, link);
  attache_article_set_origin (article, link != NULL ? link : feed_url);
  attache_article_set_source (article, feed_title);
  attache_article_set_imported (article, fetched);

  authors = g_strjoinv (", ", (char **) attache_feed_item_get_authors (item));
  if (*authors != '\0')
    attache_article_set_author (article, authors);

  if (attache_feed_item_get_published (item) != NULL)
    attache_article_set_published (article, attache_feed_item_get_published (item));
  else if (attache_feed_item_get_updated (item) != NULL)
    attache_article_set_published (article, attache_feed_item_get_updated (item));

  language = attache_feed_item_get_language (item);
  if (language == NULL)
    language = attache_feed_get_language (feed);
  if (language == NULL)
    language = attache_detect_language (text, NULL);
  attache_article_set_language (article, language);

  return g_steal_pointer (&article);
}

/* The item's id, else one made of what it says: an item without a guid, an
 * id or a link is still imported once only. */
static char *
dup_item_id (AttacheFeedItem *item)
{
  g_autoptr(GChecksum) checksum = NULL;
  const char *parts[3];

  if (attache_feed_item_get_id (item) != NULL)
    return g_strdup (attache_feed_item_get_id (item));

  parts[0] = attache_feed_item_get_title (item);
  parts[1] = attache_feed_item_get_summary (item);
  parts[2] = attache_feed_item_get_content (item);

  checksum = g_checksum_new (G_CHECKSUM_SHA256);
  for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
    {
      if (parts[i] != NULL)
        g_checksum_update (checksum, (const guchar *) parts[i], -1);
      g_checksum_update (checksum, (const guchar *) "", 1);
    }

  return g_strconcat ("sha256:", g_checksum_get_string (checksum), NULL);
}

/* One refresh */

typedef struct
{
  char                *item_id;
  char                *link;
  AttacheArticle      *article;    /* made of the item: stored when its page cannot be */
  guint                position;   /* its slot in the refresh's results */
  AttacheImportResult *page;       /* the import of its page */
} PendingItem;

static void
pending_item_free (PendingItem *pending)
{
  g_free (pending->item_id);
  g_free (pending->link);
  g_clear_object (&pending->article);
  g_clear_pointer (&pending->page, attache_import_result_unref);
  g_free (pending);
}

typedef struct
{
  AttacheFeedRefresh  *refresh;
  gboolean             subscribe;
  gboolean             fetch_full_article;  /* asked for when subscribing */
  AttacheSubscription *feed;                /* NULL until it is stored */
  AttacheFetchResult  *fetched;
  GError              *fetch_error;
  char                *title;               /* of the feed as fetched */
  char                *site_url;
  GPtrArray           *pending;             /* PendingItem, pages to import */
  guint                next_pending;
} RefreshData;

static void
refresh_data_free (RefreshData *data)
{
  attache_feed_refresh_unref (data->refresh);
  g_clear_pointer (&data->feed, attache_subscription_free);
  g_clear_pointer (&data->fetched, attache_fetch_result_unref);
  g_clear_error (&data->fetch_error);
  g_free (data->title);
  g_free (data->site_url);
  g_ptr_array_unref (data->pending);
  g_free (data);
}

static RefreshData *
refresh_data_new (const char *url)
{
  RefreshData *data = g_new0 (RefreshData, 1);

  data->refresh = feed_refresh_new (url);
  data->pending = g_ptr_array_new_with_free_func ((GDestroyNotify) pending_item_free);

  return data;
}

/* Runs @worker on @task's data in a thread, then @done on the main context
 * with @task (whose reference it takes) as its user data. */
static void
run_step (GTask           *task,
          GTaskThreadFunc  worker,
          GAsyncReadyCallback done)
{
  g_autoptr(GTask) step = g_task_new (g_task_get_source_object (task), g_task_get_cancellable (task),
                                      done, task);

  g_task_set_task_data (step, g_task_get_task_data (task), NULL);
  g_task_run_in_thread (step, worker);
}

/* Ends the refresh: the outer task returns the refresh. Takes @task. */
static void
complete (GTask *task)
{
  RefreshData *data = g_task_get_task_data (task);

  g_task_return_pointer (task, attache_feed_refresh_ref (data->refresh),
                         (GDestroyNotify) attache_feed_refresh_unref);
  g_object_unref (task);
}

/* In a worker: the refresh failed with @error (taken); the feed keeps it as
 * its last error when it is stored. */
static void
fail (AttacheFeedRefresher *self,
      RefreshData          *data,
      GError               *error)
{
  AttacheLibrary *library = attache_importer_get_library (self->importer);
  g_autoptr(GError) record_error = NULL;

  data->refresh->status = ATTACHE_FEED_REFRESH_FAILED;
  g_clear_error (&data->refresh->error);
  data->refresh->error = error;

  if (data->feed != NULL &&
      !attache_library_record_feed_error (library, data->feed->id, error->message, &record_error))
    g_debug ("Could not keep the error of feed %s: %s", data->refresh->url, record_error->message);
}

/* In a worker: the result of storing @article for an item. */
static AttacheImportResult *
store_item_article (AttacheLibrary *library,
                    RefreshData    *data,
                    const char     *item_id,
                    AttacheArticle *article)
{
  const char *link = attache_article_get_url (article);
  g_autoptr(GFile) file = link != NULL ? g_file_new_for_uri (link) : NULL;
  GError *error = NULL;
  gint64 id = 0;

  switch (attache_library_add_feed_article (library, data->feed->id, item_id, article, &id, &error))
    {
    case ATTACHE_ADD_ADDED:
      return _attache_import_result_new (file, ATTACHE_IMPORT_IMPORTED, id,
                                         attache_article_get_title (article), NULL);

    case ATTACHE_ADD_DUPLICATE:
      {
        g_autoptr(AttacheArticle) existing = attache_library_get_article (library, id, NULL);

        return _attache_import_result_new (file, ATTACHE_IMPORT_DUPLICATE, id,
                                           existing != NULL ? attache_article_get_title (existing)
                                                            : attache_article_get_title (article),
                                           NULL);
      }

    case ATTACHE_ADD_FAILED:
    default:
      return _attache_import_result_new (file, ATTACHE_IMPORT_FAILED, 0, NULL, error);
    }
}

/* In a worker: the last step of a good fetch. */
static void
record_fetched (AttacheLibrary *library,
                RefreshData    *data)
{
  const char *etag = attache_fetch_result_get_etag (data->fetched);
  const char *last_modified = attache_fetch_result_get_last_modified (data->fetched);
  GError *error = NULL;

  /* A 304 need not repeat the validators. */
  if (attache_fetch_result_get_status (data->fetched) == HTTP_NOT_MODIFIED)
    {
      if (etag == NULL)
        etag = data->feed->etag;
      if (last_modified == NULL)
        last_modified = data->feed->last_modified;
    }

  if (!attache_library_record_feed_fetched (library, data->feed->id, data->title, data->site_url,
                                            etag, last_modified, &error))
    {
      data->refresh->status = ATTACHE_FEED_REFRESH_FAILED;
      data->refresh->error = error;
      return;
    }

  if (data->title != NULL)
    {
      g_free (data->refresh->title);
      data->refresh->title = g_strdup (data->title);
    }
}

/* In a worker: each item of @feed not seen before is stored, or put aside to
 * have its page imported. */
static gboolean
store_items (AttacheFeedRefresher  *self,
             RefreshData           *data,
             AttacheFeed           *feed,
             GCancellable          *cancellable,
             GError               **error)
{
  AttacheLibrary *library = attache_importer_get_library (self->importer);
  GDateTime *fetched = attache_fetch_result_get_fetched (data->fetched);
  const char *feed_title = data->title != NULL ? data->title : data->feed->title;

  /* Feeds put the newest first: the oldest is imported first. */
  for (guint i = attache_feed_get_n_items (feed); i-- > 0;)
    {
      AttacheFeedItem *item = attache_feed_get_item (feed, i);
      g_autofree char *item_id = dup_item_id (item);
      g_autoptr(AttacheArticle) article = NULL;
      const char *link = attache_feed_item_get_link (item);
      gboolean seen = FALSE;
      gboolean teaser = FALSE;
      gint64 id;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;

      /* 1. The item was seen before. */
      if (!attache_library_has_feed_item (library, data->feed->id, item_id, &seen, error))
        return FALSE;
      if (seen)
        continue;

      /* 2. Its address is in the library already (imported as a page, or
       * from another feed). */
      if (link != NULL)
        {
          id = attache_library_find_article_by_url (library, link, error);
          if (id < 0)
            return FALSE;
          if (id > 0)
            {
              g_autoptr(AttacheArticle) existing = attache_library_get_article (library, id, NULL);
              g_autoptr(GFile) file = g_file_new_for_uri (link);

              if (!attache_library_record_feed_item (library, data->feed->id, item_id, id, error))
                return FALSE;
              g_ptr_array_add (data->refresh->results,
                               _attache_import_result_new (file, ATTACHE_IMPORT_DUPLICATE, id,
                                                           existing != NULL ? attache_article_get_title (existing)
                                                                            : attache_feed_item_get_title (item),
                                                           NULL));
              continue;
            }
        }

      article = article_from_item (feed, item, data->refresh->url, feed_title, fetched, &teaser);
      if (article == NULL)
        {
          /* Nothing to import: no title, no text. */
          if (!attache_library_record_feed_item (library, data->feed->id, item_id, 0, error))
            return FALSE;
          continue;
        }

      if (data->feed->fetch_full_article && teaser && is_web_address (link))
        {
          PendingItem *pending = g_new0 (PendingItem, 1);

          pending->item_id = g_steal_pointer (&item_id);
          pending->link = g_strdup (link);
          pending->article = g_steal_pointer (&article);
          pending->position = data->refresh->results->len;
          g_ptr_array_add (data->refresh->results, NULL);
          g_ptr_array_add (data->pending, pending);
          continue;
        }

      /* 3. Its text is in the library already: add_feed_article says so. */
      g_ptr_array_add (data->refresh->results, store_item_article (library, data, item_id, article));
    }

  return TRUE;
}

static void
read_feed_worker (GTask        *step,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  AttacheFeedRefresher *self = source_object;
  AttacheLibrary *library = attache_importer_get_library (self->importer);
  RefreshData *data = task_data;
  g_autoptr(AttacheFeed) feed = NULL;
  GError *error = NULL;

  if (g_task_return_error_if_cancelled (step))
    return;

  if (data->fetch_error != NULL)
    {
      fail (self, data, g_steal_pointer (&data->fetch_error));
      g_task_return_boolean (step, TRUE);
      return;
    }

  if (attache_fetch_result_get_status (data->fetched) == HTTP_NOT_MODIFIED)
    {
      data->refresh->status = ATTACHE_FEED_REFRESH_NOT_MODIFIED;
      record_fetched (library, data);
      g_task_return_boolean (step, TRUE);
      return;
    }

  feed = attache_feed_parse (attache_fetch_result_get_body (data->fetched),
                             attache_fetch_result_get_final_url (data->fetched), &error);
  if (feed == NULL)
    {
      fail (self, data, error);
      g_task_return_boolean (step, TRUE);
      return;
    }

  data->title = g_strdup (attache_feed_get_title (feed));
  data->site_url = g_strdup (attache_feed_get_link (feed));

  if (data->subscribe)
    {
      AttacheAddStatus status;
      gint64 id = 0;

      status = attache_library_add_feed (library, data->refresh->url, data->title, data->site_url,
                                         data->fetch_full_article, &id, &error);
      if (status == ATTACHE_ADD_FAILED ||
          (data->feed = attache_library_get_feed (library, id, &error)) == NULL)
        {
          fail (self, data, error);
          g_task_return_boolean (step, TRUE);
          return;
        }

      data->refresh->feed_id = id;
      data->refresh->subscribed = status == ATTACHE_ADD_ADDED;
      g_free (data->refresh->title);
      data->refresh->title = g_strdup (data->feed->title);
    }

  if (!store_items (self, data, feed, cancellable, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_task_return_error (step, error);
          return;
        }
      fail (self, data, error);
      g_task_return_boolean (step, TRUE);
      return;
    }

  if (data->pending->len == 0)
    record_fetched (library, data);

  g_task_return_boolean (step, TRUE);
}

static void
finish_worker (GTask        *step,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  AttacheFeedRefresher *self = source_object;
  AttacheLibrary *library = attache_importer_get_library (self->importer);
  RefreshData *data = task_data;

  if (g_task_return_error_if_cancelled (step))
    return;

  for (guint i = 0; i < data->pending->len; i++)
    {
      PendingItem *pending = g_ptr_array_index (data->pending, i);
      AttacheImportResult *result = NULL;
      AttacheImportStatus status = attache_import_result_get_status (pending->page);

      if (status == ATTACHE_IMPORT_IMPORTED || status == ATTACHE_IMPORT_DUPLICATE)
        {
          GError *error = NULL;

          if (attache_library_record_feed_item (library, data->feed->id, pending->item_id,
                                                attache_import_result_get_article_id (pending->page), &error))
            result = attache_import_result_ref (pending->page);
          else
            result = _attache_import_result_new (attache_import_result_get_file (pending->page),
                                                 ATTACHE_IMPORT_FAILED, 0, NULL, error);
        }
      else
        {
          const GError *page_error = attache_import_result_get_error (pending->page);

          /* The page could not be imported: the teaser is better than nothing. */
          g_debug ("Keeping the teaser of %s: %s", pending->link,
                   page_error != NULL ? page_error->message : "?");
          result = store_item_article (library, data, pending->item_id, pending->article);
        }

      g_ptr_array_index (data->refresh->results, pending->position) = result;
    }

  record_fetched (library, data);
  g_task_return_boolean (step, TRUE);
}

static void fetch_next_page (GTask *task);

static void
finish_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  GTask *task = user_data;
  GError *error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }

  complete (task);
}

static void
import_page_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  GTask *task = user_data;
  RefreshData *data = g_task_get_task_data (task);
  PendingItem *pending = g_ptr_array_index (data->pending, data->next_pending);
  GError *error = NULL;

  pending->page = attache_importer_import_url_finish (ATTACHE_IMPORTER (object), result, &error);
  if (pending->page == NULL)
    {
      /* Cancelled. */
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }

  data->next_pending++;
  fetch_next_page (task);
}

/* Imports the pages of the items put aside, one after the other. Takes @task. */
static void
fetch_next_page (GTask *task)
{
  AttacheFeedRefresher *self = g_task_get_source_object (task);
  RefreshData *data = g_task_get_task_data (task);

  if (data->next_pending < data->pending->len)
    {
      PendingItem *pending = g_ptr_array_index (data->pending, data->next_pending);

      attache_importer_import_url_async (self->importer, pending->link, g_task_get_cancellable (task),
                                         import_page_cb, task);
      return;
    }

  run_step (task, finish_worker, finish_done_cb);
}

static void
read_feed_done_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  GTask *task = user_data;
  RefreshData *data = g_task_get_task_data (task);
  GError *error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }

  if (data->refresh->status == ATTACHE_FEED_REFRESH_UPDATED && data->pending->len > 0)
    fetch_next_page (task);
  else
    complete (task);
}

static void
fetch_feed_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  GTask *task = user_data;
  RefreshData *data = g_task_get_task_data (task);
  GError *error = NULL;

  data->fetched = attache_fetcher_fetch_finish (ATTACHE_FETCHER (object), result, &error);
  if (data->fetched == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_task_return_error (task, error);
          g_object_unref (task);
          return;
        }
      data->fetch_error = error;
    }

  run_step (task, read_feed_worker, read_feed_done_cb);
}

/* Fetches the feed, conditionally when its validators are known. Takes @task. */
static void
fetch_feed (GTask *task)
{
  AttacheFeedRefresher *self = g_task_get_source_object (task);
  RefreshData *data = g_task_get_task_data (task);

  attache_fetcher_fetch_async (attache_importer_get_fetcher (self->importer), data->refresh->url,
                               data->feed != NULL ? data->feed->etag : NULL,
                               data->feed != NULL ? data->feed->last_modified : NULL,
                               g_task_get_cancellable (task), fetch_feed_cb, task);
}

void
attache_feed_refresher_subscribe_async (AttacheFeedRefresher *self,
                                        const char           *url,
                                        gboolean              fetch_full_article,
                                        GCancellable         *cancellable,
                                        GAsyncReadyCallback   callback,
                                        gpointer              user_data)
{
  GTask *task;
  RefreshData *data;

  g_return_if_fail (ATTACHE_IS_FEED_REFRESHER (self));
  g_return_if_fail (url != NULL);

  data = refresh_data_new (url);
  data->subscribe = TRUE;
  data->fetch_full_article = fetch_full_article;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, attache_feed_refresher_subscribe_async);
  g_task_set_task_data (task, data, (GDestroyNotify) refresh_data_free);

  fetch_feed (task);
}

AttacheFeedRefresh *
attache_feed_refresher_subscribe_finish (AttacheFeedRefresher  *self,
                                         GAsyncResult          *result,
                                         GError               **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == attache_feed_refresher_subscribe_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
load_feed_worker (GTask        *step,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  AttacheFeedRefresher *self = source_object;
  RefreshData *data = task_data;
  GError *error = NULL;

  if (g_task_return_error_if_cancelled (step))
    return;

  data->feed = attache_library_get_feed (attache_importer_get_library (self->importer),
                                         data->refresh->feed_id, &error);
  if (data->feed == NULL)
    fail (self, data, error);

  g_task_return_boolean (step, TRUE);
}

static void
load_feed_done_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  GTask *task = user_data;
  RefreshData *data = g_task_get_task_data (task);
  GError *error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }

  if (data->feed == NULL)
    {
      complete (task);
      return;
    }

  g_free (data->refresh->url);
  data->refresh->url = g_strdup (data->feed->url);
  data->refresh->title = g_strdup (data->feed->title);
  fetch_feed (task);
}

void
attache_feed_refresher_refresh_async (AttacheFeedRefresher *self,
                                      gint64                feed_id,
                                      GCancellable         *cancellable,
                                      GAsyncReadyCallback   callback,
                                      gpointer              user_data)
{
  GTask *task;
  RefreshData *data;

  g_return_if_fail (ATTACHE_IS_FEED_REFRESHER (self));

  data = refresh_data_new (NULL);
  data->refresh->feed_id = feed_id;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, attache_feed_refresher_refresh_async);
  g_task_set_task_data (task, data, (GDestroyNotify) refresh_data_free);

  run_step (task, load_feed_worker, load_feed_done_cb);
}

AttacheFeedRefresh *
attache_feed_refresher_refresh_finish (AttacheFeedRefresher  *self,
                                       GAsyncResult          *result,
                                       GError               **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == attache_feed_refresher_refresh_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* OPML */

GArray *
attache_feed_refresher_import_opml (AttacheFeedRefresher  *self,
                                    GBytes                *bytes,
                                    GError               **error)
{
  g_autoptr(GPtrArray) outlines = NULL;

  g_return_val_if_fail (ATTACHE_IS_FEED_REFRESHER (self), NULL);
  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  outlines = attache_opml_parse (bytes, error);
  if (outlines == NULL)
    return NULL;

  return attache_library_add_feeds (attache_importer_get_library (self->importer), outlines, error);
}

GBytes *
attache_feed_refresher_export_opml (AttacheFeedRefresher  *self,
                                    GError               **error)
{
  g_autoptr(GPtrArray) feeds = NULL;
  g_autoptr(GPtrArray) outlines = NULL;

  g_return_val_if_fail (ATTACHE_IS_FEED_REFRESHER (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  feeds = attache_library_list_feeds (attache_importer_get_library (self->importer), error);
  if (feeds == NULL)
    return NULL;

  outlines = g_ptr_array_new_with_free_func ((GDestroyNotify) attache_opml_outline_free);
  for (guint i = 0; i < feeds->len; i++)
    {
      const AttacheSubscription *feed = g_ptr_array_index (feeds, i);

      g_ptr_array_add (outlines, attache_opml_outline_new (feed->title, feed->url, feed->site_url));
    }

  return attache_opml_write (outlines, error);
}
