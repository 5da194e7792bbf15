/* attache-briefing-section-row.c: one section of a briefing in the editor
 *
 * A card: the heading, edited in place (saved as typing pauses, on Enter and
 * when it loses the focus: "rename"), the blocks, and buttons to add a note
 * or a generated table. Its actions forward to the editor's
 * ("editor.move-section" …) with the section's id; Alt+Up and Alt+Down in the
 * heading move the section.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "attache-briefing-section-row"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "attache-briefing-block-row.h"
#include "attache-briefing-section-row.h"

struct _AttacheBriefingSectionRow
{
  GtkWidget   parent_instance;

  gint64      id;

  GtkWidget  *header;
  GtkWidget  *handle;
  GtkEntry   *heading_entry;
  GtkEventController *heading_focus;
  GtkWidget  *menu_button;
  GtkBox     *blocks;
  GtkWidget  *placeholder;
  GtkWidget  *footer;

  guint       rename_id;       /* a rename waiting for the typing to pause */
  gboolean    setting_heading; /* the entry follows the store */
};

G_DEFINE_FINAL_TYPE (AttacheBriefingSectionRow, attache_briefing_section_row, GTK_TYPE_WIDGET)

enum {
  SIGNAL_RENAME,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Renaming */

static void
emit_rename (AttacheBriefingSectionRow *self)
{
  g_clear_handle_id (&self->rename_id, g_source_remove);
  g_signal_emit (self, signals[SIGNAL_RENAME], 0, gtk_editable_get_text (GTK_EDITABLE (self->heading_entry)));
}

static gboolean
on_rename_timeout_cb (gpointer user_data)
{
  AttacheBriefingSectionRow *self = user_data;

  self->rename_id = 0;
  emit_rename (self);
  return G_SOURCE_REMOVE;
}

static void
on_heading_changed_cb (GtkEditable               *editable,
                       AttacheBriefingSectionRow *self)
{
  if (self->setting_heading)
    return;

  g_clear_handle_id (&self->rename_id, g_source_remove);
  self->rename_id = g_timeout_add (ATTACHE_BRIEFING_SAVE_DELAY_MS, on_rename_timeout_cb, self);
}

static void
on_heading_activate_cb (GtkEntry                  *entry,
                        AttacheBriefingSectionRow *self)
{
  attache_briefing_section_row_flush (self);
}

static void
on_heading_focus_leave_cb (GtkEventControllerFocus   *controller,
                           AttacheBriefingSectionRow *self)
{
  attache_briefing_section_row_flush (self);
}

/* Actions */

static void
forward_action (AttacheBriefingSectionRow *self,
                const char                *editor_action,
                int                        delta)
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
  forward_action (ATTACHE_BRIEFING_SECTION_ROW (widget), "editor.move-section", -1);
}

static void
move_down_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  forward_action (ATTACHE_BRIEFING_SECTION_ROW (widget), "editor.move-section", 1);
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  forward_action (ATTACHE_BRIEFING_SECTION_ROW (widget), "editor.delete-section", 0);
}

static void
add_note_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  forward_action (ATTACHE_BRIEFING_SECTION_ROW (widget), "editor.add-note", 0);
}

static void
add_actors_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  forward_action (ATTACHE_BRIEFING_SECTION_ROW (widget), "editor.add-actors", 0);
}

static void
add_topics_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  forward_action (ATTACHE_BRIEFING_SECTION_ROW (widget), "editor.add-topics", 0);
}

/* Building */

static GMenuModel *
new_section_menu (void)
{
  GMenu *menu = g_menu_new ();
  g_autoptr(GMenu) move = g_menu_new ();
  g_autoptr(GMenu) edit = g_menu_new ();
  g_autoptr(GMenuItem) item = NULL;

  item = g_menu_item_new (_("Move Section _Up"), "section.move-up");
  g_menu_item_set_attribute (item, "accel", "s", "<Alt>Up");
  g_menu_append_item (move, item);
  g_clear_object (&item);
  item = g_menu_item_new (_("Move Section _Down"), "section.move-down");
  g_menu_item_set_attribute (item, "accel", "s", "<Alt>Down");
  g_menu_append_item (move, item);
  g_menu_append_section (menu, NULL, G_MENU_MODEL (move));

  g_menu_append (edit, _("_Delete Section"), "section.delete");
  g_menu_append_section (menu, NULL, G_MENU_MODEL (edit));

  return G_MENU_MODEL (menu);
}

static GMenuModel *
new_add_menu (void)
{
  GMenu *menu = g_menu_new ();

  g_menu_append (menu, _("Add _Key Actors Table"), "section.add-actors");
  g_menu_append (menu, _("Add _Topics"), "section.add-topics");

  return G_MENU_MODEL (menu);
}

static void
build (AttacheBriefingSectionRow *self)
{
  g_autoptr(GMenuModel) section_menu = new_section_menu ();
  g_autoptr(GMenuModel) add_menu = new_add_menu ();
  GtkWidget *add_button, *add_content, *add_more;

  self->header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_widget_add_css_class (self->header, "section-header");

  self->handle = gtk_image_new_from_icon_name ("list-drag-handle-symbolic");
  gtk_widget_add_css_class (self->handle, "drag-handle");
  gtk_widget_set_cursor_from_name (self->handle, "grab");
  gtk_widget_set_tooltip_text (self->handle, _("Drag to move, or press Alt+Up and Alt+Down"));

  self->heading_entry = GTK_ENTRY (gtk_entry_new ());
  gtk_entry_set_placeholder_text (self->heading_entry, _("Section Heading"));
  gtk_widget_set_hexpand (GTK_WIDGET (self->heading_entry), TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->heading_entry), "flat");
  gtk_widget_add_css_class (GTK_WIDGET (self->heading_entry), "heading-entry");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->heading_entry),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Section heading"), -1);
  /* The entry can outlive the row (the window's focus holds it): its
   * signals stop with the row. */
  g_signal_connect_object (self->heading_entry, "changed", G_CALLBACK (on_heading_changed_cb), self, 0);
  g_signal_connect_object (self->heading_entry, "activate", G_CALLBACK (on_heading_activate_cb), self, 0);
  self->heading_focus = gtk_event_controller_focus_new ();
  g_signal_connect_object (self->heading_focus, "leave", G_CALLBACK (on_heading_focus_leave_cb), self, 0);
  gtk_widget_add_controller (GTK_WIDGET (self->heading_entry), self->heading_focus);

  self->menu_button = gtk_menu_button_new ();
  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (self->menu_button), "view-more-symbolic");
  gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (self->menu_button), section_menu);
  gtk_widget_set_tooltip_text (self->menu_button, _("Section Menu"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->menu_button), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Section Menu"), -1);
  gtk_widget_set_valign (self->menu_button, GTK_ALIGN_CENTER);
  gtk_menu_button_set_has_frame (GTK_MENU_BUTTON (self->menu_button), FALSE);
  gtk_widget_add_css_class (self->menu_button, "circular");

  gtk_box_append (GTK_BOX (self->header), self->handle);
  gtk_box_append (GTK_BOX (self->header), GTK_WIDGET (self->heading_entry));
  gtk_box_append (GTK_BOX (self->header), self->menu_button);

  self->blocks = GTK_BOX (gtk_box_new (GTK_ORIENTATION_VERTICAL, 10));
  gtk_widget_add_css_class (GTK_WIDGET (self->blocks), "section-blocks");

  self->placeholder = gtk_label_new (_("Add a note, or select a passage in the reader and choose "
                                       "Add Excerpt to Briefing."));
  gtk_label_set_wrap (GTK_LABEL (self->placeholder), TRUE);
  gtk_label_set_xalign (GTK_LABEL (self->placeholder), 0);
  gtk_widget_add_css_class (self->placeholder, "dim-label");
  gtk_widget_add_css_class (self->placeholder, "section-placeholder");

  /* "Add Note" and a menu of the other things to add, linked. */
  self->footer = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  gtk_widget_add_css_class (self->footer, "linked");
  gtk_widget_add_css_class (self->footer, "section-footer");
  gtk_widget_set_halign (self->footer, GTK_ALIGN_START);
  add_content = adw_button_content_new ();
  adw_button_content_set_icon_name (ADW_BUTTON_CONTENT (add_content), "list-add-symbolic");
  adw_button_content_set_label (ADW_BUTTON_CONTENT (add_content), _("Add _Note"));
  adw_button_content_set_use_underline (ADW_BUTTON_CONTENT (add_content), TRUE);
  add_button = gtk_button_new ();
  gtk_button_set_child (GTK_BUTTON (add_button), add_content);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (add_button), "section.add-note");
  add_more = gtk_menu_button_new ();
  gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (add_more), add_menu);
  gtk_widget_set_tooltip_text (add_more, _("More to Add"));
  gtk_box_append (GTK_BOX (self->footer), add_button);
  gtk_box_append (GTK_BOX (self->footer), add_more);

  gtk_widget_set_parent (self->header, GTK_WIDGET (self));
  gtk_widget_set_parent (GTK_WIDGET (self->blocks), GTK_WIDGET (self));
  gtk_widget_set_parent (self->placeholder, GTK_WIDGET (self));
  gtk_widget_set_parent (self->footer, GTK_WIDGET (self));
}

/* GObject */

static void
attache_briefing_section_row_dispose (GObject *object)
{
  AttacheBriefingSectionRow *self = ATTACHE_BRIEFING_SECTION_ROW (object);
  GtkWidget *child;

  g_clear_handle_id (&self->rename_id, g_source_remove);

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (attache_briefing_section_row_parent_class)->dispose (object);
}

static void
attache_briefing_section_row_class_init (AttacheBriefingSectionRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = attache_briefing_section_row_dispose;

  /**
   * AttacheBriefingSectionRow::rename:
   * @heading: the heading as typed (may be blank)
   *
   * The heading changed: the typing paused, Enter was pressed, or the
   * heading lost the focus.
   */
  signals[SIGNAL_RENAME] =
    g_signal_new ("rename",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_install_action (widget_class, "section.move-up", NULL, move_up_action);
  gtk_widget_class_install_action (widget_class, "section.move-down", NULL, move_down_action);
  gtk_widget_class_install_action (widget_class, "section.delete", NULL, delete_action);
  gtk_widget_class_install_action (widget_class, "section.add-note", NULL, add_note_action);
  gtk_widget_class_install_action (widget_class, "section.add-actors", NULL, add_actors_action);
  gtk_widget_class_install_action (widget_class, "section.add-topics", NULL, add_topics_action);

  /* In the section's own parts (its heading, its buttons); a block's
   * Alt+Up moves the block, being nearer the focus. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Up, GDK_ALT_MASK, "section.move-up", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Up, GDK_ALT_MASK, "section.move-up", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Down, GDK_ALT_MASK, "section.move-down", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Down, GDK_ALT_MASK, "section.move-down", NULL);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "briefingsection");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
attache_briefing_section_row_init (AttacheBriefingSectionRow *self)
{
  GtkLayoutManager *layout = gtk_widget_get_layout_manager (GTK_WIDGET (self));

  gtk_orientable_set_orientation (GTK_ORIENTABLE (layout), GTK_ORIENTATION_VERTICAL);
  gtk_box_layout_set_spacing (GTK_BOX_LAYOUT (layout), 10);
  gtk_widget_add_css_class (GTK_WIDGET (self), "card");

  build (self);
}

GtkWidget *
attache_briefing_section_row_new (gint64 id)
{
  AttacheBriefingSectionRow *self = g_object_new (ATTACHE_TYPE_BRIEFING_SECTION_ROW, NULL);

  self->id = id;
  attache_briefing_section_row_update_placeholder (self);

  return GTK_WIDGET (self);
}

gint64
attache_briefing_section_row_get_id (AttacheBriefingSectionRow *self)
{
  g_return_val_if_fail (ATTACHE_IS_BRIEFING_SECTION_ROW (self), 0);

  return self->id;
}

void
attache_briefing_section_row_set_heading (AttacheBriefingSectionRow *self,
                                          const char                *heading)
{
  g_return_if_fail (ATTACHE_IS_BRIEFING_SECTION_ROW (self));

  if (heading == NULL)
    heading = "";

  /* What the person is typing wins over what was stored before it. */
  if (self->rename_id != 0 ||
      gtk_event_controller_focus_contains_focus (GTK_EVENT_CONTROLLER_FOCUS (self->heading_focus)) ||
      g_str_equal (heading, gtk_editable_get_text (GTK_EDITABLE (self->heading_entry))))
    return;

  self->setting_heading = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->heading_entry), heading);
  self->setting_heading = FALSE;
}

const char *
attache_briefing_section_row_get_heading (AttacheBriefingSectionRow *self)
{
  g_return_val_if_fail (ATTACHE_IS_BRIEFING_SECTION_ROW (self), NULL);

  return gtk_editable_get_text (GTK_EDITABLE (self->heading_entry));
}

gboolean
attache_briefing_section_row_get_dirty (AttacheBriefingSectionRow *self)
{
  g_return_val_if_fail (ATTACHE_IS_BRIEFING_SECTION_ROW (self), FALSE);

  return self->rename_id != 0;
}

void
attache_briefing_section_row_flush (AttacheBriefingSectionRow *self)
{
  g_return_if_fail (ATTACHE_IS_BRIEFING_SECTION_ROW (self));

  if (self->rename_id != 0)
    emit_rename (self);
}

GtkBox *
attache_briefing_section_row_get_blocks (AttacheBriefingSectionRow *self)
{
  g_return_val_if_fail (ATTACHE_IS_BRIEFING_SECTION_ROW (self), NULL);

  return self->blocks;
}

void
attache_briefing_section_row_update_placeholder (AttacheBriefingSectionRow *self)
{
  gboolean empty;

  g_return_if_fail (ATTACHE_IS_BRIEFING_SECTION_ROW (self));

  empty = gtk_widget_get_first_child (GTK_WIDGET (self->blocks)) == NULL;
  gtk_widget_set_visible (self->placeholder, empty);
  gtk_widget_set_visible (GTK_WIDGET (self->blocks), !empty);
}

GtkWidget *
attache_briefing_section_row_get_handle (AttacheBriefingSectionRow *self)
{
  g_return_val_if_fail (ATTACHE_IS_BRIEFING_SECTION_ROW (self), NULL);

  return self->handle;
}

void
attache_briefing_section_row_focus (AttacheBriefingSectionRow *self)
{
  g_return_if_fail (ATTACHE_IS_BRIEFING_SECTION_ROW (self));

  gtk_widget_grab_focus (GTK_WIDGET (self->heading_entry));
}

void
attache_briefing_section_row_set_drop_side (AttacheBriefingSectionRow *self,
                                            int                        side)
{
  g_return_if_fail (ATTACHE_IS_BRIEFING_SECTION_ROW (self));

  if (side < 0)
    gtk_widget_add_css_class (GTK_WIDGET (self), "drop-before");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self), "drop-before");

  if (side > 0)
    gtk_widget_add_css_class (GTK_WIDGET (self), "drop-after");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self), "drop-after");
}
