/* attache-saved-search-list.c: the saved searches ("smart folders") in the sidebar
 *
 * Listed like the feeds above them: a heading, then a navigation list. The
 * list is read again (once at a time, however often they change meanwhile)
 * on the library's saved-searches-changed; the rows are made anew and the
 * selection kept by id.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "attache-saved-search-list"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "attache-compat.h"
#include "attache-saved-search-list.h"
#include "attache-toast-private.h"

struct _AttacheSavedSearchList
{
  GtkWidget       parent_instance;

  GtkWidget      *revealer;
  GtkListBox     *list;
  GtkWidget      *menu;            /* a GtkPopoverMenu on the list */

  AttacheLibrary *library;         /* owned */
  gulong          changed_id;
  GCancellable   *cancellable;     /* owned: every read and change */
  GPtrArray      *saved_searches;  /* AttacheSavedSearch, as listed */
  gint64          selected_id;     /* 0 for none */
  gboolean        loading;
  gboolean        dirty;           /* changed while being read */
  gboolean        selecting;       /* the selection changes by a call, not a person */
};

G_DEFINE_FINAL_TYPE (AttacheSavedSearchList, attache_saved_search_list, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_LIBRARY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  SAVED_SEARCH_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void reload (AttacheSavedSearchList *self);

static const AttacheSavedSearch *
find_saved_search (AttacheSavedSearchList *self,
                   gint64                  id)
{
  for (guint i = 0; self->saved_searches != NULL && i < self->saved_searches->len; i++)
    {
      const AttacheSavedSearch *saved = self->saved_searches->pdata[i];

      if (saved->id == id)
        return saved;
    }

  return NULL;
}

static gint64
get_row_id (GtkListBoxRow *row)
{
  gint64 *id = row != NULL ? g_object_get_data (G_OBJECT (row), "attache-saved-search-id") : NULL;

  return id != NULL ? *id : 0;
}

static void
add_toast (AttacheSavedSearchList *self,
           AdwToast               *toast)
{
  _attache_add_toast (GTK_WIDGET (self), toast);
}

/* "@what: @error" in a toast. */
static void
show_error (AttacheSavedSearchList *self,
            const char             *what,
            const GError           *error)
{
  add_toast (self, _attache_error_toast_new (what, error));
}

/* Rows */

static GMenuModel *
new_row_menu (gint64 id)
{
  GMenu *menu = g_menu_new ();
  g_autoptr(GMenuItem) rename = g_menu_item_new (_("_Rename…"), NULL);
  g_autoptr(GMenuItem) delete = g_menu_item_new (_("_Delete"), NULL);

  g_menu_item_set_action_and_target_value (rename, "saved-search.rename", g_variant_new_int64 (id));
  g_menu_item_set_action_and_target_value (delete, "saved-search.delete", g_variant_new_int64 (id));
  g_menu_append_item (menu, rename);
  g_menu_append_item (menu, delete);
  return G_MENU_MODEL (menu);
}

static GtkWidget *
new_row (const AttacheSavedSearch *saved)
{
  g_autoptr(GMenuModel) menu = new_row_menu (saved->id);
  g_autofree char *menu_label = NULL;
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *icon = gtk_image_new_from_icon_name ("folder-saved-search-symbolic");
  GtkWidget *name = gtk_label_new (saved->name);
  GtkWidget *menu_button = gtk_menu_button_new ();

  gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL, "", -1);
  gtk_label_set_xalign (GTK_LABEL (name), 0.0);
  gtk_label_set_ellipsize (GTK_LABEL (name), PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (name, TRUE);
  gtk_widget_add_css_class (name, "saved-search-name");

  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (menu_button), "view-more-symbolic");
  gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (menu_button), menu);
  gtk_widget_add_css_class (menu_button, "flat");
  gtk_widget_set_valign (menu_button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (menu_button, "saved-search-menu");
  /* Translators: the tooltip of a saved search's menu button; %s is its name */
  menu_label = g_strdup_printf (_("Menu of “%s”"), saved->name);
  gtk_widget_set_tooltip_text (menu_button, menu_label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (menu_button), GTK_ACCESSIBLE_PROPERTY_LABEL, menu_label, -1);

  gtk_box_append (GTK_BOX (box), icon);
  gtk_box_append (GTK_BOX (box), name);
  gtk_box_append (GTK_BOX (box), menu_button);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_widget_add_css_class (row, "saved-search-row");
  gtk_widget_set_tooltip_text (row, saved->name);

  g_object_set_data_full (G_OBJECT (row), "attache-saved-search-id",
                          g_memdup2 (&saved->id, sizeof saved->id), g_free);
  return row;
}

static GtkListBoxRow *
find_row (AttacheSavedSearchList *self,
          gint64                  id)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->list));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_LIST_BOX_ROW (child) && get_row_id (GTK_LIST_BOX_ROW (child)) == id)
      return GTK_LIST_BOX_ROW (child);

  return NULL;
}

static void
select_row (AttacheSavedSearchList *self,
            GtkListBoxRow          *row)
{
  self->selecting = TRUE;
  if (row != NULL)
    gtk_list_box_select_row (self->list, row);
  else
    gtk_list_box_unselect_all (self->list);
  self->selecting = FALSE;
}

static void
show_saved_searches (AttacheSavedSearchList *self,
                     GPtrArray              *saved_searches)
{
  GtkWidget *child;

  g_clear_pointer (&self->saved_searches, g_ptr_array_unref);
  self->saved_searches = g_ptr_array_ref (saved_searches);

  self->selecting = TRUE;
  /* The rows only: the menu is a child of the list too. */
  child = gtk_widget_get_first_child (GTK_WIDGET (self->list));
  while (child != NULL)
    {
      GtkWidget *next = gtk_widget_get_next_sibling (child);

      if (GTK_IS_LIST_BOX_ROW (child))
        gtk_list_box_remove (self->list, child);
      child = next;
    }
  for (guint i = 0; i < saved_searches->len; i++)
    gtk_list_box_append (self->list, new_row (saved_searches->pdata[i]));
  self->selecting = FALSE;

  if (self->selected_id != 0)
    select_row (self, find_row (self, self->selected_id));

  gtk_revealer_set_reveal_child (GTK_REVEALER (self->revealer), saved_searches->len > 0);
}

/* Reading */

static void
list_saved_searches_cb (GObject      *object,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  g_autoptr(AttacheSavedSearchList) self = user_data;
  g_autoptr(GPtrArray) saved_searches = NULL;
  g_autoptr(GError) error = NULL;

  saved_searches = attache_library_list_saved_searches_finish (ATTACHE_LIBRARY (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
      g_cancellable_is_cancelled (self->cancellable))
    return;

  self->loading = FALSE;

  if (saved_searches == NULL)
    show_error (self, _("Could not read the saved searches"), error);
  else
    show_saved_searches (self, saved_searches);

  if (self->dirty)
    reload (self);
}

static void
reload (AttacheSavedSearchList *self)
{
  if (self->library == NULL)
    return;

  if (self->loading)
    {
      self->dirty = TRUE;
      return;
    }

  self->loading = TRUE;
  self->dirty = FALSE;
  attache_library_list_saved_searches_async (self->library, self->cancellable,
                                             list_saved_searches_cb, g_object_ref (self));
}

static void
on_library_saved_searches_changed_cb (AttacheLibrary         *library,
                                      AttacheSavedSearchList *self)
{
  reload (self);
}

/* Choosing */

static void
activate_row (AttacheSavedSearchList *self,
              GtkListBoxRow          *row)
{
  const AttacheSavedSearch *saved = find_saved_search (self, get_row_id (row));

  if (saved != NULL)
    g_signal_emit (self, signals[SAVED_SEARCH_ACTIVATED], 0, saved);
}

static void
on_list_row_selected_cb (GtkListBox             *list,
                         GtkListBoxRow          *row,
                         AttacheSavedSearchList *self)
{
  if (self->selecting)
    return;

  self->selected_id = get_row_id (row);
  if (row != NULL)
    activate_row (self, row);
}

/* A click on the row selected already runs it again. */
static void
on_list_row_activated_cb (GtkListBox             *list,
                          GtkListBoxRow          *row,
                          AttacheSavedSearchList *self)
{
  if (get_row_id (row) == self->selected_id)
    activate_row (self, row);
}

/* Renaming */

typedef struct
{
  AttacheSavedSearchList *self;
  gint64                  id;
} RenameData;

static void
rename_data_free (RenameData *data)
{
  g_clear_object (&data->self);
  g_free (data);
}

static void
rename_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(AttacheSavedSearchList) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!attache_library_change_saved_search_finish (ATTACHE_LIBRARY (object), result, NULL, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) &&
      !g_cancellable_is_cancelled (self->cancellable))
    show_error (self, _("Could not rename the saved search"), error);
}

static void
ask_name_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  RenameData *data = user_data;
  AttacheSavedSearchList *self = data->self;
  g_autofree char *name = attache_compat_ask_text_finish (result, NULL);

  if (name != NULL && self->library != NULL && !g_cancellable_is_cancelled (self->cancellable))
    attache_library_rename_saved_search_async (self->library, data->id, name, self->cancellable,
                                               rename_cb, g_object_ref (self));

  rename_data_free (data);
}

static void
rename_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  AttacheSavedSearchList *self = ATTACHE_SAVED_SEARCH_LIST (widget);
  gint64 id = g_variant_get_int64 (parameter);
  const AttacheSavedSearch *saved = find_saved_search (self, id);
  GtkWidget *entry;
  RenameData *data;

  if (saved == NULL)
    return;

  entry = gtk_entry_new ();
  gtk_editable_set_text (GTK_EDITABLE (entry), saved->name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Name"), -1);

  data = g_new0 (RenameData, 1);
  data->self = g_object_ref (self);
  data->id = id;
  attache_compat_ask_text_async (GTK_WINDOW (gtk_widget_get_root (widget)),
                                 _("Rename Saved Search"), NULL,
                                 GTK_ENTRY (entry), _("_Rename"), NULL,
                                 self->cancellable, ask_name_cb, data);
}

/* Deleting, and Undo */

static void
restore_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(AttacheSavedSearchList) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!attache_library_change_saved_search_finish (ATTACHE_LIBRARY (object), result, NULL, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) &&
      !g_cancellable_is_cancelled (self->cancellable))
    show_error (self, _("Could not restore the saved search"), error);
}

static void
on_deleted_toast_button_clicked_cb (AdwToast               *toast,
                                    AttacheSavedSearchList *self)
{
  const AttacheSavedSearch *saved = g_object_get_data (G_OBJECT (toast), "attache-saved-search");

  if (saved == NULL || self->library == NULL)
    return;

  attache_library_restore_saved_search_async (self->library, saved, self->cancellable,
                                              restore_cb, g_object_ref (self));
}

static void
delete_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(AttacheSavedSearchList) self = user_data;
  g_autoptr(AttacheSavedSearch) deleted = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *escaped_name = NULL;
  AdwToast *toast;

  if (!attache_library_change_saved_search_finish (ATTACHE_LIBRARY (object), result, &deleted, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) &&
          !g_cancellable_is_cancelled (self->cancellable))
        show_error (self, _("Could not delete the saved search"), error);
      return;
    }

  if (deleted == NULL || g_cancellable_is_cancelled (self->cancellable))
    return;

  escaped_name = g_markup_escape_text (deleted->name, -1);
  /* Translators: %s is the name of a saved search */
  toast = adw_toast_new_format (_("Deleted the saved search “%s”"), escaped_name);
  adw_toast_set_button_label (toast, _("Undo"));
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  g_object_set_data_full (G_OBJECT (toast), "attache-saved-search",
                          g_steal_pointer (&deleted), (GDestroyNotify) attache_saved_search_free);
  g_signal_connect_object (toast, "button-clicked",
                           G_CALLBACK (on_deleted_toast_button_clicked_cb), self, 0);
  add_toast (self, toast);
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  AttacheSavedSearchList *self = ATTACHE_SAVED_SEARCH_LIST (widget);

  if (self->library == NULL)
    return;

  attache_library_delete_saved_search_async (self->library, g_variant_get_int64 (parameter),
                                             self->cancellable, delete_cb, g_object_ref (self));
}

/* The menu of a row, on a right click or a long press. */
static void
popup_menu (AttacheSavedSearchList *self,
            double                  x,
            double                  y)
{
  GtkListBoxRow *row = gtk_list_box_get_row_at_y (self->list, (int) y);
  g_autoptr(GMenuModel) menu = NULL;
  gint64 id = get_row_id (row);

  if (id == 0)
    return;

  menu = new_row_menu (id);
  gtk_popover_menu_set_menu_model (GTK_POPOVER_MENU (self->menu), menu);
  gtk_popover_set_pointing_to (GTK_POPOVER (self->menu), &(GdkRectangle) { (int) x, (int) y, 1, 1 });
  gtk_popover_popup (GTK_POPOVER (self->menu));
}

static void
on_list_pressed_cb (GtkGestureClick        *gesture,
                    int                     n_press,
                    double                  x,
                    double                  y,
                    AttacheSavedSearchList *self)
{
  popup_menu (self, x, y);
  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
}

static void
on_list_long_pressed_cb (GtkGestureLongPress    *gesture,
                         double                  x,
                         double                  y,
                         AttacheSavedSearchList *self)
{
  popup_menu (self, x, y);
}

/* F2 and Delete, on the saved search selected. */
static gboolean
key_on_selected_cb (GtkWidget *widget,
                    GVariant  *args,
                    gpointer   user_data)
{
  AttacheSavedSearchList *self = ATTACHE_SAVED_SEARCH_LIST (widget);
  const char *action_name = g_variant_get_string (args, NULL);

  if (self->selected_id == 0)
    return FALSE;

  gtk_widget_activate_action (widget, action_name, "x", self->selected_id);
  return TRUE;
}

/* GObject */

static void
attache_saved_search_list_dispose (GObject *object)
{
  AttacheSavedSearchList *self = ATTACHE_SAVED_SEARCH_LIST (object);

  g_cancellable_cancel (self->cancellable);
  if (self->library != NULL)
    g_clear_signal_handler (&self->changed_id, self->library);
  g_clear_object (&self->library);
  g_clear_pointer (&self->menu, gtk_widget_unparent);
  g_clear_pointer (&self->revealer, gtk_widget_unparent);
  g_clear_pointer (&self->saved_searches, g_ptr_array_unref);

  G_OBJECT_CLASS (attache_saved_search_list_parent_class)->dispose (object);
}

static void
attache_saved_search_list_finalize (GObject *object)
{
  AttacheSavedSearchList *self = ATTACHE_SAVED_SEARCH_LIST (object);

  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (attache_saved_search_list_parent_class)->finalize (object);
}

static void
attache_saved_search_list_get_property (GObject    *object,
                                        guint       prop_id,
                                        GValue     *value,
                                        GParamSpec *pspec)
{
  AttacheSavedSearchList *self = ATTACHE_SAVED_SEARCH_LIST (object);

  switch (prop_id)
    {
    case PROP_LIBRARY:
      g_value_set_object (value, self->library);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
attache_saved_search_list_set_property (GObject      *object,
                                        guint         prop_id,
                                        const GValue *value,
                                        GParamSpec   *pspec)
{
  AttacheSavedSearchList *self = ATTACHE_SAVED_SEARCH_LIST (object);

  switch (prop_id)
    {
    case PROP_LIBRARY:
      attache_saved_search_list_set_library (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
attache_saved_search_list_class_init (AttacheSavedSearchListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = attache_saved_search_list_dispose;
  object_class->finalize = attache_saved_search_list_finalize;
  object_class->get_property = attache_saved_search_list_get_property;
  object_class->set_property = attache_saved_search_list_set_property;

  properties[PROP_LIBRARY] =
    g_param_spec_object ("library", NULL, NULL,
                         ATTACHE_TYPE_LIBRARY,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * AttacheSavedSearchList::saved-search-activated:
   * @saved: the AttacheSavedSearch the person chose
   */
  signals[SAVED_SEARCH_ACTIVATED] =
    g_signal_new ("saved-search-activated",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1,
                  ATTACHE_TYPE_SAVED_SEARCH | G_SIGNAL_TYPE_STATIC_SCOPE);

  gtk_widget_class_install_action (widget_class, "saved-search.rename", "x", rename_action);
  gtk_widget_class_install_action (widget_class, "saved-search.delete", "x", delete_action);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_F2, 0, key_on_selected_cb, "s", "saved-search.rename");
  gtk_widget_class_add_binding (widget_class, GDK_KEY_Delete, 0, key_on_selected_cb, "s", "saved-search.delete");
  gtk_widget_class_add_binding (widget_class, GDK_KEY_KP_Delete, 0, key_on_selected_cb, "s", "saved-search.delete");

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "savedsearchlist");
}

static void
attache_saved_search_list_init (AttacheSavedSearchList *self)
{
  GtkWidget *box, *header, *heading, *scroller;
  GtkGesture *click, *long_press;

  self->cancellable = g_cancellable_new ();

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  gtk_widget_add_css_class (header, "saved-searches-header");
  heading = gtk_label_new (_("Saved Searches"));
  gtk_label_set_xalign (GTK_LABEL (heading), 0);
  gtk_widget_set_hexpand (heading, TRUE);
  gtk_widget_add_css_class (heading, "heading");
  gtk_widget_add_css_class (heading, "dim-label");
  gtk_box_append (GTK_BOX (header), heading);
  gtk_box_append (GTK_BOX (box), header);

  self->list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_widget_add_css_class (GTK_WIDGET (self->list), "navigation-sidebar");
  gtk_accessible_update_relation (GTK_ACCESSIBLE (self->list), GTK_ACCESSIBLE_RELATION_LABELLED_BY,
                                  heading, NULL, -1);
  g_signal_connect (self->list, "row-selected", G_CALLBACK (on_list_row_selected_cb), self);
  g_signal_connect (self->list, "row-activated", G_CALLBACK (on_list_row_activated_cb), self);

  scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scroller), TRUE);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scroller), 200);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), GTK_WIDGET (self->list));
  gtk_box_append (GTK_BOX (box), scroller);
  gtk_box_append (GTK_BOX (box), gtk_separator_new (GTK_ORIENTATION_HORIZONTAL));

  self->revealer = gtk_revealer_new ();
  gtk_revealer_set_transition_type (GTK_REVEALER (self->revealer), GTK_REVEALER_TRANSITION_TYPE_SLIDE_DOWN);
  gtk_revealer_set_child (GTK_REVEALER (self->revealer), box);
  gtk_widget_set_parent (self->revealer, GTK_WIDGET (self));

  click = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_SECONDARY);
  g_signal_connect (click, "pressed", G_CALLBACK (on_list_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->list), GTK_EVENT_CONTROLLER (click));
  long_press = gtk_gesture_long_press_new ();
  gtk_gesture_single_set_touch_only (GTK_GESTURE_SINGLE (long_press), TRUE);
  g_signal_connect (long_press, "pressed", G_CALLBACK (on_list_long_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->list), GTK_EVENT_CONTROLLER (long_press));

  self->menu = gtk_popover_menu_new_from_model (NULL);
  gtk_popover_set_has_arrow (GTK_POPOVER (self->menu), FALSE);
  gtk_popover_set_position (GTK_POPOVER (self->menu), GTK_POS_BOTTOM);
  gtk_widget_set_halign (self->menu, GTK_ALIGN_START);
  gtk_widget_set_parent (self->menu, GTK_WIDGET (self->list));
}

GtkWidget *
attache_saved_search_list_new (void)
{
  return g_object_new (ATTACHE_TYPE_SAVED_SEARCH_LIST, NULL);
}

AttacheLibrary *
attache_saved_search_list_get_library (AttacheSavedSearchList *self)
{
  g_return_val_if_fail (ATTACHE_IS_SAVED_SEARCH_LIST (self), NULL);

  return self->library;
}

void
attache_saved_search_list_set_library (AttacheSavedSearchList *self,
                                       AttacheLibrary         *library)
{
  g_return_if_fail (ATTACHE_IS_SAVED_SEARCH_LIST (self));
  g_return_if_fail (library == NULL || ATTACHE_IS_LIBRARY (library));

  if (self->library == library)
    return;

  if (self->library != NULL)
    g_clear_signal_handler (&self->changed_id, self->library);
  g_set_object (&self->library, library);
  if (library != NULL)
    self->changed_id = g_signal_connect (library, "saved-searches-changed",
                                         G_CALLBACK (on_library_saved_searches_changed_cb), self);

  reload (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LIBRARY]);
}

guint
attache_saved_search_list_get_n_items (AttacheSavedSearchList *self)
{
  g_return_val_if_fail (ATTACHE_IS_SAVED_SEARCH_LIST (self), 0);

  return self->saved_searches != NULL ? self->saved_searches->len : 0;
}

gint64
attache_saved_search_list_get_selected_id (AttacheSavedSearchList *self)
{
  g_return_val_if_fail (ATTACHE_IS_SAVED_SEARCH_LIST (self), 0);

  return self->selected_id;
}

void
attache_saved_search_list_select (AttacheSavedSearchList *self,
                                  gint64                  id)
{
  g_return_if_fail (ATTACHE_IS_SAVED_SEARCH_LIST (self));

  self->selected_id = id;
  select_row (self, id != 0 ? find_row (self, id) : NULL);
}
