/* bench-briefing.c: how fast briefings are written, read and exported as Markdown
 *
 * Run with `meson test --benchmark` (or directly: bench-briefing [N_ARTICLES]).
 * Builds a library of synthetic articles (stored directly, with analyses made
 * up by the program) and one briefing that quotes each article twice and cites
 * it once, in sections of 20 articles, then an actors and a topics table: the
 * "200-article briefing" of the issue by default.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "attache.h"

#include "bench-helpers.h"
#include "test-helpers.h"

static const char * const words[] = {
  "minister", "talks", "summit", "ceasefire", "sanctions", "export", "controls", "border",
  "delegation", "treaty", "envoy", "parliament", "coalition", "election", "budget", "grain",
  "shipping", "cables", "security", "alliance", "council", "agreement", "negotiators", "port",
};

static const char * const names[] = {
  "Olena Petrenko", "Marius Vale", "Harbour Authority", "Estrand", "Valmora", "Northern Sea Council",
};

static char *
make_text (GRand *rand,
           guint  n)
{
  GString *text = g_string_new (NULL);

  for (guint p = 0; p < 6; p++)
    {
      if (p > 0)
        g_string_append (text, "\n\n");
      for (guint s = 0; s < 4; s++)
        {
          g_string_append_printf (text, "Article %u: %s ", n, names[g_rand_int_range (rand, 0, G_N_ELEMENTS (names))]);
          for (guint w = 0; w < 14; w++)
            g_string_append_printf (text, "%s ", words[g_rand_int_range (rand, 0, G_N_ELEMENTS (words))]);
          g_string_truncate (text, text->len - 1);
          g_string_append (text, ". ");
        }
      g_string_truncate (text, text->len - 1);
    }

  return g_string_free (text, FALSE);
}

static gint64
store_article (AttacheLibrary *library,
               GRand          *rand,
               guint           n)
{
  g_autoptr(AttacheArticle) article = attache_article_new ();
  g_autoptr(AttacheAnalysis) analysis = attache_analysis_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *text = make_text (rand, n);
  g_autofree char *title = g_strdup_printf ("Article %u on the northern corridor", n);
  g_autofree char *sha = g_compute_checksum_for_string (G_CHECKSUM_SHA256, text, -1);
  g_autofree char *url = g_strdup_printf ("https://news.example/%u", n);
  gint64 id = 0;

  attache_article_set_title (article, title);
  attache_article_set_text (article, text);
  attache_article_set_source (article, "Harbour Times");
  attache_article_set_url (article, url);
  attache_article_set_published (article, "2024-04-02");
  attache_article_set_sha256 (article, sha);
  attache_article_set_origin (article, url);
  g_assert_cmpint (attache_library_add_article (library, article, &id, &error), ==, ATTACHE_ADD_ADDED);

  analysis->language = g_strdup ("en");
  analysis->analysed = TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      AttacheFoundActor *actor = attache_found_actor_new (names[i], i < 2 ? ATTACHE_ACTOR_PERSON
                                                                          : ATTACHE_ACTOR_ORGANIZATION);

      actor->mentions = g_rand_int_range (rand, 1, 6);
      actor->salience = 1.0 / (i + 1);
      g_ptr_array_add (analysis->actors, actor);
    }
  g_ptr_array_add (analysis->topics, attache_found_topic_new (words[n % G_N_ELEMENTS (words)], 0.9));
  g_assert_true (attache_library_store_analysis (library, id, text, analysis, &error));
  g_assert_no_error (error);

  return id;
}

int
main (int   argc,
      char *argv[])
{
  guint n = argc > 1 ? (guint) g_ascii_strtoull (argv[1], NULL, 10) : 200;
  g_autofree char *dir = test_tmpdir_new ();
  g_autofree char *db = g_build_filename (dir, "library.db", NULL);
  g_autofree char *md = g_build_filename (dir, "briefing.md", NULL);
  g_autoptr(GRand) rand = g_rand_new_with_seed (42);
  g_autoptr(GError) error = NULL;
  g_autoptr(AttacheLibrary) library = NULL;
  g_autoptr(AttacheBriefing) fields = attache_briefing_new ("Two hundred articles");
  g_autoptr(AttacheBriefing) briefing = NULL;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autofree char *markdown = NULL;
  AttacheBriefingPlace place = { .position = G_MAXUINT };
  guint n_blocks = 0;
  gint64 start, briefing_id;
  double ms;

  library = attache_library_open (db, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < n; i++)
    {
      gint64 id = store_article (library, rand, i);

      g_array_append_val (ids, id);
    }

  fields->marking = g_strdup ("OFFICIAL-SENSITIVE");
  briefing_id = attache_library_create_briefing (library, fields, &error);
  g_assert_no_error (error);
  place.briefing_id = briefing_id;

  start = g_get_monotonic_time ();
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *heading = g_strdup_printf ("Section %u", i / 20 + 1);
      gint64 article_id = g_array_index (ids, gint64, i);

      place.heading = heading;
      g_assert_cmpint (attache_library_add_briefing_text (library, &place, "A paragraph of **assessment**.", &error), >, 0);
      g_assert_cmpint (attache_library_add_briefing_excerpt (library, &place, article_id, 0, 120, &error), >, 0);
      g_assert_cmpint (attache_library_add_briefing_excerpt (library, &place, article_id, 200, 420, &error), >, 0);
      g_assert_cmpint (attache_library_add_briefing_article (library, &place, article_id, &error), >, 0);
      g_assert_no_error (error);
      n_blocks += 4;
    }
  ms = ms_since (start);
  g_print ("add: %u blocks (notes, excerpts, references) in %.0f ms: %.2f ms a block, one transaction each\n",
           n_blocks, ms, ms / n_blocks);

  place.heading = "Annex";
  start = g_get_monotonic_time ();
  g_assert_cmpint (attache_library_add_briefing_actors (library, &place, 20, &error), >, 0);
  g_assert_no_error (error);
  g_print ("actors table over %u articles: %.1f ms\n", n, ms_since (start));
  start = g_get_monotonic_time ();
  g_assert_cmpint (attache_library_add_briefing_topics (library, &place, 20, &error), >, 0);
  g_assert_no_error (error);
  g_print ("topics over %u articles: %.1f ms\n", n, ms_since (start));

  start = g_get_monotonic_time ();
  for (guint i = 0; i < 20; i++)
    {
      g_clear_pointer (&briefing, attache_briefing_free);
      briefing = attache_library_load_briefing (library, briefing_id, &error);
      g_assert_no_error (error);
    }
  g_print ("load: the whole briefing (%u sections, %u blocks) in %.2f ms\n",
           briefing->sections->len, n_blocks + 2, ms_since (start) / 20);

  start = g_get_monotonic_time ();
  for (guint i = 0; i < 20; i++)
    {
      g_clear_pointer (&markdown, g_free);
      markdown = attache_briefing_to_markdown (briefing);
    }
  g_print ("markdown: %.0f kB in %.2f ms\n", strlen (markdown) / 1e3, ms_since (start) / 20);

  start = g_get_monotonic_time ();
  g_assert_true (attache_briefing_export_markdown (briefing, md, &error));
  g_assert_no_error (error);
  g_print ("export to a file (written, flushed, renamed): %.2f ms\n", ms_since (start));

  /* Deleting a quoted article marks its sources removed. */
  start = g_get_monotonic_time ();
  g_assert_true (attache_library_delete_article (library, g_array_index (ids, gint64, 0), &error));
  g_assert_no_error (error);
  g_print ("delete a quoted article: %.2f ms\n", ms_since (start));

  g_clear_object (&library);
  test_tmpdir_free (g_steal_pointer (&dir));
  return 0;
}
