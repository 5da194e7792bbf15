/* attache-gazetteer.c: the tagger's lists of known names
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The lists (countries from iso-codes, and the .txt files of data/gazetteers) are
 * compiled into the core as one resource, gazetteer.tsv:
 * CATEGORY<TAB>phrase<TAB>canonical. Each phrase is split into tokens by the
 * same tokenizer as articles, and stored under the hash of its lower-cased
 * tokens, together with every shorter prefix of it, so that matching a
 * sentence costs one or two probes a token and allocates nothing.
 */

#define G_LOG_DOMAIN "attache-gazetteer"

#include "config.h"

#include <string.h>

#include <gio/gio.h>

#include "attache-core-resources.h"
#include "attache-gazetteer-private.h"

#define MAX_PHRASE_TOKENS 8
#define CONTINUES 1           /* a longer entry starts with these tokens */
#define CODE_SALT G_GUINT64_CONSTANT (0xC0DEC0DEC0DEC0DE)
#define PHRASE_SEED G_GUINT64_CONSTANT (0x5EED5EED5EED5EED)

typedef struct
{
  guint64 key;          /* 0: empty */
  guint16 categories;   /* of the entry with exactly these tokens, 0 if none */
  guint16 flags;
  guint32 canonical;    /* offset in strings, of the first such entry */
} Slot;

struct _AttacheGazetteer
{
  Slot     *slots;
  guint     mask;
  guint     n_used;
  guint     n_entries;
  GString  *strings;
  guint32   checksum;
};

guint64
_attache_hash_bytes (const char *data,
                     gsize       length)
{
  guint64 h = G_GUINT64_CONSTANT (0xcbf29ce484222325);

  for (gsize i = 0; i < length; i++)
    {
      h ^= (guchar) data[i];
      h *= G_GUINT64_CONSTANT (0x100000001b3);
    }

  return _attache_hash_mix (h ^ length);
}

/* Lower-cases @word into @buffer (at least _ATTACHE_LOWER_MAX + 1 bytes),
 * cut at _ATTACHE_LOWER_MAX bytes on a character boundary. Curly apostrophes
 * become straight ones; bytes that do not decode are copied as they are. */
gsize
_attache_lower_into (const char *word,
                     gsize       length,
                     char       *buffer)
{
  gsize in = 0;
  gsize out = 0;

  while (in < length)
    {
      guchar b = (guchar) word[in];
      gunichar c;

      if (b < 0x80)
        {
          if (out + 1 > _ATTACHE_LOWER_MAX)
            break;
          buffer[out++] = g_ascii_tolower ((char) b);
          in++;
          continue;
        }

      c = g_utf8_get_char_validated (word + in, (gssize) (length - in));
      if (c == (gunichar) -1 || c == (gunichar) -2)
        {
          if (out + 1 > _ATTACHE_LOWER_MAX)
            break;
          buffer[out++] = (char) b;
          in++;
          continue;
        }

      in += g_unichar_to_utf8 (c, NULL);
      if (c == 0x2019 || c == 0x2018)
        c = '\'';
      else
        c = g_unichar_tolower (c);

      if (out + 6 > _ATTACHE_LOWER_MAX)
        break;
      out += g_unichar_to_utf8 (c, buffer + out);
    }

  buffer[out] = '\0';
  return out;
}

guint64
_attache_hash_lower (const char *word,
                     gsize       length)
{
  char buffer[_ATTACHE_LOWER_MAX + 1];
  gsize n = _attache_lower_into (word, length, buffer);

  return _attache_hash_bytes (buffer, n);
}

static Slot *
find_slot (const AttacheGazetteer *self,
           guint64                 key)
{
  guint i = (guint) key & self->mask;

  for (;;)
    {
      Slot *slot = &self->slots[i];

      if (slot->key == key || slot->key == 0)
        return slot;
      i = (i + 1) & self->mask;
    }
}

static void
grow (AttacheGazetteer *self)
{
  Slot *old = self->slots;
  guint old_size = self->mask + 1;

  self->mask = old_size * 2 - 1;
  self->slots = g_new0 (Slot, self->mask + 1);
  for (guint i = 0; i < old_size; i++)
    {
      if (old[i].key != 0)
        *find_slot (self, old[i].key) = old[i];
    }
  g_free (old);
}

static Slot *
insert_slot (AttacheGazetteer *self,
             guint64           key)
{
  Slot *slot;

  if (key == 0)
    key = 1;
  if ((self->n_used + 1) * 2 > self->mask + 1)
    grow (self);

  slot = find_slot (self, key);
  if (slot->key == 0)
    {
      slot->key = key;
      self->n_used++;
    }

  return slot;
}

static guint16
parse_category (const char *name)
{
  static const struct { const char *name; guint16 category; } categories[] = {
    { "COUNTRY", _ATTACHE_GAZ_COUNTRY },
    { "CODE", _ATTACHE_GAZ_CODE },
    { "DEMONYM", _ATTACHE_GAZ_DEMONYM },
    { "ORG", _ATTACHE_GAZ_ORG },
    { "TITLE", _ATTACHE_GAZ_TITLE },
    { "REGION", _ATTACHE_GAZ_REGION },
    { "CITY", _ATTACHE_GAZ_CITY },
    { "GIVEN", _ATTACHE_GAZ_GIVEN },
    { "COMPANY", _ATTACHE_GAZ_COMPANY },
    { "SURNAME", _ATTACHE_GAZ_SURNAME },
  };

  for (guint i = 0; i < G_N_ELEMENTS (categories); i++)
    {
      if (g_str_equal (categories[i].name, name))
        return categories[i].category;
    }

  return 0;
}

/* The key of a phrase: its tokens' lower-case hashes, in order. Returns the
 * number of tokens, 0 if the phrase is empty or too long. */
static guint
phrase_keys (const char *phrase,
             guint64     keys[MAX_PHRASE_TOKENS])
{
  g_autoptr(GArray) tokens = attache_tokenize (phrase, -1);
  guint64 key = PHRASE_SEED;

  if (tokens->len == 0 || tokens->len > MAX_PHRASE_TOKENS)
    return 0;

  for (guint i = 0; i < tokens->len; i++)
    {
      const AttacheToken *token = &g_array_index (tokens, AttacheToken, i);

      key = _attache_hash_combine (key, _attache_hash_lower (phrase + token->start, token->length));
      keys[i] = key != 0 ? key : 1;
    }

  return tokens->len;
}

static void
add_entry (AttacheGazetteer *self,
           guint16           category,
           const char       *phrase,
           const char       *canonical)
{
  guint64 keys[MAX_PHRASE_TOKENS];
  guint n;
  Slot *slot;

  if (category == _ATTACHE_GAZ_CODE)
    {
      n = 1;
      keys[0] = _attache_hash_combine (CODE_SALT, _attache_hash_bytes (phrase, strlen (phrase)));
    }
  else
    {
      n = phrase_keys (phrase, keys);
      if (n == 0)
        return;
    }

  for (guint i = 0; i + 1 < n; i++)
    insert_slot (self, keys[i])->flags |= CONTINUES;

  slot = insert_slot (self, keys[n - 1]);
  if (slot->categories == 0)
    {
      slot->canonical = (guint32) self->strings->len;
      g_string_append_len (self->strings, canonical, (gssize) strlen (canonical) + 1);
    }
  slot->categories |= category;
  self->n_entries++;
}

AttacheGazetteer *
_attache_gazetteer_new (const char *tsv,
                        gsize       length)
{
  AttacheGazetteer *self = g_new0 (AttacheGazetteer, 1);
  const char *line = tsv;
  const char *end = tsv + length;

  self->mask = 4095;
  self->slots = g_new0 (Slot, self->mask + 1);
  self->strings = g_string_new (NULL);
  self->checksum = (guint32) _attache_hash_bytes (tsv, length);

  while (line < end)
    {
      const char *eol = memchr (line, '\n', (gsize) (end - line));
      g_autofree char *copy = g_strndup (line, (eol != NULL ? eol : end) - line);
      g_auto(GStrv) fields = g_strsplit (copy, "\t", 3);
      guint16 category;

      line = eol != NULL ? eol + 1 : end;
      if (g_strv_length (fields) < 2)
        continue;

      category = parse_category (fields[0]);
      if (category != 0 && g_utf8_validate (fields[1], -1, NULL))
        add_entry (self, category, fields[1], fields[2] != NULL ? fields[2] : fields[1]);
    }

  return self;
}

void
_attache_gazetteer_free (AttacheGazetteer *self)
{
  if (self == NULL)
    return;

  g_free (self->slots);
  g_string_free (self->strings, TRUE);
  g_free (self);
}

/* The lists compiled into the program, loaded once and never freed. */
AttacheGazetteer *
_attache_gazetteer_get_default (void)
{
  static AttacheGazetteer *gazetteer;

  if (g_once_init_enter (&gazetteer))
    {
      g_autoptr(GBytes) bytes = g_resource_lookup_data (_attache_core_get_resource (),
                                                        "/io/github/attache/Attache/core/gazetteer.tsv",
                                                        G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
      gsize size = 0;
      const char *data = bytes != NULL ? g_bytes_get_data (bytes, &size) : "";

      g_once_init_leave (&gazetteer, _attache_gazetteer_new (data, size));
    }

  return gazetteer;
}

guint32
_attache_gazetteer_get_checksum (const AttacheGazetteer *self)
{
  return self->checksum;
}

guint
_attache_gazetteer_get_size (const AttacheGazetteer *self)
{
  return self->n_entries;
}

/* The canonical name of @phrase ("French" → "France") and its categories, or
 * NULL when it is not in the lists. */
const char *
_attache_gazetteer_lookup (const AttacheGazetteer *self,
                           const char             *phrase,
                           guint                  *categories)
{
  guint64 keys[MAX_PHRASE_TOKENS];
  guint n = phrase_keys (phrase, keys);
  const Slot *slot = n > 0 ? find_slot (self, keys[n - 1]) : NULL;

  if (slot == NULL || slot->key == 0 || slot->categories == 0)
    {
      *categories = 0;
      return NULL;
    }

  *categories = slot->categories;
  return self->strings->str + slot->canonical;
}

static gboolean
looks_like_code (const char         *text,
                 const AttacheToken *token)
{
  if (token->length < 2 || token->length > 3)
    return FALSE;
  for (guint i = 0; i < token->length; i++)
    {
      if (!g_ascii_isupper (text[token->start + i]))
        return FALSE;
    }

  return TRUE;
}

/* For each token of one sentence, the categories and position of the longest
 * entry that covers it (leftmost first), or 0. */
void
_attache_gazetteer_match (const AttacheGazetteer *self,
                          const char             *text,
                          const AttacheToken     *tokens,
                          const guint64          *lower_hashes,
                          guint                   n_tokens,
                          guint16                *codes)
{
  guint i = 0;

  memset (codes, 0, n_tokens * sizeof *codes);

  while (i < n_tokens)
    {
      guint64 key = PHRASE_SEED;
      guint best = 0;
      guint16 categories = 0;

      for (guint j = i; j < n_tokens && j < i + MAX_PHRASE_TOKENS; j++)
        {
          const Slot *slot;

          key = _attache_hash_combine (key, lower_hashes[j]);
          slot = find_slot (self, key != 0 ? key : 1);
          if (slot->key == 0)
            break;
          if (slot->categories != 0)
            {
              best = j - i + 1;
              categories = slot->categories;
            }
          if ((slot->flags & CONTINUES) == 0)
            break;
        }

      /* Upper-case codes ("US", "FRA") are entries of their own. */
      if (looks_like_code (text, &tokens[i]))
        {
          guint64 code_key = _attache_hash_combine (CODE_SALT, _attache_hash_bytes (text + tokens[i].start,
                                                                                    tokens[i].length));
          const Slot *slot = find_slot (self, code_key != 0 ? code_key : 1);

          if (slot->key != 0 && slot->categories != 0)
            {
              if (best <= 1)
                categories |= slot->categories;
              best = MAX (best, 1);
            }
        }

      if (best == 0)
        {
          i++;
          continue;
        }

      for (guint k = 0; k < best; k++)
        {
          guint position = best == 1 ? _ATTACHE_GAZ_SINGLE : k == 0 ? _ATTACHE_GAZ_FIRST : _ATTACHE_GAZ_INSIDE;

          codes[i + k] = (guint16) (categories | (position << _ATTACHE_GAZ_POSITION_SHIFT));
        }
      i += best;
    }
}
