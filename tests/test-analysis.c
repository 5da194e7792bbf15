/* test-analysis.c: actors, topics, subject and summary, on texts written for this test
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <sqlite3.h>

#include "attache.h"

#include "test-helpers.h"

static const char lammy_text[] =
  "British Foreign Secretary David Lammy met German Chancellor Olaf Scholz in Berlin on Monday to "
  "discuss military aid for Ukraine and the coming NATO summit. The talks focused on air defence and on "
  "sanctions against Russia.\n\n"
  "Lammy said the United Kingdom and Germany would coordinate their support. \"Britain stands with "
  "Ukraine,\" Mr Lammy told reporters after the meeting. Scholz said Germany would send more air defence "
  "systems before the NATO summit.\n\n"
  "The North Atlantic Treaty Organization (NATO) will meet in Washington in July. The UK has promised "
  "further military aid, and the European Union is preparing a new sanctions package against Russia.";

static const AttacheFoundActor *
find_actor (const AttacheAnalysis *analysis,
            const char            *name)
{
  for (guint i = 0; i < analysis->actors->len; i++)
    {
      const AttacheFoundActor *actor = g_ptr_array_index (analysis->actors, i);

      if (g_str_equal (actor->name, name))
        return actor;
    }

  return NULL;
}

static gboolean
has_string (GPtrArray  *list,
            const char *value)
{
  for (guint i = 0; i < list->len; i++)
    if (g_str_equal (g_ptr_array_index (list, i), value))
      return TRUE;
  return FALSE;
}

static guint
rank_of (const AttacheAnalysis *analysis,
         const char            *name)
{
  for (guint i = 0; i < analysis->actors->len; i++)
    if (g_str_equal (((AttacheFoundActor *) g_ptr_array_index (analysis->actors, i))->name, name))
      return i;
  return G_MAXUINT;
}

static void
test_actors (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AttacheAnalysis) analysis =
    attache_analyze ("Lammy and Scholz agree on air defence for Ukraine", lammy_text, 3, NULL, &error);
  const AttacheFoundActor *lammy, *scholz, *uk, *nato;

  g_assert_no_error (error);
  g_assert_cmpstr (analysis->language, ==, "en");
  g_assert_true (analysis->analysed);

  /* One actor per person, whatever the form: "David Lammy", "Lammy", "Mr Lammy". */
  lammy = find_actor (analysis, "David Lammy");
  g_assert_nonnull (lammy);
  g_assert_cmpint (lammy->type, ==, ATTACHE_ACTOR_PERSON);
  g_assert_cmpuint (lammy->mentions, ==, 3);
  g_assert_true (has_string (lammy->aliases, "Lammy"));
  g_assert_true (has_string (lammy->roles, "British Foreign Secretary"));
  g_assert_null (find_actor (analysis, "Lammy"));

  scholz = find_actor (analysis, "Olaf Scholz");
  g_assert_nonnull (scholz);
  g_assert_true (has_string (scholz->roles, "German Chancellor"));
  g_assert_null (find_actor (analysis, "Scholz"));

  /* "British", "United Kingdom", "Britain", "UK": one country. */
  uk = find_actor (analysis, "United Kingdom");
  g_assert_nonnull (uk);
  g_assert_cmpint (uk->type, ==, ATTACHE_ACTOR_COUNTRY);
  g_assert_cmpuint (uk->mentions, >=, 3);
  g_assert_null (find_actor (analysis, "Britain"));

  /* "North Atlantic Treaty Organization (NATO)" and "NATO": one organisation. */
  nato = find_actor (analysis, "North Atlantic Treaty Organization");
  g_assert_nonnull (nato);
  g_assert_cmpint (nato->type, ==, ATTACHE_ACTOR_ORGANIZATION);
  g_assert_cmpuint (nato->mentions, >=, 3);
  g_assert_nonnull (find_actor (analysis, "Germany"));
  g_assert_nonnull (find_actor (analysis, "Russia"));
  g_assert_nonnull (find_actor (analysis, "European Union"));
  g_assert_nonnull (find_actor (analysis, "Berlin"));

  /* The two people who act lead. */
  g_assert_cmpuint (rank_of (analysis, "David Lammy"), <, 3);
  g_assert_cmpuint (rank_of (analysis, "Olaf Scholz"), <, 3);
  g_assert_cmpfloat (((AttacheFoundActor *) g_ptr_array_index (analysis->actors, 0))->salience, ==, 1.0);

  /* Every mention points at its name in the text. */
  for (guint i = 0; i < lammy->spans->len; i++)
    {
      const AttacheSpan *span = &g_array_index (lammy->spans, AttacheSpan, i);

      g_assert_true (strncmp (lammy_text + span->start, "Lammy", 5) == 0 ||
                     strncmp (lammy_text + span->start, "David Lammy", 11) == 0);
    }
}

static void
test_topics_subject_summary (void)
{
  g_autoptr(AttacheAnalysis) analysis = attache_analyze (NULL, lammy_text, 2, NULL, NULL);
  gboolean air_defence = FALSE;

  g_assert_cmpuint (analysis->topics->len, >, 0);
  for (guint i = 0; i < analysis->topics->len; i++)
    {
      const AttacheFoundTopic *topic = g_ptr_array_index (analysis->topics, i);

      g_assert_cmpfloat (topic->score, <=, 1.0);
      /* People are actors, never topics. */
      g_assert_null (strstr (topic->label, "Lammy"));
      if (g_str_equal (topic->label, "air defence"))
        air_defence = TRUE;
    }
  g_assert_true (air_defence);

  g_assert_nonnull (analysis->subject);
  g_assert_cmpuint (analysis->summary->len, ==, 2);
}

static void
test_other_language (void)
{
  g_autoptr(AttacheAnalysis) analysis =
    attache_analyze (NULL, "Le ministre a déclaré mardi que les discussions avec le syndicat reprendraient après "
                           "les fêtes, et que le gouvernement n'avait pas l'intention de faire appel à l'armée.",
                     3, NULL, NULL);

  g_assert_cmpstr (analysis->language, ==, "fr");
  g_assert_false (analysis->analysed);
  g_assert_cmpuint (analysis->actors->len, ==, 0);
}

static void
test_bad_input (void)
{
  g_autoptr(GString) long_line = g_string_new (NULL);
  g_autoptr(GString) repeated = g_string_new (NULL);
  const char *texts[] = {
    "",
    "\xff\xfe garbage \x01\x02\x03 \xc3",
    "no sentence punctuation at all just words about ministers and budgets and the port of valmora",
    "MINISTERS AGREE BUDGET DEAL. PORT STRIKE ENDS IN VALMORA. TALKS WITH THE UNION RESUME ON MONDAY.",
  };

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(AttacheAnalysis) analysis = attache_analyze (NULL, texts[i], 3, NULL, &error);

      g_assert_no_error (error);
      g_assert_nonnull (analysis);
    }

  /* One line of a megabyte. */
  while (long_line->len < 1024 * 1024)
    g_string_append (long_line, "the council of Valmora debated the harbour budget with the union ");
  {
    g_autoptr(AttacheAnalysis) analysis = attache_analyze (NULL, long_line->str, 3, NULL, NULL);

    g_assert_nonnull (analysis);
  }

  /* 5,000 repetitions of one name: one actor. */
  for (guint i = 0; i < 5000; i++)
    g_string_append (repeated, "Ilse Marran. ");
  {
    g_autoptr(AttacheAnalysis) analysis = attache_analyze (NULL, repeated->str, 3, NULL, NULL);

    g_assert_nonnull (analysis);
    g_assert_cmpuint (analysis->actors->len, <=, 2);
  }
}

static gint64
store_article (AttacheLibrary *library,
               const char     *title,
               const char     *text)
{
  g_autoptr(AttacheArticle) article = attache_article_new ();
  g_autofree char *sha = g_compute_checksum_for_string (G_CHECKSUM_SHA256, text, -1);
  g_autoptr(GError) error = NULL;
  gint64 id = 0;

  attache_article_set_title (article, title);
  attache_article_set_text (article, text);
  attache_article_set_sha256 (article, sha);
  attache_article_set_origin (article, "/test.txt");
  g_assert_cmpint (attache_library_add_article (library, article, &id, &error), ==, ATTACHE_ADD_ADDED);
  return id;
}

static void
test_stored (void)
{
  g_autofree char *dir = test_tmpdir_new ();
  g_autofree char *path = g_build_filename (dir, "library.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(AttacheLibrary) library = attache_library_open (path, &error);
  g_autoptr(AttacheAnalysis) stored = NULL;
  g_autoptr(AttacheAnalysis) again = NULL;
  g_autoptr(AttacheAnalysis) other = NULL;
  g_autoptr(GArray) pending = NULL;
  const AttacheFoundActor *lammy;
  gint64 first, second;

  g_assert_no_error (error);
  first = store_article (library, "Lammy and Scholz agree on air defence for Ukraine", lammy_text);
  second = store_article (library, "Scholz visits Paris",
                          "German Chancellor Olaf Scholz visited Paris on Friday. Scholz met the French "
                          "president to discuss Ukraine and the coming NATO summit in Washington.");

  pending = attache_library_list_unanalysed (library, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (pending->len, ==, 2);

  g_assert_null (attache_library_get_analysis (library, first, &error));
  g_assert_error (error, ATTACHE_DATABASE_ERROR, ATTACHE_DATABASE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_assert_true (attache_library_analyze_article (library, first, &error));
  g_assert_true (attache_library_analyze_article (library, second, &error));
  g_assert_no_error (error);
  g_clear_pointer (&pending, g_array_unref);
  pending = attache_library_list_unanalysed (library, 0, NULL);
  g_assert_cmpuint (pending->len, ==, 0);

  /* What was found is what is read back, with the library's ids. */
  stored = attache_library_get_analysis (library, first, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (stored->version, ==, ATTACHE_ANALYZER_VERSION);
  g_assert_cmpstr (stored->language, ==, "en");
  g_assert_nonnull (stored->subject);
  g_assert_cmpuint (stored->summary->len, ==, 3);
  g_assert_cmpuint (stored->topics->len, >, 0);
  lammy = find_actor (stored, "David Lammy");
  g_assert_nonnull (lammy);
  g_assert_cmpint (lammy->id, >, 0);
  g_assert_cmpuint (lammy->mentions, ==, 3);
  g_assert_true (has_string (lammy->roles, "British Foreign Secretary"));
  g_assert_true (has_string (lammy->aliases, "Lammy"));
  g_assert_cmpuint (lammy->spans->len, ==, 3);
  for (guint i = 0; i < lammy->spans->len; i++)
    {
      const AttacheSpan *span = &g_array_index (lammy->spans, AttacheSpan, i);

      g_assert_true (strncmp (lammy_text + span->start, "Lammy", 5) == 0 ||
                     strncmp (lammy_text + span->start, "David Lammy", 11) == 0);
    }

  /* One actor across the library: Olaf Scholz in both articles. */
  other = attache_library_get_analysis (library, second, &error);
  g_assert_no_error (error);
  g_assert_cmpint (find_actor (other, "Olaf Scholz")->id, ==, find_actor (stored, "Olaf Scholz")->id);

  /* The analyst's decisions win over a new analysis: David Lammy merged into
   * Olaf Scholz (a nonsense merge, but theirs), Berlin hidden. */
  {
    g_autofree char *merge = g_strdup_printf ("UPDATE actor_aliases SET actor_id = %" G_GINT64_FORMAT ", by_analyst = 1 "
                                              "WHERE alias = 'person:david lammy'", find_actor (stored, "Olaf Scholz")->id);
    g_autofree char *hide = g_strdup_printf ("UPDATE actors SET hidden = 1 WHERE id = %" G_GINT64_FORMAT,
                                             find_actor (stored, "Berlin")->id);

    test_raw_exec (path, merge);
    test_raw_exec (path, hide);
  }
  g_assert_true (attache_library_analyze_article (library, first, &error));
  again = attache_library_get_analysis (library, first, &error);
  g_assert_no_error (error);
  g_assert_null (find_actor (again, "David Lammy"));
  g_assert_null (find_actor (again, "Berlin"));
  g_assert_cmpuint (find_actor (again, "Olaf Scholz")->mentions, ==, 3 + 2);

  /* Deleting the article takes its analysis with it. */
  g_assert_true (attache_library_delete_article (library, first, &error));
  g_assert_null (attache_library_get_analysis (library, first, &error));
  g_assert_error (error, ATTACHE_DATABASE_ERROR, ATTACHE_DATABASE_ERROR_NOT_FOUND);

  g_clear_object (&library);
  test_tmpdir_free (g_steal_pointer (&dir));
}

static void
test_pending (void)
{
  g_autofree char *dir = test_tmpdir_new ();
  g_autofree char *path = g_build_filename (dir, "library.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(AttacheLibrary) library = attache_library_open (path, &error);
  g_autoptr(GArray) left = NULL;
  GAsyncResult *result = NULL;
  guint timeout;

  for (guint i = 0; i < 10; i++)
    {
      g_autofree char *text = g_strdup_printf ("Minister Ilse Marran met union leaders in Valmora, round %u of the talks.", i);

      store_article (library, "Talks", text);
    }

  attache_library_analyze_pending_async (library, NULL, test_result_cb, &result);
  timeout = g_timeout_add_seconds (60, test_timeout_cb, NULL);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (timeout);

  g_assert_cmpint (attache_library_analyze_pending_finish (library, result, &error), ==, 10);
  g_assert_no_error (error);
  g_object_unref (result);

  left = attache_library_list_unanalysed (library, 0, NULL);
  g_assert_cmpuint (left->len, ==, 0);

  g_clear_object (&library);
  test_tmpdir_free (g_steal_pointer (&dir));
}

static void
test_runner (void)
{
  g_autofree char *dir = test_tmpdir_new ();
  g_autofree char *path = g_build_filename (dir, "library.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(AttacheLibrary) library = attache_library_open (path, &error);
  g_autoptr(AttacheAnalysisRunner) runner = NULL;
  g_autoptr(AttacheAnalysis) analysis = NULL;
  gint64 before, after;
  guint timeout;

  before = store_article (library, "Before", "Minister Ilse Marran met the union in Valmora on Monday.");
  runner = attache_analysis_runner_new (library);
  g_assert_true (attache_analysis_runner_get_busy (runner));

  /* An article imported while the runner works is analysed too. */
  after = store_article (library, "After", "Transport minister Ilse Marran called for talks in Estrand.");

  timeout = g_timeout_add_seconds (60, test_timeout_cb, NULL);
  while (attache_analysis_runner_get_busy (runner) ||
         (analysis = attache_library_get_analysis (library, after, NULL)) == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (timeout);

  g_assert_nonnull (find_actor (analysis, "Ilse Marran"));
  g_clear_pointer (&analysis, attache_analysis_free);
  analysis = attache_library_get_analysis (library, before, &error);
  g_assert_no_error (error);
  g_assert_null (attache_analysis_runner_get_error (runner));

  g_clear_object (&runner);
  g_clear_object (&library);
  test_tmpdir_free (g_steal_pointer (&dir));
}

/* A runner let go while it works is gone at once, its run cancelled: it
 * does not go on analysing for a window already closed. */
static void
test_runner_let_go (void)
{
  g_autofree char *dir = test_tmpdir_new ();
  g_autofree char *path = g_build_filename (dir, "library.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(AttacheLibrary) library = attache_library_open (path, &error);
  AttacheAnalysisRunner *runner;

  /* Busy from the start (its first run looks for articles to analyse). */
  runner = attache_analysis_runner_new (library);
  g_assert_true (attache_analysis_runner_get_busy (runner));
  g_object_add_weak_pointer (G_OBJECT (runner), (gpointer *) &runner);
  g_object_unref (runner);
  g_assert_null (runner);

  /* Its run ends (cancelled) without it, and lets the library go. */
  {
    AttacheLibrary *gone = library;
    guint timeout = g_timeout_add_seconds (60, test_timeout_cb, NULL);

    g_object_add_weak_pointer (G_OBJECT (gone), (gpointer *) &gone);
    g_clear_object (&library);
    while (gone != NULL)
      g_main_context_iteration (NULL, TRUE);
    g_source_remove (timeout);
  }
  test_tmpdir_free (g_steal_pointer (&dir));
}

/* Topics sink when the library is full of their words. */
static void
test_library_topics (void)
{
  g_autofree char *dir = test_tmpdir_new ();
  g_autofree char *path = g_build_filename (dir, "library.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(AttacheLibrary) library = attache_library_open (path, &error);
  g_autoptr(AttacheAnalysis) analysis = NULL;
  const AttacheFoundTopic *first;
  gint64 id;

  for (guint i = 0; i < 30; i++)
    {
      g_autofree char *text = g_strdup_printf ("The harbour authority of Valmora met on day %u. The harbour "
                                               "authority said the harbour would stay open.", i);

      store_article (library, "Harbour", text);
    }
  id = store_article (library, "Harbour news",
                      "The harbour authority signed a dredging contract on Monday. The harbour authority "
                      "said the harbour authority board had approved the dredging contract in March, and the "
                      "harbour authority expects shorter delays at the entrance.");

  g_assert_true (attache_library_analyze_article (library, id, &error));
  g_assert_no_error (error);
  analysis = attache_library_get_analysis (library, id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (analysis->topics->len, >, 0);

  /* "harbour authority" is in every article: the dredging contract is this one's topic. */
  first = g_ptr_array_index (analysis->topics, 0);
  g_assert_cmpstr (first->label, ==, "dredging contract");

  g_clear_object (&library);
  test_tmpdir_free (g_steal_pointer (&dir));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/analysis/actors", test_actors);
  g_test_add_func ("/analysis/topics-subject-summary", test_topics_subject_summary);
  g_test_add_func ("/analysis/other-language", test_other_language);
  g_test_add_func ("/analysis/bad-input", test_bad_input);
  g_test_add_func ("/analysis/stored", test_stored);
  g_test_add_func ("/analysis/pending", test_pending);
  g_test_add_func ("/analysis/runner", test_runner);
  g_test_add_func ("/analysis/runner-let-go", test_runner_let_go);
  g_test_add_func ("/analysis/library-topics", test_library_topics);

  return g_test_run ();
}
