/* attache-briefing-section-row.h: one section of a briefing in the editor
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "attache-briefing.h"

G_BEGIN_DECLS

#define ATTACHE_TYPE_BRIEFING_SECTION_ROW (attache_briefing_section_row_get_type ())

G_DECLARE_FINAL_TYPE (AttacheBriefingSectionRow, attache_briefing_section_row, ATTACHE, BRIEFING_SECTION_ROW, GtkWidget)

GtkWidget  *attache_briefing_section_row_new          (gint64                     id);
gint64      attache_briefing_section_row_get_id       (AttacheBriefingSectionRow *self);

/* Shows @heading as stored, unless the person is editing it. */
void        attache_briefing_section_row_set_heading  (AttacheBriefingSectionRow *self,
                                                       const char                *heading);
/* The heading as typed. */
const char *attache_briefing_section_row_get_heading  (AttacheBriefingSectionRow *self);
/* TRUE while a new heading waits to be saved; emits "rename" for it now. */
gboolean    attache_briefing_section_row_get_dirty    (AttacheBriefingSectionRow *self);
void        attache_briefing_section_row_flush        (AttacheBriefingSectionRow *self);

/* The blocks, AttacheBriefingBlockRow, in order. */
GtkBox     *attache_briefing_section_row_get_blocks   (AttacheBriefingSectionRow *self);
/* Shows a hint in a section without blocks: call once its blocks changed. */
void        attache_briefing_section_row_update_placeholder (AttacheBriefingSectionRow *self);
GtkWidget  *attache_briefing_section_row_get_handle   (AttacheBriefingSectionRow *self);
void        attache_briefing_section_row_focus        (AttacheBriefingSectionRow *self);
/* See attache_briefing_block_row_set_drop_side (). */
void        attache_briefing_section_row_set_drop_side (AttacheBriefingSectionRow *self,
                                                        int                        side);

G_END_DECLS
