/* attache-task.c: run an _async call's synchronous twin in a worker
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "attache-task"

#include "config.h"

#include "attache-task-private.h"

typedef enum
{
  RESULT_POINTER,
  RESULT_BOOLEAN,
  RESULT_INT64,
} ResultKind;

/* A task's data: what to run, and the caller's data. */
typedef struct
{
  ResultKind        kind;
  AttacheTaskFlags  flags;
  union
  {
    AttacheTaskPointerFunc pointer;
    AttacheTaskBooleanFunc boolean;
    AttacheTaskInt64Func   int64;
  } func;
  GDestroyNotify    result_free;
  gpointer          data;
  GDestroyNotify    data_free;
} Closure;

static void
closure_free (Closure *closure)
{
  if (closure->data_free != NULL)
    closure->data_free (closure->data);
  g_free (closure);
}

static void
run_worker (GTask        *task,
            gpointer      source_object,
            gpointer      task_data,
            GCancellable *cancellable)
{
  Closure *closure = task_data;
  GError *error = NULL;
  gpointer result = NULL;
  gint64 value = 0;
  gboolean ok;

  if (!(closure->flags & ATTACHE_TASK_RUN_WHEN_CANCELLED) && g_task_return_error_if_cancelled (task))
    return;

  if (closure->kind == RESULT_POINTER)
    ok = (result = closure->func.pointer (source_object, closure->data, cancellable, &error)) != NULL;
  else if (closure->kind == RESULT_BOOLEAN)
    ok = closure->func.boolean (source_object, closure->data, cancellable, &error);
  else
    ok = (value = closure->func.int64 (source_object, closure->data, cancellable, &error)) > 0;

  /* A function that fails says why; one that finds nothing to return
   * without an error returns that nothing. */
  if (!ok && error != NULL)
    g_task_return_error (task, error);
  else if (closure->kind == RESULT_POINTER)
    g_task_return_pointer (task, result, closure->result_free);
  else if (closure->kind == RESULT_BOOLEAN)
    g_task_return_boolean (task, ok);
  else
    g_task_return_pointer (task, g_memdup2 (&value, sizeof value), g_free);
}

/* Makes @task's data; the caller fills in the function. */
static Closure *
set_closure (GTask            *task,
             ResultKind        kind,
             gpointer          data,
             GDestroyNotify    data_free,
             AttacheTaskFlags  flags)
{
  Closure *closure = g_new0 (Closure, 1);

  closure->kind = kind;
  closure->flags = flags;
  closure->data = data;
  closure->data_free = data_free;
  g_task_set_task_data (task, closure, (GDestroyNotify) closure_free);

  return closure;
}

void
_attache_task_run_pointer (GTask                  *task,
                           AttacheTaskPointerFunc  func,
                           GDestroyNotify          result_free,
                           gpointer                data,
                           GDestroyNotify          data_free,
                           AttacheTaskFlags        flags)
{
  Closure *closure = set_closure (task, RESULT_POINTER, data, data_free, flags);

  closure->func.pointer = func;
  closure->result_free = result_free;
  g_task_run_in_thread (task, run_worker);
}

void
_attache_task_run_boolean (GTask                  *task,
                           AttacheTaskBooleanFunc  func,
                           gpointer                data,
                           GDestroyNotify          data_free,
                           AttacheTaskFlags        flags)
{
  Closure *closure = set_closure (task, RESULT_BOOLEAN, data, data_free, flags);

  closure->func.boolean = func;
  g_task_run_in_thread (task, run_worker);
}

void
_attache_task_run_int64 (GTask                *task,
                         AttacheTaskInt64Func  func,
                         gpointer              data,
                         GDestroyNotify        data_free,
                         AttacheTaskFlags      flags)
{
  Closure *closure = set_closure (task, RESULT_INT64, data, data_free, flags);

  closure->func.int64 = func;
  g_task_run_in_thread (task, run_worker);
}

gint64
_attache_task_propagate_int64 (GTask   *task,
                               GError **error)
{
  g_autofree gint64 *value = g_task_propagate_pointer (task, error);

  return value != NULL ? *value : 0;
}

gpointer
_attache_task_get_data (GTask *task)
{
  Closure *closure = g_task_get_task_data (task);

  return closure->data;
}
