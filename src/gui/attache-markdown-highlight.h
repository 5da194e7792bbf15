/* attache-markdown-highlight.h: a text buffer's small Markdown, shown as it prints
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* From now on, as @buffer changes: **bold** in bold, *italic* and _italic_ in
 * italics, "# " headings larger, and the markers ("**", "- ", "1. ") dimmed
 * (in the light and the dark style alike). The text is left as it is. */
void attache_markdown_highlight (GtkTextBuffer *buffer);

G_END_DECLS
