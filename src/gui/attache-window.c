/* attache-window.c: the main window: library list, reader and summary
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "attache-window"

#include "config.h"

#include <glib/gi18n.h>
#include <inttypes.h>
#include <string.h>

#include "attache-actors-view.h"
#include "attache-article-list.h"
#include "attache-article-row.h"
#include "attache-briefings-view.h"
#include "attache-chart-window.h"
#include "attache-compat.h"
#include "attache-feed-refresher.h"
#include "attache-importer.h"
#include "attache-overview.h"
#include "attache-reader.h"
#include "attache-saved-search-list.h"
#include "attache-search-bar.h"
#include "attache-search.h"
#include "attache-summary-pane.h"
#include "attache-window.h"
#include "attache-toast-private.h"

struct _AttacheWindow
{
  AdwApplicationWindow  parent_instance;

  /* template children */
  AdwWindowTitle       *window_title;
  GtkSpinner           *import_spinner;
  GtkWidget            *delete_button;
  GtkRevealer          *progress_revealer;
  GtkLabel             *progress_label;
  GtkProgressBar       *progress_bar;
  AdwToastOverlay      *toast_overlay;
  GtkWidget            *drop_area;
  GtkStack             *stack;
  AdwStatusPage        *empty_page;
  GtkWidget            *empty_import_button;
  GtkPaned             *library_paned;
  GtkPaned             *reader_paned;
  GtkListView          *article_list_view;
  GtkMultiSelection    *selection;
  AttacheReader        *reader;
  AttacheSummaryPane   *summary_pane;
  GtkRevealer          *feeds_revealer;
  GtkListBox           *feed_list;
  GtkListBoxRow        *all_articles_row;
  GtkStack             *refresh_stack;
  GtkSpinner           *refresh_spinner;
  GtkWidget            *feed_menu;       /* a GtkPopoverMenu on feed_list */
  AdwViewStack         *view_stack;
  AttacheBriefingsView *briefings_view;
  GtkWidget            *import_button;
  GtkWidget            *new_briefing_button;
  GtkWidget            *briefing_menu_button;
  GtkWidget            *article_menu;    /* a GtkPopoverMenu on article_list_view */
  GtkWidget            *actors_window;   /* weak: the Actors window, while open */
  AttacheSearchBar     *search_bar;
  GtkToggleButton      *search_button;
  AttacheSavedSearchList *saved_search_list;
  GtkStack             *list_stack;      /* "list", or "no-results" */
  AdwStatusPage        *no_results_page;

  AttacheLibrary       *library;         /* owned */
  AttacheArticleList   *articles;        /* owned */
  GtkFilterListModel   *shown;           /* owned: the articles of the feed selected, or all */
  GtkCustomFilter      *feed_filter;     /* owned */
  AttacheImporter      *importer;        /* owned */
  AttacheFeedRefresher *refresher;       /* owned */
  AttacheAnalysisRunner *analysis_runner; /* owned; NULL when none */
  GSettings            *settings;        /* owned; NULL when the schema is not installed */
  GCancellable         *cancellable;     /* owned */
  /* Articles deleted while their toast offers Undo: gint64 id → AttacheArticle */
  GHashTable           *deleted;
  /* The folder import under way, and the folders waiting for it */
  GCancellable         *folder_cancellable;  /* owned; NULL when none is under way */
  GQueue                folders;             /* GFile, owned */

  /* Feeds */
  GHashTable           *feed_rows;           /* gint64 feed id → GtkListBoxRow, borrowed */
  GHashTable           *feed_article_ids;    /* gint64 set: the articles of the feed selected */
  GHashTable           *unsubscribed;        /* gint64 set: feeds whose toast offers Undo */
  GCancellable         *feed_ids_cancellable; /* owned; NULL when none is loading */
  gint64                selected_feed_id;    /* 0 for all articles */
  gint64                pending_feed_id;     /* to select once the list has it */
  gboolean              feeds_loading;       /* the feeds are being read */
  gboolean              feeds_dirty;         /* and changed meanwhile */
  gboolean              filter_changing;     /* the feed selected changes the list */
  guint                 n_feeds;             /* listed (not waiting to be unsubscribed) */
  GArray               *refresh_queue;       /* gint64 feeds waiting to be refreshed, or NULL */
  guint                 n_refreshing;        /* feeds being refreshed */
  guint                 n_refresh_imported;  /* in the refresh under way */
  guint                 n_refresh_failed;
  gboolean              refresh_asked;       /* by the person, not the schedule: say how it went */
  guint                 refresh_timeout_id;
  gint64                next_refresh_time;   /* monotonic, or 0 */
  guint                 read_timeout_id;
  gint64                read_article_id;     /* the article to mark read once the timeout fires */

  int                   summary_width;      /* to restore, or 0 */
  gint64                selected_id;        /* 0 for none */
  gint64                focused_id;         /* the article of the row with the focus, at the last selection change */
  guint                 selected_position;  /* where it was, to select a neighbour */
  gint64                pending_select_id;  /* to select once the list has it */
  guint                 n_imports;          /* imports under way */
  gboolean              loaded;             /* the list has loaded once */
  gboolean              first_rows;         /* the first rows of the first load are listed */
  gboolean              reloading;          /* the list is replacing its items */

  /* Search: the list shows the library (shown) or a search's results */
  GListStore           *results;            /* owned: AttacheArticle, the page of results; NULL when the library is listed */
  gint64                results_total;      /* how many articles the search found */
  GCancellable         *search_cancellable; /* owned: the search under way, or NULL */
  guint                 research_id;        /* searching again after the library changed, or 0 */
  gboolean              search_stale;       /* the library changed while a search ran */
  AttacheSearchQuery   *saved_query;        /* owned: the query of the saved search selected, or NULL */

  /* The overview of several articles in the summary pane */
  guint                 overview_id;        /* the delay before it is read, or 0 */
  GCancellable         *overview_cancellable; /* owned: the overview being read, or NULL */
  GArray               *overview_ids;       /* owned: gint64, the articles of the overview shown, or NULL */
  AttacheOverview      *overview;           /* owned: the overview shown, or NULL */
  char                 *overview_heading;   /* owned */
};

G_DEFINE_FINAL_TYPE (AttacheWindow, attache_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_LIBRARY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Toasts */

static void
add_toast (AttacheWindow *self,
           AdwToast      *toast)
{
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

/* Shows "@what: @error" in a toast, unless the work was only cancelled. */
static void
show_error (AttacheWindow *self,
            const char    *what,
            const GError  *error)
{
  add_toast (self, _attache_error_toast_new (what, error));
}

/* How a file is named for people in toasts and dialogs. */
static char *
dup_file_display_name (GFile *file)
{
  g_autofree char *path = g_file_get_path (file);

  if (path != NULL)
    return g_filename_display_basename (path);

  return g_file_get_parse_name (file);
}

/* How what was imported is named: the file or web address, or for a text
 * (pasted or dropped), the title it was given. */
static char *
dup_result_display_name (AttacheImportResult *result)
{
  GFile *file = attache_import_result_get_file (result);
  const char *title = attache_import_result_get_title (result);

  if (file != NULL)
    return dup_file_display_name (file);
  if (title != NULL)
    return g_strdup (title);

  /* Translators: what failed to import, in "Could not import the text: empty file" */
  return g_strdup (_("the text"));
}

/* What the window shows */

static gboolean
showing_briefings (AttacheWindow *self)
{
  return adw_view_stack_get_visible_child (self->view_stack) == GTK_WIDGET (self->briefings_view);
}

static void
show_library_view (AttacheWindow *self)
{
  adw_view_stack_set_visible_child_name (self->view_stack, "library");
}

static void
update_title (AttacheWindow *self)
{
  guint n_articles = g_list_model_get_n_items (G_LIST_MODEL (self->articles));
  g_autofree char *subtitle = NULL;

  if (showing_briefings (self))
    {
      guint n_briefings = attache_briefings_view_get_n_briefings (self->briefings_view);

      /* Translators: the number of briefings in the library, under the window title */
      subtitle = g_strdup_printf (ngettext ("%u briefing", "%u briefings", n_briefings), n_briefings);
      adw_window_title_set_subtitle (self->window_title, subtitle);
      return;
    }

  GtkListBoxRow *feed_row = self->selected_feed_id != 0 ? gtk_list_box_get_selected_row (self->feed_list) : NULL;

  if (self->results != NULL)
    {
      guint n_listed = g_list_model_get_n_items (G_LIST_MODEL (self->results));

      if (self->results_total > n_listed)
        /* Translators: under the window title during a search: how many results are listed, of how many found */
        subtitle = g_strdup_printf (ngettext ("%u of %" PRId64 " result", "%u of %" PRId64 " results",
                                              (gulong) self->results_total),
                                    n_listed, (int64_t) self->results_total);
      else
        /* Translators: under the window title during a search */
        subtitle = g_strdup_printf (ngettext ("%u result", "%u results", n_listed), n_listed);
    }
  else if (feed_row != NULL)
    {
      GtkLabel *feed_title = g_object_get_data (G_OBJECT (feed_row), "title-label");
      guint n_shown = g_list_model_get_n_items (G_LIST_MODEL (self->shown));

      /* Translators: under the window title while one feed is shown: the
       * feed, then how many of its articles are listed: "Harbour Post — 4 articles" */
      subtitle = g_strdup_printf (ngettext ("%s — %u article", "%s — %u articles", n_shown),
                                  gtk_label_get_text (feed_title), n_shown);
    }
  /* Not while the first load reads the newest articles only. */
  else if (self->loaded)
    /* Translators: the number of articles in the library, under the window title */
    subtitle = g_strdup_printf (ngettext ("%u article", "%u articles", n_articles), n_articles);

  adw_window_title_set_subtitle (self->window_title, subtitle != NULL ? subtitle : "");
}

static void
update_page (AttacheWindow *self)
{
  guint n_articles = g_list_model_get_n_items (G_LIST_MODEL (self->articles));

  gtk_widget_set_visible (self->delete_button, n_articles > 0 && !showing_briefings (self));

  /* Until the first load is done, neither the empty library nor the panes:
   * it takes a moment, and showing one then the other would flicker. */
  if (n_articles > 0)
    gtk_stack_set_visible_child_name (self->stack, "library");
  else if (self->loaded)
    gtk_stack_set_visible_child_name (self->stack, "empty");
  else
    gtk_stack_set_visible_child_name (self->stack, "loading");
}

/* How long an article is shown before it counts as read. */
#define READ_DELAY_MS 2000

static void
set_article_read_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(AttacheWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!attache_library_set_article_read_finish (ATTACHE_LIBRARY (object), result, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) &&
      !g_error_matches (error, ATTACHE_DATABASE_ERROR, ATTACHE_DATABASE_ERROR_NOT_FOUND) &&
      !g_cancellable_is_cancelled (self->cancellable))
    show_error (self, _("Could not mark the article as read"), error);
}

static gboolean
on_read_timeout_cb (gpointer user_data)
{
  AttacheWindow *self = user_data;

  self->read_timeout_id = 0;
  attache_library_set_article_read_async (self->library, self->read_article_id, TRUE,
                                          self->cancellable, set_article_read_cb,
                                          g_object_ref (self));
  return G_SOURCE_REMOVE;
}

/* An article shown for READ_DELAY_MS is read; one passed over on the way is not. */
static void
schedule_mark_read (AttacheWindow *self,
                    gint64         id)
{
  if (id == self->read_article_id && (self->read_timeout_id != 0 || id == 0))
    return;

  g_clear_handle_id (&self->read_timeout_id, g_source_remove);
  self->read_article_id = id;
  if (id != 0)
    self->read_timeout_id = g_timeout_add (READ_DELAY_MS, on_read_timeout_cb, self);
}

/* The list shows the library's articles (self->shown), or a search's
 * results (self->results) while the search bar has a query. */
static GListModel *
get_listed (AttacheWindow *self)
{
  return gtk_multi_selection_get_model (self->selection);
}

static gboolean
listing_results (AttacheWindow *self)
{
  return self->results != NULL;
}

static guint
find_in_model (GListModel *model,
               gint64      id)
{
  guint n_items = g_list_model_get_n_items (model);

  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(AttacheArticle) article = g_list_model_get_item (model, i);

      if (attache_article_get_id (article) == id)
        return i;
    }

  return G_MAXUINT;
}

/* Position of the article with @id in the list as shown, or G_MAXUINT. */
static guint
find_shown (AttacheWindow *self,
            gint64         id)
{
  /* A search's page of results, or a feed's articles: short lists. */
  if (listing_results (self))
    return find_in_model (G_LIST_MODEL (self->results), id);
  if (gtk_filter_list_model_get_filter (self->shown) != NULL)
    return find_in_model (G_LIST_MODEL (self->shown), id);

  return attache_article_list_find (self->articles, id);
}

/* The article of the row with the keyboard focus, 0 when the list does not
 * have it. A click or an arrow key moves the focus before the selection. */
static gint64
get_focused_article_id (AttacheWindow *self)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));
  GtkWidget *row;
  AttacheArticle *article;

  if (focus == NULL || !gtk_widget_is_ancestor (focus, GTK_WIDGET (self->article_list_view)))
    return 0;

  row = ATTACHE_IS_ARTICLE_ROW (focus) ? focus : gtk_widget_get_first_child (focus);
  if (row == NULL || !ATTACHE_IS_ARTICLE_ROW (row))
    return 0;

  article = attache_article_row_get_article (ATTACHE_ARTICLE_ROW (row));
  return article != NULL ? attache_article_get_id (article) : 0;
}

/* Which of the articles selected the reader shows: the one clicked or moved
 * to last (the focus moved to its row since the selection last changed),
 * else the one it showed if still selected, else the first. The focus alone
 * is not enough: Ctrl+A, or a selection made by the program, leaves it
 * where it was. */
static guint
choose_current_position (AttacheWindow *self,
                         GtkBitset     *selected)
{
  gint64 focused_id;
  guint position;

  if (gtk_bitset_is_empty (selected))
    return GTK_INVALID_LIST_POSITION;
  if (gtk_bitset_get_size (selected) == 1)
    return gtk_bitset_get_minimum (selected);

  focused_id = get_focused_article_id (self);
  if (focused_id != 0 && focused_id != self->focused_id &&
      (position = find_shown (self, focused_id)) != G_MAXUINT &&
      gtk_bitset_contains (selected, position))
    return position;

  if (self->selected_id != 0 &&
      (position = find_shown (self, self->selected_id)) != G_MAXUINT &&
      gtk_bitset_contains (selected, position))
    return position;

  return gtk_bitset_get_minimum (selected);
}

static void show_overview (AttacheWindow *self);
static void hide_overview (AttacheWindow *self);

/* Tells the reader, the summary pane and the actions about the articles
 * selected: the reader shows one of them; the pane shows it too, or, for
 * several (or for a search's results with none selected), what they have in
 * common. */
static void
show_selected_article (AttacheWindow *self)
{
  g_autoptr(GtkBitset) selected = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->selection));
  guint64 n_selected = gtk_bitset_get_size (selected);
  guint position = choose_current_position (self, selected);
  g_autoptr(AttacheArticle) article = NULL;
  gboolean overview;

  if (position != GTK_INVALID_LIST_POSITION)
    article = g_list_model_get_item (get_listed (self), position);
  self->focused_id = get_focused_article_id (self);

  overview = n_selected > 1 ||
             (n_selected == 0 && listing_results (self) &&
              g_list_model_get_n_items (G_LIST_MODEL (self->results)) > 0);

  /* A search's results with none selected: the reader keeps what it shows. */
  if (article != NULL || !overview)
    {
      if (article != NULL)
        {
          self->selected_id = attache_article_get_id (article);
          self->selected_position = position;
        }
      else
        {
          self->selected_id = 0;
        }

      if (article == NULL || self->selected_id != self->read_article_id)
        schedule_mark_read (self, self->selected_id);

      attache_reader_set_article (self->reader, article);
    }

  if (overview)
    {
      attache_summary_pane_set_article (self->summary_pane, NULL);
      show_overview (self);
    }
  else
    {
      hide_overview (self);
      attache_summary_pane_set_article (self->summary_pane, article);
    }

  gtk_widget_set_visible (GTK_WIDGET (self->summary_pane), article != NULL || overview);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.delete", article != NULL && n_selected == 1);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.add-article-to-briefing", n_selected > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.add-actors-to-briefing", article != NULL && !overview);
}

/* Selects the article at @position alone (none for GTK_INVALID_LIST_POSITION). */
static void
select_position (AttacheWindow *self,
                 guint          position)
{
  GtkSelectionModel *selection = GTK_SELECTION_MODEL (self->selection);

  if (position == GTK_INVALID_LIST_POSITION)
    {
      gtk_selection_model_unselect_all (selection);
      return;
    }

  gtk_selection_model_select_item (selection, position, TRUE);
  gtk_widget_activate_action (GTK_WIDGET (self->article_list_view),
                              "list.scroll-to-item", "u", position);
}

static void
on_selection_selection_changed_cb (GtkSelectionModel *selection,
                                   guint              position,
                                   guint              n_items,
                                   AttacheWindow     *self)
{
  /* While the list replaces its items the selection is lost for a moment;
   * on_shown_items_changed_cb () puts it back. */
  if (self->reloading)
    return;

  show_selected_article (self);
}

/* Runs before the selection model hears of the change. */
static void
on_shown_items_changed_before_cb (GListModel    *model,
                                     guint          position,
                                     guint          removed,
                                     guint          added,
                                     AttacheWindow *self)
{
  if (get_listed (self) == model)
    self->reloading = TRUE;
}

/* Runs after the selection model has updated itself. */
static void
on_shown_items_changed_cb (GListModel    *model,
                              guint          position,
                              guint          removed,
                              guint          added,
                              AttacheWindow *self)
{
  GtkSelectionModel *selection = GTK_SELECTION_MODEL (self->selection);
  guint n_articles = g_list_model_get_n_items (model);
  guint found = G_MAXUINT;

  self->reloading = FALSE;

  /* A search's results are listed: they follow the library on their own. */
  if (get_listed (self) != model)
    {
      update_title (self);
      update_page (self);
      return;
    }

  if (self->pending_select_id != 0)
    {
      found = find_shown (self, self->pending_select_id);
      if (found != G_MAXUINT)
        {
          self->pending_select_id = 0;
          select_position (self, found);
        }
    }

  if (found == G_MAXUINT && self->selected_id != 0)
    {
      found = find_shown (self, self->selected_id);

      if (found != G_MAXUINT)
        {
          /* A new object for the same article: selected as the old one was,
           * beside the others selected. */
          if (!gtk_selection_model_is_selected (selection, found))
            gtk_selection_model_select_item (selection, found, FALSE);
        }
      /* The selected article is gone (deleted): its neighbour takes its place;
       * not when it is only left out of the feed now selected, nor when
       * others stay selected. */
      else if (n_articles > 0 && !self->filter_changing)
        {
          g_autoptr(GtkBitset) selected = gtk_selection_model_get_selection (selection);

          if (gtk_bitset_is_empty (selected))
            select_position (self, MIN (self->selected_position, n_articles - 1));
        }
    }

  show_selected_article (self);
  update_title (self);
  update_page (self);
}

static void
show_all_articles (AttacheWindow *self);
static void
run_search (AttacheWindow *self,
            gboolean       keep_selection);

/* The keyboard is in an entry: the focus is not to be taken from it. */
static gboolean
typing (AttacheWindow *self)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));

  return focus != NULL && (GTK_IS_TEXT (focus) || GTK_IS_EDITABLE (focus));
}

/* The library's articles changed (whatever the list shows). */
static void
on_articles_items_changed_cb (GListModel    *model,
                              guint          position,
                              guint          removed,
                              guint          added,
                              AttacheWindow *self)
{
  /* An article to select (one put back by Undo) is in the library now. */
  if (self->pending_select_id != 0 &&
      attache_article_list_find (self->articles, self->pending_select_id) != G_MAXUINT)
    {
      guint found = find_shown (self, self->pending_select_id);

      if (listing_results (self) && found != G_MAXUINT)
        {
          /* The search's results had it first. */
          self->pending_select_id = 0;
          select_position (self, found);
        }
      else if (listing_results (self))
        {
          /* The search again, at once: among its results it is selected,
           * else the search ends (see find_cb). */
          run_search (self, TRUE);
        }
      else if (found == G_MAXUINT && self->selected_feed_id != 0)
        {
          show_all_articles (self);
        }
    }

  /* The first rows, before the others are read: the list can be used. */
  if (!self->loaded && !self->first_rows && g_list_model_get_n_items (model) > 0)
    {
      self->first_rows = TRUE;
      g_debug ("The first %u rows are listed", g_list_model_get_n_items (model));
      /* Arrow keys and Delete work on the list from the start. */
      if (!typing (self))
        gtk_widget_grab_focus (GTK_WIDGET (self->article_list_view));
    }

  update_title (self);
  update_page (self);
}

static void
on_articles_notify_loading_cb (AttacheArticleList *articles,
                               GParamSpec         *pspec,
                               AttacheWindow      *self)
{
  if (attache_article_list_get_loading (articles) || self->loaded)
    return;

  self->loaded = TRUE;
  g_debug ("Every article is listed: %u rows", g_list_model_get_n_items (G_LIST_MODEL (articles)));
  update_title (self);
  update_page (self);

  /* Arrow keys and Delete work on the list from the start, unless the
   * person is typing (a search) meanwhile. */
  if (g_list_model_get_n_items (G_LIST_MODEL (articles)) > 0 && !typing (self))
    gtk_widget_grab_focus (GTK_WIDGET (self->article_list_view));
}

static void
on_articles_notify_error_cb (AttacheArticleList *articles,
                             GParamSpec         *pspec,
                             AttacheWindow      *self)
{
  const GError *error = attache_article_list_get_error (articles);

  if (error != NULL)
    show_error (self, _("Could not read the library"), error);
}

/* Importing */

typedef struct
{
  AttacheWindow *self;
} ImportData;

static void
import_data_free (ImportData *data)
{
  g_clear_object (&data->self);
  g_free (data);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ImportData, import_data_free)

static void
update_import_spinner (AttacheWindow *self)
{
  gboolean importing = self->n_imports > 0;

  gtk_widget_set_visible (GTK_WIDGET (self->import_spinner), importing);
  gtk_spinner_set_spinning (self->import_spinner, importing);
}

static void
show_import_failures (AttacheWindow *self,
                      GPtrArray     *results)
{
  GtkWidget *list;
  GtkWidget *scroller;
  g_autofree char *heading = NULL;
  guint n_failed = 0;

  list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");

  for (guint i = 0; i < results->len; i++)
    {
      AttacheImportResult *result = g_ptr_array_index (results, i);
      const GError *error = attache_import_result_get_error (result);
      g_autofree char *name = NULL;
      GtkWidget *row;

      if (attache_import_result_get_status (result) != ATTACHE_IMPORT_FAILED)
        continue;

      name = dup_result_display_name (result);
      row = adw_action_row_new ();
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                                   error != NULL ? error->message : _("Unknown error"));
      gtk_list_box_append (GTK_LIST_BOX (list), row);
      n_failed++;
    }

  scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller),
                                  GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scroller), TRUE);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scroller), 320);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), list);

  heading = g_strdup_printf (ngettext ("%u File Could Not Be Imported",
                                       "%u Files Could Not Be Imported",
                                       n_failed),
                             n_failed);

  attache_compat_alert_async (GTK_WINDOW (self), heading,
                              _("Attaché imports text, Markdown and HTML files of up to 10 MiB."),
                              scroller, _("_Close"),
                              NULL, NULL, NULL);
}

static void
results_closure_notify (gpointer  data,
                        GClosure *closure)
{
  g_ptr_array_unref (data);
}

static void
on_failures_toast_button_clicked_cb (AdwToast  *toast,
                                     GPtrArray *results)
{
  GtkWidget *window = g_object_get_data (G_OBJECT (toast), "attache-window");

  if (window != NULL)
    show_import_failures (ATTACHE_WINDOW (window), results);
}

/* The toast that tells how an import went; @n_skipped files were left out
 * for their type (in a folder). */
static AdwToast *
new_import_toast (AttacheWindow *self,
                  GPtrArray     *results,
                  guint          n_skipped)
{
  guint n_imported = 0;
  guint n_duplicates = 0;
  guint n_failed = 0;
  g_autoptr(GPtrArray) parts = NULL;
  g_autofree char *message = NULL;
  AdwToast *toast;

  g_assert (results->len > 0 || n_skipped > 0);

  if (results->len == 1 && n_skipped == 0)
    {
      AttacheImportResult *result = g_ptr_array_index (results, 0);
      g_autofree char *name = dup_result_display_name (result);
      g_autofree char *escaped_name = g_markup_escape_text (name, -1);
      const char *title = attache_import_result_get_title (result);
      g_autofree char *escaped_title = g_markup_escape_text (title != NULL ? title : "", -1);
      const GError *error;

      switch (attache_import_result_get_status (result))
        {
        case ATTACHE_IMPORT_IMPORTED:
          return adw_toast_new_format (_("Imported “%s”"), escaped_title);

        case ATTACHE_IMPORT_DUPLICATE:
          toast = adw_toast_new_format (_("“%s” is already in the library"), escaped_name);
          adw_toast_set_button_label (toast, _("Show"));
          adw_toast_set_action_name (toast, "win.show-article");
          adw_toast_set_action_target_value (toast,
                                             g_variant_new_int64 (attache_import_result_get_article_id (result)));
          return toast;

        case ATTACHE_IMPORT_FAILED:
        default:
          error = attache_import_result_get_error (result);
          {
            g_autofree char *escaped_error =
              g_markup_escape_text (error != NULL ? error->message : _("Unknown error"), -1);

            toast = adw_toast_new_format (_("Could not import %s: %s"), escaped_name, escaped_error);
            adw_toast_set_timeout (toast, 0);
            return toast;
          }
        }
    }

  for (guint i = 0; i < results->len; i++)
    {
      switch (attache_import_result_get_status (g_ptr_array_index (results, i)))
        {
        case ATTACHE_IMPORT_IMPORTED:
          n_imported++;
          break;

        case ATTACHE_IMPORT_DUPLICATE:
          n_duplicates++;
          break;

        case ATTACHE_IMPORT_FAILED:
        default:
          n_failed++;
          break;
        }
    }

  /* "Imported 3 articles; 1 duplicate; 2 could not be imported" */
  parts = g_ptr_array_new_with_free_func (g_free);
  if (n_imported > 0)
    g_ptr_array_add (parts, g_strdup_printf (ngettext ("Imported %u article",
                                                       "Imported %u articles",
                                                       n_imported),
                                             n_imported));
  else
    g_ptr_array_add (parts, g_strdup (_("No new articles")));
  if (n_duplicates > 0)
    g_ptr_array_add (parts, g_strdup_printf (ngettext ("%u duplicate",
                                                       "%u duplicates",
                                                       n_duplicates),
                                             n_duplicates));
  if (n_failed > 0)
    g_ptr_array_add (parts, g_strdup_printf (ngettext ("%u could not be imported",
                                                       "%u could not be imported",
                                                       n_failed),
                                             n_failed));
  if (n_skipped > 0)
    g_ptr_array_add (parts, g_strdup_printf (ngettext ("%u file of another type skipped",
                                                       "%u files of other types skipped",
                                                       n_skipped),
                                             n_skipped));
  g_ptr_array_add (parts, NULL);

  /* Translators: separates the parts of "Imported 3 articles; 1 duplicate" */
  message = g_strjoinv (_("; "), (char **) parts->pdata);
  toast = adw_toast_new (message);

  if (n_failed > 0)
    {
      adw_toast_set_button_label (toast, _("Details"));
      adw_toast_set_timeout (toast, 0);
      /* The toast lives in the window: no reference, or neither would go. */
      g_object_set_data (G_OBJECT (toast), "attache-window", self);
      g_signal_connect_data (toast, "button-clicked",
                             G_CALLBACK (on_failures_toast_button_clicked_cb),
                             g_ptr_array_ref (results),
                             results_closure_notify, 0);
    }

  return toast;
}

/* Selects the first new article and tells the person how the import went. */
static void
show_import_results (AttacheWindow *self,
                     GPtrArray     *results,
                     guint          n_skipped)
{
  for (guint i = 0; i < results->len; i++)
    {
      AttacheImportResult *import_result = g_ptr_array_index (results, i);

      if (attache_import_result_get_status (import_result) == ATTACHE_IMPORT_IMPORTED)
        {
          attache_window_select_article (self, attache_import_result_get_article_id (import_result));
          break;
        }
    }

  add_toast (self, new_import_toast (self, results, n_skipped));
}

static void
import_files_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(ImportData) data = user_data;
  AttacheWindow *self = data->self;
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(GError) error = NULL;

  results = attache_importer_import_files_finish (ATTACHE_IMPORTER (object), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
      g_cancellable_is_cancelled (self->cancellable))
    return;

  self->n_imports--;
  update_import_spinner (self);

  if (results == NULL)
    {
      show_error (self, _("Could not import the files"), error);
      return;
    }

  if (results->len == 0)
    return;

  show_import_results (self, results, 0);
}

static void
choose_files_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(AttacheWindow) self = user_data;
  g_autoptr(GListModel) files = NULL;
  g_autoptr(GPtrArray) array = NULL;
  g_autoptr(GError) error = NULL;
  guint n_files;

  files = attache_compat_choose_files_finish (result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
      g_cancellable_is_cancelled (self->cancellable))
    return;

  if (files == NULL)
    {
      show_error (self, _("Could not choose files"), error);
      return;
    }

  n_files = g_list_model_get_n_items (files);
  array = g_ptr_array_new_full (n_files, g_object_unref);
  for (guint i = 0; i < n_files; i++)
    g_ptr_array_add (array, g_list_model_get_item (files, i));

  attache_window_import_files (self, (GFile **) array->pdata, array->len);
}

static void
import_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  AttacheWindow *self = ATTACHE_WINDOW (widget);
  g_autoptr(GListStore) filters = g_list_store_new (GTK_TYPE_FILE_FILTER);
  g_autoptr(GtkFileFilter) articles = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();
  static const char * const mime_types[] = { "text/plain", "text/markdown", "text/html" };
  static const char * const patterns[] = { "*.txt", "*.md", "*.markdown", "*.html", "*.htm" };

  gtk_file_filter_set_name (articles, _("Articles"));
  for (guint i = 0; i < G_N_ELEMENTS (mime_types); i++)
    gtk_file_filter_add_mime_type (articles, mime_types[i]);
  for (guint i = 0; i < G_N_ELEMENTS (patterns); i++)
    gtk_file_filter_add_pattern (articles, patterns[i]);

  gtk_file_filter_set_name (all, _("All Files"));
  gtk_file_filter_add_pattern (all, "*");

  g_list_store_append (filters, articles);
  g_list_store_append (filters, all);

  attache_compat_choose_files_async (GTK_WINDOW (self),
                                     _("Import Articles"),
                                     _("_Import"),
                                     G_LIST_MODEL (filters),
                                     self->cancellable,
                                     choose_files_cb,
                                     g_object_ref (self));
}

/* Importing a folder, with its progress under the header bar */

static void start_folder_import (AttacheWindow *self);

typedef struct
{
  AttacheWindow *self;
  GFile         *folder;
} FolderImportData;

static void
folder_import_data_free (FolderImportData *data)
{
  g_clear_object (&data->self);
  g_clear_object (&data->folder);
  g_free (data);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FolderImportData, folder_import_data_free)

static void
on_folder_import_progress_cb (guint    done,
                              guint    total,
                              gpointer user_data)
{
  AttacheWindow *self = user_data;
  g_autofree char *text = NULL;

  if (self->folder_cancellable == NULL)
    return;

  /* Translators: the progress of a folder import, "Importing 120 of 3,400 files…";
   * the ' in %'u groups the digits as the language does */
  text = g_strdup_printf (ngettext ("Importing %'u of %'u file…",
                                    "Importing %'u of %'u files…",
                                    total),
                          done, total);
  gtk_label_set_text (self->progress_label, text);
  gtk_progress_bar_set_fraction (self->progress_bar, total > 0 ? (double) done / total : 0.0);
}

static void
import_folder_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(FolderImportData) data = user_data;
  AttacheWindow *self = data->self;
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(GError) error = NULL;
  guint n_skipped = 0;

  results = attache_importer_import_folder_finish (ATTACHE_IMPORTER (object), result,
                                                   &n_skipped, &error);

  /* The window is gone. */
  if (g_cancellable_is_cancelled (self->cancellable))
    return;

  g_clear_object (&self->folder_cancellable);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      /* Cancel stops the folders waiting too. */
      g_queue_clear_full (&self->folders, g_object_unref);
      add_toast (self, adw_toast_new (_("Import stopped; the articles already imported are kept")));
    }
  else if (results == NULL)
    {
      g_autofree char *name = dup_file_display_name (data->folder);
      g_autofree char *what = g_strdup_printf (_("Could not import “%s”"), name);

      show_error (self, what, error);
    }
  else if (results->len == 0 && n_skipped == 0)
    {
      g_autofree char *name = dup_file_display_name (data->folder);
      g_autofree char *escaped_name = g_markup_escape_text (name, -1);

      add_toast (self, adw_toast_new_format (_("No text, Markdown or HTML files in “%s”"), escaped_name));
    }
  else
    {
      show_import_results (self, results, n_skipped);
    }

  start_folder_import (self);
}

/* Starts importing the next folder waiting, if none is under way; hides the
 * progress when there is none left. */
static void
start_folder_import (AttacheWindow *self)
{
  g_autoptr(GFile) folder = NULL;
  g_autofree char *name = NULL;
  g_autofree char *text = NULL;
  FolderImportData *data;

  if (self->folder_cancellable != NULL)
    return;

  folder = g_queue_pop_head (&self->folders);
  if (folder == NULL)
    {
      gtk_revealer_set_reveal_child (self->progress_revealer, FALSE);
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.cancel-import", FALSE);
      return;
    }

  self->folder_cancellable = g_cancellable_new ();

  /* Until the files are counted. */
  name = dup_file_display_name (folder);
  text = g_strdup_printf (_("Looking for articles in “%s”…"), name);
  gtk_label_set_text (self->progress_label, text);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->progress_label), name);
  gtk_progress_bar_set_fraction (self->progress_bar, 0.0);
  gtk_revealer_set_reveal_child (self->progress_revealer, TRUE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.cancel-import", TRUE);

  data = g_new0 (FolderImportData, 1);
  data->self = g_object_ref (self);
  data->folder = g_object_ref (folder);

  attache_importer_import_folder_async (self->importer, folder,
                                        on_folder_import_progress_cb,
                                        g_object_ref (self), g_object_unref,
                                        self->folder_cancellable,
                                        import_folder_cb, data);
}

static void
cancel_import_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  AttacheWindow *self = ATTACHE_WINDOW (widget);

  if (self->folder_cancellable != NULL)
    g_cancellable_cancel (self->folder_cancellable);
}

static void
choose_folder_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(AttacheWindow) self = user_data;
  g_autoptr(GFile) folder = NULL;
  g_autoptr(GError) error = NULL;

  folder = attache_compat_choose_folder_finish (result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
      g_cancellable_is_cancelled (self->cancellable))
    return;

  if (folder == NULL)
    {
      show_error (self, _("Could not choose a folder"), error);
      return;
    }

  attache_window_import_folder (self, folder);
}

static void
import_folder_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  AttacheWindow *self = ATTACHE_WINDOW (widget);

  attache_compat_choose_folder_async (GTK_WINDOW (self),
                                      _("Import a Folder"),
                                      _("_Import"),
                                      self->cancellable,
                                      choose_folder_cb,
                                      g_object_ref (self));
}

/* Importing web pages */

/* Web addresses imported together, told about in one toast. */
typedef struct
{
  AttacheWindow *self;
  GPtrArray     *results;   /* AttacheImportResult, in the order they came */
  guint          n_pending;
} UrlBatch;

static void
url_batch_free (UrlBatch *batch)
{
  g_clear_object (&batch->self);
  g_clear_pointer (&batch->results, g_ptr_array_unref);
  g_free (batch);
}

static gboolean
is_web_address (const char *text)
{
  g_autofree char *stripped = g_strstrip (g_strdup (text));
  g_autoptr(GUri) uri = NULL;
  const char *scheme;
  const char *host;

  if (stripped[0] == '\0' || strpbrk (stripped, " \t\r\n") != NULL)
    return FALSE;

  uri = g_uri_parse (stripped, G_URI_FLAGS_NONE, NULL);
  if (uri == NULL)
    return FALSE;

  scheme = g_uri_get_scheme (uri);
  host = g_uri_get_host (uri);

  return (g_ascii_strcasecmp (scheme, "http") == 0 || g_ascii_strcasecmp (scheme, "https") == 0) &&
         host != NULL && host[0] != '\0';
}

static void
import_url_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  UrlBatch *batch = user_data;
  AttacheWindow *self = batch->self;
  g_autoptr(AttacheImportResult) import_result = NULL;
  g_autoptr(GError) error = NULL;

  import_result = attache_importer_import_url_finish (ATTACHE_IMPORTER (object), result, &error);
  if (import_result != NULL)
    g_ptr_array_add (batch->results, g_steal_pointer (&import_result));

  if (--batch->n_pending > 0)
    return;

  if (!g_cancellable_is_cancelled (self->cancellable))
    {
      self->n_imports--;
      update_import_spinner (self);

      if (batch->results->len > 0)
        show_import_results (self, batch->results, 0);
    }

  url_batch_free (batch);
}

/* Imports each of @urls (http or https), in one batch. */
static void
import_urls (AttacheWindow      *self,
             const char * const *urls,
             guint               n_urls)
{
  UrlBatch *batch;

  if (n_urls == 0)
    return;

  batch = g_new0 (UrlBatch, 1);
  batch->self = g_object_ref (self);
  batch->results = g_ptr_array_new_with_free_func ((GDestroyNotify) attache_import_result_unref);
  batch->n_pending = n_urls;

  self->n_imports++;
  update_import_spinner (self);

  for (guint i = 0; i < n_urls; i++)
    attache_importer_import_url_async (self->importer, urls[i], self->cancellable,
                                       import_url_cb, batch);
}

static void
ask_url_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(AttacheWindow) self = user_data;
  g_autofree char *url = NULL;
  g_autoptr(GError) error = NULL;

  url = attache_compat_ask_text_finish (result, &error);

  if (url == NULL || g_cancellable_is_cancelled (self->cancellable))
    return;

  attache_window_import_url (self, url);
}

/* Asks for a web address in a dialog; @callback gets it from
 * attache_compat_ask_text_finish (). */
static void
ask_web_address (AttacheWindow       *self,
                 const char          *heading,
                 const char          *body,
                 const char          *entry_label,
                 const char          *accept_label,
                 GAsyncReadyCallback  callback)
{
  GtkWidget *entry = gtk_entry_new ();

  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), "https://");
  gtk_entry_set_input_purpose (GTK_ENTRY (entry), GTK_INPUT_PURPOSE_URL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, entry_label,
                                  -1);

  attache_compat_ask_text_async (GTK_WINDOW (self), heading, body, GTK_ENTRY (entry), accept_label,
                                 is_web_address, self->cancellable, callback, g_object_ref (self));
}

static void
import_url_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  ask_web_address (ATTACHE_WINDOW (widget),
                   _("Import a Web Page"),
                   _("Paste the address of an article. Attaché keeps a copy of the page as it is now."),
                   _("Web address"),
                   _("_Import"),
                   ask_url_cb);
}

/* Importing a text, pasted or dropped */

static gboolean
is_not_blank (const char *text)
{
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    if (!g_unichar_isspace (g_utf8_get_char (p)))
      return TRUE;

  return FALSE;
}

static void
import_text_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(ImportData) data = user_data;
  AttacheWindow *self = data->self;
  g_autoptr(AttacheImportResult) import_result = NULL;
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(GError) error = NULL;

  import_result = attache_importer_import_text_finish (ATTACHE_IMPORTER (object), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
      g_cancellable_is_cancelled (self->cancellable))
    return;

  self->n_imports--;
  update_import_spinner (self);

  if (import_result == NULL)
    {
      show_error (self, _("Could not import the text"), error);
      return;
    }

  results = g_ptr_array_new_with_free_func ((GDestroyNotify) attache_import_result_unref);
  g_ptr_array_add (results, g_steal_pointer (&import_result));
  show_import_results (self, results, 0);
}

/* Imports @text, pasted or dropped: web addresses when that is all it holds
 * (one or more, separated by white space), else an article of its own, from
 * @origin ("clipboard"). FALSE if there is nothing in it to import. */
static gboolean
import_text_content (AttacheWindow *self,
                     const char    *text,
                     const char    *origin)
{
  g_auto(GStrv) words = NULL;
  g_autoptr(GPtrArray) urls = NULL;
  ImportData *data;

  words = g_strsplit_set (text, " \t\r\n", -1);
  urls = g_ptr_array_new ();
  for (guint i = 0; words[i] != NULL; i++)
    {
      if (words[i][0] == '\0')
        continue;

      /* One word that is not an address: the whole is an article. */
      if (!is_web_address (words[i]))
        {
          g_ptr_array_set_size (urls, 0);
          break;
        }

      g_ptr_array_add (urls, words[i]);
    }

  if (urls->len > 0)
    {
      import_urls (self, (const char * const *) urls->pdata, urls->len);
      return TRUE;
    }

  if (!is_not_blank (text))
    return FALSE;

  data = g_new0 (ImportData, 1);
  data->self = g_object_ref (self);

  self->n_imports++;
  update_import_spinner (self);

  attache_importer_import_text_async (self->importer, text, origin, self->cancellable,
                                      import_text_cb, data);
  return TRUE;
}

/* Importing files, folders and web addresses at once (dropped or pasted) */

typedef struct
{
  GPtrArray *files;     /* GFile: what was given, then the files alone */
  GPtrArray *folders;   /* GFile */
} SortedFiles;

static void
sorted_files_free (SortedFiles *sorted)
{
  g_clear_pointer (&sorted->files, g_ptr_array_unref);
  g_clear_pointer (&sorted->folders, g_ptr_array_unref);
  g_free (sorted);
}

static void
sort_files_worker (GTask        *task,
                   gpointer      source_object,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  SortedFiles *sorted = task_data;
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < sorted->files->len; i++)
    {
      GFile *file = g_ptr_array_index (sorted->files, i);

      if (g_file_query_file_type (file, G_FILE_QUERY_INFO_NONE, cancellable) == G_FILE_TYPE_DIRECTORY)
        g_ptr_array_add (sorted->folders, g_object_ref (file));
      else
        g_ptr_array_add (files, g_object_ref (file));
    }

  g_ptr_array_unref (sorted->files);
  sorted->files = g_steal_pointer (&files);

  g_task_return_boolean (task, TRUE);
}

static void
sort_files_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  AttacheWindow *self = ATTACHE_WINDOW (object);
  SortedFiles *sorted;

  if (!g_task_propagate_boolean (G_TASK (result), NULL) ||
      g_cancellable_is_cancelled (self->cancellable))
    return;

  sorted = g_task_get_task_data (G_TASK (result));
  attache_window_import_files (self, (GFile **) sorted->files->pdata, sorted->files->len);
  for (guint i = 0; i < sorted->folders->len; i++)
    attache_window_import_folder (self, g_ptr_array_index (sorted->folders, i));
}

/* Web addresses are imported as pages; the rest is told apart (off the main
 * thread: it takes the disk) into folders and files. */
static void
import_locations (AttacheWindow *self,
                  GSList        *files)
{
  g_autoptr(GPtrArray) urls = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GTask) task = NULL;
  SortedFiles *sorted;

  sorted = g_new0 (SortedFiles, 1);
  sorted->files = g_ptr_array_new_with_free_func (g_object_unref);
  sorted->folders = g_ptr_array_new_with_free_func (g_object_unref);

  for (GSList *l = files; l != NULL; l = l->next)
    {
      if (g_file_has_uri_scheme (l->data, "http") || g_file_has_uri_scheme (l->data, "https"))
        g_ptr_array_add (urls, g_file_get_uri (l->data));
      else
        g_ptr_array_add (sorted->files, g_object_ref (l->data));
    }

  import_urls (self, (const char * const *) urls->pdata, urls->len);

  task = g_task_new (self, self->cancellable, sort_files_cb, NULL);
  g_task_set_source_tag (task, import_locations);
  g_task_set_task_data (task, sorted, (GDestroyNotify) sorted_files_free);
  g_task_run_in_thread (task, sort_files_worker);
}

/* Drag and drop */

static gboolean
on_drop_target_accept_cb (GtkDropTarget *target,
                          GdkDrop       *drop,
                          AttacheWindow *self)
{
  /* Text dragged from the reader is not something to import. */
  if (gdk_drop_get_drag (drop) != NULL)
    return FALSE;

  /* As GtkDropTarget decides by itself. */
  return (gdk_drop_get_actions (drop) & gtk_drop_target_get_actions (target)) != 0 &&
         gdk_content_formats_match_gtype (gtk_drop_target_get_formats (target),
                                          gdk_drop_get_formats (drop)) != G_TYPE_INVALID;
}

static gboolean
on_drop_target_drop_cb (GtkDropTarget *target,
                        const GValue  *value,
                        double         x,
                        double         y,
                        AttacheWindow *self)
{
  if (G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST))
    {
      GSList *files = gdk_file_list_get_files (g_value_get_boxed (value));

      if (files == NULL)
        return FALSE;

      import_locations (self, files);
      g_slist_free (files);
      return TRUE;
    }

  if (G_VALUE_HOLDS_STRING (value) && g_value_get_string (value) != NULL)
    return import_text_content (self, g_value_get_string (value), "drop");

  return FALSE;
}

/* Paste */

static void
read_clipboard_files_cb (GObject      *object,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  g_autoptr(AttacheWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  const GValue *value;
  GSList *files;

  value = gdk_clipboard_read_value_finish (GDK_CLIPBOARD (object), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
      g_cancellable_is_cancelled (self->cancellable))
    return;

  if (value == NULL)
    {
      show_error (self, _("Could not paste"), error);
      return;
    }

  files = gdk_file_list_get_files (g_value_get_boxed (value));
  if (files != NULL)
    import_locations (self, files);
  else
    add_toast (self, adw_toast_new (_("Nothing to import on the clipboard")));
  g_slist_free (files);
}

static void
read_clipboard_text_cb (GObject      *object,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  g_autoptr(AttacheWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  text = gdk_clipboard_read_text_finish (GDK_CLIPBOARD (object), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
      g_cancellable_is_cancelled (self->cancellable))
    return;

  if (text == NULL)
    {
      show_error (self, _("Could not paste"), error);
      return;
    }

  if (!import_text_content (self, text, "clipboard"))
    add_toast (self, adw_toast_new (_("Nothing to import on the clipboard")));
}

/* Files (or web addresses as a list of URIs) if the clipboard has them, else text. */
static void
paste_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  AttacheWindow *self = ATTACHE_WINDOW (widget);
  GdkClipboard *clipboard = gtk_widget_get_clipboard (widget);
  g_autoptr(GdkContentFormats) formats = NULL;

  formats = gdk_content_formats_union_deserialize_gtypes (gdk_content_formats_ref (gdk_clipboard_get_formats (clipboard)));

  if (gdk_content_formats_contain_gtype (formats, GDK_TYPE_FILE_LIST))
    gdk_clipboard_read_value_async (clipboard, GDK_TYPE_FILE_LIST, G_PRIORITY_DEFAULT,
                                    self->cancellable, read_clipboard_files_cb,
                                    g_object_ref (self));
  else if (gdk_content_formats_contain_gtype (formats, G_TYPE_STRING))
    gdk_clipboard_read_text_async (clipboard, self->cancellable, read_clipboard_text_cb,
                                   g_object_ref (self));
  else
    add_toast (self, adw_toast_new (_("Nothing to import on the clipboard")));
}

/* Deleting, and Undo */

static void
restore_article_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(AttacheWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!attache_library_restore_article_finish (ATTACHE_LIBRARY (object), result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) &&
          !g_cancellable_is_cancelled (self->cancellable))
        show_error (self, _("Could not restore the article"), error);
    }
}

static void
undo_delete_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  AttacheWindow *self = ATTACHE_WINDOW (widget);
  gint64 id = g_variant_get_int64 (parameter);
  g_autoptr(AttacheArticle) article = NULL;
  g_autofree gint64 *key = NULL;

  if (!g_hash_table_steal_extended (self->deleted, &id, (gpointer *) &key, (gpointer *) &article))
    return;

  /* Back where it was, as soon as the list has it again. */
  attache_window_select_article (self, id);
  attache_library_restore_article_async (self->library, article, self->cancellable,
                                         restore_article_cb, g_object_ref (self));
}

static void
on_deleted_toast_dismissed_cb (AdwToast      *toast,
                               AttacheWindow *self)
{
  GVariant *target = adw_toast_get_action_target_value (toast);

  if (target != NULL && self->deleted != NULL)
    {
      gint64 id = g_variant_get_int64 (target);

      g_hash_table_remove (self->deleted, &id);
    }
}

static void
delete_article_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(AttacheWindow) self = user_data;
  g_autoptr(AttacheArticle) article = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *escaped_title = NULL;
  const char *title;
  AdwToast *toast;
  gint64 id;

  article = attache_library_delete_article_finish (ATTACHE_LIBRARY (object), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
      g_cancellable_is_cancelled (self->cancellable))
    return;

  if (article == NULL)
    {
      show_error (self, _("Could not delete the article"), error);
      return;
    }

  id = attache_article_get_id (article);
  g_hash_table_insert (self->deleted, g_memdup2 (&id, sizeof id), g_object_ref (article));

  title = attache_article_get_title (article);
  escaped_title = g_markup_escape_text (title != NULL ? title : "", -1);
  toast = adw_toast_new_format (_("Deleted “%s”"), escaped_title);
  adw_toast_set_button_label (toast, _("Undo"));
  adw_toast_set_action_name (toast, "win.undo-delete");
  adw_toast_set_action_target_value (toast, g_variant_new_int64 (id));
  /* The latest Undo first, even over other news. */
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  g_signal_connect_object (toast, "dismissed",
                           G_CALLBACK (on_deleted_toast_dismissed_cb), self, 0);
  add_toast (self, toast);
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  AttacheWindow *self = ATTACHE_WINDOW (widget);

  /* Enabled with one article selected: the one the reader shows. */
  if (self->selected_id == 0)
    return;

  attache_library_delete_article_async (self->library, self->selected_id,
                                        self->cancellable, delete_article_cb,
                                        g_object_ref (self));
}

static void
show_article_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  attache_window_select_article (ATTACHE_WINDOW (widget), g_variant_get_int64 (parameter));
}

/* Feeds */

/* How many feeds are fetched at once in a refresh. */
#define MAX_REFRESHES 8

/* The Actors window */

static void
show_actors_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  AttacheWindow *self = ATTACHE_WINDOW (widget);

  if (self->actors_window == NULL)
    {
      self->actors_window = attache_actors_window_new (GTK_WINDOW (self), self->library);
      g_object_add_weak_pointer (G_OBJECT (self->actors_window), (gpointer *) &self->actors_window);
    }

  gtk_window_present (GTK_WINDOW (self->actors_window));
}

static void reload_feeds (AttacheWindow *self);
static void update_refresh_spinner (AttacheWindow *self);
static void schedule_research (AttacheWindow *self);
static void forget_overview (AttacheWindow *self);

static gint64
get_row_feed_id (GtkListBoxRow *row)
{
  gint64 *id = g_object_get_data (G_OBJECT (row), "attache-feed-id");

  return id != NULL ? *id : 0;
}

static GtkListBoxRow *
new_feed_row (gint64 id)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *icon = gtk_image_new_from_icon_name ("application-rss+xml-symbolic");
  GtkWidget *title = gtk_label_new (NULL);
  GtkWidget *error_icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");
  GtkWidget *count = gtk_label_new (NULL);

  gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL, "", -1);
  gtk_label_set_xalign (GTK_LABEL (title), 0.0);
  gtk_label_set_ellipsize (GTK_LABEL (title), PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (title, TRUE);
  gtk_widget_add_css_class (error_icon, "warning");
  gtk_widget_add_css_class (count, "feed-unread");
  gtk_widget_add_css_class (count, "numeric");
  gtk_widget_set_valign (count, GTK_ALIGN_CENTER);

  gtk_box_append (GTK_BOX (box), icon);
  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (box), error_icon);
  gtk_box_append (GTK_BOX (box), count);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_widget_add_css_class (row, "feed-row");

  g_object_set_data_full (G_OBJECT (row), "attache-feed-id", g_memdup2 (&id, sizeof id), g_free);
  g_object_set_data (G_OBJECT (row), "title-label", title);
  g_object_set_data (G_OBJECT (row), "count-label", count);
  g_object_set_data (G_OBJECT (row), "error-icon", error_icon);

  return GTK_LIST_BOX_ROW (row);
}

static void
set_label_text (GtkLabel   *label,
                const char *text)
{
  /* A label told the same text still measures itself again: not a hundred
   * times a second during a refresh. */
  if (g_strcmp0 (gtk_label_get_text (label), text) != 0)
    gtk_label_set_text (label, text);
}

static void
update_feed_row (GtkListBoxRow             *row,
                 const AttacheSubscription *feed)
{
  GtkLabel *title = g_object_get_data (G_OBJECT (row), "title-label");
  GtkLabel *count = g_object_get_data (G_OBJECT (row), "count-label");
  GtkWidget *error_icon = g_object_get_data (G_OBJECT (row), "error-icon");
  g_autofree char *count_text = g_strdup_printf ("%" G_GINT64_FORMAT, feed->n_unread);
  g_autofree char *description = NULL;
  g_autofree char *label = NULL;
  const char *name = feed->title != NULL && feed->title[0] != '\0' ? feed->title : feed->url;

  set_label_text (title, name);
  set_label_text (count, count_text);
  g_object_set_data (G_OBJECT (row), "attache-fetch-full-article",
                     GINT_TO_POINTER (feed->fetch_full_article ? 1 : 0));
  gtk_widget_set_visible (GTK_WIDGET (count), feed->n_unread > 0);
  gtk_widget_set_visible (error_icon, feed->last_error != NULL);

  if (feed->last_error != NULL)
    /* Translators: a feed's tooltip: its address, then why it could not be read */
    description = g_strdup_printf (_("%s\nCould not be read: %s"), feed->url, feed->last_error);
  else
    description = g_strdup (feed->url);

  /* Setting a tooltip asks the display where the pointer is: only on a change. */
  if (g_strcmp0 (gtk_widget_get_tooltip_text (GTK_WIDGET (row)), description) != 0)
    gtk_widget_set_tooltip_text (GTK_WIDGET (row), description);

  /* Translators: how a screen reader names a feed: "Harbour Post, 3 unread" */
  label = g_strdup_printf (ngettext ("%s, %u unread", "%s, %u unread", (gulong) feed->n_unread),
                           name, (guint) feed->n_unread);
  if (g_strcmp0 (g_object_get_data (G_OBJECT (row), "accessible-label"), label) != 0)
    {
      gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
      g_object_set_data_full (G_OBJECT (row), "accessible-label", g_steal_pointer (&label), g_free);
    }
}

/* Shows the articles of the feed selected, once their ids are known. */
static void
apply_feed_filter (AttacheWindow *self)
{
  self->filter_changing = TRUE;
  if (self->selected_feed_id == 0)
    gtk_filter_list_model_set_filter (self->shown, NULL);
  else if (gtk_filter_list_model_get_filter (self->shown) == NULL)
    gtk_filter_list_model_set_filter (self->shown, GTK_FILTER (self->feed_filter));
  else
    gtk_filter_changed (GTK_FILTER (self->feed_filter), GTK_FILTER_CHANGE_DIFFERENT);
  self->filter_changing = FALSE;

  update_title (self);
}

static gboolean
filter_feed_article (gpointer item,
                     gpointer user_data)
{
  AttacheWindow *self = user_data;
  gint64 id = attache_article_get_id (item);

  return g_hash_table_contains (self->feed_article_ids, &id);
}

static void
list_feed_article_ids_cb (GObject      *object,
                          GAsyncResult *result,
                          gpointer      user_data)
{
  g_autoptr(AttacheWindow) self = user_data;
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GError) error = NULL;

  ids = attache_library_list_feed_article_ids_finish (ATTACHE_LIBRARY (object), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
      g_cancellable_is_cancelled (self->cancellable))
    return;

  g_clear_object (&self->feed_ids_cancellable);

  if (ids == NULL)
    {
      show_error (self, _("Could not read the feed’s articles"), error);
      return;
    }

  g_hash_table_remove_all (self->feed_article_ids);
  for (guint i = 0; i < ids->len; i++)
    {
      gint64 id = g_array_index (ids, gint64, i);

      g_hash_table_add (self->feed_article_ids, g_memdup2 (&id, sizeof id));
    }

  apply_feed_filter (self);
}

static void
load_feed_article_ids (AttacheWindow *self)
{
  if (self->feed_ids_cancellable != NULL)
    g_cancellable_cancel (self->feed_ids_cancellable);
  g_clear_object (&self->feed_ids_cancellable);

  if (self->selected_feed_id == 0)
    return;

  self->feed_ids_cancellable = g_cancellable_new ();
  attache_library_list_feed_article_ids_async (self->library, self->selected_feed_id,
                                               self->feed_ids_cancellable,
                                               list_feed_article_ids_cb, g_object_ref (self));
}

static void
on_feed_list_row_selected_cb (GtkListBox    *list,
                              GtkListBoxRow *row,
                              AttacheWindow *self)
{
  gint64 feed_id = row != NULL ? get_row_feed_id (row) : 0;

  /* A feed, or all articles, chosen while a search's results are listed:
   * the search ends. */
  if (row != NULL && listing_results (self))
    attache_search_bar_set_search_mode (self->search_bar, FALSE);

  if (feed_id == self->selected_feed_id)
    return;

  self->selected_feed_id = feed_id;
  if (feed_id == 0)
    {
      load_feed_article_ids (self);  /* cancels a load under way */
      g_hash_table_remove_all (self->feed_article_ids);
      apply_feed_filter (self);
    }
  else
    {
      load_feed_article_ids (self);
    }
}

static void
show_feeds (AttacheWindow *self,
            GPtrArray     *feeds)
{
  g_autoptr(GHashTable) listed = g_hash_table_new (g_int64_hash, g_int64_equal);
  GHashTableIter iter;
  gpointer key, value;
  guint n_shown = 0;

  for (guint i = 0; i < feeds->len; i++)
    {
      AttacheSubscription *feed = g_ptr_array_index (feeds, i);
      GtkListBoxRow *row = g_hash_table_lookup (self->feed_rows, &feed->id);

      if (row == NULL)
        {
          row = new_feed_row (feed->id);
          /* After "All Articles" and the feeds before it: oldest first. */
          gtk_list_box_insert (self->feed_list, GTK_WIDGET (row), (int) i + 1);
          g_hash_table_insert (self->feed_rows, g_memdup2 (&feed->id, sizeof feed->id), row);
        }

      update_feed_row (row, feed);
      gtk_widget_set_visible (GTK_WIDGET (row), !g_hash_table_contains (self->unsubscribed, &feed->id));
      g_hash_table_add (listed, &feed->id);
      if (gtk_widget_get_visible (GTK_WIDGET (row)))
        n_shown++;
    }

  /* Feeds unsubscribed from. */
  g_hash_table_iter_init (&iter, self->feed_rows);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      if (g_hash_table_contains (listed, key))
        continue;

      if (gtk_list_box_get_selected_row (self->feed_list) == value)
        gtk_list_box_select_row (self->feed_list, self->all_articles_row);
      gtk_list_box_remove (self->feed_list, value);
      g_hash_table_iter_remove (&iter);
    }

  gtk_revealer_set_reveal_child (self->feeds_revealer, n_shown > 0);
  self->n_feeds = n_shown;
  update_refresh_spinner (self);
  update_title (self);

  if (self->pending_feed_id != 0)
    {
      GtkListBoxRow *row = g_hash_table_lookup (self->feed_rows, &self->pending_feed_id);

      if (row != NULL)
        {
          self->pending_feed_id = 0;
          gtk_list_box_select_row (self->feed_list, row);
        }
    }
}

static void
list_feeds_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(AttacheWindow) self = user_data;
  g_autoptr(GPtrArray) feeds = NULL;
  g_autoptr(GError) error = NULL;

  feeds = attache_library_list_feeds_finish (ATTACHE_LIBRARY (object), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
      g_cancellable_is_cancelled (self->cancellable))
    return;

  self->feeds_loading = FALSE;

  if (feeds == NULL)
    show_error (self, _("Could not read the feeds"), error);
  else
    show_feeds (self, feeds);

  if (self->feeds_dirty)
    reload_feeds (self);
}

/* Reads the feeds and their unread counts again; once at a time, however
 * often they change meanwhile (a refresh changes them a hundred times). */
static void
reload_feeds (AttacheWindow *self)
{
  if (self->feeds_loading)
    {
      self->feeds_dirty = TRUE;
      return;
    }

  self->feeds_loading = TRUE;
  self->feeds_dirty = FALSE;
  attache_library_list_feeds_async (self->library, self->cancellable,
                                    list_feeds_cb, g_object_ref (self));
}

static void
on_library_feeds_changed_cb (AttacheLibrary *library,
                             AttacheWindow  *self)
{
  reload_feeds (self);
}

static void
on_library_articles_changed_cb (AttacheLibrary *library,
                                AttacheWindow  *self)
{
  /* New articles from feeds, or deleted ones: the counts, and the feed's list. */
  reload_feeds (self);
  if (self->selected_feed_id != 0)
    load_feed_article_ids (self);
  /* The search's results, and the overview shown. */
  schedule_research (self);
  forget_overview (self);
}

/* Refreshing */

static void refresh_next_feeds (AttacheWindow *self);

static gboolean
refreshing_feeds (AttacheWindow *self)
{
  return self->refresh_queue != NULL;
}

static void
update_refresh_spinner (AttacheWindow *self)
{
  gboolean refreshing = refreshing_feeds (self);

  gtk_stack_set_visible_child_name (self->refresh_stack, refreshing ? "spinner" : "button");
  gtk_spinner_set_spinning (self->refresh_spinner, refreshing);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.refresh-feeds",
                                 !refreshing && self->n_feeds > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export-subscriptions", self->n_feeds > 0);
}

static void
finish_refresh (AttacheWindow *self)
{
  g_autoptr(GPtrArray) parts = NULL;
  g_autofree char *message = NULL;
  gboolean asked = self->refresh_asked;

  g_clear_pointer (&self->refresh_queue, g_array_unref);
  self->refresh_asked = FALSE;
  update_refresh_spinner (self);

  /* On schedule, only news is told. */
  if (!asked && self->n_refresh_imported == 0)
    return;

  parts = g_ptr_array_new_with_free_func (g_free);
  if (self->n_refresh_imported > 0)
    g_ptr_array_add (parts, g_strdup_printf (ngettext ("%u new article from feeds",
                                                       "%u new articles from feeds",
                                                       self->n_refresh_imported),
                                             self->n_refresh_imported));
  else
    g_ptr_array_add (parts, g_strdup (_("No new articles in the feeds")));
  if (self->n_refresh_failed > 0)
    g_ptr_array_add (parts, g_strdup_printf (ngettext ("%u feed could not be read",
                                                       "%u feeds could not be read",
                                                       self->n_refresh_failed),
                                             self->n_refresh_failed));
  g_ptr_array_add (parts, NULL);

  message = g_strjoinv (_("; "), (char **) parts->pdata);
  add_toast (self, adw_toast_new (message));
}

static void
refresh_feed_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(AttacheWindow) self = user_data;
  g_autoptr(AttacheFeedRefresh) refresh = NULL;
  g_autoptr(GError) error = NULL;

  refresh = attache_feed_refresher_refresh_finish (ATTACHE_FEED_REFRESHER (object), result, &error);

  if (g_cancellable_is_cancelled (self->cancellable))
    return;

  self->n_refreshing--;

  if (refresh != NULL)
    {
      self->n_refresh_imported += attache_feed_refresh_get_n_imported (refresh);
      if (attache_feed_refresh_get_status (refresh) == ATTACHE_FEED_REFRESH_FAILED)
        self->n_refresh_failed++;
    }

  refresh_next_feeds (self);
}

static void
refresh_next_feeds (AttacheWindow *self)
{
  while (self->n_refreshing < MAX_REFRESHES && self->refresh_queue->len > 0)
    {
      gint64 id = g_array_index (self->refresh_queue, gint64, 0);

      g_array_remove_index (self->refresh_queue, 0);
      if (g_hash_table_contains (self->unsubscribed, &id))
        continue;

      self->n_refreshing++;
      attache_feed_refresher_refresh_async (self->refresher, id, self->cancellable,
                                            refresh_feed_cb, g_object_ref (self));
    }

  if (self->n_refreshing == 0)
    finish_refresh (self);
}

static void
list_feeds_to_refresh_cb (GObject      *object,
                          GAsyncResult *result,
                          gpointer      user_data)
{
  g_autoptr(AttacheWindow) self = user_data;
  g_autoptr(GPtrArray) feeds = NULL;
  g_autoptr(GError) error = NULL;

  feeds = attache_library_list_feeds_finish (ATTACHE_LIBRARY (object), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
      g_cancellable_is_cancelled (self->cancellable))
    return;

  if (feeds == NULL)
    {
      show_error (self, _("Could not read the feeds"), error);
      finish_refresh (self);
      return;
    }

  for (guint i = 0; i < feeds->len; i++)
    {
      AttacheSubscription *feed = g_ptr_array_index (feeds, i);

      g_array_append_val (self->refresh_queue, feed->id);
    }

  refresh_next_feeds (self);
}

/* Refreshes every feed, a few at a time (the network on this thread, the
 * reading and storing in workers). @asked: by the person, who is told how it
 * went; on schedule, only news is told. */
static void
refresh_feeds (AttacheWindow *self,
               gboolean       asked)
{
  if (refreshing_feeds (self))
    {
      self->refresh_asked |= asked;
      return;
    }

  self->refresh_queue = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->refresh_asked = asked;
  self->n_refresh_imported = 0;
  self->n_refresh_failed = 0;
  update_refresh_spinner (self);

  attache_library_list_feeds_async (self->library, self->cancellable,
                                    list_feeds_to_refresh_cb, g_object_ref (self));
}

static void
refresh_feeds_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  refresh_feeds (ATTACHE_WINDOW (widget), TRUE);
}

static gboolean
on_refresh_timeout_cb (gpointer user_data)
{
  AttacheWindow *self = user_data;
  guint minutes = self->settings != NULL ? g_settings_get_uint (self->settings, "feed-refresh-interval") : 0;

  self->next_refresh_time = g_get_monotonic_time () + (gint64) minutes * 60 * G_USEC_PER_SEC;
  refresh_feeds (self, FALSE);
  return G_SOURCE_CONTINUE;
}

/* Refreshes the feeds every feed-refresh-interval minutes, from now. */
static void
schedule_refresh (AttacheWindow *self)
{
  guint minutes = 0;

  if (self->settings != NULL)
    minutes = g_settings_get_uint (self->settings, "feed-refresh-interval");

  g_clear_handle_id (&self->refresh_timeout_id, g_source_remove);
  self->next_refresh_time = 0;

  if (minutes == 0)
    return;

  self->refresh_timeout_id = g_timeout_add_seconds (minutes * 60, on_refresh_timeout_cb, self);
  self->next_refresh_time = g_get_monotonic_time () + (gint64) minutes * 60 * G_USEC_PER_SEC;
}

static void
on_settings_feed_refresh_interval_changed_cb (GSettings     *settings,
                                              const char    *key,
                                              AttacheWindow *self)
{
  schedule_refresh (self);
}

/* Subscribing */

/* Feed @id, if it waits to be removed (its toast offers Undo), is kept. */
static void
keep_feed (AttacheWindow *self,
           gint64         id)
{
  g_hash_table_remove (self->unsubscribed, &id);
}

static void
subscribe_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(AttacheWindow) self = user_data;
  g_autoptr(AttacheFeedRefresh) refresh = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *escaped_name = NULL;
  const char *name;
  guint n_imported;

  refresh = attache_feed_refresher_subscribe_finish (ATTACHE_FEED_REFRESHER (object), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
      g_cancellable_is_cancelled (self->cancellable))
    return;

  self->n_imports--;
  update_import_spinner (self);

  if (refresh == NULL)
    {
      show_error (self, _("Could not subscribe to the feed"), error);
      return;
    }

  if (attache_feed_refresh_get_feed_id (refresh) == 0)
    {
      g_autofree char *what = g_strdup_printf (_("Could not subscribe to “%s”"),
                                               attache_feed_refresh_get_url (refresh));
      const GError *refresh_error = attache_feed_refresh_get_error (refresh);

      if (refresh_error != NULL)
        show_error (self, what, refresh_error);
      else
        add_toast (self, adw_toast_new (what));
      return;
    }

  /* Unsubscribed a moment ago, Undo still offered: subscribing again is
   * that Undo, or the toast going would remove the feed after all. */
  keep_feed (self, attache_feed_refresh_get_feed_id (refresh));

  /* Its articles shown, as soon as the list has the feed. */
  self->pending_feed_id = attache_feed_refresh_get_feed_id (refresh);
  reload_feeds (self);

  name = attache_feed_refresh_get_title (refresh);
  if (name == NULL)
    name = attache_feed_refresh_get_url (refresh);
  escaped_name = g_markup_escape_text (name, -1);
  n_imported = attache_feed_refresh_get_n_imported (refresh);

  if (!attache_feed_refresh_get_subscribed (refresh))
    add_toast (self, adw_toast_new_format (_("Already subscribed to “%s”"), escaped_name));
  else
    /* Translators: "Subscribed to “Harbour Post”; 12 new articles" */
    add_toast (self, adw_toast_new_format (ngettext ("Subscribed to “%s”; %u new article",
                                                     "Subscribed to “%s”; %u new articles",
                                                     n_imported),
                                           escaped_name, n_imported));
}

static void
ask_feed_url_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(AttacheWindow) self = user_data;
  g_autofree char *url = NULL;

  url = attache_compat_ask_text_finish (result, NULL);

  if (url == NULL || g_cancellable_is_cancelled (self->cancellable))
    return;

  attache_window_subscribe_feed (self, url);
}

static void
subscribe_feed_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  ask_web_address (ATTACHE_WINDOW (widget),
                   _("Subscribe to a Feed"),
                   _("Paste the address of a news feed (RSS, Atom or JSON Feed). "
                     "Attaché imports its new articles each time the feeds are refreshed."),
                   _("Feed address"),
                   _("_Subscribe"),
                   ask_feed_url_cb);
}

/* Subscription lists (OPML) */

static void
import_opml_worker (GTask        *task,
                    gpointer      source_object,
                    gpointer      task_data,
                    GCancellable *cancellable)
{
  GFile *file = task_data;
  g_autoptr(GBytes) bytes = NULL;
  GError *error = NULL;
  GArray *added;

  bytes = g_file_load_bytes (file, cancellable, NULL, &error);
  if (bytes == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  added = attache_feed_refresher_import_opml (source_object, bytes, &error);
  if (added == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, added, (GDestroyNotify) g_array_unref);
}

/* Refreshes the feeds @ids after those already waiting; told only when there
 * is news, as on schedule, unless a refresh asked for is under way. */
static void
refresh_feed_ids (AttacheWindow *self,
                  GArray        *ids)
{
  if (ids->len == 0)
    return;

  if (!refreshing_feeds (self))
    {
      self->refresh_queue = g_array_new (FALSE, FALSE, sizeof (gint64));
      self->refresh_asked = FALSE;
      self->n_refresh_imported = 0;
      self->n_refresh_failed = 0;
      update_refresh_spinner (self);
    }

  g_array_append_vals (self->refresh_queue, ids->data, ids->len);
  refresh_next_feeds (self);
}

static void
import_opml_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(AttacheWindow) self = user_data;
  g_autoptr(GArray) added = NULL;
  g_autoptr(GArray) new_ids = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) parts = NULL;
  g_autofree char *message = NULL;
  guint n_duplicates = 0;

  added = g_task_propagate_pointer (G_TASK (result), &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
      g_cancellable_is_cancelled (self->cancellable))
    return;

  self->n_imports--;
  update_import_spinner (self);

  if (added == NULL)
    {
      GFile *file = g_task_get_task_data (G_TASK (result));
      g_autofree char *name = dup_file_display_name (file);
      g_autofree char *what = g_strdup_printf (_("Could not import the subscriptions of “%s”"), name);

      show_error (self, what, error);
      return;
    }

  new_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  for (guint i = 0; i < added->len; i++)
    {
      const AttacheFeedAdded *feed = &g_array_index (added, AttacheFeedAdded, i);

      if (feed->status == ATTACHE_ADD_DUPLICATE)
        {
          n_duplicates++;
          /* One unsubscribed a moment ago stays, as in the list now. */
          keep_feed (self, feed->id);
        }
      else
        g_array_append_val (new_ids, feed->id);
    }

  reload_feeds (self);

  if (added->len == 0)
    {
      add_toast (self, adw_toast_new (_("No feeds in that subscription list")));
      return;
    }

  parts = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (parts, g_strdup_printf (ngettext ("Subscribed to %u feed",
                                                     "Subscribed to %u feeds",
                                                     new_ids->len),
                                           new_ids->len));
  if (n_duplicates > 0)
    g_ptr_array_add (parts, g_strdup_printf (ngettext ("%u was already there",
                                                       "%u were already there",
                                                       n_duplicates),
                                             n_duplicates));
  g_ptr_array_add (parts, NULL);
  message = g_strjoinv (_("; "), (char **) parts->pdata);
  add_toast (self, adw_toast_new (message));

  /* Their articles, now. */
  refresh_feed_ids (self, new_ids);
}

static void
choose_opml_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(AttacheWindow) self = user_data;
  g_autoptr(GListModel) files = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = NULL;

  files = attache_compat_choose_files_finish (result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
      g_cancellable_is_cancelled (self->cancellable))
    return;

  if (files == NULL)
    {
      show_error (self, _("Could not choose a file"), error);
      return;
    }

  if (g_list_model_get_n_items (files) == 0)
    return;

  file = g_list_model_get_item (files, 0);
  attache_window_import_opml (self, file);
}

static void
import_subscriptions_action (GtkWidget  *widget,
                             const char *action_name,
                             GVariant   *parameter)
{
  AttacheWindow *self = ATTACHE_WINDOW (widget);
  g_autoptr(GListStore) filters = g_list_store_new (GTK_TYPE_FILE_FILTER);
  g_autoptr(GtkFileFilter) opml = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();

  /* Translators: the kind of file a subscription list is, in the file chooser */
  gtk_file_filter_set_name (opml, _("OPML"));
  gtk_file_filter_add_mime_type (opml, "text/x-opml+xml");
  gtk_file_filter_add_pattern (opml, "*.opml");
  gtk_file_filter_add_pattern (opml, "*.xml");

  gtk_file_filter_set_name (all, _("All Files"));
  gtk_file_filter_add_pattern (all, "*");

  g_list_store_append (filters, opml);
  g_list_store_append (filters, all);

  attache_compat_choose_files_async (GTK_WINDOW (self),
                                     _("Import Subscriptions"),
                                     _("_Import"),
                                     G_LIST_MODEL (filters),
                                     self->cancellable,
                                     choose_opml_cb,
                                     g_object_ref (self));
}

typedef struct
{
  GFile  *file;
  GBytes *bytes;        /* the document, once written */
  guint   n_feeds;
} ExportData;

static void
export_data_free (ExportData *data)
{
  g_clear_object (&data->file);
  g_clear_pointer (&data->bytes, g_bytes_unref);
  g_free (data);
}

static void
export_opml_worker (GTask        *task,
                    gpointer      source_object,
                    gpointer      task_data,
                    GCancellable *cancellable)
{
  ExportData *data = task_data;
  AttacheLibrary *library = attache_feed_refresher_get_library (source_object);
  g_autoptr(GPtrArray) feeds = NULL;
  GError *error = NULL;

  feeds = attache_library_list_feeds (library, &error);
  if (feeds != NULL)
    data->bytes = attache_feed_refresher_export_opml (source_object, &error);

  if (data->bytes == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  data->n_feeds = feeds->len;
  g_task_return_boolean (task, TRUE);
}

static void
show_export_error (AttacheWindow *self,
                   GFile         *file,
                   const GError  *error)
{
  g_autofree char *name = dup_file_display_name (file);
  g_autofree char *escaped_name = g_markup_escape_text (name, -1);
  g_autofree char *escaped_error = g_markup_escape_text (error->message, -1);
  AdwToast *toast;

  /* Translators: the file, then why: "Could not save “feeds.opml” (Permission denied). Try another folder." */
  toast = adw_toast_new_format (_("Could not save “%s” (%s). Try another folder."),
                                escaped_name, escaped_error);
  adw_toast_set_timeout (toast, 0);
  add_toast (self, toast);
}

/* What is left to do once the document is written. */
typedef struct
{
  AttacheWindow *self;
  GFile         *file;
  guint          n_feeds;
} WriteData;

static void
write_data_free (WriteData *data)
{
  g_clear_object (&data->self);
  g_clear_object (&data->file);
  g_free (data);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (WriteData, write_data_free)

static void
replace_opml_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(WriteData) data = user_data;
  AttacheWindow *self = data->self;
  g_autoptr(GError) error = NULL;

  if (!g_file_replace_contents_finish (G_FILE (object), result, NULL, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) &&
          !g_cancellable_is_cancelled (self->cancellable))
        show_export_error (self, data->file, error);
      return;
    }

  if (g_cancellable_is_cancelled (self->cancellable))
    return;

  add_toast (self, adw_toast_new_format (ngettext ("Exported %u subscription",
                                                   "Exported %u subscriptions",
                                                   data->n_feeds),
                                         data->n_feeds));
}

static void
export_opml_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(AttacheWindow) self = user_data;
  ExportData *data = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  WriteData *write;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) &&
          !g_cancellable_is_cancelled (self->cancellable))
        show_export_error (self, data->file, error);
      return;
    }

  write = g_new0 (WriteData, 1);
  write->self = g_object_ref (self);
  write->file = g_object_ref (data->file);
  write->n_feeds = data->n_feeds;

  /* Written off the main thread; the bytes are kept until then. */
  g_file_replace_contents_bytes_async (data->file, data->bytes, NULL, FALSE,
                                       G_FILE_CREATE_REPLACE_DESTINATION,
                                       self->cancellable, replace_opml_cb, write);
}

static void
save_opml_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(AttacheWindow) self = user_data;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;

  file = attache_compat_save_file_finish (result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
      g_cancellable_is_cancelled (self->cancellable))
    return;

  if (file == NULL)
    {
      show_error (self, _("Could not choose a file"), error);
      return;
    }

  attache_window_export_opml (self, file);
}

static void
export_subscriptions_action (GtkWidget  *widget,
                             const char *action_name,
                             GVariant   *parameter)
{
  AttacheWindow *self = ATTACHE_WINDOW (widget);

  attache_compat_save_file_async (GTK_WINDOW (self),
                                  _("Export Subscriptions"),
                                  /* Translators: the file name suggested for exported subscriptions */
                                  _("subscriptions.opml"),
                                  self->cancellable,
                                  save_opml_cb,
                                  g_object_ref (self));
}

/* Fetching full articles, per feed */

static void
set_feed_fetch_full_article_cb (GObject      *object,
                                GAsyncResult *result,
                                gpointer      user_data)
{
  g_autoptr(AttacheWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!attache_library_set_feed_fetch_full_article_finish (ATTACHE_LIBRARY (object), result, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) &&
      !g_cancellable_is_cancelled (self->cancellable))
    show_error (self, _("Could not change the feed"), error);
}

/* win.set-feed-full-articles ((xb): the feed, whether to fetch its items' pages) */
static void
set_feed_full_articles_action (GtkWidget  *widget,
                               const char *action_name,
                               GVariant   *parameter)
{
  AttacheWindow *self = ATTACHE_WINDOW (widget);
  gint64 id;
  gboolean fetch_full_article;

  g_variant_get (parameter, "(xb)", &id, &fetch_full_article);
  attache_library_set_feed_fetch_full_article_async (self->library, id, fetch_full_article,
                                                     self->cancellable,
                                                     set_feed_fetch_full_article_cb,
                                                     g_object_ref (self));
}

/* The check item of the feed's menu: a stateful action for that one feed. */
static void
on_fetch_full_articles_change_state_cb (GSimpleAction *action,
                                        GVariant      *value,
                                        gpointer       user_data)
{
  AttacheWindow *self = user_data;
  gint64 *id = g_object_get_data (G_OBJECT (action), "attache-feed-id");

  g_simple_action_set_state (action, value);
  gtk_widget_activate_action (GTK_WIDGET (self), "win.set-feed-full-articles", "(xb)",
                              *id, g_variant_get_boolean (value));
}

/* Unsubscribing, and Undo: the feed is only hidden while its toast offers
 * Undo, and removed (with what it remembers of its items) once it is gone. */

static void
remove_feed_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(AttacheWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!attache_library_remove_feed_finish (ATTACHE_LIBRARY (object), result, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) &&
      !g_cancellable_is_cancelled (self->cancellable))
    show_error (self, _("Could not unsubscribe from the feed"), error);
}

static void
on_unsubscribed_toast_dismissed_cb (AdwToast      *toast,
                                    AttacheWindow *self)
{
  GVariant *target = adw_toast_get_action_target_value (toast);
  gint64 id;

  if (target == NULL || self->unsubscribed == NULL)
    return;

  id = g_variant_get_int64 (target);
  if (!g_hash_table_remove (self->unsubscribed, &id))
    return;

  attache_library_remove_feed_async (self->library, id, self->cancellable,
                                     remove_feed_cb, g_object_ref (self));
}

static void
unsubscribe_feed (AttacheWindow *self,
                  gint64         id)
{
  GtkListBoxRow *row = g_hash_table_lookup (self->feed_rows, &id);
  GtkLabel *title;
  g_autofree char *escaped_title = NULL;
  AdwToast *toast;

  if (row == NULL || g_hash_table_contains (self->unsubscribed, &id))
    return;

  g_hash_table_add (self->unsubscribed, g_memdup2 (&id, sizeof id));
  if (gtk_list_box_get_selected_row (self->feed_list) == row)
    gtk_list_box_select_row (self->feed_list, self->all_articles_row);
  gtk_widget_set_visible (GTK_WIDGET (row), FALSE);
  reload_feeds (self);

  title = g_object_get_data (G_OBJECT (row), "title-label");
  escaped_title = g_markup_escape_text (gtk_label_get_text (title), -1);
  toast = adw_toast_new_format (_("Unsubscribed from “%s”"), escaped_title);
  adw_toast_set_button_label (toast, _("Undo"));
  adw_toast_set_action_name (toast, "win.undo-unsubscribe-feed");
  adw_toast_set_action_target_value (toast, g_variant_new_int64 (id));
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  g_signal_connect_object (toast, "dismissed",
                           G_CALLBACK (on_unsubscribed_toast_dismissed_cb), self, 0);
  add_toast (self, toast);
}

static void
unsubscribe_feed_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  unsubscribe_feed (ATTACHE_WINDOW (widget), g_variant_get_int64 (parameter));
}

static void
undo_unsubscribe_feed_action (GtkWidget  *widget,
                              const char *action_name,
                              GVariant   *parameter)
{
  AttacheWindow *self = ATTACHE_WINDOW (widget);
  gint64 id = g_variant_get_int64 (parameter);

  if (!g_hash_table_remove (self->unsubscribed, &id))
    return;

  reload_feeds (self);
}

static gboolean
unsubscribe_selected_feed_cb (GtkWidget *widget,
                              GVariant  *args,
                              gpointer   user_data)
{
  AttacheWindow *self = user_data;

  if (self->selected_feed_id == 0)
    return FALSE;

  unsubscribe_feed (self, self->selected_feed_id);
  return TRUE;
}

/* The feed's menu, on a right click or a long press. */
static void
popup_feed_menu (AttacheWindow *self,
                 double         x,
                 double         y)
{
  GtkListBoxRow *row = gtk_list_box_get_row_at_y (self->feed_list, (int) y);
  g_autoptr(GMenu) menu = NULL;
  g_autoptr(GMenu) section = NULL;
  g_autoptr(GMenuItem) item = NULL;
  g_autoptr(GSimpleAction) fetch_full = NULL;
  g_autoptr(GSimpleActionGroup) group = NULL;
  gint64 id;

  if (row == NULL || (id = get_row_feed_id (row)) == 0)
    return;

  menu = g_menu_new ();

  /* A check item: the stored flag, for this feed. */
  fetch_full = g_simple_action_new_stateful ("fetch-full-articles", NULL,
                                             g_variant_new_boolean (g_object_get_data (G_OBJECT (row),
                                                                                       "attache-fetch-full-article") != NULL));
  g_object_set_data_full (G_OBJECT (fetch_full), "attache-feed-id", g_memdup2 (&id, sizeof id), g_free);
  g_signal_connect_object (fetch_full, "change-state",
                           G_CALLBACK (on_fetch_full_articles_change_state_cb), self, 0);
  group = g_simple_action_group_new ();
  g_action_map_add_action (G_ACTION_MAP (group), G_ACTION (fetch_full));
  gtk_widget_insert_action_group (self->feed_menu, "feed", G_ACTION_GROUP (group));

  section = g_menu_new ();
  g_menu_append (section, _("Fetch _Full Articles"), "feed.fetch-full-articles");
  g_menu_append_section (menu, NULL, G_MENU_MODEL (section));

  g_clear_object (&section);
  section = g_menu_new ();
  item = g_menu_item_new (_("_Unsubscribe"), NULL);
  g_menu_item_set_action_and_target_value (item, "win.unsubscribe-feed", g_variant_new_int64 (id));
  g_menu_append_item (section, item);
  g_menu_append_section (menu, NULL, G_MENU_MODEL (section));

  gtk_popover_menu_set_menu_model (GTK_POPOVER_MENU (self->feed_menu), G_MENU_MODEL (menu));
  gtk_popover_set_pointing_to (GTK_POPOVER (self->feed_menu),
                               &(GdkRectangle) { (int) x, (int) y, 1, 1 });
  gtk_popover_popup (GTK_POPOVER (self->feed_menu));
}

static void
on_feed_list_pressed_cb (GtkGestureClick *gesture,
                         int              n_press,
                         double           x,
                         double           y,
                         AttacheWindow   *self)
{
  popup_feed_menu (self, x, y);
  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
}

static void
on_feed_list_long_pressed_cb (GtkGestureLongPress *gesture,
                              double               x,
                              double               y,
                              AttacheWindow       *self)
{
  popup_feed_menu (self, x, y);
}

static void
setup_feed_list (AttacheWindow *self)
{
  GtkGesture *click = gtk_gesture_click_new ();
  GtkGesture *long_press = gtk_gesture_long_press_new ();
  GtkEventController *shortcuts = gtk_shortcut_controller_new ();

  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_SECONDARY);
  g_signal_connect (click, "pressed", G_CALLBACK (on_feed_list_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->feed_list), GTK_EVENT_CONTROLLER (click));

  gtk_gesture_single_set_touch_only (GTK_GESTURE_SINGLE (long_press), TRUE);
  g_signal_connect (long_press, "pressed", G_CALLBACK (on_feed_list_long_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->feed_list), GTK_EVENT_CONTROLLER (long_press));

  /* Delete unsubscribes from the feed selected, in the list only. */
  gtk_shortcut_controller_set_scope (GTK_SHORTCUT_CONTROLLER (shortcuts), GTK_SHORTCUT_SCOPE_LOCAL);
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                        gtk_shortcut_new (gtk_shortcut_trigger_parse_string ("Delete|KP_Delete"),
                                                          gtk_callback_action_new (unsubscribe_selected_feed_cb,
                                                                                   self, NULL)));
  gtk_widget_add_controller (GTK_WIDGET (self->feed_list), shortcuts);

  self->feed_menu = gtk_popover_menu_new_from_model (NULL);
  gtk_popover_set_has_arrow (GTK_POPOVER (self->feed_menu), FALSE);
  gtk_popover_set_position (GTK_POPOVER (self->feed_menu), GTK_POS_BOTTOM);
  gtk_widget_set_halign (self->feed_menu, GTK_ALIGN_START);
  gtk_widget_set_parent (self->feed_menu, GTK_WIDGET (self->feed_list));

  gtk_list_box_select_row (self->feed_list, self->all_articles_row);
  g_signal_connect (self->feed_list, "row-selected", G_CALLBACK (on_feed_list_row_selected_cb), self);
}

/* Briefings: the view beside the library, and adding to it from the reader,
 * the list and the summary pane (see attache-briefings-view.h). */

static void
on_view_stack_notify_visible_child_cb (AdwViewStack  *stack,
                                       GParamSpec    *pspec,
                                       AttacheWindow *self)
{
  gboolean briefings = showing_briefings (self);

  gtk_widget_set_visible (self->import_button, !briefings);
  gtk_widget_set_visible (self->new_briefing_button, briefings);
  gtk_widget_set_visible (self->briefing_menu_button, briefings);
  gtk_widget_set_visible (GTK_WIDGET (self->search_button), !briefings);
  update_title (self);
  update_page (self);
}

static void
on_briefings_view_notify_n_briefings_cb (AttacheBriefingsView *view,
                                         GParamSpec           *pspec,
                                         AttacheWindow        *self)
{
  update_title (self);
}

static void
on_reader_notify_has_selected_text_cb (AttacheReader *reader,
                                       GParamSpec    *pspec,
                                       AttacheWindow *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.add-excerpt-to-briefing",
                                 attache_reader_get_has_selected_text (reader));
}

static void
add_excerpt_to_briefing_action (GtkWidget  *widget,
                                const char *action_name,
                                GVariant   *parameter)
{
  AttacheWindow *self = ATTACHE_WINDOW (widget);
  AttacheArticle *article = attache_reader_get_article (self->reader);
  guint from, to;

  if (article == NULL || !attache_reader_get_selected_range (self->reader, &from, &to))
    {
      add_toast (self, adw_toast_new (_("Select a passage of the article to quote it")));
      return;
    }

  attache_briefings_view_add_excerpt (self->briefings_view, g_variant_get_int64 (parameter),
                                      attache_article_get_id (article), from, to);
}

/* A briefing cites at most this many articles added at once. */
#define MAX_ARTICLES_TO_BRIEFING 200

static void
add_article_to_briefing_action (GtkWidget  *widget,
                                const char *action_name,
                                GVariant   *parameter)
{
  AttacheWindow *self = ATTACHE_WINDOW (widget);
  g_autoptr(GtkBitset) selected = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->selection));
  g_autoptr(GArray) ids = NULL;
  GListModel *listed = get_listed (self);
  GtkBitsetIter iter;
  guint position;

  if (gtk_bitset_is_empty (selected))
    return;

  if (gtk_bitset_get_size (selected) > MAX_ARTICLES_TO_BRIEFING)
    {
      g_autofree char *message = NULL;

      /* Translators: %u is a number of articles, more than 1 */
      message = g_strdup_printf (ngettext ("Select at most %u article to add to a briefing",
                                           "Select at most %u articles to add to a briefing",
                                           MAX_ARTICLES_TO_BRIEFING),
                                 MAX_ARTICLES_TO_BRIEFING);
      add_toast (self, adw_toast_new (message));
      return;
    }

  /* In the order of the list. */
  ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  for (gboolean valid = gtk_bitset_iter_init_first (&iter, selected, &position);
       valid;
       valid = gtk_bitset_iter_next (&iter, &position))
    {
      g_autoptr(AttacheArticle) article = g_list_model_get_item (listed, position);
      gint64 id = attache_article_get_id (article);

      g_array_append_val (ids, id);
    }

  attache_briefings_view_add_articles (self->briefings_view, g_variant_get_int64 (parameter),
                                       (const gint64 *) ids->data, ids->len);
}

static void
add_actors_to_briefing_action (GtkWidget  *widget,
                               const char *action_name,
                               GVariant   *parameter)
{
  AttacheWindow *self = ATTACHE_WINDOW (widget);
  AttacheArticle *article = attache_summary_pane_get_article (self->summary_pane);

  if (article != NULL)
    attache_briefings_view_add_actors (self->briefings_view, g_variant_get_int64 (parameter),
                                       attache_article_get_id (article));
}

/* @text with every run of white space made one space, without spaces at
 * the ends: the reader shows paragraphs apart with one line break, the
 * article's text with two. */
static char *
dup_collapsed (const char *text)
{
  GString *collapsed = g_string_new (NULL);
  gboolean space = FALSE;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c))
        {
          space = collapsed->len > 0;
          continue;
        }
      if (space)
        g_string_append_c (collapsed, ' ');
      space = FALSE;
      g_string_append_unichar (collapsed, c);
    }

  return g_string_free (collapsed, FALSE);
}

/* Text dragged from the reader onto a briefing: an excerpt, when it is the
 * passage selected (a drag carries the text, not where it comes from). */
static gboolean
on_briefings_view_text_dropped_cb (AttacheBriefingsView *view,
                                   gint64                briefing_id,
                                   const char           *text,
                                   AttacheWindow        *self)
{
  AttacheArticle *article = attache_reader_get_article (self->reader);
  g_autofree char *selected = NULL;
  g_autofree char *dropped = NULL;
  g_autofree char *quoted = NULL;
  guint from, to;

  if (article == NULL || attache_article_get_text (article) == NULL ||
      !attache_reader_get_selected_range (self->reader, &from, &to))
    return FALSE;

  selected = g_utf8_substring (attache_article_get_text (article), from, to);
  quoted = dup_collapsed (selected);
  dropped = dup_collapsed (text);

  /* The drag may start a little before the first character of the text. */
  if (dropped[0] == '\0' || !g_str_has_suffix (dropped, quoted))
    return FALSE;

  attache_briefings_view_add_excerpt (view, briefing_id, attache_article_get_id (article), from, to);
  return TRUE;
}

/* The library's menu: a right click or a long press on an article. */
static void
popup_article_menu (AttacheWindow *self,
                    double         x,
                    double         y)
{
  GtkWidget *picked = gtk_widget_pick (GTK_WIDGET (self->article_list_view), x, y, GTK_PICK_DEFAULT);
  GtkWidget *row = picked != NULL ? gtk_widget_get_ancestor (picked, ATTACHE_TYPE_ARTICLE_ROW) : NULL;
  AttacheArticle *article = row != NULL ? attache_article_row_get_article (ATTACHE_ARTICLE_ROW (row)) : NULL;
  guint position;

  if (article == NULL)
    return;

  /* A click on one of the articles selected keeps them all selected. */
  position = find_shown (self, attache_article_get_id (article));
  if (position == G_MAXUINT ||
      !gtk_selection_model_is_selected (GTK_SELECTION_MODEL (self->selection), position))
    attache_window_select_article (self, attache_article_get_id (article));
  gtk_popover_set_pointing_to (GTK_POPOVER (self->article_menu), &(GdkRectangle) { (int) x, (int) y, 1, 1 });
  gtk_popover_popup (GTK_POPOVER (self->article_menu));
}

static void
on_article_list_pressed_cb (GtkGestureClick *gesture,
                            int              n_press,
                            double           x,
                            double           y,
                            AttacheWindow   *self)
{
  popup_article_menu (self, x, y);
  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
}

static void
on_article_list_long_pressed_cb (GtkGestureLongPress *gesture,
                                 double               x,
                                 double               y,
                                 AttacheWindow       *self)
{
  popup_article_menu (self, x, y);
}

static void
setup_briefings (AttacheWindow *self)
{
  g_autoptr(GMenuModel) excerpt_menu = NULL;
  g_autoptr(GMenuModel) article_add_menu = NULL;
  g_autoptr(GMenu) article_menu = g_menu_new ();
  g_autoptr(GMenu) article_section = g_menu_new ();
  GtkGesture *click = gtk_gesture_click_new ();
  GtkGesture *long_press = gtk_gesture_long_press_new ();

  gtk_widget_insert_action_group (GTK_WIDGET (self), "briefings",
                                  attache_briefings_view_get_actions (self->briefings_view));

  /* The reader's context menu. */
  excerpt_menu = attache_briefings_view_new_add_menu (self->briefings_view,
                                                      "win.add-excerpt-to-briefing",
                                                      /* Translators: %s is a briefing's title */
                                                      _("Add Excerpt to “%s”"),
                                                      _("Add Excerpt to a New Briefing"),
                                                      _("Add Excerpt to Briefing"));
  attache_reader_set_selection_menu (self->reader, excerpt_menu);
  g_signal_connect (self->reader, "notify::has-selected-text",
                    G_CALLBACK (on_reader_notify_has_selected_text_cb), self);

  /* The library's. */
  article_add_menu = attache_briefings_view_new_add_menu (self->briefings_view,
                                                          "win.add-article-to-briefing",
                                                          /* Translators: %s is a briefing's title */
                                                          _("Add to “%s”"),
                                                          _("Add to a New Briefing"),
                                                          _("Add to Briefing"));
  g_menu_append_section (article_menu, NULL, article_add_menu);
  g_menu_append (article_section, _("_Delete Article"), "win.delete");
  g_menu_append_section (article_menu, NULL, G_MENU_MODEL (article_section));

  self->article_menu = gtk_popover_menu_new_from_model (G_MENU_MODEL (article_menu));
  gtk_popover_set_has_arrow (GTK_POPOVER (self->article_menu), FALSE);
  gtk_popover_set_position (GTK_POPOVER (self->article_menu), GTK_POS_BOTTOM);
  gtk_widget_set_halign (self->article_menu, GTK_ALIGN_START);
  gtk_widget_set_parent (self->article_menu, GTK_WIDGET (self->article_list_view));

  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_SECONDARY);
  g_signal_connect (click, "pressed", G_CALLBACK (on_article_list_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->article_list_view), GTK_EVENT_CONTROLLER (click));
  gtk_gesture_single_set_touch_only (GTK_GESTURE_SINGLE (long_press), TRUE);
  g_signal_connect (long_press, "pressed", G_CALLBACK (on_article_list_long_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->article_list_view), GTK_EVENT_CONTROLLER (long_press));

  g_signal_connect (self->briefings_view, "notify::n-briefings",
                    G_CALLBACK (on_briefings_view_notify_n_briefings_cb), self);
  g_signal_connect (self->briefings_view, "text-dropped",
                    G_CALLBACK (on_briefings_view_text_dropped_cb), self);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.add-excerpt-to-briefing", FALSE);
}

/* The overview of several articles (a selection, a search's results) in the
 * summary pane: read off the main thread, a moment after the selection
 * stops changing, and only when the articles are not those shown already. */

/* How long the selection must stay the same before its overview is read. */
#define OVERVIEW_DELAY_MS 150

/* After the library changed: its analyses change in bursts while the
 * runner works, and a large overview is not read again for each. */
#define OVERVIEW_REFRESH_DELAY_MS 1000

/* The overview counts at most this many articles (the first selected, or
 * the best results): bench-explore reads 10,000 of a 100,000-article
 * library in a third of a second. */
#define OVERVIEW_MAX_ARTICLES 10000

typedef struct
{
  AttacheWindow *self;
  GArray        *ids;
  char          *heading;
} OverviewData;

static void
overview_data_free (OverviewData *data)
{
  g_clear_object (&data->self);
  g_clear_pointer (&data->ids, g_array_unref);
  g_free (data->heading);
  g_free (data);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (OverviewData, overview_data_free)

static gboolean
same_ids (GArray *a,
          GArray *b)
{
  return a != NULL && b != NULL && a->len == b->len &&
         memcmp (a->data, b->data, a->len * sizeof (gint64)) == 0;
}

/* The articles the overview is of, and what the pane calls them. */
static GArray *
collect_overview_ids (AttacheWindow  *self,
                      char          **out_heading)
{
  g_autoptr(GtkBitset) selected = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->selection));
  GListModel *listed = get_listed (self);
  guint64 n_selected = gtk_bitset_get_size (selected);
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  GtkBitsetIter iter;
  guint position;

  if (n_selected > 0)
    {
      for (gboolean valid = gtk_bitset_iter_init_first (&iter, selected, &position);
           valid && ids->len < OVERVIEW_MAX_ARTICLES;
           valid = gtk_bitset_iter_next (&iter, &position))
        {
          g_autoptr(AttacheArticle) article = g_list_model_get_item (listed, position);
          gint64 id = attache_article_get_id (article);

          g_array_append_val (ids, id);
        }

      if (n_selected > ids->len)
        /* Translators: the heading of the summary pane when more articles are selected than it counts */
        *out_heading = g_strdup_printf (ngettext ("The First %u of %u Articles Selected",
                                                  "The First %u of %u Articles Selected",
                                                  (gulong) n_selected),
                                        ids->len, (guint) n_selected);
      else
        /* Translators: the heading of the summary pane for several articles selected */
        *out_heading = g_strdup_printf (ngettext ("%u Article Selected", "%u Articles Selected", ids->len),
                                        ids->len);
    }
  else
    {
      guint n_listed = g_list_model_get_n_items (listed);

      for (guint i = 0; i < n_listed && ids->len < OVERVIEW_MAX_ARTICLES; i++)
        {
          g_autoptr(AttacheArticle) article = g_list_model_get_item (listed, i);
          gint64 id = attache_article_get_id (article);

          g_array_append_val (ids, id);
        }

      if (self->results_total > ids->len)
        /* Translators: the heading of the summary pane for a search's results, when it lists the best of them */
        *out_heading = g_strdup_printf (ngettext ("The Best %u of %" PRId64 " Results",
                                                  "The Best %u of %" PRId64 " Results",
                                                  (gulong) self->results_total),
                                        ids->len, (int64_t) self->results_total);
      else
        /* Translators: the heading of the summary pane for a search's results */
        *out_heading = g_strdup_printf (ngettext ("%u Search Result", "%u Search Results", ids->len), ids->len);
    }

  return ids;
}

/* win.show-overview-network: the actor network of the articles the pane's
 * overview counts, in a window of its own. */
static void
show_overview_network_action (GtkWidget  *widget,
                              const char *action_name,
                              GVariant   *parameter)
{
  AttacheWindow *self = ATTACHE_WINDOW (widget);

  if (self->overview_ids == NULL || self->overview_ids->len == 0)
    return;

  gtk_window_present (GTK_WINDOW (attache_chart_window_new_network (GTK_WINDOW (self), self->library,
                                                                   self->overview_ids,
                                                                   self->overview_heading)));
}

static void
update_overview_network_action (AttacheWindow *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.show-overview-network",
                                 self->overview_ids != NULL && self->overview_ids->len > 0);
}

static void
summarize_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(OverviewData) data = user_data;
  AttacheWindow *self = data->self;
  g_autoptr(AttacheOverview) overview = NULL;
  g_autoptr(GError) error = NULL;

  overview = attache_library_summarize_finish (ATTACHE_LIBRARY (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
      g_cancellable_is_cancelled (self->cancellable))
    return;

  g_clear_object (&self->overview_cancellable);

  if (overview == NULL)
    {
      show_error (self, _("Could not read what the articles are about"), error);
      if (self->overview != NULL)
        attache_summary_pane_show_overview (self->summary_pane, self->overview, self->overview_heading);
      else
        attache_summary_pane_hide_overview (self->summary_pane);
      return;
    }

  g_clear_pointer (&self->overview_ids, g_array_unref);
  self->overview_ids = g_steal_pointer (&data->ids);
  g_clear_pointer (&self->overview, attache_overview_free);
  self->overview = g_steal_pointer (&overview);
  g_free (self->overview_heading);
  self->overview_heading = g_steal_pointer (&data->heading);

  if (attache_summary_pane_get_showing_overview (self->summary_pane))
    attache_summary_pane_show_overview (self->summary_pane, self->overview, self->overview_heading);
  update_overview_network_action (self);
}

static void
cancel_overview_read (AttacheWindow *self)
{
  if (self->overview_cancellable != NULL)
    g_cancellable_cancel (self->overview_cancellable);
  g_clear_object (&self->overview_cancellable);
}

static gboolean
on_overview_timeout_cb (gpointer user_data)
{
  AttacheWindow *self = user_data;
  g_autoptr(OverviewData) data = g_new0 (OverviewData, 1);

  self->overview_id = 0;

  data->ids = collect_overview_ids (self, &data->heading);

  /* The same articles: the same overview (a new heading, maybe); a read
   * under way for others is not wanted any more. */
  if (same_ids (data->ids, self->overview_ids) && self->overview != NULL)
    {
      cancel_overview_read (self);
      g_free (self->overview_heading);
      self->overview_heading = g_steal_pointer (&data->heading);
      attache_summary_pane_show_overview (self->summary_pane, self->overview, self->overview_heading);
      return G_SOURCE_REMOVE;
    }

  cancel_overview_read (self);
  self->overview_cancellable = g_cancellable_new ();

  /* What is shown stays, with a spinner, until the new one is read. */
  attache_summary_pane_show_overview (self->summary_pane, NULL, data->heading);

  data->self = g_object_ref (self);
  attache_library_summarize_async (self->library, data->ids, self->overview_cancellable,
                                   summarize_cb, data);
  g_steal_pointer (&data);
  return G_SOURCE_REMOVE;
}

/* The pane shows the overview of the articles selected (or of the results),
 * read again once the selection settles. */
static void
show_overview (AttacheWindow *self)
{
  if (!attache_summary_pane_get_showing_overview (self->summary_pane))
    attache_summary_pane_show_overview (self->summary_pane, NULL, self->overview_heading);

  g_clear_handle_id (&self->overview_id, g_source_remove);
  self->overview_id = g_timeout_add (OVERVIEW_DELAY_MS, on_overview_timeout_cb, self);
  g_source_set_name_by_id (self->overview_id, "[attache] overview");
}

static void
hide_overview (AttacheWindow *self)
{
  g_clear_handle_id (&self->overview_id, g_source_remove);
  cancel_overview_read (self);
  attache_summary_pane_hide_overview (self->summary_pane);
}

/* The library's articles, or their analyses, changed: the overview shown
 * may be out of date. */
static void
forget_overview (AttacheWindow *self)
{
  /* A read under way began before the change: read again instead. */
  cancel_overview_read (self);
  g_clear_pointer (&self->overview_ids, g_array_unref);
  update_overview_network_action (self);
  if (!attache_summary_pane_get_showing_overview (self->summary_pane) || self->overview_id != 0)
    return;

  self->overview_id = g_timeout_add (OVERVIEW_REFRESH_DELAY_MS, on_overview_timeout_cb, self);
  g_source_set_name_by_id (self->overview_id, "[attache] overview again");
}

/* Searching */

/* A search's results follow the library a moment after it changes. */
#define RESEARCH_DELAY_MS 300

typedef struct
{
  AttacheWindow *self;
  gboolean       keep_selection;
  gint64         pending_id;   /* the article to select, in the library as the search began; or 0 */
} SearchData;

static void
search_data_free (SearchData *data)
{
  g_clear_object (&data->self);
  g_free (data);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SearchData, search_data_free)

static void
update_save_search_action (AttacheWindow *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.save-search",
                                 attache_search_bar_get_search_mode (self->search_bar) &&
                                 !attache_search_query_is_empty (attache_search_bar_get_query (self->search_bar)));
}

/* The library again, instead of a search's results; the article the reader
 * shows stays selected. */
static void
list_library (AttacheWindow *self)
{
  gint64 current = self->selected_id;
  guint position;

  g_clear_handle_id (&self->research_id, g_source_remove);
  if (self->search_cancellable != NULL)
    g_cancellable_cancel (self->search_cancellable);
  g_clear_object (&self->search_cancellable);

  gtk_stack_set_visible_child_name (self->list_stack, "list");

  if (!listing_results (self))
    return;

  self->reloading = TRUE;
  gtk_multi_selection_set_model (self->selection, G_LIST_MODEL (self->shown));
  self->reloading = FALSE;
  g_clear_object (&self->results);
  self->results_total = 0;

  if (gtk_list_box_get_selected_row (self->feed_list) == NULL)
    gtk_list_box_select_row (self->feed_list, self->all_articles_row);

  position = current != 0 ? find_shown (self, current) : G_MAXUINT;
  select_position (self, position != G_MAXUINT ? position : GTK_INVALID_LIST_POSITION);
  show_selected_article (self);
  update_title (self);
}

/* Lists @results; with @keep_selection, the articles selected that are
 * among them stay selected (the same search again), else none is. */
static void
list_results (AttacheWindow        *self,
              AttacheSearchResults *results,
              const char           *no_results_message,
              gboolean              keep_selection)
{
  g_autoptr(GListStore) store = g_list_store_new (ATTACHE_TYPE_ARTICLE);
  g_autoptr(GHashTable) kept = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_autoptr(GtkBitset) reselect = gtk_bitset_new_empty ();
  gboolean current_gone = FALSE;

  if (keep_selection && listing_results (self))
    {
      g_autoptr(GtkBitset) selected = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->selection));
      GtkBitsetIter iter;
      guint position;

      for (gboolean valid = gtk_bitset_iter_init_first (&iter, selected, &position);
           valid;
           valid = gtk_bitset_iter_next (&iter, &position))
        {
          g_autoptr(AttacheArticle) article = g_list_model_get_item (get_listed (self), position);
          gint64 id = attache_article_get_id (article);

          g_hash_table_add (kept, g_memdup2 (&id, sizeof id));
        }
      current_gone = self->selected_id != 0 && g_hash_table_contains (kept, &self->selected_id);
    }

  for (guint i = 0; results != NULL && i < results->hits->len; i++)
    {
      AttacheSearchHit *hit = results->hits->pdata[i];
      AttacheArticle *article = attache_search_hit_get_article (hit);
      g_autofree char *snippet = attache_search_hit_dup_snippet_markup (hit);
      gint64 id = attache_article_get_id (article);

      attache_article_row_attach_snippet (article, snippet);
      g_list_store_append (store, article);
      if (g_hash_table_contains (kept, &id))
        gtk_bitset_add (reselect, i);
      if (id == self->selected_id)
        current_gone = FALSE;
    }

  /* The results are over the whole library: no feed is selected. */
  if (!listing_results (self))
    gtk_list_box_unselect_all (self->feed_list);

  self->reloading = TRUE;
  gtk_multi_selection_set_model (self->selection, G_LIST_MODEL (store));
  self->reloading = FALSE;
  g_set_object (&self->results, store);
  self->results_total = results != NULL ? results->total : 0;

  if (!gtk_bitset_is_empty (reselect))
    {
      g_autoptr(GtkBitset) mask = gtk_bitset_new_range (0, g_list_model_get_n_items (G_LIST_MODEL (store)));

      gtk_selection_model_set_selection (GTK_SELECTION_MODEL (self->selection), reselect, mask);
    }
  else if (current_gone && g_list_model_get_n_items (G_LIST_MODEL (store)) > 0)
    {
      /* The article read was deleted: its neighbour takes its place. */
      select_position (self, MIN (self->selected_position,
                                  g_list_model_get_n_items (G_LIST_MODEL (store)) - 1));
    }

  adw_status_page_set_description (self->no_results_page,
                                   no_results_message != NULL ? no_results_message
                                                              : _("Try other words, or fewer filters."));
  gtk_stack_set_visible_child_name (self->list_stack,
                                    g_list_model_get_n_items (G_LIST_MODEL (store)) > 0 ? "list" : "no-results");

  show_selected_article (self);
  update_title (self);
}

static void
find_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(SearchData) data = user_data;
  AttacheWindow *self = data->self;
  g_autoptr(AttacheSearchResults) results = NULL;
  g_autoptr(GError) error = NULL;

  results = attache_library_find_finish (ATTACHE_LIBRARY (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
      g_cancellable_is_cancelled (self->cancellable))
    return;

  g_clear_object (&self->search_cancellable);

  if (results != NULL)
    list_results (self, results, NULL, data->keep_selection);
  else if (g_error_matches (error, ATTACHE_DATABASE_ERROR, ATTACHE_DATABASE_ERROR_INVALID_QUERY))
    list_results (self, NULL, error->message, FALSE);
  else
    show_error (self, _("Could not search the library"), error);

  /* The article to select was in the library as this search began: among
   * its results, or else not found by the search, which then ends. */
  if (data->pending_id != 0 && data->pending_id == self->pending_select_id)
    {
      guint found = find_shown (self, data->pending_id);

      if (found != G_MAXUINT)
        {
          self->pending_select_id = 0;
          select_position (self, found);
        }
      else
        {
          attache_window_select_article (self, data->pending_id);
        }
    }

  /* The library changed while it ran: its results may miss that. */
  if (self->search_stale)
    schedule_research (self);
}

/* Runs the search bar's query, instead of any search under way; an empty
 * one lists the library. */
static void
run_search (AttacheWindow *self,
            gboolean       keep_selection)
{
  const AttacheSearchQuery *query = attache_search_bar_get_query (self->search_bar);
  SearchData *data;

  g_clear_handle_id (&self->research_id, g_source_remove);
  if (self->search_cancellable != NULL)
    g_cancellable_cancel (self->search_cancellable);
  g_clear_object (&self->search_cancellable);

  if (!attache_search_bar_get_search_mode (self->search_bar) || attache_search_query_is_empty (query))
    {
      list_library (self);
      return;
    }

  data = g_new0 (SearchData, 1);
  data->self = g_object_ref (self);
  data->keep_selection = keep_selection;
  if (self->pending_select_id != 0 &&
      attache_article_list_find (self->articles, self->pending_select_id) != G_MAXUINT)
    data->pending_id = self->pending_select_id;
  self->search_stale = FALSE;

  self->search_cancellable = g_cancellable_new ();
  attache_library_find_async (self->library, query, ATTACHE_SEARCH_PAGE, self->search_cancellable,
                              find_cb, data);
}

static gboolean
on_research_timeout_cb (gpointer user_data)
{
  AttacheWindow *self = user_data;

  self->research_id = 0;
  run_search (self, TRUE);
  return G_SOURCE_REMOVE;
}

/* The library changed: the results listed may be out of date. */
static void
schedule_research (AttacheWindow *self)
{
  /* The first search is still running: it is run again when it is done. */
  if (self->search_cancellable != NULL)
    self->search_stale = TRUE;

  if (!listing_results (self) || self->research_id != 0)
    return;

  self->research_id = g_timeout_add (RESEARCH_DELAY_MS, on_research_timeout_cb, self);
  g_source_set_name_by_id (self->research_id, "[attache] search again");
}

/* The same query, the words "" or NULL alike. */
static gboolean
same_query (const AttacheSearchQuery *a,
            const AttacheSearchQuery *b)
{
  g_autoptr(AttacheSearchQuery) a_copy = attache_search_query_copy (a);
  g_autoptr(AttacheSearchQuery) b_copy = attache_search_query_copy (b);

  if (a_copy->text == NULL)
    a_copy->text = g_strdup ("");
  if (b_copy->text == NULL)
    b_copy->text = g_strdup ("");

  return attache_search_query_equal (a_copy, b_copy);
}

static void
on_search_bar_query_changed_cb (AttacheSearchBar *search_bar,
                                AttacheWindow    *self)
{
  const AttacheSearchQuery *query = attache_search_bar_get_query (search_bar);

  /* No longer the saved search chosen. */
  if (self->saved_query != NULL && !same_query (self->saved_query, query))
    {
      g_clear_pointer (&self->saved_query, attache_search_query_free);
      attache_saved_search_list_select (self->saved_search_list, 0);
    }

  update_save_search_action (self);
  run_search (self, FALSE);
}

static void
on_search_bar_notify_search_mode_enabled_cb (AttacheSearchBar *search_bar,
                                             GParamSpec       *pspec,
                                             AttacheWindow    *self)
{
  if (!attache_search_bar_get_search_mode (search_bar))
    {
      GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));

      g_clear_pointer (&self->saved_query, attache_search_query_free);
      attache_saved_search_list_select (self->saved_search_list, 0);
      list_library (self);

      /* Escape in the entry: back to the list. */
      if (focus == NULL || gtk_widget_is_ancestor (focus, GTK_WIDGET (search_bar)))
        gtk_widget_grab_focus (GTK_WIDGET (self->article_list_view));
    }

  update_save_search_action (self);
}

static void
find_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  AttacheWindow *self = ATTACHE_WINDOW (widget);

  /* Searching is in the library. */
  show_library_view (self);
  attache_search_bar_focus_entry (self->search_bar);
}

/* win.search-actor (an actor's id), win.search-topic, win.search-subject
 * and win.search-source: the search bar with that filter, replacing one of
 * the same kind, and the articles it finds. */
static void
search_filter_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  AttacheWindow *self = ATTACHE_WINDOW (widget);
  g_autoptr(AttacheSearchQuery) filter = attache_search_query_new (NULL);
  g_autofree char *value = NULL;

  if (g_str_equal (action_name, "win.search-actor"))
    {
      filter->actor_id = g_variant_get_int64 (parameter);
      if (filter->actor_id <= 0)
        return;
    }
  else
    {
      value = g_strstrip (g_variant_dup_string (parameter, NULL));
      if (value[0] == '\0')
        return;

      if (g_str_equal (action_name, "win.search-topic"))
        filter->topic = g_steal_pointer (&value);
      else if (g_str_equal (action_name, "win.search-subject"))
        filter->subject = g_steal_pointer (&value);
      else
        filter->source = g_steal_pointer (&value);
    }

  show_library_view (self);
  if (attache_search_bar_get_search_mode (self->search_bar))
    attache_search_bar_set_filter (self->search_bar, filter, NULL);
  else
    attache_search_bar_set_query (self->search_bar, filter);
}

/* Saved searches */

static void
on_saved_search_list_saved_search_activated_cb (AttacheSavedSearchList   *list,
                                                const AttacheSavedSearch *saved,
                                                AttacheWindow            *self)
{
  /* Chosen again while it is listed: nothing to do. */
  if (self->saved_query != NULL && listing_results (self) &&
      same_query (saved->query, attache_search_bar_get_query (self->search_bar)))
    return;

  g_clear_pointer (&self->saved_query, attache_search_query_free);
  self->saved_query = attache_search_query_copy (saved->query);
  attache_search_bar_set_query (self->search_bar, saved->query);
}

typedef struct
{
  AttacheWindow      *self;
  AttacheSearchQuery *query;
} SaveData;

static void
save_data_free (SaveData *data)
{
  g_clear_object (&data->self);
  g_clear_pointer (&data->query, attache_search_query_free);
  g_free (data);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SaveData, save_data_free)

static void
add_saved_search_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(SaveData) data = user_data;
  AttacheWindow *self = data->self;
  g_autoptr(GError) error = NULL;
  gint64 id;

  id = attache_library_add_saved_search_finish (ATTACHE_LIBRARY (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
      g_cancellable_is_cancelled (self->cancellable))
    return;

  if (id == 0)
    {
      show_error (self, _("Could not save the search"), error);
      return;
    }

  /* Still the search shown: it is now this saved search. */
  if (attache_search_bar_get_search_mode (self->search_bar) &&
      same_query (data->query, attache_search_bar_get_query (self->search_bar)))
    {
      g_clear_pointer (&self->saved_query, attache_search_query_free);
      self->saved_query = g_steal_pointer (&data->query);
      attache_saved_search_list_select (self->saved_search_list, id);
    }
}

static void
ask_saved_search_name_cb (GObject      *object,
                          GAsyncResult *result,
                          gpointer      user_data)
{
  g_autoptr(SaveData) data = user_data;
  AttacheWindow *self = data->self;
  g_autofree char *name = attache_compat_ask_text_finish (result, NULL);
  const AttacheSearchQuery *query;

  if (name == NULL || g_cancellable_is_cancelled (self->cancellable))
    return;

  query = data->query;
  attache_library_add_saved_search_async (self->library, name, query, self->cancellable,
                                          add_saved_search_cb, g_steal_pointer (&data));
}

static void
save_search_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  AttacheWindow *self = ATTACHE_WINDOW (widget);
  const AttacheSearchQuery *query = attache_search_bar_get_query (self->search_bar);
  GtkWidget *entry;
  SaveData *data;

  if (attache_search_query_is_empty (query))
    return;

  entry = gtk_entry_new ();
  if (query->text != NULL)
    {
      g_autofree char *words = g_strstrip (g_strdup (query->text));

      gtk_editable_set_text (GTK_EDITABLE (entry), words);
    }
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Name"), -1);

  data = g_new0 (SaveData, 1);
  data->self = g_object_ref (self);
  data->query = attache_search_query_copy (query);

  attache_compat_ask_text_async (GTK_WINDOW (self), _("Save Search"),
                                 _("The search is listed in the sidebar under this name, its results "
                                   "following the library as it changes."),
                                 GTK_ENTRY (entry), _("_Save"), NULL,
                                 self->cancellable, ask_saved_search_name_cb, data);
}

static void
on_library_actors_changed_cb (AttacheLibrary *library,
                              AttacheWindow  *self)
{
  schedule_research (self);
  forget_overview (self);
}

static void
on_library_analyses_changed_cb (AttacheLibrary *library,
                                AttacheWindow  *self)
{
  forget_overview (self);
}

static void
setup_search (AttacheWindow *self)
{
  g_object_bind_property (self->search_button, "active",
                          self->search_bar, "search-mode-enabled",
                          G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
  g_signal_connect (self->search_bar, "query-changed",
                    G_CALLBACK (on_search_bar_query_changed_cb), self);
  g_signal_connect (self->search_bar, "notify::search-mode-enabled",
                    G_CALLBACK (on_search_bar_notify_search_mode_enabled_cb), self);
  g_signal_connect (self->saved_search_list, "saved-search-activated",
                    G_CALLBACK (on_saved_search_list_saved_search_activated_cb), self);
  update_save_search_action (self);
}

/* Window state */

static void
restore_state (AttacheWindow *self)
{
  if (self->settings == NULL)
    return;

  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));

  gtk_paned_set_position (self->library_paned,
                          g_settings_get_int (self->settings, "library-pane-width"));
  self->summary_width = g_settings_get_int (self->settings, "summary-pane-width");
}

static void
save_state (AttacheWindow *self)
{
  gboolean maximized;
  int width, height;

  if (self->settings == NULL)
    return;

  g_settings_delay (self->settings);

  maximized = gtk_window_is_maximized (GTK_WINDOW (self));
  g_settings_set_boolean (self->settings, "window-maximized", maximized);
  if (!maximized)
    {
      gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
      if (width > 0 && height > 0)
        {
          g_settings_set_int (self->settings, "window-width", width);
          g_settings_set_int (self->settings, "window-height", height);
        }
    }

  /* The panes have a size only while they are shown. */
  if (gtk_widget_get_mapped (GTK_WIDGET (self->library_paned)))
    g_settings_set_int (self->settings, "library-pane-width",
                        gtk_paned_get_position (self->library_paned));
  if (gtk_widget_get_mapped (GTK_WIDGET (self->summary_pane)))
    g_settings_set_int (self->settings, "summary-pane-width",
                        gtk_widget_get_width (GTK_WIDGET (self->summary_pane)));

  g_settings_apply (self->settings);
}

/* GtkPaned keeps the size of a child it does not resize only once it has a
 * position, and a position counts from the start: the width of the summary
 * pane, on the right, is turned into a position at the paned's first
 * allocation with the pane shown. This runs inside that allocation, so the
 * pane is drawn at its width from the first frame. */
static void
on_reader_paned_notify_max_position_cb (GtkPaned      *paned,
                                        GParamSpec    *pspec,
                                        AttacheWindow *self)
{
  GtkWidget *summary_pane = GTK_WIDGET (self->summary_pane);
  int max_position, summary_min, available;

  if (self->summary_width <= 0 || !gtk_widget_get_visible (summary_pane))
    return;

  /* The paned's max-position is the width for both children less the
   * summary pane's minimum width (it does not shrink it). */
  g_object_get (paned, "max-position", &max_position, NULL);
  gtk_widget_measure (summary_pane, GTK_ORIENTATION_HORIZONTAL,
                      gtk_widget_get_height (GTK_WIDGET (paned)),
                      &summary_min, NULL, NULL, NULL);
  available = max_position + summary_min;

  gtk_paned_set_position (paned, MAX (0, available - MAX (self->summary_width, summary_min)));
  self->summary_width = 0;
}

static GSettings *
new_settings (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APP_ID, TRUE);

  if (schema == NULL)
    {
      g_debug ("The settings schema %s is not installed: the window's size will not be kept", APP_ID);
      return NULL;
    }

  return g_settings_new_full (schema, NULL, NULL);
}

/* GObject */

static gboolean
attache_window_close_request (GtkWindow *window)
{
  save_state (ATTACHE_WINDOW (window));

  return GTK_WINDOW_CLASS (attache_window_parent_class)->close_request (window);
}

static void
attache_window_unrealize (GtkWidget *widget)
{
  /* Also when the application quits without asking the window to close. */
  save_state (ATTACHE_WINDOW (widget));

  GTK_WIDGET_CLASS (attache_window_parent_class)->unrealize (widget);
}

static void
attache_window_constructed (GObject *object)
{
  AttacheWindow *self = ATTACHE_WINDOW (object);

  G_OBJECT_CLASS (attache_window_parent_class)->constructed (object);

  g_assert (self->library != NULL);

  self->settings = new_settings ();
  self->importer = attache_importer_new (self->library);
  self->refresher = attache_feed_refresher_new (self->importer);
  self->articles = attache_article_list_new (self->library);
  self->feed_filter = gtk_custom_filter_new (filter_feed_article, self, NULL);
  self->shown = gtk_filter_list_model_new (G_LIST_MODEL (g_object_ref (self->articles)), NULL);

  /* Connected around the selection model's own handler: see
   * on_selection_selection_changed_cb (). */
  g_signal_connect (self->shown, "items-changed",
                    G_CALLBACK (on_shown_items_changed_before_cb), self);
  gtk_multi_selection_set_model (self->selection, G_LIST_MODEL (self->shown));
  g_signal_connect_after (self->shown, "items-changed",
                          G_CALLBACK (on_shown_items_changed_cb), self);
  g_signal_connect_after (self->articles, "items-changed",
                          G_CALLBACK (on_articles_items_changed_cb), self);
  g_signal_connect_object (self->library, "feeds-changed",
                           G_CALLBACK (on_library_feeds_changed_cb), self, 0);
  g_signal_connect_object (self->library, "articles-changed",
                           G_CALLBACK (on_library_articles_changed_cb), self, 0);
  g_signal_connect_object (self->library, "actors-changed",
                           G_CALLBACK (on_library_actors_changed_cb), self, 0);
  g_signal_connect_object (self->library, "analyses-changed",
                           G_CALLBACK (on_library_analyses_changed_cb), self, 0);
  if (self->settings != NULL)
    g_signal_connect (self->settings, "changed::feed-refresh-interval",
                      G_CALLBACK (on_settings_feed_refresh_interval_changed_cb), self);
  g_signal_connect (self->articles, "notify::loading",
                    G_CALLBACK (on_articles_notify_loading_cb), self);
  g_signal_connect (self->articles, "notify::error",
                    G_CALLBACK (on_articles_notify_error_cb), self);
  g_signal_connect (self->selection, "selection-changed",
                    G_CALLBACK (on_selection_selection_changed_cb), self);

  attache_reader_set_library (self->reader, self->library);
  attache_summary_pane_set_library (self->summary_pane, self->library);
  attache_briefings_view_set_library (self->briefings_view, self->library);
  attache_search_bar_set_library (self->search_bar, self->library);
  attache_saved_search_list_set_library (self->saved_search_list, self->library);

  self->loaded = !attache_article_list_get_loading (self->articles);

  restore_state (self);
  show_selected_article (self);
  update_import_spinner (self);
  update_refresh_spinner (self);
  update_title (self);
  update_page (self);
  reload_feeds (self);
  schedule_refresh (self);
}

static void
remove_feed_on_close_cb (GObject      *object,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  g_autoptr(GApplication) application = user_data;
  g_autoptr(GError) error = NULL;

  /* The window is gone: the log is all that is left to tell. */
  if (!attache_library_remove_feed_finish (ATTACHE_LIBRARY (object), result, &error))
    g_warning ("Could not unsubscribe from a feed: %s", error->message);
  if (application != NULL)
    g_application_release (application);
}

static void
attache_window_dispose (GObject *object)
{
  AttacheWindow *self = ATTACHE_WINDOW (object);

  g_cancellable_cancel (self->cancellable);
  if (self->folder_cancellable != NULL)
    g_cancellable_cancel (self->folder_cancellable);
  g_clear_object (&self->folder_cancellable);
  g_queue_clear_full (&self->folders, g_object_unref);

  if (self->feed_ids_cancellable != NULL)
    g_cancellable_cancel (self->feed_ids_cancellable);
  g_clear_object (&self->feed_ids_cancellable);
  g_clear_handle_id (&self->read_timeout_id, g_source_remove);
  g_clear_handle_id (&self->refresh_timeout_id, g_source_remove);
  g_clear_handle_id (&self->research_id, g_source_remove);
  g_clear_handle_id (&self->overview_id, g_source_remove);
  if (self->search_cancellable != NULL)
    g_cancellable_cancel (self->search_cancellable);
  g_clear_object (&self->search_cancellable);
  if (self->overview_cancellable != NULL)
    g_cancellable_cancel (self->overview_cancellable);
  g_clear_object (&self->overview_cancellable);
  g_clear_pointer (&self->refresh_queue, g_array_unref);

  /* Feeds whose toast still offers Undo are gone for good; the application
   * waits for that to be written before it quits. */
  if (self->unsubscribed != NULL && self->library != NULL)
    {
      GApplication *application = g_application_get_default ();
      GHashTableIter iter;
      gpointer key;

      g_hash_table_iter_init (&iter, self->unsubscribed);
      while (g_hash_table_iter_next (&iter, &key, NULL))
        {
          if (application != NULL)
            g_application_hold (application);
          attache_library_remove_feed_async (self->library, *(gint64 *) key, NULL, remove_feed_on_close_cb,
                                             application != NULL ? g_object_ref (application) : NULL);
        }
      g_hash_table_remove_all (self->unsubscribed);
    }

  if (self->articles != NULL)
    g_signal_handlers_disconnect_by_data (self->articles, self);
  if (self->shown != NULL)
    g_signal_handlers_disconnect_by_data (self->shown, self);
  if (self->selection != NULL)
    g_signal_handlers_disconnect_by_data (self->selection, self);
  if (self->settings != NULL)
    g_signal_handlers_disconnect_by_data (self->settings, self);
  if (self->feed_list != NULL)
    g_signal_handlers_disconnect_by_data (self->feed_list, self);
  if (self->search_bar != NULL)
    g_signal_handlers_disconnect_by_data (self->search_bar, self);
  if (self->saved_search_list != NULL)
    g_signal_handlers_disconnect_by_data (self->saved_search_list, self);

  if (self->feed_menu != NULL)
    {
      gtk_widget_unparent (self->feed_menu);
      self->feed_menu = NULL;
    }
  if (self->article_menu != NULL)
    {
      gtk_widget_unparent (self->article_menu);
      self->article_menu = NULL;
    }
  if (self->reader != NULL)
    g_signal_handlers_disconnect_by_data (self->reader, self);
  if (self->briefings_view != NULL)
    g_signal_handlers_disconnect_by_data (self->briefings_view, self);

  if (self->actors_window != NULL)
    {
      g_object_remove_weak_pointer (G_OBJECT (self->actors_window), (gpointer *) &self->actors_window);
      gtk_window_destroy (GTK_WINDOW (self->actors_window));
      self->actors_window = NULL;
    }

  gtk_widget_dispose_template (GTK_WIDGET (self), ATTACHE_TYPE_WINDOW);

  g_clear_pointer (&self->deleted, g_hash_table_unref);
  g_clear_pointer (&self->feed_rows, g_hash_table_unref);
  g_clear_pointer (&self->feed_article_ids, g_hash_table_unref);
  g_clear_pointer (&self->unsubscribed, g_hash_table_unref);
  g_clear_object (&self->results);
  g_clear_pointer (&self->saved_query, attache_search_query_free);
  g_clear_pointer (&self->overview_ids, g_array_unref);
  g_clear_pointer (&self->overview, attache_overview_free);
  g_clear_pointer (&self->overview_heading, g_free);
  g_clear_object (&self->shown);
  g_clear_object (&self->feed_filter);
  g_clear_object (&self->articles);
  g_clear_object (&self->refresher);
  g_clear_object (&self->importer);
  g_clear_object (&self->analysis_runner);
  g_clear_object (&self->settings);
  g_clear_object (&self->library);

  G_OBJECT_CLASS (attache_window_parent_class)->dispose (object);
}

static void
attache_window_finalize (GObject *object)
{
  AttacheWindow *self = ATTACHE_WINDOW (object);

  /* Kept until now: callbacks that run after dispose check it to know the
   * window is gone. */
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (attache_window_parent_class)->finalize (object);
}

static void
attache_window_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  AttacheWindow *self = ATTACHE_WINDOW (object);

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
attache_window_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  AttacheWindow *self = ATTACHE_WINDOW (object);

  switch (prop_id)
    {
    case PROP_LIBRARY:
      self->library = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
attache_window_class_init (AttacheWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = attache_window_constructed;
  object_class->dispose = attache_window_dispose;
  object_class->finalize = attache_window_finalize;
  object_class->get_property = attache_window_get_property;
  object_class->set_property = attache_window_set_property;

  widget_class->unrealize = attache_window_unrealize;

  window_class->close_request = attache_window_close_request;

  properties[PROP_LIBRARY] =
    g_param_spec_object ("library", NULL, NULL,
                         ATTACHE_TYPE_LIBRARY,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (ATTACHE_TYPE_ARTICLE_ROW);
  g_type_ensure (ATTACHE_TYPE_READER);
  g_type_ensure (ATTACHE_TYPE_SUMMARY_PANE);
  g_type_ensure (ATTACHE_TYPE_BRIEFINGS_VIEW);
  g_type_ensure (ATTACHE_TYPE_SEARCH_BAR);
  g_type_ensure (ATTACHE_TYPE_SAVED_SEARCH_LIST);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/attache/Attache/attache-window.ui");
  gtk_widget_class_bind_template_child (widget_class, AttacheWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, AttacheWindow, import_spinner);
  gtk_widget_class_bind_template_child (widget_class, AttacheWindow, progress_revealer);
  gtk_widget_class_bind_template_child (widget_class, AttacheWindow, progress_label);
  gtk_widget_class_bind_template_child (widget_class, AttacheWindow, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, AttacheWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, AttacheWindow, drop_area);
  gtk_widget_class_bind_template_child (widget_class, AttacheWindow, delete_button);
  gtk_widget_class_bind_template_child (widget_class, AttacheWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, AttacheWindow, empty_page);
  gtk_widget_class_bind_template_child (widget_class, AttacheWindow, empty_import_button);
  gtk_widget_class_bind_template_child (widget_class, AttacheWindow, library_paned);
  gtk_widget_class_bind_template_child (widget_class, AttacheWindow, reader_paned);
  gtk_widget_class_bind_template_child (widget_class, AttacheWindow, article_list_view);
  gtk_widget_class_bind_template_child (widget_class, AttacheWindow, selection);
  gtk_widget_class_bind_template_child (widget_class, AttacheWindow, reader);
  gtk_widget_class_bind_template_child (widget_class, AttacheWindow, summary_pane);
  gtk_widget_class_bind_template_child (widget_class, AttacheWindow, feeds_revealer);
  gtk_widget_class_bind_template_child (widget_class, AttacheWindow, feed_list);
  gtk_widget_class_bind_template_child (widget_class, AttacheWindow, all_articles_row);
  gtk_widget_class_bind_template_child (widget_class, AttacheWindow, refresh_stack);
  gtk_widget_class_bind_template_child (widget_class, AttacheWindow, refresh_spinner);
  gtk_widget_class_bind_template_child (widget_class, AttacheWindow, search_bar);
  gtk_widget_class_bind_template_child (widget_class, AttacheWindow, search_button);
  gtk_widget_class_bind_template_child (widget_class, AttacheWindow, saved_search_list);
  gtk_widget_class_bind_template_child (widget_class, AttacheWindow, list_stack);
  gtk_widget_class_bind_template_child (widget_class, AttacheWindow, no_results_page);
  gtk_widget_class_bind_template_child_full (widget_class, "refresh_button", FALSE, 0);
  gtk_widget_class_bind_template_child (widget_class, AttacheWindow, view_stack);
  gtk_widget_class_bind_template_child (widget_class, AttacheWindow, briefings_view);
  gtk_widget_class_bind_template_child (widget_class, AttacheWindow, import_button);
  gtk_widget_class_bind_template_child (widget_class, AttacheWindow, new_briefing_button);
  gtk_widget_class_bind_template_child (widget_class, AttacheWindow, briefing_menu_button);
  /* Not kept, but there for the tests to find. */
  gtk_widget_class_bind_template_child_full (widget_class, "view_switcher", FALSE, 0);
  gtk_widget_class_bind_template_child_full (widget_class, "progress_cancel_button", FALSE, 0);
  gtk_widget_class_bind_template_child_full (widget_class, "drop_highlight", FALSE, 0);

  gtk_widget_class_bind_template_callback (widget_class, on_reader_paned_notify_max_position_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_view_stack_notify_visible_child_cb);

  gtk_widget_class_install_action (widget_class, "win.import", NULL, import_action);
  gtk_widget_class_install_action (widget_class, "win.import-folder", NULL, import_folder_action);
  gtk_widget_class_install_action (widget_class, "win.import-url", NULL, import_url_action);
  gtk_widget_class_install_action (widget_class, "win.cancel-import", NULL, cancel_import_action);
  /* Its shortcut, Ctrl+V, is the list's own: see attache-window.ui. */
  gtk_widget_class_install_action (widget_class, "win.paste", NULL, paste_action);
  gtk_widget_class_install_action (widget_class, "win.delete", NULL, delete_action);
  gtk_widget_class_install_action (widget_class, "win.undo-delete", "x", undo_delete_action);
  gtk_widget_class_install_action (widget_class, "win.show-article", "x", show_article_action);
  gtk_widget_class_install_action (widget_class, "win.subscribe-feed", NULL, subscribe_feed_action);
  gtk_widget_class_install_action (widget_class, "win.refresh-feeds", NULL, refresh_feeds_action);
  gtk_widget_class_install_action (widget_class, "win.unsubscribe-feed", "x", unsubscribe_feed_action);
  gtk_widget_class_install_action (widget_class, "win.set-feed-full-articles", "(xb)",
                                   set_feed_full_articles_action);
  gtk_widget_class_install_action (widget_class, "win.import-subscriptions", NULL,
                                   import_subscriptions_action);
  gtk_widget_class_install_action (widget_class, "win.export-subscriptions", NULL,
                                   export_subscriptions_action);
  gtk_widget_class_install_action (widget_class, "win.undo-unsubscribe-feed", "x",
                                   undo_unsubscribe_feed_action);
  /* Their parameter: a briefing's id, 0 for the one last used, -1 for a new one. */
  gtk_widget_class_install_action (widget_class, "win.add-excerpt-to-briefing", "x",
                                   add_excerpt_to_briefing_action);
  gtk_widget_class_install_action (widget_class, "win.add-article-to-briefing", "x",
                                   add_article_to_briefing_action);
  gtk_widget_class_install_action (widget_class, "win.add-actors-to-briefing", "x",
                                   add_actors_to_briefing_action);
  gtk_widget_class_install_action (widget_class, "win.show-actors", NULL, show_actors_action);
  gtk_widget_class_install_action (widget_class, "win.find", NULL, find_action);
  gtk_widget_class_install_action (widget_class, "win.search-actor", "x", search_filter_action);
  gtk_widget_class_install_action (widget_class, "win.search-topic", "s", search_filter_action);
  gtk_widget_class_install_action (widget_class, "win.search-subject", "s", search_filter_action);
  gtk_widget_class_install_action (widget_class, "win.search-source", "s", search_filter_action);
  gtk_widget_class_install_action (widget_class, "win.save-search", NULL, save_search_action);
  gtk_widget_class_install_action (widget_class, "win.show-overview-network", NULL, show_overview_network_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK, "win.import", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.import-folder", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_l, GDK_CONTROL_MASK, "win.import-url", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F5, 0, "win.refresh-feeds", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_r, GDK_CONTROL_MASK, "win.refresh-feeds", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.add-excerpt-to-briefing", "x", (gint64) 0);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_b, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.add-article-to-briefing", "x", (gint64) 0);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK, "briefings.new", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "win.find", NULL);
}

static void
attache_window_init (AttacheWindow *self)
{
  self->cancellable = g_cancellable_new ();
  self->summary_width = 320;
  self->deleted = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_object_unref);
  self->feed_rows = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  self->feed_article_ids = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  self->unsubscribed = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);

  gtk_widget_init_template (GTK_WIDGET (self));
  setup_feed_list (self);
  setup_briefings (self);
  setup_search (self);

  /* Files, folders and web addresses dropped anywhere on the library. In the
   * capture phase: the reader's text view would take a drop of text (and of
   * files, which can be read as text) and, being read-only, do nothing. */
  {
    GType types[] = { GDK_TYPE_FILE_LIST, G_TYPE_STRING };
    GtkDropTarget *target = gtk_drop_target_new (G_TYPE_INVALID, GDK_ACTION_COPY);

    gtk_drop_target_set_gtypes (target, types, G_N_ELEMENTS (types));
    gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (target), GTK_PHASE_CAPTURE);
    g_signal_connect (target, "accept", G_CALLBACK (on_drop_target_accept_cb), self);
    g_signal_connect (target, "drop", G_CALLBACK (on_drop_target_drop_cb), self);
    gtk_widget_add_controller (self->drop_area, GTK_EVENT_CONTROLLER (target));
  }

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.cancel-import", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.show-overview-network", FALSE);
}

AttacheWindow *
attache_window_new (AttacheApplication *application,
                    AttacheLibrary     *library)
{
  g_return_val_if_fail (ATTACHE_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (ATTACHE_IS_LIBRARY (library), NULL);

  return g_object_new (ATTACHE_TYPE_WINDOW,
                       "application", application,
                       "library", library,
                       NULL);
}

AttacheLibrary *
attache_window_get_library (AttacheWindow *self)
{
  g_return_val_if_fail (ATTACHE_IS_WINDOW (self), NULL);

  return self->library;
}

void
attache_window_set_analysis_runner (AttacheWindow         *self,
                                    AttacheAnalysisRunner *runner)
{
  g_return_if_fail (ATTACHE_IS_WINDOW (self));
  g_return_if_fail (runner == NULL || ATTACHE_IS_ANALYSIS_RUNNER (runner));

  if (!g_set_object (&self->analysis_runner, runner))
    return;

  attache_summary_pane_set_analysis_runner (self->summary_pane, runner);
}

void
attache_window_import_files (AttacheWindow  *self,
                             GFile         **files,
                             guint           n_files)
{
  g_autoptr(ImportData) data = NULL;

  g_return_if_fail (ATTACHE_IS_WINDOW (self));
  g_return_if_fail (files != NULL || n_files == 0);

  if (n_files == 0)
    return;

  data = g_new0 (ImportData, 1);
  data->self = g_object_ref (self);

  /* The header's spinner shows the work. (No "Importing…" toast: a toast
   * dismissed as soon as it is shown crashes libadwaita 1.2's animation.) */
  self->n_imports++;
  update_import_spinner (self);

  attache_importer_import_files_async (self->importer, files, n_files,
                                       self->cancellable, import_files_cb,
                                       g_steal_pointer (&data));
}

static void
show_all_articles (AttacheWindow *self)
{
  gtk_list_box_select_row (self->feed_list, self->all_articles_row);
}

void
attache_window_select_article (AttacheWindow *self,
                               gint64         id)
{
  guint position;

  g_return_if_fail (ATTACHE_IS_WINDOW (self));

  position = find_shown (self, id);

  /* In the library but not in the search's results: the search ends. */
  if (position == G_MAXUINT && listing_results (self) &&
      attache_article_list_find (self->articles, id) != G_MAXUINT)
    {
      attache_search_bar_set_search_mode (self->search_bar, FALSE);
      position = find_shown (self, id);
    }

  /* In the library but not in the feed selected: all articles, then. */
  if (position == G_MAXUINT && self->selected_feed_id != 0 &&
      attache_article_list_find (self->articles, id) != G_MAXUINT)
    {
      show_all_articles (self);
      position = find_shown (self, id);
    }

  if (position == G_MAXUINT)
    {
      self->pending_select_id = id;
      return;
    }

  self->pending_select_id = 0;
  select_position (self, position);
}

void
attache_window_import_folder (AttacheWindow *self,
                              GFile         *folder)
{
  g_return_if_fail (ATTACHE_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (folder));

  g_queue_push_tail (&self->folders, g_object_ref (folder));
  start_folder_import (self);
}

void
attache_window_import_url (AttacheWindow *self,
                           const char    *url)
{
  g_return_if_fail (ATTACHE_IS_WINDOW (self));
  g_return_if_fail (url != NULL);

  import_urls (self, &url, 1);
}

void
attache_window_subscribe_feed (AttacheWindow *self,
                               const char    *url)
{
  g_autofree char *stripped = NULL;

  g_return_if_fail (ATTACHE_IS_WINDOW (self));
  g_return_if_fail (url != NULL);

  stripped = g_strstrip (g_strdup (url));

  self->n_imports++;
  update_import_spinner (self);

  attache_feed_refresher_subscribe_async (self->refresher, stripped, FALSE, self->cancellable,
                                          subscribe_cb, g_object_ref (self));
}

void
attache_window_import_opml (AttacheWindow *self,
                            GFile         *file)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (ATTACHE_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  self->n_imports++;
  update_import_spinner (self);

  task = g_task_new (self->refresher, self->cancellable, import_opml_cb, g_object_ref (self));
  g_task_set_source_tag (task, attache_window_import_opml);
  g_task_set_task_data (task, g_object_ref (file), g_object_unref);
  g_task_run_in_thread (task, import_opml_worker);
}

void
attache_window_export_opml (AttacheWindow *self,
                            GFile         *file)
{
  g_autoptr(GTask) task = NULL;
  ExportData *data;

  g_return_if_fail (ATTACHE_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  data = g_new0 (ExportData, 1);
  data->file = g_object_ref (file);

  task = g_task_new (self->refresher, self->cancellable, export_opml_cb, g_object_ref (self));
  g_task_set_source_tag (task, attache_window_export_opml);
  g_task_set_task_data (task, data, (GDestroyNotify) export_data_free);
  g_task_run_in_thread (task, export_opml_worker);
}

void
attache_window_refresh_feeds (AttacheWindow *self)
{
  g_return_if_fail (ATTACHE_IS_WINDOW (self));

  refresh_feeds (self, TRUE);
}

gint64
attache_window_get_next_feed_refresh (AttacheWindow *self)
{
  g_return_val_if_fail (ATTACHE_IS_WINDOW (self), 0);

  return self->next_refresh_time;
}
