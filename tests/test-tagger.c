/* test-tagger.c: the tokenizer, the sentence splitter and the named-entity tagger (suite unit)
 *
 * Every text here was written for this test.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "attache.h"

#include "test-helpers.h"

/* The tokens of @text, one string: tokens separated by spaces, sentences by " | ". */
static char *
tokens_as_string (const char *text)
{
  g_autoptr(GArray) tokens = attache_tokenize (text, -1);
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < tokens->len; i++)
    {
      const AttacheToken *token = &g_array_index (tokens, AttacheToken, i);

      if (i > 0)
        g_string_append (out, (token->flags & ATTACHE_TOKEN_SENTENCE_START) ? " | " : " ");
      g_string_append_len (out, text + token->start, token->length);
    }

  return g_string_free (out, FALSE);
}

static void
assert_tokens (const char *text,
               const char *expected)
{
  g_autofree char *got = tokens_as_string (text);

  g_assert_cmpstr (got, ==, expected);
}

static void
test_tokenize_words (void)
{
  assert_tokens ("US Secretary of State Antony Blinken's visit to Paris.",
                 "US Secretary of State Antony Blinken 's visit to Paris .");
  assert_tokens ("The U.S. and Israel-Hamas talks cost $3.5 billion, or 1,000,000 euros (about 3%).",
                 "The U.S. and Israel-Hamas talks cost $ 3.5 billion , or 1,000,000 euros ( about 3 % ) .");
  assert_tokens ("They don't know; Ireland's O'Brien can't say.",
                 "They do n't know ; Ireland 's O'Brien ca n't say .");
  assert_tokens ("The ministers’ talks, the envoys' reports and AT&T’s bid",
                 "The ministers ’ talks , the envoys ' reports and AT&T ’s bid");
  assert_tokens ("Talks resume at 10:30 on 2024-04-02 -- or later...",
                 "Talks resume at 10:30 on 2024-04-02 -- or later ...");
  assert_tokens ("\"Ceasefire now!\" they said.", "\" Ceasefire now ! \" they said .");
  assert_tokens ("", "");
  assert_tokens (" \n\t ", "");
}

static void
test_tokenize_abbreviations (void)
{
  /* Titles, initials and dotted abbreviations keep their period and do not end the sentence. */
  assert_tokens ("Mr. Smith met Dr. J. K. Rowling and Gen. Lee at 10 p.m. on Friday.",
                 "Mr. Smith met Dr. J. K. Rowling and Gen. Lee at 10 p.m. on Friday .");
  assert_tokens ("Acme Inc. and Widgets Ltd. signed, e.g. a pact with the U.K. government.",
                 "Acme Inc. and Widgets Ltd. signed , e.g. a pact with the U.K. government .");
  assert_tokens ("Growth was 3.5 percent. Inflation was 2.1.",
                 "Growth was 3.5 percent . | Inflation was 2.1 .");
  assert_tokens ("He lives at No. 10 and said no. Then he left.",
                 "He lives at No. 10 and said no . | Then he left .");
}

static void
test_tokenize_sentences (void)
{
  assert_tokens ("He flew to the U.S. The talks began on Monday. Were they useful? Yes! Perhaps...",
                 "He flew to the U.S. | The talks began on Monday . | Were they useful ? | Yes ! | Perhaps ...");
  assert_tokens ("She said \"no.\" Then he left. (It rained.) Later, calm.",
                 "She said \" no . \" | Then he left . | ( It rained . ) | Later , calm .");
  assert_tokens ("\"Why?\" he asked. Wait... what? Nothing… Really.",
                 "\" Why ? \" he asked . | Wait ... what ? | Nothing … | Really .");
  assert_tokens ("A headline without a period\n\nThe body starts here. It goes on",
                 "A headline without a period | The body starts here . | It goes on");
}

/* Byte and character offsets name exactly the token's text. */
static void
test_tokenize_offsets (void)
{
  const char *text = "Zürich’s café — Москва, 北京 and São Paulo’s mayor\n\nmet “Erdoğan”.";
  g_autoptr(GArray) tokens = attache_tokenize (text, -1);
  const char *expected[] = {
    "Zürich", "’s", "café", "—", "Москва", ",", "北京", "and", "São", "Paulo", "’s", "mayor",
    "met", "“", "Erdoğan", "”", ".",
  };

  g_assert_cmpuint (tokens->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < tokens->len; i++)
    {
      const AttacheToken *token = &g_array_index (tokens, AttacheToken, i);
      const char *by_chars = g_utf8_offset_to_pointer (text, token->char_start);
      g_autofree char *word = g_strndup (text + token->start, token->length);

      g_assert_cmpstr (word, ==, expected[i]);
      g_assert_true (by_chars == text + token->start);
      g_assert_cmpint (g_utf8_strlen (word, -1), ==, token->char_length);
    }

  g_assert_true (g_array_index (tokens, AttacheToken, 12).flags & ATTACHE_TOKEN_PARAGRAPH);
  g_assert_true (g_array_index (tokens, AttacheToken, 12).flags & ATTACHE_TOKEN_SENTENCE_START);
}

/* Tokens are in order, inside the text, not empty, and never overlap. */
static void
assert_tokens_sane (const char *text,
                    gsize       length,
                    GArray     *tokens)
{
  guint32 end = 0;

  for (guint i = 0; i < tokens->len; i++)
    {
      const AttacheToken *token = &g_array_index (tokens, AttacheToken, i);

      g_assert_cmpuint (token->length, >, 0);
      g_assert_cmpuint (token->start, >=, end);
      g_assert_cmpuint ((gsize) token->start + token->length, <=, length);
      end = token->start + token->length;
    }
  if (tokens->len > 0)
    g_assert_true (g_array_index (tokens, AttacheToken, 0).flags & ATTACHE_TOKEN_SENTENCE_START);
}

static void
test_tokenize_bad_input (void)
{
  const char invalid[] = "Paris\xff\xfe" "Berlin \xc3\x28 Rome\xe2\x82 Oslo\x00" "Bern \xf0\x9f\x98";
  g_autoptr(GArray) tokens = attache_tokenize (invalid, sizeof invalid - 1);
  g_autoptr(GRand) rand = g_rand_new_with_seed (42);
  g_autofree char *garbage = g_malloc (200000);
  g_autoptr(GArray) garbage_tokens = NULL;
  g_autofree char *got = NULL;
  GString *joined = g_string_new (NULL);

  assert_tokens_sane (invalid, sizeof invalid - 1, tokens);
  for (guint i = 0; i < tokens->len; i++)
    {
      const AttacheToken *token = &g_array_index (tokens, AttacheToken, i);

      g_string_append_len (joined, invalid + token->start, token->length);
      g_string_append_c (joined, ' ');
    }
  got = g_string_free (joined, FALSE);
  g_assert_cmpstr (got, ==, "Paris Berlin ( Rome Oslo Bern ");

  for (guint i = 0; i < 200000; i++)
    garbage[i] = (char) g_rand_int_range (rand, 0, 256);
  garbage_tokens = attache_tokenize (garbage, 200000);
  assert_tokens_sane (garbage, 200000, garbage_tokens);
}

/* The patterns that could make a tokenizer slow or crash, a megabyte each,
 * on one line. They must simply finish. */
static void
test_tokenize_one_long_line (void)
{
  const char *units[] = { "a", ".", "-", "'", "U.S.", "1,", "Mr. ", "n't", "?!", "\xe2\x80\xa6", "a-", "word " };

  for (guint u = 0; u < G_N_ELEMENTS (units); u++)
    {
      GString *text = g_string_new (NULL);
      g_autoptr(GArray) tokens = NULL;

      while (text->len < 1024 * 1024)
        g_string_append (text, units[u]);
      tokens = attache_tokenize (text->str, (gssize) text->len);
      assert_tokens_sane (text->str, text->len, tokens);
      g_string_free (text, TRUE);
    }
}

/* The tagger */

static AttacheTagger *
default_tagger (void)
{
  g_autoptr(GError) error = NULL;
  AttacheTagger *tagger = attache_tagger_new_default (&error);

  g_assert_no_error (error);
  g_assert_nonnull (tagger);

  return tagger;
}

/* Labels follow BIO: I-X only after B-X or I-X in the same sentence. */
static void
assert_valid_bio (const AttacheToken    *tokens,
                  const AttacheNerLabel *labels,
                  guint                  n)
{
  for (guint i = 0; i < n; i++)
    {
      g_assert_cmpint (labels[i], <, ATTACHE_NER_N_LABELS);
      if (ATTACHE_NER_LABEL_IS_INSIDE (labels[i]))
        {
          g_assert_false (tokens[i].flags & ATTACHE_TOKEN_SENTENCE_START);
          g_assert_cmpint (ATTACHE_NER_LABEL_TYPE (labels[i - 1]), ==, ATTACHE_NER_LABEL_TYPE (labels[i]));
        }
    }
}

/* The names the tagger finds in @text: "TYPE:name" joined by "; ". */
static char *
names_in (AttacheTagger *tagger,
          const char    *text)
{
  g_autoptr(GArray) tokens = attache_tokenize (text, -1);
  g_autofree AttacheNerLabel *labels = g_new (AttacheNerLabel, MAX (tokens->len, 1));
  const AttacheToken *t = &g_array_index (tokens, AttacheToken, 0);
  GString *out = g_string_new (NULL);

  attache_tagger_tag (tagger, text, t, tokens->len, labels);
  assert_valid_bio (t, labels, tokens->len);

  for (guint i = 0; i < tokens->len; i++)
    {
      guint end = i + 1;

      if (labels[i] == ATTACHE_NER_O)
        continue;
      while (end < tokens->len && ATTACHE_NER_LABEL_IS_INSIDE (labels[end]))
        end++;
      if (out->len > 0)
        g_string_append (out, "; ");
      g_string_append_printf (out, "%s:", attache_ner_type_to_string (ATTACHE_NER_LABEL_TYPE (labels[i])));
      g_string_append_len (out, text + t[i].start, t[end - 1].start + t[end - 1].length - t[i].start);
      i = end - 1;
    }

  if (strlen (text) < 300)
    g_test_message ("%s → %s", text, out->str);
  return g_string_free (out, FALSE);
}

static void
assert_names (AttacheTagger *tagger,
              const char    *text,
              const char    *expected)
{
  g_autofree char *got = names_in (tagger, text);

  g_assert_cmpstr (got, ==, expected);
}

static void
test_tagger_news (void)
{
  g_autoptr(AttacheTagger) tagger = default_tagger ();

  assert_names (tagger,
                "US Secretary of State Antony Blinken met French President Emmanuel Macron in Paris.",
                "LOC:US; PER:Antony Blinken; MISC:French; PER:Emmanuel Macron; LOC:Paris");
  assert_names (tagger,
                "The United Nations and NATO warned Russia on Tuesday, a spokesman for the European Union said in Brussels.",
                "ORG:United Nations; ORG:NATO; LOC:Russia; ORG:European Union; LOC:Brussels");
  assert_names (tagger,
                "German Chancellor Olaf Scholz will visit China next week to discuss trade.",
                "MISC:German; PER:Olaf Scholz; LOC:China");
  assert_names (tagger, "the talks ended without agreement.", "");
}

/* A name seen in the middle of a sentence helps at the start of another. */
static void
test_tagger_document (void)
{
  g_autoptr(AttacheTagger) tagger = default_tagger ();
  g_autofree char *names = names_in (tagger,
                                     "Kovalenko arrived in Kyiv on Monday. Officials said Kovalenko would meet "
                                     "the prime minister. Kovalenko declined to comment.");

  g_assert_nonnull (strstr (names, "LOC:Kyiv"));
  g_assert_nonnull (strstr (names, "PER:Kovalenko"));
}

static void
test_tagger_bad_input (void)
{
  g_autoptr(AttacheTagger) tagger = default_tagger ();
  GString *repeated = g_string_new (NULL);
  GString *line = g_string_new (NULL);
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  const char *words[] = { "Blinken", "met", "Macron", "in", "Paris", ",", "and", "NATO", "U.S.", "the" };
  g_autofree char *names = NULL;
  g_autofree char *garbage = g_malloc (100000);
  g_autoptr(GArray) garbage_tokens = NULL;
  g_autofree AttacheNerLabel *garbage_labels = NULL;

  /* Nothing at all. */
  attache_tagger_tag (tagger, "", NULL, 0, NULL);
  g_assert_cmpstr ((names = names_in (tagger, "")), ==, "");
  g_clear_pointer (&names, g_free);

  /* One name 5,000 times, then a megabyte on one line with no sentence end. */
  for (guint i = 0; i < 5000; i++)
    g_string_append (repeated, "Blinken ");
  names = names_in (tagger, repeated->str);
  g_assert_nonnull (names);
  g_clear_pointer (&names, g_free);

  while (line->len < 1024 * 1024)
    {
      g_string_append (line, words[g_rand_int_range (rand, 0, G_N_ELEMENTS (words))]);
      g_string_append_c (line, ' ');
    }
  names = names_in (tagger, line->str);
  g_assert_nonnull (names);

  /* Binary garbage, invalid UTF-8 included. */
  for (guint i = 0; i < 100000; i++)
    garbage[i] = (char) g_rand_int_range (rand, 0, 256);
  garbage_tokens = attache_tokenize (garbage, 100000);
  garbage_labels = g_new (AttacheNerLabel, MAX (garbage_tokens->len, 1));
  attache_tagger_tag (tagger, garbage, &g_array_index (garbage_tokens, AttacheToken, 0),
                      garbage_tokens->len, garbage_labels);
  assert_valid_bio (&g_array_index (garbage_tokens, AttacheToken, 0), garbage_labels, garbage_tokens->len);

  g_string_free (repeated, TRUE);
  g_string_free (line, TRUE);
}

static void
test_tagger_bad_model (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AttacheTagger) good = default_tagger ();
  g_autoptr(GBytes) empty = g_bytes_new_static ("", 0);
  g_autoptr(GBytes) junk = g_bytes_new_static ("not a model, just some text that is long enough", 48);
  g_autoptr(GBytes) whole = g_resources_lookup_data ("/io/github/attache/Attache/core/ner.model", 0, NULL);
  g_autoptr(GBytes) truncated = NULL;
  AttacheTagger *tagger;

  g_assert_cmpuint (attache_tagger_get_model_size (good), >, 1000);

  tagger = attache_tagger_new_from_bytes (empty, &error);
  g_assert_null (tagger);
  g_assert_error (error, ATTACHE_TAGGER_ERROR, ATTACHE_TAGGER_ERROR_NO_MODEL);
  g_clear_error (&error);

  tagger = attache_tagger_new_from_bytes (junk, &error);
  g_assert_null (tagger);
  g_assert_error (error, ATTACHE_TAGGER_ERROR, ATTACHE_TAGGER_ERROR_INVALID_MODEL);
  g_clear_error (&error);

  /* The real model, cut short by one byte. */
  if (whole != NULL)
    {
      truncated = g_bytes_new_from_bytes (whole, 0, g_bytes_get_size (whole) - 1);
      tagger = attache_tagger_new_from_bytes (truncated, &error);
      g_assert_null (tagger);
      g_assert_error (error, ATTACHE_TAGGER_ERROR, ATTACHE_TAGGER_ERROR_INVALID_MODEL);
    }
}

/* CoNLL reading and conlleval counting */

static void
test_conll_and_score (void)
{
  const char *conll =
    "-DOCSTART-\n\n"
    "Antony\tB-PER\nBlinken\tI-PER\nvisited\tO\nNew\tB-LOC\nYork\tI-LOC\n.\tO\n\n"
    "NATO\tI-ORG\nmet\tO\n\n"
    "-DOCSTART-\n\n"
    "Paris\tB-geo\nand\tO\nReuters\tB-corporation\n";
  g_autoptr(GPtrArray) documents = attache_conll_parse (conll, strlen (conll), 0);
  AttacheConllDocument *first, *second;
  const AttacheNerLabel *gold;
  AttacheNerLabel predicted[8];
  AttacheNerScore score = { 0, };
  double p, r, f;

  g_assert_cmpuint (documents->len, ==, 2);
  first = g_ptr_array_index (documents, 0);
  second = g_ptr_array_index (documents, 1);
  g_assert_true (first->docstart);
  g_assert_cmpstr (first->text, ==, "Antony Blinken visited New York .\nNATO met");
  g_assert_cmpuint (attache_conll_document_count_sentences (first), ==, 2);
  gold = (const AttacheNerLabel *) (const void *) first->labels->data;
  g_assert_cmpint (gold[0], ==, ATTACHE_NER_B_PER);
  g_assert_cmpint (gold[4], ==, ATTACHE_NER_I_LOC);
  g_assert_cmpint (gold[6], ==, ATTACHE_NER_B_ORG);   /* I- after nothing reads as B- */
  g_assert_cmpint (g_array_index (second->labels, AttacheNerLabel, 0), ==, ATTACHE_NER_B_LOC);
  g_assert_cmpint (g_array_index (second->labels, AttacheNerLabel, 2), ==, ATTACHE_NER_B_ORG);

  /* Gold: PER Antony Blinken, LOC New York, ORG NATO. Predicted: the person
   * right, "York" alone (wrong span), NATO as LOC (wrong type), "met" as MISC. */
  memcpy (predicted, gold, sizeof (AttacheNerLabel) * 8);
  predicted[3] = ATTACHE_NER_O;
  predicted[4] = ATTACHE_NER_B_LOC;
  predicted[6] = ATTACHE_NER_B_LOC;
  predicted[7] = ATTACHE_NER_B_MISC;
  attache_ner_score_add (&score, &g_array_index (first->tokens, AttacheToken, 0), gold, predicted, 8);

  attache_ner_score_get (&score, ATTACHE_NER_TYPES_PER_ORG_LOC, &p, &r, &f);
  g_assert_cmpfloat_with_epsilon (p, 100.0 / 3, 1e-9);
  g_assert_cmpfloat_with_epsilon (r, 100.0 / 3, 1e-9);
  g_assert_cmpfloat_with_epsilon (f, 100.0 / 3, 1e-9);
  attache_ner_score_get (&score, ATTACHE_NER_TYPES_ALL, &p, &r, &f);
  g_assert_cmpfloat_with_epsilon (p, 100.0 / 4, 1e-9);
  attache_ner_score_get (&score, 1u << ATTACHE_NER_TYPE_PER, &p, &r, &f);
  g_assert_cmpfloat_with_epsilon (f, 100.0, 1e-9);

  /* Without -DOCSTART-, a new document every N sentences. */
  {
    const char *plain = "A\tO\n\nB\tO\n\nC\tO\n\nD\tO\n\nE\tO\n";
    g_autoptr(GPtrArray) chunks = attache_conll_parse (plain, strlen (plain), 2);

    g_assert_cmpuint (chunks->len, ==, 3);
    g_assert_cmpuint (attache_conll_heldout_start (chunks, 20), ==, 2);
  }
}

/* The project's own corpus format: names marked [[TYPE|name]]. */
static void
test_conll_annotated (void)
{
  const char *data = "Shares in [[ORG|Holbrook Ports]] rose.\n\n"
                     "Mr [[PER|Okafor]] told the [[ORG|BBC]] the [[LOC|UK]]-based firm would grow.";
  const char *broken[] = { "a [[PER|name", "a [[XYZ|name]]", "a [[PER|]] b", "[[PER|a [[LOC|b]] c]]" };
  g_autoptr(AttacheConllDocument) document = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) seen = g_string_new (NULL);

  document = attache_conll_document_new_from_annotated (data, strlen (data), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (document->text, ==, "Shares in Holbrook Ports rose.\n\n"
                                       "Mr Okafor told the BBC the UK-based firm would grow.");
  g_assert_cmpuint (attache_conll_document_count_sentences (document), ==, 2);
  for (guint i = 0; i < document->tokens->len; i++)
    {
      const AttacheToken *t = &g_array_index (document->tokens, AttacheToken, i);
      AttacheNerLabel label = g_array_index (document->labels, AttacheNerLabel, i);

      if (label != ATTACHE_NER_O)
        g_string_append_printf (seen, "%.*s/%s ", (int) t->length, document->text + t->start,
                                attache_ner_label_to_string (label));
    }
  /* "UK-based" may be one token or three; only a whole "UK" token is a name */
  g_assert_true (g_str_has_prefix (seen->str, "Holbrook/B-ORG Ports/I-ORG Okafor/B-PER BBC/B-ORG "));

  for (guint i = 0; i < G_N_ELEMENTS (broken); i++)
    {
      g_autoptr(GError) broken_error = NULL;

      g_assert_null (attache_conll_document_new_from_annotated (broken[i], strlen (broken[i]), &broken_error));
      g_assert_error (broken_error, G_MARKUP_ERROR, G_MARKUP_ERROR_PARSE);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/tokenizer/words", test_tokenize_words);
  g_test_add_func ("/tokenizer/abbreviations", test_tokenize_abbreviations);
  g_test_add_func ("/tokenizer/sentences", test_tokenize_sentences);
  g_test_add_func ("/tokenizer/offsets", test_tokenize_offsets);
  g_test_add_func ("/tokenizer/bad-input", test_tokenize_bad_input);
  g_test_add_func ("/tokenizer/one-long-line", test_tokenize_one_long_line);
  g_test_add_func ("/tagger/news", test_tagger_news);
  g_test_add_func ("/tagger/document", test_tagger_document);
  g_test_add_func ("/tagger/bad-input", test_tagger_bad_input);
  g_test_add_func ("/tagger/bad-model", test_tagger_bad_model);
  g_test_add_func ("/tagger/conll-and-score", test_conll_and_score);
  g_test_add_func ("/tagger/conll-annotated", test_conll_annotated);

  return g_test_run ();
}
