/* attache-summary-pane.h: the facts about the selected article and its analysis, beside the reader
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "attache-analysis-runner.h"
#include "attache-article.h"
#include "attache-library.h"

G_BEGIN_DECLS

#define ATTACHE_TYPE_SUMMARY_PANE (attache_summary_pane_get_type ())

G_DECLARE_FINAL_TYPE (AttacheSummaryPane, attache_summary_pane, ATTACHE, SUMMARY_PANE, GtkWidget)

GtkWidget      *attache_summary_pane_new                 (void);
/* The article shown, NULL for none. Its stored analysis is read from the
 * library, off the main thread, and read again when the library's analyses
 * change. */
AttacheArticle *attache_summary_pane_get_article         (AttacheSummaryPane *self);
void            attache_summary_pane_set_article         (AttacheSummaryPane *self,
                                                          AttacheArticle     *article);
/* Where the analyses are read from; without a library only the article's
 * details are shown. */
AttacheLibrary *attache_summary_pane_get_library         (AttacheSummaryPane *self);
void            attache_summary_pane_set_library         (AttacheSummaryPane *self,
                                                          AttacheLibrary     *library);
/* The runner analysing the library in the background, if any: while it works,
 * an article not analysed yet shows "Analysing…". */
AttacheAnalysisRunner *attache_summary_pane_get_analysis_runner (AttacheSummaryPane    *self);
void            attache_summary_pane_set_analysis_runner (AttacheSummaryPane    *self,
                                                          AttacheAnalysisRunner *runner);

G_END_DECLS
