/* attache-filter-popover.c: Add Filter: a date range, a source, an actor, a subject or a topic
 *
 * A stack of pages in one popover: the kinds of filter, then one page per
 * kind with its choices. The sources and topics are the library's (its
 * search facets), read once when the popover opens and again after the
 * library changed; the actors are looked up as the person types. All of it
 * off the main thread.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "attache-filter-popover"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "attache-actors.h"
#include "attache-database.h"
#include "attache-filter-popover.h"
#include "attache-actor-ui-private.h"
#include "attache-format.h"
#include "attache-search-facets.h"
#include "attache-subject.h"
#include "attache-toast-private.h"

/* How many actors a look-up lists; the filter box narrows them. */
#define MAX_ACTORS_LISTED 50

/* How many sources and topics are offered, the most common: a large
 * library has thousands of topics. One not listed can still be typed. */
#define MAX_FACETS_LISTED 300

struct _AttacheFilterPopover
{
  GtkPopover           parent_instance;

  GtkStack            *stack;
  GtkEntry            *from_entry;
  GtkEntry            *to_entry;
  GtkLabel            *date_error_label;
  GtkSearchEntry      *source_entry;
  GtkListBox          *source_list;
  GtkSearchEntry      *actor_entry;
  GtkListBox          *actor_list;
  GtkLabel            *actor_status_label;
  GtkListBox          *subject_list;
  GtkSearchEntry      *topic_entry;
  GtkListBox          *topic_list;

  AttacheLibrary      *library;             /* owned */
  gulong               articles_changed_id;
  gulong               analyses_changed_id;
  GCancellable        *facets_cancellable;  /* the facets being read, or NULL */
  GCancellable        *actors_cancellable;  /* the actors being looked up, or NULL */
  gboolean             facets_loaded;       /* and the library has not changed since */
  gboolean             facets_stale;        /* the library changed while they were read */
  char                *actors_text;         /* what the actors were last looked up by */
  gboolean             actors_listed;       /* and they are listed */
  gboolean             choose_first_actor;  /* Enter came before the actors for the text typed */
};

G_DEFINE_FINAL_TYPE (AttacheFilterPopover, attache_filter_popover, GTK_TYPE_POPOVER)

enum {
  FILTER_CHOSEN,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Choosing */

static void
choose (AttacheFilterPopover     *self,
        const AttacheSearchQuery *filter,
        const char               *name)
{
  g_signal_emit (self, signals[FILTER_CHOSEN], 0, filter, name);
  gtk_popover_popdown (GTK_POPOVER (self));
}

static void
choose_text (AttacheFilterPopover *self,
             const char           *kind,
             const char           *value)
{
  g_autoptr(AttacheSearchQuery) filter = attache_search_query_new (NULL);
  g_autofree char *stripped = g_strstrip (g_strdup (value));

  if (stripped[0] == '\0')
    return;

  if (g_str_equal (kind, "source"))
    filter->source = g_steal_pointer (&stripped);
  else if (g_str_equal (kind, "subject"))
    filter->subject = g_steal_pointer (&stripped);
  else
    filter->topic = g_steal_pointer (&stripped);

  choose (self, filter, NULL);
}

/* Rows */

/* A row of a choice: @label, and @count articles when not 0. */
static GtkWidget *
new_choice_row (const char *label,
                guint       count,
                const char *icon_name)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *title = gtk_label_new (label);

  if (icon_name != NULL)
    {
      GtkWidget *icon = gtk_image_new_from_icon_name (icon_name);

      gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL, "", -1);
      gtk_box_append (GTK_BOX (box), icon);
    }

  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_ellipsize (GTK_LABEL (title), PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (title, TRUE);
  gtk_widget_add_css_class (title, "choice-label");
  gtk_box_append (GTK_BOX (box), title);

  if (count > 0)
    {
      g_autofree char *text = g_strdup_printf ("%u", count);
      GtkWidget *number = gtk_label_new (text);

      gtk_widget_add_css_class (number, "dim-label");
      gtk_widget_add_css_class (number, "numeric");
      gtk_box_append (GTK_BOX (box), number);
    }

  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  g_object_set_data_full (G_OBJECT (row), "attache-label", g_utf8_casefold (label, -1), g_free);
  return row;
}

static void
remove_rows (GtkListBox *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    gtk_list_box_remove (list, child);
}

/* Rows whose label contains the text of the search entry given as data. */
static gboolean
filter_rows_by_entry (GtkListBoxRow *row,
                      gpointer       user_data)
{
  GtkEditable *entry = user_data;
  const char *label = g_object_get_data (G_OBJECT (row), "attache-label");
  g_autofree char *wanted = g_utf8_casefold (gtk_editable_get_text (entry), -1);

  return wanted[0] == '\0' || (label != NULL && strstr (label, wanted) != NULL);
}

static GtkListBoxRow *
first_visible_row (GtkListBox *list)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (list));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_LIST_BOX_ROW (child) && gtk_widget_get_child_visible (child))
      return GTK_LIST_BOX_ROW (child);

  return NULL;
}

/* The facets: sources and topics */

static void
fill_facets (GtkListBox *list,
             GPtrArray  *facets)
{
  remove_rows (list);
  for (guint i = 0; i < facets->len; i++)
    {
      const AttacheFacet *facet = facets->pdata[i];
      GtkWidget *row = new_choice_row (facet->label, facet->articles, NULL);

      g_object_set_data_full (G_OBJECT (row), "attache-value", g_strdup (facet->label), g_free);
      gtk_list_box_append (list, row);
    }
}

static void
list_search_facets_cb (GObject      *object,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(AttacheFilterPopover) self = user_data;
  g_autoptr(AttacheSearchFacets) facets = NULL;
  g_autoptr(GError) error = NULL;

  facets = attache_library_list_search_facets_finish (ATTACHE_LIBRARY (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  g_clear_object (&self->facets_cancellable);

  if (facets == NULL)
    {
      /* The lists stay empty; what is typed still works. */
      _attache_add_toast (GTK_WIDGET (self),
                          _attache_error_toast_new (_("Could not read the library’s sources and topics"), error));
      return;
    }

  /* Read before a change: shown, and read again the next time. */
  self->facets_loaded = !self->facets_stale;
  self->facets_stale = FALSE;
  fill_facets (self->source_list, facets->sources);
  fill_facets (self->topic_list, facets->topics);
}

static void
load_facets (AttacheFilterPopover *self)
{
  if (self->library == NULL || self->facets_loaded || self->facets_cancellable != NULL)
    return;

  self->facets_stale = FALSE;
  self->facets_cancellable = g_cancellable_new ();
  attache_library_list_search_facets_async (self->library, MAX_FACETS_LISTED, self->facets_cancellable,
                                            list_search_facets_cb, g_object_ref (self));
}

/* The lists are read again the next time they are shown, not while they
 * are: the analyser changes the library many times a second, and a list
 * rebuilt under the pointer cannot be used. */
static void
on_library_changed_cb (AttacheLibrary       *library,
                       AttacheFilterPopover *self)
{
  self->facets_loaded = FALSE;
  if (self->facets_cancellable != NULL)
    self->facets_stale = TRUE;
}

static void
on_facet_list_row_activated_cb (GtkListBox           *list,
                                GtkListBoxRow        *row,
                                AttacheFilterPopover *self)
{
  choose_text (self, list == self->source_list ? "source" : "topic",
               g_object_get_data (G_OBJECT (row), "attache-value"));
}

/* Enter in a list's filter box: its first row, else the text as typed. */
static void
on_facet_entry_activate_cb (GtkSearchEntry       *entry,
                            AttacheFilterPopover *self)
{
  GtkListBox *list = entry == self->source_entry ? self->source_list : self->topic_list;
  GtkListBoxRow *row;

  /* Enter comes before the entry's delayed search-changed: the list is
   * filtered by what is typed now. */
  gtk_list_box_invalidate_filter (list);
  row = first_visible_row (list);

  if (row != NULL)
    on_facet_list_row_activated_cb (list, row, self);
  else
    choose_text (self, entry == self->source_entry ? "source" : "topic",
                 gtk_editable_get_text (GTK_EDITABLE (entry)));
}

static void
on_facet_entry_search_changed_cb (GtkSearchEntry       *entry,
                                  AttacheFilterPopover *self)
{
  gtk_list_box_invalidate_filter (entry == self->source_entry ? self->source_list : self->topic_list);
}

/* Actors */

static void on_actor_list_row_activated_cb (GtkListBox           *list,
                                            GtkListBoxRow        *row,
                                            AttacheFilterPopover *self);

static void
list_actors_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(AttacheFilterPopover) self = user_data;
  g_autoptr(GPtrArray) actors = NULL;
  g_autoptr(GError) error = NULL;
  guint n_listed = 0;

  actors = attache_library_list_actors_finish (ATTACHE_LIBRARY (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  g_clear_object (&self->actors_cancellable);
  remove_rows (self->actor_list);

  if (actors == NULL)
    {
      gtk_label_set_text (self->actor_status_label, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->actor_status_label), TRUE);
      return;
    }

  for (guint i = 0; i < actors->len && n_listed < MAX_ACTORS_LISTED; i++)
    {
      const AttacheActorInfo *actor = actors->pdata[i];
      GtkWidget *row;

      if (actor->hidden || actor->n_articles == 0)
        continue;

      row = new_choice_row (actor->name, (guint) actor->n_articles,
                            _attache_actor_type_icon_name (actor->type));
      gtk_widget_set_tooltip_text (row, _attache_actor_type_name (actor->type));
      g_object_set_data_full (G_OBJECT (row), "attache-actor-id", g_memdup2 (&actor->id, sizeof actor->id), g_free);
      g_object_set_data_full (G_OBJECT (row), "attache-value", g_strdup (actor->name), g_free);
      gtk_list_box_append (self->actor_list, row);
      n_listed++;
    }

  gtk_label_set_text (self->actor_status_label, _("No actors of that name"));
  gtk_widget_set_visible (GTK_WIDGET (self->actor_status_label), n_listed == 0);
  self->actors_listed = TRUE;

  /* Enter was pressed while they were looked up: the first of them. */
  if (self->choose_first_actor)
    {
      GtkListBoxRow *row = first_visible_row (self->actor_list);

      self->choose_first_actor = FALSE;
      if (row != NULL)
        on_actor_list_row_activated_cb (self->actor_list, row, self);
    }
}

static void
look_up_actors (AttacheFilterPopover *self)
{
  if (self->library == NULL)
    return;

  if (self->actors_cancellable != NULL)
    g_cancellable_cancel (self->actors_cancellable);
  g_clear_object (&self->actors_cancellable);

  g_free (self->actors_text);
  self->actors_text = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->actor_entry)));
  self->actors_listed = FALSE;
  self->actors_cancellable = g_cancellable_new ();
  attache_library_list_actors_async (self->library, gtk_editable_get_text (GTK_EDITABLE (self->actor_entry)),
                                     self->actors_cancellable, list_actors_cb, g_object_ref (self));
}

static void
on_actor_list_row_activated_cb (GtkListBox           *list,
                                GtkListBoxRow        *row,
                                AttacheFilterPopover *self)
{
  g_autoptr(AttacheSearchQuery) filter = attache_search_query_new (NULL);
  gint64 *id = g_object_get_data (G_OBJECT (row), "attache-actor-id");

  filter->actor_id = *id;
  choose (self, filter, g_object_get_data (G_OBJECT (row), "attache-value"));
}

static void
on_actor_entry_activate_cb (GtkSearchEntry       *entry,
                            AttacheFilterPopover *self)
{
  GtkListBoxRow *row;

  /* The actors listed are not (yet) those of what is typed: the first of
   * those, once they are. */
  if (!self->actors_listed || g_strcmp0 (self->actors_text, gtk_editable_get_text (GTK_EDITABLE (entry))) != 0)
    {
      self->choose_first_actor = TRUE;
      if (g_strcmp0 (self->actors_text, gtk_editable_get_text (GTK_EDITABLE (entry))) != 0)
        look_up_actors (self);
      return;
    }

  row = first_visible_row (self->actor_list);
  if (row != NULL)
    on_actor_list_row_activated_cb (self->actor_list, row, self);
}

static void
on_actor_entry_search_changed_cb (GtkSearchEntry       *entry,
                                  AttacheFilterPopover *self)
{
  look_up_actors (self);
}

/* Subjects */

static void
fill_subjects (AttacheFilterPopover *self)
{
  guint n_subjects = 0;
  const AttacheSubject *subjects = attache_subjects (&n_subjects);

  for (guint i = 0; i < n_subjects; i++)
    {
      g_autofree char *label = attache_format_subject (subjects[i].code);
      GtkWidget *row = new_choice_row (label, 0, NULL);

      gtk_widget_set_tooltip_text (row, subjects[i].code);
      g_object_set_data (G_OBJECT (row), "attache-value", (gpointer) subjects[i].code);
      gtk_list_box_append (self->subject_list, row);
    }
}

static void
on_subject_list_row_activated_cb (GtkListBox           *list,
                                  GtkListBoxRow        *row,
                                  AttacheFilterPopover *self)
{
  choose_text (self, "subject", g_object_get_data (G_OBJECT (row), "attache-value"));
}

/* Dates */

static void
apply_dates (AttacheFilterPopover *self)
{
  g_autoptr(AttacheSearchQuery) filter = attache_search_query_new (NULL);
  g_autoptr(GError) error = NULL;
  const char *from = gtk_editable_get_text (GTK_EDITABLE (self->from_entry));
  const char *to = gtk_editable_get_text (GTK_EDITABLE (self->to_entry));

  filter->from = g_strstrip (g_strdup (from));
  filter->to = g_strstrip (g_strdup (to));
  if (filter->from[0] == '\0')
    g_clear_pointer (&filter->from, g_free);
  if (filter->to[0] == '\0')
    g_clear_pointer (&filter->to, g_free);

  if (filter->from == NULL && filter->to == NULL)
    {
      gtk_label_set_text (self->date_error_label, _("Give the first day, the last day, or both"));
      gtk_widget_set_visible (GTK_WIDGET (self->date_error_label), TRUE);
      return;
    }

  if (!attache_search_query_validate (filter, &error))
    {
      gtk_label_set_text (self->date_error_label, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->date_error_label), TRUE);
      return;
    }

  gtk_widget_set_visible (GTK_WIDGET (self->date_error_label), FALSE);
  choose (self, filter, NULL);
}

static void
on_date_entry_activate_cb (GtkEntry             *entry,
                           AttacheFilterPopover *self)
{
  apply_dates (self);
}

static void
on_date_apply_clicked_cb (GtkButton            *button,
                          AttacheFilterPopover *self)
{
  apply_dates (self);
}

/* Pages */

static void
show_page (AttacheFilterPopover *self,
           const char           *name)
{
  GtkWidget *focus = NULL;

  gtk_stack_set_visible_child_name (self->stack, name);

  if (g_str_equal (name, "dates"))
    {
      gtk_widget_set_visible (GTK_WIDGET (self->date_error_label), FALSE);
      focus = GTK_WIDGET (self->from_entry);
    }
  else if (g_str_equal (name, "source"))
    {
      gtk_editable_set_text (GTK_EDITABLE (self->source_entry), "");
      focus = GTK_WIDGET (self->source_entry);
      load_facets (self);
    }
  else if (g_str_equal (name, "actor"))
    {
      gtk_editable_set_text (GTK_EDITABLE (self->actor_entry), "");
      focus = GTK_WIDGET (self->actor_entry);
      self->choose_first_actor = FALSE;
      look_up_actors (self);
    }
  else if (g_str_equal (name, "subject"))
    focus = GTK_WIDGET (self->subject_list);
  else if (g_str_equal (name, "topic"))
    {
      gtk_editable_set_text (GTK_EDITABLE (self->topic_entry), "");
      focus = GTK_WIDGET (self->topic_entry);
      load_facets (self);
    }

  if (focus != NULL)
    gtk_widget_grab_focus (focus);
}

static void
on_kind_list_row_activated_cb (GtkListBox           *list,
                               GtkListBoxRow        *row,
                               AttacheFilterPopover *self)
{
  show_page (self, g_object_get_data (G_OBJECT (row), "attache-page"));
}

static void
on_back_clicked_cb (GtkButton            *button,
                    AttacheFilterPopover *self)
{
  gtk_stack_set_visible_child_name (self->stack, "kinds");
}

/* A page: a back button and @title over @child. */
static GtkWidget *
add_page (AttacheFilterPopover *self,
          const char           *name,
          const char           *title,
          GtkWidget            *child)
{
  GtkWidget *page = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *back = gtk_button_new_from_icon_name ("go-previous-symbolic");
  GtkWidget *label = gtk_label_new (title);

  gtk_widget_add_css_class (back, "flat");
  gtk_widget_set_tooltip_text (back, _("Back"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (back), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Back"), -1);
  g_signal_connect (back, "clicked", G_CALLBACK (on_back_clicked_cb), self);
  gtk_box_append (GTK_BOX (header), back);
  gtk_widget_add_css_class (label, "heading");
  gtk_widget_set_hexpand (label, TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_box_append (GTK_BOX (header), label);
  gtk_box_append (GTK_BOX (page), header);
  gtk_box_append (GTK_BOX (page), child);

  gtk_stack_add_named (self->stack, page, name);
  return page;
}

static GtkListBox *
new_choice_list (void)
{
  GtkWidget *list = gtk_list_box_new ();

  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_list_box_set_activate_on_single_click (GTK_LIST_BOX (list), TRUE);
  gtk_widget_add_css_class (list, "filter-choices");
  return GTK_LIST_BOX (list);
}

static GtkWidget *
new_scroller (GtkListBox *list)
{
  GtkWidget *scroller = gtk_scrolled_window_new ();

  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scroller), TRUE);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scroller), 280);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), GTK_WIDGET (list));
  return scroller;
}

/* A filter box over a list of choices. */
static GtkWidget *
new_filtered_list (AttacheFilterPopover  *self,
                   const char            *placeholder,
                   GtkSearchEntry       **out_entry,
                   GtkListBox           **out_list)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *entry = gtk_search_entry_new ();

  g_object_set (entry, "placeholder-text", placeholder, NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL, placeholder, -1);
  gtk_box_append (GTK_BOX (box), entry);
  *out_entry = GTK_SEARCH_ENTRY (entry);
  *out_list = new_choice_list ();
  gtk_box_append (GTK_BOX (box), new_scroller (*out_list));
  return box;
}

static void
build (AttacheFilterPopover *self)
{
  static const struct { const char *page; const char *label; } kinds[] = {
    { "dates", N_("Date Range") },
    { "source", N_("Source") },
    { "actor", N_("Actor") },
    { "subject", N_("Subject") },
    { "topic", N_("Topic") },
  };
  GtkListBox *kind_list;
  GtkWidget *grid, *label, *apply, *box;

  self->stack = GTK_STACK (gtk_stack_new ());
  gtk_stack_set_hhomogeneous (self->stack, TRUE);
  gtk_stack_set_vhomogeneous (self->stack, FALSE);
  gtk_stack_set_interpolate_size (self->stack, TRUE);
  gtk_stack_set_transition_type (self->stack, GTK_STACK_TRANSITION_TYPE_SLIDE_LEFT_RIGHT);
  gtk_widget_set_size_request (GTK_WIDGET (self->stack), 280, -1);

  /* The kinds. */
  kind_list = new_choice_list ();
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    {
      GtkWidget *row = new_choice_row (_(kinds[i].label), 0, NULL);
      GtkWidget *arrow = gtk_image_new_from_icon_name ("go-next-symbolic");

      gtk_box_append (GTK_BOX (gtk_list_box_row_get_child (GTK_LIST_BOX_ROW (row))), arrow);
      g_object_set_data (G_OBJECT (row), "attache-page", (gpointer) kinds[i].page);
      gtk_widget_set_name (row, kinds[i].page);
      gtk_list_box_append (kind_list, row);
    }
  g_signal_connect (kind_list, "row-activated", G_CALLBACK (on_kind_list_row_activated_cb), self);
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  label = gtk_label_new (_("Add Filter"));
  gtk_widget_add_css_class (label, "heading");
  gtk_widget_set_margin_top (label, 6);
  gtk_widget_set_margin_bottom (label, 3);
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (kind_list));
  gtk_stack_add_named (self->stack, box, "kinds");

  /* Dates. */
  grid = gtk_grid_new ();
  gtk_grid_set_row_spacing (GTK_GRID (grid), 6);
  gtk_grid_set_column_spacing (GTK_GRID (grid), 12);
  gtk_widget_set_margin_start (grid, 6);
  gtk_widget_set_margin_end (grid, 6);
  gtk_widget_set_margin_bottom (grid, 6);
  for (guint i = 0; i < 2; i++)
    {
      GtkWidget *entry = gtk_entry_new ();

      label = gtk_label_new_with_mnemonic (i == 0 ? _("_From") : _("_To"));
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_mnemonic_widget (GTK_LABEL (label), entry);
      gtk_widget_add_css_class (label, "dim-label");
      /* Translators: how to write a day in the date filter; the search also takes "2024-04" and "2024" */
      gtk_entry_set_placeholder_text (GTK_ENTRY (entry), _("YYYY-MM-DD"));
      gtk_widget_set_hexpand (entry, TRUE);
      gtk_accessible_update_relation (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_RELATION_LABELLED_BY,
                                      label, NULL, -1);
      g_signal_connect (entry, "activate", G_CALLBACK (on_date_entry_activate_cb), self);
      gtk_grid_attach (GTK_GRID (grid), label, 0, i, 1, 1);
      gtk_grid_attach (GTK_GRID (grid), entry, 1, i, 1, 1);
      gtk_widget_set_name (entry, i == 0 ? "from-entry" : "to-entry");
      if (i == 0)
        self->from_entry = GTK_ENTRY (entry);
      else
        self->to_entry = GTK_ENTRY (entry);
    }
  self->date_error_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->date_error_label, TRUE);
  gtk_label_set_xalign (self->date_error_label, 0);
  gtk_label_set_max_width_chars (self->date_error_label, 30);
  gtk_widget_add_css_class (GTK_WIDGET (self->date_error_label), "error");
  gtk_widget_add_css_class (GTK_WIDGET (self->date_error_label), "caption");
  gtk_widget_set_visible (GTK_WIDGET (self->date_error_label), FALSE);
  gtk_grid_attach (GTK_GRID (grid), GTK_WIDGET (self->date_error_label), 0, 2, 2, 1);
  apply = gtk_button_new_with_mnemonic (_("_Add Filter"));
  gtk_widget_add_css_class (apply, "suggested-action");
  gtk_widget_set_halign (apply, GTK_ALIGN_END);
  gtk_widget_set_name (apply, "date-apply");
  g_signal_connect (apply, "clicked", G_CALLBACK (on_date_apply_clicked_cb), self);
  gtk_grid_attach (GTK_GRID (grid), apply, 0, 3, 2, 1);
  add_page (self, "dates", _("Date Range"), grid);

  /* Sources. */
  box = new_filtered_list (self, _("Filter Sources"), &self->source_entry, &self->source_list);
  gtk_list_box_set_filter_func (self->source_list, filter_rows_by_entry, self->source_entry, NULL);
  g_signal_connect (self->source_list, "row-activated", G_CALLBACK (on_facet_list_row_activated_cb), self);
  gtk_widget_set_name (GTK_WIDGET (self->source_entry), "source-entry");
  g_signal_connect (self->source_entry, "activate", G_CALLBACK (on_facet_entry_activate_cb), self);
  g_signal_connect (self->source_entry, "search-changed", G_CALLBACK (on_facet_entry_search_changed_cb), self);
  add_page (self, "source", _("Source"), box);

  /* Actors. */
  box = new_filtered_list (self, _("Find Actors"), &self->actor_entry, &self->actor_list);
  self->actor_status_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_widget_add_css_class (GTK_WIDGET (self->actor_status_label), "dim-label");
  gtk_widget_set_margin_top (GTK_WIDGET (self->actor_status_label), 12);
  gtk_widget_set_margin_bottom (GTK_WIDGET (self->actor_status_label), 12);
  gtk_widget_set_visible (GTK_WIDGET (self->actor_status_label), FALSE);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->actor_status_label));
  g_signal_connect (self->actor_list, "row-activated", G_CALLBACK (on_actor_list_row_activated_cb), self);
  gtk_widget_set_name (GTK_WIDGET (self->actor_entry), "actor-entry");
  g_signal_connect (self->actor_entry, "activate", G_CALLBACK (on_actor_entry_activate_cb), self);
  g_signal_connect (self->actor_entry, "search-changed", G_CALLBACK (on_actor_entry_search_changed_cb), self);
  add_page (self, "actor", _("Actor"), box);

  /* Subjects. */
  self->subject_list = new_choice_list ();
  fill_subjects (self);
  g_signal_connect (self->subject_list, "row-activated", G_CALLBACK (on_subject_list_row_activated_cb), self);
  add_page (self, "subject", _("Subject"), new_scroller (self->subject_list));

  /* Topics. */
  box = new_filtered_list (self, _("Filter Topics"), &self->topic_entry, &self->topic_list);
  gtk_list_box_set_filter_func (self->topic_list, filter_rows_by_entry, self->topic_entry, NULL);
  g_signal_connect (self->topic_list, "row-activated", G_CALLBACK (on_facet_list_row_activated_cb), self);
  gtk_widget_set_name (GTK_WIDGET (self->topic_entry), "topic-entry");
  g_signal_connect (self->topic_entry, "activate", G_CALLBACK (on_facet_entry_activate_cb), self);
  g_signal_connect (self->topic_entry, "search-changed", G_CALLBACK (on_facet_entry_search_changed_cb), self);
  add_page (self, "topic", _("Topic"), box);

  gtk_stack_set_visible_child_name (self->stack, "kinds");
  gtk_popover_set_child (GTK_POPOVER (self), GTK_WIDGET (self->stack));
}

/* GObject */

static void
attache_filter_popover_map (GtkWidget *widget)
{
  AttacheFilterPopover *self = ATTACHE_FILTER_POPOVER (widget);

  /* Each time from the kinds, without a transition. */
  gtk_stack_set_transition_type (self->stack, GTK_STACK_TRANSITION_TYPE_NONE);
  gtk_stack_set_visible_child_name (self->stack, "kinds");
  gtk_stack_set_transition_type (self->stack, GTK_STACK_TRANSITION_TYPE_SLIDE_LEFT_RIGHT);
  gtk_editable_set_text (GTK_EDITABLE (self->from_entry), "");
  gtk_editable_set_text (GTK_EDITABLE (self->to_entry), "");

  GTK_WIDGET_CLASS (attache_filter_popover_parent_class)->map (widget);

  load_facets (self);
}

static void
disconnect_library (AttacheFilterPopover *self)
{
  if (self->facets_cancellable != NULL)
    g_cancellable_cancel (self->facets_cancellable);
  g_clear_object (&self->facets_cancellable);
  if (self->actors_cancellable != NULL)
    g_cancellable_cancel (self->actors_cancellable);
  g_clear_object (&self->actors_cancellable);
  if (self->library != NULL)
    {
      g_clear_signal_handler (&self->articles_changed_id, self->library);
      g_clear_signal_handler (&self->analyses_changed_id, self->library);
    }
  g_clear_object (&self->library);
}

static void
attache_filter_popover_dispose (GObject *object)
{
  disconnect_library (ATTACHE_FILTER_POPOVER (object));

  G_OBJECT_CLASS (attache_filter_popover_parent_class)->dispose (object);
}

static void
attache_filter_popover_finalize (GObject *object)
{
  AttacheFilterPopover *self = ATTACHE_FILTER_POPOVER (object);

  g_free (self->actors_text);

  G_OBJECT_CLASS (attache_filter_popover_parent_class)->finalize (object);
}

static void
attache_filter_popover_class_init (AttacheFilterPopoverClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = attache_filter_popover_dispose;
  object_class->finalize = attache_filter_popover_finalize;
  widget_class->map = attache_filter_popover_map;

  /**
   * AttacheFilterPopover::filter-chosen:
   * @filter: an AttacheSearchQuery with the filter chosen only
   * @name: (nullable): the actor's name, for an actor
   */
  signals[FILTER_CHOSEN] =
    g_signal_new ("filter-chosen",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2,
                  ATTACHE_TYPE_SEARCH_QUERY | G_SIGNAL_TYPE_STATIC_SCOPE,
                  G_TYPE_STRING);
}

static void
attache_filter_popover_init (AttacheFilterPopover *self)
{
  gtk_widget_add_css_class (GTK_WIDGET (self), "filter-popover");
  build (self);
}

GtkWidget *
attache_filter_popover_new (void)
{
  return g_object_new (ATTACHE_TYPE_FILTER_POPOVER, NULL);
}

AttacheLibrary *
attache_filter_popover_get_library (AttacheFilterPopover *self)
{
  g_return_val_if_fail (ATTACHE_IS_FILTER_POPOVER (self), NULL);

  return self->library;
}

void
attache_filter_popover_set_library (AttacheFilterPopover *self,
                                    AttacheLibrary       *library)
{
  g_return_if_fail (ATTACHE_IS_FILTER_POPOVER (self));
  g_return_if_fail (library == NULL || ATTACHE_IS_LIBRARY (library));

  if (self->library == library)
    return;

  disconnect_library (self);
  self->facets_loaded = FALSE;
  remove_rows (self->source_list);
  remove_rows (self->topic_list);
  remove_rows (self->actor_list);

  if (library == NULL)
    return;

  self->library = g_object_ref (library);
  self->articles_changed_id = g_signal_connect (library, "articles-changed",
                                                G_CALLBACK (on_library_changed_cb), self);
  self->analyses_changed_id = g_signal_connect (library, "analyses-changed",
                                                G_CALLBACK (on_library_changed_cb), self);
}

void
attache_filter_popover_show_page (AttacheFilterPopover *self,
                                  const char           *name)
{
  g_return_if_fail (ATTACHE_IS_FILTER_POPOVER (self));
  g_return_if_fail (name != NULL);

  if (g_str_equal (name, "kinds"))
    gtk_stack_set_visible_child_name (self->stack, "kinds");
  else
    show_page (self, name);
}
