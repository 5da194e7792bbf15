/* bench-tagger.c: how fast the tokenizer and the named-entity tagger are, on one core
 *
 * Run with `meson test --benchmark` (or directly: bench-tagger [N_TOKENS]).
 * The text is made by the program from sentences written for it, with names
 * drawn at random, in documents of about 600 tokens. When ../shared is there
 * (ATTACHE_SHARED_DIR), the GMB corpus is tagged too, as real news.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdio.h>

#include "attache.h"

static const char * const templates[] = {
  "%P met %P in %L on Tuesday to discuss the ceasefire proposed by %O.",
  "Officials in %L said the talks with %O would resume next week, according to %P.",
  "The %D foreign minister, %P, warned that sanctions on %L could be extended.",
  "%O said in a statement that 1,200 troops had left %L since March.",
  "\"We will not accept this,\" %P told reporters in %L after meeting %O officials.",
  "Growth in %L slowed to 3.5 percent, the %O said, as exports to %L fell.",
  "%P, who leads the %O delegation, arrived in %L late on Monday.",
  "Protests continued in %L for a third day as %P called for calm.",
  "The U.S. and %L signed a grain agreement brokered by %O and %P.",
  "Mr. %S said the Israel-Hamas talks in %L had made progress.",
};
static const char * const people[] = {
  "Antony Blinken", "Emmanuel Macron", "Olaf Scholz", "Wang Yi", "Sergei Lavrov", "Recep Tayyip Erdogan",
  "Narendra Modi", "Cyril Ramaphosa", "Giorgia Meloni", "Ursula von der Leyen", "Kofi Annan", "Jens Stoltenberg",
};
static const char * const surnames[] = { "Blinken", "Lavrov", "Scholz", "Annan", "Modi" };
static const char * const places[] = {
  "Paris", "Brussels", "Kyiv", "Beijing", "Cairo", "Doha", "New Delhi", "Ankara", "Ukraine", "Gaza", "Sudan", "Brazil",
};
static const char * const organisations[] = {
  "NATO", "the European Union", "the United Nations", "Hamas", "the World Bank", "the African Union", "OPEC",
};
static const char * const demonyms[] = { "French", "German", "Chinese", "Russian", "Turkish", "Egyptian" };

static const char *
pick (GRand              *rand,
      const char * const *list,
      guint               n)
{
  return list[g_rand_int_range (rand, 0, (gint32) n)];
}

static char *
make_document (GRand *rand,
               guint  approx_tokens)
{
  GString *text = g_string_new (NULL);
  guint sentences = approx_tokens / 17 + 1;

  for (guint s = 0; s < sentences; s++)
    {
      const char *t = pick (rand, templates, G_N_ELEMENTS (templates));

      if (s > 0)
        g_string_append (text, s % 5 == 0 ? "\n\n" : " ");
      for (const char *p = t; *p != '\0'; p++)
        {
          if (*p != '%')
            {
              g_string_append_c (text, *p);
              continue;
            }
          p++;
          switch (*p)
            {
            case 'P': g_string_append (text, pick (rand, people, G_N_ELEMENTS (people))); break;
            case 'S': g_string_append (text, pick (rand, surnames, G_N_ELEMENTS (surnames))); break;
            case 'L': g_string_append (text, pick (rand, places, G_N_ELEMENTS (places))); break;
            case 'O': g_string_append (text, pick (rand, organisations, G_N_ELEMENTS (organisations))); break;
            case 'D': g_string_append (text, pick (rand, demonyms, G_N_ELEMENTS (demonyms))); break;
            default: break;
            }
        }
    }

  return g_string_free (text, FALSE);
}

static double
seconds_since (gint64 start)
{
  return (g_get_monotonic_time () - start) / 1e6;
}

static void
bench_gmb (AttacheTagger *tagger)
{
  const char *root = g_getenv ("ATTACHE_SHARED_DIR");
  g_autofree char *path = root != NULL ? g_build_filename (root, "data", "ner", "gmb.conll", NULL) : NULL;
  g_autofree char *contents = NULL;
  g_autoptr(GPtrArray) documents = NULL;
  gsize length = 0;
  guint n_tokens = 0;
  gint64 start;
  double seconds;

  if (path == NULL || !g_file_get_contents (path, &contents, &length, NULL))
    {
      printf ("GMB: ../shared is absent, skipped\n");
      return;
    }

  documents = attache_conll_parse (contents, length, 20);
  start = g_get_monotonic_time ();
  for (guint d = 0; d < documents->len; d++)
    {
      AttacheConllDocument *document = g_ptr_array_index (documents, d);
      g_autofree AttacheNerLabel *labels = g_new (AttacheNerLabel, MAX (document->tokens->len, 1));

      attache_tagger_tag (tagger, document->text, &g_array_index (document->tokens, AttacheToken, 0),
                          document->tokens->len, labels);
      n_tokens += document->tokens->len;
    }
  seconds = seconds_since (start);
  printf ("GMB (real news, %u documents): tagged %u tokens in %.3f s: %.0f tokens/s\n",
          documents->len, n_tokens, seconds, n_tokens / seconds);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (2024);
  g_autoptr(GPtrArray) documents = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) token_arrays = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  g_autoptr(AttacheTagger) tagger = NULL;
  g_autoptr(GError) error = NULL;
  guint target = argc > 1 ? (guint) g_ascii_strtoull (argv[1], NULL, 10) : 1000000;
  guint n_tokens = 0;
  gsize n_bytes = 0;
  gint64 start;
  double seconds, first_load, tokenize_seconds, tag_seconds;
  const guint loads = 50;

  /* Loading: the first includes reading the lists of names, once per process. */
  start = g_get_monotonic_time ();
  tagger = attache_tagger_new_default (&error);
  first_load = seconds_since (start);
  if (tagger == NULL)
    {
      fprintf (stderr, "error: %s\n", error->message);
      return 1;
    }
  start = g_get_monotonic_time ();
  for (guint i = 0; i < loads; i++)
    {
      g_autoptr(AttacheTagger) again = attache_tagger_new_default (NULL);
    }
  seconds = seconds_since (start);
  printf ("model: %zu bytes; first load %.2f ms (with the gazetteer), then %.3f ms a load\n",
          attache_tagger_get_model_size (tagger), first_load * 1000, seconds * 1000 / loads);

  while (n_tokens < target)
    {
      char *text = make_document (rand, 600);
      GArray *tokens = attache_tokenize (text, -1);

      n_tokens += tokens->len;
      g_ptr_array_add (documents, text);
      g_array_unref (tokens);
    }

  n_tokens = 0;
  start = g_get_monotonic_time ();
  for (guint d = 0; d < documents->len; d++)
    {
      const char *text = g_ptr_array_index (documents, d);
      GArray *tokens = attache_tokenize (text, -1);

      n_bytes += strlen (text);
      n_tokens += tokens->len;
      g_ptr_array_add (token_arrays, tokens);
    }
  tokenize_seconds = seconds_since (start);
  printf ("tokenizer: %u tokens, %.1f MB in %.3f s: %.0f tokens/s, %.1f MB/s\n",
          n_tokens, n_bytes / 1e6, tokenize_seconds, n_tokens / tokenize_seconds, n_bytes / 1e6 / tokenize_seconds);

  start = g_get_monotonic_time ();
  for (guint d = 0; d < documents->len; d++)
    {
      GArray *tokens = g_ptr_array_index (token_arrays, d);
      g_autofree AttacheNerLabel *labels = g_new (AttacheNerLabel, MAX (tokens->len, 1));

      attache_tagger_tag (tagger, g_ptr_array_index (documents, d), &g_array_index (tokens, AttacheToken, 0),
                          tokens->len, labels);
    }
  tag_seconds = seconds_since (start);
  printf ("tagger: %u tokens in %u documents in %.3f s: %.0f tokens/s\n",
          n_tokens, documents->len, tag_seconds, n_tokens / tag_seconds);
  printf ("tokenize + tag: %.0f tokens/s\n", n_tokens / (tokenize_seconds + tag_seconds));

  bench_gmb (tagger);

  return 0;
}
