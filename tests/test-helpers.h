/* test-helpers.h: small helpers shared by the test programs
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>
#include <glib/gstdio.h>
#include <gio/gio.h>
#include <libsoup/soup.h>
#include <sqlite3.h>

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

/* An _async () call's callback: keeps a reference to @result in the
 * GAsyncResult * at @user_data, for test_wait_for_result (). */
static inline void
test_result_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

/* Runs the default main context until *@result is set, failing after 20 s. */
static inline GAsyncResult *
test_wait_for_result (GAsyncResult **result)
{
  guint timeout = g_timeout_add_seconds (20, test_timeout_cb, NULL);

  while (*result == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (timeout);

  return *result;
}

/* Runs @sql on the library file at @path directly, as another program would. */
static inline void
test_raw_exec (const char *path,
               const char *sql)
{
  sqlite3 *db = NULL;
  char *message = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
  sqlite3_close (db);
}

/* A web server on loopback that answers with @callback; its address in *@base. */
static inline SoupServer *
test_server_new (SoupServerCallback   callback,
                 gpointer             user_data,
                 GUri               **base)
{
  g_autoptr(GError) error = NULL;
  SoupServer *server = soup_server_new (NULL, NULL);
  GSList *uris;

  soup_server_add_handler (server, NULL, callback, user_data, NULL);
  soup_server_listen_local (server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);

  uris = soup_server_get_uris (server);
  *base = g_uri_ref (uris->data);
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);

  return server;
}

/* The address of @path on the server at @base. */
static inline char *
test_server_url (GUri       *base,
                 const char *path)
{
  g_autoptr(GUri) uri = g_uri_parse_relative (base, path, G_URI_FLAGS_NONE, NULL);

  return g_uri_to_string (uri);
}
