/* attache-subject.h: the broad subject of an article, from the IPTC Media Topics
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* One of the 17 top-level IPTC Media Topics. */
typedef struct
{
  const char *code;    /* "medtop:11000000" */
  const char *label;   /* "politics": IPTC's English label (not translated: it is a code's name) */
} AttacheSubject;

/* The top-level subject of an article from its title (may be NULL) and text, or
 * NULL when the text holds too few telling words. @score, if not NULL, receives
 * the winner's share of the evidence (0–1). */
const AttacheSubject *attache_classify_subject  (const char *title,
                                                 const char *text,
                                                 double     *score);

/* Every top-level subject, in code order; @n_subjects receives how many. */
const AttacheSubject *attache_subjects          (guint      *n_subjects);

/* The subject with @code, or NULL. */
const AttacheSubject *attache_subject_from_code (const char *code);

G_END_DECLS
