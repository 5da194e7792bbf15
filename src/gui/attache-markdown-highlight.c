/* attache-markdown-highlight.c: a text buffer's small Markdown, shown as it prints
 *
 * The subset the briefing's exports know (attache-briefing-markdown.h):
 * emphasis, list items, headings. Each change of the buffer is highlighted
 * again from the start: a note or a summary is a few paragraphs.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "attache-markdown-highlight"

#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "attache-markdown-highlight.h"

typedef struct
{
  GtkTextBuffer *buffer;       /* the Highlight is its data */
  GtkTextTag    *bold_tag;
  GtkTextTag    *italic_tag;
  GtkTextTag    *marker_tag;
  GtkTextTag    *heading_tag;
} Highlight;


static void
update_tag_colors (Highlight *self)
{
  gboolean dark = adw_style_manager_get_dark (adw_style_manager_get_default ());
  GdkRGBA dim = dark ? (GdkRGBA) { 1.0, 1.0, 1.0, 0.45 } : (GdkRGBA) { 0.0, 0.0, 0.0, 0.4 };

  if (self->marker_tag != NULL)
    g_object_set (self->marker_tag, "foreground-rgba", &dim, NULL);
}

static void
on_style_manager_dark_changed_cb (AdwStyleManager *style_manager,
                                  GParamSpec      *pspec,
                                  GtkTextBuffer   *buffer)
{
  update_tag_colors (g_object_get_data (G_OBJECT (buffer), "attache-markdown-highlight"));
}

static void
apply_tag_at (Highlight  *self,
              GtkTextTag *tag,
              int         line_offset,
              const char *line,
              const char *start,
              const char *end)
{
  GtkTextIter from, to;

  gtk_text_buffer_get_iter_at_offset (self->buffer, &from,
                                      line_offset + (int) g_utf8_pointer_to_offset (line, start));
  to = from;
  gtk_text_iter_forward_chars (&to, (int) g_utf8_pointer_to_offset (start, end));
  gtk_text_buffer_apply_tag (self->buffer, tag, &from, &to);
}

/* Emphasis in one line: **bold**, *italic* and _italic_, the markers dimmed. */
static void
highlight_emphasis (Highlight  *self,
                    int         line_offset,
                    const char *line,
                    const char *p)
{
  while (*p != '\0')
    {
      const char *close;

      if (p[0] == '*' && p[1] == '*' && p[2] != '\0' && p[2] != ' ' &&
          (close = strstr (p + 2, "**")) != NULL && close > p + 2)
        {
          apply_tag_at (self, self->marker_tag, line_offset, line, p, p + 2);
          apply_tag_at (self, self->bold_tag, line_offset, line, p + 2, close);
          apply_tag_at (self, self->marker_tag, line_offset, line, close, close + 2);
          p = close + 2;
          continue;
        }

      if ((p[0] == '*' || p[0] == '_') && p[1] != '\0' && p[1] != ' ' && p[1] != p[0] &&
          (close = strchr (p + 1, p[0])) != NULL && close[-1] != ' ')
        {
          apply_tag_at (self, self->marker_tag, line_offset, line, p, p + 1);
          apply_tag_at (self, self->italic_tag, line_offset, line, p + 1, close);
          apply_tag_at (self, self->marker_tag, line_offset, line, close, close + 1);
          p = close + 1;
          continue;
        }

      p = g_utf8_next_char (p);
    }
}

static void
highlight_markdown (Highlight *self)
{
  GtkTextIter start, end;
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  int line_offset = 0;

  gtk_text_buffer_get_bounds (self->buffer, &start, &end);
  gtk_text_buffer_remove_all_tags (self->buffer, &start, &end);
  text = gtk_text_buffer_get_text (self->buffer, &start, &end, FALSE);
  lines = g_strsplit (text, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *line = lines[i];
      const char *p = line;

      while (*p == ' ')
        p++;

      /* A list item: "- ", "* ", "+ " or "1. " */
      if ((p[0] == '-' || p[0] == '*' || p[0] == '+') && p[1] == ' ')
        {
          apply_tag_at (self, self->marker_tag, line_offset, line, p, p + 1);
          p += 2;
        }
      else if (g_ascii_isdigit (p[0]))
        {
          const char *q = p;

          while (g_ascii_isdigit (*q))
            q++;
          if ((q[0] == '.' || q[0] == ')') && q[1] == ' ')
            {
              apply_tag_at (self, self->marker_tag, line_offset, line, p, q + 1);
              p = q + 2;
            }
        }
      else if (p[0] == '#')
        {
          const char *q = p;

          while (*q == '#')
            q++;
          if (*q == ' ')
            {
              apply_tag_at (self, self->marker_tag, line_offset, line, p, q);
              apply_tag_at (self, self->heading_tag, line_offset, line, q, q + strlen (q));
              p = q + 1;
            }
        }

      highlight_emphasis (self, line_offset, line, p);
      line_offset += (int) g_utf8_strlen (line, -1) + 1;
    }
}

static void
on_buffer_changed_cb (GtkTextBuffer *buffer,
                      Highlight     *self)
{
  highlight_markdown (self);
}

void
attache_markdown_highlight (GtkTextBuffer *buffer)
{
  Highlight *self;

  g_return_if_fail (GTK_IS_TEXT_BUFFER (buffer));

  self = g_new0 (Highlight, 1);
  self->buffer = buffer;
  self->bold_tag = gtk_text_buffer_create_tag (buffer, NULL, "weight", PANGO_WEIGHT_BOLD, NULL);
  self->italic_tag = gtk_text_buffer_create_tag (buffer, NULL, "style", PANGO_STYLE_ITALIC, NULL);
  self->heading_tag = gtk_text_buffer_create_tag (buffer, NULL, "weight", PANGO_WEIGHT_BOLD,
                                                  "scale", 1.1, NULL);
  self->marker_tag = gtk_text_buffer_create_tag (buffer, NULL, NULL);
  g_object_set_data_full (G_OBJECT (buffer), "attache-markdown-highlight", self, g_free);

  update_tag_colors (self);
  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (on_style_manager_dark_changed_cb), buffer, 0);
  g_signal_connect (buffer, "changed", G_CALLBACK (on_buffer_changed_cb), self);
  highlight_markdown (self);
}
