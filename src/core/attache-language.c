/* attache-language.c: which language a text is written in
 *
 * Two steps, both from knowledge written down here rather than learnt from a
 * corpus: the writing system decides most languages outright (Greek, Hebrew,
 * Korean, Japanese, Chinese, Thai…) or narrows the choice (Cyrillic, Arabic);
 * within the Latin and Cyrillic scripts, the most frequent function words of each
 * language (articles, pronouns, prepositions, conjunctions) are counted, and
 * letters only one language uses break ties.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "attache-language"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "attache-language.h"

#define SAMPLE_BYTES (64 * 1024)

typedef struct
{
  const char *code;
  const char *name;      /* English, translatable */
  const char *words;     /* space-separated, lowercase */
} Profile;

/* Function words: short, frequent, and as far as possible not shared with the
 * neighbouring languages (shared ones still help against far languages). */
static const Profile latin_profiles[] = {
  { "en", N_("English"),
    "the of and to in is that for it was on with as his they at be this from have "
    "or by one had not but what all were when we there can an your which their said "
    "if will each about how up out them she many some so these would other into has "
    "more her two like him see could no than been who its now people my over did" },
  { "fr", N_("French"),
    "le la les des est une que qui dans pour pas sur au aux avec ce ces il elle ils "
    "sont mais ou du plus par son sa ses leur nous vous été être cette comme lui "
    "même aussi bien fait très entre après sans sous dont où était ont tout" },
  { "de", N_("German"),
    "der die das und ist nicht ein eine sich mit auf für den dem des auch es von "
    "sie wird wir ich zu im bei nach wie aus noch wurde werden hat haben sind über "
    "einen einem einer durch vor um nur kann oder aber wenn sein" },
  { "es", N_("Spanish"),
    "el los las del que por con una para es lo se su sus al como pero más este esta "
    "fue han ha son sin sobre también entre hasta desde muy ya cuando donde porque "
    "todo otros había ser está están dijo según tras" },
  { "it", N_("Italian"),
    "il di che è la per un una non sono gli le del della dei delle nel nella con "
    "anche come più ma ha hanno alla al dal dalla questo questa essere stato sua suo "
    "loro tra fra ancora dopo quando perché molto già" },
  { "pt", N_("Portuguese"),
    "o os as do da dos das que em um uma para com não por mais se foi pelo pela "
    "seu sua seus são ao aos à também está entre sobre mas como quando ele ela "
    "eles isso muito já após até ser tem têm" },
  { "nl", N_("Dutch"),
    "de het een van en in is dat op te zijn met voor niet aan er ook als bij door "
    "maar om nog wordt werd dan uit heeft hebben naar deze was of over zo kan wel "
    "geen hun zij ze ik" },
  { "sv", N_("Swedish"),
    "och att det som en på är av för med till den har inte om ett de var jag men "
    "så från kan vi när han hon sig också efter vid eller under sina mot bara "
    "skulle hade detta dessa" },
  { "da", N_("Danish"),
    "og at det som en på er af for med til den har ikke om et de var jeg men så "
    "fra kan vi når han hun sig også efter ved eller under mod kun skulle havde "
    "dette disse nogle være blev" },
  { "nb", N_("Norwegian"),
    "og å det som en på er av for med til den har ikke om et de var jeg men så "
    "fra kan vi når han hun seg også etter ved eller under mot bare skulle hadde "
    "dette disse noen være ble ikkje" },
  { "fi", N_("Finnish"),
    "ja on ei että se oli ovat mutta kun hän myös tai joka jos niin kuin vain ole "
    "sen ne mukaan vuoden jälkeen sitä tämä nyt vielä jo olla voi mitä siitä hänen "
    "heidän kanssa" },
  { "pl", N_("Polish"),
    "i w nie na się z że do to jest jak o po co tak ale za od jego przez być już "
    "tylko był była było są może dla jej oraz który która które też przy ze" },
  { "cs", N_("Czech"),
    "a v se na je že s z do to o jako ale by za podle už jsou bylo byl byla jeho "
    "také který která které pro při mezi jen než nebo jsem má mají ve ze" },
  { "hu", N_("Hungarian"),
    "a az és hogy nem is egy meg van volt de csak már még mint ez azt ki vagy el "
    "kell lesz pedig szerint után között sem majd amely amelyek lett" },
  { "ro", N_("Romanian"),
    "și în de la a cu pe nu care este din o un mai să fi au fost ce ca sunt prin "
    "dar sau cum după între acest această lui lor fără către" },
  { "tr", N_("Turkish"),
    "ve bir bu da de için ile olarak çok daha gibi ama en ne var olan kadar sonra "
    "ancak göre değil her şey ise oldu olduğu büyük yeni tarafından" },
  { "id", N_("Indonesian"),
    "yang dan di ini itu dengan untuk dari dalam tidak akan pada juga ke ada karena "
    "oleh atau sudah saat mereka kami telah bisa lebih tersebut seperti namun" },
  { "ca", N_("Catalan"),
    "el la els les de del que i a en per amb no és un una al als dels seu seva "
    "però més com són ha han va fer aquest aquesta també entre sobre" },
  { "hr", N_("Croatian"),
    "i u je na se da su za od s ne koji kao što a o iz ali sa će bi bio bila bilo "
    "to li još samo nakon prema kako ili koja koje" },
  { "vi", N_("Vietnamese"),
    "của và là có được trong cho không các những với một người này đã khi đến từ "
    "về như cũng theo nhiều để ra sẽ tại" },
};

static const Profile cyrillic_profiles[] = {
  { "ru", N_("Russian"),
    "и в не на что с по как это он она они его ее её но из у за от то же для так "
    "все был была были бы же только уже или до при также который которые этот" },
  { "uk", N_("Ukrainian"),
    "і в не на що з по як це він вона вони його її але із у за від те для так "
    "все був була були би вже або до при також який які цей та й є" },
  { "bg", N_("Bulgarian"),
    "и в не на че с по като това той тя те го но от за да се е са ще бъде беше "
    "бяха или до при също който които този тази със във" },
  { "sr", N_("Serbian"),
    "и у је на се да су за од с не који као што а о из али са ће би био била било "
    "то ли још само након према како или која које" },
  { "mk", N_("Macedonian"),
    "и во не на дека со по како ова тој таа тие но од за да се е се ќе биде беше "
    "или до при исто кој кои овој оваа" },
};

typedef struct
{
  const char *code;
  const char *name;
} Name;

static const Name other_names[] = {
  { "el", N_("Greek") },    { "he", N_("Hebrew") },   { "ar", N_("Arabic") },
  { "fa", N_("Persian") },  { "ur", N_("Urdu") },     { "zh", N_("Chinese") },
  { "ja", N_("Japanese") }, { "ko", N_("Korean") },   { "th", N_("Thai") },
  { "hi", N_("Hindi") },    { "ka", N_("Georgian") }, { "hy", N_("Armenian") },
  { "be", N_("Belarusian") },
};

typedef enum
{
  SCRIPT_LATIN, SCRIPT_CYRILLIC, SCRIPT_GREEK, SCRIPT_ARABIC, SCRIPT_HEBREW,
  SCRIPT_HAN, SCRIPT_KANA, SCRIPT_HANGUL, SCRIPT_THAI, SCRIPT_DEVANAGARI,
  SCRIPT_GEORGIAN, SCRIPT_ARMENIAN, N_SCRIPTS
} Script;

static int
script_of (gunichar c)
{
  switch (g_unichar_get_script (c))
    {
    case G_UNICODE_SCRIPT_LATIN:      return SCRIPT_LATIN;
    case G_UNICODE_SCRIPT_CYRILLIC:   return SCRIPT_CYRILLIC;
    case G_UNICODE_SCRIPT_GREEK:      return SCRIPT_GREEK;
    case G_UNICODE_SCRIPT_ARABIC:     return SCRIPT_ARABIC;
    case G_UNICODE_SCRIPT_HEBREW:     return SCRIPT_HEBREW;
    case G_UNICODE_SCRIPT_HAN:        return SCRIPT_HAN;
    case G_UNICODE_SCRIPT_HIRAGANA:
    case G_UNICODE_SCRIPT_KATAKANA:   return SCRIPT_KANA;
    case G_UNICODE_SCRIPT_HANGUL:     return SCRIPT_HANGUL;
    case G_UNICODE_SCRIPT_THAI:       return SCRIPT_THAI;
    case G_UNICODE_SCRIPT_DEVANAGARI: return SCRIPT_DEVANAGARI;
    case G_UNICODE_SCRIPT_GEORGIAN:   return SCRIPT_GEORGIAN;
    case G_UNICODE_SCRIPT_ARMENIAN:   return SCRIPT_ARMENIAN;
    default:                          return -1;
    }
}

/* word → bit mask of the profiles that list it; built once. */
static GHashTable *
build_index (const Profile *profiles,
             guint          n_profiles)
{
  GHashTable *index = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint p = 0; p < n_profiles; p++)
    {
      g_auto(GStrv) words = g_strsplit (profiles[p].words, " ", -1);

      for (guint w = 0; words[w] != NULL; w++)
        {
          guint mask;

          if (words[w][0] == '\0')
            continue;
          mask = GPOINTER_TO_UINT (g_hash_table_lookup (index, words[w]));
          g_hash_table_insert (index, g_strdup (words[w]), GUINT_TO_POINTER (mask | (1u << p)));
        }
    }

  return index;
}

static GHashTable *
latin_index (void)
{
  static GHashTable *index;

  if (g_once_init_enter (&index))
    g_once_init_leave (&index, build_index (latin_profiles, G_N_ELEMENTS (latin_profiles)));
  return index;
}

static GHashTable *
cyrillic_index (void)
{
  static GHashTable *index;

  if (g_once_init_enter (&index))
    g_once_init_leave (&index, build_index (cyrillic_profiles, G_N_ELEMENTS (cyrillic_profiles)));
  return index;
}

/* Counts, for each profile, the words of @text it lists; a word several profiles
 * share counts for each, less. Returns the index of the best profile or -1. */
static int
best_profile (const char    *text,
              gsize          len,
              GHashTable    *index,
              guint          n_profiles,
              double        *confidence)
{
  double scores[32] = { 0 };
  const char *end = text + len;
  const char *p = text;
  guint n_words = 0, n_known = 0;
  int best = -1, second = -1;

  g_assert (n_profiles <= G_N_ELEMENTS (scores));

  while (p < end)
    {
      const char *start;

      while (p < end && !g_unichar_isalpha (g_utf8_get_char (p)))
        p = g_utf8_next_char (p);
      start = p;
      while (p < end && (g_unichar_isalpha (g_utf8_get_char (p)) || g_unichar_ismark (g_utf8_get_char (p))))
        p = g_utf8_next_char (p);
      if (p == start)
        continue;

      n_words++;
      if (p - start > 40)
        continue;

      {
        g_autofree char *word = g_utf8_strdown (start, p - start);
        guint mask = GPOINTER_TO_UINT (g_hash_table_lookup (index, word));
        guint shared = 0;

        if (mask == 0)
          continue;

        n_known++;
        for (guint bits = mask; bits != 0; bits &= bits - 1)
          shared++;
        for (guint i = 0; i < n_profiles; i++)
          if (mask & (1u << i))
            scores[i] += 1.0 / shared;
      }
    }

  for (guint i = 0; i < n_profiles; i++)
    {
      if (best < 0 || scores[i] > scores[best])
        {
          second = best;
          best = i;
        }
      else if (second < 0 || scores[i] > scores[second])
        second = i;
    }

  /* Too little evidence: a headline, a list of names. */
  if (best < 0 || scores[best] < 2.0 || n_known * 20 < n_words)
    return -1;

  if (confidence != NULL)
    {
      double margin = second >= 0 ? (scores[best] - scores[second]) / scores[best] : 1.0;

      *confidence = CLAMP (0.5 + margin / 2.0, 0.0, 1.0);
    }

  return best;
}

static gboolean
has_any (const char *text,
         gsize       len,
         const char *letters)
{
  for (const char *l = letters; *l != '\0'; l = g_utf8_next_char (l))
    {
      char utf8[8] = { 0 };

      g_unichar_to_utf8 (g_utf8_get_char (l), utf8);
      if (g_strstr_len (text, len, utf8) != NULL)
        return TRUE;
    }

  return FALSE;
}

const char *
attache_detect_language (const char *text,
                         double     *confidence)
{
  guint counts[N_SCRIPTS] = { 0 };
  guint letters = 0;
  const char *end;
  gsize len;
  int dominant = -1;

  g_return_val_if_fail (text != NULL, NULL);

  if (confidence != NULL)
    *confidence = 0.0;

  /* A whole number of characters, at most SAMPLE_BYTES, all valid UTF-8. */
  g_utf8_validate_len (text, MIN (strlen (text), SAMPLE_BYTES), &end);
  len = end - text;

  for (const char *p = text; p < end; p = g_utf8_next_char (p))
    {
      int script = script_of (g_utf8_get_char (p));

      if (script >= 0)
        {
          counts[script]++;
          letters++;
        }
    }

  if (letters < 20)
    return NULL;

  /* Japanese mixes kana with Han characters. */
  if (counts[SCRIPT_KANA] * 10 > counts[SCRIPT_HAN] && counts[SCRIPT_KANA] > 10)
    counts[SCRIPT_HAN] += counts[SCRIPT_KANA];

  for (int s = 0; s < N_SCRIPTS; s++)
    if (dominant < 0 || counts[s] > counts[dominant])
      dominant = s;

  if (confidence != NULL)
    *confidence = (double) counts[dominant] / letters;

  switch (dominant)
    {
    case SCRIPT_GREEK:      return "el";
    case SCRIPT_HEBREW:     return "he";
    case SCRIPT_HANGUL:     return "ko";
    case SCRIPT_THAI:       return "th";
    case SCRIPT_DEVANAGARI: return "hi";
    case SCRIPT_GEORGIAN:   return "ka";
    case SCRIPT_ARMENIAN:   return "hy";
    case SCRIPT_KANA:       return "ja";
    case SCRIPT_HAN:        return counts[SCRIPT_KANA] > 10 ? "ja" : "zh";

    case SCRIPT_ARABIC:
      if (has_any (text, len, "ٹڈڑںےھ"))
        return "ur";
      if (has_any (text, len, "پچژگی"))
        return "fa";
      return "ar";

    case SCRIPT_CYRILLIC:
      {
        int best;

        if (has_any (text, len, "ў"))
          return "be";
        if (has_any (text, len, "ѓќѕ"))
          return "mk";
        if (has_any (text, len, "ђћџјљњ"))
          return "sr";
        if (has_any (text, len, "іїєґ"))
          return "uk";

        best = best_profile (text, len, cyrillic_index (), G_N_ELEMENTS (cyrillic_profiles), confidence);
        return best >= 0 ? cyrillic_profiles[best].code : "ru";
      }

    case SCRIPT_LATIN:
      {
        int best = best_profile (text, len, latin_index (), G_N_ELEMENTS (latin_profiles), confidence);

        return best >= 0 ? latin_profiles[best].code : NULL;
      }

    default:
      return NULL;
    }
}

const char *
attache_language_get_name (const char *code)
{
  g_autofree char *base = NULL;
  const char *dash;

  g_return_val_if_fail (code != NULL, NULL);

  /* "en-GB", "pt_BR": the language is what comes first. */
  dash = strpbrk (code, "-_");
  base = g_ascii_strdown (code, dash != NULL ? dash - code : -1);

  for (guint i = 0; i < G_N_ELEMENTS (latin_profiles); i++)
    if (g_str_equal (base, latin_profiles[i].code))
      return _(latin_profiles[i].name);
  for (guint i = 0; i < G_N_ELEMENTS (cyrillic_profiles); i++)
    if (g_str_equal (base, cyrillic_profiles[i].code))
      return _(cyrillic_profiles[i].name);
  for (guint i = 0; i < G_N_ELEMENTS (other_names); i++)
    if (g_str_equal (base, other_names[i].code))
      return _(other_names[i].name);
  if (g_str_equal (base, "no") || g_str_equal (base, "nn"))
    return _("Norwegian");

  return code;
}
