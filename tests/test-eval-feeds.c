/* test-eval-feeds.c: the feed parser on three public test sets in ../shared (suite eval)
 *
 *   rss-parser: 26 real feeds with the items another parser found (count, titles);
 *   feed-rs:    RSS 0.9x/1.0/2.0, Atom and JSON Feed fixtures with that parser's
 *               output (entries, titles); every well-formed one must parse;
 *   feedparser: 2,107 edge cases whose header states what a parser should find
 *               ("Expect: not bozo and feed['title'] == u'…'"). The expectations
 *               this parser can answer are evaluated, by category; the others are
 *               counted as not mapped. No file may crash the parser, and every
 *               refusal must be a one-line message.
 *
 * Skips, saying why, when ../shared is not beside the checkout.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <json-glib/json-glib.h>
#include <libxml/parser.h>
#include <string.h>

#include "attache.h"
#include "attache-feed-private.h"

#include "test-helpers.h"

/* Floors for the feedparser categories, in percent, a little below what is measured. */
#define FEED_TITLE_FLOOR   97   /* measured 99.7 % (337 of 338) */
#define ENTRY_TITLE_FLOOR  97   /* 100 % (140) */
#define LINK_FLOOR         88   /* 93.3 % (28 of 30) */
#define ID_FLOOR           88   /* 94.1 % (16 of 17) */
#define DATE_FLOOR         75   /* 81.8 % (18 of 22) */
#define ENCODING_FLOOR    100   /* 100 % (28 of 28), with attache-charset's detection */
#define ENCODING_CASES     28   /* among them the 8 illformed/chardet files, which declare none */
#define BOZO_FLOOR         98   /* 99.9 % (1699 of 1700) */
#define OVERALL_FLOOR      97   /* 99.1 % of 2520 mapped clauses */

static char *
skip_unless_dir (const char *first,
                 ...)
{
  const char *root = g_getenv ("ATTACHE_SHARED_DIR");
  g_autofree char *rest = NULL;
  g_autofree char *path = NULL;
  va_list args;

  va_start (args, first);
  rest = g_build_filename_valist (first, &args);
  va_end (args);

  if (root != NULL)
    path = g_build_filename (root, rest, NULL);
  if (path == NULL || !g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      g_autofree char *message = g_strdup_printf ("../shared/%s is absent: nothing to measure", rest);

      g_test_skip (message);
      return NULL;
    }

  return g_steal_pointer (&path);
}

/* Throughput over every file parsed by this program. */
static guint64 total_bytes;
static gint64 total_usec;
static guint total_files;

static AttacheFeed *
timed_parse (GBytes      *bytes,
             const char  *base_uri,
             GError     **error)
{
  gint64 start = g_get_monotonic_time ();
  AttacheFeed *feed = attache_feed_parse (bytes, base_uri, error);

  total_usec += g_get_monotonic_time () - start;
  total_bytes += g_bytes_get_size (bytes);
  total_files++;

  /* A refusal is always one line, in our domain. */
  if (feed == NULL)
    {
      g_assert_nonnull (error);
      g_assert_nonnull (*error);
      g_assert_true ((*error)->domain == ATTACHE_FEED_ERROR);
      g_assert_cmpstr ((*error)->message, !=, "");
      g_assert_null (strchr ((*error)->message, '\n'));
    }

  return feed;
}

static GBytes *
read_bytes (const char *path)
{
  char *contents = NULL;
  gsize len = 0;

  if (!g_file_get_contents (path, &contents, &len, NULL))
    return NULL;
  return g_bytes_new_take (contents, len);
}

/* The title as a person sees it: markup and entities out, white space collapsed. */
static char *
visible (const char *text)
{
  if (text == NULL)
    return NULL;
  if (_attache_feed_looks_like_html (text))
    return _attache_feed_html_to_text (text);
  return _attache_feed_clean_line (text);
}

/* Titles and descriptions are plain text on our side: compared with the other
 * parser's value as written, or as it reads once its markup is rendered. */
static gboolean
same_title (const char *ours,
            const char *theirs)
{
  g_autofree char *clean = NULL;
  g_autofree char *rendered = NULL;

  if (g_strcmp0 (ours, theirs) == 0)
    return TRUE;
  clean = _attache_feed_clean_line (theirs);
  rendered = visible (theirs);
  return g_strcmp0 (ours, clean) == 0 || g_strcmp0 (ours, rendered) == 0;
}

/* Summaries and contents are HTML or text on both sides: compared as rendered. */
static gboolean
same_rendered (const char *ours,
               const char *theirs)
{
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;

  if (g_strcmp0 (ours, theirs) == 0)
    return TRUE;
  a = visible (ours);
  b = visible (theirs);
  return g_strcmp0 (a, b) == 0;
}

/* (1) rss-parser */

static void
test_rss_parser (void)
{
  g_autofree char *root = skip_unless_dir ("data", "feeds", "rss-parser", NULL);
  g_autofree char *input_dir = NULL;
  g_autoptr(GDir) dir = NULL;
  const char *name;
  guint feeds = 0, parsed = 0, count_match = 0, all_titles_match = 0, items = 0, titles_match = 0;

  if (root == NULL)
    return;

  input_dir = g_build_filename (root, "input", NULL);
  dir = g_dir_open (input_dir, 0, NULL);
  g_assert_nonnull (dir);

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *stem = g_strndup (name, strrchr (name, '.') != NULL ? (gsize) (strrchr (name, '.') - name) : strlen (name));
      g_autofree char *expected_name = g_strconcat (stem, ".json", NULL);
      g_autofree char *expected_path = g_build_filename (root, "expected", expected_name, NULL);
      g_autofree char *input_path = g_build_filename (input_dir, name, NULL);
      g_autoptr(JsonParser) parser = json_parser_new ();
      g_autoptr(GBytes) bytes = NULL;
      g_autoptr(AttacheFeed) feed = NULL;
      g_autoptr(GError) error = NULL;
      JsonObject *object;
      JsonArray *expected_items;
      guint n_expected, n_ours, matched = 0;

      if (!g_file_test (expected_path, G_FILE_TEST_EXISTS))
        continue;   /* inputs the other parser's tests expect to fail */

      g_assert_true (json_parser_load_from_file (parser, expected_path, NULL));
      object = json_node_get_object (json_parser_get_root (parser));
      if (json_object_has_member (object, "feed"))
        object = json_object_get_object_member (object, "feed");
      expected_items = json_object_get_array_member (object, "items");
      n_expected = json_array_get_length (expected_items);

      feeds++;
      bytes = read_bytes (input_path);
      feed = timed_parse (bytes, NULL, &error);
      if (feed == NULL)
        {
          g_test_message ("rss-parser %s: %s", name, error->message);
          continue;
        }
      parsed++;

      n_ours = attache_feed_get_n_items (feed);
      if (n_ours == n_expected)
        count_match++;
      else
        g_test_message ("rss-parser %s: %u items, expected %u", name, n_ours, n_expected);

      for (guint i = 0; i < n_expected; i++)
        {
          JsonObject *expected = json_array_get_object_element (expected_items, i);
          const char *title = json_object_has_member (expected, "title") &&
                              JSON_NODE_HOLDS_VALUE (json_object_get_member (expected, "title"))
                              ? json_object_get_string_member (expected, "title") : NULL;
          const char *ours = i < n_ours ? attache_feed_item_get_title (attache_feed_get_item (feed, i)) : NULL;

          items++;
          if (same_title (ours, title))
            {
              matched++;
              titles_match++;
            }
          else if (matched + 3 > i)
            g_test_message ("rss-parser %s item %u: title \"%s\", expected \"%s\"", name, i,
                            ours != NULL ? ours : "(none)", title != NULL ? title : "(none)");
        }
      if (matched == n_expected && n_ours == n_expected)
        all_titles_match++;
    }

  g_test_message ("rss-parser: %u feeds, %u parsed, item count agrees for %u (%.0f%%), "
                  "every title agrees for %u (%.0f%%); titles: %u of %u (%.1f%%)",
                  feeds, parsed, count_match, 100.0 * count_match / MAX (feeds, 1),
                  all_titles_match, 100.0 * all_titles_match / MAX (feeds, 1),
                  titles_match, items, 100.0 * titles_match / MAX (items, 1));

  g_assert_cmpuint (feeds, ==, 26);
  g_assert_cmpuint (parsed, ==, feeds);
  g_assert_cmpuint (count_match, >=, 25);
  g_assert_cmpuint (all_titles_match, >=, 23);
  g_assert_cmpuint (titles_match * 1000, >=, items * 990);
}

/* (2) feed-rs */

/* Well-formed by a strict parser: no recovery, nothing loaded. */
static gboolean
well_formed (GBytes *bytes)
{
  gsize len;
  const char *data = g_bytes_get_data (bytes, &len);
  xmlDoc *doc = xmlReadMemory (data, (int) len, NULL, NULL,
                               XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
  gboolean ok = doc != NULL;

  g_clear_pointer (&doc, xmlFreeDoc);
  return ok;
}

static void
test_feed_rs (void)
{
  g_autofree char *root = skip_unless_dir ("data", "feeds", "feed-rs", "fixture", NULL);
  g_autoptr(GDir) kinds = NULL;
  const char *kind;
  guint files = 0, wellformed = 0, wellformed_parsed = 0, illformed = 0, illformed_parsed = 0, not_feeds = 0;
  guint compared = 0, count_match = 0, titles_match = 0, items = 0, item_titles = 0;

  if (root == NULL)
    return;

  kinds = g_dir_open (root, 0, NULL);
  while ((kind = g_dir_read_name (kinds)) != NULL)
    {
      g_autofree char *kind_dir = g_build_filename (root, kind, NULL);
      g_autoptr(GDir) dir = g_dir_open (kind_dir, 0, NULL);
      const char *name;

      while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *path = g_build_filename (kind_dir, name, NULL);
          g_autofree char *serde = NULL;
          g_autoptr(GBytes) bytes = NULL;
          g_autoptr(AttacheFeed) feed = NULL;
          g_autoptr(GError) error = NULL;
          gboolean is_json = g_str_has_suffix (name, ".json");
          gboolean ok;

          if (g_str_has_suffix (name, ".serde.json"))
            continue;

          if (strcmp (kind, "xml") == 0)
            {
              /* feed-rs's fixtures for its XML reader: documents, not feeds */
              bytes = read_bytes (path);
              feed = timed_parse (bytes, NULL, &error);
              g_assert_null (feed);
              g_assert_error (error, ATTACHE_FEED_ERROR, ATTACHE_FEED_ERROR_NOT_A_FEED);
              not_feeds++;
              continue;
            }

          files++;
          bytes = read_bytes (path);
          ok = is_json ? TRUE : well_formed (bytes);
          feed = timed_parse (bytes, NULL, &error);

          if (ok)
            {
              wellformed++;
              if (feed != NULL)
                wellformed_parsed++;
              else
                g_test_message ("feed-rs %s/%s (well-formed): %s", kind, name, error->message);
            }
          else
            {
              illformed++;
              if (feed != NULL)
                illformed_parsed++;
              g_test_message ("feed-rs %s/%s (ill-formed): %s", kind, name,
                              feed != NULL ? "recovered" : error->message);
            }

          /* against feed-rs's own reading, where it has one */
          {
            g_autofree char *stem = g_strndup (name, strrchr (name, '.') - name);

            serde = g_strconcat (kind_dir, G_DIR_SEPARATOR_S, stem, ".serde.json", NULL);
          }
          if (feed != NULL && g_file_test (serde, G_FILE_TEST_EXISTS))
            {
              g_autoptr(JsonParser) parser = json_parser_new ();
              JsonArray *entries;
              guint n, matched = 0;

              g_assert_true (json_parser_load_from_file (parser, serde, NULL));
              entries = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)), "entries");
              n = json_array_get_length (entries);
              compared++;
              if (n == attache_feed_get_n_items (feed))
                count_match++;
              else
                g_test_message ("feed-rs %s/%s: %u items, feed-rs found %u", kind, name,
                                attache_feed_get_n_items (feed), n);

              for (guint i = 0; i < n; i++)
                {
                  JsonObject *entry = json_array_get_object_element (entries, i);
                  JsonNode *title_node = json_object_get_member (entry, "title");
                  const char *title = NULL;
                  const char *ours = i < attache_feed_get_n_items (feed)
                    ? attache_feed_item_get_title (attache_feed_get_item (feed, i)) : NULL;

                  if (title_node != NULL && JSON_NODE_HOLDS_OBJECT (title_node))
                    title = json_object_get_string_member (json_node_get_object (title_node), "content");
                  items++;
                  if (same_title (ours, title))
                    {
                      item_titles++;
                      matched++;
                    }
                  else if (matched + 2 > i)
                    g_test_message ("feed-rs %s/%s item %u: title \"%s\", feed-rs \"%s\"", kind, name, i,
                                    ours != NULL ? ours : "(none)", title != NULL ? title : "(none)");
                }
              if (matched == n && n == attache_feed_get_n_items (feed))
                titles_match++;
            }
        }
    }

  g_test_message ("feed-rs: %u feeds; well-formed %u, parsed %u; ill-formed %u, recovered %u; "
                  "%u plain XML documents refused as not feeds; "
                  "against feed-rs's reading (%u feeds): item count agrees for %u, every title for %u; "
                  "titles %u of %u (%.1f%%)",
                  files, wellformed, wellformed_parsed, illformed, illformed_parsed, not_feeds,
                  compared, count_match, titles_match, item_titles, items, 100.0 * item_titles / MAX (items, 1));

  g_assert_cmpuint (files, >=, 60);
  g_assert_cmpuint (not_feeds, ==, 3);
  g_assert_cmpuint (wellformed_parsed, ==, wellformed);
  g_assert_cmpuint (count_match + 2, >=, compared);
  g_assert_cmpuint (item_titles * 100, >=, items * 97);
}

/* (3) feedparser: a small reader for the expectations */

typedef enum
{
  TOKEN_END,
  TOKEN_NAME,
  TOKEN_STRING,
  TOKEN_NUMBER,
  TOKEN_PUNCT,
} TokenType;

typedef struct
{
  TokenType  type;
  char      *text;
} Token;

static void
token_clear (Token *token)
{
  g_free (token->text);
}

/* Python string literal at @p (after any u/b/r prefix); NULL on failure. */
static char *
read_python_string (const char **pp)
{
  const char *p = *pp;
  char quote = *p++;
  GString *out = g_string_new (NULL);

  while (*p != '\0' && *p != quote)
    {
      if (*p == '\\' && p[1] != '\0')
        {
          p++;
          switch (*p)
            {
            case 'n': g_string_append_c (out, '\n'); p++; break;
            case 't': g_string_append_c (out, '\t'); p++; break;
            case 'r': g_string_append_c (out, '\r'); p++; break;
            case '\\': g_string_append_c (out, '\\'); p++; break;
            case '\'': g_string_append_c (out, '\''); p++; break;
            case '"': g_string_append_c (out, '"'); p++; break;
            case 'x':
            case 'u':
            case 'U':
              {
                int digits = *p == 'x' ? 2 : *p == 'u' ? 4 : 8;
                gunichar c = 0;

                p++;
                for (int i = 0; i < digits && g_ascii_isxdigit (*p); i++, p++)
                  c = c * 16 + g_ascii_xdigit_value (*p);
                g_string_append_unichar (out, c);
              }
              break;
            default:
              g_string_append_c (out, '\\');
              g_string_append_c (out, *p);
              p++;
            }
        }
      else
        g_string_append_c (out, *p++);
    }

  if (*p != quote)
    {
      g_string_free (out, TRUE);
      return NULL;
    }

  *pp = p + 1;
  return g_string_free (out, FALSE);
}

static GArray *
tokenize (const char *expression)
{
  GArray *tokens = g_array_new (TRUE, TRUE, sizeof (Token));
  const char *p = expression;

  g_array_set_clear_func (tokens, (GDestroyNotify) token_clear);

  while (*p != '\0')
    {
      Token token = { 0 };

      if (g_ascii_isspace (*p))
        {
          p++;
          continue;
        }

      if ((*p == 'u' || *p == 'b' || *p == 'r') && (p[1] == '\'' || p[1] == '"'))
        p++;

      if (*p == '\'' || *p == '"')
        {
          token.type = TOKEN_STRING;
          token.text = read_python_string (&p);
          if (token.text == NULL)
            break;
        }
      else if (g_ascii_isdigit (*p) || (*p == '-' && g_ascii_isdigit (p[1])))
        {
          const char *start = p++;

          while (g_ascii_isdigit (*p) || *p == '.')
            p++;
          token.type = TOKEN_NUMBER;
          token.text = g_strndup (start, p - start);
        }
      else if (g_ascii_isalpha (*p) || *p == '_')
        {
          const char *start = p;

          while (g_ascii_isalnum (*p) || *p == '_')
            p++;
          token.type = TOKEN_NAME;
          token.text = g_strndup (start, p - start);
        }
      else
        {
          int n = (p[0] == '=' && p[1] == '=') || (p[0] == '!' && p[1] == '=') ? 2 : 1;

          token.type = TOKEN_PUNCT;
          token.text = g_strndup (p, n);
          p += n;
        }

      g_array_append_val (tokens, token);
    }

  return tokens;
}

typedef enum
{
  CAT_BOZO,
  CAT_FEED_TITLE,
  CAT_ENTRY_TITLE,
  CAT_LINK,
  CAT_ID,
  CAT_DATE,
  CAT_ENCODING,
  CAT_VERSION,
  CAT_COUNT,
  CAT_DESCRIPTION,
  CAT_LANGUAGE,
  CAT_AUTHOR,
  CAT_CATEGORY,
  CAT_CONTENT,
  CAT_CONTENT_TYPE,
  CAT_BASE,
  CAT_ENCLOSURE,
  N_CATS
} Category;

static const char * const category_names[N_CATS] = {
  "well-formedness (bozo)", "feed title", "entry title", "link", "id", "dates", "encoding",
  "format and version", "item count", "feed description", "language", "author", "category",
  "summary/content (visible text)", "summary/content type", "content base URI", "enclosure",
};

typedef struct
{
  guint tried[N_CATS];
  guint passed[N_CATS];
  guint clauses;
  guint unmapped;
  guint files;
  guint files_with_mapped;
  guint files_all_passed;
  guint parsed;
  guint recovered;
  guint refused;
  guint refused_by_code[ATTACHE_FEED_ERROR_UNSAFE + 1];
  guint no_expectation;
  guint http_dependent;
} Score;

/* One file's context for evaluating its clauses. */
typedef struct
{
  AttacheFeed *feed;
  GError      *error;
  const char  *relpath;
  gboolean     has_http_header;
  gboolean     sanitize;
  gboolean     verbose;
} Context;

static char *
format_tuple_date (GArray *tokens,
                   guint   start,
                   guint  *end)
{
  int values[6];
  guint n = 0, i = start;

  /* ( y , m , d , H , M , S , … ) possibly inside time.struct_time( … ) */
  while (i < tokens->len && g_array_index (tokens, Token, i).type != TOKEN_NUMBER)
    i++;
  while (i < tokens->len && n < 6)
    {
      Token *t = &g_array_index (tokens, Token, i);

      if (t->type == TOKEN_NUMBER)
        values[n++] = atoi (t->text);
      i++;
    }
  while (i < tokens->len && strcmp (g_array_index (tokens, Token, i).text, ")") != 0)
    i++;
  while (i < tokens->len && strcmp (g_array_index (tokens, Token, i).text, ")") == 0)
    i++;
  *end = i;

  if (n < 6)
    return NULL;
  return g_strdup_printf ("%04d-%02d-%02dT%02d:%02d:%02dZ", values[0], values[1], values[2],
                          values[3], values[4], values[5]);
}

static const char *
feedparser_version (AttacheFeed *feed)
{
  const char *version = attache_feed_get_version (feed);

  switch (attache_feed_get_format (feed))
    {
    case ATTACHE_FEED_FORMAT_RSS:
      if (version == NULL)
        return "rss";
      if (g_str_has_prefix (version, "2."))
        return "rss20";   /* feedparser files 2.01 and 2.1 under 2.0 */
      if (strcmp (version, "0.91") == 0)
        return "rss091";
      if (strcmp (version, "0.92") == 0)
        return "rss092";
      if (strcmp (version, "0.93") == 0)
        return "rss093";
      if (strcmp (version, "0.94") == 0)
        return "rss094";
      return "rss";
    case ATTACHE_FEED_FORMAT_RDF:
      return g_strcmp0 (version, "0.90") == 0 ? "rss090" : "rss10";
    case ATTACHE_FEED_FORMAT_ATOM:
      return g_strcmp0 (version, "0.3") == 0 ? "atom03" : "atom10";
    case ATTACHE_FEED_FORMAT_JSON:
      return g_strcmp0 (version, "1.1") == 0 ? "json11" : "json1";
    default:
      return NULL;
    }
}

static gboolean
same_encoding (const char *ours,
               const char *theirs)
{
  if (ours == NULL || theirs == NULL)
    return FALSE;
  if (g_ascii_strcasecmp (ours, theirs) == 0)
    return TRUE;
  /* utf-16 ≈ utf-16le/be */
  if (g_ascii_strncasecmp (ours, theirs, strlen (theirs)) == 0 &&
      (g_str_has_suffix (ours, "le") || g_str_has_suffix (ours, "be")))
    return TRUE;
  return FALSE;
}

/* Evaluates the clause tokens[start, end). Returns FALSE when it cannot be mapped;
 * otherwise sets *@category and *@passed. */
static gboolean
evaluate_clause (Context  *ctx,
                 GArray   *tokens,
                 guint     start,
                 guint     end,
                 Category *category,
                 gboolean *passed)
{
  Token *t = &g_array_index (tokens, Token, start);
  AttacheFeed *feed = ctx->feed;
  AttacheFeedItem *item = NULL;
  GPtrArray *path;
  guint i = start, value_start;
  gboolean negate = FALSE, len_of = FALSE;
  const char *ours = NULL;
  g_autofree char *owned = NULL;
  g_autofree char *expected = NULL;
  gboolean expected_none = FALSE;
  gboolean result;

  if (end == start)
    return FALSE;

  /* bozo, not bozo */
  if (end - start <= 2 && strcmp (g_array_index (tokens, Token, end - 1).text, "bozo") == 0)
    {
      gboolean expect_bozo = end - start == 1;

      if (end - start == 2 && strcmp (t->text, "not") != 0)
        return FALSE;
      *category = CAT_BOZO;
      if (expect_bozo)
        *passed = feed == NULL || attache_feed_get_recovered (feed);
      else
        *passed = feed != NULL && !attache_feed_get_recovered (feed);
      return TRUE;
    }

  if (strcmp (t->text, "not") == 0)
    {
      negate = TRUE;
      i++;
    }
  if (i < end && strcmp (g_array_index (tokens, Token, i).text, "len") == 0)
    {
      len_of = TRUE;
      i += 2;   /* len ( */
    }

  /* the path: feed / entries[N] / encoding / version, then ['key'], [N], .key */
  path = g_ptr_array_new_with_free_func (g_free);
  for (; i < end; i++)
    {
      Token *token = &g_array_index (tokens, Token, i);

      if (token->type == TOKEN_NAME && path->len == 0)
        g_ptr_array_add (path, g_strdup (token->text));
      else if (strcmp (token->text, "[") == 0 && i + 2 < end &&
               strcmp (g_array_index (tokens, Token, i + 2).text, "]") == 0)
        {
          g_ptr_array_add (path, g_strdup (g_array_index (tokens, Token, i + 1).text));
          i += 2;
        }
      else if (strcmp (token->text, ".") == 0 && i + 1 < end)
        {
          g_ptr_array_add (path, g_strdup (g_array_index (tokens, Token, i + 1).text));
          i++;
        }
      else
        break;
    }
  if (len_of && i < end && strcmp (g_array_index (tokens, Token, i).text, ")") == 0)
    i++;

  if (i >= end || path->len == 0 || (strcmp (g_array_index (tokens, Token, i).text, "==") != 0 && !negate))
    {
      g_ptr_array_unref (path);
      return FALSE;
    }
  if (negate)
    {
      /* only "not entries[0]['guidislink']" and the like: not mapped */
      g_ptr_array_unref (path);
      return FALSE;
    }
  value_start = i + 1;

  /* the expected value */
  if (value_start >= end)
    {
      g_ptr_array_unref (path);
      return FALSE;
    }
  {
    Token *value = &g_array_index (tokens, Token, value_start);

    if (value->type == TOKEN_STRING && value_start + 1 == end)
      expected = g_strdup (value->text);
    else if (value->type == TOKEN_NUMBER && value_start + 1 == end)
      expected = g_strdup (value->text);
    else if (value->type == TOKEN_NAME && strcmp (value->text, "None") == 0 && value_start + 1 == end)
      expected_none = TRUE;
    else if (strcmp (value->text, "(") == 0 || (value->type == TOKEN_NAME && strcmp (value->text, "time") == 0))
      {
        guint after;

        expected = format_tuple_date (tokens, value_start, &after);
        if (expected == NULL || after != end)
          {
            g_ptr_array_unref (path);
            return FALSE;
          }
      }
    else
      {
        g_ptr_array_unref (path);
        return FALSE;
      }
  }

#define P(n) ((const char *) (path->len > (n) ? g_ptr_array_index (path, n) : ""))
  if (feed == NULL && !(strcmp (P (0), "encoding") == 0))
    {
      /* refused: every field expectation fails, in its category */
      result = FALSE;
      *category = strcmp (P (0), "feed") == 0 && strstr (P (1), "title") != NULL ? CAT_FEED_TITLE :
                  strcmp (P (0), "entries") == 0 && strstr (P (2), "title") != NULL ? CAT_ENTRY_TITLE :
                  CAT_CONTENT;
      g_ptr_array_unref (path);
      *passed = FALSE;
      return TRUE;
    }

  if (strcmp (P (0), "encoding") == 0 && path->len == 1)
    {
      if (feed == NULL)
        {
          g_ptr_array_unref (path);
          return FALSE;
        }
      *category = CAT_ENCODING;
      *passed = same_encoding (attache_feed_get_encoding (feed), expected);
      if (!*passed && ctx->verbose)
        g_test_message ("  %s: encoding: ours \"%s\", expected \"%s\"", ctx->relpath,
                        attache_feed_get_encoding (feed), expected);
      g_ptr_array_unref (path);
      return TRUE;
    }

  if (strcmp (P (0), "version") == 0 && path->len == 1)
    {
      const char *version = feedparser_version (feed);

      *category = CAT_VERSION;
      *passed = expected != NULL && version != NULL &&
                (strcmp (version, expected) == 0 ||
                 (strcmp (version, "rss091") == 0 && g_str_has_prefix (expected, "rss091")));
      if (!*passed && ctx->verbose)
        g_test_message ("  %s: version: ours \"%s\", expected \"%s\"", ctx->relpath, version, expected);
      g_ptr_array_unref (path);
      return TRUE;
    }

  if (strcmp (P (0), "entries") == 0 && len_of && path->len == 1)
    {
      *category = CAT_COUNT;
      *passed = expected != NULL && attache_feed_get_n_items (feed) == (guint) atoi (expected);
      g_ptr_array_unref (path);
      return TRUE;
    }

  result = FALSE;
  if (strcmp (P (0), "feed") == 0)
    {
      const char *key = P (1);
      const char *sub = P (2);

      if ((strcmp (key, "title") == 0 && path->len == 2) ||
          (strcmp (key, "title_detail") == 0 && strcmp (sub, "value") == 0))
        {
          *category = CAT_FEED_TITLE;
          ours = attache_feed_get_title (feed);
        }
      else if (strcmp (key, "link") == 0 && path->len == 2)
        {
          *category = CAT_LINK;
          ours = attache_feed_get_link (feed);
        }
      else if (((strcmp (key, "subtitle") == 0 || strcmp (key, "tagline") == 0 ||
                 strcmp (key, "description") == 0) && path->len == 2) ||
               ((strcmp (key, "subtitle_detail") == 0 || strcmp (key, "tagline_detail") == 0) &&
                strcmp (sub, "value") == 0))
        {
          *category = CAT_DESCRIPTION;
          ours = attache_feed_get_description (feed);
        }
      else if (strcmp (key, "language") == 0 && path->len == 2)
        {
          *category = CAT_LANGUAGE;
          ours = attache_feed_get_language (feed);
        }
      else if ((strcmp (key, "updated_parsed") == 0 || strcmp (key, "published_parsed") == 0 ||
                strcmp (key, "modified_parsed") == 0) && path->len == 2)
        {
          *category = CAT_DATE;
          ours = attache_feed_get_updated (feed);
        }
      else
        {
          g_ptr_array_unref (path);
          return FALSE;
        }
    }
  else if (strcmp (P (0), "entries") == 0 && path->len >= 3)
    {
      guint index = (guint) atoi (P (1));
      const char *key = P (2);
      const char *sub = P (3);
      const char *leaf = P (4);

      item = attache_feed_get_item (feed, index);

      if ((strcmp (key, "title") == 0 && path->len == 3) ||
          (strcmp (key, "title_detail") == 0 && strcmp (sub, "value") == 0))
        {
          *category = CAT_ENTRY_TITLE;
          ours = item != NULL ? attache_feed_item_get_title (item) : NULL;
        }
      else if (strcmp (key, "link") == 0 && path->len == 3)
        {
          *category = CAT_LINK;
          ours = item != NULL ? attache_feed_item_get_link (item) : NULL;
        }
      else if ((strcmp (key, "id") == 0 || strcmp (key, "guid") == 0) && path->len == 3)
        {
          *category = CAT_ID;
          ours = item != NULL ? attache_feed_item_get_id (item) : NULL;
        }
      else if ((strcmp (key, "published_parsed") == 0 || strcmp (key, "created_parsed") == 0 ||
                strcmp (key, "issued_parsed") == 0 || strcmp (key, "date_parsed") == 0) && path->len == 3)
        {
          *category = CAT_DATE;
          ours = item != NULL ? attache_feed_item_get_published (item) : NULL;
        }
      else if ((strcmp (key, "updated_parsed") == 0 || strcmp (key, "modified_parsed") == 0) && path->len == 3)
        {
          *category = CAT_DATE;
          ours = item == NULL ? NULL : attache_feed_item_get_updated (item) != NULL
            ? attache_feed_item_get_updated (item) : attache_feed_item_get_published (item);
        }
      else if (!ctx->sanitize &&
               (((strcmp (key, "description") == 0 || strcmp (key, "summary") == 0) && path->len == 3) ||
                (strcmp (key, "summary_detail") == 0 && strcmp (sub, "value") == 0)))
        {
          *category = CAT_CONTENT;
          /* feedparser's summary falls back to the content */
          ours = item == NULL ? NULL : attache_feed_item_get_summary (item) != NULL
            ? attache_feed_item_get_summary (item) : attache_feed_item_get_content (item);
        }
      else if (!ctx->sanitize && strcmp (key, "content") == 0 && strcmp (leaf, "value") == 0)
        {
          *category = CAT_CONTENT;
          ours = item != NULL ? attache_feed_item_get_content (item) : NULL;
        }
      else if ((strcmp (key, "content") == 0 && strcmp (leaf, "type") == 0) ||
               (strcmp (key, "summary_detail") == 0 && strcmp (sub, "type") == 0))
        {
          AttacheFeedTextType type;
          gboolean present;

          *category = CAT_CONTENT_TYPE;
          if (strcmp (key, "content") == 0)
            {
              present = item != NULL && attache_feed_item_get_content (item) != NULL;
              type = present ? attache_feed_item_get_content_type (item) : ATTACHE_FEED_TEXT_PLAIN;
            }
          else
            {
              present = item != NULL && attache_feed_item_get_summary (item) != NULL;
              type = present ? attache_feed_item_get_summary_type (item) : ATTACHE_FEED_TEXT_PLAIN;
            }
          *passed = present && expected != NULL &&
                    (type == ATTACHE_FEED_TEXT_HTML
                     ? (strcmp (expected, "text/html") == 0 || strcmp (expected, "application/xhtml+xml") == 0)
                     : strcmp (expected, "text/plain") == 0);
          g_ptr_array_unref (path);
          return TRUE;
        }
      else if ((strcmp (key, "content") == 0 && strcmp (leaf, "base") == 0) ||
               (strcmp (key, "summary_detail") == 0 && strcmp (sub, "base") == 0))
        {
          *category = CAT_BASE;
          ours = item != NULL ? attache_feed_item_get_base_uri (item) : NULL;
        }
      else if ((strcmp (key, "author_detail") == 0 && strcmp (sub, "name") == 0) ||
               (strcmp (key, "authors") == 0 && strcmp (leaf, "name") == 0))
        {
          guint n = strcmp (key, "authors") == 0 ? (guint) atoi (sub) : 0;
          const char * const *authors = item != NULL ? attache_feed_item_get_authors (item) : NULL;

          *category = CAT_AUTHOR;
          for (guint k = 0; authors != NULL && k <= n; k++)
            {
              ours = authors[k];
              if (ours == NULL)
                break;
            }
        }
      else if (strcmp (key, "tags") == 0 && strcmp (leaf, "term") == 0)
        {
          guint n = (guint) atoi (sub);
          const char * const *categories = item != NULL ? attache_feed_item_get_categories (item) : NULL;

          *category = CAT_CATEGORY;
          for (guint k = 0; categories != NULL && k <= n; k++)
            {
              ours = categories[k];
              if (ours == NULL)
                break;
            }
        }
      else if (strcmp (key, "enclosures") == 0 && strcmp (leaf, "href") == 0 && strcmp (sub, "0") == 0)
        {
          *category = CAT_ENCLOSURE;
          ours = item != NULL ? attache_feed_item_get_enclosure_url (item) : NULL;
        }
      else
        {
          g_ptr_array_unref (path);
          return FALSE;
        }
    }
  else
    {
      g_ptr_array_unref (path);
      return FALSE;
    }
#undef P

  if (expected_none)
    result = ours == NULL;
  else if (*category == CAT_LANGUAGE)
    result = ours != NULL && expected != NULL && g_ascii_strcasecmp (ours, expected) == 0;
  else if (*category == CAT_LINK || *category == CAT_ID || *category == CAT_DATE ||
           *category == CAT_BASE || *category == CAT_ENCLOSURE)
    result = g_strcmp0 (ours, expected) == 0;
  else if (*category == CAT_CONTENT)
    result = same_rendered (ours, expected);
  else
    result = same_title (ours, expected);

  if (!result && ctx->verbose)
    g_test_message ("  %s: %s: ours \"%s\", expected \"%s\"", ctx->relpath, category_names[*category],
                    ours != NULL ? ours : "(none)", expected != NULL ? expected : "None");

  *passed = result;
  g_ptr_array_unref (path);
  return TRUE;
}

/* "Description: …\nExpect: …" in the leading comment (or the JSON "__TEST__"). */
static char *
read_header_field (const char *text,
                   gsize       len,
                   const char *field)
{
  const char *end = text + MIN (len, 4096);
  const char *p = g_strstr_len (text, end - text, field);
  const char *stop;

  if (p == NULL)
    return NULL;
  p += strlen (field);
  stop = p;
  while (stop < end && *stop != '\n' && *stop != '\r' && !(stop[0] == '-' && stop + 2 < end && stop[1] == '-' && stop[2] == '>'))
    stop++;
  if (strcmp (field, "Expect:") == 0 && *text == '{')
    {
      /* JSON: the expectation ends at the comment marker */
      const char *marker = g_strstr_len (p, end - p, "-->");

      if (marker != NULL)
        stop = marker;
    }

  return g_strstrip (g_strndup (p, stop - p));
}

static void
evaluate_file (Score      *score,
               const char *root,
               const char *relpath,
               gboolean    verbose)
{
  g_autofree char *path = g_build_filename (root, relpath, NULL);
  g_autofree char *base_uri = g_strconcat ("http://127.0.0.1:8097/tests/", relpath, NULL);
  g_autoptr(GBytes) bytes = read_bytes (path);
  g_autofree char *expect = NULL;
  g_autoptr(GArray) tokens = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(AttacheFeed) feed = NULL;
  Context ctx = { 0 };
  const char *text;
  gsize len;
  guint start = 0, depth = 0, mapped = 0, passed = 0;

  g_assert_nonnull (bytes);
  text = g_bytes_get_data (bytes, &len);

  feed = timed_parse (bytes, base_uri, &error);
  score->files++;
  if (feed != NULL)
    {
      score->parsed++;
      if (attache_feed_get_recovered (feed))
        score->recovered++;
    }
  else
    {
      score->refused++;
      if (error->code <= ATTACHE_FEED_ERROR_UNSAFE)
        score->refused_by_code[error->code]++;
    }

  {
    /* the header is ASCII at the start, maybe after an XML declaration; UTF-16
     * and UTF-32 files are read through the decoder */
    gsize text_len = 0;
    const char *encoding = NULL;
    g_autofree char *decoded = _attache_feed_decode_unicode ((const guchar *) text, len, &text_len, &encoding);

    if (decoded != NULL)
      expect = read_header_field (decoded, text_len, "Expect:");
    else
      expect = read_header_field (text, len, "Expect:");
    ctx.has_http_header = g_strstr_len (decoded != NULL ? decoded : text, MIN (decoded != NULL ? text_len : len, 4096), "Header:") != NULL;
  }

  if (expect == NULL)
    {
      score->no_expectation++;
      return;
    }

  ctx.feed = feed;
  ctx.error = error;
  ctx.relpath = relpath;
  ctx.sanitize = g_str_has_prefix (relpath, "wellformed/sanitize/");
  ctx.verbose = verbose;
  if (ctx.has_http_header)
    {
      /* what these expect depends on HTTP headers this parser is not given */
      score->http_dependent++;
      return;
    }

  tokens = tokenize (expect);
  for (guint i = 0; i <= tokens->len; i++)
    {
      Token *t = i < tokens->len ? &g_array_index (tokens, Token, i) : NULL;

      if (t != NULL && t->type == TOKEN_PUNCT && (strcmp (t->text, "(") == 0 || strcmp (t->text, "[") == 0))
        depth++;
      else if (t != NULL && t->type == TOKEN_PUNCT && (strcmp (t->text, ")") == 0 || strcmp (t->text, "]") == 0))
        depth--;

      if (t == NULL || (depth == 0 && t->type == TOKEN_NAME && strcmp (t->text, "and") == 0))
        {
          Category category = 0;
          gboolean ok = FALSE;

          score->clauses++;
          if (evaluate_clause (&ctx, tokens, start, i, &category, &ok))
            {
              mapped++;
              score->tried[category]++;
              if (ok)
                {
                  score->passed[category]++;
                  passed++;
                }
            }
          else
            score->unmapped++;
          start = i + 1;
        }
    }

  if (mapped > 0)
    {
      score->files_with_mapped++;
      if (passed == mapped)
        score->files_all_passed++;
    }
}

static void
collect_files (const char *root,
               const char *relative,
               GPtrArray  *files)
{
  g_autofree char *dir_path = g_build_filename (root, relative, NULL);
  g_autoptr(GDir) dir = g_dir_open (dir_path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = relative[0] != '\0' ? g_build_filename (relative, name, NULL) : g_strdup (name);
      g_autofree char *full = g_build_filename (root, child, NULL);

      if (g_file_test (full, G_FILE_TEST_IS_DIR))
        collect_files (root, child, files);
      else
        g_ptr_array_add (files, g_steal_pointer (&child));
    }
}

static void
test_feedparser (void)
{
  g_autofree char *root = skip_unless_dir ("data", "feeds", "feedparser", "tests", NULL);
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_free);
  Score score = { 0 };
  Score illformed = { 0 };
  gboolean verbose = g_getenv ("ATTACHE_EVAL_VERBOSE") != NULL;
  guint tried = 0, passed = 0;

  if (root == NULL)
    return;

  collect_files (root, "", files);
  g_ptr_array_sort (files, (GCompareFunc) g_strcmp0);

  for (guint i = 0; i < files->len; i++)
    {
      const char *relpath = g_ptr_array_index (files, i);

      evaluate_file (g_str_has_prefix (relpath, "illformed/") ? &illformed : &score, root, relpath, verbose);
    }

  g_test_message ("feedparser: %u files (%u ill-formed set); parsed %u, of which repaired %u; refused %u "
                  "(empty %u, not a feed %u, malformed %u, unsafe %u); no crash",
                  score.files + illformed.files, illformed.files, score.parsed + illformed.parsed,
                  score.recovered + illformed.recovered, score.refused + illformed.refused,
                  score.refused_by_code[ATTACHE_FEED_ERROR_EMPTY] + illformed.refused_by_code[ATTACHE_FEED_ERROR_EMPTY],
                  score.refused_by_code[ATTACHE_FEED_ERROR_NOT_A_FEED] + illformed.refused_by_code[ATTACHE_FEED_ERROR_NOT_A_FEED],
                  score.refused_by_code[ATTACHE_FEED_ERROR_MALFORMED] + illformed.refused_by_code[ATTACHE_FEED_ERROR_MALFORMED],
                  score.refused_by_code[ATTACHE_FEED_ERROR_UNSAFE] + illformed.refused_by_code[ATTACHE_FEED_ERROR_UNSAFE]);
  g_test_message ("feedparser ill-formed set: %u files, recovered %u, refused with a message %u",
                  illformed.files, illformed.parsed, illformed.refused);

  for (int c = 0; c < N_CATS; c++)
    {
      guint t = score.tried[c] + illformed.tried[c];
      guint p = score.passed[c] + illformed.passed[c];

      tried += t;
      passed += p;
      g_test_message ("feedparser %-32s %4u of %4u  %5.1f%%", category_names[c], p, t, 100.0 * p / MAX (t, 1));
    }
  g_test_message ("feedparser: %u clauses, %u mapped, %u passed (%.1f%%); %u not mapped "
                  "(sanitising, iTunes, geo, ...); files whose mapped expectations all pass: "
                  "%u of %u (%.1f%%); %u files state no expectation; "
                  "%u depend on HTTP headers and are only parsed",
                  score.clauses + illformed.clauses, tried, passed, 100.0 * passed / MAX (tried, 1),
                  score.unmapped + illformed.unmapped,
                  score.files_all_passed + illformed.files_all_passed,
                  score.files_with_mapped + illformed.files_with_mapped,
                  100.0 * (score.files_all_passed + illformed.files_all_passed) /
                  MAX (score.files_with_mapped + illformed.files_with_mapped, 1),
                  score.no_expectation + illformed.no_expectation,
                  score.http_dependent + illformed.http_dependent);

  g_assert_cmpuint (files->len, >=, 2107);
  /* every ill-formed file is recovered or refused with a message (timed_parse checks the message) */
  g_assert_cmpuint (illformed.parsed + illformed.refused, ==, illformed.files);

  /* floors a little below what is measured (see the messages above) */
#define FLOOR(cat, percent) \
  g_assert_cmpuint ((score.passed[cat] + illformed.passed[cat]) * 100, >=, \
                    (score.tried[cat] + illformed.tried[cat]) * (percent))
  FLOOR (CAT_FEED_TITLE, FEED_TITLE_FLOOR);
  FLOOR (CAT_ENTRY_TITLE, ENTRY_TITLE_FLOOR);
  FLOOR (CAT_LINK, LINK_FLOOR);
  FLOOR (CAT_ID, ID_FLOOR);
  FLOOR (CAT_DATE, DATE_FLOOR);
  FLOOR (CAT_ENCODING, ENCODING_FLOOR);
  g_assert_cmpuint (score.passed[CAT_ENCODING] + illformed.passed[CAT_ENCODING], >=, ENCODING_CASES);
  FLOOR (CAT_BOZO, BOZO_FLOOR);
#undef FLOOR
  g_assert_cmpuint (passed * 100, >=, tried * OVERALL_FLOOR);
}

static void
test_speed (void)
{
  double seconds = total_usec / (double) G_USEC_PER_SEC;
  g_autofree char *large = NULL;

  if (total_files == 0)
    {
      g_test_skip ("no feed was parsed: nothing to time");
      return;
    }

  g_test_message ("speed: %u files, %.1f MiB in %.2f s: %.0f files/s, %.1f MiB/s",
                  total_files, total_bytes / 1048576.0, seconds,
                  total_files / MAX (seconds, 1e-6), total_bytes / 1048576.0 / MAX (seconds, 1e-6));

  /* one large feed (a podcast with 730 items), ten times */
  large = skip_unless_dir ("data", "feeds", "rss-parser", "input", NULL);
  if (large != NULL)
    {
      g_autofree char *path = g_build_filename (large, "giantbomb-podcast.rss", NULL);
      g_autoptr(GBytes) bytes = read_bytes (path);
      gint64 start = g_get_monotonic_time ();

      g_assert_nonnull (bytes);
      for (int i = 0; i < 10; i++)
        {
          g_autoptr(GError) error = NULL;
          g_autoptr(AttacheFeed) feed = attache_feed_parse (bytes, NULL, &error);

          g_assert_no_error (error);
          g_assert_cmpuint (attache_feed_get_n_items (feed), ==, 730);
        }
      seconds = (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;
      g_test_message ("speed, one large feed: %.1f MiB, 730 items: %.1f ms a parse, %.1f MiB/s",
                      g_bytes_get_size (bytes) / 1048576.0, seconds * 100,
                      10 * g_bytes_get_size (bytes) / 1048576.0 / MAX (seconds, 1e-6));
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/eval/feeds/rss-parser", test_rss_parser);
  g_test_add_func ("/eval/feeds/feed-rs", test_feed_rs);
  g_test_add_func ("/eval/feeds/feedparser", test_feedparser);
  g_test_add_func ("/eval/feeds/speed", test_speed);

  return g_test_run ();
}
