/* attache-application.h: the application: one instance, one library, one window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define ATTACHE_TYPE_APPLICATION (attache_application_get_type ())

G_DECLARE_FINAL_TYPE (AttacheApplication, attache_application, ATTACHE, APPLICATION, AdwApplication)

AttacheApplication *attache_application_new (void);

G_END_DECLS
