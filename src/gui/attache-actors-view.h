/* attache-actors-view.h: every actor of the library, and the analyst's corrections
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "attache-actors.h"
#include "attache-library.h"

G_BEGIN_DECLS

#define ATTACHE_TYPE_ACTORS_VIEW (attache_actors_view_get_type ())

G_DECLARE_FINAL_TYPE (AttacheActorsView, attache_actors_view, ATTACHE, ACTORS_VIEW, GtkWidget)

/* The actors of the library with their type, the articles that name them,
 * their other names and the first and last day they were named, filtered by
 * what the person types; a menu on each (its button, a secondary click, or
 * Shift+F10) to correct it. Each correction runs in a worker and is told in
 * a toast with Undo. The list follows the library's "actors-changed" and
 * "analyses-changed".
 *
 * Actions (the ones with a dialog ask first; the others act at once):
 *   actors.show-articles (x): activates win.search-actor for the actor;
 *     also what activating a row (double click, Enter) does.
 *   actors.timeline (x): the actor's mentions over time, in a window.
 *   actors.show-network: the network of the library's actors, in a window.
 *   actors.rename (x), actors.merge (x): "Merge Into…", the actor to keep
 *     chosen in a dialog; actors.split (x): "Split Alias Off…".
 *   actors.rename-to ((xs)): actor, new name.
 *   actors.merge-into ((xx)): the actor merged, the actor kept.
 *   actors.split-alias ((xx)): actor, alias.
 *   actors.set-type ((xs)): actor, "person", "organization", "country" or
 *     "location".
 *   actors.hide (x), actors.unhide (x): "Not an Actor", and back.
 *   actors.undo (x): undoes the correction with that id (what the toasts'
 *     Undo buttons do). */

GtkWidget              *attache_actors_view_new         (AttacheLibrary    *library);
AttacheLibrary         *attache_actors_view_get_library (AttacheActorsView *self);
/* What the list shows, filter and sorting applied. */
guint                   attache_actors_view_get_n_actors (AttacheActorsView *self);
const AttacheActorInfo *attache_actors_view_get_actor   (AttacheActorsView *self,
                                                         guint              position);
/* TRUE while the actors are being read, or a correction is under way. */
gboolean                attache_actors_view_get_busy    (AttacheActorsView *self);
/* The filter, as in the search entry. */
void                    attache_actors_view_set_filter  (AttacheActorsView *self,
                                                         const char        *filter);

/* The view in a window of its own, over @parent. */
GtkWidget              *attache_actors_window_new       (GtkWindow         *parent,
                                                         AttacheLibrary    *library);
AttacheActorsView      *attache_actors_window_get_view  (GtkWindow         *window);

G_END_DECLS
