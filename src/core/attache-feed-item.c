/* attache-feed-item.c: one item (entry) of a news feed
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "attache-feed-item"

#include "config.h"

#include "attache-feed-private.h"

G_DEFINE_FINAL_TYPE (AttacheFeedItem, attache_feed_item, G_TYPE_OBJECT)

/* Read-only: an item is filled by the parser before anyone sees it. The properties
 * are there for GtkExpression lookups in list rows. */
enum {
  PROP_0,
  PROP_ID,
  PROP_TITLE,
  PROP_LINK,
  PROP_PUBLISHED,
  PROP_UPDATED,
  PROP_SUMMARY,
  PROP_CONTENT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
attache_feed_item_finalize (GObject *object)
{
  AttacheFeedItem *self = ATTACHE_FEED_ITEM (object);

  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->link, g_free);
  g_clear_pointer (&self->published, g_free);
  g_clear_pointer (&self->updated, g_free);
  g_clear_pointer (&self->authors, g_ptr_array_unref);
  g_clear_pointer (&self->categories, g_ptr_array_unref);
  g_clear_pointer (&self->summary, g_free);
  g_clear_pointer (&self->content, g_free);
  g_clear_pointer (&self->enclosure_url, g_free);
  g_clear_pointer (&self->enclosure_type, g_free);
  g_clear_pointer (&self->base_uri, g_free);
  g_clear_pointer (&self->language, g_free);

  G_OBJECT_CLASS (attache_feed_item_parent_class)->finalize (object);
}

static void
attache_feed_item_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  AttacheFeedItem *self = ATTACHE_FEED_ITEM (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;
    case PROP_LINK:
      g_value_set_string (value, self->link);
      break;
    case PROP_PUBLISHED:
      g_value_set_string (value, self->published);
      break;
    case PROP_UPDATED:
      g_value_set_string (value, self->updated);
      break;
    case PROP_SUMMARY:
      g_value_set_string (value, self->summary);
      break;
    case PROP_CONTENT:
      g_value_set_string (value, self->content);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
attache_feed_item_class_init (AttacheFeedItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = attache_feed_item_finalize;
  object_class->get_property = attache_feed_item_get_property;

#define STRING_PROP(name) \
  g_param_spec_string (name, NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS)
  properties[PROP_ID] = STRING_PROP ("id");
  properties[PROP_TITLE] = STRING_PROP ("title");
  properties[PROP_LINK] = STRING_PROP ("link");
  properties[PROP_PUBLISHED] = STRING_PROP ("published");
  properties[PROP_UPDATED] = STRING_PROP ("updated");
  properties[PROP_SUMMARY] = STRING_PROP ("summary");
  properties[PROP_CONTENT] = STRING_PROP ("content");
#undef STRING_PROP

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
attache_feed_item_init (AttacheFeedItem *self)
{
  self->authors = g_ptr_array_new_null_terminated (1, g_free, TRUE);
  self->categories = g_ptr_array_new_null_terminated (1, g_free, TRUE);
}

AttacheFeedItem *
_attache_feed_item_new (void)
{
  return g_object_new (ATTACHE_TYPE_FEED_ITEM, NULL);
}

static void
add_unique (GPtrArray *array,
            char      *value)
{
  if (value == NULL)
    return;

  if (value[0] == '\0')
    {
      g_free (value);
      return;
    }

  for (guint i = 0; i < array->len; i++)
    {
      if (g_strcmp0 (g_ptr_array_index (array, i), value) == 0)
        {
          g_free (value);
          return;
        }
    }

  g_ptr_array_add (array, value);
}

void
_attache_feed_item_add_author (AttacheFeedItem *self,
                               char            *value)
{
  g_assert (ATTACHE_IS_FEED_ITEM (self));
  add_unique (self->authors, value);
}

void
_attache_feed_item_add_category (AttacheFeedItem *self,
                                 char            *value)
{
  g_assert (ATTACHE_IS_FEED_ITEM (self));
  add_unique (self->categories, value);
}

void
_attache_feed_item_finish (AttacheFeedItem *self)
{
  g_assert (ATTACHE_IS_FEED_ITEM (self));

  if (self->id == NULL && self->link != NULL)
    self->id = g_strdup (self->link);
}

const char *
attache_feed_item_get_id (AttacheFeedItem *self)
{
  g_return_val_if_fail (ATTACHE_IS_FEED_ITEM (self), NULL);
  return self->id;
}

const char *
attache_feed_item_get_title (AttacheFeedItem *self)
{
  g_return_val_if_fail (ATTACHE_IS_FEED_ITEM (self), NULL);
  return self->title;
}

const char *
attache_feed_item_get_link (AttacheFeedItem *self)
{
  g_return_val_if_fail (ATTACHE_IS_FEED_ITEM (self), NULL);
  return self->link;
}

const char *
attache_feed_item_get_published (AttacheFeedItem *self)
{
  g_return_val_if_fail (ATTACHE_IS_FEED_ITEM (self), NULL);
  return self->published;
}

const char *
attache_feed_item_get_updated (AttacheFeedItem *self)
{
  g_return_val_if_fail (ATTACHE_IS_FEED_ITEM (self), NULL);
  return self->updated;
}

const char * const *
attache_feed_item_get_authors (AttacheFeedItem *self)
{
  g_return_val_if_fail (ATTACHE_IS_FEED_ITEM (self), NULL);
  return (const char * const *) self->authors->pdata;
}

const char * const *
attache_feed_item_get_categories (AttacheFeedItem *self)
{
  g_return_val_if_fail (ATTACHE_IS_FEED_ITEM (self), NULL);
  return (const char * const *) self->categories->pdata;
}

const char *
attache_feed_item_get_summary (AttacheFeedItem *self)
{
  g_return_val_if_fail (ATTACHE_IS_FEED_ITEM (self), NULL);
  return self->summary;
}

AttacheFeedTextType
attache_feed_item_get_summary_type (AttacheFeedItem *self)
{
  g_return_val_if_fail (ATTACHE_IS_FEED_ITEM (self), ATTACHE_FEED_TEXT_PLAIN);
  return self->summary_type;
}

const char *
attache_feed_item_get_content (AttacheFeedItem *self)
{
  g_return_val_if_fail (ATTACHE_IS_FEED_ITEM (self), NULL);
  return self->content;
}

AttacheFeedTextType
attache_feed_item_get_content_type (AttacheFeedItem *self)
{
  g_return_val_if_fail (ATTACHE_IS_FEED_ITEM (self), ATTACHE_FEED_TEXT_PLAIN);
  return self->content_type;
}

char *
attache_feed_item_dup_plain_summary (AttacheFeedItem *self,
                                     guint            max_chars)
{
  const char *source;
  AttacheFeedTextType type;
  g_autofree char *text = NULL;

  g_return_val_if_fail (ATTACHE_IS_FEED_ITEM (self), NULL);

  if (self->summary != NULL)
    {
      source = self->summary;
      type = self->summary_type;
    }
  else if (self->content != NULL)
    {
      source = self->content;
      type = self->content_type;
    }
  else
    return NULL;

  if (type == ATTACHE_FEED_TEXT_HTML)
    text = _attache_feed_html_to_text (source);
  else
    text = _attache_feed_clean_line (source);

  if (text == NULL)
    return NULL;

  if (max_chars > 0 && g_utf8_strlen (text, -1) > (glong) max_chars)
    {
      /* Cut at the last space before the limit when there is one not too far back. */
      char *end = g_utf8_offset_to_pointer (text, max_chars);
      char *space = g_utf8_strrchr (text, end - text, ' ');
      GString *cut;

      if (space != NULL && g_utf8_pointer_to_offset (text, space) > (glong) max_chars * 2 / 3)
        end = space;
      cut = g_string_new_len (text, end - text);
      g_string_append (cut, "…");
      return g_string_free (cut, FALSE);
    }

  return g_steal_pointer (&text);
}

const char *
attache_feed_item_get_enclosure_url (AttacheFeedItem *self)
{
  g_return_val_if_fail (ATTACHE_IS_FEED_ITEM (self), NULL);
  return self->enclosure_url;
}

const char *
attache_feed_item_get_enclosure_type (AttacheFeedItem *self)
{
  g_return_val_if_fail (ATTACHE_IS_FEED_ITEM (self), NULL);
  return self->enclosure_type;
}

const char *
attache_feed_item_get_base_uri (AttacheFeedItem *self)
{
  g_return_val_if_fail (ATTACHE_IS_FEED_ITEM (self), NULL);
  return self->base_uri;
}

const char *
attache_feed_item_get_language (AttacheFeedItem *self)
{
  g_return_val_if_fail (ATTACHE_IS_FEED_ITEM (self), NULL);
  return self->language;
}
