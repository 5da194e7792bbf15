/* attache-chart-private.h: what the network and the timeline draw with
 *
 * Both charts draw with cairo, one function each, used for the widget (a
 * cairo node in its snapshot), for PNG and for SVG files alike.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "attache-analysis.h"

G_BEGIN_DECLS

typedef struct
{
  gboolean dark;
  GdkRGBA  foreground;
  GdkRGBA  background;          /* what exports are drawn on */
  GdkRGBA  types[4];            /* by AttacheActorType */
  GdkRGBA  topic;               /* bars of a topic's timeline */
} AttacheChartPalette;

/* The colours for a light or a dark background. */
void        _attache_chart_palette_init            (AttacheChartPalette        *palette,
                                                    gboolean                    dark);
/* The colours that go with @widget's style: dark when its text is light. */
void        _attache_chart_palette_init_for_widget (AttacheChartPalette        *palette,
                                                    GtkWidget                  *widget);

/* "Person", "Organisation", "Country", "Place" */

/* The font the charts use without a widget. */
PangoFontDescription *_attache_chart_default_font  (void);

/* Draws a chart of @width × @height on @cr. */
typedef void (*AttacheChartDrawFunc) (gpointer                    data,
                                      cairo_t                    *cr,
                                      int                         width,
                                      int                         height,
                                      const AttacheChartPalette  *palette,
                                      const PangoFontDescription *font);

/* Writes a chart to @path on the palette's background: SVG when @path ends
 * in ".svg" (any case), else PNG. */
gboolean    _attache_chart_save                    (const char                 *path,
                                                    int                         width,
                                                    int                         height,
                                                    const AttacheChartPalette  *palette,
                                                    const PangoFontDescription *font,
                                                    AttacheChartDrawFunc        draw,
                                                    gpointer                    data,
                                                    GError                    **error);

/* Asks where to save a chart, suggesting @base_name with the extension of
 * @format ("png" or "svg"), and writes it there in a worker: @draw draws
 * @data (owned, freed with @data_free) at @width × @height in @widget's
 * colours and font. A failure is shown in an alert over @widget's window. */
void        _attache_chart_ask_and_save            (GtkWidget                  *widget,
                                                    const char                 *format,
                                                    const char                 *base_name,
                                                    int                         width,
                                                    int                         height,
                                                    AttacheChartDrawFunc        draw,
                                                    gpointer                    data,
                                                    GDestroyNotify              data_free);

/* The menu of a chart's secondary click: Save as PNG… and Save as SVG…,
 * naming the action "chart.save-as" with "png" or "svg". */
GMenuModel *_attache_chart_new_menu                (void);

/* A layout of @text in @font, scaled by @scale and in bold when @bold. */
PangoLayout *_attache_chart_layout                 (cairo_t                    *cr,
                                                    const PangoFontDescription *font,
                                                    double                      scale,
                                                    gboolean                    bold,
                                                    const char                 *text);

/* Draws @layout at @x, @y in @color, with a @halo-coloured outline under it
 * (NULL: none) so that it stays readable over lines. */
void        _attache_chart_show_layout             (cairo_t                    *cr,
                                                    PangoLayout                *layout,
                                                    double                      x,
                                                    double                      y,
                                                    const GdkRGBA              *color,
                                                    const GdkRGBA              *halo);

/* @color with its alpha multiplied by @alpha, as the cairo source. */
void        _attache_chart_set_color               (cairo_t                    *cr,
                                                    const GdkRGBA              *color,
                                                    double                      alpha);

G_END_DECLS
