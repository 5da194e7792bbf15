/* attache-story-private.h: the fingerprint that groups versions of one story
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A MinHash signature of a text's 3-word shingles (lowercased words). Two
 * texts' signatures agree at each position with probability equal to the
 * Jaccard similarity of their shingle sets. */
#define ATTACHE_STORY_N_HASHES   60
/* Locality-sensitive banding: 20 bands of 3 positions each. Two texts are
 * compared only when one band is identical in both. */
#define ATTACHE_STORY_N_BANDS    20
#define ATTACHE_STORY_BAND_ROWS  3
/* Stored as this many bytes (little-endian 32-bit values). */
#define ATTACHE_STORY_SIGNATURE_SIZE (ATTACHE_STORY_N_HASHES * 4)
/* Texts with fewer words are never grouped: a caption or a teaser says too
 * little to tell one story from another. */
#define ATTACHE_STORY_MIN_WORDS  12
/* Two texts are versions of one story when at least this share of their
 * signatures agree (an estimate of the Jaccard similarity of their shingles). */
#define ATTACHE_STORY_MIN_SIMILARITY 0.5

typedef struct
{
  guint32 values[ATTACHE_STORY_N_HASHES];
} AttacheStorySignature;

/* FALSE when @text has fewer than ATTACHE_STORY_MIN_WORDS words. */
gboolean _attache_story_signature_compute    (const char                  *text,
                                              AttacheStorySignature       *out);
/* One key per band, the band's number mixed in, for one indexed column. */
void     _attache_story_signature_band_keys  (const AttacheStorySignature *signature,
                                              gint64                       keys[ATTACHE_STORY_N_BANDS]);
/* The share of positions where @a and @b agree, 0 to 1. */
double   _attache_story_signature_similarity (const AttacheStorySignature *a,
                                              const AttacheStorySignature *b);
void     _attache_story_signature_to_bytes   (const AttacheStorySignature *signature,
                                              guint8                       out[ATTACHE_STORY_SIGNATURE_SIZE]);
/* FALSE unless @size is ATTACHE_STORY_SIGNATURE_SIZE. */
gboolean _attache_story_signature_from_bytes (const guint8                *data,
                                              gsize                        size,
                                              AttacheStorySignature       *out);

G_END_DECLS
