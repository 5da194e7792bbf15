/* attache-chart-window.h: a picture of the library in a window of its own
 *
 * The actor network of some articles, or the mentions of an actor (or the
 * articles with a topic) over time, loaded from the library in a worker and
 * drawn by AttacheNetworkView or AttacheTimelineView, with Save as PNG and
 * SVG in the header bar.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "attache-library.h"

G_BEGIN_DECLS

#define ATTACHE_TYPE_CHART_WINDOW (attache_chart_window_get_type ())

G_DECLARE_FINAL_TYPE (AttacheChartWindow, attache_chart_window, ATTACHE, CHART_WINDOW, AdwWindow)

/* Actions:
 *   chart-window.save-as ("png" or "svg"): the chart's chart.save-as.
 * Clicking an actor in the network activates win.search-actor (its id) in
 * the window this one is transient for. */

/* The actors of the articles @article_ids (gint64; NULL: the whole library)
 * and who is named with whom; @subtitle says which articles ("Ministers Agree
 * on…", "The whole library"). */
GtkWidget  *attache_chart_window_new_network        (GtkWindow      *parent,
                                                     AttacheLibrary *library,
                                                     GArray         *article_ids,
                                                     const char     *subtitle);
/* The mentions of actor @actor_id across the library, per day, week or month. */
GtkWidget  *attache_chart_window_new_actor_timeline (GtkWindow      *parent,
                                                     AttacheLibrary *library,
                                                     gint64          actor_id,
                                                     const char     *name);
/* The articles of the library with topic @topic, per day, week or month. */
GtkWidget  *attache_chart_window_new_topic_timeline (GtkWindow      *parent,
                                                     AttacheLibrary *library,
                                                     const char     *topic);

/* The AttacheNetworkView or AttacheTimelineView shown. */
GtkWidget  *attache_chart_window_get_view           (AttacheChartWindow *self);
/* TRUE while the chart's data is read from the library. */
gboolean    attache_chart_window_get_loading        (AttacheChartWindow *self);

G_END_DECLS
