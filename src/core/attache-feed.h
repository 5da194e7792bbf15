/* attache-feed.h: a news feed (RSS, Atom, JSON Feed) parsed from bytes
 *
 * Parsing is pure: no network, no database, no display. The XML is read with
 * network access, external entities and DTD loading all off; entity expansion is
 * bounded, so a hostile document is refused rather than allowed to fill memory.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "attache-feed-item.h"

G_BEGIN_DECLS

/* Larger documents are refused before parsing: real feeds are under a few MiB. */
#define ATTACHE_FEED_MAX_SIZE (32 * 1024 * 1024)

#define ATTACHE_FEED_ERROR (attache_feed_error_quark ())

typedef enum
{
  ATTACHE_FEED_ERROR_EMPTY,       /* no bytes, or nothing but white space */
  ATTACHE_FEED_ERROR_TOO_LARGE,   /* over ATTACHE_FEED_MAX_SIZE */
  ATTACHE_FEED_ERROR_NOT_A_FEED,  /* a web page, another XML or JSON document, text… */
  ATTACHE_FEED_ERROR_MALFORMED,   /* broken beyond repair */
  ATTACHE_FEED_ERROR_UNSAFE,      /* an entity-expansion bomb or absurd nesting */
} AttacheFeedError;

typedef enum
{
  ATTACHE_FEED_FORMAT_RSS,    /* RSS 0.91, 0.92, 2.0 (and the versionless 0.9x) */
  ATTACHE_FEED_FORMAT_RDF,    /* RSS 0.90 and RSS 1.0, both RDF */
  ATTACHE_FEED_FORMAT_ATOM,   /* Atom 1.0 and 0.3, feed or single entry documents */
  ATTACHE_FEED_FORMAT_JSON,   /* JSON Feed 1.0 and 1.1 */
} AttacheFeedFormat;

GQuark attache_feed_error_quark (void);

#define ATTACHE_TYPE_FEED (attache_feed_get_type ())

/* Also a GListModel of its AttacheFeedItem, in the feed's order. */
G_DECLARE_FINAL_TYPE (AttacheFeed, attache_feed, ATTACHE, FEED, GObject)

/* Parses @bytes as RSS, Atom or JSON Feed. Relative links are resolved against
 * xml:base and then @base_uri (the address the feed was fetched from; may be NULL).
 * Ill-formed feeds are repaired where possible (see attache_feed_get_recovered);
 * otherwise fails with an ATTACHE_FEED_ERROR and a one-line message. Thread-safe. */
AttacheFeed         *attache_feed_parse            (GBytes       *bytes,
                                                    const char   *base_uri,
                                                    GError      **error);

AttacheFeedFormat    attache_feed_get_format       (AttacheFeed  *self);
/* As the document states it: "2.0", "0.91", "1.0", "0.3", "1.1"…; NULL if it does not. */
const char          *attache_feed_get_version      (AttacheFeed  *self);
/* Plain text, one line; NULL when the feed has no title. */
const char          *attache_feed_get_title        (AttacheFeed  *self);
/* The site the feed belongs to (RSS link, Atom alternate link, JSON home_page_url). */
const char          *attache_feed_get_link         (AttacheFeed  *self);
/* The feed's own address when it states it (Atom rel="self", JSON feed_url). */
const char          *attache_feed_get_feed_url     (AttacheFeed  *self);
/* Plain text (RSS description, Atom subtitle, JSON description) or NULL. */
const char          *attache_feed_get_description  (AttacheFeed  *self);
/* BCP 47 tag such as "en-gb" as the feed gives it, or NULL. */
const char          *attache_feed_get_language     (AttacheFeed  *self);
/* UTC, "YYYY-MM-DDTHH:MM:SSZ", or NULL. */
const char          *attache_feed_get_updated      (AttacheFeed  *self);
/* The character encoding the bytes were read in, lower case ("utf-8", "windows-1252"). */
const char          *attache_feed_get_encoding     (AttacheFeed  *self);
/* TRUE when the document was not well-formed (or not in the encoding it declared)
 * and was repaired: what was read is usable but may be incomplete. */
gboolean             attache_feed_get_recovered    (AttacheFeed  *self);

guint                attache_feed_get_n_items      (AttacheFeed  *self);
/* Transfer none; NULL past the end. */
AttacheFeedItem     *attache_feed_get_item         (AttacheFeed  *self,
                                                    guint         position);

G_END_DECLS
