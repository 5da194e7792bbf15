/* attache-analysis-runner.h: keeps a library's analyses up to date in the background
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "attache-library.h"

G_BEGIN_DECLS

#define ATTACHE_TYPE_ANALYSIS_RUNNER (attache_analysis_runner_get_type ())

G_DECLARE_FINAL_TYPE (AttacheAnalysisRunner, attache_analysis_runner, ATTACHE, ANALYSIS_RUNNER, GObject)

/* Starts analysing, in a worker, every article of @library that needs it (new,
 * or analysed by an older analyser), and again whenever articles change; a
 * burst of changes costs one more run. Stops when disposed. */
AttacheAnalysisRunner *attache_analysis_runner_new      (AttacheLibrary        *library);
/* TRUE while a run is under way; notifies "busy". */
gboolean               attache_analysis_runner_get_busy (AttacheAnalysisRunner *self);
/* Why the last run failed, or NULL. */
const GError          *attache_analysis_runner_get_error (AttacheAnalysisRunner *self);

G_END_DECLS
