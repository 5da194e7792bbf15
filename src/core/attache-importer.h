/* attache-importer.h: turns files into articles of the library
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "attache-article.h"
#include "attache-library.h"

G_BEGIN_DECLS

/* Files larger than this are refused: 10 MiB is some 1.5 million words, far more than
 * any article, and keeps a mistaken pick (a video, a disk image) from filling memory. */
#define ATTACHE_IMPORT_MAX_FILE_SIZE (10 * 1024 * 1024)

#define ATTACHE_IMPORT_ERROR (attache_import_error_quark ())

typedef enum
{
  ATTACHE_IMPORT_ERROR_NOT_FOUND,    /* no such file */
  ATTACHE_IMPORT_ERROR_NOT_A_FILE,   /* a directory, a device, a pipe… */
  ATTACHE_IMPORT_ERROR_UNREADABLE,   /* permission denied or a read error */
  ATTACHE_IMPORT_ERROR_EMPTY,        /* no bytes, or nothing but white space */
  ATTACHE_IMPORT_ERROR_TOO_LARGE,    /* over ATTACHE_IMPORT_MAX_FILE_SIZE */
  ATTACHE_IMPORT_ERROR_BINARY,       /* not text */
  ATTACHE_IMPORT_ERROR_NO_TEXT,      /* a markup file with no readable text in it */
  ATTACHE_IMPORT_ERROR_NOT_AN_ARTICLE, /* a web address that gave an image, a PDF, a feed… */
  ATTACHE_IMPORT_ERROR_NOT_A_FOLDER, /* a folder import given a file */
} AttacheImportError;

typedef enum
{
  ATTACHE_IMPORT_FAILED,
  ATTACHE_IMPORT_IMPORTED,
  ATTACHE_IMPORT_DUPLICATE,
} AttacheImportStatus;

/* What happened to one input. */
typedef struct _AttacheImportResult AttacheImportResult;

#define ATTACHE_TYPE_IMPORT_RESULT (attache_import_result_get_type ())

GType                attache_import_result_get_type       (void) G_GNUC_CONST;
AttacheImportResult *attache_import_result_ref            (AttacheImportResult *result);
void                 attache_import_result_unref          (AttacheImportResult *result);
/* The file (or URL) imported; NULL for a text (attache_importer_import_text_async ()). */
GFile               *attache_import_result_get_file       (AttacheImportResult *result);
AttacheImportStatus  attache_import_result_get_status     (AttacheImportResult *result);
/* The new article's id, or for a duplicate the id of the stored one; 0 on failure. */
gint64               attache_import_result_get_article_id (AttacheImportResult *result);
/* The stored article's title (new or duplicate); NULL on failure. */
const char          *attache_import_result_get_title      (AttacheImportResult *result);
/* Why it failed, one line, e.g. "not a text file (binary data)"; NULL otherwise. */
const GError        *attache_import_result_get_error      (AttacheImportResult *result);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AttacheImportResult, attache_import_result_unref)

GQuark               attache_import_error_quark           (void);

/* Decodes and parses the bytes of a file into an article that is not stored yet.
 * @filename decides the format by its extension (.txt, .md, .markdown, .html, .htm;
 * other names are sniffed). Sets text, title, published date when present, sha256. */
AttacheArticle      *attache_import_parse_bytes           (GBytes       *bytes,
                                                           const char   *filename,
                                                           GError      **error);

/* The same for an HTML page fetched from @url (its final address), read in
 * @charset (from the HTTP headers; NULL when they said none). The article's url
 * is the canonical address the page declares, resolved against @url, else @url. */
AttacheArticle      *attache_import_parse_web_page        (GBytes       *bytes,
                                                           const char   *url,
                                                           const char   *charset,
                                                           GError      **error);

#define ATTACHE_TYPE_IMPORTER (attache_importer_get_type ())

G_DECLARE_FINAL_TYPE (AttacheImporter, attache_importer, ATTACHE, IMPORTER, GObject)

AttacheImporter     *attache_importer_new                 (AttacheLibrary  *library);
AttacheLibrary      *attache_importer_get_library         (AttacheImporter *self);

/* Imports one file in its own transaction. Never returns NULL. Blocking. */
AttacheImportResult *attache_importer_import_file         (AttacheImporter *self,
                                                           GFile           *file,
                                                           GCancellable    *cancellable);

/* Imports every file in a worker thread; each file succeeds or fails on its own.
 * The finish function returns a GPtrArray of AttacheImportResult in input order;
 * it fails only when cancelled (files imported before that stay imported). */
void                 attache_importer_import_files_async  (AttacheImporter     *self,
                                                           GFile              **files,
                                                           guint                n_files,
                                                           GCancellable        *cancellable,
                                                           GAsyncReadyCallback  callback,
                                                           gpointer             user_data);
GPtrArray           *attache_importer_import_files_finish (AttacheImporter     *self,
                                                           GAsyncResult        *result,
                                                           GError             **error);

/* Whether the importer takes files named like @filename when it imports a folder:
 * .txt, .text, .md, .markdown, .html, .htm and .xhtml, in any case. */
gboolean             attache_import_is_article_filename   (const char          *filename);

/* How far a long import has got: @done of @total files. Called on the main
 * context of the thread that started the import. */
typedef void (*AttacheImportProgressFunc) (guint    done,
                                           guint    total,
                                           gpointer user_data);

/* Imports the article files (see attache_import_is_article_filename ()) in
 * @folder and its subfolders, each in its own transaction, in a worker thread.
 * Hidden files and folders are left out, and symbolic links to folders are not
 * followed; other files are counted as skipped. A subfolder that cannot be read
 * gives a failed result of its own.
 *
 * @progress, if not NULL, is called on the caller's thread-default main context
 * once the files are counted (0 of total), then at most some twenty times a
 * second, and once at the end (total of total), always before @callback.
 * @progress_notify frees @progress_data, on the same main context, once no more
 * calls can come.
 *
 * The finish function returns a GPtrArray of AttacheImportResult: the files,
 * depth first and each folder's entries in name order, then the subfolders
 * that could not be read; *@out_n_skipped (may be NULL) is the number of
 * files left out for their type. It fails when @folder cannot be read (not
 * found, not a folder, permission denied: ATTACHE_IMPORT_ERROR) and when
 * cancelled (G_IO_ERROR_CANCELLED): the import stops between two files, and the
 * files imported before that stay in the library. */
void                 attache_importer_import_folder_async  (AttacheImporter           *self,
                                                            GFile                     *folder,
                                                            AttacheImportProgressFunc  progress,
                                                            gpointer                   progress_data,
                                                            GDestroyNotify             progress_notify,
                                                            GCancellable              *cancellable,
                                                            GAsyncReadyCallback        callback,
                                                            gpointer                   user_data);
GPtrArray           *attache_importer_import_folder_finish (AttacheImporter           *self,
                                                            GAsyncResult              *result,
                                                            guint                     *out_n_skipped,
                                                            GError                   **error);

/* Imports @text (pasted or dropped) as a new article, in a worker thread: it
 * is read as a plain text file would be, and stored with @origin_label as its
 * origin ("clipboard" when NULL). The result has no file (NULL). The finish
 * function fails only when cancelled. */
void                 attache_importer_import_text_async   (AttacheImporter     *self,
                                                           const char          *text,
                                                           const char          *origin_label,
                                                           GCancellable        *cancellable,
                                                           GAsyncReadyCallback  callback,
                                                           gpointer             user_data);
AttacheImportResult *attache_importer_import_text_finish  (AttacheImporter     *self,
                                                           GAsyncResult        *result,
                                                           GError             **error);

/* Fetches @url (http or https), extracts the article and stores it with the
 * capture record of the page (final URL, time, HTTP status and dates, the raw
 * bytes). The article's url is the canonical URL the page declares, else the
 * final URL; its origin is @url. The fetch runs on the caller's thread-default
 * main context (call from one thread), parsing and storing in a worker.
 * The result's file is g_file_new_for_uri (@url); network failures are in its
 * error (ATTACHE_FETCH_ERROR). The finish function fails only when cancelled. */
void                 attache_importer_import_url_async    (AttacheImporter     *self,
                                                           const char          *url,
                                                           GCancellable        *cancellable,
                                                           GAsyncReadyCallback  callback,
                                                           gpointer             user_data);
AttacheImportResult *attache_importer_import_url_finish   (AttacheImporter     *self,
                                                           GAsyncResult        *result,
                                                           GError             **error);

/* Tests only: the fetcher the importer uses for URLs (created on first use). */
AttacheFetcher      *attache_importer_get_fetcher         (AttacheImporter     *self);

G_END_DECLS
