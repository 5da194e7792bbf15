/* attache-actor-network.h: who appears with whom in a set of articles
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "attache-analysis.h"
#include "attache-library.h"

G_BEGIN_DECLS

/* How many actors a network keeps unless asked otherwise: more is unreadable. */
#define ATTACHE_ACTOR_NETWORK_DEFAULT_SIZE 60

/* One actor of the network. */
typedef struct
{
  gint64            id;          /* the library's actor */
  char             *name;
  AttacheActorType  type;
  double            salience;    /* summed over the articles (each 0–1) */
  double            max_salience;/* the highest in one article */
  guint             articles;    /* articles that mention it */
  guint             mentions;    /* mentions in all of them */
} AttacheNetworkNode;

/* Two actors named in the same sentence. */
typedef struct
{
  guint source;   /* index in nodes, < target */
  guint target;
  guint weight;   /* sentences that name both */
} AttacheNetworkEdge;

/* Immutable once loaded; reference counted, so a widget and a worker can share it. */
typedef struct
{
  GArray *nodes;       /* AttacheNetworkNode, most salient first */
  GArray *edges;       /* AttacheNetworkEdge, heaviest first */
  guint   n_articles;  /* articles that name at least one (not hidden) actor */
  guint   n_actors;    /* actors they mention, before keeping the most salient */
  /* private */
  gatomicrefcount ref_count;
} AttacheActorNetwork;

#define ATTACHE_TYPE_ACTOR_NETWORK (attache_actor_network_get_type ())

GType                attache_actor_network_get_type  (void) G_GNUC_CONST;
AttacheActorNetwork *attache_actor_network_new       (void);
AttacheActorNetwork *attache_actor_network_ref       (AttacheActorNetwork *network);
void                 attache_actor_network_unref     (AttacheActorNetwork *network);

/* Builds the network and sorts its nodes and edges; for tests and for networks
 * made without a library. @name is copied. Returns the node's index. */
guint                attache_actor_network_add_node  (AttacheActorNetwork *network,
                                                      gint64               id,
                                                      const char          *name,
                                                      AttacheActorType     type,
                                                      double               salience,
                                                      guint                articles,
                                                      guint                mentions);
void                 attache_actor_network_add_edge  (AttacheActorNetwork *network,
                                                      guint                a,
                                                      guint                b,
                                                      guint                weight);
void                 attache_actor_network_sort      (AttacheActorNetwork *network);

/* The node of actor @actor_id, or -1. */
int                  attache_actor_network_find_node (AttacheActorNetwork *network,
                                                      gint64               actor_id);
/* How many sentences name both actors (0 when either is not in the network). */
guint                attache_actor_network_get_weight (AttacheActorNetwork *network,
                                                       gint64               actor_a,
                                                       gint64               actor_b);

/* The network of the articles @article_ids (gint64; NULL: every article of
 * the library): the @max_actors most salient actors they mention (0:
 * ATTACHE_ACTOR_NETWORK_DEFAULT_SIZE), hidden ones left out, joined when
 * they are named in the same sentence. Articles deleted meanwhile and ones
 * without an analysis are skipped. Thread-safe; holds the library's lock only
 * while it reads, one article at a time. Slow for a large set: use the
 * asynchronous variant from the window. */
AttacheActorNetwork *attache_actor_network_load        (AttacheLibrary       *library,
                                                        GArray               *article_ids,
                                                        guint                 max_actors,
                                                        GCancellable         *cancellable,
                                                        GError              **error);
void                 attache_actor_network_load_async  (AttacheLibrary       *library,
                                                        GArray               *article_ids,
                                                        guint                 max_actors,
                                                        GCancellable         *cancellable,
                                                        GAsyncReadyCallback   callback,
                                                        gpointer              user_data);
AttacheActorNetwork *attache_actor_network_load_finish (GAsyncResult         *result,
                                                        GError              **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AttacheActorNetwork, attache_actor_network_unref)

G_END_DECLS
