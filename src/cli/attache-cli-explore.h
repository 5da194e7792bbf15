/* attache-cli-explore.h: attache-cli's commands for exploring the library
 * (summary, actors, actor …)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "attache-cli-common.h"

G_BEGIN_DECLS

/* From attache-cli-explore.c */

/* The actor @text designates (an id, a name, or type:name); prints why on
 * stderr and returns 0 when there is none, or several. */
gint64          cli_find_actor        (AttacheLibrary      *library,
                                       const char          *text);
int             cli_run_summary       (const CliCommand    *command,
                                       char               **args,
                                       const char          *library_path);
int             cli_run_actors        (const CliCommand    *command,
                                       char               **args,
                                       const char          *library_path);
int             cli_run_actor         (const CliCommand    *command,
                                       char               **args,
                                       const char          *library_path);

G_END_DECLS
