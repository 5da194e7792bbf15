/* attache-text-format.c: bytes of a file → an article (not stored yet)
 *
 * Decoding (UTF-8, UTF-16 with a BOM, else the legacy encoding the bytes look like,
 * from attache-charset, else Windows-1252/ISO-8859-1), refusal of
 * binary data, and the three formats analysts bring: plain text (optionally with
 * a leading "date YYYY-MM-DD" marker and/or a title line), Markdown, and HTML
 * (the article and its metadata, found by attache-extract).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "attache-text-format"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "attache-charset-private.h"
#include "attache-extract.h"
#include "attache-importer.h"

typedef enum
{
  FORMAT_TEXT,
  FORMAT_MARKDOWN,
  FORMAT_HTML,
} Format;

/* The longest generated or accepted title line, in characters. */
#define MAX_TITLE_CHARS 90

/* Decoding */

static gboolean
looks_binary (const guchar *data,
              gsize         len,
              GError      **error)
{
  gsize n = MIN (len, 64 * 1024);
  gsize controls = 0;

  if (len >= 5 && memcmp (data, "%PDF-", 5) == 0)
    {
      g_set_error (error, ATTACHE_IMPORT_ERROR, ATTACHE_IMPORT_ERROR_BINARY,
                   _("a PDF document, not a text file; save it as text first"));
      return TRUE;
    }
  if (len >= 4 && memcmp (data, "PK\003\004", 4) == 0)
    {
      g_set_error (error, ATTACHE_IMPORT_ERROR, ATTACHE_IMPORT_ERROR_BINARY,
                   _("a zip archive or office document, not a text file; save it as text first"));
      return TRUE;
    }

  for (gsize i = 0; i < n; i++)
    {
      guchar c = data[i];

      if (c == 0)
        controls += n;   /* one NUL is enough */
      else if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != '\v' && c != 0x1b)
        controls++;
    }

  /* A few stray control characters happen in real text; many do not. */
  if (controls * 100 > n)
    {
      g_set_error (error, ATTACHE_IMPORT_ERROR, ATTACHE_IMPORT_ERROR_BINARY,
                   _("not a text file (binary data)"));
      return TRUE;
    }

  return FALSE;
}

/* Whether the character at @p never composes with the one before it, so
 * that text can be normalised in pieces cut just before it: ASCII, spaces,
 * punctuation and the letters of cased scripts (what composes with a
 * character before it is a mark, a vowel sign or a Hangul jamo). */
static gboolean
starts_piece (const char *p)
{
  gunichar c;

  if ((guchar) *p < 0x80)
    return TRUE;

  c = g_utf8_get_char_validated (p, -1);
  if (c == (gunichar) -1 || c == (gunichar) -2)
    return FALSE;

  switch (g_unichar_type (c))
    {
    case G_UNICODE_SPACE_SEPARATOR:
    case G_UNICODE_LINE_SEPARATOR:
    case G_UNICODE_PARAGRAPH_SEPARATOR:
    case G_UNICODE_CONNECT_PUNCTUATION:
    case G_UNICODE_DASH_PUNCTUATION:
    case G_UNICODE_CLOSE_PUNCTUATION:
    case G_UNICODE_FINAL_PUNCTUATION:
    case G_UNICODE_INITIAL_PUNCTUATION:
    case G_UNICODE_OTHER_PUNCTUATION:
    case G_UNICODE_OPEN_PUNCTUATION:
    case G_UNICODE_LOWERCASE_LETTER:
    case G_UNICODE_UPPERCASE_LETTER:
    case G_UNICODE_TITLECASE_LETTER:
      return TRUE;
    default:
      return FALSE;
    }
}

/* @text in NFC (a letter and its accents composed), or NULL when it is not
 * valid UTF-8. A piece at a time (see starts_piece ()): GLib's normalisation
 * moves the rest of its buffer at each composition, so that 1 MB of
 * accented text in one piece took 6 s. */
static char *
normalize_nfc (const char *text)
{
  const gsize piece = 4096;
  gsize length = strlen (text);
  GString *normal = g_string_sized_new (length);
  gsize start = 0;

  while (start < length)
    {
      gsize end = MIN (start + piece, length);
      g_autofree char *part = NULL;

      /* To the start of a character (UTF-8 continuation bytes are 10xxxxxx),
       * then on to one a piece may start with. */
      while (end < length && ((guchar) text[end] & 0xC0) == 0x80)
        end++;
      while (end < length && !starts_piece (text + end))
        {
          end++;
          while (end < length && ((guchar) text[end] & 0xC0) == 0x80)
            end++;
        }

      part = g_utf8_normalize (text + start, end - start, G_NORMALIZE_NFC);
      if (part == NULL)
        {
          g_string_free (normal, TRUE);
          return NULL;
        }
      g_string_append (normal, part);
      start = end;
    }

  return g_string_free (normal, FALSE);
}

/* Returns UTF-8 text, with line endings made \n and normalised to NFC. */
static char *
decode_text (const guchar  *data,
             gsize          len,
             GError       **error)
{
  g_autofree char *utf8 = NULL;
  g_autofree char *normal = NULL;
  GString *clean;

  if (len >= 2 && ((data[0] == 0xff && data[1] == 0xfe) || (data[0] == 0xfe && data[1] == 0xff)))
    {
      const char *from = data[0] == 0xff ? "UTF-16LE" : "UTF-16BE";

      utf8 = g_convert ((const char *) data + 2, len - 2, "UTF-8", from, NULL, NULL, NULL);
      if (utf8 == NULL)
        {
          g_set_error (error, ATTACHE_IMPORT_ERROR, ATTACHE_IMPORT_ERROR_BINARY,
                       _("not a text file (broken UTF-16 text)"));
          return NULL;
        }
    }
  else
    {
      const char *charset;

      if (len >= 3 && data[0] == 0xef && data[1] == 0xbb && data[2] == 0xbf)
        {
          data += 3;
          len -= 3;
        }

      if (looks_binary (data, len, error))
        return NULL;

      charset = _attache_charset_guess (data, len);
      if (g_utf8_validate_len ((const char *) data, len, NULL) && !g_str_has_prefix (charset, "ISO-2022-"))
        utf8 = g_strndup ((const char *) data, len);
      else if (strcmp (charset, "UTF-8") == 0)
        utf8 = g_utf8_make_valid ((const char *) data, len);   /* UTF-8 with a few broken bytes */
      else
        {
          /* The encoding the bytes look like; when that does not read them all, or
           * nothing looked clearly better, Windows-1252, which is a superset of
           * ISO-8859-1's printable characters; the five bytes it leaves undefined
           * are taken as ISO-8859-1. */
          if (strcmp (charset, "WINDOWS-1252") != 0)
            utf8 = g_convert ((const char *) data, len, "UTF-8", _attache_charset_decoder (charset), NULL, NULL, NULL);
          if (utf8 == NULL)
            utf8 = g_convert ((const char *) data, len, "UTF-8", "WINDOWS-1252", NULL, NULL, NULL);
          if (utf8 == NULL)
            utf8 = g_convert ((const char *) data, len, "UTF-8", "ISO-8859-1", NULL, NULL, NULL);
          if (utf8 == NULL)
            {
              g_set_error (error, ATTACHE_IMPORT_ERROR, ATTACHE_IMPORT_ERROR_BINARY,
                           _("not a text file (unknown encoding)"));
              return NULL;
            }
        }
    }

  normal = normalize_nfc (utf8);
  if (normal == NULL)
    {
      g_set_error (error, ATTACHE_IMPORT_ERROR, ATTACHE_IMPORT_ERROR_BINARY,
                   _("not a text file (invalid characters)"));
      return NULL;
    }

  clean = g_string_sized_new (strlen (normal));
  for (const char *p = normal; *p != '\0'; p++)
    {
      if (*p == '\r')
        {
          g_string_append_c (clean, '\n');
          if (p[1] == '\n')
            p++;
        }
      else if (*p == '\f' || *p == '\v')
        g_string_append_c (clean, '\n');
      else
        g_string_append_c (clean, *p);
    }

  return g_string_free (clean, FALSE);
}

/* Paragraphs */

static gboolean
is_blank (const char *line)
{
  for (; *line != '\0'; line++)
    if (!g_ascii_isspace (*line))
      return FALSE;
  return TRUE;
}

static gboolean
is_list_item (const char *line)
{
  while (*line == ' ' || *line == '\t')
    line++;

  if ((line[0] == '-' || line[0] == '*' || line[0] == '+') && line[1] == ' ')
    return TRUE;
  if (g_str_has_prefix (line, "• "))
    return TRUE;
  if (g_ascii_isdigit (line[0]))
    {
      while (g_ascii_isdigit (*line))
        line++;
      return (line[0] == '.' || line[0] == ')') && line[1] == ' ';
    }

  return FALSE;
}

/* Collapses runs of white space to one space and trims. */
static char *
collapse_spaces (const char *s)
{
  GString *out = g_string_sized_new (strlen (s));
  gboolean space = FALSE;

  for (const char *p = s; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c) || c == 0x00a0)
        {
          space = out->len > 0;
          continue;
        }
      if (space)
        g_string_append_c (out, ' ');
      space = FALSE;
      g_string_append_unichar (out, c);
    }

  return g_string_free (out, FALSE);
}

/* Splits text at blank lines. Lines within a paragraph are joined with a space
 * (hard-wrapped text flows again), except list items, which keep their line. */
static GPtrArray *
split_paragraphs (const char *text)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  GPtrArray *paragraphs = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) current = g_string_new (NULL);

  for (guint i = 0; ; i++)
    {
      const char *line = lines[i];

      if (line == NULL || is_blank (line))
        {
          if (current->len > 0)
            {
              g_ptr_array_add (paragraphs, g_strdup (current->str));
              g_string_truncate (current, 0);
            }
          if (line == NULL)
            break;
          continue;
        }

      {
        g_autofree char *collapsed = collapse_spaces (line);

        if (current->len > 0)
          g_string_append_c (current, is_list_item (line) ? '\n' : ' ');
        g_string_append (current, collapsed);
      }
    }

  return paragraphs;
}

static char *
join_paragraphs (GPtrArray *paragraphs,
                 guint      first)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = first; i < paragraphs->len; i++)
    {
      if (text->len > 0)
        g_string_append (text, "\n\n");
      g_string_append (text, g_ptr_array_index (paragraphs, i));
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* Replaces *@field by a copy of @value (g_set_str is newer than our GLib floor). */
static void
replace_str (char       **field,
             const char  *value)
{
  char *copy = g_strdup (value);

  g_free (*field);
  *field = copy;
}

/* Titles */

static gboolean
ends_sentence (const char *s)
{
  gsize len = strlen (s);

  while (len > 0 && (s[len - 1] == '"' || s[len - 1] == '\'' || s[len - 1] == ')'))
    len--;
  if (len >= 3 && strncmp (s + len - 3, "”", 3) == 0)
    len -= 3;

  return len > 0 && strchr (".!?:;,", s[len - 1]) != NULL;
}

/* A first paragraph is a title line when it is one short line that does not read
 * as a sentence, and text follows it. */
static gboolean
is_title_line (GPtrArray *paragraphs)
{
  const char *first;

  if (paragraphs->len < 2)
    return FALSE;

  first = g_ptr_array_index (paragraphs, 0);
  return strchr (first, '\n') == NULL &&
         g_utf8_strlen (first, -1) <= 150 &&
         !ends_sentence (first) &&
         !is_list_item (first);
}

static const char * const abbreviations[] = {
  "mr", "mrs", "ms", "dr", "prof", "gen", "col", "lt", "sgt", "capt", "gov", "sen", "rep",
  "st", "jr", "sr", "no", "vs", "etc", "inc", "ltd", "co", "corp", "dept", "approx", "est",
  "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", NULL
};

/* Length in bytes of the first sentence of @paragraph. */
static gsize
first_sentence_length (const char *paragraph)
{
  for (const char *p = paragraph; *p != '\0'; p++)
    {
      const char *word;
      g_autofree char *lower = NULL;

      if (*p != '.' && *p != '!' && *p != '?')
        continue;
      if (p[1] != ' ' && p[1] != '\0' && p[1] != '\n')
        continue;
      if (*p != '.')
        return p - paragraph + 1;

      /* Not after an abbreviation ("Mr.") or an initial ("U.S.", "J."). */
      word = p;
      while (word > paragraph && (g_ascii_isalpha (word[-1]) || word[-1] == '.'))
        word--;
      lower = g_ascii_strdown (word, p - word);
      if (p - word == 1 || strchr (lower, '.') != NULL || g_strv_contains (abbreviations, lower))
        continue;

      return p - paragraph + 1;
    }

  return strlen (paragraph);
}

static const char * const cut_before[] = {
  "for", "with", "to", "in", "on", "at", "by", "from", "of", "as", "amid", "after",
  "before", "over", "during", "while", "which", "that", "who", "where", "and", "but",
  "because", "since", "despite", "following", "into", "against", "under", "between", NULL
};

/* Whether the word before @space and @next_word belong together ("according to",
 * "such as"), so that a title must not be cut between them. */
static gboolean
ends_fixed_phrase (const char *sentence,
                   const char *space,
                   const char *next_word)
{
  static const char * const pairs[][2] = {
    { "according", "to" }, { "due", "to" }, { "prior", "to" }, { "close", "to" },
    { "next", "to" }, { "thanks", "to" }, { "such", "as" }, { "well", "as" },
    { "ahead", "of" }, { "because", "of" }, { "instead", "of" }, { "out", "of" },
  };
  const char *start = space;
  g_autofree char *previous = NULL;

  while (start > sentence && start[-1] != ' ')
    start--;
  previous = g_ascii_strdown (start, space - start);

  for (guint i = 0; i < G_N_ELEMENTS (pairs); i++)
    if (g_str_equal (previous, pairs[i][0]) && g_str_equal (next_word, pairs[i][1]))
      return TRUE;

  return FALSE;
}

static char *
trim_trailing_punctuation (char *s)
{
  gsize len = strlen (s);

  while (len > 0 && strchr (" .,;:-–—", s[len - 1]) != NULL)
    s[--len] = '\0';
  /* An en or em dash is three bytes in UTF-8. */
  while (len >= 3 && (g_str_has_suffix (s, "–") || g_str_has_suffix (s, "—")))
    {
      len -= 3;
      s[len] = '\0';
      while (len > 0 && s[len - 1] == ' ')
        s[--len] = '\0';
    }

  return s;
}

/* A short title from the text: its first sentence if short enough, else the
 * sentence cut where a headline would end (before "with", "for", a comma…). */
static char *
make_title (const char *text)
{
  g_autofree char *first_paragraph = NULL;
  g_autofree char *sentence = NULL;
  const char *end = strstr (text, "\n\n");
  glong n_chars;
  const char *boundary = NULL;
  const char *clause = NULL;
  const char *space = NULL;
  const char *best;
  gboolean best_is_boundary;
  glong chars = 0;

  first_paragraph = end != NULL ? g_strndup (text, end - text) : g_strdup (text);
  g_strdelimit (first_paragraph, "\n", ' ');
  sentence = g_strndup (first_paragraph, first_sentence_length (first_paragraph));
  g_strstrip (sentence);

  n_chars = g_utf8_strlen (sentence, -1);
  if (n_chars <= MAX_TITLE_CHARS)
    {
      gsize len = strlen (sentence);

      if (len > 0 && sentence[len - 1] == '.')
        sentence[len - 1] = '\0';
      return g_steal_pointer (&sentence);
    }

  /* Cut at the last good place within the limit: after a clause's comma or before a
   * linking word, at least a third of the way in; else at the last space. */
  for (const char *p = sentence; *p != '\0' && chars <= MAX_TITLE_CHARS; p = g_utf8_next_char (p), chars++)
    {
      const char *word_end;
      g_autofree char *next_word = NULL;

      if (*p != ' ')
        continue;

      space = p;
      if (chars < MAX_TITLE_CHARS / 3)
        continue;

      word_end = p + 1;
      while (*word_end != '\0' && *word_end != ' ')
        word_end++;
      next_word = g_ascii_strdown (p + 1, word_end - p - 1);
      if (strchr (",;:", p[-1]) != NULL)
        clause = boundary = p;
      else if (g_strv_contains (cut_before, next_word) && !ends_fixed_phrase (sentence, p, next_word))
        boundary = p;
    }

  /* A clause ends more naturally than a phrase: prefer it when it is long enough. */
  if (clause != NULL && g_utf8_strlen (sentence, clause - sentence) >= MAX_TITLE_CHARS / 2)
    boundary = clause;

  best = boundary != NULL ? boundary : space;
  best_is_boundary = boundary != NULL;
  if (best == NULL)
    best = g_utf8_offset_to_pointer (sentence, MAX_TITLE_CHARS);   /* one enormous word */

  {
    g_autofree char *cut = g_strndup (sentence, best - sentence);

    trim_trailing_punctuation (cut);
    if (best_is_boundary)
      return g_steal_pointer (&cut);
    return g_strconcat (cut, "…", NULL);
  }
}

/* The "date YYYY-MM-DD" marker analysts' files begin with ("Date: 2024-04-02" too).
 * On a match, sets *@published and returns the text after the marker. */
static const char *
strip_date_marker (const char  *text,
                   char       **published)
{
  static GRegex *marker;
  g_autoptr(GMatchInfo) match = NULL;
  int end;

  if (g_once_init_enter (&marker))
    g_once_init_leave (&marker,
                               g_regex_new ("^\\s*date\\s*:?\\s+(\\d{4}-\\d{2}-\\d{2})(?=\\s|$)[ \\t]*\\n?",
                                            G_REGEX_CASELESS | G_REGEX_OPTIMIZE, 0, NULL));

  if (!g_regex_match (marker, text, 0, &match))
    return text;

  *published = g_match_info_fetch (match, 1);
  g_match_info_fetch_pos (match, 0, NULL, &end);
  return text + end;
}

static gboolean
parse_plain_text (AttacheArticle  *article,
                  const char      *text,
                  GError         **error)
{
  g_autofree char *published = NULL;
  g_autoptr(GPtrArray) paragraphs = NULL;
  g_autofree char *body = NULL;
  g_autofree char *title = NULL;
  guint first = 0;

  text = strip_date_marker (text, &published);
  if (published != NULL && !attache_article_set_published (article, published))
    g_debug ("Ignoring impossible date %s", published);

  paragraphs = split_paragraphs (text);
  if (paragraphs->len == 0)
    {
      g_set_error (error, ATTACHE_IMPORT_ERROR, ATTACHE_IMPORT_ERROR_EMPTY,
                   _("empty file (nothing but white space)"));
      return FALSE;
    }

  if (is_title_line (paragraphs))
    {
      title = g_strdup (g_ptr_array_index (paragraphs, 0));
      first = 1;
    }

  body = join_paragraphs (paragraphs, first);
  if (title == NULL)
    title = make_title (body);

  attache_article_set_title (article, title);
  attache_article_set_text (article, body);
  return TRUE;
}

/* Markdown */

/* Removes inline Markdown: emphasis, code spans, links and images, HTML tags. */
static char *
strip_inline_markdown (const char *line)
{
  GString *out = g_string_sized_new (strlen (line));

  for (const char *p = line; *p != '\0'; p++)
    {
      if (*p == '\\' && p[1] != '\0' && strchr ("\\`*_{}[]()#+-.!<>", p[1]) != NULL)
        {
          g_string_append_c (out, *++p);
          continue;
        }

      if (*p == '!' && p[1] == '[')
        {
          const char *close = strstr (p, "](");
          const char *paren = close != NULL ? strchr (close, ')') : NULL;

          if (paren != NULL)
            {
              p = paren;
              continue;
            }
        }

      if (*p == '[')
        {
          const char *close = strchr (p, ']');

          if (close != NULL && close[1] == '(' && strchr (close, ')') != NULL)
            {
              g_autofree char *inner = g_strndup (p + 1, close - p - 1);
              g_autofree char *stripped = strip_inline_markdown (inner);

              g_string_append (out, stripped);
              p = strchr (close, ')');
              continue;
            }
        }

      if (*p == '<')
        {
          const char *close = strchr (p, '>');

          if (close != NULL && (g_ascii_isalpha (p[1]) || p[1] == '/'))
            {
              p = close;
              continue;
            }
        }

      if (*p == '`')
        continue;

      /* * and _ as emphasis markers, not inside words ("snake_case") or alone. */
      if (*p == '*' || (*p == '_' && (p == line || !g_ascii_isalnum (p[-1]) || !g_ascii_isalnum (p[1]))))
        {
          if (*p == '*' && p[1] == ' ' && (p == line || p[-1] == ' '))
            g_string_append_c (out, '*');
          continue;
        }

      g_string_append_c (out, *p);
    }

  return g_string_free (out, FALSE);
}

static void
parse_front_matter (AttacheArticle  *article,
                    const char     **text,
                    char           **title)
{
  const char *start = *text;
  const char *end;
  g_auto(GStrv) lines = NULL;
  g_autofree char *block = NULL;

  if (!g_str_has_prefix (start, "---\n"))
    return;

  end = strstr (start + 4, "\n---");
  if (end == NULL || (end[4] != '\n' && end[4] != '\0'))
    return;

  block = g_strndup (start + 4, end - start - 4);
  lines = g_strsplit (block, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      char *colon = strchr (lines[i], ':');
      g_autofree char *key = NULL;
      g_autofree char *value = NULL;

      if (colon == NULL)
        continue;

      key = g_ascii_strdown (lines[i], colon - lines[i]);
      g_strstrip (key);
      value = g_strdup (colon + 1);
      g_strstrip (value);
      if (value[0] == '"' || value[0] == '\'')
        {
          gsize len = strlen (value);

          if (len >= 2 && value[len - 1] == value[0])
            {
              memmove (value, value + 1, len - 2);
              value[len - 2] = '\0';
            }
        }

      if (g_str_equal (key, "title"))
        replace_str (title, value);
      else if (g_str_equal (key, "date") || g_str_equal (key, "published"))
        attache_article_set_published (article, value);
      else if (g_str_equal (key, "author"))
        attache_article_set_author (article, value);
      else if (g_str_equal (key, "source") || g_str_equal (key, "publisher"))
        attache_article_set_source (article, value);
      else if (g_str_equal (key, "url") || g_str_equal (key, "link"))
        attache_article_set_url (article, value);
      else if (g_str_equal (key, "lang") || g_str_equal (key, "language"))
        attache_article_set_language (article, value);
    }

  *text = end[4] == '\0' ? end + 4 : end + 5;
}

static gboolean
is_rule (const char *line)
{
  int n = 0;
  char c = 0;

  for (; *line != '\0'; line++)
    {
      if (*line == ' ')
        continue;
      if (*line != '-' && *line != '*' && *line != '_')
        return FALSE;
      if (c != 0 && *line != c)
        return FALSE;
      c = *line;
      n++;
    }

  return n >= 3;
}

static gboolean
parse_markdown (AttacheArticle  *article,
                const char      *text,
                GError         **error)
{
  g_autofree char *published = NULL;
  g_autofree char *title = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GString) plain = g_string_new (NULL);
  g_autofree char *body = NULL;
  g_autoptr(GPtrArray) paragraphs = NULL;
  gboolean in_fence = FALSE;

  parse_front_matter (article, &text, &title);
  text = strip_date_marker (text, &published);
  if (published != NULL)
    attache_article_set_published (article, published);

  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      char *line = lines[i];
      const char *content = line;
      const char *indented = line;
      g_autofree char *stripped = NULL;

      while (*indented == ' ')
        indented++;
      if (g_str_has_prefix (indented, "```") || g_str_has_prefix (indented, "~~~"))
        {
          in_fence = !in_fence;
          g_string_append_c (plain, '\n');
          continue;
        }
      if (in_fence)
        {
          g_string_append_printf (plain, "%s\n", line);
          continue;
        }

      /* Setext headings: "Title" over "=====" or "-----". */
      if (lines[i + 1] != NULL && !is_blank (line) &&
          (g_regex_match_simple ("^=+\\s*$", lines[i + 1], 0, 0) ||
           (g_regex_match_simple ("^-+\\s*$", lines[i + 1], 0, 0) && !is_list_item (line))))
        {
          stripped = strip_inline_markdown (line);
          g_strstrip (stripped);
          if (title == NULL && lines[i + 1][0] == '=')
            title = g_strdup (stripped);
          else
            g_string_append_printf (plain, "\n%s\n\n", stripped);
          i++;
          continue;
        }

      if (is_rule (line) && !is_blank (line))
        {
          g_string_append_c (plain, '\n');
          continue;
        }

      if (line[0] == '#')
        {
          int level = 0;

          while (content[0] == '#')
            {
              content++;
              level++;
            }
          if (content[0] == ' ' || content[0] == '\0')
            {
              stripped = strip_inline_markdown (content);
              /* Closing hashes: "## Heading ##". */
              g_strchomp (stripped);
              while (g_str_has_suffix (stripped, "#"))
                stripped[strlen (stripped) - 1] = '\0';
              g_strstrip (stripped);
              if (level == 1 && title == NULL)
                title = g_strdup (stripped);
              else if (stripped[0] != '\0')
                g_string_append_printf (plain, "\n%s\n\n", stripped);
              continue;
            }
          content = line;
        }

      while (content[0] == '>' )
        {
          content++;
          if (content[0] == ' ')
            content++;
        }

      stripped = strip_inline_markdown (content);
      if (is_list_item (content))
        {
          char *item = stripped;

          while (*item == ' ' || *item == '\t')
            item++;
          if (item[0] == '-' || item[0] == '*' || item[0] == '+')
            g_string_append_printf (plain, "• %s\n", item + 2);
          else
            g_string_append_printf (plain, "%s\n", item);
        }
      else
        g_string_append_printf (plain, "%s\n", stripped);
    }

  paragraphs = split_paragraphs (plain->str);
  if (paragraphs->len == 0 && title == NULL)
    {
      g_set_error (error, ATTACHE_IMPORT_ERROR, ATTACHE_IMPORT_ERROR_EMPTY,
                   _("empty file (nothing but white space)"));
      return FALSE;
    }
  if (paragraphs->len == 0)
    {
      g_set_error (error, ATTACHE_IMPORT_ERROR, ATTACHE_IMPORT_ERROR_NO_TEXT,
                   _("no text in this Markdown file, only a heading"));
      return FALSE;
    }

  body = join_paragraphs (paragraphs, 0);
  if (title == NULL)
    {
      if (is_title_line (paragraphs))
        {
          title = g_strdup (g_ptr_array_index (paragraphs, 0));
          g_free (body);
          body = join_paragraphs (paragraphs, 1);
        }
      else
        title = make_title (body);
    }

  attache_article_set_title (article, title);
  attache_article_set_text (article, body);
  return TRUE;
}

/* HTML */

/* The article of a web page, without its menus, comments, share bars and other
 * boilerplate, and what the page says about it (Open Graph, JSON-LD, <meta>…):
 * both found by attache-extract. */
static gboolean
parse_html (AttacheArticle  *article,
            const guchar    *data,
            gsize            len,
            const char      *page_url,
            const char      *http_charset,
            GError         **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(AttacheExtraction) extraction = attache_extract_html (data, len, page_url, http_charset, &local_error);
  g_autofree char *body = NULL;
  const char *published;

  if (extraction == NULL)
    {
      if (g_error_matches (local_error, ATTACHE_EXTRACT_ERROR, ATTACHE_EXTRACT_ERROR_NO_ARTICLE))
        g_set_error (error, ATTACHE_IMPORT_ERROR, ATTACHE_IMPORT_ERROR_NO_TEXT,
                     _("no readable text in this HTML file"));
      else
        g_set_error (error, ATTACHE_IMPORT_ERROR, ATTACHE_IMPORT_ERROR_NO_TEXT,
                     _("this HTML file could not be read"));
      return FALSE;
    }

  body = attache_extraction_dup_text (extraction);

  /* The page's headline, else one made from the text. */
  if (attache_extraction_get_title (extraction) != NULL)
    attache_article_set_title (article, attache_extraction_get_title (extraction));
  else
    {
      g_autofree char *made = make_title (body);

      attache_article_set_title (article, made);
    }

  attache_article_set_text (article, body);
  attache_article_set_source (article, attache_extraction_get_site_name (extraction));
  attache_article_set_author (article, attache_extraction_get_byline (extraction));
  attache_article_set_url (article, attache_extraction_get_url (extraction));
  attache_article_set_language (article, attache_extraction_get_language (extraction));

  published = attache_extraction_get_published (extraction);
  if (published != NULL && !attache_article_set_published (article, published))
    g_debug ("Ignoring impossible date %s", published);

  return TRUE;
}

/* Dispatch */

static Format
guess_format (const guchar *data,
              gsize         len,
              const char   *filename)
{
  g_autofree char *lower = g_ascii_strdown (filename != NULL ? filename : "", -1);
  g_autofree char *head = NULL;
  const char *p;

  if (g_str_has_suffix (lower, ".html") || g_str_has_suffix (lower, ".htm") ||
      g_str_has_suffix (lower, ".xhtml"))
    return FORMAT_HTML;
  if (g_str_has_suffix (lower, ".md") || g_str_has_suffix (lower, ".markdown") ||
      g_str_has_suffix (lower, ".mdown") || g_str_has_suffix (lower, ".mkd"))
    return FORMAT_MARKDOWN;
  if (g_str_has_suffix (lower, ".txt") || g_str_has_suffix (lower, ".text"))
    return FORMAT_TEXT;

  head = g_ascii_strdown ((const char *) data, MIN (len, 1024));
  p = head;
  if (g_str_has_prefix (p, "\xef\xbb\xbf"))
    p += 3;
  while (g_ascii_isspace (*p))
    p++;
  if (g_str_has_prefix (p, "<!doctype html") || g_str_has_prefix (p, "<html") ||
      strstr (p, "<body") != NULL || strstr (p, "<p>") != NULL)
    return FORMAT_HTML;
  if (g_str_has_prefix (p, "# ") || g_str_has_prefix (p, "---\n"))
    return FORMAT_MARKDOWN;

  return FORMAT_TEXT;
}

AttacheArticle *
attache_import_parse_bytes (GBytes      *bytes,
                            const char  *filename,
                            GError     **error)
{
  g_autoptr(AttacheArticle) article = NULL;
  g_autofree char *sha256 = NULL;
  const guchar *data;
  gsize len;
  gboolean ok;

  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  data = g_bytes_get_data (bytes, &len);

  if (len == 0)
    {
      g_set_error (error, ATTACHE_IMPORT_ERROR, ATTACHE_IMPORT_ERROR_EMPTY, _("empty file"));
      return NULL;
    }
  if (len > ATTACHE_IMPORT_MAX_FILE_SIZE)
    {
      g_autofree char *size = g_format_size_full (len, G_FORMAT_SIZE_IEC_UNITS);
      g_autofree char *limit = g_format_size_full (ATTACHE_IMPORT_MAX_FILE_SIZE, G_FORMAT_SIZE_IEC_UNITS);

      g_set_error (error, ATTACHE_IMPORT_ERROR, ATTACHE_IMPORT_ERROR_TOO_LARGE,
                   _("file too large (%s; the limit is %s)"), size, limit);
      return NULL;
    }

  article = attache_article_new ();
  sha256 = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, bytes);
  attache_article_set_sha256 (article, sha256);

  if (guess_format (data, len, filename) == FORMAT_HTML)
    {
      if (looks_binary (data, len, error))
        return NULL;
      ok = parse_html (article, data, len, NULL, NULL, error);
    }
  else
    {
      g_autofree char *text = decode_text (data, len, error);

      if (text == NULL)
        return NULL;

      if (guess_format ((const guchar *) text, strlen (text), filename) == FORMAT_MARKDOWN)
        ok = parse_markdown (article, text, error);
      else
        ok = parse_plain_text (article, text, error);
    }

  if (!ok)
    return NULL;

  return g_steal_pointer (&article);
}

AttacheArticle *
attache_import_parse_web_page (GBytes      *bytes,
                               const char  *url,
                               const char  *charset,
                               GError     **error)
{
  g_autoptr(AttacheArticle) article = NULL;
  g_autofree char *sha256 = NULL;
  const guchar *data;
  gsize len;

  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  data = g_bytes_get_data (bytes, &len);
  if (len == 0)
    {
      g_set_error (error, ATTACHE_IMPORT_ERROR, ATTACHE_IMPORT_ERROR_EMPTY, _("empty page"));
      return NULL;
    }

  article = attache_article_new ();
  sha256 = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, bytes);
  attache_article_set_sha256 (article, sha256);

  if (looks_binary (data, len, error) || !parse_html (article, data, len, url, charset, error))
    return NULL;

  return g_steal_pointer (&article);
}
