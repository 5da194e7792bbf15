/* attache-extract.h: the article inside a saved web page, and what the page says about it
 *
 * No network, no scripts: the page's bytes go in, its article text and metadata come out.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define ATTACHE_EXTRACT_ERROR (attache_extract_error_quark ())

typedef enum
{
  ATTACHE_EXTRACT_ERROR_UNREADABLE,   /* not a page libxml2 can read */
  ATTACHE_EXTRACT_ERROR_NO_ARTICLE,   /* no article text: only links, menus, forms or nothing */
} AttacheExtractError;

/* What was found in one page. Every string is UTF-8 or NULL when the page does not say. */
typedef struct _AttacheExtraction AttacheExtraction;

#define ATTACHE_TYPE_EXTRACTION (attache_extraction_get_type ())

GType               attache_extraction_get_type        (void) G_GNUC_CONST;
AttacheExtraction  *attache_extraction_ref             (AttacheExtraction *self);
void                attache_extraction_unref           (AttacheExtraction *self);

/* The headline, without a " | Site name" suffix. */
const char         *attache_extraction_get_title       (AttacheExtraction *self);
/* Who wrote it, e.g. "Jane Smith" or "Jane Smith, John Doe" (no leading "By"). */
const char         *attache_extraction_get_byline      (AttacheExtraction *self);
/* The publication, e.g. "BBC News". */
const char         *attache_extraction_get_site_name   (AttacheExtraction *self);
/* ISO 8601: "2024-02-14T08:30:00Z" (UTC) when the page gives a time with its zone,
 * else the day, "2024-02-14". */
const char         *attache_extraction_get_published   (AttacheExtraction *self);
/* The canonical http(s) URL, else the page URL given to attache_extract_html(). */
const char         *attache_extraction_get_url         (AttacheExtraction *self);
/* The language tag the page declares, e.g. "en" or "en-GB". */
const char         *attache_extraction_get_language    (AttacheExtraction *self);
/* The page's own summary (description meta), if any. */
const char         *attache_extraction_get_description (AttacheExtraction *self);
/* The article's paragraphs in order, NULL-terminated, never empty. Headings are
 * paragraphs of their own; list items are "• item" (or "1. item" in a numbered
 * list), one per paragraph; a table row is its cells joined by " | ". */
const char * const *attache_extraction_get_paragraphs  (AttacheExtraction *self);
/* The paragraphs joined by a blank line ("\n\n"), as AttacheArticle keeps text. */
char               *attache_extraction_dup_text        (AttacheExtraction *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AttacheExtraction, attache_extraction_unref)

GQuark              attache_extract_error_quark        (void);

/* Finds the article in the HTML bytes of a page.
 *
 * @page_url (may be NULL) is where the page came from: relative canonical links are
 * resolved against it. @http_charset (may be NULL) is the charset parameter of the
 * HTTP Content-Type; without it the page's <meta charset> or http-equiv decides,
 * else UTF-8 if the bytes are valid UTF-8, else Windows-1252.
 *
 * Fails with ATTACHE_EXTRACT_ERROR_NO_ARTICLE when the page has no text a person
 * would read as an article (a list of links, a login form, an empty page).
 * Blocking (about 4 ms for a typical 200 KB page, parsing included): call it from
 * a worker thread, as the importer does. Safe to call from several threads at once. */
AttacheExtraction  *attache_extract_html               (const guchar  *data,
                                                        gsize          len,
                                                        const char    *page_url,
                                                        const char    *http_charset,
                                                        GError       **error);

G_END_DECLS
