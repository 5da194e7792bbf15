/* bench-charts.c: how fast the actor network and the timelines are read and laid out
 *
 * Run with `meson test --benchmark` (or directly: bench-charts [N_ARTICLES]).
 *
 * Builds a library of N_ARTICLES (default 1,000) synthetic articles, each
 * stored with an analysis whose mentions are known (fictional actors from
 * lists below, a few per sentence, drawn from story groups so the network
 * has structure); no analyser runs, so the figures are those of the charts.
 * Then, when ../shared is there, a second library of 1,000 real news
 * articles (data/news/bbc-dev.jsonl) imported and analysed for real.
 * Measures: the network of 1,000 articles, the timelines, the layout of
 * 60 actors, and drawing the network to a PNG file.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <json-glib/json-glib.h>
#include <string.h>

#include "attache.h"
#include "attache-network-layout.h"
#include "attache-network-view.h"
#include "attache-timeline-view.h"

#include "bench-helpers.h"
#include "test-helpers.h"

#define N_SELECTED 1000
#define N_RUNS     5

static const char * const given[] = {
  "Ilse", "Tomas", "Petra", "Jonas", "Aurelia", "Petr", "Anna", "Marek", "Lena", "Oskar",
  "Vera", "Henrik", "Sofia", "Karel", "Mira", "Anton", "Edda", "Rasmus", "Nadia", "Viktor",
};
static const char * const family[] = {
  "Marran", "Edry", "Lindqvist", "Okafor", "Voss", "Halvik", "Sorell", "Brandt", "Kovac", "Aalto",
  "Ferreira", "Nyberg", "Castell", "Draper", "Ilves", "Moreau", "Tanaka", "Varga", "Weller", "Zamora",
};
static const char * const organisations[] = {
  "Maritime Council", "Civic Union", "Dockers' Union", "Harbour Authority", "Grain Board",
  "Northern Ledger", "Capital Wire", "Coastal Alliance", "Energy Agency", "Fisheries Office",
  "Green Party", "Labour Front", "Central Bank", "Supreme Court", "Red Cross",
};
static const char * const countries[] = {
  "Norland", "Valmora", "Kessel", "Orsk", "Estmark", "Larvia", "Tessaly", "Brenn", "Ostria", "Caldera",
};
static const char * const place_names[] = {
  "Port Aven", "Lindholm", "Kessel Strait", "Orsk Harbour", "Vale City", "Northgate", "Breakwater",
  "Highmoor", "Saltby", "Riverside",
};
static const char * const filler[] = {
  "the", "talks", "minister", "said", "on", "Monday", "that", "the", "port", "would", "reopen",
  "after", "a", "week", "of", "strikes", "and", "grain", "exports", "fell", "by", "a", "tenth",
  "officials", "expect", "agreement", "within", "days", "while", "prices", "rose",
};

typedef struct
{
  char             *name;
  AttacheActorType  type;
} Actor;

static GPtrArray *
make_actors (void)
{
  GPtrArray *actors = g_ptr_array_new ();

  for (guint i = 0; i < G_N_ELEMENTS (given); i++)
    for (guint j = 0; j < 5; j++)
      {
        Actor *actor = g_new0 (Actor, 1);

        actor->name = g_strdup_printf ("%s %s", given[i], family[(i * 7 + j * 3) % G_N_ELEMENTS (family)]);
        actor->type = ATTACHE_ACTOR_PERSON;
        g_ptr_array_add (actors, actor);
      }
  for (guint i = 0; i < G_N_ELEMENTS (organisations); i++)
    {
      Actor *actor = g_new0 (Actor, 1);

      actor->name = g_strdup (organisations[i]);
      actor->type = ATTACHE_ACTOR_ORGANIZATION;
      g_ptr_array_add (actors, actor);
    }
  for (guint i = 0; i < G_N_ELEMENTS (countries); i++)
    {
      Actor *actor = g_new0 (Actor, 1);

      actor->name = g_strdup (countries[i]);
      actor->type = ATTACHE_ACTOR_COUNTRY;
      g_ptr_array_add (actors, actor);
    }
  for (guint i = 0; i < G_N_ELEMENTS (place_names); i++)
    {
      Actor *actor = g_new0 (Actor, 1);

      actor->name = g_strdup (place_names[i]);
      actor->type = ATTACHE_ACTOR_LOCATION;
      g_ptr_array_add (actors, actor);
    }

  return actors;
}

/* One article of story @story: sentences of filler words naming up to three
 * of the story's actors (the first ones more often), with the analysis that
 * says where. */
static char *
make_article (GRand            *rand,
              GPtrArray        *actors,
              guint             story,
              AttacheAnalysis  *analysis)
{
  GString *text = g_string_new (NULL);
  guint n_sentences = g_rand_int_range (rand, 15, 30);
  g_autoptr(GHashTable) found = g_hash_table_new (NULL, NULL);   /* Actor → AttacheFoundActor */
  guint max_mentions = 1;

  for (guint s = 0; s < n_sentences; s++)
    {
      guint n_names = g_rand_int_range (rand, 0, 4);

      if (s > 0)
        g_string_append (text, s % 5 == 0 ? "\n\n" : " ");
      for (guint w = 0; w < 14; w++)
        {
          if (w % 4 == 1 && n_names > 0)
            {
              /* A story's cast: 12 actors, the first ones in most of its articles. */
              double u = g_rand_double (rand);
              guint member = (guint) (12 * u * u);
              Actor *actor = g_ptr_array_index (actors, (story * 7 + member * 5) % actors->len);
              AttacheFoundActor *mentioned = g_hash_table_lookup (found, actor);
              AttacheSpan span;

              if (mentioned == NULL)
                {
                  mentioned = attache_found_actor_new (actor->name, actor->type);
                  g_hash_table_insert (found, actor, mentioned);
                  g_ptr_array_add (analysis->actors, mentioned);
                }
              if (text->len > 0 && text->str[text->len - 1] != ' ' && text->str[text->len - 1] != '\n')
                g_string_append_c (text, ' ');
              span.start = text->len;
              g_string_append (text, actor->name);
              span.end = text->len;
              g_array_append_val (mentioned->spans, span);
              mentioned->mentions++;
              max_mentions = MAX (max_mentions, mentioned->mentions);
              n_names--;
              continue;
            }
          if (text->len > 0 && text->str[text->len - 1] != ' ' && text->str[text->len - 1] != '\n')
            g_string_append_c (text, ' ');
          g_string_append (text, filler[g_rand_int_range (rand, 0, G_N_ELEMENTS (filler))]);
        }
      g_string_append_c (text, '.');
    }

  for (guint i = 0; i < analysis->actors->len; i++)
    {
      AttacheFoundActor *actor = g_ptr_array_index (analysis->actors, i);

      actor->salience = (double) actor->mentions / max_mentions;
    }
  analysis->language = g_strdup ("en");
  analysis->analysed = TRUE;
  g_ptr_array_add (analysis->topics, attache_found_topic_new (story % 2 ? "grain exports" : "port strike", 0.5));

  return g_string_free (text, FALSE);
}

static AttacheLibrary *
make_synthetic_library (const char *path,
                        guint       n,
                        GArray     *ids)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (42);
  g_autoptr(GPtrArray) actors = make_actors ();
  AttacheLibrary *library = attache_library_open (path, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(AttacheArticle) article = attache_article_new ();
      g_autoptr(AttacheAnalysis) analysis = attache_analysis_new ();
      g_autofree char *text = make_article (rand, actors, g_rand_int_range (rand, 0, 20), analysis);
      g_autofree char *title = g_strdup_printf ("Synthetic article %u", i);
      g_autofree char *sha = g_compute_checksum_for_string (G_CHECKSUM_SHA256, title, -1);
      g_autofree char *date = g_strdup_printf ("2024-%02d-%02d", g_rand_int_range (rand, 1, 13),
                                               g_rand_int_range (rand, 1, 29));
      gint64 id;

      attache_article_set_title (article, title);
      attache_article_set_text (article, text);
      attache_article_set_sha256 (article, sha);
      attache_article_set_origin (article, "bench");
      attache_article_set_published (article, date);
      g_assert_cmpint (attache_library_add_article (library, article, &id, &error), ==, ATTACHE_ADD_ADDED);
      g_assert_no_error (error);
      attache_library_store_analysis (library, id, text, analysis, &error);
      g_assert_no_error (error);
      if (ids->len < N_SELECTED)
        g_array_append_val (ids, id);
    }

  for (guint i = 0; i < actors->len; i++)
    g_free (((Actor *) actors->pdata[i])->name);
  g_ptr_array_set_free_func (actors, g_free);

  return library;
}

/* Up to @n articles of the shared BBC corpus, imported and analysed; NULL
 * without ../shared. */
static AttacheLibrary *
make_real_library (const char *path,
                   guint       n,
                   GArray     *ids)
{
  const char *shared = g_getenv ("ATTACHE_SHARED_DIR");
  g_autofree char *corpus = g_build_filename (shared != NULL ? shared : "../shared",
                                              "data", "news", "bbc-dev.jsonl", NULL);
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  AttacheLibrary *library;

  if (!g_file_get_contents (corpus, &contents, NULL, NULL))
    return NULL;

  library = attache_library_open (path, &error);
  g_assert_no_error (error);
  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 0; lines[i] != NULL && ids->len < n; i++)
    {
      g_autoptr(JsonParser) parser = json_parser_new ();
      g_autoptr(AttacheArticle) article = attache_article_new ();
      g_autofree char *sha = NULL;
      g_autofree char *date = NULL;
      JsonObject *object;
      gint64 id;

      if (lines[i][0] == '\0' || !json_parser_load_from_data (parser, lines[i], -1, NULL))
        continue;
      object = json_node_get_object (json_parser_get_root (parser));
      sha = g_compute_checksum_for_string (G_CHECKSUM_SHA256, lines[i], -1);
      /* The corpus has no dates: spread over half a year. */
      date = g_strdup_printf ("2005-%02d-%02d", g_rand_int_range (rand, 1, 7), g_rand_int_range (rand, 1, 29));
      attache_article_set_title (article, json_object_get_string_member (object, "title"));
      attache_article_set_text (article, json_object_get_string_member (object, "text"));
      attache_article_set_sha256 (article, sha);
      attache_article_set_origin (article, "bbc-dev.jsonl");
      attache_article_set_published (article, date);
      if (attache_library_add_article (library, article, &id, &error) != ATTACHE_ADD_ADDED)
        {
          g_clear_error (&error);
          continue;
        }
      attache_library_analyze_article (library, id, &error);
      g_assert_no_error (error);
      g_array_append_val (ids, id);
    }

  return library;
}

static void
measure (const char     *what,
         AttacheLibrary *library,
         GArray         *ids,
         const char     *png)
{
  g_autoptr(AttacheActorNetwork) network = NULL;
  g_autoptr(GError) error = NULL;
  double runs[N_RUNS * 4];
  const AttacheNetworkNode *top;
  gint64 start;
  double cold;

  g_print ("%s\n", what);

  /* The network of the selection: the first read is from a cold cache. */
  for (guint r = 0; r < N_RUNS; r++)
    {
      g_clear_pointer (&network, attache_actor_network_unref);
      start = g_get_monotonic_time ();
      network = attache_actor_network_load (library, ids, 0, NULL, &error);
      runs[r] = ms_since (start);
      g_assert_no_error (error);
    }
  cold = runs[0];
  g_print ("  network of %u articles: %.1f ms (median of %u; first %.1f ms): %u of %u actors, %u edges\n",
           ids->len, median (runs, N_RUNS), N_RUNS, cold, network->nodes->len, network->n_actors,
           network->edges->len);
  g_assert_cmpuint (network->nodes->len, ==, MIN (60, network->n_actors));

  {
    g_autoptr(AttacheActorNetwork) all = NULL;

    start = g_get_monotonic_time ();
    all = attache_actor_network_load (library, NULL, 0, NULL, &error);
    g_assert_no_error (error);
    g_print ("  network of the whole library (%u articles): %.1f ms\n", all->n_articles, ms_since (start));
  }

  /* Timelines of the most salient actor, and of a topic. */
  top = &g_array_index (network->nodes, AttacheNetworkNode, 0);
  for (guint r = 0; r < N_RUNS; r++)
    {
      g_autoptr(AttacheTimeline) timeline = NULL;

      start = g_get_monotonic_time ();
      timeline = attache_timeline_load_for_actor (library, top->id, ids, ATTACHE_TIMELINE_AUTO, NULL, &error);
      runs[r] = ms_since (start);
      g_assert_no_error (error);
      if (r == 0)
        g_print ("  timeline of %s in them: %u mentions, %u bars", top->name, timeline->total, timeline->bins->len);
    }
  g_print (": %.2f ms\n", median (runs, N_RUNS));
  for (guint r = 0; r < N_RUNS; r++)
    {
      g_autoptr(AttacheTimeline) timeline = NULL;

      start = g_get_monotonic_time ();
      timeline = attache_timeline_load_for_topic (library, "grain exports", NULL, ATTACHE_TIMELINE_AUTO, NULL, &error);
      runs[r] = ms_since (start);
      g_assert_no_error (error);
    }
  g_print ("  timeline of a topic over the library: %.2f ms\n", median (runs, N_RUNS));

  /* The layout of the 60 actors, as the view runs it in a worker. */
  for (guint r = 0; r < G_N_ELEMENTS (runs); r++)
    {
      g_autoptr(GArray) places = NULL;

      start = g_get_monotonic_time ();
      places = attache_network_layout (network, 20240402, NULL);
      runs[r] = ms_since (start);
      g_assert_cmpuint (places->len, ==, network->nodes->len);
    }
  g_print ("  layout of %u actors and %u edges: %.2f ms (median of %u)\n", network->nodes->len,
           network->edges->len, median (runs, G_N_ELEMENTS (runs)), (guint) G_N_ELEMENTS (runs));

  {
    g_autoptr(AttacheActorNetwork) large = attache_actor_network_load (library, ids, 200, NULL, &error);
    g_autoptr(GArray) places = NULL;

    g_assert_no_error (error);
    start = g_get_monotonic_time ();
    places = attache_network_layout (large, 20240402, NULL);
    g_print ("  layout of %u actors and %u edges: %.1f ms\n", large->nodes->len, large->edges->len, ms_since (start));
  }

  /* Drawing, as the export does (layout included); the first time loads
   * the fonts. */
  for (guint r = 0; r < N_RUNS; r++)
    {
      start = g_get_monotonic_time ();
      attache_network_render_to_file (network, png, 1000, 700, FALSE, &error);
      runs[r] = ms_since (start);
      g_assert_no_error (error);
    }
  cold = runs[0];
  g_print ("  network written to %s (1000×700 PNG, layout included): %.1f ms (median of %u; first %.1f ms)\n",
           png, median (runs, N_RUNS), N_RUNS, cold);
}

int
main (int   argc,
      char *argv[])
{
  guint n = argc > 1 ? (guint) g_ascii_strtoull (argv[1], NULL, 10) : N_SELECTED;
  g_autofree char *dir = test_tmpdir_new ();
  g_autofree char *synthetic_path = g_build_filename (dir, "synthetic.db", NULL);
  g_autofree char *real_path = g_build_filename (dir, "real.db", NULL);
  g_autofree char *synthetic_png = g_build_filename (g_get_tmp_dir (), "bench-network-synthetic.png", NULL);
  g_autofree char *real_png = g_build_filename (g_get_tmp_dir (), "bench-network-news.png", NULL);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(AttacheLibrary) library = NULL;
  g_autofree char *what = NULL;
  gint64 start;

  start = g_get_monotonic_time ();
  library = make_synthetic_library (synthetic_path, MAX (n, 1), ids);
  what = g_strdup_printf ("Synthetic library of %u articles (built in %.1f s), %u selected:",
                          MAX (n, 1), ms_since (start) / 1000, ids->len);
  measure (what, library, ids, synthetic_png);
  g_clear_object (&library);

  g_array_set_size (ids, 0);
  start = g_get_monotonic_time ();
  library = make_real_library (real_path, N_SELECTED, ids);
  if (library == NULL)
    {
      g_print ("Real news: skipped (no ../shared/data/news/bbc-dev.jsonl)\n");
    }
  else
    {
      g_free (what);
      what = g_strdup_printf ("Real news: %u BBC articles imported and analysed (in %.1f s):",
                              ids->len, ms_since (start) / 1000);
      measure (what, library, ids, real_png);
      g_clear_object (&library);
    }

  test_tmpdir_free (g_steal_pointer (&dir));
  return 0;
}
