/* attache-network-view.h: the actors of a set of articles, joined when named in the same sentence
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "attache-actor-network.h"

G_BEGIN_DECLS

#define ATTACHE_TYPE_NETWORK_VIEW (attache_network_view_get_type ())

G_DECLARE_FINAL_TYPE (AttacheNetworkView, attache_network_view, ATTACHE, NETWORK_VIEW, GtkWidget)

/* Signals:
 *   actor-activated (gint64 actor_id): the person clicked an actor's disc
 *   (or pressed Enter on the focused one).
 * Properties:
 *   network: the AttacheActorNetwork shown (boxed), NULL for none.
 *   ready: the network is laid out and drawn (the layout runs in a worker).
 * Actions:
 *   chart.save-as ("png" or "svg"): asks where, then saves the picture shown
 *   (also on a secondary click). Enabled once the network is laid out. */

GtkWidget           *attache_network_view_new               (void);
AttacheActorNetwork *attache_network_view_get_network       (AttacheNetworkView  *self);
/* Shows @network (NULL: nothing), laid out in a worker thread. */
void                 attache_network_view_set_network       (AttacheNetworkView  *self,
                                                             AttacheActorNetwork *network);
gboolean             attache_network_view_get_ready         (AttacheNetworkView  *self);
/* Where actor @actor_id's disc is drawn, in the widget's coordinates: FALSE
 * when it is not shown (not in the network, or not laid out yet). */
gboolean             attache_network_view_get_actor_position (AttacheNetworkView *self,
                                                              gint64              actor_id,
                                                              double             *x,
                                                              double             *y);
/* Writes what the view shows, at its size (800 × 560 when it has none) and
 * in its colours: SVG when @path ends in ".svg", else PNG. FALSE with
 * @error set when the network is not laid out yet or the file cannot be
 * written. */
gboolean             attache_network_view_save              (AttacheNetworkView  *self,
                                                             const char          *path,
                                                             GError             **error);

/* Without a window: lays @network out and writes it to @path (SVG when it
 * ends in ".svg", else PNG), @width × @height, on a light or a @dark
 * background. Needs no display. */
gboolean             attache_network_render_to_file         (AttacheActorNetwork *network,
                                                             const char          *path,
                                                             int                  width,
                                                             int                  height,
                                                             gboolean             dark,
                                                             GError             **error);

G_END_DECLS
