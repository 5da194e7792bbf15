/* attache-article-list.c: the library's articles as a GListModel, newest first
 *
 * The rows (without texts) are read, and the versions of a story made one row,
 * in a worker thread; the model then tells its views only what changed (the
 * common head and tail are kept, with their objects), so a view keeps its
 * selection and scroll position while articles come and go. The first load
 * reads the newest FIRST_PAGE articles, shows them, then reads them all:
 * reading 100,000 takes most of a second, the newest few hundred a few
 * milliseconds, so a large library's window has rows at once.
 * Versions of one story are one row: the earliest stands for the others, with
 * their sources (attache_article_get_story_sources ()).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "attache-article-list"

#include "config.h"

#include "attache-article-list.h"

struct _AttacheArticleList
{
  GObject         parent_instance;

  AttacheLibrary *library;
  GPtrArray      *articles;       /* AttacheArticle, newest first, one per story */
  GHashTable     *stories;        /* article id → story id, every article loaded */
  GCancellable   *cancellable;
  GError         *error;          /* why the last load failed, or NULL */
  gulong          changed_id;
  guint           loading : 1;
  guint           reload_pending : 1;
  guint           loaded_once : 1;   /* every article has been read once */
};

/* The first load's first step: enough rows for a window, and to scroll a while. */
#define FIRST_PAGE 500

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (AttacheArticleList, attache_article_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

enum {
  PROP_0,
  PROP_LIBRARY,
  PROP_LOADING,
  PROP_N_ITEMS,
  PROP_ERROR,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static GType
attache_article_list_get_item_type (GListModel *model)
{
  return ATTACHE_TYPE_ARTICLE;
}

static guint
attache_article_list_get_n_items (GListModel *model)
{
  return ATTACHE_ARTICLE_LIST (model)->articles->len;
}

static gpointer
attache_article_list_get_item (GListModel *model,
                               guint       position)
{
  AttacheArticleList *self = ATTACHE_ARTICLE_LIST (model);

  if (position >= self->articles->len)
    return NULL;

  return g_object_ref (g_ptr_array_index (self->articles, position));
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = attache_article_list_get_item_type;
  iface->get_n_items = attache_article_list_get_n_items;
  iface->get_item = attache_article_list_get_item;
}

static void
set_loading (AttacheArticleList *self,
             gboolean            loading)
{
  if (self->loading != !!loading)
    {
      self->loading = !!loading;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
    }
}

static void
set_error (AttacheArticleList *self,
           const GError       *error)
{
  if (self->error == NULL && error == NULL)
    return;

  g_clear_error (&self->error);
  if (error != NULL)
    self->error = g_error_copy (error);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ERROR]);
}

static gboolean
same_article (AttacheArticle *a,
              AttacheArticle *b)
{
  return attache_article_get_id (a) == attache_article_get_id (b) &&
         g_strcmp0 (attache_article_get_title (a), attache_article_get_title (b)) == 0 &&
         g_strcmp0 (attache_article_get_published (a), attache_article_get_published (b)) == 0 &&
         g_strcmp0 (attache_article_get_source (a), attache_article_get_source (b)) == 0 &&
         attache_article_get_story_size (a) == attache_article_get_story_size (b) &&
         attache_article_get_story_id (a) == attache_article_get_story_id (b) &&
         (attache_article_get_story_sources (a) == NULL) == (attache_article_get_story_sources (b) == NULL) &&
         (attache_article_get_story_sources (a) == NULL ||
          g_strv_equal (attache_article_get_story_sources (a), attache_article_get_story_sources (b)));
}

static void
add_source (GPtrArray  *sources,
            const char *source,
            const char *own_source)
{
  if (source == NULL || g_strcmp0 (source, own_source) == 0)
    return;
  for (guint i = 0; i < sources->len; i++)
    if (g_str_equal (g_ptr_array_index (sources, i), source))
      return;
  g_ptr_array_add (sources, g_strdup (source));
}

/* @articles newest first → one row per story, in the same order: the earliest
 * version (the last in this order) stands for its story. Fills @stories. */
static GPtrArray *
collapse_stories (GPtrArray  *articles,
                  GHashTable *stories)
{
  g_autoptr(GHashTable) first = g_hash_table_new (g_int64_hash, g_int64_equal);   /* story → earliest */
  GPtrArray *rows = g_ptr_array_new_with_free_func (g_object_unref);

  g_hash_table_remove_all (stories);

  for (guint i = articles->len; i-- > 0; )
    {
      AttacheArticle *article = g_ptr_array_index (articles, i);
      gint64 *id = g_new (gint64, 1);
      gint64 *story = g_new (gint64, 1);

      *id = attache_article_get_id (article);
      *story = attache_article_get_story_id (article) > 0 ? attache_article_get_story_id (article) : *id;
      g_hash_table_insert (stories, id, story);

      if (attache_article_get_story_size (article) > 1)
        {
          AttacheArticle *earliest = g_hash_table_lookup (first, story);

          if (earliest == NULL)
            g_hash_table_insert (first, story, article);
          else
            {
              g_autoptr(GPtrArray) sources = g_ptr_array_new_with_free_func (g_free);
              const char * const *known = attache_article_get_story_sources (earliest);

              for (guint k = 0; known != NULL && known[k] != NULL; k++)
                g_ptr_array_add (sources, g_strdup (known[k]));
              add_source (sources, attache_article_get_source (article),
                          attache_article_get_source (earliest));
              g_ptr_array_add (sources, NULL);
              attache_article_set_story_sources (earliest, (const char * const *) sources->pdata);
            }
        }
    }

  for (guint i = 0; i < articles->len; i++)
    {
      AttacheArticle *article = g_ptr_array_index (articles, i);
      gint64 story = attache_article_get_story_id (article);

      if (attache_article_get_story_size (article) > 1 &&
          g_hash_table_lookup (first, &story) != article)
        continue;
      g_ptr_array_add (rows, g_object_ref (article));
    }

  return rows;
}

/* Replaces the rows with @fresh, announcing only the middle part that differs. */
static void
apply_rows (AttacheArticleList *self,
            GPtrArray          *fresh)
{
  GPtrArray *old = self->articles;
  guint head = 0, tail = 0;
  guint removed, added;

  while (head < old->len && head < fresh->len &&
         same_article (g_ptr_array_index (old, head), g_ptr_array_index (fresh, head)))
    head++;

  while (tail < old->len - head && tail < fresh->len - head &&
         same_article (g_ptr_array_index (old, old->len - 1 - tail),
                       g_ptr_array_index (fresh, fresh->len - 1 - tail)))
    tail++;

  removed = old->len - head - tail;
  added = fresh->len - head - tail;
  if (removed == 0 && added == 0)
    return;

  /* One copy of the pointers, not one move of the tail per row inserted. */
  self->articles = g_ptr_array_new_full (head + added + tail, g_object_unref);
  for (guint i = 0; i < head; i++)
    g_ptr_array_add (self->articles, g_object_ref (g_ptr_array_index (old, i)));
  for (guint i = 0; i < added; i++)
    g_ptr_array_add (self->articles, g_object_ref (g_ptr_array_index (fresh, head + i)));
  for (guint i = old->len - tail; i < old->len; i++)
    g_ptr_array_add (self->articles, g_object_ref (g_ptr_array_index (old, i)));
  g_ptr_array_unref (old);

  g_list_model_items_changed (G_LIST_MODEL (self), head, removed, added);
  if (removed != added)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
}

static void start_load (AttacheArticleList *self);

/* What a load read: the rows, and every article's story. */
typedef struct
{
  GPtrArray  *rows;
  GHashTable *stories;
  gboolean    complete;   /* every article, not the newest FIRST_PAGE only */
} Loaded;

static void
loaded_free (Loaded *loaded)
{
  g_clear_pointer (&loaded->rows, g_ptr_array_unref);
  g_clear_pointer (&loaded->stories, g_hash_table_unref);
  g_free (loaded);
}

static void
load_worker (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  AttacheLibrary *library = source_object;
  guint limit = GPOINTER_TO_UINT (task_data);
  g_autoptr(GPtrArray) articles = NULL;
  GError *error = NULL;
  Loaded *loaded;

  if (g_task_return_error_if_cancelled (task))
    return;

  if (limit > 0)
    articles = attache_library_list_newest_articles (library, limit, &error);
  else
    articles = attache_library_list_articles (library, &error);
  if (articles == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  /* The objects are this thread's until returned. */
  loaded = g_new0 (Loaded, 1);
  loaded->stories = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  loaded->rows = collapse_stories (articles, loaded->stories);
  loaded->complete = limit == 0 || articles->len < limit;
  g_task_return_pointer (task, loaded, (GDestroyNotify) loaded_free);
}

static void
load_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(AttacheArticleList) self = user_data;
  Loaded *loaded;
  g_autoptr(GError) error = NULL;

  loaded = g_task_propagate_pointer (G_TASK (result), &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (loaded == NULL)
    {
      g_debug ("Could not list the library's articles: %s", error->message);
      set_error (self, error);
    }
  else
    {
      g_clear_pointer (&self->stories, g_hash_table_unref);
      self->stories = g_steal_pointer (&loaded->stories);
      set_error (self, NULL);
      apply_rows (self, loaded->rows);
      if (loaded->complete)
        self->loaded_once = TRUE;
      else
        self->reload_pending = TRUE;   /* the rest, now */
      loaded_free (loaded);
    }

  if (self->reload_pending)
    {
      self->reload_pending = FALSE;
      start_load (self);
      return;
    }

  set_loading (self, FALSE);
}

static void
start_load (AttacheArticleList *self)
{
  g_autoptr(GTask) task = NULL;
  guint limit = self->loaded_once || self->articles->len > 0 ? 0 : FIRST_PAGE;

  set_loading (self, TRUE);

  task = g_task_new (self->library, self->cancellable, load_cb, g_object_ref (self));
  g_task_set_source_tag (task, start_load);
  g_task_set_task_data (task, GUINT_TO_POINTER (limit), NULL);
  g_task_run_in_thread (task, load_worker);
}

void
attache_article_list_reload (AttacheArticleList *self)
{
  g_return_if_fail (ATTACHE_IS_ARTICLE_LIST (self));

  /* Coalesce: a burst of changes (a batch import) costs at most one more load. */
  if (self->loading)
    self->reload_pending = TRUE;
  else
    start_load (self);
}

static void
on_library_articles_changed_cb (AttacheLibrary     *library,
                                AttacheArticleList *self)
{
  attache_article_list_reload (self);
}

static void
attache_article_list_constructed (GObject *object)
{
  AttacheArticleList *self = ATTACHE_ARTICLE_LIST (object);

  G_OBJECT_CLASS (attache_article_list_parent_class)->constructed (object);

  g_assert (ATTACHE_IS_LIBRARY (self->library));

  self->changed_id = g_signal_connect (self->library, "articles-changed",
                                       G_CALLBACK (on_library_articles_changed_cb), self);
  start_load (self);
}

static void
attache_article_list_dispose (GObject *object)
{
  AttacheArticleList *self = ATTACHE_ARTICLE_LIST (object);

  g_cancellable_cancel (self->cancellable);
  if (self->library != NULL)
    g_clear_signal_handler (&self->changed_id, self->library);

  G_OBJECT_CLASS (attache_article_list_parent_class)->dispose (object);
}

static void
attache_article_list_finalize (GObject *object)
{
  AttacheArticleList *self = ATTACHE_ARTICLE_LIST (object);

  g_clear_object (&self->library);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->articles, g_ptr_array_unref);
  g_clear_pointer (&self->stories, g_hash_table_unref);
  g_clear_error (&self->error);

  G_OBJECT_CLASS (attache_article_list_parent_class)->finalize (object);
}

static void
attache_article_list_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  AttacheArticleList *self = ATTACHE_ARTICLE_LIST (object);

  switch (prop_id)
    {
    case PROP_LIBRARY:
      g_value_set_object (value, self->library);
      break;
    case PROP_LOADING:
      g_value_set_boolean (value, self->loading);
      break;
    case PROP_N_ITEMS:
      g_value_set_uint (value, self->articles->len);
      break;
    case PROP_ERROR:
      g_value_set_boxed (value, self->error);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
attache_article_list_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  AttacheArticleList *self = ATTACHE_ARTICLE_LIST (object);

  switch (prop_id)
    {
    case PROP_LIBRARY:
      self->library = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
attache_article_list_class_init (AttacheArticleListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = attache_article_list_constructed;
  object_class->dispose = attache_article_list_dispose;
  object_class->finalize = attache_article_list_finalize;
  object_class->get_property = attache_article_list_get_property;
  object_class->set_property = attache_article_list_set_property;

  properties[PROP_LIBRARY] =
    g_param_spec_object ("library", NULL, NULL, ATTACHE_TYPE_LIBRARY,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_ITEMS] =
    g_param_spec_uint ("n-items", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_ERROR] =
    g_param_spec_boxed ("error", NULL, NULL, G_TYPE_ERROR,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
attache_article_list_init (AttacheArticleList *self)
{
  self->articles = g_ptr_array_new_with_free_func (g_object_unref);
  self->stories = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  self->cancellable = g_cancellable_new ();
}

AttacheArticleList *
attache_article_list_new (AttacheLibrary *library)
{
  g_return_val_if_fail (ATTACHE_IS_LIBRARY (library), NULL);

  return g_object_new (ATTACHE_TYPE_ARTICLE_LIST, "library", library, NULL);
}

AttacheLibrary *
attache_article_list_get_library (AttacheArticleList *self)
{
  g_return_val_if_fail (ATTACHE_IS_ARTICLE_LIST (self), NULL);
  return self->library;
}

gboolean
attache_article_list_get_loading (AttacheArticleList *self)
{
  g_return_val_if_fail (ATTACHE_IS_ARTICLE_LIST (self), FALSE);
  return self->loading;
}

guint
attache_article_list_find (AttacheArticleList *self,
                           gint64              id)
{
  const gint64 *story;

  g_return_val_if_fail (ATTACHE_IS_ARTICLE_LIST (self), G_MAXUINT);

  for (guint i = 0; i < self->articles->len; i++)
    if (attache_article_get_id (g_ptr_array_index (self->articles, i)) == id)
      return i;

  /* A version of a story another article stands for: that article's row. */
  story = g_hash_table_lookup (self->stories, &id);
  if (story == NULL)
    return G_MAXUINT;
  for (guint i = 0; i < self->articles->len; i++)
    if (attache_article_get_story_id (g_ptr_array_index (self->articles, i)) == *story)
      return i;

  return G_MAXUINT;
}

const GError *
attache_article_list_get_error (AttacheArticleList *self)
{
  g_return_val_if_fail (ATTACHE_IS_ARTICLE_LIST (self), NULL);
  return self->error;
}
