/* test-chart-data.c: the actor network and the timelines, from a real library
 *
 * Short articles written for this test are imported and analysed into a
 * library file in a temporary folder; the network and the timelines are read
 * from it as the window would.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <sqlite3.h>

#include "attache.h"

#include "chart-articles.h"
#include "test-helpers.h"

typedef struct
{
  char           *dir;
  char           *path;
  AttacheLibrary *library;
  GArray         *ids;   /* of chart_articles, in order */
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = test_tmpdir_new ();
  fixture->path = g_build_filename (fixture->dir, "library.db", NULL);
  fixture->library = attache_library_open (fixture->path, &error);
  g_assert_no_error (error);
  fixture->ids = chart_add_articles (fixture->library);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->library);
  g_clear_pointer (&fixture->ids, g_array_unref);
  g_clear_pointer (&fixture->path, g_free);
  g_clear_pointer (&fixture->dir, test_tmpdir_free);
}

static gint64
article_id (Fixture *fixture,
            guint    number)   /* 1-based, as in chart-articles.h */
{
  return g_array_index (fixture->ids, gint64, number - 1);
}

static GArray *
some_articles (Fixture *fixture,
               guint    n,
               ...)
{
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  va_list args;

  va_start (args, n);
  for (guint i = 0; i < n; i++)
    {
      gint64 id = article_id (fixture, va_arg (args, guint));

      g_array_append_val (ids, id);
    }
  va_end (args);

  return ids;
}

static AttacheActorNetwork *
load_network (Fixture *fixture,
              GArray  *ids,
              guint    max_actors)
{
  g_autoptr(GError) error = NULL;
  AttacheActorNetwork *network = attache_actor_network_load (fixture->library, ids, max_actors, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (network);
  return network;
}

static gint64
actor_id (Fixture    *fixture,
          const char *name)
{
  g_autoptr(AttacheActorNetwork) network = load_network (fixture, fixture->ids, 100);
  const AttacheNetworkNode *node = chart_find_node (network, name);

  g_assert_nonnull (node);
  return node->id;
}

/* The network */

static void
test_network_nodes (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(AttacheActorNetwork) network = load_network (fixture, fixture->ids, 0);
  const AttacheNetworkNode *macron, *ukraine, *scholz, *paris;

  g_assert_cmpuint (network->n_articles, ==, 7);
  g_assert_cmpuint (network->nodes->len, ==, network->n_actors);
  g_assert_cmpuint (network->nodes->len, >=, 11);

  /* Macron leads four articles: the most salient over the seven. */
  macron = &g_array_index (network->nodes, AttacheNetworkNode, 0);
  g_assert_cmpstr (macron->name, ==, "Emmanuel Macron");
  g_assert_cmpint (macron->type, ==, ATTACHE_ACTOR_PERSON);
  g_assert_cmpuint (macron->articles, ==, 4);
  g_assert_cmpuint (macron->mentions, ==, 8);
  g_assert_cmpfloat (macron->max_salience, ==, 1.0);

  ukraine = chart_find_node (network, "Ukraine");
  g_assert_nonnull (ukraine);
  g_assert_cmpint (ukraine->type, ==, ATTACHE_ACTOR_COUNTRY);
  g_assert_cmpuint (ukraine->articles, ==, 5);
  g_assert_cmpuint (ukraine->mentions, ==, 6);

  scholz = chart_find_node (network, "Olaf Scholz");
  g_assert_nonnull (scholz);
  g_assert_cmpuint (scholz->articles, ==, 2);
  g_assert_cmpuint (scholz->mentions, ==, 5);

  paris = chart_find_node (network, "Paris");
  g_assert_nonnull (paris);
  g_assert_cmpint (paris->type, ==, ATTACHE_ACTOR_LOCATION);
  g_assert_cmpuint (paris->articles, ==, 2);
  g_assert_cmpuint (paris->mentions, ==, 3);
  g_assert_nonnull (chart_find_node (network, "North Atlantic Treaty Organization"));

  /* Most salient first. */
  for (guint i = 1; i < network->nodes->len; i++)
    g_assert_cmpfloat (g_array_index (network->nodes, AttacheNetworkNode, i - 1).salience, >=,
                       g_array_index (network->nodes, AttacheNetworkNode, i).salience);
}

static void
test_network_edges (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(AttacheActorNetwork) network = load_network (fixture, fixture->ids, 0);

  g_assert_cmpuint (chart_weight (network, "Emmanuel Macron", "Olaf Scholz"), ==, 2);
  g_assert_cmpuint (chart_weight (network, "Olaf Scholz", "Emmanuel Macron"), ==, 2);
  g_assert_cmpuint (chart_weight (network, "Emmanuel Macron", "Ukraine"), ==, 2);
  g_assert_cmpuint (chart_weight (network, "Emmanuel Macron", "France"), ==, 2);
  g_assert_cmpuint (chart_weight (network, "Ukraine", "France"), ==, 2);
  g_assert_cmpuint (chart_weight (network, "Ukraine", "Antony Blinken"), ==, 2);
  g_assert_cmpuint (chart_weight (network, "Olaf Scholz", "Antony Blinken"), ==, 1);
  g_assert_cmpuint (chart_weight (network, "Olaf Scholz", "Berlin"), ==, 1);
  g_assert_cmpuint (chart_weight (network, "Emmanuel Macron", "Paris"), ==, 1);
  g_assert_cmpuint (chart_weight (network, "Volodymyr Zelensky", "France"), ==, 1);
  g_assert_cmpuint (chart_weight (network, "North Atlantic Treaty Organization", "Brussels"), ==, 1);
  g_assert_cmpuint (chart_weight (network, "Germany", "Ukraine"), ==, 1);

  /* In the same article, in different sentences: no edge. */
  g_assert_cmpuint (chart_weight (network, "Olaf Scholz", "Ukraine"), ==, 0);
  g_assert_cmpuint (chart_weight (network, "Berlin", "Paris"), ==, 0);
  /* Never in the same article. */
  g_assert_cmpuint (chart_weight (network, "Olaf Scholz", "Volodymyr Zelensky"), ==, 0);

  g_assert_cmpuint (network->edges->len, ==, 16);
  for (guint i = 0; i < network->edges->len; i++)
    {
      const AttacheNetworkEdge *edge = &g_array_index (network->edges, AttacheNetworkEdge, i);

      g_assert_cmpuint (edge->source, <, edge->target);
      g_assert_cmpuint (edge->target, <, network->nodes->len);
      if (i > 0)
        g_assert_cmpuint (g_array_index (network->edges, AttacheNetworkEdge, i - 1).weight, >=, edge->weight);
    }
}

static void
test_network_some_articles (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(GArray) ids = some_articles (fixture, 2, 1, 4);
  g_autoptr(AttacheActorNetwork) network = load_network (fixture, ids, 0);

  g_assert_cmpuint (network->n_articles, ==, 2);
  g_assert_cmpuint (network->nodes->len, ==, 7);   /* Scholz, Macron, Blinken, Berlin, Ukraine, Paris, Germany */
  g_assert_cmpstr (g_array_index (network->nodes, AttacheNetworkNode, 0).name, ==, "Olaf Scholz");
  g_assert_cmpuint (g_array_index (network->nodes, AttacheNetworkNode, 0).articles, ==, 2);
  g_assert_cmpuint (chart_weight (network, "Emmanuel Macron", "Olaf Scholz"), ==, 2);
  g_assert_cmpuint (chart_weight (network, "Olaf Scholz", "Antony Blinken"), ==, 1);
  g_assert_cmpuint (chart_weight (network, "Ukraine", "Antony Blinken"), ==, 1);
  g_assert_null (chart_find_node (network, "France"));
}

static void
test_network_most_salient (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(AttacheActorNetwork) network = load_network (fixture, fixture->ids, 3);

  g_assert_cmpuint (network->n_actors, >=, 11);
  g_assert_cmpuint (network->nodes->len, ==, 3);
  g_assert_cmpstr (g_array_index (network->nodes, AttacheNetworkNode, 0).name, ==, "Emmanuel Macron");
  g_assert_cmpstr (g_array_index (network->nodes, AttacheNetworkNode, 1).name, ==, "Ukraine");
  g_assert_cmpstr (g_array_index (network->nodes, AttacheNetworkNode, 2).name, ==, "Olaf Scholz");

  /* Only the edges between those kept. */
  g_assert_cmpuint (network->edges->len, ==, 2);
  g_assert_cmpuint (chart_weight (network, "Emmanuel Macron", "Ukraine"), ==, 2);
  g_assert_cmpuint (chart_weight (network, "Emmanuel Macron", "Olaf Scholz"), ==, 2);
}

static void
test_network_hidden (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(AttacheActorNetwork) network = NULL;
  sqlite3 *db;
  char *message = NULL;

  /* The analyst said Ukraine is not an actor (as the window's Hide does). */
  g_assert_cmpint (sqlite3_open (fixture->path, &db), ==, SQLITE_OK);
  sqlite3_busy_timeout (db, 5000);
  g_assert_cmpint (sqlite3_exec (db, "UPDATE actors SET hidden = 1 WHERE name = 'Ukraine'", NULL, NULL, &message),
                   ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_changes (db), ==, 1);
  sqlite3_close (db);

  network = load_network (fixture, fixture->ids, 0);
  g_assert_null (chart_find_node (network, "Ukraine"));
  g_assert_cmpuint (chart_weight (network, "Emmanuel Macron", "France"), ==, 2);
  g_assert_cmpuint (network->edges->len, ==, 16 - 5);   /* Ukraine had five */
}

static void
test_network_skips (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GArray) ids = some_articles (fixture, 2, 1, 2);
  g_autoptr(AttacheActorNetwork) network = NULL;
  g_autoptr(GError) error = NULL;
  gint64 unanalysed, deleted = article_id (fixture, 3), absent = 999999;

  /* An article not analysed yet, one deleted, one that never was. */
  unanalysed = chart_add_article (fixture->library,
                                  "---\ntitle: Later\ndate: 2024-06-01\n---\n"
                                  "Olaf Scholz met Emmanuel Macron again in Berlin.\n",
                                  "later.md", FALSE);
  attache_library_delete_article (fixture->library, deleted, &error);
  g_assert_no_error (error);
  g_array_append_val (ids, unanalysed);
  g_array_append_val (ids, deleted);
  g_array_append_val (ids, absent);

  network = load_network (fixture, ids, 0);
  g_assert_cmpuint (network->n_articles, ==, 2);
  g_assert_cmpuint (chart_weight (network, "Emmanuel Macron", "Olaf Scholz"), ==, 2);
  g_assert_null (chart_find_node (network, "France"));

  /* No articles: an empty network. */
  g_array_set_size (ids, 0);
  g_clear_pointer (&network, attache_actor_network_unref);
  network = load_network (fixture, ids, 0);
  g_assert_cmpuint (network->nodes->len, ==, 0);
  g_assert_cmpuint (network->edges->len, ==, 0);
  g_assert_cmpuint (network->n_articles, ==, 0);
}

static void
network_loaded_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  gpointer *out = user_data;
  GError *error = NULL;

  out[0] = attache_actor_network_load_finish (result, &error);
  out[1] = error;
  out[2] = GINT_TO_POINTER (TRUE);
}

static void
test_network_async (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(AttacheActorNetwork) sync = load_network (fixture, NULL, 0);
  g_autoptr(AttacheActorNetwork) async = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  gpointer out[3] = { NULL, NULL, NULL };

  /* NULL: the whole library, the same as every id. */
  g_assert_cmpuint (sync->nodes->len, ==, 12);
  g_assert_cmpuint (sync->edges->len, ==, 16);

  attache_actor_network_load_async (fixture->library, fixture->ids, 0, NULL, network_loaded_cb, out);
  while (out[2] == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_null (out[1]);
  async = out[0];
  g_assert_cmpuint (async->nodes->len, ==, sync->nodes->len);
  g_assert_cmpuint (async->edges->len, ==, sync->edges->len);
  for (guint i = 0; i < sync->nodes->len; i++)
    g_assert_cmpint (g_array_index (async->nodes, AttacheNetworkNode, i).id, ==,
                     g_array_index (sync->nodes, AttacheNetworkNode, i).id);
  for (guint i = 0; i < sync->edges->len; i++)
    g_assert_cmpmem (&g_array_index (async->edges, AttacheNetworkEdge, i), sizeof (AttacheNetworkEdge),
                     &g_array_index (sync->edges, AttacheNetworkEdge, i), sizeof (AttacheNetworkEdge));

  /* Cancelled: an error, no network. */
  memset (out, 0, sizeof out);
  g_cancellable_cancel (cancellable);
  attache_actor_network_load_async (fixture->library, NULL, 0, cancellable, network_loaded_cb, out);
  while (out[2] == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_null (out[0]);
  g_assert_error ((GError *) out[1], G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error ((GError **) &out[1]);
}

static void
test_network_sort (void)
{
  g_autoptr(AttacheActorNetwork) network = attache_actor_network_new ();
  guint a, b, c;

  a = attache_actor_network_add_node (network, 10, "Small", ATTACHE_ACTOR_LOCATION, 0.2, 1, 1);
  b = attache_actor_network_add_node (network, 20, "Large", ATTACHE_ACTOR_PERSON, 2.0, 3, 9);
  c = attache_actor_network_add_node (network, 30, "Middle", ATTACHE_ACTOR_COUNTRY, 1.0, 2, 4);
  attache_actor_network_add_edge (network, a, b, 1);
  attache_actor_network_add_edge (network, c, b, 5);
  attache_actor_network_add_edge (network, a, c, 0);   /* no edge */
  attache_actor_network_sort (network);

  g_assert_cmpint (g_array_index (network->nodes, AttacheNetworkNode, 0).id, ==, 20);
  g_assert_cmpint (g_array_index (network->nodes, AttacheNetworkNode, 1).id, ==, 30);
  g_assert_cmpint (g_array_index (network->nodes, AttacheNetworkNode, 2).id, ==, 10);
  g_assert_cmpuint (network->edges->len, ==, 2);
  g_assert_cmpuint (g_array_index (network->edges, AttacheNetworkEdge, 0).weight, ==, 5);
  g_assert_cmpuint (g_array_index (network->edges, AttacheNetworkEdge, 0).source, ==, 0);
  g_assert_cmpuint (g_array_index (network->edges, AttacheNetworkEdge, 0).target, ==, 1);
  g_assert_cmpuint (attache_actor_network_get_weight (network, 20, 30), ==, 5);
  g_assert_cmpuint (attache_actor_network_get_weight (network, 10, 20), ==, 1);
  g_assert_cmpuint (attache_actor_network_get_weight (network, 10, 30), ==, 0);
  g_assert_cmpint (attache_actor_network_find_node (network, 10), ==, 2);
  g_assert_cmpint (attache_actor_network_find_node (network, 40), ==, -1);
}

/* Timelines */

static void
assert_bin (AttacheTimeline *timeline,
            guint            index,
            const char      *start,
            guint            count,
            guint            articles)
{
  const AttacheTimelineBin *bin;
  char text[16];

  g_assert_cmpuint (index, <, timeline->bins->len);
  bin = &g_array_index (timeline->bins, AttacheTimelineBin, index);
  g_date_strftime (text, sizeof text, "%Y-%m-%d", &bin->start);
  g_assert_cmpstr (text, ==, start);
  g_assert_cmpuint (bin->count, ==, count);
  g_assert_cmpuint (bin->articles, ==, articles);
}

static AttacheTimeline *
load_actor_timeline (Fixture               *fixture,
                     const char            *name,
                     GArray                *ids,
                     AttacheTimelineBucket  bucket)
{
  g_autoptr(GError) error = NULL;
  AttacheTimeline *timeline =
    attache_timeline_load_for_actor (fixture->library, actor_id (fixture, name), ids, bucket, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (timeline);
  g_assert_cmpint (timeline->kind, ==, ATTACHE_TIMELINE_ACTOR);
  g_assert_cmpstr (timeline->label, ==, name);
  return timeline;
}

static void
test_timeline_actor_weeks (Fixture       *fixture,
                           gconstpointer  data)
{
  /* 4 March to 20 May: 78 days, too many for days; by week, from Monday 4 March. */
  g_autoptr(AttacheTimeline) timeline =
    load_actor_timeline (fixture, "Emmanuel Macron", fixture->ids, ATTACHE_TIMELINE_AUTO);

  g_assert_cmpint (timeline->bucket, ==, ATTACHE_TIMELINE_WEEK);
  g_assert_cmpint (timeline->actor_type, ==, ATTACHE_ACTOR_PERSON);
  g_assert_cmpuint (timeline->bins->len, ==, 12);
  assert_bin (timeline, 0, "2024-03-04", 3, 1);
  assert_bin (timeline, 1, "2024-03-11", 0, 0);
  assert_bin (timeline, 2, "2024-03-18", 2, 1);
  assert_bin (timeline, 3, "2024-03-25", 0, 0);
  assert_bin (timeline, 4, "2024-04-01", 1, 1);
  assert_bin (timeline, 10, "2024-05-13", 0, 0);
  assert_bin (timeline, 11, "2024-05-20", 2, 1);
  g_assert_cmpuint (timeline->total, ==, 8);
  g_assert_cmpuint (timeline->articles, ==, 4);
}

static void
test_timeline_actor_days_months (Fixture       *fixture,
                                 gconstpointer  data)
{
  g_autoptr(AttacheTimeline) days =
    load_actor_timeline (fixture, "Emmanuel Macron", NULL, ATTACHE_TIMELINE_DAY);
  g_autoptr(AttacheTimeline) months =
    load_actor_timeline (fixture, "Emmanuel Macron", NULL, ATTACHE_TIMELINE_MONTH);
  g_autoptr(GArray) ids = some_articles (fixture, 2, 1, 3);
  g_autoptr(AttacheTimeline) some = NULL;

  /* Every day from 4 March to 20 May, empty ones too. */
  g_assert_cmpint (days->bucket, ==, ATTACHE_TIMELINE_DAY);
  g_assert_cmpuint (days->bins->len, ==, 28 + 30 + 20);
  assert_bin (days, 0, "2024-03-04", 3, 1);
  assert_bin (days, 1, "2024-03-05", 0, 0);
  assert_bin (days, 15, "2024-03-19", 2, 1);
  assert_bin (days, 30, "2024-04-03", 1, 1);
  assert_bin (days, 77, "2024-05-20", 2, 1);

  g_assert_cmpint (months->bucket, ==, ATTACHE_TIMELINE_MONTH);
  g_assert_cmpuint (months->bins->len, ==, 3);
  assert_bin (months, 0, "2024-03-01", 5, 2);
  assert_bin (months, 1, "2024-04-01", 1, 1);
  assert_bin (months, 2, "2024-05-01", 2, 1);

  /* Articles 1 and 3 only: 4 to 19 March, by day. */
  some = load_actor_timeline (fixture, "Emmanuel Macron", ids, ATTACHE_TIMELINE_AUTO);
  g_assert_cmpint (some->bucket, ==, ATTACHE_TIMELINE_DAY);
  g_assert_cmpuint (some->bins->len, ==, 16);
  assert_bin (some, 0, "2024-03-04", 3, 1);
  assert_bin (some, 15, "2024-03-19", 2, 1);
  g_assert_cmpuint (some->total, ==, 5);
}

static void
test_timeline_imported_day (Fixture       *fixture,
                            gconstpointer  data)
{
  /* Article 7 has no date: it counts on the day it was imported (UTC). */
  g_autoptr(GArray) ids = some_articles (fixture, 1, 7);
  g_autoptr(AttacheTimeline) timeline = load_actor_timeline (fixture, "Paris", ids, ATTACHE_TIMELINE_AUTO);
  g_autoptr(AttacheArticle) article = attache_library_get_article (fixture->library, article_id (fixture, 7), NULL);
  g_autoptr(GDateTime) imported = g_date_time_to_utc (attache_article_get_imported (article));
  g_autofree char *day = g_date_time_format (imported, "%Y-%m-%d");

  g_assert_null (attache_article_get_published (article));
  g_assert_cmpuint (timeline->bins->len, ==, 1);
  assert_bin (timeline, 0, day, 2, 1);
}

static void
test_timeline_topic (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AttacheTimeline) timeline = NULL;
  g_autoptr(AttacheTimeline) none = NULL;

  /* The topic of article 6, in other letter case. */
  timeline = attache_timeline_load_for_topic (fixture->library, "Security Agreement", NULL,
                                              ATTACHE_TIMELINE_AUTO, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (timeline->kind, ==, ATTACHE_TIMELINE_TOPIC);
  g_assert_cmpstr (timeline->label, ==, "Security Agreement");
  g_assert_cmpint (timeline->bucket, ==, ATTACHE_TIMELINE_DAY);
  g_assert_cmpuint (timeline->bins->len, ==, 1);
  assert_bin (timeline, 0, "2024-05-20", 1, 1);

  none = attache_timeline_load_for_topic (fixture->library, "no such topic", NULL,
                                          ATTACHE_TIMELINE_WEEK, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (none->bins->len, ==, 0);
  g_assert_cmpuint (none->total, ==, 0);
  g_assert_cmpint (none->bucket, ==, ATTACHE_TIMELINE_WEEK);
}

static void
test_timeline_no_actor (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AttacheTimeline) timeline =
    attache_timeline_load_for_actor (fixture->library, 999999, NULL, ATTACHE_TIMELINE_AUTO, NULL, &error);

  g_assert_null (timeline);
  g_assert_error (error, ATTACHE_DATABASE_ERROR, ATTACHE_DATABASE_ERROR_NOT_FOUND);
}

static void
timeline_loaded_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  gpointer *out = user_data;
  GError *error = NULL;

  out[0] = attache_timeline_load_finish (result, &error);
  out[1] = error;
  out[2] = GINT_TO_POINTER (TRUE);
}

static void
test_timeline_async (Fixture       *fixture,
                     gconstpointer  data)
{
  gpointer out[3] = { NULL, NULL, NULL };
  g_autoptr(AttacheTimeline) timeline = NULL;

  attache_timeline_load_for_actor_async (fixture->library, actor_id (fixture, "Ukraine"), NULL,
                                         ATTACHE_TIMELINE_MONTH, NULL, timeline_loaded_cb, out);
  while (out[2] == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_null (out[1]);
  timeline = out[0];
  g_assert_cmpuint (timeline->bins->len, ==, 3);
  assert_bin (timeline, 0, "2024-03-01", 4, 3);
  assert_bin (timeline, 1, "2024-04-01", 1, 1);
  assert_bin (timeline, 2, "2024-05-01", 1, 1);
  g_clear_pointer (&timeline, attache_timeline_unref);

  memset (out, 0, sizeof out);
  attache_timeline_load_for_topic_async (fixture->library, "security agreement", NULL,
                                         ATTACHE_TIMELINE_AUTO, NULL, timeline_loaded_cb, out);
  while (out[2] == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_null (out[1]);
  timeline = out[0];
  g_assert_cmpuint (timeline->total, ==, 1);
}

static void
test_timeline_buckets (void)
{
  GDate first, last, start;
  g_autoptr(GArray) days = g_array_new (FALSE, FALSE, sizeof (GDate));
  g_autoptr(GArray) counts = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(AttacheTimeline) timeline = NULL;
  char text[16];

  g_date_clear (&first, 1);
  g_date_set_dmy (&first, 1, G_DATE_JANUARY, 2024);

  /* Days up to 62 of them, weeks up to 62 of them, then months. */
  last = first;
  g_date_add_days (&last, 61);
  g_assert_cmpint (attache_timeline_choose_bucket (&first, &last), ==, ATTACHE_TIMELINE_DAY);
  g_date_add_days (&last, 1);
  g_assert_cmpint (attache_timeline_choose_bucket (&first, &last), ==, ATTACHE_TIMELINE_WEEK);
  last = first;
  g_date_add_days (&last, 62 * 7 - 1);
  g_assert_cmpint (attache_timeline_choose_bucket (&first, &last), ==, ATTACHE_TIMELINE_WEEK);
  g_date_add_days (&last, 1);
  g_assert_cmpint (attache_timeline_choose_bucket (&first, &last), ==, ATTACHE_TIMELINE_MONTH);
  g_assert_cmpint (attache_timeline_choose_bucket (&first, &first), ==, ATTACHE_TIMELINE_DAY);

  /* Weeks start on Monday: Sunday 7 January 2024 is in the week of 1 January. */
  g_date_set_dmy (&last, 7, G_DATE_JANUARY, 2024);
  attache_timeline_bucket_start (ATTACHE_TIMELINE_WEEK, &last, &start);
  g_date_strftime (text, sizeof text, "%Y-%m-%d", &start);
  g_assert_cmpstr (text, ==, "2024-01-01");
  g_date_set_dmy (&last, 8, G_DATE_JANUARY, 2024);
  attache_timeline_bucket_start (ATTACHE_TIMELINE_WEEK, &last, &start);
  g_date_strftime (text, sizeof text, "%Y-%m-%d", &start);
  g_assert_cmpstr (text, ==, "2024-01-08");
  /* Across the new year. */
  g_date_set_dmy (&last, 1, G_DATE_JANUARY, 2025);
  attache_timeline_bucket_start (ATTACHE_TIMELINE_WEEK, &last, &start);
  g_date_strftime (text, sizeof text, "%Y-%m-%d", &start);
  g_assert_cmpstr (text, ==, "2024-12-30");
  attache_timeline_bucket_start (ATTACHE_TIMELINE_MONTH, &last, &start);
  g_date_strftime (text, sizeof text, "%Y-%m-%d", &start);
  g_assert_cmpstr (text, ==, "2025-01-01");

  /* From days and counts: 30 Dec 2024 and 2 Jan 2025 share a week; months
   * across the year. */
  g_date_set_dmy (&last, 30, G_DATE_DECEMBER, 2024);
  g_array_append_val (days, last);
  g_date_set_dmy (&last, 2, G_DATE_JANUARY, 2025);
  g_array_append_val (days, last);
  g_date_set_dmy (&last, 3, G_DATE_MARCH, 2025);
  g_array_append_val (days, last);
  g_array_append_vals (counts, (guint[]) { 4, 1, 2 }, 3);
  timeline = attache_timeline_new_from_days (ATTACHE_TIMELINE_ACTOR, "Someone", ATTACHE_TIMELINE_AUTO, days, counts);
  g_assert_cmpint (timeline->bucket, ==, ATTACHE_TIMELINE_WEEK);
  assert_bin (timeline, 0, "2024-12-30", 5, 2);
  assert_bin (timeline, 9, "2025-03-03", 2, 1);
  g_assert_cmpuint (timeline->bins->len, ==, 10);
  g_clear_pointer (&timeline, attache_timeline_unref);

  timeline = attache_timeline_new_from_days (ATTACHE_TIMELINE_TOPIC, "Something", ATTACHE_TIMELINE_MONTH, days, NULL);
  g_assert_cmpuint (timeline->bins->len, ==, 4);
  assert_bin (timeline, 0, "2024-12-01", 1, 1);
  assert_bin (timeline, 1, "2025-01-01", 1, 1);
  assert_bin (timeline, 2, "2025-02-01", 0, 0);
  assert_bin (timeline, 3, "2025-03-01", 1, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/charts/network/nodes", test_network_nodes);
  ADD ("/charts/network/edges", test_network_edges);
  ADD ("/charts/network/some-articles", test_network_some_articles);
  ADD ("/charts/network/most-salient", test_network_most_salient);
  ADD ("/charts/network/hidden", test_network_hidden);
  ADD ("/charts/network/skips", test_network_skips);
  ADD ("/charts/network/async", test_network_async);
  g_test_add_func ("/charts/network/sort", test_network_sort);
  ADD ("/charts/timeline/actor-weeks", test_timeline_actor_weeks);
  ADD ("/charts/timeline/actor-days-months", test_timeline_actor_days_months);
  ADD ("/charts/timeline/imported-day", test_timeline_imported_day);
  ADD ("/charts/timeline/topic", test_timeline_topic);
  ADD ("/charts/timeline/no-actor", test_timeline_no_actor);
  ADD ("/charts/timeline/async", test_timeline_async);
  g_test_add_func ("/charts/timeline/buckets", test_timeline_buckets);
#undef ADD

  return g_test_run ();
}
