/* attache-briefing-queue.c: the window's writes to briefings, one at a time
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "attache-briefing-queue"

#include "config.h"

#include "attache-briefing-queue.h"

typedef struct
{
  AttacheBriefingQueueFunc  func;
  gpointer                  data;
  GDestroyNotify            data_free;
  GAsyncReadyCallback       callback;
  gpointer                  user_data;
} Call;

struct _AttacheBriefingQueue
{
  GObject          parent_instance;

  AttacheLibrary  *library;      /* owned */
  GQueue           waiting;      /* Call */
  Call            *running;      /* or NULL */
  GApplication    *held;         /* owned while busy; NULL without an application */
  gboolean         busy;
};

G_DEFINE_FINAL_TYPE (AttacheBriefingQueue, attache_briefing_queue, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_BUSY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
call_free (Call *call)
{
  if (call->data_free != NULL && call->data != NULL)
    call->data_free (call->data);
  g_free (call);
}

static void run_next (AttacheBriefingQueue *self);

static void
call_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(AttacheBriefingQueue) self = user_data;
  Call *call = g_steal_pointer (&self->running);

  g_assert (call != NULL);

  if (call->callback != NULL)
    call->callback (object, result, call->user_data);
  call_free (call);

  run_next (self);
}

/* Busy from the first call pushed until the last has finished; the
 * application is held meanwhile. */
static void
set_busy (AttacheBriefingQueue *self,
          gboolean              busy)
{
  if (busy == self->busy)
    return;

  self->busy = busy;
  if (busy)
    {
      GApplication *application = g_application_get_default ();

      if (application != NULL)
        {
          self->held = g_object_ref (application);
          g_application_hold (self->held);
        }
    }
  else if (self->held != NULL)
    {
      g_autoptr(GApplication) application = g_steal_pointer (&self->held);

      g_application_release (application);
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

static void
run_next (AttacheBriefingQueue *self)
{
  Call *call;

  if (self->running != NULL)
    return;

  call = g_queue_pop_head (&self->waiting);
  if (call == NULL)
    {
      set_busy (self, FALSE);
      return;
    }

  self->running = call;
  /* No cancellable: a write asked for is written, even once the window that
   * asked is gone. */
  call->func (self->library, call->data, NULL, call_done_cb, g_object_ref (self));
}

static void
attache_briefing_queue_dispose (GObject *object)
{
  AttacheBriefingQueue *self = ATTACHE_BRIEFING_QUEUE (object);

  /* Calls under way hold a reference: nothing is running or waiting here. */
  g_assert (self->running == NULL);
  g_queue_clear_full (&self->waiting, (GDestroyNotify) call_free);
  if (self->held != NULL)
    {
      g_application_release (self->held);
      g_clear_object (&self->held);
    }
  g_clear_object (&self->library);

  G_OBJECT_CLASS (attache_briefing_queue_parent_class)->dispose (object);
}

static void
attache_briefing_queue_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  AttacheBriefingQueue *self = ATTACHE_BRIEFING_QUEUE (object);

  switch (prop_id)
    {
    case PROP_BUSY:
      g_value_set_boolean (value, attache_briefing_queue_get_busy (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
attache_briefing_queue_class_init (AttacheBriefingQueueClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = attache_briefing_queue_dispose;
  object_class->get_property = attache_briefing_queue_get_property;

  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
attache_briefing_queue_init (AttacheBriefingQueue *self)
{
  g_queue_init (&self->waiting);
}

AttacheBriefingQueue *
attache_briefing_queue_new (AttacheLibrary *library)
{
  AttacheBriefingQueue *self;

  g_return_val_if_fail (ATTACHE_IS_LIBRARY (library), NULL);

  self = g_object_new (ATTACHE_TYPE_BRIEFING_QUEUE, NULL);
  self->library = g_object_ref (library);

  return self;
}

AttacheLibrary *
attache_briefing_queue_get_library (AttacheBriefingQueue *self)
{
  g_return_val_if_fail (ATTACHE_IS_BRIEFING_QUEUE (self), NULL);

  return self->library;
}

void
attache_briefing_queue_push (AttacheBriefingQueue     *self,
                             AttacheBriefingQueueFunc  func,
                             gpointer                  data,
                             GDestroyNotify            data_free,
                             GAsyncReadyCallback       callback,
                             gpointer                  user_data)
{
  Call *call;

  g_return_if_fail (ATTACHE_IS_BRIEFING_QUEUE (self));
  g_return_if_fail (func != NULL);

  call = g_new0 (Call, 1);
  call->func = func;
  call->data = data;
  call->data_free = data_free;
  call->callback = callback;
  call->user_data = user_data;

  g_queue_push_tail (&self->waiting, call);
  set_busy (self, TRUE);
  run_next (self);
}

gboolean
attache_briefing_queue_get_busy (AttacheBriefingQueue *self)
{
  g_return_val_if_fail (ATTACHE_IS_BRIEFING_QUEUE (self), FALSE);

  return self->busy;
}

/* The store's calls, queued */

typedef struct
{
  gint64                  id;
  gint64                  other_id;
  guint                   position;
  guint                   from;
  guint                   to;
  AttacheBlockKind        kind;
  char                   *text;
  char                   *heading;     /* the place's */
  AttacheBriefingPlace    place;
  AttacheBriefing        *briefing;
  AttacheBriefingSection *section;
  AttacheBriefingBlock   *block;
} Args;

static void
args_free (Args *args)
{
  g_free (args->text);
  g_free (args->heading);
  g_clear_pointer (&args->briefing, attache_briefing_free);
  g_clear_pointer (&args->section, attache_briefing_section_free);
  g_clear_pointer (&args->block, attache_briefing_block_free);
  g_free (args);
}

static Args *
args_new_place (const AttacheBriefingPlace *place)
{
  Args *args = g_new0 (Args, 1);

  args->place = *place;
  args->heading = g_strdup (place->heading);
  args->place.heading = args->heading;

  return args;
}

#define PUSH(self, start, args, callback, user_data) \
  attache_briefing_queue_push ((self), (start), (args), (GDestroyNotify) args_free, (callback), (user_data))

static void
start_create_briefing (AttacheLibrary *library, gpointer data, GCancellable *cancellable,
                       GAsyncReadyCallback callback, gpointer user_data)
{
  attache_library_create_briefing_async (library, ((Args *) data)->briefing, cancellable, callback, user_data);
}

void
attache_briefing_queue_create_briefing (AttacheBriefingQueue  *self,
                                        const AttacheBriefing *fields,
                                        GAsyncReadyCallback    callback,
                                        gpointer               user_data)
{
  Args *args = g_new0 (Args, 1);

  args->briefing = attache_briefing_copy (fields);
  PUSH (self, start_create_briefing, args, callback, user_data);
}

static void
start_load_briefing (AttacheLibrary *library, gpointer data, GCancellable *cancellable,
                     GAsyncReadyCallback callback, gpointer user_data)
{
  attache_library_load_briefing_async (library, ((Args *) data)->id, cancellable, callback, user_data);
}

void
attache_briefing_queue_load_briefing (AttacheBriefingQueue *self,
                                      gint64                briefing_id,
                                      GAsyncReadyCallback   callback,
                                      gpointer              user_data)
{
  Args *args = g_new0 (Args, 1);

  args->id = briefing_id;
  PUSH (self, start_load_briefing, args, callback, user_data);
}

static void
start_update_briefing (AttacheLibrary *library, gpointer data, GCancellable *cancellable,
                       GAsyncReadyCallback callback, gpointer user_data)
{
  attache_library_update_briefing_async (library, ((Args *) data)->briefing, cancellable, callback, user_data);
}

void
attache_briefing_queue_update_briefing (AttacheBriefingQueue  *self,
                                        const AttacheBriefing *fields,
                                        GAsyncReadyCallback    callback,
                                        gpointer               user_data)
{
  Args *args = g_new0 (Args, 1);

  args->briefing = attache_briefing_copy (fields);
  PUSH (self, start_update_briefing, args, callback, user_data);
}

static void
start_delete_briefing (AttacheLibrary *library, gpointer data, GCancellable *cancellable,
                       GAsyncReadyCallback callback, gpointer user_data)
{
  attache_library_delete_briefing_async (library, ((Args *) data)->id, cancellable, callback, user_data);
}

void
attache_briefing_queue_delete_briefing (AttacheBriefingQueue *self,
                                        gint64                briefing_id,
                                        GAsyncReadyCallback   callback,
                                        gpointer              user_data)
{
  Args *args = g_new0 (Args, 1);

  args->id = briefing_id;
  PUSH (self, start_delete_briefing, args, callback, user_data);
}

static void
start_restore_briefing (AttacheLibrary *library, gpointer data, GCancellable *cancellable,
                        GAsyncReadyCallback callback, gpointer user_data)
{
  attache_library_restore_briefing_async (library, ((Args *) data)->briefing, cancellable, callback, user_data);
}

void
attache_briefing_queue_restore_briefing (AttacheBriefingQueue  *self,
                                         const AttacheBriefing *briefing,
                                         GAsyncReadyCallback    callback,
                                         gpointer               user_data)
{
  Args *args = g_new0 (Args, 1);

  args->briefing = attache_briefing_copy (briefing);
  PUSH (self, start_restore_briefing, args, callback, user_data);
}

static void
start_add_section (AttacheLibrary *library, gpointer data, GCancellable *cancellable,
                   GAsyncReadyCallback callback, gpointer user_data)
{
  Args *args = data;

  attache_library_add_briefing_section_async (library, args->id, args->text, args->position,
                                              cancellable, callback, user_data);
}

void
attache_briefing_queue_add_section (AttacheBriefingQueue *self,
                                    gint64                briefing_id,
                                    const char           *heading,
                                    guint                 position,
                                    GAsyncReadyCallback   callback,
                                    gpointer              user_data)
{
  Args *args = g_new0 (Args, 1);

  args->id = briefing_id;
  args->text = g_strdup (heading);
  args->position = position;
  PUSH (self, start_add_section, args, callback, user_data);
}

static void
start_rename_section (AttacheLibrary *library, gpointer data, GCancellable *cancellable,
                      GAsyncReadyCallback callback, gpointer user_data)
{
  Args *args = data;

  attache_library_rename_briefing_section_async (library, args->id, args->text,
                                                 cancellable, callback, user_data);
}

void
attache_briefing_queue_rename_section (AttacheBriefingQueue *self,
                                       gint64                section_id,
                                       const char           *heading,
                                       GAsyncReadyCallback   callback,
                                       gpointer              user_data)
{
  Args *args = g_new0 (Args, 1);

  args->id = section_id;
  args->text = g_strdup (heading);
  PUSH (self, start_rename_section, args, callback, user_data);
}

static void
start_move_section (AttacheLibrary *library, gpointer data, GCancellable *cancellable,
                    GAsyncReadyCallback callback, gpointer user_data)
{
  Args *args = data;

  attache_library_move_briefing_section_async (library, args->id, args->position,
                                               cancellable, callback, user_data);
}

void
attache_briefing_queue_move_section (AttacheBriefingQueue *self,
                                     gint64                section_id,
                                     guint                 position,
                                     GAsyncReadyCallback   callback,
                                     gpointer              user_data)
{
  Args *args = g_new0 (Args, 1);

  args->id = section_id;
  args->position = position;
  PUSH (self, start_move_section, args, callback, user_data);
}

static void
start_delete_section (AttacheLibrary *library, gpointer data, GCancellable *cancellable,
                      GAsyncReadyCallback callback, gpointer user_data)
{
  attache_library_delete_briefing_section_async (library, ((Args *) data)->id,
                                                 cancellable, callback, user_data);
}

void
attache_briefing_queue_delete_section (AttacheBriefingQueue *self,
                                       gint64                section_id,
                                       GAsyncReadyCallback   callback,
                                       gpointer              user_data)
{
  Args *args = g_new0 (Args, 1);

  args->id = section_id;
  PUSH (self, start_delete_section, args, callback, user_data);
}

static void
start_restore_section (AttacheLibrary *library, gpointer data, GCancellable *cancellable,
                       GAsyncReadyCallback callback, gpointer user_data)
{
  Args *args = data;

  attache_library_restore_briefing_section_async (library, args->id, args->position, args->section,
                                                  cancellable, callback, user_data);
}

void
attache_briefing_queue_restore_section (AttacheBriefingQueue         *self,
                                        gint64                        briefing_id,
                                        guint                         position,
                                        const AttacheBriefingSection *section,
                                        GAsyncReadyCallback           callback,
                                        gpointer                      user_data)
{
  Args *args = g_new0 (Args, 1);

  args->id = briefing_id;
  args->position = position;
  args->section = attache_briefing_section_copy (section);
  PUSH (self, start_restore_section, args, callback, user_data);
}

static void
start_add_text (AttacheLibrary *library, gpointer data, GCancellable *cancellable,
                GAsyncReadyCallback callback, gpointer user_data)
{
  Args *args = data;

  attache_library_add_briefing_text_async (library, &args->place, args->text,
                                           cancellable, callback, user_data);
}

void
attache_briefing_queue_add_text (AttacheBriefingQueue       *self,
                                 const AttacheBriefingPlace *place,
                                 const char                 *markdown,
                                 GAsyncReadyCallback         callback,
                                 gpointer                    user_data)
{
  Args *args = args_new_place (place);

  args->text = g_strdup (markdown);
  PUSH (self, start_add_text, args, callback, user_data);
}

static void
start_add_excerpt (AttacheLibrary *library, gpointer data, GCancellable *cancellable,
                   GAsyncReadyCallback callback, gpointer user_data)
{
  Args *args = data;

  attache_library_add_briefing_excerpt_async (library, &args->place, args->id, args->from, args->to,
                                              cancellable, callback, user_data);
}

void
attache_briefing_queue_add_excerpt (AttacheBriefingQueue       *self,
                                    const AttacheBriefingPlace *place,
                                    gint64                      article_id,
                                    guint                       from,
                                    guint                       to,
                                    GAsyncReadyCallback         callback,
                                    gpointer                    user_data)
{
  Args *args = args_new_place (place);

  args->id = article_id;
  args->from = from;
  args->to = to;
  PUSH (self, start_add_excerpt, args, callback, user_data);
}

static void
start_add_article (AttacheLibrary *library, gpointer data, GCancellable *cancellable,
                   GAsyncReadyCallback callback, gpointer user_data)
{
  Args *args = data;

  attache_library_add_briefing_article_async (library, &args->place, args->id,
                                              cancellable, callback, user_data);
}

void
attache_briefing_queue_add_article (AttacheBriefingQueue       *self,
                                    const AttacheBriefingPlace *place,
                                    gint64                      article_id,
                                    GAsyncReadyCallback         callback,
                                    gpointer                    user_data)
{
  Args *args = args_new_place (place);

  args->id = article_id;
  PUSH (self, start_add_article, args, callback, user_data);
}

static void
start_add_table (AttacheLibrary *library, gpointer data, GCancellable *cancellable,
                 GAsyncReadyCallback callback, gpointer user_data)
{
  Args *args = data;

  if (args->kind == ATTACHE_BLOCK_ACTORS)
    attache_library_add_briefing_actors_async (library, &args->place, 0, cancellable, callback, user_data);
  else
    attache_library_add_briefing_topics_async (library, &args->place, 0, cancellable, callback, user_data);
}

void
attache_briefing_queue_add_table (AttacheBriefingQueue       *self,
                                  const AttacheBriefingPlace *place,
                                  AttacheBlockKind            kind,
                                  GAsyncReadyCallback         callback,
                                  gpointer                    user_data)
{
  Args *args;

  g_return_if_fail (kind == ATTACHE_BLOCK_ACTORS || kind == ATTACHE_BLOCK_TOPICS);

  args = args_new_place (place);
  args->kind = kind;
  PUSH (self, start_add_table, args, callback, user_data);
}

static void
start_set_text (AttacheLibrary *library, gpointer data, GCancellable *cancellable,
                GAsyncReadyCallback callback, gpointer user_data)
{
  Args *args = data;

  attache_library_set_briefing_text_async (library, args->id, args->text, cancellable, callback, user_data);
}

void
attache_briefing_queue_set_text (AttacheBriefingQueue *self,
                                 gint64                block_id,
                                 const char           *markdown,
                                 GAsyncReadyCallback   callback,
                                 gpointer              user_data)
{
  Args *args = g_new0 (Args, 1);

  args->id = block_id;
  args->text = g_strdup (markdown);
  PUSH (self, start_set_text, args, callback, user_data);
}

static void
start_move_block (AttacheLibrary *library, gpointer data, GCancellable *cancellable,
                  GAsyncReadyCallback callback, gpointer user_data)
{
  Args *args = data;

  attache_library_move_briefing_block_async (library, args->id, args->other_id, args->position,
                                             cancellable, callback, user_data);
}

void
attache_briefing_queue_move_block (AttacheBriefingQueue *self,
                                   gint64                block_id,
                                   gint64                section_id,
                                   guint                 position,
                                   GAsyncReadyCallback   callback,
                                   gpointer              user_data)
{
  Args *args = g_new0 (Args, 1);

  args->id = block_id;
  args->other_id = section_id;
  args->position = position;
  PUSH (self, start_move_block, args, callback, user_data);
}

static void
start_delete_block (AttacheLibrary *library, gpointer data, GCancellable *cancellable,
                    GAsyncReadyCallback callback, gpointer user_data)
{
  attache_library_delete_briefing_block_async (library, ((Args *) data)->id, cancellable, callback, user_data);
}

void
attache_briefing_queue_delete_block (AttacheBriefingQueue *self,
                                     gint64                block_id,
                                     GAsyncReadyCallback   callback,
                                     gpointer              user_data)
{
  Args *args = g_new0 (Args, 1);

  args->id = block_id;
  PUSH (self, start_delete_block, args, callback, user_data);
}

static void
start_restore_block (AttacheLibrary *library, gpointer data, GCancellable *cancellable,
                     GAsyncReadyCallback callback, gpointer user_data)
{
  Args *args = data;

  attache_library_restore_briefing_block_async (library, args->id, args->position, args->block,
                                                cancellable, callback, user_data);
}

void
attache_briefing_queue_restore_block (AttacheBriefingQueue       *self,
                                      gint64                      section_id,
                                      guint                       position,
                                      const AttacheBriefingBlock *block,
                                      GAsyncReadyCallback         callback,
                                      gpointer                    user_data)
{
  Args *args = g_new0 (Args, 1);

  args->id = section_id;
  args->position = position;
  args->block = attache_briefing_block_copy (block);
  PUSH (self, start_restore_block, args, callback, user_data);
}

static void
start_refresh_block (AttacheLibrary *library, gpointer data, GCancellable *cancellable,
                     GAsyncReadyCallback callback, gpointer user_data)
{
  attache_library_refresh_briefing_block_async (library, ((Args *) data)->id, cancellable, callback, user_data);
}

void
attache_briefing_queue_refresh_block (AttacheBriefingQueue *self,
                                      gint64                block_id,
                                      GAsyncReadyCallback   callback,
                                      gpointer              user_data)
{
  Args *args = g_new0 (Args, 1);

  args->id = block_id;
  PUSH (self, start_refresh_block, args, callback, user_data);
}
