/* test-eval-import.c: the importer on real data from ../shared (suite eval)
 *
 * Skips, saying why, when ../shared is not beside the checkout.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "attache.h"

#include "test-helpers.h"

static char *
shared_path (const char *first,
             ...)
{
  const char *root = g_getenv ("ATTACHE_SHARED_DIR");
  g_autofree char *rest = NULL;
  va_list args;

  if (root == NULL)
    return NULL;

  va_start (args, first);
  rest = g_build_filename_valist (first, &args);
  va_end (args);

  return g_build_filename (root, rest, NULL);
}

static void
test_analyst_sample (void)
{
  g_autofree char *path = shared_path ("samples", "000_2928e92e240a864f.txt", NULL);
  g_autofree char *dir = NULL;
  g_autofree char *db = NULL;
  g_autoptr(AttacheLibrary) library = NULL;
  g_autoptr(AttacheImporter) importer = NULL;
  g_autoptr(AttacheImportResult) result = NULL;
  g_autoptr(AttacheImportResult) again = NULL;
  g_autoptr(AttacheArticle) article = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;

  if (path == NULL || !g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_test_skip ("../shared/samples is absent: nothing to measure");
      return;
    }

  dir = test_tmpdir_new ();
  db = g_build_filename (dir, "x.db", NULL);
  library = attache_library_open (db, &error);
  g_assert_no_error (error);
  importer = attache_importer_new (library);
  file = g_file_new_for_path (path);

  result = attache_importer_import_file (importer, file, NULL);
  g_assert_cmpint (attache_import_result_get_status (result), ==, ATTACHE_IMPORT_IMPORTED);
  article = attache_library_get_article (library, attache_import_result_get_article_id (result), &error);
  g_assert_no_error (error);
  g_test_message ("sample title: %s", attache_article_get_title (article));
  g_assert_cmpstr (attache_article_get_published (article), ==, "2024-04-02");
  g_assert_cmpstr (attache_article_get_title (article), ==,
                   "US Secretary of State Antony Blinken's visit to Paris for talks");
  g_assert_true (g_str_has_prefix (attache_article_get_text (article), "US Secretary of State"));

  again = attache_importer_import_file (importer, file, NULL);
  g_assert_cmpint (attache_import_result_get_status (again), ==, ATTACHE_IMPORT_DUPLICATE);
  g_assert_cmpint (attache_library_count_articles (library, NULL), ==, 1);

  g_clear_object (&importer);
  g_clear_object (&library);
  test_tmpdir_free (g_steal_pointer (&dir));
}

/* One string member of expected-metadata.json ("title", "lang"), or NULL. */
static char *
expected_string (const char *folder,
                 const char *member)
{
  g_autofree char *path = g_build_filename (folder, "expected-metadata.json", NULL);
  g_autofree char *json = NULL;
  g_autofree char *quoted = g_strdup_printf ("\"%s\"", member);
  const char *key;
  GString *title;

  if (!g_file_get_contents (path, &json, NULL, NULL))
    return NULL;

  /* Just that string; the core has no JSON parser and needs none. */
  key = strstr (json, quoted);
  if (key == NULL || (key = strchr (key + strlen (quoted), ':')) == NULL)
    return NULL;
  while (*++key == ' ')
    ;
  if (*key != '"')
    return NULL;

  title = g_string_new (NULL);
  for (const char *p = key + 1; *p != '\0' && *p != '"'; p++)
    {
      if (*p == '\\' && p[1] != '\0')
        p++;
      g_string_append_c (title, *p);
    }

  return g_string_free (title, FALSE);
}

/* Every saved web page of the Readability test set goes through the HTML importer:
 * none may crash, nearly all must give text, and the title is reported. Full
 * article extraction is measured by the web import issue, not here. */
static void
test_readability_pages (void)
{
  g_autofree char *root = shared_path ("data", "html", "readability", NULL);
  g_autoptr(GDir) dir = NULL;
  const char *name;
  guint pages = 0, with_text = 0, title_in_expected = 0;
  guint with_lang = 0, lang_right = 0, lang_none = 0;
  gint64 start;

  if (root == NULL || !g_file_test (root, G_FILE_TEST_IS_DIR))
    {
      g_test_skip ("../shared/data/html/readability is absent: nothing to measure");
      return;
    }

  dir = g_dir_open (root, 0, NULL);
  start = g_get_monotonic_time ();
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *folder = g_build_filename (root, name, NULL);
      g_autofree char *source = g_build_filename (folder, "source.html", NULL);
      g_autofree char *contents = NULL;
      g_autofree char *expected = NULL;
      g_autoptr(GBytes) bytes = NULL;
      g_autoptr(AttacheArticle) article = NULL;
      g_autoptr(GError) error = NULL;
      gsize len;

      if (!g_file_get_contents (source, &contents, &len, NULL))
        continue;

      pages++;
      bytes = g_bytes_new_take (g_steal_pointer (&contents), len);
      article = attache_import_parse_bytes (bytes, "source.html", &error);
      if (article == NULL)
        {
          g_test_message ("%s: %s", name, error->message);
          continue;
        }

      with_text++;
      g_assert_true (g_utf8_validate (attache_article_get_text (article), -1, NULL));
      g_assert_nonnull (attache_article_get_title (article));

      {
        g_autofree char *lang = expected_string (folder, "lang");

        if (lang != NULL && lang[0] != '\0')
          {
            const char *detected = attache_detect_language (attache_article_get_text (article), NULL);

            with_lang++;
            if (detected == NULL)
              lang_none++;
            else if (g_ascii_strncasecmp (lang, detected, strlen (detected)) == 0 &&
                     (lang[strlen (detected)] == '\0' || lang[strlen (detected)] == '-'))
              lang_right++;
            else
              g_test_message ("%s: language %s, detected %s", name, lang, detected);
          }
      }

      expected = expected_string (folder, "title");
      if (expected != NULL && expected[0] != '\0' &&
          (strstr (attache_article_get_title (article), expected) != NULL ||
           strstr (expected, attache_article_get_title (article)) != NULL))
        title_in_expected++;
    }

  g_test_message ("readability pages: %u, with text: %u, title agrees with the reference: %u (%.0f%%), "
                  "%.1f ms a page",
                  pages, with_text, title_in_expected, 100.0 * title_in_expected / MAX (pages, 1),
                  (g_get_monotonic_time () - start) / 1000.0 / MAX (pages, 1));
  g_test_message ("language: %u of %u pages that declare one detected right (%.1f%%), %u undecided",
                  lang_right, with_lang, 100.0 * lang_right / MAX (with_lang, 1), lang_none);
  g_assert_cmpuint (pages, >, 100);
  g_assert_cmpuint (with_text * 100, >=, pages * 95);
  g_assert_cmpuint (lang_right * 100, >=, with_lang * 90);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/eval/import/analyst-sample", test_analyst_sample);
  g_test_add_func ("/eval/import/readability-pages", test_readability_pages);

  return g_test_run ();
}
