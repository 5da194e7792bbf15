/* attache-briefing-pdf.h: a briefing laid out on pages, as a PDF or for a preview
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One renderer for the PDF export, the window's page preview and printing
 * (GtkPrintOperation): cairo and Pango, no display needed.
 *
 * The document: a cover (title, subtitle, date, author, audience, marking), the
 * contents with the page number of each section, the summary, the sections and
 * a list of the sources cited, in citation order. The handling marking is at the
 * top and the bottom of every page; every page after the cover has a running
 * header (the title, the date) and "Page N of M" in its footer. Lengths are in
 * points (1/72 inch) throughout.
 *
 * Using a layout from the window:
 *
 * - attache_briefing_layout_new() copies what it needs from the briefing (the
 *   briefing may be changed or freed afterwards) and lays nothing out yet: it is
 *   quick. Page 0 is the cover, which needs nothing else: creating a layout and
 *   rendering page 0 is what the preview shows first.
 * - attache_briefing_layout_paginate() lays out a few more pages at a time and
 *   returns TRUE once the whole document is laid out (the shape of
 *   GtkPrintOperation::paginate). Any page other than the cover needs the whole
 *   document laid out (its footer says how many pages there are, the contents
 *   list the pages of the sections): attache_briefing_layout_render_page()
 *   finishes the pagination first when it has to.
 * - A layout is used by one thread at a time: the window creates and paginates it
 *   in a worker (GTask), then hands it to the main thread to draw. Without a
 *   font map of its own (@font_map NULL) a layout creates one, so that two
 *   layouts on two threads share no Pango state.
 * - For printing, give the GtkPrintOperation a GtkPageSetup of the layout's
 *   paper (the A4 or Letter preference), use_full_page TRUE (the layout keeps
 *   its own margins) and the unit GTK_UNIT_POINTS; create the layout in
 *   ::begin-print, call attache_briefing_layout_paginate (layout, 10) in
 *   ::paginate until it returns TRUE, then set the number of pages; draw each
 *   page in ::draw-page with render_page (layout, page, the context's cairo_t,
 *   scale), the scale 1.0, or the ratio of the page widths when the person
 *   picked another paper.
 */

#pragma once

#include <cairo.h>
#include <glib.h>
#include <pango/pango.h>

#include "attache-briefing.h"

G_BEGIN_DECLS

typedef enum
{
  ATTACHE_BRIEFING_PAPER_A4,       /* 210 × 297 mm */
  ATTACHE_BRIEFING_PAPER_LETTER,   /* 8.5 × 11 in */
} AttacheBriefingPaper;

/* "a4", "letter" (a format: not translated). */
const char *attache_briefing_paper_to_string   (AttacheBriefingPaper  paper);
gboolean    attache_briefing_paper_from_string (const char           *text,
                                                AttacheBriefingPaper *paper);

typedef struct _AttacheBriefingLayout AttacheBriefingLayout;

AttacheBriefingLayout *attache_briefing_layout_new         (const AttacheBriefing  *briefing,
                                                            AttacheBriefingPaper    paper,
                                                            PangoFontMap           *font_map);
void                   attache_briefing_layout_free        (AttacheBriefingLayout  *layout);

/* The paper's size in points. */
void                   attache_briefing_layout_get_page_size (AttacheBriefingLayout *layout,
                                                              double                *width,
                                                              double                *height);

/* Lays out at least @max_pages more pages (fewer at the end of the document);
 * TRUE when the whole document is laid out. */
gboolean               attache_briefing_layout_paginate    (AttacheBriefingLayout  *layout,
                                                            guint                   max_pages);

/* The number of pages, cover included (lays out what remains). */
guint                  attache_briefing_layout_get_n_pages (AttacheBriefingLayout  *layout);

/* Draws page @page (0 is the cover) on @cr, its top left corner at the current
 * origin, @scale device units a point. Draws no background: the page is meant
 * for white paper. */
void                   attache_briefing_layout_render_page (AttacheBriefingLayout  *layout,
                                                            guint                   page,
                                                            cairo_t                *cr,
                                                            double                  scale);

/* Writes the briefing as a PDF at @path: to a temporary file beside it, renamed
 * over @path once complete; on failure nothing is left behind and @path, if it
 * existed, is unchanged. */
gboolean               attache_briefing_export_pdf         (const AttacheBriefing  *briefing,
                                                            const char             *path,
                                                            AttacheBriefingPaper    paper,
                                                            GError                **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AttacheBriefingLayout, attache_briefing_layout_free)

G_END_DECLS
