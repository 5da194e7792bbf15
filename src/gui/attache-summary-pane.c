/* attache-summary-pane.c: the facts about the selected article and its analysis, beside the reader
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "attache-summary-pane"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <string.h>

#include "attache-actor-ui-private.h"
#include "attache-chart-window.h"
#include "attache-database.h"
#include "attache-format.h"
#include "attache-language.h"
#include "attache-overview-panel.h"
#include "attache-summary-pane.h"
#include "attache-toast-private.h"

/* Up to this many actors are listed at once; past it, the first
 * N_ACTORS_FOLDED and a row that shows the others. */
#define MAX_ACTORS_SHOWN 12
#define N_ACTORS_FOLDED  10

/* Analyses change in bursts while the runner works: read the shown one again
 * at most this often. */
#define RELOAD_DELAY_MS 250

typedef enum
{
  STATE_NONE,        /* no article, no library, or the first read is under way */
  STATE_NOT_FOUND,   /* the article has no stored analysis (yet) */
  STATE_ERROR,       /* the analysis could not be read */
  STATE_ANALYSIS,    /* self->analysis is the article's */
} State;

struct _AttacheSummaryPane
{
  GtkWidget              parent_instance;

  /* template children */
  GtkWidget             *scroller;
  GtkStack              *analysis_stack;
  GtkSpinner            *analysing_spinner;
  GtkLabel              *message_label;
  GtkWidget             *actors_group;
  GtkToggleButton       *highlight_all_button;
  GtkListBox            *actor_list;
  GtkWidget             *topics_group;
  GtkFlowBox            *topic_box;
  GtkWidget             *subject_group;
  GtkLabel              *subject_label;
  GtkWidget             *summary_group;
  GtkBox                *summary_box;
  GtkLabel              *published_label;
  GtkLabel              *source_label;
  GtkLabel              *language_label;
  GtkLabel              *length_label;
  GtkLabel              *imported_label;
  GtkLabel              *origin_label;
  GtkWidget             *imported_row;
  GtkWidget             *origin_row;

  AttacheArticle        *article;
  AttacheLibrary        *library;       /* owned */
  AttacheAnalysisRunner *runner;        /* owned; NULL when none */
  AttacheReader         *reader;        /* owned; where mentions are highlighted, or NULL */
  gulong                 analyses_changed_id;
  gulong                 actors_changed_id;
  gulong                 busy_id;
  gulong                 highlighting_id;

  GCancellable          *cancellable;   /* owned; the read under way, or NULL */
  guint                  reload_id;     /* a coalesced read again, or 0 */

  State                  state;
  GError                *error;         /* STATE_ERROR */
  AttacheAnalysis       *analysis;      /* STATE_ANALYSIS */
  AttacheAnalysis       *pending_analysis;  /* read, waiting for the text */
  gint64                 text_id;       /* the article @text is of, 0 for none */
  char                  *text;          /* to cut the summary's sentences from */
  char                  *shown;         /* what the analysis page shows, to skip redoing it */
  GtkWidget             *show_all_row;  /* in actor_list, or NULL */
  gboolean               actors_expanded;

  /* Highlighting in the reader: one actor, chosen in the list, or all */
  gint64                 selected_actor_id;  /* 0 for none */
  gboolean               highlighting;       /* the reader highlights what we asked */
  GtkWidget             *context_menu;       /* a GtkPopoverMenu for actors and topics */
  GtkWidget             *overview_panel; /* AttacheOverviewPanel, a child; NULL until needed */
};

G_DEFINE_FINAL_TYPE (AttacheSummaryPane, attache_summary_pane, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_ARTICLE,
  PROP_LIBRARY,
  PROP_ANALYSIS_RUNNER,
  PROP_READER,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void load_analysis (AttacheSummaryPane *self);

/* The details */

/* Shows @value, or a dimmed "Unknown" when it is NULL or empty. */
static void
set_field (GtkLabel   *label,
           const char *value)
{
  gboolean known = value != NULL && value[0] != '\0';

  gtk_label_set_text (label, known ? value : _("Unknown"));
  if (known)
    gtk_widget_remove_css_class (GTK_WIDGET (label), "dim-label");
  else
    gtk_widget_add_css_class (GTK_WIDGET (label), "dim-label");
}

static void
update_fields (AttacheSummaryPane *self)
{
  g_autofree char *published = NULL;
  g_autofree char *language = NULL;
  g_autofree char *length = NULL;
  g_autofree char *imported = NULL;
  g_autofree char *origin = NULL;

  if (self->article == NULL)
    {
      set_field (self->published_label, NULL);
      set_field (self->source_label, NULL);
      set_field (self->language_label, NULL);
      set_field (self->length_label, NULL);
      set_field (self->imported_label, NULL);
      set_field (self->origin_label, NULL);
      return;
    }

  published = attache_format_published (self->article);
  language = attache_format_language (attache_article_get_language (self->article));
  {
    guint n_words = attache_article_get_n_words (self->article);
    g_autofree char *size = attache_format_size (n_words, attache_article_get_n_chars (self->article));
    g_autofree char *reading_time = attache_format_reading_time (n_words);

    /* The reading time on a line of its own: the pane is narrow. */
    length = g_strconcat (size, "\n", reading_time, NULL);
  }
  imported = attache_format_imported (self->article);
  origin = attache_format_origin (attache_article_get_origin (self->article));

  set_field (self->published_label, published);
  set_field (self->source_label, attache_article_get_source (self->article));
  set_field (self->language_label, language);
  set_field (self->length_label, length);
  set_field (self->imported_label, imported);
  set_field (self->origin_label, origin);

  gtk_widget_set_visible (self->imported_row, imported != NULL);
  gtk_widget_set_visible (self->origin_row, origin != NULL);
}

/* The analysis */

/* "Conflict, war and peace" for medtop:16000000, translated. */
static char *
dup_subject_label (const AttacheSubject *subject)
{
  return attache_format_subject (subject->code);
}

static GtkWidget *
new_actor_actions (const AttacheFoundActor *actor)
{
  g_autofree char *show_text = NULL;
  GtkWidget *box, *button, *label;

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  gtk_widget_add_css_class (box, "actor-actions");

  /* Translators: a button under an actor of the article; %s is its name */
  show_text = g_strdup_printf (_("Show Articles Mentioning %s"), actor->name);
  label = gtk_label_new (show_text);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  button = gtk_button_new ();
  gtk_button_set_child (GTK_BUTTON (button), label);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "win.search-actor");
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (button), g_variant_new_int64 (actor->id));
  gtk_widget_add_css_class (button, "show-articles");
  gtk_box_append (GTK_BOX (box), button);

  label = gtk_label_new (_("Mentions over Time"));
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  button = gtk_button_new ();
  gtk_button_set_child (GTK_BUTTON (button), label);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "pane.actor-timeline");
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (button), g_variant_new_int64 (actor->id));
  gtk_widget_add_css_class (button, "show-timeline");
  gtk_box_append (GTK_BOX (box), button);

  return box;
}

static GtkWidget *
new_actor_row (const AttacheFoundActor *actor,
               gboolean                 selected)
{
  const char *role = NULL;
  g_autofree char *mentions = NULL;
  g_autofree char *tooltip = NULL;
  GtkWidget *row, *row_box, *box, *text_box, *count_box, *count, *bar, *revealer;

  if (actor->roles != NULL && actor->roles->len > 0)
    role = g_ptr_array_index (actor->roles, 0);

  box = _attache_actor_row_box_new (actor->type, actor->name, &text_box);
  if (role != NULL && role[0] != '\0')
    {
      GtkWidget *role_label = gtk_label_new (role);

      gtk_label_set_xalign (GTK_LABEL (role_label), 0);
      gtk_label_set_wrap (GTK_LABEL (role_label), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (role_label), PANGO_WRAP_WORD_CHAR);
      gtk_widget_add_css_class (role_label, "actor-role");
      gtk_widget_add_css_class (role_label, "caption");
      gtk_widget_add_css_class (role_label, "dim-label");
      gtk_box_append (GTK_BOX (text_box), role_label);
    }

  /* How often, and how much the article is about it. */
  count_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  gtk_widget_set_valign (count_box, GTK_ALIGN_CENTER);
  mentions = g_strdup_printf ("%u", actor->mentions);
  count = gtk_label_new (mentions);
  gtk_label_set_xalign (GTK_LABEL (count), 1);
  gtk_widget_add_css_class (count, "actor-mentions");
  gtk_widget_add_css_class (count, "caption");
  gtk_widget_add_css_class (count, "numeric");
  gtk_box_append (GTK_BOX (count_box), count);
  bar = gtk_level_bar_new_for_interval (0.0, 1.0);
  gtk_level_bar_set_value (GTK_LEVEL_BAR (bar), CLAMP (actor->salience, 0.0, 1.0));
  /* One colour whatever the value: salience is not a warning. */
  gtk_level_bar_remove_offset_value (GTK_LEVEL_BAR (bar), GTK_LEVEL_BAR_OFFSET_LOW);
  gtk_level_bar_remove_offset_value (GTK_LEVEL_BAR (bar), GTK_LEVEL_BAR_OFFSET_HIGH);
  gtk_level_bar_remove_offset_value (GTK_LEVEL_BAR (bar), GTK_LEVEL_BAR_OFFSET_FULL);
  gtk_widget_add_css_class (bar, "salience");
  gtk_box_append (GTK_BOX (count_box), bar);
  gtk_box_append (GTK_BOX (box), count_box);

  /* Translators: in a tooltip on an actor of an article; %u is how many times it is named */
  tooltip = g_strdup_printf (ngettext ("Named once", "Named %u times", actor->mentions), actor->mentions);
  gtk_widget_set_tooltip_text (count_box, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (count_box),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip,
                                  -1);

  /* Chosen, its mentions are highlighted in the text, and what can be done
   * with it shows under it. */
  revealer = gtk_revealer_new ();
  gtk_revealer_set_child (GTK_REVEALER (revealer), new_actor_actions (actor));
  gtk_revealer_set_reveal_child (GTK_REVEALER (revealer), selected);

  row_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_box_append (GTK_BOX (row_box), box);
  gtk_box_append (GTK_BOX (row_box), revealer);

  row = gtk_list_box_row_new ();
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), row_box);
  g_object_set_data (G_OBJECT (row), "attache-revealer", revealer);
  g_object_set_data_full (G_OBJECT (row), "attache-actor-id", g_memdup2 (&actor->id, sizeof actor->id), g_free);
  if (selected)
    gtk_widget_add_css_class (row, "selected-actor");
  gtk_accessible_update_state (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_STATE_SELECTED, selected, -1);
  return row;
}

/* The actor the row is of, 0 for the row that shows all. */
static gint64
get_row_actor_id (GtkListBoxRow *row)
{
  gint64 *id = g_object_get_data (G_OBJECT (row), "attache-actor-id");

  return id != NULL ? *id : 0;
}

static void
remove_all_children (GtkWidget *widget)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (widget)) != NULL)
    {
      if (GTK_IS_LIST_BOX (widget))
        gtk_list_box_remove (GTK_LIST_BOX (widget), child);
      else if (GTK_IS_FLOW_BOX (widget))
        gtk_flow_box_remove (GTK_FLOW_BOX (widget), child);
      else
        gtk_box_remove (GTK_BOX (widget), child);
    }
}

static void
fill_actors (AttacheSummaryPane *self)
{
  GPtrArray *actors = self->analysis->actors;
  guint n_actors = actors != NULL ? actors->len : 0;
  guint n_shown = n_actors;

  remove_all_children (GTK_WIDGET (self->actor_list));
  self->show_all_row = NULL;

  if (n_actors > MAX_ACTORS_SHOWN && !self->actors_expanded)
    n_shown = N_ACTORS_FOLDED;

  for (guint i = 0; i < n_shown; i++)
    {
      const AttacheFoundActor *actor = g_ptr_array_index (actors, i);

      gtk_list_box_append (self->actor_list, new_actor_row (actor, actor->id == self->selected_actor_id));
    }

  if (n_shown < n_actors)
    {
      self->show_all_row = _attache_actor_show_all_row_new (n_actors);
      gtk_list_box_append (self->actor_list, self->show_all_row);
    }

  gtk_widget_set_visible (self->actors_group, n_actors > 0);
}

/* Highlighting in the reader */

static const AttacheFoundActor *
find_actor (AttacheSummaryPane *self,
            gint64              id)
{
  if (self->state != STATE_ANALYSIS || self->analysis == NULL || self->analysis->actors == NULL)
    return NULL;

  for (guint i = 0; i < self->analysis->actors->len; i++)
    {
      const AttacheFoundActor *actor = g_ptr_array_index (self->analysis->actors, i);

      if (actor->id == id)
        return actor;
    }

  return NULL;
}

/* Shows which actor is chosen in the list. */
static void
update_actor_rows (AttacheSummaryPane *self)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->actor_list));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkRevealer *revealer = g_object_get_data (G_OBJECT (child), "attache-revealer");
      gboolean selected;

      if (!GTK_IS_LIST_BOX_ROW (child) || revealer == NULL)
        continue;

      selected = self->selected_actor_id != 0 &&
                 get_row_actor_id (GTK_LIST_BOX_ROW (child)) == self->selected_actor_id;
      gtk_revealer_set_reveal_child (revealer, selected);
      if (selected)
        gtk_widget_add_css_class (child, "selected-actor");
      else
        gtk_widget_remove_css_class (child, "selected-actor");
      gtk_accessible_update_state (GTK_ACCESSIBLE (child), GTK_ACCESSIBLE_STATE_SELECTED, selected, -1);
    }
}

/* Tells the reader what to highlight: the actor chosen, all the actors while
 * "Highlight All" is on, or nothing. */
static void
update_highlights (AttacheSummaryPane *self)
{
  const AttacheFoundActor *actor = NULL;
  gboolean all = gtk_toggle_button_get_active (self->highlight_all_button);

  if (self->selected_actor_id != 0)
    {
      actor = find_actor (self, self->selected_actor_id);
      /* Merged into another, hidden, or gone with a new analysis. */
      if (actor == NULL)
        self->selected_actor_id = 0;
    }

  update_actor_rows (self);

  if (self->reader == NULL)
    return;

  /* Set before the reader is told: its "highlighting" follows at once. */
  self->highlighting = actor != NULL || (all && self->state == STATE_ANALYSIS && self->analysis != NULL);

  if (actor != NULL)
    {
      g_autoptr(GPtrArray) actors = g_ptr_array_new ();

      g_ptr_array_add (actors, (gpointer) actor);
      attache_reader_highlight_actors (self->reader, attache_article_get_id (self->article),
                                       actors, actor->name);
    }
  else if (self->highlighting)
    {
      attache_reader_highlight_actors (self->reader, attache_article_get_id (self->article),
                                       self->analysis->actors, NULL);
    }
  else
    {
      attache_reader_clear_highlights (self->reader);
    }
}

static void
select_actor (AttacheSummaryPane *self,
              gint64              id)
{
  if (id != 0 && find_actor (self, id) == NULL)
    id = 0;

  self->selected_actor_id = id;
  /* One actor, or all: not both. */
  if (id != 0 && gtk_toggle_button_get_active (self->highlight_all_button))
    {
      g_signal_handlers_block_matched (self->highlight_all_button, G_SIGNAL_MATCH_DATA, 0, 0, NULL, NULL, self);
      gtk_toggle_button_set_active (self->highlight_all_button, FALSE);
      g_signal_handlers_unblock_matched (self->highlight_all_button, G_SIGNAL_MATCH_DATA, 0, 0, NULL, NULL, self);
    }

  update_highlights (self);
}

static void
on_highlight_all_button_toggled_cb (GtkToggleButton    *button,
                                    AttacheSummaryPane *self)
{
  if (gtk_toggle_button_get_active (button))
    self->selected_actor_id = 0;

  update_highlights (self);
}

/* The person closed the reader's legend, or the reader shows another
 * article: nothing is chosen any more. */
static void
on_reader_notify_highlighting_cb (AttacheReader      *reader,
                                  GParamSpec         *pspec,
                                  AttacheSummaryPane *self)
{
  if (attache_reader_get_highlighting (reader) || !self->highlighting)
    return;

  self->highlighting = FALSE;
  self->selected_actor_id = 0;
  g_signal_handlers_block_matched (self->highlight_all_button, G_SIGNAL_MATCH_DATA, 0, 0, NULL, NULL, self);
  gtk_toggle_button_set_active (self->highlight_all_button, FALSE);
  g_signal_handlers_unblock_matched (self->highlight_all_button, G_SIGNAL_MATCH_DATA, 0, 0, NULL, NULL, self);
  update_actor_rows (self);
}

static void
on_actor_list_row_activated_cb (GtkListBox         *list,
                                GtkListBoxRow      *row,
                                AttacheSummaryPane *self)
{
  gint64 id;

  if (self->show_all_row != NULL && GTK_WIDGET (row) == self->show_all_row)
    {
      self->actors_expanded = TRUE;
      fill_actors (self);
      return;
    }

  /* A second click on the actor chosen lets it go. */
  id = get_row_actor_id (row);
  select_actor (self, id == self->selected_actor_id ? 0 : id);
}

/* Context menus */

static void
popup_context_menu (AttacheSummaryPane *self,
                    GtkWidget          *widget,
                    double              x,
                    double              y,
                    GMenuModel         *menu)
{
  graphene_point_t point;

  if (!gtk_widget_compute_point (widget, GTK_WIDGET (self), &GRAPHENE_POINT_INIT (x, y), &point))
    return;

  gtk_popover_menu_set_menu_model (GTK_POPOVER_MENU (self->context_menu), menu);
  gtk_popover_set_pointing_to (GTK_POPOVER (self->context_menu),
                               &(GdkRectangle) { (int) point.x, (int) point.y, 1, 1 });
  gtk_popover_popup (GTK_POPOVER (self->context_menu));
}

static GMenuModel *
new_actor_menu (const AttacheFoundActor *actor)
{
  g_autoptr(GMenu) menu = g_menu_new ();
  g_autoptr(GMenu) section = g_menu_new ();
  g_autofree char *show_label = NULL;
  GMenuItem *item;

  item = g_menu_item_new (_("_Highlight Mentions"), NULL);
  g_menu_item_set_action_and_target_value (item, "pane.select-actor", g_variant_new_int64 (actor->id));
  g_menu_append_item (section, item);
  g_object_unref (item);

  /* Translators: in the menu of an actor of the article; %s is its name */
  show_label = g_strdup_printf (_("Show Articles Mentioning %s"), actor->name);
  item = g_menu_item_new (show_label, NULL);
  g_menu_item_set_action_and_target_value (item, "win.search-actor", g_variant_new_int64 (actor->id));
  g_menu_append_item (section, item);
  g_object_unref (item);

  item = g_menu_item_new (_("Mentions over _Time"), NULL);
  g_menu_item_set_action_and_target_value (item, "pane.actor-timeline", g_variant_new_int64 (actor->id));
  g_menu_append_item (section, item);
  g_object_unref (item);

  g_menu_append_section (menu, NULL, G_MENU_MODEL (section));
  return G_MENU_MODEL (g_steal_pointer (&menu));
}

static GMenuModel *
new_topic_menu (const char *topic)
{
  g_autoptr(GMenu) menu = g_menu_new ();
  g_autofree char *show_label = NULL;
  GMenuItem *item;

  /* Translators: in the menu of a topic of the article; %s is the topic */
  show_label = g_strdup_printf (_("Show Articles About “%s”"), topic);
  item = g_menu_item_new (show_label, NULL);
  g_menu_item_set_action_and_target_value (item, "win.search-topic", g_variant_new_string (topic));
  g_menu_append_item (menu, item);
  g_object_unref (item);

  item = g_menu_item_new (_("Mentions over _Time"), NULL);
  g_menu_item_set_action_and_target_value (item, "pane.topic-timeline", g_variant_new_string (topic));
  g_menu_append_item (menu, item);
  g_object_unref (item);

  return G_MENU_MODEL (g_steal_pointer (&menu));
}

static gboolean
popup_actor_menu (AttacheSummaryPane *self,
                  double              x,
                  double              y)
{
  GtkListBoxRow *row = gtk_list_box_get_row_at_y (self->actor_list, (int) y);
  const AttacheFoundActor *actor;
  g_autoptr(GMenuModel) menu = NULL;

  if (row == NULL || (actor = find_actor (self, get_row_actor_id (row))) == NULL)
    return FALSE;

  menu = new_actor_menu (actor);
  popup_context_menu (self, GTK_WIDGET (self->actor_list), x, y, menu);
  return TRUE;
}

static gboolean
popup_topic_menu (AttacheSummaryPane *self,
                  double              x,
                  double              y)
{
  GtkFlowBoxChild *child = gtk_flow_box_get_child_at_pos (self->topic_box, (int) x, (int) y);
  const char *topic;
  g_autoptr(GMenuModel) menu = NULL;

  if (child == NULL || (topic = g_object_get_data (G_OBJECT (child), "attache-topic")) == NULL)
    return FALSE;

  menu = new_topic_menu (topic);
  popup_context_menu (self, GTK_WIDGET (self->topic_box), x, y, menu);
  return TRUE;
}

static void
on_actor_list_pressed_cb (GtkGestureClick    *gesture,
                          int                 n_press,
                          double              x,
                          double              y,
                          AttacheSummaryPane *self)
{
  if (popup_actor_menu (self, x, y))
    gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
}

static void
on_actor_list_long_pressed_cb (GtkGestureLongPress *gesture,
                               double               x,
                               double               y,
                               AttacheSummaryPane  *self)
{
  if (popup_actor_menu (self, x, y))
    gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
}

static void
on_topic_box_pressed_cb (GtkGestureClick    *gesture,
                         int                 n_press,
                         double              x,
                         double              y,
                         AttacheSummaryPane *self)
{
  if (popup_topic_menu (self, x, y))
    gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
}

static void
on_topic_box_long_pressed_cb (GtkGestureLongPress *gesture,
                              double               x,
                              double               y,
                              AttacheSummaryPane  *self)
{
  if (popup_topic_menu (self, x, y))
    gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
}

/* Shift+F10 or the Menu key on a focused row or chip. */
static gboolean
popup_focus_menu_cb (GtkWidget *widget,
                     GVariant  *args,
                     gpointer   user_data)
{
  AttacheSummaryPane *self = ATTACHE_SUMMARY_PANE (widget);
  GtkWidget *focus = gtk_root_get_focus (gtk_widget_get_root (widget));
  GtkWidget *row = focus != NULL ? gtk_widget_get_ancestor (focus, GTK_TYPE_LIST_BOX_ROW) : NULL;
  GtkWidget *chip = focus != NULL ? gtk_widget_get_ancestor (focus, GTK_TYPE_FLOW_BOX_CHILD) : NULL;
  g_autoptr(GMenuModel) menu = NULL;
  const AttacheFoundActor *actor;
  const char *topic;

  if (row != NULL && gtk_widget_get_parent (row) == GTK_WIDGET (self->actor_list) &&
      (actor = find_actor (self, get_row_actor_id (GTK_LIST_BOX_ROW (row)))) != NULL)
    {
      menu = new_actor_menu (actor);
      popup_context_menu (self, row, gtk_widget_get_width (row) / 2.0, gtk_widget_get_height (row) / 2.0, menu);
      return TRUE;
    }

  if (chip != NULL && gtk_widget_get_parent (chip) == GTK_WIDGET (self->topic_box) &&
      (topic = g_object_get_data (G_OBJECT (chip), "attache-topic")) != NULL)
    {
      menu = new_topic_menu (topic);
      popup_context_menu (self, chip, gtk_widget_get_width (chip) / 2.0, gtk_widget_get_height (chip), menu);
      return TRUE;
    }

  return FALSE;
}

static void
fill_topics (AttacheSummaryPane *self)
{
  GPtrArray *topics = self->analysis->topics;
  guint n_topics = topics != NULL ? topics->len : 0;

  remove_all_children (GTK_WIDGET (self->topic_box));

  for (guint i = 0; i < n_topics; i++)
    {
      AttacheFoundTopic *topic = g_ptr_array_index (topics, i);
      g_autofree char *tooltip = NULL;
      GtkWidget *chip, *label, *child;

      if (topic->label == NULL || topic->label[0] == '\0')
        continue;

      label = gtk_label_new (topic->label);
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_label_set_max_width_chars (GTK_LABEL (label), 32);

      /* Translators: a tooltip on a topic of the article */
      tooltip = g_strdup_printf (_("Show Articles About “%s”"), topic->label);
      chip = gtk_button_new ();
      gtk_button_set_child (GTK_BUTTON (chip), label);
      gtk_widget_set_halign (chip, GTK_ALIGN_START);
      gtk_widget_set_tooltip_text (chip, tooltip);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (chip), "win.search-topic");
      gtk_actionable_set_action_target_value (GTK_ACTIONABLE (chip), g_variant_new_string (topic->label));
      gtk_widget_add_css_class (chip, "topic-chip");

      /* The chip takes the focus and the clicks, not its place in the box. */
      child = gtk_flow_box_child_new ();
      gtk_flow_box_child_set_child (GTK_FLOW_BOX_CHILD (child), chip);
      gtk_widget_set_focusable (child, FALSE);
      g_object_set_data_full (G_OBJECT (child), "attache-topic", g_strdup (topic->label), g_free);
      gtk_flow_box_append (self->topic_box, child);
    }

  gtk_widget_set_visible (self->topics_group, gtk_widget_get_first_child (GTK_WIDGET (self->topic_box)) != NULL);
}

static void
fill_subject (AttacheSummaryPane *self)
{
  const AttacheSubject *subject = self->analysis->subject;
  g_autofree char *label = NULL;
  g_autofree char *tooltip = NULL;

  gtk_widget_set_visible (self->subject_group, subject != NULL);
  if (subject == NULL)
    return;

  label = dup_subject_label (subject);
  /* Translators: a tooltip on an article's subject; %s is its code, "medtop:16000000" */
  tooltip = g_strdup_printf (_("IPTC Media Topic %s"), subject->code);
  gtk_label_set_text (self->subject_label, label);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->subject_label), tooltip);
}

/* The sentence at @span of the text, or NULL when the span does not fit it. */
static char *
dup_sentence (const char        *text,
              gsize              text_length,
              const AttacheSpan *span)
{
  g_autofree char *sentence = NULL;

  if (span->start >= span->end || span->end > text_length)
    return NULL;

  sentence = g_utf8_make_valid (text + span->start, span->end - span->start);
  g_strstrip (sentence);
  if (sentence[0] == '\0')
    return NULL;

  return g_steal_pointer (&sentence);
}

static void
fill_summary (AttacheSummaryPane *self)
{
  GArray *summary = self->analysis->summary;
  gsize text_length = self->text != NULL ? strlen (self->text) : 0;
  gboolean any = FALSE;

  remove_all_children (GTK_WIDGET (self->summary_box));

  for (guint i = 0; summary != NULL && self->text != NULL && i < summary->len; i++)
    {
      g_autofree char *sentence = dup_sentence (self->text, text_length,
                                                &g_array_index (summary, AttacheSpan, i));
      GtkWidget *label;

      if (sentence == NULL)
        continue;

      label = gtk_label_new (sentence);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
      gtk_label_set_selectable (GTK_LABEL (label), TRUE);
      gtk_widget_add_css_class (label, "summary-sentence");
      gtk_box_append (self->summary_box, label);
      any = TRUE;
    }

  gtk_widget_set_visible (self->summary_group, any);
}

/* A fingerprint of what fill_analysis () shows, so that reading the same
 * analysis again (the library's analyses change in bursts) redoes nothing. */
static char *
describe_analysis (AttacheSummaryPane *self)
{
  const AttacheAnalysis *analysis = self->analysis;
  GString *s = g_string_new (NULL);

  g_string_append_printf (s, "%" G_GINT64_FORMAT " %d %s %s|",
                          attache_article_get_id (self->article), analysis->analysed,
                          analysis->language != NULL ? analysis->language : "",
                          analysis->subject != NULL ? analysis->subject->code : "");

  for (guint i = 0; analysis->actors != NULL && i < analysis->actors->len; i++)
    {
      const AttacheFoundActor *actor = g_ptr_array_index (analysis->actors, i);

      /* The id too: the rows act on it, and a split or an undo may give
       * the same name another one. */
      g_string_append_printf (s, "%" G_GINT64_FORMAT "\t%s\t%d\t%u\t%.3f\t%s\n", actor->id, actor->name, actor->type,
                              actor->mentions, actor->salience,
                              actor->roles != NULL && actor->roles->len > 0
                                ? (const char *) g_ptr_array_index (actor->roles, 0) : "");
    }
  g_string_append_c (s, '|');
  for (guint i = 0; analysis->topics != NULL && i < analysis->topics->len; i++)
    g_string_append_printf (s, "%s\n", ((AttacheFoundTopic *) g_ptr_array_index (analysis->topics, i))->label);
  g_string_append_c (s, '|');
  for (guint i = 0; analysis->summary != NULL && i < analysis->summary->len; i++)
    {
      const AttacheSpan *span = &g_array_index (analysis->summary, AttacheSpan, i);

      g_string_append_printf (s, "%u-%u ", span->start, span->end);
    }
  g_string_append_printf (s, "|%d", self->text != NULL);

  return g_string_free (s, FALSE);
}

static void
show_message (AttacheSummaryPane *self,
              const char         *message,
              const char         *tooltip)
{
  gtk_label_set_text (self->message_label, message);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->message_label), tooltip);
  gtk_stack_set_visible_child_name (self->analysis_stack, "message");
}

static void
show_analysis (AttacheSummaryPane *self)
{
  g_autofree char *shown = NULL;

  g_assert (self->analysis != NULL);

  if (!self->analysis->analysed)
    {
      const char *language = self->analysis->language;
      g_autofree char *message = NULL;

      if (language == NULL)
        language = attache_article_get_language (self->article);

      if (language != NULL && language[0] != '\0')
        /* Translators: %s is a language's name, "French" */
        message = g_strdup_printf (_("Analysis is not available for %s"),
                                   attache_language_get_name (language));
      else
        message = g_strdup (_("Analysis is not available for this language"));

      show_message (self, message, message);
      g_clear_pointer (&self->shown, g_free);
      return;
    }

  shown = describe_analysis (self);
  if (g_strcmp0 (shown, self->shown) != 0)
    {
      g_free (self->shown);
      self->shown = g_steal_pointer (&shown);

      fill_actors (self);
      fill_topics (self);
      fill_subject (self);
      fill_summary (self);

      /* The actor chosen, with its mentions as they are now (or none, when
       * it was merged into another or hidden). */
      update_highlights (self);
    }

  if (!gtk_widget_get_visible (self->actors_group) &&
      !gtk_widget_get_visible (self->topics_group) &&
      !gtk_widget_get_visible (self->subject_group) &&
      !gtk_widget_get_visible (self->summary_group))
    {
      g_clear_pointer (&self->shown, g_free);
      show_message (self, _("Too little text to analyse"), NULL);
      return;
    }

  gtk_stack_set_visible_child_name (self->analysis_stack, "analysis");
}

static void
update_analysis (AttacheSummaryPane *self)
{
  gboolean analysing = FALSE;

  switch (self->article != NULL ? self->state : STATE_NONE)
    {
    case STATE_NONE:
      gtk_stack_set_visible_child_name (self->analysis_stack, "none");
      break;

    case STATE_NOT_FOUND:
      if (self->runner != NULL && attache_analysis_runner_get_busy (self->runner))
        {
          gtk_stack_set_visible_child_name (self->analysis_stack, "analysing");
          analysing = TRUE;
        }
      else if (self->runner != NULL && attache_analysis_runner_get_error (self->runner) != NULL)
        {
          const GError *error = attache_analysis_runner_get_error (self->runner);
          /* Translators: %s says why, e.g. "the disk is full" */
          g_autofree char *message = g_strdup_printf (_("Could not analyse the article: %s"), error->message);

          show_message (self, message, message);
        }
      else
        {
          show_message (self, _("Not analysed yet"), NULL);
        }
      break;

    case STATE_ERROR:
      {
        g_autofree char *message = g_strdup_printf (_("Could not read the analysis: %s"),
                                                    self->error->message);

        show_message (self, message, message);
      }
      break;

    case STATE_ANALYSIS:
      show_analysis (self);
      break;

    default:
      g_assert_not_reached ();
    }

  gtk_spinner_set_spinning (self->analysing_spinner, analysing);
  /* Nothing to say yet: the details alone, at the top. */
  gtk_widget_set_visible (GTK_WIDGET (self->analysis_stack),
                          g_strcmp0 (gtk_stack_get_visible_child_name (self->analysis_stack), "none") != 0);
}

static void
set_state (AttacheSummaryPane *self,
           State               state,
           AttacheAnalysis    *analysis,
           GError             *error)
{
  self->state = state;
  g_clear_pointer (&self->analysis, attache_analysis_free);
  g_clear_error (&self->error);
  self->analysis = analysis;
  self->error = error;

  update_analysis (self);
}

/* Reading the analysis */

static gboolean
needs_text (AttacheSummaryPane    *self,
            const AttacheAnalysis *analysis)
{
  return analysis->analysed &&
         analysis->summary != NULL && analysis->summary->len > 0 &&
         self->text_id != attache_article_get_id (self->article);
}

static void
get_article_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(AttacheSummaryPane) self = user_data;
  g_autoptr(AttacheArticle) article = NULL;
  g_autoptr(GError) error = NULL;

  article = attache_library_get_article_finish (ATTACHE_LIBRARY (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  g_clear_object (&self->cancellable);

  if (article != NULL)
    {
      g_free (self->text);
      self->text = g_strdup (attache_article_get_text (article));
      self->text_id = attache_article_get_id (article);
    }
  else
    {
      /* The rest of the analysis is worth showing without its summary;
       * said, not to look like an article without one. */
      _attache_add_toast (GTK_WIDGET (self),
                          _attache_error_toast_new (_("Could not read the article’s summary"), error));
    }

  set_state (self, STATE_ANALYSIS, g_steal_pointer (&self->pending_analysis), NULL);
}

static void
get_analysis_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(AttacheSummaryPane) self = user_data;
  g_autoptr(AttacheAnalysis) analysis = NULL;
  g_autoptr(GError) error = NULL;

  analysis = attache_library_get_analysis_finish (ATTACHE_LIBRARY (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (analysis != NULL && needs_text (self, analysis))
    {
      /* The summary is spans of the text, which the list's articles lack. */
      g_clear_pointer (&self->pending_analysis, attache_analysis_free);
      self->pending_analysis = g_steal_pointer (&analysis);
      attache_library_get_article_async (self->library, attache_article_get_id (self->article),
                                         self->cancellable, get_article_cb, g_object_ref (self));
      return;
    }

  g_clear_object (&self->cancellable);

  if (analysis != NULL)
    set_state (self, STATE_ANALYSIS, g_steal_pointer (&analysis), NULL);
  else if (g_error_matches (error, ATTACHE_DATABASE_ERROR, ATTACHE_DATABASE_ERROR_NOT_FOUND))
    set_state (self, STATE_NOT_FOUND, NULL, NULL);
  else
    set_state (self, STATE_ERROR, NULL, g_steal_pointer (&error));
}

/* Reads the shown article's analysis (and, for its summary, its text),
 * instead of whatever read was under way. What is shown stays until the
 * result is in. */
static void
load_analysis (AttacheSummaryPane *self)
{
  g_clear_handle_id (&self->reload_id, g_source_remove);
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->pending_analysis, attache_analysis_free);

  if (self->article == NULL || self->library == NULL)
    {
      set_state (self, STATE_NONE, NULL, NULL);
      return;
    }

  self->cancellable = g_cancellable_new ();
  attache_library_get_analysis_async (self->library, attache_article_get_id (self->article),
                                      self->cancellable, get_analysis_cb, g_object_ref (self));
}

static gboolean
reload_cb (gpointer user_data)
{
  AttacheSummaryPane *self = user_data;

  self->reload_id = 0;
  load_analysis (self);
  return G_SOURCE_REMOVE;
}

/* Reads the analysis again soon, once for a burst of changes. */
static void
schedule_reload (AttacheSummaryPane *self)
{
  if (self->article == NULL || self->library == NULL || self->reload_id != 0)
    return;

  self->reload_id = g_timeout_add (RELOAD_DELAY_MS, reload_cb, self);
  g_source_set_name_by_id (self->reload_id, "[attache] reload analysis");
}

static void
on_library_analyses_changed_cb (AttacheLibrary     *library,
                                AttacheSummaryPane *self)
{
  schedule_reload (self);
}

static void
on_runner_notify_busy_cb (AttacheAnalysisRunner *runner,
                          GParamSpec            *pspec,
                          AttacheSummaryPane    *self)
{
  update_analysis (self);

  /* Done, and this one still missing: read it once more, in case its
   * analysis was stored after the last read. */
  if (!attache_analysis_runner_get_busy (runner) && self->state == STATE_NOT_FOUND)
    schedule_reload (self);
}

/* Actions */

static void
select_actor_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  select_actor (ATTACHE_SUMMARY_PANE (widget), g_variant_get_int64 (parameter));
}

static GtkWindow *
get_window (AttacheSummaryPane *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

static void
actor_timeline_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  AttacheSummaryPane *self = ATTACHE_SUMMARY_PANE (widget);
  gint64 id = g_variant_get_int64 (parameter);
  const AttacheFoundActor *actor = find_actor (self, id);

  if (self->library == NULL || actor == NULL)
    return;

  gtk_window_present (GTK_WINDOW (attache_chart_window_new_actor_timeline (get_window (self), self->library,
                                                                          id, actor->name)));
}

static void
topic_timeline_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  AttacheSummaryPane *self = ATTACHE_SUMMARY_PANE (widget);

  if (self->library == NULL)
    return;

  gtk_window_present (GTK_WINDOW (attache_chart_window_new_topic_timeline (get_window (self), self->library,
                                                                          g_variant_get_string (parameter, NULL))));
}

static void
show_network_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  AttacheSummaryPane *self = ATTACHE_SUMMARY_PANE (widget);
  g_autoptr(GArray) ids = NULL;
  gint64 id;

  if (self->library == NULL || self->article == NULL)
    return;

  id = attache_article_get_id (self->article);
  ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_array_append_val (ids, id);
  gtk_window_present (GTK_WINDOW (attache_chart_window_new_network (get_window (self), self->library, ids,
                                                                   attache_article_get_title (self->article))));
}

/* GObject */

static void
attache_summary_pane_dispose (GObject *object)
{
  AttacheSummaryPane *self = ATTACHE_SUMMARY_PANE (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_handle_id (&self->reload_id, g_source_remove);
  if (self->library != NULL)
    {
      g_clear_signal_handler (&self->analyses_changed_id, self->library);
      g_clear_signal_handler (&self->actors_changed_id, self->library);
    }
  if (self->runner != NULL)
    g_clear_signal_handler (&self->busy_id, self->runner);
  if (self->reader != NULL)
    g_clear_signal_handler (&self->highlighting_id, self->reader);

  self->show_all_row = NULL;
  g_clear_pointer (&self->context_menu, gtk_widget_unparent);
  g_clear_pointer (&self->overview_panel, gtk_widget_unparent);
  gtk_widget_dispose_template (GTK_WIDGET (self), ATTACHE_TYPE_SUMMARY_PANE);
  g_clear_object (&self->article);
  g_clear_object (&self->library);
  g_clear_object (&self->runner);
  g_clear_object (&self->reader);

  G_OBJECT_CLASS (attache_summary_pane_parent_class)->dispose (object);
}

static void
attache_summary_pane_finalize (GObject *object)
{
  AttacheSummaryPane *self = ATTACHE_SUMMARY_PANE (object);

  g_clear_pointer (&self->analysis, attache_analysis_free);
  g_clear_pointer (&self->pending_analysis, attache_analysis_free);
  g_clear_error (&self->error);
  g_clear_pointer (&self->text, g_free);
  g_clear_pointer (&self->shown, g_free);

  G_OBJECT_CLASS (attache_summary_pane_parent_class)->finalize (object);
}

static void
attache_summary_pane_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  AttacheSummaryPane *self = ATTACHE_SUMMARY_PANE (object);

  switch (prop_id)
    {
    case PROP_ARTICLE:
      g_value_set_object (value, self->article);
      break;

    case PROP_LIBRARY:
      g_value_set_object (value, self->library);
      break;

    case PROP_ANALYSIS_RUNNER:
      g_value_set_object (value, self->runner);
      break;

    case PROP_READER:
      g_value_set_object (value, self->reader);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
attache_summary_pane_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  AttacheSummaryPane *self = ATTACHE_SUMMARY_PANE (object);

  switch (prop_id)
    {
    case PROP_ARTICLE:
      attache_summary_pane_set_article (self, g_value_get_object (value));
      break;

    case PROP_LIBRARY:
      attache_summary_pane_set_library (self, g_value_get_object (value));
      break;

    case PROP_ANALYSIS_RUNNER:
      attache_summary_pane_set_analysis_runner (self, g_value_get_object (value));
      break;

    case PROP_READER:
      attache_summary_pane_set_reader (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
attache_summary_pane_class_init (AttacheSummaryPaneClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = attache_summary_pane_dispose;
  object_class->finalize = attache_summary_pane_finalize;
  object_class->get_property = attache_summary_pane_get_property;
  object_class->set_property = attache_summary_pane_set_property;

  properties[PROP_ARTICLE] =
    g_param_spec_object ("article", NULL, NULL,
                         ATTACHE_TYPE_ARTICLE,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_LIBRARY] =
    g_param_spec_object ("library", NULL, NULL,
                         ATTACHE_TYPE_LIBRARY,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_ANALYSIS_RUNNER] =
    g_param_spec_object ("analysis-runner", NULL, NULL,
                         ATTACHE_TYPE_ANALYSIS_RUNNER,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_READER] =
    g_param_spec_object ("reader", NULL, NULL,
                         ATTACHE_TYPE_READER,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/attache/Attache/attache-summary-pane.ui");
  gtk_widget_class_bind_template_child (widget_class, AttacheSummaryPane, scroller);
  gtk_widget_class_bind_template_child (widget_class, AttacheSummaryPane, analysis_stack);
  gtk_widget_class_bind_template_child (widget_class, AttacheSummaryPane, analysing_spinner);
  gtk_widget_class_bind_template_child (widget_class, AttacheSummaryPane, message_label);
  gtk_widget_class_bind_template_child (widget_class, AttacheSummaryPane, actors_group);
  gtk_widget_class_bind_template_child (widget_class, AttacheSummaryPane, highlight_all_button);
  /* Not kept, but there for the tests to find. */
  gtk_widget_class_bind_template_child_full (widget_class, "network_button", FALSE, 0);
  gtk_widget_class_bind_template_child (widget_class, AttacheSummaryPane, actor_list);
  gtk_widget_class_bind_template_child (widget_class, AttacheSummaryPane, topics_group);
  gtk_widget_class_bind_template_child (widget_class, AttacheSummaryPane, topic_box);
  gtk_widget_class_bind_template_child (widget_class, AttacheSummaryPane, subject_group);
  gtk_widget_class_bind_template_child (widget_class, AttacheSummaryPane, subject_label);
  gtk_widget_class_bind_template_child (widget_class, AttacheSummaryPane, summary_group);
  gtk_widget_class_bind_template_child (widget_class, AttacheSummaryPane, summary_box);
  gtk_widget_class_bind_template_child (widget_class, AttacheSummaryPane, published_label);
  gtk_widget_class_bind_template_child (widget_class, AttacheSummaryPane, source_label);
  gtk_widget_class_bind_template_child (widget_class, AttacheSummaryPane, language_label);
  gtk_widget_class_bind_template_child (widget_class, AttacheSummaryPane, length_label);
  gtk_widget_class_bind_template_child (widget_class, AttacheSummaryPane, imported_label);
  gtk_widget_class_bind_template_child (widget_class, AttacheSummaryPane, origin_label);
  gtk_widget_class_bind_template_child (widget_class, AttacheSummaryPane, imported_row);
  gtk_widget_class_bind_template_child (widget_class, AttacheSummaryPane, origin_row);
  gtk_widget_class_bind_template_callback (widget_class, on_actor_list_row_activated_cb);
  /* Not kept: it names the window's win.add-actors-to-briefing. There for the tests. */
  gtk_widget_class_bind_template_child_full (widget_class, "add_actors_button", FALSE, 0);

  gtk_widget_class_bind_template_callback (widget_class, on_highlight_all_button_toggled_cb);

  gtk_widget_class_install_action (widget_class, "pane.select-actor", "x", select_actor_action);
  gtk_widget_class_install_action (widget_class, "pane.actor-timeline", "x", actor_timeline_action);
  gtk_widget_class_install_action (widget_class, "pane.topic-timeline", "s", topic_timeline_action);
  gtk_widget_class_install_action (widget_class, "pane.show-network", NULL, show_network_action);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_F10, GDK_SHIFT_MASK, popup_focus_menu_cb, NULL);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_Menu, 0, popup_focus_menu_cb, NULL);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "summarypane");
}

static void
attache_summary_pane_init (AttacheSummaryPane *self)
{
  GtkGesture *gesture;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->context_menu = gtk_popover_menu_new_from_model (NULL);
  gtk_popover_set_has_arrow (GTK_POPOVER (self->context_menu), FALSE);
  gtk_popover_set_position (GTK_POPOVER (self->context_menu), GTK_POS_BOTTOM);
  gtk_widget_set_halign (self->context_menu, GTK_ALIGN_START);
  gtk_widget_set_parent (self->context_menu, GTK_WIDGET (self));

  /* A secondary click, or a long press, on an actor or a topic: its menu. */
  gesture = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (gesture), GDK_BUTTON_SECONDARY);
  g_signal_connect (gesture, "pressed", G_CALLBACK (on_actor_list_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->actor_list), GTK_EVENT_CONTROLLER (gesture));
  gesture = gtk_gesture_long_press_new ();
  gtk_gesture_single_set_touch_only (GTK_GESTURE_SINGLE (gesture), TRUE);
  g_signal_connect (gesture, "pressed", G_CALLBACK (on_actor_list_long_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->actor_list), GTK_EVENT_CONTROLLER (gesture));

  gesture = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (gesture), GDK_BUTTON_SECONDARY);
  gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (gesture), GTK_PHASE_CAPTURE);
  g_signal_connect (gesture, "pressed", G_CALLBACK (on_topic_box_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->topic_box), GTK_EVENT_CONTROLLER (gesture));
  gesture = gtk_gesture_long_press_new ();
  gtk_gesture_single_set_touch_only (GTK_GESTURE_SINGLE (gesture), TRUE);
  gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (gesture), GTK_PHASE_CAPTURE);
  g_signal_connect (gesture, "pressed", G_CALLBACK (on_topic_box_long_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->topic_box), GTK_EVENT_CONTROLLER (gesture));

  update_fields (self);
  update_analysis (self);
}

GtkWidget *
attache_summary_pane_new (void)
{
  return g_object_new (ATTACHE_TYPE_SUMMARY_PANE, NULL);
}

AttacheArticle *
attache_summary_pane_get_article (AttacheSummaryPane *self)
{
  g_return_val_if_fail (ATTACHE_IS_SUMMARY_PANE (self), NULL);

  return self->article;
}

void
attache_summary_pane_set_article (AttacheSummaryPane *self,
                                  AttacheArticle     *article)
{
  gint64 old_id, new_id;

  g_return_if_fail (ATTACHE_IS_SUMMARY_PANE (self));
  g_return_if_fail (article == NULL || ATTACHE_IS_ARTICLE (article));

  old_id = self->article != NULL ? attache_article_get_id (self->article) : 0;
  if (!g_set_object (&self->article, article))
    return;
  new_id = article != NULL ? attache_article_get_id (article) : 0;

  update_fields (self);

  /* The list gives a new object for the same article when it reloads: the
   * analysis shown stays, and is read again. */
  if (article != NULL && new_id == old_id)
    {
      schedule_reload (self);
    }
  else
    {
      self->actors_expanded = FALSE;
      self->selected_actor_id = 0;
      self->highlighting = FALSE;
      g_signal_handlers_block_matched (self->highlight_all_button, G_SIGNAL_MATCH_DATA, 0, 0, NULL, NULL, self);
      gtk_toggle_button_set_active (self->highlight_all_button, FALSE);
      g_signal_handlers_unblock_matched (self->highlight_all_button, G_SIGNAL_MATCH_DATA, 0, 0, NULL, NULL, self);
      g_clear_pointer (&self->shown, g_free);
      set_state (self, STATE_NONE, NULL, NULL);
      gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (self->scroller)), 0);
      load_analysis (self);
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ARTICLE]);
}

AttacheLibrary *
attache_summary_pane_get_library (AttacheSummaryPane *self)
{
  g_return_val_if_fail (ATTACHE_IS_SUMMARY_PANE (self), NULL);

  return self->library;
}

void
attache_summary_pane_set_library (AttacheSummaryPane *self,
                                  AttacheLibrary     *library)
{
  g_return_if_fail (ATTACHE_IS_SUMMARY_PANE (self));
  g_return_if_fail (library == NULL || ATTACHE_IS_LIBRARY (library));

  if (self->library == library)
    return;

  if (self->library != NULL)
    {
      g_clear_signal_handler (&self->analyses_changed_id, self->library);
      g_clear_signal_handler (&self->actors_changed_id, self->library);
    }
  g_set_object (&self->library, library);
  if (library != NULL)
    {
      self->analyses_changed_id = g_signal_connect (library, "analyses-changed",
                                                    G_CALLBACK (on_library_analyses_changed_cb), self);
      /* The analyst's corrections (renamed, merged, hidden…): the actors shown
       * change with them. (The library says "analyses-changed" then too;
       * both come to one read.) */
      self->actors_changed_id = g_signal_connect (library, "actors-changed",
                                                  G_CALLBACK (on_library_analyses_changed_cb), self);
    }

  g_clear_pointer (&self->text, g_free);
  self->text_id = 0;
  g_clear_pointer (&self->shown, g_free);
  set_state (self, STATE_NONE, NULL, NULL);
  load_analysis (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LIBRARY]);
}

AttacheAnalysisRunner *
attache_summary_pane_get_analysis_runner (AttacheSummaryPane *self)
{
  g_return_val_if_fail (ATTACHE_IS_SUMMARY_PANE (self), NULL);

  return self->runner;
}

void
attache_summary_pane_set_analysis_runner (AttacheSummaryPane    *self,
                                          AttacheAnalysisRunner *runner)
{
  g_return_if_fail (ATTACHE_IS_SUMMARY_PANE (self));
  g_return_if_fail (runner == NULL || ATTACHE_IS_ANALYSIS_RUNNER (runner));

  if (self->runner == runner)
    return;

  if (self->runner != NULL)
    g_clear_signal_handler (&self->busy_id, self->runner);
  g_set_object (&self->runner, runner);
  if (runner != NULL)
    self->busy_id = g_signal_connect (runner, "notify::busy",
                                      G_CALLBACK (on_runner_notify_busy_cb), self);

  update_analysis (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ANALYSIS_RUNNER]);
}

AttacheReader *
attache_summary_pane_get_reader (AttacheSummaryPane *self)
{
  g_return_val_if_fail (ATTACHE_IS_SUMMARY_PANE (self), NULL);

  return self->reader;
}

void
attache_summary_pane_set_reader (AttacheSummaryPane *self,
                                 AttacheReader      *reader)
{
  g_return_if_fail (ATTACHE_IS_SUMMARY_PANE (self));
  g_return_if_fail (reader == NULL || ATTACHE_IS_READER (reader));

  if (self->reader == reader)
    return;

  if (self->reader != NULL)
    {
      g_clear_signal_handler (&self->highlighting_id, self->reader);
      if (self->highlighting)
        attache_reader_clear_highlights (self->reader);
    }
  g_set_object (&self->reader, reader);
  if (reader != NULL)
    self->highlighting_id = g_signal_connect (reader, "notify::highlighting",
                                              G_CALLBACK (on_reader_notify_highlighting_cb), self);

  self->highlighting = FALSE;
  update_highlights (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_READER]);
}

/* Overviews: several articles at once. The overview panel lies over the
 * article's scroller (the pane's layout is a bin); one of them is shown. */

void
attache_summary_pane_show_overview (AttacheSummaryPane    *self,
                                    const AttacheOverview *overview,
                                    const char            *heading)
{
  AttacheOverviewPanel *panel;

  g_return_if_fail (ATTACHE_IS_SUMMARY_PANE (self));

  if (self->overview_panel == NULL)
    {
      self->overview_panel = attache_overview_panel_new ();
      gtk_widget_set_parent (self->overview_panel, GTK_WIDGET (self));
    }
  panel = ATTACHE_OVERVIEW_PANEL (self->overview_panel);

  if (overview != NULL)
    attache_overview_panel_set_overview (panel, overview, heading);
  else
    attache_overview_panel_set_heading (panel, heading);
  attache_overview_panel_set_loading (panel, overview == NULL);

  gtk_widget_set_visible (self->overview_panel, TRUE);
  gtk_widget_set_visible (self->scroller, FALSE);
}

void
attache_summary_pane_hide_overview (AttacheSummaryPane *self)
{
  g_return_if_fail (ATTACHE_IS_SUMMARY_PANE (self));

  if (self->overview_panel == NULL)
    return;

  attache_overview_panel_set_loading (ATTACHE_OVERVIEW_PANEL (self->overview_panel), FALSE);
  gtk_widget_set_visible (self->overview_panel, FALSE);
  gtk_widget_set_visible (self->scroller, TRUE);
}

gboolean
attache_summary_pane_get_showing_overview (AttacheSummaryPane *self)
{
  g_return_val_if_fail (ATTACHE_IS_SUMMARY_PANE (self), FALSE);

  return self->overview_panel != NULL && gtk_widget_get_visible (self->overview_panel);
}
