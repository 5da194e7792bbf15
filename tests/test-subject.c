/* test-subject.c: the IPTC subject, on texts written for this test
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "attache-subject.h"

static void
test_subjects (void)
{
  struct { const char *title; const char *text; const char *code; } cases[] = {
    { "Valmora beat Estrand in cup final",
      "Valmora won the cup final 3-1 on Saturday. Their striker scored twice in the second half and the "
      "goalkeeper saved a penalty; the coach said the squad had earned the title after a long season.",
      "medtop:15000000" },
    { "Coalition talks stall",
      "The three parties trying to form a government broke off talks. The prime minister said ministers "
      "would put the energy bill to parliament, and the opposition called for an early election.",
      "medtop:11000000" },
    { "Shipping group doubles profit",
      "The shipping company reported a pre-tax profit of 2.1 billion dollars, double last year's, as "
      "freight prices rose. Shares rose 4% and the firm raised its dividend for investors.",
      "medtop:04000000" },
    { "Ceasefire holds in the north",
      "The ceasefire between the army and the rebel militia held for a third day. Troops pulled back "
      "their artillery from the front line, and both sides exchanged prisoners of war.",
      "medtop:16000000" },
    { "New console sells out",
      "The games console sold out within hours. Gamers queued overnight for the handheld device, whose "
      "software lets users download games over wireless broadband networks.",
      "medtop:13000000" },
    { "Dockers walk out",
      "Dock workers began a strike over wages on Tuesday. The union said the walkout would continue until "
      "the employer withdrew plans to cut jobs and the workforce got a pay rise.",
      "medtop:09000000" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      double score = 0;
      const AttacheSubject *subject = attache_classify_subject (cases[i].title, cases[i].text, &score);

      g_assert_nonnull (subject);
      if (!g_str_equal (subject->code, cases[i].code))
        g_error ("“%s”: expected %s, got %s (%s)", cases[i].title, cases[i].code, subject->code, subject->label);
      g_assert_cmpfloat (score, >, 0.0);
      g_assert_cmpfloat (score, <=, 1.0);
    }
}

static void
test_no_subject (void)
{
  g_assert_null (attache_classify_subject (NULL, "", NULL));
  g_assert_null (attache_classify_subject ("Notes", "Call back on Tuesday about the blue folder.", NULL));
  g_assert_null (attache_classify_subject (NULL, "\xff\xfe\x01 garbage 12345", NULL));
}

static void
test_codes (void)
{
  guint n = 0;
  const AttacheSubject *all = attache_subjects (&n);

  g_assert_cmpuint (n, ==, 17);
  g_assert_cmpstr (all[0].code, ==, "medtop:01000000");
  g_assert_cmpstr (all[16].code, ==, "medtop:17000000");
  g_assert_cmpstr (attache_subject_from_code ("medtop:16000000")->label, ==, "conflict, war and peace");
  g_assert_null (attache_subject_from_code ("medtop:99000000"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/subject/classify", test_subjects);
  g_test_add_func ("/subject/none", test_no_subject);
  g_test_add_func ("/subject/codes", test_codes);

  return g_test_run ();
}
