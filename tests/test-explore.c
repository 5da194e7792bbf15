/* test-explore.c: search with filters, saved searches, overviews, actors and
 * the analyst's corrections, on a real library file
 *
 * Analyses are stored through attache_library_store_analysis (), the path the
 * analyser's results take; the tests that say "later import" and
 * "re-analysis" run the real analyser on texts written for them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <sqlite3.h>
#include <string.h>

#include "attache.h"
#include "attache-database-private.h"
#include "attache-library-private.h"

#include "test-helpers.h"

typedef struct
{
  char           *dir;
  char           *path;
  AttacheLibrary *library;
  gint64          corridor, strike, election, football;   /* the search fixture's articles */
} Fixture;

/* Helpers */

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = test_tmpdir_new ();
  f->path = g_build_filename (f->dir, "library.db", NULL);
  f->library = attache_library_open (f->path, &error);
  g_assert_no_error (error);
}

static void count_signal_cb (AttacheLibrary *library,
                             guint          *count);

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  /* Signals still queued hold the library: none may reach a counter on the
   * stack of a test that has ended. */
  if (f->library != NULL)
    g_signal_handlers_disconnect_matched (f->library, G_SIGNAL_MATCH_FUNC, 0, 0, NULL, count_signal_cb, NULL);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_clear_object (&f->library);
  g_free (f->path);
  test_tmpdir_free (f->dir);
  _attache_search_set_rank_cap (0);
}

static gint64
add_article (Fixture    *f,
             const char *title,
             const char *text,
             const char *published,
             const char *source)
{
  g_autoptr(AttacheArticle) article = attache_article_new ();
  g_autofree char *sha = g_compute_checksum_for_string (G_CHECKSUM_SHA256, text, -1);
  g_autoptr(GError) error = NULL;
  gint64 id = 0;

  attache_article_set_title (article, title);
  attache_article_set_text (article, text);
  attache_article_set_published (article, published);
  attache_article_set_source (article, source);
  attache_article_set_sha256 (article, sha);
  attache_article_set_origin (article, "/tmp/test-explore.txt");
  g_assert_cmpint (attache_library_add_article (f->library, article, &id, &error), ==, ATTACHE_ADD_ADDED);
  g_assert_no_error (error);
  return id;
}

/* Whether [start, end) overlaps a span of @spans. */
static gboolean
overlaps (GArray  *spans,
          guint32  start,
          guint32  end)
{
  for (guint i = 0; i < spans->len; i++)
    {
      const AttacheSpan *span = &g_array_index (spans, AttacheSpan, i);

      if (start < span->end && span->start < end)
        return TRUE;
    }
  return FALSE;
}

/* Adds to @analysis the actor @name of @type, with @role (or none), mentioned
 * wherever one of the forms that follow (NULL-terminated; none: the name)
 * occurs in @text, longest forms first. */
static void
add_actor (AttacheAnalysis  *analysis,
           const char       *text,
           const char       *name,
           AttacheActorType  type,
           double            salience,
           const char       *role,
           ...)
{
  AttacheFoundActor *actor = attache_found_actor_new (name, type);
  g_autoptr(GPtrArray) forms = g_ptr_array_new ();
  const char *form;
  va_list args;

  actor->salience = salience;
  if (role != NULL)
    g_ptr_array_add (actor->roles, g_strdup (role));

  va_start (args, role);
  while ((form = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (forms, (gpointer) form);
  va_end (args);
  if (forms->len == 0)
    g_ptr_array_add (forms, (gpointer) name);

  for (guint i = 0; i < forms->len; i++)
    {
      const char *wanted = forms->pdata[i];

      for (const char *p = strstr (text, wanted); p != NULL; p = strstr (p + 1, wanted))
        {
          AttacheSpan span = { p - text, p - text + strlen (wanted) };

          if (overlaps (actor->spans, span.start, span.end))
            continue;
          g_array_append_val (actor->spans, span);
          actor->mentions++;
        }
      if (!g_str_equal (wanted, name))
        g_ptr_array_add (actor->aliases, g_strdup (wanted));
    }

  g_ptr_array_add (analysis->actors, actor);
}

static void
store (Fixture         *f,
       gint64           id,
       AttacheAnalysis *analysis)
{
  g_autoptr(AttacheArticle) article = NULL;
  g_autoptr(GError) error = NULL;

  article = attache_library_get_article (f->library, id, &error);
  g_assert_no_error (error);
  g_assert_true (attache_library_store_analysis (f->library, id, attache_article_get_text (article),
                                                 analysis, &error));
  g_assert_no_error (error);
}

static AttacheAnalysis *
new_analysis (const char *subject,
              ...)
{
  AttacheAnalysis *analysis = attache_analysis_new ();
  const char *topic;
  va_list args;

  analysis->version = ATTACHE_ANALYZER_VERSION;
  analysis->analysed = TRUE;
  analysis->language = g_strdup ("en");
  analysis->subject = subject != NULL ? attache_subject_from_code (subject) : NULL;
  va_start (args, subject);
  while ((topic = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (analysis->topics, attache_found_topic_new (topic, 0.5));
  va_end (args);
  return analysis;
}

static const char corridor_text[] =
  "Valmora and Estrand opened the grain corridor on Tuesday. Ilse Marran welcomed the first ships "
  "and said the corridor would stay open.\n\nMarran thanked the crews.";
static const char strike_text[] =
  "Dockworkers in Kessel struck over automation. The Harbour Authority said talks would continue. "
  "Ilse Marran urged calm.";
static const char election_text[] =
  "Estrand will hold an election in May. The corridor was not discussed by the candidates.";
static const char football_text[] =
  "Kessel Rovers won the cup final in extra time before a full stadium.";

/* Four articles with analyses: the fixture of the search and overview tests. */
static void
add_search_fixture (Fixture *f)
{
  g_autoptr(AttacheAnalysis) corridor = new_analysis ("medtop:11000000", "grain corridor", "shipping", NULL);
  g_autoptr(AttacheAnalysis) strike = new_analysis ("medtop:09000000", "harbour strike", NULL);
  g_autoptr(AttacheAnalysis) election = new_analysis ("medtop:11000000", "election", "Grain Corridor", NULL);
  g_autoptr(AttacheAnalysis) football = new_analysis ("medtop:15000000", "cup final", NULL);

  f->corridor = add_article (f, "Grain corridor opens", corridor_text, "2024-03-05", "Valmora Herald");
  f->strike = add_article (f, "Harbour strike in Kessel", strike_text, "2024-04-20", "Estrand Times");
  f->election = add_article (f, "Election called in Estrand", election_text, NULL, NULL);
  f->football = add_article (f, "Cup final", football_text, "2023-12-31T18:00:00Z", "valmora herald");

  add_actor (corridor, corridor_text, "Ilse Marran", ATTACHE_ACTOR_PERSON, 1.0, "Prime Minister",
             "Ilse Marran", "Marran", NULL);
  add_actor (corridor, corridor_text, "Valmora", ATTACHE_ACTOR_COUNTRY, 0.8, NULL, NULL);
  add_actor (corridor, corridor_text, "Estrand", ATTACHE_ACTOR_COUNTRY, 0.6, NULL, NULL);
  store (f, f->corridor, corridor);

  add_actor (strike, strike_text, "Harbour Authority", ATTACHE_ACTOR_ORGANIZATION, 1.0, NULL, NULL);
  add_actor (strike, strike_text, "Kessel", ATTACHE_ACTOR_LOCATION, 0.7, NULL, NULL);
  add_actor (strike, strike_text, "Ilse Marran", ATTACHE_ACTOR_PERSON, 0.5, NULL, NULL);
  store (f, f->strike, strike);

  add_actor (election, election_text, "Estrand", ATTACHE_ACTOR_COUNTRY, 1.0, NULL, NULL);
  store (f, f->election, election);

  add_actor (football, football_text, "Kessel Rovers", ATTACHE_ACTOR_ORGANIZATION, 1.0, NULL, NULL);
  store (f, f->football, football);
}

static gint64
actor_id (Fixture    *f,
          const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) found = attache_library_find_actors (f->library, name, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (found->len, ==, 1);
  return ((AttacheActorInfo *) found->pdata[0])->id;
}

static AttacheSearchResults *
find (Fixture            *f,
      AttacheSearchQuery *query,
      guint               limit)
{
  g_autoptr(GError) error = NULL;
  AttacheSearchResults *results = attache_library_find (f->library, query, limit, &error);

  g_assert_no_error (error);
  g_assert_nonnull (results);
  return results;
}

/* The ids of the hits, in order, as "3 1". */
static char *
hit_ids (AttacheSearchResults *results)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < results->hits->len; i++)
    g_string_append_printf (out, "%s%" G_GINT64_FORMAT, i > 0 ? " " : "",
                            attache_article_get_id (attache_search_hit_get_article (results->hits->pdata[i])));
  return g_string_free (out, FALSE);
}

static char *
ids_string (gint64 first,
            ...)
{
  GString *out = g_string_new (NULL);
  va_list args;

  va_start (args, first);
  for (gint64 id = first; id > 0; id = va_arg (args, gint64))
    g_string_append_printf (out, "%s%" G_GINT64_FORMAT, out->len > 0 ? " " : "", id);
  va_end (args);
  return g_string_free (out, FALSE);
}

/* Runs @query (text and filters set by the caller) and compares the hits. */
#define assert_finds(f, query, ...) \
  G_STMT_START { \
    g_autoptr(AttacheSearchResults) results_ = find ((f), (query), 0); \
    g_autofree char *found_ = hit_ids (results_); \
    g_autofree char *expected_ = ids_string (__VA_ARGS__, (gint64) 0); \
    g_assert_cmpstr (found_, ==, expected_); \
    g_assert_cmpint (results_->total, ==, results_->hits->len); \
  } G_STMT_END

static gint64
raw_int (Fixture    *f,
         const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 value = -1;

  g_assert_cmpint (sqlite3_open (f->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return value;
}

static void
count_signal_cb (AttacheLibrary *library,
                 guint          *count)
{
  (*count)++;
}

static void
spin (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

/* The actors of article @id as the summary pane shows them: "name (type) ×mentions". */
static char *
article_actors (Fixture *f,
                gint64   id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AttacheAnalysis) analysis = attache_library_get_analysis (f->library, id, &error);
  GString *out = g_string_new (NULL);

  g_assert_no_error (error);
  for (guint i = 0; i < analysis->actors->len; i++)
    {
      const AttacheFoundActor *actor = analysis->actors->pdata[i];

      g_string_append_printf (out, "%s%s (%s) ×%u", i > 0 ? ", " : "", actor->name,
                              attache_actor_type_to_string (actor->type), actor->spans->len);
    }
  return g_string_free (out, FALSE);
}

/* Search */

static void
test_search_syntax (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(AttacheSearchQuery) query = attache_search_query_new (NULL);

  add_search_fixture (f);

  g_free (query->text);
  query->text = g_strdup ("corridor");
  /* In the title and twice in the text first; then once, in the text. */
  assert_finds (f, query, f->corridor, f->election);

  g_free (query->text);
  query->text = g_strdup ("\"grain corridor\"");
  assert_finds (f, query, f->corridor);

  g_free (query->text);
  query->text = g_strdup ("\"corridor grain\"");
  assert_finds (f, query, 0);

  g_free (query->text);
  query->text = g_strdup ("kess*");
  {
    g_autoptr(AttacheSearchResults) results = find (f, query, 0);

    g_assert_cmpint (results->total, ==, 2);
  }

  g_free (query->text);
  query->text = g_strdup ("corridor NOT election");
  assert_finds (f, query, f->corridor);

  g_free (query->text);
  query->text = g_strdup ("automation OR stadium");
  {
    g_autoptr(AttacheSearchResults) results = find (f, query, 0);

    g_assert_cmpint (results->total, ==, 2);
  }

  g_free (query->text);
  query->text = g_strdup ("marran AND (ships OR calm)");
  {
    g_autoptr(AttacheSearchResults) results = find (f, query, 0);

    g_assert_cmpint (results->total, ==, 2);
  }

  /* A half-typed query is searched as well as it can be. */
  g_free (query->text);
  query->text = g_strdup ("\"grain corridor");
  assert_finds (f, query, f->corridor);
}

static void
test_search_snippets (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(AttacheSearchQuery) query = attache_search_query_new ("automation");
  g_autoptr(AttacheSearchResults) results = NULL;
  g_autofree char *marked = NULL;
  g_autofree char *plain = NULL;
  g_autofree char *markup = NULL;

  add_search_fixture (f);

  results = find (f, query, 0);
  g_assert_cmpuint (results->hits->len, ==, 1);
  marked = attache_search_hit_dup_snippet_marked (results->hits->pdata[0], "[", "]");
  plain = attache_search_hit_dup_snippet (results->hits->pdata[0]);
  markup = attache_search_hit_dup_snippet_markup (results->hits->pdata[0]);
  g_assert_nonnull (strstr (marked, "struck over [automation]"));
  g_assert_nonnull (strstr (plain, "struck over automation"));
  g_assert_null (strchr (plain, '['));
  g_assert_nonnull (strstr (markup, "<b>automation</b>"));
  g_assert_cmpfloat (attache_search_hit_get_rank (results->hits->pdata[0]), <, 0.0);

  /* A paragraph break is a space. */
  g_clear_pointer (&results, attache_search_results_free);
  g_free (query->text);
  query->text = g_strdup ("crews");
  results = find (f, query, 0);
  g_free (marked);
  marked = attache_search_hit_dup_snippet_marked (results->hits->pdata[0], "<<", ">>");
  g_assert_cmpstr (marked, ==, "…Marran thanked the <<crews>>.");

  /* Without words, the opening of the text, cut at a word. */
  g_clear_pointer (&results, attache_search_results_free);
  g_clear_pointer (&query->text, g_free);
  query->topic = g_strdup ("cup final");
  results = find (f, query, 0);
  g_assert_cmpuint (results->hits->len, ==, 1);
  g_free (plain);
  plain = attache_search_hit_dup_snippet (results->hits->pdata[0]);
  g_assert_cmpstr (plain, ==, football_text);
}

static void
test_search_filters (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(AttacheSearchQuery) query = attache_search_query_new (NULL);
  g_autofree char *today = NULL;

  add_search_fixture (f);

  /* Dates: inclusive, a month or a year for all its days; an article without
   * a published date goes by the day it was imported (today). */
  query->from = g_strdup ("2024-03-05");
  query->to = g_strdup ("2024-04");
  assert_finds (f, query, f->strike, f->corridor);
  g_free (query->to);
  query->to = g_strdup ("2024-04-19");
  assert_finds (f, query, f->corridor);
  g_clear_pointer (&query->from, g_free);
  g_clear_pointer (&query->to, g_free);
  query->to = g_strdup ("2023");
  assert_finds (f, query, f->football);
  g_clear_pointer (&query->to, g_free);
  {
    g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

    today = g_date_time_format (now, "%Y-%m-%d");
  }
  query->from = g_strdup (today);
  assert_finds (f, query, f->election);
  g_clear_pointer (&query->from, g_free);

  /* Source, case aside. */
  query->source = g_strdup ("VALMORA HERALD");
  assert_finds (f, query, f->corridor, f->football);
  g_clear_pointer (&query->source, g_free);

  /* Actor. */
  query->actor_id = actor_id (f, "Ilse Marran");
  assert_finds (f, query, f->strike, f->corridor);
  query->actor_id = 0;

  /* Subject: code, number or label. */
  query->subject = g_strdup ("medtop:11000000");
  assert_finds (f, query, f->election, f->corridor);
  g_free (query->subject);
  query->subject = g_strdup ("Politics");
  assert_finds (f, query, f->election, f->corridor);
  g_free (query->subject);
  query->subject = g_strdup ("15000000");
  assert_finds (f, query, f->football);
  g_clear_pointer (&query->subject, g_free);

  /* Topic, case aside. */
  query->topic = g_strdup ("grain CORRIDOR");
  assert_finds (f, query, f->election, f->corridor);
  g_clear_pointer (&query->topic, g_free);

  /* Combined with each other and with words. */
  query->text = g_strdup ("corridor");
  query->subject = g_strdup ("politics");
  query->actor_id = actor_id (f, "Estrand");
  assert_finds (f, query, f->corridor, f->election);
  query->source = g_strdup ("Valmora Herald");
  assert_finds (f, query, f->corridor);
  query->from = g_strdup ("2024-04");
  assert_finds (f, query, 0);
}

static void
test_search_errors (Fixture       *f,
                    gconstpointer  data)
{
  const char *bad_days[] = { "2024-13-01", "2024-02-30", "yesterday", "24-03-01", "2024/03/01", "2024-3-1" };
  g_autoptr(AttacheSearchQuery) query = attache_search_query_new ("corridor");

  add_search_fixture (f);

  for (guint i = 0; i < G_N_ELEMENTS (bad_days); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(AttacheSearchResults) results = NULL;

      g_free (query->from);
      query->from = g_strdup (bad_days[i]);
      results = attache_library_find (f->library, query, 0, &error);
      g_assert_null (results);
      g_assert_error (error, ATTACHE_DATABASE_ERROR, ATTACHE_DATABASE_ERROR_INVALID_QUERY);
      g_assert_nonnull (strstr (error->message, bad_days[i]));
    }

  {
    g_autoptr(GError) error = NULL;

    g_free (query->from);
    query->from = g_strdup ("2024-05");
    query->to = g_strdup ("2024-04-30");
    g_assert_null (attache_library_find (f->library, query, 0, &error));
    g_assert_error (error, ATTACHE_DATABASE_ERROR, ATTACHE_DATABASE_ERROR_INVALID_QUERY);
    g_clear_pointer (&query->from, g_free);
    g_clear_pointer (&query->to, g_free);
  }

  {
    g_autoptr(GError) error = NULL;

    query->subject = g_strdup ("gardening");
    g_assert_null (attache_library_find (f->library, query, 0, &error));
    g_assert_error (error, ATTACHE_DATABASE_ERROR, ATTACHE_DATABASE_ERROR_INVALID_QUERY);
    g_assert_nonnull (strstr (error->message, "politics"));
    g_clear_pointer (&query->subject, g_free);
  }

  {
    g_autoptr(GError) error = NULL;
    g_autoptr(AttacheSearchQuery) empty = attache_search_query_new ("  ( ) * ");

    g_assert_true (attache_search_query_is_empty (empty) == FALSE);
    g_assert_null (attache_library_find (f->library, empty, 0, &error));
    g_assert_error (error, ATTACHE_DATABASE_ERROR, ATTACHE_DATABASE_ERROR_INVALID_QUERY);
  }

  {
    g_autoptr(GError) error = NULL;
    g_autoptr(AttacheSearchQuery) nothing = attache_search_query_new ("   ");

    g_assert_true (attache_search_query_is_empty (nothing));
    g_assert_null (attache_library_find (f->library, nothing, 0, &error));
    g_assert_error (error, ATTACHE_DATABASE_ERROR, ATTACHE_DATABASE_ERROR_INVALID_QUERY);
  }
}

/* A page and the total; the cap on ranking. */
static void
test_search_page (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(AttacheSearchQuery) query = attache_search_query_new ("levy");
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  /* Ten articles about the levy: the levy named i + 1 times in article i, so
   * that bm25 prefers the later ones; article 2 has it in its title too. */
  for (guint i = 0; i < 10; i++)
    {
      g_autoptr(GString) text = g_string_new ("Port news.");
      g_autofree char *title = NULL;
      gint64 id;

      for (guint n = 0; n <= i; n++)
        g_string_append_printf (text, " The levy %u rose.", n);
      g_string_append_printf (text, " Padding %u.", i);
      if (i == 2)
        title = g_strdup_printf ("The levy, day %u", i);
      else
        title = g_strdup_printf ("Harbour day %u", i);
      id = add_article (f, title, text->str, "2024-01-01", NULL);
      g_array_append_val (ids, id);
    }

  {
    g_autoptr(AttacheSearchResults) results = find (f, query, 3);

    g_assert_cmpuint (results->hits->len, ==, 3);
    g_assert_cmpint (results->total, ==, 10);
    g_assert_cmpint (results->ranked, ==, 10);
    /* The title weighs most. */
    g_assert_cmpint (attache_article_get_id (attache_search_hit_get_article (results->hits->pdata[0])), ==,
                     g_array_index (ids, gint64, 2));
  }

  /* Ranking only the newest 4 matches: the page is the best of those, the
   * total still exact. */
  _attache_search_set_rank_cap (4);
  {
    g_autoptr(AttacheSearchResults) results = find (f, query, 3);

    g_assert_cmpuint (results->hits->len, ==, 3);
    g_assert_cmpint (results->total, ==, 10);
    g_assert_cmpint (results->ranked, ==, 4);
    for (guint i = 0; i < results->hits->len; i++)
      g_assert_cmpint (attache_article_get_id (attache_search_hit_get_article (results->hits->pdata[i])), >=,
                       g_array_index (ids, gint64, 6));
  }

  /* Asking for everything ranks everything. */
  {
    g_autoptr(AttacheSearchResults) results = find (f, query, 0);

    g_assert_cmpuint (results->hits->len, ==, 10);
    g_assert_cmpint (results->ranked, ==, 10);
    g_assert_cmpint (attache_article_get_id (attache_search_hit_get_article (results->hits->pdata[0])), ==,
                     g_array_index (ids, gint64, 2));
  }

  /* Without words, the newest first; ties by id, newest first. */
  {
    g_autoptr(AttacheSearchQuery) dated = attache_search_query_new (NULL);
    g_autoptr(AttacheSearchResults) results = NULL;

    dated->from = g_strdup ("2024");
    results = find (f, dated, 2);
    g_assert_cmpint (results->total, ==, 10);
    g_assert_cmpuint (results->hits->len, ==, 2);
    g_assert_cmpint (attache_article_get_id (attache_search_hit_get_article (results->hits->pdata[0])), ==,
                     g_array_index (ids, gint64, 9));
  }

  /* The old call is the same search, words only. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(GPtrArray) hits = attache_library_search (f->library, "levy", 2, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (hits->len, ==, 2);
  }
}

static void
find_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  AttacheSearchResults **out = user_data;
  g_autoptr(GError) error = NULL;

  *out = attache_library_find_finish (ATTACHE_LIBRARY (object), result, &error);
  g_assert_no_error (error);
}

static void
test_search_async (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(AttacheSearchQuery) query = attache_search_query_new ("Marran");
  AttacheSearchResults *results = NULL;

  add_search_fixture (f);
  query->source = g_strdup ("Estrand Times");
  attache_library_find_async (f->library, query, ATTACHE_SEARCH_PAGE, NULL, find_cb, &results);
  /* The query is copied: changing ours does not change the search. */
  g_clear_pointer (&query->source, g_free);
  while (results == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpint (results->total, ==, 1);
  g_assert_cmpint (attache_article_get_id (attache_search_hit_get_article (results->hits->pdata[0])), ==,
                   f->strike);
  attache_search_results_free (results);
}

/* Saved searches */

static void
test_saved_searches (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(AttacheSearchQuery) query = attache_search_query_new ("corridor");
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(AttacheSavedSearch) saved = NULL;
  g_autoptr(GError) error = NULL;
  guint changed = 0;
  gint64 first, second;

  add_search_fixture (f);
  spin ();
  g_signal_connect (f->library, "saved-searches-changed", G_CALLBACK (count_signal_cb), &changed);

  query->from = g_strdup ("2024-03");
  query->to = g_strdup ("2024-12-31");
  query->source = g_strdup ("Valmora Herald");
  query->actor_id = actor_id (f, "Estrand");
  query->subject = g_strdup ("politics");
  query->topic = g_strdup ("shipping");
  first = attache_library_add_saved_search (f->library, "  Corridor watch ", query, &error);
  g_assert_no_error (error);
  g_assert_cmpint (first, >, 0);
  second = attache_library_add_saved_search (f->library, "All about Estrand",
                                             &(AttacheSearchQuery) { .actor_id = query->actor_id }, &error);
  g_assert_no_error (error);
  spin ();
  g_assert_cmpuint (changed, ==, 2);

  /* The same name, case aside, is refused; nothing changes. */
  g_assert_cmpint (attache_library_add_saved_search (f->library, "CORRIDOR WATCH", query, &error), ==, 0);
  g_assert_error (error, ATTACHE_DATABASE_ERROR, ATTACHE_DATABASE_ERROR_EXISTS);
  g_clear_error (&error);
  g_assert_cmpint (attache_library_add_saved_search (f->library, "  ", query, &error), ==, 0);
  g_assert_error (error, ATTACHE_DATABASE_ERROR, ATTACHE_DATABASE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (attache_library_add_saved_search (f->library, "Nothing", &(AttacheSearchQuery) { 0 }, &error),
                   ==, 0);
  g_assert_error (error, ATTACHE_DATABASE_ERROR, ATTACHE_DATABASE_ERROR_INVALID_QUERY);
  g_clear_error (&error);
  g_assert_cmpint (attache_library_add_saved_search (f->library, "Bad date",
                                                     &(AttacheSearchQuery) { .from = (char *) "March" }, &error),
                   ==, 0);
  g_assert_error (error, ATTACHE_DATABASE_ERROR, ATTACHE_DATABASE_ERROR_INVALID_QUERY);
  g_clear_error (&error);

  /* By name; every filter comes back. */
  list = attache_library_list_saved_searches (f->library, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 2);
  g_assert_cmpstr (((AttacheSavedSearch *) list->pdata[0])->name, ==, "All about Estrand");
  saved = attache_saved_search_copy (list->pdata[1]);
  g_assert_cmpint (saved->id, ==, first);
  g_assert_cmpstr (saved->name, ==, "Corridor watch");
  g_assert_true (attache_search_query_equal (saved->query, query));
  g_assert_nonnull (saved->created);

  /* The saved search finds what the search finds. */
  {
    g_autoptr(AttacheSearchResults) results = find (f, saved->query, 0);

    g_assert_cmpuint (results->hits->len, ==, 1);
    g_assert_cmpint (attache_article_get_id (attache_search_hit_get_article (results->hits->pdata[0])), ==,
                     f->corridor);
  }

  g_assert_true (attache_library_rename_saved_search (f->library, first, "Grain", &error));
  g_assert_no_error (error);
  g_assert_false (attache_library_rename_saved_search (f->library, first, "all about ESTRAND", &error));
  g_assert_error (error, ATTACHE_DATABASE_ERROR, ATTACHE_DATABASE_ERROR_EXISTS);
  g_clear_error (&error);
  g_assert_false (attache_library_rename_saved_search (f->library, 999, "Other", &error));
  g_assert_error (error, ATTACHE_DATABASE_ERROR, ATTACHE_DATABASE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_clear_pointer (&query->topic, g_free);
  g_assert_true (attache_library_update_saved_search (f->library, first, query, &error));
  g_assert_no_error (error);
  {
    g_autoptr(AttacheSavedSearch) again = attache_library_get_saved_search (f->library, first, &error);

    g_assert_no_error (error);
    g_assert_cmpstr (again->name, ==, "Grain");
    g_assert_null (again->query->topic);
    g_assert_cmpstr (again->query->source, ==, "Valmora Herald");
  }

  /* Deleted, then put back as it was (Undo). */
  g_clear_pointer (&saved, attache_saved_search_free);
  saved = attache_library_get_saved_search (f->library, second, &error);
  g_assert_true (attache_library_delete_saved_search (f->library, second, &error));
  g_assert_no_error (error);
  g_assert_false (attache_library_delete_saved_search (f->library, second, &error));
  g_assert_error (error, ATTACHE_DATABASE_ERROR, ATTACHE_DATABASE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_null (attache_library_get_saved_search (f->library, second, &error));
  g_assert_error (error, ATTACHE_DATABASE_ERROR, ATTACHE_DATABASE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_true (attache_library_restore_saved_search (f->library, saved, &error));
  g_assert_no_error (error);
  {
    g_autoptr(AttacheSavedSearch) back = attache_library_get_saved_search (f->library, second, &error);

    g_assert_no_error (error);
    g_assert_cmpstr (back->name, ==, "All about Estrand");
    g_assert_cmpint (back->query->actor_id, ==, saved->query->actor_id);
  }

  /* Kept in the file. */
  g_clear_object (&f->library);
  f->library = attache_library_open (f->path, &error);
  g_assert_no_error (error);
  g_clear_pointer (&list, g_ptr_array_unref);
  list = attache_library_list_saved_searches (f->library, &error);
  g_assert_cmpuint (list->len, ==, 2);
  g_assert_cmpstr (((AttacheSavedSearch *) list->pdata[1])->name, ==, "Grain");
}

static void
saved_add_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  gint64 *out = user_data;
  g_autoptr(GError) error = NULL;

  *out = attache_library_add_saved_search_finish (ATTACHE_LIBRARY (object), result, &error);
  g_assert_no_error (error);
}

static void
saved_change_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  AttacheSavedSearch **out = user_data;
  g_autoptr(GError) error = NULL;
  AttacheSavedSearch *deleted = NULL;

  g_assert_true (attache_library_change_saved_search_finish (ATTACHE_LIBRARY (object), result, &deleted, &error));
  g_assert_no_error (error);
  *out = deleted != NULL ? deleted : g_new0 (AttacheSavedSearch, 1);
}

static void
test_saved_searches_async (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(AttacheSearchQuery) query = attache_search_query_new ("strike");
  AttacheSavedSearch *deleted = NULL;
  AttacheSavedSearch *restored = NULL;
  gint64 id = 0;
  guint changed = 0;

  g_signal_connect (f->library, "saved-searches-changed", G_CALLBACK (count_signal_cb), &changed);
  attache_library_add_saved_search_async (f->library, "Strikes", query, NULL, saved_add_cb, &id);
  while (id == 0)
    g_main_context_iteration (NULL, TRUE);

  attache_library_delete_saved_search_async (f->library, id, NULL, saved_change_cb, &deleted);
  while (deleted == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpint (deleted->id, ==, id);
  g_assert_cmpstr (deleted->query->text, ==, "strike");

  attache_library_restore_saved_search_async (f->library, deleted, NULL, saved_change_cb, &restored);
  while (restored == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_null (restored->name);   /* not a delete: nothing handed back */
  g_free (restored);
  attache_saved_search_free (deleted);
  spin ();
  g_assert_cmpuint (changed, ==, 3);
  g_assert_cmpint (raw_int (f, "SELECT count (*) FROM saved_searches WHERE name = 'Strikes'"), ==, 1);
}

/* The overview */

static GArray *
id_array (gint64 first,
          ...)
{
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  va_list args;

  va_start (args, first);
  for (gint64 id = first; id != 0; id = va_arg (args, gint64))
    g_array_append_val (ids, id);
  va_end (args);
  return ids;
}

static char *
describe_overview (AttacheOverview *overview)
{
  GString *out = g_string_new (NULL);
  GPtrArray *lists[] = { overview->topics, overview->subjects, overview->sources };
  const char *names[] = { "topics", "subjects", "sources" };

  g_string_append_printf (out, "%u articles, %u analysed, %s to %s\nactors:", overview->n_articles,
                          overview->n_analysed, overview->from, overview->to);
  for (guint i = 0; i < overview->actors->len; i++)
    {
      AttacheOverviewActor *actor = overview->actors->pdata[i];

      g_string_append_printf (out, " %s (%s) %u/%u;", actor->name, attache_actor_type_to_string (actor->type),
                              actor->articles, actor->mentions);
    }
  for (guint l = 0; l < G_N_ELEMENTS (lists); l++)
    {
      g_string_append_printf (out, "\n%s:", names[l]);
      for (guint i = 0; i < lists[l]->len; i++)
        g_string_append_printf (out, " %s %u;", ((AttacheOverviewCount *) lists[l]->pdata[i])->label,
                                ((AttacheOverviewCount *) lists[l]->pdata[i])->articles);
    }
  return g_string_free (out, FALSE);
}

static char *
overview_of (Fixture *f,
             GArray  *ids)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AttacheOverview) overview = attache_library_summarize (f->library, ids, &error);
  g_autoptr(AttacheOverview) copy = NULL;
  g_autofree char *text = NULL;
  g_autofree char *copied = NULL;

  g_assert_no_error (error);
  copy = attache_overview_copy (overview);
  text = describe_overview (overview);
  copied = describe_overview (copy);
  g_assert_cmpstr (text, ==, copied);
  return g_steal_pointer (&text);
}

static void
summarize_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  AttacheOverview **out = user_data;
  g_autoptr(GError) error = NULL;

  *out = attache_library_summarize_finish (ATTACHE_LIBRARY (object), result, &error);
  g_assert_no_error (error);
}

static void
test_overview (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GArray) one = NULL;
  g_autoptr(GArray) two = NULL;
  g_autoptr(GArray) all = NULL;
  g_autoptr(GArray) none = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  gint64 unanalysed;

  add_search_fixture (f);
  unanalysed = add_article (f, "Not analysed yet", "A short note about nothing in particular.", "2022-06-01",
                            "Estrand Times");

  one = id_array (f->corridor, (gint64) 0);
  text = overview_of (f, one);
  g_assert_cmpstr (text, ==,
                   "1 articles, 1 analysed, 2024-03-05 to 2024-03-05\n"
                   "actors: Ilse Marran (person) 1/2; Valmora (country) 1/1; Estrand (country) 1/1;\n"
                   "topics: grain corridor 1; shipping 1;\n"
                   "subjects: medtop:11000000 1;\n"
                   "sources: Valmora Herald 1;");
  g_free (text);

  /* Across articles: articles and mentions add up, ranked by salience summed;
   * "Grain Corridor" and "grain corridor" are one topic; a missing id is left
   * out. The election article has no date: the day it was imported, today. */
  two = id_array (f->corridor, f->strike, f->election, (gint64) 4242, (gint64) 0);
  text = overview_of (f, two);
  {
    g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
    g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");
    g_autofree char *expected =
      g_strdup_printf ("3 articles, 3 analysed, 2024-03-05 to %s\n"
                       "actors: Estrand (country) 2/2; Ilse Marran (person) 2/3; "
                       "Harbour Authority (organization) 1/1; Valmora (country) 1/1; Kessel (location) 1/1;\n"
                       "topics: Grain Corridor 2; election 1; harbour strike 1; shipping 1;\n"
                       "subjects: medtop:11000000 2; medtop:09000000 1;\n"
                       "sources: Estrand Times 1; Valmora Herald 1;", today);

    g_assert_cmpstr (text, ==, expected);
  }
  g_free (text);

  /* A hidden actor is left out; an article not analysed counts as an article. */
  g_assert_cmpint (attache_library_set_actor_hidden (f->library, actor_id (f, "Kessel"), TRUE, &error), >, 0);
  all = id_array (f->strike, unanalysed, (gint64) 0);
  text = overview_of (f, all);
  g_assert_cmpstr (text, ==,
                   "2 articles, 1 analysed, 2022-06-01 to 2024-04-20\n"
                   "actors: Harbour Authority (organization) 1/1; Ilse Marran (person) 1/1;\n"
                   "topics: harbour strike 1;\n"
                   "subjects: medtop:09000000 1;\n"
                   "sources: Estrand Times 2;");
  g_free (text);

  text = overview_of (f, none);
  g_assert_cmpstr (text, ==, "0 articles, 0 analysed, (null) to (null)\nactors:\ntopics:\nsubjects:\nsources:");

  /* The search's results, and off the main thread. */
  {
    g_autoptr(AttacheSearchQuery) query = attache_search_query_new ("corridor");
    g_autoptr(AttacheOverview) overview = attache_library_summarize_search (f->library, query, 0, &error);
    AttacheOverview *async_overview = NULL;

    g_assert_no_error (error);
    g_assert_cmpuint (overview->n_articles, ==, 2);
    g_assert_cmpstr (((AttacheOverviewActor *) overview->actors->pdata[0])->name, ==, "Estrand");

    attache_library_summarize_async (f->library, two, NULL, summarize_cb, &async_overview);
    while (async_overview == NULL)
      g_main_context_iteration (NULL, TRUE);
    g_assert_cmpuint (async_overview->n_articles, ==, 3);
    attache_overview_free (async_overview);
  }
}

/* Actors */

static void
test_actors_list (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GPtrArray) actors = NULL;
  g_autoptr(GError) error = NULL;
  AttacheActorInfo *marran;
  gint64 emile_article;

  add_search_fixture (f);
  {
    g_autoptr(AttacheAnalysis) analysis = new_analysis (NULL, NULL);
    static const char text[] = "Émile Durand spoke.";

    emile_article = add_article (f, "Durand", text, "2020-01-02", NULL);
    add_actor (analysis, text, "Émile Durand", ATTACHE_ACTOR_PERSON, 1.0, NULL, NULL);
    store (f, emile_article, analysis);
  }

  actors = attache_library_list_actors (f->library, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (actors->len, ==, 7);
  /* Most articles first, then by name. */
  g_assert_cmpstr (((AttacheActorInfo *) actors->pdata[0])->name, ==, "Estrand");
  marran = actors->pdata[1];
  g_assert_cmpstr (marran->name, ==, "Ilse Marran");
  g_assert_cmpint (marran->type, ==, ATTACHE_ACTOR_PERSON);
  g_assert_cmpint (marran->n_articles, ==, 2);
  g_assert_cmpstr (marran->first_seen, ==, "2024-03-05");
  g_assert_cmpstr (marran->last_seen, ==, "2024-04-20");
  g_assert_false (marran->hidden);
  g_assert_cmpuint (marran->aliases->len, ==, 1);
  g_assert_cmpstr (((AttacheActorAlias *) marran->aliases->pdata[0])->name, ==, "Ilse Marran");
  {
    g_auto(GStrv) others = attache_actor_info_dup_other_names (marran);

    g_assert_cmpuint (g_strv_length (others), ==, 0);
  }

  /* A filter on any of the names, case aside, ASCII or not. */
  g_clear_pointer (&actors, g_ptr_array_unref);
  actors = attache_library_list_actors (f->library, "KESSEL", &error);
  g_assert_cmpuint (actors->len, ==, 2);
  g_clear_pointer (&actors, g_ptr_array_unref);
  actors = attache_library_list_actors (f->library, "émile", &error);
  g_assert_cmpuint (actors->len, ==, 1);
  g_assert_cmpstr (((AttacheActorInfo *) actors->pdata[0])->name, ==, "Émile Durand");
  g_clear_pointer (&actors, g_ptr_array_unref);
  actors = attache_library_list_actors (f->library, "50%", &error);
  g_assert_cmpuint (actors->len, ==, 0);

  /* Deleting an article updates the counts and days. */
  {
    g_autoptr(AttacheActorInfo) info = NULL;

    g_assert_true (attache_library_delete_article (f->library, f->strike, &error));
    g_assert_no_error (error);
    info = attache_library_get_actor (f->library, actor_id (f, "Ilse Marran"), &error);
    g_assert_cmpint (info->n_articles, ==, 1);
    g_assert_cmpstr (info->last_seen, ==, "2024-03-05");
  }
  /* Then an actor no article names is not listed. */
  g_clear_pointer (&actors, g_ptr_array_unref);
  actors = attache_library_list_actors (f->library, "Harbour", &error);
  g_assert_cmpuint (actors->len, ==, 0);
}

static void
test_actors_find (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 kessel_place, kessel_person, article;

  add_search_fixture (f);
  {
    g_autoptr(AttacheAnalysis) analysis = new_analysis (NULL, NULL);
    static const char text[] = "Kessel said the Estrand talks would go on.";

    article = add_article (f, "Kessel", text, "2020-01-02", NULL);
    add_actor (analysis, text, "Kessel", ATTACHE_ACTOR_PERSON, 1.0, NULL, NULL);
    store (f, article, analysis);
  }

  {
    g_autoptr(GPtrArray) found = attache_library_find_actors (f->library, "kessel", &error);

    g_assert_no_error (error);
    g_assert_cmpuint (found->len, ==, 2);
  }
  kessel_place = actor_id (f, "location:Kessel");
  kessel_person = actor_id (f, "person: kessel");
  g_assert_cmpint (kessel_place, !=, kessel_person);
  {
    g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, kessel_person);

    g_assert_cmpint (actor_id (f, number), ==, kessel_person);
  }
  {
    g_autoptr(GPtrArray) found = attache_library_find_actors (f->library, "Nobody At All", &error);

    g_assert_no_error (error);
    g_assert_cmpuint (found->len, ==, 0);
  }
  /* After a merge, the other name finds the actor it was merged into. */
  g_assert_cmpint (attache_library_merge_actors (f->library, actor_id (f, "Estrand"), kessel_person, &error), >, 0);
  g_assert_no_error (error);
  g_assert_cmpint (actor_id (f, "person:Kessel"), ==, actor_id (f, "Estrand"));
}

/* Rename, and Undo */
static void
test_correct_rename (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *actors = NULL;
  gint64 marran, correction, later;
  guint actors_changed = 0, analyses_changed = 0;

  add_search_fixture (f);
  marran = actor_id (f, "Ilse Marran");
  spin ();
  g_signal_connect (f->library, "actors-changed", G_CALLBACK (count_signal_cb), &actors_changed);
  g_signal_connect (f->library, "analyses-changed", G_CALLBACK (count_signal_cb), &analyses_changed);

  correction = attache_library_rename_actor (f->library, marran, " Prime Minister Ilse Marran ", &error);
  g_assert_no_error (error);
  g_assert_cmpint (correction, >, 0);
  spin ();
  g_assert_cmpuint (actors_changed, ==, 1);
  g_assert_cmpuint (analyses_changed, ==, 1);

  actors = article_actors (f, f->strike);
  g_assert_cmpstr (actors, ==, "Harbour Authority (organization) ×1, Kessel (location) ×1, "
                               "Prime Minister Ilse Marran (person) ×1");
  {
    g_autoptr(AttacheActorInfo) info = attache_library_get_actor (f->library, marran, &error);

    g_assert_true (info->renamed);
    g_assert_cmpuint (info->aliases->len, ==, 2);
  }

  /* A later article naming her either way lands on the renamed actor. */
  {
    g_autoptr(AttacheAnalysis) analysis = new_analysis (NULL, NULL);
    static const char text[] = "Ilse Marran and Prime Minister Ilse Marran are one.";

    later = add_article (f, "Later", text, "2025-01-01", NULL);
    add_actor (analysis, text, "Ilse Marran", ATTACHE_ACTOR_PERSON, 1.0, NULL, NULL);
    add_actor (analysis, text, "Prime Minister Ilse Marran", ATTACHE_ACTOR_PERSON, 0.5, NULL, NULL);
    store (f, later, analysis);
  }
  g_free (actors);
  actors = article_actors (f, later);
  g_assert_cmpstr (actors, ==, "Prime Minister Ilse Marran (person) ×3");

  /* Empty names are refused, and change nothing. */
  g_assert_cmpint (attache_library_rename_actor (f->library, marran, "   ", &error), ==, 0);
  g_assert_error (error, ATTACHE_DATABASE_ERROR, ATTACHE_DATABASE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (attache_library_rename_actor (f->library, 4242, "Anyone", &error), ==, 0);
  g_assert_error (error, ATTACHE_DATABASE_ERROR, ATTACHE_DATABASE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* Undo: the name comes back. The alias the new name added stays, since an
   * analysis has found it since. */
  g_assert_true (attache_library_undo_actor_correction (f->library, correction, &error));
  g_assert_no_error (error);
  g_free (actors);
  actors = article_actors (f, f->strike);
  g_assert_cmpstr (actors, ==, "Harbour Authority (organization) ×1, Kessel (location) ×1, Ilse Marran (person) ×1");
  {
    g_autoptr(AttacheActorInfo) info = attache_library_get_actor (f->library, marran, &error);

    g_assert_false (info->renamed);
    g_assert_cmpuint (info->aliases->len, ==, 2);
  }
  g_assert_false (attache_library_undo_actor_correction (f->library, correction, &error));
  g_assert_error (error, ATTACHE_DATABASE_ERROR, ATTACHE_DATABASE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* A rename undone before any analysis found the new name takes its alias away. */
  correction = attache_library_rename_actor (f->library, marran, "Madam Marran", &error);
  g_assert_cmpint (raw_int (f, "SELECT count (*) FROM actor_aliases WHERE alias = 'person:madam marran'"), ==, 1);
  g_assert_true (attache_library_undo_actor_correction (f->library, correction, &error));
  g_assert_cmpint (raw_int (f, "SELECT count (*) FROM actor_aliases WHERE alias = 'person:madam marran'"), ==, 0);
}

static void
test_correct_merge (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *actors = NULL;
  g_autoptr(AttacheActorInfo) info = NULL;
  g_autoptr(AttacheSearchQuery) by_kessel = attache_search_query_new (NULL);
  gint64 authority, kessel, correction, saved, later;

  add_search_fixture (f);
  authority = actor_id (f, "Harbour Authority");
  kessel = actor_id (f, "Kessel");
  by_kessel->actor_id = kessel;
  saved = attache_library_add_saved_search (f->library, "Kessel", by_kessel, &error);
  g_assert_no_error (error);

  /* Merging with itself, or with nobody, is refused and changes nothing. */
  g_assert_cmpint (attache_library_merge_actors (f->library, kessel, kessel, &error), ==, 0);
  g_assert_error (error, ATTACHE_DATABASE_ERROR, ATTACHE_DATABASE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (attache_library_merge_actors (f->library, kessel, 4242, &error), ==, 0);
  g_assert_error (error, ATTACHE_DATABASE_ERROR, ATTACHE_DATABASE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_cmpint (raw_int (f, "SELECT count (*) FROM actor_corrections"), ==, 0);

  correction = attache_library_merge_actors (f->library, authority, kessel, &error);
  g_assert_no_error (error);
  g_assert_cmpint (correction, >, 0);

  /* One actor in the article: mentions together, both names among the forms. */
  actors = article_actors (f, f->strike);
  g_assert_cmpstr (actors, ==, "Harbour Authority (organization) ×2, Ilse Marran (person) ×1");
  {
    g_autoptr(AttacheAnalysis) analysis = attache_library_get_analysis (f->library, f->strike, &error);
    const AttacheFoundActor *actor = analysis->actors->pdata[0];

    g_assert_cmpuint (actor->mentions, ==, 2);
    g_assert_cmpuint (actor->aliases->len, ==, 1);
    g_assert_cmpstr (actor->aliases->pdata[0], ==, "Kessel");
  }
  info = attache_library_get_actor (f->library, authority, &error);
  g_assert_cmpuint (info->aliases->len, ==, 2);
  g_assert_true (((AttacheActorAlias *) info->aliases->pdata[1])->by_analyst);
  g_assert_cmpint (info->n_articles, ==, 1);
  g_clear_pointer (&info, attache_actor_info_free);
  g_assert_null (attache_library_get_actor (f->library, kessel, &error));
  g_assert_error (error, ATTACHE_DATABASE_ERROR, ATTACHE_DATABASE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_cmpint (raw_int (f, "SELECT count (*) FROM mentions WHERE actor_id NOT IN (SELECT id FROM actors)"),
                   ==, 0);

  /* The saved search for Kessel now finds the Harbour Authority's articles. */
  {
    g_autoptr(AttacheSavedSearch) search = attache_library_get_saved_search (f->library, saved, &error);

    g_assert_cmpint (search->query->actor_id, ==, authority);
  }

  /* A later article naming Kessel: the Harbour Authority. */
  {
    g_autoptr(AttacheAnalysis) analysis = new_analysis (NULL, NULL);
    static const char text[] = "Kessel closed the quay.";

    later = add_article (f, "Quay", text, "2025-01-01", NULL);
    add_actor (analysis, text, "Kessel", ATTACHE_ACTOR_LOCATION, 1.0, NULL, NULL);
    store (f, later, analysis);
  }
  g_free (actors);
  actors = article_actors (f, later);
  g_assert_cmpstr (actors, ==, "Harbour Authority (organization) ×1");
  info = attache_library_get_actor (f->library, authority, &error);
  g_assert_cmpint (info->n_articles, ==, 2);
  g_assert_cmpstr (info->last_seen, ==, "2025-01-01");
  g_clear_pointer (&info, attache_actor_info_free);

  /* Undo: Kessel is back with its own id, mentions (the later article's
   * too), and saved search. */
  g_assert_true (attache_library_undo_actor_correction (f->library, correction, &error));
  g_assert_no_error (error);
  g_free (actors);
  actors = article_actors (f, f->strike);
  g_assert_cmpstr (actors, ==, "Harbour Authority (organization) ×1, Kessel (location) ×1, Ilse Marran (person) ×1");
  g_free (actors);
  actors = article_actors (f, later);
  g_assert_cmpstr (actors, ==, "Kessel (location) ×1");
  info = attache_library_get_actor (f->library, kessel, &error);
  g_assert_no_error (error);
  g_assert_cmpint (info->n_articles, ==, 2);
  g_assert_false (((AttacheActorAlias *) info->aliases->pdata[0])->by_analyst);
  g_clear_pointer (&info, attache_actor_info_free);
  info = attache_library_get_actor (f->library, authority, &error);
  g_assert_cmpint (info->n_articles, ==, 1);
  {
    g_autoptr(AttacheSavedSearch) search = attache_library_get_saved_search (f->library, saved, &error);

    g_assert_cmpint (search->query->actor_id, ==, kessel);
  }
}

static void
test_correct_split (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *actors = NULL;
  g_autoptr(AttacheActorInfo) info = NULL;
  gint64 valmora, estrand, merge, split, split_off = 0, alias_id;

  add_search_fixture (f);
  valmora = actor_id (f, "Valmora");
  estrand = actor_id (f, "Estrand");

  /* An actor with one name has nothing to split off. */
  info = attache_library_get_actor (f->library, valmora, &error);
  g_assert_cmpint (attache_library_split_actor (f->library, valmora,
                                                ((AttacheActorAlias *) info->aliases->pdata[0])->id,
                                                NULL, &error), ==, 0);
  g_assert_error (error, ATTACHE_DATABASE_ERROR, ATTACHE_DATABASE_ERROR_INVALID);
  g_clear_error (&error);
  g_clear_pointer (&info, attache_actor_info_free);

  /* Estrand merged into Valmora (a mistake), then split off again. */
  merge = attache_library_merge_actors (f->library, valmora, estrand, &error);
  g_assert_no_error (error);
  actors = article_actors (f, f->election);
  g_assert_cmpstr (actors, ==, "Valmora (country) ×1");
  g_free (actors);
  actors = article_actors (f, f->corridor);
  g_assert_cmpstr (actors, ==, "Ilse Marran (person) ×2, Valmora (country) ×2");

  info = attache_library_get_actor (f->library, valmora, &error);
  g_assert_cmpuint (info->aliases->len, ==, 2);
  alias_id = ((AttacheActorAlias *) info->aliases->pdata[1])->id;
  g_assert_cmpint (attache_library_split_actor (f->library, estrand, alias_id, NULL, &error), ==, 0);
  g_assert_error (error, ATTACHE_DATABASE_ERROR, ATTACHE_DATABASE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  split = attache_library_split_actor (f->library, valmora, alias_id, &split_off, &error);
  g_assert_no_error (error);
  g_assert_cmpint (split, >, 0);
  g_assert_cmpint (split_off, >, 0);
  g_assert_cmpint (split_off, !=, estrand);   /* a new actor: ids are never reused */

  g_free (actors);
  actors = article_actors (f, f->election);
  g_assert_cmpstr (actors, ==, "Estrand (country) ×1");
  g_free (actors);
  actors = article_actors (f, f->corridor);
  g_assert_cmpstr (actors, ==, "Ilse Marran (person) ×2, Valmora (country) ×1, Estrand (country) ×1");
  g_assert_cmpint (actor_id (f, "Estrand"), ==, split_off);

  /* Undo the split: merged again; undo the merge: as at first. */
  g_assert_true (attache_library_undo_actor_correction (f->library, split, &error));
  g_assert_no_error (error);
  g_free (actors);
  actors = article_actors (f, f->election);
  g_assert_cmpstr (actors, ==, "Valmora (country) ×1");
  g_assert_null (attache_library_get_actor (f->library, split_off, &error));
  g_clear_error (&error);
  g_assert_true (attache_library_undo_actor_correction (f->library, merge, &error));
  g_assert_no_error (error);
  g_free (actors);
  actors = article_actors (f, f->corridor);
  g_assert_cmpstr (actors, ==, "Ilse Marran (person) ×2, Valmora (country) ×1, Estrand (country) ×1");
  g_assert_cmpint (actor_id (f, "Estrand"), ==, estrand);
}

static void
test_correct_type_and_hide (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *actors = NULL;
  gint64 kessel, retype, hide, later;

  add_search_fixture (f);
  kessel = actor_id (f, "Kessel");

  retype = attache_library_set_actor_type (f->library, kessel, ATTACHE_ACTOR_COUNTRY, &error);
  g_assert_no_error (error);
  actors = article_actors (f, f->strike);
  g_assert_cmpstr (actors, ==, "Harbour Authority (organization) ×1, Kessel (country) ×1, Ilse Marran (person) ×1");

  /* The analyser finding Kessel as a place, or as a country, lands on it. */
  {
    g_autoptr(AttacheAnalysis) analysis = new_analysis (NULL, NULL);
    static const char text[] = "Kessel and Kessel again.";

    later = add_article (f, "Twice", text, "2025-01-01", NULL);
    add_actor (analysis, text, "Kessel", ATTACHE_ACTOR_COUNTRY, 1.0, NULL, NULL);
    store (f, later, analysis);
  }
  g_free (actors);
  actors = article_actors (f, later);
  g_assert_cmpstr (actors, ==, "Kessel (country) ×2");

  hide = attache_library_set_actor_hidden (f->library, kessel, TRUE, &error);
  g_assert_no_error (error);
  g_free (actors);
  actors = article_actors (f, f->strike);
  g_assert_cmpstr (actors, ==, "Harbour Authority (organization) ×1, Ilse Marran (person) ×1");
  {
    g_autoptr(AttacheActorInfo) info = attache_library_get_actor (f->library, kessel, &error);

    g_assert_true (info->hidden);
    g_assert_true (info->retyped);
    g_assert_cmpint (info->type, ==, ATTACHE_ACTOR_COUNTRY);
  }
  /* Still there to be unhidden, and still a search filter. */
  {
    g_autoptr(GPtrArray) list = attache_library_list_actors (f->library, "kessel", &error);
    g_autoptr(AttacheSearchQuery) query = attache_search_query_new (NULL);

    g_assert_cmpuint (list->len, ==, 2);
    query->actor_id = kessel;
    assert_finds (f, query, later, f->strike);
  }

  g_assert_true (attache_library_undo_actor_correction (f->library, hide, &error));
  g_assert_no_error (error);
  g_assert_true (attache_library_undo_actor_correction (f->library, retype, &error));
  g_assert_no_error (error);
  g_free (actors);
  actors = article_actors (f, f->strike);
  g_assert_cmpstr (actors, ==, "Harbour Authority (organization) ×1, Kessel (location) ×1, Ilse Marran (person) ×1");

  /* unhide is a correction of its own. */
  hide = attache_library_set_actor_hidden (f->library, kessel, TRUE, &error);
  g_assert_cmpint (attache_library_set_actor_hidden (f->library, kessel, FALSE, &error), >, hide);
  g_free (actors);
  actors = article_actors (f, later);
  g_assert_cmpstr (actors, ==, "Kessel (location) ×2");
}

/* Undoing an earlier correction after later ones. */
static void
test_correct_undo_out_of_order (Fixture       *f,
                                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *actors = NULL;
  gint64 valmora, estrand, marran, first, second;

  add_search_fixture (f);
  valmora = actor_id (f, "Valmora");
  estrand = actor_id (f, "Estrand");
  marran = actor_id (f, "Ilse Marran");

  first = attache_library_merge_actors (f->library, valmora, estrand, &error);
  g_assert_no_error (error);
  second = attache_library_merge_actors (f->library, marran, valmora, &error);
  g_assert_no_error (error);
  actors = article_actors (f, f->corridor);
  g_assert_cmpstr (actors, ==, "Ilse Marran (person) ×4");

  /* Estrand comes back out of Marran, where its name ended up. */
  g_assert_true (attache_library_undo_actor_correction (f->library, first, &error));
  g_assert_no_error (error);
  g_free (actors);
  actors = article_actors (f, f->corridor);
  g_assert_cmpstr (actors, ==, "Ilse Marran (person) ×3, Estrand (country) ×1");
  g_free (actors);
  actors = article_actors (f, f->election);
  g_assert_cmpstr (actors, ==, "Estrand (country) ×1");

  g_assert_true (attache_library_undo_actor_correction (f->library, second, &error));
  g_assert_no_error (error);
  g_free (actors);
  actors = article_actors (f, f->corridor);
  g_assert_cmpstr (actors, ==, "Ilse Marran (person) ×2, Valmora (country) ×1, Estrand (country) ×1");
  g_assert_cmpint (raw_int (f, "SELECT count (*) FROM actor_corrections"), ==, 0);
}

/* Two renames (and two changes of type) undone first to last: the name and
 * the type the library found come back. */
static void
test_correct_undo_fields_out_of_order (Fixture       *f,
                                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AttacheActorInfo) info = NULL;
  gint64 kessel, first, second;

  add_search_fixture (f);
  kessel = actor_id (f, "Kessel");

  first = attache_library_rename_actor (f->library, kessel, "Kessel X", &error);
  g_assert_no_error (error);
  second = attache_library_rename_actor (f->library, kessel, "Kessel Y", &error);
  g_assert_no_error (error);
  g_assert_true (attache_library_undo_actor_correction (f->library, first, &error));
  g_assert_no_error (error);
  info = attache_library_get_actor (f->library, kessel, &error);
  g_assert_cmpstr (info->name, ==, "Kessel Y");
  g_clear_pointer (&info, attache_actor_info_free);
  g_assert_true (attache_library_undo_actor_correction (f->library, second, &error));
  g_assert_no_error (error);
  info = attache_library_get_actor (f->library, kessel, &error);
  g_assert_cmpstr (info->name, ==, "Kessel");
  g_assert_false (info->renamed);
  g_clear_pointer (&info, attache_actor_info_free);

  first = attache_library_set_actor_type (f->library, kessel, ATTACHE_ACTOR_COUNTRY, &error);
  g_assert_no_error (error);
  second = attache_library_set_actor_type (f->library, kessel, ATTACHE_ACTOR_ORGANIZATION, &error);
  g_assert_no_error (error);
  g_assert_true (attache_library_undo_actor_correction (f->library, first, &error));
  g_assert_true (attache_library_undo_actor_correction (f->library, second, &error));
  g_assert_no_error (error);
  info = attache_library_get_actor (f->library, kessel, &error);
  g_assert_cmpint (info->type, ==, ATTACHE_ACTOR_LOCATION);
  g_assert_false (info->retyped);
  g_assert_cmpint (raw_int (f, "SELECT count (*) FROM actor_corrections"), ==, 0);
}

/* A rename of an actor merged into another since: the merge is undone
 * first, then the rename, and the actor is as it was found. */
static void
test_correct_undo_rename_after_merge (Fixture       *f,
                                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AttacheActorInfo) info = NULL;
  gint64 authority, kessel, rename, merge;

  add_search_fixture (f);
  authority = actor_id (f, "Harbour Authority");
  kessel = actor_id (f, "Kessel");
  rename = attache_library_rename_actor (f->library, kessel, "Port of Kessel", &error);
  g_assert_no_error (error);
  merge = attache_library_merge_actors (f->library, authority, kessel, &error);
  g_assert_no_error (error);

  /* Refused, and nothing changed: the journal keeps both. */
  g_assert_false (attache_library_undo_actor_correction (f->library, rename, &error));
  g_assert_error (error, ATTACHE_DATABASE_ERROR, ATTACHE_DATABASE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "undo the merge first"));
  g_clear_error (&error);
  g_assert_cmpint (raw_int (f, "SELECT count (*) FROM actor_corrections"), ==, 2);

  g_assert_true (attache_library_undo_actor_correction (f->library, merge, &error));
  g_assert_no_error (error);
  info = attache_library_get_actor (f->library, kessel, &error);
  g_assert_cmpstr (info->name, ==, "Port of Kessel");
  g_clear_pointer (&info, attache_actor_info_free);
  g_assert_true (attache_library_undo_actor_correction (f->library, rename, &error));
  g_assert_no_error (error);
  info = attache_library_get_actor (f->library, kessel, &error);
  g_assert_cmpstr (info->name, ==, "Kessel");
  g_assert_false (info->renamed);
  for (guint i = 0; i < info->aliases->len; i++)
    g_assert_false (((AttacheActorAlias *) info->aliases->pdata[i])->by_analyst);
}

/* A merge, a name split off again, then the merge undone: the name goes
 * back to the actor it was, the one the split made goes, and a search saved
 * on it follows the name. */
static void
test_correct_undo_merge_after_split (Fixture       *f,
                                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AttacheActorInfo) info = NULL;
  g_autoptr(AttacheSearchQuery) query = attache_search_query_new (NULL);
  g_autoptr(AttacheSavedSearch) saved = NULL;
  gint64 valmora, estrand, merge, split, split_off = 0, alias_id = 0, saved_id;

  add_search_fixture (f);
  valmora = actor_id (f, "Valmora");
  estrand = actor_id (f, "Estrand");
  merge = attache_library_merge_actors (f->library, valmora, estrand, &error);
  g_assert_no_error (error);
  info = attache_library_get_actor (f->library, valmora, &error);
  for (guint i = 0; i < info->aliases->len; i++)
    if (g_str_equal (((AttacheActorAlias *) info->aliases->pdata[i])->name, "Estrand"))
      alias_id = ((AttacheActorAlias *) info->aliases->pdata[i])->id;
  g_assert_cmpint (alias_id, !=, 0);
  g_clear_pointer (&info, attache_actor_info_free);
  split = attache_library_split_actor (f->library, valmora, alias_id, &split_off, &error);
  g_assert_no_error (error);
  query->actor_id = split_off;
  saved_id = attache_library_add_saved_search (f->library, "Estrand alone", query, &error);
  g_assert_no_error (error);

  g_assert_true (attache_library_undo_actor_correction (f->library, merge, &error));
  g_assert_no_error (error);
  info = attache_library_get_actor (f->library, estrand, &error);
  g_assert_no_error (error);
  g_assert_cmpint (info->n_articles, ==, 2);
  g_clear_pointer (&info, attache_actor_info_free);
  info = attache_library_get_actor (f->library, split_off, &error);
  g_assert_null (info);
  g_assert_error (error, ATTACHE_DATABASE_ERROR, ATTACHE_DATABASE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  saved = attache_library_get_saved_search (f->library, saved_id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (saved->query->actor_id, ==, estrand);
  g_assert_cmpint (raw_int (f, "SELECT count (*) FROM actors c WHERE NOT EXISTS "
                               "(SELECT 1 FROM actor_aliases l WHERE l.actor_id = c.id)"), ==, 0);

  /* The split's undo has nothing left to do. */
  g_assert_true (attache_library_undo_actor_correction (f->library, split, &error));
  g_assert_no_error (error);
  g_assert_cmpint (raw_int (f, "SELECT count (*) FROM actor_corrections"), ==, 0);
}

/* A name that is a number: both the actor of that id and the one of that
 * name are found (the CLI then asks which); a type picks the name. */
static void
test_find_actor_number (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(AttacheAnalysis) analysis = new_analysis (NULL, NULL);
  g_autofree char *number = NULL;
  g_autofree char *text = NULL;
  g_autofree char *typed = NULL;
  gint64 estrand, article;

  add_search_fixture (f);
  estrand = actor_id (f, "Estrand");
  number = g_strdup_printf ("%" G_GINT64_FORMAT, estrand);
  text = g_strdup_printf ("The band %s played in Kessel on Friday.", number);
  article = add_article (f, "A band", text, "2024-06-01", NULL);
  add_actor (analysis, text, number, ATTACHE_ACTOR_ORGANIZATION, 1.0, NULL, NULL);
  store (f, article, analysis);

  found = attache_library_find_actors (f->library, number, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (found->len, ==, 2);
  g_clear_pointer (&found, g_ptr_array_unref);

  typed = g_strdup_printf ("organization:%s", number);
  found = attache_library_find_actors (f->library, typed, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (found->len, ==, 1);
  g_assert_cmpstr (((AttacheActorInfo *) found->pdata[0])->name, ==, number);
}

/* An article deleted while the analyser read it: its analysis is refused as
 * "not found" (the runner goes on with the others), and nothing is stored. */
static void
test_store_analysis_deleted (Fixture       *f,
                             gconstpointer  data)
{
  static const char text[] = "Ilse Marran met the council in Valmora.";
  g_autoptr(AttacheAnalysis) analysis = new_analysis (NULL, NULL);
  g_autoptr(GError) error = NULL;
  gint64 id = add_article (f, "Council", text, "2024-06-01", NULL);

  add_actor (analysis, text, "Ilse Marran", ATTACHE_ACTOR_PERSON, 1.0, NULL, NULL);
  g_assert_true (attache_library_delete_article (f->library, id, &error));
  g_assert_false (attache_library_store_analysis (f->library, id, text, analysis, &error));
  g_assert_error (error, ATTACHE_DATABASE_ERROR, ATTACHE_DATABASE_ERROR_NOT_FOUND);
  g_assert_cmpint (raw_int (f, "SELECT count (*) FROM analyses"), ==, 0);
  g_assert_cmpint (raw_int (f, "SELECT count (*) FROM actors"), ==, 0);
}

/* A page pasted into the search: refused, said why, at once. */
static void
test_search_too_many_words (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(GString) words = g_string_new (NULL);
  g_autoptr(AttacheSearchQuery) query = NULL;
  g_autoptr(AttacheSearchResults) results = NULL;
  g_autoptr(GError) error = NULL;

  add_search_fixture (f);
  for (int i = 0; i < 100; i++)
    g_string_append (words, i % 2 == 0 ? "Marran " : "AND ");
  query = attache_search_query_new (words->str);
  results = attache_library_find (f->library, query, 10, &error);
  g_assert_no_error (error);
  g_assert_nonnull (results);
  g_clear_pointer (&results, attache_search_results_free);
  attache_search_query_free (g_steal_pointer (&query));

  g_string_append (words, "Marran");
  query = attache_search_query_new (words->str);
  results = attache_library_find (f->library, query, 10, &error);
  g_assert_null (results);
  g_assert_error (error, ATTACHE_DATABASE_ERROR, ATTACHE_DATABASE_ERROR_INVALID_QUERY);
  g_assert_nonnull (strstr (error->message, "at most 100 words"));
}

static void
correct_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  gint64 *out = user_data;
  g_autoptr(GError) error = NULL;

  out[0] = attache_library_correct_actor_finish (ATTACHE_LIBRARY (object), result, &out[1], &error);
  g_assert_no_error (error);
}

static void
undo_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  gboolean *done = user_data;
  g_autoptr(GError) error = NULL;

  g_assert_true (attache_library_undo_actor_correction_finish (ATTACHE_LIBRARY (object), result, &error));
  g_assert_no_error (error);
  *done = TRUE;
}

static void
test_correct_async (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 out[2] = { 0, 0 };
  gboolean undone = FALSE;
  guint changed = 0;
  AttacheCorrection merge = { ATTACHE_CORRECTION_MERGE, 0, 0, NULL, 0 };
  char name[] = "Kessel Harbour Authority";
  AttacheCorrection rename = { ATTACHE_CORRECTION_RENAME, 0, 0, name, 0 };

  add_search_fixture (f);
  g_signal_connect (f->library, "actors-changed", G_CALLBACK (count_signal_cb), &changed);
  merge.actor_id = actor_id (f, "Harbour Authority");
  merge.other_id = actor_id (f, "Kessel");
  attache_library_correct_actor_async (f->library, &merge, NULL, correct_cb, out);
  while (out[0] == 0)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpint (out[1], ==, merge.actor_id);

  rename.actor_id = merge.actor_id;
  attache_library_correct_actor_async (f->library, &rename, NULL, correct_cb, out + 0);
  name[0] = 'X';   /* copied: the call is not affected */
  out[0] = 0;
  while (out[0] == 0)
    g_main_context_iteration (NULL, TRUE);
  {
    g_autoptr(AttacheActorInfo) info = attache_library_get_actor (f->library, merge.actor_id, &error);

    g_assert_cmpstr (info->name, ==, "Kessel Harbour Authority");
  }

  attache_library_undo_actor_correction_async (f->library, out[0], NULL, undo_cb, &undone);
  while (!undone)
    g_main_context_iteration (NULL, TRUE);
  spin ();
  g_assert_cmpuint (changed, ==, 3);
}

/* The corrections hold for articles the real analyser reads later, and when
 * a newer analyser reads every article again. */

static const char corridor_story[] =
  "Valmora and Estrand agree on grain corridor\n\n"
  "Prime Minister Ilse Marran of Valmora met President Tomas Brekken of Estrand in Kessel on Monday. "
  "Marran said the grain corridor would open in June. Brekken said Estrand would send inspectors to the "
  "port of Kessel.\n\nThe Harbour Authority said ships would sail from Kessel. Marran thanked Brekken. "
  "Officials of the Northern Grain Union said the deal was welcome.";
static const char defence_story[] =
  "Premier Marran told the Valmoran parliament that the corridor deal was safe. Marran said the "
  "Northern Grain Union backed it. Critics in Kessel said the Harbour Authority had not been consulted.";

static const char return_story[] =
  "Premier Marran flew to Kessel on Friday. Marran said the Valmoran parliament would vote on the corridor "
  "deal in July.";

static gint64
import_and_analyse (Fixture    *f,
                    const char *title,
                    const char *text)
{
  g_autoptr(GError) error = NULL;
  gint64 id = add_article (f, title, text, "2024-06-01", NULL);

  g_assert_true (attache_library_analyze_article (f->library, id, &error));
  g_assert_no_error (error);
  return id;
}

static gboolean
has_actor (Fixture    *f,
           gint64      article,
           const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AttacheAnalysis) analysis = attache_library_get_analysis (f->library, article, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < analysis->actors->len; i++)
    if (g_str_equal (((AttacheFoundActor *) analysis->actors->pdata[i])->name, name))
      return TRUE;
  return FALSE;
}

static void
test_corrections_hold (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 corridor, defence, later, marran, kessel_person = 0, valmoran;
  g_autoptr(GPtrArray) kessels = NULL;

  corridor = import_and_analyse (f, "Valmora and Estrand agree on grain corridor", corridor_story);
  defence = import_and_analyse (f, "Marran defends the corridor deal", defence_story);

  /* What the analyser makes of them (the mistakes the analyst fixes). */
  g_assert_true (has_actor (f, corridor, "Ilse Marran"));
  g_assert_true (has_actor (f, defence, "Marran"));
  g_assert_false (has_actor (f, defence, "Ilse Marran"));
  g_assert_true (has_actor (f, defence, "Valmoran"));
  kessels = attache_library_find_actors (f->library, "person:Kessel", &error);
  g_assert_cmpuint (kessels->len, ==, 1);
  kessel_person = ((AttacheActorInfo *) kessels->pdata[0])->id;

  marran = actor_id (f, "Ilse Marran");
  valmoran = actor_id (f, "Valmoran");
  g_assert_cmpint (attache_library_merge_actors (f->library, marran, actor_id (f, "person:Marran"), &error), >, 0);
  g_assert_cmpint (attache_library_merge_actors (f->library, actor_id (f, "location:Kessel"), kessel_person,
                                                 &error), >, 0);
  g_assert_cmpint (attache_library_rename_actor (f->library, marran, "Ilse Marran (Valmora)", &error), >, 0);
  g_assert_cmpint (attache_library_set_actor_type (f->library, actor_id (f, "Valmora"), ATTACHE_ACTOR_COUNTRY,
                                                   &error), >, 0);
  g_assert_cmpint (attache_library_set_actor_hidden (f->library, valmoran, TRUE, &error), >, 0);
  g_assert_no_error (error);

  /* A later import naming "Marran" alone, and Kessel as a person again. */
  later = import_and_analyse (f, "Marran returns to Kessel", return_story);
  g_assert_true (has_actor (f, later, "Ilse Marran (Valmora)"));
  g_assert_false (has_actor (f, later, "Marran"));
  {
    g_autofree char *actors = article_actors (f, later);

    g_assert_cmpstr (actors, ==, "Ilse Marran (Valmora) (person) ×2, Kessel (location) ×1");
  }

  /* A newer analyser reads everything again. */
  test_raw_exec (f->path, "UPDATE analyses SET version = 1");
  {
    g_autoptr(GArray) pending = attache_library_list_unanalysed (f->library, 0, &error);

    g_assert_cmpuint (pending->len, ==, 3);
    g_assert_cmpint (g_array_index (pending, gint64, 0), ==, corridor);
    for (guint i = 0; i < pending->len; i++)
      g_assert_true (attache_library_analyze_article (f->library, g_array_index (pending, gint64, i), &error));
    g_assert_no_error (error);
  }

  g_assert_true (has_actor (f, corridor, "Ilse Marran (Valmora)"));
  g_assert_true (has_actor (f, defence, "Ilse Marran (Valmora)"));
  g_assert_false (has_actor (f, defence, "Marran"));
  g_assert_false (has_actor (f, defence, "Valmoran"));
  {
    g_autoptr(GError) local = NULL;
    g_autoptr(AttacheAnalysis) analysis = attache_library_get_analysis (f->library, corridor, &local);

    for (guint i = 0; i < analysis->actors->len; i++)
      {
        const AttacheFoundActor *actor = analysis->actors->pdata[i];

        if (g_str_equal (actor->name, "Valmora"))
          g_assert_cmpint (actor->type, ==, ATTACHE_ACTOR_COUNTRY);
        /* Kessel, found as a person here, is the place it was merged into. */
        g_assert_false (g_str_equal (actor->name, "Kessel") && actor->type == ATTACHE_ACTOR_PERSON);
      }
  }
  {
    g_autoptr(AttacheActorInfo) info = attache_library_get_actor (f->library, marran, &error);

    g_assert_cmpint (info->n_articles, ==, 3);
  }
}

/* A library of format 7 (made with its own SQL, as that version wrote it)
 * gains what exploring needs, and its actors can be corrected. */
static void
test_migrate_from_7 (void)
{
  g_autofree char *dir = test_tmpdir_new ();
  g_autofree char *path = g_build_filename (dir, "library.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(AttacheLibrary) library = NULL;
  Fixture f = { dir, path, NULL };

  {
    g_autoptr(AttacheDatabase) old = _attache_database_open_at_version (path, 7, &error);

    g_assert_no_error (error);
  }
  test_raw_exec (path,
                 "INSERT INTO articles (id, title, published, imported, body, sha256, fingerprint, origin) VALUES "
                 "  (1, 'One', '2024-01-02', '2024-05-01T10:00:00Z', 'Marran met Brekken.', 'a', 'fa', '/one'),"
                 "  (2, 'Two', NULL, '2024-05-03T10:00:00Z', 'Brekken spoke.', 'b', 'fb', '/two');"
                 "INSERT INTO actors (id, name, type) VALUES (1, 'Ilse Marran', 'person'), (2, 'Tomas Brekken', 'person');"
                 "INSERT INTO actor_aliases (alias, actor_id) VALUES ('person:ilse marran', 1), ('person:tomas brekken', 2);"
                 "INSERT INTO analyses (article_id, version, analysed) VALUES (1, 2, 1), (2, 2, 1);"
                 "INSERT INTO article_actors (article_id, actor_id, mentions, salience, forms) VALUES "
                 "  (1, 1, 1, 1.0, 'Marran'), (1, 2, 1, 0.5, 'Brekken'), (2, 2, 1, 1.0, 'Brekken');"
                 "INSERT INTO mentions (article_id, actor_id, start, end) VALUES (1, 1, 0, 6), (1, 2, 11, 18), (2, 2, 0, 7);");

  library = attache_library_open (path, &error);
  g_assert_no_error (error);
  f.library = library;
  g_assert_cmpint (attache_database_get_schema_version (attache_library_get_database (library)), ==,
                   attache_database_get_latest_version ());

  g_assert_cmpint (raw_int (&f, "SELECT count (*) FROM article_aliases"), ==, 3);
  g_assert_cmpint (raw_int (&f, "SELECT count (*) FROM mentions WHERE alias_id IS NULL"), ==, 0);
  {
    g_autoptr(AttacheActorInfo) brekken = attache_library_get_actor (library, 2, &error);

    g_assert_no_error (error);
    g_assert_cmpint (brekken->n_articles, ==, 2);
    g_assert_cmpstr (brekken->first_seen, ==, "2024-01-02");
    g_assert_cmpstr (brekken->last_seen, ==, "2024-05-03");
    g_assert_cmpstr (((AttacheActorAlias *) brekken->aliases->pdata[0])->name, ==, "Tomas Brekken");
  }

  g_assert_cmpint (attache_library_merge_actors (library, 1, 2, &error), >, 0);
  g_assert_no_error (error);
  {
    g_autofree char *actors = article_actors (&f, 1);

    g_assert_cmpstr (actors, ==, "Ilse Marran (person) ×2");
  }
  test_tmpdir_free (g_steal_pointer (&dir));
  g_clear_pointer (&path, g_free);
}

/* Search facets: what the window's filters offer */

static void
list_search_facets_cb (GObject      *object,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  AttacheSearchFacets **out = user_data;
  g_autoptr(GError) error = NULL;

  *out = attache_library_list_search_facets_finish (ATTACHE_LIBRARY (object), result, &error);
  g_assert_no_error (error);
}

/* "label n; label n;" */
static char *
facets_text (GPtrArray *facets)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < facets->len; i++)
    {
      const AttacheFacet *facet = facets->pdata[i];

      g_string_append_printf (out, "%s %u;", facet->label, facet->articles);
    }
  return g_string_free (out, FALSE);
}

static void
test_search_facets (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(AttacheSearchFacets) facets = NULL;
  g_autoptr(AttacheSearchFacets) copy = NULL;
  g_autoptr(AttacheSearchFacets) first = NULL;
  AttacheSearchFacets *async_facets = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *sources = NULL;
  g_autofree char *topics = NULL;

  /* An empty library offers nothing. */
  facets = attache_library_list_search_facets (f->library, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (facets->sources->len, ==, 0);
  g_assert_cmpuint (facets->topics->len, ==, 0);
  g_clear_pointer (&facets, attache_search_facets_free);

  add_search_fixture (f);
  facets = attache_library_list_search_facets (f->library, 0, &error);
  g_assert_no_error (error);

  /* "Valmora Herald" and "valmora herald" are one source, as the source
   * filter matches them; the election has none. "Grain Corridor" likewise. */
  sources = facets_text (facets->sources);
  g_assert_cmpstr (sources, ==, "Valmora Herald 2;Estrand Times 1;");
  topics = facets_text (facets->topics);
  g_assert_cmpstr (topics, ==, "Grain Corridor 2;cup final 1;election 1;harbour strike 1;shipping 1;");

  /* Every label a facet offers finds its articles. */
  {
    g_autoptr(AttacheSearchQuery) query = attache_search_query_new (NULL);

    query->topic = g_strdup (((AttacheFacet *) facets->topics->pdata[0])->label);
    assert_finds (f, query, f->election, f->corridor);
    g_clear_pointer (&query->topic, g_free);
    query->source = g_strdup (((AttacheFacet *) facets->sources->pdata[0])->label);
    assert_finds (f, query, f->corridor, f->football);
  }

  copy = attache_search_facets_copy (facets);
  g_free (topics);
  topics = facets_text (copy->topics);
  g_assert_cmpstr (topics, ==, "Grain Corridor 2;cup final 1;election 1;harbour strike 1;shipping 1;");

  /* The first of each only, and off the main thread. */
  first = attache_library_list_search_facets (f->library, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (first->sources->len, ==, 1);
  g_assert_cmpuint (first->topics->len, ==, 1);

  attache_library_list_search_facets_async (f->library, 2, NULL, list_search_facets_cb, &async_facets);
  while (async_facets == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (async_facets->sources->len, ==, 2);
  g_assert_cmpuint (async_facets->topics->len, ==, 2);
  g_assert_cmpstr (((AttacheFacet *) async_facets->topics->pdata[0])->label, ==, "Grain Corridor");
  attache_search_facets_free (async_facets);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/explore/search/syntax", test_search_syntax);
  ADD ("/explore/search/snippets", test_search_snippets);
  ADD ("/explore/search/filters", test_search_filters);
  ADD ("/explore/search/errors", test_search_errors);
  ADD ("/explore/search/page", test_search_page);
  ADD ("/explore/search/async", test_search_async);
  ADD ("/explore/saved-searches", test_saved_searches);
  ADD ("/explore/saved-searches/async", test_saved_searches_async);
  ADD ("/explore/overview", test_overview);
  ADD ("/explore/search/facets", test_search_facets);
  ADD ("/explore/actors/list", test_actors_list);
  ADD ("/explore/actors/find", test_actors_find);
  ADD ("/explore/correct/rename", test_correct_rename);
  ADD ("/explore/correct/merge", test_correct_merge);
  ADD ("/explore/correct/split", test_correct_split);
  ADD ("/explore/correct/type-and-hide", test_correct_type_and_hide);
  ADD ("/explore/correct/undo-out-of-order", test_correct_undo_out_of_order);
  ADD ("/explore/correct/undo-fields-out-of-order", test_correct_undo_fields_out_of_order);
  ADD ("/explore/correct/undo-rename-after-merge", test_correct_undo_rename_after_merge);
  ADD ("/explore/correct/undo-merge-after-split", test_correct_undo_merge_after_split);
  ADD ("/explore/correct/find-actor-number", test_find_actor_number);
  ADD ("/explore/store-analysis-deleted", test_store_analysis_deleted);
  ADD ("/explore/search/too-many-words", test_search_too_many_words);
  ADD ("/explore/correct/async", test_correct_async);
  ADD ("/explore/correct/hold-after-import-and-reanalysis", test_corrections_hold);
  g_test_add_func ("/explore/migrate/from-7", test_migrate_from_7);

  return g_test_run ();
}
