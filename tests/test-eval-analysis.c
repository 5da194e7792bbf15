/* test-eval-analysis.c: the analysis of the analysts' sample article (suite eval)
 *
 * The checks the analysis issue states for ../shared/samples/000_2928e92e240a864f.txt.
 * Skips, saying why, when ../shared is absent.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "attache.h"

static gint
rank_of (const AttacheAnalysis *analysis,
         const char            *name)
{
  for (guint i = 0; i < analysis->actors->len; i++)
    if (g_str_equal (((AttacheFoundActor *) g_ptr_array_index (analysis->actors, i))->name, name))
      return i;
  return -1;
}

static void
test_sample (void)
{
  const char *root = g_getenv ("ATTACHE_SHARED_DIR");
  g_autofree char *path = root != NULL ? g_build_filename (root, "samples", "000_2928e92e240a864f.txt", NULL) : NULL;
  g_autofree char *contents = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(AttacheArticle) article = NULL;
  g_autoptr(AttacheAnalysis) analysis = NULL;
  g_autoptr(GError) error = NULL;
  const char * const expected[] = {
    "Antony Blinken", "Emmanuel Macron", "United States", "France", "Ukraine", "Russia",
    "North Atlantic Treaty Organization", "Israel", "Hamas", "Sudan", "Paris", "Washington", "Middle East",
  };
  gsize length;

  if (path == NULL || !g_file_get_contents (path, &contents, &length, NULL))
    {
      g_test_skip ("../shared/samples is absent: nothing to measure");
      return;
    }

  bytes = g_bytes_new_take (g_steal_pointer (&contents), length);
  article = attache_import_parse_bytes (bytes, "sample.txt", &error);
  g_assert_no_error (error);
  analysis = attache_analyze (attache_article_get_title (article), attache_article_get_text (article), 3, NULL, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < analysis->actors->len; i++)
    {
      const AttacheFoundActor *actor = g_ptr_array_index (analysis->actors, i);

      g_test_message ("%2u. %-36s %-12s %u mentions, salience %.2f%s%s", i + 1, actor->name,
                      attache_actor_type_to_string (actor->type), actor->mentions, actor->salience,
                      actor->roles->len > 0 ? ", " : "",
                      actor->roles->len > 0 ? (char *) g_ptr_array_index (actor->roles, 0) : "");
    }
  for (guint i = 0; i < analysis->topics->len; i++)
    g_test_message ("topic: %s", ((AttacheFoundTopic *) g_ptr_array_index (analysis->topics, i))->label);

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    if (rank_of (analysis, expected[i]) < 0)
      g_error ("%s is not among the actors", expected[i]);

  /* "Blinken" and "Macron" are the same people, not actors of their own. */
  g_assert_cmpint (rank_of (analysis, "Blinken"), <, 0);
  g_assert_cmpint (rank_of (analysis, "Macron"), <, 0);
  g_assert_cmpint (rank_of (analysis, "Antony Blinken"), <, 3);
  g_assert_cmpint (rank_of (analysis, "Emmanuel Macron"), <, 3);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/eval/analysis/sample", test_sample);

  return g_test_run ();
}
