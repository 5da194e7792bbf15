/* test-briefing.c: briefings in the library, and their Markdown export
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every test works on a real library file in a fresh folder.
 */

#include "config.h"

#include <sqlite3.h>
#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "attache.h"
#include "attache-database-private.h"

#include "test-helpers.h"

typedef struct
{
  char           *dir;
  char           *path;
  AttacheLibrary *library;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = test_tmpdir_new ();
  f->path = g_build_filename (f->dir, "library.db", NULL);
  f->library = attache_library_open (f->path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (f->library);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->library);
  g_free (f->path);
  test_tmpdir_free (f->dir);
}

static gint64
raw_count (const char *path,
           const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 value = -1;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return value;
}

/* Every row of the briefing tables, as text: to show that nothing changed. */
static char *
dump_briefings (const char *path)
{
  static const char * const tables[] = {
    "SELECT * FROM briefings ORDER BY id",
    "SELECT * FROM briefing_sections ORDER BY id",
    "SELECT * FROM briefing_blocks ORDER BY id",
    "SELECT * FROM briefing_actors ORDER BY block_id, rank",
    "SELECT * FROM briefing_topics ORDER BY block_id, rank",
  };
  GString *out = g_string_new (NULL);
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  for (guint t = 0; t < G_N_ELEMENTS (tables); t++)
    {
      sqlite3_stmt *stmt = NULL;

      g_assert_cmpint (sqlite3_prepare_v2 (db, tables[t], -1, &stmt, NULL), ==, SQLITE_OK);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          for (int c = 0; c < sqlite3_column_count (stmt); c++)
            {
              const char *value = (const char *) sqlite3_column_text (stmt, c);

              g_string_append_printf (out, "%s|", value != NULL ? value : "NULL");
            }
          g_string_append_c (out, '\n');
        }
      sqlite3_finalize (stmt);
      g_string_append (out, "--\n");
    }
  sqlite3_close (db);

  return g_string_free (out, FALSE);
}

static gint64
add_article (AttacheLibrary *library,
             const char     *title,
             const char     *text,
             const char     *source,
             const char     *url,
             const char     *published)
{
  g_autoptr(AttacheArticle) article = attache_article_new ();
  g_autofree char *sha = g_compute_checksum_for_string (G_CHECKSUM_SHA256, text, -1);
  g_autoptr(GError) error = NULL;
  gint64 id = 0;

  attache_article_set_title (article, title);
  attache_article_set_text (article, text);
  attache_article_set_source (article, source);
  attache_article_set_url (article, url);
  attache_article_set_published (article, published);
  attache_article_set_sha256 (article, sha);
  attache_article_set_origin (article, "/tmp/briefing-test.txt");
  g_assert_cmpint (attache_library_add_article (library, article, &id, &error), ==, ATTACHE_ADD_ADDED);
  g_assert_no_error (error);
  return id;
}

/* Stores an analysis made by hand: @actors is "name", "type", mentions… */
static void
store_analysis (AttacheLibrary     *library,
                gint64              article_id,
                const char         *text,
                const char * const *actors,
                const guint        *mentions,
                const char * const *topics)
{
  g_autoptr(AttacheAnalysis) analysis = attache_analysis_new ();
  g_autoptr(GError) error = NULL;

  analysis->language = g_strdup ("en");
  analysis->analysed = TRUE;
  for (guint i = 0; actors != NULL && actors[2 * i] != NULL; i++)
    {
      AttacheActorType type;
      AttacheFoundActor *actor;

      g_assert_true (attache_actor_type_from_string (actors[2 * i + 1], &type));
      actor = attache_found_actor_new (actors[2 * i], type);
      actor->mentions = mentions[i];
      actor->salience = 1.0 / (i + 1);
      g_ptr_array_add (analysis->actors, actor);
    }
  for (guint i = 0; topics != NULL && topics[i] != NULL; i++)
    g_ptr_array_add (analysis->topics, attache_found_topic_new (topics[i], 1.0 / (i + 1)));

  g_assert_true (attache_library_store_analysis (library, article_id, text, analysis, &error));
  g_assert_no_error (error);
}

static gint64
create_briefing (AttacheLibrary *library,
                 const char     *title)
{
  g_autoptr(AttacheBriefing) fields = attache_briefing_new (title);
  g_autoptr(GError) error = NULL;
  gint64 id;

  id = attache_library_create_briefing (library, fields, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

static AttacheBriefing *
load (AttacheLibrary *library,
      gint64          id)
{
  g_autoptr(GError) error = NULL;
  AttacheBriefing *briefing = attache_library_load_briefing (library, id, &error);

  g_assert_no_error (error);
  g_assert_nonnull (briefing);
  g_assert_cmpint (briefing->id, ==, id);
  return briefing;
}

static AttacheBriefingSection *
section_at (AttacheBriefing *briefing,
            guint            i)
{
  g_assert_cmpuint (i, <, briefing->sections->len);
  return g_ptr_array_index (briefing->sections, i);
}

static AttacheBriefingBlock *
block_at (AttacheBriefingSection *section,
          guint                   i)
{
  g_assert_cmpuint (i, <, section->blocks->len);
  return g_ptr_array_index (section->blocks, i);
}

/* "Background,Assessment" */
static char *
headings (AttacheBriefing *briefing)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < briefing->sections->len; i++)
    g_string_append_printf (out, "%s%s", i > 0 ? "," : "", section_at (briefing, i)->heading);
  return g_string_free (out, FALSE);
}

/* "one,two" from the text of each block of @section */
static char *
block_texts (AttacheBriefingSection *section)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < section->blocks->len; i++)
    g_string_append_printf (out, "%s%s", i > 0 ? "," : "", block_at (section, i)->text);
  return g_string_free (out, FALSE);
}

static const char grain_text[] =
  "Ships leaving Odesa carried more grain in March than in any month since the corridor opened.\n\n"
  "Insurers said war-risk premiums fell for the third month running.";

/* Cyrillic and accents: offsets count characters, not bytes. */
static const char kyiv_text[] =
  "Le ministre a déclaré à Київ que l’accord tiendrait.\n\n"
  "«Nous n’avons pas d’autre choix», a-t-il ajouté.";

/* Creating, listing and editing the title page */

static void
test_create_and_list (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(AttacheBriefing) fields = attache_briefing_new ("  Grain corridor: March  ");
  g_autoptr(AttacheBriefing) loaded = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GError) error = NULL;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  gint64 id, other;

  fields->subtitle = g_strdup ("What changed\nin the Black Sea");
  fields->author = g_strdup ("Desk Three");
  fields->audience = g_strdup ("");
  fields->date = g_strdup ("2024-03-28");
  fields->marking = g_strdup ("OFFICIAL-SENSITIVE");
  fields->summary = g_strdup ("Exports **rose**.\n\n- one\n- two\n");
  id = attache_library_create_briefing (f->library, fields, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);

  loaded = load (f->library, id);
  g_assert_cmpstr (loaded->title, ==, "Grain corridor: March");
  g_assert_cmpstr (loaded->subtitle, ==, "What changed in the Black Sea");
  g_assert_cmpstr (loaded->author, ==, "Desk Three");
  g_assert_null (loaded->audience);
  g_assert_cmpstr (loaded->date, ==, "2024-03-28");
  g_assert_cmpstr (loaded->marking, ==, "OFFICIAL-SENSITIVE");
  g_assert_cmpint (loaded->status, ==, ATTACHE_BRIEFING_DRAFT);
  g_assert_cmpstr (loaded->summary, ==, "Exports **rose**.\n\n- one\n- two\n");
  g_assert_cmpuint (loaded->sections->len, ==, 0);
  g_assert_cmpint (ABS (loaded->created - now), <, 60);
  g_assert_cmpint (loaded->modified, >=, loaded->created);

  other = create_briefing (f->library, "Second");
  list = attache_library_list_briefings (f->library, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 2);
  /* Most recently changed first (same second: the newer id). */
  g_assert_cmpint (((AttacheBriefing *) list->pdata[0])->id, ==, other);
  g_assert_cmpstr (((AttacheBriefing *) list->pdata[1])->marking, ==, "OFFICIAL-SENSITIVE");

  /* The title page, edited. */
  g_free (loaded->title);
  loaded->title = g_strdup ("Grain corridor: March 2024");
  loaded->status = ATTACHE_BRIEFING_FINAL;
  g_clear_pointer (&loaded->marking, g_free);
  loaded->audience = g_strdup ("Minister’s office");
  g_assert_true (attache_library_update_briefing (f->library, loaded, &error));
  g_assert_no_error (error);
  g_clear_pointer (&loaded, attache_briefing_free);
  loaded = load (f->library, id);
  g_assert_cmpstr (loaded->title, ==, "Grain corridor: March 2024");
  g_assert_cmpint (loaded->status, ==, ATTACHE_BRIEFING_FINAL);
  g_assert_null (loaded->marking);
  g_assert_cmpstr (loaded->audience, ==, "Minister’s office");

  /* Deleted, and gone. */
  g_assert_true (attache_library_delete_briefing (f->library, other, &error));
  g_assert_no_error (error);
  g_assert_null (attache_library_load_briefing (f->library, other, &error));
  g_assert_error (error, ATTACHE_DATABASE_ERROR, ATTACHE_DATABASE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (attache_library_delete_briefing (f->library, other, &error));
  g_assert_error (error, ATTACHE_DATABASE_ERROR, ATTACHE_DATABASE_ERROR_NOT_FOUND);
}

static void
test_invalid_fields (Fixture       *f,
                     gconstpointer  data)
{
  static const char * const bad_dates[] = { "28/03/2024", "2024-02-30", "2024-3-28", "2024-03-28T10:00" };
  g_autoptr(AttacheBriefing) fields = attache_briefing_new (" \t\n ");
  g_autoptr(AttacheBriefing) loaded = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id;

  g_assert_cmpint (attache_library_create_briefing (f->library, fields, &error), ==, 0);
  g_assert_error (error, ATTACHE_DATABASE_ERROR, ATTACHE_DATABASE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "title"));
  g_clear_error (&error);

  id = create_briefing (f->library, "Kept");
  before = dump_briefings (f->path);

  g_free (fields->title);
  fields->title = g_strdup ("Dated");
  for (guint i = 0; i < G_N_ELEMENTS (bad_dates); i++)
    {
      g_free (fields->date);
      fields->date = g_strdup (bad_dates[i]);
      g_assert_cmpint (attache_library_create_briefing (f->library, fields, &error), ==, 0);
      g_assert_error (error, ATTACHE_DATABASE_ERROR, ATTACHE_DATABASE_ERROR_INVALID);
      g_assert_nonnull (strstr (error->message, "YYYY-MM-DD"));
      g_clear_error (&error);
    }

  /* An update with a blank title changes nothing either. */
  loaded = load (f->library, id);
  g_free (loaded->title);
  loaded->title = g_strdup ("");
  g_assert_false (attache_library_update_briefing (f->library, loaded, &error));
  g_assert_error (error, ATTACHE_DATABASE_ERROR, ATTACHE_DATABASE_ERROR_INVALID);
  g_clear_error (&error);

  loaded->id = id + 100;
  g_free (loaded->title);
  loaded->title = g_strdup ("Elsewhere");
  g_assert_false (attache_library_update_briefing (f->library, loaded, &error));
  g_assert_error (error, ATTACHE_DATABASE_ERROR, ATTACHE_DATABASE_ERROR_NOT_FOUND);

  after = dump_briefings (f->path);
  g_assert_cmpstr (before, ==, after);
}

/* Sections */

static void
test_sections (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 id = create_briefing (f->library, "Sections");
  gint64 background, assessment, outlook, annex;

  background = attache_library_add_briefing_section (f->library, id, "Background", G_MAXUINT, &error);
  assessment = attache_library_add_briefing_section (f->library, id, "Assessment", G_MAXUINT, &error);
  outlook = attache_library_add_briefing_section (f->library, id, "Outlook", G_MAXUINT, &error);
  g_assert_no_error (error);
  /* Put first. */
  annex = attache_library_add_briefing_section (f->library, id, "Key judgements", 0, &error);
  g_assert_no_error (error);
  g_assert_cmpint (background, >, 0);
  g_assert_cmpint (annex, >, outlook);

  {
    g_autoptr(AttacheBriefing) b = load (f->library, id);
    g_autofree char *order = headings (b);

    g_assert_cmpstr (order, ==, "Key judgements,Background,Assessment,Outlook");
  }

  /* Reordered: the last to second, then the first (past the end) to the end. */
  g_assert_true (attache_library_move_briefing_section (f->library, outlook, 1, &error));
  g_assert_true (attache_library_move_briefing_section (f->library, annex, 99, &error));
  g_assert_true (attache_library_rename_briefing_section (f->library, assessment, "  Our assessment\n", &error));
  g_assert_no_error (error);
  {
    g_autoptr(AttacheBriefing) b = load (f->library, id);
    g_autofree char *order = headings (b);

    g_assert_cmpstr (order, ==, "Outlook,Background,Our assessment,Key judgements");
    g_assert_cmpint (section_at (b, 0)->id, ==, outlook);
  }

  g_assert_true (attache_library_delete_briefing_section (f->library, outlook, &error));
  g_assert_no_error (error);
  g_assert_true (attache_library_move_briefing_section (f->library, annex, 0, &error));
  {
    g_autoptr(AttacheBriefing) b = load (f->library, id);
    g_autofree char *order = headings (b);

    g_assert_cmpstr (order, ==, "Key judgements,Background,Our assessment");
  }

  /* Ids that are not there. */
  g_assert_false (attache_library_rename_briefing_section (f->library, outlook, "Gone", &error));
  g_assert_error (error, ATTACHE_DATABASE_ERROR, ATTACHE_DATABASE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_cmpint (attache_library_add_briefing_section (f->library, id + 1, "Nowhere", 0, &error), ==, 0);
  g_assert_error (error, ATTACHE_DATABASE_ERROR, ATTACHE_DATABASE_ERROR_NOT_FOUND);
}

/* Blocks */

static void
test_blocks (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 id = create_briefing (f->library, "Blocks");
  gint64 other = create_briefing (f->library, "Another");
  gint64 article = add_article (f->library, "Grain exports rise", grain_text, "Harbour Times", NULL, "2024-04-02");
  AttacheBriefingPlace background = { .briefing_id = id, .heading = "Background", .position = G_MAXUINT };
  AttacheBriefingPlace assessment = { .briefing_id = id, .heading = "Assessment", .position = G_MAXUINT };
  AttacheBriefingPlace last = { .briefing_id = id, .position = G_MAXUINT };
  gint64 one, two, three, quote, four, elsewhere;
  gint64 background_id, assessment_id;

  /* Sections are created on first use, in order. */
  one = attache_library_add_briefing_text (f->library, &background, "one", &error);
  two = attache_library_add_briefing_text (f->library, &assessment, "two", &error);
  three = attache_library_add_briefing_text (f->library, &background, "three", &error);
  /* No heading: the last section. */
  four = attache_library_add_briefing_text (f->library, &last, "four", &error);
  quote = attache_library_add_briefing_excerpt (f->library, &assessment, article, 0, 5, &error);
  g_assert_no_error (error);
  g_assert_cmpint (one, >, 0);
  g_assert_cmpint (quote, >, four);

  {
    g_autoptr(AttacheBriefing) b = load (f->library, id);
    g_autofree char *order = headings (b);
    g_autofree char *first = block_texts (section_at (b, 0));
    g_autofree char *second = block_texts (section_at (b, 1));

    g_assert_cmpstr (order, ==, "Background,Assessment");
    g_assert_cmpstr (first, ==, "one,three");
    g_assert_cmpstr (second, ==, "two,four,Ships");
    g_assert_cmpint (block_at (section_at (b, 1), 2)->kind, ==, ATTACHE_BLOCK_EXCERPT);
    background_id = section_at (b, 0)->id;
    assessment_id = section_at (b, 1)->id;
  }

  /* Reordered within a section and moved between sections. */
  g_assert_true (attache_library_move_briefing_block (f->library, quote, 0, 0, &error));
  g_assert_true (attache_library_move_briefing_block (f->library, two, background_id, 1, &error));
  g_assert_true (attache_library_move_briefing_block (f->library, one, 0, G_MAXUINT, &error));
  g_assert_no_error (error);
  {
    g_autoptr(AttacheBriefing) b = load (f->library, id);
    g_autofree char *first = block_texts (section_at (b, 0));
    g_autofree char *second = block_texts (section_at (b, 1));

    g_assert_cmpstr (first, ==, "two,three,one");
    g_assert_cmpstr (second, ==, "Ships,four");
  }

  /* Edited; an excerpt's text is not the analyst's to edit. */
  g_assert_true (attache_library_set_briefing_text (f->library, three, "three, *revised*", &error));
  g_assert_no_error (error);
  g_assert_false (attache_library_set_briefing_text (f->library, quote, "Invented words", &error));
  g_assert_error (error, ATTACHE_DATABASE_ERROR, ATTACHE_DATABASE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (attache_library_set_briefing_text (f->library, three, "  \n ", &error));
  g_assert_error (error, ATTACHE_DATABASE_ERROR, ATTACHE_DATABASE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (attache_library_add_briefing_text (f->library, &last, "", &error), ==, 0);
  g_assert_error (error, ATTACHE_DATABASE_ERROR, ATTACHE_DATABASE_ERROR_INVALID);
  g_clear_error (&error);

  /* A block stays in its briefing. */
  {
    AttacheBriefingPlace there = { .briefing_id = other, .heading = "Elsewhere", .position = G_MAXUINT };
    gint64 other_section;

    elsewhere = attache_library_add_briefing_text (f->library, &there, "elsewhere", &error);
    g_assert_no_error (error);
    {
      g_autoptr(AttacheBriefing) b = load (f->library, other);

      other_section = section_at (b, 0)->id;
    }
    g_assert_false (attache_library_move_briefing_block (f->library, one, other_section, 0, &error));
    g_assert_error (error, ATTACHE_DATABASE_ERROR, ATTACHE_DATABASE_ERROR_INVALID);
    g_clear_error (&error);

    /* A place naming a section of another briefing is refused too. */
    there.briefing_id = id;
    there.section_id = other_section;
    g_assert_cmpint (attache_library_add_briefing_text (f->library, &there, "astray", &error), ==, 0);
    g_assert_error (error, ATTACHE_DATABASE_ERROR, ATTACHE_DATABASE_ERROR_NOT_FOUND);
    g_clear_error (&error);
  }

  /* Deleted. */
  g_assert_true (attache_library_delete_briefing_block (f->library, two, &error));
  g_assert_no_error (error);
  g_assert_false (attache_library_delete_briefing_block (f->library, two, &error));
  g_assert_error (error, ATTACHE_DATABASE_ERROR, ATTACHE_DATABASE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  {
    g_autoptr(AttacheBriefing) b = load (f->library, id);
    g_autofree char *first = block_texts (section_at (b, 0));

    g_assert_cmpstr (first, ==, "three, *revised*,one");
  }

  /* A section goes with its blocks; the other briefing is untouched. */
  g_assert_true (attache_library_delete_briefing_section (f->library, assessment_id, &error));
  g_assert_no_error (error);
  g_assert_cmpint (raw_count (f->path, "SELECT count(*) FROM briefing_blocks"), ==, 3);
  g_assert_true (attache_library_delete_briefing (f->library, id, &error));
  g_assert_cmpint (raw_count (f->path, "SELECT count(*) FROM briefing_blocks"), ==, 1);
  g_assert_cmpint (raw_count (f->path, "SELECT count(*) FROM briefing_sections"), ==, 1);
  (void) elsewhere;
}

/* Excerpts */

static void
test_excerpt_snapshot (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AttacheArticle) deleted = NULL;
  gint64 id = create_briefing (f->library, "Quotes");
  gint64 kyiv = add_article (f->library, "Le ministre à Київ", kyiv_text, NULL,
                             "https://www.example.org/monde/kyiv", "2024-05-06T08:30:00Z");
  AttacheBriefingPlace place = { .briefing_id = id, .heading = "Quotes", .position = G_MAXUINT };
  const char *start = strstr (kyiv_text, "Київ");
  glong from = g_utf8_pointer_to_offset (kyiv_text, start);
  gint64 quote, reference;

  /* "Київ que l’accord": 17 characters, more bytes. */
  quote = attache_library_add_briefing_excerpt (f->library, &place, kyiv, from, from + 17, &error);
  g_assert_no_error (error);
  reference = attache_library_add_briefing_article (f->library, &place, kyiv, &error);
  g_assert_no_error (error);

  {
    g_autoptr(AttacheBriefing) b = load (f->library, id);
    AttacheBriefingBlock *excerpt = block_at (section_at (b, 0), 0);
    AttacheBriefingBlock *article = block_at (section_at (b, 0), 1);

    g_assert_cmpint (excerpt->id, ==, quote);
    g_assert_cmpstr (excerpt->text, ==, "Київ que l’accord");
    g_assert_cmpuint (excerpt->from, ==, from);
    g_assert_cmpuint (excerpt->to, ==, from + 17);
    g_assert_cmpint (excerpt->source.article_id, ==, kyiv);
    g_assert_false (excerpt->source.removed);
    g_assert_cmpstr (excerpt->source.title, ==, "Le ministre à Київ");
    /* No source named: the site, from the address. */
    g_assert_cmpstr (excerpt->source.publisher, ==, "example.org");
    g_assert_cmpstr (excerpt->source.published, ==, "2024-05-06");
    g_assert_cmpstr (excerpt->source.url, ==, "https://www.example.org/monde/kyiv");

    g_assert_cmpint (article->id, ==, reference);
    g_assert_cmpint (article->kind, ==, ATTACHE_BLOCK_ARTICLE);
    g_assert_null (article->text);
    g_assert_cmpstr (article->source.title, ==, "Le ministre à Київ");
  }

  /* The article is deleted: what the briefing quotes stays, marked removed. */
  deleted = attache_library_get_article (f->library, kyiv, &error);
  g_assert_no_error (error);
  g_assert_true (attache_library_delete_article (f->library, kyiv, &error));
  g_assert_no_error (error);
  {
    g_autoptr(AttacheBriefing) b = load (f->library, id);
    AttacheBriefingBlock *excerpt = block_at (section_at (b, 0), 0);
    AttacheBriefingBlock *article = block_at (section_at (b, 0), 1);

    g_assert_cmpstr (excerpt->text, ==, "Київ que l’accord");
    g_assert_cmpint (excerpt->source.article_id, ==, kyiv);
    g_assert_true (excerpt->source.removed);
    g_assert_cmpstr (excerpt->source.title, ==, "Le ministre à Київ");
    g_assert_cmpstr (excerpt->source.url, ==, "https://www.example.org/monde/kyiv");
    g_assert_true (article->source.removed);
  }

  /* Its passage can no longer be chosen again. */
  g_assert_false (attache_library_set_briefing_excerpt_range (f->library, quote, 0, 4, &error));
  g_assert_error (error, ATTACHE_DATABASE_ERROR, ATTACHE_DATABASE_ERROR_INVALID);
  g_clear_error (&error);

  /* Undo of the deletion: the same article, so no longer removed. */
  g_assert_true (attache_library_restore_article (f->library, deleted, &error));
  g_assert_no_error (error);
  {
    g_autoptr(AttacheBriefing) b = load (f->library, id);

    g_assert_false (block_at (section_at (b, 0), 0)->source.removed);
    g_assert_false (block_at (section_at (b, 0), 1)->source.removed);
  }

  /* Another passage of the same article: a new snapshot. */
  g_assert_true (attache_library_set_briefing_excerpt_range (f->library, quote, 0, 11, &error));
  g_assert_no_error (error);
  {
    g_autoptr(AttacheBriefing) b = load (f->library, id);

    g_assert_cmpstr (block_at (section_at (b, 0), 0)->text, ==, "Le ministre");
  }
}

static void
test_excerpt_offsets (Fixture       *f,
                      gconstpointer  data)
{
  struct { guint from, to; } bad[] = { { 5, 5 }, { 9, 3 }, { 0, 0 } , { 0, 0 }, { 0, 0 } };
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  gint64 id = create_briefing (f->library, "Offsets");
  gint64 kyiv = add_article (f->library, "Kyiv", kyiv_text, "Le Quotidien", NULL, "2024-05-06");
  glong length = g_utf8_strlen (kyiv_text, -1);
  AttacheBriefingPlace place = { .briefing_id = id, .heading = "Never created", .position = G_MAXUINT };

  g_assert_cmpint (length, <, (glong) strlen (kyiv_text));
  bad[2].from = 0;
  bad[2].to = length + 1;
  bad[3].from = length;
  bad[3].to = length + 3;
  bad[4].from = G_MAXUINT - 1;
  bad[4].to = G_MAXUINT;

  before = dump_briefings (f->path);
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autofree char *length_text = g_strdup_printf ("%ld characters", length);

      g_assert_cmpint (attache_library_add_briefing_excerpt (f->library, &place, kyiv, bad[i].from, bad[i].to,
                                                             &error), ==, 0);
      g_assert_error (error, ATTACHE_DATABASE_ERROR, ATTACHE_DATABASE_ERROR_INVALID);
      g_assert_nonnull (strstr (error->message, length_text));
      g_clear_error (&error);
    }

  /* An article or a briefing that is not there. */
  g_assert_cmpint (attache_library_add_briefing_excerpt (f->library, &place, kyiv + 1, 0, 3, &error), ==, 0);
  g_assert_error (error, ATTACHE_DATABASE_ERROR, ATTACHE_DATABASE_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "article"));
  g_clear_error (&error);
  g_assert_cmpint (attache_library_add_briefing_article (f->library, &place, kyiv + 1, &error), ==, 0);
  g_assert_error (error, ATTACHE_DATABASE_ERROR, ATTACHE_DATABASE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  place.briefing_id = id + 1;
  g_assert_cmpint (attache_library_add_briefing_excerpt (f->library, &place, kyiv, 0, 3, &error), ==, 0);
  g_assert_error (error, ATTACHE_DATABASE_ERROR, ATTACHE_DATABASE_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "briefing"));
  g_clear_error (&error);

  /* Nothing was written: not even the section named. */
  after = dump_briefings (f->path);
  g_assert_cmpstr (before, ==, after);

  /* The whole text, and its last character, are passages. */
  place.briefing_id = id;
  g_assert_cmpint (attache_library_add_briefing_excerpt (f->library, &place, kyiv, 0, length, &error), >, 0);
  g_assert_cmpint (attache_library_add_briefing_excerpt (f->library, &place, kyiv, length - 1, length, &error), >, 0);
  g_assert_no_error (error);
  {
    g_autoptr(AttacheBriefing) b = load (f->library, id);

    g_assert_cmpstr (block_at (section_at (b, 0), 0)->text, ==, kyiv_text);
    g_assert_cmpstr (block_at (section_at (b, 0), 1)->text, ==, ".");
  }
}

/* Actors and topics tables */

static void
test_actors_and_topics (Fixture       *f,
                        gconstpointer  data)
{
  static const char * const grain_actors[] = { "Ukraine", "country", "Lloyd's", "organization",
                                               "Olena Petrenko", "person", "Odesa", "location", NULL };
  static const guint grain_mentions[] = { 4, 2, 3, 1 };
  static const char * const grain_topics[] = { "grain exports", "war-risk insurance", "Black Sea", NULL };
  static const char * const kyiv_actors[] = { "Ukraine", "country", "Olena Petrenko", "person", NULL };
  static const guint kyiv_mentions[] = { 2, 5 };
  static const char * const kyiv_topics[] = { "Black Sea", "diplomacy", NULL };
  g_autoptr(GError) error = NULL;
  gint64 id = create_briefing (f->library, "Tables");
  gint64 grain = add_article (f->library, "Grain", grain_text, "Harbour Times", NULL, "2024-04-02");
  gint64 kyiv = add_article (f->library, "Kyiv", kyiv_text, "Le Quotidien", NULL, "2024-05-06");
  gint64 unused = add_article (f->library, "Unused", "Nothing quoted from this one, about Ruritania.",
                               NULL, NULL, NULL);
  AttacheBriefingPlace annex = { .briefing_id = id, .heading = "Annex", .position = G_MAXUINT };
  AttacheBriefingPlace quotes = { .briefing_id = id, .heading = "Quotes", .position = G_MAXUINT };
  gint64 actors, topics, short_table;

  /* Nothing used yet. */
  g_assert_cmpint (attache_library_add_briefing_actors (f->library, &annex, 0, &error), ==, 0);
  g_assert_error (error, ATTACHE_DATABASE_ERROR, ATTACHE_DATABASE_ERROR_INVALID);
  g_clear_error (&error);

  /* Used, not analysed. */
  g_assert_cmpint (attache_library_add_briefing_excerpt (f->library, &quotes, grain, 0, 5, &error), >, 0);
  g_assert_cmpint (attache_library_add_briefing_topics (f->library, &annex, 0, &error), ==, 0);
  g_assert_error (error, ATTACHE_DATABASE_ERROR, ATTACHE_DATABASE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "analysed"));
  g_clear_error (&error);
  g_assert_cmpint (raw_count (f->path, "SELECT count(*) FROM briefing_sections WHERE heading = 'Annex'"), ==, 0);

  store_analysis (f->library, grain, grain_text, grain_actors, grain_mentions, grain_topics);
  store_analysis (f->library, kyiv, kyiv_text, kyiv_actors, kyiv_mentions, kyiv_topics);
  store_analysis (f->library, unused, "Nothing quoted from this one, about Ruritania.",
                  (const char * const[]) { "Ruritania", "country", NULL }, (const guint[]) { 9 }, NULL);
  /* The analyst hid one actor. */
  test_raw_exec (f->path, "UPDATE actors SET hidden = 1 WHERE name = 'Odesa'");

  /* The same article quoted twice counts once. */
  g_assert_cmpint (attache_library_add_briefing_excerpt (f->library, &quotes, grain, 6, 13, &error), >, 0);
  g_assert_no_error (error);
  actors = attache_library_add_briefing_actors (f->library, &annex, 0, &error);
  g_assert_no_error (error);
  topics = attache_library_add_briefing_topics (f->library, &annex, 0, &error);
  g_assert_no_error (error);
  short_table = attache_library_add_briefing_actors (f->library, &annex, 1, &error);
  g_assert_no_error (error);

  {
    g_autoptr(AttacheBriefing) b = load (f->library, id);
    AttacheBriefingBlock *table = block_at (section_at (b, 1), 0);
    AttacheBriefingBlock *list = block_at (section_at (b, 1), 1);
    AttacheBriefingActorRow *row;

    g_assert_cmpint (table->id, ==, actors);
    g_assert_cmpint (table->kind, ==, ATTACHE_BLOCK_ACTORS);
    g_assert_cmpuint (table->actors->len, ==, 3);   /* Odesa hidden, Ruritania not used */
    row = table->actors->pdata[0];
    g_assert_cmpstr (row->name, ==, "Ukraine");
    g_assert_cmpstr (row->type, ==, "country");
    g_assert_cmpuint (row->articles, ==, 1);
    g_assert_cmpuint (row->mentions, ==, 4);
    row = table->actors->pdata[1];
    g_assert_cmpstr (row->name, ==, "Olena Petrenko");
    g_assert_cmpuint (row->mentions, ==, 3);

    g_assert_cmpint (list->id, ==, topics);
    g_assert_cmpuint (list->topics->len, ==, 3);
    g_assert_cmpstr (list->topics->pdata[0], ==, "grain exports");

    g_assert_cmpuint (block_at (section_at (b, 1), 2)->actors->len, ==, 1);
  }

  /* A snapshot: citing another article changes nothing until refreshed. */
  g_assert_cmpint (attache_library_add_briefing_article (f->library, &quotes, kyiv, &error), >, 0);
  g_assert_no_error (error);
  {
    g_autoptr(AttacheBriefing) b = load (f->library, id);
    AttacheBriefingActorRow *row = block_at (section_at (b, 1), 0)->actors->pdata[0];

    g_assert_cmpuint (row->articles, ==, 1);
  }
  g_assert_true (attache_library_refresh_briefing_block (f->library, actors, &error));
  g_assert_true (attache_library_refresh_briefing_block (f->library, topics, &error));
  g_assert_true (attache_library_refresh_briefing_block (f->library, short_table, &error));
  g_assert_no_error (error);
  {
    g_autoptr(AttacheBriefing) b = load (f->library, id);
    AttacheBriefingBlock *table = block_at (section_at (b, 1), 0);
    AttacheBriefingBlock *list = block_at (section_at (b, 1), 1);
    AttacheBriefingActorRow *row;

    /* In both articles now, Olena Petrenko (8 mentions) before Ukraine (6). */
    row = table->actors->pdata[0];
    g_assert_cmpstr (row->name, ==, "Olena Petrenko");
    g_assert_cmpuint (row->articles, ==, 2);
    g_assert_cmpuint (row->mentions, ==, 8);
    row = table->actors->pdata[1];
    g_assert_cmpstr (row->name, ==, "Ukraine");
    g_assert_cmpuint (row->articles, ==, 2);
    g_assert_cmpuint (row->mentions, ==, 6);
    /* Black Sea, in both, first. */
    g_assert_cmpstr (list->topics->pdata[0], ==, "Black Sea");
    g_assert_cmpuint (list->topics->len, ==, 4);
    /* Still one row. */
    g_assert_cmpuint (block_at (section_at (b, 1), 2)->actors->len, ==, 1);
  }

  /* The one-row table deleted and put back (Undo) keeps its limit. */
  {
    g_autoptr(AttacheBriefing) b = load (f->library, id);
    g_autoptr(AttacheBriefing) again = NULL;
    AttacheBriefingBlock *copy = attache_briefing_block_copy (block_at (section_at (b, 1), 2));

    g_assert_cmpuint (copy->max_rows, ==, 1);
    g_assert_true (attache_library_delete_briefing_block (f->library, short_table, &error));
    g_assert_true (attache_library_restore_briefing_block (f->library, section_at (b, 1)->id, 2, copy, &error));
    g_assert_no_error (error);
    attache_briefing_block_free (copy);
    g_assert_true (attache_library_refresh_briefing_block (f->library, short_table, &error));
    g_assert_no_error (error);
    again = load (f->library, id);
    g_assert_cmpuint (block_at (section_at (again, 1), 2)->actors->len, ==, 1);
    g_assert_cmpuint (block_at (section_at (again, 1), 2)->max_rows, ==, 1);
  }

  g_assert_false (attache_library_refresh_briefing_block (f->library, 1, &error));
  g_assert_error (error, ATTACHE_DATABASE_ERROR, ATTACHE_DATABASE_ERROR_INVALID);
}

/* Transactions */

static void
test_failed_write_changes_nothing (Fixture       *f,
                                   gconstpointer  data)
{
  static const char * const actors[] = { "Ukraine", "country", NULL };
  static const guint mentions[] = { 2 };
  static const char * const topics[] = { "grain exports", "insurance", NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(AttacheBriefing) b = NULL;
  g_autoptr(AttacheBriefingSection) copy = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *sha_before = NULL;
  g_autofree char *sha_after = NULL;
  gint64 id = create_briefing (f->library, "Atomic");
  gint64 grain = add_article (f->library, "Grain", grain_text, "Harbour Times", NULL, "2024-04-02");
  AttacheBriefingPlace place = { .briefing_id = id, .heading = "Annex", .position = G_MAXUINT };

  store_analysis (f->library, grain, grain_text, actors, mentions, topics);
  g_assert_cmpint (attache_library_add_briefing_excerpt (f->library, &place, grain, 0, 5, &error), >, 0);
  g_assert_no_error (error);

  /* The topics' rows cannot be written: the block row before them must go too. */
  test_raw_exec (f->path, "CREATE TRIGGER refuse_topics BEFORE INSERT ON briefing_topics "
                          "BEGIN SELECT RAISE (ABORT, 'the disk said no'); END;");
  g_clear_object (&f->library);
  sha_before = test_file_sha256 (f->path);
  f->library = attache_library_open (f->path, &error);
  g_assert_no_error (error);
  before = dump_briefings (f->path);

  place.heading = "A section made for the table";
  g_assert_cmpint (attache_library_add_briefing_topics (f->library, &place, 0, &error), ==, 0);
  g_assert_error (error, ATTACHE_DATABASE_ERROR, ATTACHE_DATABASE_ERROR_SQL);
  g_assert_nonnull (strstr (error->message, "the disk said no"));
  g_clear_error (&error);

  /* A restore of a section whose second block collides with one stored. */
  b = load (f->library, id);
  copy = attache_briefing_section_copy (section_at (b, 0));
  copy->id = 0;
  g_ptr_array_add (copy->blocks, attache_briefing_block_copy (block_at (copy, 0)));
  block_at (copy, 0)->id = 0;
  g_assert_false (attache_library_restore_briefing_section (f->library, id, 0, copy, &error));
  g_assert_error (error, ATTACHE_DATABASE_ERROR, ATTACHE_DATABASE_ERROR_INVALID);
  g_clear_error (&error);

  after = dump_briefings (f->path);
  g_assert_cmpstr (before, ==, after);
  g_clear_object (&f->library);
  sha_after = test_file_sha256 (f->path);
  g_assert_cmpstr (sha_before, ==, sha_after);
}

/* Undo */

static void
test_restore (Fixture       *f,
              gconstpointer  data)
{
  static const char * const actors[] = { "Ukraine", "country", "Olena Petrenko", "person", NULL };
  static const guint mentions[] = { 2, 1 };
  g_autoptr(GError) error = NULL;
  g_autoptr(AttacheBriefing) original = NULL;
  g_autofree char *original_markdown = NULL;
  gint64 id = create_briefing (f->library, "Undo");
  gint64 grain = add_article (f->library, "Grain", grain_text, "Harbour Times", NULL, "2024-04-02");
  AttacheBriefingPlace first = { .briefing_id = id, .heading = "First", .position = G_MAXUINT };
  AttacheBriefingPlace second = { .briefing_id = id, .heading = "Second", .position = G_MAXUINT };

  store_analysis (f->library, grain, grain_text, actors, mentions, NULL);
  g_assert_cmpint (attache_library_add_briefing_text (f->library, &first, "a", &error), >, 0);
  g_assert_cmpint (attache_library_add_briefing_excerpt (f->library, &first, grain, 0, 5, &error), >, 0);
  g_assert_cmpint (attache_library_add_briefing_text (f->library, &first, "c", &error), >, 0);
  g_assert_cmpint (attache_library_add_briefing_actors (f->library, &second, 0, &error), >, 0);
  g_assert_no_error (error);
  original = load (f->library, id);
  original_markdown = attache_briefing_to_markdown (original);

  /* A block deleted then put back: same id, same place, same snapshot. */
  {
    AttacheBriefingBlock *excerpt = block_at (section_at (original, 0), 1);
    g_autoptr(AttacheBriefing) b = NULL;
    g_autofree char *markdown = NULL;

    g_assert_true (attache_library_delete_briefing_block (f->library, excerpt->id, &error));
    g_assert_true (attache_library_restore_briefing_block (f->library, section_at (original, 0)->id, 1,
                                                           excerpt, &error));
    g_assert_no_error (error);
    /* Not twice. */
    g_assert_false (attache_library_restore_briefing_block (f->library, section_at (original, 0)->id, 1,
                                                            excerpt, &error));
    g_assert_error (error, ATTACHE_DATABASE_ERROR, ATTACHE_DATABASE_ERROR_INVALID);
    g_clear_error (&error);

    b = load (f->library, id);
    g_assert_cmpint (block_at (section_at (b, 0), 1)->id, ==, excerpt->id);
    markdown = attache_briefing_to_markdown (b);
    g_assert_cmpstr (markdown, ==, original_markdown);
  }

  /* A section with its table. */
  {
    AttacheBriefingSection *section = section_at (original, 1);
    g_autoptr(AttacheBriefing) b = NULL;
    g_autofree char *markdown = NULL;

    g_assert_true (attache_library_delete_briefing_section (f->library, section->id, &error));
    g_assert_true (attache_library_restore_briefing_section (f->library, id, 1, section, &error));
    g_assert_no_error (error);
    b = load (f->library, id);
    g_assert_cmpint (section_at (b, 1)->id, ==, section->id);
    g_assert_cmpuint (block_at (section_at (b, 1), 0)->actors->len, ==, 2);
    markdown = attache_briefing_to_markdown (b);
    g_assert_cmpstr (markdown, ==, original_markdown);
  }

  /* The whole briefing. */
  {
    g_autoptr(AttacheBriefing) b = NULL;
    g_autofree char *markdown = NULL;

    g_assert_true (attache_library_delete_briefing (f->library, id, &error));
    g_assert_cmpint (raw_count (f->path, "SELECT count(*) FROM briefing_blocks"), ==, 0);
    g_assert_true (attache_library_restore_briefing (f->library, original, &error));
    g_assert_no_error (error);
    b = load (f->library, id);
    g_assert_cmpint (b->created, ==, original->created);
    markdown = attache_briefing_to_markdown (b);
    g_assert_cmpstr (markdown, ==, original_markdown);
  }
}

/* Migration */

static void
test_migrate_from_7 (void)
{
  g_autofree char *dir = test_tmpdir_new ();
  g_autofree char *path = g_build_filename (dir, "format7.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(AttacheDatabase) old = NULL;
  g_autoptr(AttacheLibrary) library = NULL;
  g_autoptr(AttacheArticle) article = NULL;
  g_autoptr(AttacheAnalysis) analysis = NULL;
  g_autoptr(AttacheBriefing) b = NULL;
  g_autoptr(GPtrArray) briefings = NULL;
  AttacheBriefingPlace place = { .position = G_MAXUINT };
  gint64 id;

  /* A library as format 7 left it, with an article, its analysis and a feed. */
  old = _attache_database_open_at_version (path, 7, &error);
  g_assert_no_error (error);
  g_assert_cmpint (attache_database_get_schema_version (old), ==, 7);
  g_clear_object (&old);
  test_raw_exec (path,
                 "INSERT INTO articles (title, source, imported, body, sha256, fingerprint, origin, n_words, n_chars) "
                 "VALUES ('Stored in format 7', 'Old Gazette', '2023-01-01T00:00:00Z', "
                 "'The harbour reopened on Monday.', 'abc', 'def', '/old.txt', 5, 31);"
                 "INSERT INTO actors (name, type) VALUES ('Harbour Authority', 'organization');"
                 "INSERT INTO analyses (article_id, version, language, analysed) VALUES (1, 2, 'en', 1);"
                 "INSERT INTO article_actors (article_id, actor_id, mentions, salience) VALUES (1, 1, 3, 1.0);"
                 "INSERT INTO feeds (url, added) VALUES ('https://example.org/feed', '2023-01-01T00:00:00Z');");
  g_assert_cmpint (raw_count (path, "SELECT count(*) FROM sqlite_master WHERE name = 'briefings'"), ==, 0);

  library = attache_library_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (attache_database_get_schema_version (attache_library_get_database (library)), ==, 9);
  g_assert_cmpint (raw_count (path, "PRAGMA user_version"), ==, 9);

  /* What was there is there. */
  article = attache_library_get_article (library, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (attache_article_get_title (article), ==, "Stored in format 7");
  g_assert_cmpstr (attache_article_get_text (article), ==, "The harbour reopened on Monday.");
  analysis = attache_library_get_analysis (library, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (analysis->actors->len, ==, 1);
  g_assert_cmpint (raw_count (path, "SELECT count(*) FROM feeds"), ==, 1);

  /* And briefings can cite it. */
  briefings = attache_library_list_briefings (library, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (briefings->len, ==, 0);
  id = create_briefing (library, "After the upgrade");
  place.briefing_id = id;
  g_assert_cmpint (attache_library_add_briefing_excerpt (library, &place, 1, 4, 11, &error), >, 0);
  g_assert_cmpint (attache_library_add_briefing_actors (library, &place, 0, &error), >, 0);
  g_assert_no_error (error);
  b = load (library, id);
  g_assert_cmpstr (block_at (section_at (b, 0), 0)->text, ==, "harbour");
  g_assert_cmpstr (block_at (section_at (b, 0), 0)->source.publisher, ==, "Old Gazette");
  g_assert_cmpstr (((AttacheBriefingActorRow *) block_at (section_at (b, 0), 1)->actors->pdata[0])->name, ==,
                   "Harbour Authority");

  g_clear_object (&library);
  test_tmpdir_free (g_steal_pointer (&dir));
}

/* Signals and the asynchronous calls */

static GThread *main_thread;

static void
on_briefings_changed_cb (AttacheLibrary *library,
                         gint64          briefing_id,
                         gpointer        user_data)
{
  GArray *ids = user_data;

  g_assert_true (g_thread_self () == main_thread);
  g_array_append_val (ids, briefing_id);
}

typedef struct
{
  AttacheLibrary *library;
  gint64          section_id;
  gboolean        ok;
} ThreadWrite;

static gpointer
write_from_thread (gpointer data)
{
  ThreadWrite *write = data;

  write->ok = attache_library_rename_briefing_section (write->library, write->section_id, "Renamed", NULL);
  return NULL;
}

static void
test_signal_and_async (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GError) error = NULL;
  g_autoptr(AttacheBriefing) fields = attache_briefing_new ("Async");
  g_autoptr(AttacheBriefing) b = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  gint64 grain = add_article (f->library, "Grain", grain_text, "Harbour Times", NULL, "2024-04-02");
  AttacheBriefingPlace place = { .heading = "Async section", .position = G_MAXUINT };
  gint64 id, block;

  g_signal_connect (f->library, "briefings-changed", G_CALLBACK (on_briefings_changed_cb), ids);

  fields->marking = g_strdup ("TLP:AMBER");
  attache_library_create_briefing_async (f->library, fields, NULL, test_result_cb, &result);
  /* The arguments were copied. */
  g_clear_pointer (&fields, attache_briefing_free);
  id = attache_library_create_briefing_finish (f->library, test_wait_for_result (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  g_clear_object (&result);

  place.briefing_id = id;
  attache_library_add_briefing_excerpt_async (f->library, &place, grain, 0, 5, NULL, test_result_cb, &result);
  place.heading = NULL;
  block = attache_library_add_briefing_block_finish (f->library, test_wait_for_result (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpint (block, >, 0);
  g_clear_object (&result);

  attache_library_add_briefing_excerpt_async (f->library, &place, grain, 0, 5000, NULL, test_result_cb, &result);
  g_assert_cmpint (attache_library_add_briefing_block_finish (f->library, test_wait_for_result (&result), &error), ==, 0);
  g_assert_error (error, ATTACHE_DATABASE_ERROR, ATTACHE_DATABASE_ERROR_INVALID);
  g_clear_error (&error);
  g_clear_object (&result);

  attache_library_move_briefing_block_async (f->library, block, 0, 0, NULL, test_result_cb, &result);
  g_assert_true (attache_library_edit_briefing_block_finish (f->library, test_wait_for_result (&result), &error));
  g_assert_no_error (error);
  g_clear_object (&result);

  attache_library_load_briefing_async (f->library, id, NULL, test_result_cb, &result);
  b = attache_library_load_briefing_finish (f->library, test_wait_for_result (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (b->marking, ==, "TLP:AMBER");
  g_assert_cmpstr (section_at (b, 0)->heading, ==, "Async section");
  g_assert_cmpstr (block_at (section_at (b, 0), 0)->text, ==, "Ships");
  g_clear_object (&result);

  /* A synchronous write from another thread is told on this one. */
  {
    ThreadWrite write = { f->library, section_at (b, 0)->id, FALSE };
    GThread *thread = g_thread_new ("writer", write_from_thread, &write);

    g_thread_join (thread);
    g_assert_true (write.ok);
  }

  /* Let the last emissions through: one per successful write, none for the
   * failure, all on this thread. */
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_cmpuint (ids->len, ==, 4);
  for (guint i = 0; i < ids->len; i++)
    g_assert_cmpint (g_array_index (ids, gint64, i), ==, id);

  g_signal_handlers_disconnect_by_func (f->library, on_briefings_changed_cb, ids);
}

/* Markdown */

static void
test_markdown (Fixture       *f,
               gconstpointer  data)
{
  static const char * const actors[] = { "Olena Petrenko", "person", "Lloyd's | Partners", "organization", NULL };
  static const guint mentions[] = { 5, 2 };
  static const char * const topics[] = { "grain exports", "war-risk insurance", NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(AttacheBriefing) fields = attache_briefing_new ("Grain corridor: *March*");
  g_autoptr(AttacheBriefing) b = NULL;
  g_autofree char *out = g_build_filename (f->dir, "briefing.md", NULL);
  g_autofree char *markdown = NULL;
  g_autofree char *written = NULL;
  const char *tricky = "1. Ships *may* leave [soon] — #odesa\n\n- then more";
  gint64 grain, kyiv, tricky_id, id;
  AttacheBriefingPlace place = { .position = G_MAXUINT };
  const char *p;

  fields->subtitle = g_strdup ("What changed");
  fields->author = g_strdup ("Desk Three");
  fields->audience = g_strdup ("Minister’s office");
  fields->date = g_strdup ("2024-03-28");
  fields->marking = g_strdup ("OFFICIAL-SENSITIVE");
  fields->summary = g_strdup ("Exports **rose** in March.\n");
  id = attache_library_create_briefing (f->library, fields, &error);
  g_assert_no_error (error);
  place.briefing_id = id;

  grain = add_article (f->library, "Grain exports rise", grain_text, "Harbour Times",
                       "https://harbour.example/grain", "2024-04-02");
  kyiv = add_article (f->library, "Le ministre à Київ", kyiv_text, "Le Quotidien", NULL, "2024-05-06");
  tricky_id = add_article (f->library, "Tricky", tricky, "Wire", NULL, NULL);
  store_analysis (f->library, grain, grain_text, actors, mentions, topics);

  place.heading = "Background";
  g_assert_cmpint (attache_library_add_briefing_text (f->library, &place, "Our **own** view:\n\n- a\n- b", &error), >, 0);
  /* Cited first: [1]. Both paragraphs of the text. */
  g_assert_cmpint (attache_library_add_briefing_excerpt (f->library, &place, kyiv, 0, g_utf8_strlen (kyiv_text, -1),
                                                         &error), >, 0);
  g_assert_cmpint (attache_library_add_briefing_excerpt (f->library, &place, grain, 0, 5, &error), >, 0);
  place.heading = "Assessment";
  /* The same article again: still [2]. */
  g_assert_cmpint (attache_library_add_briefing_article (f->library, &place, grain, &error), >, 0);
  g_assert_cmpint (attache_library_add_briefing_excerpt (f->library, &place, tricky_id, 0, g_utf8_strlen (tricky, -1),
                                                         &error), >, 0);
  g_assert_cmpint (attache_library_add_briefing_actors (f->library, &place, 0, &error), >, 0);
  g_assert_cmpint (attache_library_add_briefing_topics (f->library, &place, 0, &error), >, 0);
  g_assert_no_error (error);

  /* The quoted Kyiv article is deleted later. */
  g_assert_true (attache_library_delete_article (f->library, kyiv, &error));
  g_assert_no_error (error);

  b = load (f->library, id);
  g_assert_true (attache_briefing_export_markdown (b, out, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (out, &written, NULL, NULL));
  markdown = attache_briefing_to_markdown (b);
  g_assert_cmpstr (written, ==, markdown);
  g_test_message ("%s", markdown);

  /* The marking first and last. */
  g_assert_true (g_str_has_prefix (markdown, "**OFFICIAL-SENSITIVE**\n\n# Grain corridor: \\*March\\*\n\n"
                                             "*What changed*\n\n"));
  g_assert_true (g_str_has_suffix (markdown, "\n---\n\n**OFFICIAL-SENSITIVE**\n"));
  g_assert_nonnull (strstr (markdown, "**Date:** 2024-03-28  \n**Author:** Desk Three  \n"
                                      "**Audience:** Minister’s office  \n**Status:** Draft\n\n"));
  g_assert_nonnull (strstr (markdown, "## Summary\n\nExports **rose** in March.\n\n## Background\n\n"));
  /* The analyst's text as it is. */
  g_assert_nonnull (strstr (markdown, "\n\nOur **own** view:\n\n- a\n- b\n\n"));
  /* Excerpts: block quotes, their paragraphs kept, a numbered citation. */
  g_assert_nonnull (strstr (markdown, "> Le ministre a déclaré à Київ que l’accord tiendrait.\n>\n"
                                      "> «Nous n’avons pas d’autre choix», a-t-il ajouté. [1]\n\n"));
  g_assert_nonnull (strstr (markdown, "> Ships [2]\n\n## Assessment\n\n"));
  g_assert_nonnull (strstr (markdown, "**Article:** *Grain exports rise* — Harbour Times, 2024-04-02 [2]\n\n"));
  /* Quoted characters stay characters. */
  g_assert_nonnull (strstr (markdown, "> 1\\. Ships \\*may\\* leave \\[soon\\] — \\#odesa\n>\n> \\- then more [3]\n\n"));
  /* The actors table, a pipe in a name escaped. */
  g_assert_nonnull (strstr (markdown, "| Actor | Type | Articles | Mentions |\n| --- | --- | ---: | ---: |\n"
                                      "| Olena Petrenko | Person | 1 | 5 |\n"
                                      "| Lloyd's \\| Partners | Organisation | 1 | 2 |\n"));
  g_assert_nonnull (strstr (markdown, "**Topics**\n\n- grain exports\n- war-risk insurance\n\n"));
  /* Sources in citation order, the deleted article noted. */
  p = strstr (markdown, "## Sources\n\n");
  g_assert_nonnull (p);
  g_assert_nonnull (strstr (p, "1. Le Quotidien, “Le ministre à Київ”, 2024-05-06 *(since removed from the library"));
  g_assert_nonnull (strstr (p, "\n2. Harbour Times, “Grain exports rise”, 2024-04-02, <https://harbour.example/grain>\n"));
  g_assert_nonnull (strstr (p, "\n3. Wire, “Tricky”\n"));
  g_assert_null (strstr (p, "\n4. "));
}

static void
test_markdown_minimal (void)
{
  g_autoptr(AttacheBriefing) b = attache_briefing_new ("Empty");
  g_autofree char *markdown = attache_briefing_to_markdown (b);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today = g_date_time_format (now, "**Date:** %Y-%m-%d  \n");

  /* No marking, no sources, no empty headings: the title and today. */
  g_assert_true (g_str_has_prefix (markdown, "# Empty\n\n"));
  g_assert_nonnull (strstr (markdown, today));
  g_assert_null (strstr (markdown, "Sources"));
  g_assert_null (strstr (markdown, "---"));
  g_assert_true (g_str_has_suffix (markdown, "**Status:** Draft\n"));
}

static gboolean
dir_is_empty_but (const char *dir,
                  const char *name)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *entry;

  while ((entry = g_dir_read_name (d)) != NULL)
    if (g_strcmp0 (entry, name) != 0)
      return FALSE;
  return TRUE;
}

/* An export over an existing file keeps its permissions (a marked briefing
 * kept private stays so), and through a link writes the file it names,
 * the link kept (the PDF export: test-briefing-pdf's /replace). */
static void
test_export_keeps_file (void)
{
  g_autofree char *dir = test_tmpdir_new ();
  g_autofree char *private_md = g_build_filename (dir, "private.md", NULL);
  g_autofree char *real = g_build_filename (dir, "real.md", NULL);
  g_autofree char *link = g_build_filename (dir, "link.md", NULL);
  g_autoptr(AttacheBriefing) b = attache_briefing_new ("Kept close");
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  GStatBuf st;

  test_write_file (private_md, "an older export", -1);
  g_assert_cmpint (g_chmod (private_md, 0600), ==, 0);
  g_assert_true (attache_briefing_export_markdown (b, private_md, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_stat (private_md, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);

  test_write_file (real, "an older export", -1);
  g_assert_cmpint (symlink ("real.md", link), ==, 0);
  g_assert_true (attache_briefing_export_markdown (b, link, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_test (link, G_FILE_TEST_IS_SYMLINK));
  g_assert_true (g_file_get_contents (real, &contents, NULL, NULL));
  g_assert_true (g_str_has_prefix (contents, "# Kept close\n"));

  test_tmpdir_free (g_steal_pointer (&dir));
}

static void
test_markdown_unwritable (void)
{
  g_autofree char *dir = test_tmpdir_new ();
  g_autofree char *missing = g_build_filename (dir, "no such folder", "out.md", NULL);
  g_autofree char *folder = g_build_filename (dir, "a folder.md", NULL);
  g_autofree char *file = g_build_filename (dir, "plain", NULL);
  g_autofree char *under_file = g_build_filename (file, "out.md", NULL);
  g_autofree char *kept = g_build_filename (dir, "kept.md", NULL);
  g_autoptr(AttacheBriefing) b = attache_briefing_new ("Nowhere to go");
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;

  g_assert_false (attache_briefing_export_markdown (b, missing, &error));
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT);
  g_assert_nonnull (strstr (error->message, missing));
  g_clear_error (&error);

  g_assert_cmpint (g_mkdir (folder, 0700), ==, 0);
  g_assert_false (attache_briefing_export_markdown (b, folder, &error));
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_ISDIR);
  g_clear_error (&error);
  g_assert_cmpint (g_rmdir (folder), ==, 0);

  test_write_file (file, "not a folder", -1);
  g_assert_false (attache_briefing_export_markdown (b, under_file, &error));
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_NOTDIR);
  g_clear_error (&error);
  g_assert_cmpint (g_unlink (file), ==, 0);

  /* Nothing left behind, not even a temporary file. */
  g_assert_true (dir_is_empty_but (dir, NULL));

  /* A good export replaces an older file whole. */
  test_write_file (kept, "an older export", -1);
  g_assert_true (attache_briefing_export_markdown (b, kept, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (kept, &contents, NULL, NULL));
  g_assert_true (g_str_has_prefix (contents, "# Nowhere to go\n"));
  g_assert_true (dir_is_empty_but (dir, "kept.md"));

  test_tmpdir_free (g_steal_pointer (&dir));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  main_thread = g_thread_self ();

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/briefing/create-and-list", test_create_and_list);
  ADD ("/briefing/invalid-fields", test_invalid_fields);
  ADD ("/briefing/sections", test_sections);
  ADD ("/briefing/blocks", test_blocks);
  ADD ("/briefing/excerpt/snapshot", test_excerpt_snapshot);
  ADD ("/briefing/excerpt/offsets", test_excerpt_offsets);
  ADD ("/briefing/actors-and-topics", test_actors_and_topics);
  ADD ("/briefing/failed-write-changes-nothing", test_failed_write_changes_nothing);
  ADD ("/briefing/restore", test_restore);
  g_test_add_func ("/briefing/migrate/from-7", test_migrate_from_7);
  ADD ("/briefing/signal-and-async", test_signal_and_async);
  ADD ("/briefing/markdown/contents", test_markdown);
  g_test_add_func ("/briefing/markdown/minimal", test_markdown_minimal);
  g_test_add_func ("/briefing/markdown/unwritable", test_markdown_unwritable);
  g_test_add_func ("/briefing/export/keeps-file", test_export_keeps_file);

#undef ADD

  return g_test_run ();
}
