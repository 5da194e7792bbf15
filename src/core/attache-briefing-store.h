/* attache-briefing-store.h: briefings kept in the library
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every write is one transaction: it is all stored or, on error, nothing is
 * (and the briefing's modification time is left as it was). Every write emits
 * "briefings-changed" with the briefing's id on the library's main context.
 * Errors are ATTACHE_DATABASE_ERROR: NOT_FOUND for an id that is not in the
 * library (briefing, section, block or article), INVALID for a value that
 * cannot be stored (an empty title, offsets outside the article's text), the
 * other codes for the file itself. All calls are thread-safe; the _async
 * variants run them in a worker and call back on the caller's main context.
 *
 * Positions count from 0 in a briefing's sections or a section's blocks; a
 * position at or past the end (G_MAXUINT) means at the end.
 */

#pragma once

#include <gio/gio.h>

#include "attache-briefing.h"
#include "attache-library.h"

G_BEGIN_DECLS

/* Where a new block goes. With @section_id: that section, at @position. Without
 * (0): the section of briefing @briefing_id headed @heading, created at the end
 * on first use; with @heading NULL, the briefing's last section, or a new
 * section without a heading when it has none. The new block is put at
 * @position in that section. */
typedef struct
{
  gint64      briefing_id;
  gint64      section_id;
  const char *heading;
  guint       position;
} AttacheBriefingPlace;

/* Briefings */

/* Stores a new briefing with the title-page fields of @fields (its title must
 * not be blank; its id, dates and sections are ignored). Returns the new id,
 * 0 on error. */
gint64           attache_library_create_briefing          (AttacheLibrary         *self,
                                                           const AttacheBriefing  *fields,
                                                           GError                **error);
/* Every briefing, most recently changed first, with its title-page fields
 * and no sections (AttacheBriefing *). */
GPtrArray       *attache_library_list_briefings           (AttacheLibrary         *self,
                                                           GError                **error);
/* The whole briefing, sections and blocks in order; sources whose article was
 * deleted since have removed set. */
AttacheBriefing *attache_library_load_briefing            (AttacheLibrary         *self,
                                                           gint64                  briefing_id,
                                                           GError                **error);
/* Replaces the title-page fields of briefing @fields->id (title, subtitle,
 * author, audience, date, marking, status, summary) with those of @fields. */
gboolean         attache_library_update_briefing          (AttacheLibrary         *self,
                                                           const AttacheBriefing  *fields,
                                                           GError                **error);
gboolean         attache_library_delete_briefing          (AttacheLibrary         *self,
                                                           gint64                  briefing_id,
                                                           GError                **error);
/* Puts back a whole briefing that was deleted, with the ids it had (Undo).
 * Sources keep their snapshots; those whose article is gone are removed. */
gboolean         attache_library_restore_briefing         (AttacheLibrary         *self,
                                                           const AttacheBriefing  *briefing,
                                                           GError                **error);

/* Sections */

/* Returns the new section's id, 0 on error. */
gint64           attache_library_add_briefing_section     (AttacheLibrary         *self,
                                                           gint64                  briefing_id,
                                                           const char             *heading,
                                                           guint                   position,
                                                           GError                **error);
gboolean         attache_library_rename_briefing_section  (AttacheLibrary         *self,
                                                           gint64                  section_id,
                                                           const char             *heading,
                                                           GError                **error);
gboolean         attache_library_move_briefing_section    (AttacheLibrary         *self,
                                                           gint64                  section_id,
                                                           guint                   position,
                                                           GError                **error);
/* Deletes the section and its blocks. */
gboolean         attache_library_delete_briefing_section  (AttacheLibrary         *self,
                                                           gint64                  section_id,
                                                           GError                **error);
/* Puts back a deleted section with its blocks, with the ids they had (Undo). */
gboolean         attache_library_restore_briefing_section (AttacheLibrary                *self,
                                                           gint64                         briefing_id,
                                                           guint                          position,
                                                           const AttacheBriefingSection  *section,
                                                           GError                       **error);

/* Blocks. Each add returns the new block's id, 0 on error. */

/* The analyst's own text, a small Markdown subset; not blank. */
gint64           attache_library_add_briefing_text        (AttacheLibrary              *self,
                                                           const AttacheBriefingPlace  *place,
                                                           const char                  *markdown,
                                                           GError                     **error);
/* Characters @from to @to (end exclusive) of the text of article @article_id:
 * 0 ≤ @from < @to ≤ its length in Unicode characters. The quoted text and the
 * source (title, publisher, published day, URL) are copied now; nothing done
 * to the article later changes them. */
gint64           attache_library_add_briefing_excerpt     (AttacheLibrary              *self,
                                                           const AttacheBriefingPlace  *place,
                                                           gint64                       article_id,
                                                           guint                        from,
                                                           guint                        to,
                                                           GError                     **error);
/* A reference to the whole article, with a snapshot of its source. */
gint64           attache_library_add_briefing_article     (AttacheLibrary              *self,
                                                           const AttacheBriefingPlace  *place,
                                                           gint64                       article_id,
                                                           GError                     **error);
/* The key actors (at most @limit rows; 0: 10) or topics of the articles the
 * briefing quotes or cites, from their stored analyses: an actor's articles
 * and mentions are summed over those articles. A snapshot: it changes only
 * with attache_library_refresh_briefing_block (). INVALID when none of those
 * articles has been analysed. */
gint64           attache_library_add_briefing_actors      (AttacheLibrary              *self,
                                                           const AttacheBriefingPlace  *place,
                                                           guint                        limit,
                                                           GError                     **error);
gint64           attache_library_add_briefing_topics      (AttacheLibrary              *self,
                                                           const AttacheBriefingPlace  *place,
                                                           guint                        limit,
                                                           GError                     **error);
/* Puts back a deleted block as it was, with its id and snapshot (Undo). */
gboolean         attache_library_restore_briefing_block   (AttacheLibrary              *self,
                                                           gint64                       section_id,
                                                           guint                        position,
                                                           const AttacheBriefingBlock  *block,
                                                           GError                     **error);

/* Replaces the Markdown of text block @block_id (INVALID for another kind). */
gboolean         attache_library_set_briefing_text        (AttacheLibrary         *self,
                                                           gint64                  block_id,
                                                           const char             *markdown,
                                                           GError                **error);
/* Quotes another passage of the same article: a new snapshot of characters
 * @from to @to. INVALID for a block that is not an excerpt, or whose article
 * was deleted. */
gboolean         attache_library_set_briefing_excerpt_range (AttacheLibrary       *self,
                                                             gint64                block_id,
                                                             guint                 from,
                                                             guint                 to,
                                                             GError              **error);
/* Computes an actors or topics block again from the articles the briefing
 * uses now, keeping its number of rows (INVALID for another kind). */
gboolean         attache_library_refresh_briefing_block   (AttacheLibrary         *self,
                                                           gint64                  block_id,
                                                           GError                **error);
/* Moves block @block_id to @position in section @section_id (0: its own
 * section), which must be of the same briefing. */
gboolean         attache_library_move_briefing_block      (AttacheLibrary         *self,
                                                           gint64                  block_id,
                                                           gint64                  section_id,
                                                           guint                   position,
                                                           GError                **error);
gboolean         attache_library_delete_briefing_block    (AttacheLibrary         *self,
                                                           gint64                  block_id,
                                                           GError                **error);

/* The same, off the calling thread. The arguments are copied: they need not
 * outlive the call. Each _finish returns what the call above returns. */
void             attache_library_create_briefing_async    (AttacheLibrary         *self,
                                                           const AttacheBriefing  *fields,
                                                           GCancellable           *cancellable,
                                                           GAsyncReadyCallback     callback,
                                                           gpointer                user_data);
gint64           attache_library_create_briefing_finish   (AttacheLibrary         *self,
                                                           GAsyncResult           *result,
                                                           GError                **error);
void             attache_library_list_briefings_async     (AttacheLibrary         *self,
                                                           GCancellable           *cancellable,
                                                           GAsyncReadyCallback     callback,
                                                           gpointer                user_data);
GPtrArray       *attache_library_list_briefings_finish    (AttacheLibrary         *self,
                                                           GAsyncResult           *result,
                                                           GError                **error);
void             attache_library_load_briefing_async      (AttacheLibrary         *self,
                                                           gint64                  briefing_id,
                                                           GCancellable           *cancellable,
                                                           GAsyncReadyCallback     callback,
                                                           gpointer                user_data);
AttacheBriefing *attache_library_load_briefing_finish     (AttacheLibrary         *self,
                                                           GAsyncResult           *result,
                                                           GError                **error);
void             attache_library_update_briefing_async    (AttacheLibrary         *self,
                                                           const AttacheBriefing  *fields,
                                                           GCancellable           *cancellable,
                                                           GAsyncReadyCallback     callback,
                                                           gpointer                user_data);
gboolean         attache_library_update_briefing_finish   (AttacheLibrary         *self,
                                                           GAsyncResult           *result,
                                                           GError                **error);
void             attache_library_delete_briefing_async    (AttacheLibrary         *self,
                                                           gint64                  briefing_id,
                                                           GCancellable           *cancellable,
                                                           GAsyncReadyCallback     callback,
                                                           gpointer                user_data);
gboolean         attache_library_delete_briefing_finish   (AttacheLibrary         *self,
                                                           GAsyncResult           *result,
                                                           GError                **error);
void             attache_library_restore_briefing_async   (AttacheLibrary         *self,
                                                           const AttacheBriefing  *briefing,
                                                           GCancellable           *cancellable,
                                                           GAsyncReadyCallback     callback,
                                                           gpointer                user_data);
gboolean         attache_library_restore_briefing_finish  (AttacheLibrary         *self,
                                                           GAsyncResult           *result,
                                                           GError                **error);

void             attache_library_add_briefing_section_async      (AttacheLibrary       *self,
                                                                  gint64                briefing_id,
                                                                  const char           *heading,
                                                                  guint                 position,
                                                                  GCancellable         *cancellable,
                                                                  GAsyncReadyCallback   callback,
                                                                  gpointer              user_data);
gint64           attache_library_add_briefing_section_finish     (AttacheLibrary       *self,
                                                                  GAsyncResult         *result,
                                                                  GError              **error);
void             attache_library_rename_briefing_section_async   (AttacheLibrary       *self,
                                                                  gint64                section_id,
                                                                  const char           *heading,
                                                                  GCancellable         *cancellable,
                                                                  GAsyncReadyCallback   callback,
                                                                  gpointer              user_data);
gboolean         attache_library_rename_briefing_section_finish  (AttacheLibrary       *self,
                                                                  GAsyncResult         *result,
                                                                  GError              **error);
void             attache_library_move_briefing_section_async     (AttacheLibrary       *self,
                                                                  gint64                section_id,
                                                                  guint                 position,
                                                                  GCancellable         *cancellable,
                                                                  GAsyncReadyCallback   callback,
                                                                  gpointer              user_data);
gboolean         attache_library_move_briefing_section_finish    (AttacheLibrary       *self,
                                                                  GAsyncResult         *result,
                                                                  GError              **error);
void             attache_library_delete_briefing_section_async   (AttacheLibrary       *self,
                                                                  gint64                section_id,
                                                                  GCancellable         *cancellable,
                                                                  GAsyncReadyCallback   callback,
                                                                  gpointer              user_data);
/* *@out_deleted (may be NULL): the section as it was when deleted, with its
 * blocks as stored, and *@out_position its place: what an Undo puts back. */
gboolean         attache_library_delete_briefing_section_finish  (AttacheLibrary       *self,
                                                                  GAsyncResult         *result,
                                                                  AttacheBriefingSection **out_deleted,
                                                                  guint                *out_position,
                                                                  GError              **error);
void             attache_library_restore_briefing_section_async  (AttacheLibrary               *self,
                                                                  gint64                        briefing_id,
                                                                  guint                         position,
                                                                  const AttacheBriefingSection  *section,
                                                                  GCancellable                 *cancellable,
                                                                  GAsyncReadyCallback           callback,
                                                                  gpointer                      user_data);
gboolean         attache_library_restore_briefing_section_finish (AttacheLibrary       *self,
                                                                  GAsyncResult         *result,
                                                                  GError              **error);

void             attache_library_add_briefing_text_async     (AttacheLibrary              *self,
                                                              const AttacheBriefingPlace  *place,
                                                              const char                  *markdown,
                                                              GCancellable                *cancellable,
                                                              GAsyncReadyCallback          callback,
                                                              gpointer                     user_data);
void             attache_library_add_briefing_excerpt_async  (AttacheLibrary              *self,
                                                              const AttacheBriefingPlace  *place,
                                                              gint64                       article_id,
                                                              guint                        from,
                                                              guint                        to,
                                                              GCancellable                *cancellable,
                                                              GAsyncReadyCallback          callback,
                                                              gpointer                     user_data);
void             attache_library_add_briefing_article_async  (AttacheLibrary              *self,
                                                              const AttacheBriefingPlace  *place,
                                                              gint64                       article_id,
                                                              GCancellable                *cancellable,
                                                              GAsyncReadyCallback          callback,
                                                              gpointer                     user_data);
void             attache_library_add_briefing_actors_async   (AttacheLibrary              *self,
                                                              const AttacheBriefingPlace  *place,
                                                              guint                        limit,
                                                              GCancellable                *cancellable,
                                                              GAsyncReadyCallback          callback,
                                                              gpointer                     user_data);
void             attache_library_add_briefing_topics_async   (AttacheLibrary              *self,
                                                              const AttacheBriefingPlace  *place,
                                                              guint                        limit,
                                                              GCancellable                *cancellable,
                                                              GAsyncReadyCallback          callback,
                                                              gpointer                     user_data);
/* Finishes any of the five adds above: the new block's id, 0 on error. */
gint64           attache_library_add_briefing_block_finish   (AttacheLibrary              *self,
                                                              GAsyncResult                *result,
                                                              GError                     **error);
void             attache_library_restore_briefing_block_async (AttacheLibrary              *self,
                                                               gint64                       section_id,
                                                               guint                        position,
                                                               const AttacheBriefingBlock  *block,
                                                               GCancellable                *cancellable,
                                                               GAsyncReadyCallback          callback,
                                                               gpointer                     user_data);
void             attache_library_set_briefing_text_async     (AttacheLibrary              *self,
                                                              gint64                       block_id,
                                                              const char                  *markdown,
                                                              GCancellable                *cancellable,
                                                              GAsyncReadyCallback          callback,
                                                              gpointer                     user_data);
void             attache_library_set_briefing_excerpt_range_async (AttacheLibrary         *self,
                                                                   gint64                  block_id,
                                                                   guint                   from,
                                                                   guint                   to,
                                                                   GCancellable           *cancellable,
                                                                   GAsyncReadyCallback     callback,
                                                                   gpointer                user_data);
void             attache_library_refresh_briefing_block_async (AttacheLibrary              *self,
                                                               gint64                       block_id,
                                                               GCancellable                *cancellable,
                                                               GAsyncReadyCallback          callback,
                                                               gpointer                     user_data);
void             attache_library_move_briefing_block_async   (AttacheLibrary              *self,
                                                              gint64                       block_id,
                                                              gint64                       section_id,
                                                              guint                        position,
                                                              GCancellable                *cancellable,
                                                              GAsyncReadyCallback          callback,
                                                              gpointer                     user_data);
void             attache_library_delete_briefing_block_async (AttacheLibrary              *self,
                                                              gint64                       block_id,
                                                              GCancellable                *cancellable,
                                                              GAsyncReadyCallback          callback,
                                                              gpointer                     user_data);
/* Finishes any of the six block edits above (restore, set text, set range,
 * refresh, move, delete). */
gboolean         attache_library_edit_briefing_block_finish  (AttacheLibrary              *self,
                                                              GAsyncResult                *result,
                                                              GError                     **error);

G_END_DECLS
