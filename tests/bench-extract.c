/* bench-extract.c: how fast article extraction is, parsing included
 *
 * Run with `meson test --benchmark` (or directly: bench-extract [ROUNDS]).
 * Reads every saved page of ../shared/data/html/readability into memory, then
 * extracts the article of each, ROUNDS times (default 5), on one core, and prints
 * pages a second and megabytes a second. Skips (exit 77) without ../shared.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdlib.h>

#include "attache-extract.h"

int
main (int   argc,
      char *argv[])
{
  const char *shared = g_getenv ("ATTACHE_SHARED_DIR");
  g_autofree char *root = NULL;
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GPtrArray) pages = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  guint rounds = argc > 1 ? (guint) atoi (argv[1]) : 5;
  const char *name;
  gsize total_bytes = 0;
  guint articles = 0;
  double best = 0.0;

  if (shared == NULL)
    {
      g_print ("ATTACHE_SHARED_DIR is not set: nothing to measure\n");
      return 77;
    }
  root = g_build_filename (shared, "data", "html", "readability", NULL);
  dir = g_dir_open (root, 0, NULL);
  if (dir == NULL)
    {
      g_print ("%s is absent: nothing to measure\n", root);
      return 77;
    }

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (root, name, "source.html", NULL);
      char *contents;
      gsize len;

      if (!g_file_get_contents (path, &contents, &len, NULL))
        continue;
      g_ptr_array_add (pages, g_bytes_new_take (contents, len));
      total_bytes += len;
    }
  if (pages->len == 0)
    {
      g_print ("no pages in %s: nothing to measure\n", root);
      return 77;
    }

  rounds = MAX (rounds, 1u);
  for (guint round = 0; round < rounds; round++)
    {
      gint64 start = g_get_monotonic_time ();
      double seconds;

      articles = 0;
      for (guint i = 0; i < pages->len; i++)
        {
          GBytes *bytes = g_ptr_array_index (pages, i);
          gsize len;
          const guchar *data = g_bytes_get_data (bytes, &len);
          g_autoptr(AttacheExtraction) extraction = attache_extract_html (data, len, NULL, NULL, NULL);

          articles += extraction != NULL;
        }
      seconds = (g_get_monotonic_time () - start) / 1e6;
      g_print ("round %u: %u pages (%.1f MB) in %.3f s: %.0f pages/s, %.1f MB/s\n",
               round + 1, pages->len, total_bytes / 1e6, seconds, pages->len / seconds,
               total_bytes / 1e6 / seconds);
      best = MAX (best, pages->len / seconds);
    }

  g_print ("extract: best of %u rounds: %.0f pages/s (%u of %u pages gave an article); goal: 100 pages/s\n",
           rounds, best, articles, pages->len);
  return 0;
}
