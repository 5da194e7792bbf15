/* attache-feed-text.c: dates and text as feeds write them
 *
 * Dates: RFC 822 as RSS uses it (with the common mistakes: no weekday, two-digit
 * years, full month names, no seconds, named zones such as EST or CEST, ISO dates
 * where an RFC 822 one belongs) and ISO 8601 / RFC 3339 as Atom and JSON Feed use
 * it; all normalised to UTC "YYYY-MM-DDTHH:MM:SSZ".
 * Text: HTML to one plain line (titles), entity lookup, white space.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "attache-feed"

#include "config.h"

#include <string.h>

#include <libxml/HTMLparser.h>

#include "attache-feed-private.h"

/* Dates */

typedef struct
{
  const char *name;
  int         minutes;   /* east of UTC */
} Zone;

/* The zones RFC 822 names, and the abbreviations feeds use most. Ambiguous ones
 * (IST, CST for China) take their most frequent meaning in news feeds. */
static const Zone zones[] = {
  { "ut", 0 }, { "utc", 0 }, { "gmt", 0 }, { "z", 0 }, { "wet", 0 },
  { "est", -5 * 60 }, { "edt", -4 * 60 }, { "cst", -6 * 60 }, { "cdt", -5 * 60 },
  { "mst", -7 * 60 }, { "mdt", -6 * 60 }, { "pst", -8 * 60 }, { "pdt", -7 * 60 },
  { "akst", -9 * 60 }, { "akdt", -8 * 60 }, { "hst", -10 * 60 }, { "ast", -4 * 60 },
  { "adt", -3 * 60 }, { "nst", -(3 * 60 + 30) }, { "ndt", -(2 * 60 + 30) },
  { "bst", 60 }, { "ist", 5 * 60 + 30 }, { "west", 60 }, { "cet", 60 }, { "met", 60 },
  { "cest", 2 * 60 }, { "mest", 2 * 60 }, { "eet", 2 * 60 }, { "eest", 3 * 60 },
  { "msk", 3 * 60 }, { "gst", 4 * 60 }, { "pkt", 5 * 60 }, { "ict", 7 * 60 },
  { "wib", 7 * 60 }, { "hkt", 8 * 60 }, { "sgt", 8 * 60 }, { "awst", 8 * 60 },
  { "jst", 9 * 60 }, { "kst", 9 * 60 }, { "acst", 9 * 60 + 30 }, { "aest", 10 * 60 },
  { "acdt", 10 * 60 + 30 }, { "aedt", 11 * 60 }, { "nzst", 12 * 60 }, { "nzdt", 13 * 60 },
};

/* Month names by lower-case prefix: English first, then the German, French and
 * Spanish forms that differ from it. */
static const struct { const char *prefix; int month; } months[] = {
  { "jan", 1 }, { "feb", 2 }, { "mar", 3 }, { "apr", 4 }, { "may", 5 }, { "jun", 6 },
  { "jul", 7 }, { "aug", 8 }, { "sep", 9 }, { "oct", 10 }, { "nov", 11 }, { "dec", 12 },
  { "mär", 3 }, { "mai", 5 }, { "okt", 10 }, { "dez", 12 },
  { "janv", 1 }, { "févr", 2 }, { "fév", 2 }, { "avr", 4 }, { "juin", 6 }, { "juil", 7 },
  { "août", 8 }, { "aoû", 8 }, { "déc", 12 },
  { "ene", 1 }, { "abr", 4 }, { "ago", 8 }, { "dic", 12 },
};

static const char * const weekdays[] = { "mon", "tue", "wed", "thu", "fri", "sat", "sun" };

static gboolean
is_digit (char c)
{
  return c >= '0' && c <= '9';
}

/* Reads up to @max digits; FALSE when there is none. */
static gboolean
read_number (const char **p,
             int          max,
             int         *value,
             int         *n_digits)
{
  int v = 0, n = 0;

  while (n < max && is_digit ((*p)[0]))
    {
      v = v * 10 + ((*p)[0] - '0');
      (*p)++;
      n++;
    }

  if (n_digits != NULL)
    *n_digits = n;
  *value = v;
  return n > 0;
}

/* A word of letters (ASCII or not), lower-cased; advances past it. */
static char *
read_word (const char **p)
{
  const char *start = *p;

  while (**p != '\0')
    {
      gunichar c = g_utf8_get_char_validated (*p, -1);

      if (c == (gunichar) -1 || c == (gunichar) -2 || !g_unichar_isalpha (c))
        break;
      *p = g_utf8_next_char (*p);
    }

  if (*p == start)
    return NULL;

  return g_utf8_strdown (start, *p - start);
}

static int
month_from_word (const char *word)
{
  int best = 0;
  gsize best_len = 0;

  for (gsize i = 0; i < G_N_ELEMENTS (months); i++)
    {
      gsize n = strlen (months[i].prefix);

      if (strncmp (word, months[i].prefix, n) == 0 && n > best_len)
        {
          best = months[i].month;
          best_len = n;
        }
    }

  return best;
}

static gboolean
is_weekday (const char *word)
{
  for (gsize i = 0; i < G_N_ELEMENTS (weekdays); i++)
    if (g_str_has_prefix (word, weekdays[i]))
      return TRUE;
  return FALSE;
}

static void
skip_separators (const char **p)
{
  while (**p == ' ' || **p == '\t' || **p == ',' || **p == '-' || **p == '/' || **p == '.' ||
         **p == '\n' || **p == '\r')
    (*p)++;
}

static void
skip_spaces (const char **p)
{
  while (**p == ' ' || **p == '\t' || **p == '\n' || **p == '\r')
    (*p)++;
}

/* [+-]hh, [+-]hhmm, [+-]hh:mm; advances only on success. */
static gboolean
read_offset (const char **p,
             int         *minutes)
{
  const char *q = *p;
  int sign, hours, mins = 0, n;

  if (*q != '+' && *q != '-')
    return FALSE;
  sign = *q == '-' ? -1 : 1;
  q++;

  if (!read_number (&q, 4, &hours, &n))
    return FALSE;
  if (n == 4)
    {
      mins = hours % 100;
      hours /= 100;
    }
  else if (n == 3)
    {
      mins = hours % 100;
      hours /= 100;
    }
  else if (*q == ':' && is_digit (q[1]))
    {
      q++;
      read_number (&q, 2, &mins, NULL);
    }

  if (hours > 14 || mins > 59)
    return FALSE;

  *minutes = sign * (hours * 60 + mins);
  *p = q;
  return TRUE;
}

/* A zone: an offset, a name (maybe followed by an offset, "GMT+2"), a military
 * letter (taken as UTC, as RFC 2822 advises), or nothing (UTC). A parenthesised
 * comment after it is ignored. FALSE when something else is there. */
static gboolean
read_zone (const char **p,
           int         *minutes)
{
  const char *q;
  g_autofree char *word = NULL;

  skip_spaces (p);
  *minutes = 0;

  if (read_offset (p, minutes))
    goto comment;

  q = *p;
  word = read_word (&q);
  if (word != NULL)
    {
      gboolean known = FALSE;

      for (gsize i = 0; i < G_N_ELEMENTS (zones); i++)
        {
          if (strcmp (word, zones[i].name) == 0)
            {
              *minutes = zones[i].minutes;
              known = TRUE;
              break;
            }
        }
      if (!known && !(strlen (word) == 1 && g_ascii_isalpha (word[0])))
        return FALSE;
      *p = q;

      {
        int extra;

        if (read_offset (p, &extra))
          *minutes += extra;
      }
    }

comment:
  skip_spaces (p);
  if (**p == '(')
    {
      const char *close = strchr (*p, ')');

      *p = close != NULL ? close + 1 : *p + strlen (*p);
    }
  return TRUE;
}

/* hh:mm[:ss[.frac]]; advances only on success. */
static gboolean
read_time (const char **p,
           int         *hour,
           int         *minute,
           double      *second)
{
  const char *q = *p;
  int s = 0;

  if (!read_number (&q, 2, hour, NULL) || *q != ':')
    return FALSE;
  q++;
  if (!read_number (&q, 2, minute, NULL))
    return FALSE;
  if (*q == ':' && is_digit (q[1]))
    {
      q++;
      read_number (&q, 2, &s, NULL);
    }
  *second = s;
  if (*q == '.' && is_digit (q[1]))
    {
      q++;
      while (is_digit (*q))
        q++;
    }
  if (*q == ' ' && (q[1] == 'a' || q[1] == 'A' || q[1] == 'p' || q[1] == 'P') &&
      (q[2] == 'm' || q[2] == 'M'))
    {
      /* "10:30 PM": not RFC 822, but common */
      if ((q[1] == 'p' || q[1] == 'P') && *hour < 12)
        *hour += 12;
      else if ((q[1] == 'a' || q[1] == 'A') && *hour == 12)
        *hour = 0;
      q += 3;
    }

  *p = q;
  return TRUE;
}

static char *
format_utc (int    year,
            int    month,
            int    day,
            int    hour,
            int    minute,
            double second,
            int    offset_minutes)
{
  g_autoptr(GTimeZone) tz = NULL;
  g_autoptr(GDateTime) local = NULL;
  g_autoptr(GDateTime) utc = NULL;
  gboolean next_day = FALSE;

  if (year < 1 || year > 9999 || month < 1 || month > 12 || day < 1 || day > 31 ||
      hour < 0 || hour > 24 || minute < 0 || minute > 59 || second < 0 || second > 61)
    return NULL;

  if (second >= 60)
    second = 59;           /* a leap second */
  if (hour == 24)
    {
      if (minute != 0 || second != 0)
        return NULL;
      hour = 0;
      next_day = TRUE;
    }

  tz = g_time_zone_new_offset (offset_minutes * 60);
  local = g_date_time_new (tz, year, month, day, hour, minute, second);
  if (local == NULL)
    return NULL;
  if (next_day)
    {
      GDateTime *later = g_date_time_add_days (local, 1);

      g_date_time_unref (local);
      local = later;
    }

  utc = g_date_time_to_utc (local);
  if (utc == NULL)
    return NULL;

  return g_date_time_format (utc, "%Y-%m-%dT%H:%M:%SZ");
}

/* 2003-12-31T10:14:55.123-08:00, 2003-12-31 10:14Z, 20031231T101455Z, 2003-12-31, 2003-12, 2003 */
static char *
parse_iso8601 (const char *s)
{
  const char *p = s;
  int year, month = 1, day = 1, hour = 0, minute = 0, offset = 0, n;
  double second = 0;

  if (!read_number (&p, 4, &year, &n) || n != 4)
    return NULL;

  if (*p == '-' && is_digit (p[1]))
    {
      p++;
      read_number (&p, 2, &month, NULL);
      if (*p == '-' && is_digit (p[1]))
        {
          p++;
          read_number (&p, 2, &day, NULL);
        }
    }
  else if (is_digit (*p))
    {
      if (!read_number (&p, 2, &month, &n) || n != 2 || !read_number (&p, 2, &day, &n) || n != 2)
        return NULL;
    }

  if ((*p == 'T' || *p == 't' || *p == ' ') && is_digit (p[1]))
    {
      const char *q = p + 1;

      if (!read_time (&q, &hour, &minute, &second))
        {
          /* compact: hhmm[ss] */
          int hhmmss;

          if (!read_number (&q, 6, &hhmmss, &n) || (n != 4 && n != 6))
            return NULL;
          if (n == 4)
            hhmmss *= 100;
          hour = hhmmss / 10000;
          minute = hhmmss / 100 % 100;
          second = hhmmss % 100;
          if (*q == '.' || *q == ',')
            {
              q++;
              while (is_digit (*q))
                q++;
            }
        }
      p = q;
      if (!read_zone (&p, &offset))
        return NULL;
    }

  skip_spaces (&p);
  if (*p != '\0')
    return NULL;

  return format_utc (year, month, day, hour, minute, second, offset);
}

/* Sat, 07 Sep 2002 00:00:01 GMT, and what feeds make of it:
 * "7 September 2002 0:00 +0100", "Tue, 10 Jun 03 09:41:01 EST", "Sat 07-Sep-2002",
 * "Sun Jan  4 16:29:06 PST 2004" (asctime), "Jan 4, 2004 4:29 PM". */
static char *
parse_rfc822 (const char *s)
{
  const char *p = s;
  g_autofree char *word = NULL;
  int day = 0, month = 0, year = -1, hour = 0, minute = 0, offset = 0, n;
  double second = 0;
  gboolean have_time = FALSE;

  skip_spaces (&p);
  word = read_word (&p);
  if (word != NULL)
    {
      month = month_from_word (word);
      if (is_weekday (word) || *p == ',' || *p == '.' || month == 0)
        {
          if (!is_weekday (word) && *p != ',' && *p != '.')
            return NULL;
          month = 0;
          g_clear_pointer (&word, g_free);
          skip_separators (&p);
          word = read_word (&p);
          if (word != NULL)
            month = month_from_word (word);
        }
    }

  if (month != 0)
    {
      /* Month first: "Jan 4 2004", "Jan  4 16:29:06 PST 2004". */
      skip_separators (&p);
      if (!read_number (&p, 2, &day, NULL))
        return NULL;
      skip_separators (&p);
      if (read_time (&p, &hour, &minute, &second))
        {
          have_time = TRUE;
          if (!read_zone (&p, &offset))
            return NULL;
          skip_separators (&p);
        }
      if (!read_number (&p, 4, &year, &n))
        return NULL;
    }
  else
    {
      if (word != NULL)
        return NULL;
      if (!read_number (&p, 2, &day, NULL))
        return NULL;
      skip_separators (&p);
      word = read_word (&p);
      if (word == NULL || (month = month_from_word (word)) == 0)
        return NULL;
      skip_separators (&p);
      if (!read_number (&p, 4, &year, &n))
        return NULL;
    }

  if (n == 2)
    year += year < 50 ? 2000 : 1900;
  else if (n == 3)
    year += 1900;

  skip_separators (&p);
  if (!have_time && read_time (&p, &hour, &minute, &second))
    {
      if (!read_zone (&p, &offset))
        return NULL;
    }
  else if (!have_time)
    {
      /* a date alone, maybe with a zone */
      if (!read_zone (&p, &offset))
        return NULL;
    }

  skip_spaces (&p);
  if (*p != '\0')
    {
      /* asctime puts the year last, after the zone; anything else is not a date. */
      return NULL;
    }

  return format_utc (year, month, day, hour, minute, second, offset);
}

char *
_attache_feed_parse_date (const char *text)
{
  g_autofree char *clean = NULL;
  char *result;

  if (text == NULL)
    return NULL;

  clean = _attache_feed_clean_line (text);
  if (clean == NULL || strlen (clean) > 100)
    return NULL;

  if (is_digit (clean[0]) && is_digit (clean[1]) && is_digit (clean[2]) && is_digit (clean[3]))
    {
      result = parse_iso8601 (clean);
      if (result != NULL)
        return result;
    }

  return parse_rfc822 (clean);
}

/* Text */

gunichar
_attache_feed_lookup_entity (const char *name,
                             gsize       len)
{
  char buf[16];
  const htmlEntityDesc *desc;

  if (len == 0 || len >= sizeof buf)
    return 0;

  memcpy (buf, name, len);
  buf[len] = '\0';

  if (strcmp (buf, "apos") == 0)
    return '\'';

  desc = htmlEntityLookup ((const xmlChar *) buf);
  return desc != NULL ? desc->value : 0;
}

/* Windows-1252 for the C1 range: numeric references to 128–159 in feeds mean these. */
static const gunichar cp1252_c1[32] = {
  0x20AC, 0xFFFD, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
  0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0xFFFD, 0x017D, 0xFFFD,
  0xFFFD, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
  0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0xFFFD, 0x017E, 0x0178,
};

gunichar
_attache_feed_cp1252_c1 (gunichar c)
{
  if (c < 0x80 || c > 0x9F || cp1252_c1[c - 0x80] == 0xFFFD)
    return c;
  return cp1252_c1[c - 0x80];
}

/* Decodes one entity reference at @p (which points at '&'); returns its length,
 * or 0 when it is not one. */
static gsize
decode_entity (const char *p,
               gunichar   *out)
{
  const char *q = p + 1;

  if (*q == '#')
    {
      guint64 v = 0;
      gboolean hex = (q[1] == 'x' || q[1] == 'X');
      int digits = 0;

      q += hex ? 2 : 1;
      while (digits < 8 && (hex ? g_ascii_isxdigit (*q) : is_digit (*q)))
        {
          v = v * (hex ? 16 : 10) + (hex ? (guint64) g_ascii_xdigit_value (*q) : (guint64) (*q - '0'));
          q++;
          digits++;
        }
      if (digits == 0)
        return 0;
      if (*q == ';')
        q++;

      if (v >= 128 && v < 160)
        v = _attache_feed_cp1252_c1 ((gunichar) v);
      if (v == 0 || v > 0x10FFFF || (v >= 0xD800 && v < 0xE000))
        v = 0xFFFD;
      *out = (gunichar) v;
      return q - p;
    }

  while (g_ascii_isalnum (*q))
    q++;
  if (*q != ';' || q == p + 1)
    return 0;

  *out = _attache_feed_lookup_entity (p + 1, q - p - 1);
  if (*out == 0)
    return 0;

  return q + 1 - p;
}

static gboolean
is_space (char c)
{
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

static gboolean
tag_is (const char *name,
        gsize       len,
        const char *want)
{
  return strlen (want) == len && g_ascii_strncasecmp (name, want, len) == 0;
}

/* The '>' that closes the tag at @p, minding quoted attribute values; NULL if none. */
static const char *
tag_end (const char *p)
{
  char quote = 0;

  for (p++; *p != '\0'; p++)
    {
      if (quote != 0)
        {
          if (*p == quote)
            quote = 0;
        }
      else if (*p == '"' || *p == '\'')
        {
          /* only after '=': an apostrophe in "<b>don't</b>" is not a quote */
          const char *q = p - 1;

          while (*q == ' ')
            q--;
          if (*q == '=')
            quote = *p;
        }
      else if (*p == '>')
        return p;
    }

  return NULL;
}

gboolean
_attache_feed_looks_like_html (const char *text)
{
  if (text == NULL)
    return FALSE;

  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '<' &&
          (g_ascii_isalpha (p[1]) || (p[1] == '/' && g_ascii_isalpha (p[2])) || p[1] == '!') &&
          strchr (p, '>') != NULL)
        return TRUE;

      if (*p == '&')
        {
          gunichar c;

          if (decode_entity (p, &c) > 0)
            return TRUE;
        }
    }

  return FALSE;
}

char *
_attache_feed_html_to_text (const char *html)
{
  GString *out;
  gboolean space = FALSE;
  const char *p;

  if (html == NULL)
    return NULL;

  out = g_string_sized_new (strlen (html));
  p = html;
  while (*p != '\0')
    {
      if (*p == '<' && p[1] == '!' && p[2] == '-' && p[3] == '-')
        {
          const char *close = strstr (p + 4, "-->");

          p = close != NULL ? close + 3 : p + strlen (p);
          space = TRUE;
          continue;
        }

      if (*p == '<' && (g_ascii_isalpha (p[1]) || p[1] == '/' || p[1] == '!' || p[1] == '?'))
        {
          const char *close = tag_end (p);
          const char *name = p + (p[1] == '/' ? 2 : 1);
          gsize len = 0;

          if (close == NULL)
            goto literal;

          while (g_ascii_isalnum (name[len]))
            len++;

          if (p[1] != '/' && (tag_is (name, len, "script") || tag_is (name, len, "style")))
            {
              const char *end = close + 1;

              /* Skip to the closing tag. */
              while ((end = strstr (end, "</")) != NULL &&
                     g_ascii_strncasecmp (end + 2, name, len) != 0)
                end += 2;
              close = end != NULL ? strchr (end, '>') : NULL;
              p = close != NULL ? close + 1 : p + strlen (p);
              space = TRUE;
              continue;
            }

          /* Tags that separate words; inline ones (b, i, a, span…) do not. */
          if (tag_is (name, len, "br") || tag_is (name, len, "p") || tag_is (name, len, "div") ||
              tag_is (name, len, "li") || tag_is (name, len, "td") || tag_is (name, len, "th") ||
              tag_is (name, len, "tr") || tag_is (name, len, "blockquote") ||
              tag_is (name, len, "hr") || tag_is (name, len, "img") ||
              (len == 2 && (name[0] == 'h' || name[0] == 'H') && name[1] >= '1' && name[1] <= '6'))
            space = TRUE;

          p = close + 1;
          continue;
        }

      if (*p == '&')
        {
          gunichar c;
          gsize n = decode_entity (p, &c);

          if (n > 0)
            {
              if (c == ' ' || c == '\t' || c == '\n' || c == '\r')
                space = TRUE;
              else
                {
                  if (space && out->len > 0)
                    g_string_append_c (out, ' ');
                  space = FALSE;
                  g_string_append_unichar (out, c);
                }
              p += n;
              continue;
            }
        }

      if (is_space (*p))
        {
          space = TRUE;
          p++;
          continue;
        }

    literal:
      if (space && out->len > 0)
        g_string_append_c (out, ' ');
      space = FALSE;
      g_string_append_c (out, *p);
      p++;
    }

  if (out->len == 0)
    {
      g_string_free (out, TRUE);
      return NULL;
    }

  return g_string_free (out, FALSE);
}

char *
_attache_feed_clean_line (const char *text)
{
  GString *out;
  gboolean space = FALSE;

  if (text == NULL)
    return NULL;

  out = g_string_sized_new (strlen (text));
  for (const char *p = text; *p != '\0'; p++)
    {
      if (is_space (*p))
        {
          space = TRUE;
          continue;
        }
      if (space && out->len > 0)
        g_string_append_c (out, ' ');
      space = FALSE;
      g_string_append_c (out, *p);
    }

  if (out->len == 0)
    {
      g_string_free (out, TRUE);
      return NULL;
    }

  return g_string_free (out, FALSE);
}
