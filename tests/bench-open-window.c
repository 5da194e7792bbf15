/* bench-open-window.c: the application opening a library, as a person launches it
 *
 * Run under a display (xvfb-run -a bench-open-window --library FILE):
 * the application is run as `attache --library COPY` on a copy of FILE (an
 * older library is upgraded by its first open, so each run starts from the
 * same file; the copy is not timed). Measured from g_application_run ():
 * the first window drawn (the one saying the library is being opened or
 * updated, or the library's own), the library's window listing its first
 * rows, and the longest the main loop was held meanwhile. Without
 * --library it measures a small library made here.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>

#include "attache.h"
#include "attache-application.h"
#include "attache-article-row.h"
#include "attache-window.h"

#include "test-helpers.h"

typedef struct
{
  gint64 start;
  gint64 last_tick;
  gint64 longest;
  double first_window_ms;
  double rows_ms;
  gboolean upgrading_shown;
} Watch;

static gboolean
tick_cb (gpointer user_data)
{
  Watch *watch = user_data;
  gint64 now = g_get_monotonic_time ();

  if (watch->last_tick != 0)
    watch->longest = MAX (watch->longest, now - watch->last_tick);
  watch->last_tick = now;
  return G_SOURCE_CONTINUE;
}

static gboolean
has_mapped_child_of_type (GtkWidget *widget,
                          GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return gtk_widget_get_mapped (widget);

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    if (has_mapped_child_of_type (child, type))
      return TRUE;

  return FALSE;
}

static gboolean
check_cb (gpointer user_data)
{
  Watch *watch = user_data;
  g_autoptr(GList) toplevels = gtk_window_list_toplevels ();
  double now = (g_get_monotonic_time () - watch->start) / 1000.0;

  for (GList *l = toplevels; l != NULL; l = l->next)
    {
      if (!gtk_widget_get_mapped (l->data))
        continue;
      if (watch->first_window_ms == 0)
        watch->first_window_ms = now;
      if (gtk_widget_has_css_class (l->data, "opening-window"))
        watch->upgrading_shown = TRUE;
      if (ATTACHE_IS_WINDOW (l->data))
        {
          GObject *list = gtk_widget_get_template_child (l->data, ATTACHE_TYPE_WINDOW, "article_list_view");

          if (has_mapped_child_of_type (GTK_WIDGET (list), ATTACHE_TYPE_ARTICLE_ROW))
            {
              watch->rows_ms = now;
              gtk_window_close (l->data);
              return G_SOURCE_REMOVE;
            }
        }
    }

  return G_SOURCE_CONTINUE;
}

static gboolean
copy_file (const char  *from,
           const char  *to,
           GError     **error)
{
  g_autoptr(GFile) source = g_file_new_for_path (from);
  g_autoptr(GFile) target = g_file_new_for_path (to);

  return g_file_copy (source, target, G_FILE_COPY_OVERWRITE, NULL, NULL, NULL, error);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *library_path = NULL;
  GOptionEntry entries[] = {
    { "library", 0, 0, G_OPTION_ARG_FILENAME, &library_path, "Open a copy of the library in FILE", "FILE" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(AttacheApplication) app = NULL;
  g_autofree char *dir = test_tmpdir_new ();
  g_autofree char *copy = g_build_filename (dir, "library.db", NULL);
  char *args[] = { (char *) "attache", (char *) "--library", copy, NULL };
  Watch watch = { 0, };
  int format;
  int status;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }
  if (!gtk_init_check ())
    {
      g_print ("no display: nothing measured (run under xvfb-run)\n");
      return 0;
    }

  if (library_path != NULL)
    {
      if (!copy_file (library_path, copy, &error))
        {
          g_printerr ("%s\n", error->message);
          return 1;
        }
    }
  else
    {
      g_autoptr(AttacheLibrary) library = attache_library_open (copy, &error);

      g_assert_no_error (error);
      for (guint i = 0; i < 1000; i++)
        {
          g_autoptr(AttacheArticle) article = attache_article_new ();
          g_autofree char *title = g_strdup_printf ("Harbour report %u", i);
          g_autofree char *text = g_strdup_printf ("Marran met Brekken in the port of Valmora (%u).", i);
          g_autofree char *sha = g_compute_checksum_for_string (G_CHECKSUM_SHA256, text, -1);

          attache_article_set_title (article, title);
          attache_article_set_text (article, text);
          attache_article_set_sha256 (article, sha);
          attache_article_set_origin (article, "/bench/open.txt");
          g_assert_cmpint (attache_library_add_article (library, article, NULL, &error), ==, ATTACHE_ADD_ADDED);
        }
    }
  format = attache_database_peek_schema_version (copy);

  app = attache_application_new ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE | G_APPLICATION_HANDLES_COMMAND_LINE);
  g_timeout_add_full (G_PRIORITY_HIGH, 1, tick_cb, &watch, NULL);
  g_timeout_add (5, check_cb, &watch);
  watch.start = g_get_monotonic_time ();
  status = g_application_run (G_APPLICATION (app), G_N_ELEMENTS (args) - 1, args);

  g_print ("library: %s (format %d%s)\n", library_path != NULL ? library_path : "1,000 articles made here",
           format, format < attache_database_get_latest_version () ? ", upgraded by this open" : "");
  g_print ("first window drawn:               %8.1f ms%s\n", watch.first_window_ms,
           watch.upgrading_shown ? " (the one saying the library is updated)" : "");
  g_print ("the library's first rows drawn:   %8.1f ms\n", watch.rows_ms);
  g_print ("longest the main loop was held:   %8.1f ms\n", watch.longest / 1000.0);

  test_tmpdir_free (g_steal_pointer (&dir));
  return status;
}
