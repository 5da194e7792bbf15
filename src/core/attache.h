/* attache.h: the public headers of the core, for the window, the CLI and the tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "attache-actor-network.h"
#include "attache-actors.h"
#include "attache-analysis.h"
#include "attache-analysis-runner.h"
#include "attache-article.h"
#include "attache-article-list.h"
#include "attache-briefing.h"
#include "attache-briefing-markdown.h"
#include "attache-briefing-pdf.h"
#include "attache-briefing-store.h"
#include "attache-conll.h"
#include "attache-database.h"
#include "attache-extract.h"
#include "attache-feed.h"
#include "attache-feed-refresher.h"
#include "attache-importer.h"
#include "attache-language.h"
#include "attache-library.h"
#include "attache-search.h"
#include "attache-search-facets.h"
#include "attache-subject.h"
#include "attache-summary.h"
#include "attache-ner-score.h"
#include "attache-opml.h"
#include "attache-overview.h"
#include "attache-tagger.h"
#include "attache-timeline.h"
#include "attache-tokenizer.h"
