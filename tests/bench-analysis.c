/* bench-analysis.c: full analysis speed (tokens, sentences, actors, topics,
 * subject, summary), one core.
 *
 * Run with `meson test --benchmark`. Reads the BBC set from ../shared when it is
 * there (real news), else analyses text it makes up from a small vocabulary.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <json-glib/json-glib.h>

#include "attache.h"

static GPtrArray *
load_texts (void)
{
  const char *root = g_getenv ("ATTACHE_SHARED_DIR");
  g_autofree char *path = root != NULL ? g_build_filename (root, "data", "news", "bbc-dev.jsonl", NULL) : NULL;
  g_autofree char *contents = NULL;
  GPtrArray *texts = g_ptr_array_new_with_free_func (g_free);
  g_auto(GStrv) lines = NULL;

  if (path != NULL && g_file_get_contents (path, &contents, NULL, NULL))
    {
      lines = g_strsplit (contents, "\n", -1);
      for (guint i = 0; lines[i] != NULL; i++)
        {
          g_autoptr(JsonParser) parser = json_parser_new ();

          if (lines[i][0] != '\0' && json_parser_load_from_data (parser, lines[i], -1, NULL))
            g_ptr_array_add (texts, g_strdup (json_object_get_string_member (
                json_node_get_object (json_parser_get_root (parser)), "text")));
        }
      g_print ("texts: %u BBC articles from ../shared\n", texts->len);
      return texts;
    }

  for (guint i = 0; i < 2000; i++)
    g_ptr_array_add (texts, g_strdup_printf ("Minister Ilse Marran of Valmora met officials of the Port "
                                             "Authority on Monday %u. The union said the strike at the port "
                                             "would continue until the plan to automate the terminals was "
                                             "withdrawn. Talks with Estrand on grain exports resume in June.", i));
  g_print ("texts: %u generated\n", texts->len);
  return texts;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GPtrArray) texts = load_texts ();
  g_autoptr(GError) error = NULL;
  guint64 words = 0;
  gint64 start, load;

  start = g_get_monotonic_time ();
  {
    g_autoptr(AttacheAnalysis) warm = attache_analyze (NULL, "Warm up.", 3, NULL, &error);

    g_assert_no_error (error);
  }
  load = g_get_monotonic_time () - start;

  start = g_get_monotonic_time ();
  for (guint i = 0; i < texts->len; i++)
    {
      g_autoptr(AttacheAnalysis) analysis = attache_analyze (NULL, texts->pdata[i], 3, NULL, &error);

      g_assert_no_error (error);
      words += attache_count_words (texts->pdata[i]);
    }

  g_print ("model load and first analysis: %.1f ms\n", load / 1000.0);
  g_print ("full analysis: %" G_GUINT64_FORMAT " words in %.2f s: %.0f words/s on one core\n",
           words, (g_get_monotonic_time () - start) / 1e6, words / ((g_get_monotonic_time () - start) / 1e6));
  return 0;
}
