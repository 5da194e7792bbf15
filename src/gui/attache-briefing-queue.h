/* attache-briefing-queue.h: the window's writes to briefings, one at a time
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "attache-briefing-store.h"
#include "attache-library.h"

G_BEGIN_DECLS

#define ATTACHE_TYPE_BRIEFING_QUEUE (attache_briefing_queue_get_type ())

G_DECLARE_FINAL_TYPE (AttacheBriefingQueue, attache_briefing_queue, ATTACHE, BRIEFING_QUEUE, GObject)

/* Starts one call of the store's async API (attache-briefing-store.h) with
 * @data, finishing with @callback. */
typedef void (*AttacheBriefingQueueFunc) (AttacheLibrary      *library,
                                          gpointer             data,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data);

AttacheBriefingQueue *attache_briefing_queue_new       (AttacheLibrary        *library);
AttacheLibrary       *attache_briefing_queue_get_library (AttacheBriefingQueue *self);

/* Runs @func (library, @data, …) once every call pushed before it has
 * finished, then @callback (library, result, @user_data), which calls the
 * matching _finish. The store's async calls run in a thread pool: two edits
 * of the same text, started one after the other, could otherwise be written
 * in the other order. @data is freed with @data_free after @callback. While
 * calls are waiting or under way the default application is held, so that
 * closing the last window does not quit before they are written. */
void                  attache_briefing_queue_push      (AttacheBriefingQueue     *self,
                                                        AttacheBriefingQueueFunc  func,
                                                        gpointer                  data,
                                                        GDestroyNotify            data_free,
                                                        GAsyncReadyCallback       callback,
                                                        gpointer                  user_data);

/* The store's async calls (attache-briefing-store.h), queued: each finishes
 * with the store's own _finish function, the library as the source object.
 * The arguments are copied. */
void attache_briefing_queue_create_briefing  (AttacheBriefingQueue          *self,
                                              const AttacheBriefing         *fields,
                                              GAsyncReadyCallback            callback,
                                              gpointer                       user_data);
void attache_briefing_queue_load_briefing    (AttacheBriefingQueue          *self,
                                              gint64                         briefing_id,
                                              GAsyncReadyCallback            callback,
                                              gpointer                       user_data);
void attache_briefing_queue_update_briefing  (AttacheBriefingQueue          *self,
                                              const AttacheBriefing         *fields,
                                              GAsyncReadyCallback            callback,
                                              gpointer                       user_data);
void attache_briefing_queue_delete_briefing  (AttacheBriefingQueue          *self,
                                              gint64                         briefing_id,
                                              GAsyncReadyCallback            callback,
                                              gpointer                       user_data);
void attache_briefing_queue_restore_briefing (AttacheBriefingQueue          *self,
                                              const AttacheBriefing         *briefing,
                                              GAsyncReadyCallback            callback,
                                              gpointer                       user_data);
void attache_briefing_queue_add_section      (AttacheBriefingQueue          *self,
                                              gint64                         briefing_id,
                                              const char                    *heading,
                                              guint                          position,
                                              GAsyncReadyCallback            callback,
                                              gpointer                       user_data);
void attache_briefing_queue_rename_section   (AttacheBriefingQueue          *self,
                                              gint64                         section_id,
                                              const char                    *heading,
                                              GAsyncReadyCallback            callback,
                                              gpointer                       user_data);
void attache_briefing_queue_move_section     (AttacheBriefingQueue          *self,
                                              gint64                         section_id,
                                              guint                          position,
                                              GAsyncReadyCallback            callback,
                                              gpointer                       user_data);
void attache_briefing_queue_delete_section   (AttacheBriefingQueue          *self,
                                              gint64                         section_id,
                                              GAsyncReadyCallback            callback,
                                              gpointer                       user_data);
void attache_briefing_queue_restore_section  (AttacheBriefingQueue          *self,
                                              gint64                         briefing_id,
                                              guint                          position,
                                              const AttacheBriefingSection  *section,
                                              GAsyncReadyCallback            callback,
                                              gpointer                       user_data);
/* Finished with attache_library_add_briefing_block_finish (). */
void attache_briefing_queue_add_text         (AttacheBriefingQueue          *self,
                                              const AttacheBriefingPlace    *place,
                                              const char                    *markdown,
                                              GAsyncReadyCallback            callback,
                                              gpointer                       user_data);
void attache_briefing_queue_add_excerpt      (AttacheBriefingQueue          *self,
                                              const AttacheBriefingPlace    *place,
                                              gint64                         article_id,
                                              guint                          from,
                                              guint                          to,
                                              GAsyncReadyCallback            callback,
                                              gpointer                       user_data);
void attache_briefing_queue_add_article      (AttacheBriefingQueue          *self,
                                              const AttacheBriefingPlace    *place,
                                              gint64                         article_id,
                                              GAsyncReadyCallback            callback,
                                              gpointer                       user_data);
void attache_briefing_queue_add_table        (AttacheBriefingQueue          *self,
                                              const AttacheBriefingPlace    *place,
                                              AttacheBlockKind               kind,
                                              GAsyncReadyCallback            callback,
                                              gpointer                       user_data);
/* Finished with attache_library_edit_briefing_block_finish (). */
void attache_briefing_queue_set_text         (AttacheBriefingQueue          *self,
                                              gint64                         block_id,
                                              const char                    *markdown,
                                              GAsyncReadyCallback            callback,
                                              gpointer                       user_data);
void attache_briefing_queue_move_block       (AttacheBriefingQueue          *self,
                                              gint64                         block_id,
                                              gint64                         section_id,
                                              guint                          position,
                                              GAsyncReadyCallback            callback,
                                              gpointer                       user_data);
void attache_briefing_queue_delete_block     (AttacheBriefingQueue          *self,
                                              gint64                         block_id,
                                              GAsyncReadyCallback            callback,
                                              gpointer                       user_data);
void attache_briefing_queue_restore_block    (AttacheBriefingQueue          *self,
                                              gint64                         section_id,
                                              guint                          position,
                                              const AttacheBriefingBlock    *block,
                                              GAsyncReadyCallback            callback,
                                              gpointer                       user_data);
void attache_briefing_queue_refresh_block    (AttacheBriefingQueue          *self,
                                              gint64                         block_id,
                                              GAsyncReadyCallback            callback,
                                              gpointer                       user_data);

/* TRUE while calls are waiting or under way ("busy", notified). */
gboolean              attache_briefing_queue_get_busy  (AttacheBriefingQueue     *self);

G_END_DECLS
