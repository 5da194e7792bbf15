/* test-library.c: the library database
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <sqlite3.h>

#include "attache.h"
#include "attache-database-private.h"
#include "attache-library-private.h"

#include "test-helpers.h"

typedef struct
{
  char           *dir;
  char           *path;
  AttacheLibrary *library;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = test_tmpdir_new ();
  f->path = g_build_filename (f->dir, "library.db", NULL);
  f->library = attache_library_open (f->path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (f->library);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->library);
  g_free (f->path);
  test_tmpdir_free (f->dir);
}

static AttacheArticle *
make_article (const char *title,
              const char *text,
              const char *published)
{
  AttacheArticle *article = attache_article_new ();
  g_autofree char *sha = g_compute_checksum_for_string (G_CHECKSUM_SHA256, text, -1);

  attache_article_set_title (article, title);
  attache_article_set_text (article, text);
  attache_article_set_published (article, published);
  attache_article_set_sha256 (article, sha);
  attache_article_set_origin (article, "/tmp/test.txt");
  return article;
}

static gint64
add (AttacheLibrary *library,
     const char     *title,
     const char     *text,
     const char     *published)
{
  g_autoptr(AttacheArticle) article = make_article (title, text, published);
  g_autoptr(GError) error = NULL;
  gint64 id = 0;

  g_assert_cmpint (attache_library_add_article (library, article, &id, &error), ==, ATTACHE_ADD_ADDED);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  g_assert_cmpint (attache_article_get_id (article), ==, id);
  return id;
}

static char *
raw_query_text (const char *path,
                const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  char *result = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    result = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return result;
}

static void
test_migrate_fresh (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *journal = NULL;
  g_autofree char *fts = NULL;
  AttacheDatabase *database = attache_library_get_database (f->library);

  g_assert_cmpint (attache_database_get_schema_version (database), ==,
                   attache_database_get_latest_version ());
  g_assert_cmpint (attache_library_count_articles (f->library, NULL), ==, 0);

  g_clear_object (&f->library);
  journal = raw_query_text (f->path, "PRAGMA journal_mode");
  g_assert_cmpstr (journal, ==, "wal");
  fts = raw_query_text (f->path, "SELECT name FROM sqlite_master WHERE name = 'articles_fts'");
  g_assert_cmpstr (fts, ==, "articles_fts");
}

static void
test_migrate_upgrade (void)
{
  g_autofree char *dir = test_tmpdir_new ();
  g_autofree char *path = g_build_filename (dir, "old.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(AttacheDatabase) old = NULL;
  g_autoptr(AttacheLibrary) library = NULL;
  g_autoptr(GPtrArray) hits = NULL;
  g_autofree char *version = NULL;

  /* A library as the first release would have left it: format 1, no search index. */
  old = _attache_database_open_at_version (path, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (attache_database_get_schema_version (old), ==, 1);
  g_clear_object (&old);
  test_raw_exec (path,
                 "INSERT INTO articles (title, imported, body, sha256, fingerprint, origin) "
                 "VALUES ('Old article', '2023-01-01T00:00:00Z', 'Stored before the search index existed.', "
                 "'abc', 'def', '/old.txt')");

  library = attache_library_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (attache_database_get_schema_version (attache_library_get_database (library)), ==,
                   attache_database_get_latest_version ());

  /* The migration indexed what was already there. */
  hits = attache_library_search (library, "index", 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (hits->len, ==, 1);
  g_assert_cmpstr (attache_article_get_title (attache_search_hit_get_article (hits->pdata[0])), ==, "Old article");

  g_clear_object (&library);
  version = raw_query_text (path, "PRAGMA user_version");
  g_assert_cmpint (atoi (version), ==, attache_database_get_latest_version ());

  test_tmpdir_free (g_steal_pointer (&dir));
}

static void
test_migrate_refuses_newer (void)
{
  g_autofree char *dir = test_tmpdir_new ();
  g_autofree char *path = g_build_filename (dir, "future.db", NULL);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(AttacheLibrary) library = NULL;

  test_raw_exec (path, "CREATE TABLE future (x); INSERT INTO future VALUES (42); PRAGMA user_version = 99");
  before = test_file_sha256 (path);

  library = attache_library_open (path, &error);
  g_assert_null (library);
  g_assert_error (error, ATTACHE_DATABASE_ERROR, ATTACHE_DATABASE_ERROR_NEWER_VERSION);
  g_assert_nonnull (strstr (error->message, "newer version of Attaché"));
  g_assert_nonnull (strstr (error->message, "untouched"));

  after = test_file_sha256 (path);
  g_assert_cmpstr (before, ==, after);
  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));

  test_tmpdir_free (g_steal_pointer (&dir));
}

static void
test_open_not_a_library (void)
{
  g_autofree char *dir = test_tmpdir_new ();
  g_autofree char *path = g_build_filename (dir, "notes.txt", NULL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(AttacheLibrary) library = NULL;
  const char *text = "These are my notes, not a database. They are long enough to have a header's size, "
                     "which sqlite reads before deciding what the file is.\n";

  test_write_file (path, text, -1);
  before = test_file_sha256 (path);

  library = attache_library_open (path, &error);
  g_assert_null (library);
  g_assert_error (error, ATTACHE_DATABASE_ERROR, ATTACHE_DATABASE_ERROR_NOT_A_LIBRARY);

  after = test_file_sha256 (path);
  g_assert_cmpstr (before, ==, after);

  g_clear_error (&error);
  library = attache_library_open (dir, &error);
  g_assert_null (library);
  g_assert_error (error, ATTACHE_DATABASE_ERROR, ATTACHE_DATABASE_ERROR_OPEN);

  test_tmpdir_free (g_steal_pointer (&dir));
}

static void
test_default_path (void)
{
  g_autofree char *from_env = NULL;
  g_autofree char *from_xdg = NULL;
  g_autofree char *expected = g_build_filename (g_get_user_data_dir (), "attache", "library.db", NULL);

  g_setenv ("ATTACHE_LIBRARY", "/srv/desk/library.db", TRUE);
  from_env = attache_library_dup_default_path ();
  g_assert_cmpstr (from_env, ==, "/srv/desk/library.db");

  g_unsetenv ("ATTACHE_LIBRARY");
  from_xdg = attache_library_dup_default_path ();
  g_assert_cmpstr (from_xdg, ==, expected);
}

static void
test_article_round_trip (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(AttacheArticle) article = attache_article_new ();
  g_autoptr(AttacheArticle) stored = NULL;
  g_autoptr(GPtrArray) listed = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) imported = g_date_time_new_utc (2024, 5, 6, 7, 8, 9);
  const char *text = "Première ligne : « citation » — Ελληνικά, Русский, עברית, العربية.\n\n"
                     "Second paragraph.\n\nThird one.";
  gint64 id = 0;

  attache_article_set_title (article, "Réunion à Genève");
  attache_article_set_source (article, "Le Journal");
  attache_article_set_url (article, "https://example.org/a?b=c&d=é");
  attache_article_set_author (article, "Zoë Müller");
  g_assert_true (attache_article_set_published (article, "2024-04-02"));
  attache_article_set_imported (article, imported);
  attache_article_set_language (article, "fr");
  attache_article_set_text (article, text);
  attache_article_set_sha256 (article, "0123456789abcdef");
  attache_article_set_origin (article, "/home/analyst/Réunion.txt");

  g_assert_cmpint (attache_library_add_article (f->library, article, &id, &error), ==, ATTACHE_ADD_ADDED);
  g_assert_no_error (error);

  stored = attache_library_get_article (f->library, id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (attache_article_get_id (stored), ==, id);
  g_assert_cmpstr (attache_article_get_title (stored), ==, "Réunion à Genève");
  g_assert_cmpstr (attache_article_get_source (stored), ==, "Le Journal");
  g_assert_cmpstr (attache_article_get_url (stored), ==, "https://example.org/a?b=c&d=é");
  g_assert_cmpstr (attache_article_get_author (stored), ==, "Zoë Müller");
  g_assert_cmpstr (attache_article_get_published (stored), ==, "2024-04-02");
  g_assert_true (g_date_time_equal (attache_article_get_imported (stored), imported));
  g_assert_cmpstr (attache_article_get_language (stored), ==, "fr");
  g_assert_cmpstr (attache_article_get_text (stored), ==, text);
  g_assert_cmpstr (attache_article_get_sha256 (stored), ==, "0123456789abcdef");
  g_assert_cmpstr (attache_article_get_origin (stored), ==, "/home/analyst/Réunion.txt");
  g_assert_cmpuint (attache_article_get_n_words (stored), ==, attache_count_words (text));
  g_assert_cmpuint (attache_article_get_n_chars (stored), ==, g_utf8_strlen (text, -1));

  listed = attache_library_list_articles (f->library, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (listed->len, ==, 1);
  g_assert_cmpstr (attache_article_get_title (listed->pdata[0]), ==, "Réunion à Genève");
  g_assert_null (attache_article_get_text (listed->pdata[0]));
  g_assert_cmpuint (attache_article_get_n_words (listed->pdata[0]), ==, attache_count_words (text));

  /* A published date-time is kept in UTC. */
  g_assert_true (attache_article_set_published (article, "2024-02-14T09:30:00+01:00"));
  g_assert_cmpstr (attache_article_get_published (article), ==, "2024-02-14T08:30:00Z");
  g_assert_false (attache_article_set_published (article, "yesterday"));
  g_assert_false (attache_article_set_published (article, "2024-02-30"));
}

static void
test_article_missing (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AttacheArticle) article = attache_library_get_article (f->library, 12345, &error);

  g_assert_null (article);
  g_assert_error (error, ATTACHE_DATABASE_ERROR, ATTACHE_DATABASE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_assert_false (attache_library_delete_article (f->library, 12345, &error));
  g_assert_error (error, ATTACHE_DATABASE_ERROR, ATTACHE_DATABASE_ERROR_NOT_FOUND);
}

static void
test_article_duplicate (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(AttacheArticle) same_bytes = make_article ("Copy", "One text.", NULL);
  g_autoptr(AttacheArticle) same_text = make_article ("Other copy", "ONE   text.", NULL);
  g_autoptr(GError) error = NULL;
  gint64 first = add (f->library, "Original", "One text.", NULL);
  gint64 id = 0;

  g_assert_cmpint (attache_library_add_article (f->library, same_bytes, &id, &error), ==, ATTACHE_ADD_DUPLICATE);
  g_assert_no_error (error);
  g_assert_cmpint (id, ==, first);

  /* Other bytes, same words: the same article saved another way. */
  attache_article_set_sha256 (same_text, "another-file");
  id = 0;
  g_assert_cmpint (attache_library_add_article (f->library, same_text, &id, &error), ==, ATTACHE_ADD_DUPLICATE);
  g_assert_cmpint (id, ==, first);

  g_assert_cmpint (attache_library_count_articles (f->library, NULL), ==, 1);

  /* Other words under the same URL (pages naming the site's home page as
   * theirs; a page read again later): another article. */
  {
    g_autoptr(AttacheArticle) first_page = make_article ("Port strike", "Dockers walked out.", NULL);
    g_autoptr(AttacheArticle) second_page = make_article ("Grain deal", "The corridor opened.", NULL);

    attache_article_set_url (first_page, "https://harbour.example/");
    attache_article_set_url (second_page, "https://harbour.example/");
    g_assert_cmpint (attache_library_add_article (f->library, first_page, &id, &error), ==, ATTACHE_ADD_ADDED);
    g_assert_cmpint (attache_library_add_article (f->library, second_page, &id, &error), ==, ATTACHE_ADD_ADDED);
    g_assert_no_error (error);
    g_assert_cmpint (attache_library_count_articles (f->library, NULL), ==, 3);
  }
}

/* A feed's article deleted in the window and put back by Undo: still the
 * feed's, and still read. */
static void
test_article_undo_feed (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(AttacheArticle) article = make_article ("Walrus in the harbour", "A walrus slept on the pier.", NULL);
  g_autoptr(AttacheArticle) deleted = NULL;
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  gint64 feed_id = 0, id = 0;
  gboolean read = FALSE;

  g_assert_cmpint (attache_library_add_feed (f->library, "https://harbour.example/feed", "Harbour", NULL, FALSE,
                                             &feed_id, &error), ==, ATTACHE_ADD_ADDED);
  g_assert_cmpint (attache_library_add_feed_article (f->library, feed_id, "guid-1", article, &id, &error),
                   ==, ATTACHE_ADD_ADDED);
  g_assert_true (attache_library_set_article_read (f->library, id, TRUE, &error));
  g_assert_no_error (error);

  attache_library_delete_article_async (f->library, id, NULL, test_result_cb, &result);
  deleted = attache_library_delete_article_finish (f->library, test_wait_for_result (&result), &error);
  g_assert_no_error (error);
  g_clear_object (&result);
  ids = attache_library_list_feed_article_ids (f->library, feed_id, &error);
  g_assert_cmpuint (ids->len, ==, 0);
  g_clear_pointer (&ids, g_array_unref);

  attache_library_restore_article_async (f->library, deleted, NULL, test_result_cb, &result);
  g_assert_true (attache_library_restore_article_finish (f->library, test_wait_for_result (&result), &error));
  g_assert_no_error (error);

  ids = attache_library_list_feed_article_ids (f->library, feed_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ids->len, ==, 1);
  g_assert_cmpint (g_array_index (ids, gint64, 0), ==, id);
  g_assert_true (attache_library_get_article_read (f->library, id, &read, &error));
  g_assert_true (read);

  /* Deleted again, imported anew, then Undo: said, and nothing changes. */
  g_clear_object (&result);
  g_clear_object (&deleted);
  attache_library_delete_article_async (f->library, id, NULL, test_result_cb, &result);
  deleted = attache_library_delete_article_finish (f->library, test_wait_for_result (&result), &error);
  g_assert_no_error (error);
  g_clear_object (&result);
  {
    g_autoptr(AttacheArticle) again = make_article ("Walrus in the harbour", "A walrus slept on the pier.", NULL);
    gint64 new_id = 0;

    g_assert_cmpint (attache_library_add_article (f->library, again, &new_id, &error), ==, ATTACHE_ADD_ADDED);
    g_assert_false (attache_library_restore_article (f->library, deleted, &error));
    g_assert_error (error, ATTACHE_DATABASE_ERROR, ATTACHE_DATABASE_ERROR_EXISTS);
    g_assert_cmpint (attache_library_count_articles (f->library, NULL), ==, 1);
  }
}

static void
test_article_order (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GPtrArray) listed = NULL;

  add (f->library, "Middle", "b", "2024-02-01");
  add (f->library, "Undated", "c", NULL);          /* imported now: newest */
  add (f->library, "Oldest", "a", "2023-12-31");
  add (f->library, "Late", "d", "2024-03-05T10:00:00Z");

  listed = attache_library_list_articles (f->library, NULL);
  g_assert_cmpuint (listed->len, ==, 4);
  g_assert_cmpstr (attache_article_get_title (listed->pdata[0]), ==, "Undated");
  g_assert_cmpstr (attache_article_get_title (listed->pdata[1]), ==, "Late");
  g_assert_cmpstr (attache_article_get_title (listed->pdata[2]), ==, "Middle");
  g_assert_cmpstr (attache_article_get_title (listed->pdata[3]), ==, "Oldest");
}

static void
test_article_delete_restore (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AttacheArticle) article = NULL;
  g_autoptr(AttacheArticle) again = NULL;
  g_autoptr(GPtrArray) hits = NULL;
  gint64 keep = add (f->library, "Keep", "Stays in the library.", NULL);
  gint64 id = add (f->library, "Gone", "Deleted then restored, walrus.", "2024-01-01");

  article = attache_library_get_article (f->library, id, &error);
  g_assert_no_error (error);

  g_assert_true (attache_library_delete_article (f->library, id, &error));
  g_assert_no_error (error);
  g_assert_cmpint (attache_library_count_articles (f->library, NULL), ==, 1);
  hits = attache_library_search (f->library, "walrus", 0, &error);
  g_assert_cmpuint (hits->len, ==, 0);
  g_clear_pointer (&hits, g_ptr_array_unref);

  g_assert_true (attache_library_restore_article (f->library, article, &error));
  g_assert_no_error (error);
  again = attache_library_get_article (f->library, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (attache_article_get_text (again), ==, "Deleted then restored, walrus.");
  hits = attache_library_search (f->library, "walrus", 0, &error);
  g_assert_cmpuint (hits->len, ==, 1);

  /* Ids are never reused: a new article does not take the deleted one's id. */
  {
    gint64 deleted_id = add (f->library, "Short-lived", "Here and gone.", NULL);
    gint64 next_id;

    g_assert_true (attache_library_delete_article (f->library, deleted_id, NULL));
    next_id = add (f->library, "Next", "Comes after.", NULL);
    g_assert_cmpint (next_id, >, deleted_id);
  }

  /* Restoring over a living article fails and changes nothing. */
  g_assert_false (attache_library_restore_article (f->library, article, &error));
  g_assert_nonnull (error);
  g_assert_cmpint (attache_library_count_articles (f->library, NULL), ==, 3);
  g_assert_nonnull (attache_library_get_article (f->library, keep, NULL));
  g_object_unref (attache_library_get_article (f->library, keep, NULL));
}

static void
test_article_incomplete_refused (Fixture       *f,
                                 gconstpointer  data)
{
  g_autoptr(AttacheArticle) article = attache_article_new ();
  g_autoptr(GError) error = NULL;

  add (f->library, "Existing", "Existing text.", NULL);
  attache_article_set_title (article, "No text");
  g_assert_cmpint (attache_library_add_article (f->library, article, NULL, &error), ==, ATTACHE_ADD_FAILED);
  g_assert_nonnull (error);
  g_assert_cmpint (attache_library_count_articles (f->library, NULL), ==, 1);
}

static GPtrArray *
search (AttacheLibrary *library,
        const char     *query)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *hits = attache_library_search (library, query, 0, &error);

  g_assert_no_error (error);
  return hits;
}

static void
test_search (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GPtrArray) hits = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *snippet = NULL;
  g_autofree char *markup = NULL;
  gint64 summit = add (f->library, "NATO summit in Washington",
                       "Allies gather in Washington for the NATO summit.\n\nThe U.S. hosts the talks.", NULL);
  gint64 trade = add (f->library, "Export controls tighten",
                      "New export controls on chips were announced. The summit of trade ministers follows.", NULL);
  gint64 fish = add (f->library, "Fisheries quotas", "Mackerel quotas divide the Faroese & Norwegian sides.", NULL);

  /* One word: both, the one with it in the title first. */
  hits = search (f->library, "summit");
  g_assert_cmpuint (hits->len, ==, 2);
  g_assert_cmpint (attache_article_get_id (attache_search_hit_get_article (hits->pdata[0])), ==, summit);
  g_clear_pointer (&hits, g_ptr_array_unref);

  /* Diacritics and case do not matter. */
  hits = search (f->library, "FAROÉSE");
  g_assert_cmpuint (hits->len, ==, 1);
  g_clear_pointer (&hits, g_ptr_array_unref);

  hits = search (f->library, "\"export controls\"");
  g_assert_cmpuint (hits->len, ==, 1);
  g_assert_cmpint (attache_article_get_id (attache_search_hit_get_article (hits->pdata[0])), ==, trade);
  g_clear_pointer (&hits, g_ptr_array_unref);

  hits = search (f->library, "\"controls export\"");
  g_assert_cmpuint (hits->len, ==, 0);
  g_clear_pointer (&hits, g_ptr_array_unref);

  hits = search (f->library, "mack*");
  g_assert_cmpuint (hits->len, ==, 1);
  g_assert_cmpint (attache_article_get_id (attache_search_hit_get_article (hits->pdata[0])), ==, fish);
  g_clear_pointer (&hits, g_ptr_array_unref);

  hits = search (f->library, "summit NOT chips");
  g_assert_cmpuint (hits->len, ==, 1);
  g_clear_pointer (&hits, g_ptr_array_unref);

  hits = search (f->library, "mackerel OR chips");
  g_assert_cmpuint (hits->len, ==, 2);
  g_clear_pointer (&hits, g_ptr_array_unref);

  hits = search (f->library, "summit AND (chips OR allies)");
  g_assert_cmpuint (hits->len, ==, 2);
  g_clear_pointer (&hits, g_ptr_array_unref);

  /* Punctuation is part of words, never syntax. */
  hits = search (f->library, "U.S.");
  g_assert_cmpuint (hits->len, ==, 1);
  g_clear_pointer (&hits, g_ptr_array_unref);
  hits = search (f->library, "Faroese & (");
  g_assert_cmpuint (hits->len, ==, 1);
  g_clear_pointer (&hits, g_ptr_array_unref);
  hits = search (f->library, "\"unclosed phrase");
  g_assert_cmpuint (hits->len, ==, 0);
  g_clear_pointer (&hits, g_ptr_array_unref);
  hits = search (f->library, "AND");
  g_assert_cmpuint (hits->len, ==, 0);
  g_clear_pointer (&hits, g_ptr_array_unref);

  hits = search (f->library, "walrus");
  g_assert_cmpuint (hits->len, ==, 0);
  g_clear_pointer (&hits, g_ptr_array_unref);

  hits = search (f->library, "chips");
  snippet = attache_search_hit_dup_snippet (hits->pdata[0]);
  markup = attache_search_hit_dup_snippet_markup (hits->pdata[0]);
  g_assert_nonnull (strstr (snippet, "export controls on chips"));
  g_assert_null (strchr (snippet, '\002'));
  g_assert_null (strstr (snippet, "  "));
  g_assert_nonnull (strstr (markup, "<b>chips</b>"));
  g_clear_pointer (&hits, g_ptr_array_unref);

  hits = attache_library_search (f->library, "  ( ) *", 0, &error);
  g_assert_null (hits);
  g_assert_error (error, ATTACHE_DATABASE_ERROR, ATTACHE_DATABASE_ERROR_INVALID_QUERY);
}

static void
test_search_translate (void)
{
  struct { const char *query; const char *expected; } cases[] = {
    { "summit", "\"summit\"" },
    { "U.S. policy", "\"U.S.\" \"policy\"" },
    { "nato*", "\"nato\"*" },
    { "\"war in ukraine\" NOT russia", "\"war in ukraine\" NOT \"russia\"" },
    { "a OR b", "\"a\" OR \"b\"" },
    { "OR b", "\"OR\" \"b\"" },
    { "(a OR b", "( \"a\" OR \"b\")" },
    { "a) b", "\"a\" \"b\"" },
    { "say \"hi", "\"say\" \"hi\"" },
    { "!!!", NULL },
    { "", NULL },
  };
  g_autofree char *plain = _attache_library_translate_query ("(a OR b) NOT", TRUE);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *got = _attache_library_translate_query (cases[i].query, FALSE);

      g_assert_cmpstr (got, ==, cases[i].expected);
    }

  g_assert_cmpstr (plain, ==, "\"a\" \"OR\" \"b\" \"NOT\"");
}

static void
test_async (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) listed = NULL;
  g_autoptr(GPtrArray) hits = NULL;
  g_autoptr(AttacheArticle) article = NULL;
  g_autoptr(AttacheArticle) deleted = NULL;
  GAsyncResult *result = NULL;
  gint64 id = add (f->library, "Async", "Read off the main thread.", NULL);

  attache_library_list_articles_async (f->library, NULL, test_result_cb, &result);
  listed = attache_library_list_articles_finish (f->library, test_wait_for_result (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (listed->len, ==, 1);
  g_clear_object (&result);

  attache_library_get_article_async (f->library, id, NULL, test_result_cb, &result);
  article = attache_library_get_article_finish (f->library, test_wait_for_result (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (attache_article_get_text (article), ==, "Read off the main thread.");
  g_clear_object (&result);

  attache_library_search_async (f->library, "thread", 10, NULL, test_result_cb, &result);
  hits = attache_library_search_finish (f->library, test_wait_for_result (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (hits->len, ==, 1);
  g_clear_object (&result);

  attache_library_delete_article_async (f->library, id, NULL, test_result_cb, &result);
  deleted = attache_library_delete_article_finish (f->library, test_wait_for_result (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (attache_article_get_title (deleted), ==, "Async");
  g_assert_cmpint (attache_library_count_articles (f->library, NULL), ==, 0);
  g_clear_object (&result);

  attache_library_restore_article_async (f->library, deleted, NULL, test_result_cb, &result);
  g_assert_true (attache_library_restore_article_finish (f->library, test_wait_for_result (&result), &error));
  g_assert_no_error (error);
  g_assert_cmpint (attache_library_count_articles (f->library, NULL), ==, 1);
  g_clear_object (&result);

  /* A cancelled call reports cancellation and leaves the library alone. */
  {
    g_autoptr(GCancellable) cancellable = g_cancellable_new ();
    g_autoptr(AttacheArticle) none = NULL;

    g_cancellable_cancel (cancellable);
    attache_library_delete_article_async (f->library, id, cancellable, test_result_cb, &result);
    none = attache_library_delete_article_finish (f->library, test_wait_for_result (&result), &error);
    g_assert_null (none);
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
    g_assert_cmpint (attache_library_count_articles (f->library, NULL), ==, 1);
    g_clear_object (&result);
  }

  /* An Undo asked for is written even when its caller has gone meanwhile:
   * the caller hears of the cancellation, the article is back. */
  {
    g_autoptr(GCancellable) cancellable = g_cancellable_new ();
    g_autoptr(AttacheArticle) again = NULL;

    g_clear_error (&error);
    attache_library_delete_article_async (f->library, id, NULL, test_result_cb, &result);
    again = attache_library_delete_article_finish (f->library, test_wait_for_result (&result), &error);
    g_assert_no_error (error);
    g_assert_cmpint (attache_library_count_articles (f->library, NULL), ==, 0);
    g_clear_object (&result);

    g_cancellable_cancel (cancellable);
    attache_library_restore_article_async (f->library, again, cancellable, test_result_cb, &result);
    g_assert_false (attache_library_restore_article_finish (f->library, test_wait_for_result (&result), &error));
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
    g_clear_error (&error);
    g_assert_cmpint (attache_library_count_articles (f->library, NULL), ==, 1);
    g_clear_object (&result);
  }
}

static void
on_items_changed_cb (GListModel *model,
                     guint       position,
                     guint       removed,
                     guint       added,
                     gpointer    user_data)
{
  guint *changes = user_data;

  (*changes)++;
}

static void
wait_loaded (AttacheArticleList *list)
{
  guint timeout = g_timeout_add_seconds (20, test_timeout_cb, NULL);

  /* Let the change signal arrive, then the reload finish. */
  g_main_context_iteration (NULL, FALSE);
  while (attache_article_list_get_loading (list))
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (timeout);
}

static void
test_article_list (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(AttacheArticleList) list = NULL;
  g_autoptr(AttacheArticle) first = NULL;
  g_autoptr(AttacheArticle) item = NULL;
  guint changes = 0;
  gint64 old_id;
  gint64 new_id;

  old_id = add (f->library, "Older", "Older text.", "2020-01-01");
  list = attache_article_list_new (f->library);
  g_signal_connect (list, "items-changed", G_CALLBACK (on_items_changed_cb), &changes);
  g_assert_true (attache_article_list_get_loading (list));
  wait_loaded (list);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 1);
  g_assert_cmpuint (changes, ==, 1);
  first = g_list_model_get_item (G_LIST_MODEL (list), 0);

  /* A new article appears on its own, at the top; the old row keeps its object. */
  new_id = add (f->library, "Newer", "Newer text.", "2024-01-01");
  wait_loaded (list);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 2);
  item = g_list_model_get_item (G_LIST_MODEL (list), 0);
  g_assert_cmpint (attache_article_get_id (item), ==, new_id);
  g_clear_object (&item);
  item = g_list_model_get_item (G_LIST_MODEL (list), 1);
  g_assert_true (item == first);
  g_assert_cmpuint (attache_article_list_find (list, old_id), ==, 1);
  g_assert_cmpuint (attache_article_list_find (list, 999), ==, G_MAXUINT);
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (list), 2));

  g_assert_true (attache_library_delete_article (f->library, new_id, NULL));
  wait_loaded (list);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 1);
  g_assert_null (attache_article_list_get_error (list));

  /* Another program breaks the file: the list says why, and keeps its rows. */
  test_raw_exec (f->path, "DROP TABLE articles");
  attache_article_list_reload (list);
  wait_loaded (list);
  g_assert_nonnull (attache_article_list_get_error (list));
  g_assert_error ((GError *) attache_article_list_get_error (list), ATTACHE_DATABASE_ERROR,
                  ATTACHE_DATABASE_ERROR_SQL);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 1);
}

/* A large library's list: the newest articles first, at once, then all of
 * them, the first rows keeping their objects (a view keeps its place). */
static void
test_article_list_first_page (Fixture       *f,
                              gconstpointer  data)
{
  static const char * const words[] = {
    "harbour", "grain", "minister", "talks", "border", "convoy", "quota", "strike", "council",
    "treaty", "budget", "election", "river", "bridge", "tariff", "drought", "ferry", "mayor",
    "court", "pipeline", "census", "festival", "museum", "railway", "airport", "forest",
  };
  g_autoptr(AttacheArticleList) list = NULL;
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GPtrArray) newest = NULL;
  g_autoptr(GPtrArray) first_rows = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;
  GRand *rand = g_rand_new_with_seed (7);
  guint n_first;

  for (guint i = 0; i < 520; i++)
    {
      g_autoptr(GString) text = g_string_new (NULL);
      g_autofree char *title = g_strdup_printf ("Note %u", i);
      g_autofree char *date = g_strdup_printf ("2023-%02u-%02u", 1 + i % 12, 1 + i % 28);

      for (guint w = 0; w < 40; w++)
        g_string_append_printf (text, "%s%s", w > 0 ? " " : "", words[g_rand_int_range (rand, 0, G_N_ELEMENTS (words))]);
      g_string_append_printf (text, " %u.", i);
      add (f->library, title, text->str, date);
    }
  g_rand_free (rand);

  all = attache_library_list_articles (f->library, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (all->len, ==, 520);

  /* The newest few: the head of the whole list. */
  newest = attache_library_list_newest_articles (f->library, 3, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (newest->len, ==, 3);
  for (guint i = 0; i < 3; i++)
    g_assert_cmpint (attache_article_get_id (newest->pdata[i]), ==, attache_article_get_id (all->pdata[i]));

  list = attache_article_list_new (f->library);
  {
    guint timeout = g_timeout_add_seconds (20, test_timeout_cb, NULL);

    while (g_list_model_get_n_items (G_LIST_MODEL (list)) == 0)
      g_main_context_iteration (NULL, TRUE);
    g_source_remove (timeout);
  }

  /* The first page, while the rest is read. */
  n_first = g_list_model_get_n_items (G_LIST_MODEL (list));
  g_assert_cmpuint (n_first, ==, 500);
  g_assert_true (attache_article_list_get_loading (list));
  for (guint i = 0; i < n_first; i++)
    g_ptr_array_add (first_rows, g_list_model_get_item (G_LIST_MODEL (list), i));

  wait_loaded (list);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 520);
  for (guint i = 0; i < 520; i++)
    {
      g_autoptr(AttacheArticle) row = g_list_model_get_item (G_LIST_MODEL (list), i);

      g_assert_cmpint (attache_article_get_id (row), ==, attache_article_get_id (all->pdata[i]));
      if (i < n_first)
        g_assert_true (row == first_rows->pdata[i]);
    }
  g_assert_cmpuint (attache_article_list_find (list, attache_article_get_id (all->pdata[519])), ==, 519);
}

/* Stories: one wire story, as three sites ran it. */
static const char wire_story[] =
  "The foreign ministers of the two countries agreed on Tuesday to reopen the border "
  "crossing at Kapitan Andreevo for grain lorries, ending a standoff that had left "
  "hundreds of trucks stranded for more than a week.\n\n"
  "Under the deal, customs officers from both sides will inspect the cargo jointly at a "
  "single checkpoint, and lorries carrying perishable goods will be given priority. "
  "The agreement will be reviewed after three months.\n\n"
  "Farmers' associations had warned that the delays were costing exporters millions of "
  "euros a day and that part of the harvest could rot in storage. Shipping agents at the "
  "port of Burgas said the backlog would take several days to clear.\n\n"
  "The European Commission welcomed the agreement and said it stood ready to send "
  "technical experts to help run the joint inspections.";

static char *
wire_version (const char *first_sentence,
              const char *changed_word,
              const char *source_line)
{
  g_autoptr(GString) text = g_string_new (wire_story);
  const char *rest = strchr (wire_story, '\n');

  g_string_assign (text, first_sentence);
  g_string_append (text, rest);
  if (changed_word != NULL)
    g_string_replace (text, "several days", changed_word, 1);
  if (source_line != NULL)
    g_string_append_printf (text, "\n\n%s", source_line);
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static gint64
add_version (AttacheLibrary *library,
             const char     *title,
             const char     *source,
             const char     *text,
             const char     *published)
{
  g_autoptr(AttacheArticle) article = make_article (title, text, published);
  g_autoptr(GError) error = NULL;
  gint64 id = 0;

  attache_article_set_source (article, source);
  g_assert_cmpint (attache_library_add_article (library, article, &id, &error), ==, ATTACHE_ADD_ADDED);
  g_assert_no_error (error);
  return id;
}

static gint64
story_of (AttacheLibrary *library,
          gint64          id)
{
  g_autoptr(AttacheArticle) article = attache_library_get_article (library, id, NULL);

  g_assert_nonnull (article);
  return attache_article_get_story_id (article);
}

static void
add_three_sites (AttacheLibrary *library,
                 gint64          ids[3])
{
  g_autofree char *a = wire_version ("Bulgaria and Turkey agreed on Tuesday to reopen the "
                                     "Kapitan Andreevo crossing to grain lorries after a "
                                     "week-long standoff.", NULL, "(Reuters)");
  g_autofree char *b = wire_version ("SOFIA (AP) — Grain trucks stranded for days at the "
                                     "Turkish border will be able to cross again, the two "
                                     "governments said on Tuesday.", "four days", NULL);
  g_autofree char *c = wire_version ("Hundreds of lorries may soon move again.", NULL,
                                     "Reporting by the AFP bureau in Sofia; editing by our desk.");

  ids[0] = add_version (library, "Border reopens to grain lorries", "Reuters", a, "2024-05-07");
  ids[1] = add_version (library, "Grain trucks to cross Turkish border again", "AP", b, "2024-05-08");
  ids[2] = add_version (library, "Lorries may soon move", "AFP", c, "2024-05-09");
}

static void
test_story_versions (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GPtrArray) others = NULL;
  g_autoptr(GPtrArray) listed = NULL;
  g_autoptr(GError) error = NULL;
  gint64 ids[3];

  add_three_sites (f->library, ids);

  /* One story, whose id is its first article's. */
  g_assert_cmpint (story_of (f->library, ids[0]), ==, ids[0]);
  g_assert_cmpint (story_of (f->library, ids[1]), ==, ids[0]);
  g_assert_cmpint (story_of (f->library, ids[2]), ==, ids[0]);

  others = attache_library_list_story (f->library, ids[1], &error);
  g_assert_no_error (error);
  g_assert_cmpuint (others->len, ==, 2);
  g_assert_cmpint (attache_article_get_id (others->pdata[0]), ==, ids[0]);
  g_assert_cmpstr (attache_article_get_source (others->pdata[0]), ==, "Reuters");
  g_assert_cmpint (attache_article_get_id (others->pdata[1]), ==, ids[2]);

  listed = attache_library_list_articles (f->library, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (listed->len, ==, 3);
  for (guint i = 0; i < listed->len; i++)
    g_assert_cmpuint (attache_article_get_story_size (listed->pdata[i]), ==, 3);

  g_clear_pointer (&others, g_ptr_array_unref);
  others = attache_library_list_story (f->library, 999, &error);
  g_assert_error (error, ATTACHE_DATABASE_ERROR, ATTACHE_DATABASE_ERROR_NOT_FOUND);
  g_assert_null (others);
}

static void
test_story_different (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GPtrArray) others = NULL;
  g_autoptr(AttacheArticle) copy = NULL;
  gint64 ids[3];
  gint64 other_id;
  gint64 id = 0;

  add_three_sites (f->library, ids);

  /* The same topic, another story: not grouped. */
  other_id = add_version (f->library, "Lorry drivers protest at border delays", "BBC",
                          "Lorry drivers blocked the road to the Kapitan Andreevo border crossing "
                          "on Monday in protest at delays that have kept some of them waiting for "
                          "nine days with grain bound for Turkey.\n\n"
                          "The drivers said they had run out of food and water and accused both "
                          "governments of ignoring them. Police asked them to clear the road; "
                          "most moved their trucks to a car park by the evening.\n\n"
                          "Exporters say the standoff over customs checks has cost the grain trade "
                          "dearly, and the port of Burgas has reported a backlog of ships.",
                          "2024-05-06");
  g_assert_cmpint (story_of (f->library, other_id), ==, other_id);
  others = attache_library_list_story (f->library, other_id, NULL);
  g_assert_cmpuint (others->len, ==, 0);

  /* An exact copy is still refused, and names the article it copies. */
  {
    g_autofree char *a = wire_version ("Bulgaria and Turkey agreed on Tuesday to reopen the "
                                       "Kapitan Andreevo crossing to grain lorries after a "
                                       "week-long standoff.", NULL, "(Reuters)");

    copy = make_article ("Copy", a, NULL);
    g_assert_cmpint (attache_library_add_article (f->library, copy, &id, NULL), ==, ATTACHE_ADD_DUPLICATE);
    g_assert_cmpint (id, ==, ids[0]);
  }
}

static void
test_story_delete_first (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(AttacheArticle) first = NULL;
  g_autoptr(GPtrArray) others = NULL;
  g_autoptr(GError) error = NULL;
  gint64 ids[3];

  add_three_sites (f->library, ids);
  first = attache_library_get_article (f->library, ids[0], NULL);
  g_assert_true (attache_library_delete_article (f->library, ids[0], &error));
  g_assert_no_error (error);

  /* The other two remain one story. */
  others = attache_library_list_story (f->library, ids[1], &error);
  g_assert_no_error (error);
  g_assert_cmpuint (others->len, ==, 1);
  g_assert_cmpint (attache_article_get_id (others->pdata[0]), ==, ids[2]);
  g_clear_pointer (&others, g_ptr_array_unref);

  /* A new version joins them even so. */
  {
    g_autofree char *d = wire_version ("Lorries carrying grain will cross again.", NULL, "(dpa)");
    gint64 id = add_version (f->library, "Grain lorries cross again", "dpa", d, "2024-05-10");

    g_assert_cmpint (story_of (f->library, id), ==, ids[0]);
  }

  /* Undo puts the first back into its story. */
  g_assert_true (attache_library_restore_article (f->library, first, &error));
  g_assert_no_error (error);
  others = attache_library_list_story (f->library, ids[0], &error);
  g_assert_no_error (error);
  g_assert_cmpuint (others->len, ==, 3);
}

static void
test_story_backfill (void)
{
  g_autofree char *dir = test_tmpdir_new ();
  g_autofree char *path = g_build_filename (dir, "library.db", NULL);
  g_autoptr(AttacheLibrary) library = NULL;
  g_autoptr(GError) error = NULL;
  gint64 ids[3];

  library = attache_library_open (path, &error);
  g_assert_no_error (error);
  add_three_sites (library, ids);
  g_clear_object (&library);

  /* As a library from before stories: no signatures, no story ids. */
  test_raw_exec (path, "DELETE FROM story_bands; "
                       "UPDATE articles SET story_signature = NULL, story_id = NULL");

  library = attache_library_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (story_of (library, ids[1]), ==, ids[0]);
  g_assert_cmpint (story_of (library, ids[2]), ==, ids[0]);
  g_assert_cmpint (attache_library_group_stories (library, &error), ==, 0);
  g_assert_no_error (error);

  g_clear_object (&library);
  test_tmpdir_free (g_steal_pointer (&dir));
}

static void
test_story_article_list (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(AttacheArticleList) list = NULL;
  g_autoptr(AttacheArticle) row = NULL;
  const char * const *sources;
  gint64 ids[3];
  gint64 alone;

  add_three_sites (f->library, ids);
  alone = add (f->library, "Alone", "A story of its own, told once.", "2024-05-20");

  list = attache_article_list_new (f->library);
  wait_loaded (list);

  /* Two rows: the single article, and the story with its earliest version. */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 2);
  row = g_list_model_get_item (G_LIST_MODEL (list), 1);
  g_assert_cmpint (attache_article_get_id (row), ==, ids[0]);
  g_assert_cmpuint (attache_article_get_story_size (row), ==, 3);
  sources = attache_article_get_story_sources (row);
  g_assert_nonnull (sources);
  g_assert_cmpuint (g_strv_length ((char **) sources), ==, 2);
  g_assert_true (g_strv_contains (sources, "AP"));
  g_assert_true (g_strv_contains (sources, "AFP"));
  g_assert_cmpuint (attache_article_list_find (list, alone), ==, 0);
  g_assert_cmpuint (attache_article_list_find (list, ids[2]), ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/library/migrate/fresh", test_migrate_fresh);
  g_test_add_func ("/library/migrate/upgrade", test_migrate_upgrade);
  g_test_add_func ("/library/migrate/refuses-newer", test_migrate_refuses_newer);
  g_test_add_func ("/library/open/not-a-library", test_open_not_a_library);
  g_test_add_func ("/library/open/default-path", test_default_path);
  ADD ("/library/article/round-trip", test_article_round_trip);
  ADD ("/library/article/missing", test_article_missing);
  ADD ("/library/article/duplicate", test_article_duplicate);
  ADD ("/library/article/order", test_article_order);
  ADD ("/library/article/delete-restore", test_article_delete_restore);
  ADD ("/library/article/undo-feed", test_article_undo_feed);
  ADD ("/library/article/incomplete-refused", test_article_incomplete_refused);
  ADD ("/library/search/queries", test_search);
  g_test_add_func ("/library/search/translate", test_search_translate);
  ADD ("/library/async", test_async);
  ADD ("/library/article-list", test_article_list);
  ADD ("/library/article-list/first-page", test_article_list_first_page);
  ADD ("/library/story/versions", test_story_versions);
  ADD ("/library/story/different", test_story_different);
  ADD ("/library/story/delete-first", test_story_delete_first);
  g_test_add_func ("/library/story/backfill", test_story_backfill);
  ADD ("/library/story/article-list", test_story_article_list);

  return g_test_run ();
}
