/* attache-cli.c: the analyst's library from the command line
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Output meant for scripts is fixed and never translated: the "imported",
 * "duplicate of", "deleted" and "error:" line prefixes, the tab-separated
 * columns of list and search, and every JSON key. Everything else is for
 * people and goes through gettext.
 *
 * Exit statuses: 0 success, 1 the command could not do (all of) what was
 * asked, 2 the command line itself is wrong.
 */

#define G_LOG_DOMAIN "attache-cli"

#include "config.h"

#include <inttypes.h>
#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <glib/gi18n.h>
#include <gio/gunixinputstream.h>
#include <json-glib/json-glib.h>

#include "attache.h"
#include "attache-cli-briefing.h"
#include "attache-cli-explore.h"

/* Output helpers */

static void add_analysis_members (JsonBuilder *builder, const char *title, const char *text,
                                  const AttacheAnalysis *analysis);

static void
flatten_line (char *text)
{
  for (char *p = text; *p != '\0'; p++)
    {
      if (*p == '\n' || *p == '\r' || *p == '\t')
        *p = ' ';
    }
}

void
print_error (const char *format,
             ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  flatten_line (message);

  /* Not translated: scripts look for it. */
  fflush (stdout);
  fprintf (stderr, "error: %s\n", message);
}

const char *
error_message (const GError *error)
{
  if (error == NULL || error->message == NULL || *error->message == '\0')
    return _("unknown error");

  return error->message;
}

/* Writes @value as one column of a tab-separated line: "-" when missing, and
 * tabs and line breaks inside it turned into spaces so columns stay columns. */
void
put_field (const char *value)
{
  if (value == NULL || *value == '\0')
    {
      fputs ("-", stdout);
      return;
    }

  for (const char *p = value; *p != '\0'; p++)
    putchar (*p == '\t' || *p == '\n' || *p == '\r' ? ' ' : *p);
}

/* For people: a value, or a dash when there is none. */
const char *
or_dash (const char *value)
{
  return value != NULL && *value != '\0' ? value : "-";
}

/* ISO 8601 in UTC, whole seconds: "2024-04-02T09:30:00Z". */
static char *
format_timestamp (GDateTime *when)
{
  g_autoptr(GDateTime) utc = NULL;

  if (when == NULL)
    return NULL;

  utc = g_date_time_to_utc (when);
  return g_date_time_format (utc, "%Y-%m-%dT%H:%M:%SZ");
}

void
add_string_member (JsonBuilder *builder,
                   const char  *name,
                   const char  *value)
{
  json_builder_set_member_name (builder, name);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

void
add_int_member (JsonBuilder *builder,
                const char  *name,
                gint64       value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_int_value (builder, value);
}

/* The members every article object has, in list, show and search. */
static void
add_article_members (JsonBuilder    *builder,
                     AttacheArticle *article)
{
  g_autofree char *imported = format_timestamp (attache_article_get_imported (article));

  add_int_member (builder, "id", attache_article_get_id (article));
  add_string_member (builder, "title", attache_article_get_title (article));
  add_string_member (builder, "published", attache_article_get_published (article));
  add_string_member (builder, "source", attache_article_get_source (article));
  add_string_member (builder, "url", attache_article_get_url (article));
  add_string_member (builder, "author", attache_article_get_author (article));
  add_string_member (builder, "language", attache_article_get_language (article));
  add_string_member (builder, "imported", imported);
  add_string_member (builder, "origin", attache_article_get_origin (article));
  add_string_member (builder, "sha256", attache_article_get_sha256 (article));
  add_int_member (builder, "words", attache_article_get_n_words (article));
}

void
print_json (JsonBuilder *builder)
{
  g_autoptr(JsonNode) root = json_builder_get_root (builder);
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autofree char *data = NULL;

  json_generator_set_pretty (generator, TRUE);
  json_generator_set_indent (generator, 2);
  json_generator_set_root (generator, root);
  data = json_generator_to_data (generator, NULL);

  fputs (data, stdout);
  fputc ('\n', stdout);
}

/* Command line helpers */

/* Parses the options of @command out of @args. On return @args holds the
 * command name followed by its positional arguments. Prints the problem
 * and returns FALSE when the command line is wrong. */
gboolean
parse_command_options (const CliCommand   *command,
                       const GOptionEntry *entries,
                       char             ***args)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *prgname = g_strdup_printf ("attache-cli %s", command->name);

  /* So that "--help" says "attache-cli show [OPTION…] ID". */
  g_set_prgname (prgname);

  context = g_option_context_new (*command->parameters != '\0' ? _(command->parameters) : NULL);
  g_option_context_set_summary (context, _(command->summary));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);

  if (!g_option_context_parse_strv (context, args, &error))
    {
      print_error ("%s", error_message (error));
      return FALSE;
    }

  /* GOption leaves the "--" that ends the options in place when arguments
   * follow it ("search -- -draft"); it is not an argument. */
  for (guint i = 1; (*args)[i] != NULL; i++)
    {
      if (g_str_equal ((*args)[i], "--"))
        {
          g_free ((*args)[i]);
          memmove (&(*args)[i], &(*args)[i + 1], (g_strv_length (&(*args)[i + 1]) + 1) * sizeof (char *));
          break;
        }
    }

  return TRUE;
}

/* Reads a positive article id. Anything else is a usage error. */
gboolean
parse_article_id (const char *text,
                  gint64     *out_id)
{
  g_autoptr(GError) error = NULL;
  gint64 id = 0;

  if (!g_ascii_string_to_signed (text, 10, 1, G_MAXINT64, &id, &error))
    {
      /* Translators: %s is what was typed in place of an article id. */
      print_error (_("“%s” is not an article id (a whole number above 0)"), text);
      return FALSE;
    }

  *out_id = id;
  return TRUE;
}

/* Expects exactly one positional argument, an article id. */
static gboolean
parse_single_id (const CliCommand  *command,
                 char             **args,
                 gint64            *out_id)
{
  if (g_strv_length (args) != 2)
    {
      /* Translators: %s is a command name such as "show". */
      print_error (_("“%s” takes exactly one article id"), command->name);
      return FALSE;
    }

  return parse_article_id (args[1], out_id);
}

AttacheLibrary *
open_library (const char *path)
{
  g_autofree char *default_path = NULL;
  g_autoptr(GError) error = NULL;
  AttacheLibrary *library;

  if (path == NULL)
    path = default_path = attache_library_dup_default_path ();

  if (path == NULL || *path == '\0')
    {
      print_error (_("no library file given"));
      return NULL;
    }

  library = attache_library_open (path, &error);
  if (library == NULL)
    print_error ("%s", error_message (error));

  return library;
}

AttacheLibrary *
open_existing_library (const char *path)
{
  if (path != NULL && *path != '\0' && !g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_autofree char *display = g_filename_display_name (path);

      /* Translators: %s is a file name */
      print_error (_("there is no library at %s (importing articles into it makes one)"), display);
      return NULL;
    }

  return open_library (path);
}

/* Prints why an article could not be read or deleted. */
static void
print_article_error (gint64        id,
                     const GError *error)
{
  if (g_error_matches (error, ATTACHE_DATABASE_ERROR, ATTACHE_DATABASE_ERROR_NOT_FOUND))
    {
      g_autofree char *id_text = g_strdup_printf ("%" G_GINT64_FORMAT, id);

      /* Translators: %s is an article id, a number. */
      print_error (_("no article with id %s"), id_text);
    }
  else
    {
      print_error ("%s", error_message (error));
    }
}

/* import PATH… */

static gboolean
is_web_address (const char *arg)
{
  return g_ascii_strncasecmp (arg, "http://", 7) == 0 || g_ascii_strncasecmp (arg, "https://", 8) == 0;
}

static void
import_url_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

/* Fetches and imports one web page, running the main loop until it is done. */
static AttacheImportResult *
import_url (AttacheImporter *importer,
            const char      *url)
{
  g_autoptr(GAsyncResult) async_result = NULL;

  attache_importer_import_url_async (importer, url, NULL, import_url_cb, &async_result);
  while (async_result == NULL)
    g_main_context_iteration (NULL, TRUE);

  /* Not cancellable here, so it cannot fail. */
  return attache_importer_import_url_finish (importer, async_result, NULL);
}

static int
run_import (const CliCommand  *command,
            char             **args,
            const char        *library_path)
{
  g_autofree char *local_library_path = NULL;
  g_autoptr(AttacheLibrary) library = NULL;
  g_autoptr(AttacheImporter) importer = NULL;
  gboolean all_stored = TRUE;
  const GOptionEntry entries[] = {
    LIBRARY_OPTION (&local_library_path),
    G_OPTION_ENTRY_NULL
  };

  if (!parse_command_options (command, entries, &args))
    return CLI_EXIT_USAGE;

  if (args[1] == NULL)
    {
      print_error (_("nothing to import: give one or more files or web addresses"));
      return CLI_EXIT_USAGE;
    }

  library = open_library (local_library_path != NULL ? local_library_path : library_path);
  if (library == NULL)
    return CLI_EXIT_FAILED;

  importer = attache_importer_new (library);

  for (guint i = 1; args[i] != NULL; i++)
    {
      const char *path = args[i];
      g_autoptr(AttacheImportResult) result = NULL;
      gint64 id;

      if (is_web_address (path))
        result = import_url (importer, path);
      else
        {
          g_autoptr(GFile) file = g_file_new_for_commandline_arg (path);

          result = attache_importer_import_file (importer, file, NULL);
        }
      id = attache_import_result_get_article_id (result);

      switch (attache_import_result_get_status (result))
        {
        case ATTACHE_IMPORT_IMPORTED:
          /* Analysed now, so that show --json has it at once. Failing to
           * analyse does not undo the import: the window retries. */
          {
            g_autoptr(GError) analysis_error = NULL;

            if (!attache_library_analyze_article (library, id, &analysis_error))
              g_printerr ("warning: %s: %s\n", path, error_message (analysis_error));
          }
          printf ("imported %" G_GINT64_FORMAT " ", id);
          put_field (attache_import_result_get_title (result));
          putchar ('\n');
          break;

        case ATTACHE_IMPORT_DUPLICATE:
          printf ("duplicate of %" G_GINT64_FORMAT ": %s\n", id, path);
          break;

        case ATTACHE_IMPORT_FAILED:
        default:
          print_error ("%s: %s", path, error_message (attache_import_result_get_error (result)));
          all_stored = FALSE;
          break;
        }

      /* Keep stdout and stderr lines in input order when both go to one place. */
      fflush (stdout);
    }

  return all_stored ? CLI_EXIT_OK : CLI_EXIT_FAILED;
}

/* list */

static int
run_list (const CliCommand  *command,
          char             **args,
          const char        *library_path)
{
  g_autofree char *local_library_path = NULL;
  g_autoptr(AttacheLibrary) library = NULL;
  g_autoptr(GPtrArray) articles = NULL;
  g_autoptr(GError) error = NULL;
  gboolean json = FALSE;
  const GOptionEntry entries[] = {
    JSON_OPTION (&json),
    LIBRARY_OPTION (&local_library_path),
    G_OPTION_ENTRY_NULL
  };

  if (!parse_command_options (command, entries, &args))
    return CLI_EXIT_USAGE;

  if (args[1] != NULL)
    {
      print_error (_("“list” takes no arguments"));
      return CLI_EXIT_USAGE;
    }

  library = open_existing_library (local_library_path != NULL ? local_library_path : library_path);
  if (library == NULL)
    return CLI_EXIT_FAILED;

  articles = attache_library_list_articles (library, &error);
  if (articles == NULL)
    {
      print_error ("%s", error_message (error));
      return CLI_EXIT_FAILED;
    }

  if (json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "articles");
      json_builder_begin_array (builder);
      for (guint i = 0; i < articles->len; i++)
        {
          AttacheArticle *article = g_ptr_array_index (articles, i);

          json_builder_begin_object (builder);
          add_article_members (builder, article);
          add_int_member (builder, "story", attache_article_get_story_id (article));
          add_int_member (builder, "also", attache_article_get_story_size (article) - 1);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      json_builder_end_object (builder);

      print_json (builder);
    }
  else
    {
      for (guint i = 0; i < articles->len; i++)
        {
          AttacheArticle *article = g_ptr_array_index (articles, i);

          printf ("%" G_GINT64_FORMAT "\t", attache_article_get_id (article));
          put_field (attache_article_get_published (article));
          putchar ('\t');
          put_field (attache_article_get_source (article));
          putchar ('\t');
          put_field (attache_article_get_title (article));
          putchar ('\n');
        }
    }

  return CLI_EXIT_OK;
}

/* show ID */

static void
print_article_text (AttacheArticle *article)
{
  g_autofree char *imported = format_timestamp (attache_article_get_imported (article));

  printf ("%s\n", or_dash (attache_article_get_title (article)));
  /* Translators: the metadata block of "attache-cli show"; %s is the value. */
  printf (_("Published: %s"), or_dash (attache_article_get_published (article)));
  putchar ('\n');
  printf (_("Source: %s"), or_dash (attache_article_get_source (article)));
  putchar ('\n');
  printf (_("Author: %s"), or_dash (attache_article_get_author (article)));
  putchar ('\n');
  printf (_("URL: %s"), or_dash (attache_article_get_url (article)));
  putchar ('\n');
  printf (_("Origin: %s"), or_dash (attache_article_get_origin (article)));
  putchar ('\n');
  printf (_("Imported: %s"), or_dash (imported));
  putchar ('\n');
  printf (_("Words: %u"), attache_article_get_n_words (article));
  putchar ('\n');
  if (attache_article_get_capture (article) != NULL)
    {
      AttacheFetchResult *capture = attache_article_get_capture (article);
      g_autofree char *fetched = format_timestamp (attache_fetch_result_get_fetched (capture));

      /* Translators: the capture record of a web page: the address it was read from,
       * when, the HTTP status and the page's sha256 */
      printf (_("Captured: %s at %s (HTTP %u, sha256 %s)"), attache_fetch_result_get_final_url (capture),
              fetched, attache_fetch_result_get_status (capture), attache_fetch_result_get_sha256 (capture));
      putchar ('\n');
    }
  putchar ('\n');
  printf ("%s\n", attache_article_get_text (article) != NULL ? attache_article_get_text (article) : "");
}

/* The capture record of a web page: what was fetched, from where, when. */
static void
add_capture_member (JsonBuilder        *builder,
                    AttacheFetchResult *capture)
{
  g_autofree char *fetched = NULL;

  json_builder_set_member_name (builder, "capture");
  if (capture == NULL)
    {
      json_builder_add_null_value (builder);
      return;
    }

  fetched = format_timestamp (attache_fetch_result_get_fetched (capture));
  json_builder_begin_object (builder);
  add_string_member (builder, "requested_url", attache_fetch_result_get_requested_url (capture));
  add_string_member (builder, "final_url", attache_fetch_result_get_final_url (capture));
  add_string_member (builder, "fetched", fetched);
  add_int_member (builder, "status", attache_fetch_result_get_status (capture));
  add_string_member (builder, "content_type", attache_fetch_result_get_content_type (capture));
  add_string_member (builder, "charset", attache_fetch_result_get_charset (capture));
  add_string_member (builder, "http_date", attache_fetch_result_get_date (capture));
  add_string_member (builder, "last_modified", attache_fetch_result_get_last_modified (capture));
  add_string_member (builder, "etag", attache_fetch_result_get_etag (capture));
  add_string_member (builder, "sha256", attache_fetch_result_get_sha256 (capture));
  add_int_member (builder, "size", g_bytes_get_size (attache_fetch_result_get_body (capture)));
  json_builder_end_object (builder);
}

/* show ID --page FILE: the raw page, byte for byte, as fetched. */
static int
write_captured_page (AttacheArticle *article,
                     const char     *path)
{
  AttacheFetchResult *capture = attache_article_get_capture (article);
  g_autoptr(GError) error = NULL;
  GBytes *body;
  gsize len;
  const char *data;

  if (capture == NULL)
    {
      print_error (_("article %" PRId64 " was not fetched from the web: it has no captured page"),
                   (int64_t) attache_article_get_id (article));
      return CLI_EXIT_FAILED;
    }

  body = attache_fetch_result_get_body (capture);
  data = g_bytes_get_data (body, &len);

  if (g_str_equal (path, "-"))
    {
      if (fwrite (data, 1, len, stdout) != len)
        {
          print_error ("%s", _("could not write the output"));
          return CLI_EXIT_FAILED;
        }
      return CLI_EXIT_OK;
    }

  if (!g_file_set_contents (path, data, len, &error))
    {
      print_error ("%s: %s", path, error->message);
      return CLI_EXIT_FAILED;
    }

  return CLI_EXIT_OK;
}

static int
run_show (const CliCommand  *command,
          char             **args,
          const char        *library_path)
{
  g_autofree char *local_library_path = NULL;
  g_autoptr(AttacheLibrary) library = NULL;
  g_autoptr(AttacheArticle) article = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *page = NULL;
  gboolean json = FALSE;
  gint64 id = 0;
  const GOptionEntry entries[] = {
    JSON_OPTION (&json),
    { "page", 0, 0, G_OPTION_ARG_FILENAME, &page,
      N_("Write the web page exactly as it was captured to FILE (- for standard output)"), N_("FILE") },
    LIBRARY_OPTION (&local_library_path),
    G_OPTION_ENTRY_NULL
  };

  if (!parse_command_options (command, entries, &args) ||
      !parse_single_id (command, args, &id))
    return CLI_EXIT_USAGE;

  library = open_existing_library (local_library_path != NULL ? local_library_path : library_path);
  if (library == NULL)
    return CLI_EXIT_FAILED;

  article = attache_library_get_article (library, id, &error);
  if (article == NULL)
    {
      print_article_error (id, error);
      return CLI_EXIT_FAILED;
    }

  if (page != NULL)
    return write_captured_page (article, page);

  if (json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      g_autoptr(AttacheAnalysis) analysis = attache_library_get_analysis (library, id, NULL);
      g_autoptr(GPtrArray) versions = attache_library_list_story (library, id, &error);

      if (versions == NULL)
        {
          print_article_error (id, error);
          return CLI_EXIT_FAILED;
        }

      json_builder_begin_object (builder);
      add_article_members (builder, article);
      /* The other versions of the same story, on other sites. */
      json_builder_set_member_name (builder, "story");
      json_builder_begin_object (builder);
      add_int_member (builder, "id", attache_article_get_story_id (article));
      json_builder_set_member_name (builder, "others");
      json_builder_begin_array (builder);
      for (guint i = 0; i < versions->len; i++)
        {
          AttacheArticle *version = g_ptr_array_index (versions, i);

          json_builder_begin_object (builder);
          add_int_member (builder, "id", attache_article_get_id (version));
          add_string_member (builder, "source", attache_article_get_source (version));
          add_string_member (builder, "title", attache_article_get_title (version));
          add_string_member (builder, "published", attache_article_get_published (version));
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      json_builder_end_object (builder);
      add_string_member (builder, "text", attache_article_get_text (article));
      add_capture_member (builder, attache_article_get_capture (article));
      json_builder_set_member_name (builder, "analysis");
      if (analysis != NULL)
        {
          json_builder_begin_object (builder);
          add_int_member (builder, "version", analysis->version);
          add_analysis_members (builder, NULL, attache_article_get_text (article), analysis);
          json_builder_end_object (builder);
        }
      else
        json_builder_add_null_value (builder);
      json_builder_end_object (builder);

      print_json (builder);
    }
  else
    {
      print_article_text (article);
    }

  return CLI_EXIT_OK;
}

/* delete ID */

static int
run_delete (const CliCommand  *command,
            char             **args,
            const char        *library_path)
{
  g_autofree char *local_library_path = NULL;
  g_autoptr(AttacheLibrary) library = NULL;
  g_autoptr(AttacheArticle) article = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id = 0;
  const GOptionEntry entries[] = {
    LIBRARY_OPTION (&local_library_path),
    G_OPTION_ENTRY_NULL
  };

  if (!parse_command_options (command, entries, &args) ||
      !parse_single_id (command, args, &id))
    return CLI_EXIT_USAGE;

  library = open_existing_library (local_library_path != NULL ? local_library_path : library_path);
  if (library == NULL)
    return CLI_EXIT_FAILED;

  /* Read it first, to say which article went. */
  article = attache_library_get_article (library, id, &error);
  if (article == NULL ||
      !attache_library_delete_article (library, id, &error))
    {
      print_article_error (id, error);
      return CLI_EXIT_FAILED;
    }

  printf ("deleted %" G_GINT64_FORMAT " ", id);
  put_field (attache_article_get_title (article));
  putchar ('\n');

  return CLI_EXIT_OK;
}

/* search [--actor NAME] [--from DATE] [--to DATE] [--source S] [--subject CODE] [--topic T] [QUERY…] */

static int
run_search (const CliCommand  *command,
            char             **args,
            const char        *library_path)
{
  g_autofree char *local_library_path = NULL;
  g_autofree char *actor = NULL;
  g_autoptr(AttacheLibrary) library = NULL;
  g_autoptr(AttacheSearchQuery) query = attache_search_query_new (NULL);
  g_autoptr(AttacheSearchResults) results = NULL;
  g_autoptr(GError) error = NULL;
  gboolean json = FALSE;
  int limit = ATTACHE_SEARCH_PAGE;
  const GOptionEntry entries[] = {
    JSON_OPTION (&json),
    { "limit", 0, 0, G_OPTION_ARG_INT, &limit,
      N_("Show the best N results (200 unless given; 0 ranks and shows them all)"), N_("N") },
    { "actor", 0, 0, G_OPTION_ARG_STRING, &actor,
      N_("Only articles naming this actor (a name, type:name or an id)"), N_("NAME") },
    { "from", 0, 0, G_OPTION_ARG_STRING, &query->from,
      N_("Only articles of this day or later (YYYY-MM-DD, YYYY-MM or YYYY)"), N_("DATE") },
    { "to", 0, 0, G_OPTION_ARG_STRING, &query->to,
      N_("Only articles of this day or earlier (YYYY-MM-DD, YYYY-MM or YYYY)"), N_("DATE") },
    { "source", 0, 0, G_OPTION_ARG_STRING, &query->source,
      N_("Only articles from this source (site or publisher)"), N_("SOURCE") },
    { "subject", 0, 0, G_OPTION_ARG_STRING, &query->subject,
      N_("Only articles of this IPTC subject (a code such as medtop:11000000, or its name: politics)"),
      N_("CODE") },
    { "topic", 0, 0, G_OPTION_ARG_STRING, &query->topic,
      N_("Only articles with this topic"), N_("TOPIC") },
    LIBRARY_OPTION (&local_library_path),
    G_OPTION_ENTRY_NULL
  };

  if (!parse_command_options (command, entries, &args))
    return CLI_EXIT_USAGE;

  if (limit < 0)
    {
      print_error (_("--limit must be 0 or more"));
      return CLI_EXIT_USAGE;
    }

  /* The query may come as several words: search trade summit */
  if (args[1] != NULL)
    {
      query->text = g_strjoinv (" ", args + 1);
      if (*g_strstrip (query->text) == '\0')
        g_clear_pointer (&query->text, g_free);
    }

  if (attache_search_query_is_empty (query) && actor == NULL)
    {
      print_error (_("nothing to search for: give a query or a filter"));
      return CLI_EXIT_USAGE;
    }
  if (!attache_search_query_validate (query, &error))
    {
      print_error ("%s", error_message (error));
      return CLI_EXIT_USAGE;
    }

  library = open_existing_library (local_library_path != NULL ? local_library_path : library_path);
  if (library == NULL)
    return CLI_EXIT_FAILED;

  if (actor != NULL && (query->actor_id = cli_find_actor (library, actor)) == 0)
    return CLI_EXIT_FAILED;

  results = attache_library_find (library, query, (guint) limit, &error);
  if (results == NULL)
    {
      print_error ("%s", error_message (error));
      return CLI_EXIT_FAILED;
    }

  if (json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      add_string_member (builder, "query", query->text);
      add_int_member (builder, "total", results->total);
      json_builder_set_member_name (builder, "results");
      json_builder_begin_array (builder);
      for (guint i = 0; i < results->hits->len; i++)
        {
          AttacheSearchHit *hit = g_ptr_array_index (results->hits, i);
          AttacheArticle *article = attache_search_hit_get_article (hit);
          g_autofree char *snippet = attache_search_hit_dup_snippet (hit);

          json_builder_begin_object (builder);
          add_int_member (builder, "id", attache_article_get_id (article));
          add_string_member (builder, "title", attache_article_get_title (article));
          add_string_member (builder, "published", attache_article_get_published (article));
          add_string_member (builder, "source", attache_article_get_source (article));
          add_string_member (builder, "url", attache_article_get_url (article));
          add_string_member (builder, "snippet", snippet);
          json_builder_set_member_name (builder, "rank");
          json_builder_add_double_value (builder, attache_search_hit_get_rank (hit));
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      json_builder_end_object (builder);

      print_json (builder);
    }
  else if (results->hits->len == 0)
    {
      fputs (_("No articles match."), stderr);
      fputc ('\n', stderr);
    }
  else
    {
      for (guint i = 0; i < results->hits->len; i++)
        {
          AttacheSearchHit *hit = g_ptr_array_index (results->hits, i);
          AttacheArticle *article = attache_search_hit_get_article (hit);
          g_autofree char *snippet = attache_search_hit_dup_snippet (hit);

          printf ("%" G_GINT64_FORMAT "\t", attache_article_get_id (article));
          put_field (attache_article_get_published (article));
          putchar ('\t');
          put_field (attache_article_get_title (article));
          fputs ("\n    ", stdout);
          put_field (snippet);
          putchar ('\n');
        }
      if (results->total > (gint64) results->hits->len)
        {
          /* Translators: the numbers of articles shown, and found; on stderr. */
          fprintf (stderr, _("%u of %" PRId64 " articles shown (--limit N for more)"),
                   results->hits->len, (int64_t) results->total);
          fputc ('\n', stderr);
        }
    }

  return CLI_EXIT_OK;
}

/* tag [--conll] FILE */

/* The whole of @path, or of standard input for "-". */
static char *
read_input (const char  *path,
            gsize       *length,
            GError     **error)
{
  g_autoptr(GInputStream) input = NULL;
  g_autoptr(GOutputStream) output = NULL;
  char *contents = NULL;

  if (!g_str_equal (path, "-"))
    {
      g_autoptr(GFile) file = g_file_new_for_commandline_arg (path);
      g_autofree char *local = g_file_get_path (file);

      /* A local file is read in one piece of its size, not in a growing buffer. */
      if (local != NULL && g_file_test (local, G_FILE_TEST_IS_REGULAR))
        {
          if (!g_file_get_contents (local, &contents, length, error))
            return NULL;
          return contents;
        }
      if (!g_file_load_contents (file, NULL, &contents, length, NULL, error))
        return NULL;
      return contents;
    }

  input = g_unix_input_stream_new (STDIN_FILENO, FALSE);
  output = g_memory_output_stream_new_resizable ();
  if (g_output_stream_splice (output, input,
                              G_OUTPUT_STREAM_SPLICE_CLOSE_SOURCE | G_OUTPUT_STREAM_SPLICE_CLOSE_TARGET,
                              NULL, error) < 0)
    return NULL;

  *length = g_memory_output_stream_get_data_size (G_MEMORY_OUTPUT_STREAM (output));
  /* One more byte, so the text also ends with a NUL. */
  contents = g_malloc (*length + 1);
  memcpy (contents, g_memory_output_stream_get_data (G_MEMORY_OUTPUT_STREAM (output)), *length);
  contents[*length] = '\0';

  return contents;
}

/* Prints token<TAB>tag lines, a blank line after each sentence. */
static void
print_tagged (const char            *text,
              const AttacheToken    *tokens,
              const AttacheNerLabel *labels,
              guint                  n_tokens)
{
  for (guint i = 0; i < n_tokens; i++)
    {
      if (i > 0 && (tokens[i].flags & ATTACHE_TOKEN_SENTENCE_START))
        putchar ('\n');
      fwrite (text + tokens[i].start, 1, tokens[i].length, stdout);
      printf ("\t%s\n", attache_ner_label_to_string (labels[i]));
    }
  if (n_tokens > 0)
    putchar ('\n');
}

static int
run_tag (const CliCommand  *command,
         char             **args,
         const char        *library_path)
{
  g_autoptr(AttacheTagger) tagger = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize length = 0;
  gboolean conll = FALSE;
  const GOptionEntry entries[] = {
    { "conll", 0, 0, G_OPTION_ARG_NONE, &conll,
      N_("Read a CoNLL file: one token a line in the first column, a blank line between sentences"), NULL },
    G_OPTION_ENTRY_NULL
  };

  if (!parse_command_options (command, entries, &args))
    return CLI_EXIT_USAGE;

  if (args[1] == NULL || args[2] != NULL)
    {
      print_error (_("“tag” takes one file, or - for standard input"));
      return CLI_EXIT_USAGE;
    }

  contents = read_input (args[1], &length, &error);
  if (contents == NULL)
    {
      print_error ("%s: %s", args[1], error_message (error));
      return CLI_EXIT_FAILED;
    }

  tagger = attache_tagger_new_default (&error);
  if (tagger == NULL)
    {
      print_error ("%s", error_message (error));
      return CLI_EXIT_FAILED;
    }

  if (conll)
    {
      g_autoptr(GPtrArray) documents = attache_conll_parse (contents, length, 0);

      for (guint d = 0; d < documents->len; d++)
        {
          AttacheConllDocument *document = g_ptr_array_index (documents, d);
          guint n = document->tokens->len;
          g_autofree AttacheNerLabel *labels = g_new (AttacheNerLabel, MAX (n, 1));
          const AttacheToken *tokens = &g_array_index (document->tokens, AttacheToken, 0);

          attache_tagger_tag (tagger, document->text, tokens, n, labels);
          if (document->docstart)
            fputs ("-DOCSTART-\n\n", stdout);
          print_tagged (document->text, tokens, labels, n);
        }
    }
  else
    {
      g_autofree char *text = g_utf8_make_valid (contents, (gssize) length);
      g_autoptr(GArray) tokens = attache_tokenize (text, -1);
      g_autofree AttacheNerLabel *labels = g_new (AttacheNerLabel, MAX (tokens->len, 1));

      attache_tagger_tag (tagger, text, &g_array_index (tokens, AttacheToken, 0), tokens->len, labels);
      print_tagged (text, &g_array_index (tokens, AttacheToken, 0), labels, tokens->len);
    }

  return CLI_EXIT_OK;
}

/* feed add|list|refresh|remove|import-opml|export-opml */

static void
feed_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static AttacheFeedRefresher *
new_refresher (AttacheLibrary *library)
{
  g_autoptr(AttacheImporter) importer = attache_importer_new (library);

  return attache_feed_refresher_new (importer);
}

/* Reads a positive feed id. Anything else is a usage error. */
static gboolean
parse_feed_id (const char *text,
               gint64     *out_id)
{
  gint64 id = 0;

  if (!g_ascii_string_to_signed (text, 10, 1, G_MAXINT64, &id, NULL))
    {
      /* Translators: %s is what was typed in place of a feed id. */
      print_error (_("“%s” is not a feed id (a whole number above 0)"), text);
      return FALSE;
    }

  *out_id = id;
  return TRUE;
}

static void
print_feed_error (gint64        id,
                  const GError *error)
{
  if (g_error_matches (error, ATTACHE_DATABASE_ERROR, ATTACHE_DATABASE_ERROR_NOT_FOUND))
    {
      g_autofree char *id_text = g_strdup_printf ("%" G_GINT64_FORMAT, id);

      /* Translators: %s is a feed id, a number. */
      print_error (_("no feed with id %s"), id_text);
    }
  else
    {
      print_error ("%s", error_message (error));
    }
}

/* Prints what a refresh imported, analysing each new article as import does.
 * Returns FALSE when the feed, or one of its items, failed. */
static gboolean
print_refresh (AttacheLibrary     *library,
               AttacheFeedRefresh *refresh)
{
  GPtrArray *results = attache_feed_refresh_get_results (refresh);
  gboolean ok = TRUE;

  for (guint i = 0; i < results->len; i++)
    {
      AttacheImportResult *result = g_ptr_array_index (results, i);
      gint64 id = attache_import_result_get_article_id (result);
      GFile *file = attache_import_result_get_file (result);
      g_autofree char *uri = file != NULL ? g_file_get_uri (file) : NULL;

      switch (attache_import_result_get_status (result))
        {
        case ATTACHE_IMPORT_IMPORTED:
          {
            g_autoptr(GError) analysis_error = NULL;

            if (!attache_library_analyze_article (library, id, &analysis_error))
              g_printerr ("warning: %s: %s\n", or_dash (uri), error_message (analysis_error));
          }
          printf ("imported %" G_GINT64_FORMAT " ", id);
          put_field (attache_import_result_get_title (result));
          putchar ('\n');
          break;

        case ATTACHE_IMPORT_FAILED:
          print_error ("%s: %s", uri != NULL ? uri : attache_feed_refresh_get_url (refresh),
                       error_message (attache_import_result_get_error (result)));
          ok = FALSE;
          break;

        case ATTACHE_IMPORT_DUPLICATE:
        default:
          /* Already in the library: nothing new to say. */
          break;
        }
      fflush (stdout);
    }

  if (attache_feed_refresh_get_status (refresh) == ATTACHE_FEED_REFRESH_FAILED)
    {
      const char *url = attache_feed_refresh_get_url (refresh);

      if (url != NULL)
        print_error ("%s: %s", url, error_message (attache_feed_refresh_get_error (refresh)));
      else
        print_feed_error (attache_feed_refresh_get_feed_id (refresh), attache_feed_refresh_get_error (refresh));
      ok = FALSE;
    }

  return ok;
}

static AttacheFeedRefresh *
refresh_feed (AttacheFeedRefresher *refresher,
              gint64                id)
{
  g_autoptr(GAsyncResult) async_result = NULL;

  attache_feed_refresher_refresh_async (refresher, id, NULL, feed_cb, &async_result);
  while (async_result == NULL)
    g_main_context_iteration (NULL, TRUE);

  /* Not cancellable here, so it cannot fail. */
  return attache_feed_refresher_refresh_finish (refresher, async_result, NULL);
}

static int
run_feed_add (const CliCommand  *command,
              char             **args,
              const char        *library_path)
{
  g_autofree char *local_library_path = NULL;
  g_autoptr(AttacheLibrary) library = NULL;
  g_autoptr(AttacheFeedRefresher) refresher = NULL;
  g_autoptr(AttacheFeedRefresh) refresh = NULL;
  g_autoptr(GAsyncResult) async_result = NULL;
  gboolean full_article = FALSE;
  gboolean ok;
  const GOptionEntry entries[] = {
    { "full-article", 0, 0, G_OPTION_ARG_NONE, &full_article,
      N_("Import the whole web page of items that carry only a teaser"), NULL },
    LIBRARY_OPTION (&local_library_path),
    G_OPTION_ENTRY_NULL
  };

  if (!parse_command_options (command, entries, &args))
    return CLI_EXIT_USAGE;

  if (args[1] == NULL || args[2] != NULL || !is_web_address (args[1]))
    {
      print_error (_("“feed add” takes one feed address (http or https)"));
      return CLI_EXIT_USAGE;
    }

  library = open_library (local_library_path != NULL ? local_library_path : library_path);
  if (library == NULL)
    return CLI_EXIT_FAILED;

  refresher = new_refresher (library);
  attache_feed_refresher_subscribe_async (refresher, args[1], full_article, NULL, feed_cb, &async_result);
  while (async_result == NULL)
    g_main_context_iteration (NULL, TRUE);
  refresh = attache_feed_refresher_subscribe_finish (refresher, async_result, NULL);

  if (attache_feed_refresh_get_feed_id (refresh) > 0)
    {
      printf (attache_feed_refresh_get_subscribed (refresh) ? "subscribed %" G_GINT64_FORMAT " "
                                                            : "already subscribed %" G_GINT64_FORMAT " ",
              attache_feed_refresh_get_feed_id (refresh));
      put_field (attache_feed_refresh_get_title (refresh) != NULL ? attache_feed_refresh_get_title (refresh)
                                                                  : attache_feed_refresh_get_url (refresh));
      putchar ('\n');
      fflush (stdout);
    }

  ok = print_refresh (library, refresh);
  return ok ? CLI_EXIT_OK : CLI_EXIT_FAILED;
}

static int
run_feed_list (const CliCommand  *command,
               char             **args,
               const char        *library_path)
{
  g_autofree char *local_library_path = NULL;
  g_autoptr(AttacheLibrary) library = NULL;
  g_autoptr(GPtrArray) feeds = NULL;
  g_autoptr(GError) error = NULL;
  gboolean json = FALSE;
  const GOptionEntry entries[] = {
    JSON_OPTION (&json),
    LIBRARY_OPTION (&local_library_path),
    G_OPTION_ENTRY_NULL
  };

  if (!parse_command_options (command, entries, &args))
    return CLI_EXIT_USAGE;

  if (args[1] != NULL)
    {
      print_error (_("“feed list” takes no arguments"));
      return CLI_EXIT_USAGE;
    }

  library = open_existing_library (local_library_path != NULL ? local_library_path : library_path);
  if (library == NULL)
    return CLI_EXIT_FAILED;

  feeds = attache_library_list_feeds (library, &error);
  if (feeds == NULL)
    {
      print_error ("%s", error_message (error));
      return CLI_EXIT_FAILED;
    }

  if (json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "feeds");
      json_builder_begin_array (builder);
      for (guint i = 0; i < feeds->len; i++)
        {
          const AttacheSubscription *feed = g_ptr_array_index (feeds, i);

          json_builder_begin_object (builder);
          add_int_member (builder, "id", feed->id);
          add_string_member (builder, "url", feed->url);
          add_string_member (builder, "title", feed->title);
          add_string_member (builder, "site_url", feed->site_url);
          add_int_member (builder, "items", feed->n_items);
          add_string_member (builder, "last_fetched", feed->last_fetched);
          add_string_member (builder, "last_error", feed->last_error);
          json_builder_set_member_name (builder, "full_article");
          json_builder_add_boolean_value (builder, feed->fetch_full_article);
          add_string_member (builder, "added", feed->added);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      json_builder_end_object (builder);

      print_json (builder);
    }
  else
    {
      for (guint i = 0; i < feeds->len; i++)
        {
          const AttacheSubscription *feed = g_ptr_array_index (feeds, i);

          printf ("%" G_GINT64_FORMAT "\t", feed->id);
          put_field (feed->url);
          putchar ('\t');
          put_field (feed->title);
          printf ("\t%" G_GINT64_FORMAT "\t", feed->n_items);
          put_field (feed->last_fetched);
          putchar ('\t');
          put_field (feed->last_error);
          putchar ('\n');
        }
    }

  return CLI_EXIT_OK;
}

static int
run_feed_refresh (const CliCommand  *command,
                  char             **args,
                  const char        *library_path)
{
  g_autofree char *local_library_path = NULL;
  g_autoptr(AttacheLibrary) library = NULL;
  g_autoptr(AttacheFeedRefresher) refresher = NULL;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GError) error = NULL;
  gboolean all_ok = TRUE;
  const GOptionEntry entries[] = {
    LIBRARY_OPTION (&local_library_path),
    G_OPTION_ENTRY_NULL
  };

  if (!parse_command_options (command, entries, &args))
    return CLI_EXIT_USAGE;

  if (args[1] != NULL)
    {
      gint64 id;

      if (args[2] != NULL)
        {
          print_error (_("“feed refresh” takes one feed id, or none for every feed"));
          return CLI_EXIT_USAGE;
        }
      if (!parse_feed_id (args[1], &id))
        return CLI_EXIT_USAGE;
      g_array_append_val (ids, id);
    }

  library = open_existing_library (local_library_path != NULL ? local_library_path : library_path);
  if (library == NULL)
    return CLI_EXIT_FAILED;

  if (ids->len == 0)
    {
      g_autoptr(GPtrArray) feeds = attache_library_list_feeds (library, &error);

      if (feeds == NULL)
        {
          print_error ("%s", error_message (error));
          return CLI_EXIT_FAILED;
        }
      for (guint i = 0; i < feeds->len; i++)
        g_array_append_val (ids, ((AttacheSubscription *) g_ptr_array_index (feeds, i))->id);
    }

  refresher = new_refresher (library);
  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr(AttacheFeedRefresh) refresh = refresh_feed (refresher, g_array_index (ids, gint64, i));

      all_ok &= print_refresh (library, refresh);
    }

  return all_ok ? CLI_EXIT_OK : CLI_EXIT_FAILED;
}

static int
run_feed_remove (const CliCommand  *command,
                 char             **args,
                 const char        *library_path)
{
  g_autofree char *local_library_path = NULL;
  g_autoptr(AttacheLibrary) library = NULL;
  g_autoptr(AttacheSubscription) feed = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id = 0;
  const GOptionEntry entries[] = {
    LIBRARY_OPTION (&local_library_path),
    G_OPTION_ENTRY_NULL
  };

  if (!parse_command_options (command, entries, &args))
    return CLI_EXIT_USAGE;

  if (g_strv_length (args) != 2)
    {
      print_error (_("“feed remove” takes exactly one feed id"));
      return CLI_EXIT_USAGE;
    }
  if (!parse_feed_id (args[1], &id))
    return CLI_EXIT_USAGE;

  library = open_existing_library (local_library_path != NULL ? local_library_path : library_path);
  if (library == NULL)
    return CLI_EXIT_FAILED;

  /* Read it first, to say which feed went. */
  feed = attache_library_get_feed (library, id, &error);
  if (feed == NULL || !attache_library_remove_feed (library, id, &error))
    {
      print_feed_error (id, error);
      return CLI_EXIT_FAILED;
    }

  printf ("removed %" G_GINT64_FORMAT " ", id);
  put_field (feed->title != NULL ? feed->title : feed->url);
  putchar ('\n');

  return CLI_EXIT_OK;
}

static int
run_feed_import_opml (const CliCommand  *command,
                      char             **args,
                      const char        *library_path)
{
  g_autofree char *local_library_path = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(AttacheLibrary) library = NULL;
  g_autoptr(AttacheFeedRefresher) refresher = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GArray) added = NULL;
  g_autoptr(GPtrArray) outlines = NULL;
  g_autoptr(GError) error = NULL;
  gboolean refresh = FALSE;
  gboolean all_ok = TRUE;
  gsize length = 0;
  const GOptionEntry entries[] = {
    { "refresh", 0, 0, G_OPTION_ARG_NONE, &refresh,
      N_("Fetch the new feeds now and import their articles"), NULL },
    LIBRARY_OPTION (&local_library_path),
    G_OPTION_ENTRY_NULL
  };

  if (!parse_command_options (command, entries, &args))
    return CLI_EXIT_USAGE;

  if (args[1] == NULL || args[2] != NULL)
    {
      print_error (_("“feed import-opml” takes one OPML file, or - for standard input"));
      return CLI_EXIT_USAGE;
    }

  contents = read_input (args[1], &length, &error);
  if (contents == NULL)
    {
      print_error ("%s: %s", args[1], error_message (error));
      return CLI_EXIT_FAILED;
    }
  bytes = g_bytes_new_take (g_steal_pointer (&contents), length);

  /* Read once more here for the addresses, to name each feed in the output. */
  outlines = attache_opml_parse (bytes, &error);
  if (outlines == NULL)
    {
      print_error ("%s: %s", args[1], error_message (error));
      return CLI_EXIT_FAILED;
    }

  library = open_library (local_library_path != NULL ? local_library_path : library_path);
  if (library == NULL)
    return CLI_EXIT_FAILED;

  refresher = new_refresher (library);
  added = attache_feed_refresher_import_opml (refresher, bytes, &error);
  if (added == NULL)
    {
      print_error ("%s: %s", args[1], error_message (error));
      return CLI_EXIT_FAILED;
    }

  for (guint i = 0; i < added->len && i < outlines->len; i++)
    {
      const AttacheFeedAdded *feed = &g_array_index (added, AttacheFeedAdded, i);
      const AttacheOpmlOutline *outline = g_ptr_array_index (outlines, i);

      if (feed->status == ATTACHE_ADD_ADDED)
        printf ("subscribed %" G_GINT64_FORMAT " ", feed->id);
      else
        printf ("already subscribed %" G_GINT64_FORMAT " ", feed->id);
      put_field (attache_opml_outline_get_title (outline) != NULL ? attache_opml_outline_get_title (outline)
                                                                  : attache_opml_outline_get_xml_url (outline));
      putchar ('\n');
    }
  fflush (stdout);

  if (refresh)
    {
      for (guint i = 0; i < added->len; i++)
        {
          const AttacheFeedAdded *feed = &g_array_index (added, AttacheFeedAdded, i);
          g_autoptr(AttacheFeedRefresh) result = NULL;

          if (feed->status != ATTACHE_ADD_ADDED)
            continue;
          result = refresh_feed (refresher, feed->id);
          all_ok &= print_refresh (library, result);
        }
    }

  return all_ok ? CLI_EXIT_OK : CLI_EXIT_FAILED;
}

static int
run_feed_export_opml (const CliCommand  *command,
                      char             **args,
                      const char        *library_path)
{
  g_autofree char *local_library_path = NULL;
  g_autoptr(AttacheLibrary) library = NULL;
  g_autoptr(AttacheFeedRefresher) refresher = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  const GOptionEntry entries[] = {
    LIBRARY_OPTION (&local_library_path),
    G_OPTION_ENTRY_NULL
  };

  if (!parse_command_options (command, entries, &args))
    return CLI_EXIT_USAGE;

  if (args[1] == NULL || args[2] != NULL)
    {
      print_error (_("“feed export-opml” takes one file to write, or - for standard output"));
      return CLI_EXIT_USAGE;
    }

  library = open_existing_library (local_library_path != NULL ? local_library_path : library_path);
  if (library == NULL)
    return CLI_EXIT_FAILED;

  refresher = new_refresher (library);
  bytes = attache_feed_refresher_export_opml (refresher, &error);
  if (bytes == NULL)
    {
      print_error ("%s", error_message (error));
      return CLI_EXIT_FAILED;
    }

  if (g_str_equal (args[1], "-"))
    {
      fwrite (g_bytes_get_data (bytes, NULL), 1, g_bytes_get_size (bytes), stdout);
      return CLI_EXIT_OK;
    }

  {
    g_autoptr(GFile) file = g_file_new_for_commandline_arg (args[1]);

    if (!g_file_replace_contents (file, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                                  NULL, FALSE, G_FILE_CREATE_NONE, NULL, NULL, &error))
      {
        print_error ("%s: %s", args[1], error_message (error));
        return CLI_EXIT_FAILED;
      }
  }

  return CLI_EXIT_OK;
}

static const CliCommand feed_commands[] = {
  { "feed add", N_("URL"), N_("Subscribe to a news feed and import its articles"), run_feed_add },
  { "feed list", "", N_("List the feeds subscribed to"), run_feed_list },
  { "feed refresh", N_("[ID]"), N_("Import the new articles of one feed, or of every feed"), run_feed_refresh },
  { "feed remove", N_("ID"), N_("Unsubscribe from a feed, keeping its articles"), run_feed_remove },
  { "feed import-opml", N_("FILE"), N_("Subscribe to the feeds of an OPML file"), run_feed_import_opml },
  { "feed export-opml", N_("FILE"), N_("Write the feeds subscribed to as an OPML file"), run_feed_export_opml },
};

static void
print_feed_usage (FILE *out)
{
  fprintf (out, "%s\n  attache-cli feed %s\n\n%s\n", _("Usage:"), _("COMMAND [ARGUMENT…]"), _("Commands:"));
  for (guint i = 0; i < G_N_ELEMENTS (feed_commands); i++)
    {
      g_autofree char *usage = NULL;
      glong width;

      usage = g_strdup_printf ("%s %s", feed_commands[i].name + strlen ("feed "),
                               *feed_commands[i].parameters != '\0' ? _(feed_commands[i].parameters) : "");
      width = g_utf8_strlen (usage, -1);
      fprintf (out, "  %s%*s%s\n", usage, (int) MAX (2, 18 - width), "", _(feed_commands[i].summary));
    }
}

static int
run_feed (const CliCommand  *command,
          char             **args,
          const char        *library_path)
{
  if (args[1] == NULL)
    {
      print_error (_("“feed” needs a command; see “attache-cli feed --help”"));
      return CLI_EXIT_USAGE;
    }

  if (g_str_equal (args[1], "--help") || g_str_equal (args[1], "-h") || g_str_equal (args[1], "help"))
    {
      print_feed_usage (stdout);
      return CLI_EXIT_OK;
    }

  for (guint i = 0; i < G_N_ELEMENTS (feed_commands); i++)
    {
      if (g_str_equal (feed_commands[i].name + strlen ("feed "), args[1]))
        return feed_commands[i].run (&feed_commands[i], args + 1, library_path);
    }

  /* Translators: %s is what was typed in place of a feed command. */
  print_error (_("unknown feed command “%s”; see “attache-cli feed --help”"), args[1]);
  return CLI_EXIT_USAGE;
}

/* main */

/* analyze [--json] [--sentences N] FILE|-   and   analyze --jsonl FILE|- */

static void
add_analysis_members (JsonBuilder           *builder,
                      const char            *title,
                      const char            *text,
                      const AttacheAnalysis *analysis)
{
  add_string_member (builder, "language", analysis->language);
  json_builder_set_member_name (builder, "analysed");
  json_builder_add_boolean_value (builder, analysis->analysed);
  if (!analysis->analysed)
    {
      g_autofree char *message = g_strdup_printf ("analysis not available for %s",
                                                  attache_language_get_name (analysis->language));

      add_string_member (builder, "message", message);
    }
  if (title != NULL)
    add_string_member (builder, "title", title);

  json_builder_set_member_name (builder, "actors");
  json_builder_begin_array (builder);
  for (guint i = 0; i < analysis->actors->len; i++)
    {
      const AttacheFoundActor *actor = g_ptr_array_index (analysis->actors, i);

      json_builder_begin_object (builder);
      if (actor->id > 0)
        add_int_member (builder, "id", actor->id);
      add_string_member (builder, "name", actor->name);
      add_string_member (builder, "type", attache_actor_type_to_string (actor->type));
      add_int_member (builder, "mentions", actor->mentions);
      json_builder_set_member_name (builder, "salience");
      json_builder_add_double_value (builder, round (actor->salience * 1000) / 1000);
      json_builder_set_member_name (builder, "aliases");
      json_builder_begin_array (builder);
      for (guint a = 0; a < actor->aliases->len; a++)
        json_builder_add_string_value (builder, g_ptr_array_index (actor->aliases, a));
      json_builder_end_array (builder);
      json_builder_set_member_name (builder, "roles");
      json_builder_begin_array (builder);
      for (guint r = 0; r < actor->roles->len; r++)
        json_builder_add_string_value (builder, g_ptr_array_index (actor->roles, r));
      json_builder_end_array (builder);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "topics");
  json_builder_begin_array (builder);
  for (guint i = 0; i < analysis->topics->len; i++)
    {
      const AttacheFoundTopic *topic = g_ptr_array_index (analysis->topics, i);

      json_builder_begin_object (builder);
      add_string_member (builder, "label", topic->label);
      json_builder_set_member_name (builder, "score");
      json_builder_add_double_value (builder, round (topic->score * 1000) / 1000);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "category");
  if (analysis->subject != NULL)
    {
      json_builder_begin_object (builder);
      add_string_member (builder, "code", analysis->subject->code);
      add_string_member (builder, "label", analysis->subject->label);
      json_builder_end_object (builder);
    }
  else
    json_builder_add_null_value (builder);

  json_builder_set_member_name (builder, "summary");
  json_builder_begin_array (builder);
  for (guint i = 0; i < analysis->summary->len; i++)
    {
      const AttacheSpan *span = &g_array_index (analysis->summary, AttacheSpan, i);
      g_autofree char *sentence = g_strndup (text + span->start, span->end - span->start);

      g_strdelimit (sentence, "\n", ' ');
      json_builder_add_string_value (builder, sentence);
    }
  json_builder_end_array (builder);
}

static void
print_analysis_text (const char            *title,
                     const char            *text,
                     const AttacheAnalysis *analysis)
{
  put_field (title);
  putchar ('\n');

  if (!analysis->analysed)
    {
      /* Translators: %s is a language name, e.g. "French" */
      printf (_("Analysis not available for %s."), attache_language_get_name (analysis->language));
      putchar ('\n');
      return;
    }

  if (analysis->subject != NULL)
    printf ("%s: %s (%s)\n", _("Subject"), analysis->subject->label, analysis->subject->code);

  printf ("\n%s\n", _("Actors:"));
  for (guint i = 0; i < analysis->actors->len; i++)
    {
      const AttacheFoundActor *actor = g_ptr_array_index (analysis->actors, i);

      printf ("  %-28s %-12s %3u  %.2f", actor->name, attache_actor_type_to_string (actor->type),
              actor->mentions, actor->salience);
      if (actor->roles->len > 0)
        printf ("  %s", (const char *) g_ptr_array_index (actor->roles, 0));
      putchar ('\n');
    }

  printf ("\n%s\n", _("Topics:"));
  for (guint i = 0; i < analysis->topics->len; i++)
    printf ("  %s\n", ((const AttacheFoundTopic *) g_ptr_array_index (analysis->topics, i))->label);

  printf ("\n%s\n", _("Summary:"));
  for (guint i = 0; i < analysis->summary->len; i++)
    {
      const AttacheSpan *span = &g_array_index (analysis->summary, AttacheSpan, i);
      g_autofree char *sentence = g_strndup (text + span->start, span->end - span->start);

      g_strdelimit (sentence, "\n", ' ');
      printf ("  %s\n", sentence);
    }
}

static int
analyze_jsonl (const char *path,
               guint       n_sentences)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonParser) parser = json_parser_new ();
  gsize length = 0;
  gboolean all_done = TRUE;
  char *line, *next;
  guint number = 0;

  contents = read_input (path, &length, &error);
  if (contents == NULL)
    {
      print_error ("%s: %s", path, error_message (error));
      return CLI_EXIT_FAILED;
    }

  for (line = contents; line != NULL && *line != '\0'; line = next)
    {
      g_autoptr(JsonBuilder) builder = NULL;
      g_autoptr(AttacheAnalysis) analysis = NULL;
      g_autoptr(JsonNode) root = NULL;
      g_autofree char *data = NULL;
      JsonObject *object;
      const char *title, *text;
      JsonNode *id;

      next = strchr (line, '\n');
      if (next != NULL)
        *next++ = '\0';
      number++;
      if (*line == '\0')
        continue;

      if (!json_parser_load_from_data (parser, line, -1, &error) ||
          !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
        {
          print_error (_("%s: line %u: not a JSON object"), path, number);
          g_clear_error (&error);
          all_done = FALSE;
          continue;
        }

      object = json_node_get_object (json_parser_get_root (parser));
      text = json_object_get_string_member_with_default (object, "text", NULL);
      title = json_object_get_string_member_with_default (object, "title", NULL);
      id = json_object_get_member (object, "id");
      if (text == NULL)
        {
          print_error (_("%s: line %u: no “text”"), path, number);
          all_done = FALSE;
          continue;
        }

      analysis = attache_analyze (title, text, n_sentences, NULL, &error);
      if (analysis == NULL)
        {
          print_error ("%s", error_message (error));
          return CLI_EXIT_FAILED;
        }

      builder = json_builder_new ();
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "id");
      json_builder_add_value (builder, id != NULL ? json_node_copy (id) : json_node_new (JSON_NODE_NULL));
      add_analysis_members (builder, title, text, analysis);
      json_builder_end_object (builder);

      root = json_builder_get_root (builder);
      json_generator_set_root (generator, root);
      data = json_generator_to_data (generator, NULL);
      fputs (data, stdout);
      fputc ('\n', stdout);
    }

  return all_done ? CLI_EXIT_OK : CLI_EXIT_FAILED;
}

static int
run_analyze (const CliCommand  *command,
             char             **args,
             const char        *library_path)
{
  g_autoptr(AttacheArticle) article = NULL;
  g_autoptr(AttacheAnalysis) analysis = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gboolean json = FALSE, jsonl = FALSE;
  int sentences = 3;
  gsize length = 0;
  const GOptionEntry entries[] = {
    JSON_OPTION (&json),
    { "jsonl", 0, 0, G_OPTION_ARG_NONE, &jsonl,
      N_("Read one JSON object a line (id, title, text) and print one result a line"), NULL },
    { "sentences", 0, 0, G_OPTION_ARG_INT, &sentences, N_("Sentences in the summary (3)"), N_("N") },
    G_OPTION_ENTRY_NULL
  };

  if (!parse_command_options (command, entries, &args))
    return CLI_EXIT_USAGE;

  if (args[1] == NULL || args[2] != NULL)
    {
      print_error (_("“analyze” takes one file, or - for standard input"));
      return CLI_EXIT_USAGE;
    }
  if (sentences < 0 || sentences > 100)
    {
      print_error (_("--sentences takes a number from 0 to 100"));
      return CLI_EXIT_USAGE;
    }

  if (jsonl)
    return analyze_jsonl (args[1], sentences);

  contents = read_input (args[1], &length, &error);
  if (contents == NULL)
    {
      print_error ("%s: %s", args[1], error_message (error));
      return CLI_EXIT_FAILED;
    }

  /* The same reading as an import: the date marker, a title line, Markdown, HTML. */
  bytes = g_bytes_new_take (g_steal_pointer (&contents), length);
  article = attache_import_parse_bytes (bytes, g_str_equal (args[1], "-") ? "stdin.txt" : args[1], &error);
  if (article == NULL)
    {
      print_error ("%s: %s", args[1], error_message (error));
      return CLI_EXIT_FAILED;
    }

  analysis = attache_analyze (attache_article_get_title (article), attache_article_get_text (article),
                              sentences, NULL, &error);
  if (analysis == NULL)
    {
      print_error ("%s", error_message (error));
      return CLI_EXIT_FAILED;
    }

  if (json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      add_analysis_members (builder, attache_article_get_title (article), attache_article_get_text (article),
                            analysis);
      json_builder_end_object (builder);
      print_json (builder);
    }
  else
    print_analysis_text (attache_article_get_title (article), attache_article_get_text (article), analysis);

  return CLI_EXIT_OK;
}

/* briefing COMMAND… (attache-cli-briefing.c) */
static int
run_briefing (const CliCommand  *command,
              char             **args,
              const char        *library_path)
{
  return attache_cli_briefing (args, library_path);
}

static const CliCommand commands[] = {
  { "import", N_("PATH|URL…"), N_("Import text, Markdown or HTML files, or web pages, into the library"), run_import },
  { "list", "", N_("List the articles of the library, newest first"), run_list },
  { "show", N_("ID"), N_("Show one article with its text"), run_show },
  { "delete", N_("ID"), N_("Delete one article from the library"), run_delete },
  { "search", N_("[QUERY…]"), N_("Search the titles and texts of the library, with filters"), run_search },
  { "summary", N_("[ID…]"), N_("Who and what some articles, or a search's results, are about"), cli_run_summary },
  { "actors", N_("[FILTER]"), N_("List the actors the articles name"), cli_run_actors },
  { "actor", N_("COMMAND…"), N_("Correct an actor: rename, merge, split, set-type, hide (see actor --help)"),
    cli_run_actor },
  { "tag", N_("FILE"), N_("Find the people, organisations and places named in a text or CoNLL file"), run_tag },
  { "analyze", N_("FILE"), N_("Find the key actors, topics, subject and summary of a text"), run_analyze },
  { "feed", N_("COMMAND…"), N_("Subscribe to news feeds and import their articles (see feed --help)"), run_feed },
  { "briefing", N_("COMMAND…"), N_("Compose briefings from the library and export them (see briefing --help)"), run_briefing },
};

static const CliCommand *
find_command (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      if (g_str_equal (commands[i].name, name))
        return &commands[i];
    }

  return NULL;
}

static char *
describe_commands (void)
{
  GString *description = g_string_new (_("Commands:"));
  g_autofree char *default_path = NULL;

  g_string_append_c (description, '\n');
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      g_autofree char *usage = NULL;
      glong width;

      usage = g_strdup_printf ("%s %s", commands[i].name,
                               *commands[i].parameters != '\0' ? _(commands[i].parameters) : "");
      width = g_utf8_strlen (usage, -1);
      g_string_append_printf (description, "  %s%*s%s\n", usage,
                              (int) MAX (2, 18 - width), "", _(commands[i].summary));
    }

  g_string_append_c (description, '\n');
  g_string_append (description,
                   _("Each command has its own --help; list, show, search, summary and actors print JSON with --json. "
                     "The library is the file given with --library, else $ATTACHE_LIBRARY, "
                     "else $XDG_DATA_HOME/attache/library.db."));
  g_string_append_c (description, '\n');

  return g_string_free (description, FALSE);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) args = NULL;
  g_auto(GStrv) command_args = NULL;
  g_autofree char *library_path = NULL;
  g_autofree char *description = NULL;
  const CliCommand *command;
  gboolean version = FALSE;
  int status;
  const GOptionEntry entries[] = {
    LIBRARY_OPTION (&library_path),
    { "version", 0, 0, G_OPTION_ARG_NONE, &version, N_("Show the version and exit"), NULL },
    G_OPTION_ENTRY_NULL
  };

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  g_set_prgname ("attache-cli");

  args = g_strdupv (argv);
  description = describe_commands ();

  context = g_option_context_new (_("COMMAND [ARGUMENT…]"));
  g_option_context_set_summary (context, _("Work with an Attaché library of articles."));
  g_option_context_set_description (context, description);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  /* Stop at the command: what follows is the command's to parse. */
  g_option_context_set_strict_posix (context, TRUE);

  if (!g_option_context_parse_strv (context, &args, &error))
    {
      print_error ("%s", error_message (error));
      return CLI_EXIT_USAGE;
    }

  if (version)
    {
      printf ("attache-cli %s\n", PACKAGE_VERSION);
      return CLI_EXIT_OK;
    }

  if (args[1] == NULL)
    {
      print_error (_("no command given; see “attache-cli --help”"));
      return CLI_EXIT_USAGE;
    }

  command = find_command (args[1]);
  if (command == NULL)
    {
      /* Translators: %s is what was typed in place of a command. */
      print_error (_("unknown command “%s”; see “attache-cli --help”"), args[1]);
      return CLI_EXIT_USAGE;
    }

  /* The command sees its own name in place of the program's. */
  command_args = g_strdupv (args + 1);
  status = command->run (command, command_args, library_path);

  if (fflush (stdout) != 0 || ferror (stdout))
    {
      fprintf (stderr, "error: %s\n", _("could not write the output"));
      return CLI_EXIT_FAILED;
    }

  return status;
}
