/* attache-preferences-page.c: what the person can set: how often the feeds are refreshed, the briefings' paper
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "attache-preferences-page"

#include "config.h"

#include <glib/gi18n.h>

#include "attache-preferences-page.h"

struct _AttachePreferencesPage
{
  AdwPreferencesPage  parent_instance;

  /* template children */
  AdwComboRow        *refresh_row;
  AdwComboRow        *paper_row;

  GSettings          *settings;   /* owned; NULL without the schema */
  gboolean            updating;   /* the row follows the setting */
};

G_DEFINE_FINAL_TYPE (AttachePreferencesPage, attache_preferences_page, ADW_TYPE_PREFERENCES_PAGE)

enum {
  PROP_0,
  PROP_SETTINGS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The choices of refresh_row, in minutes, in the order of the .ui file. */
static const guint refresh_intervals[] = { 0, 15, 30, 60, 180, 360, 1440 };

static void
show_refresh_interval (AttachePreferencesPage *self)
{
  guint minutes = g_settings_get_uint (self->settings, "feed-refresh-interval");
  guint best = 0;

  /* A value set elsewhere shows as the nearest choice, and stays as it is. */
  if (minutes > 0)
    {
      best = 1;
      for (guint i = 2; i < G_N_ELEMENTS (refresh_intervals); i++)
        if (ABS ((gint64) refresh_intervals[i] - minutes) < ABS ((gint64) refresh_intervals[best] - minutes))
          best = i;
    }

  self->updating = TRUE;
  adw_combo_row_set_selected (self->refresh_row, best);
  self->updating = FALSE;
}

/* The choices of paper_row, in the order of the .ui file. */
static const char * const papers[] = { "a4", "letter" };

static void
show_paper (AttachePreferencesPage *self)
{
  g_autofree char *paper = g_settings_get_string (self->settings, "briefing-paper");

  self->updating = TRUE;
  adw_combo_row_set_selected (self->paper_row, g_strcmp0 (paper, "letter") == 0 ? 1 : 0);
  self->updating = FALSE;
}

static void
on_settings_changed_cb (GSettings              *settings,
                        const char             *key,
                        AttachePreferencesPage *self)
{
  show_refresh_interval (self);
}

static void
on_settings_paper_changed_cb (GSettings              *settings,
                              const char             *key,
                              AttachePreferencesPage *self)
{
  show_paper (self);
}

static void
on_paper_row_notify_selected_cb (AdwComboRow            *row,
                                 GParamSpec             *pspec,
                                 AttachePreferencesPage *self)
{
  guint selected = adw_combo_row_get_selected (row);

  if (self->updating || self->settings == NULL || selected >= G_N_ELEMENTS (papers))
    return;

  g_settings_set_string (self->settings, "briefing-paper", papers[selected]);
}

static void
on_refresh_row_notify_selected_cb (AdwComboRow            *row,
                                   GParamSpec             *pspec,
                                   AttachePreferencesPage *self)
{
  guint selected = adw_combo_row_get_selected (row);

  if (self->updating || self->settings == NULL || selected >= G_N_ELEMENTS (refresh_intervals))
    return;

  g_settings_set_uint (self->settings, "feed-refresh-interval", refresh_intervals[selected]);
}

static void
attache_preferences_page_constructed (GObject *object)
{
  AttachePreferencesPage *self = ATTACHE_PREFERENCES_PAGE (object);

  G_OBJECT_CLASS (attache_preferences_page_parent_class)->constructed (object);

  if (self->settings == NULL)
    {
      gtk_widget_set_sensitive (GTK_WIDGET (self->refresh_row), FALSE);
      gtk_widget_set_sensitive (GTK_WIDGET (self->paper_row), FALSE);
      return;
    }

  show_refresh_interval (self);
  show_paper (self);
  g_signal_connect_object (self->settings, "changed::feed-refresh-interval",
                           G_CALLBACK (on_settings_changed_cb), self, 0);
  g_signal_connect_object (self->settings, "changed::briefing-paper",
                           G_CALLBACK (on_settings_paper_changed_cb), self, 0);
}

static void
attache_preferences_page_dispose (GObject *object)
{
  AttachePreferencesPage *self = ATTACHE_PREFERENCES_PAGE (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), ATTACHE_TYPE_PREFERENCES_PAGE);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (attache_preferences_page_parent_class)->dispose (object);
}

static void
attache_preferences_page_set_property (GObject      *object,
                                       guint         prop_id,
                                       const GValue *value,
                                       GParamSpec   *pspec)
{
  AttachePreferencesPage *self = ATTACHE_PREFERENCES_PAGE (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      self->settings = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
attache_preferences_page_class_init (AttachePreferencesPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = attache_preferences_page_constructed;
  object_class->dispose = attache_preferences_page_dispose;
  object_class->set_property = attache_preferences_page_set_property;

  properties[PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL,
                         G_TYPE_SETTINGS,
                         (G_PARAM_WRITABLE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/attache/Attache/attache-preferences-page.ui");
  gtk_widget_class_bind_template_child (widget_class, AttachePreferencesPage, refresh_row);
  gtk_widget_class_bind_template_child (widget_class, AttachePreferencesPage, paper_row);
  gtk_widget_class_bind_template_callback (widget_class, on_refresh_row_notify_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_paper_row_notify_selected_cb);
}

static void
attache_preferences_page_init (AttachePreferencesPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
attache_preferences_page_new (GSettings *settings)
{
  g_return_val_if_fail (settings == NULL || G_IS_SETTINGS (settings), NULL);

  return g_object_new (ATTACHE_TYPE_PREFERENCES_PAGE, "settings", settings, NULL);
}
