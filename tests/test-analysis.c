/* test-analysis.c: actors, topics, subject and summary, on texts written for this test
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "attache-analysis.h"

static const char article[] =
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
    attache_analyze ("Lammy and Scholz agree on air defence for Ukraine", article, 3, NULL, &error);
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

      g_assert_true (strncmp (article + span->start, "Lammy", 5) == 0 ||
                     strncmp (article + span->start, "David Lammy", 11) == 0);
    }
}

static void
test_topics_subject_summary (void)
{
  g_autoptr(AttacheAnalysis) analysis = attache_analyze (NULL, article, 2, NULL, NULL);
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

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/analysis/actors", test_actors);
  g_test_add_func ("/analysis/topics-subject-summary", test_topics_subject_summary);
  g_test_add_func ("/analysis/other-language", test_other_language);
  g_test_add_func ("/analysis/bad-input", test_bad_input);

  return g_test_run ();
}
