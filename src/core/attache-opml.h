/* attache-opml.h: subscription lists in OPML, read and written
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* One subscription: a feed address with its title and the site it belongs to. */
typedef struct _AttacheOpmlOutline AttacheOpmlOutline;

#define ATTACHE_TYPE_OPML_OUTLINE (attache_opml_outline_get_type ())

GType               attache_opml_outline_get_type     (void) G_GNUC_CONST;
/* @title and @html_url may be NULL; @xml_url may not. */
AttacheOpmlOutline *attache_opml_outline_new          (const char         *title,
                                                       const char         *xml_url,
                                                       const char         *html_url);
AttacheOpmlOutline *attache_opml_outline_copy         (const AttacheOpmlOutline *outline);
void                attache_opml_outline_free         (AttacheOpmlOutline *outline);
const char         *attache_opml_outline_get_title    (const AttacheOpmlOutline *outline);
const char         *attache_opml_outline_get_xml_url  (const AttacheOpmlOutline *outline);
const char         *attache_opml_outline_get_html_url (const AttacheOpmlOutline *outline);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AttacheOpmlOutline, attache_opml_outline_free)

/* Reads an OPML 1.0/2.0 subscription list. Folders are flattened: every outline
 * with an xmlUrl, at any depth, in document order. Returns a GPtrArray of
 * AttacheOpmlOutline (freed with the array), or NULL with an ATTACHE_FEED_ERROR. */
GPtrArray          *attache_opml_parse                (GBytes             *bytes,
                                                       GError            **error);

/* Writes @outlines (AttacheOpmlOutline) as an OPML 2.0 document in UTF-8. */
GBytes             *attache_opml_write                (GPtrArray          *outlines,
                                                       GError            **error);

G_END_DECLS
