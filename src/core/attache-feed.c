/* attache-feed.c: a news feed parsed from bytes, and the choice of parser
 *
 * The bytes decide: JSON for a JSON Feed, otherwise XML (RSS 0.9x/1.0/2.0, Atom
 * 1.0/0.3), read by attache-feed-xml.c through the safe reader. A web page, plain
 * text or another kind of document is refused with a message saying what it is.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "attache-feed"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "attache-feed-private.h"

static void attache_feed_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (AttacheFeed, attache_feed, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, attache_feed_list_model_init))

G_DEFINE_QUARK (attache-feed-error-quark, attache_feed_error)

enum {
  PROP_0,
  PROP_TITLE,
  PROP_LINK,
  PROP_DESCRIPTION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static GType
attache_feed_get_item_type (GListModel *model)
{
  return ATTACHE_TYPE_FEED_ITEM;
}

static guint
attache_feed_list_get_n_items (GListModel *model)
{
  return ATTACHE_FEED (model)->items->len;
}

static gpointer
attache_feed_list_get_item (GListModel *model,
                            guint       position)
{
  AttacheFeed *self = ATTACHE_FEED (model);

  if (position >= self->items->len)
    return NULL;

  return g_object_ref (g_ptr_array_index (self->items, position));
}

static void
attache_feed_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = attache_feed_get_item_type;
  iface->get_n_items = attache_feed_list_get_n_items;
  iface->get_item = attache_feed_list_get_item;
}

static void
attache_feed_finalize (GObject *object)
{
  AttacheFeed *self = ATTACHE_FEED (object);

  g_clear_pointer (&self->version, g_free);
  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->link, g_free);
  g_clear_pointer (&self->feed_url, g_free);
  g_clear_pointer (&self->description, g_free);
  g_clear_pointer (&self->language, g_free);
  g_clear_pointer (&self->updated, g_free);
  g_clear_pointer (&self->encoding, g_free);
  g_clear_pointer (&self->items, g_ptr_array_unref);

  G_OBJECT_CLASS (attache_feed_parent_class)->finalize (object);
}

static void
attache_feed_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  AttacheFeed *self = ATTACHE_FEED (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;
    case PROP_LINK:
      g_value_set_string (value, self->link);
      break;
    case PROP_DESCRIPTION:
      g_value_set_string (value, self->description);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
attache_feed_class_init (AttacheFeedClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = attache_feed_finalize;
  object_class->get_property = attache_feed_get_property;

  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_LINK] =
    g_param_spec_string ("link", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_DESCRIPTION] =
    g_param_spec_string ("description", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
attache_feed_init (AttacheFeed *self)
{
  self->items = g_ptr_array_new_with_free_func (g_object_unref);
}

AttacheFeed *
_attache_feed_new (void)
{
  return g_object_new (ATTACHE_TYPE_FEED, NULL);
}

void
_attache_feed_add_item (AttacheFeed     *self,
                        AttacheFeedItem *item)
{
  g_assert (ATTACHE_IS_FEED (self));
  g_assert (ATTACHE_IS_FEED_ITEM (item));

  _attache_feed_item_finish (item);
  g_ptr_array_add (self->items, item);
}

/* Choosing the parser */

static gboolean
is_space (guchar c)
{
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

static const char *
skip_space (const char *p,
            const char *end)
{
  while (p < end && is_space (*p))
    p++;
  return p;
}

static gboolean
has_prefix_nocase (const char *p,
                   const char *end,
                   const char *prefix)
{
  gsize n = strlen (prefix);

  return (gsize) (end - p) >= n && g_ascii_strncasecmp (p, prefix, n) == 0;
}

/* Finds the start tag <@name (ASCII, any case; "<feed" is not "<feedback") in
 * the first 64 KiB. */
static gboolean
contains_tag (const char *p,
              const char *end,
              const char *name)
{
  gsize n = strlen (name);

  if ((gsize) (end - p) > 64 * 1024)
    end = p + 64 * 1024;

  for (; p + n + 2 <= end; p++)
    if (*p == '<' && g_ascii_strncasecmp (p + 1, name, n) == 0 &&
        (is_space (p[n + 1]) || p[n + 1] == '>' || p[n + 1] == '/'))
      return TRUE;

  return FALSE;
}

/* A feed's root tag, somewhere near the start (junk may come before it). */
static gboolean
mentions_feed_root (const char *p,
                    const char *end)
{
  return contains_tag (p, end, "rss") || contains_tag (p, end, "feed") ||
         contains_tag (p, end, "rdf:RDF") || contains_tag (p, end, "channel");
}

/* Skips white space, the XML declaration, comments and a doctype at the start,
 * to find what the document opens with. */
static const char *
first_element (const char *p,
               const char *end)
{
  for (;;)
    {
      const char *close = NULL;

      p = skip_space (p, end);
      if (has_prefix_nocase (p, end, "<?"))
        close = g_strstr_len (p, end - p, "?>");
      else if (has_prefix_nocase (p, end, "<!--"))
        close = g_strstr_len (p, end - p, "-->");
      else if (has_prefix_nocase (p, end, "<!doctype") && !has_prefix_nocase (p, end, "<!doctype html"))
        close = memchr (p, '>', end - p);
      else
        return p;

      if (close == NULL)
        return end;
      p = close + 1;
    }
}

AttacheFeed *
attache_feed_parse (GBytes      *bytes,
                    const char  *base_uri,
                    GError     **error)
{
  const guchar *data;
  gsize len;
  g_autofree char *unicode = NULL;
  const char *encoding = NULL;
  const char *text, *end, *start;
  gsize text_len;

  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  data = g_bytes_get_data (bytes, &len);
  if (len > ATTACHE_FEED_MAX_SIZE)
    {
      g_set_error (error, ATTACHE_FEED_ERROR, ATTACHE_FEED_ERROR_TOO_LARGE,
                   _("the feed is larger than %u MiB; it was not read"),
                   (guint) (ATTACHE_FEED_MAX_SIZE / (1024 * 1024)));
      return NULL;
    }

  /* Sniff in UTF-8 when the bytes are UTF-16 or UTF-32; the XML reader decodes
   * again from the original bytes, honouring the declaration. */
  unicode = _attache_feed_decode_unicode (data, len, &text_len, &encoding);
  if (unicode != NULL)
    text = unicode;
  else
    {
      text = (const char *) data;
      text_len = len;
      if (text_len >= 3 && memcmp (text, "\xef\xbb\xbf", 3) == 0)
        {
          text += 3;
          text_len -= 3;
        }
    }
  end = text + text_len;

  start = skip_space (text, end);
  if (start == end)
    {
      g_set_error (error, ATTACHE_FEED_ERROR, ATTACHE_FEED_ERROR_EMPTY, _("the feed is empty"));
      return NULL;
    }

  if (*start == '{')
    return _attache_feed_parse_json (start, end - start, base_uri, encoding != NULL ? encoding : "utf-8", error);

  if (*start == '[')
    {
      g_set_error (error, ATTACHE_FEED_ERROR, ATTACHE_FEED_ERROR_NOT_A_FEED,
                   _("not a feed: a JSON document, but not a JSON Feed"));
      return NULL;
    }

  if (*start != '<' && !mentions_feed_root (start, end))
    {
      g_set_error (error, ATTACHE_FEED_ERROR, ATTACHE_FEED_ERROR_NOT_A_FEED,
                   _("not a feed: the document is neither XML nor JSON"));
      return NULL;
    }

  {
    const char *first = first_element (start, end);

    if ((has_prefix_nocase (first, end, "<!doctype html") || has_prefix_nocase (first, end, "<html")) &&
        !mentions_feed_root (first, end))
      {
        g_set_error (error, ATTACHE_FEED_ERROR, ATTACHE_FEED_ERROR_NOT_A_FEED,
                     _("not a feed: this is a web page"));
        return NULL;
      }
  }

  {
    AttacheXmlSource source = { 0 };
    AttacheFeed *feed;

    if (!_attache_xml_read (data, len, base_uri, &source, error))
      return NULL;

    feed = _attache_feed_parse_xml (&source, error);
    _attache_xml_source_clear (&source);
    return feed;
  }
}

AttacheFeedFormat
attache_feed_get_format (AttacheFeed *self)
{
  g_return_val_if_fail (ATTACHE_IS_FEED (self), ATTACHE_FEED_FORMAT_RSS);
  return self->format;
}

const char *
attache_feed_get_version (AttacheFeed *self)
{
  g_return_val_if_fail (ATTACHE_IS_FEED (self), NULL);
  return self->version;
}

const char *
attache_feed_get_title (AttacheFeed *self)
{
  g_return_val_if_fail (ATTACHE_IS_FEED (self), NULL);
  return self->title;
}

const char *
attache_feed_get_link (AttacheFeed *self)
{
  g_return_val_if_fail (ATTACHE_IS_FEED (self), NULL);
  return self->link;
}

const char *
attache_feed_get_feed_url (AttacheFeed *self)
{
  g_return_val_if_fail (ATTACHE_IS_FEED (self), NULL);
  return self->feed_url;
}

const char *
attache_feed_get_description (AttacheFeed *self)
{
  g_return_val_if_fail (ATTACHE_IS_FEED (self), NULL);
  return self->description;
}

const char *
attache_feed_get_language (AttacheFeed *self)
{
  g_return_val_if_fail (ATTACHE_IS_FEED (self), NULL);
  return self->language;
}

const char *
attache_feed_get_updated (AttacheFeed *self)
{
  g_return_val_if_fail (ATTACHE_IS_FEED (self), NULL);
  return self->updated;
}

const char *
attache_feed_get_encoding (AttacheFeed *self)
{
  g_return_val_if_fail (ATTACHE_IS_FEED (self), NULL);
  return self->encoding;
}

gboolean
attache_feed_get_recovered (AttacheFeed *self)
{
  g_return_val_if_fail (ATTACHE_IS_FEED (self), FALSE);
  return self->recovered;
}

guint
attache_feed_get_n_items (AttacheFeed *self)
{
  g_return_val_if_fail (ATTACHE_IS_FEED (self), 0);
  return self->items->len;
}

AttacheFeedItem *
attache_feed_get_item (AttacheFeed *self,
                       guint        position)
{
  g_return_val_if_fail (ATTACHE_IS_FEED (self), NULL);

  if (position >= self->items->len)
    return NULL;

  return g_ptr_array_index (self->items, position);
}
