/* attache-search-bar.c: the search over the library: words and filters
 *
 * The bar holds an AttacheSearchQuery: the entry's words, and the filters
 * shown as chips under it. The window runs the query (see attache-window.c);
 * the bar says when it changed.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "attache-search-bar"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <inttypes.h>

#include "attache-actors.h"
#include "attache-filter-popover.h"
#include "attache-format.h"
#include "attache-search-bar.h"
#include "attache-toast-private.h"

struct _AttacheSearchBar
{
  GtkWidget           parent_instance;

  /* template children */
  GtkSearchBar       *search_bar;
  GtkSearchEntry     *entry;
  GtkMenuButton      *filter_button;
  GtkFlowBox         *chip_box;

  AttacheFilterPopover *filter_popover;
  AttacheLibrary     *library;           /* owned */
  AttacheSearchQuery *query;             /* owned, never NULL */
  char               *actor_name;        /* of query->actor_id, NULL until known */
  GCancellable       *actor_cancellable; /* the actor's name being read, or NULL */
};

G_DEFINE_FINAL_TYPE (AttacheSearchBar, attache_search_bar, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_LIBRARY,
  PROP_SEARCH_MODE_ENABLED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  QUERY_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* The kinds of filter, as the chips name them. */
typedef enum
{
  FILTER_DATES,
  FILTER_SOURCE,
  FILTER_ACTOR,
  FILTER_SUBJECT,
  FILTER_TOPIC,
} FilterKind;

static void look_up_actor_name (AttacheSearchBar *self);

static gboolean
is_set (const char *text)
{
  return text != NULL && text[0] != '\0';
}

/* g_set_str () of GLib 2.76. */
static void
replace_text (char       **text,
              const char  *value)
{
  char *copy = g_strdup (value);

  g_free (*text);
  *text = copy;
}

/* Chips */

static void
clear_filter (AttacheSearchQuery *query,
              FilterKind          kind)
{
  switch (kind)
    {
    case FILTER_DATES:
      g_clear_pointer (&query->from, g_free);
      g_clear_pointer (&query->to, g_free);
      break;
    case FILTER_SOURCE:
      g_clear_pointer (&query->source, g_free);
      break;
    case FILTER_ACTOR:
      query->actor_id = 0;
      break;
    case FILTER_SUBJECT:
      g_clear_pointer (&query->subject, g_free);
      break;
    case FILTER_TOPIC:
    default:
      g_clear_pointer (&query->topic, g_free);
      break;
    }
}

static void update_chips (AttacheSearchBar *self);

static void
on_chip_remove_clicked_cb (GtkButton        *button,
                           AttacheSearchBar *self)
{
  FilterKind kind = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (button), "attache-filter-kind"));

  clear_filter (self->query, kind);
  if (kind == FILTER_ACTOR)
    g_clear_pointer (&self->actor_name, g_free);

  update_chips (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->entry));
  g_signal_emit (self, signals[QUERY_CHANGED], 0);
}

/* The text of a date range: "5 Mar 2024 – 20 Apr 2024", "Since …", "Until …". */
static char *
format_dates (const AttacheSearchQuery *query)
{
  g_autofree char *from = attache_format_date_text (query->from);
  g_autofree char *to = attache_format_date_text (query->to);

  if (from != NULL && to != NULL)
    /* Translators: a date filter: the first and the last day, "5 Mar 2024 – 20 Apr 2024" */
    return g_strdup_printf (_("%s – %s"), from, to);
  if (from != NULL)
    /* Translators: a date filter with a first day only: "Since 5 Mar 2024" */
    return g_strdup_printf (_("Since %s"), from);
  /* Translators: a date filter with a last day only: "Until 20 Apr 2024" */
  return g_strdup_printf (_("Until %s"), to);
}

static void
add_chip (AttacheSearchBar *self,
          FilterKind        kind,
          const char       *kind_name,
          const char       *value)
{
  g_autofree char *tooltip = NULL;
  g_autofree char *remove_label = NULL;
  GtkWidget *box, *kind_label, *value_label, *remove, *child;

  box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_widget_add_css_class (box, "filter-chip");

  kind_label = gtk_label_new (kind_name);
  gtk_widget_add_css_class (kind_label, "filter-kind");
  gtk_widget_add_css_class (kind_label, "caption-heading");
  gtk_box_append (GTK_BOX (box), kind_label);

  value_label = gtk_label_new (value);
  gtk_label_set_ellipsize (GTK_LABEL (value_label), PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (GTK_LABEL (value_label), 24);
  gtk_widget_add_css_class (value_label, "filter-value");
  gtk_box_append (GTK_BOX (box), value_label);

  remove = gtk_button_new_from_icon_name ("window-close-symbolic");
  gtk_widget_add_css_class (remove, "flat");
  gtk_widget_add_css_class (remove, "circular");
  gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
  /* Translators: the button of a search filter that removes it; %s is what the filter keeps, "Source Valmora Herald" */
  tooltip = g_strdup_printf (_("%s %s"), kind_name, value);
  remove_label = g_strdup_printf (_("Remove the filter %s"), tooltip);
  gtk_widget_set_tooltip_text (remove, remove_label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_PROPERTY_LABEL, remove_label, -1);
  g_object_set_data (G_OBJECT (remove), "attache-filter-kind", GINT_TO_POINTER (kind));
  g_signal_connect (remove, "clicked", G_CALLBACK (on_chip_remove_clicked_cb), self);
  gtk_box_append (GTK_BOX (box), remove);

  gtk_widget_set_tooltip_text (value_label, tooltip);

  child = gtk_flow_box_child_new ();
  gtk_flow_box_child_set_child (GTK_FLOW_BOX_CHILD (child), box);
  gtk_widget_set_focusable (child, FALSE);
  gtk_widget_set_halign (child, GTK_ALIGN_START);
  g_object_set_data (G_OBJECT (child), "attache-filter-kind", GINT_TO_POINTER (kind));
  gtk_flow_box_append (self->chip_box, child);
}

static void
update_chips (AttacheSearchBar *self)
{
  const AttacheSearchQuery *query = self->query;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->chip_box))) != NULL)
    gtk_flow_box_remove (self->chip_box, child);

  if (is_set (query->from) || is_set (query->to))
    {
      g_autofree char *dates = format_dates (query);

      add_chip (self, FILTER_DATES, _("Dates"), dates);
    }
  if (is_set (query->source))
    add_chip (self, FILTER_SOURCE, _("Source"), query->source);
  if (query->actor_id > 0)
    {
      g_autofree char *unknown = NULL;

      if (self->actor_name == NULL)
        /* Translators: an actor whose name is still being read, by its number */
        unknown = g_strdup_printf (_("No. %" PRId64), (int64_t) query->actor_id);
      add_chip (self, FILTER_ACTOR, _("Actor"), self->actor_name != NULL ? self->actor_name : unknown);
    }
  if (is_set (query->subject))
    {
      g_autofree char *subject = attache_format_subject (query->subject);

      add_chip (self, FILTER_SUBJECT, _("Subject"), subject);
    }
  if (is_set (query->topic))
    add_chip (self, FILTER_TOPIC, _("Topic"), query->topic);

  gtk_widget_set_visible (GTK_WIDGET (self->chip_box),
                          gtk_widget_get_first_child (GTK_WIDGET (self->chip_box)) != NULL);
}

/* The actor's name */

static void
get_actor_worker (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  gint64 *id = task_data;
  GError *error = NULL;
  AttacheActorInfo *actor = attache_library_get_actor (source_object, *id, &error);

  if (actor == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, actor, (GDestroyNotify) attache_actor_info_free);
}

static void
get_actor_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(AttacheSearchBar) self = user_data;
  g_autoptr(AttacheActorInfo) actor = NULL;
  g_autoptr(GError) error = NULL;

  actor = g_task_propagate_pointer (G_TASK (result), &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  g_clear_object (&self->actor_cancellable);

  if (actor == NULL && g_error_matches (error, ATTACHE_DATABASE_ERROR, ATTACHE_DATABASE_ERROR_NOT_FOUND))
    {
      /* Translators: the actor of a search filter, when it is no longer in the library */
      self->actor_name = g_strdup (_("Unknown actor"));
    }
  else if (actor == NULL)
    {
      /* The library could not say: the chip keeps the actor's number, and
       * a toast says why. */
      self->actor_name = g_strdup_printf ("#%" G_GINT64_FORMAT, self->query->actor_id);
      _attache_add_toast (GTK_WIDGET (self),
                          _attache_error_toast_new (_("Could not read the actor of the search"), error));
    }
  else if (actor->id == self->query->actor_id)
    {
      self->actor_name = g_strdup (actor->name);
    }

  update_chips (self);
}

static void
look_up_actor_name (AttacheSearchBar *self)
{
  g_autoptr(GTask) task = NULL;

  if (self->actor_cancellable != NULL)
    g_cancellable_cancel (self->actor_cancellable);
  g_clear_object (&self->actor_cancellable);

  if (self->query->actor_id <= 0 || self->actor_name != NULL || self->library == NULL)
    return;

  self->actor_cancellable = g_cancellable_new ();
  task = g_task_new (self->library, self->actor_cancellable, get_actor_cb, g_object_ref (self));
  g_task_set_source_tag (task, look_up_actor_name);
  g_task_set_task_data (task, g_memdup2 (&self->query->actor_id, sizeof (gint64)), g_free);
  g_task_run_in_thread (task, get_actor_worker);
}

/* Changing the query */

static void
set_filters (AttacheSearchBar         *self,
             const AttacheSearchQuery *filter,
             const char               *actor_name)
{
  AttacheSearchQuery *query = self->query;

  if (is_set (filter->from) || is_set (filter->to))
    {
      g_free (query->from);
      g_free (query->to);
      query->from = is_set (filter->from) ? g_strdup (filter->from) : NULL;
      query->to = is_set (filter->to) ? g_strdup (filter->to) : NULL;
    }
  if (is_set (filter->source))
    replace_text (&query->source, filter->source);
  if (filter->actor_id > 0)
    {
      if (filter->actor_id != query->actor_id || actor_name != NULL)
        {
          g_clear_pointer (&self->actor_name, g_free);
          self->actor_name = g_strdup (actor_name);
        }
      query->actor_id = filter->actor_id;
    }
  if (is_set (filter->subject))
    replace_text (&query->subject, filter->subject);
  if (is_set (filter->topic))
    replace_text (&query->topic, filter->topic);

  update_chips (self);
  look_up_actor_name (self);
}

static void
on_entry_search_changed_cb (GtkSearchEntry   *entry,
                            AttacheSearchBar *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (entry));

  /* Set by attache_search_bar_set_query (), which told already. */
  if (g_strcmp0 (text, self->query->text != NULL ? self->query->text : "") == 0)
    return;

  replace_text (&self->query->text, text);
  g_signal_emit (self, signals[QUERY_CHANGED], 0);
}

static void
on_filter_popover_filter_chosen_cb (AttacheFilterPopover     *popover,
                                    const AttacheSearchQuery *filter,
                                    const char               *name,
                                    AttacheSearchBar         *self)
{
  replace_text (&self->query->text, gtk_editable_get_text (GTK_EDITABLE (self->entry)));
  set_filters (self, filter, name);
  g_signal_emit (self, signals[QUERY_CHANGED], 0);
}

static void
forget_query (AttacheSearchBar *self)
{
  attache_search_query_free (self->query);
  self->query = attache_search_query_new (NULL);
  g_clear_pointer (&self->actor_name, g_free);
  if (self->actor_cancellable != NULL)
    g_cancellable_cancel (self->actor_cancellable);
  g_clear_object (&self->actor_cancellable);
  gtk_editable_set_text (GTK_EDITABLE (self->entry), "");
  update_chips (self);
}

static void
on_search_bar_notify_search_mode_enabled_cb (GtkSearchBar     *search_bar,
                                             GParamSpec       *pspec,
                                             AttacheSearchBar *self)
{
  if (!gtk_search_bar_get_search_mode (search_bar))
    forget_query (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SEARCH_MODE_ENABLED]);
}

/* GObject */

static void
attache_search_bar_dispose (GObject *object)
{
  AttacheSearchBar *self = ATTACHE_SEARCH_BAR (object);

  if (self->actor_cancellable != NULL)
    g_cancellable_cancel (self->actor_cancellable);
  g_clear_object (&self->actor_cancellable);
  if (self->search_bar != NULL)
    g_signal_handlers_disconnect_by_data (self->search_bar, self);

  gtk_widget_dispose_template (GTK_WIDGET (self), ATTACHE_TYPE_SEARCH_BAR);
  g_clear_object (&self->library);

  G_OBJECT_CLASS (attache_search_bar_parent_class)->dispose (object);
}

static void
attache_search_bar_finalize (GObject *object)
{
  AttacheSearchBar *self = ATTACHE_SEARCH_BAR (object);

  g_clear_pointer (&self->query, attache_search_query_free);
  g_clear_pointer (&self->actor_name, g_free);

  G_OBJECT_CLASS (attache_search_bar_parent_class)->finalize (object);
}

static void
attache_search_bar_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  AttacheSearchBar *self = ATTACHE_SEARCH_BAR (object);

  switch (prop_id)
    {
    case PROP_LIBRARY:
      g_value_set_object (value, self->library);
      break;

    case PROP_SEARCH_MODE_ENABLED:
      g_value_set_boolean (value, attache_search_bar_get_search_mode (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
attache_search_bar_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  AttacheSearchBar *self = ATTACHE_SEARCH_BAR (object);

  switch (prop_id)
    {
    case PROP_LIBRARY:
      attache_search_bar_set_library (self, g_value_get_object (value));
      break;

    case PROP_SEARCH_MODE_ENABLED:
      attache_search_bar_set_search_mode (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
attache_search_bar_class_init (AttacheSearchBarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = attache_search_bar_dispose;
  object_class->finalize = attache_search_bar_finalize;
  object_class->get_property = attache_search_bar_get_property;
  object_class->set_property = attache_search_bar_set_property;

  properties[PROP_LIBRARY] =
    g_param_spec_object ("library", NULL, NULL,
                         ATTACHE_TYPE_LIBRARY,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_SEARCH_MODE_ENABLED] =
    g_param_spec_boolean ("search-mode-enabled", NULL, NULL, FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[QUERY_CHANGED] =
    g_signal_new ("query-changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/attache/Attache/attache-search-bar.ui");
  gtk_widget_class_bind_template_child (widget_class, AttacheSearchBar, search_bar);
  gtk_widget_class_bind_template_child (widget_class, AttacheSearchBar, entry);
  gtk_widget_class_bind_template_child (widget_class, AttacheSearchBar, filter_button);
  gtk_widget_class_bind_template_child (widget_class, AttacheSearchBar, chip_box);
  gtk_widget_class_bind_template_child_full (widget_class, "save_button", FALSE, 0);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "attachesearchbar");
}

static void
attache_search_bar_init (AttacheSearchBar *self)
{
  self->query = attache_search_query_new (NULL);

  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_search_bar_connect_entry (self->search_bar, GTK_EDITABLE (self->entry));
  gtk_search_entry_set_search_delay (self->entry, 150);
  g_signal_connect (self->entry, "search-changed", G_CALLBACK (on_entry_search_changed_cb), self);
  g_signal_connect (self->search_bar, "notify::search-mode-enabled",
                    G_CALLBACK (on_search_bar_notify_search_mode_enabled_cb), self);

  self->filter_popover = ATTACHE_FILTER_POPOVER (attache_filter_popover_new ());
  g_signal_connect (self->filter_popover, "filter-chosen",
                    G_CALLBACK (on_filter_popover_filter_chosen_cb), self);
  gtk_menu_button_set_popover (self->filter_button, GTK_WIDGET (self->filter_popover));
}

GtkWidget *
attache_search_bar_new (void)
{
  return g_object_new (ATTACHE_TYPE_SEARCH_BAR, NULL);
}

AttacheLibrary *
attache_search_bar_get_library (AttacheSearchBar *self)
{
  g_return_val_if_fail (ATTACHE_IS_SEARCH_BAR (self), NULL);

  return self->library;
}

void
attache_search_bar_set_library (AttacheSearchBar *self,
                                AttacheLibrary   *library)
{
  g_return_if_fail (ATTACHE_IS_SEARCH_BAR (self));
  g_return_if_fail (library == NULL || ATTACHE_IS_LIBRARY (library));

  if (!g_set_object (&self->library, library))
    return;

  attache_filter_popover_set_library (self->filter_popover, library);
  look_up_actor_name (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LIBRARY]);
}

gboolean
attache_search_bar_get_search_mode (AttacheSearchBar *self)
{
  g_return_val_if_fail (ATTACHE_IS_SEARCH_BAR (self), FALSE);

  return gtk_search_bar_get_search_mode (self->search_bar);
}

void
attache_search_bar_set_search_mode (AttacheSearchBar *self,
                                    gboolean          search_mode)
{
  g_return_if_fail (ATTACHE_IS_SEARCH_BAR (self));

  gtk_search_bar_set_search_mode (self->search_bar, search_mode);
}

const AttacheSearchQuery *
attache_search_bar_get_query (AttacheSearchBar *self)
{
  g_return_val_if_fail (ATTACHE_IS_SEARCH_BAR (self), NULL);

  return self->query;
}

void
attache_search_bar_set_query (AttacheSearchBar         *self,
                              const AttacheSearchQuery *query)
{
  gint64 old_actor_id;

  g_return_if_fail (ATTACHE_IS_SEARCH_BAR (self));
  g_return_if_fail (query != NULL);

  gtk_search_bar_set_search_mode (self->search_bar, TRUE);

  old_actor_id = self->query->actor_id;
  attache_search_query_free (self->query);
  self->query = attache_search_query_copy (query);
  if (self->query->text == NULL)
    self->query->text = g_strdup ("");
  if (self->query->actor_id != old_actor_id)
    g_clear_pointer (&self->actor_name, g_free);

  /* Its search-changed finds the words known, and says nothing. */
  gtk_editable_set_text (GTK_EDITABLE (self->entry), self->query->text);
  update_chips (self);
  look_up_actor_name (self);
  g_signal_emit (self, signals[QUERY_CHANGED], 0);
}

void
attache_search_bar_set_filter (AttacheSearchBar         *self,
                               const AttacheSearchQuery *filter,
                               const char               *actor_name)
{
  g_return_if_fail (ATTACHE_IS_SEARCH_BAR (self));
  g_return_if_fail (filter != NULL);

  gtk_search_bar_set_search_mode (self->search_bar, TRUE);
  /* Words typed a moment ago count already. */
  replace_text (&self->query->text, gtk_editable_get_text (GTK_EDITABLE (self->entry)));
  set_filters (self, filter, actor_name);
  g_signal_emit (self, signals[QUERY_CHANGED], 0);
}

void
attache_search_bar_focus_entry (AttacheSearchBar *self)
{
  g_return_if_fail (ATTACHE_IS_SEARCH_BAR (self));

  gtk_search_bar_set_search_mode (self->search_bar, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->entry));
}
