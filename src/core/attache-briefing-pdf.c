/* attache-briefing-pdf.c: a briefing laid out on pages, as a PDF or for a preview
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The document is a flow of boxes (paragraphs, headings, table rows, page
 * breaks) built from the briefing when the layout is created; the boxes are
 * shaped by Pango only when the pagination reaches them. Pagination places the
 * lines of each box on pages: a paragraph splits between lines (never leaving a
 * single line of it alone at the bottom or the top of a page), a heading and
 * what follows it stay together, a table's header row is repeated on each page
 * the table runs onto. Everything on a page is kept as (box, first line, number
 * of lines, y), so that drawing a page shapes nothing.
 *
 * The contents come first but list pages found later: a contents line draws its
 * page number when the page is drawn, in a column of fixed width, so laying out
 * the rest of the document cannot change how the contents are laid out. The
 * document is laid out once, and the contents are true.
 *
 * Text is given to Pango as text with attribute lists, never as markup: nothing
 * the analyst or an article wrote can be read as markup, and the byte offsets of
 * links are known exactly for their clickable rectangles.
 */

#define G_LOG_DOMAIN "attache-briefing-pdf"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <string.h>
#include <unistd.h>

#include <cairo-pdf.h>
#include <gio/gio.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <pango/pangocairo.h>

#include "attache-briefing-pdf.h"
#include "attache-replace-private.h"

/* Geometry, in points. */
#define EDGE            22.0   /* from the paper's edge to the marking */
#define MARGIN_SIDE     68.0
#define BAND_GAP         7.0   /* between the marking and the running header or footer */
#define RULE_GAP         4.0   /* between the running header's text and its rule */
#define CONTENT_GAP     22.0   /* between the running header's rule and the text */
#define GUTTER           6.0   /* between a list marker and its text */
#define LIST_INDENT     18.0
#define SOURCE_INDENT   28.0
#define QUOTE_INDENT    22.0
#define QUOTE_BAR_X      8.0
#define QUOTE_BAR_WIDTH  1.6
#define TOC_NUMBER_WIDTH 48.0
#define TABLE_PAD        3.5   /* above and below the text of a table row */
#define MARKING_MAX_FRACTION (1.0 / 6.0)   /* of the page's height, at the top and at the bottom */

/* Colours, 0xRRGGBB: near-black ink, a dark blue for headings, a grey for
 * secondary text, a light grey for rules. */
#define INK    0x1a1a1a
#define NAVY   0x1f3a5f
#define GREY   0x5a5a5a
#define LIGHT  0xb4b4b4
#define LINK   0x1d4f91

typedef enum
{
  STYLE_BODY,
  STYLE_QUOTE,
  STYLE_ATTRIBUTION,
  STYLE_HEADING,
  STYLE_SUBHEADING,
  STYLE_LABEL,
  STYLE_REFERENCE,
  STYLE_NOTE,
  STYLE_TOC,
  STYLE_SOURCE,
  STYLE_TABLE_HEAD,
  STYLE_TABLE_CELL,
  STYLE_MARKING,
  STYLE_RUNNING,
  STYLE_COVER_LABEL,
  STYLE_COVER_TITLE,
  STYLE_COVER_SUBTITLE,
  STYLE_COVER_FIELD,
  STYLE_COVER_VALUE,
  N_STYLES
} Style;

typedef struct
{
  const char *font;
  guint32     color;
  double      line_spacing;   /* a factor of the font's height; 0: the font's own */
  double      space_before;
  double      space_after;
} StyleInfo;

static const StyleInfo styles[N_STYLES] = {
  [STYLE_BODY]           = { "Serif 10.5",     INK,  1.12,  7.0,  7.0 },
  [STYLE_QUOTE]          = { "Serif 10",       INK,  1.12, 10.0,  3.0 },
  [STYLE_ATTRIBUTION]    = { "Sans 8",         GREY, 1.1,   3.0, 10.0 },
  [STYLE_HEADING]        = { "Sans Bold 15",   NAVY, 1.0,  24.0, 10.0 },
  [STYLE_SUBHEADING]     = { "Sans Bold 11",   NAVY, 1.0,  14.0,  5.0 },
  [STYLE_LABEL]          = { "Sans Bold 9.5",  NAVY, 1.0,  14.0,  5.0 },
  [STYLE_REFERENCE]      = { "Serif 10",       INK,  1.1,   8.0,  8.0 },
  [STYLE_NOTE]           = { "Serif Italic 10", GREY, 1.1,  4.0,  8.0 },
  [STYLE_TOC]            = { "Sans 10.5",      INK,  1.05,  9.0,  0.0 },
  [STYLE_SOURCE]         = { "Serif 9.5",      INK,  1.1,   6.0,  0.0 },
  [STYLE_TABLE_HEAD]     = { "Sans Bold 8.5",  INK,  1.0,   0.0,  0.0 },
  [STYLE_TABLE_CELL]     = { "Sans 9",         INK,  1.05,  0.0,  0.0 },
  [STYLE_MARKING]        = { "Sans Bold 9",    INK,  1.0,   0.0,  0.0 },
  [STYLE_RUNNING]        = { "Sans 8",         GREY, 1.0,   0.0,  0.0 },
  [STYLE_COVER_LABEL]    = { "Sans Bold 10",   NAVY, 1.0,   0.0,  0.0 },
  [STYLE_COVER_TITLE]    = { "Sans Bold 26",   INK,  1.0,   0.0,  0.0 },
  [STYLE_COVER_SUBTITLE] = { "Sans 14",        GREY, 1.05,  0.0,  0.0 },
  [STYLE_COVER_FIELD]    = { "Sans Bold 8.5",  GREY, 1.0,   0.0,  0.0 },
  [STYLE_COVER_VALUE]    = { "Serif 11",       INK,  1.05,  0.0,  0.0 },
};

typedef enum
{
  BOX_TEXT,
  BOX_ROW,
  BOX_BREAK,     /* what follows starts a new page */
} BoxKind;

/* A clickable stretch of a box's text: to a web address or to an anchor. */
typedef struct
{
  guint  start;   /* bytes */
  guint  end;
  char  *uri;     /* NULL: to @anchor */
  int    anchor;
} Link;

/* A place in the document others point to: a heading, a source. */
typedef struct
{
  char    *outline;   /* the bookmark's title; NULL: no bookmark */
  guint    page;      /* where it was placed, 0 until then */
  double   y;
} Anchor;

typedef struct
{
  PangoLayoutLine *line;
  double           x;          /* relative to the layout's left edge */
  double           width;
  double           top;        /* relative to the layout's top */
  double           bottom;
  double           baseline;
  gboolean         rtl;
} LineBox;

typedef struct _FlowBox FlowBox;

typedef struct
{
  guint           n_columns;
  double          x[4];        /* from the content's left edge */
  double          width[4];
  PangoAlignment  align[4];
  FlowBox        *header;
} Table;

struct _FlowBox
{
  BoxKind         kind;
  Style           style;
  char           *text;            /* until laid out */
  PangoAttrList  *attrs;           /* until laid out; may be NULL */
  GArray         *links;           /* Link; NULL when none */
  char           *marker;          /* drawn in the gutter beside the first line */
  double          indent;          /* from the content's left edge */
  double          right_indent;
  double          space_before;
  double          space_after;
  guint           keep_with_next : 1;
  guint           no_split : 1;    /* a heading: all on one page */
  guint           quote_bar : 1;
  guint           bar_joins : 1;   /* the quote's bar runs on from the box before */
  int             anchor;          /* this box is anchor n, or -1 */
  int             toc_ref;         /* a contents line showing anchor n's page, or -1 */
  Table          *table;           /* BOX_ROW */
  GPtrArray      *cells;           /* BOX_ROW: char *, then PangoLayout * once laid out */

  /* Once laid out */
  gboolean        laid_out;
  PangoLayout    *layout;
  PangoLayout    *marker_layout;
  GArray         *lines;           /* LineBox */
  double          height;
};

typedef struct
{
  FlowBox *box;
  guint    first;     /* lines */
  guint    n;
  double   y;         /* the top of the first line on the page */
  double   gap;       /* the space left above it */
} Placed;

typedef struct
{
  GArray *placed;     /* Placed */
} Page;

/* A source cited, numbered in citation order. */
typedef struct
{
  AttacheBriefingSource source;
  guint                 number;
  int                   anchor;
} Citation;

struct _AttacheBriefingLayout
{
  AttacheBriefingPaper   paper;
  double                 width;
  double                 height;
  double                 content_left;
  double                 content_width;
  double                 content_top;
  double                 content_bottom;

  PangoFontMap          *font_map;
  PangoContext          *context;
  PangoFontDescription  *fonts[N_STYLES];

  /* Copied from the briefing */
  char                  *title;
  char                  *subtitle;
  char                  *author;
  char                  *audience;
  char                  *date;      /* for display */
  char                  *marking;
  gboolean               draft;

  PangoLayout           *marking_layout;
  double                 marking_height;
  double                 running_height;

  GPtrArray             *boxes;      /* FlowBox: everything after the cover */
  GPtrArray             *tables;     /* Table */
  GArray                *anchors;    /* Anchor */
  GPtrArray             *citations;  /* Citation */
  GHashTable            *citation_keys;

  /* Pagination */
  GPtrArray             *pages;      /* Page; 0 is the cover */
  guint                  next_box;
  double                 y;
  double                 space_after;  /* of the last box placed */
  gboolean               page_empty;
  gboolean               break_pending;
  gboolean               done;
};

/* Helpers */

static void
set_color (cairo_t *cr,
           guint32  color)
{
  cairo_set_source_rgb (cr,
                        ((color >> 16) & 0xff) / 255.0,
                        ((color >> 8) & 0xff) / 255.0,
                        (color & 0xff) / 255.0);
}

static PangoAttribute *
color_attr_new (guint32 color)
{
  return pango_attr_foreground_new (((color >> 16) & 0xff) * 257,
                                    ((color >> 8) & 0xff) * 257,
                                    (color & 0xff) * 257);
}

static void
insert_attr (PangoAttrList  *attrs,
             PangoAttribute *attr,
             gsize           start,
             gsize           end)
{
  attr->start_index = (guint) start;
  attr->end_index = (guint) end;
  pango_attr_list_insert (attrs, attr);
}

/* Valid UTF-8 without control characters other than newlines (Pango would draw
 * them as boxes); tabs become spaces. NULL stays NULL. */
static char *
clean_text (const char *text)
{
  g_autofree char *valid = NULL;
  GString *out;

  if (text == NULL)
    return NULL;

  valid = g_utf8_make_valid (text, -1);
  out = g_string_sized_new (strlen (valid));
  for (const char *p = valid; *p != '\0'; p++)
    {
      guchar c = (guchar) *p;

      if (c == '\t')
        g_string_append_c (out, ' ');
      else if (c == '\r')
        continue;
      else if (c < 0x20 && c != '\n')
        continue;
      else
        g_string_append_c (out, (char) c);
    }
  return g_string_free (out, FALSE);
}

/* @text's words on one line: newlines and runs of spaces become one space. */
static char *
one_line (const char *text)
{
  g_autofree char *clean = clean_text (text);
  GString *out;
  gboolean space = FALSE;

  if (clean == NULL)
    return NULL;

  out = g_string_sized_new (strlen (clean));
  for (const char *p = clean; *p != '\0'; p++)
    {
      if (*p == ' ' || *p == '\n')
        {
          space = out->len > 0;
          continue;
        }
      if (space)
        g_string_append_c (out, ' ');
      space = FALSE;
      g_string_append_c (out, *p);
    }
  return g_string_free (out, FALSE);
}

static gboolean
is_blank (const char *text)
{
  if (text == NULL)
    return TRUE;
  for (const char *p = text; *p != '\0'; p++)
    if (!g_ascii_isspace (*p))
      return FALSE;
  return TRUE;
}

/* "2024-03-12" as "12 March 2024" in the person's language; other text as it is. */
static char *
format_date (const char *iso)
{
  int year, month, day;
  g_autoptr(GDateTime) date = NULL;

  if (is_blank (iso))
    return NULL;
  if (sscanf (iso, "%4d-%2d-%2d", &year, &month, &day) != 3 ||
      !g_date_valid_dmy ((GDateDay) day, (GDateMonth) month, (GDateYear) year))
    return one_line (iso);

  date = g_date_time_new_utc (year, month, day, 0, 0, 0);
  return date != NULL ? g_date_time_format (date, "%-d %B %Y") : one_line (iso);
}

/* Layouts */

static PangoLayout *
new_layout (AttacheBriefingLayout *self,
            Style                  style,
            double                 width)
{
  PangoLayout *layout = pango_layout_new (self->context);

  pango_layout_set_font_description (layout, self->fonts[style]);
  if (width > 0)
    pango_layout_set_width (layout, pango_units_from_double (width));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  if (styles[style].line_spacing > 0)
    pango_layout_set_line_spacing (layout, (float) styles[style].line_spacing);
  pango_layout_set_auto_dir (layout, TRUE);

  return layout;
}

/* Sets @layout's text; @attrs (may be NULL) is consumed. No hyphens are added
 * where a word too long for a line (an address, a marking) is broken: they
 * would read as part of it. */
static void
layout_set_text (PangoLayout   *layout,
                 const char    *text,
                 PangoAttrList *attrs)
{
  PangoAttribute *no_hyphens = pango_attr_insert_hyphens_new (FALSE);

  if (attrs == NULL)
    attrs = pango_attr_list_new ();
  no_hyphens->start_index = 0;
  no_hyphens->end_index = PANGO_ATTR_INDEX_TO_TEXT_END;
  pango_attr_list_insert_before (attrs, no_hyphens);

  pango_layout_set_text (layout, text, -1);
  pango_layout_set_attributes (layout, attrs);
  pango_attr_list_unref (attrs);
}

static PangoLayout *
text_layout (AttacheBriefingLayout *self,
             Style                  style,
             double                 width,
             const char            *text)
{
  PangoLayout *layout = new_layout (self, style, width);

  layout_set_text (layout, text, NULL);
  return layout;
}

static double
layout_height (PangoLayout *layout)
{
  int height;

  pango_layout_get_size (layout, NULL, &height);
  return pango_units_to_double (height);
}

/* Draws @layout with its top left corner at @x, @y. */
static void
show_layout (cairo_t     *cr,
             PangoLayout *layout,
             guint32      color,
             double       x,
             double       y)
{
  set_color (cr, color);
  cairo_move_to (cr, x, y);
  pango_cairo_show_layout (cr, layout);
}

static void
hline (cairo_t *cr,
       guint32  color,
       double   width,
       double   x1,
       double   x2,
       double   y)
{
  set_color (cr, color);
  cairo_set_line_width (cr, width);
  cairo_move_to (cr, x1, y);
  cairo_line_to (cr, x2, y);
  cairo_stroke (cr);
}

/* Boxes */

static void
flow_box_free (FlowBox *box)
{
  g_free (box->text);
  g_clear_pointer (&box->attrs, pango_attr_list_unref);
  if (box->links != NULL)
    {
      for (guint i = 0; i < box->links->len; i++)
        g_free (g_array_index (box->links, Link, i).uri);
      g_array_unref (box->links);
    }
  g_free (box->marker);
  g_clear_pointer (&box->cells, g_ptr_array_unref);
  g_clear_object (&box->layout);
  g_clear_object (&box->marker_layout);
  g_clear_pointer (&box->lines, g_array_unref);
  g_free (box);
}

static FlowBox *
add_box (AttacheBriefingLayout *self,
         BoxKind                kind,
         Style                  style)
{
  FlowBox *box = g_new0 (FlowBox, 1);

  box->kind = kind;
  box->style = style;
  box->space_before = styles[style].space_before;
  box->space_after = styles[style].space_after;
  box->anchor = -1;
  box->toc_ref = -1;
  g_ptr_array_add (self->boxes, box);

  return box;
}

/* A box of plain text (no Markdown), attributes to come. */
static FlowBox *
add_text_box (AttacheBriefingLayout *self,
              Style                  style,
              const char            *text)
{
  FlowBox *box = add_box (self, BOX_TEXT, style);

  box->text = g_strdup (text != NULL ? text : "");
  box->attrs = pango_attr_list_new ();
  return box;
}

static void
add_break (AttacheBriefingLayout *self)
{
  add_box (self, BOX_BREAK, STYLE_BODY);
}

static void
box_add_link (FlowBox    *box,
              guint       start,
              guint       end,
              const char *uri,
              int         anchor)
{
  Link link = { start, end, g_strdup (uri), anchor };

  if (box->links == NULL)
    box->links = g_array_new (FALSE, FALSE, sizeof (Link));
  g_array_append_val (box->links, link);
}

static int
add_anchor (AttacheBriefingLayout *self,
            const char            *outline)
{
  Anchor anchor = { g_strdup (outline), 0, 0.0 };

  g_array_append_val (self->anchors, anchor);
  return (int) self->anchors->len - 1;
}

/* Markdown: a small subset. Paragraphs separated by blank lines; "- ", "* ",
 * "+ " and "1. " list items; "#" headings; **bold**, __bold__, *italic*,
 * _italic_, `code`, [text](address), bare http(s) addresses; a backslash takes
 * the next punctuation literally. */

typedef struct
{
  GString       *text;
  PangoAttrList *attrs;
  FlowBox       *box;
  const char    *begin;    /* the paragraph's source, for word boundaries */
} Inline;

static gboolean
is_word_char (const char *p,
              const char *begin,
              const char *end)
{
  return p >= begin && p < end && (g_ascii_isalnum (*p) || (guchar) *p >= 0x80);
}

/* The closing @delim (1 or 2 characters) of an emphasis opened before @p. */
static const char *
find_closer (const char *p,
             const char *end,
             const char *begin,
             char        delim,
             gsize       len)
{
  for (const char *q = p; q + len <= end; q++)
    {
      if (*q == '\\' && q + 1 < end)
        {
          q++;
          continue;
        }
      if (*q != delim || (len == 2 && q[1] != delim))
        continue;
      if (len == 1 && q + 1 < end && q[1] == delim)
        {
          q++;   /* a double inside a single: skip it whole */
          continue;
        }
      if (q == p || g_ascii_isspace (q[-1]))
        continue;
      if (delim == '_' && is_word_char (q + len, begin, end))
        continue;
      return q;
    }
  return NULL;
}

static gboolean
has_prefix_n (const char *p,
              const char *end,
              const char *prefix)
{
  gsize len = strlen (prefix);

  return (gsize) (end - p) >= len && g_ascii_strncasecmp (p, prefix, len) == 0;
}

static void
add_link_attrs (Inline *in,
                gsize   start)
{
  insert_attr (in->attrs, color_attr_new (LINK), start, in->text->len);
  insert_attr (in->attrs, pango_attr_underline_new (PANGO_UNDERLINE_SINGLE), start, in->text->len);
}

/* The end of a bare address starting at @p. */
static const char *
address_end (const char *p,
             const char *end)
{
  const char *q = p;
  int parens = 0;

  while (q < end && !g_ascii_isspace (*q) && *q != '<' && *q != '>' && *q != '"')
    {
      if (*q == '(')
        parens++;
      else if (*q == ')')
        parens--;
      q++;
    }
  while (q > p && (strchr (".,;:!?'*_", q[-1]) != NULL || (q[-1] == ')' && parens < 0)))
    {
      if (q[-1] == ')')
        parens++;
      q--;
    }
  return q;
}

static void
parse_inline (Inline     *in,
              const char *p,
              const char *end)
{
  while (p < end)
    {
      char c = *p;

      if (c == '\\' && p + 1 < end && g_ascii_ispunct (p[1]))
        {
          g_string_append_c (in->text, p[1]);
          p += 2;
          continue;
        }

      if (c == '*' || c == '_')
        {
          gsize len = (p + 1 < end && p[1] == c) ? 2 : 1;
          const char *closer = NULL;

          if (p + len < end && !g_ascii_isspace (p[len]) &&
              (c == '*' || !is_word_char (p - 1, in->begin, end)))
            closer = find_closer (p + len, end, in->begin, c, len);
          if (closer != NULL)
            {
              gsize start = in->text->len;

              parse_inline (in, p + len, closer);
              insert_attr (in->attrs,
                           len == 2 ? pango_attr_weight_new (PANGO_WEIGHT_BOLD)
                                    : pango_attr_style_new (PANGO_STYLE_ITALIC),
                           start, in->text->len);
              p = closer + len;
              continue;
            }
          /* Not emphasis: the characters themselves, all of the run. */
          g_string_append_len (in->text, p, (gssize) len);
          p += len;
          continue;
        }

      if (c == '`')
        {
          const char *closer = memchr (p + 1, '`', (gsize) (end - p - 1));

          if (closer != NULL && closer > p + 1)
            {
              gsize start = in->text->len;

              g_string_append_len (in->text, p + 1, closer - p - 1);
              insert_attr (in->attrs, pango_attr_family_new ("Monospace"), start, in->text->len);
              p = closer + 1;
              continue;
            }
        }

      if (c == '[')
        {
          const char *label_end = memchr (p + 1, ']', (gsize) (end - p - 1));

          if (label_end != NULL && label_end + 1 < end && label_end[1] == '(')
            {
              const char *uri = label_end + 2;
              const char *uri_end = memchr (uri, ')', (gsize) (end - uri));

              if (uri_end != NULL && uri_end > uri &&
                  (has_prefix_n (uri, uri_end, "http://") || has_prefix_n (uri, uri_end, "https://") ||
                   has_prefix_n (uri, uri_end, "mailto:")))
                {
                  g_autofree char *address = g_strndup (uri, uri_end - uri);
                  gsize start = in->text->len;

                  parse_inline (in, p + 1, label_end);
                  if (in->text->len == start)
                    g_string_append (in->text, address);
                  add_link_attrs (in, start);
                  box_add_link (in->box, (guint) start, (guint) in->text->len, address, -1);
                  p = uri_end + 1;
                  continue;
                }
            }
        }

      if ((c == 'h' || c == 'H') && !is_word_char (p - 1, in->begin, end) &&
          (has_prefix_n (p, end, "https://") || has_prefix_n (p, end, "http://")))
        {
          const char *q = address_end (p, end);

          if (q - p > 8)
            {
              g_autofree char *address = g_strndup (p, q - p);
              gsize start = in->text->len;

              g_string_append (in->text, address);
              add_link_attrs (in, start);
              box_add_link (in->box, (guint) start, (guint) in->text->len, address, -1);
              p = q;
              continue;
            }
        }

      g_string_append_c (in->text, c);
      p++;
    }
}

/* A box whose text is Markdown inline text. */
static FlowBox *
add_markdown_box (AttacheBriefingLayout *self,
                  Style                  style,
                  const char            *source)
{
  FlowBox *box = add_box (self, BOX_TEXT, style);
  Inline in = { g_string_new (NULL), pango_attr_list_new (), box, source };

  parse_inline (&in, source, source + strlen (source));
  box->text = g_string_free (in.text, FALSE);
  box->attrs = in.attrs;
  return box;
}

/* Whether @line starts a list item: its marker in @marker, its text after @text. */
static gboolean
list_item (const char  *line,
           char       **marker,
           const char **text)
{
  const char *p = line;

  if ((*p == '-' || *p == '*' || *p == '+') && p[1] == ' ')
    {
      *marker = g_strdup ("•");
      *text = p + 2;
      return TRUE;
    }
  while (g_ascii_isdigit (*p) && p - line < 4)
    p++;
  if (p > line && (*p == '.' || *p == ')') && p[1] == ' ')
    {
      *marker = g_strndup (line, p - line + 1);
      *text = p + 2;
      return TRUE;
    }
  return FALSE;
}

static void
add_markdown (AttacheBriefingLayout *self,
              const char            *markdown,
              Style                  style,
              double                 indent)
{
  g_autofree char *clean = clean_text (markdown);
  g_auto(GStrv) lines = NULL;
  g_autoptr(GString) para = g_string_new (NULL);
  g_autofree char *marker = NULL;
  gboolean in_list = FALSE;   /* the paragraph being read is a list item */
  gboolean list_open = FALSE; /* the box before was a list item */

  if (clean == NULL)
    return;
  lines = g_strsplit (clean, "\n", -1);

  for (guint i = 0; ; i++)
    {
      const char *line = lines[i];
      const char *text = NULL;
      g_autofree char *new_marker = NULL;
      gboolean blank;
      gboolean item = FALSE;
      gboolean heading = FALSE;

      if (line != NULL)
        {
          while (*line == ' ')
            line++;
          blank = *line == '\0';
          if (!blank)
            item = list_item (line, &new_marker, &text);
          if (!blank && !item && *line == '#')
            {
              const char *p = line;

              while (*p == '#' && p - line < 6)
                p++;
              heading = *p == ' ';
              text = p + 1;
            }
        }
      else
        blank = TRUE;

      /* The paragraph so far ends here. */
      if (para->len > 0 && (blank || item || heading))
        {
          FlowBox *box = add_markdown_box (self, style, g_strstrip (para->str));

          box->indent = indent;
          if (in_list)
            {
              box->marker = g_steal_pointer (&marker);
              box->indent += LIST_INDENT;
              if (list_open)
                box->space_before = 2.0;
            }
          list_open = in_list;
          in_list = FALSE;
          g_string_truncate (para, 0);
        }
      if (line == NULL)
        break;
      if (blank)
        {
          list_open = FALSE;
          continue;
        }

      if (heading)
        {
          FlowBox *box = add_markdown_box (self, STYLE_SUBHEADING, text);

          box->indent = indent;
          box->keep_with_next = TRUE;
          box->no_split = TRUE;
          list_open = FALSE;
          continue;
        }

      if (item)
        {
          g_free (marker);
          marker = g_steal_pointer (&new_marker);
          in_list = TRUE;
          g_string_append (para, text);
          continue;
        }

      if (para->len > 0)
        g_string_append_c (para, ' ');
      else
        list_open = FALSE;
      g_string_append (para, line);
    }
}

/* Citations */

static void
source_copy (AttacheBriefingSource       *to,
             const AttacheBriefingSource *from)
{
  to->article_id = from->article_id;
  to->removed = from->removed;
  to->title = one_line (from->title);
  to->publisher = one_line (from->publisher);
  to->published = one_line (from->published);
  to->url = one_line (from->url);
}

static void
citation_free (Citation *citation)
{
  g_free (citation->source.title);
  g_free (citation->source.publisher);
  g_free (citation->source.published);
  g_free (citation->source.url);
  g_free (citation);
}

/* The citation of @source, numbered on first use: the same article cited twice
 * is one source; a source without an article is the same as another with the
 * same address, or else the same title and publisher (the rule of
 * attache_briefing_citation_number(), so that every export numbers alike). */
static Citation *
cite (AttacheBriefingLayout       *self,
      const AttacheBriefingSource *source)
{
  g_autofree char *key = NULL;
  Citation *citation;

  if (source->article_id > 0)
    key = g_strdup_printf ("id:%" G_GINT64_FORMAT, source->article_id);
  else if (source->url != NULL)
    key = g_strconcat ("url:", source->url, NULL);
  else
    key = g_strconcat ("text:", source->title != NULL ? source->title : "", "\n",
                       source->publisher != NULL ? source->publisher : "", NULL);

  citation = g_hash_table_lookup (self->citation_keys, key);
  if (citation != NULL)
    {
      citation->source.removed |= source->removed;
      return citation;
    }

  citation = g_new0 (Citation, 1);
  source_copy (&citation->source, source);
  citation->number = self->citations->len + 1;
  citation->anchor = add_anchor (self, NULL);
  g_ptr_array_add (self->citations, citation);
  g_hash_table_insert (self->citation_keys, g_steal_pointer (&key), citation);

  return citation;
}

/* Appends @text, isolated from what is around it when it is right to left:
 * in "صحيفة الميناء, 11 March 2026" the date would otherwise be read as part
 * of the Arabic and set before it. */
static gboolean
starts_right_to_left (const char *text)
{
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (!g_unichar_isalpha (c))
        continue;
      switch (g_unichar_get_script (c))
        {
        case G_UNICODE_SCRIPT_ARABIC:
        case G_UNICODE_SCRIPT_HEBREW:
        case G_UNICODE_SCRIPT_SYRIAC:
        case G_UNICODE_SCRIPT_THAANA:
        case G_UNICODE_SCRIPT_NKO:
        case G_UNICODE_SCRIPT_SAMARITAN:
        case G_UNICODE_SCRIPT_MANDAIC:
        case G_UNICODE_SCRIPT_ADLAM:
          return TRUE;
        default:
          return FALSE;
        }
    }
  return FALSE;
}

static void
append_isolated (GString    *out,
                 const char *text)
{
  gboolean rtl = starts_right_to_left (text);

  if (rtl)
    g_string_append (out, "\u2068");   /* FIRST STRONG ISOLATE */
  g_string_append (out, text);
  if (rtl)
    g_string_append (out, "\u2069");   /* POP DIRECTIONAL ISOLATE */
}

static const char *
source_title (const AttacheBriefingSource *source)
{
  return !is_blank (source->title) ? source->title : _("Untitled article");
}

/* Appends " [n]", a link to the source in the list of sources. */
static void
append_citation_mark (FlowBox        *box,
                      GString        *text,
                      const Citation *citation)
{
  gsize start;

  g_string_append (text, "\u00a0");   /* never alone on a line */
  start = text->len;
  g_string_append_printf (text, "[%u]", citation->number);
  insert_attr (box->attrs, pango_attr_weight_new (PANGO_WEIGHT_BOLD), start, text->len);
  insert_attr (box->attrs, color_attr_new (NAVY), start, text->len);
  box_add_link (box, (guint) start, (guint) text->len, NULL, citation->anchor);
}

static void
append_removed_note (FlowBox *box,
                     GString *text)
{
  gsize start;

  g_string_append_c (text, ' ');
  start = text->len;
  g_string_append (text, _("(removed from the library)"));
  insert_attr (box->attrs, pango_attr_style_new (PANGO_STYLE_ITALIC), start, text->len);
}

/* A quoted passage, its paragraphs beside a bar, then where it comes from. */
static void
add_excerpt (AttacheBriefingLayout      *self,
             const AttacheBriefingBlock *block)
{
  Citation *citation = cite (self, &block->source);
  g_autofree char *clean = clean_text (block->text);
  g_auto(GStrv) paragraphs = g_strsplit (clean != NULL ? clean : "", "\n", -1);
  g_autoptr(GPtrArray) kept = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *date = format_date (citation->source.published);
  g_autoptr(GString) attribution = g_string_new ("— ");
  FlowBox *box;
  gsize start;

  for (guint i = 0; paragraphs[i] != NULL; i++)
    {
      char *para = one_line (paragraphs[i]);

      if (*para != '\0')
        g_ptr_array_add (kept, para);
      else
        g_free (para);
    }
  if (kept->len == 0)
    g_ptr_array_add (kept, g_strdup ("…"));

  for (guint i = 0; i < kept->len; i++)
    {
      GString *text = g_string_new (g_ptr_array_index (kept, i));

      box = add_box (self, BOX_TEXT, STYLE_QUOTE);
      box->attrs = pango_attr_list_new ();
      box->indent = QUOTE_INDENT;
      box->quote_bar = TRUE;
      if (i > 0)
        {
          box->bar_joins = TRUE;
          box->space_before = 4.0;
        }
      if (i + 1 == kept->len)
        {
          append_citation_mark (box, text, citation);
          box->keep_with_next = TRUE;   /* with its attribution */
        }
      box->text = g_string_free (text, FALSE);
    }

  box = add_box (self, BOX_TEXT, STYLE_ATTRIBUTION);
  box->attrs = pango_attr_list_new ();
  box->indent = QUOTE_INDENT;
  box->quote_bar = TRUE;
  box->bar_joins = TRUE;
  if (!is_blank (citation->source.publisher))
    {
      append_isolated (attribution, citation->source.publisher);
      g_string_append (attribution, ", ");
    }
  start = attribution->len;
  g_string_append (attribution, "“");
  append_isolated (attribution, source_title (&citation->source));
  g_string_append (attribution, "”");
  insert_attr (box->attrs, pango_attr_style_new (PANGO_STYLE_ITALIC), start, attribution->len);
  if (date != NULL)
    g_string_append_printf (attribution, ", %s", date);
  if (citation->source.removed)
    append_removed_note (box, attribution);
  box->text = g_string_free (g_steal_pointer (&attribution), FALSE);
}

/* A whole article: its title, then its publisher, date and address. */
static void
add_reference (AttacheBriefingLayout      *self,
               const AttacheBriefingBlock *block)
{
  Citation *citation = cite (self, &block->source);
  const AttacheBriefingSource *source = &citation->source;
  g_autofree char *date = format_date (source->published);
  FlowBox *box = add_box (self, BOX_TEXT, STYLE_REFERENCE);
  GString *text = g_string_new (NULL);
  g_autoptr(GPtrArray) details = g_ptr_array_new ();
  gsize start = 0;

  box->attrs = pango_attr_list_new ();
  box->marker = g_strdup ("▸");
  box->indent = LIST_INDENT;

  append_isolated (text, source_title (source));
  insert_attr (box->attrs, pango_attr_weight_new (PANGO_WEIGHT_BOLD), 0, text->len);
  append_citation_mark (box, text, citation);
  if (source->removed)
    append_removed_note (box, text);

  if (!is_blank (source->publisher))
    g_ptr_array_add (details, source->publisher);
  if (date != NULL)
    g_ptr_array_add (details, date);
  if (details->len > 0 || !is_blank (source->url))
    {
      gsize details_start;

      g_string_append_c (text, '\n');
      details_start = text->len;
      for (guint i = 0; i < details->len; i++)
        {
          if (i > 0)
            g_string_append (text, " · ");
          append_isolated (text, g_ptr_array_index (details, i));
        }
      if (!is_blank (source->url))
        {
          if (details->len > 0)
            g_string_append (text, " · ");
          start = text->len;
          g_string_append (text, source->url);
          insert_attr (box->attrs, color_attr_new (LINK), start, text->len);
          box_add_link (box, (guint) start, (guint) text->len, source->url, -1);
        }
      insert_attr (box->attrs, pango_attr_size_new (9 * PANGO_SCALE), details_start, text->len);
      insert_attr (box->attrs, pango_attr_family_new ("Sans"), details_start, text->len);
      insert_attr (box->attrs, color_attr_new (GREY), details_start, start > details_start ? start : text->len);
    }
  box->text = g_string_free (text, FALSE);
}

static const char *
actor_type_label (const char *type)
{
  if (g_strcmp0 (type, "person") == 0)
    return _("Person");
  if (g_strcmp0 (type, "organization") == 0)
    return _("Organisation");
  if (g_strcmp0 (type, "country") == 0)
    return _("Country");
  if (g_strcmp0 (type, "location") == 0)
    return _("Place");
  return type != NULL ? type : "";
}

static FlowBox *
add_row (AttacheBriefingLayout *self,
         Table                 *table,
         Style                  style,
         const char * const    *cells)
{
  FlowBox *box = add_box (self, BOX_ROW, style);

  box->table = table;
  box->cells = g_ptr_array_new_with_free_func (g_free);   /* texts, until laid out */
  for (guint i = 0; i < table->n_columns; i++)
    g_ptr_array_add (box->cells, one_line (cells[i]));
  return box;
}

static void
add_actors (AttacheBriefingLayout      *self,
            const AttacheBriefingBlock *block)
{
  FlowBox *label = add_text_box (self, STYLE_LABEL, _("Key actors"));
  const char *head[4] = { _("Name"), _("Type"), _("Articles"), _("Mentions") };
  double number_width = 62.0;
  double type_width = 96.0;
  Table *table;

  label->keep_with_next = TRUE;
  label->no_split = TRUE;
  if (block->actors == NULL || block->actors->len == 0)
    {
      add_text_box (self, STYLE_NOTE, _("No actors were found in the articles used."));
      return;
    }

  table = g_new0 (Table, 1);
  g_ptr_array_add (self->tables, table);
  table->n_columns = 4;
  table->x[0] = 0;
  table->width[0] = self->content_width - type_width - 2 * number_width - 12;
  table->x[1] = table->width[0] + 12;
  table->width[1] = type_width;
  table->x[2] = table->x[1] + type_width;
  table->width[2] = number_width;
  table->x[3] = table->x[2] + number_width;
  table->width[3] = number_width;
  table->align[0] = table->align[1] = PANGO_ALIGN_LEFT;
  table->align[2] = table->align[3] = PANGO_ALIGN_RIGHT;

  table->header = add_row (self, table, STYLE_TABLE_HEAD, head);
  table->header->keep_with_next = TRUE;
  table->header->space_before = 2.0;
  for (guint i = 0; i < block->actors->len; i++)
    {
      const AttacheBriefingActorRow *actor = g_ptr_array_index (block->actors, i);
      g_autofree char *articles = g_strdup_printf ("%u", actor->articles);
      g_autofree char *mentions = g_strdup_printf ("%u", actor->mentions);
      const char *cells[4] = { actor->name != NULL ? actor->name : "",
                               actor_type_label (actor->type), articles, mentions };
      FlowBox *row = add_row (self, table, STYLE_TABLE_CELL, cells);

      /* The first and the last rows are not left alone on a page. */
      if (block->actors->len >= 3 && i + 2 == block->actors->len)
        row->keep_with_next = TRUE;
      if (block->actors->len >= 4 && i == 0)
        row->keep_with_next = TRUE;
    }
  /* Room below the table before what follows. */
  ((FlowBox *) g_ptr_array_index (self->boxes, self->boxes->len - 1))->space_after = 10.0;
}

static void
add_topics (AttacheBriefingLayout      *self,
            const AttacheBriefingBlock *block)
{
  FlowBox *label = add_text_box (self, STYLE_LABEL, _("Topics"));
  g_autoptr(GString) text = g_string_new (NULL);

  label->keep_with_next = TRUE;
  label->no_split = TRUE;
  for (guint i = 0; block->topics != NULL && i < block->topics->len; i++)
    {
      g_autofree char *topic = one_line (g_ptr_array_index (block->topics, i));

      if (*topic == '\0')
        continue;
      if (text->len > 0)
        g_string_append (text, "  ·  ");
      g_string_append (text, topic);
    }
  if (text->len == 0)
    add_text_box (self, STYLE_NOTE, _("No topics were found in the articles used."));
  else
    add_text_box (self, STYLE_BODY, text->str)->space_before = 2.0;
}

static void
add_heading (AttacheBriefingLayout *self,
             const char            *text,
             int                    anchor)
{
  FlowBox *box = add_text_box (self, STYLE_HEADING, text);

  box->keep_with_next = TRUE;
  box->no_split = TRUE;
  box->anchor = anchor;
}

static void
add_toc_line (AttacheBriefingLayout *self,
              const char            *text,
              int                    anchor)
{
  FlowBox *box = add_text_box (self, STYLE_TOC, text);

  box->right_indent = TOC_NUMBER_WIDTH;
  box->toc_ref = anchor;
  box_add_link (box, 0, (guint) strlen (box->text), NULL, anchor);
}

/* The list of sources, in citation order. */
static void
add_sources (AttacheBriefingLayout *self,
             int                    anchor)
{
  add_break (self);
  add_heading (self, _("Sources"), anchor);

  for (guint i = 0; i < self->citations->len; i++)
    {
      Citation *citation = g_ptr_array_index (self->citations, i);
      const AttacheBriefingSource *source = &citation->source;
      g_autofree char *date = format_date (source->published);
      FlowBox *box = add_box (self, BOX_TEXT, STYLE_SOURCE);
      GString *text = g_string_new (NULL);
      gsize start;

      box->attrs = pango_attr_list_new ();
      box->marker = g_strdup_printf ("[%u]", citation->number);
      box->indent = SOURCE_INDENT;
      box->anchor = citation->anchor;

      if (!is_blank (source->publisher))
        {
          append_isolated (text, source->publisher);
          g_string_append (text, ". ");
        }
      start = text->len;
      g_string_append (text, "“");
      append_isolated (text, source_title (source));
      g_string_append (text, "”");
      insert_attr (box->attrs, pango_attr_style_new (PANGO_STYLE_ITALIC), start, text->len);
      g_string_append_c (text, '.');
      if (date != NULL)
        g_string_append_printf (text, " %s.", date);
      if (!is_blank (source->url))
        {
          g_string_append_c (text, ' ');
          start = text->len;
          g_string_append (text, source->url);
          insert_attr (box->attrs, color_attr_new (LINK), start, text->len);
          box_add_link (box, (guint) start, (guint) text->len, source->url, -1);
        }
      if (source->removed)
        append_removed_note (box, text);
      box->text = g_string_free (text, FALSE);
    }
}

/* The whole flow after the cover: contents, summary, sections, sources. */
static void
build_flow (AttacheBriefingLayout *self,
            const AttacheBriefing *briefing)
{
  g_autoptr(GPtrArray) headings = g_ptr_array_new_with_free_func (g_free);
  gboolean has_summary = !is_blank (briefing->summary);
  int summary_anchor = -1;
  int first_section_anchor;
  int sources_anchor = -1;
  gboolean has_sources = FALSE;
  FlowBox *contents;

  /* The headings first: the contents need their anchors. */
  if (has_summary)
    summary_anchor = add_anchor (self, _("Summary"));
  first_section_anchor = (int) self->anchors->len;
  for (guint i = 0; briefing->sections != NULL && i < briefing->sections->len; i++)
    {
      const AttacheBriefingSection *section = g_ptr_array_index (briefing->sections, i);
      g_autofree char *heading = one_line (section->heading);
      char *numbered = g_strdup_printf ("%u.  %s", i + 1,
                                        *heading != '\0' ? heading : _("Untitled section"));

      add_anchor (self, numbered);
      g_ptr_array_add (headings, numbered);
      for (guint j = 0; j < section->blocks->len; j++)
        {
          const AttacheBriefingBlock *block = g_ptr_array_index (section->blocks, j);

          has_sources |= block->kind == ATTACHE_BLOCK_EXCERPT || block->kind == ATTACHE_BLOCK_ARTICLE;
        }
    }
  if (has_sources)
    sources_anchor = add_anchor (self, _("Sources"));

  contents = add_text_box (self, STYLE_HEADING, _("Contents"));
  contents->space_after = 14.0;
  if (has_summary)
    add_toc_line (self, _("Summary"), summary_anchor);
  for (guint i = 0; i < headings->len; i++)
    add_toc_line (self, g_ptr_array_index (headings, i), first_section_anchor + (int) i);
  if (sources_anchor >= 0)
    add_toc_line (self, _("Sources"), sources_anchor);

  add_break (self);

  if (has_summary)
    {
      add_heading (self, _("Summary"), summary_anchor);
      add_markdown (self, briefing->summary, STYLE_BODY, 0);
    }

  for (guint i = 0; briefing->sections != NULL && i < briefing->sections->len; i++)
    {
      const AttacheBriefingSection *section = g_ptr_array_index (briefing->sections, i);

      add_heading (self, g_ptr_array_index (headings, i), first_section_anchor + (int) i);
      for (guint j = 0; j < section->blocks->len; j++)
        {
          const AttacheBriefingBlock *block = g_ptr_array_index (section->blocks, j);

          switch (block->kind)
            {
            case ATTACHE_BLOCK_TEXT:
              add_markdown (self, block->text, STYLE_BODY, 0);
              break;
            case ATTACHE_BLOCK_EXCERPT:
              add_excerpt (self, block);
              break;
            case ATTACHE_BLOCK_ARTICLE:
              add_reference (self, block);
              break;
            case ATTACHE_BLOCK_ACTORS:
              add_actors (self, block);
              break;
            case ATTACHE_BLOCK_TOPICS:
              add_topics (self, block);
              break;
            default:
              g_warn_if_reached ();
              break;
            }
        }
    }

  if (sources_anchor >= 0)
    add_sources (self, sources_anchor);
}

/* Laying out a box */

static void
collect_lines (FlowBox *box)
{
  PangoLayoutIter *iter = pango_layout_get_iter (box->layout);

  box->lines = g_array_new (FALSE, FALSE, sizeof (LineBox));
  do
    {
      LineBox line;
      PangoRectangle logical;
      int y0, y1;

      line.line = pango_layout_iter_get_line_readonly (iter);
      pango_layout_iter_get_line_extents (iter, NULL, &logical);
      pango_layout_iter_get_line_yrange (iter, &y0, &y1);
      line.x = pango_units_to_double (logical.x);
      line.width = pango_units_to_double (logical.width);
      line.top = pango_units_to_double (y0);
      line.bottom = pango_units_to_double (y1);
      line.baseline = pango_units_to_double (pango_layout_iter_get_baseline (iter));
      line.rtl = pango_layout_line_get_resolved_direction (line.line) == PANGO_DIRECTION_RTL;
      g_array_append_val (box->lines, line);
    }
  while (pango_layout_iter_next_line (iter));
  pango_layout_iter_free (iter);

  box->height = box->lines->len > 0
    ? g_array_index (box->lines, LineBox, box->lines->len - 1).bottom - g_array_index (box->lines, LineBox, 0).top
    : 0.0;
}

static void
lay_out_box (AttacheBriefingLayout *self,
             FlowBox               *box)
{
  if (box->laid_out)
    return;
  box->laid_out = TRUE;

  if (box->kind == BOX_TEXT)
    {
      double width = self->content_width - box->indent - box->right_indent;

      box->layout = new_layout (self, box->style, width);
      /* Where a quote comes from, in the document's direction whatever the
       * script of the publisher's name. */
      if (box->style == STYLE_ATTRIBUTION || box->style == STYLE_SOURCE || box->style == STYLE_REFERENCE)
        pango_layout_set_auto_dir (box->layout, FALSE);
      layout_set_text (box->layout, box->text, g_steal_pointer (&box->attrs));
      g_clear_pointer (&box->text, g_free);
      collect_lines (box);
      if (box->marker != NULL)
        box->marker_layout = text_layout (self, box->style, -1, box->marker);
    }
  else if (box->kind == BOX_ROW)
    {
      double height = 0.0;

      for (guint i = 0; i < box->cells->len; i++)
        {
          char *text = g_ptr_array_index (box->cells, i);
          PangoLayout *layout = text_layout (self, box->style, box->table->width[i], text);

          pango_layout_set_alignment (layout, box->table->align[i]);
          pango_layout_set_auto_dir (layout, i == 0);
          g_free (text);
          box->cells->pdata[i] = layout;   /* the text, replaced by its layout */
          height = MAX (height, layout_height (layout));
        }
      g_ptr_array_set_free_func (box->cells, g_object_unref);
      box->height = height + 2 * TABLE_PAD;
    }
}

/* Pagination */

static void
page_free (Page *page)
{
  g_array_unref (page->placed);
  g_free (page);
}

static void
open_page (AttacheBriefingLayout *self)
{
  Page *page = g_new0 (Page, 1);

  page->placed = g_array_new (FALSE, FALSE, sizeof (Placed));
  g_ptr_array_add (self->pages, page);
  self->y = self->content_top;
  self->space_after = 0.0;
  self->page_empty = TRUE;
  self->break_pending = FALSE;
}

static void
place (AttacheBriefingLayout *self,
       FlowBox               *box,
       guint                  first,
       guint                  n,
       double                 gap)
{
  Page *page = g_ptr_array_index (self->pages, self->pages->len - 1);
  Placed placed = { box, first, n, self->y + gap, gap };
  double height;

  if (box->kind == BOX_TEXT)
    height = g_array_index (box->lines, LineBox, first + n - 1).bottom -
             g_array_index (box->lines, LineBox, first).top;
  else
    height = box->height;

  g_array_append_val (page->placed, placed);
  if (first == 0 && box->anchor >= 0)
    {
      Anchor *anchor = &g_array_index (self->anchors, Anchor, box->anchor);

      anchor->page = self->pages->len - 1;
      anchor->y = placed.y;
    }
  self->y = placed.y + height;
  self->page_empty = FALSE;
}

/* The least of @box that may start a page's last lines: two lines (or all of
 * a shorter paragraph, which is not split 1 + 1 or 1 + 2), a table row. */
static double
min_start_height (FlowBox *box)
{
  guint n;

  if (box->kind != BOX_TEXT)
    return box->height;
  n = box->lines->len <= 3 ? box->lines->len : 2;
  return g_array_index (box->lines, LineBox, n - 1).bottom - g_array_index (box->lines, LineBox, 0).top;
}

/* The height the boxes from @index need at the bottom of a page: each box kept
 * with the next whole, then the least of the first box that is not. */
static double
kept_height (AttacheBriefingLayout *self,
             guint                  index)
{
  double height = 0.0;
  double space_after = 0.0;

  for (guint i = index; i < self->boxes->len; i++)
    {
      FlowBox *box = g_ptr_array_index (self->boxes, i);

      if (box->kind == BOX_BREAK)
        break;
      lay_out_box (self, box);
      if (i > index)
        height += MAX (space_after, box->space_before);
      if (!box->keep_with_next)
        return height + min_start_height (box);
      height += box->height;
      space_after = box->space_after;
    }
  return height;
}

/* The room the boxes after @index need below it on the same page. */
static double
following_height (AttacheBriefingLayout *self,
                  guint                  index)
{
  FlowBox *box = g_ptr_array_index (self->boxes, index);
  FlowBox *next;

  if (index + 1 >= self->boxes->len)
    return 0.0;
  next = g_ptr_array_index (self->boxes, index + 1);
  if (next->kind == BOX_BREAK)
    return 0.0;
  return MAX (box->space_after, next->space_before) + kept_height (self, index + 1);
}

static void
place_row (AttacheBriefingLayout *self,
           FlowBox               *box,
           double                 gap)
{
  FlowBox *header = box->table->header;

  if (!self->page_empty && self->y + gap + box->height > self->content_bottom)
    {
      open_page (self);
      gap = 0.0;
    }
  /* A table running onto a new page repeats its header row. */
  if (self->page_empty && box != header)
    place (self, header, 0, 1, 0.0);
  place (self, box, 0, 1, gap);
}

static void
place_text (AttacheBriefingLayout *self,
            guint                  index,
            double                 gap)
{
  FlowBox *box = g_ptr_array_index (self->boxes, index);
  guint n = box->lines->len;
  guint first = 0;

  while (first < n)
    {
      double top = g_array_index (box->lines, LineBox, first).top;
      guint rest = n - first;
      guint fit = 0;
      guint k;

      while (fit < rest &&
             self->y + gap + g_array_index (box->lines, LineBox, first + fit).bottom - top <= self->content_bottom + 0.01)
        fit++;

      k = fit;
      if (k < rest)
        {
          if (rest - k < 2 && rest >= 3)
            k = rest - 2;                   /* no single line alone at the top of the next page */
          if (first == 0 && k < 2)
            k = 0;                          /* nor alone at the bottom of this one */
          if (box->no_split)
            k = 0;
          if (k == 0 && self->page_empty)
            k = MAX (fit, 1u);              /* taller than a page: cut where it must be */
        }
      else if (box->keep_with_next && !box->no_split &&
               self->y + gap + box->height - (g_array_index (box->lines, LineBox, first).top -
                                              g_array_index (box->lines, LineBox, 0).top) +
               following_height (self, index) > self->content_bottom + 0.01)
        {
          /* The end of a quote with its attribution: its last two lines go
           * over to the next page with it, or all of it. */
          if (rest >= 4)
            k = rest - 2;
          else if (!self->page_empty)
            k = 0;
        }
      if (k == 0)
        {
          open_page (self);
          gap = 0.0;
          continue;
        }

      place (self, box, first, k, gap);
      first += k;
      if (first < n)
        {
          open_page (self);
          gap = 0.0;
        }
    }
}

/* Places the next box; FALSE at the end of the flow. */
static gboolean
place_next (AttacheBriefingLayout *self)
{
  FlowBox *box;
  double gap;

  if (self->next_box >= self->boxes->len)
    return FALSE;
  box = g_ptr_array_index (self->boxes, self->next_box);

  if (box->kind == BOX_BREAK)
    {
      self->break_pending = !self->page_empty;
      self->next_box++;
      return TRUE;
    }

  if (self->break_pending)
    open_page (self);
  lay_out_box (self, box);

  gap = self->page_empty ? 0.0 : MAX (self->space_after, box->space_before);
  if ((box->no_split || box->kind == BOX_ROW) && box->keep_with_next && !self->page_empty)
    {
      double needed = gap + kept_height (self, self->next_box);

      if (self->y + needed > self->content_bottom + 0.01 &&
          needed <= self->content_bottom - self->content_top)
        {
          open_page (self);
          gap = 0.0;
        }
    }

  if (box->kind == BOX_ROW)
    place_row (self, box, gap);
  else if (box->lines->len > 0)
    place_text (self, self->next_box, gap);
  self->space_after = box->space_after;
  self->next_box++;

  return TRUE;
}

gboolean
attache_briefing_layout_paginate (AttacheBriefingLayout *self,
                                  guint                  max_pages)
{
  guint target;

  g_return_val_if_fail (self != NULL, FALSE);

  if (self->done)
    return TRUE;
  if (self->pages->len == 1)
    open_page (self);   /* the contents */

  target = self->pages->len + MAX (max_pages, 1u);
  while (self->pages->len < target)
    if (!place_next (self))
      {
        self->done = TRUE;
        break;
      }
  return self->done;
}

guint
attache_briefing_layout_get_n_pages (AttacheBriefingLayout *self)
{
  g_return_val_if_fail (self != NULL, 0);

  while (!attache_briefing_layout_paginate (self, G_MAXUINT / 2))
    ;
  return self->pages->len;
}

/* Creating a layout */

const char *
attache_briefing_paper_to_string (AttacheBriefingPaper paper)
{
  return paper == ATTACHE_BRIEFING_PAPER_LETTER ? "letter" : "a4";
}

gboolean
attache_briefing_paper_from_string (const char           *text,
                                    AttacheBriefingPaper *paper)
{
  g_return_val_if_fail (paper != NULL, FALSE);

  if (g_strcmp0 (text, "a4") == 0 || g_strcmp0 (text, "A4") == 0)
    *paper = ATTACHE_BRIEFING_PAPER_A4;
  else if (text != NULL && g_ascii_strcasecmp (text, "letter") == 0)
    *paper = ATTACHE_BRIEFING_PAPER_LETTER;
  else
    return FALSE;
  return TRUE;
}

/* The marking's layout, its font made smaller until it takes at most a sixth of
 * the page (it is free text: it could be long); past that, it is cut with an
 * ellipsis rather than leave no room for the text. */
static void
lay_out_marking (AttacheBriefingLayout *self)
{
  double limit = self->height * MARKING_MAX_FRACTION;
  g_autoptr(PangoFontDescription) font = NULL;
  double size = 9.0;

  if (self->marking == NULL)
    return;

  font = pango_font_description_copy (self->fonts[STYLE_MARKING]);
  self->marking_layout = text_layout (self, STYLE_MARKING, self->content_width, self->marking);
  pango_layout_set_alignment (self->marking_layout, PANGO_ALIGN_CENTER);
  while (layout_height (self->marking_layout) > limit && size > 6.0)
    {
      size -= 0.5;
      pango_font_description_set_size (font, (int) (size * PANGO_SCALE));
      pango_layout_set_font_description (self->marking_layout, font);
    }
  if (layout_height (self->marking_layout) > limit)
    {
      pango_layout_set_height (self->marking_layout, pango_units_from_double (limit));
      pango_layout_set_ellipsize (self->marking_layout, PANGO_ELLIPSIZE_END);
    }
  self->marking_height = layout_height (self->marking_layout);
}

AttacheBriefingLayout *
attache_briefing_layout_new (const AttacheBriefing *briefing,
                             AttacheBriefingPaper   paper,
                             PangoFontMap          *font_map)
{
  AttacheBriefingLayout *self;
  cairo_font_options_t *options;
  g_autoptr(PangoLayout) running = NULL;
  double band;

  g_return_val_if_fail (briefing != NULL, NULL);
  g_return_val_if_fail (font_map == NULL || PANGO_IS_FONT_MAP (font_map), NULL);

  self = g_new0 (AttacheBriefingLayout, 1);
  self->paper = paper;
  if (paper == ATTACHE_BRIEFING_PAPER_LETTER)
    {
      self->width = 612.0;
      self->height = 792.0;
    }
  else
    {
      self->width = 595.2756;   /* 210 mm */
      self->height = 841.8898;  /* 297 mm */
    }
  self->content_left = MARGIN_SIDE;
  self->content_width = self->width - 2 * MARGIN_SIDE;

  /* Laid out in points, unhinted, glyphs at their exact positions: the same
   * lines at any scale, on paper and on screen. */
  self->font_map = font_map != NULL ? g_object_ref (font_map) : pango_cairo_font_map_new ();
  self->context = pango_font_map_create_context (self->font_map);
  pango_cairo_context_set_resolution (self->context, 72.0);
  pango_context_set_round_glyph_positions (self->context, FALSE);
  options = cairo_font_options_create ();
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  pango_cairo_context_set_font_options (self->context, options);
  cairo_font_options_destroy (options);
  for (guint i = 0; i < N_STYLES; i++)
    self->fonts[i] = pango_font_description_from_string (styles[i].font);

  self->title = one_line (briefing->title);
  if (self->title == NULL || *self->title == '\0')
    {
      g_free (self->title);
      self->title = g_strdup (_("Untitled briefing"));
    }
  self->subtitle = is_blank (briefing->subtitle) ? NULL : one_line (briefing->subtitle);
  self->author = is_blank (briefing->author) ? NULL : one_line (briefing->author);
  self->audience = is_blank (briefing->audience) ? NULL : one_line (briefing->audience);
  self->marking = is_blank (briefing->marking) ? NULL : one_line (briefing->marking);
  self->draft = briefing->status == ATTACHE_BRIEFING_DRAFT;
  if (!is_blank (briefing->date))
    self->date = format_date (briefing->date);
  else
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();
      g_autofree char *iso = g_date_time_format (now, "%Y-%m-%d");

      self->date = format_date (iso);
    }

  /* The page's bands: marking, running header, text, footer, marking. */
  lay_out_marking (self);
  running = text_layout (self, STYLE_RUNNING, -1, "Page");
  self->running_height = layout_height (running);
  band = EDGE + (self->marking != NULL ? self->marking_height + BAND_GAP : 0.0);
  self->content_top = band + self->running_height + RULE_GAP + CONTENT_GAP;
  self->content_bottom = self->height - self->content_top;

  self->boxes = g_ptr_array_new_with_free_func ((GDestroyNotify) flow_box_free);
  self->tables = g_ptr_array_new_with_free_func (g_free);
  self->anchors = g_array_new (FALSE, FALSE, sizeof (Anchor));
  self->citations = g_ptr_array_new_with_free_func ((GDestroyNotify) citation_free);
  self->citation_keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  build_flow (self, briefing);

  self->pages = g_ptr_array_new_with_free_func ((GDestroyNotify) page_free);
  open_page (self);   /* the cover: drawn apart, nothing placed on it */

  return self;
}

void
attache_briefing_layout_free (AttacheBriefingLayout *self)
{
  if (self == NULL)
    return;

  g_clear_pointer (&self->pages, g_ptr_array_unref);
  g_clear_pointer (&self->boxes, g_ptr_array_unref);
  g_clear_pointer (&self->tables, g_ptr_array_unref);
  for (guint i = 0; i < self->anchors->len; i++)
    g_free (g_array_index (self->anchors, Anchor, i).outline);
  g_clear_pointer (&self->anchors, g_array_unref);
  g_clear_pointer (&self->citation_keys, g_hash_table_unref);
  g_clear_pointer (&self->citations, g_ptr_array_unref);
  g_clear_object (&self->marking_layout);
  for (guint i = 0; i < N_STYLES; i++)
    g_clear_pointer (&self->fonts[i], pango_font_description_free);
  g_clear_object (&self->context);
  g_clear_object (&self->font_map);
  g_free (self->title);
  g_free (self->subtitle);
  g_free (self->author);
  g_free (self->audience);
  g_free (self->date);
  g_free (self->marking);
  g_free (self);
}

void
attache_briefing_layout_get_page_size (AttacheBriefingLayout *self,
                                       double                *width,
                                       double                *height)
{
  g_return_if_fail (self != NULL);

  if (width != NULL)
    *width = self->width;
  if (height != NULL)
    *height = self->height;
}

/* Drawing */

/* Links are drawn in page coordinates, whatever the scale: cairo's tags take
 * their rectangles in user space. */
static void
append_number (GString *out,
               double   value)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  g_string_append (out, g_ascii_formatd (buffer, sizeof buffer, "%.2f", value));
  g_string_append_c (out, ' ');
}

static void
append_quoted (GString    *out,
               const char *text)
{
  g_string_append_c (out, '\'');
  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '\'' || *p == '\\')
        g_string_append_c (out, '\\');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '\'');
}

/* Emits a link over @rects (x, y, width, height …), to @uri or to @anchor's
 * place (@internal: only in an export, where page numbers are the PDF's). */
static void
emit_link (AttacheBriefingLayout *self,
           cairo_t               *cr,
           GArray                *rects,
           const char            *uri,
           int                    anchor,
           gboolean               internal)
{
  g_autoptr(GString) attributes = NULL;

  if (rects->len == 0)
    return;
  if (uri == NULL)
    {
      Anchor *target;

      if (!internal || anchor < 0)
        return;
      target = &g_array_index (self->anchors, Anchor, anchor);
      if (target->page == 0)
        return;
    }

  attributes = g_string_new ("rect=[");
  for (guint i = 0; i < rects->len; i++)
    append_number (attributes, g_array_index (rects, double, i));
  g_string_append (attributes, "] ");
  if (uri != NULL)
    {
      g_string_append (attributes, "uri=");
      append_quoted (attributes, uri);
    }
  else
    g_string_append_printf (attributes, "dest='anchor-%d'", anchor);
  cairo_tag_begin (cr, CAIRO_TAG_LINK, attributes->str);
  cairo_tag_end (cr, CAIRO_TAG_LINK);
}

/* The marking, centred at @y. */
static void
draw_marking (AttacheBriefingLayout *self,
              cairo_t               *cr,
              double                 y)
{
  if (self->marking_layout != NULL)
    show_layout (cr, self->marking_layout, styles[STYLE_MARKING].color, self->content_left, y);
}

static void
draw_bands (AttacheBriefingLayout *self,
            cairo_t               *cr,
            guint                  page)
{
  double right = self->content_left + self->content_width;
  double top_band = EDGE + (self->marking != NULL ? self->marking_height + BAND_GAP : 0.0);
  double bottom_band = self->height - top_band - self->running_height;
  g_autoptr(PangoLayout) title = NULL;
  g_autoptr(PangoLayout) date = NULL;
  g_autoptr(PangoLayout) number = NULL;
  g_autofree char *page_text = NULL;
  int date_width;

  draw_marking (self, cr, EDGE);
  draw_marking (self, cr, self->height - EDGE - self->marking_height);
  if (page == 0)
    return;

  date = text_layout (self, STYLE_RUNNING, -1, self->date);
  pango_layout_get_size (date, &date_width, NULL);
  title = text_layout (self, STYLE_RUNNING,
                       MAX (self->content_width - pango_units_to_double (date_width) - 24.0, 40.0),
                       self->title);
  pango_layout_set_ellipsize (title, PANGO_ELLIPSIZE_END);
  pango_layout_set_auto_dir (title, FALSE);
  show_layout (cr, title, styles[STYLE_RUNNING].color, self->content_left, top_band);
  show_layout (cr, date, styles[STYLE_RUNNING].color, right - pango_units_to_double (date_width), top_band);
  hline (cr, LIGHT, 0.5, self->content_left, right, top_band + self->running_height + RULE_GAP);

  /* TRANSLATORS: the footer of every page: "Page 3 of 12" */
  page_text = g_strdup_printf (_("Page %u of %u"), page + 1, self->pages->len);
  number = text_layout (self, STYLE_RUNNING, self->content_width, page_text);
  pango_layout_set_alignment (number, PANGO_ALIGN_CENTER);
  hline (cr, LIGHT, 0.5, self->content_left, right, bottom_band - RULE_GAP);
  show_layout (cr, number, styles[STYLE_RUNNING].color, self->content_left, bottom_band);
}

static void
limit_lines (PangoLayout *layout,
             int          lines)
{
  pango_layout_set_height (layout, -lines);
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
}

static PangoLayout *
cover_field_layout (AttacheBriefingLayout *self,
                    const char            *name,
                    double                 width)
{
  PangoLayout *field = new_layout (self, STYLE_COVER_FIELD, width);
  PangoAttrList *attrs = pango_attr_list_new ();

  pango_attr_list_insert (attrs, pango_attr_letter_spacing_new (PANGO_SCALE / 2));
  pango_attr_list_insert (attrs, pango_attr_text_transform_new (PANGO_TEXT_TRANSFORM_UPPERCASE));
  layout_set_text (field, name, attrs);
  return field;
}

static void
draw_cover (AttacheBriefingLayout *self,
            cairo_t               *cr)
{
  double x = self->content_left;
  double width = self->content_width;
  double field_width = 92.0;
  double top = EDGE + self->marking_height + 2 * CONTENT_GAP;
  double bottom = self->height - top;
  double height;
  double y;
  g_autoptr(PangoLayout) label = NULL;
  g_autoptr(PangoLayout) title = NULL;
  g_autoptr(PangoLayout) subtitle = NULL;
  PangoLayout *fields[4] = { NULL, };
  PangoLayout *values[4] = { NULL, };
  PangoAttrList *attrs;
  const char *details[4][2] = {
    { _("Date"), self->date },
    { _("Author"), self->author },
    { _("Audience"), self->audience },
    { _("Status"), self->draft ? _("Draft") : NULL },
  };

  label = new_layout (self, STYLE_COVER_LABEL, width);
  attrs = pango_attr_list_new ();
  pango_attr_list_insert (attrs, pango_attr_letter_spacing_new (2 * PANGO_SCALE));
  pango_attr_list_insert (attrs, pango_attr_text_transform_new (PANGO_TEXT_TRANSFORM_UPPERCASE));
  /* TRANSLATORS: the kind of document, above its title on the cover (set in capitals) */
  layout_set_text (label, _("Briefing"), attrs);
  height = layout_height (label) + 8.0 + 2.5 + 20.0;

  /* However long the title, the cover keeps room for its details (the whole
   * title is in the document's properties). */
  title = text_layout (self, STYLE_COVER_TITLE, width, self->title);
  limit_lines (title, 8);
  height += layout_height (title) + 10.0;
  if (self->subtitle != NULL)
    {
      subtitle = text_layout (self, STYLE_COVER_SUBTITLE, width, self->subtitle);
      limit_lines (subtitle, 5);
      height += layout_height (subtitle);
    }
  height += 44.0 + 14.0;
  for (guint i = 0; i < G_N_ELEMENTS (details); i++)
    {
      if (details[i][1] == NULL)
        continue;
      fields[i] = cover_field_layout (self, details[i][0], field_width - 8.0);
      values[i] = text_layout (self, STYLE_COVER_VALUE, width - field_width, details[i][1]);
      limit_lines (values[i], 3);
      height += layout_height (values[i]) + 8.0;
    }
  height += 6.0;   /* the rule below the details */

  /* A quarter down the page, higher when that does not leave room. */
  y = MAX (MIN (self->height * 0.24, bottom - height), top);

  show_layout (cr, label, styles[STYLE_COVER_LABEL].color, x, y);
  y += layout_height (label) + 8.0;
  set_color (cr, NAVY);
  cairo_rectangle (cr, x, y, width, 2.5);
  cairo_fill (cr);
  y += 2.5 + 20.0;

  show_layout (cr, title, styles[STYLE_COVER_TITLE].color, x, y);
  y += layout_height (title) + 10.0;
  if (subtitle != NULL)
    {
      show_layout (cr, subtitle, styles[STYLE_COVER_SUBTITLE].color, x, y);
      y += layout_height (subtitle);
    }

  y += 44.0;
  hline (cr, LIGHT, 0.5, x, x + width, y);
  y += 14.0;
  for (guint i = 0; i < G_N_ELEMENTS (details); i++)
    {
      if (values[i] == NULL)
        continue;
      /* The field's name on the value's first baseline. */
      show_layout (cr, fields[i], styles[STYLE_COVER_FIELD].color, x,
                   y + pango_units_to_double (pango_layout_get_baseline (values[i]) -
                                              pango_layout_get_baseline (fields[i])));
      show_layout (cr, values[i], styles[STYLE_COVER_VALUE].color, x + field_width, y);
      y += layout_height (values[i]) + 8.0;
      g_object_unref (fields[i]);
      g_object_unref (values[i]);
    }
  hline (cr, LIGHT, 0.5, x, x + width, y + 6.0);
}

/* The rectangles of bytes @start to @end of the lines @first … @first + @n - 1
 * of @box, the box's first line's top at @y, its left edge at @x. */
static void
link_rects (FlowBox *box,
            guint    first,
            guint    n,
            double   x,
            double   y,
            guint    start,
            guint    end,
            GArray  *rects)
{
  double top = g_array_index (box->lines, LineBox, first).top;

  g_array_set_size (rects, 0);
  for (guint i = first; i < first + n; i++)
    {
      LineBox *line = &g_array_index (box->lines, LineBox, i);
      int *ranges = NULL;
      int n_ranges = 0;

      if ((guint) line->line->start_index >= end ||
          (guint) (line->line->start_index + line->line->length) <= start)
        continue;
      pango_layout_line_get_x_ranges (line->line, (int) start, (int) end, &ranges, &n_ranges);
      for (int r = 0; r < n_ranges; r++)
        {
          double values[4] = {
            x + pango_units_to_double (ranges[2 * r]),
            y + line->top - top,
            pango_units_to_double (ranges[2 * r + 1] - ranges[2 * r]),
            line->bottom - line->top,
          };

          if (values[2] > 0)
            g_array_append_vals (rects, values, 4);
        }
      g_free (ranges);
    }
}

static void
draw_text (AttacheBriefingLayout *self,
           cairo_t               *cr,
           const Placed          *placed,
           gboolean               internal_links)
{
  FlowBox *box = placed->box;
  double x = self->content_left + box->indent;
  double top = g_array_index (box->lines, LineBox, placed->first).top;
  LineBox *last = &g_array_index (box->lines, LineBox, placed->first + placed->n - 1);
  double bottom = placed->y + last->bottom - top;

  if (box->quote_bar)
    {
      double from = placed->y - (box->bar_joins ? placed->gap : 0.0);

      set_color (cr, LIGHT);
      cairo_rectangle (cr, self->content_left + QUOTE_BAR_X, from, QUOTE_BAR_WIDTH, bottom - from);
      cairo_fill (cr);
    }

  set_color (cr, styles[box->style].color);
  for (guint i = placed->first; i < placed->first + placed->n; i++)
    {
      LineBox *line = &g_array_index (box->lines, LineBox, i);

      cairo_move_to (cr, x + line->x, placed->y + line->baseline - top);
      pango_cairo_show_layout_line (cr, line->line);
    }

  if (placed->first == 0 && box->marker_layout != NULL)
    {
      LineBox *line = &g_array_index (box->lines, LineBox, 0);
      int marker_width;
      double marker_x;

      pango_layout_get_size (box->marker_layout, &marker_width, NULL);
      if (line->rtl)
        marker_x = self->content_left + self->content_width - box->right_indent + GUTTER;
      else
        marker_x = x - GUTTER - pango_units_to_double (marker_width);
      show_layout (cr, box->marker_layout,
                   box->style == STYLE_REFERENCE ? NAVY : styles[box->style].color,
                   marker_x,
                   placed->y + line->baseline - top -
                   pango_units_to_double (pango_layout_get_baseline (box->marker_layout)));
    }

  /* A contents line: the page number, dots leading to it. */
  if (box->toc_ref >= 0 && placed->first + placed->n == box->lines->len)
    {
      Anchor *anchor = &g_array_index (self->anchors, Anchor, box->toc_ref);
      double right = self->content_left + self->content_width;
      double baseline = placed->y + last->baseline - top;
      g_autofree char *text = g_strdup_printf ("%u", anchor->page + 1);
      g_autoptr(PangoLayout) number = text_layout (self, box->style, -1, text);
      g_autoptr(GArray) rects = g_array_new (FALSE, FALSE, sizeof (double));
      double rect[4] = { self->content_left, placed->y, self->content_width, bottom - placed->y };
      int number_width;
      double leader_from = x + last->x + last->width + 6.0;
      double leader_to;

      pango_layout_get_size (number, &number_width, NULL);
      leader_to = right - pango_units_to_double (number_width) - 6.0;
      show_layout (cr, number, styles[box->style].color, right - pango_units_to_double (number_width),
                   baseline - pango_units_to_double (pango_layout_get_baseline (number)));
      if (!last->rtl && leader_to > leader_from)
        {
          static const double dots[] = { 0.0, 3.5 };

          cairo_save (cr);
          set_color (cr, GREY);
          cairo_set_line_width (cr, 0.9);
          cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
          cairo_set_dash (cr, dots, G_N_ELEMENTS (dots), 0.0);
          /* The dots aligned on the right, the same on every line. */
          cairo_move_to (cr, leader_to - floor ((leader_to - leader_from) / dots[1]) * dots[1], baseline - 0.5);
          cairo_line_to (cr, leader_to, baseline - 0.5);
          cairo_stroke (cr);
          cairo_restore (cr);
        }
      g_array_append_vals (rects, rect, 4);
      emit_link (self, cr, rects, NULL, box->toc_ref, internal_links);
      return;
    }

  if (box->links != NULL)
    {
      g_autoptr(GArray) rects = g_array_new (FALSE, FALSE, sizeof (double));

      for (guint i = 0; i < box->links->len; i++)
        {
          Link *link = &g_array_index (box->links, Link, i);

          link_rects (box, placed->first, placed->n, x, placed->y, link->start, link->end, rects);
          emit_link (self, cr, rects, link->uri, link->anchor, internal_links);
        }
    }
}

static void
draw_row (AttacheBriefingLayout *self,
          cairo_t               *cr,
          const Placed          *placed)
{
  FlowBox *box = placed->box;
  Table *table = box->table;
  gboolean header = box == table->header;

  for (guint i = 0; i < box->cells->len; i++)
    show_layout (cr, g_ptr_array_index (box->cells, i), styles[box->style].color,
                 self->content_left + table->x[i], placed->y + TABLE_PAD);
  hline (cr, header ? INK : LIGHT, header ? 0.8 : 0.4, self->content_left,
         self->content_left + self->content_width, placed->y + box->height);
}

static void
render_page (AttacheBriefingLayout *self,
             guint                  page_index,
             cairo_t               *cr,
             double                 scale,
             cairo_surface_t       *pdf)
{
  Page *page;

  /* Any page but the cover needs the whole document laid out. */
  if (page_index > 0)
    attache_briefing_layout_get_n_pages (self);
  g_return_if_fail (page_index < self->pages->len);

  cairo_save (cr);
  cairo_scale (cr, scale, scale);

  if (page_index == 0)
    {
      draw_bands (self, cr, 0);
      draw_cover (self, cr);
      cairo_restore (cr);
      return;
    }

  page = g_ptr_array_index (self->pages, page_index);
  draw_bands (self, cr, page_index);
  for (guint i = 0; i < page->placed->len; i++)
    {
      Placed *placed = &g_array_index (page->placed, Placed, i);

      if (placed->box->kind == BOX_ROW)
        draw_row (self, cr, placed);
      else
        draw_text (self, cr, placed, pdf != NULL);

      /* A bookmark for each heading, where it is; a destination for the
       * links to it. Links name their destination: cairo 1.16 leaves out a
       * link to a page by its number when the page comes later. */
      if (pdf != NULL && placed->first == 0 && placed->box->anchor >= 0)
        {
          Anchor *anchor = &g_array_index (self->anchors, Anchor, placed->box->anchor);
          g_autoptr(GString) dest = g_string_new (NULL);

          g_string_append_printf (dest, "name='anchor-%d' x=0 y=", placed->box->anchor);
          append_number (dest, MAX (anchor->y - 12.0, 0.0));
          cairo_tag_begin (cr, CAIRO_TAG_DEST, dest->str);
          cairo_tag_end (cr, CAIRO_TAG_DEST);

          if (anchor->outline != NULL)
            {
              g_autoptr(GString) attributes = g_string_new (NULL);

              g_string_append_printf (attributes, "page=%u pos=[", page_index + 1);
              append_number (attributes, 0.0);
              append_number (attributes, MAX (anchor->y - 12.0, 0.0));
              g_string_append_c (attributes, ']');
              cairo_pdf_surface_add_outline (pdf, CAIRO_PDF_OUTLINE_ROOT, anchor->outline,
                                             attributes->str, 0);
            }
        }
    }
  cairo_restore (cr);
}

void
attache_briefing_layout_render_page (AttacheBriefingLayout *self,
                                     guint                  page,
                                     cairo_t               *cr,
                                     double                 scale)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (cr != NULL);
  g_return_if_fail (scale > 0);

  render_page (self, page, cr, scale, NULL);
}

/* Export */

typedef struct
{
  int fd;
  int error;   /* errno of the first failed write, 0 */
} Output;

static cairo_status_t
write_cb (void                *closure,
          const unsigned char *data,
          unsigned int         length)
{
  Output *output = closure;

  while (length > 0)
    {
      ssize_t written = write (output->fd, data, length);

      if (written < 0 && errno == EINTR)
        continue;
      if (written <= 0)
        {
          output->error = written < 0 ? errno : ENOSPC;
          return CAIRO_STATUS_WRITE_ERROR;
        }
      data += written;
      length -= (unsigned int) written;
    }
  return CAIRO_STATUS_SUCCESS;
}

static void
set_write_error (GError     **error,
                 const char  *path,
                 int          errsv)
{
  g_autofree char *name = g_filename_display_name (path);

  g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errsv),
               _("Could not write the PDF “%s”: %s"), name, g_strerror (errsv));
}

static void
set_metadata (cairo_surface_t       *surface,
              AttacheBriefingLayout *layout)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *created = g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");
  g_autofree char *creator = g_strdup_printf ("%s %s", PACKAGE_NAME, PACKAGE_VERSION);

  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, layout->title);
  if (layout->author != NULL)
    cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_AUTHOR, layout->author);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_SUBJECT,
                                  layout->subtitle != NULL ? layout->subtitle : _("Briefing"));
  if (layout->marking != NULL)
    cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_KEYWORDS, layout->marking);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, creator);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATE_DATE, created);
}

gboolean
attache_briefing_export_pdf (const AttacheBriefing  *briefing,
                             const char             *path,
                             AttacheBriefingPaper    paper,
                             GError                **error)
{
  g_autoptr(AttacheBriefingLayout) layout = NULL;
  AttacheReplace replace;
  cairo_surface_t *surface;
  cairo_status_t status;
  cairo_t *cr;
  Output output = { -1, 0 };
  guint n_pages;

  g_return_val_if_fail (briefing != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  /* A new file, renamed over the old one once whole. */
  if (!_attache_replace_begin (&replace, path))
    {
      set_write_error (error, path, errno);
      return FALSE;
    }
  output.fd = replace.fd;

  layout = attache_briefing_layout_new (briefing, paper, NULL);
  n_pages = attache_briefing_layout_get_n_pages (layout);

  surface = cairo_pdf_surface_create_for_stream (write_cb, &output, layout->width, layout->height);
  set_metadata (surface, layout);
  cr = cairo_create (surface);
  for (guint i = 0; i < n_pages && output.error == 0 && cairo_status (cr) == CAIRO_STATUS_SUCCESS; i++)
    {
      render_page (layout, i, cr, 1.0, surface);
      cairo_show_page (cr);
    }
  status = cairo_status (cr);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);

  if (output.error != 0)
    {
      _attache_replace_abort (&replace);
      set_write_error (error, path, output.error);
      return FALSE;
    }
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_autofree char *display = g_filename_display_name (path);

      _attache_replace_abort (&replace);
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   _("Could not write the PDF “%s”: %s"), display, cairo_status_to_string (status));
      return FALSE;
    }
  if (!_attache_replace_commit (&replace))
    {
      set_write_error (error, path, errno);
      return FALSE;
    }
  return TRUE;
}
