/* attache-briefing-editor.c: one briefing, edited: title page, summary, sections and blocks
 *
 * There is no Save button. Every edit goes to the library through an
 * AttacheBriefingQueue, one write at a time and in order: typing is saved
 * ATTACHE_BRIEFING_SAVE_DELAY_MS after the last key and when the field loses
 * the focus; moves, additions and deletions at once. Deletions offer Undo in
 * a toast, which puts back what was deleted with the store's restore calls.
 *
 * The widgets follow the library, not the other way round: each write makes
 * the library emit "briefings-changed", the briefing is read again (once the
 * queue has written everything) and the section and block rows are matched
 * to it by id, so a row keeps its widgets, its focus and what is being typed
 * in it. Moves also reorder the rows at once, so that Alt+Up pressed three
 * times moves a block three places without waiting.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "attache-briefing-editor"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "attache-briefing-block-row.h"
#include "attache-briefing-editor.h"
#include "attache-briefing-section-row.h"
#include "attache-briefing-store.h"
#include "attache-database.h"
#include "attache-markdown-highlight.h"
#include "attache-toast-private.h"

struct _AttacheBriefingEditor
{
  GtkWidget              parent_instance;

  /* template children */
  GtkStack              *stack;
  GtkScrolledWindow     *scroller;
  AdwEntryRow           *title_row;
  AdwEntryRow           *subtitle_row;
  AdwEntryRow           *author_row;
  AdwEntryRow           *audience_row;
  AdwEntryRow           *date_row;
  AdwEntryRow           *marking_row;
  AdwComboRow           *status_row;
  GtkPopover            *date_popover;
  GtkCalendar           *date_calendar;
  GtkTextView           *summary_view;
  GtkBox                *sections_box;

  AttacheBriefingQueue  *queue;           /* owned */
  AttacheLibrary        *library;         /* owned */
  gulong                 briefings_changed_id;
  gulong                 articles_changed_id;
  gulong                 queue_busy_id;

  gint64                 id;              /* the briefing edited, 0 for none */
  AttacheBriefing       *briefing;        /* as last read; NULL before */
  GCancellable          *load_cancellable; /* the read under way, or NULL */
  gboolean               reload_pending;  /* read again once the queue is idle */

  guint                  fields_save_id;  /* title page and summary: a save waiting */
  gboolean               setting_fields;  /* the fields follow the library */
  GPtrArray             *field_focus;     /* GtkEventControllerFocus of each field */

  GHashTable            *section_rows;    /* gint64 → AttacheBriefingSectionRow, borrowed */
  GHashTable            *block_rows;      /* gint64 → AttacheBriefingBlockRow, borrowed */
  AttacheBriefingBlockRow *draft;         /* weak: a new note, not stored yet */
  gint64                 focus_section_id; /* to focus once it is shown */
  gint64                 focus_block_id;
  gboolean               focus_title;
  guint                  show_more_id;    /* rows still to make */
};

/* Main-thread time to make new rows in, between two frames. */
#define SHOW_BUDGET_US 6000

G_DEFINE_FINAL_TYPE (AttacheBriefingEditor, attache_briefing_editor, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_BRIEFING,
  PROP_BUSY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void reload (AttacheBriefingEditor *self);
static void setup_block_row (AttacheBriefingEditor *self, AttacheBriefingBlockRow *row);

/* Telling the person */

static void
add_toast (AttacheBriefingEditor *self,
           AdwToast              *toast)
{
  _attache_add_toast (GTK_WIDGET (self), toast);
}

/* Shows "@what: @error" and reads the briefing again, so that what is shown
 * is what is stored. */
static void
edit_failed (AttacheBriefingEditor *self,
             const char            *what,
             const GError          *error)
{
  g_warning ("%s: %s", what, error->message);
  add_toast (self, _attache_error_toast_new (what, error));

  if (self->id != 0)
    reload (self);
}

#define DEFINE_EDIT_CB(name, finish, what)                                         \
  static void                                                                      \
  name (GObject      *object,                                                      \
        GAsyncResult *result,                                                      \
        gpointer      user_data)                                                   \
  {                                                                                \
    g_autoptr(AttacheBriefingEditor) self = user_data;                             \
    g_autoptr(GError) error = NULL;                                                \
                                                                                   \
    if (!finish (ATTACHE_LIBRARY (object), result, &error))                        \
      edit_failed (self, what, error);                                             \
  }

DEFINE_EDIT_CB (update_briefing_cb, attache_library_update_briefing_finish,
                _("Could not save the title page"))
DEFINE_EDIT_CB (rename_section_cb, attache_library_rename_briefing_section_finish,
                _("Could not rename the section"))
DEFINE_EDIT_CB (move_section_cb, attache_library_move_briefing_section_finish,
                _("Could not move the section"))
DEFINE_EDIT_CB (restore_section_cb, attache_library_restore_briefing_section_finish,
                _("Could not put the section back"))
DEFINE_EDIT_CB (set_text_cb, attache_library_edit_briefing_block_finish,
                _("Could not save the note"))
DEFINE_EDIT_CB (move_block_cb, attache_library_edit_briefing_block_finish,
                _("Could not move the block"))
DEFINE_EDIT_CB (delete_block_cb, attache_library_edit_briefing_block_finish,
                _("Could not delete the block"))
DEFINE_EDIT_CB (restore_block_cb, attache_library_edit_briefing_block_finish,
                _("Could not put the block back"))
DEFINE_EDIT_CB (refresh_block_cb, attache_library_edit_briefing_block_finish,
                _("Could not refresh the table"))

/* Small helpers */

/* Replaces *@text with a copy of @value. */
static void
replace_text (char       **text,
              const char  *value)
{
  char *copy = g_strdup (value);

  g_free (*text);
  *text = copy;
}

static gboolean
is_blank (const char *text)
{
  for (const char *p = text; p != NULL && *p != '\0'; p = g_utf8_next_char (p))
    if (!g_unichar_isspace (g_utf8_get_char (p)))
      return FALSE;

  return TRUE;
}

/* YYYY-MM-DD, a day that exists. */
static gboolean
is_valid_day (const char *text)
{
  unsigned year, month, day;
  char end;

  if (strlen (text) != 10 || text[4] != '-' || text[7] != '-')
    return FALSE;
  for (guint i = 0; i < 10; i++)
    if (i != 4 && i != 7 && !g_ascii_isdigit (text[i]))
      return FALSE;
  if (sscanf (text, "%4u-%2u-%2u%c", &year, &month, &day, &end) != 3)
    return FALSE;

  return g_date_valid_dmy (day, month, year);
}

static char *
dup_stripped (GtkEditable *editable)
{
  char *text = g_strstrip (g_strdup (gtk_editable_get_text (editable)));

  if (*text == '\0')
    g_clear_pointer (&text, g_free);
  return text;
}

static char *
dup_summary_text (AttacheBriefingEditor *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->summary_view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static void
set_busy_changed (AttacheBriefingEditor *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

static AttacheBriefingSectionRow *
find_section_row (AttacheBriefingEditor *self,
                  gint64                 id)
{
  return g_hash_table_lookup (self->section_rows, &id);
}

static AttacheBriefingBlockRow *
find_block_row (AttacheBriefingEditor *self,
                gint64                 id)
{
  return g_hash_table_lookup (self->block_rows, &id);
}

static AttacheBriefingSectionRow *
get_block_section (AttacheBriefingBlockRow *row)
{
  return ATTACHE_BRIEFING_SECTION_ROW (gtk_widget_get_ancestor (GTK_WIDGET (row),
                                                                ATTACHE_TYPE_BRIEFING_SECTION_ROW));
}

/* The position of @child among the stored rows of its box (a new note last
 * is not counted); G_MAXUINT when it is not there. */
static guint
get_position (GtkWidget *child)
{
  GtkWidget *parent = gtk_widget_get_parent (child);
  guint position = 0;

  if (parent == NULL)
    return G_MAXUINT;

  for (GtkWidget *sibling = gtk_widget_get_first_child (parent);
       sibling != NULL;
       sibling = gtk_widget_get_next_sibling (sibling))
    {
      if (sibling == child)
        return position;
      if (!ATTACHE_IS_BRIEFING_BLOCK_ROW (sibling) ||
          attache_briefing_block_row_get_id (ATTACHE_BRIEFING_BLOCK_ROW (sibling)) != 0)
        position++;
    }

  return G_MAXUINT;
}

static guint
count_stored (GtkWidget *box)
{
  guint n = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (box);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (!ATTACHE_IS_BRIEFING_BLOCK_ROW (child) ||
        attache_briefing_block_row_get_id (ATTACHE_BRIEFING_BLOCK_ROW (child)) != 0)
      n++;

  return n;
}

static gboolean
contains_focus (GtkWidget *widget)
{
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

  return focus != NULL && (focus == widget || gtk_widget_is_ancestor (focus, widget));
}

/* Puts @row at @position among the stored rows of @box (moving it from
 * another box if need be), keeping the focus in it. */
static void
place_row (GtkBox    *box,
           GtkWidget *row,
           guint      position)
{
  gboolean focused = contains_focus (row);
  GtkWidget *old_box = gtk_widget_get_parent (row);
  GtkWidget *before = NULL;

  /* The row it goes after: the (position - 1)-th stored row other than itself. */
  if (position > 0)
    {
      guint seen = 0;

      for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (box));
           child != NULL;
           child = gtk_widget_get_next_sibling (child))
        {
          if (child == row ||
              (ATTACHE_IS_BRIEFING_BLOCK_ROW (child) &&
               attache_briefing_block_row_get_id (ATTACHE_BRIEFING_BLOCK_ROW (child)) == 0))
            continue;
          before = child;
          if (++seen == position)
            break;
        }
    }

  if (old_box == GTK_WIDGET (box))
    {
      gtk_box_reorder_child_after (box, row, before);
      return;
    }

  g_object_ref (row);
  if (old_box != NULL)
    gtk_box_remove (GTK_BOX (old_box), row);
  gtk_box_insert_child_after (box, row, before);
  g_object_unref (row);

  if (focused)
    {
      if (ATTACHE_IS_BRIEFING_BLOCK_ROW (row))
        attache_briefing_block_row_focus (ATTACHE_BRIEFING_BLOCK_ROW (row));
      else
        gtk_widget_grab_focus (row);
    }
}

static void
update_placeholders (AttacheBriefingEditor *self)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->sections_box));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    attache_briefing_section_row_update_placeholder (ATTACHE_BRIEFING_SECTION_ROW (child));
}

/* The title page and the summary */

static gboolean
field_has_focus (AttacheBriefingEditor *self,
                 GtkWidget             *field)
{
  for (guint i = 0; i < self->field_focus->len; i++)
    {
      GtkEventController *controller = self->field_focus->pdata[i];

      if (gtk_event_controller_get_widget (controller) == field)
        return gtk_event_controller_focus_contains_focus (GTK_EVENT_CONTROLLER_FOCUS (controller));
    }

  return FALSE;
}

static void
save_fields (AttacheBriefingEditor *self)
{
  g_autoptr(AttacheBriefing) fields = NULL;
  g_autofree char *title = NULL;
  g_autofree char *date = NULL;

  g_clear_handle_id (&self->fields_save_id, g_source_remove);

  if (self->id == 0 || self->queue == NULL)
    return;

  /* A day being typed, or mistyped, keeps the one stored. */
  date = dup_stripped (GTK_EDITABLE (self->date_row));
  if (date != NULL && !is_valid_day (date))
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->date_row), "error");
      g_clear_pointer (&date, g_free);
      date = g_strdup (self->briefing != NULL ? self->briefing->date : NULL);
    }
  else
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->date_row), "error");
    }

  /* A briefing needs a title: with a blank one nothing is saved (the title
   * comes back when the field is left). */
  title = dup_stripped (GTK_EDITABLE (self->title_row));
  if (title == NULL)
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->title_row), "error");
      return;
    }
  gtk_widget_remove_css_class (GTK_WIDGET (self->title_row), "error");

  fields = attache_briefing_new (title);
  fields->id = self->id;
  fields->subtitle = dup_stripped (GTK_EDITABLE (self->subtitle_row));
  fields->author = dup_stripped (GTK_EDITABLE (self->author_row));
  fields->audience = dup_stripped (GTK_EDITABLE (self->audience_row));
  fields->marking = dup_stripped (GTK_EDITABLE (self->marking_row));
  fields->date = g_steal_pointer (&date);
  fields->status = adw_combo_row_get_selected (self->status_row) == 1 ? ATTACHE_BRIEFING_FINAL
                                                                       : ATTACHE_BRIEFING_DRAFT;
  fields->summary = dup_summary_text (self);
  if (is_blank (fields->summary))
    g_clear_pointer (&fields->summary, g_free);

  attache_briefing_queue_update_briefing (self->queue, fields, update_briefing_cb, g_object_ref (self));
}

static gboolean
on_fields_save_timeout_cb (gpointer user_data)
{
  AttacheBriefingEditor *self = user_data;

  self->fields_save_id = 0;
  save_fields (self);
  return G_SOURCE_REMOVE;
}

static void
schedule_fields_save (AttacheBriefingEditor *self)
{
  if (self->setting_fields || self->id == 0)
    return;

  g_clear_handle_id (&self->fields_save_id, g_source_remove);
  self->fields_save_id = g_timeout_add (ATTACHE_BRIEFING_SAVE_DELAY_MS, on_fields_save_timeout_cb, self);
}

static void
on_field_changed_cb (GtkEditable           *editable,
                     AttacheBriefingEditor *self)
{
  schedule_fields_save (self);
}

static void
on_summary_changed_cb (GtkTextBuffer         *buffer,
                       AttacheBriefingEditor *self)
{
  schedule_fields_save (self);
}

static void
on_status_row_notify_selected_cb (AdwComboRow           *row,
                                  GParamSpec            *pspec,
                                  AttacheBriefingEditor *self)
{
  if (self->setting_fields || self->id == 0)
    return;

  save_fields (self);
}

static void
on_field_focus_leave_cb (GtkEventControllerFocus *controller,
                         AttacheBriefingEditor   *self)
{
  GtkWidget *field = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (controller));

  if (self->fields_save_id != 0)
    save_fields (self);

  /* A blank title is not kept: the stored one comes back. */
  if (field == GTK_WIDGET (self->title_row) && self->briefing != NULL)
    {
      g_autofree char *title = dup_stripped (GTK_EDITABLE (self->title_row));

      if (title == NULL)
        {
          self->setting_fields = TRUE;
          gtk_editable_set_text (GTK_EDITABLE (self->title_row), self->briefing->title);
          self->setting_fields = FALSE;
          gtk_widget_remove_css_class (GTK_WIDGET (self->title_row), "error");
        }
    }
}

static void
on_date_popover_show_cb (GtkPopover            *popover,
                         AttacheBriefingEditor *self)
{
  g_autofree char *date = dup_stripped (GTK_EDITABLE (self->date_row));
  g_autoptr(GDateTime) day = NULL;

  if (date != NULL && is_valid_day (date))
    {
      g_autofree char *iso = g_strconcat (date, "T12:00:00Z", NULL);

      day = g_date_time_new_from_iso8601 (iso, NULL);
    }
  if (day == NULL)
    day = g_date_time_new_now_local ();

  gtk_calendar_select_day (self->date_calendar, day);
}

static void
on_date_calendar_day_selected_cb (GtkCalendar           *calendar,
                                  AttacheBriefingEditor *self)
{
  g_autoptr(GDateTime) day = gtk_calendar_get_date (calendar);
  g_autofree char *text = g_date_time_format (day, "%Y-%m-%d");

  gtk_editable_set_text (GTK_EDITABLE (self->date_row), text);
  gtk_popover_popdown (self->date_popover);
  save_fields (self);
}

static void
set_entry_text (AttacheBriefingEditor *self,
                AdwEntryRow           *row,
                const char            *text)
{
  if (field_has_focus (self, GTK_WIDGET (row)) ||
      g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (row)), text != NULL ? text : "") == 0)
    return;

  gtk_editable_set_text (GTK_EDITABLE (row), text != NULL ? text : "");
}

/* Shows the stored title page and summary, but not over what is being typed. */
static void
show_fields (AttacheBriefingEditor *self)
{
  const AttacheBriefing *briefing = self->briefing;

  if (self->fields_save_id != 0)
    return;

  self->setting_fields = TRUE;

  set_entry_text (self, self->title_row, briefing->title);
  set_entry_text (self, self->subtitle_row, briefing->subtitle);
  set_entry_text (self, self->author_row, briefing->author);
  set_entry_text (self, self->audience_row, briefing->audience);
  set_entry_text (self, self->marking_row, briefing->marking);
  if (!gtk_widget_has_css_class (GTK_WIDGET (self->date_row), "error"))
    set_entry_text (self, self->date_row, briefing->date);
  adw_combo_row_set_selected (self->status_row, briefing->status == ATTACHE_BRIEFING_FINAL ? 1 : 0);

  if (!field_has_focus (self, GTK_WIDGET (self->summary_view)))
    {
      g_autofree char *shown = dup_summary_text (self);

      if (g_strcmp0 (shown, briefing->summary != NULL ? briefing->summary : "") != 0)
        gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->summary_view),
                                  briefing->summary != NULL ? briefing->summary : "", -1);
    }

  self->setting_fields = FALSE;
}

/* Sections */

static void
on_section_rename_cb (AttacheBriefingSectionRow *row,
                      const char                *heading,
                      AttacheBriefingEditor     *self)
{
  gint64 id = attache_briefing_section_row_get_id (row);
  const AttacheBriefingSection *stored = NULL;

  for (guint i = 0; self->briefing != NULL && i < self->briefing->sections->len; i++)
    if (((AttacheBriefingSection *) self->briefing->sections->pdata[i])->id == id)
      stored = self->briefing->sections->pdata[i];

  /* Blanks around a heading are not stored: no write for them alone. */
  if (stored != NULL)
    {
      g_autofree char *stripped = g_strstrip (g_strdup (heading));

      if (g_strcmp0 (stripped, stored->heading != NULL ? stored->heading : "") == 0)
        return;
    }

  attache_briefing_queue_rename_section (self->queue, id, heading, rename_section_cb, g_object_ref (self));
}

/* Moving with the pointer: a row dragged by its handle carries itself. */

static GdkContentProvider *
on_handle_drag_prepare_cb (GtkDragSource *source,
                           double         x,
                           double         y,
                           GtkWidget     *row)
{
  GType type = G_OBJECT_TYPE (row);

  if (ATTACHE_IS_BRIEFING_BLOCK_ROW (row) &&
      attache_briefing_block_row_get_id (ATTACHE_BRIEFING_BLOCK_ROW (row)) == 0)
    return NULL;

  return gdk_content_provider_new_typed (type, row);
}

static void
on_handle_drag_begin_cb (GtkDragSource *source,
                         GdkDrag       *drag,
                         GtkWidget     *row)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (row);

  gtk_drag_source_set_icon (source, paintable, 24, 16);
  gtk_widget_add_css_class (row, "dragged");
}

static void
on_handle_drag_end_cb (GtkDragSource *source,
                       GdkDrag       *drag,
                       gboolean       delete_data,
                       GtkWidget     *row)
{
  gtk_widget_remove_css_class (row, "dragged");
}

static void
add_drag_source (GtkWidget *handle,
                 GtkWidget *row)
{
  GtkDragSource *source = gtk_drag_source_new ();

  gtk_drag_source_set_actions (source, GDK_ACTION_MOVE);
  g_signal_connect (source, "prepare", G_CALLBACK (on_handle_drag_prepare_cb), row);
  g_signal_connect (source, "drag-begin", G_CALLBACK (on_handle_drag_begin_cb), row);
  g_signal_connect (source, "drag-end", G_CALLBACK (on_handle_drag_end_cb), row);
  gtk_widget_add_controller (handle, GTK_EVENT_CONTROLLER (source));
}

static void
set_drop_side (GtkWidget *row,
               int        side)
{
  if (ATTACHE_IS_BRIEFING_BLOCK_ROW (row))
    attache_briefing_block_row_set_drop_side (ATTACHE_BRIEFING_BLOCK_ROW (row), side);
  else
    attache_briefing_section_row_set_drop_side (ATTACHE_BRIEFING_SECTION_ROW (row), side);
}

static int
drop_side (GtkWidget *row,
           double     y)
{
  return y < gtk_widget_get_height (row) / 2.0 ? -1 : 1;
}

static void move_block_to   (AttacheBriefingEditor     *self,
                             AttacheBriefingBlockRow   *row,
                             AttacheBriefingSectionRow *section,
                             guint                      position);
static void move_section_to (AttacheBriefingEditor     *self,
                             AttacheBriefingSectionRow *row,
                             guint                      position);

static GdkDragAction
on_row_drop_motion_cb (GtkDropTarget *target,
                       double         x,
                       double         y,
                       gpointer       user_data)
{
  GtkWidget *row = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (target));
  const GValue *value = gtk_drop_target_get_value (target);
  GObject *dragged = value != NULL && G_VALUE_HOLDS_OBJECT (value) ? g_value_get_object (value) : NULL;

  /* A block over a section: it goes at the end of the section. */
  if (ATTACHE_IS_BRIEFING_SECTION_ROW (row) && ATTACHE_IS_BRIEFING_BLOCK_ROW (dragged))
    return GDK_ACTION_MOVE;

  if (dragged == G_OBJECT (row))
    {
      set_drop_side (row, 0);
      return GDK_ACTION_MOVE;
    }

  set_drop_side (row, drop_side (row, y));
  return GDK_ACTION_MOVE;
}

static void
on_row_drop_leave_cb (GtkDropTarget *target,
                      gpointer       user_data)
{
  set_drop_side (gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (target)), 0);
}

static gboolean
on_row_drop_cb (GtkDropTarget         *target,
                const GValue          *value,
                double                 x,
                double                 y,
                AttacheBriefingEditor *self)
{
  GtkWidget *row = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (target));
  GObject *dragged = G_VALUE_HOLDS_OBJECT (value) ? g_value_get_object (value) : NULL;
  int side = drop_side (row, y);

  set_drop_side (row, 0);

  /* Only rows of this editor. */
  if (dragged == NULL || dragged == G_OBJECT (row) ||
      !gtk_widget_is_ancestor (GTK_WIDGET (dragged), GTK_WIDGET (self)))
    return FALSE;

  if (ATTACHE_IS_BRIEFING_BLOCK_ROW (dragged))
    {
      AttacheBriefingBlockRow *block = ATTACHE_BRIEFING_BLOCK_ROW (dragged);

      if (ATTACHE_IS_BRIEFING_SECTION_ROW (row))
        {
          AttacheBriefingSectionRow *section = ATTACHE_BRIEFING_SECTION_ROW (row);
          GtkWidget *blocks = GTK_WIDGET (attache_briefing_section_row_get_blocks (section));
          guint n = count_stored (blocks);

          /* It is counted when it is in this section already. */
          if (gtk_widget_get_parent (GTK_WIDGET (block)) == blocks)
            n--;
          move_block_to (self, block, section, n);
        }
      else
        {
          AttacheBriefingSectionRow *section = get_block_section (ATTACHE_BRIEFING_BLOCK_ROW (row));
          guint position = get_position (row);
          guint from = get_position (GTK_WIDGET (block));
          gboolean same = get_block_section (block) == section;

          if (position == G_MAXUINT)
            return FALSE;
          if (side > 0)
            position++;
          /* Taking it out first moves the rows after it up one. */
          if (same && from < position)
            position--;
          move_block_to (self, block, section, position);
        }
      return TRUE;
    }

  if (ATTACHE_IS_BRIEFING_SECTION_ROW (dragged) && ATTACHE_IS_BRIEFING_SECTION_ROW (row))
    {
      guint position = get_position (row);
      guint from = get_position (GTK_WIDGET (dragged));

      if (side > 0)
        position++;
      if (from < position)
        position--;
      move_section_to (self, ATTACHE_BRIEFING_SECTION_ROW (dragged), position);
      return TRUE;
    }

  return FALSE;
}

static void
add_drop_target (AttacheBriefingEditor *self,
                 GtkWidget             *row)
{
  GtkDropTarget *target = gtk_drop_target_new (G_TYPE_INVALID, GDK_ACTION_MOVE);
  GType types[2];
  guint n_types = 0;

  types[n_types++] = ATTACHE_TYPE_BRIEFING_BLOCK_ROW;
  if (ATTACHE_IS_BRIEFING_SECTION_ROW (row))
    types[n_types++] = ATTACHE_TYPE_BRIEFING_SECTION_ROW;

  gtk_drop_target_set_gtypes (target, types, n_types);
  gtk_drop_target_set_preload (target, TRUE);
  g_signal_connect (target, "motion", G_CALLBACK (on_row_drop_motion_cb), NULL);
  g_signal_connect (target, "enter", G_CALLBACK (on_row_drop_motion_cb), NULL);
  g_signal_connect (target, "leave", G_CALLBACK (on_row_drop_leave_cb), NULL);
  g_signal_connect (target, "drop", G_CALLBACK (on_row_drop_cb), self);
  gtk_widget_add_controller (row, GTK_EVENT_CONTROLLER (target));
}

static AttacheBriefingSectionRow *
new_section_row (AttacheBriefingEditor *self,
                 gint64                 id)
{
  GtkWidget *row = attache_briefing_section_row_new (id);

  g_signal_connect (row, "rename", G_CALLBACK (on_section_rename_cb), self);
  add_drag_source (attache_briefing_section_row_get_handle (ATTACHE_BRIEFING_SECTION_ROW (row)), row);
  add_drop_target (self, row);
  g_hash_table_insert (self->section_rows, g_memdup2 (&id, sizeof id), row);

  return ATTACHE_BRIEFING_SECTION_ROW (row);
}

/* Takes the section's row away, and its blocks' from the table. */
static void
remove_section_row (AttacheBriefingEditor     *self,
                    AttacheBriefingSectionRow *row)
{
  GtkWidget *blocks = GTK_WIDGET (attache_briefing_section_row_get_blocks (row));
  gint64 id = attache_briefing_section_row_get_id (row);

  for (GtkWidget *child = gtk_widget_get_first_child (blocks);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      gint64 block_id = attache_briefing_block_row_get_id (ATTACHE_BRIEFING_BLOCK_ROW (child));

      if (block_id != 0)
        g_hash_table_remove (self->block_rows, &block_id);
    }

  g_hash_table_remove (self->section_rows, &id);
  gtk_box_remove (self->sections_box, GTK_WIDGET (row));
}

/* Blocks */

static AttacheBriefingBlockRow *
new_block_row (AttacheBriefingEditor      *self,
               const AttacheBriefingBlock *block)
{
  AttacheBriefingBlockRow *row = ATTACHE_BRIEFING_BLOCK_ROW (attache_briefing_block_row_new (block));

  setup_block_row (self, row);
  if (block != NULL)
    g_hash_table_insert (self->block_rows, g_memdup2 (&block->id, sizeof block->id), row);

  return row;
}

static void
remove_block_row (AttacheBriefingEditor   *self,
                  AttacheBriefingBlockRow *row)
{
  AttacheBriefingSectionRow *section = get_block_section (row);
  gint64 id = attache_briefing_block_row_get_id (row);

  if (id != 0)
    g_hash_table_remove (self->block_rows, &id);
  gtk_box_remove (attache_briefing_section_row_get_blocks (section), GTK_WIDGET (row));
  attache_briefing_section_row_update_placeholder (section);
}

/* Showing what is stored */

static void show_focus_wanted (AttacheBriefingEditor *self);
static void show_sections (AttacheBriefingEditor *self);

/* A frame was drawn since the last rows were made: more of them. */
static gboolean
on_show_more_tick_cb (GtkWidget     *widget,
                      GdkFrameClock *frame_clock,
                      gpointer       user_data)
{
  AttacheBriefingEditor *self = ATTACHE_BRIEFING_EDITOR (widget);

  self->show_more_id = 0;
  if (self->briefing != NULL)
    {
      show_sections (self);
      show_focus_wanted (self);
    }
  return G_SOURCE_REMOVE;
}

/* Matches the rows to self->briefing: rows are kept by id, moved, updated,
 * created and removed. New rows are made SHOW_BUDGET_US a frame: a long
 * briefing opens without freezing the window. */
static void
show_sections (AttacheBriefingEditor *self)
{
  g_autoptr(GHashTable) seen_sections = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GHashTable) seen_blocks = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GPtrArray) gone = g_ptr_array_new ();
  gint64 deadline = g_get_monotonic_time () + SHOW_BUDGET_US;
  gboolean complete = TRUE;
  GHashTableIter iter;
  gpointer value;

  if (self->show_more_id != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->show_more_id);
  self->show_more_id = 0;

  for (guint i = 0; i < self->briefing->sections->len && complete; i++)
    {
      AttacheBriefingSection *section = self->briefing->sections->pdata[i];
      AttacheBriefingSectionRow *row = find_section_row (self, section->id);
      GtkBox *blocks;

      if (row == NULL)
        row = new_section_row (self, section->id);
      place_row (self->sections_box, GTK_WIDGET (row), i);
      attache_briefing_section_row_set_heading (row, section->heading);
      g_hash_table_add (seen_sections, &section->id);

      blocks = attache_briefing_section_row_get_blocks (row);
      for (guint j = 0; j < section->blocks->len; j++)
        {
          AttacheBriefingBlock *block = section->blocks->pdata[j];
          AttacheBriefingBlockRow *block_row = find_block_row (self, block->id);

          if (block_row != NULL && attache_briefing_block_row_get_kind (block_row) != block->kind)
            {
              remove_block_row (self, block_row);
              block_row = NULL;
            }
          if (block_row == NULL && g_get_monotonic_time () > deadline)
            {
              complete = FALSE;
              break;
            }
          if (block_row == NULL)
            block_row = new_block_row (self, block);
          else
            attache_briefing_block_row_update (block_row, block);

          place_row (blocks, GTK_WIDGET (block_row), j);
          g_hash_table_add (seen_blocks, &block->id);
        }

      /* A new note stays last in its section. */
      if (self->draft != NULL && gtk_widget_get_parent (GTK_WIDGET (self->draft)) == GTK_WIDGET (blocks))
        gtk_box_reorder_child_after (blocks, GTK_WIDGET (self->draft),
                                     gtk_widget_get_last_child (GTK_WIDGET (blocks)) != GTK_WIDGET (self->draft) ?
                                     gtk_widget_get_last_child (GTK_WIDGET (blocks)) : NULL);
    }

  /* The rest after a frame; rows are taken away only once all are seen. */
  if (!complete)
    {
      self->show_more_id = gtk_widget_add_tick_callback (GTK_WIDGET (self), on_show_more_tick_cb, NULL, NULL);
      update_placeholders (self);
      return;
    }

  /* Blocks that are gone (deleted elsewhere, or with their section). */
  g_hash_table_iter_init (&iter, self->block_rows);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      gint64 id = attache_briefing_block_row_get_id (value);

      if (!g_hash_table_contains (seen_blocks, &id))
        g_ptr_array_add (gone, value);
    }
  for (guint i = 0; i < gone->len; i++)
    remove_block_row (self, gone->pdata[i]);

  g_ptr_array_set_size (gone, 0);
  g_hash_table_iter_init (&iter, self->section_rows);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      gint64 id = attache_briefing_section_row_get_id (value);

      if (!g_hash_table_contains (seen_sections, &id))
        g_ptr_array_add (gone, value);
    }
  for (guint i = 0; i < gone->len; i++)
    remove_section_row (self, gone->pdata[i]);

  update_placeholders (self);
}

static void
show_focus_wanted (AttacheBriefingEditor *self)
{
  if (self->focus_title && self->briefing != NULL)
    {
      self->focus_title = FALSE;
      gtk_widget_grab_focus (GTK_WIDGET (self->title_row));
      gtk_editable_select_region (GTK_EDITABLE (self->title_row), 0, -1);
    }

  if (self->focus_section_id != 0)
    {
      AttacheBriefingSectionRow *row = find_section_row (self, self->focus_section_id);

      if (row != NULL)
        {
          attache_briefing_section_row_focus (row);
          self->focus_section_id = 0;
        }
    }

  if (self->focus_block_id != 0)
    {
      AttacheBriefingBlockRow *row = find_block_row (self, self->focus_block_id);

      if (row != NULL)
        {
          attache_briefing_block_row_focus (row);
          self->focus_block_id = 0;
        }
    }
}

static void
clear_rows (AttacheBriefingEditor *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->sections_box))) != NULL)
    remove_section_row (self, ATTACHE_BRIEFING_SECTION_ROW (child));

  g_hash_table_remove_all (self->section_rows);
  g_hash_table_remove_all (self->block_rows);
}

/* Reading the briefing */

static void
load_briefing_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(AttacheBriefingEditor) self = user_data;
  g_autoptr(AttacheBriefing) briefing = NULL;
  g_autoptr(GError) error = NULL;

  briefing = attache_library_load_briefing_finish (ATTACHE_LIBRARY (object), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  g_clear_object (&self->load_cancellable);

  /* Written to meanwhile: what was read may be older than what is shown. */
  if (self->reload_pending || (self->queue != NULL && attache_briefing_queue_get_busy (self->queue)))
    {
      self->reload_pending = TRUE;
      if (!attache_briefing_queue_get_busy (self->queue))
        reload (self);
      else
        set_busy_changed (self);
      return;
    }

  if (briefing == NULL)
    {
      /* Deleted: the view chooses another one. */
      if (!g_error_matches (error, ATTACHE_DATABASE_ERROR, ATTACHE_DATABASE_ERROR_NOT_FOUND))
        edit_failed (self, _("Could not read the briefing"), error);
      set_busy_changed (self);
      return;
    }

  if (briefing->id != self->id)
    return;

  g_clear_pointer (&self->briefing, attache_briefing_free);
  self->briefing = g_steal_pointer (&briefing);

  show_fields (self);
  show_sections (self);
  gtk_stack_set_visible_child_name (self->stack, "editor");
  show_focus_wanted (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BRIEFING]);
  set_busy_changed (self);
}

static void
reload (AttacheBriefingEditor *self)
{
  if (self->id == 0 || self->library == NULL)
    return;

  /* After the writes waiting: see on_queue_notify_busy_cb (). */
  if (attache_briefing_queue_get_busy (self->queue))
    {
      self->reload_pending = TRUE;
      return;
    }

  self->reload_pending = FALSE;
  if (self->load_cancellable != NULL)
    g_cancellable_cancel (self->load_cancellable);
  g_clear_object (&self->load_cancellable);
  self->load_cancellable = g_cancellable_new ();

  attache_library_load_briefing_async (self->library, self->id, self->load_cancellable,
                                       load_briefing_cb, g_object_ref (self));
  set_busy_changed (self);
}

static void
on_library_briefings_changed_cb (AttacheLibrary        *library,
                                 gint64                 briefing_id,
                                 AttacheBriefingEditor *self)
{
  if (briefing_id == self->id && self->id != 0)
    reload (self);
}

/* An article deleted (or put back): a source the briefing cites may be
 * removed from the library now, which the excerpt says. */
static void
on_library_articles_changed_cb (AttacheLibrary        *library,
                                AttacheBriefingEditor *self)
{
  if (self->id != 0 && self->briefing != NULL)
    for (guint i = 0; i < self->briefing->sections->len; i++)
      {
        AttacheBriefingSection *section = self->briefing->sections->pdata[i];

        for (guint j = 0; j < section->blocks->len; j++)
          if (((AttacheBriefingBlock *) section->blocks->pdata[j])->source.article_id != 0)
            {
              reload (self);
              return;
            }
      }
}

static void
on_queue_notify_busy_cb (AttacheBriefingQueue  *queue,
                         GParamSpec            *pspec,
                         AttacheBriefingEditor *self)
{
  if (!attache_briefing_queue_get_busy (queue) && self->reload_pending)
    reload (self);

  set_busy_changed (self);
}

/* Notes */

typedef struct
{
  AttacheBriefingEditor   *self;
  AttacheBriefingBlockRow *row;    /* weak */
  char                    *text;   /* as added */
} AddNoteData;

static void
add_note_data_free (AddNoteData *data)
{
  g_clear_weak_pointer (&data->row);
  g_clear_object (&data->self);
  g_free (data->text);
  g_free (data);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AddNoteData, add_note_data_free)

static void
add_note_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(AddNoteData) data = user_data;
  AttacheBriefingEditor *self = data->self;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  gint64 id;

  id = attache_library_add_briefing_block_finish (ATTACHE_LIBRARY (object), result, &error);
  if (data->row != NULL)
    g_object_set_data (G_OBJECT (data->row), "attache-adding", NULL);

  if (id == 0)
    {
      edit_failed (self, _("Could not save the note"), error);
      return;
    }

  /* The row is gone (its section was deleted meanwhile): the reading
   * again shows the note where it is now. */
  if (data->row == NULL)
    return;

  attache_briefing_block_row_set_id (data->row, id);
  g_hash_table_insert (self->block_rows, g_memdup2 (&id, sizeof id), data->row);
  if (self->draft == data->row)
    g_clear_weak_pointer (&self->draft);

  /* Typed on while it was being added. */
  text = attache_briefing_block_row_dup_text (data->row);
  if (!is_blank (text) && g_strcmp0 (text, data->text) != 0 &&
      !attache_briefing_block_row_get_dirty (data->row))
    attache_briefing_queue_set_text (self->queue, id, text, set_text_cb, g_object_ref (self));
}

static void
on_block_save_cb (AttacheBriefingBlockRow *row,
                  const char              *text,
                  AttacheBriefingEditor   *self)
{
  gint64 id = attache_briefing_block_row_get_id (row);

  if (self->queue == NULL)
    return;

  if (id != 0)
    {
      attache_briefing_queue_set_text (self->queue, id, text, set_text_cb, g_object_ref (self));
      return;
    }

  /* A new note: stored once there is something in it, at the end of its
   * section, where it is shown. */
  if (g_object_get_data (G_OBJECT (row), "attache-adding") == NULL)
    {
      AttacheBriefingSectionRow *section = get_block_section (row);
      AttacheBriefingPlace place = { 0, };
      AddNoteData *data;

      if (section == NULL)
        return;

      place.section_id = attache_briefing_section_row_get_id (section);
      place.position = G_MAXUINT;

      data = g_new0 (AddNoteData, 1);
      data->self = g_object_ref (self);
      g_set_weak_pointer (&data->row, row);
      data->text = g_strdup (text);
      g_object_set_data (G_OBJECT (row), "attache-adding", GINT_TO_POINTER (TRUE));

      attache_briefing_queue_add_text (self->queue, &place, text, add_note_cb, data);
    }
}

static void delete_block (AttacheBriefingEditor *self, AttacheBriefingBlockRow *row);

typedef struct
{
  AttacheBriefingEditor   *self;
  AttacheBriefingBlockRow *row;
} LeftEmptyData;

static void
left_empty_data_free (LeftEmptyData *data)
{
  g_clear_object (&data->self);
  g_clear_object (&data->row);
  g_free (data);
}

static gboolean
delete_empty_note_cb (gpointer user_data)
{
  LeftEmptyData *data = user_data;
  g_autofree char *text = attache_briefing_block_row_dup_text (data->row);

  /* Still there, still empty, and not given the focus again. */
  if (data->self->queue != NULL && get_block_section (data->row) != NULL && is_blank (text) &&
      !contains_focus (GTK_WIDGET (data->row)) &&
      g_object_get_data (G_OBJECT (data->row), "attache-adding") == NULL)
    delete_block (data->self, data->row);

  return G_SOURCE_REMOVE;
}

static void
on_block_left_empty_cb (AttacheBriefingBlockRow *row,
                        AttacheBriefingEditor   *self)
{
  LeftEmptyData *data;

  /* The library keeps no blank note: it is deleted (with Undo for one that
   * was stored). Later, not under the focus change under way. */
  data = g_new0 (LeftEmptyData, 1);
  data->self = g_object_ref (self);
  data->row = g_object_ref (row);
  g_idle_add_full (G_PRIORITY_DEFAULT, delete_empty_note_cb, data, (GDestroyNotify) left_empty_data_free);
}

static void
setup_block_row (AttacheBriefingEditor   *self,
                 AttacheBriefingBlockRow *row)
{
  g_signal_connect (row, "save", G_CALLBACK (on_block_save_cb), self);
  g_signal_connect (row, "left-empty", G_CALLBACK (on_block_left_empty_cb), self);
  add_drag_source (attache_briefing_block_row_get_handle (row), GTK_WIDGET (row));
  add_drop_target (self, GTK_WIDGET (row));
}

/* Undo */

typedef struct
{
  AttacheBriefingEditor  *self;
  gint64                  parent_id;   /* the briefing, for a section; the section, for a block */
  guint                   position;
  AttacheBriefingSection *section;     /* or NULL */
  AttacheBriefingBlock   *block;       /* or NULL */
} UndoData;

static void
undo_data_free (gpointer  data,
                GClosure *closure)
{
  UndoData *undo = data;

  g_clear_object (&undo->self);
  g_clear_pointer (&undo->section, attache_briefing_section_free);
  g_clear_pointer (&undo->block, attache_briefing_block_free);
  g_free (undo);
}

static void
on_undo_clicked_cb (AdwToast *toast,
                    UndoData *undo)
{
  AttacheBriefingEditor *self = undo->self;

  if (undo->section != NULL)
    {
      self->focus_section_id = undo->section->id;
      attache_briefing_queue_restore_section (self->queue, undo->parent_id, undo->position, undo->section,
                                              restore_section_cb, g_object_ref (self));
    }
  else if (undo->block != NULL)
    {
      self->focus_block_id = undo->block->id;
      attache_briefing_queue_restore_block (self->queue, undo->parent_id, undo->position, undo->block,
                                            restore_block_cb, g_object_ref (self));
    }
}

static void
offer_undo (AttacheBriefingEditor *self,
            AdwToast              *toast,
            UndoData              *undo)
{
  undo->self = g_object_ref (self);
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  g_signal_connect_data (toast, "button-clicked", G_CALLBACK (on_undo_clicked_cb),
                         undo, undo_data_free, 0);
  add_toast (self, toast);
}

/* The block as stored, with what is typed in it now. */
static AttacheBriefingBlock *
dup_block (AttacheBriefingEditor   *self,
           AttacheBriefingBlockRow *row)
{
  gint64 id = attache_briefing_block_row_get_id (row);

  for (guint i = 0; self->briefing != NULL && i < self->briefing->sections->len; i++)
    {
      AttacheBriefingSection *section = self->briefing->sections->pdata[i];

      for (guint j = 0; j < section->blocks->len; j++)
        {
          AttacheBriefingBlock *block = section->blocks->pdata[j];

          if (block->id == id)
            {
              AttacheBriefingBlock *copy = attache_briefing_block_copy (block);

              if (copy->kind == ATTACHE_BLOCK_TEXT)
                {
                  g_autofree char *text = attache_briefing_block_row_dup_text (row);

                  if (!is_blank (text))
                    replace_text (&copy->text, text);
                }
              return copy;
            }
        }
    }

  return NULL;
}

static const char *
describe_deleted_block (AttacheBlockKind kind)
{
  switch (kind)
    {
    case ATTACHE_BLOCK_TEXT:
      return _("Note deleted");
    case ATTACHE_BLOCK_EXCERPT:
      return _("Excerpt deleted");
    case ATTACHE_BLOCK_ARTICLE:
      return _("Article reference deleted");
    case ATTACHE_BLOCK_ACTORS:
      return _("Key actors table deleted");
    case ATTACHE_BLOCK_TOPICS:
    default:
      return _("Topics deleted");
    }
}

static void
delete_block (AttacheBriefingEditor   *self,
              AttacheBriefingBlockRow *row)
{
  AttacheBriefingSectionRow *section = get_block_section (row);
  gint64 id = attache_briefing_block_row_get_id (row);
  AttacheBriefingBlock *copy;
  UndoData *undo;
  guint position;

  if (section == NULL)
    return;

  /* A new note, never stored: nothing to write, nothing to undo. */
  if (id == 0)
    {
      if (g_object_get_data (G_OBJECT (row), "attache-adding") == NULL)
        remove_block_row (self, row);
      return;
    }

  copy = dup_block (self, row);
  position = get_position (GTK_WIDGET (row));

  attache_briefing_queue_delete_block (self->queue, id, delete_block_cb, g_object_ref (self));
  remove_block_row (self, row);

  if (copy == NULL)
    return;

  undo = g_new0 (UndoData, 1);
  undo->parent_id = attache_briefing_section_row_get_id (section);
  undo->position = position;
  undo->block = copy;
  offer_undo (self, adw_toast_new (describe_deleted_block (copy->kind)), undo);
}

/* Moving */

static void
move_block_to (AttacheBriefingEditor     *self,
               AttacheBriefingBlockRow   *row,
               AttacheBriefingSectionRow *section,
               guint                      position)
{
  AttacheBriefingSectionRow *old_section = get_block_section (row);
  gint64 id = attache_briefing_block_row_get_id (row);

  if (id == 0)
    return;
  if (old_section == section && get_position (GTK_WIDGET (row)) == position)
    return;

  /* What is typed in it is written first. */
  attache_briefing_block_row_flush (row);

  place_row (attache_briefing_section_row_get_blocks (section), GTK_WIDGET (row), position);
  attache_briefing_section_row_update_placeholder (section);
  if (old_section != section)
    attache_briefing_section_row_update_placeholder (old_section);

  attache_briefing_queue_move_block (self->queue, id, attache_briefing_section_row_get_id (section),
                                     position, move_block_cb, g_object_ref (self));
}

static void
move_section_to (AttacheBriefingEditor     *self,
                 AttacheBriefingSectionRow *row,
                 guint                      position)
{
  if (get_position (GTK_WIDGET (row)) == position)
    return;

  place_row (self->sections_box, GTK_WIDGET (row), position);
  attache_briefing_queue_move_section (self->queue, attache_briefing_section_row_get_id (row),
                                       position, move_section_cb, g_object_ref (self));
}

/* Actions */

static void
add_section_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(AttacheBriefingEditor) self = user_data;
  g_autoptr(GError) error = NULL;
  gint64 id;

  id = attache_library_add_briefing_section_finish (ATTACHE_LIBRARY (object), result, &error);
  if (id == 0)
    {
      edit_failed (self, _("Could not add a section"), error);
      return;
    }

  /* Its heading is typed next: see show_focus_wanted (). */
  self->focus_section_id = id;
}

static void
add_section_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  AttacheBriefingEditor *self = ATTACHE_BRIEFING_EDITOR (widget);

  if (self->id == 0)
    return;

  attache_briefing_queue_add_section (self->queue, self->id, NULL, G_MAXUINT,
                                      add_section_cb, g_object_ref (self));
}

static void
move_section_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  AttacheBriefingEditor *self = ATTACHE_BRIEFING_EDITOR (widget);
  AttacheBriefingSectionRow *row;
  gint64 id;
  int delta;
  guint position, n;

  g_variant_get (parameter, "(xi)", &id, &delta);
  row = find_section_row (self, id);
  if (row == NULL)
    return;

  position = get_position (GTK_WIDGET (row));
  n = count_stored (GTK_WIDGET (self->sections_box));
  if ((delta < 0 && position == 0) || (delta > 0 && position + 1 >= n))
    {
      gtk_widget_error_bell (widget);
      return;
    }

  attache_briefing_section_row_flush (row);
  move_section_to (self, row, position + delta);
}

/* Deleting a section: its Undo puts back the section as the deletion found
 * it stored (notes added just before included), with what was being typed
 * in it then. */

typedef struct
{
  AttacheBriefingEditor *self;
  gint64                 briefing_id;
  char                  *heading;  /* as typed */
  GHashTable            *texts;    /* a note's id → the text typed in it */
} DeleteSectionData;

static void
delete_section_data_free (DeleteSectionData *data)
{
  g_clear_object (&data->self);
  g_free (data->heading);
  g_hash_table_unref (data->texts);
  g_free (data);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DeleteSectionData, delete_section_data_free)

static void
delete_section_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(DeleteSectionData) data = user_data;
  AttacheBriefingEditor *self = data->self;
  g_autoptr(GError) error = NULL;
  AttacheBriefingSection *deleted = NULL;
  const char *heading;
  guint position = 0;
  UndoData *undo;
  AdwToast *toast;

  if (!attache_library_delete_briefing_section_finish (ATTACHE_LIBRARY (object), result, &deleted, &position, &error))
    {
      edit_failed (self, _("Could not delete the section"), error);
      return;
    }
  if (deleted == NULL)
    return;

  replace_text (&deleted->heading, data->heading);
  for (guint i = 0; i < deleted->blocks->len; i++)
    {
      AttacheBriefingBlock *block = deleted->blocks->pdata[i];
      const char *typed = g_hash_table_lookup (data->texts, &block->id);

      if (block->kind == ATTACHE_BLOCK_TEXT && typed != NULL)
        replace_text (&block->text, typed);
    }

  heading = deleted->heading != NULL && deleted->heading[0] != '\0' ? deleted->heading : NULL;
  if (heading != NULL)
    {
      g_autofree char *escaped = g_markup_escape_text (heading, -1);

      /* Translators: %s is a section's heading */
      toast = adw_toast_new_format (_("Section “%s” deleted"), escaped);
    }
  else
    toast = adw_toast_new (_("Section deleted"));

  undo = g_new0 (UndoData, 1);
  undo->parent_id = data->briefing_id;
  undo->position = position;
  undo->section = deleted;
  offer_undo (self, toast, undo);
}

static void
delete_section_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  AttacheBriefingEditor *self = ATTACHE_BRIEFING_EDITOR (widget);
  gint64 id = g_variant_get_int64 (parameter);
  AttacheBriefingSectionRow *row = find_section_row (self, id);
  DeleteSectionData *data;
  GtkWidget *blocks;

  if (row == NULL)
    return;

  /* What is typed in it now, for its Undo. */
  data = g_new0 (DeleteSectionData, 1);
  data->self = g_object_ref (self);
  data->briefing_id = self->id;
  data->heading = g_strstrip (g_strdup (attache_briefing_section_row_get_heading (row)));
  data->texts = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  blocks = GTK_WIDGET (attache_briefing_section_row_get_blocks (row));
  for (GtkWidget *child = gtk_widget_get_first_child (blocks); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      gint64 block_id;
      g_autofree char *text = NULL;

      if (!ATTACHE_IS_BRIEFING_BLOCK_ROW (child))
        continue;
      block_id = attache_briefing_block_row_get_id (ATTACHE_BRIEFING_BLOCK_ROW (child));
      text = attache_briefing_block_row_dup_text (ATTACHE_BRIEFING_BLOCK_ROW (child));
      if (block_id != 0 && !is_blank (text))
        g_hash_table_insert (data->texts, g_memdup2 (&block_id, sizeof block_id), g_steal_pointer (&text));
    }

  if (self->draft != NULL && get_block_section (self->draft) == row)
    g_clear_weak_pointer (&self->draft);

  attache_briefing_queue_delete_section (self->queue, id, delete_section_cb, data);
  remove_section_row (self, row);
}

static void
add_note_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  AttacheBriefingEditor *self = ATTACHE_BRIEFING_EDITOR (widget);
  AttacheBriefingSectionRow *section = find_section_row (self, g_variant_get_int64 (parameter));
  AttacheBriefingBlockRow *row;

  if (section == NULL)
    return;

  /* One new note at a time: an empty one goes, a started one is kept. */
  if (self->draft != NULL)
    {
      g_autofree char *text = attache_briefing_block_row_dup_text (self->draft);

      if (is_blank (text) && get_block_section (self->draft) == section)
        {
          attache_briefing_block_row_focus (self->draft);
          return;
        }
      if (is_blank (text))
        remove_block_row (self, self->draft);
      g_clear_weak_pointer (&self->draft);
    }

  row = new_block_row (self, NULL);
  g_set_weak_pointer (&self->draft, row);
  gtk_box_append (attache_briefing_section_row_get_blocks (section), GTK_WIDGET (row));
  attache_briefing_section_row_update_placeholder (section);
  attache_briefing_block_row_focus (row);
}

static void
add_table_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(AttacheBriefingEditor) self = user_data;
  g_autoptr(GError) error = NULL;
  gint64 id;

  id = attache_library_add_briefing_block_finish (ATTACHE_LIBRARY (object), result, &error);
  if (id == 0)
    {
      /* INVALID: no article it cites has been analysed; the store says so. */
      edit_failed (self, _("Could not add the table"), error);
      return;
    }

  self->focus_block_id = id;
}

static void
add_table (AttacheBriefingEditor *self,
           gint64                 section_id,
           AttacheBlockKind       kind)
{
  AttacheBriefingPlace place = { 0, };

  place.section_id = section_id;
  place.position = G_MAXUINT;
  attache_briefing_queue_add_table (self->queue, &place, kind, add_table_cb, g_object_ref (self));
}

static void
add_actors_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  add_table (ATTACHE_BRIEFING_EDITOR (widget), g_variant_get_int64 (parameter), ATTACHE_BLOCK_ACTORS);
}

static void
add_topics_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  add_table (ATTACHE_BRIEFING_EDITOR (widget), g_variant_get_int64 (parameter), ATTACHE_BLOCK_TOPICS);
}

static void
move_block_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  AttacheBriefingEditor *self = ATTACHE_BRIEFING_EDITOR (widget);
  AttacheBriefingBlockRow *row;
  AttacheBriefingSectionRow *section, *target;
  gint64 id;
  int delta;
  guint position, n;

  g_variant_get (parameter, "(xi)", &id, &delta);
  row = find_block_row (self, id);
  if (row == NULL || (section = get_block_section (row)) == NULL)
    return;

  position = get_position (GTK_WIDGET (row));
  n = count_stored (GTK_WIDGET (attache_briefing_section_row_get_blocks (section)));

  if (delta < 0 && position == 0)
    {
      /* Up from the top of a section: to the end of the one before. */
      GtkWidget *previous = gtk_widget_get_prev_sibling (GTK_WIDGET (section));

      if (previous == NULL)
        {
          gtk_widget_error_bell (widget);
          return;
        }
      target = ATTACHE_BRIEFING_SECTION_ROW (previous);
      move_block_to (self, row, target,
                     count_stored (GTK_WIDGET (attache_briefing_section_row_get_blocks (target))));
    }
  else if (delta > 0 && position + 1 >= n)
    {
      /* Down from the bottom: to the top of the next one. */
      GtkWidget *next = gtk_widget_get_next_sibling (GTK_WIDGET (section));

      if (next == NULL)
        {
          gtk_widget_error_bell (widget);
          return;
        }
      move_block_to (self, row, ATTACHE_BRIEFING_SECTION_ROW (next), 0);
    }
  else
    {
      move_block_to (self, row, section, position + delta);
    }
}

static void
delete_block_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  AttacheBriefingEditor *self = ATTACHE_BRIEFING_EDITOR (widget);
  gint64 id = g_variant_get_int64 (parameter);
  AttacheBriefingBlockRow *row = id != 0 ? find_block_row (self, id) : self->draft;

  if (row != NULL)
    delete_block (self, row);
}

static void
refresh_block_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  AttacheBriefingEditor *self = ATTACHE_BRIEFING_EDITOR (widget);

  attache_briefing_queue_refresh_block (self->queue, g_variant_get_int64 (parameter),
                                        refresh_block_cb, g_object_ref (self));
}

/* GObject */

static void
watch_field_focus (AttacheBriefingEditor *self,
                   GtkWidget             *field)
{
  GtkEventController *controller = gtk_event_controller_focus_new ();

  g_signal_connect (controller, "leave", G_CALLBACK (on_field_focus_leave_cb), self);
  gtk_widget_add_controller (field, controller);
  g_ptr_array_add (self->field_focus, controller);

  if (GTK_IS_EDITABLE (field))
    g_signal_connect (field, "changed", G_CALLBACK (on_field_changed_cb), self);
}

static void
attache_briefing_editor_dispose (GObject *object)
{
  AttacheBriefingEditor *self = ATTACHE_BRIEFING_EDITOR (object);

  /* What was typed is written, even as the window closes. */
  attache_briefing_editor_flush (self);

  if (self->load_cancellable != NULL)
    g_cancellable_cancel (self->load_cancellable);
  g_clear_object (&self->load_cancellable);
  g_clear_handle_id (&self->fields_save_id, g_source_remove);
  if (self->show_more_id != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->show_more_id);
  self->show_more_id = 0;
  g_clear_signal_handler (&self->briefings_changed_id, self->library);
  g_clear_signal_handler (&self->articles_changed_id, self->library);
  g_clear_signal_handler (&self->queue_busy_id, self->queue);
  /* The rows go with the template, telling the editor nothing more as they
   * lose the focus (and dispose may run again: nothing left to flush). */
  {
    GHashTableIter iter;
    gpointer value;

    g_hash_table_iter_init (&iter, self->section_rows);
    while (g_hash_table_iter_next (&iter, NULL, &value))
      g_signal_handlers_disconnect_by_data (value, self);
    g_hash_table_iter_init (&iter, self->block_rows);
    while (g_hash_table_iter_next (&iter, NULL, &value))
      g_signal_handlers_disconnect_by_data (value, self);
    if (self->draft != NULL)
      g_signal_handlers_disconnect_by_data (self->draft, self);
    for (guint i = 0; self->field_focus != NULL && i < self->field_focus->len; i++)
      g_signal_handlers_disconnect_by_data (self->field_focus->pdata[i], self);
    g_ptr_array_set_size (self->field_focus, 0);
  }
  g_clear_weak_pointer (&self->draft);
  g_hash_table_remove_all (self->section_rows);
  g_hash_table_remove_all (self->block_rows);

  gtk_widget_dispose_template (GTK_WIDGET (self), ATTACHE_TYPE_BRIEFING_EDITOR);

  g_clear_object (&self->queue);
  g_clear_object (&self->library);

  G_OBJECT_CLASS (attache_briefing_editor_parent_class)->dispose (object);
}

static void
attache_briefing_editor_finalize (GObject *object)
{
  AttacheBriefingEditor *self = ATTACHE_BRIEFING_EDITOR (object);

  g_clear_pointer (&self->briefing, attache_briefing_free);
  g_clear_pointer (&self->section_rows, g_hash_table_unref);
  g_clear_pointer (&self->block_rows, g_hash_table_unref);
  g_clear_pointer (&self->field_focus, g_ptr_array_unref);

  G_OBJECT_CLASS (attache_briefing_editor_parent_class)->finalize (object);
}

static void
attache_briefing_editor_get_property (GObject    *object,
                                      guint       prop_id,
                                      GValue     *value,
                                      GParamSpec *pspec)
{
  AttacheBriefingEditor *self = ATTACHE_BRIEFING_EDITOR (object);

  switch (prop_id)
    {
    case PROP_BRIEFING:
      g_value_set_pointer (value, self->briefing);
      break;

    case PROP_BUSY:
      g_value_set_boolean (value, attache_briefing_editor_get_busy (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
attache_briefing_editor_class_init (AttacheBriefingEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = attache_briefing_editor_dispose;
  object_class->finalize = attache_briefing_editor_finalize;
  object_class->get_property = attache_briefing_editor_get_property;

  properties[PROP_BRIEFING] =
    g_param_spec_pointer ("briefing", NULL, NULL,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (ATTACHE_TYPE_BRIEFING_SECTION_ROW);
  g_type_ensure (ATTACHE_TYPE_BRIEFING_BLOCK_ROW);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/attache/Attache/attache-briefing-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, AttacheBriefingEditor, stack);
  gtk_widget_class_bind_template_child (widget_class, AttacheBriefingEditor, scroller);
  gtk_widget_class_bind_template_child (widget_class, AttacheBriefingEditor, title_row);
  gtk_widget_class_bind_template_child (widget_class, AttacheBriefingEditor, subtitle_row);
  gtk_widget_class_bind_template_child (widget_class, AttacheBriefingEditor, author_row);
  gtk_widget_class_bind_template_child (widget_class, AttacheBriefingEditor, audience_row);
  gtk_widget_class_bind_template_child (widget_class, AttacheBriefingEditor, date_row);
  gtk_widget_class_bind_template_child (widget_class, AttacheBriefingEditor, marking_row);
  gtk_widget_class_bind_template_child (widget_class, AttacheBriefingEditor, status_row);
  gtk_widget_class_bind_template_child (widget_class, AttacheBriefingEditor, date_popover);
  gtk_widget_class_bind_template_child (widget_class, AttacheBriefingEditor, date_calendar);
  gtk_widget_class_bind_template_child (widget_class, AttacheBriefingEditor, summary_view);
  gtk_widget_class_bind_template_child (widget_class, AttacheBriefingEditor, sections_box);
  gtk_widget_class_bind_template_child_full (widget_class, "add_section_button", FALSE, 0);
  gtk_widget_class_bind_template_callback (widget_class, on_date_popover_show_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_date_calendar_day_selected_cb);

  gtk_widget_class_install_action (widget_class, "editor.add-section", NULL, add_section_action);
  gtk_widget_class_install_action (widget_class, "editor.move-section", "(xi)", move_section_action);
  gtk_widget_class_install_action (widget_class, "editor.delete-section", "x", delete_section_action);
  gtk_widget_class_install_action (widget_class, "editor.add-note", "x", add_note_action);
  gtk_widget_class_install_action (widget_class, "editor.add-actors", "x", add_actors_action);
  gtk_widget_class_install_action (widget_class, "editor.add-topics", "x", add_topics_action);
  gtk_widget_class_install_action (widget_class, "editor.move-block", "(xi)", move_block_action);
  gtk_widget_class_install_action (widget_class, "editor.delete-block", "x", delete_block_action);
  gtk_widget_class_install_action (widget_class, "editor.refresh-block", "x", refresh_block_action);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "briefingeditor");
}

static void
attache_briefing_editor_init (AttacheBriefingEditor *self)
{
  self->section_rows = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  self->block_rows = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  self->field_focus = g_ptr_array_new ();

  gtk_widget_init_template (GTK_WIDGET (self));

  watch_field_focus (self, GTK_WIDGET (self->title_row));
  watch_field_focus (self, GTK_WIDGET (self->subtitle_row));
  watch_field_focus (self, GTK_WIDGET (self->author_row));
  watch_field_focus (self, GTK_WIDGET (self->audience_row));
  watch_field_focus (self, GTK_WIDGET (self->date_row));
  watch_field_focus (self, GTK_WIDGET (self->marking_row));
  watch_field_focus (self, GTK_WIDGET (self->summary_view));
  g_signal_connect (gtk_text_view_get_buffer (self->summary_view), "changed",
                    G_CALLBACK (on_summary_changed_cb), self);
  attache_markdown_highlight (gtk_text_view_get_buffer (self->summary_view));
  g_signal_connect (self->status_row, "notify::selected",
                    G_CALLBACK (on_status_row_notify_selected_cb), self);
}

GtkWidget *
attache_briefing_editor_new (void)
{
  return g_object_new (ATTACHE_TYPE_BRIEFING_EDITOR, NULL);
}

void
attache_briefing_editor_set_queue (AttacheBriefingEditor *self,
                                   AttacheBriefingQueue  *queue)
{
  g_return_if_fail (ATTACHE_IS_BRIEFING_EDITOR (self));
  g_return_if_fail (ATTACHE_IS_BRIEFING_QUEUE (queue));
  g_return_if_fail (self->queue == NULL);

  self->queue = g_object_ref (queue);
  self->library = g_object_ref (attache_briefing_queue_get_library (queue));
  self->briefings_changed_id =
    g_signal_connect (self->library, "briefings-changed",
                      G_CALLBACK (on_library_briefings_changed_cb), self);
  self->articles_changed_id =
    g_signal_connect (self->library, "articles-changed",
                      G_CALLBACK (on_library_articles_changed_cb), self);
  self->queue_busy_id =
    g_signal_connect (self->queue, "notify::busy", G_CALLBACK (on_queue_notify_busy_cb), self);

  reload (self);
}

gint64
attache_briefing_editor_get_briefing_id (AttacheBriefingEditor *self)
{
  g_return_val_if_fail (ATTACHE_IS_BRIEFING_EDITOR (self), 0);

  return self->id;
}

void
attache_briefing_editor_set_briefing_id (AttacheBriefingEditor *self,
                                         gint64                 briefing_id)
{
  g_return_if_fail (ATTACHE_IS_BRIEFING_EDITOR (self));

  if (briefing_id == self->id)
    return;

  attache_briefing_editor_flush (self);

  if (self->load_cancellable != NULL)
    g_cancellable_cancel (self->load_cancellable);
  g_clear_object (&self->load_cancellable);
  g_clear_weak_pointer (&self->draft);
  if (self->show_more_id != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->show_more_id);
  self->show_more_id = 0;
  clear_rows (self);
  g_clear_pointer (&self->briefing, attache_briefing_free);
  self->focus_section_id = 0;
  self->focus_block_id = 0;
  self->focus_title = FALSE;
  self->reload_pending = FALSE;
  self->id = briefing_id;

  gtk_widget_remove_css_class (GTK_WIDGET (self->title_row), "error");
  gtk_widget_remove_css_class (GTK_WIDGET (self->date_row), "error");
  gtk_stack_set_visible_child_name (self->stack, "none");
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scroller), 0);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BRIEFING]);

  reload (self);
}

const AttacheBriefing *
attache_briefing_editor_get_briefing (AttacheBriefingEditor *self)
{
  g_return_val_if_fail (ATTACHE_IS_BRIEFING_EDITOR (self), NULL);

  return self->briefing;
}

gboolean
attache_briefing_editor_get_busy (AttacheBriefingEditor *self)
{
  GHashTableIter iter;
  gpointer value;

  g_return_val_if_fail (ATTACHE_IS_BRIEFING_EDITOR (self), FALSE);

  if (self->load_cancellable != NULL || self->reload_pending || self->fields_save_id != 0 ||
      self->show_more_id != 0 ||
      (self->queue != NULL && attache_briefing_queue_get_busy (self->queue)))
    return TRUE;

  /* Typing waiting to be saved. */
  g_hash_table_iter_init (&iter, self->section_rows);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    if (attache_briefing_section_row_get_dirty (value))
      return TRUE;

  g_hash_table_iter_init (&iter, self->block_rows);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    if (attache_briefing_block_row_get_dirty (value))
      return TRUE;

  return self->draft != NULL && (attache_briefing_block_row_get_dirty (self->draft) ||
                                 g_object_get_data (G_OBJECT (self->draft), "attache-adding") != NULL);
}

void
attache_briefing_editor_flush (AttacheBriefingEditor *self)
{
  GHashTableIter iter;
  gpointer value;

  g_return_if_fail (ATTACHE_IS_BRIEFING_EDITOR (self));

  if (self->fields_save_id != 0)
    save_fields (self);

  g_hash_table_iter_init (&iter, self->section_rows);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    attache_briefing_section_row_flush (value);

  g_hash_table_iter_init (&iter, self->block_rows);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    attache_briefing_block_row_flush (value);

  if (self->draft != NULL)
    attache_briefing_block_row_flush (self->draft);
}

void
attache_briefing_editor_focus_title (AttacheBriefingEditor *self)
{
  g_return_if_fail (ATTACHE_IS_BRIEFING_EDITOR (self));

  self->focus_title = TRUE;
  show_focus_wanted (self);
}

void
attache_briefing_editor_show_block (AttacheBriefingEditor *self,
                                    gint64                 block_id)
{
  g_return_if_fail (ATTACHE_IS_BRIEFING_EDITOR (self));

  self->focus_block_id = block_id;
  show_focus_wanted (self);
}

gint64
attache_briefing_editor_get_focus_section (AttacheBriefingEditor *self)
{
  g_return_val_if_fail (ATTACHE_IS_BRIEFING_EDITOR (self), 0);

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->sections_box));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (contains_focus (child))
      return attache_briefing_section_row_get_id (ATTACHE_BRIEFING_SECTION_ROW (child));

  return 0;
}
