/* attache-rouge.h: ROUGE scores of a summary against a reference
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  double precision;
  double recall;
  double f1;
} AttacheRougeScore;

typedef struct
{
  AttacheRougeScore rouge1;   /* unigram overlap */
  AttacheRougeScore rouge2;   /* bigram overlap */
  AttacheRougeScore rougeL;   /* longest common subsequence */
} AttacheRouge;

/* Compares @candidate with @reference as lowercase words (letters and digits),
 * counting repeated n-grams as many times as both have them (ROUGE-N) and the
 * longest common subsequence of words (ROUGE-L, summary level over the whole
 * text). No stemming, no stop-word removal. */
void attache_rouge_score (const char   *candidate,
                          const char   *reference,
                          AttacheRouge *out);

G_END_DECLS
