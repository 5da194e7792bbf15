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
