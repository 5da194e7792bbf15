/* attache-cli-common.h: what attache-cli's command files share with attache-cli.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <stdio.h>

#include <json-glib/json-glib.h>

#include "attache.h"

G_BEGIN_DECLS

enum
{
  CLI_EXIT_OK     = 0,
  CLI_EXIT_FAILED = 1,
  CLI_EXIT_USAGE  = 2,
};

typedef struct _CliCommand CliCommand;

struct _CliCommand
{
  const char *name;
  const char *parameters;   /* translatable, shown after the name in usage */
  const char *summary;      /* translatable */
  int       (*run) (const CliCommand  *command,
                    char             **args,
                    const char        *library_path);
};

#define LIBRARY_OPTION(data) \
  { "library", 0, 0, G_OPTION_ARG_FILENAME, (data), \
    N_("Use the library in FILE instead of $ATTACHE_LIBRARY or the default"), N_("FILE") }

#define JSON_OPTION(data) \
  { "json", 0, 0, G_OPTION_ARG_NONE, (data), \
    N_("Print JSON instead of text"), NULL }

/* From attache-cli.c */
void            print_error           (const char          *format,
                                       ...) G_GNUC_PRINTF (1, 2);
const char     *error_message         (const GError        *error);
void            put_field             (const char          *value);
const char     *or_dash               (const char          *value);
void            add_string_member     (JsonBuilder         *builder,
                                       const char          *name,
                                       const char          *value);
void            add_int_member        (JsonBuilder         *builder,
                                       const char          *name,
                                       gint64               value);
void            print_json            (JsonBuilder         *builder);
gboolean        parse_command_options (const CliCommand    *command,
                                       const GOptionEntry  *entries,
                                       char              ***args);
gboolean        parse_article_id      (const char          *text,
                                       gint64              *out_id);
/* The library at @path (NULL: the usual one), made when there is none. */
AttacheLibrary *open_library          (const char          *path);
/* The same for a command that only reads or changes what is in a library:
 * a library named that does not exist is an error (a mistyped --library
 * must not leave an empty library, and folders, behind). */
AttacheLibrary *open_existing_library (const char          *path);

G_END_DECLS
