/* attache-timeline-view.c: a bar chart of an actor's mentions, or a topic's articles, over time
 *
 * A title, a vertical axis with round steps, one bar per day, week or month
 * (empty ones too, so gaps show), and dates under them, as many as fit. The
 * bar under the pointer is outlined and its value shown. One cairo function
 * draws the widget and the PNG and SVG files alike.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "attache-timeline-view"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "attache-chart-private.h"
#include "attache-timeline-view.h"

#define DEFAULT_WIDTH   800
#define DEFAULT_HEIGHT  400
#define MARGIN           16.0

typedef struct
{
  AttacheTimeline *timeline;
  int              hover;       /* the bar under the pointer, or -1 */

  /* The geometry of the last drawing */
  gboolean         placed;
  double           plot_x;
  double           plot_y;
  double           plot_width;
  double           plot_height;
  double           top_value;   /* the value at the top of the plot */
} Drawing;

struct _AttacheTimelineView
{
  GtkWidget  parent_instance;

  GtkWidget *menu;      /* Save as…, on a secondary click */
  Drawing    drawing;
};

G_DEFINE_FINAL_TYPE (AttacheTimelineView, attache_timeline_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_TIMELINE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static guint
n_bins (const Drawing *drawing)
{
  return drawing->timeline != NULL ? drawing->timeline->bins->len : 0;
}

static const AttacheTimelineBin *
get_bin (const Drawing *drawing,
         guint          index)
{
  return &g_array_index (drawing->timeline->bins, AttacheTimelineBin, index);
}

/* Text */

static char *
format_date (const GDate *date,
             const char  *format)
{
  g_autoptr(GDateTime) time = g_date_time_new_utc (g_date_get_year (date), g_date_get_month (date),
                                                   g_date_get_day (date), 12, 0, 0);

  return time != NULL ? g_date_time_format (time, format) : g_strdup ("?");
}

/* Under a bar: "4 Mar" for a day or a week, "Mar" for a month. */
static char *
format_tick (AttacheTimelineBucket  bucket,
             const GDate           *date)
{
  if (bucket == ATTACHE_TIMELINE_MONTH)
    /* TRANSLATORS: a month under a bar of a chart (g_date_time_format ()) */
    return format_date (date, C_("timeline month", "%b"));
  /* TRANSLATORS: a day under a bar of a chart (g_date_time_format ()) */
  return format_date (date, C_("timeline day", "%-d %b"));
}

/* What a bar stands for: "Tuesday 2 April 2024", "Week of 1 April 2024", "April 2024". */
static char *
format_period (AttacheTimelineBucket  bucket,
               const GDate           *date)
{
  g_autofree char *day = NULL;

  switch (bucket)
    {
    case ATTACHE_TIMELINE_MONTH:
      /* TRANSLATORS: a month (g_date_time_format ()) */
      return format_date (date, C_("timeline period", "%B %Y"));
    case ATTACHE_TIMELINE_WEEK:
      /* TRANSLATORS: the Monday a week starts (g_date_time_format ()) */
      day = format_date (date, C_("timeline period", "%-d %B %Y"));
      /* TRANSLATORS: %s is its first day, "1 April 2024" */
      return g_strdup_printf (_("Week of %s"), day);
    case ATTACHE_TIMELINE_AUTO:
    case ATTACHE_TIMELINE_DAY:
    default:
      /* TRANSLATORS: a day (g_date_time_format ()) */
      return format_date (date, C_("timeline period", "%A %-d %B %Y"));
    }
}

/* "3 mentions in 2 articles", or "2 articles" for a topic. */
static char *
format_counts (const AttacheTimeline *timeline,
               guint                  count,
               guint                  articles)
{
  g_autofree char *mentions = NULL;

  if (timeline->kind == ATTACHE_TIMELINE_TOPIC)
    return g_strdup_printf (ngettext ("%u article", "%u articles", articles), articles);

  mentions = g_strdup_printf (ngettext ("%u mention", "%u mentions", count), count);
  /* TRANSLATORS: "3 mentions in 2 articles" */
  return g_strdup_printf (ngettext ("%s in %u article", "%s in %u articles", articles), mentions, articles);
}

static char *
format_title (const AttacheTimeline *timeline)
{
  if (timeline->kind == ATTACHE_TIMELINE_TOPIC)
    /* TRANSLATORS: the title of a chart; %s is a topic */
    return g_strdup_printf (_("Articles on “%s”"), timeline->label);
  /* TRANSLATORS: the title of a chart; %s is an actor's name */
  return g_strdup_printf (_("Mentions of %s"), timeline->label);
}

static char *
format_subtitle (const AttacheTimeline *timeline)
{
  g_autofree char *counts = format_counts (timeline, timeline->total, timeline->articles);
  const char *by;

  switch (timeline->bucket)
    {
    case ATTACHE_TIMELINE_MONTH:
      by = _("By month");
      break;
    case ATTACHE_TIMELINE_WEEK:
      by = _("By week");
      break;
    case ATTACHE_TIMELINE_AUTO:
    case ATTACHE_TIMELINE_DAY:
    default:
      by = _("By day");
      break;
    }

  /* TRANSLATORS: "By week · 8 mentions in 4 articles" */
  return g_strdup_printf (_("%s · %s"), by, counts);
}

/* Axis */

/* A round step for about five lines up to @top: 1, 2 or 5 times a power of ten. */
static double
nice_step (double top)
{
  double raw = MAX (top / 5, 1);
  double magnitude = pow (10, floor (log10 (raw)));
  double fraction = raw / magnitude;

  if (fraction <= 1)
    return magnitude;
  if (fraction <= 2)
    return 2 * magnitude;
  if (fraction <= 5)
    return 5 * magnitude;
  return 10 * magnitude;
}

static char *
format_value (double value)
{
  return g_strdup_printf ("%.0f", value);
}

/* Drawing */

static void
draw_timeline (gpointer                    data,
               cairo_t                    *cr,
               int                         width,
               int                         height,
               const AttacheChartPalette  *palette,
               const PangoFontDescription *font)
{
  Drawing *drawing = data;
  const AttacheTimeline *timeline = drawing->timeline;
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *top_label = NULL;
  g_autoptr(PangoLayout) title_layout = NULL;
  g_autoptr(PangoLayout) subtitle_layout = NULL;
  g_autoptr(PangoLayout) probe = NULL;
  GdkRGBA dim = palette->foreground;
  const GdkRGBA *bar_color;
  guint n = n_bins (drawing), max_count = 0, label_step = 1;
  int tw, th, sw, sh, axis_w, tick_w = 0, tick_h = 0;
  double step, top, slot, bar_w, y;
  int last_year = 0;

  drawing->placed = FALSE;
  if (timeline == NULL)
    return;

  dim.alpha *= 0.65;
  title = format_title (timeline);
  subtitle = format_subtitle (timeline);
  title_layout = _attache_chart_layout (cr, font, 1.15, TRUE, title);
  subtitle_layout = _attache_chart_layout (cr, font, 0.9, FALSE, subtitle);
  pango_layout_set_width (title_layout, (int) (width - 2 * MARGIN) * PANGO_SCALE);
  pango_layout_set_ellipsize (title_layout, PANGO_ELLIPSIZE_END);
  pango_layout_get_pixel_size (title_layout, &tw, &th);
  pango_layout_get_pixel_size (subtitle_layout, &sw, &sh);
  _attache_chart_show_layout (cr, title_layout, MARGIN, MARGIN, &palette->foreground, NULL);
  _attache_chart_show_layout (cr, subtitle_layout, MARGIN, MARGIN + th + 2, &dim, NULL);

  if (n == 0)
    {
      g_autoptr(PangoLayout) layout =
        _attache_chart_layout (cr, font, 1.2, FALSE,
                               timeline->kind == ATTACHE_TIMELINE_TOPIC ? _("No articles") : _("No mentions"));
      int lw, lh;

      pango_layout_get_pixel_size (layout, &lw, &lh);
      _attache_chart_show_layout (cr, layout, (width - lw) / 2.0, (height - lh) / 2.0, &dim, NULL);
      return;
    }

  for (guint i = 0; i < n; i++)
    max_count = MAX (max_count, get_bin (drawing, i)->count);
  step = nice_step (max_count);
  top = MAX (ceil (max_count / step) * step, step);

  /* The plot: right of the values, above two rows of dates. */
  top_label = format_value (top);
  probe = _attache_chart_layout (cr, font, 0.85, FALSE, top_label);
  pango_layout_get_pixel_size (probe, &axis_w, &tick_h);
  drawing->plot_x = MARGIN + axis_w + 8;
  drawing->plot_y = MARGIN + th + 2 + sh + 16 + tick_h;   /* room for a value over the highest bar */
  drawing->plot_width = MAX (width - drawing->plot_x - MARGIN, 1);
  drawing->plot_height = MAX (height - drawing->plot_y - MARGIN - 2 * tick_h - 10, 1);
  drawing->top_value = top;
  drawing->placed = TRUE;

  /* Lines across at each step, and their values. */
  cairo_set_line_width (cr, 1);
  for (double value = 0; value <= top + 0.5; value += step)
    {
      g_autofree char *text = format_value (value);
      g_autoptr(PangoLayout) layout = _attache_chart_layout (cr, font, 0.85, FALSE, text);
      int lw, lh;

      y = round (drawing->plot_y + drawing->plot_height * (1 - value / top)) + 0.5;
      _attache_chart_set_color (cr, &palette->foreground, value == 0 ? 0.45 : 0.1);
      cairo_move_to (cr, drawing->plot_x, y);
      cairo_line_to (cr, drawing->plot_x + drawing->plot_width, y);
      cairo_stroke (cr);
      pango_layout_get_pixel_size (layout, &lw, &lh);
      _attache_chart_show_layout (cr, layout, drawing->plot_x - 8 - lw, y - lh / 2.0, &dim, NULL);
    }

  /* Dates: as many as fit without touching, at a regular step. */
  slot = drawing->plot_width / n;
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *text = format_tick (timeline->bucket, &get_bin (drawing, i)->start);
      g_autoptr(PangoLayout) layout = _attache_chart_layout (cr, font, 0.85, FALSE, text);
      int lw;

      pango_layout_get_pixel_size (layout, &lw, NULL);
      tick_w = MAX (tick_w, lw);
    }
  label_step = MAX (1, (guint) ceil ((tick_w + 10) / slot));
  if (timeline->bucket == ATTACHE_TIMELINE_MONTH && label_step > 1)
    {
      /* Months at round steps: every 2, 3, 6 or 12. */
      static const guint steps[] = { 2, 3, 6, 12, 24, 60, 120 };

      for (guint s = 0; s < G_N_ELEMENTS (steps); s++)
        if (steps[s] >= label_step)
          {
            label_step = steps[s];
            break;
          }
    }

  for (guint i = 0; i < n; i += label_step)
    {
      const GDate *start = &get_bin (drawing, i)->start;
      g_autofree char *text = format_tick (timeline->bucket, start);
      g_autoptr(PangoLayout) layout = _attache_chart_layout (cr, font, 0.85, FALSE, text);
      double cx = drawing->plot_x + slot * (i + 0.5);
      double ty = drawing->plot_y + drawing->plot_height + 6;
      int lw, lh;

      pango_layout_get_pixel_size (layout, &lw, &lh);
      _attache_chart_show_layout (cr, layout, CLAMP (cx - lw / 2.0, 2, width - lw - 2), ty, &dim, NULL);

      /* The year under the first date and wherever it changes. */
      if (g_date_get_year (start) != last_year)
        {
          g_autofree char *year = g_strdup_printf ("%u", g_date_get_year (start));
          g_autoptr(PangoLayout) year_layout = _attache_chart_layout (cr, font, 0.85, TRUE, year);
          int yw;

          pango_layout_get_pixel_size (year_layout, &yw, NULL);
          _attache_chart_show_layout (cr, year_layout, CLAMP (cx - yw / 2.0, 2, width - yw - 2), ty + lh,
                                      &dim, NULL);
          last_year = g_date_get_year (start);
        }
    }

  /* The bars */
  bar_color = timeline->kind == ATTACHE_TIMELINE_ACTOR
              ? &palette->types[CLAMP ((int) timeline->actor_type, 0, 3)]
              : &palette->topic;
  bar_w = slot >= 4 ? MAX (slot * 0.78, slot - 12) : slot;
  for (guint i = 0; i < n; i++)
    {
      const AttacheTimelineBin *bin = get_bin (drawing, i);
      double h = drawing->plot_height * bin->count / top;
      double x = drawing->plot_x + slot * i + (slot - bar_w) / 2;
      gboolean hovered = (int) i == drawing->hover;

      if (hovered)
        {
          /* The column under the pointer, so even an empty bar shows. */
          _attache_chart_set_color (cr, &palette->foreground, 0.06);
          cairo_rectangle (cr, drawing->plot_x + slot * i, drawing->plot_y, slot, drawing->plot_height);
          cairo_fill (cr);
        }
      if (bin->count == 0 && !hovered)
        continue;

      cairo_rectangle (cr, x, drawing->plot_y + drawing->plot_height - h, bar_w, h);
      _attache_chart_set_color (cr, bar_color, drawing->hover >= 0 && !hovered ? 0.7 : 1.0);
      cairo_fill (cr);

      /* Its value above it, when there is room or the pointer is on it
       * (even 0, for an empty bar). */
      {
        g_autofree char *text = format_value (bin->count);
        g_autoptr(PangoLayout) layout = _attache_chart_layout (cr, font, 0.85, hovered, text);
        int lw, lh;

        pango_layout_get_pixel_size (layout, &lw, &lh);
        if (hovered || lw + 2 <= slot)
          _attache_chart_show_layout (cr, layout,
                                      CLAMP (x + bar_w / 2 - lw / 2.0, 2, width - lw - 2),
                                      drawing->plot_y + drawing->plot_height - h - lh - 2,
                                      &palette->foreground, &palette->background);
      }
    }
}

/* The widget */

static int
bin_at (const Drawing *drawing,
        double         x,
        double         y)
{
  double slot;

  if (!drawing->placed || n_bins (drawing) == 0)
    return -1;
  if (x < drawing->plot_x || x >= drawing->plot_x + drawing->plot_width ||
      y < drawing->plot_y - 20 || y > drawing->plot_y + drawing->plot_height)
    return -1;

  slot = drawing->plot_width / n_bins (drawing);
  return MIN ((guint) ((x - drawing->plot_x) / slot), n_bins (drawing) - 1);
}

AttacheTimeline *
attache_timeline_view_get_timeline (AttacheTimelineView *self)
{
  g_return_val_if_fail (ATTACHE_IS_TIMELINE_VIEW (self), NULL);

  return self->drawing.timeline;
}

void
attache_timeline_view_set_timeline (AttacheTimelineView *self,
                                    AttacheTimeline     *timeline)
{
  g_return_if_fail (ATTACHE_IS_TIMELINE_VIEW (self));

  if (self->drawing.timeline == timeline)
    return;

  g_clear_pointer (&self->drawing.timeline, attache_timeline_unref);
  if (timeline != NULL)
    self->drawing.timeline = attache_timeline_ref (timeline);
  self->drawing.hover = -1;
  self->drawing.placed = FALSE;

  if (timeline != NULL)
    {
      g_autofree char *title = format_title (timeline);

      gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
    }

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "chart.save-as", timeline != NULL);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TIMELINE]);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

gboolean
attache_timeline_view_get_bin_at (AttacheTimelineView *self,
                                  double               x,
                                  double               y,
                                  guint               *index)
{
  int bin;

  g_return_val_if_fail (ATTACHE_IS_TIMELINE_VIEW (self), FALSE);

  bin = bin_at (&self->drawing, x, y);
  if (bin < 0)
    return FALSE;
  if (index != NULL)
    *index = bin;
  return TRUE;
}

gboolean
attache_timeline_view_get_bin_position (AttacheTimelineView *self,
                                        guint                index,
                                        double              *x,
                                        double              *y)
{
  const Drawing *drawing;
  double slot;

  g_return_val_if_fail (ATTACHE_IS_TIMELINE_VIEW (self), FALSE);

  drawing = &self->drawing;
  if (!drawing->placed || index >= n_bins (drawing))
    return FALSE;

  slot = drawing->plot_width / n_bins (drawing);
  if (x != NULL)
    *x = drawing->plot_x + slot * (index + 0.5);
  if (y != NULL)
    *y = drawing->plot_y + drawing->plot_height * (1 - get_bin (drawing, index)->count / drawing->top_value / 2);
  return TRUE;
}

static PangoFontDescription *
dup_widget_font (GtkWidget *widget)
{
  return pango_font_description_copy (pango_context_get_font_description (gtk_widget_get_pango_context (widget)));
}

gboolean
attache_timeline_view_save (AttacheTimelineView  *self,
                            const char           *path,
                            GError              **error)
{
  g_autoptr(PangoFontDescription) font = NULL;
  AttacheChartPalette palette;
  Drawing drawing = { 0 };
  int width, height;

  g_return_val_if_fail (ATTACHE_IS_TIMELINE_VIEW (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (self->drawing.timeline == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, _("There is no chart to save"));
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

  /* Drawn apart from the widget's own geometry, without the pointer's bar. */
  drawing.timeline = self->drawing.timeline;
  drawing.hover = -1;
  return _attache_chart_save (path, width, height, &palette, font, draw_timeline, &drawing, error);
}

gboolean
attache_timeline_render_to_file (AttacheTimeline  *timeline,
                                 const char       *path,
                                 int               width,
                                 int               height,
                                 gboolean          dark,
                                 GError          **error)
{
  g_autoptr(PangoFontDescription) font = _attache_chart_default_font ();
  AttacheChartPalette palette;
  Drawing drawing = { 0 };

  g_return_val_if_fail (timeline != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (width > 0 && height > 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  drawing.timeline = timeline;
  drawing.hover = -1;
  _attache_chart_palette_init (&palette, dark);

  return _attache_chart_save (path, width, height, &palette, font, draw_timeline, &drawing, error);
}

static void
attache_timeline_view_snapshot (GtkWidget   *widget,
                                GtkSnapshot *snapshot)
{
  AttacheTimelineView *self = ATTACHE_TIMELINE_VIEW (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  g_autoptr(PangoFontDescription) font = NULL;
  AttacheChartPalette palette;
  cairo_t *cr;

  if (width <= 0 || height <= 0 || self->drawing.timeline == NULL)
    return;

  _attache_chart_palette_init_for_widget (&palette, widget);
  font = dup_widget_font (widget);

  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  draw_timeline (&self->drawing, cr, width, height, &palette, font);
  cairo_destroy (cr);
}

static void
attache_timeline_view_measure (GtkWidget      *widget,
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
      *minimum = 160;
      *natural = 320;
    }
}

static void
set_hover (AttacheTimelineView *self,
           int                  hover)
{
  if (self->drawing.hover == hover)
    return;

  self->drawing.hover = hover;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
on_motion_cb (GtkEventControllerMotion *controller,
              double                    x,
              double                    y,
              AttacheTimelineView      *self)
{
  set_hover (self, bin_at (&self->drawing, x, y));
}

static void
on_leave_cb (GtkEventControllerMotion *controller,
             AttacheTimelineView      *self)
{
  set_hover (self, -1);
}

static gboolean
attache_timeline_view_query_tooltip (GtkWidget  *widget,
                                     int         x,
                                     int         y,
                                     gboolean    keyboard_tooltip,
                                     GtkTooltip *tooltip)
{
  AttacheTimelineView *self = ATTACHE_TIMELINE_VIEW (widget);
  const AttacheTimelineBin *bin;
  g_autofree char *period = NULL;
  g_autofree char *counts = NULL;
  g_autofree char *markup = NULL;
  int index = bin_at (&self->drawing, x, y);

  if (index < 0)
    return FALSE;

  bin = get_bin (&self->drawing, index);
  period = format_period (self->drawing.timeline->bucket, &bin->start);
  counts = format_counts (self->drawing.timeline, bin->count, bin->articles);
  markup = g_markup_printf_escaped ("<b>%s</b>\n%s", period, counts);
  gtk_tooltip_set_markup (tooltip, markup);
  return TRUE;
}

static void
drawing_free (Drawing *drawing)
{
  g_clear_pointer (&drawing->timeline, attache_timeline_unref);
  g_free (drawing);
}

static void
save_as_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  AttacheTimelineView *self = ATTACHE_TIMELINE_VIEW (widget);
  int width = gtk_widget_get_width (widget), height = gtk_widget_get_height (widget);
  g_autofree char *title = NULL;
  Drawing *copy;

  if (self->drawing.timeline == NULL)
    return;

  /* What is shown now, without the pointer, drawn again in a worker. */
  copy = g_new0 (Drawing, 1);
  copy->timeline = attache_timeline_ref (self->drawing.timeline);
  copy->hover = -1;
  if (width <= 1 || height <= 1)
    {
      width = DEFAULT_WIDTH;
      height = DEFAULT_HEIGHT;
    }

  title = format_title (self->drawing.timeline);
  _attache_chart_ask_and_save (widget, g_variant_get_string (parameter, NULL), title,
                               width, height, draw_timeline, copy, (GDestroyNotify) drawing_free);
}

static void
on_menu_pressed_cb (GtkGestureClick     *gesture,
                    int                  n_press,
                    double               x,
                    double               y,
                    AttacheTimelineView *self)
{
  if (self->drawing.timeline == NULL)
    return;

  gtk_popover_set_pointing_to (GTK_POPOVER (self->menu), &(GdkRectangle) { x, y, 1, 1 });
  gtk_popover_popup (GTK_POPOVER (self->menu));
}

static void
attache_timeline_view_size_allocate (GtkWidget *widget,
                                     int        width,
                                     int        height,
                                     int        baseline)
{
  AttacheTimelineView *self = ATTACHE_TIMELINE_VIEW (widget);

  self->drawing.hover = -1;
  gtk_popover_present (GTK_POPOVER (self->menu));
}

static void
attache_timeline_view_dispose (GObject *object)
{
  AttacheTimelineView *self = ATTACHE_TIMELINE_VIEW (object);

  g_clear_pointer (&self->menu, gtk_widget_unparent);
  g_clear_pointer (&self->drawing.timeline, attache_timeline_unref);

  G_OBJECT_CLASS (attache_timeline_view_parent_class)->dispose (object);
}

static void
attache_timeline_view_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  AttacheTimelineView *self = ATTACHE_TIMELINE_VIEW (object);

  switch (prop_id)
    {
    case PROP_TIMELINE:
      g_value_set_boxed (value, self->drawing.timeline);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
attache_timeline_view_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  AttacheTimelineView *self = ATTACHE_TIMELINE_VIEW (object);

  switch (prop_id)
    {
    case PROP_TIMELINE:
      attache_timeline_view_set_timeline (self, g_value_get_boxed (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
attache_timeline_view_class_init (AttacheTimelineViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = attache_timeline_view_dispose;
  object_class->get_property = attache_timeline_view_get_property;
  object_class->set_property = attache_timeline_view_set_property;

  widget_class->snapshot = attache_timeline_view_snapshot;
  widget_class->measure = attache_timeline_view_measure;
  widget_class->size_allocate = attache_timeline_view_size_allocate;
  widget_class->query_tooltip = attache_timeline_view_query_tooltip;

  properties[PROP_TIMELINE] =
    g_param_spec_boxed ("timeline", NULL, NULL, ATTACHE_TYPE_TIMELINE,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_install_action (widget_class, "chart.save-as", "s", save_as_action);

  gtk_widget_class_set_css_name (widget_class, "timelineview");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
attache_timeline_view_init (AttacheTimelineView *self)
{
  GtkEventController *motion = gtk_event_controller_motion_new ();
  GtkGesture *secondary = gtk_gesture_click_new ();
  g_autoptr(GMenuModel) menu = _attache_chart_new_menu ();

  self->drawing.hover = -1;

  self->menu = gtk_popover_menu_new_from_model (menu);
  gtk_popover_set_has_arrow (GTK_POPOVER (self->menu), FALSE);
  gtk_widget_set_halign (self->menu, GTK_ALIGN_START);
  gtk_widget_set_parent (self->menu, GTK_WIDGET (self));
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (secondary), GDK_BUTTON_SECONDARY);
  g_signal_connect (secondary, "pressed", G_CALLBACK (on_menu_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (secondary));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "chart.save-as", FALSE);

  g_signal_connect (motion, "motion", G_CALLBACK (on_motion_cb), self);
  g_signal_connect (motion, "leave", G_CALLBACK (on_leave_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), motion);

  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self), "view");
}

GtkWidget *
attache_timeline_view_new (void)
{
  return g_object_new (ATTACHE_TYPE_TIMELINE_VIEW, NULL);
}
