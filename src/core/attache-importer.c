/* attache-importer.c: turns files into articles of the library
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "attache-importer"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "attache-importer.h"
#include "attache-language.h"

struct _AttacheImporter
{
  GObject         parent_instance;

  AttacheLibrary *library;
  AttacheFetcher *fetcher;   /* created on first use, on the thread that fetches */
};

G_DEFINE_FINAL_TYPE (AttacheImporter, attache_importer, G_TYPE_OBJECT)

G_DEFINE_QUARK (attache-import-error-quark, attache_import_error)

struct _AttacheImportResult
{
  gatomicrefcount      ref_count;
  GFile               *file;
  AttacheImportStatus  status;
  gint64               article_id;
  char                *title;
  GError              *error;
};

G_DEFINE_BOXED_TYPE (AttacheImportResult, attache_import_result,
                     attache_import_result_ref, attache_import_result_unref)

static AttacheImportResult *
import_result_new (GFile *file)
{
  AttacheImportResult *result = g_new0 (AttacheImportResult, 1);

  g_atomic_ref_count_init (&result->ref_count);
  result->file = g_object_ref (file);
  result->status = ATTACHE_IMPORT_FAILED;

  return result;
}

AttacheImportResult *
attache_import_result_ref (AttacheImportResult *result)
{
  g_return_val_if_fail (result != NULL, NULL);
  g_atomic_ref_count_inc (&result->ref_count);
  return result;
}

void
attache_import_result_unref (AttacheImportResult *result)
{
  g_return_if_fail (result != NULL);

  if (g_atomic_ref_count_dec (&result->ref_count))
    {
      g_clear_object (&result->file);
      g_clear_pointer (&result->title, g_free);
      g_clear_error (&result->error);
      g_free (result);
    }
}

GFile *
attache_import_result_get_file (AttacheImportResult *result)
{
  g_return_val_if_fail (result != NULL, NULL);
  return result->file;
}

AttacheImportStatus
attache_import_result_get_status (AttacheImportResult *result)
{
  g_return_val_if_fail (result != NULL, ATTACHE_IMPORT_FAILED);
  return result->status;
}

gint64
attache_import_result_get_article_id (AttacheImportResult *result)
{
  g_return_val_if_fail (result != NULL, 0);
  return result->article_id;
}

const char *
attache_import_result_get_title (AttacheImportResult *result)
{
  g_return_val_if_fail (result != NULL, NULL);
  return result->title;
}

const GError *
attache_import_result_get_error (AttacheImportResult *result)
{
  g_return_val_if_fail (result != NULL, NULL);
  return result->error;
}

static void
attache_importer_finalize (GObject *object)
{
  AttacheImporter *self = ATTACHE_IMPORTER (object);

  g_clear_object (&self->library);
  g_clear_object (&self->fetcher);

  G_OBJECT_CLASS (attache_importer_parent_class)->finalize (object);
}

static void
attache_importer_class_init (AttacheImporterClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = attache_importer_finalize;
}

static void
attache_importer_init (AttacheImporter *self)
{
}

AttacheImporter *
attache_importer_new (AttacheLibrary *library)
{
  AttacheImporter *self;

  g_return_val_if_fail (ATTACHE_IS_LIBRARY (library), NULL);

  self = g_object_new (ATTACHE_TYPE_IMPORTER, NULL);
  self->library = g_object_ref (library);

  return self;
}

AttacheLibrary *
attache_importer_get_library (AttacheImporter *self)
{
  g_return_val_if_fail (ATTACHE_IS_IMPORTER (self), NULL);
  return self->library;
}

/* One line saying why a file could not be read, in the importer's own terms. */
static void
set_read_error (GError     **error,
                GError      *io_error)
{
  if (g_error_matches (io_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
    g_set_error (error, ATTACHE_IMPORT_ERROR, ATTACHE_IMPORT_ERROR_NOT_FOUND, _("no such file"));
  else if (g_error_matches (io_error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED))
    g_set_error (error, ATTACHE_IMPORT_ERROR, ATTACHE_IMPORT_ERROR_UNREADABLE,
                 _("permission denied: the file cannot be read"));
  else if (g_error_matches (io_error, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY))
    g_set_error (error, ATTACHE_IMPORT_ERROR, ATTACHE_IMPORT_ERROR_NOT_A_FILE,
                 _("a folder, not a file"));
  else if (g_error_matches (io_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_propagate_error (error, g_error_copy (io_error));
  else
    g_set_error (error, ATTACHE_IMPORT_ERROR, ATTACHE_IMPORT_ERROR_UNREADABLE,
                 _("cannot be read: %s"), io_error->message);
}

/* Reads the whole file, refusing what is not a regular file or is over the limit
 * before reading it, and stopping at the limit if it grows meanwhile. */
static GBytes *
read_file (GFile         *file,
           GCancellable  *cancellable,
           GError       **error)
{
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GFileInputStream) stream = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) io_error = NULL;
  goffset size;

  info = g_file_query_info (file,
                            G_FILE_ATTRIBUTE_STANDARD_TYPE ","
                            G_FILE_ATTRIBUTE_STANDARD_SIZE,
                            G_FILE_QUERY_INFO_NONE, cancellable, &io_error);
  if (info == NULL)
    {
      set_read_error (error, io_error);
      return NULL;
    }

  switch (g_file_info_get_file_type (info))
    {
    case G_FILE_TYPE_REGULAR:
      break;
    case G_FILE_TYPE_DIRECTORY:
      g_set_error (error, ATTACHE_IMPORT_ERROR, ATTACHE_IMPORT_ERROR_NOT_A_FILE,
                   _("a folder, not a file"));
      return NULL;
    default:
      g_set_error (error, ATTACHE_IMPORT_ERROR, ATTACHE_IMPORT_ERROR_NOT_A_FILE,
                   _("not a regular file (a device, pipe or socket)"));
      return NULL;
    }

  size = g_file_info_get_size (info);
  if (size == 0)
    {
      g_set_error (error, ATTACHE_IMPORT_ERROR, ATTACHE_IMPORT_ERROR_EMPTY, _("empty file"));
      return NULL;
    }
  if (size > ATTACHE_IMPORT_MAX_FILE_SIZE)
    {
      g_autofree char *size_text = g_format_size_full (size, G_FORMAT_SIZE_IEC_UNITS);
      g_autofree char *limit = g_format_size_full (ATTACHE_IMPORT_MAX_FILE_SIZE, G_FORMAT_SIZE_IEC_UNITS);

      g_set_error (error, ATTACHE_IMPORT_ERROR, ATTACHE_IMPORT_ERROR_TOO_LARGE,
                   _("file too large (%s; the limit is %s)"), size_text, limit);
      return NULL;
    }

  stream = g_file_read (file, cancellable, &io_error);
  if (stream != NULL)
    bytes = g_input_stream_read_bytes (G_INPUT_STREAM (stream), ATTACHE_IMPORT_MAX_FILE_SIZE + 1,
                                       cancellable, &io_error);
  if (bytes == NULL)
    {
      set_read_error (error, io_error);
      return NULL;
    }

  return g_steal_pointer (&bytes);
}

/* Stores @article, filling @result. */
static void
store_article (AttacheImporter     *self,
               AttacheArticle      *article,
               AttacheImportResult *result)
{
  gint64 id = 0;

  if (attache_article_get_language (article) == NULL)
    attache_article_set_language (article, attache_detect_language (attache_article_get_text (article), NULL));

  switch (attache_library_add_article (self->library, article, &id, &result->error))
    {
    case ATTACHE_ADD_ADDED:
      result->status = ATTACHE_IMPORT_IMPORTED;
      result->article_id = id;
      result->title = g_strdup (attache_article_get_title (article));
      break;

    case ATTACHE_ADD_DUPLICATE:
      {
        g_autoptr(AttacheArticle) existing = attache_library_get_article (self->library, id, NULL);

        result->status = ATTACHE_IMPORT_DUPLICATE;
        result->article_id = id;
        result->title = g_strdup (existing != NULL ? attache_article_get_title (existing)
                                                   : attache_article_get_title (article));
      }
      break;

    case ATTACHE_ADD_FAILED:
    default:
      break;
    }
}

AttacheImportResult *
attache_importer_import_file (AttacheImporter *self,
                              GFile           *file,
                              GCancellable    *cancellable)
{
  AttacheImportResult *result;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(AttacheArticle) article = NULL;
  g_autofree char *basename = NULL;
  g_autofree char *origin = NULL;

  g_return_val_if_fail (ATTACHE_IS_IMPORTER (self), NULL);
  g_return_val_if_fail (G_IS_FILE (file), NULL);

  result = import_result_new (file);

  bytes = read_file (file, cancellable, &result->error);
  if (bytes == NULL)
    return result;

  basename = g_file_get_basename (file);
  article = attache_import_parse_bytes (bytes, basename, &result->error);
  if (article == NULL)
    return result;

  origin = g_file_get_path (file);
  if (origin == NULL)
    origin = g_file_get_uri (file);
  attache_article_set_origin (article, origin);

  store_article (self, article, result);

  return result;
}

typedef struct
{
  GPtrArray *files;
} ImportFilesData;

static void
import_files_data_free (ImportFilesData *data)
{
  g_ptr_array_unref (data->files);
  g_free (data);
}

static void
import_files_worker (GTask        *task,
                     gpointer      source_object,
                     gpointer      task_data,
                     GCancellable *cancellable)
{
  AttacheImporter *self = source_object;
  ImportFilesData *data = task_data;
  g_autoptr(GPtrArray) results = NULL;

  results = g_ptr_array_new_with_free_func ((GDestroyNotify) attache_import_result_unref);

  for (guint i = 0; i < data->files->len; i++)
    {
      if (g_task_return_error_if_cancelled (task))
        return;

      g_ptr_array_add (results, attache_importer_import_file (self, g_ptr_array_index (data->files, i),
                                                              cancellable));
    }

  g_task_return_pointer (task, g_steal_pointer (&results), (GDestroyNotify) g_ptr_array_unref);
}

void
attache_importer_import_files_async (AttacheImporter     *self,
                                     GFile              **files,
                                     guint                n_files,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  ImportFilesData *data;

  g_return_if_fail (ATTACHE_IS_IMPORTER (self));
  g_return_if_fail (files != NULL || n_files == 0);

  data = g_new0 (ImportFilesData, 1);
  data->files = g_ptr_array_new_full (n_files, g_object_unref);
  for (guint i = 0; i < n_files; i++)
    g_ptr_array_add (data->files, g_object_ref (files[i]));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, attache_importer_import_files_async);
  g_task_set_task_data (task, data, (GDestroyNotify) import_files_data_free);
  g_task_run_in_thread (task, import_files_worker);
}

GPtrArray *
attache_importer_import_files_finish (AttacheImporter  *self,
                                      GAsyncResult     *result,
                                      GError          **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Importing from the web */

AttacheFetcher *
attache_importer_get_fetcher (AttacheImporter *self)
{
  g_return_val_if_fail (ATTACHE_IS_IMPORTER (self), NULL);

  if (self->fetcher == NULL)
    self->fetcher = attache_fetcher_new ();

  return self->fetcher;
}

/* The name the parser decides the format by, from the media type; NULL with
 * @error set for what is not an article. */
static const char *
filename_for_media_type (const char  *content_type,
                         GError     **error)
{
  static const struct { const char *type; const char *name; } types[] = {
    { "text/html", "page.html" },
    { "application/xhtml+xml", "page.xhtml" },
    { "text/plain", "page.txt" },
    { "text/markdown", "page.md" },
    { "text/x-markdown", "page.md" },
  };

  if (content_type == NULL || content_type[0] == '\0')
    return "page";   /* the parser sniffs */

  for (guint i = 0; i < G_N_ELEMENTS (types); i++)
    if (g_ascii_strcasecmp (content_type, types[i].type) == 0)
      return types[i].name;

  if (strstr (content_type, "rss") != NULL || strstr (content_type, "atom") != NULL ||
      g_ascii_strcasecmp (content_type, "application/feed+json") == 0)
    g_set_error (error, ATTACHE_IMPORT_ERROR, ATTACHE_IMPORT_ERROR_NOT_AN_ARTICLE,
                 _("this address is a news feed (%s), not an article"), content_type);
  else
    g_set_error (error, ATTACHE_IMPORT_ERROR, ATTACHE_IMPORT_ERROR_NOT_AN_ARTICLE,
                 _("this address gives %s, not an article"), content_type);

  return NULL;
}

static void
store_page_worker (GTask        *task,
                   gpointer      source_object,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  AttacheImporter *self = source_object;
  AttacheFetchResult *capture = task_data;
  g_autoptr(GFile) file = g_file_new_for_uri (attache_fetch_result_get_requested_url (capture));
  AttacheImportResult *result = import_result_new (file);
  g_autoptr(AttacheArticle) article = NULL;
  const char *name;

  name = filename_for_media_type (attache_fetch_result_get_content_type (capture), &result->error);
  if (name != NULL)
    article = attache_import_parse_bytes (attache_fetch_result_get_body (capture), name, &result->error);

  if (article != NULL)
    {
      if (attache_article_get_url (article) == NULL)
        attache_article_set_url (article, attache_fetch_result_get_final_url (capture));
      attache_article_set_origin (article, attache_fetch_result_get_requested_url (capture));
      attache_article_set_imported (article, attache_fetch_result_get_fetched (capture));
      attache_article_set_capture (article, capture);
      store_article (self, article, result);
    }

  g_task_return_pointer (task, result, (GDestroyNotify) attache_import_result_unref);
}

static void
fetch_page_cb (GObject      *object,
               GAsyncResult *res,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(AttacheFetchResult) capture = NULL;
  g_autoptr(GError) error = NULL;

  capture = attache_fetcher_fetch_finish (ATTACHE_FETCHER (object), res, &error);
  if (capture == NULL)
    {
      g_autoptr(GFile) file = NULL;
      AttacheImportResult *result;

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }

      file = g_file_new_for_uri (g_task_get_task_data (task));
      result = import_result_new (file);
      result->error = g_steal_pointer (&error);
      g_task_return_pointer (task, result, (GDestroyNotify) attache_import_result_unref);
      return;
    }

  /* The network part is done; the rest is CPU and disk. */
  g_task_set_task_data (task, g_steal_pointer (&capture), (GDestroyNotify) attache_fetch_result_unref);
  g_task_run_in_thread (task, store_page_worker);
}

void
attache_importer_import_url_async (AttacheImporter     *self,
                                   const char          *url,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (ATTACHE_IS_IMPORTER (self));
  g_return_if_fail (url != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, attache_importer_import_url_async);
  g_task_set_task_data (task, g_strdup (url), g_free);

  attache_fetcher_fetch_async (attache_importer_get_fetcher (self), url, NULL, NULL,
                               cancellable, fetch_page_cb, task);
}

AttacheImportResult *
attache_importer_import_url_finish (AttacheImporter  *self,
                                    GAsyncResult     *result,
                                    GError          **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}
