/* attache-briefing-block-row.c: one block of a briefing in the editor
 *
 * A note is the analyst's own Markdown, edited in place: what is typed is
 * saved ATTACHE_BRIEFING_SAVE_DELAY_MS after the last key, and at once when
 * the note loses the focus ("save"). Bold, italic and list markers are shown
 * as they will print (attache-markdown-highlight.h). Excerpts, article references and the generated tables
 * are shown as they are stored: they change only through the library.
 *
 * Every row has a drag handle and a menu (move up, move down, delete; refresh
 * for the tables), and moves with Alt+Up and Alt+Down. Its actions forward to
 * the editor's ("editor.move-block" …) with the block's id.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "attache-briefing-block-row"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "attache-analysis.h"
#include "attache-briefing-block-row.h"
#include "attache-markdown-highlight.h"

struct _AttacheBriefingBlockRow
{
  GtkWidget         parent_instance;

  gint64            id;
  AttacheBlockKind  kind;

  GtkWidget        *handle;
  GtkWidget        *content;      /* what the kind shows */
  GtkWidget        *menu_button;

  /* Notes */
  GtkTextView      *text_view;
  GtkTextBuffer    *buffer;
  guint             save_id;      /* a save waiting for the typing to pause */
  gboolean          setting_text; /* the buffer follows the store */

  /* Excerpts, references */
  GtkLabel         *quote_label;
  GtkLabel         *title_label;
  GtkLabel         *source_label;
  GtkWidget        *removed_box;

  /* Tables */
  GtkWidget        *table_box;
};

G_DEFINE_FINAL_TYPE (AttacheBriefingBlockRow, attache_briefing_block_row, GTK_TYPE_WIDGET)

enum {
  SIGNAL_SAVE,
  SIGNAL_LEFT_EMPTY,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static gboolean
is_blank (const char *text)
{
  for (const char *p = text; p != NULL && *p != '\0'; p = g_utf8_next_char (p))
    if (!g_unichar_isspace (g_utf8_get_char (p)))
      return FALSE;

  return TRUE;
}

/* Saving */

static void
emit_save (AttacheBriefingBlockRow *self)
{
  g_autofree char *text = attache_briefing_block_row_dup_text (self);

  g_clear_handle_id (&self->save_id, g_source_remove);
  if (!is_blank (text))
    g_signal_emit (self, signals[SIGNAL_SAVE], 0, text);
}

static gboolean
on_save_timeout_cb (gpointer user_data)
{
  AttacheBriefingBlockRow *self = user_data;

  self->save_id = 0;
  emit_save (self);
  return G_SOURCE_REMOVE;
}

static void
on_buffer_changed_cb (GtkTextBuffer           *buffer,
                      AttacheBriefingBlockRow *self)
{
  if (self->setting_text)
    return;

  g_clear_handle_id (&self->save_id, g_source_remove);
  self->save_id = g_timeout_add (ATTACHE_BRIEFING_SAVE_DELAY_MS, on_save_timeout_cb, self);
}

static void
on_text_focus_leave_cb (GtkEventControllerFocus *controller,
                        AttacheBriefingBlockRow *self)
{
  g_autofree char *text = attache_briefing_block_row_dup_text (self);

  if (self->save_id != 0)
    emit_save (self);

  if (is_blank (text))
    g_signal_emit (self, signals[SIGNAL_LEFT_EMPTY], 0);
}

/* Wraps the selection (or the word at the cursor) in @marker, or takes the
 * markers away when they are already there. */
static void
toggle_emphasis (AttacheBriefingBlockRow *self,
                 const char              *marker)
{
  GtkTextIter start, end, before, after;
  int length = (int) strlen (marker);
  g_autofree char *outside_before = NULL;
  g_autofree char *outside_after = NULL;

  if (self->buffer == NULL)
    return;

  if (!gtk_text_buffer_get_selection_bounds (self->buffer, &start, &end))
    {
      if (gtk_text_iter_inside_word (&start) || gtk_text_iter_ends_word (&start))
        {
          if (!gtk_text_iter_starts_word (&start))
            gtk_text_iter_backward_word_start (&start);
          if (!gtk_text_iter_ends_word (&end))
            gtk_text_iter_forward_word_end (&end);
        }
    }

  before = start;
  after = end;
  gtk_text_iter_backward_chars (&before, length);
  gtk_text_iter_forward_chars (&after, length);
  outside_before = gtk_text_iter_get_text (&before, &start);
  outside_after = gtk_text_iter_get_text (&end, &after);

  gtk_text_buffer_begin_user_action (self->buffer);
  if (g_str_equal (outside_before, marker) && g_str_equal (outside_after, marker))
    {
      GtkTextMark *mark = gtk_text_buffer_create_mark (self->buffer, NULL, &end, FALSE);

      gtk_text_buffer_delete (self->buffer, &before, &start);
      gtk_text_buffer_get_iter_at_mark (self->buffer, &end, mark);
      after = end;
      gtk_text_iter_forward_chars (&after, length);
      gtk_text_buffer_delete (self->buffer, &end, &after);
      gtk_text_buffer_delete_mark (self->buffer, mark);
    }
  else
    {
      GtkTextMark *mark = gtk_text_buffer_create_mark (self->buffer, NULL, &end, FALSE);

      gtk_text_buffer_insert (self->buffer, &start, marker, length);
      gtk_text_buffer_get_iter_at_mark (self->buffer, &end, mark);
      gtk_text_buffer_insert (self->buffer, &end, marker, length);
      gtk_text_buffer_delete_mark (self->buffer, mark);
    }
  gtk_text_buffer_end_user_action (self->buffer);
}

/* Actions */

static void
forward_action (AttacheBriefingBlockRow *self,
                const char              *editor_action,
                int                      delta)
{
  if (delta != 0)
    gtk_widget_activate_action (GTK_WIDGET (self), editor_action, "(xi)", self->id, delta);
  else
    gtk_widget_activate_action (GTK_WIDGET (self), editor_action, "x", self->id);
}

static void
move_up_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  forward_action (ATTACHE_BRIEFING_BLOCK_ROW (widget), "editor.move-block", -1);
}

static void
move_down_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  forward_action (ATTACHE_BRIEFING_BLOCK_ROW (widget), "editor.move-block", 1);
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  forward_action (ATTACHE_BRIEFING_BLOCK_ROW (widget), "editor.delete-block", 0);
}

static void
refresh_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  forward_action (ATTACHE_BRIEFING_BLOCK_ROW (widget), "editor.refresh-block", 0);
}

static void
bold_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  toggle_emphasis (ATTACHE_BRIEFING_BLOCK_ROW (widget), "**");
}

static void
italic_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  toggle_emphasis (ATTACHE_BRIEFING_BLOCK_ROW (widget), "*");
}

static void
update_actions (AttacheBriefingBlockRow *self)
{
  gboolean stored = self->id != 0;
  gboolean table = self->kind == ATTACHE_BLOCK_ACTORS || self->kind == ATTACHE_BLOCK_TOPICS;
  gboolean note = self->kind == ATTACHE_BLOCK_TEXT;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "block.move-up", stored);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "block.move-down", stored);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "block.refresh", stored && table);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "block.bold", note);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "block.italic", note);
}

/* What each kind shows */

static GtkLabel *
new_label (const char *css_class)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);

  return GTK_LABEL (label);
}

static GtkWidget *
new_removed_box (void)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");
  GtkWidget *label = gtk_label_new (_("Removed from the library: the briefing keeps the text as it was quoted"));

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_box_append (GTK_BOX (box), icon);
  gtk_box_append (GTK_BOX (box), label);
  gtk_widget_add_css_class (box, "removed");
  gtk_widget_add_css_class (box, "warning");
  gtk_widget_set_visible (box, FALSE);

  return box;
}

static void
build_note (AttacheBriefingBlockRow *self)
{
  GtkEventController *focus = gtk_event_controller_focus_new ();

  self->text_view = GTK_TEXT_VIEW (gtk_text_view_new ());
  self->buffer = gtk_text_view_get_buffer (self->text_view);
  gtk_text_view_set_wrap_mode (self->text_view, GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_accepts_tab (self->text_view, FALSE);
  gtk_text_view_set_top_margin (self->text_view, 8);
  gtk_text_view_set_bottom_margin (self->text_view, 8);
  gtk_text_view_set_left_margin (self->text_view, 10);
  gtk_text_view_set_right_margin (self->text_view, 10);
  gtk_widget_set_hexpand (GTK_WIDGET (self->text_view), TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->text_view), "note-text");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->text_view),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Note"),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  _("Markdown: **bold**, *italic*, lines starting with - for a list"),
                                  -1);

  attache_markdown_highlight (self->buffer);
  /* The text view can outlive the row (the window's focus holds it): its
   * signals stop with the row. */
  g_signal_connect_object (self->buffer, "changed", G_CALLBACK (on_buffer_changed_cb), self, 0);
  g_signal_connect_object (focus, "leave", G_CALLBACK (on_text_focus_leave_cb), self, 0);
  gtk_widget_add_controller (GTK_WIDGET (self->text_view), focus);

  self->content = GTK_WIDGET (self->text_view);
}

static void
build_quote (AttacheBriefingBlockRow *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);

  self->quote_label = new_label ("quote");
  gtk_label_set_selectable (self->quote_label, TRUE);
  self->source_label = new_label ("source");
  gtk_widget_add_css_class (GTK_WIDGET (self->source_label), "dim-label");
  gtk_label_set_use_markup (self->source_label, TRUE);
  self->removed_box = new_removed_box ();

  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->quote_label));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->source_label));
  gtk_box_append (GTK_BOX (box), self->removed_box);
  self->content = box;
}

static void
build_reference (AttacheBriefingBlockRow *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *text_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);
  GtkWidget *icon = gtk_image_new_from_icon_name ("x-office-document-symbolic");

  gtk_widget_set_valign (icon, GTK_ALIGN_START);
  gtk_widget_add_css_class (icon, "dim-label");
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Article reference"), -1);
  self->title_label = new_label ("reference-title");
  self->source_label = new_label ("source");
  gtk_widget_add_css_class (GTK_WIDGET (self->source_label), "dim-label");
  gtk_label_set_use_markup (self->source_label, TRUE);
  self->removed_box = new_removed_box ();

  gtk_box_append (GTK_BOX (text_box), GTK_WIDGET (self->title_label));
  gtk_box_append (GTK_BOX (text_box), GTK_WIDGET (self->source_label));
  gtk_box_append (GTK_BOX (text_box), self->removed_box);
  gtk_widget_set_hexpand (text_box, TRUE);
  gtk_box_append (GTK_BOX (box), icon);
  gtk_box_append (GTK_BOX (box), text_box);
  self->content = box;
}

static void
build_table (AttacheBriefingBlockRow *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkLabel *heading = new_label ("heading");

  gtk_label_set_text (heading, self->kind == ATTACHE_BLOCK_ACTORS ? _("Key Actors") : _("Topics"));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (heading));
  self->table_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_box_append (GTK_BOX (box), self->table_box);
  self->content = box;
}

/* "Harbour Post · “Quota Deal Reached” · 2 Apr 2024 · harbourpost.example", as markup. */
static char *
dup_source_markup (const AttacheBriefingSource *source,
                   gboolean                     with_title)
{
  g_autoptr(GString) markup = g_string_new (NULL);
  g_autofree char *day = NULL;

  if (source->publisher != NULL)
    g_string_append (markup, source->publisher);

  if (with_title && source->title != NULL)
    {
      if (markup->len > 0)
        g_string_append (markup, " · ");
      /* Translators: an article's title, quoted in a source line */
      g_string_append_printf (markup, _("“%s”"), source->title);
    }

  if (source->published != NULL)
    {
      g_autoptr(GDateTime) date = NULL;
      g_autofree char *iso = g_strconcat (source->published, "T00:00:00Z", NULL);

      date = g_date_time_new_from_iso8601 (iso, NULL);
      /* Translators: a source's day of publication, as in "2 Apr 2024"; see g_date_time_format () */
      day = date != NULL ? g_date_time_format (date, _("%-e %b %Y")) : g_strdup (source->published);
      if (markup->len > 0)
        g_string_append (markup, " · ");
      g_string_append (markup, day);
    }

  {
    g_autofree char *escaped = g_markup_escape_text (markup->str, -1);

    g_string_assign (markup, escaped);
  }

  if (source->url != NULL)
    {
      g_autoptr(GUri) uri = g_uri_parse (source->url, G_URI_FLAGS_NONE, NULL);
      const char *host = uri != NULL ? g_uri_get_host (uri) : NULL;
      g_autofree char *escaped_url = g_markup_escape_text (source->url, -1);
      g_autofree char *escaped_host = g_markup_escape_text (host != NULL ? host : source->url, -1);

      if (markup->len > 0)
        g_string_append (markup, " · ");
      g_string_append_printf (markup, "<a href=\"%s\">%s</a>", escaped_url, escaped_host);
    }

  return g_string_free (g_steal_pointer (&markup), FALSE);
}

static const char *
actor_type_name (const char *type)
{
  AttacheActorType actor_type;

  if (type == NULL || !attache_actor_type_from_string (type, &actor_type))
    return "";

  switch (actor_type)
    {
    case ATTACHE_ACTOR_PERSON:
      return _("Person");
    case ATTACHE_ACTOR_ORGANIZATION:
      return _("Organisation");
    case ATTACHE_ACTOR_COUNTRY:
      return _("Country");
    case ATTACHE_ACTOR_LOCATION:
    default:
      return _("Place");
    }
}

static void
grid_attach_label (GtkGrid    *grid,
                   const char *text,
                   int         column,
                   int         row,
                   gboolean    numeric,
                   gboolean    header)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), numeric ? 1 : 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  if (column == 0)
    gtk_widget_set_hexpand (label, TRUE);
  if (numeric)
    gtk_widget_add_css_class (label, "numeric");
  if (header)
    {
      gtk_widget_add_css_class (label, "caption-heading");
      gtk_widget_add_css_class (label, "dim-label");
    }
  gtk_grid_attach (grid, label, column, row, 1, 1);
}

static void
fill_table (AttacheBriefingBlockRow    *self,
            const AttacheBriefingBlock *block)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (self->table_box)) != NULL)
    gtk_box_remove (GTK_BOX (self->table_box), child);

  if (self->kind == ATTACHE_BLOCK_ACTORS)
    {
      GtkGrid *grid = GTK_GRID (gtk_grid_new ());

      gtk_grid_set_column_spacing (grid, 18);
      gtk_grid_set_row_spacing (grid, 4);
      gtk_widget_add_css_class (GTK_WIDGET (grid), "actors-table");
      grid_attach_label (grid, _("Name"), 0, 0, FALSE, TRUE);
      grid_attach_label (grid, _("Type"), 1, 0, FALSE, TRUE);
      grid_attach_label (grid, _("Articles"), 2, 0, TRUE, TRUE);
      grid_attach_label (grid, _("Mentions"), 3, 0, TRUE, TRUE);

      for (guint i = 0; block->actors != NULL && i < block->actors->len; i++)
        {
          const AttacheBriefingActorRow *row = block->actors->pdata[i];
          g_autofree char *articles = g_strdup_printf ("%u", row->articles);
          g_autofree char *mentions = g_strdup_printf ("%u", row->mentions);

          grid_attach_label (grid, row->name, 0, i + 1, FALSE, FALSE);
          grid_attach_label (grid, actor_type_name (row->type), 1, i + 1, FALSE, FALSE);
          grid_attach_label (grid, articles, 2, i + 1, TRUE, FALSE);
          grid_attach_label (grid, mentions, 3, i + 1, TRUE, FALSE);
        }

      gtk_box_append (GTK_BOX (self->table_box), GTK_WIDGET (grid));
    }
  else
    {
      GtkWidget *flow = gtk_flow_box_new ();

      gtk_flow_box_set_selection_mode (GTK_FLOW_BOX (flow), GTK_SELECTION_NONE);
      gtk_flow_box_set_column_spacing (GTK_FLOW_BOX (flow), 6);
      gtk_flow_box_set_row_spacing (GTK_FLOW_BOX (flow), 6);
      gtk_flow_box_set_max_children_per_line (GTK_FLOW_BOX (flow), 12);
      gtk_widget_set_can_focus (flow, FALSE);

      for (guint i = 0; block->topics != NULL && i < block->topics->len; i++)
        {
          GtkWidget *chip = gtk_label_new (block->topics->pdata[i]);

          gtk_widget_add_css_class (chip, "topic-chip");
          gtk_flow_box_append (GTK_FLOW_BOX (flow), chip);
        }

      gtk_box_append (GTK_BOX (self->table_box), flow);
    }
}

static GMenuModel *
new_menu (AttacheBriefingBlockRow *self)
{
  GMenu *menu = g_menu_new ();
  g_autoptr(GMenu) move = g_menu_new ();
  g_autoptr(GMenu) edit = g_menu_new ();
  g_autoptr(GMenuItem) item = NULL;

  item = g_menu_item_new (_("Move _Up"), "block.move-up");
  g_menu_item_set_attribute (item, "accel", "s", "<Alt>Up");
  g_menu_append_item (move, item);
  g_clear_object (&item);
  item = g_menu_item_new (_("Move _Down"), "block.move-down");
  g_menu_item_set_attribute (item, "accel", "s", "<Alt>Down");
  g_menu_append_item (move, item);
  g_menu_append_section (menu, NULL, G_MENU_MODEL (move));

  if (self->kind == ATTACHE_BLOCK_ACTORS || self->kind == ATTACHE_BLOCK_TOPICS)
    g_menu_append (edit, _("_Refresh from the Articles Cited"), "block.refresh");
  g_menu_append (edit, _("_Delete"), "block.delete");
  g_menu_append_section (menu, NULL, G_MENU_MODEL (edit));

  return G_MENU_MODEL (menu);
}

static void
build (AttacheBriefingBlockRow *self)
{
  g_autoptr(GMenuModel) menu = NULL;
  const char *kind_class = attache_block_kind_to_string (self->kind);

  self->handle = gtk_image_new_from_icon_name ("list-drag-handle-symbolic");
  gtk_widget_set_valign (self->handle, GTK_ALIGN_START);
  gtk_widget_add_css_class (self->handle, "drag-handle");
  gtk_widget_set_cursor_from_name (self->handle, "grab");
  gtk_widget_set_tooltip_text (self->handle, _("Drag to move, or press Alt+Up and Alt+Down"));

  switch (self->kind)
    {
    case ATTACHE_BLOCK_TEXT:
      build_note (self);
      break;
    case ATTACHE_BLOCK_EXCERPT:
      build_quote (self);
      break;
    case ATTACHE_BLOCK_ARTICLE:
      build_reference (self);
      break;
    case ATTACHE_BLOCK_ACTORS:
    case ATTACHE_BLOCK_TOPICS:
    default:
      build_table (self);
      break;
    }
  gtk_widget_set_hexpand (self->content, TRUE);

  menu = new_menu (self);
  self->menu_button = gtk_menu_button_new ();
  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (self->menu_button), "view-more-symbolic");
  gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (self->menu_button), menu);
  gtk_widget_set_valign (self->menu_button, GTK_ALIGN_START);
  gtk_widget_set_tooltip_text (self->menu_button, _("Block Menu"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->menu_button), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Block Menu"), -1);
  gtk_menu_button_set_has_frame (GTK_MENU_BUTTON (self->menu_button), FALSE);
  gtk_widget_add_css_class (self->menu_button, "circular");

  gtk_widget_set_parent (self->handle, GTK_WIDGET (self));
  gtk_widget_set_parent (self->content, GTK_WIDGET (self));
  gtk_widget_set_parent (self->menu_button, GTK_WIDGET (self));

  gtk_widget_add_css_class (GTK_WIDGET (self), kind_class);
  update_actions (self);
}

/* GObject */

static void
attache_briefing_block_row_dispose (GObject *object)
{
  AttacheBriefingBlockRow *self = ATTACHE_BRIEFING_BLOCK_ROW (object);
  GtkWidget *child;

  g_clear_handle_id (&self->save_id, g_source_remove);

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (attache_briefing_block_row_parent_class)->dispose (object);
}

static void
attache_briefing_block_row_class_init (AttacheBriefingBlockRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = attache_briefing_block_row_dispose;

  /**
   * AttacheBriefingBlockRow::save:
   * @text: the note's Markdown, not blank
   *
   * A note changed: the typing paused, or the note lost the focus.
   */
  signals[SIGNAL_SAVE] =
    g_signal_new ("save",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);

  /**
   * AttacheBriefingBlockRow::left-empty:
   *
   * A note lost the focus with nothing in it.
   */
  signals[SIGNAL_LEFT_EMPTY] =
    g_signal_new ("left-empty",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  gtk_widget_class_install_action (widget_class, "block.move-up", NULL, move_up_action);
  gtk_widget_class_install_action (widget_class, "block.move-down", NULL, move_down_action);
  gtk_widget_class_install_action (widget_class, "block.delete", NULL, delete_action);
  gtk_widget_class_install_action (widget_class, "block.refresh", NULL, refresh_action);
  gtk_widget_class_install_action (widget_class, "block.bold", NULL, bold_action);
  gtk_widget_class_install_action (widget_class, "block.italic", NULL, italic_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Up, GDK_ALT_MASK, "block.move-up", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Up, GDK_ALT_MASK, "block.move-up", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Down, GDK_ALT_MASK, "block.move-down", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Down, GDK_ALT_MASK, "block.move-down", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_b, GDK_CONTROL_MASK, "block.bold", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_i, GDK_CONTROL_MASK, "block.italic", NULL);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "briefingblock");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
attache_briefing_block_row_init (AttacheBriefingBlockRow *self)
{
  GtkLayoutManager *layout = gtk_widget_get_layout_manager (GTK_WIDGET (self));

  gtk_box_layout_set_spacing (GTK_BOX_LAYOUT (layout), 6);
  gtk_widget_set_focusable (GTK_WIDGET (self), FALSE);
}

GtkWidget *
attache_briefing_block_row_new (const AttacheBriefingBlock *block)
{
  AttacheBriefingBlockRow *self = g_object_new (ATTACHE_TYPE_BRIEFING_BLOCK_ROW, NULL);

  self->kind = block != NULL ? block->kind : ATTACHE_BLOCK_TEXT;
  self->id = block != NULL ? block->id : 0;
  build (self);

  if (block != NULL)
    attache_briefing_block_row_update (self, block);

  return GTK_WIDGET (self);
}

gint64
attache_briefing_block_row_get_id (AttacheBriefingBlockRow *self)
{
  g_return_val_if_fail (ATTACHE_IS_BRIEFING_BLOCK_ROW (self), 0);

  return self->id;
}

void
attache_briefing_block_row_set_id (AttacheBriefingBlockRow *self,
                                   gint64                   id)
{
  g_return_if_fail (ATTACHE_IS_BRIEFING_BLOCK_ROW (self));

  self->id = id;
  update_actions (self);
}

AttacheBlockKind
attache_briefing_block_row_get_kind (AttacheBriefingBlockRow *self)
{
  g_return_val_if_fail (ATTACHE_IS_BRIEFING_BLOCK_ROW (self), ATTACHE_BLOCK_TEXT);

  return self->kind;
}

void
attache_briefing_block_row_update (AttacheBriefingBlockRow    *self,
                                   const AttacheBriefingBlock *block)
{
  g_return_if_fail (ATTACHE_IS_BRIEFING_BLOCK_ROW (self));
  g_return_if_fail (block != NULL);
  g_return_if_fail (block->kind == self->kind);

  switch (self->kind)
    {
    case ATTACHE_BLOCK_TEXT:
      {
        g_autofree char *shown = attache_briefing_block_row_dup_text (self);

        /* What the person is typing wins over what was stored before it. */
        if (self->save_id != 0 || gtk_widget_has_focus (GTK_WIDGET (self->text_view)) ||
            g_strcmp0 (shown, block->text) == 0)
          break;

        self->setting_text = TRUE;
        gtk_text_buffer_set_text (self->buffer, block->text != NULL ? block->text : "", -1);
        self->setting_text = FALSE;
      }
      break;

    case ATTACHE_BLOCK_EXCERPT:
      {
        g_autofree char *source = dup_source_markup (&block->source, TRUE);

        gtk_label_set_text (self->quote_label, block->text != NULL ? block->text : "");
        gtk_label_set_markup (self->source_label, source);
        gtk_widget_set_visible (GTK_WIDGET (self->source_label), source[0] != '\0');
        gtk_widget_set_visible (self->removed_box, block->source.removed);
      }
      break;

    case ATTACHE_BLOCK_ARTICLE:
      {
        g_autofree char *source = dup_source_markup (&block->source, FALSE);

        gtk_label_set_text (self->title_label,
                            block->source.title != NULL ? block->source.title : _("Untitled Article"));
        gtk_label_set_markup (self->source_label, source);
        gtk_widget_set_visible (GTK_WIDGET (self->source_label), source[0] != '\0');
        gtk_widget_set_visible (self->removed_box, block->source.removed);
      }
      break;

    case ATTACHE_BLOCK_ACTORS:
    case ATTACHE_BLOCK_TOPICS:
    default:
      fill_table (self, block);
      break;
    }
}

char *
attache_briefing_block_row_dup_text (AttacheBriefingBlockRow *self)
{
  GtkTextIter start, end;

  g_return_val_if_fail (ATTACHE_IS_BRIEFING_BLOCK_ROW (self), NULL);

  if (self->buffer == NULL)
    return NULL;

  gtk_text_buffer_get_bounds (self->buffer, &start, &end);
  return gtk_text_buffer_get_text (self->buffer, &start, &end, FALSE);
}

gboolean
attache_briefing_block_row_get_dirty (AttacheBriefingBlockRow *self)
{
  g_return_val_if_fail (ATTACHE_IS_BRIEFING_BLOCK_ROW (self), FALSE);

  return self->save_id != 0;
}

void
attache_briefing_block_row_flush (AttacheBriefingBlockRow *self)
{
  g_return_if_fail (ATTACHE_IS_BRIEFING_BLOCK_ROW (self));

  if (self->save_id != 0)
    emit_save (self);
}

GtkWidget *
attache_briefing_block_row_get_handle (AttacheBriefingBlockRow *self)
{
  g_return_val_if_fail (ATTACHE_IS_BRIEFING_BLOCK_ROW (self), NULL);

  return self->handle;
}

void
attache_briefing_block_row_focus (AttacheBriefingBlockRow *self)
{
  g_return_if_fail (ATTACHE_IS_BRIEFING_BLOCK_ROW (self));

  if (self->text_view != NULL)
    gtk_widget_grab_focus (GTK_WIDGET (self->text_view));
  else
    gtk_widget_grab_focus (self->menu_button);
}

void
attache_briefing_block_row_set_drop_side (AttacheBriefingBlockRow *self,
                                          int                      side)
{
  g_return_if_fail (ATTACHE_IS_BRIEFING_BLOCK_ROW (self));

  if (side < 0)
    gtk_widget_add_css_class (GTK_WIDGET (self), "drop-before");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self), "drop-before");

  if (side > 0)
    gtk_widget_add_css_class (GTK_WIDGET (self), "drop-after");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self), "drop-after");
}
