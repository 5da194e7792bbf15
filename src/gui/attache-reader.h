/* attache-reader.h: the text of the selected article, to read
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "attache-article.h"
#include "attache-library.h"

G_BEGIN_DECLS

#define ATTACHE_TYPE_READER (attache_reader_get_type ())

G_DECLARE_FINAL_TYPE (AttacheReader, attache_reader, ATTACHE, READER, GtkWidget)

GtkWidget      *attache_reader_new          (void);
AttacheLibrary *attache_reader_get_library  (AttacheReader  *self);
void            attache_reader_set_library  (AttacheReader  *self,
                                             AttacheLibrary *library);
/* The article shown, NULL for none. Setting an article as listed (without its
 * text) shows its title at once and loads the rest from the library. */
AttacheArticle *attache_reader_get_article  (AttacheReader  *self);
void            attache_reader_set_article  (AttacheReader  *self,
                                             AttacheArticle *article);
/* TRUE while the article's text is being loaded; notifies "loading". */
gboolean        attache_reader_get_loading  (AttacheReader  *self);

/* Quoting the article */

/* The passage of the article's text that the person selected, as character
 * offsets in attache_article_get_text () (Unicode characters, the end
 * exclusive: what attache_library_add_briefing_excerpt () takes). A selection
 * that runs into the title or the line of details is cut to the text. FALSE
 * when nothing of the text is selected. */
gboolean        attache_reader_get_selected_range (AttacheReader *self,
                                                   guint         *from,
                                                   guint         *to);
/* TRUE while some of the article's text is selected; notifies
 * "has-selected-text". */
gboolean        attache_reader_get_has_selected_text (AttacheReader *self);
/* Items added to the text's context menu (Copy, Select All…), such as "Add
 * Excerpt to Briefing"; may be NULL. */
void            attache_reader_set_selection_menu (AttacheReader *self,
                                                   GMenuModel    *menu);

/* Highlighting actors */

/* Marks where @actors (AttacheFoundActor of article @article_id's analysis,
 * as attache_library_get_analysis () gives them: their spans are byte
 * offsets in the article's text) are named, each type in its colour, with a
 * legend under the text, until another article is shown or the person closes
 * the legend. @label names what is marked ("Teodor Vasko"): the first
 * mention is then scrolled into view; NULL says all the article's actors are.
 * Nothing is marked when @article_id is not the article shown. */
void            attache_reader_highlight_actors (AttacheReader *self,
                                                 gint64         article_id,
                                                 GPtrArray     *actors,
                                                 const char    *label);
void            attache_reader_clear_highlights (AttacheReader *self);
/* TRUE while mentions are marked; notifies "highlighting". */
gboolean        attache_reader_get_highlighting (AttacheReader *self);

G_END_DECLS
