/* attache-overview-panel.h: who and what several articles are about, in the summary pane
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "attache-overview.h"

G_BEGIN_DECLS

#define ATTACHE_TYPE_OVERVIEW_PANEL (attache_overview_panel_get_type ())

G_DECLARE_FINAL_TYPE (AttacheOverviewPanel, attache_overview_panel, ATTACHE, OVERVIEW_PANEL, GtkWidget)

GtkWidget             *attache_overview_panel_new          (void);
/* Shows @overview (copied) under @heading ("3 Articles Selected"). Its
 * actors, topics, subjects and sources activate win.search-actor,
 * win.search-topic, win.search-subject and win.search-source. */
void                   attache_overview_panel_set_overview (AttacheOverviewPanel  *self,
                                                            const AttacheOverview *overview,
                                                            const char            *heading);
const AttacheOverview *attache_overview_panel_get_overview (AttacheOverviewPanel  *self);
void                   attache_overview_panel_set_heading  (AttacheOverviewPanel  *self,
                                                            const char            *heading);
/* While a new overview is being read: a spinner by the heading, and what
 * is shown dimmed. */
void                   attache_overview_panel_set_loading  (AttacheOverviewPanel  *self,
                                                            gboolean               loading);
gboolean               attache_overview_panel_get_loading  (AttacheOverviewPanel  *self);

G_END_DECLS
