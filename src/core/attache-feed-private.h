/* attache-feed-private.h: what the feed parsers share; not for the window or the CLI
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <libxml/tree.h>

#include "attache-feed.h"

G_BEGIN_DECLS

struct _AttacheFeedItem
{
  GObject              parent_instance;

  char                *id;
  char                *title;
  char                *link;
  char                *published;
  char                *updated;
  GPtrArray           *authors;       /* char*, NULL-terminated */
  GPtrArray           *categories;    /* char*, NULL-terminated */
  char                *summary;
  AttacheFeedTextType  summary_type;
  char                *content;
  AttacheFeedTextType  content_type;
  char                *enclosure_url;
  char                *enclosure_type;
  char                *base_uri;
  char                *language;
};

struct _AttacheFeed
{
  GObject            parent_instance;

  AttacheFeedFormat  format;
  char              *version;
  char              *title;
  char              *link;
  char              *feed_url;
  char              *description;
  char              *language;
  char              *updated;
  char              *encoding;
  gboolean           recovered;
  GPtrArray         *items;           /* AttacheFeedItem, owned */
};

AttacheFeedItem *_attache_feed_item_new            (void);
/* Appends @value (taken) unless it is NULL, empty or already there. */
void             _attache_feed_item_add_author     (AttacheFeedItem *self,
                                                    char            *value);
void             _attache_feed_item_add_category   (AttacheFeedItem *self,
                                                    char            *value);
/* The stable id: the given id, else the link. */
void             _attache_feed_item_finish         (AttacheFeedItem *self);

AttacheFeed     *_attache_feed_new                 (void);
/* Takes @item. */
void             _attache_feed_add_item            (AttacheFeed     *self,
                                                    AttacheFeedItem *item);

/* Text */

/* "YYYY-MM-DDTHH:MM:SSZ" in UTC from an RFC 822 (with the usual mistakes and named
 * zones) or ISO 8601 / RFC 3339 date, or NULL when @text is not a date. */
char            *_attache_feed_parse_date          (const char      *text);
/* Plain text on one line: tags dropped, entities decoded, white space collapsed. */
char            *_attache_feed_html_to_text        (const char      *html);
/* Trims and collapses runs of white space to one space; NULL for NULL or "". */
char            *_attache_feed_clean_line          (const char      *text);
/* TRUE when @text has what looks like an HTML tag or an entity reference. */
gboolean         _attache_feed_looks_like_html     (const char      *text);
/* What a C1 control character (U+0080–U+009F) stands for in Windows-1252. */
gunichar         _attache_feed_cp1252_c1           (gunichar         c);
/* The Unicode character an HTML entity name (without & and ;) stands for, or 0. */
gunichar         _attache_feed_lookup_entity       (const char      *name,
                                                    gsize            len);

/* XML, read safely */

typedef struct
{
  xmlDoc   *doc;
  char     *encoding;       /* lower case, as read */
  gboolean  recovered;      /* not well-formed, mis-declared encoding, stray '&'… */
  gsize     input_length;   /* of the UTF-8 text given to libxml2 */
} AttacheXmlSource;

/* Decodes @data (BOMs, UTF-16/32, the declared encoding, else UTF-8 or Windows-1252),
 * repairs what commonly breaks feeds (undeclared HTML entities, bare '&', control
 * characters, junk before the root) and parses it with libxml2: no network, no
 * external entities or DTD, entity expansion bounded. On success fills @source
 * (free with _attache_xml_source_clear). */
gboolean         _attache_xml_read                 (const guchar     *data,
                                                    gsize             len,
                                                    const char       *base_uri,
                                                    AttacheXmlSource *source,
                                                    GError          **error);
void             _attache_xml_source_clear         (AttacheXmlSource *source);

/* Decodes bytes that start with a BOM or are UTF-16/32 to UTF-8; NULL when they
 * are ASCII-compatible (and *@encoding is untouched). */
char            *_attache_feed_decode_unicode      (const guchar     *data,
                                                    gsize             len,
                                                    gsize            *out_len,
                                                    const char      **encoding);

AttacheFeed     *_attache_feed_parse_xml           (AttacheXmlSource *source,
                                                    GError          **error);
/* @text: UTF-8 (repaired when it is not); @encoding: what it was decoded from. */
AttacheFeed     *_attache_feed_parse_json          (const char       *text,
                                                    gsize             len,
                                                    const char       *base_uri,
                                                    const char       *encoding,
                                                    GError          **error);

/* Whether the JSON text @text nests objects and arrays deeper than a parser
 * should follow (json-glib recurses once a level: 100,000 levels overflow the
 * stack). */
gboolean _attache_json_too_deep (const char *text,
                                 gsize       len);

G_END_DECLS
