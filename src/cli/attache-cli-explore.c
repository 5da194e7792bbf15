/* attache-cli-explore.c: summary, actors and actor, for attache-cli
 *
 * As in attache-cli.c: output for scripts (JSON keys, the tab-separated
 * columns of actors, the "correction N:" prefix) is fixed and never
 * translated; the rest is for people.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "attache-cli"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>
#include <inttypes.h>

#include "attache-cli-explore.h"

/* Finding actors */

static char *
describe_candidates (GPtrArray *found)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < found->len; i++)
    {
      const AttacheActorInfo *info = found->pdata[i];

      g_string_append_printf (out, "%s%" G_GINT64_FORMAT " %s (%s, ", i > 0 ? "; " : "", info->id, info->name,
                              attache_actor_type_to_string (info->type));
      g_string_append_printf (out, g_dngettext (GETTEXT_PACKAGE, "%" PRId64 " article", "%" PRId64 " articles",
                                                (gulong) info->n_articles),
                              (int64_t) info->n_articles);
      g_string_append_c (out, ')');
    }
  return g_string_free (out, FALSE);
}

gint64
cli_find_actor (AttacheLibrary *library,
                const char     *text)
{
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *candidates = NULL;

  found = attache_library_find_actors (library, text, &error);
  if (found == NULL)
    {
      print_error ("%s", error_message (error));
      return 0;
    }
  if (found->len == 1)
    return ((AttacheActorInfo *) found->pdata[0])->id;

  if (found->len == 0)
    {
      /* Translators: %s is what was given as an actor. */
      print_error (_("no actor is called “%s”; see “attache-cli actors”"), text);
      return 0;
    }

  candidates = describe_candidates (found);
  /* Translators: %s is what was given as an actor, then the actors it could be. */
  print_error (_("“%s” could be several actors: %s; give the id, or type:name"), text, candidates);
  return 0;
}

static gboolean
parse_actor_type (const char       *text,
                  AttacheActorType *out_type)
{
  if (attache_actor_type_from_string (text, out_type))
    return TRUE;

  /* Translators: %s is what was given as an actor type; the four type names stay in English. */
  print_error (_("“%s” is not an actor type: person, organization, country or location"), text);
  return FALSE;
}

/* summary [--json] [--search QUERY] [--limit N] [ID…] */

static void
add_counts (JsonBuilder *builder,
            const char  *member,
            const char  *label_key,
            GPtrArray   *counts)
{
  json_builder_set_member_name (builder, member);
  json_builder_begin_array (builder);
  for (guint i = 0; i < counts->len; i++)
    {
      const AttacheOverviewCount *count = counts->pdata[i];

      json_builder_begin_object (builder);
      add_string_member (builder, label_key, count->label);
      if (g_str_equal (member, "subjects"))
        {
          const AttacheSubject *subject = attache_subject_from_code (count->label);

          add_string_member (builder, "label", subject != NULL ? subject->label : NULL);
        }
      add_int_member (builder, "articles", count->articles);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

static void
print_counts (const char *heading,
              GPtrArray  *counts,
              gboolean    subjects)
{
  printf ("%s", heading);
  if (counts->len == 0)
    fputs (" -", stdout);
  for (guint i = 0; i < counts->len; i++)
    {
      const AttacheOverviewCount *count = counts->pdata[i];
      const AttacheSubject *subject = subjects ? attache_subject_from_code (count->label) : NULL;

      printf ("%s %s (%u)", i > 0 ? "," : "", subject != NULL ? subject->label : count->label, count->articles);
    }
  putchar ('\n');
}

static void
print_overview_json (AttacheOverview *overview)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  add_int_member (builder, "articles", overview->n_articles);
  add_int_member (builder, "analysed", overview->n_analysed);
  add_string_member (builder, "from", overview->from);
  add_string_member (builder, "to", overview->to);
  json_builder_set_member_name (builder, "actors");
  json_builder_begin_array (builder);
  for (guint i = 0; i < overview->actors->len; i++)
    {
      const AttacheOverviewActor *actor = overview->actors->pdata[i];

      json_builder_begin_object (builder);
      add_int_member (builder, "id", actor->id);
      add_string_member (builder, "name", actor->name);
      add_string_member (builder, "type", attache_actor_type_to_string (actor->type));
      add_int_member (builder, "articles", actor->articles);
      add_int_member (builder, "mentions", actor->mentions);
      json_builder_set_member_name (builder, "salience");
      json_builder_add_double_value (builder, actor->salience);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  add_counts (builder, "topics", "label", overview->topics);
  add_counts (builder, "subjects", "code", overview->subjects);
  add_counts (builder, "sources", "name", overview->sources);
  json_builder_end_object (builder);

  print_json (builder);
}

static void
print_overview_text (AttacheOverview *overview)
{
  /* Translators: how many articles the summary is about. */
  printf (g_dngettext (GETTEXT_PACKAGE, "%u article", "%u articles", overview->n_articles), overview->n_articles);
  if (overview->from != NULL && g_str_equal (overview->from, overview->to))
    printf (", %s", overview->from);
  else if (overview->from != NULL)
    printf (", %s – %s", overview->from, overview->to);
  putchar ('\n');
  print_counts (_("Sources:"), overview->sources, FALSE);
  print_counts (_("Subjects:"), overview->subjects, TRUE);

  printf ("\n%s\n", _("Actors (articles, mentions):"));
  for (guint i = 0; i < overview->actors->len; i++)
    {
      const AttacheOverviewActor *actor = overview->actors->pdata[i];
      glong width = g_utf8_strlen (actor->name, -1);

      printf ("  %s%*s %-13s %5u %7u\n", actor->name, (int) MAX (1, 28 - width), "",
              attache_actor_type_to_string (actor->type), actor->articles, actor->mentions);
    }
  printf ("\n%s\n", _("Topics (articles):"));
  for (guint i = 0; i < overview->topics->len; i++)
    {
      const AttacheOverviewCount *topic = overview->topics->pdata[i];
      glong width = g_utf8_strlen (topic->label, -1);

      printf ("  %s%*s %5u\n", topic->label, (int) MAX (1, 42 - width), "", topic->articles);
    }
}

int
cli_run_summary (const CliCommand  *command,
                 char             **args,
                 const char        *library_path)
{
  g_autofree char *local_library_path = NULL;
  g_autofree char *search = NULL;
  g_autoptr(AttacheLibrary) library = NULL;
  g_autoptr(AttacheOverview) overview = NULL;
  g_autoptr(GError) error = NULL;
  gboolean json = FALSE;
  int limit = ATTACHE_SEARCH_PAGE;
  const GOptionEntry entries[] = {
    JSON_OPTION (&json),
    { "search", 0, 0, G_OPTION_ARG_STRING, &search,
      N_("Sum up the results of this search instead of articles given by id"), N_("QUERY") },
    { "limit", 0, 0, G_OPTION_ARG_INT, &limit,
      N_("With --search, its best N results (200 unless given; 0 for all)"), N_("N") },
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
  if ((search == NULL) == (args[1] == NULL))
    {
      print_error (_("“summary” takes article ids, or --search QUERY"));
      return CLI_EXIT_USAGE;
    }

  if (search != NULL)
    {
      g_autoptr(AttacheSearchQuery) query = attache_search_query_new (search);

      library = open_existing_library (local_library_path != NULL ? local_library_path : library_path);
      if (library == NULL)
        return CLI_EXIT_FAILED;
      overview = attache_library_summarize_search (library, query, (guint) limit, &error);
    }
  else
    {
      g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));

      for (guint i = 1; args[i] != NULL; i++)
        {
          gint64 id;

          if (!parse_article_id (args[i], &id))
            return CLI_EXIT_USAGE;
          g_array_append_val (ids, id);
        }

      library = open_existing_library (local_library_path != NULL ? local_library_path : library_path);
      if (library == NULL)
        return CLI_EXIT_FAILED;
      overview = attache_library_summarize (library, ids, &error);
      if (overview != NULL && overview->n_articles < ids->len)
        {
          /* Every id must be an article: say which are not, and do nothing. */
          for (guint i = 0; i < ids->len; i++)
            {
              g_autoptr(AttacheArticle) article = attache_library_get_article (library,
                                                                               g_array_index (ids, gint64, i),
                                                                               NULL);

              if (article == NULL)
                {
                  g_autofree char *id_text = g_strdup_printf ("%" G_GINT64_FORMAT, g_array_index (ids, gint64, i));

                  /* Translators: %s is an article id, a number. */
                  print_error (_("no article with id %s"), id_text);
                  return CLI_EXIT_FAILED;
                }
            }
        }
    }

  if (overview == NULL)
    {
      print_error ("%s", error_message (error));
      return CLI_EXIT_FAILED;
    }

  if (json)
    print_overview_json (overview);
  else
    print_overview_text (overview);

  return CLI_EXIT_OK;
}

/* actors [--json] [FILTER] */

static void
add_actor_members (JsonBuilder            *builder,
                   const AttacheActorInfo *info)
{
  g_auto(GStrv) others = attache_actor_info_dup_other_names (info);

  add_int_member (builder, "id", info->id);
  add_string_member (builder, "name", info->name);
  add_string_member (builder, "type", attache_actor_type_to_string (info->type));
  add_int_member (builder, "articles", info->n_articles);
  add_string_member (builder, "first_seen", info->first_seen);
  add_string_member (builder, "last_seen", info->last_seen);
  json_builder_set_member_name (builder, "aliases");
  json_builder_begin_array (builder);
  for (guint i = 0; others[i] != NULL; i++)
    json_builder_add_string_value (builder, others[i]);
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "hidden");
  json_builder_add_boolean_value (builder, info->hidden);
}

int
cli_run_actors (const CliCommand  *command,
                char             **args,
                const char        *library_path)
{
  g_autofree char *local_library_path = NULL;
  g_autoptr(AttacheLibrary) library = NULL;
  g_autoptr(GPtrArray) actors = NULL;
  g_autoptr(GError) error = NULL;
  gboolean json = FALSE;
  const GOptionEntry entries[] = {
    JSON_OPTION (&json),
    LIBRARY_OPTION (&local_library_path),
    G_OPTION_ENTRY_NULL
  };

  if (!parse_command_options (command, entries, &args))
    return CLI_EXIT_USAGE;

  if (args[1] != NULL && args[2] != NULL)
    {
      print_error (_("“actors” takes at most one filter"));
      return CLI_EXIT_USAGE;
    }

  library = open_existing_library (local_library_path != NULL ? local_library_path : library_path);
  if (library == NULL)
    return CLI_EXIT_FAILED;

  actors = attache_library_list_actors (library, args[1], &error);
  if (actors == NULL)
    {
      print_error ("%s", error_message (error));
      return CLI_EXIT_FAILED;
    }

  if (json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "actors");
      json_builder_begin_array (builder);
      for (guint i = 0; i < actors->len; i++)
        {
          json_builder_begin_object (builder);
          add_actor_members (builder, actors->pdata[i]);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      json_builder_end_object (builder);
      print_json (builder);
      return CLI_EXIT_OK;
    }

  /* id, type, articles, first day, last day, name, other names, "hidden" */
  for (guint i = 0; i < actors->len; i++)
    {
      const AttacheActorInfo *info = actors->pdata[i];
      g_auto(GStrv) others = attache_actor_info_dup_other_names (info);
      g_autofree char *joined = g_strjoinv ("; ", others);

      printf ("%" G_GINT64_FORMAT "\t%s\t%" G_GINT64_FORMAT "\t", info->id,
              attache_actor_type_to_string (info->type), info->n_articles);
      put_field (info->first_seen);
      putchar ('\t');
      put_field (info->last_seen);
      putchar ('\t');
      put_field (info->name);
      putchar ('\t');
      put_field (joined);
      printf ("\t%s\n", info->hidden ? "hidden" : "-");
    }

  return CLI_EXIT_OK;
}

/* actor rename|merge|split|set-type|hide|unhide|undo … */

typedef struct
{
  const char *name;
  const char *parameters;   /* translatable */
  const char *summary;      /* translatable */
  guint       n_args;
} ActorCommand;

static const ActorCommand actor_commands[] = {
  { "rename", N_("ACTOR NAME"), N_("Give an actor another name"), 2 },
  { "merge", N_("KEEP OTHER"), N_("Make OTHER one of the names of KEEP"), 2 },
  { "split", N_("ACTOR ALIAS"), N_("Make one of an actor's names an actor of its own again"), 2 },
  { "set-type", N_("ACTOR TYPE"), N_("Say whether an actor is a person, organization, country or location"), 2 },
  { "hide", N_("ACTOR"), N_("Say that an actor is not one: it is shown nowhere"), 1 },
  { "unhide", N_("ACTOR"), N_("Show a hidden actor again"), 1 },
  { "undo", N_("CORRECTION"), N_("Undo a correction, by the number the correction printed"), 1 },
};

static void
print_actor_usage (FILE *out)
{
  fprintf (out, "%s\n  attache-cli actor %s\n\n%s\n", _("Usage:"), _("COMMAND [ARGUMENT…]"), _("Commands:"));
  for (guint i = 0; i < G_N_ELEMENTS (actor_commands); i++)
    {
      g_autofree char *usage = g_strdup_printf ("%s %s", actor_commands[i].name, _(actor_commands[i].parameters));
      glong width = g_utf8_strlen (usage, -1);

      fprintf (out, "  %s%*s%s\n", usage, (int) MAX (2, 24 - width), "", _(actor_commands[i].summary));
    }
  fprintf (out, "\n%s\n",
           _("An actor is given by its id, its name, or type:name (person:Jordan). "
             "Each correction prints “correction N:”; actor undo N takes it back. "
             "Corrections hold for every article, those imported later, and re-analysis."));
}

/* The alias of @info that @text designates: a name, or type:name. */
static gint64
find_alias (const AttacheActorInfo *info,
            const char             *text)
{
  g_autofree char *wanted = NULL;
  const char *name = text;
  AttacheActorType type = ATTACHE_ACTOR_PERSON;
  gboolean typed = FALSE;
  const char *colon = strchr (text, ':');
  gint64 found = 0;
  guint n_found = 0;

  if (colon != NULL)
    {
      g_autofree char *prefix = g_strndup (text, colon - text);

      if (attache_actor_type_from_string (prefix, &type))
        {
          typed = TRUE;
          name = colon + 1;
        }
    }
  wanted = g_utf8_casefold (name, -1);
  g_strstrip (wanted);

  for (guint i = 0; i < info->aliases->len; i++)
    {
      const AttacheActorAlias *alias = info->aliases->pdata[i];
      g_autofree char *folded = g_utf8_casefold (alias->name, -1);

      if (g_str_equal (folded, wanted) && (!typed || alias->type == type))
        {
          found = alias->id;
          n_found++;
        }
    }

  if (n_found == 1)
    return found;

  if (n_found == 0)
    {
      g_auto(GStrv) others = attache_actor_info_dup_other_names (info);
      g_autofree char *names = g_strjoinv ("; ", others);

      /* Translators: %s are what was given as a name, the actor's name and its other names. */
      print_error (_("“%s” is not one of the other names of “%s” (%s)"), text, info->name,
                   others[0] != NULL ? names : _("it has none"));
    }
  else
    /* Translators: %s is a name an actor has under several types. */
    print_error (_("“%s” names this actor under several types: give type:name"), text);
  return 0;
}

static void
print_correction (gboolean    json,
                  gint64      correction,
                  const char *message)
{
  if (json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      add_int_member (builder, "correction", correction);
      add_string_member (builder, "message", message);
      json_builder_end_object (builder);
      print_json (builder);
    }
  else
    printf ("correction %" G_GINT64_FORMAT ": %s\n", correction, message);
}

int
cli_run_actor (const CliCommand  *command,
               char             **args,
               const char        *library_path)
{
  g_autofree char *local_library_path = NULL;
  g_autoptr(AttacheLibrary) library = NULL;
  g_autoptr(AttacheActorInfo) info = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  g_autofree char *prgname = NULL;
  const ActorCommand *actor_command = NULL;
  gboolean json = FALSE;
  gint64 actor_id = 0, correction = 0;
  const GOptionEntry entries[] = {
    JSON_OPTION (&json),
    LIBRARY_OPTION (&local_library_path),
    G_OPTION_ENTRY_NULL
  };
  CliCommand sub = *command;

  if (args[1] == NULL)
    {
      print_error (_("“actor” needs a command; see “attache-cli actor --help”"));
      return CLI_EXIT_USAGE;
    }
  if (g_str_equal (args[1], "--help") || g_str_equal (args[1], "-h") || g_str_equal (args[1], "help"))
    {
      print_actor_usage (stdout);
      return CLI_EXIT_OK;
    }
  for (guint i = 0; i < G_N_ELEMENTS (actor_commands); i++)
    if (g_str_equal (actor_commands[i].name, args[1]))
      actor_command = &actor_commands[i];
  if (actor_command == NULL)
    {
      /* Translators: %s is what was typed in place of an actor command. */
      print_error (_("unknown actor command “%s”; see “attache-cli actor --help”"), args[1]);
      return CLI_EXIT_USAGE;
    }

  prgname = g_strdup_printf ("actor %s", actor_command->name);
  sub.name = prgname;
  sub.parameters = actor_command->parameters;
  sub.summary = actor_command->summary;
  args++;
  if (!parse_command_options (&sub, entries, &args))
    return CLI_EXIT_USAGE;
  if (g_strv_length (args) != actor_command->n_args + 1)
    {
      /* Translators: the first %s is a command ("actor merge"), the second what it takes ("KEEP OTHER"). */
      print_error (_("“%s” takes %s"), prgname, _(actor_command->parameters));
      return CLI_EXIT_USAGE;
    }

  if (g_str_equal (actor_command->name, "undo"))
    {
      if (!g_ascii_string_to_signed (args[1], 10, 1, G_MAXINT64, &correction, NULL))
        {
          /* Translators: %s is what was typed in place of a correction number. */
          print_error (_("“%s” is not a correction number"), args[1]);
          return CLI_EXIT_USAGE;
        }
      library = open_existing_library (local_library_path != NULL ? local_library_path : library_path);
      if (library == NULL)
        return CLI_EXIT_FAILED;
      if (!attache_library_undo_actor_correction (library, correction, &error))
        {
          print_error ("%s", error_message (error));
          return CLI_EXIT_FAILED;
        }
      /* Translators: %s is a correction's number. */
      message = g_strdup_printf (_("undid correction %" PRId64), (int64_t) correction);
      print_correction (json, correction, message);
      return CLI_EXIT_OK;
    }

  {
    AttacheActorType type = ATTACHE_ACTOR_PERSON;

    if (g_str_equal (actor_command->name, "set-type") && !parse_actor_type (args[2], &type))
      return CLI_EXIT_USAGE;

    library = open_existing_library (local_library_path != NULL ? local_library_path : library_path);
    if (library == NULL)
      return CLI_EXIT_FAILED;
    if ((actor_id = cli_find_actor (library, args[1])) == 0)
      return CLI_EXIT_FAILED;
    info = attache_library_get_actor (library, actor_id, &error);
    if (info == NULL)
      {
        print_error ("%s", error_message (error));
        return CLI_EXIT_FAILED;
      }

    if (g_str_equal (actor_command->name, "rename"))
      {
        correction = attache_library_rename_actor (library, actor_id, args[2], &error);
        /* Translators: an actor's old and new names. */
        message = g_strdup_printf (_("renamed “%s” to “%s”"), info->name, g_strstrip (args[2]));
      }
    else if (g_str_equal (actor_command->name, "merge"))
      {
        g_autoptr(AttacheActorInfo) other = NULL;
        gint64 other_id = cli_find_actor (library, args[2]);

        if (other_id == 0)
          return CLI_EXIT_FAILED;
        other = attache_library_get_actor (library, other_id, &error);
        if (other == NULL)
          {
            print_error ("%s", error_message (error));
            return CLI_EXIT_FAILED;
          }
        correction = attache_library_merge_actors (library, actor_id, other_id, &error);
        /* Translators: the ids and names of the actor merged away, and of the one kept. */
        message = g_strdup_printf (_("merged %" PRId64 " “%s” into %" PRId64 " “%s”"),
                                   (int64_t) other->id, other->name, (int64_t) info->id, info->name);
      }
    else if (g_str_equal (actor_command->name, "split"))
      {
        gint64 alias_id = find_alias (info, args[2]);
        gint64 new_id = 0;

        if (alias_id == 0)
          return CLI_EXIT_FAILED;
        correction = attache_library_split_actor (library, actor_id, alias_id, &new_id, &error);
        /* Translators: a name, the actor it was split off, and the new actor's id. */
        message = g_strdup_printf (_("split “%s” off “%s”: it is actor %" PRId64 " now"),
                                   g_strstrip (args[2]), info->name, (int64_t) new_id);
      }
    else if (g_str_equal (actor_command->name, "set-type"))
      {
        correction = attache_library_set_actor_type (library, actor_id, type, &error);
        /* Translators: an actor's name and its type (person, organization, country, location). */
        message = g_strdup_printf (_("“%s” is a %s now"), info->name, attache_actor_type_to_string (type));
      }
    else
      {
        gboolean hide = g_str_equal (actor_command->name, "hide");

        correction = attache_library_set_actor_hidden (library, actor_id, hide, &error);
        if (hide)
          /* Translators: %s is an actor's name. */
          message = g_strdup_printf (_("hid “%s”"), info->name);
        else
          /* Translators: %s is an actor's name. */
          message = g_strdup_printf (_("“%s” is shown again"), info->name);
      }
  }

  if (correction == 0)
    {
      print_error ("%s", error_message (error));
      return CLI_EXIT_FAILED;
    }

  print_correction (json, correction, message);
  return CLI_EXIT_OK;
}
