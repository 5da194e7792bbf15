/* test-import.c: importing files into the library
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

#include "attache.h"

#include "test-helpers.h"

typedef struct
{
  char            *dir;
  AttacheLibrary  *library;
  AttacheImporter *importer;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  f->dir = test_tmpdir_new ();
  path = g_build_filename (f->dir, "library.db", NULL);
  f->library = attache_library_open (path, &error);
  g_assert_no_error (error);
  f->importer = attache_importer_new (f->library);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->importer);
  g_clear_object (&f->library);
  test_tmpdir_free (f->dir);
}

static AttacheImportResult *
import_path (Fixture    *f,
             const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);

  return attache_importer_import_file (f->importer, file, NULL);
}

/* Imports a fixture from tests/fixtures and returns the stored article. */
static AttacheArticle *
import_fixture (Fixture    *f,
                const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures", name, NULL);
  g_autoptr(AttacheImportResult) result = import_path (f, path);
  g_autoptr(GError) error = NULL;
  AttacheArticle *article;

  g_assert_no_error ((GError *) attache_import_result_get_error (result));
  g_assert_cmpint (attache_import_result_get_status (result), ==, ATTACHE_IMPORT_IMPORTED);
  article = attache_library_get_article (f->library, attache_import_result_get_article_id (result), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (attache_article_get_title (article), ==, attache_import_result_get_title (result));
  {
    g_autofree char *absolute = g_canonicalize_filename (path, NULL);

    g_assert_cmpstr (attache_article_get_origin (article), ==, absolute);
  }
  return article;
}

static AttacheArticle *
parse_string (const char  *contents,
              gssize       len,
              const char  *filename,
              GError     **error)
{
  g_autoptr(GBytes) bytes = g_bytes_new (contents, len < 0 ? strlen (contents) : (gsize) len);

  return attache_import_parse_bytes (bytes, filename, error);
}

static guint
count_paragraphs (const char *text)
{
  guint n = 1;

  for (const char *p = strstr (text, "\n\n"); p != NULL; p = strstr (p + 2, "\n\n"))
    n++;
  return n;
}

static void
test_text_dated (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(AttacheArticle) article = import_fixture (f, "dated-article.txt");
  const char *text = attache_article_get_text (article);

  g_assert_cmpstr (attache_article_get_published (article), ==, "2024-03-18");
  g_assert_cmpstr (attache_article_get_title (article), ==,
                   "Foreign ministers of the Nordic Council met in Reykjavik on Monday for talks");
  g_assert_true (g_str_has_prefix (text, "Foreign ministers of the Nordic Council"));
  g_assert_null (strstr (text, "date 2024"));
  g_assert_cmpuint (count_paragraphs (text), ==, 6);
  g_assert_nonnull (strstr (text, "\n\nCables and Shipping\n\n"));
  g_assert_nonnull (strstr (text, "Tromsø"));
  g_assert_true (g_str_has_suffix (text, "in Helsinki in September."));
  g_assert_nonnull (attache_article_get_imported (article));
  g_assert_cmpuint (attache_article_get_n_words (article), >, 100);
}

static void
test_text_titles (void)
{
  struct { const char *text; const char *title; } cases[] = {
    /* A short first sentence is the title, without its full stop. */
    { "date 2024-01-02 Talks resumed in Vienna. More followed.\n\nSecond.", "Talks resumed in Vienna" },
    /* A long one is cut where a headline would end, before a linking word. */
    { "The Secretary-General's envoy arrived in Khartoum on Sunday for meetings with both commanders "
      "and the civilian coalition, hoping to restart talks that collapsed in May.",
      "The Secretary-General's envoy arrived in Khartoum on Sunday for meetings" },
    /* Abbreviations and initials do not end the sentence. */
    { "Mr. Okafor met U.S. officials. Then he left.", "Mr. Okafor met U.S. officials" },
    /* A run of words with no good place to cut gets an ellipsis. */
    { "Alpha bravo charlie delta echo foxtrot golf hotel india juliett kilo lima mike november oscar "
      "papa quebec romeo sierra tango uniform victor whiskey xray yankee zulu.",
      "Alpha bravo charlie delta echo foxtrot golf hotel india juliett kilo lima mike november…" },
    /* A clause's end beats a later linking word. */
    { "Dock workers at the port of Valmora walked off the job on Tuesday, halting the loading of grain "
      "and fertiliser ships for the first time in eleven years.",
      "Dock workers at the port of Valmora walked off the job on Tuesday" },
    /* Never between words that belong together. */
    { "Grain exports through the port of Estrand rose by nine percent in February, according to the "
      "harbour master, who expects a record spring.",
      "Grain exports through the port of Estrand rose by nine percent in February" },
    /* A title line: short, no full stop, text after it. */
    { "Ceasefire holds in the north\n\nThe ceasefire held for a third day.", "Ceasefire holds in the north" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(AttacheArticle) article = parse_string (cases[i].text, -1, "a.txt", &error);

      g_assert_no_error (error);
      g_assert_cmpstr (attache_article_get_title (article), ==, cases[i].title);
      g_assert_cmpint (g_utf8_strlen (attache_article_get_title (article), -1), <=, 91);
    }
}

static void
test_text_titled (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(AttacheArticle) article = import_fixture (f, "titled-article.txt");
  const char *text = attache_article_get_text (article);

  g_assert_cmpstr (attache_article_get_title (article), ==, "Harbour authority approves night pilotage trial");
  g_assert_null (attache_article_get_published (article));
  g_assert_true (g_str_has_prefix (text, "The port's harbour authority"));
  g_assert_cmpuint (count_paragraphs (text), ==, 2);
}

static void
test_text_hard_wrapped (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AttacheArticle) article =
    parse_string ("Wrapped report\r\n\r\nThe first paragraph was wrapped\r\nat seventy columns by an old\r\nmail client.\r\n\r\n"
                  "- first point\r\n- second point\r\n", -1, "w.txt", &error);

  g_assert_no_error (error);
  g_assert_cmpstr (attache_article_get_text (article), ==,
                   "The first paragraph was wrapped at seventy columns by an old mail client.\n\n"
                   "- first point\n- second point");
}

static void
test_markdown (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(AttacheArticle) article = import_fixture (f, "briefing-note.md");
  const char *text = attache_article_get_text (article);

  g_assert_cmpstr (attache_article_get_title (article), ==, "Grain corridor: what changed in March");
  g_assert_cmpstr (attache_article_get_published (article), ==, "2024-03-28");
  g_assert_cmpstr (attache_article_get_author (article), ==, "Desk Three");
  g_assert_cmpstr (attache_article_get_source (article), ==, "Attaché test desk");
  g_assert_true (g_str_has_prefix (text, "The grain corridor through the western Black Sea carried more cargo"));
  g_assert_nonnull (strstr (text, "according to port statistics."));
  g_assert_nonnull (strstr (text, "\n\nInsurance\n\n"));
  g_assert_nonnull (strstr (text, "• fewer incidents near the coast\n• escorted convoys"));
  g_assert_nonnull (strstr (text, "Shipping lines still avoid"));
  g_assert_null (strstr (text, "**"));
  g_assert_null (strstr (text, "]("));
  g_assert_null (strstr (text, "chart.png"));
  g_assert_null (strstr (text, "---"));
}

static void
test_markdown_heading_title (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AttacheArticle) article =
    parse_string ("# Sanctions *review* due\n\nThe council meets on `Friday`.\n", -1, "n.md", &error);

  g_assert_no_error (error);
  g_assert_cmpstr (attache_article_get_title (article), ==, "Sanctions review due");
  g_assert_cmpstr (attache_article_get_text (article), ==, "The council meets on Friday.");
}

static void
test_html (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(AttacheArticle) article = import_fixture (f, "press-release.html");
  const char *text = attache_article_get_text (article);

  g_assert_cmpstr (attache_article_get_title (article), ==, "Water treaty talks resume in Geneva");
  g_assert_cmpstr (attache_article_get_source (article), ==, "Ministry of Examples");
  g_assert_cmpstr (attache_article_get_author (article), ==, "Press Office");
  g_assert_cmpstr (attache_article_get_published (article), ==, "2024-02-14T08:30:00Z");
  g_assert_cmpstr (attache_article_get_url (article), ==, "https://ministry.example/news/water-treaty");
  g_assert_cmpstr (attache_article_get_language (article), ==, "en");
  g_assert_true (g_str_has_prefix (text, "Delegations from the three riparian states"));
  g_assert_nonnull (strstr (text, "both upstream states had brought new proposals on dry-season flows & reservoir"));
  g_assert_nonnull (strstr (text, "\n\n• Dry-season minimum flow\n\n• Joint flood warning"));
  g_assert_null (strstr (text, "tracking"));
  g_assert_null (strstr (text, "nor me"));
  g_assert_null (strstr (text, "color"));
  g_assert_null (strstr (text, "Home"));
  g_assert_null (strstr (text, "Cookie"));
}

static void
test_html_latin1 (void)
{
  /* A page that declares its charset, in that charset. */
  const char page[] = "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=iso-8859-1\">"
                      "<title>Caf\xe9 talks</title></head><body><p>D\xe9j\xe0 vu \x93quoted\x94.</p></body></html>";
  g_autoptr(GError) error = NULL;
  g_autoptr(AttacheArticle) article = parse_string (page, sizeof page - 1, "p.html", &error);

  g_assert_no_error (error);
  g_assert_cmpstr (attache_article_get_title (article), ==, "Café talks");
  g_assert_cmpstr (attache_article_get_text (article), ==, "Déjà vu “quoted”.");
}

static void
test_encoding_windows_1252 (void)
{
  /* “Smart quotes” – and é in Windows-1252: not valid UTF-8. */
  const char bytes[] = "R\xe9sum\xe9 of the talks\n\nThe minister said \x93no\x94 \x96 twice.\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(AttacheArticle) article = parse_string (bytes, sizeof bytes - 1, "cp.txt", &error);

  g_assert_no_error (error);
  g_assert_cmpstr (attache_article_get_title (article), ==, "Résumé of the talks");
  g_assert_cmpstr (attache_article_get_text (article), ==, "The minister said “no” – twice.");
}

static void
test_encoding_latin1 (void)
{
  /* 0x81 is undefined in Windows-1252: the text is read as ISO-8859-1. */
  const char bytes[] = "Z\xfcrich \x81 \xe9t\xe9.\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(AttacheArticle) article = parse_string (bytes, sizeof bytes - 1, "l1.txt", &error);

  g_assert_no_error (error);
  g_assert_true (g_utf8_validate (attache_article_get_text (article), -1, NULL));
  g_assert_true (g_str_has_prefix (attache_article_get_text (article), "Zürich "));
  g_assert_true (g_str_has_suffix (attache_article_get_text (article), " été."));
}

static void
test_encoding_utf16 (void)
{
  const char bytes[] = "\xff\xfeH\0i\0 \0t\0h\0e\0r\0e\0.\0";
  g_autoptr(GError) error = NULL;
  g_autoptr(AttacheArticle) article = parse_string (bytes, sizeof bytes - 1, "u16.txt", &error);

  g_assert_no_error (error);
  g_assert_cmpstr (attache_article_get_text (article), ==, "Hi there.");
}

static void
test_encoding_utf8_bom (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AttacheArticle) article = parse_string ("\xef\xbb\xbf" "date 2024-04-02 Kyiv, Київ.", -1, "b.txt", &error);

  g_assert_no_error (error);
  g_assert_cmpstr (attache_article_get_published (article), ==, "2024-04-02");
  g_assert_cmpstr (attache_article_get_text (article), ==, "Kyiv, Київ.");
}

static void
test_duplicate (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures", "dated-article.txt", NULL);
  g_autofree char *copy = g_build_filename (f->dir, "copy with CRLF.txt", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(AttacheImportResult) first = import_path (f, path);
  g_autoptr(AttacheImportResult) second = import_path (f, path);
  g_autoptr(AttacheImportResult) third = NULL;
  g_auto(GStrv) lines = NULL;
  g_autofree char *crlf = NULL;

  g_assert_cmpint (attache_import_result_get_status (first), ==, ATTACHE_IMPORT_IMPORTED);
  g_assert_cmpint (attache_import_result_get_status (second), ==, ATTACHE_IMPORT_DUPLICATE);
  g_assert_cmpint (attache_import_result_get_article_id (second), ==, attache_import_result_get_article_id (first));
  g_assert_cmpstr (attache_import_result_get_title (second), ==, attache_import_result_get_title (first));
  g_assert_null (attache_import_result_get_error (second));

  /* The same article with other line endings is the same content. */
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  lines = g_strsplit (contents, "\n", -1);
  crlf = g_strjoinv ("\r\n", lines);
  test_write_file (copy, crlf, -1);
  third = import_path (f, copy);
  g_assert_cmpint (attache_import_result_get_status (third), ==, ATTACHE_IMPORT_DUPLICATE);

  g_assert_cmpint (attache_library_count_articles (f->library, NULL), ==, 1);
}

/* Everything stored, as one checksum: a failed import must not change it. */
static char *
library_snapshot (AttacheLibrary *library)
{
  g_autoptr(GPtrArray) articles = attache_library_list_articles (library, NULL);
  g_autoptr(GString) all = g_string_new (NULL);

  for (guint i = 0; i < articles->len; i++)
    {
      g_autoptr(AttacheArticle) full =
        attache_library_get_article (library, attache_article_get_id (articles->pdata[i]), NULL);

      g_string_append_printf (all, "%" G_GINT64_FORMAT "|%s|%s|%s|%s\n", attache_article_get_id (full),
                              attache_article_get_title (full), attache_article_get_published (full),
                              attache_article_get_sha256 (full), attache_article_get_text (full));
    }

  return g_compute_checksum_for_string (G_CHECKSUM_SHA256, all->str, all->len);
}

static void
assert_refused (Fixture    *f,
                const char *path,
                int         code,
                const char *words)
{
  g_autofree char *before = library_snapshot (f->library);
  g_autofree char *after = NULL;
  g_autoptr(AttacheImportResult) result = import_path (f, path);
  const GError *error = attache_import_result_get_error (result);

  g_assert_cmpint (attache_import_result_get_status (result), ==, ATTACHE_IMPORT_FAILED);
  g_assert_error ((GError *) error, ATTACHE_IMPORT_ERROR, code);
  if (strstr (error->message, words) == NULL)
    g_error ("%s: expected “%s” in “%s”", path, words, error->message);
  g_assert_null (strchr (error->message, '\n'));
  g_assert_cmpint (attache_import_result_get_article_id (result), ==, 0);

  after = library_snapshot (f->library);
  g_assert_cmpstr (before, ==, after);
}

static void
test_refused (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(AttacheArticle) kept = import_fixture (f, "titled-article.txt");
  g_autofree char *binary = g_build_filename (f->dir, "random.txt", NULL);
  g_autofree char *empty = g_build_filename (f->dir, "empty.txt", NULL);
  g_autofree char *blank = g_build_filename (f->dir, "blank.txt", NULL);
  g_autofree char *pdf = g_build_filename (f->dir, "report.txt", NULL);
  g_autofree char *large = g_build_filename (f->dir, "large.txt", NULL);
  g_autofree char *folder = g_build_filename (f->dir, "folder", NULL);
  g_autofree char *fifo = g_build_filename (f->dir, "pipe", NULL);
  g_autofree char *missing = g_build_filename (f->dir, "no-such-file.txt", NULL);
  g_autofree char *empty_html = g_build_filename (f->dir, "empty.html", NULL);
  guchar random_bytes[4096];
  FILE *fp;

  for (guint i = 0; i < sizeof random_bytes; i++)
    random_bytes[i] = g_random_int_range (0, 256);
  random_bytes[10] = 0;
  test_write_file (binary, (const char *) random_bytes, sizeof random_bytes);
  test_write_file (empty, "", 0);
  test_write_file (blank, " \n\t\n  \n", -1);
  test_write_file (pdf, "%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n", -1);
  test_write_file (empty_html, "<html><body><script>x()</script><nav>Menu</nav></body></html>", -1);
  g_assert_cmpint (g_mkdir (folder, 0700), ==, 0);
  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);

  /* Sparse: over the limit without writing megabytes. */
  fp = fopen (large, "w");
  g_assert_nonnull (fp);
  g_assert_cmpint (ftruncate (fileno (fp), ATTACHE_IMPORT_MAX_FILE_SIZE + 1536 * 1024), ==, 0);
  fclose (fp);

  assert_refused (f, binary, ATTACHE_IMPORT_ERROR_BINARY, "not a text file");
  assert_refused (f, empty, ATTACHE_IMPORT_ERROR_EMPTY, "empty");
  assert_refused (f, blank, ATTACHE_IMPORT_ERROR_EMPTY, "empty");
  assert_refused (f, pdf, ATTACHE_IMPORT_ERROR_BINARY, "PDF");
  assert_refused (f, large, ATTACHE_IMPORT_ERROR_TOO_LARGE, "MiB; the limit is 10.0");
  assert_refused (f, folder, ATTACHE_IMPORT_ERROR_NOT_A_FILE, "folder");
  assert_refused (f, fifo, ATTACHE_IMPORT_ERROR_NOT_A_FILE, "not a regular file");
  assert_refused (f, missing, ATTACHE_IMPORT_ERROR_NOT_FOUND, "no such file");
  assert_refused (f, empty_html, ATTACHE_IMPORT_ERROR_NO_TEXT, "no readable text");

  g_assert_cmpint (attache_library_count_articles (f->library, NULL), ==, 1);
}

static void
test_refused_unreadable (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *secret = g_build_filename (f->dir, "secret.txt", NULL);

  if (geteuid () == 0)
    {
      /* root reads every file whatever its mode, so nothing here is unreadable. */
      g_test_skip ("running as root: permissions cannot make a file unreadable");
      return;
    }

  test_write_file (secret, "A perfectly good article.", -1);
  g_assert_cmpint (g_chmod (secret, 0), ==, 0);
  assert_refused (f, secret, ATTACHE_IMPORT_ERROR_UNREADABLE, "permission denied");
}

static void
test_batch (Fixture       *f,
            gconstpointer  data)
{
  g_autofree char *good = g_test_build_filename (G_TEST_DIST, "fixtures", "dated-article.txt", NULL);
  g_autofree char *html = g_test_build_filename (G_TEST_DIST, "fixtures", "press-release.html", NULL);
  g_autofree char *missing = g_build_filename (f->dir, "missing.txt", NULL);
  g_autofree char *binary = g_build_filename (f->dir, "binary.dat", NULL);
  GFile *files[5];
  GAsyncResult *result = NULL;
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(GError) error = NULL;
  guint timeout;

  test_write_file (binary, "\x00\x01\x02\x03\xff\xfe\x00", 7);
  files[0] = g_file_new_for_path (good);
  files[1] = g_file_new_for_path (missing);
  files[2] = g_file_new_for_path (html);
  files[3] = g_file_new_for_path (binary);
  files[4] = g_file_new_for_path (good);

  attache_importer_import_files_async (f->importer, files, G_N_ELEMENTS (files), NULL, test_result_cb, &result);
  timeout = g_timeout_add_seconds (20, test_timeout_cb, NULL);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (timeout);

  results = attache_importer_import_files_finish (f->importer, result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (results->len, ==, 5);
  g_assert_cmpint (attache_import_result_get_status (results->pdata[0]), ==, ATTACHE_IMPORT_IMPORTED);
  g_assert_cmpint (attache_import_result_get_status (results->pdata[1]), ==, ATTACHE_IMPORT_FAILED);
  g_assert_cmpint (attache_import_result_get_status (results->pdata[2]), ==, ATTACHE_IMPORT_IMPORTED);
  g_assert_cmpint (attache_import_result_get_status (results->pdata[3]), ==, ATTACHE_IMPORT_FAILED);
  g_assert_cmpint (attache_import_result_get_status (results->pdata[4]), ==, ATTACHE_IMPORT_DUPLICATE);
  g_assert_true (g_file_equal (attache_import_result_get_file (results->pdata[3]), files[3]));

  /* The good files stay imported. */
  g_assert_cmpint (attache_library_count_articles (f->library, NULL), ==, 2);

  g_object_unref (result);
  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    g_object_unref (files[i]);
}

/* A Russian text file saved by an old Windows program: Windows-1251, no BOM,
 * nothing that names the encoding. It is imported as Russian, not as the
 * accented Latin letters Windows-1252 would make of it. */
static void
test_encoding_undeclared (Fixture       *f,
                          gconstpointer  data)
{
  const char *text =
    "Городской совет обсудил ремонт дорог\n\n"
    "Вчера вечером в Твери прошло заседание городского совета, на котором депутаты "
    "обсуждали строительство новых школ и ремонт дорог. Жители района выразили "
    "недовольство тем, что работы затянулись почти на год.\n";
  g_autoptr(GError) error = NULL;
  g_autofree char *cp1251 = NULL;
  g_autofree char *path = g_build_filename (f->dir, "novosti.txt", NULL);
  g_autoptr(AttacheImportResult) result = NULL;
  g_autoptr(AttacheArticle) article = NULL;
  gsize len;

  cp1251 = g_convert (text, -1, "WINDOWS-1251", "UTF-8", NULL, &len, &error);
  g_assert_no_error (error);
  g_assert_true (g_file_set_contents (path, cp1251, len, &error));
  result = import_path (f, path);
  g_assert_no_error ((GError *) attache_import_result_get_error (result));
  g_assert_cmpint (attache_import_result_get_status (result), ==, ATTACHE_IMPORT_IMPORTED);
  article = attache_library_get_article (f->library, attache_import_result_get_article_id (result), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (attache_article_get_title (article), ==, "Городской совет обсудил ремонт дорог");
  g_assert_true (g_str_has_prefix (attache_article_get_text (article), "Вчера вечером в Твери"));
  g_assert_true (g_str_has_suffix (attache_article_get_text (article), "почти на год."));
}

/* Text normalised in pieces reads as normalised whole: accents written as
 * marks, Hangul jamo and kana with a separate voicing mark, across the
 * pieces' edges, in a text of 60 KB. */
static void
test_encoding_nfc_pieces (void)
{
  static const char * const words[] = {
    "cafe\xcc\x81", "na\xc3\xafve", "\xe1\x84\x92\xe1\x85\xa1\xe1\x86\xab",   /* café (e + acute), naïve, 한 as jamo */
    "\xe3\x81\x8b\xe3\x82\x99", "\xc3\xa9t\xc3\xa9", "Zu\xcc\x88rich",        /* か + voicing mark, été, Zürich (u + diaeresis) */
    "\xe3\x80\x82", "o\xcc\x82\xcc\x81", "A\xcc\x8a",                           /* 。, o + circumflex + acute, A + ring */
  };
  g_autoptr(GString) text = g_string_new ("Normalisation\n\n");
  g_autoptr(AttacheArticle) article = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *whole = NULL;
  g_autofree char *body = NULL;
  GRand *rand = g_rand_new_with_seed (7);

  /* No spaces for long runs: the pieces must be cut at letters too. */
  while (text->len < 60000)
    {
      g_string_append (text, words[g_rand_int_range (rand, 0, G_N_ELEMENTS (words))]);
      if (g_rand_int_range (rand, 0, 50) == 0)
        g_string_append_c (text, ' ');
    }
  g_rand_free (rand);

  article = parse_string (text->str, -1, "accents.txt", &error);
  g_assert_no_error (error);
  whole = g_utf8_normalize (text->str + strlen ("Normalisation\n\n"), -1, G_NORMALIZE_NFC);
  body = g_strdup (attache_article_get_text (article));
  g_assert_cmpstr (body, ==, whole);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/import/text/dated", test_text_dated);
  g_test_add_func ("/import/text/titles", test_text_titles);
  ADD ("/import/text/titled", test_text_titled);
  g_test_add_func ("/import/text/hard-wrapped", test_text_hard_wrapped);
  ADD ("/import/markdown/front-matter", test_markdown);
  g_test_add_func ("/import/markdown/heading-title", test_markdown_heading_title);
  ADD ("/import/html/article", test_html);
  g_test_add_func ("/import/html/declared-charset", test_html_latin1);
  g_test_add_func ("/import/encoding/windows-1252", test_encoding_windows_1252);
  g_test_add_func ("/import/encoding/iso-8859-1", test_encoding_latin1);
  g_test_add_func ("/import/encoding/utf-16", test_encoding_utf16);
  g_test_add_func ("/import/encoding/utf-8-bom", test_encoding_utf8_bom);
  g_test_add_func ("/import/encoding/nfc-pieces", test_encoding_nfc_pieces);
  ADD ("/import/duplicate", test_duplicate);
  ADD ("/import/refused", test_refused);
  ADD ("/import/refused/unreadable", test_refused_unreadable);
  ADD ("/import/batch", test_batch);
  ADD ("/import/encoding/undeclared", test_encoding_undeclared);

  return g_test_run ();
}
