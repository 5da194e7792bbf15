/* attache-database.h: the one owner of the library's sqlite connection
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define ATTACHE_DATABASE_ERROR (attache_database_error_quark ())

typedef enum
{
  ATTACHE_DATABASE_ERROR_OPEN,           /* file cannot be opened or created */
  ATTACHE_DATABASE_ERROR_NEWER_VERSION,  /* written by a newer Attaché: refused, untouched */
  ATTACHE_DATABASE_ERROR_NOT_A_LIBRARY,  /* not an sqlite file, or corrupt */
  ATTACHE_DATABASE_ERROR_SQL,            /* any other sqlite failure */
  ATTACHE_DATABASE_ERROR_BUSY,           /* another program holds the write lock too long */
  ATTACHE_DATABASE_ERROR_NOT_FOUND,      /* no row with that id */
  ATTACHE_DATABASE_ERROR_INVALID_QUERY,  /* a search query that cannot be understood */
  ATTACHE_DATABASE_ERROR_EXISTS,         /* a name already taken (a saved search) */
  ATTACHE_DATABASE_ERROR_INVALID,        /* a value that cannot be stored, a change that cannot be made as asked */
} AttacheDatabaseError;

#define ATTACHE_TYPE_DATABASE (attache_database_get_type ())

G_DECLARE_FINAL_TYPE (AttacheDatabase, attache_database, ATTACHE, DATABASE, GObject)

GQuark           attache_database_error_quark        (void);
AttacheDatabase *attache_database_open               (const char       *path,
                                                      GError          **error);
const char      *attache_database_get_path           (AttacheDatabase  *self);
int              attache_database_get_schema_version (AttacheDatabase  *self);
int              attache_database_get_latest_version (void);
/* The format of the library at @path, read without changing it; -1 when
 * there is no such file or it cannot be read as a library. Below
 * attache_database_get_latest_version(), opening it brings it up to date
 * (one transaction a step; a while for a large library). */
int              attache_database_peek_schema_version (const char     *path);

G_END_DECLS
