/* bench-briefing-preview.c: how soon the window's page preview shows a page
 *
 * Run with `meson test --benchmark` under a display (xvfb-run -a
 * dbus-run-session -- meson test --benchmark …), or directly:
 * bench-briefing-preview [ROUNDS]. Without a display it says so and skips
 * (exit 77).
 *
 * An AttacheBriefingPreview, 340 pixels wide in a window, is given a briefing
 * and the main loop runs until the first page (the cover) is shown as a
 * texture: the time from attache_briefing_preview_set_briefing () to then,
 * the layout and the drawing done in the widget's worker. For an ordinary
 * briefing (3 sections, 12 blocks, about 5 pages) and for one citing 200
 * articles (about 110 pages): the first time in the process (fonts not
 * loaded) and the median of ROUNDS more (default 5). Also how long the main
 * loop was held meanwhile, probed by a 5 ms timer, and when every page is
 * laid out.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdlib.h>

#include <gtk/gtk.h>

#include "attache-briefing-preview.h"

#include "bench-helpers.h"

static const char * const sentences[] = {
  "The ministry was told that the delegations would meet again before the end of the month.",
  "Officials in the capital said the draft had been circulated to the regional governors on Tuesday.",
  "Insurers have asked for a guarantee that would outlast the current parliament.",
  "Traffic through the northern ports has recovered to nine tenths of its level before the closure.",
  "Neither side has published its position, and both deny that the leaked paper is current.",
  "Grain prices moved little on the news, which suggests traders expect the corridor to stay open.",
};

static char *
sentences_text (GRand *rand,
                guint  n)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < n; i++)
    {
      if (i > 0)
        g_string_append_c (text, ' ');
      g_string_append (text, sentences[g_rand_int_range (rand, 0, G_N_ELEMENTS (sentences))]);
    }
  return g_string_free (text, FALSE);
}

static AttacheBriefingBlock *
source_block (AttacheBlockKind  kind,
              GRand            *rand,
              guint             article)
{
  AttacheBriefingBlock *block = attache_briefing_block_new (kind);

  block->source.article_id = article;
  block->source.publisher = g_strdup ("Harbour Gazette");
  block->source.title = g_strdup_printf ("Report %u on the corridor talks", article);
  block->source.published = g_strdup ("2026-03-12");
  block->source.url = g_strdup_printf ("https://news.example/2026/report-%u", article);
  if (kind == ATTACHE_BLOCK_EXCERPT)
    block->text = sentences_text (rand, (guint) g_rand_int_range (rand, 5, 15));
  return block;
}

/* @n_sections sections of a note and, for @n_articles articles each, a
 * comment, an excerpt and a reference. */
static AttacheBriefing *
new_briefing (guint n_sections,
              guint n_articles)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  AttacheBriefing *briefing = attache_briefing_new ("The corridor talks");
  guint article = 1;

  briefing->subtitle = g_strdup ("Review for the Black Sea desk");
  briefing->author = g_strdup ("Analysis unit");
  briefing->date = g_strdup ("2026-03-31");
  briefing->marking = g_strdup ("OFFICIAL-SENSITIVE");
  briefing->summary = sentences_text (rand, 4);

  for (guint s = 0; s < n_sections; s++)
    {
      g_autofree char *heading = g_strdup_printf ("Theme %u", s + 1);
      AttacheBriefingSection *section = attache_briefing_section_new (heading);
      AttacheBriefingBlock *note = attache_briefing_block_new (ATTACHE_BLOCK_TEXT);

      note->text = sentences_text (rand, 5);
      g_ptr_array_add (section->blocks, note);
      for (guint i = 0; i < n_articles; i++, article++)
        {
          AttacheBriefingBlock *comment = attache_briefing_block_new (ATTACHE_BLOCK_TEXT);

          comment->text = sentences_text (rand, (guint) g_rand_int_range (rand, 4, 9));
          g_ptr_array_add (section->blocks, comment);
          g_ptr_array_add (section->blocks, source_block (ATTACHE_BLOCK_EXCERPT, rand, article));
          g_ptr_array_add (section->blocks, source_block (ATTACHE_BLOCK_ARTICLE, rand, article));
        }
      g_ptr_array_add (briefing->sections, section);
    }

  return briefing;
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

  probe->longest = MAX (probe->longest, now - probe->last - 5000);
  probe->last = now;
  return G_SOURCE_CONTINUE;
}

typedef struct
{
  double first_page;   /* ms */
  double all_pages;    /* ms, until the number of pages is known */
  double held;         /* ms */
  guint  n_pages;
} Timing;

/* Shows @briefing in a new preview (nothing cached but the process's fonts). */
static Timing
time_preview (GtkWindow             *window,
              const AttacheBriefing *briefing)
{
  GtkWidget *preview = attache_briefing_preview_new ();
  AttacheBriefingPreview *self = ATTACHE_BRIEFING_PREVIEW (preview);
  Probe probe;
  Timing timing = { 0, };
  guint probe_id;
  gint64 start;

  gtk_window_set_child (window, preview);
  /* Allocated first, as in the window. */
  while (gtk_widget_get_width (preview) == 0)
    g_main_context_iteration (NULL, TRUE);

  probe.last = g_get_monotonic_time ();
  probe.longest = 0;
  probe_id = g_timeout_add (5, probe_cb, &probe);

  start = g_get_monotonic_time ();
  attache_briefing_preview_set_briefing (self, briefing, ATTACHE_BRIEFING_PAPER_A4);
  while (attache_briefing_preview_get_n_shown (self) == 0)
    g_main_context_iteration (NULL, TRUE);
  timing.first_page = (g_get_monotonic_time () - start) / 1e3;

  while (attache_briefing_preview_get_busy (self))
    g_main_context_iteration (NULL, TRUE);
  timing.all_pages = (g_get_monotonic_time () - start) / 1e3;
  timing.held = probe.longest / 1e3;
  timing.n_pages = attache_briefing_preview_get_n_pages (self);

  g_source_remove (probe_id);
  gtk_window_set_child (window, NULL);
  return timing;
}

static gboolean
report (GtkWindow             *window,
        const char            *name,
        const AttacheBriefing *briefing,
        guint                  rounds)
{
  g_autofree double *firsts = g_new (double, rounds);
  g_autofree double *alls = g_new (double, rounds);
  g_autofree double *helds = g_new (double, rounds);
  Timing first = time_preview (window, briefing);
  guint n_pages = first.n_pages;

  for (guint round = 0; round < rounds; round++)
    {
      Timing timing = time_preview (window, briefing);

      firsts[round] = timing.first_page;
      alls[round] = timing.all_pages;
      helds[round] = timing.held;
    }

  g_print ("%s, %u pages: first page shown in %.1f ms the first time, %.1f ms after (median; needed: 100); "
           "all laid out in %.0f ms (median); main loop held at most %.1f ms (median)\n",
           name, n_pages, first.first_page, median (firsts, rounds), median (alls, rounds),
           median (helds, rounds));

  return median (firsts, rounds) < 100.0;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(AttacheBriefing) ordinary = new_briefing (3, 4);
  g_autoptr(AttacheBriefing) long_one = new_briefing (10, 20);
  guint rounds = argc > 1 ? (guint) atoi (argv[1]) : 5;
  GtkWindow *window;
  gboolean ok;

  if (!gtk_init_check ())
    {
      g_print ("No display: run under xvfb-run to measure the preview\n");
      return 77;
    }

  window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (window, 340, 700);
  gtk_window_present (window);

  ok = report (window, "an ordinary briefing", ordinary, MAX (rounds, 1));
  ok = report (window, "a briefing citing 200 articles", long_one, MAX (rounds, 1)) && ok;

  gtk_window_destroy (window);
  return ok ? 0 : 1;
}
