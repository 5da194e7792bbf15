/* attache-timeline-view.h: a bar chart of an actor's mentions, or a topic's articles, over time
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "attache-timeline.h"

G_BEGIN_DECLS

#define ATTACHE_TYPE_TIMELINE_VIEW (attache_timeline_view_get_type ())

G_DECLARE_FINAL_TYPE (AttacheTimelineView, attache_timeline_view, ATTACHE, TIMELINE_VIEW, GtkWidget)

/* Properties:
 *   timeline: the AttacheTimeline shown (boxed), NULL for none.
 * Actions:
 *   chart.save-as ("png" or "svg"): asks where, then saves the chart shown
 *   (also on a secondary click). Enabled while there is a timeline. */

GtkWidget       *attache_timeline_view_new          (void);
AttacheTimeline *attache_timeline_view_get_timeline (AttacheTimelineView *self);
void             attache_timeline_view_set_timeline (AttacheTimelineView *self,
                                                     AttacheTimeline     *timeline);
/* The bar under @x, @y (the widget's coordinates) and what it stands for:
 * FALSE when there is none. For tests and for the tooltip. */
gboolean         attache_timeline_view_get_bin_at   (AttacheTimelineView *self,
                                                     double               x,
                                                     double               y,
                                                     guint               *index);
/* Where bar @index is drawn: its centre, at half its height. */
gboolean         attache_timeline_view_get_bin_position (AttacheTimelineView *self,
                                                         guint                index,
                                                         double              *x,
                                                         double              *y);
/* Writes what the view shows, at its size (800 × 400 when it has none) and
 * in its colours: SVG when @path ends in ".svg", else PNG. */
gboolean         attache_timeline_view_save         (AttacheTimelineView *self,
                                                     const char          *path,
                                                     GError             **error);

/* Without a window: writes @timeline to @path (SVG when it ends in ".svg",
 * else PNG), @width × @height, on a light or a @dark background. Needs no
 * display. */
gboolean         attache_timeline_render_to_file    (AttacheTimeline     *timeline,
                                                     const char          *path,
                                                     int                  width,
                                                     int                  height,
                                                     gboolean             dark,
                                                     GError             **error);

G_END_DECLS
