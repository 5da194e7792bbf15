/* bench-library.c: how fast the library imports, lists and searches
 *
 * Run with `meson test --benchmark` (or directly: bench-library [N_ARTICLES]).
 * Builds a library of synthetic articles in a temporary folder: text files
 * written by the program from a small vocabulary, imported through the same
 * importer as the window and the CLI.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "attache.h"

#include "test-helpers.h"

static const char * const words[] = {
  "minister", "talks", "summit", "ceasefire", "sanctions", "export", "controls", "border",
  "delegation", "treaty", "envoy", "parliament", "coalition", "election", "budget", "grain",
  "shipping", "cables", "security", "alliance", "council", "agreement", "negotiators", "port",
  "quotas", "pipeline", "tariffs", "ministry", "statement", "officials", "reform", "aid",
};

static char *
make_article (GRand *rand,
              guint  n)
{
  GString *text = g_string_new (NULL);
  guint paragraphs = g_rand_int_range (rand, 4, 9);

  g_string_append_printf (text, "date 20%02d-%02d-%02d ", g_rand_int_range (rand, 10, 25),
                          g_rand_int_range (rand, 1, 13), g_rand_int_range (rand, 1, 29));
  for (guint p = 0; p < paragraphs; p++)
    {
      guint sentences = g_rand_int_range (rand, 2, 6);

      if (p > 0)
        g_string_append (text, "\n\n");
      for (guint s = 0; s < sentences; s++)
        {
          guint length = g_rand_int_range (rand, 8, 25);

          g_string_append_printf (text, "Article %u ", n);
          for (guint w = 0; w < length; w++)
            g_string_append_printf (text, "%s ", words[g_rand_int_range (rand, 0, G_N_ELEMENTS (words))]);
          g_string_truncate (text, text->len - 1);
          g_string_append (text, ". ");
        }
      g_string_truncate (text, text->len - 1);
    }

  return g_string_free (text, FALSE);
}

static double
seconds_since (gint64 start)
{
  return (g_get_monotonic_time () - start) / 1e6;
}

int
main (int   argc,
      char *argv[])
{
  guint n = argc > 1 ? (guint) g_ascii_strtoull (argv[1], NULL, 10) : 5000;
  g_autofree char *dir = test_tmpdir_new ();
  g_autofree char *db = g_build_filename (dir, "library.db", NULL);
  g_autofree char *files_dir = g_build_filename (dir, "files", NULL);
  g_autoptr(GRand) rand = g_rand_new_with_seed (42);
  g_autoptr(GError) error = NULL;
  g_autoptr(AttacheLibrary) library = NULL;
  g_autoptr(AttacheImporter) importer = NULL;
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) listed = NULL;
  const char *queries[] = { "summit", "\"export controls\"", "sanc*", "treaty NOT pipeline", "article 17" };
  guint64 bytes = 0;
  gint64 start;
  double seconds;

  g_mkdir (files_dir, 0700);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *text = make_article (rand, i);
      char *path = g_strdup_printf ("%s/%06u.txt", files_dir, i);

      test_write_file (path, text, -1);
      bytes += strlen (text);
      g_ptr_array_add (paths, path);
    }

  library = attache_library_open (db, &error);
  g_assert_no_error (error);
  importer = attache_importer_new (library);

  start = g_get_monotonic_time ();
  for (guint i = 0; i < paths->len; i++)
    {
      g_autoptr(GFile) file = g_file_new_for_path (paths->pdata[i]);
      g_autoptr(AttacheImportResult) result = attache_importer_import_file (importer, file, NULL);

      g_assert_cmpint (attache_import_result_get_status (result), ==, ATTACHE_IMPORT_IMPORTED);
    }
  seconds = seconds_since (start);
  g_print ("import: %u files (%.1f MB) in %.2f s: %.0f files/s, one transaction each\n",
           n, bytes / 1e6, seconds, n / seconds);

  start = g_get_monotonic_time ();
  listed = attache_library_list_articles (library, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (listed->len, ==, n);
  g_print ("list: %u articles (the library pane's load) in %.1f ms\n", n, seconds_since (start) * 1000);

  start = g_get_monotonic_time ();
  for (guint i = 0; i < 200; i++)
    {
      g_autoptr(AttacheArticle) article =
        attache_library_get_article (library, attache_article_get_id (listed->pdata[g_rand_int_range (rand, 0, n)]), &error);

      g_assert_no_error (error);
    }
  g_print ("open: one whole article in %.3f ms\n", seconds_since (start) * 1000 / 200);

  for (guint q = 0; q < G_N_ELEMENTS (queries); q++)
    {
      g_autoptr(GPtrArray) hits = NULL;

      start = g_get_monotonic_time ();
      hits = attache_library_search (library, queries[q], 50, &error);
      g_assert_no_error (error);
      g_print ("search %-24s %5u hits shown in %.1f ms\n", queries[q], hits->len, seconds_since (start) * 1000);
    }

  {
    GStatBuf buf;

    if (g_stat (db, &buf) == 0)
      g_print ("library file: %.1f MB for %.1f MB of text\n", buf.st_size / 1e6, bytes / 1e6);
  }

  g_clear_object (&importer);
  g_clear_object (&library);
  test_tmpdir_free (g_steal_pointer (&dir));
  return 0;
}
