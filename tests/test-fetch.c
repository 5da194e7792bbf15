/* test-fetch.c: AttacheFetcher against a real HTTP server on loopback
 *
 * Every test talks to a SoupServer in this process, on 127.0.0.1; nothing
 * leaves the machine.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <libsoup/soup.h>
#include <string.h>

#include "attache-fetcher.h"

#include "test-helpers.h"

#define PAGE "<html><head><title>Caf\xe9</title></head><body><p>Hello</p></body></html>"
#define HUGE_SIZE (200 * 1024 * 1024)
#define CHUNK_SIZE (1024 * 1024)

typedef struct
{
  SoupServer *server;
  GUri       *base;
  guint       requests;
  gsize       huge_sent;
  GBytes     *chunk;
  GSList     *paused;   /* messages the "never answers" handler holds */
} Fixture;

static void
on_huge_wrote_chunk_cb (SoupServerMessage *msg,
                        Fixture           *f)
{
  SoupMessageBody *body = soup_server_message_get_response_body (msg);

  if (f->huge_sent >= HUGE_SIZE)
    {
      soup_message_body_complete (body);
      return;
    }

  soup_message_body_append_bytes (body, f->chunk);
  f->huge_sent += CHUNK_SIZE;
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

  f->requests++;

  if (g_str_equal (path, "/page"))
    {
      const char *etag = soup_message_headers_get_one (request, "If-None-Match");

      soup_message_headers_replace (response, "ETag", "\"v1\"");
      soup_message_headers_replace (response, "Last-Modified", "Tue, 02 Apr 2024 09:00:00 GMT");
      if (g_strcmp0 (etag, "\"v1\"") == 0)
        {
          soup_server_message_set_status (msg, SOUP_STATUS_NOT_MODIFIED, NULL);
          return;
        }
      soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
      soup_server_message_set_response (msg, "text/html; charset=ISO-8859-1", SOUP_MEMORY_STATIC,
                                        PAGE, strlen (PAGE));
      return;
    }

  if (g_str_has_prefix (path, "/hop/"))
    {
      int n = atoi (path + 5);
      g_autofree char *next = n > 0 ? g_strdup_printf ("/hop/%d", n - 1) : g_strdup ("/page");

      soup_server_message_set_redirect (msg, SOUP_STATUS_FOUND, next);
      return;
    }

  if (g_str_equal (path, "/loop"))
    {
      soup_server_message_set_redirect (msg, SOUP_STATUS_MOVED_PERMANENTLY, "/loop");
      return;
    }

  if (g_str_equal (path, "/to-file"))
    {
      soup_server_message_set_redirect (msg, SOUP_STATUS_FOUND, "file:///etc/passwd");
      return;
    }

  if (g_str_equal (path, "/missing"))
    {
      soup_server_message_set_status (msg, SOUP_STATUS_NOT_FOUND, NULL);
      return;
    }

  if (g_str_equal (path, "/broken"))
    {
      soup_server_message_set_status (msg, SOUP_STATUS_INTERNAL_SERVER_ERROR, NULL);
      return;
    }

  if (g_str_equal (path, "/silent"))
    {
      /* Accepts the request and never answers. */
      soup_server_message_pause (msg);
      f->paused = g_slist_prepend (f->paused, g_object_ref (msg));
      return;
    }

  if (g_str_equal (path, "/huge"))
    {
      /* 200 MB, streamed in chunks with no length announced. */
      soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
      soup_message_headers_set_encoding (response, SOUP_ENCODING_CHUNKED);
      soup_message_headers_set_content_type (response, "text/html", NULL);
      g_signal_connect (msg, "wrote-chunk", G_CALLBACK (on_huge_wrote_chunk_cb), f);
      soup_message_body_append_bytes (soup_server_message_get_response_body (msg), f->chunk);
      f->huge_sent = CHUNK_SIZE;
      return;
    }

  if (g_str_equal (path, "/gzip"))
    {
      const char *text = "Compressed article text, long enough to be worth compressing. "
                         "Compressed article text, long enough to be worth compressing.";
      g_autoptr(GZlibCompressor) compressor = g_zlib_compressor_new (G_ZLIB_COMPRESSOR_FORMAT_GZIP, -1);
      g_autoptr(GBytes) input = g_bytes_new_static (text, strlen (text));
      guchar out[1024];
      gsize read, written;

      g_converter_convert (G_CONVERTER (compressor), text, strlen (text), out, sizeof out,
                           G_CONVERTER_INPUT_AT_END, &read, &written, NULL);
      soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
      soup_message_headers_replace (response, "Content-Encoding", "gzip");
      soup_server_message_set_response (msg, "text/plain", SOUP_MEMORY_COPY, (const char *) out, written);
      return;
    }

  soup_server_message_set_status (msg, SOUP_STATUS_NOT_FOUND, NULL);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  guchar *bytes = g_malloc (CHUNK_SIZE);

  memset (bytes, 'x', CHUNK_SIZE);
  f->chunk = g_bytes_new_take (bytes, CHUNK_SIZE);

  f->server = test_server_new (server_cb, f, &f->base);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  for (GSList *l = f->paused; l != NULL; l = l->next)
    soup_server_message_unpause (l->data);
  g_slist_free_full (f->paused, g_object_unref);
  soup_server_disconnect (f->server);
  g_clear_object (&f->server);
  g_clear_pointer (&f->base, g_uri_unref);
  g_clear_pointer (&f->chunk, g_bytes_unref);
}

static char *
url_for (Fixture    *f,
         const char *path)
{
  return test_server_url (f->base, path);
}

static AttacheFetchResult *
fetch (AttacheFetcher  *fetcher,
       const char      *url,
       const char      *etag,
       GError         **error)
{
  GAsyncResult *result = NULL;
  AttacheFetchResult *fetched;
  guint timeout = g_timeout_add_seconds (30, test_timeout_cb, NULL);

  attache_fetcher_fetch_async (fetcher, url, etag, NULL, NULL, test_result_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (timeout);

  fetched = attache_fetcher_fetch_finish (fetcher, result, error);
  g_object_unref (result);
  return fetched;
}

static void
test_page (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(AttacheFetcher) fetcher = attache_fetcher_new ();
  g_autofree char *url = url_for (f, "/page");
  g_autoptr(AttacheFetchResult) result = NULL;
  g_autoptr(AttacheFetchResult) again = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *sha = g_compute_checksum_for_string (G_CHECKSUM_SHA256, PAGE, -1);
  gsize len;
  const char *body;

  result = fetch (fetcher, url, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (attache_fetch_result_get_status (result), ==, 200);
  g_assert_cmpstr (attache_fetch_result_get_final_url (result), ==, url);
  g_assert_cmpstr (attache_fetch_result_get_content_type (result), ==, "text/html");
  g_assert_cmpstr (attache_fetch_result_get_charset (result), ==, "ISO-8859-1");
  body = g_bytes_get_data (attache_fetch_result_get_body (result), &len);
  g_assert_cmpmem (body, len, PAGE, strlen (PAGE));
  g_assert_cmpstr (attache_fetch_result_get_sha256 (result), ==, sha);
  g_assert_cmpstr (attache_fetch_result_get_etag (result), ==, "\"v1\"");
  g_assert_cmpstr (attache_fetch_result_get_last_modified (result), ==, "Tue, 02 Apr 2024 09:00:00 GMT");
  g_assert_nonnull (attache_fetch_result_get_date (result));
  g_assert_nonnull (attache_fetch_result_get_fetched (result));

  /* A conditional request that finds nothing new. */
  again = fetch (fetcher, url, "\"v1\"", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (attache_fetch_result_get_status (again), ==, 304);
  g_assert_cmpuint (g_bytes_get_size (attache_fetch_result_get_body (again)), ==, 0);
}

static void
test_redirects (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(AttacheFetcher) fetcher = attache_fetcher_new ();
  g_autofree char *start = url_for (f, "/hop/3");
  g_autofree char *page = url_for (f, "/page");
  g_autofree char *loop = url_for (f, "/loop");
  g_autofree char *to_file = url_for (f, "/to-file");
  g_autoptr(AttacheFetchResult) result = NULL;
  g_autoptr(GError) error = NULL;
  guint before;

  result = fetch (fetcher, start, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (attache_fetch_result_get_requested_url (result), ==, start);
  g_assert_cmpstr (attache_fetch_result_get_final_url (result), ==, page);
  g_clear_pointer (&result, attache_fetch_result_unref);

  before = f->requests;
  result = fetch (fetcher, loop, NULL, &error);
  g_assert_null (result);
  g_assert_error (error, ATTACHE_FETCH_ERROR, ATTACHE_FETCH_ERROR_TOO_MANY_REDIRECTS);
  g_assert_cmpuint (f->requests - before, ==, 11);   /* the first and ten redirects */
  g_clear_error (&error);

  attache_fetcher_set_max_redirects (fetcher, 2);
  result = fetch (fetcher, start, NULL, &error);
  g_assert_error (error, ATTACHE_FETCH_ERROR, ATTACHE_FETCH_ERROR_TOO_MANY_REDIRECTS);
  g_clear_error (&error);

  /* A redirect may not leave the web. */
  result = fetch (fetcher, to_file, NULL, &error);
  g_assert_null (result);
  g_assert_error (error, ATTACHE_FETCH_ERROR, ATTACHE_FETCH_ERROR_INVALID_URL);
}

static void
test_http_errors (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(AttacheFetcher) fetcher = attache_fetcher_new ();
  g_autofree char *missing = url_for (f, "/missing");
  g_autofree char *broken = url_for (f, "/broken");
  g_autoptr(GError) error = NULL;

  g_assert_null (fetch (fetcher, missing, NULL, &error));
  g_assert_error (error, ATTACHE_FETCH_ERROR, ATTACHE_FETCH_ERROR_HTTP);
  g_assert_nonnull (strstr (error->message, "404"));
  g_clear_error (&error);

  g_assert_null (fetch (fetcher, broken, NULL, &error));
  g_assert_error (error, ATTACHE_FETCH_ERROR, ATTACHE_FETCH_ERROR_HTTP);
  g_assert_nonnull (strstr (error->message, "500"));
}

static void
test_not_web (void)
{
  g_autoptr(AttacheFetcher) fetcher = attache_fetcher_new ();
  const char *urls[] = { "file:///etc/passwd", "ftp://example.org/a", "not a url", "http://" };

  for (guint i = 0; i < G_N_ELEMENTS (urls); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_null (fetch (fetcher, urls[i], NULL, &error));
      g_assert_error (error, ATTACHE_FETCH_ERROR, ATTACHE_FETCH_ERROR_INVALID_URL);
    }
}

static void
test_timeout (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(AttacheFetcher) fetcher = attache_fetcher_new ();
  g_autofree char *url = url_for (f, "/silent");
  g_autoptr(GError) error = NULL;

  attache_fetcher_set_timeout (fetcher, 1);
  g_assert_null (fetch (fetcher, url, NULL, &error));
  g_assert_error (error, ATTACHE_FETCH_ERROR, ATTACHE_FETCH_ERROR_TIMEOUT);
}

static void
test_size_cap (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(AttacheFetcher) fetcher = attache_fetcher_new ();
  g_autofree char *url = url_for (f, "/huge");
  g_autoptr(GError) error = NULL;

  g_assert_null (fetch (fetcher, url, NULL, &error));
  g_assert_error (error, ATTACHE_FETCH_ERROR, ATTACHE_FETCH_ERROR_TOO_LARGE);
  g_assert_nonnull (strstr (error->message, "larger than 20.0"));
  /* It stopped reading at the cap: the server never got to send the 200 MB. */
  g_assert_cmpuint (f->huge_sent, <, HUGE_SIZE / 2);
}

static void
test_compressed (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(AttacheFetcher) fetcher = attache_fetcher_new ();
  g_autofree char *url = url_for (f, "/gzip");
  g_autoptr(AttacheFetchResult) result = NULL;
  g_autoptr(GError) error = NULL;
  gsize len;
  const char *body;

  result = fetch (fetcher, url, NULL, &error);
  g_assert_no_error (error);
  body = g_bytes_get_data (attache_fetch_result_get_body (result), &len);
  g_assert_cmpuint (len, >, 40);
  g_assert_true (g_str_has_prefix (body, "Compressed article text"));
}

static void
test_tls (void)
{
  g_autofree char *cert = g_test_build_filename (G_TEST_DIST, "fixtures", "tls", "cert.pem", NULL);
  g_autofree char *key = g_test_build_filename (G_TEST_DIST, "fixtures", "tls", "key.pem", NULL);
  g_autoptr(GTlsCertificate) certificate = NULL;
  g_autoptr(SoupServer) server = NULL;
  g_autoptr(AttacheFetcher) fetcher = attache_fetcher_new ();
  g_autoptr(GTlsDatabase) trusted = NULL;
  g_autoptr(AttacheFetchResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  Fixture f = { 0 };
  GSList *uris;

#if defined(__SANITIZE_ADDRESS__)
  /* glib-networking's TLS module, loaded at run time, starts threads that
   * LeakSanitizer cannot find in its registry, and its tracer crashes at exit.
   * The normal build runs this test. */
  g_test_skip ("LeakSanitizer cannot follow the TLS module's threads; tested in the normal build");
  return;
#endif

  if (!g_tls_backend_supports_tls (g_tls_backend_get_default ()))
    {
      g_test_skip ("no TLS backend (glib-networking) installed");
      return;
    }

  certificate = g_tls_certificate_new_from_files (cert, key, &error);
  g_assert_no_error (error);
  f.chunk = g_bytes_new_static ("", 0);
  server = soup_server_new ("tls-certificate", certificate, NULL);
  soup_server_add_handler (server, NULL, server_cb, &f, NULL);
  soup_server_listen_local (server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY | SOUP_SERVER_LISTEN_HTTPS, &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (server);
  url = g_strdup_printf ("https://127.0.0.1:%d/page", g_uri_get_port (uris->data));
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);

  /* A certificate nobody vouches for is an error, not a question. */
  g_assert_null (fetch (fetcher, url, NULL, &error));
  g_assert_error (error, ATTACHE_FETCH_ERROR, ATTACHE_FETCH_ERROR_TLS);
  g_clear_error (&error);

  /* The same server is fine once its authority is trusted. */
  {
    g_autofree char *absolute = g_canonicalize_filename (cert, NULL);

    trusted = g_tls_file_database_new (absolute, &error);
  }
  g_assert_no_error (error);
  attache_fetcher_set_tls_database (fetcher, trusted);
  result = fetch (fetcher, url, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (attache_fetch_result_get_status (result), ==, 200);

  soup_server_disconnect (server);
  g_bytes_unref (f.chunk);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/fetch/page", test_page);
  ADD ("/fetch/redirects", test_redirects);
  ADD ("/fetch/http-errors", test_http_errors);
  g_test_add_func ("/fetch/not-web", test_not_web);
  ADD ("/fetch/timeout", test_timeout);
  ADD ("/fetch/size-cap", test_size_cap);
  ADD ("/fetch/compressed", test_compressed);
  g_test_add_func ("/fetch/tls", test_tls);

  return g_test_run ();
}
