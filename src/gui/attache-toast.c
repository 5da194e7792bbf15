/* attache-toast.c: toasts, as every view of the window shows them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "attache-toast-private.h"

void
_attache_add_toast (GtkWidget *widget,
                    AdwToast  *toast)
{
  GtkWidget *overlay;

  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (ADW_IS_TOAST (toast));

  overlay = gtk_widget_get_ancestor (widget, ADW_TYPE_TOAST_OVERLAY);
  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), toast);
  else
    g_object_unref (g_object_ref_sink (toast));
}

AdwToast *
_attache_error_toast_new (const char   *what,
                          const GError *error)
{
  g_autofree char *escaped_what = g_markup_escape_text (what, -1);
  g_autofree char *escaped_error = g_markup_escape_text (error->message, -1);

  /* Translators: what went wrong, then why: "Could not delete “Port Strike”: the disk is full" */
  return adw_toast_new_format (_("%s: %s"), escaped_what, escaped_error);
}
