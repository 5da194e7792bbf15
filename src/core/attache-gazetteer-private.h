/* attache-gazetteer-private.h: the tagger's lists of known names
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "attache-tokenizer.h"

G_BEGIN_DECLS

typedef enum
{
  _ATTACHE_GAZ_COUNTRY = 1 << 0,
  _ATTACHE_GAZ_CODE    = 1 << 1,   /* ISO 3166 codes, matched in upper case only */
  _ATTACHE_GAZ_DEMONYM = 1 << 2,
  _ATTACHE_GAZ_ORG     = 1 << 3,
  _ATTACHE_GAZ_TITLE   = 1 << 4,
  _ATTACHE_GAZ_REGION  = 1 << 5,
  _ATTACHE_GAZ_CITY    = 1 << 6,
  _ATTACHE_GAZ_GIVEN   = 1 << 7,
  _ATTACHE_GAZ_COMPANY = 1 << 8,   /* companies, media, exchanges: organisations too */
  _ATTACHE_GAZ_SURNAME = 1 << 9,
} AttacheGazetteerCategory;

/* Where a token sits in the longest list entry that covers it. */
#define _ATTACHE_GAZ_POSITION_SHIFT 12
enum
{
  _ATTACHE_GAZ_SINGLE = 1,   /* the whole entry */
  _ATTACHE_GAZ_FIRST  = 2,
  _ATTACHE_GAZ_INSIDE = 3,   /* the second token or later */
};

#define _ATTACHE_LOWER_MAX 255

typedef struct _AttacheGazetteer AttacheGazetteer;

/* Hashing shared by the gazetteer, the tagger and the training tool. */
static inline guint64
_attache_hash_mix (guint64 h)
{
  h ^= h >> 33;
  h *= G_GUINT64_CONSTANT (0xff51afd7ed558ccd);
  h ^= h >> 33;
  h *= G_GUINT64_CONSTANT (0xc4ceb9fe1a85ec53);
  h ^= h >> 33;
  return h;
}

static inline guint64
_attache_hash_combine (guint64 a,
                       guint64 b)
{
  return _attache_hash_mix (a * G_GUINT64_CONSTANT (0x9E3779B97F4A7C15) + b +
                            G_GUINT64_CONSTANT (0x632BE59BD9B4E019));
}

guint64           _attache_hash_bytes             (const char          *data,
                                                   gsize                length);
gsize             _attache_lower_into             (const char          *word,
                                                   gsize                length,
                                                   char                *buffer);
guint64           _attache_hash_lower             (const char          *word,
                                                   gsize                length);

AttacheGazetteer *_attache_gazetteer_new          (const char          *tsv,
                                                   gsize                length);
AttacheGazetteer *_attache_gazetteer_get_default  (void);
void              _attache_gazetteer_free         (AttacheGazetteer    *self);
guint32           _attache_gazetteer_get_checksum (const AttacheGazetteer *self);
guint             _attache_gazetteer_get_size     (const AttacheGazetteer *self);
const char       *_attache_gazetteer_lookup       (const AttacheGazetteer *self,
                                                   const char          *phrase,
                                                   guint               *categories);
void              _attache_gazetteer_match        (const AttacheGazetteer *self,
                                                   const char          *text,
                                                   const AttacheToken  *tokens,
                                                   const guint64       *lower_hashes,
                                                   guint                n_tokens,
                                                   guint16             *codes);

G_END_DECLS
