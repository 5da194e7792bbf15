/* test-summary.c: sentences and summaries, on a text written for this test
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "attache-summary.h"
#include "attache-tokenizer.h"

static const char article[] =
  "Dock workers at the port of Valmora walked off the job on Tuesday over plans to automate two terminals. "
  "The strike halted the loading of grain ships for the first time in eleven years.\n\n"
  "Automation Plans\n\n"
  "The port authority wants to automate two of its five container terminals by 2026. "
  "The union says automation of the terminals would cost four hundred jobs at the port. "
  "The port authority says automation would create more jobs than it removed.\n\n"
  "Weather was mild.\n\n"
  "Transport minister Ilse Marran called for talks between the union and the port authority on Thursday.";

static char *
span_text (const char        *text,
           const AttacheSpan *span)
{
  return g_strndup (text + span->start, span->end - span->start);
}

static void
test_sentences (void)
{
  g_autoptr(GArray) tokens = attache_tokenize (article, -1);
  g_autoptr(GArray) sentences = attache_sentences (article, (AttacheToken *) tokens->data, tokens->len);
  g_autofree char *first = span_text (article, &g_array_index (sentences, AttacheSpan, 0));
  g_autofree char *heading = span_text (article, &g_array_index (sentences, AttacheSpan, 2));

  g_assert_cmpuint (sentences->len, ==, 8);
  g_assert_true (g_str_has_prefix (first, "Dock workers"));
  g_assert_true (g_str_has_suffix (first, "two terminals."));
  g_assert_cmpstr (heading, ==, "Automation Plans");
}

static void
test_summary (void)
{
  g_autoptr(GArray) tokens = attache_tokenize (article, -1);
  g_autoptr(GArray) summary = attache_summarize ("Valmora dockers strike over automation", article,
                                                 (AttacheToken *) tokens->data, tokens->len, 3);

  g_assert_cmpuint (summary->len, ==, 3);
  for (guint i = 0; i < summary->len; i++)
    {
      g_autofree char *sentence = span_text (article, &g_array_index (summary, AttacheSpan, i));

      /* Never the heading or the fragment. */
      g_assert_cmpstr (sentence, !=, "Automation Plans");
      g_assert_cmpstr (sentence, !=, "Weather was mild.");
      /* In article order. */
      if (i > 0)
        g_assert_cmpuint (g_array_index (summary, AttacheSpan, i).start, >,
                          g_array_index (summary, AttacheSpan, i - 1).start);
    }

  /* The lead is in. */
  {
    g_autofree char *first = span_text (article, &g_array_index (summary, AttacheSpan, 0));

    g_assert_true (g_str_has_prefix (first, "Dock workers"));
  }
}

static void
test_edges (void)
{
  const char *texts[] = { "", "No punctuation at all and no sentence end", "\xff\xfe\x01\x02 garbage",
                          "ALL CAPS HEADLINE. ANOTHER ONE HERE NOW. AND A THIRD ONE TOO." };

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autoptr(GArray) tokens = attache_tokenize (texts[i], -1);
      g_autoptr(GArray) summary = attache_summarize (NULL, texts[i], (AttacheToken *) tokens->data, tokens->len, 3);

      g_assert_cmpuint (summary->len, <=, 3);
    }

  /* More sentences asked for than the text has. */
  {
    const char *two = "The council approved the budget on Monday evening. The mayor welcomed the vote on the budget.";
    g_autoptr(GArray) tokens = attache_tokenize (two, -1);
    g_autoptr(GArray) summary = attache_summarize (NULL, two, (AttacheToken *) tokens->data, tokens->len, 5);

    g_assert_cmpuint (summary->len, ==, 2);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/summary/sentences", test_sentences);
  g_test_add_func ("/summary/choose", test_summary);
  g_test_add_func ("/summary/edges", test_edges);

  return g_test_run ();
}
