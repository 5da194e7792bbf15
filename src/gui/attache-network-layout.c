/* attache-network-layout.c: where to draw the actors of a network
 *
 * Fruchterman and Reingold's spring embedder, with three changes for
 * readability: discs push each other away when they come closer than their
 * radii allow, heavier edges pull harder, and a weak pull to the middle keeps
 * actors without edges from drifting off. Actors start on a sunflower spiral,
 * the most salient in the middle, with a little jitter from a seeded
 * generator; nothing else is random, so a network always gets the same
 * layout. A last pass moves apart discs that still overlap.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "attache-network-layout"

#include "config.h"

#include <math.h>

#include "attache-network-layout.h"

#define N_ITERATIONS        400
#define N_SEPARATIONS       200
#define GAP                  10.0    /* at least this between two discs */
#define GRAVITY               1.0
#define HUB_DEGREE            6.0     /* edges between actors with more pull less */

double
attache_network_layout_radius (AttacheActorNetwork *network,
                               guint                index)
{
  const AttacheNetworkNode *node;
  double top;

  g_return_val_if_fail (network != NULL, ATTACHE_NETWORK_LAYOUT_MIN_RADIUS);
  g_return_val_if_fail (index < network->nodes->len, ATTACHE_NETWORK_LAYOUT_MIN_RADIUS);

  node = &g_array_index (network->nodes, AttacheNetworkNode, index);
  top = 0;
  for (guint i = 0; i < network->nodes->len; i++)
    top = MAX (top, g_array_index (network->nodes, AttacheNetworkNode, i).salience);
  if (top <= 0)
    return ATTACHE_NETWORK_LAYOUT_MIN_RADIUS;

  return ATTACHE_NETWORK_LAYOUT_MIN_RADIUS +
         (ATTACHE_NETWORK_LAYOUT_MAX_RADIUS - ATTACHE_NETWORK_LAYOUT_MIN_RADIUS) *
         sqrt (MAX (node->salience, 0) / top);
}

GArray *
attache_network_layout (AttacheActorNetwork *network,
                        guint32              seed,
                        GCancellable        *cancellable)
{
  const double width = ATTACHE_NETWORK_LAYOUT_WIDTH, height = ATTACHE_NETWORK_LAYOUT_HEIGHT;
  const double cx = width / 2, cy = height / 2;
  const double aspect = sqrt (width / height);
  const double golden_angle = G_PI * (3 - sqrt (5));
  g_autoptr(GArray) places = NULL;
  g_autoptr(GRand) rand = NULL;
  g_autofree double *dx = NULL;
  g_autofree double *dy = NULL;
  g_autofree double *pull = NULL;
  g_autofree double *gravity = NULL;
  g_autofree guint *degree = NULL;
  AttacheNodePlace *p;
  guint max_weight = 1;
  double k, t0;
  guint n;

  g_return_val_if_fail (network != NULL, NULL);

  n = network->nodes->len;
  places = g_array_sized_new (FALSE, TRUE, sizeof (AttacheNodePlace), n);
  g_array_set_size (places, n);
  if (n == 0)
    return g_steal_pointer (&places);
  p = (AttacheNodePlace *) (gpointer) places->data;

  rand = g_rand_new_with_seed (seed);
  k = sqrt (width * height / n) * 0.7;   /* the length an edge would like */
  t0 = width / 8;

  for (guint i = 0; i < n; i++)
    {
      double rho = k * 0.6 * sqrt (i + 0.5);
      double theta = i * golden_angle + g_rand_double_range (rand, -0.2, 0.2);

      p[i].radius = attache_network_layout_radius (network, i);
      p[i].x = cx + rho * cos (theta) * aspect;
      p[i].y = cy + rho * sin (theta) / aspect;
    }

  /* Heavier edges pull harder, between half and one and a half times. */
  for (guint e = 0; e < network->edges->len; e++)
    max_weight = MAX (max_weight, g_array_index (network->edges, AttacheNetworkEdge, e).weight);
  pull = g_new0 (double, MAX (network->edges->len, 1));
  for (guint e = 0; e < network->edges->len; e++)
    {
      guint weight = g_array_index (network->edges, AttacheNetworkEdge, e).weight;

      pull[e] = 0.5 + log1p (weight) / log1p (max_weight);
    }
  /* Hubs joined to everything would pull the middle into a knot: an edge
   * between two well-connected actors pulls less. */
  degree = g_new0 (guint, n);
  for (guint e = 0; e < network->edges->len; e++)
    {
      const AttacheNetworkEdge *edge = &g_array_index (network->edges, AttacheNetworkEdge, e);

      degree[edge->source]++;
      degree[edge->target]++;
    }
  for (guint e = 0; e < network->edges->len; e++)
    {
      const AttacheNetworkEdge *edge = &g_array_index (network->edges, AttacheNetworkEdge, e);

      pull[e] *= MIN (1.0, HUB_DEGREE / sqrt ((double) degree[edge->source] * degree[edge->target]));
    }

  /* Actors without edges feel the middle more, or they drift off and leave
   * the others crowded in a corner of the picture. */
  gravity = g_new0 (double, n);
  for (guint i = 0; i < n; i++)
    gravity[i] = GRAVITY * 4;
  for (guint e = 0; e < network->edges->len; e++)
    {
      const AttacheNetworkEdge *edge = &g_array_index (network->edges, AttacheNetworkEdge, e);

      gravity[edge->source] = gravity[edge->target] = GRAVITY;
    }

  dx = g_new0 (double, n);
  dy = g_new0 (double, n);
  for (guint iteration = 0; iteration < N_ITERATIONS; iteration++)
    {
      double cooling = 1.0 - (double) iteration / N_ITERATIONS;
      double temperature = t0 * cooling * cooling + 0.5;

      if (iteration % 50 == 0 && g_cancellable_is_cancelled (cancellable))
        return NULL;

      for (guint i = 0; i < n; i++)
        dx[i] = dy[i] = 0;

      /* Every pair pushes apart; harder when the discs come too close. */
      for (guint i = 0; i < n; i++)
        for (guint j = i + 1; j < n; j++)
          {
            double vx = p[i].x - p[j].x, vy = p[i].y - p[j].y;
            double d = sqrt (vx * vx + vy * vy);
            double least = p[i].radius + p[j].radius + GAP;
            double f;

            if (d < 0.01)
              {
                /* Two at the same place: part them the same way each time. */
                vx = (double) (j - i) * 0.01;
                vy = 0.01;
                d = sqrt (vx * vx + vy * vy);
              }
            f = k * k / d;
            if (d < least)
              f += k * 2 * (least - d) / least;
            dx[i] += vx / d * f;
            dy[i] += vy / d * f;
            dx[j] -= vx / d * f;
            dy[j] -= vy / d * f;
          }

      /* Edges pull their ends together. */
      for (guint e = 0; e < network->edges->len; e++)
        {
          const AttacheNetworkEdge *edge = &g_array_index (network->edges, AttacheNetworkEdge, e);
          AttacheNodePlace *a = &p[edge->source], *b = &p[edge->target];
          double vx = a->x - b->x, vy = a->y - b->y;
          double d = sqrt (vx * vx + vy * vy);
          double f;

          if (d < 0.01)
            continue;
          f = d * d / k * pull[e];
          dx[edge->source] -= vx / d * f;
          dy[edge->source] -= vy / d * f;
          dx[edge->target] += vx / d * f;
          dy[edge->target] += vy / d * f;
        }

      /* The middle pulls everything a little, in the canvas's proportions. */
      for (guint i = 0; i < n; i++)
        {
          dx[i] -= gravity[i] * (p[i].x - cx) / aspect;
          dy[i] -= gravity[i] * (p[i].y - cy) * aspect;
        }

      for (guint i = 0; i < n; i++)
        {
          double d = sqrt (dx[i] * dx[i] + dy[i] * dy[i]);

          if (d > 0)
            {
              p[i].x += dx[i] / d * MIN (d, temperature);
              p[i].y += dy[i] / d * MIN (d, temperature);
            }
        }
    }

  /* Discs that still overlap move apart, each half the way. */
  for (guint pass = 0; pass < N_SEPARATIONS; pass++)
    {
      gboolean moved = FALSE;

      for (guint i = 0; i < n; i++)
        for (guint j = i + 1; j < n; j++)
          {
            double vx = p[i].x - p[j].x, vy = p[i].y - p[j].y;
            double d = sqrt (vx * vx + vy * vy);
            double least = p[i].radius + p[j].radius + GAP;

            if (d >= least)
              continue;
            if (d < 0.01)
              {
                vx = 0.01;
                vy = (double) (j - i) * 0.01;
                d = sqrt (vx * vx + vy * vy);
              }
            p[i].x += vx / d * (least - d) / 2;
            p[i].y += vy / d * (least - d) / 2;
            p[j].x -= vx / d * (least - d) / 2;
            p[j].y -= vy / d * (least - d) / 2;
            moved = TRUE;
          }
      if (!moved)
        break;
    }

  return g_steal_pointer (&places);
}
