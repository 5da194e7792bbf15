/* attache-search.c: searching the library with filters, and saved searches
 *
 * A search has words (the full-text index, ranked by bm25), filters (date
 * range, source, actor, subject, topic), or both. It returns one page of
 * results and the exact number of articles that match.
 *
 * Speed. bm25 is costly per match: FTS5 reads each matching row's size and
 * positions, and sorting by it means scoring every match. A common word
 * matches most of a 100,000-article library (84,769 for "said"), and scoring
 * all of them, then reading the articles, took 213–230 ms. Counting the matches is
 * cheap in comparison (the doclists only: 3 ms for those 84,769). So a search
 * counts every match exactly, but ranks at most ATTACHE_SEARCH_RANK_CAP of
 * them: the most recently added (FTS5 walks its rowids in descending order and
 * stops there, scoring only the rows it returns), and the page is the best of
 * those by bm25. A query with fewer matches than the cap (nearly every query
 * with a rare word, a phrase or a filter) is ranked exactly as before; a very
 * common one gets the best of the newest 4,000 matches instead of the best of
 * all, which for someone following the news is rarely worse, and the total
 * still says how many there are. Snippets are made for the page only. Asking
 * for every result (limit 0) ranks every match, without the cap.
 *
 * Filters are turned into a set of article ids (a bitmap: 12.5 KB for 100,000
 * articles), each filter read from its index and the sets intersected; the
 * full-text query then tests each match against the set with a small SQL
 * function, so it stays driven by the index that is cheap to walk. Letting
 * sqlite drive the query from "rowid IN (…)" instead made a common word with
 * a common actor take over a second (probing FTS5 once per article of the
 * actor), and materialising the IN list twice (count, then rank) cost more
 * than the bitmap.
 *
 * SQL. The statements are assembled from fixed fragments chosen by which
 * parts are present (words or not, filters or not); every value is bound,
 * never printed into the SQL.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "attache-search"

#include "config.h"

#include <glib/gi18n.h>
#include <inttypes.h>
#include <string.h>

#include "attache-database-private.h"
#include "attache-library-private.h"
#include "attache-search.h"

/* The most words (and operators) a search takes. */
#define MAX_SEARCH_WORDS 100
#include "attache-task-private.h"

G_DEFINE_BOXED_TYPE (AttacheSearchQuery, attache_search_query,
                     attache_search_query_copy, attache_search_query_free)

G_DEFINE_BOXED_TYPE (AttacheSearchResults, attache_search_results,
                     attache_search_results_copy, attache_search_results_free)

G_DEFINE_BOXED_TYPE (AttacheSavedSearch, attache_saved_search,
                     attache_saved_search_copy, attache_saved_search_free)

/* How many matches a limited search ranks; tests lower it. */
static guint rank_cap = ATTACHE_SEARCH_RANK_CAP;

void
_attache_search_set_rank_cap (guint cap)
{
  rank_cap = cap > 0 ? cap : ATTACHE_SEARCH_RANK_CAP;
}

/* The query */

static char *
dup_nonempty (const char *text)
{
  g_autofree char *copy = NULL;

  if (text == NULL)
    return NULL;
  copy = g_strstrip (g_strdup (text));
  return copy[0] != '\0' ? g_steal_pointer (&copy) : NULL;
}

AttacheSearchQuery *
attache_search_query_new (const char *text)
{
  AttacheSearchQuery *query = g_new0 (AttacheSearchQuery, 1);

  query->text = dup_nonempty (text);
  return query;
}

AttacheSearchQuery *
attache_search_query_copy (const AttacheSearchQuery *query)
{
  AttacheSearchQuery *copy;

  g_return_val_if_fail (query != NULL, NULL);

  copy = g_new0 (AttacheSearchQuery, 1);
  copy->text = g_strdup (query->text);
  copy->from = g_strdup (query->from);
  copy->to = g_strdup (query->to);
  copy->source = g_strdup (query->source);
  copy->actor_id = query->actor_id;
  copy->subject = g_strdup (query->subject);
  copy->topic = g_strdup (query->topic);
  return copy;
}

void
attache_search_query_free (AttacheSearchQuery *query)
{
  if (query == NULL)
    return;

  g_free (query->text);
  g_free (query->from);
  g_free (query->to);
  g_free (query->source);
  g_free (query->subject);
  g_free (query->topic);
  g_free (query);
}

static gboolean
is_blank (const char *text)
{
  if (text == NULL)
    return TRUE;
  for (const char *p = text; *p != '\0'; p++)
    if (!g_ascii_isspace (*p))
      return FALSE;
  return TRUE;
}

gboolean
attache_search_query_equal (const AttacheSearchQuery *a,
                            const AttacheSearchQuery *b)
{
  g_return_val_if_fail (a != NULL && b != NULL, FALSE);

  return g_strcmp0 (a->text, b->text) == 0 &&
         g_strcmp0 (a->from, b->from) == 0 &&
         g_strcmp0 (a->to, b->to) == 0 &&
         g_strcmp0 (a->source, b->source) == 0 &&
         a->actor_id == b->actor_id &&
         g_strcmp0 (a->subject, b->subject) == 0 &&
         g_strcmp0 (a->topic, b->topic) == 0;
}

gboolean
attache_search_query_has_filters (const AttacheSearchQuery *query)
{
  g_return_val_if_fail (query != NULL, FALSE);

  return !is_blank (query->from) || !is_blank (query->to) || !is_blank (query->source) ||
         query->actor_id > 0 || !is_blank (query->subject) || !is_blank (query->topic);
}

gboolean
attache_search_query_is_empty (const AttacheSearchQuery *query)
{
  g_return_val_if_fail (query != NULL, TRUE);

  return is_blank (query->text) && !attache_search_query_has_filters (query);
}

/* Reads YYYY, YYYY-MM or YYYY-MM-DD. The string compares with stored dates
 * as a prefix: "2024-03" is every day of March 2024. */
static gboolean
parse_day (const char  *text,
           char       **out_day,
           GError     **error)
{
  g_autofree char *day = g_strstrip (g_strdup (text));
  guint year = 0, month = 1, dayn = 1;
  gsize len = strlen (day);
  gboolean ok = FALSE;

  for (gsize i = 0; i < len; i++)
    if (!g_ascii_isdigit (day[i]) && !((i == 4 || i == 7) && day[i] == '-'))
      goto done;

  if (len == 4 || len == 7 || len == 10)
    {
      year = (guint) g_ascii_strtoull (day, NULL, 10);
      if (len >= 7)
        month = (guint) g_ascii_strtoull (day + 5, NULL, 10);
      if (len == 10)
        dayn = (guint) g_ascii_strtoull (day + 8, NULL, 10);
      ok = year >= 1 && (len == 4 || day[4] == '-') && (len < 10 || day[7] == '-') &&
           g_date_valid_dmy (dayn, month, year);
    }

done:
  if (!ok)
    {
      g_set_error (error, ATTACHE_DATABASE_ERROR, ATTACHE_DATABASE_ERROR_INVALID_QUERY,
                   /* Translators: %s is what was given as a date. */
                   _("“%s” is not a date: write it as YYYY-MM-DD, YYYY-MM or YYYY"), day);
      return FALSE;
    }

  *out_day = g_steal_pointer (&day);
  return TRUE;
}

/* The IPTC code @text designates: a code ("medtop:11000000"), its number, or
 * its English label ("politics"). */
static const AttacheSubject *
find_subject (const char *text)
{
  g_autofree char *wanted = g_strstrip (g_strdup (text));
  g_autofree char *with_prefix = g_strconcat ("medtop:", wanted, NULL);
  const AttacheSubject *subjects;
  guint n = 0;

  if (attache_subject_from_code (wanted) != NULL)
    return attache_subject_from_code (wanted);
  if (attache_subject_from_code (with_prefix) != NULL)
    return attache_subject_from_code (with_prefix);

  subjects = attache_subjects (&n);
  for (guint i = 0; i < n; i++)
    if (g_ascii_strcasecmp (subjects[i].label, wanted) == 0)
      return &subjects[i];

  return NULL;
}

gboolean
attache_search_query_validate (const AttacheSearchQuery  *query,
                               GError                   **error)
{
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;

  g_return_val_if_fail (query != NULL, FALSE);

  /* A page of text pasted in is not a search: 30,000 words held the
   * library for 10 s (the index's time grows with the square of them). */
  if (query->text != NULL)
    {
      guint n_words = 0;
      gboolean in_word = FALSE;

      for (const char *p = query->text; *p != '\0'; p++)
        {
          gboolean space = g_ascii_isspace (*p);

          if (!space && !in_word)
            n_words++;
          in_word = !space;
        }
      if (n_words > MAX_SEARCH_WORDS)
        {
          g_set_error (error, ATTACHE_DATABASE_ERROR, ATTACHE_DATABASE_ERROR_INVALID_QUERY,
                       ngettext ("A search takes at most %u word; this one has %u",
                                 "A search takes at most %u words; this one has %u", MAX_SEARCH_WORDS),
                       MAX_SEARCH_WORDS, n_words);
          return FALSE;
        }
    }

  if (!is_blank (query->from) && !parse_day (query->from, &from, error))
    return FALSE;
  if (!is_blank (query->to) && !parse_day (query->to, &to, error))
    return FALSE;

  /* "2024-03" to "2024-03" is all of March: compare what both say. */
  if (from != NULL && to != NULL &&
      strncmp (from, to, MIN (strlen (from), strlen (to))) > 0)
    {
      g_set_error (error, ATTACHE_DATABASE_ERROR, ATTACHE_DATABASE_ERROR_INVALID_QUERY,
                   /* Translators: the two %s are dates. */
                   _("The search starts on %s, after it ends on %s"), from, to);
      return FALSE;
    }

  if (!is_blank (query->subject) && find_subject (query->subject) == NULL)
    {
      g_autoptr(GString) names = g_string_new (NULL);
      const AttacheSubject *subjects;
      guint n = 0;

      subjects = attache_subjects (&n);
      for (guint i = 0; i < n; i++)
        g_string_append_printf (names, "%s%s", i > 0 ? ", " : "", subjects[i].label);
      g_set_error (error, ATTACHE_DATABASE_ERROR, ATTACHE_DATABASE_ERROR_INVALID_QUERY,
                   /* Translators: %s is what was given as a subject, then the list of subjects. */
                   _("“%s” is not a subject; the subjects are: %s"), query->subject, names->str);
      return FALSE;
    }

  return TRUE;
}

/* Results */

AttacheSearchResults *
attache_search_results_copy (const AttacheSearchResults *results)
{
  AttacheSearchResults *copy;

  g_return_val_if_fail (results != NULL, NULL);

  copy = g_new0 (AttacheSearchResults, 1);
  copy->hits = g_ptr_array_new_with_free_func ((GDestroyNotify) attache_search_hit_unref);
  for (guint i = 0; i < results->hits->len; i++)
    g_ptr_array_add (copy->hits, attache_search_hit_ref (results->hits->pdata[i]));
  copy->total = results->total;
  copy->ranked = results->ranked;
  return copy;
}

void
attache_search_results_free (AttacheSearchResults *results)
{
  if (results == NULL)
    return;

  g_clear_pointer (&results->hits, g_ptr_array_unref);
  g_free (results);
}

/* Sets of article ids */

/* A set of article ids, one bit each. */
typedef struct
{
  gint64  size;    /* ids 0 … size - 1 */
  guint64 *bits;
} IdSet;

#define ID_SET_POINTER_TYPE "attache-id-set"

static IdSet *
id_set_new (gint64 max_id)
{
  IdSet *set = g_new0 (IdSet, 1);

  set->size = MAX (max_id + 1, 1);
  set->bits = g_new0 (guint64, (set->size + 63) / 64);
  return set;
}

static void
id_set_free (IdSet *set)
{
  if (set == NULL)
    return;
  g_free (set->bits);
  g_free (set);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (IdSet, id_set_free)

static inline void
id_set_add (IdSet  *set,
            gint64  id)
{
  if (id >= 0 && id < set->size)
    set->bits[id / 64] |= G_GUINT64_CONSTANT (1) << (id % 64);
}

static inline gboolean
id_set_contains (const IdSet *set,
                 gint64       id)
{
  return id >= 0 && id < set->size && (set->bits[id / 64] & (G_GUINT64_CONSTANT (1) << (id % 64))) != 0;
}

static void
id_set_intersect (IdSet       *set,
                  const IdSet *other)
{
  for (gint64 i = 0; i < (set->size + 63) / 64; i++)
    set->bits[i] &= other->bits[i];
}

static gint64
id_set_count (const IdSet *set)
{
  gint64 n = 0;

  for (gint64 i = 0; i < (set->size + 63) / 64; i++)
    n += __builtin_popcountll (set->bits[i]);
  return n;
}

/* attache_in_set (SET, ID): whether ID is in the IdSet bound as SET. */
static void
in_set_function (sqlite3_context  *context,
                 int               argc,
                 sqlite3_value   **argv)
{
  const IdSet *set = sqlite3_value_pointer (argv[0], ID_SET_POINTER_TYPE);

  sqlite3_result_int (context, set == NULL || id_set_contains (set, sqlite3_value_int64 (argv[1])));
}

/* attache_add_to_set (SET, ID): adds ID to the IdSet bound as SET; 1. */
static void
add_to_set_function (sqlite3_context  *context,
                     int               argc,
                     sqlite3_value   **argv)
{
  IdSet *set = sqlite3_value_pointer (argv[0], ID_SET_POINTER_TYPE);

  if (set != NULL)
    id_set_add (set, sqlite3_value_int64 (argv[1]));
  sqlite3_result_int (context, 1);
}

gboolean
_attache_search_register_functions (sqlite3  *db,
                                    GError  **error)
{
  if (sqlite3_create_function_v2 (db, "attache_in_set", 2, SQLITE_UTF8 | SQLITE_INNOCUOUS,
                                  NULL, in_set_function, NULL, NULL, NULL) != SQLITE_OK ||
      sqlite3_create_function_v2 (db, "attache_add_to_set", 2, SQLITE_UTF8 | SQLITE_DIRECTONLY,
                                  NULL, add_to_set_function, NULL, NULL, NULL) != SQLITE_OK)
    {
      g_set_error (error, ATTACHE_DATABASE_ERROR, ATTACHE_DATABASE_ERROR_SQL,
                   _("Could not open the library: %s"), sqlite3_errmsg (db));
      return FALSE;
    }
  return TRUE;
}

/* Statements assembled from fragments are cached like the fixed ones: the
 * assembled text is interned, so it lives as long as the cache. There are
 * only a few shapes. */
static sqlite3_stmt *
prepare_assembled (AttacheDatabase  *database,
                   GString          *sql,
                   GError          **error)
{
  return _attache_database_prepare (database, g_intern_string (sql->str), error);
}

/* Runs @stmt, a "SELECT count (attache_add_to_set (?9, id)) …", adding the
 * ids to @into. Inside sqlite, a row costs a function call rather than a
 * step out to C: a third of the time for an actor named in 30,000 articles.
 * Returns the sqlite result code. */
static int
collect_ids (sqlite3_stmt *stmt,
             IdSet        *into)
{
  int rc;

  sqlite3_bind_pointer (stmt, 9, into, ID_SET_POINTER_TYPE, NULL);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  return rc == SQLITE_ROW ? SQLITE_DONE : rc;
}

typedef struct
{
  char                 *expression;   /* the FTS5 expression, NULL without words */
  char                 *from;         /* the lower bound, compared as a string */
  char                 *to_bound;     /* the upper bound: the last day followed by '~' */
  const AttacheSubject *subject;
} Prepared;

static void
prepared_clear (Prepared *prepared)
{
  g_free (prepared->expression);
  g_free (prepared->from);
  g_free (prepared->to_bound);
}

/* Fills @set with the articles that pass every filter of @query. Call with
 * the lock held. */
static gboolean
filter_ids (AttacheLibrary            *self,
            const AttacheSearchQuery  *query,
            const Prepared            *prepared,
            gint64                     max_id,
            IdSet                    **out_set,
            GError                   **error)
{
  AttacheDatabase *database = attache_library_get_database (self);
  g_autoptr(IdSet) result = NULL;
  struct
  {
    const char *sql;
    const char *text;
    gint64      number;
    const char *text2;
    gboolean    present;
  } filters[] = {
    { "SELECT count (attache_add_to_set (?9, article_id)) FROM article_actors WHERE actor_id = ?1",
      NULL, query->actor_id, NULL, query->actor_id > 0 },
    { "SELECT count (attache_add_to_set (?9, id)) FROM articles WHERE source = ?1 COLLATE NOCASE",
      query->source, 0, NULL, !is_blank (query->source) },
    { "SELECT count (attache_add_to_set (?9, article_id)) FROM analyses WHERE subject = ?1",
      prepared->subject != NULL ? prepared->subject->code : NULL, 0, NULL, prepared->subject != NULL },
    { "SELECT count (attache_add_to_set (?9, article_id)) FROM article_topics "
      "WHERE label = ?1 COLLATE NOCASE",
      query->topic, 0, NULL, !is_blank (query->topic) },
    { "SELECT count (attache_add_to_set (?9, id)) FROM articles a "
      "WHERE " ATTACHE_ARTICLE_DATE ("a") " >= ?1 AND " ATTACHE_ARTICLE_DATE ("a") " < ?2",
      prepared->from, 0, prepared->to_bound, prepared->from != NULL && prepared->to_bound != NULL },
    { "SELECT count (attache_add_to_set (?9, id)) FROM articles a "
      "WHERE " ATTACHE_ARTICLE_DATE ("a") " >= ?1",
      prepared->from, 0, NULL, prepared->from != NULL && prepared->to_bound == NULL },
    { "SELECT count (attache_add_to_set (?9, id)) FROM articles a "
      "WHERE " ATTACHE_ARTICLE_DATE ("a") " < ?1",
      prepared->to_bound, 0, NULL, prepared->from == NULL && prepared->to_bound != NULL },
  };
  g_autofree char *source = NULL;
  g_autofree char *topic = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (filters); i++)
    {
      g_autoptr(IdSet) set = NULL;
      sqlite3_stmt *stmt;
      int rc;

      if (!filters[i].present)
        continue;

      stmt = _attache_database_prepare (database, filters[i].sql, error);
      if (stmt == NULL)
        return FALSE;
      if (filters[i].text != NULL)
        {
          g_autofree char *value = g_strstrip (g_strdup (filters[i].text));

          sqlite3_bind_text (stmt, 1, value, -1, SQLITE_TRANSIENT);
        }
      else
        sqlite3_bind_int64 (stmt, 1, filters[i].number);
      if (filters[i].text2 != NULL)
        sqlite3_bind_text (stmt, 2, filters[i].text2, -1, SQLITE_TRANSIENT);

      set = id_set_new (max_id);
      rc = collect_ids (stmt, set);
      if (rc != SQLITE_DONE)
        return _attache_database_set_error (database, rc, _("Could not search the library"), error);

      if (result == NULL)
        result = g_steal_pointer (&set);
      else
        id_set_intersect (result, set);
    }

  *out_set = g_steal_pointer (&result);
  return TRUE;
}

static gboolean
prepare_query (const AttacheSearchQuery  *query,
               gboolean                   plain,
               Prepared                  *prepared,
               GError                   **error)
{
  if (!attache_search_query_validate (query, error))
    return FALSE;

  if (!is_blank (query->text))
    {
      prepared->expression = _attache_library_translate_query (query->text, plain);
      if (prepared->expression == NULL && !attache_search_query_has_filters (query))
        {
          g_set_error (error, ATTACHE_DATABASE_ERROR, ATTACHE_DATABASE_ERROR_INVALID_QUERY,
                       _("The search “%s” has no words to look for"), query->text);
          return FALSE;
        }
    }
  else if (!attache_search_query_has_filters (query))
    {
      g_set_error (error, ATTACHE_DATABASE_ERROR, ATTACHE_DATABASE_ERROR_INVALID_QUERY,
                   _("Nothing to search for: give words or a filter"));
      return FALSE;
    }

  if (!is_blank (query->from))
    parse_day (query->from, &prepared->from, NULL);
  if (!is_blank (query->to))
    {
      g_autofree char *to = NULL;

      parse_day (query->to, &to, NULL);
      /* Every stored date that starts with @to sorts before "@to~". */
      prepared->to_bound = g_strconcat (to, "~", NULL);
    }
  if (!is_blank (query->subject))
    prepared->subject = find_subject (query->subject);

  return TRUE;
}

typedef struct
{
  gint64 id;
  double rank;
} Ranked;

typedef struct
{
  AttacheArticle *article;
  char           *snippet;
} PageRow;

static void
page_row_free (PageRow *row)
{
  g_clear_object (&row->article);
  g_free (row->snippet);
  g_free (row);
}

/* The opening of a text, about @max_chars long, cut at a word, as a snippet. */
static char *
opening_snippet (const char *body,
                 gsize       max_chars)
{
  const char *end;
  GString *out;

  if (body == NULL)
    return g_strdup ("");

  end = body;
  for (gsize n = 0; *end != '\0' && n < max_chars; n++)
    end = g_utf8_next_char (end);
  if (*end != '\0')
    {
      const char *cut = end;

      while (cut > body && *cut != ' ' && *cut != '\n')
        cut--;
      if (cut > body)
        end = cut;
    }

  out = g_string_new_len (body, end - body);
  if (*end != '\0')
    g_string_append (out, "…");
  return g_string_free (out, FALSE);
}

/* Runs the search with @prepared (words may be a plain retry). Call with the
 * lock held. Returns the sqlite code of the failure (SQLITE_ERROR for an
 * expression FTS5 refused) or SQLITE_DONE. */
static int
run_find (AttacheLibrary            *self,
          const Prepared            *prepared,
          const IdSet               *filter,
          guint                      limit,
          AttacheSearchResults     **out_results,
          GError                   **error)
{
  AttacheDatabase *database = attache_library_get_database (self);
  g_autoptr(GArray) ranked = g_array_new (FALSE, FALSE, sizeof (Ranked));
  g_autoptr(GString) sql = g_string_new (NULL);
  g_autoptr(AttacheSearchResults) results = g_new0 (AttacheSearchResults, 1);
  g_autoptr(IdSet) page = NULL;
  g_autoptr(GHashTable) by_id = NULL;
  g_autoptr(GString) page_json = NULL;
  sqlite3_stmt *stmt;
  gint64 max_page_id = 0;
  gint64 min_page_id = G_MAXINT64;
  int rc;

  results->hits = g_ptr_array_new_with_free_func ((GDestroyNotify) attache_search_hit_unref);

  /* 1. How many match. */
  if (prepared->expression != NULL)
    {
      g_string_assign (sql, "SELECT count (*) FROM articles_fts WHERE articles_fts MATCH ?1");
      if (filter != NULL)
        g_string_append (sql, " AND attache_in_set (?2, rowid)");
      stmt = prepare_assembled (database, sql, error);
      if (stmt == NULL)
        return SQLITE_MISUSE;
      sqlite3_bind_text (stmt, 1, prepared->expression, -1, SQLITE_STATIC);
      if (filter != NULL)
        sqlite3_bind_pointer (stmt, 2, (gpointer) filter, ID_SET_POINTER_TYPE, NULL);
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        results->total = sqlite3_column_int64 (stmt, 0);
      sqlite3_reset (stmt);
      if (rc != SQLITE_ROW)
        return rc;
    }
  else if (filter != NULL)
    results->total = id_set_count (filter);
  else
    {
      results->total = attache_library_count_articles (self, error);
      if (results->total < 0)
        return SQLITE_MISUSE;
    }

  /* 2. Which make the page, in order. */
  if (prepared->expression != NULL)
    {
      g_string_assign (sql,
                       "SELECT id, r FROM ("
                       "  SELECT rowid AS id, bm25 (articles_fts, 4.0, 1.0) AS r FROM articles_fts"
                       "  WHERE articles_fts MATCH ?1");
      if (filter != NULL)
        g_string_append (sql, " AND attache_in_set (?2, rowid)");
      g_string_append (sql, " ORDER BY rowid DESC LIMIT ?3) ORDER BY r, id DESC LIMIT ?4");
      stmt = prepare_assembled (database, sql, error);
      if (stmt == NULL)
        return SQLITE_MISUSE;
      sqlite3_bind_text (stmt, 1, prepared->expression, -1, SQLITE_STATIC);
      if (filter != NULL)
        sqlite3_bind_pointer (stmt, 2, (gpointer) filter, ID_SET_POINTER_TYPE, NULL);
      sqlite3_bind_int64 (stmt, 3, limit > 0 ? (gint64) rank_cap : -1);
      sqlite3_bind_int64 (stmt, 4, limit > 0 ? (gint64) limit : -1);
      results->ranked = limit > 0 ? MIN (results->total, (gint64) rank_cap) : results->total;
    }
  else
    {
      g_string_assign (sql, "SELECT a.id, 0.0 FROM articles a");
      if (filter != NULL)
        g_string_append (sql, " WHERE attache_in_set (?2, a.id)");
      g_string_append (sql, " ORDER BY " ATTACHE_ARTICLE_DATE ("a") " DESC, a.id DESC LIMIT ?4");
      stmt = prepare_assembled (database, sql, error);
      if (stmt == NULL)
        return SQLITE_MISUSE;
      if (filter != NULL)
        sqlite3_bind_pointer (stmt, 2, (gpointer) filter, ID_SET_POINTER_TYPE, NULL);
      sqlite3_bind_int64 (stmt, 4, limit > 0 ? (gint64) limit : -1);
      results->ranked = results->total;
    }

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      Ranked r = { sqlite3_column_int64 (stmt, 0), sqlite3_column_double (stmt, 1) };

      g_array_append_val (ranked, r);
      max_page_id = MAX (max_page_id, r.id);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return rc;

  /* 3. The page's articles and snippets. With words, one pass over the
   * matches between the page's first and last id (the ranked ones are among
   * the newest matches, so that is a short stretch of the index), testing
   * each against the page; snippet () runs for the page's rows only. */
  page = id_set_new (max_page_id);
  for (guint i = 0; i < ranked->len; i++)
    {
      id_set_add (page, g_array_index (ranked, Ranked, i).id);
      min_page_id = MIN (min_page_id, g_array_index (ranked, Ranked, i).id);
    }

  if (prepared->expression != NULL)
    {
      stmt = _attache_database_prepare (database,
                                        "SELECT " ATTACHE_ARTICLE_COLUMNS ", "
                                        "  snippet (articles_fts, 1, char (2), char (3), '…', 24) "
                                        "FROM articles_fts JOIN articles a ON a.id = articles_fts.rowid "
                                        "WHERE articles_fts MATCH ?1 "
                                        "  AND articles_fts.rowid BETWEEN ?3 AND ?4 "
                                        "  AND attache_in_set (?2, articles_fts.rowid)",
                                        error);
      if (stmt == NULL)
        return SQLITE_MISUSE;
      sqlite3_bind_text (stmt, 1, prepared->expression, -1, SQLITE_STATIC);
      sqlite3_bind_pointer (stmt, 2, page, ID_SET_POINTER_TYPE, NULL);
      sqlite3_bind_int64 (stmt, 3, min_page_id);
      sqlite3_bind_int64 (stmt, 4, max_page_id);
    }
  else
    {
      /* Without words, each article by its id: the opening is the snippet. */
      page_json = g_string_new ("[");
      for (guint i = 0; i < ranked->len; i++)
        g_string_append_printf (page_json, "%s%" G_GINT64_FORMAT, i > 0 ? "," : "",
                                g_array_index (ranked, Ranked, i).id);
      g_string_append_c (page_json, ']');
      stmt = _attache_database_prepare (database,
                                        "SELECT " ATTACHE_ARTICLE_COLUMNS ", substr (a.body, 1, 400) "
                                        "FROM articles a WHERE a.id IN (SELECT value FROM json_each (?1))",
                                        error);
      if (stmt == NULL)
        return SQLITE_MISUSE;
      sqlite3_bind_text (stmt, 1, page_json->str, page_json->len, SQLITE_STATIC);
    }

  by_id = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, (GDestroyNotify) page_row_free);
  while (ranked->len > 0 && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      PageRow *row = g_new0 (PageRow, 1);
      const char *text = (const char *) sqlite3_column_text (stmt, ATTACHE_N_ARTICLE_COLUMNS);
      gint64 *key = g_new (gint64, 1);

      row->article = _attache_library_article_from_row (stmt);
      row->snippet = prepared->expression != NULL ? g_strdup (text) : opening_snippet (text, 200);
      *key = attache_article_get_id (row->article);
      g_hash_table_insert (by_id, key, row);
    }
  sqlite3_reset (stmt);
  if (ranked->len > 0 && rc != SQLITE_DONE)
    return rc;

  for (guint i = 0; i < ranked->len; i++)
    {
      const Ranked *r = &g_array_index (ranked, Ranked, i);
      PageRow *row = g_hash_table_lookup (by_id, &r->id);

      if (row == NULL)
        continue;   /* cannot happen within one lock: the same rows */
      g_ptr_array_add (results->hits, _attache_search_hit_new (g_steal_pointer (&row->article),
                                                               g_steal_pointer (&row->snippet),
                                                               r->rank));
    }

  *out_results = g_steal_pointer (&results);
  return SQLITE_DONE;
}

static gint64
max_article_id (AttacheLibrary  *self,
                GError         **error)
{
  AttacheDatabase *database = attache_library_get_database (self);
  sqlite3_stmt *stmt;
  gint64 max_id = 0;
  int rc;

  stmt = _attache_database_prepare (database, "SELECT coalesce (max (id), 0) FROM articles", error);
  if (stmt == NULL)
    return -1;
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    max_id = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW)
    {
      _attache_database_set_error (database, rc, _("Could not search the library"), error);
      return -1;
    }
  return max_id;
}

AttacheSearchResults *
attache_library_find (AttacheLibrary            *self,
                      const AttacheSearchQuery  *query,
                      guint                      limit,
                      GError                   **error)
{
  AttacheDatabase *database;
  AttacheSearchResults *results = NULL;
  g_autoptr(IdSet) filter = NULL;
  Prepared prepared = { NULL, };
  gint64 max_id;
  int rc;

  g_return_val_if_fail (ATTACHE_IS_LIBRARY (self), NULL);
  g_return_val_if_fail (query != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!prepare_query (query, FALSE, &prepared, error))
    {
      prepared_clear (&prepared);
      return NULL;
    }

  database = attache_library_get_database (self);
  _attache_database_lock (database);

  max_id = max_article_id (self, error);
  if (max_id < 0)
    goto out;

  if (attache_search_query_has_filters (query) &&
      !filter_ids (self, query, &prepared, max_id, &filter, error))
    goto out;

  rc = run_find (self, &prepared, filter, limit, &results, error);

  /* Operators in an order FTS5 cannot parse: search for all the words instead. */
  if ((rc & 0xff) == SQLITE_ERROR && prepared.expression != NULL && (error == NULL || *error == NULL))
    {
      g_autofree char *failed = g_steal_pointer (&prepared.expression);

      prepared.expression = _attache_library_translate_query (query->text, TRUE);
      g_debug ("Search “%s” as %s failed; trying %s", query->text, failed, prepared.expression);
      rc = run_find (self, &prepared, filter, limit, &results, error);
      if ((rc & 0xff) == SQLITE_ERROR && (error == NULL || *error == NULL))
        g_set_error (error, ATTACHE_DATABASE_ERROR, ATTACHE_DATABASE_ERROR_INVALID_QUERY,
                     _("The search “%s” could not be understood: %s"), query->text,
                     sqlite3_errmsg (_attache_database_get_handle (database)));
    }
  if (rc != SQLITE_DONE && results == NULL && (error == NULL || *error == NULL))
    _attache_database_set_error (database, rc, _("Could not search the library"), error);

out:
  _attache_database_unlock (database);
  prepared_clear (&prepared);
  return results;
}

typedef struct
{
  AttacheSearchQuery *query;
  guint               limit;
} FindData;

static void
find_data_free (FindData *data)
{
  attache_search_query_free (data->query);
  g_free (data);
}

static gpointer
find_run (gpointer       source_object,
          gpointer       task_data,
          GCancellable  *cancellable,
          GError       **error)
{
  FindData *data = task_data;

  return attache_library_find (source_object, data->query, data->limit, error);
}

void
attache_library_find_async (AttacheLibrary            *self,
                            const AttacheSearchQuery  *query,
                            guint                      limit,
                            GCancellable              *cancellable,
                            GAsyncReadyCallback        callback,
                            gpointer                   user_data)
{
  g_autoptr(GTask) task = NULL;
  FindData *data;

  g_return_if_fail (ATTACHE_IS_LIBRARY (self));
  g_return_if_fail (query != NULL);

  data = g_new0 (FindData, 1);
  data->query = attache_search_query_copy (query);
  data->limit = limit;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, attache_library_find_async);
  _attache_task_run_pointer (task, find_run, (GDestroyNotify) attache_search_results_free,
                             data, (GDestroyNotify) find_data_free, ATTACHE_TASK_DEFAULT);
}

AttacheSearchResults *
attache_library_find_finish (AttacheLibrary  *self,
                             GAsyncResult    *result,
                             GError         **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Saved searches */

AttacheSavedSearch *
attache_saved_search_copy (const AttacheSavedSearch *saved)
{
  AttacheSavedSearch *copy;

  g_return_val_if_fail (saved != NULL, NULL);

  copy = g_new0 (AttacheSavedSearch, 1);
  copy->id = saved->id;
  copy->name = g_strdup (saved->name);
  copy->query = saved->query != NULL ? attache_search_query_copy (saved->query) : NULL;
  copy->created = g_strdup (saved->created);
  return copy;
}

void
attache_saved_search_free (AttacheSavedSearch *saved)
{
  if (saved == NULL)
    return;

  g_free (saved->name);
  g_clear_pointer (&saved->query, attache_search_query_free);
  g_free (saved->created);
  g_free (saved);
}

static const char *
column_text (sqlite3_stmt *stmt,
             int           column)
{
  return (const char *) sqlite3_column_text (stmt, column);
}

#define SAVED_SEARCH_COLUMNS \
  "id, name, query, date_from, date_to, source, actor_id, subject, topic, created"

static AttacheSavedSearch *
saved_search_from_row (sqlite3_stmt *stmt)
{
  AttacheSavedSearch *saved = g_new0 (AttacheSavedSearch, 1);

  saved->id = sqlite3_column_int64 (stmt, 0);
  saved->name = g_strdup (column_text (stmt, 1));
  saved->query = attache_search_query_new (column_text (stmt, 2));
  saved->query->from = g_strdup (column_text (stmt, 3));
  saved->query->to = g_strdup (column_text (stmt, 4));
  saved->query->source = g_strdup (column_text (stmt, 5));
  saved->query->actor_id = sqlite3_column_int64 (stmt, 6);
  saved->query->subject = g_strdup (column_text (stmt, 7));
  saved->query->topic = g_strdup (column_text (stmt, 8));
  saved->created = g_strdup (column_text (stmt, 9));
  return saved;
}

/* Binds @query's fields to ?2 … ?8 (the order of SAVED_SEARCH_COLUMNS). */
static void
bind_saved_query (sqlite3_stmt             *stmt,
                  const AttacheSearchQuery *query)
{
  g_autofree char *text = dup_nonempty (query->text);

  sqlite3_bind_text (stmt, 2, text != NULL ? text : "", -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, is_blank (query->from) ? NULL : g_strstrip (g_strdup (query->from)), -1, g_free);
  sqlite3_bind_text (stmt, 4, is_blank (query->to) ? NULL : g_strstrip (g_strdup (query->to)), -1, g_free);
  sqlite3_bind_text (stmt, 5, is_blank (query->source) ? NULL : g_strstrip (g_strdup (query->source)), -1, g_free);
  if (query->actor_id > 0)
    sqlite3_bind_int64 (stmt, 6, query->actor_id);
  else
    sqlite3_bind_null (stmt, 6);
  sqlite3_bind_text (stmt, 7, is_blank (query->subject) ? NULL : g_strstrip (g_strdup (query->subject)), -1, g_free);
  sqlite3_bind_text (stmt, 8, is_blank (query->topic) ? NULL : g_strstrip (g_strdup (query->topic)), -1, g_free);
}

static gboolean
check_name (const char  *name,
            char       **out_name,
            GError     **error)
{
  g_autofree char *trimmed = dup_nonempty (name);

  if (trimmed == NULL)
    {
      g_set_error (error, ATTACHE_DATABASE_ERROR, ATTACHE_DATABASE_ERROR_INVALID,
                   _("A saved search needs a name"));
      return FALSE;
    }
  *out_name = g_steal_pointer (&trimmed);
  return TRUE;
}

static gboolean
check_saved_query (AttacheLibrary            *self,
                   const AttacheSearchQuery  *query,
                   GError                   **error)
{
  if (attache_search_query_is_empty (query))
    {
      g_set_error (error, ATTACHE_DATABASE_ERROR, ATTACHE_DATABASE_ERROR_INVALID_QUERY,
                   _("Nothing to search for: give words or a filter"));
      return FALSE;
    }
  return attache_search_query_validate (query, error);
}

/* Runs a write to saved_searches in one transaction. @stmt is stepped once;
 * a name already taken is ATTACHE_DATABASE_ERROR_EXISTS, no row changed is
 * ATTACHE_DATABASE_ERROR_NOT_FOUND (when @must_change). */
static gboolean
write_saved_search (AttacheLibrary  *self,
                    sqlite3_stmt    *stmt,
                    const char      *name,
                    gint64           id,
                    gboolean         must_change,
                    gint64          *out_id,
                    GError         **error)
{
  AttacheDatabase *database = attache_library_get_database (self);
  sqlite3 *db = _attache_database_get_handle (database);
  int rc = sqlite3_step (stmt);

  sqlite3_reset (stmt);
  if ((rc & 0xff) == SQLITE_CONSTRAINT && name != NULL)
    {
      g_set_error (error, ATTACHE_DATABASE_ERROR, ATTACHE_DATABASE_ERROR_EXISTS,
                   /* Translators: %s is the name of a saved search. */
                   _("A saved search is already called “%s”"), name);
      return FALSE;
    }
  if (rc != SQLITE_DONE)
    return _attache_database_set_error (database, rc, _("Could not save the search"), error);
  if (must_change && sqlite3_changes (db) == 0)
    {
      g_set_error (error, ATTACHE_DATABASE_ERROR, ATTACHE_DATABASE_ERROR_NOT_FOUND,
                   _("There is no saved search %" PRId64), (int64_t) id);
      return FALSE;
    }
  if (out_id != NULL)
    *out_id = sqlite3_last_insert_rowid (db);
  return TRUE;
}

/* Begins, runs @stmt through write_saved_search, commits; with the lock. */
static gboolean
change_saved_search (AttacheLibrary  *self,
                     const char      *sql,
                     gint64           id,
                     const char      *name,
                     const AttacheSearchQuery *query,
                     const char      *created,
                     gboolean         must_change,
                     gint64          *out_id,
                     GError         **error)
{
  AttacheDatabase *database = attache_library_get_database (self);
  g_autofree char *now = _attache_library_now_iso8601 ();
  sqlite3_stmt *stmt;
  gboolean ok = FALSE;

  _attache_database_lock (database);
  if (!_attache_database_begin (database, error))
    goto out;

  stmt = _attache_database_prepare (database, sql, error);
  if (stmt == NULL)
    goto rollback;
  if (id > 0)
    sqlite3_bind_int64 (stmt, 1, id);
  if (query != NULL)
    bind_saved_query (stmt, query);
  if (name != NULL)
    sqlite3_bind_text (stmt, 9, name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 10, created != NULL ? created : now, -1, SQLITE_STATIC);

  if (!write_saved_search (self, stmt, name, id, must_change, out_id, error) ||
      !_attache_database_commit (database, error))
    goto rollback;
  ok = TRUE;
  goto out;

rollback:
  _attache_database_rollback (database);
out:
  _attache_database_unlock (database);
  if (ok)
    _attache_library_notify_saved_searches_changed (self);
  return ok;
}

gint64
attache_library_add_saved_search (AttacheLibrary            *self,
                                  const char                *name,
                                  const AttacheSearchQuery  *query,
                                  GError                   **error)
{
  g_autofree char *trimmed = NULL;
  gint64 id = 0;

  g_return_val_if_fail (ATTACHE_IS_LIBRARY (self), 0);
  g_return_val_if_fail (query != NULL, 0);
  g_return_val_if_fail (error == NULL || *error == NULL, 0);

  if (!check_name (name, &trimmed, error) || !check_saved_query (self, query, error))
    return 0;

  if (!change_saved_search (self,
                            "INSERT INTO saved_searches (name, query, date_from, date_to, source, "
                            "  actor_id, subject, topic, created) "
                            "VALUES (?9, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?10)",
                            0, trimmed, query, NULL, FALSE, &id, error))
    return 0;
  return id;
}

gboolean
attache_library_restore_saved_search (AttacheLibrary            *self,
                                      const AttacheSavedSearch  *saved,
                                      GError                   **error)
{
  g_return_val_if_fail (ATTACHE_IS_LIBRARY (self), FALSE);
  g_return_val_if_fail (saved != NULL && saved->id > 0 && saved->query != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return change_saved_search (self,
                              "INSERT INTO saved_searches (id, name, query, date_from, date_to, source, "
                              "  actor_id, subject, topic, created) "
                              "VALUES (?1, ?9, ?2, ?3, ?4, ?5, "
                              "  (SELECT id FROM actors WHERE id = ?6), ?7, ?8, ?10)",
                              saved->id, saved->name, saved->query, saved->created, FALSE, NULL, error);
}

gboolean
attache_library_rename_saved_search (AttacheLibrary  *self,
                                     gint64           id,
                                     const char      *name,
                                     GError         **error)
{
  g_autofree char *trimmed = NULL;

  g_return_val_if_fail (ATTACHE_IS_LIBRARY (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!check_name (name, &trimmed, error))
    return FALSE;

  return change_saved_search (self, "UPDATE saved_searches SET name = ?9 WHERE id = ?1",
                              id, trimmed, NULL, NULL, TRUE, NULL, error);
}

gboolean
attache_library_update_saved_search (AttacheLibrary            *self,
                                     gint64                     id,
                                     const AttacheSearchQuery  *query,
                                     GError                   **error)
{
  g_return_val_if_fail (ATTACHE_IS_LIBRARY (self), FALSE);
  g_return_val_if_fail (query != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!check_saved_query (self, query, error))
    return FALSE;

  return change_saved_search (self,
                              "UPDATE saved_searches SET query = ?2, date_from = ?3, date_to = ?4, "
                              "  source = ?5, actor_id = ?6, subject = ?7, topic = ?8 "
                              "WHERE id = ?1",
                              id, NULL, query, NULL, TRUE, NULL, error);
}

gboolean
attache_library_delete_saved_search (AttacheLibrary  *self,
                                     gint64           id,
                                     GError         **error)
{
  g_return_val_if_fail (ATTACHE_IS_LIBRARY (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return change_saved_search (self, "DELETE FROM saved_searches WHERE id = ?1",
                              id, NULL, NULL, NULL, TRUE, NULL, error);
}

AttacheSavedSearch *
attache_library_get_saved_search (AttacheLibrary  *self,
                                  gint64           id,
                                  GError         **error)
{
  AttacheDatabase *database;
  AttacheSavedSearch *saved = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (ATTACHE_IS_LIBRARY (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  database = attache_library_get_database (self);
  _attache_database_lock (database);
  stmt = _attache_database_prepare (database,
                                    "SELECT " SAVED_SEARCH_COLUMNS " FROM saved_searches WHERE id = ?1", error);
  if (stmt != NULL)
    {
      sqlite3_bind_int64 (stmt, 1, id);
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        saved = saved_search_from_row (stmt);
      else if (rc == SQLITE_DONE)
        g_set_error (error, ATTACHE_DATABASE_ERROR, ATTACHE_DATABASE_ERROR_NOT_FOUND,
                     _("There is no saved search %" PRId64), (int64_t) id);
      else
        _attache_database_set_error (database, rc, _("Could not read the library"), error);
      sqlite3_reset (stmt);
    }
  _attache_database_unlock (database);
  return saved;
}

GPtrArray *
attache_library_list_saved_searches (AttacheLibrary  *self,
                                     GError         **error)
{
  AttacheDatabase *database;
  g_autoptr(GPtrArray) list = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (ATTACHE_IS_LIBRARY (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  database = attache_library_get_database (self);
  _attache_database_lock (database);
  stmt = _attache_database_prepare (database,
                                    "SELECT " SAVED_SEARCH_COLUMNS " FROM saved_searches ORDER BY name, id",
                                    error);
  if (stmt == NULL)
    {
      _attache_database_unlock (database);
      return NULL;
    }
  list = g_ptr_array_new_with_free_func ((GDestroyNotify) attache_saved_search_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (list, saved_search_from_row (stmt));
  sqlite3_reset (stmt);
  _attache_database_unlock (database);

  if (rc != SQLITE_DONE)
    {
      _attache_database_set_error (database, rc, _("Could not read the library"), error);
      return NULL;
    }
  return g_steal_pointer (&list);
}

static gpointer
list_saved_searches_run (gpointer       source_object,
                         gpointer       task_data,
                         GCancellable  *cancellable,
                         GError       **error)
{
  return attache_library_list_saved_searches (source_object, error);
}

void
attache_library_list_saved_searches_async (AttacheLibrary      *self,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (ATTACHE_IS_LIBRARY (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, attache_library_list_saved_searches_async);
  _attache_task_run_pointer (task, list_saved_searches_run, (GDestroyNotify) g_ptr_array_unref,
                             NULL, NULL, ATTACHE_TASK_DEFAULT);
}

GPtrArray *
attache_library_list_saved_searches_finish (AttacheLibrary  *self,
                                            GAsyncResult    *result,
                                            GError         **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Changing saved searches off the calling thread */

typedef enum
{
  SAVED_ADD,
  SAVED_RENAME,
  SAVED_UPDATE,
  SAVED_DELETE,
  SAVED_RESTORE,
} SavedOp;

typedef struct
{
  SavedOp             op;
  gint64              id;
  char               *name;
  AttacheSearchQuery *query;
  AttacheSavedSearch *saved;
} SavedData;

static void
saved_data_free (SavedData *data)
{
  g_free (data->name);
  g_clear_pointer (&data->query, attache_search_query_free);
  g_clear_pointer (&data->saved, attache_saved_search_free);
  g_free (data);
}

static void
change_saved_search_worker (GTask        *task,
                            gpointer      source_object,
                            gpointer      task_data,
                            GCancellable *cancellable)
{
  AttacheLibrary *self = source_object;
  SavedData *data = task_data;
  GError *error = NULL;
  gint64 id = data->id;
  gboolean ok = FALSE;

  if (g_task_return_error_if_cancelled (task))
    return;

  switch (data->op)
    {
    case SAVED_ADD:
      id = attache_library_add_saved_search (self, data->name, data->query, &error);
      ok = id > 0;
      break;
    case SAVED_RENAME:
      ok = attache_library_rename_saved_search (self, data->id, data->name, &error);
      break;
    case SAVED_UPDATE:
      ok = attache_library_update_saved_search (self, data->id, data->query, &error);
      break;
    case SAVED_DELETE:
      /* Read first, so that the caller can offer Undo. */
      data->saved = attache_library_get_saved_search (self, data->id, &error);
      ok = data->saved != NULL && attache_library_delete_saved_search (self, data->id, &error);
      break;
    case SAVED_RESTORE:
    default:
      ok = attache_library_restore_saved_search (self, data->saved, &error);
      break;
    }

  if (ok)
    g_task_return_int (task, id);
  else
    g_task_return_error (task, error);
}

static void
run_saved_search_task (AttacheLibrary      *self,
                       gpointer             source_tag,
                       SavedData           *data,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, data, (GDestroyNotify) saved_data_free);
  g_task_run_in_thread (task, change_saved_search_worker);
}

void
attache_library_add_saved_search_async (AttacheLibrary            *self,
                                        const char                *name,
                                        const AttacheSearchQuery  *query,
                                        GCancellable              *cancellable,
                                        GAsyncReadyCallback        callback,
                                        gpointer                   user_data)
{
  SavedData *data;

  g_return_if_fail (ATTACHE_IS_LIBRARY (self));
  g_return_if_fail (query != NULL);

  data = g_new0 (SavedData, 1);
  data->op = SAVED_ADD;
  data->name = g_strdup (name);
  data->query = attache_search_query_copy (query);
  run_saved_search_task (self, attache_library_add_saved_search_async, data, cancellable, callback, user_data);
}

gint64
attache_library_add_saved_search_finish (AttacheLibrary  *self,
                                         GAsyncResult    *result,
                                         GError         **error)
{
  gint64 id;

  g_return_val_if_fail (g_task_is_valid (result, self), 0);

  id = g_task_propagate_int (G_TASK (result), error);
  return id > 0 ? id : 0;
}

void
attache_library_rename_saved_search_async (AttacheLibrary      *self,
                                           gint64               id,
                                           const char          *name,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data)
{
  SavedData *data;

  g_return_if_fail (ATTACHE_IS_LIBRARY (self));

  data = g_new0 (SavedData, 1);
  data->op = SAVED_RENAME;
  data->id = id;
  data->name = g_strdup (name);
  run_saved_search_task (self, attache_library_rename_saved_search_async, data, cancellable, callback, user_data);
}

void
attache_library_update_saved_search_async (AttacheLibrary            *self,
                                           gint64                     id,
                                           const AttacheSearchQuery  *query,
                                           GCancellable              *cancellable,
                                           GAsyncReadyCallback        callback,
                                           gpointer                   user_data)
{
  SavedData *data;

  g_return_if_fail (ATTACHE_IS_LIBRARY (self));
  g_return_if_fail (query != NULL);

  data = g_new0 (SavedData, 1);
  data->op = SAVED_UPDATE;
  data->id = id;
  data->query = attache_search_query_copy (query);
  run_saved_search_task (self, attache_library_update_saved_search_async, data, cancellable, callback, user_data);
}

void
attache_library_delete_saved_search_async (AttacheLibrary      *self,
                                           gint64               id,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data)
{
  SavedData *data;

  g_return_if_fail (ATTACHE_IS_LIBRARY (self));

  data = g_new0 (SavedData, 1);
  data->op = SAVED_DELETE;
  data->id = id;
  run_saved_search_task (self, attache_library_delete_saved_search_async, data, cancellable, callback, user_data);
}

void
attache_library_restore_saved_search_async (AttacheLibrary            *self,
                                            const AttacheSavedSearch  *saved,
                                            GCancellable              *cancellable,
                                            GAsyncReadyCallback        callback,
                                            gpointer                   user_data)
{
  SavedData *data;

  g_return_if_fail (ATTACHE_IS_LIBRARY (self));
  g_return_if_fail (saved != NULL);

  data = g_new0 (SavedData, 1);
  data->op = SAVED_RESTORE;
  data->id = saved->id;
  data->saved = attache_saved_search_copy (saved);
  run_saved_search_task (self, attache_library_restore_saved_search_async, data, cancellable, callback, user_data);
}

gboolean
attache_library_change_saved_search_finish (AttacheLibrary       *self,
                                            GAsyncResult         *result,
                                            AttacheSavedSearch  **out_deleted,
                                            GError              **error)
{
  SavedData *data;
  gint64 id;

  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  id = g_task_propagate_int (G_TASK (result), error);
  data = g_task_get_task_data (G_TASK (result));
  if (out_deleted != NULL)
    *out_deleted = id > 0 && data->op == SAVED_DELETE ? attache_saved_search_copy (data->saved) : NULL;
  return id > 0;
}
