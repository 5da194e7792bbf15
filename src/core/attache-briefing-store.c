/* attache-briefing-store.c: briefings kept in the library
 *
 * The SQL of briefings (tables: attache-database.c, format 8). Every write is
 * one request run by perform (): one transaction, which also sets the
 * briefing's modification time, then "briefings-changed". The same requests
 * run in a worker for the _async calls.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "attache-briefing-store"

#include "config.h"

#include <glib/gi18n.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "attache-briefing-store.h"
#include "attache-database-private.h"
#include "attache-library-private.h"
#include "attache-task-private.h"

/* Rows of an actors or topics table when none is asked for. */
#define DEFAULT_TABLE_ROWS 10

static const char * const statuses[] = { "draft", "final" };

/* Small helpers */

/* Binds a string, or NULL for an absent one. The text must outlive the step. */
static void
bind_text (sqlite3_stmt *stmt,
           int           column,
           const char   *text)
{
  if (text != NULL)
    sqlite3_bind_text (stmt, column, text, -1, SQLITE_STATIC);
  else
    sqlite3_bind_null (stmt, column);
}

static char *
column_dup (sqlite3_stmt *stmt,
            int           column)
{
  return g_strdup ((const char *) sqlite3_column_text (stmt, column));
}

static gint64
now_seconds (void)
{
  return g_get_real_time () / G_USEC_PER_SEC;
}

static char *
format_id (gint64 id)
{
  return g_strdup_printf ("%" PRId64, (int64_t) id);
}

/* One line of text: spaces at both ends removed, line breaks and tabs made
 * spaces. NULL when nothing is left. */
static char *
clean_line (const char *text)
{
  char *line;

  if (text == NULL)
    return NULL;

  line = g_strstrip (g_strdup (text));
  for (char *p = line; *p != '\0'; p++)
    if (*p == '\n' || *p == '\r' || *p == '\t')
      *p = ' ';

  if (*line == '\0')
    g_clear_pointer (&line, g_free);
  return line;
}

static gboolean
is_blank (const char *text)
{
  if (text == NULL)
    return TRUE;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    if (!g_unichar_isspace (g_utf8_get_char (p)))
      return FALSE;

  return TRUE;
}

/* YYYY-MM-DD, a day that exists. */
static gboolean
is_valid_day (const char *text)
{
  unsigned year, month, day;
  char end;

  if (strlen (text) != 10 || text[4] != '-' || text[7] != '-')
    return FALSE;
  for (guint i = 0; i < 10; i++)
    if (i != 4 && i != 7 && !g_ascii_isdigit (text[i]))
      return FALSE;
  if (sscanf (text, "%4u-%2u-%2u%c", &year, &month, &day, &end) != 3)
    return FALSE;

  return g_date_valid_dmy (day, month, year);
}

static gboolean
set_invalid (GError     **error,
             const char  *message)
{
  g_set_error_literal (error, ATTACHE_DATABASE_ERROR, ATTACHE_DATABASE_ERROR_INVALID, message);
  return FALSE;
}

static void
set_briefing_not_found (GError **error,
                        gint64   id)
{
  g_autofree char *text = format_id (id);

  /* Translators: %s is a briefing's id, a number */
  g_set_error (error, ATTACHE_DATABASE_ERROR, ATTACHE_DATABASE_ERROR_NOT_FOUND,
               _("There is no briefing with id %s in the library"), text);
}

static void
set_section_not_found (GError **error,
                       gint64   id)
{
  g_autofree char *text = format_id (id);

  /* Translators: %s is the id of a section of a briefing, a number */
  g_set_error (error, ATTACHE_DATABASE_ERROR, ATTACHE_DATABASE_ERROR_NOT_FOUND,
               _("There is no briefing section with id %s in the library"), text);
}

static void
set_block_not_found (GError **error,
                     gint64   id)
{
  g_autofree char *text = format_id (id);

  /* Translators: %s is the id of a block (a paragraph, an excerpt…) of a briefing */
  g_set_error (error, ATTACHE_DATABASE_ERROR, ATTACHE_DATABASE_ERROR_NOT_FOUND,
               _("There is no briefing block with id %s in the library"), text);
}

static void
set_article_not_found (GError **error,
                       gint64   id)
{
  g_autofree char *text = format_id (id);

  g_set_error (error, ATTACHE_DATABASE_ERROR, ATTACHE_DATABASE_ERROR_NOT_FOUND,
               _("There is no article with id %s in the library"), text);
}

/* Title-page fields as they are stored: one-line fields cleaned, blanks NULL. */
typedef struct
{
  char                  *title;
  char                  *subtitle;
  char                  *author;
  char                  *audience;
  char                  *date;
  char                  *marking;
  AttacheBriefingStatus  status;
  char                  *summary;
} Fields;

static void
fields_clear (Fields *fields)
{
  g_free (fields->title);
  g_free (fields->subtitle);
  g_free (fields->author);
  g_free (fields->audience);
  g_free (fields->date);
  g_free (fields->marking);
  g_free (fields->summary);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Fields, fields_clear)

static gboolean
fields_init (Fields                 *fields,
             const AttacheBriefing  *briefing,
             GError                **error)
{
  memset (fields, 0, sizeof *fields);

  fields->title = clean_line (briefing->title);
  if (fields->title == NULL)
    return set_invalid (error, _("A briefing needs a title"));

  fields->date = clean_line (briefing->date);
  if (fields->date != NULL && !is_valid_day (fields->date))
    {
      g_set_error (error, ATTACHE_DATABASE_ERROR, ATTACHE_DATABASE_ERROR_INVALID,
                   /* Translators: %s is what was given as the briefing's date */
                   _("“%s” is not a date: give the day as YYYY-MM-DD"), fields->date);
      return FALSE;
    }

  if ((guint) briefing->status >= G_N_ELEMENTS (statuses))
    return set_invalid (error, _("A briefing is either a draft or final"));

  fields->subtitle = clean_line (briefing->subtitle);
  fields->author = clean_line (briefing->author);
  fields->audience = clean_line (briefing->audience);
  fields->marking = clean_line (briefing->marking);
  fields->status = briefing->status;
  fields->summary = is_blank (briefing->summary) ? NULL : g_strdup (briefing->summary);
  return TRUE;
}

/* Statements. Call everything below with the lock held (and, for writes, a
 * transaction). */

static gboolean
step_done (AttacheDatabase  *database,
           sqlite3_stmt     *stmt,
           GError          **error)
{
  int rc = sqlite3_step (stmt);

  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return _attache_database_set_error (database, rc, _("Could not save the briefing"), error);

  return TRUE;
}

/* Runs @stmt, which selects one integer. Returns TRUE with *@found FALSE when
 * it selects no row. */
static gboolean
step_int64 (AttacheDatabase  *database,
            sqlite3_stmt     *stmt,
            gint64           *value,
            gboolean         *found,
            GError          **error)
{
  int rc = sqlite3_step (stmt);

  *found = rc == SQLITE_ROW;
  *value = *found ? sqlite3_column_int64 (stmt, 0) : 0;
  sqlite3_reset (stmt);

  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return _attache_database_set_error (database, rc, _("Could not read the briefing"), error);

  return TRUE;
}

static gboolean
briefing_exists (AttacheDatabase  *database,
                 gint64            briefing_id,
                 GError          **error)
{
  sqlite3_stmt *stmt;
  gboolean found;
  gint64 id;

  stmt = _attache_database_prepare (database, "SELECT id FROM briefings WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, briefing_id);
  if (!step_int64 (database, stmt, &id, &found, error))
    return FALSE;
  if (!found)
    {
      set_briefing_not_found (error, briefing_id);
      return FALSE;
    }

  return TRUE;
}

/* The briefing section @section_id belongs to; 0 (with @error set) when none. */
static gint64
find_section (AttacheDatabase  *database,
              gint64            section_id,
              GError          **error)
{
  sqlite3_stmt *stmt;
  gboolean found;
  gint64 briefing_id;

  stmt = _attache_database_prepare (database, "SELECT briefing_id FROM briefing_sections WHERE id = ?1", error);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_int64 (stmt, 1, section_id);
  if (!step_int64 (database, stmt, &briefing_id, &found, error))
    return 0;
  if (!found)
    {
      set_section_not_found (error, section_id);
      return 0;
    }

  return briefing_id;
}

typedef struct
{
  gint64           briefing_id;
  gint64           section_id;
  AttacheBlockKind kind;
  gint64           article_id;   /* 0 when the article was deleted */
  guint            max_rows;
} BlockRow;

static gboolean
find_block (AttacheDatabase  *database,
            gint64            block_id,
            BlockRow         *row,
            GError          **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = _attache_database_prepare (database,
                                    "SELECT s.briefing_id, b.section_id, b.kind, b.article_id, b.max_rows "
                                    "FROM briefing_blocks b JOIN briefing_sections s ON s.id = b.section_id "
                                    "WHERE b.id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, block_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      row->briefing_id = sqlite3_column_int64 (stmt, 0);
      row->section_id = sqlite3_column_int64 (stmt, 1);
      row->kind = ATTACHE_BLOCK_TEXT;
      attache_block_kind_from_string ((const char *) sqlite3_column_text (stmt, 2), &row->kind);
      row->article_id = sqlite3_column_int64 (stmt, 3);
      row->max_rows = sqlite3_column_int (stmt, 4);
    }
  sqlite3_reset (stmt);

  if (rc == SQLITE_DONE)
    {
      set_block_not_found (error, block_id);
      return FALSE;
    }
  if (rc != SQLITE_ROW)
    return _attache_database_set_error (database, rc, _("Could not read the briefing"), error);

  return TRUE;
}

static gboolean
touch_briefing (AttacheDatabase  *database,
                gint64            briefing_id,
                GError          **error)
{
  sqlite3_stmt *stmt;

  stmt = _attache_database_prepare (database, "UPDATE briefings SET modified = ?2 WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, briefing_id);
  sqlite3_bind_int64 (stmt, 2, now_seconds ());
  return step_done (database, stmt, error);
}

/* Order. Rows of one parent (the sections of a briefing, the blocks of a
 * section) are ordered by position, then id. */

enum { SECTIONS, BLOCKS };

static const char * const list_children_sql[] = {
  [SECTIONS] = "SELECT id, position FROM briefing_sections WHERE briefing_id = ?1 ORDER BY position, id",
  [BLOCKS] = "SELECT id, position FROM briefing_blocks WHERE section_id = ?1 ORDER BY position, id",
};

static const char * const set_position_sql[] = {
  [SECTIONS] = "UPDATE briefing_sections SET position = ?2 WHERE id = ?1",
  [BLOCKS] = "UPDATE briefing_blocks SET position = ?2 WHERE id = ?1",
};

typedef struct
{
  gint64 id;
  gint64 position;
} Child;

/* Puts row @id, already a child of @parent_id, at @position among its
 * siblings, numbering them 0, 1, 2… (only the rows whose number changes are
 * written). */
static gboolean
place_child (AttacheDatabase  *database,
             guint             table,
             gint64            parent_id,
             gint64            id,
             guint             position,
             GError          **error)
{
  g_autoptr(GArray) children = g_array_new (FALSE, FALSE, sizeof (Child));
  Child moved = { id, -1 };
  sqlite3_stmt *stmt;
  int rc;

  stmt = _attache_database_prepare (database, list_children_sql[table], error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, parent_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      Child child = { sqlite3_column_int64 (stmt, 0), sqlite3_column_int64 (stmt, 1) };

      if (child.id == id)
        moved = child;
      else
        g_array_append_val (children, child);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return _attache_database_set_error (database, rc, _("Could not read the briefing"), error);

  g_array_insert_val (children, MIN (position, children->len), moved);

  for (guint i = 0; i < children->len; i++)
    {
      const Child *child = &g_array_index (children, Child, i);

      if (child->position == (gint64) i)
        continue;

      stmt = _attache_database_prepare (database, set_position_sql[table], error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, child->id);
      sqlite3_bind_int64 (stmt, 2, i);
      if (!step_done (database, stmt, error))
        return FALSE;
    }

  return TRUE;
}

/* Sections */

/* Inserts a section at the end of the briefing, with @id unless 0; returns
 * its id, 0 on error. */
static gint64
insert_section (AttacheDatabase  *database,
                gint64            briefing_id,
                gint64            id,
                const char       *heading,
                GError          **error)
{
  g_autofree char *line = clean_line (heading);
  sqlite3_stmt *stmt;

  stmt = _attache_database_prepare (database,
                                    "INSERT INTO briefing_sections (id, briefing_id, position, heading) "
                                    "VALUES (?1, ?2, (SELECT coalesce (max (position) + 1, 0) "
                                    "  FROM briefing_sections WHERE briefing_id = ?2), ?3)", error);
  if (stmt == NULL)
    return 0;
  if (id > 0)
    sqlite3_bind_int64 (stmt, 1, id);
  else
    sqlite3_bind_null (stmt, 1);
  sqlite3_bind_int64 (stmt, 2, briefing_id);
  bind_text (stmt, 3, line != NULL ? line : "");
  if (!step_done (database, stmt, error))
    return 0;

  return sqlite3_last_insert_rowid (_attache_database_get_handle (database));
}

/* The section a new block goes to (see AttacheBriefingPlace), created when
 * needed. Returns its id and sets *@briefing_id; 0 on error. */
static gint64
resolve_place (AttacheDatabase             *database,
               const AttacheBriefingPlace  *place,
               gint64                      *briefing_id,
               GError                     **error)
{
  g_autofree char *heading = NULL;
  sqlite3_stmt *stmt;
  gboolean found;
  gint64 section_id;

  if (place->section_id != 0)
    {
      *briefing_id = find_section (database, place->section_id, error);
      if (*briefing_id == 0)
        return 0;
      if (place->briefing_id != 0 && place->briefing_id != *briefing_id)
        {
          set_section_not_found (error, place->section_id);
          return 0;
        }
      return place->section_id;
    }

  if (!briefing_exists (database, place->briefing_id, error))
    return 0;
  *briefing_id = place->briefing_id;

  if (place->heading != NULL)
    {
      heading = clean_line (place->heading);
      stmt = _attache_database_prepare (database,
                                        "SELECT id FROM briefing_sections WHERE briefing_id = ?1 AND heading = ?2 "
                                        "ORDER BY position, id LIMIT 1", error);
      if (stmt == NULL)
        return 0;
      bind_text (stmt, 2, heading != NULL ? heading : "");
    }
  else
    {
      stmt = _attache_database_prepare (database,
                                        "SELECT id FROM briefing_sections WHERE briefing_id = ?1 "
                                        "ORDER BY position DESC, id DESC LIMIT 1", error);
      if (stmt == NULL)
        return 0;
    }
  sqlite3_bind_int64 (stmt, 1, place->briefing_id);
  if (!step_int64 (database, stmt, &section_id, &found, error))
    return 0;
  if (found)
    return section_id;

  return insert_section (database, place->briefing_id, 0, heading, error);
}

/* Sources */

/* What a citation says of an article: its title, its publisher (the source,
 * else the site's name from the address), its day of publication and its
 * address (the URL, else the web address it was imported from). With
 * @with_text, also characters @from to @to of its text, validated. */
static gboolean
snapshot_article (AttacheDatabase       *database,
                  gint64                 article_id,
                  gboolean               with_text,
                  guint                  from,
                  guint                  to,
                  AttacheBriefingBlock  *block,
                  GError               **error)
{
  const char *published, *url, *origin, *body;
  sqlite3_stmt *stmt;
  gboolean ok = TRUE;
  int rc;

  stmt = _attache_database_prepare (database,
                                    "SELECT title, source, published, url, origin, CASE WHEN ?2 THEN body END "
                                    "FROM articles WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, article_id);
  sqlite3_bind_int (stmt, 2, with_text);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      sqlite3_reset (stmt);
      if (rc == SQLITE_DONE)
        set_article_not_found (error, article_id);
      else
        _attache_database_set_error (database, rc, _("Could not read the article"), error);
      return FALSE;
    }

  g_clear_pointer (&block->source.title, g_free);
  g_clear_pointer (&block->source.publisher, g_free);
  g_clear_pointer (&block->source.published, g_free);
  g_clear_pointer (&block->source.url, g_free);

  block->source.article_id = article_id;
  block->source.removed = FALSE;
  block->source.title = column_dup (stmt, 0);
  block->source.publisher = clean_line ((const char *) sqlite3_column_text (stmt, 1));
  published = (const char *) sqlite3_column_text (stmt, 2);
  url = (const char *) sqlite3_column_text (stmt, 3);
  origin = (const char *) sqlite3_column_text (stmt, 4);
  body = (const char *) sqlite3_column_text (stmt, 5);

  if (published != NULL && strlen (published) >= 10)
    block->source.published = g_strndup (published, 10);
  if (url != NULL)
    block->source.url = g_strdup (url);
  else if (origin != NULL &&
           (g_ascii_strncasecmp (origin, "http://", 7) == 0 || g_ascii_strncasecmp (origin, "https://", 8) == 0))
    block->source.url = g_strdup (origin);

  if (block->source.publisher == NULL && block->source.url != NULL)
    {
      g_autoptr(GUri) uri = g_uri_parse (block->source.url, G_URI_FLAGS_NONE, NULL);
      const char *host = uri != NULL ? g_uri_get_host (uri) : NULL;

      if (host != NULL && *host != '\0')
        block->source.publisher = g_strdup (g_str_has_prefix (host, "www.") ? host + 4 : host);
    }

  if (with_text)
    {
      glong length = g_utf8_strlen (body != NULL ? body : "", -1);

      if (from >= to || to > length)
        {
          g_autofree char *id_text = format_id (article_id);

          g_set_error (error, ATTACHE_DATABASE_ERROR, ATTACHE_DATABASE_ERROR_INVALID,
                       /* Translators: an excerpt's character offsets; the article id, then
                        * the length of its text in characters, twice */
                       _("Characters %u to %u are not a passage of article %s: its text has "
                         "%ld characters, so give 0 ≤ from < to ≤ %ld"),
                       from, to, id_text, length, length);
          ok = FALSE;
        }
      else
        {
          g_free (block->text);
          block->text = g_utf8_substring (body, from, to);
          block->from = from;
          block->to = to;
        }
    }

  sqlite3_reset (stmt);
  return ok;
}

/* Generated tables */

#define ARTICLES_USED \
  "SELECT b.article_id FROM briefing_blocks b JOIN briefing_sections s ON s.id = b.section_id " \
  "WHERE s.briefing_id = ?1 AND b.kind IN ('excerpt', 'article') AND b.article_id IS NOT NULL"

/* Fails unless at least one article the briefing uses has been analysed. */
static gboolean
check_analysed (AttacheDatabase  *database,
                gint64            briefing_id,
                GError          **error)
{
  sqlite3_stmt *stmt;
  gint64 used, analysed;
  gboolean found;

  stmt = _attache_database_prepare (database,
                                    "SELECT count (DISTINCT article_id) FROM (" ARTICLES_USED ")", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, briefing_id);
  if (!step_int64 (database, stmt, &used, &found, error))
    return FALSE;

  stmt = _attache_database_prepare (database,
                                    "SELECT count (*) FROM analyses WHERE article_id IN (" ARTICLES_USED ")", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, briefing_id);
  if (!step_int64 (database, stmt, &analysed, &found, error))
    return FALSE;

  if (used == 0)
    return set_invalid (error, _("The briefing quotes or cites no article of the library yet: "
                                 "add excerpts or articles first"));
  if (analysed == 0)
    return set_invalid (error, _("None of the articles the briefing quotes or cites has been analysed yet"));

  return TRUE;
}

/* Fills @block (ACTORS or TOPICS) from the stored analyses of the articles
 * briefing @briefing_id uses, at most @limit rows. */
static gboolean
compute_table (AttacheDatabase       *database,
               gint64                 briefing_id,
               guint                  limit,
               AttacheBriefingBlock  *block,
               GError               **error)
{
  sqlite3_stmt *stmt;
  int rc;

  if (!check_analysed (database, briefing_id, error))
    return FALSE;

  if (block->kind == ATTACHE_BLOCK_ACTORS)
    {
      g_ptr_array_set_size (block->actors, 0);
      stmt = _attache_database_prepare (database,
                                        "SELECT c.name, c.type, count (*), sum (aa.mentions) "
                                        "FROM article_actors aa JOIN actors c ON c.id = aa.actor_id "
                                        "WHERE c.hidden = 0 AND aa.article_id IN (" ARTICLES_USED ") "
                                        "GROUP BY c.id "
                                        "ORDER BY count (*) DESC, sum (aa.mentions) DESC, max (aa.salience) DESC, c.name "
                                        "LIMIT ?2", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, briefing_id);
      sqlite3_bind_int (stmt, 2, limit);
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          AttacheBriefingActorRow *row = g_new0 (AttacheBriefingActorRow, 1);

          row->name = column_dup (stmt, 0);
          row->type = column_dup (stmt, 1);
          row->articles = sqlite3_column_int (stmt, 2);
          row->mentions = sqlite3_column_int (stmt, 3);
          g_ptr_array_add (block->actors, row);
        }
    }
  else
    {
      g_assert (block->kind == ATTACHE_BLOCK_TOPICS);

      g_ptr_array_set_size (block->topics, 0);
      stmt = _attache_database_prepare (database,
                                        "SELECT label FROM article_topics "
                                        "WHERE article_id IN (" ARTICLES_USED ") "
                                        "GROUP BY lower (label) "
                                        "ORDER BY count (*) DESC, sum (score) DESC, lower (label) "
                                        "LIMIT ?2", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, briefing_id);
      sqlite3_bind_int (stmt, 2, limit);
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        g_ptr_array_add (block->topics, column_dup (stmt, 0));
    }

  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return _attache_database_set_error (database, rc, _("Could not read the analyses"), error);

  return TRUE;
}

/* Replaces the stored rows of an actors or topics block by those of @block. */
static gboolean
store_table (AttacheDatabase             *database,
             gint64                       block_id,
             const AttacheBriefingBlock  *block,
             GError                     **error)
{
  sqlite3_stmt *stmt;

  stmt = _attache_database_prepare (database, "DELETE FROM briefing_actors WHERE block_id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, block_id);
  if (!step_done (database, stmt, error))
    return FALSE;
  stmt = _attache_database_prepare (database, "DELETE FROM briefing_topics WHERE block_id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, block_id);
  if (!step_done (database, stmt, error))
    return FALSE;

  for (guint i = 0; block->actors != NULL && i < block->actors->len; i++)
    {
      const AttacheBriefingActorRow *row = g_ptr_array_index (block->actors, i);

      stmt = _attache_database_prepare (database,
                                        "INSERT INTO briefing_actors (block_id, rank, name, type, articles, mentions) "
                                        "VALUES (?1, ?2, ?3, ?4, ?5, ?6)", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, block_id);
      sqlite3_bind_int (stmt, 2, i);
      bind_text (stmt, 3, row->name != NULL ? row->name : "");
      bind_text (stmt, 4, row->type != NULL ? row->type : "");
      sqlite3_bind_int (stmt, 5, row->articles);
      sqlite3_bind_int (stmt, 6, row->mentions);
      if (!step_done (database, stmt, error))
        return FALSE;
    }

  for (guint i = 0; block->topics != NULL && i < block->topics->len; i++)
    {
      const char *label = g_ptr_array_index (block->topics, i);

      stmt = _attache_database_prepare (database,
                                        "INSERT INTO briefing_topics (block_id, rank, label) VALUES (?1, ?2, ?3)",
                                        error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, block_id);
      sqlite3_bind_int (stmt, 2, i);
      bind_text (stmt, 3, label != NULL ? label : "");
      if (!step_done (database, stmt, error))
        return FALSE;
    }

  return TRUE;
}

/* Blocks */

/* Stores @block at the end of section @section_id, with its id unless 0, then
 * moves it to @position. Returns its id, 0 on error. */
static gint64
insert_block (AttacheDatabase             *database,
              gint64                       section_id,
              guint                        position,
              const AttacheBriefingBlock  *block,
              guint                        max_rows,
              GError                     **error)
{
  gboolean cites = block->kind == ATTACHE_BLOCK_EXCERPT || block->kind == ATTACHE_BLOCK_ARTICLE;
  sqlite3_stmt *stmt;
  gint64 id;

  if ((guint) block->kind > ATTACHE_BLOCK_TOPICS)
    return set_invalid (error, _("This kind of block cannot be stored"));

  stmt = _attache_database_prepare (database,
                                    "INSERT INTO briefing_blocks (id, section_id, position, kind, text, "
                                    "  char_from, char_to, source_article, article_id, source_title, "
                                    "  source_publisher, source_published, source_url, max_rows) "
                                    "VALUES (?1, ?2, (SELECT coalesce (max (position) + 1, 0) "
                                    "  FROM briefing_blocks WHERE section_id = ?2), ?3, ?4, ?5, ?6, ?7, "
                                    "  (SELECT id FROM articles WHERE id = ?7), ?8, ?9, ?10, ?11, ?12)", error);
  if (stmt == NULL)
    return 0;
  if (block->id > 0)
    sqlite3_bind_int64 (stmt, 1, block->id);
  else
    sqlite3_bind_null (stmt, 1);
  sqlite3_bind_int64 (stmt, 2, section_id);
  bind_text (stmt, 3, attache_block_kind_to_string (block->kind));
  bind_text (stmt, 4, block->text);
  if (block->kind == ATTACHE_BLOCK_EXCERPT)
    {
      sqlite3_bind_int64 (stmt, 5, block->from);
      sqlite3_bind_int64 (stmt, 6, block->to);
    }
  if (cites)
    {
      if (block->source.article_id > 0)
        sqlite3_bind_int64 (stmt, 7, block->source.article_id);
      bind_text (stmt, 8, block->source.title);
      bind_text (stmt, 9, block->source.publisher);
      bind_text (stmt, 10, block->source.published);
      bind_text (stmt, 11, block->source.url);
    }
  if (block->kind == ATTACHE_BLOCK_ACTORS || block->kind == ATTACHE_BLOCK_TOPICS)
    sqlite3_bind_int (stmt, 12, max_rows);
  if (!step_done (database, stmt, error))
    return 0;
  id = sqlite3_last_insert_rowid (_attache_database_get_handle (database));

  if (!store_table (database, id, block, error) ||
      !place_child (database, BLOCKS, section_id, id, position, error))
    return 0;

  return id;
}

/* Requests: every write, as one value, for perform () and the workers. */

typedef enum
{
  OP_CREATE,
  OP_UPDATE,
  OP_DELETE,
  OP_RESTORE,
  OP_ADD_SECTION,
  OP_RENAME_SECTION,
  OP_MOVE_SECTION,
  OP_DELETE_SECTION,
  OP_RESTORE_SECTION,
  OP_ADD_TEXT,
  OP_ADD_EXCERPT,
  OP_ADD_ARTICLE,
  OP_ADD_ACTORS,
  OP_ADD_TOPICS,
  OP_RESTORE_BLOCK,
  OP_SET_TEXT,
  OP_SET_RANGE,
  OP_REFRESH,
  OP_MOVE_BLOCK,
  OP_DELETE_BLOCK,
} Op;

typedef struct
{
  Op                            op;
  gint64                        id;          /* the briefing, section or block written */
  gint64                        other_id;    /* an article; the section a block moves to */
  AttacheBriefingPlace          place;
  const char                   *text;        /* a heading, a block's Markdown */
  guint                         position;
  guint                         from;
  guint                         to;
  guint                         limit;
  const AttacheBriefing        *briefing;
  const AttacheBriefingSection *section;
  const AttacheBriefingBlock   *block;

  /* What the pointers above point to, in a request of an _async call. */
  char                         *owned_heading;
  char                         *owned_text;
  AttacheBriefing              *owned_briefing;
  AttacheBriefingSection       *owned_section;
  AttacheBriefingBlock         *owned_block;

  /* OP_DELETE_SECTION: the section as it was stored, and its place */
  AttacheBriefingSection       *deleted;
  guint                         deleted_position;
} Request;

static void
request_free (Request *request)
{
  g_free (request->owned_heading);
  g_free (request->owned_text);
  g_clear_pointer (&request->owned_briefing, attache_briefing_free);
  g_clear_pointer (&request->owned_section, attache_briefing_section_free);
  g_clear_pointer (&request->owned_block, attache_briefing_block_free);
  g_clear_pointer (&request->deleted, attache_briefing_section_free);
  g_free (request);
}

static gint64
create_briefing (AttacheDatabase        *database,
                 const AttacheBriefing  *briefing,
                 gint64                  id,
                 GError                **error)
{
  g_auto(Fields) fields = { 0 };
  sqlite3_stmt *stmt;
  gint64 now = now_seconds ();

  if (!fields_init (&fields, briefing, error))
    return 0;

  stmt = _attache_database_prepare (database,
                                    "INSERT INTO briefings (id, title, subtitle, author, audience, date, marking, "
                                    "  status, summary, created, modified) "
                                    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)", error);
  if (stmt == NULL)
    return 0;
  if (id > 0)
    sqlite3_bind_int64 (stmt, 1, id);
  else
    sqlite3_bind_null (stmt, 1);
  bind_text (stmt, 2, fields.title);
  bind_text (stmt, 3, fields.subtitle);
  bind_text (stmt, 4, fields.author);
  bind_text (stmt, 5, fields.audience);
  bind_text (stmt, 6, fields.date);
  bind_text (stmt, 7, fields.marking);
  bind_text (stmt, 8, statuses[fields.status]);
  bind_text (stmt, 9, fields.summary);
  sqlite3_bind_int64 (stmt, 10, id > 0 && briefing->created > 0 ? briefing->created : now);
  sqlite3_bind_int64 (stmt, 11, now);
  if (!step_done (database, stmt, error))
    return 0;

  return sqlite3_last_insert_rowid (_attache_database_get_handle (database));
}

static gboolean
update_briefing (AttacheDatabase        *database,
                 const AttacheBriefing  *briefing,
                 GError                **error)
{
  g_auto(Fields) fields = { 0 };
  sqlite3_stmt *stmt;

  if (!briefing_exists (database, briefing->id, error) ||
      !fields_init (&fields, briefing, error))
    return FALSE;

  stmt = _attache_database_prepare (database,
                                    "UPDATE briefings SET title = ?2, subtitle = ?3, author = ?4, audience = ?5, "
                                    "  date = ?6, marking = ?7, status = ?8, summary = ?9 WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, briefing->id);
  bind_text (stmt, 2, fields.title);
  bind_text (stmt, 3, fields.subtitle);
  bind_text (stmt, 4, fields.author);
  bind_text (stmt, 5, fields.audience);
  bind_text (stmt, 6, fields.date);
  bind_text (stmt, 7, fields.marking);
  bind_text (stmt, 8, statuses[fields.status]);
  bind_text (stmt, 9, fields.summary);
  return step_done (database, stmt, error);
}

/* Fails when a row with @id is already in @table: a restore must not replace. */
static gboolean
check_free_id (AttacheDatabase  *database,
               guint             table,
               gint64            id,
               GError          **error)
{
  static const char * const sql[] = {
    [SECTIONS] = "SELECT id FROM briefing_sections WHERE id = ?1",
    [BLOCKS] = "SELECT id FROM briefing_blocks WHERE id = ?1",
  };
  sqlite3_stmt *stmt;
  gboolean found;
  gint64 value;

  if (id <= 0)
    return TRUE;

  stmt = _attache_database_prepare (database, sql[table], error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  if (!step_int64 (database, stmt, &value, &found, error))
    return FALSE;
  if (found)
    return set_invalid (error, table == SECTIONS ? _("This section is already in a briefing")
                                                 : _("This block is already in a briefing"));
  return TRUE;
}

/* The row limit of a table put back: its own, or for a block from before
 * blocks carried it, as many rows as it has (the default at least). */
static guint
restored_max_rows (const AttacheBriefingBlock *block)
{
  guint rows = block->actors != NULL ? block->actors->len : block->topics != NULL ? block->topics->len : 0;

  return block->max_rows > 0 ? block->max_rows : MAX (rows, DEFAULT_TABLE_ROWS);
}

static gboolean
restore_section (AttacheDatabase               *database,
                 gint64                         briefing_id,
                 guint                          position,
                 const AttacheBriefingSection  *section,
                 GError                       **error)
{
  gint64 section_id;

  if (!check_free_id (database, SECTIONS, section->id, error))
    return FALSE;

  section_id = insert_section (database, briefing_id, section->id, section->heading, error);
  if (section_id == 0 ||
      !place_child (database, SECTIONS, briefing_id, section_id, position, error))
    return FALSE;

  for (guint i = 0; i < section->blocks->len; i++)
    {
      const AttacheBriefingBlock *block = g_ptr_array_index (section->blocks, i);
      if (!check_free_id (database, BLOCKS, block->id, error) ||
          insert_block (database, section_id, G_MAXUINT, block, restored_max_rows (block), error) == 0)
        return FALSE;
    }

  return TRUE;
}

static gint64
add_block (AttacheDatabase  *database,
           const Request    *request,
           gint64           *briefing_id,
           GError          **error)
{
  static const AttacheBlockKind kinds[] = {
    [OP_ADD_TEXT] = ATTACHE_BLOCK_TEXT,
    [OP_ADD_EXCERPT] = ATTACHE_BLOCK_EXCERPT,
    [OP_ADD_ARTICLE] = ATTACHE_BLOCK_ARTICLE,
    [OP_ADD_ACTORS] = ATTACHE_BLOCK_ACTORS,
    [OP_ADD_TOPICS] = ATTACHE_BLOCK_TOPICS,
  };
  g_autoptr(AttacheBriefingBlock) block = attache_briefing_block_new (kinds[request->op]);
  guint limit = request->limit > 0 ? request->limit : DEFAULT_TABLE_ROWS;
  gint64 section_id;

  /* What is asked is checked first: a request that fails (its transaction
   * rolled back) costs no more than it must. */
  switch (request->op)
    {
    case OP_ADD_TEXT:
      if (is_blank (request->text))
        return set_invalid (error, _("The note is empty"));
      block->text = g_strdup (request->text);
      break;

    case OP_ADD_EXCERPT:
      if (!snapshot_article (database, request->other_id, TRUE, request->from, request->to, block, error))
        return 0;
      break;

    case OP_ADD_ARTICLE:
      if (!snapshot_article (database, request->other_id, FALSE, 0, 0, block, error))
        return 0;
      break;

    case OP_ADD_ACTORS:
    case OP_ADD_TOPICS:
      break;

    default:
      g_assert_not_reached ();
    }

  section_id = resolve_place (database, &request->place, briefing_id, error);
  if (section_id == 0)
    return 0;

  if ((request->op == OP_ADD_ACTORS || request->op == OP_ADD_TOPICS) &&
      !compute_table (database, *briefing_id, limit, block, error))
    return 0;

  return insert_block (database, section_id, request->place.position, block, limit, error);
}

static gboolean
set_text (AttacheDatabase  *database,
          const Request    *request,
          gint64           *briefing_id,
          GError          **error)
{
  sqlite3_stmt *stmt;
  BlockRow row;

  if (!find_block (database, request->id, &row, error))
    return FALSE;
  *briefing_id = row.briefing_id;
  if (row.kind != ATTACHE_BLOCK_TEXT)
    return set_invalid (error, _("Only the analyst’s own text can be edited; an excerpt quotes its article"));
  if (is_blank (request->text))
    return set_invalid (error, _("The note is empty"));

  stmt = _attache_database_prepare (database, "UPDATE briefing_blocks SET text = ?2 WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, request->id);
  bind_text (stmt, 2, request->text);
  return step_done (database, stmt, error);
}

static gboolean
set_range (AttacheDatabase  *database,
           const Request    *request,
           gint64           *briefing_id,
           GError          **error)
{
  g_autoptr(AttacheBriefingBlock) block = attache_briefing_block_new (ATTACHE_BLOCK_EXCERPT);
  sqlite3_stmt *stmt;
  BlockRow row;

  if (!find_block (database, request->id, &row, error))
    return FALSE;
  *briefing_id = row.briefing_id;
  if (row.kind != ATTACHE_BLOCK_EXCERPT)
    return set_invalid (error, _("This block is not an excerpt"));
  if (row.article_id == 0)
    return set_invalid (error, _("The article this excerpt quotes was deleted from the library: "
                                 "its passage cannot be chosen again"));
  if (!snapshot_article (database, row.article_id, TRUE, request->from, request->to, block, error))
    return FALSE;

  stmt = _attache_database_prepare (database,
                                    "UPDATE briefing_blocks SET text = ?2, char_from = ?3, char_to = ?4, "
                                    "  source_title = ?5, source_publisher = ?6, source_published = ?7, "
                                    "  source_url = ?8 WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, request->id);
  bind_text (stmt, 2, block->text);
  sqlite3_bind_int64 (stmt, 3, block->from);
  sqlite3_bind_int64 (stmt, 4, block->to);
  bind_text (stmt, 5, block->source.title);
  bind_text (stmt, 6, block->source.publisher);
  bind_text (stmt, 7, block->source.published);
  bind_text (stmt, 8, block->source.url);
  return step_done (database, stmt, error);
}

static gboolean
refresh_block (AttacheDatabase  *database,
               const Request    *request,
               gint64           *briefing_id,
               GError          **error)
{
  g_autoptr(AttacheBriefingBlock) block = NULL;
  BlockRow row;

  if (!find_block (database, request->id, &row, error))
    return FALSE;
  *briefing_id = row.briefing_id;
  if (row.kind != ATTACHE_BLOCK_ACTORS && row.kind != ATTACHE_BLOCK_TOPICS)
    return set_invalid (error, _("Only actors and topics tables can be computed again"));

  block = attache_briefing_block_new (row.kind);
  return compute_table (database, row.briefing_id, row.max_rows > 0 ? row.max_rows : DEFAULT_TABLE_ROWS,
                        block, error) &&
         store_table (database, request->id, block, error);
}

static gboolean
move_block (AttacheDatabase  *database,
            const Request    *request,
            gint64           *briefing_id,
            GError          **error)
{
  gint64 section_id = request->other_id;
  sqlite3_stmt *stmt;
  BlockRow row;

  if (!find_block (database, request->id, &row, error))
    return FALSE;
  *briefing_id = row.briefing_id;

  if (section_id == 0)
    section_id = row.section_id;
  else if (section_id != row.section_id)
    {
      gint64 other_briefing = find_section (database, section_id, error);

      if (other_briefing == 0)
        return FALSE;
      if (other_briefing != row.briefing_id)
        return set_invalid (error, _("A block can only be moved to a section of its own briefing"));

      stmt = _attache_database_prepare (database, "UPDATE briefing_blocks SET section_id = ?2 WHERE id = ?1", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, request->id);
      sqlite3_bind_int64 (stmt, 2, section_id);
      if (!step_done (database, stmt, error))
        return FALSE;
    }

  return place_child (database, BLOCKS, section_id, request->id, request->position, error);
}

/* Runs one write request; returns a new id, or 1 for a write that makes
 * none, and sets *@briefing_id to the briefing written. 0 on error. */
static gboolean load_locked (AttacheDatabase  *database,
                             AttacheBriefing  *briefing,
                             GError          **error);

/* The section @section_id of briefing @briefing_id as stored, taken out of
 * it, and its place; for an Undo that puts back what was deleted. */
static gboolean
snapshot_section (AttacheDatabase          *database,
                  gint64                    briefing_id,
                  gint64                    section_id,
                  AttacheBriefingSection  **out_section,
                  guint                    *out_position,
                  GError                  **error)
{
  g_autoptr(AttacheBriefing) briefing = attache_briefing_new ("");

  briefing->id = briefing_id;
  if (!load_locked (database, briefing, error))
    return FALSE;

  for (guint i = 0; i < briefing->sections->len; i++)
    if (((AttacheBriefingSection *) briefing->sections->pdata[i])->id == section_id)
      {
        *out_section = g_ptr_array_steal_index (briefing->sections, i);
        *out_position = i;
        return TRUE;
      }

  return TRUE;
}

static gint64
perform_locked (AttacheDatabase  *database,
                Request          *request,
                gint64           *briefing_id,
                GError          **error)
{
  sqlite3_stmt *stmt;
  gint64 id;

  switch (request->op)
    {
    case OP_CREATE:
      return *briefing_id = create_briefing (database, request->briefing, 0, error);

    case OP_UPDATE:
      *briefing_id = request->briefing->id;
      return update_briefing (database, request->briefing, error);

    case OP_DELETE:
      if (!briefing_exists (database, request->id, error))
        return 0;
      *briefing_id = request->id;
      stmt = _attache_database_prepare (database, "DELETE FROM briefings WHERE id = ?1", error);
      if (stmt == NULL)
        return 0;
      sqlite3_bind_int64 (stmt, 1, request->id);
      return step_done (database, stmt, error);

    case OP_RESTORE:
      {
        gint64 found_id;
        gboolean found;

        stmt = _attache_database_prepare (database, "SELECT id FROM briefings WHERE id = ?1", error);
        if (stmt == NULL)
          return 0;
        sqlite3_bind_int64 (stmt, 1, request->briefing->id);
        if (!step_int64 (database, stmt, &found_id, &found, error))
          return 0;
        if (found)
          return set_invalid (error, _("This briefing is already in the library"));

        *briefing_id = create_briefing (database, request->briefing, request->briefing->id, error);
        if (*briefing_id == 0)
          return 0;
        for (guint i = 0; i < request->briefing->sections->len; i++)
          if (!restore_section (database, *briefing_id, G_MAXUINT,
                                g_ptr_array_index (request->briefing->sections, i), error))
            return 0;
        return 1;
      }

    case OP_ADD_SECTION:
      if (!briefing_exists (database, request->id, error))
        return 0;
      *briefing_id = request->id;
      id = insert_section (database, request->id, 0, request->text, error);
      if (id == 0 || !place_child (database, SECTIONS, request->id, id, request->position, error))
        return 0;
      return id;

    case OP_RENAME_SECTION:
      {
        g_autofree char *heading = clean_line (request->text);

        *briefing_id = find_section (database, request->id, error);
        if (*briefing_id == 0)
          return 0;
        stmt = _attache_database_prepare (database, "UPDATE briefing_sections SET heading = ?2 WHERE id = ?1", error);
        if (stmt == NULL)
          return 0;
        sqlite3_bind_int64 (stmt, 1, request->id);
        bind_text (stmt, 2, heading != NULL ? heading : "");
        return step_done (database, stmt, error);
      }

    case OP_MOVE_SECTION:
      *briefing_id = find_section (database, request->id, error);
      if (*briefing_id == 0)
        return 0;
      return place_child (database, SECTIONS, *briefing_id, request->id, request->position, error);

    case OP_DELETE_SECTION:
      *briefing_id = find_section (database, request->id, error);
      if (*briefing_id == 0 ||
          !snapshot_section (database, *briefing_id, request->id, &request->deleted,
                             &request->deleted_position, error))
        return 0;
      stmt = _attache_database_prepare (database, "DELETE FROM briefing_sections WHERE id = ?1", error);
      if (stmt == NULL)
        return 0;
      sqlite3_bind_int64 (stmt, 1, request->id);
      return step_done (database, stmt, error);

    case OP_RESTORE_SECTION:
      if (!briefing_exists (database, request->id, error))
        return 0;
      *briefing_id = request->id;
      return restore_section (database, request->id, request->position, request->section, error);

    case OP_ADD_TEXT:
    case OP_ADD_EXCERPT:
    case OP_ADD_ARTICLE:
    case OP_ADD_ACTORS:
    case OP_ADD_TOPICS:
      return add_block (database, request, briefing_id, error);

    case OP_RESTORE_BLOCK:
      {
        const AttacheBriefingBlock *block = request->block;

        *briefing_id = find_section (database, request->id, error);
        if (*briefing_id == 0 ||
            !check_free_id (database, BLOCKS, block->id, error))
          return 0;
        return insert_block (database, request->id, request->position, block,
                             restored_max_rows (block), error) != 0;
      }

    case OP_SET_TEXT:
      return set_text (database, request, briefing_id, error);

    case OP_SET_RANGE:
      return set_range (database, request, briefing_id, error);

    case OP_REFRESH:
      return refresh_block (database, request, briefing_id, error);

    case OP_MOVE_BLOCK:
      return move_block (database, request, briefing_id, error);

    case OP_DELETE_BLOCK:
      {
        BlockRow row;

        if (!find_block (database, request->id, &row, error))
          return 0;
        *briefing_id = row.briefing_id;
        stmt = _attache_database_prepare (database, "DELETE FROM briefing_blocks WHERE id = ?1", error);
        if (stmt == NULL)
          return 0;
        sqlite3_bind_int64 (stmt, 1, request->id);
        return step_done (database, stmt, error);
      }

    default:
      g_assert_not_reached ();
    }
}

/* One write: one transaction, the briefing's modification time, the signal. */
static gint64
perform (AttacheLibrary  *self,
         Request         *request,
         GError         **error)
{
  AttacheDatabase *database = attache_library_get_database (self);
  gint64 briefing_id = 0;
  gint64 result;

  _attache_database_lock (database);

  if (!_attache_database_begin (database, error))
    {
      _attache_database_unlock (database);
      return 0;
    }

  result = perform_locked (database, request, &briefing_id, error);
  if (result == 0 ||
      (request->op != OP_DELETE && !touch_briefing (database, briefing_id, error)) ||
      !_attache_database_commit (database, error))
    {
      _attache_database_rollback (database);
      _attache_database_unlock (database);
      return 0;
    }

  _attache_database_unlock (database);

  _attache_library_notify_briefings_changed (self, briefing_id);
  return result;
}

/* Reading */

static AttacheBriefing *
briefing_from_row (sqlite3_stmt *stmt)
{
  AttacheBriefing *briefing = attache_briefing_new ((const char *) sqlite3_column_text (stmt, 1));

  briefing->id = sqlite3_column_int64 (stmt, 0);
  briefing->subtitle = column_dup (stmt, 2);
  briefing->author = column_dup (stmt, 3);
  briefing->audience = column_dup (stmt, 4);
  briefing->date = column_dup (stmt, 5);
  briefing->marking = column_dup (stmt, 6);
  briefing->status = g_strcmp0 ((const char *) sqlite3_column_text (stmt, 7), "final") == 0
                     ? ATTACHE_BRIEFING_FINAL : ATTACHE_BRIEFING_DRAFT;
  briefing->summary = column_dup (stmt, 8);
  briefing->created = sqlite3_column_int64 (stmt, 9);
  briefing->modified = sqlite3_column_int64 (stmt, 10);

  return briefing;
}

#define BRIEFING_COLUMNS \
  "id, title, subtitle, author, audience, date, marking, status, summary, created, modified"

GPtrArray *
attache_library_list_briefings (AttacheLibrary  *self,
                                GError         **error)
{
  g_autoptr(GPtrArray) briefings = NULL;
  AttacheDatabase *database;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (ATTACHE_IS_LIBRARY (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  database = attache_library_get_database (self);
  _attache_database_lock (database);

  stmt = _attache_database_prepare (database,
                                    "SELECT " BRIEFING_COLUMNS " FROM briefings ORDER BY modified DESC, id DESC",
                                    error);
  if (stmt == NULL)
    {
      _attache_database_unlock (database);
      return NULL;
    }

  briefings = g_ptr_array_new_with_free_func ((GDestroyNotify) attache_briefing_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (briefings, briefing_from_row (stmt));
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      _attache_database_set_error (database, rc, _("Could not read the briefings"), error);
      g_clear_pointer (&briefings, g_ptr_array_unref);
    }

  _attache_database_unlock (database);
  return g_steal_pointer (&briefings);
}

static gboolean
load_locked (AttacheDatabase  *database,
             AttacheBriefing  *briefing,
             GError          **error)
{
  g_autoptr(GHashTable) sections = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GHashTable) blocks = g_hash_table_new (g_int64_hash, g_int64_equal);
  sqlite3_stmt *stmt;
  int rc;

  stmt = _attache_database_prepare (database,
                                    "SELECT id, heading FROM briefing_sections WHERE briefing_id = ?1 "
                                    "ORDER BY position, id", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, briefing->id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      AttacheBriefingSection *section = attache_briefing_section_new ((const char *) sqlite3_column_text (stmt, 1));

      section->id = sqlite3_column_int64 (stmt, 0);
      g_ptr_array_add (briefing->sections, section);
      g_hash_table_insert (sections, &section->id, section);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return _attache_database_set_error (database, rc, _("Could not read the briefing"), error);

  stmt = _attache_database_prepare (database,
                                    "SELECT b.id, b.section_id, b.kind, b.text, b.char_from, b.char_to, "
                                    "  b.source_article, b.article_id, b.source_title, b.source_publisher, "
                                    "  b.source_published, b.source_url, b.max_rows "
                                    "FROM briefing_blocks b JOIN briefing_sections s ON s.id = b.section_id "
                                    "WHERE s.briefing_id = ?1 ORDER BY b.position, b.id", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, briefing->id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 section_id = sqlite3_column_int64 (stmt, 1);
      AttacheBriefingSection *section = g_hash_table_lookup (sections, &section_id);
      AttacheBlockKind kind = ATTACHE_BLOCK_TEXT;
      AttacheBriefingBlock *block;

      attache_block_kind_from_string ((const char *) sqlite3_column_text (stmt, 2), &kind);
      block = attache_briefing_block_new (kind);
      block->id = sqlite3_column_int64 (stmt, 0);
      block->text = column_dup (stmt, 3);
      block->from = sqlite3_column_int (stmt, 4);
      block->to = sqlite3_column_int (stmt, 5);
      block->source.article_id = sqlite3_column_int64 (stmt, 6);
      block->source.removed = block->source.article_id != 0 && sqlite3_column_type (stmt, 7) == SQLITE_NULL;
      block->source.title = column_dup (stmt, 8);
      block->source.publisher = column_dup (stmt, 9);
      block->source.published = column_dup (stmt, 10);
      block->source.url = column_dup (stmt, 11);
      block->max_rows = sqlite3_column_int (stmt, 12);

      g_ptr_array_add (section->blocks, block);
      g_hash_table_insert (blocks, &block->id, block);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return _attache_database_set_error (database, rc, _("Could not read the briefing"), error);

  stmt = _attache_database_prepare (database,
                                    "SELECT a.block_id, a.name, a.type, a.articles, a.mentions "
                                    "FROM briefing_actors a JOIN briefing_blocks b ON b.id = a.block_id "
                                    "  JOIN briefing_sections s ON s.id = b.section_id "
                                    "WHERE s.briefing_id = ?1 ORDER BY a.block_id, a.rank", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, briefing->id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 block_id = sqlite3_column_int64 (stmt, 0);
      AttacheBriefingBlock *block = g_hash_table_lookup (blocks, &block_id);
      AttacheBriefingActorRow *row;

      if (block == NULL || block->actors == NULL)
        continue;
      row = g_new0 (AttacheBriefingActorRow, 1);
      row->name = column_dup (stmt, 1);
      row->type = column_dup (stmt, 2);
      row->articles = sqlite3_column_int (stmt, 3);
      row->mentions = sqlite3_column_int (stmt, 4);
      g_ptr_array_add (block->actors, row);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return _attache_database_set_error (database, rc, _("Could not read the briefing"), error);

  stmt = _attache_database_prepare (database,
                                    "SELECT t.block_id, t.label "
                                    "FROM briefing_topics t JOIN briefing_blocks b ON b.id = t.block_id "
                                    "  JOIN briefing_sections s ON s.id = b.section_id "
                                    "WHERE s.briefing_id = ?1 ORDER BY t.block_id, t.rank", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, briefing->id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 block_id = sqlite3_column_int64 (stmt, 0);
      AttacheBriefingBlock *block = g_hash_table_lookup (blocks, &block_id);

      if (block != NULL && block->topics != NULL)
        g_ptr_array_add (block->topics, column_dup (stmt, 1));
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return _attache_database_set_error (database, rc, _("Could not read the briefing"), error);

  return TRUE;
}

AttacheBriefing *
attache_library_load_briefing (AttacheLibrary  *self,
                               gint64           briefing_id,
                               GError         **error)
{
  g_autoptr(AttacheBriefing) briefing = NULL;
  AttacheDatabase *database;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (ATTACHE_IS_LIBRARY (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  database = attache_library_get_database (self);
  _attache_database_lock (database);

  stmt = _attache_database_prepare (database, "SELECT " BRIEFING_COLUMNS " FROM briefings WHERE id = ?1", error);
  if (stmt == NULL)
    goto out;
  sqlite3_bind_int64 (stmt, 1, briefing_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    briefing = briefing_from_row (stmt);
  sqlite3_reset (stmt);

  if (rc == SQLITE_DONE)
    set_briefing_not_found (error, briefing_id);
  else if (rc != SQLITE_ROW)
    _attache_database_set_error (database, rc, _("Could not read the briefing"), error);
  else if (!load_locked (database, briefing, error))
    g_clear_pointer (&briefing, attache_briefing_free);

out:
  _attache_database_unlock (database);
  return g_steal_pointer (&briefing);
}

/* Writing */

gint64
attache_library_create_briefing (AttacheLibrary         *self,
                                 const AttacheBriefing  *fields,
                                 GError                **error)
{
  Request request = { .op = OP_CREATE, .briefing = fields };

  g_return_val_if_fail (ATTACHE_IS_LIBRARY (self), 0);
  g_return_val_if_fail (fields != NULL, 0);
  g_return_val_if_fail (error == NULL || *error == NULL, 0);

  return perform (self, &request, error);
}

gboolean
attache_library_update_briefing (AttacheLibrary         *self,
                                 const AttacheBriefing  *fields,
                                 GError                **error)
{
  Request request = { .op = OP_UPDATE, .briefing = fields };

  g_return_val_if_fail (ATTACHE_IS_LIBRARY (self), FALSE);
  g_return_val_if_fail (fields != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return perform (self, &request, error) != 0;
}

gboolean
attache_library_delete_briefing (AttacheLibrary  *self,
                                 gint64           briefing_id,
                                 GError         **error)
{
  Request request = { .op = OP_DELETE, .id = briefing_id };

  g_return_val_if_fail (ATTACHE_IS_LIBRARY (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return perform (self, &request, error) != 0;
}

gboolean
attache_library_restore_briefing (AttacheLibrary         *self,
                                  const AttacheBriefing  *briefing,
                                  GError                **error)
{
  Request request = { .op = OP_RESTORE, .briefing = briefing };

  g_return_val_if_fail (ATTACHE_IS_LIBRARY (self), FALSE);
  g_return_val_if_fail (briefing != NULL && briefing->id > 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return perform (self, &request, error) != 0;
}

gint64
attache_library_add_briefing_section (AttacheLibrary  *self,
                                      gint64           briefing_id,
                                      const char      *heading,
                                      guint            position,
                                      GError         **error)
{
  Request request = { .op = OP_ADD_SECTION, .id = briefing_id, .text = heading, .position = position };

  g_return_val_if_fail (ATTACHE_IS_LIBRARY (self), 0);
  g_return_val_if_fail (error == NULL || *error == NULL, 0);

  return perform (self, &request, error);
}

gboolean
attache_library_rename_briefing_section (AttacheLibrary  *self,
                                         gint64           section_id,
                                         const char      *heading,
                                         GError         **error)
{
  Request request = { .op = OP_RENAME_SECTION, .id = section_id, .text = heading };

  g_return_val_if_fail (ATTACHE_IS_LIBRARY (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return perform (self, &request, error) != 0;
}

gboolean
attache_library_move_briefing_section (AttacheLibrary  *self,
                                       gint64           section_id,
                                       guint            position,
                                       GError         **error)
{
  Request request = { .op = OP_MOVE_SECTION, .id = section_id, .position = position };

  g_return_val_if_fail (ATTACHE_IS_LIBRARY (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return perform (self, &request, error) != 0;
}

gboolean
attache_library_delete_briefing_section (AttacheLibrary  *self,
                                         gint64           section_id,
                                         GError         **error)
{
  Request request = { .op = OP_DELETE_SECTION, .id = section_id };
  gboolean deleted;

  g_return_val_if_fail (ATTACHE_IS_LIBRARY (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  deleted = perform (self, &request, error) != 0;
  g_clear_pointer (&request.deleted, attache_briefing_section_free);
  return deleted;
}

gboolean
attache_library_restore_briefing_section (AttacheLibrary                *self,
                                          gint64                         briefing_id,
                                          guint                          position,
                                          const AttacheBriefingSection  *section,
                                          GError                       **error)
{
  Request request = { .op = OP_RESTORE_SECTION, .id = briefing_id, .position = position, .section = section };

  g_return_val_if_fail (ATTACHE_IS_LIBRARY (self), FALSE);
  g_return_val_if_fail (section != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return perform (self, &request, error) != 0;
}

gint64
attache_library_add_briefing_text (AttacheLibrary              *self,
                                   const AttacheBriefingPlace  *place,
                                   const char                  *markdown,
                                   GError                     **error)
{
  Request request = { .op = OP_ADD_TEXT, .text = markdown };

  g_return_val_if_fail (ATTACHE_IS_LIBRARY (self), 0);
  g_return_val_if_fail (place != NULL, 0);
  g_return_val_if_fail (error == NULL || *error == NULL, 0);

  request.place = *place;
  return perform (self, &request, error);
}

gint64
attache_library_add_briefing_excerpt (AttacheLibrary              *self,
                                      const AttacheBriefingPlace  *place,
                                      gint64                       article_id,
                                      guint                        from,
                                      guint                        to,
                                      GError                     **error)
{
  Request request = { .op = OP_ADD_EXCERPT, .other_id = article_id, .from = from, .to = to };

  g_return_val_if_fail (ATTACHE_IS_LIBRARY (self), 0);
  g_return_val_if_fail (place != NULL, 0);
  g_return_val_if_fail (error == NULL || *error == NULL, 0);

  request.place = *place;
  return perform (self, &request, error);
}

gint64
attache_library_add_briefing_article (AttacheLibrary              *self,
                                      const AttacheBriefingPlace  *place,
                                      gint64                       article_id,
                                      GError                     **error)
{
  Request request = { .op = OP_ADD_ARTICLE, .other_id = article_id };

  g_return_val_if_fail (ATTACHE_IS_LIBRARY (self), 0);
  g_return_val_if_fail (place != NULL, 0);
  g_return_val_if_fail (error == NULL || *error == NULL, 0);

  request.place = *place;
  return perform (self, &request, error);
}

gint64
attache_library_add_briefing_actors (AttacheLibrary              *self,
                                     const AttacheBriefingPlace  *place,
                                     guint                        limit,
                                     GError                     **error)
{
  Request request = { .op = OP_ADD_ACTORS, .limit = limit };

  g_return_val_if_fail (ATTACHE_IS_LIBRARY (self), 0);
  g_return_val_if_fail (place != NULL, 0);
  g_return_val_if_fail (error == NULL || *error == NULL, 0);

  request.place = *place;
  return perform (self, &request, error);
}

gint64
attache_library_add_briefing_topics (AttacheLibrary              *self,
                                     const AttacheBriefingPlace  *place,
                                     guint                        limit,
                                     GError                     **error)
{
  Request request = { .op = OP_ADD_TOPICS, .limit = limit };

  g_return_val_if_fail (ATTACHE_IS_LIBRARY (self), 0);
  g_return_val_if_fail (place != NULL, 0);
  g_return_val_if_fail (error == NULL || *error == NULL, 0);

  request.place = *place;
  return perform (self, &request, error);
}

gboolean
attache_library_restore_briefing_block (AttacheLibrary              *self,
                                        gint64                       section_id,
                                        guint                        position,
                                        const AttacheBriefingBlock  *block,
                                        GError                     **error)
{
  Request request = { .op = OP_RESTORE_BLOCK, .id = section_id, .position = position, .block = block };

  g_return_val_if_fail (ATTACHE_IS_LIBRARY (self), FALSE);
  g_return_val_if_fail (block != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return perform (self, &request, error) != 0;
}

gboolean
attache_library_set_briefing_text (AttacheLibrary  *self,
                                   gint64           block_id,
                                   const char      *markdown,
                                   GError         **error)
{
  Request request = { .op = OP_SET_TEXT, .id = block_id, .text = markdown };

  g_return_val_if_fail (ATTACHE_IS_LIBRARY (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return perform (self, &request, error) != 0;
}

gboolean
attache_library_set_briefing_excerpt_range (AttacheLibrary  *self,
                                            gint64           block_id,
                                            guint            from,
                                            guint            to,
                                            GError         **error)
{
  Request request = { .op = OP_SET_RANGE, .id = block_id, .from = from, .to = to };

  g_return_val_if_fail (ATTACHE_IS_LIBRARY (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return perform (self, &request, error) != 0;
}

gboolean
attache_library_refresh_briefing_block (AttacheLibrary  *self,
                                        gint64           block_id,
                                        GError         **error)
{
  Request request = { .op = OP_REFRESH, .id = block_id };

  g_return_val_if_fail (ATTACHE_IS_LIBRARY (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return perform (self, &request, error) != 0;
}

gboolean
attache_library_move_briefing_block (AttacheLibrary  *self,
                                     gint64           block_id,
                                     gint64           section_id,
                                     guint            position,
                                     GError         **error)
{
  Request request = { .op = OP_MOVE_BLOCK, .id = block_id, .other_id = section_id, .position = position };

  g_return_val_if_fail (ATTACHE_IS_LIBRARY (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return perform (self, &request, error) != 0;
}

gboolean
attache_library_delete_briefing_block (AttacheLibrary  *self,
                                       gint64           block_id,
                                       GError         **error)
{
  Request request = { .op = OP_DELETE_BLOCK, .id = block_id };

  g_return_val_if_fail (ATTACHE_IS_LIBRARY (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return perform (self, &request, error) != 0;
}

/* Asynchronous variants */

static gint64
write_run (gpointer       source_object,
           gpointer       task_data,
           GCancellable  *cancellable,
           GError       **error)
{
  return perform (source_object, task_data, error);
}

/* Takes @request, whose pointers must point to its owned copies. */
static void
run_write (AttacheLibrary      *self,
           gpointer             source_tag,
           Request             *request,
           GCancellable        *cancellable,
           GAsyncReadyCallback  callback,
           gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, source_tag);
  _attache_task_run_int64 (task, write_run, request, (GDestroyNotify) request_free, ATTACHE_TASK_DEFAULT);
}

static gint64
finish_write (AttacheLibrary  *self,
              GAsyncResult    *result,
              GError         **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), 0);

  return _attache_task_propagate_int64 (G_TASK (result), error);
}

static Request *
request_new (Op     op,
             gint64 id)
{
  Request *request = g_new0 (Request, 1);

  request->op = op;
  request->id = id;
  return request;
}

static void
request_set_place (Request                    *request,
                   const AttacheBriefingPlace *place)
{
  request->place = *place;
  request->owned_heading = g_strdup (place->heading);
  request->place.heading = request->owned_heading;
}

static void
request_set_text (Request    *request,
                  const char *text)
{
  request->owned_text = g_strdup (text);
  request->text = request->owned_text;
}

static void
request_set_briefing (Request               *request,
                      const AttacheBriefing *briefing)
{
  request->owned_briefing = attache_briefing_copy (briefing);
  request->briefing = request->owned_briefing;
}

void
attache_library_create_briefing_async (AttacheLibrary         *self,
                                       const AttacheBriefing  *fields,
                                       GCancellable           *cancellable,
                                       GAsyncReadyCallback     callback,
                                       gpointer                user_data)
{
  Request *request;

  g_return_if_fail (ATTACHE_IS_LIBRARY (self));
  g_return_if_fail (fields != NULL);

  request = request_new (OP_CREATE, 0);
  request_set_briefing (request, fields);
  run_write (self, attache_library_create_briefing_async, request, cancellable, callback, user_data);
}

gint64
attache_library_create_briefing_finish (AttacheLibrary  *self,
                                        GAsyncResult    *result,
                                        GError         **error)
{
  return finish_write (self, result, error);
}

static gpointer
list_briefings_run (gpointer       source_object,
                    gpointer       task_data,
                    GCancellable  *cancellable,
                    GError       **error)
{
  return attache_library_list_briefings (source_object, error);
}

void
attache_library_list_briefings_async (AttacheLibrary      *self,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (ATTACHE_IS_LIBRARY (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, attache_library_list_briefings_async);
  _attache_task_run_pointer (task, list_briefings_run, (GDestroyNotify) g_ptr_array_unref,
                             NULL, NULL, ATTACHE_TASK_DEFAULT);
}

GPtrArray *
attache_library_list_briefings_finish (AttacheLibrary  *self,
                                       GAsyncResult    *result,
                                       GError         **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

static gpointer
load_briefing_run (gpointer       source_object,
                   gpointer       task_data,
                   GCancellable  *cancellable,
                   GError       **error)
{
  return attache_library_load_briefing (source_object, *(const gint64 *) task_data, error);
}

void
attache_library_load_briefing_async (AttacheLibrary      *self,
                                     gint64               briefing_id,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (ATTACHE_IS_LIBRARY (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, attache_library_load_briefing_async);
  _attache_task_run_pointer (task, load_briefing_run, (GDestroyNotify) attache_briefing_free,
                             g_memdup2 (&briefing_id, sizeof briefing_id), g_free, ATTACHE_TASK_DEFAULT);
}

AttacheBriefing *
attache_library_load_briefing_finish (AttacheLibrary  *self,
                                      GAsyncResult    *result,
                                      GError         **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

void
attache_library_update_briefing_async (AttacheLibrary         *self,
                                       const AttacheBriefing  *fields,
                                       GCancellable           *cancellable,
                                       GAsyncReadyCallback     callback,
                                       gpointer                user_data)
{
  Request *request;

  g_return_if_fail (ATTACHE_IS_LIBRARY (self));
  g_return_if_fail (fields != NULL);

  request = request_new (OP_UPDATE, 0);
  request_set_briefing (request, fields);
  run_write (self, attache_library_update_briefing_async, request, cancellable, callback, user_data);
}

gboolean
attache_library_update_briefing_finish (AttacheLibrary  *self,
                                        GAsyncResult    *result,
                                        GError         **error)
{
  return finish_write (self, result, error) != 0;
}

void
attache_library_delete_briefing_async (AttacheLibrary      *self,
                                       gint64               briefing_id,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  g_return_if_fail (ATTACHE_IS_LIBRARY (self));

  run_write (self, attache_library_delete_briefing_async, request_new (OP_DELETE, briefing_id),
             cancellable, callback, user_data);
}

gboolean
attache_library_delete_briefing_finish (AttacheLibrary  *self,
                                        GAsyncResult    *result,
                                        GError         **error)
{
  return finish_write (self, result, error) != 0;
}

void
attache_library_restore_briefing_async (AttacheLibrary         *self,
                                        const AttacheBriefing  *briefing,
                                        GCancellable           *cancellable,
                                        GAsyncReadyCallback     callback,
                                        gpointer                user_data)
{
  Request *request;

  g_return_if_fail (ATTACHE_IS_LIBRARY (self));
  g_return_if_fail (briefing != NULL && briefing->id > 0);

  request = request_new (OP_RESTORE, 0);
  request_set_briefing (request, briefing);
  run_write (self, attache_library_restore_briefing_async, request, cancellable, callback, user_data);
}

gboolean
attache_library_restore_briefing_finish (AttacheLibrary  *self,
                                         GAsyncResult    *result,
                                         GError         **error)
{
  return finish_write (self, result, error) != 0;
}

void
attache_library_add_briefing_section_async (AttacheLibrary      *self,
                                            gint64               briefing_id,
                                            const char          *heading,
                                            guint                position,
                                            GCancellable        *cancellable,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data)
{
  Request *request;

  g_return_if_fail (ATTACHE_IS_LIBRARY (self));

  request = request_new (OP_ADD_SECTION, briefing_id);
  request_set_text (request, heading);
  request->position = position;
  run_write (self, attache_library_add_briefing_section_async, request, cancellable, callback, user_data);
}

gint64
attache_library_add_briefing_section_finish (AttacheLibrary  *self,
                                             GAsyncResult    *result,
                                             GError         **error)
{
  return finish_write (self, result, error);
}

void
attache_library_rename_briefing_section_async (AttacheLibrary      *self,
                                               gint64               section_id,
                                               const char          *heading,
                                               GCancellable        *cancellable,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data)
{
  Request *request;

  g_return_if_fail (ATTACHE_IS_LIBRARY (self));

  request = request_new (OP_RENAME_SECTION, section_id);
  request_set_text (request, heading);
  run_write (self, attache_library_rename_briefing_section_async, request, cancellable, callback, user_data);
}

gboolean
attache_library_rename_briefing_section_finish (AttacheLibrary  *self,
                                                GAsyncResult    *result,
                                                GError         **error)
{
  return finish_write (self, result, error) != 0;
}

void
attache_library_move_briefing_section_async (AttacheLibrary      *self,
                                             gint64               section_id,
                                             guint                position,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data)
{
  Request *request;

  g_return_if_fail (ATTACHE_IS_LIBRARY (self));

  request = request_new (OP_MOVE_SECTION, section_id);
  request->position = position;
  run_write (self, attache_library_move_briefing_section_async, request, cancellable, callback, user_data);
}

gboolean
attache_library_move_briefing_section_finish (AttacheLibrary  *self,
                                              GAsyncResult    *result,
                                              GError         **error)
{
  return finish_write (self, result, error) != 0;
}

void
attache_library_delete_briefing_section_async (AttacheLibrary      *self,
                                               gint64               section_id,
                                               GCancellable        *cancellable,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data)
{
  g_return_if_fail (ATTACHE_IS_LIBRARY (self));

  run_write (self, attache_library_delete_briefing_section_async, request_new (OP_DELETE_SECTION, section_id),
             cancellable, callback, user_data);
}

gboolean
attache_library_delete_briefing_section_finish (AttacheLibrary           *self,
                                                GAsyncResult             *result,
                                                AttacheBriefingSection  **out_deleted,
                                                guint                    *out_position,
                                                GError                  **error)
{
  Request *request;

  if (finish_write (self, result, error) == 0)
    return FALSE;

  request = _attache_task_get_data (G_TASK (result));
  if (out_position != NULL)
    *out_position = request->deleted_position;
  if (out_deleted != NULL)
    *out_deleted = g_steal_pointer (&request->deleted);
  return TRUE;
}

void
attache_library_restore_briefing_section_async (AttacheLibrary               *self,
                                                gint64                        briefing_id,
                                                guint                         position,
                                                const AttacheBriefingSection *section,
                                                GCancellable                 *cancellable,
                                                GAsyncReadyCallback           callback,
                                                gpointer                      user_data)
{
  Request *request;

  g_return_if_fail (ATTACHE_IS_LIBRARY (self));
  g_return_if_fail (section != NULL);

  request = request_new (OP_RESTORE_SECTION, briefing_id);
  request->position = position;
  request->owned_section = attache_briefing_section_copy (section);
  request->section = request->owned_section;
  run_write (self, attache_library_restore_briefing_section_async, request, cancellable, callback, user_data);
}

gboolean
attache_library_restore_briefing_section_finish (AttacheLibrary  *self,
                                                 GAsyncResult    *result,
                                                 GError         **error)
{
  return finish_write (self, result, error) != 0;
}

void
attache_library_add_briefing_text_async (AttacheLibrary              *self,
                                         const AttacheBriefingPlace  *place,
                                         const char                  *markdown,
                                         GCancellable                *cancellable,
                                         GAsyncReadyCallback          callback,
                                         gpointer                     user_data)
{
  Request *request;

  g_return_if_fail (ATTACHE_IS_LIBRARY (self));
  g_return_if_fail (place != NULL);

  request = request_new (OP_ADD_TEXT, 0);
  request_set_place (request, place);
  request_set_text (request, markdown);
  run_write (self, attache_library_add_briefing_text_async, request, cancellable, callback, user_data);
}

void
attache_library_add_briefing_excerpt_async (AttacheLibrary              *self,
                                            const AttacheBriefingPlace  *place,
                                            gint64                       article_id,
                                            guint                        from,
                                            guint                        to,
                                            GCancellable                *cancellable,
                                            GAsyncReadyCallback          callback,
                                            gpointer                     user_data)
{
  Request *request;

  g_return_if_fail (ATTACHE_IS_LIBRARY (self));
  g_return_if_fail (place != NULL);

  request = request_new (OP_ADD_EXCERPT, 0);
  request_set_place (request, place);
  request->other_id = article_id;
  request->from = from;
  request->to = to;
  run_write (self, attache_library_add_briefing_excerpt_async, request, cancellable, callback, user_data);
}

void
attache_library_add_briefing_article_async (AttacheLibrary              *self,
                                            const AttacheBriefingPlace  *place,
                                            gint64                       article_id,
                                            GCancellable                *cancellable,
                                            GAsyncReadyCallback          callback,
                                            gpointer                     user_data)
{
  Request *request;

  g_return_if_fail (ATTACHE_IS_LIBRARY (self));
  g_return_if_fail (place != NULL);

  request = request_new (OP_ADD_ARTICLE, 0);
  request_set_place (request, place);
  request->other_id = article_id;
  run_write (self, attache_library_add_briefing_article_async, request, cancellable, callback, user_data);
}

void
attache_library_add_briefing_actors_async (AttacheLibrary              *self,
                                           const AttacheBriefingPlace  *place,
                                           guint                        limit,
                                           GCancellable                *cancellable,
                                           GAsyncReadyCallback          callback,
                                           gpointer                     user_data)
{
  Request *request;

  g_return_if_fail (ATTACHE_IS_LIBRARY (self));
  g_return_if_fail (place != NULL);

  request = request_new (OP_ADD_ACTORS, 0);
  request_set_place (request, place);
  request->limit = limit;
  run_write (self, attache_library_add_briefing_actors_async, request, cancellable, callback, user_data);
}

void
attache_library_add_briefing_topics_async (AttacheLibrary              *self,
                                           const AttacheBriefingPlace  *place,
                                           guint                        limit,
                                           GCancellable                *cancellable,
                                           GAsyncReadyCallback          callback,
                                           gpointer                     user_data)
{
  Request *request;

  g_return_if_fail (ATTACHE_IS_LIBRARY (self));
  g_return_if_fail (place != NULL);

  request = request_new (OP_ADD_TOPICS, 0);
  request_set_place (request, place);
  request->limit = limit;
  run_write (self, attache_library_add_briefing_topics_async, request, cancellable, callback, user_data);
}

gint64
attache_library_add_briefing_block_finish (AttacheLibrary  *self,
                                           GAsyncResult    *result,
                                           GError         **error)
{
  return finish_write (self, result, error);
}

void
attache_library_restore_briefing_block_async (AttacheLibrary              *self,
                                              gint64                       section_id,
                                              guint                        position,
                                              const AttacheBriefingBlock  *block,
                                              GCancellable                *cancellable,
                                              GAsyncReadyCallback          callback,
                                              gpointer                     user_data)
{
  Request *request;

  g_return_if_fail (ATTACHE_IS_LIBRARY (self));
  g_return_if_fail (block != NULL);

  request = request_new (OP_RESTORE_BLOCK, section_id);
  request->position = position;
  request->owned_block = attache_briefing_block_copy (block);
  request->block = request->owned_block;
  run_write (self, attache_library_restore_briefing_block_async, request, cancellable, callback, user_data);
}

void
attache_library_set_briefing_text_async (AttacheLibrary      *self,
                                         gint64               block_id,
                                         const char          *markdown,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data)
{
  Request *request;

  g_return_if_fail (ATTACHE_IS_LIBRARY (self));

  request = request_new (OP_SET_TEXT, block_id);
  request_set_text (request, markdown);
  run_write (self, attache_library_set_briefing_text_async, request, cancellable, callback, user_data);
}

void
attache_library_set_briefing_excerpt_range_async (AttacheLibrary      *self,
                                                  gint64               block_id,
                                                  guint                from,
                                                  guint                to,
                                                  GCancellable        *cancellable,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data)
{
  Request *request;

  g_return_if_fail (ATTACHE_IS_LIBRARY (self));

  request = request_new (OP_SET_RANGE, block_id);
  request->from = from;
  request->to = to;
  run_write (self, attache_library_set_briefing_excerpt_range_async, request, cancellable, callback, user_data);
}

void
attache_library_refresh_briefing_block_async (AttacheLibrary      *self,
                                              gint64               block_id,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data)
{
  g_return_if_fail (ATTACHE_IS_LIBRARY (self));

  run_write (self, attache_library_refresh_briefing_block_async, request_new (OP_REFRESH, block_id),
             cancellable, callback, user_data);
}

void
attache_library_move_briefing_block_async (AttacheLibrary      *self,
                                           gint64               block_id,
                                           gint64               section_id,
                                           guint                position,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data)
{
  Request *request;

  g_return_if_fail (ATTACHE_IS_LIBRARY (self));

  request = request_new (OP_MOVE_BLOCK, block_id);
  request->other_id = section_id;
  request->position = position;
  run_write (self, attache_library_move_briefing_block_async, request, cancellable, callback, user_data);
}

void
attache_library_delete_briefing_block_async (AttacheLibrary      *self,
                                             gint64               block_id,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data)
{
  g_return_if_fail (ATTACHE_IS_LIBRARY (self));

  run_write (self, attache_library_delete_briefing_block_async, request_new (OP_DELETE_BLOCK, block_id),
             cancellable, callback, user_data);
}

gboolean
attache_library_edit_briefing_block_finish (AttacheLibrary  *self,
                                            GAsyncResult    *result,
                                            GError         **error)
{
  return finish_write (self, result, error) != 0;
}
