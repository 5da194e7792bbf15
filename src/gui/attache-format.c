/* attache-format.c: an article's dates, length and origin as the window shows them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "attache-format"

#include "config.h"

#include <stdio.h>
#include <string.h>

#include <glib/gi18n.h>

#include "attache-format.h"
#include "attache-language.h"
#include "attache-subject.h"

/* Reading speed used for "about N min read". */
#define WORDS_PER_MINUTE 200

static char *
format_day (GDateTime *date)
{
  /* Translators: a day as in "2 Apr 2024"; see g_date_time_format() for the codes */
  return g_date_time_format (date, _("%-d %b %Y"));
}

static char *
format_day_and_time (GDateTime *date)
{
  g_autoptr(GDateTime) local = g_date_time_to_local (date);

  /* Translators: a day and time as in "2 Apr 2024, 14:05"; see g_date_time_format() for the codes */
  return g_date_time_format (local, _("%-d %b %Y, %H:%M"));
}

/* The library keeps "2024-04-02" when only the day is known: that day must not
 * move to another one by a conversion to local time. */
static gboolean
published_is_day_only (AttacheArticle *article)
{
  const char *published = attache_article_get_published (article);

  return published != NULL && strchr (published, 'T') == NULL;
}

char *
attache_format_article_day (AttacheArticle *article)
{
  g_autoptr(GDateTime) published = NULL;
  GDateTime *imported;

  g_return_val_if_fail (ATTACHE_IS_ARTICLE (article), NULL);

  published = attache_article_dup_published_date (article);
  if (published != NULL)
    {
      g_autoptr(GDateTime) local = NULL;

      if (published_is_day_only (article))
        return format_day (published);

      local = g_date_time_to_local (published);
      return format_day (local);
    }

  imported = attache_article_get_imported (article);
  if (imported != NULL)
    {
      g_autoptr(GDateTime) local = g_date_time_to_local (imported);

      return format_day (local);
    }

  return NULL;
}

char *
attache_format_day (const char *day)
{
  g_autoptr(GDateTime) date = NULL;
  unsigned int year, month, mday;
  char end;

  if (day == NULL || sscanf (day, "%4u-%2u-%2u%c", &year, &month, &mday, &end) != 3)
    return NULL;

  date = g_date_time_new_utc (year, month, mday, 0, 0, 0);
  if (date == NULL)
    return NULL;

  return format_day (date);
}

char *
attache_format_published (AttacheArticle *article)
{
  g_autoptr(GDateTime) published = NULL;

  g_return_val_if_fail (ATTACHE_IS_ARTICLE (article), NULL);

  published = attache_article_dup_published_date (article);
  if (published == NULL)
    return NULL;

  if (published_is_day_only (article))
    return format_day (published);

  return format_day_and_time (published);
}

char *
attache_format_imported (AttacheArticle *article)
{
  GDateTime *imported;

  g_return_val_if_fail (ATTACHE_IS_ARTICLE (article), NULL);

  imported = attache_article_get_imported (article);
  if (imported == NULL)
    return NULL;

  return format_day_and_time (imported);
}

char *
attache_format_size (guint n_words,
                     guint n_chars)
{
  g_autofree char *words_number = g_strdup_printf ("%'u", n_words);
  g_autofree char *chars_number = g_strdup_printf ("%'u", n_chars);
  g_autofree char *words = NULL;
  g_autofree char *chars = NULL;

  /* Translators: the length of an article, "%s" is a number such as "1,234" */
  words = g_strdup_printf (ngettext ("%s word", "%s words", n_words), words_number);
  /* Translators: the length of an article, "%s" is a number such as "7,890" */
  chars = g_strdup_printf (ngettext ("%s character", "%s characters", n_chars), chars_number);

  /* Translators: an article's length, as in "1,234 words · 7,890 characters" */
  return g_strdup_printf (_("%s · %s"), words, chars);
}

char *
attache_format_reading_time (guint n_words)
{
  guint n_minutes = MAX (1, (n_words + WORDS_PER_MINUTE / 2) / WORDS_PER_MINUTE);

  /* Translators: how long an article takes to read */
  return g_strdup_printf (ngettext ("about %u min read", "about %u min read", n_minutes), n_minutes);
}

char *
attache_format_length (guint n_words,
                       guint n_chars)
{
  g_autofree char *size = attache_format_size (n_words, n_chars);
  g_autofree char *reading_time = attache_format_reading_time (n_words);

  /* Translators: an article's length and reading time, as in
   * "1,234 words · 7,890 characters · about 6 min read" */
  return g_strdup_printf (_("%s · %s"), size, reading_time);
}

char *
attache_format_origin (const char *origin)
{
  const char *home;
  gsize home_len;

  if (origin == NULL)
    return NULL;

  if (!g_path_is_absolute (origin))
    return g_strdup (origin);

  home = g_get_home_dir ();
  home_len = strlen (home);
  if (home_len > 1 &&
      strncmp (origin, home, home_len) == 0 &&
      origin[home_len] == G_DIR_SEPARATOR)
    return g_strconcat ("~", origin + home_len, NULL);

  return g_strdup (origin);
}

char *
attache_format_origin_name (const char *origin)
{
  g_autoptr(GUri) uri = NULL;

  if (origin == NULL)
    return NULL;

  if (g_path_is_absolute (origin))
    return g_path_get_basename (origin);

  uri = g_uri_parse (origin, G_URI_FLAGS_NONE, NULL);
  if (uri != NULL && g_uri_get_host (uri) != NULL)
    {
      const char *host = g_uri_get_host (uri);

      if (g_str_has_prefix (host, "www."))
        host += strlen ("www.");
      return g_strdup (host);
    }

  return g_strdup (origin);
}

char *
attache_format_language (const char *language)
{
  if (language == NULL || language[0] == '\0')
    return NULL;

  return g_strdup (attache_language_get_name (language));
}

char *
attache_format_date_text (const char *date)
{
  g_autoptr(GDateTime) day = NULL;
  int year = 0, month = 0, mday = 0;
  gsize length;

  if (date == NULL)
    return NULL;

  length = strlen (date);
  if (length == 10 && sscanf (date, "%4d-%2d-%2d", &year, &month, &mday) == 3)
    {
      day = g_date_time_new_utc (year, month, mday, 0, 0, 0);
      if (day != NULL)
        return format_day (day);
    }
  else if (length == 7 && sscanf (date, "%4d-%2d", &year, &month) == 2)
    {
      day = g_date_time_new_utc (year, month, 1, 0, 0, 0);
      if (day != NULL)
        /* Translators: a month as in "Apr 2024"; see g_date_time_format() for the codes */
        return g_date_time_format (day, _("%b %Y"));
    }

  return g_strdup (date);
}

/* The IPTC Media Topics as people read them; the library keeps IPTC's own
 * lower-case English labels. The same context as the summary pane's. */
static const struct
{
  const char *code;
  const char *label;   /* in the context "IPTC subject" */
} subject_labels[] = {
  { "medtop:01000000", NC_("IPTC subject", "Arts, culture, entertainment and media") },
  { "medtop:02000000", NC_("IPTC subject", "Crime, law and justice") },
  { "medtop:03000000", NC_("IPTC subject", "Disaster, accident and emergency incident") },
  { "medtop:04000000", NC_("IPTC subject", "Economy, business and finance") },
  { "medtop:05000000", NC_("IPTC subject", "Education") },
  { "medtop:06000000", NC_("IPTC subject", "Environment") },
  { "medtop:07000000", NC_("IPTC subject", "Health") },
  { "medtop:08000000", NC_("IPTC subject", "Human interest") },
  { "medtop:09000000", NC_("IPTC subject", "Labour") },
  { "medtop:10000000", NC_("IPTC subject", "Lifestyle and leisure") },
  { "medtop:11000000", NC_("IPTC subject", "Politics") },
  { "medtop:12000000", NC_("IPTC subject", "Religion") },
  { "medtop:13000000", NC_("IPTC subject", "Science and technology") },
  { "medtop:14000000", NC_("IPTC subject", "Society") },
  { "medtop:15000000", NC_("IPTC subject", "Sport") },
  { "medtop:16000000", NC_("IPTC subject", "Conflict, war and peace") },
  { "medtop:17000000", NC_("IPTC subject", "Weather") },
};

char *
attache_format_subject (const char *code)
{
  const AttacheSubject *subject;

  if (code == NULL)
    return NULL;

  for (guint i = 0; i < G_N_ELEMENTS (subject_labels); i++)
    if (g_strcmp0 (code, subject_labels[i].code) == 0)
      return g_strdup (g_dpgettext2 (NULL, "IPTC subject", subject_labels[i].label));

  /* A code the table does not know (a newer IPTC level): its English label. */
  subject = attache_subject_from_code (code);
  if (subject != NULL && subject->label != NULL && subject->label[0] != '\0')
    {
      const char *rest = g_utf8_next_char (subject->label);
      g_autofree char *first = g_utf8_strup (subject->label, rest - subject->label);

      return g_strconcat (first, rest, NULL);
    }

  return g_strdup (code);
}
