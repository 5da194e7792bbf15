/* attache-opml.c: subscription lists in OPML, read and written
 *
 * Reading goes through the same safe XML reader as feeds (no network, no external
 * entities, bounded expansion). Writing produces OPML 2.0: one <outline
 * type="rss"> per feed with text, title, xmlUrl and htmlUrl.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "attache-opml"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include <libxml/tree.h>

#include "attache-feed-private.h"
#include "attache-opml.h"

struct _AttacheOpmlOutline
{
  char *title;
  char *xml_url;
  char *html_url;
};

G_DEFINE_BOXED_TYPE (AttacheOpmlOutline, attache_opml_outline,
                     attache_opml_outline_copy, attache_opml_outline_free)

AttacheOpmlOutline *
attache_opml_outline_new (const char *title,
                          const char *xml_url,
                          const char *html_url)
{
  AttacheOpmlOutline *outline;

  g_return_val_if_fail (xml_url != NULL, NULL);

  outline = g_new0 (AttacheOpmlOutline, 1);
  outline->title = g_strdup (title);
  outline->xml_url = g_strdup (xml_url);
  outline->html_url = g_strdup (html_url);

  return outline;
}

AttacheOpmlOutline *
attache_opml_outline_copy (const AttacheOpmlOutline *outline)
{
  g_return_val_if_fail (outline != NULL, NULL);

  return attache_opml_outline_new (outline->title, outline->xml_url, outline->html_url);
}

void
attache_opml_outline_free (AttacheOpmlOutline *outline)
{
  if (outline == NULL)
    return;

  g_free (outline->title);
  g_free (outline->xml_url);
  g_free (outline->html_url);
  g_free (outline);
}

const char *
attache_opml_outline_get_title (const AttacheOpmlOutline *outline)
{
  g_return_val_if_fail (outline != NULL, NULL);
  return outline->title;
}

const char *
attache_opml_outline_get_xml_url (const AttacheOpmlOutline *outline)
{
  g_return_val_if_fail (outline != NULL, NULL);
  return outline->xml_url;
}

const char *
attache_opml_outline_get_html_url (const AttacheOpmlOutline *outline)
{
  g_return_val_if_fail (outline != NULL, NULL);
  return outline->html_url;
}

/* Reading */

/* An attribute by name in any case: exporters write xmlUrl, xmlurl and XMLURL. */
static char *
attribute_nocase (xmlNode    *node,
                  const char *name)
{
  for (xmlAttr *attr = node->properties; attr != NULL; attr = attr->next)
    {
      if (g_ascii_strcasecmp ((const char *) attr->name, name) == 0)
        {
          xmlChar *value = xmlNodeGetContent ((xmlNode *) attr);
          char *clean = _attache_feed_clean_line ((const char *) value);

          xmlFree (value);
          return clean;
        }
    }

  return NULL;
}

static void
collect_outlines (xmlNode   *parent,
                  GPtrArray *outlines,
                  int        depth)
{
  if (depth > 64)
    return;

  for (xmlNode *node = parent->children; node != NULL; node = node->next)
    {
      g_autofree char *xml_url = NULL;

      if (node->type != XML_ELEMENT_NODE || g_ascii_strcasecmp ((const char *) node->name, "outline") != 0)
        continue;

      xml_url = attribute_nocase (node, "xmlUrl");
      if (xml_url != NULL)
        {
          AttacheOpmlOutline *outline = g_new0 (AttacheOpmlOutline, 1);

          outline->title = attribute_nocase (node, "title");
          if (outline->title == NULL)
            outline->title = attribute_nocase (node, "text");
          outline->xml_url = g_steal_pointer (&xml_url);
          outline->html_url = attribute_nocase (node, "htmlUrl");
          g_ptr_array_add (outlines, outline);
        }

      /* folders, and feeds nested under feeds */
      collect_outlines (node, outlines, depth + 1);
    }
}

GPtrArray *
attache_opml_parse (GBytes  *bytes,
                    GError **error)
{
  AttacheXmlSource source = { 0 };
  g_autoptr(GPtrArray) outlines = NULL;
  const guchar *data;
  gsize len;
  xmlNode *root, *body = NULL;

  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  data = g_bytes_get_data (bytes, &len);
  if (len > ATTACHE_FEED_MAX_SIZE)
    {
      g_set_error (error, ATTACHE_FEED_ERROR, ATTACHE_FEED_ERROR_TOO_LARGE,
                   _("the subscription list is larger than %u MiB; it was not read"),
                   (guint) (ATTACHE_FEED_MAX_SIZE / (1024 * 1024)));
      return NULL;
    }

  {
    gsize i = 0;

    while (i < len && g_ascii_isspace (data[i]))
      i++;
    if (i == len)
      {
        g_set_error (error, ATTACHE_FEED_ERROR, ATTACHE_FEED_ERROR_EMPTY,
                     _("the subscription list is empty"));
        return NULL;
      }
  }

  if (!_attache_xml_read (data, len, NULL, &source, error))
    return NULL;

  root = xmlDocGetRootElement (source.doc);
  if (g_ascii_strcasecmp ((const char *) root->name, "opml") != 0)
    {
      g_set_error (error, ATTACHE_FEED_ERROR, ATTACHE_FEED_ERROR_NOT_A_FEED,
                   _("not an OPML subscription list: the document’s root element is <%s>"),
                   (const char *) root->name);
      _attache_xml_source_clear (&source);
      return NULL;
    }

  for (xmlNode *node = root->children; node != NULL; node = node->next)
    if (node->type == XML_ELEMENT_NODE && g_ascii_strcasecmp ((const char *) node->name, "body") == 0)
      body = node;

  outlines = g_ptr_array_new_with_free_func ((GDestroyNotify) attache_opml_outline_free);
  if (body != NULL)
    collect_outlines (body, outlines, 0);

  _attache_xml_source_clear (&source);
  return g_steal_pointer (&outlines);
}

/* Writing */

GBytes *
attache_opml_write (GPtrArray  *outlines,
                    GError    **error)
{
  xmlDoc *doc;
  xmlNode *root, *head, *body;
  xmlChar *memory = NULL;
  int size = 0;
  GBytes *bytes;

  g_return_val_if_fail (outlines != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  /* Check everything before writing anything. */
  for (guint i = 0; i < outlines->len; i++)
    {
      AttacheOpmlOutline *outline = g_ptr_array_index (outlines, i);

      if (outline == NULL || outline->xml_url == NULL || outline->xml_url[0] == '\0')
        {
          g_set_error (error, ATTACHE_FEED_ERROR, ATTACHE_FEED_ERROR_MALFORMED,
                       _("subscription %u has no feed address"), i + 1);
          return NULL;
        }
      if (!g_utf8_validate (outline->xml_url, -1, NULL) ||
          (outline->title != NULL && !g_utf8_validate (outline->title, -1, NULL)) ||
          (outline->html_url != NULL && !g_utf8_validate (outline->html_url, -1, NULL)))
        {
          g_set_error (error, ATTACHE_FEED_ERROR, ATTACHE_FEED_ERROR_MALFORMED,
                       _("subscription %u has text that is not valid UTF-8"), i + 1);
          return NULL;
        }
    }

  doc = xmlNewDoc ((const xmlChar *) "1.0");
  root = xmlNewNode (NULL, (const xmlChar *) "opml");
  xmlNewProp (root, (const xmlChar *) "version", (const xmlChar *) "2.0");
  xmlDocSetRootElement (doc, root);

  head = xmlNewChild (root, NULL, (const xmlChar *) "head", NULL);
  xmlNewTextChild (head, NULL, (const xmlChar *) "title", (const xmlChar *) "Attaché");
  body = xmlNewChild (root, NULL, (const xmlChar *) "body", NULL);

  for (guint i = 0; i < outlines->len; i++)
    {
      AttacheOpmlOutline *outline = g_ptr_array_index (outlines, i);
      const char *text = outline->title != NULL && outline->title[0] != '\0' ? outline->title : outline->xml_url;
      xmlNode *node = xmlNewChild (body, NULL, (const xmlChar *) "outline", NULL);

      /* xmlNewProp escapes on output: & < > " and white space in attributes */
      xmlNewProp (node, (const xmlChar *) "type", (const xmlChar *) "rss");
      xmlNewProp (node, (const xmlChar *) "text", (const xmlChar *) text);
      if (outline->title != NULL && outline->title[0] != '\0')
        xmlNewProp (node, (const xmlChar *) "title", (const xmlChar *) outline->title);
      xmlNewProp (node, (const xmlChar *) "xmlUrl", (const xmlChar *) outline->xml_url);
      if (outline->html_url != NULL && outline->html_url[0] != '\0')
        xmlNewProp (node, (const xmlChar *) "htmlUrl", (const xmlChar *) outline->html_url);
    }

  xmlDocDumpFormatMemoryEnc (doc, &memory, &size, "UTF-8", 1);
  xmlFreeDoc (doc);

  if (memory == NULL)
    {
      g_set_error (error, ATTACHE_FEED_ERROR, ATTACHE_FEED_ERROR_MALFORMED,
                   _("the subscription list could not be written (out of memory)"));
      return NULL;
    }

  bytes = g_bytes_new (memory, size);
  xmlFree (memory);
  return bytes;
}
