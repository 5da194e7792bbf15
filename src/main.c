/* main.c: Attaché, news articles for analysts
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "attache"

#include "config.h"

#include <locale.h>

#include <glib/gi18n.h>

#include "attache-application.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(AttacheApplication) application = NULL;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  g_set_application_name (_("Attaché"));

  application = attache_application_new ();

  return g_application_run (G_APPLICATION (application), argc, argv);
}
