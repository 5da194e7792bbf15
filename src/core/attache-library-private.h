/* attache-library-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "attache-library.h"

G_BEGIN_DECLS

/* The FTS5 expression for an analyst's search, or NULL when it has no words.
 * @plain: every operator and parenthesis taken as a word (the fallback). */
char *_attache_library_translate_query (const char *query,
                                        gboolean    plain);

/* Emits "briefings-changed" for @briefing_id on the library's main context,
 * later, from whatever thread (attache-briefing-store.c). */
void  _attache_library_notify_briefings_changed (AttacheLibrary *self,
                                                 gint64          briefing_id);

G_END_DECLS
