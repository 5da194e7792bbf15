/* attache-library.c: the analyst's library of articles, kept in one sqlite file
 *
 * All SQL of the project lives here (and in attache-database.c). Every call is
 * thread-safe: it holds the database's lock for its whole duration, and every
 * write is one transaction.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "attache-library"

#include "config.h"

#include <glib/gi18n.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "attache-dispatch-private.h"
#include "attache-database-private.h"
#include "attache-fetcher-private.h"
#include "attache-library-private.h"
#include "attache-search.h"
#include "attache-story-private.h"
#include "attache-task-private.h"

struct _AttacheLibrary
{
  GObject          parent_instance;

  AttacheDatabase *database;
  GMainContext    *context;   /* where signals are emitted */

  /* "articles-changed" in a burst (a refresh of a hundred feeds stores
   * hundreds of articles) is emitted at most every ARTICLES_CHANGED_INTERVAL_MS. */
  GMutex             notify_lock;
  gboolean           articles_changed_pending;
  gint64             articles_changed_last;   /* monotonic time of the last emission */
  guint              articles_changed_burst;  /* emissions in a row, each soon after the last */

  /* How many articles use each word, for topics; reloaded as the library grows. */
  GMutex             stats_lock;
  AttacheTopicStats *stats;
};

G_DEFINE_FINAL_TYPE (AttacheLibrary, attache_library, G_TYPE_OBJECT)

/* The shortest time between two "articles-changed" in a burst of changes,
 * once ARTICLES_CHANGED_FREE have been emitted at once. */
#define ARTICLES_CHANGED_INTERVAL_MS 250
#define ARTICLES_CHANGED_FREE        2

enum {
  ARTICLES_CHANGED,
  ANALYSES_CHANGED,
  FEEDS_CHANGED,
  BRIEFINGS_CHANGED,
  ACTORS_CHANGED,
  SAVED_SEARCHES_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

struct _AttacheSearchHit
{
  gatomicrefcount  ref_count;
  AttacheArticle  *article;
  char            *snippet;   /* matches between \002 and \003 */
  double           rank;
};

G_DEFINE_BOXED_TYPE (AttacheSearchHit, attache_search_hit,
                     attache_search_hit_ref, attache_search_hit_unref)

G_DEFINE_BOXED_TYPE (AttacheSubscription, attache_subscription,
                     attache_subscription_copy, attache_subscription_free)

/* The columns every article query selects, in this order (see article_from_row). */
#define ARTICLE_COLUMNS ATTACHE_ARTICLE_COLUMNS
#define N_ARTICLE_COLUMNS ATTACHE_N_ARTICLE_COLUMNS

static void
attache_library_finalize (GObject *object)
{
  AttacheLibrary *self = ATTACHE_LIBRARY (object);

  g_clear_object (&self->database);
  g_clear_pointer (&self->context, g_main_context_unref);
  if (self->stats != NULL)
    {
      g_hash_table_unref (self->stats->document_frequency);
      g_free (self->stats);
    }
  g_mutex_clear (&self->stats_lock);
  g_mutex_clear (&self->notify_lock);

  G_OBJECT_CLASS (attache_library_parent_class)->finalize (object);
}

static void
attache_library_class_init (AttacheLibraryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = attache_library_finalize;

  /**
   * AttacheLibrary::articles-changed:
   *
   * Articles were added, deleted or restored, by any thread. Emitted on the main
   * context the library was opened on.
   */
  signals[ARTICLES_CHANGED] =
    g_signal_new ("articles-changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  /**
   * AttacheLibrary::analyses-changed:
   *
   * Stored analyses changed (new articles analysed, or re-analysed). Emitted on
   * the main context the library was opened on.
   */
  signals[ANALYSES_CHANGED] =
    g_signal_new ("analyses-changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  /**
   * AttacheLibrary::feeds-changed:
   *
   * Feed subscriptions were added, removed or fetched, or an article's read
   * state changed (the feeds' unread counts). Emitted on the main context the
   * library was opened on.
   */
  signals[FEEDS_CHANGED] =
    g_signal_new ("feeds-changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  /**
   * AttacheLibrary::briefings-changed:
   * @briefing_id: the briefing that changed (created, edited or deleted)
   *
   * A briefing was written (attache-briefing-store.h), by any thread. Emitted
   * on the main context the library was opened on, once per write. Whether a
   * cited article is still in the library follows "articles-changed".
   */
  signals[BRIEFINGS_CHANGED] =
    g_signal_new ("briefings-changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_INT64);

  /**
   * AttacheLibrary::actors-changed:
   *
   * The analyst corrected actors (renamed, merged, split, retyped, hidden, or
   * undid one of those). "analyses-changed" is emitted as well, since the
   * articles' actors changed with them. Emitted on the main context the
   * library was opened on.
   */
  signals[ACTORS_CHANGED] =
    g_signal_new ("actors-changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  /**
   * AttacheLibrary::saved-searches-changed:
   *
   * A saved search was added, renamed, changed or deleted. Emitted on the
   * main context the library was opened on.
   */
  signals[SAVED_SEARCHES_CHANGED] =
    g_signal_new ("saved-searches-changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
}

static void
attache_library_init (AttacheLibrary *self)
{
  g_mutex_init (&self->stats_lock);
  g_mutex_init (&self->notify_lock);
}

char *
attache_library_dup_default_path (void)
{
  const char *env = g_getenv ("ATTACHE_LIBRARY");

  if (env != NULL && env[0] != '\0')
    return g_strdup (env);

  return g_build_filename (g_get_user_data_dir (), "attache", "library.db", NULL);
}

/* Opens the library at @path; its signals are emitted in @context. */
static AttacheLibrary *
open_for_context (const char    *path,
                  GMainContext  *context,
                  GError       **error)
{
  g_autoptr(AttacheDatabase) database = NULL;
  AttacheLibrary *self;

  database = attache_database_open (path, error);
  if (database == NULL)
    return NULL;

  _attache_database_lock (database);
  if (!_attache_search_register_functions (_attache_database_get_handle (database), error))
    {
      _attache_database_unlock (database);
      return NULL;
    }
  _attache_database_unlock (database);

  self = g_object_new (ATTACHE_TYPE_LIBRARY, NULL);
  self->database = g_steal_pointer (&database);
  self->context = g_main_context_ref (context);

  /* Articles stored before stories existed have no signature yet: compute
   * them now (once; nothing to do on later opens). */
  if (attache_library_group_stories (self, error) < 0)
    {
      g_object_unref (self);
      return NULL;
    }

  return self;
}

AttacheLibrary *
attache_library_open (const char  *path,
                      GError     **error)
{
  g_autoptr(GMainContext) context = g_main_context_ref_thread_default ();

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return open_for_context (path, context, error);
}

typedef struct
{
  char         *path;
  GMainContext *context;   /* the caller's: where the library's signals go */
} OpenData;

static void
open_data_free (OpenData *data)
{
  g_free (data->path);
  g_main_context_unref (data->context);
  g_free (data);
}

static void
open_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  OpenData *data = task_data;
  AttacheLibrary *library;
  GError *error = NULL;

  library = open_for_context (data->path, data->context, &error);
  if (library != NULL)
    g_task_return_pointer (task, library, g_object_unref);
  else
    g_task_return_error (task, error);
}

void
attache_library_open_async (const char          *path,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  OpenData *data;

  g_return_if_fail (path != NULL);

  data = g_new0 (OpenData, 1);
  data->path = g_strdup (path);
  data->context = g_main_context_ref_thread_default ();

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, attache_library_open_async);
  g_task_set_task_data (task, data, (GDestroyNotify) open_data_free);
  /* Once begun, an open (and its migration) runs to its end: cancelling
   * only stops the result from being delivered. */
  g_task_set_return_on_cancel (task, FALSE);
  g_task_run_in_thread (task, open_thread);
}

AttacheLibrary *
attache_library_open_finish (GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == attache_library_open_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

const char *
attache_library_get_path (AttacheLibrary *self)
{
  g_return_val_if_fail (ATTACHE_IS_LIBRARY (self), NULL);
  return attache_database_get_path (self->database);
}

AttacheDatabase *
attache_library_get_database (AttacheLibrary *self)
{
  g_return_val_if_fail (ATTACHE_IS_LIBRARY (self), NULL);
  return self->database;
}

static gboolean
emit_articles_changed_cb (gpointer user_data)
{
  AttacheLibrary *self = user_data;

  gint64 now = g_get_monotonic_time ();

  g_mutex_lock (&self->notify_lock);
  self->articles_changed_pending = FALSE;
  /* Still the same burst while the emissions come closer than twice the interval. */
  if (self->articles_changed_last != 0 &&
      now - self->articles_changed_last < 2 * ARTICLES_CHANGED_INTERVAL_MS * 1000)
    self->articles_changed_burst++;
  else
    self->articles_changed_burst = 0;
  self->articles_changed_last = now;
  g_mutex_unlock (&self->notify_lock);

  g_signal_emit (self, signals[ARTICLES_CHANGED], 0);
  return G_SOURCE_REMOVE;
}

static gboolean
emit_analyses_changed_cb (gpointer user_data)
{
  g_signal_emit (user_data, signals[ANALYSES_CHANGED], 0);
  return G_SOURCE_REMOVE;
}

static void
notify_analyses_changed (AttacheLibrary *self)
{
  _attache_dispatch (self->context, emit_analyses_changed_cb,
                     g_object_ref (self), g_object_unref);
}

void
_attache_library_notify_analyses_changed (AttacheLibrary *self)
{
  notify_analyses_changed (self);
}

static gboolean
emit_actors_changed_cb (gpointer user_data)
{
  g_signal_emit (user_data, signals[ACTORS_CHANGED], 0);
  return G_SOURCE_REMOVE;
}

void
_attache_library_notify_actors_changed (AttacheLibrary *self)
{
  _attache_dispatch (self->context, emit_actors_changed_cb,
                     g_object_ref (self), g_object_unref);
}

static gboolean
emit_saved_searches_changed_cb (gpointer user_data)
{
  g_signal_emit (user_data, signals[SAVED_SEARCHES_CHANGED], 0);
  return G_SOURCE_REMOVE;
}

void
_attache_library_notify_saved_searches_changed (AttacheLibrary *self)
{
  _attache_dispatch (self->context, emit_saved_searches_changed_cb,
                     g_object_ref (self), g_object_unref);
}

static gboolean
emit_feeds_changed_cb (gpointer user_data)
{
  g_signal_emit (user_data, signals[FEEDS_CHANGED], 0);
  return G_SOURCE_REMOVE;
}

static void
notify_feeds_changed (AttacheLibrary *self)
{
  _attache_dispatch (self->context, emit_feeds_changed_cb,
                     g_object_ref (self), g_object_unref);
}

typedef struct
{
  AttacheLibrary *library;
  gint64          briefing_id;
} BriefingChange;

static void
briefing_change_free (gpointer data)
{
  BriefingChange *change = data;

  g_object_unref (change->library);
  g_free (change);
}

static gboolean
emit_briefings_changed_cb (gpointer user_data)
{
  BriefingChange *change = user_data;

  g_signal_emit (change->library, signals[BRIEFINGS_CHANGED], 0, change->briefing_id);
  return G_SOURCE_REMOVE;
}

void
_attache_library_notify_briefings_changed (AttacheLibrary *self,
                                           gint64          briefing_id)
{
  BriefingChange *change = g_new0 (BriefingChange, 1);

  change->library = g_object_ref (self);
  change->briefing_id = briefing_id;
  _attache_dispatch (self->context, emit_briefings_changed_cb, change, briefing_change_free);
}

/* Tells the owner's main context, from whatever thread, that articles changed. */
static void
notify_articles_changed (AttacheLibrary *self)
{
  gint64 wait_ms;

  g_mutex_lock (&self->notify_lock);

  /* One emission tells of all the changes made before it runs. */
  if (self->articles_changed_pending)
    {
      g_mutex_unlock (&self->notify_lock);
      return;
    }

  self->articles_changed_pending = TRUE;
  wait_ms = 0;
  if (self->articles_changed_burst >= ARTICLES_CHANGED_FREE)
    wait_ms = (self->articles_changed_last + ARTICLES_CHANGED_INTERVAL_MS * 1000 -
               g_get_monotonic_time ()) / 1000;
  g_mutex_unlock (&self->notify_lock);

  /* At once, unless this is a burst (many changes, one soon after the
   * other): then at most every ARTICLES_CHANGED_INTERVAL_MS, each emission
   * telling of all the changes before it. Whoever listens (the article list
   * reloads) is not asked to redo its work hundreds of times a second. */
  if (wait_ms <= 0)
    {
      _attache_dispatch (self->context, emit_articles_changed_cb,
                         g_object_ref (self), g_object_unref);
    }
  else
    {
      GSource *source = g_timeout_source_new ((guint) wait_ms);

      g_source_set_priority (source, G_PRIORITY_DEFAULT);
      g_source_set_callback (source, emit_articles_changed_cb, g_object_ref (self), g_object_unref);
      g_source_set_static_name (source, "[attache] articles-changed");
      g_source_attach (source, self->context);
      g_source_unref (source);
    }
}

/* Binds a string, or NULL for an absent one. The text must outlive the step. */
static void
bind_text (sqlite3_stmt *stmt,
           int           column,
           const char   *text)
{
  if (text != NULL)
    sqlite3_bind_text (stmt, column, text, -1, SQLITE_STATIC);
  else
    sqlite3_bind_null (stmt, column);
}

void
_attache_library_bind_text (sqlite3_stmt *stmt,
                            int           column,
                            const char   *text)
{
  bind_text (stmt, column, text);
}

static const char *
column_text (sqlite3_stmt *stmt,
             int           column)
{
  return (const char *) sqlite3_column_text (stmt, column);
}

static AttacheArticle *
article_from_row (sqlite3_stmt *stmt)
{
  AttacheArticle *article = attache_article_new ();
  g_autoptr(GDateTime) imported = NULL;

  attache_article_set_id (article, sqlite3_column_int64 (stmt, 0));
  attache_article_set_title (article, column_text (stmt, 1));
  attache_article_set_source (article, column_text (stmt, 2));
  attache_article_set_url (article, column_text (stmt, 3));
  attache_article_set_author (article, column_text (stmt, 4));
  attache_article_set_published (article, column_text (stmt, 5));
  imported = g_date_time_new_from_iso8601 (column_text (stmt, 6), NULL);
  attache_article_set_imported (article, imported);
  attache_article_set_language (article, column_text (stmt, 7));
  attache_article_set_sha256 (article, column_text (stmt, 8));
  attache_article_set_origin (article, column_text (stmt, 9));
  attache_article_set_n_words (article, sqlite3_column_int (stmt, 10));
  attache_article_set_n_chars (article, sqlite3_column_int (stmt, 11));
  attache_article_set_story_id (article, sqlite3_column_int64 (stmt, 12));

  return article;
}

AttacheArticle *
_attache_library_article_from_row (sqlite3_stmt *stmt)
{
  return article_from_row (stmt);
}

/* The sha256 of the text with case and white space folded: the same article saved
 * in another encoding or with other line endings is the same content. */
static char *
compute_fingerprint (const char *text)
{
  g_autofree char *folded = g_utf8_casefold (text, -1);
  g_autoptr(GString) normal = g_string_sized_new (strlen (folded));
  gboolean space = FALSE;

  for (const char *p = folded; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c))
        {
          space = normal->len > 0;
          continue;
        }
      if (space)
        g_string_append_c (normal, ' ');
      space = FALSE;
      g_string_append_unichar (normal, c);
    }

  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) normal->str, normal->len);
}

/* Call with the lock held. Returns the id of a stored article with the same bytes
 * or the same text, 0 if there is none, -1 on error. Not the same URL: a page
 * names itself by a canonical URL that many pages share (the site's home
 * page), and a page read again later with other text is a version of it,
 * which stories group. */
static gint64
find_duplicate (AttacheLibrary  *self,
                const char      *sha256,
                const char      *fingerprint,
                GError         **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = _attache_database_prepare (self->database,
                                    "SELECT id FROM articles WHERE sha256 = ?1 OR fingerprint = ?2 "
                                    "ORDER BY id LIMIT 1",
                                    error);
  if (stmt == NULL)
    return -1;

  bind_text (stmt, 1, sha256);
  bind_text (stmt, 2, fingerprint);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return sqlite3_column_int64 (stmt, 0);
  if (rc == SQLITE_DONE)
    return 0;

  _attache_database_set_error (self->database, rc, _("Could not read the library"), error);
  return -1;
}

/* Call with the lock and a transaction held. @id 0 lets sqlite choose. */
static gint64
insert_article (AttacheLibrary               *self,
                AttacheArticle               *article,
                gint64                        id,
                const char                   *fingerprint,
                gint64                        story_id,
                const AttacheStorySignature  *signature,
                GError                      **error)
{
  guint8 signature_bytes[ATTACHE_STORY_SIGNATURE_SIZE];
  GDateTime *imported = attache_article_get_imported (article);
  g_autofree char *imported_iso = NULL;
  sqlite3_stmt *stmt;
  int rc;

  stmt = _attache_database_prepare (self->database,
                                    "INSERT INTO articles (id, title, source, url, author, published, "
                                    "  imported, language, body, sha256, fingerprint, origin, "
                                    "  n_words, n_chars, story_id, story_signature) "
                                    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)",
                                    error);
  if (stmt == NULL)
    return 0;

  if (imported != NULL)
    imported_iso = g_date_time_format (imported, "%Y-%m-%dT%H:%M:%SZ");
  else
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

      imported_iso = g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");
    }

  if (id > 0)
    sqlite3_bind_int64 (stmt, 1, id);
  else
    sqlite3_bind_null (stmt, 1);
  bind_text (stmt, 2, attache_article_get_title (article));
  bind_text (stmt, 3, attache_article_get_source (article));
  bind_text (stmt, 4, attache_article_get_url (article));
  bind_text (stmt, 5, attache_article_get_author (article));
  bind_text (stmt, 6, attache_article_get_published (article));
  bind_text (stmt, 7, imported_iso);
  bind_text (stmt, 8, attache_article_get_language (article));
  bind_text (stmt, 9, attache_article_get_text (article));
  bind_text (stmt, 10, attache_article_get_sha256 (article));
  bind_text (stmt, 11, fingerprint);
  bind_text (stmt, 12, attache_article_get_origin (article));
  sqlite3_bind_int (stmt, 13, attache_article_get_n_words (article));
  sqlite3_bind_int (stmt, 14, attache_article_get_n_chars (article));
  if (story_id > 0)
    sqlite3_bind_int64 (stmt, 15, story_id);
  else
    sqlite3_bind_null (stmt, 15);   /* a story of its own: the trigger sets its id */
  if (signature != NULL)
    {
      _attache_story_signature_to_bytes (signature, signature_bytes);
      sqlite3_bind_blob (stmt, 16, signature_bytes, sizeof signature_bytes, SQLITE_STATIC);
    }
  else
    sqlite3_bind_zeroblob (stmt, 16, 0);   /* too short to group */

  rc = sqlite3_step (stmt);
  if (rc != SQLITE_DONE)
    {
      _attache_database_set_error (self->database, rc, _("Could not store the article"), error);
      return 0;
    }

  if (attache_article_get_imported (article) == NULL)
    {
      g_autoptr(GDateTime) stored = g_date_time_new_from_iso8601 (imported_iso, NULL);

      attache_article_set_imported (article, stored);
    }

  return sqlite3_last_insert_rowid (_attache_database_get_handle (self->database));
}

/* Call with the lock held. The story the text of @signature belongs to: that of
 * the most similar stored article (other than @self_id) whose signature agrees
 * at ATTACHE_STORY_MIN_SIMILARITY of its positions or more, the older story on
 * a tie. 0 when there is none, -1 on error. */
static gint64
find_story (AttacheLibrary               *self,
            const AttacheStorySignature  *signature,
            gint64                        self_id,
            GError                      **error)
{
  gint64 keys[ATTACHE_STORY_N_BANDS];
  double best_similarity = 0;
  gint64 best_story = 0;
  sqlite3_stmt *stmt;
  int rc;

  G_STATIC_ASSERT (ATTACHE_STORY_N_BANDS == 20);

  stmt = _attache_database_prepare (self->database,
                                    "SELECT coalesce (a.story_id, a.id), a.story_signature FROM articles a "
                                    "WHERE a.id IN (SELECT article_id FROM story_bands WHERE band_key IN "
                                    "  (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, "
                                    "   ?15, ?16, ?17, ?18, ?19, ?20)) "
                                    "  AND a.id != ?21",
                                    error);
  if (stmt == NULL)
    return -1;

  _attache_story_signature_band_keys (signature, keys);
  for (guint i = 0; i < ATTACHE_STORY_N_BANDS; i++)
    sqlite3_bind_int64 (stmt, i + 1, keys[i]);
  sqlite3_bind_int64 (stmt, ATTACHE_STORY_N_BANDS + 1, self_id);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      AttacheStorySignature other;
      gint64 story = sqlite3_column_int64 (stmt, 0);
      double similarity;

      if (!_attache_story_signature_from_bytes (sqlite3_column_blob (stmt, 1),
                                                sqlite3_column_bytes (stmt, 1), &other))
        continue;

      similarity = _attache_story_signature_similarity (signature, &other);
      if (similarity < ATTACHE_STORY_MIN_SIMILARITY)
        continue;
      if (similarity > best_similarity ||
          (similarity == best_similarity && story < best_story))
        {
          best_similarity = similarity;
          best_story = story;
        }
    }

  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _attache_database_set_error (self->database, rc, _("Could not read the library"), error);
      return -1;
    }

  return best_story;
}

/* Call with the lock and a transaction held. */
static gboolean
insert_story_bands (AttacheLibrary               *self,
                    gint64                        id,
                    const AttacheStorySignature  *signature,
                    GError                      **error)
{
  gint64 keys[ATTACHE_STORY_N_BANDS];
  sqlite3_stmt *stmt;

  stmt = _attache_database_prepare (self->database,
                                    "INSERT OR IGNORE INTO story_bands (band_key, article_id) VALUES (?1, ?2)",
                                    error);
  if (stmt == NULL)
    return FALSE;

  _attache_story_signature_band_keys (signature, keys);
  for (guint i = 0; i < ATTACHE_STORY_N_BANDS; i++)
    {
      int rc;

      sqlite3_bind_int64 (stmt, 1, keys[i]);
      sqlite3_bind_int64 (stmt, 2, id);
      rc = sqlite3_step (stmt);
      sqlite3_reset (stmt);
      if (rc != SQLITE_DONE)
        return _attache_database_set_error (self->database, rc, _("Could not store the article"), error);
    }

  return TRUE;
}

/* Call with the lock and a transaction held. Inserts @article (with id @id, or
 * a new one when 0) into the story of its closest version, or a story of its
 * own. A restored article (@id set) keeps the story it had. Returns the id, 0
 * on error; *@out_story_id is the story's. */
static gint64
insert_article_in_story (AttacheLibrary  *self,
                         AttacheArticle  *article,
                         gint64           id,
                         const char      *fingerprint,
                         gint64          *out_story_id,
                         GError         **error)
{
  AttacheStorySignature signature;
  gboolean groupable;
  gint64 story_id = 0;
  gint64 new_id;

  groupable = _attache_story_signature_compute (attache_article_get_text (article), &signature);

  if (id > 0)
    story_id = attache_article_get_story_id (article);
  if (story_id <= 0 && groupable)
    {
      story_id = find_story (self, &signature, id, error);
      if (story_id < 0)
        return 0;
    }
  if (story_id <= 0 && id > 0)
    story_id = id;

  new_id = insert_article (self, article, id, fingerprint, story_id,
                           groupable ? &signature : NULL, error);
  if (new_id <= 0)
    return 0;
  if (groupable && !insert_story_bands (self, new_id, &signature, error))
    return 0;

  *out_story_id = story_id > 0 ? story_id : new_id;
  return new_id;
}

/* gzip for the raw pages kept in captures. */
static GBytes *
convert_bytes (GConverter  *converter,
               GBytes      *input,
               GError     **error)
{
  g_autoptr(GInputStream) memory = g_memory_input_stream_new_from_bytes (input);
  g_autoptr(GInputStream) converted = g_converter_input_stream_new (memory, converter);
  g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();

  if (g_output_stream_splice (out, converted,
                              G_OUTPUT_STREAM_SPLICE_CLOSE_SOURCE | G_OUTPUT_STREAM_SPLICE_CLOSE_TARGET,
                              NULL, error) < 0)
    return NULL;

  return g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (out));
}

/* Call with the lock and a transaction held. */
static gboolean
insert_capture (AttacheLibrary      *self,
                gint64               article_id,
                AttacheFetchResult  *capture,
                GError             **error)
{
  g_autoptr(GZlibCompressor) compressor = g_zlib_compressor_new (G_ZLIB_COMPRESSOR_FORMAT_GZIP, 6);
  g_autoptr(GBytes) gzip = NULL;
  g_autofree char *fetched = NULL;
  GBytes *body = attache_fetch_result_get_body (capture);
  sqlite3_stmt *stmt;
  int rc;

  gzip = convert_bytes (G_CONVERTER (compressor), body, error);
  if (gzip == NULL)
    return FALSE;

  stmt = _attache_database_prepare (self->database,
                                    "INSERT INTO captures (article_id, requested_url, final_url, fetched, "
                                    "  status, content_type, charset, http_date, last_modified, etag, "
                                    "  body_sha256, body_size, body_gzip) "
                                    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
                                    error);
  if (stmt == NULL)
    return FALSE;

  fetched = g_date_time_format (attache_fetch_result_get_fetched (capture), "%Y-%m-%dT%H:%M:%SZ");
  sqlite3_bind_int64 (stmt, 1, article_id);
  bind_text (stmt, 2, attache_fetch_result_get_requested_url (capture));
  bind_text (stmt, 3, attache_fetch_result_get_final_url (capture));
  bind_text (stmt, 4, fetched);
  sqlite3_bind_int (stmt, 5, attache_fetch_result_get_status (capture));
  bind_text (stmt, 6, attache_fetch_result_get_content_type (capture));
  bind_text (stmt, 7, attache_fetch_result_get_charset (capture));
  bind_text (stmt, 8, attache_fetch_result_get_date (capture));
  bind_text (stmt, 9, attache_fetch_result_get_last_modified (capture));
  bind_text (stmt, 10, attache_fetch_result_get_etag (capture));
  bind_text (stmt, 11, attache_fetch_result_get_sha256 (capture));
  sqlite3_bind_int64 (stmt, 12, g_bytes_get_size (body));
  sqlite3_bind_blob64 (stmt, 13, g_bytes_get_data (gzip, NULL), g_bytes_get_size (gzip), SQLITE_STATIC);

  rc = sqlite3_step (stmt);
  if (rc != SQLITE_DONE)
    return _attache_database_set_error (self->database, rc, _("Could not store the web page"), error);

  return TRUE;
}

/* Call with the lock held. Sets @article's capture from the library, if any. */
static gboolean
load_capture (AttacheLibrary  *self,
              AttacheArticle  *article,
              GError         **error)
{
  g_autoptr(GZlibDecompressor) decompressor = g_zlib_decompressor_new (G_ZLIB_COMPRESSOR_FORMAT_GZIP);
  g_autoptr(GBytes) gzip = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GDateTime) fetched = NULL;
  g_autoptr(AttacheFetchResult) capture = NULL;
  sqlite3_stmt *stmt;
  int rc;

  stmt = _attache_database_prepare (self->database,
                                    "SELECT requested_url, final_url, fetched, status, content_type, charset, "
                                    "  http_date, last_modified, etag, body_gzip "
                                    "FROM captures WHERE article_id = ?1 ORDER BY id DESC LIMIT 1",
                                    error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, attache_article_get_id (article));
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    return TRUE;
  if (rc != SQLITE_ROW)
    return _attache_database_set_error (self->database, rc, _("Could not read the web page"), error);

  gzip = g_bytes_new (sqlite3_column_blob (stmt, 9), sqlite3_column_bytes (stmt, 9));
  body = convert_bytes (G_CONVERTER (decompressor), gzip, error);
  if (body == NULL)
    {
      sqlite3_reset (stmt);
      return FALSE;
    }

  fetched = g_date_time_new_from_iso8601 (column_text (stmt, 2), NULL);
  capture = _attache_fetch_result_new (column_text (stmt, 0), column_text (stmt, 1),
                                       sqlite3_column_int (stmt, 3), column_text (stmt, 4),
                                       column_text (stmt, 5), body, fetched,
                                       column_text (stmt, 6), column_text (stmt, 7),
                                       column_text (stmt, 8));
  sqlite3_reset (stmt);
  attache_article_set_capture (article, capture);
  return TRUE;
}

static void
add_unique_string (GPtrArray  *list,
                   const char *value)
{
  for (guint i = 0; i < list->len; i++)
    if (g_str_equal (g_ptr_array_index (list, i), value))
      return;
  g_ptr_array_add (list, g_strdup (value));
}

static gboolean
check_storable (AttacheArticle  *article,
                GError         **error)
{
  if (attache_article_get_text (article) == NULL ||
      attache_article_get_title (article) == NULL ||
      attache_article_get_sha256 (article) == NULL ||
      attache_article_get_origin (article) == NULL)
    {
      g_set_error (error, ATTACHE_DATABASE_ERROR, ATTACHE_DATABASE_ERROR_SQL,
                   _("Could not store the article: it lacks a title, a text, a checksum or an origin"));
      return FALSE;
    }

  return TRUE;
}

AttacheAddStatus
attache_library_add_article (AttacheLibrary  *self,
                             AttacheArticle  *article,
                             gint64          *out_id,
                             GError         **error)
{
  g_autofree char *fingerprint = NULL;
  gint64 duplicate;
  gint64 story_id = 0;
  gint64 id;

  g_return_val_if_fail (ATTACHE_IS_LIBRARY (self), ATTACHE_ADD_FAILED);
  g_return_val_if_fail (ATTACHE_IS_ARTICLE (article), ATTACHE_ADD_FAILED);
  g_return_val_if_fail (error == NULL || *error == NULL, ATTACHE_ADD_FAILED);

  if (out_id != NULL)
    *out_id = 0;

  if (!check_storable (article, error))
    return ATTACHE_ADD_FAILED;

  fingerprint = compute_fingerprint (attache_article_get_text (article));

  _attache_database_lock (self->database);

  if (!_attache_database_begin (self->database, error))
    goto failed;

  duplicate = find_duplicate (self, attache_article_get_sha256 (article), fingerprint, error);
  if (duplicate < 0)
    goto failed_rollback;

  if (duplicate > 0)
    {
      _attache_database_rollback (self->database);
      _attache_database_unlock (self->database);
      if (out_id != NULL)
        *out_id = duplicate;
      return ATTACHE_ADD_DUPLICATE;
    }

  id = insert_article_in_story (self, article, 0, fingerprint, &story_id, error);
  if (id <= 0)
    goto failed_rollback;
  if (attache_article_get_capture (article) != NULL &&
      !insert_capture (self, id, attache_article_get_capture (article), error))
    goto failed_rollback;
  if (!_attache_database_commit (self->database, error))
    goto failed_rollback;

  _attache_database_unlock (self->database);

  attache_article_set_id (article, id);
  attache_article_set_story_id (article, story_id);
  if (out_id != NULL)
    *out_id = id;

  notify_articles_changed (self);
  return ATTACHE_ADD_ADDED;

failed_rollback:
  _attache_database_rollback (self->database);
failed:
  _attache_database_unlock (self->database);
  return ATTACHE_ADD_FAILED;
}

/* What an article had in the library besides itself, kept on the article
 * returned by attache_library_delete_article_async () for its Undo: whether
 * it was read, and the feed items it came from (a deletion unlinks them). */
typedef struct
{
  gboolean  read;
  GArray   *feed_ids;   /* gint64 */
  GPtrArray *item_ids;  /* char *, beside feed_ids */
} DeletedState;

static void
deleted_state_free (DeletedState *state)
{
  g_array_unref (state->feed_ids);
  g_ptr_array_unref (state->item_ids);
  g_free (state);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DeletedState, deleted_state_free)

static GQuark deleted_state_quark (void);
G_DEFINE_QUARK (attache-library-deleted-state, deleted_state)

/* Call with the lock held. */
static gboolean
read_deleted_state (AttacheLibrary  *self,
                    gint64           id,
                    DeletedState   **out_state,
                    GError         **error)
{
  g_autoptr(DeletedState) state = g_new0 (DeletedState, 1);
  sqlite3_stmt *stmt;
  int rc;

  state->feed_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  state->item_ids = g_ptr_array_new_with_free_func (g_free);

  stmt = _attache_database_prepare (self->database, "SELECT read FROM articles WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    state->read = sqlite3_column_int (stmt, 0) != 0;
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return _attache_database_set_error (self->database, rc, _("Could not read the library"), error);

  stmt = _attache_database_prepare (self->database,
                                    "SELECT feed_id, item_id FROM feed_items WHERE article_id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 feed_id = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (state->feed_ids, feed_id);
      g_ptr_array_add (state->item_ids, g_strdup ((const char *) sqlite3_column_text (stmt, 1)));
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return _attache_database_set_error (self->database, rc, _("Could not read the library"), error);

  *out_state = g_steal_pointer (&state);
  return TRUE;
}

/* Call with the lock held, in the transaction that puts article @id back. */
static gboolean
restore_deleted_state (AttacheLibrary      *self,
                       gint64               id,
                       const DeletedState  *state,
                       GError             **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = _attache_database_prepare (self->database, "UPDATE articles SET read = ?2 WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_int (stmt, 2, state->read);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return _attache_database_set_error (self->database, rc, _("Could not store the article"), error);

  for (guint i = 0; i < state->feed_ids->len; i++)
    {
      stmt = _attache_database_prepare (self->database,
                                        "UPDATE feed_items SET article_id = ?1 "
                                        "WHERE feed_id = ?2 AND item_id = ?3 AND article_id IS NULL", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, id);
      sqlite3_bind_int64 (stmt, 2, g_array_index (state->feed_ids, gint64, i));
      bind_text (stmt, 3, state->item_ids->pdata[i]);
      rc = sqlite3_step (stmt);
      sqlite3_reset (stmt);
      if (rc != SQLITE_DONE)
        return _attache_database_set_error (self->database, rc, _("Could not store the article"), error);
    }

  return TRUE;
}

gboolean
attache_library_restore_article (AttacheLibrary  *self,
                                 AttacheArticle  *article,
                                 GError         **error)
{
  g_autofree char *fingerprint = NULL;
  const DeletedState *state;
  gint64 story_id = 0;
  gint64 id;

  g_return_val_if_fail (ATTACHE_IS_LIBRARY (self), FALSE);
  g_return_val_if_fail (ATTACHE_IS_ARTICLE (article), FALSE);
  g_return_val_if_fail (attache_article_get_id (article) > 0, FALSE);

  if (!check_storable (article, error))
    return FALSE;

  fingerprint = compute_fingerprint (attache_article_get_text (article));

  _attache_database_lock (self->database);

  if (!_attache_database_begin (self->database, error))
    {
      _attache_database_unlock (self->database);
      return FALSE;
    }

  /* Imported anew since it was deleted: already back. */
  id = find_duplicate (self, attache_article_get_sha256 (article), fingerprint, error);
  if (id != 0)
    {
      if (id > 0)
        g_set_error (error, ATTACHE_DATABASE_ERROR, ATTACHE_DATABASE_ERROR_EXISTS,
                     _("The article is in the library again (article %" PRId64 "), imported since it was deleted"),
                     (int64_t) id);
      _attache_database_rollback (self->database);
      _attache_database_unlock (self->database);
      return FALSE;
    }

  state = g_object_get_qdata (G_OBJECT (article), deleted_state_quark ());
  id = insert_article_in_story (self, article, attache_article_get_id (article), fingerprint,
                                &story_id, error);
  if (id <= 0 ||
      (attache_article_get_capture (article) != NULL &&
       !insert_capture (self, id, attache_article_get_capture (article), error)) ||
      (state != NULL && !restore_deleted_state (self, id, state, error)) ||
      !_attache_database_commit (self->database, error))
    {
      _attache_database_rollback (self->database);
      _attache_database_unlock (self->database);
      return FALSE;
    }

  _attache_database_unlock (self->database);

  attache_article_set_story_id (article, story_id);
  notify_articles_changed (self);
  return TRUE;
}

AttacheArticle *
attache_library_get_article (AttacheLibrary  *self,
                             gint64           id,
                             GError         **error)
{
  AttacheArticle *article = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (ATTACHE_IS_LIBRARY (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  _attache_database_lock (self->database);

  stmt = _attache_database_prepare (self->database,
                                    "SELECT " ARTICLE_COLUMNS ", a.body FROM articles a WHERE a.id = ?1",
                                    error);
  if (stmt == NULL)
    goto out;

  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      article = article_from_row (stmt);
      attache_article_set_text (article, column_text (stmt, N_ARTICLE_COLUMNS));
      sqlite3_reset (stmt);
      if (!load_capture (self, article, error))
        g_clear_object (&article);
    }
  else if (rc == SQLITE_DONE)
    g_set_error (error, ATTACHE_DATABASE_ERROR, ATTACHE_DATABASE_ERROR_NOT_FOUND,
                 _("There is no article with id %" PRId64 " in the library"), (int64_t) id);
  else
    _attache_database_set_error (self->database, rc, _("Could not read the article"), error);

  sqlite3_reset (stmt);

out:
  _attache_database_unlock (self->database);
  return article;
}

/* Call with the lock held. Sets the story size of each of @articles: one
 * query over the story index for the stories of more than one article. */
static gboolean
set_story_sizes (AttacheLibrary  *self,
                 GPtrArray       *articles,
                 GError         **error)
{
  g_autoptr(GHashTable) sizes = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  sqlite3_stmt *stmt;
  int rc;

  stmt = _attache_database_prepare (self->database,
                                    "SELECT story_id, count(*) FROM articles WHERE story_id IS NOT NULL "
                                    "GROUP BY story_id HAVING count(*) > 1",
                                    error);
  if (stmt == NULL)
    return FALSE;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_hash_table_insert (sizes, g_memdup2 (&(gint64) { sqlite3_column_int64 (stmt, 0) }, sizeof (gint64)),
                         GUINT_TO_POINTER ((guint) sqlite3_column_int64 (stmt, 1)));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return _attache_database_set_error (self->database, rc, _("Could not read the library"), error);

  if (g_hash_table_size (sizes) == 0)
    return TRUE;

  for (guint i = 0; i < articles->len; i++)
    {
      AttacheArticle *article = g_ptr_array_index (articles, i);
      gint64 story_id = attache_article_get_story_id (article);
      gpointer size = g_hash_table_lookup (sizes, &story_id);

      if (size != NULL)
        attache_article_set_story_size (article, GPOINTER_TO_UINT (size));
    }

  return TRUE;
}

/* Every article, or the newest @limit (0: all). */
static GPtrArray *
list_articles (AttacheLibrary  *self,
               guint            limit,
               GError         **error)
{
  g_autoptr(GPtrArray) articles = NULL;
  sqlite3_stmt *stmt;
  int rc;

  _attache_database_lock (self->database);

  stmt = _attache_database_prepare (self->database,
                                    "SELECT " ARTICLE_COLUMNS " FROM articles a "
                                    "ORDER BY coalesce (a.published, substr (a.imported, 1, 10)) DESC, a.id DESC "
                                    "LIMIT ?1",
                                    error);
  if (stmt == NULL)
    {
      _attache_database_unlock (self->database);
      return NULL;
    }
  sqlite3_bind_int64 (stmt, 1, limit > 0 ? (gint64) limit : -1);

  articles = g_ptr_array_new_with_free_func (g_object_unref);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (articles, article_from_row (stmt));

  sqlite3_reset (stmt);

  if (rc == SQLITE_DONE && !set_story_sizes (self, articles, error))
    {
      _attache_database_unlock (self->database);
      return NULL;
    }

  _attache_database_unlock (self->database);

  if (rc != SQLITE_DONE)
    {
      _attache_database_set_error (self->database, rc, _("Could not read the library"), error);
      return NULL;
    }

  return g_steal_pointer (&articles);
}

GPtrArray *
attache_library_list_articles (AttacheLibrary  *self,
                               GError         **error)
{
  g_return_val_if_fail (ATTACHE_IS_LIBRARY (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return list_articles (self, 0, error);
}

GPtrArray *
attache_library_list_newest_articles (AttacheLibrary  *self,
                                      guint            limit,
                                      GError         **error)
{
  g_return_val_if_fail (ATTACHE_IS_LIBRARY (self), NULL);
  g_return_val_if_fail (limit > 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return list_articles (self, limit, error);
}

GPtrArray *
attache_library_list_story (AttacheLibrary  *self,
                            gint64           article_id,
                            GError         **error)
{
  g_autoptr(GPtrArray) articles = NULL;
  sqlite3_stmt *stmt;
  gint64 story_id = 0;
  int rc;

  g_return_val_if_fail (ATTACHE_IS_LIBRARY (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  _attache_database_lock (self->database);

  stmt = _attache_database_prepare (self->database,
                                    "SELECT coalesce (story_id, id) FROM articles WHERE id = ?1", error);
  if (stmt == NULL)
    goto out;

  sqlite3_bind_int64 (stmt, 1, article_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    story_id = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  if (rc == SQLITE_DONE)
    {
      g_set_error (error, ATTACHE_DATABASE_ERROR, ATTACHE_DATABASE_ERROR_NOT_FOUND,
                   _("There is no article with id %" PRId64 " in the library"), (int64_t) article_id);
      goto out;
    }
  if (rc != SQLITE_ROW)
    {
      _attache_database_set_error (self->database, rc, _("Could not read the library"), error);
      goto out;
    }

  stmt = _attache_database_prepare (self->database,
                                    "SELECT " ARTICLE_COLUMNS " FROM articles a "
                                    "WHERE a.story_id = ?1 AND a.id != ?2 "
                                    "ORDER BY coalesce (a.published, substr (a.imported, 1, 10)), a.id",
                                    error);
  if (stmt == NULL)
    goto out;

  sqlite3_bind_int64 (stmt, 1, story_id);
  sqlite3_bind_int64 (stmt, 2, article_id);
  articles = g_ptr_array_new_with_free_func (g_object_unref);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (articles, article_from_row (stmt));
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      _attache_database_set_error (self->database, rc, _("Could not read the library"), error);
      g_clear_pointer (&articles, g_ptr_array_unref);
      goto out;
    }

  for (guint i = 0; i < articles->len; i++)
    attache_article_set_story_size (g_ptr_array_index (articles, i), articles->len + 1);

out:
  _attache_database_unlock (self->database);
  return g_steal_pointer (&articles);
}

#define STORY_BATCH 200

gint64
attache_library_group_stories (AttacheLibrary  *self,
                               GError         **error)
{
  gint64 done = 0;

  g_return_val_if_fail (ATTACHE_IS_LIBRARY (self), -1);
  g_return_val_if_fail (error == NULL || *error == NULL, -1);

  for (;;)
    {
      g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
      g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);
      sqlite3_stmt *stmt;
      int rc;

      _attache_database_lock (self->database);

      if (!_attache_database_begin (self->database, error))
        goto failed;

      stmt = _attache_database_prepare (self->database,
                                        "SELECT id, body FROM articles WHERE story_signature IS NULL "
                                        "ORDER BY id LIMIT ?1",
                                        error);
      if (stmt == NULL)
        goto failed_rollback;

      sqlite3_bind_int (stmt, 1, STORY_BATCH);
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          gint64 id = sqlite3_column_int64 (stmt, 0);

          g_array_append_val (ids, id);
          g_ptr_array_add (texts, g_strdup (column_text (stmt, 1)));
        }
      sqlite3_reset (stmt);
      if (rc != SQLITE_DONE)
        {
          _attache_database_set_error (self->database, rc, _("Could not read the library"), error);
          goto failed_rollback;
        }

      if (ids->len == 0)
        {
          _attache_database_rollback (self->database);
          _attache_database_unlock (self->database);
          break;
        }

      for (guint i = 0; i < ids->len; i++)
        {
          gint64 id = g_array_index (ids, gint64, i);
          const char *text = g_ptr_array_index (texts, i);
          guint8 bytes[ATTACHE_STORY_SIGNATURE_SIZE];
          AttacheStorySignature signature;
          gboolean groupable;
          gint64 story_id = 0;

          groupable = text != NULL && _attache_story_signature_compute (text, &signature);
          if (groupable)
            {
              story_id = find_story (self, &signature, id, error);
              if (story_id < 0)
                goto failed_rollback;
            }
          if (story_id == 0)
            story_id = id;

          stmt = _attache_database_prepare (self->database,
                                            "UPDATE articles SET story_id = ?2, story_signature = ?3 WHERE id = ?1",
                                            error);
          if (stmt == NULL)
            goto failed_rollback;

          sqlite3_bind_int64 (stmt, 1, id);
          sqlite3_bind_int64 (stmt, 2, story_id);
          if (groupable)
            {
              _attache_story_signature_to_bytes (&signature, bytes);
              sqlite3_bind_blob (stmt, 3, bytes, sizeof bytes, SQLITE_STATIC);
            }
          else
            sqlite3_bind_zeroblob (stmt, 3, 0);
          rc = sqlite3_step (stmt);
          sqlite3_reset (stmt);
          if (rc != SQLITE_DONE)
            {
              _attache_database_set_error (self->database, rc, _("Could not store the article"), error);
              goto failed_rollback;
            }

          if (groupable && !insert_story_bands (self, id, &signature, error))
            goto failed_rollback;
        }

      if (!_attache_database_commit (self->database, error))
        goto failed;

      _attache_database_unlock (self->database);
      done += ids->len;
      continue;

    failed_rollback:
      _attache_database_rollback (self->database);
    failed:
      _attache_database_unlock (self->database);
      return -1;
    }

  if (done > 0)
    notify_articles_changed (self);

  return done;
}

gint64
attache_library_count_articles (AttacheLibrary  *self,
                                GError         **error)
{
  sqlite3_stmt *stmt;
  gint64 count = -1;
  int rc;

  g_return_val_if_fail (ATTACHE_IS_LIBRARY (self), -1);

  _attache_database_lock (self->database);

  stmt = _attache_database_prepare (self->database, "SELECT count(*) FROM articles", error);
  if (stmt != NULL)
    {
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        count = sqlite3_column_int64 (stmt, 0);
      else
        _attache_database_set_error (self->database, rc, _("Could not read the library"), error);
      sqlite3_reset (stmt);
    }

  _attache_database_unlock (self->database);
  return count;
}

gboolean
attache_library_delete_article (AttacheLibrary  *self,
                                gint64           id,
                                GError         **error)
{
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (ATTACHE_IS_LIBRARY (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  _attache_database_lock (self->database);

  if (!_attache_database_begin (self->database, error))
    goto failed;

  stmt = _attache_database_prepare (self->database, "DELETE FROM articles WHERE id = ?1", error);
  if (stmt == NULL)
    goto failed_rollback;

  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_DONE)
    {
      _attache_database_set_error (self->database, rc, _("Could not delete the article"), error);
      goto failed_rollback;
    }

  if (sqlite3_changes (_attache_database_get_handle (self->database)) == 0)
    {
      g_set_error (error, ATTACHE_DATABASE_ERROR, ATTACHE_DATABASE_ERROR_NOT_FOUND,
                   _("There is no article with id %" PRId64 " in the library"), (int64_t) id);
      goto failed_rollback;
    }

  if (!_attache_database_commit (self->database, error))
    goto failed;

  _attache_database_unlock (self->database);
  notify_articles_changed (self);
  return TRUE;

failed_rollback:
  _attache_database_rollback (self->database);
failed:
  _attache_database_unlock (self->database);
  return FALSE;
}

/* Feed subscriptions */

AttacheSubscription *
attache_subscription_copy (const AttacheSubscription *subscription)
{
  AttacheSubscription *copy;

  g_return_val_if_fail (subscription != NULL, NULL);

  copy = g_new0 (AttacheSubscription, 1);
  copy->id = subscription->id;
  copy->url = g_strdup (subscription->url);
  copy->title = g_strdup (subscription->title);
  copy->site_url = g_strdup (subscription->site_url);
  copy->etag = g_strdup (subscription->etag);
  copy->last_modified = g_strdup (subscription->last_modified);
  copy->last_fetched = g_strdup (subscription->last_fetched);
  copy->last_error = g_strdup (subscription->last_error);
  copy->fetch_full_article = subscription->fetch_full_article;
  copy->added = g_strdup (subscription->added);
  copy->n_items = subscription->n_items;
  copy->n_unread = subscription->n_unread;

  return copy;
}

void
attache_subscription_free (AttacheSubscription *subscription)
{
  if (subscription == NULL)
    return;

  g_free (subscription->url);
  g_free (subscription->title);
  g_free (subscription->site_url);
  g_free (subscription->etag);
  g_free (subscription->last_modified);
  g_free (subscription->last_fetched);
  g_free (subscription->last_error);
  g_free (subscription->added);
  g_free (subscription);
}

static char *
now_iso8601 (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  return g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");
}

/* The columns every feed query selects, in this order (see subscription_from_row). */
#define FEED_COLUMNS \
  "f.id, f.url, f.title, f.site_url, f.etag, f.last_modified, f.last_fetched, " \
  "f.last_error, f.fetch_full_article, f.added, " \
  "(SELECT count(*) FROM feed_items i WHERE i.feed_id = f.id), " \
  "(SELECT count(*) FROM feed_items i JOIN articles a ON a.id = i.article_id " \
  " WHERE i.feed_id = f.id AND a.read = 0)"

char *
_attache_library_now_iso8601 (void)
{
  return now_iso8601 ();
}

static AttacheSubscription *
subscription_from_row (sqlite3_stmt *stmt)
{
  AttacheSubscription *subscription = g_new0 (AttacheSubscription, 1);

  subscription->id = sqlite3_column_int64 (stmt, 0);
  subscription->url = g_strdup (column_text (stmt, 1));
  subscription->title = g_strdup (column_text (stmt, 2));
  subscription->site_url = g_strdup (column_text (stmt, 3));
  subscription->etag = g_strdup (column_text (stmt, 4));
  subscription->last_modified = g_strdup (column_text (stmt, 5));
  subscription->last_fetched = g_strdup (column_text (stmt, 6));
  subscription->last_error = g_strdup (column_text (stmt, 7));
  subscription->fetch_full_article = sqlite3_column_int (stmt, 8) != 0;
  subscription->added = g_strdup (column_text (stmt, 9));
  subscription->n_items = sqlite3_column_int64 (stmt, 10);
  subscription->n_unread = sqlite3_column_int64 (stmt, 11);

  return subscription;
}

static gboolean
set_feed_not_found (GError **error,
                    gint64   id)
{
  g_set_error (error, ATTACHE_DATABASE_ERROR, ATTACHE_DATABASE_ERROR_NOT_FOUND,
               _("There is no feed with id %" PRId64 " in the library"), (int64_t) id);
  return FALSE;
}

/* Call with the lock and a transaction held. Returns the id of the feed at
 * @url, 0 if there is none, -1 on error. */
static gint64
find_feed (AttacheLibrary  *self,
           const char      *url,
           GError         **error)
{
  sqlite3_stmt *stmt;
  gint64 id = -1;
  int rc;

  stmt = _attache_database_prepare (self->database, "SELECT id FROM feeds WHERE url = ?1", error);
  if (stmt == NULL)
    return -1;

  bind_text (stmt, 1, url);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    id = sqlite3_column_int64 (stmt, 0);
  else if (rc == SQLITE_DONE)
    id = 0;
  else
    _attache_database_set_error (self->database, rc, _("Could not read the feeds"), error);

  sqlite3_reset (stmt);
  return id;
}

/* Call with the lock and a transaction held. Returns the new id, 0 on error. */
static gint64
insert_feed (AttacheLibrary  *self,
             const char      *url,
             const char      *title,
             const char      *site_url,
             gboolean         fetch_full_article,
             const char      *added,
             GError         **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = _attache_database_prepare (self->database,
                                    "INSERT INTO feeds (url, title, site_url, fetch_full_article, added) "
                                    "VALUES (?1, ?2, ?3, ?4, ?5)",
                                    error);
  if (stmt == NULL)
    return 0;

  bind_text (stmt, 1, url);
  bind_text (stmt, 2, title != NULL && *title != '\0' ? title : NULL);
  bind_text (stmt, 3, site_url != NULL && *site_url != '\0' ? site_url : NULL);
  sqlite3_bind_int (stmt, 4, fetch_full_article ? 1 : 0);
  bind_text (stmt, 5, added);

  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _attache_database_set_error (self->database, rc, _("Could not store the feed"), error);
      return 0;
    }

  return sqlite3_last_insert_rowid (_attache_database_get_handle (self->database));
}

/* Call with the lock and a transaction held: one feed of a batch. */
static AttacheAddStatus
add_feed_locked (AttacheLibrary  *self,
                 const char      *url,
                 const char      *title,
                 const char      *site_url,
                 gboolean         fetch_full_article,
                 const char      *added,
                 gint64          *out_id,
                 GError         **error)
{
  gint64 id = find_feed (self, url, error);

  if (id < 0)
    return ATTACHE_ADD_FAILED;
  if (id > 0)
    {
      *out_id = id;
      return ATTACHE_ADD_DUPLICATE;
    }

  id = insert_feed (self, url, title, site_url, fetch_full_article, added, error);
  if (id <= 0)
    return ATTACHE_ADD_FAILED;

  *out_id = id;
  return ATTACHE_ADD_ADDED;
}

AttacheAddStatus
attache_library_add_feed (AttacheLibrary  *self,
                          const char      *url,
                          const char      *title,
                          const char      *site_url,
                          gboolean         fetch_full_article,
                          gint64          *out_id,
                          GError         **error)
{
  g_autofree char *added = now_iso8601 ();
  AttacheAddStatus status;
  gint64 id = 0;

  g_return_val_if_fail (ATTACHE_IS_LIBRARY (self), ATTACHE_ADD_FAILED);
  g_return_val_if_fail (url != NULL && *url != '\0', ATTACHE_ADD_FAILED);
  g_return_val_if_fail (error == NULL || *error == NULL, ATTACHE_ADD_FAILED);

  if (out_id != NULL)
    *out_id = 0;

  _attache_database_lock (self->database);

  if (!_attache_database_begin (self->database, error))
    {
      _attache_database_unlock (self->database);
      return ATTACHE_ADD_FAILED;
    }

  status = add_feed_locked (self, url, title, site_url, fetch_full_article, added, &id, error);
  if (status != ATTACHE_ADD_ADDED)
    _attache_database_rollback (self->database);   /* nothing was written */
  else if (!_attache_database_commit (self->database, error))
    status = ATTACHE_ADD_FAILED;

  _attache_database_unlock (self->database);

  if (status == ATTACHE_ADD_FAILED)
    return status;

  if (out_id != NULL)
    *out_id = id;
  if (status == ATTACHE_ADD_ADDED)
    notify_feeds_changed (self);

  return status;
}

GArray *
attache_library_add_feeds (AttacheLibrary  *self,
                           GPtrArray       *outlines,
                           GError         **error)
{
  g_autoptr(GArray) added_feeds = NULL;
  g_autofree char *added = now_iso8601 ();
  gboolean any_added = FALSE;

  g_return_val_if_fail (ATTACHE_IS_LIBRARY (self), NULL);
  g_return_val_if_fail (outlines != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  added_feeds = g_array_sized_new (FALSE, TRUE, sizeof (AttacheFeedAdded), outlines->len);

  _attache_database_lock (self->database);

  if (!_attache_database_begin (self->database, error))
    {
      _attache_database_unlock (self->database);
      return NULL;
    }

  for (guint i = 0; i < outlines->len; i++)
    {
      const AttacheOpmlOutline *outline = g_ptr_array_index (outlines, i);
      AttacheFeedAdded result = { 0, ATTACHE_ADD_FAILED };

      result.status = add_feed_locked (self,
                                       attache_opml_outline_get_xml_url (outline),
                                       attache_opml_outline_get_title (outline),
                                       attache_opml_outline_get_html_url (outline),
                                       FALSE, added, &result.id, error);
      if (result.status == ATTACHE_ADD_FAILED)
        {
          _attache_database_rollback (self->database);
          _attache_database_unlock (self->database);
          return NULL;
        }

      any_added |= result.status == ATTACHE_ADD_ADDED;
      g_array_append_val (added_feeds, result);
    }

  if (!_attache_database_commit (self->database, error))
    {
      _attache_database_unlock (self->database);
      return NULL;
    }

  _attache_database_unlock (self->database);

  if (any_added)
    notify_feeds_changed (self);

  return g_steal_pointer (&added_feeds);
}

GPtrArray *
attache_library_list_feeds (AttacheLibrary  *self,
                            GError         **error)
{
  g_autoptr(GPtrArray) feeds = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (ATTACHE_IS_LIBRARY (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  _attache_database_lock (self->database);

  stmt = _attache_database_prepare (self->database,
                                    "SELECT " FEED_COLUMNS " FROM feeds f ORDER BY f.id",
                                    error);
  if (stmt == NULL)
    {
      _attache_database_unlock (self->database);
      return NULL;
    }

  feeds = g_ptr_array_new_with_free_func ((GDestroyNotify) attache_subscription_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (feeds, subscription_from_row (stmt));

  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      _attache_database_set_error (self->database, rc, _("Could not read the feeds"), error);
      _attache_database_unlock (self->database);
      return NULL;
    }

  _attache_database_unlock (self->database);
  return g_steal_pointer (&feeds);
}

AttacheSubscription *
attache_library_get_feed (AttacheLibrary  *self,
                          gint64           id,
                          GError         **error)
{
  AttacheSubscription *subscription = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (ATTACHE_IS_LIBRARY (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  _attache_database_lock (self->database);

  stmt = _attache_database_prepare (self->database,
                                    "SELECT " FEED_COLUMNS " FROM feeds f WHERE f.id = ?1",
                                    error);
  if (stmt != NULL)
    {
      sqlite3_bind_int64 (stmt, 1, id);
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        subscription = subscription_from_row (stmt);
      else if (rc == SQLITE_DONE)
        set_feed_not_found (error, id);
      else
        _attache_database_set_error (self->database, rc, _("Could not read the feeds"), error);
      sqlite3_reset (stmt);
    }

  _attache_database_unlock (self->database);
  return subscription;
}

/* Runs @sql, an UPDATE or DELETE of the feed ?1, in one transaction, with
 * @texts bound to ?2 onwards and then @flag unless it is -1; fails with
 * ATTACHE_DATABASE_ERROR_NOT_FOUND when no feed has that id. */
static gboolean
change_feed (AttacheLibrary     *self,
             const char         *sql,
             gint64              id,
             int                 n_texts,
             const char * const *texts,
             int                 flag,
             const char         *what,
             GError            **error)
{
  sqlite3_stmt *stmt;
  int rc;

  _attache_database_lock (self->database);

  if (!_attache_database_begin (self->database, error))
    goto failed;

  stmt = _attache_database_prepare (self->database, sql, error);
  if (stmt == NULL)
    goto failed_rollback;

  sqlite3_bind_int64 (stmt, 1, id);
  for (int i = 0; i < n_texts; i++)
    bind_text (stmt, 2 + i, texts[i]);
  if (flag >= 0)
    sqlite3_bind_int (stmt, 2 + n_texts, flag);

  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _attache_database_set_error (self->database, rc, what, error);
      goto failed_rollback;
    }

  if (sqlite3_changes (_attache_database_get_handle (self->database)) == 0)
    {
      set_feed_not_found (error, id);
      goto failed_rollback;
    }

  if (!_attache_database_commit (self->database, error))
    goto failed;

  _attache_database_unlock (self->database);
  notify_feeds_changed (self);
  return TRUE;

failed_rollback:
  _attache_database_rollback (self->database);
failed:
  _attache_database_unlock (self->database);
  return FALSE;
}

gboolean
attache_library_remove_feed (AttacheLibrary  *self,
                             gint64           id,
                             GError         **error)
{
  g_return_val_if_fail (ATTACHE_IS_LIBRARY (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return change_feed (self, "DELETE FROM feeds WHERE id = ?1", id, 0, NULL, -1,
                      _("Could not remove the feed"), error);
}

gboolean
attache_library_set_feed_fetch_full_article (AttacheLibrary  *self,
                                             gint64           id,
                                             gboolean         fetch_full_article,
                                             GError         **error)
{
  g_return_val_if_fail (ATTACHE_IS_LIBRARY (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return change_feed (self, "UPDATE feeds SET fetch_full_article = ?2 WHERE id = ?1", id, 0, NULL,
                      fetch_full_article ? 1 : 0, _("Could not change the feed"), error);
}

gboolean
attache_library_record_feed_fetched (AttacheLibrary  *self,
                                     gint64           id,
                                     const char      *title,
                                     const char      *site_url,
                                     const char      *etag,
                                     const char      *last_modified,
                                     GError         **error)
{
  g_autofree char *now = now_iso8601 ();
  const char * const texts[] = {
    now,
    title != NULL && *title != '\0' ? title : NULL,
    site_url != NULL && *site_url != '\0' ? site_url : NULL,
    etag, last_modified,
  };

  g_return_val_if_fail (ATTACHE_IS_LIBRARY (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return change_feed (self,
                      "UPDATE feeds SET last_fetched = ?2, last_error = NULL, "
                      "  title = coalesce (?3, title), site_url = coalesce (?4, site_url), "
                      "  etag = ?5, last_modified = ?6 "
                      "WHERE id = ?1",
                      id, G_N_ELEMENTS (texts), texts, -1, _("Could not store the feed"), error);
}

gboolean
attache_library_record_feed_error (AttacheLibrary  *self,
                                   gint64           id,
                                   const char      *message,
                                   GError         **error)
{
  const char * const texts[] = { message };

  g_return_val_if_fail (ATTACHE_IS_LIBRARY (self), FALSE);
  g_return_val_if_fail (message != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return change_feed (self, "UPDATE feeds SET last_error = ?2 WHERE id = ?1",
                      id, G_N_ELEMENTS (texts), texts, -1, _("Could not store the feed"), error);
}

gboolean
attache_library_has_feed_item (AttacheLibrary  *self,
                               gint64           feed_id,
                               const char      *item_id,
                               gboolean        *out_seen,
                               GError         **error)
{
  sqlite3_stmt *stmt;
  gboolean ok = FALSE;
  int rc;

  g_return_val_if_fail (ATTACHE_IS_LIBRARY (self), FALSE);
  g_return_val_if_fail (item_id != NULL, FALSE);
  g_return_val_if_fail (out_seen != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  *out_seen = FALSE;

  _attache_database_lock (self->database);

  stmt = _attache_database_prepare (self->database,
                                    "SELECT 1 FROM feed_items WHERE feed_id = ?1 AND item_id = ?2",
                                    error);
  if (stmt != NULL)
    {
      sqlite3_bind_int64 (stmt, 1, feed_id);
      bind_text (stmt, 2, item_id);
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW || rc == SQLITE_DONE)
        {
          *out_seen = rc == SQLITE_ROW;
          ok = TRUE;
        }
      else
        _attache_database_set_error (self->database, rc, _("Could not read the feeds"), error);
      sqlite3_reset (stmt);
    }

  _attache_database_unlock (self->database);
  return ok;
}

/* Call with the lock and a transaction held. */
static gboolean
insert_feed_item (AttacheLibrary  *self,
                  gint64           feed_id,
                  const char      *item_id,
                  gint64           article_id,
                  GError         **error)
{
  g_autofree char *now = now_iso8601 ();
  sqlite3_stmt *stmt;
  int rc;

  stmt = _attache_database_prepare (self->database,
                                    "INSERT OR IGNORE INTO feed_items (feed_id, item_id, article_id, seen) "
                                    "VALUES (?1, ?2, ?3, ?4)",
                                    error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, feed_id);
  bind_text (stmt, 2, item_id);
  if (article_id > 0)
    sqlite3_bind_int64 (stmt, 3, article_id);
  else
    sqlite3_bind_null (stmt, 3);
  bind_text (stmt, 4, now);

  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return _attache_database_set_error (self->database, rc, _("Could not store the feed"), error);

  return TRUE;
}

gboolean
attache_library_record_feed_item (AttacheLibrary  *self,
                                  gint64           feed_id,
                                  const char      *item_id,
                                  gint64           article_id,
                                  GError         **error)
{
  g_return_val_if_fail (ATTACHE_IS_LIBRARY (self), FALSE);
  g_return_val_if_fail (item_id != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  _attache_database_lock (self->database);

  if (!_attache_database_begin (self->database, error))
    {
      _attache_database_unlock (self->database);
      return FALSE;
    }

  if (!insert_feed_item (self, feed_id, item_id, article_id, error) ||
      !_attache_database_commit (self->database, error))
    {
      _attache_database_rollback (self->database);
      _attache_database_unlock (self->database);
      return FALSE;
    }

  _attache_database_unlock (self->database);
  return TRUE;
}

AttacheAddStatus
attache_library_add_feed_article (AttacheLibrary  *self,
                                  gint64           feed_id,
                                  const char      *item_id,
                                  AttacheArticle  *article,
                                  gint64          *out_id,
                                  GError         **error)
{
  g_autofree char *fingerprint = NULL;
  AttacheAddStatus status;
  gint64 story_id = 0;
  gint64 id;

  g_return_val_if_fail (ATTACHE_IS_LIBRARY (self), ATTACHE_ADD_FAILED);
  g_return_val_if_fail (item_id != NULL, ATTACHE_ADD_FAILED);
  g_return_val_if_fail (ATTACHE_IS_ARTICLE (article), ATTACHE_ADD_FAILED);
  g_return_val_if_fail (error == NULL || *error == NULL, ATTACHE_ADD_FAILED);

  if (out_id != NULL)
    *out_id = 0;

  if (!check_storable (article, error))
    return ATTACHE_ADD_FAILED;

  fingerprint = compute_fingerprint (attache_article_get_text (article));

  _attache_database_lock (self->database);

  if (!_attache_database_begin (self->database, error))
    goto failed;

  id = find_duplicate (self, attache_article_get_sha256 (article), fingerprint, error);
  if (id < 0)
    goto failed_rollback;

  if (id > 0)
    status = ATTACHE_ADD_DUPLICATE;
  else
    {
      status = ATTACHE_ADD_ADDED;
      id = insert_article_in_story (self, article, 0, fingerprint, &story_id, error);
      if (id <= 0)
        goto failed_rollback;
      if (attache_article_get_capture (article) != NULL &&
          !insert_capture (self, id, attache_article_get_capture (article), error))
        goto failed_rollback;
    }

  if (!insert_feed_item (self, feed_id, item_id, id, error) ||
      !_attache_database_commit (self->database, error))
    goto failed_rollback;

  _attache_database_unlock (self->database);

  if (out_id != NULL)
    *out_id = id;

  if (status == ATTACHE_ADD_ADDED)
    {
      attache_article_set_id (article, id);
      attache_article_set_story_id (article, story_id);
      notify_articles_changed (self);
    }

  return status;

failed_rollback:
  _attache_database_rollback (self->database);
failed:
  _attache_database_unlock (self->database);
  return ATTACHE_ADD_FAILED;
}

gint64
attache_library_find_article_by_url (AttacheLibrary  *self,
                                     const char      *url,
                                     GError         **error)
{
  sqlite3_stmt *stmt;
  gint64 id = -1;
  int rc;

  g_return_val_if_fail (ATTACHE_IS_LIBRARY (self), -1);
  g_return_val_if_fail (url != NULL, -1);
  g_return_val_if_fail (error == NULL || *error == NULL, -1);

  _attache_database_lock (self->database);

  /* The canonical address first: an article whose origin is @url may have
   * been given another canonical address by its page. */
  stmt = _attache_database_prepare (self->database,
                                    "SELECT id FROM ("
                                    "  SELECT id, 0 AS rank FROM articles WHERE url = ?1"
                                    "  UNION ALL"
                                    "  SELECT id, 1 AS rank FROM articles WHERE origin = ?1"
                                    ") ORDER BY rank, id LIMIT 1",
                                    error);
  if (stmt != NULL)
    {
      bind_text (stmt, 1, url);
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        id = sqlite3_column_int64 (stmt, 0);
      else if (rc == SQLITE_DONE)
        id = 0;
      else
        _attache_database_set_error (self->database, rc, _("Could not read the library"), error);
      sqlite3_reset (stmt);
    }

  _attache_database_unlock (self->database);
  return id;
}

/* Search queries. The analyst's words are translated into an FTS5 expression in
 * which every word is quoted, so that punctuation ("U.S.", "Israel-Hamas", "3.5%")
 * never becomes FTS5 syntax; AND, OR, NOT, parentheses, "phrases" and a trailing *
 * keep their meaning where they make sense and are words otherwise. */

typedef enum
{
  TOKEN_TERM,
  TOKEN_OPERATOR,
  TOKEN_OPEN,
  TOKEN_CLOSE,
} TokenKind;

typedef struct
{
  TokenKind  kind;
  char      *text;    /* a quoted FTS5 string, with * for a prefix, or the operator */
} Token;

static void
token_clear (gpointer data)
{
  g_free (((Token *) data)->text);
}

static gboolean
has_word_char (const char *s,
               gssize      len)
{
  const char *end = s + len;

  for (const char *p = s; p < end; p = g_utf8_next_char (p))
    if (g_unichar_isalnum (g_utf8_get_char (p)))
      return TRUE;

  return FALSE;
}

static char *
quote_term (const char *s,
            gssize      len,
            gboolean    prefix)
{
  GString *quoted = g_string_new ("\"");

  for (gssize i = 0; i < len; i++)
    {
      if (s[i] == '"')
        g_string_append (quoted, "\"\"");
      else
        g_string_append_c (quoted, s[i]);
    }
  g_string_append_c (quoted, '"');
  if (prefix)
    g_string_append_c (quoted, '*');

  return g_string_free (quoted, FALSE);
}

static void
add_token (GArray     *tokens,
           TokenKind   kind,
           char       *text)
{
  Token token = { kind, text };

  g_array_append_val (tokens, token);
}

static gboolean
is_operand_end (const Token *t)
{
  return t->kind == TOKEN_TERM || t->kind == TOKEN_CLOSE;
}

static gboolean
is_operand_start (const Token *t)
{
  return t->kind == TOKEN_TERM || t->kind == TOKEN_OPEN;
}

char *
_attache_library_translate_query (const char *query,
                                  gboolean    plain)
{
  g_autoptr(GArray) tokens = g_array_new (FALSE, FALSE, sizeof (Token));
  g_autoptr(GString) out = g_string_new (NULL);
  const char *p = query;
  int depth = 0;
  gboolean any_term = FALSE;

  g_array_set_clear_func (tokens, token_clear);

  while (*p != '\0')
    {
      const char *start;

      if (g_ascii_isspace (*p))
        {
          p++;
          continue;
        }

      if (*p == '(' || *p == ')')
        {
          add_token (tokens, *p == '(' ? TOKEN_OPEN : TOKEN_CLOSE, NULL);
          p++;
          continue;
        }

      if (*p == '"')
        {
          const char *end;
          gboolean prefix;

          start = ++p;
          end = strchr (start, '"');
          if (end == NULL)
            end = start + strlen (start);
          p = *end == '"' ? end + 1 : end;
          prefix = *p == '*';
          if (prefix)
            p++;
          if (has_word_char (start, end - start))
            add_token (tokens, TOKEN_TERM, quote_term (start, end - start, prefix));
          continue;
        }

      start = p;
      while (*p != '\0' && !g_ascii_isspace (*p) && *p != '"' && *p != '(' && *p != ')')
        p++;

      if ((p - start == 3 && strncmp (start, "AND", 3) == 0) ||
          (p - start == 2 && strncmp (start, "OR", 2) == 0) ||
          (p - start == 3 && strncmp (start, "NOT", 3) == 0))
        add_token (tokens, TOKEN_OPERATOR, g_strndup (start, p - start));
      else
        {
          gssize len = p - start;
          gboolean prefix = FALSE;

          while (len > 0 && start[len - 1] == '*')
            {
              prefix = TRUE;
              len--;
            }
          if (has_word_char (start, len))
            add_token (tokens, TOKEN_TERM, quote_term (start, len, prefix));
        }
    }

  /* An operator without an operand on both sides is a plain word. */
  for (guint i = 0; i < tokens->len; i++)
    {
      Token *t = &g_array_index (tokens, Token, i);

      if (plain && (t->kind == TOKEN_OPEN || t->kind == TOKEN_CLOSE))
        {
          g_array_remove_index (tokens, i--);
          continue;
        }

      if (t->kind == TOKEN_OPERATOR &&
          (plain ||
           i == 0 || i + 1 == tokens->len ||
           !is_operand_end (&g_array_index (tokens, Token, i - 1)) ||
           !is_operand_start (&g_array_index (tokens, Token, i + 1))))
        {
          char *word = quote_term (t->text, strlen (t->text), FALSE);

          g_free (t->text);
          t->text = word;
          t->kind = TOKEN_TERM;
        }
    }

  for (guint i = 0; i < tokens->len; i++)
    {
      Token *t = &g_array_index (tokens, Token, i);
      const Token *next = i + 1 < tokens->len ? &g_array_index (tokens, Token, i + 1) : NULL;

      switch (t->kind)
        {
        case TOKEN_OPEN:
          /* "()" and a "(" at the end hold nothing: skip them. */
          if (next == NULL || next->kind == TOKEN_CLOSE)
            {
              i++;
              continue;
            }
          depth++;
          g_string_append (out, "(");
          break;

        case TOKEN_CLOSE:
          if (depth == 0)
            continue;
          depth--;
          g_string_append (out, ")");
          break;

        case TOKEN_TERM:
          any_term = TRUE;
          G_GNUC_FALLTHROUGH;
        case TOKEN_OPERATOR:
        default:
          g_string_append (out, t->text);
          break;
        }

      if (next != NULL)
        g_string_append_c (out, ' ');
    }

  while (depth-- > 0)
    g_string_append (out, ")");

  if (!any_term)
    return NULL;

  return g_string_free (g_steal_pointer (&out), FALSE);
}

static void
attache_search_hit_free (AttacheSearchHit *hit)
{
  g_clear_object (&hit->article);
  g_free (hit->snippet);
  g_free (hit);
}

AttacheSearchHit *
_attache_search_hit_new (AttacheArticle *article,
                         char           *snippet,
                         double          rank)
{
  AttacheSearchHit *hit = g_new0 (AttacheSearchHit, 1);

  g_atomic_ref_count_init (&hit->ref_count);
  hit->article = article;
  hit->snippet = snippet != NULL ? snippet : g_strdup ("");
  hit->rank = rank;
  return hit;
}

AttacheSearchHit *
attache_search_hit_ref (AttacheSearchHit *hit)
{
  g_return_val_if_fail (hit != NULL, NULL);
  g_atomic_ref_count_inc (&hit->ref_count);
  return hit;
}

void
attache_search_hit_unref (AttacheSearchHit *hit)
{
  g_return_if_fail (hit != NULL);
  if (g_atomic_ref_count_dec (&hit->ref_count))
    attache_search_hit_free (hit);
}

AttacheArticle *
attache_search_hit_get_article (AttacheSearchHit *hit)
{
  g_return_val_if_fail (hit != NULL, NULL);
  return hit->article;
}

double
attache_search_hit_get_rank (AttacheSearchHit *hit)
{
  g_return_val_if_fail (hit != NULL, 0.0);
  return hit->rank;
}

char *
attache_search_hit_dup_snippet_marked (AttacheSearchHit *hit,
                                       const char       *open,
                                       const char       *close)
{
  GString *out;

  g_return_val_if_fail (hit != NULL, NULL);
  g_return_val_if_fail (open != NULL && close != NULL, NULL);

  out = g_string_new (NULL);
  for (const char *p = hit->snippet; *p != '\0'; p++)
    {
      if (*p == '\002' || *p == '\003')
        {
          g_string_append (out, *p == '\002' ? open : close);
          continue;
        }
      /* Paragraph breaks become one space. */
      if (*p == '\n' || (*p == ' ' && p[1] == '\n'))
        {
          if (out->len > 0 && out->str[out->len - 1] != ' ')
            g_string_append_c (out, ' ');
          continue;
        }
      g_string_append_c (out, *p);
    }

  return g_string_free (out, FALSE);
}

char *
attache_search_hit_dup_snippet (AttacheSearchHit *hit)
{
  return attache_search_hit_dup_snippet_marked (hit, "", "");
}

char *
attache_search_hit_dup_snippet_markup (AttacheSearchHit *hit)
{
  GString *markup;
  const char *run;

  g_return_val_if_fail (hit != NULL, NULL);

  markup = g_string_new (NULL);
  run = hit->snippet;
  for (const char *p = hit->snippet; ; p++)
    {
      if (*p == '\002' || *p == '\003' || *p == '\n' || *p == '\0')
        {
          g_autofree char *escaped = g_markup_escape_text (run, p - run);

          g_string_append (markup, escaped);
          if (*p == '\0')
            break;
          if (*p == '\n')
            {
              /* Paragraph breaks become one space. */
              if (markup->len > 0 && markup->str[markup->len - 1] != ' ')
                g_string_append_c (markup, ' ');
              while (p[1] == '\n')
                p++;
            }
          else
            g_string_append (markup, *p == '\002' ? "<b>" : "</b>");
          run = p + 1;
        }
    }

  return g_string_free (markup, FALSE);
}

GPtrArray *
attache_library_search (AttacheLibrary  *self,
                        const char      *query,
                        guint            limit,
                        GError         **error)
{
  g_autoptr(AttacheSearchQuery) search = NULL;
  g_autoptr(AttacheSearchResults) results = NULL;
  g_autofree char *expression = NULL;

  g_return_val_if_fail (ATTACHE_IS_LIBRARY (self), NULL);
  g_return_val_if_fail (query != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  /* Words only: nothing to look for is an error, not the whole library. */
  expression = _attache_library_translate_query (query, FALSE);
  if (expression == NULL)
    {
      g_set_error (error, ATTACHE_DATABASE_ERROR, ATTACHE_DATABASE_ERROR_INVALID_QUERY,
                   _("The search “%s” has no words to look for"), query);
      return NULL;
    }

  search = attache_search_query_new (query);
  results = attache_library_find (self, search, limit, error);
  if (results == NULL)
    return NULL;

  return g_ptr_array_ref (results->hits);
}

/* Asynchronous variants: the same calls in a worker thread. */

typedef struct
{
  gint64          id;
  AttacheArticle *article;
  char           *query;
  guint           limit;
  gboolean        flag;
} TaskData;

static void
task_data_free (TaskData *data)
{
  g_clear_object (&data->article);
  g_free (data->query);
  g_free (data);
}

static TaskData *
task_data_new (gint64 id)
{
  TaskData *data = g_new0 (TaskData, 1);

  data->id = id;
  return data;
}

static GTask *
new_task (AttacheLibrary      *self,
          gpointer             source_tag,
          GCancellable        *cancellable,
          GAsyncReadyCallback  callback,
          gpointer             user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, source_tag);

  return task;
}

static gpointer
get_article_run (gpointer       source_object,
                 gpointer       task_data,
                 GCancellable  *cancellable,
                 GError       **error)
{
  return attache_library_get_article (source_object, ((TaskData *) task_data)->id, error);
}

void
attache_library_get_article_async (AttacheLibrary      *self,
                                   gint64               id,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (ATTACHE_IS_LIBRARY (self));

  task = new_task (self, attache_library_get_article_async, cancellable, callback, user_data);
  _attache_task_run_pointer (task, get_article_run, g_object_unref,
                             task_data_new (id), (GDestroyNotify) task_data_free, ATTACHE_TASK_DEFAULT);
}

AttacheArticle *
attache_library_get_article_finish (AttacheLibrary  *self,
                                    GAsyncResult    *result,
                                    GError         **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

static gpointer
list_articles_run (gpointer       source_object,
                   gpointer       task_data,
                   GCancellable  *cancellable,
                   GError       **error)
{
  return attache_library_list_articles (source_object, error);
}

void
attache_library_list_articles_async (AttacheLibrary      *self,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (ATTACHE_IS_LIBRARY (self));

  task = new_task (self, attache_library_list_articles_async, cancellable, callback, user_data);
  _attache_task_run_pointer (task, list_articles_run, (GDestroyNotify) g_ptr_array_unref,
                             NULL, NULL, ATTACHE_TASK_DEFAULT);
}

GPtrArray *
attache_library_list_articles_finish (AttacheLibrary  *self,
                                      GAsyncResult    *result,
                                      GError         **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

static gpointer
delete_article_run (gpointer       source_object,
                    gpointer       task_data,
                    GCancellable  *cancellable,
                    GError       **error)
{
  AttacheLibrary *self = source_object;
  TaskData *data = task_data;
  g_autoptr(AttacheArticle) article = NULL;
  DeletedState *state = NULL;
  GError *local_error = NULL;

  /* Read and delete under one lock, so the article returned for Undo is exactly
   * the one that was deleted. */
  _attache_database_lock (self->database);
  article = attache_library_get_article (self, data->id, &local_error);
  if (article != NULL && read_deleted_state (self, data->id, &state, &local_error))
    {
      g_object_set_qdata_full (G_OBJECT (article), deleted_state_quark (), state,
                               (GDestroyNotify) deleted_state_free);
      attache_library_delete_article (self, data->id, &local_error);
    }
  _attache_database_unlock (self->database);

  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return NULL;
    }

  return g_steal_pointer (&article);
}

void
attache_library_delete_article_async (AttacheLibrary      *self,
                                      gint64               id,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (ATTACHE_IS_LIBRARY (self));

  task = new_task (self, attache_library_delete_article_async, cancellable, callback, user_data);
  _attache_task_run_pointer (task, delete_article_run, g_object_unref,
                             task_data_new (id), (GDestroyNotify) task_data_free, ATTACHE_TASK_DEFAULT);
}

AttacheArticle *
attache_library_delete_article_finish (AttacheLibrary  *self,
                                       GAsyncResult    *result,
                                       GError         **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

static gboolean
restore_article_run (gpointer       source_object,
                     gpointer       task_data,
                     GCancellable  *cancellable,
                     GError       **error)
{
  return attache_library_restore_article (source_object, ((TaskData *) task_data)->article, error);
}

void
attache_library_restore_article_async (AttacheLibrary      *self,
                                       AttacheArticle      *article,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  TaskData *data;

  g_return_if_fail (ATTACHE_IS_LIBRARY (self));
  g_return_if_fail (ATTACHE_IS_ARTICLE (article));

  data = task_data_new (0);
  data->article = g_object_ref (article);
  task = new_task (self, attache_library_restore_article_async, cancellable, callback, user_data);
  /* Not cancellable once asked for: an Undo must not be lost half-way. */
  _attache_task_run_boolean (task, restore_article_run,
                             data, (GDestroyNotify) task_data_free, ATTACHE_TASK_RUN_WHEN_CANCELLED);
}

gboolean
attache_library_restore_article_finish (AttacheLibrary  *self,
                                        GAsyncResult    *result,
                                        GError         **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

static gpointer
search_run (gpointer       source_object,
            gpointer       task_data,
            GCancellable  *cancellable,
            GError       **error)
{
  TaskData *data = task_data;

  return attache_library_search (source_object, data->query, data->limit, error);
}

void
attache_library_search_async (AttacheLibrary      *self,
                              const char          *query,
                              guint                limit,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  TaskData *data;

  g_return_if_fail (ATTACHE_IS_LIBRARY (self));
  g_return_if_fail (query != NULL);

  data = task_data_new (0);
  data->query = g_strdup (query);
  data->limit = limit;
  task = new_task (self, attache_library_search_async, cancellable, callback, user_data);
  _attache_task_run_pointer (task, search_run, (GDestroyNotify) g_ptr_array_unref,
                             data, (GDestroyNotify) task_data_free, ATTACHE_TASK_DEFAULT);
}

GPtrArray *
attache_library_search_finish (AttacheLibrary  *self,
                               GAsyncResult    *result,
                               GError         **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Analyses */

typedef struct
{
  guint32 start;     /* bytes */
  guint32 end;
  gint64  actor_id;
  gint64  alias_id;
  guint32 char_start;
  guint32 char_end;
} StoredSpan;

static gint
compare_stored_spans (gconstpointer a,
                      gconstpointer b)
{
  const StoredSpan *x = a, *y = b;

  return x->start < y->start ? -1 : x->start > y->start;
}

/* Fills char_start and char_end of @spans (sorted by start) in one pass. */
static void
bytes_to_chars (const char *text,
                GArray     *spans)
{
  const char *p = text;
  guint32 chars = 0;
  g_autoptr(GArray) ends = g_array_new (FALSE, FALSE, sizeof (guint32 *));

  g_array_sort (spans, compare_stored_spans);
  for (guint i = 0; i < spans->len; i++)
    {
      StoredSpan *span = &g_array_index (spans, StoredSpan, i);

      while (p < text + span->start && *p != '\0')
        {
          p = g_utf8_next_char (p);
          chars++;
        }
      span->char_start = chars;
      span->char_end = chars + g_utf8_strlen (p, MAX ((gssize) span->end - (gssize) span->start, 0));
    }
}

static char *
join_lines (GPtrArray *list)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < list->len; i++)
    {
      if (i > 0)
        g_string_append_c (out, '\n');
      g_string_append (out, g_ptr_array_index (list, i));
    }

  return g_string_free (out, FALSE);
}

static char *
actor_alias (AttacheActorType  type,
             const char       *name)
{
  g_autofree char *lower = g_utf8_casefold (name, -1);

  return g_strconcat (attache_actor_type_to_string (type), ":", lower, NULL);
}

char *
_attache_library_actor_alias_key (AttacheActorType  type,
                                  const char       *name)
{
  return actor_alias (type, name);
}

/* The library's actor for an actor found in a text, and the alias it was
 * found under, both created when new. The alias table is where the analyst's
 * decisions live (a merged name points at the actor it was merged into, a
 * split one at its own actor; a renamed, retyped or hidden actor keeps its
 * aliases), so whatever the analyser finds lands on the analyst's actors.
 * Call with the lock and a transaction held. Returns FALSE on error. */
static gboolean
resolve_actor (AttacheLibrary           *self,
               const AttacheFoundActor  *found,
               gint64                   *out_actor_id,
               gint64                   *out_alias_id,
               GError                  **error)
{
  g_autofree char *alias = actor_alias (found->type, found->name);
  sqlite3_stmt *stmt;
  gint64 id;
  int rc;

  stmt = _attache_database_prepare (self->database,
                                    "SELECT actor_id, id FROM actor_aliases WHERE alias = ?1", error);
  if (stmt == NULL)
    return FALSE;
  bind_text (stmt, 1, alias);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      *out_actor_id = sqlite3_column_int64 (stmt, 0);
      *out_alias_id = sqlite3_column_int64 (stmt, 1);
      sqlite3_reset (stmt);
      return TRUE;
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return _attache_database_set_error (self->database, rc, _("Could not store the analysis"), error);

  stmt = _attache_database_prepare (self->database,
                                    "INSERT INTO actors (name, type) VALUES (?1, ?2)", error);
  if (stmt == NULL)
    return FALSE;
  bind_text (stmt, 1, found->name);
  bind_text (stmt, 2, attache_actor_type_to_string (found->type));
  if ((rc = sqlite3_step (stmt)) != SQLITE_DONE)
    return _attache_database_set_error (self->database, rc, _("Could not store the analysis"), error);
  id = sqlite3_last_insert_rowid (_attache_database_get_handle (self->database));

  stmt = _attache_database_prepare (self->database,
                                    "INSERT INTO actor_aliases (alias, actor_id, name) VALUES (?1, ?2, ?3)", error);
  if (stmt == NULL)
    return FALSE;
  bind_text (stmt, 1, alias);
  sqlite3_bind_int64 (stmt, 2, id);
  bind_text (stmt, 3, found->name);
  if ((rc = sqlite3_step (stmt)) != SQLITE_DONE)
    return _attache_database_set_error (self->database, rc, _("Could not store the analysis"), error);

  *out_actor_id = id;
  *out_alias_id = sqlite3_last_insert_rowid (_attache_database_get_handle (self->database));
  return TRUE;
}

static gboolean
step_done (AttacheLibrary  *self,
           sqlite3_stmt    *stmt,
           GError         **error)
{
  int rc = sqlite3_step (stmt);

  if (rc != SQLITE_DONE)
    return _attache_database_set_error (self->database, rc, _("Could not store the analysis"), error);

  return TRUE;
}

static gboolean
store_analysis_locked (AttacheLibrary         *self,
                       gint64                  id,
                       const char             *text,
                       const AttacheAnalysis  *analysis,
                       GError                **error)
{
  static const char * const clear[] = {
    "DELETE FROM article_actors WHERE article_id = ?1",
    "DELETE FROM article_aliases WHERE article_id = ?1",
    "DELETE FROM mentions WHERE article_id = ?1",
    "DELETE FROM article_topics WHERE article_id = ?1",
  };
  g_autoptr(GArray) spans = g_array_new (FALSE, FALSE, sizeof (StoredSpan));
  g_autoptr(GArray) summary = g_array_new (FALSE, FALSE, sizeof (StoredSpan));
  g_autoptr(GString) summary_text = g_string_new (NULL);
  sqlite3_stmt *stmt;
  int rc;

  /* Deleted while it was analysed (the analysis runs without the lock):
   * said as such, for the runner to go on with the others. */
  if ((stmt = _attache_database_prepare (self->database, "SELECT 1 FROM articles WHERE id = ?1", error)) == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc == SQLITE_DONE)
    {
      g_set_error (error, ATTACHE_DATABASE_ERROR, ATTACHE_DATABASE_ERROR_NOT_FOUND,
                   _("There is no article with id %" PRId64 " in the library"), (int64_t) id);
      return FALSE;
    }
  if (rc != SQLITE_ROW)
    return _attache_database_set_error (self->database, rc, _("Could not read the library"), error);

  for (guint i = 0; i < G_N_ELEMENTS (clear); i++)
    {
      if ((stmt = _attache_database_prepare (self->database, clear[i], error)) == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, id);
      if (!step_done (self, stmt, error))
        return FALSE;
    }

  for (guint i = 0; i < analysis->summary->len; i++)
    {
      const AttacheSpan *span = &g_array_index (analysis->summary, AttacheSpan, i);
      StoredSpan stored = { span->start, span->end, 0, 0, 0, 0 };

      g_array_append_val (summary, stored);
    }
  bytes_to_chars (text, summary);
  for (guint i = 0; i < summary->len; i++)
    g_string_append_printf (summary_text, "%s%u-%u", i > 0 ? " " : "",
                            g_array_index (summary, StoredSpan, i).char_start,
                            g_array_index (summary, StoredSpan, i).char_end);

  stmt = _attache_database_prepare (self->database,
                                    "INSERT OR REPLACE INTO analyses (article_id, version, language, analysed, "
                                    "  subject, summary) VALUES (?1, ?2, ?3, ?4, ?5, ?6)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_int (stmt, 2, analysis->version);
  bind_text (stmt, 3, analysis->language);
  sqlite3_bind_int (stmt, 4, analysis->analysed);
  bind_text (stmt, 5, analysis->subject != NULL ? analysis->subject->code : NULL);
  bind_text (stmt, 6, summary_text->str);
  if (!step_done (self, stmt, error))
    return FALSE;

  for (guint i = 0; i < analysis->actors->len; i++)
    {
      const AttacheFoundActor *actor = g_ptr_array_index (analysis->actors, i);
      g_autofree char *roles = join_lines (actor->roles);
      g_autofree char *forms = join_lines (actor->aliases);
      gint64 actor_id = 0, alias_id = 0;

      if (!resolve_actor (self, actor, &actor_id, &alias_id, error))
        return FALSE;

      /* Two names that fold to the same alias: one row, counts added. */
      stmt = _attache_database_prepare (self->database,
                                        "INSERT INTO article_aliases (article_id, alias_id, mentions, salience, "
                                        "  roles, forms) VALUES (?1, ?2, ?3, ?4, ?5, ?6) "
                                        "ON CONFLICT (article_id, alias_id) DO UPDATE SET "
                                        "  mentions = mentions + excluded.mentions, "
                                        "  salience = max (salience, excluded.salience), "
                                        "  roles = trim (roles || char (10) || excluded.roles, char (10)), "
                                        "  forms = trim (forms || char (10) || excluded.forms, char (10))",
                                        error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, id);
      sqlite3_bind_int64 (stmt, 2, alias_id);
      sqlite3_bind_int (stmt, 3, actor->mentions);
      sqlite3_bind_double (stmt, 4, actor->salience);
      bind_text (stmt, 5, roles);
      bind_text (stmt, 6, forms);
      if (!step_done (self, stmt, error))
        return FALSE;

      for (guint m = 0; m < actor->spans->len; m++)
        {
          const AttacheSpan *span = &g_array_index (actor->spans, AttacheSpan, m);
          StoredSpan stored = { span->start, span->end, actor_id, alias_id, 0, 0 };

          g_array_append_val (spans, stored);
        }
    }

  /* The article's actors as the analyst sees them, from the aliases. */
  if (!_attache_library_derive_article_actors (self, id, error))
    return FALSE;

  bytes_to_chars (text, spans);
  for (guint i = 0; i < spans->len; i++)
    {
      const StoredSpan *span = &g_array_index (spans, StoredSpan, i);

      stmt = _attache_database_prepare (self->database,
                                        "INSERT INTO mentions (article_id, actor_id, start, end, alias_id) "
                                        "VALUES (?1, ?2, ?3, ?4, ?5)", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, id);
      sqlite3_bind_int64 (stmt, 2, span->actor_id);
      sqlite3_bind_int (stmt, 3, span->char_start);
      sqlite3_bind_int (stmt, 4, span->char_end);
      sqlite3_bind_int64 (stmt, 5, span->alias_id);
      if (!step_done (self, stmt, error))
        return FALSE;
    }

  for (guint i = 0; i < analysis->topics->len; i++)
    {
      const AttacheFoundTopic *topic = g_ptr_array_index (analysis->topics, i);

      stmt = _attache_database_prepare (self->database,
                                        "INSERT INTO article_topics (article_id, rank, label, score) "
                                        "VALUES (?1, ?2, ?3, ?4)", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, id);
      sqlite3_bind_int (stmt, 2, i);
      bind_text (stmt, 3, topic->label);
      sqlite3_bind_double (stmt, 4, topic->score);
      if (!step_done (self, stmt, error))
        return FALSE;
    }

  return TRUE;
}

gboolean
attache_library_store_analysis (AttacheLibrary         *self,
                                gint64                  id,
                                const char             *text,
                                const AttacheAnalysis  *analysis,
                                GError                **error)
{
  gboolean ok;

  g_return_val_if_fail (ATTACHE_IS_LIBRARY (self), FALSE);
  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (analysis != NULL, FALSE);

  _attache_database_lock (self->database);

  ok = _attache_database_begin (self->database, error) &&
       store_analysis_locked (self, id, text, analysis, error) &&
       _attache_database_commit (self->database, error);
  if (!ok)
    _attache_database_rollback (self->database);

  _attache_database_unlock (self->database);

  if (ok)
    notify_analyses_changed (self);
  return ok;
}

/* Character offsets back into bytes of @text: @offsets sorted or not. */
static guint32
char_to_byte (const char *text,
              glong       n_chars,
              guint32     offset)
{
  if (offset > (guint32) n_chars)
    offset = n_chars;
  return g_utf8_offset_to_pointer (text, offset) - text;
}

static void
split_lines_into (GPtrArray  *list,
                  const char *joined)
{
  g_auto(GStrv) lines = NULL;

  if (joined == NULL || joined[0] == '\0')
    return;
  lines = g_strsplit (joined, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    if (lines[i][0] != '\0')
      add_unique_string (list, lines[i]);
}

AttacheAnalysis *
attache_library_get_analysis (AttacheLibrary  *self,
                              gint64           id,
                              GError         **error)
{
  g_autoptr(AttacheAnalysis) analysis = NULL;
  g_autoptr(GHashTable) by_id = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autofree char *text = NULL;
  g_autofree char *summary = NULL;
  sqlite3_stmt *stmt;
  glong n_chars;
  int rc;

  g_return_val_if_fail (ATTACHE_IS_LIBRARY (self), NULL);

  _attache_database_lock (self->database);

  stmt = _attache_database_prepare (self->database,
                                    "SELECT n.version, n.language, n.analysed, n.subject, n.summary, a.body "
                                    "FROM analyses n JOIN articles a ON a.id = n.article_id "
                                    "WHERE n.article_id = ?1", error);
  if (stmt == NULL)
    goto failed;
  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      if (rc == SQLITE_DONE)
        g_set_error (error, ATTACHE_DATABASE_ERROR, ATTACHE_DATABASE_ERROR_NOT_FOUND,
                     _("Article %" PRId64 " has not been analysed"), (int64_t) id);
      else
        _attache_database_set_error (self->database, rc, _("Could not read the analysis"), error);
      sqlite3_reset (stmt);
      goto failed;
    }

  analysis = attache_analysis_new ();
  analysis->version = sqlite3_column_int (stmt, 0);
  analysis->language = g_strdup (column_text (stmt, 1));
  analysis->analysed = sqlite3_column_int (stmt, 2);
  if (column_text (stmt, 3) != NULL)
    analysis->subject = attache_subject_from_code (column_text (stmt, 3));
  summary = g_strdup (column_text (stmt, 4));
  text = g_strdup (column_text (stmt, 5));
  sqlite3_reset (stmt);
  n_chars = g_utf8_strlen (text, -1);

  if (summary != NULL && summary[0] != '\0')
    {
      g_auto(GStrv) pairs = g_strsplit (summary, " ", -1);

      for (guint i = 0; pairs[i] != NULL; i++)
        {
          guint start, end;

          if (sscanf (pairs[i], "%u-%u", &start, &end) == 2)
            {
              AttacheSpan span = { char_to_byte (text, n_chars, start), char_to_byte (text, n_chars, end) };

              g_array_append_val (analysis->summary, span);
            }
        }
    }

  stmt = _attache_database_prepare (self->database,
                                    "SELECT c.id, c.name, c.type, aa.mentions, aa.salience, aa.roles, aa.forms "
                                    "FROM article_actors aa JOIN actors c ON c.id = aa.actor_id "
                                    "WHERE aa.article_id = ?1 AND c.hidden = 0 "
                                    "ORDER BY aa.salience DESC, aa.mentions DESC, c.name", error);
  if (stmt == NULL)
    goto failed;
  sqlite3_bind_int64 (stmt, 1, id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      AttacheActorType type = ATTACHE_ACTOR_LOCATION;
      AttacheFoundActor *actor;

      attache_actor_type_from_string (column_text (stmt, 2), &type);
      actor = attache_found_actor_new (column_text (stmt, 1), type);
      actor->id = sqlite3_column_int64 (stmt, 0);
      actor->mentions = sqlite3_column_int (stmt, 3);
      actor->salience = sqlite3_column_double (stmt, 4);
      split_lines_into (actor->roles, column_text (stmt, 5));
      split_lines_into (actor->aliases, column_text (stmt, 6));
      /* Merged names are among the forms, the actor's own too: not an alias. */
      for (guint a = 0; a < actor->aliases->len; a++)
        if (g_str_equal (actor->aliases->pdata[a], actor->name))
          g_ptr_array_remove_index (actor->aliases, a--);
      g_ptr_array_add (analysis->actors, actor);
      g_hash_table_insert (by_id, &actor->id, actor);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _attache_database_set_error (self->database, rc, _("Could not read the analysis"), error);
      goto failed;
    }

  stmt = _attache_database_prepare (self->database,
                                    "SELECT actor_id, start, end FROM mentions WHERE article_id = ?1 ORDER BY start",
                                    error);
  if (stmt == NULL)
    goto failed;
  sqlite3_bind_int64 (stmt, 1, id);
  {
    /* Offsets in order: one walk through the text. */
    const char *p = text;
    guint32 chars = 0;

    while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
      {
        gint64 actor_id = sqlite3_column_int64 (stmt, 0);
        guint32 start = sqlite3_column_int (stmt, 1), end = sqlite3_column_int (stmt, 2);
        AttacheFoundActor *actor = g_hash_table_lookup (by_id, &actor_id);
        AttacheSpan span;

        if (actor == NULL || start > end || end > (guint32) n_chars)
          continue;   /* a hidden actor */
        while (chars < start)
          {
            p = g_utf8_next_char (p);
            chars++;
          }
        span.start = p - text;
        span.end = g_utf8_offset_to_pointer (p, end - start) - text;
        g_array_append_val (actor->spans, span);
      }
  }
  sqlite3_reset (stmt);

  stmt = _attache_database_prepare (self->database,
                                    "SELECT label, score FROM article_topics WHERE article_id = ?1 ORDER BY rank",
                                    error);
  if (stmt == NULL)
    goto failed;
  sqlite3_bind_int64 (stmt, 1, id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (analysis->topics, attache_found_topic_new (column_text (stmt, 0), sqlite3_column_double (stmt, 1)));
  sqlite3_reset (stmt);

  _attache_database_unlock (self->database);
  return g_steal_pointer (&analysis);

failed:
  _attache_database_unlock (self->database);
  return NULL;
}

GArray *
attache_library_list_unanalysed (AttacheLibrary  *self,
                                 guint            limit,
                                 GError         **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (ATTACHE_IS_LIBRARY (self), NULL);

  _attache_database_lock (self->database);
  stmt = _attache_database_prepare (self->database,
                                    "SELECT a.id FROM articles a LEFT JOIN analyses n ON n.article_id = a.id "
                                    "WHERE n.article_id IS NULL OR n.version < ?1 ORDER BY a.id LIMIT ?2", error);
  if (stmt == NULL)
    {
      _attache_database_unlock (self->database);
      return NULL;
    }
  sqlite3_bind_int (stmt, 1, ATTACHE_ANALYZER_VERSION);
  sqlite3_bind_int64 (stmt, 2, limit > 0 ? (gint64) limit : -1);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (ids, id);
    }
  sqlite3_reset (stmt);
  _attache_database_unlock (self->database);

  if (rc != SQLITE_DONE)
    {
      _attache_database_set_error (self->database, rc, _("Could not read the library"), error);
      return NULL;
    }

  return g_steal_pointer (&ids);
}

/* Loads how many articles use each word from the full-text index (its
 * fts5vocab view, made once per connection), unless the stats loaded before
 * are still close: within 10% of the library's size. Call with stats_lock. */
static gboolean
refresh_topic_stats (AttacheLibrary  *self,
                     GError         **error)
{
  GHashTable *frequency;
  sqlite3_stmt *stmt;
  gint64 n;
  int rc;

  n = attache_library_count_articles (self, error);
  if (n < 0)
    return FALSE;

  if (self->stats != NULL &&
      ABS (n - (gint64) self->stats->n_documents) <= MAX (10, (gint64) self->stats->n_documents / 10))
    return TRUE;

  _attache_database_lock (self->database);

  if (sqlite3_exec (_attache_database_get_handle (self->database),
                    "CREATE VIRTUAL TABLE IF NOT EXISTS temp.articles_vocab "
                    "USING fts5vocab (main, articles_fts, 'row')", NULL, NULL, NULL) != SQLITE_OK)
    {
      _attache_database_set_error (self->database, SQLITE_ERROR, _("Could not read the library"), error);
      _attache_database_unlock (self->database);
      return FALSE;
    }

  stmt = _attache_database_prepare (self->database, "SELECT term, doc FROM temp.articles_vocab", error);
  if (stmt == NULL)
    {
      _attache_database_unlock (self->database);
      return FALSE;
    }

  frequency = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_hash_table_insert (frequency, g_strdup (column_text (stmt, 0)),
                         GUINT_TO_POINTER (sqlite3_column_int (stmt, 1)));
  sqlite3_reset (stmt);
  _attache_database_unlock (self->database);

  if (rc != SQLITE_DONE)
    {
      g_hash_table_unref (frequency);
      return _attache_database_set_error (self->database, rc, _("Could not read the library"), error);
    }

  if (self->stats == NULL)
    self->stats = g_new0 (AttacheTopicStats, 1);
  else
    g_hash_table_unref (self->stats->document_frequency);
  self->stats->n_documents = n;
  self->stats->document_frequency = frequency;

  return TRUE;
}

gboolean
attache_library_analyze_article (AttacheLibrary  *self,
                                 gint64           id,
                                 GError         **error)
{
  g_autoptr(AttacheArticle) article = NULL;
  g_autoptr(AttacheAnalysis) analysis = NULL;

  g_return_val_if_fail (ATTACHE_IS_LIBRARY (self), FALSE);

  article = attache_library_get_article (self, id, error);
  if (article == NULL)
    return FALSE;

  /* Without the lock: analysis is the slow part, and needs no database. */
  g_mutex_lock (&self->stats_lock);
  if (!refresh_topic_stats (self, error))
    {
      g_mutex_unlock (&self->stats_lock);
      return FALSE;
    }
  analysis = attache_analyze (attache_article_get_title (article), attache_article_get_text (article),
                              3, self->stats, error);
  g_mutex_unlock (&self->stats_lock);
  if (analysis == NULL)
    return FALSE;

  return attache_library_store_analysis (self, id, attache_article_get_text (article), analysis, error);
}

static void
analyze_pending_worker (GTask        *task,
                        gpointer      source_object,
                        gpointer      task_data,
                        GCancellable *cancellable)
{
  AttacheLibrary *self = source_object;
  gint64 done = 0;

  for (;;)
    {
      g_autoptr(GArray) ids = NULL;
      GError *error = NULL;

      if (g_task_return_error_if_cancelled (task))
        return;

      ids = attache_library_list_unanalysed (self, 64, &error);
      if (ids == NULL)
        {
          g_task_return_error (task, error);
          return;
        }
      if (ids->len == 0)
        break;

      for (guint i = 0; i < ids->len; i++)
        {
          gint64 id = g_array_index (ids, gint64, i);

          if (g_cancellable_is_cancelled (cancellable))
            break;

          /* An article deleted meanwhile is not an error. */
          if (!attache_library_analyze_article (self, id, &error))
            {
              if (!g_error_matches (error, ATTACHE_DATABASE_ERROR, ATTACHE_DATABASE_ERROR_NOT_FOUND))
                {
                  g_task_return_error (task, error);
                  return;
                }
              g_clear_error (&error);
            }
          done++;
        }
    }

  g_task_return_int (task, done);
}

void
attache_library_analyze_pending_async (AttacheLibrary      *self,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (ATTACHE_IS_LIBRARY (self));

  task = new_task (self, attache_library_analyze_pending_async, cancellable, callback, user_data);
  g_task_run_in_thread (task, analyze_pending_worker);
}

gint64
attache_library_analyze_pending_finish (AttacheLibrary  *self,
                                        GAsyncResult    *result,
                                        GError         **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), -1);
  return g_task_propagate_int (G_TASK (result), error);
}

static gpointer
get_analysis_run (gpointer       source_object,
                  gpointer       task_data,
                  GCancellable  *cancellable,
                  GError       **error)
{
  return attache_library_get_analysis (source_object, ((TaskData *) task_data)->id, error);
}

void
attache_library_get_analysis_async (AttacheLibrary      *self,
                                    gint64               id,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (ATTACHE_IS_LIBRARY (self));

  task = new_task (self, attache_library_get_analysis_async, cancellable, callback, user_data);
  _attache_task_run_pointer (task, get_analysis_run, (GDestroyNotify) attache_analysis_free,
                             task_data_new (id), (GDestroyNotify) task_data_free, ATTACHE_TASK_DEFAULT);
}

AttacheAnalysis *
attache_library_get_analysis_finish (AttacheLibrary  *self,
                                     GAsyncResult    *result,
                                     GError         **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Read state, and the feeds' articles */

gboolean
attache_library_set_article_read (AttacheLibrary  *self,
                                  gint64           id,
                                  gboolean         read,
                                  GError         **error)
{
  sqlite3_stmt *stmt;
  gboolean changed = FALSE;
  gboolean found = FALSE;
  int rc;

  g_return_val_if_fail (ATTACHE_IS_LIBRARY (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  _attache_database_lock (self->database);

  stmt = _attache_database_prepare (self->database,
                                    "UPDATE articles SET read = ?2 WHERE id = ?1 AND read <> ?2",
                                    error);
  if (stmt == NULL)
    goto out;

  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_int (stmt, 2, read ? 1 : 0);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _attache_database_set_error (self->database, rc, _("Could not change the article"), error);
      goto out;
    }

  changed = sqlite3_changes (_attache_database_get_handle (self->database)) > 0;
  found = changed;

  if (!changed)
    {
      gboolean unused;

      /* Unchanged: already so, or no such article. */
      found = attache_library_get_article_read (self, id, &unused, error);
    }

out:
  _attache_database_unlock (self->database);

  if (changed)
    notify_feeds_changed (self);

  return found;
}

gboolean
attache_library_get_article_read (AttacheLibrary  *self,
                                  gint64           id,
                                  gboolean        *out_read,
                                  GError         **error)
{
  sqlite3_stmt *stmt;
  gboolean found = FALSE;
  int rc;

  g_return_val_if_fail (ATTACHE_IS_LIBRARY (self), FALSE);
  g_return_val_if_fail (out_read != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  _attache_database_lock (self->database);

  stmt = _attache_database_prepare (self->database, "SELECT read FROM articles WHERE id = ?1", error);
  if (stmt != NULL)
    {
      sqlite3_bind_int64 (stmt, 1, id);
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        {
          *out_read = sqlite3_column_int (stmt, 0) != 0;
          found = TRUE;
        }
      else if (rc == SQLITE_DONE)
        g_set_error (error, ATTACHE_DATABASE_ERROR, ATTACHE_DATABASE_ERROR_NOT_FOUND,
                     _("There is no article with id %" PRId64 " in the library"), (int64_t) id);
      else
        _attache_database_set_error (self->database, rc, _("Could not read the article"), error);
      sqlite3_reset (stmt);
    }

  _attache_database_unlock (self->database);
  return found;
}

GArray *
attache_library_list_feed_article_ids (AttacheLibrary  *self,
                                       gint64           feed_id,
                                       GError         **error)
{
  g_autoptr(GArray) ids = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (ATTACHE_IS_LIBRARY (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  _attache_database_lock (self->database);

  stmt = _attache_database_prepare (self->database,
                                    "SELECT DISTINCT article_id FROM feed_items "
                                    "WHERE feed_id = ?1 AND article_id IS NOT NULL",
                                    error);
  if (stmt == NULL)
    {
      _attache_database_unlock (self->database);
      return NULL;
    }

  sqlite3_bind_int64 (stmt, 1, feed_id);
  ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (ids, id);
    }
  sqlite3_reset (stmt);

  _attache_database_unlock (self->database);

  if (rc != SQLITE_DONE)
    {
      _attache_database_set_error (self->database, rc, _("Could not read the feeds"), error);
      return NULL;
    }

  return g_steal_pointer (&ids);
}

static gpointer
list_feeds_run (gpointer       source_object,
                gpointer       task_data,
                GCancellable  *cancellable,
                GError       **error)
{
  return attache_library_list_feeds (source_object, error);
}

void
attache_library_list_feeds_async (AttacheLibrary      *self,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (ATTACHE_IS_LIBRARY (self));

  task = new_task (self, attache_library_list_feeds_async, cancellable, callback, user_data);
  _attache_task_run_pointer (task, list_feeds_run, (GDestroyNotify) g_ptr_array_unref,
                             NULL, NULL, ATTACHE_TASK_DEFAULT);
}

GPtrArray *
attache_library_list_feeds_finish (AttacheLibrary  *self,
                                   GAsyncResult    *result,
                                   GError         **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

static gboolean
remove_feed_run (gpointer       source_object,
                 gpointer       task_data,
                 GCancellable  *cancellable,
                 GError       **error)
{
  return attache_library_remove_feed (source_object, ((TaskData *) task_data)->id, error);
}

void
attache_library_remove_feed_async (AttacheLibrary      *self,
                                   gint64               id,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (ATTACHE_IS_LIBRARY (self));

  task = new_task (self, attache_library_remove_feed_async, cancellable, callback, user_data);
  _attache_task_run_boolean (task, remove_feed_run,
                             task_data_new (id), (GDestroyNotify) task_data_free, ATTACHE_TASK_RUN_WHEN_CANCELLED);
}

gboolean
attache_library_remove_feed_finish (AttacheLibrary  *self,
                                    GAsyncResult    *result,
                                    GError         **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

static gboolean
set_feed_fetch_full_article_run (gpointer       source_object,
                                 gpointer       task_data,
                                 GCancellable  *cancellable,
                                 GError       **error)
{
  TaskData *data = task_data;

  return attache_library_set_feed_fetch_full_article (source_object, data->id, data->flag, error);
}

void
attache_library_set_feed_fetch_full_article_async (AttacheLibrary      *self,
                                                   gint64               id,
                                                   gboolean             fetch_full_article,
                                                   GCancellable        *cancellable,
                                                   GAsyncReadyCallback  callback,
                                                   gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  TaskData *data;

  g_return_if_fail (ATTACHE_IS_LIBRARY (self));

  data = task_data_new (id);
  data->flag = fetch_full_article;
  task = new_task (self, attache_library_set_feed_fetch_full_article_async, cancellable, callback, user_data);
  _attache_task_run_boolean (task, set_feed_fetch_full_article_run,
                             data, (GDestroyNotify) task_data_free, ATTACHE_TASK_DEFAULT);
}

gboolean
attache_library_set_feed_fetch_full_article_finish (AttacheLibrary  *self,
                                                    GAsyncResult    *result,
                                                    GError         **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

static gboolean
set_article_read_run (gpointer       source_object,
                      gpointer       task_data,
                      GCancellable  *cancellable,
                      GError       **error)
{
  TaskData *data = task_data;

  return attache_library_set_article_read (source_object, data->id, data->flag, error);
}

void
attache_library_set_article_read_async (AttacheLibrary      *self,
                                        gint64               id,
                                        gboolean             read,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  TaskData *data;

  g_return_if_fail (ATTACHE_IS_LIBRARY (self));

  data = task_data_new (id);
  data->flag = read;
  task = new_task (self, attache_library_set_article_read_async, cancellable, callback, user_data);
  _attache_task_run_boolean (task, set_article_read_run,
                             data, (GDestroyNotify) task_data_free, ATTACHE_TASK_DEFAULT);
}

gboolean
attache_library_set_article_read_finish (AttacheLibrary  *self,
                                         GAsyncResult    *result,
                                         GError         **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

static gpointer
list_feed_article_ids_run (gpointer       source_object,
                           gpointer       task_data,
                           GCancellable  *cancellable,
                           GError       **error)
{
  return attache_library_list_feed_article_ids (source_object, ((TaskData *) task_data)->id, error);
}

void
attache_library_list_feed_article_ids_async (AttacheLibrary      *self,
                                             gint64               feed_id,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (ATTACHE_IS_LIBRARY (self));

  task = new_task (self, attache_library_list_feed_article_ids_async, cancellable, callback, user_data);
  _attache_task_run_pointer (task, list_feed_article_ids_run, (GDestroyNotify) g_array_unref,
                             task_data_new (feed_id), (GDestroyNotify) task_data_free, ATTACHE_TASK_DEFAULT);
}

GArray *
attache_library_list_feed_article_ids_finish (AttacheLibrary  *self,
                                              GAsyncResult    *result,
                                              GError         **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}
