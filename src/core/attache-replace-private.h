/* attache-replace-private.h: writing a file that replaces another, whole or not at all
 *
 * The new file is written beside the one it replaces (the file a link names,
 * when @path is a link), with its permissions, flushed to disk and renamed
 * over it: a reader sees the old file or the new one, never a part, and a
 * failed write leaves the old one as it was.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  int   fd;       /* the new file, open for writing */
  char *temp;     /* its name until it is renamed */
  char *target;   /* the file it replaces */
} AttacheReplace;

/* Opens the new file for @path. FALSE with errno set on failure. */
gboolean _attache_replace_begin  (AttacheReplace *replace,
                                  const char     *path);
/* Flushes and closes the new file and renames it over the old one; on
 * failure, removes it. FALSE with errno set on failure. */
gboolean _attache_replace_commit (AttacheReplace *replace);
/* Closes and removes the new file, keeping errno. */
void     _attache_replace_abort  (AttacheReplace *replace);

G_END_DECLS
