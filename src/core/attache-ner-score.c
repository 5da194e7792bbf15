/* attache-ner-score.c: precision, recall and F1 of named entities, as conlleval counts them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A name is a chunk: it begins at B-X, or at I-X after O or another type, and
 * ends before O, B-anything, another type, or the end of the sentence. A
 * predicted name is correct when a gold name has the same first token, last
 * token and type. Precision, recall and F1 are in percent, micro-averaged
 * over the types asked for.
 */

#define G_LOG_DOMAIN "attache-ner-score"

#include "config.h"

#include "attache-ner-score.h"

typedef struct
{
  guint          start;
  guint          end;     /* exclusive */
  AttacheNerType type;
} Chunk;

/* The next chunk at or after *pos, FALSE when there is none. */
static gboolean
next_chunk (const AttacheToken    *tokens,
            const AttacheNerLabel *labels,
            guint                  n,
            guint                 *pos,
            Chunk                 *chunk)
{
  guint i = *pos;

  while (i < n && labels[i] == ATTACHE_NER_O)
    i++;
  if (i >= n)
    {
      *pos = n;
      return FALSE;
    }

  chunk->start = i;
  chunk->type = ATTACHE_NER_LABEL_TYPE (labels[i]);
  i++;
  while (i < n && ATTACHE_NER_LABEL_IS_INSIDE (labels[i]) &&
         ATTACHE_NER_LABEL_TYPE (labels[i]) == chunk->type &&
         (tokens == NULL || (tokens[i].flags & ATTACHE_TOKEN_SENTENCE_START) == 0))
    i++;
  chunk->end = i;
  *pos = i;

  return TRUE;
}

/**
 * attache_ner_score_add:
 * @tokens: (nullable): the tokens, for their sentence starts
 *
 * Adds the names of @n_tokens tokens, gold and predicted, to @score.
 */
void
attache_ner_score_add (AttacheNerScore       *score,
                       const AttacheToken    *tokens,
                       const AttacheNerLabel *gold,
                       const AttacheNerLabel *predicted,
                       guint                  n_tokens)
{
  guint gold_pos = 0, predicted_pos = 0;
  Chunk g, p;
  gboolean have_gold, have_predicted;

  g_return_if_fail (score != NULL);
  g_return_if_fail (n_tokens == 0 || (gold != NULL && predicted != NULL));

  for (guint i = 0; i < n_tokens; i++)
    {
      score->tokens++;
      if (gold[i] == predicted[i])
        score->tokens_correct++;
    }

  have_gold = next_chunk (tokens, gold, n_tokens, &gold_pos, &g);
  have_predicted = next_chunk (tokens, predicted, n_tokens, &predicted_pos, &p);
  while (have_gold || have_predicted)
    {
      if (have_gold && have_predicted && g.start == p.start)
        {
          score->gold[g.type]++;
          score->predicted[p.type]++;
          if (g.end == p.end && g.type == p.type)
            score->correct[g.type]++;
          have_gold = next_chunk (tokens, gold, n_tokens, &gold_pos, &g);
          have_predicted = next_chunk (tokens, predicted, n_tokens, &predicted_pos, &p);
        }
      else if (have_gold && (!have_predicted || g.start < p.start))
        {
          score->gold[g.type]++;
          have_gold = next_chunk (tokens, gold, n_tokens, &gold_pos, &g);
        }
      else
        {
          score->predicted[p.type]++;
          have_predicted = next_chunk (tokens, predicted, n_tokens, &predicted_pos, &p);
        }
    }
}

/**
 * attache_ner_score_get:
 * @types: a mask of (1 << AttacheNerType), e.g. ATTACHE_NER_TYPES_PER_ORG_LOC
 *
 * Precision, recall and F1 in percent (0 when there is nothing to divide by).
 */
void
attache_ner_score_get (const AttacheNerScore *score,
                       guint                  types,
                       double                *precision,
                       double                *recall,
                       double                *f1)
{
  guint gold = 0, predicted = 0, correct = 0;
  double p, r;

  g_return_if_fail (score != NULL);

  for (guint t = ATTACHE_NER_TYPE_PER; t < ATTACHE_NER_N_TYPES; t++)
    {
      if ((types & (1u << t)) == 0)
        continue;
      gold += score->gold[t];
      predicted += score->predicted[t];
      correct += score->correct[t];
    }

  p = predicted > 0 ? 100.0 * correct / predicted : 0.0;
  r = gold > 0 ? 100.0 * correct / gold : 0.0;
  if (precision != NULL)
    *precision = p;
  if (recall != NULL)
    *recall = r;
  if (f1 != NULL)
    *f1 = p + r > 0 ? 2 * p * r / (p + r) : 0.0;
}
