/* attache-actors-view.c: every actor of the library, and the analyst's corrections
 *
 * A GtkColumnView over a GListStore of AttacheActorItem, made in a worker
 * from attache_library_list_actors (), filtered as the person types (by
 * every name of each actor, as the library's own filter does: the items
 * carry their names case-folded) and sorted by the column headers. A list
 * read again changes only the rows that differ, so that a correction among
 * tens of thousands of actors does not hold the main loop for long
 * (bench-actors-window measures it).
 * Corrections go through attache_library_correct_actor_async (); the toast
 * that tells of one offers Undo, which is the library's own undo.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "attache-actors-view"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <inttypes.h>
#include <string.h>

#include "attache-actor-ui-private.h"
#include "attache-actors-view.h"
#include "attache-chart-window.h"
#include "attache-compat.h"
#include "attache-database.h"
#include "attache-format.h"
#include "attache-toast-private.h"

/* A correction changes the actors (and says so twice: "actors-changed" and
 * "analyses-changed"): the list is read again this soon after. */
#define RELOAD_DELAY_MS 250
/* The analysis runner changes them in bursts while it works: at most this
 * often, as reading them all again takes a moment in a large library. */
#define ANALYSES_RELOAD_DELAY_MS 2000

/* The dialog that picks the actor to keep lists this many at most: the
 * person types to find the others. */
#define MAX_MERGE_CANDIDATES 200

/* One row: an actor of the library */

#define ATTACHE_TYPE_ACTOR_ITEM (attache_actor_item_get_type ())

G_DECLARE_FINAL_TYPE (AttacheActorItem, attache_actor_item, ATTACHE, ACTOR_ITEM, GObject)

struct _AttacheActorItem
{
  GObject           parent_instance;

  AttacheActorInfo *info;
  char             *folded_names;  /* every name, case-folded, one per line: for the filter */
  char             *other_names;   /* "Fisheries Council, NFC", once shown */
  gboolean          other_names_set;
};

G_DEFINE_FINAL_TYPE (AttacheActorItem, attache_actor_item, G_TYPE_OBJECT)

static void
attache_actor_item_finalize (GObject *object)
{
  AttacheActorItem *self = ATTACHE_ACTOR_ITEM (object);

  g_clear_pointer (&self->info, attache_actor_info_free);
  g_clear_pointer (&self->folded_names, g_free);
  g_clear_pointer (&self->other_names, g_free);

  G_OBJECT_CLASS (attache_actor_item_parent_class)->finalize (object);
}

static void
attache_actor_item_class_init (AttacheActorItemClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = attache_actor_item_finalize;
}

static void
attache_actor_item_init (AttacheActorItem *self)
{
}

/* Thread-safe: the items are made in a worker. */
static AttacheActorItem *
attache_actor_item_new (AttacheActorInfo *info)
{
  AttacheActorItem *self = g_object_new (ATTACHE_TYPE_ACTOR_ITEM, NULL);
  GString *folded = g_string_new (NULL);
  g_autofree char *name = g_utf8_casefold (info->name, -1);

  self->info = info;
  g_string_append (folded, name);
  for (guint i = 0; i < info->aliases->len; i++)
    {
      g_autofree char *alias = g_utf8_casefold (((AttacheActorAlias *) info->aliases->pdata[i])->name, -1);

      g_string_append_c (folded, '\n');
      g_string_append (folded, alias);
    }
  self->folded_names = g_string_free (folded, FALSE);
  return self;
}

/* Worked out for the rows shown only: a library has many actors. NULL for
 * an actor known by its name alone. */
static const char *
attache_actor_item_get_other_names (AttacheActorItem *self)
{
  if (!self->other_names_set)
    {
      g_auto(GStrv) others = attache_actor_info_dup_other_names (self->info);

      if (others != NULL && others[0] != NULL)
        /* Translators: the separator between the other names of an actor */
        self->other_names = g_strjoinv (_(", "), others);
      self->other_names_set = TRUE;
    }

  return self->other_names;
}

/* The view */

struct _AttacheActorsView
{
  GtkWidget          parent_instance;

  /* template children */
  AdwToastOverlay   *toast_overlay;
  GtkSearchEntry    *search_entry;
  GtkLabel          *count_label;
  GtkStack          *stack;
  GtkColumnView     *column_view;
  AdwStatusPage     *empty_page;

  AttacheLibrary    *library;          /* owned */
  GListStore        *store;            /* owned: AttacheActorItem, as the library lists them */
  GtkCustomFilter   *name_filter;      /* owned */
  GtkFilterListModel *filtered;        /* owned */
  GtkSortListModel  *sorted;           /* owned */
  GtkSingleSelection *selection;       /* owned */
  GtkWidget         *context_menu;     /* a GtkPopoverMenu, on a secondary click */
  char              *filter;           /* case-folded, NULL for none */
  GCancellable      *cancellable;      /* for the view's life */
  GCancellable      *list_cancellable; /* the read under way, or NULL */
  guint              reload_id;
  guint              n_corrections;    /* under way */
  gboolean           loaded;           /* read once */
};

G_DEFINE_FINAL_TYPE (AttacheActorsView, attache_actors_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_LIBRARY,
  PROP_BUSY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void reload (AttacheActorsView *self);
static void select_item (AttacheActorsView *self,
                         AttacheActorItem  *item);

static AttacheActorItem *
find_item (AttacheActorsView *self,
           gint64             id)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->store));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(AttacheActorItem) item = g_list_model_get_item (G_LIST_MODEL (self->store), i);

      if (item->info->id == id)
        return item;   /* the store keeps it */
    }

  return NULL;
}

static GtkWindow *
get_window (AttacheActorsView *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

static void
add_toast (AttacheActorsView *self,
           AdwToast          *toast)
{
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
notify_busy (AttacheActorsView *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

/* Reading the list */

static void
update_count (AttacheActorsView *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->filtered));
  g_autofree char *text = NULL;

  /* Translators: how many actors the Actors view lists */
  text = g_strdup_printf (ngettext ("%u actor", "%u actors", n), n);
  gtk_label_set_text (self->count_label, self->loaded ? text : "");

  if (!self->loaded)
    {
      gtk_stack_set_visible_child_name (self->stack, "loading");
    }
  else if (n > 0 || gtk_filter_list_model_get_pending (self->filtered) > 0)
    {
      gtk_stack_set_visible_child_name (self->stack, "list");
    }
  else if (self->filter != NULL && self->filter[0] != '\0')
    {
      adw_status_page_set_title (self->empty_page, _("No Matching Actors"));
      adw_status_page_set_description (self->empty_page,
                                       _("No actor, and none of their other names, contains these words."));
      gtk_stack_set_visible_child_name (self->stack, "empty");
    }
  else
    {
      adw_status_page_set_title (self->empty_page, _("No Actors Yet"));
      adw_status_page_set_description (self->empty_page,
                                       _("The people, organisations, countries and places that articles name are listed here once the articles are analysed."));
      gtk_stack_set_visible_child_name (self->stack, "empty");
    }
}

/* The items of every actor of the library, in a worker. */
static void
load_actors_worker (GTask        *task,
                    gpointer      source_object,
                    gpointer      task_data,
                    GCancellable *cancellable)
{
  g_autoptr(GPtrArray) actors = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *items;

  actors = attache_library_list_actors (ATTACHE_LIBRARY (source_object), NULL, &error);
  if (actors == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (g_task_return_error_if_cancelled (task))
    return;

  /* The items take the infos. */
  g_ptr_array_set_free_func (actors, NULL);
  items = g_ptr_array_new_full (actors->len, g_object_unref);
  for (guint i = 0; i < actors->len; i++)
    g_ptr_array_add (items, attache_actor_item_new (actors->pdata[i]));

  g_task_return_pointer (task, items, (GDestroyNotify) g_ptr_array_unref);
}

static gboolean
actor_info_equal (const AttacheActorInfo *a,
                  const AttacheActorInfo *b)
{
  if (a->id != b->id || a->type != b->type || a->hidden != b->hidden ||
      a->n_articles != b->n_articles || g_strcmp0 (a->name, b->name) != 0 ||
      g_strcmp0 (a->first_seen, b->first_seen) != 0 || g_strcmp0 (a->last_seen, b->last_seen) != 0 ||
      a->aliases->len != b->aliases->len)
    return FALSE;

  for (guint i = 0; i < a->aliases->len; i++)
    {
      const AttacheActorAlias *x = a->aliases->pdata[i], *y = b->aliases->pdata[i];

      if (x->id != y->id || x->type != y->type || g_strcmp0 (x->name, y->name) != 0)
        return FALSE;
    }

  return TRUE;
}

/* More changes than this and the list is replaced at once. */
#define MAX_CHANGES 500

typedef struct
{
  guint             position;
  AttacheActorItem *item;   /* inserted (or put in place of the one there), NULL to remove */
  gboolean          replace;
} Change;

/* Makes the store list @items, changing only the rows that differ: after a
 * correction, a few of tens of thousands. The rows kept keep their place,
 * their selection and what the models above have worked out for them. */
static void
update_store (AttacheActorsView *self,
              GPtrArray         *items)
{
  GListModel *model = G_LIST_MODEL (self->store);
  guint n_old = g_list_model_get_n_items (model);
  g_autoptr(GHashTable) wanted = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GHashTable) placed = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GArray) changes = g_array_new (FALSE, FALSE, sizeof (Change));
  guint o = 0, i = 0, position = 0;

  for (guint k = 0; k < items->len; k++)
    g_hash_table_add (wanted, &((AttacheActorItem *) items->pdata[k])->info->id);

  /* One walk through both lists, in order; @position is where the store's
   * row @o will be once the changes so far are made. */
  while ((o < n_old || i < items->len) && changes->len <= MAX_CHANGES)
    {
      g_autoptr(AttacheActorItem) old = o < n_old ? g_list_model_get_item (model, o) : NULL;
      AttacheActorItem *new = i < items->len ? items->pdata[i] : NULL;
      Change change = { position, NULL, FALSE };

      if (old != NULL && (new == NULL || !g_hash_table_contains (wanted, &old->info->id) ||
                          g_hash_table_contains (placed, &old->info->id)))
        {
          /* Gone, or already put where it is now. */
          g_array_append_val (changes, change);
          o++;
          continue;
        }

      g_hash_table_add (placed, &new->info->id);
      if (old != NULL && old->info->id == new->info->id)
        {
          if (!actor_info_equal (old->info, new->info))
            {
              change.item = new;
              change.replace = TRUE;
              g_array_append_val (changes, change);
            }
          o++;
        }
      else
        {
          change.item = new;
          g_array_append_val (changes, change);
        }
      i++;
      position++;
    }

  if (changes->len > MAX_CHANGES)
    {
      g_list_store_splice (self->store, 0, n_old, items->pdata, items->len);
      return;
    }

  for (guint k = 0; k < changes->len; k++)
    {
      const Change *change = &g_array_index (changes, Change, k);

      if (change->item == NULL)
        g_list_store_remove (self->store, change->position);
      else
        g_list_store_splice (self->store, change->position, change->replace ? 1 : 0,
                             (gpointer *) &change->item, 1);
    }
}

static void
drop_items_worker (GTask        *task,
                   gpointer      source_object,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  g_ptr_array_unref (task_data);
  g_task_return_boolean (task, TRUE);
}

/* Lets go of @items in a worker: those the store did not take are most of
 * them when little changed, and freeing tens of thousands takes a moment.
 * (The items are plain objects: those in the store only lose a reference.) */
static void
drop_items (GPtrArray *items)
{
  g_autoptr(GTask) task = g_task_new (NULL, NULL, NULL, NULL);

  g_task_set_source_tag (task, drop_items);
  g_task_set_task_data (task, items, NULL);
  g_task_run_in_thread (task, drop_items_worker);
}

static void
load_actors_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(AttacheActorsView) self = user_data;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GError) error = NULL;
  AttacheActorItem *selected;
  gint64 selected_id = 0;

  items = g_task_propagate_pointer (G_TASK (result), &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  g_clear_object (&self->list_cancellable);
  notify_busy (self);

  if (items == NULL)
    {
      g_autofree char *escaped = g_markup_escape_text (error->message, -1);

      add_toast (self, adw_toast_new_format (_("Could not read the actors: %s"), escaped));
      return;
    }

  /* The actor selected stays so, if it is still there. */
  selected = gtk_single_selection_get_selected_item (self->selection);
  if (selected != NULL)
    selected_id = selected->info->id;

  update_store (self, items);
  drop_items (g_steal_pointer (&items));
  self->loaded = TRUE;
  update_count (self);

  if (selected_id != 0)
    {
      AttacheActorItem *item = find_item (self, selected_id);

      if (item != NULL)
        select_item (self, item);
    }
}

static void
reload (AttacheActorsView *self)
{
  g_autoptr(GTask) task = NULL;

  g_clear_handle_id (&self->reload_id, g_source_remove);
  if (self->list_cancellable != NULL)
    g_cancellable_cancel (self->list_cancellable);
  g_clear_object (&self->list_cancellable);

  if (self->library == NULL)
    return;

  self->list_cancellable = g_cancellable_new ();
  task = g_task_new (self->library, self->list_cancellable, load_actors_cb, g_object_ref (self));
  g_task_set_source_tag (task, reload);
  g_task_run_in_thread (task, load_actors_worker);
  notify_busy (self);
}

static gboolean
reload_cb (gpointer user_data)
{
  AttacheActorsView *self = user_data;

  self->reload_id = 0;
  reload (self);
  return G_SOURCE_REMOVE;
}

static void
on_library_actors_changed_cb (AttacheLibrary    *library,
                              AttacheActorsView *self)
{
  /* Soon, even when a read for the analyses is due later. */
  g_clear_handle_id (&self->reload_id, g_source_remove);
  self->reload_id = g_timeout_add (RELOAD_DELAY_MS, reload_cb, self);
}

static void
on_library_analyses_changed_cb (AttacheLibrary    *library,
                                AttacheActorsView *self)
{
  if (self->reload_id == 0)
    self->reload_id = g_timeout_add (ANALYSES_RELOAD_DELAY_MS, reload_cb, self);
}

static gboolean
match_actor (gpointer item,
             gpointer user_data)
{
  AttacheActorsView *self = user_data;

  return self->filter == NULL || strstr (ATTACHE_ACTOR_ITEM (item)->folded_names, self->filter) != NULL;
}

static void
on_search_entry_search_changed_cb (GtkSearchEntry    *entry,
                                   AttacheActorsView *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (entry));
  g_autofree char *stripped = g_strstrip (g_strdup (text));
  g_autofree char *folded = stripped[0] != '\0' ? g_utf8_casefold (stripped, -1) : NULL;
  GtkFilterChange change = GTK_FILTER_CHANGE_DIFFERENT;

  if (g_strcmp0 (folded, self->filter) == 0)
    return;

  /* More letters find fewer actors; fewer letters, more. */
  if (self->filter == NULL)
    change = GTK_FILTER_CHANGE_MORE_STRICT;
  else if (folded == NULL)
    change = GTK_FILTER_CHANGE_LESS_STRICT;
  else if (strstr (folded, self->filter) != NULL)
    change = GTK_FILTER_CHANGE_MORE_STRICT;
  else if (strstr (self->filter, folded) != NULL)
    change = GTK_FILTER_CHANGE_LESS_STRICT;

  g_free (self->filter);
  self->filter = g_steal_pointer (&folded);
  gtk_filter_changed (GTK_FILTER (self->name_filter), change);
  notify_busy (self);
}

static void
on_filtered_items_changed_cb (GListModel        *model,
                              guint              position,
                              guint              removed,
                              guint              added,
                              AttacheActorsView *self)
{
  update_count (self);
}

static void
on_filtered_notify_pending_cb (GtkFilterListModel *model,
                               GParamSpec         *pspec,
                               AttacheActorsView  *self)
{
  update_count (self);
  notify_busy (self);
}

/* The cells */

static AttacheActorItem *
get_list_item_actor (GtkListItem *list_item)
{
  return ATTACHE_ACTOR_ITEM (gtk_list_item_get_item (list_item));
}

/* Every cell knows its row's actor, for the context menu. */
static void
set_cell_actor (GtkWidget        *cell,
                AttacheActorItem *item)
{
  g_object_set_data_full (G_OBJECT (cell), "attache-actor-item",
                          item != NULL ? g_object_ref (item) : NULL,
                          item != NULL ? g_object_unref : NULL);
}

static void
setup_name_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item,
               AttacheActorsView        *self)
{
  GtkWidget *box, *icon, *text_box, *name, *others;

  box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  gtk_widget_add_css_class (box, "actor-cell");

  icon = gtk_image_new ();
  gtk_widget_set_valign (icon, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (box), icon);

  text_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  gtk_widget_set_valign (text_box, GTK_ALIGN_CENTER);
  name = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_label_set_ellipsize (GTK_LABEL (name), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (name, "actor-name");
  gtk_box_append (GTK_BOX (text_box), name);
  others = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (others), 0);
  gtk_label_set_ellipsize (GTK_LABEL (others), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (others, "actor-aliases");
  gtk_widget_add_css_class (others, "caption");
  gtk_widget_add_css_class (others, "dim-label");
  gtk_box_append (GTK_BOX (text_box), others);
  gtk_box_append (GTK_BOX (box), text_box);

  g_object_set_data (G_OBJECT (box), "icon", icon);
  g_object_set_data (G_OBJECT (box), "name", name);
  g_object_set_data (G_OBJECT (box), "others", others);
  gtk_list_item_set_child (list_item, box);
}

static void
bind_name_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item,
              AttacheActorsView        *self)
{
  AttacheActorItem *item = get_list_item_actor (list_item);
  GtkWidget *box = gtk_list_item_get_child (list_item);
  GtkWidget *name = g_object_get_data (G_OBJECT (box), "name");
  GtkWidget *others = g_object_get_data (G_OBJECT (box), "others");
  g_autofree char *others_text = NULL;

  gtk_image_set_from_icon_name (g_object_get_data (G_OBJECT (box), "icon"),
                                _attache_actor_type_icon_name (item->info->type));
  gtk_label_set_text (GTK_LABEL (name), item->info->name);

  if (item->info->hidden)
    /* Translators: under an actor the analyst hid */
    others_text = g_strdup (_("Not an actor: shown nowhere"));
  else if (attache_actor_item_get_other_names (item) != NULL)
    /* Translators: under an actor in the Actors view: the other names it is known by */
    others_text = g_strdup_printf (_("Also %s"), attache_actor_item_get_other_names (item));

  gtk_label_set_text (GTK_LABEL (others), others_text != NULL ? others_text : "");
  gtk_widget_set_visible (others, others_text != NULL);
  gtk_widget_set_tooltip_text (others, attache_actor_item_get_other_names (item));

  if (item->info->hidden)
    gtk_widget_add_css_class (box, "hidden-actor");
  else
    gtk_widget_remove_css_class (box, "hidden-actor");

  set_cell_actor (box, item);
}

static void
setup_label_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *list_item,
                gpointer                  user_data)
{
  gboolean numeric = GPOINTER_TO_INT (user_data);
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), numeric ? 1.0 : 0.0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  if (numeric)
    gtk_widget_add_css_class (label, "numeric");
  gtk_list_item_set_child (list_item, label);
}

static void
bind_type_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item,
              AttacheActorsView        *self)
{
  AttacheActorItem *item = get_list_item_actor (list_item);
  GtkWidget *label = gtk_list_item_get_child (list_item);

  gtk_label_set_text (GTK_LABEL (label), _attache_actor_type_name (item->info->type));
  set_cell_actor (label, item);
}

static void
bind_articles_cb (GtkSignalListItemFactory *factory,
                  GtkListItem              *list_item,
                  AttacheActorsView        *self)
{
  AttacheActorItem *item = get_list_item_actor (list_item);
  GtkWidget *label = gtk_list_item_get_child (list_item);
  g_autofree char *text = g_strdup_printf ("%" G_GINT64_FORMAT, item->info->n_articles);

  gtk_label_set_text (GTK_LABEL (label), text);
  set_cell_actor (label, item);
}

static void
bind_day (GtkListItem *list_item,
          const char  *day)
{
  GtkWidget *label = gtk_list_item_get_child (list_item);
  g_autofree char *text = attache_format_day (day);

  gtk_label_set_text (GTK_LABEL (label), text != NULL ? text : "—");
  set_cell_actor (label, get_list_item_actor (list_item));
}

static void
bind_first_seen_cb (GtkSignalListItemFactory *factory,
                    GtkListItem              *list_item,
                    AttacheActorsView        *self)
{
  bind_day (list_item, get_list_item_actor (list_item)->info->first_seen);
}

static void
bind_last_seen_cb (GtkSignalListItemFactory *factory,
                   GtkListItem              *list_item,
                   AttacheActorsView        *self)
{
  bind_day (list_item, get_list_item_actor (list_item)->info->last_seen);
}

static void
unbind_cell_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *list_item,
                AttacheActorsView        *self)
{
  set_cell_actor (gtk_list_item_get_child (list_item), NULL);
}

/* The menu of an actor */

static void
append_item (GMenu      *menu,
             const char *label,
             const char *action,
             GVariant   *target)
{
  g_autoptr(GMenuItem) item = g_menu_item_new (label, NULL);

  g_menu_item_set_action_and_target_value (item, action, target);
  g_menu_append_item (menu, item);
}

static GMenuModel *
new_actor_menu (const AttacheActorInfo *info)
{
  g_autoptr(GMenu) menu = g_menu_new ();
  g_autoptr(GMenu) explore = g_menu_new ();
  g_autoptr(GMenu) correct = g_menu_new ();
  g_autoptr(GMenu) types = g_menu_new ();
  g_autoptr(GMenu) hide = g_menu_new ();
  g_autofree char *show_label = NULL;

  /* Translators: in the menu of an actor; %s is its name */
  show_label = g_strdup_printf (_("Show Articles Mentioning %s"), info->name);
  append_item (explore, show_label, "actors.show-articles", g_variant_new_int64 (info->id));
  append_item (explore, _("Mentions over _Time"), "actors.timeline", g_variant_new_int64 (info->id));
  g_menu_append_section (menu, NULL, G_MENU_MODEL (explore));

  append_item (correct, _("_Rename…"), "actors.rename", g_variant_new_int64 (info->id));
  append_item (correct, _("_Merge Into…"), "actors.merge", g_variant_new_int64 (info->id));
  /* An actor known by one name only has none to split off. */
  if (info->aliases->len > 1)
    append_item (correct, _("_Split Alias Off…"), "actors.split", g_variant_new_int64 (info->id));
  for (guint t = 0; t < ATTACHE_N_ACTOR_TYPES; t++)
    if (t != info->type)
      append_item (types, _attache_actor_type_name (t), "actors.set-type",
                   g_variant_new ("(xs)", info->id, attache_actor_type_to_string (t)));
  g_menu_append_submenu (correct, _("Change _Type"), G_MENU_MODEL (types));
  g_menu_append_section (menu, NULL, G_MENU_MODEL (correct));

  if (info->hidden)
    append_item (hide, _("It _Is an Actor"), "actors.unhide", g_variant_new_int64 (info->id));
  else
    append_item (hide, _("_Hide: Not an Actor"), "actors.hide", g_variant_new_int64 (info->id));
  g_menu_append_section (menu, NULL, G_MENU_MODEL (hide));

  return G_MENU_MODEL (g_steal_pointer (&menu));
}

static void
popup_actor_menu (AttacheActorsView *self,
                  AttacheActorItem  *item,
                  GtkWidget         *widget,
                  double             x,
                  double             y)
{
  g_autoptr(GMenuModel) menu = new_actor_menu (item->info);
  graphene_point_t point;

  if (!gtk_widget_compute_point (widget, GTK_WIDGET (self), &GRAPHENE_POINT_INIT (x, y), &point))
    return;

  gtk_popover_menu_set_menu_model (GTK_POPOVER_MENU (self->context_menu), menu);
  gtk_popover_set_pointing_to (GTK_POPOVER (self->context_menu),
                               &(GdkRectangle) { (int) point.x, (int) point.y, 1, 1 });
  gtk_popover_popup (GTK_POPOVER (self->context_menu));
}

/* The button at the end of each row, for those who do not know of the
 * secondary click: the same menu, under the button. */

static void
on_menu_button_clicked_cb (GtkButton         *button,
                           AttacheActorsView *self)
{
  AttacheActorItem *item = g_object_get_data (G_OBJECT (button), "attache-actor-item");

  if (item == NULL)
    return;

  select_item (self, item);
  popup_actor_menu (self, item, GTK_WIDGET (button),
                    gtk_widget_get_width (GTK_WIDGET (button)) / 2.0,
                    gtk_widget_get_height (GTK_WIDGET (button)));
}

static void
setup_menu_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item,
               AttacheActorsView        *self)
{
  GtkWidget *button = gtk_button_new_from_icon_name ("view-more-horizontal-symbolic");

  gtk_widget_set_halign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, _("Correct or Explore"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Correct or Explore"), -1);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_add_css_class (button, "actor-menu-button");
  g_signal_connect (button, "clicked", G_CALLBACK (on_menu_button_clicked_cb), self);
  gtk_list_item_set_child (list_item, button);
}

static void
bind_menu_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item,
              AttacheActorsView        *self)
{
  set_cell_actor (gtk_list_item_get_child (list_item), get_list_item_actor (list_item));
}

/* The cell under @x, @y of the column view, and the actor of its row. */
static AttacheActorItem *
pick_actor (AttacheActorsView *self,
            double             x,
            double             y,
            GtkWidget        **cell)
{
  GtkWidget *widget = gtk_widget_pick (GTK_WIDGET (self->column_view), x, y, GTK_PICK_DEFAULT);

  for (; widget != NULL && widget != GTK_WIDGET (self->column_view); widget = gtk_widget_get_parent (widget))
    {
      AttacheActorItem *item = g_object_get_data (G_OBJECT (widget), "attache-actor-item");

      if (item != NULL)
        {
          *cell = widget;
          return item;
        }
    }

  return NULL;
}

static void
select_item (AttacheActorsView *self,
             AttacheActorItem  *item)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->selection));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(AttacheActorItem) other = g_list_model_get_item (G_LIST_MODEL (self->selection), i);

      if (other == item)
        {
          gtk_single_selection_set_selected (self->selection, i);
          return;
        }
    }
}

static void
on_column_view_pressed_cb (GtkGestureClick   *gesture,
                           int                n_press,
                           double             x,
                           double             y,
                           AttacheActorsView *self)
{
  GtkWidget *cell = NULL;
  AttacheActorItem *item = pick_actor (self, x, y, &cell);

  if (item == NULL)
    return;

  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  select_item (self, item);
  popup_actor_menu (self, item, GTK_WIDGET (self->column_view), x, y);
}

static void
on_column_view_long_pressed_cb (GtkGestureLongPress *gesture,
                                double               x,
                                double               y,
                                AttacheActorsView   *self)
{
  on_column_view_pressed_cb (NULL, 1, x, y, self);
}

/* Shift+F10 or the Menu key: the menu of the actor selected, beside its name
 * when its row is shown. */
static gboolean
popup_selected_menu_cb (GtkWidget *widget,
                        GVariant  *args,
                        gpointer   user_data)
{
  AttacheActorsView *self = ATTACHE_ACTORS_VIEW (widget);
  AttacheActorItem *item = gtk_single_selection_get_selected_item (self->selection);
  GtkWidget *focus = gtk_root_get_focus (gtk_widget_get_root (widget));

  if (item == NULL)
    return FALSE;

  if (focus != NULL && gtk_widget_is_ancestor (focus, GTK_WIDGET (self->column_view)))
    popup_actor_menu (self, item, focus, 24, gtk_widget_get_height (focus) / 2.0);
  else
    popup_actor_menu (self, item, GTK_WIDGET (self->column_view), 24, 24);
  return TRUE;
}

static void
on_column_view_activate_cb (GtkColumnView     *column_view,
                            guint              position,
                            AttacheActorsView *self)
{
  g_autoptr(AttacheActorItem) item = g_list_model_get_item (G_LIST_MODEL (self->selection), position);

  if (item != NULL)
    _attache_activate_window_action (GTK_WIDGET (self), "win.search-actor",
                                     g_variant_new_int64 (item->info->id));
}

/* Corrections */

typedef struct
{
  AttacheActorsView    *self;      /* owned */
  AttacheCorrectionKind kind;
  char                 *name;      /* the actor's, before */
  char                 *other;     /* the other actor's (merge), the alias (split), the new name or type */
} CorrectData;

static void
correct_data_free (CorrectData *data)
{
  g_clear_object (&data->self);
  g_free (data->name);
  g_free (data->other);
  g_free (data);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CorrectData, correct_data_free)

/* What a correction did, for its toast: plain text, to be escaped. */
static char *
describe_correction (const CorrectData *data)
{
  switch (data->kind)
    {
    case ATTACHE_CORRECTION_RENAME:
      /* Translators: in a toast with Undo; the actor's old name, then its new one */
      return g_strdup_printf (_("Renamed “%s” to “%s”"), data->name, data->other);
    case ATTACHE_CORRECTION_MERGE:
      /* Translators: in a toast with Undo; the actor merged, then the one kept */
      return g_strdup_printf (_("Merged “%s” into “%s”"), data->name, data->other);
    case ATTACHE_CORRECTION_SPLIT:
      /* Translators: in a toast with Undo; the name split off, then the actor it was a name of */
      return g_strdup_printf (_("Split “%s” off “%s”"), data->other, data->name);
    case ATTACHE_CORRECTION_SET_TYPE:
      /* Translators: in a toast with Undo; the actor, then its new type ("Country") */
      return g_strdup_printf (_("“%s” is now of type %s"), data->name, data->other);
    case ATTACHE_CORRECTION_HIDE:
      /* Translators: in a toast with Undo */
      return g_strdup_printf (_("Hid “%s”: not an actor"), data->name);
    case ATTACHE_CORRECTION_UNHIDE:
      /* Translators: in a toast with Undo */
      return g_strdup_printf (_("“%s” is an actor again"), data->name);
    default:
      g_assert_not_reached ();
    }
}

static char *
describe_failure (const CorrectData *data)
{
  switch (data->kind)
    {
    case ATTACHE_CORRECTION_RENAME:
      return g_strdup_printf (_("Could not rename “%s”"), data->name);
    case ATTACHE_CORRECTION_MERGE:
      return g_strdup_printf (_("Could not merge “%s” into “%s”"), data->name, data->other);
    case ATTACHE_CORRECTION_SPLIT:
      return g_strdup_printf (_("Could not split “%s” off “%s”"), data->other, data->name);
    case ATTACHE_CORRECTION_SET_TYPE:
      return g_strdup_printf (_("Could not change the type of “%s”"), data->name);
    case ATTACHE_CORRECTION_HIDE:
    case ATTACHE_CORRECTION_UNHIDE:
    default:
      return g_strdup_printf (_("Could not change “%s”"), data->name);
    }
}

static void
correct_actor_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(CorrectData) data = user_data;
  AttacheActorsView *self = data->self;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  g_autofree char *escaped = NULL;
  AdwToast *toast;
  gint64 correction_id;

  correction_id = attache_library_correct_actor_finish (ATTACHE_LIBRARY (object), result, NULL, &error);
  self->n_corrections--;
  notify_busy (self);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (correction_id == 0)
    {
      g_autofree char *what = describe_failure (data);

      toast = _attache_error_toast_new (what, error);
      adw_toast_set_timeout (toast, 0);
      add_toast (self, toast);
      return;
    }

  message = describe_correction (data);
  escaped = g_markup_escape_text (message, -1);
  toast = adw_toast_new (escaped);
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_action_name (toast, "actors.undo");
  adw_toast_set_action_target_value (toast, g_variant_new_int64 (correction_id));
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  /* Longer than the default: the person may want to look at the result first. */
  adw_toast_set_timeout (toast, 10);
  add_toast (self, toast);
}

/* Makes @correction in a worker; @name is the actor's name before, @other
 * what the toast says besides. */
static void
correct (AttacheActorsView       *self,
         const AttacheCorrection *correction,
         const char              *name,
         const char              *other)
{
  CorrectData *data;

  if (self->library == NULL)
    return;

  data = g_new0 (CorrectData, 1);
  data->self = g_object_ref (self);
  data->kind = correction->kind;
  data->name = g_strdup (name);
  data->other = g_strdup (other);

  self->n_corrections++;
  notify_busy (self);
  attache_library_correct_actor_async (self->library, correction, self->cancellable,
                                       correct_actor_cb, data);
}

/* The name the person sees for actor @id, else its id. */
static char *
dup_actor_name (AttacheActorsView *self,
                gint64             id)
{
  AttacheActorItem *item = find_item (self, id);

  if (item != NULL)
    return g_strdup (item->info->name);

  return g_strdup_printf ("%" G_GINT64_FORMAT, id);
}

static void
rename_to_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  AttacheActorsView *self = ATTACHE_ACTORS_VIEW (widget);
  AttacheCorrection correction = { ATTACHE_CORRECTION_RENAME, };
  g_autofree char *old_name = NULL;
  const char *name;

  g_variant_get (parameter, "(x&s)", &correction.actor_id, &name);
  correction.name = name;
  old_name = dup_actor_name (self, correction.actor_id);
  correct (self, &correction, old_name, name);
}

static void
merge_into_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  AttacheActorsView *self = ATTACHE_ACTORS_VIEW (widget);
  AttacheCorrection correction = { ATTACHE_CORRECTION_MERGE, };
  g_autofree char *other_name = NULL;
  g_autofree char *keep_name = NULL;
  gint64 other_id, keep_id;

  /* The action names the actor merged first, as the menu does. */
  g_variant_get (parameter, "(xx)", &other_id, &keep_id);
  correction.actor_id = keep_id;
  correction.other_id = other_id;
  other_name = dup_actor_name (self, other_id);
  keep_name = dup_actor_name (self, keep_id);
  correct (self, &correction, other_name, keep_name);
}

static void
split_alias_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  AttacheActorsView *self = ATTACHE_ACTORS_VIEW (widget);
  AttacheCorrection correction = { ATTACHE_CORRECTION_SPLIT, };
  g_autofree char *name = NULL;
  g_autofree char *alias_name = NULL;
  AttacheActorItem *item;

  g_variant_get (parameter, "(xx)", &correction.actor_id, &correction.other_id);
  name = dup_actor_name (self, correction.actor_id);
  item = find_item (self, correction.actor_id);
  for (guint i = 0; item != NULL && i < item->info->aliases->len; i++)
    {
      const AttacheActorAlias *alias = item->info->aliases->pdata[i];

      if (alias->id == correction.other_id)
        alias_name = g_strdup (alias->name);
    }
  if (alias_name == NULL)
    alias_name = g_strdup_printf ("%" G_GINT64_FORMAT, correction.other_id);

  correct (self, &correction, name, alias_name);
}

static void
set_type_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  AttacheActorsView *self = ATTACHE_ACTORS_VIEW (widget);
  AttacheCorrection correction = { ATTACHE_CORRECTION_SET_TYPE, };
  g_autofree char *name = NULL;
  const char *type;

  g_variant_get (parameter, "(x&s)", &correction.actor_id, &type);
  if (!attache_actor_type_from_string (type, &correction.type))
    {
      g_warning ("Not an actor type: %s", type);
      return;
    }
  name = dup_actor_name (self, correction.actor_id);
  correct (self, &correction, name, _attache_actor_type_name (correction.type));
}

static void
hide_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  AttacheActorsView *self = ATTACHE_ACTORS_VIEW (widget);
  AttacheCorrection correction = { ATTACHE_CORRECTION_HIDE, };
  g_autofree char *name = NULL;

  correction.actor_id = g_variant_get_int64 (parameter);
  if (g_str_equal (action_name, "actors.unhide"))
    correction.kind = ATTACHE_CORRECTION_UNHIDE;
  name = dup_actor_name (self, correction.actor_id);
  correct (self, &correction, name, NULL);
}

static void
undo_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(AttacheActorsView) self = user_data;
  g_autoptr(GError) error = NULL;

  self->n_corrections--;
  notify_busy (self);

  if (!attache_library_undo_actor_correction_finish (ATTACHE_LIBRARY (object), result, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_autofree char *escaped = g_markup_escape_text (error->message, -1);

      add_toast (self, adw_toast_new_format (_("Could not undo the correction: %s"), escaped));
    }
}

static void
undo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  AttacheActorsView *self = ATTACHE_ACTORS_VIEW (widget);

  if (self->library == NULL)
    return;

  self->n_corrections++;
  notify_busy (self);
  attache_library_undo_actor_correction_async (self->library, g_variant_get_int64 (parameter),
                                               self->cancellable, undo_cb, g_object_ref (self));
}

/* Rename… */

typedef struct
{
  AttacheActorsView *self;   /* owned */
  gint64             id;
  char              *name;
} AskData;

static void
ask_data_free (AskData *data)
{
  g_clear_object (&data->self);
  g_free (data->name);
  g_free (data);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AskData, ask_data_free)

static AskData *
ask_data_new (AttacheActorsView *self,
              gint64             id)
{
  AskData *data = g_new0 (AskData, 1);

  data->self = g_object_ref (self);
  data->id = id;
  data->name = dup_actor_name (self, id);
  return data;
}

static void
ask_name_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(AskData) data = user_data;
  g_autofree char *name = attache_compat_ask_text_finish (result, NULL);

  /* Cancelled, or the same name. */
  if (name == NULL || g_strcmp0 (name, data->name) == 0)
    return;

  gtk_widget_activate_action (GTK_WIDGET (data->self), "actors.rename-to", "(xs)", data->id, name);
}

static void
rename_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  AttacheActorsView *self = ATTACHE_ACTORS_VIEW (widget);
  AskData *data = ask_data_new (self, g_variant_get_int64 (parameter));
  g_autofree char *heading = NULL;
  GtkWidget *entry = gtk_entry_new ();

  gtk_editable_set_text (GTK_EDITABLE (entry), data->name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("New name"),
                                  -1);
  /* Translators: the heading of a dialog; %s is the actor's name */
  heading = g_strdup_printf (_("Rename “%s”"), data->name);
  attache_compat_ask_text_async (get_window (self), heading,
                                 _("The new name is shown in every article, and kept when articles are imported or analysed again."),
                                 GTK_ENTRY (entry), _("_Rename"), NULL, self->cancellable,
                                 ask_name_cb, data);
}

/* Merge Into… and Split Alias Off…: a list to choose from */

/* Held by the dialog (its list and filter call back with it) and by the
 * question's callback, which may come after the dialog is gone: an g_rc_box. */
typedef struct
{
  AttacheActorsView *self;        /* owned */
  gint64             id;          /* the actor merged, or split */
  char              *name;
  gint64             chosen;      /* the actor (merge) or alias (split) chosen, 0 for none */
  GObject           *dialog;      /* not owned: the alert owns itself */
  GtkListBox        *list;
  GtkWidget         *entry;       /* the filter of the candidates, or NULL */
  GCancellable      *cancellable; /* the candidates' read under way */
  gboolean           merge;       /* else split */
} ChoiceData;

static void
choice_data_clear (ChoiceData *data)
{
  if (data->cancellable != NULL)
    g_cancellable_cancel (data->cancellable);
  g_clear_object (&data->cancellable);
  g_clear_object (&data->self);
  g_free (data->name);
}

static void
choice_data_release (ChoiceData *data)
{
  g_rc_box_release_full (data, (GDestroyNotify) choice_data_clear);
}

static ChoiceData *
choice_data_new (AttacheActorsView *self,
                 gint64             id,
                 const char        *name,
                 gboolean           merge)
{
  ChoiceData *data = g_rc_box_new0 (ChoiceData);

  data->self = g_object_ref (self);
  data->id = id;
  data->name = g_strdup (name);
  data->merge = merge;
  return data;
}

/* The dialog holds @data while it lives. */
static void
choice_data_set_dialog (ChoiceData *data,
                        GObject    *dialog)
{
  data->dialog = dialog;
  g_object_set_data_full (dialog, "attache-choice", g_rc_box_acquire (data),
                          (GDestroyNotify) choice_data_release);
}

static GtkWidget *
new_choice_row (const char       *name,
                AttacheActorType  type,
                const char       *detail,
                gint64            id)
{
  GtkWidget *row, *box, *icon, *label;

  box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  gtk_widget_add_css_class (box, "choice");
  icon = gtk_image_new_from_icon_name (_attache_actor_type_icon_name (type));
  gtk_widget_set_tooltip_text (icon, _attache_actor_type_name (type));
  gtk_box_append (GTK_BOX (box), icon);
  label = gtk_label_new (name);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_box_append (GTK_BOX (box), label);
  if (detail != NULL)
    {
      label = gtk_label_new (detail);
      gtk_widget_add_css_class (label, "dim-label");
      gtk_widget_add_css_class (label, "numeric");
      gtk_box_append (GTK_BOX (box), label);
    }

  row = gtk_list_box_row_new ();
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  g_object_set_data_full (G_OBJECT (row), "attache-id", g_memdup2 (&id, sizeof id), g_free);
  g_object_set_data_full (G_OBJECT (row), "attache-name", g_strdup (name), g_free);
  return row;
}

static void
on_choice_row_selected_cb (GtkListBox    *list,
                           GtkListBoxRow *row,
                           ChoiceData    *data)
{
  data->chosen = row != NULL ? *(gint64 *) g_object_get_data (G_OBJECT (row), "attache-id") : 0;
  attache_compat_ask_set_accept_enabled (data->dialog, row != NULL);
}

static gboolean
accept_choice_cb (gpointer user_data)
{
  GObject *dialog = user_data;

  if (GTK_IS_WIDGET (dialog) && !gtk_widget_in_destruction (GTK_WIDGET (dialog)))
    attache_compat_ask_accept (dialog);
  return G_SOURCE_REMOVE;
}

static void
on_choice_row_activated_cb (GtkListBox    *list,
                            GtkListBoxRow *row,
                            ChoiceData    *data)
{
  /* Not while the row says it was activated: closing takes the row away. */
  gtk_list_box_select_row (list, row);
  g_idle_add_full (G_PRIORITY_DEFAULT, accept_choice_cb, g_object_ref (data->dialog), g_object_unref);
}

static void
fill_candidates (ChoiceData *data,
                 GPtrArray  *actors)
{
  GtkWidget *child;
  guint n = 0;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (data->list))) != NULL)
    gtk_list_box_remove (data->list, child);

  for (guint i = 0; i < actors->len && n < MAX_MERGE_CANDIDATES; i++)
    {
      const AttacheActorInfo *info = actors->pdata[i];
      g_autofree char *detail = NULL;

      if (info->id == data->id || info->hidden)
        continue;

      /* Translators: beside an actor to merge into: how many articles name it */
      detail = g_strdup_printf (ngettext ("%" PRId64 " article", "%" PRId64 " articles", info->n_articles),
                                (int64_t) info->n_articles);
      gtk_list_box_append (data->list, new_choice_row (info->name, info->type, detail, info->id));
      n++;
    }

  attache_compat_ask_set_accept_enabled (data->dialog, FALSE);
}

static void
list_candidates_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  ChoiceData *data = user_data;
  g_autoptr(GPtrArray) actors = NULL;
  g_autoptr(GError) error = NULL;

  actors = attache_library_list_actors_finish (ATTACHE_LIBRARY (object), result, &error);
  if (actors != NULL)
    {
      g_clear_object (&data->cancellable);
      gtk_list_box_set_placeholder (data->list, NULL);
      fill_candidates (data, actors);
    }
  else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_autoptr(GPtrArray) none = g_ptr_array_new ();
      GtkWidget *label;

      /* None to choose from, and why, in the list itself. */
      g_clear_object (&data->cancellable);
      fill_candidates (data, none);
      label = gtk_label_new (error->message);
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_widget_add_css_class (label, "error");
      gtk_list_box_set_placeholder (data->list, label);
    }

  choice_data_release (data);
}

static void
list_candidates (ChoiceData *data,
                 const char *filter)
{
  if (data->cancellable != NULL)
    g_cancellable_cancel (data->cancellable);
  g_clear_object (&data->cancellable);
  data->cancellable = g_cancellable_new ();

  /* Cancelled when the dialog goes (on_choice_dialog_response_cb ()). */
  attache_library_list_actors_async (data->self->library, filter, data->cancellable,
                                     list_candidates_cb, g_rc_box_acquire (data));
}

static void
on_choice_search_changed_cb (GtkSearchEntry *entry,
                             ChoiceData     *data)
{
  list_candidates (data, gtk_editable_get_text (GTK_EDITABLE (entry)));
}

/* Answered, or closed: the list and the filter go with the dialog, and say
 * nothing to @data meanwhile. */
static void
on_choice_dialog_response_cb (GObject    *dialog,
                              const char *response,
                              ChoiceData *data)
{
  g_signal_handlers_disconnect_by_data (data->list, data);
  if (data->entry != NULL)
    g_signal_handlers_disconnect_by_data (data->entry, data);
  if (data->cancellable != NULL)
    g_cancellable_cancel (data->cancellable);
}

static void
ask_choice_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  ChoiceData *data = user_data;

  if (attache_compat_ask_choice_finish (result, NULL) && data->chosen != 0)
    {
      if (data->merge)
        gtk_widget_activate_action (GTK_WIDGET (data->self), "actors.merge-into", "(xx)",
                                    data->id, data->chosen);
      else
        gtk_widget_activate_action (GTK_WIDGET (data->self), "actors.split-alias", "(xx)",
                                    data->id, data->chosen);
    }

  choice_data_release (data);
}

static GtkWidget *
new_choice_list (ChoiceData *data)
{
  GtkWidget *scroller = gtk_scrolled_window_new ();
  GtkWidget *list = gtk_list_box_new ();

  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_SINGLE);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_widget_add_css_class (list, "actor-choices");
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scroller), TRUE);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scroller), 320);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), list);
  data->list = GTK_LIST_BOX (list);
  return scroller;
}

static void
merge_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  AttacheActorsView *self = ATTACHE_ACTORS_VIEW (widget);
  gint64 id = g_variant_get_int64 (parameter);
  g_autofree char *name = dup_actor_name (self, id);
  g_autofree char *heading = NULL;
  g_autofree char *body = NULL;
  GtkWidget *box, *entry;
  ChoiceData *data;

  if (self->library == NULL)
    return;

  data = choice_data_new (self, id, name, TRUE);

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  entry = gtk_search_entry_new ();
  g_object_set (entry, "placeholder-text", _("Find an Actor"), NULL);
  gtk_box_append (GTK_BOX (box), entry);
  gtk_box_append (GTK_BOX (box), new_choice_list (data));

  /* Translators: the heading of a dialog; %s is the actor's name */
  heading = g_strdup_printf (_("Merge “%s” Into…"), data->name);
  /* Translators: %s is the actor's name */
  body = g_strdup_printf (_("Choose the actor to keep. “%s” becomes one of its names, with its mentions and articles, in every article and in those imported later."),
                          data->name);
  choice_data_set_dialog (data, attache_compat_ask_choice_async (get_window (self), heading, body, box,
                                                                  _("_Merge"), self->cancellable,
                                                                  ask_choice_cb, data));
  g_signal_connect (data->list, "row-selected", G_CALLBACK (on_choice_row_selected_cb), data);
  g_signal_connect (data->list, "row-activated", G_CALLBACK (on_choice_row_activated_cb), data);
  g_signal_connect (entry, "search-changed", G_CALLBACK (on_choice_search_changed_cb), data);
  data->entry = entry;
  g_signal_connect (data->dialog, "response", G_CALLBACK (on_choice_dialog_response_cb), data);
  gtk_widget_grab_focus (entry);

  list_candidates (data, NULL);
}

static void
split_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  AttacheActorsView *self = ATTACHE_ACTORS_VIEW (widget);
  AttacheActorItem *item = find_item (self, g_variant_get_int64 (parameter));
  ChoiceData *data;
  g_autofree char *heading = NULL;
  GtkWidget *list;

  if (item == NULL)
    return;

  data = choice_data_new (self, item->info->id, item->info->name, FALSE);
  list = new_choice_list (data);

  for (guint i = 0; i < item->info->aliases->len; i++)
    {
      const AttacheActorAlias *alias = item->info->aliases->pdata[i];

      gtk_list_box_append (data->list, new_choice_row (alias->name, alias->type, NULL, alias->id));
    }

  /* Translators: the heading of a dialog; %s is the actor's name */
  heading = g_strdup_printf (_("Split a Name Off “%s”"), data->name);
  choice_data_set_dialog (data, attache_compat_ask_choice_async (get_window (self), heading,
                                                                  _("The name chosen becomes an actor of its own again, with the mentions found under that name."),
                                                                  list, _("_Split"), self->cancellable,
                                                                  ask_choice_cb, data));
  g_signal_connect (data->list, "row-selected", G_CALLBACK (on_choice_row_selected_cb), data);
  g_signal_connect (data->list, "row-activated", G_CALLBACK (on_choice_row_activated_cb), data);
  g_signal_connect (data->dialog, "response", G_CALLBACK (on_choice_dialog_response_cb), data);
}

/* Looking further */

static void
show_articles_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  _attache_activate_window_action (widget, "win.search-actor", g_variant_ref (parameter));
}

static void
timeline_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  AttacheActorsView *self = ATTACHE_ACTORS_VIEW (widget);
  gint64 id = g_variant_get_int64 (parameter);
  g_autofree char *name = dup_actor_name (self, id);

  if (self->library == NULL)
    return;

  gtk_window_present (GTK_WINDOW (attache_chart_window_new_actor_timeline (get_window (self), self->library,
                                                                          id, name)));
}

static void
show_network_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  AttacheActorsView *self = ATTACHE_ACTORS_VIEW (widget);

  if (self->library == NULL)
    return;

  gtk_window_present (GTK_WINDOW (attache_chart_window_new_network (get_window (self), self->library,
                                                                   NULL, _("The whole library"))));
}

static void
focus_filter_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  gtk_widget_grab_focus (GTK_WIDGET (ATTACHE_ACTORS_VIEW (widget)->search_entry));
}

/* Sorting by column */

static int
compare_names (gconstpointer a,
               gconstpointer b,
               gpointer      user_data)
{
  const AttacheActorItem *ia = a, *ib = b;

  return g_utf8_collate (ia->info->name, ib->info->name);
}

static int
compare_types (gconstpointer a,
               gconstpointer b,
               gpointer      user_data)
{
  const AttacheActorItem *ia = a, *ib = b;

  return g_utf8_collate (_attache_actor_type_name (ia->info->type), _attache_actor_type_name (ib->info->type));
}

static int
compare_articles (gconstpointer a,
                  gconstpointer b,
                  gpointer      user_data)
{
  const AttacheActorItem *ia = a, *ib = b;

  /* Most first, as the list comes. */
  return ia->info->n_articles > ib->info->n_articles ? -1 : ia->info->n_articles < ib->info->n_articles;
}

/* Days as the library keeps them sort as text; unknown ones last. */
static int
compare_days (const char *a,
              const char *b)
{
  if (a == NULL || b == NULL)
    return (a == NULL) - (b == NULL);
  return strcmp (a, b);
}

static int
compare_first_seen (gconstpointer a,
                    gconstpointer b,
                    gpointer      user_data)
{
  return compare_days (((const AttacheActorItem *) a)->info->first_seen,
                       ((const AttacheActorItem *) b)->info->first_seen);
}

static int
compare_last_seen (gconstpointer a,
                   gconstpointer b,
                   gpointer      user_data)
{
  return compare_days (((const AttacheActorItem *) a)->info->last_seen,
                       ((const AttacheActorItem *) b)->info->last_seen);
}

static void
add_column (AttacheActorsView *self,
            const char        *id,
            const char        *title,
            GCallback          setup,
            gpointer           setup_data,
            GCallback          bind,
            GCompareDataFunc   compare,
            gboolean           expand,
            int                fixed_width)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkColumnViewColumn *column;

  g_signal_connect (factory, "setup", setup, setup_data);
  g_signal_connect (factory, "bind", bind, self);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_cell_cb), self);

  column = gtk_column_view_column_new (title, factory);
  g_object_set_data_full (G_OBJECT (column), "attache-id", g_strdup (id), g_free);
  gtk_column_view_column_set_expand (column, expand);
  gtk_column_view_column_set_resizable (column, title != NULL);
  if (fixed_width > 0)
    gtk_column_view_column_set_fixed_width (column, fixed_width);
  if (compare != NULL)
    {
      GtkSorter *sorter = GTK_SORTER (gtk_custom_sorter_new (compare, NULL, NULL));

      gtk_column_view_column_set_sorter (column, sorter);
      g_object_unref (sorter);
    }
  gtk_column_view_append_column (self->column_view, column);
  g_object_unref (column);
}

static void
setup_columns (AttacheActorsView *self)
{
  add_column (self, "actor", _("Actor"), G_CALLBACK (setup_name_cb), self,
              G_CALLBACK (bind_name_cb), compare_names, TRUE, -1);
  add_column (self, "type", _("Type"), G_CALLBACK (setup_label_cb), GINT_TO_POINTER (FALSE),
              G_CALLBACK (bind_type_cb), compare_types, FALSE, 130);
  add_column (self, "articles", _("Articles"), G_CALLBACK (setup_label_cb), GINT_TO_POINTER (TRUE),
              G_CALLBACK (bind_articles_cb), compare_articles, FALSE, 90);
  add_column (self, "first-seen", _("First Seen"), G_CALLBACK (setup_label_cb), GINT_TO_POINTER (FALSE),
              G_CALLBACK (bind_first_seen_cb), compare_first_seen, FALSE, 120);
  add_column (self, "last-seen", _("Last Seen"), G_CALLBACK (setup_label_cb), GINT_TO_POINTER (FALSE),
              G_CALLBACK (bind_last_seen_cb), compare_last_seen, FALSE, 120);
  add_column (self, "menu", NULL, G_CALLBACK (setup_menu_cb), self,
              G_CALLBACK (bind_menu_cb), NULL, FALSE, 56);
}

/* GObject */

static void
attache_actors_view_dispose (GObject *object)
{
  AttacheActorsView *self = ATTACHE_ACTORS_VIEW (object);

  g_cancellable_cancel (self->cancellable);
  if (self->list_cancellable != NULL)
    g_cancellable_cancel (self->list_cancellable);
  g_clear_object (&self->list_cancellable);
  g_clear_handle_id (&self->reload_id, g_source_remove);
  if (self->library != NULL)
    g_signal_handlers_disconnect_by_data (self->library, self);

  g_clear_pointer (&self->context_menu, gtk_widget_unparent);
  gtk_widget_dispose_template (GTK_WIDGET (self), ATTACHE_TYPE_ACTORS_VIEW);
  if (self->filtered != NULL)
    g_signal_handlers_disconnect_by_data (self->filtered, self);
  g_clear_object (&self->selection);
  g_clear_object (&self->sorted);
  g_clear_object (&self->filtered);
  g_clear_object (&self->name_filter);
  g_clear_object (&self->store);
  g_clear_object (&self->library);

  G_OBJECT_CLASS (attache_actors_view_parent_class)->dispose (object);
}

static void
attache_actors_view_finalize (GObject *object)
{
  AttacheActorsView *self = ATTACHE_ACTORS_VIEW (object);

  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->filter, g_free);

  G_OBJECT_CLASS (attache_actors_view_parent_class)->finalize (object);
}

static void
attache_actors_view_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  AttacheActorsView *self = ATTACHE_ACTORS_VIEW (object);

  switch (prop_id)
    {
    case PROP_LIBRARY:
      g_value_set_object (value, self->library);
      break;

    case PROP_BUSY:
      g_value_set_boolean (value, attache_actors_view_get_busy (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
attache_actors_view_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  AttacheActorsView *self = ATTACHE_ACTORS_VIEW (object);

  switch (prop_id)
    {
    case PROP_LIBRARY:
      g_assert (self->library == NULL);
      self->library = g_value_dup_object (value);
      if (self->library != NULL)
        {
          g_signal_connect (self->library, "actors-changed",
                            G_CALLBACK (on_library_actors_changed_cb), self);
          g_signal_connect (self->library, "analyses-changed",
                            G_CALLBACK (on_library_analyses_changed_cb), self);
          reload (self);
        }
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
attache_actors_view_class_init (AttacheActorsViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = attache_actors_view_dispose;
  object_class->finalize = attache_actors_view_finalize;
  object_class->get_property = attache_actors_view_get_property;
  object_class->set_property = attache_actors_view_set_property;

  properties[PROP_LIBRARY] =
    g_param_spec_object ("library", NULL, NULL,
                         ATTACHE_TYPE_LIBRARY,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/attache/Attache/attache-actors-view.ui");
  gtk_widget_class_bind_template_child (widget_class, AttacheActorsView, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, AttacheActorsView, search_entry);
  gtk_widget_class_bind_template_child (widget_class, AttacheActorsView, count_label);
  gtk_widget_class_bind_template_child (widget_class, AttacheActorsView, stack);
  gtk_widget_class_bind_template_child (widget_class, AttacheActorsView, column_view);
  gtk_widget_class_bind_template_child (widget_class, AttacheActorsView, empty_page);
  gtk_widget_class_bind_template_callback (widget_class, on_search_entry_search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_column_view_activate_cb);

  gtk_widget_class_install_action (widget_class, "actors.show-articles", "x", show_articles_action);
  gtk_widget_class_install_action (widget_class, "actors.timeline", "x", timeline_action);
  gtk_widget_class_install_action (widget_class, "actors.show-network", NULL, show_network_action);
  gtk_widget_class_install_action (widget_class, "actors.rename", "x", rename_action);
  gtk_widget_class_install_action (widget_class, "actors.rename-to", "(xs)", rename_to_action);
  gtk_widget_class_install_action (widget_class, "actors.merge", "x", merge_action);
  gtk_widget_class_install_action (widget_class, "actors.merge-into", "(xx)", merge_into_action);
  gtk_widget_class_install_action (widget_class, "actors.split", "x", split_action);
  gtk_widget_class_install_action (widget_class, "actors.split-alias", "(xx)", split_alias_action);
  gtk_widget_class_install_action (widget_class, "actors.set-type", "(xs)", set_type_action);
  gtk_widget_class_install_action (widget_class, "actors.hide", "x", hide_action);
  gtk_widget_class_install_action (widget_class, "actors.unhide", "x", hide_action);
  gtk_widget_class_install_action (widget_class, "actors.undo", "x", undo_action);
  gtk_widget_class_install_action (widget_class, "actors.focus-filter", NULL, focus_filter_action);

  gtk_widget_class_add_binding (widget_class, GDK_KEY_F10, GDK_SHIFT_MASK, popup_selected_menu_cb, NULL);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_Menu, 0, popup_selected_menu_cb, NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "actors.focus-filter", NULL);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "actorsview");
}

static void
attache_actors_view_init (AttacheActorsView *self)
{
  GtkGesture *gesture;

  self->cancellable = g_cancellable_new ();

  gtk_widget_init_template (GTK_WIDGET (self));

  self->store = g_list_store_new (ATTACHE_TYPE_ACTOR_ITEM);
  setup_columns (self);
  /* Sorted, then filtered: a filter typed keeps the order made once (sorting
   * after it sorted every actor again as the filter widened); and filtered a
   * slice at a time between frames: 130,000 actors filtered at once held the
   * main loop 65-265 ms, a slice at most 9-31 ms (bench-actors-window). */
  self->sorted = gtk_sort_list_model_new (G_LIST_MODEL (g_object_ref (self->store)),
                                          g_object_ref (gtk_column_view_get_sorter (self->column_view)));
  gtk_sort_list_model_set_incremental (self->sorted, FALSE);
  self->name_filter = gtk_custom_filter_new (match_actor, self, NULL);
  self->filtered = gtk_filter_list_model_new (G_LIST_MODEL (g_object_ref (self->sorted)),
                                              GTK_FILTER (g_object_ref (self->name_filter)));
  gtk_filter_list_model_set_incremental (self->filtered, TRUE);
  g_signal_connect (self->filtered, "items-changed", G_CALLBACK (on_filtered_items_changed_cb), self);
  g_signal_connect (self->filtered, "notify::pending", G_CALLBACK (on_filtered_notify_pending_cb), self);
  self->selection = gtk_single_selection_new (G_LIST_MODEL (g_object_ref (self->filtered)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->selection));

  self->context_menu = gtk_popover_menu_new_from_model (NULL);
  gtk_popover_set_has_arrow (GTK_POPOVER (self->context_menu), FALSE);
  gtk_popover_set_position (GTK_POPOVER (self->context_menu), GTK_POS_BOTTOM);
  gtk_widget_set_halign (self->context_menu, GTK_ALIGN_START);
  gtk_widget_set_parent (self->context_menu, GTK_WIDGET (self));

  gesture = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (gesture), GDK_BUTTON_SECONDARY);
  g_signal_connect (gesture, "pressed", G_CALLBACK (on_column_view_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->column_view), GTK_EVENT_CONTROLLER (gesture));
  gesture = gtk_gesture_long_press_new ();
  gtk_gesture_single_set_touch_only (GTK_GESTURE_SINGLE (gesture), TRUE);
  g_signal_connect (gesture, "pressed", G_CALLBACK (on_column_view_long_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->column_view), GTK_EVENT_CONTROLLER (gesture));

  update_count (self);
}

GtkWidget *
attache_actors_view_new (AttacheLibrary *library)
{
  g_return_val_if_fail (ATTACHE_IS_LIBRARY (library), NULL);

  return g_object_new (ATTACHE_TYPE_ACTORS_VIEW, "library", library, NULL);
}

AttacheLibrary *
attache_actors_view_get_library (AttacheActorsView *self)
{
  g_return_val_if_fail (ATTACHE_IS_ACTORS_VIEW (self), NULL);

  return self->library;
}

guint
attache_actors_view_get_n_actors (AttacheActorsView *self)
{
  g_return_val_if_fail (ATTACHE_IS_ACTORS_VIEW (self), 0);

  return g_list_model_get_n_items (G_LIST_MODEL (self->selection));
}

const AttacheActorInfo *
attache_actors_view_get_actor (AttacheActorsView *self,
                               guint              position)
{
  g_autoptr(AttacheActorItem) item = NULL;

  g_return_val_if_fail (ATTACHE_IS_ACTORS_VIEW (self), NULL);

  item = g_list_model_get_item (G_LIST_MODEL (self->selection), position);
  /* The store holds it. */
  return item != NULL ? item->info : NULL;
}

gboolean
attache_actors_view_get_busy (AttacheActorsView *self)
{
  g_return_val_if_fail (ATTACHE_IS_ACTORS_VIEW (self), FALSE);

  return self->list_cancellable != NULL || self->reload_id != 0 || self->n_corrections > 0 ||
         gtk_filter_list_model_get_pending (self->filtered) > 0 ||
         gtk_sort_list_model_get_pending (self->sorted) > 0;
}

void
attache_actors_view_set_filter (AttacheActorsView *self,
                                const char        *filter)
{
  g_return_if_fail (ATTACHE_IS_ACTORS_VIEW (self));

  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), filter != NULL ? filter : "");
  /* At once, not after the entry's pause for typing. */
  on_search_entry_search_changed_cb (self->search_entry, self);
}

/* The window */

GtkWidget *
attache_actors_window_new (GtkWindow      *parent,
                           AttacheLibrary *library)
{
  GtkWidget *window, *box, *header, *view;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (ATTACHE_IS_LIBRARY (library), NULL);

  window = adw_window_new ();
  gtk_window_set_title (GTK_WINDOW (window), _("Actors"));
  gtk_window_set_default_size (GTK_WINDOW (window), 860, 640);
  gtk_window_set_transient_for (GTK_WINDOW (window), parent);
  gtk_window_set_destroy_with_parent (GTK_WINDOW (window), TRUE);
  if (parent != NULL && gtk_window_get_application (parent) != NULL)
    gtk_window_set_application (GTK_WINDOW (window), gtk_window_get_application (parent));

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  header = adw_header_bar_new ();
  gtk_box_append (GTK_BOX (box), header);
  view = attache_actors_view_new (library);
  gtk_widget_set_vexpand (view, TRUE);
  gtk_box_append (GTK_BOX (box), view);
  adw_window_set_content (ADW_WINDOW (window), box);
  g_object_set_data (G_OBJECT (window), "attache-actors-view", view);

  /* Ctrl+W closes it, as other secondary windows. */
  {
    GtkEventController *shortcuts = gtk_shortcut_controller_new ();

    gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                          gtk_shortcut_new (gtk_shortcut_trigger_parse_string ("<Control>w"),
                                                            gtk_named_action_new ("window.close")));
    gtk_widget_add_controller (window, shortcuts);
  }

  return window;
}

AttacheActorsView *
attache_actors_window_get_view (GtkWindow *window)
{
  g_return_val_if_fail (GTK_IS_WINDOW (window), NULL);

  return g_object_get_data (G_OBJECT (window), "attache-actors-view");
}
