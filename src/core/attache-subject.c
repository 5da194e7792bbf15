/* attache-subject.c: the broad subject of an article, from the IPTC Media Topics
 *
 * Each of the 17 top-level Media Topics has a list of the words news writing
 * uses for it, written down for this project from general knowledge of the
 * field (not learnt from any corpus). An entry is a word, a word with * for
 * any ending ("elect*"), or two words joined by _ ("prime_minister"); ":2"
 * doubles its weight for telling words, ":0.5" halves it for words other
 * subjects use too. Each distinct entry counts once per article, more when
 * repeated (logarithmically), and twice as much in the title. The subject
 * with the most evidence wins.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "attache-subject"

#include "config.h"

#include <math.h>
#include <string.h>

#include "attache-subject.h"

/* IPTC Media Topics, top level (https://cv.iptc.org/newscodes/mediatopic/). */
static const AttacheSubject subjects[] = {
  { "medtop:01000000", "arts, culture, entertainment and media" },
  { "medtop:02000000", "crime, law and justice" },
  { "medtop:03000000", "disaster, accident and emergency incident" },
  { "medtop:04000000", "economy, business and finance" },
  { "medtop:05000000", "education" },
  { "medtop:06000000", "environment" },
  { "medtop:07000000", "health" },
  { "medtop:08000000", "human interest" },
  { "medtop:09000000", "labour" },
  { "medtop:10000000", "lifestyle and leisure" },
  { "medtop:11000000", "politics" },
  { "medtop:12000000", "religion" },
  { "medtop:13000000", "science and technology" },
  { "medtop:14000000", "society" },
  { "medtop:15000000", "sport" },
  { "medtop:16000000", "conflict, war and peace" },
  { "medtop:17000000", "weather" },
};

/* In the order of subjects[]. */
static const char * const vocabulary[] = {
  /* arts, culture, entertainment and media */
  "film:2 films:2 movie:2 movies:2 cinema* actor:2 actors:2 actress* director:0.5 directors:0.5 "
  "oscar* bafta* golden_globe* hollywood:2 bollywood:2 album:2 albums:2 singer* song:2 songs:2 "
  "band:0.5 bands:0.5 music:2 musical* musician* concert* tour:0.5 chart:0.5 charts:0.5 grammy* "
  "brit_awards:2 award:0.5 awards:0.5 festival* theatre* theater* stage:0.5 broadway:2 west_end "
  "comedy* comedian* drama* sitcom* soap* episode* viewers audience* box_office:2 star:0.5 "
  "stars:0.5 celebrit* novel:2 novels:2 novelist* author* book:0.5 books:0.5 poet* poetry "
  "literary literature art:0.5 artist* painting* gallery galleries museum* exhibition* "
  "sculpture* opera* ballet* dancer* rapper* hip_hop rock:0.5 pop:0.5 premiere* screen:0.5 "
  "script* screenplay* studio* sequel* blockbuster* documentar* animation* animated cartoon* "
  "record_label* nominat* nominee* tv:0.5 television:0.5 channel:0.5 programme:0.5 series:0.5 "
  "show:0.5 shows:0.5 radio:0.5 dvd:0.5 fans:0.5 hit:0.5 lyric* guitar* drummer* vocalist* "
  "orchestra* composer* jazz:2 entertainment:2 showbiz:2 magazine* newspaper* journalist* "
  "editor:0.5 broadcaster* broadcast:0.5 media:0.5 screenwriter* producer* producers "
  "starring starred starr* role:0.5 roles:0.5 cast:0.5 ",

  /* crime, law and justice */
  "police:2 policeman* policemen court:2 courts judge:2 judges trial:2 jury* juror* lawyer* "
  "attorney* prosecut* convict* sentenced:2 sentence:0.5 prison:2 prisons prisoner* jail* "
  "arrest* suspect* crime:2 crimes criminal* murder* homicide* theft* robbery* robber* "
  "burglar* fraud* guilty:2 verdict* acquit* lawsuit* sued sue:0.5 legal:0.5 detective* "
  "offence* offender* offense* smuggl* corruption bribe* bribery police_officer* custody "
  "charged:0.5 charges:0.5 magistrate* crown_court high_court supreme_court:0.5 barrister* "
  "solicitor* trafficking gang* stabbing* shooting* manslaughter assault* kidnap* ",

  /* disaster, accident and emergency incident */
  "earthquake:2 quake* tsunami:2 flood:2 floods:2 flooding:2 hurricane* cyclone* typhoon* "
  "wildfire* blaze* fire:0.5 fires:0.5 firefighter* crash:0.5 crashed:0.5 accident* explosion* "
  "disaster:2 disasters rescue* rescuer* emergency:0.5 emergencies death_toll:2 survivor* "
  "evacuat* landslide* avalanche* volcan* eruption* derail* collision* wreckage* debris "
  "relief_effort* aid_agenc* stranded injured:0.5 missing:0.5 ",

  /* economy, business and finance */
  "economy:2 economic:2 economies economist* market:0.5 markets:0.5 shares:2 shareholder* "
  "stock:0.5 stocks stock_market* stock_exchange:2 bank:0.5 banks:0.5 banking* banker* "
  "profit:2 profits:2 revenue* sales:2 earnings:2 dividend* investor* investment* invest "
  "company:2 companies:2 firm:2 firms:2 corporat* ceo:2 chief_executive:2 chairman boss:0.5 "
  "deal:0.5 merger* acquisition* takeover:2 prices price:0.5 inflation:2 interest_rate* "
  "interest_rates:2 growth:0.5 gdp:2 recession* trade:0.5 trading:0.5 exports:2 export "
  "imports tariff* dollar:2 dollars euro:0.5 euros sterling currenc* oil:0.5 opec:2 barrel* "
  "crude retail* retailer* consumer* spending debt* loan* credit* mortgage* tax:0.5 taxes:0.5 "
  "fiscal federal_reserve:2 central_bank:2 imf wto bankrupt* insolvenc* industr* "
  "manufactur* factory factories output supplier* customer* brand:0.5 brands:0.5 airline* "
  "carmaker* car_maker* analyst* forecast:0.5 quarter:0.5 quarterly:2 annual:0.5 "
  "nasdaq:2 dow_jones ftse:2 nikkei wall_street:2 pension* insurance* insurer* finance:2 "
  "financial:2 fund:0.5 funds:0.5 hedge_fund* accounting accountant* audit* business:0.5 "
  "businesses sold:0.5 buy:0.5 buyer* bid:0.5 shareholders:2 chief_financial pre-tax:2 "
  "operating_profit* turnover:2 stake:2 stakes valuation* ipo listing:0.5 bonds bond:0.5 "
  "yields yield:0.5 exchange_rate* deficit:0.5 surplus:0.5 jobless:0.5 budget:0.5 ",

  /* education */
  "school:2 schools:2 pupil* student:2 students:2 teacher* universit* college* education:2 "
  "educational exam* curriculum* tuition* academic* graduate* classroom* headteacher* ofsted "
  "gcse* a-level* lecturer* campus* literacy kindergarten* nurser* degree:0.5 ",

  /* environment */
  "environment:2 environmental:2 climate:2 climate_change:2 global_warming:2 emission* "
  "carbon* pollut* greenhouse* renewable* wind_farm* solar:0.5 recycl* wildlife* species:2 "
  "conservation* deforest* biodivers* ecolog* kyoto:2 fossil_fuel* ozone sustainab* "
  "endangered habitat* ",

  /* health */
  "health:2 hospital* doctor* nurse* patient* disease* infect* vaccin* cancer* medic* "
  "medicine* drug:0.5 drugs:0.5 treatment* nhs:2 surgery* surgeon* clinic* illness* epidemic* "
  "pandemic* flu influenza outbreak* obesity diagnos* symptom* mental_health:2 dementia "
  "diabetes heart_disease aids hiv malaria tuberculosis pharmac* therap* ",

  /* human interest */
  "anniversary:0.5 birthday* wedding* pet:0.5 pets:0.5 oldest:0.5 centenarian* ",

  /* labour */
  "strike:0.5 strikes:0.5 walkout* picket* union:0.5 unions:0.5 trade_union* workers:2 "
  "worker* wage* minimum_wage:2 pay_rise* salar* employment:2 unemployment:2 employer* "
  "employee* jobs:2 job:0.5 layoff* redundanc* workforce* labour_market:2 staff:0.5 ",

  /* lifestyle and leisure */
  "travel* tourism* tourist* holiday* fashion* food:0.5 restaurant* recipe* chef* wine* "
  "hobb* garden* shopping:0.5 lifestyle* leisure* ",

  /* politics */
  "government:3 governments:2 minister:3 ministers:3 ministry prime_minister:3 president:0.5 "
  "parliament*:2 mp:3 mps:3 msps:3 lawmaker*:2 senat* congress* election:2 elections:2 elect* vote* "
  "voter* voting ballot* campaign:0.5 campaigning party:2 parties:2 labour:1 tory:2 "
  "tories:2 conservative* liberal* democrat* republican* opposition:2 leader:0.5 leaders:0.5 "
  "policy:2 policies:2 political:2 politics:2 politician* bill:0.5 legislation:2 "
  "referendum* constitution* cabinet:2 chancellor:0.5 secretary:0.5 home_secretary:2 "
  "foreign_secretary:2 downing_street:2 westminster:2 whitehall:2 white_house:2 commons:2 "
  "lords:0.5 manifesto* poll:0.5 polls:0.5 spokesman:0.5 spokeswoman:0.5 mayor* governor* "
  "diplomat* embassy embassies ambassador* summit* treaty treaties sanction* asylum:0.5 "
  "immigration:0.5 democracy democratic:0.5 regime* coalition:0.5 debate:0.5 backbench* "
  "whip:0.5 shadow:0.5 ministerial peers:0.5 lib_dem* lib_dems:2 ukip snp:2 plaid "
  "general_election:2 reshuffle* select_committee* law:0.5 laws:0.5 ban:0.5 bill:0.5 "
  "home_office:2 foreign_office:2 think-tank* mep meps:2 european_parliament:2 eu:0.5 ",

  /* religion */
  "church* religio* pope:2 vatican:2 mosque* imam* islam* muslim* christian* catholic* "
  "protestant* bishop* archbishop* priest* jewish synagogue* rabbi* hindu* buddhis* faith:0.5 "
  "worship* pilgrim* cleric* clergy ",

  /* science and technology */
  "technology:2 technologies:2 tech:2 technological computer* software:2 internet:2 "
  "online:0.5 web:2 website* broadband:2 mobile:0.5 mobiles phone:0.5 phones:0.5 handset* "
  "smartphone* digital:0.5 device:2 devices:2 gadget* chip:0.5 chips:0.5 processor* "
  "microsoft:2 google:2 ibm intel:2 nintendo:2 playstation* xbox* console* gaming:2 gamer* "
  "games:1 game:0.5 video_game*:2 games_console*:2 games_maker* games_firm* handheld* "
  "virus:0.5 viruses spam* spammer* hacker* hacking* cyber* "
  "e-mail:2 e-mails:2 email* network:0.5 networks:0.5 wireless* wi-fi:2 wifi bluetooth "
  "data:0.5 download* file-sharing:2 peer-to-peer:2 p2p search_engine* blog* users:2 user:0.5 "
  "pc:2 pcs:2 laptop* robot* science:2 scientist* research:0.5 researcher* nasa satellite* "
  "telescope* physics physicist* chemist* biolog* genetic* dna ai:2 artificial_intelligence "
  "algorithm* innovation* engineer:0.5 engineers:0.5 telecom* operator:0.5 3g:2 ipod* mp3* "
  "camera* gadgets:2 hi-tech high-tech spyware:2 phishing:2 malware:2 browser* linux:2 "
  "open_source:2 firefox apple:0.5 sony:0.5 net:0.5 electronic* tv:0.5 television:0.5 "
  "programs:0.5 digital_music:2 high-definition hdtv ",

  /* society */
  "social:0.5 society:0.5 poverty* welfare* homeless* migrant* refugee:0.5 refugees:0.5 "
  "racism* racist* discriminat* equality* gender:0.5 charity* charities volunteer* "
  "housing* population* minorit* elderly disabled* disabilit* child_care childcare ",

  /* sport */
  "sport:2 sports:2 sporting match:0.5 matches:0.5 player:2 players:2 team:0.5 teams:0.5 "
  "coach:2 coaches manager:0.5 club:0.5 clubs:0.5 league:2 cup:2 champion* tournament* "
  "final:0.5 finals:0.5 semi-final* quarter-final* goal:2 goals:2 scored:2 score:0.5 "
  "scoring win:0.5 wins:0.5 won:0.5 defeat:0.5 beat:0.5 victory:0.5 season:0.5 striker* "
  "midfield* defender* goalkeeper* keeper* penalty:0.5 penalties:0.5 referee* football:2 "
  "soccer:2 rugby:2 cricket:2 tennis:2 golf:2 golfer* athlet* olympic:2 olympics:2 marathon* "
  "sprint* race:0.5 races:0.5 racing:0.5 formula_one:2 grand_prix:2 boxing:2 boxer* "
  "wimbledon:2 premiership:2 premier_league:2 fa_cup:2 world_cup:2 six_nations:2 wicket* "
  "innings batsman* batsmen bowler* bowling:0.5 squad:2 squads fixture* stadium* medal* "
  "seed:0.5 seeded grand_slam:2 try:0.5 tries:0.5 fly-half:2 scrum* winger* full-back "
  "captain:0.5 captained international:0.5 caps:0.5 injury:0.5 injured:0.5 transfer:0.5 "
  "uefa:2 fifa:2 iaaf:2 coach's manager's champions_league:2 test_series athletics:2 "
  "hurdles* sprinter* indoor:0.5 title:0.5 titles:0.5 ",

  /* conflict, war and peace */
  "war:2 wars:2 warfare military:2 army:2 armies troops:2 soldier* forces:0.5 attack:0.5 "
  "attacks:0.5 bomb* missile* air_strike* airstrike* ceasefire:2 cease-fire:2 conflict:2 "
  "conflicts fighting:2 rebel* insurgen* militant* militia* invasion* invade* occupation:0.5 "
  "peace:0.5 peacekeep* truce* hostage* terror* guerrilla* shelling artillery tank:0.5 "
  "tanks:0.5 nato:2 killed:0.5 casualt* civilian* weapon* arms:0.5 nuclear_weapon* drone* "
  "frontline front_line battle* siege* defence:0.5 defense:0.5 warplane* gunmen gunfire "
  "armed:0.5 combat* genocide* war_crime* ",

  /* weather */
  "weather:2 rain* snow* snowfall temperature* heatwave* heat_wave drought* frost* fog* "
  "thunderstorm* meteorolog* met_office:2 celsius fahrenheit forecasters storm:0.5 "
  "storms:0.5 gale* ",
};

G_STATIC_ASSERT (G_N_ELEMENTS (vocabulary) == G_N_ELEMENTS (subjects));

typedef struct
{
  guint  subject;
  float  weight;
} Entry;

typedef struct
{
  GHashTable *exact;     /* "word" or "word word" → GArray of Entry */
  GHashTable *prefixes;  /* the first two bytes of a stem → GPtrArray of Prefix */
} Vocabulary;

typedef struct
{
  char  *stem;
  gsize  length;
  Entry  entry;
} Prefix;

static void
prefix_free (gpointer data)
{
  Prefix *prefix = data;

  g_free (prefix->stem);
  g_free (prefix);
}

static void
add_entry (GHashTable *exact,
           const char *key,
           Entry       entry)
{
  GArray *entries = g_hash_table_lookup (exact, key);

  if (entries == NULL)
    {
      entries = g_array_new (FALSE, FALSE, sizeof (Entry));
      g_hash_table_insert (exact, g_strdup (key), entries);
    }

  g_array_append_val (entries, entry);
}

static Vocabulary *
build_vocabulary (void)
{
  Vocabulary *vocabulary_index = g_new0 (Vocabulary, 1);

  vocabulary_index->exact = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                   (GDestroyNotify) g_array_unref);
  vocabulary_index->prefixes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                      (GDestroyNotify) g_ptr_array_unref);

  for (guint s = 0; s < G_N_ELEMENTS (vocabulary); s++)
    {
      g_auto(GStrv) items = g_strsplit (vocabulary[s], " ", -1);

      for (guint i = 0; items[i] != NULL; i++)
        {
          char *item = items[i];
          char *colon = strchr (item, ':');
          Entry entry = { s, 1.0f };
          gsize len;

          if (item[0] == '\0')
            continue;
          if (colon != NULL)
            {
              entry.weight = (float) g_ascii_strtod (colon + 1, NULL);
              *colon = '\0';
            }
          g_strdelimit (item, "_", ' ');

          len = strlen (item);
          if (len > 1 && item[len - 1] == '*')
            {
              Prefix *prefix = g_new0 (Prefix, 1);

              prefix->stem = g_strndup (item, len - 1);
              prefix->length = len - 1;
              prefix->entry = entry;
              {
                g_autofree char *head = g_strndup (item, 2);
                GPtrArray *bucket = g_hash_table_lookup (vocabulary_index->prefixes, head);

                if (bucket == NULL)
                  {
                    bucket = g_ptr_array_new_with_free_func (prefix_free);
                    g_hash_table_insert (vocabulary_index->prefixes, g_steal_pointer (&head), bucket);
                  }
                g_ptr_array_add (bucket, prefix);
              }
            }
          else
            add_entry (vocabulary_index->exact, item, entry);
        }
    }

  return vocabulary_index;
}

static Vocabulary *
get_vocabulary (void)
{
  static Vocabulary *index;

  if (g_once_init_enter (&index))
    g_once_init_leave (&index, build_vocabulary ());
  return index;
}

/* The lowercase words of @text: letters, digits and inner hyphens. Each
 * distinct word is kept once, in @chunk, so a long text costs a pointer a
 * word. */
static GPtrArray *
split_words (const char   *text,
             GStringChunk *chunk)
{
  GPtrArray *words = g_ptr_array_new ();
  const char *p = text;

  while (*p != '\0')
    {
      const char *start;

      while (*p != '\0' && !g_unichar_isalnum (g_utf8_get_char (p)))
        p = g_utf8_next_char (p);
      start = p;
      while (*p != '\0')
        {
          gunichar c = g_utf8_get_char (p);

          if (g_unichar_isalnum (c) ||
              ((c == '-' || c == '\'') && p > start && g_unichar_isalnum (g_utf8_get_char (p + 1))))
            p = g_utf8_next_char (p);
          else
            break;
        }
      if (p > start)
        {
          g_autofree char *word = g_utf8_strdown (start, p - start);
          gsize len = strlen (word);

          /* "minister's" counts as "minister". */
          if (len > 2 && g_str_has_suffix (word, "'s"))
            word[len - 2] = '\0';
          g_ptr_array_add (words, g_string_chunk_insert_const (chunk, word));
        }
    }

  return words;
}

typedef struct
{
  guint count;
  guint in_title;
  Entry entry;
} Hit;

/* Counts the entries @words match into @hits, keyed by the entry's address. */
static void
count_hits (Vocabulary *index,
            GPtrArray  *words,
            GHashTable *hits,
            gboolean    title)
{
  for (guint i = 0; i < words->len; i++)
    {
      const char *word = words->pdata[i];
      g_autofree char *pair = i + 1 < words->len ? g_strconcat (word, " ", words->pdata[i + 1], NULL) : NULL;
      const char *keys[2] = { word, pair };

      for (guint k = 0; k < G_N_ELEMENTS (keys); k++)
        {
          GArray *entries;

          if (keys[k] == NULL || (entries = g_hash_table_lookup (index->exact, keys[k])) == NULL)
            continue;

          for (guint e = 0; e < entries->len; e++)
            {
              Entry *entry = &g_array_index (entries, Entry, e);
              Hit *hit = g_hash_table_lookup (hits, entry);

              if (hit == NULL)
                {
                  hit = g_new0 (Hit, 1);
                  hit->entry = *entry;
                  g_hash_table_insert (hits, entry, hit);
                }
              hit->count++;
              hit->in_title += title;
            }
        }

      {
        char head[3] = { word[0], word[0] != '\0' ? word[1] : '\0', '\0' };
        GPtrArray *bucket = g_hash_table_lookup (index->prefixes, head);

        for (guint p = 0; bucket != NULL && p < bucket->len; p++)
        {
          Prefix *prefix = bucket->pdata[p];

          if (strncmp (word, prefix->stem, prefix->length) == 0)
            {
              Hit *hit = g_hash_table_lookup (hits, prefix);

              if (hit == NULL)
                {
                  hit = g_new0 (Hit, 1);
                  hit->entry = prefix->entry;
                  g_hash_table_insert (hits, prefix, hit);
                }
              hit->count++;
              hit->in_title += title;
            }
        }
      }
    }
}

const AttacheSubject *
attache_classify_subject (const char *title,
                          const char *text,
                          double     *score)
{
  Vocabulary *index = get_vocabulary ();
  g_autoptr(GHashTable) hits = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  g_autoptr(GStringChunk) chunk = g_string_chunk_new (4096);
  g_autoptr(GPtrArray) title_words = NULL;
  g_autoptr(GPtrArray) text_words = NULL;
  double scores[G_N_ELEMENTS (subjects)] = { 0 };
  double total = 0;
  GHashTableIter iter;
  Hit *hit;
  guint best = 0;

  g_autofree char *valid_title = NULL;
  g_autofree char *valid_text = NULL;

  g_return_val_if_fail (text != NULL, NULL);

  if (score != NULL)
    *score = 0;

  /* Broken UTF-8 is read as far as it makes sense, never past its end. */
  if (!g_utf8_validate (text, -1, NULL))
    text = valid_text = g_utf8_make_valid (text, -1);
  if (title != NULL && !g_utf8_validate (title, -1, NULL))
    title = valid_title = g_utf8_make_valid (title, -1);

  if (title != NULL)
    {
      title_words = split_words (title, chunk);
      count_hits (index, title_words, hits, TRUE);
    }
  text_words = split_words (text, chunk);
  count_hits (index, text_words, hits, FALSE);

  g_hash_table_iter_init (&iter, hits);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &hit))
    {
      double evidence = hit->entry.weight * (1.0 + log (hit->count));

      evidence += hit->entry.weight * hit->in_title;
      scores[hit->entry.subject] += evidence;
      total += evidence;
    }

  for (guint s = 1; s < G_N_ELEMENTS (subjects); s++)
    if (scores[s] > scores[best])
      best = s;

  if (scores[best] < 3.0)
    return NULL;

  if (score != NULL)
    *score = scores[best] / total;

  return &subjects[best];
}

const AttacheSubject *
attache_subjects (guint *n_subjects)
{
  if (n_subjects != NULL)
    *n_subjects = G_N_ELEMENTS (subjects);
  return subjects;
}

const AttacheSubject *
attache_subject_from_code (const char *code)
{
  g_return_val_if_fail (code != NULL, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (subjects); i++)
    if (g_str_equal (subjects[i].code, code))
      return &subjects[i];

  return NULL;
}
