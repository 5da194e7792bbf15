/* attache-actor-ui-private.h: what the window's views of actors share
 *
 * The same icon, name and colour for a type wherever the window shows it:
 * the summary pane, the reader's highlights and their legend, the Actors
 * view. The colours are the charts' (attache-chart.c), so that a person in
 * the network is the same blue as a person highlighted in the text.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "attache-analysis.h"

G_BEGIN_DECLS

#define ATTACHE_N_ACTOR_TYPES 4

/* A symbolic icon of Adwaita for the type. */
const char *_attache_actor_type_icon_name       (AttacheActorType  type);
/* "Person", "Organisation", "Country", "Place", translated. */
const char *_attache_actor_type_name            (AttacheActorType  type);
/* The type's colour in the charts, for a light or a @dark style. */
void        _attache_actor_type_color           (AttacheActorType  type,
                                                 gboolean          dark,
                                                 GdkRGBA          *color);
/* The colours of a mention highlighted in text: a tint behind the words that
 * keeps the text readable, and the full colour under them (for those who
 * tell colours apart less well, the line says "marked" too). */
void        _attache_actor_type_highlight_colors (AttacheActorType  type,
                                                  gboolean          dark,
                                                  GdkRGBA          *background,
                                                  GdkRGBA          *underline);
/* A small disc of the type's colour, following the style (light or dark):
 * for legends. */
GtkWidget  *_attache_actor_type_swatch_new      (AttacheActorType  type);

/* Activates @action_name ("win.search-actor") for @widget, else, when
 * neither @widget nor its window has it (@widget is in a window of its own,
 * such as a chart's), for the window that one is transient for, and so on
 * up. @parameter is consumed if floating. FALSE when no window has the
 * action. */
gboolean    _attache_activate_window_action     (GtkWidget        *widget,
                                                 const char       *action_name,
                                                 GVariant         *parameter);

/* The row at the end of a list of actors cut short: "Show All 13 Actors". */
GtkWidget  *_attache_actor_show_all_row_new (guint n_actors);

/* A row's box for an actor: its type's icon (the type as tooltip), then a
 * box (*@out_text_box) with its name, for the row to add to. */
GtkWidget  *_attache_actor_row_box_new (AttacheActorType   type,
                                        const char        *name,
                                        GtkWidget        **out_text_box);

G_END_DECLS
