/* attache-story.c: the fingerprint that groups versions of one story
 *
 * The same wire story reaches the library from several sites, each with its own
 * first sentence, a word changed here and there, a source line, sometimes the
 * last paragraphs cut. The texts are then sets of 3-word shingles that share
 * most, not all, of their members. MinHash estimates exactly that share (the
 * Jaccard similarity), and banding its signature finds the few stored texts
 * worth comparing without reading the rest.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "attache-story"

#include "config.h"

#include "attache-story-private.h"

G_STATIC_ASSERT (ATTACHE_STORY_N_BANDS * ATTACHE_STORY_BAND_ROWS <= ATTACHE_STORY_N_HASHES);

/* A 64-bit finaliser with good avalanche (the splitmix64 step). */
static inline guint64
mix64 (guint64 x)
{
  x += G_GUINT64_CONSTANT (0x9e3779b97f4a7c15);
  x = (x ^ (x >> 30)) * G_GUINT64_CONSTANT (0xbf58476d1ce4e5b9);
  x = (x ^ (x >> 27)) * G_GUINT64_CONSTANT (0x94d049bb133111eb);
  return x ^ (x >> 31);
}

static void
add_shingle (guint64                shingle,
             AttacheStorySignature *signature)
{
  /* Hash function i is mix64 of the shingle's hash offset by i: independent
   * enough for MinHash, and cheap. */
  for (guint i = 0; i < ATTACHE_STORY_N_HASHES; i++)
    {
      guint32 value = (guint32) (mix64 (shingle + (guint64) i * G_GUINT64_CONSTANT (0xd6e8feb86659fd93)) >> 32);

      if (value < signature->values[i])
        signature->values[i] = value;
    }
}

gboolean
_attache_story_signature_compute (const char            *text,
                                  AttacheStorySignature *out)
{
  guint64 window[3] = { 0, 0, 0 };
  guint64 word = G_GUINT64_CONSTANT (0xcbf29ce484222325);   /* FNV-1a, per character */
  gboolean in_word = FALSE;
  guint n_words = 0;

  g_assert (text != NULL);
  g_assert (out != NULL);

  for (guint i = 0; i < ATTACHE_STORY_N_HASHES; i++)
    out->values[i] = G_MAXUINT32;

  for (const char *p = text; ; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      gboolean word_char = c != 0 && (g_unichar_isalnum (c) || g_unichar_ismark (c));

      if (word_char)
        {
          word = (word ^ g_unichar_tolower (c)) * G_GUINT64_CONSTANT (0x100000001b3);
          in_word = TRUE;
        }
      else if (in_word)
        {
          window[0] = window[1];
          window[1] = window[2];
          window[2] = mix64 (word);
          n_words++;
          if (n_words >= 3)
            add_shingle (mix64 (mix64 (window[0] ^ mix64 (window[1])) ^ window[2]), out);
          word = G_GUINT64_CONSTANT (0xcbf29ce484222325);
          in_word = FALSE;
        }

      if (c == 0)
        break;
    }

  return n_words >= ATTACHE_STORY_MIN_WORDS;
}

void
_attache_story_signature_band_keys (const AttacheStorySignature *signature,
                                    gint64                       keys[ATTACHE_STORY_N_BANDS])
{
  for (guint band = 0; band < ATTACHE_STORY_N_BANDS; band++)
    {
      guint64 key = mix64 (band);

      for (guint row = 0; row < ATTACHE_STORY_BAND_ROWS; row++)
        key = mix64 (key ^ signature->values[band * ATTACHE_STORY_BAND_ROWS + row]);

      keys[band] = (gint64) (key & G_MAXINT64);
    }
}

double
_attache_story_signature_similarity (const AttacheStorySignature *a,
                                     const AttacheStorySignature *b)
{
  guint same = 0;

  for (guint i = 0; i < ATTACHE_STORY_N_HASHES; i++)
    same += a->values[i] == b->values[i];

  return (double) same / ATTACHE_STORY_N_HASHES;
}

void
_attache_story_signature_to_bytes (const AttacheStorySignature *signature,
                                   guint8                       out[ATTACHE_STORY_SIGNATURE_SIZE])
{
  for (guint i = 0; i < ATTACHE_STORY_N_HASHES; i++)
    {
      guint32 v = signature->values[i];

      out[4 * i] = v & 0xff;
      out[4 * i + 1] = (v >> 8) & 0xff;
      out[4 * i + 2] = (v >> 16) & 0xff;
      out[4 * i + 3] = (v >> 24) & 0xff;
    }
}

gboolean
_attache_story_signature_from_bytes (const guint8          *data,
                                     gsize                  size,
                                     AttacheStorySignature *out)
{
  if (data == NULL || size != ATTACHE_STORY_SIGNATURE_SIZE)
    return FALSE;

  for (guint i = 0; i < ATTACHE_STORY_N_HASHES; i++)
    out->values[i] = (guint32) data[4 * i] | (guint32) data[4 * i + 1] << 8 |
                     (guint32) data[4 * i + 2] << 16 | (guint32) data[4 * i + 3] << 24;

  return TRUE;
}
