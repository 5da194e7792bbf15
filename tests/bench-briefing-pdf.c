/* bench-briefing-pdf.c: how fast a briefing becomes a PDF, and a preview's first page
 *
 * Run with `meson test --benchmark` (or directly: bench-briefing-pdf [ROUNDS]).
 * Builds in memory a briefing citing 200 articles: 10 sections, each with an
 * analyst's note and, for each of 20 articles, a comment of 4 to 8 sentences,
 * an excerpt of 5 to 14 sentences and a reference to the whole article, then a
 * table of key actors (106 pages); then, on one core:
 *
 * - exports it to a PDF ROUNDS times (default 5): pages a second, best round;
 * - creates a layout and draws its first page (the cover) on an image the size
 *   of a preview, as the window does first: milliseconds, the first time in the
 *   process (fonts not yet loaded) and the median of ROUNDS more;
 * - the same for the first page of text (page 3), which needs the whole
 *   document laid out (its footer says "Page 3 of N", the contents list pages).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdlib.h>

#include <glib/gstdio.h>

#include "attache-briefing-pdf.h"

#include "bench-helpers.h"

static const char * const sentences[] = {
  "The ministry was told that the delegations would meet again before the end of the month.",
  "Officials in the capital said the draft had been circulated to the regional governors on Tuesday.",
  "Insurers have asked for a guarantee that would outlast the current parliament.",
  "Traffic through the northern ports has recovered to nine tenths of its level before the closure.",
  "The opposition has promised to raise the question of port fees in the budget debate.",
  "Neither side has published its position, and both deny that the leaked paper is current.",
  "A compromise on joint inspection teams was floated at the last round and not rejected.",
  "Grain prices moved little on the news, which suggests traders expect the corridor to stay open.",
  "The mediator asked both delegations for a written reply on the timetable by Friday.",
  "Local newspapers report that dock workers plan a one-day strike over the new shift rules.",
  "The central bank kept its rate unchanged, citing the uncertainty over export revenue.",
  "Diplomats describe the atmosphere as businesslike but note that no date has been set for a signature.",
};

static const char * const publishers[] = {
  "Harbour Gazette", "Le Courrier de Varna", "Вечерние новости", "The Danube Wire",
  "Maritime Ledger", "Regional Tribune", "Il Corriere del Porto", "Baltic Morning",
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
  block->source.publisher = g_strdup (publishers[article % G_N_ELEMENTS (publishers)]);
  block->source.title = g_strdup_printf ("Report %u on the corridor talks and what they mean for shipping", article);
  block->source.published = g_strdup_printf ("2026-%02u-%02u", 1 + article % 12, 1 + article % 28);
  block->source.url = g_strdup_printf ("https://news.example/%s/2026/report-%u",
                                       article % 2 ? "world" : "economy", article);
  block->source.removed = article % 37 == 0;
  if (kind == ATTACHE_BLOCK_EXCERPT)
    block->text = sentences_text (rand, (guint) g_rand_int_range (rand, 5, 15));
  return block;
}

static AttacheBriefing *
briefing_of_200_articles (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (42);
  AttacheBriefing *briefing = attache_briefing_new ("The corridor talks: two hundred articles read");
  guint article = 1;

  briefing->subtitle = g_strdup ("Quarterly review for the Black Sea desk");
  briefing->author = g_strdup ("Analysis unit");
  briefing->audience = g_strdup ("Ministers’ private offices");
  briefing->date = g_strdup ("2026-03-31");
  briefing->marking = g_strdup ("OFFICIAL-SENSITIVE");
  briefing->summary = sentences_text (rand, 6);

  for (guint s = 0; s < 10; s++)
    {
      g_autofree char *heading = g_strdup_printf ("Theme %u: what the press reported", s + 1);
      AttacheBriefingSection *section = attache_briefing_section_new (heading);
      AttacheBriefingBlock *block = attache_briefing_block_new (ATTACHE_BLOCK_TEXT);
      g_autofree char *note = sentences_text (rand, 6);

      block->text = g_strdup_printf ("**Assessment.** %s\n\n- %s\n- %s", note, sentences[s], sentences[s + 1]);
      g_ptr_array_add (section->blocks, block);
      for (guint i = 0; i < 20; i++, article++)
        {
          AttacheBriefingBlock *comment = attache_briefing_block_new (ATTACHE_BLOCK_TEXT);

          comment->text = sentences_text (rand, (guint) g_rand_int_range (rand, 4, 9));
          g_ptr_array_add (section->blocks, comment);
          g_ptr_array_add (section->blocks, source_block (ATTACHE_BLOCK_EXCERPT, rand, article));
          g_ptr_array_add (section->blocks, source_block (ATTACHE_BLOCK_ARTICLE, rand, article));
        }
      block = attache_briefing_block_new (ATTACHE_BLOCK_ACTORS);
      for (guint i = 0; i < 12; i++)
        {
          AttacheBriefingActorRow *row = g_new0 (AttacheBriefingActorRow, 1);

          row->name = g_strdup_printf ("%s %u", i % 2 ? "Port Authority" : "Minister", i + 1);
          row->type = g_strdup (i % 2 ? "organization" : "person");
          row->articles = 20 - i;
          row->mentions = 60 - 3 * i;
          g_ptr_array_add (block->actors, row);
        }
      g_ptr_array_add (section->blocks, block);
      g_ptr_array_add (briefing->sections, section);
    }
  return briefing;
}

/* Creates a layout and draws @page on an image 600 pixels wide: milliseconds. */
static double
time_preview (const AttacheBriefing *briefing,
              guint                  page)
{
  gint64 start = g_get_monotonic_time ();
  g_autoptr(AttacheBriefingLayout) layout = attache_briefing_layout_new (briefing, ATTACHE_BRIEFING_PAPER_A4, NULL);
  double width, height, scale;
  cairo_surface_t *surface;
  cairo_t *cr;
  double ms;

  attache_briefing_layout_get_page_size (layout, &width, &height);
  scale = 600.0 / width;
  surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 600, (int) (height * scale));
  cr = cairo_create (surface);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  attache_briefing_layout_render_page (layout, page, cr, scale);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  ms = (g_get_monotonic_time () - start) / 1e3;
  cairo_surface_destroy (surface);

  return ms;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(AttacheBriefing) briefing = briefing_of_200_articles ();
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("attache-bench-XXXXXX", &error);
  g_autofree char *path = NULL;
  guint rounds = argc > 1 ? (guint) atoi (argv[1]) : 5;
  double best = 0.0;
  double cover_first, text_first;
  g_autofree double *covers = NULL;
  g_autofree double *texts = NULL;
  guint n_pages;

  g_assert_no_error (error);
  path = g_build_filename (dir, "briefing.pdf", NULL);
  rounds = MAX (rounds, 1u);

  /* The first page of a preview, first in the process: fonts to find and load. */
  cover_first = time_preview (briefing, 0);
  text_first = time_preview (briefing, 2);

  {
    g_autoptr(AttacheBriefingLayout) layout = attache_briefing_layout_new (briefing, ATTACHE_BRIEFING_PAPER_A4, NULL);

    n_pages = attache_briefing_layout_get_n_pages (layout);
  }

  for (guint round = 0; round < rounds; round++)
    {
      gint64 start = g_get_monotonic_time ();
      GStatBuf st;
      double seconds;

      if (!attache_briefing_export_pdf (briefing, path, ATTACHE_BRIEFING_PAPER_A4, &error))
        g_error ("%s", error->message);
      seconds = (g_get_monotonic_time () - start) / 1e6;
      g_stat (path, &st);
      g_print ("round %u: %u pages (%.1f MB) in %.3f s: %.0f pages/s\n",
               round + 1, n_pages, st.st_size / 1e6, seconds, n_pages / seconds);
      best = MAX (best, n_pages / seconds);
    }

  covers = g_new (double, rounds);
  texts = g_new (double, rounds);
  for (guint round = 0; round < rounds; round++)
    {
      covers[round] = time_preview (briefing, 0);
      texts[round] = time_preview (briefing, 2);
    }

  g_print ("200 articles, %u pages: best %.0f pages/s (needed: 100)\n", n_pages, best);
  g_print ("first preview page (the cover): %.1f ms the first time in the process, %.1f ms after (median; needed: 100)\n",
           cover_first, median (covers, rounds));
  g_print ("first page of text (page 3, the whole document laid out): %.1f ms the first time, %.1f ms after (median)\n",
           text_first, median (texts, rounds));

  g_unlink (path);
  g_rmdir (dir);
  return best >= 100.0 && median (covers, rounds) < 100.0 ? 0 : 1;
}
