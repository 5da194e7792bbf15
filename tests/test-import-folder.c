/* test-import-folder.c: importing a folder tree, and importing pasted text
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>
#include <unistd.h>

#include "attache.h"

#include "test-helpers.h"

/* Fictional articles written for these tests. */

static const char port_strike[] =
  "date 2024-04-02 Dock workers at the port of Valmora walked off the job on Tuesday, "
  "halting the loading of grain ships for the first time in eleven years.\n"
  "\n"
  "By the afternoon some thirty vessels were waiting at anchor outside the breakwater.\n";

static const char grain_corridor[] =
  "# Ministers Agree on a Grain Corridor Through the Kessel Strait\n"
  "\n"
  "Foreign ministers from four coastal states agreed on Thursday to open a protected "
  "shipping lane for grain through the Kessel Strait.\n";

static const char coalition_html[] =
  "<!DOCTYPE html><html><head><title>Coalition Talks Stall | Capital Wire</title></head>"
  "<body><article><h1>Coalition Talks Stall</h1>"
  "<p>Negotiators for the three parties broke off talks late on Sunday.</p>"
  "</article></body></html>";

typedef struct
{
  char            *dir;
  char            *root;      /* the folder imported */
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

  f->root = g_build_filename (f->dir, "Press cuttings", NULL);
  g_assert_cmpint (g_mkdir (f->root, 0700), ==, 0);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->importer);
  g_clear_object (&f->library);
  g_free (f->root);
  test_tmpdir_free (f->dir);
}

/* Writes @contents at @relative_path under the folder imported, making the
 * folders on the way. */
static void
put_file (Fixture    *f,
          const char *relative_path,
          const char *contents,
          gssize      len)
{
  g_autofree char *path = g_build_filename (f->root, relative_path, NULL);
  g_autofree char *folder = g_path_get_dirname (path);

  g_assert_cmpint (g_mkdir_with_parents (folder, 0700), ==, 0);
  test_write_file (path, contents, len);
}

static void
put_link (Fixture    *f,
          const char *relative_path,
          const char *target)
{
  g_autofree char *path = g_build_filename (f->root, relative_path, NULL);

  g_assert_cmpint (symlink (target, path), ==, 0);
}

/* Importing, and what was reported on the way */

typedef struct
{
  GArray       *done;          /* guint, one per progress call */
  GArray       *total;
  guint         n_at_finish;   /* progress calls before the callback */
  gboolean      finished;
  gboolean      notified;      /* progress_notify has run */
  GCancellable *cancel_at_progress;  /* cancelled at the first report with 0 < done < total */
  guint         done_at_cancel;
  GPtrArray    *results;
  guint         n_skipped;
  GError       *error;
} FolderImport;

static void
folder_import_clear (FolderImport *import)
{
  g_array_unref (import->done);
  g_array_unref (import->total);
  g_clear_pointer (&import->results, g_ptr_array_unref);
  g_clear_error (&import->error);
}

static void
progress_cb (guint    done,
             guint    total,
             gpointer user_data)
{
  FolderImport *import = user_data;

  g_assert_false (import->finished);
  g_assert_false (import->notified);

  g_array_append_val (import->done, done);
  g_array_append_val (import->total, total);

  if (import->cancel_at_progress != NULL && done > 0 && done < total &&
      !g_cancellable_is_cancelled (import->cancel_at_progress))
    {
      import->done_at_cancel = done;
      g_cancellable_cancel (import->cancel_at_progress);
    }
}

static void
progress_notify (gpointer user_data)
{
  FolderImport *import = user_data;

  g_assert_false (import->notified);
  import->notified = TRUE;
}

static void
import_folder_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  FolderImport *import = user_data;

  import->results = attache_importer_import_folder_finish (ATTACHE_IMPORTER (object), result,
                                                           &import->n_skipped, &import->error);
  import->n_at_finish = import->done->len;
  import->finished = TRUE;
}

static void
import_folder (Fixture      *f,
               const char   *path,
               FolderImport *import)
{
  g_autoptr(GFile) folder = g_file_new_for_path (path);

  import->done = g_array_new (FALSE, FALSE, sizeof (guint));
  import->total = g_array_new (FALSE, FALSE, sizeof (guint));

  attache_importer_import_folder_async (f->importer, folder, progress_cb, import, progress_notify,
                                        import->cancel_at_progress, import_folder_cb, import);
  test_wait_for (&import->finished);
  /* The progress data is let go of, on this thread, soon after. */
  test_wait_for (&import->notified);
}

static AttacheImportResult *
find_result (GPtrArray  *results,
             const char *basename)
{
  for (guint i = 0; i < results->len; i++)
    {
      AttacheImportResult *result = g_ptr_array_index (results, i);
      g_autofree char *name = g_file_get_basename (attache_import_result_get_file (result));

      if (g_str_equal (name, basename))
        return result;
    }

  return NULL;
}

/* Progress went from 0 of total to total of total, never backwards, all of
 * it before the callback. */
static void
assert_progress (FolderImport *import,
                 guint         expected_total)
{
  guint n = import->done->len;

  g_assert_cmpuint (n, >=, 1);
  g_assert_cmpuint (import->n_at_finish, ==, n);
  g_assert_cmpuint (g_array_index (import->done, guint, 0), ==, 0);
  for (guint i = 0; i < n; i++)
    {
      g_assert_cmpuint (g_array_index (import->total, guint, i), ==, expected_total);
      if (i > 0)
        g_assert_cmpuint (g_array_index (import->done, guint, i), >=,
                          g_array_index (import->done, guint, i - 1));
    }
  g_assert_cmpuint (g_array_index (import->done, guint, n - 1), ==, expected_total);
}

static void
test_folder_tree (Fixture       *f,
                  gconstpointer  data)
{
  static const guchar png[] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 0x0d,
                                'I', 'H', 'D', 'R', 0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0 };
  static const guchar binary[] = { 0x7f, 'E', 'L', 'F', 2, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0,
                                   3, 0, 0x3e, 0, 1, 0, 0, 0, 0x40, 0x10, 0, 0, 0, 0, 0, 0 };
  static const char * const imported[] = {
    "port-strike.txt",            /* the top folder */
    "grain-corridor.md",          /* sub/ */
    "coalition.HTML",             /* sub/deeper/, any case */
    "ministers.markdown",
    "notes.text",
    "summit.xhtml",
    "wire.htm",
  };
  g_autofree char *outside = g_build_filename (f->dir, "elsewhere", NULL);
  g_autofree char *outside_file = g_build_filename (outside, "outside.txt", NULL);
  FolderImport import = { 0 };
  AttacheImportResult *result;
  const GError *error;
  guint n_imported = 0;

  put_file (f, "port-strike.txt", port_strike, -1);
  put_file (f, "photo.png", (const char *) png, sizeof png);             /* skipped: type */
  put_file (f, "corrupt.txt", (const char *) binary, sizeof binary);     /* fails alone */
  put_file (f, "sub/grain-corridor.md", grain_corridor, -1);
  put_file (f, "sub/budget.pdf", "%PDF-1.4\n", -1);                       /* skipped: type */
  put_file (f, "sub/deeper/coalition.HTML", coalition_html, -1);
  put_file (f, "sub/deeper/ministers.markdown", "# Ministers Meet\n\nThe ministers met in Orsk.\n", -1);
  put_file (f, "sub/deeper/notes.text", "Notes from the briefing on fisheries quotas.\n", -1);
  put_file (f, "sub/deeper/summit.xhtml",
            "<html xmlns=\"http://www.w3.org/1999/xhtml\"><head><title>Summit</title></head>"
            "<body><p>Leaders of the coastal states met at the summit in Varna.</p></body></html>", -1);
  put_file (f, "sub/deeper/wire.htm", "<html><body><p>Wire story on the strait convoy.</p></body></html>", -1);
  /* Hidden: neither imported nor counted. */
  put_file (f, ".cache/hidden-folder.txt", "A file in a hidden folder.\n", -1);
  put_file (f, ".hidden-file.txt", "A hidden file.\n", -1);
  put_file (f, "sub/draft.txt~", "A backup file.\n", -1);
  /* A loop back to the top, and a link to a folder elsewhere: not followed. */
  put_link (f, "sub/deeper/up", "../..");
  g_assert_cmpint (g_mkdir (outside, 0700), ==, 0);
  test_write_file (outside_file, "A file outside the folder chosen.\n", -1);
  put_link (f, "elsewhere", outside);

  import_folder (f, f->root, &import);

  g_assert_no_error (import.error);
  g_assert_nonnull (import.results);
  g_assert_cmpuint (import.n_skipped, ==, 2);
  g_assert_cmpuint (import.results->len, ==, G_N_ELEMENTS (imported) + 1);

  for (guint i = 0; i < G_N_ELEMENTS (imported); i++)
    {
      result = find_result (import.results, imported[i]);
      g_assert_nonnull (result);
      g_assert_no_error ((GError *) attache_import_result_get_error (result));
      g_assert_cmpint (attache_import_result_get_status (result), ==, ATTACHE_IMPORT_IMPORTED);
      n_imported++;
    }

  /* The binary file failed, on its own. */
  result = find_result (import.results, "corrupt.txt");
  g_assert_nonnull (result);
  g_assert_cmpint (attache_import_result_get_status (result), ==, ATTACHE_IMPORT_FAILED);
  error = attache_import_result_get_error (result);
  g_assert_error ((GError *) error, ATTACHE_IMPORT_ERROR, ATTACHE_IMPORT_ERROR_BINARY);

  g_assert_null (find_result (import.results, "hidden-folder.txt"));
  g_assert_null (find_result (import.results, ".hidden-file.txt"));
  g_assert_null (find_result (import.results, "outside.txt"));
  g_assert_cmpint (attache_library_count_articles (f->library, NULL), ==, n_imported);

  /* Folder by folder, in name order: the top folder first. */
  {
    g_autofree char *first = g_file_get_basename (attache_import_result_get_file (g_ptr_array_index (import.results, 0)));
    g_autofree char *last = g_file_get_basename (attache_import_result_get_file (g_ptr_array_index (import.results, import.results->len - 1)));

    g_assert_cmpstr (first, ==, "corrupt.txt");
    g_assert_cmpstr (last, ==, "grain-corridor.md");
  }

  assert_progress (&import, G_N_ELEMENTS (imported) + 1);

  /* The same folder again: all duplicates, still one failure. */
  {
    FolderImport again = { 0 };
    guint n_duplicates = 0;

    import_folder (f, f->root, &again);
    g_assert_no_error (again.error);
    for (guint i = 0; i < again.results->len; i++)
      if (attache_import_result_get_status (g_ptr_array_index (again.results, i)) == ATTACHE_IMPORT_DUPLICATE)
        n_duplicates++;
    g_assert_cmpuint (n_duplicates, ==, n_imported);
    g_assert_cmpint (attache_library_count_articles (f->library, NULL), ==, n_imported);
    folder_import_clear (&again);
  }

  folder_import_clear (&import);
}

static void
test_folder_cancel (Fixture       *f,
                    gconstpointer  data)
{
  /* Enough files for the import to take several progress intervals. */
  const guint n_files = 3000;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  FolderImport import = { 0 };
  gint64 n_kept;

  for (guint i = 0; i < n_files; i++)
    {
      g_autofree char *name = g_strdup_printf ("cutting-%04u.txt", i);
      g_autofree char *text = g_strdup_printf ("Cutting %u. The harbour master of Valmora logged "
                                               "%u ships waiting at anchor this morning.\n", i, i * 7);

      put_file (f, name, text, -1);
    }

  import.cancel_at_progress = cancellable;
  import_folder (f, f->root, &import);

  g_assert_error (import.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (import.results);
  g_assert_cmpuint (import.n_skipped, ==, 0);
  g_assert_cmpuint (import.done_at_cancel, >, 0);

  /* What was imported before stays; the rest was not imported. */
  n_kept = attache_library_count_articles (f->library, NULL);
  g_test_message ("cancelled at %u of %u files reported; %" G_GINT64_FORMAT " kept",
                  import.done_at_cancel, n_files, n_kept);
  g_assert_cmpint (n_kept, >=, import.done_at_cancel);
  g_assert_cmpint (n_kept, <, n_files);

  folder_import_clear (&import);
}

static void
test_folder_empty (Fixture       *f,
                   gconstpointer  data)
{
  FolderImport import = { 0 };

  put_file (f, "scan.jpg", "\xff\xd8\xff\xe0", 4);
  put_file (f, ".hidden.txt", "Hidden.\n", -1);

  import_folder (f, f->root, &import);

  g_assert_no_error (import.error);
  g_assert_cmpuint (import.results->len, ==, 0);
  g_assert_cmpuint (import.n_skipped, ==, 1);
  /* One report: nothing to do. */
  g_assert_cmpuint (import.done->len, ==, 1);
  assert_progress (&import, 0);

  folder_import_clear (&import);
}

static void
test_folder_not_a_folder (Fixture       *f,
                          gconstpointer  data)
{
  g_autofree char *file = g_build_filename (f->root, "port-strike.txt", NULL);
  g_autofree char *missing = g_build_filename (f->dir, "no-such-folder", NULL);
  FolderImport not_a_folder = { 0 };
  FolderImport not_found = { 0 };

  put_file (f, "port-strike.txt", port_strike, -1);

  import_folder (f, file, &not_a_folder);
  g_assert_error (not_a_folder.error, ATTACHE_IMPORT_ERROR, ATTACHE_IMPORT_ERROR_NOT_A_FOLDER);
  g_assert_null (not_a_folder.results);
  g_assert_cmpuint (not_a_folder.done->len, ==, 0);

  import_folder (f, missing, &not_found);
  g_assert_error (not_found.error, ATTACHE_IMPORT_ERROR, ATTACHE_IMPORT_ERROR_NOT_FOUND);

  g_assert_cmpint (attache_library_count_articles (f->library, NULL), ==, 0);

  folder_import_clear (&not_a_folder);
  folder_import_clear (&not_found);
}

static void
test_folder_unreadable_subfolder (Fixture       *f,
                                  gconstpointer  data)
{
  g_autofree char *locked = g_build_filename (f->root, "locked", NULL);
  FolderImport import = { 0 };
  AttacheImportResult *result;

  if (geteuid () == 0)
    {
      g_test_skip ("Every folder is readable for root");
      return;
    }

  put_file (f, "port-strike.txt", port_strike, -1);
  put_file (f, "locked/grain-corridor.md", grain_corridor, -1);
  g_assert_cmpint (g_chmod (locked, 0), ==, 0);

  import_folder (f, f->root, &import);
  g_assert_cmpint (g_chmod (locked, 0700), ==, 0);

  /* The rest is imported; the folder says why it was not. */
  g_assert_no_error (import.error);
  g_assert_cmpuint (import.results->len, ==, 2);
  result = find_result (import.results, "port-strike.txt");
  g_assert_cmpint (attache_import_result_get_status (result), ==, ATTACHE_IMPORT_IMPORTED);
  result = find_result (import.results, "locked");
  g_assert_nonnull (result);
  g_assert_cmpint (attache_import_result_get_status (result), ==, ATTACHE_IMPORT_FAILED);
  g_assert_error ((GError *) attache_import_result_get_error (result),
                  ATTACHE_IMPORT_ERROR, ATTACHE_IMPORT_ERROR_UNREADABLE);
  assert_progress (&import, 1);

  folder_import_clear (&import);
}

/* Without a progress function, the notify is for nothing: called at once. */
static void
test_folder_no_progress (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GFile) folder = g_file_new_for_path (f->root);
  FolderImport import = { 0 };

  put_file (f, "port-strike.txt", port_strike, -1);

  attache_importer_import_folder_async (f->importer, folder, NULL, &import, progress_notify,
                                        NULL, import_folder_cb, &import);
  g_assert_true (import.notified);
  import.done = g_array_new (FALSE, FALSE, sizeof (guint));
  import.total = g_array_new (FALSE, FALSE, sizeof (guint));
  test_wait_for (&import.finished);

  g_assert_no_error (import.error);
  g_assert_cmpuint (import.results->len, ==, 1);

  folder_import_clear (&import);
}

static void
test_article_filenames (void)
{
  static const struct { const char *name; gboolean article; } names[] = {
    { "brief.txt", TRUE },
    { "BRIEF.TXT", TRUE },
    { "notes.text", TRUE },
    { "note.md", TRUE },
    { "note.markdown", TRUE },
    { "page.html", TRUE },
    { "page.htm", TRUE },
    { "page.xhtml", TRUE },
    { "photo.png", FALSE },
    { "report.pdf", FALSE },
    { "archive.txt.gz", FALSE },
    { "md", FALSE },
    { "README", FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_test_message ("%s", names[i].name);
      g_assert_cmpint (attache_import_is_article_filename (names[i].name), ==, names[i].article);
    }
}

/* Pasted text */

static AttacheImportResult *
import_text (Fixture    *f,
             const char *text,
             const char *origin_label)
{
  g_autoptr(GError) error = NULL;
  GAsyncResult *async_result = NULL;
  AttacheImportResult *result;
  guint timeout = g_timeout_add_seconds (20, test_timeout_cb, NULL);

  attache_importer_import_text_async (f->importer, text, origin_label, NULL,
                                      test_result_cb, &async_result);
  while (async_result == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (timeout);

  result = attache_importer_import_text_finish (f->importer, async_result, &error);
  g_assert_no_error (error);
  g_object_unref (async_result);
  return result;
}

static void
test_text (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(AttacheImportResult) result = NULL;
  g_autoptr(AttacheImportResult) again = NULL;
  g_autoptr(AttacheImportResult) blank = NULL;
  g_autoptr(AttacheImportResult) labelled = NULL;
  g_autoptr(AttacheArticle) article = NULL;
  g_autoptr(AttacheArticle) labelled_article = NULL;
  g_autoptr(GError) error = NULL;

  result = import_text (f, port_strike, NULL);
  g_assert_cmpint (attache_import_result_get_status (result), ==, ATTACHE_IMPORT_IMPORTED);
  g_assert_null (attache_import_result_get_file (result));
  article = attache_library_get_article (f->library, attache_import_result_get_article_id (result), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (attache_article_get_origin (article), ==, "clipboard");
  /* Read as a text file: the date marker is understood. */
  g_assert_cmpstr (attache_article_get_published (article), ==, "2024-04-02");
  g_assert_cmpstr (attache_article_get_title (article), ==, attache_import_result_get_title (result));
  g_assert_nonnull (strstr (attache_article_get_text (article), "thirty vessels"));

  /* Pasted twice: the same article. */
  again = import_text (f, port_strike, NULL);
  g_assert_cmpint (attache_import_result_get_status (again), ==, ATTACHE_IMPORT_DUPLICATE);
  g_assert_cmpint (attache_import_result_get_article_id (again), ==, attache_import_result_get_article_id (result));

  /* Markdown text is still text: "pasted.txt". */
  labelled = import_text (f, grain_corridor, "drop");
  g_assert_cmpint (attache_import_result_get_status (labelled), ==, ATTACHE_IMPORT_IMPORTED);
  labelled_article = attache_library_get_article (f->library, attache_import_result_get_article_id (labelled), NULL);
  g_assert_cmpstr (attache_article_get_origin (labelled_article), ==, "drop");

  /* Nothing but white space: fails, with a reason. */
  blank = import_text (f, "  \n\n\t ", NULL);
  g_assert_cmpint (attache_import_result_get_status (blank), ==, ATTACHE_IMPORT_FAILED);
  g_assert_error ((GError *) attache_import_result_get_error (blank),
                  ATTACHE_IMPORT_ERROR, ATTACHE_IMPORT_ERROR_EMPTY);

  g_assert_cmpint (attache_library_count_articles (f->library, NULL), ==, 2);
}

static void
test_text_cancelled (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  GAsyncResult *async_result = NULL;
  AttacheImportResult *result;

  g_cancellable_cancel (cancellable);
  attache_importer_import_text_async (f->importer, port_strike, NULL, cancellable,
                                      test_result_cb, &async_result);
  while (async_result == NULL)
    g_main_context_iteration (NULL, TRUE);

  result = attache_importer_import_text_finish (f->importer, async_result, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (result);
  g_object_unref (async_result);
  g_assert_cmpint (attache_library_count_articles (f->library, NULL), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/import-folder/tree", test_folder_tree);
  ADD ("/import-folder/cancel", test_folder_cancel);
  ADD ("/import-folder/empty", test_folder_empty);
  ADD ("/import-folder/not-a-folder", test_folder_not_a_folder);
  ADD ("/import-folder/unreadable-subfolder", test_folder_unreadable_subfolder);
  ADD ("/import-folder/no-progress", test_folder_no_progress);
  g_test_add_func ("/import-folder/article-filenames", test_article_filenames);
  ADD ("/import-text/clipboard", test_text);
  ADD ("/import-text/cancelled", test_text_cancelled);
#undef ADD

  return g_test_run ();
}
