/* attache-briefing-editor.h: one briefing, edited: title page, summary, sections and blocks
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "attache-briefing-queue.h"
#include "attache-briefing.h"

G_BEGIN_DECLS

#define ATTACHE_TYPE_BRIEFING_EDITOR (attache_briefing_editor_get_type ())

G_DECLARE_FINAL_TYPE (AttacheBriefingEditor, attache_briefing_editor, ATTACHE, BRIEFING_EDITOR, GtkWidget)

GtkWidget             *attache_briefing_editor_new             (void);

/* Where every edit is written (in order, off the main thread). */
void                   attache_briefing_editor_set_queue       (AttacheBriefingEditor *self,
                                                                AttacheBriefingQueue  *queue);

/* The briefing edited, 0 for none. Changing it saves what was typed in the
 * one before, then reads the new one from the library. */
gint64                 attache_briefing_editor_get_briefing_id (AttacheBriefingEditor *self);
void                   attache_briefing_editor_set_briefing_id (AttacheBriefingEditor *self,
                                                                gint64                 briefing_id);

/* The briefing as last read from the library (NULL before), once what was
 * written has been read back; "briefing" is notified each time. */
const AttacheBriefing *attache_briefing_editor_get_briefing    (AttacheBriefingEditor *self);

/* TRUE while the briefing is being read, typing waits for its pause, or
 * edits are waiting to be written or read back ("busy": notified, except
 * as typing starts). */
gboolean               attache_briefing_editor_get_busy        (AttacheBriefingEditor *self);

/* Queues the edits typed but waiting for the typing to pause, now. */
void                   attache_briefing_editor_flush           (AttacheBriefingEditor *self);

/* Gives the title the focus, its text selected to be typed over, now or
 * once the briefing is shown. */
void                   attache_briefing_editor_focus_title     (AttacheBriefingEditor *self);

/* Scrolls to block @block_id and gives it the focus, now or once it is
 * shown. */
void                   attache_briefing_editor_show_block      (AttacheBriefingEditor *self,
                                                                gint64                 block_id);

/* The section new blocks from elsewhere (the reader, the library) go to:
 * the one with the focus, else 0 (the briefing's last section). */
gint64                 attache_briefing_editor_get_focus_section (AttacheBriefingEditor *self);

G_END_DECLS
