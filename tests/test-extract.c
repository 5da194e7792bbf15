/* test-extract.c: finding the article in a web page (attache-extract)
 *
 * The pages in tests/fixtures/extract were written for these tests: a news page
 * with everything around the article that real pages have, a Latin-1 page that
 * names its charset only in http-equiv, a page whose byline is only in the text,
 * and an archive page that is nothing but links.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "attache-extract.h"

static AttacheExtraction *
extract_fixture (const char  *name,
                 const char  *page_url,
                 const char  *http_charset,
                 GError     **error)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures", "extract", name, NULL);
  g_autofree char *contents = NULL;
  gsize len;

  g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
  return attache_extract_html ((const guchar *) contents, len, page_url, http_charset, error);
}

static AttacheExtraction *
extract_string (const char *html,
                const char *page_url)
{
  g_autoptr(GError) error = NULL;
  AttacheExtraction *extraction = attache_extract_html ((const guchar *) html, strlen (html), page_url, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (extraction);
  return extraction;
}

static void
assert_absent (const char *text,
               const char *what)
{
  if (strstr (text, what) != NULL)
    g_error ("“%s” should not be in the article text:\n%s", what, text);
}

static void
test_news_article (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AttacheExtraction) extraction =
    extract_fixture ("news-article.html", "https://gazette.example/news/2024/03/port-strike-ends?ref=home", NULL, &error);
  const char * const *paragraphs;
  g_autofree char *text = NULL;
  static const char * const boilerplate[] = {
    "cookie", "Accept all", "Business", "Opinion", "Search",          /* cookie notice, header, nav */
    "Share on Facebook", "Tweet", "Email",                            /* share bar */
    "Idle cranes", "Photo: Gazette",                                  /* caption and credit */
    "Advertisement", "cheap flights",                                 /* ad slot */
    "Related stories", "Dockers walk out", "Exporters count",         /* related links */
    "Ports", "Unions",                                                /* tag list */
    "Comments", "harbourwatcher", "summer rush",                      /* comments */
    "Most read", "ferry terminal", "morning briefing", "Sign up",     /* sidebar */
    "All rights reserved", "Privacy",                                 /* footer */
    "analytics", "never-run", "display: flex",                        /* scripts and styles */
    "By Amira", "8 March 2024",                                       /* byline and date line */
    NULL
  };

  g_assert_no_error (error);
  g_assert_nonnull (extraction);

  g_assert_cmpstr (attache_extraction_get_title (extraction), ==,
                   "Port strike ends after twelve days as dockers accept pay offer");
  g_assert_cmpstr (attache_extraction_get_byline (extraction), ==, "Amira Haddad, Tomas Lindqvist");
  g_assert_cmpstr (attache_extraction_get_site_name (extraction), ==, "The Harbour Gazette");
  g_assert_cmpstr (attache_extraction_get_published (extraction), ==, "2024-03-08T16:45:00Z");
  /* The relative canonical link, resolved against the page's URL. */
  g_assert_cmpstr (attache_extraction_get_url (extraction), ==, "https://gazette.example/news/2024/03/port-strike-ends");
  g_assert_cmpstr (attache_extraction_get_language (extraction), ==, "en-GB");
  g_assert_cmpstr (attache_extraction_get_description (extraction), ==,
                   "Dockers voted to accept a revised offer of 9% over two years.");

  paragraphs = attache_extraction_get_paragraphs (extraction);
  g_assert_cmpuint (g_strv_length ((char **) paragraphs), ==, 10);
  g_assert_true (g_str_has_prefix (paragraphs[0], "Dockers at the country's largest container port voted"));
  g_assert_true (g_str_has_prefix (paragraphs[1], "The union said 78% of its members"));
  g_assert_true (g_str_has_prefix (paragraphs[2], "Shipping lines had diverted cargo"));
  g_assert_cmpstr (paragraphs[3], ==, "What the agreement contains");
  g_assert_cmpstr (paragraphs[4], ==, "• A 5% rise this year and 4% next year");
  g_assert_cmpstr (paragraphs[5], ==, "• A cap on agency staff at 10% of any night shift");
  g_assert_cmpstr (paragraphs[6], ==, "• A joint review of safety rules by June");
  g_assert_true (g_str_has_prefix (paragraphs[7], "\"This is a fair settlement"));
  g_assert_true (g_str_has_suffix (paragraphs[7], "told reporters outside the terminal."));
  g_assert_true (g_str_has_prefix (paragraphs[8], "The port authority said"));
  g_assert_cmpstr (paragraphs[9], ==, "Talks on a wider national agreement for the sector are due to begin next month.");

  text = attache_extraction_dup_text (extraction);
  g_assert_nonnull (strstr (text, "waiting at anchor.\n\nThe union said"));
  for (guint i = 0; boilerplate[i] != NULL; i++)
    assert_absent (text, boilerplate[i]);
  /* The headline is the title, not a paragraph. */
  g_assert_false (g_str_has_prefix (text, "Port strike"));
}

static void
test_charset_http_equiv (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AttacheExtraction) extraction = extract_fixture ("http-equiv-latin1.html", NULL, NULL, &error);
  g_autofree char *text = NULL;

  g_assert_no_error (error);
  g_assert_cmpstr (attache_extraction_get_title (extraction), ==, "Café owners protest new terrace rules");
  g_assert_cmpstr (attache_extraction_get_language (extraction), ==, "fr");
  g_assert_null (attache_extraction_get_url (extraction));

  text = attache_extraction_dup_text (extraction);
  g_assert_true (g_utf8_validate (text, -1, NULL));
  g_assert_true (g_str_has_prefix (text, "Owners of cafés in the old town"));
  g_assert_nonnull (strstr (text, "« Nous ne sommes pas contre des règles, mais contre celles-ci », said Renée Dupré"));
  /* ISO-8859-1 is read as Windows-1252, as browsers do: its curly quotes survive. */
  g_assert_nonnull (strstr (text, "“a reasonable balance”"));
  assert_absent (text, "Accueil");
  assert_absent (text, "droits");
}

static void
test_charset_http_header (void)
{
  /* Latin-1 bytes that say nothing about their charset: the HTTP header decides. */
  const char latin1[] = "<html><body><p>Gr\xfc\xdf" "e aus M\xfcnchen, wo die Verhandlungen \xfc" "ber den Handel "
                        "am Montag fortgesetzt werden sollen.</p></body></html>";
  /* UTF-8 bytes whose page claims ISO-8859-1 while the server says UTF-8. */
  const char utf8[] = "<html><head><meta charset=\"iso-8859-1\"></head><body>"
                      "<p>Z\xc3\xbcrich: die Gespr\xc3\xa4" "che \xc3\xbc" "ber den Handel gehen am Montag weiter.</p></body></html>";
  g_autoptr(GError) error = NULL;
  g_autoptr(AttacheExtraction) a = attache_extract_html ((const guchar *) latin1, sizeof latin1 - 1, NULL, "ISO-8859-1", &error);
  g_autoptr(AttacheExtraction) b = NULL;
  g_autoptr(AttacheExtraction) c = NULL;
  g_autoptr(AttacheExtraction) d = NULL;
  const char *text;

  g_assert_no_error (error);
  g_assert_cmpstr (attache_extraction_get_paragraphs (a)[0], ==,
                   "Grüße aus München, wo die Verhandlungen über den Handel am Montag fortgesetzt werden sollen.");

  b = attache_extract_html ((const guchar *) utf8, sizeof utf8 - 1, NULL, "utf-8", &error);
  g_assert_no_error (error);
  text = attache_extraction_get_paragraphs (b)[0];
  g_assert_true (g_str_has_prefix (text, "Zürich: die Gespräche über"));

  /* Without the header, Latin-1 bytes are not valid UTF-8: Windows-1252 it is. */
  c = attache_extract_html ((const guchar *) latin1, sizeof latin1 - 1, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (attache_extraction_get_paragraphs (c)[0], "Grüße aus München"));

  /* A saved page re-encoded to UTF-8 keeps its old <meta charset>: valid UTF-8 wins. */
  d = attache_extract_html ((const guchar *) utf8, sizeof utf8 - 1, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (attache_extraction_get_paragraphs (d)[0], "Zürich"));
}

static void
test_byline_in_text (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AttacheExtraction) extraction = extract_fixture ("byline-in-text.html", NULL, NULL, &error);
  const char * const *paragraphs;

  g_assert_no_error (error);
  g_assert_cmpstr (attache_extraction_get_byline (extraction), ==, "Jonas Ferreira");
  g_assert_cmpstr (attache_extraction_get_title (extraction), ==, "Grain corridor: insurers return to the Black Sea");
  /* The page says its name only in <title>, after a separator. */
  g_assert_cmpstr (attache_extraction_get_site_name (extraction), ==, "Commodities Weekly");
  g_assert_null (attache_extraction_get_published (extraction));

  paragraphs = attache_extraction_get_paragraphs (extraction);
  g_assert_cmpuint (g_strv_length ((char **) paragraphs), ==, 3);
  g_assert_true (g_str_has_prefix (paragraphs[0], "Marine insurers have started writing war-risk cover"));
  g_assert_true (g_str_has_prefix (paragraphs[2], "Grain traders expect exports"));
  g_assert_true (g_str_has_suffix (paragraphs[2], "how fast volumes can recover."));
}

static void
test_no_article (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AttacheExtraction) links = extract_fixture ("link-list.html", NULL, NULL, &error);
  g_autoptr(AttacheExtraction) empty = NULL;
  g_autoptr(AttacheExtraction) scripts = NULL;
  const char only_scripts[] = "<html><head><title>App</title></head><body><script>render()</script>"
                              "<noscript>Please enable JavaScript to use this site.</noscript></body></html>";

  g_assert_null (links);
  g_assert_error (error, ATTACHE_EXTRACT_ERROR, ATTACHE_EXTRACT_ERROR_NO_ARTICLE);
  g_assert_nonnull (strstr (error->message, "no article text"));
  g_clear_error (&error);

  empty = attache_extract_html ((const guchar *) "", 0, NULL, NULL, &error);
  g_assert_null (empty);
  g_assert_error (error, ATTACHE_EXTRACT_ERROR, ATTACHE_EXTRACT_ERROR_NO_ARTICLE);
  g_clear_error (&error);

  scripts = attache_extract_html ((const guchar *) only_scripts, sizeof only_scripts - 1, NULL, NULL, &error);
  g_assert_null (scripts);
  g_assert_error (error, ATTACHE_EXTRACT_ERROR, ATTACHE_EXTRACT_ERROR_NO_ARTICLE);
}

static void
test_dates (void)
{
  static const struct { const char *head; const char *published; } cases[] = {
    /* A time with its zone: UTC. */
    { "<meta property=\"article:published_time\" content=\"2015-07-24T05:36:09+01:00\">", "2015-07-24T04:36:09Z" },
    { "<meta property=\"article:published_time\" content=\"2019-01-03T07:00:02.000Z\">", "2019-01-03T07:00:02Z" },
    { "<meta name=\"date\" content=\"2016-02-01T01:28:49-0500\">", "2016-02-01T06:28:49Z" },
    /* A time without a zone: only the day is sure. */
    { "<meta name=\"date\" content=\"2016-02-01 01:28:49\">", "2016-02-01" },
    { "<meta name=\"pdate\" content=\"20160729\">", "2016-07-29" },
    { "<meta name=\"DISPLAYDATE\" content=\"x\"><meta name=\"dc.date\" content=\"July 29, 2016\">", "2016-07-29" },
    /* JSON-LD outranks a weaker meta. */
    { "<meta name=\"date\" content=\"2001-01-01\"><script type=\"application/ld+json\">"
      "{\"@type\":\"NewsArticle\",\"datePublished\":\"2024-02-14T09:30:00+01:00\"}</script>", "2024-02-14T08:30:00Z" },
    /* Nonsense is no date. */
    { "<meta property=\"article:published_time\" content=\"soon\">", NULL },
    { "<meta property=\"article:published_time\" content=\"2024-02-30\">", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *html = g_strdup_printf ("<html><head>%s</head><body><p>The ministers met on Friday "
                                               "in the capital to discuss the new agreement.</p></body></html>",
                                               cases[i].head);
      g_autoptr(AttacheExtraction) extraction = extract_string (html, NULL);

      g_assert_cmpstr (attache_extraction_get_published (extraction), ==, cases[i].published);
    }

  {
    /* A <time> in the article when the page has no metadata. */
    g_autoptr(AttacheExtraction) extraction =
      extract_string ("<html><body><article><p>Posted <time datetime=\"2023-11-05\">5 November</time></p>"
                      "<p>The ministers met on Friday in the capital to discuss the new agreement on fishing "
                      "quotas, which both sides called a step forward.</p></article></body></html>", NULL);

    g_assert_cmpstr (attache_extraction_get_published (extraction), ==, "2023-11-05");
  }
}

static void
test_titles (void)
{
  static const struct { const char *head; const char *body; const char *title; const char *site; } cases[] = {
    /* Open Graph, with the site's name cut off. */
    { "<title>x</title><meta property=\"og:title\" content=\"Talks resume in Geneva | World Desk\">"
      "<meta property=\"og:site_name\" content=\"World Desk\">", "", "Talks resume in Geneva", "World Desk" },
    /* The name before the headline. */
    { "<title>World Desk: Talks resume in Geneva</title><meta property=\"og:site_name\" content=\"World Desk\">",
      "", "Talks resume in Geneva", "World Desk" },
    /* No metadata: the <h1> that agrees with <title>, not the logo's. */
    { "<title>Talks resume in Geneva after a pause - WD</title>",
      "<div class=\"site-header\"><h1>World Desk</h1></div><h1>Talks resume in Geneva after a pause of eight months</h1>",
      "Talks resume in Geneva after a pause of eight months", "WD" },
    /* Only <title>: an unknown site name after a separator goes. */
    { "<title>Talks resume in Geneva after a pause — World Desk</title>", "",
      "Talks resume in Geneva after a pause", "World Desk" },
    /* A separator inside a headline stays. */
    { "<title>Geneva - talks resume</title>", "", "Geneva - talks resume", NULL },
    /* JSON-LD headline; its entities decoded. */
    { "<script type=\"application/ld+json\">[{\"@type\":\"WebPage\",\"name\":\"Home\"},"
      "{\"@type\":[\"NewsArticle\"],\"headline\":\"Salt &amp; water: talks resume\","
      "\"publisher\":\"World Desk\"}]</script>", "", "Salt & water: talks resume", "World Desk" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *html = g_strdup_printf ("<html><head>%s</head><body>%s<p>The delegations met on Friday "
                                               "in Geneva to resume talks on the sharing of the river.</p></body></html>",
                                               cases[i].head, cases[i].body);
      g_autoptr(AttacheExtraction) extraction = extract_string (html, NULL);

      g_assert_cmpstr (attache_extraction_get_title (extraction), ==, cases[i].title);
      g_assert_cmpstr (attache_extraction_get_site_name (extraction), ==, cases[i].site);
      /* The headline is not repeated in the text. */
      g_assert_true (g_str_has_prefix (attache_extraction_get_paragraphs (extraction)[0], "The delegations met"));
    }
}

static void
test_json_ld (void)
{
  const char page[] =
    "<html><head>"
    "<script type=\"application/ld+json\">{ not json at all</script>"
    "<script type=\"application/ld+json\">{\"@context\":{\"@vocab\":\"http://schema.org/\"},"
    "\"@type\":\"ReportageNewsArticle\",\"headline\":\"Floods close the coastal road\","
    "\"author\":[{\"@type\":\"Person\",\"name\":\"Stella Kim\"},\"Jennifer Jett\"],"
    "\"publisher\":{\"@type\":\"Organization\",\"name\":\"Coast News\"},"
    "\"datePublished\":\"2024-12-06T22:00:40.000Z\",\"inLanguage\":\"en-US\","
    "\"mainEntityOfPage\":{\"@id\":\"https://coast.example/floods\"}}</script>"
    "<meta name=\"author\" content=\"Web Desk\">"
    "</head><body><p>Floods closed the coastal road between the two towns on Saturday, and "
    "the police asked drivers to stay away until the water goes down.</p></body></html>";
  g_autoptr(AttacheExtraction) extraction = extract_string (page, NULL);

  g_assert_cmpstr (attache_extraction_get_title (extraction), ==, "Floods close the coastal road");
  g_assert_cmpstr (attache_extraction_get_byline (extraction), ==, "Stella Kim, Jennifer Jett");
  g_assert_cmpstr (attache_extraction_get_site_name (extraction), ==, "Coast News");
  g_assert_cmpstr (attache_extraction_get_published (extraction), ==, "2024-12-06T22:00:40Z");
  g_assert_cmpstr (attache_extraction_get_language (extraction), ==, "en-US");
  g_assert_cmpstr (attache_extraction_get_url (extraction), ==, "https://coast.example/floods");
}

static void
test_urls (void)
{
  g_autoptr(AttacheExtraction) relative =
    extract_string ("<html><head><link rel=\"canonical\" href=\"../story/42\"></head><body><p>The delegations "
                    "met on Friday in Geneva to resume talks.</p></body></html>",
                    "https://news.example/world/europe/latest?page=2");
  g_autoptr(AttacheExtraction) no_base =
    extract_string ("<html><head><link rel=\"canonical\" href=\"/story/42\"></head><body><p>The delegations "
                    "met on Friday in Geneva to resume talks.</p></body></html>", NULL);
  g_autoptr(AttacheExtraction) page_only =
    extract_string ("<html><body><p>The delegations met on Friday in Geneva to resume talks.</p></body></html>",
                    "https://news.example/a");
  g_autoptr(AttacheExtraction) not_web =
    extract_string ("<html><head><link rel=\"canonical\" href=\"javascript:void(0)\"></head><body><p>The "
                    "delegations met on Friday in Geneva to resume talks.</p></body></html>", NULL);

  g_assert_cmpstr (attache_extraction_get_url (relative), ==, "https://news.example/world/story/42");
  g_assert_null (attache_extraction_get_url (no_base));
  g_assert_cmpstr (attache_extraction_get_url (page_only), ==, "https://news.example/a");
  g_assert_null (attache_extraction_get_url (not_web));
}

static void
test_structure (void)
{
  const char page[] =
    "<html><body><article>"
    "<p>The committee published its findings on Tuesday, after a year of hearings and more than "
    "two hundred written submissions from ports, shipping lines and unions.</p>"
    "<h3>The recommendations</h3>"
    "<ol><li>Publish waiting times daily</li><li>Fund a second pilot boat</li></ol>"
    "<table><tr><th>Port</th><th>Ships waiting</th></tr><tr><td>North</td><td>12</td></tr></table>"
    "<pre>line one\n  line two</pre>"
    "<p>First line of an address<br>Second line</p>"
    "<div>A paragraph written with breaks.<br><br>And the next one, after two of them.</div>"
    "<p style=\"display: none\">Hidden by its style.</p>"
    "<p hidden>Hidden by the attribute.</p>"
    "<div aria-hidden=\"true\">Hidden from readers.</div>"
    "<p>Signed, <span class=\"sr-only\">Skip to navigation</span>the committee chair, who said the "
    "report &amp; its annex were unanimous.</p>"
    "<script>var leaked = 'never';</script><style>p { color: red }</style>"
    "</article></body></html>";
  g_autoptr(AttacheExtraction) extraction = extract_string (page, NULL);
  const char * const *p = attache_extraction_get_paragraphs (extraction);
  g_autofree char *text = attache_extraction_dup_text (extraction);

  g_assert_cmpuint (g_strv_length ((char **) p), ==, 11);
  g_assert_true (g_str_has_prefix (p[0], "The committee published its findings"));
  g_assert_cmpstr (p[1], ==, "The recommendations");
  g_assert_cmpstr (p[2], ==, "1. Publish waiting times daily");
  g_assert_cmpstr (p[3], ==, "2. Fund a second pilot boat");
  g_assert_cmpstr (p[4], ==, "Port | Ships waiting");
  g_assert_cmpstr (p[5], ==, "North | 12");
  g_assert_cmpstr (p[6], ==, "line one\nline two");
  g_assert_cmpstr (p[7], ==, "First line of an address\nSecond line");
  g_assert_cmpstr (p[8], ==, "A paragraph written with breaks.");
  g_assert_cmpstr (p[9], ==, "And the next one, after two of them.");
  g_assert_cmpstr (p[10], ==, "Signed, the committee chair, who said the report & its annex were unanimous.");
  assert_absent (text, "Hidden");
  assert_absent (text, "Skip");
  assert_absent (text, "leaked");
  assert_absent (text, "color");
}

/* A Russian page in KOI8-R that names no charset (no header, no <meta>): the
 * bytes are not UTF-8, and read as Windows-1252 they would be accented Latin
 * noise. The detector finds KOI8-R. */
static void
test_charset_undeclared (void)
{
  const char *page =
    "<html><head><title>Городской совет обсудил ремонт дорог</title></head><body>"
    "<h1>Городской совет обсудил ремонт дорог</h1>"
    "<p>Вчера вечером в Твери прошло заседание городского совета, на котором депутаты "
    "обсуждали строительство новых школ и ремонт дорог в северных районах.</p>"
    "<p>Жители района выразили недовольство тем, что работы затянулись почти на год, "
    "а подрядчик до сих пор не назвал новый срок.</p></body></html>";
  g_autoptr(GError) error = NULL;
  g_autoptr(AttacheExtraction) extraction = NULL;
  g_autofree char *koi8 = NULL;
  gsize len;

  koi8 = g_convert (page, -1, "KOI8-R", "UTF-8", NULL, &len, &error);
  g_assert_no_error (error);
  extraction = attache_extract_html ((const guchar *) koi8, len, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (attache_extraction_get_title (extraction), ==, "Городской совет обсудил ремонт дорог");
  g_assert_true (g_str_has_prefix (attache_extraction_get_paragraphs (extraction)[0],
                                   "Вчера вечером в Твери прошло заседание городского совета"));
}

/* Pages built to break a parser: JSON-LD nested 100,000 deep (skipped, not a
 * stack overflow) and a date of eleven digits (no integer overflow; the
 * sanitizer build runs this). */
static void
test_hostile (void)
{
  g_autoptr(GString) html = g_string_new ("<html><head><title>Talks</title>"
                                          "<script type=\"application/ld+json\">");
  g_autoptr(AttacheExtraction) deep = NULL;
  g_autoptr(AttacheExtraction) dated = NULL;

  for (int i = 0; i < 100000; i++)
    g_string_append_c (html, '[');
  for (int i = 0; i < 100000; i++)
    g_string_append_c (html, ']');
  g_string_append (html, "</script></head><body><article><h1>Talks</h1><p>The ministers met in Paris on Monday "
                         "and talked about the grain corridor for many hours before they agreed.</p>"
                         "</article></body></html>");
  deep = extract_string (html->str, NULL);
  g_assert_cmpstr (attache_extraction_get_title (deep), ==, "Talks");

  dated = extract_string ("<html><head><title>Talks</title></head><body><article><h1>Talks</h1>"
                          "<p>The ministers met in Paris on Monday and talked about the grain corridor for many "
                          "hours before they agreed.</p><time datetime=\"99999999999\">x</time>"
                          "</article></body></html>", NULL);
  g_assert_null (attache_extraction_get_published (dated));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/extract/news-article", test_news_article);
  g_test_add_func ("/extract/charset/http-equiv", test_charset_http_equiv);
  g_test_add_func ("/extract/charset/http-header", test_charset_http_header);
  g_test_add_func ("/extract/byline-in-text", test_byline_in_text);
  g_test_add_func ("/extract/no-article", test_no_article);
  g_test_add_func ("/extract/metadata/dates", test_dates);
  g_test_add_func ("/extract/metadata/titles", test_titles);
  g_test_add_func ("/extract/metadata/json-ld", test_json_ld);
  g_test_add_func ("/extract/metadata/urls", test_urls);
  g_test_add_func ("/extract/text/structure", test_structure);
  g_test_add_func ("/extract/charset/undeclared", test_charset_undeclared);
  g_test_add_func ("/extract/hostile", test_hostile);

  return g_test_run ();
}
