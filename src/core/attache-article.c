/* attache-article.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "attache-article"

#include "config.h"

#include <stdio.h>
#include <string.h>

#include "attache-article.h"

struct _AttacheArticle
{
  GObject    parent_instance;

  gint64     id;
  char      *title;
  char      *source;
  char      *url;
  char      *author;
  char      *published;
  GDateTime *imported;
  char      *language;
  char      *text;
  char      *sha256;
  char      *origin;
  guint      n_words;
  guint      n_chars;
  AttacheFetchResult *capture;
  gint64     story_id;
  guint      story_size;
  char     **story_sources;
};

G_DEFINE_FINAL_TYPE (AttacheArticle, attache_article, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_TITLE,
  PROP_SOURCE,
  PROP_URL,
  PROP_AUTHOR,
  PROP_PUBLISHED,
  PROP_IMPORTED,
  PROP_LANGUAGE,
  PROP_TEXT,
  PROP_SHA256,
  PROP_ORIGIN,
  PROP_N_WORDS,
  PROP_N_CHARS,
  PROP_CAPTURE,
  PROP_STORY_ID,
  PROP_STORY_SIZE,
  PROP_STORY_SOURCES,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
attache_article_finalize (GObject *object)
{
  AttacheArticle *self = ATTACHE_ARTICLE (object);

  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->source, g_free);
  g_clear_pointer (&self->url, g_free);
  g_clear_pointer (&self->author, g_free);
  g_clear_pointer (&self->published, g_free);
  g_clear_pointer (&self->imported, g_date_time_unref);
  g_clear_pointer (&self->language, g_free);
  g_clear_pointer (&self->text, g_free);
  g_clear_pointer (&self->sha256, g_free);
  g_clear_pointer (&self->origin, g_free);
  g_clear_pointer (&self->capture, attache_fetch_result_unref);
  g_clear_pointer (&self->story_sources, g_strfreev);

  G_OBJECT_CLASS (attache_article_parent_class)->finalize (object);
}

static void
attache_article_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  AttacheArticle *self = ATTACHE_ARTICLE (object);

  switch (prop_id)
    {
    case PROP_ID:        g_value_set_int64 (value, self->id); break;
    case PROP_TITLE:     g_value_set_string (value, self->title); break;
    case PROP_SOURCE:    g_value_set_string (value, self->source); break;
    case PROP_URL:       g_value_set_string (value, self->url); break;
    case PROP_AUTHOR:    g_value_set_string (value, self->author); break;
    case PROP_PUBLISHED: g_value_set_string (value, self->published); break;
    case PROP_IMPORTED:  g_value_set_boxed (value, self->imported); break;
    case PROP_LANGUAGE:  g_value_set_string (value, self->language); break;
    case PROP_TEXT:      g_value_set_string (value, self->text); break;
    case PROP_SHA256:    g_value_set_string (value, self->sha256); break;
    case PROP_ORIGIN:    g_value_set_string (value, self->origin); break;
    case PROP_N_WORDS:   g_value_set_uint (value, self->n_words); break;
    case PROP_N_CHARS:   g_value_set_uint (value, self->n_chars); break;
    case PROP_CAPTURE:   g_value_set_boxed (value, self->capture); break;
    case PROP_STORY_ID:  g_value_set_int64 (value, self->story_id); break;
    case PROP_STORY_SIZE: g_value_set_uint (value, self->story_size); break;
    case PROP_STORY_SOURCES: g_value_set_boxed (value, self->story_sources); break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
attache_article_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  AttacheArticle *self = ATTACHE_ARTICLE (object);

  switch (prop_id)
    {
    case PROP_ID:        attache_article_set_id (self, g_value_get_int64 (value)); break;
    case PROP_TITLE:     attache_article_set_title (self, g_value_get_string (value)); break;
    case PROP_SOURCE:    attache_article_set_source (self, g_value_get_string (value)); break;
    case PROP_URL:       attache_article_set_url (self, g_value_get_string (value)); break;
    case PROP_AUTHOR:    attache_article_set_author (self, g_value_get_string (value)); break;
    case PROP_PUBLISHED: attache_article_set_published (self, g_value_get_string (value)); break;
    case PROP_IMPORTED:  attache_article_set_imported (self, g_value_get_boxed (value)); break;
    case PROP_LANGUAGE:  attache_article_set_language (self, g_value_get_string (value)); break;
    case PROP_TEXT:      attache_article_set_text (self, g_value_get_string (value)); break;
    case PROP_SHA256:    attache_article_set_sha256 (self, g_value_get_string (value)); break;
    case PROP_ORIGIN:    attache_article_set_origin (self, g_value_get_string (value)); break;
    case PROP_N_WORDS:   attache_article_set_n_words (self, g_value_get_uint (value)); break;
    case PROP_N_CHARS:   attache_article_set_n_chars (self, g_value_get_uint (value)); break;
    case PROP_CAPTURE:   attache_article_set_capture (self, g_value_get_boxed (value)); break;
    case PROP_STORY_ID:  attache_article_set_story_id (self, g_value_get_int64 (value)); break;
    case PROP_STORY_SIZE: attache_article_set_story_size (self, g_value_get_uint (value)); break;
    case PROP_STORY_SOURCES: attache_article_set_story_sources (self, g_value_get_boxed (value)); break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
attache_article_class_init (AttacheArticleClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = attache_article_finalize;
  object_class->get_property = attache_article_get_property;
  object_class->set_property = attache_article_set_property;

  properties[PROP_ID] = g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_TITLE] = g_param_spec_string ("title", NULL, NULL, NULL, flags);
  properties[PROP_SOURCE] = g_param_spec_string ("source", NULL, NULL, NULL, flags);
  properties[PROP_URL] = g_param_spec_string ("url", NULL, NULL, NULL, flags);
  properties[PROP_AUTHOR] = g_param_spec_string ("author", NULL, NULL, NULL, flags);
  properties[PROP_PUBLISHED] = g_param_spec_string ("published", NULL, NULL, NULL, flags);
  properties[PROP_IMPORTED] = g_param_spec_boxed ("imported", NULL, NULL, G_TYPE_DATE_TIME, flags);
  properties[PROP_LANGUAGE] = g_param_spec_string ("language", NULL, NULL, NULL, flags);
  properties[PROP_TEXT] = g_param_spec_string ("text", NULL, NULL, NULL, flags);
  properties[PROP_SHA256] = g_param_spec_string ("sha256", NULL, NULL, NULL, flags);
  properties[PROP_ORIGIN] = g_param_spec_string ("origin", NULL, NULL, NULL, flags);
  properties[PROP_N_WORDS] = g_param_spec_uint ("n-words", NULL, NULL, 0, G_MAXUINT, 0, flags);
  properties[PROP_N_CHARS] = g_param_spec_uint ("n-chars", NULL, NULL, 0, G_MAXUINT, 0, flags);

  properties[PROP_CAPTURE] = g_param_spec_boxed ("capture", NULL, NULL, ATTACHE_TYPE_FETCH_RESULT, flags);
  properties[PROP_STORY_ID] = g_param_spec_int64 ("story-id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_STORY_SIZE] = g_param_spec_uint ("story-size", NULL, NULL, 1, G_MAXUINT, 1, flags);
  properties[PROP_STORY_SOURCES] = g_param_spec_boxed ("story-sources", NULL, NULL, G_TYPE_STRV, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
attache_article_init (AttacheArticle *self)
{
  self->story_size = 1;
}

AttacheArticle *
attache_article_new (void)
{
  return g_object_new (ATTACHE_TYPE_ARTICLE, NULL);
}

/* Sets *@field to a copy of @value, NULL for NULL or "", and notifies on a change. */
static void
set_string (AttacheArticle *self,
            char          **field,
            const char     *value,
            guint           prop)
{
  if (value != NULL && value[0] == '\0')
    value = NULL;

  if (g_strcmp0 (*field, value) == 0)
    return;

  g_free (*field);
  *field = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
}

gint64
attache_article_get_id (AttacheArticle *self)
{
  g_return_val_if_fail (ATTACHE_IS_ARTICLE (self), 0);
  return self->id;
}

void
attache_article_set_id (AttacheArticle *self,
                        gint64          id)
{
  g_return_if_fail (ATTACHE_IS_ARTICLE (self));
  g_return_if_fail (id >= 0);

  if (self->id != id)
    {
      self->id = id;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ID]);
    }
}

#define STRING_ACCESSORS(name, PROP)                                         \
const char *                                                                 \
attache_article_get_##name (AttacheArticle *self)                            \
{                                                                            \
  g_return_val_if_fail (ATTACHE_IS_ARTICLE (self), NULL);                    \
  return self->name;                                                         \
}                                                                            \
                                                                             \
void                                                                         \
attache_article_set_##name (AttacheArticle *self,                            \
                            const char     *name)                            \
{                                                                            \
  g_return_if_fail (ATTACHE_IS_ARTICLE (self));                              \
  set_string (self, &self->name, name, PROP);                                \
}

STRING_ACCESSORS (title, PROP_TITLE)
STRING_ACCESSORS (source, PROP_SOURCE)
STRING_ACCESSORS (url, PROP_URL)
STRING_ACCESSORS (author, PROP_AUTHOR)
STRING_ACCESSORS (language, PROP_LANGUAGE)
STRING_ACCESSORS (sha256, PROP_SHA256)
STRING_ACCESSORS (origin, PROP_ORIGIN)

#undef STRING_ACCESSORS

const char *
attache_article_get_published (AttacheArticle *self)
{
  g_return_val_if_fail (ATTACHE_IS_ARTICLE (self), NULL);
  return self->published;
}

static gboolean
is_valid_day (const char *iso8601)
{
  int y, m, d;
  char end;

  if (strlen (iso8601) != 10 || sscanf (iso8601, "%4d-%2d-%2d%c", &y, &m, &d, &end) != 3)
    return FALSE;
  if (iso8601[4] != '-' || iso8601[7] != '-')
    return FALSE;

  return g_date_valid_dmy (d, m, y);
}

gboolean
attache_article_set_published (AttacheArticle *self,
                               const char     *iso8601)
{
  g_return_val_if_fail (ATTACHE_IS_ARTICLE (self), FALSE);

  if (iso8601 != NULL && iso8601[0] != '\0' && !is_valid_day (iso8601))
    {
      g_autoptr(GDateTime) dt = g_date_time_new_from_iso8601 (iso8601, NULL);
      g_autoptr(GDateTime) utc = NULL;
      g_autofree char *normalised = NULL;

      if (dt == NULL)
        return FALSE;

      utc = g_date_time_to_utc (dt);
      normalised = g_date_time_format (utc, "%Y-%m-%dT%H:%M:%SZ");
      set_string (self, &self->published, normalised, PROP_PUBLISHED);
      return TRUE;
    }

  set_string (self, &self->published, iso8601, PROP_PUBLISHED);
  return TRUE;
}

GDateTime *
attache_article_dup_published_date (AttacheArticle *self)
{
  g_return_val_if_fail (ATTACHE_IS_ARTICLE (self), NULL);

  if (self->published == NULL)
    return NULL;

  if (is_valid_day (self->published))
    {
      int y, m, d;

      sscanf (self->published, "%4d-%2d-%2d", &y, &m, &d);
      return g_date_time_new_utc (y, m, d, 0, 0, 0);
    }

  return g_date_time_new_from_iso8601 (self->published, NULL);
}

GDateTime *
attache_article_get_imported (AttacheArticle *self)
{
  g_return_val_if_fail (ATTACHE_IS_ARTICLE (self), NULL);
  return self->imported;
}

void
attache_article_set_imported (AttacheArticle *self,
                              GDateTime      *imported)
{
  g_return_if_fail (ATTACHE_IS_ARTICLE (self));

  if (self->imported == imported ||
      (self->imported != NULL && imported != NULL && g_date_time_equal (self->imported, imported)))
    return;

  g_clear_pointer (&self->imported, g_date_time_unref);
  if (imported != NULL)
    self->imported = g_date_time_to_utc (imported);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_IMPORTED]);
}

const char *
attache_article_get_text (AttacheArticle *self)
{
  g_return_val_if_fail (ATTACHE_IS_ARTICLE (self), NULL);
  return self->text;
}

void
attache_article_set_text (AttacheArticle *self,
                          const char     *text)
{
  g_return_if_fail (ATTACHE_IS_ARTICLE (self));
  g_return_if_fail (text == NULL || g_utf8_validate (text, -1, NULL));

  if (g_strcmp0 (self->text, text) == 0)
    return;

  g_free (self->text);
  self->text = g_strdup (text);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TEXT]);

  if (text != NULL)
    {
      attache_article_set_n_words (self, attache_count_words (text));
      attache_article_set_n_chars (self, g_utf8_strlen (text, -1));
    }
}

guint
attache_article_get_n_words (AttacheArticle *self)
{
  g_return_val_if_fail (ATTACHE_IS_ARTICLE (self), 0);
  return self->n_words;
}

void
attache_article_set_n_words (AttacheArticle *self,
                             guint           n_words)
{
  g_return_if_fail (ATTACHE_IS_ARTICLE (self));

  if (self->n_words != n_words)
    {
      self->n_words = n_words;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_WORDS]);
    }
}

guint
attache_article_get_n_chars (AttacheArticle *self)
{
  g_return_val_if_fail (ATTACHE_IS_ARTICLE (self), 0);
  return self->n_chars;
}

void
attache_article_set_n_chars (AttacheArticle *self,
                             guint           n_chars)
{
  g_return_if_fail (ATTACHE_IS_ARTICLE (self));

  if (self->n_chars != n_chars)
    {
      self->n_chars = n_chars;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_CHARS]);
    }
}

AttacheFetchResult *
attache_article_get_capture (AttacheArticle *self)
{
  g_return_val_if_fail (ATTACHE_IS_ARTICLE (self), NULL);
  return self->capture;
}

void
attache_article_set_capture (AttacheArticle     *self,
                             AttacheFetchResult *capture)
{
  g_return_if_fail (ATTACHE_IS_ARTICLE (self));

  if (self->capture == capture)
    return;

  g_clear_pointer (&self->capture, attache_fetch_result_unref);
  if (capture != NULL)
    self->capture = attache_fetch_result_ref (capture);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAPTURE]);
}

gint64
attache_article_get_story_id (AttacheArticle *self)
{
  g_return_val_if_fail (ATTACHE_IS_ARTICLE (self), 0);
  return self->story_id;
}

void
attache_article_set_story_id (AttacheArticle *self,
                              gint64          story_id)
{
  g_return_if_fail (ATTACHE_IS_ARTICLE (self));
  g_return_if_fail (story_id >= 0);

  if (self->story_id != story_id)
    {
      self->story_id = story_id;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORY_ID]);
    }
}

guint
attache_article_get_story_size (AttacheArticle *self)
{
  g_return_val_if_fail (ATTACHE_IS_ARTICLE (self), 1);
  return self->story_size;
}

void
attache_article_set_story_size (AttacheArticle *self,
                                guint           story_size)
{
  g_return_if_fail (ATTACHE_IS_ARTICLE (self));
  g_return_if_fail (story_size >= 1);

  if (self->story_size != story_size)
    {
      self->story_size = story_size;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORY_SIZE]);
    }
}

const char * const *
attache_article_get_story_sources (AttacheArticle *self)
{
  g_return_val_if_fail (ATTACHE_IS_ARTICLE (self), NULL);
  return (const char * const *) self->story_sources;
}

void
attache_article_set_story_sources (AttacheArticle     *self,
                                   const char * const *sources)
{
  g_return_if_fail (ATTACHE_IS_ARTICLE (self));

  if (self->story_sources == NULL && sources == NULL)
    return;
  if (self->story_sources != NULL && sources != NULL &&
      g_strv_equal ((const char * const *) self->story_sources, sources))
    return;

  g_strfreev (self->story_sources);
  self->story_sources = g_strdupv ((char **) sources);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORY_SOURCES]);
}

guint
attache_count_words (const char *text)
{
  gboolean in_word = FALSE;
  guint n = 0;

  g_return_val_if_fail (text != NULL, 0);

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      gboolean word_char = g_unichar_isalnum (c) || g_unichar_ismark (c) ||
                           (in_word && (c == '\'' || c == 0x2019 || c == '-'));

      if (word_char && !in_word)
        n++;
      in_word = word_char;
    }

  return n;
}
