/* attache-overview.c: who and what a set of articles is about, at a glance
 *
 * The summary pane's numbers for one article, a selection or a search's
 * results: one grouped query per part over the articles' stored analyses.
 * The ids go to sqlite as one JSON array (json_each), so one cached
 * statement serves any number of them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "attache-overview"

#include "config.h"

#include <glib/gi18n.h>

#include "attache-database-private.h"
#include "attache-library-private.h"
#include "attache-overview.h"
#include "attache-task-private.h"

G_DEFINE_BOXED_TYPE (AttacheOverview, attache_overview, attache_overview_copy, attache_overview_free)

static void
overview_actor_free (AttacheOverviewActor *actor)
{
  g_free (actor->name);
  g_free (actor);
}

static void
overview_count_free (AttacheOverviewCount *count)
{
  g_free (count->label);
  g_free (count);
}

static AttacheOverview *
overview_new (void)
{
  AttacheOverview *overview = g_new0 (AttacheOverview, 1);

  overview->actors = g_ptr_array_new_with_free_func ((GDestroyNotify) overview_actor_free);
  overview->topics = g_ptr_array_new_with_free_func ((GDestroyNotify) overview_count_free);
  overview->subjects = g_ptr_array_new_with_free_func ((GDestroyNotify) overview_count_free);
  overview->sources = g_ptr_array_new_with_free_func ((GDestroyNotify) overview_count_free);
  return overview;
}

static void
copy_counts (GPtrArray *to,
             GPtrArray *from)
{
  for (guint i = 0; i < from->len; i++)
    {
      const AttacheOverviewCount *count = from->pdata[i];
      AttacheOverviewCount *copy = g_new0 (AttacheOverviewCount, 1);

      copy->label = g_strdup (count->label);
      copy->articles = count->articles;
      g_ptr_array_add (to, copy);
    }
}

AttacheOverview *
attache_overview_copy (const AttacheOverview *overview)
{
  AttacheOverview *copy;

  g_return_val_if_fail (overview != NULL, NULL);

  copy = overview_new ();
  copy->n_articles = overview->n_articles;
  copy->n_analysed = overview->n_analysed;
  copy->from = g_strdup (overview->from);
  copy->to = g_strdup (overview->to);
  for (guint i = 0; i < overview->actors->len; i++)
    {
      AttacheOverviewActor *actor = g_memdup2 (overview->actors->pdata[i], sizeof (AttacheOverviewActor));

      actor->name = g_strdup (actor->name);
      g_ptr_array_add (copy->actors, actor);
    }
  copy_counts (copy->topics, overview->topics);
  copy_counts (copy->subjects, overview->subjects);
  copy_counts (copy->sources, overview->sources);
  return copy;
}

void
attache_overview_free (AttacheOverview *overview)
{
  if (overview == NULL)
    return;

  g_clear_pointer (&overview->actors, g_ptr_array_unref);
  g_clear_pointer (&overview->topics, g_ptr_array_unref);
  g_clear_pointer (&overview->subjects, g_ptr_array_unref);
  g_clear_pointer (&overview->sources, g_ptr_array_unref);
  g_free (overview->from);
  g_free (overview->to);
  g_free (overview);
}

/* Reads (label, count) rows into @counts. */
static int
read_counts (sqlite3_stmt *stmt,
             GPtrArray    *counts)
{
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      AttacheOverviewCount *count = g_new0 (AttacheOverviewCount, 1);

      count->label = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      count->articles = sqlite3_column_int (stmt, 1);
      g_ptr_array_add (counts, count);
    }
  sqlite3_reset (stmt);
  return rc;
}

#define IDS "(SELECT value FROM json_each (?1))"

AttacheOverview *
attache_library_summarize (AttacheLibrary  *self,
                           GArray          *ids,
                           GError         **error)
{
  static const char * const count_queries[] = {
    /* topics: a label counts once per article, whatever its case */
    "SELECT min (label), count (DISTINCT article_id) AS n FROM article_topics "
    "WHERE article_id IN " IDS " GROUP BY label COLLATE NOCASE ORDER BY n DESC, min (rank), min (label)",
    "SELECT subject, count (*) AS n FROM analyses "
    "WHERE article_id IN " IDS " AND subject IS NOT NULL GROUP BY subject ORDER BY n DESC, subject",
    "SELECT source, count (*) AS n FROM articles "
    "WHERE id IN " IDS " AND source IS NOT NULL GROUP BY source ORDER BY n DESC, source",
  };
  AttacheDatabase *database;
  g_autoptr(AttacheOverview) overview = overview_new ();
  g_autoptr(GString) json = g_string_new ("[");
  GPtrArray *count_lists[] = { overview->topics, overview->subjects, overview->sources };
  sqlite3_stmt *stmt;
  int rc = SQLITE_DONE;

  g_return_val_if_fail (ATTACHE_IS_LIBRARY (self), NULL);
  g_return_val_if_fail (ids != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  for (guint i = 0; i < ids->len; i++)
    g_string_append_printf (json, "%s%" G_GINT64_FORMAT, i > 0 ? "," : "", g_array_index (ids, gint64, i));
  g_string_append_c (json, ']');

  database = attache_library_get_database (self);
  _attache_database_lock (database);

  stmt = _attache_database_prepare (database,
                                    "SELECT count (*), count (n.article_id), "
                                    "  min (substr (" ATTACHE_ARTICLE_DATE ("a") ", 1, 10)), "
                                    "  max (substr (" ATTACHE_ARTICLE_DATE ("a") ", 1, 10)) "
                                    "FROM articles a LEFT JOIN analyses n ON n.article_id = a.id "
                                    "WHERE a.id IN " IDS, error);
  if (stmt == NULL)
    goto failed;
  sqlite3_bind_text (stmt, 1, json->str, json->len, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      overview->n_articles = sqlite3_column_int (stmt, 0);
      overview->n_analysed = sqlite3_column_int (stmt, 1);
      overview->from = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      overview->to = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
      rc = SQLITE_DONE;
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    goto failed_sql;

  /* Ranked by their salience summed over the articles: who the set is
   * about, not only who it names most often. */
  stmt = _attache_database_prepare (database,
                                    "SELECT c.id, c.name, c.type, count (*), sum (aa.mentions), "
                                    "  sum (aa.salience) AS s "
                                    "FROM article_actors aa JOIN actors c ON c.id = aa.actor_id "
                                    "WHERE aa.article_id IN " IDS " AND c.hidden = 0 "
                                    "GROUP BY aa.actor_id ORDER BY s DESC, count (*) DESC, c.name, c.id",
                                    error);
  if (stmt == NULL)
    goto failed;
  sqlite3_bind_text (stmt, 1, json->str, json->len, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      AttacheOverviewActor *actor = g_new0 (AttacheOverviewActor, 1);

      actor->id = sqlite3_column_int64 (stmt, 0);
      actor->name = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      actor->type = ATTACHE_ACTOR_LOCATION;
      attache_actor_type_from_string ((const char *) sqlite3_column_text (stmt, 2), &actor->type);
      actor->articles = sqlite3_column_int (stmt, 3);
      actor->mentions = sqlite3_column_int (stmt, 4);
      actor->salience = sqlite3_column_double (stmt, 5);
      g_ptr_array_add (overview->actors, actor);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    goto failed_sql;

  for (guint q = 0; q < G_N_ELEMENTS (count_queries); q++)
    {
      stmt = _attache_database_prepare (database, count_queries[q], error);
      if (stmt == NULL)
        goto failed;
      sqlite3_bind_text (stmt, 1, json->str, json->len, SQLITE_STATIC);
      if ((rc = read_counts (stmt, count_lists[q])) != SQLITE_DONE)
        goto failed_sql;
    }

  _attache_database_unlock (database);
  return g_steal_pointer (&overview);

failed_sql:
  _attache_database_set_error (database, rc, _("Could not read the library"), error);
failed:
  _attache_database_unlock (database);
  return NULL;
}

static gpointer
summarize_run (gpointer       source_object,
               gpointer       task_data,
               GCancellable  *cancellable,
               GError       **error)
{
  return attache_library_summarize (source_object, task_data, error);
}

void
attache_library_summarize_async (AttacheLibrary      *self,
                                 GArray              *ids,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  GArray *copy;

  g_return_if_fail (ATTACHE_IS_LIBRARY (self));
  g_return_if_fail (ids != NULL);

  copy = g_array_sized_new (FALSE, FALSE, sizeof (gint64), ids->len);
  g_array_append_vals (copy, ids->data, ids->len);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, attache_library_summarize_async);
  _attache_task_run_pointer (task, summarize_run, (GDestroyNotify) attache_overview_free,
                             copy, (GDestroyNotify) g_array_unref, ATTACHE_TASK_DEFAULT);
}

AttacheOverview *
attache_library_summarize_finish (AttacheLibrary  *self,
                                  GAsyncResult    *result,
                                  GError         **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

AttacheOverview *
attache_library_summarize_search (AttacheLibrary            *self,
                                  const AttacheSearchQuery  *query,
                                  guint                      limit,
                                  GError                   **error)
{
  g_autoptr(AttacheSearchResults) results = NULL;
  g_autoptr(GArray) ids = NULL;

  g_return_val_if_fail (ATTACHE_IS_LIBRARY (self), NULL);
  g_return_val_if_fail (query != NULL, NULL);

  results = attache_library_find (self, query, limit, error);
  if (results == NULL)
    return NULL;

  ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), results->hits->len);
  for (guint i = 0; i < results->hits->len; i++)
    {
      gint64 id = attache_article_get_id (attache_search_hit_get_article (results->hits->pdata[i]));

      g_array_append_val (ids, id);
    }

  return attache_library_summarize (self, ids, error);
}
