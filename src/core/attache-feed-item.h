/* attache-feed-item.h: one item (entry) of a news feed, as the feed gave it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* What a summary or a content string is: HTML to be rendered or sanitised, or plain text. */
typedef enum
{
  ATTACHE_FEED_TEXT_PLAIN,
  ATTACHE_FEED_TEXT_HTML,
} AttacheFeedTextType;

#define ATTACHE_TYPE_FEED_ITEM (attache_feed_item_get_type ())

G_DECLARE_FINAL_TYPE (AttacheFeedItem, attache_feed_item, ATTACHE, FEED_ITEM, GObject)

/* A stable id for the item: the RSS guid, else the Atom or JSON Feed id, else the
 * link; NULL when the feed gives none of them. */
const char          *attache_feed_item_get_id            (AttacheFeedItem *self);
/* Plain text, one line (markup and entities decoded); NULL when the item has none. */
const char          *attache_feed_item_get_title         (AttacheFeedItem *self);
/* The address of the article, absolute when the feed or base URI allowed it. */
const char          *attache_feed_item_get_link          (AttacheFeedItem *self);
/* UTC, "YYYY-MM-DDTHH:MM:SSZ" (the form AttacheArticle takes), or NULL. */
const char          *attache_feed_item_get_published     (AttacheFeedItem *self);
const char          *attache_feed_item_get_updated       (AttacheFeedItem *self);
/* Names (or e-mail addresses when no name is given); never NULL, maybe empty. */
const char * const  *attache_feed_item_get_authors       (AttacheFeedItem *self);
/* Never NULL, maybe empty; in the feed's order, without repeats. */
const char * const  *attache_feed_item_get_categories    (AttacheFeedItem *self);
/* The short text (RSS description, Atom summary, JSON Feed summary) or NULL. */
const char          *attache_feed_item_get_summary       (AttacheFeedItem *self);
AttacheFeedTextType  attache_feed_item_get_summary_type  (AttacheFeedItem *self);
/* The full text (content:encoded, Atom content, content_html/content_text) or NULL. */
const char          *attache_feed_item_get_content       (AttacheFeedItem *self);
AttacheFeedTextType  attache_feed_item_get_content_type  (AttacheFeedItem *self);
/* The summary (else the start of the content) as plain text on one line, at most
 * about @max_chars characters (0: no limit); NULL when the item has neither. */
char                *attache_feed_item_dup_plain_summary (AttacheFeedItem *self,
                                                          guint            max_chars);
/* The first enclosure (podcast audio, an image…) and its MIME type, or NULL. */
const char          *attache_feed_item_get_enclosure_url (AttacheFeedItem *self);
const char          *attache_feed_item_get_enclosure_type (AttacheFeedItem *self);
/* The address relative links inside the summary and content are relative to. */
const char          *attache_feed_item_get_base_uri      (AttacheFeedItem *self);
/* BCP 47 tag when the feed says so for this item (xml:lang, JSON Feed language). */
const char          *attache_feed_item_get_language      (AttacheFeedItem *self);

G_END_DECLS
