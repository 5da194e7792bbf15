/* attache-briefings-view.c: the Briefings view: the list, the editor and the page preview
 *
 * The list on the left is every briefing in the library, most recently
 * changed first; the one selected is open in the editor. Everything written
 * goes through one AttacheBriefingQueue, shared with the editor, so that
 * writes happen in the order they were asked for.
 *
 * Other parts of the window add to briefings through this view (the reader's
 * excerpts, the library's references, the summary pane's actors table): to
 * the briefing named, or the one last used.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "attache-briefings-view"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <string.h>

#include "attache-briefing-editor.h"
#include "attache-briefing-markdown.h"
#include "attache-briefing-pdf.h"
#include "attache-briefing-preview.h"
#include "attache-briefing-queue.h"
#include "attache-briefing-store.h"
#include "attache-briefings-view-private.h"
#include "attache-compat.h"
#include "attache-database.h"
#include "attache-toast-private.h"

/* A menu of briefings to add to, kept up to date: see
 * attache_briefings_view_new_add_menu (). */
typedef struct
{
  GMenu *menu;            /* weak: the caller owns it */
  char  *action_name;
  char  *target_label;
  char  *new_label;
  char  *submenu_label;
} AddMenu;

struct _AttacheBriefingsView
{
  GtkWidget              parent_instance;

  /* template children */
  GtkStack              *stack;
  GtkPaned              *list_paned;
  GtkPaned              *editor_paned;
  GtkListBox            *briefing_list;
  AttacheBriefingEditor *editor;
  AttacheBriefingPreview *preview;
  GtkWidget             *row_menu;        /* a GtkPopoverMenu on briefing_list */

  AttacheLibrary        *library;         /* owned */
  AttacheBriefingQueue  *queue;           /* owned */
  GSettings             *settings;        /* owned; NULL without the schema */
  GSimpleActionGroup    *actions;         /* owned */
  GCancellable          *cancellable;     /* owned */

  GPtrArray             *briefings;       /* AttacheBriefing without sections, as listed */
  GCancellable          *list_cancellable; /* the listing under way, or NULL */
  gboolean               list_pending;    /* list again once it is done */
  gboolean               listed;          /* listed once */
  gboolean               filling;         /* the list's rows are being replaced */
  gint64                 selected_id;
  gint64                 pending_select_id; /* to select once it is listed */
  gint64                 target_id;       /* last opened or added to */
  gint64                 focus_title_id;  /* new: its title to be typed over */
  gboolean               preview_placed;  /* the preview was given its width */
  GPtrArray             *add_menus;       /* AddMenu */
};

G_DEFINE_FINAL_TYPE (AttacheBriefingsView, attache_briefings_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_LIBRARY,
  PROP_N_BRIEFINGS,
  PROP_SELECTED,
  PROP_BUSY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  SIGNAL_TEXT_DROPPED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void reload_list (AttacheBriefingsView *self);

/* Telling the person */

static void
add_toast (AttacheBriefingsView *self,
           AdwToast             *toast)
{
  _attache_add_toast (GTK_WIDGET (self), toast);
}

static void
show_error (AttacheBriefingsView *self,
            const char           *what,
            const GError         *error)
{
  add_toast (self, _attache_error_toast_new (what, error));
}

static const AttacheBriefing *
find_listed (AttacheBriefingsView *self,
             gint64                id)
{
  for (guint i = 0; self->briefings != NULL && i < self->briefings->len; i++)
    {
      const AttacheBriefing *briefing = self->briefings->pdata[i];

      if (briefing->id == id)
        return briefing;
    }

  return NULL;
}

static const char *
get_listed_title (AttacheBriefingsView *self,
                  gint64                id)
{
  const AttacheBriefing *briefing = find_listed (self, id);

  return briefing != NULL ? briefing->title : _("Untitled Briefing");
}

/* The briefing meant by ATTACHE_BRIEFING_TARGET: 0 when there is none. */
static gint64
get_target (AttacheBriefingsView *self)
{
  if (self->selected_id != 0 && find_listed (self, self->selected_id) != NULL)
    return self->selected_id;
  if (self->target_id != 0 && find_listed (self, self->target_id) != NULL)
    return self->target_id;
  if (self->briefings != NULL && self->briefings->len > 0)
    return ((AttacheBriefing *) self->briefings->pdata[0])->id;

  return 0;
}

/* The paper of the preference (A4 without the settings). */
static AttacheBriefingPaper
get_paper (AttacheBriefingsView *self)
{
  AttacheBriefingPaper paper = ATTACHE_BRIEFING_PAPER_A4;

  if (self->settings != NULL)
    {
      g_autofree char *name = g_settings_get_string (self->settings, "briefing-paper");

      if (!attache_briefing_paper_from_string (name, &paper))
        paper = ATTACHE_BRIEFING_PAPER_A4;
    }

  return paper;
}

static void
update_preview (AttacheBriefingsView *self)
{
  attache_briefing_preview_set_briefing (self->preview, attache_briefing_editor_get_briefing (self->editor),
                                         get_paper (self));
}

static void
on_editor_notify_briefing_cb (AttacheBriefingEditor *editor,
                              GParamSpec            *pspec,
                              AttacheBriefingsView  *self)
{
  update_preview (self);
}

static void
on_settings_briefing_paper_changed_cb (GSettings            *settings,
                                       const char           *key,
                                       AttacheBriefingsView *self)
{
  update_preview (self);
}

/* The preview gets the width it asks for at the paned's first allocation
 * (the editor, which asks for more than it needs, the rest); the person
 * moves the divider from there. */
static void
on_editor_paned_notify_max_position_cb (GtkPaned             *paned,
                                        GParamSpec           *pspec,
                                        AttacheBriefingsView *self)
{
  int max_position, preview_min, preview_natural;

  if (self->preview_placed || gtk_widget_get_width (GTK_WIDGET (paned)) <= 0)
    return;

  g_object_get (paned, "max-position", &max_position, NULL);
  gtk_widget_measure (GTK_WIDGET (self->preview), GTK_ORIENTATION_HORIZONTAL, -1,
                      &preview_min, &preview_natural, NULL, NULL);
  gtk_paned_set_position (paned, MAX (0, max_position - (preview_natural - preview_min)));
  self->preview_placed = TRUE;
}

/* Switches the window to this view. */
static void
show_view (AttacheBriefingsView *self)
{
  GtkWidget *stack = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_VIEW_STACK);

  if (stack != NULL)
    adw_view_stack_set_visible_child (ADW_VIEW_STACK (stack), GTK_WIDGET (self));
}

/* The list */

/* "2 Apr 2024, 14:05", or "Today, 14:05" */
static char *
format_modified (gint64 seconds)
{
  g_autoptr(GDateTime) modified = g_date_time_new_from_unix_local (seconds);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  if (modified == NULL)
    return g_strdup ("");

  if (g_date_time_get_year (modified) == g_date_time_get_year (now) &&
      g_date_time_get_day_of_year (modified) == g_date_time_get_day_of_year (now))
    /* Translators: when a briefing was changed today; see g_date_time_format () */
    return g_date_time_format (modified, _("Today, %H:%M"));

  /* Translators: when a briefing was changed; see g_date_time_format () */
  return g_date_time_format (modified, _("%-e %b %Y, %H:%M"));
}

static GtkWidget *
new_briefing_row (const AttacheBriefing *briefing)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);
  GtkWidget *title = gtk_label_new (NULL);
  GtkWidget *details = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *marking = gtk_label_new (NULL);
  GtkWidget *status = gtk_label_new (NULL);
  GtkWidget *modified = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_ellipsize (GTK_LABEL (title), PANGO_ELLIPSIZE_END);
  gtk_label_set_lines (GTK_LABEL (title), 2);
  gtk_label_set_wrap (GTK_LABEL (title), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (title), PANGO_WRAP_WORD_CHAR);
  gtk_widget_add_css_class (title, "title");

  gtk_label_set_ellipsize (GTK_LABEL (marking), PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (GTK_LABEL (marking), 18);
  gtk_widget_add_css_class (marking, "marking");
  gtk_widget_add_css_class (status, "status");
  gtk_label_set_xalign (GTK_LABEL (modified), 0);
  gtk_label_set_ellipsize (GTK_LABEL (modified), PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (modified, TRUE);
  gtk_widget_add_css_class (modified, "dim-label");
  gtk_widget_add_css_class (modified, "caption");

  gtk_box_append (GTK_BOX (details), marking);
  gtk_box_append (GTK_BOX (details), status);
  gtk_box_append (GTK_BOX (details), modified);
  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (box), details);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_widget_add_css_class (row, "briefing-row");

  g_object_set_data (G_OBJECT (row), "title-label", title);
  g_object_set_data (G_OBJECT (row), "marking-label", marking);
  g_object_set_data (G_OBJECT (row), "status-label", status);
  g_object_set_data (G_OBJECT (row), "modified-label", modified);
  g_object_set_data_full (G_OBJECT (row), "briefing-id",
                          g_memdup2 (&briefing->id, sizeof briefing->id), g_free);

  return row;
}

static gint64
get_row_id (GtkListBoxRow *row)
{
  gint64 *id = row != NULL ? g_object_get_data (G_OBJECT (row), "briefing-id") : NULL;

  return id != NULL ? *id : 0;
}

static void
update_briefing_row (GtkWidget             *row,
                     const AttacheBriefing *briefing)
{
  GtkLabel *title = g_object_get_data (G_OBJECT (row), "title-label");
  GtkLabel *marking = g_object_get_data (G_OBJECT (row), "marking-label");
  GtkLabel *status = g_object_get_data (G_OBJECT (row), "status-label");
  GtkLabel *modified = g_object_get_data (G_OBJECT (row), "modified-label");
  g_autofree char *when = format_modified (briefing->modified);
  gboolean final = briefing->status == ATTACHE_BRIEFING_FINAL;

  gtk_label_set_text (title, briefing->title);
  gtk_label_set_text (marking, briefing->marking != NULL ? briefing->marking : "");
  gtk_widget_set_visible (GTK_WIDGET (marking), briefing->marking != NULL);
  gtk_widget_set_tooltip_text (GTK_WIDGET (marking), briefing->marking);
  gtk_label_set_text (status, final ? _("Final") : _("Draft"));
  if (final)
    {
      gtk_widget_add_css_class (GTK_WIDGET (status), "final");
      gtk_widget_remove_css_class (GTK_WIDGET (status), "draft");
    }
  else
    {
      gtk_widget_add_css_class (GTK_WIDGET (status), "draft");
      gtk_widget_remove_css_class (GTK_WIDGET (status), "final");
    }
  gtk_label_set_text (modified, when);
}

/* @format with its "%s" replaced by @title. */
static char *
format_label (const char *format,
              const char *title)
{
  const char *at = strstr (format, "%s");

  if (at == NULL)
    return g_strdup (format);

  return g_strdup_printf ("%.*s%s%s", (int) (at - format), format, title, at + 2);
}

/* @title as a menu shows it: an underscore in it is one, not a mnemonic. */
static char *
dup_menu_label (const char *title)
{
  g_auto(GStrv) parts = g_strsplit (title != NULL ? title : "", "_", -1);

  return g_strjoinv ("__", parts);
}

static void
update_add_menu (AttacheBriefingsView *self,
                 AddMenu              *add_menu)
{
  g_autoptr(GMenu) submenu = g_menu_new ();
  g_autoptr(GMenu) briefings = g_menu_new ();
  g_autoptr(GMenu) others = g_menu_new ();
  g_autoptr(GMenuItem) item = NULL;
  gint64 target = get_target (self);
  g_autofree char *label = NULL;

  if (add_menu->menu == NULL)
    return;

  if (target != 0)
    {
      g_autofree char *title = dup_menu_label (get_listed_title (self, target));

      label = format_label (add_menu->target_label, title);
    }
  else
    {
      label = g_strdup (add_menu->new_label);
    }

  item = g_menu_item_new (label, NULL);
  g_menu_item_set_action_and_target_value (item, add_menu->action_name,
                                           g_variant_new_int64 (ATTACHE_BRIEFING_TARGET));

  for (guint i = 0; self->briefings != NULL && i < self->briefings->len; i++)
    {
      const AttacheBriefing *briefing = self->briefings->pdata[i];
      g_autofree char *title = dup_menu_label (briefing->title);
      g_autoptr(GMenuItem) briefing_item = g_menu_item_new (title, NULL);

      g_menu_item_set_action_and_target_value (briefing_item, add_menu->action_name,
                                               g_variant_new_int64 (briefing->id));
      g_menu_append_item (briefings, briefing_item);
    }
  {
    g_autoptr(GMenuItem) new_item = g_menu_item_new (_("New Briefing"), NULL);

    g_menu_item_set_action_and_target_value (new_item, add_menu->action_name,
                                             g_variant_new_int64 (ATTACHE_BRIEFING_NEW));
    g_menu_append_item (others, new_item);
  }
  g_menu_append_section (submenu, NULL, G_MENU_MODEL (briefings));
  g_menu_append_section (submenu, NULL, G_MENU_MODEL (others));

  g_menu_remove_all (add_menu->menu);
  g_menu_append_item (add_menu->menu, item);
  g_menu_append_submenu (add_menu->menu, add_menu->submenu_label, G_MENU_MODEL (submenu));
}

static void
update_add_menus (AttacheBriefingsView *self)
{
  for (guint i = 0; i < self->add_menus->len; i++)
    update_add_menu (self, self->add_menus->pdata[i]);
}

static void
update_actions (AttacheBriefingsView *self)
{
  gboolean open = self->selected_id != 0;
  const char *names[] = { "delete", "export-pdf", "export-markdown", "print" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      GAction *action = g_action_map_lookup_action (G_ACTION_MAP (self->actions), names[i]);

      g_simple_action_set_enabled (G_SIMPLE_ACTION (action), open);
    }
}

static void
update_page (AttacheBriefingsView *self)
{
  if (!self->listed)
    gtk_stack_set_visible_child_name (self->stack, "loading");
  else if (self->briefings->len == 0)
    gtk_stack_set_visible_child_name (self->stack, "empty");
  else
    gtk_stack_set_visible_child_name (self->stack, "briefings");
}

static GtkListBoxRow *
find_row (AttacheBriefingsView *self,
          gint64                id)
{
  GtkListBoxRow *row;

  for (guint i = 0; (row = gtk_list_box_get_row_at_index (self->briefing_list, i)) != NULL; i++)
    if (get_row_id (row) == id)
      return row;

  return NULL;
}

static void
open_briefing (AttacheBriefingsView *self,
               gint64                id)
{
  /* Open already (listed before its creation was heard of): its title. */
  if (id == self->selected_id)
    {
      if (id != 0 && id == self->focus_title_id)
        {
          self->focus_title_id = 0;
          attache_briefing_editor_focus_title (self->editor);
        }
      return;
    }

  self->selected_id = id;
  if (id != 0)
    self->target_id = id;

  attache_briefing_editor_set_briefing_id (self->editor, id);
  if (id != 0 && id == self->focus_title_id)
    {
      self->focus_title_id = 0;
      attache_briefing_editor_focus_title (self->editor);
    }

  update_actions (self);
  update_add_menus (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED]);
}

static void
fill_list (AttacheBriefingsView *self)
{
  gboolean same = TRUE;
  GtkListBoxRow *row;
  guint i;

  /* The same briefings in the same order: the rows are updated in place.
   * (The list's children are its rows and a popover: rows are found by
   * index.) */
  for (i = 0; (row = gtk_list_box_get_row_at_index (self->briefing_list, i)) != NULL; i++)
    if (i >= self->briefings->len ||
        get_row_id (row) != ((AttacheBriefing *) self->briefings->pdata[i])->id)
      same = FALSE;
  if (i != self->briefings->len)
    same = FALSE;

  self->filling = TRUE;

  if (!same)
    {
      while ((row = gtk_list_box_get_row_at_index (self->briefing_list, 0)) != NULL)
        gtk_list_box_remove (self->briefing_list, GTK_WIDGET (row));

      for (i = 0; i < self->briefings->len; i++)
        gtk_list_box_append (self->briefing_list, new_briefing_row (self->briefings->pdata[i]));
    }

  for (i = 0; (row = gtk_list_box_get_row_at_index (self->briefing_list, i)) != NULL; i++)
    update_briefing_row (GTK_WIDGET (row), self->briefings->pdata[i]);

  /* The briefing asked for, else the one open; when it is gone, the first one. */
  row = self->pending_select_id != 0 ? find_row (self, self->pending_select_id) : NULL;
  if (row != NULL)
    self->pending_select_id = 0;
  if (row == NULL && self->selected_id != 0)
    row = find_row (self, self->selected_id);
  if (row == NULL && self->briefings->len > 0)
    row = gtk_list_box_get_row_at_index (self->briefing_list, 0);

  if (row != gtk_list_box_get_selected_row (self->briefing_list))
    gtk_list_box_select_row (self->briefing_list, row);

  self->filling = FALSE;
  open_briefing (self, get_row_id (row));
}

static void
list_briefings_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(AttacheBriefingsView) self = user_data;
  g_autoptr(GPtrArray) briefings = NULL;
  g_autoptr(GError) error = NULL;
  guint n_before;

  briefings = attache_library_list_briefings_finish (ATTACHE_LIBRARY (object), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  g_clear_object (&self->list_cancellable);

  if (briefings == NULL)
    {
      show_error (self, _("Could not list the briefings"), error);
    }
  else
    {
      n_before = self->briefings->len;
      g_clear_pointer (&self->briefings, g_ptr_array_unref);
      self->briefings = g_steal_pointer (&briefings);
      self->listed = TRUE;

      fill_list (self);
      update_page (self);
      update_add_menus (self);
      if (n_before != self->briefings->len)
        g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_BRIEFINGS]);
    }

  if (self->list_pending)
    reload_list (self);
  else
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

static void
reload_list (AttacheBriefingsView *self)
{
  if (self->library == NULL)
    return;

  /* One listing at a time, and one more for what changed meanwhile. */
  if (self->list_cancellable != NULL)
    {
      self->list_pending = TRUE;
      return;
    }

  self->list_pending = FALSE;
  self->list_cancellable = g_cancellable_new ();
  attache_library_list_briefings_async (self->library, self->list_cancellable,
                                        list_briefings_cb, g_object_ref (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

static void
on_library_briefings_changed_cb (AttacheLibrary       *library,
                                 gint64                briefing_id,
                                 AttacheBriefingsView *self)
{
  reload_list (self);
}

static void
on_briefing_list_row_selected_cb (GtkListBox           *list,
                                  GtkListBoxRow        *row,
                                  AttacheBriefingsView *self)
{
  if (self->filling || row == NULL)
    return;

  open_briefing (self, get_row_id (row));
}

static void
on_editor_notify_busy_cb (AttacheBriefingEditor *editor,
                          GParamSpec            *pspec,
                          AttacheBriefingsView  *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

/* New */

static void
create_briefing_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(AttacheBriefingsView) self = user_data;
  g_autoptr(GError) error = NULL;
  gint64 id;

  id = attache_library_create_briefing_finish (ATTACHE_LIBRARY (object), result, &error);
  if (id == 0)
    {
      show_error (self, _("Could not create a briefing"), error);
      return;
    }

  /* Opened once it is listed; its title to be typed over. */
  self->focus_title_id = id;
  attache_briefings_view_select (self, id);
}

void
attache_briefings_view_new_briefing (AttacheBriefingsView *self)
{
  g_autoptr(AttacheBriefing) fields = NULL;

  g_return_if_fail (ATTACHE_IS_BRIEFINGS_VIEW (self));
  g_return_if_fail (self->queue != NULL);

  fields = attache_briefing_new (_("Untitled Briefing"));
  attache_briefing_queue_create_briefing (self->queue, fields, create_briefing_cb, g_object_ref (self));
}

/* Deleting, and Undo */

typedef struct
{
  AttacheBriefingsView *self;
  AttacheBriefing      *briefing;   /* as it was, whole */
} DeleteData;

static void
delete_data_free (gpointer  data,
                  GClosure *closure)
{
  DeleteData *delete = data;

  g_clear_object (&delete->self);
  g_clear_pointer (&delete->briefing, attache_briefing_free);
  g_free (delete);
}

static void
restore_briefing_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  DeleteData *delete = user_data;
  g_autoptr(GError) error = NULL;

  if (!attache_library_restore_briefing_finish (ATTACHE_LIBRARY (object), result, &error))
    show_error (delete->self, _("Could not put the briefing back"), error);
  else
    attache_briefings_view_select (delete->self, delete->briefing->id);

  delete_data_free (delete, NULL);
}

static void
on_undo_delete_clicked_cb (AdwToast   *toast,
                           DeleteData *delete)
{
  DeleteData *restore = g_new0 (DeleteData, 1);

  restore->self = g_object_ref (delete->self);
  restore->briefing = attache_briefing_copy (delete->briefing);
  attache_briefing_queue_restore_briefing (delete->self->queue, delete->briefing,
                                           restore_briefing_cb, restore);
}

static void
delete_briefing_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  DeleteData *delete = user_data;
  AttacheBriefingsView *self = delete->self;
  g_autoptr(GError) error = NULL;
  AdwToast *toast;

  if (!attache_library_delete_briefing_finish (ATTACHE_LIBRARY (object), result, &error))
    {
      show_error (self, _("Could not delete the briefing"), error);
      delete_data_free (delete, NULL);
      return;
    }

  {
    g_autofree char *escaped = g_markup_escape_text (delete->briefing->title, -1);

    /* Translators: %s is a briefing's title */
    toast = adw_toast_new_format (_("“%s” deleted"), escaped);
  }
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  g_signal_connect_data (toast, "button-clicked", G_CALLBACK (on_undo_delete_clicked_cb),
                         delete, delete_data_free, 0);
  add_toast (self, toast);
}

/* Read whole first, for Undo. */
static void
load_to_delete_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(AttacheBriefingsView) self = user_data;
  g_autoptr(AttacheBriefing) briefing = NULL;
  g_autoptr(GError) error = NULL;
  DeleteData *delete;

  briefing = attache_library_load_briefing_finish (ATTACHE_LIBRARY (object), result, &error);
  if (briefing == NULL)
    {
      show_error (self, _("Could not delete the briefing"), error);
      return;
    }

  delete = g_new0 (DeleteData, 1);
  delete->self = g_object_ref (self);
  delete->briefing = g_steal_pointer (&briefing);
  attache_briefing_queue_delete_briefing (self->queue, delete->briefing->id, delete_briefing_cb, delete);
}

static void
delete_briefing (AttacheBriefingsView *self,
                 gint64                id)
{
  if (id == 0 || self->queue == NULL)
    return;

  /* What is being typed in it is written first, then all of it read for Undo. */
  if (id == self->selected_id)
    attache_briefing_editor_flush (self->editor);

  attache_briefing_queue_load_briefing (self->queue, id, load_to_delete_cb, g_object_ref (self));
}

/* Adding from elsewhere in the window */

typedef enum
{
  ADD_EXCERPT,
  ADD_ARTICLE,
  ADD_ACTORS,
} AddKind;

typedef struct
{
  AttacheBriefingsView *self;
  AddKind               kind;
  gint64                briefing_id;
  gint64                section_id;
  gint64                article_id;
  GArray               *more_ids;  /* ADD_ARTICLE: articles added before article_id, or NULL */
  guint                 from;
  guint                 to;
} AddData;

static void
add_data_free (AddData *data)
{
  g_clear_object (&data->self);
  g_clear_pointer (&data->more_ids, g_array_unref);
  g_free (data);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AddData, add_data_free)

static void
on_show_added_clicked_cb (AdwToast             *toast,
                          AttacheBriefingsView *self)
{
  gint64 *briefing_id = g_object_get_data (G_OBJECT (toast), "briefing-id");
  gint64 *block_id = g_object_get_data (G_OBJECT (toast), "block-id");

  show_view (self);
  attache_briefings_view_select (self, *briefing_id);
  attache_briefing_editor_show_block (self->editor, *block_id);
}

static void
added_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(AddData) data = user_data;
  AttacheBriefingsView *self = data->self;
  g_autoptr(GError) error = NULL;
  g_autofree char *title = g_markup_escape_text (get_listed_title (self, data->briefing_id), -1);
  AdwToast *toast;
  gint64 id;

  id = attache_library_add_briefing_block_finish (ATTACHE_LIBRARY (object), result, &error);
  if (id == 0)
    {
      show_error (self,
                  data->kind == ADD_EXCERPT ? _("Could not add the excerpt") :
                  data->kind == ADD_ARTICLE ? _("Could not add the article") :
                  _("Could not add the key actors"),
                  error);
      return;
    }

  self->target_id = data->briefing_id;
  update_add_menus (self);

  switch (data->kind)
    {
    case ADD_EXCERPT:
      /* Translators: %s is a briefing's title */
      toast = adw_toast_new_format (_("Excerpt added to “%s”"), title);
      break;
    case ADD_ARTICLE:
      if (data->more_ids != NULL && data->more_ids->len > 0)
        {
          guint n_articles = data->more_ids->len + 1;

          /* Translators: %u is a number of articles, %s a briefing's title */
          toast = adw_toast_new_format (ngettext ("%u article added to “%s”", "%u articles added to “%s”",
                                                  n_articles),
                                        n_articles, title);
        }
      else
        {
          /* Translators: %s is a briefing's title */
          toast = adw_toast_new_format (_("Article added to “%s”"), title);
        }
      break;
    case ADD_ACTORS:
    default:
      /* Translators: %s is a briefing's title */
      toast = adw_toast_new_format (_("Key actors added to “%s”"), title);
      break;
    }

  adw_toast_set_button_label (toast, _("_Show"));
  g_object_set_data_full (G_OBJECT (toast), "briefing-id",
                          g_memdup2 (&data->briefing_id, sizeof data->briefing_id), g_free);
  g_object_set_data_full (G_OBJECT (toast), "block-id", g_memdup2 (&id, sizeof id), g_free);
  g_signal_connect_object (toast, "button-clicked", G_CALLBACK (on_show_added_clicked_cb), self, 0);
  add_toast (self, toast);
}

static void
reference_added_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  AddData *data = user_data;
  g_autoptr(GError) error = NULL;

  /* The actors table comes next, queued already: it says how it went. */
  if (attache_library_add_briefing_block_finish (ATTACHE_LIBRARY (object), result, &error) == 0)
    show_error (data->self, _("Could not add the article"), error);
}

static AttacheBriefingPlace
get_place (AddData *data)
{
  AttacheBriefingPlace place = { 0, };

  place.briefing_id = data->briefing_id;
  place.section_id = data->section_id;
  place.position = G_MAXUINT;

  return place;
}

/* Is article @article_id quoted or cited in @briefing? */
static gboolean
cites (const AttacheBriefing *briefing,
       gint64                 article_id)
{
  for (guint i = 0; i < briefing->sections->len; i++)
    {
      const AttacheBriefingSection *section = briefing->sections->pdata[i];

      for (guint j = 0; j < section->blocks->len; j++)
        {
          const AttacheBriefingBlock *block = section->blocks->pdata[j];

          if ((block->kind == ATTACHE_BLOCK_EXCERPT || block->kind == ATTACHE_BLOCK_ARTICLE) &&
              block->source.article_id == article_id)
            return TRUE;
        }
    }

  return FALSE;
}

static void
load_for_actors_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(AddData) data = user_data;
  g_autoptr(AttacheBriefing) briefing = NULL;
  g_autoptr(GError) error = NULL;
  AttacheBriefingPlace place = get_place (data);
  AttacheBriefingQueue *queue = data->self->queue;

  briefing = attache_library_load_briefing_finish (ATTACHE_LIBRARY (object), result, &error);
  if (briefing == NULL)
    {
      show_error (data->self, _("Could not add the key actors"), error);
      return;
    }

  /* The table is of the articles the briefing cites: this one among them. */
  if (!cites (briefing, data->article_id))
    attache_briefing_queue_add_article (queue, &place, data->article_id, reference_added_cb, data);

  attache_briefing_queue_add_table (queue, &place, ATTACHE_BLOCK_ACTORS, added_cb, g_steal_pointer (&data));
}

static void
add_to (AddData *data)
{
  AttacheBriefingsView *self = data->self;
  AttacheBriefingPlace place;

  /* In the section with the focus, when the briefing is open. */
  if (data->briefing_id == self->selected_id)
    data->section_id = attache_briefing_editor_get_focus_section (self->editor);

  place = get_place (data);

  switch (data->kind)
    {
    case ADD_EXCERPT:
      attache_briefing_queue_add_excerpt (self->queue, &place, data->article_id, data->from, data->to,
                                          added_cb, data);
      break;
    case ADD_ARTICLE:
      /* The queue writes one at a time, in order: the last says how it went. */
      for (guint i = 0; data->more_ids != NULL && i < data->more_ids->len; i++)
        attache_briefing_queue_add_article (self->queue, &place, g_array_index (data->more_ids, gint64, i),
                                            reference_added_cb, data);
      attache_briefing_queue_add_article (self->queue, &place, data->article_id, added_cb, data);
      break;
    case ADD_ACTORS:
    default:
      attache_briefing_queue_load_briefing (self->queue, data->briefing_id, load_for_actors_cb, data);
      break;
    }
}

static void
create_to_add_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(AddData) data = user_data;
  g_autoptr(GError) error = NULL;

  data->briefing_id = attache_library_create_briefing_finish (ATTACHE_LIBRARY (object), result, &error);
  if (data->briefing_id == 0)
    {
      show_error (data->self, _("Could not create a briefing"), error);
      return;
    }

  data->self->target_id = data->briefing_id;
  add_to (g_steal_pointer (&data));
}

static void
start_add (AttacheBriefingsView *self,
           AddData              *data)
{
  g_return_if_fail (self->queue != NULL);

  data->self = g_object_ref (self);

  if (data->briefing_id == ATTACHE_BRIEFING_TARGET)
    data->briefing_id = get_target (self);

  if (data->briefing_id <= 0)
    {
      g_autoptr(AttacheBriefing) fields = attache_briefing_new (_("Untitled Briefing"));

      attache_briefing_queue_create_briefing (self->queue, fields, create_to_add_cb, data);
      return;
    }

  /* What is being typed in it is written first. */
  if (data->briefing_id == self->selected_id)
    attache_briefing_editor_flush (self->editor);

  add_to (data);
}

/* Dropping text: an excerpt, when it is the reader's selection. */

static gboolean
on_list_drop_cb (GtkDropTarget        *target,
                 const GValue         *value,
                 double                x,
                 double                y,
                 AttacheBriefingsView *self)
{
  GtkListBoxRow *row = gtk_list_box_get_row_at_y (self->briefing_list, (int) y);
  gboolean handled = FALSE;

  if (row == NULL || !G_VALUE_HOLDS_STRING (value))
    return FALSE;

  g_signal_emit (self, signals[SIGNAL_TEXT_DROPPED], 0, get_row_id (row), g_value_get_string (value), &handled);
  return handled;
}

static gboolean
on_editor_drop_cb (GtkDropTarget        *target,
                   const GValue         *value,
                   double                x,
                   double                y,
                   AttacheBriefingsView *self)
{
  gboolean handled = FALSE;

  if (self->selected_id == 0 || !G_VALUE_HOLDS_STRING (value))
    return FALSE;

  g_signal_emit (self, signals[SIGNAL_TEXT_DROPPED], 0, self->selected_id, g_value_get_string (value), &handled);
  return handled;
}

/* The row menu */

static void
popup_row_menu (AttacheBriefingsView *self,
                double                x,
                double                y)
{
  GtkListBoxRow *row = gtk_list_box_get_row_at_y (self->briefing_list, (int) y);
  g_autoptr(GMenu) menu = NULL;
  g_autoptr(GMenu) section = NULL;
  g_autoptr(GMenuItem) item = NULL;
  gint64 id = get_row_id (row);

  if (id == 0)
    return;

  gtk_list_box_select_row (self->briefing_list, row);

  menu = g_menu_new ();
  section = g_menu_new ();
  g_menu_append (section, _("Export as _PDF…"), "briefings.export-pdf");
  g_menu_append (section, _("Export as _Markdown…"), "briefings.export-markdown");
  g_menu_append (section, _("_Print…"), "briefings.print");
  g_menu_append_section (menu, NULL, G_MENU_MODEL (section));
  g_clear_object (&section);

  section = g_menu_new ();
  item = g_menu_item_new (_("_Delete Briefing"), NULL);
  g_menu_item_set_action_and_target_value (item, "briefings.delete", g_variant_new_int64 (id));
  g_menu_append_item (section, item);
  g_menu_append_section (menu, NULL, G_MENU_MODEL (section));

  gtk_popover_menu_set_menu_model (GTK_POPOVER_MENU (self->row_menu), G_MENU_MODEL (menu));
  gtk_popover_set_pointing_to (GTK_POPOVER (self->row_menu), &(GdkRectangle) { (int) x, (int) y, 1, 1 });
  gtk_popover_popup (GTK_POPOVER (self->row_menu));
}

static void
on_list_pressed_cb (GtkGestureClick      *gesture,
                    int                   n_press,
                    double                x,
                    double                y,
                    AttacheBriefingsView *self)
{
  popup_row_menu (self, x, y);
  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
}

static void
on_list_long_pressed_cb (GtkGestureLongPress  *gesture,
                         double                x,
                         double                y,
                         AttacheBriefingsView *self)
{
  popup_row_menu (self, x, y);
}

static gboolean
delete_selected_cb (GtkWidget *widget,
                    GVariant  *args,
                    gpointer   user_data)
{
  AttacheBriefingsView *self = user_data;

  delete_briefing (self, get_row_id (gtk_list_box_get_selected_row (self->briefing_list)));
  return TRUE;
}

static void
setup_list (AttacheBriefingsView *self)
{
  GtkGesture *click = gtk_gesture_click_new ();
  GtkGesture *long_press = gtk_gesture_long_press_new ();
  GtkEventController *shortcuts = gtk_shortcut_controller_new ();
  GtkDropTarget *list_target = gtk_drop_target_new (G_TYPE_STRING, GDK_ACTION_COPY);
  GtkDropTarget *editor_target = gtk_drop_target_new (G_TYPE_STRING, GDK_ACTION_COPY);

  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_SECONDARY);
  g_signal_connect (click, "pressed", G_CALLBACK (on_list_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->briefing_list), GTK_EVENT_CONTROLLER (click));

  gtk_gesture_single_set_touch_only (GTK_GESTURE_SINGLE (long_press), TRUE);
  g_signal_connect (long_press, "pressed", G_CALLBACK (on_list_long_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->briefing_list), GTK_EVENT_CONTROLLER (long_press));

  /* Delete deletes the briefing selected, in the list only. */
  gtk_shortcut_controller_set_scope (GTK_SHORTCUT_CONTROLLER (shortcuts), GTK_SHORTCUT_SCOPE_LOCAL);
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                        gtk_shortcut_new (gtk_shortcut_trigger_parse_string ("Delete|KP_Delete"),
                                                          gtk_callback_action_new (delete_selected_cb,
                                                                                   self, NULL)));
  gtk_widget_add_controller (GTK_WIDGET (self->briefing_list), shortcuts);

  g_signal_connect (list_target, "drop", G_CALLBACK (on_list_drop_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->briefing_list), GTK_EVENT_CONTROLLER (list_target));
  g_signal_connect (editor_target, "drop", G_CALLBACK (on_editor_drop_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->editor), GTK_EVENT_CONTROLLER (editor_target));

  self->row_menu = gtk_popover_menu_new_from_model (NULL);
  gtk_popover_set_has_arrow (GTK_POPOVER (self->row_menu), FALSE);
  gtk_popover_set_position (GTK_POPOVER (self->row_menu), GTK_POS_BOTTOM);
  gtk_widget_set_halign (self->row_menu, GTK_ALIGN_START);
  gtk_widget_set_parent (self->row_menu, GTK_WIDGET (self->briefing_list));

  g_signal_connect (self->briefing_list, "row-selected", G_CALLBACK (on_briefing_list_row_selected_cb), self);
}

/* Exporting */

typedef struct
{
  AttacheBriefingsView  *self;
  GFile                 *file;
  AttacheBriefingFormat  format;
  AttacheBriefingPaper   paper;
  AttacheBriefing       *briefing;
} ExportData;

static void
export_data_free (ExportData *data)
{
  g_clear_object (&data->self);
  g_clear_object (&data->file);
  g_clear_pointer (&data->briefing, attache_briefing_free);
  g_free (data);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ExportData, export_data_free)

static char *
dup_file_name (GFile *file)
{
  g_autofree char *path = g_file_get_path (file);

  if (path != NULL)
    return g_filename_display_basename (path);

  return g_file_get_parse_name (file);
}

static void
export_worker (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ExportData *data = task_data;
  g_autofree char *path = g_file_get_path (data->file);
  GError *error = NULL;
  gboolean ok = FALSE;

  if (path == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED, "%s",
                               _("Only a file on this computer can be written"));
      return;
    }

  switch (data->format)
    {
    case ATTACHE_BRIEFING_FORMAT_MARKDOWN:
      ok = attache_briefing_export_markdown (data->briefing, path, &error);
      break;

    case ATTACHE_BRIEFING_FORMAT_PDF:
    default:
      ok = attache_briefing_export_pdf (data->briefing, path, data->paper, &error);
      break;
    }

  if (ok)
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
on_open_exported_clicked_cb (AdwToast             *toast,
                             AttacheBriefingsView *self)
{
  GFile *file = g_object_get_data (G_OBJECT (toast), "file");
  g_autofree char *uri = g_file_get_uri (file);

  attache_compat_open_uri (GTK_WIDGET (self), uri);
}

static void
export_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  ExportData *data = g_task_get_task_data (G_TASK (result));
  AttacheBriefingsView *self = ATTACHE_BRIEFINGS_VIEW (object);
  g_autoptr(GError) error = NULL;
  g_autofree char *name = dup_file_name (data->file);

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      g_autofree char *body = NULL;

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;

      /* Translators: the file, then why it could not be written */
      body = g_strdup_printf (_("“%s” could not be written: %s.\n\nNothing was left behind. Choose "
                                "another folder, or check that the disk has space left."),
                              name, error->message);
      attache_compat_alert_async (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                  _("Could Not Export the Briefing"), body, NULL, _("_Close"),
                                  NULL, NULL, NULL);
      return;
    }

  {
    g_autofree char *escaped = g_markup_escape_text (name, -1);
    /* Translators: %s is the name of the file written */
    AdwToast *toast = adw_toast_new_format (_("Exported to “%s”"), escaped);

      adw_toast_set_button_label (toast, _("_Open"));
    g_object_set_data_full (G_OBJECT (toast), "file", g_object_ref (data->file), g_object_unref);
    g_signal_connect_object (toast, "button-clicked", G_CALLBACK (on_open_exported_clicked_cb), self, 0);
    add_toast (self, toast);
  }
}

static void
load_to_export_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(ExportData) data = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GTask) task = NULL;
  AttacheBriefingsView *self = data->self;

  data->briefing = attache_library_load_briefing_finish (ATTACHE_LIBRARY (object), result, &error);
  if (data->briefing == NULL)
    {
      show_error (self, _("Could not export the briefing"), error);
      return;
    }

  task = g_task_new (self, self->cancellable, export_cb, NULL);
  g_task_set_source_tag (task, attache_briefings_view_export);
  g_clear_object (&data->self);
  g_task_set_task_data (task, g_steal_pointer (&data), (GDestroyNotify) export_data_free);
  g_task_run_in_thread (task, export_worker);
}

void
attache_briefings_view_export (AttacheBriefingsView  *self,
                               GFile                 *file,
                               AttacheBriefingFormat  format)
{
  ExportData *data;

  g_return_if_fail (ATTACHE_IS_BRIEFINGS_VIEW (self));
  g_return_if_fail (G_IS_FILE (file));

  if (self->selected_id == 0 || self->queue == NULL)
    return;

  /* Everything typed, written, then read back whole. */
  attache_briefing_editor_flush (self->editor);

  data = g_new0 (ExportData, 1);
  data->self = g_object_ref (self);
  data->file = g_object_ref (file);
  data->format = format;
  data->paper = get_paper (self);
  attache_briefing_queue_load_briefing (self->queue, self->selected_id, load_to_export_cb, data);
}

/* A file name from a title: what file systems and people both accept. */
static char *
dup_suggested_name (const char *title,
                    const char *extension)
{
  g_autoptr(GString) name = g_string_new (NULL);

  for (const char *p = title; p != NULL && *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == '/' || c == '\\' || c == ':' || c == '*' || c == '?' || c == '"' ||
          c == '<' || c == '>' || c == '|' || g_unichar_iscntrl (c))
        g_string_append_c (name, '-');
      else
        g_string_append_unichar (name, c);
    }

  g_strstrip (name->str);
  g_string_set_size (name, strlen (name->str));
  if (name->len == 0 || name->str[0] == '.')
    g_string_prepend (name, _("Briefing"));

  g_string_append (name, extension);
  return g_string_free (g_steal_pointer (&name), FALSE);
}

typedef struct
{
  AttacheBriefingsView  *self;
  AttacheBriefingFormat  format;
} ChooseData;

static void
choose_export_file_cb (GObject      *object,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  ChooseData *choose = user_data;
  g_autoptr(AttacheBriefingsView) self = choose->self;
  AttacheBriefingFormat format = choose->format;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;

  g_free (choose);
  file = attache_compat_save_file_finish (result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
      g_cancellable_is_cancelled (self->cancellable))
    return;

  if (file == NULL)
    {
      show_error (self, _("Could not choose a file"), error);
      return;
    }

  attache_briefings_view_export (self, file, format);
}

static void
choose_export_file (AttacheBriefingsView  *self,
                    AttacheBriefingFormat  format)
{
  const AttacheBriefing *briefing = attache_briefing_editor_get_briefing (self->editor);
  g_autofree char *name = NULL;
  ChooseData *choose;

  if (self->selected_id == 0)
    return;

  name = dup_suggested_name (briefing != NULL ? briefing->title : get_listed_title (self, self->selected_id),
                             format == ATTACHE_BRIEFING_FORMAT_PDF ? ".pdf" : ".md");

  choose = g_new0 (ChooseData, 1);
  choose->self = g_object_ref (self);
  choose->format = format;
  attache_compat_save_file_async (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                  format == ATTACHE_BRIEFING_FORMAT_PDF ? _("Export as PDF")
                                                                        : _("Export as Markdown"),
                                  name, self->cancellable, choose_export_file_cb, choose);
}

/* Printing: GtkPrintOperation, drawing with the PDF's renderer */

typedef struct
{
  AttacheBriefingsView  *self;
  AttacheBriefing       *briefing;
  AttacheBriefingLayout *layout;
  char                  *export_path;   /* a PDF without the dialog (tests), or NULL */
} PrintData;

static void
print_data_free (PrintData *data)
{
  g_clear_object (&data->self);
  g_clear_pointer (&data->briefing, attache_briefing_free);
  g_clear_pointer (&data->layout, attache_briefing_layout_free);
  g_free (data->export_path);
  g_free (data);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PrintData, print_data_free)

static void
print_data_closure_free (gpointer  data,
                         GClosure *closure)
{
  print_data_free (data);
}

static gboolean
is_letter (GtkPaperSize *size)
{
  /* By name, or by size (612 × 792 points, give or take a point). */
  return g_strcmp0 (gtk_paper_size_get_name (size), GTK_PAPER_NAME_LETTER) == 0 ||
         (ABS (gtk_paper_size_get_width (size, GTK_UNIT_POINTS) - 612) < 2 &&
          ABS (gtk_paper_size_get_height (size, GTK_UNIT_POINTS) - 792) < 2);
}

/* Laid out on the paper chosen in the dialog. */
static void
on_begin_print_cb (GtkPrintOperation *operation,
                   GtkPrintContext   *context,
                   PrintData         *data)
{
  GtkPageSetup *setup = gtk_print_context_get_page_setup (context);
  AttacheBriefingPaper paper = is_letter (gtk_page_setup_get_paper_size (setup)) ?
                               ATTACHE_BRIEFING_PAPER_LETTER : ATTACHE_BRIEFING_PAPER_A4;

  g_clear_pointer (&data->layout, attache_briefing_layout_free);
  data->layout = attache_briefing_layout_new (data->briefing, paper, NULL);
}

/* A few pages at a time, between which the window goes on. */
static gboolean
on_paginate_cb (GtkPrintOperation *operation,
                GtkPrintContext   *context,
                PrintData         *data)
{
  if (!attache_briefing_layout_paginate (data->layout, 8))
    return FALSE;

  gtk_print_operation_set_n_pages (operation, attache_briefing_layout_get_n_pages (data->layout));
  return TRUE;
}

static void
on_draw_page_cb (GtkPrintOperation *operation,
                 GtkPrintContext   *context,
                 int                page,
                 PrintData         *data)
{
  attache_briefing_layout_render_page (data->layout, page, gtk_print_context_get_cairo_context (context), 1.0);
}

static void
on_print_done_cb (GtkPrintOperation       *operation,
                  GtkPrintOperationResult  result,
                  PrintData               *data)
{
  g_autoptr(GError) error = NULL;

  if (result != GTK_PRINT_OPERATION_RESULT_ERROR)
    return;

  gtk_print_operation_get_error (operation, &error);
  if (error != NULL)
    {
      /* Translators: why the briefing could not be printed */
      g_autofree char *body = g_strdup_printf (_("%s.\n\nCheck the printer, or export the briefing as a "
                                                 "PDF and print that."), error->message);

      attache_compat_alert_async (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (data->self))),
                                  _("Could Not Print the Briefing"), body, NULL, _("_Close"),
                                  NULL, NULL, NULL);
    }
}

static void
load_to_print_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(PrintData) data = user_data;
  g_autoptr(GtkPrintOperation) operation = NULL;
  g_autoptr(GtkPageSetup) setup = NULL;
  g_autoptr(GtkPaperSize) paper_size = NULL;
  g_autoptr(GError) error = NULL;
  AttacheBriefingsView *self = data->self;
  GtkWindow *parent = GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self)));
  PrintData *print;

  data->briefing = attache_library_load_briefing_finish (ATTACHE_LIBRARY (object), result, &error);
  if (data->briefing == NULL)
    {
      show_error (self, _("Could not print the briefing"), error);
      return;
    }

  operation = gtk_print_operation_new ();
  gtk_print_operation_set_job_name (operation, data->briefing->title);
  /* The layout keeps its own margins, in points. */
  gtk_print_operation_set_unit (operation, GTK_UNIT_POINTS);
  gtk_print_operation_set_use_full_page (operation, TRUE);
  gtk_print_operation_set_allow_async (operation, TRUE);
  gtk_print_operation_set_embed_page_setup (operation, TRUE);

  paper_size = gtk_paper_size_new (get_paper (self) == ATTACHE_BRIEFING_PAPER_LETTER ?
                                   GTK_PAPER_NAME_LETTER : GTK_PAPER_NAME_A4);
  setup = gtk_page_setup_new ();
  gtk_page_setup_set_paper_size (setup, paper_size);
  gtk_print_operation_set_default_page_setup (operation, setup);

  if (data->export_path != NULL)
    gtk_print_operation_set_export_filename (operation, data->export_path);

  print = g_steal_pointer (&data);
  g_signal_connect (operation, "begin-print", G_CALLBACK (on_begin_print_cb), print);
  g_signal_connect (operation, "paginate", G_CALLBACK (on_paginate_cb), print);
  g_signal_connect (operation, "draw-page", G_CALLBACK (on_draw_page_cb), print);
  g_signal_connect_data (operation, "done", G_CALLBACK (on_print_done_cb), print,
                         print_data_closure_free, 0);

  if (gtk_print_operation_run (operation,
                               print->export_path != NULL ? GTK_PRINT_OPERATION_ACTION_EXPORT
                                                          : GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG,
                               parent, &error) == GTK_PRINT_OPERATION_RESULT_ERROR &&
      error != NULL)
    show_error (self, _("Could not print the briefing"), error);
}

void
_attache_briefings_view_print (AttacheBriefingsView *self,
                               const char           *export_path)
{
  PrintData *data;

  g_return_if_fail (ATTACHE_IS_BRIEFINGS_VIEW (self));

  if (self->selected_id == 0 || self->queue == NULL)
    return;

  /* Everything typed, written, then read back whole. */
  attache_briefing_editor_flush (self->editor);

  data = g_new0 (PrintData, 1);
  data->self = g_object_ref (self);
  data->export_path = g_strdup (export_path);
  attache_briefing_queue_load_briefing (self->queue, self->selected_id, load_to_print_cb, data);
}

/* Actions */

static void
new_activated (GSimpleAction *action,
               GVariant      *parameter,
               gpointer       user_data)
{
  AttacheBriefingsView *self = user_data;

  show_view (self);
  attache_briefings_view_new_briefing (self);
}

static void
delete_activated (GSimpleAction *action,
                  GVariant      *parameter,
                  gpointer       user_data)
{
  AttacheBriefingsView *self = user_data;
  gint64 id = g_variant_get_int64 (parameter);

  delete_briefing (self, id != 0 ? id : self->selected_id);
}

static void
export_pdf_activated (GSimpleAction *action,
                      GVariant      *parameter,
                      gpointer       user_data)
{
  choose_export_file (user_data, ATTACHE_BRIEFING_FORMAT_PDF);
}

static void
export_markdown_activated (GSimpleAction *action,
                           GVariant      *parameter,
                           gpointer       user_data)
{
  choose_export_file (user_data, ATTACHE_BRIEFING_FORMAT_MARKDOWN);
}

static void
print_activated (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  _attache_briefings_view_print (user_data, NULL);
}

static void
show_activated (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  AttacheBriefingsView *self = user_data;

  show_view (self);
  attache_briefings_view_select (self, g_variant_get_int64 (parameter));
}

static const GActionEntry action_entries[] = {
  { .name = "new", .activate = new_activated },
  { .name = "delete", .activate = delete_activated, .parameter_type = "x" },
  { .name = "export-pdf", .activate = export_pdf_activated },
  { .name = "export-markdown", .activate = export_markdown_activated },
  { .name = "print", .activate = print_activated },
  { .name = "show", .activate = show_activated, .parameter_type = "x" },
};

/* GObject */

static GSettings *
new_settings (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APP_ID, TRUE);

  return schema != NULL ? g_settings_new_full (schema, NULL, NULL) : NULL;
}

static void
add_menu_free (AddMenu *add_menu)
{
  g_clear_weak_pointer (&add_menu->menu);
  g_free (add_menu->action_name);
  g_free (add_menu->target_label);
  g_free (add_menu->new_label);
  g_free (add_menu->submenu_label);
  g_free (add_menu);
}

static void
attache_briefings_view_dispose (GObject *object)
{
  AttacheBriefingsView *self = ATTACHE_BRIEFINGS_VIEW (object);

  g_cancellable_cancel (self->cancellable);
  if (self->list_cancellable != NULL)
    g_cancellable_cancel (self->list_cancellable);
  g_clear_object (&self->list_cancellable);

  if (self->library != NULL)
    g_signal_handlers_disconnect_by_data (self->library, self);
  if (self->briefing_list != NULL)
    g_signal_handlers_disconnect_by_data (self->briefing_list, self);
  /* Writes under way keep the editor (and drawing, the preview) a while after
   * the view is gone: they tell it nothing more. */
  if (self->editor != NULL)
    g_signal_handlers_disconnect_by_data (self->editor, self);
  if (self->preview != NULL)
    g_signal_handlers_disconnect_by_data (self->preview, self);

  if (self->row_menu != NULL)
    {
      gtk_widget_unparent (self->row_menu);
      self->row_menu = NULL;
    }

  gtk_widget_dispose_template (GTK_WIDGET (self), ATTACHE_TYPE_BRIEFINGS_VIEW);

  if (self->settings != NULL)
    g_signal_handlers_disconnect_by_data (self->settings, self);

  g_clear_object (&self->queue);
  g_clear_object (&self->library);
  g_clear_object (&self->settings);
  g_clear_object (&self->actions);

  G_OBJECT_CLASS (attache_briefings_view_parent_class)->dispose (object);
}

static void
attache_briefings_view_finalize (GObject *object)
{
  AttacheBriefingsView *self = ATTACHE_BRIEFINGS_VIEW (object);

  g_clear_pointer (&self->briefings, g_ptr_array_unref);
  g_clear_pointer (&self->add_menus, g_ptr_array_unref);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (attache_briefings_view_parent_class)->finalize (object);
}

static void
attache_briefings_view_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  AttacheBriefingsView *self = ATTACHE_BRIEFINGS_VIEW (object);

  switch (prop_id)
    {
    case PROP_LIBRARY:
      g_value_set_object (value, self->library);
      break;

    case PROP_N_BRIEFINGS:
      g_value_set_uint (value, attache_briefings_view_get_n_briefings (self));
      break;

    case PROP_SELECTED:
      g_value_set_int64 (value, self->selected_id);
      break;

    case PROP_BUSY:
      g_value_set_boolean (value, attache_briefings_view_get_busy (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
attache_briefings_view_set_property (GObject      *object,
                                     guint         prop_id,
                                     const GValue *value,
                                     GParamSpec   *pspec)
{
  AttacheBriefingsView *self = ATTACHE_BRIEFINGS_VIEW (object);

  switch (prop_id)
    {
    case PROP_LIBRARY:
      attache_briefings_view_set_library (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
attache_briefings_view_class_init (AttacheBriefingsViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = attache_briefings_view_dispose;
  object_class->finalize = attache_briefings_view_finalize;
  object_class->get_property = attache_briefings_view_get_property;
  object_class->set_property = attache_briefings_view_set_property;

  properties[PROP_LIBRARY] =
    g_param_spec_object ("library", NULL, NULL,
                         ATTACHE_TYPE_LIBRARY,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_N_BRIEFINGS] =
    g_param_spec_uint ("n-briefings", NULL, NULL,
                       0, G_MAXUINT, 0,
                       (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_SELECTED] =
    g_param_spec_int64 ("selected", NULL, NULL,
                        0, G_MAXINT64, 0,
                        (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * AttacheBriefingsView::text-dropped:
   * @briefing_id: where it was dropped
   * @text: what was dropped
   *
   * Text was dropped on a briefing in the list, or on the one open. The
   * window makes an excerpt of it when it is the reader's selection.
   *
   * Returns: TRUE when the drop was taken
   */
  signals[SIGNAL_TEXT_DROPPED] =
    g_signal_new ("text-dropped",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, g_signal_accumulator_true_handled, NULL, NULL,
                  G_TYPE_BOOLEAN, 2, G_TYPE_INT64, G_TYPE_STRING);

  g_type_ensure (ATTACHE_TYPE_BRIEFING_EDITOR);
  g_type_ensure (ATTACHE_TYPE_BRIEFING_PREVIEW);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/attache/Attache/attache-briefings-view.ui");
  gtk_widget_class_bind_template_child (widget_class, AttacheBriefingsView, stack);
  gtk_widget_class_bind_template_child (widget_class, AttacheBriefingsView, list_paned);
  gtk_widget_class_bind_template_child (widget_class, AttacheBriefingsView, editor_paned);
  gtk_widget_class_bind_template_child (widget_class, AttacheBriefingsView, briefing_list);
  gtk_widget_class_bind_template_child (widget_class, AttacheBriefingsView, editor);
  gtk_widget_class_bind_template_child (widget_class, AttacheBriefingsView, preview);
  gtk_widget_class_bind_template_child_full (widget_class, "empty_new_button", FALSE, 0);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "briefingsview");
}

static void
attache_briefings_view_init (AttacheBriefingsView *self)
{
  self->cancellable = g_cancellable_new ();
  self->briefings = g_ptr_array_new_with_free_func ((GDestroyNotify) attache_briefing_free);
  self->add_menus = g_ptr_array_new_with_free_func ((GDestroyNotify) add_menu_free);
  self->settings = new_settings ();

  gtk_widget_init_template (GTK_WIDGET (self));

  self->actions = g_simple_action_group_new ();
  g_action_map_add_action_entries (G_ACTION_MAP (self->actions), action_entries,
                                   G_N_ELEMENTS (action_entries), self);
  gtk_widget_insert_action_group (GTK_WIDGET (self), "briefings", G_ACTION_GROUP (self->actions));

  setup_list (self);
  g_signal_connect (self->editor_paned, "notify::max-position",
                    G_CALLBACK (on_editor_paned_notify_max_position_cb), self);

  /* Printing, while the view has the focus (the window's other view has
   * nothing to print). */
  {
    GtkEventController *shortcuts = gtk_shortcut_controller_new ();

    gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                          gtk_shortcut_new (gtk_shortcut_trigger_parse_string ("<Control>p"),
                                                            gtk_named_action_new ("briefings.print")));
    gtk_widget_add_controller (GTK_WIDGET (self), shortcuts);
  }

  g_signal_connect (self->editor, "notify::busy", G_CALLBACK (on_editor_notify_busy_cb), self);
  g_signal_connect (self->editor, "notify::briefing", G_CALLBACK (on_editor_notify_briefing_cb), self);
  g_signal_connect (self->preview, "notify::busy", G_CALLBACK (on_editor_notify_busy_cb), self);
  if (self->settings != NULL)
    g_signal_connect (self->settings, "changed::briefing-paper",
                      G_CALLBACK (on_settings_briefing_paper_changed_cb), self);

  update_actions (self);
  update_page (self);
}

GtkWidget *
attache_briefings_view_new (void)
{
  return g_object_new (ATTACHE_TYPE_BRIEFINGS_VIEW, NULL);
}

AttacheLibrary *
attache_briefings_view_get_library (AttacheBriefingsView *self)
{
  g_return_val_if_fail (ATTACHE_IS_BRIEFINGS_VIEW (self), NULL);

  return self->library;
}

void
attache_briefings_view_set_library (AttacheBriefingsView *self,
                                    AttacheLibrary       *library)
{
  g_return_if_fail (ATTACHE_IS_BRIEFINGS_VIEW (self));
  g_return_if_fail (ATTACHE_IS_LIBRARY (library));

  if (library == self->library)
    return;
  g_return_if_fail (self->library == NULL);

  self->library = g_object_ref (library);
  self->queue = attache_briefing_queue_new (library);
  attache_briefing_editor_set_queue (self->editor, self->queue);
  g_signal_connect (library, "briefings-changed", G_CALLBACK (on_library_briefings_changed_cb), self);

  reload_list (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LIBRARY]);
}

GActionGroup *
attache_briefings_view_get_actions (AttacheBriefingsView *self)
{
  g_return_val_if_fail (ATTACHE_IS_BRIEFINGS_VIEW (self), NULL);

  return G_ACTION_GROUP (self->actions);
}

guint
attache_briefings_view_get_n_briefings (AttacheBriefingsView *self)
{
  g_return_val_if_fail (ATTACHE_IS_BRIEFINGS_VIEW (self), 0);

  return self->briefings->len;
}

gint64
attache_briefings_view_get_selected (AttacheBriefingsView *self)
{
  g_return_val_if_fail (ATTACHE_IS_BRIEFINGS_VIEW (self), 0);

  return self->selected_id;
}

void
attache_briefings_view_select (AttacheBriefingsView *self,
                               gint64                briefing_id)
{
  GtkListBoxRow *row;

  g_return_if_fail (ATTACHE_IS_BRIEFINGS_VIEW (self));

  /* Not listed yet (just created): selected once it is. */
  row = find_row (self, briefing_id);
  if (row == NULL)
    {
      self->pending_select_id = briefing_id;
      self->target_id = briefing_id;
      return;
    }

  self->pending_select_id = 0;
  gtk_list_box_select_row (self->briefing_list, row);
  open_briefing (self, briefing_id);
}

gboolean
attache_briefings_view_get_busy (AttacheBriefingsView *self)
{
  g_return_val_if_fail (ATTACHE_IS_BRIEFINGS_VIEW (self), FALSE);

  return self->list_cancellable != NULL || attache_briefing_editor_get_busy (self->editor) ||
         attache_briefing_preview_get_busy (self->preview);
}

void
attache_briefings_view_add_excerpt (AttacheBriefingsView *self,
                                    gint64                briefing_id,
                                    gint64                article_id,
                                    guint                 from,
                                    guint                 to)
{
  AddData *data;

  g_return_if_fail (ATTACHE_IS_BRIEFINGS_VIEW (self));

  data = g_new0 (AddData, 1);
  data->kind = ADD_EXCERPT;
  data->briefing_id = briefing_id;
  data->article_id = article_id;
  data->from = from;
  data->to = to;
  start_add (self, data);
}

void
attache_briefings_view_add_article (AttacheBriefingsView *self,
                                    gint64                briefing_id,
                                    gint64                article_id)
{
  attache_briefings_view_add_articles (self, briefing_id, &article_id, 1);
}

void
attache_briefings_view_add_articles (AttacheBriefingsView *self,
                                     gint64                briefing_id,
                                     const gint64         *article_ids,
                                     guint                 n_articles)
{
  AddData *data;

  g_return_if_fail (ATTACHE_IS_BRIEFINGS_VIEW (self));
  g_return_if_fail (article_ids != NULL && n_articles > 0);

  data = g_new0 (AddData, 1);
  data->kind = ADD_ARTICLE;
  data->briefing_id = briefing_id;
  data->article_id = article_ids[n_articles - 1];
  if (n_articles > 1)
    {
      data->more_ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), n_articles - 1);
      g_array_append_vals (data->more_ids, article_ids, n_articles - 1);
    }
  start_add (self, data);
}

void
attache_briefings_view_add_actors (AttacheBriefingsView *self,
                                   gint64                briefing_id,
                                   gint64                article_id)
{
  AddData *data;

  g_return_if_fail (ATTACHE_IS_BRIEFINGS_VIEW (self));

  data = g_new0 (AddData, 1);
  data->kind = ADD_ACTORS;
  data->briefing_id = briefing_id;
  data->article_id = article_id;
  start_add (self, data);
}

GMenuModel *
attache_briefings_view_new_add_menu (AttacheBriefingsView *self,
                                     const char           *action_name,
                                     const char           *target_label,
                                     const char           *new_label,
                                     const char           *submenu_label)
{
  AddMenu *add_menu;
  GMenu *menu;

  g_return_val_if_fail (ATTACHE_IS_BRIEFINGS_VIEW (self), NULL);
  g_return_val_if_fail (action_name != NULL && target_label != NULL, NULL);
  g_return_val_if_fail (new_label != NULL && submenu_label != NULL, NULL);

  menu = g_menu_new ();
  add_menu = g_new0 (AddMenu, 1);
  g_set_weak_pointer (&add_menu->menu, menu);
  add_menu->action_name = g_strdup (action_name);
  add_menu->target_label = g_strdup (target_label);
  add_menu->new_label = g_strdup (new_label);
  add_menu->submenu_label = g_strdup (submenu_label);
  g_ptr_array_add (self->add_menus, add_menu);

  update_add_menu (self, add_menu);
  return G_MENU_MODEL (menu);
}
