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
G_END_DECLS
