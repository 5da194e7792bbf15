/* test-briefing-pdf.c: the briefing's PDF, read back with poppler
 *
 * Briefings are built in memory from text written for these tests (French,
 * Russian, Arabic and Hebrew passages among them), exported, and the PDF is
 * parsed with poppler: pages, markings, contents, citations, sources,
 * bookmarks, links, metadata, fonts. The fixture's pages are also drawn to PNG
 * in the build folder (tests/briefing-page-N.png) for a person to look at.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <signal.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fontconfig/fontconfig.h>
#include <glib/gstdio.h>
#include <poppler.h>

#include "attache-briefing-pdf.h"
#include "test-helpers.h"

#define MARKING "OFFICIAL-SENSITIVE"

/* poppler-glib defines no cleanups before 25.06: names of our own for them. */
typedef PopplerDocument PdfDocument;
typedef PopplerPage PdfPage;
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PdfDocument, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PdfPage, g_object_unref)

/* Fixtures */

static AttacheBriefingBlock *
text_block (const char *markdown)
{
  AttacheBriefingBlock *block = attache_briefing_block_new (ATTACHE_BLOCK_TEXT);

  block->text = g_strdup (markdown);
  return block;
}

static AttacheBriefingBlock *
source_block (AttacheBlockKind  kind,
              gint64            article_id,
              const char       *publisher,
              const char       *title,
              const char       *published,
              const char       *url,
              const char       *quote)
{
  AttacheBriefingBlock *block = attache_briefing_block_new (kind);

  block->text = g_strdup (quote);
  block->from = 10;
  block->to = quote != NULL ? 10 + (guint) g_utf8_strlen (quote, -1) : 0;
  block->source.article_id = article_id;
  block->source.publisher = g_strdup (publisher);
  block->source.title = g_strdup (title);
  block->source.published = g_strdup (published);
  block->source.url = g_strdup (url);
  return block;
}

static AttacheBriefingSection *
add_section (AttacheBriefing *briefing,
             const char      *heading)
{
  AttacheBriefingSection *section = attache_briefing_section_new (heading);

  g_ptr_array_add (briefing->sections, section);
  return section;
}

static const char * const filler_sentences[] = {
  "The delegations met twice this week, once in plenary and once in a smaller group of legal advisers.",
  "Shipping companies told the ministry that premiums have doubled since the autumn.",
  "The port authority’s figures show traffic back to nine tenths of its level before the closure.",
  "Neither side has published its draft, and both deny the leaked version is current.",
  "Our embassy reports that the opposition will raise the fees question in parliament.",
  "Insurers want a guarantee that outlasts the current government; the treasury has not answered.",
  "The inspection regime is the hardest point: who inspects, where, and with what right of refusal.",
  "A compromise on joint teams at two ports was floated on Wednesday and not rejected.",
  "Grain prices moved little, which suggests traders expect the corridor to stay open.",
  "The mediator’s office asked for a reply on the timetable by the end of next week.",
};

/* Paragraphs of the filler sentences, the same for the same seed. */
static char *
filler (guint32 seed,
        guint   n_paragraphs)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  GString *text = g_string_new (NULL);

  for (guint p = 0; p < n_paragraphs; p++)
    {
      guint order[G_N_ELEMENTS (filler_sentences)];
      guint n = (guint) g_rand_int_range (rand, 2, 9);

      /* Sentences in a shuffled order, none twice in a paragraph. */
      for (guint i = 0; i < G_N_ELEMENTS (order); i++)
        order[i] = i;
      for (guint i = G_N_ELEMENTS (order) - 1; i > 0; i--)
        {
          guint j = (guint) g_rand_int_range (rand, 0, (gint32) i + 1);
          guint swap = order[i];

          order[i] = order[j];
          order[j] = swap;
        }
      if (p > 0)
        g_string_append (text, "\n\n");
      for (guint s = 0; s < n; s++)
        {
          if (s > 0)
            g_string_append_c (text, ' ');
          g_string_append (text, filler_sentences[order[s]]);
        }
    }
  return g_string_free (text, FALSE);
}

#define FRENCH_QUOTE "Les délégués ont réaffirmé leur volonté d’aboutir avant l’été, mais la question des redevances portuaires reste entière. « Nous ne céderons pas sur les frais d’escale », a déclaré un négociateur."
#define RUSSIAN_QUOTE "Делегации согласовали порядок страхования судов, однако вопрос о режиме досмотра остаётся открытым. Следующий раунд пройдёт в понедельник."
#define ARABIC_QUOTE "قال المتحدث باسم الوفد إن المفاوضات تسير ببطء، لكن الأطراف متفقة على ضرورة حماية السفن التجارية."
#define HEBREW_QUOTE "המשלחות הסכימו על מנגנון הביטוח, אך שאלת הבדיקות בנמלים עדיין פתוחה."
#define REMOVED_QUOTE "Underwriters said the pool would need a state guarantee of at least two years."

static const char * const fixture_headings[] = {
  "Positions of the parties", "Regional voices", "Actors and topics", "Background", "Outlook",
};

/* Citation n (1-based) in the order the fixture cites its sources. */
static const struct
{
  const char *publisher;
  const char *url;
  gboolean    removed;
} fixture_sources[] = {
  { "Le Courrier de Varna", "https://courrier-varna.example/2026/03/10/negociateurs", FALSE },
  { "Вечерние новости", "https://vechernie.example/varna", FALSE },
  { "Maritime Ledger", "https://ledger.example/port-fees-draft", FALSE },
  { "صحيفة الميناء", "https://almina.example/talks", FALSE },
  { "חדשות הנמל", "https://hanamal.example/varna", FALSE },
  { "Danube Wire", "https://danubewire.example/insurers", TRUE },
};

static AttacheBriefing *
fixture_briefing (void)
{
  AttacheBriefing *briefing = attache_briefing_new ("Grain corridor talks: the week in review");
  AttacheBriefingSection *section;
  AttacheBriefingBlock *block;
  AttacheBriefingActorRow *row;
  g_autofree char *background = filler (7, 40);
  static const struct { const char *name, *type; guint articles, mentions; } actors[] = {
    { "Varna Port Authority", "organization", 4, 17 },
    { "Mirela Dobreva", "person", 3, 9 },
    { "Bulgaria", "country", 5, 22 },
    { "Black Sea", "location", 6, 14 },
    { "Юрий Соколов", "person", 2, 5 },
  };

  briefing->subtitle = g_strdup ("Where the parties stand before the Varna round");
  briefing->author = g_strdup ("Élodie Marchetti, Black Sea desk");
  briefing->audience = g_strdup ("Private offices of the Foreign and Trade Ministers");
  briefing->date = g_strdup ("2026-03-12");
  briefing->marking = g_strdup (MARKING);
  briefing->status = ATTACHE_BRIEFING_DRAFT;
  briefing->summary = g_strdup ("The talks resume on **Monday** in Varna. Three points matter:\n\n"
                                "- the insurance pool for ships is *nearly agreed*;\n"
                                "- the inspection regime is still open;\n"
                                "- the port fees dispute has widened.\n\n"
                                "We expect no agreement before the end of the month.");

  section = add_section (briefing, fixture_headings[0]);
  g_ptr_array_add (section->blocks,
                   text_block ("Both delegations arrive with new mandates. The ministry’s reading of the week "
                               "is below; the quotations are exact and their sources are listed at the end.\n\n"
                               "See also the public timetable at https://example.org/varna/timetable."));
  g_ptr_array_add (section->blocks,
                   source_block (ATTACHE_BLOCK_EXCERPT, 101, "Le Courrier de Varna",
                                 "Les négociateurs se retrouvent à Varna", "2026-03-10",
                                 "https://courrier-varna.example/2026/03/10/negociateurs", FRENCH_QUOTE));
  g_ptr_array_add (section->blocks,
                   source_block (ATTACHE_BLOCK_EXCERPT, 102, "Вечерние новости",
                                 "Переговоры в Варне продолжаются", "2026-03-11",
                                 "https://vechernie.example/varna", RUSSIAN_QUOTE));
  g_ptr_array_add (section->blocks,
                   source_block (ATTACHE_BLOCK_ARTICLE, 103, "Maritime Ledger",
                                 "Port fees: what the draft text says", "2026-03-09",
                                 "https://ledger.example/port-fees-draft", NULL));

  section = add_section (briefing, fixture_headings[1]);
  g_ptr_array_add (section->blocks, text_block ("Coverage in the region is sparse but consistent."));
  g_ptr_array_add (section->blocks,
                   source_block (ATTACHE_BLOCK_EXCERPT, 104, "صحيفة الميناء", "محادثات الممر البحري",
                                 "2026-03-11", "https://almina.example/talks", ARABIC_QUOTE));
  g_ptr_array_add (section->blocks,
                   source_block (ATTACHE_BLOCK_EXCERPT, 105, "חדשות הנמל", "השיחות בוורנה",
                                 "2026-03-11", "https://hanamal.example/varna", HEBREW_QUOTE));
  /* The first article again: the same source, the same number. */
  g_ptr_array_add (section->blocks,
                   source_block (ATTACHE_BLOCK_EXCERPT, 101, "Le Courrier de Varna",
                                 "Les négociateurs se retrouvent à Varna", "2026-03-10",
                                 "https://courrier-varna.example/2026/03/10/negociateurs",
                                 "Le calendrier reste serré."));

  section = add_section (briefing, fixture_headings[2]);
  block = attache_briefing_block_new (ATTACHE_BLOCK_ACTORS);
  for (guint i = 0; i < G_N_ELEMENTS (actors); i++)
    {
      row = g_new0 (AttacheBriefingActorRow, 1);
      row->name = g_strdup (actors[i].name);
      row->type = g_strdup (actors[i].type);
      row->articles = actors[i].articles;
      row->mentions = actors[i].mentions;
      g_ptr_array_add (block->actors, row);
    }
  g_ptr_array_add (section->blocks, block);
  block = attache_briefing_block_new (ATTACHE_BLOCK_TOPICS);
  g_ptr_array_add (block->topics, g_strdup ("insurance pool"));
  g_ptr_array_add (block->topics, g_strdup ("port fees"));
  g_ptr_array_add (block->topics, g_strdup ("inspection regime"));
  g_ptr_array_add (block->topics, g_strdup ("Varna round"));
  g_ptr_array_add (section->blocks, block);

  section = add_section (briefing, fixture_headings[3]);
  g_ptr_array_add (section->blocks, text_block (background));
  block = source_block (ATTACHE_BLOCK_EXCERPT, 106, "Danube Wire", "Corridor insurers name their price",
                        "2026-02-27", "https://danubewire.example/insurers", REMOVED_QUOTE);
  block->source.removed = TRUE;
  g_ptr_array_add (section->blocks, block);

  section = add_section (briefing, fixture_headings[4]);
  g_ptr_array_add (section->blocks, text_block ("Next report on **Friday**."));

  return briefing;
}

/* Reading the PDF back */

static PopplerDocument *
open_pdf (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *uri = g_filename_to_uri (path, NULL, &error);
  PopplerDocument *document;

  g_assert_no_error (error);
  document = poppler_document_new_from_file (uri, NULL, &error);
  g_assert_no_error (error);
  return document;
}

static char *
export_to (const char           *dir,
           const char           *name,
           AttacheBriefing      *briefing,
           AttacheBriefingPaper  paper)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (dir, name, NULL);

  g_assert_true (attache_briefing_export_pdf (briefing, path, paper, &error));
  g_assert_no_error (error);
  return path;
}

/* @text with every run of white space made one space, trimmed. */
static char *
squeeze (const char *text)
{
  GString *out = g_string_new (NULL);
  gboolean space = FALSE;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c))
        {
          space = out->len > 0;
          continue;
        }
      if (space)
        g_string_append_c (out, ' ');
      space = FALSE;
      g_string_append_unichar (out, c);
    }
  return g_string_free (out, FALSE);
}

/* @text without any white space. */
static char *
unspaced (const char *text)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    if (!g_unichar_isspace (g_utf8_get_char (p)))
      g_string_append_unichar (out, g_utf8_get_char (p));
  return g_string_free (out, FALSE);
}

/* The text of page @index, one squeezed string per line. */
static GStrv
page_lines (PopplerDocument *document,
            int              index)
{
  g_autoptr(PdfPage) page = poppler_document_get_page (document, index);
  g_autofree char *text = poppler_page_get_text (page);
  g_auto(GStrv) lines = g_strsplit (text != NULL ? text : "", "\n", -1);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_autofree char *line = squeeze (lines[i]);

      if (*line != '\0')
        g_strv_builder_add (builder, line);
    }
  return g_strv_builder_end (builder);
}

static char *
page_text (PopplerDocument *document,
           int              index)
{
  g_auto(GStrv) lines = page_lines (document, index);

  return g_strjoinv ("\n", lines);
}

static guint
count_occurrences (const char *haystack,
                   const char *needle)
{
  guint n = 0;

  for (const char *p = strstr (haystack, needle); p != NULL; p = strstr (p + 1, needle))
    n++;
  return n;
}

/* The page (0-based) whose text has a line equal to @line, from page @from on; -1. */
static int
find_line (PopplerDocument *document,
           const char      *line,
           int              from)
{
  g_autofree char *wanted = squeeze (line);

  for (int i = from; i < poppler_document_get_n_pages (document); i++)
    {
      g_auto(GStrv) lines = page_lines (document, i);

      if (g_strv_contains ((const char * const *) lines, wanted))
        return i;
    }
  return -1;
}

/* The page number a contents line gives for @label ("Summary", "2. Regional
 * voices"): the text on the right of the label, on its line. (Poppler's text
 * order cannot be trusted here: the dots leading to the number are not text,
 * and the number may come out on a line of its own.) */
static int
contents_page_number (PopplerDocument *document,
                      const char      *label)
{
  g_autoptr(PdfPage) page = poppler_document_get_page (document, 1);
  const char *words = label;
  double width, height;
  GList *found;
  PopplerRectangle *at;
  PopplerRectangle area;
  g_autofree char *right = NULL;
  g_autofree char *number = NULL;
  char *end;
  long value;

  /* The words of the label, without its number ("2. "). */
  while (g_ascii_isdigit (*words))
    words++;
  if (words > label && *words == '.')
    words += 2;
  else
    words = label;

  poppler_page_get_size (page, &width, &height);
  found = poppler_page_find_text (page, words);
  if (found == NULL)
    {
      g_test_message ("no contents line for “%s”", label);
      return -1;
    }
  g_assert_cmpuint (g_list_length (found), ==, 1);
  at = found->data;
  /* find_text counts from the bottom of the page, get_text_for_area from the top. */
  area.x1 = at->x2 + 1.0;
  area.x2 = width;
  area.y1 = height - at->y2 + 1.0;
  area.y2 = height - at->y1 - 1.0;
  g_list_free_full (found, (GDestroyNotify) poppler_rectangle_free);

  right = poppler_page_get_text_for_area (page, &area);
  number = g_strstrip (g_strdup (right));
  value = strtol (number, &end, 10);
  g_test_message ("contents: “%s” … %s", label, number);
  g_assert_true (end > number && *end == '\0');
  return (int) value;
}

/* The page a destination leads to, 0-based. */
static int
dest_page (PopplerDocument *document,
           PopplerDest     *dest)
{
  if (dest->type == POPPLER_DEST_NAMED)
    {
      PopplerDest *named = poppler_document_find_dest (document, dest->named_dest);
      int page;

      g_assert_nonnull (named);
      page = named->page_num - 1;
      poppler_dest_free (named);
      return page;
    }
  return dest->page_num - 1;
}

/* Draws page @index of @document to @name in the build folder, at 1.5 times
 * the size (108 dots an inch), on white. */
static void
save_png (PopplerDocument *document,
          int              index,
          const char      *name)
{
  g_autoptr(PdfPage) page = poppler_document_get_page (document, index);
  g_autofree char *path = g_test_build_filename (G_TEST_BUILT, name, NULL);
  double width, height, scale = 1.5;
  cairo_surface_t *surface;
  cairo_t *cr;

  poppler_page_get_size (page, &width, &height);
  surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, (int) (width * scale), (int) (height * scale));
  cr = cairo_create (surface);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_scale (cr, scale, scale);
  poppler_page_render (page, cr);
  cairo_destroy (cr);
  g_assert_cmpint (cairo_surface_write_to_png (surface, path), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);
  g_test_message ("page %d: %s", index + 1, path);
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

/* The names of the files in @dir, sorted, joined by spaces. */
static char *
list_dir (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  g_assert_nonnull (d);
  while ((name = g_dir_read_name (d)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);
  g_ptr_array_add (names, NULL);
  return g_strjoinv (" ", (char **) names->pdata);
}

/* Tests */

/* The whole fixture: every check a reader of the PDF would make. */
static void
test_document (void)
{
  g_autofree char *dir = test_tmpdir_new ();
  g_autoptr(AttacheBriefing) briefing = fixture_briefing ();
  g_autofree char *path = export_to (dir, "briefing.pdf", briefing, ATTACHE_BRIEFING_PAPER_A4);
  g_autoptr(PdfDocument) document = open_pdf (path);
  g_autoptr(AttacheBriefingLayout) layout = attache_briefing_layout_new (briefing, ATTACHE_BRIEFING_PAPER_A4, NULL);
  int n_pages = poppler_document_get_n_pages (document);
  int sources_page;
  g_autofree char *all_text = NULL;
  g_autoptr(GString) everything = g_string_new (NULL);

  /* Pages: the layout's count; a cover, contents, at least two pages of text, sources. */
  g_assert_cmpint (n_pages, ==, (int) attache_briefing_layout_get_n_pages (layout));
  g_assert_cmpint (n_pages, >=, 5);
  for (int i = 0; i < n_pages; i++)
    {
      g_autofree char *text = page_text (document, i);
      g_autofree char *footer = g_strdup_printf ("Page %d of %d", i + 1, n_pages);
      g_autoptr(PdfPage) page = poppler_document_get_page (document, i);
      double width, height;

      poppler_page_get_size (page, &width, &height);
      g_assert_cmpfloat_with_epsilon (width, 595.28, 0.1);
      g_assert_cmpfloat_with_epsilon (height, 841.89, 0.1);
      /* The marking at the top and at the bottom of every page. */
      g_assert_cmpuint (count_occurrences (text, MARKING), ==, 2);
      if (i > 0)
        {
          g_assert_nonnull (strstr (text, footer));
          g_assert_nonnull (strstr (text, "Grain corridor talks: the week in review"));
        }
      g_string_append (everything, text);
      g_string_append_c (everything, '\n');
      if (i < 6 || i == n_pages - 1)
        {
          g_autofree char *name = g_strdup_printf ("briefing-page-%d.png", i + 1);

          save_png (document, i, name);
        }
    }
  all_text = g_string_free (g_steal_pointer (&everything), FALSE);

  /* The PDF itself, beside the pictures of its pages. */
  {
    g_autofree char *contents = NULL;
    g_autofree char *copy = g_test_build_filename (G_TEST_BUILT, "briefing.pdf", NULL);
    gsize length;

    g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
    test_write_file (copy, contents, (gssize) length);
  }

  /* The cover. */
  {
    g_autofree char *lines = page_text (document, 0);
    g_autofree char *cover = squeeze (lines);

    g_assert_nonnull (strstr (cover, "Grain corridor talks: the week in review"));
    g_assert_nonnull (strstr (cover, "Where the parties stand before the Varna round"));
    g_assert_nonnull (strstr (cover, "Élodie Marchetti, Black Sea desk"));
    g_assert_nonnull (strstr (cover, "Private offices of the Foreign and Trade Ministers"));
    g_assert_nonnull (strstr (cover, "12 March 2026"));
    g_assert_nonnull (strstr (cover, "Draft"));
  }

  /* Each contents entry gives the page its heading is on. */
  g_assert_cmpint (contents_page_number (document, "Summary"), ==, find_line (document, "Summary", 2) + 1);
  for (guint i = 0; i < G_N_ELEMENTS (fixture_headings); i++)
    {
      g_autofree char *heading = g_strdup_printf ("%u. %s", i + 1, fixture_headings[i]);
      int page = find_line (document, heading, 2);

      g_assert_cmpint (page, >=, 2);
      g_assert_cmpint (contents_page_number (document, heading), ==, page + 1);
    }
  sources_page = find_line (document, "Sources", 2);
  g_assert_cmpint (sources_page, >, find_line (document, "5. Outlook", 2));
  g_assert_cmpint (contents_page_number (document, "Sources"), ==, sources_page + 1);
  /* The long background section runs over more than one page. */
  g_assert_cmpint (find_line (document, "5. Outlook", 2) - find_line (document, "4. Background", 2), >=, 2);

  /* Unicode: accents, Cyrillic in quotes, tables and sources. */
  g_assert_nonnull (strstr (all_text, "réaffirmé leur volonté d’aboutir"));
  g_assert_nonnull (strstr (all_text, "Делегации согласовали порядок страхования судов"));
  g_assert_nonnull (strstr (all_text, "Юрий Соколов"));
  g_assert_nonnull (strstr (all_text, "Вечерние новости"));

  /* Citations: each quote carries its number, which is the source's number in
   * the list of sources; the same article cited twice has one number. */
  {
    g_auto(GStrv) lines = page_lines (document, sources_page);
    g_autofree char *sources = g_strjoinv ("\n", lines);
    struct { const char *quote_end; guint number; } quotes[] = {
      { "a déclaré un négociateur.", 1 },
      { "пройдёт в понедельник.", 2 },
      { "Le calendrier reste serré.", 1 },
      { "at least two years.", 6 },
    };

    for (guint i = 0; i < G_N_ELEMENTS (quotes); i++)
      {
        g_autofree char *cited = g_strdup_printf ("%s [%u]", quotes[i].quote_end, quotes[i].number);

        g_assert_nonnull (strstr (all_text, cited));
      }
    g_assert_nonnull (strstr (all_text, "Port fees: what the draft text says [3]"));

    for (guint n = 1; n <= G_N_ELEMENTS (fixture_sources); n++)
      {
        g_autofree char *mark = g_strdup_printf ("[%u] ", n);
        const char *entry = strstr (sources, mark);
        const char *next;
        g_autofree char *next_mark = g_strdup_printf ("[%u] ", n + 1);
        g_autofree char *entry_text = NULL;

        g_assert_nonnull (entry);
        next = strstr (entry, next_mark);
        entry_text = next != NULL ? g_strndup (entry, next - entry) : g_strdup (entry);
        /* Hebrew and Arabic publishers come back from poppler in visual order:
         * the Latin parts are checked on every entry. */
        if (n != 4 && n != 5)
          g_assert_nonnull (strstr (entry_text, fixture_sources[n - 1].publisher));
        {
          g_autofree char *flat = unspaced (entry_text);

          g_assert_nonnull (strstr (flat, fixture_sources[n - 1].url));
        }
        g_assert_cmpint (strstr (entry_text, "(removed from the library)") != NULL, ==,
                         fixture_sources[n - 1].removed);
      }
    g_assert_null (strstr (sources, "[7] "));
    g_assert_nonnull (strstr (all_text, "(removed from the library)"));
  }

  /* Metadata. */
  {
    g_autofree char *title = poppler_document_get_title (document);
    g_autofree char *author = poppler_document_get_author (document);
    g_autofree char *subject = poppler_document_get_subject (document);
    g_autofree char *keywords = poppler_document_get_keywords (document);
    g_autoptr(GDateTime) created = poppler_document_get_creation_date_time (document);
    g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

    g_assert_cmpstr (title, ==, "Grain corridor talks: the week in review");
    g_assert_cmpstr (author, ==, "Élodie Marchetti, Black Sea desk");
    g_assert_cmpstr (subject, ==, "Where the parties stand before the Varna round");
    g_assert_cmpstr (keywords, ==, MARKING);
    g_assert_nonnull (created);
    g_assert_cmpint (ABS (g_date_time_difference (now, created)), <, 120 * G_TIME_SPAN_SECOND);
  }

  /* Bookmarks: the summary, the sections, the sources, each to its page. */
  {
    PopplerIndexIter *iter = poppler_index_iter_new (document);
    g_autoptr(GPtrArray) titles = g_ptr_array_new_with_free_func (g_free);

    g_assert_nonnull (iter);
    do
      {
        PopplerAction *action = poppler_index_iter_get_action (iter);
        g_autofree char *title = squeeze (action->any.title);

        g_assert_cmpint (action->type, ==, POPPLER_ACTION_GOTO_DEST);
        g_assert_cmpint (dest_page (document, action->goto_dest.dest), ==, find_line (document, title, 2));
        g_ptr_array_add (titles, g_steal_pointer (&title));
        poppler_action_free (action);
      }
    while (poppler_index_iter_next (iter));
    poppler_index_iter_free (iter);

    g_assert_cmpuint (titles->len, ==, 2 + G_N_ELEMENTS (fixture_headings));
    g_assert_cmpstr (g_ptr_array_index (titles, 0), ==, "Summary");
    for (guint i = 0; i < G_N_ELEMENTS (fixture_headings); i++)
      {
        g_autofree char *heading = g_strdup_printf ("%u. %s", i + 1, fixture_headings[i]);

        g_assert_cmpstr (g_ptr_array_index (titles, i + 1), ==, heading);
      }
    g_assert_cmpstr (g_ptr_array_index (titles, titles->len - 1), ==, "Sources");
  }

  /* Links: every address is clickable; the contents lines lead to their pages;
   * a citation leads to the sources. */
  {
    g_autoptr(GHashTable) uris = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
    guint contents_links = 0;
    guint citation_links = 0;

    for (int i = 0; i < n_pages; i++)
      {
        g_autoptr(PdfPage) page = poppler_document_get_page (document, i);
        GList *mapping = poppler_page_get_link_mapping (page);

        for (GList *l = mapping; l != NULL; l = l->next)
          {
            PopplerLinkMapping *link = l->data;

            g_assert_cmpfloat (link->area.x2 - link->area.x1, >, 1.0);
            g_assert_cmpfloat (link->area.y2 - link->area.y1, >, 1.0);
            if (link->action->type == POPPLER_ACTION_URI)
              g_hash_table_add (uris, g_strdup (link->action->uri.uri));
            else if (link->action->type == POPPLER_ACTION_GOTO_DEST && i == 1)
              contents_links++;
            else if (link->action->type == POPPLER_ACTION_GOTO_DEST)
              {
                g_assert_cmpint (dest_page (document, link->action->goto_dest.dest), ==, sources_page);
                citation_links++;
              }
          }
        poppler_page_free_link_mapping (mapping);
      }
    for (guint n = 0; n < G_N_ELEMENTS (fixture_sources); n++)
      g_assert_true (g_hash_table_contains (uris, fixture_sources[n].url));
    g_assert_true (g_hash_table_contains (uris, "https://example.org/varna/timetable"));
    g_assert_cmpuint (contents_links, ==, 2 + G_N_ELEMENTS (fixture_headings));
    g_assert_cmpuint (citation_links, ==, 7);   /* 6 excerpts and a reference */
  }

  /* Fonts: all embedded. */
  {
    PopplerFontInfo *info = poppler_font_info_new (document);
    PopplerFontsIter *fonts = NULL;
    guint n_fonts = 0;

    while (poppler_font_info_scan (info, n_pages, &fonts))
      {
        if (fonts == NULL)
          continue;
        do
          {
            g_assert_true (poppler_fonts_iter_is_embedded (fonts));
            n_fonts++;
          }
        while (poppler_fonts_iter_next (fonts));
        poppler_fonts_iter_free (fonts);
      }
    poppler_font_info_free (info);
    g_assert_cmpuint (n_fonts, >=, 3);
  }

  test_tmpdir_free (g_steal_pointer (&dir));
}

/* Right-to-left paragraphs are set right-aligned, their words shaped. */
static void
test_right_to_left (void)
{
  g_autofree char *dir = test_tmpdir_new ();
  g_autoptr(AttacheBriefing) briefing = attache_briefing_new ("Right to left");
  AttacheBriefingSection *section = add_section (briefing, "Quotes");
  g_autofree char *path = NULL;
  g_autoptr(PdfDocument) document = NULL;
  g_autoptr(PdfPage) page = NULL;

  g_ptr_array_add (section->blocks, text_block ("An English paragraph, set from the left."));
  g_ptr_array_add (section->blocks, text_block ("שלום"));
  g_ptr_array_add (section->blocks, text_block ("مرحبا"));
  path = export_to (dir, "rtl.pdf", briefing, ATTACHE_BRIEFING_PAPER_A4);
  document = open_pdf (path);
  page = poppler_document_get_page (document, 2);

  save_png (document, 2, "briefing-rtl.png");

  /* Where each paragraph's ink is: the page drawn by poppler, the rows of
   * pixels with ink between the running header and the footer grouped into
   * lines. The heading, then the English, Hebrew and Arabic paragraphs. */
  {
    double scale = 2.0, width, height;
    cairo_surface_t *surface;
    cairo_t *cr;
    guint32 *pixels;
    int stride, w, h;
    GArray *bands = g_array_new (FALSE, FALSE, sizeof (double) * 2);
    double band[2] = { G_MAXDOUBLE, 0 };
    gboolean in_band = FALSE;

    poppler_page_get_size (page, &width, &height);
    w = (int) (width * scale);
    h = (int) (height * scale);
    surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, w, h);
    cr = cairo_create (surface);
    cairo_set_source_rgb (cr, 1, 1, 1);
    cairo_paint (cr);
    cairo_scale (cr, scale, scale);
    poppler_page_render (page, cr);
    cairo_destroy (cr);
    cairo_surface_flush (surface);
    pixels = (guint32 *) cairo_image_surface_get_data (surface);
    stride = cairo_image_surface_get_stride (surface) / 4;

    for (int y = (int) (45 * scale); y < (int) (780 * scale); y++)
      {
        double left = G_MAXDOUBLE, right = 0;

        for (int x = 0; x < w; x++)
          if ((pixels[y * stride + x] & 0xff) < 0x80)
            {
              left = MIN (left, x / scale);
              right = MAX (right, x / scale);
            }
        if (right > 0)
          {
            band[0] = MIN (band[0], left);
            band[1] = MAX (band[1], right);
            in_band = TRUE;
          }
        else if (in_band)
          {
            g_array_append_val (bands, band);
            band[0] = G_MAXDOUBLE;
            band[1] = 0;
            in_band = FALSE;
          }
      }
    cairo_surface_destroy (surface);

    for (guint i = 0; i < bands->len; i++)
      {
        double *b = &g_array_index (bands, double, 2 * i);

        g_test_message ("line %u: ink from %.1f to %.1f", i, b[0], b[1]);
      }
    g_assert_cmpuint (bands->len, ==, 4);
    /* The English paragraph starts at the left margin; the Hebrew and the
     * Arabic ones end at the right margin (595 - 68 = 527), short of the left. */
    g_assert_cmpfloat (g_array_index (bands, double, 2), <, 70.0);
    g_assert_cmpfloat (g_array_index (bands, double, 3), <, 400.0);
    for (guint i = 2; i < 4; i++)
      {
        g_assert_cmpfloat (g_array_index (bands, double, 2 * i), >, 400.0);
        g_assert_cmpfloat (g_array_index (bands, double, 2 * i + 1), >, 520.0);
        g_assert_cmpfloat (g_array_index (bands, double, 2 * i + 1), <, 528.0);
      }
    g_array_unref (bands);
  }

  test_tmpdir_free (g_steal_pointer (&dir));
}

static void
test_letter (void)
{
  g_autofree char *dir = test_tmpdir_new ();
  g_autoptr(AttacheBriefing) briefing = fixture_briefing ();
  g_autofree char *path = export_to (dir, "letter.pdf", briefing, ATTACHE_BRIEFING_PAPER_LETTER);
  g_autoptr(PdfDocument) document = open_pdf (path);
  g_autoptr(AttacheBriefingLayout) layout = attache_briefing_layout_new (briefing, ATTACHE_BRIEFING_PAPER_LETTER, NULL);
  int n_pages = poppler_document_get_n_pages (document);

  g_assert_cmpint (n_pages, ==, (int) attache_briefing_layout_get_n_pages (layout));
  for (int i = 0; i < n_pages; i++)
    {
      g_autoptr(PdfPage) page = poppler_document_get_page (document, i);
      double width, height;

      poppler_page_get_size (page, &width, &height);
      g_assert_cmpfloat_with_epsilon (width, 612.0, 0.01);
      g_assert_cmpfloat_with_epsilon (height, 792.0, 0.01);
    }
  for (guint i = 0; i < G_N_ELEMENTS (fixture_headings); i++)
    {
      g_autofree char *heading = g_strdup_printf ("%u. %s", i + 1, fixture_headings[i]);

      g_assert_cmpint (contents_page_number (document, heading), ==, find_line (document, heading, 2) + 1);
    }
  save_png (document, 2, "briefing-letter-page-3.png");

  test_tmpdir_free (g_steal_pointer (&dir));
}

/* An empty briefing: a cover and the contents, nothing else. */
static void
test_empty (void)
{
  g_autofree char *dir = test_tmpdir_new ();
  g_autoptr(AttacheBriefing) briefing = attache_briefing_new ("");
  g_autofree char *path = export_to (dir, "empty.pdf", briefing, ATTACHE_BRIEFING_PAPER_A4);
  g_autoptr(PdfDocument) document = open_pdf (path);
  g_autofree char *contents = NULL;
  PopplerIndexIter *iter;

  g_assert_cmpint (poppler_document_get_n_pages (document), ==, 2);
  contents = page_text (document, 1);
  g_assert_nonnull (strstr (contents, "Contents"));
  g_assert_nonnull (strstr (contents, "Page 2 of 2"));
  iter = poppler_document_get_n_pages (document) > 0 ? poppler_index_iter_new (document) : NULL;
  g_assert_null (iter);
  save_png (document, 1, "briefing-empty-page-2.png");

  test_tmpdir_free (g_steal_pointer (&dir));
}

/* A marking of 300 characters wraps: all of it on every page, at the top and
 * at the bottom, inside the page. */
static void
test_long_marking (void)
{
  g_autofree char *dir = test_tmpdir_new ();
  g_autoptr(AttacheBriefing) briefing = fixture_briefing ();
  g_autoptr(GString) marking = g_string_new ("OFFICIAL-SENSITIVE");
  g_autofree char *wanted = NULL;
  g_autofree char *path = NULL;
  g_autoptr(PdfDocument) document = NULL;
  guint word = 0;

  while (marking->len < 300)
    g_string_append_printf (marking, " HANDLING-CODE-%02u", word++);
  g_string_truncate (marking, 300);
  g_assert_cmpuint (g_utf8_strlen (marking->str, -1), ==, 300);
  g_free (briefing->marking);
  briefing->marking = g_strdup (marking->str);
  wanted = unspaced (marking->str);

  path = export_to (dir, "marking.pdf", briefing, ATTACHE_BRIEFING_PAPER_A4);
  document = open_pdf (path);
  for (int i = 0; i < poppler_document_get_n_pages (document); i++)
    {
      g_autoptr(PdfPage) page = poppler_document_get_page (document, i);
      g_autofree char *text = poppler_page_get_text (page);
      g_autofree char *flat = unspaced (text);
      PopplerRectangle *areas = NULL;
      guint n_areas = 0;
      double width, height;

      g_assert_cmpuint (count_occurrences (flat, wanted), ==, 2);
      /* Every character drawn is on the page. */
      poppler_page_get_size (page, &width, &height);
      g_assert_true (poppler_page_get_text_layout (page, &areas, &n_areas));
      for (guint j = 0; j < n_areas; j++)
        {
          g_assert_cmpfloat (areas[j].x1, >=, 0.0);
          g_assert_cmpfloat (areas[j].x2, <=, width);
          g_assert_cmpfloat (areas[j].y1, >=, 0.0);
          g_assert_cmpfloat (areas[j].y2, <=, height);
        }
      g_free (areas);
      if (i == 2)
        save_png (document, i, "briefing-long-marking.png");
    }

  test_tmpdir_free (g_steal_pointer (&dir));
}

/* A title and a subtitle of a thousand characters, a marking of 300: the cover
 * still shows the details below them, above the marking, and nothing runs off
 * the page. */
static void
test_long_title (void)
{
  g_autofree char *dir = test_tmpdir_new ();
  g_autoptr(AttacheBriefing) briefing = fixture_briefing ();
  g_autoptr(GString) title = g_string_new (NULL);
  g_autofree char *path = NULL;
  g_autoptr(PdfDocument) document = NULL;
  g_autoptr(PdfPage) cover = NULL;
  g_autofree char *text = NULL;
  PopplerRectangle *areas = NULL;
  guint n_areas = 0;
  double width, height, details_bottom, foot_marking_top = 0;
  GList *found;

  while (title->len < 1000)
    g_string_append (title, "A very long title about the corridor talks ");
  g_free (briefing->title);
  briefing->title = g_strdup (title->str);
  g_free (briefing->subtitle);
  briefing->subtitle = g_strdup (title->str);
  /* With a marking of five lines at the top and at the bottom. */
  g_free (briefing->marking);
  briefing->marking = g_strconcat (MARKING, " ", title->str, NULL);
  briefing->marking[300] = '\0';

  path = export_to (dir, "title.pdf", briefing, ATTACHE_BRIEFING_PAPER_A4);
  document = open_pdf (path);
  cover = poppler_document_get_page (document, 0);
  text = poppler_page_get_text (cover);
  g_assert_cmpuint (count_occurrences (text, MARKING), ==, 2);
  g_assert_nonnull (strstr (text, "12 March 2026"));
  g_assert_nonnull (strstr (text, "Private offices of the Foreign and Trade Ministers"));

  /* The details end above the marking at the foot of the page. */
  poppler_page_get_size (cover, &width, &height);
  found = poppler_page_find_text (cover, "Private offices");
  g_assert_nonnull (found);
  details_bottom = height - ((PopplerRectangle *) found->data)->y1;
  g_list_free_full (found, (GDestroyNotify) poppler_rectangle_free);
  found = poppler_page_find_text (cover, MARKING);
  for (GList *l = found; l != NULL; l = l->next)
    foot_marking_top = MAX (foot_marking_top, height - ((PopplerRectangle *) l->data)->y2);
  g_list_free_full (found, (GDestroyNotify) poppler_rectangle_free);
  g_assert_cmpfloat (foot_marking_top, >, height - 100);
  g_assert_cmpfloat (details_bottom, <, foot_marking_top - 20);
  g_assert_true (poppler_page_get_text_layout (cover, &areas, &n_areas));
  for (guint i = 0; i < n_areas; i++)
    {
      g_assert_cmpfloat (areas[i].x2, <=, width);
      g_assert_cmpfloat (areas[i].y2, <=, height);
    }
  g_free (areas);
  save_png (document, 0, "briefing-long-title.png");

  test_tmpdir_free (g_steal_pointer (&dir));
}

/* A section of 500 pages flows over them, with its contents line right. */
static void
test_long_section (void)
{
  g_autofree char *dir = test_tmpdir_new ();
  g_autoptr(AttacheBriefing) briefing = attache_briefing_new ("A long read");
  AttacheBriefingSection *section = add_section (briefing, "Everything");
  AttacheBriefingSection *after;
  g_autofree char *path = NULL;
  g_autoptr(PdfDocument) document = NULL;
  int n_pages;

  briefing->marking = g_strdup (MARKING);
  for (guint i = 0; i < 600; i++)
    {
      g_autofree char *text = filler (i, 7);

      g_ptr_array_add (section->blocks, text_block (text));
    }
  /* And a quoted passage longer than a page, in one paragraph. */
  {
    g_autoptr(GString) quote = g_string_new (NULL);

    for (guint i = 0; i < 80; i++)
      g_string_append_printf (quote, "%s ", filler_sentences[i % G_N_ELEMENTS (filler_sentences)]);
    g_ptr_array_add (section->blocks,
                     source_block (ATTACHE_BLOCK_EXCERPT, 1, "The Long Gazette", "A very long article",
                                   "2026-01-01", "https://gazette.example/long", quote->str));
  }
  after = add_section (briefing, "After");
  g_ptr_array_add (after->blocks, text_block ("The end."));

  path = export_to (dir, "long.pdf", briefing, ATTACHE_BRIEFING_PAPER_A4);
  document = open_pdf (path);
  n_pages = poppler_document_get_n_pages (document);
  g_test_message ("%d pages", n_pages);
  g_assert_cmpint (n_pages, >=, 500);
  g_assert_cmpint (contents_page_number (document, "1. Everything"), ==, 3);
  g_assert_cmpint (contents_page_number (document, "2. After"), ==, find_line (document, "2. After", n_pages - 3) + 1);
  for (int i = 0; i < n_pages; i++)
    {
      g_autofree char *text = page_text (document, i);

      g_assert_cmpuint (count_occurrences (text, MARKING), ==, 2);
      if (i > 0)
        {
          g_autofree char *footer = g_strdup_printf ("Page %d of %d", i + 1, n_pages);

          g_assert_nonnull (strstr (text, footer));
        }
    }
  /* The quote is cut across pages, its citation at its end. */
  g_assert_cmpint (find_line (document, "Sources", n_pages - 2), ==, n_pages - 1);

  test_tmpdir_free (g_steal_pointer (&dir));
}

/* Headings are never the last thing on a page: the text after them follows. */
static void
test_no_widowed_headings (void)
{
  g_autofree char *dir = test_tmpdir_new ();
  g_autoptr(AttacheBriefing) briefing = attache_briefing_new ("Many sections");
  g_autofree char *path = NULL;
  g_autoptr(PdfDocument) document = NULL;
  guint moved = 0;

  /* Sections of every length, so that headings fall everywhere on the page. */
  for (guint i = 0; i < 60; i++)
    {
      g_autofree char *heading = g_strdup_printf ("Part %u", i + 1);
      g_autofree char *text = filler (1000 + i, 1 + i % 4);
      AttacheBriefingSection *section = add_section (briefing, heading);

      g_ptr_array_add (section->blocks, text_block (text));
    }
  path = export_to (dir, "headings.pdf", briefing, ATTACHE_BRIEFING_PAPER_A4);
  document = open_pdf (path);

  for (guint i = 0; i < 60; i++)
    {
      g_autofree char *heading = g_strdup_printf ("%u. Part %u", i + 1, i + 1);
      int page = find_line (document, heading, 2);
      g_auto(GStrv) lines = NULL;
      guint at;

      g_assert_cmpint (page, >=, 2);
      lines = page_lines (document, page);
      for (at = 0; lines[at] != NULL && g_strcmp0 (lines[at], heading) != 0; at++)
        ;
      g_assert_nonnull (lines[at]);
      /* The next line is the section's text, not the footer. */
      g_assert_nonnull (lines[at + 1]);
      g_assert_false (g_str_has_prefix (lines[at + 1], "Page "));
      g_assert_true (g_str_has_prefix (lines[at + 1], "The ") || g_str_has_prefix (lines[at + 1], "Our ") ||
                     g_str_has_prefix (lines[at + 1], "Neither ") || g_str_has_prefix (lines[at + 1], "Shipping ") ||
                     g_str_has_prefix (lines[at + 1], "Insurers ") || g_str_has_prefix (lines[at + 1], "A ") ||
                     g_str_has_prefix (lines[at + 1], "Grain "));
      /* At least two lines of it (a paragraph is not cut after its first line). */
      g_assert_nonnull (lines[at + 2]);
      g_assert_false (g_str_has_prefix (lines[at + 2], "Page "));
      if (at <= 3)
        moved++;
    }
  /* Some headings started a page (the test placed some at a page's foot). */
  g_assert_cmpuint (moved, >, 0);

  test_tmpdir_free (g_steal_pointer (&dir));
}

/* The analyst's Markdown: bold, italic, lists, links; everything else literal. */
static void
test_markdown (void)
{
  g_autofree char *dir = test_tmpdir_new ();
  g_autoptr(AttacheBriefing) briefing = attache_briefing_new ("Markdown");
  AttacheBriefingSection *section = add_section (briefing, "Notes");
  g_autofree char *path = NULL;
  g_autoptr(PdfDocument) document = NULL;
  g_autoptr(PdfPage) page = NULL;
  g_autofree char *text = NULL;
  g_autofree char *flat = NULL;
  GList *attributes;
  gboolean bold_found = FALSE, italic_found = FALSE;
  GList *mapping;
  guint links = 0;

  g_ptr_array_add (section->blocks,
                   text_block ("Plain, **strongly put** and *quietly put*, snake_case_name stays.\n"
                               "Markup is not read: <b>tag</b> & &amp; stay as typed, \\*not italic\\*.\n\n"
                               "- first point\n"
                               "- second point\n"
                               "  continued\n\n"
                               "1. numbered\n"
                               "2. again\n\n"
                               "Read [the report](https://report.example/a?b=1&c='2') or https://plain.example/x."));
  path = export_to (dir, "markdown.pdf", briefing, ATTACHE_BRIEFING_PAPER_A4);
  document = open_pdf (path);
  page = poppler_document_get_page (document, 2);
  text = page_text (document, 2);
  flat = squeeze (text);

  g_assert_nonnull (strstr (flat, "Plain, strongly put and quietly put, snake_case_name stays."));
  g_assert_nonnull (strstr (flat, "Markup is not read: <b>tag</b> & &amp; stay as typed, *not italic*."));
  g_assert_nonnull (strstr (flat, "• first point"));
  g_assert_nonnull (strstr (flat, "• second point continued"));
  g_assert_nonnull (strstr (flat, "1. numbered"));
  g_assert_nonnull (strstr (flat, "2. again"));
  g_assert_nonnull (strstr (flat, "Read the report or https://plain.example/x."));
  g_assert_null (strstr (flat, "**"));

  /* The fonts of the emphasised words. */
  {
    g_autofree char *raw = poppler_page_get_text (page);
    const char *strong = strstr (raw, "strongly");
    const char *quiet = strstr (raw, "quietly");
    glong strong_at = g_utf8_pointer_to_offset (raw, strong);
    glong quiet_at = g_utf8_pointer_to_offset (raw, quiet);

    attributes = poppler_page_get_text_attributes (page);
    for (GList *l = attributes; l != NULL; l = l->next)
      {
        PopplerTextAttributes *attr = l->data;

        if (attr->start_index <= strong_at && strong_at <= attr->end_index)
          bold_found = strstr (attr->font_name, "Bold") != NULL;
        if (attr->start_index <= quiet_at && quiet_at <= attr->end_index)
          italic_found = strstr (attr->font_name, "Italic") != NULL || strstr (attr->font_name, "Oblique") != NULL;
      }
    poppler_page_free_text_attributes (attributes);
    g_assert_true (bold_found);
    g_assert_true (italic_found);
  }

  mapping = poppler_page_get_link_mapping (page);
  for (GList *l = mapping; l != NULL; l = l->next)
    {
      PopplerLinkMapping *link = l->data;

      if (link->action->type != POPPLER_ACTION_URI)
        continue;
      g_assert_true (g_strcmp0 (link->action->uri.uri, "https://report.example/a?b=1&c='2'") == 0 ||
                     g_strcmp0 (link->action->uri.uri, "https://plain.example/x") == 0);
      links++;
    }
  poppler_page_free_link_mapping (mapping);
  g_assert_cmpuint (links, ==, 2);
  save_png (document, 2, "briefing-markdown.png");

  test_tmpdir_free (g_steal_pointer (&dir));
}

static gpointer
lay_out_worker (gpointer data)
{
  AttacheBriefingLayout *layout = attache_briefing_layout_new (data, ATTACHE_BRIEFING_PAPER_A4, NULL);

  attache_briefing_layout_get_n_pages (layout);
  return layout;
}

/* The layout the window uses: pages drawn on an image, as the preview does, and
 * paginated a few pages at a time, as GtkPrintOperation does. */
static void
test_layout (void)
{
  g_autoptr(AttacheBriefing) briefing = fixture_briefing ();
  g_autoptr(AttacheBriefingLayout) layout = attache_briefing_layout_new (briefing, ATTACHE_BRIEFING_PAPER_A4, NULL);
  g_autoptr(AttacheBriefingLayout) whole = attache_briefing_layout_new (briefing, ATTACHE_BRIEFING_PAPER_A4, NULL);
  guint steps = 0;
  double width, height;

  /* The cover alone, before anything else is laid out. */
  attache_briefing_layout_get_page_size (layout, &width, &height);
  for (guint page = 0; page < 2; page++)
    {
      cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, (int) (width * 0.8), (int) (height * 0.8));
      cairo_t *cr = cairo_create (surface);
      g_autofree char *name = g_strdup_printf ("briefing-preview-%u.png", page + 1);
      g_autofree char *png = g_test_build_filename (G_TEST_BUILT, name, NULL);
      guint32 *pixels;
      guint dark = 0;
      int stride;

      cairo_set_source_rgb (cr, 1, 1, 1);
      cairo_paint (cr);
      attache_briefing_layout_render_page (layout, page, cr, 0.8);
      g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
      cairo_destroy (cr);
      cairo_surface_flush (surface);
      pixels = (guint32 *) cairo_image_surface_get_data (surface);
      stride = cairo_image_surface_get_stride (surface) / 4;
      for (int y = 0; y < cairo_image_surface_get_height (surface); y++)
        for (int x = 0; x < cairo_image_surface_get_width (surface); x++)
          dark += (pixels[y * stride + x] & 0xff) < 0x80;
      g_assert_cmpuint (dark, >, 500);   /* text was drawn */
      g_assert_cmpint (cairo_surface_write_to_png (surface, png), ==, CAIRO_STATUS_SUCCESS);
      cairo_surface_destroy (surface);
    }

  /* Laid out on another thread, drawn on this one, as the window does. */
  {
    GThread *thread = g_thread_new ("layout", lay_out_worker, briefing);
    g_autoptr(AttacheBriefingLayout) made = g_thread_join (thread);
    cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 100, 140);
    cairo_t *cr = cairo_create (surface);

    g_assert_cmpuint (attache_briefing_layout_get_n_pages (made), ==, attache_briefing_layout_get_n_pages (layout));
    for (guint page = 0; page < attache_briefing_layout_get_n_pages (made); page++)
      attache_briefing_layout_render_page (made, page, cr, 100.0 / width);
    g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
    cairo_destroy (cr);
    cairo_surface_destroy (surface);
  }

  /* Paginated one page at a time, it ends with the same pages. */
  while (!attache_briefing_layout_paginate (whole, 1))
    steps++;
  g_assert_cmpuint (steps, >=, 3);
  g_assert_cmpuint (attache_briefing_layout_get_n_pages (whole), ==, attache_briefing_layout_get_n_pages (layout));
  g_assert_true (attache_briefing_layout_paginate (whole, 1));
}

/* An output path that cannot be written: a clear error, nothing left behind. */
static void
test_unwritable (void)
{
  g_autofree char *dir = test_tmpdir_new ();
  g_autoptr(AttacheBriefing) briefing = fixture_briefing ();
  g_autofree char *missing = g_build_filename (dir, "no-such-folder", "out.pdf", NULL);
  g_autofree char *folder = g_build_filename (dir, "a-folder.pdf", NULL);
  g_autofree char *listing = NULL;
  g_autoptr(GError) error = NULL;

  /* In a folder that does not exist. */
  g_assert_false (attache_briefing_export_pdf (briefing, missing, ATTACHE_BRIEFING_PAPER_A4, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "out.pdf"));
  g_test_message ("%s", error->message);
  g_clear_error (&error);

  /* Over a folder. */
  g_assert_cmpint (g_mkdir (folder, 0755), ==, 0);
  g_assert_false (attache_briefing_export_pdf (briefing, folder, ATTACHE_BRIEFING_PAPER_A4, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY);
  g_clear_error (&error);
  listing = list_dir (dir);
  g_assert_cmpstr (listing, ==, "a-folder.pdf");
  g_clear_pointer (&listing, g_free);
  g_assert_cmpint (g_rmdir (folder), ==, 0);

  /* In a folder without write permission (root may write anyway). */
  if (geteuid () != 0)
    {
      g_autofree char *locked = g_build_filename (dir, "locked", NULL);
      g_autofree char *inside = g_build_filename (locked, "out.pdf", NULL);

      g_assert_cmpint (g_mkdir (locked, 0555), ==, 0);
      g_assert_false (attache_briefing_export_pdf (briefing, inside, ATTACHE_BRIEFING_PAPER_A4, &error));
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED);
      g_test_message ("%s", error->message);
      g_clear_error (&error);
      listing = list_dir (locked);
      g_assert_cmpstr (listing, ==, "");
      g_clear_pointer (&listing, g_free);
      g_chmod (locked, 0755);
    }

  test_tmpdir_free (g_steal_pointer (&dir));
}

/* A write that fails half way (the file size limit stands for a full disk):
 * an error, no temporary file, the file it was to replace unchanged. */
static void
test_write_failure (void)
{
  g_autofree char *dir = test_tmpdir_new ();
  g_autoptr(AttacheBriefing) briefing = fixture_briefing ();
  g_autofree char *path = g_build_filename (dir, "briefing.pdf", NULL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *listing = NULL;
  g_autoptr(GError) error = NULL;
  struct rlimit saved, limit;
  void (*old_handler) (int);
  gboolean ok;

  test_write_file (path, "the previous version", -1);
  before = test_file_sha256 (path);

  g_assert_cmpint (getrlimit (RLIMIT_FSIZE, &saved), ==, 0);
  limit = saved;
  limit.rlim_cur = 16 * 1024;
  old_handler = signal (SIGXFSZ, SIG_IGN);
  g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &limit), ==, 0);
  ok = attache_briefing_export_pdf (briefing, path, ATTACHE_BRIEFING_PAPER_A4, &error);
  g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &saved), ==, 0);
  signal (SIGXFSZ, old_handler);

  g_assert_false (ok);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_FAILED);   /* EFBIG has no closer GIOErrorEnum */
  g_test_message ("%s", error->message);
  after = test_file_sha256 (path);
  g_assert_cmpstr (before, ==, after);
  listing = list_dir (dir);
  g_assert_cmpstr (listing, ==, "briefing.pdf");

  test_tmpdir_free (g_steal_pointer (&dir));
}

/* The PDF is written beside the file and renamed over it: another name for the
 * old file (a hard link) keeps the old contents, no temporary file remains. */
static void
test_replace (void)
{
  g_autofree char *dir = test_tmpdir_new ();
  g_autoptr(AttacheBriefing) briefing = fixture_briefing ();
  g_autofree char *path = g_build_filename (dir, "briefing.pdf", NULL);
  g_autofree char *other = g_build_filename (dir, "other-name.pdf", NULL);
  g_autofree char *contents = NULL;
  g_autofree char *listing = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(PdfDocument) document = NULL;
  GStatBuf st;

  test_write_file (path, "the previous version", -1);
  g_assert_cmpint (link (path, other), ==, 0);
  g_assert_cmpint (g_chmod (path, 0644), ==, 0);

  g_assert_true (attache_briefing_export_pdf (briefing, path, ATTACHE_BRIEFING_PAPER_A4, &error));
  g_assert_no_error (error);

  g_assert_true (g_file_get_contents (other, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "the previous version");
  document = open_pdf (path);
  g_assert_cmpint (poppler_document_get_n_pages (document), >=, 5);
  listing = list_dir (dir);
  g_assert_cmpstr (listing, ==, "briefing.pdf other-name.pdf");
  /* Readable as any new file is (not the 0600 of a temporary file). */
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0044, !=, 0);

  /* A file kept private stays so. */
  g_assert_cmpint (g_chmod (path, 0600), ==, 0);
  g_assert_true (attache_briefing_export_pdf (briefing, path, ATTACHE_BRIEFING_PAPER_A4, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);

  test_tmpdir_free (g_steal_pointer (&dir));
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/briefing-pdf/document", test_document);
  g_test_add_func ("/briefing-pdf/right-to-left", test_right_to_left);
  g_test_add_func ("/briefing-pdf/letter", test_letter);
  g_test_add_func ("/briefing-pdf/empty", test_empty);
  g_test_add_func ("/briefing-pdf/long-marking", test_long_marking);
  g_test_add_func ("/briefing-pdf/long-title", test_long_title);
  g_test_add_func ("/briefing-pdf/long-section", test_long_section);
  g_test_add_func ("/briefing-pdf/no-widowed-headings", test_no_widowed_headings);
  g_test_add_func ("/briefing-pdf/markdown", test_markdown);
  g_test_add_func ("/briefing-pdf/layout", test_layout);
  g_test_add_func ("/briefing-pdf/unwritable", test_unwritable);
  g_test_add_func ("/briefing-pdf/write-failure", test_write_failure);
  g_test_add_func ("/briefing-pdf/replace", test_replace);

  status = g_test_run ();

  /* cairo's and fontconfig's caches, freed for the leak checker. */
  cairo_debug_reset_static_data ();
  FcFini ();

  return status;
}
