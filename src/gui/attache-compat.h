/* attache-compat.h: the few things GTK 4.8 / libadwaita 1.2 and the current
 * GNOME runtime do differently (file chooser, about window, alerts, opening links)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Lets the person pick one or more files to open. @filters is a list of
 * GtkFileFilter, the first one selected. The finish function returns a
 * GListModel of GFile, or NULL with G_IO_ERROR_CANCELLED when the chooser
 * was dismissed. */
void        attache_compat_choose_files_async  (GtkWindow            *parent,
                                                const char           *title,
                                                const char           *accept_label,
                                                GListModel           *filters,
                                                GCancellable         *cancellable,
                                                GAsyncReadyCallback   callback,
                                                gpointer              user_data);
GListModel *attache_compat_choose_files_finish (GAsyncResult         *result,
                                                GError              **error);

/* Shows an alert with one button, @close_label, and an optional @extra_child
 * under the body. @parent may be NULL (no window yet). The finish function
 * returns once the person has closed the alert. @callback may be NULL. */
void        attache_compat_alert_async         (GtkWindow            *parent,
                                                const char           *heading,
                                                const char           *body,
                                                GtkWidget            *extra_child,
                                                const char           *close_label,
                                                GCancellable         *cancellable,
                                                GAsyncReadyCallback   callback,
                                                gpointer              user_data);
gboolean    attache_compat_alert_finish        (GAsyncResult         *result,
                                                GError              **error);

/* About Attaché. */
void        attache_compat_show_about          (GtkWindow            *parent);

/* Opens @uri in the person's browser (or whatever handles it). */
void        attache_compat_open_uri            (GtkWindow            *parent,
                                                const char           *uri);

G_END_DECLS
