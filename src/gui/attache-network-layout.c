/* attache-network-layout.c: where to draw the actors of a network
 *
 * Each group of connected actors is laid out on its own by Fruchterman and
 * Reingold's spring embedder, with changes for readability: discs push each
 * other away when they come closer than their radii allow, heavier edges pull
 * harder, edges between hubs pull less (or the middle becomes a knot), and a
 * weak pull to the middle keeps the group round. Actors start on a sunflower
 * spiral, the most salient in the middle, with a little jitter from a seeded
 * generator; nothing else is random, so a network always gets the same
 * layout. A last pass moves apart discs that still overlap. The groups are
 * then packed in rows, the largest first, in the canvas's proportions, so
 * that groups far apart do not shrink everything else.
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
#define GROUP_GAP            40.0    /* between two groups, room for names */
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

typedef struct
{
  AttacheActorNetwork *network;
  AttacheNodePlace    *p;
  double              *pull;       /* by edge */
  double               k;          /* the length an edge would like */
} Layout;

typedef struct
{
  GArray *members;                 /* guint node indices, most salient first */
  GArray *edges;                   /* guint edge indices */
  double  min_x, min_y, max_x, max_y;  /* its discs' bounds, once laid out */
  double  x, y;                    /* where its bounds' corner goes */
} Group;

static void
group_free (gpointer data)
{
  Group *group = data;

  g_array_unref (group->members);
  g_array_unref (group->edges);
  g_free (group);
}

static guint
find_root (guint *parent,
           guint  i)
{
  while (parent[i] != i)
    i = parent[i] = parent[parent[i]];
  return i;
}

/* The connected groups, in the order of their most salient member. */
static GPtrArray *
find_groups (AttacheActorNetwork *network)
{
  guint n = network->nodes->len;
  g_autofree guint *parent = g_new (guint, n);
  g_autofree int *group_of = g_new (int, n);
  GPtrArray *groups = g_ptr_array_new_with_free_func (group_free);

  for (guint i = 0; i < n; i++)
    {
      parent[i] = i;
      group_of[i] = -1;
    }
  for (guint e = 0; e < network->edges->len; e++)
    {
      const AttacheNetworkEdge *edge = &g_array_index (network->edges, AttacheNetworkEdge, e);
      guint a = find_root (parent, edge->source), b = find_root (parent, edge->target);

      if (a != b)
        parent[MAX (a, b)] = MIN (a, b);
    }

  for (guint i = 0; i < n; i++)
    {
      guint root = find_root (parent, i);
      Group *group;

      if (group_of[root] < 0)
        {
          group = g_new0 (Group, 1);
          group->members = g_array_new (FALSE, FALSE, sizeof (guint));
          group->edges = g_array_new (FALSE, FALSE, sizeof (guint));
          group_of[root] = groups->len;
          g_ptr_array_add (groups, group);
        }
      group = g_ptr_array_index (groups, group_of[root]);
      g_array_append_val (group->members, i);
    }
  for (guint e = 0; e < network->edges->len; e++)
    {
      const AttacheNetworkEdge *edge = &g_array_index (network->edges, AttacheNetworkEdge, e);
      Group *group = g_ptr_array_index (groups, group_of[find_root (parent, edge->source)]);

      g_array_append_val (group->edges, e);
    }

  return groups;
}

/* Lays out one group around (0, 0). FALSE when cancelled. */
static gboolean
layout_group (Layout       *layout,
              Group        *group,
              GRand        *rand,
              GCancellable *cancellable)
{
  const double aspect = sqrt (ATTACHE_NETWORK_LAYOUT_WIDTH / ATTACHE_NETWORK_LAYOUT_HEIGHT);
  const double golden_angle = G_PI * (3 - sqrt (5));
  const guint *member = (const guint *) (gconstpointer) group->members->data;
  guint n = group->members->len;
  AttacheNodePlace *p = layout->p;
  double k = layout->k;
  double t0 = MAX (k, k * sqrt (n) / 2);
  g_autofree double *dx = g_new0 (double, layout->network->nodes->len);
  g_autofree double *dy = g_new0 (double, layout->network->nodes->len);

  for (guint m = 0; m < n; m++)
    {
      guint i = member[m];
      double rho = k * 0.6 * sqrt (m + 0.5);
      double theta = m * golden_angle + g_rand_double_range (rand, -0.2, 0.2);

      p[i].x = n > 1 ? rho * cos (theta) * aspect : 0;
      p[i].y = n > 1 ? rho * sin (theta) / aspect : 0;
    }
  if (n == 1)
    return TRUE;

  for (guint iteration = 0; iteration < N_ITERATIONS; iteration++)
    {
      double cooling = 1.0 - (double) iteration / N_ITERATIONS;
      double temperature = t0 * cooling * cooling + 0.5;

      if (iteration % 50 == 0 && g_cancellable_is_cancelled (cancellable))
        return FALSE;

      for (guint m = 0; m < n; m++)
        dx[member[m]] = dy[member[m]] = 0;

      /* Every pair pushes apart; harder when the discs come too close. */
      for (guint a = 0; a < n; a++)
        for (guint b = a + 1; b < n; b++)
          {
            guint i = member[a], j = member[b];
            double vx = p[i].x - p[j].x, vy = p[i].y - p[j].y;
            double d = sqrt (vx * vx + vy * vy);
            double least = p[i].radius + p[j].radius + GAP;
            double f;

            if (d < 0.01)
              {
                /* Two at the same place: part them the same way each time. */
                vx = (double) (b - a) * 0.01;
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
      for (guint g = 0; g < group->edges->len; g++)
        {
          guint e = g_array_index (group->edges, guint, g);
          const AttacheNetworkEdge *edge = &g_array_index (layout->network->edges, AttacheNetworkEdge, e);
          AttacheNodePlace *a = &p[edge->source], *b = &p[edge->target];
          double vx = a->x - b->x, vy = a->y - b->y;
          double d = sqrt (vx * vx + vy * vy);
          double f;

          if (d < 0.01)
            continue;
          f = d * d / k * layout->pull[e];
          dx[edge->source] -= vx / d * f;
          dy[edge->source] -= vy / d * f;
          dx[edge->target] += vx / d * f;
          dy[edge->target] += vy / d * f;
        }

      /* The middle pulls everything a little, in the canvas's proportions. */
      for (guint m = 0; m < n; m++)
        {
          guint i = member[m];

          dx[i] -= GRAVITY * p[i].x / aspect;
          dy[i] -= GRAVITY * p[i].y * aspect;
        }

      for (guint m = 0; m < n; m++)
        {
          guint i = member[m];
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

      for (guint a = 0; a < n; a++)
        for (guint b = a + 1; b < n; b++)
          {
            guint i = member[a], j = member[b];
            double vx = p[i].x - p[j].x, vy = p[i].y - p[j].y;
            double d = sqrt (vx * vx + vy * vy);
            double least = p[i].radius + p[j].radius + GAP;

            if (d >= least)
              continue;
            if (d < 0.01)
              {
                vx = 0.01;
                vy = (double) (b - a) * 0.01;
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

  return TRUE;
}

static gint
compare_groups (gconstpointer a,
                gconstpointer b)
{
  const Group *x = *(Group * const *) a, *y = *(Group * const *) b;
  guint first_x = g_array_index (x->members, guint, 0), first_y = g_array_index (y->members, guint, 0);

  if (x->members->len != y->members->len)
    return x->members->len > y->members->len ? -1 : 1;
  return first_x < first_y ? -1 : first_x > first_y;
}

/* Packs the groups in rows, the largest first, each row centred, the whole
 * about as wide for its height as the canvas; then centres it on the canvas. */
static void
pack_groups (Layout    *layout,
             GPtrArray *groups)
{
  g_autoptr(GArray) row_ends = g_array_new (FALSE, FALSE, sizeof (guint));
  double area = 0, widest = 0, row_width, x = 0, y = 0, row_height = 0;
  double total_width = 0, total_height;
  guint row_start = 0;

  g_ptr_array_sort (groups, compare_groups);
  for (guint g = 0; g < groups->len; g++)
    {
      Group *group = g_ptr_array_index (groups, g);

      group->min_x = group->min_y = G_MAXDOUBLE;
      group->max_x = group->max_y = -G_MAXDOUBLE;
      for (guint m = 0; m < group->members->len; m++)
        {
          const AttacheNodePlace *place = &layout->p[g_array_index (group->members, guint, m)];

          group->min_x = MIN (group->min_x, place->x - place->radius);
          group->max_x = MAX (group->max_x, place->x + place->radius);
          group->min_y = MIN (group->min_y, place->y - place->radius);
          group->max_y = MAX (group->max_y, place->y + place->radius);
        }
      area += (group->max_x - group->min_x + GROUP_GAP) * (group->max_y - group->min_y + GROUP_GAP);
      widest = MAX (widest, group->max_x - group->min_x);
    }
  row_width = MAX (widest, sqrt (area * ATTACHE_NETWORK_LAYOUT_WIDTH / ATTACHE_NETWORK_LAYOUT_HEIGHT));

  for (guint g = 0; g < groups->len; g++)
    {
      Group *group = g_ptr_array_index (groups, g);
      double w = group->max_x - group->min_x, h = group->max_y - group->min_y;

      if (x > 0 && x + w > row_width)
        {
          g_array_append_val (row_ends, g);
          x = 0;
          y += row_height + GROUP_GAP;
          row_height = 0;
        }
      group->x = x;
      group->y = y;
      x += w + GROUP_GAP;
      row_height = MAX (row_height, h);
    }
  g_array_append_val (row_ends, groups->len);
  total_height = y + row_height;

  /* Each row centred under the widest. */
  for (guint r = 0; r < row_ends->len; r++)
    {
      guint end = g_array_index (row_ends, guint, r);
      Group *last = g_ptr_array_index (groups, end - 1);

      total_width = MAX (total_width, last->x + last->max_x - last->min_x);
    }
  for (guint r = 0; r < row_ends->len; r++)
    {
      guint end = g_array_index (row_ends, guint, r);
      Group *last = g_ptr_array_index (groups, end - 1);
      double shift = (total_width - (last->x + last->max_x - last->min_x)) / 2;

      for (guint g = row_start; g < end; g++)
        ((Group *) g_ptr_array_index (groups, g))->x += shift;
      row_start = end;
    }

  for (guint g = 0; g < groups->len; g++)
    {
      Group *group = g_ptr_array_index (groups, g);
      double ox = ATTACHE_NETWORK_LAYOUT_WIDTH / 2 - total_width / 2 + group->x - group->min_x;
      double oy = ATTACHE_NETWORK_LAYOUT_HEIGHT / 2 - total_height / 2 + group->y - group->min_y;

      for (guint m = 0; m < group->members->len; m++)
        {
          AttacheNodePlace *place = &layout->p[g_array_index (group->members, guint, m)];

          place->x += ox;
          place->y += oy;
        }
    }
}

GArray *
attache_network_layout (AttacheActorNetwork *network,
                        guint32              seed,
                        GCancellable        *cancellable)
{
  g_autoptr(GArray) places = NULL;
  g_autoptr(GRand) rand = NULL;
  g_autoptr(GPtrArray) groups = NULL;
  g_autofree double *pull = NULL;
  g_autofree guint *degree = NULL;
  Layout layout;
  guint max_weight = 1;
  guint n;

  g_return_val_if_fail (network != NULL, NULL);

  n = network->nodes->len;
  places = g_array_sized_new (FALSE, TRUE, sizeof (AttacheNodePlace), n);
  g_array_set_size (places, n);
  if (n == 0)
    return g_steal_pointer (&places);

  layout.network = network;
  layout.p = (AttacheNodePlace *) (gpointer) places->data;
  layout.k = sqrt (ATTACHE_NETWORK_LAYOUT_WIDTH * ATTACHE_NETWORK_LAYOUT_HEIGHT / n) * 0.7;
  for (guint i = 0; i < n; i++)
    layout.p[i].radius = attache_network_layout_radius (network, i);

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
  layout.pull = pull;

  rand = g_rand_new_with_seed (seed);
  groups = find_groups (network);
  for (guint g = 0; g < groups->len; g++)
    if (!layout_group (&layout, g_ptr_array_index (groups, g), rand, cancellable))
      return NULL;
  pack_groups (&layout, groups);

  return g_steal_pointer (&places);
}
