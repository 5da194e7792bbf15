/* attache-summary.h: the most informative sentences of an article
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "attache-tokenizer.h"

G_BEGIN_DECLS

/* A stretch of the text, in bytes: text + start, end - start bytes. */
typedef struct
{
  guint32 start;
  guint32 end;
} AttacheSpan;

/* The sentences of @text, from its tokens (attache_tokenize). */
GArray *attache_sentences (const char         *text,
                           const AttacheToken *tokens,
                           guint               n_tokens);

/* The @n_sentences sentences that best sum up @text, in article order, as
 * AttacheSpans; fewer when the text has fewer sentences worth taking. @title
 * may be NULL. */
GArray *attache_summarize (const char         *title,
                           const char         *text,
                           const AttacheToken *tokens,
                           guint               n_tokens,
                           guint               n_sentences);

G_END_DECLS
