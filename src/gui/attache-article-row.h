/* attache-article-row.h: one article in the library list
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "attache-article.h"

G_BEGIN_DECLS

#define ATTACHE_TYPE_ARTICLE_ROW (attache_article_row_get_type ())

G_DECLARE_FINAL_TYPE (AttacheArticleRow, attache_article_row, ATTACHE, ARTICLE_ROW, GtkWidget)

GtkWidget      *attache_article_row_new         (void);
AttacheArticle *attache_article_row_get_article (AttacheArticleRow *self);
void            attache_article_row_set_article (AttacheArticleRow *self,
                                                 AttacheArticle    *article);

/* Gives @article (an object of a search's results, not of the library's list)
 * the snippet of its search hit: @markup is Pango markup, escaped, with the
 * matched words between <b> and </b>. The rows that show this object show it
 * under the title, the matches highlighted. */
void            attache_article_row_attach_snippet (AttacheArticle *article,
                                                    const char     *markup);

G_END_DECLS
