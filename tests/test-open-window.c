/* test-open-window.c: the application opening a library, in-process, under Xvfb
 *
 * The library is opened in a worker: a library of an older format, brought
 * up to date on its first open, shows a window saying so while the main loop
 * keeps running, then the library's window with every article kept; an
 * ordinary library opens straight into its window. Each case runs the real
 * application (g_application_run) in a subprocess of its own.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <adwaita.h>
#include <sqlite3.h>

#include "attache-actors.h"
#include "attache-application.h"
#include "attache-database.h"
#include "attache-database-private.h"
#include "attache-library.h"
#include "attache-window.h"

#include "test-helpers.h"
#include "test-ui-helpers.h"

#define WAIT_SECONDS 20

/* Articles in the format-7 library: enough that its upgrade takes a moment. */
#define N_OLD_ARTICLES 20000

/* A library as Attaché's format 7 wrote it (before exploring and briefings):
 * N_OLD_ARTICLES analysed articles naming two people. */
static void
make_old_library (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *sql = NULL;

  {
    g_autoptr(AttacheDatabase) old = _attache_database_open_at_version (path, 7, &error);

    g_assert_no_error (error);
  }

  sql = g_strdup_printf (
    "BEGIN;"
    "WITH RECURSIVE n (i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < %d)"
    "  INSERT INTO articles (id, title, published, imported, body, sha256, fingerprint, origin)"
    "  SELECT i, 'Harbour report ' || i, printf ('2024-%%02d-%%02d', 1 + i %% 12, 1 + i %% 28),"
    "         '2024-05-01T10:00:00Z', 'Marran met Brekken in the port of Valmora. Report ' || i || '.',"
    "         'sha-' || i, 'fp-' || i, '/old/' || i || '.txt' FROM n;"
    "INSERT INTO actors (id, name, type) VALUES (1, 'Ilse Marran', 'person'), (2, 'Tomas Brekken', 'person');"
    "INSERT INTO actor_aliases (alias, actor_id) VALUES ('person:ilse marran', 1), ('person:tomas brekken', 2);"
    "INSERT INTO analyses (article_id, version, analysed) SELECT id, 3, 1 FROM articles;"
    "INSERT INTO article_actors (article_id, actor_id, mentions, salience, forms)"
    "  SELECT id, 1, 1, 1.0, 'Marran' FROM articles UNION ALL SELECT id, 2, 1, 0.5, 'Brekken' FROM articles;"
    "INSERT INTO mentions (article_id, actor_id, start, end)"
    "  SELECT id, 1, 0, 6 FROM articles UNION ALL SELECT id, 2, 11, 18 FROM articles;"
    "COMMIT;",
    N_OLD_ARTICLES);
  test_raw_exec (path, sql);
}

typedef struct
{
  guint      n_checks;
  gboolean   opening_seen;      /* the window saying the library is opened */
  char      *opening_title;
  gboolean   opening_saved;
  gboolean   main_window_seen;  /* while the opening window was up: none */
  gboolean   main_before_opening;
  char      *subtitle;          /* the main window's, once it lists the library */
} OpenSeen;

static GtkWindow *
find_window (gboolean main_window)
{
  g_autoptr(GList) toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    {
      if (!gtk_widget_get_mapped (l->data))
        continue;
      if (main_window && ATTACHE_IS_WINDOW (l->data))
        return l->data;
      if (!main_window && gtk_widget_has_css_class (l->data, "opening-window"))
        return l->data;
    }

  return NULL;
}

/* Looks at the windows every 20 ms until the library's window lists it, then
 * closes it (and the application quits). */
static gboolean
check_windows_cb (gpointer user_data)
{
  OpenSeen *seen = user_data;
  GtkWindow *opening = find_window (FALSE);
  GtkWindow *main_window = find_window (TRUE);

  g_assert_cmpuint (++seen->n_checks, <, 60 * 50);

  if (opening != NULL)
    {
      if (!seen->opening_seen)
        {
          GtkWidget *page = find_by_type (GTK_WIDGET (opening), ADW_TYPE_STATUS_PAGE);

          seen->opening_seen = TRUE;
          seen->main_before_opening = seen->main_window_seen;
          g_assert_nonnull (page);
          seen->opening_title = g_strdup (adw_status_page_get_title (ADW_STATUS_PAGE (page)));
        }
      else if (!seen->opening_saved)
        {
          /* Drawn by now: the main loop runs while the library is opened. */
          save_png (GTK_WIDGET (opening), "window-upgrading.png");
          seen->opening_saved = TRUE;
        }
    }

  if (main_window != NULL)
    {
      const char *subtitle;
      GObject *title;

      seen->main_window_seen = TRUE;
      title = gtk_widget_get_template_child (GTK_WIDGET (main_window), ATTACHE_TYPE_WINDOW, "window_title");
      subtitle = adw_window_title_get_subtitle (ADW_WINDOW_TITLE (title));
      if (subtitle != NULL && g_str_has_suffix (subtitle, " articles"))
        {
          seen->subtitle = g_strdup (subtitle);
          gtk_window_close (main_window);
          return G_SOURCE_REMOVE;
        }
    }

  return G_SOURCE_CONTINUE;
}

static int
run_application (const char *path,
                 OpenSeen   *seen)
{
  g_autoptr(AttacheApplication) app = attache_application_new ();
  char *args[] = { (char *) "attache", (char *) "--library", (char *) path, NULL };

  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE | G_APPLICATION_HANDLES_COMMAND_LINE);
  g_timeout_add (20, check_windows_cb, seen);

  return g_application_run (G_APPLICATION (app), G_N_ELEMENTS (args) - 1, args);
}

static void
test_upgrade (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autoptr(AttacheLibrary) library = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *expected = NULL;
  OpenSeen seen = { 0, };

  if (!g_test_subprocess ())
    {
      g_test_trap_subprocess (NULL, 120 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_INHERIT_STDERR);
      g_test_trap_assert_passed ();
      return;
    }

  dir = test_tmpdir_new ();
  path = g_build_filename (dir, "old.db", NULL);
  make_old_library (path);
  g_assert_cmpint (attache_database_peek_schema_version (path), ==, 7);

  g_assert_cmpint (run_application (path, &seen), ==, 0);

  /* The window saying what happens came first, and was drawn. */
  g_assert_true (seen.opening_seen);
  g_assert_false (seen.main_before_opening);
  g_assert_cmpstr (seen.opening_title, ==, "Updating the Library");
  g_assert_true (seen.opening_saved);

  /* Then the library, every article in it. */
  expected = g_strdup_printf ("%d articles", N_OLD_ARTICLES);
  g_assert_cmpstr (seen.subtitle, ==, expected);
  g_assert_null (find_window (FALSE));

  /* Up to date now, nothing lost: the actors, their mentions. */
  g_assert_cmpint (attache_database_peek_schema_version (path), ==, attache_database_get_latest_version ());
  library = attache_library_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (attache_library_count_articles (library, NULL), ==, N_OLD_ARTICLES);
  {
    g_autoptr(AttacheActorInfo) marran = attache_library_get_actor (library, 1, &error);

    g_assert_no_error (error);
    g_assert_cmpstr (marran->name, ==, "Ilse Marran");
    g_assert_cmpint (marran->n_articles, ==, N_OLD_ARTICLES);
  }

  g_free (seen.opening_title);
  g_free (seen.subtitle);
  g_clear_object (&library);
  test_tmpdir_free (g_steal_pointer (&dir));
}

/* An ordinary library, opened at once: straight into its window. */
static void
test_open (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  OpenSeen seen = { 0, };

  if (!g_test_subprocess ())
    {
      g_test_trap_subprocess (NULL, 60 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_INHERIT_STDERR);
      g_test_trap_assert_passed ();
      return;
    }

  dir = test_tmpdir_new ();
  path = g_build_filename (dir, "library.db", NULL);
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(AttacheLibrary) library = attache_library_open (path, &error);
    g_autoptr(AttacheArticle) article = attache_article_new ();

    g_assert_no_error (error);
    attache_article_set_title (article, "Harbour report");
    attache_article_set_text (article, "Marran met Brekken in the port of Valmora.");
    attache_article_set_sha256 (article, "sha-1");
    attache_article_set_origin (article, "/new/1.txt");
    g_assert_cmpint (attache_library_add_article (library, article, NULL, &error), ==, ATTACHE_ADD_ADDED);
    attache_article_set_title (article, "Harbour report again");
    attache_article_set_text (article, "Brekken met Marran in the port of Kessel.");
    attache_article_set_sha256 (article, "sha-2");
    g_assert_cmpint (attache_library_add_article (library, article, NULL, &error), ==, ATTACHE_ADD_ADDED);
  }

  g_assert_cmpint (run_application (path, &seen), ==, 0);

  g_assert_cmpstr (seen.subtitle, ==, "2 articles");

  g_free (seen.subtitle);
  test_tmpdir_free (g_steal_pointer (&dir));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/open-window/upgrade", test_upgrade);
  g_test_add_func ("/open-window/open", test_open);

  return g_test_run ();
}
