/* attache-reader.c: the text of the selected article, to read
 *
 * The text is shown in a read-only GtkTextView: selectable, wrapped, and with
 * the title and the line of details as tags. The mentions of actors are
 * marked up in the same buffer, a tag per type, with a legend under the text
 * while they are.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "attache-reader"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <string.h>

#include "attache-actor-ui-private.h"
#include "attache-compat.h"
#include "attache-format.h"
#include "attache-reader.h"

struct _AttacheReader
{
  GtkWidget       parent_instance;

  /* template children */
  GtkWidget      *content_box;
  GtkStack       *stack;
  AdwStatusPage  *placeholder_page;
  GtkScrolledWindow *scroller;
  GtkTextView    *text_view;

  GtkTextTag     *title_tag;
  GtkTextTag     *details_tag;
  GtkTextTag     *link_tag;
  GtkTextTag     *paragraph_tag;
  GtkTextTag     *actor_tags[ATTACHE_N_ACTOR_TYPES];   /* by AttacheActorType */

  /* The legend under the text while mentions are highlighted */
  GtkRevealer    *legend_revealer;
  GtkFlowBox     *legend_types;
  GtkLabel       *legend_label;

  AttacheLibrary *library;
  AttacheArticle *article;           /* shown; with its text once loaded */
  GCancellable   *load_cancellable;  /* the load under way, if any */
  /* Where the paragraphs of the article's text are in the buffer: Span, in
   * order, so that a selection can be quoted with its offsets in the text. */
  GArray         *spans;
  /* The mentions highlighted: Mention, in the text; kept while the text
   * loads, and marked again whenever it is shown */
  GArray         *mentions;
  gint64          highlight_id;      /* the article they are of, 0 for none */
  char           *highlight_label;   /* the actor they are of, NULL for all */
  gboolean        hovering_link;
  gboolean        has_selected_text;
};

/* A paragraph as shown: @length characters at @shown in the buffer are the
 * characters at @text in the article's text. */
typedef struct
{
  guint shown;
  guint text;
  guint length;
} Span;

/* One mention to highlight: bytes @start to @end of the article's text. */
typedef struct
{
  guint            start;
  guint            end;
  AttacheActorType type;
} Mention;

G_DEFINE_FINAL_TYPE (AttacheReader, attache_reader, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_LIBRARY,
  PROP_ARTICLE,
  PROP_LOADING,
  PROP_HAS_SELECTED_TEXT,
  PROP_HIGHLIGHTING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
update_tag_colors (AttacheReader *self)
{
  gboolean dark = adw_style_manager_get_dark (adw_style_manager_get_default ());
  /* The colours of .dim-label text and of links in Adwaita. */
  GdkRGBA dim = dark ? (GdkRGBA) { 1.0, 1.0, 1.0, 0.55 } : (GdkRGBA) { 0.0, 0.0, 0.0, 0.45 };
  GdkRGBA link = dark ? (GdkRGBA) { 0.471, 0.682, 0.929, 1.0 } : (GdkRGBA) { 0.110, 0.443, 0.847, 1.0 };

  g_object_set (self->details_tag, "foreground-rgba", &dim, NULL);
  g_object_set (self->link_tag, "foreground-rgba", &link, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (self->actor_tags); i++)
    {
      GdkRGBA background, underline;

      _attache_actor_type_highlight_colors (i, dark, &background, &underline);
      g_object_set (self->actor_tags[i],
                    "background-rgba", &background,
                    "underline-rgba", &underline,
                    NULL);
    }
}

static void
on_style_manager_dark_changed_cb (AdwStyleManager *style_manager,
                                  GParamSpec      *pspec,
                                  AttacheReader   *self)
{
  update_tag_colors (self);
}

static void
set_loading (AttacheReader *self,
             gboolean       loading)
{
  if (!loading)
    g_clear_object (&self->load_cancellable);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

static void
show_placeholder (AttacheReader *self,
                  const char    *title,
                  const char    *description)
{
  adw_status_page_set_title (self->placeholder_page, title);
  adw_status_page_set_description (self->placeholder_page, description);
  gtk_stack_set_visible_child_name (self->stack, "placeholder");
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->text_view), "", 0);
  g_array_set_size (self->spans, 0);
}

static void
insert_details (AttacheReader *self,
                GtkTextIter   *iter)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->text_view);
  g_autofree char *day = NULL;
  g_autofree char *site = NULL;
  const char *parts[3];
  const char *url;
  guint n_parts = 0;

  day = attache_format_published (self->article);
  if (day == NULL)
    day = attache_format_article_day (self->article);

  if (day != NULL)
    parts[n_parts++] = day;
  if (attache_article_get_source (self->article) != NULL)
    parts[n_parts++] = attache_article_get_source (self->article);
  if (attache_article_get_author (self->article) != NULL)
    parts[n_parts++] = attache_article_get_author (self->article);

  url = attache_article_get_url (self->article);
  if (url != NULL)
    site = attache_format_origin_name (url);

  if (n_parts == 0 && site == NULL)
    return;

  for (guint i = 0; i < n_parts; i++)
    {
      if (i > 0)
        gtk_text_buffer_insert_with_tags (buffer, iter, " · ", -1, self->details_tag, NULL);
      gtk_text_buffer_insert_with_tags (buffer, iter, parts[i], -1, self->details_tag, NULL);
    }

  if (site != NULL)
    {
      if (n_parts > 0)
        gtk_text_buffer_insert_with_tags (buffer, iter, " · ", -1, self->details_tag, NULL);
      gtk_text_buffer_insert_with_tags (buffer, iter, site, -1,
                                        self->details_tag, self->link_tag, NULL);
    }

  gtk_text_buffer_insert_with_tags (buffer, iter, "\n", -1, self->details_tag, NULL);
}

/* The paragraphs of @text, separated by blank lines, without the spaces
 * around them; each one's place in @text is kept in self->spans. */
static void
insert_paragraphs (AttacheReader *self,
                   GtkTextIter   *iter,
                   const char    *text)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->text_view);
  const char *paragraph = text;
  const char *counted = text;     /* the characters before it are in text_offset */
  guint text_offset = 0;
  gboolean first = TRUE;

  while (paragraph != NULL)
    {
      const char *separator = strstr (paragraph, "\n\n");
      const char *end = separator != NULL ? separator : paragraph + strlen (paragraph);
      const char *start = paragraph;
      Span span;

      while (start < end && g_ascii_isspace (*start))
        start++;
      while (end > start && g_ascii_isspace (end[-1]))
        end--;

      if (start < end)
        {
          if (!first)
            gtk_text_buffer_insert (buffer, iter, "\n", -1);
          first = FALSE;

          text_offset += g_utf8_strlen (counted, start - counted);
          counted = start;

          span.shown = gtk_text_iter_get_offset (iter);
          span.text = text_offset;
          span.length = g_utf8_strlen (start, end - start);
          g_array_append_val (self->spans, span);

          gtk_text_buffer_insert_with_tags (buffer, iter, start, end - start,
                                            self->paragraph_tag, NULL);
        }

      paragraph = separator != NULL ? separator + 2 : NULL;
    }
}

/* Highlighting the mentions of actors */

/* Where the character @offset of the text is shown in the buffer: in the
 * paragraph it is in, or at the start of the next one when it falls in the
 * spaces between two. FALSE past the last paragraph. */
static gboolean
find_shown_offset (AttacheReader *self,
                   guint          offset,
                   guint         *span_index,
                   guint         *shown)
{
  for (guint i = 0; i < self->spans->len; i++)
    {
      const Span *span = &g_array_index (self->spans, Span, i);

      if (offset < span->text + span->length)
        {
          *span_index = i;
          *shown = span->shown + (offset > span->text ? offset - span->text : 0);
          return TRUE;
        }
    }

  return FALSE;
}

static int
compare_mentions (gconstpointer a,
                  gconstpointer b)
{
  const Mention *ma = a, *mb = b;

  return ma->start < mb->start ? -1 : ma->start > mb->start;
}

static void
update_legend (AttacheReader *self)
{
  gboolean types[ATTACHE_N_ACTOR_TYPES] = { FALSE, };
  g_autofree char *text = NULL;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->legend_types))) != NULL)
    gtk_flow_box_remove (self->legend_types, child);

  for (guint i = 0; i < self->mentions->len; i++)
    types[CLAMP ((int) g_array_index (self->mentions, Mention, i).type, 0, ATTACHE_N_ACTOR_TYPES - 1)] = TRUE;

  /* The types present, in the order the pane and the charts list them. */
  for (guint t = 0; t < ATTACHE_N_ACTOR_TYPES; t++)
    {
      GtkWidget *item, *label;

      if (!types[t])
        continue;

      item = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
      gtk_box_append (GTK_BOX (item), _attache_actor_type_swatch_new (t));
      label = gtk_label_new (_attache_actor_type_name (t));
      gtk_box_append (GTK_BOX (item), label);
      gtk_widget_add_css_class (item, "legend-item");
      gtk_flow_box_append (self->legend_types, item);
      gtk_widget_set_focusable (gtk_widget_get_parent (item), FALSE);
    }

  if (self->highlight_label != NULL)
    /* Translators: under an article's text while the mentions of one actor
     * are highlighted; %u is how many, %s the actor: "3 mentions of Teodor Vasko" */
    text = g_strdup_printf (ngettext ("%u mention of %s", "%u mentions of %s", self->mentions->len),
                            self->mentions->len, self->highlight_label);
  else
    /* Translators: under an article's text while the mentions of all its
     * actors are highlighted; %u is how many */
    text = g_strdup_printf (ngettext ("%u mention", "%u mentions", self->mentions->len),
                            self->mentions->len);
  gtk_label_set_text (self->legend_label, text);
}

/* Marks self->mentions in the buffer, once it shows the article they are of
 * with its text; @scroll: and brings the first into view. */
static void
mark_mentions (AttacheReader *self,
               gboolean       scroll)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->text_view);
  GtkTextIter start, end;
  const char *text, *p;
  gsize text_length;
  guint chars = 0;
  gboolean first = TRUE;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  for (guint i = 0; i < G_N_ELEMENTS (self->actor_tags); i++)
    gtk_text_buffer_remove_tag (buffer, self->actor_tags[i], &start, &end);

  if (self->article == NULL || self->highlight_id != attache_article_get_id (self->article) ||
      (text = attache_article_get_text (self->article)) == NULL)
    return;

  /* Byte offsets to characters in one walk through the text, the mentions
   * being in order. */
  text_length = strlen (text);
  p = text;
  for (guint i = 0; i < self->mentions->len; i++)
    {
      const Mention *mention = &g_array_index (self->mentions, Mention, i);
      guint from, to, span_index, shown_from, shown_to;
      const Span *span;

      if (mention->start >= mention->end || mention->end > text_length ||
          (gsize) (p - text) > mention->start)
        continue;

      while ((gsize) (p - text) < mention->start)
        {
          p = g_utf8_next_char (p);
          chars++;
        }
      from = chars;
      to = from + g_utf8_strlen (p, mention->end - mention->start);

      if (!find_shown_offset (self, from, &span_index, &shown_from))
        continue;
      /* A mention across paragraphs (there should be none) is cut at the
       * end of the first. */
      span = &g_array_index (self->spans, Span, span_index);
      to = MIN (to, span->text + span->length);
      if (to <= MAX (from, span->text))
        continue;
      shown_to = span->shown + (to - span->text);

      gtk_text_buffer_get_iter_at_offset (buffer, &start, shown_from);
      gtk_text_buffer_get_iter_at_offset (buffer, &end, shown_to);
      gtk_text_buffer_apply_tag (buffer, self->actor_tags[CLAMP ((int) mention->type, 0, ATTACHE_N_ACTOR_TYPES - 1)],
                                 &start, &end);

      if (first && scroll)
        {
          GtkTextMark *mark = gtk_text_buffer_get_mark (buffer, "first-mention");

          if (mark == NULL)
            mark = gtk_text_buffer_create_mark (buffer, "first-mention", &start, TRUE);
          else
            gtk_text_buffer_move_mark (buffer, mark, &start);
          gtk_text_view_scroll_to_mark (self->text_view, mark, 0.1, TRUE, 0.0, 0.3);
        }
      first = FALSE;
    }
}

static void
set_highlights (AttacheReader *self,
                gint64         article_id,
                GPtrArray     *actors,
                const char    *label)
{
  gboolean was_highlighting = self->highlight_id != 0;

  g_array_set_size (self->mentions, 0);
  g_clear_pointer (&self->highlight_label, g_free);
  self->highlight_id = article_id;

  for (guint i = 0; actors != NULL && i < actors->len; i++)
    {
      const AttacheFoundActor *actor = g_ptr_array_index (actors, i);

      for (guint j = 0; actor->spans != NULL && j < actor->spans->len; j++)
        {
          const AttacheSpan *span = &g_array_index (actor->spans, AttacheSpan, j);
          Mention mention = { span->start, span->end, actor->type };

          g_array_append_val (self->mentions, mention);
        }
    }
  g_array_sort (self->mentions, compare_mentions);
  self->highlight_label = g_strdup (label);

  if (article_id != 0)
    update_legend (self);
  gtk_revealer_set_reveal_child (self->legend_revealer, article_id != 0);

  mark_mentions (self, label != NULL);

  if (was_highlighting != (article_id != 0))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HIGHLIGHTING]);
}

static void
on_legend_close_clicked_cb (GtkButton     *button,
                            AttacheReader *self)
{
  attache_reader_clear_highlights (self);
}

static void
show_article (AttacheReader *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->text_view);
  GtkTextIter iter;
  const char *title;
  const char *text;

  g_assert (self->article != NULL);

  gtk_text_buffer_set_text (buffer, "", 0);
  gtk_text_buffer_get_start_iter (buffer, &iter);
  g_array_set_size (self->spans, 0);

  title = attache_article_get_title (self->article);
  if (title == NULL || title[0] == '\0')
    title = _("Untitled Article");
  gtk_text_buffer_insert_with_tags (buffer, &iter, title, -1, self->title_tag, NULL);
  gtk_text_buffer_insert_with_tags (buffer, &iter, "\n", -1, self->title_tag, NULL);

  insert_details (self, &iter);

  text = attache_article_get_text (self->article);
  if (text != NULL)
    insert_paragraphs (self, &iter, text);

  /* Keep the cursor, and so any scrolling to it, at the top. */
  gtk_text_buffer_get_start_iter (buffer, &iter);
  gtk_text_buffer_place_cursor (buffer, &iter);

  gtk_stack_set_visible_child_name (self->stack, "article");

  if (text != NULL)
    mark_mentions (self, self->highlight_label != NULL);
}

static void
get_article_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(AttacheReader) self = user_data;
  g_autoptr(AttacheArticle) article = NULL;
  g_autoptr(GError) error = NULL;

  article = attache_library_get_article_finish (ATTACHE_LIBRARY (object), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  /* Another article was chosen meanwhile: its own load is under way. */
  if (self->article == NULL ||
      (article != NULL && attache_article_get_id (article) != attache_article_get_id (self->article)))
    return;

  set_loading (self, FALSE);

  if (article == NULL)
    {
      show_placeholder (self, _("Could Not Load the Article"), error->message);
      return;
    }

  g_set_object (&self->article, article);
  show_article (self);
}

static void
on_text_view_released_cb (GtkGestureClick *gesture,
                          int              n_press,
                          double           x,
                          double           y,
                          AttacheReader   *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->text_view);
  GtkTextIter iter;
  int buffer_x, buffer_y;
  const char *url;

  if (self->article == NULL ||
      gtk_gesture_single_get_current_button (GTK_GESTURE_SINGLE (gesture)) != GDK_BUTTON_PRIMARY ||
      gtk_text_buffer_get_has_selection (buffer))
    return;

  gtk_text_view_window_to_buffer_coords (self->text_view, GTK_TEXT_WINDOW_WIDGET,
                                         x, y, &buffer_x, &buffer_y);
  if (!gtk_text_view_get_iter_at_location (self->text_view, &iter, buffer_x, buffer_y) ||
      !gtk_text_iter_has_tag (&iter, self->link_tag))
    return;

  url = attache_article_get_url (self->article);
  if (url != NULL)
    attache_compat_open_uri (GTK_WIDGET (self), url);
}

static void
on_text_view_motion_cb (GtkEventControllerMotion *controller,
                        double                    x,
                        double                    y,
                        AttacheReader            *self)
{
  GtkTextIter iter;
  int buffer_x, buffer_y;
  gboolean hovering;

  gtk_text_view_window_to_buffer_coords (self->text_view, GTK_TEXT_WINDOW_WIDGET,
                                         x, y, &buffer_x, &buffer_y);
  hovering = gtk_text_view_get_iter_at_location (self->text_view, &iter, buffer_x, buffer_y) &&
             gtk_text_iter_has_tag (&iter, self->link_tag);

  if (hovering == self->hovering_link)
    return;

  self->hovering_link = hovering;
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self->text_view), hovering ? "pointer" : "text");
}

/* Quoting */

static gboolean
find_selected_range (AttacheReader *self,
                     guint         *from,
                     guint         *to)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->text_view);
  GtkTextIter start, end;
  guint shown_start, shown_end;
  gboolean found = FALSE;

  if (!gtk_text_buffer_get_selection_bounds (buffer, &start, &end))
    return FALSE;

  shown_start = gtk_text_iter_get_offset (&start);
  shown_end = gtk_text_iter_get_offset (&end);

  for (guint i = 0; i < self->spans->len; i++)
    {
      const Span *span = &g_array_index (self->spans, Span, i);

      /* The paragraphs the selection overlaps: the first gives the start,
       * the last the end. */
      if (shown_end <= span->shown || shown_start >= span->shown + span->length)
        continue;

      if (!found)
        *from = span->text + (shown_start > span->shown ? shown_start - span->shown : 0);
      *to = span->text + MIN (shown_end - span->shown, span->length);
      found = TRUE;
    }

  return found;
}

static void
update_has_selected_text (AttacheReader *self)
{
  guint from, to;
  gboolean has_selected_text = find_selected_range (self, &from, &to);

  if (has_selected_text == self->has_selected_text)
    return;

  self->has_selected_text = has_selected_text;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HAS_SELECTED_TEXT]);
}

static void
on_buffer_mark_set_cb (GtkTextBuffer *buffer,
                       GtkTextIter   *location,
                       GtkTextMark   *mark,
                       AttacheReader *self)
{
  if (mark == gtk_text_buffer_get_insert (buffer) ||
      mark == gtk_text_buffer_get_selection_bound (buffer))
    update_has_selected_text (self);
}

static void
on_buffer_changed_cb (GtkTextBuffer *buffer,
                      AttacheReader *self)
{
  update_has_selected_text (self);
}

static void
attache_reader_dispose (GObject *object)
{
  AttacheReader *self = ATTACHE_READER (object);

  g_cancellable_cancel (self->load_cancellable);
  g_signal_handlers_disconnect_by_func (adw_style_manager_get_default (),
                                        on_style_manager_dark_changed_cb, self);
  gtk_widget_dispose_template (GTK_WIDGET (self), ATTACHE_TYPE_READER);
  g_clear_object (&self->load_cancellable);
  g_clear_object (&self->article);
  g_clear_object (&self->library);

  G_OBJECT_CLASS (attache_reader_parent_class)->dispose (object);
}

static void
attache_reader_finalize (GObject *object)
{
  AttacheReader *self = ATTACHE_READER (object);

  g_clear_pointer (&self->spans, g_array_unref);
  g_clear_pointer (&self->mentions, g_array_unref);
  g_clear_pointer (&self->highlight_label, g_free);

  G_OBJECT_CLASS (attache_reader_parent_class)->finalize (object);
}

static void
attache_reader_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  AttacheReader *self = ATTACHE_READER (object);

  switch (prop_id)
    {
    case PROP_LIBRARY:
      g_value_set_object (value, self->library);
      break;

    case PROP_ARTICLE:
      g_value_set_object (value, self->article);
      break;

    case PROP_LOADING:
      g_value_set_boolean (value, attache_reader_get_loading (self));
      break;

    case PROP_HAS_SELECTED_TEXT:
      g_value_set_boolean (value, self->has_selected_text);
      break;

    case PROP_HIGHLIGHTING:
      g_value_set_boolean (value, attache_reader_get_highlighting (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
attache_reader_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  AttacheReader *self = ATTACHE_READER (object);

  switch (prop_id)
    {
    case PROP_LIBRARY:
      attache_reader_set_library (self, g_value_get_object (value));
      break;

    case PROP_ARTICLE:
      attache_reader_set_article (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
attache_reader_class_init (AttacheReaderClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = attache_reader_dispose;
  object_class->finalize = attache_reader_finalize;
  object_class->get_property = attache_reader_get_property;
  object_class->set_property = attache_reader_set_property;

  properties[PROP_LIBRARY] =
    g_param_spec_object ("library", NULL, NULL,
                         ATTACHE_TYPE_LIBRARY,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_ARTICLE] =
    g_param_spec_object ("article", NULL, NULL,
                         ATTACHE_TYPE_ARTICLE,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  properties[PROP_HAS_SELECTED_TEXT] =
    g_param_spec_boolean ("has-selected-text", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_HIGHLIGHTING] =
    g_param_spec_boolean ("highlighting", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/attache/Attache/attache-reader.ui");
  gtk_widget_class_bind_template_child (widget_class, AttacheReader, content_box);
  gtk_widget_class_bind_template_child (widget_class, AttacheReader, stack);
  gtk_widget_class_bind_template_child (widget_class, AttacheReader, placeholder_page);
  gtk_widget_class_bind_template_child (widget_class, AttacheReader, scroller);
  gtk_widget_class_bind_template_child (widget_class, AttacheReader, text_view);
  gtk_widget_class_bind_template_child (widget_class, AttacheReader, legend_revealer);
  gtk_widget_class_bind_template_child (widget_class, AttacheReader, legend_types);
  gtk_widget_class_bind_template_child (widget_class, AttacheReader, legend_label);
  /* Not kept, but there for the tests to find. */
  gtk_widget_class_bind_template_child_full (widget_class, "legend_close_button", FALSE, 0);
  gtk_widget_class_bind_template_callback (widget_class, on_legend_close_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_text_view_released_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_text_view_motion_cb);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "reader");
}

static void
attache_reader_init (AttacheReader *self)
{
  GtkTextBuffer *buffer;

  self->spans = g_array_new (FALSE, FALSE, sizeof (Span));
  self->mentions = g_array_new (FALSE, FALSE, sizeof (Mention));

  gtk_widget_init_template (GTK_WIDGET (self));

  buffer = gtk_text_view_get_buffer (self->text_view);
  g_signal_connect_object (buffer, "mark-set", G_CALLBACK (on_buffer_mark_set_cb), self, 0);
  g_signal_connect_object (buffer, "changed", G_CALLBACK (on_buffer_changed_cb), self, 0);
  self->title_tag = gtk_text_buffer_create_tag (buffer, "title",
                                                "weight", PANGO_WEIGHT_BOLD,
                                                "scale", 1.8,
                                                "pixels-inside-wrap", 2,
                                                "pixels-below-lines", 10,
                                                NULL);
  self->details_tag = gtk_text_buffer_create_tag (buffer, "details",
                                                  "scale", 0.9,
                                                  "pixels-below-lines", 24,
                                                  NULL);
  self->link_tag = gtk_text_buffer_create_tag (buffer, "link",
                                               "underline", PANGO_UNDERLINE_SINGLE,
                                               NULL);
  /* A little larger than labels: this is where people read at length. */
  self->paragraph_tag = gtk_text_buffer_create_tag (buffer, "paragraph",
                                                    "scale", 1.12,
                                                    "pixels-inside-wrap", 4,
                                                    "pixels-below-lines", 14,
                                                    NULL);
  /* Mentions of actors, by type: coloured in update_tag_colors (). */
  for (guint i = 0; i < G_N_ELEMENTS (self->actor_tags); i++)
    {
      static const char * const names[] = { "actor-person", "actor-organization", "actor-country", "actor-location" };

      G_STATIC_ASSERT (G_N_ELEMENTS (names) == ATTACHE_N_ACTOR_TYPES);
      self->actor_tags[i] = gtk_text_buffer_create_tag (buffer, names[i],
                                                        "underline", PANGO_UNDERLINE_SINGLE,
                                                        NULL);
    }

  update_tag_colors (self);
  g_signal_connect (adw_style_manager_get_default (), "notify::dark",
                    G_CALLBACK (on_style_manager_dark_changed_cb), self);
}

GtkWidget *
attache_reader_new (void)
{
  return g_object_new (ATTACHE_TYPE_READER, NULL);
}

AttacheLibrary *
attache_reader_get_library (AttacheReader *self)
{
  g_return_val_if_fail (ATTACHE_IS_READER (self), NULL);

  return self->library;
}

void
attache_reader_set_library (AttacheReader  *self,
                            AttacheLibrary *library)
{
  g_return_if_fail (ATTACHE_IS_READER (self));
  g_return_if_fail (library == NULL || ATTACHE_IS_LIBRARY (library));

  if (!g_set_object (&self->library, library))
    return;

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LIBRARY]);
}

AttacheArticle *
attache_reader_get_article (AttacheReader *self)
{
  g_return_val_if_fail (ATTACHE_IS_READER (self), NULL);

  return self->article;
}

void
attache_reader_set_article (AttacheReader  *self,
                            AttacheArticle *article)
{
  g_return_if_fail (ATTACHE_IS_READER (self));
  g_return_if_fail (article == NULL || ATTACHE_IS_ARTICLE (article));

  if (article == self->article)
    return;

  /* The library list reloads with new objects for the same articles: the one
   * shown (with its text) stays. */
  if (article != NULL && self->article != NULL &&
      attache_article_get_id (article) == attache_article_get_id (self->article))
    return;

  g_cancellable_cancel (self->load_cancellable);
  g_clear_object (&self->load_cancellable);
  g_set_object (&self->article, article);

  /* The marks were of the article shown before. */
  if (self->highlight_id != 0)
    set_highlights (self, 0, NULL, NULL);

  if (article == NULL)
    {
      show_placeholder (self,
                        _("Select an Article"),
                        _("Choose an article in the library to read it here."));
      set_loading (self, FALSE);
    }
  else
    {
      GtkAdjustment *vadjustment = gtk_scrolled_window_get_vadjustment (self->scroller);

      show_article (self);
      gtk_adjustment_set_value (vadjustment, gtk_adjustment_get_lower (vadjustment));

      if (attache_article_get_text (article) == NULL && self->library != NULL)
        {
          self->load_cancellable = g_cancellable_new ();
          attache_library_get_article_async (self->library,
                                             attache_article_get_id (article),
                                             self->load_cancellable,
                                             get_article_cb,
                                             g_object_ref (self));
          set_loading (self, TRUE);
        }
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ARTICLE]);
}

gboolean
attache_reader_get_loading (AttacheReader *self)
{
  g_return_val_if_fail (ATTACHE_IS_READER (self), FALSE);

  return self->load_cancellable != NULL;
}

gboolean
attache_reader_get_selected_range (AttacheReader *self,
                                   guint         *from,
                                   guint         *to)
{
  guint found_from = 0, found_to = 0;

  g_return_val_if_fail (ATTACHE_IS_READER (self), FALSE);

  if (self->article == NULL || attache_article_get_text (self->article) == NULL ||
      !find_selected_range (self, &found_from, &found_to))
    return FALSE;

  if (from != NULL)
    *from = found_from;
  if (to != NULL)
    *to = found_to;
  return TRUE;
}

gboolean
attache_reader_get_has_selected_text (AttacheReader *self)
{
  g_return_val_if_fail (ATTACHE_IS_READER (self), FALSE);

  return self->has_selected_text;
}

void
attache_reader_set_selection_menu (AttacheReader *self,
                                   GMenuModel    *menu)
{
  g_return_if_fail (ATTACHE_IS_READER (self));
  g_return_if_fail (menu == NULL || G_IS_MENU_MODEL (menu));

  gtk_text_view_set_extra_menu (self->text_view, menu);
}

gboolean
attache_reader_get_highlighting (AttacheReader *self)
{
  g_return_val_if_fail (ATTACHE_IS_READER (self), FALSE);

  return self->highlight_id != 0;
}

void
attache_reader_highlight_actors (AttacheReader *self,
                                 gint64         article_id,
                                 GPtrArray     *actors,
                                 const char    *label)
{
  g_return_if_fail (ATTACHE_IS_READER (self));
  g_return_if_fail (article_id > 0);

  /* Another article than the one shown: nothing of it to mark. */
  if (self->article == NULL || attache_article_get_id (self->article) != article_id)
    return;

  set_highlights (self, article_id, actors, label);
}

void
attache_reader_clear_highlights (AttacheReader *self)
{
  g_return_if_fail (ATTACHE_IS_READER (self));

  if (self->highlight_id != 0)
    set_highlights (self, 0, NULL, NULL);
}
