/* test-search-window.c: searching and exploring in the real window, under Xvfb
 *
 * The search bar with words and filters (through Add Filter's popover and the
 * chips), win.search-actor and win.search-topic, several articles selected
 * and the summary pane's overview of them, and saved searches (save, choose,
 * rename, delete, Undo). The library is a real file; the articles' analyses
 * are stored through attache_library_store_analysis (), the path the
 * analyser's results take, so that the actors and their counts are known.
 * Renders search.png in G_TEST_BUILDDIR for a person to look at.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <adwaita.h>

#include "attache-actors.h"
#include "attache-application.h"
#include "attache-article-row.h"
#include "attache-briefing-store.h"
#include "attache-briefings-view.h"
#include "attache-chart-window.h"
#include "attache-compat.h"
#include "attache-database-private.h"
#include "attache-filter-popover.h"
#include "attache-library.h"
#include "attache-network-view.h"
#include "attache-overview-panel.h"
#include "attache-reader.h"
#include "attache-saved-search-list.h"
#include "attache-search-bar.h"
#include "attache-search.h"
#include "attache-subject.h"
#include "attache-summary-pane.h"
#include "attache-window.h"

#include "test-helpers.h"
#include "test-ui-helpers.h"

#define WAIT_SECONDS 10

/* Fictional articles written for these tests, with the actors each names,
 * the forms they are named by, and their salience. */

static const char corridor_text[] =
  "Valmora and Estrand opened the grain corridor on Tuesday. Ilse Marran welcomed the first "
  "convoys of ships and said the corridor would stay open all year.\n"
  "\n"
  "Marran thanked the crews of the escort vessels.";
static const char strike_text[] =
  "Dockworkers in Kessel walked out over automation plans. The Harbour Authority said talks "
  "would continue on Thursday. Ilse Marran urged calm on both sides.";
static const char election_text[] =
  "Estrand will hold a snap election in May, the government of Estrand announced. The grain "
  "corridor was not discussed by the candidates.";
static const char cup_text[] =
  "Kessel Rovers won the cup final in extra time before a full stadium in Valmora.";
static const char quotas_text[] =
  "Fisheries ministers agreed to cut mackerel quotas by a tenth. Ilse Marran said Valmora would "
  "set up a joint inspection service with its neighbours.";

#define CORRIDOR_TITLE "Grain corridor opens to convoys"
#define STRIKE_TITLE   "Dockers strike over automation in Kessel"
#define ELECTION_TITLE "Estrand calls a snap election"
#define CUP_TITLE      "Rovers win the cup in extra time"
#define QUOTAS_TITLE   "Fishing quotas cut by a tenth"

typedef struct
{
  char           *dir;
  AttacheLibrary *library;
  AttacheWindow  *window;
  gint64          corridor, strike, election, cup, quotas;
} Fixture;

/* The window's parts */

#define window_child(fixture, name) \
  get_child (ATTACHE_TYPE_WINDOW, GTK_WIDGET ((fixture)->window), (name))

static AttacheSearchBar *
search_bar (Fixture *fixture)
{
  return window_child (fixture, "search_bar");
}

#define bar_child(fixture, name) \
  get_child (ATTACHE_TYPE_SEARCH_BAR, GTK_WIDGET (search_bar (fixture)), (name))

static GListModel *
get_articles (Fixture *fixture)
{
  return G_LIST_MODEL (gtk_list_view_get_model (window_child (fixture, "article_list_view")));
}

static GtkSelectionModel *
get_selection (Fixture *fixture)
{
  return GTK_SELECTION_MODEL (get_articles (fixture));
}

/* The titles listed, in order, as "A|B|C". */
static char *
listed_titles (Fixture *fixture)
{
  GListModel *articles = get_articles (fixture);
  GString *titles = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (articles); i++)
    {
      g_autoptr(AttacheArticle) article = g_list_model_get_item (articles, i);

      g_string_append_printf (titles, "%s%s", i > 0 ? "|" : "", attache_article_get_title (article));
    }

  return g_string_free (titles, FALSE);
}

static gboolean
lists (Fixture    *fixture,
       const char *titles)
{
  g_autofree char *listed = listed_titles (fixture);

  return g_strcmp0 (listed, titles) == 0;
}

static guint
find_listed (Fixture *fixture,
             gint64   id)
{
  GListModel *articles = get_articles (fixture);

  for (guint i = 0; i < g_list_model_get_n_items (articles); i++)
    {
      g_autoptr(AttacheArticle) article = g_list_model_get_item (articles, i);

      if (attache_article_get_id (article) == id)
        return i;
    }

  g_error ("Article %" G_GINT64_FORMAT " is not listed", id);
}

static const char *
subtitle (Fixture *fixture)
{
  return adw_window_title_get_subtitle (window_child (fixture, "window_title"));
}

static const char *
label_with_class (GtkWidget  *widget,
                  const char *css_class)
{
  GtkWidget *label = find_with_class (widget, css_class);

  g_assert_true (GTK_IS_LABEL (label));
  return gtk_label_get_text (GTK_LABEL (label));
}

/* The row of the list that shows article @id (once the list has drawn it). */
static AttacheArticleRow *
find_article_row (Fixture *fixture,
                  gint64   id)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();

  collect_by_type (window_child (fixture, "article_list_view"), ATTACHE_TYPE_ARTICLE_ROW, rows);
  for (guint i = 0; i < rows->len; i++)
    {
      AttacheArticle *article = attache_article_row_get_article (rows->pdata[i]);

      if (article != NULL && attache_article_get_id (article) == id &&
          gtk_widget_get_mapped (rows->pdata[i]))
        return rows->pdata[i];
    }

  return NULL;
}

/* The filters shown as chips, as "Kind value|Kind value". */
static char *
chips_text (Fixture *fixture)
{
  g_autoptr(GPtrArray) boxes = g_ptr_array_new ();
  GString *text = g_string_new (NULL);
  GtkWidget *chip_box = bar_child (fixture, "chip_box");

  if (!gtk_widget_get_visible (chip_box))
    return g_string_free (text, FALSE);

  collect_by_type (chip_box, GTK_TYPE_BOX, boxes);
  for (guint i = 0; i < boxes->len; i++)
    {
      if (!gtk_widget_has_css_class (boxes->pdata[i], "filter-chip"))
        continue;
      g_string_append_printf (text, "%s%s %s", text->len > 0 ? "|" : "",
                              label_with_class (boxes->pdata[i], "filter-kind"),
                              label_with_class (boxes->pdata[i], "filter-value"));
    }

  return g_string_free (text, FALSE);
}

static gboolean
chips_are (Fixture    *fixture,
           const char *expected)
{
  g_autofree char *text = chips_text (fixture);

  return g_strcmp0 (text, expected) == 0;
}

/* Presses the remove button of the chip of @kind. */
static void
remove_chip (Fixture    *fixture,
             const char *kind)
{
  g_autoptr(GPtrArray) boxes = g_ptr_array_new ();

  collect_by_type (bar_child (fixture, "chip_box"), GTK_TYPE_BOX, boxes);
  for (guint i = 0; i < boxes->len; i++)
    {
      GtkWidget *box = boxes->pdata[i];

      if (gtk_widget_has_css_class (box, "filter-chip") &&
          g_str_equal (label_with_class (box, "filter-kind"), kind))
        {
          g_signal_emit_by_name (gtk_widget_get_last_child (box), "clicked");
          return;
        }
    }

  g_error ("No chip “%s”", kind);
}

static void
type_words (Fixture    *fixture,
            const char *words)
{
  gtk_editable_set_text (GTK_EDITABLE (bar_child (fixture, "entry")), words);
}

/* The summary pane's overview */

static AttacheOverviewPanel *
overview_panel (Fixture *fixture)
{
  g_autoptr(GPtrArray) panels = g_ptr_array_new ();

  collect_by_type (window_child (fixture, "summary_pane"), ATTACHE_TYPE_OVERVIEW_PANEL, panels);
  return panels->len > 0 ? panels->pdata[0] : NULL;
}

/* TRUE once the pane shows an overview read to the end, headed @heading. */
static gboolean
overview_shown (Fixture    *fixture,
                const char *heading)
{
  AttacheSummaryPane *pane = window_child (fixture, "summary_pane");
  AttacheOverviewPanel *panel = overview_panel (fixture);

  return attache_summary_pane_get_showing_overview (pane) && panel != NULL &&
         !attache_overview_panel_get_loading (panel) &&
         attache_overview_panel_get_overview (panel) != NULL &&
         g_strcmp0 (label_with_class (GTK_WIDGET (panel), "overview-heading"), heading) == 0 &&
         gtk_widget_get_mapped (GTK_WIDGET (panel));
}

/* The overview's actors as "name: counts|name: counts". */
static char *
overview_actors (Fixture *fixture)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();
  GString *text = g_string_new (NULL);

  collect_by_type (GTK_WIDGET (overview_panel (fixture)), GTK_TYPE_LIST_BOX_ROW, rows);
  for (guint i = 0; i < rows->len; i++)
    {
      if (!gtk_widget_has_css_class (rows->pdata[i], "overview-actor"))
        continue;
      g_string_append_printf (text, "%s%s: %s", text->len > 0 ? "|" : "",
                              label_with_class (rows->pdata[i], "actor-name"),
                              label_with_class (rows->pdata[i], "actor-counts"));
    }

  return g_string_free (text, FALSE);
}

/* The overview's rows of a label and a number (subjects, sources), as "label n|…". */
static char *
overview_counts (Fixture *fixture)
{
  g_autoptr(GPtrArray) boxes = g_ptr_array_new ();
  GString *text = g_string_new (NULL);

  collect_by_type (GTK_WIDGET (overview_panel (fixture)), GTK_TYPE_BOX, boxes);
  for (guint i = 0; i < boxes->len; i++)
    {
      if (!gtk_widget_has_css_class (boxes->pdata[i], "overview-count"))
        continue;
      g_string_append_printf (text, "%s%s %s", text->len > 0 ? "|" : "",
                              label_with_class (boxes->pdata[i], "count-label"),
                              label_with_class (boxes->pdata[i], "count-number"));
    }

  return g_string_free (text, FALSE);
}

static GtkWidget *
find_overview_actor_row (Fixture    *fixture,
                         const char *name)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();

  collect_by_type (GTK_WIDGET (overview_panel (fixture)), GTK_TYPE_LIST_BOX_ROW, rows);
  for (guint i = 0; i < rows->len; i++)
    if (gtk_widget_has_css_class (rows->pdata[i], "overview-actor") &&
        g_str_equal (label_with_class (rows->pdata[i], "actor-name"), name))
      return rows->pdata[i];

  g_error ("The overview has no actor “%s”", name);
}

/* Dialogs: the one that asks for a name */

#if ADW_CHECK_VERSION (1, 5, 0)
static GtkWidget *
find_alert (GtkWidget *widget)
{
  if (ADW_IS_ALERT_DIALOG (widget))
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_alert (child);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static GtkEntry *
find_name_dialog (Fixture *fixture)
{
  GtkWidget *alert = find_alert (GTK_WIDGET (fixture->window));

  return alert != NULL ? GTK_ENTRY (adw_alert_dialog_get_extra_child (ADW_ALERT_DIALOG (alert))) : NULL;
}
#else
static GtkEntry *
find_name_dialog (Fixture *fixture)
{
  g_autoptr(GList) toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (ADW_IS_MESSAGE_DIALOG (l->data) && gtk_widget_get_mapped (l->data) &&
        gtk_window_get_transient_for (l->data) == GTK_WINDOW (fixture->window))
      return GTK_ENTRY (adw_message_dialog_get_extra_child (l->data));

  return NULL;
}
#endif

/* Answers the name dialog with @name. */
static void
answer_name (Fixture    *fixture,
             const char *expected,
             const char *name)
{
  GtkEntry *entry = NULL;

  wait_until ((entry = find_name_dialog (fixture)) != NULL);
  if (expected != NULL)
    g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, expected);
  gtk_editable_set_text (GTK_EDITABLE (entry), name);
  press_enter (entry);
  wait_until (find_name_dialog (fixture) == NULL);
}

/* The toast's button labelled @label, once the overlay shows it. */
static GtkButton *
find_toast_button (Fixture    *fixture,
                   const char *label)
{
  GtkWidget *overlay = window_child (fixture, "toast_overlay");
  g_autoptr(GPtrArray) buttons = g_ptr_array_new ();

  /* The overlay's first child is its content; the toasts follow. */
  for (GtkWidget *child = gtk_widget_get_next_sibling (gtk_widget_get_first_child (overlay));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_by_type (child, GTK_TYPE_BUTTON, buttons);

  for (guint i = 0; i < buttons->len; i++)
    if (g_strcmp0 (gtk_button_get_label (buttons->pdata[i]), label) == 0)
      return buttons->pdata[i];

  return NULL;
}

/* TRUE when a toast shown says @text. */
static gboolean
toast_says (Fixture    *fixture,
            const char *text)
{
  GtkWidget *overlay = window_child (fixture, "toast_overlay");
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();

  for (GtkWidget *child = gtk_widget_get_next_sibling (gtk_widget_get_first_child (overlay));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_by_type (child, GTK_TYPE_LABEL, labels);

  for (guint i = 0; i < labels->len; i++)
    if (strstr (gtk_label_get_text (labels->pdata[i]), text) != NULL)
      return TRUE;

  return FALSE;
}

/* The library */

static gint64
add_article (Fixture    *fixture,
             const char *title,
             const char *text,
             const char *published,
             const char *source)
{
  g_autoptr(AttacheArticle) article = attache_article_new ();
  g_autofree char *sha = g_compute_checksum_for_string (G_CHECKSUM_SHA256, text, -1);
  g_autoptr(GError) error = NULL;
  gint64 id = 0;

  attache_article_set_title (article, title);
  attache_article_set_text (article, text);
  attache_article_set_published (article, published);
  attache_article_set_source (article, source);
  attache_article_set_language (article, "en");
  attache_article_set_sha256 (article, sha);
  attache_article_set_origin (article, "/tmp/test-search-window.txt");
  g_assert_cmpint (attache_library_add_article (fixture->library, article, &id, &error), ==, ATTACHE_ADD_ADDED);
  g_assert_no_error (error);
  return id;
}

/* Adds to @analysis the actor @name, mentioned wherever one of @forms (a
 * "|"-separated list, longest first; NULL: the name) occurs in @text. */
static void
add_actor (AttacheAnalysis  *analysis,
           const char       *text,
           const char       *name,
           AttacheActorType  type,
           double            salience,
           const char       *forms)
{
  AttacheFoundActor *actor = attache_found_actor_new (name, type);
  g_auto(GStrv) wanted = g_strsplit (forms != NULL ? forms : name, "|", -1);

  actor->salience = salience;
  for (guint i = 0; wanted[i] != NULL; i++)
    {
      for (const char *p = strstr (text, wanted[i]); p != NULL; p = strstr (p + 1, wanted[i]))
        {
          AttacheSpan span = { p - text, p - text + strlen (wanted[i]) };
          gboolean overlapping = FALSE;

          for (guint k = 0; k < actor->spans->len; k++)
            {
              const AttacheSpan *other = &g_array_index (actor->spans, AttacheSpan, k);

              overlapping |= span.start < other->end && other->start < span.end;
            }
          if (overlapping)
            continue;
          g_array_append_val (actor->spans, span);
          actor->mentions++;
        }
      if (!g_str_equal (wanted[i], name))
        g_ptr_array_add (actor->aliases, g_strdup (wanted[i]));
    }

  g_ptr_array_add (analysis->actors, actor);
}

static AttacheAnalysis *
new_analysis (const char *subject,
              const char *topics)
{
  AttacheAnalysis *analysis = attache_analysis_new ();
  g_auto(GStrv) labels = g_strsplit (topics, "|", -1);

  analysis->version = ATTACHE_ANALYZER_VERSION;
  analysis->analysed = TRUE;
  analysis->language = g_strdup ("en");
  analysis->subject = attache_subject_from_code (subject);
  for (guint i = 0; labels[i] != NULL; i++)
    g_ptr_array_add (analysis->topics, attache_found_topic_new (labels[i], 0.5));
  return analysis;
}

static void
store (Fixture         *fixture,
       gint64           id,
       const char      *text,
       AttacheAnalysis *analysis)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (attache_library_store_analysis (fixture->library, id, text, analysis, &error));
  g_assert_no_error (error);
}

static void
add_articles (Fixture *fixture)
{
  g_autoptr(AttacheAnalysis) corridor = new_analysis ("medtop:11000000", "grain corridor|shipping");
  g_autoptr(AttacheAnalysis) strike = new_analysis ("medtop:09000000", "harbour strike");
  g_autoptr(AttacheAnalysis) election = new_analysis ("medtop:11000000", "election|grain corridor");
  g_autoptr(AttacheAnalysis) cup = new_analysis ("medtop:15000000", "cup final");
  g_autoptr(AttacheAnalysis) quotas = new_analysis ("medtop:04000000", "fisheries");

  fixture->corridor = add_article (fixture, CORRIDOR_TITLE, corridor_text, "2024-03-05", "Valmora Herald");
  fixture->strike = add_article (fixture, STRIKE_TITLE, strike_text, "2024-04-20", "Estrand Times");
  fixture->election = add_article (fixture, ELECTION_TITLE, election_text, "2024-05-02", "Northern Courier");
  fixture->cup = add_article (fixture, CUP_TITLE, cup_text, "2023-12-31", "Valmora Herald");
  fixture->quotas = add_article (fixture, QUOTAS_TITLE, quotas_text, "2024-02-10", "Estrand Times");

  add_actor (corridor, corridor_text, "Ilse Marran", ATTACHE_ACTOR_PERSON, 1.0, "Ilse Marran|Marran");
  add_actor (corridor, corridor_text, "Valmora", ATTACHE_ACTOR_COUNTRY, 0.8, NULL);
  add_actor (corridor, corridor_text, "Estrand", ATTACHE_ACTOR_COUNTRY, 0.6, NULL);
  store (fixture, fixture->corridor, corridor_text, corridor);

  add_actor (strike, strike_text, "Harbour Authority", ATTACHE_ACTOR_ORGANIZATION, 1.0, NULL);
  add_actor (strike, strike_text, "Kessel", ATTACHE_ACTOR_LOCATION, 0.7, NULL);
  add_actor (strike, strike_text, "Ilse Marran", ATTACHE_ACTOR_PERSON, 0.5, NULL);
  store (fixture, fixture->strike, strike_text, strike);

  add_actor (election, election_text, "Estrand", ATTACHE_ACTOR_COUNTRY, 1.0, NULL);
  store (fixture, fixture->election, election_text, election);

  add_actor (cup, cup_text, "Kessel Rovers", ATTACHE_ACTOR_ORGANIZATION, 1.0, NULL);
  store (fixture, fixture->cup, cup_text, cup);

  add_actor (quotas, quotas_text, "Ilse Marran", ATTACHE_ACTOR_PERSON, 0.9, NULL);
  add_actor (quotas, quotas_text, "Valmora", ATTACHE_ACTOR_COUNTRY, 0.4, NULL);
  store (fixture, fixture->quotas, quotas_text, quotas);
}

static gint64
actor_id (Fixture    *fixture,
          const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) found = attache_library_find_actors (fixture->library, name, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (found->len, ==, 1);
  return ((AttacheActorInfo *) found->pdata[0])->id;
}

/* Newest first: the library as the window lists it. */
#define ALL_TITLES ELECTION_TITLE "|" STRIKE_TITLE "|" CORRIDOR_TITLE "|" QUOTAS_TITLE "|" CUP_TITLE

/* Fixture */

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  fixture->dir = test_tmpdir_new ();
  path = g_build_filename (fixture->dir, "library.db", NULL);
  fixture->library = attache_library_open (path, &error);
  g_assert_no_error (error);
  add_articles (fixture);

  fixture->window = attache_window_new (get_application (), fixture->library);
  gtk_window_present (GTK_WINDOW (fixture->window));
  wait_until (lists (fixture, ALL_TITLES));
  wait_for_frames (GTK_WIDGET (fixture->window), 3);
  /* Drawn: the list, not the page that says a search found nothing. */
  wait_until (find_article_row (fixture, fixture->election) != NULL);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  while (g_main_context_iteration (NULL, FALSE))
    ;

  g_clear_object (&fixture->library);
  g_clear_pointer (&fixture->dir, test_tmpdir_free);
}

/* Tests */

/* The popover's row (a source, a topic, an actor…) whose value is @value. */
static GtkListBoxRow *
find_choice (GtkWidget  *popover,
             const char *value)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();

  collect_by_type (popover, GTK_TYPE_LIST_BOX_ROW, rows);
  for (guint i = 0; i < rows->len; i++)
    if (g_strcmp0 (g_object_get_data (rows->pdata[i], "attache-value"), value) == 0)
      return rows->pdata[i];

  return NULL;
}

static GtkWidget *
find_named (GtkWidget  *widget,
            const char *name)
{
  if (g_strcmp0 (gtk_widget_get_name (widget), name) == 0)
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_named (child, name);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* Words, a filter from Add Filter, chips to remove, Escape. */
static void
test_search_and_filter (Fixture       *fixture,
                        gconstpointer  data)
{
  GtkWidget *popover;
  GtkListBoxRow *row = NULL;
  AttacheArticleRow *article_row = NULL;
  GtkLabel *snippet;
  GtkWidget *error_label;
  GtkWidget *entry;

  /* Ctrl+F: the bar opens, the keyboard in its entry. */
  g_assert_false (attache_search_bar_get_search_mode (search_bar (fixture)));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.find", NULL));
  g_assert_true (attache_search_bar_get_search_mode (search_bar (fixture)));
  g_assert_true (gtk_toggle_button_get_active (window_child (fixture, "search_button")));
  entry = bar_child (fixture, "entry");
  wait_until (gtk_root_get_focus (GTK_ROOT (fixture->window)) != NULL &&
              gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (fixture->window)), entry));
  /* Nothing to look for yet: the library. */
  g_assert_true (lists (fixture, ALL_TITLES));

  /* Words: the title weighs more than the text. */
  type_words (fixture, "corridor");
  wait_until (lists (fixture, CORRIDOR_TITLE "|" ELECTION_TITLE));
  g_assert_cmpstr (subtitle (fixture), ==, "2 results");

  /* Each row shows its snippet, the matches highlighted. */
  wait_for_frames (GTK_WIDGET (fixture->window), 3);
  wait_until ((article_row = find_article_row (fixture, fixture->election)) != NULL);
  snippet = get_child (ATTACHE_TYPE_ARTICLE_ROW, GTK_WIDGET (article_row), "snippet_label");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (snippet)));
  g_assert_nonnull (strstr (gtk_label_get_text (snippet), "The grain corridor was not discussed"));
  g_assert_nonnull (strstr (gtk_label_get_label (snippet), "bgcolor=\"#f6d32d\" bgalpha=\"45%\">corridor</span>"));

  /* None selected: the pane tells about the results. */
  wait_until (overview_shown (fixture, "2 Search Results"));

  /* Add Filter → Source → Valmora Herald: the library's sources, listed. */
  popover = GTK_WIDGET (gtk_menu_button_get_popover (bar_child (fixture, "filter_button")));
  g_assert_true (ATTACHE_IS_FILTER_POPOVER (popover));
  gtk_menu_button_popup (bar_child (fixture, "filter_button"));
  attache_filter_popover_show_page (ATTACHE_FILTER_POPOVER (popover), "source");
  wait_until ((row = find_choice (popover, "Valmora Herald")) != NULL);
  g_assert_nonnull (find_choice (popover, "Estrand Times"));
  g_assert_nonnull (find_choice (popover, "Northern Courier"));
  wait_for_frames (popover, 2);
  save_png (popover, "search-filter-popover.png");
  g_signal_emit_by_name (row, "activate");
  wait_until (!gtk_widget_get_visible (popover));

  wait_until (lists (fixture, CORRIDOR_TITLE));
  g_assert_true (chips_are (fixture, "Source Valmora Herald"));
  g_assert_cmpstr (subtitle (fixture), ==, "1 result");

  /* The source's chip removed: both again. */
  remove_chip (fixture, "Source");
  wait_until (lists (fixture, CORRIDOR_TITLE "|" ELECTION_TITLE));
  g_assert_true (chips_are (fixture, ""));

  /* A date that is not one: said in the popover, no filter added. */
  gtk_menu_button_popup (bar_child (fixture, "filter_button"));
  attache_filter_popover_show_page (ATTACHE_FILTER_POPOVER (popover), "dates");
  gtk_editable_set_text (GTK_EDITABLE (find_named (popover, "from-entry")), "2024-13-01");
  error_label = find_with_class (popover, "error");
  g_signal_emit_by_name (find_named (popover, "date-apply"), "clicked");
  g_assert_true (gtk_widget_get_visible (error_label));
  g_assert_true (gtk_widget_get_visible (popover));
  g_assert_true (chips_are (fixture, ""));

  /* From May 2024 (a month will do): the election only. */
  gtk_editable_set_text (GTK_EDITABLE (find_named (popover, "from-entry")), "2024-05");
  g_signal_emit_by_name (find_named (popover, "date-apply"), "clicked");
  wait_until (!gtk_widget_get_visible (popover));
  wait_until (lists (fixture, ELECTION_TITLE));
  g_assert_true (chips_are (fixture, "Dates Since May 2024"));

  /* A phrase, with the date filter still there. */
  type_words (fixture, "\"snap election\"");
  wait_until (lists (fixture, ELECTION_TITLE));
  type_words (fixture, "\"election snap\"");
  wait_until (g_strcmp0 (gtk_stack_get_visible_child_name (window_child (fixture, "list_stack")), "no-results") == 0);
  g_assert_cmpuint (g_list_model_get_n_items (get_articles (fixture)), ==, 0);
  g_assert_cmpstr (subtitle (fixture), ==, "0 results");

  /* Escape: the library again, the query forgotten. */
  g_signal_emit_by_name (entry, "stop-search");
  g_assert_false (attache_search_bar_get_search_mode (search_bar (fixture)));
  g_assert_false (gtk_toggle_button_get_active (window_child (fixture, "search_button")));
  wait_until (lists (fixture, ALL_TITLES));
  g_assert_cmpstr (subtitle (fixture), ==, "5 articles");
  g_assert_cmpstr (gtk_stack_get_visible_child_name (window_child (fixture, "list_stack")), ==, "list");
  g_assert_true (attache_search_query_is_empty (attache_search_bar_get_query (search_bar (fixture))));
  g_assert_true (chips_are (fixture, ""));
  g_assert_false (attache_summary_pane_get_showing_overview (window_child (fixture, "summary_pane")));

  /* A library row has no snippet. */
  wait_for_frames (GTK_WIDGET (fixture->window), 3);
  wait_until ((article_row = find_article_row (fixture, fixture->election)) != NULL);
  snippet = get_child (ATTACHE_TYPE_ARTICLE_ROW, GTK_WIDGET (article_row), "snippet_label");
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (snippet)));
}

/* win.search-actor and win.search-topic, as the summary pane calls them;
 * an actor of the overview calls the first. */
static void
test_search_actor (Fixture       *fixture,
                   gconstpointer  data)
{
  gint64 marran = actor_id (fixture, "Ilse Marran");
  gint64 estrand = actor_id (fixture, "Estrand");

  /* The bar opens with the actor's filter: its articles, newest first. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.search-actor", "x", marran));
  g_assert_true (attache_search_bar_get_search_mode (search_bar (fixture)));
  wait_until (lists (fixture, STRIKE_TITLE "|" CORRIDOR_TITLE "|" QUOTAS_TITLE));
  /* The chip names the actor once its name is read. */
  wait_until (chips_are (fixture, "Actor Ilse Marran"));
  g_assert_cmpint (attache_search_bar_get_query (search_bar (fixture))->actor_id, ==, marran);

  /* A topic as well: both hold. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.search-topic", "s",
                                             "grain corridor"));
  wait_until (lists (fixture, CORRIDOR_TITLE));
  g_assert_true (chips_are (fixture, "Actor Ilse Marran|Topic grain corridor"));

  /* Another actor replaces the first. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.search-actor", "x", estrand));
  wait_until (lists (fixture, ELECTION_TITLE "|" CORRIDOR_TITLE));
  wait_until (chips_are (fixture, "Actor Estrand|Topic grain corridor"));

  /* An actor of the results' overview: its articles among them. */
  wait_until (overview_shown (fixture, "2 Search Results"));
  g_signal_emit_by_name (find_overview_actor_row (fixture, "Valmora"), "activate");
  wait_until (lists (fixture, CORRIDOR_TITLE));
  wait_until (chips_are (fixture, "Actor Valmora|Topic grain corridor"));

  /* With words, they stay with the filters. */
  type_words (fixture, "convoys");
  wait_until (lists (fixture, CORRIDOR_TITLE));
  type_words (fixture, "stadium");
  wait_until (g_list_model_get_n_items (get_articles (fixture)) == 0);

  /* From a closed bar, a topic alone. */
  attache_search_bar_set_search_mode (search_bar (fixture), FALSE);
  wait_until (lists (fixture, ALL_TITLES));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.search-topic", "s", "Fisheries"));
  wait_until (lists (fixture, QUOTAS_TITLE));
  g_assert_true (chips_are (fixture, "Topic Fisheries"));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (bar_child (fixture, "entry"))), ==, "");

  /* An article chosen that the search leaves out: the search ends, the
   * article is selected in the library. */
  attache_window_select_article (fixture->window, fixture->cup);
  g_assert_false (attache_search_bar_get_search_mode (search_bar (fixture)));
  wait_until (lists (fixture, ALL_TITLES));
  wait_until (reader_shows (fixture->window, "Kessel Rovers won the cup final"));
}

/* Several articles selected: the reader shows one, the pane what they have
 * in common. */
/* The id of the @n-th article selected, in the list's order. */
static gint64
selected_id (Fixture *fixture,
             guint    n)
{
  g_autoptr(GtkBitset) selected = gtk_selection_model_get_selection (get_selection (fixture));
  g_autoptr(AttacheArticle) article = NULL;

  g_assert_cmpuint (n, <, gtk_bitset_get_size (selected));
  article = g_list_model_get_item (get_articles (fixture), gtk_bitset_get_nth (selected, n));
  return attache_article_get_id (article);
}

/* The briefing made last, whole, or NULL when there is none. */
static AttacheBriefing *
last_briefing (Fixture *fixture)
{
  g_autoptr(GPtrArray) briefings = attache_library_list_briefings (fixture->library, NULL);
  gint64 last = 0;

  for (guint i = 0; briefings != NULL && i < briefings->len; i++)
    last = MAX (last, ((AttacheBriefing *) briefings->pdata[i])->id);

  return last != 0 ? attache_library_load_briefing (fixture->library, last, NULL) : NULL;
}

static gboolean
last_briefing_has_blocks (Fixture *fixture,
                          guint    n_blocks)
{
  g_autoptr(AttacheBriefing) briefing = last_briefing (fixture);
  guint n = 0;

  for (guint i = 0; briefing != NULL && i < briefing->sections->len; i++)
    n += ((AttacheBriefingSection *) briefing->sections->pdata[i])->blocks->len;

  return briefing != NULL && n == n_blocks;
}

static void
test_multi_select (Fixture       *fixture,
                   gconstpointer  data)
{
  GtkSelectionModel *selection = get_selection (fixture);
  AttacheSummaryPane *pane = window_child (fixture, "summary_pane");
  g_autofree char *actors = NULL;
  g_autofree char *counts = NULL;

  /* One, as before. */
  gtk_selection_model_select_item (selection, find_listed (fixture, fixture->corridor), TRUE);
  wait_until (reader_shows (fixture->window, "Valmora and Estrand opened the grain corridor"));
  g_assert_false (attache_summary_pane_get_showing_overview (pane));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (pane)));
  g_assert_true (gtk_widget_is_sensitive (window_child (fixture, "delete_button")));

  /* And the strike: both counted, the reader still on the first. */
  gtk_selection_model_select_item (selection, find_listed (fixture, fixture->strike), FALSE);
  wait_until (overview_shown (fixture, "2 Articles Selected"));
  actors = overview_actors (fixture);
  /* By salience summed over the two (1.0 + 0.5 for Ilse Marran), named
   * twice in the corridor's text and once in the strike's. */
  g_assert_cmpstr (actors, ==,
                   "Ilse Marran: 2 articles · 3 mentions|"
                   "Harbour Authority: 1 article · 1 mention|"
                   "Valmora: 1 article · 1 mention|"
                   "Kessel: 1 article · 1 mention|"
                   "Estrand: 1 article · 1 mention");
  counts = overview_counts (fixture);
  g_assert_cmpstr (counts, ==, "Labour 1|Politics 1|Estrand Times 1|Valmora Herald 1");
  g_assert_cmpstr (label_with_class (GTK_WIDGET (overview_panel (fixture)), "overview-dates"), ==,
                   "5 Mar 2024 – 20 Apr 2024");
  g_assert_true (reader_shows (fixture->window, "Valmora and Estrand opened the grain corridor"));
  /* Delete is for one article. */
  g_assert_false (gtk_widget_is_sensitive (window_child (fixture, "delete_button")));

  /* A third: the counts follow. */
  gtk_selection_model_select_item (selection, find_listed (fixture, fixture->quotas), FALSE);
  wait_until (overview_shown (fixture, "3 Articles Selected"));
  g_free (actors);
  actors = overview_actors (fixture);
  g_assert_true (g_str_has_prefix (actors, "Ilse Marran: 3 articles · 4 mentions|Valmora: 2 articles · 2 mentions|"));

  /* Their actor network, from the overview: of the three articles. */
  {
    g_autoptr(GPtrArray) buttons = g_ptr_array_new ();
    GtkWidget *network_button = NULL;
    AttacheChartWindow *chart_window = NULL;
    AttacheNetworkView *network_view;
    AttacheActorNetwork *network;

    collect_by_type (GTK_WIDGET (overview_panel (fixture)), GTK_TYPE_BUTTON, buttons);
    for (guint i = 0; i < buttons->len; i++)
      if (gtk_widget_has_css_class (buttons->pdata[i], "overview-network"))
        network_button = buttons->pdata[i];
    g_assert_nonnull (network_button);
    wait_until (gtk_widget_is_sensitive (network_button));
    g_signal_emit_by_name (network_button, "clicked");
    wait_until ((chart_window = (AttacheChartWindow *) find_toplevel (ATTACHE_TYPE_CHART_WINDOW)) != NULL);
    network_view = ATTACHE_NETWORK_VIEW (attache_chart_window_get_view (chart_window));
    wait_until (attache_network_view_get_ready (network_view));
    network = attache_network_view_get_network (network_view);
    g_assert_cmpuint (network->n_articles, ==, 3);
    g_assert_cmpint (attache_actor_network_find_node (network, actor_id (fixture, "Ilse Marran")), ==, 0);
    wait_for_frames (GTK_WIDGET (chart_window), 5);
    save_png (GTK_WIDGET (chart_window), "network-selection.png");
    gtk_window_destroy (GTK_WINDOW (chart_window));
    wait_until (find_toplevel (ATTACHE_TYPE_CHART_WINDOW) == NULL);
  }

  /* The three, to a new briefing, in the list's order, at once. */
  {
    g_autoptr(AttacheBriefing) briefing = NULL;
    const AttacheBriefingSection *section;

    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.add-article-to-briefing", "x",
                                               (gint64) ATTACHE_BRIEFING_NEW));
    wait_until (last_briefing_has_blocks (fixture, 3));
    briefing = last_briefing (fixture);
    section = briefing->sections->pdata[0];
    for (guint i = 0; i < section->blocks->len; i++)
      {
        const AttacheBriefingBlock *block = section->blocks->pdata[i];

        g_assert_cmpint (block->kind, ==, ATTACHE_BLOCK_ARTICLE);
        g_assert_cmpint (block->source.article_id, ==, selected_id (fixture, i));
      }
  }

  /* The pane's topics: each a way to the articles on it. */
  {
    g_autoptr(GPtrArray) buttons = g_ptr_array_new ();
    GtkWidget *fisheries = NULL;

    collect_by_type (GTK_WIDGET (overview_panel (fixture)), GTK_TYPE_BUTTON, buttons);
    for (guint i = 0; i < buttons->len; i++)
      if (gtk_widget_has_css_class (buttons->pdata[i], "topic-chip") &&
          g_strcmp0 (g_variant_get_string (gtk_actionable_get_action_target_value (buttons->pdata[i]), NULL),
                     "fisheries") == 0)
        fisheries = buttons->pdata[i];
    g_assert_nonnull (fisheries);
    g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (fisheries)), ==, "win.search-topic");
  }

  /* Back to one: that article, in the reader and the pane. */
  gtk_selection_model_select_item (selection, find_listed (fixture, fixture->strike), TRUE);
  wait_until (!attache_summary_pane_get_showing_overview (pane));
  wait_until (reader_shows (fixture->window, "Dockworkers in Kessel walked out"));
  g_assert_cmpint (attache_article_get_id (attache_summary_pane_get_article (pane)), ==, fixture->strike);

  /* Ctrl+A: everything. */
  g_assert_true (gtk_widget_activate_action (window_child (fixture, "article_list_view"), "list.select-all", NULL));
  wait_until (overview_shown (fixture, "5 Articles Selected"));
  g_free (counts);
  counts = overview_counts (fixture);
  g_assert_cmpstr (counts, ==,
                   "Politics 2|Economy, business and finance 1|Labour 1|Sport 1|"
                   "Estrand Times 2|Valmora Herald 2|Northern Courier 1");
  /* The reader stays on the article it showed. */
  g_assert_true (reader_shows (fixture->window, "Dockworkers in Kessel walked out"));

  /* None: nothing to read, nothing to sum up. */
  gtk_selection_model_unselect_all (selection);
  wait_until (!gtk_widget_get_visible (GTK_WIDGET (pane)));
  g_assert_false (attache_summary_pane_get_showing_overview (pane));
}

static gboolean
has_saved_search (Fixture    *fixture,
                  const char *name)
{
  g_autoptr(GPtrArray) saved = attache_library_list_saved_searches (fixture->library, NULL);

  for (guint i = 0; saved != NULL && i < saved->len; i++)
    if (g_str_equal (((AttacheSavedSearch *) saved->pdata[i])->name, name))
      return TRUE;

  return FALSE;
}

static guint
n_saved_searches (Fixture *fixture)
{
  g_autoptr(GPtrArray) saved = attache_library_list_saved_searches (fixture->library, NULL);

  return saved != NULL ? saved->len : 0;
}

static GtkListBox *
saved_list_box (Fixture *fixture)
{
  g_autoptr(GPtrArray) lists = g_ptr_array_new ();

  collect_by_type (window_child (fixture, "saved_search_list"), GTK_TYPE_LIST_BOX, lists);
  g_assert_cmpuint (lists->len, ==, 1);
  return lists->pdata[0];
}

/* The name shown in the sidebar's row @index, or NULL. */
static const char *
saved_row_name (Fixture *fixture,
                int      index)
{
  GtkListBoxRow *row = gtk_list_box_get_row_at_index (saved_list_box (fixture), index);

  return row != NULL ? label_with_class (GTK_WIDGET (row), "saved-search-name") : NULL;
}

/* Save Search…, choose it, rename it, delete it and Undo. */
static void
test_saved_searches (Fixture       *fixture,
                     gconstpointer  data)
{
  AttacheSavedSearchList *list = window_child (fixture, "saved_search_list");
  g_autoptr(GPtrArray) saved = NULL;
  const AttacheSavedSearch *first;
  GtkButton *undo = NULL;
  gint64 id;

  /* Nothing to save without a search. */
  g_assert_false (gtk_widget_is_sensitive (bar_child (fixture, "save_button")));
  g_assert_false (gtk_widget_get_mapped (GTK_WIDGET (saved_list_box (fixture))));

  /* Words and a topic, saved under a name. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.find", NULL));
  type_words (fixture, "corridor");
  wait_until (lists (fixture, CORRIDOR_TITLE "|" ELECTION_TITLE));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.search-topic", "s",
                                             "election"));
  wait_until (lists (fixture, ELECTION_TITLE));
  g_assert_true (gtk_widget_is_sensitive (bar_child (fixture, "save_button")));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.save-search", NULL));
  /* The words are offered as the name. */
  answer_name (fixture, "corridor", "Corridor and elections");

  wait_until (attache_saved_search_list_get_n_items (list) == 1);
  saved = attache_library_list_saved_searches (fixture->library, NULL);
  g_assert_cmpuint (saved->len, ==, 1);
  first = saved->pdata[0];
  id = first->id;
  g_assert_cmpstr (first->name, ==, "Corridor and elections");
  g_assert_cmpstr (first->query->text, ==, "corridor");
  g_assert_cmpstr (first->query->topic, ==, "election");
  /* Listed, and chosen: it is the search shown. */
  wait_until (g_strcmp0 (saved_row_name (fixture, 0), "Corridor and elections") == 0);
  wait_until (attache_saved_search_list_get_selected_id (list) == id);
  wait_for_frames (GTK_WIDGET (fixture->window), 3);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (saved_list_box (fixture))));

  /* A change to the query: no longer the saved search. */
  type_words (fixture, "grain");
  wait_until (g_strcmp0 (attache_search_bar_get_query (search_bar (fixture))->text, "grain") == 0);
  g_assert_cmpint (attache_saved_search_list_get_selected_id (list), ==, 0);

  /* The same name again (case aside): refused, said in a toast. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.save-search", NULL));
  answer_name (fixture, "grain", "corridor AND ELECTIONS");
  wait_until (toast_says (fixture, "A saved search is already called “corridor AND ELECTIONS”"));
  g_assert_cmpuint (n_saved_searches (fixture), ==, 1);

  /* Closed, then chosen in the sidebar: its words and filter, its results. */
  attache_search_bar_set_search_mode (search_bar (fixture), FALSE);
  wait_until (lists (fixture, ALL_TITLES));
  gtk_list_box_select_row (saved_list_box (fixture), gtk_list_box_get_row_at_index (saved_list_box (fixture), 0));
  g_assert_true (attache_search_bar_get_search_mode (search_bar (fixture)));
  wait_until (lists (fixture, ELECTION_TITLE));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (bar_child (fixture, "entry"))), ==, "corridor");
  g_assert_true (chips_are (fixture, "Topic election"));
  g_assert_cmpint (attache_saved_search_list_get_selected_id (list), ==, id);
  /* No feed is selected while a search is listed. */
  g_assert_null (gtk_list_box_get_selected_row (window_child (fixture, "feed_list")));

  /* Renamed, from its menu. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (list), "saved-search.rename", "x", id));
  answer_name (fixture, "Corridor and elections", "Election watch");
  wait_until (has_saved_search (fixture, "Election watch"));
  wait_until (g_strcmp0 (saved_row_name (fixture, 0), "Election watch") == 0);
  g_assert_cmpuint (n_saved_searches (fixture), ==, 1);

  /* Deleted, at once, and Undo puts it back as it was. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (list), "saved-search.delete", "x", id));
  wait_until (attache_saved_search_list_get_n_items (list) == 0);
  g_assert_cmpuint (n_saved_searches (fixture), ==, 0);
  wait_until ((undo = find_toast_button (fixture, "Undo")) != NULL);
  g_signal_emit_by_name (undo, "clicked");
  wait_until (attache_saved_search_list_get_n_items (list) == 1);
  g_clear_pointer (&saved, g_ptr_array_unref);
  saved = attache_library_list_saved_searches (fixture->library, NULL);
  g_assert_cmpuint (saved->len, ==, 1);
  first = saved->pdata[0];
  g_assert_cmpint (first->id, ==, id);
  g_assert_cmpstr (first->name, ==, "Election watch");
  g_assert_cmpstr (first->query->text, ==, "corridor");
  g_assert_cmpstr (first->query->topic, ==, "election");
  wait_until (g_strcmp0 (saved_row_name (fixture, 0), "Election watch") == 0);
}

/* The window with a search and its filters, for a person to look at. */
static void
test_screenshot (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(AttacheSearchQuery) query = attache_search_query_new ("Marran");

  /* A saved search in the sidebar. */
  g_assert_cmpint (attache_library_add_saved_search (fixture->library, "Ilse Marran", query, NULL), >, 0);

  /* The corridor read; then a search, none of its results selected. */
  gtk_selection_model_select_item (get_selection (fixture), find_listed (fixture, fixture->corridor), TRUE);
  wait_until (reader_shows (fixture->window, "Valmora and Estrand opened the grain corridor"));

  /* Its words, from 2024: three articles name her. */
  query->from = g_strdup ("2024-01-01");
  attache_search_bar_set_query (search_bar (fixture), query);
  wait_until (g_list_model_get_n_items (get_articles (fixture)) == 3);
  /* A source, then another in its place. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.search-source", "s",
                                             "Valmora Herald"));
  wait_until (lists (fixture, CORRIDOR_TITLE));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.search-source", "s",
                                             "Estrand Times"));
  wait_until (chips_are (fixture, "Dates Since 1 Jan 2024|Source Estrand Times"));
  wait_until (g_list_model_get_n_items (get_articles (fixture)) == 2);
  wait_until (overview_shown (fixture, "2 Search Results"));
  g_assert_true (reader_shows (fixture->window, "Valmora and Estrand opened the grain corridor"));
  wait_until (attache_saved_search_list_get_n_items (window_child (fixture, "saved_search_list")) == 1);

  wait_for_frames (GTK_WIDGET (fixture->window), 6);
  save_png (GTK_WIDGET (fixture->window), "search.png");

  /* The same in the dark: the highlighted matches must stay readable. */
  set_dark (TRUE);
  wait_for_frames (GTK_WIDGET (fixture->window), 6);
  save_png (GTK_WIDGET (fixture->window), "search-dark.png");
  set_dark (FALSE);

  /* Two articles selected: the pane sums them up. */
  attache_search_bar_set_search_mode (search_bar (fixture), FALSE);
  wait_until (lists (fixture, ALL_TITLES));
  gtk_selection_model_select_item (get_selection (fixture), find_listed (fixture, fixture->corridor), TRUE);
  gtk_selection_model_select_item (get_selection (fixture), find_listed (fixture, fixture->strike), FALSE);
  wait_until (overview_shown (fixture, "2 Articles Selected"));
  wait_for_frames (GTK_WIDGET (fixture->window), 6);
  save_png (GTK_WIDGET (fixture->window), "search-selection.png");
}

/* Undo of a delete while a search is listed: the article comes back among
 * the results, selected, and the search stays. */
static void
test_undo_in_search (Fixture       *fixture,
                     gconstpointer  data)
{
  GtkButton *undo = NULL;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.find", NULL));
  type_words (fixture, "Marran");
  wait_until (g_list_model_get_n_items (get_articles (fixture)) == 3);
  gtk_selection_model_select_item (get_selection (fixture), find_listed (fixture, fixture->strike), TRUE);
  wait_until (reader_shows (fixture->window, "Dockworkers in Kessel walked out"));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.delete", NULL));
  wait_until ((undo = find_toast_button (fixture, "Undo")) != NULL);
  wait_until (g_list_model_get_n_items (get_articles (fixture)) == 2);
  g_signal_emit_by_name (undo, "clicked");

  wait_until (g_list_model_get_n_items (get_articles (fixture)) == 3 &&
              gtk_selection_model_is_selected (get_selection (fixture), find_listed (fixture, fixture->strike)));
  g_assert_true (attache_search_bar_get_search_mode (search_bar (fixture)));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (bar_child (fixture, "entry"))), ==, "Marran");
  wait_until (reader_shows (fixture->window, "Dockworkers in Kessel walked out"));
}

/* Enter in Add Filter's boxes at once after typing, before their lists
 * caught up: the first of what matches what was typed. */
static void
test_enter_in_filter (Fixture       *fixture,
                      gconstpointer  data)
{
  GtkWidget *popover;
  GtkWidget *entry;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.find", NULL));
  popover = GTK_WIDGET (gtk_menu_button_get_popover (bar_child (fixture, "filter_button")));

  /* A source. */
  gtk_menu_button_popup (bar_child (fixture, "filter_button"));
  attache_filter_popover_show_page (ATTACHE_FILTER_POPOVER (popover), "source");
  wait_until (find_choice (popover, "Northern Courier") != NULL);
  entry = find_named (popover, "source-entry");
  gtk_editable_set_text (GTK_EDITABLE (entry), "Northern");
  g_signal_emit_by_name (entry, "activate");
  wait_until (!gtk_widget_get_visible (popover));
  g_assert_cmpstr (attache_search_bar_get_query (search_bar (fixture))->source, ==, "Northern Courier");

  /* An actor, looked up in a worker as it is typed. */
  gtk_menu_button_popup (bar_child (fixture, "filter_button"));
  attache_filter_popover_show_page (ATTACHE_FILTER_POPOVER (popover), "actor");
  entry = find_named (popover, "actor-entry");
  gtk_editable_set_text (GTK_EDITABLE (entry), "Harbour");
  g_signal_emit_by_name (entry, "activate");
  wait_until (!gtk_widget_get_visible (popover));
  g_assert_cmpint (attache_search_bar_get_query (search_bar (fixture))->actor_id, ==,
                   actor_id (fixture, "Harbour Authority"));
}

/* A selection's overview read while the library is busy, then the
 * selection put back as it was: what is shown is the selection's. */
static void
test_overview_race (Fixture       *fixture,
                    gconstpointer  data)
{
  GtkSelectionModel *selection = get_selection (fixture);
  AttacheDatabase *database = attache_library_get_database (fixture->library);

  gtk_selection_model_select_item (selection, 0, TRUE);
  gtk_selection_model_select_item (selection, 1, FALSE);
  wait_until (overview_shown (fixture, "2 Articles Selected"));

  /* A third, its overview held up by the library's lock. */
  _attache_database_lock (database);
  gtk_selection_model_select_item (selection, 2, FALSE);
  wait_until (attache_overview_panel_get_loading (overview_panel (fixture)));
  gtk_selection_model_unselect_item (selection, 2);
  wait_until (overview_shown (fixture, "2 Articles Selected"));
  _attache_database_unlock (database);

  /* The read held up ends (cancelled); the two stay. */
  wait_for_frames (GTK_WIDGET (fixture->window), 20);
  g_assert_true (overview_shown (fixture, "2 Articles Selected"));
  g_assert_cmpuint (attache_overview_panel_get_overview (overview_panel (fixture))->n_articles, ==, 2);
}

/* A link no application opens: a toast says so, in the window. */
static void
test_open_uri_failure (Fixture       *fixture,
                       gconstpointer  data)
{
  attache_compat_open_uri (window_child (fixture, "reader"), "attache-no-such-scheme:harbour");
  wait_until (toast_says (fixture, "Could not open attache-no-such-scheme:harbour"));
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/search-window/search-and-filter", test_search_and_filter);
  ADD ("/search-window/search-actor", test_search_actor);
  ADD ("/search-window/multi-select", test_multi_select);
  ADD ("/search-window/saved-searches", test_saved_searches);
  ADD ("/search-window/screenshot", test_screenshot);
  ADD ("/search-window/undo-in-search", test_undo_in_search);
  ADD ("/search-window/enter-in-filter", test_enter_in_filter);
  ADD ("/search-window/overview-race", test_overview_race);
  ADD ("/search-window/open-uri-failure", test_open_uri_failure);

  ret = g_test_run ();

  clear_application ();

  return ret;
}
