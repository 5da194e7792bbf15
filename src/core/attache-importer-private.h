/* attache-importer-private.h: import results made elsewhere in the core
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "attache-importer.h"

G_BEGIN_DECLS

/* A result for @file (may be NULL), as the feed refresher reports its items.
 * Takes @error (may be NULL); copies @title. */
AttacheImportResult *_attache_import_result_new (GFile               *file,
                                                 AttacheImportStatus  status,
                                                 gint64               article_id,
                                                 const char          *title,
                                                 GError              *error);

G_END_DECLS
