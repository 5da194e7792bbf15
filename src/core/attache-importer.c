/* attache-importer.c: turns files into articles of the library
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "attache-importer"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "attache-dispatch-private.h"
#include "attache-importer-private.h"
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
  result->file = file != NULL ? g_object_ref (file) : NULL;
  result->status = ATTACHE_IMPORT_FAILED;

  return result;
}

AttacheImportResult *
_attache_import_result_new (GFile               *file,
                            AttacheImportStatus  status,
                            gint64               article_id,
                            const char          *title,
                            GError              *error)
{
  AttacheImportResult *result = import_result_new (file);

  result->status = status;
  result->article_id = article_id;
  result->title = g_strdup (title);
  result->error = error;

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

  /* Read to its end: a stream may return it a block at a time (a file on
   * another machine, through gvfs). A file grown past the limit meanwhile
   * is read no further than one byte past it, and refused. */
  stream = g_file_read (file, cancellable, &io_error);
  if (stream != NULL)
    {
      gsize capacity = MIN ((gsize) size + 1, (gsize) ATTACHE_IMPORT_MAX_FILE_SIZE + 1);
      guchar *data = g_malloc (capacity);
      gsize length = 0;

      while (io_error == NULL)
        {
          gsize n_read = 0;

          if (length == capacity)
            {
              if (capacity > ATTACHE_IMPORT_MAX_FILE_SIZE)
                break;
              capacity = MIN (capacity * 2, (gsize) ATTACHE_IMPORT_MAX_FILE_SIZE + 1);
              data = g_realloc (data, capacity);
            }
          if (!g_input_stream_read_all (G_INPUT_STREAM (stream), data + length, capacity - length,
                                        &n_read, cancellable, &io_error))
            break;
          length += n_read;
          if (n_read == 0 || length < capacity)
            break;
        }

      if (io_error == NULL)
        bytes = g_bytes_new_take (data, length);
      else
        g_free (data);
    }
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

/* Importing a folder */

/* At most this often (µs) a progress report is sent to the main context: a
 * person cannot read more, and the main loop has other work. */
#define PROGRESS_INTERVAL (G_USEC_PER_SEC / 20)

#define WALK_ATTRIBUTES                         \
  G_FILE_ATTRIBUTE_STANDARD_NAME ","            \
  G_FILE_ATTRIBUTE_STANDARD_TYPE ","            \
  G_FILE_ATTRIBUTE_STANDARD_IS_HIDDEN ","       \
  G_FILE_ATTRIBUTE_STANDARD_IS_BACKUP ","       \
  G_FILE_ATTRIBUTE_STANDARD_IS_SYMLINK ","      \
  G_FILE_ATTRIBUTE_ID_FILE

gboolean
attache_import_is_article_filename (const char *filename)
{
  static const char * const extensions[] = {
    ".txt", ".text", ".md", ".markdown", ".html", ".htm", ".xhtml",
  };
  g_autofree char *lower = NULL;

  g_return_val_if_fail (filename != NULL, FALSE);

  lower = g_ascii_strdown (filename, -1);
  for (guint i = 0; i < G_N_ELEMENTS (extensions); i++)
    if (g_str_has_suffix (lower, extensions[i]) && strlen (lower) > strlen (extensions[i]))
      return TRUE;

  return FALSE;
}

/* The progress function of a folder import, shared by the worker, which sends
 * reports, and the main context, where they are delivered in order. */
typedef struct
{
  gatomicrefcount            ref_count;
  GMainContext              *context;
  AttacheImportProgressFunc  func;
  gpointer                   data;
  GDestroyNotify             notify;
  gint64                     last_report;  /* worker only */
} ImportProgress;

typedef struct
{
  ImportProgress *progress;
  guint           done;
  guint           total;
} ProgressReport;

static ImportProgress *
import_progress_ref (ImportProgress *progress)
{
  g_atomic_ref_count_inc (&progress->ref_count);
  return progress;
}

static gboolean
free_import_progress_cb (gpointer user_data)
{
  ImportProgress *progress = user_data;

  if (progress->notify != NULL)
    progress->notify (progress->data);
  g_main_context_unref (progress->context);
  g_free (progress);

  return G_SOURCE_REMOVE;
}

/* The last reference may go in the worker: the data is freed on the caller's
 * main context all the same, as it may be a widget. */
static void
import_progress_unref (ImportProgress *progress)
{
  if (g_atomic_ref_count_dec (&progress->ref_count))
    {
      g_autoptr(GMainContext) context = g_main_context_ref (progress->context);

      _attache_dispatch (context, free_import_progress_cb, progress, NULL);
    }
}

static void
progress_report_free (ProgressReport *report)
{
  import_progress_unref (report->progress);
  g_free (report);
}

static gboolean
deliver_progress_cb (gpointer user_data)
{
  ProgressReport *report = user_data;

  report->progress->func (report->done, report->total, report->progress->data);

  return G_SOURCE_REMOVE;
}

/* From the worker: @done of @total, now if @now, else unless the last report
 * was less than PROGRESS_INTERVAL ago. */
static void
report_progress (ImportProgress *progress,
                 guint           done,
                 guint           total,
                 gboolean        now)
{
  ProgressReport *report;
  gint64 time;

  if (progress == NULL)
    return;

  time = g_get_monotonic_time ();
  if (!now && time - progress->last_report < PROGRESS_INTERVAL)
    return;
  progress->last_report = time;

  report = g_new0 (ProgressReport, 1);
  report->progress = import_progress_ref (progress);
  report->done = done;
  report->total = total;

  /* Sources of one priority run in the order they were added: the reports
   * arrive in order, and all before the task's own return, which has the
   * same priority and is added last. */
  _attache_dispatch (progress->context, deliver_progress_cb,
                     report, (GDestroyNotify) progress_report_free);
}

/* One line saying why a folder could not be read. */
static void
set_folder_error (GError **error,
                  GError  *io_error)
{
  if (g_error_matches (io_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
    g_set_error (error, ATTACHE_IMPORT_ERROR, ATTACHE_IMPORT_ERROR_NOT_FOUND, _("no such folder"));
  else if (g_error_matches (io_error, G_IO_ERROR, G_IO_ERROR_NOT_DIRECTORY))
    g_set_error (error, ATTACHE_IMPORT_ERROR, ATTACHE_IMPORT_ERROR_NOT_A_FOLDER, _("not a folder"));
  else if (g_error_matches (io_error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED))
    g_set_error (error, ATTACHE_IMPORT_ERROR, ATTACHE_IMPORT_ERROR_UNREADABLE,
                 _("permission denied: the folder cannot be read"));
  else if (g_error_matches (io_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_propagate_error (error, g_error_copy (io_error));
  else
    g_set_error (error, ATTACHE_IMPORT_ERROR, ATTACHE_IMPORT_ERROR_UNREADABLE,
                 _("the folder cannot be read: %s"), io_error->message);
}

typedef struct
{
  GPtrArray  *files;      /* GFile: the article files, in walk order */
  GPtrArray  *failures;   /* AttacheImportResult: the subfolders that could not be read */
  GHashTable *visited;    /* the id::file of each folder walked, against loops */
  guint       n_skipped;
} FolderWalk;

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  GFileInfo *info_a = *(GFileInfo * const *) a;
  GFileInfo *info_b = *(GFileInfo * const *) b;

  return g_strcmp0 (g_object_get_data (G_OBJECT (info_a), "attache-sort-key"),
                    g_object_get_data (G_OBJECT (info_b), "attache-sort-key"));
}

/* Collects the article files under @folder, depth first, each folder's
 * entries in the order a file manager shows them. Fails only when @folder
 * itself cannot be read, or when cancelled. */
static gboolean
walk_folder (FolderWalk    *walk,
             GFile         *folder,
             GCancellable  *cancellable,
             GError       **error)
{
  g_autoptr(GFileEnumerator) enumerator = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GError) io_error = NULL;

  enumerator = g_file_enumerate_children (folder, WALK_ATTRIBUTES, G_FILE_QUERY_INFO_NONE,
                                          cancellable, &io_error);
  if (enumerator == NULL)
    {
      set_folder_error (error, io_error);
      return FALSE;
    }

  entries = g_ptr_array_new_with_free_func (g_object_unref);
  for (;;)
    {
      GFileInfo *info = NULL;

      if (!g_file_enumerator_iterate (enumerator, &info, NULL, cancellable, &io_error))
        {
          set_folder_error (error, io_error);
          return FALSE;
        }
      if (info == NULL)
        break;

      if (g_file_info_get_is_hidden (info) || g_file_info_get_is_backup (info) ||
          g_file_info_get_name (info)[0] == '.')
        continue;

      g_object_set_data_full (G_OBJECT (info), "attache-sort-key",
                              g_utf8_collate_key_for_filename (g_file_info_get_name (info), -1),
                              g_free);
      g_ptr_array_add (entries, g_object_ref (info));
    }

  g_ptr_array_sort (entries, compare_names);

  for (guint i = 0; i < entries->len; i++)
    {
      GFileInfo *info = g_ptr_array_index (entries, i);
      const char *name = g_file_info_get_name (info);
      g_autoptr(GFile) child = g_file_get_child (folder, name);

      if (g_file_info_get_file_type (info) == G_FILE_TYPE_DIRECTORY)
        {
          const char *id = g_file_info_get_attribute_string (info, G_FILE_ATTRIBUTE_ID_FILE);
          g_autoptr(GError) child_error = NULL;

          /* A link to a folder may lead back up: never followed. A folder
           * seen before (a bind mount) is not walked twice. */
          if (g_file_info_get_is_symlink (info))
            continue;
          if (id != NULL && !g_hash_table_add (walk->visited, g_strdup (id)))
            continue;

          if (!walk_folder (walk, child, cancellable, &child_error))
            {
              AttacheImportResult *failure;

              if (g_error_matches (child_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
                {
                  g_propagate_error (error, g_steal_pointer (&child_error));
                  return FALSE;
                }

              failure = import_result_new (child);
              failure->error = g_steal_pointer (&child_error);
              g_ptr_array_add (walk->failures, failure);
            }
        }
      else if (attache_import_is_article_filename (name))
        {
          /* Links to files, and even pipes or broken links, are let through:
           * importing them says what is wrong with them. */
          g_ptr_array_add (walk->files, g_steal_pointer (&child));
        }
      else
        {
          walk->n_skipped++;
        }
    }

  return TRUE;
}

typedef struct
{
  GFile          *folder;
  ImportProgress *progress;   /* NULL without a progress function */
  guint           n_skipped;  /* set by the worker */
} ImportFolderData;

static void
import_folder_data_free (ImportFolderData *data)
{
  g_clear_object (&data->folder);
  g_clear_pointer (&data->progress, import_progress_unref);
  g_free (data);
}

static void
import_folder_worker (GTask        *task,
                      gpointer      source_object,
                      gpointer      task_data,
                      GCancellable *cancellable)
{
  AttacheImporter *self = source_object;
  ImportFolderData *data = task_data;
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(GError) io_error = NULL;
  GError *error = NULL;
  FolderWalk walk = { 0 };
  const char *id;
  guint total;

  /* The folder chosen is followed if it is a link: the person chose it. */
  info = g_file_query_info (data->folder,
                            G_FILE_ATTRIBUTE_STANDARD_TYPE "," G_FILE_ATTRIBUTE_ID_FILE,
                            G_FILE_QUERY_INFO_NONE, cancellable, &io_error);
  if (info == NULL)
    {
      set_folder_error (&error, io_error);
      g_task_return_error (task, error);
      return;
    }
  if (g_file_info_get_file_type (info) != G_FILE_TYPE_DIRECTORY)
    {
      g_task_return_new_error (task, ATTACHE_IMPORT_ERROR, ATTACHE_IMPORT_ERROR_NOT_A_FOLDER,
                               "%s", _("not a folder"));
      return;
    }

  walk.files = g_ptr_array_new_with_free_func (g_object_unref);
  walk.failures = g_ptr_array_new_with_free_func ((GDestroyNotify) attache_import_result_unref);
  walk.visited = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  id = g_file_info_get_attribute_string (info, G_FILE_ATTRIBUTE_ID_FILE);
  if (id != NULL)
    g_hash_table_add (walk.visited, g_strdup (id));

  if (!walk_folder (&walk, data->folder, cancellable, &error))
    {
      g_task_return_error (task, error);
      goto out;
    }

  total = walk.files->len;
  data->n_skipped = walk.n_skipped;
  report_progress (data->progress, 0, total, TRUE);

  results = g_ptr_array_new_full (total + walk.failures->len,
                                  (GDestroyNotify) attache_import_result_unref);
  for (guint i = 0; i < total; i++)
    {
      if (g_task_return_error_if_cancelled (task))
        goto out;

      g_ptr_array_add (results, attache_importer_import_file (self, g_ptr_array_index (walk.files, i),
                                                              cancellable));
      report_progress (data->progress, i + 1, total, i + 1 == total);
    }

  /* Cancelled during the last file: its import may have been cut short. */
  if (g_task_return_error_if_cancelled (task))
    goto out;

  for (guint i = 0; i < walk.failures->len; i++)
    g_ptr_array_add (results, attache_import_result_ref (g_ptr_array_index (walk.failures, i)));

  g_task_return_pointer (task, g_steal_pointer (&results), (GDestroyNotify) g_ptr_array_unref);

out:
  g_ptr_array_unref (walk.files);
  g_ptr_array_unref (walk.failures);
  g_hash_table_unref (walk.visited);
}

void
attache_importer_import_folder_async (AttacheImporter           *self,
                                      GFile                     *folder,
                                      AttacheImportProgressFunc  progress,
                                      gpointer                   progress_data,
                                      GDestroyNotify             progress_notify,
                                      GCancellable              *cancellable,
                                      GAsyncReadyCallback        callback,
                                      gpointer                   user_data)
{
  g_autoptr(GTask) task = NULL;
  ImportFolderData *data;

  g_return_if_fail (ATTACHE_IS_IMPORTER (self));
  g_return_if_fail (G_IS_FILE (folder));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  data = g_new0 (ImportFolderData, 1);
  data->folder = g_object_ref (folder);

  if (progress != NULL)
    {
      data->progress = g_new0 (ImportProgress, 1);
      g_atomic_ref_count_init (&data->progress->ref_count);
      data->progress->context = g_main_context_ref_thread_default ();
      data->progress->func = progress;
      data->progress->data = progress_data;
      data->progress->notify = progress_notify;
    }
  else if (progress_notify != NULL)
    {
      progress_notify (progress_data);
    }

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, attache_importer_import_folder_async);
  g_task_set_task_data (task, data, (GDestroyNotify) import_folder_data_free);
  g_task_run_in_thread (task, import_folder_worker);
}

GPtrArray *
attache_importer_import_folder_finish (AttacheImporter  *self,
                                       GAsyncResult     *result,
                                       guint            *out_n_skipped,
                                       GError          **error)
{
  GPtrArray *results;

  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == attache_importer_import_folder_async, NULL);

  results = g_task_propagate_pointer (G_TASK (result), error);

  if (out_n_skipped != NULL)
    {
      ImportFolderData *data = g_task_get_task_data (G_TASK (result));

      *out_n_skipped = results != NULL ? data->n_skipped : 0;
    }

  return results;
}

/* Importing a text */

typedef struct
{
  char *text;
  char *origin;
} ImportTextData;

static void
import_text_data_free (ImportTextData *data)
{
  g_free (data->text);
  g_free (data->origin);
  g_free (data);
}

static void
import_text_worker (GTask        *task,
                    gpointer      source_object,
                    gpointer      task_data,
                    GCancellable *cancellable)
{
  AttacheImporter *self = source_object;
  ImportTextData *data = task_data;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(AttacheArticle) article = NULL;
  AttacheImportResult *result;

  if (g_task_return_error_if_cancelled (task))
    return;

  result = import_result_new (NULL);
  bytes = g_bytes_new_static (data->text, strlen (data->text));
  article = attache_import_parse_bytes (bytes, "pasted.txt", &result->error);
  if (article != NULL)
    {
      attache_article_set_origin (article, data->origin);
      store_article (self, article, result);
    }

  g_task_return_pointer (task, result, (GDestroyNotify) attache_import_result_unref);
}

void
attache_importer_import_text_async (AttacheImporter     *self,
                                    const char          *text,
                                    const char          *origin_label,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  ImportTextData *data;

  g_return_if_fail (ATTACHE_IS_IMPORTER (self));
  g_return_if_fail (text != NULL);

  data = g_new0 (ImportTextData, 1);
  data->text = g_strdup (text);
  data->origin = g_strdup (origin_label != NULL ? origin_label : "clipboard");

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, attache_importer_import_text_async);
  g_task_set_task_data (task, data, (GDestroyNotify) import_text_data_free);
  g_task_run_in_thread (task, import_text_worker);
}

AttacheImportResult *
attache_importer_import_text_finish (AttacheImporter  *self,
                                     GAsyncResult     *result,
                                     GError          **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == attache_importer_import_text_async, NULL);

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
  if (name != NULL && (g_str_has_suffix (name, ".html") || g_str_has_suffix (name, ".xhtml")))
    article = attache_import_parse_web_page (attache_fetch_result_get_body (capture),
                                             attache_fetch_result_get_final_url (capture),
                                             attache_fetch_result_get_charset (capture),
                                             &result->error);
  else if (name != NULL)
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
