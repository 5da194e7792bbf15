/* test-language.c: language detection, on sentences written for this test
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "attache.h"

static void
test_languages (void)
{
  struct { const char *code; const char *text; } cases[] = {
    { "en", "The minister said on Tuesday that the talks with the union would resume after the holiday, "
            "and that the government had no plans to use the army to move the cargo." },
    { "fr", "Le ministre a déclaré mardi que les discussions avec le syndicat reprendraient après les fêtes, "
            "et que le gouvernement n'avait pas l'intention de faire appel à l'armée." },
    { "de", "Der Minister sagte am Dienstag, dass die Gespräche mit der Gewerkschaft nach den Feiertagen "
            "fortgesetzt werden, und die Regierung habe nicht vor, die Armee einzusetzen." },
    { "es", "El ministro dijo el martes que las conversaciones con el sindicato se reanudarán después de las "
            "fiestas, y que el gobierno no tiene planes de usar el ejército para mover la carga." },
    { "it", "Il ministro ha detto martedì che i colloqui con il sindacato riprenderanno dopo le feste, e che il "
            "governo non ha intenzione di usare l'esercito per spostare il carico." },
    { "pt", "O ministro disse na terça-feira que as conversas com o sindicato serão retomadas após o feriado, "
            "e que o governo não tem planos de usar o exército para mover a carga." },
    { "nl", "De minister zei dinsdag dat de gesprekken met de vakbond na de feestdagen worden hervat, en dat "
            "de regering niet van plan is het leger in te zetten om de lading te verplaatsen." },
    { "sv", "Ministern sade på tisdagen att samtalen med facket ska återupptas efter helgen, och att regeringen "
            "inte har några planer på att använda armén för att flytta lasten." },
    { "pl", "Minister powiedział we wtorek, że rozmowy ze związkiem zostaną wznowione po świętach, a rząd nie "
            "ma zamiaru użyć wojska do przewozu ładunku, który jest w porcie." },
    { "cs", "Ministr v úterý řekl, že rozhovory s odbory budou po svátcích pokračovat a že vláda nemá v úmyslu "
            "použít armádu k přesunu nákladu, který je v přístavu." },
    { "tr", "Bakan salı günü yaptığı açıklamada, sendika ile görüşmelerin bayramdan sonra yeniden başlayacağını "
            "ve hükümetin yükü taşımak için orduyu kullanma planı olmadığını söyledi. Bu çok önemli bir adım olarak görülüyor." },
    { "ru", "Министр заявил во вторник, что переговоры с профсоюзом возобновятся после праздников, и что "
            "правительство не собирается использовать армию для перевозки груза, который уже в порту." },
    { "uk", "Міністр заявив у вівторок, що переговори з профспілкою відновляться після свят, і що уряд не "
            "збирається використовувати армію для перевезення вантажу." },
    { "el", "Ο υπουργός δήλωσε την Τρίτη ότι οι συνομιλίες με το συνδικάτο θα συνεχιστούν μετά τις γιορτές." },
    { "ar", "قال الوزير يوم الثلاثاء إن المحادثات مع النقابة ستستأنف بعد العطلة وإن الحكومة لا تنوي استخدام الجيش." },
    { "he", "השר אמר ביום שלישי כי השיחות עם האיגוד יתחדשו לאחר החג וכי לממשלה אין כוונה להשתמש בצבא." },
    { "zh", "部长周二表示，与工会的谈判将在假期后恢复，政府没有计划动用军队运送货物。" },
    { "ja", "大臣は火曜日、組合との協議は休暇の後に再開されると述べ、政府は貨物を運ぶために軍を使う計画はないと話した。" },
    { "ko", "장관은 화요일 노조와의 협상이 휴일 이후 재개될 것이며 정부는 화물 운송에 군대를 동원할 계획이 없다고 말했다." },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      double confidence = 0;
      const char *got = attache_detect_language (cases[i].text, &confidence);

      if (g_strcmp0 (got, cases[i].code) != 0)
        g_error ("expected %s, got %s for: %s", cases[i].code, got, cases[i].text);
      g_assert_cmpfloat (confidence, >, 0.5);
    }
}

static void
test_undecided (void)
{
  /* Too short, no words, or names only: no guess. */
  g_assert_null (attache_detect_language ("", NULL));
  g_assert_null (attache_detect_language ("NATO", NULL));
  g_assert_null (attache_detect_language ("12 345 678 — 3.5% + 2024-04-02", NULL));
  g_assert_null (attache_detect_language ("Blinken Macron Zelensky Scholz Sunak Meloni Tusk Orbán Fico Sánchez", NULL));
  /* Invalid UTF-8 is read up to where it breaks, without a crash. */
  g_assert_null (attache_detect_language ("The talks \xff\xfe resumed", NULL));
}

static void
test_names (void)
{
  g_assert_cmpstr (attache_language_get_name ("fr"), ==, "French");
  g_assert_cmpstr (attache_language_get_name ("en-GB"), ==, "English");
  g_assert_cmpstr (attache_language_get_name ("pt_BR"), ==, "Portuguese");
  g_assert_cmpstr (attache_language_get_name ("ja"), ==, "Japanese");
  g_assert_cmpstr (attache_language_get_name ("xx"), ==, "xx");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/language/detect", test_languages);
  g_test_add_func ("/language/undecided", test_undecided);
  g_test_add_func ("/language/names", test_names);

  return g_test_run ();
}
