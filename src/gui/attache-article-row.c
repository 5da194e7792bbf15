/* attache-article-row.c: one article in the library list
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "attache-article-row"

#include "config.h"

#include <glib/gi18n.h>

#include "attache-article-row.h"
#include "attache-format.h"

struct _AttacheArticleRow
{
  GtkWidget       parent_instance;

  /* template children */
  GtkLabel       *title_label;
  GtkLabel       *details_label;
  GtkLabel       *story_label;
  GtkLabel       *snippet_label;

  AttacheArticle *article;
};

G_DEFINE_FINAL_TYPE (AttacheArticleRow, attache_article_row, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_ARTICLE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static GQuark
snippet_quark (void)
{
  return g_quark_from_static_string ("attache-article-row-snippet");
}

/* The matches, as the core marks them (<b>), highlighted: bold on a yellow
 * that is light behind dark text and dark behind light text. */
#define HIGHLIGHT_OPEN  "<span weight=\"bold\" bgcolor=\"#f6d32d\" bgalpha=\"45%\">"
#define HIGHLIGHT_CLOSE "</span>"

void
attache_article_row_attach_snippet (AttacheArticle *article,
                                    const char     *markup)
{
  g_autofree char *highlighted = NULL;

  g_return_if_fail (ATTACHE_IS_ARTICLE (article));

  if (markup != NULL && markup[0] != '\0')
    {
      /* The text around the tags is escaped: a "<b>" in it is "&lt;b&gt;". */
      g_auto(GStrv) opened = g_strsplit (markup, "<b>", -1);
      g_autofree char *joined = g_strjoinv (HIGHLIGHT_OPEN, opened);
      g_auto(GStrv) closed = g_strsplit (joined, "</b>", -1);

      highlighted = g_strjoinv (HIGHLIGHT_CLOSE, closed);
    }

  g_object_set_qdata_full (G_OBJECT (article), snippet_quark (),
                           g_steal_pointer (&highlighted), g_free);
}

/* "Also published by Reuters, AP", or "+2 other sources" when the other
 * versions have no source or too many to list; NULL for a story of one. */
static char *
format_story (AttacheArticle *article)
{
  const char * const *sources = attache_article_get_story_sources (article);
  guint others = attache_article_get_story_size (article) - 1;
  guint n_sources = sources != NULL ? g_strv_length ((char **) sources) : 0;

  if (others == 0)
    return NULL;

  if (n_sources > 0 && n_sources <= 3)
    {
      /* Translators: the separator between the sources of one story */
      g_autofree char *names = g_strjoinv (_(", "), (char **) sources);

      /* Translators: %s is a list of publishers, as in "Reuters, AP" */
      return g_strdup_printf (_("Also published by %s"), names);
    }

  return g_strdup_printf (ngettext ("+%u other source", "+%u other sources", others),
                          others);
}

static void
update_labels (AttacheArticleRow *self)
{
  g_autofree char *story = NULL;
  g_autofree char *day = NULL;
  g_autofree char *origin_name = NULL;
  g_autofree char *details = NULL;
  const char *title = NULL;
  const char *source = NULL;
  const char *snippet = NULL;

  if (self->article != NULL)
    {
      snippet = g_object_get_qdata (G_OBJECT (self->article), snippet_quark ());
      title = attache_article_get_title (self->article);
      source = attache_article_get_source (self->article);
      day = attache_format_article_day (self->article);
      story = format_story (self->article);

      if (source == NULL || source[0] == '\0')
        {
          origin_name = attache_format_origin_name (attache_article_get_origin (self->article));
          source = origin_name;
        }
    }

  if (day != NULL && source != NULL)
    /* Translators: an article's day and its source, as in "2 Apr 2024 · Reuters" */
    details = g_strdup_printf (_("%s · %s"), day, source);
  else
    details = g_strdup (day != NULL ? day : source);

  gtk_label_set_text (self->title_label,
                      title != NULL && title[0] != '\0' ? title : _("Untitled Article"));
  gtk_label_set_text (self->details_label, details != NULL ? details : "");
  gtk_widget_set_visible (GTK_WIDGET (self->details_label), details != NULL);
  gtk_label_set_text (self->story_label, story != NULL ? story : "");
  gtk_widget_set_visible (GTK_WIDGET (self->story_label), story != NULL);
  gtk_label_set_markup (self->snippet_label, snippet != NULL ? snippet : "");
  gtk_widget_set_visible (GTK_WIDGET (self->snippet_label), snippet != NULL);
}

static void
attache_article_row_dispose (GObject *object)
{
  AttacheArticleRow *self = ATTACHE_ARTICLE_ROW (object);
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (self), ATTACHE_TYPE_ARTICLE_ROW);
  /* GTK 4.8 leaves the children it has not bound. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->article);

  G_OBJECT_CLASS (attache_article_row_parent_class)->dispose (object);
}

static void
attache_article_row_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  AttacheArticleRow *self = ATTACHE_ARTICLE_ROW (object);

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
attache_article_row_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  AttacheArticleRow *self = ATTACHE_ARTICLE_ROW (object);

  switch (prop_id)
    {
    case PROP_ARTICLE:
      attache_article_row_set_article (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
attache_article_row_class_init (AttacheArticleRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = attache_article_row_dispose;
  object_class->get_property = attache_article_row_get_property;
  object_class->set_property = attache_article_row_set_property;

  properties[PROP_ARTICLE] =
    g_param_spec_object ("article", NULL, NULL,
                         ATTACHE_TYPE_ARTICLE,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/attache/Attache/attache-article-row.ui");
  gtk_widget_class_bind_template_child (widget_class, AttacheArticleRow, title_label);
  gtk_widget_class_bind_template_child (widget_class, AttacheArticleRow, details_label);
  gtk_widget_class_bind_template_child (widget_class, AttacheArticleRow, story_label);
  gtk_widget_class_bind_template_child (widget_class, AttacheArticleRow, snippet_label);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "articlerow");
}

static void
attache_article_row_init (AttacheArticleRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
attache_article_row_new (void)
{
  return g_object_new (ATTACHE_TYPE_ARTICLE_ROW, NULL);
}

AttacheArticle *
attache_article_row_get_article (AttacheArticleRow *self)
{
  g_return_val_if_fail (ATTACHE_IS_ARTICLE_ROW (self), NULL);

  return self->article;
}

void
attache_article_row_set_article (AttacheArticleRow *self,
                                 AttacheArticle    *article)
{
  g_return_if_fail (ATTACHE_IS_ARTICLE_ROW (self));
  g_return_if_fail (article == NULL || ATTACHE_IS_ARTICLE (article));

  if (!g_set_object (&self->article, article))
    return;

  update_labels (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ARTICLE]);
}
