/* attache-saved-search-list.h: the saved searches ("smart folders") in the sidebar
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "attache-library.h"
#include "attache-search.h"

G_BEGIN_DECLS

#define ATTACHE_TYPE_SAVED_SEARCH_LIST (attache_saved_search_list_get_type ())

G_DECLARE_FINAL_TYPE (AttacheSavedSearchList, attache_saved_search_list, ATTACHE, SAVED_SEARCH_LIST, GtkWidget)

/* The library's saved searches under a "Saved Searches" heading, shown once
 * there is one, read off the main thread and again whenever they change.
 * Choosing one emits ::saved-search-activated with it. Each has a menu (its
 * button, a right click, a long press) to rename it (a dialog) or delete it
 * (at once, with Undo in a toast); F2 and Delete do the same for the one
 * selected. */
GtkWidget      *attache_saved_search_list_new             (void);
AttacheLibrary *attache_saved_search_list_get_library     (AttacheSavedSearchList *self);
void            attache_saved_search_list_set_library     (AttacheSavedSearchList *self,
                                                           AttacheLibrary         *library);
/* How many are listed. */
guint           attache_saved_search_list_get_n_items     (AttacheSavedSearchList *self);
/* The saved search selected, 0 for none. */
gint64          attache_saved_search_list_get_selected_id (AttacheSavedSearchList *self);
/* Selects the saved search @id (now, or once it is listed), without
 * emitting ::saved-search-activated; 0 selects none. */
void            attache_saved_search_list_select          (AttacheSavedSearchList *self,
                                                           gint64                  id);

G_END_DECLS
