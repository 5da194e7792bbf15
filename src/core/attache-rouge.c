/* attache-rouge.c: ROUGE scores of a summary against a reference
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "attache-rouge"

#include "config.h"

#include <string.h>

#include "attache-rouge.h"

/* The lowercase words of @text, as quarks so they compare as integers. */
static GArray *
words_of (const char *text)
{
  GArray *words = g_array_new (FALSE, FALSE, sizeof (GQuark));
  const char *p = text;

  while (*p != '\0')
    {
      const char *start;

      while (*p != '\0' && !g_unichar_isalnum (g_utf8_get_char (p)))
        p = g_utf8_next_char (p);
      start = p;
      while (*p != '\0' && g_unichar_isalnum (g_utf8_get_char (p)))
        p = g_utf8_next_char (p);
      if (p > start)
        {
          g_autofree char *word = g_utf8_strdown (start, p - start);
          GQuark quark = g_quark_from_string (word);

          g_array_append_val (words, quark);
        }
    }

  return words;
}

static void
set_score (AttacheRougeScore *score,
           double             overlap,
           double             candidate_total,
           double             reference_total)
{
  score->precision = candidate_total > 0 ? overlap / candidate_total : 0.0;
  score->recall = reference_total > 0 ? overlap / reference_total : 0.0;
  score->f1 = score->precision + score->recall > 0
            ? 2 * score->precision * score->recall / (score->precision + score->recall)
            : 0.0;
}

/* n-gram → count, keyed by the n quarks packed into a string. */
static GHashTable *
count_ngrams (GArray *words,
              guint   n)
{
  GHashTable *counts = g_hash_table_new_full (g_bytes_hash, g_bytes_equal,
                                              (GDestroyNotify) g_bytes_unref, NULL);

  for (guint i = 0; i + n <= words->len; i++)
    {
      GBytes *key = g_bytes_new (&g_array_index (words, GQuark, i), n * sizeof (GQuark));
      guint count = GPOINTER_TO_UINT (g_hash_table_lookup (counts, key));

      g_hash_table_insert (counts, key, GUINT_TO_POINTER (count + 1));
    }

  return counts;
}

static void
rouge_n (GArray            *candidate,
         GArray            *reference,
         guint              n,
         AttacheRougeScore *score)
{
  g_autoptr(GHashTable) candidate_counts = count_ngrams (candidate, n);
  g_autoptr(GHashTable) reference_counts = count_ngrams (reference, n);
  GHashTableIter iter;
  gpointer key, value;
  guint overlap = 0;

  g_hash_table_iter_init (&iter, candidate_counts);
  while (g_hash_table_iter_next (&iter, &key, &value))
    overlap += MIN (GPOINTER_TO_UINT (value),
                    GPOINTER_TO_UINT (g_hash_table_lookup (reference_counts, key)));

  set_score (score, overlap,
             candidate->len >= n ? candidate->len - n + 1 : 0,
             reference->len >= n ? reference->len - n + 1 : 0);
}

/* Length of the longest common subsequence, in two rows of memory. */
static guint
lcs_length (GArray *a,
            GArray *b)
{
  g_autofree guint *previous = g_new0 (guint, b->len + 1);
  g_autofree guint *current = g_new0 (guint, b->len + 1);

  for (guint i = 1; i <= a->len; i++)
    {
      GQuark word = g_array_index (a, GQuark, i - 1);
      guint *swap;

      for (guint j = 1; j <= b->len; j++)
        {
          if (word == g_array_index (b, GQuark, j - 1))
            current[j] = previous[j - 1] + 1;
          else
            current[j] = MAX (previous[j], current[j - 1]);
        }

      swap = previous;
      previous = current;
      current = swap;
    }

  return previous[b->len];
}

void
attache_rouge_score (const char   *candidate,
                     const char   *reference,
                     AttacheRouge *out)
{
  g_autoptr(GArray) candidate_words = NULL;
  g_autoptr(GArray) reference_words = NULL;

  g_return_if_fail (candidate != NULL);
  g_return_if_fail (reference != NULL);
  g_return_if_fail (out != NULL);

  candidate_words = words_of (candidate);
  reference_words = words_of (reference);

  rouge_n (candidate_words, reference_words, 1, &out->rouge1);
  rouge_n (candidate_words, reference_words, 2, &out->rouge2);
  set_score (&out->rougeL, lcs_length (candidate_words, reference_words),
             candidate_words->len, reference_words->len);
}
