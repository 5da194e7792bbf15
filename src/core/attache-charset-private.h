/* attache-charset-private.h: the encoding of text that does not name one
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

const char *_attache_charset_guess   (const guint8 *data,
                                      gsize         len);
const char *_attache_charset_decoder (const char   *charset);

G_END_DECLS
