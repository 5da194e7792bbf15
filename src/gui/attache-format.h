/* attache-format.h: an article's dates, length and origin as the window shows them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "attache-analysis.h"
#include "attache-article.h"

G_BEGIN_DECLS

/* "2 Apr 2024": the published day, else the day it was imported. */
char *attache_format_article_day      (AttacheArticle *article);
/* "2 Apr 2024" or "2 Apr 2024, 09:30" (local time); NULL when unknown. */
char *attache_format_published        (AttacheArticle *article);
/* "2 Apr 2024, 14:05" in local time; NULL when unknown. */
char *attache_format_imported         (AttacheArticle *article);
/* "14 May 2024" for "2024-05-14" (a day as the library keeps it); NULL when
 * @day is NULL or not a day. */
char *attache_format_day              (const char     *day);
/* "1,234 words · 7,890 characters" */
char *attache_format_size             (guint           n_words,
                                       guint           n_chars);
/* "about 6 min read" */
char *attache_format_reading_time     (guint           n_words);
/* "1,234 words · 7,890 characters · about 6 min read" */
char *attache_format_length           (guint           n_words,
                                       guint           n_chars);
/* The origin for people: a path with "~" for the home folder, or the URL. */
char *attache_format_origin           (const char     *origin);
/* A short name for the origin: the file name, or the web site's host. */
char *attache_format_origin_name      (const char     *origin);
/* "English" for "en"; the tag itself when the language is not known here;
 * NULL for NULL. */
char *attache_format_language         (const char     *language);
/* "2 Apr 2024" for "2024-04-02", "Apr 2024" for "2024-04", "2024" for
 * "2024": the days a search filter or an overview names; other text as it is.
 * NULL for NULL. */
char *attache_format_date_text        (const char     *date);
/* "Politics" for "medtop:11000000", translated; below the IPTC Media
 * Topics' top level, IPTC's English label with a capital; the code itself
 * when it is not known. NULL for NULL. */
char *attache_format_subject          (const char     *code);

G_END_DECLS
