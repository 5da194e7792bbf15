/* attache-preferences-page.h: what the person can set: how often the feeds are refreshed
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define ATTACHE_TYPE_PREFERENCES_PAGE (attache_preferences_page_get_type ())

G_DECLARE_FINAL_TYPE (AttachePreferencesPage, attache_preferences_page, ATTACHE, PREFERENCES_PAGE, AdwPreferencesPage)

/* Shows and changes @settings (the application's schema); NULL when the
 * schema is not installed, and then nothing can be changed. */
GtkWidget *attache_preferences_page_new (GSettings *settings);

G_END_DECLS
