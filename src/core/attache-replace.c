/* attache-replace.c: writing a file that replaces another, whole or not at all
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "attache-replace-private.h"

static void
clear (AttacheReplace *replace)
{
  g_clear_pointer (&replace->temp, g_free);
  g_clear_pointer (&replace->target, g_free);
  replace->fd = -1;
}

gboolean
_attache_replace_begin (AttacheReplace *replace,
                        const char     *path)
{
  g_autofree char *dir = NULL;
  g_autofree char *base = NULL;
  char *resolved;
  struct stat st;

  g_return_val_if_fail (replace != NULL && path != NULL, FALSE);

  replace->fd = -1;
  replace->temp = NULL;

  /* A link is kept: the file it names is the one replaced. */
  resolved = realpath (path, NULL);
  replace->target = resolved != NULL ? g_strdup (resolved) : g_strdup (path);
  free (resolved);

  if (g_file_test (replace->target, G_FILE_TEST_IS_DIR))
    {
      clear (replace);
      errno = EISDIR;
      return FALSE;
    }

  dir = g_path_get_dirname (replace->target);
  base = g_path_get_basename (replace->target);
  /* ".NAME.XXXXXX", unless that makes too long a name: then a short one. */
  if (strlen (base) + 8 <= NAME_MAX)
    replace->temp = g_strdup_printf ("%s%c.%s.XXXXXX", dir, G_DIR_SEPARATOR, base);
  else
    replace->temp = g_strdup_printf ("%s%c.attache.XXXXXX", dir, G_DIR_SEPARATOR);

  replace->fd = g_mkstemp_full (replace->temp, O_RDWR | O_CLOEXEC, 0666);
  if (replace->fd < 0)
    {
      int saved_errno = errno;

      clear (replace);
      errno = saved_errno;
      return FALSE;
    }

  /* The permissions of the file replaced (a marked briefing kept 0600 stays
   * so); a new one gets those of any new file. */
  if (stat (replace->target, &st) == 0 && fchmod (replace->fd, st.st_mode & 07777) != 0)
    {
      _attache_replace_abort (replace);
      return FALSE;
    }

  return TRUE;
}

gboolean
_attache_replace_commit (AttacheReplace *replace)
{
  int fd = replace->fd;

  g_return_val_if_fail (replace->temp != NULL, FALSE);

  replace->fd = -1;
  if (fsync (fd) != 0 && errno != EINVAL && errno != ENOTSUP)
    {
      int saved_errno = errno;

      close (fd);
      replace->fd = -1;
      errno = saved_errno;
      _attache_replace_abort (replace);
      return FALSE;
    }
  if (close (fd) != 0 || g_rename (replace->temp, replace->target) != 0)
    {
      _attache_replace_abort (replace);
      return FALSE;
    }

  clear (replace);
  return TRUE;
}

void
_attache_replace_abort (AttacheReplace *replace)
{
  int saved_errno = errno;

  if (replace->fd >= 0)
    close (replace->fd);
  if (replace->temp != NULL)
    g_unlink (replace->temp);
  clear (replace);
  errno = saved_errno;
}
