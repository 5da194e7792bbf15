/* attache-library-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "attache-library.h"

G_BEGIN_DECLS

/* The FTS5 expression for an analyst's search, or NULL when it has no words. */
char *_attache_library_translate_query (const char *query);

G_END_DECLS
