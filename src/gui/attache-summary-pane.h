/* attache-summary-pane.h: the facts about the selected article, beside the reader
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "attache-article.h"

G_BEGIN_DECLS

#define ATTACHE_TYPE_SUMMARY_PANE (attache_summary_pane_get_type ())

G_DECLARE_FINAL_TYPE (AttacheSummaryPane, attache_summary_pane, ATTACHE, SUMMARY_PANE, GtkWidget)

GtkWidget      *attache_summary_pane_new                 (void);
AttacheArticle *attache_summary_pane_get_article         (AttacheSummaryPane *self);
void            attache_summary_pane_set_article         (AttacheSummaryPane *self,
                                                          AttacheArticle     *article);
/* The width the pane asks for (its natural width), so that a GtkPaned
 * that does not resize it keeps the width the person last gave it; 0 for
 * the width of its content. */
int             attache_summary_pane_get_preferred_width (AttacheSummaryPane *self);
void            attache_summary_pane_set_preferred_width (AttacheSummaryPane *self,
                                                          int                 width);

G_END_DECLS
