/* test-feed.c: parsing RSS, Atom, JSON Feed and OPML, and refusing what is hostile
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>
#include <sys/resource.h>

#include <libxml/parser.h>

#include "attache.h"
#include "attache-feed-private.h"

#include "test-helpers.h"

static GBytes *
read_fixture (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures", "feeds", name, NULL);
  g_autoptr(GError) error = NULL;
  char *contents = NULL;
  gsize len = 0;

  g_file_get_contents (path, &contents, &len, &error);
  g_assert_no_error (error);
  return g_bytes_new_take (contents, len);
}

static AttacheFeed *
parse_fixture (const char *name,
               const char *base_uri)
{
  g_autoptr(GBytes) bytes = read_fixture (name);
  g_autoptr(GError) error = NULL;
  AttacheFeed *feed = attache_feed_parse (bytes, base_uri, &error);

  g_assert_no_error (error);
  g_assert_nonnull (feed);
  return feed;
}

static AttacheFeed *
parse_string (const char *text,
              gssize      len,
              GError    **error)
{
  g_autoptr(GBytes) bytes = g_bytes_new (text, len < 0 ? strlen (text) : (gsize) len);

  return attache_feed_parse (bytes, NULL, error);
}

static char *
join (const char * const *strv)
{
  return g_strjoinv ("|", (char **) strv);
}

/* Every string the feed and its items give, one after the other: to look for
 * what must never be there. */
static char *
everything_in (AttacheFeed *feed)
{
  GString *all = g_string_new (NULL);

#define ADD(s) G_STMT_START { const char *s_ = (s); if (s_ != NULL) { g_string_append (all, s_); g_string_append_c (all, '\n'); } } G_STMT_END
  ADD (attache_feed_get_title (feed));
  ADD (attache_feed_get_link (feed));
  ADD (attache_feed_get_description (feed));
  for (guint i = 0; i < attache_feed_get_n_items (feed); i++)
    {
      AttacheFeedItem *item = attache_feed_get_item (feed, i);
      g_autofree char *authors = join (attache_feed_item_get_authors (item));
      g_autofree char *categories = join (attache_feed_item_get_categories (item));

      ADD (attache_feed_item_get_id (item));
      ADD (attache_feed_item_get_title (item));
      ADD (attache_feed_item_get_link (item));
      ADD (attache_feed_item_get_summary (item));
      ADD (attache_feed_item_get_content (item));
      ADD (authors);
      ADD (categories);
    }
#undef ADD

  return g_string_free (all, FALSE);
}

/* RSS 2.0 */

static void
test_rss2_content (void)
{
  g_autoptr(AttacheFeed) feed = parse_fixture ("rss2-content.xml", "https://news.example.org/baltic/feed.xml");
  AttacheFeedItem *item;
  g_autofree char *text = NULL;

  g_assert_cmpint (attache_feed_get_format (feed), ==, ATTACHE_FEED_FORMAT_RSS);
  g_assert_cmpstr (attache_feed_get_version (feed), ==, "2.0");
  g_assert_cmpstr (attache_feed_get_title (feed), ==, "Baltic Desk — Regional Briefs");
  g_assert_cmpstr (attache_feed_get_link (feed), ==, "https://news.example.org/baltic/");
  g_assert_cmpstr (attache_feed_get_feed_url (feed), ==, "https://news.example.org/baltic/feed.xml");
  g_assert_cmpstr (attache_feed_get_description (feed), ==, "Short analysis from the Baltic desk.");
  g_assert_cmpstr (attache_feed_get_language (feed), ==, "en-gb");
  g_assert_cmpstr (attache_feed_get_updated (feed), ==, "2024-04-02T10:15:00Z");
  g_assert_cmpstr (attache_feed_get_encoding (feed), ==, "utf-8");
  g_assert_false (attache_feed_get_recovered (feed));
  g_assert_cmpuint (attache_feed_get_n_items (feed), ==, 3);

  /* content:encoded is the HTML content; the description the plain summary */
  item = attache_feed_get_item (feed, 0);
  g_assert_cmpstr (attache_feed_item_get_title (item), ==, "Tallinn hosts energy ministers ahead of the grid switch");
  g_assert_cmpstr (attache_feed_item_get_id (item), ==, "https://news.example.org/baltic/2024/04/02/tallinn-energy");
  g_assert_cmpstr (attache_feed_item_get_link (item), ==, "https://news.example.org/baltic/2024/04/02/tallinn-energy");
  g_assert_cmpstr (attache_feed_item_get_published (item), ==, "2024-04-02T06:30:00Z");   /* +0300 */
  g_assert_null (attache_feed_item_get_updated (item));
  g_assert_cmpstr (attache_feed_item_get_authors (item)[0], ==, "Kadri Tamm");
  text = join (attache_feed_item_get_categories (item));
  g_assert_cmpstr (text, ==, "Energy|Estonia");
  g_assert_cmpint (attache_feed_item_get_content_type (item), ==, ATTACHE_FEED_TEXT_HTML);
  g_assert_true (g_str_has_prefix (attache_feed_item_get_content (item), "<p>Ministers from the three Baltic states met in <b>Tallinn</b>"));
  g_assert_cmpint (attache_feed_item_get_summary_type (item), ==, ATTACHE_FEED_TEXT_PLAIN);
  g_assert_cmpstr (attache_feed_item_get_summary (item), ==, "Ministers from the three Baltic states met in Tallinn.");
  g_assert_cmpstr (attache_feed_item_get_enclosure_url (item), ==, "https://news.example.org/media/tallinn.mp3");
  g_assert_cmpstr (attache_feed_item_get_enclosure_type (item), ==, "audio/mpeg");

  /* guid isPermaLink="false": the id, never the link; the relative link resolved
   * against the feed's address; "EST" is five hours behind */
  item = attache_feed_get_item (feed, 1);
  g_assert_cmpstr (attache_feed_item_get_id (item), ==, "tag:news.example.org,2024:riga-port");
  g_assert_cmpstr (attache_feed_item_get_link (item), ==, "https://news.example.org/baltic/2024/04/01/riga-port");
  g_assert_cmpstr (attache_feed_item_get_published (item), ==, "2024-04-01T21:05:00Z");
  g_assert_cmpstr (attache_feed_item_get_authors (item)[0], ==, "Jānis Ozols");
  g_assert_null (attache_feed_item_get_authors (item)[1]);
  g_assert_null (attache_feed_item_get_content (item));
  g_assert_null (attache_feed_item_get_enclosure_url (item));

  /* a permalink guid and no <link>: the guid is the link too; "24" is 2024 */
  item = attache_feed_get_item (feed, 2);
  g_assert_cmpstr (attache_feed_item_get_link (item), ==, "https://news.example.org/baltic/2024/03/29/vilnius-summit");
  g_assert_cmpstr (attache_feed_item_get_id (item), ==, "https://news.example.org/baltic/2024/03/29/vilnius-summit");
  g_assert_cmpstr (attache_feed_item_get_published (item), ==, "2024-03-29T08:00:00Z");
  g_assert_null (attache_feed_item_get_authors (item)[0]);
}

static void
test_rss2_list_model (void)
{
  g_autoptr(AttacheFeed) feed = parse_fixture ("rss2-content.xml", NULL);
  g_autoptr(AttacheFeedItem) first = NULL;
  g_autofree char *title = NULL;

  g_assert_true (G_IS_LIST_MODEL (feed));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (feed)), ==, 3);
  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (feed)) == ATTACHE_TYPE_FEED_ITEM);
  first = g_list_model_get_item (G_LIST_MODEL (feed), 0);
  g_object_get (first, "title", &title, NULL);
  g_assert_cmpstr (title, ==, "Tallinn hosts energy ministers ahead of the grid switch");
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (feed), 3));
  g_assert_null (attache_feed_get_item (feed, 3));

  /* without a base URI a relative link stays as the feed wrote it */
  g_assert_cmpstr (attache_feed_item_get_link (attache_feed_get_item (feed, 1)), ==, "/baltic/2024/04/01/riga-port");
}

/* RSS 1.0 */

static void
test_rss1_rdf (void)
{
  g_autoptr(AttacheFeed) feed = parse_fixture ("rdf-rss1.rdf", NULL);
  AttacheFeedItem *item;

  g_assert_cmpint (attache_feed_get_format (feed), ==, ATTACHE_FEED_FORMAT_RDF);
  g_assert_cmpstr (attache_feed_get_version (feed), ==, "1.0");
  g_assert_cmpstr (attache_feed_get_title (feed), ==, "Sahel Security Bulletin");
  g_assert_cmpstr (attache_feed_get_link (feed), ==, "https://bulletin.example.net/");
  g_assert_cmpstr (attache_feed_get_language (feed), ==, "fr");
  g_assert_cmpstr (attache_feed_get_updated (feed), ==, "2024-03-28T17:00:00Z");
  g_assert_cmpuint (attache_feed_get_n_items (feed), ==, 2);

  item = attache_feed_get_item (feed, 0);
  g_assert_cmpstr (attache_feed_item_get_title (item), ==, "Niamey: curfew lifted in two districts");
  g_assert_cmpstr (attache_feed_item_get_id (item), ==, "https://bulletin.example.net/2024/13/niamey");
  g_assert_cmpstr (attache_feed_item_get_published (item), ==, "2024-03-27T20:30:00Z");
  g_assert_cmpstr (attache_feed_item_get_authors (item)[0], ==, "Aïcha Diallo");
  g_assert_cmpstr (attache_feed_item_get_categories (item)[0], ==, "Niger");

  /* a date alone is midnight UTC */
  item = attache_feed_get_item (feed, 1);
  g_assert_cmpstr (attache_feed_item_get_title (item), ==, "Bamako: fuel deliveries resume");
  g_assert_cmpstr (attache_feed_item_get_published (item), ==, "2024-03-27T00:00:00Z");
}

/* Atom */

static void
test_atom_xhtml_base (void)
{
  g_autoptr(AttacheFeed) feed = parse_fixture ("atom-xhtml.atom", NULL);
  AttacheFeedItem *item;
  g_autofree char *authors = NULL;
  g_autofree char *categories = NULL;
  const char *content;

  g_assert_cmpint (attache_feed_get_format (feed), ==, ATTACHE_FEED_FORMAT_ATOM);
  g_assert_cmpstr (attache_feed_get_version (feed), ==, "1.0");
  /* type="html" with escaped markup and an escaped entity: plain text */
  g_assert_cmpstr (attache_feed_get_title (feed), ==, "Lage & Analyse Osteuropa");
  g_assert_cmpstr (attache_feed_get_description (feed), ==, "Notizen aus dem Osteuropa-Referat");
  /* rel="alternate" type="text/html" beats the JSON alternate; xml:base applies */
  g_assert_cmpstr (attache_feed_get_link (feed), ==, "https://analyse.example.de/");
  g_assert_cmpstr (attache_feed_get_feed_url (feed), ==, "https://analyse.example.de/feed.atom");
  g_assert_cmpstr (attache_feed_get_language (feed), ==, "de");
  g_assert_cmpstr (attache_feed_get_updated (feed), ==, "2024-04-02T10:00:00Z");
  g_assert_cmpuint (attache_feed_get_n_items (feed), ==, 2);

  item = attache_feed_get_item (feed, 0);
  g_assert_cmpstr (attache_feed_item_get_title (item), ==, "Wahlen in Moldau: erste Ergebnisse");
  g_assert_cmpstr (attache_feed_item_get_id (item), ==, "tag:analyse.example.de,2024:17");
  /* the alternate link, not the edit link, resolved against the entry's xml:base */
  g_assert_cmpstr (attache_feed_item_get_link (item), ==, "https://analyse.example.de/2024/04/moldau-wahlen.html");
  g_assert_cmpstr (attache_feed_item_get_enclosure_url (item), ==, "https://analyse.example.de/2024/04/bilder/chisinau.jpg");
  g_assert_cmpstr (attache_feed_item_get_published (item), ==, "2024-04-01T18:45:00Z");
  g_assert_cmpstr (attache_feed_item_get_updated (item), ==, "2024-04-02T08:10:30Z");
  authors = join (attache_feed_item_get_authors (item));
  g_assert_cmpstr (authors, ==, "Lena Vogel|m.weber@analyse.example.de");
  categories = join (attache_feed_item_get_categories (item));
  g_assert_cmpstr (categories, ==, "Moldau|wahlen");
  g_assert_cmpint (attache_feed_item_get_summary_type (item), ==, ATTACHE_FEED_TEXT_PLAIN);
  g_assert_cmpstr (attache_feed_item_get_summary (item), ==, "Die Wahlbeteiligung lag bei 52 %.");
  /* xhtml content: the div's children as HTML, relative to the content's base */
  content = attache_feed_item_get_content (item);
  g_assert_cmpint (attache_feed_item_get_content_type (item), ==, ATTACHE_FEED_TEXT_HTML);
  g_assert_true (g_str_has_prefix (content, "<p>Die Wahlbeteiligung lag bei <strong>52 %</strong>.</p>"));
  g_assert_nonnull (strstr (content, "<img src=\"karte.png\" alt=\"Karte\"/>"));
  g_assert_null (strstr (content, "<div"));
  g_assert_cmpstr (attache_feed_item_get_base_uri (item), ==, "https://analyse.example.de/2024/04/moldau/");
  g_assert_cmpstr (attache_feed_item_get_language (item), ==, "de");

  /* a text title keeps its angle brackets; no author: the feed's */
  item = attache_feed_get_item (feed, 1);
  g_assert_cmpstr (attache_feed_item_get_title (item), ==, "Kurzmeldung <ohne> Markup");
  g_assert_cmpstr (attache_feed_item_get_link (item), ==, "https://analyse.example.de/2024/03/kurz.html");
  g_assert_null (attache_feed_item_get_published (item));
  g_assert_cmpstr (attache_feed_item_get_updated (item), ==, "2024-03-30T12:00:00Z");
  g_assert_cmpstr (attache_feed_item_get_authors (item)[0], ==, "Referat Osteuropa");
  g_assert_cmpint (attache_feed_item_get_content_type (item), ==, ATTACHE_FEED_TEXT_HTML);
  g_assert_cmpstr (attache_feed_item_get_content (item), ==,
                   "<p>Eine kurze Meldung mit <a href=\"quelle.html\">Quelle</a>.</p>");
}

static void
test_atom03 (void)
{
  const char *text =
    "<?xml version='1.0'?>\n"
    "<feed version='0.3' xmlns='http://purl.org/atom/ns#'>\n"
    " <title mode='escaped' type='text/html'>Old &lt;i&gt;Atom&lt;/i&gt;</title>\n"
    " <tagline>Still out there</tagline>\n"
    " <link rel='alternate' type='text/html' href='http://old.example.com/'/>\n"
    " <modified>2005-01-02T03:04:05Z</modified>\n"
    " <entry>\n"
    "  <title>Entry</title>\n"
    "  <link rel='alternate' type='text/html' href='http://old.example.com/1'/>\n"
    "  <id>tag:old.example.com,2005:1</id>\n"
    "  <issued>2005-01-01T12:00:00-08:00</issued>\n"
    "  <modified>2005-01-02T00:00:00Z</modified>\n"
    "  <content type='text/html' mode='base64'>PHA+SGVsbG88L3A+</content>\n"
    " </entry>\n"
    "</feed>\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(AttacheFeed) feed = parse_string (text, -1, &error);
  AttacheFeedItem *item;

  g_assert_no_error (error);
  g_assert_cmpstr (attache_feed_get_version (feed), ==, "0.3");
  g_assert_cmpstr (attache_feed_get_title (feed), ==, "Old Atom");
  g_assert_cmpstr (attache_feed_get_description (feed), ==, "Still out there");
  g_assert_cmpstr (attache_feed_get_link (feed), ==, "http://old.example.com/");
  g_assert_cmpstr (attache_feed_get_updated (feed), ==, "2005-01-02T03:04:05Z");
  item = attache_feed_get_item (feed, 0);
  g_assert_cmpstr (attache_feed_item_get_published (item), ==, "2005-01-01T20:00:00Z");
  g_assert_cmpstr (attache_feed_item_get_updated (item), ==, "2005-01-02T00:00:00Z");
  g_assert_cmpstr (attache_feed_item_get_content (item), ==, "<p>Hello</p>");
  g_assert_cmpint (attache_feed_item_get_content_type (item), ==, ATTACHE_FEED_TEXT_HTML);
}

/* JSON Feed */

static void
test_json_feed (void)
{
  g_autoptr(AttacheFeed) feed = parse_fixture ("jsonfeed-1.1.json", "https://pacific.example.com/feed.json");
  AttacheFeedItem *item;
  g_autofree char *tags = NULL;

  g_assert_cmpint (attache_feed_get_format (feed), ==, ATTACHE_FEED_FORMAT_JSON);
  g_assert_cmpstr (attache_feed_get_version (feed), ==, "1.1");
  g_assert_cmpstr (attache_feed_get_title (feed), ==, "Pacific Watch");
  g_assert_cmpstr (attache_feed_get_link (feed), ==, "https://pacific.example.com/");
  g_assert_cmpstr (attache_feed_get_feed_url (feed), ==, "https://pacific.example.com/feed.json");
  g_assert_cmpstr (attache_feed_get_language (feed), ==, "en-NZ");
  /* the third item has members of the wrong types: kept, but empty */
  g_assert_cmpuint (attache_feed_get_n_items (feed), ==, 3);

  item = attache_feed_get_item (feed, 0);
  g_assert_cmpstr (attache_feed_item_get_id (item), ==, "2024-04-02-honiara");
  g_assert_cmpstr (attache_feed_item_get_title (item), ==, "Solomon Islands sets the date of its general election");
  g_assert_cmpstr (attache_feed_item_get_link (item), ==, "https://pacific.example.com/2024/04/02/honiara-election/");
  g_assert_cmpstr (attache_feed_item_get_published (item), ==, "2024-04-01T19:00:00Z");
  g_assert_cmpstr (attache_feed_item_get_updated (item), ==, "2024-04-01T22:30:00Z");
  g_assert_cmpint (attache_feed_item_get_content_type (item), ==, ATTACHE_FEED_TEXT_HTML);
  g_assert_cmpstr (attache_feed_item_get_content (item), ==, "<p>The electoral commission confirmed <em>17 April</em>.</p>");
  g_assert_cmpstr (attache_feed_item_get_summary (item), ==, "Election on 17 April.");
  g_assert_cmpstr (attache_feed_item_get_authors (item)[0], ==, "Mere Tuilagi");
  tags = join (attache_feed_item_get_categories (item));
  g_assert_cmpstr (tags, ==, "Solomon Islands|elections");
  g_assert_cmpstr (attache_feed_item_get_enclosure_url (item), ==, "https://pacific.example.com/audio/honiara.m4a");

  /* a numeric id; content_text is text; no author: the feed's */
  item = attache_feed_get_item (feed, 1);
  g_assert_cmpstr (attache_feed_item_get_id (item), ==, "1042");
  g_assert_null (attache_feed_item_get_title (item));
  g_assert_cmpint (attache_feed_item_get_content_type (item), ==, ATTACHE_FEED_TEXT_PLAIN);
  g_assert_true (g_str_has_prefix (attache_feed_item_get_content (item), "The forum communiqué was published"));
  g_assert_cmpstr (attache_feed_item_get_authors (item)[0], ==, "Pacific Watch desk");

  item = attache_feed_get_item (feed, 2);
  g_assert_null (attache_feed_item_get_id (item));
  g_assert_null (attache_feed_item_get_title (item));
}

static void
test_json_not_a_feed (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AttacheFeed) feed = NULL;

  feed = parse_string ("{\"name\": \"a package.json\", \"version\": \"1.0.0\"}", -1, &error);
  g_assert_null (feed);
  g_assert_error (error, ATTACHE_FEED_ERROR, ATTACHE_FEED_ERROR_NOT_A_FEED);
  g_assert_nonnull (strstr (error->message, "JSON"));
  g_clear_error (&error);

  feed = parse_string ("{\"version\": \"https://jsonfeed.org/version/1.1\", \"items\": [", -1, &error);
  g_assert_null (feed);
  g_assert_error (error, ATTACHE_FEED_ERROR, ATTACHE_FEED_ERROR_MALFORMED);
  g_assert_null (strchr (error->message, '\n'));
  g_clear_error (&error);

  feed = parse_string ("[1, 2, 3]", -1, &error);
  g_assert_error (error, ATTACHE_FEED_ERROR, ATTACHE_FEED_ERROR_NOT_A_FEED);
}

/* Encodings */

static void
test_encoding_windows_1252 (void)
{
  g_autoptr(AttacheFeed) feed = parse_fixture ("windows-1252.xml", NULL);
  AttacheFeedItem *item = attache_feed_get_item (feed, 0);

  g_assert_cmpstr (attache_feed_get_encoding (feed), ==, "windows-1252");
  g_assert_false (attache_feed_get_recovered (feed));
  g_assert_cmpstr (attache_feed_get_description (feed), ==, "Sélection quotidienne");
  g_assert_cmpstr (attache_feed_item_get_title (item), ==,
                   "« Le coût de l’énergie » : la Côte d’Ivoire fixe un prix à 100 €");
  g_assert_cmpstr (attache_feed_item_get_summary (item), ==,
                   "Le gouvernement a annoncé un “prix plafond” – applicable dès lundi.");
  g_assert_cmpstr (attache_feed_item_get_published (item), ==, "2024-04-01T06:00:00Z");   /* CET */
}

static const char *unicode_feed =
  "<rss version=\"2.0\"><channel><title>Κυβέρνηση — 政府 — правительство</title>"
  "<item><title>Ελλάδα 😀</title></item></channel></rss>";

static void
test_encoding_utf16 (void)
{
  const char *encodings[] = { "UTF-16LE", "UTF-16BE" };

  for (gsize i = 0; i < G_N_ELEMENTS (encodings); i++)
    {
      for (int bom = 0; bom < 2; bom++)
        {
          g_autofree char *utf16 = NULL;
          g_autoptr(GString) bytes = g_string_new (NULL);
          g_autoptr(GError) error = NULL;
          g_autoptr(AttacheFeed) feed = NULL;
          g_autofree char *with_decl = g_strconcat ("<?xml version=\"1.0\" encoding=\"UTF-16\"?>", unicode_feed, NULL);
          gsize len = 0;

          utf16 = g_convert (with_decl, -1, encodings[i], "UTF-8", NULL, &len, &error);
          g_assert_no_error (error);
          if (bom)
            g_string_append_len (bytes, i == 0 ? "\xff\xfe" : "\xfe\xff", 2);
          g_string_append_len (bytes, utf16, len);

          feed = parse_string (bytes->str, bytes->len, &error);
          g_assert_no_error (error);
          g_assert_cmpstr (attache_feed_get_title (feed), ==, "Κυβέρνηση — 政府 — правительство");
          g_assert_cmpstr (attache_feed_item_get_title (attache_feed_get_item (feed, 0)), ==, "Ελλάδα 😀");
          g_assert_true (g_str_has_prefix (attache_feed_get_encoding (feed), "utf-16"));
        }
    }
}

static void
test_encoding_mistakes (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AttacheFeed) feed = NULL;

  /* no declaration and not UTF-8: read as Windows-1252, flagged */
  feed = parse_string ("<rss><channel><title>Caf\xe9 \x93quoted\x94</title></channel></rss>", -1, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (attache_feed_get_title (feed), ==, "Café “quoted”");
  g_assert_cmpstr (attache_feed_get_encoding (feed), ==, "windows-1252");
  g_assert_true (attache_feed_get_recovered (feed));
  g_clear_object (&feed);

  /* ISO-8859-1 declared, a Windows-1252 apostrophe used: what the publisher meant */
  feed = parse_string ("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>"
                       "<rss><channel><title>l\x92\xe9t\xe9</title></channel></rss>", -1, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (attache_feed_get_title (feed), ==, "l’été");
  g_assert_cmpstr (attache_feed_get_encoding (feed), ==, "iso-8859-1");
  g_assert_false (attache_feed_get_recovered (feed));
  g_clear_object (&feed);

  /* UTF-8 declared, but a Latin-1 byte in it */
  feed = parse_string ("<?xml version=\"1.0\" encoding=\"utf-8\"?>"
                       "<rss><channel><title>D\xe9" "cision</title></channel></rss>", -1, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (attache_feed_get_title (feed), ==, "Décision");
  g_assert_true (attache_feed_get_recovered (feed));
  g_clear_object (&feed);

  /* an encoding nobody knows: the bytes decide */
  feed = parse_string ("<?xml version=\"1.0\" encoding=\"x-bogus-9\"?>"
                       "<rss><channel><title>Zürich</title></channel></rss>", -1, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (attache_feed_get_title (feed), ==, "Zürich");
  g_assert_cmpstr (attache_feed_get_encoding (feed), ==, "utf-8");
  g_clear_object (&feed);

  /* a UTF-8 BOM, then white space before the declaration */
  feed = parse_string ("\xef\xbb\xbf\n\n<?xml version=\"1.0\"?><rss><channel><title>BOM</title></channel></rss>", -1, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (attache_feed_get_title (feed), ==, "BOM");
}

/* HTML entities, double escaping, CDATA */

static void
test_html_entities (void)
{
  g_autoptr(AttacheFeed) feed = parse_fixture ("html-entities.xml", NULL);
  AttacheFeedItem *item;
  g_autofree char *plain = NULL;

  /* &eacute; &nbsp; &mdash; are HTML, not XML: understood all the same */
  g_assert_cmpstr (attache_feed_get_title (feed), ==, "Café Diplomatique");
  g_assert_cmpstr (attache_feed_get_description (feed), ==, "Notes\u00a0from the café — weekly");
  g_assert_true (attache_feed_get_recovered (feed));
  g_assert_cmpuint (attache_feed_get_n_items (feed), ==, 3);

  item = attache_feed_get_item (feed, 0);
  g_assert_cmpstr (attache_feed_item_get_title (item), ==, "Tom & Jerry — a double-escaped title");
  /* a bare & in a link is repaired, not fatal */
  g_assert_cmpstr (attache_feed_item_get_link (item), ==, "https://cafe.example.org/1?a=1&b=2");
  g_assert_cmpstr (attache_feed_item_get_summary (item), ==, "Le ministre a déclaré\u00a0: «\u00a0non\u00a0»…");

  item = attache_feed_get_item (feed, 1);
  g_assert_cmpstr (attache_feed_item_get_title (item), ==, "Bold move by AT&T in S&P index");
  /* CDATA is kept as the HTML it is */
  g_assert_cmpint (attache_feed_item_get_summary_type (item), ==, ATTACHE_FEED_TEXT_HTML);
  g_assert_cmpstr (attache_feed_item_get_summary (item), ==, "<p>Caf&eacute; &amp; <i>cr&egrave;me</i> — raw CDATA</p>");
  plain = attache_feed_item_dup_plain_summary (item, 0);
  g_assert_cmpstr (plain, ==, "Café & crème — raw CDATA");

  item = attache_feed_get_item (feed, 2);
  g_assert_cmpstr (attache_feed_item_get_title (item), ==, "Plain title with an unknown &foo; entity and a bare & sign");
}

/* Hostile documents */

static glong
peak_rss_kib (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return usage.ru_maxrss;
}

static void
test_billion_laughs (void)
{
  g_autoptr(GBytes) bytes = read_fixture ("billion-laughs.xml");
  g_autoptr(GError) error = NULL;
  g_autoptr(AttacheFeed) feed = NULL;
  glong before = peak_rss_kib ();
  gint64 start = g_get_monotonic_time ();

  feed = attache_feed_parse (bytes, NULL, &error);
  g_assert_null (feed);
  g_assert_error (error, ATTACHE_FEED_ERROR, ATTACHE_FEED_ERROR_UNSAFE);
  g_assert_nonnull (strstr (error->message, "XML bomb"));
  g_test_message ("billion laughs: \"%s\" in %.1f ms, peak memory +%ld KiB", error->message,
                  (g_get_monotonic_time () - start) / 1000.0, peak_rss_kib () - before);
  /* refused before any expansion: quickly and without the gigabytes */
  g_assert_cmpint (g_get_monotonic_time () - start, <, G_USEC_PER_SEC);
  g_assert_cmpint (peak_rss_kib () - before, <, 20 * 1024);
}

/* An entity chain deeper than the checker follows: refused, not a stack
 * overflow (400,000 links overflowed it when each link was a call). */
static void
test_entity_chain (void)
{
  g_autoptr(GString) text = g_string_new ("<?xml version=\"1.0\"?><!DOCTYPE rss [");
  g_autoptr(GError) error = NULL;
  g_autoptr(AttacheFeed) feed = NULL;

  for (int i = 0; i < 400000; i++)
    g_string_append_printf (text, "<!ENTITY e%d \"&e%d;\">", i, i + 1);
  g_string_append (text, "<!ENTITY e400000 \"x\">]><rss><channel><title>&e0;</title></channel></rss>");

  feed = parse_string (text->str, text->len, &error);
  g_assert_null (feed);
  g_assert_error (error, ATTACHE_FEED_ERROR, ATTACHE_FEED_ERROR_UNSAFE);
}

/* A root with a prefix it never declares: read or refused, not a crash. */
static void
test_undeclared_prefix (void)
{
  static const char text[] = "<r:rss version=\"2.0\"><channel><title>t</title></channel></r:rss>";
  g_autoptr(GError) error = NULL;
  g_autoptr(AttacheFeed) feed = parse_string (text, strlen (text), &error);

  g_assert_true ((feed != NULL) != (error != NULL));
}

static void
test_quadratic_blowup (void)
{
  /* one 50 KB entity referenced 5,000 times: 250 MB from a 70 KB file */
  g_autoptr(GString) text = g_string_new ("<?xml version=\"1.0\"?><!DOCTYPE rss [<!ENTITY a \"");
  g_autoptr(GError) error = NULL;
  g_autoptr(AttacheFeed) feed = NULL;
  gint64 start = g_get_monotonic_time ();

  for (int i = 0; i < 50000; i++)
    g_string_append_c (text, 'x');
  g_string_append (text, "\">]><rss><channel><title>");
  for (int i = 0; i < 5000; i++)
    g_string_append (text, "&a;");
  g_string_append (text, "</title></channel></rss>");

  feed = parse_string (text->str, text->len, &error);
  g_assert_null (feed);
  g_assert_error (error, ATTACHE_FEED_ERROR, ATTACHE_FEED_ERROR_UNSAFE);
  g_assert_cmpint (g_get_monotonic_time () - start, <, G_USEC_PER_SEC);
  g_clear_error (&error);

  /* the same, declared inside a parameter entity where a first look cannot see it:
   * bounded while the tree is read */
  {
    g_autoptr(GString) hidden = g_string_new ("<!DOCTYPE rss [<!ENTITY % decls \"<!ENTITY a '");

    for (int i = 0; i < 50000; i++)
      g_string_append_c (hidden, 'x');
    g_string_append (hidden, "'>\"> %decls;]><rss><channel><title>");
    for (int i = 0; i < 3000; i++)
      g_string_append (hidden, "&a;");
    g_string_append (hidden, "</title></channel></rss>");

    feed = parse_string (hidden->str, hidden->len, &error);
    g_assert_null (feed);
    g_assert_error (error, ATTACHE_FEED_ERROR, ATTACHE_FEED_ERROR_UNSAFE);
    g_assert_cmpint (g_get_monotonic_time () - start, <, 2 * G_USEC_PER_SEC);
    g_clear_error (&error);
  }

  /* a reasonable internal entity is fine */
  feed = parse_string ("<!DOCTYPE rss [<!ENTITY org \"Organisation for Security\">]>"
                       "<rss><channel><title>&org; and Co-operation</title></channel></rss>", -1, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (attache_feed_get_title (feed), ==, "Organisation for Security and Co-operation");
}

static void
test_xxe (void)
{
  g_autofree char *dir = g_test_build_filename (G_TEST_DIST, "fixtures", "feeds", NULL);
  g_autofree char *absolute = g_canonicalize_filename (dir, NULL);
  g_autofree char *base = g_strconcat ("file://", absolute, "/xxe.xml", NULL);
  g_autoptr(AttacheFeed) feed = parse_fixture ("xxe.xml", base);
  g_autofree char *all = everything_in (feed);
  g_autofree char *passwd = NULL;

  /* The document parses; the entities pointing at files give nothing. */
  g_assert_cmpstr (attache_feed_get_title (feed), ==, "Innocent feed");
  g_assert_cmpuint (attache_feed_get_n_items (feed), ==, 1);
  g_assert_cmpstr (attache_feed_item_get_title (attache_feed_get_item (feed, 0)), ==, "Leak");
  g_assert_null (strstr (all, "ATTACHE-XXE-CANARY"));
  if (g_file_get_contents ("/etc/passwd", &passwd, NULL, NULL) && strstr (passwd, "root:") != NULL)
    g_assert_null (strstr (all, "root:"));
}

static void
test_deep_nesting (void)
{
  g_autoptr(GString) xml = g_string_new ("<rss><channel><title>deep</title><item><title>x</title><description>");
  g_autoptr(GString) json = g_string_new ("{\"version\": \"https://jsonfeed.org/version/1\", \"x\": ");
  g_autoptr(GError) error = NULL;
  g_autoptr(AttacheFeed) feed = NULL;

  for (int i = 0; i < 100000; i++)
    g_string_append (xml, "<b>");
  g_string_append (xml, "</description></item></channel></rss>");
  feed = parse_string (xml->str, xml->len, &error);
  /* libxml2 stops at its depth limit: a repaired feed or a clear error, no crash */
  if (feed == NULL)
    g_assert_error (error, ATTACHE_FEED_ERROR, ATTACHE_FEED_ERROR_MALFORMED);
  else
    g_assert_true (attache_feed_get_recovered (feed));
  g_clear_object (&feed);
  g_clear_error (&error);

  for (int i = 0; i < 100000; i++)
    g_string_append_c (json, '[');
  feed = parse_string (json->str, json->len, &error);
  g_assert_null (feed);
  g_assert_error (error, ATTACHE_FEED_ERROR, ATTACHE_FEED_ERROR_UNSAFE);
}

/* Broken and wrong documents */

static void
test_truncated (void)
{
  g_autoptr(AttacheFeed) feed = parse_fixture ("truncated.xml", NULL);

  /* what came before the cut is kept, and the feed says it was repaired */
  g_assert_true (attache_feed_get_recovered (feed));
  g_assert_cmpstr (attache_feed_get_title (feed), ==, "Cut-off wire");
  g_assert_cmpuint (attache_feed_get_n_items (feed), >=, 3);
  g_assert_cmpstr (attache_feed_item_get_title (attache_feed_get_item (feed, 0)), ==, "First complete story");
  g_assert_cmpstr (attache_feed_item_get_published (attache_feed_get_item (feed, 0)), ==, "2024-04-01T10:00:00Z");
  g_assert_cmpstr (attache_feed_item_get_title (attache_feed_get_item (feed, 2)), ==, "Third complete story");
}

static void
test_junk_before_the_feed (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AttacheFeed) feed = NULL;

  feed = parse_string ("Warning: mysql_connect(): Too many connections in /var/www/feed.php on line 3\n"
                       "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Still here</title>"
                       "<item><title>One</title></item></channel></rss>", -1, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (attache_feed_get_title (feed), ==, "Still here");
  g_assert_cmpuint (attache_feed_get_n_items (feed), ==, 1);
  g_assert_true (attache_feed_get_recovered (feed));
}

static void
test_not_a_feed (void)
{
  g_autoptr(GBytes) html = read_fixture ("not-a-feed.html");
  g_autoptr(GBytes) opml = read_fixture ("subscriptions.opml");
  g_autoptr(GError) error = NULL;
  g_autoptr(AttacheFeed) feed = NULL;
  const guchar binary[] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R' };

  feed = attache_feed_parse (html, "https://mfa.example.gov/press", &error);
  g_assert_null (feed);
  g_assert_error (error, ATTACHE_FEED_ERROR, ATTACHE_FEED_ERROR_NOT_A_FEED);
  g_assert_cmpstr (error->message, ==, "not a feed: this is a web page");
  g_clear_error (&error);

  feed = attache_feed_parse (opml, NULL, &error);
  g_assert_error (error, ATTACHE_FEED_ERROR, ATTACHE_FEED_ERROR_NOT_A_FEED);
  g_assert_nonnull (strstr (error->message, "OPML"));
  g_clear_error (&error);

  feed = parse_string ("<?xml version=\"1.0\"?><svg xmlns=\"http://www.w3.org/2000/svg\"><rect/></svg>", -1, &error);
  g_assert_error (error, ATTACHE_FEED_ERROR, ATTACHE_FEED_ERROR_NOT_A_FEED);
  g_assert_nonnull (strstr (error->message, "<svg>"));
  g_clear_error (&error);

  feed = parse_string ("Service Unavailable. Please try again later.", -1, &error);
  g_assert_error (error, ATTACHE_FEED_ERROR, ATTACHE_FEED_ERROR_NOT_A_FEED);
  g_clear_error (&error);

  feed = parse_string ((const char *) binary, sizeof binary, &error);
  g_assert_null (feed);
  g_assert_nonnull (error);
  g_assert_true (error->domain == ATTACHE_FEED_ERROR);
}

static void
test_empty (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AttacheFeed) feed = NULL;

  feed = parse_string ("", 0, &error);
  g_assert_null (feed);
  g_assert_error (error, ATTACHE_FEED_ERROR, ATTACHE_FEED_ERROR_EMPTY);
  g_assert_cmpstr (error->message, ==, "the feed is empty");
  g_clear_error (&error);

  feed = parse_string (" \n\t\r\n", -1, &error);
  g_assert_error (error, ATTACHE_FEED_ERROR, ATTACHE_FEED_ERROR_EMPTY);
  g_clear_error (&error);

  /* an RSS document with nothing in it is a feed with no items, not an error */
  feed = parse_string ("<rss version=\"2.0\"><channel/></rss>", -1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (attache_feed_get_n_items (feed), ==, 0);
  g_assert_null (attache_feed_get_title (feed));
}

static void
test_too_large (void)
{
  gsize len = ATTACHE_FEED_MAX_SIZE + 1;
  g_autoptr(GBytes) bytes = g_bytes_new_take (g_malloc0 (len), len);
  g_autoptr(GError) error = NULL;
  g_autoptr(AttacheFeed) feed = attache_feed_parse (bytes, NULL, &error);

  g_assert_null (feed);
  g_assert_error (error, ATTACHE_FEED_ERROR, ATTACHE_FEED_ERROR_TOO_LARGE);
}

/* Dates and text */

static void
test_dates (void)
{
  static const struct { const char *text; const char *expected; } cases[] = {
    /* RFC 822 and what feeds make of it */
    { "Sat, 07 Sep 2002 00:00:01 GMT", "2002-09-07T00:00:01Z" },
    { "Sat, 07 Sep 2002 00:00:01 +0200", "2002-09-06T22:00:01Z" },
    { "Sat, 07 Sep 2002 00:00:01 -05:30", "2002-09-07T05:30:01Z" },
    { "07 Sep 2002 00:00:01 EDT", "2002-09-07T04:00:01Z" },
    { "Tue, 10 Jun 03 09:41:01 PST", "2003-06-10T17:41:01Z" },
    { "Thu, 5 Sep 2002 9:05 CEST", "2002-09-05T07:05:00Z" },
    { "Thursday, 05 September 2002 10:00:00 UT", "2002-09-05T10:00:00Z" },
    { "Thu, 05 Sept. 2002 10:00:00 +0000", "2002-09-05T10:00:00Z" },
    { "Sat 07-Sep-2002 12:00:00 GMT", "2002-09-07T12:00:00Z" },
    { "Sun Jan  4 16:29:06 PST 2004", "2004-01-05T00:29:06Z" },
    { "Jan 4, 2004 4:29 PM", "2004-01-04T16:29:00Z" },
    { "Mon, 01 Apr 2024 10:00:00", "2024-04-01T10:00:00Z" },
    { "Mon, 01 Apr 2024 10:00:00 GMT+2", "2024-04-01T08:00:00Z" },
    { "Mon, 01 Apr 2024 10:00:00 +0100 (BST)", "2024-04-01T09:00:00Z" },
    { "Mon, 01 Apr 2024 24:00:00 GMT", "2024-04-02T00:00:00Z" },
    { "Di, 02 Apr 2024 08:00:00 +0200", "2024-04-02T06:00:00Z" },
    { "02 Mär 2024 08:00:00 +0100", "2024-03-02T07:00:00Z" },
    { "  \n  Wed, 31 Dec 2003 23:59:60 GMT  ", "2003-12-31T23:59:59Z" },
    /* ISO 8601 / RFC 3339 */
    { "2003-12-31T10:14:55Z", "2003-12-31T10:14:55Z" },
    { "2003-12-31T10:14:55.123-08:00", "2003-12-31T18:14:55Z" },
    { "2003-12-31T10:14:55+0100", "2003-12-31T09:14:55Z" },
    { "2003-12-31T10:14Z", "2003-12-31T10:14:00Z" },
    { "2003-12-31 10:14:55", "2003-12-31T10:14:55Z" },
    { "20031231T101455Z", "2003-12-31T10:14:55Z" },
    { "2003-12-31", "2003-12-31T00:00:00Z" },
    { "2003-12", "2003-12-01T00:00:00Z" },
    { "2003", "2003-01-01T00:00:00Z" },
    { "2004-02-29T23:30:00-01:00", "2004-03-01T00:30:00Z" },
    /* not dates */
    { "", NULL }, { "yesterday", NULL }, { "2003-13-01", NULL }, { "2003-02-30", NULL },
    { "Sat, 35 Sep 2002 00:00:01 GMT", NULL }, { "Sat, 07 Foo 2002", NULL },
    { "2003-12-31T25:00:00Z", NULL }, { "12/31/2003", NULL },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *date = _attache_feed_parse_date (cases[i].text);

      if (g_strcmp0 (date, cases[i].expected) != 0)
        g_error ("date \"%s\": expected %s, got %s", cases[i].text,
                 cases[i].expected != NULL ? cases[i].expected : "NULL", date != NULL ? date : "NULL");
    }
}

static void
test_html_to_text (void)
{
  static const struct { const char *html; const char *text; } cases[] = {
    { "<p>One</p><p>two</p>", "One two" },
    { "Caf&eacute; &amp; cr&#232;me &#x2014; d&#233;j&agrave;", "Café & crème — déjà" },
    { "<b>bold</b>ly <i>it</i>alic", "boldly italic" },
    { "a<br>b<br/>c", "a b c" },
    { "<script>alert('x')</script>Text<style>p{}</style>", "Text" },
    { "x &lt; y and &unknown; stays", "x < y and &unknown; stays" },
    { "5 < 6 and 7 > 3", "5 < 6 and 7 > 3" },
    { "&#8217;&#146;", "’’" },
    { "  \n ", NULL },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = _attache_feed_html_to_text (cases[i].html);

      g_assert_cmpstr (text, ==, cases[i].text);
    }
}

static void
test_plain_summary (void)
{
  g_autoptr(AttacheFeed) feed = parse_fixture ("rss2-content.xml", NULL);
  g_autofree char *short_summary = attache_feed_item_dup_plain_summary (attache_feed_get_item (feed, 0), 30);

  g_assert_cmpstr (short_summary, ==, "Ministers from the three…");
}

/* OPML */

static void
test_opml_nested (void)
{
  g_autoptr(GBytes) bytes = read_fixture ("subscriptions.opml");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) outlines = attache_opml_parse (bytes, &error);
  AttacheOpmlOutline *outline;

  g_assert_no_error (error);
  /* folders flattened; the outline without xmlUrl is a folder note, not a feed */
  g_assert_cmpuint (outlines->len, ==, 4);

  outline = g_ptr_array_index (outlines, 0);
  g_assert_cmpstr (attache_opml_outline_get_title (outline), ==, "Baltic Desk — Regional Briefs");
  g_assert_cmpstr (attache_opml_outline_get_xml_url (outline), ==, "https://news.example.org/baltic/feed.xml");
  g_assert_cmpstr (attache_opml_outline_get_html_url (outline), ==, "https://news.example.org/baltic/");

  /* two levels down, lower-case xmlurl, text for a title */
  outline = g_ptr_array_index (outlines, 1);
  g_assert_cmpstr (attache_opml_outline_get_title (outline), ==, "Lage & Analyse");
  g_assert_cmpstr (attache_opml_outline_get_xml_url (outline), ==, "https://analyse.example.de/feed.atom");
  g_assert_null (attache_opml_outline_get_html_url (outline));

  outline = g_ptr_array_index (outlines, 2);
  g_assert_cmpstr (attache_opml_outline_get_xml_url (outline), ==, "https://bulletin.example.net/rss");

  outline = g_ptr_array_index (outlines, 3);
  g_assert_cmpstr (attache_opml_outline_get_title (outline), ==, "Pacific Watch");
  g_assert_cmpstr (attache_opml_outline_get_xml_url (outline), ==, "https://pacific.example.com/feed.json");
}

static void
test_opml_round_trip (void)
{
  g_autoptr(GPtrArray) outlines = g_ptr_array_new_with_free_func ((GDestroyNotify) attache_opml_outline_free);
  g_autoptr(GPtrArray) again = NULL;
  g_autoptr(GBytes) written = NULL;
  g_autoptr(GBytes) rewritten = NULL;
  g_autoptr(GError) error = NULL;
  const char *text;
  gsize len;
  xmlDoc *doc;

  g_ptr_array_add (outlines, attache_opml_outline_new ("Tom & Jerry <\"quoted\"> — été",
                                                       "https://example.org/feed?a=1&b=2",
                                                       "https://example.org/"));
  g_ptr_array_add (outlines, attache_opml_outline_new (NULL, "https://example.net/atom.xml", NULL));
  g_ptr_array_add (outlines, attache_opml_outline_new ("日本語のフィード", "https://example.jp/rss", NULL));

  written = attache_opml_write (outlines, &error);
  g_assert_no_error (error);
  text = g_bytes_get_data (written, &len);
  g_assert_nonnull (g_strstr_len (text, len, "<opml version=\"2.0\">"));
  g_assert_nonnull (g_strstr_len (text, len, "xmlUrl=\"https://example.org/feed?a=1&amp;b=2\""));

  /* well-formed for a strict parser, not only for ours */
  doc = xmlReadMemory (text, (int) len, NULL, NULL, XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
  g_assert_nonnull (doc);
  g_assert_cmpstr ((const char *) xmlDocGetRootElement (doc)->name, ==, "opml");
  xmlFreeDoc (doc);

  again = attache_opml_parse (written, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (again->len, ==, 3);
  for (guint i = 0; i < 3; i++)
    {
      AttacheOpmlOutline *a = g_ptr_array_index (outlines, i);
      AttacheOpmlOutline *b = g_ptr_array_index (again, i);

      g_assert_cmpstr (attache_opml_outline_get_xml_url (a), ==, attache_opml_outline_get_xml_url (b));
      g_assert_cmpstr (attache_opml_outline_get_html_url (a), ==, attache_opml_outline_get_html_url (b));
      if (attache_opml_outline_get_title (a) != NULL)
        g_assert_cmpstr (attache_opml_outline_get_title (a), ==, attache_opml_outline_get_title (b));
      else
        g_assert_cmpstr (attache_opml_outline_get_title (b), ==, attache_opml_outline_get_xml_url (a));
    }

  /* from then on, writing what was read gives the same bytes */
  rewritten = attache_opml_write (again, &error);
  g_assert_no_error (error);
  {
    g_autoptr(GPtrArray) third = attache_opml_parse (rewritten, &error);
    g_autoptr(GBytes) stable = NULL;

    g_assert_no_error (error);
    stable = attache_opml_write (third, &error);
    g_assert_no_error (error);
    g_assert_true (g_bytes_equal (rewritten, stable));
  }
}

static void
test_opml_refusals (void)
{
  g_autoptr(GPtrArray) outlines = g_ptr_array_new_with_free_func ((GDestroyNotify) attache_opml_outline_free);
  g_autoptr(GBytes) feed = read_fixture ("rss2-content.xml");
  g_autoptr(GBytes) bomb = read_fixture ("billion-laughs.xml");
  g_autoptr(GBytes) empty = g_bytes_new_static ("", 0);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) parsed = NULL;
  g_autoptr(GBytes) written = NULL;
  AttacheOpmlOutline *blank;

  blank = attache_opml_outline_new ("No address", "", NULL);
  g_ptr_array_add (outlines, blank);
  written = attache_opml_write (outlines, &error);
  g_assert_null (written);
  g_assert_error (error, ATTACHE_FEED_ERROR, ATTACHE_FEED_ERROR_MALFORMED);
  g_assert_cmpstr (error->message, ==, "subscription 1 has no feed address");
  g_clear_error (&error);

  parsed = attache_opml_parse (feed, &error);
  g_assert_null (parsed);
  g_assert_error (error, ATTACHE_FEED_ERROR, ATTACHE_FEED_ERROR_NOT_A_FEED);
  g_clear_error (&error);

  parsed = attache_opml_parse (bomb, &error);
  g_assert_error (error, ATTACHE_FEED_ERROR, ATTACHE_FEED_ERROR_UNSAFE);
  g_clear_error (&error);

  parsed = attache_opml_parse (empty, &error);
  g_assert_error (error, ATTACHE_FEED_ERROR, ATTACHE_FEED_ERROR_EMPTY);
}

/* A Japanese feed in Shift_JIS with no XML declaration at all: the detector
 * finds Shift_JIS, where Windows-1252 would have made noise of every title. */
static void
test_encoding_undeclared (void)
{
  const char *rss =
    "<rss version=\"2.0\"><channel><title>東京ニュース</title>"
    "<description>毎日のニュースをお届けします</description>"
    "<item><title>新しい防災計画を発表、避難所の数を増やす</title>"
    "<description>東京都は今日、地震や台風に備えて新しい計画を発表しました。</description></item>"
    "</channel></rss>";
  g_autoptr(GError) error = NULL;
  g_autoptr(AttacheFeed) feed = NULL;
  g_autofree char *sjis = NULL;
  gsize len;

  sjis = g_convert (rss, -1, "SHIFT_JIS", "UTF-8", NULL, &len, &error);
  g_assert_no_error (error);
  feed = parse_string (sjis, len, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (attache_feed_get_encoding (feed), ==, "shift_jis");
  g_assert_cmpstr (attache_feed_get_title (feed), ==, "東京ニュース");
  g_assert_cmpstr (attache_feed_get_description (feed), ==, "毎日のニュースをお届けします");
  g_assert_cmpuint (attache_feed_get_n_items (feed), ==, 1);
  g_assert_cmpstr (attache_feed_item_get_title (attache_feed_get_item (feed, 0)), ==,
                   "新しい防災計画を発表、避難所の数を増やす");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/feed/rss2/content-encoded", test_rss2_content);
  g_test_add_func ("/feed/rss2/list-model", test_rss2_list_model);
  g_test_add_func ("/feed/rss1/rdf", test_rss1_rdf);
  g_test_add_func ("/feed/atom/xhtml-and-xml-base", test_atom_xhtml_base);
  g_test_add_func ("/feed/atom/0.3", test_atom03);
  g_test_add_func ("/feed/json/1.1", test_json_feed);
  g_test_add_func ("/feed/json/not-a-json-feed", test_json_not_a_feed);
  g_test_add_func ("/feed/encoding/windows-1252", test_encoding_windows_1252);
  g_test_add_func ("/feed/encoding/utf-16", test_encoding_utf16);
  g_test_add_func ("/feed/encoding/mistakes", test_encoding_mistakes);
  g_test_add_func ("/feed/text/html-entities", test_html_entities);
  g_test_add_func ("/feed/text/dates", test_dates);
  g_test_add_func ("/feed/text/html-to-text", test_html_to_text);
  g_test_add_func ("/feed/text/plain-summary", test_plain_summary);
  g_test_add_func ("/feed/safety/billion-laughs", test_billion_laughs);
  g_test_add_func ("/feed/safety/quadratic-blowup", test_quadratic_blowup);
  g_test_add_func ("/feed/safety/entity-chain", test_entity_chain);
  g_test_add_func ("/feed/broken/undeclared-prefix", test_undeclared_prefix);
  g_test_add_func ("/feed/safety/xxe", test_xxe);
  g_test_add_func ("/feed/safety/deep-nesting", test_deep_nesting);
  g_test_add_func ("/feed/broken/truncated", test_truncated);
  g_test_add_func ("/feed/broken/junk-before-the-feed", test_junk_before_the_feed);
  g_test_add_func ("/feed/refused/not-a-feed", test_not_a_feed);
  g_test_add_func ("/feed/refused/empty", test_empty);
  g_test_add_func ("/feed/refused/too-large", test_too_large);
  g_test_add_func ("/opml/nested", test_opml_nested);
  g_test_add_func ("/opml/round-trip", test_opml_round_trip);
  g_test_add_func ("/opml/refusals", test_opml_refusals);
  g_test_add_func ("/feed/encoding/undeclared", test_encoding_undeclared);

  return g_test_run ();
}
