/* attache-summary-pane.c: the facts about the selected article and its analysis, beside the reader
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "attache-summary-pane"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <string.h>

#include "attache-database.h"
#include "attache-format.h"
#include "attache-language.h"
#include "attache-overview-panel.h"
#include "attache-summary-pane.h"

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
  gulong                 analyses_changed_id;
  gulong                 busy_id;

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

  GtkWidget             *overview_panel; /* AttacheOverviewPanel, a child; NULL until needed */
};

G_DEFINE_FINAL_TYPE (AttacheSummaryPane, attache_summary_pane, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_ARTICLE,
  PROP_LIBRARY,
  PROP_ANALYSIS_RUNNER,
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

/* The IPTC Media Topics as people read them; the library keeps IPTC's own
 * lower-case English labels. */
#define SUBJECT_CONTEXT "IPTC subject"

static const struct
{
  const char *code;
  const char *label;   /* in the context SUBJECT_CONTEXT */
} subject_labels[] = {
  { "medtop:01000000", NC_("IPTC subject", "Arts, culture, entertainment and media") },
  { "medtop:02000000", NC_("IPTC subject", "Crime, law and justice") },
  { "medtop:03000000", NC_("IPTC subject", "Disaster, accident and emergency incident") },
  { "medtop:04000000", NC_("IPTC subject", "Economy, business and finance") },
  { "medtop:05000000", NC_("IPTC subject", "Education") },
  { "medtop:06000000", NC_("IPTC subject", "Environment") },
  { "medtop:07000000", NC_("IPTC subject", "Health") },
  { "medtop:08000000", NC_("IPTC subject", "Human interest") },
  { "medtop:09000000", NC_("IPTC subject", "Labour") },
  { "medtop:10000000", NC_("IPTC subject", "Lifestyle and leisure") },
  { "medtop:11000000", NC_("IPTC subject", "Politics") },
  { "medtop:12000000", NC_("IPTC subject", "Religion") },
  { "medtop:13000000", NC_("IPTC subject", "Science and technology") },
  { "medtop:14000000", NC_("IPTC subject", "Society") },
  { "medtop:15000000", NC_("IPTC subject", "Sport") },
  { "medtop:16000000", NC_("IPTC subject", "Conflict, war and peace") },
  { "medtop:17000000", NC_("IPTC subject", "Weather") },
};

/* "Conflict, war and peace" for medtop:16000000, translated; for a code not
 * known here, its label with a capital. */
static char *
dup_subject_label (const AttacheSubject *subject)
{
  g_autofree char *first = NULL;
  const char *rest;

  for (guint i = 0; i < G_N_ELEMENTS (subject_labels); i++)
    if (g_strcmp0 (subject->code, subject_labels[i].code) == 0)
      return g_strdup (g_dpgettext2 (NULL, SUBJECT_CONTEXT, subject_labels[i].label));

  if (subject->label == NULL || subject->label[0] == '\0')
    return g_strdup (subject->code);

  rest = g_utf8_next_char (subject->label);
  first = g_utf8_strup (subject->label, rest - subject->label);
  return g_strconcat (first, rest, NULL);
}

static const char *
actor_type_icon_name (AttacheActorType type)
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

static const char *
actor_type_name (AttacheActorType type)
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

static GtkWidget *
new_actor_row (const AttacheFoundActor *actor)
{
  const char *role = NULL;
  g_autofree char *mentions = NULL;
  g_autofree char *tooltip = NULL;
  GtkWidget *row, *box, *icon, *text_box, *name, *count_box, *count, *bar;

  if (actor->roles != NULL && actor->roles->len > 0)
    role = g_ptr_array_index (actor->roles, 0);

  box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  gtk_widget_add_css_class (box, "actor");

  icon = gtk_image_new_from_icon_name (actor_type_icon_name (actor->type));
  gtk_widget_set_valign (icon, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (icon, actor_type_name (actor->type));
  gtk_widget_add_css_class (icon, "actor-type");
  gtk_box_append (GTK_BOX (box), icon);

  text_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  gtk_widget_set_hexpand (text_box, TRUE);
  gtk_widget_set_valign (text_box, GTK_ALIGN_CENTER);
  name = gtk_label_new (actor->name);
  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_label_set_wrap (GTK_LABEL (name), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (name), PANGO_WRAP_WORD_CHAR);
  gtk_widget_add_css_class (name, "actor-name");
  gtk_box_append (GTK_BOX (text_box), name);
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
  gtk_box_append (GTK_BOX (box), text_box);

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

  row = gtk_list_box_row_new ();
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  return row;
}

static GtkWidget *
new_show_all_row (guint n_actors)
{
  g_autofree char *text = NULL;
  GtkWidget *row, *label;

  /* Translators: at the end of a list of the people, organisations and places an article names */
  text = g_strdup_printf (ngettext ("Show All %u Actor", "Show All %u Actors", n_actors), n_actors);
  label = gtk_label_new (text);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_justify (GTK_LABEL (label), GTK_JUSTIFY_CENTER);
  gtk_widget_add_css_class (label, "show-all");

  row = gtk_list_box_row_new ();
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), label);
  return row;
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
    gtk_list_box_append (self->actor_list, new_actor_row (g_ptr_array_index (actors, i)));

  if (n_shown < n_actors)
    {
      self->show_all_row = new_show_all_row (n_actors);
      gtk_list_box_append (self->actor_list, self->show_all_row);
    }

  gtk_widget_set_visible (self->actors_group, n_actors > 0);
}

static void
on_actor_list_row_activated_cb (GtkListBox         *list,
                                GtkListBoxRow      *row,
                                AttacheSummaryPane *self)
{
  if (self->show_all_row == NULL || GTK_WIDGET (row) != self->show_all_row)
    return;

  self->actors_expanded = TRUE;
  fill_actors (self);
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
      GtkWidget *chip;
      GtkWidget *child;

      if (topic->label == NULL || topic->label[0] == '\0')
        continue;

      chip = gtk_label_new (topic->label);
      gtk_widget_set_halign (chip, GTK_ALIGN_START);
      gtk_label_set_ellipsize (GTK_LABEL (chip), PANGO_ELLIPSIZE_END);
      gtk_label_set_max_width_chars (GTK_LABEL (chip), 32);
      gtk_widget_add_css_class (chip, "topic-chip");

      /* Only words, for now: not a thing to focus or press. */
      child = gtk_flow_box_child_new ();
      gtk_flow_box_child_set_child (GTK_FLOW_BOX_CHILD (child), chip);
      gtk_widget_set_focusable (child, FALSE);
      gtk_widget_set_can_target (child, FALSE);
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

      g_string_append_printf (s, "%s\t%d\t%u\t%.3f\t%s\n", actor->name, actor->type,
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
      /* The rest of the analysis is worth showing without its summary. */
      g_debug ("Could not read the text of article %" G_GINT64_FORMAT ": %s",
               attache_article_get_id (self->article), error->message);
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
    g_clear_signal_handler (&self->analyses_changed_id, self->library);
  if (self->runner != NULL)
    g_clear_signal_handler (&self->busy_id, self->runner);

  self->show_all_row = NULL;
  g_clear_pointer (&self->overview_panel, gtk_widget_unparent);
  gtk_widget_dispose_template (GTK_WIDGET (self), ATTACHE_TYPE_SUMMARY_PANE);
  g_clear_object (&self->article);
  g_clear_object (&self->library);
  g_clear_object (&self->runner);

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

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/attache/Attache/attache-summary-pane.ui");
  gtk_widget_class_bind_template_child (widget_class, AttacheSummaryPane, scroller);
  gtk_widget_class_bind_template_child (widget_class, AttacheSummaryPane, analysis_stack);
  gtk_widget_class_bind_template_child (widget_class, AttacheSummaryPane, analysing_spinner);
  gtk_widget_class_bind_template_child (widget_class, AttacheSummaryPane, message_label);
  gtk_widget_class_bind_template_child (widget_class, AttacheSummaryPane, actors_group);
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

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "summarypane");
}

static void
attache_summary_pane_init (AttacheSummaryPane *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
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
    g_clear_signal_handler (&self->analyses_changed_id, self->library);
  g_set_object (&self->library, library);
  if (library != NULL)
    self->analyses_changed_id = g_signal_connect (library, "analyses-changed",
                                                  G_CALLBACK (on_library_analyses_changed_cb), self);

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
