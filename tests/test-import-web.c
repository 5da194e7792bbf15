/* test-import-web.c: importing web pages, from a real HTTP server on loopback
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <libsoup/soup.h>
#include <string.h>

#include "attache.h"
#include "attache-fetcher.h"

#include "test-helpers.h"

static const char story[] =
  "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
  "<title>Port talks resume | Harbour Post</title>"
  "<link rel=\"canonical\" href=\"https://harbour.example/2024/port-talks\">"
  "<meta property=\"og:site_name\" content=\"Harbour Post\">"
  "<meta property=\"article:published_time\" content=\"2024-04-03T06:00:00Z\">"
  "</head><body><nav>Home · World</nav><article><h1>Port talks resume</h1>"
  "<p>Union and port authority met again on Wednesday, a week into the strike.</p>"
  "<p>Both sides said the talks were constructive.</p></article></body></html>";

/* Latin-1, and only the HTTP header says so; a relative canonical link. */
static const char latin_story[] =
  "<html><head><title>Caf\xe9 owners protest</title><link rel=\"canonical\" href=\"/canonical/cafe\"></head>"
  "<body><article><h1>Caf\xe9 owners protest</h1><p>Caf\xe9 and bar owners in Valmora protested on Friday "
  "against the new closing hours, which they say will cost them a third of their evening trade.</p>"
  "<p>The mayor said the rules would be reviewed in the autumn after a consultation.</p></article></body></html>";

static const char plain_story[] =
  "<html><head><title>Quota deal</title></head><body>"
  "<p>Fisheries ministers agreed on mackerel quotas after an all-night session.</p></body></html>";

typedef struct
{
  char            *dir;
  AttacheLibrary  *library;
  AttacheImporter *importer;
  SoupServer      *server;
  GUri            *base;
} Fixture;

static void
server_cb (SoupServer        *server,
           SoupServerMessage *msg,
           const char        *path,
           GHashTable        *query,
           gpointer           user_data)
{
  if (g_str_equal (path, "/story"))
    soup_server_message_set_response (msg, "text/html; charset=utf-8", SOUP_MEMORY_STATIC, story, strlen (story));
  else if (g_str_equal (path, "/latin"))
    soup_server_message_set_response (msg, "text/html; charset=ISO-8859-1", SOUP_MEMORY_STATIC,
                                      latin_story, strlen (latin_story));
  else if (g_str_equal (path, "/quota"))
    soup_server_message_set_response (msg, "text/html", SOUP_MEMORY_STATIC, plain_story, strlen (plain_story));
  else if (g_str_equal (path, "/old-quota"))
    {
      soup_server_message_set_redirect (msg, SOUP_STATUS_MOVED_PERMANENTLY, "/quota");
      return;
    }
  else if (g_str_equal (path, "/feed"))
    soup_server_message_set_response (msg, "application/rss+xml", SOUP_MEMORY_STATIC, "<rss/>", 6);
  else if (g_str_equal (path, "/picture"))
    soup_server_message_set_response (msg, "image/png", SOUP_MEMORY_STATIC, "\x89PNG\r\n", 6);
  else
    {
      soup_server_message_set_status (msg, SOUP_STATUS_NOT_FOUND, NULL);
      return;
    }

  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
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

  f->server = test_server_new (server_cb, f, &f->base);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  soup_server_disconnect (f->server);
  g_clear_object (&f->server);
  g_clear_pointer (&f->base, g_uri_unref);
  g_clear_object (&f->importer);
  g_clear_object (&f->library);
  test_tmpdir_free (f->dir);
}

static char *
url_for (Fixture    *f,
         const char *path)
{
  return test_server_url (f->base, path);
}

static AttacheImportResult *
import_url (Fixture    *f,
            const char *path)
{
  g_autofree char *url = url_for (f, path);
  g_autoptr(GError) error = NULL;
  GAsyncResult *async_result = NULL;
  AttacheImportResult *result;
  guint timeout = g_timeout_add_seconds (20, test_timeout_cb, NULL);

  attache_importer_import_url_async (f->importer, url, NULL, test_result_cb, &async_result);
  while (async_result == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (timeout);

  result = attache_importer_import_url_finish (f->importer, async_result, &error);
  g_assert_no_error (error);
  g_object_unref (async_result);
  return result;
}

static void
test_page (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(AttacheImportResult) result = import_url (f, "/story");
  g_autoptr(AttacheImportResult) again = NULL;
  g_autoptr(AttacheArticle) article = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *requested = url_for (f, "/story");
  AttacheFetchResult *capture;
  const char *raw;
  gsize raw_len;

  g_assert_no_error ((GError *) attache_import_result_get_error (result));
  g_assert_cmpint (attache_import_result_get_status (result), ==, ATTACHE_IMPORT_IMPORTED);

  article = attache_library_get_article (f->library, attache_import_result_get_article_id (result), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (attache_article_get_title (article), ==, "Port talks resume");
  g_assert_cmpstr (attache_article_get_source (article), ==, "Harbour Post");
  g_assert_cmpstr (attache_article_get_published (article), ==, "2024-04-03T06:00:00Z");
  /* The page's own canonical address; where it was fetched from is the origin. */
  g_assert_cmpstr (attache_article_get_url (article), ==, "https://harbour.example/2024/port-talks");
  g_assert_cmpstr (attache_article_get_origin (article), ==, requested);
  g_assert_true (g_str_has_prefix (attache_article_get_text (article), "Union and port authority met again"));
  g_assert_null (strstr (attache_article_get_text (article), "Home"));

  /* The capture record proves what the page said. */
  capture = attache_article_get_capture (article);
  g_assert_nonnull (capture);
  g_assert_cmpstr (attache_fetch_result_get_requested_url (capture), ==, requested);
  g_assert_cmpstr (attache_fetch_result_get_final_url (capture), ==, requested);
  g_assert_cmpuint (attache_fetch_result_get_status (capture), ==, 200);
  g_assert_cmpstr (attache_fetch_result_get_content_type (capture), ==, "text/html");
  g_assert_cmpstr (attache_fetch_result_get_charset (capture), ==, "utf-8");
  g_assert_nonnull (attache_fetch_result_get_date (capture));
  raw = g_bytes_get_data (attache_fetch_result_get_body (capture), &raw_len);
  g_assert_cmpmem (raw, raw_len, story, strlen (story));
  g_assert_cmpstr (attache_fetch_result_get_sha256 (capture), ==, attache_article_get_sha256 (article));

  /* The same address again is a duplicate. */
  again = import_url (f, "/story");
  g_assert_cmpint (attache_import_result_get_status (again), ==, ATTACHE_IMPORT_DUPLICATE);
  g_assert_cmpint (attache_import_result_get_article_id (again), ==, attache_import_result_get_article_id (result));
  g_assert_cmpint (attache_library_count_articles (f->library, NULL), ==, 1);
}

static void
test_redirected (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(AttacheImportResult) result = import_url (f, "/old-quota");
  g_autoptr(AttacheArticle) article = NULL;
  g_autofree char *requested = url_for (f, "/old-quota");
  g_autofree char *final = url_for (f, "/quota");

  g_assert_cmpint (attache_import_result_get_status (result), ==, ATTACHE_IMPORT_IMPORTED);
  article = attache_library_get_article (f->library, attache_import_result_get_article_id (result), NULL);
  /* No canonical URL on the page: the address it was finally read from. */
  g_assert_cmpstr (attache_article_get_url (article), ==, final);
  g_assert_cmpstr (attache_article_get_origin (article), ==, requested);
  g_assert_cmpstr (attache_fetch_result_get_final_url (attache_article_get_capture (article)), ==, final);
}

static void
test_http_charset (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(AttacheImportResult) result = import_url (f, "/latin");
  g_autoptr(AttacheArticle) article = NULL;
  g_autofree char *canonical = url_for (f, "/canonical/cafe");

  g_assert_cmpint (attache_import_result_get_status (result), ==, ATTACHE_IMPORT_IMPORTED);
  article = attache_library_get_article (f->library, attache_import_result_get_article_id (result), NULL);
  g_assert_cmpstr (attache_article_get_title (article), ==, "Café owners protest");
  g_assert_true (g_str_has_prefix (attache_article_get_text (article), "Café and bar owners"));
  /* The page's relative canonical link, made absolute against where it was read. */
  g_assert_cmpstr (attache_article_get_url (article), ==, canonical);
}

static void
test_refused (Fixture       *f,
              gconstpointer  data)
{
  struct { const char *path; GQuark domain; int code; const char *words; } cases[] = {
    { "/missing", ATTACHE_FETCH_ERROR, ATTACHE_FETCH_ERROR_HTTP, "404" },
    { "/feed", ATTACHE_IMPORT_ERROR, ATTACHE_IMPORT_ERROR_NOT_AN_ARTICLE, "news feed" },
    { "/picture", ATTACHE_IMPORT_ERROR, ATTACHE_IMPORT_ERROR_NOT_AN_ARTICLE, "image/png" },
  };
  g_autoptr(AttacheImportResult) kept = import_url (f, "/quota");

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(AttacheImportResult) result = import_url (f, cases[i].path);
      const GError *error = attache_import_result_get_error (result);

      g_assert_cmpint (attache_import_result_get_status (result), ==, ATTACHE_IMPORT_FAILED);
      g_assert_error ((GError *) error, cases[i].domain, cases[i].code);
      g_assert_nonnull (strstr (error->message, cases[i].words));
    }

  g_assert_cmpint (attache_library_count_articles (f->library, NULL), ==, 1);
}

static void
test_delete_restore_keeps_capture (Fixture       *f,
                                   gconstpointer  data)
{
  g_autoptr(AttacheImportResult) result = import_url (f, "/story");
  gint64 id = attache_import_result_get_article_id (result);
  g_autoptr(AttacheArticle) article = attache_library_get_article (f->library, id, NULL);
  g_autoptr(AttacheArticle) restored = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (attache_library_delete_article (f->library, id, &error));
  g_assert_true (attache_library_restore_article (f->library, article, &error));
  g_assert_no_error (error);

  restored = attache_library_get_article (f->library, id, &error);
  g_assert_no_error (error);
  g_assert_nonnull (attache_article_get_capture (restored));
  g_assert_cmpstr (attache_fetch_result_get_sha256 (attache_article_get_capture (restored)), ==,
                   attache_fetch_result_get_sha256 (attache_article_get_capture (article)));
}

/* attache-cli import URL, as a program: the server answers from this process's
 * main loop while the CLI runs. */
static void
test_cli (Fixture       *f,
          gconstpointer  data)
{
  const char *cli = g_getenv ("ATTACHE_CLI");
  g_autofree char *db = g_build_filename (f->dir, "cli.db", NULL);
  g_autofree char *url = url_for (f, "/story");
  g_autofree char *missing = url_for (f, "/missing");
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GBytes) out = NULL;
  g_autoptr(GBytes) err = NULL;
  g_autoptr(GError) error = NULL;
  GAsyncResult *result = NULL;
  g_autofree char *expected_err = NULL;
  guint timeout;

  if (cli == NULL)
    {
      g_test_skip ("ATTACHE_CLI is not set: run through meson test");
      return;
    }

  process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE, &error,
                              cli, "--library", db, "import", url, missing, NULL);
  g_assert_no_error (error);

  timeout = g_timeout_add_seconds (30, test_timeout_cb, NULL);
  g_subprocess_communicate_async (process, NULL, NULL, test_result_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (timeout);

  g_subprocess_communicate_finish (process, result, &out, &err, &error);
  g_assert_no_error (error);
  g_object_unref (result);

  g_assert_cmpmem (g_bytes_get_data (out, NULL), g_bytes_get_size (out),
                   "imported 1 Port talks resume\n", strlen ("imported 1 Port talks resume\n"));
  expected_err = g_strdup_printf ("error: %s: the server answered 404 Not Found\n", missing);
  g_assert_cmpmem (g_bytes_get_data (err, NULL), g_bytes_get_size (err), expected_err, strlen (expected_err));
  g_assert_true (g_subprocess_get_if_exited (process));
  g_assert_cmpint (g_subprocess_get_exit_status (process), ==, 1);

  /* The capture record is shown, and the page comes back byte for byte. */
  {
    g_autofree char *page = g_build_filename (f->dir, "captured.html", NULL);
    g_autofree char *contents = NULL;
    g_autofree char *json = NULL;
    g_autoptr(GSubprocess) show = NULL;
    g_autoptr(GSubprocess) raw = NULL;
    gsize len;

    show = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error, cli, "--library", db, "show", "1", "--json", NULL);
    g_assert_no_error (error);
    g_assert_true (g_subprocess_communicate_utf8 (show, NULL, NULL, &json, NULL, &error));
    g_assert_no_error (error);
    g_assert_nonnull (strstr (json, "\"capture\""));
    g_assert_nonnull (strstr (json, "\"status\" : 200"));
    g_assert_nonnull (strstr (json, url));

    raw = g_subprocess_new (G_SUBPROCESS_FLAGS_NONE, &error, cli, "--library", db, "show", "1", "--page", page, NULL);
    g_assert_no_error (error);
    g_assert_true (g_subprocess_wait_check (raw, NULL, &error));
    g_assert_no_error (error);
    g_assert_true (g_file_get_contents (page, &contents, &len, NULL));
    g_assert_cmpmem (contents, len, story, strlen (story));
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/import-web/page", test_page);
  ADD ("/import-web/redirected", test_redirected);
  ADD ("/import-web/http-charset", test_http_charset);
  ADD ("/import-web/refused", test_refused);
  ADD ("/import-web/delete-restore-keeps-capture", test_delete_restore_keeps_capture);
  ADD ("/import-web/cli", test_cli);

  return g_test_run ();
}
