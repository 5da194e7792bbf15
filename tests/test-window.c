/* test-window.c: the real main window, in-process, under Xvfb
 *
 * Imports articles through the same code path as the Import button, reads,
 * deletes and undoes, and renders the window to PNG files in G_TEST_BUILDDIR
 * for a person to look at.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <adwaita.h>
#include <glib/gstdio.h>

#include "attache-application.h"
#include "attache-importer.h"
#include "attache-library.h"
#include "attache-reader.h"
#include "attache-summary-pane.h"
#include "attache-window.h"

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

static AttacheApplication *application;

typedef struct
{
  char           *dir;
  AttacheLibrary *library;
  AttacheWindow  *window;
} Fixture;

/* Waiting, without fixed sleeps */

static gboolean
set_true_cb (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Runs the main loop until @cond holds, failing after WAIT_SECONDS. */
#define wait_until(cond)                                                      \
  G_STMT_START {                                                              \
    gboolean timed_out_ = FALSE;                                              \
    guint timeout_id_ = g_timeout_add_seconds (WAIT_SECONDS, set_true_cb,     \
                                               &timed_out_);                  \
    while (!(cond) && !timed_out_)                                            \
      g_main_context_iteration (NULL, TRUE);                                  \
    if (!(cond))                                                              \
      g_error ("Timed out after %d s waiting for: %s", WAIT_SECONDS, #cond);  \
    if (!timed_out_)                                                          \
      g_source_remove (timeout_id_);                                          \
  } G_STMT_END

static gboolean
count_frame_cb (GtkWidget     *widget,
                GdkFrameClock *frame_clock,
                gpointer       user_data)
{
  guint *n_frames = user_data;

  (*n_frames)++;
  return G_SOURCE_CONTINUE;
}

/* Lets the window lay out and draw what changed. */
static void
wait_for_frames (GtkWidget *widget,
                 guint      n)
{
  guint n_frames = 0;
  guint id = gtk_widget_add_tick_callback (widget, count_frame_cb, &n_frames, NULL);

  wait_until (n_frames >= n);
  gtk_widget_remove_tick_callback (widget, id);

  while (g_main_context_iteration (NULL, FALSE))
    ;
}

/* The window's parts */

static gpointer
get_child (Fixture    *fixture,
           GType       type,
           GtkWidget  *widget,
           const char *name)
{
  GObject *child = gtk_widget_get_template_child (widget, type, name);

  g_assert_nonnull (child);
  return child;
}

#define window_child(fixture, name) \
  get_child ((fixture), ATTACHE_TYPE_WINDOW, GTK_WIDGET ((fixture)->window), (name))

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

static const char *
visible_page (Fixture *fixture)
{
  return gtk_stack_get_visible_child_name (window_child (fixture, "stack"));
}

static char *
dup_reader_text (Fixture *fixture)
{
  AttacheReader *reader = window_child (fixture, "reader");
  GtkTextView *text_view = get_child (fixture, ATTACHE_TYPE_READER, GTK_WIDGET (reader), "text_view");
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (text_view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static gboolean
reader_shows (Fixture    *fixture,
              const char *text)
{
  g_autofree char *shown = dup_reader_text (fixture);

  return strstr (shown, text) != NULL;
}

static const char *
summary_field (Fixture    *fixture,
               const char *name)
{
  AttacheSummaryPane *pane = window_child (fixture, "summary_pane");
  GtkLabel *label = get_child (fixture, ATTACHE_TYPE_SUMMARY_PANE, GTK_WIDGET (pane), name);

  return gtk_label_get_text (label);
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

/* PNG */

static void
save_png (GtkWidget  *widget,
          const char *name)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *path = NULL;
  g_autofree char *tmp_path = NULL;
  GtkSnapshot *snapshot;
  GskRenderer *renderer;
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);

  g_assert_cmpint (width, >, 0);
  g_assert_cmpint (height, >, 0);

  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (snapshot);
  g_assert_nonnull (node);

  renderer = gtk_native_get_renderer (GTK_NATIVE (widget));
  texture = gsk_renderer_render_texture (renderer, node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));

  path = g_test_build_filename (G_TEST_BUILT, name, NULL);
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("Wrote %s (%d×%d)", path, width, height);

  /* A copy where a person can find it without knowing the build folder. */
  tmp_path = g_build_filename (g_get_tmp_dir (), name, NULL);
  gdk_texture_save_to_png (texture, tmp_path);
}

/* Fixture */

static void
fixture_open_window (Fixture *fixture)
{
  fixture->window = attache_window_new (application, fixture->library);
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 1200, 760);
  gtk_window_present (GTK_WINDOW (fixture->window));

  /* The first load of the list is done. */
  wait_until (g_strcmp0 (visible_page (fixture), "loading") != 0);
  wait_for_frames (GTK_WIDGET (fixture->window), 2);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  fixture->dir = g_dir_make_tmp ("attache-test-window-XXXXXX", &error);
  g_assert_no_error (error);

  path = g_build_filename (fixture->dir, "library.db", NULL);
  fixture->library = attache_library_open (path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (fixture->library);
}

static void
remove_dir (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      g_unlink (path);
    }
  g_rmdir (dir);
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

  g_clear_object (&fixture->library);
  remove_dir (fixture->dir);
  g_clear_pointer (&fixture->dir, g_free);
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
  g_assert_false (gtk_widget_is_sensitive (window_child (fixture, "delete_button")));

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
  GtkSingleSelection *selection;

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
  selection = GTK_SINGLE_SELECTION (get_articles (fixture));
  gtk_single_selection_set_selected (selection, 0);
  g_assert_cmpuint (gtk_single_selection_get_selected (selection), ==, 0);

  wait_until (reader_shows (fixture, PORT_STRIKE_FIRST_PARAGRAPH));
  g_assert_true (reader_shows (fixture, expected_title));
  /* The paragraphs are all there, the date marker is not. */
  g_assert_true (reader_shows (fixture, "exports by a tenth that quarter."));
  g_assert_false (reader_shows (fixture, "date 2024"));

  g_assert_nonnull (strstr (summary_field (fixture, "published_label"), "2024"));
  g_assert_cmpuint (attache_article_get_n_words (article), >, 100);
  words = g_strdup_printf ("%u words", attache_article_get_n_words (article));
  g_assert_nonnull (strstr (summary_field (fixture, "length_label"), words));
  g_assert_nonnull (strstr (summary_field (fixture, "origin_label"), "port-strike.txt"));
  g_assert_cmpstr (summary_field (fixture, "language_label"), ==, "Unknown");
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
  wait_until (reader_shows (fixture, PORT_STRIKE_FIRST_PARAGRAPH));

  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    g_object_unref (files[i]);
}

static void
test_delete_and_undo (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GFile) file = write_file (fixture, "port-strike.txt", port_strike);
  g_autoptr(AttacheArticle) article = NULL;
  g_autoptr(AttacheArticle) restored = NULL;
  GtkSingleSelection *selection;
  gint64 id;

  fixture_open_window (fixture);
  import_files (fixture, &file, 1);
  wait_until (n_articles (fixture) == 1);

  selection = GTK_SINGLE_SELECTION (get_articles (fixture));
  gtk_single_selection_set_selected (selection, 0);
  article = g_object_ref (gtk_single_selection_get_selected_item (selection));
  id = attache_article_get_id (article);
  wait_until (reader_shows (fixture, PORT_STRIKE_FIRST_PARAGRAPH));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.delete", NULL));
  wait_until (n_articles (fixture) == 0);
  g_assert_cmpstr (visible_page (fixture), ==, "empty");

  /* What the toast's Undo button does. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window),
                                             "win.undo-delete", "x", id));
  wait_until (n_articles (fixture) == 1);

  restored = g_list_model_get_item (get_articles (fixture), 0);
  g_assert_cmpint (attache_article_get_id (restored), ==, id);
  g_assert_cmpstr (attache_article_get_title (restored), ==, attache_article_get_title (article));
  g_assert_cmpstr (visible_page (fixture), ==, "library");

  /* Selected and shown again, with its text. */
  g_assert_cmpuint (gtk_single_selection_get_selected (selection), ==, 0);
  wait_until (reader_shows (fixture, PORT_STRIKE_FIRST_PARAGRAPH));

  /* Undo works once. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window),
                                             "win.undo-delete", "x", id));
  wait_for_frames (GTK_WIDGET (fixture->window), 2);
  g_assert_cmpuint (n_articles (fixture), ==, 1);
}

static void
import_files_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  GPtrArray **results = user_data;
  g_autoptr(GError) error = NULL;

  *results = attache_importer_import_files_finish (ATTACHE_IMPORTER (object), result, &error);
  g_assert_no_error (error);
}

static void
test_screenshot (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(AttacheImporter) importer = attache_importer_new (fixture->library);
  g_autoptr(GPtrArray) results = NULL;
  GFile *files[3];
  guint position;

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
  g_assert_cmpuint (gtk_single_selection_get_selected (GTK_SINGLE_SELECTION (get_articles (fixture))),
                    ==, GTK_INVALID_LIST_POSITION);
  save_png (GTK_WIDGET (fixture->window), "window-unselected.png");

  /* The newest first: the port strike (2 April). */
  position = 0;
  attache_window_select_article (fixture->window,
                                 attache_import_result_get_article_id (g_ptr_array_index (results, 0)));
  g_assert_cmpuint (gtk_single_selection_get_selected (GTK_SINGLE_SELECTION (get_articles (fixture))),
                    ==, position);
  wait_until (reader_shows (fixture, PORT_STRIKE_FIRST_PARAGRAPH));
  wait_for_frames (GTK_WIDGET (fixture->window), 3);

  save_png (GTK_WIDGET (fixture->window), "window.png");

  /* The HTML article, with a source, an author and a link. */
  attache_window_select_article (fixture->window,
                                 attache_import_result_get_article_id (g_ptr_array_index (results, 2)));
  wait_until (reader_shows (fixture, "Negotiators for the three parties"));
  g_assert_true (reader_shows (fixture, "Capital Wire"));
  wait_for_frames (GTK_WIDGET (fixture->window), 3);
  save_png (GTK_WIDGET (fixture->window), "window-html.png");

  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    g_object_unref (files[i]);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int ret;

  g_test_init (&argc, &argv, NULL);

  application = attache_application_new ();
  g_application_set_flags (G_APPLICATION (application), G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (application), NULL, &error);
  g_assert_no_error (error);

  /* Light style, whatever the desktop that runs the tests prefers. */
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_LIGHT);

  g_test_add ("/window/empty-library", Fixture, NULL,
              fixture_set_up, test_empty_library, fixture_tear_down);
  g_test_add ("/window/import-and-read", Fixture, NULL,
              fixture_set_up, test_import_and_read, fixture_tear_down);
  g_test_add ("/window/import-several", Fixture, NULL,
              fixture_set_up, test_import_several, fixture_tear_down);
  g_test_add ("/window/delete-and-undo", Fixture, NULL,
              fixture_set_up, test_delete_and_undo, fixture_tear_down);
  g_test_add ("/window/screenshot", Fixture, NULL,
              fixture_set_up, test_screenshot, fixture_tear_down);

  ret = g_test_run ();

  g_clear_object (&application);

  return ret;
}
