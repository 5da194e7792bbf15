/* attache-conll.c: CoNLL named-entity files (token<TAB>tag), for the CLI, training and evaluation
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One token a line, its text in the first column and its tag in the last;
 * a blank line between sentences; a -DOCSTART- line before each document.
 * Tags are BIO over PER, ORG, LOC and MISC. The type names of WNUT-17
 * (person, location, group, corporation, product, creative-work) and of the
 * Groningen Meaning Bank (per, org, geo, gpe) are read as those four; other
 * types, and anything that is not a tag, read as O. I- after something else
 * than its own type reads as B-, as conlleval does.
 */

#define G_LOG_DOMAIN "attache-conll"

#include "config.h"

#include <string.h>

#include "attache-conll.h"
#include "attache-gazetteer-private.h"

void
attache_conll_document_free (AttacheConllDocument *document)
{
  if (document == NULL)
    return;

  g_free (document->text);
  g_array_unref (document->tokens);
  g_array_unref (document->labels);
  g_free (document);
}

guint
attache_conll_document_count_sentences (const AttacheConllDocument *document)
{
  guint n = 0;

  g_return_val_if_fail (document != NULL, 0);

  for (guint i = 0; i < document->tokens->len; i++)
    {
      if (g_array_index (document->tokens, AttacheToken, i).flags & ATTACHE_TOKEN_SENTENCE_START)
        n++;
    }

  return n;
}

static AttacheNerType
parse_type (const char *name)
{
  static const struct { const char *name; AttacheNerType type; } types[] = {
    { "PER", ATTACHE_NER_TYPE_PER }, { "PERSON", ATTACHE_NER_TYPE_PER },
    { "ORG", ATTACHE_NER_TYPE_ORG }, { "GROUP", ATTACHE_NER_TYPE_ORG },
    { "CORPORATION", ATTACHE_NER_TYPE_ORG },
    { "LOC", ATTACHE_NER_TYPE_LOC }, { "LOCATION", ATTACHE_NER_TYPE_LOC },
    { "GEO", ATTACHE_NER_TYPE_LOC },
    { "MISC", ATTACHE_NER_TYPE_MISC }, { "PRODUCT", ATTACHE_NER_TYPE_MISC },
    { "CREATIVE-WORK", ATTACHE_NER_TYPE_MISC }, { "GPE", ATTACHE_NER_TYPE_MISC },
  };

  for (guint i = 0; i < G_N_ELEMENTS (types); i++)
    {
      if (g_ascii_strcasecmp (types[i].name, name) == 0)
        return types[i].type;
    }

  return ATTACHE_NER_TYPE_NONE;
}

static AttacheNerLabel
parse_tag (const char      *tag,
           AttacheNerLabel  previous,
           gboolean         sentence_start)
{
  AttacheNerType type;
  gboolean inside;

  if ((tag[0] != 'B' && tag[0] != 'I') || tag[1] != '-')
    return ATTACHE_NER_O;

  type = parse_type (tag + 2);
  if (type == ATTACHE_NER_TYPE_NONE)
    return ATTACHE_NER_O;

  inside = tag[0] == 'I' && !sentence_start && ATTACHE_NER_LABEL_TYPE (previous) == type;

  return (AttacheNerLabel) (type * 2 - 1 + (inside ? 1 : 0));
}

typedef struct
{
  GPtrArray            *documents;
  AttacheConllDocument *current;
  GString              *text;
  guint                 sentences;        /* in the current document */
  gboolean              in_sentence;
  guint32               chars;            /* in text */
} Parser;

static void
finish_document (Parser *parser)
{
  if (parser->current == NULL)
    return;

  parser->current->text = g_string_free (parser->text, FALSE);
  parser->text = NULL;
  if (parser->current->tokens->len > 0 || parser->current->docstart)
    g_ptr_array_add (parser->documents, parser->current);
  else
    attache_conll_document_free (parser->current);
  parser->current = NULL;
}

static void
start_document (Parser   *parser,
                gboolean  docstart)
{
  finish_document (parser);
  parser->current = g_new0 (AttacheConllDocument, 1);
  parser->current->tokens = g_array_new (FALSE, FALSE, sizeof (AttacheToken));
  parser->current->labels = g_array_new (FALSE, FALSE, sizeof (AttacheNerLabel));
  parser->current->docstart = docstart;
  parser->text = g_string_new (NULL);
  parser->sentences = 0;
  parser->in_sentence = FALSE;
  parser->chars = 0;
}

/**
 * attache_conll_parse:
 * @data: the file's contents (need not be valid UTF-8: bad bytes become U+FFFD)
 * @sentences_per_document: for a file without any -DOCSTART- line, start a
 *   new document every that many sentences (0: the whole file is one)
 *
 * Returns: (transfer full) (element-type AttacheConllDocument): the documents
 */
GPtrArray *
attache_conll_parse (const char *data,
                     gsize       length,
                     guint       sentences_per_document)
{
  g_autofree char *valid = NULL;
  Parser parser = { 0, };
  gboolean has_docstart;
  const char *line, *end;

  g_return_val_if_fail (data != NULL || length == 0, NULL);

  valid = g_utf8_make_valid (data != NULL ? data : "", (gssize) length);
  has_docstart = g_str_has_prefix (valid, "-DOCSTART-") || strstr (valid, "\n-DOCSTART-") != NULL;
  if (has_docstart)
    sentences_per_document = 0;

  parser.documents = g_ptr_array_new_with_free_func ((GDestroyNotify) attache_conll_document_free);
  start_document (&parser, FALSE);

  line = valid;
  end = valid + strlen (valid);
  while (line < end)
    {
      const char *eol = memchr (line, '\n', (gsize) (end - line));
      const char *next = eol != NULL ? eol + 1 : end;
      g_autofree char *copy = g_strndup (line, (gsize) ((eol != NULL ? eol : end) - line));
      g_auto(GStrv) fields = NULL;
      guint n_fields;

      line = next;
      g_strstrip (copy);

      if (*copy == '\0')
        {
          parser.in_sentence = FALSE;
          continue;
        }

      fields = g_strsplit_set (copy, " \t", -1);
      /* Empty fields come from runs of separators: drop them. */
      n_fields = 0;
      for (guint i = 0; fields[i] != NULL; i++)
        {
          if (*fields[i] != '\0')
            fields[n_fields++] = fields[i];
          else
            g_free (fields[i]);
        }
      fields[n_fields] = NULL;

      if (g_str_equal (fields[0], "-DOCSTART-"))
        {
          start_document (&parser, TRUE);
          continue;
        }

      if (!parser.in_sentence)
        {
          if (sentences_per_document > 0 && parser.sentences >= sentences_per_document)
            start_document (&parser, FALSE);
          parser.sentences++;
        }

      {
        AttacheConllDocument *doc = parser.current;
        AttacheToken token = { 0, };
        AttacheNerLabel previous = doc->labels->len > 0
          ? g_array_index (doc->labels, AttacheNerLabel, doc->labels->len - 1) : ATTACHE_NER_O;
        AttacheNerLabel label;

        if (doc->tokens->len > 0)
          {
            g_string_append_c (parser.text, parser.in_sentence ? ' ' : '\n');
            parser.chars++;
          }

        token.start = (guint32) parser.text->len;
        token.length = (guint32) strlen (fields[0]);
        token.char_start = parser.chars;
        token.char_length = (guint32) g_utf8_strlen (fields[0], -1);
        parser.chars += token.char_length;
        token.flags = ATTACHE_TOKEN_SPACE_BEFORE | (parser.in_sentence ? 0 : ATTACHE_TOKEN_SENTENCE_START);
        g_string_append (parser.text, fields[0]);

        label = n_fields >= 2 ? parse_tag (fields[n_fields - 1], previous, !parser.in_sentence)
                              : ATTACHE_NER_O;
        g_array_append_val (doc->tokens, token);
        g_array_append_val (doc->labels, label);
        parser.in_sentence = TRUE;
      }
    }

  finish_document (&parser);

  return parser.documents;
}

/**
 * attache_conll_heldout_start:
 * @documents: (element-type AttacheConllDocument): a parsed file
 * @percent: how much to hold out, in percent of the sentences
 *
 * Where the held-out part of a file begins when its last @percent of
 * sentences are kept for evaluation: the index of the first document of that
 * part (a whole document, the first that starts at or after the cut).
 * The training tool and the evaluation test use it, and so agree.
 */
guint
attache_conll_heldout_start (GPtrArray *documents,
                             guint      percent)
{
  guint total = 0, seen = 0, cut;

  g_return_val_if_fail (documents != NULL, 0);
  g_return_val_if_fail (percent <= 100, 0);

  for (guint i = 0; i < documents->len; i++)
    total += attache_conll_document_count_sentences (g_ptr_array_index (documents, i));

  cut = total - (guint) ((guint64) total * percent / 100);
  for (guint i = 0; i < documents->len; i++)
    {
      if (seen >= cut)
        return i;
      seen += attache_conll_document_count_sentences (g_ptr_array_index (documents, i));
    }

  return documents->len;
}

/* The categories of the name made of tokens [first, last] in the lists. */
static guint
lookup_span (const AttacheConllDocument *document,
             guint                       first,
             guint                       last)
{
  const AttacheToken *tokens = (const AttacheToken *) (const void *) document->tokens->data;
  g_autofree char *phrase = g_strndup (document->text + tokens[first].start,
                                       tokens[last].start + tokens[last].length - tokens[first].start);
  guint categories = 0;

  _attache_gazetteer_lookup (_attache_gazetteer_get_default (), phrase, &categories);

  return categories;
}

/* Whether the name [first, end) ends a title that starts up to three
 * untagged tokens before it, in the same sentence. */
static gboolean
title_ends_at (const AttacheConllDocument *document,
               const AttacheNerLabel      *labels,
               guint                       first,
               guint                       end)
{
  const AttacheToken *tokens = (const AttacheToken *) (const void *) document->tokens->data;

  for (guint start = first; start > 0 && first - start < 3;)
    {
      if (tokens[start].flags & ATTACHE_TOKEN_SENTENCE_START)
        break;
      start--;
      if (labels[start] != ATTACHE_NER_O)
        break;
      if (lookup_span (document, start, end - 1) & _ATTACHE_GAZ_TITLE)
        return TRUE;
    }

  return FALSE;
}

/**
 * attache_conll_document_normalise:
 * @what: which conventions to apply
 *
 * Brings the tags of @document to the tagger's conventions, where a corpus
 * differs from them or is inconsistent: an organisation whose whole name is a
 * country in the gazetteer becomes a place (the Groningen Meaning Bank tags
 * "U.S." LOC 647 times and ORG 81), and titles at the start of a person's
 * name ("President", "Prime Minister", "Mr.") are taken out of it, as CoNLL
 * and Universal NER do (GMB keeps them in), and a name that only ends a
 * title ("State" in "Secretary of State", which GMB tags ORG) is no name.
 *
 * Returns: how many names changed
 */
guint
attache_conll_document_normalise (AttacheConllDocument  *document,
                                  AttacheConllNormalise  what)
{
  AttacheNerLabel *labels;
  guint n, changed = 0;

  g_return_val_if_fail (document != NULL, 0);

  labels = (AttacheNerLabel *) (void *) document->labels->data;
  n = document->tokens->len;

  for (guint i = 0; i < n;)
    {
      AttacheNerType type = ATTACHE_NER_LABEL_TYPE (labels[i]);
      guint end = i + 1;

      if (labels[i] == ATTACHE_NER_O)
        {
          i++;
          continue;
        }
      while (end < n && ATTACHE_NER_LABEL_IS_INSIDE (labels[end]))
        end++;

      if ((what & ATTACHE_CONLL_COUNTRIES_AS_LOC) && type == ATTACHE_NER_TYPE_ORG &&
          (lookup_span (document, i, end - 1) & (_ATTACHE_GAZ_COUNTRY | _ATTACHE_GAZ_CODE)) != 0)
        {
          labels[i] = ATTACHE_NER_B_LOC;
          for (guint k = i + 1; k < end; k++)
            labels[k] = ATTACHE_NER_I_LOC;
          changed++;
        }
      else if ((what & ATTACHE_CONLL_TITLES_OUTSIDE_PER) && type != ATTACHE_NER_TYPE_PER &&
               title_ends_at (document, labels, i, end))
        {
          /* "State" of "Secretary of State" is part of a title, not an organisation. */
          for (guint k = i; k < end; k++)
            labels[k] = ATTACHE_NER_O;
          changed++;
        }
      else if ((what & ATTACHE_CONLL_TITLES_OUTSIDE_PER) && type == ATTACHE_NER_TYPE_PER)
        {
          guint start = i;
          gboolean found = TRUE;

          /* The longest title first ("Prime Minister" before "Prime"), then again:
           * "Foreign Minister Dr." … A name keeps at least one token. */
          while (found && end - start > 1)
            {
              found = FALSE;
              for (guint last = MIN (end - 2, start + 4) + 1; last-- > start;)
                {
                  if (lookup_span (document, start, last) & _ATTACHE_GAZ_TITLE)
                    {
                      for (guint k = start; k <= last; k++)
                        labels[k] = ATTACHE_NER_O;
                      start = last + 1;
                      labels[start] = ATTACHE_NER_B_PER;
                      found = TRUE;
                      break;
                    }
                }
            }
          if (start != i)
            changed++;
        }

      i = end;
    }

  return changed;
}

/**
 * attache_conll_document_new_from_annotated:
 * @data: UTF-8 text with its names marked as `[[TYPE|name]]` (TYPE one of
 *   PER, ORG, LOC, MISC), as in the project's own corpus, data/ner-corpus
 * @length: bytes of @data
 * @error: a #G_MARKUP_ERROR when a mark is broken
 *
 * Reads one annotated document: the text without the marks, cut into tokens
 * and sentences by attache_tokenize(), each token labelled from the mark it
 * lies wholly inside (B- for the first, I- for the rest). A token that a
 * mark covers only in part ("UK-based" for [[LOC|UK]]-based, when it is one
 * token) stays O.
 */
AttacheConllDocument *
attache_conll_document_new_from_annotated (const char  *data,
                                           gsize        length,
                                           GError     **error)
{
  g_autoptr(GString) text = g_string_sized_new (length);
  g_autoptr(GArray) spans = g_array_new (FALSE, FALSE, sizeof (guint) * 3);
  AttacheConllDocument *document;
  const char *p = data, *end = data + length;
  guint s = 0;

  if (!g_utf8_validate_len (data, length, NULL))
    {
      g_set_error_literal (error, G_MARKUP_ERROR, G_MARKUP_ERROR_BAD_UTF8, "not UTF-8");
      return NULL;
    }

  while (p < end)
    {
      const char *open = memchr (p, '[', (gsize) (end - p));
      const char *bar, *close;
      AttacheNerType type = ATTACHE_NER_TYPE_NONE;
      guint span[3];

      if (open == NULL || open + 1 >= end || open[1] != '[')
        {
          const char *stop = open == NULL ? end : open + 1;

          g_string_append_len (text, p, stop - p);
          p = stop;
          continue;
        }
      g_string_append_len (text, p, open - p);
      bar = memchr (open, '|', (gsize) (end - open));
      close = bar != NULL ? g_strstr_len (bar, end - bar, "]]") : NULL;
      if (bar != NULL)
        for (guint t = ATTACHE_NER_TYPE_PER; t < ATTACHE_NER_N_TYPES; t++)
          {
            const char *name = attache_ner_type_to_string (t);

            if ((gsize) (bar - open - 2) == strlen (name) && memcmp (open + 2, name, strlen (name)) == 0)
              type = t;
          }
      if (close == NULL || type == ATTACHE_NER_TYPE_NONE || close == bar + 1 ||
          memchr (bar + 1, '[', (gsize) (close - bar - 1)) != NULL)
        {
          g_set_error (error, G_MARKUP_ERROR, G_MARKUP_ERROR_PARSE,
                       "a broken mark at byte %" G_GSIZE_FORMAT, (gsize) (open - data));
          return NULL;
        }
      span[0] = (guint) text->len;
      g_string_append_len (text, bar + 1, close - bar - 1);
      span[1] = (guint) text->len;
      span[2] = type;
      g_array_append_val (spans, span);
      p = close + 2;
    }

  document = g_new0 (AttacheConllDocument, 1);
  document->docstart = TRUE;
  document->tokens = attache_tokenize (text->str, (gssize) text->len);
  document->labels = g_array_sized_new (FALSE, TRUE, sizeof (AttacheNerLabel), document->tokens->len);
  g_array_set_size (document->labels, document->tokens->len);
  for (guint i = 0; i < document->tokens->len; i++)
    {
      const AttacheToken *t = &g_array_index (document->tokens, AttacheToken, i);
      const guint *span;

      while (s < spans->len && (&g_array_index (spans, guint, 3 * s))[1] <= t->start)
        s++;
      if (s == spans->len)
        break;
      span = &g_array_index (spans, guint, 3 * s);
      if (t->start >= span[0] && t->start + t->length <= span[1])
        {
          gboolean first = i == 0 || (t - 1)->start < span[0];

          g_array_index (document->labels, AttacheNerLabel, i) = (AttacheNerLabel) (span[2] * 2 - (first ? 1 : 0));
        }
    }
  document->text = g_string_free (g_steal_pointer (&text), FALSE);

  return document;
}
