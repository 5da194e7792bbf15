/* attache-briefing-markdown.c: a briefing as a Markdown document
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the analyst wrote (text blocks, the summary) is Markdown already and
 * goes out as it is. Everything else (titles, quotes, names) is text, escaped
 * so that a reader shows it as it is: an excerpt that starts with "1." or
 * holds a "*" quotes those characters, not a list or emphasis.
 */

#define G_LOG_DOMAIN "attache-briefing-markdown"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "attache-briefing-markdown.h"
#include "attache-replace-private.h"

/* Appends @text on one line, shown as it is: every character Markdown could
 * read as markup escaped, line breaks made spaces. @line_start: @text begins
 * a line, where "-", "+", "=" and "1." would begin a block. */
static void
append_literal (GString    *out,
                const char *text,
                gboolean    line_start)
{
  const char *p = text;

  if (text == NULL)
    return;

  if (line_start)
    {
      while (*p == ' ' || *p == '\t')
        p++;

      if (*p == '-' || *p == '+' || *p == '=')
        {
          g_string_append_c (out, '\\');
          g_string_append_c (out, *p++);
        }
      else if (g_ascii_isdigit (*p))
        {
          const char *digits = p;

          while (g_ascii_isdigit (*p))
            p++;
          g_string_append_len (out, digits, p - digits);
          if (*p == '.' || *p == ')')
            {
              g_string_append_c (out, '\\');
              g_string_append_c (out, *p++);
            }
        }
    }

  for (; *p != '\0'; p++)
    {
      switch (*p)
        {
        case '\\': case '`': case '*': case '_': case '[': case ']': case '<': case '>':
        case '#': case '|': case '~': case '&': case '!':
          g_string_append_c (out, '\\');
          g_string_append_c (out, *p);
          break;

        case '\n': case '\r': case '\t':
          g_string_append_c (out, ' ');
          break;

        default:
          g_string_append_c (out, *p);
        }
    }
}

/* The analyst's Markdown, without blank lines at its ends, then a blank line. */
static void
append_markdown (GString    *out,
                 const char *markdown)
{
  g_autofree char *copy = g_strdup (markdown != NULL ? markdown : "");
  char *start = copy;
  char *end;

  /* Leading blank lines, not the indentation of the first line. */
  for (char *p = copy; *p != '\0'; p++)
    {
      if (*p == '\n')
        start = p + 1;
      else if (*p != ' ' && *p != '\t' && *p != '\r')
        break;
    }
  end = start + strlen (start);
  while (end > start && g_ascii_isspace (end[-1]))
    end--;
  *end = '\0';

  if (*start == '\0')
    return;

  g_string_append (out, start);
  g_string_append (out, "\n\n");
}

static void
append_citation (GString *out,
                 guint    number)
{
  if (number > 0)
    g_string_append_printf (out, " [%u]", number);
}

/* An excerpt: a block quote, its paragraphs kept, the citation at the end. */
static void
append_quote (GString    *out,
              const char *text,
              guint       number)
{
  g_auto(GStrv) lines = g_strsplit (text != NULL ? text : "", "\n", -1);
  gboolean started = FALSE;
  gboolean pending_break = FALSE;

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_strstrip (lines[i]);
      if (lines[i][0] == '\0')
        {
          pending_break = started;
          continue;
        }

      if (pending_break)
        g_string_append (out, ">\n");
      pending_break = FALSE;
      g_string_append (out, "> ");
      append_literal (out, lines[i], TRUE);
      g_string_append_c (out, '\n');
      started = TRUE;
    }

  if (!started)
    g_string_append (out, ">");
  else
    g_string_truncate (out, out->len - 1);   /* the citation ends the last line */
  append_citation (out, number);
  g_string_append (out, "\n\n");
}

/* "Title — Publisher, 2024-04-02", each part only when known. */
static void
append_source_line (GString                     *out,
                    const AttacheBriefingSource *source)
{
  g_string_append_c (out, '*');
  append_literal (out, source->title != NULL && *source->title != '\0' ? source->title : _("Untitled"), FALSE);
  g_string_append_c (out, '*');

  if (source->publisher != NULL || source->published != NULL)
    g_string_append (out, " — ");
  if (source->publisher != NULL)
    append_literal (out, source->publisher, FALSE);
  if (source->publisher != NULL && source->published != NULL)
    g_string_append (out, ", ");
  if (source->published != NULL)
    append_literal (out, source->published, FALSE);
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

static void
append_actors (GString                    *out,
               const AttacheBriefingBlock *block)
{
  g_string_append_printf (out, "**%s**\n\n", _("Key actors"));

  if (block->actors == NULL || block->actors->len == 0)
    {
      g_string_append_printf (out, "*%s*\n\n", _("No actors were found in the articles used."));
      return;
    }

  g_string_append_printf (out, "| %s | %s | %s | %s |\n| --- | --- | ---: | ---: |\n",
                          _("Actor"), _("Type"), _("Articles"), _("Mentions"));
  for (guint i = 0; i < block->actors->len; i++)
    {
      const AttacheBriefingActorRow *row = g_ptr_array_index (block->actors, i);

      g_string_append (out, "| ");
      append_literal (out, row->name, FALSE);
      g_string_append (out, " | ");
      append_literal (out, actor_type_label (row->type), FALSE);
      g_string_append_printf (out, " | %u | %u |\n", row->articles, row->mentions);
    }
  g_string_append_c (out, '\n');
}

static void
append_topics (GString                    *out,
               const AttacheBriefingBlock *block)
{
  g_string_append_printf (out, "**%s**\n\n", _("Topics"));

  if (block->topics == NULL || block->topics->len == 0)
    {
      g_string_append_printf (out, "*%s*\n\n", _("No topics were found in the articles used."));
      return;
    }

  for (guint i = 0; i < block->topics->len; i++)
    {
      g_string_append (out, "- ");
      append_literal (out, g_ptr_array_index (block->topics, i), FALSE);
      g_string_append_c (out, '\n');
    }
  g_string_append_c (out, '\n');
}

static void
append_block (GString                    *out,
              const AttacheBriefingBlock *block,
              GPtrArray                  *sources)
{
  switch (block->kind)
    {
    case ATTACHE_BLOCK_TEXT:
      append_markdown (out, block->text);
      break;

    case ATTACHE_BLOCK_EXCERPT:
      append_quote (out, block->text, attache_briefing_citation_number (sources, block));
      break;

    case ATTACHE_BLOCK_ARTICLE:
      g_string_append_printf (out, "**%s** ", _("Article:"));
      append_source_line (out, &block->source);
      append_citation (out, attache_briefing_citation_number (sources, block));
      g_string_append (out, "\n\n");
      break;

    case ATTACHE_BLOCK_ACTORS:
      append_actors (out, block);
      break;

    case ATTACHE_BLOCK_TOPICS:
      append_topics (out, block);
      break;

    default:
      break;
    }
}

/* An address as a link when it can be one, else as text. */
static void
append_url (GString    *out,
            const char *url)
{
  if (strpbrk (url, " <>\n\t") == NULL)
    g_string_append_printf (out, "<%s>", url);
  else
    append_literal (out, url, FALSE);
}

static void
append_sources (GString   *out,
                GPtrArray *sources)
{
  if (sources->len == 0)
    return;

  g_string_append (out, "## ");
  append_literal (out, _("Sources"), FALSE);
  g_string_append (out, "\n\n");

  for (guint i = 0; i < sources->len; i++)
    {
      const AttacheBriefingSource *source = g_ptr_array_index (sources, i);

      g_string_append_printf (out, "%u. ", i + 1);
      if (source->publisher != NULL)
        {
          append_literal (out, source->publisher, FALSE);
          g_string_append (out, ", ");
        }
      g_string_append (out, "“");
      append_literal (out, source->title != NULL && *source->title != '\0' ? source->title : _("Untitled"), FALSE);
      g_string_append (out, "”");
      if (source->published != NULL)
        {
          g_string_append (out, ", ");
          append_literal (out, source->published, FALSE);
        }
      if (source->url != NULL)
        {
          g_string_append (out, ", ");
          append_url (out, source->url);
        }
      if (source->removed)
        g_string_append_printf (out, " *(%s)*", _("since removed from the library; quoted as it was when cited"));
      g_string_append_c (out, '\n');
    }
  g_string_append_c (out, '\n');
}

static void
append_marking (GString    *out,
                const char *marking)
{
  if (marking == NULL || *marking == '\0')
    return;

  g_string_append (out, "**");
  append_literal (out, marking, FALSE);
  g_string_append (out, "**\n\n");
}

static void
append_detail (GString    *out,
               const char *label,
               const char *value)
{
  if (value == NULL || *value == '\0')
    return;

  g_string_append_printf (out, "**%s** ", label);
  append_literal (out, value, FALSE);
  /* A hard line break: one detail per line. */
  g_string_append (out, "  \n");
}

char *
attache_briefing_to_markdown (const AttacheBriefing *briefing)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GPtrArray) sources = NULL;
  g_autofree char *today = NULL;
  gsize details_start;

  g_return_val_if_fail (briefing != NULL, NULL);

  sources = attache_briefing_collect_sources (briefing);

  append_marking (out, briefing->marking);

  g_string_append (out, "# ");
  append_literal (out, briefing->title != NULL && *briefing->title != '\0' ? briefing->title : _("Untitled"), FALSE);
  g_string_append (out, "\n\n");

  if (briefing->subtitle != NULL && *briefing->subtitle != '\0')
    {
      g_string_append_c (out, '*');
      append_literal (out, briefing->subtitle, FALSE);
      g_string_append (out, "*\n\n");
    }

  if (briefing->date == NULL)
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();

      today = g_date_time_format (now, "%Y-%m-%d");
    }

  details_start = out->len;
  append_detail (out, _("Date:"), briefing->date != NULL ? briefing->date : today);
  append_detail (out, _("Author:"), briefing->author);
  append_detail (out, _("Audience:"), briefing->audience);
  append_detail (out, _("Status:"), briefing->status == ATTACHE_BRIEFING_FINAL ? _("Final") : _("Draft"));
  if (out->len > details_start)
    {
      /* No hard break after the last detail. */
      g_string_truncate (out, out->len - 3);
      g_string_append (out, "\n\n");
    }

  if (briefing->summary != NULL && *briefing->summary != '\0')
    {
      g_string_append (out, "## ");
      append_literal (out, _("Summary"), FALSE);
      g_string_append (out, "\n\n");
      append_markdown (out, briefing->summary);
    }

  for (guint i = 0; i < briefing->sections->len; i++)
    {
      const AttacheBriefingSection *section = g_ptr_array_index (briefing->sections, i);

      if (section->heading != NULL && *section->heading != '\0')
        {
          g_string_append (out, "## ");
          append_literal (out, section->heading, FALSE);
          g_string_append (out, "\n\n");
        }

      for (guint j = 0; j < section->blocks->len; j++)
        append_block (out, g_ptr_array_index (section->blocks, j), sources);
    }

  append_sources (out, sources);

  if (briefing->marking != NULL && *briefing->marking != '\0')
    {
      g_string_append (out, "---\n\n");
      append_marking (out, briefing->marking);
    }

  /* One newline at the end. */
  while (out->len > 1 && out->str[out->len - 1] == '\n' && out->str[out->len - 2] == '\n')
    g_string_truncate (out, out->len - 1);

  return g_string_free (g_steal_pointer (&out), FALSE);
}

static gboolean
set_write_error (GError     **error,
                 int          saved_errno,
                 const char  *path)
{
  g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
               /* Translators: the first %s is a file's path, the second why it failed */
               _("Could not write %s: %s"), path, g_strerror (saved_errno));
  return FALSE;
}

/* @data to a new file that replaces @path whole (attache-replace-private.h). */
static gboolean
write_replacing (const char  *path,
                 const char  *data,
                 gsize        length,
                 GError     **error)
{
  AttacheReplace replace;

  if (!_attache_replace_begin (&replace, path))
    return set_write_error (error, errno, path);

  while (length > 0)
    {
      gssize written = write (replace.fd, data, length);

      if (written < 0 && errno == EINTR)
        continue;
      if (written == 0)
        errno = EIO;
      if (written <= 0)
        {
          _attache_replace_abort (&replace);
          return set_write_error (error, errno, path);
        }
      data += written;
      length -= written;
    }

  if (!_attache_replace_commit (&replace))
    return set_write_error (error, errno != 0 ? errno : EIO, path);

  return TRUE;
}

gboolean
attache_briefing_export_markdown (const AttacheBriefing  *briefing,
                                  const char             *path,
                                  GError                **error)
{
  g_autofree char *markdown = NULL;

  g_return_val_if_fail (briefing != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  markdown = attache_briefing_to_markdown (briefing);
  return write_replacing (path, markdown, strlen (markdown), error);
}
