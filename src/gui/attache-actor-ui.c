/* attache-actor-ui.c: what the window's views of actors share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "attache-actor-ui"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <math.h>

#include "attache-actor-ui-private.h"
#include "attache-chart-private.h"

const char *
_attache_actor_type_icon_name (AttacheActorType type)
{
  switch (type)
    {
    case ATTACHE_ACTOR_PERSON:
      return "avatar-default-symbolic";
    case ATTACHE_ACTOR_ORGANIZATION:
      /* Adwaita has no building: an organisation is people together. */
      return "system-users-symbolic";
    case ATTACHE_ACTOR_COUNTRY:
      return "emoji-flags-symbolic";
    case ATTACHE_ACTOR_LOCATION:
    default:
      return "mark-location-symbolic";
    }
}

const char *
_attache_actor_type_name (AttacheActorType type)
{
  switch (type)
    {
    case ATTACHE_ACTOR_PERSON:
      return _("Person");
    case ATTACHE_ACTOR_ORGANIZATION:
      return _("Organisation");
    case ATTACHE_ACTOR_COUNTRY:
      return _("Country");
    case ATTACHE_ACTOR_LOCATION:
    default:
      return _("Place");
    }
}

void
_attache_actor_type_color (AttacheActorType  type,
                           gboolean          dark,
                           GdkRGBA          *color)
{
  AttacheChartPalette palette;

  g_assert (color != NULL);

  _attache_chart_palette_init (&palette, dark);
  *color = palette.types[CLAMP ((int) type, 0, ATTACHE_N_ACTOR_TYPES - 1)];
}

void
_attache_actor_type_highlight_colors (AttacheActorType  type,
                                      gboolean          dark,
                                      GdkRGBA          *background,
                                      GdkRGBA          *underline)
{
  GdkRGBA color;

  _attache_actor_type_color (type, dark, &color);

  /* Light: a pale tint under the dark text. Dark: the lighter shades, a
   * little stronger, under white text. Over Adwaita's view backgrounds the
   * text keeps a contrast of 10:1 or more in light, 8.7:1 or more in dark
   * (WCAG's formula; AAA asks for 7:1). */
  if (background != NULL)
    {
      *background = color;
      background->alpha = dark ? 0.30 : 0.20;
    }
  if (underline != NULL)
    *underline = color;
}

/* The swatch */

static void
draw_swatch (GtkDrawingArea *area,
             cairo_t        *cr,
             int             width,
             int             height,
             gpointer        user_data)
{
  AttacheActorType type = GPOINTER_TO_INT (user_data);
  gboolean dark = adw_style_manager_get_dark (adw_style_manager_get_default ());
  GdkRGBA background, underline;
  double radius = MIN (width, height) / 2.0;

  /* The legend shows what the text shows: the tint, ringed with the colour. */
  _attache_actor_type_highlight_colors (type, dark, &background, &underline);
  cairo_arc (cr, width / 2.0, height / 2.0, radius - 1.0, 0, 2 * G_PI);
  gdk_cairo_set_source_rgba (cr, &background);
  cairo_fill_preserve (cr);
  gdk_cairo_set_source_rgba (cr, &underline);
  cairo_set_line_width (cr, 2.0);
  cairo_stroke (cr);
}

static void
on_style_manager_dark_changed_cb (AdwStyleManager *style_manager,
                                  GParamSpec      *pspec,
                                  GtkWidget       *swatch)
{
  gtk_widget_queue_draw (swatch);
}

GtkWidget *
_attache_actor_type_swatch_new (AttacheActorType type)
{
  GtkWidget *swatch = gtk_drawing_area_new ();

  gtk_drawing_area_set_content_width (GTK_DRAWING_AREA (swatch), 12);
  gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (swatch), 12);
  gtk_widget_set_valign (swatch, GTK_ALIGN_CENTER);
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (swatch), draw_swatch,
                                  GINT_TO_POINTER (type), NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (swatch),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _attache_actor_type_name (type),
                                  -1);
  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (on_style_manager_dark_changed_cb), swatch, 0);
  gtk_widget_add_css_class (swatch, "actor-swatch");
  return swatch;
}

gboolean
_attache_activate_window_action (GtkWidget  *widget,
                                 const char *action_name,
                                 GVariant   *parameter)
{
  g_autoptr(GVariant) owned = NULL;
  GtkRoot *root;
  GtkWindow *parent;

  g_return_val_if_fail (GTK_IS_WIDGET (widget), FALSE);
  g_return_val_if_fail (action_name != NULL, FALSE);

  if (parameter != NULL)
    owned = g_variant_ref_sink (parameter);

  if (gtk_widget_activate_action_variant (widget, action_name, owned))
    return TRUE;

  /* A chart over the Actors window over the main window: up the chain. */
  root = gtk_widget_get_root (widget);
  for (parent = GTK_IS_WINDOW (root) ? gtk_window_get_transient_for (GTK_WINDOW (root)) : NULL;
       parent != NULL;
       parent = gtk_window_get_transient_for (parent))
    if (gtk_widget_activate_action_variant (GTK_WIDGET (parent), action_name, owned))
      return TRUE;

  g_debug ("No window has the action %s", action_name);
  return FALSE;
}

GtkWidget *
_attache_actor_show_all_row_new (guint n_actors)
{
  g_autofree char *text = NULL;
  GtkWidget *row, *label;

  /* Translators: at the end of a list of the people, organisations and places an article (or several) names */
  text = g_strdup_printf (ngettext ("Show All %u Actor", "Show All %u Actors", n_actors), n_actors);
  label = gtk_label_new (text);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_justify (GTK_LABEL (label), GTK_JUSTIFY_CENTER);
  gtk_widget_add_css_class (label, "show-all");

  row = gtk_list_box_row_new ();
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), label);
  return row;
}

GtkWidget *
_attache_actor_row_box_new (AttacheActorType   type,
                            const char        *name,
                            GtkWidget        **out_text_box)
{
  GtkWidget *box, *icon, *text_box, *label;

  box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  gtk_widget_add_css_class (box, "actor");

  icon = gtk_image_new_from_icon_name (_attache_actor_type_icon_name (type));
  gtk_widget_set_valign (icon, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (icon, _attache_actor_type_name (type));
  gtk_widget_add_css_class (icon, "actor-type");
  gtk_box_append (GTK_BOX (box), icon);

  text_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  gtk_widget_set_hexpand (text_box, TRUE);
  gtk_widget_set_valign (text_box, GTK_ALIGN_CENTER);
  label = gtk_label_new (name);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_widget_add_css_class (label, "actor-name");
  gtk_box_append (GTK_BOX (text_box), label);
  gtk_box_append (GTK_BOX (box), text_box);

  *out_text_box = text_box;
  return box;
}
