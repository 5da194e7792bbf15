/* attache-task-private.h: run an _async call's synchronous twin in a worker
 *
 * The caller makes the GTask (source object, cancellable, callback, source
 * tag); _attache_task_run_* sets its data and runs @func in a worker, which
 * returns @func's result, or its GError. Pointer and boolean results are
 * plain GTask results: the _finish side is g_task_propagate_pointer/_boolean.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef enum
{
  ATTACHE_TASK_DEFAULT            = 0,
  /* Run @func even when cancelled before the worker starts (a write that must
   * not be lost, a call that looks at the cancellable itself); otherwise the
   * worker returns G_IO_ERROR_CANCELLED without running it. */
  ATTACHE_TASK_RUN_WHEN_CANCELLED = 1 << 0,
} AttacheTaskFlags;

/* In the worker: the result for @data, or NULL (FALSE; for an int64, 0 or
 * less) with @error set. */
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

/* Each takes @data (@data_free may be NULL). */
void      _attache_task_run_pointer     (GTask                   *task,
                                         AttacheTaskPointerFunc   func,
                                         GDestroyNotify           result_free,
                                         gpointer                 data,
                                         GDestroyNotify           data_free,
                                         AttacheTaskFlags         flags);
void      _attache_task_run_boolean     (GTask                   *task,
                                         AttacheTaskBooleanFunc   func,
                                         gpointer                 data,
                                         GDestroyNotify           data_free,
                                         AttacheTaskFlags         flags);
void      _attache_task_run_int64       (GTask                   *task,
                                         AttacheTaskInt64Func     func,
                                         gpointer                 data,
                                         GDestroyNotify           data_free,
                                         AttacheTaskFlags         flags);

/* An int64 task's result (all 64 bits, unlike g_task_propagate_int), or 0. */
gint64    _attache_task_propagate_int64 (GTask                   *task,
                                         GError                 **error);

/* The @data a task was run with. */
gpointer  _attache_task_get_data        (GTask                   *task);

G_END_DECLS
