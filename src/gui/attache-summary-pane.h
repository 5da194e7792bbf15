/* attache-summary-pane.h: the facts about the selected article and its analysis, beside the reader
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "attache-analysis-runner.h"
#include "attache-article.h"
#include "attache-library.h"
#include "attache-reader.h"
#include "attache-overview.h"

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
/* Where the mentions of the actor chosen in the pane (or of all, with
 * "Highlight All") are highlighted; NULL for nowhere. */
AttacheReader  *attache_summary_pane_get_reader          (AttacheSummaryPane *self);
void            attache_summary_pane_set_reader          (AttacheSummaryPane *self,
                                                          AttacheReader      *reader);

/* Actions:
 *   pane.select-actor (x): highlights the mentions of that actor of the
 *     article in the reader, and offers what can be done with it.
 *   pane.actor-timeline (x), pane.topic-timeline (s): the mentions of an
 *     actor, or the articles with a topic, over time, in a window.
 *   pane.show-network: the network of the actors of the article, in a window.
 * Activated from the pane, for the window to implement:
 *   win.search-actor (x): the articles mentioning that actor;
 *   win.search-topic (s): the articles with that topic. */

/* Several articles at once (a selection, a search's results): instead of
 * the article, the pane shows @overview under @heading ("3 Articles
 * Selected"); NULL while it is being read (what was shown stays, with a
 * spinner). attache_summary_pane_hide_overview () goes back to the article. */
void            attache_summary_pane_show_overview       (AttacheSummaryPane    *self,
                                                          const AttacheOverview *overview,
                                                          const char            *heading);
void            attache_summary_pane_hide_overview       (AttacheSummaryPane    *self);
gboolean        attache_summary_pane_get_showing_overview (AttacheSummaryPane   *self);

G_END_DECLS
