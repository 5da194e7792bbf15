/* attache-conlleval.c: scores tagged CoNLL text, as conlleval does
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * attache-conlleval [FILE]: each line "token … gold predicted" (the last two
 * columns are the tags), a blank line between sentences, -DOCSTART- lines
 * ignored; standard input without FILE or with "-". Prints precision, recall
 * and F1 of whole names for each type, and micro-averaged over PER, ORG and
 * LOC, and over all four. A developer's tool, not installed.
 */

#define G_LOG_DOMAIN "attache-conlleval"

#include "config.h"

#include <stdio.h>
#include <string.h>

#include <gio/gio.h>
#include <gio/gunixinputstream.h>

#include "attache-ner-score.h"

static AttacheNerLabel
read_label (const char *text)
{
  AttacheNerLabel label = ATTACHE_NER_O;

  if (!attache_ner_label_from_string (text, &label))
    label = ATTACHE_NER_O;

  return label;
}

static void
add_sentence (AttacheNerScore *score,
              GArray          *gold,
              GArray          *predicted)
{
  attache_ner_score_add (score, NULL, (const AttacheNerLabel *) (void *) gold->data,
                         (const AttacheNerLabel *) (void *) predicted->data, gold->len);
  g_array_set_size (gold, 0);
  g_array_set_size (predicted, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GInputStream) input = NULL;
  g_autoptr(GDataInputStream) data = NULL;
  g_autoptr(GArray) gold = g_array_new (FALSE, FALSE, sizeof (AttacheNerLabel));
  g_autoptr(GArray) predicted = g_array_new (FALSE, FALSE, sizeof (AttacheNerLabel));
  AttacheNerScore score = { 0, };
  char *line;
  double p, r, f;

  if (argc > 2)
    {
      fprintf (stderr, "usage: attache-conlleval [FILE]\n");
      return 2;
    }

  if (argc == 1 || g_str_equal (argv[1], "-"))
    {
      input = g_unix_input_stream_new (0, FALSE);
    }
  else
    {
      g_autoptr(GFile) file = g_file_new_for_commandline_arg (argv[1]);

      input = G_INPUT_STREAM (g_file_read (file, NULL, &error));
      if (input == NULL)
        {
          fprintf (stderr, "error: %s\n", error->message);
          return 1;
        }
    }

  data = g_data_input_stream_new (input);
  while ((line = g_data_input_stream_read_line_utf8 (data, NULL, NULL, &error)) != NULL)
    {
      g_auto(GStrv) fields = g_strsplit_set (g_strstrip (line), " \t", -1);
      guint n = g_strv_length (fields);

      g_free (line);
      if (n == 0 || *fields[0] == '\0')
        {
          add_sentence (&score, gold, predicted);
          continue;
        }
      if (g_str_equal (fields[0], "-DOCSTART-") || n < 3)
        continue;

      {
        AttacheNerLabel g = read_label (fields[n - 2]);
        AttacheNerLabel p_label = read_label (fields[n - 1]);

        g_array_append_val (gold, g);
        g_array_append_val (predicted, p_label);
      }
    }
  if (error != NULL)
    {
      fprintf (stderr, "error: %s\n", error->message);
      return 1;
    }
  add_sentence (&score, gold, predicted);

  printf ("tokens: %u, accuracy %.2f%%\n", score.tokens,
          score.tokens > 0 ? 100.0 * score.tokens_correct / score.tokens : 0.0);
  for (guint t = ATTACHE_NER_TYPE_PER; t < ATTACHE_NER_N_TYPES; t++)
    {
      attache_ner_score_get (&score, 1u << t, &p, &r, &f);
      printf ("%-12s precision %6.2f%%  recall %6.2f%%  F1 %6.2f  (gold %u, predicted %u)\n",
              attache_ner_type_to_string (t), p, r, f, score.gold[t], score.predicted[t]);
    }
  attache_ner_score_get (&score, ATTACHE_NER_TYPES_PER_ORG_LOC, &p, &r, &f);
  printf ("%-12s precision %6.2f%%  recall %6.2f%%  F1 %6.2f\n", "PER+ORG+LOC", p, r, f);
  attache_ner_score_get (&score, ATTACHE_NER_TYPES_ALL, &p, &r, &f);
  printf ("%-12s precision %6.2f%%  recall %6.2f%%  F1 %6.2f\n", "all", p, r, f);

  return 0;
}
