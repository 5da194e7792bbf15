/* test-actors-window.c: the actors in the real window, in-process, under Xvfb
 *
 * The summary pane's actors and topics, their mentions highlighted in the
 * reader, the Actors window and the analyst's corrections with Undo, and the
 * pictures (the actor network, mentions over time) in windows of their own,
 * rendered to PNG files in G_TEST_BUILDDIR (and the temporary folder) for a
 * person to look at.
 *
 * What the pane and the pictures offer to show ("Show Articles Mentioning …",
 * a topic's chip, a click on the network) is checked in the window: its
 * search bar has that filter and lists the articles found.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <adwaita.h>
#include <glib/gstdio.h>

#include "attache-actors.h"
#include "attache-actors-view.h"
#include "attache-analysis-runner.h"
#include "attache-application.h"
#include "attache-chart-window.h"
#include "attache-database.h"
#include "attache-importer.h"
#include "attache-library.h"
#include "attache-network-view.h"
#include "attache-reader.h"
#include "attache-search-bar.h"
#include "attache-summary-pane.h"
#include "attache-timeline-view.h"
#include "attache-window.h"

#include "test-helpers.h"
#include "test-ui-helpers.h"

#define WAIT_SECONDS 20

/* Fictional articles written for these tests: a foreign minister, a fisheries
 * council and its chair, over three weeks of May. */

#define SUMMIT_FIRST_SENTENCE \
  "Foreign Minister Teodor Vasko of Estland arrived in Brenna on Tuesday for two days " \
  "of talks with the Northern Fisheries Council on quotas in the Kessel Strait."

static const char summit[] =
  "date 2024-05-14 " SUMMIT_FIRST_SENTENCE " Vasko said his government wanted a deal "
  "before the summer season opened.\n"
  "\n"
  "The council's chair, Mirela Dunn, told reporters that the quotas proposed by Estland "
  "would cut the catch of smaller boats by a third. Dunn said the council would not sign "
  "an agreement that \"empties the harbours of Brenna\". Vasko replied that the cuts were "
  "needed to save the herring stocks.\n"
  "\n"
  "Officials from Norway and Iceland joined the talks on Wednesday. The Fisheries Council "
  "said a joint inspection service would start work in June if the ministers agreed.\n"
  "\n"
  "Teodor Vasko is expected to report to parliament in Estland next week. Mirela Dunn said "
  "further talks would be held in Brenna in July.\n";

static const char visit[] =
  "date 2024-05-02 Foreign Minister Teodor Vasko of Estland met fishermen in the port of "
  "Kallo on Thursday to hear their complaints about the new quotas. Vasko promised that the "
  "government would pay for new nets if the catch fell.\n"
  "\n"
  "The fishermen's association said the quotas favoured large trawlers. Its president, Arvo "
  "Linde, said smaller boats would be tied up for half the year.\n";

static const char vote[] =
  "date 2024-05-21 The parliament of Estland approved the fisheries agreement on Tuesday by "
  "61 votes to 40. Foreign Minister Teodor Vasko told members that the deal would protect the "
  "herring stocks of the Kessel Strait for a generation.\n"
  "\n"
  "Mirela Dunn, who chairs the Northern Fisheries Council, welcomed the vote. Vasko is "
  "expected to sign the agreement in Brenna next month.\n";

typedef struct
{
  char                  *dir;
  AttacheLibrary        *library;
  AttacheAnalysisRunner *runner;
  AttacheWindow         *window;
  gint64                 summit_id;
} Fixture;

/* The window's parts */

#define window_child(fixture, name) \
  get_child (ATTACHE_TYPE_WINDOW, GTK_WIDGET ((fixture)->window), (name))
#define pane_child(fixture, name) \
  get_child (ATTACHE_TYPE_SUMMARY_PANE, GTK_WIDGET (window_child ((fixture), "summary_pane")), (name))
#define reader_child(fixture, name) \
  get_child (ATTACHE_TYPE_READER, GTK_WIDGET (window_child ((fixture), "reader")), (name))

/* The button under @widget that activates @action_name, or NULL. */
static GtkWidget *
find_action_button (GtkWidget  *widget,
                    const char *action_name)
{
  if (GTK_IS_BUTTON (widget) &&
      g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), action_name) == 0)
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_action_button (child, action_name);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* Fixture */

static GFile *
write_file (Fixture    *fixture,
            const char *name,
            const char *contents)
{
  g_autofree char *path = g_build_filename (fixture->dir, name, NULL);

  test_write_file (path, contents, -1);
  return g_file_new_for_path (path);
}

static gboolean
all_analysed (Fixture *fixture)
{
  g_autoptr(GPtrArray) articles = attache_library_list_articles (fixture->library, NULL);

  if (attache_analysis_runner_get_busy (fixture->runner))
    return FALSE;

  for (guint i = 0; articles != NULL && i < articles->len; i++)
    {
      g_autoptr(AttacheAnalysis) analysis = NULL;

      analysis = attache_library_get_analysis (fixture->library,
                                               attache_article_get_id (articles->pdata[i]), NULL);
      if (analysis == NULL)
        return FALSE;
    }

  return TRUE;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(AttacheImporter) importer = NULL;
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  GFile *files[3];

  fixture->dir = test_tmpdir_new ();
  path = g_build_filename (fixture->dir, "library.db", NULL);
  fixture->library = attache_library_open (path, &error);
  g_assert_no_error (error);

  /* Imported and analysed before the window opens, as on a second day of work. */
  files[0] = write_file (fixture, "summit.txt", summit);
  files[1] = write_file (fixture, "visit.txt", visit);
  files[2] = write_file (fixture, "vote.txt", vote);
  importer = attache_importer_new (fixture->library);
  attache_importer_import_files_async (importer, files, G_N_ELEMENTS (files), NULL,
                                       import_files_cb, &results);
  wait_until (results != NULL);
  for (guint i = 0; i < results->len; i++)
    g_assert_cmpint (attache_import_result_get_status (results->pdata[i]), ==, ATTACHE_IMPORT_IMPORTED);
  fixture->summit_id = attache_import_result_get_article_id (results->pdata[0]);
  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    g_object_unref (files[i]);

  fixture->runner = attache_analysis_runner_new (fixture->library);
  wait_until (all_analysed (fixture));

  fixture->window = attache_window_new (get_application (), fixture->library);
  attache_window_set_analysis_runner (fixture->window, fixture->runner);
  gtk_window_present (GTK_WINDOW (fixture->window));
  wait_until (g_strcmp0 (gtk_stack_get_visible_child_name (window_child (fixture, "stack")), "library") == 0);
  wait_for_frames (GTK_WIDGET (fixture->window), 3);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  set_dark (FALSE);

  if (fixture->window != NULL)
    {
      gtk_window_destroy (GTK_WINDOW (fixture->window));
      while (g_main_context_iteration (NULL, FALSE))
        ;
    }

  g_clear_object (&fixture->runner);
  g_clear_object (&fixture->library);
  g_clear_pointer (&fixture->dir, test_tmpdir_free);
}

/* The summary pane */

static const char *
analysis_page (Fixture *fixture)
{
  return gtk_stack_get_visible_child_name (pane_child (fixture, "analysis_stack"));
}

static gboolean
actors_shown (Fixture *fixture)
{
  return g_strcmp0 (analysis_page (fixture), "analysis") == 0 &&
         gtk_list_box_get_row_at_index (pane_child (fixture, "actor_list"), 0) != NULL;
}

/* The rows of the pane's actors (not the one that shows all). */
static GPtrArray *
actor_rows (Fixture *fixture)
{
  GPtrArray *rows = g_ptr_array_new ();
  GtkListBox *list = pane_child (fixture, "actor_list");
  GtkListBoxRow *row;

  for (guint i = 0; (row = gtk_list_box_get_row_at_index (list, i)) != NULL; i++)
    if (find_with_class (GTK_WIDGET (row), "actor-name") != NULL)
      g_ptr_array_add (rows, row);

  return rows;
}

static const char *
row_text (GtkListBoxRow *row,
          const char    *css_class)
{
  GtkWidget *label = find_with_class (GTK_WIDGET (row), css_class);

  return label != NULL ? gtk_label_get_text (GTK_LABEL (label)) : NULL;
}

/* The row of the pane for actor @name, or NULL. */
static GtkListBoxRow *
actor_row (Fixture    *fixture,
           const char *name)
{
  g_autoptr(GPtrArray) rows = actor_rows (fixture);

  for (guint i = 0; i < rows->len; i++)
    if (g_strcmp0 (row_text (rows->pdata[i], "actor-name"), name) == 0)
      return rows->pdata[i];

  return NULL;
}

static gboolean
pane_lists (Fixture    *fixture,
            const char *name)
{
  return actor_row (fixture, name) != NULL;
}

static void
select_summit (Fixture *fixture)
{
  attache_window_select_article (fixture->window, fixture->summit_id);
  wait_until (actors_shown (fixture));
  wait_until (pane_lists (fixture, "Teodor Vasko"));
  wait_for_frames (GTK_WIDGET (fixture->window), 3);
}

/* The window searched for the actor @actor_id (or the topic @topic): its
 * search bar has that filter, and lists the articles found, the summit's
 * among them, @n_expected of them unless 0. Then the library again, the
 * summit's article shown. */
static void
check_searched (Fixture    *fixture,
                gint64      actor_id,
                const char *topic,
                guint       n_expected)
{
  AttacheSearchBar *bar = window_child (fixture, "search_bar");
  AdwWindowTitle *title = window_child (fixture, "window_title");
  GListModel *listed;
  gboolean found = FALSE;
  guint n_listed;

  wait_until (attache_search_bar_get_search_mode (bar) &&
              (actor_id == 0 || attache_search_bar_get_query (bar)->actor_id == actor_id) &&
              (topic == NULL || g_strcmp0 (attache_search_bar_get_query (bar)->topic, topic) == 0));
  wait_until (g_str_has_suffix (adw_window_title_get_subtitle (title), " results") ||
              g_str_has_suffix (adw_window_title_get_subtitle (title), " result"));

  listed = G_LIST_MODEL (gtk_list_view_get_model (window_child (fixture, "article_list_view")));
  n_listed = g_list_model_get_n_items (listed);
  g_assert_cmpuint (n_listed, >, 0);
  if (n_expected > 0)
    g_assert_cmpuint (n_listed, ==, n_expected);
  for (guint i = 0; i < n_listed; i++)
    {
      g_autoptr(AttacheArticle) article = g_list_model_get_item (listed, i);

      found |= attache_article_get_id (article) == fixture->summit_id;
    }
  g_assert_true (found);

  attache_search_bar_set_search_mode (bar, FALSE);
  wait_until (attache_summary_pane_get_article (window_child (fixture, "summary_pane")) != NULL &&
              attache_article_get_id (attache_summary_pane_get_article (window_child (fixture, "summary_pane"))) ==
              fixture->summit_id);
  select_summit (fixture);
}

static gint64
find_actor_id (Fixture          *fixture,
               const char       *name,
               AttacheActorType  type)
{
  g_autoptr(GPtrArray) found = attache_library_find_actors (fixture->library, name, NULL);

  for (guint i = 0; found != NULL && i < found->len; i++)
    {
      const AttacheActorInfo *info = found->pdata[i];

      if (info->type == type && g_str_equal (info->name, name))
        return info->id;
    }

  g_error ("No %s actor named “%s”", attache_actor_type_to_string (type), name);
}

/* The reader */

/* The ranges of the buffer with tag @name: (start, end) character offsets. */
static GArray *
tag_ranges (Fixture    *fixture,
            const char *name)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (reader_child (fixture, "text_view"));
  GtkTextTag *tag = gtk_text_tag_table_lookup (gtk_text_buffer_get_tag_table (buffer), name);
  GArray *ranges = g_array_new (FALSE, FALSE, sizeof (int));
  GtkTextIter iter;

  g_assert_nonnull (tag);
  gtk_text_buffer_get_start_iter (buffer, &iter);
  if (!gtk_text_iter_starts_tag (&iter, tag))
    gtk_text_iter_forward_to_tag_toggle (&iter, tag);

  while (!gtk_text_iter_is_end (&iter))
    {
      int start = gtk_text_iter_get_offset (&iter);

      g_assert_true (gtk_text_iter_starts_tag (&iter, tag));
      gtk_text_iter_forward_to_tag_toggle (&iter, tag);
      g_array_append_val (ranges, start);
      start = gtk_text_iter_get_offset (&iter);
      g_array_append_val (ranges, start);
      if (!gtk_text_iter_forward_to_tag_toggle (&iter, tag))
        break;
    }

  return ranges;
}

static char *
dup_buffer_range (Fixture *fixture,
                  int      start,
                  int      end)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (reader_child (fixture, "text_view"));
  GtkTextIter a, b;

  gtk_text_buffer_get_iter_at_offset (buffer, &a, start);
  gtk_text_buffer_get_iter_at_offset (buffer, &b, end);
  return gtk_text_buffer_get_text (buffer, &a, &b, FALSE);
}

static guint
n_tagged (Fixture    *fixture,
          const char *name)
{
  g_autoptr(GArray) ranges = tag_ranges (fixture, name);

  return ranges->len / 2;
}

/* Where the reader shows @needle last, in characters (the first sentence of
 * the text is its title too). */
static int
buffer_offset_of (Fixture    *fixture,
                  const char *needle)
{
  g_autofree char *text = dup_reader_text (fixture->window);
  const char *found = g_strrstr (text, needle);

  g_assert_nonnull (found);
  return g_utf8_pointer_to_offset (text, found);
}

static gboolean
legend_shown (Fixture *fixture)
{
  return gtk_revealer_get_reveal_child (reader_child (fixture, "legend_revealer"));
}

/* Lets the legend finish sliding in (or out), for the pictures. */
static void
wait_for_legend (Fixture *fixture)
{
  GtkRevealer *revealer = reader_child (fixture, "legend_revealer");

  wait_until (gtk_revealer_get_child_revealed (revealer) == gtk_revealer_get_reveal_child (revealer));
  wait_for_frames (GTK_WIDGET (fixture->window), 3);
}

/* An article other than the summit. */
static gint64
other_article_id (Fixture *fixture)
{
  g_autoptr(GPtrArray) articles = attache_library_list_articles (fixture->library, NULL);

  for (guint i = 0; articles != NULL && i < articles->len; i++)
    if (attache_article_get_id (articles->pdata[i]) != fixture->summit_id)
      return attache_article_get_id (articles->pdata[i]);

  g_assert_not_reached ();
}

/* Tests */

/* One article: its actors ranked, with type, role, mentions and salience;
 * its topics as chips; its subject and summary. */
static void
test_pane (Fixture       *fixture,
           gconstpointer  data)
{
  static const char * const expected_first[] = {
    "Teodor Vasko", "Mirela Dunn", "Estland", "Brenna", "Northern Fisheries Council",
  };
  g_autoptr(AttacheAnalysis) analysis = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  GtkWidget *chip, *icon, *bar;

  select_summit (fixture);
  wait_until (reader_shows (fixture->window, SUMMIT_FIRST_SENTENCE));

  rows = actor_rows (fixture);
  g_assert_cmpuint (rows->len, >=, G_N_ELEMENTS (expected_first));

  /* The minister first, named most and with his title; then the chair, the
   * country and the city. */
  for (guint i = 0; i < G_N_ELEMENTS (expected_first); i++)
    g_assert_cmpstr (row_text (rows->pdata[i], "actor-name"), ==, expected_first[i]);
  g_assert_cmpstr (row_text (rows->pdata[0], "actor-role"), ==, "Foreign Minister");
  g_assert_null (row_text (rows->pdata[1], "actor-role"));
  g_assert_cmpuint (g_ascii_strtoull (row_text (rows->pdata[0], "actor-mentions"), NULL, 10), ==, 3);

  icon = find_with_class (GTK_WIDGET (rows->pdata[0]), "actor-type");
  g_assert_cmpstr (gtk_image_get_icon_name (GTK_IMAGE (icon)), ==, "avatar-default-symbolic");
  g_assert_cmpstr (gtk_widget_get_tooltip_text (icon), ==, "Person");
  icon = find_with_class (GTK_WIDGET (rows->pdata[4]), "actor-type");
  g_assert_cmpstr (gtk_widget_get_tooltip_text (icon), ==, "Organisation");

  /* The most salient is 1, the others less. */
  bar = find_with_class (GTK_WIDGET (rows->pdata[0]), "salience");
  g_assert_cmpfloat (gtk_level_bar_get_value (GTK_LEVEL_BAR (bar)), ==, 1.0);
  bar = find_with_class (GTK_WIDGET (rows->pdata[1]), "salience");
  g_assert_cmpfloat (gtk_level_bar_get_value (GTK_LEVEL_BAR (bar)), <, 1.0);

  /* All of them, in the order the library ranks them. */
  analysis = attache_library_get_analysis (fixture->library, fixture->summit_id, NULL);
  g_assert_nonnull (analysis);
  g_assert_cmpuint (rows->len, ==, analysis->actors->len);
  for (guint i = 0; i < rows->len; i++)
    g_assert_cmpstr (row_text (rows->pdata[i], "actor-name"), ==,
                     ((AttacheFoundActor *) analysis->actors->pdata[i])->name);

  /* Topics as chips that show the articles about them. */
  chip = find_with_class (GTK_WIDGET (pane_child (fixture, "topic_box")), "topic-chip");
  g_assert_true (GTK_IS_BUTTON (chip));
  g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (chip)), ==, "win.search-topic");
  g_assert_true (gtk_widget_is_sensitive (chip));
  {
    g_autofree char *topic = g_strdup (gtk_label_get_text (GTK_LABEL (gtk_button_get_child (GTK_BUTTON (chip)))));

    g_signal_emit_by_name (chip, "clicked");
    check_searched (fixture, 0, topic, 0);
  }

  /* The subject and the summary's first sentence. */
  g_assert_true (gtk_widget_get_mapped (pane_child (fixture, "subject_label")));
  g_assert_cmpstr (gtk_label_get_text (pane_child (fixture, "subject_label")), ==, "Politics");
  chip = find_with_class (GTK_WIDGET (pane_child (fixture, "summary_box")), "summary-sentence");
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (chip)), ==, SUMMIT_FIRST_SENTENCE);
}

/* Clicking an actor highlights its mentions in the reader, where the analysis
 * found them; "Highlight All" every actor's, each type in its colour. */
static void
test_highlight (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(AttacheAnalysis) analysis = NULL;
  g_autoptr(GArray) ranges = NULL;
  GtkListBoxRow *row;
  GtkWidget *show_button;
  GtkToggleButton *highlight_all;
  GtkWidget *legend_types;
  gint64 vasko_id;
  guint total = 0, legend_items = 0;

  select_summit (fixture);
  wait_until (reader_shows (fixture->window, SUMMIT_FIRST_SENTENCE));
  g_assert_false (legend_shown (fixture));
  g_assert_cmpuint (n_tagged (fixture, "actor-person"), ==, 0);

  /* Click the minister. */
  row = actor_row (fixture, "Teodor Vasko");
  g_signal_emit_by_name (row, "activate");
  wait_until (n_tagged (fixture, "actor-person") > 0);

  /* As many marks as mentions, each on his name (in full or not), the first
   * where the text first names him; nothing of another type. */
  ranges = tag_ranges (fixture, "actor-person");
  g_assert_cmpuint (ranges->len / 2, ==, 3);
  for (guint i = 0; i < ranges->len; i += 2)
    {
      g_autofree char *marked = dup_buffer_range (fixture, g_array_index (ranges, int, i),
                                                  g_array_index (ranges, int, i + 1));

      g_assert_true (g_str_equal (marked, "Teodor Vasko") || g_str_equal (marked, "Vasko"));
    }
  g_assert_cmpint (g_array_index (ranges, int, 0), ==, buffer_offset_of (fixture, "Teodor Vasko of Estland"));
  g_assert_cmpint (g_array_index (ranges, int, 1) - g_array_index (ranges, int, 0), ==, strlen ("Teodor Vasko"));
  g_assert_cmpuint (n_tagged (fixture, "actor-location"), ==, 0);

  /* The same offsets as the library's analysis. */
  analysis = attache_library_get_analysis (fixture->library, fixture->summit_id, NULL);
  g_assert_cmpuint (((AttacheFoundActor *) analysis->actors->pdata[0])->spans->len, ==, 3);

  /* The legend says what is marked, in which colour. */
  wait_until (legend_shown (fixture));
  g_assert_cmpstr (gtk_label_get_text (reader_child (fixture, "legend_label")), ==, "3 mentions of Teodor Vasko");
  legend_types = reader_child (fixture, "legend_types");
  g_assert_nonnull (find_with_class (legend_types, "legend-item"));
  g_assert_null (gtk_widget_get_next_sibling (gtk_widget_get_first_child (legend_types)));

  /* The row is chosen, and offers the articles that mention him. */
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (row), "selected-actor"));
  show_button = find_action_button (GTK_WIDGET (row), "win.search-actor");
  g_assert_nonnull (show_button);
  g_assert_true (gtk_revealer_get_reveal_child (GTK_REVEALER (gtk_widget_get_ancestor (show_button, GTK_TYPE_REVEALER))));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (gtk_button_get_child (GTK_BUTTON (show_button)))), ==,
                   "Show Articles Mentioning Teodor Vasko");
  vasko_id = find_actor_id (fixture, "Teodor Vasko", ATTACHE_ACTOR_PERSON);
  g_assert_cmpint (g_variant_get_int64 (gtk_actionable_get_action_target_value (GTK_ACTIONABLE (show_button))),
                   ==, vasko_id);
  wait_for_frames (GTK_WIDGET (fixture->window), 3);
  g_assert_true (gtk_widget_is_sensitive (show_button));
  g_signal_emit_by_name (show_button, "clicked");
  check_searched (fixture, vasko_id, NULL, 3);
  /* The library again (the pane showed the results meanwhile): the
   * minister chosen again. */
  wait_until (actors_shown (fixture));
  wait_until (pane_lists (fixture, "Teodor Vasko"));
  row = gtk_list_box_get_row_at_index (pane_child (fixture, "actor_list"), 0);
  if (!gtk_widget_has_css_class (GTK_WIDGET (row), "selected-actor"))
    g_signal_emit_by_name (row, "activate");
  wait_until (gtk_widget_has_css_class (GTK_WIDGET (row), "selected-actor"));
  wait_until (legend_shown (fixture));

  wait_for_legend (fixture);
  save_png (GTK_WIDGET (fixture->window), "actors-pane.png");
  set_dark (TRUE);
  wait_for_frames (GTK_WIDGET (fixture->window), 3);
  save_png (GTK_WIDGET (fixture->window), "actors-pane-dark.png");
  set_dark (FALSE);

  /* Another click lets him go: no marks, no legend. */
  g_signal_emit_by_name (row, "activate");
  wait_until (n_tagged (fixture, "actor-person") == 0);
  g_assert_false (legend_shown (fixture));
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (row), "selected-actor"));

  /* Every actor, each type its own tag; the legend has the four types. */
  highlight_all = pane_child (fixture, "highlight_all_button");
  gtk_toggle_button_set_active (highlight_all, TRUE);
  wait_until (legend_shown (fixture));
  for (guint i = 0; i < analysis->actors->len; i++)
    total += ((AttacheFoundActor *) analysis->actors->pdata[i])->spans->len;
  g_assert_cmpuint (n_tagged (fixture, "actor-person") + n_tagged (fixture, "actor-organization") +
                    n_tagged (fixture, "actor-country") + n_tagged (fixture, "actor-location"), ==, total);
  g_assert_cmpuint (n_tagged (fixture, "actor-country"), ==, 2);   /* Norway, Iceland */
  for (GtkWidget *item = gtk_widget_get_first_child (legend_types); item != NULL; item = gtk_widget_get_next_sibling (item))
    legend_items++;
  g_assert_cmpuint (legend_items, ==, 4);
  wait_for_legend (fixture);
  save_png (GTK_WIDGET (fixture->window), "actors-highlight-all.png");
  set_dark (TRUE);
  wait_for_frames (GTK_WIDGET (fixture->window), 3);
  save_png (GTK_WIDGET (fixture->window), "actors-highlight-all-dark.png");
  set_dark (FALSE);

  /* Closing the legend stops it, and the pane knows. */
  g_signal_emit_by_name (reader_child (fixture, "legend_close_button"), "clicked");
  wait_until (!legend_shown (fixture));
  g_assert_cmpuint (n_tagged (fixture, "actor-person"), ==, 0);
  g_assert_false (gtk_toggle_button_get_active (highlight_all));

  /* Marks are of one article: another one shows none. */
  g_signal_emit_by_name (actor_row (fixture, "Mirela Dunn"), "activate");
  wait_until (n_tagged (fixture, "actor-person") > 0);
  attache_window_select_article (fixture->window, other_article_id (fixture));
  wait_until (!reader_shows (fixture->window, SUMMIT_FIRST_SENTENCE));
  g_assert_cmpuint (n_tagged (fixture, "actor-person"), ==, 0);
  g_assert_false (legend_shown (fixture));
}

/* The Actors window */

static AttacheActorsView *
open_actors_window (Fixture *fixture)
{
  GtkWindow *window;
  AttacheActorsView *view;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.show-actors", NULL));
  window = find_toplevel (ADW_TYPE_WINDOW);
  g_assert_nonnull (window);
  view = attache_actors_window_get_view (window);
  g_assert_nonnull (view);
  wait_until (!attache_actors_view_get_busy (view) && attache_actors_view_get_n_actors (view) > 0);
  wait_for_frames (GTK_WIDGET (window), 3);
  return view;
}

static const AttacheActorInfo *
view_actor (AttacheActorsView *view,
            gint64             id)
{
  for (guint i = 0; i < attache_actors_view_get_n_actors (view); i++)
    {
      const AttacheActorInfo *info = attache_actors_view_get_actor (view, i);

      if (info->id == id)
        return info;
    }

  return NULL;
}

static gboolean
has_alias (const AttacheActorInfo *info,
           const char             *name)
{
  for (guint i = 0; i < info->aliases->len; i++)
    if (g_str_equal (((AttacheActorAlias *) info->aliases->pdata[i])->name, name))
      return TRUE;

  return FALSE;
}

static gboolean
actor_exists (Fixture *fixture,
              gint64   id)
{
  g_autoptr(AttacheActorInfo) info = attache_library_get_actor (fixture->library, id, NULL);

  return info != NULL;
}

/* Presses the Undo of the toast about the last correction. */
static void
press_undo (AttacheActorsView *view)
{
  GtkWidget *overlay = get_child (ATTACHE_TYPE_ACTORS_VIEW, GTK_WIDGET (view), "toast_overlay");
  GtkWidget *button = NULL;

  wait_until ((button = find_action_button (overlay, "actors.undo")) != NULL);
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (button)), ==, "_Undo");
  g_signal_emit_by_name (button, "clicked");
}

static gboolean
has_label_with (GtkWidget  *widget,
                const char *text)
{
  if (GTK_IS_LABEL (widget) && strstr (gtk_label_get_text (GTK_LABEL (widget)), text) != NULL)
    return TRUE;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (has_label_with (child, text))
      return TRUE;

  return FALSE;
}

/* TRUE while a toast of the view says @text. */
static gboolean
toast_says (AttacheActorsView *view,
            const char        *text)
{
  GtkWidget *overlay = get_child (ATTACHE_TYPE_ACTORS_VIEW, GTK_WIDGET (view), "toast_overlay");

  /* The overlay's children: its content, then the toasts. */
  for (GtkWidget *child = gtk_widget_get_next_sibling (gtk_widget_get_first_child (overlay));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (has_label_with (child, text))
      return TRUE;

  return FALSE;
}

/* Merging two actors through the window: the library has one, with both
 * names, the pane shows one; Undo puts both back. */
static void
test_merge (Fixture       *fixture,
            gconstpointer  data)
{
  AttacheActorsView *view;
  gint64 keep_id, other_id;
  g_autoptr(AttacheActorInfo) kept = NULL;
  g_autoptr(AttacheActorInfo) back = NULL;
  g_autoptr(AttacheActorInfo) before = NULL;

  select_summit (fixture);
  g_assert_true (pane_lists (fixture, "Fisheries Council"));
  g_assert_true (pane_lists (fixture, "Northern Fisheries Council"));

  view = open_actors_window (fixture);
  keep_id = find_actor_id (fixture, "Northern Fisheries Council", ATTACHE_ACTOR_ORGANIZATION);
  other_id = find_actor_id (fixture, "Fisheries Council", ATTACHE_ACTOR_ORGANIZATION);
  g_assert_nonnull (view_actor (view, other_id));
  before = attache_library_get_actor (fixture->library, keep_id, NULL);
  g_assert_cmpint (before->n_articles, ==, 2);

  /* The menu's action, as the dialog ends in. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "actors.merge-into", "(xx)", other_id, keep_id));
  g_assert_true (attache_actors_view_get_busy (view));
  wait_until (!actor_exists (fixture, other_id));

  kept = attache_library_get_actor (fixture->library, keep_id, NULL);
  g_assert_nonnull (kept);
  g_assert_true (has_alias (kept, "Fisheries Council"));
  g_assert_true (has_alias (kept, "Northern Fisheries Council"));
  wait_until (toast_says (view, "Merged “Fisheries Council” into “Northern Fisheries Council”"));

  /* The list and the pane follow. */
  wait_until (!attache_actors_view_get_busy (view) && view_actor (view, other_id) == NULL);
  g_assert_true (has_alias (view_actor (view, keep_id), "Fisheries Council"));
  wait_until (!pane_lists (fixture, "Fisheries Council"));
  g_assert_true (pane_lists (fixture, "Northern Fisheries Council"));
  g_assert_cmpuint (g_ascii_strtoull (row_text (actor_row (fixture, "Northern Fisheries Council"), "actor-mentions"), NULL, 10), ==, 2);

  wait_for_frames (GTK_WIDGET (gtk_widget_get_root (GTK_WIDGET (view))), 5);
  save_png (GTK_WIDGET (gtk_widget_get_root (GTK_WIDGET (view))), "actors-view.png");

  /* Undo, as the toast's button does. */
  press_undo (view);
  wait_until (actor_exists (fixture, other_id));
  back = attache_library_get_actor (fixture->library, other_id, NULL);
  g_assert_cmpstr (back->name, ==, "Fisheries Council");
  g_clear_pointer (&kept, attache_actor_info_free);
  kept = attache_library_get_actor (fixture->library, keep_id, NULL);
  g_assert_false (has_alias (kept, "Fisheries Council"));
  g_assert_cmpint (kept->n_articles, ==, before->n_articles);
  wait_until (pane_lists (fixture, "Fisheries Council"));
  wait_until (!attache_actors_view_get_busy (view) && view_actor (view, other_id) != NULL);
}

#if !ADW_CHECK_VERSION (1, 5, 0)
static AdwMessageDialog *
find_dialog (void)
{
  return ADW_MESSAGE_DIALOG (find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
}
#endif

static GtkListBoxRow *
find_choice (GtkWidget  *dialog,
             const char *name)
{
  GtkListBox *list = GTK_LIST_BOX (find_with_class (dialog, "actor-choices"));
  GtkListBoxRow *row;

  for (guint i = 0; (row = gtk_list_box_get_row_at_index (list, i)) != NULL; i++)
    if (g_strcmp0 (g_object_get_data (G_OBJECT (row), "attache-name"), name) == 0)
      return row;

  return NULL;
}

/* Merge Into… asks which actor to keep; Split Alias Off… which name to split. */
static void
test_merge_dialog (Fixture       *fixture,
                   gconstpointer  data)
{
#if ADW_CHECK_VERSION (1, 5, 0)
  g_test_skip ("The dialogs are AdwAlertDialogs here: tested with libadwaita 1.2's AdwMessageDialog");
#else
  g_autoptr(AttacheActorInfo) kept = NULL;
  AttacheActorsView *view;
  AdwMessageDialog *dialog;
  GtkListBoxRow *row;
  const AttacheActorInfo *info;
  const AttacheActorAlias *alias = NULL;
  gint64 keep_id, other_id, split_id;

  select_summit (fixture);
  view = open_actors_window (fixture);
  keep_id = find_actor_id (fixture, "Northern Fisheries Council", ATTACHE_ACTOR_ORGANIZATION);
  other_id = find_actor_id (fixture, "Fisheries Council", ATTACHE_ACTOR_ORGANIZATION);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "actors.merge", "x", other_id));
  wait_until ((dialog = find_dialog ()) != NULL);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Merge “Fisheries Council” Into…");
  /* Nothing chosen, nothing to merge into. */
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "accept"));
  wait_until ((row = find_choice (GTK_WIDGET (dialog), "Northern Fisheries Council")) != NULL);
  g_assert_null (find_choice (GTK_WIDGET (dialog), "Fisheries Council"));

  /* The filter finds it too. */
  gtk_editable_set_text (GTK_EDITABLE (find_by_type (GTK_WIDGET (dialog), GTK_TYPE_SEARCH_ENTRY)), "northern");
  wait_until (find_choice (GTK_WIDGET (dialog), "Mirela Dunn") == NULL &&
              (row = find_choice (GTK_WIDGET (dialog), "Northern Fisheries Council")) != NULL);

  gtk_list_box_select_row (GTK_LIST_BOX (gtk_widget_get_parent (GTK_WIDGET (row))), row);
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "accept"));
  wait_for_frames (GTK_WIDGET (dialog), 5);
  save_png (GTK_WIDGET (dialog), "actors-merge-dialog.png");
  /* A double click chooses it. */
  g_signal_emit_by_name (row, "activate");
  wait_until (!actor_exists (fixture, other_id));
  wait_until (find_dialog () == NULL);

  kept = attache_library_get_actor (fixture->library, keep_id, NULL);
  g_assert_true (has_alias (kept, "Fisheries Council"));
  wait_until (!pane_lists (fixture, "Fisheries Council"));

  /* And split off again. */
  wait_until (!attache_actors_view_get_busy (view) && (info = view_actor (view, keep_id)) != NULL &&
              has_alias (info, "Fisheries Council"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "actors.split", "x", keep_id));
  wait_until ((dialog = find_dialog ()) != NULL);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Split a Name Off “Northern Fisheries Council”");
  row = find_choice (GTK_WIDGET (dialog), "Fisheries Council");
  g_assert_nonnull (row);
  gtk_list_box_select_row (GTK_LIST_BOX (gtk_widget_get_parent (GTK_WIDGET (row))), row);
  adw_message_dialog_response (dialog, "accept");
  gtk_window_close (GTK_WINDOW (dialog));
  for (guint i = 0; i < kept->aliases->len; i++)
    if (g_str_equal (((AttacheActorAlias *) kept->aliases->pdata[i])->name, "Fisheries Council"))
      alias = kept->aliases->pdata[i];
  g_assert_nonnull (alias);

  wait_until (pane_lists (fixture, "Fisheries Council"));
  split_id = find_actor_id (fixture, "Fisheries Council", ATTACHE_ACTOR_ORGANIZATION);
  g_assert_cmpint (split_id, !=, keep_id);
  g_clear_pointer (&kept, attache_actor_info_free);
  kept = attache_library_get_actor (fixture->library, keep_id, NULL);
  g_assert_false (has_alias (kept, "Fisheries Council"));
#endif
}

/* Hiding, renaming and retyping: the pane shows the actors as the analyst
 * says they are. */
static void
test_hide_rename (Fixture       *fixture,
                  gconstpointer  data)
{
  AttacheActorsView *view;
  gint64 iceland_id, estland_id;
  g_autoptr(AttacheActorInfo) info = NULL;
  GtkWidget *icon;

  select_summit (fixture);
  view = open_actors_window (fixture);
  iceland_id = find_actor_id (fixture, "Iceland", ATTACHE_ACTOR_COUNTRY);
  estland_id = find_actor_id (fixture, "Estland", ATTACHE_ACTOR_LOCATION);
  g_assert_true (pane_lists (fixture, "Iceland"));

  /* Not an actor: gone from the pane, still in the Actors view, hidden. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "actors.hide", "x", iceland_id));
  wait_until (!pane_lists (fixture, "Iceland"));
  info = attache_library_get_actor (fixture->library, iceland_id, NULL);
  g_assert_true (info->hidden);
  wait_until (!attache_actors_view_get_busy (view) && view_actor (view, iceland_id) != NULL &&
              view_actor (view, iceland_id)->hidden);
  wait_until (toast_says (view, "Hid “Iceland”: not an actor"));
  set_dark (TRUE);
  /* The toast has slid in. */
  wait_for_frames (GTK_WIDGET (gtk_widget_get_root (GTK_WIDGET (view))), 40);
  save_png (GTK_WIDGET (gtk_widget_get_root (GTK_WIDGET (view))), "actors-view-dark.png");
  set_dark (FALSE);

  /* Undo: back in the pane. */
  press_undo (view);
  wait_until (pane_lists (fixture, "Iceland"));
  g_clear_pointer (&info, attache_actor_info_free);
  info = attache_library_get_actor (fixture->library, iceland_id, NULL);
  g_assert_false (info->hidden);

  /* Renamed and made a country: the pane follows, and the filter finds it
   * by its old name too. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "actors.rename-to", "(xs)",
                                             estland_id, "Republic of Estland"));
  wait_until (pane_lists (fixture, "Republic of Estland"));
  g_assert_false (pane_lists (fixture, "Estland"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "actors.set-type", "(xs)",
                                             estland_id, "country"));
  wait_until ((icon = find_with_class (GTK_WIDGET (actor_row (fixture, "Republic of Estland")), "actor-type")) != NULL &&
              g_strcmp0 (gtk_image_get_icon_name (GTK_IMAGE (icon)), "emoji-flags-symbolic") == 0);

  attache_actors_view_set_filter (view, "estland");
  wait_until (!attache_actors_view_get_busy (view));
  g_assert_cmpuint (attache_actors_view_get_n_actors (view), ==, 1);
  g_assert_cmpstr (attache_actors_view_get_actor (view, 0)->name, ==, "Republic of Estland");
  g_assert_cmpint (attache_actors_view_get_actor (view, 0)->type, ==, ATTACHE_ACTOR_COUNTRY);
  g_assert_cmpint (attache_actors_view_get_actor (view, 0)->n_articles, ==, 3);
  g_assert_cmpstr (attache_actors_view_get_actor (view, 0)->first_seen, ==, "2024-05-02");
  g_assert_cmpstr (attache_actors_view_get_actor (view, 0)->last_seen, ==, "2024-05-21");

  attache_actors_view_set_filter (view, "no such actor");
  wait_until (!attache_actors_view_get_busy (view));
  g_assert_cmpuint (attache_actors_view_get_n_actors (view), ==, 0);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (get_child (ATTACHE_TYPE_ACTORS_VIEW, GTK_WIDGET (view), "stack")),
                   ==, "empty");

  /* A correction that cannot be made says why, and changes nothing. */
  attache_actors_view_set_filter (view, NULL);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "actors.merge-into", "(xx)", estland_id, estland_id));
  wait_until (toast_says (view, "Could not merge"));
  g_assert_true (actor_exists (fixture, estland_id));
}

/* The network of the article, the mentions of its minister over time and the
 * network of the library, each in a window: drawn, saved as PNG, and a click
 * on an actor asks for the articles that mention it. */
static void
test_pictures (Fixture       *fixture,
               gconstpointer  data)
{
  AttacheChartWindow *window;
  AttacheNetworkView *network_view;
  AttacheTimelineView *timeline_view;
  AttacheTimeline *timeline;
  AttacheActorNetwork *network;
  AttacheActorsView *actors_view;
  gint64 vasko_id, dunn_id;
  guint total = 0;

  select_summit (fixture);
  vasko_id = find_actor_id (fixture, "Teodor Vasko", ATTACHE_ACTOR_PERSON);
  dunn_id = find_actor_id (fixture, "Mirela Dunn", ATTACHE_ACTOR_PERSON);

  /* The article's network, from the button of the pane. */
  g_signal_emit_by_name (pane_child (fixture, "network_button"), "clicked");
  wait_until ((window = (AttacheChartWindow *) find_toplevel (ATTACHE_TYPE_CHART_WINDOW)) != NULL);
  network_view = ATTACHE_NETWORK_VIEW (attache_chart_window_get_view (window));
  wait_until (attache_network_view_get_ready (network_view));
  network = attache_network_view_get_network (network_view);
  g_assert_cmpuint (network->n_articles, ==, 1);
  g_assert_cmpint (attache_actor_network_find_node (network, vasko_id), ==, 0);
  g_assert_cmpint (attache_actor_network_find_node (network, dunn_id), >=, 0);
  g_assert_cmpuint (network->edges->len, >, 0);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (network_view)));
  wait_for_frames (GTK_WIDGET (window), 5);
  save_png (GTK_WIDGET (window), "network-window.png");
  set_dark (TRUE);
  wait_for_frames (GTK_WIDGET (window), 3);
  save_png (GTK_WIDGET (window), "network-window-dark.png");
  set_dark (FALSE);

  /* A click on the chair: the articles that mention her, in the main window. */
  g_signal_emit_by_name (network_view, "actor-activated", dunn_id);
  check_searched (fixture, dunn_id, NULL, 0);
  gtk_window_destroy (GTK_WINDOW (window));
  wait_until (find_toplevel (ATTACHE_TYPE_CHART_WINDOW) == NULL);

  /* The minister over time: three articles, three weeks of May. */
  g_assert_true (gtk_widget_activate_action (window_child (fixture, "summary_pane"), "pane.actor-timeline", "x", vasko_id));
  wait_until ((window = (AttacheChartWindow *) find_toplevel (ATTACHE_TYPE_CHART_WINDOW)) != NULL);
  timeline_view = ATTACHE_TIMELINE_VIEW (attache_chart_window_get_view (window));
  wait_until ((timeline = attache_timeline_view_get_timeline (timeline_view)) != NULL);
  g_assert_cmpint (timeline->actor_id, ==, vasko_id);
  g_assert_cmpuint (timeline->articles, ==, 3);
  for (guint i = 0; i < timeline->bins->len; i++)
    total += g_array_index (timeline->bins, AttacheTimelineBin, i).count;
  g_assert_cmpuint (total, ==, timeline->total);
  g_assert_cmpuint (timeline->total, >=, 5);
  wait_for_frames (GTK_WIDGET (window), 5);
  save_png (GTK_WIDGET (window), "timeline-window.png");

  /* By week: the bars change. */
  gtk_drop_down_set_selected (get_child (ATTACHE_TYPE_CHART_WINDOW, GTK_WIDGET (window), "bucket_dropdown"), 2);
  wait_until (attache_timeline_view_get_timeline (timeline_view) != timeline &&
              attache_timeline_view_get_timeline (timeline_view)->bucket == ATTACHE_TIMELINE_WEEK);
  set_dark (TRUE);
  wait_for_frames (GTK_WIDGET (window), 5);
  save_png (GTK_WIDGET (window), "timeline-window-dark.png");
  set_dark (FALSE);
  gtk_window_destroy (GTK_WINDOW (window));
  wait_until (find_toplevel (ATTACHE_TYPE_CHART_WINDOW) == NULL);

  /* A topic over time. */
  g_assert_true (gtk_widget_activate_action (window_child (fixture, "summary_pane"), "pane.topic-timeline", "s", "quotas"));
  wait_until ((window = (AttacheChartWindow *) find_toplevel (ATTACHE_TYPE_CHART_WINDOW)) != NULL);
  wait_until (!attache_chart_window_get_loading (window));
  gtk_window_destroy (GTK_WINDOW (window));

  /* The library's network, from the Actors window. */
  actors_view = open_actors_window (fixture);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (actors_view), "actors.show-network", NULL));
  wait_until ((window = (AttacheChartWindow *) find_toplevel (ATTACHE_TYPE_CHART_WINDOW)) != NULL);
  network_view = ATTACHE_NETWORK_VIEW (attache_chart_window_get_view (window));
  wait_until (attache_network_view_get_ready (network_view));
  g_assert_cmpuint (attache_network_view_get_network (network_view)->n_articles, ==, 3);
  wait_for_frames (GTK_WIDGET (window), 5);
  save_png (GTK_WIDGET (window), "network-library-window.png");

  /* Over the Actors window, a click still reaches the main window. */
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (window)) ==
                 GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (actors_view))));
  g_signal_emit_by_name (network_view, "actor-activated", vasko_id);
  check_searched (fixture, vasko_id, NULL, 3);
}

/* The analysts' sample article (../shared/samples), imported through the
 * window: the pane ranks its actors as the library does, the Secretary of
 * State first with his title, then the French President among the first
 * three. Registered in the eval suite on its own (it reads ../shared). */
static void
test_sample (Fixture       *fixture,
             gconstpointer  data)
{
  const char *root = g_getenv ("ATTACHE_SHARED_DIR");
  g_autofree char *path = root != NULL ? g_build_filename (root, "samples", "000_2928e92e240a864f.txt", NULL) : NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GPtrArray) articles = NULL;
  g_autoptr(AttacheAnalysis) analysis = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  GtkWidget *icon;
  gint64 sample_id = 0;
  int macron = -1;

  if (path == NULL || !g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      g_test_skip ("../shared/samples is absent: no sample article to show");
      return;
    }

  file = g_file_new_for_path (path);
  attache_window_import_files (fixture->window, &file, 1);
  wait_until (attache_library_count_articles (fixture->library, NULL) == 4);
  articles = attache_library_list_articles (fixture->library, NULL);
  for (guint i = 0; i < articles->len; i++)
    if (g_str_has_prefix (attache_article_get_title (articles->pdata[i]), "US Secretary of State Antony Blinken"))
      sample_id = attache_article_get_id (articles->pdata[i]);
  g_assert_cmpint (sample_id, !=, 0);
  wait_until (all_analysed (fixture));

  attache_window_select_article (fixture->window, sample_id);
  wait_until (actors_shown (fixture));
  wait_until (pane_lists (fixture, "Antony Blinken"));
  wait_for_frames (GTK_WIDGET (fixture->window), 3);

  /* The library's ranking, row by row, the first ten then all of them. */
  analysis = attache_library_get_analysis (fixture->library, sample_id, NULL);
  g_assert_nonnull (analysis);
  rows = actor_rows (fixture);
  g_assert_cmpuint (rows->len, ==, MIN (analysis->actors->len, 10));
  if (rows->len < analysis->actors->len)
    {
      GtkListBox *list = pane_child (fixture, "actor_list");
      GtkListBoxRow *show_all = gtk_list_box_get_row_at_index (list, (int) rows->len);

      g_assert_nonnull (find_with_class (GTK_WIDGET (show_all), "show-all"));
      g_signal_emit_by_name (show_all, "activate");
      wait_until (gtk_list_box_get_row_at_index (list, (int) analysis->actors->len - 1) != NULL);
      g_clear_pointer (&rows, g_ptr_array_unref);
      rows = actor_rows (fixture);
    }
  g_assert_cmpuint (rows->len, ==, analysis->actors->len);
  for (guint i = 0; i < rows->len; i++)
    {
      const AttacheFoundActor *actor = analysis->actors->pdata[i];

      g_test_message ("%u. %s", i + 1, row_text (rows->pdata[i], "actor-name"));
      g_assert_cmpstr (row_text (rows->pdata[i], "actor-name"), ==, actor->name);
      if (g_str_equal (actor->name, "Emmanuel Macron"))
        macron = (int) i;
    }

  /* Blinken first, a person, with his title; Macron among the first three. */
  g_assert_cmpstr (row_text (rows->pdata[0], "actor-name"), ==, "Antony Blinken");
  g_assert_cmpstr (row_text (rows->pdata[0], "actor-role"), ==, "US Secretary of State");
  icon = find_with_class (GTK_WIDGET (rows->pdata[0]), "actor-type");
  g_assert_cmpstr (gtk_widget_get_tooltip_text (icon), ==, "Person");
  g_assert_cmpint (macron, >=, 0);
  g_assert_cmpint (macron, <, 3);
  g_assert_cmpstr (row_text (rows->pdata[macron], "actor-role"), ==, "French President");
  g_assert_null (actor_row (fixture, "Blinken"));
  g_assert_null (actor_row (fixture, "Macron"));

  wait_for_frames (GTK_WIDGET (fixture->window), 5);
  save_png (GTK_WIDGET (fixture->window), "actors-sample.png");
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  g_test_init (&argc, &argv, NULL);

  g_test_add ("/actors-window/pane", Fixture, NULL, fixture_set_up, test_pane, fixture_tear_down);
  g_test_add ("/actors-window/highlight", Fixture, NULL, fixture_set_up, test_highlight, fixture_tear_down);
  g_test_add ("/actors-window/merge", Fixture, NULL, fixture_set_up, test_merge, fixture_tear_down);
  g_test_add ("/actors-window/merge-dialog", Fixture, NULL, fixture_set_up, test_merge_dialog, fixture_tear_down);
  g_test_add ("/actors-window/hide-rename", Fixture, NULL, fixture_set_up, test_hide_rename, fixture_tear_down);
  g_test_add ("/actors-window/pictures", Fixture, NULL, fixture_set_up, test_pictures, fixture_tear_down);
  g_test_add ("/actors-window/sample", Fixture, NULL, fixture_set_up, test_sample, fixture_tear_down);

  ret = g_test_run ();

  clear_application ();

  return ret;
}
