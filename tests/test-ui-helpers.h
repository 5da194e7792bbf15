/* test-ui-helpers.h: what the window's tests and benchmarks share
 *
 * Waiting on the main loop without fixed sleeps, finding widgets, rendering
 * them to PNG files for a person to look at, and the one application the
 * windows of a test program belong to. Linked into the programs that need a
 * display (tests/meson.build: test_ui_dep).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "attache-application.h"
#include "attache-window.h"

G_BEGIN_DECLS

/* Waiting, without fixed sleeps */

/* Sets the gboolean at @data to TRUE: a timeout's callback. */
gboolean set_true_cb (gpointer data);

/* Runs the default main context until @cond holds; after @seconds, fails
 * with the line of the wait and the condition that did not hold. */
#define wait_until_within(seconds, cond)                                      \
  G_STMT_START {                                                              \
    gboolean timed_out_ = FALSE;                                              \
    guint timeout_id_ = g_timeout_add_seconds ((seconds), set_true_cb,        \
                                               &timed_out_);                  \
    while (!(cond) && !timed_out_)                                            \
      g_main_context_iteration (NULL, TRUE);                                  \
    if (!(cond))                                                              \
      g_error ("line %d: timed out after %d s waiting for: %s",               \
               __LINE__, (int) (seconds), #cond);                             \
    if (!timed_out_)                                                          \
      g_source_remove (timeout_id_);                                          \
  } G_STMT_END

/* The same within WAIT_SECONDS, which each program defines for itself. */
#define wait_until(cond) wait_until_within (WAIT_SECONDS, cond)

/* A tick callback: counts the frames drawn in the guint at @user_data. */
gboolean count_frame_cb (GtkWidget     *widget,
                         GdkFrameClock *frame_clock,
                         gpointer       user_data);

/* Lets @widget's frame clock draw @n frames (within @seconds), then runs what
 * is pending. */
void wait_for_frames_within (guint      seconds,
                             GtkWidget *widget,
                             guint      n);

#define wait_for_frames(widget, n) wait_for_frames_within (WAIT_SECONDS, (widget), (n))

/* Finding widgets */

/* The template child @name of @widget, a @type; fails when there is none. */
gpointer   get_child        (GType       type,
                             GtkWidget  *widget,
                             const char *name);

/* The first widget under @widget (itself included) with @css_class, or NULL. */
GtkWidget *find_with_class  (GtkWidget  *widget,
                             const char *css_class);

/* The first widget under @widget (itself included) of @type, or NULL. */
GtkWidget *find_by_type     (GtkWidget  *widget,
                             GType       type);

/* Adds every widget under @widget (itself included) of @type to @found, in order. */
void       collect_by_type  (GtkWidget  *widget,
                             GType       type,
                             GPtrArray  *found);

/* The first visible window of @type, or NULL. */
GtkWindow *find_toplevel    (GType       type);

/* What Enter does in an entry: its text's "activate" key binding. */
void       press_enter      (GtkEntry   *entry);

/* The reader */

/* The text @window's reader shows. */
char     *dup_reader_text  (AttacheWindow *window);

/* TRUE when @window's reader shows @text. */
gboolean  reader_shows     (AttacheWindow *window,
                            const char    *text);

/* Pictures */

/* What @widget shows, as GTK draws it. */
GdkTexture *render_widget   (GtkWidget  *widget);

/* Renders @widget to @name in G_TEST_BUILDDIR (and a copy in the temporary
 * folder, where a person finds it without knowing the build folder); returns
 * what was drawn. */
GdkTexture *render_png      (GtkWidget  *widget,
                             const char *name);

/* The same, for a test that only wants the file. */
void        save_png        (GtkWidget  *widget,
                             const char *name);

/* The application */

/* The application the windows belong to: registered (so started up) once,
 * NON_UNIQUE, in the light style whatever the desktop prefers. */
AttacheApplication *get_application   (void);

/* Drops the application, if there is one: at the end of main (). */
void                clear_application (void);

/* The light style, or the dark one. */
void                set_dark          (gboolean dark);

/* Importing */

/* attache_importer_import_files_async ()'s callback: stores the results in
 * the GPtrArray * at @user_data; fails on an error. */
void import_files_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data);

G_END_DECLS
