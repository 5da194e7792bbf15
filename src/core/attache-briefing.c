/* attache-briefing.c: a briefing in memory
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "attache-briefing.h"

static const char * const block_kinds[] = { "text", "excerpt", "article", "actors", "topics" };

const char *
attache_block_kind_to_string (AttacheBlockKind kind)
{
  g_return_val_if_fail ((guint) kind < G_N_ELEMENTS (block_kinds), NULL);

  return block_kinds[kind];
}

gboolean
attache_block_kind_from_string (const char       *text,
                                AttacheBlockKind *kind)
{
  g_return_val_if_fail (kind != NULL, FALSE);

  for (guint i = 0; text != NULL && i < G_N_ELEMENTS (block_kinds); i++)
    if (strcmp (text, block_kinds[i]) == 0)
      {
        *kind = (AttacheBlockKind) i;
        return TRUE;
      }
  return FALSE;
}

AttacheBriefing *
attache_briefing_new (const char *title)
{
  AttacheBriefing *briefing = g_new0 (AttacheBriefing, 1);

  briefing->title = g_strdup (title != NULL ? title : "");
  briefing->sections = g_ptr_array_new_with_free_func ((GDestroyNotify) attache_briefing_section_free);

  return briefing;
}

void
attache_briefing_free (AttacheBriefing *briefing)
{
  if (briefing == NULL)
    return;

  g_free (briefing->title);
  g_free (briefing->subtitle);
  g_free (briefing->author);
  g_free (briefing->audience);
  g_free (briefing->date);
  g_free (briefing->marking);
  g_free (briefing->summary);
  g_ptr_array_unref (briefing->sections);
  g_free (briefing);
}

AttacheBriefingSection *
attache_briefing_section_new (const char *heading)
{
  AttacheBriefingSection *section = g_new0 (AttacheBriefingSection, 1);

  section->heading = g_strdup (heading != NULL ? heading : "");
  section->blocks = g_ptr_array_new_with_free_func ((GDestroyNotify) attache_briefing_block_free);

  return section;
}

void
attache_briefing_section_free (AttacheBriefingSection *section)
{
  if (section == NULL)
    return;

  g_free (section->heading);
  g_ptr_array_unref (section->blocks);
  g_free (section);
}

AttacheBriefingBlock *
attache_briefing_block_new (AttacheBlockKind kind)
{
  AttacheBriefingBlock *block = g_new0 (AttacheBriefingBlock, 1);

  block->kind = kind;
  if (kind == ATTACHE_BLOCK_ACTORS)
    block->actors = g_ptr_array_new_with_free_func ((GDestroyNotify) attache_briefing_actor_row_free);
  else if (kind == ATTACHE_BLOCK_TOPICS)
    block->topics = g_ptr_array_new_with_free_func (g_free);

  return block;
}

void
attache_briefing_block_free (AttacheBriefingBlock *block)
{
  if (block == NULL)
    return;

  g_free (block->text);
  g_free (block->source.title);
  g_free (block->source.publisher);
  g_free (block->source.published);
  g_free (block->source.url);
  g_clear_pointer (&block->actors, g_ptr_array_unref);
  g_clear_pointer (&block->topics, g_ptr_array_unref);
  g_free (block);
}

void
attache_briefing_actor_row_free (AttacheBriefingActorRow *row)
{
  if (row == NULL)
    return;

  g_free (row->name);
  g_free (row->type);
  g_free (row);
}

static void
copy_source (AttacheBriefingSource       *to,
             const AttacheBriefingSource *from)
{
  to->article_id = from->article_id;
  to->removed = from->removed;
  to->title = g_strdup (from->title);
  to->publisher = g_strdup (from->publisher);
  to->published = g_strdup (from->published);
  to->url = g_strdup (from->url);
}

AttacheBriefingBlock *
attache_briefing_block_copy (const AttacheBriefingBlock *block)
{
  AttacheBriefingBlock *copy;

  g_return_val_if_fail (block != NULL, NULL);

  copy = attache_briefing_block_new (block->kind);
  copy->id = block->id;
  copy->text = g_strdup (block->text);
  copy->from = block->from;
  copy->to = block->to;
  copy->max_rows = block->max_rows;
  copy_source (&copy->source, &block->source);

  for (guint i = 0; block->actors != NULL && copy->actors != NULL && i < block->actors->len; i++)
    {
      const AttacheBriefingActorRow *row = g_ptr_array_index (block->actors, i);
      AttacheBriefingActorRow *row_copy = g_new0 (AttacheBriefingActorRow, 1);

      row_copy->name = g_strdup (row->name);
      row_copy->type = g_strdup (row->type);
      row_copy->articles = row->articles;
      row_copy->mentions = row->mentions;
      g_ptr_array_add (copy->actors, row_copy);
    }
  for (guint i = 0; block->topics != NULL && copy->topics != NULL && i < block->topics->len; i++)
    g_ptr_array_add (copy->topics, g_strdup (g_ptr_array_index (block->topics, i)));

  return copy;
}

AttacheBriefingSection *
attache_briefing_section_copy (const AttacheBriefingSection *section)
{
  AttacheBriefingSection *copy;

  g_return_val_if_fail (section != NULL, NULL);

  copy = attache_briefing_section_new (section->heading);
  copy->id = section->id;
  for (guint i = 0; i < section->blocks->len; i++)
    g_ptr_array_add (copy->blocks, attache_briefing_block_copy (g_ptr_array_index (section->blocks, i)));

  return copy;
}

AttacheBriefing *
attache_briefing_copy (const AttacheBriefing *briefing)
{
  AttacheBriefing *copy;

  g_return_val_if_fail (briefing != NULL, NULL);

  copy = attache_briefing_new (briefing->title);
  copy->id = briefing->id;
  copy->subtitle = g_strdup (briefing->subtitle);
  copy->author = g_strdup (briefing->author);
  copy->audience = g_strdup (briefing->audience);
  copy->date = g_strdup (briefing->date);
  copy->marking = g_strdup (briefing->marking);
  copy->status = briefing->status;
  copy->summary = g_strdup (briefing->summary);
  copy->created = briefing->created;
  copy->modified = briefing->modified;
  for (guint i = 0; i < briefing->sections->len; i++)
    g_ptr_array_add (copy->sections, attache_briefing_section_copy (g_ptr_array_index (briefing->sections, i)));

  return copy;
}

static gboolean
cites (const AttacheBriefingBlock *block)
{
  return block->kind == ATTACHE_BLOCK_EXCERPT || block->kind == ATTACHE_BLOCK_ARTICLE;
}

/* One source per article; a source without an article (never stored) is the
 * same as another with the same address, or else the same title and publisher. */
static gboolean
same_source (const AttacheBriefingSource *a,
             const AttacheBriefingSource *b)
{
  if (a->article_id != 0 || b->article_id != 0)
    return a->article_id == b->article_id;
  if (a->url != NULL || b->url != NULL)
    return g_strcmp0 (a->url, b->url) == 0;
  return g_strcmp0 (a->title, b->title) == 0 && g_strcmp0 (a->publisher, b->publisher) == 0;
}

GPtrArray *
attache_briefing_collect_sources (const AttacheBriefing *briefing)
{
  GPtrArray *sources;

  g_return_val_if_fail (briefing != NULL, NULL);

  sources = g_ptr_array_new ();
  for (guint i = 0; i < briefing->sections->len; i++)
    {
      const AttacheBriefingSection *section = g_ptr_array_index (briefing->sections, i);

      for (guint j = 0; j < section->blocks->len; j++)
        {
          const AttacheBriefingBlock *block = g_ptr_array_index (section->blocks, j);

          if (cites (block) && attache_briefing_citation_number (sources, block) == 0)
            g_ptr_array_add (sources, (gpointer) &block->source);
        }
    }

  return sources;
}

guint
attache_briefing_citation_number (GPtrArray                  *sources,
                                  const AttacheBriefingBlock *block)
{
  g_return_val_if_fail (sources != NULL, 0);
  g_return_val_if_fail (block != NULL, 0);

  if (!cites (block))
    return 0;

  for (guint i = 0; i < sources->len; i++)
    if (same_source (g_ptr_array_index (sources, i), &block->source))
      return i + 1;

  return 0;
}
