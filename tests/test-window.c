/* test-window.c: the real main window, in-process, under Xvfb
 *
 * Imports articles through the same code paths as the Import menu, drag and
 * drop and paste (files, folders, web pages from a server on loopback, text),
 * reads, deletes and undoes, and renders the window to PNG files in
 * G_TEST_BUILDDIR for a person to look at.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <adwaita.h>
#include <glib/gstdio.h>
#include <libsoup/soup.h>
#include <sqlite3.h>

#include "attache-application.h"
#include "attache-database.h"
#include "attache-importer.h"
#include "attache-library.h"
#include "attache-opml.h"
#include "attache-reader.h"
#include "attache-summary-pane.h"
#include "attache-window.h"

#include "test-helpers.h"
#include "test-ui-helpers.h"

#define WAIT_SECONDS 10

/* Fictional articles written for these tests. */

/* An analyst's text file: a "date" marker, then the first paragraph on the same
 * line; paragraphs separated by blank lines; no title line. */
#define PORT_STRIKE_FIRST_PARAGRAPH \
  "Dock workers at the port of Valmora walked off the job on Tuesday, halting the " \
  "loading of grain and fertiliser ships for the first time in eleven years. The " \
  "dockers' union said the strike would last until the port authority withdrew its " \
  "plan to automate two of the five container terminals."

static const char port_strike[] =
  "date 2024-04-02 " PORT_STRIKE_FIRST_PARAGRAPH "\n"
  "\n"
  "By the afternoon some thirty vessels were waiting at anchor outside the breakwater. "
  "Shipping agents warned that perishable cargo, most of it citrus bound for northern "
  "markets, would start to spoil within days.\n"
  "\n"
  "Transport minister Ilse Marran called for talks to resume on Thursday and said the "
  "government would not use the navy to move cargo. The port authority's director, "
  "Tomas Edry, said automation would create more jobs than it removed.\n"
  "\n"
  "The last strike at Valmora, in 2013, lasted nineteen days and cut the country's "
  "exports by a tenth that quarter.\n";

static const char grain_corridor[] =
  "---\n"
  "source: Northern Ledger\n"
  "author: Petra Lindqvist\n"
  "date: 2024-03-28\n"
  "language: en\n"
  "---\n"
  "# Ministers Agree on a Grain Corridor Through the Kessel Strait\n"
  "\n"
  "Foreign ministers from four coastal states agreed on Thursday to open a protected "
  "shipping lane for grain through the Kessel Strait, after three months of talks "
  "hosted by the regional maritime council.\n"
  "\n"
  "Under the plan, naval patrols from each state will take turns escorting convoys, "
  "and insurers will be offered a shared guarantee fund. Officials expect the first "
  "convoy to sail within a fortnight.\n"
  "\n"
  "Farmers' groups welcomed the deal but said storage silos inland were already full "
  "and prices had fallen by a quarter since the winter.\n";

static const char election_html[] =
  "<!DOCTYPE html>\n"
  "<html lang=\"en\">\n"
  "<head>\n"
  "<title>Coalition Talks Stall Over Energy Subsidies | Capital Wire</title>\n"
  "<meta property=\"og:title\" content=\"Coalition Talks Stall Over Energy Subsidies\">\n"
  "<meta property=\"og:site_name\" content=\"Capital Wire\">\n"
  "<meta name=\"author\" content=\"Jonas Okafor\">\n"
  "<meta property=\"article:published_time\" content=\"2024-03-25T08:15:00Z\">\n"
  "<link rel=\"canonical\" href=\"https://capitalwire.example/politics/coalition-talks-stall\">\n"
  "</head>\n"
  "<body>\n"
  "<nav><a href=\"/\">Home</a> <a href=\"/politics\">Politics</a></nav>\n"
  "<article>\n"
  "<h1>Coalition Talks Stall Over Energy Subsidies</h1>\n"
  "<p>Negotiators for the three parties trying to form a government broke off talks late on "
  "Sunday after failing to agree on how long household energy subsidies should last.</p>\n"
  "<p>The centre-right Civic Union wants the subsidies phased out by the end of the year, "
  "while its two prospective partners want them kept until new wind farms come online.</p>\n"
  "<p>President Aurelia Voss is expected to meet the party leaders separately this week.</p>\n"
  "</article>\n"
  "<footer>© Capital Wire</footer>\n"
  "</body>\n"
  "</html>\n";

/* A web page found only on the test server. */
static const char fisheries_html[] =
  "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
  "<title>Quota Deal Reached After All-Night Talks | Harbour Post</title></head>"
  "<body><article><h1>Quota Deal Reached After All-Night Talks</h1>"
  "<p>Fisheries ministers of the coastal states agreed on mackerel quotas for next year "
  "after a session that ran through the night in Orsk.</p>"
  "<p>The deal cuts the total catch by a tenth and sets up a joint inspection service.</p>"
  "</article></body></html>";

/* An analyst's note on the same strike, naming people with their roles, an
 * organisation and countries: something for the analysis to find. */
#define STRIKE_TALKS_FIRST_SENTENCE \
  "Transport Minister Ilse Marran of Norland met the leaders of the dockers' union in " \
  "Valmora on Monday to end the strike that has closed the port for a week."

static const char strike_talks[] =
  "date 2024-04-09 " STRIKE_TALKS_FIRST_SENTENCE " Marran said the government would pay "
  "for retraining if the port authority went ahead with automation.\n"
  "\n"
  "The union's general secretary, Petr Halvik, said the offer came too late. \"The minister "
  "has known about the plan for a year,\" Halvik told reporters outside the harbour office. "
  "Marran replied that the talks would continue on Wednesday.\n"
  "\n"
  "The European Commission said it was following the dispute closely, as grain bound for "
  "Estonia and Finland waits at anchor. Shipping agents in Valmora estimate the strike has "
  "cost exporters more than 40 million euros.\n"
  "\n"
  "Prime Minister Anna Sorell is expected to visit the port on Thursday. Marran said she "
  "hoped the dockers would be back at work by then.\n";

/* The same strike in French, a language the analysis does not cover. */
static const char greve_fr[] =
  "date 2024-04-10 Les dockers du port de Valmora ont reconduit mercredi la grève qui "
  "paralyse depuis une semaine le chargement des navires céréaliers. Le syndicat demande "
  "que l'autorité portuaire renonce à automatiser deux des cinq terminaux à conteneurs.\n"
  "\n"
  "La ministre des Transports, Ilse Marran, a proposé de financer la reconversion des "
  "salariés, une offre jugée tardive par les représentants du personnel. Les négociations "
  "doivent reprendre jeudi matin.\n";

/* Items the Harbour Post feed has beyond its first three: see dup_feed_xml (). */
static guint harbour_extra_items;

typedef struct
{
  char           *dir;
  AttacheLibrary *library;
  AttacheWindow  *window;
  SoupServer     *server;   /* started by start_server () */
} Fixture;

/* The window's parts */

#define window_child(fixture, name) \
  get_child (ATTACHE_TYPE_WINDOW, GTK_WIDGET ((fixture)->window), (name))

static GListModel *
get_articles (Fixture *fixture)
{
  GtkListView *list_view = window_child (fixture, "article_list_view");

  return G_LIST_MODEL (gtk_list_view_get_model (list_view));
}

static guint
n_articles (Fixture *fixture)
{
  return g_list_model_get_n_items (get_articles (fixture));
}

/* Selects the article at @position alone, as a click does; none for
 * GTK_INVALID_LIST_POSITION. */
static void
select_only (Fixture *fixture,
             guint    position)
{
  GtkSelectionModel *selection = GTK_SELECTION_MODEL (get_articles (fixture));

  if (position == GTK_INVALID_LIST_POSITION)
    gtk_selection_model_unselect_all (selection);
  else
    gtk_selection_model_select_item (selection, position, TRUE);
}

/* The position of the article selected, GTK_INVALID_LIST_POSITION for none;
 * fails when several are. */
static guint
selected_position (Fixture *fixture)
{
  g_autoptr(GtkBitset) selected = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (get_articles (fixture)));

  if (gtk_bitset_is_empty (selected))
    return GTK_INVALID_LIST_POSITION;
  g_assert_cmpuint (gtk_bitset_get_size (selected), ==, 1);
  return gtk_bitset_get_minimum (selected);
}

static AttacheArticle *
dup_selected_article (Fixture *fixture)
{
  guint position = selected_position (fixture);

  g_assert_cmpuint (position, !=, GTK_INVALID_LIST_POSITION);
  return g_list_model_get_item (get_articles (fixture), position);
}

/* How many rows the list should have: one per story (near-duplicate versions
 * of a wire story share a row). */
static guint
n_stories (Fixture *fixture)
{
  g_autoptr(GPtrArray) all = attache_library_list_articles (fixture->library, NULL);
  g_autoptr(GHashTable) stories = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);

  for (guint i = 0; all != NULL && i < all->len; i++)
    {
      gint64 story = attache_article_get_story_id (all->pdata[i]);

      g_hash_table_add (stories, g_memdup2 (&story, sizeof story));
    }

  return g_hash_table_size (stories);
}

static const char *
visible_page (Fixture *fixture)
{
  return gtk_stack_get_visible_child_name (window_child (fixture, "stack"));
}

static const char *
summary_field (Fixture    *fixture,
               const char *name)
{
  AttacheSummaryPane *pane = window_child (fixture, "summary_pane");
  GtkLabel *label = get_child (ATTACHE_TYPE_SUMMARY_PANE, GTK_WIDGET (pane), name);

  return gtk_label_get_text (label);
}

#define pane_child(fixture, name) \
  get_child (ATTACHE_TYPE_SUMMARY_PANE, \
             GTK_WIDGET (window_child ((fixture), "summary_pane")), (name))

/* What the summary pane says of the analysis: "none", "analysing",
 * "message" or "analysis". */
static const char *
analysis_page (Fixture *fixture)
{
  return gtk_stack_get_visible_child_name (pane_child (fixture, "analysis_stack"));
}

/* The label with @css_class in the @index-th row of the pane's actors. */
static const char *
actor_text (Fixture    *fixture,
            guint       index,
            const char *css_class)
{
  GtkListBoxRow *row = gtk_list_box_get_row_at_index (pane_child (fixture, "actor_list"), index);
  GtkWidget *label;

  g_assert_nonnull (row);
  label = find_with_class (GTK_WIDGET (row), css_class);
  g_assert_true (GTK_IS_LABEL (label));
  g_assert_true (gtk_widget_get_mapped (label));
  return gtk_label_get_text (GTK_LABEL (label));
}

/* TRUE once the pane lists the actors of the article shown. */
static gboolean
actors_shown (Fixture *fixture)
{
  return g_strcmp0 (analysis_page (fixture), "analysis") == 0 &&
         gtk_list_box_get_row_at_index (pane_child (fixture, "actor_list"), 0) != NULL;
}

/* Lets the stack finish its crossfade, so what is drawn is the page alone. */
static void
wait_for_page (Fixture *fixture)
{
  GtkStack *stack = window_child (fixture, "stack");

  wait_for_frames (GTK_WIDGET (fixture->window), 2);
  wait_until (!gtk_stack_get_transition_running (stack));
  wait_for_frames (GTK_WIDGET (fixture->window), 2);
}

static gboolean
importing (Fixture *fixture)
{
  return gtk_widget_get_visible (window_child (fixture, "import_spinner"));
}

/* Files */

static GFile *
write_file (Fixture    *fixture,
            const char *name,
            const char *contents)
{
  g_autofree char *path = g_build_filename (fixture->dir, name, NULL);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);

  return g_file_new_for_path (path);
}

/* The title the importer gives @contents, so the tests follow its rules. */
static char *
dup_expected_title (const char *contents,
                    const char *filename)
{
  g_autoptr(GBytes) bytes = g_bytes_new_static (contents, strlen (contents));
  g_autoptr(AttacheArticle) article = NULL;
  g_autoptr(GError) error = NULL;

  article = attache_import_parse_bytes (bytes, filename, &error);
  g_assert_no_error (error);
  g_assert_nonnull (attache_article_get_title (article));
  g_assert_cmpstr (attache_article_get_title (article), !=, "");

  return g_strdup (attache_article_get_title (article));
}

static void
import_files (Fixture *fixture,
              GFile  **files,
              guint    n_files)
{
  attache_window_import_files (fixture->window, files, n_files);
  g_assert_true (importing (fixture));
  wait_until (!importing (fixture));
}

/* Fixture */

static void
fixture_open_window (Fixture *fixture)
{
  /* 1200×760 unless a test changes the settings: the defaults of the
   * schema and of the window. */
  fixture->window = attache_window_new (get_application (), fixture->library);
  gtk_window_present (GTK_WINDOW (fixture->window));

  /* The first load of the list is done. */
  wait_until (g_strcmp0 (visible_page (fixture), "loading") != 0);
  wait_for_page (fixture);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  fixture->dir = test_tmpdir_new ();
  harbour_extra_items = 0;
  path = g_build_filename (fixture->dir, "library.db", NULL);
  fixture->library = attache_library_open (path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (fixture->library);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  if (fixture->window != NULL)
    {
      gtk_window_destroy (GTK_WINDOW (fixture->window));
      while (g_main_context_iteration (NULL, FALSE))
        ;
    }

  if (fixture->server != NULL)
    {
      soup_server_disconnect (fixture->server);
      g_clear_object (&fixture->server);
    }

  g_clear_object (&fixture->library);
  g_clear_pointer (&fixture->dir, test_tmpdir_free);
}

/* Tests */

static void
test_empty_library (Fixture       *fixture,
                    gconstpointer  data)
{
  AdwStatusPage *empty_page;
  GtkWidget *button;
  AdwWindowTitle *title;

  fixture_open_window (fixture);

  g_assert_cmpstr (visible_page (fixture), ==, "empty");
  empty_page = window_child (fixture, "empty_page");
  g_assert_true (ADW_IS_STATUS_PAGE (empty_page));
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (empty_page)));
  g_assert_cmpstr (adw_status_page_get_title (empty_page), ==, "No Articles Yet");

  button = window_child (fixture, "empty_import_button");
  g_assert_true (GTK_IS_BUTTON (button));
  g_assert_true (gtk_widget_get_mapped (button));
  g_assert_true (gtk_widget_is_sensitive (button));
  g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (button)), ==, "win.import");

  title = window_child (fixture, "window_title");
  g_assert_cmpstr (adw_window_title_get_subtitle (title), ==, "0 articles");

  /* Nothing to delete. */
  g_assert_false (gtk_widget_get_visible (window_child (fixture, "delete_button")));

  save_png (GTK_WIDGET (fixture->window), "window-empty.png");
}

static void
test_import_and_read (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GFile) file = write_file (fixture, "port-strike.txt", port_strike);
  g_autofree char *expected_title = dup_expected_title (port_strike, "port-strike.txt");
  g_autoptr(AttacheArticle) article = NULL;
  g_autofree char *words = NULL;

  fixture_open_window (fixture);
  g_assert_cmpstr (visible_page (fixture), ==, "empty");

  import_files (fixture, &file, 1);
  wait_until (n_articles (fixture) == 1);

  article = g_list_model_get_item (get_articles (fixture), 0);
  g_assert_cmpstr (attache_article_get_title (article), ==, expected_title);
  g_assert_cmpstr (attache_article_get_published (article), ==, "2024-04-02");
  g_assert_cmpstr (visible_page (fixture), ==, "library");
  g_assert_cmpstr (adw_window_title_get_subtitle (window_child (fixture, "window_title")), ==, "1 article");

  /* Select it (the import already did) and read it. */
  select_only (fixture, 0);
  g_assert_cmpuint (selected_position (fixture), ==, 0);

  wait_until (reader_shows (fixture->window, PORT_STRIKE_FIRST_PARAGRAPH));
  g_assert_true (reader_shows (fixture->window, expected_title));
  /* The paragraphs are all there, the date marker is not. */
  g_assert_true (reader_shows (fixture->window, "exports by a tenth that quarter."));
  g_assert_false (reader_shows (fixture->window, "date 2024"));

  g_assert_nonnull (strstr (summary_field (fixture, "published_label"), "2024"));
  g_assert_cmpuint (attache_article_get_n_words (article), >, 100);
  words = g_strdup_printf ("%u words", attache_article_get_n_words (article));
  g_assert_nonnull (strstr (summary_field (fixture, "length_label"), words));
  g_assert_nonnull (strstr (summary_field (fixture, "origin_label"), "port-strike.txt"));
  /* Plain text says nothing of its language: the importer recognised it. */
  g_assert_cmpstr (summary_field (fixture, "language_label"), ==, "English");
  g_assert_true (gtk_widget_get_mapped (window_child (fixture, "summary_pane")));

  /* The same file again: a duplicate, not a second article. */
  import_files (fixture, &file, 1);
  wait_for_frames (GTK_WIDGET (fixture->window), 2);
  g_assert_cmpuint (n_articles (fixture), ==, 1);
}

static void
test_import_several (Fixture       *fixture,
                     gconstpointer  data)
{
  GFile *files[3];
  g_autofree char *empty_name = NULL;

  fixture_open_window (fixture);

  files[0] = write_file (fixture, "port-strike.txt", port_strike);
  files[1] = write_file (fixture, "grain-corridor.md", grain_corridor);
  files[2] = write_file (fixture, "empty.txt", "  \n\n ");

  import_files (fixture, files, G_N_ELEMENTS (files));
  wait_until (n_articles (fixture) == 2);

  /* The first new article is the one shown. */
  wait_until (reader_shows (fixture->window, PORT_STRIKE_FIRST_PARAGRAPH));

  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    g_object_unref (files[i]);
}

/* Presses Undo (again, until it is offered); TRUE once the article is back. */
static gboolean
undo_delete (Fixture *fixture,
             gint64   id)
{
  if (n_articles (fixture) == 1)
    return TRUE;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window),
                                             "win.undo-delete", "x", id));
  return FALSE;
}

static void
test_delete_and_undo (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GFile) file = write_file (fixture, "port-strike.txt", port_strike);
  g_autoptr(AttacheArticle) article = NULL;
  g_autoptr(AttacheArticle) restored = NULL;
  gint64 id;

  fixture_open_window (fixture);
  import_files (fixture, &file, 1);
  wait_until (n_articles (fixture) == 1);

  select_only (fixture, 0);
  article = dup_selected_article (fixture);
  id = attache_article_get_id (article);
  wait_until (reader_shows (fixture->window, PORT_STRIKE_FIRST_PARAGRAPH));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.delete", NULL));
  wait_until (n_articles (fixture) == 0);
  g_assert_cmpstr (visible_page (fixture), ==, "empty");

  /* What the toast's Undo button does, once the toast is there: the list
   * may show the deletion a moment before the window hears it is done. */
  wait_until (undo_delete (fixture, id));

  restored = g_list_model_get_item (get_articles (fixture), 0);
  g_assert_cmpint (attache_article_get_id (restored), ==, id);
  g_assert_cmpstr (attache_article_get_title (restored), ==, attache_article_get_title (article));
  g_assert_cmpstr (visible_page (fixture), ==, "library");

  /* Selected and shown again, with its text. */
  g_assert_cmpuint (selected_position (fixture), ==, 0);
  wait_until (reader_shows (fixture->window, PORT_STRIKE_FIRST_PARAGRAPH));

  /* Undo works once. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window),
                                             "win.undo-delete", "x", id));
  wait_for_frames (GTK_WIDGET (fixture->window), 2);
  g_assert_cmpuint (n_articles (fixture), ==, 1);
}

static void
test_delete_key (Fixture       *fixture,
                 gconstpointer  data)
{
  GtkWidget *list_view;
  GtkWidget *delete_button;
  g_autoptr(GListModel) controllers = NULL;
  g_autoptr(GFile) file = NULL;
  gboolean found = FALSE;

  fixture_open_window (fixture);
  list_view = window_child (fixture, "article_list_view");

  /* Delete is a shortcut of the list, not of the window: it must not delete an
   * article while the person types in an entry. */
  controllers = gtk_widget_observe_controllers (list_view);
  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;

      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);
          GtkShortcutAction *action = gtk_shortcut_get_action (shortcut);
          g_autofree char *trigger = gtk_shortcut_trigger_to_string (gtk_shortcut_get_trigger (shortcut));

          if (GTK_IS_NAMED_ACTION (action) &&
              g_strcmp0 (gtk_named_action_get_action_name (GTK_NAMED_ACTION (action)), "win.delete") == 0)
            {
              g_assert_nonnull (strstr (trigger, "Delete"));
              g_assert_cmpint (gtk_shortcut_controller_get_scope (GTK_SHORTCUT_CONTROLLER (controller)),
                               ==, GTK_SHORTCUT_SCOPE_LOCAL);
              found = TRUE;
            }
        }
    }
  g_assert_true (found);

  /* Nothing selected, nothing to delete. */
  file = write_file (fixture, "port-strike.txt", port_strike);
  import_files (fixture, &file, 1);
  wait_until (n_articles (fixture) == 1);
  select_only (fixture, GTK_INVALID_LIST_POSITION);
  delete_button = window_child (fixture, "delete_button");
  g_assert_true (gtk_widget_get_visible (delete_button));
  g_assert_false (gtk_widget_is_sensitive (delete_button));
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.delete", NULL);
  wait_for_frames (GTK_WIDGET (fixture->window), 3);
  g_assert_cmpuint (n_articles (fixture), ==, 1);

  /* Selected, it can be. */
  select_only (fixture, 0);
  g_assert_true (gtk_widget_is_sensitive (delete_button));
}

static void
test_state (Fixture       *fixture,
            gconstpointer  data)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;
  g_autoptr(GSettings) settings = NULL;
  g_autoptr(GFile) file = NULL;
  GtkPaned *library_paned;
  GtkWidget *summary_pane;
  int width, height;

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APP_ID, TRUE);
  if (schema == NULL)
    {
      g_test_skip ("The settings schema is not compiled in GSETTINGS_SCHEMA_DIR");
      return;
    }

  settings = g_settings_new (APP_ID);
  g_settings_set_int (settings, "window-width", 1100);
  g_settings_set_int (settings, "window-height", 700);
  g_settings_set_int (settings, "library-pane-width", 300);
  g_settings_set_int (settings, "summary-pane-width", 280);

  fixture_open_window (fixture);
  file = write_file (fixture, "port-strike.txt", port_strike);
  import_files (fixture, &file, 1);
  wait_until (n_articles (fixture) == 1);
  wait_until (reader_shows (fixture->window, PORT_STRIKE_FIRST_PARAGRAPH));
  wait_for_page (fixture);

  /* Restored */
  gtk_window_get_default_size (GTK_WINDOW (fixture->window), &width, &height);
  g_assert_cmpint (width, ==, 1100);
  g_assert_cmpint (height, ==, 700);
  library_paned = window_child (fixture, "library_paned");
  summary_pane = window_child (fixture, "summary_pane");
  g_assert_cmpint (gtk_paned_get_position (library_paned), ==, 300);
  g_assert_true (gtk_widget_get_mapped (summary_pane));
  g_assert_cmpint (gtk_widget_get_width (summary_pane), ==, 280);

  /* Changed by the person, saved on closing */
  gtk_paned_set_position (library_paned, 360);
  wait_for_frames (GTK_WIDGET (fixture->window), 2);
  g_assert_cmpint (gtk_widget_get_width (summary_pane), ==, 280);

  gtk_window_close (GTK_WINDOW (fixture->window));
  fixture->window = NULL;
  while (g_main_context_iteration (NULL, FALSE))
    ;

  g_assert_cmpint (g_settings_get_int (settings, "library-pane-width"), ==, 360);
  g_assert_cmpint (g_settings_get_int (settings, "summary-pane-width"), ==, 280);
  g_assert_cmpint (g_settings_get_int (settings, "window-width"), ==, 1100);
  g_assert_cmpint (g_settings_get_int (settings, "window-height"), ==, 700);
  g_assert_false (g_settings_get_boolean (settings, "window-maximized"));

  /* As they were, for the other tests. */
  g_settings_reset (settings, "window-width");
  g_settings_reset (settings, "window-height");
  g_settings_reset (settings, "library-pane-width");
  g_settings_reset (settings, "summary-pane-width");
}

static void
test_screenshot (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(AttacheImporter) importer = attache_importer_new (fixture->library);
  g_autoptr(GPtrArray) results = NULL;
  GFile *files[3];

  /* Imported before the window opens, as on a second day of work. */
  files[0] = write_file (fixture, "port-strike.txt", port_strike);
  files[1] = write_file (fixture, "grain-corridor.md", grain_corridor);
  files[2] = write_file (fixture, "coalition-talks.html", election_html);
  attache_importer_import_files_async (importer, files, G_N_ELEMENTS (files), NULL,
                                       import_files_cb, &results);
  wait_until (results != NULL);
  for (guint i = 0; i < results->len; i++)
    g_assert_cmpint (attache_import_result_get_status (g_ptr_array_index (results, i)),
                     ==, ATTACHE_IMPORT_IMPORTED);

  fixture_open_window (fixture);
  g_assert_cmpuint (n_articles (fixture), ==, 3);
  g_assert_cmpstr (visible_page (fixture), ==, "library");

  /* Nothing is selected at first: the reader says what to do. */
  g_assert_cmpuint (selected_position (fixture), ==, GTK_INVALID_LIST_POSITION);
  save_png (GTK_WIDGET (fixture->window), "window-unselected.png");

  /* The newest first: the port strike (2 April). */
  attache_window_select_article (fixture->window,
                                 attache_import_result_get_article_id (g_ptr_array_index (results, 0)));
  g_assert_cmpuint (selected_position (fixture), ==, 0);
  wait_until (reader_shows (fixture->window, PORT_STRIKE_FIRST_PARAGRAPH));
  wait_for_frames (GTK_WIDGET (fixture->window), 3);

  save_png (GTK_WIDGET (fixture->window), "window.png");

  /* The HTML article, with a source, an author and a link. */
  attache_window_select_article (fixture->window,
                                 attache_import_result_get_article_id (g_ptr_array_index (results, 2)));
  wait_until (reader_shows (fixture->window, "Negotiators for the three parties"));
  g_assert_true (reader_shows (fixture->window, "Capital Wire"));
  wait_for_frames (GTK_WIDGET (fixture->window), 3);
  save_png (GTK_WIDGET (fixture->window), "window-html.png");

  /* The same in the dark style: the details and the link stay readable. */
  set_dark (TRUE);
  wait_for_frames (GTK_WIDGET (fixture->window), 3);
  save_png (GTK_WIDGET (fixture->window), "window-dark.png");
  set_dark (FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    g_object_unref (files[i]);
}

/* The id of the listed article whose title starts with @prefix. */
static gint64
find_article_id_by_title (Fixture    *fixture,
                          const char *prefix)
{
  GListModel *articles = get_articles (fixture);

  for (guint i = 0; i < g_list_model_get_n_items (articles); i++)
    {
      g_autoptr(AttacheArticle) article = g_list_model_get_item (articles, i);

      if (g_str_has_prefix (attache_article_get_title (article), prefix))
        return attache_article_get_id (article);
    }

  g_error ("No article titled “%s…”", prefix);
}

/* How many toasts the window shows (or hides, or shows next). */
static guint
toasts_shown (Fixture *fixture)
{
  GtkWidget *overlay = window_child (fixture, "toast_overlay");
  guint n = 0;

  /* The overlay's children: its content, then the toasts. */
  for (GtkWidget *child = gtk_widget_get_first_child (overlay);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n++;

  return n - 1;
}

/* The summary pane shows the article's analysis, made in the background: the
 * key actors, the topics, the subject and the summary; and says when there is
 * none for the article's language. */
static void
test_analysis (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(AttacheImporter) importer = attache_importer_new (fixture->library);
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(AttacheAnalysisRunner) runner = NULL;
  g_autoptr(AttacheArticle) talks = NULL;
  GtkAdjustment *adjustment;
  GtkWidget *chip;
  GtkWidget *sentence;
  GtkLabel *subject_label;
  const char *first_name;
  GFile *files[3];

  /* Two articles from yesterday, not analysed yet. */
  files[0] = write_file (fixture, "grain-corridor.md", grain_corridor);
  files[1] = write_file (fixture, "greve.txt", greve_fr);
  attache_importer_import_files_async (importer, files, 2, NULL, import_files_cb, &results);
  wait_until (results != NULL);

  fixture_open_window (fixture);
  g_assert_cmpuint (n_articles (fixture), ==, 2);

  /* As the application does: the articles are analysed in the background. */
  runner = attache_analysis_runner_new (fixture->library);
  attache_window_set_analysis_runner (fixture->window, runner);

  /* And one more, imported as the Import button does. */
  files[2] = write_file (fixture, "strike-talks.txt", strike_talks);
  import_files (fixture, &files[2], 1);
  wait_until (n_articles (fixture) == 3);

  /* The toasts that say so are gone before the picture. */
  wait_until (toasts_shown (fixture) == 0);

  /* The first new article is shown; its actors appear once it is analysed. */
  wait_until (reader_shows (fixture->window, STRIKE_TALKS_FIRST_SENTENCE));
  wait_until (actors_shown (fixture));

  /* Ranked as stored: the minister, named most, with her title. */
  first_name = actor_text (fixture, 0, "actor-name");
  g_assert_cmpstr (first_name, ==, "Ilse Marran");
  g_assert_nonnull (strstr (actor_text (fixture, 0, "actor-role"), "Minister"));
  g_assert_cmpuint (g_ascii_strtoull (actor_text (fixture, 0, "actor-mentions"), NULL, 10), >=, 3);

  /* The topics, the subject with its IPTC code in a tooltip, the summary. */
  g_assert_true (gtk_widget_get_mapped (pane_child (fixture, "topics_group")));
  /* Each topic a chip that shows the articles about it (test-actors-window
   * clicks them). */
  chip = find_with_class (GTK_WIDGET (pane_child (fixture, "topic_box")), "topic-chip");
  g_assert_true (GTK_IS_BUTTON (chip));
  g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (chip)), ==, "win.search-topic");
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (gtk_button_get_child (GTK_BUTTON (chip)))), !=, "");

  subject_label = pane_child (fixture, "subject_label");
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (subject_label)));
  g_assert_true (g_ascii_isupper (gtk_label_get_text (subject_label)[0]));
  g_assert_true (g_str_has_prefix (gtk_widget_get_tooltip_text (GTK_WIDGET (subject_label)),
                                   "IPTC Media Topic medtop:"));

  sentence = find_with_class (GTK_WIDGET (pane_child (fixture, "summary_box")), "summary-sentence");
  g_assert_true (GTK_IS_LABEL (sentence));
  g_assert_true (gtk_widget_get_mapped (sentence));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (sentence)), ==, STRIKE_TALKS_FIRST_SENTENCE);

  /* The details are still there, under the analysis. */
  g_assert_cmpstr (summary_field (fixture, "language_label"), ==, "English");

  wait_for_frames (GTK_WIDGET (fixture->window), 3);
  save_png (GTK_WIDGET (fixture->window), "window-analysis.png");

  /* The same in the dark style: the roles, chips and bars stay readable. */
  set_dark (TRUE);
  wait_for_frames (GTK_WIDGET (fixture->window), 3);
  save_png (GTK_WIDGET (fixture->window), "window-analysis-dark.png");
  set_dark (FALSE);

  /* The pane scrolls: the summary and the details are further down. */
  adjustment = gtk_scrolled_window_get_vadjustment (pane_child (fixture, "scroller"));
  g_assert_cmpfloat (gtk_adjustment_get_upper (adjustment), >, gtk_adjustment_get_page_size (adjustment));
  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment));
  wait_for_frames (GTK_WIDGET (fixture->window), 3);
  g_assert_true (gtk_widget_get_mapped (pane_child (fixture, "origin_label")));
  save_png (GTK_WIDGET (fixture->window), "window-analysis-end.png");

  /* French: the models do not cover it, and the pane says so. */
  talks = g_object_ref (attache_summary_pane_get_article (window_child (fixture, "summary_pane")));
  attache_window_select_article (fixture->window, find_article_id_by_title (fixture, "Les dockers"));
  wait_until (reader_shows (fixture->window, "Les dockers du port de Valmora"));
  wait_until (g_strcmp0 (analysis_page (fixture), "message") == 0);
  g_assert_cmpstr (gtk_label_get_text (pane_child (fixture, "message_label")), ==,
                   "Analysis is not available for French");
  g_assert_false (gtk_widget_get_mapped (pane_child (fixture, "actors_group")));

  /* Back: the analysis again. */
  attache_window_select_article (fixture->window, attache_article_get_id (talks));
  wait_until (actors_shown (fixture));
  g_assert_cmpstr (actor_text (fixture, 0, "actor-name"), ==, "Ilse Marran");

  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    g_object_unref (files[i]);
}

/* Without a runner nothing is analysed, and the pane says so; once the
 * article is analysed, the pane shows it without being asked. */
static void
test_analysis_changed (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GFile) file = write_file (fixture, "strike-talks.txt", strike_talks);
  g_autoptr(GError) error = NULL;
  AttacheArticle *article;

  fixture_open_window (fixture);
  import_files (fixture, &file, 1);
  wait_until (n_articles (fixture) == 1);
  wait_until (reader_shows (fixture->window, STRIKE_TALKS_FIRST_SENTENCE));
  wait_until (g_strcmp0 (analysis_page (fixture), "message") == 0);
  g_assert_cmpstr (gtk_label_get_text (pane_child (fixture, "message_label")), ==, "Not analysed yet");

  article = attache_summary_pane_get_article (window_child (fixture, "summary_pane"));
  g_assert_true (attache_library_analyze_article (fixture->library, attache_article_get_id (article), &error));
  g_assert_no_error (error);

  wait_until (actors_shown (fixture));
  g_assert_cmpstr (actor_text (fixture, 0, "actor-name"), ==, "Ilse Marran");
}

/* Folders, web pages, drag and drop, paste */

/* Writes @contents at @relative_path under the fixture's folder, making the
 * folders on the way. */
static void
write_tree_file (Fixture    *fixture,
                 const char *relative_path,
                 const char *contents,
                 gssize      len)
{
  g_autofree char *path = g_build_filename (fixture->dir, relative_path, NULL);
  g_autofree char *folder = g_path_get_dirname (path);
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (g_mkdir_with_parents (folder, 0700), ==, 0);
  g_file_set_contents (path, contents, len, &error);
  g_assert_no_error (error);
}

static GFile *
tree_file (Fixture    *fixture,
           const char *relative_path)
{
  g_autofree char *path = g_build_filename (fixture->dir, relative_path, NULL);

  return g_file_new_for_path (path);
}

/* A folder of cuttings: three articles, in a subfolder too, a picture and a
 * hidden folder. */
static GFile *
write_cuttings (Fixture *fixture)
{
  static const guchar png[] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 0x0d };

  write_tree_file (fixture, "Cuttings/port-strike.txt", port_strike, -1);
  write_tree_file (fixture, "Cuttings/photo.png", (const char *) png, sizeof png);
  write_tree_file (fixture, "Cuttings/March/grain-corridor.md", grain_corridor, -1);
  write_tree_file (fixture, "Cuttings/March/coalition-talks.html", election_html, -1);
  write_tree_file (fixture, "Cuttings/.trash/old.txt", "An old note nobody wants back.\n", -1);

  return tree_file (fixture, "Cuttings");
}

static gboolean
progress_shown (Fixture *fixture)
{
  return gtk_revealer_get_reveal_child (window_child (fixture, "progress_revealer"));
}

static const char *
progress_text (Fixture *fixture)
{
  return gtk_label_get_text (window_child (fixture, "progress_label"));
}

/* The article whose origin is @origin, or NULL. */
static AttacheArticle *
find_article_by_origin (Fixture    *fixture,
                        const char *origin)
{
  g_autoptr(GPtrArray) articles = NULL;
  g_autoptr(GError) error = NULL;

  articles = attache_library_list_articles (fixture->library, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < articles->len; i++)
    {
      AttacheArticle *article = g_ptr_array_index (articles, i);

      if (g_strcmp0 (attache_article_get_origin (article), origin) == 0)
        return g_object_ref (article);
    }

  return NULL;
}

static gboolean
has_article_from (Fixture    *fixture,
                  const char *origin)
{
  g_autoptr(AttacheArticle) article = find_article_by_origin (fixture, origin);

  return article != NULL;
}

static void
test_import_folder (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GFile) folder = NULL;
  g_autofree char *port_strike_path = NULL;

  fixture_open_window (fixture);
  folder = write_cuttings (fixture);

  /* Nothing to cancel yet. */
  g_assert_false (progress_shown (fixture));
  g_assert_false (gtk_widget_is_sensitive (window_child (fixture, "progress_cancel_button")));

  attache_window_import_folder (fixture->window, folder);

  /* The progress is shown at once, with a Cancel button that works. */
  g_assert_true (progress_shown (fixture));
  g_assert_true (gtk_widget_is_sensitive (window_child (fixture, "progress_cancel_button")));
  g_assert_nonnull (strstr (progress_text (fixture), "Cuttings"));

  /* Then hidden, the articles listed: the picture and the hidden folder left out. */
  wait_until (!progress_shown (fixture));
  wait_until (n_articles (fixture) == 3);
  g_assert_cmpstr (progress_text (fixture), ==, "Importing 3 of 3 files…");
  g_assert_false (gtk_widget_is_sensitive (window_child (fixture, "progress_cancel_button")));
  g_assert_cmpstr (visible_page (fixture), ==, "library");

  /* The first new article is shown: the walk goes in name order, into
   * March/ before port-strike.txt. */
  wait_until (reader_shows (fixture->window, "Negotiators for the three parties"));
  port_strike_path = g_build_filename (fixture->dir, "Cuttings", "port-strike.txt", NULL);
  g_assert_true (has_article_from (fixture, port_strike_path));
  g_assert_false (has_article_from (fixture, "old.txt"));

  /* Again: duplicates, nothing added, the window as it was. */
  attache_window_import_folder (fixture->window, folder);
  g_assert_true (progress_shown (fixture));
  wait_until (!progress_shown (fixture));
  wait_for_frames (GTK_WIDGET (fixture->window), 2);
  g_assert_cmpuint (n_articles (fixture), ==, 3);
}

/* A folder of thousands of files: the window keeps drawing and shows how far
 * it is; Cancel stops it, and what was imported stays. */
static void
test_import_folder_progress (Fixture       *fixture,
                             gconstpointer  data)
{
  static const char * const places[] = { "Valmora", "Kessel", "Orsk", "Varna", "Tarrin" };
  static const char * const events[] = {
    "Harbour master logs ships at anchor off",
    "Grain exports fall again from",
    "Council debates port automation in",
    "Ferry sailings cut after storm at",
  };
  const guint n_files = 5000;
  g_autoptr(AttacheImporter) importer = attache_importer_new (fixture->library);
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(GFile) folder = NULL;
  GtkProgressBar *progress_bar;
  GtkRevealer *revealer;
  gboolean animations;
  guint n_frames = 0;
  guint tick_id;
  gint64 n_kept;
  GFile *files[3];

  /* A library in use, one article open. */
  files[0] = write_file (fixture, "port-strike.txt", port_strike);
  files[1] = write_file (fixture, "grain-corridor.md", grain_corridor);
  files[2] = write_file (fixture, "coalition-talks.html", election_html);
  attache_importer_import_files_async (importer, files, G_N_ELEMENTS (files), NULL,
                                       import_files_cb, &results);
  wait_until (results != NULL);

  for (guint i = 0; i < n_files; i++)
    {
      g_autofree char *name = g_strdup_printf ("Wires/%02u/wire-%04u.txt", i / 500, i);
      g_autofree char *text = g_strdup_printf ("%s %s\n\nWire %u from the regional desk: %u vessels "
                                               "were reported at %s by the morning watch.\n",
                                               events[i % G_N_ELEMENTS (events)],
                                               places[i % G_N_ELEMENTS (places)], i,
                                               i % 37 + 2, places[(i / 5) % G_N_ELEMENTS (places)]);

      write_tree_file (fixture, name, text, -1);
    }
  folder = tree_file (fixture, "Wires");

  fixture_open_window (fixture);
  attache_window_select_article (fixture->window,
                                 attache_import_result_get_article_id (g_ptr_array_index (results, 0)));
  wait_until (reader_shows (fixture->window, PORT_STRIKE_FIRST_PARAGRAPH));

  /* The strip, shown without sliding in, for the picture. */
  g_object_get (gtk_settings_get_default (), "gtk-enable-animations", &animations, NULL);
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

  attache_window_import_folder (fixture->window, folder);
  progress_bar = window_child (fixture, "progress_bar");
  revealer = window_child (fixture, "progress_revealer");
  wait_until (gtk_progress_bar_get_fraction (progress_bar) >= 0.04);

  /* The window draws while the files are imported. (Not wait_for_frames ():
   * it runs the main loop until nothing is left to do, the end of the import.) */
  tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (fixture->window), count_frame_cb, &n_frames, NULL);
  wait_until (n_frames >= 3);
  gtk_widget_remove_tick_callback (GTK_WIDGET (fixture->window), tick_id);
  /* Still under way: the main loop ran all along. */
  g_assert_true (gtk_revealer_get_child_revealed (revealer));
  g_assert_cmpfloat (gtk_progress_bar_get_fraction (progress_bar), <, 1.0);
  g_assert_true (g_str_has_prefix (progress_text (fixture), "Importing "));
  g_assert_nonnull (strstr (progress_text (fixture), " of 5000 files…"));
  g_assert_cmpuint (n_articles (fixture), >, 3);
  save_png (GTK_WIDGET (fixture->window), "window-importing.png");

  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", animations, NULL);

  /* Cancel, as the button does. */
  gtk_widget_activate (window_child (fixture, "progress_cancel_button"));
  wait_until (!progress_shown (fixture));

  n_kept = attache_library_count_articles (fixture->library, NULL);
  g_test_message ("%" G_GINT64_FORMAT " articles kept of %u", n_kept - 3, n_files);
  g_assert_cmpint (n_kept, >, 3);
  g_assert_cmpint (n_kept, <, n_files + 3);
  /* One row per story: the generated wires are near-duplicates of each other. */
  wait_until (n_articles (fixture) == n_stories (fixture));

  /* The article open stays open. */
  g_assert_true (reader_shows (fixture->window, PORT_STRIKE_FIRST_PARAGRAPH));

  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    g_object_unref (files[i]);
}

/* Feeds on the test server: /feeds/N.xml, RSS with three items (and, for
 * feed 0, harbour_extra_items more, for a refresh to find). Feed 0 is the
 * Harbour Post, written for these tests; the others are made of words drawn
 * at random, so that no two items tell the same story. */

static const struct { const char *title; const char *text; } harbour_items[] = {
  { "Pilots Return to Work at Valmora After Pay Deal",
    "Harbour pilots at Valmora went back to work on Friday after the port authority agreed to "
    "raise night-shift pay, ending a two-day stoppage that had left tankers drifting offshore." },
  { "Dredging of the Northern Channel Delayed Until Spring",
    "The contractor deepening the northern channel has asked for four more months, blaming "
    "winter storms and a shortage of spare parts for its largest dredger." },
  { "Customs Launches Night Inspections of Container Traffic",
    "Customs officers will inspect containers around the clock from next week, a change the "
    "freight forwarders' association says will cut waiting times by a third." },
  { "Ferry Operator Orders Two Electric Vessels",
    "The island ferry company signed a contract for two battery-powered ships, the first of "
    "which is due to enter service on the Valmora–Tarrin route in two years." },
};

static const char feed_words[] =
  "minister council harbour grain convoy tariff quota strike union port authority shipping "
  "agent tanker ferry customs border election coalition budget subsidy energy wind farm "
  "pipeline refinery drought harvest fertiliser price inflation central bank governor loan "
  "bond treasury audit court ruling appeal parliament vote committee inquiry report envoy "
  "embassy summit treaty sanction embargo patrol navy coast guard storm flood bridge railway "
  "tunnel airport runway cargo freight container terminal crane automation wages pension "
  "reform hospital school teacher nurse doctor farmer fisher quota licence mine copper nickel "
  "lithium battery factory plant export import deficit surplus forecast survey census mayor "
  "governor province district village river delta lake forest fire rescue volunteer charity "
  "donor grant aid relief refugee camp visa passport asylum migrant labour contract dispute";

/* Words drawn at random from feed_words, the same for the same @seed. */
static char *
dup_random_text (guint32 seed,
                 guint   n_words)
{
  g_auto(GStrv) words = g_strsplit (feed_words, " ", -1);
  guint n_vocabulary = g_strv_length (words);
  g_autoptr(GString) text = g_string_new (NULL);
  GRand *rand = g_rand_new_with_seed (seed);

  for (guint i = 0; i < n_words; i++)
    {
      if (i > 0)
        g_string_append_c (text, i % 12 == 0 ? '.' : ' ');
      if (i % 12 == 0 && i > 0)
        g_string_append_c (text, ' ');
      g_string_append (text, words[g_rand_int_range (rand, 0, n_vocabulary)]);
    }
  g_string_append_c (text, '.');

  g_rand_free (rand);
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static char *
dup_feed_xml (guint feed)
{
  g_autoptr(GString) xml = g_string_new ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                                         "<rss version=\"2.0\"><channel>");
  guint n_items = feed == 0 ? 3 + harbour_extra_items : 3;

  if (feed == 0)
    g_string_append (xml, "<title>Harbour Post</title>");
  else
    g_string_append_printf (xml, "<title>Regional Wire %u</title>", feed);
  g_string_append_printf (xml, "<link>https://news.example/%u/</link>"
                               "<description>News</description>", feed);

  for (guint i = 0; i < n_items; i++)
    {
      g_autofree char *title = NULL;
      g_autofree char *text = NULL;

      if (feed == 0)
        {
          title = g_markup_escape_text (harbour_items[i].title, -1);
          text = g_markup_escape_text (harbour_items[i].text, -1);
        }
      else
        {
          g_autofree char *words = dup_random_text (feed * 100 + i, 60);

          title = g_strdup_printf ("Wire %u.%u: %.40s", feed, i, words);
          text = g_steal_pointer (&words);
        }

      /* 1 to 4 April 2024, the newest last. */
      g_string_append_printf (xml,
                              "<item><title>%s</title>"
                              "<link>https://news.example/%u/%u</link>"
                              "<guid>feed-%u-item-%u</guid>"
                              "<pubDate>%s, 0%u Apr 2024 09:%02u:00 GMT</pubDate>"
                              "<description>%s</description></item>",
                              title, feed, i, feed, i,
                              (const char *[]) { "Mon", "Tue", "Wed", "Thu" }[i % 4],
                              i % 4 + 1, feed % 60, text);
    }

  g_string_append (xml, "</channel></rss>\n");
  return g_string_free (g_steal_pointer (&xml), FALSE);
}

/* A server on loopback with the coalition article at /politics/coalition-talks. */
static void
server_cb (SoupServer        *server,
           SoupServerMessage *msg,
           const char        *path,
           GHashTable        *query,
           gpointer           user_data)
{
  if (g_str_equal (path, "/politics/coalition-talks"))
    {
      soup_server_message_set_response (msg, "text/html; charset=utf-8", SOUP_MEMORY_STATIC,
                                        election_html, strlen (election_html));
      soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
    }
  else if (g_str_equal (path, "/world/fisheries"))
    {
      soup_server_message_set_response (msg, "text/html", SOUP_MEMORY_STATIC,
                                        fisheries_html, strlen (fisheries_html));
      soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
    }
  else if (g_str_has_prefix (path, "/feeds/") && g_str_has_suffix (path, ".xml"))
    {
      guint feed = (guint) g_ascii_strtoull (path + strlen ("/feeds/"), NULL, 10);
      char *xml = dup_feed_xml (feed);

      soup_server_message_set_response (msg, "application/rss+xml", SOUP_MEMORY_TAKE,
                                        xml, strlen (xml));
      soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
    }
  else if (g_str_equal (path, "/markets/grain"))
    {
      soup_server_message_set_response (msg, "text/markdown; charset=utf-8", SOUP_MEMORY_STATIC,
                                        grain_corridor, strlen (grain_corridor));
      soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
    }
  else
    {
      soup_server_message_set_status (msg, SOUP_STATUS_NOT_FOUND, NULL);
    }
}

/* The address of @path on the fixture's server, started on first use. */
static char *
server_url (Fixture    *fixture,
            const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GUri) uri = NULL;
  GSList *uris;

  if (fixture->server == NULL)
    {
      fixture->server = soup_server_new (NULL, NULL);
      soup_server_add_handler (fixture->server, NULL, server_cb, NULL, NULL);
      soup_server_listen_local (fixture->server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
      g_assert_no_error (error);
    }

  uris = soup_server_get_uris (fixture->server);
  uri = g_uri_parse_relative (uris->data, path, G_URI_FLAGS_NONE, &error);
  g_assert_no_error (error);
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);

  return g_uri_to_string (uri);
}

static void
test_import_url (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autofree char *url = server_url (fixture, "/politics/coalition-talks");
  g_autofree char *missing = server_url (fixture, "/politics/no-such-page");
  g_autoptr(AttacheArticle) article = NULL;

  g_assert_true (g_str_has_prefix (url, "http://127.0.0.1:"));

  fixture_open_window (fixture);

  attache_window_import_url (fixture->window, url);
  /* The spinner turns while the page is fetched. */
  g_assert_true (importing (fixture));
  wait_until (!importing (fixture));
  wait_until (n_articles (fixture) == 1);

  article = find_article_by_origin (fixture, url);
  g_assert_nonnull (article);
  g_assert_cmpstr (attache_article_get_title (article), ==, "Coalition Talks Stall Over Energy Subsidies");
  g_assert_cmpstr (attache_article_get_url (article), ==,
                   "https://capitalwire.example/politics/coalition-talks-stall");

  /* Selected and shown. */
  g_assert_cmpuint (selected_position (fixture), ==, 0);
  wait_until (reader_shows (fixture->window, "Negotiators for the three parties"));

  /* A page that is not there: nothing added, the window goes on. */
  attache_window_import_url (fixture->window, missing);
  g_assert_true (importing (fixture));
  wait_until (!importing (fixture));
  wait_for_frames (GTK_WIDGET (fixture->window), 2);
  g_assert_cmpuint (n_articles (fixture), ==, 1);
  g_assert_true (reader_shows (fixture->window, "Negotiators for the three parties"));
}

/* The dialog of win.import-url, if it is shown, and its entry. */
#if ADW_CHECK_VERSION (1, 5, 0)
G_GNUC_BEGIN_IGNORE_DEPRECATIONS
static GtkWidget *
find_url_dialog (Fixture   *fixture,
                 GtkEntry **entry)
{
  GtkWidget *alert = find_alert (GTK_WIDGET (fixture->window));

  if (alert == NULL)
    return NULL;

  *entry = GTK_ENTRY (adw_alert_dialog_get_extra_child (ADW_ALERT_DIALOG (alert)));
  return alert;
}

static gboolean
url_dialog_accepts (GtkWidget *dialog)
{
  return adw_alert_dialog_get_response_enabled (ADW_ALERT_DIALOG (dialog), "accept");
}
G_GNUC_END_IGNORE_DEPRECATIONS
#else
static GtkWidget *
find_url_dialog (Fixture   *fixture,
                 GtkEntry **entry)
{
  g_autoptr(GList) toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    {
      if (ADW_IS_MESSAGE_DIALOG (l->data) && gtk_widget_get_mapped (l->data) &&
          gtk_window_get_transient_for (l->data) == GTK_WINDOW (fixture->window))
        {
          *entry = GTK_ENTRY (adw_message_dialog_get_extra_child (l->data));
          return l->data;
        }
    }

  return NULL;
}

static gboolean
url_dialog_accepts (GtkWidget *dialog)
{
  return adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "accept");
}
#endif

static void
test_import_url_dialog (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autofree char *url = server_url (fixture, "/markets/grain");
  g_autofree char *padded = g_strdup_printf ("  %s ", url);
  static const char * const not_addresses[] = {
    "", "   ", "capitalwire", "ftp://capitalwire.example/a", "file:///etc/passwd",
    "https://", "https://capital wire.example/", "javascript:alert(1)",
  };
  GtkWidget *dialog = NULL;
  GtkEntry *entry = NULL;

  fixture_open_window (fixture);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.import-url", NULL));
  wait_until ((dialog = find_url_dialog (fixture, &entry)) != NULL);
  g_assert_true (GTK_IS_ENTRY (entry));

  /* Import only once there is a web address. */
  for (guint i = 0; i < G_N_ELEMENTS (not_addresses); i++)
    {
      gtk_editable_set_text (GTK_EDITABLE (entry), not_addresses[i]);
      g_test_message ("“%s”", not_addresses[i]);
      g_assert_false (url_dialog_accepts (dialog));
    }

  /* Enter does nothing then. */
  press_enter (entry);
  wait_for_frames (GTK_WIDGET (fixture->window), 2);
  g_assert_true (find_url_dialog (fixture, &entry) == dialog);

  /* As pasted, with white space around. */
  gtk_editable_set_text (GTK_EDITABLE (entry), padded);
  g_assert_true (url_dialog_accepts (dialog));
  wait_for_frames (dialog, 3);
  save_png (dialog, "dialog-import-url.png");

  /* Enter imports. */
  press_enter (entry);
  wait_until (find_url_dialog (fixture, &entry) == NULL);
  wait_until (n_articles (fixture) == 1);
  wait_until (!importing (fixture));
  g_assert_true (has_article_from (fixture, url));
  wait_until (reader_shows (fixture->window, "Foreign ministers from four coastal states"));
}

static GtkDropTarget *
get_drop_target (Fixture *fixture)
{
  GtkWidget *drop_area = window_child (fixture, "drop_area");
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (drop_area);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_DROP_TARGET (controller))
        return GTK_DROP_TARGET (controller);
    }

  g_assert_not_reached ();
}

/* Drops @value as GTK does once the data is read: the target's "drop". */
static gboolean
drop_value (Fixture      *fixture,
            const GValue *value)
{
  GtkDropTarget *target = get_drop_target (fixture);
  GtkWidget *drop_area = window_child (fixture, "drop_area");
  gboolean accepted = FALSE;

  g_signal_emit_by_name (target, "drop", value,
                         gtk_widget_get_width (drop_area) / 2.0,
                         gtk_widget_get_height (drop_area) / 2.0,
                         &accepted);
  return accepted;
}

static gboolean
drop_text (Fixture    *fixture,
           const char *text)
{
  g_auto(GValue) value = G_VALUE_INIT;

  g_value_init (&value, G_TYPE_STRING);
  g_value_set_string (&value, text);
  return drop_value (fixture, &value);
}

static void
test_drop (Fixture       *fixture,
           gconstpointer  data)
{
  g_autoptr(GFile) folder = NULL;
  g_autoptr(GFile) file = NULL;
  g_autofree char *url = server_url (fixture, "/world/fisheries");
  g_autofree char *two_urls = NULL;
  g_autoptr(AttacheArticle) dropped_text = NULL;
  g_auto(GValue) value = G_VALUE_INIT;
  GtkDropTarget *target;
  GdkContentFormats *formats;
  GtkWidget *drop_area;
  GFile *dropped[2];

  fixture_open_window (fixture);

  /* Copies files, folders and text; over the whole library, whatever has the focus. */
  target = get_drop_target (fixture);
  g_assert_cmpint (gtk_drop_target_get_actions (target), ==, GDK_ACTION_COPY);
  formats = gtk_drop_target_get_formats (target);
  g_assert_true (gdk_content_formats_contain_gtype (formats, GDK_TYPE_FILE_LIST));
  g_assert_true (gdk_content_formats_contain_gtype (formats, G_TYPE_STRING));
  g_assert_cmpint (gtk_event_controller_get_propagation_phase (GTK_EVENT_CONTROLLER (target)),
                   ==, GTK_PHASE_CAPTURE);
  drop_area = window_child (fixture, "drop_area");
  g_assert_true (gtk_widget_is_ancestor (GTK_WIDGET (window_child (fixture, "stack")), drop_area));

  /* While something hovers, the library says what a drop does. */
  g_assert_cmpfloat (gtk_widget_get_opacity (window_child (fixture, "drop_highlight")), ==, 1.0);
  gtk_widget_set_state_flags (drop_area, GTK_STATE_FLAG_DROP_ACTIVE, FALSE);
  wait_for_frames (GTK_WIDGET (fixture->window), 20);
  save_png (GTK_WIDGET (fixture->window), "window-drop.png");
  gtk_widget_unset_state_flags (drop_area, GTK_STATE_FLAG_DROP_ACTIVE);

  /* A file and a folder, as a file manager drops them. */
  folder = write_cuttings (fixture);
  file = write_file (fixture, "briefing-note.txt",
                     "Briefing note\n\nThe minister asked for a summary of the strait talks by Friday.\n");
  dropped[0] = file;
  dropped[1] = folder;
  g_value_init (&value, GDK_TYPE_FILE_LIST);
  g_value_take_boxed (&value, gdk_file_list_new_from_array (dropped, G_N_ELEMENTS (dropped)));

  g_assert_true (drop_value (fixture, &value));
  wait_until (n_articles (fixture) == 4);
  wait_until (!progress_shown (fixture) && !importing (fixture));

  /* A web address, as a browser drops a link's text. */
  g_assert_true (drop_text (fixture, url));
  g_assert_true (importing (fixture));
  wait_until (!importing (fixture));
  wait_until (n_articles (fixture) == 5);
  g_assert_true (has_article_from (fixture, url));
  wait_until (reader_shows (fixture->window, "Fisheries ministers of the coastal states"));

  /* Two at once: one already imported (from the folder), one missing. */
  two_urls = g_strdup_printf ("%s\n%s\n", server_url (fixture, "/markets/grain"),
                              server_url (fixture, "/missing"));
  g_assert_true (drop_text (fixture, two_urls));
  g_assert_true (importing (fixture));
  wait_until (!importing (fixture));
  g_assert_cmpint (attache_library_count_articles (fixture->library, NULL), ==, 5);

  /* Text that is not an address: an article of its own. */
  g_assert_true (drop_text (fixture, "Strait talks\n\nThe convoy sailed at dawn, escorted by "
                                     "two patrol boats from the coastal states.\n"));
  wait_until (n_articles (fixture) == 6);
  wait_until (!importing (fixture));
  dropped_text = find_article_by_origin (fixture, "drop");
  g_assert_nonnull (dropped_text);

  /* Nothing but white space: refused. */
  g_assert_false (drop_text (fixture, " \n\t "));
}

/* The shortcut of @widget's own controllers that activates @action_name, or NULL. */
static char *
find_shortcut (GtkWidget            *widget,
               const char           *action_name,
               GtkShortcutScope     *scope)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;

      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);
          GtkShortcutAction *action = gtk_shortcut_get_action (shortcut);

          if ((GTK_IS_NAMED_ACTION (action) &&
               g_strcmp0 (gtk_named_action_get_action_name (GTK_NAMED_ACTION (action)), action_name) == 0))
            {
              *scope = gtk_shortcut_controller_get_scope (GTK_SHORTCUT_CONTROLLER (controller));
              return gtk_shortcut_trigger_to_string (gtk_shortcut_get_trigger (shortcut));
            }
        }
    }

  return NULL;
}

static void
test_paste (Fixture       *fixture,
            gconstpointer  data)
{
  g_autofree char *url = server_url (fixture, "/politics/coalition-talks");
  g_autofree char *trigger = NULL;
  g_autoptr(AttacheArticle) pasted = NULL;
  g_autoptr(GFile) file = NULL;
  g_auto(GValue) file_list = G_VALUE_INIT;
  g_autofree char *file_path = NULL;
  GtkShortcutScope scope = GTK_SHORTCUT_SCOPE_GLOBAL;
  GdkClipboard *clipboard;

  fixture_open_window (fixture);
  clipboard = gtk_widget_get_clipboard (GTK_WIDGET (fixture->window));

  /* Ctrl+V is the list's: in an entry or in the reader it pastes or does nothing. */
  trigger = find_shortcut (window_child (fixture, "article_list_view"), "win.paste", &scope);
  g_assert_nonnull (trigger);
  g_assert_nonnull (strstr (trigger, "<Control>v"));
  g_assert_cmpint (scope, ==, GTK_SHORTCUT_SCOPE_LOCAL);
  /* And the empty library's, where the list is not shown. */
  g_clear_pointer (&trigger, g_free);
  trigger = find_shortcut (window_child (fixture, "empty_page"), "win.paste", &scope);
  g_assert_nonnull (trigger);
  g_assert_cmpint (scope, ==, GTK_SHORTCUT_SCOPE_LOCAL);

  /* Text: an article, from the clipboard. */
  gdk_clipboard_set_text (clipboard, port_strike);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.paste", NULL));
  wait_until (n_articles (fixture) == 1);
  wait_until (!importing (fixture));
  pasted = find_article_by_origin (fixture, "clipboard");
  g_assert_nonnull (pasted);
  g_assert_cmpstr (attache_article_get_published (pasted), ==, "2024-04-02");
  wait_until (reader_shows (fixture->window, PORT_STRIKE_FIRST_PARAGRAPH));

  /* Pasted again: a duplicate. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.paste", NULL));
  wait_until (importing (fixture));
  wait_until (!importing (fixture));
  g_assert_cmpuint (n_articles (fixture), ==, 1);

  /* A web address: the page. */
  gdk_clipboard_set_text (clipboard, url);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.paste", NULL));
  wait_until (n_articles (fixture) == 2);
  wait_until (!importing (fixture));
  g_assert_true (has_article_from (fixture, url));
  wait_until (reader_shows (fixture->window, "Negotiators for the three parties"));

  /* Files, as a file manager copies them. */
  file = write_file (fixture, "grain-corridor.md", grain_corridor);
  g_value_init (&file_list, GDK_TYPE_FILE_LIST);
  g_value_take_boxed (&file_list, gdk_file_list_new_from_array (&file, 1));
  gdk_clipboard_set_value (clipboard, &file_list);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.paste", NULL));
  wait_until (n_articles (fixture) == 3);
  wait_until (!importing (fixture));
  file_path = g_file_get_path (file);
  g_assert_true (has_article_from (fixture, file_path));

  /* Nothing useful: nothing happens. */
  gdk_clipboard_set_text (clipboard, "   ");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.paste", NULL));
  wait_for_frames (GTK_WIDGET (fixture->window), 3);
  g_assert_false (importing (fixture));
  g_assert_cmpuint (n_articles (fixture), ==, 3);
}

static void
test_import_menu (Fixture       *fixture,
                  gconstpointer  data)
{
  static const struct { const char *action; const char *accel; } ways[] = {
    { "win.import", "<Control>o" },
    { "win.import-folder", "<Control><Shift>o" },
    { "win.import-url", "<Control>l" },
  };
  AdwSplitButton *button;
  GMenuModel *menu;
  GMenuModel *section;

  fixture_open_window (fixture);

  /* The Import button imports files; its menu has the other ways in. */
  button = window_child (fixture, "import_button");
  g_assert_true (ADW_IS_SPLIT_BUTTON (button));
  g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (button)), ==, "win.import");
  menu = adw_split_button_get_menu_model (button);
  g_assert_nonnull (menu);
  section = g_menu_model_get_item_link (menu, 0, G_MENU_LINK_SECTION);
  g_assert_nonnull (section);
  g_assert_cmpint (g_menu_model_get_n_items (section), ==, G_N_ELEMENTS (ways));

  for (guint i = 0; i < G_N_ELEMENTS (ways); i++)
    {
      g_autofree char *action = NULL;
      g_autofree char *accel = NULL;
      g_autofree char *trigger = NULL;
      GtkShortcutScope scope;
      guint key;
      GdkModifierType mods;

      g_assert_true (g_menu_model_get_item_attribute (section, i, G_MENU_ATTRIBUTE_ACTION, "s", &action));
      g_assert_true (g_menu_model_get_item_attribute (section, i, "accel", "s", &accel));
      g_assert_cmpstr (action, ==, ways[i].action);
      g_assert_cmpstr (accel, ==, ways[i].accel);

      /* The shortcut shown is the window's. */
      trigger = find_shortcut (GTK_WIDGET (fixture->window), action, &scope);
      g_assert_nonnull (trigger);
      g_assert_true (gtk_accelerator_parse (trigger, &key, &mods));
      {
        guint expected_key;
        GdkModifierType expected_mods;

        g_assert_true (gtk_accelerator_parse (accel, &expected_key, &expected_mods));
        g_assert_cmpuint (key, ==, expected_key);
        g_assert_cmpuint (mods, ==, expected_mods);
      }
    }
  g_object_unref (section);
}

/* Feeds */

static GtkListBox *
feed_list (Fixture *fixture)
{
  return window_child (fixture, "feed_list");
}

/* The row of the @index-th feed (oldest subscription first), or NULL. */
static GtkListBoxRow *
feed_row (Fixture *fixture,
          guint    index)
{
  GtkListBoxRow *row = gtk_list_box_get_row_at_index (feed_list (fixture), (int) index + 1);

  if (row == NULL || !gtk_widget_get_visible (GTK_WIDGET (row)))
    return NULL;

  return row;
}

static guint
n_feed_rows (Fixture *fixture)
{
  guint n = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (feed_list (fixture)));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_LIST_BOX_ROW (child) && gtk_widget_get_visible (child))
      n++;

  return n - 1;  /* All Articles */
}

/* The unread count the row shows: its label's number, 0 when hidden. */
static guint
feed_unread (Fixture *fixture,
             guint    index)
{
  GtkListBoxRow *row = feed_row (fixture, index);
  GtkWidget *label;

  if (row == NULL)
    return G_MAXUINT;

  label = find_with_class (GTK_WIDGET (row), "feed-unread");
  g_assert_true (GTK_IS_LABEL (label));
  if (!gtk_widget_get_visible (label))
    return 0;

  return (guint) g_ascii_strtoull (gtk_label_get_text (GTK_LABEL (label)), NULL, 10);
}

static gboolean
refreshing (Fixture *fixture)
{
  return g_strcmp0 (gtk_stack_get_visible_child_name (window_child (fixture, "refresh_stack")),
                    "spinner") == 0;
}

static void
test_feeds (Fixture       *fixture,
            gconstpointer  data)
{
  g_autofree char *url = server_url (fixture, "/feeds/0.xml");
  g_autoptr(GFile) file = write_file (fixture, "port-strike.txt", port_strike);
  g_autoptr(GPtrArray) feeds = NULL;
  g_autoptr(GError) error = NULL;
  GtkListBoxRow *row;
  gint64 feed_id;
  gint64 first_id;
  char *trigger;
  GtkShortcutScope scope;

  fixture_open_window (fixture);
  import_files (fixture, &file, 1);
  wait_until (n_articles (fixture) == 1);

  /* No feeds, no Feeds section. */
  g_assert_false (gtk_revealer_get_reveal_child (window_child (fixture, "feeds_revealer")));

  /* What the Subscribe dialog does with the address. */
  attache_window_subscribe_feed (fixture->window, url);
  g_assert_true (importing (fixture));
  wait_until (!importing (fixture));

  feeds = attache_library_list_feeds (fixture->library, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (feeds->len, ==, 1);
  feed_id = ((AttacheSubscription *) g_ptr_array_index (feeds, 0))->id;
  g_assert_cmpstr (((AttacheSubscription *) g_ptr_array_index (feeds, 0))->title, ==, "Harbour Post");

  /* Listed with its three unread articles, and selected: the list shows them. */
  wait_until (feed_unread (fixture, 0) == 3);
  g_assert_true (gtk_revealer_get_reveal_child (window_child (fixture, "feeds_revealer")));
  row = feed_row (fixture, 0);
  wait_until (gtk_list_box_get_selected_row (feed_list (fixture)) == row);
  wait_until (n_articles (fixture) == 3);
  g_assert_cmpuint (attache_library_count_articles (fixture->library, NULL), ==, 4);
  /* The feed's articles are looked up in a worker: the list and the title follow. */
  wait_until (g_strcmp0 (adw_window_title_get_subtitle (window_child (fixture, "window_title")),
                         "Harbour Post — 3 articles") == 0);

  /* All Articles, then the feed again. */
  gtk_list_box_select_row (feed_list (fixture), window_child (fixture, "all_articles_row"));
  g_assert_cmpuint (n_articles (fixture), ==, 4);
  g_assert_cmpstr (adw_window_title_get_subtitle (window_child (fixture, "window_title")), ==, "4 articles");
  gtk_list_box_select_row (feed_list (fixture), row);
  wait_until (n_articles (fixture) == 3);

  /* Opening an article lowers the count, once it has been read a moment. */
  select_only (fixture, 0);
  {
    g_autoptr(AttacheArticle) first = dup_selected_article (fixture);

    first_id = attache_article_get_id (first);
  }
  wait_until (reader_shows (fixture->window, "Customs officers will inspect"));
  g_assert_cmpuint (feed_unread (fixture, 0), ==, 3);
  wait_until (feed_unread (fixture, 0) == 2);
  {
    gboolean read = FALSE;

    g_assert_true (attache_library_get_article_read (fixture->library, first_id, &read, &error));
    g_assert_no_error (error);
    g_assert_true (read);
  }

  /* A refresh (F5) finds the new item: listed, unread, the open article still open. */
  harbour_extra_items = 1;
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.refresh-feeds", NULL));
  g_assert_true (refreshing (fixture));
  wait_until (!refreshing (fixture));
  wait_until (n_articles (fixture) == 4);
  wait_until (feed_unread (fixture, 0) == 3);
  {
    g_autoptr(AttacheArticle) still = dup_selected_article (fixture);

    g_assert_cmpuint (attache_article_get_id (still), ==, first_id);
  }
  g_assert_true (reader_shows (fixture->window, "Customs officers will inspect"));

  trigger = find_shortcut (GTK_WIDGET (fixture->window), "win.refresh-feeds", &scope);
  g_assert_nonnull (trigger);
  g_free (trigger);

  /* The toasts (imported, subscribed, refreshed: one after the other) are
   * gone before the picture. */
  for (guint i = 0; i < 3 && toasts_shown (fixture) > 0; i++)
    {
      GtkWidget *toast = gtk_widget_get_last_child (window_child (fixture, "toast_overlay"));

      wait_until (toasts_shown (fixture) == 0 ||
                  gtk_widget_get_last_child (window_child (fixture, "toast_overlay")) != toast);
    }
  wait_until (toasts_shown (fixture) == 0);
  wait_for_frames (GTK_WIDGET (fixture->window), 3);
  save_png (GTK_WIDGET (fixture->window), "window-feeds.png");

  /* Unsubscribe, and Undo. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window),
                                             "win.unsubscribe-feed", "x", feed_id));
  g_assert_cmpuint (n_feed_rows (fixture), ==, 0);
  g_assert_cmpuint (n_articles (fixture), ==, 5);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window),
                                             "win.undo-unsubscribe-feed", "x", feed_id));
  wait_until (n_feed_rows (fixture) == 1);

  /* Unsubscribe, then subscribe again while Undo is offered: that is the
   * Undo, and the feed stays when the window closes. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window),
                                             "win.unsubscribe-feed", "x", feed_id));
  g_assert_cmpuint (n_feed_rows (fixture), ==, 0);
  attache_window_subscribe_feed (fixture->window, url);
  wait_until (n_feed_rows (fixture) == 1);

  /* Unsubscribed for good once the toast is gone: the articles stay. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window),
                                             "win.unsubscribe-feed", "x", feed_id));
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  fixture->window = NULL;
  {
    gboolean gone = FALSE;

    while (!gone)
      {
        g_autoptr(GPtrArray) left = NULL;

        g_main_context_iteration (NULL, TRUE);
        left = attache_library_list_feeds (fixture->library, NULL);
        gone = left != NULL && left->len == 0;
      }
  }
  g_assert_cmpint (attache_library_count_articles (fixture->library, NULL), ==, 5);
}

/* Whether @outlines (AttacheOpmlOutline) has one for @url. */
static gboolean
has_outline (GPtrArray  *outlines,
             const char *url)
{
  for (guint i = 0; i < outlines->len; i++)
    if (g_strcmp0 (attache_opml_outline_get_xml_url (g_ptr_array_index (outlines, i)), url) == 0)
      return TRUE;

  return FALSE;
}

/* Subscriptions imported from an OPML file, exported to another, and a feed's
 * Fetch Full Articles switch. */
static void
test_opml (Fixture       *fixture,
           gconstpointer  data)
{
  g_autofree char *url1 = server_url (fixture, "/feeds/1.xml");
  g_autofree char *url2 = server_url (fixture, "/feeds/2.xml");
  g_autofree char *opml = g_strdup_printf ("<?xml version=\"1.0\"?>\n"
                                           "<opml version=\"2.0\"><head><title>Mine</title></head><body>\n"
                                           "<outline text=\"News\">\n"
                                           "  <outline type=\"rss\" text=\"One\" xmlUrl=\"%s\"/>\n"
                                           "  <outline type=\"rss\" text=\"Two\" xmlUrl=\"%s\"/>\n"
                                           "</outline></body></opml>\n", url1, url2);
  g_autoptr(GFile) file = write_file (fixture, "subscriptions.opml", opml);
  g_autoptr(GFile) export_file = g_file_new_build_filename (fixture->dir, "exported.opml", NULL);
  g_autoptr(GPtrArray) feeds = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GPtrArray) outlines = NULL;
  g_autoptr(GError) error = NULL;
  gint64 feed_id;

  fixture_open_window (fixture);

  /* What Import Subscriptions… does with the file chosen: both feeds listed,
   * then refreshed. */
  attache_window_import_opml (fixture->window, file);
  g_assert_true (importing (fixture));
  wait_until (!importing (fixture));
  wait_until (n_feed_rows (fixture) == 2);
  g_assert_true (gtk_revealer_get_reveal_child (window_child (fixture, "feeds_revealer")));
  wait_until (!refreshing (fixture) && n_articles (fixture) == 6);
  wait_until (feed_unread (fixture, 0) == 3 && feed_unread (fixture, 1) == 3);

  feeds = attache_library_list_feeds (fixture->library, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (feeds->len, ==, 2);
  g_assert_cmpstr (((AttacheSubscription *) g_ptr_array_index (feeds, 0))->url, ==, url1);
  g_assert_cmpstr (((AttacheSubscription *) g_ptr_array_index (feeds, 1))->url, ==, url2);
  feed_id = ((AttacheSubscription *) g_ptr_array_index (feeds, 1))->id;

  /* The same list again: nothing new. */
  attache_window_import_opml (fixture->window, file);
  wait_until (!importing (fixture));
  g_assert_cmpuint (n_feed_rows (fixture), ==, 2);

  /* What Export Subscriptions… does with the file chosen. */
  attache_window_export_opml (fixture->window, export_file);
  /* The file may be written in steps: read until the whole list is there. */
  while (outlines == NULL || outlines->len < 2)
    {
      g_main_context_iteration (NULL, TRUE);
      g_clear_pointer (&bytes, g_bytes_unref);
      g_clear_pointer (&outlines, g_ptr_array_unref);
      bytes = g_file_load_bytes (export_file, NULL, NULL, NULL);
      if (bytes != NULL)
        outlines = attache_opml_parse (bytes, NULL);
    }
  g_assert_cmpuint (outlines->len, ==, 2);
  g_assert_true (has_outline (outlines, url1));
  g_assert_true (has_outline (outlines, url2));

  /* Fetch Full Articles, for the second feed only: stored, and shown. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window),
                                             "win.set-feed-full-articles", "(xb)", feed_id, TRUE));
  {
    gboolean set = FALSE;

    while (!set)
      {
        g_autoptr(AttacheSubscription) feed = NULL;

        g_main_context_iteration (NULL, TRUE);
        feed = attache_library_get_feed (fixture->library, feed_id, &error);
        g_assert_no_error (error);
        set = feed->fetch_full_article;
      }
  }
  wait_until (g_object_get_data (G_OBJECT (feed_row (fixture, 1)), "attache-fetch-full-article") != NULL);
  g_assert_null (g_object_get_data (G_OBJECT (feed_row (fixture, 0)), "attache-fetch-full-article"));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window),
                                             "win.set-feed-full-articles", "(xb)", feed_id, FALSE));
  wait_until (g_object_get_data (G_OBJECT (feed_row (fixture, 1)), "attache-fetch-full-article") == NULL);
  {
    g_autoptr(AttacheSubscription) feed = attache_library_get_feed (fixture->library, feed_id, &error);

    g_assert_no_error (error);
    g_assert_false (feed->fetch_full_article);
  }
}

typedef struct
{
  guint  n_frames;
  gint64 last_frame;      /* frame clock time, µs */
  gint64 longest_gap;
} FrameStats;

static gboolean
measure_frame_cb (GtkWidget     *widget,
                  GdkFrameClock *frame_clock,
                  gpointer       user_data)
{
  FrameStats *stats = user_data;
  gint64 now = g_get_monotonic_time ();

  if (stats->last_frame != 0)
    stats->longest_gap = MAX (stats->longest_gap, now - stats->last_frame);
  stats->last_frame = now;
  stats->n_frames++;
  return G_SOURCE_CONTINUE;
}

/* A hundred feeds refreshed at once: the window keeps drawing, and every item
 * is imported. */
static void
test_feeds_refresh_many (Fixture       *fixture,
                         gconstpointer  data)
{
  const guint n_feeds = 100;
  FrameStats stats = { 0 };
  g_autoptr(GError) error = NULL;
  gint64 start, elapsed;
  gboolean timed_out = FALSE;
  guint timeout_id;
  guint tick_id;

  for (guint i = 1; i <= n_feeds; i++)
    {
      g_autofree char *path = g_strdup_printf ("/feeds/%u.xml", i);
      g_autofree char *url = server_url (fixture, path);
      gint64 id;

      g_assert_cmpint (attache_library_add_feed (fixture->library, url, NULL, NULL, FALSE, &id, &error),
                       ==, ATTACHE_ADD_ADDED);
      g_assert_no_error (error);
    }

  fixture_open_window (fixture);
  wait_until (n_feed_rows (fixture) == n_feeds);

  /* For comparison: the frames drawn in a second of idleness, the spinner turning. */
  {
    FrameStats idle = { 0 };
    gboolean done = FALSE;

    gtk_spinner_set_spinning (window_child (fixture, "import_spinner"), TRUE);
    gtk_widget_set_visible (window_child (fixture, "import_spinner"), TRUE);
    tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (fixture->window), measure_frame_cb, &idle, NULL);
    g_timeout_add (1000, set_true_cb, &done);
    while (!done)
      g_main_context_iteration (NULL, TRUE);
    gtk_widget_remove_tick_callback (GTK_WIDGET (fixture->window), tick_id);
    gtk_widget_set_visible (window_child (fixture, "import_spinner"), FALSE);
    g_test_message ("Idle: %u frames in 1 s, longest gap %.0f ms", idle.n_frames, idle.longest_gap / 1000.0);
  }

  tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (fixture->window), measure_frame_cb, &stats, NULL);
  start = g_get_monotonic_time ();
  attache_window_refresh_feeds (fixture->window);
  g_assert_true (refreshing (fixture));

  timeout_id = g_timeout_add_seconds (120, set_true_cb, &timed_out);
  while (refreshing (fixture) && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (timed_out);
  g_source_remove (timeout_id);
  elapsed = g_get_monotonic_time () - start;
  gtk_widget_remove_tick_callback (GTK_WIDGET (fixture->window), tick_id);

  g_test_message ("Refreshed %u feeds in %.2f s: %u frames (%.0f per second), longest gap %.0f ms",
                  n_feeds, elapsed / (double) G_USEC_PER_SEC, stats.n_frames,
                  stats.n_frames / (elapsed / (double) G_USEC_PER_SEC),
                  stats.longest_gap / 1000.0);

  /* Drawn all along, never stuck for long: at least a frame every quarter of
   * a second on average, and no gap over a second (Xvfb draws some 15 frames
   * a second with the spinner turning and nothing else to do). */
  g_assert_cmpuint (stats.n_frames, >=, elapsed / (250 * 1000));
  g_assert_cmpint (stats.longest_gap, <, G_USEC_PER_SEC);

  /* Every item of every feed, listed, unread. */
  g_assert_cmpint (attache_library_count_articles (fixture->library, NULL), ==, 3 * n_feeds);
  wait_until (n_articles (fixture) == 3 * n_feeds);
  wait_until (feed_unread (fixture, 0) == 3 && feed_unread (fixture, n_feeds - 1) == 3);
}

/* How far off the next scheduled refresh is, in minutes (rounded). */
static gint64
minutes_to_refresh (Fixture *fixture)
{
  gint64 next = attache_window_get_next_feed_refresh (fixture->window);

  if (next == 0)
    return 0;

  return (next - g_get_monotonic_time () + 30 * G_USEC_PER_SEC) / (60 * G_USEC_PER_SEC);
}

/* The Preferences window over the main window, if shown. */
static GtkWidget *
find_preferences (Fixture *fixture)
{
#if ADW_CHECK_VERSION (1, 5, 0)
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  return find_by_type (GTK_WIDGET (fixture->window), ADW_TYPE_PREFERENCES_DIALOG);
  G_GNUC_END_IGNORE_DEPRECATIONS
#else
  g_autoptr(GList) toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (ADW_IS_PREFERENCES_WINDOW (l->data) && gtk_widget_get_mapped (l->data) &&
        gtk_window_get_transient_for (l->data) == GTK_WINDOW (fixture->window))
      return l->data;

  return NULL;
#endif
}

/* The feed-refresh-interval setting, changed in Preferences, sets when the
 * feeds are next refreshed. */
static void
test_feed_refresh_interval (Fixture       *fixture,
                            gconstpointer  data)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;
  g_autoptr(GSettings) settings = NULL;
  GtkWidget *preferences;
  AdwComboRow *row;

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APP_ID, TRUE);
  if (schema == NULL)
    {
      g_test_skip ("The settings schema is not compiled in GSETTINGS_SCHEMA_DIR");
      return;
    }

  settings = g_settings_new (APP_ID);
  g_assert_cmpuint (g_settings_get_uint (settings, "feed-refresh-interval"), ==, 60);

  fixture_open_window (fixture);
  g_assert_cmpint (minutes_to_refresh (fixture), ==, 60);

  g_settings_set_uint (settings, "feed-refresh-interval", 0);
  g_assert_cmpint (attache_window_get_next_feed_refresh (fixture->window), ==, 0);

  /* Preferences (Ctrl+,), from the main menu. */
  g_action_group_activate_action (G_ACTION_GROUP (get_application ()), "preferences", NULL);
  wait_until ((preferences = find_preferences (fixture)) != NULL);
  row = ADW_COMBO_ROW (find_by_type (preferences, ADW_TYPE_COMBO_ROW));
  g_assert_nonnull (row);
  g_assert_cmpuint (adw_combo_row_get_selected (row), ==, 0);  /* Never */

  adw_combo_row_set_selected (row, 1);  /* Every 15 minutes */
  g_assert_cmpuint (g_settings_get_uint (settings, "feed-refresh-interval"), ==, 15);
  g_assert_cmpint (minutes_to_refresh (fixture), ==, 15);

  adw_combo_row_set_selected (row, 6);  /* Once a day */
  g_assert_cmpint (minutes_to_refresh (fixture), ==, 24 * 60);

  /* Set elsewhere: the row follows. */
  g_settings_set_uint (settings, "feed-refresh-interval", 180);
  g_assert_cmpuint (adw_combo_row_get_selected (row), ==, 4);
  g_assert_cmpint (minutes_to_refresh (fixture), ==, 180);

  wait_for_frames (preferences, 3);
  save_png (preferences, "dialog-preferences.png");

#if ADW_CHECK_VERSION (1, 5, 0)
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  adw_dialog_force_close (ADW_DIALOG (preferences));
  G_GNUC_END_IGNORE_DEPRECATIONS
#else
  gtk_window_destroy (GTK_WINDOW (preferences));
#endif

  g_settings_reset (settings, "feed-refresh-interval");
  g_assert_cmpint (minutes_to_refresh (fixture), ==, 60);
}

/* Without the settings schema (not installed), the window works and keeps nothing. */
static void
test_no_schema (void)
{
  Fixture fixture = { 0 };
  g_autoptr(GFile) file = NULL;
  g_autofree char *schema_dir = NULL;

  if (!g_test_subprocess ())
    {
      g_test_trap_subprocess (NULL, 60 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_INHERIT_STDERR);
      g_test_trap_assert_passed ();
      return;
    }

  fixture_set_up (&fixture, NULL);

  /* Before anything reads settings in this process. */
  schema_dir = g_build_filename (fixture.dir, "no-schemas", NULL);
  g_assert_cmpint (g_mkdir (schema_dir, 0700), ==, 0);
  g_setenv ("GSETTINGS_SCHEMA_DIR", schema_dir, TRUE);

  {
    GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
    g_autoptr(GSettingsSchema) schema = NULL;

    if (source != NULL)
      schema = g_settings_schema_source_lookup (source, APP_ID, TRUE);
    if (schema != NULL)
      {
        /* Installed on this system: nothing to test here. */
        fixture_tear_down (&fixture, NULL);
        return;
      }
  }

  fixture_open_window (&fixture);
  g_assert_cmpstr (visible_page (&fixture), ==, "empty");

  file = write_file (&fixture, "port-strike.txt", port_strike);
  import_files (&fixture, &file, 1);
  wait_until (n_articles (&fixture) == 1);
  wait_until (reader_shows (fixture.window, PORT_STRIKE_FIRST_PARAGRAPH));

  gtk_window_close (GTK_WINDOW (fixture.window));
  fixture.window = NULL;
  while (g_main_context_iteration (NULL, FALSE))
    ;

  fixture_tear_down (&fixture, NULL);
}

/* The application, started on a library from a newer Attaché */

typedef struct
{
  guint  n_checks;
  char  *heading;
  char  *body;
} AlertSeen;

/* The alert shown in @window, if any: an AdwMessageDialog (libadwaita 1.2) or,
 * from libadwaita 1.5, an AdwAlertDialog in a window of its own. See
 * attache-compat.c. */
#if ADW_CHECK_VERSION (1, 5, 0)
G_GNUC_BEGIN_IGNORE_DEPRECATIONS
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

static GtkWidget *
get_alert (GtkWindow   *window,
           const char **heading,
           const char **body)
{
  GtkWidget *alert = find_alert (GTK_WIDGET (window));

  if (alert == NULL)
    return NULL;

  *heading = adw_alert_dialog_get_heading (ADW_ALERT_DIALOG (alert));
  *body = adw_alert_dialog_get_body (ADW_ALERT_DIALOG (alert));
  return alert;
}

static void
close_alert (GtkWidget *alert)
{
  adw_dialog_close (ADW_DIALOG (alert));
}
G_GNUC_END_IGNORE_DEPRECATIONS
#else
static GtkWidget *
get_alert (GtkWindow   *window,
           const char **heading,
           const char **body)
{
  if (!ADW_IS_MESSAGE_DIALOG (window))
    return NULL;

  *heading = adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (window));
  *body = adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (window));
  return GTK_WIDGET (window);
}

static void
close_alert (GtkWidget *alert)
{
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (alert), "close");
}
#endif

static gboolean
check_alert_cb (gpointer user_data)
{
  AlertSeen *seen = user_data;
  g_autoptr(GList) toplevels = gtk_window_list_toplevels ();

  g_assert_cmpuint (++seen->n_checks, <, 50);

  for (GList *l = toplevels; l != NULL; l = l->next)
    {
      const char *heading = NULL;
      const char *body = NULL;
      GtkWidget *alert = get_alert (l->data, &heading, &body);

      if (alert == NULL || !gtk_widget_get_mapped (l->data))
        continue;

      /* Seen once; drawn by the next check. */
      if (seen->heading == NULL)
        {
          seen->heading = g_strdup (heading);
          seen->body = g_strdup (body);
          return G_SOURCE_CONTINUE;
        }

      save_png (GTK_WIDGET (l->data), "dialog-newer-library.png");
      close_alert (alert);
      return G_SOURCE_REMOVE;
    }

  return G_SOURCE_CONTINUE;
}

static void
test_newer_library (void)
{
  char *dir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *sha256_before = NULL;
  g_autofree char *sha256_after = NULL;
  g_autofree char *pragma = NULL;
  g_autoptr(AttacheApplication) app = NULL;
  AlertSeen seen = { 0 };
  sqlite3 *db;
  int status;

  if (!g_test_subprocess ())
    {
      /* Its own process: the application runs its main loop and quits. */
      g_test_trap_subprocess (NULL, 60 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_INHERIT_STDERR);
      g_test_trap_assert_passed ();
      return;
    }

  dir = test_tmpdir_new ();
  path = g_build_filename (dir, "newer.db", NULL);

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  pragma = g_strdup_printf ("PRAGMA user_version = %d", attache_database_get_latest_version () + 1);
  g_assert_cmpint (sqlite3_exec (db, "CREATE TABLE future (x)", NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, pragma, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  sha256_before = test_file_sha256 (path);
  g_assert_nonnull (sha256_before);

  app = attache_application_new ();
  g_application_set_flags (G_APPLICATION (app),
                           G_APPLICATION_NON_UNIQUE | G_APPLICATION_HANDLES_COMMAND_LINE);
  g_timeout_add (200, check_alert_cb, &seen);

  {
    char *args[] = { (char *) "attache", (char *) "--library", path, NULL };

    status = g_application_run (G_APPLICATION (app), G_N_ELEMENTS (args) - 1, args);
  }

  /* Said what happened and what to do, then quit, without a crash. */
  g_assert_cmpint (status, ==, 0);
  g_assert_cmpstr (seen.heading, ==, "Could Not Open the Library");
  g_assert_nonnull (strstr (seen.body, "newer version of Attaché"));
  g_assert_nonnull (strstr (seen.body, "Update Attaché"));
  g_assert_nonnull (strstr (seen.body, "newer.db"));
  g_assert_null (gtk_application_get_active_window (GTK_APPLICATION (app)));

  /* The file is left as it was. */
  sha256_after = test_file_sha256 (path);
  g_assert_cmpstr (sha256_after, ==, sha256_before);

  g_free (seen.heading);
  g_free (seen.body);
  test_tmpdir_free (dir);
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  g_test_init (&argc, &argv, NULL);

  g_test_add ("/window/empty-library", Fixture, NULL,
              fixture_set_up, test_empty_library, fixture_tear_down);
  g_test_add ("/window/import-and-read", Fixture, NULL,
              fixture_set_up, test_import_and_read, fixture_tear_down);
  g_test_add ("/window/import-several", Fixture, NULL,
              fixture_set_up, test_import_several, fixture_tear_down);
  g_test_add ("/window/delete-and-undo", Fixture, NULL,
              fixture_set_up, test_delete_and_undo, fixture_tear_down);
  g_test_add ("/window/delete-key", Fixture, NULL,
              fixture_set_up, test_delete_key, fixture_tear_down);
  g_test_add ("/window/state", Fixture, NULL,
              fixture_set_up, test_state, fixture_tear_down);
  g_test_add ("/window/screenshot", Fixture, NULL,
              fixture_set_up, test_screenshot, fixture_tear_down);
  g_test_add ("/window/analysis", Fixture, NULL,
              fixture_set_up, test_analysis, fixture_tear_down);
  g_test_add ("/window/analysis-changed", Fixture, NULL,
              fixture_set_up, test_analysis_changed, fixture_tear_down);
  g_test_add ("/window/import-menu", Fixture, NULL,
              fixture_set_up, test_import_menu, fixture_tear_down);
  g_test_add ("/window/import-folder", Fixture, NULL,
              fixture_set_up, test_import_folder, fixture_tear_down);
  g_test_add ("/window/import-folder-progress", Fixture, NULL,
              fixture_set_up, test_import_folder_progress, fixture_tear_down);
  g_test_add ("/window/import-url", Fixture, NULL,
              fixture_set_up, test_import_url, fixture_tear_down);
  g_test_add ("/window/import-url-dialog", Fixture, NULL,
              fixture_set_up, test_import_url_dialog, fixture_tear_down);
  g_test_add ("/window/drop", Fixture, NULL,
              fixture_set_up, test_drop, fixture_tear_down);
  g_test_add ("/window/paste", Fixture, NULL,
              fixture_set_up, test_paste, fixture_tear_down);
  g_test_add ("/window/feeds", Fixture, NULL,
              fixture_set_up, test_feeds, fixture_tear_down);
  g_test_add ("/window/opml", Fixture, NULL,
              fixture_set_up, test_opml, fixture_tear_down);
  g_test_add ("/window/feeds-refresh-many", Fixture, NULL,
              fixture_set_up, test_feeds_refresh_many, fixture_tear_down);
  g_test_add ("/window/feed-refresh-interval", Fixture, NULL,
              fixture_set_up, test_feed_refresh_interval, fixture_tear_down);
  g_test_add_func ("/window/no-schema", test_no_schema);
  g_test_add_func ("/application/newer-library", test_newer_library);

  ret = g_test_run ();

  clear_application ();

  return ret;
}
