/* attache-analysis-runner.c: keeps a library's analyses up to date in the background
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "attache-analysis-runner"

#include "config.h"

#include "attache-analysis-runner.h"

struct _AttacheAnalysisRunner
{
  GObject         parent_instance;

  AttacheLibrary *library;
  GCancellable   *cancellable;
  GError         *error;
  gulong          changed_id;
  guint           busy : 1;
  guint           again : 1;
};

G_DEFINE_FINAL_TYPE (AttacheAnalysisRunner, attache_analysis_runner, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_BUSY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void start_run (AttacheAnalysisRunner *self);

static void
set_busy (AttacheAnalysisRunner *self,
          gboolean               busy)
{
  if (self->busy != !!busy)
    {
      self->busy = !!busy;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
    }
}

/* The run holds the runner weakly: when its owner lets it go, it is
 * disposed, which cancels the run (a run holding it went on analysing the
 * whole library after the window had closed). */
static void
analyze_pending_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  GWeakRef *weak = user_data;
  g_autoptr(AttacheAnalysisRunner) self = g_weak_ref_get (weak);
  g_autoptr(GError) error = NULL;
  gint64 done;

  g_weak_ref_clear (weak);
  g_free (weak);

  done = attache_library_analyze_pending_finish (ATTACHE_LIBRARY (object), result, &error);
  if (self == NULL || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  g_clear_error (&self->error);
  if (done < 0)
    {
      g_warning ("Could not analyse the library: %s", error->message);
      self->error = g_steal_pointer (&error);
    }
  else
    g_debug ("Analysed %" G_GINT64_FORMAT " articles", done);

  if (self->again && self->error == NULL)
    {
      self->again = FALSE;
      start_run (self);
      return;
    }

  set_busy (self, FALSE);
}

static void
start_run (AttacheAnalysisRunner *self)
{
  GWeakRef *weak = g_new0 (GWeakRef, 1);

  g_weak_ref_init (weak, self);
  set_busy (self, TRUE);
  attache_library_analyze_pending_async (self->library, self->cancellable,
                                         analyze_pending_cb, weak);
}

static void
on_library_articles_changed_cb (AttacheLibrary        *library,
                                AttacheAnalysisRunner *self)
{
  if (self->busy)
    self->again = TRUE;
  else
    start_run (self);
}

static void
attache_analysis_runner_dispose (GObject *object)
{
  AttacheAnalysisRunner *self = ATTACHE_ANALYSIS_RUNNER (object);

  g_cancellable_cancel (self->cancellable);
  if (self->library != NULL)
    g_clear_signal_handler (&self->changed_id, self->library);
  g_clear_object (&self->library);

  G_OBJECT_CLASS (attache_analysis_runner_parent_class)->dispose (object);
}

static void
attache_analysis_runner_finalize (GObject *object)
{
  AttacheAnalysisRunner *self = ATTACHE_ANALYSIS_RUNNER (object);

  g_clear_object (&self->cancellable);
  g_clear_error (&self->error);

  G_OBJECT_CLASS (attache_analysis_runner_parent_class)->finalize (object);
}

static void
attache_analysis_runner_get_property (GObject    *object,
                                      guint       prop_id,
                                      GValue     *value,
                                      GParamSpec *pspec)
{
  AttacheAnalysisRunner *self = ATTACHE_ANALYSIS_RUNNER (object);

  switch (prop_id)
    {
    case PROP_BUSY:
      g_value_set_boolean (value, self->busy);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
attache_analysis_runner_class_init (AttacheAnalysisRunnerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = attache_analysis_runner_dispose;
  object_class->finalize = attache_analysis_runner_finalize;
  object_class->get_property = attache_analysis_runner_get_property;

  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
attache_analysis_runner_init (AttacheAnalysisRunner *self)
{
  self->cancellable = g_cancellable_new ();
}

AttacheAnalysisRunner *
attache_analysis_runner_new (AttacheLibrary *library)
{
  AttacheAnalysisRunner *self;

  g_return_val_if_fail (ATTACHE_IS_LIBRARY (library), NULL);

  self = g_object_new (ATTACHE_TYPE_ANALYSIS_RUNNER, NULL);
  self->library = g_object_ref (library);
  self->changed_id = g_signal_connect (library, "articles-changed",
                                       G_CALLBACK (on_library_articles_changed_cb), self);
  start_run (self);

  return self;
}

gboolean
attache_analysis_runner_get_busy (AttacheAnalysisRunner *self)
{
  g_return_val_if_fail (ATTACHE_IS_ANALYSIS_RUNNER (self), FALSE);
  return self->busy;
}

const GError *
attache_analysis_runner_get_error (AttacheAnalysisRunner *self)
{
  g_return_val_if_fail (ATTACHE_IS_ANALYSIS_RUNNER (self), NULL);
  return self->error;
}
