/* attache-feed-xml.c: XML read safely, and RSS 0.9x/1.0/2.0 and Atom 1.0/0.3 from it
 *
 * Reading (shared with OPML):
 *   1. bytes → UTF-8: BOM, UTF-16/32 by their pattern, else the encoding the XML
 *      declaration names (ISO-8859-1 and US-ASCII read as their superset
 *      Windows-1252, as browsers do), else UTF-8, else the legacy encoding the
 *      bytes look like (attache-charset), else Windows-1252;
 *   2. repairs for what breaks real feeds: HTML entities (&nbsp; &eacute;) that XML
 *      does not know become character references, a bare '&' becomes &amp;,
 *      characters XML forbids are dropped, junk before the root is cut;
 *   3. the internal DTD subset is measured before libxml2 sees it: an entity that
 *      refers to itself, or whose expansion (or all of the document's references)
 *      would pass a few MiB, is refused as an XML bomb;
 *   4. libxml2 parses with XML_PARSE_NONET and XML_PARSE_RECOVER, without
 *      XML_PARSE_NOENT, XML_PARSE_DTDLOAD or XML_PARSE_HUGE, and with a per-parse
 *      entity resolver that loads nothing: no file or URL is ever read.
 * The walker never lets libxml2 expand entity references for it; it expands
 * internal ones itself, within a budget.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "attache-feed"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/entities.h>
#include <libxml/xmlsave.h>

#include "attache-charset-private.h"
#include "attache-feed-private.h"

/* One entity may expand to at most this; all references together to at most
 * MAX (this, 8 × the document). */
#define MAX_ENTITY_EXPANSION (1024 * 1024)

/* All entity references of a document together may expand to this. */
static gsize
expansion_budget (gsize document_length)
{
  return MAX ((gsize) MAX_ENTITY_EXPANSION, 8 * document_length);
}

static guint
budget_mib (gsize budget)
{
  return (guint) MAX ((gsize) 1, (budget + 1024 * 1024 - 1) / (1024 * 1024));
}

/* Decoding */

static void
append_unichar_or_replacement (GString  *out,
                               gunichar  c)
{
  if (c == 0xFEFF && out->len == 0)
    return;   /* a BOM */
  if (c > 0x10FFFF || (c >= 0xD800 && c < 0xE000))
    c = 0xFFFD;
  g_string_append_unichar (out, c);
}

static char *
decode_utf16 (const guchar *data,
              gsize         len,
              gboolean      big_endian,
              gsize        *out_len)
{
  GString *out = g_string_sized_new (len);

  for (gsize i = 0; i + 1 < len; i += 2)
    {
      gunichar u = big_endian ? (data[i] << 8 | data[i + 1]) : (data[i + 1] << 8 | data[i]);

      if (u >= 0xD800 && u < 0xDC00 && i + 3 < len)
        {
          gunichar low = big_endian ? (data[i + 2] << 8 | data[i + 3]) : (data[i + 3] << 8 | data[i + 2]);

          if (low >= 0xDC00 && low < 0xE000)
            {
              u = 0x10000 + ((u - 0xD800) << 10) + (low - 0xDC00);
              i += 2;
            }
        }
      append_unichar_or_replacement (out, u);
    }

  *out_len = out->len;
  return g_string_free (out, FALSE);
}

static char *
decode_utf32 (const guchar *data,
              gsize         len,
              gboolean      big_endian,
              gsize        *out_len)
{
  GString *out = g_string_sized_new (len / 2);

  for (gsize i = 0; i + 3 < len; i += 4)
    {
      guint32 u = big_endian
        ? ((guint32) data[i] << 24 | (guint32) data[i + 1] << 16 | (guint32) data[i + 2] << 8 | data[i + 3])
        : ((guint32) data[i + 3] << 24 | (guint32) data[i + 2] << 16 | (guint32) data[i + 1] << 8 | data[i]);

      append_unichar_or_replacement (out, u);
    }

  *out_len = out->len;
  return g_string_free (out, FALSE);
}

char *
_attache_feed_decode_unicode (const guchar  *data,
                              gsize          len,
                              gsize         *out_len,
                              const char   **encoding)
{
  if (len >= 4 && memcmp (data, "\xff\xfe\0\0", 4) == 0)
    {
      *encoding = "utf-32le";
      return decode_utf32 (data + 4, len - 4, FALSE, out_len);
    }
  if (len >= 4 && memcmp (data, "\0\0\xfe\xff", 4) == 0)
    {
      *encoding = "utf-32be";
      return decode_utf32 (data + 4, len - 4, TRUE, out_len);
    }
  if (len >= 2 && data[0] == 0xff && data[1] == 0xfe)
    {
      *encoding = "utf-16le";
      return decode_utf16 (data + 2, len - 2, FALSE, out_len);
    }
  if (len >= 2 && data[0] == 0xfe && data[1] == 0xff)
    {
      *encoding = "utf-16be";
      return decode_utf16 (data + 2, len - 2, TRUE, out_len);
    }
  if (len >= 4 && data[0] != 0 && data[1] == 0 && data[2] == 0 && data[3] == 0)
    {
      *encoding = "utf-32le";
      return decode_utf32 (data, len, FALSE, out_len);
    }
  if (len >= 4 && data[0] == 0 && data[1] == 0 && data[2] == 0 && data[3] != 0)
    {
      *encoding = "utf-32be";
      return decode_utf32 (data, len, TRUE, out_len);
    }
  if (len >= 2 && data[0] != 0 && data[1] == 0)
    {
      *encoding = "utf-16le";
      return decode_utf16 (data, len, FALSE, out_len);
    }
  if (len >= 2 && data[0] == 0 && data[1] != 0)
    {
      *encoding = "utf-16be";
      return decode_utf16 (data, len, TRUE, out_len);
    }

  return NULL;
}

/* The encoding="…" of an XML declaration at the very start, lower case, or NULL. */
static char *
declared_encoding (const char *text,
                   gsize       len)
{
  const char *end, *p, *close;
  char quote;

  if (len < 6 || strncmp (text, "<?xml", 5) != 0)
    return NULL;

  close = g_strstr_len (text, MIN (len, 1024), "?>");
  if (close == NULL)
    return NULL;

  p = g_strstr_len (text, close - text, "encoding");
  if (p == NULL)
    return NULL;
  p += strlen ("encoding");
  while (p < close && (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r'))
    p++;
  if (p >= close || *p != '=')
    return NULL;
  p++;
  while (p < close && (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r'))
    p++;
  if (p >= close || (*p != '"' && *p != '\''))
    return NULL;
  quote = *p++;
  end = memchr (p, quote, close - p);
  if (end == NULL || end == p || end - p > 40)
    return NULL;

  return g_ascii_strdown (p, end - p);
}

/* UTF-8 with a few broken bytes, rather than another encoding? */
static gboolean
mostly_utf8 (const char *text,
             gsize       len)
{
  gsize valid_multibyte = 0, invalid = 0;
  const char *p = text, *end = text + len;

  while (p < end)
    {
      const char *bad;

      if (g_utf8_validate_len (p, end - p, &bad))
        bad = end;
      for (const char *q = p; q < bad; q++)
        if (((guchar) *q & 0xC0) == 0xC0)
          valid_multibyte++;
      if (bad >= end)
        break;
      invalid++;
      p = bad + 1;
    }

  return valid_multibyte > invalid * 2;
}

/* The guess, lower case, as a string that lives as long as the program. */
static const char *
guessed_label (const char *guess)
{
  g_autofree char *lower = g_ascii_strdown (guess, -1);

  return g_intern_string (lower);
}

/* Text whose encoding is not declared (or not known, or wrong): ISO-2022 when it
 * has its escapes, UTF-8 when valid or nearly, else what attache-charset finds
 * it most like, else Windows-1252. */
static char *
decode_fallback (const char *text,
                 gsize       len,
                 const char **encoding)
{
  const char *guess = _attache_charset_guess ((const guint8 *) text, len);
  char *utf8;

  if (g_str_has_prefix (guess, "ISO-2022-") &&
      (utf8 = g_convert (text, len, "UTF-8", guess, NULL, NULL, NULL)) != NULL)
    {
      *encoding = guessed_label (guess);
      return utf8;
    }

  if (g_utf8_validate_len (text, len, NULL))
    {
      *encoding = "utf-8";
      return g_strndup (text, len);
    }

  if (mostly_utf8 (text, len))
    {
      *encoding = "utf-8";
      return g_utf8_make_valid (text, len);
    }

  if (strcmp (guess, "WINDOWS-1252") != 0 && strcmp (guess, "UTF-8") != 0 &&
      (utf8 = g_convert (text, len, "UTF-8", _attache_charset_decoder (guess), NULL, NULL, NULL)) != NULL)
    {
      *encoding = guessed_label (guess);
      return utf8;
    }

  *encoding = "windows-1252";
  utf8 = g_convert (text, len, "UTF-8", "WINDOWS-1252", NULL, NULL, NULL);
  if (utf8 == NULL)
    {
      /* the five bytes Windows-1252 leaves undefined */
      *encoding = "iso-8859-1";
      utf8 = g_convert (text, len, "UTF-8", "ISO-8859-1", NULL, NULL, NULL);
    }

  return utf8;
}

/* Labels read as a larger encoding that agrees with them on every defined byte. */
static const char *
superset_of (const char *label)
{
  static const struct { const char *label; const char *superset; } table[] = {
    { "iso-8859-1", "WINDOWS-1252" }, { "iso8859-1", "WINDOWS-1252" },
    { "iso_8859-1", "WINDOWS-1252" }, { "latin1", "WINDOWS-1252" },
    { "latin-1", "WINDOWS-1252" }, { "l1", "WINDOWS-1252" }, { "us-ascii", "WINDOWS-1252" },
    { "ascii", "WINDOWS-1252" }, { "cp1252", "WINDOWS-1252" }, { "x-cp1252", "WINDOWS-1252" },
    { "iso-8859-9", "WINDOWS-1254" }, { "iso-8859-11", "CP874" }, { "tis-620", "CP874" },
    { "gb2312", "GB18030" }, { "gbk", "GB18030" }, { "x-gbk", "GB18030" },
    { "euc-kr", "CP949" }, { "ks_c_5601-1987", "CP949" },
    { "shift_jis", "CP932" }, { "shift-jis", "CP932" }, { "sjis", "CP932" }, { "x-sjis", "CP932" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (table); i++)
    if (strcmp (label, table[i].label) == 0)
      return table[i].superset;

  return NULL;
}

/* Returns UTF-8 text and sets *@encoding to what it was read as (lower case). */
static char *
decode_to_utf8 (const guchar  *data,
                gsize          len,
                gsize         *out_len,
                char         **encoding,
                gboolean      *repaired)
{
  const char *used = NULL;
  g_autofree char *declared = NULL;
  const char *text;
  char *utf8;

  utf8 = _attache_feed_decode_unicode (data, len, out_len, &used);
  if (utf8 != NULL)
    {
      if (!g_utf8_validate (utf8, *out_len, NULL))
        *repaired = TRUE;
      *encoding = g_strdup (used);
      return utf8;
    }

  text = (const char *) data;
  if (len >= 3 && memcmp (text, "\xef\xbb\xbf", 3) == 0)
    {
      text += 3;
      len -= 3;
      utf8 = decode_fallback (text, len, &used);
      if (strcmp (used, "utf-8") != 0 || !g_utf8_validate_len (text, len, NULL))
        *repaired = TRUE;
      goto done;
    }

  {
    /* the declaration may follow white space, a mistake in itself */
    gsize skip = 0;

    while (skip < len && (text[skip] == ' ' || text[skip] == '\n' || text[skip] == '\r' || text[skip] == '\t'))
      skip++;
    declared = declared_encoding (text + skip, len - skip);
  }

  if (declared == NULL || strcmp (declared, "utf-8") == 0 || strcmp (declared, "utf8") == 0 ||
      g_str_has_prefix (declared, "utf-16") || g_str_has_prefix (declared, "utf-32") ||
      g_str_has_prefix (declared, "ucs-") || strcmp (declared, "unicode") == 0)
    {
      utf8 = decode_fallback (text, len, &used);
      /* UTF-16 declared over ASCII-compatible bytes, or UTF-8 that is not */
      if (strcmp (used, "utf-8") != 0 || !g_utf8_validate_len (text, len, NULL) ||
          (declared != NULL && strcmp (declared, "utf-8") != 0 && strcmp (declared, "utf8") != 0))
        *repaired = TRUE;
      goto done;
    }

  {
    const char *superset = superset_of (declared);

    used = declared;
    utf8 = NULL;
    if (superset != NULL)
      utf8 = g_convert (text, len, "UTF-8", superset, NULL, NULL, NULL);
    if (utf8 == NULL)
      utf8 = g_convert (text, len, "UTF-8", declared, NULL, NULL, NULL);
    if (utf8 == NULL)
      {
        /* an encoding iconv does not know, or bytes that are not in it */
        utf8 = decode_fallback (text, len, &used);
        *repaired = TRUE;
      }
  }

done:
  if (utf8 == NULL)
    return NULL;

  *encoding = g_strdup (used);
  *out_len = strlen (utf8);
  return utf8;
}

/* The internal DTD subset: which entities it declares, and how far they expand */

typedef struct
{
  char     *value;       /* NULL for an external entity */
  gsize     size;        /* fully expanded, capped at MAX_ENTITY_EXPANSION + 1 */
  int       state;       /* 0 not measured, 1 being measured, 2 measured */
} Entity;

typedef struct
{
  GHashTable *general;     /* name → Entity */
  GHashTable *parameter;   /* name → Entity */
  gboolean    has_doctype;
  gboolean    uses_parameter_entities;
  gboolean    loop;
  gsize       max_size;
} Dtd;

static void
entity_free (gpointer data)
{
  Entity *entity = data;

  g_free (entity->value);
  g_free (entity);
}

/* How deep entities may refer to entities: deeper is refused as unsafe
 * (a chain of 400,000 overflowed the stack, counted by recursion). */
#define MAX_ENTITY_DEPTH 64

static gsize
entity_size_at (Dtd    *dtd,
                Entity *entity,
                guint   depth)
{
  gsize size;

  if (entity->state == 2)
    return entity->size;
  if (depth > MAX_ENTITY_DEPTH)
    return MAX_ENTITY_EXPANSION + 1;
  if (entity->state == 1)
    {
      dtd->loop = TRUE;
      return MAX_ENTITY_EXPANSION + 1;
    }
  if (entity->value == NULL)
    {
      entity->state = 2;
      entity->size = 0;
      return 0;
    }

  entity->state = 1;
  size = strlen (entity->value);
  for (const char *p = entity->value; *p != '\0' && size <= MAX_ENTITY_EXPANSION; p++)
    {
      if (*p == '&' || *p == '%')
        {
          const char *q = p + 1;
          GHashTable *refs = *p == '&' ? dtd->general : dtd->parameter;
          Entity *ref;
          g_autofree char *name = NULL;

          if (*q == '#')
            continue;
          while (*q != '\0' && *q != ';' && *q != '&' && *q != '%' && *q != ' ' && *q != '<')
            q++;
          if (*q != ';')
            continue;
          name = g_strndup (p + 1, q - p - 1);
          ref = g_hash_table_lookup (refs, name);
          if (ref != NULL)
            size += entity_size_at (dtd, ref, depth + 1);
        }
    }

  entity->size = MIN (size, (gsize) MAX_ENTITY_EXPANSION + 1);
  entity->state = 2;
  dtd->max_size = MAX (dtd->max_size, entity->size);
  return entity->size;
}

static gsize
entity_size (Dtd    *dtd,
             Entity *entity)
{
  return entity_size_at (dtd, entity, 0);
}

static const char *
skip_xml_space (const char *p,
                const char *end)
{
  while (p < end && (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r'))
    p++;
  return p;
}

/* Past a quoted literal starting at @p; NULL when it does not close. */
static const char *
skip_literal (const char *p,
              const char *end)
{
  const char *close;

  g_assert (*p == '"' || *p == '\'');
  close = memchr (p + 1, *p, end - p - 1);
  return close != NULL ? close + 1 : NULL;
}

/* Reads one <!ENTITY …> declaration starting at @p (after "<!ENTITY"). */
static const char *
read_entity_declaration (Dtd        *dtd,
                         const char *p,
                         const char *end)
{
  gboolean parameter = FALSE;
  const char *name_start;
  g_autofree char *name = NULL;
  Entity *entity;

  p = skip_xml_space (p, end);
  if (p < end && *p == '%')
    {
      parameter = TRUE;
      p = skip_xml_space (p + 1, end);
    }
  name_start = p;
  while (p < end && *p != ' ' && *p != '\t' && *p != '\n' && *p != '\r' && *p != '>' &&
         *p != '"' && *p != '\'')
    p++;
  name = g_strndup (name_start, p - name_start);
  p = skip_xml_space (p, end);

  entity = g_new0 (Entity, 1);
  if (p < end && (*p == '"' || *p == '\''))
    {
      const char *close = skip_literal (p, end);

      if (close == NULL)
        {
          entity_free (entity);
          return end;
        }
      entity->value = g_strndup (p + 1, close - p - 2);
      p = close;
    }

  /* The first declaration of a name is binding. */
  if (name[0] != '\0' && !g_hash_table_contains (parameter ? dtd->parameter : dtd->general, name))
    g_hash_table_insert (parameter ? dtd->parameter : dtd->general, g_steal_pointer (&name), entity);
  else
    entity_free (entity);

  /* the rest: SYSTEM/PUBLIC literals, NDATA, up to '>' */
  while (p < end && *p != '>')
    {
      if (*p == '"' || *p == '\'')
        {
          p = skip_literal (p, end);
          if (p == NULL)
            return end;
        }
      else
        p++;
    }

  return p < end ? p + 1 : end;
}

/* Reads a doctype starting at @p ("<!DOCTYPE"); returns the position after it. */
static const char *
read_doctype (Dtd        *dtd,
              const char *p,
              const char *end)
{
  dtd->has_doctype = TRUE;
  p += strlen ("<!DOCTYPE");

  while (p < end && *p != '[' && *p != '>')
    {
      if (*p == '"' || *p == '\'')
        {
          p = skip_literal (p, end);
          if (p == NULL)
            return end;
        }
      else
        p++;
    }

  if (p < end && *p == '[')
    {
      p++;
      while (p < end && *p != ']')
        {
          if (end - p >= 4 && memcmp (p, "<!--", 4) == 0)
            {
              const char *close = g_strstr_len (p, end - p, "-->");

              p = close != NULL ? close + 3 : end;
            }
          else if (end - p >= 8 && memcmp (p, "<!ENTITY", 8) == 0)
            p = read_entity_declaration (dtd, p + 8, end);
          else if (*p == '<')
            {
              /* another declaration or a PI: skip it, minding literals */
              p++;
              while (p < end && *p != '>')
                {
                  if (*p == '"' || *p == '\'')
                    {
                      p = skip_literal (p, end);
                      if (p == NULL)
                        return end;
                    }
                  else
                    p++;
                }
              if (p < end)
                p++;
            }
          else
            {
              if (*p == '%')
                dtd->uses_parameter_entities = TRUE;
              p++;
            }
        }
      if (p < end)
        p++;
      p = skip_xml_space (p, end);
    }

  if (p < end && *p == '>')
    p++;

  return p;
}

/* Repairs */

typedef struct
{
  Dtd       dtd;
  gsize     references;    /* expanded size of all references to declared entities */
  gboolean  repaired;
} Repair;

static gboolean
is_xml_name_char (char c)
{
  return g_ascii_isalnum (c) || c == '_' || c == '-' || c == '.' || c == ':' || (guchar) c >= 0x80;
}

/* Handles the '&' at @p; appends its repaired form to @out and returns the
 * position after what it consumed. */
static const char *
repair_reference (Repair     *repair,
                  GString    *out,
                  const char *p,
                  const char *end)
{
  const char *q = p + 1;

  if (q < end && *q == '#')
    {
      gboolean hex = q + 1 < end && (q[1] == 'x' || q[1] == 'X');
      const char *digits = q + (hex ? 2 : 1);
      guint64 v = 0;

      q = digits;
      while (q < end && (hex ? g_ascii_isxdigit (*q) : g_ascii_isdigit (*q)) && q - digits < 9)
        {
          v = v * (hex ? 16 : 10) + (hex ? (guint64) g_ascii_xdigit_value (*q) : (guint64) (*q - '0'));
          q++;
        }
      if (q > digits && q < end && *q == ';')
        {
          gboolean valid = v == 0x9 || v == 0xA || v == 0xD || (v >= 0x20 && v <= 0xD7FF) ||
                           (v >= 0xE000 && v <= 0xFFFD) || (v >= 0x10000 && v <= 0x10FFFF);

          if (v >= 0x80 && v <= 0x9F)
            {
              /* &#146; means what it means in Windows-1252 (’), as in HTML */
              g_string_append_printf (out, "&#%u;", _attache_feed_cp1252_c1 ((gunichar) v));
            }
          else if (valid && hex && p[2] == 'X')
            g_string_append_printf (out, "&#x%.*s;", (int) (q - digits), digits);   /* XML wants 'x' */
          else if (valid)
            g_string_append_len (out, p, q + 1 - p);
          else
            repair->repaired = TRUE;   /* &#0; &#xD800; …: dropped */
          return q + 1;
        }

      repair->repaired = TRUE;
      g_string_append (out, "&amp;");
      return p + 1;
    }

  while (q < end && is_xml_name_char (*q) && q - p < 64)
    q++;

  if (q > p + 1 && q < end && *q == ';')
    {
      gsize len = q - p - 1;
      g_autofree char *name = g_strndup (p + 1, len);
      Entity *declared;
      gunichar c;

      if (strcmp (name, "amp") == 0 || strcmp (name, "lt") == 0 || strcmp (name, "gt") == 0 ||
          strcmp (name, "quot") == 0 || strcmp (name, "apos") == 0)
        {
          g_string_append_len (out, p, q + 1 - p);
          return q + 1;
        }

      declared = g_hash_table_lookup (repair->dtd.general, name);
      if (declared != NULL)
        {
          repair->references += entity_size (&repair->dtd, declared);
          g_string_append_len (out, p, q + 1 - p);
          return q + 1;
        }

      c = _attache_feed_lookup_entity (p + 1, len);
      if (c != 0)
        {
          /* An HTML entity: RSS 0.91's DTD declared them; without it XML does not
           * know them. The character itself, as a reference. */
          if (!repair->dtd.has_doctype)
            repair->repaired = TRUE;
          g_string_append_printf (out, "&#%u;", c);
          return q + 1;
        }

      if (repair->dtd.uses_parameter_entities)
        {
          /* may be declared inside a parameter entity: leave it to libxml2 */
          g_string_append_len (out, p, q + 1 - p);
          return q + 1;
        }
    }

  /* A bare ampersand ("AT&T", a URL's query string), or an unknown entity. */
  repair->repaired = TRUE;
  g_string_append (out, "&amp;");
  return p + 1;
}

static const char *
copy_through (GString    *out,
              const char *p,
              const char *end,
              const char *close_mark)
{
  const char *close = g_strstr_len (p, end - p, close_mark);
  const char *stop = close != NULL ? close + strlen (close_mark) : end;

  g_string_append_len (out, p, stop - p);
  return stop;
}

/* Control characters XML 1.0 forbids (C0 but tab, LF, CR), and U+FFFE/U+FFFF. */
static gsize
forbidden_length (const char *p,
                  const char *end)
{
  guchar c = (guchar) *p;

  if (c < 0x20 && c != '\t' && c != '\n' && c != '\r')
    return 1;
  if (c == 0xEF && end - p >= 3 && (guchar) p[1] == 0xBF && ((guchar) p[2] == 0xBE || (guchar) p[2] == 0xBF))
    return 3;
  return 0;
}

static GString *
repair_text (Repair     *repair,
             const char *text,
             gsize       len)
{
  GString *out = g_string_sized_new (len + len / 16 + 16);
  const char *p = text, *end = text + len, *run = text;

  while (p < end)
    {
      gsize bad;

      if (*p == '<')
        {
          const char *next = NULL;

          if (end - p >= 4 && memcmp (p, "<!--", 4) == 0)
            {
              g_string_append_len (out, run, p - run);
              next = copy_through (out, p, end, "-->");
            }
          else if (end - p >= 9 && memcmp (p, "<![CDATA[", 9) == 0)
            {
              g_string_append_len (out, run, p - run);
              next = copy_through (out, p, end, "]]>");
            }
          else if (end - p >= 2 && p[1] == '?')
            {
              g_string_append_len (out, run, p - run);
              next = copy_through (out, p, end, "?>");
            }
          else if (end - p >= 9 && memcmp (p, "<!DOCTYPE", 9) == 0 && !repair->dtd.has_doctype)
            {
              g_string_append_len (out, run, p - run);
              next = read_doctype (&repair->dtd, p, end);
              g_string_append_len (out, p, next - p);
            }

          if (next != NULL)
            {
              p = run = next;
              continue;
            }
          p++;
        }
      else if (*p == '&')
        {
          g_string_append_len (out, run, p - run);
          p = run = repair_reference (repair, out, p, end);
        }
      else if ((guchar) *p == 0xC2 && p + 1 < end && (guchar) p[1] >= 0x80 && (guchar) p[1] <= 0x9F)
        {
          /* a C1 control character: text that went through Windows-1252 → Latin-1 */
          g_string_append_len (out, run, p - run);
          g_string_append_unichar (out, _attache_feed_cp1252_c1 ((guchar) p[1]));
          p = run = p + 2;
        }
      else if ((bad = forbidden_length (p, end)) > 0)
        {
          g_string_append_len (out, run, p - run);
          repair->repaired = TRUE;
          p = run = p + bad;
        }
      else
        p++;
    }

  g_string_append_len (out, run, p - run);
  return out;
}

/* libxml2 */

typedef struct
{
  gboolean  loop;
  int       error_line;
  char     *error_message;
} ParseState;

static void
#if LIBXML_VERSION >= 21200
on_xml_error (void *user_data, const xmlError *error)
#else
on_xml_error (void *user_data, xmlErrorPtr error)
#endif
{
  xmlParserCtxt *ctxt = user_data;
  ParseState *state = ctxt->_private;

  if (error->code == XML_ERR_ENTITY_LOOP)
    state->loop = TRUE;

  if (error->level >= XML_ERR_ERROR && state->error_message == NULL)
    {
      state->error_line = error->line;
      state->error_message = g_strdup (error->message != NULL ? g_strstrip (error->message) : "");
    }
}

/* External entities and DTDs are never loaded, whatever the document asks. */
static xmlParserInput *
refuse_external_entity (void          *ctx,
                        const xmlChar *public_id,
                        const xmlChar *system_id)
{
  return NULL;
}

static void
ignore_external_subset (void          *ctx,
                        const xmlChar *name,
                        const xmlChar *external_id,
                        const xmlChar *system_id)
{
}

static gpointer
init_libxml (gpointer data)
{
  xmlInitParser ();
  return NULL;
}

/* Where the document starts: the XML declaration if there is one near the
 * start (after white space or junk such as a server's warning), else the first
 * tag. */
static const char *
document_start (const char *text,
                gsize       len)
{
  const char *decl = g_strstr_len (text, MIN (len, 64 * 1024), "<?xml");
  const char *p = text, *end = text + len;

  if (decl != NULL)
    {
      /* only if what comes before is white space or not markup at all */
      const char *q = text;

      while (q < decl && *q != '<')
        q++;
      if (q == decl)
        return decl;
    }

  while (p < end && *p != '<')
    p++;
  return p;
}

gboolean
_attache_xml_read (const guchar      *data,
                   gsize              len,
                   const char        *base_uri,
                   AttacheXmlSource  *source,
                   GError           **error)
{
  static GOnce libxml_once = G_ONCE_INIT;
  g_autofree char *text = NULL;
  g_autofree char *encoding = NULL;
  g_autoptr(GString) repaired_text = NULL;
  Repair repair = { 0 };
  ParseState state = { 0 };
  xmlParserCtxt *ctxt;
  xmlDoc *doc;
  const char *start;
  gsize text_len = 0;
  gboolean repaired = FALSE;
  int options;

  g_once (&libxml_once, init_libxml, NULL);

  text = decode_to_utf8 (data, len, &text_len, &encoding, &repaired);
  if (text == NULL)
    {
      g_set_error (error, ATTACHE_FEED_ERROR, ATTACHE_FEED_ERROR_MALFORMED,
                   _("the document is in an encoding that cannot be read"));
      return FALSE;
    }

  start = document_start (text, text_len);
  if (start == text + text_len)
    {
      g_set_error (error, ATTACHE_FEED_ERROR, ATTACHE_FEED_ERROR_NOT_A_FEED,
                   _("not XML: the document has no tags"));
      return FALSE;
    }
  if (start != text)
    repaired = TRUE;

  repair.dtd.general = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, entity_free);
  repair.dtd.parameter = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, entity_free);
  repaired_text = repair_text (&repair, start, text + text_len - start);

  /* Measure every declared entity, referenced or not (attribute defaults and
   * parameter entities count too). */
  {
    GHashTableIter iter;
    gpointer value;

    g_hash_table_iter_init (&iter, repair.dtd.general);
    while (g_hash_table_iter_next (&iter, NULL, &value))
      entity_size (&repair.dtd, value);
    g_hash_table_iter_init (&iter, repair.dtd.parameter);
    while (g_hash_table_iter_next (&iter, NULL, &value))
      entity_size (&repair.dtd, value);
  }

  {
    gboolean loop = repair.dtd.loop;
    gsize max_size = repair.dtd.max_size;
    gsize references = repair.references;

    g_hash_table_unref (repair.dtd.general);
    g_hash_table_unref (repair.dtd.parameter);

    if (loop)
      {
        g_set_error (error, ATTACHE_FEED_ERROR, ATTACHE_FEED_ERROR_UNSAFE,
                     _("refused: the document defines entities that refer to themselves (an XML bomb)"));
        return FALSE;
      }
    if (max_size > MAX_ENTITY_EXPANSION || references > expansion_budget (text_len))
      {
        g_set_error (error, ATTACHE_FEED_ERROR, ATTACHE_FEED_ERROR_UNSAFE,
                     _("refused: entities in the document would expand to more than %u MiB (an XML bomb)"),
                     budget_mib (max_size > MAX_ENTITY_EXPANSION ? MAX_ENTITY_EXPANSION : expansion_budget (text_len)));
        return FALSE;
      }
  }

  if (repaired_text->len > G_MAXINT)
    {
      g_set_error (error, ATTACHE_FEED_ERROR, ATTACHE_FEED_ERROR_TOO_LARGE,
                   _("the feed is larger than %u MiB; it was not read"),
                   (guint) (ATTACHE_FEED_MAX_SIZE / (1024 * 1024)));
      return FALSE;
    }

  ctxt = xmlNewParserCtxt ();
  if (ctxt == NULL)
    {
      g_set_error (error, ATTACHE_FEED_ERROR, ATTACHE_FEED_ERROR_MALFORMED,
                   _("the document could not be read (out of memory)"));
      return FALSE;
    }
  ctxt->_private = &state;
  ctxt->sax->serror = on_xml_error;
  ctxt->sax->resolveEntity = refuse_external_entity;
  ctxt->sax->externalSubset = ignore_external_subset;

  /* Deliberately absent: XML_PARSE_NOENT (would substitute entities, external
   * ones included), XML_PARSE_DTDLOAD / DTDATTR / DTDVALID (would load the DTD),
   * XML_PARSE_HUGE (would lift libxml2's own limits), XML_PARSE_XINCLUDE. */
  options = XML_PARSE_NONET | XML_PARSE_RECOVER | XML_PARSE_NOERROR | XML_PARSE_NOWARNING |
            XML_PARSE_NOCDATA | XML_PARSE_COMPACT | XML_PARSE_IGNORE_ENC;
  doc = xmlCtxtReadMemory (ctxt, repaired_text->str, (int) repaired_text->len, base_uri, "UTF-8", options);

  if (!ctxt->wellFormed)
    repaired = TRUE;
  xmlFreeParserCtxt (ctxt);

  if (state.loop)
    {
      g_clear_pointer (&doc, xmlFreeDoc);
      g_free (state.error_message);
      g_set_error (error, ATTACHE_FEED_ERROR, ATTACHE_FEED_ERROR_UNSAFE,
                   _("refused: the document defines entities that refer to themselves (an XML bomb)"));
      return FALSE;
    }

  if (doc == NULL || xmlDocGetRootElement (doc) == NULL)
    {
      g_clear_pointer (&doc, xmlFreeDoc);
      if (state.error_message != NULL)
        {
          /* libxml2's words are for developers: in the log, not in the message */
          g_debug ("libxml2, line %d: %s", state.error_line, state.error_message);
          g_set_error (error, ATTACHE_FEED_ERROR, ATTACHE_FEED_ERROR_MALFORMED,
                       _("the XML is broken beyond repair (line %d)"), state.error_line);
        }
      else
        g_set_error (error, ATTACHE_FEED_ERROR, ATTACHE_FEED_ERROR_MALFORMED,
                     _("the XML is broken beyond repair"));
      g_free (state.error_message);
      return FALSE;
    }

  g_free (state.error_message);
  source->doc = doc;
  source->encoding = g_steal_pointer (&encoding);
  source->recovered = repaired || repair.repaired;
  source->input_length = repaired_text->len;
  return TRUE;
}

void
_attache_xml_source_clear (AttacheXmlSource *source)
{
  g_clear_pointer (&source->doc, xmlFreeDoc);
  g_clear_pointer (&source->encoding, g_free);
}

/* Namespaces */

typedef enum
{
  NS_NONE,       /* no namespace: RSS 0.9x/2.0 */
  NS_RSS,        /* namespaces some RSS 2.0 feeds give their elements */
  NS_RSS1,
  NS_RSS090,
  NS_ATOM,
  NS_ATOM03,
  NS_RDF,
  NS_DC,
  NS_DCTERMS,
  NS_CONTENT,
  NS_MEDIA,
  NS_ITUNES,
  NS_XHTML,
  NS_OTHER,
} NsKind;

static const struct { const char *uri; NsKind kind; } namespaces[] = {
  { "http://www.w3.org/2005/Atom", NS_ATOM },
  { "http://purl.org/atom/ns#", NS_ATOM03 },
  { "http://purl.org/rss/1.0/", NS_RSS1 },
  { "http://my.netscape.com/rdf/simple/0.9/", NS_RSS090 },
  { "http://www.w3.org/1999/02/22-rdf-syntax-ns#", NS_RDF },
  { "http://purl.org/dc/elements/1.1/", NS_DC },
  { "http://purl.org/dc/elements/1.0/", NS_DC },
  { "http://purl.org/dc/terms/", NS_DCTERMS },
  { "http://purl.org/rss/1.0/modules/content/", NS_CONTENT },
  { "http://search.yahoo.com/mrss/", NS_MEDIA },
  { "http://search.yahoo.com/mrss", NS_MEDIA },
  { "http://www.itunes.com/dtds/podcast-1.0.dtd", NS_ITUNES },
  { "http://www.w3.org/1999/xhtml", NS_XHTML },
  { "http://backend.userland.com/rss2", NS_RSS },
  { "http://backend.userland.com/rss", NS_RSS },
  { "http://blogs.law.harvard.edu/tech/rss", NS_RSS },
  { "http://purl.org/rss/2.0/", NS_RSS },
  { "http://purl.org/net/rss1.1#", NS_RSS1 },
};

/* Prefixes used without being declared (libxml2 keeps "dc:date" as the name). */
static const struct { const char *prefix; NsKind kind; } prefixes[] = {
  { "atom", NS_ATOM }, { "dc", NS_DC }, { "dcterms", NS_DCTERMS }, { "content", NS_CONTENT },
  { "media", NS_MEDIA }, { "itunes", NS_ITUNES }, { "rdf", NS_RDF }, { "xhtml", NS_XHTML },
};

static NsKind
ns_kind_of_uri (const char *uri)
{
  gsize len = strlen (uri);

  for (gsize i = 0; i < G_N_ELEMENTS (namespaces); i++)
    {
      const char *known = namespaces[i].uri;
      gsize known_len = strlen (known);

      /* tolerate a missing or extra trailing slash and the case of the host */
      if (g_ascii_strcasecmp (uri, known) == 0 ||
          (len + 1 == known_len && known[len] == '/' && g_ascii_strncasecmp (uri, known, len) == 0) ||
          (len == known_len + 1 && uri[known_len] == '/' && g_ascii_strncasecmp (uri, known, known_len) == 0))
        return namespaces[i].kind;
    }

  return NS_OTHER;
}

/* The kind of namespace of an element and its local name. */
static NsKind
element_kind (const xmlNode  *node,
              const char    **local)
{
  const char *name = (const char *) node->name;

  if (node->ns != NULL && node->ns->href != NULL)
    {
      *local = name;
      return ns_kind_of_uri ((const char *) node->ns->href);
    }

  {
    const char *colon = strchr (name, ':');

    if (colon != NULL)
      {
        *local = colon + 1;
        for (gsize i = 0; i < G_N_ELEMENTS (prefixes); i++)
          if (strlen (prefixes[i].prefix) == (gsize) (colon - name) &&
              strncmp (name, prefixes[i].prefix, colon - name) == 0)
            return prefixes[i].kind;
        return NS_OTHER;
      }
  }

  *local = name;
  return NS_NONE;
}

static gboolean
is_core (NsKind kind)
{
  return kind == NS_NONE || kind == NS_RSS || kind == NS_RSS1 || kind == NS_RSS090;
}

static gboolean
is_atom (NsKind kind)
{
  return kind == NS_ATOM || kind == NS_ATOM03;
}

/* The walk */

typedef struct
{
  xmlDoc           *doc;
  AttacheFeed      *feed;
  gboolean          has_home;         /* the root's namespace is not the standard one: */
  const xmlChar    *home_ns;          /* its elements (NULL: no namespace)… */
  NsKind            home_kind;        /* …are taken as these (RSS core or Atom) */
  GPtrArray        *feed_authors;     /* Atom: inherited by entries without authors */
  gsize             expanded;         /* characters produced by entity references */
  gsize             budget;
  gboolean          unsafe;
} Walk;

/* element_kind, with the elements of a non-standard root namespace (pre-1.0 Atom
 * drafts, "http://backend.userland.com/rss2.1"…) taken as the format's own. */
static NsKind
kind_of (Walk           *walk,
         const xmlNode  *node,
         const char    **local)
{
  NsKind kind = element_kind (node, local);

  if (walk->has_home)
    {
      if (node->ns == NULL && walk->home_ns == NULL && kind == NS_NONE)
        return walk->home_kind;
      if (node->ns != NULL && node->ns->href != NULL && walk->home_ns != NULL &&
          strcmp ((const char *) node->ns->href, (const char *) walk->home_ns) == 0)
        return walk->home_kind;
    }

  return kind;
}

static void collect_text (Walk *walk, xmlNode *node, GString *out, int depth);

/* Appends what an entity reference stands for: internal entities only, expanded
 * within the budget; external ones are never loaded and give nothing. */
static void
append_entity (Walk    *walk,
               xmlNode *reference,
               GString *out,
               int      depth)
{
  xmlEntity *entity = xmlGetDocEntity (walk->doc, reference->name);
  gsize before = out->len;

  if (entity == NULL || entity->etype != XML_INTERNAL_GENERAL_ENTITY || walk->unsafe)
    return;

  if (entity->children != NULL)
    collect_text (walk, (xmlNode *) entity, out, depth + 1);
  else if (entity->content != NULL && strchr ((const char *) entity->content, '&') == NULL &&
           strchr ((const char *) entity->content, '<') == NULL)
    g_string_append (out, (const char *) entity->content);

  walk->expanded += out->len - before;
  if (walk->expanded > walk->budget)
    {
      walk->unsafe = TRUE;
      g_string_truncate (out, before);
    }
}

static void
collect_text (Walk     *walk,
              xmlNode  *node,
              GString  *out,
              int       depth)
{
  if (depth > 16)
    return;

  for (xmlNode *child = node->children; child != NULL && !walk->unsafe; child = child->next)
    {
      switch (child->type)
        {
        case XML_TEXT_NODE:
        case XML_CDATA_SECTION_NODE:
          if (child->content != NULL)
            g_string_append (out, (const char *) child->content);
          break;

        case XML_ELEMENT_NODE:
          collect_text (walk, child, out, depth + 1);
          break;

        case XML_ENTITY_REF_NODE:
          append_entity (walk, child, out, depth);
          break;

        default:
          break;
        }
    }
}

static char *
text_of (Walk    *walk,
         xmlNode *node)
{
  GString *out = g_string_new (NULL);

  collect_text (walk, node, out, 0);
  return g_string_free (out, FALSE);
}

static gboolean
has_element_children (xmlNode *node)
{
  for (xmlNode *child = node->children; child != NULL; child = child->next)
    if (child->type == XML_ELEMENT_NODE)
      return TRUE;
  return FALSE;
}

/* The children of @node as markup (an XHTML div's content, unescaped HTML in RSS). */
static char *
inner_markup (Walk    *walk,
              xmlNode *node)
{
  xmlBuffer *buffer = xmlBufferCreate ();
  char *result;

  for (xmlNode *child = node->children; child != NULL; child = child->next)
    {
      if (child->type == XML_ENTITY_REF_NODE)
        {
          /* expanded by us, within the budget, never by libxml2 */
          g_autoptr(GString) text = g_string_new (NULL);
          xmlChar *escaped;

          append_entity (walk, child, text, 0);
          escaped = xmlEncodeSpecialChars (walk->doc, (const xmlChar *) text->str);
          xmlBufferCat (buffer, escaped);
          xmlFree (escaped);
          continue;
        }
      xmlNodeDump (buffer, walk->doc, child, 0, 0);
    }

  result = g_strdup ((const char *) xmlBufferContent (buffer));
  xmlBufferFree (buffer);
  return result;
}

static char *
attribute (xmlNode    *node,
           const char *name)
{
  xmlChar *value = xmlGetProp (node, (const xmlChar *) name);
  char *result;

  if (value == NULL)
    return NULL;

  result = g_strdup ((const char *) value);
  xmlFree (value);
  return result;
}

/* Trimmed; NULL when empty. */
static char *
trimmed (char *text)
{
  if (text == NULL)
    return NULL;

  g_strstrip (text);
  if (text[0] == '\0')
    {
      g_free (text);
      return NULL;
    }
  return text;
}

/* Resolves @value against xml:base in scope at @node and the document's URI.
 * Links to scripts are dropped. */
static char *
resolve_link (Walk       *walk,
              xmlNode    *node,
              const char *value)
{
  g_autofree char *clean = NULL;
  const char *scheme;
  xmlChar *base;
  char *resolved = NULL;

  if (value == NULL)
    return NULL;

  clean = _attache_feed_clean_line (value);
  if (clean == NULL)
    return NULL;

  scheme = g_uri_peek_scheme (clean);
  if (scheme != NULL)
    {
      if (strcmp (scheme, "javascript") == 0 || strcmp (scheme, "vbscript") == 0 ||
          strcmp (scheme, "data") == 0)
        return NULL;
      return g_steal_pointer (&clean);
    }

  base = xmlNodeGetBase (walk->doc, node);
  if (base != NULL)
    {
      resolved = g_uri_resolve_relative ((const char *) base, clean, G_URI_FLAGS_NONE, NULL);
      xmlFree (base);
    }

  return resolved != NULL ? resolved : g_steal_pointer (&clean);
}

static char *
base_of (Walk    *walk,
         xmlNode *node)
{
  xmlChar *base = xmlNodeGetBase (walk->doc, node);
  char *result;

  if (base == NULL)
    return NULL;

  result = g_strdup ((const char *) base);
  xmlFree (base);
  return result;
}

/* "en_US" → "en-US" (BCP 47), trimmed; NULL when empty. */
static char *
clean_language (char *tag)
{
  tag = trimmed (tag);
  if (tag != NULL)
    g_strdelimit (tag, "_", '-');
  return tag;
}

static char *
language_of (xmlNode *node)
{
  xmlChar *lang = xmlNodeGetLang (node);
  char *result;

  if (lang == NULL)
    return NULL;

  result = clean_language (g_strdup ((const char *) lang));
  xmlFree (lang);
  return result;
}

/* A title or other one-line field as plain text. @html: the text is HTML. */
static char *
plain_line (Walk     *walk,
            xmlNode  *node,
            gboolean  html)
{
  g_autofree char *text = text_of (walk, node);

  if (html || _attache_feed_looks_like_html (text))
    return _attache_feed_html_to_text (text);

  return _attache_feed_clean_line (text);
}

/* RSS description-like fields: HTML when they have markup (escaped or not). */
static char *
rss_rich_text (Walk                *walk,
               xmlNode             *node,
               gboolean             always_html,
               AttacheFeedTextType *type)
{
  char *value;

  if (has_element_children (node))
    {
      value = inner_markup (walk, node);
      *type = ATTACHE_FEED_TEXT_HTML;
    }
  else
    {
      value = text_of (walk, node);
      *type = always_html || _attache_feed_looks_like_html (value)
        ? ATTACHE_FEED_TEXT_HTML : ATTACHE_FEED_TEXT_PLAIN;
    }

  return trimmed (value);
}

static char *
date_of (Walk    *walk,
         xmlNode *node)
{
  g_autofree char *text = text_of (walk, node);

  return _attache_feed_parse_date (text);
}

/* "jo@example.com (Jo Smith)" or "Jo Smith <jo@example.com>" → "Jo Smith". */
static char *
person_name (const char *text)
{
  g_autofree char *clean = _attache_feed_clean_line (text);
  const char *open;

  if (clean == NULL)
    return NULL;

  open = strchr (clean, '(');
  if (open != NULL && strchr (clean, '@') != NULL && strchr (clean, '@') < open)
    {
      const char *close = strrchr (open, ')');

      if (close != NULL && close > open + 1)
        {
          g_autofree char *inside = g_strndup (open + 1, close - open - 1);

          return _attache_feed_clean_line (inside);
        }
    }

  /* "Jo Smith (jo@example.com)" */
  if (open != NULL && open > clean && strchr (open, '@') != NULL)
    {
      char *name = g_strndup (clean, open - clean);

      return trimmed (name);
    }

  open = strchr (clean, '<');
  if (open != NULL && open > clean && strchr (open, '@') != NULL)
    {
      char *name = g_strndup (clean, open - clean);

      return trimmed (name);
    }

  return g_steal_pointer (&clean);
}

static char *
person_of (Walk    *walk,
           xmlNode *node)
{
  g_autofree char *text = text_of (walk, node);

  return person_name (text);
}

static gboolean
is_blank (const char *text)
{
  for (const char *p = text; p != NULL && *p != '\0'; p++)
    if (*p != ' ' && *p != '\t' && *p != '\n' && *p != '\r')
      return FALSE;
  return TRUE;
}

/* Atom's <author> and <contributor>: the name, else the e-mail address. */
static char *
atom_person (Walk    *walk,
             xmlNode *node)
{
  char *name = NULL, *email = NULL;

  for (xmlNode *child = node->children; child != NULL; child = child->next)
    {
      const char *local;

      if (child->type != XML_ELEMENT_NODE)
        continue;
      element_kind (child, &local);
      if (strcmp (local, "name") == 0 && name == NULL)
        name = plain_line (walk, child, FALSE);
      else if (strcmp (local, "email") == 0 && email == NULL)
        email = plain_line (walk, child, FALSE);
    }

  if (name == NULL && email == NULL && !has_element_children (node))
    {
      g_autofree char *text = text_of (walk, node);

      name = person_name (text);
    }

  if (name != NULL)
    {
      g_free (email);
      return name;
    }
  return email;
}

/* Atom */

typedef enum
{
  CONSTRUCT_TEXT,
  CONSTRUCT_HTML,
  CONSTRUCT_XHTML,
  CONSTRUCT_OTHER,    /* another media type, or content given by src */
} Construct;

/* Atom 1.0 text constructs (type text, html, xhtml) and Atom 0.3 ones (a media
 * type and mode xml, escaped or base64). Returns the value (HTML for html and
 * xhtml, markup kept) and its kind. */
static char *
atom_text (Walk      *walk,
           xmlNode   *node,
           Construct *construct)
{
  g_autofree char *type = attribute (node, "type");
  g_autofree char *mode = attribute (node, "mode");
  g_autofree char *src = attribute (node, "src");
  char *value;

  if (type != NULL)
    g_strstrip (type);

  if (src != NULL && !has_element_children (node))
    {
      g_autofree char *text = text_of (walk, node);

      if (is_blank (text))
        {
          *construct = CONSTRUCT_OTHER;
          return NULL;
        }
    }

  if (type == NULL || type[0] == '\0' || g_ascii_strcasecmp (type, "text") == 0 ||
      g_ascii_strcasecmp (type, "text/plain") == 0)
    *construct = CONSTRUCT_TEXT;
  else if (g_ascii_strcasecmp (type, "html") == 0 || g_ascii_strcasecmp (type, "text/html") == 0)
    *construct = CONSTRUCT_HTML;
  else if (g_ascii_strcasecmp (type, "xhtml") == 0 ||
           g_ascii_strcasecmp (type, "application/xhtml+xml") == 0)
    *construct = CONSTRUCT_XHTML;
  else if (g_str_has_prefix (type, "text/") || g_str_has_suffix (type, "+xml") ||
           g_str_has_suffix (type, "/xml"))
    *construct = CONSTRUCT_TEXT;
  else
    {
      /* Atom 1.0: any other media type is Base64; text when it decodes to text */
      *construct = CONSTRUCT_OTHER;
      if (src != NULL)
        return NULL;
      g_free (mode);
      mode = g_strdup ("base64");
    }

  if (mode != NULL && g_ascii_strcasecmp (mode, "base64") == 0)
    {
      g_autofree char *text = text_of (walk, node);
      gsize len = 0;
      guchar *decoded = g_base64_decode (g_strstrip (text), &len);
      char *result;

      if (decoded == NULL || !g_utf8_validate ((const char *) decoded, len, NULL) ||
          memchr (decoded, '\0', len) != NULL)
        {
          *construct = CONSTRUCT_OTHER;
          g_free (decoded);
          return NULL;
        }
      if (*construct == CONSTRUCT_OTHER)
        *construct = CONSTRUCT_TEXT;
      result = g_strndup ((const char *) decoded, len);
      g_free (decoded);
      return trimmed (result);
    }

  if (*construct == CONSTRUCT_XHTML || has_element_children (node))
    {
      xmlNode *div = NULL;

      /* the content of the wrapping div, when there is one and only one */
      for (xmlNode *child = node->children; child != NULL; child = child->next)
        {
          if (child->type == XML_ELEMENT_NODE)
            {
              const char *local;

              if (div == NULL && element_kind (child, &local) == NS_XHTML && strcmp (local, "div") == 0)
                div = child;
              else
                {
                  div = NULL;
                  break;
                }
            }
        }

      /* type="html" wrapped in a div (TypePad did this): the div holds escaped HTML */
      if (*construct == CONSTRUCT_HTML && div != NULL && !has_element_children (div))
        return trimmed (text_of (walk, div));

      value = inner_markup (walk, div != NULL ? div : node);
      if (*construct == CONSTRUCT_TEXT)
        *construct = CONSTRUCT_XHTML;
      return trimmed (value);
    }

  value = text_of (walk, node);
  return trimmed (value);
}

/* A title-like construct as plain text. */
static char *
atom_plain (Walk    *walk,
            xmlNode *node)
{
  Construct construct;
  g_autofree char *value = atom_text (walk, node, &construct);

  if (value == NULL)
    return NULL;
  if (construct == CONSTRUCT_HTML || construct == CONSTRUCT_XHTML)
    return _attache_feed_html_to_text (value);
  return _attache_feed_clean_line (value);
}

/* A summary or content construct. */
static char *
atom_rich (Walk                *walk,
           xmlNode             *node,
           AttacheFeedTextType *type)
{
  Construct construct;
  char *value = atom_text (walk, node, &construct);

  *type = (construct == CONSTRUCT_HTML || construct == CONSTRUCT_XHTML)
    ? ATTACHE_FEED_TEXT_HTML : ATTACHE_FEED_TEXT_PLAIN;
  return value;
}

typedef struct
{
  char *alternate;      /* the best rel="alternate" */
  int   alternate_rank;
  char *self;
  char *any;            /* the first link of another kind, as a last resort */
  char *enclosure;
  char *enclosure_type;
} Links;

static void
links_clear (Links *links)
{
  g_clear_pointer (&links->alternate, g_free);
  g_clear_pointer (&links->self, g_free);
  g_clear_pointer (&links->any, g_free);
  g_clear_pointer (&links->enclosure, g_free);
  g_clear_pointer (&links->enclosure_type, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Links, links_clear)

static char *
links_best (Links *links)
{
  if (links->alternate != NULL)
    return g_steal_pointer (&links->alternate);
  return g_steal_pointer (&links->any);
}

static void
add_atom_link (Walk    *walk,
               xmlNode *node,
               Links   *links)
{
  g_autofree char *rel = attribute (node, "rel");
  g_autofree char *type = attribute (node, "type");
  g_autofree char *href = attribute (node, "href");
  g_autofree char *url = NULL;

  if (href == NULL)
    {
      /* <link>http://…</link>: wrong, but meant */
      href = text_of (walk, node);
    }

  url = resolve_link (walk, node, href);
  if (url == NULL)
    return;

  if (rel != NULL)
    g_strstrip (rel);

  if (rel == NULL || rel[0] == '\0' || g_ascii_strcasecmp (rel, "alternate") == 0 ||
      strcmp (rel, "http://www.iana.org/assignments/relation/alternate") == 0)
    {
      /* HTML first, then no type, then anything */
      int rank = type == NULL ? 2 :
                 (g_ascii_strncasecmp (type, "text/html", 9) == 0 ||
                  g_ascii_strcasecmp (type, "application/xhtml+xml") == 0) ? 3 : 1;

      if (links->alternate == NULL || rank > links->alternate_rank)
        {
          g_free (links->alternate);
          links->alternate = g_steal_pointer (&url);
          links->alternate_rank = rank;
        }
    }
  else if (g_ascii_strcasecmp (rel, "self") == 0)
    {
      if (links->self == NULL)
        links->self = g_steal_pointer (&url);
    }
  else if (g_ascii_strcasecmp (rel, "enclosure") == 0)
    {
      if (links->enclosure == NULL)
        {
          links->enclosure = g_steal_pointer (&url);
          links->enclosure_type = trimmed (g_steal_pointer (&type));
        }
    }
  else if (links->any == NULL && g_ascii_strcasecmp (rel, "edit") != 0 &&
           g_ascii_strcasecmp (rel, "replies") != 0 && g_ascii_strcasecmp (rel, "hub") != 0 &&
           g_ascii_strcasecmp (rel, "license") != 0 && g_ascii_strcasecmp (rel, "next") != 0 &&
           g_ascii_strcasecmp (rel, "previous") != 0 && g_ascii_strcasecmp (rel, "first") != 0 &&
           g_ascii_strcasecmp (rel, "last") != 0)
    links->any = g_steal_pointer (&url);
}

/* Takes the first of *@a, *@b, *@c (@c may be NULL) that is set. */
static char *
first_of (char **a,
          char **b,
          char **c)
{
  if (*a != NULL)
    return g_steal_pointer (a);
  if (*b != NULL)
    return g_steal_pointer (b);
  return c != NULL ? g_steal_pointer (c) : NULL;
}

/* Sets *@slot to @value (taken) unless it is already set. */
static void
set_once (char **slot,
          char  *value)
{
  if (*slot == NULL)
    *slot = value;
  else
    g_free (value);
}

static void
add_category (Walk            *walk,
              AttacheFeedItem *item,
              xmlNode         *node)
{
  g_autofree char *label = attribute (node, "label");
  g_autofree char *term = attribute (node, "term");

  if (label != NULL && (label = trimmed (g_steal_pointer (&label))) != NULL)
    _attache_feed_item_add_category (item, _attache_feed_clean_line (label));
  else if (term != NULL && (term = trimmed (g_steal_pointer (&term))) != NULL)
    _attache_feed_item_add_category (item, _attache_feed_clean_line (term));
  else
    _attache_feed_item_add_category (item, plain_line (walk, node, FALSE));
}

/* Media RSS: a title, categories and a description, directly or in a group. */
static void
read_media_text (Walk             *walk,
                 AttacheFeedItem  *item,
                 xmlNode          *node,
                 char            **title,
                 xmlNode         **description)
{
  const char *local;

  element_kind (node, &local);
  if (strcmp (local, "title") == 0)
    set_once (title, plain_line (walk, node, FALSE));
  else if (strcmp (local, "category") == 0)
    _attache_feed_item_add_category (item, plain_line (walk, node, FALSE));
  else if (strcmp (local, "description") == 0 && *description == NULL)
    *description = node;
  else if (strcmp (local, "group") == 0)
    for (xmlNode *child = node->children; child != NULL; child = child->next)
      if (child->type == XML_ELEMENT_NODE && element_kind (child, &local) == NS_MEDIA &&
          strcmp (local, "group") != 0)
        read_media_text (walk, item, child, title, description);
}

static void
parse_atom_entry (Walk    *walk,
                  xmlNode *entry)
{
  AttacheFeedItem *item = _attache_feed_item_new ();
  g_auto(Links) links = { 0 };
  g_autofree char *issued = NULL, *created = NULL, *modified = NULL, *dc_date = NULL;
  xmlNode *content_node = NULL, *summary_node = NULL, *media_description = NULL;
  g_autofree char *media_title = NULL;
  GPtrArray *source_authors = g_ptr_array_new_with_free_func (g_free);

  for (xmlNode *child = entry->children; child != NULL; child = child->next)
    {
      const char *local;
      NsKind kind;

      if (child->type != XML_ELEMENT_NODE)
        continue;
      kind = kind_of (walk, child, &local);

      if (is_atom (kind))
        {
          if (strcmp (local, "id") == 0)
            set_once (&item->id, trimmed (text_of (walk, child)));
          else if (strcmp (local, "title") == 0)
            set_once (&item->title, atom_plain (walk, child));
          else if (strcmp (local, "link") == 0)
            add_atom_link (walk, child, &links);
          else if (strcmp (local, "published") == 0)
            set_once (&item->published, date_of (walk, child));
          else if (strcmp (local, "issued") == 0)
            set_once (&issued, date_of (walk, child));
          else if (strcmp (local, "created") == 0)
            set_once (&created, date_of (walk, child));
          else if (strcmp (local, "updated") == 0)
            set_once (&item->updated, date_of (walk, child));
          else if (strcmp (local, "modified") == 0)
            set_once (&modified, date_of (walk, child));
          else if (strcmp (local, "author") == 0)
            _attache_feed_item_add_author (item, atom_person (walk, child));
          else if (strcmp (local, "summary") == 0 && summary_node == NULL)
            summary_node = child;
          else if (strcmp (local, "content") == 0 && content_node == NULL)
            content_node = child;
          else if (strcmp (local, "category") == 0)
            add_category (walk, item, child);
          else if (strcmp (local, "source") == 0)
            {
              for (xmlNode *s = child->children; s != NULL; s = s->next)
                {
                  const char *slocal;

                  if (s->type == XML_ELEMENT_NODE && is_atom (kind_of (walk, s, &slocal)) &&
                      strcmp (slocal, "author") == 0)
                    {
                      char *name = atom_person (walk, s);

                      if (name != NULL)
                        g_ptr_array_add (source_authors, name);
                    }
                }
            }
        }
      else if (kind == NS_DC)
        {
          if (strcmp (local, "date") == 0)
            set_once (&dc_date, date_of (walk, child));
          else if (strcmp (local, "creator") == 0)
            _attache_feed_item_add_author (item, person_of (walk, child));
          else if (strcmp (local, "subject") == 0)
            _attache_feed_item_add_category (item, plain_line (walk, child, FALSE));
        }
      else if (kind == NS_MEDIA && strcmp (local, "content") != 0)
        read_media_text (walk, item, child, &media_title, &media_description);
      else if (kind == NS_MEDIA && item->enclosure_url == NULL && strcmp (local, "content") == 0)
        {
          g_autofree char *url = attribute (child, "url");

          item->enclosure_url = resolve_link (walk, child, url);
          if (item->enclosure_url != NULL)
            item->enclosure_type = trimmed (attribute (child, "type"));
        }
    }

  if (item->published == NULL)
    item->published = first_of (&issued, &created, &dc_date);
  if (item->updated == NULL)
    item->updated = g_steal_pointer (&modified);

  if (item->title == NULL)
    item->title = g_steal_pointer (&media_title);
  if (summary_node != NULL)
    item->summary = atom_rich (walk, summary_node, &item->summary_type);
  else if (media_description != NULL)
    item->summary = rss_rich_text (walk, media_description, FALSE, &item->summary_type);
  if (content_node != NULL)
    item->content = atom_rich (walk, content_node, &item->content_type);
  item->base_uri = base_of (walk, content_node != NULL ? content_node :
                                  summary_node != NULL ? summary_node : entry);
  item->language = language_of (content_node != NULL ? content_node : entry);

  item->link = links_best (&links);
  if (links.enclosure != NULL)
    {
      g_free (item->enclosure_url);
      g_free (item->enclosure_type);
      item->enclosure_url = g_steal_pointer (&links.enclosure);
      item->enclosure_type = g_steal_pointer (&links.enclosure_type);
    }

  /* No author: the source's, else the feed's (Atom's inheritance rule). */
  if (item->authors->len == 0)
    {
      GPtrArray *inherited = source_authors->len > 0 ? source_authors : walk->feed_authors;

      for (guint i = 0; i < inherited->len; i++)
        _attache_feed_item_add_author (item, g_strdup (g_ptr_array_index (inherited, i)));
    }
  g_ptr_array_unref (source_authors);

  _attache_feed_add_item (walk->feed, item);
}

static void
parse_atom_feed (Walk    *walk,
                 xmlNode *root)
{
  AttacheFeed *feed = walk->feed;
  g_auto(Links) links = { 0 };
  g_autofree char *modified = NULL;

  for (xmlNode *child = root->children; child != NULL; child = child->next)
    {
      const char *local;
      NsKind kind;

      if (child->type != XML_ELEMENT_NODE)
        continue;
      kind = kind_of (walk, child, &local);
      if (!is_atom (kind))
        continue;

      if (strcmp (local, "title") == 0)
        set_once (&feed->title, atom_plain (walk, child));
      else if (strcmp (local, "subtitle") == 0 || strcmp (local, "tagline") == 0)
        set_once (&feed->description, atom_plain (walk, child));
      else if (strcmp (local, "link") == 0)
        add_atom_link (walk, child, &links);
      else if (strcmp (local, "updated") == 0)
        set_once (&feed->updated, date_of (walk, child));
      else if (strcmp (local, "modified") == 0)
        set_once (&modified, date_of (walk, child));
      else if (strcmp (local, "author") == 0)
        {
          char *name = atom_person (walk, child);

          if (name != NULL)
            g_ptr_array_add (walk->feed_authors, name);
        }
    }

  if (feed->updated == NULL)
    feed->updated = g_steal_pointer (&modified);
  feed->link = links_best (&links);
  feed->feed_url = g_steal_pointer (&links.self);
  feed->language = language_of (root);

  for (xmlNode *child = root->children; child != NULL && !walk->unsafe; child = child->next)
    {
      const char *local;
      NsKind kind;

      if (child->type != XML_ELEMENT_NODE)
        continue;
      kind = kind_of (walk, child, &local);
      if (is_atom (kind) && strcmp (local, "entry") == 0)
        parse_atom_entry (walk, child);
    }
}

/* RSS */

/* <itunes:category text="Technology"><itunes:category text="Gadgets"/></…> */
static void
add_itunes_category (Walk            *walk,
                     AttacheFeedItem *item,
                     xmlNode         *node)
{
  char *text = trimmed (attribute (node, "text"));

  if (text != NULL)
    _attache_feed_item_add_category (item, text);

  for (xmlNode *child = node->children; child != NULL; child = child->next)
    {
      const char *local;

      if (child->type == XML_ELEMENT_NODE && element_kind (child, &local) == NS_ITUNES &&
          strcmp (local, "category") == 0)
        add_itunes_category (walk, item, child);
    }
}

static void
parse_rss_item (Walk    *walk,
                xmlNode *node)
{
  AttacheFeedItem *item = _attache_feed_item_new ();
  g_auto(Links) links = { 0 };
  g_autofree char *guid = NULL, *about = NULL, *atom_id = NULL;
  g_autofree char *dc_title = NULL, *atom_title = NULL;
  g_autofree char *dc_date = NULL, *issued = NULL, *modified = NULL;
  g_autofree char *media_url = NULL, *media_type = NULL;
  gboolean guid_is_link = FALSE;
  xmlNode *description = NULL, *content = NULL, *fallback_summary = NULL, *atom_content = NULL;
  xmlNode *fallback_content = NULL;
  g_autofree char *media_title = NULL;
  GPtrArray *creators = g_ptr_array_new_with_free_func (g_free);
  char *value;

  value = attribute (node, "about");   /* rdf:about, found by its local name */
  about = resolve_link (walk, node, value);
  g_free (value);

  for (xmlNode *child = node->children; child != NULL; child = child->next)
    {
      const char *local;
      NsKind kind;

      if (child->type != XML_ELEMENT_NODE)
        continue;
      kind = kind_of (walk, child, &local);

      if (is_core (kind))
        {
          if (g_ascii_strcasecmp (local, "title") == 0)
            set_once (&item->title, plain_line (walk, child, FALSE));
          else if (g_ascii_strcasecmp (local, "link") == 0)
            {
              g_autofree char *text = text_of (walk, child);

              set_once (&item->link, resolve_link (walk, child, text));
            }
          else if (g_ascii_strcasecmp (local, "guid") == 0 && guid == NULL)
            {
              g_autofree char *permalink = attribute (child, "isPermaLink");
              g_autofree char *text = text_of (walk, child);

              guid = _attache_feed_clean_line (text);
              guid_is_link = permalink == NULL || g_ascii_strcasecmp (g_strstrip (permalink), "false") != 0;
            }
          else if (g_ascii_strcasecmp (local, "description") == 0 && description == NULL)
            description = child;
          else if ((g_ascii_strcasecmp (local, "body") == 0 || g_ascii_strcasecmp (local, "fullitem") == 0) &&
                   fallback_content == NULL)
            fallback_content = child;   /* RSS 0.9x-era and made-up elements for the full text */
          else if (g_ascii_strcasecmp (local, "pubDate") == 0)
            set_once (&item->published, date_of (walk, child));
          else if (g_ascii_strcasecmp (local, "author") == 0)
            _attache_feed_item_add_author (item, person_of (walk, child));
          else if (g_ascii_strcasecmp (local, "category") == 0)
            _attache_feed_item_add_category (item, plain_line (walk, child, FALSE));
          else if (g_ascii_strcasecmp (local, "enclosure") == 0 && item->enclosure_url == NULL)
            {
              g_autofree char *url = attribute (child, "url");

              item->enclosure_url = resolve_link (walk, child, url);
              if (item->enclosure_url != NULL)
                item->enclosure_type = trimmed (attribute (child, "type"));
            }
        }
      else if (kind == NS_CONTENT && strcmp (local, "encoded") == 0 && content == NULL)
        content = child;
      else if (kind == NS_XHTML && strcmp (local, "body") == 0 && content == NULL)
        content = child;
      else if (kind == NS_DC)
        {
          if (strcmp (local, "title") == 0)
            set_once (&dc_title, plain_line (walk, child, FALSE));
          else if (strcmp (local, "date") == 0)
            set_once (&dc_date, date_of (walk, child));
          else if (strcmp (local, "creator") == 0 || strcmp (local, "author") == 0)
            {
              char *name = person_of (walk, child);

              if (name != NULL)
                g_ptr_array_add (creators, name);
            }
          else if (strcmp (local, "subject") == 0)
            _attache_feed_item_add_category (item, plain_line (walk, child, FALSE));
          else if (strcmp (local, "description") == 0 && fallback_summary == NULL)
            fallback_summary = child;
        }
      else if (kind == NS_DCTERMS)
        {
          if (strcmp (local, "issued") == 0 || strcmp (local, "created") == 0)
            set_once (&issued, date_of (walk, child));
          else if (strcmp (local, "modified") == 0)
            set_once (&modified, date_of (walk, child));
        }
      else if (is_atom (kind))
        {
          if (strcmp (local, "link") == 0)
            add_atom_link (walk, child, &links);
          else if (strcmp (local, "id") == 0)
            set_once (&atom_id, trimmed (text_of (walk, child)));
          else if (strcmp (local, "title") == 0)
            set_once (&atom_title, atom_plain (walk, child));
          else if (strcmp (local, "published") == 0)
            set_once (&issued, date_of (walk, child));
          else if (strcmp (local, "updated") == 0)
            set_once (&modified, date_of (walk, child));
          else if (strcmp (local, "summary") == 0 && fallback_summary == NULL)
            fallback_summary = child;
          else if (strcmp (local, "content") == 0 && atom_content == NULL)
            atom_content = child;
          else if (strcmp (local, "author") == 0)
            {
              char *name = atom_person (walk, child);

              if (name != NULL)
                g_ptr_array_add (creators, name);
            }
        }
      else if (kind == NS_ITUNES)
        {
          if (strcmp (local, "summary") == 0 && fallback_summary == NULL)
            fallback_summary = child;
          else if (strcmp (local, "category") == 0)
            add_itunes_category (walk, item, child);
          else if (strcmp (local, "author") == 0)
            {
              char *name = person_of (walk, child);

              if (name != NULL)
                g_ptr_array_add (creators, name);
            }
        }
      else if (kind == NS_MEDIA && (strcmp (local, "title") == 0 || strcmp (local, "category") == 0 ||
                                    strcmp (local, "description") == 0 || strcmp (local, "group") == 0))
        read_media_text (walk, item, child, &media_title, &fallback_summary);

      if (kind == NS_MEDIA && media_url == NULL)
        {
          xmlNode *media = child;

          if (strcmp (local, "group") == 0)
            {
              /* the first media:content of the group */
              media = NULL;
              for (xmlNode *m = child->children; m != NULL; m = m->next)
                {
                  const char *mlocal;

                  if (m->type == XML_ELEMENT_NODE && element_kind (m, &mlocal) == NS_MEDIA &&
                      strcmp (mlocal, "content") == 0)
                    {
                      media = m;
                      break;
                    }
                }
            }
          else if (strcmp (local, "content") != 0)
            media = NULL;

          if (media != NULL)
            {
              g_autofree char *url = attribute (media, "url");

              media_url = resolve_link (walk, media, url);
              media_type = trimmed (attribute (media, "type"));
            }
        }
    }

  if (item->title == NULL)
    item->title = first_of (&dc_title, &atom_title, &media_title);

  if (item->link == NULL)
    item->link = links_best (&links);
  if (item->link == NULL && guid != NULL && guid_is_link)
    item->link = resolve_link (walk, node, guid);
  if (item->link == NULL && about != NULL)
    item->link = g_strdup (about);

  /* the stable id: guid, else Atom id, else (in _attache_feed_item_finish) the link */
  item->id = first_of (&guid, &atom_id, NULL);

  if (item->published == NULL)
    item->published = first_of (&dc_date, &issued, NULL);
  item->updated = g_steal_pointer (&modified);

  if (item->authors->len == 0)
    for (guint i = 0; i < creators->len; i++)
      _attache_feed_item_add_author (item, g_strdup (g_ptr_array_index (creators, i)));
  g_ptr_array_unref (creators);

  if (description != NULL)
    item->summary = rss_rich_text (walk, description, FALSE, &item->summary_type);
  if (item->summary == NULL && fallback_summary != NULL)
    {
      const char *local;

      if (is_atom (kind_of (walk, fallback_summary, &local)))
        item->summary = atom_rich (walk, fallback_summary, &item->summary_type);
      else
        item->summary = rss_rich_text (walk, fallback_summary, FALSE, &item->summary_type);
    }

  if (content == NULL)
    content = fallback_content;
  if (content != NULL)
    item->content = rss_rich_text (walk, content, TRUE, &item->content_type);
  else if (atom_content != NULL)
    item->content = atom_rich (walk, atom_content, &item->content_type);

  item->base_uri = base_of (walk, content != NULL ? content : description != NULL ? description : node);
  item->language = language_of (node);

  if (item->enclosure_url == NULL)
    {
      if (links.enclosure != NULL)
        {
          item->enclosure_url = g_steal_pointer (&links.enclosure);
          item->enclosure_type = g_steal_pointer (&links.enclosure_type);
        }
      else
        {
          item->enclosure_url = g_steal_pointer (&media_url);
          item->enclosure_type = g_steal_pointer (&media_type);
        }
    }

  _attache_feed_add_item (walk->feed, item);
}

/* The channel's own fields; items are parsed by the caller. */
static void
parse_rss_channel (Walk    *walk,
                   xmlNode *channel)
{
  AttacheFeed *feed = walk->feed;
  g_auto(Links) links = { 0 };
  g_autofree char *dc_title = NULL, *dc_description = NULL, *dc_language = NULL;
  g_autofree char *pub_date = NULL, *dc_date = NULL, *modified = NULL, *summary = NULL;

  for (xmlNode *child = channel->children; child != NULL; child = child->next)
    {
      const char *local;
      NsKind kind;

      if (child->type != XML_ELEMENT_NODE)
        continue;
      kind = kind_of (walk, child, &local);

      if (is_core (kind))
        {
          if (g_ascii_strcasecmp (local, "title") == 0)
            set_once (&feed->title, plain_line (walk, child, FALSE));
          else if (g_ascii_strcasecmp (local, "link") == 0)
            {
              g_autofree char *text = text_of (walk, child);

              set_once (&feed->link, resolve_link (walk, child, text));
            }
          else if (g_ascii_strcasecmp (local, "description") == 0)
            set_once (&feed->description, plain_line (walk, child, FALSE));
          else if (g_ascii_strcasecmp (local, "language") == 0)
            set_once (&feed->language, clean_language (plain_line (walk, child, FALSE)));
          else if (g_ascii_strcasecmp (local, "lastBuildDate") == 0)
            set_once (&feed->updated, date_of (walk, child));
          else if (g_ascii_strcasecmp (local, "pubDate") == 0)
            set_once (&pub_date, date_of (walk, child));
        }
      else if (kind == NS_DC)
        {
          if (strcmp (local, "title") == 0)
            set_once (&dc_title, plain_line (walk, child, FALSE));
          else if (strcmp (local, "description") == 0)
            set_once (&dc_description, plain_line (walk, child, FALSE));
          else if (strcmp (local, "language") == 0)
            set_once (&dc_language, clean_language (plain_line (walk, child, FALSE)));
          else if (strcmp (local, "date") == 0)
            set_once (&dc_date, date_of (walk, child));
        }
      else if (kind == NS_DCTERMS && strcmp (local, "modified") == 0)
        set_once (&modified, date_of (walk, child));
      else if (kind == NS_DCTERMS && (strcmp (local, "issued") == 0 || strcmp (local, "created") == 0))
        set_once (&dc_date, date_of (walk, child));
      else if (is_atom (kind) && strcmp (local, "link") == 0)
        add_atom_link (walk, child, &links);
      else if (kind == NS_ITUNES && (strcmp (local, "summary") == 0 || strcmp (local, "subtitle") == 0))
        set_once (&summary, plain_line (walk, child, FALSE));
    }

  if (feed->title == NULL)
    feed->title = g_steal_pointer (&dc_title);
  if (feed->description == NULL)
    feed->description = first_of (&dc_description, &summary, NULL);
  if (feed->language == NULL)
    feed->language = g_steal_pointer (&dc_language);
  if (feed->language == NULL)
    feed->language = language_of (channel);
  if (feed->updated == NULL)
    feed->updated = first_of (&modified, &dc_date, &pub_date);
  if (feed->link == NULL)
    feed->link = links_best (&links);
  feed->feed_url = g_steal_pointer (&links.self);
}

static void
parse_rss_items (Walk    *walk,
                 xmlNode *parent)
{
  for (xmlNode *child = parent->children; child != NULL && !walk->unsafe; child = child->next)
    {
      const char *local;

      if (child->type == XML_ELEMENT_NODE && is_core (kind_of (walk, child, &local)) &&
          g_ascii_strcasecmp (local, "item") == 0)
        parse_rss_item (walk, child);
    }
}

static xmlNode *
find_child (Walk       *walk,
            xmlNode    *parent,
            const char *name)
{
  for (xmlNode *child = parent->children; child != NULL; child = child->next)
    {
      const char *local;

      if (child->type == XML_ELEMENT_NODE && is_core (kind_of (walk, child, &local)) &&
          g_ascii_strcasecmp (local, name) == 0)
        return child;
    }
  return NULL;
}

/* The document */

AttacheFeed *
_attache_feed_parse_xml (AttacheXmlSource  *source,
                         GError           **error)
{
  g_autoptr(AttacheFeed) feed = NULL;
  xmlNode *root = xmlDocGetRootElement (source->doc);
  const char *local;
  NsKind kind = element_kind (root, &local);
  Walk walk = { 0 };

  walk.doc = source->doc;
  walk.budget = expansion_budget (source->input_length);

  if (g_ascii_strcasecmp (local, "html") == 0 || kind == NS_XHTML)
    {
      g_set_error (error, ATTACHE_FEED_ERROR, ATTACHE_FEED_ERROR_NOT_A_FEED,
                   _("not a feed: this is a web page"));
      return NULL;
    }
  if (strcmp (local, "opml") == 0)
    {
      g_set_error (error, ATTACHE_FEED_ERROR, ATTACHE_FEED_ERROR_NOT_A_FEED,
                   _("not a feed: an OPML subscription list; import it as a list of feeds"));
      return NULL;
    }

  feed = _attache_feed_new ();
  walk.feed = feed;
  walk.feed_authors = g_ptr_array_new_with_free_func (g_free);

  if (g_ascii_strcasecmp (local, "rss") == 0 && (is_core (kind) || kind == NS_OTHER))
    {
      xmlNode *channel;

      if (kind == NS_OTHER)
        {
          walk.has_home = TRUE;
          /* An undeclared prefix has no namespace at all. */
          walk.home_ns = root->ns != NULL ? root->ns->href : NULL;
          walk.home_kind = NS_NONE;
        }

      channel = find_child (&walk, root, "channel");
      feed->format = ATTACHE_FEED_FORMAT_RSS;
      feed->version = trimmed (attribute (root, "version"));
      if (channel != NULL)
        {
          parse_rss_channel (&walk, channel);
          parse_rss_items (&walk, channel);
        }
      parse_rss_items (&walk, root);
    }
  else if (g_ascii_strcasecmp (local, "channel") == 0 && is_core (kind))
    {
      feed->format = ATTACHE_FEED_FORMAT_RSS;
      parse_rss_channel (&walk, root);
      parse_rss_items (&walk, root);
    }
  else if (strcmp (local, "RDF") == 0 && (kind == NS_RDF || kind == NS_NONE))
    {
      xmlNode *channel = find_child (&walk, root, "channel");
      gboolean rss090 = FALSE, rss_declared = FALSE;

      for (xmlNs *ns = root->nsDef; ns != NULL; ns = ns->next)
        {
          NsKind declared = ns->href != NULL ? ns_kind_of_uri ((const char *) ns->href) : NS_OTHER;

          rss090 |= declared == NS_RSS090;
          rss_declared |= declared == NS_RSS090 || declared == NS_RSS1;
        }

      if (channel == NULL && !rss_declared && find_child (&walk, root, "item") == NULL)
        {
          g_set_error (error, ATTACHE_FEED_ERROR, ATTACHE_FEED_ERROR_NOT_A_FEED,
                       _("not a feed: an RDF document without a channel"));
          g_ptr_array_unref (walk.feed_authors);
          return NULL;
        }

      feed->format = ATTACHE_FEED_FORMAT_RDF;
      feed->version = g_strdup (rss090 ? "0.90" : "1.0");
      if (channel != NULL)
        {
          parse_rss_channel (&walk, channel);
          parse_rss_items (&walk, channel);
        }
      parse_rss_items (&walk, root);
    }
  else if (strcmp (local, "feed") == 0 && (is_atom (kind) || kind == NS_NONE || kind == NS_OTHER))
    {
      g_autofree char *version = trimmed (attribute (root, "version"));

      if (!is_atom (kind))
        {
          /* no namespace, or a draft's: its elements are Atom's */
          walk.has_home = TRUE;
          walk.home_ns = root->ns != NULL ? root->ns->href : NULL;
          walk.home_kind = NS_ATOM;
        }

      feed->format = ATTACHE_FEED_FORMAT_ATOM;
      feed->version = g_strdup (kind == NS_ATOM03 || g_strcmp0 (version, "0.3") == 0 ? "0.3" : "1.0");
      parse_atom_feed (&walk, root);
    }
  else if (strcmp (local, "entry") == 0 && is_atom (kind))
    {
      /* an Atom entry document: a feed of one */
      feed->format = ATTACHE_FEED_FORMAT_ATOM;
      feed->version = g_strdup (kind == NS_ATOM03 ? "0.3" : "1.0");
      parse_atom_entry (&walk, root);
    }
  else
    {
      g_autofree char *name = g_utf8_make_valid ((const char *) root->name, MIN (strlen ((const char *) root->name), 40));

      g_set_error (error, ATTACHE_FEED_ERROR, ATTACHE_FEED_ERROR_NOT_A_FEED,
                   _("not a feed: an XML document whose root element is <%s>"), name);
      g_ptr_array_unref (walk.feed_authors);
      return NULL;
    }

  g_ptr_array_unref (walk.feed_authors);

  if (walk.unsafe)
    {
      g_set_error (error, ATTACHE_FEED_ERROR, ATTACHE_FEED_ERROR_UNSAFE,
                   _("refused: entities in the document would expand to more than %u MiB (an XML bomb)"),
                   budget_mib (walk.budget));
      return NULL;
    }

  feed->encoding = g_strdup (source->encoding);
  feed->recovered = source->recovered;
  return g_steal_pointer (&feed);
}
