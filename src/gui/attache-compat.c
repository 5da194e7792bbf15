/* attache-compat.c: the few things GTK 4.8 / libadwaita 1.2 and the current
 * GNOME runtime do differently
 *
 * Debian 12 (GTK 4.8, libadwaita 1.2) is the floor and has only
 * GtkFileChooserNative, gtk_show_uri (), AdwAboutWindow and AdwMessageDialog.
 * Newer runtimes deprecate those for GtkFileDialog, GtkUriLauncher (GTK 4.10),
 * AdwAboutDialog and AdwAlertDialog (libadwaita 1.5). Everything else in the
 * program uses API that exists, undeprecated, on both.
 *
 * The build pins *_VERSION_MAX_ALLOWED to the floor, which turns any newer API
 * into a warning. The newer branches below are only compiled against a newer
 * GTK or libadwaita, where they are the right thing to use, so they silence
 * that one warning.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "attache-compat"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "attache-compat.h"
#include "attache-toast-private.h"

/* Choosing files */

#if GTK_CHECK_VERSION (4, 10, 0)

G_GNUC_BEGIN_IGNORE_DEPRECATIONS

static void
open_multiple_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  GListModel *files;

  files = gtk_file_dialog_open_multiple_finish (GTK_FILE_DIALOG (object), result, &error);

  if (files == NULL)
    {
      if (g_error_matches (error, GTK_DIALOG_ERROR, GTK_DIALOG_ERROR_DISMISSED) ||
          g_error_matches (error, GTK_DIALOG_ERROR, GTK_DIALOG_ERROR_CANCELLED))
        g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                                 "%s", error->message);
      else
        g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_task_return_pointer (task, files, g_object_unref);
}

void
attache_compat_choose_files_async (GtkWindow           *parent,
                                   const char          *title,
                                   const char          *accept_label,
                                   GListModel          *filters,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GtkFileDialog) dialog = NULL;

  g_return_if_fail (parent == NULL || GTK_IS_WINDOW (parent));
  g_return_if_fail (G_IS_LIST_MODEL (filters));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, attache_compat_choose_files_async);

  dialog = gtk_file_dialog_new ();
  gtk_file_dialog_set_title (dialog, title);
  gtk_file_dialog_set_accept_label (dialog, accept_label);
  gtk_file_dialog_set_modal (dialog, TRUE);
  gtk_file_dialog_set_filters (dialog, filters);

  if (g_list_model_get_n_items (filters) > 0)
    {
      g_autoptr(GtkFileFilter) first = g_list_model_get_item (filters, 0);

      gtk_file_dialog_set_default_filter (dialog, first);
    }

  gtk_file_dialog_open_multiple (dialog, parent, cancellable,
                                 open_multiple_cb, g_steal_pointer (&task));
}

G_GNUC_END_IGNORE_DEPRECATIONS

#else /* GTK < 4.10 */

static void
on_file_chooser_response_cb (GtkNativeDialog *native,
                             int              response,
                             gpointer         user_data)
{
  g_autoptr(GTask) task = g_object_steal_data (G_OBJECT (native), "attache-task");

  if (task == NULL)
    return;

  if (response == GTK_RESPONSE_ACCEPT)
    g_task_return_pointer (task,
                           gtk_file_chooser_get_files (GTK_FILE_CHOOSER (native)),
                           g_object_unref);
  else
    g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                             "%s", _("No files were chosen"));

  gtk_native_dialog_destroy (native);
  g_object_unref (native);
}

void
attache_compat_choose_files_async (GtkWindow           *parent,
                                   const char          *title,
                                   const char          *accept_label,
                                   GListModel          *filters,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  GtkFileChooserNative *native;
  guint n_filters;

  g_return_if_fail (parent == NULL || GTK_IS_WINDOW (parent));
  g_return_if_fail (G_IS_LIST_MODEL (filters));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, attache_compat_choose_files_async);

  /* Owned by itself until it answers: see on_file_chooser_response_cb (). */
  native = gtk_file_chooser_native_new (title, parent,
                                        GTK_FILE_CHOOSER_ACTION_OPEN,
                                        accept_label, NULL);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);
  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (native), TRUE);

  n_filters = g_list_model_get_n_items (filters);
  for (guint i = 0; i < n_filters; i++)
    {
      g_autoptr(GtkFileFilter) filter = g_list_model_get_item (filters, i);

      gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), filter);
      if (i == 0)
        gtk_file_chooser_set_filter (GTK_FILE_CHOOSER (native), filter);
    }

  g_object_set_data_full (G_OBJECT (native), "attache-task",
                          g_steal_pointer (&task), g_object_unref);
  g_signal_connect (native, "response", G_CALLBACK (on_file_chooser_response_cb), NULL);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

#endif

GListModel *
attache_compat_choose_files_finish (GAsyncResult  *result,
                                    GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == attache_compat_choose_files_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Choosing a folder */

#if GTK_CHECK_VERSION (4, 10, 0)

G_GNUC_BEGIN_IGNORE_DEPRECATIONS

static void
select_folder_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  GFile *folder;

  folder = gtk_file_dialog_select_folder_finish (GTK_FILE_DIALOG (object), result, &error);

  if (folder == NULL)
    {
      if (g_error_matches (error, GTK_DIALOG_ERROR, GTK_DIALOG_ERROR_DISMISSED) ||
          g_error_matches (error, GTK_DIALOG_ERROR, GTK_DIALOG_ERROR_CANCELLED))
        g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                                 "%s", error->message);
      else
        g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_task_return_pointer (task, folder, g_object_unref);
}

void
attache_compat_choose_folder_async (GtkWindow           *parent,
                                    const char          *title,
                                    const char          *accept_label,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GtkFileDialog) dialog = NULL;

  g_return_if_fail (parent == NULL || GTK_IS_WINDOW (parent));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, attache_compat_choose_folder_async);

  dialog = gtk_file_dialog_new ();
  gtk_file_dialog_set_title (dialog, title);
  gtk_file_dialog_set_accept_label (dialog, accept_label);
  gtk_file_dialog_set_modal (dialog, TRUE);

  gtk_file_dialog_select_folder (dialog, parent, cancellable,
                                 select_folder_cb, g_steal_pointer (&task));
}

G_GNUC_END_IGNORE_DEPRECATIONS

#else /* GTK < 4.10 */

static void
on_folder_chooser_response_cb (GtkNativeDialog *native,
                               int              response,
                               gpointer         user_data)
{
  g_autoptr(GTask) task = g_object_steal_data (G_OBJECT (native), "attache-task");
  g_autoptr(GFile) folder = NULL;

  if (task == NULL)
    return;

  if (response == GTK_RESPONSE_ACCEPT)
    folder = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (native));

  if (folder != NULL)
    g_task_return_pointer (task, g_steal_pointer (&folder), g_object_unref);
  else
    g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                             "%s", _("No folder was chosen"));

  gtk_native_dialog_destroy (native);
  g_object_unref (native);
}

void
attache_compat_choose_folder_async (GtkWindow           *parent,
                                    const char          *title,
                                    const char          *accept_label,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  GtkFileChooserNative *native;

  g_return_if_fail (parent == NULL || GTK_IS_WINDOW (parent));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, attache_compat_choose_folder_async);

  /* Owned by itself until it answers: see on_folder_chooser_response_cb (). */
  native = gtk_file_chooser_native_new (title, parent,
                                        GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER,
                                        accept_label, NULL);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);

  g_object_set_data_full (G_OBJECT (native), "attache-task",
                          g_steal_pointer (&task), g_object_unref);
  g_signal_connect (native, "response", G_CALLBACK (on_folder_chooser_response_cb), NULL);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

#endif

GFile *
attache_compat_choose_folder_finish (GAsyncResult  *result,
                                     GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == attache_compat_choose_folder_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Choosing where to save a file */

#if GTK_CHECK_VERSION (4, 10, 0)

G_GNUC_BEGIN_IGNORE_DEPRECATIONS

static void
save_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  GFile *file;

  file = gtk_file_dialog_save_finish (GTK_FILE_DIALOG (object), result, &error);

  if (file == NULL)
    {
      if (g_error_matches (error, GTK_DIALOG_ERROR, GTK_DIALOG_ERROR_DISMISSED) ||
          g_error_matches (error, GTK_DIALOG_ERROR, GTK_DIALOG_ERROR_CANCELLED))
        g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                                 "%s", error->message);
      else
        g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_task_return_pointer (task, file, g_object_unref);
}

void
attache_compat_save_file_async (GtkWindow           *parent,
                                const char          *title,
                                const char          *initial_name,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GtkFileDialog) dialog = NULL;

  g_return_if_fail (parent == NULL || GTK_IS_WINDOW (parent));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, attache_compat_save_file_async);

  dialog = gtk_file_dialog_new ();
  gtk_file_dialog_set_title (dialog, title);
  gtk_file_dialog_set_modal (dialog, TRUE);
  if (initial_name != NULL)
    gtk_file_dialog_set_initial_name (dialog, initial_name);

  gtk_file_dialog_save (dialog, parent, cancellable, save_cb, g_steal_pointer (&task));
}

G_GNUC_END_IGNORE_DEPRECATIONS

#else /* GTK < 4.10 */

static void
on_save_chooser_response_cb (GtkNativeDialog *native,
                             int              response,
                             gpointer         user_data)
{
  g_autoptr(GTask) task = g_object_steal_data (G_OBJECT (native), "attache-task");
  g_autoptr(GFile) file = NULL;

  if (task == NULL)
    return;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (native));

  if (file != NULL)
    g_task_return_pointer (task, g_steal_pointer (&file), g_object_unref);
  else
    g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                             "%s", _("No file was chosen"));

  gtk_native_dialog_destroy (native);
  g_object_unref (native);
}

void
attache_compat_save_file_async (GtkWindow           *parent,
                                const char          *title,
                                const char          *initial_name,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  GtkFileChooserNative *native;

  g_return_if_fail (parent == NULL || GTK_IS_WINDOW (parent));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, attache_compat_save_file_async);

  /* Owned by itself until it answers: see on_save_chooser_response_cb (). */
  native = gtk_file_chooser_native_new (title, parent,
                                        GTK_FILE_CHOOSER_ACTION_SAVE,
                                        NULL, NULL);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);
  if (initial_name != NULL)
    gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (native), initial_name);

  g_object_set_data_full (G_OBJECT (native), "attache-task",
                          g_steal_pointer (&task), g_object_unref);
  g_signal_connect (native, "response", G_CALLBACK (on_save_chooser_response_cb), NULL);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

#endif

GFile *
attache_compat_save_file_finish (GAsyncResult  *result,
                                 GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == attache_compat_save_file_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Asking for a line of text */

static void
set_accept_enabled (GObject  *dialog,
                    gboolean  enabled)
{
#if ADW_CHECK_VERSION (1, 5, 0)
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  adw_alert_dialog_set_response_enabled (ADW_ALERT_DIALOG (dialog), "accept", enabled);
  G_GNUC_END_IGNORE_DEPRECATIONS
#else
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (dialog), "accept", enabled);
#endif
}

static gboolean
is_not_blank (const char *text)
{
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    if (!g_unichar_isspace (g_utf8_get_char (p)))
      return TRUE;

  return FALSE;
}

static void
on_ask_entry_changed_cb (GtkEditable *entry,
                         GObject     *dialog)
{
  AttacheCompatTextCheck check = g_object_get_data (dialog, "attache-check");

  set_accept_enabled (dialog, (check != NULL ? check : is_not_blank) (gtk_editable_get_text (entry)));
}

static void
on_ask_response_cb (GObject    *dialog,
                    const char *response,
                    gpointer    user_data)
{
  g_autoptr(GTask) task = g_object_steal_data (dialog, "attache-task");
  GtkEditable *entry = g_object_get_data (dialog, "attache-entry");

  if (task == NULL)
    return;

  if (g_strcmp0 (response, "accept") == 0)
    g_task_return_pointer (task, g_strstrip (g_strdup (gtk_editable_get_text (entry))), g_free);
  else
    g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                             "%s", _("Nothing was entered"));
}

void
attache_compat_ask_text_async (GtkWindow              *parent,
                               const char             *heading,
                               const char             *body,
                               GtkEntry               *entry,
                               const char             *accept_label,
                               AttacheCompatTextCheck  check,
                               GCancellable           *cancellable,
                               GAsyncReadyCallback     callback,
                               gpointer                user_data)
{
  g_autoptr(GTask) task = NULL;
  GObject *dialog;

  g_return_if_fail (parent == NULL || GTK_IS_WINDOW (parent));
  g_return_if_fail (heading != NULL);
  g_return_if_fail (GTK_IS_ENTRY (entry));
  g_return_if_fail (accept_label != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, attache_compat_ask_text_async);

  gtk_entry_set_activates_default (entry, TRUE);

#if ADW_CHECK_VERSION (1, 5, 0)
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  {
    AdwAlertDialog *alert = ADW_ALERT_DIALOG (adw_alert_dialog_new (heading, body));

    adw_alert_dialog_add_responses (alert, "cancel", _("_Cancel"), "accept", accept_label, NULL);
    adw_alert_dialog_set_response_appearance (alert, "accept", ADW_RESPONSE_SUGGESTED);
    adw_alert_dialog_set_default_response (alert, "accept");
    adw_alert_dialog_set_close_response (alert, "cancel");
    adw_alert_dialog_set_extra_child (alert, GTK_WIDGET (entry));
    dialog = G_OBJECT (alert);
  }
  G_GNUC_END_IGNORE_DEPRECATIONS
#else
  {
    AdwMessageDialog *message = ADW_MESSAGE_DIALOG (adw_message_dialog_new (parent, heading, body));

    adw_message_dialog_add_responses (message, "cancel", _("_Cancel"), "accept", accept_label, NULL);
    adw_message_dialog_set_response_appearance (message, "accept", ADW_RESPONSE_SUGGESTED);
    adw_message_dialog_set_default_response (message, "accept");
    adw_message_dialog_set_close_response (message, "cancel");
    adw_message_dialog_set_extra_child (message, GTK_WIDGET (entry));
    dialog = G_OBJECT (message);
  }
#endif

  g_object_set_data (dialog, "attache-check", check);
  g_object_set_data (dialog, "attache-entry", entry);
  g_object_set_data_full (dialog, "attache-task", g_steal_pointer (&task), g_object_unref);
  g_signal_connect_object (entry, "changed", G_CALLBACK (on_ask_entry_changed_cb), dialog, 0);
  g_signal_connect (dialog, "response", G_CALLBACK (on_ask_response_cb), NULL);
  on_ask_entry_changed_cb (GTK_EDITABLE (entry), dialog);

#if ADW_CHECK_VERSION (1, 5, 0)
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  adw_dialog_present (ADW_DIALOG (dialog), parent != NULL ? GTK_WIDGET (parent) : NULL);
  adw_dialog_set_focus (ADW_DIALOG (dialog), GTK_WIDGET (entry));
  G_GNUC_END_IGNORE_DEPRECATIONS
#else
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (GTK_WIDGET (entry));
#endif
}

char *
attache_compat_ask_text_finish (GAsyncResult  *result,
                                GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == attache_compat_ask_text_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Asking for a choice */

static void
on_ask_choice_response_cb (GObject    *dialog,
                           const char *response,
                           gpointer    user_data)
{
  g_autoptr(GTask) task = g_object_steal_data (dialog, "attache-task");

  if (task == NULL)
    return;

  if (g_strcmp0 (response, "accept") == 0)
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                             "%s", _("Nothing was chosen"));
}

GObject *
attache_compat_ask_choice_async (GtkWindow           *parent,
                                 const char          *heading,
                                 const char          *body,
                                 GtkWidget           *extra_child,
                                 const char          *accept_label,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  GObject *dialog;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (heading != NULL, NULL);
  g_return_val_if_fail (GTK_IS_WIDGET (extra_child), NULL);
  g_return_val_if_fail (accept_label != NULL, NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, attache_compat_ask_choice_async);

#if ADW_CHECK_VERSION (1, 5, 0)
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  {
    AdwAlertDialog *alert = ADW_ALERT_DIALOG (adw_alert_dialog_new (heading, body));

    adw_alert_dialog_add_responses (alert, "cancel", _("_Cancel"), "accept", accept_label, NULL);
    adw_alert_dialog_set_response_appearance (alert, "accept", ADW_RESPONSE_SUGGESTED);
    adw_alert_dialog_set_default_response (alert, "accept");
    adw_alert_dialog_set_close_response (alert, "cancel");
    adw_alert_dialog_set_extra_child (alert, extra_child);
    dialog = G_OBJECT (alert);
  }
  G_GNUC_END_IGNORE_DEPRECATIONS
#else
  {
    AdwMessageDialog *message = ADW_MESSAGE_DIALOG (adw_message_dialog_new (parent, heading, body));

    adw_message_dialog_add_responses (message, "cancel", _("_Cancel"), "accept", accept_label, NULL);
    adw_message_dialog_set_response_appearance (message, "accept", ADW_RESPONSE_SUGGESTED);
    adw_message_dialog_set_default_response (message, "accept");
    adw_message_dialog_set_close_response (message, "cancel");
    adw_message_dialog_set_extra_child (message, extra_child);
    dialog = G_OBJECT (message);
  }
#endif

  g_object_set_data_full (dialog, "attache-task", g_steal_pointer (&task), g_object_unref);
  g_signal_connect (dialog, "response", G_CALLBACK (on_ask_choice_response_cb), NULL);
  set_accept_enabled (dialog, FALSE);

#if ADW_CHECK_VERSION (1, 5, 0)
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  adw_dialog_present (ADW_DIALOG (dialog), parent != NULL ? GTK_WIDGET (parent) : NULL);
  G_GNUC_END_IGNORE_DEPRECATIONS
#else
  gtk_window_present (GTK_WINDOW (dialog));
#endif

  return dialog;
}

void
attache_compat_ask_set_accept_enabled (GObject  *dialog,
                                       gboolean  enabled)
{
  g_return_if_fail (G_IS_OBJECT (dialog));

  set_accept_enabled (dialog, enabled);
}

void
attache_compat_ask_accept (GObject *dialog)
{
  g_return_if_fail (G_IS_OBJECT (dialog));

#if ADW_CHECK_VERSION (1, 5, 0)
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  if (!adw_alert_dialog_get_response_enabled (ADW_ALERT_DIALOG (dialog), "accept"))
    return;
  g_signal_emit_by_name (dialog, "response", "accept");
  /* Closing says the close response ("cancel") too: the task is gone by then. */
  adw_dialog_close (ADW_DIALOG (dialog));
  G_GNUC_END_IGNORE_DEPRECATIONS
#else
  if (!adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "accept"))
    return;
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "accept");
  gtk_window_close (GTK_WINDOW (dialog));
#endif
}

gboolean
attache_compat_ask_choice_finish (GAsyncResult  *result,
                                  GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == attache_compat_ask_choice_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* Alerts */

static void
on_alert_response_cb (GObject    *dialog,
                      const char *response,
                      gpointer    user_data)
{
  g_autoptr(GTask) task = g_object_steal_data (dialog, "attache-task");

  if (task != NULL)
    g_task_return_boolean (task, TRUE);
}

void
attache_compat_alert_async (GtkWindow           *parent,
                            const char          *heading,
                            const char          *body,
                            GtkWidget           *extra_child,
                            const char          *close_label,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  GObject *dialog;

  g_return_if_fail (parent == NULL || GTK_IS_WINDOW (parent));
  g_return_if_fail (heading != NULL);
  g_return_if_fail (close_label != NULL);
  g_return_if_fail (extra_child == NULL || GTK_IS_WIDGET (extra_child));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, attache_compat_alert_async);

#if ADW_CHECK_VERSION (1, 5, 0)
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  {
    AdwAlertDialog *alert = ADW_ALERT_DIALOG (adw_alert_dialog_new (heading, body));

    adw_alert_dialog_add_response (alert, "close", close_label);
    adw_alert_dialog_set_default_response (alert, "close");
    adw_alert_dialog_set_close_response (alert, "close");
    if (extra_child != NULL)
      adw_alert_dialog_set_extra_child (alert, extra_child);

    dialog = G_OBJECT (alert);
    g_object_set_data_full (dialog, "attache-task", g_steal_pointer (&task), g_object_unref);
    g_signal_connect (dialog, "response", G_CALLBACK (on_alert_response_cb), NULL);
    adw_dialog_present (ADW_DIALOG (alert), parent != NULL ? GTK_WIDGET (parent) : NULL);
  }
  G_GNUC_END_IGNORE_DEPRECATIONS
#else
  {
    AdwMessageDialog *message = ADW_MESSAGE_DIALOG (adw_message_dialog_new (parent, heading, body));

    adw_message_dialog_add_response (message, "close", close_label);
    adw_message_dialog_set_default_response (message, "close");
    adw_message_dialog_set_close_response (message, "close");
    if (extra_child != NULL)
      adw_message_dialog_set_extra_child (message, extra_child);

    dialog = G_OBJECT (message);
    g_object_set_data_full (dialog, "attache-task", g_steal_pointer (&task), g_object_unref);
    g_signal_connect (dialog, "response", G_CALLBACK (on_alert_response_cb), NULL);
    gtk_window_present (GTK_WINDOW (message));
  }
#endif
}

gboolean
attache_compat_alert_finish (GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == attache_compat_alert_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* About */

void
attache_compat_show_about (GtkWindow *parent)
{
  const char *developers[] = { _("The Attaché developers"), NULL };

  g_return_if_fail (parent == NULL || GTK_IS_WINDOW (parent));

#if ADW_CHECK_VERSION (1, 5, 0)
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  {
    AdwAboutDialog *about = ADW_ABOUT_DIALOG (adw_about_dialog_new ());

    adw_about_dialog_set_application_name (about, _("Attaché"));
    adw_about_dialog_set_application_icon (about, APP_ID);
    adw_about_dialog_set_version (about, PACKAGE_VERSION);
    adw_about_dialog_set_developer_name (about, developers[0]);
    adw_about_dialog_set_developers (about, developers);
    adw_about_dialog_set_license_type (about, GTK_LICENSE_GPL_3_0);
    adw_about_dialog_set_website (about, "https://github.com/attache/Attache");
    adw_about_dialog_set_issue_url (about, "https://github.com/attache/Attache/issues");
    adw_dialog_present (ADW_DIALOG (about), parent != NULL ? GTK_WIDGET (parent) : NULL);
  }
  G_GNUC_END_IGNORE_DEPRECATIONS
#else
  {
    AdwAboutWindow *about = ADW_ABOUT_WINDOW (adw_about_window_new ());

    gtk_window_set_transient_for (GTK_WINDOW (about), parent);
    gtk_window_set_modal (GTK_WINDOW (about), TRUE);
    adw_about_window_set_application_name (about, _("Attaché"));
    adw_about_window_set_application_icon (about, APP_ID);
    adw_about_window_set_version (about, PACKAGE_VERSION);
    adw_about_window_set_developer_name (about, developers[0]);
    adw_about_window_set_developers (about, developers);
    adw_about_window_set_license_type (about, GTK_LICENSE_GPL_3_0);
    adw_about_window_set_website (about, "https://github.com/attache/Attache");
    adw_about_window_set_issue_url (about, "https://github.com/attache/Attache/issues");
    gtk_window_present (GTK_WINDOW (about));
  }
#endif
}

/* Links */

/* Says in a toast where @widget is that @uri could not be opened. */
static void
uri_not_opened (GtkWidget    *widget,
                const char   *uri,
                const GError *error)
{
  g_autofree char *what = NULL;

  /* Translators: %s is a web address or a file's address */
  what = g_strdup_printf (_("Could not open %s"), uri);
  _attache_add_toast (widget, _attache_error_toast_new (what, error));
}

typedef struct
{
  GtkWidget *widget;   /* owned */
  char      *uri;
} OpenUriData;

static void
open_uri_data_free (OpenUriData *data)
{
  g_object_unref (data->widget);
  g_free (data->uri);
  g_free (data);
}

#if GTK_CHECK_VERSION (4, 10, 0)
G_GNUC_BEGIN_IGNORE_DEPRECATIONS

static void
launch_uri_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  OpenUriData *data = user_data;
  g_autoptr(GError) error = NULL;

  if (!gtk_uri_launcher_launch_finish (GTK_URI_LAUNCHER (object), result, &error) &&
      !g_error_matches (error, GTK_DIALOG_ERROR, GTK_DIALOG_ERROR_DISMISSED) &&
      !g_error_matches (error, GTK_DIALOG_ERROR, GTK_DIALOG_ERROR_CANCELLED))
    uri_not_opened (data->widget, data->uri, error);
  open_uri_data_free (data);
}

G_GNUC_END_IGNORE_DEPRECATIONS
#else

static void
show_uri_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  OpenUriData *data = user_data;
  g_autoptr(GError) error = NULL;

  if (!gtk_show_uri_full_finish (GTK_WINDOW (object), result, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    uri_not_opened (data->widget, data->uri, error);
  open_uri_data_free (data);
}

#endif

void
attache_compat_open_uri (GtkWidget  *widget,
                         const char *uri)
{
  GtkRoot *root;
  OpenUriData *data;

  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (uri != NULL);

  root = gtk_widget_get_root (widget);
  data = g_new0 (OpenUriData, 1);
  data->widget = g_object_ref (widget);
  data->uri = g_strdup (uri);

#if GTK_CHECK_VERSION (4, 10, 0)
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  {
    g_autoptr(GtkUriLauncher) launcher = gtk_uri_launcher_new (uri);

    gtk_uri_launcher_launch (launcher, GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, NULL,
                             launch_uri_cb, data);
  }
  G_GNUC_END_IGNORE_DEPRECATIONS
#else
  gtk_show_uri_full (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, uri, GDK_CURRENT_TIME, NULL,
                     show_uri_cb, data);
#endif
}

/* Preferences */

#if ADW_CHECK_VERSION (1, 5, 0)

G_GNUC_BEGIN_IGNORE_DEPRECATIONS

void
attache_compat_show_preferences (GtkWindow *parent,
                                 GtkWidget *page)
{
  AdwDialog *dialog;

  g_return_if_fail (parent == NULL || GTK_IS_WINDOW (parent));
  g_return_if_fail (ADW_IS_PREFERENCES_PAGE (page));

  dialog = adw_preferences_dialog_new ();
  adw_preferences_dialog_set_search_enabled (ADW_PREFERENCES_DIALOG (dialog), FALSE);
  adw_preferences_dialog_add (ADW_PREFERENCES_DIALOG (dialog), ADW_PREFERENCES_PAGE (page));
  adw_dialog_present (dialog, parent != NULL ? GTK_WIDGET (parent) : NULL);
}

G_GNUC_END_IGNORE_DEPRECATIONS

#else /* libadwaita < 1.5 */

void
attache_compat_show_preferences (GtkWindow *parent,
                                 GtkWidget *page)
{
  GtkWidget *window;

  g_return_if_fail (parent == NULL || GTK_IS_WINDOW (parent));
  g_return_if_fail (ADW_IS_PREFERENCES_PAGE (page));

  window = adw_preferences_window_new ();
  gtk_window_set_modal (GTK_WINDOW (window), TRUE);
  gtk_window_set_transient_for (GTK_WINDOW (window), parent);
  gtk_window_set_default_size (GTK_WINDOW (window), 560, 360);
  adw_preferences_window_set_search_enabled (ADW_PREFERENCES_WINDOW (window), FALSE);
  adw_preferences_window_add (ADW_PREFERENCES_WINDOW (window), ADW_PREFERENCES_PAGE (page));
  gtk_window_present (GTK_WINDOW (window));
}

#endif
