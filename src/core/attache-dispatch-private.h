/* attache-dispatch-private.h: run a function on a main context's own thread
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Queues @func to run in the thread that iterates @context, always later and in
 * the order queued. Not g_main_context_invoke (): called from a worker while
 * the main thread is between two iterations, that acquires the context and
 * runs @func right there, in the worker — GTK code off the main thread. */
static inline void
_attache_dispatch (GMainContext   *context,
                   GSourceFunc     func,
                   gpointer        data,
                   GDestroyNotify  notify)
{
  GSource *source = g_idle_source_new ();

  g_source_set_priority (source, G_PRIORITY_DEFAULT);
  g_source_set_callback (source, func, data, notify);
  g_source_set_static_name (source, "[attache] dispatch");
  g_source_attach (source, context);
  g_source_unref (source);
}

G_END_DECLS
