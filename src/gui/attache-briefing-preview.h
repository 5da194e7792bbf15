/* attache-briefing-preview.h: the pages of a briefing as they will print
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "attache-briefing-pdf.h"
#include "attache-briefing.h"

G_BEGIN_DECLS

#define ATTACHE_TYPE_BRIEFING_PREVIEW (attache_briefing_preview_get_type ())

G_DECLARE_FINAL_TYPE (AttacheBriefingPreview, attache_briefing_preview, ATTACHE, BRIEFING_PREVIEW, GtkWidget)

GtkWidget *attache_briefing_preview_new          (void);

/* Shows @briefing (copied; NULL for none) laid out on @paper: at once the
 * first time, then ATTACHE_BRIEFING_PREVIEW_DELAY_MS after the last change.
 * The layout and the drawing are done in a worker thread, a few pages at a
 * time as they are scrolled to. */
#define ATTACHE_BRIEFING_PREVIEW_DELAY_MS 300

void       attache_briefing_preview_set_briefing (AttacheBriefingPreview *self,
                                                  const AttacheBriefing  *briefing,
                                                  AttacheBriefingPaper    paper);

/* The number of pages of the briefing shown, 0 until it is laid out
 * ("n-pages", notified). */
guint      attache_briefing_preview_get_n_pages  (AttacheBriefingPreview *self);
/* How many pages are drawn and shown now ("n-shown", notified). */
guint      attache_briefing_preview_get_n_shown  (AttacheBriefingPreview *self);
/* TRUE while the briefing waits to be laid out, or pages to be drawn
 * ("busy", notified). */
gboolean   attache_briefing_preview_get_busy     (AttacheBriefingPreview *self);

G_END_DECLS
