/* bench-search-window.c: how soon the window lists a large library, and how it keeps up
 *
 * Run with `meson test --benchmark bench-search-window` (under a display:
 * build-aux/test, or xvfb-run), or directly:
 *
 *   bench-search-window [--library FILE] [--articles N]
 *
 * With --library FILE the window opens that library as it is (make one of
 * 100,000 analysed articles with `bench-explore --library FILE`, whose
 * copies of a base text are versions of one story, so one row each), or
 * makes it there first when there is no such file; otherwise in a temporary
 * folder. A library made here has N synthetic articles (default 20,000),
 * each its own row, without analyses. Measures, in the real window,
 * in-process:
 *
 *   - from main () (GTK's start-up included) and from opening the library to
 *     the first rows drawn, then to every row listed, and the longest the
 *     main thread was busy meanwhile (what a person would feel as a freeze);
 *   - scrolling: a step of half a page, then jumps, each until the frame
 *     that shows it is painted; the median and the worst;
 *   - a search, and a search with a filter, to their results listed;
 *   - the summary pane for one article, and for 1,000 selected (a library
 *     with analyses only);
 *   - Ctrl+A, to the summary pane's overview of what is selected.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "attache.h"
#include "attache-application.h"
#include "attache-article-row.h"
#include "attache-overview-panel.h"
#include "attache-search-bar.h"
#include "attache-summary-pane.h"
#include "attache-window.h"

#include "bench-helpers.h"
#include "test-helpers.h"
#include "test-ui-helpers.h"

#define WAIT_SECONDS 120

/* The longest the main loop went without running a 1 ms timeout: how long
 * the main thread was busy at once. */
typedef struct
{
  gint64 last;
  gint64 longest;
  guint  id;
} StallWatch;

static gboolean
stall_tick_cb (gpointer user_data)
{
  StallWatch *watch = user_data;
  gint64 now = g_get_monotonic_time ();

  watch->longest = MAX (watch->longest, now - watch->last);
  watch->last = now;
  return G_SOURCE_CONTINUE;
}

static void
stall_watch_start (StallWatch *watch)
{
  watch->last = g_get_monotonic_time ();
  watch->longest = 0;
  watch->id = g_timeout_add_full (G_PRIORITY_HIGH, 1, stall_tick_cb, watch, NULL);
}

static double
stall_watch_stop (StallWatch *watch)
{
  stall_tick_cb (watch);
  g_clear_handle_id (&watch->id, g_source_remove);
  return watch->longest / 1000.0;
}

/* The window's parts */

static gpointer
window_child (AttacheWindow *window,
              const char    *name)
{
  GObject *child = gtk_widget_get_template_child (GTK_WIDGET (window), ATTACHE_TYPE_WINDOW, name);

  g_assert_nonnull (child);
  return child;
}

static GListModel *
get_articles (AttacheWindow *window)
{
  return G_LIST_MODEL (gtk_list_view_get_model (window_child (window, "article_list_view")));
}

static gboolean
has_mapped_row (GtkWidget *widget)
{
  if (ATTACHE_IS_ARTICLE_ROW (widget))
    return gtk_widget_get_mapped (widget) && attache_article_row_get_article (ATTACHE_ARTICLE_ROW (widget)) != NULL;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (has_mapped_row (child))
      return TRUE;

  return FALSE;
}

/* Frames */

static guint n_painted;

static void
on_after_paint_cb (GdkFrameClock *clock,
                   gpointer       user_data)
{
  n_painted++;
}

static void
wait_for_paint (GtkWidget *widget)
{
  guint before = n_painted;

  gtk_widget_queue_draw (widget);
  wait_until (n_painted > before);
}

static gboolean
rows_shown (AttacheWindow *window)
{
  return g_list_model_get_n_items (get_articles (window)) > 0 &&
         has_mapped_row (window_child (window, "article_list_view"));
}

static AttacheOverviewPanel *
find_overview_panel (AttacheSummaryPane *pane)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (pane));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (ATTACHE_IS_OVERVIEW_PANEL (child))
      return ATTACHE_OVERVIEW_PANEL (child);

  g_error ("The summary pane has no overview panel");
}

/* Whether the newest article is analysed (a library of bench-explore's). */
static gboolean
library_has_analyses (AttacheLibrary *library)
{
  g_autoptr(GPtrArray) newest = attache_library_list_newest_articles (library, 1, NULL);
  g_autoptr(AttacheAnalysis) analysis = NULL;

  if (newest == NULL || newest->len == 0)
    return FALSE;
  analysis = attache_library_get_analysis (library, attache_article_get_id (newest->pdata[0]), NULL);
  return analysis != NULL;
}

/* A library to measure, when none is given */

static const char * const words[] = {
  "minister", "talks", "summit", "ceasefire", "sanctions", "export", "controls", "border",
  "delegation", "treaty", "envoy", "parliament", "coalition", "election", "budget", "grain",
  "shipping", "cables", "security", "alliance", "council", "agreement", "negotiators", "port",
  "said", "the", "on", "a", "of", "and", "in", "after",
};

static const char * const sources[] = {
  "Valmora Herald", "Estrand Times", "Northern Courier", "The Harbour Post", "Daily Ledger",
  "Morning Dispatch", "Capital Review", "Coastal Wire",
};

static void
make_library (const char *path,
              guint       n_articles)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AttacheLibrary) library = attache_library_open (path, &error);
  GRand *rand = g_rand_new_with_seed (42);

  g_assert_no_error (error);

  for (guint i = 0; i < n_articles; i++)
    {
      g_autoptr(AttacheArticle) article = attache_article_new ();
      g_autoptr(GString) text = g_string_new (NULL);
      g_autofree char *title = NULL;
      g_autofree char *date = NULL;
      g_autofree char *sha = NULL;
      gint64 id;

      for (guint w = 0; w < 300; w++)
        g_string_append_printf (text, "%s%s", w > 0 ? (w % 60 == 0 ? ".\n\n" : " ") : "",
                                words[g_rand_int_range (rand, 0, G_N_ELEMENTS (words))]);
      g_string_append_printf (text, " kx%u.", i);
      title = g_strdup_printf ("Article %u on the %s %s", i,
                               words[g_rand_int_range (rand, 0, 24)], words[g_rand_int_range (rand, 0, 24)]);
      date = g_strdup_printf ("%04d-%02d-%02d", 2015 + g_rand_int_range (rand, 0, 10),
                              g_rand_int_range (rand, 1, 13), g_rand_int_range (rand, 1, 29));
      sha = g_compute_checksum_for_string (G_CHECKSUM_SHA256, text->str, -1);

      attache_article_set_title (article, title);
      attache_article_set_text (article, text->str);
      attache_article_set_published (article, date);
      attache_article_set_source (article, sources[i % G_N_ELEMENTS (sources)]);
      attache_article_set_sha256 (article, sha);
      attache_article_set_origin (article, "/tmp/bench-search-window.txt");
      g_assert_cmpint (attache_library_add_article (library, article, &id, &error), ==, ATTACHE_ADD_ADDED);
    }

  g_rand_free (rand);
}

int
main (int   argc,
      char *argv[])
{
  gint64 main_start = g_get_monotonic_time ();
  g_autofree char *library_path = NULL;
  g_autofree char *dir = NULL;
  int n_articles = 20000;
  GOptionEntry entries[] = {
    { "library", 0, 0, G_OPTION_ARG_FILENAME, &library_path, "Measure the library in FILE", "FILE" },
    { "articles", 0, 0, G_OPTION_ARG_INT, &n_articles, "Articles of the library made (20000)", "N" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(AttacheApplication) application = NULL;
  g_autoptr(AttacheLibrary) library = NULL;
  g_autoptr(AttacheAnalysisRunner) runner = NULL;
  g_autoptr(GArray) steps = g_array_new (FALSE, FALSE, sizeof (double));
  AttacheWindow *window;
  GtkAdjustment *adjustment;
  GdkFrameClock *clock;
  StallWatch watch = { 0, };
  gint64 start;
  double open_ms, rows_ms, all_ms, stall_ms, first_stall_ms;
  guint n_listed;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }

  if (library_path == NULL || !g_file_test (library_path, G_FILE_TEST_EXISTS))
    {
      gint64 made = g_get_monotonic_time ();

      if (library_path == NULL)
        {
          dir = test_tmpdir_new ();
          library_path = g_build_filename (dir, "library.db", NULL);
        }
      make_library (library_path, (guint) n_articles);
      g_print ("made a library of %d synthetic articles in %.1f s\n", n_articles, ms_since (made) / 1000.0);
    }

  /* GTK's start-up counts as a launch's would; making a library does not. */
  main_start = g_get_monotonic_time ();
  gtk_init ();
  adw_init ();
  application = attache_application_new ();
  g_application_set_flags (G_APPLICATION (application), G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (application), NULL, &error);
  g_assert_no_error (error);

  /* Opening: the library, then the window, to its first rows drawn. */
  start = g_get_monotonic_time ();
  library = attache_library_open (library_path, &error);
  g_assert_no_error (error);
  open_ms = ms_since (start);

  stall_watch_start (&watch);
  window = attache_window_new (application, library);
  /* As the application does: the analyser runs in the background. */
  runner = attache_analysis_runner_new (library);
  attache_window_set_analysis_runner (window, runner);
  gtk_window_present (GTK_WINDOW (window));
  wait_until (rows_shown (window));
  rows_ms = ms_since (start);
  first_stall_ms = stall_watch_stop (&watch);
  n_listed = g_list_model_get_n_items (get_articles (window));
  /* The subtitle counts the articles once every one is listed. */
  stall_watch_start (&watch);
  wait_until (adw_window_title_get_subtitle (window_child (window, "window_title"))[0] != '\0');
  all_ms = ms_since (start);
  stall_ms = stall_watch_stop (&watch);

  g_print ("library: %s: %u rows listed first, then %u (one per story)\n", library_path, n_listed,
           g_list_model_get_n_items (get_articles (window)));
  n_listed = g_list_model_get_n_items (get_articles (window));
  g_print ("open the library:                          %7.1f ms\n", open_ms);
  g_print ("open to the first rows drawn:              %7.1f ms  (%.1f ms since main (), GTK's start-up in;"
           " longest main-thread stall %.1f ms)\n",
           rows_ms, rows_ms + (start - main_start) / 1000.0, first_stall_ms);
  g_print ("open to every row listed:                  %7.1f ms  (longest main-thread stall meanwhile %.1f ms)\n",
           all_ms, stall_ms);

  clock = gtk_widget_get_frame_clock (GTK_WIDGET (window));
  g_signal_connect (clock, "after-paint", G_CALLBACK (on_after_paint_cb), NULL);
  wait_for_paint (GTK_WIDGET (window));

  /* Scrolling: half a page at a time, then jumps far down and back. */
  adjustment = gtk_scrollable_get_vadjustment (window_child (window, "article_list_view"));
  stall_watch_start (&watch);
  for (guint i = 0; i < 240; i++)
    {
      double page = gtk_adjustment_get_page_size (adjustment);
      double upper = gtk_adjustment_get_upper (adjustment);
      double value;
      gint64 step = g_get_monotonic_time ();
      double ms;

      if (i % 40 == 39)
        value = g_random_double_range (0, MAX (upper - page, 0));   /* a jump */
      else
        value = MIN (gtk_adjustment_get_value (adjustment) + page / 2, upper - page);

      gtk_adjustment_set_value (adjustment, value);
      wait_for_paint (GTK_WIDGET (window));
      ms = ms_since (step);
      g_array_append_val (steps, ms);
    }
  stall_ms = stall_watch_stop (&watch);
  {
    double worst = 0;

    for (guint i = 0; i < steps->len; i++)
      worst = MAX (worst, g_array_index (steps, double, i));
    g_print ("scroll a step, to its frame painted:       %7.1f ms median, %.1f ms worst (%u steps, 6 jumps;"
             " longest stall %.1f ms)\n", median ((double *) steps->data, steps->len), worst, steps->len, stall_ms);
  }

  /* Searching, in the window: to the results listed. */
  {
    AttacheSearchBar *bar = window_child (window, "search_bar");
    AdwWindowTitle *title = window_child (window, "window_title");
    const char *queries[][2] = { { "said", NULL }, { "said", "Estrand Times" }, { "election", NULL } };

    for (guint q = 0; q < G_N_ELEMENTS (queries); q++)
      {
        g_autoptr(AttacheSearchQuery) query = attache_search_query_new (queries[q][0]);

        query->source = g_strdup (queries[q][1]);
        attache_search_bar_set_search_mode (bar, FALSE);
        wait_until (g_list_model_get_n_items (get_articles (window)) == n_listed);
        wait_for_paint (GTK_WIDGET (window));

        start = g_get_monotonic_time ();
        stall_watch_start (&watch);
        attache_search_bar_set_query (bar, query);
        wait_until (strstr (adw_window_title_get_subtitle (title), "result") != NULL &&
                    rows_shown (window));
        g_print ("search “%s”%s%s: results drawn %7.1f ms  (%s; longest stall %.1f ms)\n",
                 queries[q][0], queries[q][1] != NULL ? " + source " : "",
                 queries[q][1] != NULL ? queries[q][1] : "",
                 ms_since (start), adw_window_title_get_subtitle (title), stall_watch_stop (&watch));
      }

    attache_search_bar_set_search_mode (bar, FALSE);
    wait_until (g_list_model_get_n_items (get_articles (window)) == n_listed);
  }

  /* The summary pane for one article, then for a thousand selected: from
   * the click to the pane drawn. */
  if (library_has_analyses (library))
    {
      AttacheSummaryPane *pane = window_child (window, "summary_pane");
      GtkSelectionModel *selection = GTK_SELECTION_MODEL (get_articles (window));
      GtkStack *analysis_stack = GTK_STACK (gtk_widget_get_template_child (GTK_WIDGET (pane),
                                                                         ATTACHE_TYPE_SUMMARY_PANE,
                                                                         "analysis_stack"));
      g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));
      g_autoptr(GArray) filled_times = g_array_new (FALSE, FALSE, sizeof (double));
      AttacheOverviewPanel *panel;
      guint n_selected = MIN (1000, n_listed);
      double worst = 0, worst_filled = 0;

      stall_watch_start (&watch);
      for (guint i = 0; i < MIN (40, n_listed); i++)
        {
          g_autoptr(AttacheArticle) article = g_list_model_get_item (get_articles (window), i);
          gint64 id = attache_article_get_id (article);
          double ms;

          start = g_get_monotonic_time ();
          gtk_selection_model_select_item (selection, i, TRUE);
          wait_until (attache_summary_pane_get_article (pane) != NULL &&
                      attache_article_get_id (attache_summary_pane_get_article (pane)) == id &&
                      g_strcmp0 (gtk_stack_get_visible_child_name (analysis_stack), "analysis") == 0);
          ms = ms_since (start);
          worst_filled = MAX (worst_filled, ms);
          g_array_append_val (filled_times, ms);
          wait_for_paint (GTK_WIDGET (window));
          ms = ms_since (start);
          worst = MAX (worst, ms);
          g_array_append_val (times, ms);
        }
      g_print ("one article, to the pane filled:           %7.1f ms median, %.1f ms worst (%u articles)\n",
               median ((double *) filled_times->data, filled_times->len), worst_filled, filled_times->len);
      g_print ("one article, to the window drawn:          %7.1f ms median, %.1f ms worst (the reader's text"
               " laid out too; longest stall %.1f ms)\n", median ((double *) times->data, times->len), worst, stall_watch_stop (&watch));

      start = g_get_monotonic_time ();
      stall_watch_start (&watch);
      gtk_selection_model_select_range (selection, 0, n_selected, TRUE);
      wait_until (attache_summary_pane_get_showing_overview (pane));
      panel = find_overview_panel (pane);
      wait_until (!attache_overview_panel_get_loading (panel) &&
                  attache_overview_panel_get_overview (panel) != NULL &&
                  attache_overview_panel_get_overview (panel)->n_articles == n_selected);
      wait_for_paint (GTK_WIDGET (window));
      g_print ("%u articles selected, to the overview drawn: %5.1f ms  (150 ms of it the delay;"
               " longest stall %.1f ms)\n", n_selected, ms_since (start), stall_watch_stop (&watch));
      gtk_selection_model_unselect_all (selection);
    }
  else
    {
      g_print ("the summary pane: not measured, the library has no analyses yet\n");
    }

  /* Ctrl+A: the overview of everything selected. */
  {
    AttacheSummaryPane *pane = window_child (window, "summary_pane");
    GtkSelectionModel *selection = GTK_SELECTION_MODEL (get_articles (window));
    g_autoptr(GPtrArray) panels = NULL;

    gtk_selection_model_select_item (selection, 0, TRUE);
    wait_for_paint (GTK_WIDGET (window));

    start = g_get_monotonic_time ();
    stall_watch_start (&watch);
    gtk_widget_activate_action (window_child (window, "article_list_view"), "list.select-all", NULL);
    wait_until (attache_summary_pane_get_showing_overview (pane));
    panels = g_ptr_array_new ();
    {
      AttacheOverviewPanel *panel = NULL;

      for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (pane));
           child != NULL;
           child = gtk_widget_get_next_sibling (child))
        if (ATTACHE_IS_OVERVIEW_PANEL (child))
          panel = ATTACHE_OVERVIEW_PANEL (child);
      g_assert_nonnull (panel);
      wait_until (!attache_overview_panel_get_loading (panel) &&
                  attache_overview_panel_get_overview (panel) != NULL);
      wait_for_paint (GTK_WIDGET (window));
      g_print ("Ctrl+A, to the overview drawn:             %7.1f ms  (%u articles counted of %u;"
               " 150 ms of it the delay; longest stall %.1f ms)\n",
               ms_since (start), attache_overview_panel_get_overview (panel)->n_articles, n_listed,
               stall_watch_stop (&watch));
    }
  }

  gtk_window_destroy (GTK_WINDOW (window));
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_clear_object (&library);
  if (dir != NULL)
    test_tmpdir_free (g_steal_pointer (&dir));

  return 0;
}
