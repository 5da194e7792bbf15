/* attache-actors.h: the library's actors, and the analyst's corrections
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "attache-analysis.h"
#include "attache-library.h"

G_BEGIN_DECLS

/* One name an actor is known by: the analyser finds actors by type and name. */
typedef struct
{
  gint64            id;
  char             *name;         /* as the analyser (or the analyst) wrote it */
  AttacheActorType  type;         /* the type the analyser gave with the name */
  gboolean          by_analyst;   /* the analyst put it on this actor (merge, split, rename) */
} AttacheActorAlias;

/* One actor of the library. */
typedef struct
{
  gint64            id;
  char             *name;
  AttacheActorType  type;
  gboolean          hidden;       /* the analyst said: not an actor */
  gboolean          renamed;      /* the analyst chose the name */
  gboolean          retyped;      /* the analyst chose the type */
  gint64            n_articles;   /* articles that name it */
  char             *first_seen;   /* the day (YYYY-MM-DD) of the earliest of them, or NULL */
  char             *last_seen;    /* and of the latest */
  GPtrArray        *aliases;      /* AttacheActorAlias, every name it is known by */
} AttacheActorInfo;

#define ATTACHE_TYPE_ACTOR_INFO (attache_actor_info_get_type ())

GType             attache_actor_info_get_type        (void) G_GNUC_CONST;
AttacheActorInfo *attache_actor_info_copy            (const AttacheActorInfo *info);
void              attache_actor_info_free            (AttacheActorInfo       *info);
/* The names other than its own (case aside), each once: "Obama" for "Barack Obama". */
GStrv             attache_actor_info_dup_other_names (const AttacheActorInfo *info);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AttacheActorInfo, attache_actor_info_free)

/* Every actor that is named in an article or that the analyst corrected,
 * hidden ones included, most articles first. With @filter (NULL or "" for
 * all), those whose name or one of whose names contains it, case aside. */
GPtrArray        *attache_library_list_actors        (AttacheLibrary   *self,
                                                      const char       *filter,
                                                      GError          **error);
void              attache_library_list_actors_async  (AttacheLibrary      *self,
                                                      const char          *filter,
                                                      GCancellable        *cancellable,
                                                      GAsyncReadyCallback  callback,
                                                      gpointer             user_data);
GPtrArray        *attache_library_list_actors_finish (AttacheLibrary      *self,
                                                      GAsyncResult        *result,
                                                      GError             **error);
/* ATTACHE_DATABASE_ERROR_NOT_FOUND if there is no such actor. */
AttacheActorInfo *attache_library_get_actor          (AttacheLibrary   *self,
                                                      gint64            id,
                                                      GError          **error);
/* The actors @text designates: the one with that id when @text is a number,
 * else those named @text (case aside), else those with an alias @text, else
 * (for "type:name") those of that type and name. Empty when none. */
GPtrArray        *attache_library_find_actors        (AttacheLibrary   *self,
                                                      const char       *text,
                                                      GError          **error);

/* The analyst's corrections. Each is one transaction; it applies at once to
 * every stored article (their actors, mentions and counts), to every later
 * analysis (new imports, and re-analysis by a newer analyser), and to saved
 * searches. Each is written to the library's journal and returns its id (0 on
 * error), which attache_library_undo_actor_correction () takes: undoing puts
 * back what the correction changed. "analyses-changed" and "actors-changed"
 * are emitted after each. ATTACHE_DATABASE_ERROR_NOT_FOUND for an actor that
 * does not exist, ATTACHE_DATABASE_ERROR_INVALID for a correction that cannot
 * be made (an empty name, merging an actor with itself, splitting off an
 * actor's only name). */

/* Names the actor @name from now on. */
gint64            attache_library_rename_actor       (AttacheLibrary   *self,
                                                      gint64            actor_id,
                                                      const char       *name,
                                                      GError          **error);
/* Merges @other_id into @keep_id: every name of the first becomes a name of
 * the second, its mentions and articles the second's, and the first is gone. */
gint64            attache_library_merge_actors       (AttacheLibrary   *self,
                                                      gint64            keep_id,
                                                      gint64            other_id,
                                                      GError          **error);
/* Makes the name @alias_id of actor @actor_id an actor of its own again, with
 * the mentions found under that name. *@out_new_id is the new actor. */
gint64            attache_library_split_actor        (AttacheLibrary   *self,
                                                      gint64            actor_id,
                                                      gint64            alias_id,
                                                      gint64           *out_new_id,
                                                      GError          **error);
gint64            attache_library_set_actor_type     (AttacheLibrary   *self,
                                                      gint64            actor_id,
                                                      AttacheActorType  type,
                                                      GError          **error);
/* Hidden: "not an actor". Its mentions stay stored but are shown nowhere. */
gint64            attache_library_set_actor_hidden   (AttacheLibrary   *self,
                                                      gint64            actor_id,
                                                      gboolean          hidden,
                                                      GError          **error);
/* Undoes correction @correction_id (the latest, or an earlier one: what it
 * changed is put back as far as the actors it touched still exist; a later
 * correction of the same name, type or flag keeps its value, and its own
 * undo then puts back what this one found) and removes it from the journal.
 * ATTACHE_DATABASE_ERROR_NOT_FOUND when there is no such correction (or it
 * was undone already); ATTACHE_DATABASE_ERROR_INVALID, changing nothing, for
 * a correction of an actor merged into another since by a merge that can
 * still be undone: that merge first. */
gboolean          attache_library_undo_actor_correction (AttacheLibrary   *self,
                                                         gint64            correction_id,
                                                         GError          **error);

/* One correction, for the asynchronous call. */
typedef enum
{
  ATTACHE_CORRECTION_RENAME,
  ATTACHE_CORRECTION_MERGE,
  ATTACHE_CORRECTION_SPLIT,
  ATTACHE_CORRECTION_SET_TYPE,
  ATTACHE_CORRECTION_HIDE,
  ATTACHE_CORRECTION_UNHIDE,
} AttacheCorrectionKind;

typedef struct
{
  AttacheCorrectionKind kind;
  gint64                actor_id;   /* the actor corrected; KEEP for a merge */
  gint64                other_id;   /* MERGE: OTHER; SPLIT: the alias split off */
  const char           *name;       /* RENAME: the new name */
  AttacheActorType      type;       /* SET_TYPE: the new type */
} AttacheCorrection;

/* Makes @correction (copied) in a worker. finish returns the correction's id
 * for Undo, 0 with @error set on failure; *@out_actor_id (may be NULL) is the
 * actor that results: KEEP for a merge, the new actor for a split, else the
 * actor corrected. */
void              attache_library_correct_actor_async  (AttacheLibrary          *self,
                                                        const AttacheCorrection *correction,
                                                        GCancellable            *cancellable,
                                                        GAsyncReadyCallback      callback,
                                                        gpointer                 user_data);
gint64            attache_library_correct_actor_finish (AttacheLibrary          *self,
                                                        GAsyncResult            *result,
                                                        gint64                  *out_actor_id,
                                                        GError                 **error);
void              attache_library_undo_actor_correction_async  (AttacheLibrary      *self,
                                                                gint64               correction_id,
                                                                GCancellable        *cancellable,
                                                                GAsyncReadyCallback  callback,
                                                                gpointer             user_data);
gboolean          attache_library_undo_actor_correction_finish (AttacheLibrary      *self,
                                                                GAsyncResult        *result,
                                                                GError             **error);

G_END_DECLS
