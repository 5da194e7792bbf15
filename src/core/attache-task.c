/* attache-task.c: an _async call that runs its synchronous twin in a worker
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

/* The task data of a task run here: what to run, and the caller's data. */
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

  if (!(closure->flags & ATTACHE_TASK_RUN_WHEN_CANCELLED) && g_task_return_error_if_cancelled (task))
    return;

  switch (closure->kind)
    {
    case RESULT_POINTER:
      {
        gpointer result = closure->func.pointer (source_object, closure->data, cancellable, &error);

        if (result == NULL)
          g_task_return_error (task, error);
        else
          g_task_return_pointer (task, result, closure->result_free);
      }
      break;

    case RESULT_BOOLEAN:
      if (closure->func.boolean (source_object, closure->data, cancellable, &error))
        g_task_return_boolean (task, TRUE);
      else
        g_task_return_error (task, error);
      break;

    case RESULT_INT64:
    default:
      {
        gint64 result = closure->func.int64 (source_object, closure->data, cancellable, &error);

        if (result <= 0)
          g_task_return_error (task, error);
        else
          g_task_return_pointer (task, g_memdup2 (&result, sizeof result), g_free);
      }
      break;
    }
}

static Closure *
closure_new (ResultKind        kind,
             gpointer          data,
             GDestroyNotify    data_free,
             AttacheTaskFlags  flags)
{
  Closure *closure = g_new0 (Closure, 1);

  closure->kind = kind;
  closure->flags = flags;
  closure->data = data;
  closure->data_free = data_free;

  return closure;
}

static void
run (GTask   *task,
     Closure *closure)
{
  g_task_set_task_data (task, closure, (GDestroyNotify) closure_free);
  g_task_run_in_thread (task, run_worker);
}

void
_attache_task_run_pointer (GTask                  *task,
                           AttacheTaskPointerFunc  func,
                           GDestroyNotify          result_free,
                           gpointer                data,
                           GDestroyNotify          data_free,
                           AttacheTaskFlags        flags)
{
  Closure *closure;

  g_assert (G_IS_TASK (task));
  g_assert (func != NULL);

  closure = closure_new (RESULT_POINTER, data, data_free, flags);
  closure->func.pointer = func;
  closure->result_free = result_free;
  run (task, closure);
}

void
_attache_task_run_boolean (GTask                  *task,
                           AttacheTaskBooleanFunc  func,
                           gpointer                data,
                           GDestroyNotify          data_free,
                           AttacheTaskFlags        flags)
{
  Closure *closure;

  g_assert (G_IS_TASK (task));
  g_assert (func != NULL);

  closure = closure_new (RESULT_BOOLEAN, data, data_free, flags);
  closure->func.boolean = func;
  run (task, closure);
}

void
_attache_task_run_int64 (GTask                *task,
                         AttacheTaskInt64Func  func,
                         gpointer              data,
                         GDestroyNotify        data_free,
                         AttacheTaskFlags      flags)
{
  Closure *closure;

  g_assert (G_IS_TASK (task));
  g_assert (func != NULL);

  closure = closure_new (RESULT_INT64, data, data_free, flags);
  closure->func.int64 = func;
  run (task, closure);
}

gint64
_attache_task_propagate_int64 (GTask   *task,
                               GError **error)
{
  g_autofree gint64 *value = NULL;

  g_assert (G_IS_TASK (task));

  value = g_task_propagate_pointer (task, error);
  return value != NULL ? *value : 0;
}

gpointer
_attache_task_get_data (GTask *task)
{
  Closure *closure;

  g_assert (G_IS_TASK (task));

  closure = g_task_get_task_data (task);
  g_assert (closure != NULL);

  return closure->data;
}
