/* attache-feed-json.c: JSON Feed 1.0 and 1.1
 *
 * https://www.jsonfeed.org/version/1.1/ — a JSON object whose "version" is the
 * spec's URL. Members of the wrong type are ignored, never trusted.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "attache-feed"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <stdio.h>
#include <string.h>

#include "attache-feed-private.h"

/* Deeper nesting than this is refused before parsing: a JSON Feed needs four. */
#define MAX_DEPTH 128

static const char *
get_string (JsonObject *object,
            const char *name)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, name) : NULL;

  if (node == NULL || JSON_NODE_TYPE (node) != JSON_NODE_VALUE ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;

  return json_node_get_string (node);
}

static JsonObject *
get_object (JsonObject *object,
            const char *name)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, name) : NULL;

  if (node == NULL || JSON_NODE_TYPE (node) != JSON_NODE_OBJECT)
    return NULL;

  return json_node_get_object (node);
}

static JsonArray *
get_array (JsonObject *object,
           const char *name)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, name) : NULL;

  if (node == NULL || JSON_NODE_TYPE (node) != JSON_NODE_ARRAY)
    return NULL;

  return json_node_get_array (node);
}

static JsonObject *
array_object (JsonArray *array,
              guint      index)
{
  JsonNode *node = json_array_get_element (array, index);

  if (node == NULL || JSON_NODE_TYPE (node) != JSON_NODE_OBJECT)
    return NULL;

  return json_node_get_object (node);
}

/* A string, or a number written as one (ids are sometimes numbers). */
static char *
dup_id (JsonObject *object,
        const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || JSON_NODE_TYPE (node) != JSON_NODE_VALUE)
    return NULL;

  switch (json_node_get_value_type (node))
    {
    case G_TYPE_STRING:
      return _attache_feed_clean_line (json_node_get_string (node));
    case G_TYPE_INT64:
      return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
    case G_TYPE_DOUBLE:
      {
        char buf[G_ASCII_DTOSTR_BUF_SIZE];

        return g_strdup (g_ascii_dtostr (buf, sizeof buf, json_node_get_double (node)));
      }
    default:
      return NULL;
    }
}

/* Titles are plain text by the spec; publishers still put entities in them. */
static char *
plain_line (const char *text)
{
  if (_attache_feed_looks_like_html (text))
    return _attache_feed_html_to_text (text);
  return _attache_feed_clean_line (text);
}

static char *
resolve (const char *base,
         const char *value)
{
  g_autofree char *clean = _attache_feed_clean_line (value);
  const char *scheme;
  char *resolved;

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

  if (base == NULL)
    return g_steal_pointer (&clean);

  resolved = g_uri_resolve_relative (base, clean, G_URI_FLAGS_NONE, NULL);
  return resolved != NULL ? resolved : g_steal_pointer (&clean);
}

/* "author" (1.0) and "authors" (1.1): names, else URLs. */
static void
read_authors (JsonObject *object,
              GPtrArray  *names)
{
  JsonArray *authors = get_array (object, "authors");
  JsonObject *author = get_object (object, "author");
  guint n = authors != NULL ? json_array_get_length (authors) : 0;

  for (guint i = 0; i <= n; i++)
    {
      JsonObject *person = i < n ? array_object (authors, i) : author;
      const char *name;

      if (person == NULL)
        continue;
      name = get_string (person, "name");
      if (name == NULL)
        name = get_string (person, "url");
      if (name != NULL)
        {
          char *clean = _attache_feed_clean_line (name);

          if (clean != NULL)
            g_ptr_array_add (names, clean);
        }
    }
}

gboolean
_attache_json_too_deep (const char *text,
                        gsize       len)
{
  int depth = 0;
  gboolean in_string = FALSE;

  for (gsize i = 0; i < len; i++)
    {
      char c = text[i];

      if (in_string)
        {
          if (c == '\\')
            i++;
          else if (c == '"')
            in_string = FALSE;
        }
      else if (c == '"')
        in_string = TRUE;
      else if (c == '{' || c == '[')
        {
          if (++depth > MAX_DEPTH)
            return TRUE;
        }
      else if (c == '}' || c == ']')
        depth--;
    }

  return FALSE;
}

static void
parse_item (AttacheFeed *feed,
            JsonObject  *object,
            const char  *base,
            GPtrArray   *feed_authors)
{
  AttacheFeedItem *item = _attache_feed_item_new ();
  g_autoptr(GPtrArray) authors = g_ptr_array_new_with_free_func (g_free);
  JsonArray *tags, *attachments;
  const char *value;

  item->id = dup_id (object, "id");
  item->title = plain_line (get_string (object, "title"));
  item->link = resolve (base, get_string (object, "url"));
  if (item->link == NULL)
    item->link = resolve (base, get_string (object, "external_url"));
  item->published = _attache_feed_parse_date (get_string (object, "date_published"));
  item->updated = _attache_feed_parse_date (get_string (object, "date_modified"));

  value = get_string (object, "summary");
  if (value != NULL && value[0] != '\0')
    {
      item->summary = g_strstrip (g_strdup (value));
      item->summary_type = ATTACHE_FEED_TEXT_PLAIN;
    }

  value = get_string (object, "content_html");
  if (value != NULL && value[0] != '\0')
    {
      item->content = g_strdup (value);
      item->content_type = ATTACHE_FEED_TEXT_HTML;
    }
  else if ((value = get_string (object, "content_text")) != NULL && value[0] != '\0')
    {
      item->content = g_strdup (value);
      item->content_type = ATTACHE_FEED_TEXT_PLAIN;
    }

  read_authors (object, authors);
  if (authors->len == 0)
    for (guint i = 0; i < feed_authors->len; i++)
      g_ptr_array_add (authors, g_strdup (g_ptr_array_index (feed_authors, i)));
  for (guint i = 0; i < authors->len; i++)
    _attache_feed_item_add_author (item, g_strdup (g_ptr_array_index (authors, i)));

  tags = get_array (object, "tags");
  for (guint i = 0; tags != NULL && i < json_array_get_length (tags); i++)
    {
      JsonNode *node = json_array_get_element (tags, i);

      if (JSON_NODE_TYPE (node) == JSON_NODE_VALUE && json_node_get_value_type (node) == G_TYPE_STRING)
        _attache_feed_item_add_category (item, _attache_feed_clean_line (json_node_get_string (node)));
    }

  attachments = get_array (object, "attachments");
  for (guint i = 0; attachments != NULL && i < json_array_get_length (attachments); i++)
    {
      JsonObject *attachment = array_object (attachments, i);

      item->enclosure_url = resolve (base, get_string (attachment, "url"));
      if (item->enclosure_url != NULL)
        {
          item->enclosure_type = _attache_feed_clean_line (get_string (attachment, "mime_type"));
          break;
        }
    }

  item->base_uri = g_strdup (item->link != NULL ? item->link : base);
  item->language = _attache_feed_clean_line (get_string (object, "language"));

  _attache_feed_add_item (feed, item);
}

AttacheFeed *
_attache_feed_parse_json (const char  *text,
                          gsize        len,
                          const char  *base_uri,
                          const char  *encoding,
                          GError     **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) json_error = NULL;
  g_autoptr(AttacheFeed) feed = NULL;
  g_autoptr(GPtrArray) feed_authors = NULL;
  g_autofree char *valid = NULL;
  JsonNode *root;
  JsonObject *object;
  JsonArray *items;
  const char *version, *base;
  gboolean recovered = FALSE;

  if (_attache_json_too_deep (text, len))
    {
      g_set_error (error, ATTACHE_FEED_ERROR, ATTACHE_FEED_ERROR_UNSAFE,
                   _("refused: the JSON document nests deeper than %d levels"), MAX_DEPTH);
      return NULL;
    }

  if (!g_utf8_validate_len (text, len, NULL))
    {
      valid = g_utf8_make_valid (text, len);
      text = valid;
      len = strlen (valid);
      recovered = TRUE;
    }

  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, text, len, &json_error))
    {
      /* json-glib's message quotes the document, newlines and all: for the log */
      guint line = 0;

      g_debug ("json-glib: %s", json_error->message);
      if (sscanf (json_error->message, "<data>:%u:", &line) == 1 && line > 0)
        g_set_error (error, ATTACHE_FEED_ERROR, ATTACHE_FEED_ERROR_MALFORMED,
                     _("the JSON is broken beyond repair (line %u)"), line);
      else
        g_set_error (error, ATTACHE_FEED_ERROR, ATTACHE_FEED_ERROR_MALFORMED,
                     _("the JSON is broken beyond repair"));
      return NULL;
    }

  root = json_parser_get_root (parser);
  object = root != NULL && JSON_NODE_TYPE (root) == JSON_NODE_OBJECT ? json_node_get_object (root) : NULL;
  version = get_string (object, "version");
  if (version == NULL ||
      (!g_str_has_prefix (version, "https://jsonfeed.org/version/") &&
       !g_str_has_prefix (version, "http://jsonfeed.org/version/")))
    {
      g_set_error (error, ATTACHE_FEED_ERROR, ATTACHE_FEED_ERROR_NOT_A_FEED,
                   _("not a feed: a JSON document, but not a JSON Feed"));
      return NULL;
    }

  feed = _attache_feed_new ();
  feed->format = ATTACHE_FEED_FORMAT_JSON;
  {
    const char *number = strstr (version, "/version/") + strlen ("/version/");
    g_autofree char *clean = g_strdup (number);

    g_strdelimit (clean, "/", '\0');
    feed->version = g_strdup (strcmp (clean, "1") == 0 ? "1.0" : clean);
  }

  feed->feed_url = resolve (base_uri, get_string (object, "feed_url"));
  base = base_uri != NULL ? base_uri : feed->feed_url;
  feed->title = plain_line (get_string (object, "title"));
  feed->link = resolve (base, get_string (object, "home_page_url"));
  feed->description = plain_line (get_string (object, "description"));
  feed->language = _attache_feed_clean_line (get_string (object, "language"));
  feed->encoding = g_strdup (encoding);
  feed->recovered = recovered;

  feed_authors = g_ptr_array_new_with_free_func (g_free);
  read_authors (object, feed_authors);

  items = get_array (object, "items");
  for (guint i = 0; items != NULL && i < json_array_get_length (items); i++)
    {
      JsonObject *item = array_object (items, i);

      if (item != NULL)
        parse_item (feed, item, base, feed_authors);
    }

  return g_steal_pointer (&feed);
}
