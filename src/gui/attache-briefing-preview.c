/* attache-briefing-preview.c: the pages of a briefing as they will print
 *
 * The same renderer as the PDF export and printing (attache-briefing-pdf.h),
 * drawn in a worker on cairo image surfaces and shown as textures. Never on
 * the main thread, and in three steps so that something shows at once:
 *
 * 1. a new layout, and its cover drawn (the cover needs nothing else laid
 *    out): the first page shows in a few tens of milliseconds;
 * 2. the whole document laid out, for the number of pages (the footers say
 *    "Page N of M", the contents give page numbers);
 * 3. the pages scrolled to, a few at a time; pages far from view give their
 *    textures back, so a 500-page briefing costs what a few pages do.
 *
 * One worker task at a time holds the layout (a layout is used by one thread
 * at a time); the main thread touches it only between tasks. Changes that
 * come meanwhile wait for the task under way, the latest one only.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "attache-briefing-preview"

#include "config.h"

#include <glib/gi18n.h>
#include <pango/pangocairo.h>

#include "attache-briefing-preview.h"

/* Pages drawn in one task, between looks at what is in view. */
#define PAGES_PER_TASK 3
/* Pages kept drawn on either side of those in view. */
#define PAGES_KEPT 3
/* The width the preview asks for, in logical pixels. */
#define PREFERRED_WIDTH 340
/* Space around a page, in logical pixels. */
#define PAGE_MARGIN 16

struct _AttacheBriefingPreview
{
  GtkWidget              parent_instance;

  GtkWidget             *scroller;
  GtkWidget             *pages_box;      /* a GtkPicture a page */
  GtkWidget             *status_label;

  /* What to show next: see schedule (). */
  AttacheBriefing       *wanted;         /* NULL for none */
  AttacheBriefingPaper   wanted_paper;
  gboolean               wanted_changed;
  guint                  delay_id;
  gboolean               shown_once;

  /* What is shown */
  AttacheBriefingLayout *layout;         /* NULL while a task holds it, or for none */
  gboolean               working;        /* a task holds the layout */
  guint                  n_pages;        /* 0 until the whole document is laid out */
  double                 page_width;     /* points */
  double                 page_height;
  int                    draw_width;     /* device pixels a page is drawn at */
  guint                  update_id;      /* a look at the pages in view, waiting */
  guint                  n_shown;

  PangoFontMap          *font_map;       /* the workers' own, one at a time */
  GCancellable          *cancellable;
};

G_DEFINE_FINAL_TYPE (AttacheBriefingPreview, attache_briefing_preview, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_N_PAGES,
  PROP_N_SHOWN,
  PROP_BUSY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void run_next (AttacheBriefingPreview *self);

/* A page drawn in a worker. */
typedef struct
{
  guint   page;
  int     width;
  int     height;
  int     stride;
  GBytes *pixels;    /* cairo ARGB32, premultiplied, native endian */
} Drawn;

static void
drawn_free (Drawn *drawn)
{
  g_clear_pointer (&drawn->pixels, g_bytes_unref);
  g_free (drawn);
}

/* In a worker: page @page of @layout, @width device pixels wide, on white. */
static Drawn *
draw_page (AttacheBriefingLayout *layout,
           guint                  page,
           int                    width)
{
  double page_width, page_height, scale;
  cairo_surface_t *surface;
  cairo_t *cr;
  Drawn *drawn;

  attache_briefing_layout_get_page_size (layout, &page_width, &page_height);
  scale = width / page_width;

  drawn = g_new0 (Drawn, 1);
  drawn->page = page;
  drawn->width = width;
  drawn->height = MAX (1, (int) (page_height * scale + 0.5));

  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, drawn->width, drawn->height);
  cr = cairo_create (surface);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  attache_briefing_layout_render_page (layout, page, cr, scale);
  cairo_destroy (cr);
  cairo_surface_flush (surface);

  drawn->stride = cairo_image_surface_get_stride (surface);
  drawn->pixels = g_bytes_new (cairo_image_surface_get_data (surface),
                               (gsize) drawn->stride * drawn->height);
  cairo_surface_destroy (surface);

  return drawn;
}

static GdkTexture *
new_texture (Drawn *drawn)
{
  /* GDK_MEMORY_DEFAULT is cairo's ARGB32 in the machine's byte order. */
  return gdk_memory_texture_new (drawn->width, drawn->height, GDK_MEMORY_DEFAULT,
                                 drawn->pixels, drawn->stride);
}

/* Tasks */

typedef enum
{
  TASK_LAYOUT,     /* a new layout and its cover */
  TASK_PAGINATE,   /* the number of pages */
  TASK_DRAW,       /* some pages */
} TaskKind;

typedef struct
{
  TaskKind               kind;
  AttacheBriefing       *briefing;   /* LAYOUT */
  AttacheBriefingPaper   paper;
  PangoFontMap          *font_map;
  AttacheBriefingLayout *layout;     /* held by the task, handed back */
  int                    width;
  GArray                *pages;      /* DRAW: guint */
  GPtrArray             *drawn;      /* Drawn */
  guint                  n_pages;
} TaskData;

static void
task_data_free (TaskData *data)
{
  g_clear_pointer (&data->briefing, attache_briefing_free);
  g_clear_pointer (&data->layout, attache_briefing_layout_free);
  g_clear_object (&data->font_map);
  g_clear_pointer (&data->pages, g_array_unref);
  g_clear_pointer (&data->drawn, g_ptr_array_unref);
  g_free (data);
}

static void
preview_worker (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  TaskData *data = task_data;

  switch (data->kind)
    {
    case TASK_LAYOUT:
      if (data->briefing != NULL)
        {
          data->layout = attache_briefing_layout_new (data->briefing, data->paper, data->font_map);
          g_ptr_array_add (data->drawn, draw_page (data->layout, 0, data->width));
        }
      break;

    case TASK_PAGINATE:
      data->n_pages = attache_briefing_layout_get_n_pages (data->layout);
      break;

    case TASK_DRAW:
    default:
      for (guint i = 0; i < data->pages->len && !g_cancellable_is_cancelled (cancellable); i++)
        g_ptr_array_add (data->drawn, draw_page (data->layout, g_array_index (data->pages, guint, i),
                                                 data->width));
      break;
    }

  g_task_return_boolean (task, TRUE);
}

static int
get_page_display_width (AttacheBriefingPreview *self)
{
  return MAX (80, gtk_widget_get_width (self->scroller) - 2 * PAGE_MARGIN);
}

static int
get_draw_width (AttacheBriefingPreview *self)
{
  return get_page_display_width (self) * gtk_widget_get_scale_factor (GTK_WIDGET (self));
}

static GtkPicture *
get_page_picture (AttacheBriefingPreview *self,
                  guint                   page)
{
  GtkWidget *child = gtk_widget_get_first_child (self->pages_box);

  for (guint i = 0; child != NULL && i < page; i++)
    child = gtk_widget_get_next_sibling (child);

  return child != NULL ? GTK_PICTURE (child) : NULL;
}

static void
update_n_shown (AttacheBriefingPreview *self)
{
  guint n_shown = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (self->pages_box);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (gtk_picture_get_paintable (GTK_PICTURE (child)) != NULL)
      n_shown++;

  if (n_shown != self->n_shown)
    {
      self->n_shown = n_shown;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_SHOWN]);
    }
}

/* Each page keeps its place while it is not drawn: as tall as it will be. */
static void
size_pages (AttacheBriefingPreview *self)
{
  int width = get_page_display_width (self);
  int height = self->page_width > 0 ? (int) (width * self->page_height / self->page_width + 0.5) : width;

  for (GtkWidget *child = gtk_widget_get_first_child (self->pages_box);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    gtk_widget_set_size_request (child, -1, height);
}

static GtkWidget *
new_page_picture (guint page)
{
  GtkWidget *picture = gtk_picture_new ();
  g_autofree char *label = NULL;

  gtk_picture_set_can_shrink (GTK_PICTURE (picture), TRUE);
  gtk_widget_add_css_class (picture, "preview-page");
  /* Translators: a page of the preview, for screen readers */
  label = g_strdup_printf (_("Page %u"), page + 1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (picture), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);

  return picture;
}

static void
set_n_pages (AttacheBriefingPreview *self,
             guint                   n_pages)
{
  GtkWidget *child;
  guint n_children = 0;

  for (child = gtk_widget_get_first_child (self->pages_box); child != NULL; child = gtk_widget_get_next_sibling (child))
    n_children++;

  while (n_children > n_pages && (child = gtk_widget_get_last_child (self->pages_box)) != NULL)
    {
      gtk_box_remove (GTK_BOX (self->pages_box), child);
      n_children--;
    }
  for (; n_children < n_pages; n_children++)
    gtk_box_append (GTK_BOX (self->pages_box), new_page_picture (n_children));

  size_pages (self);
}

static void
update_status (AttacheBriefingPreview *self)
{
  g_autofree char *text = NULL;

  if (self->wanted == NULL && self->layout == NULL && !self->working)
    text = g_strdup ("");
  else if (self->n_pages == 0)
    text = g_strdup (_("Laying out…"));
  else
    /* Translators: under the page preview */
    text = g_strdup_printf (ngettext ("%u page", "%u pages", self->n_pages), self->n_pages);

  gtk_label_set_text (GTK_LABEL (self->status_label), text);
}

/* The pages in view, and a few around them. */
static void
get_range_in_view (AttacheBriefingPreview *self,
                   guint                  *first,
                   guint                  *last)
{
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (self->scroller));
  double top = gtk_adjustment_get_value (adjustment);
  double bottom = top + MAX (gtk_adjustment_get_page_size (adjustment), 1);
  guint page = 0;

  *first = G_MAXUINT;
  *last = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (self->pages_box);
       child != NULL;
       child = gtk_widget_get_next_sibling (child), page++)
    {
      graphene_rect_t bounds;

      if (!gtk_widget_compute_bounds (child, self->pages_box, &bounds))
        continue;
      if (bounds.origin.y + bounds.size.height < top || bounds.origin.y > bottom)
        continue;
      *first = MIN (*first, page);
      *last = MAX (*last, page);
    }

  /* Not allocated yet: the first pages. */
  if (*first == G_MAXUINT)
    {
      *first = 0;
      *last = 1;
    }
}

/* Pages to draw next: in view first, not drawn at this width. */
static GArray *
pages_to_draw (AttacheBriefingPreview *self)
{
  GArray *pages = g_array_new (FALSE, FALSE, sizeof (guint));
  guint first, last;
  guint page = 0;

  if (self->n_pages == 0)
    return pages;

  get_range_in_view (self, &first, &last);
  last = MIN (last, self->n_pages - 1);

  for (page = first; page <= last && pages->len < PAGES_PER_TASK; page++)
    {
      GtkPicture *picture = get_page_picture (self, page);

      if (picture != NULL &&
          GPOINTER_TO_INT (g_object_get_data (G_OBJECT (picture), "drawn-width")) != self->draw_width)
        g_array_append_val (pages, page);
    }

  /* Far from view: their textures go. */
  page = 0;
  for (GtkWidget *child = gtk_widget_get_first_child (self->pages_box);
       child != NULL;
       child = gtk_widget_get_next_sibling (child), page++)
    if ((page + PAGES_KEPT < first || page > last + PAGES_KEPT) &&
        gtk_picture_get_paintable (GTK_PICTURE (child)) != NULL)
      {
        gtk_picture_set_paintable (GTK_PICTURE (child), NULL);
        g_object_set_data (G_OBJECT (child), "drawn-width", NULL);
      }

  return pages;
}

static void
show_drawn (AttacheBriefingPreview *self,
            GPtrArray              *drawn)
{
  for (guint i = 0; i < drawn->len; i++)
    {
      Drawn *page = drawn->pdata[i];
      GtkPicture *picture = get_page_picture (self, page->page);
      g_autoptr(GdkTexture) texture = NULL;

      if (picture == NULL)
        continue;

      texture = new_texture (page);
      gtk_picture_set_paintable (picture, GDK_PAINTABLE (texture));
      g_object_set_data (G_OBJECT (picture), "drawn-width", GINT_TO_POINTER (page->width));
    }

  update_n_shown (self);
}

static void
task_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  AttacheBriefingPreview *self = ATTACHE_BRIEFING_PREVIEW (object);
  TaskData *data = g_task_get_task_data (G_TASK (result));

  if (!g_task_propagate_boolean (G_TASK (result), NULL) || g_cancellable_is_cancelled (self->cancellable))
    return;

  self->working = FALSE;
  /* The layout is the main thread's again. */
  g_clear_pointer (&self->layout, attache_briefing_layout_free);
  self->layout = g_steal_pointer (&data->layout);

  switch (data->kind)
    {
    case TASK_LAYOUT:
      if (self->wanted_changed)
        break;   /* Already old: the next one is laid out instead. */

      if (self->layout != NULL)
        {
          attache_briefing_layout_get_page_size (self->layout, &self->page_width, &self->page_height);
          self->draw_width = data->width;
          /* The cover, alone until the number of pages is known. */
          set_n_pages (self, 1);
          show_drawn (self, data->drawn);
        }
      else
        {
          set_n_pages (self, 0);
          update_n_shown (self);
        }
      break;

    case TASK_PAGINATE:
      if (self->wanted_changed)
        break;
      self->n_pages = data->n_pages;
      set_n_pages (self, self->n_pages);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_PAGES]);
      break;

    case TASK_DRAW:
    default:
      if (!self->wanted_changed && data->width == self->draw_width)
        show_drawn (self, data->drawn);
      break;
    }

  update_status (self);
  run_next (self);
}

static void
start_task (AttacheBriefingPreview *self,
            TaskData               *data)
{
  g_autoptr(GTask) task = g_task_new (self, self->cancellable, task_done_cb, NULL);

  data->drawn = g_ptr_array_new_with_free_func ((GDestroyNotify) drawn_free);
  data->font_map = g_object_ref (self->font_map);
  if (data->kind != TASK_LAYOUT)
    data->layout = g_steal_pointer (&self->layout);

  self->working = TRUE;
  g_task_set_source_tag (task, start_task);
  g_task_set_task_data (task, data, (GDestroyNotify) task_data_free);
  g_task_run_in_thread (task, preview_worker);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

/* What to do next, once the task under way (if any) is done. */
static void
run_next (AttacheBriefingPreview *self)
{
  TaskData *data;
  g_autoptr(GArray) pages = NULL;

  if (self->working || gtk_widget_get_width (self->scroller) <= 0)
    return;

  if (self->wanted_changed && self->delay_id == 0)
    {
      self->wanted_changed = FALSE;
      g_clear_pointer (&self->layout, attache_briefing_layout_free);
      self->n_pages = 0;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_PAGES]);

      data = g_new0 (TaskData, 1);
      data->kind = TASK_LAYOUT;
      data->briefing = self->wanted != NULL ? attache_briefing_copy (self->wanted) : NULL;
      data->paper = self->wanted_paper;
      data->width = get_draw_width (self);
      start_task (self, data);
      update_status (self);
      return;
    }

  if (self->layout == NULL)
    {
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
      return;
    }

  if (self->n_pages == 0)
    {
      data = g_new0 (TaskData, 1);
      data->kind = TASK_PAGINATE;
      start_task (self, data);
      return;
    }

  self->draw_width = get_draw_width (self);
  pages = pages_to_draw (self);
  if (pages->len > 0)
    {
      data = g_new0 (TaskData, 1);
      data->kind = TASK_DRAW;
      data->width = self->draw_width;
      data->pages = g_steal_pointer (&pages);
      start_task (self, data);
      return;
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

static gboolean
on_delay_cb (gpointer user_data)
{
  AttacheBriefingPreview *self = user_data;

  self->delay_id = 0;
  run_next (self);
  return G_SOURCE_REMOVE;
}

static gboolean
on_update_cb (gpointer user_data)
{
  AttacheBriefingPreview *self = user_data;

  self->update_id = 0;
  run_next (self);
  return G_SOURCE_REMOVE;
}

/* Scrolled, or resized: a look at the pages in view, soon. */
static void
schedule_update (AttacheBriefingPreview *self)
{
  if (self->update_id == 0)
    self->update_id = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, on_update_cb, self, NULL);
}

static void
on_adjustment_changed_cb (GtkAdjustment          *adjustment,
                          AttacheBriefingPreview *self)
{
  schedule_update (self);
}

/* GtkWidget */

static void
attache_briefing_preview_size_allocate (GtkWidget *widget,
                                        int        width,
                                        int        height,
                                        int        baseline)
{
  AttacheBriefingPreview *self = ATTACHE_BRIEFING_PREVIEW (widget);
  int old_width = gtk_widget_get_width (self->scroller);
  GtkRequisition status;

  gtk_widget_get_preferred_size (self->status_label, NULL, &status);
  gtk_widget_allocate (self->scroller, width, MAX (0, height - status.height), -1, NULL);
  gtk_widget_allocate (self->status_label, width, status.height, -1,
                       gsk_transform_translate (NULL, &GRAPHENE_POINT_INIT (0, MAX (0, height - status.height))));

  if (old_width != gtk_widget_get_width (self->scroller))
    {
      size_pages (self);
      schedule_update (self);
    }
}

static void
attache_briefing_preview_measure (GtkWidget      *widget,
                                  GtkOrientation  orientation,
                                  int             for_size,
                                  int            *minimum,
                                  int            *natural,
                                  int            *minimum_baseline,
                                  int            *natural_baseline)
{
  AttacheBriefingPreview *self = ATTACHE_BRIEFING_PREVIEW (widget);
  int scroller_min, scroller_nat, status_min, status_nat;

  gtk_widget_measure (self->scroller, orientation, -1, &scroller_min, &scroller_nat, NULL, NULL);
  gtk_widget_measure (self->status_label, orientation, -1, &status_min, &status_nat, NULL, NULL);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = MAX (scroller_min, status_min);
      /* Wide enough to read a page's headings. */
      *natural = MAX (MAX (scroller_nat, status_nat), PREFERRED_WIDTH);
    }
  else
    {
      *minimum = scroller_min + status_min;
      *natural = scroller_nat + status_nat;
    }
}

static void
attache_briefing_preview_dispose (GObject *object)
{
  AttacheBriefingPreview *self = ATTACHE_BRIEFING_PREVIEW (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->delay_id, g_source_remove);
  g_clear_handle_id (&self->update_id, g_source_remove);
  g_clear_pointer (&self->scroller, gtk_widget_unparent);
  g_clear_pointer (&self->status_label, gtk_widget_unparent);
  g_clear_pointer (&self->layout, attache_briefing_layout_free);
  g_clear_pointer (&self->wanted, attache_briefing_free);

  G_OBJECT_CLASS (attache_briefing_preview_parent_class)->dispose (object);
}

static void
attache_briefing_preview_finalize (GObject *object)
{
  AttacheBriefingPreview *self = ATTACHE_BRIEFING_PREVIEW (object);

  g_clear_object (&self->font_map);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (attache_briefing_preview_parent_class)->finalize (object);
}

static void
attache_briefing_preview_get_property (GObject    *object,
                                       guint       prop_id,
                                       GValue     *value,
                                       GParamSpec *pspec)
{
  AttacheBriefingPreview *self = ATTACHE_BRIEFING_PREVIEW (object);

  switch (prop_id)
    {
    case PROP_N_PAGES:
      g_value_set_uint (value, self->n_pages);
      break;

    case PROP_N_SHOWN:
      g_value_set_uint (value, self->n_shown);
      break;

    case PROP_BUSY:
      g_value_set_boolean (value, attache_briefing_preview_get_busy (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
attache_briefing_preview_class_init (AttacheBriefingPreviewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = attache_briefing_preview_dispose;
  object_class->finalize = attache_briefing_preview_finalize;
  object_class->get_property = attache_briefing_preview_get_property;

  widget_class->measure = attache_briefing_preview_measure;
  widget_class->size_allocate = attache_briefing_preview_size_allocate;

  properties[PROP_N_PAGES] =
    g_param_spec_uint ("n-pages", NULL, NULL, 0, G_MAXUINT, 0,
                       (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_N_SHOWN] =
    g_param_spec_uint ("n-shown", NULL, NULL, 0, G_MAXUINT, 0,
                       (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "briefingpreview");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
attache_briefing_preview_init (AttacheBriefingPreview *self)
{
  GtkAdjustment *adjustment;

  self->cancellable = g_cancellable_new ();
  self->font_map = pango_cairo_font_map_new ();
  self->wanted_paper = ATTACHE_BRIEFING_PAPER_A4;

  self->pages_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, PAGE_MARGIN);
  gtk_widget_set_margin_top (self->pages_box, PAGE_MARGIN);
  gtk_widget_set_margin_bottom (self->pages_box, PAGE_MARGIN);
  gtk_widget_set_margin_start (self->pages_box, PAGE_MARGIN);
  gtk_widget_set_margin_end (self->pages_box, PAGE_MARGIN);
  gtk_widget_set_valign (self->pages_box, GTK_ALIGN_START);

  self->scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (self->scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (self->scroller), self->pages_box);
  gtk_widget_set_parent (self->scroller, GTK_WIDGET (self));

  self->status_label = gtk_label_new (NULL);
  gtk_widget_add_css_class (self->status_label, "caption");
  gtk_widget_add_css_class (self->status_label, "dim-label");
  gtk_widget_add_css_class (self->status_label, "preview-status");
  gtk_widget_set_parent (self->status_label, GTK_WIDGET (self));

  adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (self->scroller));
  g_signal_connect_object (adjustment, "value-changed", G_CALLBACK (on_adjustment_changed_cb), self, 0);
  g_signal_connect_object (adjustment, "changed", G_CALLBACK (on_adjustment_changed_cb), self, 0);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Page preview"), -1);
}

GtkWidget *
attache_briefing_preview_new (void)
{
  return g_object_new (ATTACHE_TYPE_BRIEFING_PREVIEW, NULL);
}

void
attache_briefing_preview_set_briefing (AttacheBriefingPreview *self,
                                       const AttacheBriefing  *briefing,
                                       AttacheBriefingPaper    paper)
{
  g_return_if_fail (ATTACHE_IS_BRIEFING_PREVIEW (self));

  g_clear_pointer (&self->wanted, attache_briefing_free);
  self->wanted = briefing != NULL ? attache_briefing_copy (briefing) : NULL;
  self->wanted_paper = paper;
  self->wanted_changed = TRUE;

  /* The first one at once; changes once they pause. */
  g_clear_handle_id (&self->delay_id, g_source_remove);
  if (self->shown_once && briefing != NULL)
    self->delay_id = g_timeout_add (ATTACHE_BRIEFING_PREVIEW_DELAY_MS, on_delay_cb, self);
  self->shown_once = briefing != NULL;

  if (briefing == NULL)
    {
      /* Nothing to show: nothing shown, at once. */
      set_n_pages (self, 0);
      self->n_pages = 0;
      update_n_shown (self);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_PAGES]);
    }

  update_status (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
  run_next (self);
}

guint
attache_briefing_preview_get_n_pages (AttacheBriefingPreview *self)
{
  g_return_val_if_fail (ATTACHE_IS_BRIEFING_PREVIEW (self), 0);

  return self->n_pages;
}

guint
attache_briefing_preview_get_n_shown (AttacheBriefingPreview *self)
{
  g_return_val_if_fail (ATTACHE_IS_BRIEFING_PREVIEW (self), 0);

  return self->n_shown;
}

gboolean
attache_briefing_preview_get_busy (AttacheBriefingPreview *self)
{
  g_return_val_if_fail (ATTACHE_IS_BRIEFING_PREVIEW (self), FALSE);

  return self->working || self->wanted_changed || self->delay_id != 0;
}
