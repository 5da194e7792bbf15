/* attache-filter-popover.h: Add Filter: a date range, a source, an actor, a subject or a topic
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "attache-library.h"
#include "attache-search.h"

G_BEGIN_DECLS

#define ATTACHE_TYPE_FILTER_POPOVER (attache_filter_popover_get_type ())

G_DECLARE_FINAL_TYPE (AttacheFilterPopover, attache_filter_popover, ATTACHE, FILTER_POPOVER, GtkPopover)

/* The popover lists the kinds of filter; choosing one shows its choices:
 * two days for a date range, the library's sources, actors (found as the
 * person types), the IPTC subjects, the library's topics. Picking one emits
 * ::filter-chosen with a query that has only that filter set (and, for an
 * actor, its name), then pops down. The lists are read from @library off
 * the main thread when the popover opens. */
GtkWidget      *attache_filter_popover_new         (void);
AttacheLibrary *attache_filter_popover_get_library (AttacheFilterPopover *self);
void            attache_filter_popover_set_library (AttacheFilterPopover *self,
                                                    AttacheLibrary       *library);
/* Shows the choices of one kind of filter at once: "dates", "source",
 * "actor", "subject" or "topic" ("kinds" for the list of kinds). */
void            attache_filter_popover_show_page   (AttacheFilterPopover *self,
                                                    const char           *name);

G_END_DECLS
