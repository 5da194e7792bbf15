/* attache-search-bar.h: the search over the library: words and filters
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "attache-library.h"
#include "attache-search.h"

G_BEGIN_DECLS

#define ATTACHE_TYPE_SEARCH_BAR (attache_search_bar_get_type ())

G_DECLARE_FINAL_TYPE (AttacheSearchBar, attache_search_bar, ATTACHE, SEARCH_BAR, GtkWidget)

/* A GtkSearchBar with an entry for the words, an Add Filter button and a
 * Save Search button (win.save-search), and the filters under them as chips
 * that can be removed. Escape in the entry closes it. It only says what to
 * look for: ::query-changed is emitted when the words change (after the
 * entry's delay, 150 ms) and at once when a filter is added or removed.
 * Closing it forgets the query. */
GtkWidget                *attache_search_bar_new              (void);
/* For the names of actors, and the choices of Add Filter. */
AttacheLibrary           *attache_search_bar_get_library      (AttacheSearchBar         *self);
void                      attache_search_bar_set_library      (AttacheSearchBar         *self,
                                                               AttacheLibrary           *library);
gboolean                  attache_search_bar_get_search_mode  (AttacheSearchBar         *self);
void                      attache_search_bar_set_search_mode  (AttacheSearchBar         *self,
                                                               gboolean                  search_mode);
/* The query: never NULL, empty while the bar is closed. */
const AttacheSearchQuery *attache_search_bar_get_query        (AttacheSearchBar         *self);
/* Opens the bar with @query's words and filters instead of its own. */
void                      attache_search_bar_set_query        (AttacheSearchBar         *self,
                                                               const AttacheSearchQuery *query);
/* Opens the bar and sets the filters @filter has (its words aside),
 * replacing those of the same kinds; the others and the words stay. For an
 * actor, @actor_name is its name (NULL: looked up in the library). */
void                      attache_search_bar_set_filter       (AttacheSearchBar         *self,
                                                               const AttacheSearchQuery *filter,
                                                               const char               *actor_name);
/* Opens the bar and puts the keyboard focus in its entry. */
void                      attache_search_bar_focus_entry      (AttacheSearchBar         *self);

G_END_DECLS
