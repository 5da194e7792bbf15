/* attache-fetcher-private.h: capture records made by the library
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "attache-fetcher.h"

G_BEGIN_DECLS

/* A capture record as stored in the library. Takes nothing; copies the strings. */
AttacheFetchResult *_attache_fetch_result_new (const char *requested_url,
                                               const char *final_url,
                                               guint       status,
                                               const char *content_type,
                                               const char *charset,
                                               GBytes     *body,
                                               GDateTime  *fetched,
                                               const char *date,
                                               const char *last_modified,
                                               const char *etag);

G_END_DECLS
