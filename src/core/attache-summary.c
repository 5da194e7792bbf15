/* attache-summary.c: the most informative sentences of an article
 *
 * News puts what matters first, so a sentence's place counts; so does how much
 * of the article's own vocabulary it carries (the content words the article
 * repeats, and those of its title). Headings, datelines and fragments are not
 * candidates, and a sentence that repeats one already chosen is passed over.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "attache-summary"

#include "config.h"

#include <math.h>
#include <string.h>

#include "attache-summary.h"

/* English function words: they say nothing of what an article is about. */
static const char stop_words[] =
  "a about above after again against all also am an and any are as at be because been before being "
  "below between both but by can could did do does doing down during each few for from further had "
  "has have having he her here hers herself him himself his how i if in into is it its itself just "
  "me more most my myself no nor not now of off on once only or other our ours ourselves out over "
  "own same she should so some such than that the their theirs them themselves then there these they "
  "this those through to too under until up very was we were what when where which while who whom "
  "why will with would you your yours yourself yourselves said says say mr mrs ms one two new also "
  "year years last first told would could may might must shall per cent percent";

static GHashTable *
get_stop_words (void)
{
  static GHashTable *set;

  if (g_once_init_enter (&set))
    {
      GHashTable *words = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      g_auto(GStrv) list = g_strsplit (stop_words, " ", -1);

      for (guint i = 0; list[i] != NULL; i++)
        if (list[i][0] != '\0')
          g_hash_table_add (words, g_strdup (list[i]));
      g_once_init_leave (&set, words);
    }

  return set;
}

GArray *
attache_sentences (const char         *text,
                   const AttacheToken *tokens,
                   guint               n_tokens)
{
  GArray *sentences = g_array_new (FALSE, FALSE, sizeof (AttacheSpan));

  g_return_val_if_fail (text != NULL, sentences);

  for (guint i = 0; i < n_tokens; )
    {
      AttacheSpan span = { tokens[i].start, tokens[i].start + tokens[i].length };
      guint j = i + 1;

      while (j < n_tokens && !(tokens[j].flags & ATTACHE_TOKEN_SENTENCE_START))
        {
          span.end = tokens[j].start + tokens[j].length;
          j++;
        }
      g_array_append_val (sentences, span);
      i = j;
    }

  return sentences;
}

typedef struct
{
  AttacheSpan  span;
  guint        first_token;
  guint        n_tokens;
  GPtrArray   *content;     /* distinct content words, borrowed from the document table */
  double       score;
  gboolean     candidate;
} Sentence;

/* The content-word form of a token, or NULL: lowercase, letters or digits,
 * not a function word, not a lone digit string. */
static char *
content_word (const char         *text,
              const AttacheToken *token)
{
  const char *start = text + token->start;
  gboolean letter = FALSE;
  char *lower;

  for (const char *p = start; p < start + token->length; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isalpha (c))
        letter = TRUE;
      else if (!g_unichar_isdigit (c) && c != '-' && c != '\'')
        return NULL;
    }
  if (!letter || token->char_length < 2)
    return NULL;

  lower = g_utf8_strdown (start, token->length);
  if (g_hash_table_contains (get_stop_words (), lower))
    {
      g_free (lower);
      return NULL;
    }

  return lower;
}

/* A heading or a fragment: no verb-ish length, or no closing punctuation. */
static gboolean
is_candidate (const char *text,
              Sentence   *sentence)
{
  char last = text[sentence->span.end - 1];

  if (sentence->n_tokens < 6)
    return FALSE;
  if (strchr (".!?\"'”’)", last) == NULL)
    return FALSE;

  return TRUE;
}

GArray *
attache_summarize (const char         *title,
                   const char         *text,
                   const AttacheToken *tokens,
                   guint               n_tokens,
                   guint               n_sentences)
{
  g_autoptr(GArray) spans = NULL;
  g_autoptr(GHashTable) frequency = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GHashTable) title_words = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GArray) title_tokens = NULL;
  g_autofree Sentence *sentences = NULL;
  GArray *chosen;
  guint n, picked = 0;
  double max_salience = 0;

  g_return_val_if_fail (text != NULL, NULL);

  chosen = g_array_new (FALSE, FALSE, sizeof (AttacheSpan));
  if (n_sentences == 0 || n_tokens == 0)
    return chosen;

  spans = attache_sentences (text, tokens, n_tokens);
  n = spans->len;
  sentences = g_new0 (Sentence, n);

  /* Content words: how often the article uses each. */
  for (guint s = 0, t = 0; s < n; s++)
    {
      Sentence *sentence = &sentences[s];
      g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

      sentence->span = g_array_index (spans, AttacheSpan, s);
      sentence->first_token = t;
      sentence->content = g_ptr_array_new ();
      while (t < n_tokens && tokens[t].start < sentence->span.end)
        {
          g_autofree char *word = content_word (text, &tokens[t]);

          if (word != NULL)
            {
              gpointer key = NULL;
              guint *count = NULL;

              if (!g_hash_table_lookup_extended (frequency, word, &key, (gpointer *) &count))
                {
                  key = g_steal_pointer (&word);
                  count = g_new0 (guint, 1);
                  g_hash_table_insert (frequency, key, count);
                }
              (*count)++;
              if (g_hash_table_add (seen, key))
                g_ptr_array_add (sentence->content, key);
            }
          t++;
        }
      sentence->n_tokens = t - sentence->first_token;
      sentence->candidate = is_candidate (text, sentence);
    }

  if (title != NULL)
    {
      title_tokens = attache_tokenize (title, -1);
      for (guint i = 0; i < title_tokens->len; i++)
        {
          g_autofree char *word = content_word (title, &g_array_index (title_tokens, AttacheToken, i));
          gpointer key = NULL;

          if (word != NULL && g_hash_table_lookup_extended (frequency, word, &key, NULL))
            g_hash_table_add (title_words, key);
        }
    }

  /* Salience: the article's repeated words and its title's, per word of the sentence. */
  for (guint s = 0; s < n; s++)
    {
      Sentence *sentence = &sentences[s];
      double salience = 0;

      if (!sentence->candidate)
        continue;

      for (guint w = 0; w < sentence->content->len; w++)
        {
          const char *word = sentence->content->pdata[w];
          guint count = *(guint *) g_hash_table_lookup (frequency, word);

          if (count > 1)
            salience += log (count);
          if (g_hash_table_contains (title_words, word))
            salience += 1.0;
        }
      sentence->score = salience / sqrt (sentence->n_tokens);
      max_salience = MAX (max_salience, sentence->score);
    }

  /* Place: the lead matters most, and less and less after it. */
  for (guint s = 0, rank = 0; s < n; s++)
    {
      Sentence *sentence = &sentences[s];

      if (!sentence->candidate)
        continue;

      sentence->score = (max_salience > 0 ? sentence->score / max_salience : 0) + 1.0 / sqrt (rank + 1.0);
      rank++;
    }

  /* Best first, passing over near repeats of what is already taken. */
  while (picked < n_sentences)
    {
      int best = -1;

      for (guint s = 0; s < n; s++)
        {
          gboolean repeats = FALSE;

          if (!sentences[s].candidate || (best >= 0 && sentences[s].score <= sentences[best].score))
            continue;

          for (guint c = 0; c < chosen->len && !repeats; c++)
            {
              const AttacheSpan *taken = &g_array_index (chosen, AttacheSpan, c);
              guint shared = 0, total = sentences[s].content->len;

              for (guint o = 0; o < n; o++)
                {
                  if (sentences[o].span.start != taken->start)
                    continue;
                  for (guint w = 0; w < sentences[s].content->len; w++)
                    for (guint v = 0; v < sentences[o].content->len; v++)
                      if (sentences[s].content->pdata[w] == sentences[o].content->pdata[v])
                        shared++;
                  total += sentences[o].content->len;
                }
              repeats = total > 0 && 2.0 * shared / total > 0.6;
            }

          if (!repeats)
            best = s;
        }

      if (best < 0)
        break;

      g_array_append_val (chosen, sentences[best].span);
      sentences[best].candidate = FALSE;
      picked++;
    }

  /* In article order. */
  for (guint i = 1; i < chosen->len; i++)
    for (guint j = i; j > 0 && g_array_index (chosen, AttacheSpan, j - 1).start > g_array_index (chosen, AttacheSpan, j).start; j--)
      {
        AttacheSpan swap = g_array_index (chosen, AttacheSpan, j);

        g_array_index (chosen, AttacheSpan, j) = g_array_index (chosen, AttacheSpan, j - 1);
        g_array_index (chosen, AttacheSpan, j - 1) = swap;
      }

  for (guint s = 0; s < n; s++)
    g_ptr_array_unref (sentences[s].content);

  return chosen;
}
