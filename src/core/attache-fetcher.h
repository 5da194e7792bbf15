/* attache-fetcher.h: fetches web pages and feeds over HTTP(S) with libsoup
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define ATTACHE_FETCH_ERROR (attache_fetch_error_quark ())

typedef enum
{
  ATTACHE_FETCH_ERROR_INVALID_URL,        /* not a URL, or not http/https */
  ATTACHE_FETCH_ERROR_HTTP,               /* the server answered with an error status */
  ATTACHE_FETCH_ERROR_TOO_MANY_REDIRECTS, /* a redirect loop, or too long a chain */
  ATTACHE_FETCH_ERROR_TOO_LARGE,          /* the body is over the size cap */
  ATTACHE_FETCH_ERROR_TIMEOUT,            /* the server did not answer in time */
  ATTACHE_FETCH_ERROR_TLS,                /* the certificate or the TLS connection is bad */
  ATTACHE_FETCH_ERROR_NETWORK,            /* cannot resolve, connect or read */
} AttacheFetchError;

/* What a fetch brought back, and the record of it: enough to show later what the
 * page said when it was cited. */
typedef struct _AttacheFetchResult AttacheFetchResult;

#define ATTACHE_TYPE_FETCH_RESULT (attache_fetch_result_get_type ())

GType               attache_fetch_result_get_type          (void) G_GNUC_CONST;
AttacheFetchResult *attache_fetch_result_ref               (AttacheFetchResult *result);
void                attache_fetch_result_unref             (AttacheFetchResult *result);
/* The URL asked for, and the one the body came from after redirects. */
const char         *attache_fetch_result_get_requested_url (AttacheFetchResult *result);
const char         *attache_fetch_result_get_final_url     (AttacheFetchResult *result);
/* 200, or 304 when a conditional request found nothing new (the body is then empty). */
guint               attache_fetch_result_get_status        (AttacheFetchResult *result);
/* The media type without parameters ("text/html"), and the charset parameter or NULL. */
const char         *attache_fetch_result_get_content_type  (AttacheFetchResult *result);
const char         *attache_fetch_result_get_charset       (AttacheFetchResult *result);
/* The body, decompressed. */
GBytes             *attache_fetch_result_get_body          (AttacheFetchResult *result);
/* Hex sha256 of the body. */
const char         *attache_fetch_result_get_sha256        (AttacheFetchResult *result);
/* When the fetch completed, UTC. */
GDateTime          *attache_fetch_result_get_fetched       (AttacheFetchResult *result);
/* The server's headers as sent, or NULL: Date, Last-Modified, ETag. */
const char         *attache_fetch_result_get_date          (AttacheFetchResult *result);
const char         *attache_fetch_result_get_last_modified (AttacheFetchResult *result);
const char         *attache_fetch_result_get_etag          (AttacheFetchResult *result);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AttacheFetchResult, attache_fetch_result_unref)

GQuark              attache_fetch_error_quark              (void);

#define ATTACHE_TYPE_FETCHER (attache_fetcher_get_type ())

G_DECLARE_FINAL_TYPE (AttacheFetcher, attache_fetcher, ATTACHE, FETCHER, GObject)

/* Defaults: 30 s timeout, 10 redirects, 20 MiB body. */
AttacheFetcher     *attache_fetcher_new                    (void);
void                attache_fetcher_set_timeout            (AttacheFetcher      *self,
                                                            guint                seconds);
void                attache_fetcher_set_max_size           (AttacheFetcher      *self,
                                                            gsize                max_size);
void                attache_fetcher_set_max_redirects      (AttacheFetcher      *self,
                                                            guint                max_redirects);
/* Tests only: accept this certificate authority database instead of the system's. */
void                attache_fetcher_set_tls_database       (AttacheFetcher      *self,
                                                            GTlsDatabase        *database);

/* Fetches @url; @etag and @last_modified (either may be NULL) make it conditional.
 * Runs on the caller's thread-default main context; call from one thread only. */
void                attache_fetcher_fetch_async            (AttacheFetcher      *self,
                                                            const char          *url,
                                                            const char          *etag,
                                                            const char          *last_modified,
                                                            GCancellable        *cancellable,
                                                            GAsyncReadyCallback  callback,
                                                            gpointer             user_data);
AttacheFetchResult *attache_fetcher_fetch_finish           (AttacheFetcher      *self,
                                                            GAsyncResult        *result,
                                                            GError             **error);

G_END_DECLS
