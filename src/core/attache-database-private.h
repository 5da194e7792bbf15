/* attache-database-private.h: what the library layer needs of the connection
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <sqlite3.h>

#include "attache-database.h"

G_BEGIN_DECLS

/* The raw handle, for the few calls that need it. Call with the lock held. */
sqlite3      *_attache_database_get_handle  (AttacheDatabase  *self);

/* Every use of the connection happens between lock and unlock (recursive). */
void          _attache_database_lock        (AttacheDatabase  *self);
void          _attache_database_unlock      (AttacheDatabase  *self);

/* A cached prepared statement, reset and with its bindings cleared. Owned by the
 * database: do not finalize. Call with the lock held. */
sqlite3_stmt *_attache_database_prepare     (AttacheDatabase  *self,
                                             const char       *sql,
                                             GError          **error);

/* BEGIN IMMEDIATE / COMMIT / ROLLBACK. Call with the lock held. */
gboolean      _attache_database_begin       (AttacheDatabase  *self,
                                             GError          **error);
gboolean      _attache_database_commit      (AttacheDatabase  *self,
                                             GError          **error);
void          _attache_database_rollback    (AttacheDatabase  *self);

/* Sets @error from the connection's last error, with @what ("Could not store the
 * article") in front. Always returns FALSE. */
gboolean      _attache_database_set_error   (AttacheDatabase  *self,
                                             int               rc,
                                             const char       *what,
                                             GError          **error);

/* Tests only: opens @path migrating no further than @version. */
AttacheDatabase *_attache_database_open_at_version (const char  *path,
                                                    int          version,
                                                    GError     **error);

G_END_DECLS
