/* attache-actors.c: the library's actors, and the analyst's corrections
 *
 * What the analyser found is stored per alias: the name and type it gave
 * ("person:barack obama"), in article_aliases and in each mention's
 * alias_id. Which actor an alias is, is actor_aliases.actor_id: the one
 * place the analyst's merges and splits live. The actors of each article
 * (article_actors) and each mention's actor_id are derived from those two, and
 * derived again for the articles an alias move touches. A name the analyser
 * finds later is looked up in actor_aliases first (attache-library.c,
 * resolve_actor), so it lands on the analyst's actor; re-analysis by a newer
 * analyser replaces article_aliases but never actor_aliases nor the actors'
 * names, types and hidden flags. That is how a correction wins forever.
 *
 * Every correction is one transaction, and writes a row of actor_corrections
 * holding, as JSON, what undoing it needs. Each alias remembers the
 * correction that put it where it is (moved_by), so that undoing an earlier
 * correction after later ones takes back only what is still its doing.
 *
 * mentions.alias_id has no foreign key: the only aliases ever deleted are
 * those no article has (a name the analyst gave, undone), and with one sqlite
 * would scan every mention to check.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "attache-actors"

#include "config.h"

#include <glib/gi18n.h>
#include <inttypes.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "attache-actors.h"
#include "attache-database-private.h"
#include "attache-library-private.h"
#include "attache-task-private.h"

G_DEFINE_BOXED_TYPE (AttacheActorInfo, attache_actor_info,
                     attache_actor_info_copy, attache_actor_info_free)

static const char *
column_text (sqlite3_stmt *stmt,
             int           column)
{
  return (const char *) sqlite3_column_text (stmt, column);
}

static AttacheActorType
column_type (sqlite3_stmt *stmt,
             int           column)
{
  AttacheActorType type = ATTACHE_ACTOR_LOCATION;

  attache_actor_type_from_string (column_text (stmt, column), &type);
  return type;
}

/* The type part of an alias key ("person:…"). */
static AttacheActorType
alias_key_type (const char *key)
{
  AttacheActorType type = ATTACHE_ACTOR_LOCATION;
  const char *colon = key != NULL ? strchr (key, ':') : NULL;

  if (colon != NULL)
    {
      g_autofree char *prefix = g_strndup (key, colon - key);

      attache_actor_type_from_string (prefix, &type);
    }
  return type;
}

/* Actor infos */

static AttacheActorAlias *
actor_alias_copy (const AttacheActorAlias *alias)
{
  AttacheActorAlias *copy = g_new0 (AttacheActorAlias, 1);

  *copy = *alias;
  copy->name = g_strdup (alias->name);
  return copy;
}

static void
actor_alias_free (AttacheActorAlias *alias)
{
  g_free (alias->name);
  g_free (alias);
}

static AttacheActorInfo *
actor_info_new (void)
{
  AttacheActorInfo *info = g_new0 (AttacheActorInfo, 1);

  info->aliases = g_ptr_array_new_with_free_func ((GDestroyNotify) actor_alias_free);
  return info;
}

AttacheActorInfo *
attache_actor_info_copy (const AttacheActorInfo *info)
{
  AttacheActorInfo *copy;

  g_return_val_if_fail (info != NULL, NULL);

  copy = actor_info_new ();
  copy->id = info->id;
  copy->name = g_strdup (info->name);
  copy->type = info->type;
  copy->hidden = info->hidden;
  copy->renamed = info->renamed;
  copy->retyped = info->retyped;
  copy->n_articles = info->n_articles;
  copy->first_seen = g_strdup (info->first_seen);
  copy->last_seen = g_strdup (info->last_seen);
  for (guint i = 0; i < info->aliases->len; i++)
    g_ptr_array_add (copy->aliases, actor_alias_copy (info->aliases->pdata[i]));
  return copy;
}

void
attache_actor_info_free (AttacheActorInfo *info)
{
  if (info == NULL)
    return;

  g_free (info->name);
  g_free (info->first_seen);
  g_free (info->last_seen);
  g_clear_pointer (&info->aliases, g_ptr_array_unref);
  g_free (info);
}

GStrv
attache_actor_info_dup_other_names (const AttacheActorInfo *info)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  g_return_val_if_fail (info != NULL, NULL);

  g_hash_table_add (seen, g_utf8_casefold (info->name, -1));
  for (guint i = 0; i < info->aliases->len; i++)
    {
      const AttacheActorAlias *alias = info->aliases->pdata[i];
      char *folded = g_utf8_casefold (alias->name, -1);

      if (g_hash_table_contains (seen, folded))
        {
          g_free (folded);
          continue;
        }
      g_hash_table_add (seen, folded);
      g_strv_builder_add (builder, alias->name);
    }

  return g_strv_builder_end (builder);
}

/* Listing and finding */

#define ACTOR_COLUMNS \
  "c.id, c.name, c.type, c.hidden, c.renamed, c.retyped, c.n_articles, c.first_seen, c.last_seen"

static AttacheActorInfo *
actor_info_from_row (sqlite3_stmt *stmt)
{
  AttacheActorInfo *info = actor_info_new ();

  info->id = sqlite3_column_int64 (stmt, 0);
  info->name = g_strdup (column_text (stmt, 1));
  info->type = column_type (stmt, 2);
  info->hidden = sqlite3_column_int (stmt, 3) != 0;
  info->renamed = sqlite3_column_int (stmt, 4) != 0;
  info->retyped = sqlite3_column_int (stmt, 5) != 0;
  info->n_articles = sqlite3_column_int64 (stmt, 6);
  info->first_seen = g_strdup (column_text (stmt, 7));
  info->last_seen = g_strdup (column_text (stmt, 8));
  return info;
}

static AttacheActorAlias *
alias_from_row (sqlite3_stmt *stmt,
                int           first)
{
  AttacheActorAlias *alias = g_new0 (AttacheActorAlias, 1);

  alias->id = sqlite3_column_int64 (stmt, first);
  alias->type = alias_key_type (column_text (stmt, first + 1));
  alias->name = g_strdup (column_text (stmt, first + 2));
  alias->by_analyst = sqlite3_column_int (stmt, first + 3) != 0;
  return alias;
}

/* Fills the aliases of @info. Call with the lock held. */
static gboolean
load_aliases (AttacheDatabase   *database,
              AttacheActorInfo  *info,
              GError           **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = _attache_database_prepare (database,
                                    "SELECT id, alias, name, by_analyst FROM actor_aliases "
                                    "WHERE actor_id = ?1 ORDER BY id", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, info->id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (info->aliases, alias_from_row (stmt, 0));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return _attache_database_set_error (database, rc, _("Could not read the library"), error);
  return TRUE;
}

/* Whether @haystack (folded already) contains @needle (folded). */
static gboolean
folded_contains (const char *name,
                 const char *folded_needle)
{
  g_autofree char *folded = g_utf8_casefold (name, -1);

  return strstr (folded, folded_needle) != NULL;
}

/* The LIKE pattern that finds @text anywhere, or NULL when @text is not
 * ASCII (sqlite folds the case of ASCII letters only). */
static char *
like_pattern (const char *text)
{
  GString *pattern = g_string_new ("%");

  for (const char *p = text; *p != '\0'; p++)
    {
      if ((guchar) *p >= 0x80)
        {
          g_string_free (pattern, TRUE);
          return NULL;
        }
      if (*p == '%' || *p == '_' || *p == '\\')
        g_string_append_c (pattern, '\\');
      g_string_append_c (pattern, *p);
    }
  g_string_append_c (pattern, '%');
  return g_string_free (pattern, FALSE);
}

/* Beyond this many actors, their names are read in one pass over all. */
#define ALIASES_ONE_BY_ONE 500

GPtrArray *
attache_library_list_actors (AttacheLibrary  *self,
                             const char      *filter,
                             GError         **error)
{
  AttacheDatabase *database;
  g_autoptr(GPtrArray) actors = NULL;
  g_autoptr(GHashTable) by_id = NULL;
  g_autofree char *needle = NULL;
  g_autofree char *pattern = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (ATTACHE_IS_LIBRARY (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (filter != NULL)
    {
      g_autofree char *trimmed = g_strstrip (g_strdup (filter));

      if (trimmed[0] != '\0')
        {
          needle = g_utf8_casefold (trimmed, -1);
          pattern = like_pattern (trimmed);
        }
    }

  database = attache_library_get_database (self);
  _attache_database_lock (database);

  /* Actors no article names any more and the analyst never touched are
   * left out: what an old analysis found and a newer one did not. An ASCII
   * filter is applied by sqlite; any other in C, below. */
  stmt = _attache_database_prepare (database,
                                    "SELECT " ACTOR_COLUMNS " FROM actors c "
                                    "WHERE (c.n_articles > 0 OR c.hidden OR c.renamed OR c.retyped "
                                    "       OR EXISTS (SELECT 1 FROM actor_aliases l "
                                    "                  WHERE l.actor_id = c.id AND l.by_analyst)) "
                                    "  AND (?1 IS NULL OR c.name LIKE ?1 ESCAPE '\\' "
                                    "       OR EXISTS (SELECT 1 FROM actor_aliases l "
                                    "                  WHERE l.actor_id = c.id AND l.name LIKE ?1 ESCAPE '\\')) "
                                    "ORDER BY c.n_articles DESC, c.name, c.id", error);
  if (stmt == NULL)
    goto failed;
  if (pattern != NULL)
    sqlite3_bind_text (stmt, 1, pattern, -1, SQLITE_STATIC);

  actors = g_ptr_array_new_with_free_func ((GDestroyNotify) attache_actor_info_free);
  by_id = g_hash_table_new (g_int64_hash, g_int64_equal);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      AttacheActorInfo *info = actor_info_from_row (stmt);

      g_ptr_array_add (actors, info);
      g_hash_table_insert (by_id, &info->id, info);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _attache_database_set_error (database, rc, _("Could not read the library"), error);
      goto failed;
    }

  if (actors->len <= ALIASES_ONE_BY_ONE)
    {
      for (guint i = 0; i < actors->len; i++)
        if (!load_aliases (database, actors->pdata[i], error))
          goto failed;
    }
  else
    {
      stmt = _attache_database_prepare (database,
                                        "SELECT actor_id, id, alias, name, by_analyst FROM actor_aliases ORDER BY id",
                                        error);
      if (stmt == NULL)
        goto failed;
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          gint64 actor_id = sqlite3_column_int64 (stmt, 0);
          AttacheActorInfo *info = g_hash_table_lookup (by_id, &actor_id);

          if (info != NULL)
            g_ptr_array_add (info->aliases, alias_from_row (stmt, 1));
        }
      sqlite3_reset (stmt);
      if (rc != SQLITE_DONE)
        {
          _attache_database_set_error (database, rc, _("Could not read the library"), error);
          goto failed;
        }
    }

  _attache_database_unlock (database);

  if (needle != NULL && pattern == NULL)
    {
      g_autoptr(GPtrArray) kept = g_ptr_array_new_with_free_func ((GDestroyNotify) attache_actor_info_free);

      for (guint i = 0; i < actors->len; i++)
        {
          AttacheActorInfo *info = actors->pdata[i];
          gboolean match = folded_contains (info->name, needle);

          for (guint a = 0; !match && a < info->aliases->len; a++)
            match = folded_contains (((AttacheActorAlias *) info->aliases->pdata[a])->name, needle);
          if (match)
            g_ptr_array_add (kept, g_steal_pointer (&actors->pdata[i]));
        }
      return g_steal_pointer (&kept);
    }

  return g_steal_pointer (&actors);

failed:
  _attache_database_unlock (database);
  return NULL;
}

/* Call with the lock held. NULL and NOT_FOUND when there is no such actor. */
static AttacheActorInfo *
get_actor_locked (AttacheDatabase  *database,
                  gint64            id,
                  GError          **error)
{
  g_autoptr(AttacheActorInfo) info = NULL;
  sqlite3_stmt *stmt;
  int rc;

  stmt = _attache_database_prepare (database, "SELECT " ACTOR_COLUMNS " FROM actors c WHERE c.id = ?1", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    info = actor_info_from_row (stmt);
  sqlite3_reset (stmt);

  if (rc == SQLITE_DONE)
    {
      g_set_error (error, ATTACHE_DATABASE_ERROR, ATTACHE_DATABASE_ERROR_NOT_FOUND,
                   _("There is no actor %" PRId64), (int64_t) id);
      return NULL;
    }
  if (rc != SQLITE_ROW)
    {
      _attache_database_set_error (database, rc, _("Could not read the library"), error);
      return NULL;
    }
  if (!load_aliases (database, info, error))
    return NULL;

  return g_steal_pointer (&info);
}

AttacheActorInfo *
attache_library_get_actor (AttacheLibrary  *self,
                           gint64           id,
                           GError         **error)
{
  AttacheDatabase *database;
  AttacheActorInfo *info;

  g_return_val_if_fail (ATTACHE_IS_LIBRARY (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  database = attache_library_get_database (self);
  _attache_database_lock (database);
  info = get_actor_locked (database, id, error);
  _attache_database_unlock (database);
  return info;
}

/* Adds the actors @stmt yields (an id in column 0) to @ids, once each. */
static int
collect_actor_ids (sqlite3_stmt *stmt,
                   GArray       *ids)
{
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      gboolean seen = FALSE;

      for (guint i = 0; i < ids->len && !seen; i++)
        seen = g_array_index (ids, gint64, i) == id;
      if (!seen)
        g_array_append_val (ids, id);
    }
  sqlite3_reset (stmt);
  return rc;
}

GPtrArray *
attache_library_find_actors (AttacheLibrary  *self,
                             const char      *text,
                             GError         **error)
{
  static const AttacheActorType types[] = {
    ATTACHE_ACTOR_PERSON, ATTACHE_ACTOR_ORGANIZATION, ATTACHE_ACTOR_COUNTRY, ATTACHE_ACTOR_LOCATION,
  };
  AttacheDatabase *database;
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autofree char *wanted = NULL;
  const char *name;
  AttacheActorType only_type = ATTACHE_ACTOR_PERSON;
  gboolean typed = FALSE;
  gint64 number = 0;
  guint n_by_id;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (ATTACHE_IS_LIBRARY (self), NULL);
  g_return_val_if_fail (text != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  wanted = g_strstrip (g_strdup (text));
  name = wanted;
  found = g_ptr_array_new_with_free_func ((GDestroyNotify) attache_actor_info_free);
  if (wanted[0] == '\0')
    return g_steal_pointer (&found);

  /* "person:Jordan": that type only. */
  {
    const char *colon = strchr (wanted, ':');

    if (colon != NULL)
      {
        g_autofree char *prefix = g_strndup (wanted, colon - wanted);

        if (attache_actor_type_from_string (prefix, &only_type))
          {
            typed = TRUE;
            name = colon + 1;
            while (g_ascii_isspace (*name))
              name++;
          }
      }
  }

  database = attache_library_get_database (self);
  _attache_database_lock (database);

  if (!typed && g_ascii_string_to_signed (wanted, 10, 1, G_MAXINT64, &number, NULL))
    {
      stmt = _attache_database_prepare (database, "SELECT id FROM actors WHERE id = ?1", error);
      if (stmt == NULL)
        goto failed;
      sqlite3_bind_int64 (stmt, 1, number);
      if ((rc = collect_actor_ids (stmt, ids)) != SQLITE_DONE)
        goto failed_sql;
    }

  /* The actor's own name, case aside (sqlite folds ASCII; the alias keys
   * below fold everything); for a number, as well as the id: an actor
   * named "2024" and actor 2024 are both found, and the caller asks which. */
  n_by_id = ids->len;
  stmt = _attache_database_prepare (database,
                                    "SELECT id FROM actors WHERE name = ?1 COLLATE NOCASE "
                                    "  AND (?2 IS NULL OR type = ?2) "
                                    "ORDER BY n_articles DESC, id", error);
  if (stmt == NULL)
    goto failed;
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_STATIC);
  if (typed)
    sqlite3_bind_text (stmt, 2, attache_actor_type_to_string (only_type), -1, SQLITE_STATIC);
  if ((rc = collect_actor_ids (stmt, ids)) != SQLITE_DONE)
    goto failed_sql;

  for (guint t = 0; t < G_N_ELEMENTS (types); t++)
    {
      g_autofree char *key = NULL;

      if (typed && types[t] != only_type)
        continue;
      key = _attache_library_actor_alias_key (types[t], name);
      stmt = _attache_database_prepare (database,
                                        "SELECT c.id FROM actor_aliases l JOIN actors c ON c.id = l.actor_id "
                                        "WHERE l.alias = ?1 AND lower (c.name) = lower (l.name)", error);
      if (stmt == NULL)
        goto failed;
      sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
      if ((rc = collect_actor_ids (stmt, ids)) != SQLITE_DONE)
        goto failed_sql;
    }

  /* Else one of their other names. */
  if (ids->len == n_by_id)
    {
      for (guint t = 0; t < G_N_ELEMENTS (types); t++)
        {
          g_autofree char *key = NULL;

          if (typed && types[t] != only_type)
            continue;
          key = _attache_library_actor_alias_key (types[t], name);
          stmt = _attache_database_prepare (database, "SELECT actor_id FROM actor_aliases WHERE alias = ?1", error);
          if (stmt == NULL)
            goto failed;
          sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
          if ((rc = collect_actor_ids (stmt, ids)) != SQLITE_DONE)
            goto failed_sql;
        }
    }

  for (guint i = 0; i < ids->len; i++)
    {
      AttacheActorInfo *info = get_actor_locked (database, g_array_index (ids, gint64, i), error);

      if (info == NULL)
        goto failed;
      g_ptr_array_add (found, info);
    }

  _attache_database_unlock (database);
  return g_steal_pointer (&found);

failed_sql:
  _attache_database_set_error (database, rc, _("Could not read the library"), error);
failed:
  _attache_database_unlock (database);
  return NULL;
}

/* Deriving the actors' rows from the aliases */

/* The INSERT that derives article_actors rows from article_aliases (x),
 * through the aliases (l), for the actors they are now. Mentions add up;
 * salience is the highest; roles and the forms seen are gathered; when the
 * article has several names of one actor (merged), those names join the
 * forms, so that "Obama" shows under "Barack Obama". Nothing depends on the
 * actor's own name, so renaming derives nothing again. WHERE and GROUP BY
 * follow. */
#define DERIVE_ARTICLE_ACTORS \
  "INSERT INTO article_actors (article_id, actor_id, mentions, salience, roles, forms, day) " \
  "SELECT x.article_id, l.actor_id, sum (x.mentions), max (x.salience), " \
  "  coalesce (group_concat (nullif (x.roles, ''), char (10)), ''), " \
  "  CASE WHEN count (*) = 1 THEN min (x.forms) " \
  "    ELSE trim (group_concat (l.name || char (10) || x.forms, char (10)), char (10)) END, " \
  "  (SELECT substr (coalesce (a.published, a.imported), 1, 10) FROM articles a WHERE a.id = x.article_id) " \
  "FROM article_aliases x JOIN actor_aliases l ON l.id = x.alias_id "

static gboolean
step_done (AttacheDatabase  *database,
           sqlite3_stmt     *stmt,
           GError          **error)
{
  int rc = sqlite3_step (stmt);

  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return _attache_database_set_error (database, rc, _("Could not correct the actors"), error);
  return TRUE;
}

gboolean
_attache_library_derive_article_actors (AttacheLibrary  *self,
                                        gint64           article_id,
                                        GError         **error)
{
  AttacheDatabase *database = attache_library_get_database (self);
  sqlite3_stmt *stmt;

  stmt = _attache_database_prepare (database,
                                    DERIVE_ARTICLE_ACTORS "WHERE x.article_id = ?1 GROUP BY l.actor_id",
                                    error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, article_id);
  return step_done (database, stmt, error);
}

/* Derives again the article_actors rows of actors @a and @b (0: none) in
 * the articles where one of the aliases @moved (a JSON array of their ids)
 * was found: the only rows a move of those aliases between @a and @b
 * changes. Call with the lock and a transaction held. */
static gboolean
derive_actors (AttacheDatabase  *database,
               gint64            a,
               gint64            b,
               const char       *moved,
               GError          **error)
{
  sqlite3_stmt *stmt;

  stmt = _attache_database_prepare (database,
                                    "DELETE FROM article_actors WHERE actor_id IN (?1, ?2) AND article_id IN "
                                    "  (SELECT article_id FROM article_aliases "
                                    "   WHERE alias_id IN (SELECT value FROM json_each (?3)))", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, a);
  sqlite3_bind_int64 (stmt, 2, b);
  sqlite3_bind_text (stmt, 3, moved, -1, SQLITE_STATIC);
  if (!step_done (database, stmt, error))
    return FALSE;

  stmt = _attache_database_prepare (database,
                                    DERIVE_ARTICLE_ACTORS
                                    "WHERE l.actor_id IN (?1, ?2) AND x.article_id IN "
                                    "  (SELECT article_id FROM article_aliases "
                                    "   WHERE alias_id IN (SELECT value FROM json_each (?3))) "
                                    "GROUP BY x.article_id, l.actor_id",
                                    error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, a);
  sqlite3_bind_int64 (stmt, 2, b);
  sqlite3_bind_text (stmt, 3, moved, -1, SQLITE_STATIC);
  return step_done (database, stmt, error);
}

/* A JSON array of the ids in @ids. */
static char *
ids_json (const gint64 *ids,
          guint         n)
{
  GString *json = g_string_new ("[");

  for (guint i = 0; i < n; i++)
    g_string_append_printf (json, "%s%" G_GINT64_FORMAT, i > 0 ? "," : "", ids[i]);
  g_string_append_c (json, ']');
  return g_string_free (json, FALSE);
}

/* Where alias @alias_id is now: its actor (0 when there is no such alias),
 * whether the analyst put it there, and by which correction. */
typedef struct
{
  gint64   actor_id;
  gboolean by_analyst;
  gint64   moved_by;
} AliasPlace;

static gboolean
get_alias_place (AttacheDatabase  *database,
                 gint64            alias_id,
                 AliasPlace       *place,
                 GError          **error)
{
  sqlite3_stmt *stmt;
  int rc;

  *place = (AliasPlace) { 0, FALSE, 0 };
  stmt = _attache_database_prepare (database,
                                    "SELECT actor_id, by_analyst, coalesce (moved_by, 0) FROM actor_aliases "
                                    "WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, alias_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      place->actor_id = sqlite3_column_int64 (stmt, 0);
      place->by_analyst = sqlite3_column_int (stmt, 1) != 0;
      place->moved_by = sqlite3_column_int64 (stmt, 2);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return _attache_database_set_error (database, rc, _("Could not correct the actors"), error);
  return TRUE;
}

/* Moves alias @alias_id, and the mentions found under it, from actor @from
 * to actor @to, recording who put it there. Call with the lock and a
 * transaction held; derive_actors () afterwards. */
static gboolean
move_alias (AttacheDatabase  *database,
            gint64            alias_id,
            gint64            from,
            gint64            to,
            gboolean          by_analyst,
            gint64            moved_by,
            GError          **error)
{
  sqlite3_stmt *stmt;

  stmt = _attache_database_prepare (database,
                                    "UPDATE actor_aliases SET actor_id = ?2, by_analyst = ?3, moved_by = ?4 "
                                    "WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, alias_id);
  sqlite3_bind_int64 (stmt, 2, to);
  sqlite3_bind_int (stmt, 3, by_analyst);
  if (moved_by > 0)
    sqlite3_bind_int64 (stmt, 4, moved_by);
  if (!step_done (database, stmt, error))
    return FALSE;

  stmt = _attache_database_prepare (database,
                                    "UPDATE mentions SET actor_id = ?2 WHERE actor_id = ?3 AND alias_id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, alias_id);
  sqlite3_bind_int64 (stmt, 2, to);
  sqlite3_bind_int64 (stmt, 3, from);
  return step_done (database, stmt, error);
}

/* Adds the alias of @name under @type to actor @actor_id, by correction
 * @correction_id, unless that alias exists already: then *@out_alias_id is 0. */
static gboolean
add_analyst_alias (AttacheDatabase   *database,
                   gint64             actor_id,
                   AttacheActorType   type,
                   const char        *name,
                   gint64             correction_id,
                   gint64            *out_alias_id,
                   GError           **error)
{
  g_autofree char *key = _attache_library_actor_alias_key (type, name);
  sqlite3_stmt *stmt;

  stmt = _attache_database_prepare (database,
                                    "INSERT INTO actor_aliases (alias, actor_id, by_analyst, name, moved_by) "
                                    "VALUES (?1, ?2, 1, ?3, ?4) ON CONFLICT (alias) DO NOTHING", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, actor_id);
  sqlite3_bind_text (stmt, 3, name, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 4, correction_id);
  if (!step_done (database, stmt, error))
    return FALSE;

  *out_alias_id = sqlite3_changes (_attache_database_get_handle (database)) > 0 ?
                  sqlite3_last_insert_rowid (_attache_database_get_handle (database)) : 0;
  return TRUE;
}

/* Removes alias @alias_id of actor @actor_id that the analyst added, unless
 * an analysis has found that name since (then it stays: it names the actor). */
static gboolean
remove_analyst_alias (AttacheDatabase  *database,
                      gint64            alias_id,
                      gint64            actor_id,
                      GError          **error)
{
  sqlite3_stmt *stmt;

  if (alias_id <= 0)
    return TRUE;

  stmt = _attache_database_prepare (database,
                                    "DELETE FROM actor_aliases WHERE id = ?1 AND actor_id = ?2 "
                                    "  AND NOT EXISTS (SELECT 1 FROM article_aliases WHERE alias_id = ?1)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, alias_id);
  sqlite3_bind_int64 (stmt, 2, actor_id);
  return step_done (database, stmt, error);
}

/* The journal. A correction's row is written first, so that its id can mark
 * the aliases it moves, and completed with what undoing it needs. */

static gint64
journal_begin (AttacheDatabase  *database,
               const char       *kind,
               gint64            actor_id,
               GError          **error)
{
  g_autofree char *now = _attache_library_now_iso8601 ();
  sqlite3_stmt *stmt;

  stmt = _attache_database_prepare (database,
                                    "INSERT INTO actor_corrections (made, kind, actor_id, undo) "
                                    "VALUES (?1, ?2, ?3, '{}')", error);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_text (stmt, 1, now, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, kind, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 3, actor_id);
  if (!step_done (database, stmt, error))
    return 0;

  return sqlite3_last_insert_rowid (_attache_database_get_handle (database));
}

static gint64
journal_finish (AttacheDatabase  *database,
                gint64            correction_id,
                gint64            other_id,
                JsonBuilder      *undo,
                GError          **error)
{
  g_autoptr(JsonNode) root = json_builder_get_root (undo);
  g_autofree char *json = json_to_string (root, FALSE);
  sqlite3_stmt *stmt;

  stmt = _attache_database_prepare (database,
                                    "UPDATE actor_corrections SET other_id = ?2, undo = ?3 WHERE id = ?1", error);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_int64 (stmt, 1, correction_id);
  if (other_id > 0)
    sqlite3_bind_int64 (stmt, 2, other_id);
  sqlite3_bind_text (stmt, 3, json, -1, SQLITE_STATIC);
  if (!step_done (database, stmt, error))
    return 0;

  return correction_id;
}

/* Whether correction @id is in the journal (made, and not undone). */
static gboolean
journal_has (AttacheDatabase  *database,
             gint64            id,
             gboolean         *out_has,
             GError          **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = _attache_database_prepare (database, "SELECT 1 FROM actor_corrections WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return _attache_database_set_error (database, rc, _("Could not read the library"), error);
  *out_has = rc == SQLITE_ROW;
  return TRUE;
}

/* Whether undoing correction @correction_id takes back alias @place: it does
 * when that correction put it where it is, or a later correction still in
 * the journal moved it on from there (an earlier merge undone after a later
 * one). An alias some other undo has put back stays where it is. */
static gboolean
undo_takes_alias (AttacheDatabase   *database,
                  gint64             correction_id,
                  const AliasPlace  *place,
                  gboolean          *out_takes,
                  GError           **error)
{
  *out_takes = FALSE;
  if (place->actor_id == 0)
    return TRUE;
  if (place->moved_by == correction_id)
    {
      *out_takes = TRUE;
      return TRUE;
    }
  if (place->moved_by > correction_id)
    return journal_has (database, place->moved_by, out_takes, error);
  return TRUE;
}

static void
add_int (JsonBuilder *builder,
         const char  *name,
         gint64       value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_int_value (builder, value);
}

static void
add_string (JsonBuilder *builder,
            const char  *name,
            const char  *value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_string_value (builder, value);
}

static gint64
member_int (JsonObject *object,
            const char *name)
{
  return object != NULL && json_object_has_member (object, name) ? json_object_get_int_member (object, name) : 0;
}

static const char *
member_string (JsonObject *object,
               const char *name)
{
  return object != NULL && json_object_has_member (object, name) ? json_object_get_string_member (object, name)
                                                                 : NULL;
}

/* Running one correction */

typedef gint64 (*CorrectFunc) (AttacheLibrary  *self,
                               gconstpointer    data,
                               gint64          *out_actor_id,
                               GError         **error);

/* Runs @func in one transaction with the lock held; on success emits the
 * signals. Returns what @func returned, 0 on failure. */
static gint64
run_correction (AttacheLibrary  *self,
                CorrectFunc      func,
                gconstpointer    data,
                gint64          *out_actor_id,
                GError         **error)
{
  AttacheDatabase *database = attache_library_get_database (self);
  gint64 result = 0;

  _attache_database_lock (database);
  if (_attache_database_begin (database, error))
    {
      result = func (self, data, out_actor_id, error);
      if (result <= 0 || !_attache_database_commit (database, error))
        {
          result = 0;
          _attache_database_rollback (database);
        }
    }
  _attache_database_unlock (database);

  if (result > 0)
    {
      _attache_library_notify_analyses_changed (self);
      _attache_library_notify_actors_changed (self);
    }
  return result;
}

static gint64
rename_locked (AttacheLibrary           *self,
               gconstpointer             data,
               gint64                   *out_actor_id,
               GError                  **error)
{
  const AttacheCorrection *correction = data;
  AttacheDatabase *database = attache_library_get_database (self);
  g_autoptr(AttacheActorInfo) info = NULL;
  g_autoptr(JsonBuilder) undo = json_builder_new ();
  g_autofree char *name = g_strstrip (g_strdup (correction->name != NULL ? correction->name : ""));
  sqlite3_stmt *stmt;
  gint64 id, added = 0;

  if (name[0] == '\0')
    {
      g_set_error (error, ATTACHE_DATABASE_ERROR, ATTACHE_DATABASE_ERROR_INVALID,
                   _("An actor’s name cannot be empty"));
      return 0;
    }
  info = get_actor_locked (database, correction->actor_id, error);
  if (info == NULL || (id = journal_begin (database, "rename", info->id, error)) == 0)
    return 0;

  stmt = _attache_database_prepare (database, "UPDATE actors SET name = ?2, renamed = 1 WHERE id = ?1", error);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_int64 (stmt, 1, info->id);
  sqlite3_bind_text (stmt, 2, name, -1, SQLITE_STATIC);
  if (!step_done (database, stmt, error))
    return 0;

  /* The analyser finding the new name later finds this actor. Nothing is
   * derived again: the articles' rows do not hold the actor's name. */
  if (!add_analyst_alias (database, info->id, info->type, name, id, &added, error))
    return 0;

  json_builder_begin_object (undo);
  add_string (undo, "name", info->name);
  add_int (undo, "renamed", info->renamed);
  add_string (undo, "new_name", name);
  add_int (undo, "added_alias", added);
  json_builder_end_object (undo);

  *out_actor_id = info->id;
  return journal_finish (database, id, 0, undo, error);
}

gint64
attache_library_rename_actor (AttacheLibrary  *self,
                              gint64           actor_id,
                              const char      *name,
                              GError         **error)
{
  AttacheCorrection correction = { ATTACHE_CORRECTION_RENAME, actor_id, 0, name, 0 };
  gint64 out = 0;

  g_return_val_if_fail (ATTACHE_IS_LIBRARY (self), 0);
  g_return_val_if_fail (error == NULL || *error == NULL, 0);

  return run_correction (self, rename_locked, &correction, &out, error);
}

static gint64
set_type_locked (AttacheLibrary           *self,
                 gconstpointer             data,
                 gint64                   *out_actor_id,
                 GError                  **error)
{
  const AttacheCorrection *correction = data;
  AttacheDatabase *database = attache_library_get_database (self);
  g_autoptr(AttacheActorInfo) info = NULL;
  g_autoptr(JsonBuilder) undo = json_builder_new ();
  sqlite3_stmt *stmt;
  gint64 id, added = 0;

  if ((guint) correction->type > ATTACHE_ACTOR_LOCATION)
    {
      g_set_error (error, ATTACHE_DATABASE_ERROR, ATTACHE_DATABASE_ERROR_INVALID,
                   _("An actor is a person, an organization, a country or a location"));
      return 0;
    }
  info = get_actor_locked (database, correction->actor_id, error);
  if (info == NULL || (id = journal_begin (database, "set-type", info->id, error)) == 0)
    return 0;

  stmt = _attache_database_prepare (database, "UPDATE actors SET type = ?2, retyped = 1 WHERE id = ?1", error);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_int64 (stmt, 1, info->id);
  sqlite3_bind_text (stmt, 2, attache_actor_type_to_string (correction->type), -1, SQLITE_STATIC);
  if (!step_done (database, stmt, error))
    return 0;

  /* The analyser finding the name with the new type later finds this actor. */
  if (!add_analyst_alias (database, info->id, correction->type, info->name, id, &added, error))
    return 0;

  json_builder_begin_object (undo);
  add_string (undo, "type", attache_actor_type_to_string (info->type));
  add_int (undo, "retyped", info->retyped);
  add_string (undo, "new_type", attache_actor_type_to_string (correction->type));
  add_int (undo, "added_alias", added);
  json_builder_end_object (undo);

  *out_actor_id = info->id;
  return journal_finish (database, id, 0, undo, error);
}

gint64
attache_library_set_actor_type (AttacheLibrary    *self,
                                gint64             actor_id,
                                AttacheActorType   type,
                                GError           **error)
{
  AttacheCorrection correction = { ATTACHE_CORRECTION_SET_TYPE, actor_id, 0, NULL, type };
  gint64 out = 0;

  g_return_val_if_fail (ATTACHE_IS_LIBRARY (self), 0);
  g_return_val_if_fail (error == NULL || *error == NULL, 0);

  return run_correction (self, set_type_locked, &correction, &out, error);
}

static gint64
set_hidden_locked (AttacheLibrary           *self,
                   gconstpointer             data,
                   gint64                   *out_actor_id,
                   GError                  **error)
{
  const AttacheCorrection *correction = data;
  AttacheDatabase *database = attache_library_get_database (self);
  g_autoptr(AttacheActorInfo) info = NULL;
  g_autoptr(JsonBuilder) undo = json_builder_new ();
  gboolean hidden = correction->kind == ATTACHE_CORRECTION_HIDE;
  sqlite3_stmt *stmt;
  gint64 id;

  info = get_actor_locked (database, correction->actor_id, error);
  if (info == NULL || (id = journal_begin (database, hidden ? "hide" : "unhide", info->id, error)) == 0)
    return 0;

  stmt = _attache_database_prepare (database, "UPDATE actors SET hidden = ?2 WHERE id = ?1", error);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_int64 (stmt, 1, info->id);
  sqlite3_bind_int (stmt, 2, hidden);
  if (!step_done (database, stmt, error))
    return 0;

  json_builder_begin_object (undo);
  add_int (undo, "hidden", info->hidden);
  add_int (undo, "new_hidden", hidden);
  json_builder_end_object (undo);

  *out_actor_id = info->id;
  return journal_finish (database, id, 0, undo, error);
}

gint64
attache_library_set_actor_hidden (AttacheLibrary  *self,
                                  gint64           actor_id,
                                  gboolean         hidden,
                                  GError         **error)
{
  AttacheCorrection correction = {
    hidden ? ATTACHE_CORRECTION_HIDE : ATTACHE_CORRECTION_UNHIDE, actor_id, 0, NULL, 0
  };
  gint64 out = 0;

  g_return_val_if_fail (ATTACHE_IS_LIBRARY (self), 0);
  g_return_val_if_fail (error == NULL || *error == NULL, 0);

  return run_correction (self, set_hidden_locked, &correction, &out, error);
}

/* The ids (gint64) @stmt yields in column 0. */
static GArray *
collect_column (AttacheDatabase  *database,
                sqlite3_stmt     *stmt,
                GError          **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (ids, id);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _attache_database_set_error (database, rc, _("Could not correct the actors"), error);
      return NULL;
    }
  return g_steal_pointer (&ids);
}

/* Points the saved searches for actor @from at actor @to. */
static gboolean
move_saved_searches (AttacheDatabase  *database,
                     gint64            from,
                     gint64            to,
                     GError          **error)
{
  sqlite3_stmt *stmt;

  stmt = _attache_database_prepare (database, "UPDATE saved_searches SET actor_id = ?2 WHERE actor_id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, from);
  sqlite3_bind_int64 (stmt, 2, to);
  return step_done (database, stmt, error);
}

static gboolean
delete_actor_without_aliases (AttacheDatabase  *database,
                              gint64            actor_id,
                              GError          **error)
{
  sqlite3_stmt *stmt;

  stmt = _attache_database_prepare (database,
                                    "DELETE FROM actors WHERE id = ?1 "
                                    "  AND NOT EXISTS (SELECT 1 FROM actor_aliases WHERE actor_id = ?1)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, actor_id);
  return step_done (database, stmt, error);
}

/* Actor @actor_id goes if it has no name left (an undo took them), its
 * saved searches to @heir_id. */
static gboolean
drop_nameless_actor (AttacheDatabase  *database,
                     gint64            actor_id,
                     gint64            heir_id,
                     GError          **error)
{
  sqlite3_stmt *stmt;

  stmt = _attache_database_prepare (database,
                                    "UPDATE saved_searches SET actor_id = ?2 WHERE actor_id = ?1 "
                                    "  AND NOT EXISTS (SELECT 1 FROM actor_aliases WHERE actor_id = ?1)",
                                    error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, actor_id);
  sqlite3_bind_int64 (stmt, 2, heir_id);
  return step_done (database, stmt, error) && delete_actor_without_aliases (database, actor_id, error);
}

static gint64
merge_locked (AttacheLibrary           *self,
              gconstpointer             data,
              gint64                   *out_actor_id,
              GError                  **error)
{
  const AttacheCorrection *correction = data;
  AttacheDatabase *database = attache_library_get_database (self);
  g_autoptr(AttacheActorInfo) keep = NULL;
  g_autoptr(AttacheActorInfo) other = NULL;
  g_autoptr(JsonBuilder) undo = json_builder_new ();
  g_autoptr(GArray) searches = NULL;
  g_autoptr(GArray) moved = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autofree char *moved_json = NULL;
  sqlite3_stmt *stmt;
  gint64 id;

  if (correction->actor_id == correction->other_id)
    {
      g_set_error (error, ATTACHE_DATABASE_ERROR, ATTACHE_DATABASE_ERROR_INVALID,
                   _("An actor cannot be merged with itself"));
      return 0;
    }
  keep = get_actor_locked (database, correction->actor_id, error);
  if (keep == NULL)
    return 0;
  other = get_actor_locked (database, correction->other_id, error);
  if (other == NULL || (id = journal_begin (database, "merge", keep->id, error)) == 0)
    return 0;

  json_builder_begin_object (undo);
  json_builder_set_member_name (undo, "actor");
  json_builder_begin_object (undo);
  add_int (undo, "id", other->id);
  add_string (undo, "name", other->name);
  add_string (undo, "type", attache_actor_type_to_string (other->type));
  add_int (undo, "renamed", other->renamed);
  add_int (undo, "retyped", other->retyped);
  add_int (undo, "hidden", other->hidden);
  json_builder_end_object (undo);

  /* Every name of the other actor becomes the kept one's; where it was
   * before, for Undo. */
  json_builder_set_member_name (undo, "aliases");
  json_builder_begin_array (undo);
  for (guint i = 0; i < other->aliases->len; i++)
    {
      const AttacheActorAlias *alias = other->aliases->pdata[i];
      AliasPlace place;

      if (!get_alias_place (database, alias->id, &place, error) ||
          !move_alias (database, alias->id, other->id, keep->id, TRUE, id, error))
        return 0;
      g_array_append_val (moved, alias->id);
      json_builder_begin_object (undo);
      add_int (undo, "id", alias->id);
      add_int (undo, "by_analyst", place.by_analyst);
      add_int (undo, "moved_by", place.moved_by);
      json_builder_end_object (undo);
    }
  json_builder_end_array (undo);

  /* Saved searches for the merged actor now find the kept one. */
  stmt = _attache_database_prepare (database, "SELECT id FROM saved_searches WHERE actor_id = ?1", error);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_int64 (stmt, 1, other->id);
  searches = collect_column (database, stmt, error);
  if (searches == NULL || !move_saved_searches (database, other->id, keep->id, error))
    return 0;
  json_builder_set_member_name (undo, "saved_searches");
  json_builder_begin_array (undo);
  for (guint i = 0; i < searches->len; i++)
    json_builder_add_int_value (undo, g_array_index (searches, gint64, i));
  json_builder_end_array (undo);
  json_builder_end_object (undo);

  moved_json = ids_json ((gint64 *) moved->data, moved->len);
  if (!derive_actors (database, keep->id, other->id, moved_json, error) ||
      !delete_actor_without_aliases (database, other->id, error))
    return 0;

  *out_actor_id = keep->id;
  return journal_finish (database, id, other->id, undo, error);
}

gint64
attache_library_merge_actors (AttacheLibrary  *self,
                              gint64           keep_id,
                              gint64           other_id,
                              GError         **error)
{
  AttacheCorrection correction = { ATTACHE_CORRECTION_MERGE, keep_id, other_id, NULL, 0 };
  gint64 out = 0;

  g_return_val_if_fail (ATTACHE_IS_LIBRARY (self), 0);
  g_return_val_if_fail (error == NULL || *error == NULL, 0);

  return run_correction (self, merge_locked, &correction, &out, error);
}

static gint64
split_locked (AttacheLibrary           *self,
              gconstpointer             data,
              gint64                   *out_actor_id,
              GError                  **error)
{
  const AttacheCorrection *correction = data;
  AttacheDatabase *database = attache_library_get_database (self);
  g_autoptr(AttacheActorInfo) info = NULL;
  g_autoptr(JsonBuilder) undo = json_builder_new ();
  const AttacheActorAlias *alias = NULL;
  g_autofree char *moved_json = NULL;
  sqlite3_stmt *stmt;
  AliasPlace place;
  gint64 id, new_id;

  info = get_actor_locked (database, correction->actor_id, error);
  if (info == NULL)
    return 0;
  for (guint i = 0; i < info->aliases->len && alias == NULL; i++)
    if (((AttacheActorAlias *) info->aliases->pdata[i])->id == correction->other_id)
      alias = info->aliases->pdata[i];
  if (alias == NULL)
    {
      g_set_error (error, ATTACHE_DATABASE_ERROR, ATTACHE_DATABASE_ERROR_NOT_FOUND,
                   /* Translators: %s is an actor's name. */
                   _("“%s” has no such name to split off"), info->name);
      return 0;
    }
  if (info->aliases->len < 2)
    {
      g_set_error (error, ATTACHE_DATABASE_ERROR, ATTACHE_DATABASE_ERROR_INVALID,
                   /* Translators: %s is an actor's name. */
                   _("“%s” has only one name: there is nothing to split off"), info->name);
      return 0;
    }
  if ((id = journal_begin (database, "split", info->id, error)) == 0 ||
      !get_alias_place (database, alias->id, &place, error))
    return 0;

  stmt = _attache_database_prepare (database, "INSERT INTO actors (name, type) VALUES (?1, ?2)", error);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_text (stmt, 1, alias->name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, attache_actor_type_to_string (alias->type), -1, SQLITE_STATIC);
  if (!step_done (database, stmt, error))
    return 0;
  new_id = sqlite3_last_insert_rowid (_attache_database_get_handle (database));

  moved_json = ids_json (&alias->id, 1);
  if (!move_alias (database, alias->id, info->id, new_id, TRUE, id, error) ||
      !derive_actors (database, info->id, new_id, moved_json, error))
    return 0;

  json_builder_begin_object (undo);
  add_int (undo, "alias", alias->id);
  add_int (undo, "by_analyst", place.by_analyst);
  add_int (undo, "moved_by", place.moved_by);
  json_builder_end_object (undo);

  *out_actor_id = new_id;
  return journal_finish (database, id, new_id, undo, error);
}

gint64
attache_library_split_actor (AttacheLibrary  *self,
                             gint64           actor_id,
                             gint64           alias_id,
                             gint64          *out_new_id,
                             GError         **error)
{
  AttacheCorrection correction = { ATTACHE_CORRECTION_SPLIT, actor_id, alias_id, NULL, 0 };
  gint64 new_id = 0;
  gint64 id;

  g_return_val_if_fail (ATTACHE_IS_LIBRARY (self), 0);
  g_return_val_if_fail (error == NULL || *error == NULL, 0);

  id = run_correction (self, split_locked, &correction, &new_id, error);
  if (out_new_id != NULL)
    *out_new_id = id > 0 ? new_id : 0;
  return id;
}

/* Undo. What a correction changed is put back where it still stands: a name
 * renamed again since keeps its later name, an alias another undo has put
 * back stays there. */

/* Undoing correction @correction_id of @actor_id's name, type or hidden
 * flag, when a later correction of the same still stands: the later one
 * keeps its value, and its own undo now puts back what this one found (as
 * if this one had never been made). */
static gboolean
hand_on_before_values (AttacheDatabase  *database,
                       gint64            correction_id,
                       const char       *kind,
                       gint64            actor_id,
                       JsonObject       *undo,
                       GError          **error)
{
  static const char * const fields[][2] = {
    { "rename", "name" }, { "rename", "renamed" },
    { "set-type", "type" }, { "set-type", "retyped" },
    { "hide", "hidden" }, { "unhide", "hidden" },
  };
  gboolean hiding = g_str_equal (kind, "hide") || g_str_equal (kind, "unhide");
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *later_json = NULL;
  g_autofree char *patched = NULL;
  JsonObject *later;
  sqlite3_stmt *stmt;
  gint64 later_id = 0;
  int rc;

  stmt = _attache_database_prepare (database,
                                    "SELECT id, undo FROM actor_corrections "
                                    "WHERE actor_id = ?1 AND id > ?2 AND kind IN (?3, ?4) ORDER BY id LIMIT 1",
                                    error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, actor_id);
  sqlite3_bind_int64 (stmt, 2, correction_id);
  sqlite3_bind_text (stmt, 3, hiding ? "hide" : kind, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, hiding ? "unhide" : kind, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      later_id = sqlite3_column_int64 (stmt, 0);
      later_json = g_strdup (column_text (stmt, 1));
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return _attache_database_set_error (database, rc, _("Could not read the library"), error);
  /* Changed by something else since: what stands, stands. */
  if (later_id == 0)
    return TRUE;

  if (!json_parser_load_from_data (parser, later_json, -1, NULL) ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      g_set_error (error, ATTACHE_DATABASE_ERROR, ATTACHE_DATABASE_ERROR_INVALID,
                   _("Correction %" PRId64 " cannot be undone: its record is damaged"), (int64_t) later_id);
      return FALSE;
    }
  later = json_node_get_object (json_parser_get_root (parser));

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      if (!g_str_equal (fields[i][0], kind) || !json_object_has_member (undo, fields[i][1]))
        continue;
      json_object_set_member (later, fields[i][1], json_node_copy (json_object_get_member (undo, fields[i][1])));
    }

  patched = json_to_string (json_parser_get_root (parser), FALSE);
  stmt = _attache_database_prepare (database, "UPDATE actor_corrections SET undo = ?2 WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, later_id);
  sqlite3_bind_text (stmt, 2, patched, -1, SQLITE_TRANSIENT);
  return step_done (database, stmt, error);
}

/* The merge still in the journal that took @actor_id away, or 0. */
static gboolean
find_merge_of (AttacheDatabase  *database,
               gint64            actor_id,
               gint64           *out_merge_id,
               GError          **error)
{
  sqlite3_stmt *stmt;
  int rc;

  *out_merge_id = 0;
  stmt = _attache_database_prepare (database,
                                    "SELECT id FROM actor_corrections WHERE kind = 'merge' AND other_id = ?1 "
                                    "ORDER BY id DESC LIMIT 1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, actor_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    *out_merge_id = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return _attache_database_set_error (database, rc, _("Could not read the library"), error);
  return TRUE;
}

static gboolean
undo_actor_field (AttacheDatabase  *database,
                  gint64            correction_id,
                  const char       *kind,
                  gint64            actor_id,
                  JsonObject       *undo,
                  GError          **error)
{
  g_autoptr(AttacheActorInfo) info = NULL;
  g_autoptr(GError) local_error = NULL;
  sqlite3_stmt *stmt;
  gboolean still;

  info = get_actor_locked (database, actor_id, &local_error);
  if (info == NULL)
    {
      gint64 merge_id;

      if (!g_error_matches (local_error, ATTACHE_DATABASE_ERROR, ATTACHE_DATABASE_ERROR_NOT_FOUND))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }

      /* Merged away by a merge that can still be undone: that first, or
       * the merge's undo would bring the actor back as this one left it. */
      if (!find_merge_of (database, actor_id, &merge_id, error))
        return FALSE;
      if (merge_id != 0)
        {
          g_set_error (error, ATTACHE_DATABASE_ERROR, ATTACHE_DATABASE_ERROR_INVALID,
                       _("This correction cannot be undone while the actor is merged into another: "
                         "undo the merge first (correction %" PRId64 ")"), (int64_t) merge_id);
          return FALSE;
        }

      /* Merged away for good: nothing of it left to put back. */
      return TRUE;
    }

  if (g_str_equal (kind, "rename"))
    {
      still = g_strcmp0 (info->name, member_string (undo, "new_name")) == 0;
      stmt = _attache_database_prepare (database, "UPDATE actors SET name = ?2, renamed = ?3 WHERE id = ?1", error);
      if (stmt != NULL)
        sqlite3_bind_text (stmt, 2, member_string (undo, "name"), -1, SQLITE_TRANSIENT);
      if (stmt != NULL)
        sqlite3_bind_int64 (stmt, 3, member_int (undo, "renamed"));
    }
  else if (g_str_equal (kind, "set-type"))
    {
      still = g_strcmp0 (attache_actor_type_to_string (info->type), member_string (undo, "new_type")) == 0;
      stmt = _attache_database_prepare (database, "UPDATE actors SET type = ?2, retyped = ?3 WHERE id = ?1", error);
      if (stmt != NULL)
        sqlite3_bind_text (stmt, 2, member_string (undo, "type"), -1, SQLITE_TRANSIENT);
      if (stmt != NULL)
        sqlite3_bind_int64 (stmt, 3, member_int (undo, "retyped"));
    }
  else
    {
      still = info->hidden == (member_int (undo, "new_hidden") != 0);
      stmt = _attache_database_prepare (database, "UPDATE actors SET hidden = ?2 WHERE id = ?1", error);
      if (stmt != NULL)
        sqlite3_bind_int64 (stmt, 2, member_int (undo, "hidden"));
    }
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, actor_id);
  if (!still)
    {
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
      if (!hand_on_before_values (database, correction_id, kind, actor_id, undo, error))
        return FALSE;
    }
  else if (!step_done (database, stmt, error))
    return FALSE;

  return remove_analyst_alias (database, member_int (undo, "added_alias"), actor_id, error);
}

/* Adds @id to @ids unless there. */
static void
add_once (GArray *ids,
          gint64  id)
{
  for (guint i = 0; i < ids->len; i++)
    if (g_array_index (ids, gint64, i) == id)
      return;
  g_array_append_val (ids, id);
}

static gboolean
undo_merge (AttacheDatabase  *database,
            gint64            correction_id,
            JsonObject       *undo,
            GError          **error)
{
  JsonObject *actor = json_object_get_object_member (undo, "actor");
  JsonArray *aliases = json_object_get_array_member (undo, "aliases");
  JsonArray *searches = json_object_get_array_member (undo, "saved_searches");
  g_autoptr(GArray) taken = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GArray) places = g_array_new (FALSE, FALSE, sizeof (AliasPlace));
  g_autoptr(GArray) touched = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) moved = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autofree char *moved_json = NULL;
  gint64 other_id = member_int (actor, "id");
  sqlite3_stmt *stmt;

  if (aliases == NULL || searches == NULL)
    return TRUE;

  for (guint i = 0; i < json_array_get_length (aliases); i++)
    {
      JsonObject *alias = json_array_get_object_element (aliases, i);
      AliasPlace place;
      gboolean takes;

      if (!get_alias_place (database, member_int (alias, "id"), &place, error) ||
          !undo_takes_alias (database, correction_id, &place, &takes, error))
        return FALSE;
      if (takes)
        {
          g_array_append_val (taken, i);
          g_array_append_val (places, place);
        }
    }
  /* None of its names is where the merge put them: nothing to bring back. */
  if (taken->len == 0)
    return TRUE;

  /* Actor ids are never reused (AUTOINCREMENT), so the old one is free. */
  stmt = _attache_database_prepare (database,
                                    "INSERT INTO actors (id, name, type, renamed, retyped, hidden) "
                                    "VALUES (?1, ?2, ?3, ?4, ?5, ?6)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, other_id);
  sqlite3_bind_text (stmt, 2, member_string (actor, "name"), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, member_string (actor, "type"), -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 4, member_int (actor, "renamed"));
  sqlite3_bind_int64 (stmt, 5, member_int (actor, "retyped"));
  sqlite3_bind_int64 (stmt, 6, member_int (actor, "hidden"));
  if (!step_done (database, stmt, error))
    return FALSE;

  for (guint t = 0; t < taken->len; t++)
    {
      JsonObject *alias = json_array_get_object_element (aliases, g_array_index (taken, guint, t));
      const AliasPlace *place = &g_array_index (places, AliasPlace, t);
      gint64 alias_id = member_int (alias, "id");

      if (!move_alias (database, alias_id, place->actor_id, other_id, member_int (alias, "by_analyst") != 0,
                       member_int (alias, "moved_by"), error))
        return FALSE;
      g_array_append_val (moved, alias_id);
      add_once (touched, place->actor_id);
    }

  for (guint i = 0; i < json_array_get_length (searches); i++)
    {
      stmt = _attache_database_prepare (database, "UPDATE saved_searches SET actor_id = ?2 WHERE id = ?1", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, json_array_get_int_element (searches, i));
      sqlite3_bind_int64 (stmt, 2, other_id);
      if (!step_done (database, stmt, error))
        return FALSE;
    }

  moved_json = ids_json ((gint64 *) moved->data, moved->len);
  for (guint t = 0; t < touched->len; t++)
    if (!derive_actors (database, other_id, g_array_index (touched, gint64, t), moved_json, error))
      return FALSE;

  /* An actor left without a name (one a later split made of a name this
   * merge joined) goes, its saved searches to the actor brought back. */
  for (guint t = 0; t < touched->len; t++)
    {
      if (!drop_nameless_actor (database, g_array_index (touched, gint64, t), other_id, error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
undo_split (AttacheDatabase  *database,
            gint64            correction_id,
            gint64            actor_id,
            gint64            new_id,
            JsonObject       *undo,
            GError          **error)
{
  gint64 alias_id = member_int (undo, "alias");
  g_autofree char *moved_json = ids_json (&alias_id, 1);
  g_autoptr(AttacheActorInfo) info = NULL;
  AliasPlace place;
  gboolean takes;

  if (!get_alias_place (database, alias_id, &place, error) ||
      !undo_takes_alias (database, correction_id, &place, &takes, error))
    return FALSE;
  if (!takes)
    return TRUE;

  info = get_actor_locked (database, actor_id, NULL);
  if (info == NULL)
    {
      g_set_error (error, ATTACHE_DATABASE_ERROR, ATTACHE_DATABASE_ERROR_INVALID,
                   _("The split cannot be undone: the actor it split was merged into another since"));
      return FALSE;
    }

  if (!move_alias (database, alias_id, place.actor_id, actor_id, member_int (undo, "by_analyst") != 0,
                   member_int (undo, "moved_by"), error) ||
      !derive_actors (database, actor_id, place.actor_id, moved_json, error))
    return FALSE;

  /* The actor the split made goes, unless it has names of its own by now. */
  if (place.actor_id == new_id &&
      !drop_nameless_actor (database, new_id, actor_id, error))
    return FALSE;

  return TRUE;
}

static gint64
undo_locked (AttacheLibrary           *self,
             gconstpointer             data,
             gint64                   *out_actor_id,
             GError                  **error)
{
  gint64 correction_id = *(const gint64 *) data;
  AttacheDatabase *database = attache_library_get_database (self);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *kind = NULL;
  g_autofree char *json = NULL;
  JsonObject *undo;
  sqlite3_stmt *stmt;
  gint64 actor_id = 0, other_id = 0;
  gboolean ok;
  int rc;

  stmt = _attache_database_prepare (database,
                                    "SELECT kind, actor_id, coalesce (other_id, 0), undo "
                                    "FROM actor_corrections WHERE id = ?1", error);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_int64 (stmt, 1, correction_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      kind = g_strdup (column_text (stmt, 0));
      actor_id = sqlite3_column_int64 (stmt, 1);
      other_id = sqlite3_column_int64 (stmt, 2);
      json = g_strdup (column_text (stmt, 3));
    }
  sqlite3_reset (stmt);
  if (rc == SQLITE_DONE)
    {
      g_set_error (error, ATTACHE_DATABASE_ERROR, ATTACHE_DATABASE_ERROR_NOT_FOUND,
                   _("There is no correction %" PRId64 " to undo"), (int64_t) correction_id);
      return 0;
    }
  if (rc != SQLITE_ROW)
    {
      _attache_database_set_error (database, rc, _("Could not read the library"), error);
      return 0;
    }

  if (!json_parser_load_from_data (parser, json, -1, NULL) ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      g_set_error (error, ATTACHE_DATABASE_ERROR, ATTACHE_DATABASE_ERROR_INVALID,
                   _("Correction %" PRId64 " cannot be undone: its record is damaged"),
                   (int64_t) correction_id);
      return 0;
    }
  undo = json_node_get_object (json_parser_get_root (parser));

  /* The journal row goes first, so that undo_takes_alias () no longer
   * counts this correction among those still made. */
  stmt = _attache_database_prepare (database, "DELETE FROM actor_corrections WHERE id = ?1", error);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_int64 (stmt, 1, correction_id);
  if (!step_done (database, stmt, error))
    return 0;

  if (g_str_equal (kind, "rename") || g_str_equal (kind, "set-type") ||
      g_str_equal (kind, "hide") || g_str_equal (kind, "unhide"))
    ok = undo_actor_field (database, correction_id, kind, actor_id, undo, error);
  else if (g_str_equal (kind, "merge"))
    ok = undo_merge (database, correction_id, undo, error);
  else if (g_str_equal (kind, "split"))
    ok = undo_split (database, correction_id, actor_id, other_id, undo, error);
  else
    {
      g_set_error (error, ATTACHE_DATABASE_ERROR, ATTACHE_DATABASE_ERROR_INVALID,
                   _("Correction %" PRId64 " cannot be undone: its record is damaged"),
                   (int64_t) correction_id);
      ok = FALSE;
    }
  if (!ok)
    return 0;

  *out_actor_id = actor_id;
  return 1;
}

gboolean
attache_library_undo_actor_correction (AttacheLibrary  *self,
                                       gint64           correction_id,
                                       GError         **error)
{
  gint64 out = 0;

  g_return_val_if_fail (ATTACHE_IS_LIBRARY (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return run_correction (self, undo_locked, &correction_id, &out, error) > 0;
}

/* Asynchronous variants */

typedef struct
{
  AttacheCorrection correction;
  char             *name;
  gint64            actor_id;   /* out */
} CorrectData;

static void
correct_data_free (CorrectData *data)
{
  g_free (data->name);
  g_free (data);
}

static gint64
correct_run (gpointer       source_object,
             gpointer       task_data,
             GCancellable  *cancellable,
             GError       **error)
{
  CorrectData *data = task_data;
  CorrectFunc func;

  switch (data->correction.kind)
    {
    case ATTACHE_CORRECTION_RENAME:
      func = rename_locked;
      break;
    case ATTACHE_CORRECTION_MERGE:
      func = merge_locked;
      break;
    case ATTACHE_CORRECTION_SPLIT:
      func = split_locked;
      break;
    case ATTACHE_CORRECTION_SET_TYPE:
      func = set_type_locked;
      break;
    case ATTACHE_CORRECTION_HIDE:
    case ATTACHE_CORRECTION_UNHIDE:
    default:
      func = set_hidden_locked;
      break;
    }

  return run_correction (source_object, func, &data->correction, &data->actor_id, error);
}

void
attache_library_correct_actor_async (AttacheLibrary          *self,
                                     const AttacheCorrection *correction,
                                     GCancellable            *cancellable,
                                     GAsyncReadyCallback      callback,
                                     gpointer                 user_data)
{
  g_autoptr(GTask) task = NULL;
  CorrectData *data;

  g_return_if_fail (ATTACHE_IS_LIBRARY (self));
  g_return_if_fail (correction != NULL);

  data = g_new0 (CorrectData, 1);
  data->correction = *correction;
  data->name = g_strdup (correction->name);
  data->correction.name = data->name;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, attache_library_correct_actor_async);
  _attache_task_run_int64 (task, correct_run, data, (GDestroyNotify) correct_data_free, ATTACHE_TASK_DEFAULT);
}

gint64
attache_library_correct_actor_finish (AttacheLibrary  *self,
                                      GAsyncResult    *result,
                                      gint64          *out_actor_id,
                                      GError         **error)
{
  gint64 id;

  g_return_val_if_fail (g_task_is_valid (result, self), 0);

  id = _attache_task_propagate_int64 (G_TASK (result), error);
  if (out_actor_id != NULL)
    *out_actor_id = id > 0 ? ((CorrectData *) _attache_task_get_data (G_TASK (result)))->actor_id : 0;
  return id;
}

static gboolean
undo_run (gpointer       source_object,
          gpointer       task_data,
          GCancellable  *cancellable,
          GError       **error)
{
  return attache_library_undo_actor_correction (source_object, *(const gint64 *) task_data, error);
}

void
attache_library_undo_actor_correction_async (AttacheLibrary      *self,
                                             gint64               correction_id,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (ATTACHE_IS_LIBRARY (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, attache_library_undo_actor_correction_async);
  _attache_task_run_boolean (task, undo_run,
                             g_memdup2 (&correction_id, sizeof correction_id), g_free, ATTACHE_TASK_DEFAULT);
}

gboolean
attache_library_undo_actor_correction_finish (AttacheLibrary  *self,
                                              GAsyncResult    *result,
                                              GError         **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

static gpointer
list_actors_run (gpointer       source_object,
                 gpointer       task_data,
                 GCancellable  *cancellable,
                 GError       **error)
{
  return attache_library_list_actors (source_object, task_data, error);
}

void
attache_library_list_actors_async (AttacheLibrary      *self,
                                   const char          *filter,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (ATTACHE_IS_LIBRARY (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, attache_library_list_actors_async);
  _attache_task_run_pointer (task, list_actors_run, (GDestroyNotify) g_ptr_array_unref,
                             g_strdup (filter), g_free, ATTACHE_TASK_DEFAULT);
}

GPtrArray *
attache_library_list_actors_finish (AttacheLibrary  *self,
                                    GAsyncResult    *result,
                                    GError         **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}
