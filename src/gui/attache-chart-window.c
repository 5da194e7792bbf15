/* attache-chart-window.c: a picture of the library in a window of its own
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "attache-chart-window"

#include "config.h"

#include <glib/gi18n.h>

#include "attache-actor-network.h"
#include "attache-actor-ui-private.h"
#include "attache-chart-window.h"
#include "attache-database.h"
#include "attache-network-view.h"
#include "attache-timeline.h"
#include "attache-timeline-view.h"

/* The library's analyses change in bursts: read the chart again at most this often. */
#define RELOAD_DELAY_MS 250

typedef enum
{
  CHART_NETWORK,
  CHART_ACTOR_TIMELINE,
  CHART_TOPIC_TIMELINE,
} ChartKind;

struct _AttacheChartWindow
{
  AdwWindow       parent_instance;

  /* template children */
  AdwWindowTitle *window_title;
  GtkDropDown    *bucket_dropdown;
  GtkStack       *stack;
  AdwBin         *chart_bin;
  AdwStatusPage  *empty_page;
  AdwStatusPage  *error_page;

  ChartKind       kind;
  AttacheLibrary *library;       /* owned */
  GArray         *article_ids;   /* owned, gint64; NULL for the whole library */
  gint64          actor_id;      /* CHART_ACTOR_TIMELINE */
  char           *topic;         /* CHART_TOPIC_TIMELINE */
  GtkWidget      *view;          /* in chart_bin */
  GCancellable   *cancellable;   /* the load under way, or NULL */
  guint           reload_id;
  gboolean        shown;         /* a chart was shown once */
};

G_DEFINE_FINAL_TYPE (AttacheChartWindow, attache_chart_window, ADW_TYPE_WINDOW)

static void load (AttacheChartWindow *self);

/* What the window shows */

static void
update_save_enabled (AttacheChartWindow *self)
{
  gboolean enabled = FALSE;

  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "chart") != 0)
    enabled = FALSE;
  else if (ATTACHE_IS_NETWORK_VIEW (self->view))
    enabled = attache_network_view_get_ready (ATTACHE_NETWORK_VIEW (self->view));
  else
    enabled = attache_timeline_view_get_timeline (ATTACHE_TIMELINE_VIEW (self->view)) != NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "chart-window.save-as", enabled);
}

static void
show_page (AttacheChartWindow *self,
           const char         *name)
{
  gtk_stack_set_visible_child_name (self->stack, name);
  update_save_enabled (self);
}

static void
show_error (AttacheChartWindow *self,
            const GError       *error)
{
  if (g_error_matches (error, ATTACHE_DATABASE_ERROR, ATTACHE_DATABASE_ERROR_NOT_FOUND))
    {
      adw_status_page_set_title (self->error_page, _("Actor Not Found"));
      adw_status_page_set_description (self->error_page,
                                       _("The actor is no longer in the library: it was merged into another, or a correction was undone."));
    }
  else
    {
      adw_status_page_set_title (self->error_page, _("Could Not Read the Library"));
      adw_status_page_set_description (self->error_page, error->message);
    }
  show_page (self, "error");
}

static void
network_loaded_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(AttacheChartWindow) self = user_data;
  g_autoptr(AttacheActorNetwork) network = NULL;
  g_autoptr(GError) error = NULL;

  network = attache_actor_network_load_finish (result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_clear_object (&self->cancellable);

  if (network == NULL)
    {
      show_error (self, error);
      return;
    }

  if (network->nodes->len == 0)
    {
      adw_status_page_set_title (self->empty_page, _("No Actors"));
      adw_status_page_set_description (self->empty_page,
                                       _("These articles name no people, organisations or places, or they are not analysed yet."));
      show_page (self, "empty");
      return;
    }

  attache_network_view_set_network (ATTACHE_NETWORK_VIEW (self->view), network);
  self->shown = TRUE;
  show_page (self, "chart");
}

static void
timeline_loaded_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(AttacheChartWindow) self = user_data;
  g_autoptr(AttacheTimeline) timeline = NULL;
  g_autoptr(GError) error = NULL;

  timeline = attache_timeline_load_finish (result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_clear_object (&self->cancellable);

  if (timeline == NULL)
    {
      show_error (self, error);
      return;
    }

  /* The actor's name may have changed (renamed, merged). */
  if (self->kind == CHART_ACTOR_TIMELINE && timeline->label != NULL)
    adw_window_title_set_subtitle (self->window_title, timeline->label);

  if (timeline->bins->len == 0)
    {
      adw_status_page_set_title (self->empty_page, _("Nothing to Show"));
      adw_status_page_set_description (self->empty_page,
                                       self->kind == CHART_ACTOR_TIMELINE
                                       ? _("No analysed article names this actor.")
                                       : _("No analysed article has this topic."));
      show_page (self, "empty");
      return;
    }

  attache_timeline_view_set_timeline (ATTACHE_TIMELINE_VIEW (self->view), timeline);
  self->shown = TRUE;
  show_page (self, "chart");
}

static AttacheTimelineBucket
get_bucket (AttacheChartWindow *self)
{
  switch (gtk_drop_down_get_selected (self->bucket_dropdown))
    {
    case 1:
      return ATTACHE_TIMELINE_DAY;
    case 2:
      return ATTACHE_TIMELINE_WEEK;
    case 3:
      return ATTACHE_TIMELINE_MONTH;
    default:
      return ATTACHE_TIMELINE_AUTO;
    }
}

/* Reads the chart's data in a worker; what is shown stays meanwhile. */
static void
load (AttacheChartWindow *self)
{
  g_clear_handle_id (&self->reload_id, g_source_remove);
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  if (!self->shown)
    show_page (self, "loading");

  switch (self->kind)
    {
    case CHART_NETWORK:
      attache_actor_network_load_async (self->library, self->article_ids, 0, self->cancellable,
                                        network_loaded_cb, g_object_ref (self));
      break;

    case CHART_ACTOR_TIMELINE:
      attache_timeline_load_for_actor_async (self->library, self->actor_id, self->article_ids,
                                             get_bucket (self), self->cancellable,
                                             timeline_loaded_cb, g_object_ref (self));
      break;

    case CHART_TOPIC_TIMELINE:
      attache_timeline_load_for_topic_async (self->library, self->topic, self->article_ids,
                                             get_bucket (self), self->cancellable,
                                             timeline_loaded_cb, g_object_ref (self));
      break;

    default:
      g_assert_not_reached ();
    }
}

static gboolean
reload_cb (gpointer user_data)
{
  AttacheChartWindow *self = user_data;

  self->reload_id = 0;
  load (self);
  return G_SOURCE_REMOVE;
}

static void
on_library_changed_cb (AttacheLibrary     *library,
                       AttacheChartWindow *self)
{
  if (self->reload_id == 0)
    self->reload_id = g_timeout_add (RELOAD_DELAY_MS, reload_cb, self);
}

static void
on_bucket_dropdown_notify_selected_cb (GtkDropDown        *dropdown,
                                       GParamSpec         *pspec,
                                       AttacheChartWindow *self)
{
  if (self->library != NULL && self->kind != CHART_NETWORK)
    load (self);
}

static void
on_network_view_actor_activated_cb (AttacheNetworkView *view,
                                    gint64              actor_id,
                                    AttacheChartWindow *self)
{
  _attache_activate_window_action (GTK_WIDGET (view), "win.search-actor",
                                   g_variant_new_int64 (actor_id));
}

static void
on_network_view_notify_ready_cb (AttacheNetworkView *view,
                                 GParamSpec         *pspec,
                                 AttacheChartWindow *self)
{
  update_save_enabled (self);
}

static void
save_as_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  AttacheChartWindow *self = ATTACHE_CHART_WINDOW (widget);

  gtk_widget_activate_action_variant (self->view, "chart.save-as", parameter);
}

/* GObject */

static void
attache_chart_window_dispose (GObject *object)
{
  AttacheChartWindow *self = ATTACHE_CHART_WINDOW (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_handle_id (&self->reload_id, g_source_remove);
  if (self->library != NULL)
    g_signal_handlers_disconnect_by_data (self->library, self);

  gtk_widget_dispose_template (GTK_WIDGET (self), ATTACHE_TYPE_CHART_WINDOW);
  self->view = NULL;
  g_clear_object (&self->library);

  G_OBJECT_CLASS (attache_chart_window_parent_class)->dispose (object);
}

static void
attache_chart_window_finalize (GObject *object)
{
  AttacheChartWindow *self = ATTACHE_CHART_WINDOW (object);

  g_clear_pointer (&self->article_ids, g_array_unref);
  g_clear_pointer (&self->topic, g_free);

  G_OBJECT_CLASS (attache_chart_window_parent_class)->finalize (object);
}

static void
attache_chart_window_class_init (AttacheChartWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = attache_chart_window_dispose;
  object_class->finalize = attache_chart_window_finalize;

  g_type_ensure (ATTACHE_TYPE_NETWORK_VIEW);
  g_type_ensure (ATTACHE_TYPE_TIMELINE_VIEW);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/attache/Attache/attache-chart-window.ui");
  gtk_widget_class_bind_template_child (widget_class, AttacheChartWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, AttacheChartWindow, bucket_dropdown);
  gtk_widget_class_bind_template_child (widget_class, AttacheChartWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, AttacheChartWindow, chart_bin);
  gtk_widget_class_bind_template_child (widget_class, AttacheChartWindow, empty_page);
  gtk_widget_class_bind_template_child (widget_class, AttacheChartWindow, error_page);
  gtk_widget_class_bind_template_callback (widget_class, on_bucket_dropdown_notify_selected_cb);

  gtk_widget_class_install_action (widget_class, "chart-window.save-as", "s", save_as_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK, "window.close", NULL);
}

static void
attache_chart_window_init (AttacheChartWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "chart-window.save-as", FALSE);
}

static AttacheChartWindow *
chart_window_new (GtkWindow      *parent,
                  AttacheLibrary *library,
                  ChartKind       kind,
                  GArray         *article_ids)
{
  AttacheChartWindow *self;

  self = g_object_new (ATTACHE_TYPE_CHART_WINDOW,
                       "transient-for", parent,
                       "destroy-with-parent", TRUE,
                       NULL);
  if (parent != NULL && gtk_window_get_application (parent) != NULL)
    gtk_window_set_application (GTK_WINDOW (self), gtk_window_get_application (parent));

  self->kind = kind;
  self->library = g_object_ref (library);
  if (article_ids != NULL)
    {
      self->article_ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), article_ids->len);
      g_array_append_vals (self->article_ids, article_ids->data, article_ids->len);
    }

  if (kind == CHART_NETWORK)
    {
      self->view = attache_network_view_new ();
      g_signal_connect (self->view, "actor-activated",
                        G_CALLBACK (on_network_view_actor_activated_cb), self);
      g_signal_connect (self->view, "notify::ready",
                        G_CALLBACK (on_network_view_notify_ready_cb), self);
      gtk_widget_set_visible (GTK_WIDGET (self->bucket_dropdown), FALSE);
      gtk_window_set_default_size (GTK_WINDOW (self), 860, 640);
    }
  else
    {
      self->view = attache_timeline_view_new ();
      gtk_window_set_default_size (GTK_WINDOW (self), 860, 480);
    }
  adw_bin_set_child (self->chart_bin, self->view);

  g_signal_connect (library, "actors-changed", G_CALLBACK (on_library_changed_cb), self);
  g_signal_connect (library, "analyses-changed", G_CALLBACK (on_library_changed_cb), self);

  return self;
}

GtkWidget *
attache_chart_window_new_network (GtkWindow      *parent,
                                  AttacheLibrary *library,
                                  GArray         *article_ids,
                                  const char     *subtitle)
{
  AttacheChartWindow *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (ATTACHE_IS_LIBRARY (library), NULL);

  self = chart_window_new (parent, library, CHART_NETWORK, article_ids);
  gtk_window_set_title (GTK_WINDOW (self), _("Actor Network"));
  adw_window_title_set_title (self->window_title, _("Actor Network"));
  adw_window_title_set_subtitle (self->window_title, subtitle != NULL ? subtitle : "");
  load (self);

  return GTK_WIDGET (self);
}

GtkWidget *
attache_chart_window_new_actor_timeline (GtkWindow      *parent,
                                         AttacheLibrary *library,
                                         gint64          actor_id,
                                         const char     *name)
{
  AttacheChartWindow *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (ATTACHE_IS_LIBRARY (library), NULL);
  g_return_val_if_fail (actor_id > 0, NULL);

  self = chart_window_new (parent, library, CHART_ACTOR_TIMELINE, NULL);
  self->actor_id = actor_id;
  gtk_window_set_title (GTK_WINDOW (self), _("Mentions over Time"));
  adw_window_title_set_title (self->window_title, _("Mentions over Time"));
  adw_window_title_set_subtitle (self->window_title, name != NULL ? name : "");
  load (self);

  return GTK_WIDGET (self);
}

GtkWidget *
attache_chart_window_new_topic_timeline (GtkWindow      *parent,
                                         AttacheLibrary *library,
                                         const char     *topic)
{
  AttacheChartWindow *self;
  g_autofree char *subtitle = NULL;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (ATTACHE_IS_LIBRARY (library), NULL);
  g_return_val_if_fail (topic != NULL, NULL);

  self = chart_window_new (parent, library, CHART_TOPIC_TIMELINE, NULL);
  self->topic = g_strdup (topic);
  gtk_window_set_title (GTK_WINDOW (self), _("Mentions over Time"));
  adw_window_title_set_title (self->window_title, _("Mentions over Time"));
  /* Translators: under "Mentions over Time": the articles counted are those with this topic */
  subtitle = g_strdup_printf (_("Articles about “%s”"), topic);
  adw_window_title_set_subtitle (self->window_title, subtitle);
  load (self);

  return GTK_WIDGET (self);
}

GtkWidget *
attache_chart_window_get_view (AttacheChartWindow *self)
{
  g_return_val_if_fail (ATTACHE_IS_CHART_WINDOW (self), NULL);

  return self->view;
}

gboolean
attache_chart_window_get_loading (AttacheChartWindow *self)
{
  g_return_val_if_fail (ATTACHE_IS_CHART_WINDOW (self), FALSE);

  return self->cancellable != NULL;
}
