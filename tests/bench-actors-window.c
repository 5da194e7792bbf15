/* bench-actors-window.c: the Actors window and the highlights, with many actors
 *
 * Run with `xvfb-run -a meson test --benchmark bench-actors-window` (or
 * directly: bench-actors-window [--articles N] [--library FILE]). It needs a
 * display; without one it says so and measures nothing.
 *
 * Without --library, a library of N articles (20,000 unless told) is made
 * first, in a temporary folder: made-up sentences naming people from a pool
 * of 40,000 names (most named in a few articles, some in many), with their
 * analyses stored as the analysis runner stores them, so that the library
 * has some 40,000 actors. With --library FILE, that library is measured as
 * it is (one made by bench-explore --library, say), or made there first and
 * kept when there is none.
 *
 * Measured, on the main thread, as a person would feel it:
 *  - the Actors window, from opening to its list shown, and the longest the
 *    main loop was held meanwhile;
 *  - filtering it (the library's query in a worker, the list replaced);
 *  - the reader highlighting every actor of a long article (2,000 mentions).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "attache.h"
#include "attache-actors-view.h"
#include "attache-reader.h"

#include "bench-helpers.h"
#include "test-helpers.h"

#define N_NAMES 40000

static const char * const first_names[] = {
  "Ada", "Bruno", "Carla", "Dario", "Elin", "Farid", "Greta", "Hugo", "Ines", "Jonas",
  "Kira", "Lev", "Mira", "Nils", "Olga", "Pavel", "Rosa", "Sami", "Tove", "Umar",
};

static const char * const filler[] = {
  "said on Tuesday that the talks would continue",
  "met officials from the port authority",
  "told reporters the agreement was close",
  "declined to comment on the quotas",
  "is expected to travel to the capital next week",
};

/* "Ada Kessler 1234": a name of the pool. */
static char *
dup_name (guint n)
{
  return g_strdup_printf ("%s Varn%u", first_names[n % G_N_ELEMENTS (first_names)], n);
}

/* One article: @n_mentions sentences, each naming someone; the analysis
 * says who, where. */
static void
make_article (AttacheLibrary *library,
              GRand          *rand,
              guint           index,
              guint           n_mentions)
{
  g_autoptr(AttacheArticle) article = attache_article_new ();
  g_autoptr(AttacheAnalysis) analysis = attache_analysis_new ();
  g_autoptr(GHashTable) actors = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *sha = NULL;
  g_autofree char *origin = g_strdup_printf ("bench://actors/%u", index);
  g_autofree char *published = g_strdup_printf ("2024-%02d-%02d", 1 + index % 12, 1 + index % 28);
  gint64 id = 0;

  analysis->version = ATTACHE_ANALYZER_VERSION;
  analysis->language = g_strdup ("en");
  analysis->analysed = TRUE;

  for (guint m = 0; m < n_mentions; m++)
    {
      /* Some names often, most rarely. */
      guint pick = g_rand_int_range (rand, 0, 4) == 0 ? g_rand_int_range (rand, 0, 200)
                                                      : g_rand_int_range (rand, 0, N_NAMES);
      g_autofree char *name = dup_name (pick);
      AttacheFoundActor *actor = g_hash_table_lookup (actors, name);
      AttacheSpan span;

      if (m > 0)
        g_string_append (text, m % 6 == 0 ? "\n\n" : " ");
      span.start = text->len;
      g_string_append (text, name);
      span.end = text->len;
      g_string_append_printf (text, " %s.", filler[m % G_N_ELEMENTS (filler)]);

      if (actor == NULL)
        {
          actor = attache_found_actor_new (name, (AttacheActorType) (pick % 4));
          g_ptr_array_add (analysis->actors, actor);
          g_hash_table_insert (actors, actor->name, actor);
        }
      actor->mentions++;
      g_array_append_val (actor->spans, span);
    }
  for (guint a = 0; a < analysis->actors->len; a++)
    ((AttacheFoundActor *) analysis->actors->pdata[a])->salience = 1.0 / (1 + a);

  sha = g_compute_checksum_for_string (G_CHECKSUM_SHA256, text->str, text->len);
  attache_article_set_title (article, "Talks");
  attache_article_set_text (article, text->str);
  attache_article_set_sha256 (article, sha);
  attache_article_set_origin (article, origin);
  attache_article_set_published (article, published);
  attache_article_set_language (article, "en");
  g_assert_cmpint (attache_library_add_article (library, article, &id, &error), ==, ATTACHE_ADD_ADDED);
  g_assert_true (attache_library_store_analysis (library, id, text->str, analysis, &error));
  g_assert_no_error (error);
}

/* Runs the main loop without waiting until @cond holds; *@longest is the
 * longest one pass took: how long the window could not have answered. */
#define run_until(cond, longest)                                \
  G_STMT_START {                                                \
    *(longest) = 0;                                             \
    while (!(cond))                                             \
      {                                                         \
        gint64 pass_start_ = g_get_monotonic_time ();           \
                                                                \
        g_main_context_iteration (NULL, FALSE);                 \
        *(longest) = MAX (*(longest), g_get_monotonic_time () - pass_start_); \
      }                                                         \
  } G_STMT_END

static void
measure_view (AttacheLibrary *library)
{
  GtkWidget *window;
  gint64 longest;
  AttacheActorsView *view;
  gint64 start;
  guint n;

  start = g_get_monotonic_time ();
  window = attache_actors_window_new (NULL, library);
  view = attache_actors_window_get_view (GTK_WINDOW (window));
  gtk_window_present (GTK_WINDOW (window));
  run_until (!attache_actors_view_get_busy (view) && attache_actors_view_get_n_actors (view) > 0, &longest);
  n = attache_actors_view_get_n_actors (view);
  g_print ("Actors window: %u actors listed %.0f ms after opening; longest pass of the main loop %.0f ms\n",
           n, ms_since (start), longest / 1000.0);

  for (guint i = 0; i < 3; i++)
    {
      const char *filter = i == 0 ? "varn12" : i == 1 ? "ada" : "";

      while (g_main_context_iteration (NULL, FALSE))
        ;
      start = g_get_monotonic_time ();
      attache_actors_view_set_filter (view, filter);
      run_until (!attache_actors_view_get_busy (view), &longest);
      g_print ("  filtered by “%s”: %u actors in %.0f ms; longest pass %.0f ms\n",
               filter, attache_actors_view_get_n_actors (view), ms_since (start), longest / 1000.0);
    }

  /* A correction elsewhere: the list is read again. */
  while (g_main_context_iteration (NULL, FALSE))
    ;
  start = g_get_monotonic_time ();
  g_signal_emit_by_name (library, "actors-changed");
  run_until (attache_actors_view_get_busy (view), &longest);
  run_until (!attache_actors_view_get_busy (view), &longest);
  g_print ("  read again after a correction: %.0f ms (250 ms of it waiting for more); longest pass %.0f ms\n",
           ms_since (start), longest / 1000.0);

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
measure_highlights (AttacheLibrary *library,
                    gint64          article_id)
{
  g_autoptr(AttacheAnalysis) analysis = attache_library_get_analysis (library, article_id, NULL);
  g_autoptr(AttacheArticle) article = attache_library_get_article (library, article_id, NULL);
  GtkWidget *window = gtk_window_new ();
  GtkWidget *reader = attache_reader_new ();
  guint n_mentions = 0;
  double best = G_MAXDOUBLE, worst = 0;

  g_assert_nonnull (analysis);
  gtk_window_set_default_size (GTK_WINDOW (window), 800, 700);
  gtk_window_set_child (GTK_WINDOW (window), reader);
  attache_reader_set_article (ATTACHE_READER (reader), article);
  gtk_window_present (GTK_WINDOW (window));
  for (guint i = 0; i < 20; i++)
    g_main_context_iteration (NULL, FALSE);

  for (guint a = 0; a < analysis->actors->len; a++)
    n_mentions += ((AttacheFoundActor *) analysis->actors->pdata[a])->spans->len;

  for (guint i = 0; i < 5; i++)
    {
      gint64 start = g_get_monotonic_time ();
      double ms;

      attache_reader_highlight_actors (ATTACHE_READER (reader), article_id, analysis->actors, NULL);
      ms = ms_since (start);
      best = MIN (best, ms);
      worst = MAX (worst, ms);
      attache_reader_clear_highlights (ATTACHE_READER (reader));
    }
  g_print ("Reader: highlighting every actor of an article of %u words (%u mentions of %u actors): %.1f–%.1f ms\n",
           attache_article_get_n_words (article), n_mentions, analysis->actors->len, best, worst);

  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(AttacheLibrary) library = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *library_path = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  int n_articles = 20000;
  gint64 long_id = 0;
  GOptionEntry entries[] = {
    { "articles", 0, 0, G_OPTION_ARG_INT, &n_articles, "Articles in the library made", "N" },
    { "library", 0, 0, G_OPTION_ARG_FILENAME, &library_path, "Measure this library as it is", "FILE" },
    { NULL }
  };

  context = g_option_context_new (NULL);
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }

  if (!gtk_init_check ())
    {
      g_print ("No display: nothing measured (run under xvfb-run)\n");
      return 0;
    }
  adw_init ();

  if (library_path != NULL && g_file_test (library_path, G_FILE_TEST_EXISTS))
    {
      library = attache_library_open (library_path, &error);
      g_assert_no_error (error);
    }
  else
    {
      g_autoptr(GRand) rand = g_rand_new_with_seed (20240514);
      gint64 start = g_get_monotonic_time ();

      if (library_path != NULL)
        path = g_strdup (library_path);
      else
        {
          dir = test_tmpdir_new ();
          path = g_build_filename (dir, "library.db", NULL);
        }
      library = attache_library_open (path, &error);
      g_assert_no_error (error);
      for (int i = 0; i < n_articles; i++)
        make_article (library, rand, i, 12);
      g_print ("made a library of %d articles in %.1f s\n", n_articles, ms_since (start) / 1000);
    }

  /* The long article: 2,000 mentions, some 12,000 words. */
  {
    g_autoptr(GRand) rand = g_rand_new_with_seed (7);
    g_autoptr(GPtrArray) articles = NULL;

    articles = attache_library_list_articles (library, NULL);
    for (guint i = 0; i < articles->len; i++)
      if (g_strcmp0 (attache_article_get_origin (articles->pdata[i]), "bench://actors/2147483647") == 0)
        long_id = attache_article_get_id (articles->pdata[i]);
    if (long_id == 0)
      {
        g_clear_pointer (&articles, g_ptr_array_unref);
        make_article (library, rand, G_MAXINT, 2000);
        articles = attache_library_list_articles (library, NULL);
        for (guint i = 0; i < articles->len; i++)
          if (g_strcmp0 (attache_article_get_origin (articles->pdata[i]), "bench://actors/2147483647") == 0)
            long_id = attache_article_get_id (articles->pdata[i]);
      }
    g_assert_cmpint (long_id, >, 0);
  }

  measure_view (library);
  measure_highlights (library, long_id);

  g_clear_object (&library);
  if (dir != NULL)
    g_clear_pointer (&dir, test_tmpdir_free);

  return 0;
}
