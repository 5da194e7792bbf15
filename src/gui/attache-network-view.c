/* attache-network-view.c: the actors of a set of articles, joined when named in the same sentence
 *
 * Discs sized by salience and coloured by type, lines as wide as the actors
 * are often named together. The layout (attache-network-layout.c) runs in a
 * worker; drawing is one cairo function, for the widget and for PNG and SVG
 * files alike. Labels are placed greedily, the largest disc first, beside
 * their disc where they cover no other label or disc; the others are left
 * out until the pointer rests on their disc, which brings up its label and
 * its neighbours'.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "attache-network-view"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "attache-actor-ui-private.h"
#include "attache-chart-private.h"
#include "attache-network-layout.h"
#include "attache-network-view.h"

/* The same network, the same picture. */
#define LAYOUT_SEED 20240402

#define DEFAULT_WIDTH   800
#define DEFAULT_HEIGHT  560
#define MARGIN           16.0
#define LEGEND_HEIGHT    30.0
#define LABEL_GAP         3.0
#define MAX_LABEL_CHARS  28    /* longer names are cut, but for the hovered disc */
#define MAJOR_RADIUS     16.0  /* in the layout's space: discs this large always get a name */

/* What a network looks like at one size: shared by the widget and the files. */
typedef struct
{
  AttacheActorNetwork *network;
  GArray              *places;   /* AttacheNodePlace, the layout's; NULL while it runs */
  int                  hover;    /* the node under the pointer, or -1 */
  int                  focus;    /* the node the keyboard is on, or -1 */
  gboolean             focused;  /* the widget has the keyboard focus */

  /* The geometry for width × height, from place_nodes () */
  int                  width;
  int                  height;
  double              *x;
  double              *y;
  double              *r;
  double               scale;    /* of the radii and lines */
} Drawing;

struct _AttacheNetworkView
{
  GtkWidget     parent_instance;

  GtkWidget    *menu;          /* Save as…, on a secondary click */
  Drawing       drawing;
  GCancellable *cancellable;   /* the layout under way, or NULL */
  int           pressed;       /* the node a click started on, or -1 */
};

G_DEFINE_FINAL_TYPE (AttacheNetworkView, attache_network_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_NETWORK,
  PROP_READY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  ACTOR_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Geometry */

static void
drawing_clear_geometry (Drawing *drawing)
{
  g_clear_pointer (&drawing->x, g_free);
  g_clear_pointer (&drawing->y, g_free);
  g_clear_pointer (&drawing->r, g_free);
  drawing->width = drawing->height = 0;
}

static void
drawing_clear (Drawing *drawing)
{
  drawing_clear_geometry (drawing);
  g_clear_pointer (&drawing->places, g_array_unref);
  g_clear_pointer (&drawing->network, attache_actor_network_unref);
  drawing->hover = drawing->focus = -1;
}

static void
drawing_free (Drawing *drawing)
{
  drawing_clear (drawing);
  g_free (drawing);
}

static guint
drawing_n_nodes (const Drawing *drawing)
{
  return drawing->network != NULL && drawing->places != NULL ? drawing->places->len : 0;
}

/* Maps the layout's space onto width × height, above the legend. */
static void
place_nodes (Drawing *drawing,
             int      width,
             int      height)
{
  guint n = drawing_n_nodes (drawing);
  const AttacheNodePlace *p;
  double min_x = G_MAXDOUBLE, max_x = -G_MAXDOUBLE, min_y = G_MAXDOUBLE, max_y = -G_MAXDOUBLE;
  double max_r = 0, base, area_w, area_h, sx = 1, sy = 1;

  if (drawing->x != NULL && drawing->width == width && drawing->height == height)
    return;

  drawing_clear_geometry (drawing);
  drawing->width = width;
  drawing->height = height;
  if (n == 0)
    return;

  drawing->x = g_new0 (double, n);
  drawing->y = g_new0 (double, n);
  drawing->r = g_new0 (double, n);
  p = (const AttacheNodePlace *) (gpointer) drawing->places->data;

  for (guint i = 0; i < n; i++)
    {
      min_x = MIN (min_x, p[i].x);
      max_x = MAX (max_x, p[i].x);
      min_y = MIN (min_y, p[i].y);
      max_y = MAX (max_y, p[i].y);
      max_r = MAX (max_r, p[i].radius);
    }

  /* The discs keep their size relative to the picture's, but never grow
   * faster than the distances between them, or they would overlap; the
   * distances may stretch one way more than the other, within reason. */
  base = CLAMP (MIN (width / ATTACHE_NETWORK_LAYOUT_WIDTH, height / ATTACHE_NETWORK_LAYOUT_HEIGHT), 0.45, 1.4);
  area_w = MAX (width - 2 * MARGIN, 1);
  area_h = MAX (height - LEGEND_HEIGHT - 16 - 2 * MARGIN, 1);   /* room for a name under the lowest disc */
  drawing->scale = base;
  for (guint attempt = 0; attempt < 4; attempt++)
    {
      sx = max_x - min_x > 1 ? MAX (area_w - 2 * max_r * drawing->scale, 1) / (max_x - min_x) : 2.5 * base;
      sy = max_y - min_y > 1 ? MAX (area_h - 2 * max_r * drawing->scale, 1) / (max_y - min_y) : 2.5 * base;
      sx = MIN (sx, 2.5 * base);
      sy = MIN (sy, 2.5 * base);
      sx = MIN (sx, 1.5 * sy);
      sy = MIN (sy, 1.5 * sx);
      if (drawing->scale <= MIN (sx, sy))
        break;
      drawing->scale = MIN (sx, sy);
    }

  for (guint i = 0; i < n; i++)
    {
      drawing->x[i] = MARGIN + area_w / 2 + (p[i].x - (min_x + max_x) / 2) * sx;
      drawing->y[i] = MARGIN + area_h / 2 + (p[i].y - (min_y + max_y) / 2) * sy;
      drawing->r[i] = p[i].radius * drawing->scale;
    }
}

/* The node under @x, @y, or -1: the one drawn last wins. */
static int
node_at (Drawing *drawing,
         double   x,
         double   y)
{
  guint n = drawing_n_nodes (drawing);

  if (drawing->x == NULL)
    return -1;

  for (guint i = n; i-- > 0;)
    {
      double dx = x - drawing->x[i], dy = y - drawing->y[i];
      double reach = drawing->r[i] + 3;   /* small discs are easy to hit too */

      if (dx * dx + dy * dy <= reach * reach)
        return i;
    }

  return -1;
}

/* Drawing */

static const AttacheNetworkNode *
get_node (const Drawing *drawing,
          guint          index)
{
  return &g_array_index (drawing->network->nodes, AttacheNetworkNode, index);
}

static gboolean
are_joined (const Drawing *drawing,
            guint          a,
            guint          b)
{
  for (guint e = 0; e < drawing->network->edges->len; e++)
    {
      const AttacheNetworkEdge *edge = &g_array_index (drawing->network->edges, AttacheNetworkEdge, e);

      if ((edge->source == a && edge->target == b) || (edge->source == b && edge->target == a))
        return TRUE;
    }

  return FALSE;
}

typedef struct
{
  double x, y, width, height;
} Box;

static gboolean
boxes_overlap (const Box *a,
               const Box *b)
{
  return a->x < b->x + b->width && b->x < a->x + a->width &&
         a->y < b->y + b->height && b->y < a->y + a->height;
}

static gboolean
box_hits_disc (const Box *box,
               double     cx,
               double     cy,
               double     r)
{
  double nx = CLAMP (cx, box->x, box->x + box->width);
  double ny = CLAMP (cy, box->y, box->y + box->height);

  return (nx - cx) * (nx - cx) + (ny - cy) * (ny - cy) < r * r;
}

/* Where the label of node @i can go: beside its disc, in the picture, over
 * no label placed before and, unless @over_discs, no other disc; with
 * @over_discs, over its own disc too. FALSE when nowhere. */
static gboolean
find_label_place (const Drawing *drawing,
                  guint          i,
                  double         lw,
                  double         lh,
                  GArray        *placed,
                  gboolean       over_discs,
                  Box           *out)
{
  double x = drawing->x[i], y = drawing->y[i], r = drawing->r[i];
  /* Over its own disc first when it may cover others: there it cannot be
   * taken for another's name. */
  const Box candidates[] = {
    { x - lw / 2, y - lh / 2, lw, lh },                    /* over it */
    { x - lw / 2, y + r + LABEL_GAP, lw, lh },             /* below */
    { x - lw / 2, y - r - LABEL_GAP - lh, lw, lh },        /* above */
    { x + r + LABEL_GAP + 1, y - lh / 2, lw, lh },         /* right */
    { x - r - LABEL_GAP - 1 - lw, y - lh / 2, lw, lh },    /* left */
  };
  double bottom = drawing->height - LEGEND_HEIGHT - 4;

  for (guint c = over_discs ? 0 : 1; c < G_N_ELEMENTS (candidates); c++)
    {
      const Box *box = &candidates[c];
      gboolean free = box->x >= 2 && box->y >= 2 &&
                      box->x + box->width <= drawing->width - 2 && box->y + box->height <= bottom;

      for (guint k = 0; free && k < placed->len; k++)
        free = !boxes_overlap (box, &g_array_index (placed, Box, k));
      for (guint k = 0; free && !over_discs && k < drawing_n_nodes (drawing); k++)
        if (k != i)
          free = !box_hits_disc (box, drawing->x[k], drawing->y[k], drawing->r[k] + 1);

      if (free)
        {
          *out = *box;
          return TRUE;
        }
    }

  return FALSE;
}

static void
draw_legend (cairo_t                    *cr,
             int                         width,
             int                         height,
             const AttacheChartPalette  *palette,
             const PangoFontDescription *font)
{
  double x = MARGIN, y = height - LEGEND_HEIGHT / 2;

  for (guint t = 0; t < G_N_ELEMENTS (palette->types); t++)
    {
      g_autoptr(PangoLayout) layout = _attache_chart_layout (cr, font, 0.9, FALSE,
                                                             _attache_actor_type_name (t));
      int lw, lh;

      pango_layout_get_pixel_size (layout, &lw, &lh);
      cairo_arc (cr, x + 5, y, 5, 0, 2 * G_PI);
      gdk_cairo_set_source_rgba (cr, &palette->types[t]);
      cairo_fill (cr);
      _attache_chart_show_layout (cr, layout, x + 14, y - lh / 2.0, &palette->foreground, NULL);
      x += 14 + lw + 18;
    }

  {
    /* The key to the picture, shorter when the long one does not fit. */
    const char *captions[] = {
      /* TRANSLATORS: the key under the network of actors */
      _("Size: how much the articles are about the actor · Lines: named in the same sentence"),
      /* TRANSLATORS: the key under the network of actors, when the long one does not fit */
      _("Lines: named in the same sentence"),
    };

    for (guint c = 0; c < G_N_ELEMENTS (captions); c++)
      {
        g_autoptr(PangoLayout) layout = _attache_chart_layout (cr, font, 0.85, FALSE, captions[c]);
        int lw, lh;

        pango_layout_get_pixel_size (layout, &lw, &lh);
        if (x + lw + MARGIN <= width)
          {
            GdkRGBA dim = palette->foreground;

            dim.alpha *= 0.65;
            _attache_chart_show_layout (cr, layout, width - MARGIN - lw, y - lh / 2.0, &dim, NULL);
            break;
          }
      }
  }
}

static void
draw_message (cairo_t                    *cr,
              int                         width,
              int                         height,
              const AttacheChartPalette  *palette,
              const PangoFontDescription *font,
              const char                 *message)
{
  g_autoptr(PangoLayout) layout = _attache_chart_layout (cr, font, 1.2, FALSE, message);
  GdkRGBA dim = palette->foreground;
  int lw, lh;

  dim.alpha *= 0.55;
  pango_layout_get_pixel_size (layout, &lw, &lh);
  _attache_chart_show_layout (cr, layout, (width - lw) / 2.0, (height - lh) / 2.0, &dim, NULL);
}

static void
draw_network (gpointer                    data,
              cairo_t                    *cr,
              int                         width,
              int                         height,
              const AttacheChartPalette  *palette,
              const PangoFontDescription *font)
{
  Drawing *drawing = data;
  guint n = drawing_n_nodes (drawing);
  g_autoptr(GArray) placed = g_array_new (FALSE, FALSE, sizeof (Box));
  g_autofree int *order = NULL;
  g_autofree gboolean *neighbour = NULL;
  guint max_weight = 1, n_order = 0;
  int hover = drawing->hover;

  if (drawing->network == NULL || drawing->places == NULL)
    return;

  if (n == 0)
    {
      draw_message (cr, width, height, palette, font, _("No actors to show"));
      return;
    }

  place_nodes (drawing, width, height);

  neighbour = g_new0 (gboolean, n);
  if (hover >= 0)
    for (guint i = 0; i < n; i++)
      neighbour[i] = (int) i == hover || are_joined (drawing, hover, i);

  /* Lines, the lightest first so the heavy ones stay on top. */
  for (guint e = 0; e < drawing->network->edges->len; e++)
    max_weight = MAX (max_weight, g_array_index (drawing->network->edges, AttacheNetworkEdge, e).weight);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  for (guint e = drawing->network->edges->len; e-- > 0;)
    {
      const AttacheNetworkEdge *edge = &g_array_index (drawing->network->edges, AttacheNetworkEdge, e);
      double share = (double) edge->weight / max_weight;
      double alpha = 0.1 + 0.5 * share;

      if (hover >= 0)
        alpha = (int) edge->source == hover || (int) edge->target == hover ? 0.75 : 0.05;
      cairo_set_line_width (cr, (0.8 + 4.5 * sqrt (share)) * MAX (drawing->scale, 0.7));
      _attache_chart_set_color (cr, &palette->foreground, alpha);
      cairo_move_to (cr, drawing->x[edge->source], drawing->y[edge->source]);
      cairo_line_to (cr, drawing->x[edge->target], drawing->y[edge->target]);
      cairo_stroke (cr);
    }

  /* Discs, the largest first, each with a rim of the background colour so
   * that touching ones stay apart. */
  for (guint i = 0; i < n; i++)
    {
      const AttacheNetworkNode *node = get_node (drawing, i);
      GdkRGBA color = palette->types[CLAMP ((int) node->type, 0, 3)];

      /* Away from the hovered disc: faded, but still opaque, so that the
       * lines do not show through. */
      if (hover >= 0 && !neighbour[i])
        {
          color.red = 0.3 * color.red + 0.7 * palette->background.red;
          color.green = 0.3 * color.green + 0.7 * palette->background.green;
          color.blue = 0.3 * color.blue + 0.7 * palette->background.blue;
        }

      cairo_arc (cr, drawing->x[i], drawing->y[i], drawing->r[i], 0, 2 * G_PI);
      gdk_cairo_set_source_rgba (cr, &color);
      cairo_fill_preserve (cr);
      _attache_chart_set_color (cr, &palette->background, 0.9);
      cairo_set_line_width (cr, 1.5);
      cairo_stroke (cr);

      if ((int) i == hover || (drawing->focused && (int) i == drawing->focus))
        {
          cairo_arc (cr, drawing->x[i], drawing->y[i], drawing->r[i] + 3.5, 0, 2 * G_PI);
          _attache_chart_set_color (cr, &palette->foreground, 0.9);
          cairo_set_line_width (cr, 2);
          cairo_stroke (cr);
        }
    }

  /* Labels: the hovered disc's first, then its neighbours', then the rest
   * from the most salient down, each where it fits. */
  order = g_new0 (int, n);
  if (hover >= 0)
    order[n_order++] = hover;
  for (guint pass = 0; pass < 2; pass++)
    for (guint i = 0; i < n; i++)
      if ((int) i != hover && (hover >= 0 && neighbour[i]) == (pass == 0))
        order[n_order++] = i;

  for (guint k = 0; k < n_order; k++)
    {
      guint i = order[k];
      const AttacheNetworkNode *node = get_node (drawing, i);
      gboolean strong = (int) i == hover || (drawing->focused && (int) i == drawing->focus);
      g_autoptr(PangoLayout) layout = NULL;
      GdkRGBA color = palette->foreground;
      int lw, lh;
      Box box;

      if (hover >= 0 && !neighbour[i])
        continue;

      /* Smaller names for small discs, and in a small picture. */
      layout = _attache_chart_layout (cr, font,
                                      (drawing->r[i] >= 18 ? 1.0 : 0.9) * (drawing->scale < 0.75 ? 0.9 : 1.0),
                                      strong, node->name);
      if (!strong && g_utf8_strlen (node->name, -1) > MAX_LABEL_CHARS)
        {
          pango_layout_set_width (layout, -1);
          pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
          {
            int full_w;

            pango_layout_get_pixel_size (layout, &full_w, NULL);
            pango_layout_set_width (layout, (int) (full_w * MAX_LABEL_CHARS /
                                                   (double) g_utf8_strlen (node->name, -1)) * PANGO_SCALE);
          }
        }
      pango_layout_get_pixel_size (layout, &lw, &lh);

      /* The largest discs are named even where their name has to cover
       * other discs: the picture is about them. */
      if (!find_label_place (drawing, i, lw, lh, placed, FALSE, &box) &&
          !((strong || drawing->r[i] >= MAJOR_RADIUS * drawing->scale) &&
            find_label_place (drawing, i, lw, lh, placed, TRUE, &box)))
        {
          if (!strong)
            continue;
          /* The hovered disc's name shows whatever it covers. */
          box.x = CLAMP (drawing->x[i] - lw / 2.0, 2, MAX (width - lw - 2, 2));
          box.y = drawing->y[i] + drawing->r[i] + LABEL_GAP;
          box.width = lw;
          box.height = lh;
        }
      g_array_append_val (placed, box);
      _attache_chart_show_layout (cr, layout, box.x, box.y, &color, &palette->background);
    }

  draw_legend (cr, width, height, palette, font);
}

/* The widget */

static void
set_ready (AttacheNetworkView *self,
           GArray             *places)
{
  gboolean was_ready = attache_network_view_get_ready (self);

  drawing_clear_geometry (&self->drawing);
  g_clear_pointer (&self->drawing.places, g_array_unref);
  self->drawing.places = places;
  self->drawing.hover = -1;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "chart.save-as", attache_network_view_get_ready (self));
  if (was_ready != attache_network_view_get_ready (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_READY]);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
layout_worker (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  GArray *places = attache_network_layout (task_data, LAYOUT_SEED, cancellable);

  if (places == NULL)
    g_task_return_error_if_cancelled (task);
  else
    g_task_return_pointer (task, places, (GDestroyNotify) g_array_unref);
}

static void
layout_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  AttacheNetworkView *self = ATTACHE_NETWORK_VIEW (object);
  g_autoptr(GError) error = NULL;
  GArray *places = g_task_propagate_pointer (G_TASK (result), &error);

  if (places == NULL)
    return;   /* cancelled: another network, or the view went away */

  g_clear_object (&self->cancellable);
  set_ready (self, places);
}

AttacheActorNetwork *
attache_network_view_get_network (AttacheNetworkView *self)
{
  g_return_val_if_fail (ATTACHE_IS_NETWORK_VIEW (self), NULL);

  return self->drawing.network;
}

void
attache_network_view_set_network (AttacheNetworkView  *self,
                                  AttacheActorNetwork *network)
{
  g_autoptr(GTask) task = NULL;
  gboolean was_ready;

  g_return_if_fail (ATTACHE_IS_NETWORK_VIEW (self));

  if (self->drawing.network == network)
    return;

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);

  was_ready = attache_network_view_get_ready (self);
  drawing_clear (&self->drawing);
  self->pressed = -1;
  if (network != NULL)
    {
      self->drawing.network = attache_actor_network_ref (network);
      self->cancellable = g_cancellable_new ();
      task = g_task_new (self, self->cancellable, layout_cb, NULL);
      g_task_set_source_tag (task, attache_network_view_set_network);
      g_task_set_task_data (task, attache_actor_network_ref (network),
                            (GDestroyNotify) attache_actor_network_unref);
      g_task_run_in_thread (task, layout_worker);
    }

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "chart.save-as", FALSE);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NETWORK]);
  if (was_ready)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_READY]);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

gboolean
attache_network_view_get_ready (AttacheNetworkView *self)
{
  g_return_val_if_fail (ATTACHE_IS_NETWORK_VIEW (self), FALSE);

  return self->drawing.network != NULL && self->drawing.places != NULL;
}

gboolean
attache_network_view_get_actor_position (AttacheNetworkView *self,
                                         gint64              actor_id,
                                         double             *x,
                                         double             *y)
{
  int index;

  g_return_val_if_fail (ATTACHE_IS_NETWORK_VIEW (self), FALSE);

  if (!attache_network_view_get_ready (self))
    return FALSE;
  index = attache_actor_network_find_node (self->drawing.network, actor_id);
  if (index < 0)
    return FALSE;

  place_nodes (&self->drawing, gtk_widget_get_width (GTK_WIDGET (self)),
               gtk_widget_get_height (GTK_WIDGET (self)));
  if (self->drawing.x == NULL)
    return FALSE;
  if (x != NULL)
    *x = self->drawing.x[index];
  if (y != NULL)
    *y = self->drawing.y[index];

  return TRUE;
}

static PangoFontDescription *
dup_widget_font (GtkWidget *widget)
{
  return pango_font_description_copy (pango_context_get_font_description (gtk_widget_get_pango_context (widget)));
}

gboolean
attache_network_view_save (AttacheNetworkView  *self,
                           const char          *path,
                           GError             **error)
{
  g_autoptr(PangoFontDescription) font = NULL;
  AttacheChartPalette palette;
  int width, height, hover;
  gboolean ok;

  g_return_val_if_fail (ATTACHE_IS_NETWORK_VIEW (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!attache_network_view_get_ready (self))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_PENDING,
                           _("The network is not ready yet"));
      return FALSE;
    }

  width = gtk_widget_get_width (GTK_WIDGET (self));
  height = gtk_widget_get_height (GTK_WIDGET (self));
  if (width <= 1 || height <= 1)
    {
      width = DEFAULT_WIDTH;
      height = DEFAULT_HEIGHT;
    }

  _attache_chart_palette_init_for_widget (&palette, GTK_WIDGET (self));
  font = dup_widget_font (GTK_WIDGET (self));

  /* The file shows the network, not where the pointer happened to be. */
  hover = self->drawing.hover;
  self->drawing.hover = -1;
  ok = _attache_chart_save (path, width, height, &palette, font, draw_network, &self->drawing, error);
  self->drawing.hover = hover;

  return ok;
}

gboolean
attache_network_render_to_file (AttacheActorNetwork *network,
                                const char          *path,
                                int                  width,
                                int                  height,
                                gboolean             dark,
                                GError             **error)
{
  g_autoptr(PangoFontDescription) font = _attache_chart_default_font ();
  AttacheChartPalette palette;
  Drawing drawing = { 0 };
  gboolean ok;

  g_return_val_if_fail (network != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (width > 0 && height > 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  drawing.network = attache_actor_network_ref (network);
  drawing.places = attache_network_layout (network, LAYOUT_SEED, NULL);
  drawing.hover = drawing.focus = -1;
  _attache_chart_palette_init (&palette, dark);

  ok = _attache_chart_save (path, width, height, &palette, font, draw_network, &drawing, error);
  drawing_clear (&drawing);

  return ok;
}

/* Snapshot and events */

static void
attache_network_view_snapshot (GtkWidget   *widget,
                               GtkSnapshot *snapshot)
{
  AttacheNetworkView *self = ATTACHE_NETWORK_VIEW (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  g_autoptr(PangoFontDescription) font = NULL;
  AttacheChartPalette palette;
  cairo_t *cr;

  if (width <= 0 || height <= 0 || !attache_network_view_get_ready (self))
    return;

  _attache_chart_palette_init_for_widget (&palette, widget);
  font = dup_widget_font (widget);
  self->drawing.focused = gtk_widget_has_focus (widget);

  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  draw_network (&self->drawing, cr, width, height, &palette, font);
  cairo_destroy (cr);
}

static void
attache_network_view_size_allocate (GtkWidget *widget,
                                    int        width,
                                    int        height,
                                    int        baseline)
{
  AttacheNetworkView *self = ATTACHE_NETWORK_VIEW (widget);

  /* place_nodes () redoes the geometry for the new size. */
  self->drawing.hover = -1;
  gtk_popover_present (GTK_POPOVER (self->menu));
}

static void
attache_network_view_measure (GtkWidget      *widget,
                              GtkOrientation  orientation,
                              int             for_size,
                              int            *minimum,
                              int            *natural,
                              int            *minimum_baseline,
                              int            *natural_baseline)
{
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = 240;
      *natural = 640;
    }
  else
    {
      *minimum = 180;
      *natural = 440;
    }
}

static void
set_hover (AttacheNetworkView *self,
           int                 hover)
{
  if (self->drawing.hover == hover)
    return;

  self->drawing.hover = hover;
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self), hover >= 0 ? "pointer" : NULL);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
on_motion_cb (GtkEventControllerMotion *controller,
              double                    x,
              double                    y,
              AttacheNetworkView       *self)
{
  set_hover (self, node_at (&self->drawing, x, y));
}

static void
on_leave_cb (GtkEventControllerMotion *controller,
             AttacheNetworkView       *self)
{
  set_hover (self, -1);
}

static void
activate_node (AttacheNetworkView *self,
               guint               index)
{
  gint64 actor_id = get_node (&self->drawing, index)->id;

  g_signal_emit (self, signals[ACTOR_ACTIVATED], 0, actor_id);
}

static void
on_pressed_cb (GtkGestureClick    *gesture,
               int                 n_press,
               double              x,
               double              y,
               AttacheNetworkView *self)
{
  self->pressed = node_at (&self->drawing, x, y);
  if (self->pressed >= 0)
    {
      self->drawing.focus = self->pressed;
      gtk_widget_grab_focus (GTK_WIDGET (self));
    }
}

static void
on_released_cb (GtkGestureClick    *gesture,
                int                 n_press,
                double              x,
                double              y,
                AttacheNetworkView *self)
{
  int node = node_at (&self->drawing, x, y);

  if (n_press == 1 && node >= 0 && node == self->pressed)
    activate_node (self, node);
  self->pressed = -1;
}

static gboolean
on_key_pressed_cb (GtkEventControllerKey *controller,
                   guint                  keyval,
                   guint                  keycode,
                   GdkModifierType        state,
                   AttacheNetworkView    *self)
{
  guint n = drawing_n_nodes (&self->drawing);

  if (n == 0)
    return GDK_EVENT_PROPAGATE;

  switch (keyval)
    {
    case GDK_KEY_Right:
    case GDK_KEY_Down:
      self->drawing.focus = self->drawing.focus < 0 ? 0 : (self->drawing.focus + 1) % n;
      break;
    case GDK_KEY_Left:
    case GDK_KEY_Up:
      self->drawing.focus = self->drawing.focus <= 0 ? (int) n - 1 : self->drawing.focus - 1;
      break;
    case GDK_KEY_Return:
    case GDK_KEY_KP_Enter:
    case GDK_KEY_space:
      if (self->drawing.focus >= 0)
        activate_node (self, self->drawing.focus);
      return GDK_EVENT_STOP;
    default:
      return GDK_EVENT_PROPAGATE;
    }

  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  get_node (&self->drawing, self->drawing.focus)->name, -1);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  return GDK_EVENT_STOP;
}

static char *
dup_node_tooltip (Drawing *drawing,
                  guint    index)
{
  const AttacheNetworkNode *node = get_node (drawing, index);
  g_autofree char *name = g_markup_escape_text (node->name, -1);
  g_autofree char *articles = NULL;
  g_autofree char *mentions = NULL;
  g_autofree char *counts = NULL;
  GString *text = g_string_new (NULL);
  guint n_partners = 0, n_listed = 0;

  articles = g_strdup_printf (ngettext ("%u article", "%u articles", node->articles), node->articles);
  mentions = g_strdup_printf (ngettext ("%u mention", "%u mentions", node->mentions), node->mentions);
  /* TRANSLATORS: an actor's type, articles and mentions: "Person · 4 articles · 8 mentions" */
  counts = g_strdup_printf (_("%s · %s · %s"), _attache_actor_type_name (node->type), articles, mentions);
  g_string_append_printf (text, "<b>%s</b>\n%s", name, counts);

  for (guint e = 0; e < drawing->network->edges->len; e++)
    {
      const AttacheNetworkEdge *edge = &g_array_index (drawing->network->edges, AttacheNetworkEdge, e);

      if (edge->source == index || edge->target == index)
        n_partners++;
    }
  if (n_partners > 0)
    {
      g_string_append_c (text, '\n');
      g_string_append_printf (text, ngettext ("Named in the same sentence as %u actor:",
                                              "Named in the same sentence as %u actors:", n_partners),
                              n_partners);
      /* The edges are heaviest first: the closest partners. */
      for (guint e = 0; e < drawing->network->edges->len && n_listed < 5; e++)
        {
          const AttacheNetworkEdge *edge = &g_array_index (drawing->network->edges, AttacheNetworkEdge, e);
          g_autofree char *other = NULL;

          if (edge->source != index && edge->target != index)
            continue;
          other = g_markup_escape_text (get_node (drawing, edge->source == index ? edge->target : edge->source)->name, -1);
          g_string_append_c (text, '\n');
          /* TRANSLATORS: another actor and how many sentences name both, e.g. "Olaf Scholz (2 sentences)" */
          g_string_append_printf (text, ngettext ("%s (%u sentence)", "%s (%u sentences)", edge->weight),
                                  other, edge->weight);
          n_listed++;
        }
    }

  return g_string_free (text, FALSE);
}

static gboolean
attache_network_view_query_tooltip (GtkWidget  *widget,
                                    int         x,
                                    int         y,
                                    gboolean    keyboard_tooltip,
                                    GtkTooltip *tooltip)
{
  AttacheNetworkView *self = ATTACHE_NETWORK_VIEW (widget);
  g_autofree char *markup = NULL;
  int node;

  node = keyboard_tooltip ? self->drawing.focus : node_at (&self->drawing, x, y);
  if (node < 0)
    return FALSE;

  markup = dup_node_tooltip (&self->drawing, node);
  gtk_tooltip_set_markup (tooltip, markup);
  return TRUE;
}

static void
save_as_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  AttacheNetworkView *self = ATTACHE_NETWORK_VIEW (widget);
  int width = gtk_widget_get_width (widget), height = gtk_widget_get_height (widget);
  Drawing *copy;

  if (!attache_network_view_get_ready (self))
    return;

  /* What is shown now, without the pointer, drawn again in a worker. */
  copy = g_new0 (Drawing, 1);
  copy->network = attache_actor_network_ref (self->drawing.network);
  copy->places = g_array_copy (self->drawing.places);
  copy->hover = copy->focus = -1;
  if (width <= 1 || height <= 1)
    {
      width = DEFAULT_WIDTH;
      height = DEFAULT_HEIGHT;
    }

  /* TRANSLATORS: the name suggested for a picture of the network, without extension */
  _attache_chart_ask_and_save (widget, g_variant_get_string (parameter, NULL), _("Actor network"),
                               width, height, draw_network, copy, (GDestroyNotify) drawing_free);
}

static void
on_menu_pressed_cb (GtkGestureClick    *gesture,
                    int                 n_press,
                    double              x,
                    double              y,
                    AttacheNetworkView *self)
{
  if (!attache_network_view_get_ready (self))
    return;

  gtk_popover_set_pointing_to (GTK_POPOVER (self->menu), &(GdkRectangle) { x, y, 1, 1 });
  gtk_popover_popup (GTK_POPOVER (self->menu));
}

static void
attache_network_view_dispose (GObject *object)
{
  AttacheNetworkView *self = ATTACHE_NETWORK_VIEW (object);

  g_clear_pointer (&self->menu, gtk_widget_unparent);
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  drawing_clear (&self->drawing);

  G_OBJECT_CLASS (attache_network_view_parent_class)->dispose (object);
}

static void
attache_network_view_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  AttacheNetworkView *self = ATTACHE_NETWORK_VIEW (object);

  switch (prop_id)
    {
    case PROP_NETWORK:
      g_value_set_boxed (value, self->drawing.network);
      break;
    case PROP_READY:
      g_value_set_boolean (value, attache_network_view_get_ready (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
attache_network_view_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  AttacheNetworkView *self = ATTACHE_NETWORK_VIEW (object);

  switch (prop_id)
    {
    case PROP_NETWORK:
      attache_network_view_set_network (self, g_value_get_boxed (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
attache_network_view_class_init (AttacheNetworkViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = attache_network_view_dispose;
  object_class->get_property = attache_network_view_get_property;
  object_class->set_property = attache_network_view_set_property;

  widget_class->snapshot = attache_network_view_snapshot;
  widget_class->measure = attache_network_view_measure;
  widget_class->size_allocate = attache_network_view_size_allocate;
  widget_class->query_tooltip = attache_network_view_query_tooltip;

  properties[PROP_NETWORK] =
    g_param_spec_boxed ("network", NULL, NULL, ATTACHE_TYPE_ACTOR_NETWORK,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_READY] =
    g_param_spec_boolean ("ready", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[ACTOR_ACTIVATED] =
    g_signal_new ("actor-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);

  gtk_widget_class_install_action (widget_class, "chart.save-as", "s", save_as_action);

  gtk_widget_class_set_css_name (widget_class, "networkview");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
attache_network_view_init (AttacheNetworkView *self)
{
  GtkEventController *motion = gtk_event_controller_motion_new ();
  GtkGesture *click = gtk_gesture_click_new ();
  GtkEventController *keys = gtk_event_controller_key_new ();
  GtkGesture *secondary = gtk_gesture_click_new ();
  g_autoptr(GMenuModel) menu = _attache_chart_new_menu ();

  self->drawing.hover = self->drawing.focus = -1;

  self->menu = gtk_popover_menu_new_from_model (menu);
  gtk_popover_set_has_arrow (GTK_POPOVER (self->menu), FALSE);
  gtk_widget_set_halign (self->menu, GTK_ALIGN_START);
  gtk_widget_set_parent (self->menu, GTK_WIDGET (self));
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (secondary), GDK_BUTTON_SECONDARY);
  g_signal_connect (secondary, "pressed", G_CALLBACK (on_menu_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (secondary));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "chart.save-as", FALSE);
  self->pressed = -1;

  g_signal_connect (motion, "motion", G_CALLBACK (on_motion_cb), self);
  g_signal_connect (motion, "leave", G_CALLBACK (on_leave_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), motion);

  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_PRIMARY);
  g_signal_connect (click, "pressed", G_CALLBACK (on_pressed_cb), self);
  g_signal_connect (click, "released", G_CALLBACK (on_released_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));

  g_signal_connect (keys, "key-pressed", G_CALLBACK (on_key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), keys);

  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self), "view");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Network of actors"), -1);
}

GtkWidget *
attache_network_view_new (void)
{
  return g_object_new (ATTACHE_TYPE_NETWORK_VIEW, NULL);
}
