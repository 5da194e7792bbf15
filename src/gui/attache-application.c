/* attache-application.c: the application: one instance, one library, one window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "attache-application"

#include "config.h"

#include <glib/gi18n.h>

#include "attache-application.h"
#include "attache-compat.h"
#include "attache-analysis-runner.h"
#include "attache-database.h"
#include "attache-library.h"
#include "attache-preferences-page.h"
#include "attache-window.h"

struct _AttacheApplication
{
  AdwApplication  parent_instance;

  /* While the library is being opened, in a worker */
  gboolean        opening;
  GtkWidget      *opening_window;   /* weak: shown when the open takes a while */
  guint           opening_id;       /* the timeout that shows it */
  gboolean        upgrading;        /* the library is of an older format */
  char           *opening_path;
};

G_DEFINE_FINAL_TYPE (AttacheApplication, attache_application, ADW_TYPE_APPLICATION)

static const GOptionEntry options[] = {
  { "library", 'l', G_OPTION_FLAG_NONE, G_OPTION_ARG_FILENAME, NULL,
    N_("Open the library in FILE instead of the usual one"), N_("FILE") },
  { "version", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_NONE, NULL,
    N_("Show the version and quit"), NULL },
  { NULL }
};

static AttacheWindow *
get_main_window (AttacheApplication *self)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
    {
      if (ATTACHE_IS_WINDOW (l->data))
        return ATTACHE_WINDOW (l->data);
    }

  return NULL;
}

static void
alert_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(AttacheApplication) self = user_data;

  attache_compat_alert_finish (result, NULL);
  g_application_release (G_APPLICATION (self));
}

/* Tells the person why the library cannot be opened and what to do, then
 * lets the application quit. */
static void
show_open_error (AttacheApplication *self,
                 const char         *path,
                 const GError       *error)
{
  g_autofree char *display_path = g_filename_display_name (path);
  g_autofree char *body = NULL;

  if (g_error_matches (error, ATTACHE_DATABASE_ERROR, ATTACHE_DATABASE_ERROR_NEWER_VERSION))
    body = g_strdup_printf (_("The library “%s” was saved by a newer version of Attaché, "
                              "which this version cannot read. It has been left untouched.\n\n"
                              "Update Attaché to open it, or start Attaché with another "
                              "library: attache --library FILE"),
                            display_path);
  else if (g_error_matches (error, ATTACHE_DATABASE_ERROR, ATTACHE_DATABASE_ERROR_NOT_A_LIBRARY))
    body = g_strdup_printf (_("“%s” is not an Attaché library, or it is damaged. "
                              "It has been left untouched.\n\n"
                              "Start Attaché with another library: attache --library FILE"),
                            display_path);
  else if (g_error_matches (error, ATTACHE_DATABASE_ERROR, ATTACHE_DATABASE_ERROR_BUSY))
    body = g_strdup_printf (_("Another program is using the library “%s”. "
                              "Close it, then start Attaché again."),
                            display_path);
  else
    body = g_strdup_printf (_("The library “%s” could not be opened: %s\n\n"
                              "Check that its folder exists and can be written to, "
                              "or start Attaché with another library: attache --library FILE"),
                            display_path, error->message);

  g_message ("Could not open the library %s: %s", path, error->message);

  /* No window keeps the application running meanwhile. */
  g_application_hold (G_APPLICATION (self));
  attache_compat_alert_async (NULL, _("Could Not Open the Library"), body, NULL, _("_Quit"),
                              NULL, alert_cb, g_object_ref (self));
}

/* Opening the library happens in a worker: a library of an older format is
 * brought up to date on its first open, which takes a while for a large one
 * (some 8 s for 100,000 articles), and the desktop must not see a frozen
 * application meanwhile. An upgrade shows a window saying so at once; an
 * ordinary open shows it only if it is slow. */

/* How long an ordinary open may take before the window saying so is shown. */
#define OPENING_WINDOW_DELAY_MS 400

static void
on_opening_window_destroy_cb (GtkWidget          *window,
                              AttacheApplication *self)
{
  self->opening_window = NULL;
}

static gboolean
show_opening_window_cb (gpointer user_data)
{
  AttacheApplication *self = user_data;
  GtkWidget *window, *page, *spinner, *header, *box;

  self->opening_id = 0;
  if (self->opening_window != NULL)
    return G_SOURCE_REMOVE;

  spinner = gtk_spinner_new ();
  gtk_spinner_set_spinning (GTK_SPINNER (spinner), TRUE);
  gtk_widget_set_size_request (spinner, 32, 32);
  gtk_widget_set_halign (spinner, GTK_ALIGN_CENTER);

  page = adw_status_page_new ();
  adw_status_page_set_icon_name (ADW_STATUS_PAGE (page), APP_ID);
  if (self->upgrading)
    {
      adw_status_page_set_title (ADW_STATUS_PAGE (page), _("Updating the Library"));
      adw_status_page_set_description (ADW_STATUS_PAGE (page),
                                       _("The library was made by an earlier version of Attaché. "
                                         "It is brought up to date once; for a large library this "
                                         "takes a minute. Nothing in it is lost."));
    }
  else
    {
      adw_status_page_set_title (ADW_STATUS_PAGE (page), _("Opening the Library"));
    }
  adw_status_page_set_child (ADW_STATUS_PAGE (page), spinner);

  header = adw_header_bar_new ();
  adw_header_bar_set_title_widget (ADW_HEADER_BAR (header), gtk_label_new (NULL));
  gtk_widget_add_css_class (header, "flat");
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_box_append (GTK_BOX (box), header);
  gtk_widget_set_vexpand (page, TRUE);
  gtk_box_append (GTK_BOX (box), page);

  window = adw_application_window_new (GTK_APPLICATION (self));
  gtk_window_set_title (GTK_WINDOW (window), _("Attaché"));
  gtk_window_set_default_size (GTK_WINDOW (window), 560, 420);
  gtk_widget_add_css_class (window, "opening-window");
  adw_application_window_set_content (ADW_APPLICATION_WINDOW (window), box);
  g_signal_connect (window, "destroy", G_CALLBACK (on_opening_window_destroy_cb), self);
  self->opening_window = window;

  gtk_window_present (GTK_WINDOW (window));
  return G_SOURCE_REMOVE;
}

static void
open_library_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(AttacheApplication) self = user_data;
  g_autoptr(AttacheLibrary) library = NULL;
  g_autoptr(AttacheAnalysisRunner) runner = NULL;
  g_autoptr(GError) error = NULL;
  gboolean closed;
  AttacheWindow *window;

  library = attache_library_open_finish (result, &error);

  /* The window saying so was closed: the person has given up waiting. */
  closed = self->opening_window == NULL && self->opening_id == 0;
  self->opening = FALSE;
  g_clear_handle_id (&self->opening_id, g_source_remove);

  if (library == NULL)
    {
      show_open_error (self, self->opening_path, error);
    }
  else if (!closed)
    {
      window = attache_window_new (self, library);
      /* New articles, and all of them after the analyser changed, are
       * analysed in the background for as long as the window is open. */
      runner = attache_analysis_runner_new (library);
      attache_window_set_analysis_runner (window, runner);
      gtk_window_present (GTK_WINDOW (window));
    }

  if (self->opening_window != NULL)
    gtk_window_destroy (GTK_WINDOW (self->opening_window));
  g_clear_pointer (&self->opening_path, g_free);
  g_application_release (G_APPLICATION (self));
}

/* Opens the library at @path (NULL for the usual one) in a new window. */
static void
open_library (AttacheApplication *self,
              const char         *path)
{
  g_autofree char *default_path = NULL;
  int format;

  if (self->opening)
    {
      if (self->opening_window != NULL)
        gtk_window_present (GTK_WINDOW (self->opening_window));
      return;
    }

  if (path == NULL)
    path = default_path = attache_library_dup_default_path ();

  /* The file's header alone: whether opening it will upgrade it. */
  format = attache_database_peek_schema_version (path);
  self->upgrading = format >= 0 && format < attache_database_get_latest_version ();
  self->opening = TRUE;
  g_free (self->opening_path);
  self->opening_path = g_strdup (path);

  /* No window keeps the application running meanwhile. */
  g_application_hold (G_APPLICATION (self));
  self->opening_id = g_timeout_add (self->upgrading ? 0 : OPENING_WINDOW_DELAY_MS, show_opening_window_cb, self);
  g_source_set_name_by_id (self->opening_id, "[attache] opening window");
  attache_library_open_async (path, NULL, open_library_cb, g_object_ref (self));
}

static void
attache_application_activate (GApplication *application)
{
  AttacheApplication *self = ATTACHE_APPLICATION (application);
  AttacheWindow *window = get_main_window (self);

  if (window != NULL)
    gtk_window_present (GTK_WINDOW (window));
  else
    open_library (self, NULL);
}

static int
attache_application_command_line (GApplication            *application,
                                  GApplicationCommandLine *command_line)
{
  AttacheApplication *self = ATTACHE_APPLICATION (application);
  GVariantDict *options_dict = g_application_command_line_get_options_dict (command_line);
  AttacheWindow *window = get_main_window (self);
  g_autofree char *path = NULL;
  const char *arg;

  if (g_variant_dict_lookup (options_dict, "library", "^&ay", &arg))
    {
      g_autoptr(GFile) file = g_application_command_line_create_file_for_arg (command_line, arg);

      path = g_file_get_path (file);
    }

  if (window == NULL)
    {
      open_library (self, path);
      return EXIT_SUCCESS;
    }

  /* A second launch: the running instance answers with its window. */
  if (path != NULL)
    {
      AttacheLibrary *library = attache_window_get_library (window);

      if (g_strcmp0 (path, attache_library_get_path (library)) != 0)
        g_application_command_line_printerr (command_line,
                                             _("Attaché is already running with the library %s\n"),
                                             attache_library_get_path (library));
    }

  gtk_window_present (GTK_WINDOW (window));

  return EXIT_SUCCESS;
}

static int
attache_application_handle_local_options (GApplication *application,
                                          GVariantDict *options_dict)
{
  if (g_variant_dict_contains (options_dict, "version"))
    {
      g_print ("%s %s\n", PACKAGE_NAME, PACKAGE_VERSION);
      return EXIT_SUCCESS;
    }

  return -1;
}

static void
quit_activated (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  AttacheApplication *self = ATTACHE_APPLICATION (user_data);
  GList *windows;

  /* Closing the windows lets each keep its state; the application then quits
   * as it has no window left. */
  windows = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (self)));
  for (GList *l = windows; l != NULL; l = l->next)
    gtk_window_close (GTK_WINDOW (l->data));
  g_list_free (windows);
}

static void
about_activated (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  AttacheApplication *self = ATTACHE_APPLICATION (user_data);

  attache_compat_show_about (gtk_application_get_active_window (GTK_APPLICATION (self)));
}

static void
preferences_activated (GSimpleAction *action,
                       GVariant      *parameter,
                       gpointer       user_data)
{
  AttacheApplication *self = ATTACHE_APPLICATION (user_data);
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;
  g_autoptr(GSettings) settings = NULL;

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APP_ID, TRUE);
  if (schema != NULL)
    settings = g_settings_new_full (schema, NULL, NULL);

  attache_compat_show_preferences (gtk_application_get_active_window (GTK_APPLICATION (self)),
                                   attache_preferences_page_new (settings));
}

static const GActionEntry app_actions[] = {
  { "quit", quit_activated, NULL, NULL, NULL },
  { "about", about_activated, NULL, NULL, NULL },
  { "preferences", preferences_activated, NULL, NULL, NULL },
};

static void
attache_application_startup (GApplication *application)
{
  static const char *quit_accels[] = { "<Control>q", NULL };
  static const char *preferences_accels[] = { "<Control>comma", NULL };

  G_APPLICATION_CLASS (attache_application_parent_class)->startup (application);

  g_action_map_add_action_entries (G_ACTION_MAP (application),
                                   app_actions, G_N_ELEMENTS (app_actions),
                                   application);
  gtk_application_set_accels_for_action (GTK_APPLICATION (application), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (application), "app.preferences",
                                         preferences_accels);

  gtk_window_set_default_icon_name (APP_ID);
}

static void
attache_application_finalize (GObject *object)
{
  AttacheApplication *self = ATTACHE_APPLICATION (object);

  g_clear_handle_id (&self->opening_id, g_source_remove);
  g_free (self->opening_path);

  G_OBJECT_CLASS (attache_application_parent_class)->finalize (object);
}

static void
attache_application_class_init (AttacheApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *application_class = G_APPLICATION_CLASS (klass);

  object_class->finalize = attache_application_finalize;
  application_class->startup = attache_application_startup;
  application_class->activate = attache_application_activate;
  application_class->command_line = attache_application_command_line;
  application_class->handle_local_options = attache_application_handle_local_options;
}

static void
attache_application_init (AttacheApplication *self)
{
  g_application_add_main_option_entries (G_APPLICATION (self), options);
}

AttacheApplication *
attache_application_new (void)
{
  return g_object_new (ATTACHE_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_HANDLES_COMMAND_LINE,
                       "resource-base-path", "/io/github/attache/Attache",
                       NULL);
}
