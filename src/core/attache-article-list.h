/* attache-article-list.h: the library's articles as a GListModel, newest first
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "attache-library.h"

G_BEGIN_DECLS

#define ATTACHE_TYPE_ARTICLE_LIST (attache_article_list_get_type ())

G_DECLARE_FINAL_TYPE (AttacheArticleList, attache_article_list, ATTACHE, ARTICLE_LIST, GObject)

/* Items are AttacheArticle without their text, one per story: the earliest
 * version stands for the others, its story sources set to theirs. The list reloads itself, off the
 * main thread, whenever the library's articles change. */
AttacheArticleList *attache_article_list_new          (AttacheLibrary      *library);
AttacheLibrary     *attache_article_list_get_library  (AttacheArticleList  *self);
/* TRUE while a (re)load is under way; notifies "loading". */
gboolean            attache_article_list_get_loading  (AttacheArticleList  *self);
/* Why the last load failed (the rows of the load before stay), or NULL.
 * Notifies "error" when it changes. */
const GError       *attache_article_list_get_error    (AttacheArticleList  *self);
/* Starts a reload now. */
void                attache_article_list_reload       (AttacheArticleList  *self);
/* Position of the article with @id, or of the article standing for its story,
 * or G_MAXUINT. */
guint               attache_article_list_find         (AttacheArticleList  *self,
                                                       gint64               id);

G_END_DECLS
