/* test-charset.c: guessing the encoding of text that names none (attache-charset)
 *
 * The texts are sentences written for these tests. Each is converted into the
 * legacy encodings its language is written in, alone, as a one-line title and
 * wrapped in HTML and in an RSS feed, and the guess must read it back. Where two
 * encodings read the text the same (ISO-8859-8 and Windows-1255 for Hebrew in
 * logical order, KOI8-R and KOI8-U for Russian), the decoded text is what is
 * checked, not the name.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "attache-charset-private.h"

typedef struct
{
  const char *language;
  const char *title;
  const char *text;
  const char *charsets[5];
} Sample;

static const Sample samples[] = {
  { "ru", "Новости дня: выборы в Москве",
    "Вчера вечером в Москве прошло заседание городского совета, на котором обсуждали "
    "строительство новых школ и ремонт дорог. Жители района выразили недовольство тем, "
    "что работы затянулись почти на год.",
    { "KOI8-R", "WINDOWS-1251", "ISO-8859-5", "IBM866" } },
  { "uk", "Уряд схвалив нову програму для Києва",
    "Уряд України оголосив про нову програму підтримки малого бізнесу. Міністр економіки "
    "зазначив, що це допоможе створити тисячі робочих місць у регіонах. Її представили "
    "журналістам у Києві.",
    { "KOI8-U", "WINDOWS-1251", "ISO-8859-5" } },
  { "ja", "東京で新しい美術館が開館する予定です",
    "東京都は今日、新しい防災計画を発表しました。地震や台風に備えて、避難所の数を増やし、"
    "住民への情報提供を強化するということです。専門家は、この計画が多くの命を守ることに"
    "つながると話しています。",
    { "SHIFT_JIS", "EUC-JP", "ISO-2022-JP" } },
  { "zh-Hans", "中国经济增长速度放缓的原因分析",
    "北京市政府今天宣布，将在明年投入更多资金用于改善城市交通和空气质量。专家认为，这些措施"
    "将对居民的日常生活产生积极的影响。不过也有人担心，计划能否按时完成还是一个问题。",
    { "GB2312", "GB18030" } },
  { "zh-Hant", "臺灣經濟成長速度放緩的原因分析",
    "臺北市政府今天宣布，將在明年投入更多資金用於改善城市交通和空氣品質。專家認為，這些措施"
    "將對居民的日常生活產生積極的影響。不過也有人擔心，計畫能否按時完成還是一個問題。",
    { "BIG5" } },
  { "ko", "서울시 새 대중교통 계획 발표",
    "서울시는 오늘 새로운 대중교통 계획을 발표했습니다. 시민들은 버스와 지하철 노선이 "
    "늘어나면 출퇴근 시간이 크게 줄어들 것이라고 기대하고 있습니다.",
    { "EUC-KR" } },
  { "th", "ข่าววันนี้: การเลือกตั้งในกรุงเทพ",
    "กรุงเทพมหานครประกาศแผนการพัฒนาระบบขนส่งสาธารณะใหม่ เพื่อลดปัญหาการจราจรติดขัดในเมือง "
    "ประชาชนหลายคนหวังว่าจะช่วยให้การเดินทางสะดวกขึ้น",
    { "TIS-620" } },
  { "he", "חדשות היום: בחירות בירושלים",
    "ממשלת ישראל הודיעה היום על תוכנית חדשה לשיפור התחבורה הציבורית בערים הגדולות. "
    "לדברי השר, הפרויקט יסתיים בתוך שלוש שנים.",
    { "WINDOWS-1255", "ISO-8859-8" } },
  { "el", "Άρχισε η συνεδρίαση της Βουλής",
    "Η κυβέρνηση ανακοίνωσε σήμερα ένα νέο πρόγραμμα για τη στήριξη των μικρών επιχειρήσεων. "
    "Ο υπουργός δήλωσε ότι τα μέτρα θα ισχύσουν από τον επόμενο μήνα.",
    { "WINDOWS-1253", "ISO-8859-7" } },
  { "ar", "أخبار اليوم: الانتخابات في القاهرة",
    "أعلنت الحكومة اليوم عن خطة جديدة لتحسين التعليم في المدارس الحكومية. وقال الوزير إن "
    "المشروع سيبدأ في العام المقبل.",
    { "WINDOWS-1256", "ISO-8859-6" } },
  { "cs", "Přehled zpráv: řešení dopravy v Brně",
    "Vláda včera schválila nový zákon o ochraně životního prostředí. Podle ministra se změny "
    "dotknou především velkých průmyslových podniků a měst.",
    { "WINDOWS-1250", "ISO-8859-2" } },
  { "pl", "Wiadomości: wybory w Łodzi już jutro",
    "Rząd przedstawił wczoraj nowy plan rozwoju transportu publicznego. Według ministra, "
    "zmiany pozwolą skrócić czas dojazdu do pracy w wielu miastach.",
    { "WINDOWS-1250", "ISO-8859-2" } },
  { "fr", "Élections : le préfet s’exprime à Nîmes",
    "L’été dernier, le gouvernement a annoncé une réforme très attendue des régions. Les élus "
    "ont exprimé leur inquiétude quant à l’égalité d’accès aux services publics.",
    { "WINDOWS-1252" } },
  { "de", "Größere Zuschüsse für Städte",
    "Die Bundesregierung hat gestern neue Maßnahmen für den öffentlichen Nahverkehr "
    "beschlossen. Über die Kosten wird noch gestritten, aber die Länder begrüßen den Plan.",
    { "WINDOWS-1252", "ISO-8859-1" } },
};

typedef enum
{
  SHAPE_TEXT,
  SHAPE_TITLE,
  SHAPE_HTML,
  SHAPE_FEED,
  N_SHAPES
} Shape;

static const char *shape_names[N_SHAPES] = { "text", "title", "html", "feed" };

static char *
shape_text (const Sample *sample,
            Shape         shape)
{
  switch (shape)
    {
    case SHAPE_TEXT:
      return g_strdup (sample->text);
    case SHAPE_TITLE:
      return g_strdup (sample->title);
    case SHAPE_HTML:
      return g_strdup_printf ("<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n<title>%s</title>\n"
                              "<link rel=\"stylesheet\" href=\"/static/site.css\">\n</head>\n"
                              "<body class=\"article\">\n<nav><a href=\"/\">Home</a></nav>\n"
                              "<h1>%s</h1>\n<p class=\"lead\">%s</p>\n</body>\n</html>\n",
                              sample->language, sample->title, sample->title, sample->text);
    case SHAPE_FEED:
      return g_strdup_printf ("<?xml version=\"1.0\"?>\n<rss version=\"2.0\">\n<channel>\n"
                              "<title>%s</title>\n<link>https://news.example.org/</link>\n"
                              "<item>\n<title>%s</title>\n<link>https://news.example.org/1</link>\n"
                              "<description>%s</description>\n</item>\n</channel>\n</rss>\n",
                              sample->title, sample->title, sample->text);
    case N_SHAPES:
    default:
      g_assert_not_reached ();
      return NULL;
    }
}

/* Every sample, in every encoding of its language, in every shape: the guess
 * decodes the bytes back to the text. */
static void
test_round_trip (void)
{
  guint tried = 0;

  for (guint i = 0; i < G_N_ELEMENTS (samples); i++)
    for (guint c = 0; c < G_N_ELEMENTS (samples[i].charsets) && samples[i].charsets[c] != NULL; c++)
      for (int shape = 0; shape < N_SHAPES; shape++)
        {
          const char *charset = samples[i].charsets[c];
          g_autofree char *text = shape_text (&samples[i], shape);
          g_autoptr(GError) error = NULL;
          g_autofree char *bytes = NULL;
          g_autofree char *decoded = NULL;
          gsize len;
          const char *guess;

          bytes = g_convert (text, -1, charset, "UTF-8", NULL, &len, &error);
          g_assert_no_error (error);
          if (strcmp (charset, "ISO-2022-JP") != 0)
            g_assert_false (g_utf8_validate (bytes, len, NULL));   /* else there is nothing to guess */

          guess = _attache_charset_guess ((const guint8 *) bytes, len);
          decoded = g_convert (bytes, len, "UTF-8", _attache_charset_decoder (guess), NULL, NULL, NULL);
          if (g_strcmp0 (decoded, text) != 0)
            g_test_message ("%s in %s (%s): guessed %s", samples[i].language, charset, shape_names[shape], guess);
          g_assert_cmpstr (decoded, ==, text);
          tried++;
        }

  g_test_message ("%u texts read back", tried);
}

/* The name, where only one encoding reads the text as written. */
static void
test_names (void)
{
  static const struct { const char *language; const char *charset; const char *expected; } cases[] = {
    { "ru", "KOI8-R", "KOI8-R" }, { "ru", "WINDOWS-1251", "WINDOWS-1251" },
    { "ru", "ISO-8859-5", "ISO-8859-5" }, { "ru", "IBM866", "IBM866" },
    { "uk", "KOI8-U", "KOI8-U" },
    { "ja", "SHIFT_JIS", "SHIFT_JIS" }, { "ja", "EUC-JP", "EUC-JP" }, { "ja", "ISO-2022-JP", "ISO-2022-JP" },
    { "zh-Hans", "GB2312", "GB2312" }, { "zh-Hant", "BIG5", "BIG5" }, { "ko", "EUC-KR", "EUC-KR" },
    { "th", "TIS-620", "TIS-620" }, { "he", "WINDOWS-1255", "WINDOWS-1255" },
    { "el", "WINDOWS-1253", "WINDOWS-1253" }, { "el", "ISO-8859-7", "ISO-8859-7" },
    { "ar", "WINDOWS-1256", "WINDOWS-1256" }, { "ar", "ISO-8859-6", "ISO-8859-6" },
    { "cs", "WINDOWS-1250", "WINDOWS-1250" }, { "cs", "ISO-8859-2", "ISO-8859-2" },
    { "pl", "ISO-8859-2", "ISO-8859-2" },
    /* Western European text stays Windows-1252, also when it was Latin-1 */
    { "fr", "WINDOWS-1252", "WINDOWS-1252" }, { "de", "WINDOWS-1252", "WINDOWS-1252" },
    { "de", "ISO-8859-1", "WINDOWS-1252" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const Sample *sample = NULL;

      for (guint j = 0; j < G_N_ELEMENTS (samples) && sample == NULL; j++)
        if (strcmp (samples[j].language, cases[i].language) == 0)
          sample = &samples[j];
      g_assert_nonnull (sample);

      for (int shape = 0; shape < N_SHAPES; shape++)
        {
          g_autofree char *text = shape_text (sample, shape);
          g_autofree char *bytes = NULL;
          gsize len;

          if (shape == SHAPE_TITLE && strcmp (cases[i].charset, "WINDOWS-1252") != 0)
            continue;   /* a title may fit several */
          if (shape == SHAPE_TEXT && strcmp (cases[i].charset, "ISO-8859-7") == 0)
            continue;   /* only the title has a letter (Ά) where the two Greek encodings differ */
          bytes = g_convert (text, -1, cases[i].charset, "UTF-8", NULL, &len, NULL);
          g_assert_nonnull (bytes);
          g_assert_cmpstr (_attache_charset_guess ((const guint8 *) bytes, len), ==, cases[i].expected);
        }
    }
}

/* Western text keeps today's reading: Windows-1252. Every prefix of these is
 * tried, down to a single accented letter or symbol, for a short text is where
 * a wrong guess is easiest; the decoded text must be what Windows-1252 gives
 * (another label that reads the same bytes the same way would do). */
static const char *western[] = {
  "Le président de la République a reçu hier à l’Élysée les représentants des syndicats. "
  "« Nous avons été entendus », a déclaré l’un d’eux à la sortie.",
  "Où est passé le garçon ? Il était déjà là-bas, près de la fenêtre, avec sa sœur aînée.",
  "Die Straßenbahn fährt künftig öfter. Für Pendler ändert sich außerdem der Fahrplan am Wochenende.",
  "Österreichs Kanzler äußerte sich gestern zu den Plänen – „das ist ein großer Schritt“, sagte er.",
  "¿Dónde está la estación? Según el mapa, está a dos kilómetros al norte de la ciudad; el 1º de mayo cierra.",
  "O governo anunciou ontem novas medidas para a educação. Segundo o ministro, as escolas públicas terão mais recursos.",
  "Il governo ha approvato ieri la riforma. È una novità importante, perché cambierà la città e la società.",
  "Regeringen presenterade i går en ny plan för kollektivtrafiken. Ändringarna gäller från och med nästa år.",
  "Regeringen har i dag fremlagt et forslag om grøn omstilling. Både kommunerne og regionerne får flere penge.",
  "Hallitus esitteli tänään uuden suunnitelman. Muutokset koskevat erityisesti pääkaupunkiseudun liikennettä.",
  "De regering heeft gisteren een nieuw plan gepresenteerd; critici zijn sceptisch over de efficiëntie.",
  "The company’s profits rose 12% to £3.4m – “a record year,” said the CEO. Shares closed at €15.20 on Friday…",
  "Tickets cost £5 for adults, £3 for children and £12 for a family of four. Parking is £2.50 per hour.",
  "© 2024 Example News Ltd. Registered trademark® — all rights reserved™. Terms · Privacy · Cookies",
  "Add ½ cup of sugar, ¼ teaspoon of salt and bake at 180°C for 25 minutes. The tin should be 20 cm².",
  "Menu: Crème brûlée £6 · Café au lait £3 · Jalapeño poppers £5 · Smørrebrød £9 · Blåbær £4",
  "ÉTÉ 2024 : LES FESTIVALS À NE PAS MANQUER",
};

static void
test_western (void)
{
  guint tried = 0;

  for (guint i = 0; i < G_N_ELEMENTS (western); i++)
    {
      glong n_chars = g_utf8_strlen (western[i], -1);
      g_autofree char *bytes = NULL;
      gsize len;

      bytes = g_convert (western[i], -1, "WINDOWS-1252", "UTF-8", NULL, &len, NULL);
      g_assert_nonnull (bytes);
      g_assert_cmpstr (_attache_charset_guess ((const guint8 *) bytes, len), ==, "WINDOWS-1252");

      for (glong k = 1; k <= n_chars; k++)
        {
          gsize prefix = g_utf8_offset_to_pointer (western[i], k) - western[i];
          g_autofree char *part = g_convert (western[i], prefix, "WINDOWS-1252", "UTF-8", NULL, &len, NULL);
          const char *guess = _attache_charset_guess ((const guint8 *) part, len);
          g_autofree char *decoded = g_convert (part, len, "UTF-8", _attache_charset_decoder (guess), NULL, NULL, NULL);

          if (g_strcmp0 (decoded, part) == 0)
            continue;   /* ASCII */
          if (strcmp (guess, "WINDOWS-1252") != 0)
            {
              g_autofree char *expected = g_strndup (western[i], prefix);

              g_assert_cmpstr (decoded, ==, expected);
            }
          tried++;
        }
    }

  g_test_message ("%u prefixes of Western text not ASCII", tried);
}

static void
test_utf8_and_ascii (void)
{
  const char *utf8 = "Привет, мир — 東京";
  const char *ascii = "Plain ASCII text, nothing more.";

  g_assert_cmpstr (_attache_charset_guess ((const guint8 *) utf8, strlen (utf8)), ==, "UTF-8");
  g_assert_cmpstr (_attache_charset_guess ((const guint8 *) ascii, strlen (ascii)), ==, "UTF-8");
  g_assert_cmpstr (_attache_charset_guess ((const guint8 *) "", 0), ==, "UTF-8");
  g_assert_cmpstr (_attache_charset_guess (NULL, 0), ==, "UTF-8");
  g_assert_cmpstr (_attache_charset_decoder ("GB2312"), ==, "GB18030");
  g_assert_cmpstr (_attache_charset_decoder ("KOI8-R"), ==, "KOI8-R");
}

/* Hebrew in visual order (each line stored reversed, as old ISO-8859-8 pages
 * were): the final forms start the words, and the guess is ISO-8859-8. In
 * logical order they end them: Windows-1255, which reads those bytes the same. */
static void
test_hebrew_order (void)
{
  const char *logical = samples[7].text;
  g_autofree char *visual = g_utf8_strreverse (logical, -1);
  g_autofree char *logical_bytes = NULL;
  g_autofree char *visual_bytes = NULL;
  gsize logical_len, visual_len;

  g_assert_cmpstr (samples[7].language, ==, "he");
  logical_bytes = g_convert (logical, -1, "ISO-8859-8", "UTF-8", NULL, &logical_len, NULL);
  visual_bytes = g_convert (visual, -1, "ISO-8859-8", "UTF-8", NULL, &visual_len, NULL);
  g_assert_nonnull (logical_bytes);
  g_assert_nonnull (visual_bytes);
  g_assert_cmpstr (_attache_charset_guess ((const guint8 *) visual_bytes, visual_len), ==, "ISO-8859-8");
  g_assert_cmpstr (_attache_charset_guess ((const guint8 *) logical_bytes, logical_len), ==, "WINDOWS-1255");
}

/* UTF-8 with a few bytes broken is still UTF-8. */
static void
test_mostly_utf8 (void)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (int i = 0; i < 20; i++)
    g_string_append (text, "Москва — столица России. ");
  text->str[40] = '\xff';
  text->str[200] = '\xfe';
  g_assert_cmpstr (_attache_charset_guess ((const guint8 *) text->str, text->len), ==, "UTF-8");
}

/* The sample starts at the first byte that is not ASCII, however far in. */
static void
test_late_text (void)
{
  g_autoptr(GString) page = g_string_new ("<html><head><script>\n");
  g_autofree char *bytes = NULL;
  gsize len;

  for (int i = 0; i < 9000; i++)
    g_string_append (page, "var x = 1;\n");
  g_string_append (page, "</script></head><body><p>");
  g_string_append (page, samples[0].text);
  g_string_append (page, "</p></body></html>");
  bytes = g_convert (page->str, page->len, "KOI8-R", "UTF-8", NULL, &len, NULL);
  g_assert_nonnull (bytes);
  g_assert_cmpuint (len, >, 64 * 1024);
  g_assert_cmpstr (_attache_charset_guess ((const guint8 *) bytes, len), ==, "KOI8-R");
}

/* Past the sample: a long Japanese text cut in the middle of a character. */
static void
test_long_text (void)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *bytes = NULL;
  gsize len;

  while (text->len < 200 * 1024)
    g_string_append (text, samples[2].text);
  bytes = g_convert (text->str, text->len, "SHIFT_JIS", "UTF-8", NULL, &len, NULL);
  g_assert_nonnull (bytes);
  g_assert_cmpstr (_attache_charset_guess ((const guint8 *) bytes, len), ==, "SHIFT_JIS");
}

/* Random bytes, and bytes of every value, never crash and name an encoding iconv knows. */
static void
test_garbage (void)
{
  guint8 buffer[4096];

  for (int round = 0; round < 300; round++)
    {
      gsize len = g_test_rand_int_range (0, sizeof buffer);
      const char *guess;
      GIConv conv;

      for (gsize i = 0; i < len; i++)
        buffer[i] = (guint8) g_test_rand_int_range (round % 3 == 0 ? 0x80 : 0, 256);
      guess = _attache_charset_guess (buffer, len);
      g_assert_nonnull (guess);
      conv = g_iconv_open ("UTF-8", _attache_charset_decoder (guess));
      g_assert_true (conv != (GIConv) -1);
      g_iconv_close (conv);
    }

  for (int b = 0; b < 256; b++)
    buffer[b] = (guint8) b;
  g_assert_nonnull (_attache_charset_guess (buffer, 256));
  g_assert_nonnull (_attache_charset_guess (buffer + 0x80, 1));
  g_assert_nonnull (_attache_charset_guess ((const guint8 *) "\x1b$B", 3));
  g_assert_nonnull (_attache_charset_guess ((const guint8 *) "\x1b", 1));
  /* random bytes are noise: no language reads them well */
  for (int i = 0; i < 4096; i++)
    buffer[i] = (guint8) g_test_rand_int_range (0, 256);
  g_assert_cmpstr (_attache_charset_guess (buffer, sizeof buffer), ==, "WINDOWS-1252");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/charset/round-trip", test_round_trip);
  g_test_add_func ("/charset/names", test_names);
  g_test_add_func ("/charset/western", test_western);
  g_test_add_func ("/charset/hebrew-order", test_hebrew_order);
  g_test_add_func ("/charset/utf-8-and-ascii", test_utf8_and_ascii);
  g_test_add_func ("/charset/mostly-utf-8", test_mostly_utf8);
  g_test_add_func ("/charset/late-text", test_late_text);
  g_test_add_func ("/charset/long-text", test_long_text);
  g_test_add_func ("/charset/garbage", test_garbage);

  return g_test_run ();
}
