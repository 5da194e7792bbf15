/* attache-chart.c: what the network and the timeline draw with
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "attache-chart"

#include "config.h"

#include <cairo-svg.h>
#include <glib/gi18n.h>

#include "attache-chart-private.h"
#include "attache-compat.h"

/* The GNOME palette: for each actor type a darker shade on light backgrounds
 * and a lighter one on dark backgrounds, so that every disc and bar stands
 * out from the background and from its neighbours in both. */
static const char * const light_types[] = { "#1c71d8", "#9141ac", "#26a269", "#e66100" };
static const char * const dark_types[]  = { "#62a0ea", "#c061cb", "#33d17a", "#ffa348" };

void
_attache_chart_palette_init (AttacheChartPalette *palette,
                             gboolean             dark)
{
  const char * const *types = dark ? dark_types : light_types;

  g_assert (palette != NULL);
  G_STATIC_ASSERT (G_N_ELEMENTS (light_types) == G_N_ELEMENTS (palette->types));
  G_STATIC_ASSERT (G_N_ELEMENTS (dark_types) == G_N_ELEMENTS (palette->types));

  palette->dark = dark;
  /* The text and background of libadwaita's views. */
  gdk_rgba_parse (&palette->foreground, dark ? "#ffffff" : "rgba(0,0,0,0.8)");
  gdk_rgba_parse (&palette->background, dark ? "#1e1e1e" : "#ffffff");
  for (guint i = 0; i < G_N_ELEMENTS (palette->types); i++)
    gdk_rgba_parse (&palette->types[i], types[i]);
  gdk_rgba_parse (&palette->topic, dark ? "#5bc8af" : "#1f8a70");
}

void
_attache_chart_palette_init_for_widget (AttacheChartPalette *palette,
                                        GtkWidget           *widget)
{
  GdkRGBA color;
  double luminance;

  g_assert (palette != NULL);
  g_assert (GTK_IS_WIDGET (widget));

  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &color);
  G_GNUC_END_IGNORE_DEPRECATIONS

  /* Light text: a dark style. */
  luminance = 0.2126 * color.red + 0.7152 * color.green + 0.0722 * color.blue;
  _attache_chart_palette_init (palette, luminance > 0.5);
  palette->foreground = color;
}

PangoFontDescription *
_attache_chart_default_font (void)
{
  return pango_font_description_from_string ("Cantarell, Sans 10");
}

static cairo_status_t
append_bytes_cb (void                *closure,
                 const unsigned char *data,
                 unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

gboolean
_attache_chart_save (const char                 *path,
                     int                         width,
                     int                         height,
                     const AttacheChartPalette  *palette,
                     const PangoFontDescription *font,
                     AttacheChartDrawFunc        draw,
                     gpointer                    data,
                     GError                    **error)
{
  g_autoptr(GByteArray) bytes = g_byte_array_new ();
  cairo_surface_t *surface;
  cairo_status_t status;
  gboolean svg;
  cairo_t *cr;

  g_assert (path != NULL);
  g_assert (palette != NULL);
  g_assert (draw != NULL);

  width = MAX (width, 1);
  height = MAX (height, 1);
  svg = g_str_has_suffix (path, ".svg") || g_str_has_suffix (path, ".SVG");
  if (svg)
    surface = cairo_svg_surface_create_for_stream (append_bytes_cb, bytes, width, height);
  else
    surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);

  cr = cairo_create (surface);
  gdk_cairo_set_source_rgba (cr, &palette->background);
  cairo_paint (cr);
  draw (data, cr, width, height, palette, font);
  status = cairo_status (cr);
  cairo_destroy (cr);

  if (status == CAIRO_STATUS_SUCCESS)
    {
      if (svg)
        cairo_surface_finish (surface);
      else
        status = cairo_surface_write_to_png_stream (surface, append_bytes_cb, bytes);
    }
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);

  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_autofree char *name = g_filename_display_name (path);

      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   _("Could not draw the chart for “%s”: %s"), name, cairo_status_to_string (status));
      return FALSE;
    }

  return g_file_set_contents (path, (const char *) bytes->data, bytes->len, error);
}

/* Saving from the window: where, then in a worker */

typedef struct
{
  GtkWidget            *widget;     /* for the alert; weak */
  char                 *path;
  char                 *format;
  int                   width;
  int                   height;
  AttacheChartPalette   palette;
  PangoFontDescription *font;
  AttacheChartDrawFunc  draw;
  gpointer              data;
  GDestroyNotify        data_free;
} SaveRequest;

static void
save_request_free (SaveRequest *request)
{
  g_clear_weak_pointer (&request->widget);
  g_free (request->path);
  g_free (request->format);
  g_clear_pointer (&request->font, pango_font_description_free);
  if (request->data_free != NULL)
    request->data_free (request->data);
  g_free (request);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SaveRequest, save_request_free)

static void
save_worker (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  SaveRequest *request = task_data;
  GError *error = NULL;

  if (_attache_chart_save (request->path, request->width, request->height, &request->palette,
                           request->font, request->draw, request->data, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
saved_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  SaveRequest *request = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  GtkRoot *root;

  if (g_task_propagate_boolean (G_TASK (result), &error))
    {
      g_debug ("Saved the chart as %s", request->path);
      return;
    }

  root = request->widget != NULL ? gtk_widget_get_root (request->widget) : NULL;
  attache_compat_alert_async (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                              _("Could not save the picture"), error->message, NULL,
                              _("_Close"), NULL, NULL, NULL);
}

static void
chosen_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(SaveRequest) request = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = attache_compat_save_file_finish (result, &error);
  g_autoptr(GTask) task = NULL;
  g_autofree char *path = NULL;

  if (file == NULL)
    return;   /* the person changed their mind */

  path = g_file_get_path (file);
  if (path == NULL)
    {
      GtkRoot *root = request->widget != NULL ? gtk_widget_get_root (request->widget) : NULL;

      attache_compat_alert_async (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                  _("Could not save the picture"),
                                  _("Choose a folder on this computer."), NULL, _("_Close"), NULL, NULL, NULL);
      return;
    }

  /* The name chosen says the format, when it says one. */
  if (g_str_has_suffix (path, ".svg") || g_str_has_suffix (path, ".SVG") ||
      g_str_has_suffix (path, ".png") || g_str_has_suffix (path, ".PNG"))
    request->path = g_steal_pointer (&path);
  else
    request->path = g_strconcat (path, ".", request->format, NULL);

  task = g_task_new (NULL, NULL, saved_cb, NULL);
  g_task_set_source_tag (task, _attache_chart_ask_and_save);
  g_task_set_task_data (task, g_steal_pointer (&request), (GDestroyNotify) save_request_free);
  g_task_run_in_thread (task, save_worker);
}

void
_attache_chart_ask_and_save (GtkWidget            *widget,
                             const char           *format,
                             const char           *base_name,
                             int                   width,
                             int                   height,
                             AttacheChartDrawFunc  draw,
                             gpointer              data,
                             GDestroyNotify        data_free)
{
  SaveRequest *request;
  GtkRoot *root;
  g_autofree char *name = NULL;

  g_assert (GTK_IS_WIDGET (widget));
  g_assert (g_strcmp0 (format, "png") == 0 || g_strcmp0 (format, "svg") == 0);

  request = g_new0 (SaveRequest, 1);
  g_set_weak_pointer (&request->widget, widget);
  request->format = g_strdup (format);
  request->width = width;
  request->height = height;
  _attache_chart_palette_init_for_widget (&request->palette, widget);
  request->font = pango_font_description_copy (pango_context_get_font_description (gtk_widget_get_pango_context (widget)));
  request->draw = draw;
  request->data = data;
  request->data_free = data_free;

  /* Slashes would make it a path. */
  name = g_strconcat (base_name, ".", format, NULL);
  g_strdelimit (name, "/\\", '-');

  root = gtk_widget_get_root (widget);
  attache_compat_save_file_async (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                  g_str_equal (format, "svg") ? _("Save as SVG") : _("Save as PNG"),
                                  name, NULL, chosen_cb, request);
}

GMenuModel *
_attache_chart_new_menu (void)
{
  GMenu *menu = g_menu_new ();

  g_menu_append (menu, _("Save as _PNG…"), "chart.save-as::png");
  g_menu_append (menu, _("Save as _SVG…"), "chart.save-as::svg");

  return G_MENU_MODEL (menu);
}

PangoLayout *
_attache_chart_layout (cairo_t                    *cr,
                       const PangoFontDescription *font,
                       double                      scale,
                       gboolean                    bold,
                       const char                 *text)
{
  PangoLayout *layout = pango_cairo_create_layout (cr);
  g_autoptr(PangoFontDescription) description = pango_font_description_copy (font);
  int size = pango_font_description_get_size (description);

  if (size <= 0)
    size = 10 * PANGO_SCALE;
  if (pango_font_description_get_size_is_absolute (description))
    pango_font_description_set_absolute_size (description, size * scale);
  else
    pango_font_description_set_size (description, (int) (size * scale));
  if (bold)
    pango_font_description_set_weight (description, PANGO_WEIGHT_BOLD);
  pango_layout_set_font_description (layout, description);
  pango_layout_set_text (layout, text, -1);

  return layout;
}

void
_attache_chart_show_layout (cairo_t       *cr,
                            PangoLayout   *layout,
                            double         x,
                            double         y,
                            const GdkRGBA *color,
                            const GdkRGBA *halo)
{
  cairo_save (cr);
  if (halo != NULL)
    {
      cairo_move_to (cr, x, y);
      pango_cairo_layout_path (cr, layout);
      _attache_chart_set_color (cr, halo, 0.85);
      cairo_set_line_width (cr, 3.5);
      cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
      cairo_stroke (cr);
    }
  cairo_move_to (cr, x, y);
  gdk_cairo_set_source_rgba (cr, color);
  pango_cairo_show_layout (cr, layout);
  cairo_restore (cr);
}

void
_attache_chart_set_color (cairo_t       *cr,
                          const GdkRGBA *color,
                          double         alpha)
{
  cairo_set_source_rgba (cr, color->red, color->green, color->blue, color->alpha * alpha);
}
