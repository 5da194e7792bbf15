/* test-eval-summary.c: summaries on the BBC News set, against Lead-3 (suite eval)
 *
 * ../shared/data/news/bbc-dev.jsonl gives, for each article, the sentences of a
 * reference extractive summary. ROUGE-1/2/L F1 of our 3 sentences and of the
 * first 3 sentences (Lead-3, the baseline news summarisers are measured
 * against), each against the reference, averaged over the articles. Nothing is
 * learnt from the file. Skips, saying why, when ../shared is absent.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <json-glib/json-glib.h>

#include "attache-rouge.h"
#include "attache-summary.h"
#include "attache-tokenizer.h"

static char *
join_spans (const char *text,
            GArray     *spans,
            guint       limit)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < spans->len && i < limit; i++)
    {
      const AttacheSpan *span = &g_array_index (spans, AttacheSpan, i);

      if (out->len > 0)
        g_string_append_c (out, ' ');
      g_string_append_len (out, text + span->start, span->end - span->start);
    }

  return g_string_free (out, FALSE);
}

static void
test_bbc (void)
{
  const char *root = g_getenv ("ATTACHE_SHARED_DIR");
  g_autofree char *path = root != NULL ? g_build_filename (root, "data", "news", "bbc-dev.jsonl", NULL) : NULL;
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;
  double ours[3] = { 0 }, lead[3] = { 0 };
  guint articles = 0;
  guint64 words = 0;
  gint64 start, spent = 0;

  if (path == NULL || !g_file_get_contents (path, &contents, NULL, NULL))
    {
      g_test_skip ("../shared/data/news/bbc-dev.jsonl is absent: nothing to measure");
      return;
    }

  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_autoptr(JsonParser) parser = json_parser_new ();
      g_autoptr(GString) reference = g_string_new (NULL);
      g_autoptr(GArray) tokens = NULL;
      g_autoptr(GArray) sentences = NULL;
      g_autoptr(GArray) summary = NULL;
      g_autofree char *ours_text = NULL;
      g_autofree char *lead_text = NULL;
      JsonObject *object;
      JsonArray *reference_sentences;
      const char *title, *text;
      AttacheRouge r;

      if (lines[i][0] == '\0' || !json_parser_load_from_data (parser, lines[i], -1, NULL))
        continue;

      object = json_node_get_object (json_parser_get_root (parser));
      title = json_object_get_string_member (object, "title");
      text = json_object_get_string_member (object, "text");
      reference_sentences = json_object_get_array_member (object, "summary_sentences");
      for (guint s = 0; s < json_array_get_length (reference_sentences); s++)
        g_string_append_printf (reference, "%s ", json_array_get_string_element (reference_sentences, s));

      start = g_get_monotonic_time ();
      tokens = attache_tokenize (text, -1);
      summary = attache_summarize (title, text, (AttacheToken *) tokens->data, tokens->len, 3);
      spent += g_get_monotonic_time () - start;
      words += tokens->len;

      sentences = attache_sentences (text, (AttacheToken *) tokens->data, tokens->len);
      ours_text = join_spans (text, summary, 3);
      lead_text = join_spans (text, sentences, 3);

      attache_rouge_score (ours_text, reference->str, &r);
      ours[0] += r.rouge1.f1;
      ours[1] += r.rouge2.f1;
      ours[2] += r.rougeL.f1;
      attache_rouge_score (lead_text, reference->str, &r);
      lead[0] += r.rouge1.f1;
      lead[1] += r.rouge2.f1;
      lead[2] += r.rougeL.f1;
      articles++;
    }

  for (guint k = 0; k < 3; k++)
    {
      ours[k] /= MAX (articles, 1);
      lead[k] /= MAX (articles, 1);
    }

  g_test_message ("%u articles; ROUGE F1, ours (3 sentences): R-1 %.4f R-2 %.4f R-L %.4f", articles,
                  ours[0], ours[1], ours[2]);
  g_test_message ("Lead-3 (first 3 sentences):            R-1 %.4f R-2 %.4f R-L %.4f", lead[0], lead[1], lead[2]);
  g_test_message ("tokenizing and summarising: %.0f tokens/s", words / (spent / 1e6));

  g_assert_cmpuint (articles, >, 1700);
  g_assert_cmpfloat (ours[0], >=, lead[0]);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/eval/summary/bbc-vs-lead-3", test_bbc);

  return g_test_run ();
}
