/* attache-toast-private.h: toasts, as every view of the window shows them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* Shows @toast (taking it) in the AdwToastOverlay @widget is in; dropped
 * when it is in none (a view not yet in a window). */
void      _attache_add_toast       (GtkWidget    *widget,
                                    AdwToast     *toast);
/* A toast "@what: @error's message", both escaped for its markup. */
AdwToast *_attache_error_toast_new (const char   *what,
                                    const GError *error);

G_END_DECLS
