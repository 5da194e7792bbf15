/* attache-network-layout.h: where to draw the actors of a network
 *
 * Plain computation (no GTK): safe in a worker thread.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "attache-actor-network.h"

G_BEGIN_DECLS

/* The layout's own space: a canvas this size, nodes of these radii. A view
 * scales it to its size. */
#define ATTACHE_NETWORK_LAYOUT_WIDTH      1000.0
#define ATTACHE_NETWORK_LAYOUT_HEIGHT      680.0
#define ATTACHE_NETWORK_LAYOUT_MIN_RADIUS    7.0
#define ATTACHE_NETWORK_LAYOUT_MAX_RADIUS   30.0

typedef struct
{
  double x;        /* the centre, in the layout's space */
  double y;
  double radius;   /* from the node's salience */
} AttacheNodePlace;

/* The radius of node @index of @network in the layout's space: the area of
 * the disc follows the node's salience, the most salient the largest. */
double  attache_network_layout_radius (AttacheActorNetwork *network,
                                       guint                index);

/* A force-directed layout of @network: actors named together often are
 * close, the most salient towards the middle, no two discs overlapping.
 * The same network and @seed give the same layout. Returns an array of
 * AttacheNodePlace, one per node in order, or NULL when @cancellable was
 * cancelled. */
GArray *attache_network_layout        (AttacheActorNetwork *network,
                                       guint32              seed,
                                       GCancellable        *cancellable);

G_END_DECLS
