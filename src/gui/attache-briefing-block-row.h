/* attache-briefing-block-row.h: one block of a briefing in the editor
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "attache-briefing.h"

G_BEGIN_DECLS

#define ATTACHE_TYPE_BRIEFING_BLOCK_ROW (attache_briefing_block_row_get_type ())

G_DECLARE_FINAL_TYPE (AttacheBriefingBlockRow, attache_briefing_block_row, ATTACHE, BRIEFING_BLOCK_ROW, GtkWidget)

/* How long typing pauses before a note is saved. */
#define ATTACHE_BRIEFING_SAVE_DELAY_MS 300

/* A row showing @block; NULL for a new note, not stored yet (id 0). */
GtkWidget        *attache_briefing_block_row_new       (const AttacheBriefingBlock *block);

/* The block's id; 0 for a new note until it is stored. */
gint64            attache_briefing_block_row_get_id    (AttacheBriefingBlockRow    *self);
void              attache_briefing_block_row_set_id    (AttacheBriefingBlockRow    *self,
                                                        gint64                      id);
AttacheBlockKind  attache_briefing_block_row_get_kind  (AttacheBriefingBlockRow    *self);

/* Shows @block as stored. A note being edited (focused, or with changes not
 * saved yet) keeps what the person typed. */
void              attache_briefing_block_row_update    (AttacheBriefingBlockRow    *self,
                                                        const AttacheBriefingBlock *block);

/* A note's Markdown as typed. NULL for other kinds. */
char             *attache_briefing_block_row_dup_text  (AttacheBriefingBlockRow    *self);
/* TRUE while a note has changes waiting for ATTACHE_BRIEFING_SAVE_DELAY_MS. */
gboolean          attache_briefing_block_row_get_dirty (AttacheBriefingBlockRow    *self);
/* Emits "save" now for changes waiting, if any. */
void              attache_briefing_block_row_flush     (AttacheBriefingBlockRow    *self);

/* The drag handle, to move the block with the pointer. */
GtkWidget        *attache_briefing_block_row_get_handle (AttacheBriefingBlockRow   *self);

/* Gives the keyboard focus to the note's text, or to the row. */
void              attache_briefing_block_row_focus     (AttacheBriefingBlockRow    *self);

/* Shows that a block dropped here goes before it (-1), after it (1), or
 * neither (0). */
void              attache_briefing_block_row_set_drop_side (AttacheBriefingBlockRow *self,
                                                            int                      side);

G_END_DECLS
