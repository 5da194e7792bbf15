/* attache-extract.c: the article inside a saved web page, and what the page says about it
 *
 * How it works
 *
 * 1. Decoding. The bytes are turned into UTF-8 here and parsed by libxml2's HTML
 *    parser, which never runs a script nor fetches anything. The charset: a BOM,
 *    else the HTTP charset, else the page's <meta charset> or http-equiv (but bytes
 *    that are valid UTF-8 with multi-byte sequences are UTF-8: saved pages are often
 *    re-encoded with their old declaration left in place), else what the bytes
 *    look like (attache-charset: UTF-8 when valid, else the legacy encoding whose
 *    reading is most like text, Windows-1252 when none is clearly better). Broken
 *    sequences become U+FFFD.
 *
 * 2. Metadata. One walk over the document reads <meta> (Open Graph, article:*,
 *    twitter:*, Dublin Core, name=author/date/description, itemprop), JSON-LD
 *    (NewsArticle and its kin, also inside @graph), <link rel=canonical>, <base>,
 *    <html lang>, <title>, the <h1>s and <time pubdate/itemprop>. Each source of a
 *    field has a rank; the highest wins. Titles are all kept and chosen at the end:
 *    the best-ranked that agrees with <title>, else an <h1> that does, else <title>,
 *    without a " | Site name" part.
 *
 * 3. Finding the article. Every element gets a small record (node->_private): its
 *    visible text, the part of it inside links, commas and sentence ends, the
 *    characters in blocks that read as prose, and a hint from its class, id, role
 *    and itemprop ("story-body" leans to content, "share-bar" to boilerplate).
 *    Elements that are never content (scripts, form controls, nav, hidden ones) are
 *    set aside; so are those whose names say boilerplate (comments, share, related,
 *    promo, ad, sidebar, footer…) unless they wrap most of the page's prose or the
 *    article as a first look (before this step) finds it.
 *    Then each text block (a <p>, or a <div> with text of its own…) earns points for
 *    its length and punctuation, discounted by the share of its text in links; the
 *    points go to the block's container, half to the next container up and a
 *    quarter to the one above, where a mere wrapper (an element around one other)
 *    does not count as a step. Containers are ranked by those points, discounted by
 *    their link density and scaled by their name hint. The best one is widened to
 *    an ancestor when that adds clean prose (an article cut into sections, each in
 *    its own nest of <div>s), and joined by those of its siblings that continue it.
 *
 * 4. Text. The chosen containers are written out as paragraphs; on the way, blocks
 *    that read as boilerplate are left out: lists and boxes made mostly of links,
 *    forms, short link-heavy strips (share bars, tag lists), figure captions and
 *    credits, headings of "related"/"comments" boxes, script or style text that
 *    leaked out of its element, chart labels without letters, the headline itself
 *    and the byline. The byline comes from the metadata, else from an element named
 *    for it (near the article first), else from a "By …" line at the top.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "attache-extract"

#include "config.h"

#include <glib/gi18n.h>
#include <errno.h>
#include <string.h>

#include <json-glib/json-glib.h>
#include <libxml/HTMLparser.h>
#include <libxml/tree.h>

#include "attache-charset-private.h"
#include "attache-extract.h"
#include "attache-feed-private.h"

/* Deeper content is ignored, so that no page can exhaust a worker thread's stack.
 * (libxml2 2.9 itself stops at 256 levels; this guards against one that does not.) */
#define MAX_DEPTH 600

/* The result */

struct _AttacheExtraction
{
  gatomicrefcount  ref_count;
  char            *title;
  char            *byline;
  char            *site_name;
  char            *published;
  char            *url;
  char            *language;
  char            *description;
  GStrv            paragraphs;
};

G_DEFINE_BOXED_TYPE (AttacheExtraction, attache_extraction,
                     attache_extraction_ref, attache_extraction_unref)

G_DEFINE_QUARK (attache-extract-error-quark, attache_extract_error)

AttacheExtraction *
attache_extraction_ref (AttacheExtraction *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
attache_extraction_unref (AttacheExtraction *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;

  g_free (self->title);
  g_free (self->byline);
  g_free (self->site_name);
  g_free (self->published);
  g_free (self->url);
  g_free (self->language);
  g_free (self->description);
  g_strfreev (self->paragraphs);
  g_free (self);
}

const char *
attache_extraction_get_title (AttacheExtraction *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->title;
}

const char *
attache_extraction_get_byline (AttacheExtraction *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->byline;
}

const char *
attache_extraction_get_site_name (AttacheExtraction *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->site_name;
}

const char *
attache_extraction_get_published (AttacheExtraction *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->published;
}

const char *
attache_extraction_get_url (AttacheExtraction *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->url;
}

const char *
attache_extraction_get_language (AttacheExtraction *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->language;
}

const char *
attache_extraction_get_description (AttacheExtraction *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->description;
}

const char * const *
attache_extraction_get_paragraphs (AttacheExtraction *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return (const char * const *) self->paragraphs;
}

char *
attache_extraction_dup_text (AttacheExtraction *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return g_strjoinv ("\n\n", self->paragraphs);
}

/* Small string helpers */

static gboolean
is_space (gunichar c)
{
  return g_unichar_isspace (c) || c == 0x00a0 || c == 0x200b || c == 0xfeff || c == 0x2028 || c == 0x2029;
}

/* Collapses white space (including no-break spaces) to single spaces and trims;
 * NULL for NULL or a string with nothing but spaces. */
static char *
clean_string (const char *s)
{
  GString *out;
  gboolean space = FALSE;

  if (s == NULL)
    return NULL;

  out = g_string_sized_new (strlen (s));
  for (const char *p = s; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (is_space (c))
        {
          space = out->len > 0;
          continue;
        }
      if (space)
        g_string_append_c (out, ' ');
      space = FALSE;
      g_string_append_unichar (out, c);
    }

  if (out->len == 0)
    {
      g_string_free (out, TRUE);
      return NULL;
    }
  return g_string_free (out, FALSE);
}

/* Lower-cased letters and digits, one space between words: for comparisons. */
static char *
fold_words (const char *s)
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

static guint
count_words (const char *folded)
{
  guint n = folded[0] != '\0';

  for (const char *p = folded; *p != '\0'; p++)
    n += *p == ' ';
  return n;
}

static gboolean
same_words (const char *a,
            const char *b)
{
  g_autofree char *fa = fold_words (a);
  g_autofree char *fb = fold_words (b);

  return fa[0] != '\0' && g_str_equal (fa, fb);
}

/* Decodes the few character references JSON-LD strings carry (&amp;, &#39;…). */
static char *
decode_entities (const char *s)
{
  static const struct { const char *name; const char *text; } named[] = {
    { "amp", "&" }, { "lt", "<" }, { "gt", ">" }, { "quot", "\"" }, { "apos", "'" },
    { "nbsp", " " }, { "ndash", "–" }, { "mdash", "—" }, { "rsquo", "’" }, { "lsquo", "‘" },
    { "ldquo", "“" }, { "rdquo", "”" }, { "hellip", "…" },
  };
  GString *out;

  if (strchr (s, '&') == NULL)
    return g_strdup (s);

  out = g_string_sized_new (strlen (s));
  for (const char *p = s; *p != '\0'; p++)
    {
      const char *semi;
      gboolean done = FALSE;

      if (*p != '&' || (semi = strchr (p, ';')) == NULL || semi - p > 10)
        {
          g_string_append_c (out, *p);
          continue;
        }

      if (p[1] == '#')
        {
          gboolean hex = p[2] == 'x' || p[2] == 'X';
          char *end = NULL;
          guint64 code = g_ascii_strtoull (p + (hex ? 3 : 2), &end, hex ? 16 : 10);

          if (end == semi && code > 0 && code <= 0x10ffff && g_unichar_validate ((gunichar) code))
            {
              g_string_append_unichar (out, (gunichar) code);
              done = TRUE;
            }
        }
      else
        {
          for (guint i = 0; i < G_N_ELEMENTS (named); i++)
            if ((gsize) (semi - p - 1) == strlen (named[i].name) &&
                strncmp (p + 1, named[i].name, semi - p - 1) == 0)
              {
                g_string_append (out, named[i].text);
                done = TRUE;
                break;
              }
        }

      if (done)
        p = semi;
      else
        g_string_append_c (out, *p);
    }

  return g_string_free (out, FALSE);
}

/* Decoding */

/* The charset named in a Content-Type value or a charset attribute, or NULL. */
static char *
charset_from_content_type (const char *value,
                           gsize       len)
{
  g_autofree char *lower = g_ascii_strdown (value, len);
  const char *p = strstr (lower, "charset");
  gsize n = 0;

  if (p == NULL)
    return NULL;
  p += strlen ("charset");
  while (*p == ' ' || *p == '\t')
    p++;
  if (*p != '=')
    return NULL;
  p++;
  while (*p == ' ' || *p == '"' || *p == '\'')
    p++;
  while (g_ascii_isalnum (p[n]) || p[n] == '-' || p[n] == '_' || p[n] == ':' || p[n] == '.')
    n++;

  return n > 0 ? g_strndup (p, n) : NULL;
}

/* The charset a <meta> in the first 16 KiB declares (<meta charset=…> or
 * <meta http-equiv="Content-Type" content="…; charset=…">), or NULL. */
static char *
sniff_meta_charset (const guchar *data,
                    gsize         len)
{
  gsize n = MIN (len, 16 * 1024);

  for (gsize i = 0; i + 5 < n; i++)
    {
      const guchar *end;

      if (data[i] != '<' || g_ascii_strncasecmp ((const char *) data + i + 1, "meta", 4) != 0 ||
          !(g_ascii_isspace (data[i + 5]) || data[i + 5] == '/'))
        continue;

      end = memchr (data + i, '>', n - i);
      if (end == NULL)
        break;

      {
        char *charset = charset_from_content_type ((const char *) data + i, end - (data + i));

        if (charset != NULL)
          return charset;
      }
      i = end - data;
    }

  return NULL;
}

/* The iconv name for a charset label, following what browsers take them to mean. */
static const char *
canonical_charset (const char *label)
{
  static const struct { const char *label; const char *charset; } aliases[] = {
    { "utf-8", "UTF-8" }, { "utf8", "UTF-8" }, { "unicode-1-1-utf-8", "UTF-8" },
    { "iso-8859-1", "WINDOWS-1252" }, { "iso8859-1", "WINDOWS-1252" }, { "latin1", "WINDOWS-1252" },
    { "l1", "WINDOWS-1252" }, { "us-ascii", "WINDOWS-1252" }, { "ascii", "WINDOWS-1252" },
    { "windows-1252", "WINDOWS-1252" }, { "cp1252", "WINDOWS-1252" }, { "x-user-defined", "WINDOWS-1252" },
    { "gb2312", "GB18030" }, { "gbk", "GB18030" }, { "x-gbk", "GB18030" }, { "gb18030", "GB18030" },
    { "big5", "BIG5-HKSCS" }, { "shift_jis", "CP932" }, { "shift-jis", "CP932" }, { "sjis", "CP932" },
    { "windows-31j", "CP932" }, { "euc-kr", "CP949" }, { "ks_c_5601-1987", "CP949" },
    /* A page served as UTF-16 without a BOM is rare and then usually mislabelled. */
    { "utf-16", "UTF-8" }, { "utf-16le", "UTF-8" }, { "utf-16be", "UTF-8" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (aliases); i++)
    if (g_ascii_strcasecmp (label, aliases[i].label) == 0)
      return aliases[i].charset;

  return label;
}

/* Converts @data from @charset to UTF-8; a byte sequence that is invalid in @charset
 * becomes U+FFFD and the conversion goes on. NULL when iconv does not know @charset. */
static char *
convert_to_utf8 (const guchar *data,
                 gsize         len,
                 const char   *charset,
                 gsize        *out_len)
{
  GIConv conv = g_iconv_open ("UTF-8", charset);
  GString *out;
  char *in = (char *) data;
  gsize in_left = len;
  char buffer[4096];

  if (conv == (GIConv) -1)
    return NULL;

  out = g_string_sized_new (len + len / 4);
  while (in_left > 0)
    {
      char *o = buffer;
      gsize o_left = sizeof buffer;
      gsize r = g_iconv (conv, &in, &in_left, &o, &o_left);

      g_string_append_len (out, buffer, o - buffer);
      if (r == (gsize) -1)
        {
          if (errno == E2BIG)
            continue;
          /* EILSEQ, or EINVAL (a truncated sequence at the end): skip one byte. */
          g_string_append (out, "\xef\xbf\xbd");
          in++;
          in_left--;
          g_iconv (conv, NULL, NULL, NULL, NULL);
        }
    }
  g_iconv_close (conv);

  *out_len = out->len;
  return g_string_free (out, FALSE);
}

static gboolean
has_multibyte_utf8 (const guchar *data,
                    gsize         len)
{
  gboolean multibyte = FALSE;

  for (gsize i = 0; i < len && !multibyte; i++)
    multibyte = data[i] >= 0x80;

  return multibyte && g_utf8_validate_len ((const char *) data, len, NULL);
}

/* The page as UTF-8, whatever it came in. */
static char *
decode_page (const guchar *data,
             gsize         len,
             const char   *http_charset,
             gsize        *out_len)
{
  g_autofree char *meta_charset = NULL;
  const char *charset = NULL;
  char *utf8 = NULL;

  if (len >= 3 && data[0] == 0xef && data[1] == 0xbb && data[2] == 0xbf)
    {
      data += 3;
      len -= 3;
      charset = "UTF-8";
    }
  else if (len >= 2 && data[0] == 0xff && data[1] == 0xfe)
    {
      data += 2;
      len -= 2;
      charset = "UTF-16LE";
    }
  else if (len >= 2 && data[0] == 0xfe && data[1] == 0xff)
    {
      data += 2;
      len -= 2;
      charset = "UTF-16BE";
    }
  else if (http_charset != NULL && http_charset[0] != '\0')
    charset = canonical_charset (http_charset);
  else if ((meta_charset = sniff_meta_charset (data, len)) != NULL)
    {
      charset = canonical_charset (meta_charset);
      /* A saved page is often re-encoded to UTF-8 with its old <meta charset> left
       * in place. Text in a legacy charset is practically never valid UTF-8 with
       * multi-byte sequences in it, so such bytes are taken as UTF-8. */
      if (g_ascii_strcasecmp (charset, "UTF-8") != 0 && has_multibyte_utf8 (data, len))
        charset = "UTF-8";
    }

  if (charset == NULL)
    charset = _attache_charset_decoder (_attache_charset_guess (data, len));

  if (g_ascii_strcasecmp (charset, "UTF-8") == 0)
    {
      if (g_utf8_validate_len ((const char *) data, len, NULL))
        utf8 = g_strndup ((const char *) data, len);
      else
        utf8 = convert_to_utf8 (data, len, "UTF-8", out_len);
    }
  else
    utf8 = convert_to_utf8 (data, len, charset, out_len);

  if (utf8 == NULL)   /* a charset iconv does not know */
    utf8 = convert_to_utf8 (data, len, "WINDOWS-1252", out_len);
  if (utf8 == NULL)
    utf8 = g_utf8_make_valid ((const char *) data, len);

  *out_len = strlen (utf8);   /* a NUL in the page ends it */
  return utf8;
}

/* Elements */

typedef enum
{
  TAG_INLINE     = 0,
  TAG_SKIP       = 1 << 0,   /* never content: script, style, nav, form controls… */
  TAG_BLOCK      = 1 << 1,   /* starts a new paragraph */
  TAG_CONTAINER  = 1 << 2,   /* may hold the article */
  TAG_HEADING    = 1 << 3,
  TAG_LIST       = 1 << 4,
  TAG_ITEM       = 1 << 5,
  TAG_CELL       = 1 << 6,
  TAG_INPUT      = 1 << 7,   /* a form control (counted, then skipped) */
  TAG_LINK       = 1 << 8,
  TAG_BR         = 1 << 9,
  TAG_PRE        = 1 << 10,
  TAG_TABLE      = 1 << 11,
  TAG_ROW        = 1 << 12,
  TAG_CAPTION    = 1 << 13,
  TAG_LANDMARK   = 1 << 14,  /* html, body, article, main: never set aside by name */
  TAG_PARAGRAPH  = 1 << 15,  /* a text block whose points go to its container */
} TagFlags;

static const struct
{
  const char *name;
  guint       flags;
} tags[] = {
  { "script", TAG_SKIP }, { "style", TAG_SKIP }, { "noscript", TAG_SKIP }, { "template", TAG_SKIP },
  { "iframe", TAG_SKIP }, { "frame", TAG_SKIP }, { "frameset", TAG_SKIP }, { "object", TAG_SKIP },
  { "embed", TAG_SKIP }, { "applet", TAG_SKIP }, { "svg", TAG_SKIP }, { "math", TAG_SKIP },
  { "canvas", TAG_SKIP }, { "video", TAG_SKIP }, { "audio", TAG_SKIP }, { "source", TAG_SKIP },
  { "track", TAG_SKIP }, { "map", TAG_SKIP }, { "head", TAG_SKIP }, { "title", TAG_SKIP },
  { "meta", TAG_SKIP }, { "link", TAG_SKIP }, { "base", TAG_SKIP }, { "nav", TAG_SKIP },
  { "dialog", TAG_SKIP }, { "datalist", TAG_SKIP }, { "output", TAG_SKIP }, { "img", TAG_SKIP },
  { "picture", TAG_SKIP }, { "area", TAG_SKIP }, { "param", TAG_SKIP },
  { "button", TAG_SKIP | TAG_INPUT }, { "select", TAG_SKIP | TAG_INPUT },
  { "textarea", TAG_SKIP | TAG_INPUT }, { "input", TAG_SKIP | TAG_INPUT },
  { "option", TAG_SKIP }, { "optgroup", TAG_SKIP }, { "progress", TAG_SKIP }, { "meter", TAG_SKIP },
  { "label", TAG_INPUT },
  { "html", TAG_BLOCK | TAG_CONTAINER | TAG_LANDMARK },
  { "body", TAG_BLOCK | TAG_CONTAINER | TAG_LANDMARK },
  { "article", TAG_BLOCK | TAG_CONTAINER | TAG_LANDMARK },
  { "main", TAG_BLOCK | TAG_CONTAINER | TAG_LANDMARK },
  { "div", TAG_BLOCK | TAG_CONTAINER }, { "section", TAG_BLOCK | TAG_CONTAINER },
  { "center", TAG_BLOCK | TAG_CONTAINER }, { "form", TAG_BLOCK | TAG_CONTAINER },
  { "header", TAG_BLOCK | TAG_CONTAINER }, { "footer", TAG_BLOCK | TAG_CONTAINER },
  { "aside", TAG_BLOCK | TAG_CONTAINER }, { "figure", TAG_BLOCK | TAG_CONTAINER },
  { "details", TAG_BLOCK | TAG_CONTAINER }, { "fieldset", TAG_BLOCK | TAG_CONTAINER },
  { "hgroup", TAG_BLOCK }, { "summary", TAG_BLOCK | TAG_PARAGRAPH }, { "legend", TAG_BLOCK },
  { "address", TAG_BLOCK | TAG_PARAGRAPH }, { "hr", TAG_BLOCK },
  { "p", TAG_BLOCK | TAG_PARAGRAPH }, { "pre", TAG_BLOCK | TAG_PARAGRAPH | TAG_PRE },
  { "blockquote", TAG_BLOCK | TAG_PARAGRAPH },
  { "figcaption", TAG_BLOCK | TAG_PARAGRAPH | TAG_CAPTION },
  { "h1", TAG_BLOCK | TAG_HEADING | TAG_PARAGRAPH }, { "h2", TAG_BLOCK | TAG_HEADING | TAG_PARAGRAPH },
  { "h3", TAG_BLOCK | TAG_HEADING | TAG_PARAGRAPH }, { "h4", TAG_BLOCK | TAG_HEADING | TAG_PARAGRAPH },
  { "h5", TAG_BLOCK | TAG_HEADING | TAG_PARAGRAPH }, { "h6", TAG_BLOCK | TAG_HEADING | TAG_PARAGRAPH },
  { "ul", TAG_BLOCK | TAG_LIST }, { "ol", TAG_BLOCK | TAG_LIST }, { "menu", TAG_BLOCK | TAG_LIST },
  { "dl", TAG_BLOCK | TAG_LIST },
  { "li", TAG_BLOCK | TAG_ITEM | TAG_PARAGRAPH }, { "dt", TAG_BLOCK | TAG_ITEM | TAG_PARAGRAPH },
  { "dd", TAG_BLOCK | TAG_ITEM | TAG_PARAGRAPH },
  { "table", TAG_BLOCK | TAG_TABLE }, { "thead", TAG_BLOCK }, { "tbody", TAG_BLOCK },
  { "tfoot", TAG_BLOCK }, { "tr", TAG_BLOCK | TAG_ROW }, { "caption", TAG_BLOCK | TAG_CAPTION | TAG_PARAGRAPH },
  { "td", TAG_BLOCK | TAG_CELL | TAG_CONTAINER }, { "th", TAG_BLOCK | TAG_CELL },
  { "a", TAG_LINK }, { "br", TAG_BR },
  { "b", TAG_INLINE }, { "i", TAG_INLINE }, { "em", TAG_INLINE }, { "strong", TAG_INLINE },
  { "span", TAG_INLINE }, { "font", TAG_INLINE }, { "small", TAG_INLINE }, { "sup", TAG_INLINE },
  { "sub", TAG_INLINE }, { "u", TAG_INLINE }, { "s", TAG_INLINE }, { "abbr", TAG_INLINE },
  { "cite", TAG_INLINE }, { "q", TAG_INLINE }, { "code", TAG_INLINE }, { "time", TAG_INLINE },
  { "mark", TAG_INLINE }, { "del", TAG_INLINE }, { "ins", TAG_INLINE }, { "big", TAG_INLINE },
  { "tt", TAG_INLINE }, { "kbd", TAG_INLINE }, { "var", TAG_INLINE }, { "samp", TAG_INLINE },
  { "wbr", TAG_INLINE }, { "bdi", TAG_INLINE }, { "bdo", TAG_INLINE }, { "data", TAG_INLINE },
  { "dfn", TAG_INLINE }, { "strike", TAG_INLINE }, { "nobr", TAG_INLINE }, { "acronym", TAG_INLINE },
  { "ruby", TAG_INLINE }, { "rt", TAG_SKIP }, { "rp", TAG_SKIP },
};

static GHashTable *
tag_table (void)
{
  static GHashTable *table;

  if (g_once_init_enter (&table))
    {
      GHashTable *t = g_hash_table_new (g_str_hash, g_str_equal);

      for (guint i = 0; i < G_N_ELEMENTS (tags); i++)
        g_hash_table_insert (t, (gpointer) tags[i].name, GUINT_TO_POINTER (tags[i].flags | 0x80000000u));
      g_once_init_leave (&table, t);
    }

  return table;
}

/* Flags of an element's tag. Unknown (custom) elements may hold blocks, so they
 * are containers that do not break paragraphs themselves. */
static guint
tag_flags (const xmlNode *node)
{
  gpointer value = g_hash_table_lookup (tag_table (), node->name);

  if (value == NULL)
    return TAG_CONTAINER;
  return GPOINTER_TO_UINT (value) & ~0x80000000u;
}

/* Class, id and role hints */

typedef enum
{
  HINT_POSITIVE     = 1 << 0,   /* "article", "story", "content"… */
  HINT_STRONG_POS   = 1 << 1,   /* itemprop=articleBody, role=main/article */
  HINT_NEGATIVE     = 1 << 2,   /* "sidebar", "footer", "menu"… */
  HINT_JUNK         = 1 << 3,   /* "comment", "share", "related", "ad"…: boilerplate */
  HINT_BYLINE       = 1 << 4,   /* "byline", "author", rel=author */
  HINT_CAPTION      = 1 << 5,   /* "caption", "credit" */
  HINT_HIDDEN       = 1 << 6,   /* hidden, aria-hidden, display:none, sr-only */
  HINT_DATE         = 1 << 7,   /* itemprop=datePublished, "published" */
} HintFlags;

static const struct
{
  const char *word;
  guint       hint;
  gboolean    prefix;
} hint_words[] = {
  { "article", HINT_POSITIVE, TRUE }, { "content", HINT_POSITIVE, FALSE },
  { "entry", HINT_POSITIVE, FALSE }, { "hentry", HINT_POSITIVE, FALSE },
  { "main", HINT_POSITIVE, FALSE }, { "post", HINT_POSITIVE, FALSE },
  { "story", HINT_POSITIVE, TRUE }, { "body", HINT_POSITIVE, FALSE },
  { "text", HINT_POSITIVE, FALSE }, { "prose", HINT_POSITIVE, FALSE },
  { "blog", HINT_POSITIVE, FALSE }, { "permalink", HINT_POSITIVE, FALSE },
  { "paragraph", HINT_POSITIVE, FALSE },

  { "comment", HINT_JUNK, TRUE }, { "disqus", HINT_JUNK, TRUE }, { "reply", HINT_JUNK, TRUE },
  { "replies", HINT_JUNK, FALSE }, { "shared", 0, FALSE }, { "commentary", 0, FALSE }, { "discuss", HINT_JUNK, TRUE }, { "respond", HINT_JUNK, FALSE }, { "share", HINT_JUNK, TRUE },
  { "sharing", HINT_JUNK, FALSE }, { "social", HINT_JUNK, TRUE }, { "related", HINT_JUNK, TRUE },
  { "recommend", HINT_JUNK, TRUE }, { "promo", HINT_JUNK, TRUE }, { "sponsor", HINT_JUNK, TRUE },
  { "ad", HINT_JUNK, FALSE }, { "ads", HINT_JUNK, FALSE }, { "adv", HINT_JUNK, FALSE },
  { "advert", HINT_JUNK, TRUE }, { "adsense", HINT_JUNK, FALSE }, { "adslot", HINT_JUNK, FALSE },
  { "adunit", HINT_JUNK, FALSE }, { "dfp", HINT_JUNK, FALSE }, { "gpt", HINT_JUNK, FALSE },
  { "cookie", HINT_JUNK, TRUE }, { "consent", HINT_JUNK, FALSE }, { "gdpr", HINT_JUNK, FALSE },
  { "newsletter", HINT_JUNK, TRUE }, { "subscri", HINT_JUNK, TRUE }, { "signup", HINT_JUNK, FALSE },
  { "popup", HINT_JUNK, TRUE }, { "modal", HINT_JUNK, FALSE }, { "outbrain", HINT_JUNK, TRUE },
  { "taboola", HINT_JUNK, TRUE }, { "trending", HINT_JUNK, FALSE }, { "breadcrumb", HINT_JUNK, TRUE },
  { "pagination", HINT_JUNK, FALSE }, { "pager", HINT_JUNK, FALSE }, { "paywall", HINT_JUNK, FALSE },
  { "skip", HINT_JUNK, FALSE }, { "skiplink", HINT_JUNK, FALSE }, { "banner", HINT_JUNK, FALSE },
  { "syndication", HINT_JUNK, FALSE }, { "tweet", HINT_JUNK, FALSE }, { "facebook", HINT_JUNK, FALSE },
  { "twitter", HINT_JUNK, FALSE }, { "linkedin", HINT_JUNK, FALSE }, { "whatsapp", HINT_JUNK, FALSE },
  { "pinterest", HINT_JUNK, FALSE }, { "print", HINT_JUNK, FALSE }, { "rating", HINT_JUNK, FALSE },
  { "upsell", HINT_JUNK, FALSE }, { "marketing", HINT_JUNK, FALSE }, { "mostpopular", HINT_JUNK, FALSE },
  { "mostread", HINT_JUNK, FALSE }, { "popular", HINT_JUNK, FALSE }, { "login", HINT_JUNK, FALSE },

  { "footer", HINT_NEGATIVE, TRUE }, { "sidebar", HINT_NEGATIVE, TRUE }, { "side", HINT_NEGATIVE, FALSE },
  { "aside", HINT_NEGATIVE, FALSE }, { "rail", HINT_NEGATIVE, FALSE }, { "widget", HINT_NEGATIVE, TRUE },
  { "menu", HINT_NEGATIVE, FALSE }, { "nav", HINT_NEGATIVE, FALSE }, { "navbar", HINT_NEGATIVE, FALSE },
  { "navigation", HINT_NEGATIVE, FALSE }, { "masthead", HINT_NEGATIVE, FALSE },
  { "header", HINT_NEGATIVE, FALSE }, { "toolbar", HINT_NEGATIVE, FALSE }, { "tools", HINT_NEGATIVE, FALSE },
  { "tags", HINT_NEGATIVE, FALSE }, { "tag", HINT_NEGATIVE, FALSE }, { "taglist", HINT_NEGATIVE, FALSE },
  { "topics", HINT_NEGATIVE, FALSE }, { "meta", HINT_NEGATIVE, FALSE }, { "extra", HINT_NEGATIVE, FALSE },
{ "links", HINT_NEGATIVE, FALSE }, { "search", HINT_NEGATIVE, FALSE },
  { "contact", HINT_NEGATIVE, FALSE }, { "bio", HINT_NEGATIVE, FALSE }, { "teaser", HINT_NEGATIVE, FALSE },
  { "combx", HINT_NEGATIVE, FALSE }, { "utility", HINT_NEGATIVE, FALSE }, { "shoutbox", HINT_NEGATIVE, FALSE },

  { "byline", HINT_BYLINE, TRUE }, { "author", HINT_BYLINE, TRUE }, { "writer", HINT_BYLINE, FALSE },
  { "contributor", HINT_BYLINE, TRUE },

  { "caption", HINT_CAPTION, TRUE }, { "credit", HINT_CAPTION, TRUE }, { "credits", HINT_CAPTION, FALSE },
  { "wp", 0, FALSE },
};

static GHashTable *
hint_table (void)
{
  static GHashTable *table;

  if (g_once_init_enter (&table))
    {
      GHashTable *t = g_hash_table_new (g_str_hash, g_str_equal);

      for (guint i = 0; i < G_N_ELEMENTS (hint_words); i++)
        g_hash_table_insert (t, (gpointer) hint_words[i].word, GUINT_TO_POINTER (hint_words[i].hint | 0x80000000u));
      g_once_init_leave (&table, t);
    }

  return table;
}

/* The hint of one word of a class or id ("storyBody" gives "story" and "body"). */
static guint
hint_of_word (const char *word)
{
  gpointer value = g_hash_table_lookup (hint_table (), word);

  if (value != NULL)
    return GPOINTER_TO_UINT (value) & ~0x80000000u;

  for (guint i = 0; i < G_N_ELEMENTS (hint_words); i++)
    if (hint_words[i].prefix && g_str_has_prefix (word, hint_words[i].word))
      return hint_words[i].hint;

  return 0;
}

/* Splits an attribute value into words at anything but letters and digits, and
 * at lower-to-upper case changes; ORs their hints. */
static guint
hint_of_names (const char *value)
{
  char word[48];
  gsize n = 0;
  guint hint = 0;
  gboolean too_long = FALSE;

  for (const char *p = value; ; p++)
    {
      char c = *p;
      gboolean boundary = !g_ascii_isalnum (c) ||
                          (n > 0 && g_ascii_isupper (c) && g_ascii_islower (p[-1]));

      if (boundary)
        {
          if (n > 0 && !too_long)
            {
              word[n] = '\0';
              hint |= hint_of_word (word);
            }
          n = 0;
          too_long = FALSE;
          if (c == '\0')
            break;
          if (!g_ascii_isalnum (c))
            continue;
        }

      if (n + 1 < sizeof word)
        word[n++] = g_ascii_tolower (c);
      else
        too_long = TRUE;
    }

  return hint;
}

/* Whether an id is a heading turned into words joined by hyphens: four words or
 * more, one of them a little word of prose. */
static gboolean
is_heading_slug (const char *value)
{
  static const char * const little[] = { "a", "an", "the", "with", "of", "to", "in", "for", "and", "on",
                                          "is", "at", "by", "from", "your", "how", "what", "why", NULL };
  g_auto(GStrv) words = g_strsplit_set (value, "-_", -1);
  gboolean has_little = FALSE;

  if (g_strv_length (words) < 4)
    return FALSE;
  for (guint i = 0; words[i] != NULL && !has_little; i++)
    has_little = g_strv_contains (little, words[i]);
  return has_little;
}

/* Whether the space-separated @list contains @word, ignoring case. */
static gboolean
list_contains (const char *list,
               const char *word)
{
  gsize n = strlen (word);

  for (const char *p = list; *p != '\0'; )
    {
      while (g_ascii_isspace (*p))
        p++;
      if (g_ascii_strncasecmp (p, word, n) == 0 && (p[n] == '\0' || g_ascii_isspace (p[n])))
        return TRUE;
      while (*p != '\0' && !g_ascii_isspace (*p))
        p++;
    }

  return FALSE;
}

static const char *
attribute_value (const xmlAttr *attr)
{
  if (attr->children != NULL && attr->children->type == XML_TEXT_NODE && attr->children->content != NULL)
    return (const char *) attr->children->content;
  return "";
}

/* Reads the hints of an element from its attributes, without allocating. */
static guint
element_hints (const xmlNode *node)
{
  guint hint = 0;

  for (const xmlAttr *attr = node->properties; attr != NULL; attr = attr->next)
    {
      const char *name = (const char *) attr->name;
      const char *value = attribute_value (attr);

      if (g_ascii_strcasecmp (name, "class") == 0)
        {
          hint |= hint_of_names (value);
          if (list_contains (value, "sr-only") || list_contains (value, "visually-hidden") ||
              list_contains (value, "visuallyhidden") || list_contains (value, "screen-reader-text") ||
              list_contains (value, "hidden") || list_contains (value, "offscreen") ||
              list_contains (value, "element-invisible"))
            hint |= HINT_HIDDEN;
        }
      else if (g_ascii_strcasecmp (name, "id") == 0)
        {
          /* An id made from a heading ("sharing-with-a-single-developer") says
           * nothing about what the element is for. */
          if (!is_heading_slug (value))
            hint |= hint_of_names (value);
        }
      else if (g_ascii_strcasecmp (name, "role") == 0)
        {
          if (list_contains (value, "navigation") || list_contains (value, "menu") ||
              list_contains (value, "menubar") || list_contains (value, "search") ||
              list_contains (value, "dialog") || list_contains (value, "alertdialog"))
            hint |= HINT_JUNK;
          else if (list_contains (value, "banner") || list_contains (value, "contentinfo") ||
                   list_contains (value, "complementary") || list_contains (value, "toolbar"))
            hint |= HINT_NEGATIVE;
          else if (list_contains (value, "main") || list_contains (value, "article"))
            hint |= HINT_STRONG_POS;
        }
      else if (g_ascii_strcasecmp (name, "itemprop") == 0)
        {
          if (list_contains (value, "articleBody") || list_contains (value, "text"))
            hint |= HINT_STRONG_POS;
          else if (list_contains (value, "author") || list_contains (value, "creator"))
            hint |= HINT_BYLINE;
          else if (list_contains (value, "datePublished"))
            hint |= HINT_DATE;
        }
      else if (g_ascii_strcasecmp (name, "rel") == 0)
        {
          if (list_contains (value, "author"))
            hint |= HINT_BYLINE;
        }
      else if (g_ascii_strcasecmp (name, "hidden") == 0)
        hint |= HINT_HIDDEN;
      else if (g_ascii_strcasecmp (name, "aria-hidden") == 0)
        {
          if (g_ascii_strcasecmp (value, "true") == 0)
            hint |= HINT_HIDDEN;
        }
      else if (g_ascii_strcasecmp (name, "style") == 0)
        {
          char squeezed[256];
          gsize n = 0;

          for (const char *p = value; *p != '\0' && n + 1 < sizeof squeezed; p++)
            if (!g_ascii_isspace (*p))
              squeezed[n++] = g_ascii_tolower (*p);
          squeezed[n] = '\0';
          if (strstr (squeezed, "display:none") != NULL || strstr (squeezed, "visibility:hidden") != NULL)
            hint |= HINT_HIDDEN;
        }
    }

  /* Names that say both (e.g. "article-comments", "story-related") are boilerplate;
   * "main-sidebar" is still a sidebar, "content-header" still content. */
  if ((hint & HINT_POSITIVE) && (hint & HINT_NEGATIVE))
    hint &= ~HINT_NEGATIVE;

  return hint;
}

/* What is known about one element, kept in node->_private. */
typedef struct
{
  guint   tag;            /* TagFlags */
  guint   hint;           /* HintFlags */
  gboolean set_aside;     /* not content, by its tag, visibility or name */
  gboolean holds_best;    /* holds the article as found before setting aside by name */
  guint   chars;          /* visible characters (not spaces) below */
  guint   link_chars;     /* of which inside links */
  guint   own_chars;      /* in text whose nearest block is this element */
  guint   own_link_chars;
  guint   own_commas;
  guint   own_stops;      /* sentence ends */
  guint   own_code;       /* weight of characters of program code: { } = ; … */
  guint   stops;          /* sentence ends below */
  guint   prose;          /* characters below in blocks that read as prose */
  guint   inputs;         /* form controls below */
  guint   items;          /* list items below */
  guint   parts;          /* children with text: elements and text nodes */
  double  points;         /* gathered from the text blocks below */
} Info;

#define INFO(node) ((Info *) (node)->_private)

typedef struct
{
  /* The metadata, each with the rank of the source that gave it */
  char       *title;
  GArray     *titles;          /* of TitleCandidate */
  char       *doc_title;
  char       *byline;          int byline_rank;
  char       *site_name;       int site_name_rank;
  char       *published;       int published_rank;
  char       *url;             int url_rank;
  char       *language;        int language_rank;
  char       *description;     int description_rank;
  char       *base_url;
  GPtrArray  *h1s;             /* texts of the page's <h1>s */

  /* The article */
  Info       *infos;
  guint       n_infos;
  guint       page_prose;
  GPtrArray  *paragraphs;
  GString    *current;
  const char *pending_prefix;  /* "• " for the next paragraph of a list item */
  char        prefix_buffer[16];
  guint       pre_depth;
  xmlNode    *article;         /* the element chosen as the article's container */
} Extractor;

/* Keeps @value in *@field when @rank beats the rank it has. */
static void
offer (char       **field,
       int         *field_rank,
       const char  *value,
       int          rank)
{
  char *clean;

  if (rank <= *field_rank || value == NULL)
    return;
  clean = clean_string (value);
  if (clean == NULL)
    return;

  g_free (*field);
  *field = clean;
  *field_rank = rank;
}

/* Dates */

static int
month_from_name (const char *p)
{
  static const char * const months[] = {
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"
  };

  for (guint i = 0; i < G_N_ELEMENTS (months); i++)
    if (g_ascii_strncasecmp (p, months[i], 3) == 0)
      return i + 1;
  return 0;
}

static gboolean
read_number (const char **p,
             guint        digits,
             int         *value)
{
  int v = 0;

  for (guint i = 0; i < digits; i++)
    {
      if (!g_ascii_isdigit ((*p)[i]))
        return FALSE;
      v = v * 10 + (*p)[i] - '0';
    }
  *p += digits;
  *value = v;
  return TRUE;
}

static char *
format_day (int year,
            int month,
            int day)
{
  if (year < 1900 || year > 2200 || !g_date_valid_dmy (day, month, year))
    return NULL;
  return g_strdup_printf ("%04d-%02d-%02d", year, month, day);
}

/* "2015-07-24T05:36:09+01:00", "2015-07-24 05:36:09Z", "2015-07-24T05:36:09.000Z",
 * "20150724", "2015-07-24": the UTC time when the zone is given, else the day. */
static char *
parse_iso_date (const char *s)
{
  const char *p = s;
  int year, month, day, hour = 0, minute = 0, second = 0;
  int offset = 0;
  gboolean zoned = FALSE;

  if (!read_number (&p, 4, &year))
    return NULL;
  if (*p == '-' || *p == '/')
    {
      char sep = *p++;

      if (!read_number (&p, 2, &month) || *p++ != sep || !read_number (&p, 2, &day))
        return NULL;
    }
  else if (!read_number (&p, 2, &month) || !read_number (&p, 2, &day))
    return NULL;

  if ((*p == 'T' || *p == ' ') && g_ascii_isdigit (p[1]))
    {
      p++;
      if (!read_number (&p, 2, &hour) || *p++ != ':' || !read_number (&p, 2, &minute))
        return format_day (year, month, day);
      if (*p == ':' && !(p++, read_number (&p, 2, &second)))
        return format_day (year, month, day);
      if (*p == '.' || *p == ',')
        for (p++; g_ascii_isdigit (*p); p++)
          ;
      while (*p == ' ')
        p++;
      if (*p == 'Z' || *p == 'z' || g_str_has_prefix (p, "UTC") || g_str_has_prefix (p, "GMT"))
        zoned = TRUE;
      else if (*p == '+' || *p == '-')
        {
          int sign = *p++ == '-' ? -1 : 1;
          int oh = 0, om = 0;

          if (read_number (&p, 2, &oh))
            {
              if (*p == ':')
                p++;
              if (!read_number (&p, 2, &om))
                om = 0;
              offset = sign * (oh * 3600 + om * 60);
              zoned = oh <= 14 && om < 60;
            }
        }
    }

  if (!zoned || hour > 23 || minute > 59 || second > 60)
    return format_day (year, month, day);

  {
    g_autofree char *day_only = format_day (year, month, day);
    g_autoptr(GDateTime) local = NULL;
    g_autoptr(GDateTime) utc = NULL;

    if (day_only == NULL)
      return NULL;
    local = g_date_time_new_utc (year, month, day, hour, minute, MIN (second, 59));
    if (local == NULL)
      return g_steal_pointer (&day_only);
    utc = g_date_time_add_seconds (local, -offset);
    return g_date_time_format (utc, "%Y-%m-%dT%H:%M:%SZ");
  }
}

/* "Fri, 24 Jul 2015 05:36:09 GMT", "July 24, 2015", "24 July 2015": the day. */
static char *
parse_written_date (const char *s)
{
  int year = 0, month = 0, day = 0;

  for (const char *p = s; *p != '\0'; )
    {
      if (g_ascii_isalpha (*p))
        {
          const char *start = p;

          while (g_ascii_isalpha (*p))
            p++;
          if (month == 0 && p - start >= 3)
            month = month_from_name (start);
          continue;
        }
      if (g_ascii_isdigit (*p))
        {
          const char *start = p;
          int v = 0;

          /* A number of five digits or more is none of these: not read on. */
          while (g_ascii_isdigit (*p))
            {
              if (p - start < 5)
                v = v * 10 + (*p - '0');
              p++;
            }
          if (p - start == 4 && year == 0)
            year = v;
          else if (p - start <= 2 && day == 0 && *p != ':' && v >= 1 && v <= 31)
            day = v;
          else if (*p == ':')
            while (*p == ':' || g_ascii_isdigit (*p))
              p++;
          continue;
        }
      p++;
    }

  if (year == 0 || month == 0 || day == 0)
    return NULL;
  return format_day (year, month, day);
}

static char *
normalise_date (const char *value)
{
  g_autofree char *s = clean_string (value);
  char *date;

  if (s == NULL)
    return NULL;
  date = parse_iso_date (s);
  if (date == NULL)
    date = parse_written_date (s);
  return date;
}

static void
offer_date (Extractor  *ex,
            const char *value,
            int         rank)
{
  g_autofree char *date = NULL;

  if (rank <= ex->published_rank || value == NULL)
    return;
  date = normalise_date (value);
  if (date == NULL)
    return;

  /* A day does not replace a time on that day that a weaker source gave. */
  if (strlen (date) == 10 && ex->published != NULL && g_str_has_prefix (ex->published, date))
    {
      ex->published_rank = rank;
      return;
    }
  offer (&ex->published, &ex->published_rank, date, rank);
}

/* URLs */

static void
offer_url (Extractor  *ex,
           const char *value,
           int         rank)
{
  g_autofree char *clean = clean_string (value);
  g_autofree char *absolute = NULL;
  const char *base = ex->base_url;

  if (clean == NULL || rank <= ex->url_rank)
    return;

  if (g_str_has_prefix (clean, "//"))
    absolute = g_strconcat ("https:", clean, NULL);
  else if (g_uri_is_valid (clean, G_URI_FLAGS_NONE, NULL))
    absolute = g_strdup (clean);
  else if (base != NULL)
    absolute = g_uri_resolve_relative (base, clean, G_URI_FLAGS_NONE, NULL);

  if (absolute != NULL &&
      (g_ascii_strncasecmp (absolute, "http://", 7) == 0 || g_ascii_strncasecmp (absolute, "https://", 8) == 0))
    offer (&ex->url, &ex->url_rank, absolute, rank);
}

/* Bylines */

/* Whether the word at @p starts a date: "May 20", "20 May", "2019", "12:30"… */
static gboolean
starts_date (const char *p)
{
  const char *q = p;

  if (g_ascii_isdigit (*p))
    return TRUE;
  while (g_ascii_isalpha (*q))
    q++;
  if (q - p >= 3 && month_from_name (p) != 0 &&
      (q - p == 3 || g_ascii_strncasecmp (p, "june", 4) == 0 || g_ascii_strncasecmp (p, "july", 4) == 0 ||
       q - p >= 5 || g_ascii_strncasecmp (p, "sept", 4) == 0))
    {
      while (*q == '.' || *q == ' ')
        q++;
      return g_ascii_isdigit (*q);
    }
  return FALSE;
}

/* "By Jane Smith and John Doe, Reuters" → "Jane Smith and John Doe, Reuters";
 * "Jane Smith | May 20, 2019" → "Jane Smith". NULL when it does not look like a
 * name (a URL, a sentence, too long). */
static char *
clean_byline (const char *value)
{
  static const char * const prefixes[] = { "by ", "by:", "written by ", "words by ", "posted by ",
                                           "von ", "par ", "por ", "di ", "door ", NULL };
  static const char * const stops[] = { " | ", "|", "•", "·", " — ", " – ", " - ", "\n", NULL };
  static const char * const trailing[] = { " on", " updated", " published", " posted", " at", NULL };
  g_autofree char *s = clean_string (value);
  GString *out;
  const char *p;

  if (s == NULL || strstr (s, "://") != NULL || g_str_has_prefix (s, "www.") || s[0] == '@')
    return NULL;

  p = s;
  for (guint i = 0; prefixes[i] != NULL; i++)
    if (g_ascii_strncasecmp (p, prefixes[i], strlen (prefixes[i])) == 0)
      {
        p += strlen (prefixes[i]);
        while (*p == ' ')
          p++;
        break;
      }

  out = g_string_new (p);

  /* "Last updated: …", "Published 3 May": no name there. */
  {
    static const char * const dates[] = { "last updated", "updated", "published", "posted", NULL };
    g_autofree char *lower = g_ascii_strdown (out->str, -1);

    for (guint i = 0; dates[i] != NULL; i++)
      {
        const char *at = strstr (lower, dates[i]);

        if (at != NULL && (at == lower || at[-1] == ' '))
          {
            g_string_truncate (out, at - lower);
            g_free (lower);
            lower = g_ascii_strdown (out->str, -1);
          }
      }
  }

  /* The name ends where the date or the role begins. */
  for (guint i = 0; stops[i] != NULL; i++)
    {
      const char *at = strstr (out->str, stops[i]);

      if (at != NULL && at > out->str)
        g_string_truncate (out, at - out->str);
    }
  for (gsize i = 0; i < out->len; i++)
    if ((i == 0 || out->str[i - 1] == ' ' || out->str[i - 1] == ',') && starts_date (out->str + i))
      {
        g_string_truncate (out, i);
        break;
      }

  for (gboolean again = TRUE; again; )
    {
      again = FALSE;
      while (out->len > 0 && strchr (" ,;:-", out->str[out->len - 1]) != NULL)
        g_string_truncate (out, out->len - 1);
      for (guint i = 0; trailing[i] != NULL; i++)
        if (out->len > strlen (trailing[i]) &&
            g_ascii_strcasecmp (out->str + out->len - strlen (trailing[i]), trailing[i]) == 0)
          {
            g_string_truncate (out, out->len - strlen (trailing[i]));
            again = TRUE;
          }
    }

  if (out->len == 0 || g_utf8_strlen (out->str, -1) > 100 || !g_unichar_isalpha (g_utf8_get_char (out->str)))
    {
      g_string_free (out, TRUE);
      return NULL;
    }
  return g_string_free (out, FALSE);
}

static void
offer_byline (Extractor  *ex,
              const char *value,
              int         rank)
{
  g_autofree char *byline = NULL;

  if (rank <= ex->byline_rank || value == NULL)
    return;
  byline = clean_byline (value);
  offer (&ex->byline, &ex->byline_rank, byline, rank);
}

/* Titles the page declares (JSON-LD, Open Graph…): all are kept, the choice is
 * made once <title> is known (choose_title). */
typedef struct
{
  int   rank;
  char *text;
} TitleCandidate;

static void
offer_title (Extractor  *ex,
             const char *value,
             int         rank)
{
  g_autofree char *decoded = NULL;
  TitleCandidate candidate;

  if (value == NULL)
    return;
  decoded = decode_entities (value);
  candidate.text = clean_string (decoded);
  if (candidate.text == NULL)
    return;
  candidate.rank = rank;
  g_array_append_val (ex->titles, candidate);
}

static void
title_candidate_clear (gpointer data)
{
  g_free (((TitleCandidate *) data)->text);
}

static int
compare_title_candidates (gconstpointer a,
                          gconstpointer b)
{
  return ((const TitleCandidate *) b)->rank - ((const TitleCandidate *) a)->rank;
}

/* JSON-LD */

static const char *
json_string_member (JsonObject *object,
                    const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

/* The "name" of an object, or the string itself; NULL otherwise. */
static const char *
json_name (JsonNode *node)
{
  if (node == NULL)
    return NULL;
  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    return json_node_get_string (node);
  if (JSON_NODE_HOLDS_OBJECT (node))
    return json_string_member (json_node_get_object (node), "name");
  return NULL;
}

static gboolean
is_article_type (const char *type)
{
  return type != NULL &&
         (g_str_has_suffix (type, "Article") || g_str_has_suffix (type, "BlogPosting") ||
          g_str_equal (type, "Report") || g_str_equal (type, "SocialMediaPosting") ||
          g_str_has_suffix (type, ":Article"));
}

static gboolean
json_has_article_type (JsonObject *object)
{
  JsonNode *type = json_object_get_member (object, "@type");

  if (type == NULL)
    return FALSE;
  if (JSON_NODE_HOLDS_VALUE (type) && json_node_get_value_type (type) == G_TYPE_STRING)
    return is_article_type (json_node_get_string (type));
  if (JSON_NODE_HOLDS_ARRAY (type))
    {
      JsonArray *types = json_node_get_array (type);

      for (guint i = 0; i < json_array_get_length (types); i++)
        {
          JsonNode *t = json_array_get_element (types, i);

          if (JSON_NODE_HOLDS_VALUE (t) && json_node_get_value_type (t) == G_TYPE_STRING &&
              is_article_type (json_node_get_string (t)))
            return TRUE;
        }
    }
  return FALSE;
}

static void
offer_json_string (char       **field,
                   int         *rank,
                   const char  *value,
                   int          new_rank)
{
  g_autofree char *decoded = NULL;

  if (value == NULL || new_rank <= *rank)
    return;
  decoded = decode_entities (value);
  offer (field, rank, decoded, new_rank);
}

static void
read_json_ld_article (Extractor  *ex,
                      JsonObject *object)
{
  JsonNode *author = json_object_get_member (object, "author");
  JsonNode *publisher = json_object_get_member (object, "publisher");
  JsonNode *page = json_object_get_member (object, "mainEntityOfPage");
  const char *headline = json_string_member (object, "headline");

  if (headline == NULL)
    headline = json_string_member (object, "name");
  offer_title (ex, headline, 60);
  /* Some pages give a description as the headline and the headline as the name. */
  offer_title (ex, json_string_member (object, "name"), 58);
  offer_json_string (&ex->description, &ex->description_rank, json_string_member (object, "description"), 55);
  offer_json_string (&ex->language, &ex->language_rank, json_string_member (object, "inLanguage"), 45);
  offer_date (ex, json_string_member (object, "datePublished"), 60);
  offer_date (ex, json_string_member (object, "dateCreated"), 25);
  offer_url (ex, json_string_member (object, "url"), 40);
  if (page != NULL && JSON_NODE_HOLDS_OBJECT (page))
    offer_url (ex, json_string_member (json_node_get_object (page), "@id"), 40);
  else if (page != NULL)
    offer_url (ex, json_name (page), 40);

  if (publisher != NULL)
    offer_json_string (&ex->site_name, &ex->site_name_rank, json_name (publisher), 50);

  if (author != NULL && ex->byline_rank < 60)
    {
      g_autoptr(GString) names = g_string_new (NULL);

      if (JSON_NODE_HOLDS_ARRAY (author))
        {
          JsonArray *authors = json_node_get_array (author);

          for (guint i = 0; i < json_array_get_length (authors); i++)
            {
              const char *name = json_name (json_array_get_element (authors, i));

              if (name != NULL && name[0] != '\0')
                g_string_append_printf (names, "%s%s", names->len > 0 ? ", " : "", name);
            }
        }
      else if (json_name (author) != NULL)
        g_string_append (names, json_name (author));

      if (names->len > 0)
        {
          g_autofree char *decoded = decode_entities (names->str);

          offer_byline (ex, decoded, 60);
        }
    }
}

static void
read_json_ld_node (Extractor *ex,
                   JsonNode  *node,
                   guint      depth)
{
  if (node == NULL || depth > 4)
    return;

  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        read_json_ld_node (ex, json_array_get_element (array, i), depth + 1);
    }
  else if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObject *object = json_node_get_object (node);

      if (json_has_article_type (object))
        read_json_ld_article (ex, object);
      if (json_object_has_member (object, "@graph"))
        read_json_ld_node (ex, json_object_get_member (object, "@graph"), depth + 1);
    }
}

static void
read_json_ld (Extractor  *ex,
              const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *trimmed = g_strdup (text);
  char *start = g_strstrip (trimmed);
  gsize len;

  static const char * const openings[] = { "<!--", "//<![CDATA[", "/*<![CDATA[*/", "<![CDATA[", NULL };
  static const char * const closings[] = { "-->", "//]]>", "/*]]>*/", "]]>", ";", NULL };

  /* Some pages wrap it in a comment or a CDATA marker. */
  for (gboolean again = TRUE; again; )
    {
      again = FALSE;
      for (guint i = 0; openings[i] != NULL; i++)
        if (g_str_has_prefix (start, openings[i]))
          {
            start = g_strchug (start + strlen (openings[i]));
            again = TRUE;
          }
      for (guint i = 0; closings[i] != NULL; i++)
        if (g_str_has_suffix (start, closings[i]))
          {
            len = strlen (start);
            start[len - strlen (closings[i])] = '\0';
            g_strchomp (start);
            again = TRUE;
          }
    }

  if (_attache_json_too_deep (start, strlen (start)) ||
      !json_parser_load_from_data (parser, start, -1, NULL))
    return;
  read_json_ld_node (ex, json_parser_get_root (parser), 0);
}

/* Metadata */

static char *
get_attribute (const xmlNode *node,
               const char    *name)
{
  for (const xmlAttr *attr = node->properties; attr != NULL; attr = attr->next)
    if (g_ascii_strcasecmp ((const char *) attr->name, name) == 0)
      {
        xmlChar *value = xmlNodeGetContent ((const xmlNode *) attr);
        char *copy = g_strdup ((const char *) value);

        xmlFree (value);
        return copy;
      }

  return NULL;
}

static gboolean
name_is (const xmlNode *node,
         const char    *name)
{
  return g_str_equal ((const char *) node->name, name);
}

/* The visible text of an element, white space collapsed; NULL when there is none. */
static char *
element_text (xmlNode *node)
{
  xmlChar *content = xmlNodeGetContent (node);
  char *text = clean_string ((const char *) content);

  xmlFree (content);
  return text;
}

static void
read_meta (Extractor     *ex,
           const xmlNode *node)
{
  g_autofree char *property = get_attribute (node, "property");
  g_autofree char *name = get_attribute (node, "name");
  g_autofree char *itemprop = get_attribute (node, "itemprop");
  g_autofree char *http_equiv = get_attribute (node, "http-equiv");
  g_autofree char *content = get_attribute (node, "content");
  const char *keys[3] = { NULL, NULL, NULL };

  if (content == NULL)
    return;

  if (http_equiv != NULL && g_ascii_strcasecmp (http_equiv, "content-language") == 0)
    offer (&ex->language, &ex->language_rank, content, 50);

  /* property="og:title twitter:title" names several at once. */
  keys[0] = property;
  keys[1] = name;
  keys[2] = itemprop;
  for (guint k = 0; k < G_N_ELEMENTS (keys); k++)
    {
      g_auto(GStrv) names = NULL;

      if (keys[k] == NULL)
        continue;
      names = g_strsplit_set (keys[k], " \t\n", -1);
      for (guint i = 0; names[i] != NULL; i++)
        {
          g_autofree char *key = g_ascii_strdown (names[i], -1);

          if (key[0] == '\0')
            continue;
          if (g_str_equal (key, "og:title"))
            offer_title (ex, content, 50);
          else if (g_str_equal (key, "dc.title") || g_str_equal (key, "dcterm:title") ||
                   g_str_equal (key, "dcterms.title") || g_str_equal (key, "dc:title"))
            offer_title (ex, content, 55);
          else if (g_str_equal (key, "twitter:title") || g_str_equal (key, "parsely-title") ||
                   g_str_equal (key, "sailthru.title") || g_str_equal (key, "headline"))
            offer_title (ex, content, 40);
          else if (g_str_equal (key, "og:site_name"))
            offer (&ex->site_name, &ex->site_name_rank, content, 60);
          else if (g_str_equal (key, "application-name") || g_str_equal (key, "al:android:app_name") ||
                   g_str_equal (key, "al:iphone:app_name"))
            offer (&ex->site_name, &ex->site_name_rank, content, 20);
          else if (g_str_equal (key, "dc.creator") || g_str_equal (key, "dcterm:creator") ||
                   g_str_equal (key, "dc:creator") || g_str_equal (key, "dcterms.creator"))
            offer_byline (ex, content, 52);
          else if (g_str_equal (key, "author"))
            offer_byline (ex, content, 50);
          else if (g_str_equal (key, "article:author") || g_str_equal (key, "og:article:author") ||
                   g_str_equal (key, "parsely-author") || g_str_equal (key, "sailthru.author") ||
                   g_str_equal (key, "byl") || g_str_equal (key, "citation_author") ||
                   g_str_equal (key, "article:author_name"))
            offer_byline (ex, content, 45);
          else if (g_str_equal (key, "article:published_time") || g_str_equal (key, "article:published") ||
                   g_str_equal (key, "og:article:published_time") || g_str_equal (key, "datepublished") ||
                   g_str_equal (key, "published_time"))
            offer_date (ex, content, 60);
          else if (g_str_equal (key, "parsely-pub-date") || g_str_equal (key, "sailthru.date") ||
                   g_str_equal (key, "citation_publication_date") || g_str_equal (key, "citation_date"))
            offer_date (ex, content, 50);
          else if (g_str_equal (key, "date") || g_str_equal (key, "dc.date") || g_str_equal (key, "dc.date.issued") ||
                   g_str_equal (key, "dcterms.created") || g_str_equal (key, "dcterms.issued") ||
                   g_str_equal (key, "dc:date") || g_str_equal (key, "pubdate") || g_str_equal (key, "publish-date") ||
                   g_str_equal (key, "publishdate") || g_str_equal (key, "article.published") ||
                   g_str_equal (key, "original-publish-date") || g_str_equal (key, "pdate"))
            offer_date (ex, content, 40);
          else if (g_str_equal (key, "og:url"))
            offer_url (ex, content, 50);
          else if (g_str_equal (key, "og:locale") || g_str_equal (key, "inlanguage") || g_str_equal (key, "language") ||
                   g_str_equal (key, "dc.language"))
            {
              g_autofree char *tag = g_strdup (content);

              g_strdelimit (tag, "_", '-');
              offer (&ex->language, &ex->language_rank, tag, 40);
            }
          else if (g_str_equal (key, "og:description"))
            offer (&ex->description, &ex->description_rank, content, 60);
          else if (g_str_equal (key, "description") || g_str_equal (key, "dc.description"))
            offer (&ex->description, &ex->description_rank, content, 50);
          else if (g_str_equal (key, "twitter:description"))
            offer (&ex->description, &ex->description_rank, content, 40);
        }
    }
}

/* One walk over the whole document for what it says about itself. */
static void
read_metadata (Extractor *ex,
               xmlNode   *node,
               guint      depth)
{
  for (; node != NULL; node = node->next)
    {
      if (node->type != XML_ELEMENT_NODE)
        continue;

      if (name_is (node, "meta"))
        read_meta (ex, node);
      else if (name_is (node, "link"))
        {
          g_autofree char *rel = get_attribute (node, "rel");
          g_autofree char *href = get_attribute (node, "href");

          if (rel != NULL && href != NULL && list_contains (rel, "canonical"))
            offer_url (ex, href, 60);
        }
      else if (name_is (node, "base") && ex->base_url == NULL)
        {
          g_autofree char *href = get_attribute (node, "href");

          if (href != NULL && g_uri_is_valid (href, G_URI_FLAGS_NONE, NULL))
            ex->base_url = g_steal_pointer (&href);
        }
      else if (name_is (node, "script"))
        {
          g_autofree char *type = get_attribute (node, "type");

          if (type != NULL && g_ascii_strcasecmp (g_strstrip (type), "application/ld+json") == 0)
            {
              xmlChar *content = xmlNodeGetContent (node);

              if (content != NULL)
                read_json_ld (ex, (const char *) content);
              xmlFree (content);
            }
          continue;
        }
      else if (name_is (node, "title"))
        {
          if (ex->doc_title == NULL)
            ex->doc_title = element_text (node);
          continue;
        }
      else if (name_is (node, "html"))
        {
          g_autofree char *lang = get_attribute (node, "lang");

          if (lang == NULL)
            lang = get_attribute (node, "xml:lang");
          if (lang != NULL)
            {
              g_strdelimit (lang, "_", '-');
              offer (&ex->language, &ex->language_rank, lang, 60);
            }
        }
      else if (name_is (node, "h1"))
        {
          char *text = element_text (node);

          if (text != NULL && ex->h1s->len < 8)
            g_ptr_array_add (ex->h1s, text);
          else
            g_free (text);
          continue;
        }
      else if (name_is (node, "time"))
        {
          g_autofree char *datetime = get_attribute (node, "datetime");
          g_autofree char *itemprop = get_attribute (node, "itemprop");
          g_autofree char *pubdate = get_attribute (node, "pubdate");

          if (datetime != NULL &&
              ((itemprop != NULL && list_contains (itemprop, "datePublished")) ||
               (pubdate != NULL && (pubdate[0] == '\0' || g_ascii_strcasecmp (pubdate, "pubdate") == 0))))
            offer_date (ex, datetime, 55);
        }
      else if (tag_flags (node) & TAG_SKIP && !name_is (node, "head"))
        continue;

      if (depth < MAX_DEPTH)
        read_metadata (ex, node->children, depth + 1);
    }
}

/* Measuring */

static guint
count_elements (xmlNode *node,
                guint    depth)
{
  guint n = 0;

  for (; node != NULL; node = node->next)
    if (node->type == XML_ELEMENT_NODE)
      n += 1 + (depth < MAX_DEPTH ? count_elements (node->children, depth + 1) : 0);

  return n;
}

static void
attach_infos (Extractor *ex,
              xmlNode   *node,
              guint     *next,
              guint      depth)
{
  for (; node != NULL; node = node->next)
    {
      Info *info;

      if (node->type != XML_ELEMENT_NODE)
        continue;

      g_assert (*next < ex->n_infos);
      info = &ex->infos[(*next)++];
      node->_private = info;
      info->tag = tag_flags (node);
      info->hint = element_hints (node);
      info->set_aside = (info->tag & TAG_SKIP) || (info->hint & HINT_HIDDEN);

      if (depth < MAX_DEPTH)
        attach_infos (ex, node->children, next, depth + 1);
    }
}

/* Counts the visible characters, commas and sentence ends of a text node. */
static void
count_text (const char *text,
            guint      *chars,
            guint      *commas,
            guint      *stops,
            guint      *code)
{
  gunichar previous = 0;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c < 0x80)
        {
          if (g_ascii_isspace (c))
            {
              if (previous == '.' || previous == '!' || previous == '?')
                (*stops)++;
              previous = c;
              continue;
            }
          if (c == ',' || c == ';')
            (*commas)++;
          if (strchr ("{}=<>$|\\", c) != NULL)
            *code += 2;
          else if (c == ';' || c == '(' || c == ')')
            *code += 1;
        }
      else if (is_space (c))
        {
          previous = c;
          continue;
        }
      else if (c == 0xff0c || c == 0x3001 || c == 0x060c)   /* ， 、 ، */
        (*commas)++;
      else if (c == 0x3002 || c == 0xff01 || c == 0xff1f)   /* 。 ！ ？ */
        (*stops)++;

      (*chars)++;
      previous = c;
    }

  if (previous == '.' || previous == '!' || previous == '?')
    (*stops)++;
}

/* A link that goes somewhere: not "javascript:…", which only runs a script. */
static gboolean
is_real_link (xmlNode *node)
{
  xmlAttr *href = xmlHasProp (node, (const xmlChar *) "href");

  return href != NULL && g_ascii_strncasecmp (attribute_value (href), "javascript:", 11) != 0;
}

/* Script or style sheet text that leaked out of its element (or a code listing). */
static gboolean
is_code (const Info *info)
{
  return info->own_code * 10 > info->own_chars;
}

/* Fills the Info of @node's subtree. @block is the nearest block element, which
 * owns the text found inline below it. Elements set aside are not counted. */
static void
measure (Extractor *ex,
         xmlNode   *element,
         Info      *block,
         gboolean   in_link,
         guint      depth)
{
  Info *info = INFO (element);

  info->chars = info->link_chars = info->own_chars = info->own_link_chars = 0;
  info->own_commas = info->own_stops = info->stops = info->prose = info->inputs = info->items = 0;
  info->parts = info->own_code = 0;
  info->points = 0;

  if (depth >= MAX_DEPTH)
    return;

  for (xmlNode *child = element->children; child != NULL; child = child->next)
    {
      if (child->type == XML_TEXT_NODE || child->type == XML_CDATA_SECTION_NODE)
        {
          guint chars = 0, commas = 0, stops = 0, code = 0;

          if (child->content == NULL)
            continue;
          count_text ((const char *) child->content, &chars, &commas, &stops, &code);
          block->own_code += code;
          info->parts += chars > 0;
          info->chars += chars;
          info->stops += stops;
          block->own_chars += chars;
          block->own_commas += commas;
          block->own_stops += stops;
          if (in_link)
            {
              info->link_chars += chars;
              block->own_link_chars += chars;
            }
        }
      else if (child->type == XML_ELEMENT_NODE)
        {
          Info *ci = INFO (child);

          if (ci->tag & TAG_INPUT)
            info->inputs++;
          if (ci->set_aside)
            continue;

          measure (ex, child, (ci->tag & TAG_BLOCK) ? ci : block,
                   in_link || ((ci->tag & TAG_LINK) && is_real_link (child)),
                   depth + 1);

          info->parts += ci->chars > 0;
          info->chars += ci->chars;
          info->link_chars += ci->link_chars;
          info->stops += ci->stops;
          info->prose += ci->prose;
          info->inputs += ci->inputs;
          info->items += ci->items + ((ci->tag & TAG_ITEM) != 0);
        }
    }

  /* A block of prose: long enough, mostly not links. */
  if ((info->tag & TAG_BLOCK) && info->own_chars >= 60 && info->own_link_chars * 3 < info->own_chars &&
      !is_code (info))
    info->prose += info->own_chars - info->own_link_chars;
}

static double
link_density (const Info *info)
{
  return info->chars > 0 ? (double) info->link_chars / info->chars : 0.0;
}

/* Sets aside the elements whose names (or tags: <aside>, <footer>) say boilerplate. */
static void
set_aside_by_name (Extractor *ex,
                   xmlNode   *node,
                   guint      depth)
{
  for (; node != NULL; node = node->next)
    {
      Info *info;

      if (node->type != XML_ELEMENT_NODE)
        continue;
      info = INFO (node);
      if (info->set_aside)
        continue;

      if (!(info->tag & TAG_LANDMARK) && !(info->hint & HINT_STRONG_POS))
        {
          /* Kept whatever else its name says: a wrapper of (nearly) all the page's
           * prose, one of the article as a first look found it, or a box named for
           * content that reads as text ("text-wrapper" with a share button's id). */
          gboolean keep = info->prose > 0 &&
                          (info->prose * 100 >= ex->page_prose * 85 ||
                           (info->holds_best && !(info->hint & HINT_JUNK)) ||
                           ((info->hint & HINT_POSITIVE) && info->prose >= 400 && link_density (info) < 0.25));
          gboolean boilerplate = (info->hint & HINT_JUNK) ||
                                 ((info->hint & HINT_NEGATIVE) && !(info->hint & HINT_POSITIVE)) ||
                                 ((name_is (node, "aside") || name_is (node, "footer")) &&
                                  !(info->hint & HINT_POSITIVE));

          if (boilerplate && !keep)
            {
              info->set_aside = TRUE;
              continue;
            }
        }

      if (depth < MAX_DEPTH)
        set_aside_by_name (ex, node->children, depth + 1);
    }
}

/* Scoring */

/* The points a text block earns for its own text. */
static double
block_points (const Info *info)
{
  double density, points;

  if (info->own_chars < 25 || (info->tag & TAG_HEADING) || is_code (info))
    return 0.0;

  density = (double) info->own_link_chars / info->own_chars;
  if (density > 0.5)
    return 0.0;

  points = 1.0 + MIN (info->own_chars / 100.0, 4.0) + 0.5 * MIN (info->own_commas, 10u) +
           0.4 * MIN (info->own_stops, 10u);
  points *= (1.0 - density) * (1.0 - density);

  if (info->tag & (TAG_ITEM | TAG_CELL))
    points *= 0.6;
  if (info->tag & TAG_CAPTION || info->hint & (HINT_CAPTION | HINT_BYLINE))
    points *= 0.2;

  return points;
}

static gboolean
may_hold_article (const Info *info)
{
  return (info->tag & TAG_CONTAINER) && !info->set_aside;
}

static void
gather_points (Extractor *ex,
               xmlNode   *node,
               guint      depth)
{
  for (; node != NULL; node = node->next)
    {
      Info *info;
      double points;

      if (node->type != XML_ELEMENT_NODE)
        continue;
      info = INFO (node);
      if (info->set_aside)
        continue;

      if ((info->tag & TAG_BLOCK) && (points = block_points (info)) > 0)
        {
          xmlNode *target = node;
          double share = 1.0;
          guint level = 0;

          /* A paragraph's points go to its container, a container's own text to itself;
           * then half to the next container up, a quarter to the one above. Wrappers
           * (an element whose only content is the one below) get the same share as
           * what they wrap, so that paragraphs each wrapped in their own few <div>s
           * still add up in the element that holds them all. */
          if (info->tag & TAG_PARAGRAPH)
            target = node->parent;
          for (guint steps = 0; target != NULL && target->type == XML_ELEMENT_NODE && steps < 12; steps++)
            {
              xmlNode *parent = target->parent;

              INFO (target)->points += points * share;
              if (parent == NULL || parent->type != XML_ELEMENT_NODE)
                break;
              if (INFO (parent)->parts > 1)
                {
                  if (++level == 3)
                    break;
                  share /= 2;
                }
              target = parent;
            }
        }

      if (depth < MAX_DEPTH)
        gather_points (ex, node->children, depth + 1);
    }
}

static double
container_score (const Info *info)
{
  double score = info->points * (1.0 - link_density (info));

  if (info->hint & HINT_STRONG_POS)
    score *= 1.5;
  else if (info->hint & HINT_POSITIVE)
    score *= 1.25;
  if (info->hint & (HINT_NEGATIVE | HINT_JUNK))
    score *= 0.6;
  if (info->hint & (HINT_BYLINE | HINT_CAPTION))
    score *= 0.5;
  return score;
}

static void
find_best (xmlNode  *node,
           xmlNode **best,
           double   *best_score,
           guint     depth)
{
  for (; node != NULL; node = node->next)
    {
      Info *info;

      if (node->type != XML_ELEMENT_NODE)
        continue;
      info = INFO (node);
      if (info->set_aside)
        continue;

      if (may_hold_article (info) && info->points > 0)
        {
          double score = container_score (info);

          /* On a tie, the innermost of nested wrappers. */
          if (score >= *best_score)
            {
              *best_score = score;
              *best = node;
            }
        }

      if (depth < MAX_DEPTH)
        find_best (node->children, best, best_score, depth + 1);
    }
}

static gboolean
same_class (xmlNode *a,
            xmlNode *b)
{
  g_autofree char *ca = get_attribute (a, "class");
  g_autofree char *cb = get_attribute (b, "class");

  return ca != NULL && cb != NULL && ca[0] != '\0' && g_str_equal (ca, cb);
}

/* Whether a sibling of the article's container continues the article. */
static gboolean
continues_article (xmlNode *sibling,
                   xmlNode *best,
                   double   best_score)
{
  Info *info = INFO (sibling);
  double density;

  if (info->set_aside || info->chars == 0)
    return FALSE;

  density = link_density (info);
  if (may_hold_article (info) && info->points > 0)
    {
      double score = container_score (info);

      if (score >= best_score * 0.2 || (same_class (sibling, best) && score >= best_score * 0.05))
        return TRUE;
    }

  if (info->tag & TAG_PARAGRAPH && !(info->tag & TAG_HEADING))
    {
      if (info->own_chars >= 80 && density < 0.25)
        return TRUE;
      if (info->own_chars > 0 && density == 0 && info->own_stops > 0)
        return TRUE;
    }

  return FALSE;
}

/* Writing out the text */

static gboolean
is_boilerplate_line (const char *text)
{
  static const char * const lines[] = {
    "advertisement", "advertisements", "advertising", "sponsored", "sponsored content", "ad",
    "continue reading", "continue reading the main story", "continue reading below",
    "story continues below advertisement", "skip to main content", "skip to content",
    "share", "share this", "share this article", "share this story", "share on facebook",
    "share on twitter", "tweet", "email", "print", "comments", "show comments", "read more",
    "related", "related articles", "related stories", "related content", "recommended",
    "you may also like", "more from", "more stories", "most popular", "most read", "trending",
    "sign up", "subscribe", "newsletter", "follow us", "back to top", "cookie settings",
    "accept cookies", "loading", "close", "menu", "photo", "image", "video", "getty images",
    "advertisement continue reading below", "scroll to continue", "we recommend", NULL
  };
  g_autofree char *folded = fold_words (text);

  return folded[0] == '\0' || g_strv_contains (lines, folded);
}

static gboolean
is_boilerplate_heading (const char *text)
{
  static const char * const starts[] = {
    "related", "more from", "more on", "more stories", "you may also", "you might also",
    "recommended", "most popular", "most read", "trending", "comments", "share this",
    "sign up", "newsletter", "read more", "read next", "further reading on", "follow us",
    "about the author", "latest news", "top stories", "what to read next", "we recommend",
    "popular on", "more in", NULL
  };
  g_autofree char *folded = fold_words (text);

  for (guint i = 0; starts[i] != NULL; i++)
    {
      gsize n = strlen (starts[i]);

      /* Whole words: "More in Business", not "More information on the deal". */
      if (strncmp (folded, starts[i], n) == 0 && (folded[n] == '\0' || folded[n] == ' '))
        return TRUE;
    }
  return FALSE;
}

static gboolean
has_letter (const char *text)
{
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    if (g_unichar_isalpha (g_utf8_get_char (p)))
      return TRUE;
  return FALSE;
}

static void
flush_paragraph (Extractor *ex)
{
  g_auto(GStrv) lines = NULL;
  g_autoptr(GString) paragraph = NULL;

  if (ex->current->len == 0)
    return;

  /* Trim each line, drop empty ones (lines come from <br> and <pre>). */
  lines = g_strsplit (ex->current->str, "\n", -1);
  g_string_truncate (ex->current, 0);
  paragraph = g_string_new (NULL);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_autofree char *line = clean_string (lines[i]);

      if (line == NULL)
        continue;
      if (paragraph->len > 0)
        g_string_append_c (paragraph, '\n');
      g_string_append (paragraph, line);
    }

  if (paragraph->len == 0 || is_boilerplate_line (paragraph->str) || !has_letter (paragraph->str))
    return;   /* nothing, boilerplate, or a chart's axis labels ("2018", "$900") */
  if (ex->pre_depth == 0)
    {
      guint chars = 0, commas = 0, stops = 0, code = 0;

      count_text (paragraph->str, &chars, &commas, &stops, &code);
      if (chars >= 40 && code * 10 > chars)
        return;   /* script or CSS text outside a code listing */
    }

  if (ex->pending_prefix != NULL)
    {
      g_string_prepend (paragraph, ex->pending_prefix);
      ex->pending_prefix = NULL;
    }
  g_ptr_array_add (ex->paragraphs, g_string_free (g_steal_pointer (&paragraph), FALSE));
}

static void
append_text (Extractor  *ex,
             const char *text)
{
  GString *cur = ex->current;

  if (ex->pre_depth > 0)
    {
      g_string_append (cur, text);
      return;
    }

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (is_space (c))
        {
          if (cur->len > 0 && cur->str[cur->len - 1] != ' ' && cur->str[cur->len - 1] != '\n')
            g_string_append_c (cur, ' ');
        }
      else if (c < 0x80)
        g_string_append_c (cur, (char) c);
      else
        g_string_append_len (cur, p, g_utf8_next_char (p) - p);
    }
}

/* Whether a block inside the article is boilerplate to leave out. */
static gboolean
is_boilerplate_block (Extractor *ex,
                      xmlNode   *node)
{
  Info *info = INFO (node);
  double density;

  if (info->set_aside)
    return TRUE;
  if (info->chars == 0)
    return FALSE;   /* nothing to write anyway; keeps <br> and friends simple */

  density = link_density (info);

  /* A figure's caption and credit are not the article's text (a table's caption
   * is); a box named "…-no_caption" that holds paragraphs is not a caption. */
  if ((info->tag & TAG_CAPTION && !name_is (node, "caption")) ||
      (info->hint & HINT_CAPTION && info->prose == 0 && info->chars < 250))
    return TRUE;

  /* The byline is metadata, not text. */
  if (info->hint & HINT_BYLINE && info->chars < 120 && info->own_stops <= 1)
    return TRUE;

  if (info->tag & TAG_HEADING)
    {
      g_autofree char *text = element_text (node);

      return text == NULL || density > 0.5 || is_boilerplate_heading (text);
    }

  if (info->tag & TAG_LIST)
    {
      guint items = MAX (info->items, 1u);

      if (density > 0.7)
        return TRUE;
      if (density > 0.3 && info->chars / items < 40)
        return TRUE;
      return FALSE;
    }

  if (info->tag & TAG_TABLE)
    return density > 0.5;

  if (info->inputs > 2 && info->prose * 2 < info->chars)
    return TRUE;

  /* A list item stays when its list does. */
  if (info->tag & TAG_ITEM)
    return FALSE;

  if (info->tag & (TAG_CONTAINER | TAG_PARAGRAPH))
    {
      if (density > 0.5 && info->prose < 200)
        return TRUE;
      if (info->tag & TAG_CONTAINER && info->chars < 100 && info->stops == 0 && density > 0.3)
        return TRUE;
    }

  return FALSE;
}

static void render_children (Extractor *ex, xmlNode *node, guint depth);

static void
render_element (Extractor *ex,
                xmlNode   *node,
                guint      depth)
{
  Info *info = INFO (node);

  if (info == NULL || info->set_aside)
    return;   /* deeper than MAX_DEPTH, or not content */

  if (info->tag & TAG_BR)
    {
      if (ex->current->len > 0 && ex->current->str[ex->current->len - 1] == '\n')
        flush_paragraph (ex);   /* <br><br> ends a paragraph */
      else if (ex->current->len > 0)
        {
          while (ex->current->len > 0 && ex->current->str[ex->current->len - 1] == ' ')
            g_string_truncate (ex->current, ex->current->len - 1);
          g_string_append_c (ex->current, '\n');
        }
      return;
    }

  if (!(info->tag & TAG_BLOCK))
    {
      /* The first <time> of the article dates it when the metadata does not. */
      if (ex->published_rank < 30 && name_is (node, "time"))
        {
          g_autofree char *datetime = get_attribute (node, "datetime");

          offer_date (ex, datetime, 30);
        }

      if (info->chars > 0 && info->hint & HINT_BYLINE && info->chars < 80 && !(info->tag & TAG_LINK) &&
          info->stops == 0)
        {
          /* An inline byline ("<span class=author>") inside a block. */
          return;
        }
      render_children (ex, node, depth + 1);
      return;
    }

  if (is_boilerplate_block (ex, node))
    return;

  if (info->tag & TAG_HEADING && name_is (node, "h1") && ex->title != NULL)
    {
      g_autofree char *text = element_text (node);

      if (text != NULL && same_words (text, ex->title))
        return;   /* the headline is the title, not the text */
    }

  flush_paragraph (ex);

  if (info->tag & TAG_ITEM && name_is (node, "li"))
    {
      xmlNode *list = node->parent;

      if (list != NULL && name_is (list, "ol"))
        {
          guint n = 1;

          for (xmlNode *s = list->children; s != NULL && s != node; s = s->next)
            n += s->type == XML_ELEMENT_NODE && name_is (s, "li");
          g_snprintf (ex->prefix_buffer, sizeof ex->prefix_buffer, "%u. ", n);
          ex->pending_prefix = ex->prefix_buffer;
        }
      else
        ex->pending_prefix = "• ";
    }

  if (info->tag & TAG_PRE)
    ex->pre_depth++;

  if (info->tag & TAG_ROW)
    {
      /* A table row is one paragraph: its cells joined by " | ". */
      gboolean first = TRUE;

      for (xmlNode *cell = node->children; cell != NULL; cell = cell->next)
        {
          if (cell->type != XML_ELEMENT_NODE || INFO (cell) == NULL || INFO (cell)->set_aside)
            continue;
          if (!(INFO (cell)->tag & TAG_CELL))
            continue;
          if (!first && ex->current->len > 0)
            g_string_append (ex->current, " | ");
          first = FALSE;
          render_children (ex, cell, depth + 1);
        }
    }
  else
    render_children (ex, node, depth + 1);

  flush_paragraph (ex);

  if (info->tag & TAG_PRE)
    ex->pre_depth--;
  if (info->tag & TAG_ITEM)
    ex->pending_prefix = NULL;
}

static void
render_children (Extractor *ex,
                 xmlNode   *node,
                 guint      depth)
{
  if (depth >= MAX_DEPTH)
    return;

  for (xmlNode *child = node->children; child != NULL; child = child->next)
    {
      if (child->type == XML_TEXT_NODE || child->type == XML_CDATA_SECTION_NODE)
        {
          if (child->content != NULL)
            append_text (ex, (const char *) child->content);
        }
      else if (child->type == XML_ELEMENT_NODE)
        render_element (ex, child, depth);
    }
}

/* Titles */

static const char * const separators[] = { " | ", " - ", " – ", " — ", " :: ", " · ", " / ", " » ", " « ", " : ", NULL };


/* Letters and digits only, lower-cased and run together, so that "theguardian.com"
 * and "The Guardian" compare. */
static char *
squeeze_words (const char *s)
{
  g_autofree char *folded = fold_words (s);
  GString *out = g_string_sized_new (strlen (folded));

  for (const char *p = folded; *p != '\0'; p++)
    if (*p != ' ')
      g_string_append_c (out, *p);

  return g_string_free (out, FALSE);
}

/* Whether @part names the site @site. */
static gboolean
names_site (const char *part,
            const char *site)
{
  g_autofree char *a = squeeze_words (part);
  g_autofree char *b = squeeze_words (site);

  if (a[0] == '\0' || b[0] == '\0')
    return FALSE;
  return strstr (a, b) != NULL || strstr (b, a) != NULL;
}

static gboolean
names_site_exactly (const char *part,
                    gsize       len,
                    const char *site)
{
  g_autofree char *copy = g_strndup (part, len);

  return same_words (copy, site);
}

/* "Headline | Site" or "Site: Headline" → "Headline", when the other part names @site. */
static char *
strip_site_name (const char *title,
                 const char *site)
{
  if (site == NULL)
    return g_strdup (title);

  for (guint i = 0; separators[i] != NULL; i++)
    {
      const char *first = strstr (title, separators[i]);
      const char *last = first;

      if (first == NULL)
        continue;
      while (strstr (last + 1, separators[i]) != NULL)
        last = strstr (last + 1, separators[i]);

      if (names_site (last + strlen (separators[i]), site))
        {
          g_autofree char *head = g_strndup (title, last - title);

          if (!names_site (head, site) || strlen (head) > strlen (site) + 8)
            return g_strstrip (g_steal_pointer (&head));
        }
      {
        g_autofree char *head = g_strndup (title, first - title);

        if (names_site (head, site) && !names_site (first + strlen (separators[i]), site))
          return g_strstrip (g_strdup (first + strlen (separators[i])));
      }
    }

  /* "Site: Headline" */
  {
    const char *colon = strstr (title, ": ");

    if (colon != NULL && names_site_exactly (title, colon - title, site))
      return g_strstrip (g_strdup (colon + 2));
  }

  return g_strdup (title);
}

/* The site name cannot be recognised: "Headline | Short Name" loses a trailing part
 * of a few words after a headline of several. Sets *@suffix to that part. */
static char *
strip_unknown_suffix (const char  *title,
                      char       **suffix)
{
  static const char * const strong[] = { " | ", " - ", " – ", " — ", " :: ", " » ", NULL };

  for (guint i = 0; strong[i] != NULL; i++)
    {
      const char *last = strstr (title, strong[i]);

      if (last == NULL)
        continue;
      while (strstr (last + 1, strong[i]) != NULL)
        last = strstr (last + 1, strong[i]);

      {
        g_autofree char *head = g_strndup (title, last - title);
        const char *tail = last + strlen (strong[i]);
        g_autofree char *fh = fold_words (head);
        g_autofree char *ft = fold_words (tail);
        guint head_words = count_words (fh);
        guint tail_words = count_words (ft);

        if (tail_words >= 1 && tail_words <= 4 && head_words >= 3 && head_words > tail_words)
          {
            *suffix = g_strdup (tail);
            return g_strstrip (g_steal_pointer (&head));
          }
      }
    }

  return g_strdup (title);
}

/* The share of the words of @a that occur in @b. */
static double
word_overlap (const char *a,
              const char *b)
{
  g_autofree char *fa = fold_words (a);
  g_autofree char *fb = fold_words (b);
  g_auto(GStrv) wa = g_strsplit (fa, " ", -1);
  g_auto(GStrv) wb = g_strsplit (fb, " ", -1);
  guint n = 0, found = 0;

  for (guint i = 0; wa[i] != NULL; i++)
    {
      if (wa[i][0] == '\0')
        continue;
      n++;
      found += g_strv_contains ((const char * const *) wb, wa[i]);
    }

  return n > 0 ? (double) found / n : 0.0;
}

static void
choose_title (Extractor *ex)
{
  char *title = NULL;

  /* The headline the page declares (JSON-LD, Open Graph…), the best-ranked one that
   * agrees with <title>, else the best-ranked; never only the site's name. */
  g_array_sort (ex->titles, compare_title_candidates);
  for (guint pass = 0; pass < 2 && title == NULL; pass++)
    for (guint i = 0; i < ex->titles->len && title == NULL; i++)
      {
        const char *candidate = g_array_index (ex->titles, TitleCandidate, i).text;

        if (ex->site_name != NULL && same_words (candidate, ex->site_name))
          continue;
        if (pass == 0 && ex->doc_title != NULL && word_overlap (candidate, ex->doc_title) < 0.5)
          continue;
        title = strip_site_name (candidate, ex->site_name);
      }

  /* Else its <h1>, if it agrees with <title> (or there is no <title>). */
  if (title == NULL)
    {
      const char *h1 = NULL;
      double best = 0.0;

      for (guint i = 0; i < ex->h1s->len; i++)
        {
          const char *candidate = g_ptr_array_index (ex->h1s, i);
          double overlap = ex->doc_title != NULL ? word_overlap (candidate, ex->doc_title) : 1.0;

          if (overlap >= 0.5 && overlap > best && g_utf8_strlen (candidate, -1) <= 300)
            {
              best = overlap;
              h1 = candidate;
            }
        }
      if (h1 != NULL)
        title = g_strdup (h1);
    }

  /* Else <title>, without the site's name. */
  if (title == NULL && ex->doc_title != NULL)
    {
      title = strip_site_name (ex->doc_title, ex->site_name);
      if (g_str_equal (title, ex->doc_title))
        {
          g_autofree char *suffix = NULL;

          g_free (title);
          title = strip_unknown_suffix (ex->doc_title, &suffix);
          offer (&ex->site_name, &ex->site_name_rank, suffix, 10);
        }
    }

  /* "Headline - Short Name": the short name is the site's, if nothing else says. */
  if (ex->site_name == NULL && ex->doc_title != NULL)
    {
      g_autofree char *suffix = NULL;
      g_autofree char *head = strip_unknown_suffix (ex->doc_title, &suffix);

      if (suffix != NULL && title != NULL && word_overlap (head, title) >= 0.5)
        offer (&ex->site_name, &ex->site_name_rank, suffix, 10);
    }

  g_free (ex->title);
  ex->title = title != NULL && title[0] != '\0' ? title : (g_free (title), NULL);
}

/* The article */

static xmlNode *
find_element (xmlNode    *node,
              const char *name,
              guint       depth)
{
  for (; node != NULL; node = node->next)
    {
      xmlNode *found;

      if (node->type != XML_ELEMENT_NODE)
        continue;
      if (name_is (node, name))
        return node;
      if (depth < 3 && (found = find_element (node->children, name, depth + 1)) != NULL)
        return found;
    }

  return NULL;
}


static double
purity (const Info *info)
{
  return info->chars > 0 ? (double) info->prose / info->chars : 0.0;
}

/* An article cut into sections, each in its own nest of <div>s, has its best
 * section chosen: widen the choice to the ancestor that holds the other sections,
 * as long as what it adds is prose as clean as the section's. */
static xmlNode *
widen_article (xmlNode *best)
{
  Info *info = INFO (best);
  xmlNode *node = best;
  xmlNode *widest = best;

  for (guint steps = 0; steps < 8; steps++)
    {
      xmlNode *parent = node->parent;
      Info *pi;

      if (parent == NULL || parent->type != XML_ELEMENT_NODE || name_is (parent, "html"))
        break;
      pi = INFO (parent);
      {
        /* What the parent adds to the widest choice so far. */
        Info *wi = INFO (widest);
        guint chars = pi->chars - wi->chars;
        guint links = pi->link_chars - wi->link_chars;
        guint prose = pi->prose - wi->prose;

        if (prose * 10 >= wi->prose && chars > 0 &&
            (double) prose / chars >= 0.7 * purity (info) && (double) links / chars < 0.1)
          widest = parent;
      }
      node = parent;
    }

  return widest;
}

static void
render_article (Extractor *ex,
                xmlNode   *root)
{
  xmlNode *best = NULL;
  double best_score = 0.0;

  find_best (root, &best, &best_score, 0);

  /* Nothing reads as an article: the whole body, cleaned, is all there is. */
  if (best == NULL || best_score < 1.0)
    {
      xmlNode *body = find_element (root, "body", 0);

      render_children (ex, body != NULL ? body : root, 0);
      flush_paragraph (ex);
      return;
    }

  best = widen_article (best);
  ex->article = best;

  if (best->parent == NULL || best->parent->type != XML_ELEMENT_NODE || (INFO (best)->tag & TAG_LANDMARK &&
                                                                         !name_is (best, "article") &&
                                                                         !name_is (best, "main")))
    {
      render_children (ex, best, 0);
      flush_paragraph (ex);
      return;
    }

  for (xmlNode *sibling = best->parent->children; sibling != NULL; sibling = sibling->next)
    {
      if (sibling == best)
        {
          flush_paragraph (ex);
          render_children (ex, best, 0);
          flush_paragraph (ex);
        }
      else if (sibling->type == XML_ELEMENT_NODE && continues_article (sibling, best, best_score))
        render_element (ex, sibling, 0);
    }
  flush_paragraph (ex);
}

static void
collect_author_links (xmlNode *node,
                      GString *names,
                      guint    depth)
{
  for (; node != NULL && depth < 20; node = node->next)
    {
      if (node->type != XML_ELEMENT_NODE)
        continue;
      if (name_is (node, "a"))
        {
          g_autofree char *href = get_attribute (node, "href");
          g_autofree char *rel = get_attribute (node, "rel");
          static const char * const paths[] = { "/author", "/profile", "/bio/", "/writer", "/people/",
                                                "/staff/", "/journalist", "/contributor", "/by/", NULL };
          gboolean author = rel != NULL && list_contains (rel, "author");

          for (guint i = 0; !author && href != NULL && paths[i] != NULL; i++)
            author = strstr (href, paths[i]) != NULL;
          if (author)
            {
              g_autofree char *text = element_text (node);

              if (text != NULL && (names->len == 0 || strstr (names->str, text) == NULL))
                g_string_append_printf (names, "%s%s", names->len > 0 ? ", " : "", text);
            }
          continue;
        }
      collect_author_links (node->children, names, depth + 1);
    }
}

static gboolean find_byline (Extractor *ex, xmlNode *node, guint depth);

/* Whether @byline reads as names rather than a headline: few words, or a list. */
static gboolean
looks_like_names (const char *byline)
{
  g_autofree char *folded = fold_words (byline);

  return count_words (folded) <= 6 || strchr (byline, ',') != NULL || strstr (folded, " and ") != NULL;
}

/* Takes the byline an element gives: the names of its links to author pages if it
 * has any ("By <a>Jane Smith</a> and <a>John Doe</a>"), else that of a more precise
 * byline element inside it ("author-name" in "author-box"), else its text. */
static gboolean
take_byline (Extractor *ex,
             xmlNode   *node,
             guint      depth)
{
  g_autoptr(GString) names = g_string_new (NULL);
  g_autofree char *text = NULL;
  g_autofree char *byline = NULL;

  collect_author_links (node->children, names, 0);
  if (names->len > 0)
    byline = clean_byline (names->str);
  if (byline == NULL && depth < MAX_DEPTH && find_byline (ex, node->children, depth + 1))
    return TRUE;
  if (byline == NULL)
    {
      text = element_text (node);
      byline = clean_byline (text);
    }

  if (byline == NULL || g_utf8_strlen (byline, -1) < 3 || !looks_like_names (byline))
    return FALSE;
  offer (&ex->byline, &ex->byline_rank, byline, 30);
  return TRUE;
}

/* The first element named as a byline ("byline", "author", rel=author,
 * itemprop=author) outside comments and hidden parts, with a short text. */
static gboolean
find_byline (Extractor *ex,
             xmlNode   *node,
             guint      depth)
{
  for (; node != NULL; node = node->next)
    {
      Info *info;

      if (node->type != XML_ELEMENT_NODE || (info = INFO (node)) == NULL)
        continue;
      if ((info->tag & TAG_SKIP) || (info->hint & (HINT_HIDDEN | HINT_JUNK)))
        continue;

      if (info->hint & HINT_BYLINE && take_byline (ex, node, depth))
        return TRUE;

      if (depth < MAX_DEPTH && find_byline (ex, node->children, depth + 1))
        return TRUE;
    }

  return FALSE;
}

/* "By Jane Smith" at the top of the text is the byline, not the article. */
static void
take_byline_paragraph (Extractor *ex)
{
  for (guint i = 0; i < MIN (ex->paragraphs->len, 4u); i++)
    {
      const char *p = g_ptr_array_index (ex->paragraphs, i);
      g_autofree char *byline = NULL;

      if (!(g_str_has_prefix (p, "By ") || g_str_has_prefix (p, "BY ") || g_str_has_prefix (p, "by ")) ||
          g_utf8_strlen (p, -1) > 100 || strchr (p, '\n') != NULL)
        continue;
      if (!g_unichar_isupper (g_utf8_get_char (p + 3)))
        continue;

      byline = clean_byline (p);
      if (byline == NULL)
        continue;
      offer (&ex->byline, &ex->byline_rank, byline, 20);
      g_ptr_array_remove_index (ex->paragraphs, i);
      return;
    }
}

/* A short line at the top that only says who and when: "Le Monde | 04.05.2015 à
 * 13h36 | Par", "Jane Smith, Reuters | 3 May 2024". */
static void
drop_dateline (Extractor *ex)
{
  for (guint i = 0; i < MIN (ex->paragraphs->len, 3u); i++)
    {
      const char *p = g_ptr_array_index (ex->paragraphs, i);
      g_autofree char *folded = fold_words (p);
      const char *last = strrchr (folded, ' ');
      gboolean ends_with_by = last != NULL &&
                              (g_str_equal (last, " by") || g_str_equal (last, " par") || g_str_equal (last, " von"));
      gboolean names_author = ex->byline != NULL && g_str_has_prefix (p, ex->byline) && strchr (p, '|') != NULL;
      gboolean names_site_first = FALSE;

      if (g_utf8_strlen (p, -1) > 120 || strchr (p, '\n') != NULL)
        continue;
      if (ex->site_name != NULL)
        {
          const char *bar = strstr (p, " | ");

          names_site_first = bar != NULL && names_site_exactly (p, bar - p, ex->site_name);
          if (!names_site_first && bar != NULL)
            {
              g_autofree char *head = g_strndup (p, bar - p);

              names_site_first = names_site (head, ex->site_name);
            }
        }

      if (ends_with_by || names_author || names_site_first)
        {
          g_ptr_array_remove_index (ex->paragraphs, i);
          return;
        }
    }
}

static void
tidy_paragraphs (Extractor *ex,
                 xmlNode   *root)
{
  /* The headline repeated at the top of the text. */
  if (ex->title != NULL)
    for (guint i = 0; i < MIN (ex->paragraphs->len, 3u); i++)
      if (same_words (g_ptr_array_index (ex->paragraphs, i), ex->title))
        {
          g_ptr_array_remove_index (ex->paragraphs, i);
          break;
        }

  /* A byline element: first near the article (its header is often beside it), then
   * anywhere on the page. */
  if (ex->byline_rank < 30)
    {
      xmlNode *near = ex->article;

      for (guint i = 0; i < 3 && near != NULL && near->parent != NULL && near->parent->type == XML_ELEMENT_NODE; i++)
        near = near->parent;
      if (near == NULL || !find_byline (ex, near->children, 0))
        find_byline (ex, root, 0);
    }
  take_byline_paragraph (ex);
  drop_dateline (ex);

  /* "Headline | Jane Smith": the author's name is no part of the headline. */
  if (ex->title != NULL && ex->byline != NULL)
    {
      char *title = strip_site_name (ex->title, ex->byline);

      g_free (ex->title);
      ex->title = title;
    }
}

static void
extractor_clear (Extractor *ex)
{
  g_free (ex->title);
  g_free (ex->doc_title);
  g_free (ex->byline);
  g_free (ex->site_name);
  g_free (ex->published);
  g_free (ex->url);
  g_free (ex->language);
  g_free (ex->description);
  g_free (ex->base_url);
  g_clear_pointer (&ex->h1s, g_ptr_array_unref);
  g_clear_pointer (&ex->titles, g_array_unref);
  g_clear_pointer (&ex->paragraphs, g_ptr_array_unref);
  if (ex->current != NULL)
    g_string_free (ex->current, TRUE);
  g_free (ex->infos);
}

static gsize parser_ready;

AttacheExtraction *
attache_extract_html (const guchar  *data,
                      gsize          len,
                      const char    *page_url,
                      const char    *http_charset,
                      GError       **error)
{
  Extractor ex = { 0 };
  AttacheExtraction *result;
  g_autofree char *utf8 = NULL;
  gsize utf8_len = 0;
  htmlDocPtr doc;
  xmlNode *root;
  guint next = 0;

  g_return_val_if_fail (data != NULL || len == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  /* libxml2 wants this once before it is used from several threads. */
  if (g_once_init_enter (&parser_ready))
    {
      xmlInitParser ();
      g_once_init_leave (&parser_ready, 1);
    }

  utf8 = decode_page (data, len, http_charset, &utf8_len);
  if (utf8_len == 0)
    {
      g_set_error (error, ATTACHE_EXTRACT_ERROR, ATTACHE_EXTRACT_ERROR_NO_ARTICLE,
                   _("no article text on this page (only links, menus or forms)"));
      return NULL;
    }
  if (utf8_len > G_MAXINT)
    {
      g_set_error (error, ATTACHE_EXTRACT_ERROR, ATTACHE_EXTRACT_ERROR_UNREADABLE,
                   _("this page is too large to read"));
      return NULL;
    }

  doc = htmlReadMemory (utf8, (int) utf8_len, NULL, "UTF-8",
                        HTML_PARSE_NONET | HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING);
  root = doc != NULL ? xmlDocGetRootElement (doc) : NULL;
  if (root == NULL)
    {
      if (doc != NULL)
        xmlFreeDoc (doc);
      g_set_error (error, ATTACHE_EXTRACT_ERROR, ATTACHE_EXTRACT_ERROR_UNREADABLE,
                   _("this page could not be read as HTML"));
      return NULL;
    }

  ex.h1s = g_ptr_array_new_with_free_func (g_free);
  ex.titles = g_array_new (FALSE, FALSE, sizeof (TitleCandidate));
  g_array_set_clear_func (ex.titles, title_candidate_clear);
  ex.paragraphs = g_ptr_array_new_with_free_func (g_free);
  ex.current = g_string_new (NULL);
  if (page_url != NULL && g_uri_is_valid (page_url, G_URI_FLAGS_NONE, NULL))
    ex.base_url = g_strdup (page_url);

  read_metadata (&ex, root, 0);
  offer_url (&ex, page_url, 10);

  ex.n_infos = count_elements (root, 0);
  ex.infos = g_new0 (Info, ex.n_infos);
  attach_infos (&ex, root, &next, 0);

  /* Measure everything visible; set aside what its name says is boilerplate; measure again. */
  measure (&ex, root, INFO (root), FALSE, 0);
  ex.page_prose = INFO (root)->prose;
  gather_points (&ex, root, 0);
  {
    xmlNode *first_look = NULL;
    double score = 0.0;

    find_best (root, &first_look, &score, 0);
    for (; first_look != NULL && first_look->type == XML_ELEMENT_NODE; first_look = first_look->parent)
      INFO (first_look)->holds_best = TRUE;
  }
  set_aside_by_name (&ex, root->children, 1);
  measure (&ex, root, INFO (root), FALSE, 0);

  gather_points (&ex, root, 0);
  choose_title (&ex);
  render_article (&ex, root);
  tidy_paragraphs (&ex, root);

  xmlFreeDoc (doc);

  if (ex.paragraphs->len == 0)
    {
      extractor_clear (&ex);
      g_set_error (error, ATTACHE_EXTRACT_ERROR, ATTACHE_EXTRACT_ERROR_NO_ARTICLE,
                   _("no article text on this page (only links, menus or forms)"));
      return NULL;
    }

  result = g_new0 (AttacheExtraction, 1);
  g_atomic_ref_count_init (&result->ref_count);
  result->title = g_steal_pointer (&ex.title);
  result->byline = g_steal_pointer (&ex.byline);
  result->site_name = g_steal_pointer (&ex.site_name);
  result->published = g_steal_pointer (&ex.published);
  result->url = g_steal_pointer (&ex.url);
  result->language = g_steal_pointer (&ex.language);
  result->description = g_steal_pointer (&ex.description);
  g_ptr_array_add (ex.paragraphs, NULL);
  result->paragraphs = (GStrv) g_ptr_array_free (g_steal_pointer (&ex.paragraphs), FALSE);

  extractor_clear (&ex);
  return result;
}
