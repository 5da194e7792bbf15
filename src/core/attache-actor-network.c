/* attache-actor-network.c: who appears with whom in a set of articles
 *
 * Two passes over the articles. The first reads each article's actors (one
 * small query each, the library's lock held only for it) and adds up their
 * salience, articles and mentions, to keep the most salient. The second reads
 * the mentions of those in each article that names two of them or more, and
 * the article's text, which is cut into sentences by attache_tokenize ()
 * without the lock held: every sentence that names two of them adds one to
 * their edge.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "attache-actor-network"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "attache-actor-network.h"
#include "attache-database-private.h"
#include "attache-library-private.h"
#include "attache-task-private.h"
#include "attache-tokenizer.h"

/* Past this many actors a network is a hairball, and the edge matrix large. */
#define MAX_ACTORS 1000

/* How often the workers look at the cancellable, in articles. */
#define CANCEL_CHECK_INTERVAL 32

G_DEFINE_BOXED_TYPE (AttacheActorNetwork, attache_actor_network,
                     attache_actor_network_ref, attache_actor_network_unref)

static void
node_clear (gpointer data)
{
  AttacheNetworkNode *node = data;

  g_clear_pointer (&node->name, g_free);
}

AttacheActorNetwork *
attache_actor_network_new (void)
{
  AttacheActorNetwork *network = g_new0 (AttacheActorNetwork, 1);

  g_atomic_ref_count_init (&network->ref_count);
  network->nodes = g_array_new (FALSE, TRUE, sizeof (AttacheNetworkNode));
  g_array_set_clear_func (network->nodes, node_clear);
  network->edges = g_array_new (FALSE, TRUE, sizeof (AttacheNetworkEdge));

  return network;
}

AttacheActorNetwork *
attache_actor_network_ref (AttacheActorNetwork *network)
{
  g_return_val_if_fail (network != NULL, NULL);

  g_atomic_ref_count_inc (&network->ref_count);
  return network;
}

void
attache_actor_network_unref (AttacheActorNetwork *network)
{
  g_return_if_fail (network != NULL);

  if (!g_atomic_ref_count_dec (&network->ref_count))
    return;

  g_array_unref (network->nodes);
  g_array_unref (network->edges);
  g_free (network);
}

guint
attache_actor_network_add_node (AttacheActorNetwork *network,
                                gint64               id,
                                const char          *name,
                                AttacheActorType     type,
                                double               salience,
                                guint                articles,
                                guint                mentions)
{
  AttacheNetworkNode node = { 0 };

  g_return_val_if_fail (network != NULL, 0);
  g_return_val_if_fail (name != NULL, 0);

  node.id = id;
  node.name = g_strdup (name);
  node.type = type;
  node.salience = salience;
  node.max_salience = MIN (salience, 1.0);
  node.articles = articles;
  node.mentions = mentions;
  g_array_append_val (network->nodes, node);

  return network->nodes->len - 1;
}

void
attache_actor_network_add_edge (AttacheActorNetwork *network,
                                guint                a,
                                guint                b,
                                guint                weight)
{
  AttacheNetworkEdge edge;

  g_return_if_fail (network != NULL);
  g_return_if_fail (a < network->nodes->len && b < network->nodes->len);
  g_return_if_fail (a != b);

  if (weight == 0)
    return;

  edge.source = MIN (a, b);
  edge.target = MAX (a, b);
  edge.weight = weight;
  g_array_append_val (network->edges, edge);
}

static gint
compare_nodes (gconstpointer a,
               gconstpointer b)
{
  const AttacheNetworkNode *x = a, *y = b;

  if (x->salience != y->salience)
    return x->salience > y->salience ? -1 : 1;
  if (x->mentions != y->mentions)
    return x->mentions > y->mentions ? -1 : 1;
  if (x->id != y->id)
    return x->id < y->id ? -1 : 1;
  return 0;
}

static gint
compare_edges (gconstpointer a,
               gconstpointer b)
{
  const AttacheNetworkEdge *x = a, *y = b;

  if (x->weight != y->weight)
    return x->weight > y->weight ? -1 : 1;
  if (x->source != y->source)
    return x->source < y->source ? -1 : 1;
  return x->target < y->target ? -1 : x->target > y->target;
}

/* Most salient node first, heaviest edge first; ties by id, so the order is
 * the same whatever order they came in. */
void
attache_actor_network_sort (AttacheActorNetwork *network)
{
  g_autoptr(GHashTable) index_of_id = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autofree gint64 *old_ids = NULL;
  g_autofree guint *new_index = NULL;
  guint n;

  g_return_if_fail (network != NULL);

  n = network->nodes->len;
  old_ids = g_new0 (gint64, MAX (n, 1));
  new_index = g_new0 (guint, MAX (n, 1));
  for (guint i = 0; i < n; i++)
    old_ids[i] = g_array_index (network->nodes, AttacheNetworkNode, i).id;

  g_array_sort (network->nodes, compare_nodes);
  for (guint i = 0; i < n; i++)
    g_hash_table_insert (index_of_id, &g_array_index (network->nodes, AttacheNetworkNode, i).id,
                         GUINT_TO_POINTER (i));
  for (guint i = 0; i < n; i++)
    new_index[i] = GPOINTER_TO_UINT (g_hash_table_lookup (index_of_id, &old_ids[i]));

  for (guint i = 0; i < network->edges->len; i++)
    {
      AttacheNetworkEdge *edge = &g_array_index (network->edges, AttacheNetworkEdge, i);
      guint a = new_index[edge->source], b = new_index[edge->target];

      edge->source = MIN (a, b);
      edge->target = MAX (a, b);
    }
  g_array_sort (network->edges, compare_edges);
}

int
attache_actor_network_find_node (AttacheActorNetwork *network,
                                 gint64               actor_id)
{
  g_return_val_if_fail (network != NULL, -1);

  for (guint i = 0; i < network->nodes->len; i++)
    if (g_array_index (network->nodes, AttacheNetworkNode, i).id == actor_id)
      return i;

  return -1;
}

guint
attache_actor_network_get_weight (AttacheActorNetwork *network,
                                  gint64               actor_a,
                                  gint64               actor_b)
{
  int a, b;

  g_return_val_if_fail (network != NULL, 0);

  a = attache_actor_network_find_node (network, actor_a);
  b = attache_actor_network_find_node (network, actor_b);
  if (a < 0 || b < 0 || a == b)
    return 0;

  for (guint i = 0; i < network->edges->len; i++)
    {
      const AttacheNetworkEdge *edge = &g_array_index (network->edges, AttacheNetworkEdge, i);

      if (edge->source == (guint) MIN (a, b) && edge->target == (guint) MAX (a, b))
        return edge->weight;
    }

  return 0;
}

/* Loading */

typedef struct
{
  gint64            id;
  char             *name;
  AttacheActorType  type;
  double            salience;
  double            max_salience;
  guint             articles;
  guint             mentions;
} ActorTotals;

static void
actor_totals_free (ActorTotals *totals)
{
  g_free (totals->name);
  g_free (totals);
}

static gint
compare_totals (gconstpointer a,
                gconstpointer b)
{
  const ActorTotals *x = *(ActorTotals * const *) a, *y = *(ActorTotals * const *) b;

  if (x->salience != y->salience)
    return x->salience > y->salience ? -1 : 1;
  if (x->mentions != y->mentions)
    return x->mentions > y->mentions ? -1 : 1;
  return x->id < y->id ? -1 : x->id > y->id;
}

/* One mention of a kept actor: its node and where it starts, in characters. */
typedef struct
{
  guint   node;
  guint32 start;
} Mention;

static gboolean
read_failed (AttacheDatabase  *database,
             int               rc,
             GError          **error)
{
  return _attache_database_set_error (database, rc, _("Could not read the actors’ network"), error);
}

/* Every article with at least one actor, oldest first. */
static GArray *
list_analysed_articles (AttacheDatabase  *database,
                        GError          **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_stmt *stmt;
  int rc;

  _attache_database_lock (database);
  stmt = _attache_database_prepare (database,
                                    "SELECT DISTINCT article_id FROM article_actors ORDER BY article_id",
                                    error);
  if (stmt == NULL)
    {
      _attache_database_unlock (database);
      return NULL;
    }
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (ids, id);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    read_failed (database, rc, error);
  _attache_database_unlock (database);

  return rc == SQLITE_DONE ? g_steal_pointer (&ids) : NULL;
}

/* Adds the actors of article @id to @totals. Returns how many it has, -1 on error. */
static int
add_article_actors (AttacheDatabase  *database,
                    gint64            id,
                    GHashTable       *totals,
                    GError          **error)
{
  sqlite3_stmt *stmt;
  int n = 0;
  int rc;

  _attache_database_lock (database);
  stmt = _attache_database_prepare (database,
                                    "SELECT aa.actor_id, aa.mentions, aa.salience, c.name, c.type "
                                    "FROM article_actors aa JOIN actors c ON c.id = aa.actor_id "
                                    "WHERE aa.article_id = ?1 AND c.hidden = 0",
                                    error);
  if (stmt == NULL)
    {
      _attache_database_unlock (database);
      return -1;
    }
  sqlite3_bind_int64 (stmt, 1, id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 actor_id = sqlite3_column_int64 (stmt, 0);
      ActorTotals *actor = g_hash_table_lookup (totals, &actor_id);
      double salience = sqlite3_column_double (stmt, 2);

      if (actor == NULL)
        {
          actor = g_new0 (ActorTotals, 1);
          actor->id = actor_id;
          actor->name = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
          actor->type = ATTACHE_ACTOR_LOCATION;
          attache_actor_type_from_string ((const char *) sqlite3_column_text (stmt, 4), &actor->type);
          g_hash_table_insert (totals, &actor->id, actor);
        }
      actor->salience += salience;
      actor->max_salience = MAX (actor->max_salience, salience);
      actor->articles++;
      actor->mentions += sqlite3_column_int (stmt, 1);
      n++;
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      read_failed (database, rc, error);
      n = -1;
    }
  _attache_database_unlock (database);

  return n;
}

/* The mentions of the kept actors in article @id, in the order of the text,
 * and the text when they are of two actors or more (else *@text is NULL).
 * FALSE on error. */
static gboolean
read_article_mentions (AttacheDatabase  *database,
                       gint64            id,
                       GHashTable       *node_of_actor,
                       GArray           *mentions,
                       char            **text,
                       GError          **error)
{
  sqlite3_stmt *stmt;
  gboolean several = FALSE;
  int rc;

  g_array_set_size (mentions, 0);
  *text = NULL;

  _attache_database_lock (database);
  stmt = _attache_database_prepare (database,
                                    "SELECT actor_id, start FROM mentions WHERE article_id = ?1 ORDER BY start",
                                    error);
  if (stmt == NULL)
    goto failed;
  sqlite3_bind_int64 (stmt, 1, id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 actor_id = sqlite3_column_int64 (stmt, 0);
      gpointer node;
      Mention mention;

      if (!g_hash_table_lookup_extended (node_of_actor, &actor_id, NULL, &node))
        continue;
      mention.node = GPOINTER_TO_UINT (node);
      mention.start = sqlite3_column_int (stmt, 1);
      if (mentions->len > 0 && g_array_index (mentions, Mention, 0).node != mention.node)
        several = TRUE;
      g_array_append_val (mentions, mention);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      read_failed (database, rc, error);
      goto failed;
    }

  if (several)
    {
      stmt = _attache_database_prepare (database, "SELECT body FROM articles WHERE id = ?1", error);
      if (stmt == NULL)
        goto failed;
      sqlite3_bind_int64 (stmt, 1, id);
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        *text = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      sqlite3_reset (stmt);
      if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        {
          read_failed (database, rc, error);
          goto failed;
        }
    }

  _attache_database_unlock (database);
  return TRUE;

failed:
  _attache_database_unlock (database);
  return FALSE;
}

static gint
compare_uint (gconstpointer a,
              gconstpointer b)
{
  guint x = *(const guint *) a, y = *(const guint *) b;

  return x < y ? -1 : x > y;
}

/* Adds one to @matrix (n × n, upper triangle) for each pair of different
 * nodes in @nodes, the nodes one sentence names. Sorts @nodes. */
static void
count_sentence (GArray *nodes,
                guint  *matrix,
                guint   n)
{
  guint *v = (guint *) nodes->data;
  guint len = 0;

  g_array_sort (nodes, compare_uint);
  for (guint i = 0; i < nodes->len; i++)
    if (len == 0 || v[len - 1] != v[i])
      v[len++] = v[i];

  for (guint i = 0; i < len; i++)
    for (guint j = i + 1; j < len; j++)
      matrix[v[i] * n + v[j]]++;

  g_array_set_size (nodes, 0);
}

/* The byte @n_chars characters into @text, or its end if it is shorter. */
static const char *
skip_chars (const char *text,
            guint32     n_chars)
{
  const char *p = text;

  for (guint32 i = 0; i < n_chars && *p != '\0'; i++)
    p = g_utf8_next_char (p);

  return p;
}

/* Cuts @text into sentences and counts, for each pair of nodes, the sentences
 * that name both. @mentions are in the order of the text. */
static void
count_pairs (const char *text,
             GArray     *mentions,
             guint      *matrix,
             guint       n)
{
  g_autoptr(GArray) tokens = NULL;
  g_autoptr(GArray) sentence = g_array_new (FALSE, FALSE, sizeof (guint));
  const Mention *last = &g_array_index (mentions, Mention, mentions->len - 1);
  const AttacheToken *token;
  const char *end;
  guint t = 0, n_tokens;
  guint32 sentence_end = 0;   /* the first character past the current sentence */

  /* The sentences after the last mention's paragraph do not matter: stop at
   * the first blank line after it, where a sentence ends anyway. */
  end = strstr (skip_chars (text, last->start), "\n\n");
  tokens = attache_tokenize (text, end != NULL ? end - text : -1);
  token = (const AttacheToken *) (gpointer) tokens->data;
  n_tokens = tokens->len;

  for (guint m = 0; m < mentions->len; m++)
    {
      const Mention *mention = &g_array_index (mentions, Mention, m);

      if (mention->start >= sentence_end)
        {
          /* A new sentence: count the one before, and find where this one
           * ends, at the start of the next. */
          count_sentence (sentence, matrix, n);
          while (t < n_tokens && token[t].char_start <= mention->start)
            t++;
          while (t < n_tokens && !(token[t].flags & ATTACHE_TOKEN_SENTENCE_START))
            t++;
          sentence_end = t < n_tokens ? token[t].char_start : G_MAXUINT32;
        }

      g_array_append_val (sentence, mention->node);
    }
  count_sentence (sentence, matrix, n);
}

AttacheActorNetwork *
attache_actor_network_load (AttacheLibrary  *library,
                            GArray          *article_ids,
                            guint            max_actors,
                            GCancellable    *cancellable,
                            GError         **error)
{
  AttacheDatabase *database;
  g_autoptr(GArray) all_ids = NULL;
  g_autoptr(GHashTable) totals = NULL;
  g_autoptr(GHashTable) node_of_actor = NULL;
  g_autoptr(GPtrArray) ranked = NULL;
  g_autoptr(GArray) candidates = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) mentions = g_array_new (FALSE, FALSE, sizeof (Mention));
  g_autoptr(AttacheActorNetwork) network = NULL;
  g_autofree guint *matrix = NULL;
  GHashTableIter iter;
  gpointer value;
  guint n;

  g_return_val_if_fail (ATTACHE_IS_LIBRARY (library), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  database = attache_library_get_database (library);
  if (max_actors == 0)
    max_actors = ATTACHE_ACTOR_NETWORK_DEFAULT_SIZE;
  max_actors = MIN (max_actors, MAX_ACTORS);

  if (article_ids == NULL)
    {
      all_ids = list_analysed_articles (database, error);
      if (all_ids == NULL)
        return NULL;
      article_ids = all_ids;
    }

  network = attache_actor_network_new ();

  /* First pass: the totals of every actor. */
  totals = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL,
                                  (GDestroyNotify) actor_totals_free);
  for (guint i = 0; i < article_ids->len; i++)
    {
      gint64 id = g_array_index (article_ids, gint64, i);
      int n_actors;

      if (i % CANCEL_CHECK_INTERVAL == 0 && g_cancellable_set_error_if_cancelled (cancellable, error))
        return NULL;

      n_actors = add_article_actors (database, id, totals, error);
      if (n_actors < 0)
        return NULL;
      if (n_actors > 0)
        network->n_articles++;
      if (n_actors > 1)
        g_array_append_val (candidates, id);
    }
  network->n_actors = g_hash_table_size (totals);

  /* The most salient are kept. */
  ranked = g_ptr_array_sized_new (g_hash_table_size (totals));
  g_hash_table_iter_init (&iter, totals);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    g_ptr_array_add (ranked, value);
  g_ptr_array_sort (ranked, compare_totals);
  n = MIN (ranked->len, max_actors);

  node_of_actor = g_hash_table_new (g_int64_hash, g_int64_equal);
  for (guint i = 0; i < n; i++)
    {
      ActorTotals *actor = g_ptr_array_index (ranked, i);
      AttacheNetworkNode node = { 0 };

      node.id = actor->id;
      node.name = g_steal_pointer (&actor->name);
      node.type = actor->type;
      node.salience = actor->salience;
      node.max_salience = actor->max_salience;
      node.articles = actor->articles;
      node.mentions = actor->mentions;
      g_array_append_val (network->nodes, node);
      g_hash_table_insert (node_of_actor, &actor->id, GUINT_TO_POINTER (i));
    }

  /* Second pass: the sentences that name two of them. */
  matrix = g_new0 (guint, MAX (n * n, 1));
  for (guint i = 0; i < candidates->len && n > 1; i++)
    {
      g_autofree char *text = NULL;

      if (i % CANCEL_CHECK_INTERVAL == 0 && g_cancellable_set_error_if_cancelled (cancellable, error))
        return NULL;

      if (!read_article_mentions (database, g_array_index (candidates, gint64, i),
                                  node_of_actor, mentions, &text, error))
        return NULL;
      if (text != NULL)
        count_pairs (text, mentions, matrix, n);
    }

  for (guint a = 0; a < n; a++)
    for (guint b = a + 1; b < n; b++)
      if (matrix[a * n + b] > 0)
        attache_actor_network_add_edge (network, a, b, matrix[a * n + b]);
  attache_actor_network_sort (network);

  return g_steal_pointer (&network);
}

/* Asynchronous variant */

typedef struct
{
  GArray *article_ids;   /* NULL: every article */
  guint   max_actors;
} LoadData;

static void
load_data_free (LoadData *data)
{
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

  return attache_actor_network_load (source_object, data->article_ids, data->max_actors, cancellable, error);
}

void
attache_actor_network_load_async (AttacheLibrary      *library,
                                  GArray              *article_ids,
                                  guint                max_actors,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  LoadData *data;

  g_return_if_fail (ATTACHE_IS_LIBRARY (library));

  data = g_new0 (LoadData, 1);
  data->article_ids = article_ids != NULL ? g_array_copy (article_ids) : NULL;
  data->max_actors = max_actors;

  task = g_task_new (library, cancellable, callback, user_data);
  g_task_set_source_tag (task, attache_actor_network_load_async);
  /* The load looks at the cancellable itself, as it goes. */
  _attache_task_run_pointer (task, load_run, (GDestroyNotify) attache_actor_network_unref,
                             data, (GDestroyNotify) load_data_free, ATTACHE_TASK_RUN_WHEN_CANCELLED);
}

AttacheActorNetwork *
attache_actor_network_load_finish (GAsyncResult  *result,
                                   GError       **error)
{
  g_return_val_if_fail (G_IS_TASK (result), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == attache_actor_network_load_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
