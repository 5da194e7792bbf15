/* test-cli.c: attache-cli end to end, run as a program against a fresh library
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-cli"

#include "config.h"

#include <string.h>

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <sqlite3.h>

#include "attache-library.h"

#define SUMMIT_FIXTURE "cli-trade-summit.txt"
#define GRAIN_FIXTURE  "cli-grain-report.txt"

typedef struct
{
  char *dir;       /* a fresh temporary folder, removed afterwards */
  char *library;   /* dir/library.db, passed with --library by cli_run () */
} CliFixture;

typedef struct
{
  int   status;
  char *out;
  char *err;
} CliRun;

static void
cli_run_free (CliRun *run)
{
  g_free (run->out);
  g_free (run->err);
  g_free (run);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CliRun, cli_run_free)

static void
remove_tree (const char *path)
{
  if (g_file_test (path, G_FILE_TEST_IS_DIR) && !g_file_test (path, G_FILE_TEST_IS_SYMLINK))
    {
      g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
      const char *name;

      while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);
          remove_tree (child);
        }
    }

  g_remove (path);
}

static void
fixture_set_up (CliFixture    *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("test-cli-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->library = g_build_filename (fixture->dir, "library.db", NULL);

  /* An empty library, as after a first start; the commands that add to a
   * library make one themselves (test_missing_library). */
  {
    g_autoptr(AttacheLibrary) library = attache_library_open (fixture->library, &error);

    g_assert_no_error (error);
  }
}

static void
fixture_tear_down (CliFixture    *fixture,
                   gconstpointer  data)
{
  remove_tree (fixture->dir);
  g_clear_pointer (&fixture->dir, g_free);
  g_clear_pointer (&fixture->library, g_free);
}

static char *
fixture_path (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "fixtures", name, NULL);
}

static char *
write_file (CliFixture   *fixture,
            const char   *name,
            const guint8 *data,
            gsize         length)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (fixture->dir, name, NULL);

  g_file_set_contents (path, (const char *) data, length, &error);
  g_assert_no_error (error);

  return path;
}

/* Runs attache-cli with @argv (not including the program) and @env, a
 * NULL-terminated list of NAME, VALUE pairs set on top of a clean environment:
 * no ATTACHE_LIBRARY, XDG_DATA_HOME inside the fixture folder. */
static CliRun *
cli_run_full (CliFixture         *fixture,
              const char * const *env,
              const char * const *argv)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) subprocess = NULL;
  g_autoptr(GPtrArray) full_argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *xdg_data_home = g_build_filename (fixture->dir, "xdg-data", NULL);
  g_autofree char *joined = NULL;
  const char *cli = g_getenv ("ATTACHE_CLI");
  CliRun *run = g_new0 (CliRun, 1);

  g_assert_nonnull (cli);

  g_ptr_array_add (full_argv, (gpointer) cli);
  for (guint i = 0; argv[i] != NULL; i++)
    g_ptr_array_add (full_argv, (gpointer) argv[i]);
  g_ptr_array_add (full_argv, NULL);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                        G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_launcher_set_cwd (launcher, fixture->dir);
  g_subprocess_launcher_unsetenv (launcher, "ATTACHE_LIBRARY");
  g_subprocess_launcher_setenv (launcher, "XDG_DATA_HOME", xdg_data_home, TRUE);
  g_subprocess_launcher_setenv (launcher, "LC_ALL", "C.UTF-8", TRUE);
  for (guint i = 0; env != NULL && env[i] != NULL; i += 2)
    g_subprocess_launcher_setenv (launcher, env[i], env[i + 1], TRUE);

  subprocess = g_subprocess_launcher_spawnv (launcher, (const char * const *) full_argv->pdata, &error);
  g_assert_no_error (error);

  g_subprocess_communicate_utf8 (subprocess, NULL, NULL, &run->out, &run->err, &error);
  g_assert_no_error (error);

  joined = g_strjoinv (" ", (char **) argv);
  g_test_message ("attache-cli %s: %d\nstdout: %s\nstderr: %s",
                  joined,
                  g_subprocess_get_if_exited (subprocess) ? g_subprocess_get_exit_status (subprocess) : -1,
                  run->out, run->err);

  /* Never a crash, never a GLib warning or critical. */
  g_assert_true (g_subprocess_get_if_exited (subprocess));
  g_assert_null (strstr (run->err, "-CRITICAL **"));
  g_assert_null (strstr (run->err, "-WARNING **"));
  run->status = g_subprocess_get_exit_status (subprocess);

  return run;
}

/* Runs "attache-cli --library <fixture library> ARG…". */
G_GNUC_NULL_TERMINATED static CliRun *
cli_run (CliFixture *fixture,
         const char *first_arg,
         ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  va_list args;

  g_ptr_array_add (argv, (gpointer) "--library");
  g_ptr_array_add (argv, fixture->library);

  va_start (args, first_arg);
  for (const char *arg = first_arg; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  return cli_run_full (fixture, NULL, (const char * const *) argv->pdata);
}

static guint
count_lines (const char *text)
{
  guint n = 0;

  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '\n')
        n++;
    }

  return n;
}

/* Asserts @text is exactly one line "error: …" and returns it. */
static void
assert_one_error_line (const char *text)
{
  g_assert_true (g_str_has_prefix (text, "error: "));
  g_assert_cmpuint (count_lines (text), ==, 1);
  g_assert_true (g_str_has_suffix (text, "\n"));
}

static JsonNode *
parse_json (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonNode *root;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);

  root = json_parser_get_root (parser);
  g_assert_nonnull (root);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (root));

  return json_node_copy (root);
}

/* Runs "list --json" and returns the array of articles. */
static JsonArray *
list_articles (CliFixture *fixture)
{
  g_autoptr(CliRun) run = cli_run (fixture, "list", "--json", NULL);
  g_autoptr(JsonNode) root = NULL;
  JsonObject *object;

  g_assert_cmpint (run->status, ==, 0);
  g_assert_cmpstr (run->err, ==, "");

  root = parse_json (run->out);
  object = json_node_get_object (root);
  g_assert_true (json_object_has_member (object, "articles"));

  return json_array_ref (json_object_get_array_member (object, "articles"));
}

static guint
count_articles (CliFixture *fixture)
{
  g_autoptr(JsonArray) articles = list_articles (fixture);

  return json_array_get_length (articles);
}

/* Imports @name from tests/fixtures and returns the title it printed. */
static char *
import_fixture (CliFixture *fixture,
                const char *name,
                gint64      expected_id)
{
  g_autofree char *path = fixture_path (name);
  g_autofree char *prefix = g_strdup_printf ("imported %" G_GINT64_FORMAT " ", expected_id);
  g_autoptr(CliRun) run = cli_run (fixture, "import", path, NULL);

  g_assert_cmpint (run->status, ==, 0);
  g_assert_cmpstr (run->err, ==, "");
  g_assert_true (g_str_has_prefix (run->out, prefix));
  g_assert_cmpuint (count_lines (run->out), ==, 1);
  g_assert_cmpuint (strlen (run->out), >, strlen (prefix) + 1);

  return g_strndup (run->out + strlen (prefix), strlen (run->out) - strlen (prefix) - 1);
}

static char *
compute_file_sha256 (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize length = 0;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);

  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents, length);
}

static GBytes *
read_bytes (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;
  gsize length = 0;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);

  return g_bytes_new_take (contents, length);
}

/* import */

static void
test_import_analyst_format (CliFixture    *fixture,
                            gconstpointer  data)
{
  g_autofree char *path = fixture_path (SUMMIT_FIXTURE);
  g_autofree char *sha256 = compute_file_sha256 (path);
  g_autofree char *title = import_fixture (fixture, SUMMIT_FIXTURE, 1);
  g_autoptr(JsonArray) articles = list_articles (fixture);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) imported = NULL;
  JsonObject *article;
  const char *origin;

  /* The date line is metadata, not part of the title. */
  g_assert_cmpstr (title, !=, "");
  g_assert_false (g_str_has_prefix (title, "date"));
  g_assert_null (strstr (title, "2024-04-02"));
  g_assert_true (g_str_has_prefix (title, "Trade ministers"));

  g_assert_cmpuint (json_array_get_length (articles), ==, 1);
  article = json_array_get_object_element (articles, 0);

  g_assert_cmpint (json_object_get_int_member (article, "id"), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (article, "title"), ==, title);
  g_assert_cmpstr (json_object_get_string_member (article, "published"), ==, "2024-04-02");
  g_assert_cmpstr (json_object_get_string_member (article, "sha256"), ==, sha256);

  origin = json_object_get_string_member (article, "origin");
  g_assert_true (g_path_is_absolute (origin));
  g_assert_true (g_str_has_suffix (origin, "/" SUMMIT_FIXTURE));

  /* Some 155 words, without the date. */
  g_assert_cmpint (json_object_get_int_member (article, "words"), >=, 140);
  g_assert_cmpint (json_object_get_int_member (article, "words"), <=, 175);

  /* Unknown metadata is null, not an empty string. */
  g_assert_true (json_object_get_null_member (article, "source"));
  g_assert_true (json_object_get_null_member (article, "url"));
  g_assert_true (json_object_get_null_member (article, "author"));

  /* A UTC timestamp of just now. */
  g_assert_true (g_regex_match_simple ("^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ$",
                                       json_object_get_string_member (article, "imported"), 0, 0));
  imported = g_date_time_new_from_iso8601 (json_object_get_string_member (article, "imported"), NULL);
  g_assert_nonnull (imported);
  g_assert_cmpint (ABS (g_date_time_difference (now, imported)), <, 10 * 60 * G_TIME_SPAN_SECOND);
}

static void
test_import_duplicate (CliFixture    *fixture,
                       gconstpointer  data)
{
  g_autofree char *path = fixture_path (SUMMIT_FIXTURE);
  g_autofree char *title = import_fixture (fixture, SUMMIT_FIXTURE, 1);
  g_autofree char *expected = g_strdup_printf ("duplicate of 1: %s\n", path);
  g_autofree char *contents = NULL;
  g_autofree char *copy = NULL;
  gsize length = 0;

  {
    g_autoptr(CliRun) run = cli_run (fixture, "import", path, NULL);

    g_assert_cmpint (run->status, ==, 0);
    g_assert_cmpstr (run->out, ==, expected);
    g_assert_cmpstr (run->err, ==, "");
  }

  /* The same bytes under another name, given relative to the working folder. */
  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  copy = write_file (fixture, "copy of summit.txt", (const guint8 *) contents, length);
  {
    g_autoptr(CliRun) run = cli_run (fixture, "import", "copy of summit.txt", NULL);

    g_assert_cmpint (run->status, ==, 0);
    g_assert_cmpstr (run->out, ==, "duplicate of 1: copy of summit.txt\n");
    g_assert_cmpstr (run->err, ==, "");
  }

  g_assert_cmpuint (count_articles (fixture), ==, 1);
}

static void
test_import_failures (CliFixture    *fixture,
                      gconstpointer  data)
{
  g_autofree char *title = import_fixture (fixture, SUMMIT_FIXTURE, 1);
  g_autofree char *noise = NULL;
  g_autofree char *missing = g_build_filename (fixture->dir, "missing.txt", NULL);
  g_autofree char *empty = write_file (fixture, "empty.txt", (const guint8 *) "", 0);
  guint8 bytes[4096];
  g_autoptr(GRand) rand = g_rand_new_with_seed (20240402);
  g_autofree char *folder = g_build_filename (fixture->dir, "a folder.txt", NULL);
  const char *bad[4];

  for (guint i = 0; i < sizeof bytes; i++)
    bytes[i] = (guint8) g_rand_int_range (rand, 0, 256);
  noise = write_file (fixture, "noise.txt", bytes, sizeof bytes);

  bad[0] = noise;
  bad[1] = missing;
  bad[2] = empty;
  bad[3] = folder;
  g_assert_cmpint (g_mkdir (folder, 0700), ==, 0);

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(CliRun) run = cli_run (fixture, "import", bad[i], NULL);
      g_autofree char *prefix = g_strdup_printf ("error: %s: ", bad[i]);

      g_assert_cmpint (run->status, ==, 1);
      g_assert_cmpstr (run->out, ==, "");
      assert_one_error_line (run->err);
      g_assert_true (g_str_has_prefix (run->err, prefix));
      /* A reason follows the path. */
      g_assert_cmpuint (strlen (run->err), >, strlen (prefix) + 1);
    }

  g_assert_cmpuint (count_articles (fixture), ==, 1);
}

static void
test_import_mixed_batch (CliFixture    *fixture,
                         gconstpointer  data)
{
  g_autofree char *summit = fixture_path (SUMMIT_FIXTURE);
  g_autofree char *grain = fixture_path (GRAIN_FIXTURE);
  const guint8 binary[] = { 0x7f, 'E', 'L', 'F', 0, 0, 0, 1, 0xff, 0xfe, 0, 0, 3, 0, 0x3e, 0 };
  g_autofree char *noise = write_file (fixture, "program.txt", binary, sizeof binary);
  g_autofree char *expected_err = NULL;
  g_auto(GStrv) out_lines = NULL;
  g_auto(GStrv) err_lines = NULL;
  g_autoptr(CliRun) run = cli_run (fixture, "import", summit, "missing.txt", noise, grain, NULL);

  g_assert_cmpint (run->status, ==, 1);

  /* One line per input, in input order: the good ones on stdout… */
  out_lines = g_strsplit (run->out, "\n", -1);
  g_assert_cmpuint (g_strv_length (out_lines), ==, 3);
  g_assert_true (g_str_has_prefix (out_lines[0], "imported 1 Trade ministers"));
  g_assert_true (g_str_has_prefix (out_lines[1], "imported 2 Grain exports"));
  g_assert_cmpstr (out_lines[2], ==, "");

  /* …the bad ones on stderr. */
  err_lines = g_strsplit (run->err, "\n", -1);
  g_assert_cmpuint (g_strv_length (err_lines), ==, 3);
  g_assert_true (g_str_has_prefix (err_lines[0], "error: missing.txt: "));
  expected_err = g_strdup_printf ("error: %s: ", noise);
  g_assert_true (g_str_has_prefix (err_lines[1], expected_err));
  g_assert_cmpstr (err_lines[2], ==, "");

  g_assert_cmpuint (count_articles (fixture), ==, 2);
}

/* list */

static void
test_list_text (CliFixture    *fixture,
                gconstpointer  data)
{
  g_autofree char *grain_title = import_fixture (fixture, GRAIN_FIXTURE, 1);
  g_autofree char *summit_title = import_fixture (fixture, SUMMIT_FIXTURE, 2);
  g_autofree char *expected = NULL;
  g_autoptr(CliRun) run = cli_run (fixture, "list", NULL);

  /* Newest first by publication date, not by import order. */
  expected = g_strdup_printf ("2\t2024-04-02\t-\t%s\n"
                              "1\t2024-03-15\t-\t%s\n",
                              summit_title, grain_title);
  g_assert_cmpint (run->status, ==, 0);
  g_assert_cmpstr (run->out, ==, expected);
  g_assert_cmpstr (run->err, ==, "");
}

/* A library named that does not exist: the commands that read or change
 * one say so and make nothing; the ones that add to a library make it. */
static void
test_missing_library (CliFixture    *fixture,
                      gconstpointer  data)
{
  g_autofree char *folder = g_build_filename (fixture->dir, "no such folder", NULL);
  g_autofree char *missing = g_build_filename (folder, "library.db", NULL);
  g_autofree char *made = g_build_filename (fixture->dir, "new.db", NULL);
  const char * const readers[][4] = {
    { "list", NULL }, { "search", "grain", NULL }, { "summary", "1", NULL }, { "actors", NULL },
    { "briefing", "list", NULL }, { "feed", "list", NULL }, { "show", "1", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (readers); i++)
    {
      const char *argv[8] = { "--library", missing, NULL };
      g_autoptr(CliRun) run = NULL;

      for (guint j = 0; readers[i][j] != NULL; j++)
        argv[2 + j] = readers[i][j];
      run = cli_run_full (fixture, NULL, (const char * const *) argv);
      g_assert_cmpint (run->status, ==, 1);
      g_assert_cmpuint (count_lines (run->err), ==, 1);
      g_assert_nonnull (strstr (run->err, "there is no library at"));
      g_assert_false (g_file_test (folder, G_FILE_TEST_EXISTS));
    }

  {
    const char *argv[] = { "--library", made, "briefing", "new", "Harbour watch", NULL };
    g_autoptr(CliRun) run = cli_run_full (fixture, NULL, (const char * const *) argv);

    g_assert_cmpint (run->status, ==, 0);
    g_assert_true (g_file_test (made, G_FILE_TEST_IS_REGULAR));
  }
}

static void
test_list_empty (CliFixture    *fixture,
                 gconstpointer  data)
{
  g_autoptr(CliRun) text = cli_run (fixture, "list", NULL);
  g_autoptr(CliRun) json = cli_run (fixture, "list", "--json", NULL);
  g_autoptr(JsonNode) root = NULL;

  g_assert_cmpint (text->status, ==, 0);
  g_assert_cmpstr (text->out, ==, "");

  g_assert_cmpint (json->status, ==, 0);
  root = parse_json (json->out);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (json_node_get_object (root),
                                                                         "articles")), ==, 0);
}

/* show */

static void
test_show_json (CliFixture    *fixture,
                gconstpointer  data)
{
  g_autofree char *title = import_fixture (fixture, SUMMIT_FIXTURE, 1);
  g_autoptr(CliRun) run = cli_run (fixture, "show", "1", "--json", NULL);
  g_autoptr(JsonNode) root = NULL;
  JsonObject *article;
  const char *text;

  g_assert_cmpint (run->status, ==, 0);
  g_assert_cmpstr (run->err, ==, "");

  root = parse_json (run->out);
  article = json_node_get_object (root);
  g_assert_cmpint (json_object_get_int_member (article, "id"), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (article, "title"), ==, title);
  g_assert_cmpstr (json_object_get_string_member (article, "published"), ==, "2024-04-02");

  text = json_object_get_string_member (article, "text");
  g_assert_nonnull (text);
  g_assert_true (g_str_has_prefix (text, "Trade ministers from eleven coastal states"));
  g_assert_nonnull (strstr (text, "what one official called a patchwork of harbour taxes."));
  g_assert_nonnull (strstr (text, "a joint communiqué on Wednesday evening"));
  /* Paragraphs stay paragraphs. */
  g_assert_nonnull (strstr (text, "reopened last autumn.\n\nDelegates said"));
}

static void
test_show_text (CliFixture    *fixture,
                gconstpointer  data)
{
  g_autofree char *title = import_fixture (fixture, SUMMIT_FIXTURE, 1);
  g_autofree char *path = fixture_path (SUMMIT_FIXTURE);
  g_autofree char *expected_start = g_strdup_printf ("%s\nPublished: 2024-04-02\nSource: -\n", title);
  g_autoptr(CliRun) run = cli_run (fixture, "show", "1", NULL);
  const char *body;

  g_assert_cmpint (run->status, ==, 0);
  g_assert_cmpstr (run->err, ==, "");
  g_assert_true (g_str_has_prefix (run->out, expected_start));
  g_assert_nonnull (strstr (run->out, "\nOrigin: /"));
  g_assert_nonnull (strstr (run->out, "\nWords: "));

  /* A blank line, then the text. */
  body = strstr (run->out, "\n\n");
  g_assert_nonnull (body);
  g_assert_true (g_str_has_prefix (body, "\n\nTrade ministers from eleven coastal states"));
  g_assert_nonnull (strstr (body, "would not cost jobs."));
}

static void
test_show_missing (CliFixture    *fixture,
                   gconstpointer  data)
{
  g_autofree char *title = import_fixture (fixture, SUMMIT_FIXTURE, 1);
  g_autoptr(CliRun) run = cli_run (fixture, "show", "999", NULL);
  g_autoptr(CliRun) json = cli_run (fixture, "show", "999", "--json", NULL);

  g_assert_cmpint (run->status, ==, 1);
  g_assert_cmpstr (run->out, ==, "");
  g_assert_cmpstr (run->err, ==, "error: no article with id 999\n");

  g_assert_cmpint (json->status, ==, 1);
  g_assert_cmpstr (json->out, ==, "");
  g_assert_cmpstr (json->err, ==, "error: no article with id 999\n");
}

static void
test_show_bad_id (CliFixture    *fixture,
                  gconstpointer  data)
{
  const char * const bad[][3] = {
    { "show", "abc", NULL },
    { "show", "1x", NULL },
    { "show", "0", NULL },
    { "show", NULL, NULL },
    { "show", "1", "2" },
    { "delete", "abc", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(CliRun) run = cli_run (fixture, bad[i][0], bad[i][1], bad[i][2], NULL);

      g_assert_cmpint (run->status, ==, 2);
      g_assert_cmpstr (run->out, ==, "");
      assert_one_error_line (run->err);
    }
}

/* delete */

static void
test_delete (CliFixture    *fixture,
             gconstpointer  data)
{
  g_autofree char *title = import_fixture (fixture, SUMMIT_FIXTURE, 1);
  g_autofree char *expected = g_strdup_printf ("deleted 1 %s\n", title);

  {
    g_autoptr(CliRun) run = cli_run (fixture, "delete", "1", NULL);

    g_assert_cmpint (run->status, ==, 0);
    g_assert_cmpstr (run->out, ==, expected);
    g_assert_cmpstr (run->err, ==, "");
  }

  g_assert_cmpuint (count_articles (fixture), ==, 0);

  /* Gone from the search index too. */
  {
    g_autoptr(CliRun) run = cli_run (fixture, "search", "Valmora", NULL);

    g_assert_cmpint (run->status, ==, 0);
    g_assert_cmpstr (run->out, ==, "");
  }

  /* A second time: nothing to delete. */
  {
    g_autoptr(CliRun) run = cli_run (fixture, "delete", "1", NULL);

    g_assert_cmpint (run->status, ==, 1);
    g_assert_cmpstr (run->out, ==, "");
    g_assert_cmpstr (run->err, ==, "error: no article with id 1\n");
  }

  /* And it can come back, as a new article rather than a duplicate. */
  {
    g_autofree char *path = fixture_path (SUMMIT_FIXTURE);
    g_autoptr(CliRun) run = cli_run (fixture, "import", path, NULL);

    g_assert_cmpint (run->status, ==, 0);
    g_assert_true (g_str_has_prefix (run->out, "imported "));
  }
}

/* search */

/* Returns the ids of the text hits of "search ARG…", in order, as "1 2". */
G_GNUC_NULL_TERMINATED static char *
search_ids (CliFixture *fixture,
            const char *first_arg,
            ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GString) ids = g_string_new (NULL);
  g_autoptr(CliRun) run = NULL;
  g_auto(GStrv) lines = NULL;
  va_list args;
  guint n_lines;

  g_ptr_array_add (argv, (gpointer) "--library");
  g_ptr_array_add (argv, fixture->library);
  g_ptr_array_add (argv, (gpointer) "search");
  va_start (args, first_arg);
  for (const char *arg = first_arg; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  run = cli_run_full (fixture, NULL, (const char * const *) argv->pdata);
  g_assert_cmpint (run->status, ==, 0);

  /* No hits: nothing at all on stdout. */
  if (*run->out == '\0')
    return g_strdup ("");

  /* Pairs of lines: "<id>\t<published>\t<title>" and "    <snippet>". */
  lines = g_strsplit (run->out, "\n", -1);
  n_lines = g_strv_length (lines);
  g_assert_cmpuint (n_lines % 2, ==, 1);
  g_assert_cmpstr (lines[n_lines - 1], ==, "");

  for (guint i = 0; i + 1 < n_lines; i += 2)
    {
      g_auto(GStrv) fields = g_strsplit (lines[i], "\t", -1);

      g_assert_cmpuint (g_strv_length (fields), ==, 3);
      g_assert_true (g_ascii_isdigit (fields[0][0]));
      g_assert_true (g_str_has_prefix (fields[1], "2024-"));
      g_assert_cmpstr (fields[2], !=, "");
      g_assert_true (g_str_has_prefix (lines[i + 1], "    "));
      g_assert_cmpuint (strlen (lines[i + 1]), >, 4);

      if (ids->len > 0)
        g_string_append_c (ids, ' ');
      g_string_append (ids, fields[0]);
    }

  return g_strdup (ids->str);
}

static void
import_both (CliFixture *fixture)
{
  g_free (import_fixture (fixture, SUMMIT_FIXTURE, 1));
  g_free (import_fixture (fixture, GRAIN_FIXTURE, 2));
}

#define assert_search(expected, ...) \
  G_STMT_START { \
    g_autofree char *found_ = search_ids (fixture, __VA_ARGS__, NULL); \
    g_assert_cmpstr (found_, ==, expected); \
  } G_STMT_END

static void
test_search_text (CliFixture    *fixture,
                  gconstpointer  data)
{
  import_both (fixture);

  /* A word in one article, any case. */
  assert_search ("1", "Valmora");
  assert_search ("1", "valmora");
  assert_search ("2", "barley");
  /* A word in the title. */
  assert_search ("2", "Grain");
  /* A phrase: both have "levy", only one "common levy", the other "container levy". */
  assert_search ("1", "\"common levy\"");
  assert_search ("2", "\"container levy\"");
  /* A prefix. */
  assert_search ("1", "dockwork*");
  /* Several words as separate arguments: all of them must be there. */
  assert_search ("2", "grain", "levy");
  assert_search ("1", "harbour", "levy");
  /* An absent word. */
  assert_search ("", "zeppelin");
  assert_search ("", "Valmora", "barley");
}

static void
test_search_snippet_and_limit (CliFixture    *fixture,
                               gconstpointer  data)
{
  import_both (fixture);

  {
    g_autoptr(CliRun) run = cli_run (fixture, "search", "dockworkers", NULL);
    g_auto(GStrv) lines = g_strsplit (run->out, "\n", -1);

    g_assert_cmpint (run->status, ==, 0);
    g_assert_cmpuint (g_strv_length (lines), ==, 3);
    g_assert_true (g_str_has_prefix (lines[0], "1\t2024-04-02\tTrade ministers"));
    g_assert_true (g_str_has_prefix (lines[1], "    "));
    g_assert_nonnull (strstr (lines[1], "dockworkers"));
  }

  {
    g_autofree char *all = search_ids (fixture, "levy", NULL);
    g_autofree char *one = search_ids (fixture, "levy", "--limit", "1", NULL);
    g_autofree char *one_before = search_ids (fixture, "--limit", "1", "levy", NULL);

    g_assert_true (g_str_equal (all, "1 2") || g_str_equal (all, "2 1"));
    g_assert_cmpuint (strlen (one), ==, 1);
    g_assert_cmpstr (one, ==, one_before);
    /* The best hit comes first either way. */
    g_assert_true (g_str_has_prefix (all, one));
  }

  {
    g_autoptr(CliRun) run = cli_run (fixture, "search", "levy", "--limit", "-3", NULL);

    g_assert_cmpint (run->status, ==, 2);
    assert_one_error_line (run->err);
  }

  {
    g_autoptr(CliRun) run = cli_run (fixture, "search", NULL);

    g_assert_cmpint (run->status, ==, 2);
    assert_one_error_line (run->err);
  }
}

static void
test_search_json (CliFixture    *fixture,
                  gconstpointer  data)
{
  import_both (fixture);

  {
    g_autoptr(CliRun) run = cli_run (fixture, "search", "--json", "container", "levy", NULL);
    g_autoptr(JsonNode) root = NULL;
    JsonObject *object;
    JsonArray *results;
    double previous_rank = -G_MAXDOUBLE;

    g_assert_cmpint (run->status, ==, 0);
    g_assert_cmpstr (run->err, ==, "");

    root = parse_json (run->out);
    object = json_node_get_object (root);
    g_assert_cmpstr (json_object_get_string_member (object, "query"), ==, "container levy");

    results = json_object_get_array_member (object, "results");
    g_assert_cmpuint (json_array_get_length (results), ==, 2);

    for (guint i = 0; i < json_array_get_length (results); i++)
      {
        JsonObject *hit = json_array_get_object_element (results, i);
        g_autofree char *snippet = NULL;
        gint64 id = json_object_get_int_member (hit, "id");
        double rank;

        g_assert_true (id == 1 || id == 2);
        g_assert_cmpstr (json_object_get_string_member (hit, "title"), !=, "");
        g_assert_cmpstr (json_object_get_string_member (hit, "published"), ==,
                         id == 1 ? "2024-04-02" : "2024-03-15");
        g_assert_true (json_object_get_null_member (hit, "source"));
        g_assert_true (json_object_get_null_member (hit, "url"));

        snippet = g_utf8_strdown (json_object_get_string_member (hit, "snippet"), -1);
        g_assert_nonnull (strstr (snippet, "levy"));
        /* Plain text, not markup. */
        g_assert_null (strstr (snippet, "<b>"));

        /* Best first: bm25, smaller is better. */
        g_assert_true (JSON_NODE_HOLDS_VALUE (json_object_get_member (hit, "rank")));
        rank = json_object_get_double_member (hit, "rank");
        g_assert_cmpfloat (rank, >=, previous_rank);
        previous_rank = rank;
      }
  }

  {
    g_autoptr(CliRun) run = cli_run (fixture, "search", "zeppelin", "--json", NULL);
    g_autoptr(JsonNode) root = NULL;
    JsonObject *object;

    g_assert_cmpint (run->status, ==, 0);
    root = parse_json (run->out);
    object = json_node_get_object (root);
    g_assert_cmpstr (json_object_get_string_member (object, "query"), ==, "zeppelin");
    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (object, "results")), ==, 0);
  }
}

static void
test_search_invalid_query (CliFixture    *fixture,
                           gconstpointer  data)
{
  /* Nothing to look for: refused with a message, not an empty result. */
  const char *queries[] = { "()", "***", "\"\"", "-" };

  import_both (fixture);

  for (guint i = 0; i < G_N_ELEMENTS (queries); i++)
    {
      g_autoptr(CliRun) run = cli_run (fixture, "search", queries[i], NULL);

      g_assert_cmpint (run->status, ==, 1);
      g_assert_cmpstr (run->out, ==, "");
      assert_one_error_line (run->err);
    }

  /* Half-typed queries are forgiven rather than refused. */
  assert_search ("1", "\"common levy");
  assert_search ("1", "(Valmora");
  /* Punctuation inside a word is part of it. */
  assert_search ("1", "two-day");
  /* A query that looks like an option, after "--". */
  assert_search ("1", "--", "-Valmora");
}

/* which library */

static void
test_library_option_and_env (CliFixture    *fixture,
                             gconstpointer  data)
{
  g_autofree char *summit = fixture_path (SUMMIT_FIXTURE);
  g_autofree char *grain = fixture_path (GRAIN_FIXTURE);
  g_autofree char *env_library = g_build_filename (fixture->dir, "from-env.db", NULL);
  g_autofree char *option_library = g_build_filename (fixture->dir, "from-option.db", NULL);
  g_autofree char *default_library = g_build_filename (fixture->dir, "xdg-data", "attache", "library.db", NULL);
  const char * const env[] = { "ATTACHE_LIBRARY", env_library, NULL };

  /* ATTACHE_LIBRARY when there is no --library. */
  {
    const char * const argv[] = { "import", summit, NULL };
    g_autoptr(CliRun) run = cli_run_full (fixture, env, argv);

    g_assert_cmpint (run->status, ==, 0);
    g_assert_true (g_str_has_prefix (run->out, "imported 1 "));
    g_assert_true (g_file_test (env_library, G_FILE_TEST_IS_REGULAR));
  }

  /* --library before the command wins over the environment (it names a
   * library not made yet, which listing does not make). */
  {
    const char * const argv[] = { "--library", option_library, "list", NULL };
    g_autoptr(CliRun) run = cli_run_full (fixture, env, argv);

    g_assert_cmpint (run->status, ==, 1);
    g_assert_nonnull (strstr (run->err, "from-option.db"));
    g_assert_false (g_file_test (option_library, G_FILE_TEST_EXISTS));
  }

  /* --library after the command too. */
  {
    const char * const argv[] = { "import", "--library", option_library, grain, NULL };
    g_autoptr(CliRun) run = cli_run_full (fixture, env, argv);

    g_assert_cmpint (run->status, ==, 0);
    g_assert_true (g_str_has_prefix (run->out, "imported 1 Grain"));
  }

  {
    const char * const argv[] = { "list", "--library", option_library, NULL };
    g_autoptr(CliRun) run = cli_run_full (fixture, env, argv);

    g_assert_cmpint (run->status, ==, 0);
    g_assert_true (g_str_has_prefix (run->out, "1\t2024-03-15\t-\tGrain"));
    g_assert_cmpuint (count_lines (run->out), ==, 1);
  }

  {
    const char * const argv[] = { "list", NULL };
    g_autoptr(CliRun) run = cli_run_full (fixture, env, argv);

    g_assert_cmpint (run->status, ==, 0);
    g_assert_true (g_str_has_prefix (run->out, "1\t2024-04-02\t-\tTrade"));
    g_assert_cmpuint (count_lines (run->out), ==, 1);
  }

  /* Neither: the default library in $XDG_DATA_HOME, untouched so far. */
  g_assert_false (g_file_test (default_library, G_FILE_TEST_EXISTS));
  {
    const char * const argv[] = { "import", grain, summit, NULL };
    g_autoptr(CliRun) run = cli_run_full (fixture, NULL, (const char * const *) argv);

    g_assert_cmpint (run->status, ==, 0);
    g_assert_cmpuint (count_lines (run->out), ==, 2);
    g_assert_true (g_file_test (default_library, G_FILE_TEST_IS_REGULAR));
  }
}

static char *
create_newer_library (CliFixture *fixture)
{
  char *path = g_build_filename (fixture->dir, "from-the-future.db", NULL);
  sqlite3 *db = NULL;
  char *message = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  sqlite3_exec (db,
                "CREATE TABLE articles (id INTEGER PRIMARY KEY, title TEXT, hologram BLOB);"
                "INSERT INTO articles (title) VALUES ('Kept as it is');"
                "PRAGMA user_version = 999;",
                NULL, NULL, &message);
  g_assert_null (message);
  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);

  return path;
}

static void
assert_library_refused (CliFixture *fixture,
                        const char *library)
{
  g_autofree char *summit = fixture_path (SUMMIT_FIXTURE);
  g_autoptr(GBytes) before = read_bytes (library);
  const char * const commands[][4] = {
    { "list", NULL },
    { "list", "--json", NULL },
    { "import", summit, NULL },
    { "show", "1", NULL },
    { "search", "levy", NULL },
    { "delete", "1", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      const char *argv[7] = { "--library", library, NULL };
      g_autoptr(CliRun) run = NULL;

      for (guint j = 0; commands[i][j] != NULL; j++)
        argv[2 + j] = commands[i][j];

      run = cli_run_full (fixture, NULL, (const char * const *) argv);
      g_assert_cmpint (run->status, ==, 1);
      g_assert_cmpstr (run->out, ==, "");
      assert_one_error_line (run->err);
    }

  /* Left exactly as it was. */
  {
    g_autoptr(GBytes) after = read_bytes (library);
    g_autofree char *wal = g_strconcat (library, "-wal", NULL);

    g_assert_true (g_bytes_equal (before, after));
    g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
  }
}

static void
test_library_newer_version (CliFixture    *fixture,
                            gconstpointer  data)
{
  g_autofree char *library = create_newer_library (fixture);

  assert_library_refused (fixture, library);
}

static void
test_library_not_a_library (CliFixture    *fixture,
                            gconstpointer  data)
{
  const char notes[] = "These are my notes, not a database.\nPlease keep them.\n";
  g_autofree char *library = write_file (fixture, "notes.db", (const guint8 *) notes, strlen (notes));

  assert_library_refused (fixture, library);
}

/* usage */

static void
test_usage_errors (CliFixture    *fixture,
                   gconstpointer  data)
{
  g_autofree char *default_library = g_build_filename (fixture->dir, "xdg-data", "attache", "library.db", NULL);
  const char * const cases[][3] = {
    { "frobnicate", NULL },
    { NULL },
    { "--bogus", "list", NULL },
    { "list", "--bogus", NULL },
    { "list", "extra", NULL },
    { "import", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(CliRun) run = cli_run_full (fixture, NULL, cases[i]);

      g_assert_cmpint (run->status, ==, 2);
      g_assert_cmpstr (run->out, ==, "");
      assert_one_error_line (run->err);
    }

  /* A usage error leaves no library behind. */
  g_assert_false (g_file_test (default_library, G_FILE_TEST_EXISTS));
}

static void
test_usage_help_and_version (CliFixture    *fixture,
                             gconstpointer  data)
{
  g_autofree char *default_library = g_build_filename (fixture->dir, "xdg-data", "attache", "library.db", NULL);
  {
    const char * const argv[] = { "--help", NULL };
    g_autoptr(CliRun) run = cli_run_full (fixture, NULL, (const char * const *) argv);
    const char *names[] = { "import", "list", "show", "delete", "search", "briefing", "--library", "--version" };

    g_assert_cmpint (run->status, ==, 0);
    for (guint i = 0; i < G_N_ELEMENTS (names); i++)
      g_assert_nonnull (strstr (run->out, names[i]));
  }

  {
    const char * const argv[] = { "search", "--help", NULL };
    g_autoptr(CliRun) run = cli_run_full (fixture, NULL, (const char * const *) argv);

    g_assert_cmpint (run->status, ==, 0);
    g_assert_nonnull (strstr (run->out, "attache-cli search"));
    g_assert_nonnull (strstr (run->out, "--limit"));
    g_assert_nonnull (strstr (run->out, "--json"));
    g_assert_nonnull (strstr (run->out, "--library"));
  }

  {
    const char * const argv[] = { "briefing", "--help", NULL };
    g_autoptr(CliRun) run = cli_run_full (fixture, NULL, (const char * const *) argv);
    const char *names[] = { "new", "add-note", "add-excerpt", "add-article", "list", "show", "export" };

    g_assert_cmpint (run->status, ==, 0);
    for (guint i = 0; i < G_N_ELEMENTS (names); i++)
      g_assert_nonnull (strstr (run->out, names[i]));
  }

  {
    const char * const argv[] = { "briefing", "add-excerpt", "--help", NULL };
    g_autoptr(CliRun) run = cli_run_full (fixture, NULL, (const char * const *) argv);

    g_assert_cmpint (run->status, ==, 0);
    g_assert_nonnull (strstr (run->out, "attache-cli briefing add-excerpt"));
    g_assert_nonnull (strstr (run->out, "--from"));
    g_assert_nonnull (strstr (run->out, "--to"));
    g_assert_nonnull (strstr (run->out, "--section"));
  }

  {
    const char * const argv[] = { "--version", NULL };
    g_autoptr(CliRun) run = cli_run_full (fixture, NULL, (const char * const *) argv);

    g_assert_cmpint (run->status, ==, 0);
    g_assert_cmpstr (run->out, ==, "attache-cli " PACKAGE_VERSION "\n");
  }

  /* None of that touched a library. */
  g_assert_false (g_file_test (default_library, G_FILE_TEST_EXISTS));
}

/* tag */

static void
test_tag_conll (CliFixture    *fixture,
                gconstpointer  data)
{
  const char *conll =
    "-DOCSTART-\n\n"
    "US\tB-LOC\nSecretary\tO\nof\tO\nState\tO\nAntony\tB-PER\nBlinken\tI-PER\narrived\tO\nin\tO\nParis\tB-LOC\n.\tO\n\n"
    "He\tO\nmet\tO\nMacron\tB-PER\n.\tO\n\n"
    "-DOCSTART-\n\n"
    "NATO\tB-ORG\nmet\tO\n";
  g_autofree char *path = write_file (fixture, "in.conll", (const guint8 *) conll, strlen (conll));
  g_autoptr(CliRun) run = cli_run (fixture, "tag", "--conll", path, NULL);
  g_auto(GStrv) lines = NULL;

  g_assert_cmpint (run->status, ==, 0);
  g_assert_cmpstr (run->err, ==, "");
  lines = g_strsplit (run->out, "\n", -1);

  /* Documents and sentences keep their marks; every token keeps its text. */
  g_assert_cmpstr (lines[0], ==, "-DOCSTART-");
  g_assert_cmpstr (lines[1], ==, "");
  g_assert_true (g_str_has_prefix (lines[2], "US\t"));
  g_assert_cmpstr (lines[6], ==, "Antony\tB-PER");
  g_assert_cmpstr (lines[7], ==, "Blinken\tI-PER");
  g_assert_cmpstr (lines[10], ==, "Paris\tB-LOC");
  g_assert_cmpstr (lines[12], ==, "");
  g_assert_true (g_str_has_prefix (lines[13], "He\t"));
  g_assert_cmpstr (lines[17], ==, "");
  g_assert_cmpstr (lines[18], ==, "-DOCSTART-");
  g_assert_cmpstr (lines[19], ==, "");
  g_assert_true (g_str_has_prefix (lines[20], "NATO\t"));
  g_assert_true (g_str_has_prefix (lines[21], "met\t"));
  g_assert_cmpstr (lines[22], ==, "");   /* the blank line after the sentence… */
  g_assert_cmpstr (lines[23], ==, "");   /* …and what follows the output's last newline */
  g_assert_null (lines[24]);
}

static void
test_tag_text (CliFixture    *fixture,
               gconstpointer  data)
{
  const char *text = "US Secretary of State Antony Blinken's visit to Paris.\n\n"
                     "French President Emmanuel Macron met him.";
  g_autofree char *path = write_file (fixture, "brief.txt", (const guint8 *) text, strlen (text));
  g_autoptr(CliRun) run = cli_run (fixture, "tag", path, NULL);

  g_assert_cmpint (run->status, ==, 0);
  g_assert_nonnull (strstr (run->out, "Antony\tB-PER\nBlinken\tI-PER\n's\tO\n"));
  g_assert_nonnull (strstr (run->out, "Paris\tB-LOC\n.\tO\n\nFrench\t"));
  g_assert_nonnull (strstr (run->out, "Emmanuel\tB-PER\nMacron\tI-PER\n"));
}

static void
test_tag_errors (CliFixture    *fixture,
                 gconstpointer  data)
{
  g_autoptr(CliRun) no_file = cli_run (fixture, "tag", NULL);
  g_autoptr(CliRun) two_files = cli_run (fixture, "tag", "a", "b", NULL);
  g_autoptr(CliRun) missing = cli_run (fixture, "tag", "--conll", "missing.conll", NULL);

  g_assert_cmpint (no_file->status, ==, 2);
  assert_one_error_line (no_file->err);
  g_assert_cmpint (two_files->status, ==, 2);
  assert_one_error_line (two_files->err);
  g_assert_cmpint (missing->status, ==, 1);
  assert_one_error_line (missing->err);
  g_assert_nonnull (strstr (missing->err, "missing.conll"));
  g_assert_cmpstr (missing->out, ==, "");
}


/* briefing */

/* Runs a command that must succeed and print one number, and returns it. */
G_GNUC_NULL_TERMINATED static gint64
cli_run_id (CliFixture *fixture,
            const char *first_arg,
            ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(CliRun) run = NULL;
  gint64 id = 0;
  va_list args;

  g_ptr_array_add (argv, (gpointer) "--library");
  g_ptr_array_add (argv, fixture->library);
  va_start (args, first_arg);
  for (const char *arg = first_arg; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  run = cli_run_full (fixture, NULL, (const char * const *) argv->pdata);
  g_assert_cmpint (run->status, ==, 0);
  g_assert_cmpstr (run->err, ==, "");
  g_assert_true (g_str_has_suffix (run->out, "\n"));
  g_assert_cmpuint (count_lines (run->out), ==, 1);
  g_assert_true (g_ascii_string_to_signed (g_strchomp (run->out), 10, 1, G_MAXINT64, &id, NULL));
  return id;
}

static JsonNode *
show_briefing (CliFixture *fixture,
               const char *id)
{
  g_autoptr(CliRun) run = cli_run (fixture, "briefing", "show", id, "--json", NULL);

  g_assert_cmpint (run->status, ==, 0);
  g_assert_cmpstr (run->err, ==, "");
  return parse_json (run->out);
}

/* The text of article @id, as "show --json" gives it. */
static char *
article_text (CliFixture *fixture,
              const char *id)
{
  g_autoptr(CliRun) run = cli_run (fixture, "show", id, "--json", NULL);
  g_autoptr(JsonNode) root = NULL;

  g_assert_cmpint (run->status, ==, 0);
  root = parse_json (run->out);
  return g_strdup (json_object_get_string_member (json_node_get_object (root), "text"));
}

static void
test_briefing_new_and_list (CliFixture    *fixture,
                            gconstpointer  data)
{
  g_autoptr(JsonNode) root = NULL;
  JsonArray *briefings;
  JsonObject *first;

  g_assert_cmpint (cli_run_id (fixture, "briefing", "new", "Coastal trade", "--marking", "OFFICIAL-SENSITIVE",
                               "--author", "Desk Three", "--subtitle", "Levies and ports", NULL), ==, 1);
  g_assert_cmpint (cli_run_id (fixture, "briefing", "new", "Grain", "--marking", "TLP:AMBER", NULL), ==, 2);

  {
    g_autoptr(CliRun) run = cli_run (fixture, "briefing", "list", NULL);
    g_auto(GStrv) lines = NULL;
    g_auto(GStrv) columns = NULL;

    g_assert_cmpint (run->status, ==, 0);
    g_assert_cmpstr (run->err, ==, "");
    lines = g_strsplit (run->out, "\n", -1);
    g_assert_cmpuint (g_strv_length (lines), ==, 3);
    /* id, modified, status, marking, title; the newest first */
    columns = g_strsplit (lines[1], "\t", -1);
    g_assert_cmpuint (g_strv_length (columns), ==, 5);
    g_assert_cmpstr (columns[0], ==, "1");
    g_assert_true (g_regex_match_simple ("^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ$", columns[1], 0, 0));
    g_assert_cmpstr (columns[2], ==, "draft");
    g_assert_cmpstr (columns[3], ==, "OFFICIAL-SENSITIVE");
    g_assert_cmpstr (columns[4], ==, "Coastal trade");
    g_assert_true (g_str_has_prefix (lines[0], "2\t"));
  }

  {
    g_autoptr(CliRun) run = cli_run (fixture, "briefing", "list", "--json", NULL);

    g_assert_cmpint (run->status, ==, 0);
    root = parse_json (run->out);
  }
  briefings = json_object_get_array_member (json_node_get_object (root), "briefings");
  g_assert_cmpuint (json_array_get_length (briefings), ==, 2);
  first = json_array_get_object_element (briefings, 1);
  g_assert_cmpint (json_object_get_int_member (first, "id"), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (first, "title"), ==, "Coastal trade");
  g_assert_cmpstr (json_object_get_string_member (first, "subtitle"), ==, "Levies and ports");
  g_assert_cmpstr (json_object_get_string_member (first, "author"), ==, "Desk Three");
  g_assert_true (json_object_get_null_member (first, "audience"));
  g_assert_true (json_object_get_null_member (first, "date"));
  g_assert_cmpstr (json_object_get_string_member (first, "status"), ==, "draft");

  /* A blank title: refused, nothing stored. */
  {
    g_autoptr(CliRun) run = cli_run (fixture, "briefing", "new", "   ", NULL);

    g_assert_cmpint (run->status, ==, 1);
    g_assert_cmpstr (run->out, ==, "");
    assert_one_error_line (run->err);
    g_assert_nonnull (strstr (run->err, "title"));
  }
  {
    g_autoptr(CliRun) run = cli_run (fixture, "briefing", "new", "Dated", "--date", "31/12/2024", NULL);

    g_assert_cmpint (run->status, ==, 1);
    assert_one_error_line (run->err);
  }
  {
    g_autoptr(CliRun) run = cli_run (fixture, "briefing", "list", NULL);

    g_assert_cmpuint (count_lines (run->out), ==, 2);
  }
}

static void
test_briefing_compose (CliFixture    *fixture,
                       gconstpointer  data)
{
  g_autofree char *summit_title = import_fixture (fixture, SUMMIT_FIXTURE, 1);
  g_autofree char *grain_title = import_fixture (fixture, GRAIN_FIXTURE, 2);
  g_autofree char *summit_text = article_text (fixture, "1");
  g_autofree char *expected = g_utf8_substring (summit_text, 10, 120);
  g_autoptr(JsonNode) root = NULL;
  JsonObject *briefing;
  JsonArray *sections, *blocks, *sources;
  JsonObject *block, *source;

  g_assert_cmpint (cli_run_id (fixture, "briefing", "new", "Coastal trade", NULL), ==, 1);
  g_assert_cmpint (cli_run_id (fixture, "briefing", "add-note", "1", "The levy **splits** the states.",
                               "--section", "Key judgements", NULL), ==, 1);
  g_assert_cmpint (cli_run_id (fixture, "briefing", "add-excerpt", "1", "1", "--from", "10", "--to", "120",
                               "--section", "Background", NULL), ==, 2);
  g_assert_cmpint (cli_run_id (fixture, "briefing", "add-article", "1", "2", "--section", "Background", NULL), ==, 3);
  /* Back to the first section by its heading; without one, the last. */
  g_assert_cmpint (cli_run_id (fixture, "briefing", "add-excerpt", "1", "2", "--from", "0", "--to", "5",
                               "--section", "Key judgements", NULL), ==, 4);
  g_assert_cmpint (cli_run_id (fixture, "briefing", "add-note", "1", "Watch the working group.", NULL), ==, 5);

  root = show_briefing (fixture, "1");
  briefing = json_node_get_object (root);
  g_assert_cmpstr (json_object_get_string_member (briefing, "title"), ==, "Coastal trade");
  sections = json_object_get_array_member (briefing, "sections");
  g_assert_cmpuint (json_array_get_length (sections), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (sections, 0), "heading"), ==,
                   "Key judgements");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (sections, 1), "heading"), ==,
                   "Background");

  blocks = json_object_get_array_member (json_array_get_object_element (sections, 0), "blocks");
  g_assert_cmpuint (json_array_get_length (blocks), ==, 2);
  block = json_array_get_object_element (blocks, 0);
  g_assert_cmpstr (json_object_get_string_member (block, "kind"), ==, "text");
  g_assert_cmpstr (json_object_get_string_member (block, "text"), ==, "The levy **splits** the states.");
  block = json_array_get_object_element (blocks, 1);
  g_assert_cmpint (json_object_get_int_member (block, "id"), ==, 4);
  /* Cited before article 1 in the document's order: the first source. */
  g_assert_cmpint (json_object_get_int_member (block, "citation"), ==, 1);

  blocks = json_object_get_array_member (json_array_get_object_element (sections, 1), "blocks");
  g_assert_cmpuint (json_array_get_length (blocks), ==, 3);
  block = json_array_get_object_element (blocks, 0);
  g_assert_cmpstr (json_object_get_string_member (block, "kind"), ==, "excerpt");
  g_assert_cmpstr (json_object_get_string_member (block, "text"), ==, expected);
  g_assert_cmpint (json_object_get_int_member (block, "from"), ==, 10);
  g_assert_cmpint (json_object_get_int_member (block, "to"), ==, 120);
  g_assert_cmpint (json_object_get_int_member (block, "citation"), ==, 2);
  source = json_object_get_object_member (block, "source");
  g_assert_cmpint (json_object_get_int_member (source, "article_id"), ==, 1);
  g_assert_false (json_object_get_boolean_member (source, "removed"));
  g_assert_cmpstr (json_object_get_string_member (source, "title"), ==, summit_title);
  g_assert_cmpstr (json_object_get_string_member (source, "published"), ==, "2024-04-02");
  block = json_array_get_object_element (blocks, 1);
  g_assert_cmpstr (json_object_get_string_member (block, "kind"), ==, "article");
  g_assert_cmpint (json_object_get_int_member (block, "citation"), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (blocks, 2), "text"), ==,
                   "Watch the working group.");

  sources = json_object_get_array_member (briefing, "sources");
  g_assert_cmpuint (json_array_get_length (sources), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (sources, 0), "title"), ==,
                   grain_title);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (sources, 1), "title"), ==,
                   summit_title);

  /* The text form names sections and blocks with their ids. */
  {
    g_autoptr(CliRun) run = cli_run (fixture, "briefing", "show", "1", NULL);

    g_assert_cmpint (run->status, ==, 0);
    g_assert_true (g_str_has_prefix (run->out, "Coastal trade\n"));
    g_assert_nonnull (strstr (run->out, "\n## Key judgements\n  1\ttext\tThe levy **splits** the states.\n"));
    g_assert_nonnull (strstr (run->out, "\n## Background\n  2\texcerpt\t“"));
    g_assert_nonnull (strstr (run->out, "\nSources:\n  [1] "));
  }

  /* The article quoted is deleted: the quote stays, marked removed. */
  {
    g_autoptr(CliRun) run = cli_run (fixture, "delete", "1", NULL);
    g_autoptr(JsonNode) after = NULL;

    g_assert_cmpint (run->status, ==, 0);
    after = show_briefing (fixture, "1");
    sections = json_object_get_array_member (json_node_get_object (after), "sections");
    blocks = json_object_get_array_member (json_array_get_object_element (sections, 1), "blocks");
    block = json_array_get_object_element (blocks, 0);
    g_assert_cmpstr (json_object_get_string_member (block, "text"), ==, expected);
    source = json_object_get_object_member (block, "source");
    g_assert_true (json_object_get_boolean_member (source, "removed"));
    g_assert_cmpint (json_object_get_int_member (source, "article_id"), ==, 1);
    g_assert_cmpstr (json_object_get_string_member (source, "title"), ==, summit_title);
  }
}

static void
test_briefing_bad_input (CliFixture    *fixture,
                         gconstpointer  data)
{
  g_autofree char *title = import_fixture (fixture, SUMMIT_FIXTURE, 1);
  g_autofree char *text = article_text (fixture, "1");
  g_autofree char *length = g_strdup_printf ("%ld", g_utf8_strlen (text, -1));
  g_autofree char *past_end = g_strdup_printf ("%ld", g_utf8_strlen (text, -1) + 1);
  g_autofree char *before = NULL;
  g_autofree char *default_library = g_build_filename (fixture->dir, "xdg-data", "attache", "library.db", NULL);
  const char * const failures[][9] = {
    { "briefing", "add-note", "7", "A note", NULL },                                   /* no briefing 7 */
    { "briefing", "add-note", "1", " \n ", NULL },                                      /* empty */
    { "briefing", "add-article", "1", "9", NULL },                                      /* no article 9 */
    { "briefing", "add-excerpt", "1", "9", "--from", "0", "--to", "3", NULL },          /* no article 9 */
    { "briefing", "add-excerpt", "1", "1", "--from", "5", "--to", "5", NULL },          /* empty passage */
    { "briefing", "add-excerpt", "1", "1", "--from", "9", "--to", "3", NULL },          /* backwards */
    { "briefing", "add-excerpt", "1", "1", "--from", "0", "--to", past_end, NULL },     /* past the end */
    { "briefing", "add-excerpt", "1", "1", "--from", "-1", "--to", "3", NULL },         /* negative */
    { "briefing", "show", "7", NULL },
    { "briefing", "export", "7", "out.md", NULL },
  };
  const char * const usage[][9] = {
    { "briefing", NULL },
    { "briefing", "frobnicate", NULL },
    { "briefing", "new", NULL },
    { "briefing", "new", "One", "Two", NULL },
    { "briefing", "add-note", "one", "A note", NULL },
    { "briefing", "add-excerpt", "1", "1", "--from", "3", NULL },
    { "briefing", "add-excerpt", "1", "1", "--from", "three", "--to", "9", NULL },
    { "briefing", "add-excerpt", "1", "x", "--from", "0", "--to", "9", NULL },
    { "briefing", "list", "extra", NULL },
    { "briefing", "show", NULL },
    { "briefing", "export", "1", "out.txt", NULL },
    { "briefing", "export", "1", "out.md", "--paper", "a3", NULL },
  };

  /* Usage errors touch no library at all. */
  for (guint i = 0; i < G_N_ELEMENTS (usage); i++)
    {
      g_autoptr(CliRun) run = cli_run_full (fixture, NULL, usage[i]);

      g_assert_cmpint (run->status, ==, 2);
      g_assert_cmpstr (run->out, ==, "");
      assert_one_error_line (run->err);
    }
  g_assert_false (g_file_test (default_library, G_FILE_TEST_EXISTS));

  g_assert_cmpint (cli_run_id (fixture, "briefing", "new", "Kept as it is", NULL), ==, 1);
  g_assert_cmpint (cli_run_id (fixture, "briefing", "add-excerpt", "1", "1", "--from", "0", "--to", length,
                               "--section", "Whole", NULL), ==, 1);
  {
    g_autoptr(CliRun) run = cli_run (fixture, "briefing", "show", "1", "--json", NULL);

    before = g_strdup (run->out);
  }

  for (guint i = 0; i < G_N_ELEMENTS (failures); i++)
    {
      g_autoptr(GPtrArray) argv = g_ptr_array_new ();
      g_autoptr(CliRun) run = NULL;

      g_ptr_array_add (argv, (gpointer) "--library");
      g_ptr_array_add (argv, fixture->library);
      for (guint j = 0; failures[i][j] != NULL; j++)
        g_ptr_array_add (argv, (gpointer) failures[i][j]);
      /* A section that would be new: not created either. */
      if (g_str_has_prefix (failures[i][1], "add-"))
        {
          g_ptr_array_add (argv, (gpointer) "--section");
          g_ptr_array_add (argv, (gpointer) "Never");
        }
      g_ptr_array_add (argv, NULL);
      run = cli_run_full (fixture, NULL, (const char * const *) argv->pdata);

      g_assert_cmpint (run->status, ==, 1);
      g_assert_cmpstr (run->out, ==, "");
      assert_one_error_line (run->err);
    }

  /* Offsets outside the text say what the text allows. */
  {
    g_autoptr(CliRun) run = cli_run (fixture, "briefing", "add-excerpt", "1", "1", "--from", "0",
                                     "--to", past_end, NULL);
    g_autofree char *allowed = g_strdup_printf ("≤ %s", length);

    g_assert_nonnull (strstr (run->err, allowed));
  }

  {
    g_autoptr(CliRun) run = cli_run (fixture, "briefing", "show", "1", "--json", NULL);

    g_assert_cmpstr (run->out, ==, before);
  }
  {
    g_autofree char *out = g_build_filename (fixture->dir, "out.md", NULL);

    g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));
  }
}

static void
test_briefing_export (CliFixture    *fixture,
                      gconstpointer  data)
{
  g_autofree char *title = import_fixture (fixture, SUMMIT_FIXTURE, 1);
  g_autofree char *text = article_text (fixture, "1");
  g_autofree char *quote = g_utf8_substring (text, 0, 31);
  g_autofree char *expected_quote = g_strdup_printf ("> %s [1]\n", quote);
  g_autofree char *md = g_build_filename (fixture->dir, "brief.md", NULL);
  g_autofree char *pdf = g_build_filename (fixture->dir, "brief.pdf", NULL);
  g_autofree char *unwritable = g_build_filename (fixture->dir, "no such folder", "brief.md", NULL);
  g_autofree char *contents = NULL;

  g_assert_cmpint (cli_run_id (fixture, "briefing", "new", "Coastal trade", "--marking", "TLP:AMBER",
                               "--author", "Desk Three", NULL), ==, 1);
  g_assert_cmpint (cli_run_id (fixture, "briefing", "add-note", "1", "The levy *splits* the states.",
                               "--section", "Key judgements", NULL), ==, 1);
  g_assert_cmpint (cli_run_id (fixture, "briefing", "add-excerpt", "1", "1", "--from", "0", "--to", "31",
                               "--section", "Background", NULL), ==, 2);

  {
    g_autoptr(CliRun) run = cli_run (fixture, "briefing", "export", "1", md, NULL);

    g_assert_cmpint (run->status, ==, 0);
    g_assert_cmpstr (run->out, ==, "");
    g_assert_cmpstr (run->err, ==, "");
  }
  g_assert_true (g_file_get_contents (md, &contents, NULL, NULL));
  g_assert_true (g_str_has_prefix (contents, "**TLP:AMBER**\n\n# Coastal trade\n\n"));
  g_assert_true (g_str_has_suffix (contents, "**TLP:AMBER**\n"));
  g_assert_nonnull (strstr (contents, "**Author:** Desk Three"));
  g_assert_nonnull (strstr (contents, "## Key judgements\n\nThe levy *splits* the states.\n\n## Background\n\n"));
  g_assert_nonnull (strstr (contents, expected_quote));
  g_assert_nonnull (strstr (contents, "## Sources\n\n1. “"));
  g_assert_nonnull (strstr (contents, ", 2024-04-02\n"));

  /* The PDF, on US Letter: a PDF file, quietly written. */
  {
    g_autoptr(CliRun) run = cli_run (fixture, "briefing", "export", "1", pdf, "--paper", "letter", NULL);
    g_autofree char *head = NULL;
    gsize length;

    g_assert_cmpint (run->status, ==, 0);
    g_assert_cmpstr (run->out, ==, "");
    g_assert_cmpstr (run->err, ==, "");
    g_assert_true (g_file_get_contents (pdf, &head, &length, NULL));
    g_assert_cmpuint (length, >, 1000);
    g_assert_true (g_str_has_prefix (head, "%PDF-"));
    g_assert_nonnull (g_strstr_len (head, (gssize) length, "/MediaBox [ 0 0 612 792 ]"));
  }

  /* An unwritable place: the reason, and nothing left behind. */
  {
    g_autoptr(CliRun) run = cli_run (fixture, "briefing", "export", "1", unwritable, NULL);

    g_assert_cmpint (run->status, ==, 1);
    g_assert_cmpstr (run->out, ==, "");
    assert_one_error_line (run->err);
    g_assert_nonnull (strstr (run->err, unwritable));
  }
  {
    g_autoptr(GDir) dir = g_dir_open (fixture->dir, 0, NULL);
    const char *name;

    while ((name = g_dir_read_name (dir)) != NULL)
      g_assert_true (g_str_equal (name, "brief.md") || g_str_equal (name, "brief.pdf") || g_str_has_prefix (name, "library.db"));
  }
}

/* Exploring: search filters, summary, actors, corrections */

#define CORRIDOR_FIXTURE "cli-corridor.txt"
#define DEFENCE_FIXTURE  "cli-corridor-defence.txt"
#define RETURN_FIXTURE   "cli-corridor-return.txt"

/* The corridor story (1) and its follow-up (2), analysed on import. */
static void
import_corridor (CliFixture *fixture)
{
  g_free (import_fixture (fixture, CORRIDOR_FIXTURE, 1));
  g_free (import_fixture (fixture, DEFENCE_FIXTURE, 2));
}

static JsonObject *
run_json (CliFixture  *fixture,
          JsonNode   **out_root,
          const char  *first_arg,
          ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(CliRun) run = NULL;
  va_list args;

  g_ptr_array_add (argv, (gpointer) "--library");
  g_ptr_array_add (argv, fixture->library);
  va_start (args, first_arg);
  for (const char *arg = first_arg; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (args);
  g_ptr_array_add (argv, (gpointer) "--json");
  g_ptr_array_add (argv, NULL);

  run = cli_run_full (fixture, NULL, (const char * const *) argv->pdata);
  g_assert_cmpint (run->status, ==, 0);
  g_assert_cmpstr (run->err, ==, "");
  *out_root = parse_json (run->out);
  return json_node_get_object (*out_root);
}

/* The ids of "search --json ARG…" as "2 1", and the total. */
G_GNUC_NULL_TERMINATED static char *
search_json_ids (CliFixture *fixture,
                 gint64     *out_total,
                 const char *first_arg,
                 ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(CliRun) run = NULL;
  g_autoptr(JsonNode) root = NULL;
  JsonArray *results;
  GString *ids = g_string_new (NULL);
  va_list args;

  g_ptr_array_add (argv, (gpointer) "--library");
  g_ptr_array_add (argv, fixture->library);
  g_ptr_array_add (argv, (gpointer) "search");
  g_ptr_array_add (argv, (gpointer) "--json");
  va_start (args, first_arg);
  for (const char *arg = first_arg; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  run = cli_run_full (fixture, NULL, (const char * const *) argv->pdata);
  g_assert_cmpint (run->status, ==, 0);
  root = parse_json (run->out);
  results = json_object_get_array_member (json_node_get_object (root), "results");
  for (guint i = 0; i < json_array_get_length (results); i++)
    {
      JsonObject *hit = json_array_get_object_element (results, i);

      g_assert_true (json_object_has_member (hit, "title"));
      g_assert_true (json_object_has_member (hit, "published"));
      g_assert_true (json_object_has_member (hit, "snippet"));
      g_string_append_printf (ids, "%s%" G_GINT64_FORMAT, i > 0 ? " " : "", json_object_get_int_member (hit, "id"));
    }
  if (out_total != NULL)
    *out_total = json_object_get_int_member (json_node_get_object (root), "total");
  return g_string_free (ids, FALSE);
}

static void
test_search_filters (CliFixture    *fixture,
                     gconstpointer  data)
{
  gint64 total = 0;

  import_both (fixture);      /* 1 summit, 2024-04-02; 2 grain report, 2024-03-15 */
  g_free (import_fixture (fixture, CORRIDOR_FIXTURE, 3));
  g_free (import_fixture (fixture, DEFENCE_FIXTURE, 4));

#define assert_json_search(expected, ...) \
  G_STMT_START { \
    g_autofree char *found_ = search_json_ids (fixture, NULL, __VA_ARGS__, NULL); \
    g_assert_cmpstr (found_, ==, (expected)); \
  } G_STMT_END

  /* The summit article mentions a corridor too, once, in its text. */
  assert_json_search ("4 3 1", "corridor");
  assert_json_search ("4", "corridor", "--from", "2024-06-04");
  assert_json_search ("3 1", "corridor", "--to", "2024-06-09");
  assert_json_search ("4 3", "corridor", "--from", "2024-06", "--to", "2024-06");
  assert_json_search ("1", "corridor", "--to", "2024-05");
  assert_json_search ("", "corridor", "--to", "2024-03");
  assert_json_search ("3", "corridor", "--actor", "Ilse Marran");
  assert_json_search ("4", "--actor", "person:Marran");
  assert_json_search ("3", "--actor", "Tomas Brekken", "--subject", "politics");
  assert_json_search ("3", "--topic", "grain corridor");
  /* Without words, newest first. */
  assert_json_search ("4 3", "--from", "2024-06-01");

  {
    g_autofree char *ids = search_json_ids (fixture, &total, "--to", "2024-04-30", "--limit", "1", NULL);

    g_assert_cmpstr (ids, ==, "1");
    g_assert_cmpint (total, ==, 2);
  }

  /* The text output says how many more there are. */
  {
    g_autoptr(CliRun) run = cli_run (fixture, "search", "--limit", "1", "--to", "2024-04-30", NULL);

    g_assert_cmpint (run->status, ==, 0);
    g_assert_true (g_str_has_prefix (run->out, "1\t2024-04-02\t"));
    g_assert_nonnull (strstr (run->err, "1 of 2"));
  }

  /* Wrong dates and subjects are usage errors; an unknown actor is not found. */
  {
    g_autoptr(CliRun) run = cli_run (fixture, "search", "corridor", "--from", "June", NULL);

    g_assert_cmpint (run->status, ==, 2);
    assert_one_error_line (run->err);
    g_assert_nonnull (strstr (run->err, "June"));
  }
  {
    g_autoptr(CliRun) run = cli_run (fixture, "search", "--subject", "gardening", NULL);

    g_assert_cmpint (run->status, ==, 2);
    assert_one_error_line (run->err);
  }
  {
    g_autoptr(CliRun) run = cli_run (fixture, "search", "--actor", "Nobody Known", "corridor", NULL);

    g_assert_cmpint (run->status, ==, 1);
    assert_one_error_line (run->err);
    g_assert_nonnull (strstr (run->err, "Nobody Known"));
    g_assert_cmpstr (run->out, ==, "");
  }
  {
    g_autoptr(CliRun) run = cli_run (fixture, "search", "--from", "", NULL);

    g_assert_cmpint (run->status, ==, 2);
    assert_one_error_line (run->err);
  }
}

static void
test_summary (CliFixture    *fixture,
              gconstpointer  data)
{
  import_corridor (fixture);

  {
    g_autoptr(JsonNode) root = NULL;
    JsonObject *summary = run_json (fixture, &root, "summary", "1", "2", NULL);
    JsonArray *actors = json_object_get_array_member (summary, "actors");
    gboolean found_union = FALSE;

    g_assert_cmpint (json_object_get_int_member (summary, "articles"), ==, 2);
    g_assert_cmpstr (json_object_get_string_member (summary, "from"), ==, "2024-06-03");
    g_assert_cmpstr (json_object_get_string_member (summary, "to"), ==, "2024-06-10");
    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (summary, "sources")), ==, 0);
    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (summary, "topics")), >, 0);
    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (summary, "subjects")), >, 0);
    g_assert_cmpuint (json_array_get_length (actors), >=, 5);
    for (guint i = 0; i < json_array_get_length (actors); i++)
      {
        JsonObject *actor = json_array_get_object_element (actors, i);

        g_assert_true (json_object_has_member (actor, "type"));
        g_assert_cmpint (json_object_get_int_member (actor, "mentions"), >=,
                         json_object_get_int_member (actor, "articles"));
        if (g_str_equal (json_object_get_string_member (actor, "name"), "Northern Grain Union"))
          {
            found_union = TRUE;
            g_assert_cmpstr (json_object_get_string_member (actor, "type"), ==, "organization");
            g_assert_cmpint (json_object_get_int_member (actor, "articles"), ==, 2);
            g_assert_cmpint (json_object_get_int_member (actor, "mentions"), ==, 2);
          }
      }
    g_assert_true (found_union);
  }

  /* A search's results. */
  {
    g_autoptr(JsonNode) root = NULL;
    JsonObject *summary = run_json (fixture, &root, "summary", "--search", "inspectors", NULL);
    JsonArray *actors = json_object_get_array_member (summary, "actors");

    g_assert_cmpint (json_object_get_int_member (summary, "articles"), ==, 1);
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (actors, 0), "name"), ==,
                     "Ilse Marran");
  }

  /* For people. */
  {
    g_autoptr(CliRun) run = cli_run (fixture, "summary", "1", NULL);

    g_assert_cmpint (run->status, ==, 0);
    g_assert_true (g_str_has_prefix (run->out, "1 article, 2024-06-03\n"));
    g_assert_nonnull (strstr (run->out, "Subjects: politics (1)"));
    g_assert_nonnull (strstr (run->out, "  Ilse Marran "));
  }

  {
    g_autoptr(CliRun) run = cli_run (fixture, "summary", NULL);

    g_assert_cmpint (run->status, ==, 2);
    assert_one_error_line (run->err);
  }
  {
    g_autoptr(CliRun) run = cli_run (fixture, "summary", "1", "--search", "corridor", NULL);

    g_assert_cmpint (run->status, ==, 2);
    assert_one_error_line (run->err);
  }
  {
    g_autoptr(CliRun) run = cli_run (fixture, "summary", "one", NULL);

    g_assert_cmpint (run->status, ==, 2);
    assert_one_error_line (run->err);
  }
  {
    g_autoptr(CliRun) run = cli_run (fixture, "summary", "1", "99", NULL);

    g_assert_cmpint (run->status, ==, 1);
    assert_one_error_line (run->err);
    g_assert_nonnull (strstr (run->err, "99"));
    g_assert_cmpstr (run->out, ==, "");
  }
}

/* "actors --json": the actor named @name (the first, when several). */
static JsonObject *
find_actor_json (JsonArray  *actors,
                 const char *name)
{
  for (guint i = 0; i < json_array_get_length (actors); i++)
    {
      JsonObject *actor = json_array_get_object_element (actors, i);

      if (g_str_equal (json_object_get_string_member (actor, "name"), name))
        return actor;
    }
  return NULL;
}

static void
test_actors (CliFixture    *fixture,
             gconstpointer  data)
{
  g_autoptr(JsonNode) root = NULL;
  JsonArray *actors;
  JsonObject *union_actor;

  import_corridor (fixture);

  actors = json_object_get_array_member (run_json (fixture, &root, "actors", NULL), "actors");
  g_assert_cmpuint (json_array_get_length (actors), >=, 8);
  union_actor = find_actor_json (actors, "Northern Grain Union");
  g_assert_nonnull (union_actor);
  g_assert_cmpint (json_object_get_int_member (union_actor, "id"), >, 0);
  g_assert_cmpstr (json_object_get_string_member (union_actor, "type"), ==, "organization");
  g_assert_cmpint (json_object_get_int_member (union_actor, "articles"), ==, 2);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (union_actor, "aliases")), ==, 0);
  /* Most articles first. */
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (actors, 0), "articles"), ==, 2);

  {
    g_autoptr(CliRun) run = cli_run (fixture, "actors", "grain", NULL);
    g_auto(GStrv) fields = NULL;

    g_assert_cmpint (run->status, ==, 0);
    g_assert_cmpuint (count_lines (run->out), ==, 1);
    fields = g_strsplit (run->out, "\t", -1);
    g_assert_cmpuint (g_strv_length (fields), ==, 8);
    g_assert_cmpstr (fields[1], ==, "organization");
    g_assert_cmpstr (fields[2], ==, "2");
    g_assert_cmpstr (fields[3], ==, "2024-06-03");
    g_assert_cmpstr (fields[4], ==, "2024-06-10");
    g_assert_cmpstr (fields[5], ==, "Northern Grain Union");
  }
  {
    g_autoptr(CliRun) run = cli_run (fixture, "actors", "a", "b", NULL);

    g_assert_cmpint (run->status, ==, 2);
    assert_one_error_line (run->err);
  }
}

/* The actors of article @id, from "show --json", as "name (type)". */
static char *
shown_actors (CliFixture *fixture,
              const char *id)
{
  g_autoptr(JsonNode) root = NULL;
  JsonObject *article = run_json (fixture, &root, "show", id, NULL);
  JsonArray *actors = json_object_get_array_member (json_object_get_object_member (article, "analysis"), "actors");
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < json_array_get_length (actors); i++)
    {
      JsonObject *actor = json_array_get_object_element (actors, i);

      g_string_append_printf (out, "%s%s (%s)", i > 0 ? ", " : "", json_object_get_string_member (actor, "name"),
                              json_object_get_string_member (actor, "type"));
    }
  return g_string_free (out, FALSE);
}

static gint64
correction_of (const char *out)
{
  g_assert_true (g_str_has_prefix (out, "correction "));
  return g_ascii_strtoll (out + strlen ("correction "), NULL, 10);
}

static void
test_actor_corrections (CliFixture    *fixture,
                        gconstpointer  data)
{
  g_autofree char *actors = NULL;
  gint64 correction;

  import_corridor (fixture);
  actors = shown_actors (fixture, "2");
  g_assert_nonnull (strstr (actors, "Marran (person)"));
  g_assert_null (strstr (actors, "Ilse Marran"));

  /* Kessel is a place and (by mistake) a person: the name alone is ambiguous. */
  {
    g_autoptr(CliRun) run = cli_run (fixture, "actor", "merge", "Kessel", "Kessel", NULL);

    g_assert_cmpint (run->status, ==, 1);
    assert_one_error_line (run->err);
    g_assert_nonnull (strstr (run->err, "Kessel (location, 1 article)"));
    g_assert_nonnull (strstr (run->err, "Kessel (person, 1 article)"));
    g_assert_cmpstr (run->out, ==, "");
  }
  {
    g_autoptr(CliRun) run = cli_run (fixture, "actor", "merge", "location:Kessel", "person:Kessel", NULL);

    g_assert_cmpint (run->status, ==, 0);
    g_assert_nonnull (strstr (run->out, "merged"));
  }

  /* merge KEEP OTHER, by name; then by id (an actor merged with itself is refused). */
  {
    g_autoptr(CliRun) run = cli_run (fixture, "actor", "merge", "Ilse Marran", "person:Marran", NULL);

    g_assert_cmpint (run->status, ==, 0);
    g_assert_cmpstr (run->err, ==, "");
    correction = correction_of (run->out);
    g_assert_cmpint (correction, >, 0);
  }
  g_free (actors);
  actors = shown_actors (fixture, "2");
  g_assert_nonnull (strstr (actors, "Ilse Marran (person)"));
  {
    g_autoptr(JsonNode) root = NULL;
    JsonArray *list = json_object_get_array_member (run_json (fixture, &root, "actors", "Marran", NULL), "actors");
    JsonObject *marran;
    JsonArray *aliases;
    g_autofree char *id = NULL;

    g_assert_cmpuint (json_array_get_length (list), ==, 1);
    marran = json_array_get_object_element (list, 0);
    aliases = json_object_get_array_member (marran, "aliases");
    g_assert_cmpuint (json_array_get_length (aliases), ==, 1);
    g_assert_cmpstr (json_array_get_string_element (aliases, 0), ==, "Marran");
    g_assert_cmpint (json_object_get_int_member (marran, "articles"), ==, 2);

    id = g_strdup_printf ("%" G_GINT64_FORMAT, json_object_get_int_member (marran, "id"));
    {
      g_autoptr(CliRun) run = cli_run (fixture, "actor", "merge", id, "Ilse Marran", NULL);

      g_assert_cmpint (run->status, ==, 1);
      assert_one_error_line (run->err);
    }
  }

  /* The merge holds for an article imported later. */
  g_free (import_fixture (fixture, RETURN_FIXTURE, 3));
  g_free (actors);
  actors = shown_actors (fixture, "3");
  g_assert_cmpstr (actors, ==, "Ilse Marran (person), Kessel (location)");

  /* rename, set-type, hide: each a correction; undo takes the last back. */
  {
    g_autoptr(CliRun) run = cli_run (fixture, "actor", "rename", "Ilse Marran", "Premier Ilse Marran", NULL);

    g_assert_cmpint (run->status, ==, 0);
    g_assert_cmpint (correction_of (run->out), >, correction);
  }
  {
    g_autoptr(CliRun) run = cli_run (fixture, "actor", "set-type", "Valmora", "country", NULL);

    g_assert_cmpint (run->status, ==, 0);
  }
  {
    g_autoptr(CliRun) run = cli_run (fixture, "actor", "hide", "Valmoran", NULL);

    g_assert_cmpint (run->status, ==, 0);
    correction = correction_of (run->out);
  }
  g_free (actors);
  actors = shown_actors (fixture, "2");
  g_assert_nonnull (strstr (actors, "Premier Ilse Marran (person)"));
  g_assert_null (strstr (actors, "Valmoran"));
  g_free (actors);
  actors = shown_actors (fixture, "1");
  g_assert_nonnull (strstr (actors, "Valmora (country)"));
  {
    g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, correction);
    g_autoptr(CliRun) run = cli_run (fixture, "actor", "undo", number, NULL);

    g_assert_cmpint (run->status, ==, 0);
  }
  g_free (actors);
  actors = shown_actors (fixture, "2");
  g_assert_nonnull (strstr (actors, "Valmoran (organization)"));

  /* split: "Marran" is Ilse Marran's other name; made an actor again. */
  {
    g_autoptr(CliRun) run = cli_run (fixture, "actor", "split", "Premier Ilse Marran", "Brekken", NULL);

    g_assert_cmpint (run->status, ==, 1);
    assert_one_error_line (run->err);
    g_assert_nonnull (strstr (run->err, "Marran"));
  }
  {
    g_autoptr(JsonNode) root = NULL;
    JsonObject *result = run_json (fixture, &root, "actor", "split", "Premier Ilse Marran", "marran", NULL);

    g_assert_cmpint (json_object_get_int_member (result, "correction"), >, correction);
  }
  g_free (actors);
  actors = shown_actors (fixture, "3");
  g_assert_cmpstr (actors, ==, "Marran (person), Kessel (location)");

  /* The command line itself wrong: 2, and nothing done. */
  {
    const char *wrong[][5] = {
      { "actor", NULL },
      { "actor", "explode", "Kessel", NULL },
      { "actor", "merge", "Kessel", NULL },
      { "actor", "set-type", "Kessel", "planet", NULL },
      { "actor", "undo", "last", NULL },
    };

    for (guint i = 0; i < G_N_ELEMENTS (wrong); i++)
      {
        g_autoptr(GPtrArray) argv = g_ptr_array_new ();
        g_autoptr(CliRun) run = NULL;

        g_ptr_array_add (argv, (gpointer) "--library");
        g_ptr_array_add (argv, fixture->library);
        for (guint a = 0; wrong[i][a] != NULL; a++)
          g_ptr_array_add (argv, (gpointer) wrong[i][a]);
        g_ptr_array_add (argv, NULL);
        run = cli_run_full (fixture, NULL, (const char * const *) argv->pdata);
        g_assert_cmpint (run->status, ==, 2);
        assert_one_error_line (run->err);
      }
  }
  {
    g_autoptr(CliRun) run = cli_run (fixture, "actor", "undo", "999", NULL);

    g_assert_cmpint (run->status, ==, 1);
    assert_one_error_line (run->err);
  }
  {
    g_autoptr(CliRun) run = cli_run (fixture, "actor", "--help", NULL);

    g_assert_cmpint (run->status, ==, 0);
    g_assert_nonnull (strstr (run->out, "merge KEEP OTHER"));
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD_TEST(path, func) \
  g_test_add (path, CliFixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD_TEST ("/cli/import/analyst-format", test_import_analyst_format);
  ADD_TEST ("/cli/import/duplicate", test_import_duplicate);
  ADD_TEST ("/cli/import/failures", test_import_failures);
  ADD_TEST ("/cli/import/mixed-batch", test_import_mixed_batch);
  ADD_TEST ("/cli/list/text", test_list_text);
  ADD_TEST ("/cli/list/empty", test_list_empty);
  ADD_TEST ("/cli/missing-library", test_missing_library);
  ADD_TEST ("/cli/show/json", test_show_json);
  ADD_TEST ("/cli/show/text", test_show_text);
  ADD_TEST ("/cli/show/missing", test_show_missing);
  ADD_TEST ("/cli/show/bad-id", test_show_bad_id);
  ADD_TEST ("/cli/delete", test_delete);
  ADD_TEST ("/cli/search/text", test_search_text);
  ADD_TEST ("/cli/search/snippet-and-limit", test_search_snippet_and_limit);
  ADD_TEST ("/cli/search/json", test_search_json);
  ADD_TEST ("/cli/search/invalid-query", test_search_invalid_query);
  ADD_TEST ("/cli/search/filters", test_search_filters);
  ADD_TEST ("/cli/summary", test_summary);
  ADD_TEST ("/cli/actors", test_actors);
  ADD_TEST ("/cli/actor/corrections", test_actor_corrections);
  ADD_TEST ("/cli/library/option-and-env", test_library_option_and_env);
  ADD_TEST ("/cli/library/newer-version", test_library_newer_version);
  ADD_TEST ("/cli/library/not-a-library", test_library_not_a_library);
  ADD_TEST ("/cli/tag/conll", test_tag_conll);
  ADD_TEST ("/cli/tag/text", test_tag_text);
  ADD_TEST ("/cli/tag/errors", test_tag_errors);
  ADD_TEST ("/cli/briefing/new-and-list", test_briefing_new_and_list);
  ADD_TEST ("/cli/briefing/compose", test_briefing_compose);
  ADD_TEST ("/cli/briefing/bad-input", test_briefing_bad_input);
  ADD_TEST ("/cli/briefing/export", test_briefing_export);
  ADD_TEST ("/cli/usage/errors", test_usage_errors);
  ADD_TEST ("/cli/usage/help-and-version", test_usage_help_and_version);

#undef ADD_TEST

  return g_test_run ();
}
