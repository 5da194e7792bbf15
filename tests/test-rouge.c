/* test-rouge.c: the ROUGE scorer, on cases worked out by hand
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "attache-rouge.h"

static void
test_scores (void)
{
  AttacheRouge r;

  /* Identical: everything is 1. */
  attache_rouge_score ("The talks resumed.", "the talks RESUMED", &r);
  g_assert_cmpfloat_with_epsilon (r.rouge1.f1, 1.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (r.rouge2.f1, 1.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (r.rougeL.f1, 1.0, 1e-9);

  /* candidate "the cat sat", reference "the cat sat on the mat":
   * unigrams 3/3 and 3/6; bigrams 2/2 and 2/5; LCS 3. */
  attache_rouge_score ("the cat sat", "the cat sat on the mat", &r);
  g_assert_cmpfloat_with_epsilon (r.rouge1.precision, 1.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (r.rouge1.recall, 0.5, 1e-9);
  g_assert_cmpfloat_with_epsilon (r.rouge1.f1, 2.0 / 3.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (r.rouge2.precision, 1.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (r.rouge2.recall, 0.4, 1e-9);
  g_assert_cmpfloat_with_epsilon (r.rougeL.recall, 0.5, 1e-9);

  /* Repeats count as often as both sides have them: "the the the" vs "the cat":
   * overlap 1; precision 1/3, recall 1/2. */
  attache_rouge_score ("the the the", "the cat", &r);
  g_assert_cmpfloat_with_epsilon (r.rouge1.precision, 1.0 / 3.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (r.rouge1.recall, 0.5, 1e-9);

  /* Order matters to ROUGE-L and ROUGE-2, not to ROUGE-1. */
  attache_rouge_score ("mat the on sat cat the", "the cat sat on the mat", &r);
  g_assert_cmpfloat_with_epsilon (r.rouge1.f1, 1.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (r.rouge2.f1, 0.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (r.rougeL.f1, 0.5, 1e-9);   /* "the cat the": 3 of 6 */

  /* Nothing in common, and empty texts. */
  attache_rouge_score ("alpha beta", "gamma delta", &r);
  g_assert_cmpfloat (r.rouge1.f1, ==, 0.0);
  attache_rouge_score ("", "gamma delta", &r);
  g_assert_cmpfloat (r.rouge1.f1, ==, 0.0);
  g_assert_cmpfloat (r.rougeL.f1, ==, 0.0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/rouge/scores", test_scores);

  return g_test_run ();
}
