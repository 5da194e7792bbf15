/* chart-articles.h: short fictional news items whose actors share known sentences
 *
 * Written for the tests of the actor network and the timeline. What the
 * analysis finds in them, and which actors share a sentence:
 *
 *   1  2024-03-04  Olaf Scholz, Emmanuel Macron, Berlin | Ukraine | Scholz |
 *                  Macron, Paris | Scholz, Macron
 *   2  2024-03-06  NATO, Brussels | Antony Blinken, NATO, Ukraine | -
 *   3  2024-03-19  Macron, Ukraine | Macron, France, Ukraine | -
 *   4  2024-04-02  Scholz, Blinken | Blinken, Germany, Ukraine | Scholz
 *   5  2024-04-03  Macron | -
 *   6  2024-05-20  Ukraine, France | Macron | Volodymyr Zelensky, Macron, France
 *   7  (no date)   Paris | Paris
 *
 * So: Macron–Scholz 2, Macron–Ukraine 2, Macron–France 2, Ukraine–France 2,
 * Ukraine–Blinken 2, Scholz–Blinken 1, and never Scholz–Ukraine (article 1
 * names them in different sentences).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <string.h>

#include "attache.h"

static const char * const chart_articles[] = {
  "---\ntitle: Scholz and Macron meet in Berlin\ndate: 2024-03-04\nsource: Test Wire\n---\n"
  "Olaf Scholz and Emmanuel Macron met in Berlin on Monday. "
  "The two leaders discussed support for Ukraine. "
  "Scholz said the talks had been useful.\n\n"
  "Macron later flew back to Paris. "
  "Scholz and Macron will meet again in the spring.\n",

  "---\ntitle: NATO ministers gather\ndate: 2024-03-06\nsource: Test Wire\n---\n"
  "Foreign ministers of NATO gathered in Brussels on Wednesday. "
  "Antony Blinken told NATO that Ukraine needed more air defence. "
  "The meeting ended without a statement.\n",

  "---\ntitle: A visit to Kyiv\ndate: 2024-03-19\nsource: Test Wire\n---\n"
  "Emmanuel Macron arrived in Ukraine on Tuesday. "
  "Macron promised that France would keep sending aid to Ukraine. "
  "The visit had not been announced.\n",

  "---\ntitle: A call between allies\ndate: 2024-04-02\nsource: Test Wire\n---\n"
  "Olaf Scholz spoke with Antony Blinken by telephone on Tuesday. "
  "Blinken praised Germany for its help to Ukraine. "
  "Scholz thanked him.\n",

  "---\ntitle: A speech on farming\ndate: 2024-04-03\nsource: Test Wire\n---\n"
  "Emmanuel Macron gave a long speech on farming on Wednesday. "
  "He said that prices paid to farmers were too low.\n",

  "---\ntitle: A security agreement\ndate: 2024-05-20\nsource: Test Wire\n---\n"
  "Ukraine and France signed a security agreement on Monday. "
  "Emmanuel Macron said the agreement would last ten years. "
  "Volodymyr Zelensky thanked Macron and France.\n",

  "---\ntitle: Farmers protest\nsource: Test Wire\n---\n"
  "Farmers drove their tractors to Paris on Friday. "
  "They blocked the roads around Paris for hours.\n",
};

/* Imports @text as the file @name and analyses it; returns its id. */
static inline gint64
chart_add_article (AttacheLibrary *library,
                   const char     *text,
                   const char     *name,
                   gboolean        analyse)
{
  g_autoptr(GBytes) bytes = g_bytes_new_static (text, strlen (text));
  g_autoptr(AttacheArticle) article = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *origin = g_build_filename ("/srv/cuttings", name, NULL);
  gint64 id = 0;

  article = attache_import_parse_bytes (bytes, name, &error);
  g_assert_no_error (error);
  attache_article_set_origin (article, origin);
  g_assert_cmpint (attache_library_add_article (library, article, &id, &error), ==, ATTACHE_ADD_ADDED);
  g_assert_no_error (error);
  if (analyse)
    {
      attache_library_analyze_article (library, id, &error);
      g_assert_no_error (error);
    }

  return id;
}

/* Imports and analyses the articles above, in order; returns their ids. */
static inline GArray *
chart_add_articles (AttacheLibrary *library)
{
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  for (guint i = 0; i < G_N_ELEMENTS (chart_articles); i++)
    {
      g_autofree char *name = g_strdup_printf ("item-%u.md", i + 1);
      gint64 id = chart_add_article (library, chart_articles[i], name, TRUE);

      g_array_append_val (ids, id);
    }

  return ids;
}

/* The node named @name, or NULL. */
static inline const AttacheNetworkNode *
chart_find_node (AttacheActorNetwork *network,
                 const char          *name)
{
  for (guint i = 0; i < network->nodes->len; i++)
    {
      const AttacheNetworkNode *node = &g_array_index (network->nodes, AttacheNetworkNode, i);

      if (g_str_equal (node->name, name))
        return node;
    }

  return NULL;
}

/* Sentences naming both @a and @b, by name. */
static inline guint
chart_weight (AttacheActorNetwork *network,
              const char          *a,
              const char          *b)
{
  const AttacheNetworkNode *x = chart_find_node (network, a);
  const AttacheNetworkNode *y = chart_find_node (network, b);

  g_assert_nonnull (x);
  g_assert_nonnull (y);
  return attache_actor_network_get_weight (network, x->id, y->id);
}
