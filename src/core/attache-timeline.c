/* attache-timeline.c: how often an actor or a topic comes up, day by day, week by week or month by month
 *
 * An article counts on its published day, else on the day it was imported
 * (UTC, as stored). One query reads every article of the actor or topic; the
 * set of articles asked for, if any, is applied in C.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "attache-timeline"

#include "config.h"

#include <glib/gi18n.h>
#include <inttypes.h>
#include <stdio.h>

#include "attache-database-private.h"
#include "attache-library-private.h"
#include "attache-task-private.h"
#include "attache-timeline.h"

/* At most this many bars when the bucket is chosen from the dates. */
#define AUTO_MAX_DAYS   62
#define AUTO_MAX_WEEKS  62

G_DEFINE_BOXED_TYPE (AttacheTimeline, attache_timeline, attache_timeline_ref, attache_timeline_unref)

static AttacheTimeline *
timeline_new (AttacheTimelineKind  kind,
              const char          *label)
{
  AttacheTimeline *timeline = g_new0 (AttacheTimeline, 1);

  g_atomic_ref_count_init (&timeline->ref_count);
  timeline->kind = kind;
  timeline->bucket = ATTACHE_TIMELINE_DAY;
  timeline->label = g_strdup (label);
  timeline->bins = g_array_new (FALSE, TRUE, sizeof (AttacheTimelineBin));

  return timeline;
}

AttacheTimeline *
attache_timeline_ref (AttacheTimeline *timeline)
{
  g_return_val_if_fail (timeline != NULL, NULL);

  g_atomic_ref_count_inc (&timeline->ref_count);
  return timeline;
}

void
attache_timeline_unref (AttacheTimeline *timeline)
{
  g_return_if_fail (timeline != NULL);

  if (!g_atomic_ref_count_dec (&timeline->ref_count))
    return;

  g_free (timeline->label);
  g_array_unref (timeline->bins);
  g_free (timeline);
}

AttacheTimelineBucket
attache_timeline_choose_bucket (const GDate *first,
                                const GDate *last)
{
  int days;

  g_return_val_if_fail (first != NULL && g_date_valid (first), ATTACHE_TIMELINE_DAY);
  g_return_val_if_fail (last != NULL && g_date_valid (last), ATTACHE_TIMELINE_DAY);

  days = ABS (g_date_days_between (first, last)) + 1;
  if (days <= AUTO_MAX_DAYS)
    return ATTACHE_TIMELINE_DAY;
  if (days <= AUTO_MAX_WEEKS * 7)
    return ATTACHE_TIMELINE_WEEK;
  return ATTACHE_TIMELINE_MONTH;
}

void
attache_timeline_bucket_start (AttacheTimelineBucket  bucket,
                               const GDate           *date,
                               GDate                 *start)
{
  g_return_if_fail (date != NULL && g_date_valid (date));
  g_return_if_fail (start != NULL);

  *start = *date;
  switch (bucket)
    {
    case ATTACHE_TIMELINE_WEEK:
      g_date_subtract_days (start, (guint) g_date_get_weekday (date) - G_DATE_MONDAY);
      break;
    case ATTACHE_TIMELINE_MONTH:
      g_date_set_day (start, 1);
      break;
    case ATTACHE_TIMELINE_AUTO:
    case ATTACHE_TIMELINE_DAY:
    default:
      break;
    }
}

/* Which bar @start (a bucket's first day) is, counting from @first's. */
static guint
bin_index (AttacheTimelineBucket  bucket,
           const GDate           *first,
           const GDate           *start)
{
  switch (bucket)
    {
    case ATTACHE_TIMELINE_WEEK:
      return g_date_days_between (first, start) / 7;
    case ATTACHE_TIMELINE_MONTH:
      return (g_date_get_year (start) - g_date_get_year (first)) * 12 +
             (int) g_date_get_month (start) - (int) g_date_get_month (first);
    case ATTACHE_TIMELINE_AUTO:
    case ATTACHE_TIMELINE_DAY:
    default:
      return g_date_days_between (first, start);
    }
}

static void
next_bucket (AttacheTimelineBucket  bucket,
             GDate                 *date)
{
  switch (bucket)
    {
    case ATTACHE_TIMELINE_WEEK:
      g_date_add_days (date, 7);
      break;
    case ATTACHE_TIMELINE_MONTH:
      g_date_add_months (date, 1);
      break;
    case ATTACHE_TIMELINE_AUTO:
    case ATTACHE_TIMELINE_DAY:
    default:
      g_date_add_days (date, 1);
      break;
    }
}

static void
fill_bins (AttacheTimeline       *timeline,
           AttacheTimelineBucket  bucket,
           GArray                *days,
           GArray                *counts)
{
  GDate first, last, start, end;

  g_array_set_size (timeline->bins, 0);
  timeline->total = 0;
  timeline->articles = 0;

  if (days->len == 0)
    {
      timeline->bucket = bucket != ATTACHE_TIMELINE_AUTO ? bucket : ATTACHE_TIMELINE_DAY;
      return;
    }

  first = last = g_array_index (days, GDate, 0);
  for (guint i = 1; i < days->len; i++)
    {
      const GDate *day = &g_array_index (days, GDate, i);

      if (g_date_compare (day, &first) < 0)
        first = *day;
      if (g_date_compare (day, &last) > 0)
        last = *day;
    }

  if (bucket == ATTACHE_TIMELINE_AUTO)
    bucket = attache_timeline_choose_bucket (&first, &last);
  timeline->bucket = bucket;

  attache_timeline_bucket_start (bucket, &first, &start);
  attache_timeline_bucket_start (bucket, &last, &end);
  for (GDate date = start; g_date_compare (&date, &end) <= 0; next_bucket (bucket, &date))
    {
      AttacheTimelineBin bin = { 0 };

      bin.start = date;
      g_array_append_val (timeline->bins, bin);
    }

  for (guint i = 0; i < days->len; i++)
    {
      const GDate *day = &g_array_index (days, GDate, i);
      guint count = counts != NULL ? g_array_index (counts, guint, i) : 1;
      AttacheTimelineBin *bin;
      GDate day_start;
      guint index;

      attache_timeline_bucket_start (bucket, day, &day_start);
      index = bin_index (bucket, &start, &day_start);
      g_assert (index < timeline->bins->len);
      bin = &g_array_index (timeline->bins, AttacheTimelineBin, index);
      bin->count += count;
      bin->articles++;
      timeline->total += count;
      timeline->articles++;
    }
}

AttacheTimeline *
attache_timeline_new_from_days (AttacheTimelineKind    kind,
                                const char            *label,
                                AttacheTimelineBucket  bucket,
                                GArray                *days,
                                GArray                *counts)
{
  AttacheTimeline *timeline;

  g_return_val_if_fail (label != NULL, NULL);
  g_return_val_if_fail (days != NULL, NULL);
  g_return_val_if_fail (counts == NULL || counts->len == days->len, NULL);

  for (guint i = 0; i < days->len; i++)
    g_return_val_if_fail (g_date_valid (&g_array_index (days, GDate, i)), NULL);

  timeline = timeline_new (kind, label);
  fill_bins (timeline, bucket, days, counts);

  return timeline;
}

/* Loading */

/* "2024-04-02" (what the query gives: the first ten characters of an ISO 8601
 * date or date-time) as a GDate. */
static gboolean
parse_day (const char *text,
           GDate      *date)
{
  unsigned year, month, day;
  char rest;

  if (text == NULL || sscanf (text, "%4u-%2u-%2u%c", &year, &month, &day, &rest) != 3)
    return FALSE;
  if (!g_date_valid_dmy (day, month, year))
    return FALSE;

  g_date_clear (date, 1);
  g_date_set_dmy (date, day, month, year);
  return TRUE;
}

static GHashTable *
new_id_set (GArray *article_ids)
{
  GHashTable *set;

  if (article_ids == NULL)
    return NULL;

  set = g_hash_table_new (g_int64_hash, g_int64_equal);
  for (guint i = 0; i < article_ids->len; i++)
    g_hash_table_add (set, &g_array_index (article_ids, gint64, i));

  return set;
}

/* Reads (article id, day, count) rows from @stmt, bound and locked by the
 * caller, into @days and @counts; rows of articles not in @only (NULL:
 * all) are skipped. */
static gboolean
read_days (AttacheDatabase  *database,
           sqlite3_stmt     *stmt,
           GHashTable       *only,
           GArray           *days,
           GArray           *counts,
           GCancellable     *cancellable,
           GError          **error)
{
  guint n = 0;
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      guint count = sqlite3_column_int (stmt, 2);
      GDate day;

      if (++n % 4096 == 0 && g_cancellable_set_error_if_cancelled (cancellable, error))
        {
          sqlite3_reset (stmt);
          return FALSE;
        }
      if (only != NULL && !g_hash_table_contains (only, &id))
        continue;
      if (!parse_day ((const char *) sqlite3_column_text (stmt, 1), &day))
        continue;
      g_array_append_val (days, day);
      g_array_append_val (counts, count);
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    return _attache_database_set_error (database, rc, _("Could not read the timeline"), error);

  return TRUE;
}

/* An article's day: published, else imported. */
#define ARTICLE_DAY "substr (coalesce (a.published, a.imported), 1, 10)"

AttacheTimeline *
attache_timeline_load_for_actor (AttacheLibrary         *library,
                                 gint64                  actor_id,
                                 GArray                 *article_ids,
                                 AttacheTimelineBucket   bucket,
                                 GCancellable           *cancellable,
                                 GError                **error)
{
  AttacheDatabase *database;
  g_autoptr(AttacheTimeline) timeline = NULL;
  g_autoptr(GHashTable) only = NULL;
  g_autoptr(GArray) days = g_array_new (FALSE, FALSE, sizeof (GDate));
  g_autoptr(GArray) counts = g_array_new (FALSE, FALSE, sizeof (guint));
  sqlite3_stmt *stmt;
  gboolean ok;
  int rc;

  g_return_val_if_fail (ATTACHE_IS_LIBRARY (library), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  database = attache_library_get_database (library);
  only = new_id_set (article_ids);

  _attache_database_lock (database);

  stmt = _attache_database_prepare (database, "SELECT name, type FROM actors WHERE id = ?1", error);
  if (stmt == NULL)
    goto failed;
  sqlite3_bind_int64 (stmt, 1, actor_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      timeline = timeline_new (ATTACHE_TIMELINE_ACTOR, (const char *) sqlite3_column_text (stmt, 0));
      timeline->actor_id = actor_id;
      timeline->actor_type = ATTACHE_ACTOR_LOCATION;
      attache_actor_type_from_string ((const char *) sqlite3_column_text (stmt, 1), &timeline->actor_type);
    }
  sqlite3_reset (stmt);
  if (rc == SQLITE_DONE)
    {
      g_set_error (error, ATTACHE_DATABASE_ERROR, ATTACHE_DATABASE_ERROR_NOT_FOUND,
                   _("There is no actor %" PRId64), (int64_t) actor_id);
      goto failed;
    }
  if (rc != SQLITE_ROW)
    {
      _attache_database_set_error (database, rc, _("Could not read the timeline"), error);
      goto failed;
    }

  stmt = _attache_database_prepare (database,
                                    "SELECT a.id, " ARTICLE_DAY ", aa.mentions "
                                    "FROM article_actors aa JOIN articles a ON a.id = aa.article_id "
                                    "WHERE aa.actor_id = ?1", error);
  if (stmt == NULL)
    goto failed;
  sqlite3_bind_int64 (stmt, 1, actor_id);
  ok = read_days (database, stmt, only, days, counts, cancellable, error);
  _attache_database_unlock (database);
  if (!ok)
    return NULL;

  fill_bins (timeline, bucket, days, counts);
  return g_steal_pointer (&timeline);

failed:
  _attache_database_unlock (database);
  return NULL;
}

AttacheTimeline *
attache_timeline_load_for_topic (AttacheLibrary         *library,
                                 const char             *label,
                                 GArray                 *article_ids,
                                 AttacheTimelineBucket   bucket,
                                 GCancellable           *cancellable,
                                 GError                **error)
{
  AttacheDatabase *database;
  g_autoptr(AttacheTimeline) timeline = NULL;
  g_autoptr(GHashTable) only = NULL;
  g_autoptr(GArray) days = g_array_new (FALSE, FALSE, sizeof (GDate));
  g_autoptr(GArray) counts = g_array_new (FALSE, FALSE, sizeof (guint));
  sqlite3_stmt *stmt;
  gboolean ok;

  g_return_val_if_fail (ATTACHE_IS_LIBRARY (library), NULL);
  g_return_val_if_fail (label != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  database = attache_library_get_database (library);
  only = new_id_set (article_ids);
  timeline = timeline_new (ATTACHE_TIMELINE_TOPIC, label);

  _attache_database_lock (database);
  stmt = _attache_database_prepare (database,
                                    "SELECT a.id, " ARTICLE_DAY ", 1 "
                                    "FROM articles a WHERE a.id IN ("
                                    "  SELECT article_id FROM article_topics WHERE label = ?1 COLLATE NOCASE)",
                                    error);
  if (stmt == NULL)
    {
      _attache_database_unlock (database);
      return NULL;
    }
  sqlite3_bind_text (stmt, 1, label, -1, SQLITE_TRANSIENT);
  ok = read_days (database, stmt, only, days, counts, cancellable, error);
  _attache_database_unlock (database);
  if (!ok)
    return NULL;

  fill_bins (timeline, bucket, days, counts);
  return g_steal_pointer (&timeline);
}

/* Asynchronous variants */

typedef struct
{
  gint64                 actor_id;
  char                  *label;         /* a topic, or NULL for the actor */
  GArray                *article_ids;
  AttacheTimelineBucket  bucket;
} LoadData;

static void
load_data_free (LoadData *data)
{
  g_free (data->label);
  g_clear_pointer (&data->article_ids, g_array_unref);
  g_free (data);
}

static gpointer
load_run (gpointer       source_object,
          gpointer       task_data,
          GCancellable  *cancellable,
          GError       **error)
{
  LoadData *data = task_data;

  if (data->label != NULL)
    return attache_timeline_load_for_topic (source_object, data->label, data->article_ids,
                                            data->bucket, cancellable, error);
  else
    return attache_timeline_load_for_actor (source_object, data->actor_id, data->article_ids,
                                            data->bucket, cancellable, error);
}

static void
load_async (AttacheLibrary        *library,
            LoadData              *data,
            GCancellable          *cancellable,
            GAsyncReadyCallback    callback,
            gpointer               user_data)
{
  g_autoptr(GTask) task = g_task_new (library, cancellable, callback, user_data);

  g_task_set_source_tag (task, attache_timeline_load_finish);
  /* The loads look at the cancellable themselves, as they go. */
  _attache_task_run_pointer (task, load_run, (GDestroyNotify) attache_timeline_unref,
                             data, (GDestroyNotify) load_data_free, ATTACHE_TASK_RUN_WHEN_CANCELLED);
}

void
attache_timeline_load_for_actor_async (AttacheLibrary        *library,
                                       gint64                 actor_id,
                                       GArray                *article_ids,
                                       AttacheTimelineBucket  bucket,
                                       GCancellable          *cancellable,
                                       GAsyncReadyCallback    callback,
                                       gpointer               user_data)
{
  LoadData *data;

  g_return_if_fail (ATTACHE_IS_LIBRARY (library));

  data = g_new0 (LoadData, 1);
  data->actor_id = actor_id;
  data->article_ids = article_ids != NULL ? g_array_copy (article_ids) : NULL;
  data->bucket = bucket;
  load_async (library, data, cancellable, callback, user_data);
}

void
attache_timeline_load_for_topic_async (AttacheLibrary        *library,
                                       const char            *label,
                                       GArray                *article_ids,
                                       AttacheTimelineBucket  bucket,
                                       GCancellable          *cancellable,
                                       GAsyncReadyCallback    callback,
                                       gpointer               user_data)
{
  LoadData *data;

  g_return_if_fail (ATTACHE_IS_LIBRARY (library));
  g_return_if_fail (label != NULL);

  data = g_new0 (LoadData, 1);
  data->label = g_strdup (label);
  data->article_ids = article_ids != NULL ? g_array_copy (article_ids) : NULL;
  data->bucket = bucket;
  load_async (library, data, cancellable, callback, user_data);
}

AttacheTimeline *
attache_timeline_load_finish (GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (G_IS_TASK (result), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == attache_timeline_load_finish, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
