/* attache-train-ner.c: trains the named-entity model shipped in data/models/ner.model
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A developer's tool, not installed; build-aux/train-ner runs it with the
 * arguments that make the shipped model. An averaged perceptron over the
 * tagger's own features (the same code as at run time, through
 * attache-tagger-private.h), decoded with the same Viterbi, trained on
 * sentences in an order shuffled by a fixed seed: the same data and
 * arguments give the same model, byte for byte.
 *
 * Training data: the Groningen Meaning Bank file (no document marks: every
 * --doc-sentences sentences make a document), less its last --heldout
 * percent of sentences, which are kept out to measure the result; and
 * optionally WNUT-17 files, --wnut once for each (each tweet a document), and
 * the documents of the project's own corpus, --corpus DIR (data/ner-corpus: news
 * written and annotated for the project, names marked [[TYPE|name]]; its
 * tags already follow the conventions). The other training data is brought
 * to the tagger's conventions first (attache_conll_document_normalise): a
 * country tagged ORG is a place, and titles are not part of a person's name.
 * The held-out part is scored twice: against the file's tags as they are,
 * and against them brought to the same conventions.
 */

#define G_LOG_DOMAIN "attache-train-ner"

#include "config.h"

#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "attache-conll.h"
#include "attache-ner-score.h"
#include "attache-tagger-private.h"

#define N_LABELS ATTACHE_NER_N_LABELS
#define N_FEATURES _ATTACHE_TAGGER_N_FEATURES
#define NORMALISE (ATTACHE_CONLL_COUNTRIES_AS_LOC | ATTACHE_CONLL_TITLES_OUTSIDE_PER)

typedef struct
{
  AttacheConllDocument *document;   /* not owned */
  guint32              *features;   /* n_tokens × N_FEATURES */
} Prepared;

typedef struct
{
  guint doc;
  guint start;
  guint length;
} Sentence;

typedef struct
{
  guint   n_bits;
  guint32 mask;
  float  *weights;       /* (1 << n_bits) × N_LABELS */
  double *updates;       /* the same, summed weighted by time, for averaging */
  float   transitions[_ATTACHE_TAGGER_N_TRANSITIONS];
  double  transition_updates[_ATTACHE_TAGGER_N_TRANSITIONS];
  double  time;
} Perceptron;

static GPtrArray *
read_conll (const char *path,
            guint       sentences_per_document)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *data = NULL;
  gsize length = 0;

  if (!g_file_get_contents (path, &data, &length, &error))
    {
      fprintf (stderr, "error: %s\n", error->message);
      exit (1);
    }

  return attache_conll_parse (data, length, sentences_per_document);
}

static int
compare_paths (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static AttacheConllDocument *
read_annotated (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *data = NULL;
  gsize length = 0;
  AttacheConllDocument *document;

  if (!g_file_get_contents (path, &data, &length, &error) ||
      (document = attache_conll_document_new_from_annotated (data, length, &error)) == NULL)
    {
      fprintf (stderr, "error: %s: %s\n", path, error->message);
      exit (1);
    }

  return document;
}

static void
prepare (GPtrArray              *documents,
         guint                   first,
         guint                   last,
         const AttacheGazetteer *gazetteer,
         GArray                 *prepared,
         GArray                 *sentences)
{
  for (guint d = first; d < last; d++)
    {
      AttacheConllDocument *document = g_ptr_array_index (documents, d);
      const AttacheToken *tokens = (const AttacheToken *) (void *) document->tokens->data;
      guint n = document->tokens->len;
      Prepared p = { document, g_new (guint32, (gsize) MAX (n, 1) * N_FEATURES) };

      _attache_tagger_extract_features (gazetteer, document->text, tokens, n, p.features);
      g_array_append_val (prepared, p);

      if (sentences == NULL)
        continue;
      for (guint i = 0; i < n;)
        {
          Sentence s = { prepared->len - 1, i, 0 };
          guint end = i + 1;

          while (end < n && (tokens[end].flags & ATTACHE_TOKEN_SENTENCE_START) == 0)
            end++;
          s.length = end - i;
          g_array_append_val (sentences, s);
          i = end;
        }
    }
}

static void
emissions_of (const float   *weights,
              guint32        mask,
              const guint32 *features,
              guint          n,
              float         *emissions)
{
  for (guint i = 0; i < n; i++)
    {
      float *e = emissions + (gsize) i * N_LABELS;

      memset (e, 0, N_LABELS * sizeof (float));
      for (guint k = 0; k < N_FEATURES; k++)
        {
          const float *row = weights + (gsize) (features[(gsize) i * N_FEATURES + k] & mask) * N_LABELS;

          for (guint y = 0; y < N_LABELS; y++)
            e[y] += row[y];
        }
    }
}

static void
update (Perceptron    *model,
        const guint32 *features,
        guint          label,
        float          delta)
{
  for (guint k = 0; k < N_FEATURES; k++)
    {
      gsize index = (gsize) (features[k] & model->mask) * N_LABELS + label;

      model->weights[index] += delta;
      model->updates[index] += model->time * delta;
    }
}

static void
update_transition (Perceptron *model,
                   guint       previous,
                   guint       label,
                   float       delta)
{
  guint index = previous * N_LABELS + label;

  model->transitions[index] += delta;
  model->transition_updates[index] += model->time * delta;
}

static void
train_sentence (Perceptron      *model,
                const Prepared  *p,
                const Sentence  *s,
                float           *emissions,
                guint8          *backpointers,
                AttacheNerLabel *predicted)
{
  const AttacheNerLabel *gold = (const AttacheNerLabel *) (const void *) p->document->labels->data + s->start;
  const guint32 *features = p->features + (gsize) s->start * N_FEATURES;

  emissions_of (model->weights, model->mask, features, s->length, emissions);
  _attache_tagger_viterbi (emissions, model->transitions, s->length, backpointers, predicted);

  for (guint i = 0; i < s->length; i++)
    {
      guint gold_previous = i == 0 ? N_LABELS : gold[i - 1];
      guint predicted_previous = i == 0 ? N_LABELS : predicted[i - 1];

      if (gold[i] != predicted[i])
        {
          update (model, features + (gsize) i * N_FEATURES, gold[i], 1.f);
          update (model, features + (gsize) i * N_FEATURES, predicted[i], -1.f);
        }
      if (gold[i] != predicted[i] || gold_previous != predicted_previous)
        {
          update_transition (model, gold_previous, gold[i], 1.f);
          update_transition (model, predicted_previous, predicted[i], -1.f);
        }
    }

  model->time += 1;
}

/* The averaged weights: w - (Σ time × update) / time. */
static void
average (const Perceptron *model,
         float            *weights,
         float            *transitions)
{
  gsize total = ((gsize) 1 << model->n_bits) * N_LABELS;

  for (gsize i = 0; i < total; i++)
    weights[i] = (float) (model->weights[i] - model->updates[i] / model->time);
  for (guint i = 0; i < _ATTACHE_TAGGER_N_TRANSITIONS; i++)
    transitions[i] = (float) (model->transitions[i] - model->transition_updates[i] / model->time);
}

static void
print_score (const char            *what,
             const AttacheNerScore *score)
{
  double p, r, f;

  printf ("%s:", what);
  for (guint t = ATTACHE_NER_TYPE_PER; t < ATTACHE_NER_N_TYPES; t++)
    {
      attache_ner_score_get (score, 1u << t, NULL, NULL, &f);
      printf (" %s %.1f", attache_ner_type_to_string (t), f);
    }
  attache_ner_score_get (score, ATTACHE_NER_TYPES_PER_ORG_LOC, &p, &r, &f);
  printf ("; PER+ORG+LOC P %.1f R %.1f F1 %.2f", p, r, f);
  attache_ner_score_get (score, ATTACHE_NER_TYPES_ALL, NULL, NULL, &f);
  printf ("; all F1 %.2f\n", f);
}

/* Scores float weights on prepared documents. */
static void
evaluate_float (const float *weights,
                guint32      mask,
                const float *transitions,
                GArray      *prepared,
                const char  *what)
{
  AttacheNerScore score = { 0, };

  for (guint d = 0; d < prepared->len; d++)
    {
      const Prepared *p = &g_array_index (prepared, Prepared, d);
      const AttacheToken *tokens = (const AttacheToken *) (void *) p->document->tokens->data;
      const AttacheNerLabel *gold = (const AttacheNerLabel *) (void *) p->document->labels->data;
      guint n = p->document->tokens->len;
      g_autofree float *emissions = g_new (float, (gsize) MAX (n, 1) * N_LABELS);
      g_autofree guint8 *backpointers = g_new (guint8, (gsize) MAX (n, 1) * N_LABELS);
      g_autofree AttacheNerLabel *predicted = g_new (AttacheNerLabel, MAX (n, 1));

      emissions_of (weights, mask, p->features, n, emissions);
      for (guint i = 0; i < n;)
        {
          guint end = i + 1;

          while (end < n && (tokens[end].flags & ATTACHE_TOKEN_SENTENCE_START) == 0)
            end++;
          _attache_tagger_viterbi (emissions + (gsize) i * N_LABELS, transitions, end - i,
                                   backpointers, predicted + i);
          i = end;
        }
      attache_ner_score_add (&score, tokens, gold, predicted, n);
    }

  print_score (what, &score);
}

/* Scores the written model, through the tagger the program uses. */
static void
evaluate_model (AttacheTagger *tagger,
                GPtrArray     *documents,
                guint          first,
                const char    *what)
{
  AttacheNerScore score = { 0, };

  for (guint d = first; d < documents->len; d++)
    {
      AttacheConllDocument *document = g_ptr_array_index (documents, d);
      guint n = document->tokens->len;
      g_autofree AttacheNerLabel *predicted = g_new (AttacheNerLabel, MAX (n, 1));

      attache_tagger_tag (tagger, document->text, (const AttacheToken *) (void *) document->tokens->data,
                          n, predicted);
      attache_ner_score_add (&score, (const AttacheToken *) (void *) document->tokens->data,
                             (const AttacheNerLabel *) (void *) document->labels->data, predicted, n);
    }

  print_score (what, &score);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *gmb_path = NULL;
  g_auto(GStrv) wnut_paths = NULL;
  g_autofree char *corpus_dir = NULL;
  g_autofree char *output = NULL;
  g_auto(GStrv) report_paths = NULL;
  int epochs = 8, seed = 1, n_bits = 20, heldout = 10, doc_sentences = 20;
  const GOptionEntry entries[] = {
    { "gmb", 0, 0, G_OPTION_ARG_FILENAME, &gmb_path, "GMB CoNLL file (required)", "FILE" },
    { "wnut", 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &wnut_paths,
      "WNUT-17 file to train on, each sentence a document (optional, repeatable)", "FILE" },
    { "corpus", 0, 0, G_OPTION_ARG_FILENAME, &corpus_dir,
      "Also train on the annotated documents (*.txt) in this folder (optional)", "DIR" },
    { "heldout", 0, 0, G_OPTION_ARG_INT, &heldout, "Keep the last N% of GMB sentences out (10)", "N" },
    { "doc-sentences", 0, 0, G_OPTION_ARG_INT, &doc_sentences, "GMB sentences per document (20)", "N" },
    { "epochs", 0, 0, G_OPTION_ARG_INT, &epochs, "Passes over the data (8)", "N" },
    { "seed", 0, 0, G_OPTION_ARG_INT, &seed, "Seed of the shuffle (1)", "N" },
    { "bits", 0, 0, G_OPTION_ARG_INT, &n_bits, "log2 of the weight rows (20)", "N" },
    { "report", 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &report_paths,
      "Also score this CoNLL file at the end (never trained on)", "FILE" },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, "Write the model here", "FILE" },
    G_OPTION_ENTRY_NULL
  };
  const AttacheGazetteer *gazetteer;
  g_autoptr(GPtrArray) gmb = NULL;
  g_autoptr(GPtrArray) wnut = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  g_autoptr(GPtrArray) corpus = g_ptr_array_new_with_free_func ((GDestroyNotify) attache_conll_document_free);
  g_autoptr(GArray) train = g_array_new (FALSE, FALSE, sizeof (Prepared));
  g_autoptr(GArray) heldout_docs = g_array_new (FALSE, FALSE, sizeof (Prepared));
  g_autoptr(GArray) sentences = g_array_new (FALSE, FALSE, sizeof (Sentence));
  g_autoptr(GRand) rand = NULL;
  g_autoptr(GBytes) model_bytes = NULL;
  g_autoptr(AttacheTagger) tagger = NULL;
  Perceptron model = { 0, };
  g_autofree float *averaged = NULL;
  float averaged_transitions[_ATTACHE_TAGGER_N_TRANSITIONS];
  g_autofree float *emissions = g_new (float, 4096 * N_LABELS);
  g_autofree guint8 *backpointers = g_new (guint8, 4096 * N_LABELS);
  g_autofree AttacheNerLabel *predicted = g_new (AttacheNerLabel, 4096);
  guint heldout_start, normalised = 0, n_rows = 0, n_tokens = 0;
  gint64 started = g_get_monotonic_time ();

  setlocale (LC_ALL, "");
  context = g_option_context_new ("- train the named-entity model");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      fprintf (stderr, "error: %s\n", error->message);
      return 2;
    }
  if (gmb_path == NULL || output == NULL || epochs < 1 || n_bits < 16 || n_bits > 24 ||
      heldout < 0 || heldout > 50 || doc_sentences < 1)
    {
      fprintf (stderr, "error: give --gmb FILE and --output FILE (see --help)\n");
      return 2;
    }

  gazetteer = _attache_gazetteer_get_default ();
  printf ("gazetteer: %u entries\n", _attache_gazetteer_get_size (gazetteer));

  gmb = read_conll (gmb_path, (guint) doc_sentences);
  heldout_start = attache_conll_heldout_start (gmb, (guint) heldout);
  {
    guint train_sentences = 0, heldout_sentences = 0;

    for (guint d = 0; d < gmb->len; d++)
      {
        guint s = attache_conll_document_count_sentences (g_ptr_array_index (gmb, d));

        if (d < heldout_start)
          train_sentences += s;
        else
          heldout_sentences += s;
      }
    printf ("GMB: %u documents; training on documents 1–%u (%u sentences), "
            "held out %u–%u (%u sentences)\n",
            gmb->len, heldout_start, train_sentences, heldout_start + 1, gmb->len, heldout_sentences);
  }

  for (guint d = 0; d < heldout_start; d++)
    normalised += attache_conll_document_normalise (g_ptr_array_index (gmb, d), NORMALISE);
  printf ("GMB training: %u names brought to the tagger's conventions\n", normalised);

  prepare (gmb, 0, heldout_start, gazetteer, train, sentences);
  prepare (gmb, heldout_start, gmb->len, gazetteer, heldout_docs, NULL);

  for (guint f = 0; wnut_paths != NULL && wnut_paths[f] != NULL; f++)
    {
      GPtrArray *tweets;
      guint before = sentences->len;

      /* Tweets are unrelated to each other: one document each. */
      tweets = read_conll (wnut_paths[f], 1);
      g_ptr_array_add (wnut, tweets);
      for (guint d = 0; d < tweets->len; d++)
        attache_conll_document_normalise (g_ptr_array_index (tweets, d), NORMALISE);
      prepare (tweets, 0, tweets->len, gazetteer, train, sentences);
      printf ("WNUT-17 %s: %u sentences\n", wnut_paths[f], sentences->len - before);
    }

  if (corpus_dir != NULL)
    {
      g_autoptr(GDir) dir = g_dir_open (corpus_dir, 0, &error);
      g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
      const char *name;
      guint before = sentences->len;

      if (dir == NULL)
        {
          fprintf (stderr, "error: %s\n", error->message);
          return 1;
        }
      while ((name = g_dir_read_name (dir)) != NULL)
        if (g_str_has_suffix (name, ".txt"))
          g_ptr_array_add (names, g_build_filename (corpus_dir, name, NULL));
      /* in a fixed order, whatever the file system's */
      g_ptr_array_sort (names, compare_paths);
      for (guint f = 0; f < names->len; f++)
        g_ptr_array_add (corpus, read_annotated (names->pdata[f]));
      prepare (corpus, 0, corpus->len, gazetteer, train, sentences);
      printf ("annotated corpus: %u documents, %u sentences\n", corpus->len, sentences->len - before);
    }

  for (guint i = 0; i < sentences->len; i++)
    {
      Sentence *s = &g_array_index (sentences, Sentence, i);

      if (s->length > 4096)
        {
          fprintf (stderr, "error: a training sentence of %u tokens\n", s->length);
          return 1;
        }
      n_tokens += s->length;
    }
  printf ("training: %u sentences, %u tokens; %d epochs, seed %d, 2^%d rows\n",
          sentences->len, n_tokens, epochs, seed, n_bits);

  model.n_bits = (guint) n_bits;
  model.mask = (1u << n_bits) - 1;
  model.weights = g_new0 (float, ((gsize) 1 << n_bits) * N_LABELS);
  model.updates = g_new0 (double, ((gsize) 1 << n_bits) * N_LABELS);
  model.time = 1;
  averaged = g_new (float, ((gsize) 1 << n_bits) * N_LABELS);
  rand = g_rand_new_with_seed ((guint32) seed);

  for (int epoch = 1; epoch <= epochs; epoch++)
    {
      g_autofree char *what = g_strdup_printf ("epoch %d, GMB held out", epoch);

      /* Fisher–Yates, from the seeded generator. */
      for (guint i = sentences->len; i > 1; i--)
        {
          guint j = (guint) g_rand_int_range (rand, 0, (gint32) i);
          Sentence tmp = g_array_index (sentences, Sentence, i - 1);

          g_array_index (sentences, Sentence, i - 1) = g_array_index (sentences, Sentence, j);
          g_array_index (sentences, Sentence, j) = tmp;
        }

      for (guint i = 0; i < sentences->len; i++)
        {
          const Sentence *s = &g_array_index (sentences, Sentence, i);

          train_sentence (&model, &g_array_index (train, Prepared, s->doc), s,
                          emissions, backpointers, predicted);
        }

      average (&model, averaged, averaged_transitions);
      evaluate_float (averaged, model.mask, averaged_transitions, heldout_docs, what);
    }

  model_bytes = _attache_tagger_write_model (averaged, (guint) n_bits, averaged_transitions,
                                             _attache_gazetteer_get_checksum (gazetteer), &n_rows);
  if (!g_file_set_contents (output, g_bytes_get_data (model_bytes, NULL),
                            (gssize) g_bytes_get_size (model_bytes), &error))
    {
      fprintf (stderr, "error: %s\n", error->message);
      return 1;
    }
  printf ("wrote %s: %zu bytes, %u of %u rows (%.1f s)\n", output, g_bytes_get_size (model_bytes),
          n_rows, 1u << n_bits, (g_get_monotonic_time () - started) / 1e6);

  tagger = attache_tagger_new_from_bytes (model_bytes, &error);
  if (tagger == NULL)
    {
      fprintf (stderr, "error: %s\n", error->message);
      return 1;
    }
  evaluate_model (tagger, gmb, heldout_start, "written model, GMB held out");
  for (guint d = heldout_start; d < gmb->len; d++)
    attache_conll_document_normalise (g_ptr_array_index (gmb, d), NORMALISE);
  evaluate_model (tagger, gmb, heldout_start, "written model, GMB held out, tags normalised");
  for (guint i = 0; report_paths != NULL && report_paths[i] != NULL; i++)
    {
      g_autoptr(GPtrArray) other = read_conll (report_paths[i], 0);
      g_autofree char *what = g_strdup_printf ("written model, %s (not trained on)", report_paths[i]);

      evaluate_model (tagger, other, 0, what);
    }

  for (guint i = 0; i < train->len; i++)
    g_free (g_array_index (train, Prepared, i).features);
  for (guint i = 0; i < heldout_docs->len; i++)
    g_free (g_array_index (heldout_docs, Prepared, i).features);
  g_free (model.weights);
  g_free (model.updates);

  return 0;
}
