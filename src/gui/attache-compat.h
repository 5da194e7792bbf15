/* attache-compat.h: the few things GTK 4.8 / libadwaita 1.2 and the current
 * GNOME runtime do differently (file and folder choosers, about window, alerts,
 * a question with an entry, opening links)
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

/* Lets the person pick one folder. The finish function returns a GFile, or
 * NULL with G_IO_ERROR_CANCELLED when the chooser was dismissed. */
void        attache_compat_choose_folder_async  (GtkWindow            *parent,
                                                 const char           *title,
                                                 const char           *accept_label,
                                                 GCancellable         *cancellable,
                                                 GAsyncReadyCallback   callback,
                                                 gpointer              user_data);
GFile      *attache_compat_choose_folder_finish (GAsyncResult         *result,
                                                 GError              **error);

/* Lets the person choose where to save a file, suggesting @initial_name (may
 * be NULL); the chooser asks before replacing a file. The finish function
 * returns a GFile, or NULL with G_IO_ERROR_CANCELLED when the chooser was
 * dismissed. */
void        attache_compat_save_file_async      (GtkWindow            *parent,
                                                 const char           *title,
                                                 const char           *initial_name,
                                                 GCancellable         *cancellable,
                                                 GAsyncReadyCallback   callback,
                                                 gpointer             user_data);
GFile      *attache_compat_save_file_finish     (GAsyncResult         *result,
                                                 GError              **error);

/* Whether @text is acceptable as the answer to attache_compat_ask_text_async (). */
typedef gboolean (*AttacheCompatTextCheck) (const char *text);

/* Asks for one line of text in an alert: @entry, set up by the caller, goes
 * under @body, with the responses Cancel and @accept_label. @accept_label is
 * enabled only while @check accepts the text (any text that is not blank when
 * @check is NULL), and Enter in @entry chooses it. The finish function returns
 * the text, without white space around it, or NULL with G_IO_ERROR_CANCELLED
 * when the person cancelled. */
void        attache_compat_ask_text_async      (GtkWindow            *parent,
                                                const char           *heading,
                                                const char           *body,
                                                GtkEntry             *entry,
                                                const char           *accept_label,
                                                AttacheCompatTextCheck check,
                                                GCancellable         *cancellable,
                                                GAsyncReadyCallback   callback,
                                                gpointer              user_data);
char       *attache_compat_ask_text_finish     (GAsyncResult         *result,
                                                GError              **error);

/* Asks the person to choose among what @extra_child shows (a list, say),
 * under @body, with the responses Cancel and @accept_label. @accept_label is
 * disabled until the caller enables it, while something is chosen, with
 * attache_compat_ask_set_accept_enabled (); attache_compat_ask_accept ()
 * chooses it (for a double click in the list). Returns the alert, owned by
 * itself. The finish function returns TRUE when the person accepted, else
 * FALSE with G_IO_ERROR_CANCELLED. */
GObject    *attache_compat_ask_choice_async    (GtkWindow            *parent,
                                                const char           *heading,
                                                const char           *body,
                                                GtkWidget            *extra_child,
                                                const char           *accept_label,
                                                GCancellable         *cancellable,
                                                GAsyncReadyCallback   callback,
                                                gpointer              user_data);
gboolean    attache_compat_ask_choice_finish   (GAsyncResult         *result,
                                                GError              **error);
void        attache_compat_ask_set_accept_enabled (GObject           *dialog,
                                                   gboolean           enabled);
void        attache_compat_ask_accept          (GObject              *dialog);

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

/* Shows @page (an AdwPreferencesPage) in a preferences window over @parent:
 * an AdwPreferencesWindow (libadwaita 1.2) or an AdwPreferencesDialog (1.5). */
void        attache_compat_show_preferences    (GtkWindow            *parent,
                                                GtkWidget            *page);

/* About Attaché. */
void        attache_compat_show_about          (GtkWindow            *parent);

/* Opens @uri in the person's browser (or whatever handles it), over the
 * window of @widget; a toast there says when it cannot. */
void        attache_compat_open_uri            (GtkWidget            *widget,
                                                const char           *uri);

G_END_DECLS
