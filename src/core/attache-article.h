/* attache-article.h: one article of the library
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "attache-fetcher.h"

G_BEGIN_DECLS

#define ATTACHE_TYPE_ARTICLE (attache_article_get_type ())

G_DECLARE_FINAL_TYPE (AttacheArticle, attache_article, ATTACHE, ARTICLE, GObject)

AttacheArticle *attache_article_new              (void);

/* 0 until the article is stored in a library. */
gint64          attache_article_get_id           (AttacheArticle *self);
void            attache_article_set_id           (AttacheArticle *self,
                                                  gint64          id);
const char     *attache_article_get_title        (AttacheArticle *self);
void            attache_article_set_title        (AttacheArticle *self,
                                                  const char     *title);
/* The publisher, e.g. "Reuters"; NULL when unknown. */
const char     *attache_article_get_source       (AttacheArticle *self);
void            attache_article_set_source       (AttacheArticle *self,
                                                  const char     *source);
const char     *attache_article_get_url          (AttacheArticle *self);
void            attache_article_set_url          (AttacheArticle *self,
                                                  const char     *url);
const char     *attache_article_get_author       (AttacheArticle *self);
void            attache_article_set_author       (AttacheArticle *self,
                                                  const char     *author);
/* ISO 8601: "2024-04-02" when only the day is known, else "2024-04-02T09:30:00Z".
 * NULL when unknown. The setter accepts either form and refuses anything else. */
const char     *attache_article_get_published    (AttacheArticle *self);
gboolean        attache_article_set_published    (AttacheArticle *self,
                                                  const char     *iso8601);
/* Returns a new GDateTime (UTC, midnight for a day-only date) or NULL. */
GDateTime      *attache_article_dup_published_date (AttacheArticle *self);
/* When the article entered the library, UTC. */
GDateTime      *attache_article_get_imported     (AttacheArticle *self);
void            attache_article_set_imported     (AttacheArticle *self,
                                                  GDateTime      *imported);
/* BCP 47 tag such as "en"; NULL when unknown. */
const char     *attache_article_get_language     (AttacheArticle *self);
void            attache_article_set_language     (AttacheArticle *self,
                                                  const char     *language);
/* UTF-8, paragraphs separated by one blank line ("\n\n").
 * NULL for articles listed without their text (attache_library_list_articles). */
const char     *attache_article_get_text         (AttacheArticle *self);
void            attache_article_set_text         (AttacheArticle *self,
                                                  const char     *text);
/* Hex sha256 of the original bytes as they were imported. */
const char     *attache_article_get_sha256       (AttacheArticle *self);
void            attache_article_set_sha256       (AttacheArticle *self,
                                                  const char     *sha256);
/* Where it came from: an absolute file path or a URL. */
const char     *attache_article_get_origin       (AttacheArticle *self);
void            attache_article_set_origin       (AttacheArticle *self,
                                                  const char     *origin);
/* Length of the text, stored so lists need not load the text. */
guint           attache_article_get_n_words      (AttacheArticle *self);
void            attache_article_set_n_words      (AttacheArticle *self,
                                                  guint           n_words);
guint           attache_article_get_n_chars      (AttacheArticle *self);
void            attache_article_set_n_chars      (AttacheArticle *self,
                                                  guint           n_chars);

/* For an article fetched from the web: the capture record (final URL, time,
 * HTTP status and dates, the raw page). NULL otherwise, and for articles listed
 * without their text. */
AttacheFetchResult *attache_article_get_capture  (AttacheArticle     *self);
void            attache_article_set_capture      (AttacheArticle     *self,
                                                  AttacheFetchResult *capture);

/* Versions of one story (the same wire copy on several sites) share a story
 * id: the id of the article that started the story; 0 until stored. */
gint64          attache_article_get_story_id     (AttacheArticle *self);
void            attache_article_set_story_id     (AttacheArticle *self,
                                                  gint64          story_id);
/* How many articles of the library are versions of this one's story, itself
 * included: 1 when it stands alone. Set by attache_library_list_articles (). */
guint           attache_article_get_story_size   (AttacheArticle *self);
void            attache_article_set_story_size   (AttacheArticle *self,
                                                  guint           story_size);
/* The sources (publishers) of the other versions of the story, each once, or
 * NULL when not known. Set by AttacheArticleList on the article standing for
 * its story. */
const char * const *attache_article_get_story_sources (AttacheArticle     *self);
void            attache_article_set_story_sources (AttacheArticle     *self,
                                                   const char * const *sources);

/* Counts words in @text (sequences of letters or digits). */
guint           attache_count_words              (const char     *text);

G_END_DECLS
