/* attache-analysis.c: who an article is about, and what
 *
 * Actors: the tagger's names, made into real-world entities. Countries,
 * nationality words, international organisations, regions and cities are
 * named the gazetteer's way ("US", "U.S." and "American" are all the United
 * States); a surname alone joins the full name it stands for ("Blinken",
 * "Mr Blinken" → Antony Blinken), whatever type the tagger gave it; an acronym
 * in parentheses joins the name before it; a title just before a person's name
 * is a role. Salience weighs how often, how early (the title counts most), how
 * widely through the text, and whether a person has a role.
 *
 * Topics: phrases of content words ("export controls", "war in Ukraine"),
 * scored by use in the article against how common their words are in the
 * library. The subject comes from attache-subject.c, the summary from
 * attache-summary.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "attache-analysis"

#include "config.h"

#include <math.h>
#include <string.h>

#include "attache-analysis.h"
#include "attache-gazetteer-private.h"
#include "attache-language.h"
#include "attache-tagger.h"
#include "attache-tokenizer.h"

#define MAX_TOPICS 6

const char *
attache_actor_type_to_string (AttacheActorType type)
{
  switch (type)
    {
    case ATTACHE_ACTOR_PERSON:       return "person";
    case ATTACHE_ACTOR_ORGANIZATION: return "organization";
    case ATTACHE_ACTOR_COUNTRY:      return "country";
    case ATTACHE_ACTOR_LOCATION:     return "location";
    default:                         return "location";
    }
}

gboolean
attache_actor_type_from_string (const char       *text,
                                AttacheActorType *type)
{
  for (int t = ATTACHE_ACTOR_PERSON; t <= ATTACHE_ACTOR_LOCATION; t++)
    if (g_strcmp0 (text, attache_actor_type_to_string (t)) == 0)
      {
        *type = t;
        return TRUE;
      }

  return FALSE;
}

static AttacheTagger *
get_tagger (GError **error)
{
  static AttacheTagger *tagger;
  static GMutex lock;
  AttacheTagger *result;

  g_mutex_lock (&lock);
  if (tagger == NULL)
    tagger = attache_tagger_new_default (error);
  result = tagger;
  g_mutex_unlock (&lock);

  return result;
}

typedef struct
{
  AttacheActorType type;
  char            *surface;      /* as written, honorifics removed */
  char            *canonical;    /* the name the actor goes by */
  guint            first_token;
  guint            end_token;    /* exclusive */
  AttacheSpan      span;         /* bytes: a part of a token for "Israel-Hamas" */
  guint            sentence;
  gboolean         in_title;
  gboolean         known;        /* the gazetteer named it */
  char            *role;
  guint            role_first_token;
} Mention;

static void
mention_clear (gpointer data)
{
  Mention *m = data;

  g_free (m->surface);
  g_free (m->canonical);
  g_free (m->role);
}

static const char * const honorifics[] = {
  "mr", "mr.", "mrs", "mrs.", "ms", "ms.", "dr", "dr.", "sir", "dame", "madam", "mme", "m.", NULL
};

static gboolean
token_is (const char         *text,
          const AttacheToken *token,
          const char * const *words)
{
  g_autofree char *lower = g_utf8_strdown (text + token->start, token->length);

  return g_strv_contains (words, lower);
}

static char *
span_string (const char         *text,
             const AttacheToken *tokens,
             guint               first,
             guint               end)
{
  return g_strndup (text + tokens[first].start,
                    tokens[end - 1].start + tokens[end - 1].length - tokens[first].start);
}

static gboolean
is_capitalised (const char         *text,
                const AttacheToken *token)
{
  return g_unichar_isupper (g_utf8_get_char (text + token->start));
}

/* Decides type and canonical name of a mention from the gazetteer, else from
 * the tagger's type. Returns FALSE for what is not an actor (MISC that is not a
 * nationality). */
static gboolean
resolve_mention (const AttacheGazetteer *gazetteer,
                 Mention                *m,
                 AttacheNerType          tagged)
{
  guint categories = 0;
  const char *canonical = _attache_gazetteer_lookup (gazetteer, m->surface, &categories);
  gboolean person_name = tagged == ATTACHE_NER_TYPE_PER && m->end_token - m->first_token > 1;

  if (canonical != NULL && !person_name)
    {
      if (categories & (_ATTACHE_GAZ_COUNTRY | _ATTACHE_GAZ_DEMONYM | _ATTACHE_GAZ_CODE))
        m->type = ATTACHE_ACTOR_COUNTRY;
      else if (categories & (_ATTACHE_GAZ_ORG | _ATTACHE_GAZ_COMPANY))
        m->type = ATTACHE_ACTOR_ORGANIZATION;
      /* "Jackson" the person is not Jackson, Mississippi */
      else if ((categories & (_ATTACHE_GAZ_REGION | _ATTACHE_GAZ_CITY)) && tagged != ATTACHE_NER_TYPE_PER)
        m->type = ATTACHE_ACTOR_LOCATION;
      else
        canonical = NULL;   /* a title or a given name alone: not an actor by itself */

      if (canonical != NULL)
        {
          m->canonical = g_strdup (canonical);
          m->known = TRUE;
          return TRUE;
        }
    }

  switch (tagged)
    {
    case ATTACHE_NER_TYPE_PER: m->type = ATTACHE_ACTOR_PERSON; break;
    case ATTACHE_NER_TYPE_ORG: m->type = ATTACHE_ACTOR_ORGANIZATION; break;
    case ATTACHE_NER_TYPE_LOC: m->type = ATTACHE_ACTOR_LOCATION; break;
    case ATTACHE_NER_TYPE_MISC:
    case ATTACHE_NER_TYPE_NONE:
    case ATTACHE_NER_N_TYPES:
    default:
      return FALSE;
    }

  m->canonical = g_strdup (m->surface);
  return TRUE;
}

/* The role before a person's name: the longest title that ends just before it
 * ("Secretary of State"), with the country or nationality before the title
 * ("US", "French"). */
static char *
find_role (const AttacheGazetteer *gazetteer,
           const char             *text,
           const AttacheToken     *tokens,
           guint                   first,
           guint                   lower_bound,
           guint                  *role_first)
{
  int best = -1;

  for (guint n = 1; n <= 5 && n <= first - lower_bound; n++)
    {
      guint start = first - n;
      g_autofree char *phrase = span_string (text, tokens, start, first);
      guint categories = 0;

      if (!is_capitalised (text, &tokens[start]))
        continue;
      if (_attache_gazetteer_lookup (gazetteer, phrase, &categories) != NULL &&
          (categories & _ATTACHE_GAZ_TITLE))
        best = start;
    }

  if (best < 0)
    return NULL;

  /* "Mr" is not a role. */
  if ((guint) best + 1 == first && token_is (text, &tokens[best], honorifics))
    return NULL;

  /* "Transport Minister": a one-word title takes the capitalised word before it. */
  if ((guint) best + 1 == first && (guint) best > lower_bound &&
      is_capitalised (text, &tokens[best - 1]) && g_unichar_isalpha (g_utf8_get_char (text + tokens[best - 1].start)) &&
      !token_is (text, &tokens[best - 1], (const char * const[]) { "the", "a", "an", "and", "of", NULL }))
    {
      guint categories = 0;
      g_autofree char *before = span_string (text, tokens, best - 1, best);

      if (_attache_gazetteer_lookup (gazetteer, before, &categories) == NULL ||
          (categories & _ATTACHE_GAZ_TITLE))
        best--;
    }

  if ((guint) best > lower_bound)
    {
      guint categories = 0;
      g_autofree char *before = span_string (text, tokens, best - 1, best);

      if (_attache_gazetteer_lookup (gazetteer, before, &categories) != NULL &&
          (categories & (_ATTACHE_GAZ_COUNTRY | _ATTACHE_GAZ_CODE | _ATTACHE_GAZ_DEMONYM)))
        best--;
    }

  *role_first = best;
  return span_string (text, tokens, best, first);
}

typedef struct
{
  AttacheActorType type;
  char            *name;
  char            *last_name;     /* persons: lowercase last word */
  guint            mentions;
  guint            first_token;
  gboolean         in_title;
  GHashTable      *sentences;     /* sentence indexes with a mention */
  GPtrArray       *aliases;
  GPtrArray       *roles;
  GArray          *spans;
  double           salience;
  guint            votes[4];      /* mentions of each AttacheActorType, for unknown names */
  gboolean         full_name;     /* a person named with several words: stays a person */
} Cluster;

static void
cluster_free (Cluster *c)
{
  g_free (c->name);
  g_free (c->last_name);
  g_hash_table_unref (c->sentences);
  g_ptr_array_unref (c->aliases);
  g_ptr_array_unref (c->roles);
  g_array_unref (c->spans);
  g_free (c);
}

static Cluster *
cluster_new (AttacheActorType  type,
             const char       *name)
{
  Cluster *c = g_new0 (Cluster, 1);

  c->type = type;
  c->name = g_strdup (name);
  c->first_token = G_MAXUINT;
  c->sentences = g_hash_table_new (NULL, NULL);
  c->aliases = g_ptr_array_new_with_free_func (g_free);
  c->roles = g_ptr_array_new_with_free_func (g_free);
  c->spans = g_array_new (FALSE, FALSE, sizeof (AttacheSpan));
  return c;
}

static void
add_unique (GPtrArray  *list,
            const char *value)
{
  for (guint i = 0; i < list->len; i++)
    if (g_str_equal (list->pdata[i], value))
      return;
  g_ptr_array_add (list, g_strdup (value));
}

static char *
last_word_lower (const char *name)
{
  const char *space = strrchr (name, ' ');

  return g_utf8_strdown (space != NULL ? space + 1 : name, -1);
}

static gboolean
is_acronym_of (const char *acronym,
               const char *name)
{
  g_auto(GStrv) words = g_strsplit (name, " ", -1);
  guint a = 0;

  if (strlen (acronym) < 2)
    return FALSE;

  for (guint i = 0; words[i] != NULL; i++)
    {
      if (!g_ascii_isupper (words[i][0]))
        continue;   /* "of", "the" */
      if (acronym[a] != words[i][0])
        return FALSE;
      a++;
    }

  return acronym[a] == '\0' && a >= 2;
}

/* Topics */

static const char topic_stop_words[] =
  "a about above after again against all also am an and any are as at be because been before being "
  "below between both but by can could did do does doing down during each few for from further had "
  "has have having he her here hers herself him himself his how i if in into is it its itself just "
  "me more most my myself no nor not now of off on once only or other our ours ourselves out over "
  "own same she should so some such than that the their theirs them themselves then there these they "
  "this those through to too under until up very was we were what when where which while who whom "
  "why will with would you your yours yourself yourselves said says say told tell mr mrs ms one two "
  "three new also year years last first next may might must shall per cent percent week weeks day days "
  "month months time times people way ways part thing things lot many much well still even back "
  "just like make made get got take took come came go went see seen know known think thought want "
  "wanted use used however yet since among including according another every around";

/* Words so general in news that a topic made only of them says nothing. */
static const char generic_words[] =
  "government official officials country countries world nation nations state states report reports "
  "issue issues move plan plans group groups support effort efforts role need needs number place case "
  "point side sides area areas end matter change changes level levels work today yesterday tuesday "
  "monday wednesday thursday friday saturday sunday statement statements meeting talks visit commitment "
  "moment challenge challenges approach message focus discussion discussions importance context "
  "significance aim aims path agenda concern concerns response need broader global critical key "
  "pivotal major strong further upcoming recent current various ongoing potential";

static GHashTable *
word_set (const char *words,
          GHashTable **cache)
{
  if (g_once_init_enter (cache))
    {
      GHashTable *set = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      g_auto(GStrv) list = g_strsplit (words, " ", -1);

      for (guint i = 0; list[i] != NULL; i++)
        if (list[i][0] != '\0')
          g_hash_table_add (set, g_strdup (list[i]));
      g_once_init_leave (cache, set);
    }

  return *cache;
}

static GHashTable *
get_topic_stop_words (void)
{
  static GHashTable *set;

  return word_set (topic_stop_words, &set);
}

static GHashTable *
get_generic_words (void)
{
  static GHashTable *set;

  return word_set (generic_words, &set);
}

typedef struct
{
  char   *display;
  guint   count;
  guint   n_words;
  double  weight;      /* sum of its words' weights */
  gboolean in_title;
  guint   first;       /* first token */
  gboolean ends_with_name;
  double  score;
  char  **words;       /* lowercase words, for containment */
} Candidate;

static void
candidate_free (Candidate *c)
{
  g_free (c->display);
  g_strfreev (c->words);
  g_free (c);
}

/* A word that can be part of a topic: letters (and inner hyphens), not a
 * function word, not too short. */
static char *
topic_word (const char         *text,
            const AttacheToken *token)
{
  const char *start = text + token->start;
  g_autofree char *lower = NULL;

  for (const char *p = start; p < start + token->length; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (!g_unichar_isalpha (c) && c != '-')
        return NULL;
    }

  if (token->char_length < 3 && !(token->char_length == 2 && g_ascii_isupper (start[0]) && g_ascii_isupper (start[1])))
    return NULL;

  lower = g_utf8_strdown (start, token->length);
  if (g_hash_table_contains (get_topic_stop_words (), lower))
    return NULL;

  return g_steal_pointer (&lower);
}

static double
word_weight (const char              *word,
             const AttacheTopicStats *stats)
{
  if (g_hash_table_contains (get_generic_words (), word))
    return 0.25;

  /* A few articles say nothing of how common a word is. */
  if (stats != NULL && stats->n_documents >= 20 && stats->document_frequency != NULL)
    {
      guint df = GPOINTER_TO_UINT (g_hash_table_lookup (stats->document_frequency, word));
      double others = df > 0 ? df - 1 : 0;   /* the article itself is in the library */

      /* 1 for a word no other article has, down to 0.15 for one most articles have. */
      return MAX (0.15, log (stats->n_documents / (others + 1.0)) / log (stats->n_documents));
    }

  return 1.0;
}

static gboolean
contains_words (char **outer,
                char **inner)
{
  guint n_outer = g_strv_length (outer), n_inner = g_strv_length (inner);

  for (guint i = 0; i + n_inner <= n_outer; i++)
    {
      guint j = 0;

      while (j < n_inner && g_str_equal (outer[i + j], inner[j]))
        j++;
      if (j == n_inner)
        return TRUE;
    }

  return FALSE;
}

static void
add_candidate (GHashTable         *candidates,
               const char         *text,
               const AttacheToken *tokens,
               guint               first,
               guint               end,
               char              **words,
               guint               n_words,
               gboolean            ends_with_name,
               gboolean            in_title,
               const AttacheTopicStats *stats)
{
  g_autofree char *key = g_strjoinv (" ", words);
  Candidate *c = g_hash_table_lookup (candidates, key);

  if (c == NULL)
    {
      c = g_new0 (Candidate, 1);
      c->n_words = n_words;
      c->words = g_strdupv (words);
      c->first = first;
      c->ends_with_name = ends_with_name;
      for (guint i = 0; i < n_words; i++)
        c->weight += word_weight (words[i], stats);
      g_hash_table_insert (candidates, g_strdup (key), c);
    }

  /* Shown as written mid-sentence: "export controls", not "Export controls". */
  if (c->display == NULL || (!(tokens[first].flags & ATTACHE_TOKEN_SENTENCE_START) && !in_title))
    {
      if (c->display == NULL || !c->in_title)
        {
          g_free (c->display);
          c->display = span_string (text, tokens, first, end);
        }
    }

  if (in_title)
    c->in_title = TRUE;
  else
    c->count++;
}

static const char * const linking_words[] = { "of", "in", "on", NULL };

/* Words for what happens somewhere: "war in Ukraine", "elections in Georgia". */
static const char * const event_words[] = {
  "war", "conflict", "crisis", "election", "elections", "protests", "protest", "violence",
  "fighting", "unrest", "famine", "floods", "earthquake", "talks", "peace", "ceasefire",
  "invasion", "occupation", "reforms", "inflation", "recession", "strike", "strikes", "coup",
  "referendum", "summit", "sanctions", "attacks", "attack", "offensive", "drought", "outbreak",
  "investment", "shortages", "blockade", "siege", "genocide", "insurgency", "crackdown", NULL
};

/* What a token is part of, for topics: people are never topics; other names
 * are topics only with a common word ("NATO summit", "war in Ukraine"). */
enum
{
  NAME_NONE,
  NAME_PERSON,
  NAME_OTHER,
};

static gboolean
has_common_word (const guint8 *names,
                 guint         first,
                 guint         end)
{
  for (guint i = first; i < end; i++)
    if (names[i] == NAME_NONE)
      return TRUE;

  return FALSE;
}

/* Phrases of one to three topic words, and "war in Ukraine" (word, linking word, word). */
static void
collect_candidates (GHashTable              *candidates,
                    const char              *text,
                    const AttacheToken      *tokens,
                    guint                    n_tokens,
                    const guint8            *names,
                    gboolean                 in_title,
                    const AttacheTopicStats *stats)
{
  /* each distinct word once: a long text costs a pointer a word */
  g_autoptr(GStringChunk) chunk = g_string_chunk_new (4096);
  g_autoptr(GPtrArray) words = g_ptr_array_sized_new (n_tokens);

  for (guint i = 0; i < n_tokens; i++)
    {
      g_autofree char *word = (names != NULL && names[i] == NAME_PERSON) ? NULL : topic_word (text, &tokens[i]);

      g_ptr_array_add (words, word != NULL ? g_string_chunk_insert_const (chunk, word) : NULL);
    }

  for (guint i = 0; i < n_tokens; i++)
    {
      char *window[4] = { NULL };

      if (words->pdata[i] == NULL)
        continue;

      for (guint n = 1; n <= 3 && i + n <= n_tokens; n++)
        {
          if (words->pdata[i + n - 1] == NULL ||
              (n > 1 && (tokens[i + n - 1].flags & ATTACHE_TOKEN_SENTENCE_START)))
            break;
          window[n - 1] = words->pdata[i + n - 1];
          window[n] = NULL;
          if (names == NULL || has_common_word (names, i, i + n))
            add_candidate (candidates, text, tokens, i, i + n, window, n,
                           names != NULL && names[i + n - 1] != NAME_NONE, in_title, stats);
        }

      /* word + linking word + word */
      if (i + 2 < n_tokens && words->pdata[i + 2] != NULL &&
          !g_hash_table_contains (get_generic_words (), words->pdata[i + 2]) &&
          !(tokens[i + 1].flags & ATTACHE_TOKEN_SENTENCE_START) &&
          !(tokens[i + 2].flags & ATTACHE_TOKEN_SENTENCE_START) &&
          token_is (text, &tokens[i + 1], linking_words))
        {
          g_autofree char *link = g_utf8_strdown (text + tokens[i + 1].start, tokens[i + 1].length);
          char *linked[4] = { words->pdata[i], link, words->pdata[i + 2], NULL };

          /* "war in Ukraine": a word for an event, then a name. */
          if (names == NULL || (names[i] == NAME_NONE && names[i + 2] == NAME_OTHER &&
                                g_strv_contains (event_words, words->pdata[i])))
            add_candidate (candidates, text, tokens, i, i + 3, linked, 3, FALSE, in_title, stats);
        }
    }
}

static gboolean
looks_like_adjective (const char *word)
{
  static const char * const endings[] = {
    "al", "ic", "ive", "ous", "ful", "less", "able", "ible", "ian", "ese", "ish", "ary", "ed", "ing", NULL
  };

  for (guint i = 0; endings[i] != NULL; i++)
    if (g_str_has_suffix (word, endings[i]))
      return TRUE;

  return FALSE;
}

static gboolean
looks_like_verb (const char *word)
{
  static const char * const irregular[] = {
    "met", "made", "took", "went", "held", "gave", "came", "saw", "ran", "left", "won", "lost",
    "began", "fell", "rose", "led", "sent", "set", "put", "cut", "hit", "meet", "meets", "resume",
    "resumes", "holds", "says", "calls", "plans", "seeks", "wants", "urges", "warns", "agrees",
    "faces", "vows", "backs", "hits", "cuts", "wins", NULL
  };

  return g_str_has_suffix (word, "ed") || g_strv_contains (irregular, word);
}

static gboolean
is_title_phrase (const char *phrase)
{
  guint categories = 0;

  return _attache_gazetteer_lookup (_attache_gazetteer_get_default (), phrase, &categories) != NULL &&
         (categories & _ATTACHE_GAZ_TITLE) != 0;
}

static gint
compare_candidates (gconstpointer a,
                    gconstpointer b)
{
  const Candidate *x = *(Candidate **) a, *y = *(Candidate **) b;

  if (x->score != y->score)
    return x->score > y->score ? -1 : 1;
  return x->first < y->first ? -1 : x->first > y->first;
}

static GPtrArray *
find_topics (const char              *title,
             const char              *text,
             const AttacheToken      *tokens,
             guint                    n_tokens,
             const guint8            *names,
             const AttacheTopicStats *stats)
{
  g_autoptr(GHashTable) candidates = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                            (GDestroyNotify) candidate_free);
  g_autoptr(GPtrArray) ranked = g_ptr_array_new ();
  GPtrArray *topics = g_ptr_array_new_with_free_func (NULL);
  GHashTableIter iter;
  Candidate *c;
  double best = 0;

  collect_candidates (candidates, text, tokens, n_tokens, names, FALSE, stats);
  if (title != NULL)
    {
      g_autoptr(GArray) title_tokens = attache_tokenize (title, -1);

      collect_candidates (candidates, title, (AttacheToken *) title_tokens->data, title_tokens->len,
                          NULL, TRUE, stats);
    }

  g_hash_table_iter_init (&iter, candidates);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &c))
    {
      guint uses = c->count + (c->in_title ? 1 : 0);

      /* A single word must come back; a phrase may be used once. */
      if (c->count == 0 || (c->n_words == 1 && uses < 2))
        continue;
      if (c->weight / c->n_words < 0.4)
        continue;   /* mostly generic words */
      if (is_title_phrase (c->display))
        continue;   /* "Secretary of State" is a role, not a topic */
      if (looks_like_adjective (c->words[c->n_words - 1]))
        continue;   /* "international", "discuss military": they qualify a topic */
      if (c->n_words > 1 && c->ends_with_name)
        continue;   /* "coming NATO": the name is the actor; the phrase needs its noun */
      if (looks_like_verb (c->words[0]) || looks_like_verb (c->words[c->n_words - 1]) ||
          (c->n_words == 3 && !g_strv_contains (linking_words, c->words[1]) && looks_like_verb (c->words[1])))
        continue;   /* "Council met", "states resumed talks": a clause, not a topic */

      c->score = uses * c->weight / c->n_words * (1.0 + 0.8 * (c->n_words - 1));
      g_ptr_array_add (ranked, c);
    }

  g_ptr_array_sort (ranked, compare_candidates);

  for (guint i = 0; i < ranked->len && topics->len < MAX_TOPICS; i++)
    {
      gboolean overlaps = FALSE;

      c = ranked->pdata[i];
      for (guint t = 0; t < topics->len && !overlaps; t++)
        {
          Candidate *taken = g_ptr_array_index (topics, t);

          overlaps = contains_words (taken->words, c->words) || contains_words (c->words, taken->words);
        }
      if (overlaps)
        continue;

      if (topics->len == 0)
        best = c->score;
      g_ptr_array_add (topics, c);
    }

  {
    GPtrArray *found = g_ptr_array_new ();

    for (guint i = 0; i < topics->len; i++)
      {
        Candidate *taken = topics->pdata[i];
        AttacheFoundTopic *topic = g_new0 (AttacheFoundTopic, 1);

        topic->label = g_strdup (taken->display);
        topic->score = best > 0 ? taken->score / best : 0;
        g_ptr_array_add (found, topic);
      }

    g_ptr_array_unref (topics);
    return found;
  }
}

/* Actors */

static void
found_actor_free (AttacheFoundActor *actor)
{
  g_free (actor->name);
  g_ptr_array_unref (actor->aliases);
  g_ptr_array_unref (actor->roles);
  g_array_unref (actor->spans);
  g_free (actor);
}

static void
found_topic_free (AttacheFoundTopic *topic)
{
  g_free (topic->label);
  g_free (topic);
}

AttacheFoundActor *
attache_found_actor_new (const char       *name,
                         AttacheActorType  type)
{
  AttacheFoundActor *actor = g_new0 (AttacheFoundActor, 1);

  actor->name = g_strdup (name);
  actor->type = type;
  actor->aliases = g_ptr_array_new_with_free_func (g_free);
  actor->roles = g_ptr_array_new_with_free_func (g_free);
  actor->spans = g_array_new (FALSE, FALSE, sizeof (AttacheSpan));
  return actor;
}

AttacheFoundTopic *
attache_found_topic_new (const char *label,
                         double      score)
{
  AttacheFoundTopic *topic = g_new0 (AttacheFoundTopic, 1);

  topic->label = g_strdup (label);
  topic->score = score;
  return topic;
}

AttacheAnalysis *
attache_analysis_new (void)
{
  AttacheAnalysis *analysis = g_new0 (AttacheAnalysis, 1);

  analysis->version = ATTACHE_ANALYZER_VERSION;
  analysis->actors = g_ptr_array_new_with_free_func ((GDestroyNotify) found_actor_free);
  analysis->topics = g_ptr_array_new_with_free_func ((GDestroyNotify) found_topic_free);
  analysis->summary = g_array_new (FALSE, FALSE, sizeof (AttacheSpan));
  return analysis;
}

void
attache_analysis_free (AttacheAnalysis *analysis)
{
  if (analysis == NULL)
    return;

  g_free (analysis->language);
  g_clear_pointer (&analysis->actors, g_ptr_array_unref);
  g_clear_pointer (&analysis->topics, g_ptr_array_unref);
  g_clear_pointer (&analysis->summary, g_array_unref);
  g_free (analysis);
}

static gint
compare_clusters (gconstpointer a,
                  gconstpointer b)
{
  const Cluster *x = *(Cluster **) a, *y = *(Cluster **) b;

  if (x->salience != y->salience)
    return x->salience > y->salience ? -1 : 1;
  if (x->mentions != y->mentions)
    return x->mentions > y->mentions ? -1 : 1;
  return g_strcmp0 (x->name, y->name);
}

/* Every name in @text (and the title's), as mentions. */
static GArray *
find_mentions (const AttacheGazetteer *gazetteer,
               const char             *text,
               const AttacheToken     *tokens,
               guint                   n_tokens,
               const AttacheNerLabel  *labels,
               gboolean                in_title)
{
  GArray *mentions = g_array_new (FALSE, TRUE, sizeof (Mention));
  guint sentence = 0;
  guint sentence_start = 0;

  g_array_set_clear_func (mentions, mention_clear);

  for (guint i = 0; i < n_tokens; )
    {
      AttacheNerType type = ATTACHE_NER_LABEL_TYPE (labels[i]);
      guint end = i + 1;

      if (tokens[i].flags & ATTACHE_TOKEN_SENTENCE_START && i > 0)
        {
          sentence++;
          sentence_start = i;
        }

      if (labels[i] == ATTACHE_NER_O)
        {
          const char *start = text + tokens[i].start;
          const char *hyphen = memchr (start, '-', tokens[i].length);

          /* "Israel-Hamas": both halves are names the gazetteer knows. */
          if (hyphen != NULL && is_capitalised (text, &tokens[i]))
            {
              g_autofree char *word = g_strndup (start, tokens[i].length);
              g_auto(GStrv) parts = g_strsplit (word, "-", -1);
              guint offset = 0;

              for (guint p = 0; parts[p] != NULL; p++)
                {
                  guint categories = 0;
                  const char *canonical = _attache_gazetteer_lookup (gazetteer, parts[p], &categories);

                  if (canonical != NULL && g_unichar_isupper (g_utf8_get_char (parts[p])) &&
                      (categories & (_ATTACHE_GAZ_COUNTRY | _ATTACHE_GAZ_ORG | _ATTACHE_GAZ_COMPANY |
                                     _ATTACHE_GAZ_REGION | _ATTACHE_GAZ_CITY | _ATTACHE_GAZ_DEMONYM)))
                    {
                      Mention m = { 0 };

                      m.surface = g_strdup (parts[p]);
                      m.first_token = i;
                      m.end_token = i + 1;
                      m.sentence = sentence;
                      m.in_title = in_title;
                      m.span.start = tokens[i].start + offset;
                      m.span.end = m.span.start + strlen (parts[p]);
                      if (resolve_mention (gazetteer, &m, ATTACHE_NER_TYPE_LOC))
                        g_array_append_val (mentions, m);
                      else
                        mention_clear (&m);
                    }
                  offset += strlen (parts[p]) + 1;
                }
            }
          i++;
          continue;
        }

      while (end < n_tokens && ATTACHE_NER_LABEL_IS_INSIDE (labels[end]) &&
             ATTACHE_NER_LABEL_TYPE (labels[end]) == type &&
             !(tokens[end].flags & ATTACHE_TOKEN_SENTENCE_START))
        end++;

      {
        guint first = i;
        Mention m = { 0 };

        /* "Mr Blinken" is Blinken; "the Kremlin" is Kremlin. */
        while (first + 1 < end && (token_is (text, &tokens[first], honorifics) ||
                                   token_is (text, &tokens[first], (const char * const[]) { "the", NULL })))
          first++;

        m.surface = span_string (text, tokens, first, end);
        m.first_token = first;
        m.end_token = end;
        m.span.start = tokens[first].start;
        m.span.end = tokens[end - 1].start + tokens[end - 1].length;
        m.sentence = sentence;
        m.in_title = in_title;

        if (resolve_mention (gazetteer, &m, type))
          {
            if (m.type == ATTACHE_ACTOR_PERSON)
              m.role = find_role (gazetteer, text, tokens, i, sentence_start, &m.role_first_token);
            g_array_append_val (mentions, m);
          }
        else
          mention_clear (&m);
      }

      i = end;
    }

  return mentions;
}

static void
add_mention (Cluster            *cluster,
             const Mention      *m,
             gboolean            count_span)
{
  cluster->votes[m->type]++;
  if (m->in_title)
    cluster->in_title = TRUE;
  else
    {
      cluster->mentions++;
      cluster->first_token = MIN (cluster->first_token, m->first_token);
      g_hash_table_add (cluster->sentences, GUINT_TO_POINTER (m->sentence + 1));
      if (count_span)
        g_array_append_val (cluster->spans, m->span);
    }

  if (g_strcmp0 (m->surface, cluster->name) != 0)
    add_unique (cluster->aliases, m->surface);
  if (m->role != NULL)
    add_unique (cluster->roles, m->role);
}

/* Lookups of the clusters made so far, so that an article naming 50,000
 * people is not 50,000 passes over them all (12 s for 1 MB of names): the
 * first person of each last name, and the clusters of each name (ASCII
 * letters folded, as g_ascii_strcasecmp () compares them), in the order
 * they were made. */
typedef struct
{
  GHashTable *by_last_name;   /* char * → Cluster *, not owned */
  GHashTable *by_name;        /* char * → GPtrArray of Cluster *, not owned */
} ClusterIndex;

static void
cluster_index_init (ClusterIndex *index)
{
  index->by_last_name = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  index->by_name = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_ptr_array_unref);
}

static void
cluster_index_clear (ClusterIndex *index)
{
  g_clear_pointer (&index->by_last_name, g_hash_table_unref);
  g_clear_pointer (&index->by_name, g_hash_table_unref);
}

static void
index_last_name (ClusterIndex *index,
                 Cluster      *cluster)
{
  if (cluster->type == ATTACHE_ACTOR_PERSON && cluster->last_name != NULL &&
      !g_hash_table_contains (index->by_last_name, cluster->last_name))
    g_hash_table_insert (index->by_last_name, g_strdup (cluster->last_name), cluster);
}

static void
index_name (ClusterIndex *index,
            Cluster      *cluster)
{
  g_autofree char *key = g_ascii_strdown (cluster->name, -1);
  GPtrArray *same = g_hash_table_lookup (index->by_name, key);

  if (same == NULL)
    {
      same = g_ptr_array_new ();
      g_hash_table_insert (index->by_name, g_steal_pointer (&key), same);
    }
  g_ptr_array_add (same, cluster);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (ClusterIndex, cluster_index_clear)

/* The clusters named @name, ASCII case aside, in the order they were made;
 * NULL for none. */
static GPtrArray *
clusters_named (ClusterIndex *index,
                const char   *name)
{
  g_autofree char *key = g_ascii_strdown (name, -1);

  return g_hash_table_lookup (index->by_name, key);
}

static GPtrArray *
build_actors (GArray             *mentions,
              GArray             *title_mentions,
              guint               n_tokens,
              guint               n_sentences)
{
  g_autoptr(GPtrArray) clusters = g_ptr_array_new_with_free_func ((GDestroyNotify) cluster_free);
  GArray *all[2] = { mentions, title_mentions };
  GPtrArray *actors = g_ptr_array_new_with_free_func ((GDestroyNotify) found_actor_free);
  g_auto(ClusterIndex) index = { NULL, NULL };
  double max_score = 0;

  cluster_index_init (&index);

  /* 1. People with a full name, longest form first: they name the clusters. */
  for (guint a = 0; a < 2; a++)
    for (guint i = 0; i < all[a]->len; i++)
      {
        Mention *m = &g_array_index (all[a], Mention, i);

        if (m->type == ATTACHE_ACTOR_PERSON && strchr (m->canonical, ' ') != NULL)
          {
            g_autofree char *last = last_word_lower (m->canonical);
            Cluster *cluster = g_hash_table_lookup (index.by_last_name, last);

            if (cluster == NULL)
              {
                cluster = cluster_new (ATTACHE_ACTOR_PERSON, m->canonical);
                cluster->last_name = g_steal_pointer (&last);
                cluster->full_name = TRUE;
                g_ptr_array_add (clusters, cluster);
                index_last_name (&index, cluster);
              }
            else if (strlen (m->canonical) > strlen (cluster->name))
              {
                add_unique (cluster->aliases, cluster->name);
                g_free (cluster->name);
                cluster->name = g_strdup (m->canonical);
              }
            add_mention (cluster, m, a == 0);
          }
      }

  /* 2. Everything else: a lone surname joins its person, whatever the tagger
   *    called it; the rest by canonical name and type. (The people's names
   *    are settled: indexed now.) */
  for (guint c = 0; c < clusters->len; c++)
    index_name (&index, clusters->pdata[c]);

  for (guint a = 0; a < 2; a++)
    for (guint i = 0; i < all[a]->len; i++)
      {
        Mention *m = &g_array_index (all[a], Mention, i);
        Cluster *cluster = NULL;

        if (m->type == ATTACHE_ACTOR_PERSON && strchr (m->canonical, ' ') != NULL)
          continue;

        if (!m->known && strchr (m->canonical, ' ') == NULL)
          {
            g_autofree char *lower = g_utf8_strdown (m->canonical, -1);

            cluster = g_hash_table_lookup (index.by_last_name, lower);
          }

        /* An acronym of an organisation already seen. */
        if (cluster == NULL && m->type == ATTACHE_ACTOR_ORGANIZATION && !m->known)
          for (guint c = 0; c < clusters->len && cluster == NULL; c++)
            {
              Cluster *candidate = clusters->pdata[c];

              if (candidate->type == ATTACHE_ACTOR_ORGANIZATION &&
                  (is_acronym_of (m->canonical, candidate->name) || is_acronym_of (candidate->name, m->canonical)))
                cluster = candidate;
            }

        if (cluster == NULL)
          {
            GPtrArray *same = clusters_named (&index, m->canonical);

            for (guint c = 0; same != NULL && c < same->len && cluster == NULL; c++)
              if (((Cluster *) same->pdata[c])->type == m->type)
                cluster = same->pdata[c];

            /* The same unknown name tagged a person here, an organisation
             * there: one actor, whose type the majority decides below. */
            for (guint c = 0; same != NULL && !m->known && c < same->len && cluster == NULL; c++)
              {
                Cluster *candidate = same->pdata[c];

                if (!candidate->full_name && candidate->type != ATTACHE_ACTOR_COUNTRY)
                  cluster = candidate;
              }
          }

        if (cluster == NULL)
          {
            cluster = cluster_new (m->type, m->canonical);
            if (m->type == ATTACHE_ACTOR_PERSON)
              cluster->last_name = last_word_lower (m->canonical);
            g_ptr_array_add (clusters, cluster);
            index_last_name (&index, cluster);
            index_name (&index, cluster);
          }

        add_mention (cluster, m, a == 0);
      }

  /* Types by majority, for names the gazetteer does not know. */
  for (guint c = 0; c < clusters->len; c++)
    {
      Cluster *cluster = clusters->pdata[c];

      if (cluster->full_name || cluster->type == ATTACHE_ACTOR_COUNTRY)
        continue;
      for (guint t = 0; t < G_N_ELEMENTS (cluster->votes); t++)
        if (cluster->votes[t] > cluster->votes[cluster->type])
          cluster->type = t;
      if (cluster->type == ATTACHE_ACTOR_PERSON && cluster->last_name == NULL)
        cluster->last_name = last_word_lower (cluster->name);
    }

  /* Salience: how often, how early, how widely, in the title, a person with a role. */
  {
    guint most = 1;

    for (guint c = 0; c < clusters->len; c++)
      most = MAX (most, ((Cluster *) clusters->pdata[c])->mentions);

    for (guint c = 0; c < clusters->len; c++)
      {
        Cluster *cluster = clusters->pdata[c];
        double frequency = log (1.0 + cluster->mentions) / log (1.0 + most);
        double early = cluster->first_token == G_MAXUINT ? 0.0
                     : 1.0 - (double) cluster->first_token / MAX (n_tokens, 1);
        double spread = (double) g_hash_table_size (cluster->sentences) / MAX (n_sentences, 1);

        cluster->salience = 0.45 * frequency + 0.25 * early + 0.2 * MIN (spread * 2, 1.0);
        if (cluster->in_title)
          cluster->salience += 0.3;
        if (cluster->type == ATTACHE_ACTOR_PERSON)
          cluster->salience += cluster->roles->len > 0 ? 0.25 : 0.1;
        /* A city or a region is where things happen more than who acts. */
        if (cluster->type == ATTACHE_ACTOR_LOCATION)
          cluster->salience *= 0.75;
        max_score = MAX (max_score, cluster->salience);
      }
  }

  g_ptr_array_sort (clusters, compare_clusters);

  for (guint c = 0; c < clusters->len; c++)
    {
      Cluster *cluster = clusters->pdata[c];
      AttacheFoundActor *actor;

      if (cluster->spans->len == 0 && !cluster->in_title)
        continue;

      actor = g_new0 (AttacheFoundActor, 1);
      actor->name = g_strdup (cluster->name);
      actor->type = cluster->type;
      actor->mentions = cluster->mentions;
      actor->salience = max_score > 0 ? cluster->salience / max_score : 0;
      actor->aliases = g_ptr_array_ref (cluster->aliases);
      actor->roles = g_ptr_array_ref (cluster->roles);
      actor->spans = g_array_ref (cluster->spans);
      g_ptr_array_add (actors, actor);
    }

  return actors;
}

AttacheAnalysis *
attache_analyze (const char               *title,
                 const char               *text,
                 guint                     n_sentences,
                 const AttacheTopicStats  *stats,
                 GError                  **error)
{
  g_autoptr(AttacheAnalysis) analysis = attache_analysis_new ();
  g_autoptr(GArray) tokens = NULL;
  g_autoptr(GArray) title_tokens = NULL;
  g_autoptr(GArray) mentions = NULL;
  g_autoptr(GArray) title_mentions = NULL;
  g_autoptr(GArray) sentences = NULL;
  g_autofree AttacheNerLabel *labels = NULL;
  g_autofree AttacheNerLabel *title_labels = NULL;
  g_autofree guint8 *names = NULL;
  AttacheGazetteer *gazetteer;
  AttacheTagger *tagger;
  const char *language;

  g_autofree char *valid_title = NULL;
  g_autofree char *valid_text = NULL;

  g_return_val_if_fail (text != NULL, NULL);

  /* Library texts are valid UTF-8; other callers may pass anything. The spans
   * then refer to the repaired text, which is the same text when it was valid. */
  if (!g_utf8_validate (text, -1, NULL))
    text = valid_text = g_utf8_make_valid (text, -1);
  if (title != NULL && !g_utf8_validate (title, -1, NULL))
    title = valid_title = g_utf8_make_valid (title, -1);

  tagger = get_tagger (error);
  if (tagger == NULL)
    return NULL;
  gazetteer = _attache_gazetteer_get_default ();

  language = attache_detect_language (text, NULL);
  analysis->language = g_strdup (language);
  analysis->analysed = language == NULL || g_str_equal (language, "en");

  tokens = attache_tokenize (text, -1);
  sentences = attache_sentences (text, (AttacheToken *) tokens->data, tokens->len);

  g_clear_pointer (&analysis->summary, g_array_unref);
  analysis->summary = attache_summarize (title, text, (AttacheToken *) tokens->data, tokens->len, n_sentences);

  if (!analysis->analysed)
    return g_steal_pointer (&analysis);

  labels = g_new0 (AttacheNerLabel, MAX (tokens->len, 1));
  attache_tagger_tag (tagger, text, (AttacheToken *) tokens->data, tokens->len, labels);
  mentions = find_mentions (gazetteer, text, (AttacheToken *) tokens->data, tokens->len, labels, FALSE);

  if (title != NULL)
    {
      title_tokens = attache_tokenize (title, -1);
      title_labels = g_new0 (AttacheNerLabel, MAX (title_tokens->len, 1));
      attache_tagger_tag (tagger, title, (AttacheToken *) title_tokens->data, title_tokens->len, title_labels);
      title_mentions = find_mentions (gazetteer, title, (AttacheToken *) title_tokens->data,
                                      title_tokens->len, title_labels, TRUE);
    }
  else
    title_mentions = g_array_new (FALSE, TRUE, sizeof (Mention));

  g_ptr_array_unref (analysis->actors);
  analysis->actors = build_actors (mentions, title_mentions, tokens->len, sentences->len);

  /* People are actors, not topics; other names only with a common word. */
  names = g_new0 (guint8, MAX (tokens->len, 1));
  for (guint i = 0; i < mentions->len; i++)
    {
      Mention *m = &g_array_index (mentions, Mention, i);

      for (guint t = m->first_token; t < m->end_token; t++)
        if (names[t] != NAME_PERSON)
          names[t] = m->type == ATTACHE_ACTOR_PERSON ? NAME_PERSON : NAME_OTHER;
      /* "US Secretary of State" is a role, not a topic. */
      if (m->role != NULL)
        for (guint t = m->role_first_token; t < m->first_token; t++)
          names[t] = NAME_PERSON;
    }
  /* The actors hold what they need: a long text's mentions go before its topics are counted. */
  g_clear_pointer (&mentions, g_array_unref);

  g_ptr_array_unref (analysis->topics);
  analysis->topics = find_topics (title, text, (AttacheToken *) tokens->data, tokens->len, names, stats);
  g_ptr_array_set_free_func (analysis->topics, (GDestroyNotify) found_topic_free);

  analysis->subject = attache_classify_subject (title, text, NULL);

  return g_steal_pointer (&analysis);
}
