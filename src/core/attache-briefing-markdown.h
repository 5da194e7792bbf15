/* attache-briefing-markdown.h: a briefing as a Markdown document
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "attache-briefing.h"

G_BEGIN_DECLS

/* The briefing as CommonMark with pipe tables: the marking at the top and the
 * bottom, the title page's details, the summary, the sections, excerpts as
 * block quotes with numbered citations, and the sources in citation order.
 * Labels are in the language of the program. */
char     *attache_briefing_to_markdown     (const AttacheBriefing  *briefing);

/* Writes attache_briefing_to_markdown () to @path: to a temporary file in the
 * same folder, renamed over @path once complete, so a failed export leaves
 * nothing behind (and an older file at @path as it was). G_FILE_ERROR. */
gboolean  attache_briefing_export_markdown (const AttacheBriefing  *briefing,
                                            const char             *path,
                                            GError                **error);

G_END_DECLS
