/* test-eval-extract.c: article extraction measured on real pages from ../shared (suite eval)
 *
 * The pages are Mozilla Readability's test pages: each has the page (source.html),
 * the text Readability extracts (expected.txt) and its metadata
 * (expected-metadata.json). That text is another program's output, a reference
 * rather than the truth: the figures say how close we come to it.
 *
 * Text: bag-of-words F1 per page. Both texts are cut the same way into lower-cased
 * words of letters and digits; a Chinese or Japanese character (which has no spaces
 * around its words) is a word of its own. Precision is the share of our words (as a
 * multiset) found in the reference, recall the share of the reference's words we
 * have. Reported: mean and median over all pages and over the English news pages
 * (index.tsv: kind news_en), and the ten worst pages.
 *
 * Metadata, on the pages whose reference has the field:
 * - title, byline, site name: equal once both are folded to lower-cased words of
 *   letters and digits (case, spaces and punctuation do not count). A byline is
 *   compared without a word for "by" ("By", "Written by", "Par"…) before the names
 *   nor a date after them. A title also matches the reference without a
 *   part that a separator (" | ", " - ", " — ", "_", " :: ", " ["…) sets off at its
 *   start or end: we drop "| Site name" suffixes on purpose, Readability keeps some.
 * - published date: the same day, taking the reference's day either in its own
 *   time zone or in UTC (we give UTC times).
 *
 * Floors are asserted a little below the figures reached, so that a regression fails.
 * Skips, saying why, when ../shared is not beside the checkout.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <json-glib/json-glib.h>
#include <string.h>

#include "attache.h"
#include "attache-extract.h"

/* Floors, a little under what the extractor reaches (see the messages). */
#define FLOOR_MEAN_F1_ALL     0.965   /* reached: 0.975 */
#define FLOOR_MEAN_F1_NEWS    0.970   /* reached: 0.977 */
#define FLOOR_MEDIAN_F1_NEWS  0.985   /* reached: 0.990 */
#define FLOOR_TITLE           0.93    /* reached: 96.1% */
#define FLOOR_BYLINE          0.79    /* reached: 82.9% */
#define FLOOR_SITE_NAME       0.90    /* reached: 93.5% */
#define FLOOR_DATE            0.93    /* reached: 97.0% */
#define FLOOR_METADATA        0.90    /* reached: 92.3%, all four fields together */

typedef struct
{
  char   *name;
  char   *kind;
  double  f1;
  double  precision;
  double  recall;
} PageScore;

static void
page_score_free (gpointer data)
{
  PageScore *score = data;

  g_free (score->name);
  g_free (score->kind);
  g_free (score);
}

static char *
shared_path (const char *first,
             ...)
{
  const char *root = g_getenv ("ATTACHE_SHARED_DIR");
  g_autofree char *rest = NULL;
  va_list args;

  if (root == NULL)
    return NULL;

  va_start (args, first);
  rest = g_build_filename_valist (first, &args);
  va_end (args);

  return g_build_filename (root, rest, NULL);
}

/* Words */

static gboolean
is_ideograph (gunichar c)
{
  return (c >= 0x3040 && c <= 0x30ff) ||   /* kana */
         (c >= 0x3400 && c <= 0x4dbf) ||   /* CJK extension A */
         (c >= 0x4e00 && c <= 0x9fff) ||   /* CJK unified ideographs */
         (c >= 0xf900 && c <= 0xfaff);     /* CJK compatibility ideographs */
}

static void
add_word (GHashTable *bag,
          GString    *word,
          guint      *n)
{
  guint count;

  if (word->len == 0)
    return;
  count = GPOINTER_TO_UINT (g_hash_table_lookup (bag, word->str));
  g_hash_table_replace (bag, g_strdup (word->str), GUINT_TO_POINTER (count + 1));
  (*n)++;
  g_string_truncate (word, 0);
}

/* The multiset of the words of @text. */
static GHashTable *
bag_of_words (const char *text,
              guint      *n)
{
  GHashTable *bag = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GString) word = g_string_new (NULL);

  *n = 0;
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (is_ideograph (c))
        {
          add_word (bag, word, n);
          g_string_append_unichar (word, c);
          add_word (bag, word, n);
        }
      else if (g_unichar_isalnum (c))
        g_string_append_unichar (word, g_unichar_tolower (c));
      else
        add_word (bag, word, n);
    }
  add_word (bag, word, n);

  return bag;
}

static double
word_f1 (const char *ours,
         const char *expected,
         double     *precision,
         double     *recall)
{
  guint n_ours, n_expected, overlap = 0;
  g_autoptr(GHashTable) a = bag_of_words (ours, &n_ours);
  g_autoptr(GHashTable) b = bag_of_words (expected, &n_expected);
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, a);
  while (g_hash_table_iter_next (&iter, &key, &value))
    overlap += MIN (GPOINTER_TO_UINT (value), GPOINTER_TO_UINT (g_hash_table_lookup (b, key)));

  if (n_ours == 0 && n_expected == 0)
    {
      *precision = *recall = 1.0;
      return 1.0;
    }
  *precision = n_ours > 0 ? (double) overlap / n_ours : 0.0;
  *recall = n_expected > 0 ? (double) overlap / n_expected : 0.0;
  if (*precision + *recall == 0.0)
    return 0.0;
  return 2 * *precision * *recall / (*precision + *recall);
}

/* Metadata */

/* Lower-cased words of letters and digits, one space apart. */
static char *
fold (const char *s)
{
  GString *out = g_string_new (NULL);
  gboolean gap = FALSE;

  for (const char *p = s; p != NULL && *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (!g_unichar_isalnum (c))
        {
          gap = out->len > 0;
          continue;
        }
      if (gap)
        g_string_append_c (out, ' ');
      gap = FALSE;
      g_string_append_unichar (out, g_unichar_tolower (c));
    }

  return g_string_free (out, FALSE);
}

static gboolean
same_text (const char *ours,
           const char *expected)
{
  g_autofree char *a = fold (ours);
  g_autofree char *b = fold (expected);

  return g_str_equal (a, b);
}

/* A byline as a name, for comparison: its first line with a name on it, folded,
 * without a word for "by" before it nor a date after it. Readability's bylines often go on with the
 * date ("By Jane Smith\n March 25, 2015"); ours never do. */
static char *
byline_name (const char *byline)
{
  static const char * const by[] = { "written by ", "by ", "par ", "von ", "por ", "di ", "door ", NULL };
  static const char * const months[] = { "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep",
                                         "oct", "nov", "dec", NULL };
  g_auto(GStrv) lines = g_strsplit (byline, "\n", -1);
  g_autofree char *folded = NULL;
  g_auto(GStrv) words = NULL;
  GString *name = g_string_new (NULL);
  const char *start;

  /* The first line with a name on it ("By\n Jane Smith\n Health News"). */
  for (guint i = 0; lines[i] != NULL && folded == NULL; i++)
    {
      g_autofree char *line = fold (lines[i]);

      if (line[0] != '\0' && !g_str_equal (line, "by") && !g_str_equal (line, "par"))
        {
          g_autofree char *joined = i > 0 ? g_strconcat (lines[i - 1], " ", lines[i], NULL) : g_strdup (lines[i]);

          folded = fold (joined);
        }
    }
  if (folded == NULL)
    folded = g_strdup ("");
  start = folded;

  for (guint i = 0; by[i] != NULL; i++)
    if (g_str_has_prefix (start, by[i]))
      {
        start += strlen (by[i]);
        break;
      }

  words = g_strsplit (start, " ", -1);
  for (guint i = 0; words[i] != NULL; i++)
    {
      gboolean date = g_ascii_isdigit (words[i][0]);

      for (guint m = 0; !date && months[m] != NULL; m++)
        date = g_str_has_prefix (words[i], months[m]) && words[i + 1] != NULL && g_ascii_isdigit (words[i + 1][0]);
      if (date)
        break;
      if (name->len > 0)
        g_string_append_c (name, ' ');
      g_string_append (name, words[i]);
    }

  return g_string_free (name, FALSE);
}

static gboolean
same_byline (const char *ours,
             const char *expected)
{
  g_autofree char *a = byline_name (ours);
  g_autofree char *b = byline_name (expected);

  return a[0] != '\0' && g_str_equal (a, b);
}

static gboolean
same_title (const char *ours,
            const char *expected)
{
  static const char * const separators[] = { " | ", " - ", " – ", " — ", " :: ", " · ", " » ", "_", " / ", " [", NULL };

  if (ours == NULL)
    return FALSE;
  if (same_text (ours, expected))
    return TRUE;

  /* The reference without what a separator sets off at its start or its end. */
  for (guint i = 0; separators[i] != NULL; i++)
    for (const char *p = strstr (expected, separators[i]); p != NULL; p = strstr (p + 1, separators[i]))
      {
        g_autofree char *head = g_strndup (expected, p - expected);

        if (same_text (ours, head) || same_text (ours, p + strlen (separators[i])))
          return TRUE;
      }

  return FALSE;
}

/* The day of an ISO 8601 date, in its own zone (@utc FALSE) or in UTC. */
static char *
day_of (const char *iso,
        gboolean    utc)
{
  g_autoptr(GTimeZone) zone = g_time_zone_new_utc ();
  g_autoptr(GDateTime) dt = g_date_time_new_from_iso8601 (iso, zone);

  if (dt == NULL)
    {
      g_autofree char *replaced = g_strdup (iso);

      /* "2017-11-03 03:01:00.000000": a space for the T. */
      if (strlen (replaced) > 10 && replaced[10] == ' ')
        replaced[10] = 'T';
      dt = g_date_time_new_from_iso8601 (replaced, zone);
    }
  if (dt == NULL)
    return strlen (iso) >= 10 ? g_strndup (iso, 10) : NULL;
  if (utc)
    {
      g_autoptr(GDateTime) in_utc = g_date_time_to_utc (dt);

      return g_date_time_format (in_utc, "%Y-%m-%d");
    }
  return g_date_time_format (dt, "%Y-%m-%d");
}

static gboolean
same_day (const char *ours,
          const char *expected)
{
  g_autofree char *local = day_of (expected, FALSE);
  g_autofree char *utc = day_of (expected, TRUE);

  if (ours == NULL || strlen (ours) < 10)
    return FALSE;
  return (local != NULL && strncmp (ours, local, 10) == 0) || (utc != NULL && strncmp (ours, utc, 10) == 0);
}

static const char *
json_string (JsonObject *object,
             const char *name)
{
  JsonNode *node = json_object_get_member (object, name);
  const char *value;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  value = json_node_get_string (node);
  return value != NULL && value[0] != '\0' ? value : NULL;
}

typedef enum
{
  FIELD_TITLE,
  FIELD_BYLINE,
  FIELD_SITE_NAME,
  FIELD_DATE,
  N_FIELDS
} Field;

static const char * const field_names[N_FIELDS] = { "title", "byline", "site name", "published date" };
static const char * const field_keys[N_FIELDS] = { "title", "byline", "siteName", "publishedTime" };

static void
compare_metadata (JsonObject        *expected,
                  AttacheExtraction *extraction,
                  const char        *page,
                  guint              matched[N_FIELDS],
                  guint              present[N_FIELDS])
{
  for (Field f = 0; f < N_FIELDS; f++)
    {
      const char *want = json_string (expected, field_keys[f]);
      const char *got = NULL;
      gboolean same = FALSE;

      if (want == NULL)
        continue;
      present[f]++;
      if (extraction == NULL)
        continue;

      switch (f)
        {
        case FIELD_TITLE:
          got = attache_extraction_get_title (extraction);
          same = same_title (got, want);
          break;
        case FIELD_BYLINE:
          got = attache_extraction_get_byline (extraction);
          same = got != NULL && same_byline (got, want);
          break;
        case FIELD_SITE_NAME:
          got = attache_extraction_get_site_name (extraction);
          same = got != NULL && same_text (got, want);
          break;
        case FIELD_DATE:
          got = attache_extraction_get_published (extraction);
          same = same_day (got, want);
          break;
        case N_FIELDS:
        default:
          g_assert_not_reached ();
        }

      if (same)
        matched[f]++;
      else if (g_getenv ("ATTACHE_EVAL_VERBOSE") != NULL)
        g_test_message ("%s: %s differs: ours \"%s\", reference \"%s\"", page, field_names[f], got, want);
    }
}

/* Statistics */

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

static void
mean_and_median (GArray *values,
                 double *mean,
                 double *median)
{
  g_autoptr(GArray) sorted = g_array_copy (values);
  double sum = 0.0;

  *mean = *median = 0.0;
  if (values->len == 0)
    return;

  for (guint i = 0; i < values->len; i++)
    sum += g_array_index (values, double, i);
  *mean = sum / values->len;

  g_array_sort (sorted, compare_doubles);
  if (sorted->len % 2 == 1)
    *median = g_array_index (sorted, double, sorted->len / 2);
  else
    *median = (g_array_index (sorted, double, sorted->len / 2 - 1) +
               g_array_index (sorted, double, sorted->len / 2)) / 2;
}

static int
compare_scores (gconstpointer a,
                gconstpointer b)
{
  const PageScore *x = *(PageScore * const *) a;
  const PageScore *y = *(PageScore * const *) b;

  return (x->f1 > y->f1) - (x->f1 < y->f1);
}

static void
test_readability_pages (void)
{
  g_autofree char *root = shared_path ("data", "html", "readability", NULL);
  g_autofree char *index_path = NULL;
  g_autofree char *index = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GPtrArray) scores = g_ptr_array_new_with_free_func (page_score_free);
  g_autoptr(GArray) all = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) news = g_array_new (FALSE, FALSE, sizeof (double));
  guint matched[N_FIELDS] = { 0 }, present[N_FIELDS] = { 0 };
  guint failed = 0;
  double mean_all, median_all, mean_news, median_news;
  double rates[N_FIELDS];
  double metadata_rate;
  gint64 elapsed = 0;

  if (root == NULL || !g_file_test (root, G_FILE_TEST_IS_DIR))
    {
      g_test_skip ("../shared/data/html/readability is absent: nothing to measure");
      return;
    }

  index_path = g_build_filename (root, "index.tsv", NULL);
  if (!g_file_get_contents (index_path, &index, NULL, NULL))
    {
      g_test_skip ("../shared/data/html/readability/index.tsv is absent: nothing to measure");
      return;
    }

  /* name, lang, readerable, siteName, publishedTime, title, expected_words, source_bytes, kind */
  lines = g_strsplit (index, "\n", -1);
  for (guint i = 1; lines[i] != NULL; i++)
    {
      g_auto(GStrv) columns = g_strsplit (lines[i], "\t", -1);
      g_autofree char *folder = NULL;
      g_autofree char *source = NULL;
      g_autofree char *expected_path = NULL;
      g_autofree char *metadata_path = NULL;
      g_autofree char *html = NULL;
      g_autofree char *expected = NULL;
      g_autofree char *text = NULL;
      g_autoptr(JsonParser) parser = json_parser_new ();
      g_autoptr(AttacheExtraction) extraction = NULL;
      g_autoptr(GError) error = NULL;
      PageScore *score;
      gsize len;
      gint64 start;

      if (g_strv_length (columns) < 9)
        continue;

      folder = g_build_filename (root, columns[0], NULL);
      source = g_build_filename (folder, "source.html", NULL);
      expected_path = g_build_filename (folder, "expected.txt", NULL);
      metadata_path = g_build_filename (folder, "expected-metadata.json", NULL);
      if (!g_file_get_contents (source, &html, &len, NULL) ||
          !g_file_get_contents (expected_path, &expected, NULL, NULL))
        continue;

      start = g_get_monotonic_time ();
      extraction = attache_extract_html ((const guchar *) html, len, NULL, NULL, &error);
      elapsed += g_get_monotonic_time () - start;

      if (extraction == NULL)
        {
          g_test_message ("%s: %s", columns[0], error->message);
          failed++;
          text = g_strdup ("");
        }
      else
        {
          text = attache_extraction_dup_text (extraction);
          g_assert_true (g_utf8_validate (text, -1, NULL));
        }

      score = g_new0 (PageScore, 1);
      score->name = g_strdup (columns[0]);
      score->kind = g_strdup (columns[8]);
      score->f1 = word_f1 (text, expected, &score->precision, &score->recall);
      g_ptr_array_add (scores, score);
      g_array_append_val (all, score->f1);
      if (g_str_equal (columns[8], "news_en"))
        g_array_append_val (news, score->f1);

      if (json_parser_load_from_file (parser, metadata_path, NULL) &&
          JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
        compare_metadata (json_node_get_object (json_parser_get_root (parser)), extraction,
                          columns[0], matched, present);
    }

  g_assert_cmpuint (all->len, >, 100);
  g_assert_cmpuint (news->len, >, 20);

  mean_and_median (all, &mean_all, &median_all);
  mean_and_median (news, &mean_news, &median_news);
  g_test_message ("word F1, all %u pages: mean %.4f, median %.4f; %u pages without an article",
                  all->len, mean_all, median_all, failed);
  g_test_message ("word F1, %u English news pages: mean %.4f, median %.4f",
                  news->len, mean_news, median_news);

  {
    guint total_matched = 0, total_present = 0;

    for (Field f = 0; f < N_FIELDS; f++)
      {
        rates[f] = present[f] > 0 ? (double) matched[f] / present[f] : 1.0;
        total_matched += matched[f];
        total_present += present[f];
        g_test_message ("%s: %u of %u pages agree (%.1f%%)", field_names[f], matched[f], present[f],
                        100.0 * rates[f]);
      }
    g_test_message ("metadata, all four fields: %u of %u agree (%.1f%%)", total_matched, total_present,
                    100.0 * total_matched / MAX (total_present, 1u));
    metadata_rate = (double) total_matched / MAX (total_present, 1u);
  }

  g_test_message ("%.2f ms a page, parsing included (the benchmark bench-extract measures it properly)",
                  elapsed / 1000.0 / all->len);

  g_ptr_array_sort (scores, compare_scores);
  for (guint i = 0; i < MIN (scores->len, 10u); i++)
    {
      PageScore *s = g_ptr_array_index (scores, i);

      g_test_message ("worst %u: %s (%s): F1 %.3f, precision %.3f, recall %.3f",
                      i + 1, s->name, s->kind, s->f1, s->precision, s->recall);
    }

  g_assert_cmpfloat (mean_all, >=, FLOOR_MEAN_F1_ALL);
  g_assert_cmpfloat (mean_news, >=, FLOOR_MEAN_F1_NEWS);
  g_assert_cmpfloat (median_news, >=, FLOOR_MEDIAN_F1_NEWS);
  g_assert_cmpfloat (rates[FIELD_TITLE], >=, FLOOR_TITLE);
  g_assert_cmpfloat (rates[FIELD_BYLINE], >=, FLOOR_BYLINE);
  g_assert_cmpfloat (rates[FIELD_SITE_NAME], >=, FLOOR_SITE_NAME);
  g_assert_cmpfloat (rates[FIELD_DATE], >=, FLOOR_DATE);
  g_assert_cmpfloat (metadata_rate, >=, FLOOR_METADATA);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/eval/extract/readability-pages", test_readability_pages);

  return g_test_run ();
}
