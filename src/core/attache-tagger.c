/* attache-tagger.c: people, organisations, places and other names in text
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A linear sequence tagger: an averaged perceptron (trained by
 * tools/attache-train-ner) over hashed features, decoded with Viterbi under
 * first-order transitions and the BIO constraint (I-X only after B-X or I-X).
 *
 * Features of a token (_ATTACHE_TAGGER_N_FEATURES ids, see extract_chunk):
 * its lower-cased form and exact form, its shape ("Xxxx", "X.X.", "dd,ddd")
 * long and short, prefixes and suffixes of 1–5 characters, capitalisation,
 * digits, hyphens and periods, whether it starts the sentence, its position
 * in the sentence (1st, 2nd, 3rd, later) and whether the sentence looks like
 * a headline (most words capitalised), each with its capitalisation, the
 * words and short shapes two either side, four word pairs (the two words
 * before, the word before and this one, this one and the next, the two
 * after), a shape trigram, the gazetteer entries covering it and its
 * neighbours two before and one after ("President" before a name), and two
 * features of the whole document: whether the same word also appears
 * capitalised in the middle of a sentence, or in lower case, elsewhere in
 * the document; and the lists' categories for the word wherever it is
 * capitalised in the document ("Pernod" alone, after "Pernod Ricard").
 *
 * Each feature id selects a row of ATTACHE_NER_N_LABELS weights in a table
 * of 2^n_bits rows (feature hashing). The model file stores only the rows
 * that are not zero, as 16-bit integers, with a bitmap saying which rows are
 * there and a rank table built at load time; it is used in place (the
 * program's resources are mapped read-only), so loading costs no copy.
 *
 * Model file, little-endian:
 *   0    "ATTNER\0\1"                magic
 *   8    guint32 0x01020304          byte order
 *   12   guint32 feature version     FEATURE_VERSION
 *   16   guint32 labels              ATTACHE_NER_N_LABELS
 *   20   guint32 n_bits              log2 of the number of rows
 *   24   guint32 n_rows              rows stored
 *   28   float   step                weight = stored integer × step
 *   32   guint32 gazetteer checksum  of the lists it was trained with
 *   36   guint32 reserved
 *   40   float   transitions[10][9]  [previous][label]; previous 9 = start
 *   400  guint64 bitmap[2^n_bits / 64]
 *   …    gint16  rows[n_rows][9]
 */

#define G_LOG_DOMAIN "attache-tagger"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "attache-core-resources.h"
#include "attache-tagger-private.h"

#define N_LABELS ATTACHE_NER_N_LABELS
#define N_FEATURES _ATTACHE_TAGGER_N_FEATURES
#define START_ROW N_LABELS
#define FEATURE_VERSION 3
#define HEADER_SIZE 400
#define MIN_BITS 10
#define MAX_BITS 26
#define MAX_CHUNK 256    /* longer "sentences" are tagged in pieces */
#define NEG_INFINITY (-1e30f)
#define N_AFFIXES 5      /* prefixes and suffixes of 1–5 characters */

static const char magic[8] = { 'A', 'T', 'T', 'N', 'E', 'R', '\0', '\1' };

struct _AttacheTagger
{
  GObject                 parent_instance;

  GBytes                 *bytes;       /* the model, aligned */
  const gint16           *rows;
  const guint64          *bitmap;
  guint32                *rank;        /* rows before each bitmap word */
  guint32                 mask;
  float                   step;
  float                   transitions[_ATTACHE_TAGGER_N_TRANSITIONS];
  const AttacheGazetteer *gazetteer;   /* shared, never freed */
};

G_DEFINE_FINAL_TYPE (AttacheTagger, attache_tagger, G_TYPE_OBJECT)

G_DEFINE_QUARK (attache-tagger-error-quark, attache_tagger_error)

/* Labels */

static const char * const label_names[] = {
  "O", "B-PER", "I-PER", "B-ORG", "I-ORG", "B-LOC", "I-LOC", "B-MISC", "I-MISC",
};

static const char * const type_names[] = { "", "PER", "ORG", "LOC", "MISC" };

const char *
attache_ner_label_to_string (AttacheNerLabel label)
{
  g_return_val_if_fail (label < ATTACHE_NER_N_LABELS, "O");

  return label_names[label];
}

const char *
attache_ner_type_to_string (AttacheNerType type)
{
  g_return_val_if_fail (type < ATTACHE_NER_N_TYPES, "");

  return type_names[type];
}

/* Reads "O", "B-PER", "I-LOC"…; FALSE for anything else. */
gboolean
attache_ner_label_from_string (const char      *text,
                               AttacheNerLabel *label)
{
  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (label != NULL, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (label_names); i++)
    {
      if (g_str_equal (text, label_names[i]))
        {
          *label = (AttacheNerLabel) i;
          return TRUE;
        }
    }

  return FALSE;
}

/* Features */

enum
{
  TF_CAP        = 1 << 0,   /* first character upper case */
  TF_ALL_CAPS   = 1 << 1,   /* letters, none of them lower case */
  TF_DIGIT      = 1 << 2,
  TF_HYPHEN     = 1 << 3,
  TF_PERIOD     = 1 << 4,
  TF_SENTENCE   = 1 << 5,   /* first token of the sentence */
  TF_ALL_DIGITS = 1 << 6,
  TF_NO_ALNUM   = 1 << 7,   /* punctuation, symbols */
  TF_LOWER      = 1 << 8,   /* first character lower case */
};

/* Document counts, saturating */
enum
{
  DOC_CAP_MID_SHIFT = 0,    /* capitalised, not first in its sentence */
  DOC_LOWER_SHIFT   = 2,    /* first character lower case */
};

typedef struct
{
  guint64 lower;
  guint64 exact;
  guint64 shape;
  guint64 short_shape;
  guint64 prefix[N_AFFIXES];
  guint64 suffix[N_AFFIXES];
  guint32 flags;
  guint16 gazetteer;
  guint16 doc_gazetteer;
  guint8  doc;
} TokenInfo;

typedef struct
{
  guint64 key;
  guint16 categories;   /* of the list entries covering the word anywhere, capitalised */
  guint8  counts;
} DocSlot;

typedef struct
{
  guint64 *lower;     /* per token */
  guint32 *flags;     /* per token */
  guint16 *gazetteer; /* per token: category and position in the longest list entry */
  DocSlot *slots;     /* one per distinct word, at most half full */
  guint    mask;
  guint    n_used;
} DocState;

static guint32 flags_of (const char *word,
                         gsize       length);

static DocSlot *
doc_slot (const DocState *doc,
          guint64         key)
{
  guint i = (guint) key & doc->mask;

  if (key == 0)
    key = 1;
  for (;;)
    {
      DocSlot *slot = &doc->slots[i];

      if (slot->key == key || slot->key == 0)
        {
          slot->key = key;
          return slot;
        }
      i = (i + 1) & doc->mask;
    }
}

/* The slot of @key, added if new; the table doubles when half full, so it
 * grows with the words of the document, not with its length. */
static DocSlot *
doc_slot_add (DocState *doc,
              guint64   key)
{
  DocSlot *slot;

  if ((doc->n_used + 1) * 2 > doc->mask + 1)
    {
      DocSlot *old = doc->slots;
      guint old_size = doc->mask + 1;

      doc->slots = g_new0 (DocSlot, (gsize) old_size * 2);
      doc->mask = old_size * 2 - 1;
      for (guint i = 0; i < old_size; i++)
        if (old[i].key != 0)
          *doc_slot (doc, old[i].key) = old[i];
      g_free (old);
    }

  if (key == 0)
    key = 1;
  for (guint i = (guint) key & doc->mask;; i = (i + 1) & doc->mask)
    {
      slot = &doc->slots[i];
      if (slot->key == key)
        return slot;
      if (slot->key == 0)
        {
          slot->key = key;
          doc->n_used++;
          return slot;
        }
    }
}

static guint8
count_up (guint8 counts,
          guint  shift)
{
  guint c = (counts >> shift) & 3;

  if (c < 3)
    counts = (guint8) (counts + (1u << shift));

  return counts;
}

/* What is the same for the whole document: each token's lower-case hash and
 * flags, and how often each word is capitalised mid-sentence or lower case. */
static void
doc_state_init (DocState               *doc,
                const AttacheGazetteer *gazetteer,
                const char             *text,
                const AttacheToken     *tokens,
                guint                   n_tokens)
{
  guint size = 16;

  while (size < n_tokens && size < 4096)
    size *= 2;

  doc->lower = g_new (guint64, n_tokens);
  doc->flags = g_new (guint32, n_tokens);
  doc->slots = g_new0 (DocSlot, size);
  doc->mask = size - 1;
  doc->n_used = 0;

  for (guint i = 0; i < n_tokens; i++)
    {
      const char *word = text + tokens[i].start;
      guint32 flags = flags_of (word, tokens[i].length);
      DocSlot *slot;

      if (tokens[i].flags & ATTACHE_TOKEN_SENTENCE_START)
        flags |= TF_SENTENCE;
      doc->lower[i] = _attache_hash_lower (word, tokens[i].length);
      doc->flags[i] = flags;

      if ((flags & (TF_CAP | TF_LOWER)) == 0)
        continue;
      slot = doc_slot_add (doc, doc->lower[i]);
      if ((flags & TF_CAP) && !(flags & TF_SENTENCE))
        slot->counts = count_up (slot->counts, DOC_CAP_MID_SHIFT);
      else if (flags & TF_LOWER)
        slot->counts = count_up (slot->counts, DOC_LOWER_SHIFT);
    }

  /* The lists, a sentence at a time; and for each word, what the lists
   * call it wherever it is capitalised ("Pernod" of "Pernod Ricard"). */
  doc->gazetteer = g_new0 (guint16, MAX (n_tokens, 1));
  for (guint start = 0, end; start < n_tokens; start = end)
    {
      end = start + 1;
      while (end < n_tokens && end - start < MAX_CHUNK && (tokens[end].flags & ATTACHE_TOKEN_SENTENCE_START) == 0)
        end++;
      _attache_gazetteer_match (gazetteer, text, tokens + start, doc->lower + start, end - start,
                                doc->gazetteer + start);
    }
  for (guint i = 0; i < n_tokens; i++)
    {
      guint16 categories = doc->gazetteer[i] & ((1u << _ATTACHE_GAZ_POSITION_SHIFT) - 1);

      if (categories != 0 && (doc->flags[i] & TF_CAP))
        doc_slot (doc, doc->lower[i])->categories |= categories;
    }
}

static void
doc_state_clear (DocState *doc)
{
  g_clear_pointer (&doc->lower, g_free);
  g_clear_pointer (&doc->flags, g_free);
  g_clear_pointer (&doc->gazetteer, g_free);
  g_clear_pointer (&doc->slots, g_free);
}

/* Whether the word of token @i is capitalised mid-sentence (1) or in lower
 * case (2) elsewhere in the document; 3 for both. */
static guint8
doc_code (const DocState *doc,
          guint           i)
{
  guint32 flags = doc->flags[i];
  guint8 counts;
  guint cap_mid, lower;

  if ((flags & (TF_CAP | TF_LOWER)) == 0)
    return 0;

  counts = doc_slot (doc, doc->lower[i])->counts;
  cap_mid = (counts >> DOC_CAP_MID_SHIFT) & 3;
  lower = (counts >> DOC_LOWER_SHIFT) & 3;
  if ((flags & TF_CAP) && !(flags & TF_SENTENCE))
    cap_mid--;
  else if (flags & TF_LOWER)
    lower--;

  return (guint8) ((cap_mid > 0 ? 1 : 0) | (lower > 0 ? 2 : 0));
}

static guint32
flags_of (const char *word,
          gsize       length)
{
  guint32 flags = 0;
  gboolean letters = FALSE, lower = FALSE, digits_only = TRUE, alnum = FALSE;
  gsize i = 0;
  gboolean first = TRUE;

  while (i < length)
    {
      guchar b = (guchar) word[i];
      gunichar c;

      if (b < 0x80)
        {
          c = b;
          i++;
        }
      else
        {
          c = g_utf8_get_char_validated (word + i, (gssize) (length - i));
          if (c == (gunichar) -1 || c == (gunichar) -2)
            {
              c = 0xFFFD;
              i++;
            }
          else
            {
              i += g_unichar_to_utf8 (c, NULL);
            }
        }

      if (c < 0x80 ? g_ascii_isupper ((char) c) : g_unichar_isupper (c) || g_unichar_istitle (c))
        {
          letters = TRUE;
          alnum = TRUE;
          digits_only = FALSE;
          if (first)
            flags |= TF_CAP;
        }
      else if (c < 0x80 ? g_ascii_islower ((char) c) : g_unichar_islower (c))
        {
          letters = TRUE;
          lower = TRUE;
          alnum = TRUE;
          digits_only = FALSE;
          if (first)
            flags |= TF_LOWER;
        }
      else if (c < 0x80 ? g_ascii_isdigit ((char) c) : g_unichar_isdigit (c))
        {
          flags |= TF_DIGIT;
          alnum = TRUE;
        }
      else
        {
          if (c == '-')
            flags |= TF_HYPHEN;
          else if (c == '.')
            flags |= TF_PERIOD;
          if (c < 0x80 || !g_unichar_isalpha (c))
            digits_only = FALSE;
          else
            letters = alnum = TRUE, digits_only = FALSE;
        }
      first = FALSE;
    }

  if (letters && !lower)
    flags |= TF_ALL_CAPS;
  if (digits_only && (flags & TF_DIGIT))
    flags |= TF_ALL_DIGITS;
  if (!alnum)
    flags |= TF_NO_ALNUM;

  return flags;
}

/* The shape of a word: X for upper case, x lower case, d digit, other ASCII
 * as itself, o anything else. Long: runs cut at four; short: one of each. */
static void
shapes_of (const char *word,
           gsize       length,
           guint64    *shape,
           guint64    *short_shape)
{
  char lng[33], shrt[33];
  gsize nl = 0, ns = 0;
  char last = 0;
  guint run = 0;
  gsize i = 0;

  while (i < length && nl < 32)
    {
      guchar b = (guchar) word[i];
      gunichar c;
      char k;

      if (b < 0x80)
        {
          c = b;
          i++;
        }
      else
        {
          c = g_utf8_get_char_validated (word + i, (gssize) (length - i));
          if (c == (gunichar) -1 || c == (gunichar) -2)
            {
              c = 0xFFFD;
              i++;
            }
          else
            {
              i += g_unichar_to_utf8 (c, NULL);
            }
        }

      if (c < 0x80)
        k = g_ascii_isupper ((char) c) ? 'X' : g_ascii_islower ((char) c) ? 'x' :
            g_ascii_isdigit ((char) c) ? 'd' : (char) c;
      else
        k = g_unichar_isupper (c) ? 'X' : g_unichar_islower (c) ? 'x' : g_unichar_isdigit (c) ? 'd' : 'o';

      if (k == last)
        {
          run++;
        }
      else
        {
          run = 1;
          if (ns < 32)
            shrt[ns++] = k;
        }
      if (run <= 4)
        lng[nl++] = k;
      last = k;
    }

  *shape = _attache_hash_bytes (lng, nl);
  *short_shape = _attache_hash_bytes (shrt, ns);
}

/* Prefix and suffix hashes of 1–N_AFFIXES characters of the lower-case word. */
static void
affixes_of (const char *word,
            gsize       length,
            TokenInfo  *info)
{
  char lower[_ATTACHE_LOWER_MAX + 1];
  gsize n = _attache_lower_into (word, length, lower);
  gsize p = 0;
  gsize e = n;

  for (guint k = 0; k < N_AFFIXES; k++)
    {
      /* Past the next character (a start byte and its continuation bytes). */
      if (p < n)
        {
          p++;
          while (p < n && ((guchar) lower[p] & 0xC0) == 0x80)
            p++;
        }
      if (e > 0)
        {
          e--;
          while (e > 0 && ((guchar) lower[e] & 0xC0) == 0x80)
            e--;
        }
      info->prefix[k] = _attache_hash_bytes (lower, p);
      info->suffix[k] = _attache_hash_bytes (lower + e, n - e);
    }
}

#define TEMPLATE(k) (G_GUINT64_CONSTANT (0x7A6E0000) + (k) * G_GUINT64_CONSTANT (0x1000193))
#define BOUNDARY_BEFORE G_GUINT64_CONSTANT (0xB0B0B0B0)
#define BOUNDARY_AFTER  G_GUINT64_CONSTANT (0xE0E0E0E0)

static inline guint32
feature1 (guint   k,
          guint64 a)
{
  return (guint32) (_attache_hash_combine (TEMPLATE (k), a) >> 32);
}

static inline guint32
feature2 (guint   k,
          guint64 a,
          guint64 b)
{
  return (guint32) (_attache_hash_combine (_attache_hash_combine (TEMPLATE (k), a), b) >> 32);
}

static inline guint32
feature3 (guint   k,
          guint64 a,
          guint64 b,
          guint64 c)
{
  return (guint32) (_attache_hash_combine (_attache_hash_combine (_attache_hash_combine (TEMPLATE (k), a), b), c) >> 32);
}

/* Features of the tokens [start, start + n) of one sentence (or piece of one). */
static void
extract_chunk (const AttacheGazetteer *gazetteer,
               const char             *text,
               const AttacheToken     *tokens,
               const DocState         *doc,
               guint                   start,
               guint                   n,
               TokenInfo              *info,
               guint16                *gazetteer_codes,
               guint32                *features)
{
  guint n_words = 0, n_capitalised = 0;
  gboolean headline;

  memcpy (gazetteer_codes, doc->gazetteer + start, n * sizeof (guint16));

  for (guint i = 0; i < n; i++)
    {
      const AttacheToken *token = &tokens[start + i];
      const char *word = text + token->start;
      TokenInfo *t = &info[i];

      t->lower = doc->lower[start + i];
      t->flags = doc->flags[start + i];
      t->exact = _attache_hash_bytes (word, MIN (token->length, _ATTACHE_LOWER_MAX));
      shapes_of (word, token->length, &t->shape, &t->short_shape);
      affixes_of (word, token->length, t);
      t->gazetteer = gazetteer_codes[i];
      t->doc = doc_code (doc, start + i);
      t->doc_gazetteer = (t->flags & (TF_CAP | TF_LOWER)) ? doc_slot (doc, t->lower)->categories : 0;
    }

  /* A headline: most words capitalised, in a piece of some length. */
  for (guint i = 1; i < n; i++)
    {
      if (info[i].flags & (TF_CAP | TF_LOWER))
        n_words++;
      if (info[i].flags & TF_CAP)
        n_capitalised++;
    }
  headline = n_words >= 3 && n_capitalised * 10 >= n_words * 7;

  for (guint i = 0; i < n; i++)
    {
      const TokenInfo *t = &info[i];
      guint32 *f = features + (gsize) i * N_FEATURES;
      guint64 lower_p1 = i >= 1 ? info[i - 1].lower : BOUNDARY_BEFORE;
      guint64 lower_p2 = i >= 2 ? info[i - 2].lower : BOUNDARY_BEFORE;
      guint64 lower_n1 = i + 1 < n ? info[i + 1].lower : BOUNDARY_AFTER;
      guint64 lower_n2 = i + 2 < n ? info[i + 2].lower : BOUNDARY_AFTER;
      guint64 shape_p1 = i >= 1 ? info[i - 1].short_shape : BOUNDARY_BEFORE;
      guint64 shape_p2 = i >= 2 ? info[i - 2].short_shape : BOUNDARY_BEFORE;
      guint64 shape_n1 = i + 1 < n ? info[i + 1].short_shape : BOUNDARY_AFTER;
      guint64 shape_n2 = i + 2 < n ? info[i + 2].short_shape : BOUNDARY_AFTER;
      guint64 gaz_p1 = i >= 1 ? info[i - 1].gazetteer : 0xFFFF;
      guint64 gaz_n1 = i + 1 < n ? info[i + 1].gazetteer : 0xFFFF;
      guint64 gaz_p2 = i >= 2 ? info[i - 2].gazetteer : 0xFFFF;
      guint64 cap = t->flags & (TF_CAP | TF_SENTENCE | TF_ALL_CAPS);

      f[0] = feature1 (0, 0);
      f[1] = feature1 (1, t->lower);
      f[2] = feature1 (2, t->exact);
      f[3] = feature1 (3, t->shape);
      f[4] = feature1 (4, t->short_shape);
      for (guint k = 0; k < 4; k++)
        {
          f[5 + k] = feature1 (5 + k, t->prefix[k]);
          f[9 + k] = feature1 (9 + k, t->suffix[k]);
        }
      f[13] = feature1 (13, t->flags);
      f[14] = feature1 (14, lower_p1);
      f[15] = feature1 (15, lower_n1);
      f[16] = feature1 (16, lower_p2);
      f[17] = feature1 (17, lower_n2);
      f[18] = feature1 (18, shape_p1);
      f[19] = feature1 (19, shape_n1);
      f[20] = feature1 (20, shape_p2);
      f[21] = feature1 (21, shape_n2);
      f[22] = feature2 (22, lower_p1, t->lower);
      f[23] = feature2 (23, t->lower, lower_n1);
      f[24] = feature3 (24, shape_p1, t->short_shape, shape_n1);
      f[25] = feature1 (25, t->gazetteer);
      f[26] = feature1 (26, gaz_p1);
      f[27] = feature1 (27, gaz_n1);
      f[28] = feature2 (28, t->doc, cap);
      f[29] = feature2 (29, lower_p1, t->short_shape);
      f[30] = feature2 (30, t->short_shape, lower_n1);
      f[31] = feature2 (31, t->gazetteer, cap);
      f[32] = feature1 (32, t->prefix[4]);
      f[33] = feature1 (33, t->suffix[4]);
      f[34] = feature2 (34, MIN (i, 3), cap);
      f[35] = feature2 (35, headline, cap);
      f[36] = feature1 (36, gaz_p2);
      f[37] = feature2 (37, lower_p2, lower_p1);
      f[38] = feature2 (38, lower_n1, lower_n2);
      f[39] = feature2 (39, t->doc_gazetteer, cap);
    }
}

/* Calls @func for every piece of the document to tag on its own: a
 * sentence, cut into pieces of MAX_CHUNK tokens when longer. */
typedef void (*ChunkFunc) (guint    start,
                           guint    n,
                           gpointer user_data);

static void
foreach_chunk (const AttacheToken *tokens,
               guint               n_tokens,
               ChunkFunc           func,
               gpointer            user_data)
{
  guint start = 0;

  while (start < n_tokens)
    {
      guint end = start + 1;

      while (end < n_tokens && end - start < MAX_CHUNK &&
             (tokens[end].flags & ATTACHE_TOKEN_SENTENCE_START) == 0)
        end++;
      func (start, end - start, user_data);
      start = end;
    }
}

typedef struct
{
  const AttacheGazetteer *gazetteer;
  const char             *text;
  const AttacheToken     *tokens;
  DocState                doc;
  TokenInfo               info[MAX_CHUNK];
  guint16                 gazetteer_codes[MAX_CHUNK];
  guint32                *features;      /* extract: the document's; tag: one chunk's */
  /* tag only */
  AttacheTagger          *tagger;
  AttacheNerLabel        *labels;
  float                   emissions[MAX_CHUNK * N_LABELS];
  guint8                  backpointers[MAX_CHUNK * N_LABELS];
} Work;

static void
extract_chunk_cb (guint    start,
                  guint    n,
                  gpointer user_data)
{
  Work *work = user_data;

  extract_chunk (work->gazetteer, work->text, work->tokens, &work->doc, start, n,
                 work->info, work->gazetteer_codes, work->features + (gsize) start * N_FEATURES);
}

/* The feature ids of every token of a document, n_tokens × N_FEATURES. */
void
_attache_tagger_extract_features (const AttacheGazetteer *gazetteer,
                                  const char             *text,
                                  const AttacheToken     *tokens,
                                  guint                   n_tokens,
                                  guint32                *features)
{
  Work *work = g_new0 (Work, 1);

  work->gazetteer = gazetteer;
  work->text = text;
  work->tokens = tokens;
  work->features = features;
  doc_state_init (&work->doc, work->gazetteer, text, tokens, n_tokens);
  foreach_chunk (tokens, n_tokens, extract_chunk_cb, work);
  doc_state_clear (&work->doc);
  g_free (work);
}

/* Decoding */

gboolean
_attache_ner_transition_allowed (guint previous,
                                 guint label)
{
  if (!ATTACHE_NER_LABEL_IS_INSIDE (label))
    return TRUE;

  return previous == label || previous == label - 1;
}

/* The best labels for one sentence under the BIO constraint.
 * @backpointers: scratch of n_tokens × N_LABELS. */
void
_attache_tagger_viterbi (const float     *emissions,
                         const float     *transitions,
                         guint            n_tokens,
                         guint8          *backpointers,
                         AttacheNerLabel *labels)
{
  float score[N_LABELS], next[N_LABELS];
  guint best;

  if (n_tokens == 0)
    return;

  for (guint y = 0; y < N_LABELS; y++)
    score[y] = ATTACHE_NER_LABEL_IS_INSIDE (y) ? NEG_INFINITY
                                               : transitions[START_ROW * N_LABELS + y] + emissions[y];

  for (guint i = 1; i < n_tokens; i++)
    {
      for (guint y = 0; y < N_LABELS; y++)
        {
          float top = NEG_INFINITY;
          guint arg = 0;

          for (guint p = 0; p < N_LABELS; p++)
            {
              float s;

              if (!_attache_ner_transition_allowed (p, y))
                continue;
              s = score[p] + transitions[p * N_LABELS + y];
              if (s > top)
                {
                  top = s;
                  arg = p;
                }
            }
          next[y] = top + emissions[i * N_LABELS + y];
          backpointers[i * N_LABELS + y] = (guint8) arg;
        }
      memcpy (score, next, sizeof score);
    }

  best = 0;
  for (guint y = 1; y < N_LABELS; y++)
    {
      if (score[y] > score[best])
        best = y;
    }

  for (guint i = n_tokens; i-- > 0;)
    {
      labels[i] = (AttacheNerLabel) best;
      best = backpointers[i * N_LABELS + best];
    }
}

static inline const gint16 *
model_row (const AttacheTagger *self,
           guint32              feature)
{
  guint32 bucket = feature & self->mask;
  guint64 word = self->bitmap[bucket >> 6];
  guint64 bit = G_GUINT64_CONSTANT (1) << (bucket & 63);

  if ((word & bit) == 0)
    return NULL;

  return self->rows + (gsize) (self->rank[bucket >> 6] + (guint32) __builtin_popcountll (word & (bit - 1))) * N_LABELS;
}

static void
tag_chunk_cb (guint    start,
              guint    n,
              gpointer user_data)
{
  Work *work = user_data;
  AttacheTagger *self = work->tagger;

  extract_chunk (work->gazetteer, work->text, work->tokens, &work->doc, start, n,
                 work->info, work->gazetteer_codes, work->features);

  for (guint i = 0; i < n; i++)
    {
      const guint32 *f = work->features + (gsize) i * N_FEATURES;
      gint32 sums[N_LABELS] = { 0, };

      for (guint k = 0; k < N_FEATURES; k++)
        {
          const gint16 *row = model_row (self, f[k]);

          if (row == NULL)
            continue;
          for (guint y = 0; y < N_LABELS; y++)
            sums[y] += row[y];
        }
      for (guint y = 0; y < N_LABELS; y++)
        work->emissions[i * N_LABELS + y] = (float) sums[y] * self->step;
    }

  _attache_tagger_viterbi (work->emissions, self->transitions, n, work->backpointers,
                           work->labels + start);
}

/**
 * attache_tagger_tag:
 * @self: a tagger
 * @text: the text the tokens are in
 * @tokens: (array length=n_tokens): the tokens of one document, with their
 *   sentence starts, as attache_tokenize() gives them
 * @n_tokens: how many
 * @labels: (out caller-allocates) (array length=n_tokens): the label of each token
 *
 * Finds the names in one document. Safe to call from several threads at once.
 */
void
attache_tagger_tag (AttacheTagger      *self,
                    const char         *text,
                    const AttacheToken *tokens,
                    guint               n_tokens,
                    AttacheNerLabel    *labels)
{
  Work *work;

  g_return_if_fail (ATTACHE_IS_TAGGER (self));
  g_return_if_fail (n_tokens == 0 || (text != NULL && tokens != NULL && labels != NULL));

  if (n_tokens == 0)
    return;

  work = g_new0 (Work, 1);
  work->tagger = self;
  work->gazetteer = self->gazetteer;
  work->text = text;
  work->tokens = tokens;
  work->labels = labels;
  work->features = g_new (guint32, MAX_CHUNK * N_FEATURES);
  doc_state_init (&work->doc, work->gazetteer, text, tokens, n_tokens);

  foreach_chunk (tokens, n_tokens, tag_chunk_cb, work);

  doc_state_clear (&work->doc);
  g_free (work->features);
  g_free (work);
}

/* The model file */

static gsize
bitmap_words (guint n_bits)
{
  return ((gsize) 1 << n_bits) / 64;
}

static gboolean
load_model (AttacheTagger *self,
            GBytes        *bytes,
            GError       **error)
{
  gsize size = 0;
  const guint8 *data = g_bytes_get_data (bytes, &size);
  guint32 header[8];
  guint32 n_bits, n_rows, counted = 0;
  gsize words;

  if (size == 0)
    {
      g_set_error_literal (error, ATTACHE_TAGGER_ERROR, ATTACHE_TAGGER_ERROR_NO_MODEL,
                           _("The named-entity model is missing from this build of Attaché"));
      return FALSE;
    }

  if (size < HEADER_SIZE || memcmp (data, magic, sizeof magic) != 0)
    goto invalid;

  memcpy (header, data + 8, sizeof header);
  n_bits = header[3];
  n_rows = header[4];
  if (header[0] != 0x01020304 || header[1] != FEATURE_VERSION || header[2] != N_LABELS ||
      n_bits < MIN_BITS || n_bits > MAX_BITS || n_rows > (1u << n_bits))
    goto invalid;

  words = bitmap_words (n_bits);
  if (size != HEADER_SIZE + words * sizeof (guint64) + (gsize) n_rows * N_LABELS * sizeof (gint16))
    goto invalid;

  /* Used in place: it must be aligned for its 64-bit bitmap. */
  if (((guintptr) data % 8) != 0)
    {
      self->bytes = g_bytes_new_take (g_memdup2 (data, size), size);
      data = g_bytes_get_data (self->bytes, NULL);
    }
  else
    {
      self->bytes = g_bytes_ref (bytes);
    }

  memcpy (&self->step, data + 28, sizeof self->step);
  memcpy (self->transitions, data + 40, sizeof self->transitions);
  self->bitmap = (const guint64 *) (const void *) (data + HEADER_SIZE);
  self->rows = (const gint16 *) (const void *) (data + HEADER_SIZE + words * sizeof (guint64));
  self->mask = (1u << n_bits) - 1;

  self->rank = g_new (guint32, words);
  for (gsize w = 0; w < words; w++)
    {
      self->rank[w] = counted;
      counted += (guint32) __builtin_popcountll (self->bitmap[w]);
    }
  if (counted != n_rows || !isfinite (self->step))
    goto invalid;

  if (header[6] != _attache_gazetteer_get_checksum (self->gazetteer))
    g_debug ("The model was trained with other lists of names than this program's");

  return TRUE;

invalid:
  g_set_error_literal (error, ATTACHE_TAGGER_ERROR, ATTACHE_TAGGER_ERROR_INVALID_MODEL,
                       _("The named-entity model is damaged or was made for another version of Attaché"));
  return FALSE;
}

/**
 * _attache_tagger_write_model:
 * @weights: (2^n_bits) × ATTACHE_NER_N_LABELS weights
 * @transitions: _ATTACHE_TAGGER_N_TRANSITIONS weights
 *
 * Returns: the model file: the weights as 16-bit integers, the rows that
 *   round to zero left out.
 */
GBytes *
_attache_tagger_write_model (const float *weights,
                             guint        n_bits,
                             const float *transitions,
                             guint32      gazetteer_checksum,
                             guint       *n_rows_out)
{
  gsize n_rows_total = (gsize) 1 << n_bits;
  gsize words = bitmap_words (n_bits);
  g_autofree guint64 *bitmap = g_new0 (guint64, words);
  GByteArray *out = g_byte_array_new ();
  GByteArray *rows = g_byte_array_new ();
  float max_abs = 0.f;
  float step;
  guint32 header[8] = { 0x01020304, FEATURE_VERSION, N_LABELS, n_bits, 0, 0, gazetteer_checksum, 0 };
  guint32 n_rows = 0;

  g_return_val_if_fail (n_bits >= MIN_BITS && n_bits <= MAX_BITS, NULL);

  for (gsize i = 0; i < n_rows_total * N_LABELS; i++)
    max_abs = MAX (max_abs, fabsf (weights[i]));
  step = max_abs > 0.f ? max_abs / 32767.f : 1.f;

  for (gsize r = 0; r < n_rows_total; r++)
    {
      gint16 q[N_LABELS];
      gboolean any = FALSE;

      for (guint y = 0; y < N_LABELS; y++)
        {
          q[y] = (gint16) lrintf (weights[r * N_LABELS + y] / step);
          any |= q[y] != 0;
        }
      if (!any)
        continue;
      bitmap[r / 64] |= G_GUINT64_CONSTANT (1) << (r % 64);
      g_byte_array_append (rows, (const guint8 *) q, sizeof q);
      n_rows++;
    }

  header[4] = n_rows;
  memcpy (&header[5], &step, sizeof step);
  g_byte_array_append (out, (const guint8 *) magic, sizeof magic);
  g_byte_array_append (out, (const guint8 *) header, sizeof header);
  g_byte_array_append (out, (const guint8 *) transitions, _ATTACHE_TAGGER_N_TRANSITIONS * sizeof (float));
  g_assert (out->len == HEADER_SIZE);
  g_byte_array_append (out, (const guint8 *) bitmap, (guint) (words * sizeof (guint64)));
  g_byte_array_append (out, rows->data, rows->len);
  g_byte_array_unref (rows);

  if (n_rows_out != NULL)
    *n_rows_out = n_rows;

  return g_byte_array_free_to_bytes (out);
}

/* The object */

static void
attache_tagger_finalize (GObject *object)
{
  AttacheTagger *self = ATTACHE_TAGGER (object);

  g_clear_pointer (&self->bytes, g_bytes_unref);
  g_clear_pointer (&self->rank, g_free);

  G_OBJECT_CLASS (attache_tagger_parent_class)->finalize (object);
}

static void
attache_tagger_class_init (AttacheTaggerClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = attache_tagger_finalize;
}

static void
attache_tagger_init (AttacheTagger *self)
{
  self->gazetteer = _attache_gazetteer_get_default ();
}

/**
 * attache_tagger_new_from_bytes:
 * @model: a model file, as tools/attache-train-ner writes it
 *
 * Returns: (transfer full): a tagger, or %NULL with @error set
 */
AttacheTagger *
attache_tagger_new_from_bytes (GBytes  *model,
                               GError **error)
{
  g_autoptr(AttacheTagger) self = NULL;

  g_return_val_if_fail (model != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = g_object_new (ATTACHE_TYPE_TAGGER, NULL);
  if (!load_model (self, model, error))
    return NULL;

  return g_steal_pointer (&self);
}

/**
 * attache_tagger_new_default:
 *
 * The tagger with the model built into the program (data/models/ner.model).
 *
 * Returns: (transfer full): a tagger, or %NULL with @error set
 */
AttacheTagger *
attache_tagger_new_default (GError **error)
{
  g_autoptr(GBytes) bytes = NULL;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  bytes = g_resource_lookup_data (_attache_core_get_resource (),
                                  "/io/github/attache/Attache/core/ner.model",
                                  G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
  if (bytes == NULL)
    bytes = g_bytes_new_static ("", 0);

  return attache_tagger_new_from_bytes (bytes, error);
}

/* The size of the model in bytes. */
gsize
attache_tagger_get_model_size (AttacheTagger *self)
{
  g_return_val_if_fail (ATTACHE_IS_TAGGER (self), 0);

  return g_bytes_get_size (self->bytes);
}
