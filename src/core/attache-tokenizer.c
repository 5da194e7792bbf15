/* attache-tokenizer.c: words, punctuation and sentences of English news text
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Tokens follow the Penn Treebank / CoNLL habits of news corpora, so that the
 * tagger sees at run time what it saw in training:
 *
 *   "Blinken's"     → Blinken 's        "don't" → do n't
 *   "U.S.", "e.g."  → one token, with its final period
 *   "Mr.", "Gen."   → one token; so are initials ("J.") and listed abbreviations
 *   "Israel-Hamas"  → one token (hyphens between letters or digits stay)
 *   "1,000", "3.5"  → one token each; "10:30" and "1/2" too
 *   "O'Brien"       → one token
 *   punctuation     → its own token; "...", "--", "?!" are one token each
 *
 * Sentences end at ".", "?" and "!" (unless the next word starts in lower case),
 * at an ellipsis followed by a capital, at an abbreviation such as "U.S." that
 * is followed by a capitalised function word ("The", "He"…), and at a blank
 * line. Closing quotes and brackets stay with the sentence they close.
 *
 * The text need not be valid UTF-8: a byte that does not decode, a control
 * character or an invisible format character separates tokens like a space,
 * and counts as one character in the character offsets. Every step looks at
 * most a few characters or tokens ahead, so the work is linear in the length
 * of the text whatever it holds. Texts of 4 GiB or more are cut at 4 GiB.
 */

#define G_LOG_DOMAIN "attache-tokenizer"

#include "config.h"

#include <string.h>

#include "attache-tokenizer.h"

#define INVALID_CHAR ((gunichar) -1)

typedef enum
{
  KIND_WORD,
  KIND_ABBREVIATION,   /* "U.S.", "Inc.": may end a sentence */
  KIND_TITLE,          /* "Mr.", "Gen.", "J.": never ends a sentence */
  KIND_TERMINAL,       /* ".", "?", "!", "?!" */
  KIND_ELLIPSIS,       /* "...", "…" */
  KIND_CLOSING,        /* ")", "]", "”", "’", "»": closes what came before */
  KIND_QUOTE,          /* '"', "'", "''": opens or closes */
  KIND_OTHER,
} TokenKind;

typedef struct
{
  const guchar *text;
  gsize         length;
} Text;

static inline gunichar
char_at (const Text *t,
         gsize       pos,
         guint      *len)
{
  guchar b = t->text[pos];
  gunichar c;

  if (b < 0x80)
    {
      *len = 1;
      return b;
    }

  c = g_utf8_get_char_validated ((const char *) t->text + pos, (gssize) (t->length - pos));
  if (c == (gunichar) -1 || c == (gunichar) -2)
    {
      *len = 1;
      return INVALID_CHAR;
    }

  *len = (guint) g_unichar_to_utf8 (c, NULL);
  return c;
}

/* The character at @pos, or 0 past the end. */
static inline gunichar
peek (const Text *t,
      gsize       pos,
      guint      *len)
{
  if (pos >= t->length)
    {
      *len = 0;
      return 0;
    }

  return char_at (t, pos, len);
}

static inline gboolean
is_space_char (gunichar c)
{
  if (c < 0x80)
    return c <= 0x20 || c == 0x7f;
  if (c == INVALID_CHAR || c == 0xFFFD)
    return TRUE;

  switch (g_unichar_type (c))
    {
    case G_UNICODE_CONTROL:
    case G_UNICODE_FORMAT:
    case G_UNICODE_SURROGATE:
    case G_UNICODE_SPACE_SEPARATOR:
    case G_UNICODE_LINE_SEPARATOR:
    case G_UNICODE_PARAGRAPH_SEPARATOR:
      return TRUE;
    default:
      return FALSE;
    }
}

static inline gboolean
is_word_char (gunichar c)
{
  if (c < 0x80)
    return g_ascii_isalnum ((char) c);
  if (c == INVALID_CHAR)
    return FALSE;

  return g_unichar_isalnum (c) || g_unichar_ismark (c);
}

static inline gboolean
is_digit_char (gunichar c)
{
  return c < 0x80 ? g_ascii_isdigit ((char) c) : g_unichar_isdigit (c);
}

static inline gboolean
is_apostrophe (gunichar c)
{
  return c == '\'' || c == 0x2019;
}

static inline gboolean
is_hyphen (gunichar c)
{
  return c == '-' || c == 0x2010 || c == 0x2011;
}

/* The length in bytes of a clitic starting at @pos: "'s", "'re", "'ve",
 * "'ll", "'d", "'m" or "n't", followed by something that is not a letter;
 * 0 when there is none. */
static gsize
clitic_length (const Text *t,
               gsize       pos)
{
  guint len, alen;
  gunichar c = peek (t, pos, &len);
  char letters[4];
  guint n = 0;
  gsize p;

  if (c == 'n' || c == 'N')
    {
      gunichar a = peek (t, pos + 1, &alen);
      guint tlen, flen;
      gunichar tc;

      if (!is_apostrophe (a))
        return 0;
      tc = peek (t, pos + 1 + alen, &tlen);
      if (tc != 't' && tc != 'T')
        return 0;
      if (is_word_char (peek (t, pos + 1 + alen + 1, &flen)))
        return 0;
      return 1 + alen + 1;
    }

  if (!is_apostrophe (c))
    return 0;

  p = pos + len;
  for (;;)
    {
      guint l;
      gunichar x = peek (t, p, &l);

      if (x >= 0x80 || !g_ascii_isalpha ((char) x))
        {
          if (is_word_char (x))
            return 0;
          break;
        }
      if (n == 3)
        return 0;
      letters[n++] = g_ascii_tolower ((char) x);
      p += 1;
    }
  letters[n] = '\0';

  if (g_str_equal (letters, "s") || g_str_equal (letters, "re") || g_str_equal (letters, "ve") ||
      g_str_equal (letters, "ll") || g_str_equal (letters, "d") || g_str_equal (letters, "m"))
    return p - pos;

  return 0;
}

/* Abbreviations that keep their period. Titles come before a name and never
 * end a sentence; the others may. */
static const char * const title_abbreviations[] = {
  "mr", "mrs", "ms", "messrs", "dr", "prof", "gen", "lt", "col", "sgt", "capt", "cpl", "pvt",
  "sen", "rep", "gov", "adm", "maj", "brig", "cmdr", "rev", "hon", "pres", "supt", "insp",
  "det", "fr", "st", "mt", "ft", "no", "vol", "fig", "pp",
};

static const char * const other_abbreviations[] = {
  "inc", "corp", "ltd", "co", "bros", "jr", "sr", "etc", "vs", "al", "approx", "dept", "est",
  "univ", "ave", "blvd", "jan", "feb", "apr", "aug", "sep", "sept", "oct", "nov", "dec",
  "a.m", "p.m",
};

static gboolean
in_list (const char * const *list,
         guint               n,
         const char         *word)
{
  for (guint i = 0; i < n; i++)
    {
      if (g_str_equal (list[i], word))
        return TRUE;
    }

  return FALSE;
}

/* Whether the word [start, end) keeps a period that follows it, and how. */
static TokenKind
classify_period (const Text *t,
                 gsize       start,
                 gsize       end,
                 gboolean    has_period)
{
  char lower[8];
  gsize n = end - start;

  /* A single capital: an initial, "J. K. Rowling". */
  if (n == 1 && g_ascii_isupper (t->text[start]))
    return KIND_TITLE;

  /* Letters between periods, one or two at a time: "U.S", "e.g", "Ph.D". */
  if (has_period)
    {
      guint segment = 0;
      gboolean ok = TRUE;

      for (gsize p = start; p < end && ok; p++)
        {
          guchar b = t->text[p];

          if (b == '.')
            {
              ok = segment > 0;
              segment = 0;
            }
          else if (b < 0x80 && g_ascii_isalpha (b))
            {
              ok = ++segment <= 2;
            }
          else
            {
              ok = FALSE;
            }
        }
      if (ok && segment > 0)
        return KIND_ABBREVIATION;
    }

  if (n >= sizeof lower)
    return KIND_WORD;
  for (gsize i = 0; i < n; i++)
    {
      guchar b = t->text[start + i];

      if (b >= 0x80)
        return KIND_WORD;
      lower[i] = g_ascii_tolower (b);
    }
  lower[n] = '\0';

  /* "no." ends sentences ("he said no.") unless a number follows: "No. 10". */
  if (g_str_equal (lower, "no"))
    {
      guint l;
      gunichar after = peek (t, end + 1, &l);

      if (after == ' ')
        after = peek (t, end + 2, &l);
      return is_digit_char (after) ? KIND_TITLE : KIND_WORD;
    }
  if (in_list (title_abbreviations, G_N_ELEMENTS (title_abbreviations), lower))
    return KIND_TITLE;
  if (in_list (other_abbreviations, G_N_ELEMENTS (other_abbreviations), lower))
    return KIND_ABBREVIATION;

  return KIND_WORD;
}

/* A word from @start: letters and digits, with the connectors that keep a
 * word whole ("Israel-Hamas", "U.S", "1,000", "O'Brien"). Returns its end. */
static gsize
scan_word (const Text *t,
           gsize       start,
           guint32    *n_chars,
           TokenKind  *kind)
{
  gsize p = start;
  gunichar prev = 0;
  guint32 n = 0;
  gboolean has_period = FALSE;
  guint len;

  while (p < t->length)
    {
      gunichar c = char_at (t, p, &len);
      gunichar next;
      guint next_len;

      if (is_word_char (c))
        {
          prev = c;
          p += len;
          n++;
          continue;
        }

      next = peek (t, p + len, &next_len);
      if (!is_word_char (next))
        break;

      if (is_apostrophe (c))
        {
          if (clitic_length (t, p) > 0)
            break;
          if ((prev == 'n' || prev == 'N') && p - 1 > start && clitic_length (t, p - 1) > 0)
            {
              p -= 1;
              n -= 1;
              break;
            }
        }
      else if (c == '.')
        {
          has_period = TRUE;
        }
      else if (c == ',' || c == ':' || c == '/')
        {
          if (!is_digit_char (prev) || !is_digit_char (next))
            break;
        }
      else if (c == '&')
        {
          if (!g_unichar_isupper (prev) || !g_unichar_isupper (next))
            break;
        }
      else if (!is_hyphen (c))
        {
          break;
        }

      prev = c;
      p += len;
      n++;
    }

  *kind = KIND_WORD;

  /* A period after the word: kept by abbreviations and initials, but never
   * taken from an ellipsis. */
  if (p < t->length && t->text[p] == '.' && (p + 1 >= t->length || t->text[p + 1] != '.'))
    {
      TokenKind with_period = classify_period (t, start, p, has_period);

      if (with_period != KIND_WORD)
        {
          *kind = with_period;
          p += 1;
          n += 1;
        }
    }

  *n_chars = n;
  return p;
}

/* Punctuation and symbols from @start. Returns its end. */
static gsize
scan_punctuation (const Text *t,
                  gsize       start,
                  guint32    *n_chars,
                  TokenKind  *kind)
{
  guint len;
  gunichar c = char_at (t, start, &len);
  gsize p = start + len;
  guint32 n = 1;

  switch (c)
    {
    case '.':
    case 0x2026:
    case '!':
    case '?':
    case '-':
    case '`':
    case '\'':
    case '*':
    case '=':
      {
        gboolean question = c == '!' || c == '?';
        gboolean dots = c == '.' || c == 0x2026;

        for (;;)
          {
            guint l;
            gunichar x = peek (t, p, &l);

            if (!(x == c || (question && (x == '!' || x == '?')) || (dots && (x == '.' || x == 0x2026))))
              break;
            p += l;
            n++;
          }

        if (dots)
          *kind = (n > 1 || c == 0x2026) ? KIND_ELLIPSIS : KIND_TERMINAL;
        else if (question)
          *kind = KIND_TERMINAL;
        else if (c == '\'')
          *kind = KIND_QUOTE;
        else
          *kind = KIND_OTHER;
      }
      break;

    case '"':
      *kind = KIND_QUOTE;
      break;

    case ')':
    case ']':
    case '}':
    case 0x201D:  /* ” */
    case 0x2019:  /* ’ */
    case 0x00BB:  /* » */
      *kind = KIND_CLOSING;
      break;

    default:
      *kind = KIND_OTHER;
      break;
    }

  *n_chars = n;
  return p;
}

static const char * const sentence_openers[] = {
  "The", "A", "An", "He", "She", "It", "They", "We", "I", "You", "In", "On", "At", "But",
  "And", "This", "That", "These", "Those", "There", "His", "Her", "Its", "Their", "Our",
  "As", "After", "Before", "When", "While", "If", "For", "Some", "Many", "Most", "Meanwhile",
  "However", "Officials", "Mr.", "Mrs.", "Ms.",
};

static gunichar
first_char (const Text         *t,
            const AttacheToken *token)
{
  guint len;

  return char_at (t, token->start, &len);
}

static gboolean
token_is (const Text         *t,
          const AttacheToken *token,
          const char         *word)
{
  return strlen (word) == token->length && memcmp (t->text + token->start, word, token->length) == 0;
}

/* Marks the first token of every sentence. */
static void
mark_sentences (const Text   *t,
                AttacheToken *tokens,
                const guint8 *kinds,
                guint         n)
{
  gboolean pending = FALSE;

  for (guint i = 0; i < n; i++)
    {
      AttacheToken *token = &tokens[i];
      TokenKind kind = kinds[i];
      guint next;

      if (i == 0 || (token->flags & ATTACHE_TOKEN_PARAGRAPH) != 0)
        {
          token->flags |= ATTACHE_TOKEN_SENTENCE_START;
          pending = FALSE;
        }
      else if (pending)
        {
          gboolean attached = (token->flags & ATTACHE_TOKEN_SPACE_BEFORE) == 0;

          /* What closes the sentence stays in it: ?" ." ) .' */
          if (kind == KIND_CLOSING ||
              (attached && (kind == KIND_QUOTE || kind == KIND_TERMINAL || kind == KIND_ELLIPSIS)))
            continue;

          token->flags |= ATTACHE_TOKEN_SENTENCE_START;
          pending = FALSE;
        }

      if (kind != KIND_TERMINAL && kind != KIND_ELLIPSIS && kind != KIND_ABBREVIATION)
        continue;

      /* The next token that does not close the sentence (a few at most). */
      next = i + 1;
      while (next < n && next < i + 8 &&
             (kinds[next] == KIND_CLOSING || kinds[next] == KIND_QUOTE))
        next++;
      if (next >= n)
        {
          pending = TRUE;
          continue;
        }

      switch (kind)
        {
        case KIND_TERMINAL:
          pending = !g_unichar_islower (first_char (t, &tokens[next]));
          break;

        case KIND_ELLIPSIS:
          pending = g_unichar_isupper (first_char (t, &tokens[next]));
          break;

        case KIND_ABBREVIATION:
          for (guint k = 0; k < G_N_ELEMENTS (sentence_openers) && !pending; k++)
            pending = token_is (t, &tokens[next], sentence_openers[k]);
          break;

        default:
          break;
        }
    }
}

/**
 * attache_tokenize:
 * @text: the text, UTF-8 (invalid bytes separate tokens)
 * @length: its length in bytes, or -1 if it ends with a NUL
 *
 * Splits @text into tokens and sentences (see the top of this file).
 *
 * Returns: (transfer full): a #GArray of #AttacheToken, in text order
 */
GArray *
attache_tokenize (const char *text,
                  gssize      length)
{
  g_autoptr(GByteArray) kinds = NULL;
  GArray *tokens;
  Text t;
  gsize pos = 0;
  guint32 char_pos = 0;
  guint newlines = 0;
  gboolean space = TRUE;

  g_return_val_if_fail (text != NULL || length == 0, NULL);

  if (length < 0)
    length = (gssize) strlen (text);
  if ((gsize) length > G_MAXUINT32)
    length = G_MAXUINT32;

  t.text = (const guchar *) text;
  t.length = (gsize) length;

  /* About one token every six bytes in English news. */
  tokens = g_array_sized_new (FALSE, FALSE, sizeof (AttacheToken), (guint) (t.length / 6 + 1));
  kinds = g_byte_array_sized_new ((guint) (t.length / 6 + 1));

  while (pos < t.length)
    {
      AttacheToken token = { 0, };
      TokenKind kind;
      guint len;
      gunichar c = char_at (&t, pos, &len);
      gsize clitic;
      gsize end;
      guint8 kind_byte;

      if (is_space_char (c))
        {
          if (c == '\n' || c == 0x2029)
            newlines++;
          pos += len;
          char_pos++;
          space = TRUE;
          continue;
        }

      clitic = clitic_length (&t, pos);
      if (clitic > 0)
        {
          end = pos + clitic;
          token.char_length = (guint32) g_utf8_strlen (text + pos, (gssize) clitic);
          kind = KIND_WORD;
        }
      else if (is_word_char (c))
        {
          end = scan_word (&t, pos, &token.char_length, &kind);
        }
      else
        {
          end = scan_punctuation (&t, pos, &token.char_length, &kind);
        }

      token.start = (guint32) pos;
      token.length = (guint32) (end - pos);
      token.char_start = char_pos;
      if (space)
        token.flags |= ATTACHE_TOKEN_SPACE_BEFORE;
      if (newlines >= 2)
        token.flags |= ATTACHE_TOKEN_PARAGRAPH;

      g_array_append_val (tokens, token);
      kind_byte = (guint8) kind;
      g_byte_array_append (kinds, &kind_byte, 1);

      char_pos += token.char_length;
      pos = end;
      space = FALSE;
      newlines = 0;
    }

  mark_sentences (&t, (AttacheToken *) (void *) tokens->data, kinds->data, tokens->len);

  return tokens;
}
