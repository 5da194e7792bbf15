/* attache-cli-briefing.h: attache-cli briefing COMMAND…
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Runs "briefing COMMAND ARGUMENT…": @args starts with "briefing". @library_path
 * is the program's --library, or NULL. Returns the exit status: 0, 1 (could
 * not do it; one "error:" line on stderr) or 2 (the command line is wrong). */
int attache_cli_briefing (char       **args,
                          const char  *library_path);

G_END_DECLS
