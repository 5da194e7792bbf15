/* attache-briefing.h: a briefing, the document an analyst compiles from the library
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The in-memory form, shared by the store (the library's tables), the exports
 * (PDF, Markdown) and the window. A briefing is a title page's details, a
 * summary ("bottom line up front") and ordered sections of ordered blocks.
 * Excerpts carry a snapshot of what they quote and of their source, so that a
 * later edit or deletion of the article changes nothing the briefing says.
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  ATTACHE_BRIEFING_DRAFT,
  ATTACHE_BRIEFING_FINAL,
} AttacheBriefingStatus;

typedef enum
{
  ATTACHE_BLOCK_TEXT,      /* the analyst's own text: a small Markdown subset */
  ATTACHE_BLOCK_EXCERPT,   /* a quoted passage of an article, with its source */
  ATTACHE_BLOCK_ARTICLE,   /* a reference to a whole article */
  ATTACHE_BLOCK_ACTORS,    /* key actors of the articles used: a table */
  ATTACHE_BLOCK_TOPICS,    /* topics of the articles used */
} AttacheBlockKind;

/* "text", "excerpt", "article", "actors", "topics" (a format: not translated). */
const char *attache_block_kind_to_string   (AttacheBlockKind  kind);
gboolean    attache_block_kind_from_string (const char       *text,
                                            AttacheBlockKind *kind);

/* Where an excerpt or a reference comes from, as it was when it was added. */
typedef struct
{
  gint64    article_id;    /* 0 when none */
  gboolean  removed;       /* the article is no longer in the library */
  char     *title;
  char     *publisher;     /* site name or source; may be NULL */
  char     *published;     /* YYYY-MM-DD; may be NULL */
  char     *url;           /* may be NULL */
} AttacheBriefingSource;

/* One row of a key-actors table. */
typedef struct
{
  char  *name;
  char  *type;             /* attache_actor_type_to_string() */
  guint  articles;
  guint  mentions;
} AttacheBriefingActorRow;

typedef struct
{
  gint64                 id;        /* 0 before it is stored */
  AttacheBlockKind       kind;
  char                  *text;      /* TEXT: Markdown; EXCERPT: the quoted snapshot; else NULL */
  guint                  from;      /* EXCERPT: character offsets in the article's text */
  guint                  to;        /*   (end exclusive) */
  AttacheBriefingSource  source;    /* EXCERPT, ARTICLE */
  GPtrArray             *actors;    /* ACTORS: AttacheBriefingActorRow; else NULL */
  GPtrArray             *topics;    /* TOPICS: char * labels; else NULL */
  guint                  max_rows;  /* ACTORS, TOPICS: the most rows a refresh keeps; 0 for the default */
} AttacheBriefingBlock;

typedef struct
{
  gint64     id;
  char      *heading;
  GPtrArray *blocks;              /* AttacheBriefingBlock, in order */
} AttacheBriefingSection;

typedef struct
{
  gint64                 id;
  char                  *title;
  char                  *subtitle;  /* may be NULL */
  char                  *author;    /* may be NULL */
  char                  *audience;  /* may be NULL */
  char                  *date;      /* YYYY-MM-DD; may be NULL (then the export's date) */
  char                  *marking;   /* handling marking, free text: "OFFICIAL-SENSITIVE"; may be NULL */
  AttacheBriefingStatus  status;
  char                  *summary;   /* Markdown; may be NULL */
  GPtrArray             *sections;  /* AttacheBriefingSection, in order */
  gint64                 created;   /* Unix time, seconds */
  gint64                 modified;
} AttacheBriefing;

AttacheBriefing        *attache_briefing_new          (const char            *title);
void                    attache_briefing_free         (AttacheBriefing       *briefing);
AttacheBriefingSection *attache_briefing_section_new  (const char            *heading);
void                    attache_briefing_section_free (AttacheBriefingSection *section);
AttacheBriefingBlock   *attache_briefing_block_new    (AttacheBlockKind       kind);
void                    attache_briefing_block_free   (AttacheBriefingBlock  *block);
void                    attache_briefing_actor_row_free (AttacheBriefingActorRow *row);

/* Deep copies (for Undo, and for a worker thread's own copy). */
AttacheBriefing        *attache_briefing_copy          (const AttacheBriefing        *briefing);
AttacheBriefingSection *attache_briefing_section_copy  (const AttacheBriefingSection *section);
AttacheBriefingBlock   *attache_briefing_block_copy    (const AttacheBriefingBlock   *block);

/* Citations, the same for every export. The sources the briefing cites (its
 * excerpts and article references) in the order they are first cited, one per
 * article: AttacheBriefingSource *, borrowed from the blocks. */
GPtrArray              *attache_briefing_collect_sources (const AttacheBriefing      *briefing);
/* The number of the source @block cites (1 for the first of @sources), 0 when
 * @block cites nothing. */
guint                   attache_briefing_citation_number (GPtrArray                  *sources,
                                                          const AttacheBriefingBlock *block);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AttacheBriefing, attache_briefing_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AttacheBriefingSection, attache_briefing_section_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AttacheBriefingBlock, attache_briefing_block_free)

G_END_DECLS
