/* attache-task-private.h: an _async call that runs its synchronous twin in a worker
 *
 * Most _async/_finish pairs in src/core do the same thing: keep the arguments,
 * run the synchronous call in a worker thread (g_task_run_in_thread) and hand
 * its result or its GError to the caller's main context. The caller makes the
 * GTask (source object, cancellable, callback, source tag); these run it:
 *
 *   task = g_task_new (self, cancellable, callback, user_data);
 *   g_task_set_source_tag (task, attache_library_get_article_async);
 *   _attache_task_run_pointer (task, get_article_run, g_object_unref,
 *                              data, (GDestroyNotify) data_free, ATTACHE_TASK_DEFAULT);
 *
 * Pointer and boolean results are returned as g_task_return_pointer/_boolean
 * would, so the _finish side stays g_task_propagate_pointer/_boolean.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef enum
{
  ATTACHE_TASK_DEFAULT            = 0,
  /* Run even when the cancellable is cancelled before the worker starts: a
   * write that must not be lost once asked for, or a call that looks at the
   * cancellable itself. Otherwise the worker returns G_IO_ERROR_CANCELLED
   * without running. */
  ATTACHE_TASK_RUN_WHEN_CANCELLED = 1 << 0,
} AttacheTaskFlags;

/* The work, in the worker thread. @source_object is the task's, @data the one
 * given to _attache_task_run_*. Returns the result, or NULL (FALSE, 0) with
 * @error set. An int64 result is positive: 0 or less is a failure. */
typedef gpointer (*AttacheTaskPointerFunc) (gpointer       source_object,
                                            gpointer       data,
                                            GCancellable  *cancellable,
                                            GError       **error);
typedef gboolean (*AttacheTaskBooleanFunc) (gpointer       source_object,
                                            gpointer       data,
                                            GCancellable  *cancellable,
                                            GError       **error);
typedef gint64   (*AttacheTaskInt64Func)   (gpointer       source_object,
                                            gpointer       data,
                                            GCancellable  *cancellable,
                                            GError       **error);

/* Sets @task's data (it takes @data; @data_free may be NULL) and runs @func
 * on it in a worker. The result is freed with @result_free if nobody takes it. */
void      _attache_task_run_pointer      (GTask                   *task,
                                          AttacheTaskPointerFunc   func,
                                          GDestroyNotify           result_free,
                                          gpointer                 data,
                                          GDestroyNotify           data_free,
                                          AttacheTaskFlags         flags);
void      _attache_task_run_boolean      (GTask                   *task,
                                          AttacheTaskBooleanFunc   func,
                                          gpointer                 data,
                                          GDestroyNotify           data_free,
                                          AttacheTaskFlags         flags);
void      _attache_task_run_int64        (GTask                   *task,
                                          AttacheTaskInt64Func     func,
                                          gpointer                 data,
                                          GDestroyNotify           data_free,
                                          AttacheTaskFlags         flags);

/* The result of a task run with _attache_task_run_int64 (all 64 bits, also
 * where gssize has 32), or 0 with @error set. */
gint64    _attache_task_propagate_int64  (GTask                   *task,
                                          GError                 **error);

/* The @data a task was run with (g_task_get_task_data gives the wrapper). */
gpointer  _attache_task_get_data         (GTask                   *task);

G_END_DECLS
