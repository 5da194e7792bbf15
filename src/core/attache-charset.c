/* attache-charset.c: the encoding of text that does not name one
 *
 * A page, feed or file with no BOM and no declared charset, whose bytes are not
 * UTF-8, was written in some legacy encoding; this guesses which from the bytes.
 *
 *   1. Seven-bit text with ISO-2022 escape sequences is ISO-2022-JP or -KR; text
 *      that is valid UTF-8 is UTF-8.
 *   2. Markup, and most of Western text, is ASCII whatever the encoding, so only
 *      the bytes from 0x80 up tell anything. The sample starts at the first of
 *      them (with the letters just before it) and is at most 64 KiB long.
 *   3. Each candidate reads the sample, and what it reads is scored like a
 *      language model would: the cost in bits of every character that is not
 *      ASCII, from the letter (or character) frequencies of the languages
 *      written in that encoding, plus costs for what real text does not do:
 *      undefined bytes and control characters, letters of another script,
 *      Cyrillic or Greek glued to Latin letters, long Latin words made only of
 *      accented letters, a capital right after a small letter, a symbol between
 *      two letters, a combining mark that starts a word, Hebrew final forms
 *      where they cannot be. Single-byte encodings are read through a table
 *      built from iconv. Multi-byte ones (Shift_JIS, EUC-JP, GB, Big5, EUC-KR)
 *      are decoded by iconv, and one that meets more than a few invalid
 *      sequences drops out; what they read is priced by script (kana and kanji
 *      for Japanese, Hangul for Korean, Han with no kana for Chinese) and by
 *      lists of common characters (simplified and traditional Chinese are told
 *      apart by those). UTF-8 with a few broken bytes is a reading too.
 *   4. The cheapest reading per byte wins. Windows-1252 stays unless another is
 *      clearly cheaper; when two readings give the same text, the one earlier
 *      in the tables (the more usual label) is kept.
 *   5. Work is spared: a single-byte encoding whose letters alone cost more than
 *      the best reading so far is not scanned for words, and a multi-byte one
 *      that reads the first 2048 bytes much worse than the best is dropped.
 *
 * The frequency lists below were written for this file from general knowledge
 * of the languages. They are rough: they only need to tell a language from the
 * noise a wrong encoding makes of it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "attache-charset"

#include "config.h"

#include <errno.h>
#include <math.h>
#include <string.h>

#include "attache-charset-private.h"

#define SAMPLE_MAX (64 * 1024)

/* Costs, in bits, of one character that is not ASCII. */
#define COST_INVALID       16.0   /* an undefined byte, a control character */
#define COST_PRIVATE       14.0   /* a private-use character */
#define COST_FOREIGN       13.0   /* a letter of another script */
#define COST_BOX           13.0   /* box drawing, block elements */
#define COST_RARE_LETTER   11.0   /* a letter of the script that the language does not list */
#define COST_SYMBOL        11.0
#define COST_MARK           9.0   /* a combining mark that the language does not list */
#define COST_SOFT_HYPHEN    9.0
#define COST_COMMON_SYMBOL  8.0   /* currency, ©, °, №… */
#define COST_PUNCT          7.0   /* quotes, dashes, no-break space */
#define COST_UTF8           3.0   /* a byte of a valid multi-byte UTF-8 sequence */

/* Penalties, in bits, for what text does not do. */
#define PENALTY_MIXED       6.0   /* a letter of a non-Latin script in a word with ASCII letters */
#define PENALTY_BARE        4.0   /* an accented letter in a Latin word of five or more with no ASCII letter */
#define PENALTY_LONE        3.0   /* a Latin word that is one accented letter (£5 read as Ł5) */
#define PENALTY_CASE        8.0   /* a capital right after a small letter (one of them not ASCII) */
#define PENALTY_CAPITAL     1.5   /* a capital not ASCII inside a word: text is mostly small letters */
#define PENALTY_MID_SYMBOL  8.0   /* a symbol or undefined byte between two letters */
#define PENALTY_STRAY_MARK  6.0   /* a combining mark that starts a word */
#define PENALTY_LONG        3.0   /* each letter past the 20th of a word */
#define PENALTY_DIGIT       4.0   /* a letter glued to a digit (£5 read as Ј5) */
#define PENALTY_FINAL       6.0   /* a Hebrew final form out of place */

/* Another encoding must beat Windows-1252 by this much a byte, and by this
 * much in all, to be chosen; a reading costing more than IMPLAUSIBLE a byte
 * is noise, whatever reads it best. */
#define MARGIN_PER_BYTE     0.5
#define MARGIN_TOTAL       10.0
#define IMPLAUSIBLE        12.5

/* A multi-byte reading that costs this much a byte more than the best so far,
 * once FIRST_LOOK bytes that are not ASCII have been read, is given up. */
#define GIVE_UP             2.0
#define FIRST_LOOK       2048

/* Alphabetic languages: their letters other than ASCII, lower case, each with a
 * rough relative frequency. For languages written in Latin letters the figures
 * are among the accented letters only, which is all that varies between the
 * encodings. */

typedef enum
{
  ALPHABET_FINALS_AT_END   = 1 << 0,   /* Hebrew, logical order */
  ALPHABET_FINALS_AT_START = 1 << 1,   /* Hebrew, visual order (each word reversed) */
  ALPHABET_NO_SPACES       = 1 << 2,   /* Thai: words run together */
} AlphabetFlags;

typedef struct
{
  const char *language;
  const char *letters;   /* "é500 à140 …" */
  guint       flags;
} Alphabet;

static const Alphabet alphabets[] = {
  /* Western Europe */
  { "fr", "é500 à140 è100 ê60 ç40 â20 ô20 î15 œ10 û10 ù10 ï5 ë3 ÿ1", 0 },
  { "de", "ä250 ü250 ß200 ö180 é5", 0 },
  { "es", "ó200 í180 á170 é170 ñ100 ú50 º10 ª5 ü5", 0 },
  { "pt", "ã200 ç150 é150 á120 ó80 í80 ê80 õ50 ú40 â30 à20 ô20 º10 ª5", 0 },
  { "it", "à250 è250 ò150 ì150 é100 ù100 º5 ó5 í5", 0 },
  { "nl", "é400 ë300 ï100 ö50 è50 ü50 á20", 0 },
  { "sv", "ä450 å300 ö250 é5", 0 },
  { "da", "ø350 å350 æ300 é10", 0 },
  { "fi", "ä700 ö300 å5", 0 },
  { "is", "ð200 á150 í100 þ100 ó80 ú80 æ80 ö80 é50 ý40", 0 },
  { "ca", "à150 è150 é150 ò100 ó100 í100 ç50 ú30 ï30 ü20", 0 },
  /* Central Europe */
  { "cs", "á140 í130 é120 ě100 ý90 ř80 č80 š70 ž70 ů30 ú15 ň10 ť7 ď5 ó3", 0 },
  { "sk", "á200 í120 é80 ý60 č60 š60 ž50 ú40 ľ40 ô30 ť30 ň20 ä10 ď10 ó10 ŕ2 ĺ2", 0 },
  { "pl", "ł150 ę110 ą110 ó110 ż100 ś90 ć60 ń60 ź15", 0 },
  { "hu", "é220 á170 ó80 ö70 ő70 í50 ü40 ú20 ű20", 0 },
  { "hr", "č350 š300 ž250 ć100 đ30", 0 },
  { "ro", "ă300 ş200 ţ200 î150 â100 ș20 ț20", 0 },
  { "tr", "ı250 ü150 ş140 ç120 ğ110 ö90 İ30 â5", 0 },
  /* Cyrillic */
  { "ru", "о1097 е845 а801 и735 н670 т626 с547 р473 в454 л440 к349 м321 д298 п281 у262 я201 "
          "ы190 ь174 г170 з165 б159 ч144 й121 х97 ж94 ш73 ю64 ц48 щ36 э32 ф26 ъ4 ё4", 0 },
  { "uk", "о940 а860 н700 и610 і600 в520 т510 е490 р470 с420 к370 л360 у340 д330 м300 п290 "
          "з230 я220 б170 ь160 г160 ч120 й120 х110 ж80 ш80 ю80 ц70 ї60 є40 щ40 ф20 ґ3", 0 },
  { "bg", "а1050 о860 е800 и780 т710 н660 р480 с440 в420 к350 л320 д310 п280 ъ270 м260 я230 "
          "з180 г150 у130 б130 ч130 х80 ж70 ш70 щ60 ц60 й50 ю30 ф30 ь10", 0 },
  { "sr", "а1100 и980 о910 е870 н550 с510 ј500 р470 т460 у440 д360 к350 в350 м320 л300 п280 "
          "з160 г160 б150 ч100 ћ100 ш90 ц60 ж60 њ50 љ50 х40 ф30 ђ20 џ10", 0 },
  /* Greek */
  { "el", "α1100 ο880 τ800 ι750 ε720 ν670 η460 υ420 ρ420 κ410 π390 σ360 μ320 ς300 λ280 ά190 "
          "γ180 δ170 ί160 έ150 ό150 ω150 θ110 χ110 ή110 ύ80 φ80 ώ60 β60 ξ40 ζ40 ψ10 ϊ5 ΐ2 ϋ1 ΰ1", 0 },
  /* Hebrew: the same letters, in logical and in visual order */
  { "he", "י1100 ו1050 ה900 ל730 א630 ר560 ת530 ב500 מ500 ש410 נ300 ע300 ם280 ד260 ח210 כ200 "
          "ק190 ן140 פ130 ג110 ס100 ט100 צ90 ז80 ך40 ף30 ץ20", ALPHABET_FINALS_AT_END },
  { "he-visual", "י1100 ו1050 ה900 ל730 א630 ר560 ת530 ב500 מ500 ש410 נ300 ע300 ם280 ד260 ח210 כ200 "
                 "ק190 ן140 פ130 ג110 ס100 ט100 צ90 ז80 ך40 ף30 ץ20", ALPHABET_FINALS_AT_START },
  /* Arabic script */
  { "ar", "ا1250 ل1060 ي730 م610 و590 ن570 ر460 ب400 ت400 ه350 ع320 ة300 ف280 د270 أ260 ق240 "
          "س240 ك220 ح210 ج130 ى120 إ110 ش100 ص100 ط90 خ80 ذ70 ث60 ز50 ض50 ئ50 غ40 ء30 ظ20 ؤ20 آ20", 0 },
  { "fa", "ا1100 ی900 ر600 د550 ن550 ه550 و500 م450 ت450 ب400 س300 ک300 ل250 ش200 ز200 ع150 "
          "ف150 ق100 گ100 خ100 پ80 ح80 ج80 چ50 ص50 ط50 آ50 ئ20 أ20 غ20 ض20 ذ20 ظ10 ث10 ژ5", 0 },
  /* Thai: consonants, vowels and tone marks */
  { "th", "า800 น700 ร600 ก600 อ550 เ500 ง450 ม400 ่400 ย350 ล350 ว350 ท300 ด300 ต300 ั300 "
          "้300 ี300 ิ300 ส250 ห250 ค250 ะ200 บ200 ป200 แ200 ไ150 ข150 จ150 พ150 ุ150 ำ150 "
          "ใ100 โ100 ู100 ื100 ึ100 ์100 ช100 ็80 ณ60 ซ60 ผ50 ศ50 ธ50 ษ40 ภ40 ญ30 ๆ30 ฟ30 "
          "ฉ20 ฐ20 ฤ20 ๊20 ฝ20 ฏ10 ฎ10 ฑ10 ฒ10 ฮ10 ๋10 ฬ5 ฆ5", ALPHABET_NO_SPACES },
};

#define MAX_LANGUAGES 12

/* Single-byte encodings, each with the languages written in it. Order matters
 * only when two read the same text: the earlier is kept. */
static const struct
{
  const char *name;        /* reported, and given to iconv */
  const char *languages[MAX_LANGUAGES];
} single_byte_charsets[] = {
  { "WINDOWS-1252", { "fr", "de", "es", "pt", "it", "nl", "sv", "da", "fi", "is", "ca" } },
  { "WINDOWS-1250", { "cs", "sk", "pl", "hu", "hr", "ro" } },
  { "ISO-8859-2", { "cs", "sk", "pl", "hu", "hr", "ro" } },
  { "WINDOWS-1254", { "tr" } },
  { "KOI8-R", { "ru" } },
  { "KOI8-U", { "uk", "ru" } },
  { "WINDOWS-1251", { "ru", "uk", "bg", "sr" } },
  { "ISO-8859-5", { "ru", "uk", "bg", "sr" } },
  { "IBM866", { "ru", "uk" } },
  { "WINDOWS-1253", { "el" } },
  { "ISO-8859-7", { "el" } },
  { "WINDOWS-1255", { "he" } },
  { "ISO-8859-8", { "he-visual" } },
  { "WINDOWS-1256", { "ar", "fa" } },
  { "ISO-8859-6", { "ar" } },
  { "WINDOWS-874", { "th" } },   /* reported as TIS-620 when it uses none of 0x80–0x9F */
};

#define N_SINGLE_BYTE G_N_ELEMENTS (single_byte_charsets)
#define WINDOWS_1252 0   /* its index */

/* East Asian languages: characters in rough order of frequency. */

/* Simplified Chinese */
static const char hans_common[] =
  "的一是不了在人有我他这个们中来上大为和国地到以说时要就出会可也你对生能而子那得于着下自之年过发后作里"
  "用道行所然家种事成方多经么去法学如都同现当没动面起看定天分还进好小部其些主样理心她本前开但因只从想实"
  "日军者意无力它与长把机十民第公此已工使情明性知全三又关点正业外将两高间由问很最重并物手应战向头文体政"
  "美相见被利什二等产或新己制身果加西斯月话合回特代内信表化老给世位次度门任常先海通教儿原东声提立及比员"
  "解水名真论处走义各入几口认条平系气题活尔更别打女变四神总何电数安少报才结反受目太量再感建务做接必场件"
  "计管期市直德资命山金指克许统区保至队形社便空决治展马科司五基眼书非则听白却界达光放强即像难且权思王象"
  "完设式色路记南品住告类求据程北边死张该交规万取拉格望觉术领共确传师观清今切院让识候带导争运笑飞风步改"
  "收根干造言联持组每济车亲极林服快办议往元英士证近失转夫令准布始怎呢存未远叫台单影具罗字爱击流备兵连调"
  "深商算质团集百需价花党华城石级整府离况亚请技际约示复病息究线似官火断精满支视消越器容照须九增研写称企"
  "八功吗包片史委乎查轻易早曾除农找装广显吧阿李标谈吃图念六引历首医局突专费号尽另周较注语仅考落青随选列"
  "武红响虽推势参希古众构房半节土投某案黑维革划敌致陈律足态护七兴派孩验责营星够章音跟志底站严巴例防族供"
  "效续施留讲型料终答紧黄绝奇察母京段依批群项故按河米围江织害斗双境客纪采举杀攻父苏密低朝友诉止细愿千值"
  "仍男钱破网热助倒育属坐帝限船脸职速刻乐否刚威毛状率甚独球般普怕弹校苦创假久错承印晚兰试股拿脑预谁益阳"
  "若哪微尼继送急血惊伤素药适波夜省初喜卫源食险待述陆习置居劳财环排福纳欢雷警获模充负云停木游龙树疑层冷"
  "洲冲射略范竟句室异激汉村哈策演简卡罪判担州静退既衣您宗积余痛检差富灵协角占配征修皮挥胜降阶审沉坚善妈"
  "刘读啊超免压银买皇养伊怀执副乱抗犯追帮宣佛岁航优怪香著田铁控税左右份穿艺背阵草脚概恶块顿敢守酒岛托央"
  "户烈洋哥索胡款靠评版宝座释景顾弟登货互付伯慢欧换闻危忙核暗姐介坏讨丽良序升监临亮露永呼味野架域沙掉括"
  "舰鱼杂误湾吉减编楚肯测败屋跑梦散温困剑渐封救贵枪缺楼县尚毫移娘朋画班智亦耳恩短掌恐遗固席松秘谢鲁遇康"
  "虑幸均销钟诗藏赶剧票损忽巨炮旧端探湖录叶春乡附吸予礼港雨呀板庭妇归睛饭额含顺输";

/* Traditional Chinese: the same characters, in their traditional forms */
static const char hant_common[] =
  "的一是不了在人有我他這個們中來上大為和國地到以說時要就出會可也你對生能而子那得於著下自之年過發後作裡"
  "用道行所然家種事成方多經麼去法學如都同現當沒動面起看定天分還進好小部其些主樣理心她本前開但因只從想實"
  "日軍者意無力它與長把機十民第公此已工使情明性知全三又關點正業外將兩高間由問很最重並物手應戰向頭文體政"
  "美相見被利什二等產或新己制身果加西斯月話合回特代內信表化老給世位次度門任常先海通教兒原東聲提立及比員"
  "解水名真論處走義各入幾口認條平系氣題活爾更別打女變四神總何電數安少報才結反受目太量再感建務做接必場件"
  "計管期市直德資命山金指克許統區保至隊形社便空決治展馬科司五基眼書非則聽白卻界達光放強即像難且權思王象"
  "完設式色路記南品住告類求據程北邊死張該交規萬取拉格望覺術領共確傳師觀清今切院讓識候帶導爭運笑飛風步改"
  "收根幹造言聯持組每濟車親極林服快辦議往元英士證近失轉夫令準布始怎呢存未遠叫臺單影具羅字愛擊流備兵連調"
  "深商算質團集百需價花黨華城石級整府離況亞請技際約示復病息究線似官火斷精滿支視消越器容照須九增研寫稱企"
  "八功嗎包片史委乎查輕易早曾除農找裝廣顯吧阿李標談吃圖念六引歷首醫局突專費號盡另周較注語僅考落青隨選列"
  "武紅響雖推勢參希古眾構房半節土投某案黑維革劃敵致陳律足態護七興派孩驗責營星夠章音跟志底站嚴巴例防族供"
  "效續施留講型料終答緊黃絕奇察母京段依批群項故按河米圍江織害鬥雙境客紀採舉殺攻父蘇密低朝友訴止細願千值"
  "仍男錢破網熱助倒育屬坐帝限船臉職速刻樂否剛威毛狀率甚獨球般普怕彈校苦創假久錯承印晚蘭試股拿腦預誰益陽"
  "若哪微尼繼送急血驚傷素藥適波夜省初喜衛源食險待述陸習置居勞財環排福納歡雷警獲模充負雲停木遊龍樹疑層冷"
  "洲衝射略範竟句室異激漢村哈策演簡卡罪判擔州靜退既衣您宗積餘痛檢差富靈協角佔配征修皮揮勝降階審沉堅善媽"
  "劉讀啊超免壓銀買皇養伊懷執副亂抗犯追幫宣佛歲航優怪香著田鐵控稅左右份穿藝背陣草腳概惡塊頓敢守酒島托央"
  "戶烈洋哥索胡款靠評版寶座釋景顧弟登貨互付伯慢歐換聞危忙核暗姐介壞討麗良序升監臨亮露永呼味野架域沙掉括"
  "艦魚雜誤灣吉減編楚肯測敗屋跑夢散溫困劍漸封救貴槍缺樓縣尚毫移娘朋畫班智亦耳恩短掌恐遺固席松秘謝魯遇康"
  "慮幸均銷鐘詩藏趕劇票損忽巨炮舊端探湖錄葉春鄉附吸予禮港雨呀板庭婦歸睛飯額含順輸";

/* Japanese: kanji of newspaper text, then the kana */
static const char ja_kanji_common[] =
  "日一国会人年大十二本中長出三同時政事自行社見月分議後前民生連五発間対上部東者党地合市業内相方四定今回"
  "新場金員九入選立開手米力学問高代明実円関決子動京全目表戦経通外最言氏現理調体化田当八六約主題下首意法"
  "不来作性的要用制治度務強気小七成期公持野協取都和統以機平総加山思家話世受区領多県続進正安設保改数記院"
  "女初北午指権心界支第産結百派点教報済書府活原先共得解名交資予川向際査勝面委告軍文反元重近千考判認画海"
  "参売利組知案道信策集在件団別物側任引使求所次水半品昨論計死官増係感特情投示変打男基私各始島直両朝革価"
  "式確村提運終挙果西勢減台広容必応演電歳住争談能無再位置企真流格有疑口過局少放税検藤町常校料沢裁状工建"
  "語球営空職証土与急止送援供可役構木割聞身費付施切由説転食比難防補車優夫研収断井何南石足違消境神番規術"
  "護展態導鮮備宅害配副算視条幹独警宮究育席輸訪楽起万着乗店述残想線率病農州武声質念待試族象銀域助労例衛"
  "然早張映限親額監環験追審商葉義伝働形景落欧担好退準賞訴辺造英被株頭技低毎医復仕去姿味負閣韓渡失移差衆"
  "個門写評課末守若脳極種美岡影命含福蔵量望松非撃佐核観察整段横融型白深字答夜製票況音申様財港識注呼渉達"
  "良響阪帰針専推襲装伸友攻抗便異刻";

static const char ja_hiragana_common[] =
  "のにはをたがてでしとないるかっれらもうまこきくすりんあつせけどょめおえよわみじちばだひろやごずぶそゃね"
  "びさぐげほぎべぼぱぴぷぺぽぬふへむゆゅぜぞづぢぁぃぅぇぉゎゐゑゔ";

static const char ja_katakana_common[] =
  "ーンストルイクリラシタレアドカプマテコメジフロサオムキデバャッブウニグネパハビチポエツミナセソヤベホケ"
  "ガダョュヒゴボピペギザゲズノヘワゼユヨヌヴィェォァゥヮヲヂヅゾヰヱ・";

/* Korean: Hangul syllables */
static const char ko_common[] =
  "이다는의에하고을가지기한서도로사리자으어나를시대정인수있해전부아일상들스주구게제국면요적것거장경보원성"
  "만라여니우동공화과위오세그신내소미조연했치모생비문학방관개진업습중트드무회되된선유실간물분던마결까단명"
  "발말계감두히안당람와민없속데현운심때었았반년저차호른식표통러야영역군체행법음산교출터날며후용금또직울품"
  "본점알집잘크노설레디각입최및처께뿐함네쪽번록활강째근향변색새예환육석천쓰먹받봐왜씨좀님잠밖꼭랑듯뒤타토"
  "파키프포피테편필평형황희힘려력련령례론료루류르름린립럽렇렵렸목몸못몇묻뭐밀바박밝밤배백버번벌범벽별병복"
  "볼봄봉북불붙빌빠사살삼섬셋속손송숙순술숨쉬슬승싸쏘씩악않앞애약양억언얼엄엇열염였영옆옥온올옷완왕외욕운"
  "움웃월윤은응익읽잃임잊작잔젊접족존졸종좋좌죄죽준줄즉즐증질짐짓째찾채책철첫청초촌총추축충취측층친칠침커"
  "컴케코큰클탁탄탈태택투특틀판팔패퍼페펴폐폭푸풍합항핵향허험혀협혹혼홍확회획효훈휘휴흔흘흥흰";

typedef enum
{
  CJK_JA,
  CJK_HANS,
  CJK_HANT,
  CJK_KO,
  N_CJK
} CjkModel;

/* Multi-byte encodings: reported as the narrowest label that reads the sample
 * (see narrow_label ()), decoded with a superset. */
static const struct
{
  const char *name;
  const char *decoder;
  CjkModel    models[2];
  guint       n_models;
} multi_byte_charsets[] = {
  { "SHIFT_JIS", "CP932", { CJK_JA }, 1 },
  { "EUC-JP", "EUC-JP", { CJK_JA }, 1 },
  { "GB2312", "GB18030", { CJK_HANS, CJK_HANT }, 2 },
  { "BIG5", "BIG5-HKSCS", { CJK_HANT, CJK_HANS }, 2 },
  { "EUC-KR", "CP949", { CJK_KO }, 1 },
};

#define N_MULTI_BYTE G_N_ELEMENTS (multi_byte_charsets)

/* What the sample is tried with to report a multi-byte encoding by its
 * narrowest name (see narrow_label ()). */
static const char * const narrow_labels[] = { "SHIFT_JIS", "GB2312", "GBK", "BIG5", "EUC-KR" };

/* Tables built once */

/* What a byte reads as, for the word checks: a class and two flags. */
enum
{
  KIND_SEPARATOR,      /* ASCII other than letters, and punctuation */
  KIND_ASCII_LETTER,
  KIND_LOWER,
  KIND_UPPER,
  KIND_CASELESS,
  KIND_MARK,           /* a combining mark */
  KIND_SYMBOL,
  KIND_INVALID,
  KIND_CLASS_MASK = 0x0f,
  KIND_FOREIGN    = 0x10,   /* a letter of another script than the encoding's */
  KIND_FINAL      = 0x20,   /* a Hebrew final form */
};

typedef struct
{
  const Alphabet *alphabet;
  float           cost[128];   /* of bytes 0x80–0xFF */
} Model;

typedef struct
{
  const char     *name;
  gboolean        usable;      /* iconv knows it */
  GUnicodeScript  script;
  gunichar        chars[128];  /* what 0x80–0xFF read as; 0 where undefined */
  guint8          kind[256];
  Model           models[MAX_LANGUAGES];
  guint           n_models;
} SingleByte;

#define HAN_FIRST   0x4E00
#define HAN_LAST    0x9FFF
#define HANGUL_FIRST 0xAC00
#define HANGUL_LAST  0xD7A3
#define KANA_FIRST  0x3040
#define KANA_LAST   0x30FF

typedef struct
{
  SingleByte single[N_SINGLE_BYTE];
  /* costs of CJK characters, in eighths of a bit */
  guint8     han[N_CJK][HAN_LAST - HAN_FIRST + 1];
  guint8     han_rare[N_CJK];   /* extension A, compatibility ideographs */
  guint8     hangul[HANGUL_LAST - HANGUL_FIRST + 1];
  guint8     kana[KANA_LAST - KANA_FIRST + 1];
  /* Never used: held open so that glibc keeps the converters' modules loaded,
   * instead of loading and unloading them at every guess. */
  GIConv     pinned[N_MULTI_BYTE + G_N_ELEMENTS (narrow_labels)];
} Tables;

static guint8
eighths (double bits)
{
  return (guint8) CLAMP (lround (bits * 8), 0, 255);
}

static const Alphabet *
find_alphabet (const char *language)
{
  for (guint i = 0; i < G_N_ELEMENTS (alphabets); i++)
    if (strcmp (alphabets[i].language, language) == 0)
      return &alphabets[i];

  g_assert_not_reached ();
  return NULL;
}

/* Lower case, except where that would give ASCII (Turkish İ). */
static gunichar
fold (gunichar c)
{
  gunichar lower = g_unichar_tolower (c);

  return lower < 0x80 ? c : lower;
}

static gboolean
is_hebrew_final (gunichar c)
{
  return c == 0x05DA || c == 0x05DD || c == 0x05DF || c == 0x05E3 || c == 0x05E5;
}

static gboolean
is_mark (gunichar c)
{
  GUnicodeType type = g_unichar_type (c);

  return type == G_UNICODE_NON_SPACING_MARK || type == G_UNICODE_SPACING_MARK ||
         type == G_UNICODE_ENCLOSING_MARK;
}

static gboolean
is_invalid (gunichar c)
{
  GUnicodeType type;

  if (c == 0 || c == 0xFFFD)
    return TRUE;
  type = g_unichar_type (c);
  return type == G_UNICODE_CONTROL || type == G_UNICODE_UNASSIGNED || type == G_UNICODE_SURROGATE;
}

static gboolean
is_punct_or_space (gunichar c)
{
  switch ((int) g_unichar_type (c))
    {
    case G_UNICODE_CONNECT_PUNCTUATION:
    case G_UNICODE_DASH_PUNCTUATION:
    case G_UNICODE_CLOSE_PUNCTUATION:
    case G_UNICODE_FINAL_PUNCTUATION:
    case G_UNICODE_INITIAL_PUNCTUATION:
    case G_UNICODE_OTHER_PUNCTUATION:
    case G_UNICODE_OPEN_PUNCTUATION:
    case G_UNICODE_SPACE_SEPARATOR:
      return TRUE;
    default:
      return FALSE;
    }
}

static gboolean
is_common_symbol (gunichar c)
{
  return g_unichar_type (c) == G_UNICODE_CURRENCY_SYMBOL ||
         g_unichar_type (c) == G_UNICODE_OTHER_NUMBER ||   /* ½ ² */
         c == 0x00A9 || c == 0x00AE || c == 0x2122 || c == 0x00B0 || c == 0x2116 || c == 0x00A7;
}

static gboolean
same_script (gunichar       c,
             GUnicodeScript script)
{
  GUnicodeScript s = g_unichar_get_script (c);

  return s == script || (s == G_UNICODE_SCRIPT_INHERITED && is_mark (c));
}

/* What a character other than a letter costs in any alphabetic language. */
static double
other_cost (gunichar c)
{
  if (is_invalid (c))
    return COST_INVALID;
  if (g_unichar_type (c) == G_UNICODE_PRIVATE_USE)
    return COST_PRIVATE;
  if (c == 0x00AD)
    return COST_SOFT_HYPHEN;
  if (is_punct_or_space (c))
    return COST_PUNCT;
  if (is_common_symbol (c))
    return COST_COMMON_SYMBOL;
  if ((c >= 0x2500 && c <= 0x259F) || (c >= 0x2320 && c <= 0x2321))
    return COST_BOX;
  return COST_SYMBOL;
}

/* Parses "é500 à140 …" into @letters and @weights; returns how many. */
static guint
parse_letters (const char *spec,
               gunichar   *letters,
               double     *weights,
               guint       max)
{
  const char *p = spec;
  guint n = 0;

  while (*p != '\0' && n < max)
    {
      char *end;

      if (*p == ' ')
        {
          p++;
          continue;
        }
      letters[n] = g_utf8_get_char (p);
      p = g_utf8_next_char (p);
      weights[n] = g_ascii_strtod (p, &end);
      g_assert (end != p);
      p = end;
      n++;
    }

  return n;
}

static void
build_model (const SingleByte *cs,
             Model            *model)
{
  gunichar letters[64];
  double weights[64];
  double total = 0;
  guint n = parse_letters (model->alphabet->letters, letters, weights, G_N_ELEMENTS (letters));

  for (guint i = 0; i < n; i++)
    total += weights[i];

  for (guint b = 0; b < 128; b++)
    {
      gunichar c = cs->chars[b];
      double cost;

      if (c == 0 || is_invalid (c))
        cost = COST_INVALID;
      else if (g_unichar_isalpha (c) || is_mark (c))
        {
          gunichar lower = fold (c);

          cost = -1;
          for (guint i = 0; i < n && cost < 0; i++)
            if (letters[i] == lower)
              cost = -log2 (0.98 * weights[i] / total);   /* 2 % for the letters not listed */
          if (cost < 0)
            {
              if (!same_script (c, cs->script))
                cost = COST_FOREIGN;
              else
                cost = is_mark (c) ? COST_MARK : COST_RARE_LETTER;
            }
        }
      else
        cost = other_cost (c);

      model->cost[b] = (float) cost;
    }
}

static void
build_single_byte (SingleByte *cs,
                   guint       index)
{
  GIConv conv = g_iconv_open ("UTF-8", single_byte_charsets[index].name);

  cs->name = single_byte_charsets[index].name;
  if (conv == (GIConv) -1)
    {
      g_debug ("iconv does not know %s", cs->name);
      return;
    }
  cs->usable = TRUE;

  for (guint b = 0; b < 128; b++)
    {
      char in[1] = { (char) (b + 0x80) };
      char out[8];
      char *inp = in, *outp = out;
      gsize in_left = 1, out_left = sizeof out;

      g_iconv (conv, NULL, NULL, NULL, NULL);
      /* Windows-1255 holds a letter back until it knows no point follows: flush */
      if (g_iconv (conv, &inp, &in_left, &outp, &out_left) != (gsize) -1 && in_left == 0 &&
          g_iconv (conv, NULL, NULL, &outp, &out_left) != (gsize) -1 &&
          outp > out && g_utf8_validate (out, outp - out, NULL))
        cs->chars[b] = g_utf8_get_char (out);
    }
  g_iconv_close (conv);

  for (guint i = 0; i < MAX_LANGUAGES && single_byte_charsets[index].languages[i] != NULL; i++)
    {
      const Alphabet *alphabet = find_alphabet (single_byte_charsets[index].languages[i]);

      if (cs->n_models == 0)
        cs->script = g_unichar_get_script (g_utf8_get_char (alphabet->letters));
      cs->models[cs->n_models].alphabet = alphabet;
      cs->n_models++;
    }

  for (guint b = 0; b < 256; b++)
    {
      guint8 kind;

      if (b < 0x80)
        kind = g_ascii_isalpha (b) ? KIND_ASCII_LETTER : KIND_SEPARATOR;
      else
        {
          gunichar c = cs->chars[b - 0x80];

          if (is_invalid (c))
            kind = KIND_INVALID;
          else if (is_mark (c))
            kind = KIND_MARK;
          else if (g_unichar_isalpha (c))
            {
              kind = g_unichar_isupper (c) ? KIND_UPPER : g_unichar_islower (c) ? KIND_LOWER : KIND_CASELESS;
              if (!same_script (c, cs->script))
                kind |= KIND_FOREIGN;
              if (is_hebrew_final (c))
                kind |= KIND_FINAL;
            }
          else if (is_punct_or_space (c) || c == 0x00AD)
            kind = KIND_SEPARATOR;
          else
            kind = KIND_SYMBOL;
        }
      cs->kind[b] = kind;
    }

  for (guint i = 0; i < cs->n_models; i++)
    build_model (cs, &cs->models[i]);
}

/* Ranks the characters of @list (1 for the first); a character seen before
 * keeps its first rank. Costs follow Zipf's law: the character of rank r has
 * probability @mass / (r × H(n)). Others keep what is in @costs. */
static void
rank_list (const char *list,
           gunichar    first,
           gunichar    last,
           double      mass,
           guint8     *costs)
{
  g_autofree gboolean *seen = g_new0 (gboolean, last - first + 1);
  g_autoptr(GArray) chars = g_array_new (FALSE, FALSE, sizeof (gunichar));
  double harmonic = 0;

  for (const char *p = list; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      g_assert (c >= first && c <= last);
      if (!seen[c - first])
        {
          seen[c - first] = TRUE;
          g_array_append_val (chars, c);
        }
    }

  for (guint r = 1; r <= chars->len; r++)
    harmonic += 1.0 / r;
  for (guint r = 1; r <= chars->len; r++)
    {
      gunichar c = g_array_index (chars, gunichar, r - 1);

      costs[c - first] = eighths (-log2 (mass / (r * harmonic)));
    }
}

static Tables *
build_tables (void)
{
  Tables *t = g_new0 (Tables, 1);
  /* floors: what an ideograph (or syllable) outside the lists costs */
  const double han_floor[N_CJK] = {
    [CJK_JA] = -log2 (0.15 / 5000), [CJK_HANS] = -log2 (0.27 / 5000),
    [CJK_HANT] = -log2 (0.27 / 5000), [CJK_KO] = 13.0,
  };

  for (guint i = 0; i < N_SINGLE_BYTE; i++)
    build_single_byte (&t->single[i], i);
  for (guint i = 0; i < N_MULTI_BYTE; i++)
    t->pinned[i] = g_iconv_open ("UCS-4LE", multi_byte_charsets[i].decoder);
  for (guint i = 0; i < G_N_ELEMENTS (narrow_labels); i++)
    t->pinned[N_MULTI_BYTE + i] = g_iconv_open ("UTF-8", narrow_labels[i]);

  for (int m = 0; m < N_CJK; m++)
    {
      memset (t->han[m], eighths (han_floor[m]), sizeof t->han[m]);
      t->han_rare[m] = eighths (han_floor[m] + 1);
    }
  rank_list (ja_kanji_common, HAN_FIRST, HAN_LAST, 0.25, t->han[CJK_JA]);
  rank_list (hans_common, HAN_FIRST, HAN_LAST, 0.62, t->han[CJK_HANS]);
  rank_list (hant_common, HAN_FIRST, HAN_LAST, 0.62, t->han[CJK_HANT]);

  memset (t->hangul, eighths (-log2 (0.28 / 2350)), sizeof t->hangul);
  rank_list (ko_common, HANGUL_FIRST, HANGUL_LAST, 0.65, t->hangul);

  memset (t->kana, eighths (14), sizeof t->kana);
  rank_list (ja_hiragana_common, KANA_FIRST, KANA_LAST, 0.42, t->kana);
  {
    guint8 katakana[KANA_LAST - KANA_FIRST + 1];

    memset (katakana, 0, sizeof katakana);
    rank_list (ja_katakana_common, KANA_FIRST, KANA_LAST, 0.10, katakana);
    for (guint i = 0; i < G_N_ELEMENTS (katakana); i++)
      if (katakana[i] != 0)
        t->kana[i] = katakana[i];
  }

  return t;
}

static const Tables *
get_tables (void)
{
  static Tables *tables = NULL;

  if (g_once_init_enter (&tables))
    g_once_init_leave (&tables, build_tables ());

  return tables;
}

/* Single-byte readings */

typedef struct
{
  guint mixed;             /* non-Latin letters in words that have ASCII letters */
  guint bare;              /* accented letters in Latin words of 5+ letters, none ASCII */
  guint lone;              /* Latin words of one accented letter */
  guint case_breaks;       /* a capital right after a small letter */
  guint inner_capitals;    /* capitals (not ASCII) after the first letter of a word */
  guint mid_symbols;       /* a symbol between two letters */
  guint stray_marks;       /* a combining mark starting a word */
  guint long_letters;      /* letters past the 20th of a word */
  guint digit_touches;     /* letters (not ASCII) right before or after a digit */
  guint finals_inside;     /* final forms followed by a letter */
  guint finals_not_first;  /* final forms after a letter */
} Features;

typedef struct
{
  guint letters;
  guint ascii;
  guint script;    /* letters not ASCII, of the encoding's script */
} Word;

static void
end_word (const SingleByte *cs,
          Word             *w,
          Features         *f)
{
  if (w->letters > 0)
    {
      if (cs->script == G_UNICODE_SCRIPT_LATIN)
        {
          if (w->ascii == 0 && w->letters >= 5)
            f->bare += w->script;
          if (w->letters == 1 && w->script == 1)
            f->lone++;
        }
      else if (w->ascii > 0)
        f->mixed += w->script;
      if (w->letters > 20)
        f->long_letters += w->letters - 20;
    }
  memset (w, 0, sizeof *w);
}

/* Runs of letters and bytes ≥ 0x80 that hold at least one of the latter. */
static GArray *
find_segments (const guint8 *s,
               gsize         len)
{
  GArray *segments = g_array_new (FALSE, FALSE, sizeof (gsize));
  gsize i = 0;

  while (i < len)
    {
      gsize start;
      gboolean high = FALSE;

      while (i < len && s[i] < 0x80 && !g_ascii_isalpha (s[i]))
        i++;
      start = i;
      while (i < len && (s[i] >= 0x80 || g_ascii_isalpha (s[i])))
        high |= s[i++] >= 0x80;
      if (high)
        {
          g_array_append_val (segments, start);
          g_array_append_val (segments, i);
        }
    }

  return segments;
}

static gboolean
is_high_letter (guint kind)
{
  guint cls = kind & KIND_CLASS_MASK;

  return cls >= KIND_LOWER && cls <= KIND_MARK;
}

static void
scan_words (const SingleByte *cs,
            const guint8     *s,
            gsize             len,
            const GArray     *segments,
            Features         *f)
{
  for (guint n = 0; n < segments->len; n += 2)
    {
      gsize start = g_array_index (segments, gsize, n);
      gsize end = g_array_index (segments, gsize, n + 1);
      Word w = { 0 };
      guint prev = KIND_SEPARATOR;
      gboolean prev_high = FALSE;
      gboolean symbol_after_letter = FALSE;

      if (start > 0 && g_ascii_isdigit (s[start - 1]) && is_high_letter (cs->kind[s[start]]))
        f->digit_touches++;
      if (end < len && g_ascii_isdigit (s[end]) && is_high_letter (cs->kind[s[end - 1]]))
        f->digit_touches++;

      for (gsize i = start; i <= end; i++)
        {
          guint kind = i < end ? cs->kind[s[i]] : KIND_SEPARATOR;
          guint cls = kind & KIND_CLASS_MASK;
          guint prev_cls = prev & KIND_CLASS_MASK;
          gboolean high = i < end && s[i] >= 0x80;

          if (cls >= KIND_ASCII_LETTER && cls <= KIND_MARK)
            {
              if (symbol_after_letter)
                f->mid_symbols++;
              symbol_after_letter = FALSE;

              if (cls == KIND_MARK)
                {
                  if (w.letters == 0)
                    f->stray_marks++;
                }
              else
                {
                  if (cls == KIND_UPPER && prev_cls == KIND_LOWER && (high || prev_high))
                    f->case_breaks++;
                  if (cls == KIND_UPPER && high && w.letters > 0)
                    f->inner_capitals++;
                  if (prev & KIND_FINAL)
                    f->finals_inside++;
                  if ((kind & KIND_FINAL) && w.letters > 0)
                    f->finals_not_first++;
                  w.letters++;
                  if (cls == KIND_ASCII_LETTER)
                    w.ascii++;
                  else if (!(kind & KIND_FOREIGN))
                    w.script++;
                }
            }
          else
            {
              end_word (cs, &w, f);
              symbol_after_letter = (cls == KIND_SYMBOL || cls == KIND_INVALID) &&
                                    prev_cls >= KIND_ASCII_LETTER && prev_cls <= KIND_MARK;
            }

          /* a mark does not hide the letter before it */
          if (cls != KIND_MARK)
            {
              prev = kind;
              prev_high = high;
            }
        }
    }
}

/* What the characters cost, without the word checks: a lower bound. */
static double
letters_cost (const Model *model,
              const guint *histogram)
{
  double total = 0;

  for (guint b = 0; b < 128; b++)
    total += histogram[b] * (double) model->cost[b];

  return total;
}

static double
words_cost (const SingleByte *cs,
            const Model      *model,
            const Features   *f)
{
  guint flags = model->alphabet->flags;
  double total;

  total = f->case_breaks * PENALTY_CASE + f->inner_capitals * PENALTY_CAPITAL +
          f->mid_symbols * PENALTY_MID_SYMBOL + f->stray_marks * PENALTY_STRAY_MARK +
          f->digit_touches * PENALTY_DIGIT;
  if (cs->script == G_UNICODE_SCRIPT_LATIN)
    total += f->bare * PENALTY_BARE + f->lone * PENALTY_LONE;
  else
    total += f->mixed * PENALTY_MIXED;
  if (!(flags & ALPHABET_NO_SPACES))
    total += f->long_letters * PENALTY_LONG;
  if (flags & ALPHABET_FINALS_AT_END)
    total += f->finals_inside * PENALTY_FINAL;
  if (flags & ALPHABET_FINALS_AT_START)
    total += f->finals_not_first * PENALTY_FINAL;

  return total;
}

/* Multi-byte readings */

static guint8
cjk_cost (const Tables *t,
          CjkModel      model,
          gunichar      c)
{
  if (c >= HAN_FIRST && c <= HAN_LAST)
    return t->han[model][c - HAN_FIRST];
  if (c >= HANGUL_FIRST && c <= HANGUL_LAST)
    return model == CJK_KO ? t->hangul[c - HANGUL_FIRST] : eighths (15);
  if (c >= KANA_FIRST && c <= KANA_LAST)
    return model == CJK_JA ? t->kana[c - KANA_FIRST] : eighths (14);
  if ((c >= 0x3400 && c <= 0x4DBF) || (c >= 0xF900 && c <= 0xFAFF) || (c >= 0x20000 && c <= 0x3FFFF))
    return t->han_rare[model];
  if ((c >= 0x3000 && c <= 0x303F) || (c >= 0x2010 && c <= 0x2027) || c == 0x00B7)
    return eighths (6);   /* ideographic punctuation, quotes, dashes, ellipsis */
  if (c >= 0xFF01 && c <= 0xFF5E)
    return g_unichar_isalnum (c) ? eighths (9) : eighths (6);   /* full width */
  if (c >= 0xFF61 && c <= 0xFF9F)
    return model == CJK_JA ? eighths (11) : eighths (14);       /* half-width katakana */
  if (c >= 0x3130 && c <= 0x318F)
    return model == CJK_KO ? eighths (12) : eighths (15);       /* Hangul jamo */
  if (is_invalid (c))
    return eighths (COST_INVALID);
  if (g_unichar_type (c) == G_UNICODE_PRIVATE_USE)
    return eighths (COST_PRIVATE);
  if (g_unichar_isalpha (c))
    return (c >= 0x0370 && c <= 0x04FF) ? eighths (12) : eighths (13);   /* Greek, Cyrillic rows */
  return eighths (11);
}

typedef struct
{
  double costs[2];    /* one per model of the encoding */
  gsize  bytes;       /* read as characters other than ASCII */
} MultiByteScore;

/* Decodes @s with the encoding's decoder and prices what it reads. FALSE when
 * the encoding meets too many invalid sequences to be the one, or when, some way
 * in, it reads so badly (above @give_up bits a byte) that it cannot win. */
static gboolean
score_multi_byte (const Tables   *t,
                  guint           index,
                  const guint8   *s,
                  gsize           len,
                  gboolean        truncated,
                  double          give_up,
                  MultiByteScore *score)
{
  GIConv conv = g_iconv_open ("UCS-4LE", multi_byte_charsets[index].decoder);
  guint n_models = multi_byte_charsets[index].n_models;
  const CjkModel *models = multi_byte_charsets[index].models;
  char *in = (char *) s;
  gsize in_left = len;
  gsize ascii = 0, errors = 0;
  guint costs[2] = { 0, 0 };   /* eighths of a bit */
  guint32 buffer[1024];
  gboolean ok = TRUE;

  memset (score, 0, sizeof *score);
  if (conv == (GIConv) -1)
    return FALSE;

  while (in_left > 0 && ok)
    {
      char *out = (char *) buffer;
      gsize out_left = sizeof buffer;
      gsize r = g_iconv (conv, &in, &in_left, &out, &out_left);
      int saved_errno = errno;
      gsize n_chars = (sizeof buffer - out_left) / sizeof buffer[0];
      gsize read;

      for (gsize i = 0; i < n_chars; i++)
        {
          gunichar c = GUINT32_FROM_LE (buffer[i]);

          if (c < 0x80)
            ascii++;
          else
            for (guint m = 0; m < n_models; m++)
              costs[m] += cjk_cost (t, models[m], c);
        }

      if (r == (gsize) -1 && saved_errno != E2BIG)
        {
          if (saved_errno == EINVAL && truncated)
            break;   /* a character cut by the end of the sample */
          /* a few invalid sequences, then one in fifty bytes at most */
          if (++errors > 4 + (len - in_left) / 50)
            ok = FALSE;
          in++;
          in_left--;
          g_iconv (conv, NULL, NULL, NULL, NULL);
        }

      read = len - in_left;
      if (ok && read - ascii >= FIRST_LOOK)
        {
          double cheapest = MIN (costs[0], n_models > 1 ? costs[1] : costs[0]) / 8.0 + errors * COST_INVALID;

          ok = cheapest / (read - ascii) <= give_up;
        }
    }
  g_iconv_close (conv);
  if (!ok)
    return FALSE;

  score->bytes = (len - in_left) - ascii;
  for (guint m = 0; m < n_models; m++)
    score->costs[m] = costs[m] / 8.0 + errors * COST_INVALID;

  return score->bytes > 0;
}

static gboolean
reads_without_error (const char   *charset,
                     const guint8 *s,
                     gsize         len,
                     gboolean      truncated)
{
  GIConv conv = g_iconv_open ("UTF-8", charset);
  char *in = (char *) s;
  gsize in_left = len;
  gboolean ok = TRUE;
  char buffer[4096];

  if (conv == (GIConv) -1)
    return FALSE;

  while (in_left > 0 && ok)
    {
      char *out = buffer;
      gsize out_left = sizeof buffer;

      if (g_iconv (conv, &in, &in_left, &out, &out_left) == (gsize) -1 && errno != E2BIG)
        {
          if (errno == EINVAL && truncated)
            break;
          ok = FALSE;
        }
    }
  g_iconv_close (conv);

  return ok;
}

/* The narrowest label of the family that reads the sample. */
static const char *
narrow_label (guint         index,
              const guint8 *s,
              gsize         len,
              gboolean      truncated)
{
  const char *name = multi_byte_charsets[index].name;

  if (strcmp (name, "SHIFT_JIS") == 0)
    return reads_without_error ("SHIFT_JIS", s, len, truncated) ? "SHIFT_JIS" : "CP932";
  if (strcmp (name, "GB2312") == 0)
    {
      if (reads_without_error ("GB2312", s, len, truncated))
        return "GB2312";
      return reads_without_error ("GBK", s, len, truncated) ? "GBK" : "GB18030";
    }
  if (strcmp (name, "BIG5") == 0)
    return reads_without_error ("BIG5", s, len, truncated) ? "BIG5" : "BIG5-HKSCS";
  if (strcmp (name, "EUC-KR") == 0)
    return reads_without_error ("EUC-KR", s, len, truncated) ? "EUC-KR" : "CP949";

  return name;
}

/* UTF-8 with some broken bytes */
static double
utf8_cost (const guint8 *s,
           gsize         len,
           gboolean      truncated)
{
  const char *p = (const char *) s, *end = p + len;
  gsize valid = 0, invalid = 0;

  while (p < end)
    {
      const char *bad;

      if (g_utf8_validate_len (p, end - p, &bad))
        bad = end;
      for (const char *q = p; q < bad; q++)
        valid += (guchar) *q >= 0x80;
      if (bad >= end)
        break;
      if (truncated && end - bad < 4 &&
          g_utf8_get_char_validated (bad, end - bad) == (gunichar) -2)
        break;   /* cut by the end of the sample */
      invalid++;
      p = bad + 1;
    }

  return valid * COST_UTF8 + invalid * COST_INVALID;
}

static const char *
iso_2022_charset (const guint8 *s,
                  gsize         len)
{
  for (const guint8 *p = memchr (s, 0x1b, len); p != NULL && p + 3 <= s + len;
       p = memchr (p + 1, 0x1b, s + len - (p + 1)))
    {
      if ((p[1] == '$' && (p[2] == 'B' || p[2] == '@')) ||
          (p + 4 <= s + len && memcmp (p + 1, "$(D", 3) == 0))
        return "ISO-2022-JP";
      if (p + 4 <= s + len && memcmp (p + 1, "$)C", 3) == 0)
        return "ISO-2022-KR";
    }

  return NULL;
}

/* Choosing */

/* A reading: of a single-byte encoding, a multi-byte one, or UTF-8. */
typedef struct
{
  int      single;   /* index in single_byte_charsets, or -1 */
  int      multi;    /* index in multi_byte_charsets, or -1 */
  gboolean utf8;
  double   cost;     /* bits a byte */
} Best;

/* On a tie, the earlier in the tables wins: single-byte encodings, then
 * multi-byte ones, then UTF-8. */
static int
table_order (const Best *reading)
{
  if (reading->single >= 0)
    return reading->single;
  if (reading->multi >= 0)
    return 100 + reading->multi;
  return 200;
}

static gboolean
beats (const Best *best,
       Best        reading)
{
  return reading.cost < best->cost ||
         (reading.cost == best->cost && table_order (&reading) < table_order (best));
}

static void
consider (Best *best,
          Best  reading)
{
  if (beats (best, reading))
    *best = reading;
}

static void
read_single_byte (const Tables   *t,
                  guint           index,
                  const guint8   *s,
                  gsize           n,
                  const GArray   *segments,
                  const double   *letters,
                  gsize           n_high,
                  Best           *best)
{
  const SingleByte *cs = &t->single[index];
  Features f = { 0 };

  if (!cs->usable)
    return;
  scan_words (cs, s, n, segments, &f);
  for (guint m = 0; m < cs->n_models; m++)
    consider (best, (Best) { .single = (int) index, .multi = -1,
                             .cost = letters[m] + words_cost (cs, &cs->models[m], &f) / n_high });
}

/* A first look at the start of the sample for each encoding, then the whole
 * sample for those that look close to the best, cheapest first. */
static void
read_multi_byte (const Tables *t,
                 const guint8 *s,
                 gsize         n,
                 gboolean      truncated,
                 Best         *best)
{
  double first_look[N_MULTI_BYTE];
  guint order[N_MULTI_BYTE];
  gsize look = 0;

  for (gsize high = 0; look < n && high < FIRST_LOOK; look++)
    high += s[look] >= 0x80;

  for (guint i = 0; i < N_MULTI_BYTE; i++)
    {
      MultiByteScore score;

      first_look[i] = G_MAXDOUBLE;
      order[i] = i;
      if (score_multi_byte (t, i, s, look, truncated || look < n, G_MAXDOUBLE, &score))
        for (guint m = 0; m < multi_byte_charsets[i].n_models; m++)
          first_look[i] = MIN (first_look[i], score.costs[m] / score.bytes);
    }
  for (guint i = 1; i < N_MULTI_BYTE; i++)
    for (guint j = i; j > 0 && first_look[order[j]] < first_look[order[j - 1]]; j--)
      {
        guint swap = order[j];

        order[j] = order[j - 1];
        order[j - 1] = swap;
      }

  for (guint k = 0; k < N_MULTI_BYTE; k++)
    {
      guint i = order[k];
      MultiByteScore score;

      if (first_look[i] > best->cost + GIVE_UP ||
          !score_multi_byte (t, i, s, n, truncated, best->cost + GIVE_UP, &score))
        continue;
      for (guint m = 0; m < multi_byte_charsets[i].n_models; m++)
        consider (best, (Best) { .single = -1, .multi = (int) i, .cost = score.costs[m] / score.bytes });
    }
}

/**
 * _attache_charset_guess:
 * @data: bytes of text in an unknown encoding
 * @len: their length
 *
 * Guesses the encoding of @data, which declares none.
 *
 * Returns: a name that iconv knows: "UTF-8" for text that is valid UTF-8
 *   (ASCII included), "WINDOWS-1252" when nothing reads the text clearly
 *   better. For a multi-byte encoding, the narrowest label that reads the
 *   first 64 KiB; decode with _attache_charset_decoder () of it, which also
 *   reads the extensions.
 */
const char *
_attache_charset_guess (const guint8 *data,
                        gsize         len)
{
  const Tables *t;
  const guint8 *s;
  gsize start = 0, n, n_high = 0;
  gboolean truncated;
  guint histogram[128] = { 0 };
  g_autoptr(GArray) segments = NULL;
  Best best = { .single = -1, .multi = -1, .cost = G_MAXDOUBLE };
  double letters[N_SINGLE_BYTE][MAX_LANGUAGES];
  double lower[N_SINGLE_BYTE];
  guint order[N_SINGLE_BYTE];
  double cost_1252 = G_MAXDOUBLE;
  const char *guess;

  g_return_val_if_fail (data != NULL || len == 0, "WINDOWS-1252");

  if (len == 0)
    return "UTF-8";
  while (start < len && data[start] < 0x80)
    start++;
  if (start == len)
    {
      const char *iso = iso_2022_charset (data, MIN (len, (gsize) SAMPLE_MAX));

      return iso != NULL ? iso : "UTF-8";
    }
  if (g_utf8_validate_len ((const char *) data, len, NULL))
    return "UTF-8";

  /* the sample: from the word of the first byte ≥ 0x80 */
  for (gsize back = 0; back < 64 && start > 0 && g_ascii_isalpha (data[start - 1]); back++)
    start--;
  s = data + start;
  n = MIN (len - start, (gsize) SAMPLE_MAX);
  truncated = start + n < len;
  for (gsize i = 0; i < n; i++)
    if (s[i] >= 0x80)
      {
        histogram[s[i] - 0x80]++;
        n_high++;
      }

  t = get_tables ();
  segments = find_segments (s, n);

  /* Windows-1252 first, as the reading to beat, and the single-byte encoding
   * whose letters cost least; then the multi-byte encodings; then the other
   * single-byte ones, skipping those whose letters alone cost more than the
   * best reading so far (the word checks only add to that). */
  for (guint i = 0; i < N_SINGLE_BYTE; i++)
    {
      const SingleByte *cs = &t->single[i];

      lower[i] = G_MAXDOUBLE;
      order[i] = i;
      for (guint m = 0; cs->usable && m < cs->n_models; m++)
        {
          letters[i][m] = letters_cost (&cs->models[m], histogram) / n_high;
          lower[i] = MIN (lower[i], letters[i][m]);
        }
    }
  for (guint i = 2; i < N_SINGLE_BYTE; i++)   /* cheapest first; Windows-1252 stays first */
    for (guint j = i; j > 1 && lower[order[j]] < lower[order[j - 1]]; j--)
      {
        guint swap = order[j];

        order[j] = order[j - 1];
        order[j - 1] = swap;
      }

  read_single_byte (t, WINDOWS_1252, s, n, segments, letters[WINDOWS_1252], n_high, &best);
  cost_1252 = best.cost;
  for (guint k = 1; k < N_SINGLE_BYTE; k++)
    {
      guint i = order[k];

      if (k == 2)
        read_multi_byte (t, s, n, truncated, &best);
      if (t->single[i].usable && lower[i] <= IMPLAUSIBLE &&
          beats (&best, (Best) { .single = (int) i, .multi = -1, .cost = lower[i] }))
        read_single_byte (t, i, s, n, segments, letters[i], n_high, &best);
    }

  consider (&best, (Best) { .single = -1, .multi = -1, .utf8 = TRUE, .cost = utf8_cost (s, n, truncated) / n_high });

  if (best.single == WINDOWS_1252 ||
      cost_1252 - best.cost < MARGIN_PER_BYTE || (cost_1252 - best.cost) * n_high < MARGIN_TOTAL ||
      best.cost > IMPLAUSIBLE)
    guess = "WINDOWS-1252";
  else if (best.utf8)
    guess = "UTF-8";
  else if (best.multi >= 0)
    guess = narrow_label ((guint) best.multi, s, n, truncated);
  else if (strcmp (t->single[best.single].name, "WINDOWS-874") == 0)
    {
      gboolean c1 = FALSE;   /* TIS-620 leaves 0x80–0x9F undefined */

      for (guint b = 0; b < 0x20; b++)
        c1 |= histogram[b] > 0;
      guess = c1 ? "WINDOWS-874" : "TIS-620";
    }
  else
    guess = t->single[best.single].name;

  g_debug ("%s: %.2f bits a byte, Windows-1252 %.2f, %" G_GSIZE_FORMAT " bytes from 0x80",
           guess, best.cost, cost_1252, n_high);

  return guess;
}

/**
 * _attache_charset_decoder:
 * @charset: a name _attache_charset_guess () returned
 *
 * Returns: the encoding to decode text guessed as @charset with: a superset
 *   that reads every byte sequence @charset defines the same way, and the
 *   vendor extensions too.
 */
const char *
_attache_charset_decoder (const char *charset)
{
  static const struct { const char *label; const char *decoder; } supersets[] = {
    { "GB2312", "GB18030" }, { "GBK", "GB18030" }, { "EUC-KR", "CP949" },
    { "SHIFT_JIS", "CP932" }, { "BIG5", "BIG5-HKSCS" }, { "TIS-620", "WINDOWS-874" },
  };

  g_return_val_if_fail (charset != NULL, "WINDOWS-1252");

  for (guint i = 0; i < G_N_ELEMENTS (supersets); i++)
    if (g_ascii_strcasecmp (charset, supersets[i].label) == 0)
      return supersets[i].decoder;

  return charset;
}
