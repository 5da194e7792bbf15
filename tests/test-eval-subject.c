/* test-eval-subject.c: the IPTC subject on the BBC News set (suite eval)
 *
 * ../shared/data/news/bbc-dev.jsonl: 1,786 articles in five categories, each of
 * which has one IPTC top-level Media Topic. Nothing here learns from the file:
 * it only measures. Skips, saying why, when ../shared is absent.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <json-glib/json-glib.h>

#include "attache-subject.h"

static const struct { const char *category; const char *code; } expected[] = {
  { "business",      "medtop:04000000" },
  { "entertainment", "medtop:01000000" },
  { "politics",      "medtop:11000000" },
  { "sport",         "medtop:15000000" },
  { "tech",          "medtop:13000000" },
};

static void
test_bbc (void)
{
  const char *root = g_getenv ("ATTACHE_SHARED_DIR");
  g_autofree char *path = root != NULL ? g_build_filename (root, "data", "news", "bbc-dev.jsonl", NULL) : NULL;
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;
  guint right[G_N_ELEMENTS (expected)] = { 0 }, total[G_N_ELEMENTS (expected)] = { 0 };
  guint all_right = 0, all = 0, none = 0, shown = 0;
  gint64 start;
  double seconds;

  if (path == NULL || !g_file_get_contents (path, &contents, NULL, NULL))
    {
      g_test_skip ("../shared/data/news/bbc-dev.jsonl is absent: nothing to measure");
      return;
    }

  lines = g_strsplit (contents, "\n", -1);
  start = g_get_monotonic_time ();
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_autoptr(JsonParser) parser = json_parser_new ();
      JsonObject *object;
      const char *category, *title, *text;
      const AttacheSubject *subject;
      guint c;

      if (lines[i][0] == '\0' || !json_parser_load_from_data (parser, lines[i], -1, NULL))
        continue;

      object = json_node_get_object (json_parser_get_root (parser));
      category = json_object_get_string_member (object, "category");
      title = json_object_get_string_member (object, "title");
      text = json_object_get_string_member (object, "text");

      for (c = 0; c < G_N_ELEMENTS (expected); c++)
        if (g_str_equal (expected[c].category, category))
          break;
      g_assert_cmpuint (c, <, G_N_ELEMENTS (expected));

      subject = attache_classify_subject (title, text, NULL);
      total[c]++;
      all++;
      if (subject == NULL)
        none++;
      else if (g_str_equal (subject->code, expected[c].code))
        {
          right[c]++;
          all_right++;
        }
      else if (shown++ < 15)
        g_test_message ("%s “%s” → %s", category, title, subject->label);
    }
  seconds = (g_get_monotonic_time () - start) / 1e6;

  for (guint c = 0; c < G_N_ELEMENTS (expected); c++)
    g_test_message ("%-13s %u of %u (%.1f%%)", expected[c].category, right[c], total[c],
                    100.0 * right[c] / MAX (total[c], 1));
  g_test_message ("subject: %u of %u right (%.1f%%), %u without a subject; %.0f articles/s",
                  all_right, all, 100.0 * all_right / MAX (all, 1), none, all / seconds);

  g_assert_cmpuint (all, >, 1700);
  g_assert_cmpuint (all_right * 100, >=, all * 90);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/eval/subject/bbc", test_bbc);

  return g_test_run ();
}
