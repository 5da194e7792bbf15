/* test-helpers.h: small helpers shared by the test programs
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>
#include <glib/gstdio.h>

/* A fresh folder for one test, removed with its contents by test_tmpdir_free. */
static inline char *
test_tmpdir_new (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("attache-test-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

static inline void
test_tmpdir_free (char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      if (g_file_test (path, G_FILE_TEST_IS_DIR) && !g_file_test (path, G_FILE_TEST_IS_SYMLINK))
        test_tmpdir_free (g_strdup (path));
      else
        g_unlink (path);
    }
  g_rmdir (dir);
  g_free (dir);
}

/* The sha256 of a file's bytes, NULL if it cannot be read. */
static inline char *
test_file_sha256 (const char *path)
{
  g_autofree char *contents = NULL;
  gsize len;

  if (!g_file_get_contents (path, &contents, &len, NULL))
    return NULL;

  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents, len);
}

static inline void
test_write_file (const char *path,
                 const char *contents,
                 gssize      len)
{
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, contents, len, &error);
  g_assert_no_error (error);
}

/* Runs the default main context until *@done is TRUE, failing after 20 s. */
static inline gboolean
test_timeout_cb (gpointer data)
{
  g_error ("Timed out waiting for an asynchronous operation");
  return G_SOURCE_REMOVE;
}

static inline void
test_wait_for (gboolean *done)
{
  guint timeout = g_timeout_add_seconds (20, test_timeout_cb, NULL);

  while (!*done)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (timeout);
}
