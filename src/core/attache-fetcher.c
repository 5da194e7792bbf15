/* attache-fetcher.c: fetches web pages and feeds over HTTP(S) with libsoup
 *
 * Redirects are followed by hand, so that their number is bounded and every hop
 * is checked to stay on http or https. The body is read in chunks and the read
 * stops at the size cap: a 200 MB page costs at most the cap in memory.
 * TLS failures are errors; nothing asks whether to accept a bad certificate.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "attache-fetcher"

#include "config.h"

#include <glib/gi18n.h>
#include <libsoup/soup.h>

#include "attache-fetcher-private.h"

#define DEFAULT_TIMEOUT       30
#define DEFAULT_MAX_REDIRECTS 10
#define DEFAULT_MAX_SIZE      (20 * 1024 * 1024)
#define READ_CHUNK            (64 * 1024)
#define USER_AGENT            "Attache/" PACKAGE_VERSION " (+https://github.com/attache/Attache)"

struct _AttacheFetcher
{
  GObject      parent_instance;

  SoupSession *session;
  gsize        max_size;
  guint        max_redirects;
};

G_DEFINE_FINAL_TYPE (AttacheFetcher, attache_fetcher, G_TYPE_OBJECT)

G_DEFINE_QUARK (attache-fetch-error-quark, attache_fetch_error)

struct _AttacheFetchResult
{
  gatomicrefcount  ref_count;
  char            *requested_url;
  char            *final_url;
  guint            status;
  char            *content_type;
  char            *charset;
  GBytes          *body;
  char            *sha256;
  GDateTime       *fetched;
  char            *date;
  char            *last_modified;
  char            *etag;
};

G_DEFINE_BOXED_TYPE (AttacheFetchResult, attache_fetch_result,
                     attache_fetch_result_ref, attache_fetch_result_unref)

AttacheFetchResult *
attache_fetch_result_ref (AttacheFetchResult *result)
{
  g_return_val_if_fail (result != NULL, NULL);
  g_atomic_ref_count_inc (&result->ref_count);
  return result;
}

void
attache_fetch_result_unref (AttacheFetchResult *result)
{
  g_return_if_fail (result != NULL);

  if (!g_atomic_ref_count_dec (&result->ref_count))
    return;

  g_free (result->requested_url);
  g_free (result->final_url);
  g_free (result->content_type);
  g_free (result->charset);
  g_clear_pointer (&result->body, g_bytes_unref);
  g_free (result->sha256);
  g_clear_pointer (&result->fetched, g_date_time_unref);
  g_free (result->date);
  g_free (result->last_modified);
  g_free (result->etag);
  g_free (result);
}

#define RESULT_GETTER(type, name)                                   \
type                                                                \
attache_fetch_result_get_##name (AttacheFetchResult *result)        \
{                                                                   \
  g_return_val_if_fail (result != NULL, (type) 0);                  \
  return result->name;                                              \
}

RESULT_GETTER (const char *, requested_url)
RESULT_GETTER (const char *, final_url)
RESULT_GETTER (guint, status)
RESULT_GETTER (const char *, content_type)
RESULT_GETTER (const char *, charset)
RESULT_GETTER (GBytes *, body)
RESULT_GETTER (const char *, sha256)
RESULT_GETTER (GDateTime *, fetched)
RESULT_GETTER (const char *, date)
RESULT_GETTER (const char *, last_modified)
RESULT_GETTER (const char *, etag)

#undef RESULT_GETTER

AttacheFetchResult *
_attache_fetch_result_new (const char *requested_url,
                           const char *final_url,
                           guint       status,
                           const char *content_type,
                           const char *charset,
                           GBytes     *body,
                           GDateTime  *fetched,
                           const char *date,
                           const char *last_modified,
                           const char *etag)
{
  AttacheFetchResult *result = g_new0 (AttacheFetchResult, 1);

  g_atomic_ref_count_init (&result->ref_count);
  result->requested_url = g_strdup (requested_url);
  result->final_url = g_strdup (final_url);
  result->status = status;
  result->content_type = g_strdup (content_type);
  result->charset = g_strdup (charset);
  result->body = g_bytes_ref (body);
  result->sha256 = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, body);
  result->fetched = g_date_time_ref (fetched);
  result->date = g_strdup (date);
  result->last_modified = g_strdup (last_modified);
  result->etag = g_strdup (etag);

  return result;
}

static void
attache_fetcher_dispose (GObject *object)
{
  AttacheFetcher *self = ATTACHE_FETCHER (object);

  g_clear_object (&self->session);

  G_OBJECT_CLASS (attache_fetcher_parent_class)->dispose (object);
}

static void
attache_fetcher_class_init (AttacheFetcherClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = attache_fetcher_dispose;
}

static void
attache_fetcher_init (AttacheFetcher *self)
{
  self->session = soup_session_new_with_options ("user-agent", USER_AGENT,
                                                 "timeout", DEFAULT_TIMEOUT,
                                                 NULL);
  self->max_size = DEFAULT_MAX_SIZE;
  self->max_redirects = DEFAULT_MAX_REDIRECTS;
}

AttacheFetcher *
attache_fetcher_new (void)
{
  return g_object_new (ATTACHE_TYPE_FETCHER, NULL);
}

void
attache_fetcher_set_timeout (AttacheFetcher *self,
                             guint           seconds)
{
  g_return_if_fail (ATTACHE_IS_FETCHER (self));
  soup_session_set_timeout (self->session, seconds);
}

void
attache_fetcher_set_max_size (AttacheFetcher *self,
                              gsize           max_size)
{
  g_return_if_fail (ATTACHE_IS_FETCHER (self));
  self->max_size = max_size;
}

void
attache_fetcher_set_max_redirects (AttacheFetcher *self,
                                   guint           max_redirects)
{
  g_return_if_fail (ATTACHE_IS_FETCHER (self));
  self->max_redirects = max_redirects;
}

void
attache_fetcher_set_tls_database (AttacheFetcher *self,
                                  GTlsDatabase   *database)
{
  g_return_if_fail (ATTACHE_IS_FETCHER (self));
  soup_session_set_tls_database (self->session, database);
}

typedef struct
{
  char         *requested_url;
  GUri         *uri;            /* the current hop */
  char         *etag;
  char         *last_modified;
  guint         redirects;
  SoupMessage  *message;
  GInputStream *stream;
  GByteArray   *body;
} FetchData;

static void
fetch_data_free (FetchData *data)
{
  g_free (data->requested_url);
  g_clear_pointer (&data->uri, g_uri_unref);
  g_free (data->etag);
  g_free (data->last_modified);
  g_clear_object (&data->message);
  g_clear_object (&data->stream);
  g_clear_pointer (&data->body, g_byte_array_unref);
  g_free (data);
}

/* A URL we may fetch: absolute, http or https, with a host. */
static GUri *
parse_web_url (const char  *text,
               GUri        *base,
               GError     **error)
{
  g_autoptr(GUri) uri = NULL;
  const char *scheme;

  if (base != NULL)
    uri = g_uri_parse_relative (base, text, SOUP_HTTP_URI_FLAGS, NULL);
  else
    uri = g_uri_parse (text, SOUP_HTTP_URI_FLAGS, NULL);

  if (uri == NULL)
    {
      g_set_error (error, ATTACHE_FETCH_ERROR, ATTACHE_FETCH_ERROR_INVALID_URL,
                   _("“%s” is not a web address"), text);
      return NULL;
    }

  scheme = g_uri_get_scheme (uri);
  if (g_ascii_strcasecmp (scheme, "http") != 0 && g_ascii_strcasecmp (scheme, "https") != 0)
    {
      g_set_error (error, ATTACHE_FETCH_ERROR, ATTACHE_FETCH_ERROR_INVALID_URL,
                   _("“%s” is not a web address: only http and https are fetched"), text);
      return NULL;
    }

  if (g_uri_get_host (uri) == NULL || g_uri_get_host (uri)[0] == '\0')
    {
      g_set_error (error, ATTACHE_FETCH_ERROR, ATTACHE_FETCH_ERROR_INVALID_URL,
                   _("“%s” has no host name"), text);
      return NULL;
    }

  return g_steal_pointer (&uri);
}

/* Turns a libsoup or GIO failure into one line a person can act on. */
static GError *
translate_error (const GError *error,
                 GUri         *uri)
{
  const char *host = g_uri_get_host (uri);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return g_error_copy (error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT))
    return g_error_new (ATTACHE_FETCH_ERROR, ATTACHE_FETCH_ERROR_TIMEOUT,
                        _("%s did not answer in time"), host);

  if (error->domain == G_TLS_ERROR)
    return g_error_new (ATTACHE_FETCH_ERROR, ATTACHE_FETCH_ERROR_TLS,
                        _("the secure connection to %s cannot be trusted (%s)"), host, error->message);

  if (error->domain == G_RESOLVER_ERROR)
    return g_error_new (ATTACHE_FETCH_ERROR, ATTACHE_FETCH_ERROR_NETWORK,
                        _("the address %s cannot be found; check the URL and the network"), host);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED))
    return g_error_new (ATTACHE_FETCH_ERROR, ATTACHE_FETCH_ERROR_NETWORK,
                        _("%s refused the connection"), host);

  return g_error_new (ATTACHE_FETCH_ERROR, ATTACHE_FETCH_ERROR_NETWORK,
                      _("could not fetch from %s: %s"), host, error->message);
}

static void send_hop (GTask *task);

static void
finish_body (GTask *task)
{
  FetchData *data = g_task_get_task_data (task);
  SoupMessageHeaders *headers = soup_message_get_response_headers (data->message);
  AttacheFetchResult *result = g_new0 (AttacheFetchResult, 1);
  GHashTable *params = NULL;
  const char *content_type;

  g_atomic_ref_count_init (&result->ref_count);
  result->requested_url = g_strdup (data->requested_url);
  result->final_url = g_uri_to_string (data->uri);
  result->status = soup_message_get_status (data->message);

  content_type = soup_message_headers_get_content_type (headers, &params);
  result->content_type = g_strdup (content_type);
  if (params != NULL)
    {
      result->charset = g_strdup (g_hash_table_lookup (params, "charset"));
      g_hash_table_unref (params);
    }

  if (data->body == NULL)
    data->body = g_byte_array_new ();   /* 304 Not Modified */
  result->body = g_byte_array_free_to_bytes (g_steal_pointer (&data->body));
  result->sha256 = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, result->body);
  result->fetched = g_date_time_new_now_utc ();
  result->date = g_strdup (soup_message_headers_get_one (headers, "Date"));
  result->last_modified = g_strdup (soup_message_headers_get_one (headers, "Last-Modified"));
  result->etag = g_strdup (soup_message_headers_get_one (headers, "ETag"));

  g_task_return_pointer (task, result, (GDestroyNotify) attache_fetch_result_unref);
}

static void
read_cb (GObject      *object,
         GAsyncResult *res,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  AttacheFetcher *self = g_task_get_source_object (task);
  FetchData *data = g_task_get_task_data (task);
  g_autoptr(GBytes) chunk = NULL;
  g_autoptr(GError) error = NULL;

  chunk = g_input_stream_read_bytes_finish (G_INPUT_STREAM (object), res, &error);
  if (chunk == NULL)
    {
      g_task_return_error (task, translate_error (error, data->uri));
      return;
    }

  if (g_bytes_get_size (chunk) == 0)
    {
      finish_body (task);
      return;
    }

  if (data->body->len + g_bytes_get_size (chunk) > self->max_size)
    {
      g_autofree char *limit = g_format_size_full (self->max_size, G_FORMAT_SIZE_IEC_UNITS);

      g_task_return_new_error (task, ATTACHE_FETCH_ERROR, ATTACHE_FETCH_ERROR_TOO_LARGE,
                               _("the page is larger than %s; it was not fetched"), limit);
      return;
    }

  g_byte_array_append (data->body, g_bytes_get_data (chunk, NULL), g_bytes_get_size (chunk));
  g_input_stream_read_bytes_async (data->stream, READ_CHUNK, G_PRIORITY_DEFAULT,
                                   g_task_get_cancellable (task), read_cb, g_object_ref (task));
}

static gboolean
is_redirect (guint status)
{
  return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
}

static void
send_cb (GObject      *object,
         GAsyncResult *res,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  AttacheFetcher *self = g_task_get_source_object (task);
  FetchData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  SoupMessageHeaders *headers;
  goffset length;
  guint status;

  data->stream = soup_session_send_finish (SOUP_SESSION (object), res, &error);
  if (data->stream == NULL)
    {
      g_task_return_error (task, translate_error (error, data->uri));
      return;
    }

  status = soup_message_get_status (data->message);
  headers = soup_message_get_response_headers (data->message);

  if (is_redirect (status))
    {
      const char *location = soup_message_headers_get_one (headers, "Location");
      g_autoptr(GUri) next = NULL;

      if (location == NULL)
        {
          g_task_return_new_error (task, ATTACHE_FETCH_ERROR, ATTACHE_FETCH_ERROR_HTTP,
                                   _("%s redirected without saying where"), g_uri_get_host (data->uri));
          return;
        }

      if (++data->redirects > self->max_redirects)
        {
          g_task_return_new_error (task, ATTACHE_FETCH_ERROR, ATTACHE_FETCH_ERROR_TOO_MANY_REDIRECTS,
                                   _("too many redirects (more than %u); the site may be in a loop"),
                                   self->max_redirects);
          return;
        }

      next = parse_web_url (location, data->uri, &error);
      if (next == NULL)
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }

      g_clear_pointer (&data->uri, g_uri_unref);
      data->uri = g_steal_pointer (&next);
      g_clear_object (&data->stream);
      g_clear_object (&data->message);
      send_hop (g_steal_pointer (&task));
      return;
    }

  if (status == SOUP_STATUS_NOT_MODIFIED)
    {
      finish_body (task);
      return;
    }

  if (status < 200 || status >= 300)
    {
      const char *reason = soup_message_get_reason_phrase (data->message);

      g_task_return_new_error (task, ATTACHE_FETCH_ERROR, ATTACHE_FETCH_ERROR_HTTP,
                               _("the server answered %u %s"), status,
                               reason != NULL ? reason : soup_status_get_phrase (status));
      return;
    }

  /* A declared size over the cap is refused before reading anything. */
  length = soup_message_headers_get_content_length (headers);
  if (soup_message_headers_get_encoding (headers) == SOUP_ENCODING_CONTENT_LENGTH &&
      length > (goffset) self->max_size &&
      soup_message_headers_get_one (headers, "Content-Encoding") == NULL)
    {
      g_autofree char *limit = g_format_size_full (self->max_size, G_FORMAT_SIZE_IEC_UNITS);

      g_task_return_new_error (task, ATTACHE_FETCH_ERROR, ATTACHE_FETCH_ERROR_TOO_LARGE,
                               _("the page is larger than %s; it was not fetched"), limit);
      return;
    }

  data->body = g_byte_array_new ();
  g_input_stream_read_bytes_async (data->stream, READ_CHUNK, G_PRIORITY_DEFAULT,
                                   g_task_get_cancellable (task), read_cb, g_object_ref (task));
}

static void
send_hop (GTask *task)
{
  AttacheFetcher *self = g_task_get_source_object (task);
  FetchData *data = g_task_get_task_data (task);
  SoupMessageHeaders *headers;

  data->message = soup_message_new_from_uri (SOUP_METHOD_GET, data->uri);
  soup_message_add_flags (data->message, SOUP_MESSAGE_NO_REDIRECT);

  headers = soup_message_get_request_headers (data->message);
  soup_message_headers_replace (headers, "Accept",
                                "text/html,application/xhtml+xml,application/rss+xml,"
                                "application/atom+xml,application/feed+json,application/xml;q=0.9,*/*;q=0.8");
  if (data->etag != NULL)
    soup_message_headers_replace (headers, "If-None-Match", data->etag);
  if (data->last_modified != NULL)
    soup_message_headers_replace (headers, "If-Modified-Since", data->last_modified);

  soup_session_send_async (self->session, data->message, G_PRIORITY_DEFAULT,
                           g_task_get_cancellable (task), send_cb, task);
}

void
attache_fetcher_fetch_async (AttacheFetcher      *self,
                             const char          *url,
                             const char          *etag,
                             const char          *last_modified,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  FetchData *data;

  g_return_if_fail (ATTACHE_IS_FETCHER (self));
  g_return_if_fail (url != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, attache_fetcher_fetch_async);

  data = g_new0 (FetchData, 1);
  data->requested_url = g_strdup (url);
  data->etag = g_strdup (etag);
  data->last_modified = g_strdup (last_modified);
  g_task_set_task_data (task, data, (GDestroyNotify) fetch_data_free);

  data->uri = parse_web_url (url, NULL, &error);
  if (data->uri == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  send_hop (g_steal_pointer (&task));
}

AttacheFetchResult *
attache_fetcher_fetch_finish (AttacheFetcher  *self,
                              GAsyncResult    *result,
                              GError         **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}
