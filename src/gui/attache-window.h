/* attache-window.h: the main window: library list, reader and summary
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "attache-analysis-runner.h"
#include "attache-application.h"
#include "attache-library.h"

G_BEGIN_DECLS

#define ATTACHE_TYPE_WINDOW (attache_window_get_type ())

G_DECLARE_FINAL_TYPE (AttacheWindow, attache_window, ATTACHE, WINDOW, AdwApplicationWindow)

AttacheWindow  *attache_window_new          (AttacheApplication  *application,
                                             AttacheLibrary      *library);
AttacheLibrary *attache_window_get_library  (AttacheWindow       *self);
/* Keeps @runner, which analyses the library in the background, for as long as
 * the window is open; the summary pane says when it is analysing the article
 * shown. */
void            attache_window_set_analysis_runner (AttacheWindow         *self,
                                                    AttacheAnalysisRunner *runner);
/* Imports @files into the library, off the main thread, and tells the person
 * how it went; the first new article is then selected. What win.import does
 * with the files chosen. */
void            attache_window_import_files (AttacheWindow       *self,
                                             GFile              **files,
                                             guint                n_files);
/* Imports the articles in @folder and its subfolders, showing the progress
 * under the header bar with a Cancel button, then how it went; a folder import
 * already under way is finished first. What win.import-folder does with the
 * folder chosen, and a drop or paste with a folder. */
void            attache_window_import_folder (AttacheWindow      *self,
                                              GFile              *folder);
/* Imports the web page at @url (http or https) and tells how it went; the
 * article is then selected. What win.import-url does with the address given. */
void            attache_window_import_url   (AttacheWindow       *self,
                                             const char          *url);
/* Subscribes to the feed at @url (http or https), imports its items and shows
 * them in the library, and tells how it went. What win.subscribe-feed does
 * with the address given. */
void            attache_window_subscribe_feed (AttacheWindow     *self,
                                               const char        *url);
/* Subscribes to every feed of the OPML subscription list @file, off the main
 * thread, tells how many were new, then refreshes those. What
 * win.import-subscriptions does with the file chosen. */
void            attache_window_import_opml    (AttacheWindow     *self,
                                               GFile             *file);
/* Writes every subscription to @file as an OPML document, off the main
 * thread, and tells how it went. What win.export-subscriptions does with the
 * file chosen. */
void            attache_window_export_opml    (AttacheWindow     *self,
                                               GFile             *file);
/* Refreshes every feed, a few at a time, and tells how it went; the window
 * stays responsive meanwhile. What win.refresh-feeds (F5, Ctrl+R) does. */
void            attache_window_refresh_feeds  (AttacheWindow     *self);
/* When the feeds are next refreshed on schedule (the feed-refresh-interval
 * setting), in g_get_monotonic_time () microseconds; 0 when never. */
gint64          attache_window_get_next_feed_refresh (AttacheWindow *self);
/* Selects the article with @id, now or as soon as the list has it. */
void            attache_window_select_article (AttacheWindow     *self,
                                               gint64             id);

G_END_DECLS
