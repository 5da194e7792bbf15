/* bench-explore.c: how fast the library is explored at 100,000 articles
 *
 * Run with `meson test --benchmark` (or directly:
 * bench-explore [--articles N] [--library FILE]). With --library FILE, a
 * library already there is measured as it is (made once, measured many
 * times); otherwise one is made first, in a temporary folder unless FILE
 * names where to keep it.
 *
 * The library is made of real news when ../shared has the BBC set (measuring
 * only: its texts are not kept anywhere but in the temporary library), else of
 * text made up from a small vocabulary. Each of the N articles is one of the
 * base texts with a paragraph of its own added (so no two are the same), a
 * date spread over ten years and one of twelve sources. Each base text is
 * analysed once and its analysis stored for every article made of it, through
 * attache_library_store_analysis () as the analysis runner does; the actors
 * named in one base text only get one of 16 variants of their name per copy,
 * so that the library has the long tail of names a real one has.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <json-glib/json-glib.h>
#include <stdlib.h>
#include <string.h>

#include "attache.h"

#include "bench-helpers.h"
#include "test-helpers.h"

typedef struct
{
  char            *title;
  char            *text;
  AttacheAnalysis *analysis;
} Base;

static void
base_free (Base *base)
{
  g_free (base->title);
  g_free (base->text);
  g_clear_pointer (&base->analysis, attache_analysis_free);
  g_free (base);
}

static const char * const sources[] = {
  "Valmora Herald", "Estrand Times", "Northern Courier", "The Harbour Post", "Daily Ledger",
  "Morning Dispatch", "Capital Review", "Coastal Wire", "Evening Standard-Gazette",
  "Borderlands Radio", "The Observer of Kessel", "Wire Service Nine",
};

static const char * const words[] = {
  "minister", "talks", "summit", "ceasefire", "sanctions", "export", "controls", "border",
  "delegation", "treaty", "envoy", "parliament", "coalition", "election", "budget", "grain",
  "shipping", "cables", "security", "alliance", "council", "agreement", "negotiators", "port",
  "quotas", "pipeline", "tariffs", "ministry", "statement", "officials", "reform", "aid",
};

static GPtrArray *
load_bases (void)
{
  const char *root = g_getenv ("ATTACHE_SHARED_DIR");
  g_autofree char *path = root != NULL ? g_build_filename (root, "data", "news", "bbc-dev.jsonl", NULL) : NULL;
  g_autofree char *contents = NULL;
  GPtrArray *bases = g_ptr_array_new_with_free_func ((GDestroyNotify) base_free);

  if (path != NULL && g_file_get_contents (path, &contents, NULL, NULL))
    {
      g_auto(GStrv) lines = g_strsplit (contents, "\n", -1);

      for (guint i = 0; lines[i] != NULL; i++)
        {
          g_autoptr(JsonParser) parser = json_parser_new ();
          JsonObject *object;
          Base *base;

          if (lines[i][0] == '\0' || !json_parser_load_from_data (parser, lines[i], -1, NULL))
            continue;
          object = json_node_get_object (json_parser_get_root (parser));
          base = g_new0 (Base, 1);
          base->title = g_strdup (json_object_get_string_member (object, "title"));
          base->text = g_strdup (json_object_get_string_member (object, "text"));
          g_ptr_array_add (bases, base);
        }
      g_print ("base texts: %u BBC articles from ../shared (measuring only)\n", bases->len);
      return bases;
    }

  {
    g_autoptr(GRand) rand = g_rand_new_with_seed (7);

    for (guint i = 0; i < 2000; i++)
      {
        Base *base = g_new0 (Base, 1);
        GString *text = g_string_new (NULL);

        g_string_append_printf (text, "Minister Ilse Marran of Valmora met Envoy Tomas Brekk%u of Estrand "
                                "in Kessel on Monday. The Port Authority of Valmora said talks on %s "
                                "would resume.", i % 300, words[i % G_N_ELEMENTS (words)]);
        for (guint p = 0; p < 5; p++)
          {
            g_string_append (text, "\n\n");
            for (guint w = 0; w < 60; w++)
              g_string_append_printf (text, "%s%s", w > 0 ? " " : "",
                                      words[g_rand_int_range (rand, 0, G_N_ELEMENTS (words))]);
            g_string_append (text, ".");
          }
        base->title = g_strdup_printf ("Talks in Kessel, round %u", i);
        base->text = g_string_free (text, FALSE);
        g_ptr_array_add (bases, base);
      }
    g_print ("base texts: %u made up (../shared is absent)\n", bases->len);
  }

  return bases;
}

static char *
actor_key (const AttacheFoundActor *actor)
{
  return g_strdup_printf ("%s:%s", attache_actor_type_to_string (actor->type), actor->name);
}

/* Makes a library of @n articles in @path. */
static void
make_library (const char *path,
              guint       n)
{
  g_autoptr(GPtrArray) bases = load_bases ();
  g_autoptr(GHashTable) frequency = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(AttacheLibrary) library = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (42);
  g_autoptr(GError) error = NULL;
  gint64 start = g_get_monotonic_time ();

  for (guint i = 0; i < bases->len; i++)
    {
      Base *base = bases->pdata[i];

      base->analysis = attache_analyze (base->title, base->text, 3, NULL, &error);
      g_assert_no_error (error);
      for (guint a = 0; a < base->analysis->actors->len; a++)
        {
          char *key = actor_key (base->analysis->actors->pdata[a]);

          g_hash_table_insert (frequency, key,
                               GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (frequency, key)) + 1));
        }
    }
  g_print ("analysed the %u base texts in %.1f s\n", bases->len, ms_since (start) / 1000);

  library = attache_library_open (path, &error);
  g_assert_no_error (error);

  start = g_get_monotonic_time ();
  for (guint i = 0; i < n; i++)
    {
      Base *base = bases->pdata[i % bases->len];
      guint copy = i / bases->len;
      g_autoptr(AttacheArticle) article = attache_article_new ();
      g_autoptr(GString) text = g_string_new (base->text);
      g_autoptr(GPtrArray) saved_names = g_ptr_array_new_with_free_func (g_free);
      g_autofree char *sha = NULL;
      g_autofree char *published = NULL;
      g_autofree char *origin = g_strdup_printf ("bench://article/%u", i);
      gint64 id = 0;

      /* A paragraph of its own: the copy number and a few words. */
      g_string_append_printf (text, "\n\nDispatch %u, filed as reference kx%u.", copy, i);
      for (guint w = 0; w < 12; w++)
        g_string_append_printf (text, " %s", words[g_rand_int_range (rand, 0, G_N_ELEMENTS (words))]);
      g_string_append (text, ".");

      sha = g_compute_checksum_for_string (G_CHECKSUM_SHA256, text->str, text->len);
      published = g_strdup_printf ("%04d-%02d-%02d", g_rand_int_range (rand, 2015, 2025),
                                   g_rand_int_range (rand, 1, 13), g_rand_int_range (rand, 1, 29));
      attache_article_set_title (article, base->title);
      attache_article_set_text (article, text->str);
      attache_article_set_sha256 (article, sha);
      attache_article_set_origin (article, origin);
      attache_article_set_published (article, published);
      attache_article_set_source (article, sources[g_rand_int_range (rand, 0, G_N_ELEMENTS (sources))]);
      attache_article_set_language (article, "en");
      g_assert_cmpint (attache_library_add_article (library, article, &id, &error), ==, ATTACHE_ADD_ADDED);
      g_assert_no_error (error);

      /* The long tail: names seen in one base text get a variant per copy. */
      for (guint a = 0; a < base->analysis->actors->len; a++)
        {
          AttacheFoundActor *actor = base->analysis->actors->pdata[a];
          g_autofree char *key = actor_key (actor);

          g_ptr_array_add (saved_names, g_strdup (actor->name));
          if (copy > 0 && GPOINTER_TO_UINT (g_hash_table_lookup (frequency, key)) == 1)
            {
              g_free (actor->name);
              actor->name = g_strdup_printf ("%s %c", (char *) saved_names->pdata[a], 'A' + copy % 16);
            }
        }
      g_assert_true (attache_library_store_analysis (library, id, text->str, base->analysis, &error));
      g_assert_no_error (error);
      for (guint a = 0; a < base->analysis->actors->len; a++)
        {
          AttacheFoundActor *actor = base->analysis->actors->pdata[a];

          g_free (actor->name);
          actor->name = g_strdup (saved_names->pdata[a]);
        }

      if ((i + 1) % 10000 == 0)
        g_print ("  %u articles stored, %.0f s\n", i + 1, ms_since (start) / 1000);
    }
  g_print ("made a library of %u articles in %.1f s\n", n, ms_since (start) / 1000);
}

typedef struct
{
  double best;
  double median;
  double worst;
} Timing;

/* Runs @func @n times after one run to warm the cache. */
#define N_RUNS 7

static Timing
measure (void     (*func) (gpointer data),
         gpointer   data)
{
  double times[N_RUNS];
  Timing timing;

  func (data);
  for (guint i = 0; i < N_RUNS; i++)
    {
      gint64 start = g_get_monotonic_time ();

      func (data);
      times[i] = ms_since (start);
    }
  qsort (times, N_RUNS, sizeof (double), compare_doubles);
  timing.best = times[0];
  timing.median = times[N_RUNS / 2];
  timing.worst = times[N_RUNS - 1];
  return timing;
}

typedef struct
{
  AttacheLibrary     *library;
  AttacheSearchQuery *query;
  guint               limit;
  gint64              total;
  guint               shown;
  GArray             *ids;
  guint               n_items;
  const char         *filter;
} Job;

static void
search_job (gpointer data)
{
  Job *job = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(AttacheSearchResults) results = attache_library_find (job->library, job->query, job->limit, &error);

  g_assert_no_error (error);
  job->total = results->total;
  job->shown = results->hits->len;
}

static void
summary_job (gpointer data)
{
  Job *job = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(AttacheOverview) overview = attache_library_summarize (job->library, job->ids, &error);

  g_assert_no_error (error);
  job->n_items = overview->actors->len;
}

static void
analysis_job (gpointer data)
{
  Job *job = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(AttacheAnalysis) analysis =
    attache_library_get_analysis (job->library, g_array_index (job->ids, gint64, 0), &error);

  g_assert_no_error (error);
  job->n_items = analysis->actors->len;
}

static void
actors_job (gpointer data)
{
  Job *job = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) actors = attache_library_list_actors (job->library, job->filter, &error);

  g_assert_no_error (error);
  job->n_items = actors->len;
}

/* What Add Filter offers: the sources and the 300 most common topics. */
static void
facets_job (gpointer data)
{
  Job *job = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(AttacheSearchFacets) facets = attache_library_list_search_facets (job->library, 300, &error);

  g_assert_no_error (error);
  job->n_items = facets->sources->len + facets->topics->len;
}

static void
print_timing (const char *what,
              Timing      timing,
              const char *detail)
{
  g_print ("%-44s median %7.1f ms  (best %.1f, worst %.1f)  %s\n",
           what, timing.median, timing.best, timing.worst, detail);
}

static gint64
find_actor (AttacheLibrary *library,
            const char     *name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) found = attache_library_find_actors (library, name, &error);

  g_assert_no_error (error);
  return found->len > 0 ? ((AttacheActorInfo *) found->pdata[0])->id : 0;
}

static void
measure_library (const char *path)
{
  g_autoptr(AttacheLibrary) library = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (3);
  gint64 start = g_get_monotonic_time ();
  gint64 n_articles, max_id;
  gint64 big_actor, small_actor;
  struct
  {
    const char *label;
    const char *text;
    gboolean    actor_big;
    gboolean    actor_small;
    const char *from;
    const char *to;
    const char *source;
    const char *subject;
    const char *topic;
  } searches[] = {
    { "common word: said", "said" },
    { "common word: the", "the" },
    { "rare word: yukos", "yukos" },
    { "one article: kx4242", "kx4242" },
    { "phrase: \"prime minister\"", "\"prime minister\"" },
    { "prefix: elect*", "elect*" },
    { "said AND NOT (film OR music)", "said AND NOT (film OR music)" },
    { "said + common actor", "said", TRUE },
    { "said + rare actor", "said", FALSE, TRUE },
    { "yukos + common actor", "yukos", TRUE },
    { "said + one year", "said", FALSE, FALSE, "2020", "2020" },
    { "said + source", "said", FALSE, FALSE, NULL, NULL, "Daily Ledger" },
    { "said + subject politics", "said", FALSE, FALSE, NULL, NULL, NULL, "politics" },
    { "said + topic election", "said", FALSE, FALSE, NULL, NULL, NULL, NULL, "election" },
    { "said + all five filters", "said", TRUE, FALSE, "2016", "2023", "Daily Ledger", "politics", "election" },
    { "no words: common actor", NULL, TRUE },
    { "no words: one month", NULL, FALSE, FALSE, "2019-05", "2019-05" },
  };

  library = attache_library_open (path, &error);
  g_assert_no_error (error);
  g_print ("open (with any migration): %.0f ms\n", ms_since (start));

  n_articles = attache_library_count_articles (library, &error);
  g_assert_no_error (error);
  {
    g_autoptr(GPtrArray) listed = attache_library_list_articles (library, &error);

    g_assert_no_error (error);
    max_id = attache_article_get_id (listed->pdata[0]);
    for (guint i = 0; i < listed->len; i++)
      max_id = MAX (max_id, attache_article_get_id (listed->pdata[i]));
  }
  g_print ("library: %" G_GINT64_FORMAT " articles\n", n_articles);

  big_actor = find_actor (library, "United States");
  if (big_actor == 0)
    big_actor = find_actor (library, "Valmora");
  small_actor = find_actor (library, "Yukos");
  if (small_actor == 0)
    small_actor = find_actor (library, "Estrand");

  g_print ("\nsearch (a page of %d, with snippets, and the exact total):\n", ATTACHE_SEARCH_PAGE);
  for (guint i = 0; i < G_N_ELEMENTS (searches); i++)
    {
      g_autoptr(AttacheSearchQuery) query = attache_search_query_new (searches[i].text);
      g_autofree char *detail = NULL;
      Job job = { library, query, ATTACHE_SEARCH_PAGE };
      Timing timing;

      query->actor_id = searches[i].actor_big ? big_actor : searches[i].actor_small ? small_actor : 0;
      query->from = g_strdup (searches[i].from);
      query->to = g_strdup (searches[i].to);
      query->source = g_strdup (searches[i].source);
      query->subject = g_strdup (searches[i].subject);
      query->topic = g_strdup (searches[i].topic);
      timing = measure (search_job, &job);
      detail = g_strdup_printf ("%u shown of %" G_GINT64_FORMAT, job.shown, job.total);
      print_timing (searches[i].label, timing, detail);
    }

  {
    g_autoptr(AttacheSearchQuery) query = attache_search_query_new ("said");
    Job job = { library, query, 0 };
    g_autofree char *detail = NULL;
    Timing timing = measure (search_job, &job);

    detail = g_strdup_printf ("every match ranked, no cap: %u", job.shown);
    print_timing ("common word, all results (limit 0)", timing, detail);
  }

  g_print ("\nsummary pane:\n");
  {
    g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
    g_autofree char *detail = NULL;
    Job job = { library };
    Timing timing;
    gint64 id = g_rand_int_range (rand, 1, (gint32) max_id);

    g_array_append_val (ids, id);
    job.ids = ids;
    timing = measure (analysis_job, &job);
    detail = g_strdup_printf ("%u actors", job.n_items);
    print_timing ("one article's analysis (get_analysis)", timing, detail);

    timing = measure (summary_job, &job);
    g_free (detail);
    detail = g_strdup_printf ("%u actors", job.n_items);
    print_timing ("overview of one article", timing, detail);

    for (guint i = 1; i < 1000; i++)
      {
        id = g_rand_int_range (rand, 1, (gint32) max_id);
        g_array_append_val (ids, id);
      }
    timing = measure (summary_job, &job);
    g_free (detail);
    detail = g_strdup_printf ("%u actors", job.n_items);
    print_timing ("overview of 1,000 articles (random)", timing, detail);

    g_array_set_size (ids, 0);
    for (guint i = 0; i < 10000; i++)
      {
        id = g_rand_int_range (rand, 1, (gint32) max_id);
        g_array_append_val (ids, id);
      }
    timing = measure (summary_job, &job);
    g_free (detail);
    detail = g_strdup_printf ("%u actors", job.n_items);
    print_timing ("overview of 10,000 articles (random)", timing, detail);
  }

  g_print ("\nactors:\n");
  {
    Job job = { library };
    g_autofree char *detail = NULL;
    Timing timing = measure (actors_job, &job);

    detail = g_strdup_printf ("%u actors", job.n_items);
    print_timing ("list every actor", timing, detail);
    job.filter = "blair";
    timing = measure (actors_job, &job);
    g_free (detail);
    detail = g_strdup_printf ("%u actors", job.n_items);
    print_timing ("list actors matching \"blair\"", timing, detail);
  }

  g_print ("\nsearch filters (Add Filter's choices):\n");
  {
    Job job = { library };
    g_autofree char *detail = NULL;
    Timing timing = measure (facets_job, &job);

    detail = g_strdup_printf ("%u sources and topics", job.n_items);
    print_timing ("sources and the 300 commonest topics", timing, detail);
  }

  g_print ("\ncorrections (one transaction each, then undone):\n");
  {
    g_autoptr(AttacheActorInfo) keep = attache_library_get_actor (library, big_actor, &error);
    gint64 other = find_actor (library, "US");
    gint64 correction;

    g_assert_no_error (error);
    if (other == 0 || other == big_actor)
      other = small_actor;

    start = g_get_monotonic_time ();
    correction = attache_library_rename_actor (library, big_actor, "United States of America", &error);
    g_assert_no_error (error);
    g_print ("rename an actor of %" G_GINT64_FORMAT " articles: %.0f ms\n", keep->n_articles, ms_since (start));
    start = g_get_monotonic_time ();
    attache_library_undo_actor_correction (library, correction, &error);
    g_assert_no_error (error);
    g_print ("  undo: %.0f ms\n", ms_since (start));

    {
      g_autoptr(AttacheActorInfo) other_info = attache_library_get_actor (library, other, &error);

      g_assert_no_error (error);
      start = g_get_monotonic_time ();
      correction = attache_library_merge_actors (library, big_actor, other, &error);
      g_assert_no_error (error);
      g_print ("merge an actor of %" G_GINT64_FORMAT " articles into one of %" G_GINT64_FORMAT ": %.0f ms\n",
               other_info->n_articles, keep->n_articles, ms_since (start));
      start = g_get_monotonic_time ();
      attache_library_undo_actor_correction (library, correction, &error);
      g_assert_no_error (error);
      g_print ("  undo: %.0f ms\n", ms_since (start));
    }
  }
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *library_path = NULL;
  g_autofree char *dir = NULL;
  int n_articles = 100000;
  const GOptionEntry entries[] = {
    { "articles", 0, 0, G_OPTION_ARG_INT, &n_articles, "How many articles to make", "N" },
    { "library", 0, 0, G_OPTION_ARG_FILENAME, &library_path, "Measure (or make, then measure) FILE", "FILE" },
    G_OPTION_ENTRY_NULL
  };

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    g_error ("%s", error->message);

  if (library_path == NULL)
    {
      dir = test_tmpdir_new ();
      library_path = g_build_filename (dir, "library.db", NULL);
    }

  if (!g_file_test (library_path, G_FILE_TEST_EXISTS))
    make_library (library_path, (guint) n_articles);
  measure_library (library_path);

  if (dir != NULL)
    test_tmpdir_free (g_steal_pointer (&dir));
  return 0;
}
