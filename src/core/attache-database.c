/* attache-database.c: the one owner of the library's sqlite connection
 *
 * A GObject around one sqlite3 handle: opens it (WAL, foreign keys, busy timeout),
 * migrates its schema with an append-only list of steps, caches prepared statements,
 * and turns every sqlite failure into a GError. Nothing here aborts on a SQL error.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "attache-database"

#include "config.h"

#include <glib/gi18n.h>
#include <errno.h>
#include <glib/gstdio.h>

#include "attache-database-private.h"

struct _AttacheDatabase
{
  GObject     parent_instance;

  char       *path;
  sqlite3    *db;
  GRecMutex   mutex;
  GHashTable *statements;   /* SQL text (static) → sqlite3_stmt* */
  int         schema_version;
};

G_DEFINE_FINAL_TYPE (AttacheDatabase, attache_database, G_TYPE_OBJECT)

G_DEFINE_QUARK (attache-database-error-quark, attache_database_error)

/* The migrations. Entry i moves PRAGMA user_version from i to i + 1 inside one
 * transaction. Append only: never edit a step that has shipped. */
static const char * const migrations[] = {
  /* 0 → 1: articles */
  "CREATE TABLE articles ("
  "  id          INTEGER PRIMARY KEY AUTOINCREMENT,"   /* ids are never reused */
  "  title       TEXT NOT NULL,"
  "  source      TEXT,"
  "  url         TEXT,"
  "  author      TEXT,"
  "  published   TEXT,"                       /* ISO 8601 date or UTC date-time */
  "  imported    TEXT NOT NULL,"              /* ISO 8601 UTC date-time */
  "  language    TEXT,"
  "  body        TEXT NOT NULL,"              /* paragraphs separated by \\n\\n */
  "  sha256      TEXT NOT NULL UNIQUE,"       /* of the original bytes */
  "  fingerprint TEXT NOT NULL,"              /* sha256 of the normalised text */
  "  origin      TEXT NOT NULL,"              /* file path or URL */
  "  n_words     INTEGER NOT NULL DEFAULT 0,"
  "  n_chars     INTEGER NOT NULL DEFAULT 0"
  ");"
  "CREATE INDEX articles_by_date ON articles ("
  "  coalesce (published, substr (imported, 1, 10)) DESC, id DESC);"
  "CREATE INDEX articles_by_fingerprint ON articles (fingerprint);",

  /* 1 → 2: full-text index over title and text, kept in step by triggers */
  "CREATE VIRTUAL TABLE articles_fts USING fts5 ("
  "  title, body, content='articles', content_rowid='id',"
  "  tokenize='unicode61 remove_diacritics 2');"
  "CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN"
  "  INSERT INTO articles_fts (rowid, title, body) VALUES (new.id, new.title, new.body);"
  "END;"
  "CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN"
  "  INSERT INTO articles_fts (articles_fts, rowid, title, body)"
  "    VALUES ('delete', old.id, old.title, old.body);"
  "END;"
  "CREATE TRIGGER articles_fts_update AFTER UPDATE OF title, body ON articles BEGIN"
  "  INSERT INTO articles_fts (articles_fts, rowid, title, body)"
  "    VALUES ('delete', old.id, old.title, old.body);"
  "  INSERT INTO articles_fts (rowid, title, body) VALUES (new.id, new.title, new.body);"
  "END;"
  "INSERT INTO articles_fts (articles_fts) VALUES ('rebuild');",

  /* 2 → 3: what a web page said when it was imported, to prove a citation */
  "CREATE TABLE captures ("
  "  id            INTEGER PRIMARY KEY AUTOINCREMENT,"
  "  article_id    INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,"
  "  requested_url TEXT NOT NULL,"
  "  final_url     TEXT NOT NULL,"
  "  fetched       TEXT NOT NULL,"              /* ISO 8601 UTC */
  "  status        INTEGER NOT NULL,"
  "  content_type  TEXT,"
  "  charset       TEXT,"
  "  http_date     TEXT,"
  "  last_modified TEXT,"
  "  etag          TEXT,"
  "  body_sha256   TEXT NOT NULL,"
  "  body_size     INTEGER NOT NULL,"
  "  body_gzip     BLOB NOT NULL"               /* the raw bytes, gzip-compressed */
  ");"
  "CREATE INDEX captures_by_article ON captures (article_id);"
  "CREATE INDEX articles_by_url ON articles (url) WHERE url IS NOT NULL;",

  /* 3 → 4: the analysis. Actors are the library's, across articles; an alias
   * ("location:washington", the analyser's type and name) says which actor a
   * name found in a text is. Aliases the analyst set (merge, split) and the
   * actor's own flags (renamed, retyped, hidden) are never touched by a new
   * analysis, so the analyst's decisions win forever after. */
  "CREATE TABLE actors ("
  "  id       INTEGER PRIMARY KEY AUTOINCREMENT,"
  "  name     TEXT NOT NULL,"
  "  type     TEXT NOT NULL CHECK (type IN ('person', 'organization', 'country', 'location')),"
  "  renamed  INTEGER NOT NULL DEFAULT 0,"      /* the analyst chose the name */
  "  retyped  INTEGER NOT NULL DEFAULT 0,"      /* the analyst chose the type */
  "  hidden   INTEGER NOT NULL DEFAULT 0"       /* the analyst said: not an actor */
  ");"
  "CREATE TABLE actor_aliases ("
  "  alias    TEXT PRIMARY KEY,"                /* type ':' lowercase name */
  "  actor_id INTEGER NOT NULL REFERENCES actors (id) ON DELETE CASCADE,"
  "  by_analyst INTEGER NOT NULL DEFAULT 0"
  ");"
  "CREATE INDEX actor_aliases_by_actor ON actor_aliases (actor_id);"
  "CREATE TABLE analyses ("
  "  article_id INTEGER PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,"
  "  version    INTEGER NOT NULL,"              /* ATTACHE_ANALYZER_VERSION */
  "  language   TEXT,"
  "  analysed   INTEGER NOT NULL,"              /* 0: a language the models do not cover */
  "  subject    TEXT,"                          /* IPTC code */
  "  summary    TEXT NOT NULL DEFAULT ''"       /* sentence spans, 'start-end' in characters, ' ' between */
  ");"
  "CREATE TABLE article_actors ("
  "  article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,"
  "  actor_id   INTEGER NOT NULL REFERENCES actors (id) ON DELETE CASCADE,"
  "  mentions   INTEGER NOT NULL,"
  "  salience   REAL NOT NULL,"
  "  roles      TEXT NOT NULL DEFAULT '',"      /* one per line */
  "  forms      TEXT NOT NULL DEFAULT '',"      /* the names seen in this article, one per line */
  "  PRIMARY KEY (article_id, actor_id)"
  ");"
  "CREATE INDEX article_actors_by_actor ON article_actors (actor_id);"
  "CREATE TABLE mentions ("
  "  article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,"
  "  actor_id   INTEGER NOT NULL REFERENCES actors (id) ON DELETE CASCADE,"
  "  start      INTEGER NOT NULL,"              /* character offsets in the article's text */
  "  end        INTEGER NOT NULL"
  ");"
  "CREATE INDEX mentions_by_article ON mentions (article_id);"
  "CREATE INDEX mentions_by_actor ON mentions (actor_id);"
  "CREATE TABLE article_topics ("
  "  article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,"
  "  rank       INTEGER NOT NULL,"
  "  label      TEXT NOT NULL,"
  "  score      REAL NOT NULL,"
  "  PRIMARY KEY (article_id, rank)"
  ");",

  /* 4 → 5: feed subscriptions. feed_items remembers every item seen, so an
   * item is imported once even after its article was deleted; removing a feed
   * forgets its items but keeps the articles. */
  "CREATE TABLE feeds ("
  "  id                 INTEGER PRIMARY KEY AUTOINCREMENT,"
  "  url                TEXT NOT NULL UNIQUE,"
  "  title              TEXT,"
  "  site_url           TEXT,"                   /* the site the feed belongs to */
  "  etag               TEXT,"                   /* for the next conditional fetch */
  "  last_modified      TEXT,"
  "  last_fetched       TEXT,"                   /* ISO 8601 UTC of the last good fetch */
  "  last_error         TEXT,"                   /* why the last fetch failed, else NULL */
  "  fetch_full_article INTEGER NOT NULL DEFAULT 0,"
  "  added              TEXT NOT NULL"           /* ISO 8601 UTC */
  ");"
  "CREATE TABLE feed_items ("
  "  feed_id    INTEGER NOT NULL REFERENCES feeds (id) ON DELETE CASCADE,"
  "  item_id    TEXT NOT NULL,"                  /* the feed's guid or id, else the link */
  "  article_id INTEGER REFERENCES articles (id) ON DELETE SET NULL,"
  "  seen       TEXT NOT NULL,"                  /* ISO 8601 UTC */
  "  UNIQUE (feed_id, item_id)"
  ");"
  "CREATE INDEX feed_items_by_article ON feed_items (article_id);"
  "CREATE INDEX articles_by_origin ON articles (origin);",

  /* Whether the analyst has opened each article (shown in the reader for a
   * moment), for the unread counts of the feeds. */
  "ALTER TABLE articles ADD COLUMN read INTEGER NOT NULL DEFAULT 0;",

  /* Stories: versions of one story (the same wire copy on several sites) are
   * grouped, not refused. story_id is the id of the article that started the
   * story (it stays the story's key after that article is deleted);
   * story_signature is the MinHash signature of the text (attache-story.c),
   * NULL until computed: the library computes the missing ones in C when it is
   * opened, a batch per transaction, which also groups the articles stored
   * before; an empty blob is a text too short to group. story_bands indexes the
   * signature's bands: two articles are compared when they share one. */
  "ALTER TABLE articles ADD COLUMN story_id INTEGER;"
  "ALTER TABLE articles ADD COLUMN story_signature BLOB;"
  "CREATE INDEX articles_by_story ON articles (story_id);"
  "CREATE INDEX articles_without_signature ON articles (id) WHERE story_signature IS NULL;"
  "CREATE TABLE story_bands ("
  "  band_key   INTEGER NOT NULL,"
  "  article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,"
  "  PRIMARY KEY (band_key, article_id)"
  ") WITHOUT ROWID;"
  "CREATE INDEX story_bands_by_article ON story_bands (article_id);"
  "CREATE TRIGGER articles_story_insert AFTER INSERT ON articles"
  "  WHEN new.story_id IS NULL BEGIN"
  "  UPDATE articles SET story_id = new.id WHERE id = new.id;"
  "END;",

  /* 7 → 8: briefings (attache-briefing-store.c). A briefing is ordered
   * sections of ordered blocks; position orders the rows of one parent (gaps
   * allowed, renumbered when something moves). An excerpt or a reference keeps
   * a snapshot of what it quotes and of its source: source_article is the
   * article's id when it was added, kept forever; article_id is the same id
   * while the article is in the library and NULL once it was deleted (the block
   * then says "removed"), set again when that article is restored (Undo).
   * Actors and topics blocks keep their table as child rows, computed when
   * added. */
  "CREATE TABLE briefings ("
  "  id       INTEGER PRIMARY KEY AUTOINCREMENT,"
  "  title    TEXT NOT NULL,"
  "  subtitle TEXT,"
  "  author   TEXT,"
  "  audience TEXT,"
  "  date     TEXT,"                             /* YYYY-MM-DD, or NULL: the export's day */
  "  marking  TEXT,"                             /* handling marking, free text */
  "  status   TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'final')),"
  "  summary  TEXT,"                             /* Markdown */
  "  created  INTEGER NOT NULL,"                 /* Unix time, seconds */
  "  modified INTEGER NOT NULL"
  ");"
  "CREATE TABLE briefing_sections ("
  "  id          INTEGER PRIMARY KEY AUTOINCREMENT,"
  "  briefing_id INTEGER NOT NULL REFERENCES briefings (id) ON DELETE CASCADE,"
  "  position    INTEGER NOT NULL,"
  "  heading     TEXT NOT NULL"
  ");"
  "CREATE INDEX briefing_sections_by_briefing ON briefing_sections (briefing_id, position);"
  "CREATE TABLE briefing_blocks ("
  "  id               INTEGER PRIMARY KEY AUTOINCREMENT,"
  "  section_id       INTEGER NOT NULL REFERENCES briefing_sections (id) ON DELETE CASCADE,"
  "  position         INTEGER NOT NULL,"
  "  kind             TEXT NOT NULL CHECK (kind IN ('text', 'excerpt', 'article', 'actors', 'topics')),"
  "  text             TEXT,"                     /* text: Markdown; excerpt: the quoted snapshot */
  "  char_from        INTEGER,"                  /* excerpt: character offsets in the article's text */
  "  char_to          INTEGER,"
  "  source_article   INTEGER,"                  /* the article's id when added */
  "  article_id       INTEGER REFERENCES articles (id) ON DELETE SET NULL,"
  "  source_title     TEXT,"
  "  source_publisher TEXT,"
  "  source_published TEXT,"                     /* YYYY-MM-DD */
  "  source_url       TEXT,"
  "  max_rows         INTEGER"                   /* actors, topics: the rows asked for */
  ");"
  "CREATE INDEX briefing_blocks_by_section ON briefing_blocks (section_id, position);"
  "CREATE INDEX briefing_blocks_by_article ON briefing_blocks (article_id);"
  "CREATE INDEX briefing_blocks_removed ON briefing_blocks (source_article) WHERE article_id IS NULL;"
  "CREATE TABLE briefing_actors ("
  "  block_id INTEGER NOT NULL REFERENCES briefing_blocks (id) ON DELETE CASCADE,"
  "  rank     INTEGER NOT NULL,"
  "  name     TEXT NOT NULL,"
  "  type     TEXT NOT NULL,"
  "  articles INTEGER NOT NULL,"
  "  mentions INTEGER NOT NULL,"
  "  PRIMARY KEY (block_id, rank)"
  ") WITHOUT ROWID;"
  "CREATE TABLE briefing_topics ("
  "  block_id INTEGER NOT NULL REFERENCES briefing_blocks (id) ON DELETE CASCADE,"
  "  rank     INTEGER NOT NULL,"
  "  label    TEXT NOT NULL,"
  "  PRIMARY KEY (block_id, rank)"
  ") WITHOUT ROWID;"
  "CREATE TRIGGER articles_briefing_restore AFTER INSERT ON articles BEGIN"
  "  UPDATE briefing_blocks SET article_id = new.id"
  "    WHERE source_article = new.id AND article_id IS NULL;"
  "END;",
  /* 8 → 9: exploring the library, and the analyst's say over actors.
   *
   * Aliases get a lasting id and keep the name as the analyser wrote it.
   * What the analyser found is kept per alias (article_aliases, and each
   * mention's alias_id): article_actors and mentions.actor_id are derived
   * from it through actor_aliases, so that a merge, a split and their undo
   * only move aliases and derive again, and a later analysis lands on the
   * analyst's actors. Up to now each actor had exactly one alias, which makes
   * the backfill exact.
   *
   * article_actors.day (the article's date) gives each actor its article
   * count and first and last days, kept by triggers. actor_corrections is
   * the journal of the analyst's corrections, with what undoing each needs.
   * saved_searches are the smart folders. The other indexes serve the
   * search filters. */
  "CREATE TABLE actor_aliases_new ("
  "  id         INTEGER PRIMARY KEY AUTOINCREMENT,"
  "  alias      TEXT NOT NULL UNIQUE,"             /* type ':' casefolded name */
  "  actor_id   INTEGER NOT NULL REFERENCES actors (id) ON DELETE CASCADE,"
  "  by_analyst INTEGER NOT NULL DEFAULT 0,"       /* the analyst put it on this actor */
  "  name       TEXT NOT NULL,"                    /* as the analyser (or the analyst) wrote it */
  "  moved_by   INTEGER"                           /* the correction that put it on this actor */
  ");"
  "INSERT INTO actor_aliases_new (alias, actor_id, by_analyst, name)"
  "  SELECT l.alias, l.actor_id, l.by_analyst, c.name"
  "  FROM actor_aliases l JOIN actors c ON c.id = l.actor_id ORDER BY l.actor_id;"
  "DROP TABLE actor_aliases;"
  "ALTER TABLE actor_aliases_new RENAME TO actor_aliases;"
  "CREATE INDEX actor_aliases_by_actor ON actor_aliases (actor_id);"

  "CREATE TABLE article_aliases ("
  "  article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,"
  "  alias_id   INTEGER NOT NULL REFERENCES actor_aliases (id) ON DELETE CASCADE,"
  "  mentions   INTEGER NOT NULL,"
  "  salience   REAL NOT NULL,"
  "  roles      TEXT NOT NULL DEFAULT '',"
  "  forms      TEXT NOT NULL DEFAULT '',"
  "  PRIMARY KEY (article_id, alias_id)"
  ") WITHOUT ROWID;"
  "INSERT INTO article_aliases (article_id, alias_id, mentions, salience, roles, forms)"
  "  SELECT aa.article_id, l.id, aa.mentions, aa.salience, aa.roles, aa.forms"
  "  FROM article_actors aa JOIN actor_aliases l ON l.actor_id = aa.actor_id;"
  "CREATE INDEX article_aliases_by_alias ON article_aliases (alias_id);"

  "ALTER TABLE mentions ADD COLUMN alias_id INTEGER;"    /* no REFERENCES: see attache-actors.c */
  "UPDATE mentions SET alias_id = (SELECT l.id FROM actor_aliases l WHERE l.actor_id = mentions.actor_id);"

  "ALTER TABLE article_actors ADD COLUMN day TEXT;"
  "UPDATE article_actors SET day ="
  "  (SELECT substr (coalesce (a.published, a.imported), 1, 10) FROM articles a WHERE a.id = article_id);"
  "DROP INDEX article_actors_by_actor;"
  "CREATE INDEX article_actors_by_actor ON article_actors (actor_id, day, article_id);"

  "ALTER TABLE actors ADD COLUMN n_articles INTEGER NOT NULL DEFAULT 0;"
  "ALTER TABLE actors ADD COLUMN first_seen TEXT;"
  "ALTER TABLE actors ADD COLUMN last_seen TEXT;"
  "UPDATE actors SET (n_articles, first_seen, last_seen) ="
  "  (SELECT count (*), min (day), max (day) FROM article_actors WHERE actor_id = actors.id);"
  "CREATE TRIGGER article_actors_seen_insert AFTER INSERT ON article_actors BEGIN"
  "  UPDATE actors SET n_articles = n_articles + 1,"
  "    first_seen = CASE WHEN first_seen IS NULL OR new.day < first_seen THEN new.day ELSE first_seen END,"
  "    last_seen = CASE WHEN last_seen IS NULL OR new.day > last_seen THEN new.day ELSE last_seen END"
  "  WHERE id = new.actor_id;"
  "END;"
  "CREATE TRIGGER article_actors_seen_delete AFTER DELETE ON article_actors BEGIN"
  "  UPDATE actors SET n_articles = n_articles - 1,"
  "    first_seen = (SELECT min (day) FROM article_actors WHERE actor_id = old.actor_id),"
  "    last_seen = (SELECT max (day) FROM article_actors WHERE actor_id = old.actor_id)"
  "  WHERE id = old.actor_id;"
  "END;"

  "CREATE TABLE actor_corrections ("
  "  id       INTEGER PRIMARY KEY AUTOINCREMENT,"
  "  made     TEXT NOT NULL,"                      /* ISO 8601 UTC */
  "  kind     TEXT NOT NULL,"                      /* rename, merge, split, set-type, hide, unhide */
  "  actor_id INTEGER NOT NULL,"                   /* the actor corrected; KEEP for a merge */
  "  other_id INTEGER,"                            /* merge: the actor merged away; split: the new one */
  "  undo     TEXT NOT NULL"                       /* what undoing needs, as JSON */
  ");"

  "CREATE TABLE saved_searches ("
  "  id        INTEGER PRIMARY KEY AUTOINCREMENT,"
  "  name      TEXT NOT NULL UNIQUE COLLATE NOCASE,"
  "  query     TEXT NOT NULL DEFAULT '',"          /* the words, as the analyst typed them */
  "  date_from TEXT,"                              /* YYYY, YYYY-MM or YYYY-MM-DD, inclusive */
  "  date_to   TEXT,"
  "  source    TEXT,"
  "  actor_id  INTEGER REFERENCES actors (id) ON DELETE SET NULL,"
  "  subject   TEXT,"                              /* IPTC code */
  "  topic     TEXT,"
  "  created   TEXT NOT NULL"                      /* ISO 8601 UTC */
  ");"

  "CREATE INDEX articles_by_source ON articles (source COLLATE NOCASE);"
  "CREATE INDEX analyses_by_subject ON analyses (subject);"
  "CREATE INDEX article_topics_by_label ON article_topics (label COLLATE NOCASE);",
};

static void
finalize_statement (gpointer stmt)
{
  sqlite3_finalize (stmt);
}

static void
attache_database_finalize (GObject *object)
{
  AttacheDatabase *self = ATTACHE_DATABASE (object);

  g_clear_pointer (&self->statements, g_hash_table_unref);
  if (self->db != NULL)
    {
      sqlite3_close_v2 (self->db);
      self->db = NULL;
    }
  g_clear_pointer (&self->path, g_free);
  g_rec_mutex_clear (&self->mutex);

  G_OBJECT_CLASS (attache_database_parent_class)->finalize (object);
}

static void
attache_database_class_init (AttacheDatabaseClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = attache_database_finalize;
}

static void
attache_database_init (AttacheDatabase *self)
{
  g_rec_mutex_init (&self->mutex);
  self->statements = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                            finalize_statement);
}

int
attache_database_get_latest_version (void)
{
  return G_N_ELEMENTS (migrations);
}

static int
error_code_for (int rc)
{
  switch (rc & 0xff)
    {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return ATTACHE_DATABASE_ERROR_BUSY;
    case SQLITE_NOTADB:
    case SQLITE_CORRUPT:
      return ATTACHE_DATABASE_ERROR_NOT_A_LIBRARY;
    case SQLITE_CANTOPEN:
    case SQLITE_PERM:
    case SQLITE_READONLY:
      return ATTACHE_DATABASE_ERROR_OPEN;
    default:
      return ATTACHE_DATABASE_ERROR_SQL;
    }
}

gboolean
_attache_database_set_error (AttacheDatabase  *self,
                             int               rc,
                             const char       *what,
                             GError          **error)
{
  const char *message = self->db != NULL ? sqlite3_errmsg (self->db) : sqlite3_errstr (rc);

  switch (rc & 0xff)
    {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      g_set_error (error, ATTACHE_DATABASE_ERROR, ATTACHE_DATABASE_ERROR_BUSY,
                   _("%s: the library %s is in use by another program; try again in a moment"),
                   what, self->path);
      break;

    case SQLITE_NOTADB:
    case SQLITE_CORRUPT:
      g_set_error (error, ATTACHE_DATABASE_ERROR, ATTACHE_DATABASE_ERROR_NOT_A_LIBRARY,
                   _("%s: %s is not an Attaché library or is damaged (%s)"),
                   what, self->path, message);
      break;

    case SQLITE_FULL:
      g_set_error (error, ATTACHE_DATABASE_ERROR, ATTACHE_DATABASE_ERROR_SQL,
                   _("%s: the disk is full"), what);
      break;

    default:
      g_set_error (error, ATTACHE_DATABASE_ERROR, error_code_for (rc),
                   "%s: %s", what, message);
    }

  return FALSE;
}

sqlite3 *
_attache_database_get_handle (AttacheDatabase *self)
{
  return self->db;
}

void
_attache_database_lock (AttacheDatabase *self)
{
  g_rec_mutex_lock (&self->mutex);
}

void
_attache_database_unlock (AttacheDatabase *self)
{
  g_rec_mutex_unlock (&self->mutex);
}

sqlite3_stmt *
_attache_database_prepare (AttacheDatabase  *self,
                           const char       *sql,
                           GError          **error)
{
  sqlite3_stmt *stmt;
  int rc;

  g_assert (ATTACHE_IS_DATABASE (self));

  stmt = g_hash_table_lookup (self->statements, sql);
  if (stmt != NULL)
    {
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
      return stmt;
    }

  rc = sqlite3_prepare_v3 (self->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      _attache_database_set_error (self, rc, _("Could not read the library"), error);
      return NULL;
    }

  /* The SQL strings are literals in the library's code, so the key can be borrowed. */
  g_hash_table_insert (self->statements, (gpointer) sql, stmt);
  return stmt;
}

static gboolean
exec (AttacheDatabase  *self,
      const char       *sql,
      const char       *what,
      GError          **error)
{
  int rc = sqlite3_exec (self->db, sql, NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    return _attache_database_set_error (self, rc, what, error);

  return TRUE;
}

gboolean
_attache_database_begin (AttacheDatabase  *self,
                         GError          **error)
{
  return exec (self, "BEGIN IMMEDIATE", _("Could not change the library"), error);
}

gboolean
_attache_database_commit (AttacheDatabase  *self,
                          GError          **error)
{
  if (!exec (self, "COMMIT", _("Could not save the change to the library"), error))
    {
      _attache_database_rollback (self);
      return FALSE;
    }

  return TRUE;
}

void
_attache_database_rollback (AttacheDatabase *self)
{
  if (!sqlite3_get_autocommit (self->db))
    sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
}

static gboolean
read_user_version (AttacheDatabase  *self,
                   int              *version,
                   GError          **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (self->db, "PRAGMA user_version", -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_step (stmt);

  if (rc != SQLITE_ROW)
    {
      sqlite3_finalize (stmt);
      return _attache_database_set_error (self, rc, _("Could not open the library"), error);
    }

  *version = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  return TRUE;
}

static gboolean
refuse_newer (AttacheDatabase  *self,
              int               version,
              GError          **error)
{
  g_set_error (error, ATTACHE_DATABASE_ERROR, ATTACHE_DATABASE_ERROR_NEWER_VERSION,
               _("The library %s was written by a newer version of Attaché "
                 "(format %d; this version reads up to %d). It was left untouched: "
                 "update Attaché to open it"),
               self->path, version, attache_database_get_latest_version ());
  return FALSE;
}

/* Brings the schema from its current version to @target, one transaction a step.
 * A file newer than this program is refused before anything is written to it. */
static gboolean
migrate (AttacheDatabase  *self,
         int               target,
         GError          **error)
{
  int version;

  if (!read_user_version (self, &version, error))
    return FALSE;

  if (version > attache_database_get_latest_version ())
    return refuse_newer (self, version, error);

  while (version < target)
    {
      g_autofree char *set_version = NULL;

      if (!_attache_database_begin (self, error))
        return FALSE;

      /* Another process may have migrated while we waited for the write lock. */
      if (!read_user_version (self, &version, error))
        {
          _attache_database_rollback (self);
          return FALSE;
        }
      if (version >= target)
        {
          _attache_database_rollback (self);
          break;
        }

      set_version = g_strdup_printf ("PRAGMA user_version = %d", version + 1);
      if (!exec (self, migrations[version], _("Could not update the library's format"), error) ||
          !exec (self, set_version, _("Could not update the library's format"), error) ||
          !_attache_database_commit (self, error))
        {
          _attache_database_rollback (self);
          return FALSE;
        }

      g_debug ("Migrated %s to format %d", self->path, version + 1);
      version++;
    }

  self->schema_version = version;
  return TRUE;
}

AttacheDatabase *
_attache_database_open_at_version (const char  *path,
                                   int          version,
                                   GError     **error)
{
  g_autoptr(AttacheDatabase) self = NULL;
  g_autofree char *dir = NULL;
  int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX;
  int rc;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (version >= 0 && version <= attache_database_get_latest_version (), NULL);

  self = g_object_new (ATTACHE_TYPE_DATABASE, NULL);
  self->path = g_strdup (path);

  if (g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      g_set_error (error, ATTACHE_DATABASE_ERROR, ATTACHE_DATABASE_ERROR_OPEN,
                   _("Could not open the library %s: it is a folder, not a file"), path);
      return NULL;
    }

  dir = g_path_get_dirname (path);
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, ATTACHE_DATABASE_ERROR, ATTACHE_DATABASE_ERROR_OPEN,
                   _("Could not create the folder %s for the library: %s"),
                   dir, g_strerror (saved_errno));
      return NULL;
    }

  rc = sqlite3_open_v2 (path, &self->db, flags, NULL);
  if (rc != SQLITE_OK)
    {
      g_set_error (error, ATTACHE_DATABASE_ERROR, ATTACHE_DATABASE_ERROR_OPEN,
                   _("Could not open the library %s: %s"),
                   path, self->db != NULL ? sqlite3_errmsg (self->db) : sqlite3_errstr (rc));
      return NULL;
    }

  sqlite3_extended_result_codes (self->db, TRUE);
  sqlite3_busy_timeout (self->db, 5000);

  /* Read the version before anything can write to the file: a newer file must be
   * left exactly as it was, so not even the journal mode is changed. This read is
   * also where a file that is not sqlite at all is found out. */
  {
    int version_found;

    if (!read_user_version (self, &version_found, error))
      return NULL;

    if (version_found > attache_database_get_latest_version ())
      {
        refuse_newer (self, version_found, error);
        return NULL;
      }
  }

  if (!exec (self, "PRAGMA journal_mode = WAL", _("Could not open the library"), error) ||
      !exec (self, "PRAGMA foreign_keys = ON", _("Could not open the library"), error) ||
      !exec (self, "PRAGMA synchronous = NORMAL", _("Could not open the library"), error))
    return NULL;

  if (!migrate (self, version, error))
    return NULL;

  return g_steal_pointer (&self);
}

int
attache_database_peek_schema_version (const char *path)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  int version = -1;

  g_return_val_if_fail (path != NULL, -1);

  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
    return -1;

  if (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK &&
      sqlite3_prepare_v2 (db, "PRAGMA user_version", -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    version = sqlite3_column_int (stmt, 0);

  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return version;
}

AttacheDatabase *
attache_database_open (const char  *path,
                       GError     **error)
{
  return _attache_database_open_at_version (path, attache_database_get_latest_version (), error);
}

const char *
attache_database_get_path (AttacheDatabase *self)
{
  g_return_val_if_fail (ATTACHE_IS_DATABASE (self), NULL);
  return self->path;
}

int
attache_database_get_schema_version (AttacheDatabase *self)
{
  g_return_val_if_fail (ATTACHE_IS_DATABASE (self), -1);
  return self->schema_version;
}
