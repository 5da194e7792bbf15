/* attache-cli-briefing.c: attache-cli briefing COMMAND…
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The briefings of the library from the command line: create one, add notes,
 * excerpts and article references, list, show, export. The conventions are
 * attache-cli.c's: output for scripts (ids, tab-separated columns, JSON keys,
 * "error:") is not translated; exit 0, 1 (could not do it, one "error:" line,
 * nothing changed) or 2 (the command line is wrong).
 */

#define G_LOG_DOMAIN "attache-cli"

#include "config.h"

#include <stdio.h>
#include <string.h>

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "attache.h"
#include "attache-cli-briefing.h"
#include "attache-cli-common.h"

typedef CliCommand BriefingCommand;

/* Output */

/* Unix time as ISO 8601 UTC: "2024-04-02T09:30:00Z". */
static char *
format_time (gint64 seconds)
{
  g_autoptr(GDateTime) when = g_date_time_new_from_unix_utc (seconds);

  return when != NULL ? g_date_time_format (when, "%Y-%m-%dT%H:%M:%SZ") : NULL;
}

static const char *
status_name (AttacheBriefingStatus status)
{
  return status == ATTACHE_BRIEFING_FINAL ? "final" : "draft";
}

/* Command line */

/* As parse_command_options (), named "attache-cli briefing NAME" in usage. */
static gboolean
parse_options (const BriefingCommand   *command,
               const GOptionEntry      *entries,
               char                  ***args)
{
  g_autofree char *name = g_strdup_printf ("briefing %s", command->name);
  CliCommand named = *command;

  named.name = name;
  return parse_command_options (&named, entries, args);
}

/* Expects exactly @n positional arguments after the command's name. */
static gboolean
expect_arguments (const BriefingCommand  *command,
                  char                  **args,
                  guint                   n)
{
  if (g_strv_length (args) == n + 1)
    return TRUE;

  if (n == 0)
    {
      /* Translators: %s is a command such as "list" */
      print_error (_("“briefing %s” takes no arguments"), command->name);
      return FALSE;
    }

  /* Translators: %s is a command such as "briefing add-note", then its arguments */
  print_error (_("“briefing %s” takes %s"), command->name, _(command->parameters));
  return FALSE;
}

/* A positive id of a briefing or of an article; anything else is a usage error. */
static gboolean
parse_id (const char *text,
          gboolean    briefing,
          gint64     *out_id)
{
  if (!g_ascii_string_to_signed (text, 10, 1, G_MAXINT64, out_id, NULL))
    {
      if (briefing)
        /* Translators: %s is what was typed in place of a briefing id */
        print_error (_("“%s” is not a briefing id (a whole number above 0)"), text);
      else
        print_error (_("“%s” is not an article id (a whole number above 0)"), text);
      return FALSE;
    }

  return TRUE;
}

/* The library of --library after the command (@local_path), else of
 * --library before it (@path), else the default; made when there is none
 * only for a command that @creates a briefing. */
static AttacheLibrary *
open_briefing_library (const char *local_path,
                       const char *path,
                       gboolean    creates)
{
  const char *chosen = local_path != NULL ? local_path : path;

  return creates ? open_library (chosen) : open_existing_library (chosen);
}

#define SECTION_OPTION(data) \
  { "section", 0, 0, G_OPTION_ARG_STRING, (data), \
    N_("Add to the section with this heading, created at the end on first use " \
       "(default: the last section)"), N_("HEADING") }

/* new TITLE */

static int
run_new (const BriefingCommand  *command,
         char                  **args,
         const char             *library_path)
{
  g_autofree char *local_library_path = NULL;
  g_autoptr(AttacheLibrary) library = NULL;
  g_autoptr(AttacheBriefing) fields = attache_briefing_new (NULL);
  g_autoptr(GError) error = NULL;
  gint64 id;
  const GOptionEntry entries[] = {
    { "subtitle", 0, 0, G_OPTION_ARG_STRING, &fields->subtitle, N_("The subtitle"), N_("TEXT") },
    { "author", 0, 0, G_OPTION_ARG_STRING, &fields->author, N_("Who wrote it"), N_("NAME") },
    { "audience", 0, 0, G_OPTION_ARG_STRING, &fields->audience, N_("Whom it is for"), N_("TEXT") },
    { "date", 0, 0, G_OPTION_ARG_STRING, &fields->date,
      N_("Its date, YYYY-MM-DD (default: the day it is exported)"), N_("DATE") },
    { "marking", 0, 0, G_OPTION_ARG_STRING, &fields->marking,
      N_("The handling marking printed on every page, such as OFFICIAL-SENSITIVE"), N_("MARKING") },
    LIBRARY_OPTION (&local_library_path),
    G_OPTION_ENTRY_NULL
  };

  if (!parse_options (command, entries, &args) ||
      !expect_arguments (command, args, 1))
    return CLI_EXIT_USAGE;

  library = open_briefing_library (local_library_path, library_path, TRUE);
  if (library == NULL)
    return CLI_EXIT_FAILED;

  g_free (fields->title);
  fields->title = g_strdup (args[1]);
  id = attache_library_create_briefing (library, fields, &error);
  if (id == 0)
    {
      print_error ("%s", error_message (error));
      return CLI_EXIT_FAILED;
    }

  printf ("%" G_GINT64_FORMAT "\n", id);
  return CLI_EXIT_OK;
}

/* add-note, add-excerpt, add-article: the block's id on success */

static int
print_added (gint64        block_id,
             const GError *error)
{
  if (block_id == 0)
    {
      print_error ("%s", error_message (error));
      return CLI_EXIT_FAILED;
    }

  printf ("%" G_GINT64_FORMAT "\n", block_id);
  return CLI_EXIT_OK;
}

static int
run_add_note (const BriefingCommand  *command,
              char                  **args,
              const char             *library_path)
{
  g_autofree char *local_library_path = NULL;
  g_autofree char *section = NULL;
  g_autoptr(AttacheLibrary) library = NULL;
  g_autoptr(GError) error = NULL;
  AttacheBriefingPlace place = { .position = G_MAXUINT };
  gint64 block_id;
  const GOptionEntry entries[] = {
    SECTION_OPTION (&section),
    LIBRARY_OPTION (&local_library_path),
    G_OPTION_ENTRY_NULL
  };

  if (!parse_options (command, entries, &args) ||
      !expect_arguments (command, args, 2) ||
      !parse_id (args[1], TRUE, &place.briefing_id))
    return CLI_EXIT_USAGE;

  library = open_briefing_library (local_library_path, library_path, FALSE);
  if (library == NULL)
    return CLI_EXIT_FAILED;

  place.heading = section;
  block_id = attache_library_add_briefing_text (library, &place, args[2], &error);
  return print_added (block_id, error);
}

/* A character offset: a usage error when not a number, a failure when negative. */
static int
parse_offset (const char *option,
              const char *text,
              guint      *out)
{
  gint64 value;

  if (text == NULL)
    {
      print_error (_("“briefing add-excerpt” needs --from and --to, the characters of the article "
                     "where the passage starts and ends"));
      return CLI_EXIT_USAGE;
    }
  if (!g_ascii_string_to_signed (text, 10, G_MININT64, G_MAXINT64, &value, NULL))
    {
      /* Translators: an option (--from, --to), then what was typed as its value */
      print_error (_("%s takes a whole number, not “%s”"), option, text);
      return CLI_EXIT_USAGE;
    }
  if (value < 0 || value > G_MAXUINT)
    {
      /* Translators: an option (--from, --to), then its value */
      print_error (_("%s %s is not a character of the article: offsets count from 0"), option, text);
      return CLI_EXIT_FAILED;
    }

  *out = (guint) value;
  return CLI_EXIT_OK;
}

static int
run_add_excerpt (const BriefingCommand  *command,
                 char                  **args,
                 const char             *library_path)
{
  g_autofree char *local_library_path = NULL;
  g_autofree char *section = NULL;
  g_autofree char *from_text = NULL;
  g_autofree char *to_text = NULL;
  g_autoptr(AttacheLibrary) library = NULL;
  g_autoptr(GError) error = NULL;
  AttacheBriefingPlace place = { .position = G_MAXUINT };
  gint64 article_id, block_id;
  guint from = 0, to = 0;
  int status;
  const GOptionEntry entries[] = {
    { "from", 0, 0, G_OPTION_ARG_STRING, &from_text,
      N_("The first character of the passage, counted from 0 in the article’s text"), N_("N") },
    { "to", 0, 0, G_OPTION_ARG_STRING, &to_text,
      N_("The character just after the passage"), N_("M") },
    SECTION_OPTION (&section),
    LIBRARY_OPTION (&local_library_path),
    G_OPTION_ENTRY_NULL
  };

  if (!parse_options (command, entries, &args) ||
      !expect_arguments (command, args, 2) ||
      !parse_id (args[1], TRUE, &place.briefing_id) ||
      !parse_id (args[2], FALSE, &article_id))
    return CLI_EXIT_USAGE;

  if ((status = parse_offset ("--from", from_text, &from)) != CLI_EXIT_OK ||
      (status = parse_offset ("--to", to_text, &to)) != CLI_EXIT_OK)
    return status;

  library = open_briefing_library (local_library_path, library_path, FALSE);
  if (library == NULL)
    return CLI_EXIT_FAILED;

  place.heading = section;
  block_id = attache_library_add_briefing_excerpt (library, &place, article_id, from, to, &error);
  return print_added (block_id, error);
}

static int
run_add_article (const BriefingCommand  *command,
                 char                  **args,
                 const char             *library_path)
{
  g_autofree char *local_library_path = NULL;
  g_autofree char *section = NULL;
  g_autoptr(AttacheLibrary) library = NULL;
  g_autoptr(GError) error = NULL;
  AttacheBriefingPlace place = { .position = G_MAXUINT };
  gint64 article_id, block_id;
  const GOptionEntry entries[] = {
    SECTION_OPTION (&section),
    LIBRARY_OPTION (&local_library_path),
    G_OPTION_ENTRY_NULL
  };

  if (!parse_options (command, entries, &args) ||
      !expect_arguments (command, args, 2) ||
      !parse_id (args[1], TRUE, &place.briefing_id) ||
      !parse_id (args[2], FALSE, &article_id))
    return CLI_EXIT_USAGE;

  library = open_briefing_library (local_library_path, library_path, FALSE);
  if (library == NULL)
    return CLI_EXIT_FAILED;

  place.heading = section;
  block_id = attache_library_add_briefing_article (library, &place, article_id, &error);
  return print_added (block_id, error);
}

/* list */

static void
add_title_page_members (JsonBuilder           *builder,
                        const AttacheBriefing *briefing)
{
  g_autofree char *created = format_time (briefing->created);
  g_autofree char *modified = format_time (briefing->modified);

  add_int_member (builder, "id", briefing->id);
  add_string_member (builder, "title", briefing->title);
  add_string_member (builder, "subtitle", briefing->subtitle);
  add_string_member (builder, "author", briefing->author);
  add_string_member (builder, "audience", briefing->audience);
  add_string_member (builder, "date", briefing->date);
  add_string_member (builder, "marking", briefing->marking);
  add_string_member (builder, "status", status_name (briefing->status));
  add_string_member (builder, "created", created);
  add_string_member (builder, "modified", modified);
}

static int
run_list (const BriefingCommand  *command,
          char                  **args,
          const char             *library_path)
{
  g_autofree char *local_library_path = NULL;
  g_autoptr(AttacheLibrary) library = NULL;
  g_autoptr(GPtrArray) briefings = NULL;
  g_autoptr(GError) error = NULL;
  gboolean json = FALSE;
  const GOptionEntry entries[] = {
    JSON_OPTION (&json),
    LIBRARY_OPTION (&local_library_path),
    G_OPTION_ENTRY_NULL
  };

  if (!parse_options (command, entries, &args) ||
      !expect_arguments (command, args, 0))
    return CLI_EXIT_USAGE;

  library = open_briefing_library (local_library_path, library_path, FALSE);
  if (library == NULL)
    return CLI_EXIT_FAILED;

  briefings = attache_library_list_briefings (library, &error);
  if (briefings == NULL)
    {
      print_error ("%s", error_message (error));
      return CLI_EXIT_FAILED;
    }

  if (json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "briefings");
      json_builder_begin_array (builder);
      for (guint i = 0; i < briefings->len; i++)
        {
          json_builder_begin_object (builder);
          add_title_page_members (builder, g_ptr_array_index (briefings, i));
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      json_builder_end_object (builder);
      print_json (builder);
      return CLI_EXIT_OK;
    }

  /* id, modified, status, marking, title */
  for (guint i = 0; i < briefings->len; i++)
    {
      const AttacheBriefing *briefing = g_ptr_array_index (briefings, i);
      g_autofree char *modified = format_time (briefing->modified);

      printf ("%" G_GINT64_FORMAT "\t", briefing->id);
      put_field (modified);
      putchar ('\t');
      put_field (status_name (briefing->status));
      putchar ('\t');
      put_field (briefing->marking);
      putchar ('\t');
      put_field (briefing->title);
      putchar ('\n');
    }

  return CLI_EXIT_OK;
}

/* show B */

static void
add_source_member (JsonBuilder                 *builder,
                   const AttacheBriefingSource *source)
{
  json_builder_set_member_name (builder, "source");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "article_id");
  if (source->article_id > 0)
    json_builder_add_int_value (builder, source->article_id);
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "removed");
  json_builder_add_boolean_value (builder, source->removed);
  add_string_member (builder, "title", source->title);
  add_string_member (builder, "publisher", source->publisher);
  add_string_member (builder, "published", source->published);
  add_string_member (builder, "url", source->url);
  json_builder_end_object (builder);
}

static void
add_block_members (JsonBuilder                *builder,
                   const AttacheBriefingBlock *block,
                   GPtrArray                  *sources)
{
  add_int_member (builder, "id", block->id);
  add_string_member (builder, "kind", attache_block_kind_to_string (block->kind));

  switch (block->kind)
    {
    case ATTACHE_BLOCK_TEXT:
      add_string_member (builder, "text", block->text);
      break;

    case ATTACHE_BLOCK_EXCERPT:
      add_string_member (builder, "text", block->text);
      add_int_member (builder, "from", block->from);
      add_int_member (builder, "to", block->to);
      G_GNUC_FALLTHROUGH;

    case ATTACHE_BLOCK_ARTICLE:
      add_int_member (builder, "citation", attache_briefing_citation_number (sources, block));
      add_source_member (builder, &block->source);
      break;

    case ATTACHE_BLOCK_ACTORS:
      json_builder_set_member_name (builder, "actors");
      json_builder_begin_array (builder);
      for (guint i = 0; i < block->actors->len; i++)
        {
          const AttacheBriefingActorRow *row = g_ptr_array_index (block->actors, i);

          json_builder_begin_object (builder);
          add_string_member (builder, "name", row->name);
          add_string_member (builder, "type", row->type);
          add_int_member (builder, "articles", row->articles);
          add_int_member (builder, "mentions", row->mentions);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      break;

    case ATTACHE_BLOCK_TOPICS:
      json_builder_set_member_name (builder, "topics");
      json_builder_begin_array (builder);
      for (guint i = 0; i < block->topics->len; i++)
        json_builder_add_string_value (builder, g_ptr_array_index (block->topics, i));
      json_builder_end_array (builder);
      break;

    default:
      break;
    }
}

static void
print_briefing_json (const AttacheBriefing *briefing)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(GPtrArray) sources = attache_briefing_collect_sources (briefing);

  json_builder_begin_object (builder);
  add_title_page_members (builder, briefing);
  add_string_member (builder, "summary", briefing->summary);

  json_builder_set_member_name (builder, "sections");
  json_builder_begin_array (builder);
  for (guint i = 0; i < briefing->sections->len; i++)
    {
      const AttacheBriefingSection *section = g_ptr_array_index (briefing->sections, i);

      json_builder_begin_object (builder);
      add_int_member (builder, "id", section->id);
      add_string_member (builder, "heading", section->heading);
      json_builder_set_member_name (builder, "blocks");
      json_builder_begin_array (builder);
      for (guint j = 0; j < section->blocks->len; j++)
        {
          json_builder_begin_object (builder);
          add_block_members (builder, g_ptr_array_index (section->blocks, j), sources);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  /* The sources in citation order: "citation" n is the n-th. */
  json_builder_set_member_name (builder, "sources");
  json_builder_begin_array (builder);
  for (guint i = 0; i < sources->len; i++)
    {
      const AttacheBriefingSource *source = g_ptr_array_index (sources, i);

      json_builder_begin_object (builder);
      add_int_member (builder, "citation", i + 1);
      if (source->article_id > 0)
        add_int_member (builder, "article_id", source->article_id);
      else
        add_string_member (builder, "article_id", NULL);
      json_builder_set_member_name (builder, "removed");
      json_builder_add_boolean_value (builder, source->removed);
      add_string_member (builder, "title", source->title);
      add_string_member (builder, "publisher", source->publisher);
      add_string_member (builder, "published", source->published);
      add_string_member (builder, "url", source->url);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_end_object (builder);
  print_json (builder);
}

/* The first line of @text, cut to about 70 characters. */
static char *
first_line (const char *text)
{
  g_autofree char *line = g_strdup (text != NULL ? text : "");
  char *end = strchr (line, '\n');

  if (end != NULL)
    *end = '\0';
  g_strstrip (line);
  if (g_utf8_strlen (line, -1) > 70 || end != NULL)
    {
      g_autofree char *cut = g_utf8_substring (line, 0, MIN (g_utf8_strlen (line, -1), 70));

      return g_strconcat (cut, "…", NULL);
    }

  return g_steal_pointer (&line);
}

static void
print_source_text (const AttacheBriefingSource *source)
{
  printf ("%s", or_dash (source->title));
  if (source->publisher != NULL)
    printf (" — %s", source->publisher);
  if (source->published != NULL)
    printf (", %s", source->published);
  if (source->removed)
    {
      fputs (" (", stdout);
      fputs (_("removed from the library"), stdout);
      putchar (')');
    }
}

static void
print_briefing_text (const AttacheBriefing *briefing)
{
  g_autoptr(GPtrArray) sources = attache_briefing_collect_sources (briefing);
  g_autofree char *modified = format_time (briefing->modified);

  printf ("%s\n", briefing->title);
  /* Translators: the title page of "attache-cli briefing show"; %s is the value */
  printf (_("Subtitle: %s"), or_dash (briefing->subtitle));
  putchar ('\n');
  printf (_("Author: %s"), or_dash (briefing->author));
  putchar ('\n');
  printf (_("Audience: %s"), or_dash (briefing->audience));
  putchar ('\n');
  printf (_("Date: %s"), or_dash (briefing->date));
  putchar ('\n');
  printf (_("Marking: %s"), or_dash (briefing->marking));
  putchar ('\n');
  printf (_("Status: %s"), briefing->status == ATTACHE_BRIEFING_FINAL ? _("final") : _("draft"));
  putchar ('\n');
  printf (_("Modified: %s"), or_dash (modified));
  putchar ('\n');

  if (briefing->summary != NULL)
    printf ("\n%s\n%s\n", _("Summary:"), briefing->summary);

  for (guint i = 0; i < briefing->sections->len; i++)
    {
      const AttacheBriefingSection *section = g_ptr_array_index (briefing->sections, i);

      printf ("\n## %s\n", *section->heading != '\0' ? section->heading : _("(no heading)"));
      for (guint j = 0; j < section->blocks->len; j++)
        {
          const AttacheBriefingBlock *block = g_ptr_array_index (section->blocks, j);
          guint citation = attache_briefing_citation_number (sources, block);

          printf ("  %" G_GINT64_FORMAT "\t%s\t", block->id, attache_block_kind_to_string (block->kind));
          switch (block->kind)
            {
            case ATTACHE_BLOCK_TEXT:
              {
                g_autofree char *line = first_line (block->text);

                fputs (line, stdout);
              }
              break;

            case ATTACHE_BLOCK_EXCERPT:
              {
                g_autofree char *line = first_line (block->text);

                printf ("“%s” [%u]", line, citation);
              }
              break;

            case ATTACHE_BLOCK_ARTICLE:
              print_source_text (&block->source);
              printf (" [%u]", citation);
              break;

            case ATTACHE_BLOCK_ACTORS:
              for (guint k = 0; k < block->actors->len; k++)
                printf ("%s%s", k > 0 ? ", " : "",
                        ((AttacheBriefingActorRow *) g_ptr_array_index (block->actors, k))->name);
              break;

            case ATTACHE_BLOCK_TOPICS:
              for (guint k = 0; k < block->topics->len; k++)
                printf ("%s%s", k > 0 ? ", " : "", (const char *) g_ptr_array_index (block->topics, k));
              break;

            default:
              break;
            }
          putchar ('\n');
        }
    }

  if (sources->len > 0)
    {
      printf ("\n%s\n", _("Sources:"));
      for (guint i = 0; i < sources->len; i++)
        {
          const AttacheBriefingSource *source = g_ptr_array_index (sources, i);

          printf ("  [%u] ", i + 1);
          print_source_text (source);
          if (source->url != NULL)
            printf (" <%s>", source->url);
          putchar ('\n');
        }
    }
}

static AttacheBriefing *
load_briefing (AttacheLibrary *library,
               gint64          id)
{
  g_autoptr(GError) error = NULL;
  AttacheBriefing *briefing = attache_library_load_briefing (library, id, &error);

  if (briefing == NULL)
    print_error ("%s", error_message (error));

  return briefing;
}

static int
run_show (const BriefingCommand  *command,
          char                  **args,
          const char             *library_path)
{
  g_autofree char *local_library_path = NULL;
  g_autoptr(AttacheLibrary) library = NULL;
  g_autoptr(AttacheBriefing) briefing = NULL;
  gboolean json = FALSE;
  gint64 id;
  const GOptionEntry entries[] = {
    JSON_OPTION (&json),
    LIBRARY_OPTION (&local_library_path),
    G_OPTION_ENTRY_NULL
  };

  if (!parse_options (command, entries, &args) ||
      !expect_arguments (command, args, 1) ||
      !parse_id (args[1], TRUE, &id))
    return CLI_EXIT_USAGE;

  library = open_briefing_library (local_library_path, library_path, FALSE);
  if (library == NULL)
    return CLI_EXIT_FAILED;

  briefing = load_briefing (library, id);
  if (briefing == NULL)
    return CLI_EXIT_FAILED;

  if (json)
    print_briefing_json (briefing);
  else
    print_briefing_text (briefing);

  return CLI_EXIT_OK;
}

/* export B OUT.pdf|OUT.md */

static int
export_pdf (const AttacheBriefing *briefing,
            const char            *path,
            gboolean               letter)
{
  g_autoptr(GError) error = NULL;

  if (!attache_briefing_export_pdf (briefing, path,
                                    letter ? ATTACHE_BRIEFING_PAPER_LETTER : ATTACHE_BRIEFING_PAPER_A4,
                                    &error))
    {
      print_error ("%s", error_message (error));
      return CLI_EXIT_FAILED;
    }
  return CLI_EXIT_OK;
}

static gboolean
has_suffix (const char *path,
            const char *suffix)
{
  gsize length = strlen (path), suffix_length = strlen (suffix);

  return length > suffix_length && g_ascii_strcasecmp (path + length - suffix_length, suffix) == 0;
}

static int
run_export (const BriefingCommand  *command,
            char                  **args,
            const char             *library_path)
{
  g_autofree char *local_library_path = NULL;
  g_autofree char *paper = NULL;
  g_autoptr(AttacheLibrary) library = NULL;
  g_autoptr(AttacheBriefing) briefing = NULL;
  g_autoptr(GError) error = NULL;
  gboolean pdf, letter = FALSE;
  const char *path;
  gint64 id;
  const GOptionEntry entries[] = {
    { "paper", 0, 0, G_OPTION_ARG_STRING, &paper, N_("The paper of the PDF: a4 (the default) or letter"),
      N_("SIZE") },
    LIBRARY_OPTION (&local_library_path),
    G_OPTION_ENTRY_NULL
  };

  if (!parse_options (command, entries, &args) ||
      !expect_arguments (command, args, 2) ||
      !parse_id (args[1], TRUE, &id))
    return CLI_EXIT_USAGE;

  path = args[2];
  pdf = has_suffix (path, ".pdf");
  if (!pdf && !has_suffix (path, ".md") && !has_suffix (path, ".markdown"))
    {
      /* Translators: %s is the file name given */
      print_error (_("“%s”: the file to write must end in .pdf or .md"), path);
      return CLI_EXIT_USAGE;
    }
  if (paper != NULL)
    {
      if (g_ascii_strcasecmp (paper, "letter") == 0)
        letter = TRUE;
      else if (g_ascii_strcasecmp (paper, "a4") != 0)
        {
          /* Translators: %s is what was given as --paper */
          print_error (_("--paper takes a4 or letter, not “%s”"), paper);
          return CLI_EXIT_USAGE;
        }
    }

  library = open_briefing_library (local_library_path, library_path, FALSE);
  if (library == NULL)
    return CLI_EXIT_FAILED;

  briefing = load_briefing (library, id);
  if (briefing == NULL)
    return CLI_EXIT_FAILED;

  if (pdf)
    return export_pdf (briefing, path, letter);

  if (!attache_briefing_export_markdown (briefing, path, &error))
    {
      print_error ("%s", error_message (error));
      return CLI_EXIT_FAILED;
    }

  return CLI_EXIT_OK;
}

static const BriefingCommand briefing_commands[] = {
  { "new", N_("TITLE"), N_("Start a briefing and print its id"), run_new },
  { "add-note", N_("BRIEFING TEXT"), N_("Add a paragraph of your own (Markdown)"), run_add_note },
  { "add-excerpt", N_("BRIEFING ARTICLE"), N_("Quote a passage of an article (--from N --to M)"), run_add_excerpt },
  { "add-article", N_("BRIEFING ARTICLE"), N_("Cite a whole article"), run_add_article },
  { "list", "", N_("List the briefings, most recently changed first"), run_list },
  { "show", N_("BRIEFING"), N_("Show a briefing’s sections and blocks"), run_show },
  { "export", N_("BRIEFING FILE"), N_("Write a briefing as PDF (FILE.pdf) or Markdown (FILE.md)"), run_export },
};

static void
print_usage (FILE *out)
{
  fprintf (out, "%s\n  attache-cli briefing %s\n\n%s\n", _("Usage:"), _("COMMAND [ARGUMENT…]"), _("Commands:"));
  for (guint i = 0; i < G_N_ELEMENTS (briefing_commands); i++)
    {
      g_autofree char *usage = NULL;
      glong width;

      usage = g_strdup_printf ("%s %s", briefing_commands[i].name,
                               *briefing_commands[i].parameters != '\0' ? _(briefing_commands[i].parameters) : "");
      width = g_utf8_strlen (usage, -1);
      fprintf (out, "  %s%*s%s\n", usage, (int) MAX (2, 30 - width), "", _(briefing_commands[i].summary));
    }
}

int
attache_cli_briefing (char       **args,
                      const char  *library_path)
{
  if (args[1] == NULL)
    {
      print_error (_("“briefing” needs a command; see “attache-cli briefing --help”"));
      return CLI_EXIT_USAGE;
    }

  if (g_str_equal (args[1], "--help") || g_str_equal (args[1], "-h") || g_str_equal (args[1], "help"))
    {
      print_usage (stdout);
      return CLI_EXIT_OK;
    }

  for (guint i = 0; i < G_N_ELEMENTS (briefing_commands); i++)
    {
      if (g_str_equal (briefing_commands[i].name, args[1]))
        return briefing_commands[i].run (&briefing_commands[i], args + 1, library_path);
    }

  /* Translators: %s is what was typed in place of a briefing command */
  print_error (_("unknown briefing command “%s”; see “attache-cli briefing --help”"), args[1]);
  return CLI_EXIT_USAGE;
}
