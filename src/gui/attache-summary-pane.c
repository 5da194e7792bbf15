/* attache-summary-pane.c: the facts about the selected article, beside the reader
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "attache-summary-pane"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "attache-format.h"
#include "attache-summary-pane.h"

struct _AttacheSummaryPane
{
  GtkWidget       parent_instance;

  /* template children */
  GtkWidget      *scroller;
  GtkLabel       *published_label;
  GtkLabel       *source_label;
  GtkLabel       *language_label;
  GtkLabel       *length_label;
  GtkLabel       *imported_label;
  GtkLabel       *origin_label;
  GtkWidget      *imported_row;
  GtkWidget      *origin_row;

  AttacheArticle *article;
};

G_DEFINE_FINAL_TYPE (AttacheSummaryPane, attache_summary_pane, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_ARTICLE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Shows @value, or a dimmed "Unknown" when it is NULL or empty. */
static void
set_field (GtkLabel   *label,
           const char *value)
{
  gboolean known = value != NULL && value[0] != '\0';

  gtk_label_set_text (label, known ? value : _("Unknown"));
  if (known)
    gtk_widget_remove_css_class (GTK_WIDGET (label), "dim-label");
  else
    gtk_widget_add_css_class (GTK_WIDGET (label), "dim-label");
}

static void
update_fields (AttacheSummaryPane *self)
{
  g_autofree char *published = NULL;
  g_autofree char *language = NULL;
  g_autofree char *length = NULL;
  g_autofree char *imported = NULL;
  g_autofree char *origin = NULL;

  if (self->article == NULL)
    {
      set_field (self->published_label, NULL);
      set_field (self->source_label, NULL);
      set_field (self->language_label, NULL);
      set_field (self->length_label, NULL);
      set_field (self->imported_label, NULL);
      set_field (self->origin_label, NULL);
      return;
    }

  published = attache_format_published (self->article);
  language = attache_format_language (attache_article_get_language (self->article));
  {
    guint n_words = attache_article_get_n_words (self->article);
    g_autofree char *size = attache_format_size (n_words, attache_article_get_n_chars (self->article));
    g_autofree char *reading_time = attache_format_reading_time (n_words);

    /* The reading time on a line of its own: the pane is narrow. */
    length = g_strconcat (size, "\n", reading_time, NULL);
  }
  imported = attache_format_imported (self->article);
  origin = attache_format_origin (attache_article_get_origin (self->article));

  set_field (self->published_label, published);
  set_field (self->source_label, attache_article_get_source (self->article));
  set_field (self->language_label, language);
  set_field (self->length_label, length);
  set_field (self->imported_label, imported);
  set_field (self->origin_label, origin);

  gtk_widget_set_visible (self->imported_row, imported != NULL);
  gtk_widget_set_visible (self->origin_row, origin != NULL);
}

static void
attache_summary_pane_dispose (GObject *object)
{
  AttacheSummaryPane *self = ATTACHE_SUMMARY_PANE (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), ATTACHE_TYPE_SUMMARY_PANE);
  g_clear_object (&self->article);

  G_OBJECT_CLASS (attache_summary_pane_parent_class)->dispose (object);
}

static void
attache_summary_pane_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  AttacheSummaryPane *self = ATTACHE_SUMMARY_PANE (object);

  switch (prop_id)
    {
    case PROP_ARTICLE:
      g_value_set_object (value, self->article);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
attache_summary_pane_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  AttacheSummaryPane *self = ATTACHE_SUMMARY_PANE (object);

  switch (prop_id)
    {
    case PROP_ARTICLE:
      attache_summary_pane_set_article (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
attache_summary_pane_class_init (AttacheSummaryPaneClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = attache_summary_pane_dispose;
  object_class->get_property = attache_summary_pane_get_property;
  object_class->set_property = attache_summary_pane_set_property;

  properties[PROP_ARTICLE] =
    g_param_spec_object ("article", NULL, NULL,
                         ATTACHE_TYPE_ARTICLE,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/attache/Attache/attache-summary-pane.ui");
  gtk_widget_class_bind_template_child (widget_class, AttacheSummaryPane, scroller);
  gtk_widget_class_bind_template_child (widget_class, AttacheSummaryPane, published_label);
  gtk_widget_class_bind_template_child (widget_class, AttacheSummaryPane, source_label);
  gtk_widget_class_bind_template_child (widget_class, AttacheSummaryPane, language_label);
  gtk_widget_class_bind_template_child (widget_class, AttacheSummaryPane, length_label);
  gtk_widget_class_bind_template_child (widget_class, AttacheSummaryPane, imported_label);
  gtk_widget_class_bind_template_child (widget_class, AttacheSummaryPane, origin_label);
  gtk_widget_class_bind_template_child (widget_class, AttacheSummaryPane, imported_row);
  gtk_widget_class_bind_template_child (widget_class, AttacheSummaryPane, origin_row);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "summarypane");
}

static void
attache_summary_pane_init (AttacheSummaryPane *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  update_fields (self);
}

GtkWidget *
attache_summary_pane_new (void)
{
  return g_object_new (ATTACHE_TYPE_SUMMARY_PANE, NULL);
}

AttacheArticle *
attache_summary_pane_get_article (AttacheSummaryPane *self)
{
  g_return_val_if_fail (ATTACHE_IS_SUMMARY_PANE (self), NULL);

  return self->article;
}

void
attache_summary_pane_set_article (AttacheSummaryPane *self,
                                  AttacheArticle     *article)
{
  g_return_if_fail (ATTACHE_IS_SUMMARY_PANE (self));
  g_return_if_fail (article == NULL || ATTACHE_IS_ARTICLE (article));

  if (!g_set_object (&self->article, article))
    return;

  update_fields (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ARTICLE]);
}
