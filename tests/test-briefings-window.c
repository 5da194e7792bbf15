/* test-briefings-window.c: the Briefings view of the real main window, under Xvfb
 *
 * Drives the window as a person would, through its actions and widgets:
 * creates a briefing, fills in its title page, adds sections and notes,
 * quotes a passage selected in the reader, adds articles from the library,
 * moves blocks and sections with the keyboard's actions and by dropping,
 * deletes and undoes, exports; and after each step reads the library file
 * through a second connection to check what was written. Renders the view to
 * briefings.png in G_TEST_BUILDDIR for a person to look at.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <adwaita.h>
#include <glib/gstdio.h>

#include "attache-application.h"
#include "attache-briefing-block-row.h"
#include "attache-briefing-editor.h"
#include "attache-briefing-preview.h"
#include "attache-briefing-section-row.h"
#include "attache-briefing-store.h"
#include "attache-briefings-view-private.h"
#include "attache-database.h"
#include "attache-library.h"
#include "attache-preferences-page.h"
#include "attache-reader.h"
#include "attache-summary-pane.h"
#include "attache-window.h"

#include "test-helpers.h"
#include "test-ui-helpers.h"

#ifdef HAVE_POPPLER
#include <poppler.h>
#endif

#define WAIT_SECONDS 10

/* Fictional articles written for these tests. Names with letters outside
 * ASCII come before the passages quoted, so that a character offset and a
 * byte offset differ. */

#define HARBOUR_FIRST \
  "Dock workers in Valmora and Ålesund stopped work on Tuesday. Минск, Łódź and " \
  "Zürich sent observers."
#define HARBOUR_QUOTE \
  "The union said the strike would last until the port authority withdrew its plan " \
  "to automate two of the five container terminals."
#define HARBOUR_SECOND \
  "By the afternoon some thirty vessels were waiting at anchor outside the breakwater."

static const char harbour_strike[] =
  "date 2024-04-02 " HARBOUR_FIRST " " HARBOUR_QUOTE "\n"
  "\n"
  HARBOUR_SECOND " Shipping agents warned that perishable cargo would start to spoil "
  "within days.\n"
  "\n"
  "Transport Minister Ilse Marran of Norland called for talks to resume on Thursday. "
  "Marran said the government would not use the navy to move cargo.\n";

static const char grain_corridor[] =
  "---\n"
  "source: Northern Ledger\n"
  "author: Petra Lindqvist\n"
  "date: 2024-03-28\n"
  "url: https://ledger.example/grain-corridor\n"
  "---\n"
  "# Ministers Agree on a Grain Corridor Through the Kessel Strait\n"
  "\n"
  "Foreign ministers from four coastal states agreed on Thursday to open a protected "
  "shipping lane for grain through the Kessel Strait, after three months of talks.\n"
  "\n"
  "Farmers' groups welcomed the deal but said storage silos inland were already full.\n";

typedef struct
{
  char           *dir;
  char           *path;
  AttacheLibrary *library;   /* the window's */
  AttacheLibrary *check;     /* a second connection to the same file, to check it */
  AttacheWindow  *window;
} Fixture;

/* The window's parts */

#define window_child(fixture, name) \
  get_child (ATTACHE_TYPE_WINDOW, GTK_WIDGET ((fixture)->window), (name))

static AttacheBriefingsView *
get_view (Fixture *fixture)
{
  return window_child (fixture, "briefings_view");
}

static AttacheBriefingEditor *
get_editor (Fixture *fixture)
{
  return get_child (ATTACHE_TYPE_BRIEFINGS_VIEW, GTK_WIDGET (get_view (fixture)), "editor");
}

#define editor_child(fixture, name) \
  get_child (ATTACHE_TYPE_BRIEFING_EDITOR, GTK_WIDGET (get_editor (fixture)), (name))

static gboolean
view_busy (Fixture *fixture)
{
  return attache_briefings_view_get_busy (get_view (fixture));
}

/* Lets every write be written and read back, and the window catch up. */
static void
settle (Fixture *fixture)
{
  wait_until (!view_busy (fixture));
  wait_for_frames (GTK_WIDGET (fixture->window), 2);
  wait_until (!view_busy (fixture));
}

static void
show_briefings (Fixture *fixture)
{
  AdwViewStack *stack = window_child (fixture, "view_stack");

  adw_view_stack_set_visible_child_name (stack, "briefings");
  wait_for_frames (GTK_WIDGET (fixture->window), 2);
}

static void
activate (GtkWidget  *widget,
          const char *action,
          GVariant   *parameter)
{
  g_assert_true (gtk_widget_activate_action_variant (widget, action, parameter));
}

/* The section rows, in order. */
static GPtrArray *
list_section_rows (Fixture *fixture)
{
  GtkWidget *box = editor_child (fixture, "sections_box");
  GPtrArray *rows = g_ptr_array_new ();

  for (GtkWidget *child = gtk_widget_get_first_child (box); child != NULL; child = gtk_widget_get_next_sibling (child))
    g_ptr_array_add (rows, child);

  return rows;
}

static AttacheBriefingSectionRow *
get_section_row (Fixture *fixture,
                 guint    index)
{
  g_autoptr(GPtrArray) rows = list_section_rows (fixture);

  g_assert_cmpuint (index, <, rows->len);
  return rows->pdata[index];
}

static AttacheBriefingBlockRow *
get_block_row (AttacheBriefingSectionRow *section,
               guint                      index)
{
  GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (attache_briefing_section_row_get_blocks (section)));

  for (guint i = 0; child != NULL && i < index; i++)
    child = gtk_widget_get_next_sibling (child);

  g_assert_nonnull (child);
  return ATTACHE_BRIEFING_BLOCK_ROW (child);
}

static GtkTextView *
find_text_view (GtkWidget *widget)
{
  if (GTK_IS_TEXT_VIEW (widget))
    return GTK_TEXT_VIEW (widget);

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkTextView *found = find_text_view (child);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static GtkEntry *
find_entry (GtkWidget *widget)
{
  if (GTK_IS_ENTRY (widget))
    return GTK_ENTRY (widget);

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkEntry *found = find_entry (child);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* A mapped button with @label under @widget (a toast's Undo). */
static GtkWidget *
find_button (GtkWidget  *widget,
             const char *label)
{
  if (GTK_IS_BUTTON (widget) && gtk_widget_get_mapped (widget) &&
      g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0)
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_button (child, label);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static GtkWidget *
find_button_by_icon (GtkWidget  *widget,
                     const char *icon_name)
{
  if (GTK_IS_BUTTON (widget) && gtk_widget_get_mapped (widget) &&
      g_strcmp0 (gtk_button_get_icon_name (GTK_BUTTON (widget)), icon_name) == 0)
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_button_by_icon (child, icon_name);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static gboolean
find_label (GtkWidget  *widget,
            const char *text)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_get_mapped (widget) &&
      strstr (gtk_label_get_text (GTK_LABEL (widget)), text) != NULL)
    return TRUE;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    if (find_label (child, text))
      return TRUE;

  return FALSE;
}

/* A window other than the main one, shown, or NULL. */
static GtkWidget *
find_other_window (Fixture *fixture)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  GtkWidget *found = NULL;

  for (guint i = 0; i < g_list_model_get_n_items (toplevels) && found == NULL; i++)
    {
      g_autoptr(GtkWidget) window = g_list_model_get_item (toplevels, i);

      if (window != GTK_WIDGET (fixture->window) && gtk_widget_get_visible (window))
        found = window;
    }

  return found;
}

/* A window other than the main one showing @text, or NULL. */
static GtkWidget *
find_dialog (Fixture    *fixture,
             const char *text)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  GtkWidget *found = NULL;

  for (guint i = 0; i < g_list_model_get_n_items (toplevels) && found == NULL; i++)
    {
      g_autoptr(GtkWidget) window = g_list_model_get_item (toplevels, i);

      if (window != GTK_WIDGET (fixture->window) && gtk_widget_get_visible (window) &&
          find_label (window, text))
        found = window;
    }

  return found;
}

/* Closes the toasts shown and waiting. */
static void
dismiss_toasts (Fixture *fixture)
{
  GtkWidget *overlay = window_child (fixture, "toast_overlay");
  GtkWidget *button;

  while ((button = find_button_by_icon (overlay, "window-close-symbolic")) != NULL)
    {
      g_signal_emit_by_name (button, "clicked");
      wait_for_frames (GTK_WIDGET (fixture->window), 20);
    }
}

static void
press_toast_button (Fixture    *fixture,
                    const char *label)
{
  GtkWidget *overlay = window_child (fixture, "toast_overlay");
  GtkWidget *button = NULL;

  wait_until ((button = find_button (overlay, label)) != NULL);
  g_signal_emit_by_name (button, "clicked");
}

static void
set_text_view_text (GtkTextView *view,
                    const char  *text)
{
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (view), text, -1);
}

/* The library file, through the second connection */

static GPtrArray *
list_briefings (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *briefings = attache_library_list_briefings (fixture->check, &error);

  g_assert_no_error (error);
  return briefings;
}

static AttacheBriefing *
load_briefing (Fixture *fixture,
               gint64   id)
{
  g_autoptr(GError) error = NULL;
  AttacheBriefing *briefing = attache_library_load_briefing (fixture->check, id, &error);

  g_assert_no_error (error);
  return briefing;
}

static AttacheBriefing *
load_selected (Fixture *fixture)
{
  gint64 id = attache_briefings_view_get_selected (get_view (fixture));

  g_assert_cmpint (id, !=, 0);
  return load_briefing (fixture, id);
}

static guint
n_stored_briefings (Fixture *fixture)
{
  g_autoptr(GPtrArray) briefings = list_briefings (fixture);

  return briefings->len;
}

static AttacheBriefingSection *
stored_section (AttacheBriefing *briefing,
                guint            index)
{
  g_assert_cmpuint (index, <, briefing->sections->len);
  return briefing->sections->pdata[index];
}

static AttacheBriefingBlock *
stored_block (AttacheBriefing *briefing,
              guint            section,
              guint            index)
{
  AttacheBriefingSection *s = stored_section (briefing, section);

  g_assert_cmpuint (index, <, s->blocks->len);
  return s->blocks->pdata[index];
}

/* The texts of the blocks of section @section, joined with "|". */
static char *
dup_stored_texts (Fixture *fixture,
                  guint    section)
{
  g_autoptr(AttacheBriefing) briefing = load_selected (fixture);
  g_autoptr(GString) texts = g_string_new (NULL);
  AttacheBriefingSection *s;

  if (section >= briefing->sections->len)
    return g_strdup ("(none)");

  s = briefing->sections->pdata[section];
  for (guint i = 0; i < s->blocks->len; i++)
    {
      AttacheBriefingBlock *block = s->blocks->pdata[i];

      if (i > 0)
        g_string_append_c (texts, '|');
      g_string_append (texts, block->text != NULL ? block->text :
                              block->source.title != NULL ? block->source.title : "?");
    }

  return g_string_free (g_steal_pointer (&texts), FALSE);
}

static gboolean
stored_texts_are (Fixture    *fixture,
                  guint       section,
                  const char *expected)
{
  g_autofree char *texts = dup_stored_texts (fixture, section);

  return g_str_equal (texts, expected);
}

static guint
n_stored_sections (Fixture *fixture,
                   gint64   briefing_id)
{
  g_autoptr(AttacheBriefing) briefing = NULL;

  briefing = briefing_id != 0 ? load_briefing (fixture, briefing_id) : load_selected (fixture);
  return briefing->sections->len;
}

/* The number of blocks in section @section; G_MAXUINT when there is no such section. */
static guint
n_stored_blocks (Fixture *fixture,
                 gint64   briefing_id,
                 guint    section)
{
  g_autoptr(AttacheBriefing) briefing = NULL;

  briefing = briefing_id != 0 ? load_briefing (fixture, briefing_id) : load_selected (fixture);
  if (section >= briefing->sections->len)
    return G_MAXUINT;
  return ((AttacheBriefingSection *) briefing->sections->pdata[section])->blocks->len;
}

static gboolean
stored_heading_is (Fixture    *fixture,
                   guint       section,
                   const char *heading)
{
  g_autoptr(AttacheBriefing) briefing = load_selected (fixture);

  return section < briefing->sections->len &&
         g_strcmp0 (stored_section (briefing, section)->heading, heading) == 0;
}

static gboolean
stored_title_is (Fixture    *fixture,
                 const char *title)
{
  g_autoptr(AttacheBriefing) briefing = load_selected (fixture);

  return g_strcmp0 (briefing->title, title) == 0;
}

/* Articles */

static GFile *
write_file (Fixture    *fixture,
            const char *name,
            const char *contents)
{
  g_autofree char *path = g_build_filename (fixture->dir, name, NULL);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);

  return g_file_new_for_path (path);
}

static GListModel *
get_articles (Fixture *fixture)
{
  return G_LIST_MODEL (gtk_list_view_get_model (window_child (fixture, "article_list_view")));
}

/* Imports the two articles; returns the id of the harbour strike's. */
static gint64
import_articles (Fixture *fixture)
{
  GFile *files[2];
  g_autoptr(GPtrArray) all = NULL;
  gint64 id = 0;

  files[0] = write_file (fixture, "harbour-strike.txt", harbour_strike);
  files[1] = write_file (fixture, "grain-corridor.md", grain_corridor);
  attache_window_import_files (fixture->window, files, 2);
  wait_until (g_list_model_get_n_items (get_articles (fixture)) == 2);
  g_object_unref (files[0]);
  g_object_unref (files[1]);

  all = attache_library_list_articles (fixture->check, NULL);
  for (guint i = 0; i < all->len; i++)
    if (g_str_has_prefix (attache_article_get_title (all->pdata[i]), "Dock workers"))
      id = attache_article_get_id (all->pdata[i]);

  g_assert_cmpint (id, !=, 0);
  return id;
}

static gint64
find_article (Fixture    *fixture,
              const char *title_prefix)
{
  g_autoptr(GPtrArray) all = attache_library_list_articles (fixture->check, NULL);

  for (guint i = 0; i < all->len; i++)
    if (g_str_has_prefix (attache_article_get_title (all->pdata[i]), title_prefix))
      return attache_article_get_id (all->pdata[i]);

  g_assert_not_reached ();
}

static GtkTextBuffer *
get_reader_buffer (Fixture *fixture)
{
  AttacheReader *reader = window_child (fixture, "reader");
  GtkTextView *text_view = get_child (ATTACHE_TYPE_READER, GTK_WIDGET (reader), "text_view");

  return gtk_text_view_get_buffer (text_view);
}

/* Selects in the reader from the start of @first to the end of @last. */
static void
select_in_reader (Fixture    *fixture,
                  const char *first,
                  const char *last)
{
  GtkTextBuffer *buffer = get_reader_buffer (fixture);
  GtkTextIter start, from, unused, to;

  gtk_text_buffer_get_start_iter (buffer, &start);
  g_assert_true (gtk_text_iter_forward_search (&start, first, 0, &from, &unused, NULL));
  g_assert_true (gtk_text_iter_forward_search (&from, last, 0, &unused, &to, NULL));
  gtk_text_buffer_select_range (buffer, &from, &to);
}

/* Where @passage is in the article's text, in Unicode characters. */
static void
find_passage (Fixture    *fixture,
              gint64      article_id,
              const char *first,
              const char *last,
              guint      *from,
              guint      *to)
{
  g_autoptr(AttacheArticle) article = attache_library_get_article (fixture->check, article_id, NULL);
  const char *text = attache_article_get_text (article);
  const char *start = strstr (text, first);
  const char *end;

  g_assert_nonnull (start);
  end = strstr (start, last);
  g_assert_nonnull (end);
  *from = g_utf8_pointer_to_offset (text, start);
  *to = g_utf8_pointer_to_offset (text, end + strlen (last));
  /* Not in ASCII: the offsets count characters, not bytes. */
  g_assert_cmpint (*from, <, start - text);
}

/* Fixture */

static void
fixture_open_window (Fixture *fixture)
{
  fixture->window = attache_window_new (get_application (), fixture->library);
  gtk_window_present (GTK_WINDOW (fixture->window));

  wait_until (g_strcmp0 (gtk_stack_get_visible_child_name (window_child (fixture, "stack")), "loading") != 0);
  settle (fixture);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = test_tmpdir_new ();
  fixture->path = g_build_filename (fixture->dir, "library.db", NULL);
  fixture->library = attache_library_open (fixture->path, &error);
  g_assert_no_error (error);
  fixture->check = attache_library_open (fixture->path, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  if (fixture->window != NULL)
    {
      gtk_window_destroy (GTK_WINDOW (fixture->window));
      while (g_main_context_iteration (NULL, FALSE))
        ;
    }

  g_clear_object (&fixture->check);
  g_clear_object (&fixture->library);
  g_clear_pointer (&fixture->path, g_free);
  g_clear_pointer (&fixture->dir, test_tmpdir_free);
}

/* Creates a briefing through the window, as briefings.new does, and waits
 * for it to be open. */
static void
new_briefing (Fixture *fixture)
{
  guint n = n_stored_briefings (fixture);

  activate (GTK_WIDGET (fixture->window), "briefings.new", NULL);
  wait_until (n_stored_briefings (fixture) == n + 1);
  wait_until (attache_briefings_view_get_n_briefings (get_view (fixture)) == n + 1);
  settle (fixture);
  g_assert_cmpint (attache_briefings_view_get_selected (get_view (fixture)), !=, 0);
}

/* Adds a section and types its heading. */
static AttacheBriefingSectionRow *
add_section (Fixture    *fixture,
             const char *heading)
{
  g_autoptr(GPtrArray) before = list_section_rows (fixture);
  g_autoptr(GPtrArray) after = NULL;
  AttacheBriefingSectionRow *row;

  activate (GTK_WIDGET (get_editor (fixture)), "editor.add-section", NULL);
  settle (fixture);
  after = list_section_rows (fixture);
  g_assert_cmpuint (after->len, ==, before->len + 1);
  row = after->pdata[after->len - 1];

  gtk_editable_set_text (GTK_EDITABLE (find_entry (GTK_WIDGET (row))), heading);
  return row;
}

/* Adds a note at the end of @section and types @text in it. */
static AttacheBriefingBlockRow *
add_note (Fixture                   *fixture,
          AttacheBriefingSectionRow *section,
          const char                *text)
{
  GtkWidget *blocks = GTK_WIDGET (attache_briefing_section_row_get_blocks (section));
  AttacheBriefingBlockRow *row;

  activate (GTK_WIDGET (section), "section.add-note", NULL);
  row = ATTACHE_BRIEFING_BLOCK_ROW (gtk_widget_get_last_child (blocks));
  g_assert_cmpint (attache_briefing_block_row_get_id (row), ==, 0);
  set_text_view_text (find_text_view (GTK_WIDGET (row)), text);
  wait_until (attache_briefing_block_row_get_id (row) != 0);
  settle (fixture);

  return row;
}

/* A PDF's text, page by page (NULL without poppler); its page size. */
static GPtrArray *
read_pdf (const char *path,
          double     *width,
          double     *height)
{
#ifdef HAVE_POPPLER
  g_autofree char *uri = g_filename_to_uri (path, NULL, NULL);
  g_autoptr(GError) error = NULL;
  PopplerDocument *document = poppler_document_new_from_file (uri, NULL, &error);
  GPtrArray *pages;

  g_assert_no_error (error);
  pages = g_ptr_array_new_with_free_func (g_free);
  for (int i = 0; i < poppler_document_get_n_pages (document); i++)
    {
      PopplerPage *page = poppler_document_get_page (document, i);

      if (i == 0)
        poppler_page_get_size (page, width, height);
      g_ptr_array_add (pages, poppler_page_get_text (page));
      g_object_unref (page);
    }
  g_object_unref (document);

  return pages;
#else
  g_test_message ("poppler-glib is missing: %s is not read back", path);
  return NULL;
#endif
}

static guint
preview_n_pages (Fixture *fixture)
{
  return attache_briefing_preview_get_n_pages (get_child (ATTACHE_TYPE_BRIEFINGS_VIEW,
                                                          GTK_WIDGET (get_view (fixture)), "preview"));
}

static guint
preview_n_shown (Fixture *fixture)
{
  return attache_briefing_preview_get_n_shown (get_child (ATTACHE_TYPE_BRIEFINGS_VIEW,
                                                          GTK_WIDGET (get_view (fixture)), "preview"));
}

/* Tests */

/* Creating a briefing and filling in its title page: each field is in the
 * library file once the typing pauses, without a Save button. */
static void
test_create (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(AttacheBriefing) stored = NULL;
  GtkStack *stack;

  fixture_open_window (fixture);
  show_briefings (fixture);

  stack = get_child (ATTACHE_TYPE_BRIEFINGS_VIEW, GTK_WIDGET (get_view (fixture)), "stack");
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "empty");
  g_assert_cmpstr (adw_window_title_get_subtitle (window_child (fixture, "window_title")), ==, "0 briefings");
  g_assert_true (gtk_widget_get_visible (window_child (fixture, "new_briefing_button")));
  g_assert_false (gtk_widget_get_visible (window_child (fixture, "import_button")));

  new_briefing (fixture);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "briefings");
  g_assert_cmpstr (adw_window_title_get_subtitle (window_child (fixture, "window_title")), ==, "1 briefing");
  g_assert_true (stored_title_is (fixture, "Untitled Briefing"));
  /* The title is ready to be typed over. */
  {
    GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (fixture->window));

    g_assert_nonnull (focus);
    g_assert_true (gtk_widget_is_ancestor (focus, editor_child (fixture, "title_row")));
  }

  gtk_editable_set_text (GTK_EDITABLE (editor_child (fixture, "title_row")), "Valmora Port Strike");
  gtk_editable_set_text (GTK_EDITABLE (editor_child (fixture, "subtitle_row")), "Week 15 situation report");
  gtk_editable_set_text (GTK_EDITABLE (editor_child (fixture, "author_row")), "Desk Officer Nørgaard");
  gtk_editable_set_text (GTK_EDITABLE (editor_child (fixture, "audience_row")), "Ministerial cabinet");
  gtk_editable_set_text (GTK_EDITABLE (editor_child (fixture, "marking_row")), "OFFICIAL-SENSITIVE");
  gtk_editable_set_text (GTK_EDITABLE (editor_child (fixture, "date_row")), "2024-04-12");
  set_text_view_text (editor_child (fixture, "summary_view"),
                      "The strike will **last into May**; grain exports are at risk.");
  wait_until (stored_title_is (fixture, "Valmora Port Strike"));

  stored = load_selected (fixture);
  g_assert_cmpstr (stored->subtitle, ==, "Week 15 situation report");
  g_assert_cmpstr (stored->author, ==, "Desk Officer Nørgaard");
  g_assert_cmpstr (stored->audience, ==, "Ministerial cabinet");
  g_assert_cmpstr (stored->marking, ==, "OFFICIAL-SENSITIVE");
  g_assert_cmpstr (stored->date, ==, "2024-04-12");
  g_assert_cmpstr (stored->summary, ==, "The strike will **last into May**; grain exports are at risk.");
  g_assert_cmpint (stored->status, ==, ATTACHE_BRIEFING_DRAFT);
  g_clear_pointer (&stored, attache_briefing_free);

  /* Final: at once. */
  adw_combo_row_set_selected (editor_child (fixture, "status_row"), 1);
  settle (fixture);
  stored = load_selected (fixture);
  g_assert_cmpint (stored->status, ==, ATTACHE_BRIEFING_FINAL);
  g_clear_pointer (&stored, attache_briefing_free);

  /* A day that does not exist is shown as wrong, and not stored; nor is a
   * blank title. */
  gtk_editable_set_text (GTK_EDITABLE (editor_child (fixture, "date_row")), "2024-02-30");
  gtk_editable_set_text (GTK_EDITABLE (editor_child (fixture, "title_row")), "   ");
  gtk_editable_set_text (GTK_EDITABLE (editor_child (fixture, "audience_row")), "Cabinet office");
  wait_until (gtk_widget_has_css_class (editor_child (fixture, "title_row"), "error"));
  settle (fixture);
  stored = load_selected (fixture);
  g_assert_cmpstr (stored->title, ==, "Valmora Port Strike");
  g_assert_cmpstr (stored->date, ==, "2024-04-12");
  g_assert_true (gtk_widget_has_css_class (editor_child (fixture, "date_row"), "error"));
  g_clear_pointer (&stored, attache_briefing_free);

  gtk_editable_set_text (GTK_EDITABLE (editor_child (fixture, "title_row")), "Valmora Port Strike, Day 10");
  gtk_editable_set_text (GTK_EDITABLE (editor_child (fixture, "date_row")), "");
  wait_until (stored_title_is (fixture, "Valmora Port Strike, Day 10"));
  settle (fixture);
  stored = load_selected (fixture);
  g_assert_cmpstr (stored->audience, ==, "Cabinet office");
  g_assert_null (stored->date);
  g_assert_false (gtk_widget_has_css_class (editor_child (fixture, "title_row"), "error"));

  /* The list says so too. */
  g_assert_true (find_label (GTK_WIDGET (get_view (fixture)), "Valmora Port Strike, Day 10"));
  g_assert_true (find_label (GTK_WIDGET (get_view (fixture)), "OFFICIAL-SENSITIVE"));
  g_assert_true (find_label (GTK_WIDGET (get_view (fixture)), "Final"));
}

/* Sections and notes: added, renamed and edited through the editor. */
static void
test_sections_and_notes (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(AttacheBriefing) stored = NULL;
  AttacheBriefingSectionRow *section;
  AttacheBriefingBlockRow *note;
  GtkTextBuffer *buffer;
  GtkTextIter start, end;

  fixture_open_window (fixture);
  show_briefings (fixture);
  new_briefing (fixture);

  section = add_section (fixture, "Situation");
  settle (fixture);
  stored = load_selected (fixture);
  g_assert_cmpuint (stored->sections->len, ==, 1);
  g_assert_cmpstr (stored_section (stored, 0)->heading, ==, "Situation");
  g_clear_pointer (&stored, attache_briefing_free);

  note = add_note (fixture, section, "Thirty vessels wait at anchor.");
  g_assert_true (stored_texts_are (fixture, 0, "Thirty vessels wait at anchor."));

  /* Typed on, then the focus elsewhere: saved then, not after the pause. */
  attache_briefing_block_row_focus (note);
  set_text_view_text (find_text_view (GTK_WIDGET (note)), "Thirty vessels wait at anchor; citrus spoils.");
  g_assert_true (attache_briefing_block_row_get_dirty (note));
  gtk_widget_grab_focus (GTK_WIDGET (editor_child (fixture, "title_row")));
  g_assert_false (attache_briefing_block_row_get_dirty (note));
  wait_until (stored_texts_are (fixture, 0, "Thirty vessels wait at anchor; citrus spoils."));

  /* Ctrl+B makes the word at the cursor bold (its action). */
  buffer = gtk_text_view_get_buffer (find_text_view (GTK_WIDGET (note)));
  gtk_text_buffer_get_start_iter (buffer, &start);
  end = start;
  gtk_text_iter_forward_chars (&end, 6);
  gtk_text_buffer_select_range (buffer, &start, &end);
  activate (GTK_WIDGET (note), "block.bold", NULL);
  wait_until (stored_texts_are (fixture, 0, "**Thirty** vessels wait at anchor; citrus spoils."));

  /* A second note, and one left empty: that one is not kept. */
  add_note (fixture, section, "Talks resume on Thursday.");
  g_assert_true (stored_texts_are (fixture, 0, "**Thirty** vessels wait at anchor; citrus spoils.|Talks resume on Thursday."));
  activate (GTK_WIDGET (section), "section.add-note", NULL);
  g_assert_cmpint (attache_briefing_block_row_get_id (get_block_row (section, 2)), ==, 0);
  gtk_widget_grab_focus (GTK_WIDGET (editor_child (fixture, "title_row")));
  wait_until (gtk_widget_get_first_child (GTK_WIDGET (attache_briefing_section_row_get_blocks (section))) != NULL &&
              gtk_widget_get_next_sibling (gtk_widget_get_next_sibling (gtk_widget_get_first_child (
                GTK_WIDGET (attache_briefing_section_row_get_blocks (section))))) == NULL);
  settle (fixture);
  g_assert_true (stored_texts_are (fixture, 0, "**Thirty** vessels wait at anchor; citrus spoils.|Talks resume on Thursday."));

  /* Renamed. */
  gtk_editable_set_text (GTK_EDITABLE (find_entry (GTK_WIDGET (section))), "Situation on the Quays");
  settle (fixture);
  wait_until (stored_heading_is (fixture, 0, "Situation on the Quays"));

  /* A second section, blank heading allowed. */
  add_section (fixture, "");
  settle (fixture);
  stored = load_selected (fixture);
  g_assert_cmpuint (stored->sections->len, ==, 2);
}

/* Select text in the reader, Add Excerpt to Briefing: an excerpt with the
 * offsets of the selection in the article's text, in characters. */
static void
test_excerpt_from_reader (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(AttacheBriefing) stored = NULL;
  AttacheReader *reader;
  AttacheBriefingBlock *block;
  gint64 article_id;
  guint from, to;
  GMenuModel *menu;
  g_autofree char *label = NULL;
  gboolean handled = FALSE;

  fixture_open_window (fixture);
  article_id = import_articles (fixture);

  show_briefings (fixture);
  new_briefing (fixture);
  gtk_editable_set_text (GTK_EDITABLE (editor_child (fixture, "title_row")), "Valmora Port Strike");
  wait_until (stored_title_is (fixture, "Valmora Port Strike"));
  settle (fixture);

  adw_view_stack_set_visible_child_name (window_child (fixture, "view_stack"), "library");
  attache_window_select_article (fixture->window, article_id);
  wait_until (reader_shows (fixture->window, HARBOUR_QUOTE));

  /* Nothing selected: nothing to quote. */
  reader = window_child (fixture, "reader");
  g_assert_false (attache_reader_get_has_selected_text (reader));

  select_in_reader (fixture, "The union said", "container terminals.");
  g_assert_true (attache_reader_get_has_selected_text (reader));

  /* The reader's menu names the briefing. */
  menu = gtk_text_view_get_extra_menu (get_child (ATTACHE_TYPE_READER, GTK_WIDGET (reader), "text_view"));
  g_assert_nonnull (menu);
  g_assert_true (g_menu_model_get_item_attribute (menu, 0, G_MENU_ATTRIBUTE_LABEL, "s", &label));
  g_assert_cmpstr (label, ==, "Add Excerpt to “Valmora Port Strike”");

  activate (GTK_WIDGET (fixture->window), "win.add-excerpt-to-briefing", g_variant_new_int64 (0));
  settle (fixture);
  wait_until (n_stored_sections (fixture, 0) == 1);

  find_passage (fixture, article_id, "The union said", "container terminals.", &from, &to);
  stored = load_selected (fixture);
  block = stored_block (stored, 0, 0);
  g_assert_cmpint (block->kind, ==, ATTACHE_BLOCK_EXCERPT);
  g_assert_cmpint (block->source.article_id, ==, article_id);
  g_assert_cmpuint (block->from, ==, from);
  g_assert_cmpuint (block->to, ==, to);
  g_assert_cmpstr (block->text, ==, HARBOUR_QUOTE);
  g_clear_pointer (&stored, attache_briefing_free);

  /* A toast says so and offers to show it. */
  press_toast_button (fixture, "_Show");
  wait_for_frames (GTK_WIDGET (fixture->window), 2);
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (window_child (fixture, "view_stack")), ==, "briefings");
  settle (fixture);
  g_assert_true (find_label (GTK_WIDGET (get_editor (fixture)), "The union said the strike"));
  g_assert_true (find_label (GTK_WIDGET (get_editor (fixture)), "“Dock workers"));

  /* Across two paragraphs (and with the Ctrl+Shift+E shortcut's action). */
  adw_view_stack_set_visible_child_name (window_child (fixture, "view_stack"), "library");
  wait_for_frames (GTK_WIDGET (fixture->window), 2);
  select_in_reader (fixture, "container terminals.", "waiting at anchor");
  activate (GTK_WIDGET (fixture->window), "win.add-excerpt-to-briefing", g_variant_new_int64 (0));
  settle (fixture);
  wait_until (n_stored_blocks (fixture, 0, 0) == 2);
  find_passage (fixture, article_id, "container terminals.", "waiting at anchor", &from, &to);
  stored = load_selected (fixture);
  block = stored_block (stored, 0, 1);
  g_assert_cmpuint (block->from, ==, from);
  g_assert_cmpuint (block->to, ==, to);
  g_assert_nonnull (strstr (block->text, "terminals.\n\nBy the afternoon"));
  g_clear_pointer (&stored, attache_briefing_free);

  /* Dragged onto a briefing: the text dropped is the selection's. */
  select_in_reader (fixture, "Transport Minister", "of Norland");
  g_signal_emit_by_name (get_view (fixture), "text-dropped",
                         attache_briefings_view_get_selected (get_view (fixture)),
                         "Transport Minister Ilse Marran of Norland", &handled);
  g_assert_true (handled);
  settle (fixture);
  wait_until (n_stored_blocks (fixture, 0, 0) == 3);
  stored = load_selected (fixture);
  g_assert_cmpstr (stored_block (stored, 0, 2)->text, ==, "Transport Minister Ilse Marran of Norland");
  g_clear_pointer (&stored, attache_briefing_free);

  /* Text from elsewhere is not taken for the selection. */
  handled = FALSE;
  g_signal_emit_by_name (get_view (fixture), "text-dropped",
                         attache_briefings_view_get_selected (get_view (fixture)),
                         "Something else entirely", &handled);
  g_assert_false (handled);

  /* The article deleted from the library (as the window's Delete does): the
   * excerpt keeps its text and says where it came from is gone. */
  g_assert_true (attache_library_delete_article (fixture->library, article_id, NULL));
  stored = load_selected (fixture);
  g_assert_true (stored_block (stored, 0, 0)->source.removed);
  g_assert_cmpstr (stored_block (stored, 0, 0)->text, ==, HARBOUR_QUOTE);
  adw_view_stack_set_visible_child_name (window_child (fixture, "view_stack"), "briefings");
  wait_until (find_label (GTK_WIDGET (get_editor (fixture)), "Removed from the library"));
}

/* From the library: the selected article as a reference, to the briefing
 * last used, to another one named, or to a new one. */
static void
test_add_articles (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(AttacheBriefing) stored = NULL;
  g_autoptr(GPtrArray) briefings = NULL;
  gint64 grain_id, harbour_id, first_id;

  fixture_open_window (fixture);
  harbour_id = import_articles (fixture);
  grain_id = find_article (fixture, "Ministers Agree");

  show_briefings (fixture);
  new_briefing (fixture);
  first_id = attache_briefings_view_get_selected (get_view (fixture));

  adw_view_stack_set_visible_child_name (window_child (fixture, "view_stack"), "library");
  attache_window_select_article (fixture->window, grain_id);
  wait_for_frames (GTK_WIDGET (fixture->window), 2);
  activate (GTK_WIDGET (fixture->window), "win.add-article-to-briefing", g_variant_new_int64 (0));
  settle (fixture);
  wait_until (n_stored_sections (fixture, first_id) == 1);

  stored = load_briefing (fixture, first_id);
  g_assert_cmpint (stored_block (stored, 0, 0)->kind, ==, ATTACHE_BLOCK_ARTICLE);
  g_assert_cmpint (stored_block (stored, 0, 0)->source.article_id, ==, grain_id);
  g_assert_cmpstr (stored_block (stored, 0, 0)->source.publisher, ==, "Northern Ledger");
  g_assert_cmpstr (stored_block (stored, 0, 0)->source.url, ==, "https://ledger.example/grain-corridor");
  g_clear_pointer (&stored, attache_briefing_free);

  /* To a new briefing. */
  attache_window_select_article (fixture->window, harbour_id);
  wait_for_frames (GTK_WIDGET (fixture->window), 2);
  activate (GTK_WIDGET (fixture->window), "win.add-article-to-briefing",
            g_variant_new_int64 (ATTACHE_BRIEFING_NEW));
  wait_until (n_stored_briefings (fixture) == 2);
  settle (fixture);

  briefings = list_briefings (fixture);
  for (guint i = 0; i < briefings->len; i++)
    {
      AttacheBriefing *listed = briefings->pdata[i];

      if (listed->id == first_id)
        continue;
      g_assert_cmpstr (listed->title, ==, "Untitled Briefing");
      wait_until (n_stored_sections (fixture, listed->id) == 1);
      stored = load_briefing (fixture, listed->id);
      g_assert_cmpint (stored_block (stored, 0, 0)->source.article_id, ==, harbour_id);
      g_clear_pointer (&stored, attache_briefing_free);
    }

  /* To the first, named. */
  activate (GTK_WIDGET (fixture->window), "win.add-article-to-briefing", g_variant_new_int64 (first_id));
  settle (fixture);
  wait_until (n_stored_blocks (fixture, first_id, 0) == 2);
  stored = load_briefing (fixture, first_id);
  g_assert_cmpint (stored_block (stored, 0, 1)->source.article_id, ==, harbour_id);
}

/* Moving blocks and sections with the keyboard's actions (Alt+Up, Alt+Down)
 * and by dropping one on another; each move is in the file at once. */
static void
test_reorder (Fixture       *fixture,
              gconstpointer  data)
{
  AttacheBriefingSectionRow *first, *second;
  AttacheBriefingBlockRow *a, *b, *c;
  g_autoptr(GListModel) controllers = NULL;
  gboolean bound_up = FALSE, bound_down = FALSE;
  GtkDropTarget *target = NULL;
  GValue value = G_VALUE_INIT;
  gboolean dropped = FALSE;

  fixture_open_window (fixture);
  show_briefings (fixture);
  new_briefing (fixture);

  first = add_section (fixture, "One");
  a = add_note (fixture, first, "A");
  b = add_note (fixture, first, "B");
  c = add_note (fixture, first, "C");
  second = add_section (fixture, "Two");
  settle (fixture);
  g_assert_true (stored_texts_are (fixture, 0, "A|B|C"));

  /* Alt+Up and Alt+Down are the row's own shortcuts for its actions. */
  controllers = gtk_widget_observe_controllers (GTK_WIDGET (b));
  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;
      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);
          g_autofree char *trigger = gtk_shortcut_trigger_to_string (gtk_shortcut_get_trigger (shortcut));
          g_autofree char *action = gtk_shortcut_action_to_string (gtk_shortcut_get_action (shortcut));

          if (g_str_equal (trigger, "<Alt>Up") && g_str_equal (action, "action(block.move-up)"))
            bound_up = TRUE;
          if (g_str_equal (trigger, "<Alt>Down") && g_str_equal (action, "action(block.move-down)"))
            bound_down = TRUE;
        }
    }
  g_assert_true (bound_up);
  g_assert_true (bound_down);

  /* B up: B A C, at once on screen, then in the file. */
  attache_briefing_block_row_focus (b);
  activate (GTK_WIDGET (b), "block.move-up", NULL);
  g_assert_true (get_block_row (first, 0) == b);
  g_assert_true (gtk_widget_has_focus (GTK_WIDGET (find_text_view (GTK_WIDGET (b)))));
  settle (fixture);
  g_assert_true (stored_texts_are (fixture, 0, "B|A|C"));

  /* Pressed three times in a row: A down twice, into the next section. */
  activate (GTK_WIDGET (a), "block.move-down", NULL);
  activate (GTK_WIDGET (a), "block.move-down", NULL);
  settle (fixture);
  g_assert_true (stored_texts_are (fixture, 0, "B|C"));
  g_assert_true (stored_texts_are (fixture, 1, "A"));
  g_assert_true (get_block_row (second, 0) == a);

  /* Back up into the first section, at its end. */
  activate (GTK_WIDGET (a), "block.move-up", NULL);
  settle (fixture);
  g_assert_true (stored_texts_are (fixture, 0, "B|C|A"));
  g_assert_true (stored_texts_are (fixture, 1, ""));

  /* Sections: Two before One. */
  activate (GTK_WIDGET (second), "section.move-up", NULL);
  settle (fixture);
  g_assert_true (get_section_row (fixture, 0) == second);
  {
    g_autoptr(AttacheBriefing) stored = load_selected (fixture);

    g_assert_cmpstr (stored_section (stored, 0)->heading, ==, "Two");
    g_assert_cmpstr (stored_section (stored, 1)->heading, ==, "One");
  }
  activate (GTK_WIDGET (second), "section.move-down", NULL);
  settle (fixture);

  /* Dropping C on the top half of B puts it before B. */
  g_clear_object (&controllers);
  controllers = gtk_widget_observe_controllers (GTK_WIDGET (b));
  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_DROP_TARGET (controller))
        target = GTK_DROP_TARGET (controller);
    }
  g_assert_nonnull (target);
  g_value_init (&value, ATTACHE_TYPE_BRIEFING_BLOCK_ROW);
  g_value_set_object (&value, c);
  g_signal_emit_by_name (target, "drop", &value, 10.0, 1.0, &dropped);
  g_value_unset (&value);
  g_assert_true (dropped);
  settle (fixture);
  g_assert_true (stored_texts_are (fixture, 0, "C|B|A"));
}

/* Deleting, and Undo in the toast: the block, the section and the briefing
 * come back as they were, with their ids. */
static void
test_delete_and_undo (Fixture       *fixture,
                      gconstpointer  data)
{
  AttacheBriefingSectionRow *section;
  AttacheBriefingBlockRow *note;
  g_autoptr(AttacheBriefing) stored = NULL;
  gint64 note_id, section_id, briefing_id;

  fixture_open_window (fixture);
  show_briefings (fixture);
  new_briefing (fixture);
  briefing_id = attache_briefings_view_get_selected (get_view (fixture));

  section = add_section (fixture, "Outlook");
  add_note (fixture, section, "First");
  note = add_note (fixture, section, "Second");
  add_note (fixture, section, "Third");
  note_id = attache_briefing_block_row_get_id (note);
  section_id = attache_briefing_section_row_get_id (section);
  g_assert_true (stored_texts_are (fixture, 0, "First|Second|Third"));

  /* A block */
  activate (GTK_WIDGET (note), "block.delete", NULL);
  settle (fixture);
  g_assert_true (stored_texts_are (fixture, 0, "First|Third"));
  press_toast_button (fixture, "_Undo");
  settle (fixture);
  wait_until (stored_texts_are (fixture, 0, "First|Second|Third"));
  stored = load_selected (fixture);
  g_assert_cmpint (stored_block (stored, 0, 1)->id, ==, note_id);
  g_clear_pointer (&stored, attache_briefing_free);

  /* A section, with its blocks */
  activate (GTK_WIDGET (section), "section.delete", NULL);
  settle (fixture);
  stored = load_selected (fixture);
  g_assert_cmpuint (stored->sections->len, ==, 0);
  g_clear_pointer (&stored, attache_briefing_free);
  press_toast_button (fixture, "_Undo");
  settle (fixture);
  wait_until (stored_texts_are (fixture, 0, "First|Second|Third"));
  stored = load_selected (fixture);
  g_assert_cmpint (stored_section (stored, 0)->id, ==, section_id);
  g_assert_cmpstr (stored_section (stored, 0)->heading, ==, "Outlook");
  g_clear_pointer (&stored, attache_briefing_free);

  /* The briefing, from the header's menu */
  activate (GTK_WIDGET (fixture->window), "briefings.delete", g_variant_new_int64 (0));
  wait_until (n_stored_briefings (fixture) == 0);
  settle (fixture);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (get_child (ATTACHE_TYPE_BRIEFINGS_VIEW,
                                                                GTK_WIDGET (get_view (fixture)), "stack")),
                   ==, "empty");
  press_toast_button (fixture, "_Undo");
  wait_until (n_stored_briefings (fixture) == 1);
  settle (fixture);
  g_assert_cmpint (attache_briefings_view_get_selected (get_view (fixture)), ==, briefing_id);
  g_assert_true (stored_texts_are (fixture, 0, "First|Second|Third"));
}

static gboolean
closed_in_time (Fixture *fixture,
                gint64   briefing_id)
{
  g_autoptr(AttacheBriefing) briefing = load_briefing (fixture, briefing_id);

  return g_strcmp0 (briefing->title, "Closing Time") == 0 &&
         g_strcmp0 (stored_block (briefing, 0, 0)->text, "Draft three, typed just before closing") == 0;
}

/* What was typed is in the file once the typing pauses, and even when the
 * window is closed before that. */
static void
test_nothing_lost (Fixture       *fixture,
                   gconstpointer  data)
{
  AttacheBriefingSectionRow *section;
  AttacheBriefingBlockRow *note;
  g_autoptr(AttacheBriefing) stored = NULL;
  gint64 briefing_id;
  gint64 start;

  fixture_open_window (fixture);
  show_briefings (fixture);
  new_briefing (fixture);
  briefing_id = attache_briefings_view_get_selected (get_view (fixture));
  section = add_section (fixture, "Notes");
  note = add_note (fixture, section, "Draft one");

  /* The typing pauses: written ATTACHE_BRIEFING_SAVE_DELAY_MS later, and no
   * more than a moment after that. */
  start = g_get_monotonic_time ();
  set_text_view_text (find_text_view (GTK_WIDGET (note)), "Draft two");
  wait_until (stored_texts_are (fixture, 0, "Draft two"));
  g_test_message ("Saved %.0f ms after the last key",
                  (g_get_monotonic_time () - start) / 1000.0);
  g_assert_cmpint (g_get_monotonic_time () - start, >=, ATTACHE_BRIEFING_SAVE_DELAY_MS * 1000);

  /* Typed, and the window closed at once: written all the same. */
  set_text_view_text (find_text_view (GTK_WIDGET (note)), "Draft three, typed just before closing");
  gtk_editable_set_text (GTK_EDITABLE (editor_child (fixture, "title_row")), "Closing Time");
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  fixture->window = NULL;

  wait_until (closed_in_time (fixture, briefing_id));
  stored = load_briefing (fixture, briefing_id);
  g_assert_cmpstr (stored->title, ==, "Closing Time");
  g_assert_cmpstr (stored_block (stored, 0, 0)->text, ==, "Draft three, typed just before closing");
}

/* A section deleted while a note just typed in it is being added, then
 * Undo: the note comes back with the section. */
static void
test_undo_section_with_new_note (Fixture       *fixture,
                                 gconstpointer  data)
{
  AttacheBriefingSectionRow *section;
  AttacheBriefingBlockRow *row;
  GtkWidget *blocks;
  g_autofree char *texts = NULL;

  fixture_open_window (fixture);
  show_briefings (fixture);
  new_briefing (fixture);
  section = add_section (fixture, "Notes");
  add_note (fixture, section, "kept");
  settle (fixture);

  blocks = GTK_WIDGET (attache_briefing_section_row_get_blocks (section));
  activate (GTK_WIDGET (section), "section.add-note", NULL);
  row = ATTACHE_BRIEFING_BLOCK_ROW (gtk_widget_get_last_child (blocks));
  set_text_view_text (find_text_view (GTK_WIDGET (row)), "new note");
  attache_briefing_editor_flush (get_editor (fixture));        /* its add is queued */
  activate (GTK_WIDGET (section), "section.delete", NULL);
  settle (fixture);
  g_assert_cmpuint (n_stored_sections (fixture, 0), ==, 0);

  press_toast_button (fixture, "_Undo");
  settle (fixture);
  texts = dup_stored_texts (fixture, 0);
  g_assert_cmpstr (texts, ==, "kept|new note");
}

/* Typing in a new note, then Ctrl+N: the note's row goes with the briefing
 * it was in, its text saved (its focus leaving after the row is gone). */
static void
test_new_while_typing (Fixture       *fixture,
                       gconstpointer  data)
{
  AttacheBriefingSectionRow *section;
  AttacheBriefingBlockRow *note;
  g_autoptr(AttacheBriefing) stored = NULL;
  GtkWidget *blocks;
  gint64 briefing_id;

  fixture_open_window (fixture);
  show_briefings (fixture);
  new_briefing (fixture);
  briefing_id = attache_briefings_view_get_selected (get_view (fixture));
  section = add_section (fixture, "Notes");
  add_note (fixture, section, "Draft one");
  settle (fixture);

  blocks = GTK_WIDGET (attache_briefing_section_row_get_blocks (section));
  activate (GTK_WIDGET (section), "section.add-note", NULL);
  wait_for_frames (GTK_WIDGET (fixture->window), 4);
  note = ATTACHE_BRIEFING_BLOCK_ROW (gtk_widget_get_last_child (blocks));
  wait_until (gtk_widget_has_focus (GTK_WIDGET (find_text_view (GTK_WIDGET (note)))));
  set_text_view_text (find_text_view (GTK_WIDGET (note)), "Draft two");
  activate (GTK_WIDGET (fixture->window), "briefings.new", NULL);   /* Ctrl+N */
  wait_until (n_stored_briefings (fixture) == 2);
  settle (fixture);
  wait_for_frames (GTK_WIDGET (fixture->window), 4);

  g_assert_cmpint (attache_briefings_view_get_selected (get_view (fixture)), !=, briefing_id);
  stored = load_briefing (fixture, briefing_id);
  g_assert_cmpstr (stored_block (stored, 0, 1)->text, ==, "Draft two");
}

/* Export as Markdown (and PDF once there is a renderer) to a folder. */
static void
test_export (Fixture       *fixture,
             gconstpointer  data)
{
  g_autofree char *md_path = g_build_filename (fixture->dir, "briefing.md", NULL);
  g_autofree char *bad_path = g_build_filename (fixture->dir, "no-such-folder", "briefing.md", NULL);
  g_autoptr(GFile) md_file = g_file_new_for_path (md_path);
  g_autoptr(GFile) bad_file = g_file_new_for_path (bad_path);
  g_autofree char *markdown = NULL;
  AttacheBriefingSectionRow *section;
  gint64 article_id;

  fixture_open_window (fixture);
  article_id = import_articles (fixture);
  show_briefings (fixture);
  new_briefing (fixture);
  gtk_editable_set_text (GTK_EDITABLE (editor_child (fixture, "title_row")), "Export Test");
  gtk_editable_set_text (GTK_EDITABLE (editor_child (fixture, "marking_row")), "TLP:AMBER");
  section = add_section (fixture, "Findings");
  add_note (fixture, section, "A finding in **bold**.");
  attache_briefings_view_add_excerpt (get_view (fixture), ATTACHE_BRIEFING_TARGET, article_id, 0, 20);
  settle (fixture);

  /* Typed just before: in the export all the same. */
  gtk_editable_set_text (GTK_EDITABLE (editor_child (fixture, "subtitle_row")), "Typed a moment ago");
  attache_briefings_view_export (get_view (fixture), md_file, ATTACHE_BRIEFING_FORMAT_MARKDOWN);
  wait_until (g_file_test (md_path, G_FILE_TEST_EXISTS));
  settle (fixture);

  g_assert_true (g_file_get_contents (md_path, &markdown, NULL, NULL));
  g_assert_nonnull (strstr (markdown, "Export Test"));
  g_assert_nonnull (strstr (markdown, "Typed a moment ago"));
  g_assert_nonnull (strstr (markdown, "TLP:AMBER"));
  g_assert_nonnull (strstr (markdown, "A finding in **bold**."));
  g_assert_nonnull (strstr (markdown, "Dock workers in Val"));
  g_assert_nonnull (strstr (markdown, "## Findings"));
  wait_until (find_label (window_child (fixture, "toast_overlay"), "Exported to “briefing.md”"));

  /* Nowhere to write it: said in a dialog, nothing left behind. */
  attache_briefings_view_export (get_view (fixture), bad_file, ATTACHE_BRIEFING_FORMAT_MARKDOWN);
  {
    GtkWidget *dialog = NULL;

    wait_until ((dialog = find_dialog (fixture, "Could Not Export the Briefing")) != NULL);
    g_assert_true (find_label (dialog, "no-such-folder") || find_label (dialog, "briefing.md"));
    gtk_window_destroy (GTK_WINDOW (dialog));
  }
  g_assert_false (g_file_test (bad_path, G_FILE_TEST_EXISTS));

  /* The PDF, on A4 (the preference's default) */
  {
    g_autofree char *pdf_path = g_build_filename (fixture->dir, "briefing.pdf", NULL);
    g_autoptr(GFile) pdf_file = g_file_new_for_path (pdf_path);
    g_autoptr(GPtrArray) pages = NULL;
    double width = 0, height = 0;

    attache_briefings_view_export (get_view (fixture), pdf_file, ATTACHE_BRIEFING_FORMAT_PDF);
    wait_until (g_file_test (pdf_path, G_FILE_TEST_EXISTS));
    settle (fixture);
    wait_until (find_label (window_child (fixture, "toast_overlay"), "Exported to “briefing.pdf”"));

    pages = read_pdf (pdf_path, &width, &height);
    if (pages != NULL)
      {
        g_assert_cmpuint (pages->len, >=, 3);
        g_assert_cmpfloat_with_epsilon (width, 595.3, 1.0);
        g_assert_cmpfloat_with_epsilon (height, 841.9, 1.0);
        g_assert_nonnull (strstr (pages->pdata[0], "Export Test"));
        g_assert_nonnull (strstr (pages->pdata[0], "Typed a moment ago"));
        for (guint i = 0; i < pages->len; i++)
          g_assert_nonnull (strstr (pages->pdata[i], "TLP:AMBER"));
        /* The preview lays out the same document. */
        wait_until (preview_n_pages (fixture) == pages->len);
      }
  }

  /* Printed through GtkPrintOperation (to a file, without the dialog), on
   * US Letter as the preferences now say: the same renderer. */
  {
    g_autofree char *print_path = g_build_filename (fixture->dir, "printed.pdf", NULL);
    g_autoptr(GSettings) settings = g_settings_new (APP_ID);
    g_autoptr(GPtrArray) pages = NULL;
    double width = 0, height = 0;

    /* Chosen in the preferences, as a person would. */
    {
      GtkWidget *page = g_object_ref_sink (attache_preferences_page_new (settings));
      AdwComboRow *paper_row = get_child (ATTACHE_TYPE_PREFERENCES_PAGE, page, "paper_row");

      g_assert_cmpuint (adw_combo_row_get_selected (paper_row), ==, 0);
      adw_combo_row_set_selected (paper_row, 1);
      g_object_unref (page);
    }
    {
      g_autofree char *paper = g_settings_get_string (settings, "briefing-paper");

      g_assert_cmpstr (paper, ==, "letter");
    }
    _attache_briefings_view_print (get_view (fixture), print_path);
    wait_until (g_file_test (print_path, G_FILE_TEST_EXISTS));
    settle (fixture);

    pages = read_pdf (print_path, &width, &height);
    if (pages != NULL)
      {
        g_assert_cmpuint (pages->len, >=, 3);
        g_assert_cmpfloat_with_epsilon (width, 612, 1.0);
        g_assert_cmpfloat_with_epsilon (height, 792, 1.0);
        g_assert_nonnull (strstr (pages->pdata[0], "Export Test"));
        g_assert_nonnull (strstr (pages->pdata[pages->len - 1], "TLP:AMBER"));
      }
    g_settings_reset (settings, "briefing-paper");
  }

  /* Ctrl+P's action: the print dialog; dismissed, nothing happens. */
  {
    GtkWidget *dialog = NULL;

    activate (GTK_WIDGET (fixture->window), "briefings.print", NULL);
    wait_until ((dialog = find_other_window (fixture)) != NULL);
    g_test_message ("The print dialog: %s, “%s”", G_OBJECT_TYPE_NAME (dialog), gtk_window_get_title (GTK_WINDOW (dialog)));
    g_assert_true (gtk_window_get_modal (GTK_WINDOW (dialog)));
    gtk_window_close (GTK_WINDOW (dialog));
    wait_until (find_other_window (fixture) == NULL);
    settle (fixture);
  }
}

static void
analyze_pending_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (attache_library_analyze_pending_finish (ATTACHE_LIBRARY (object), result, &error), >, 0);
  g_assert_no_error (error);
  *(gboolean *) user_data = TRUE;
}

/* The key actors of the article the summary pane shows, from its Add
 * button: the article is cited first, then the table made. */
static void
test_actors (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(AttacheBriefing) stored = NULL;
  gboolean analysed = FALSE;
  gint64 article_id;

  fixture_open_window (fixture);
  article_id = import_articles (fixture);

  attache_library_analyze_pending_async (fixture->library, NULL, analyze_pending_cb, &analysed);
  wait_until (analysed);

  show_briefings (fixture);
  new_briefing (fixture);
  adw_view_stack_set_visible_child_name (window_child (fixture, "view_stack"), "library");
  attache_window_select_article (fixture->window, article_id);
  wait_for_frames (GTK_WIDGET (fixture->window), 2);

  /* The summary pane's button, once the pane shows the actors. */
  {
    GtkWidget *pane = window_child (fixture, "summary_pane");
    GtkWidget *button = get_child (ATTACHE_TYPE_SUMMARY_PANE, pane, "add_actors_button");

    wait_until (gtk_widget_get_mapped (button) && gtk_widget_is_sensitive (button));
    g_signal_emit_by_name (button, "clicked");
  }
  settle (fixture);
  wait_until (n_stored_sections (fixture, 0) == 1 && n_stored_blocks (fixture, 0, 0) == 2);

  stored = load_selected (fixture);
  g_assert_cmpint (stored_block (stored, 0, 0)->kind, ==, ATTACHE_BLOCK_ARTICLE);
  g_assert_cmpint (stored_block (stored, 0, 0)->source.article_id, ==, article_id);
  g_assert_cmpint (stored_block (stored, 0, 1)->kind, ==, ATTACHE_BLOCK_ACTORS);
  g_assert_cmpuint (stored_block (stored, 0, 1)->actors->len, >, 0);
}

/* The first page's pixels as the preview shows them, or NULL. */
static GBytes *
dup_cover_pixels (Fixture *fixture)
{
  GtkWidget *preview = get_child (ATTACHE_TYPE_BRIEFINGS_VIEW, GTK_WIDGET (get_view (fixture)), "preview");
  GtkWidget *picture = preview;
  GdkPaintable *paintable;
  gsize size;
  guchar *pixels;

  /* preview → scroller → viewport → box → the first page */
  while (picture != NULL && !GTK_IS_PICTURE (picture))
    picture = gtk_widget_get_first_child (picture);
  if (picture == NULL || (paintable = gtk_picture_get_paintable (GTK_PICTURE (picture))) == NULL)
    return NULL;

  size = (gsize) gdk_texture_get_width (GDK_TEXTURE (paintable)) * gdk_texture_get_height (GDK_TEXTURE (paintable)) * 4;
  pixels = g_malloc (size);
  gdk_texture_download (GDK_TEXTURE (paintable), pixels, gdk_texture_get_width (GDK_TEXTURE (paintable)) * 4);
  return g_bytes_new_take (pixels, size);
}

typedef struct
{
  gint64 last;
  gint64 longest;
} Probe;

static gboolean
probe_cb (gpointer user_data)
{
  Probe *probe = user_data;
  gint64 now = g_get_monotonic_time ();

  probe->longest = MAX (probe->longest, now - probe->last - 10000);
  probe->last = now;
  return G_SOURCE_CONTINUE;
}

/* The page preview: the cover at once, then the pages; drawn again when
 * the briefing changes; a long briefing without freezing the window. */
static void
test_preview (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;
  AttacheBriefingSectionRow *section;
  gint64 start;
  guint n_pages;

  fixture_open_window (fixture);
  show_briefings (fixture);
  new_briefing (fixture);
  section = add_section (fixture, "Situation");
  add_note (fixture, section, "A first note.");
  settle (fixture);

  n_pages = preview_n_pages (fixture);
  g_assert_cmpuint (n_pages, >=, 3);
  g_assert_cmpuint (preview_n_shown (fixture), >=, 1);
  before = dup_cover_pixels (fixture);
  g_assert_nonnull (before);

  /* A new title: the cover is drawn again. */
  gtk_editable_set_text (GTK_EDITABLE (editor_child (fixture, "title_row")), "A Title Long Enough to Show");
  wait_until (stored_title_is (fixture, "A Title Long Enough to Show"));
  settle (fixture);
  after = dup_cover_pixels (fixture);
  g_assert_nonnull (after);
  g_assert_false (g_bytes_equal (before, after));

  /* A long section: the window keeps drawing frames while it is laid out. */
  {
    g_autoptr(GString) text = g_string_new (NULL);
    AttacheBriefingPlace place = { 0, };

    for (guint i = 0; i < 40; i++)
      g_string_append (text, "The delegations met again on Tuesday and agreed to meet once more. ");
    place.briefing_id = attache_briefings_view_get_selected (get_view (fixture));
    place.position = G_MAXUINT;
    for (guint i = 0; i < 100; i++)
      g_assert_cmpint (attache_library_add_briefing_text (fixture->library, &place, text->str, NULL), !=, 0);
  }

  /* How long the main loop is kept from a 10 ms timer: the window's
   * longest freeze (reported; figures are the benchmarks' business). */
  {
    Probe probe = { g_get_monotonic_time (), 0 };
    guint probe_id = g_timeout_add (10, probe_cb, &probe);

    start = g_get_monotonic_time ();
    wait_until (preview_n_pages (fixture) > n_pages + 20);
    g_test_message ("%u pages laid out in %.0f ms; the main loop was held at most %.0f ms meanwhile",
                    preview_n_pages (fixture), (g_get_monotonic_time () - start) / 1000.0,
                    probe.longest / 1000.0);
    /* The editor makes its rows a few a frame: under Xvfb, where a frame of
     * the whole window takes some 80 ms to draw, that is a while. */
    wait_until_within (60, !view_busy (fixture));
    settle (fixture);
    g_test_message ("and %.0f ms at most until everything was shown", probe.longest / 1000.0);
    g_source_remove (probe_id);
  }

  settle (fixture);
  g_assert_cmpuint (preview_n_shown (fixture), >=, 1);
  /* Only the pages near the view are drawn. */
  g_assert_cmpuint (preview_n_shown (fixture), <, 20);
}

/* The view with a briefing worth looking at, for a person to look at. */
static void
test_screenshot (Fixture       *fixture,
                 gconstpointer  data)
{
  AttacheBriefingSectionRow *section;
  gint64 article_id, grain_id;

  fixture_open_window (fixture);
  article_id = import_articles (fixture);
  grain_id = find_article (fixture, "Ministers Agree");

  show_briefings (fixture);
  new_briefing (fixture);
  gtk_editable_set_text (GTK_EDITABLE (editor_child (fixture, "title_row")), "Valmora Port Strike");
  gtk_editable_set_text (GTK_EDITABLE (editor_child (fixture, "subtitle_row")), "Situation report, day 10");
  gtk_editable_set_text (GTK_EDITABLE (editor_child (fixture, "author_row")), "Desk Officer Nørgaard");
  gtk_editable_set_text (GTK_EDITABLE (editor_child (fixture, "marking_row")), "OFFICIAL-SENSITIVE");
  gtk_editable_set_text (GTK_EDITABLE (editor_child (fixture, "date_row")), "2024-04-12");
  set_text_view_text (editor_child (fixture, "summary_view"),
                      "The strike at Valmora will **last into May**. Grain exports through the "
                      "Kessel Strait are at risk; the government will not use the navy.");

  section = add_section (fixture, "Situation");
  add_note (fixture, section, "Thirty vessels wait at anchor. Perishable cargo is *spoiling*:\n"
                              "- citrus bound for northern markets\n- fertiliser for the spring sowing");
  attache_briefings_view_add_excerpt (get_view (fixture), ATTACHE_BRIEFING_TARGET, article_id,
                                      g_utf8_strlen (HARBOUR_FIRST, -1) + 1,
                                      g_utf8_strlen (HARBOUR_FIRST, -1) + 1 + g_utf8_strlen (HARBOUR_QUOTE, -1));
  settle (fixture);
  add_section (fixture, "Outlook");
  settle (fixture);
  attache_briefings_view_add_article (get_view (fixture), ATTACHE_BRIEFING_TARGET, grain_id);
  settle (fixture);

  /* Another, older briefing in the list. */
  {
    g_autoptr(AttacheBriefing) other = attache_briefing_new ("Kessel Strait Grain Corridor");

    other->marking = g_strdup ("TLP:AMBER");
    g_assert_cmpint (attache_library_create_briefing (fixture->library, other, NULL), !=, 0);
  }
  wait_until (attache_briefings_view_get_n_briefings (get_view (fixture)) == 2);
  attache_briefings_view_select (get_view (fixture), 0);
  settle (fixture);
  {
    g_autoptr(GPtrArray) briefings = list_briefings (fixture);

    for (guint i = 0; i < briefings->len; i++)
      if (g_str_equal (((AttacheBriefing *) briefings->pdata[i])->title, "Valmora Port Strike"))
        attache_briefings_view_select (get_view (fixture), ((AttacheBriefing *) briefings->pdata[i])->id);
  }
  settle (fixture);
  gtk_widget_grab_focus (GTK_WIDGET (get_child (ATTACHE_TYPE_BRIEFINGS_VIEW, GTK_WIDGET (get_view (fixture)),
                                                "briefing_list")));

  /* Without the toasts of the work above over it. */
  dismiss_toasts (fixture);
  wait_for_frames (GTK_WIDGET (fixture->window), 4);
  save_png (GTK_WIDGET (fixture->window), "briefings.png");

  /* Scrolled to the sections. */
  {
    GtkScrolledWindow *scroller = editor_child (fixture, "scroller");
    GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (scroller);
    graphene_point_t point;

    g_assert_true (gtk_widget_compute_point (editor_child (fixture, "sections_box"),
                                             GTK_WIDGET (scroller), &GRAPHENE_POINT_INIT (0, 0), &point));
    gtk_adjustment_set_value (adjustment, gtk_adjustment_get_value (adjustment) + point.y - 48);
  }
  wait_for_frames (GTK_WIDGET (fixture->window), 4);
  save_png (GTK_WIDGET (fixture->window), "briefings-sections.png");

  set_dark (TRUE);
  wait_for_frames (GTK_WIDGET (fixture->window), 4);
  save_png (GTK_WIDGET (fixture->window), "briefings-dark.png");
  set_dark (FALSE);
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  g_test_init (&argc, &argv, NULL);

  g_test_add ("/briefings/create", Fixture, NULL, fixture_set_up, test_create, fixture_tear_down);
  g_test_add ("/briefings/sections-and-notes", Fixture, NULL,
              fixture_set_up, test_sections_and_notes, fixture_tear_down);
  g_test_add ("/briefings/excerpt-from-reader", Fixture, NULL,
              fixture_set_up, test_excerpt_from_reader, fixture_tear_down);
  g_test_add ("/briefings/add-articles", Fixture, NULL,
              fixture_set_up, test_add_articles, fixture_tear_down);
  g_test_add ("/briefings/reorder", Fixture, NULL, fixture_set_up, test_reorder, fixture_tear_down);
  g_test_add ("/briefings/delete-and-undo", Fixture, NULL,
              fixture_set_up, test_delete_and_undo, fixture_tear_down);
  g_test_add ("/briefings/nothing-lost", Fixture, NULL,
              fixture_set_up, test_nothing_lost, fixture_tear_down);
  g_test_add ("/briefings/undo-section-with-new-note", Fixture, NULL,
              fixture_set_up, test_undo_section_with_new_note, fixture_tear_down);
  g_test_add ("/briefings/new-while-typing", Fixture, NULL,
              fixture_set_up, test_new_while_typing, fixture_tear_down);
  g_test_add ("/briefings/export", Fixture, NULL, fixture_set_up, test_export, fixture_tear_down);
  g_test_add ("/briefings/actors", Fixture, NULL, fixture_set_up, test_actors, fixture_tear_down);
  g_test_add ("/briefings/preview", Fixture, NULL, fixture_set_up, test_preview, fixture_tear_down);
  g_test_add ("/briefings/screenshot", Fixture, NULL, fixture_set_up, test_screenshot, fixture_tear_down);

  ret = g_test_run ();

  clear_application ();

  return ret;
}
