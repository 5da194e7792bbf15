/* attache-timeline.h: how often an actor or a topic comes up, day by day, week by week or month by month
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "attache-analysis.h"
#include "attache-library.h"

G_BEGIN_DECLS

typedef enum
{
  ATTACHE_TIMELINE_AUTO,    /* from the range of dates: at most about 60 bars */
  ATTACHE_TIMELINE_DAY,
  ATTACHE_TIMELINE_WEEK,    /* weeks start on Monday (ISO 8601) */
  ATTACHE_TIMELINE_MONTH,
} AttacheTimelineBucket;

typedef enum
{
  ATTACHE_TIMELINE_ACTOR,   /* counts are the actor's mentions */
  ATTACHE_TIMELINE_TOPIC,   /* counts are articles with the topic */
} AttacheTimelineKind;

/* One bar: the articles whose day falls in [start, start + one bucket). */
typedef struct
{
  GDate start;       /* the day, the Monday of the week, or the 1st of the month */
  guint count;       /* mentions of the actor, or articles with the topic */
  guint articles;    /* articles that mention the actor or have the topic */
} AttacheTimelineBin;

/* Immutable once loaded; reference counted. */
typedef struct
{
  AttacheTimelineKind    kind;
  AttacheTimelineBucket  bucket;       /* never AUTO once loaded */
  char                  *label;        /* the actor's name or the topic */
  AttacheActorType       actor_type;   /* ATTACHE_TIMELINE_ACTOR only */
  gint64                 actor_id;     /* ATTACHE_TIMELINE_ACTOR only */
  GArray                *bins;         /* AttacheTimelineBin, oldest first, every bucket
                                        * from the first to the last (empty ones too);
                                        * empty when nothing was found */
  guint                  total;        /* sum of the counts */
  guint                  articles;     /* sum of the articles */
  /* private */
  gatomicrefcount        ref_count;
} AttacheTimeline;

#define ATTACHE_TYPE_TIMELINE (attache_timeline_get_type ())

GType             attache_timeline_get_type (void) G_GNUC_CONST;
AttacheTimeline  *attache_timeline_ref      (AttacheTimeline *timeline);
void              attache_timeline_unref    (AttacheTimeline *timeline);

/* The bucket ATTACHE_TIMELINE_AUTO chooses for dates from @first to @last:
 * days up to 62 days, weeks up to 62 weeks, months beyond. */
AttacheTimelineBucket attache_timeline_choose_bucket (const GDate *first,
                                                      const GDate *last);
/* The first day of the bucket @date is in. */
void              attache_timeline_bucket_start     (AttacheTimelineBucket  bucket,
                                                     const GDate           *date,
                                                     GDate                 *start);

/* Builds a timeline from (day, count) pairs: @days are GDates, @counts guints
 * (NULL: 1 each), one per article. For tests and for data from elsewhere. */
AttacheTimeline  *attache_timeline_new_from_days    (AttacheTimelineKind    kind,
                                                     const char            *label,
                                                     AttacheTimelineBucket  bucket,
                                                     GArray                *days,
                                                     GArray                *counts);

/* Mentions of actor @actor_id per bucket, in the articles @article_ids (gint64;
 * NULL: the whole library), by each article's published day, else the day it
 * was imported. ATTACHE_DATABASE_ERROR_NOT_FOUND when there is no such actor.
 * Thread-safe; the asynchronous variants run it in a worker. */
AttacheTimeline  *attache_timeline_load_for_actor   (AttacheLibrary         *library,
                                                     gint64                  actor_id,
                                                     GArray                 *article_ids,
                                                     AttacheTimelineBucket   bucket,
                                                     GCancellable           *cancellable,
                                                     GError                **error);
/* Articles whose analysis found the topic @label (the same words; ASCII
 * letters in any case), per bucket. */
AttacheTimeline  *attache_timeline_load_for_topic   (AttacheLibrary         *library,
                                                     const char             *label,
                                                     GArray                 *article_ids,
                                                     AttacheTimelineBucket   bucket,
                                                     GCancellable           *cancellable,
                                                     GError                **error);

void              attache_timeline_load_for_actor_async (AttacheLibrary        *library,
                                                         gint64                 actor_id,
                                                         GArray                *article_ids,
                                                         AttacheTimelineBucket  bucket,
                                                         GCancellable          *cancellable,
                                                         GAsyncReadyCallback    callback,
                                                         gpointer               user_data);
void              attache_timeline_load_for_topic_async (AttacheLibrary        *library,
                                                         const char            *label,
                                                         GArray                *article_ids,
                                                         AttacheTimelineBucket  bucket,
                                                         GCancellable          *cancellable,
                                                         GAsyncReadyCallback    callback,
                                                         gpointer               user_data);
/* Finishes either. */
AttacheTimeline  *attache_timeline_load_finish          (GAsyncResult          *result,
                                                         GError               **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AttacheTimeline, attache_timeline_unref)

G_END_DECLS
