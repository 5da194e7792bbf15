/* attache-briefings-view.h: the Briefings view: the list, the editor and the page preview
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "attache-library.h"

G_BEGIN_DECLS

#define ATTACHE_TYPE_BRIEFINGS_VIEW (attache_briefings_view_get_type ())

G_DECLARE_FINAL_TYPE (AttacheBriefingsView, attache_briefings_view, ATTACHE, BRIEFINGS_VIEW, GtkWidget)

typedef enum
{
  ATTACHE_BRIEFING_FORMAT_MARKDOWN,
  ATTACHE_BRIEFING_FORMAT_PDF,
} AttacheBriefingFormat;

/* A briefing id for the calls below: the one last opened or added to (else
 * the one changed last; a new one when there is none). */
#define ATTACHE_BRIEFING_TARGET 0
/* A briefing id for the calls below: a new briefing. */
#define ATTACHE_BRIEFING_NEW (-1)

GtkWidget      *attache_briefings_view_new            (void);

/* Where the briefings are; set once. */
AttacheLibrary *attache_briefings_view_get_library    (AttacheBriefingsView *self);
void            attache_briefings_view_set_library    (AttacheBriefingsView *self,
                                                       AttacheLibrary       *library);

/* The view's actions, as "briefings.*": new, delete (x: 0 for the one open),
 * export-pdf, export-markdown, print, show (x). A window inserts them so that
 * its header bar and its shortcuts can name them. */
GActionGroup   *attache_briefings_view_get_actions    (AttacheBriefingsView *self);

/* How many briefings there are ("n-briefings", notified); 0 until listed. */
guint           attache_briefings_view_get_n_briefings (AttacheBriefingsView *self);
/* The briefing open in the editor, 0 for none; selecting one opens it. */
gint64          attache_briefings_view_get_selected   (AttacheBriefingsView *self);
void            attache_briefings_view_select         (AttacheBriefingsView *self,
                                                       gint64                briefing_id);
/* TRUE while the list or the briefing open is being read, or edits are being
 * written ("busy", notified). */
gboolean        attache_briefings_view_get_busy       (AttacheBriefingsView *self);

/* Creates "Untitled Briefing" and opens it, its title ready to be typed
 * over. What briefings.new does. */
void            attache_briefings_view_new_briefing   (AttacheBriefingsView *self);

/* Adds to briefing @briefing_id (or ATTACHE_BRIEFING_TARGET, or
 * ATTACHE_BRIEFING_NEW), in the section with the focus when it is open, else
 * in its last section, and says so in a toast that offers to show it:
 * characters @from to @to of the article's text (an excerpt); a reference to
 * the article; the key actors of the articles the briefing cites, the
 * article first added to them when it is not. */
void            attache_briefings_view_add_excerpt    (AttacheBriefingsView *self,
                                                       gint64                briefing_id,
                                                       gint64                article_id,
                                                       guint                 from,
                                                       guint                 to);
void            attache_briefings_view_add_article    (AttacheBriefingsView *self,
                                                       gint64                briefing_id,
                                                       gint64                article_id);
/* References to several articles, in the order given, with one toast. */
void            attache_briefings_view_add_articles   (AttacheBriefingsView *self,
                                                       gint64                briefing_id,
                                                       const gint64         *article_ids,
                                                       guint                 n_articles);
void            attache_briefings_view_add_actors     (AttacheBriefingsView *self,
                                                       gint64                briefing_id,
                                                       gint64                article_id);

/* A menu for adding to a briefing, kept up to date: @target_label (with
 * "%s" for the target briefing's title; @new_label when there is no
 * briefing yet) for @action_name with ATTACHE_BRIEFING_TARGET, then a
 * submenu @submenu_label of every briefing and a new one (@action_name with
 * its id, or ATTACHE_BRIEFING_NEW). */
GMenuModel     *attache_briefings_view_new_add_menu   (AttacheBriefingsView *self,
                                                       const char           *action_name,
                                                       const char           *target_label,
                                                       const char           *new_label,
                                                       const char           *submenu_label);

/* Writes the briefing open to @file, off the main thread, once every edit
 * is written, then says so in a toast, or what went wrong in a dialog. What
 * briefings.export-pdf and briefings.export-markdown do with the file
 * chosen. */
void            attache_briefings_view_export         (AttacheBriefingsView  *self,
                                                       GFile                 *file,
                                                       AttacheBriefingFormat  format);

G_END_DECLS
