/* attache-tokenizer.h: words, punctuation and sentences of English news text
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  ATTACHE_TOKEN_SENTENCE_START = 1 << 0,  /* the first token of a sentence */
  ATTACHE_TOKEN_SPACE_BEFORE   = 1 << 1,  /* white space (or the start of the text) comes before it */
  ATTACHE_TOKEN_PARAGRAPH      = 1 << 2,  /* a blank line comes before it */
} AttacheTokenFlags;

/* One token: where it is in the text, in bytes and in characters.
 * text + start, length bytes, is the token exactly as written. */
typedef struct
{
  guint32           start;        /* byte offset */
  guint32           length;       /* bytes */
  guint32           char_start;   /* offset in Unicode characters */
  guint32           char_length;  /* Unicode characters */
  AttacheTokenFlags flags;
} AttacheToken;

GArray *attache_tokenize (const char *text,
                          gssize      length);

G_END_DECLS
