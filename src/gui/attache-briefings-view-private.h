/* attache-briefings-view-private.h: the Briefings view, for the window and the tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "attache-briefings-view.h"

G_BEGIN_DECLS

/* Prints the briefing open, once every edit is written, through
 * GtkPrintOperation with the PDF's renderer: with the print dialog, or, with
 * @export_path, straight to a PDF file there (what the tests check). What
 * briefings.print (Ctrl+P) does without @export_path. */
void _attache_briefings_view_print (AttacheBriefingsView *self,
                                    const char           *export_path);

G_END_DECLS
