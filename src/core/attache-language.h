/* attache-language.h: which language a text is written in
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The ISO 639-1 code of the language @text is written in ("en", "fr", "ru"…),
 * or NULL when it cannot tell (too little text, or a language it does not know).
 * Reads at most the first 64 KiB. @confidence, if not NULL, receives 0–1.
 * The returned string is static. */
const char *attache_detect_language    (const char *text,
                                        double     *confidence);

/* The language's name for people ("French"), translated; @code itself when unknown. */
const char *attache_language_get_name  (const char *code);

G_END_DECLS
