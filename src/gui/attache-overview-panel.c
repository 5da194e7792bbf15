/* attache-overview-panel.c: who and what several articles are about, in the summary pane
 *
 * What the summary pane shows for a selection of articles, or for a search's
 * results when none is selected: the actors (in how many of the articles,
 * named how often), the topics, the subjects and the sources, each with its
 * number of articles, and the days the articles span. Each of them is a way
 * in: activating it searches for the articles that have it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "attache-overview-panel"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "attache-actor-ui-private.h"
#include "attache-format.h"
#include "attache-overview-panel.h"

/* Up to this many actors at once; past it, the first N_ACTORS_FOLDED and a
 * row that shows the others (as the pane does for one article). */
#define MAX_ACTORS_SHOWN 12
#define N_ACTORS_FOLDED  10

/* Topics, subjects and sources: the most common. */
#define MAX_COUNTS_SHOWN 12

struct _AttacheOverviewPanel
{
  GtkWidget        parent_instance;

  GtkWidget       *scroller;
  GtkWidget       *content;
  GtkLabel        *heading_label;
  GtkSpinner      *spinner;
  GtkLabel        *dates_label;
  GtkLabel        *analysed_label;
  GtkWidget       *actors_group;
  GtkListBox      *actor_list;
  GtkWidget       *topics_group;
  GtkFlowBox      *topic_box;
  GtkWidget       *subjects_group;
  GtkListBox      *subject_list;
  GtkWidget       *sources_group;
  GtkListBox      *source_list;

  AttacheOverview *overview;      /* owned, or NULL */
  GtkWidget       *show_all_row;  /* in actor_list, or NULL */
  gboolean         actors_expanded;
  gboolean         loading;
};

G_DEFINE_FINAL_TYPE (AttacheOverviewPanel, attache_overview_panel, GTK_TYPE_WIDGET)

static void
remove_all_children (GtkWidget *widget)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (widget)) != NULL)
    {
      if (GTK_IS_LIST_BOX (widget))
        gtk_list_box_remove (GTK_LIST_BOX (widget), child);
      else
        gtk_flow_box_remove (GTK_FLOW_BOX (widget), child);
    }
}

static GtkWidget *
new_caption (const char *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_widget_add_css_class (label, "caption");
  gtk_widget_add_css_class (label, "dim-label");
  return label;
}

/* "2 articles · 5 mentions" */
static char *
format_actor_counts (const AttacheOverviewActor *actor)
{
  g_autofree char *articles = g_strdup_printf (ngettext ("%u article", "%u articles", actor->articles),
                                               actor->articles);
  g_autofree char *mentions = g_strdup_printf (ngettext ("%u mention", "%u mentions", actor->mentions),
                                               actor->mentions);

  /* Translators: how many of the articles name an actor, then how often in all: "2 articles · 5 mentions" */
  return g_strdup_printf (_("%s · %s"), articles, mentions);
}

static GtkWidget *
new_actor_row (const AttacheOverviewActor *actor,
               guint                       n_articles)
{
  g_autofree char *counts = format_actor_counts (actor);
  g_autofree char *tooltip = NULL;
  GtkWidget *row, *box, *text_box, *count_label, *bar;

  box = _attache_actor_row_box_new (actor->type, actor->name, &text_box);
  count_label = new_caption (counts);
  gtk_widget_add_css_class (count_label, "actor-counts");
  gtk_widget_add_css_class (count_label, "numeric");
  gtk_box_append (GTK_BOX (text_box), count_label);

  /* The share of the articles that name it. */
  bar = gtk_level_bar_new_for_interval (0.0, 1.0);
  gtk_level_bar_set_value (GTK_LEVEL_BAR (bar),
                           n_articles > 0 ? CLAMP ((double) actor->articles / n_articles, 0.0, 1.0) : 0.0);
  gtk_level_bar_remove_offset_value (GTK_LEVEL_BAR (bar), GTK_LEVEL_BAR_OFFSET_LOW);
  gtk_level_bar_remove_offset_value (GTK_LEVEL_BAR (bar), GTK_LEVEL_BAR_OFFSET_HIGH);
  gtk_level_bar_remove_offset_value (GTK_LEVEL_BAR (bar), GTK_LEVEL_BAR_OFFSET_FULL);
  gtk_widget_set_valign (bar, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (bar, "share");
  gtk_box_append (GTK_BOX (box), bar);

  row = gtk_list_box_row_new ();
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_widget_add_css_class (row, "overview-actor");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (row), "win.search-actor");
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (row), g_variant_new_int64 (actor->id));
  /* Translators: a tooltip on an actor of the overview; %s is its name */
  tooltip = g_strdup_printf (_("Show the articles naming %s"), actor->name);
  gtk_widget_set_tooltip_text (row, tooltip);
  return row;
}

static void
fill_actors (AttacheOverviewPanel *self)
{
  GPtrArray *actors = self->overview->actors;
  guint n_shown = actors->len;

  remove_all_children (GTK_WIDGET (self->actor_list));
  self->show_all_row = NULL;

  if (actors->len > MAX_ACTORS_SHOWN && !self->actors_expanded)
    n_shown = N_ACTORS_FOLDED;

  for (guint i = 0; i < n_shown; i++)
    gtk_list_box_append (self->actor_list, new_actor_row (actors->pdata[i], self->overview->n_articles));

  if (n_shown < actors->len)
    {
      self->show_all_row = _attache_actor_show_all_row_new (actors->len);
      gtk_list_box_append (self->actor_list, self->show_all_row);
    }

  gtk_widget_set_visible (self->actors_group, actors->len > 0);
}

static void
on_actor_list_row_activated_cb (GtkListBox           *list,
                                GtkListBoxRow        *row,
                                AttacheOverviewPanel *self)
{
  if (self->show_all_row == NULL || GTK_WIDGET (row) != self->show_all_row)
    return;

  self->actors_expanded = TRUE;
  fill_actors (self);
}

static void
fill_topics (AttacheOverviewPanel *self)
{
  GPtrArray *topics = self->overview->topics;
  guint n_shown = 0;

  remove_all_children (GTK_WIDGET (self->topic_box));

  for (guint i = 0; i < topics->len && n_shown < MAX_COUNTS_SHOWN; i++)
    {
      const AttacheOverviewCount *topic = topics->pdata[i];
      g_autofree char *count = NULL;
      g_autofree char *tooltip = NULL;
      GtkWidget *button, *box, *label, *count_label, *child;

      if (topic->label == NULL || topic->label[0] == '\0')
        continue;

      box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
      label = gtk_label_new (topic->label);
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_label_set_max_width_chars (GTK_LABEL (label), 28);
      gtk_box_append (GTK_BOX (box), label);
      count = g_strdup_printf ("%u", topic->articles);
      count_label = gtk_label_new (count);
      gtk_widget_add_css_class (count_label, "topic-count");
      gtk_widget_add_css_class (count_label, "numeric");
      gtk_box_append (GTK_BOX (box), count_label);

      button = gtk_button_new ();
      gtk_button_set_child (GTK_BUTTON (button), box);
      gtk_widget_add_css_class (button, "topic-chip");
      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "win.search-topic");
      gtk_actionable_set_action_target_value (GTK_ACTIONABLE (button), g_variant_new_string (topic->label));
      /* Translators: a tooltip on a topic of the overview; %s is the topic */
      tooltip = g_strdup_printf (_("Show the articles on “%s”"), topic->label);
      gtk_widget_set_tooltip_text (button, tooltip);

      child = gtk_flow_box_child_new ();
      gtk_flow_box_child_set_child (GTK_FLOW_BOX_CHILD (child), button);
      gtk_widget_set_focusable (child, FALSE);
      gtk_flow_box_append (self->topic_box, child);
      n_shown++;
    }

  gtk_widget_set_visible (self->topics_group, n_shown > 0);
}

/* Rows of a label and its number of articles, activating @action_name with
 * the label as the target; with @subjects the labels are IPTC codes, shown
 * by their names. */
static void
fill_counts (GtkListBox *list,
             GtkWidget  *group,
             GPtrArray  *counts,
             gboolean    subjects,
             const char *action_name)
{
  guint n_shown = 0;

  remove_all_children (GTK_WIDGET (list));

  for (guint i = 0; i < counts->len && n_shown < MAX_COUNTS_SHOWN; i++)
    {
      const AttacheOverviewCount *count = counts->pdata[i];
      g_autofree char *label_text = NULL;
      g_autofree char *number = NULL;
      GtkWidget *row, *box, *label, *number_label;

      if (count->label == NULL || count->label[0] == '\0')
        continue;

      label_text = subjects ? attache_format_subject (count->label) : g_strdup (count->label);
      number = g_strdup_printf ("%u", count->articles);

      box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
      gtk_widget_add_css_class (box, "overview-count");
      label = gtk_label_new (label_text);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
      gtk_widget_set_hexpand (label, TRUE);
      gtk_widget_add_css_class (label, "count-label");
      gtk_box_append (GTK_BOX (box), label);
      number_label = gtk_label_new (number);
      gtk_widget_set_valign (number_label, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (number_label, "count-number");
      gtk_widget_add_css_class (number_label, "numeric");
      gtk_box_append (GTK_BOX (box), number_label);

      row = gtk_list_box_row_new ();
      gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (row), action_name);
      gtk_actionable_set_action_target_value (GTK_ACTIONABLE (row), g_variant_new_string (count->label));
      gtk_list_box_append (list, row);
      n_shown++;
    }

  gtk_widget_set_visible (group, n_shown > 0);
}

static void
fill_dates (AttacheOverviewPanel *self)
{
  const AttacheOverview *overview = self->overview;
  g_autofree char *from = attache_format_date_text (overview->from);
  g_autofree char *to = attache_format_date_text (overview->to);
  g_autofree char *dates = NULL;
  g_autofree char *analysed = NULL;

  if (from != NULL && to != NULL && g_strcmp0 (overview->from, overview->to) != 0)
    /* Translators: the days some articles span: "5 Mar 2024 – 20 Apr 2024" */
    dates = g_strdup_printf (_("%s – %s"), from, to);
  else if (from != NULL)
    dates = g_strdup (from);

  gtk_label_set_text (self->dates_label, dates != NULL ? dates : "");
  gtk_widget_set_visible (GTK_WIDGET (self->dates_label), dates != NULL);

  if (overview->n_articles > 0 && overview->n_analysed == 0)
    analysed = g_strdup (_("Not analysed yet"));
  else if (overview->n_analysed < overview->n_articles)
    /* Translators: how many of the articles the overview counts were analysed: "2 of 3 analysed" */
    analysed = g_strdup_printf (ngettext ("%u of %u analysed", "%u of %u analysed", overview->n_articles),
                                overview->n_analysed, overview->n_articles);

  gtk_label_set_text (self->analysed_label, analysed != NULL ? analysed : "");
  gtk_widget_set_visible (GTK_WIDGET (self->analysed_label), analysed != NULL);
}

static void
update (AttacheOverviewPanel *self)
{
  if (self->overview == NULL)
    {
      gtk_widget_set_visible (self->actors_group, FALSE);
      gtk_widget_set_visible (self->topics_group, FALSE);
      gtk_widget_set_visible (self->subjects_group, FALSE);
      gtk_widget_set_visible (self->sources_group, FALSE);
      gtk_widget_set_visible (GTK_WIDGET (self->dates_label), FALSE);
      gtk_widget_set_visible (GTK_WIDGET (self->analysed_label), FALSE);
      return;
    }

  fill_dates (self);
  fill_actors (self);
  fill_topics (self);
  fill_counts (self->subject_list, self->subjects_group, self->overview->subjects, TRUE, "win.search-subject");
  fill_counts (self->source_list, self->sources_group, self->overview->sources, FALSE, "win.search-source");
}

/* A titled group of the pane, as the summary pane's. */
static GtkWidget *
new_group (const char *title,
           GtkWidget  *child)
{
  GtkWidget *group = adw_preferences_group_new ();

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), title);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), child);
  return group;
}

static GtkListBox *
new_boxed_list (void)
{
  GtkWidget *list = gtk_list_box_new ();

  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  return GTK_LIST_BOX (list);
}

static void
attache_overview_panel_dispose (GObject *object)
{
  AttacheOverviewPanel *self = ATTACHE_OVERVIEW_PANEL (object);

  self->show_all_row = NULL;
  g_clear_pointer (&self->scroller, gtk_widget_unparent);

  G_OBJECT_CLASS (attache_overview_panel_parent_class)->dispose (object);
}

static void
attache_overview_panel_finalize (GObject *object)
{
  AttacheOverviewPanel *self = ATTACHE_OVERVIEW_PANEL (object);

  g_clear_pointer (&self->overview, attache_overview_free);

  G_OBJECT_CLASS (attache_overview_panel_parent_class)->finalize (object);
}

static void
attache_overview_panel_class_init (AttacheOverviewPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = attache_overview_panel_dispose;
  object_class->finalize = attache_overview_panel_finalize;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "overviewpanel");
}

static void
attache_overview_panel_init (AttacheOverviewPanel *self)
{
  GtkWidget *header, *heading_box, *flow, *network_button;

  self->content = gtk_box_new (GTK_ORIENTATION_VERTICAL, 24);
  gtk_widget_set_margin_top (self->content, 24);
  gtk_widget_set_margin_bottom (self->content, 24);
  gtk_widget_set_margin_start (self->content, 18);
  gtk_widget_set_margin_end (self->content, 18);

  /* The heading, the days and how many were analysed. */
  header = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  gtk_widget_set_margin_start (header, 6);
  gtk_widget_set_margin_end (header, 6);
  heading_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  self->heading_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->heading_label, 0);
  gtk_label_set_wrap (self->heading_label, TRUE);
  gtk_widget_set_hexpand (GTK_WIDGET (self->heading_label), TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->heading_label), "title-4");
  gtk_widget_add_css_class (GTK_WIDGET (self->heading_label), "overview-heading");
  gtk_box_append (GTK_BOX (heading_box), GTK_WIDGET (self->heading_label));
  self->spinner = GTK_SPINNER (gtk_spinner_new ());
  gtk_widget_set_valign (GTK_WIDGET (self->spinner), GTK_ALIGN_CENTER);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), FALSE);
  gtk_box_append (GTK_BOX (heading_box), GTK_WIDGET (self->spinner));
  gtk_box_append (GTK_BOX (header), heading_box);
  self->dates_label = GTK_LABEL (new_caption (NULL));
  gtk_widget_add_css_class (GTK_WIDGET (self->dates_label), "overview-dates");
  gtk_box_append (GTK_BOX (header), GTK_WIDGET (self->dates_label));
  self->analysed_label = GTK_LABEL (new_caption (NULL));
  gtk_widget_add_css_class (GTK_WIDGET (self->analysed_label), "overview-analysed");
  gtk_box_append (GTK_BOX (header), GTK_WIDGET (self->analysed_label));
  gtk_box_append (GTK_BOX (self->content), header);

  self->actor_list = new_boxed_list ();
  g_signal_connect (self->actor_list, "row-activated", G_CALLBACK (on_actor_list_row_activated_cb), self);
  self->actors_group = new_group (_("Key Actors"), GTK_WIDGET (self->actor_list));
  /* The network of these articles' actors, in a window of its own. */
  network_button = gtk_button_new_from_icon_name ("network-workgroup-symbolic");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (network_button), "win.show-overview-network");
  gtk_widget_set_tooltip_text (network_button, _("Actor Network of These Articles"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (network_button), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Actor Network of These Articles"), -1);
  gtk_widget_set_valign (network_button, GTK_ALIGN_END);
  gtk_widget_add_css_class (network_button, "flat");
  gtk_widget_add_css_class (network_button, "overview-network");
  adw_preferences_group_set_header_suffix (ADW_PREFERENCES_GROUP (self->actors_group), network_button);
  gtk_box_append (GTK_BOX (self->content), self->actors_group);

  flow = gtk_flow_box_new ();
  gtk_flow_box_set_selection_mode (GTK_FLOW_BOX (flow), GTK_SELECTION_NONE);
  gtk_flow_box_set_homogeneous (GTK_FLOW_BOX (flow), FALSE);
  gtk_flow_box_set_column_spacing (GTK_FLOW_BOX (flow), 6);
  gtk_flow_box_set_row_spacing (GTK_FLOW_BOX (flow), 6);
  gtk_flow_box_set_max_children_per_line (GTK_FLOW_BOX (flow), 12);
  self->topic_box = GTK_FLOW_BOX (flow);
  self->topics_group = new_group (_("Topics"), flow);
  gtk_box_append (GTK_BOX (self->content), self->topics_group);

  self->subject_list = new_boxed_list ();
  self->subjects_group = new_group (_("Subjects"), GTK_WIDGET (self->subject_list));
  gtk_box_append (GTK_BOX (self->content), self->subjects_group);

  self->source_list = new_boxed_list ();
  self->sources_group = new_group (_("Sources"), GTK_WIDGET (self->source_list));
  gtk_box_append (GTK_BOX (self->content), self->sources_group);

  self->scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (self->scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (self->scroller), self->content);
  gtk_widget_set_parent (self->scroller, GTK_WIDGET (self));

  update (self);
}

GtkWidget *
attache_overview_panel_new (void)
{
  return g_object_new (ATTACHE_TYPE_OVERVIEW_PANEL, NULL);
}

void
attache_overview_panel_set_overview (AttacheOverviewPanel  *self,
                                     const AttacheOverview *overview,
                                     const char            *heading)
{
  g_return_if_fail (ATTACHE_IS_OVERVIEW_PANEL (self));

  g_clear_pointer (&self->overview, attache_overview_free);
  if (overview != NULL)
    self->overview = attache_overview_copy (overview);
  self->actors_expanded = FALSE;

  gtk_label_set_text (self->heading_label, heading != NULL ? heading : "");
  update (self);
}

void
attache_overview_panel_set_heading (AttacheOverviewPanel *self,
                                    const char           *heading)
{
  g_return_if_fail (ATTACHE_IS_OVERVIEW_PANEL (self));

  gtk_label_set_text (self->heading_label, heading != NULL ? heading : "");
}

const AttacheOverview *
attache_overview_panel_get_overview (AttacheOverviewPanel *self)
{
  g_return_val_if_fail (ATTACHE_IS_OVERVIEW_PANEL (self), NULL);

  return self->overview;
}

void
attache_overview_panel_set_loading (AttacheOverviewPanel *self,
                                    gboolean              loading)
{
  g_return_if_fail (ATTACHE_IS_OVERVIEW_PANEL (self));

  self->loading = !!loading;
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), self->loading);
  gtk_spinner_set_spinning (self->spinner, self->loading);
  if (self->loading)
    gtk_widget_add_css_class (self->content, "loading");
  else
    gtk_widget_remove_css_class (self->content, "loading");
}

gboolean
attache_overview_panel_get_loading (AttacheOverviewPanel *self)
{
  g_return_val_if_fail (ATTACHE_IS_OVERVIEW_PANEL (self), FALSE);

  return self->loading;
}
