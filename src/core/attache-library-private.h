/* attache-library-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <sqlite3.h>

#include "attache-library.h"

G_BEGIN_DECLS

/* The columns every article query selects, in this order (see
 * _attache_library_article_from_row), from the table aliased "a". */
#define ATTACHE_ARTICLE_COLUMNS \
  "a.id, a.title, a.source, a.url, a.author, a.published, a.imported, a.language, " \
  "a.sha256, a.origin, a.n_words, a.n_chars, coalesce (a.story_id, a.id)"
#define ATTACHE_N_ARTICLE_COLUMNS 13

/* An article's day for lists and filters: its published date (or date-time),
 * else the day it was imported. The same expression as the articles_by_date
 * index, so that the index serves it. */
#define ATTACHE_ARTICLE_DATE(a) "coalesce (" a ".published, substr (" a ".imported, 1, 10))"

/* The article (without its text) of a row that starts with ATTACHE_ARTICLE_COLUMNS. */
AttacheArticle *_attache_library_article_from_row (sqlite3_stmt *stmt);

/* Binds a string, or NULL for an absent one. The text must outlive the step. */
void            _attache_library_bind_text        (sqlite3_stmt *stmt,
                                                   int           column,
                                                   const char   *text);

/* Now, as ISO 8601 UTC with whole seconds. */
char           *_attache_library_now_iso8601      (void);

/* Emit the signal on the library's main context, from any thread, later. */
void            _attache_library_notify_analyses_changed      (AttacheLibrary *self);
void            _attache_library_notify_actors_changed        (AttacheLibrary *self);
void            _attache_library_notify_saved_searches_changed (AttacheLibrary *self);

/* A search hit: takes @article and @snippet (matches between \002 and \003). */
AttacheSearchHit *_attache_search_hit_new (AttacheArticle *article,
                                           char           *snippet,
                                           double          rank);

/* Registers the SQL functions the searches use on @db (attache-search.c). */
gboolean        _attache_search_register_functions (sqlite3  *db,
                                                    GError  **error);

/* Tests only: how many matches a limited search ranks (0: the default). */
void            _attache_search_set_rank_cap       (guint     cap);

/* The "type:casefolded name" key the analyser's actors are found under. */
char           *_attache_library_actor_alias_key  (AttacheActorType  type,
                                                   const char       *name);

/* Derives article @article_id's article_actors rows from its article_aliases
 * and the aliases' actors (attache-actors.c). Call with the lock and a
 * transaction held, after removing the rows it had. */
gboolean        _attache_library_derive_article_actors (AttacheLibrary  *self,
                                                        gint64           article_id,
                                                        GError         **error);

/* The FTS5 expression for an analyst's search, or NULL when it has no words.
 * @plain: every operator and parenthesis taken as a word (the fallback). */
char *_attache_library_translate_query (const char *query,
                                        gboolean    plain);

/* Emits "briefings-changed" for @briefing_id on the library's main context,
 * later, from whatever thread (attache-briefing-store.c). */
void  _attache_library_notify_briefings_changed (AttacheLibrary *self,
                                                 gint64          briefing_id);

G_END_DECLS
