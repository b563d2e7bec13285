package bench

import (
	"math/rand/v2"
	"strings"

	"codeberg.org/habeas/habeas"
)

// The names of people: Azerbaijani in Latin script, Russian and
// Belarusian in Cyrillic, each with its patronymic, its female forms and
// the other spellings a case file collects (English press, passports,
// Russian-language documents, diacritics lost on a keyboard).

// namePair is a name in its own language (Azerbaijani, Belarusian) with
// its usual Russian spelling.
type namePair struct{ local, ru string }

var (
	azMale = []namePair{
		{"Elvin", "Эльвин"}, {"Əli", "Али"}, {"Tofiq", "Тофик"}, {"Rəşad", "Рашад"}, {"Orxan", "Орхан"},
		{"Tural", "Турал"}, {"Vüqar", "Вугар"}, {"Elçin", "Эльчин"}, {"İlqar", "Ильгар"}, {"Anar", "Анар"},
		{"Rauf", "Рауф"}, {"Mübariz", "Мубариз"}, {"Səməd", "Самед"}, {"Fərid", "Фарид"}, {"Cavid", "Джавид"},
		{"Namiq", "Намик"}, {"Şahin", "Шахин"}, {"Elnur", "Эльнур"}, {"Ramil", "Рамиль"}, {"Kamran", "Камран"},
		{"Nicat", "Ниджат"}, {"Emin", "Эмин"}, {"Ülvi", "Ульви"}, {"Bəxtiyar", "Бахтияр"}, {"İlkin", "Илькин"},
		{"Zaur", "Заур"}, {"Toğrul", "Тогрул"}, {"Əfqan", "Афган"}, {"Nurlan", "Нурлан"}, {"Həbib", "Габиб"},
		{"Elşən", "Эльшан"}, {"Mahir", "Махир"}, {"Azər", "Азер"}, {"Teymur", "Теймур"}, {"Seymur", "Сеймур"},
		{"Ceyhun", "Джейхун"}, {"Rüfət", "Руфат"}, {"Fuad", "Фуад"}, {"İqbal", "Игбал"}, {"Əziz", "Азиз"},
		{"Aykhan", "Айхан"}, {"Mühyəddin", "Мухиддин"}, {"Əfəddin", "Афиеддин"}, {"Qabil", "Габиль"}, {"Ömər", "Омар"},
	}
	azFemale = []namePair{
		{"Günel", "Гюнель"}, {"Aynur", "Айнур"}, {"Leyla", "Лейла"}, {"Sevinc", "Севиндж"}, {"Nərgiz", "Наргиз"},
		{"Xədicə", "Хадиджа"}, {"Aytən", "Айтен"}, {"Ülkər", "Улькер"}, {"Könül", "Кёнюль"}, {"Şəbnəm", "Шабнам"},
		{"Gülnarə", "Гюльнара"}, {"Lalə", "Лала"}, {"Səbinə", "Сабина"}, {"Fidan", "Фидан"}, {"Nigar", "Нигяр"},
		{"Arzu", "Арзу"}, {"Aygün", "Айгюн"}, {"Zəhra", "Захра"}, {"Məleykə", "Малейка"}, {"Şəhla", "Шахла"},
		{"Sevda", "Севда"}, {"Aytac", "Айтадж"}, {"Ülviyyə", "Ульвия"}, {"Nərmin", "Нармин"}, {"Elnarə", "Эльнара"},
	}
	// azSurnames are male forms; the female form adds "a" in both scripts,
	// except for the invariable ones (-zadə, -li).
	azSurnames = []namePair{
		{"Məmmədov", "Мамедов"}, {"Əliyev", "Алиев"}, {"Hüseynov", "Гусейнов"}, {"Həsənov", "Гасанов"},
		{"Quliyev", "Кулиев"}, {"İsmayılov", "Исмаилов"}, {"Abbasov", "Аббасов"}, {"Cəfərov", "Джафаров"},
		{"Rəhimov", "Рагимов"}, {"Mustafayev", "Мустафаев"}, {"Orucov", "Оруджев"}, {"İsrafilov", "Исрафилов"},
		{"Süleymanov", "Сулейманов"}, {"Bağırov", "Багиров"}, {"Nəsirov", "Насиров"}, {"Əhmədov", "Ахмедов"},
		{"Qasımov", "Касимов"}, {"Vəliyev", "Велиев"}, {"Kərimov", "Керимов"}, {"Sadıqov", "Садыгов"},
		{"Musayev", "Мусаев"}, {"Babayev", "Бабаев"}, {"Səfərov", "Сафаров"}, {"Zeynalov", "Зейналов"},
		{"Hacıyev", "Гаджиев"}, {"Rzayev", "Рзаев"}, {"Əsgərov", "Аскеров"}, {"Novruzov", "Новрузов"},
		{"Tağıyev", "Тагиев"}, {"Paşayev", "Пашаев"}, {"Qurbanov", "Курбанов"}, {"Ağayev", "Агаев"},
		{"Əzizov", "Азизов"}, {"Mirzəyev", "Мирзоев"}, {"Nağıyev", "Нагиев"}, {"Bayramov", "Байрамов"},
		{"Şükürov", "Шукюров"}, {"Rüstəmov", "Рустамов"}, {"Ələkbərov", "Алекперов"}, {"Sultanov", "Султанов"},
		{"Yusifov", "Юсифов"}, {"Dadaşov", "Дадашов"}, {"Aslanov", "Асланов"}, {"Cəlilov", "Джалилов"},
		{"Muradov", "Мурадов"}, {"Xəlilov", "Халилов"}, {"Hümbətov", "Гумбатов"}, {"Şirinov", "Ширинов"},
		{"Məhərrəmov", "Магеррамов"}, {"Çobanov", "Чобанов"}, {"Ömərov", "Омаров"}, {"Qədirov", "Кадыров"},
		{"Əlizadə", "Ализаде"}, {"Hüseynli", "Гусейнли"}, {"Məmmədli", "Мамедли"}, {"Yaqublu", "Ягублу"},
	}
)

// ruGiven is a Russian given name with the patronymics it gives children.
type ruGiven struct{ name, sonOf, daughterOf string }

var (
	ruMale = []ruGiven{
		{"Алексей", "Алексеевич", "Алексеевна"}, {"Дмитрий", "Дмитриевич", "Дмитриевна"},
		{"Сергей", "Сергеевич", "Сергеевна"}, {"Андрей", "Андреевич", "Андреевна"},
		{"Михаил", "Михайлович", "Михайловна"}, {"Николай", "Николаевич", "Николаевна"},
		{"Иван", "Иванович", "Ивановна"}, {"Павел", "Павлович", "Павловна"},
		{"Владимир", "Владимирович", "Владимировна"}, {"Игорь", "Игоревич", "Игоревна"},
		{"Евгений", "Евгеньевич", "Евгеньевна"}, {"Олег", "Олегович", "Олеговна"},
		{"Максим", "Максимович", "Максимовна"}, {"Илья", "Ильич", "Ильинична"},
		{"Юрий", "Юрьевич", "Юрьевна"}, {"Григорий", "Григорьевич", "Григорьевна"},
		{"Борис", "Борисович", "Борисовна"}, {"Роман", "Романович", "Романовна"},
		{"Кирилл", "Кириллович", "Кирилловна"}, {"Артём", "Артёмович", "Артёмовна"},
		{"Фёдор", "Фёдорович", "Фёдоровна"}, {"Виктор", "Викторович", "Викторовна"},
	}
	ruFemale = []string{
		"Анна", "Мария", "Елена", "Ольга", "Татьяна", "Наталья", "Екатерина", "Ирина", "Светлана",
		"Юлия", "Дарья", "Ксения", "Алёна", "Вера", "Людмила", "Софья", "Надежда", "Евгения",
	}
	ruSurnames = []string{
		"Иванов", "Смирнов", "Кузнецов", "Попов", "Соколов", "Лебедев", "Козлов", "Новиков", "Морозов",
		"Петров", "Волков", "Соловьёв", "Васильев", "Зайцев", "Павлов", "Семёнов", "Голубев", "Виноградов",
		"Богданов", "Воробьёв", "Фёдоров", "Михайлов", "Беляев", "Тарасов", "Белов", "Комаров", "Орлов",
		"Киселёв", "Макаров", "Андреев", "Ковалёв", "Ильин", "Гусев", "Титов", "Кузьмин", "Кудрявцев",
		"Баранов", "Куликов", "Алексеев", "Степанов", "Яковлев", "Сорокин", "Сергеев", "Романов",
		"Захаров", "Борисов", "Королёв", "Герасимов", "Пономарёв", "Григорьев", "Покровский", "Жуковский",
		"Вишневский", "Толстой", "Черных", "Седых", "Шевчук", "Кара-Мурза", "Гордеев", "Жданов",
	}
)

// byGiven is a Belarusian given name with its Russian form and the
// patronymics it gives, in Belarusian and in Russian.
type byGiven struct{ be, ru, beSon, beDaughter, ruSon, ruDaughter string }

var (
	byMale = []byGiven{
		{"Аляксандр", "Александр", "Аляксандравіч", "Аляксандраўна", "Александрович", "Александровна"},
		{"Алесь", "Алесь", "Алесевіч", "Алесеўна", "Алесевич", "Алесевна"},
		{"Зміцер", "Дмитрий", "Зміцеравіч", "Зміцераўна", "Дмитриевич", "Дмитриевна"},
		{"Андрэй", "Андрей", "Андрэевіч", "Андрэеўна", "Андреевич", "Андреевна"},
		{"Павал", "Павел", "Паўлавіч", "Паўлаўна", "Павлович", "Павловна"},
		{"Ігар", "Игорь", "Ігаравіч", "Ігараўна", "Игоревич", "Игоревна"},
		{"Мікалай", "Николай", "Мікалаевіч", "Мікалаеўна", "Николаевич", "Николаевна"},
		{"Сяргей", "Сергей", "Сяргеевіч", "Сяргееўна", "Сергеевич", "Сергеевна"},
		{"Уладзімір", "Владимир", "Уладзіміравіч", "Уладзіміраўна", "Владимирович", "Владимировна"},
		{"Віктар", "Виктор", "Віктаравіч", "Віктараўна", "Викторович", "Викторовна"},
		{"Максім", "Максим", "Максімавіч", "Максімаўна", "Максимович", "Максимовна"},
		{"Міхаіл", "Михаил", "Міхайлавіч", "Міхайлаўна", "Михайлович", "Михайловна"},
		{"Васіль", "Василий", "Васілевіч", "Васілеўна", "Васильевич", "Васильевна"},
		{"Юрый", "Юрий", "Юр'евіч", "Юр'еўна", "Юрьевич", "Юрьевна"},
		{"Раман", "Роман", "Раманавіч", "Раманаўна", "Романович", "Романовна"},
		{"Аляксей", "Алексей", "Аляксеевіч", "Аляксееўна", "Алексеевич", "Алексеевна"},
		{"Антон", "Антон", "Антонавіч", "Антонаўна", "Антонович", "Антоновна"},
		{"Ян", "Ян", "Янавіч", "Янаўна", "Янович", "Яновна"},
	}
	byFemale = []namePair{ // Belarusian form, Russian form
		{"Вольга", "Ольга"}, {"Марыя", "Мария"}, {"Ганна", "Анна"}, {"Святлана", "Светлана"},
		{"Алена", "Елена"}, {"Наталля", "Наталья"}, {"Таццяна", "Татьяна"}, {"Кацярына", "Екатерина"},
		{"Ірына", "Ирина"}, {"Юлія", "Юлия"}, {"Марына", "Марина"}, {"Дар'я", "Дарья"},
		{"Людміла", "Людмила"}, {"Ксенія", "Ксения"}, {"Алеся", "Олеся"}, {"Вікторыя", "Виктория"},
	}
	// bySurnames are male forms, Belarusian and Russian.
	bySurnames = []namePair{
		{"Ціханоўскі", "Тихановский"}, {"Бяляцкі", "Беляцкий"}, {"Лукашук", "Лукашук"}, {"Казлоў", "Козлов"},
		{"Кавалёў", "Ковалёв"}, {"Лосік", "Лосик"}, {"Шпакоўскі", "Шпаковский"}, {"Мароз", "Мороз"},
		{"Жукоўскі", "Жуковский"}, {"Бабарыка", "Бабарико"}, {"Калеснікаў", "Колесников"}, {"Навіцкі", "Новицкий"},
		{"Статкевіч", "Статкевич"}, {"Пашкевіч", "Пашкевич"}, {"Ярашэвіч", "Ярошевич"}, {"Кузьміч", "Кузьмич"},
		{"Сідарэнка", "Сидоренко"}, {"Раманенка", "Романенко"}, {"Лапцёнак", "Лаптёнок"}, {"Дашкевіч", "Дашкевич"},
		{"Скуратовіч", "Скуратович"}, {"Чарнышоў", "Чернышов"}, {"Валодзін", "Володин"}, {"Сарокін", "Сорокин"},
		{"Грыневіч", "Гриневич"}, {"Шыманскі", "Шиманский"}, {"Лявонаў", "Леонов"}, {"Мацкевіч", "Мацкевич"},
	}
)

// genPersonNames returns the names of a person of the given country and
// gender: the primary name first, then its other forms.
func genPersonNames(r *rand.Rand, country, gender string) []habeas.PersonName {
	female := gender == "female"
	var ns nameSet
	switch country {
	case "AZ":
		ns = azNames(r, female)
	case "BY":
		ns = byNames(r, female)
	default:
		ns = ruNames(r, female)
	}
	if chance(r, 0.03) {
		// a name used in hiding or online, known to staff only
		v := habeas.Internal
		if chance(r, 0.4) {
			v = habeas.Confidential
		}
		ns.add(ns.hidden, habeas.NameAlias, "", "", v)
	}
	return ns.names
}

// nameSet collects the distinct names of one person.
type nameSet struct {
	names  []habeas.PersonName
	hidden string // a plausible other name, for an alias kept from the public
}

func (s *nameSet) add(name string, kind habeas.NameKind, script, lang string, v habeas.Visibility) {
	if name == "" {
		return
	}
	for _, n := range s.names {
		if n.Name == name {
			return
		}
	}
	s.names = append(s.names, habeas.PersonName{Name: name, Kind: kind, Script: script, Lang: lang, Visibility: v})
}

func azNames(r *rand.Rand, female bool) nameSet {
	father := pick(r, azMale)
	sur := pick(r, azSurnames)
	var given namePair
	child := "oğlu"
	ruChild := "оглы"
	if female {
		given, child, ruChild = pick(r, azFemale), "qızı", "кызы"
		if !azInvariable(sur.local) {
			sur = namePair{sur.local + "a", sur.ru + "а"}
		}
	} else {
		given = pick(r, azMale)
	}
	var s nameSet
	primary := given.local + " " + sur.local
	s.add(primary, habeas.NamePrimary, "Latn", "az", habeas.Public)
	s.add(azToEnglish(primary), habeas.NameTransliteration, "Latn", "en", habeas.Public)
	s.add(given.ru+" "+sur.ru, habeas.NameTransliteration, "Cyrl", "ru", habeas.Public)
	if chance(r, 0.5) {
		s.add(sur.local+" "+given.local+" "+father.local+" "+child, habeas.NameAlias, "Latn", "az", habeas.Public)
	}
	if chance(r, 0.25) {
		s.add(sur.ru+" "+given.ru+" "+father.ru+" "+ruChild, habeas.NameAlias, "Cyrl", "ru", habeas.Public)
	}
	if chance(r, 0.2) {
		s.add(azToASCII(primary), habeas.NameTransliteration, "Latn", "", habeas.Public)
	}
	s.hidden = given.local + " " + pick(r, azSurnames).local
	return s
}

func azInvariable(surname string) bool {
	return strings.HasSuffix(surname, "zadə") || strings.HasSuffix(surname, "li") ||
		strings.HasSuffix(surname, "lı") || strings.HasSuffix(surname, "lu") || strings.HasSuffix(surname, "lü")
}

func ruNames(r *rand.Rand, female bool) nameSet {
	father := pick(r, ruMale)
	sur := pick(r, ruSurnames)
	var given, patronymic string
	if female {
		given, patronymic, sur = pick(r, ruFemale), father.daughterOf, cyrFemale(sur)
	} else {
		g := pick(r, ruMale)
		given, patronymic = g.name, father.sonOf
	}
	var s nameSet
	primary := given + " " + sur
	s.add(primary, habeas.NamePrimary, "Cyrl", "ru", habeas.Public)
	s.add(ruToLatin(primary, false), habeas.NameTransliteration, "Latn", "en", habeas.Public)
	if chance(r, 0.5) {
		s.add(ruToLatin(primary, true), habeas.NameTransliteration, "Latn", "en", habeas.Public)
	}
	if strings.ContainsRune(primary, 'ё') {
		s.add(strings.ReplaceAll(primary, "ё", "е"), habeas.NameTransliteration, "Cyrl", "ru", habeas.Public)
	}
	if chance(r, 0.6) {
		s.add(sur+" "+given+" "+patronymic, habeas.NameAlias, "Cyrl", "ru", habeas.Public)
	}
	if female && chance(r, 0.15) {
		s.add(given+" "+cyrFemale(pick(r, ruSurnames)), habeas.NameAlias, "Cyrl", "ru", habeas.Public) // maiden name
	}
	s.hidden = given + " " + pick(r, ruSurnames)
	return s
}

func byNames(r *rand.Rand, female bool) nameSet {
	father := pick(r, byMale)
	sur := pick(r, bySurnames)
	var be, ru, bePat, ruPat string
	if female {
		g := pick(r, byFemale)
		be, ru, bePat, ruPat = g.local, g.ru, father.beDaughter, father.ruDaughter
		sur = namePair{cyrFemale(sur.local), cyrFemale(sur.ru)}
	} else {
		g := pick(r, byMale)
		be, ru, bePat, ruPat = g.be, g.ru, father.beSon, father.ruSon
	}
	beName, ruName := be+" "+sur.local, ru+" "+sur.ru
	var s nameSet
	// Belarusian groups write mostly in Belarusian, official records in Russian.
	if chance(r, 0.6) {
		s.add(beName, habeas.NamePrimary, "Cyrl", "be", habeas.Public)
		s.add(ruName, habeas.NameTransliteration, "Cyrl", "ru", habeas.Public)
	} else {
		s.add(ruName, habeas.NamePrimary, "Cyrl", "ru", habeas.Public)
		s.add(beName, habeas.NameTransliteration, "Cyrl", "be", habeas.Public)
	}
	s.add(beToLatin(beName), habeas.NameTransliteration, "Latn", "en", habeas.Public)
	if chance(r, 0.4) {
		s.add(ruToLatin(ruName, false), habeas.NameTransliteration, "Latn", "en", habeas.Public)
	}
	if chance(r, 0.5) {
		s.add(sur.ru+" "+ru+" "+ruPat, habeas.NameAlias, "Cyrl", "ru", habeas.Public)
	}
	if chance(r, 0.3) {
		s.add(sur.local+" "+be+" "+bePat, habeas.NameAlias, "Cyrl", "be", habeas.Public)
	}
	s.hidden = be + " " + pick(r, bySurnames).local
	return s
}

// cyrFemale gives the female form of a Russian or Belarusian surname;
// surnames without one (Шевчук, Черных, Бабарыка) stay as they are.
func cyrFemale(s string) string {
	for _, e := range []struct{ m, f string }{
		{"ский", "ская"}, {"цкий", "цкая"}, {"скі", "ская"}, {"цкі", "цкая"}, {"ой", "ая"},
		{"оў", "ова"}, {"еў", "ева"}, {"ёў", "ёва"},
		{"ов", "ова"}, {"ев", "ева"}, {"ёв", "ёва"}, {"ин", "ина"}, {"ын", "ына"}, {"ін", "іна"}, {"шоў", "шова"},
	} {
		if strings.HasSuffix(s, e.m) {
			return strings.TrimSuffix(s, e.m) + e.f
		}
	}
	return s
}

// azToEnglish writes an Azerbaijani name the way the English-language
// press does: Məmmədov → Mammadov, Cəfərov → Jafarov, Xədicə → Khadija.
var azToEnglish = strings.NewReplacer(
	"ə", "a", "Ə", "A", "ş", "sh", "Ş", "Sh", "ç", "ch", "Ç", "Ch", "ğ", "gh", "Ğ", "Gh",
	"ı", "i", "İ", "I", "ö", "o", "Ö", "O", "ü", "u", "Ü", "U", "x", "kh", "X", "Kh",
	"q", "g", "Q", "G", "c", "j", "C", "J",
).Replace

// azToASCII drops the diacritics, as a keyboard without them does:
// Məmmədov → Memmedov, Rəşad → Resad.
var azToASCII = strings.NewReplacer(
	"ə", "e", "Ə", "E", "ş", "s", "Ş", "S", "ç", "c", "Ç", "C", "ğ", "g", "Ğ", "G",
	"ı", "i", "İ", "I", "ö", "o", "Ö", "O", "ü", "u", "Ü", "U",
).Replace

// ruToLatin romanises a Russian name: the English-press style (Aleksey,
// Dmitry, Solovyov), or with passport set the style of Russian passports
// (Aleksei, Dmitrii, Solovev, Iuliia).
func ruToLatin(s string, passport bool) string {
	var b strings.Builder
	rs := []rune(s)
	for i := 0; i < len(rs); i++ {
		c := rs[i]
		lower := toLowerCyr(c)
		upper := lower != c
		prev := rune(0)
		if i > 0 {
			prev = toLowerCyr(rs[i-1])
		}
		wordStart := prev == 0 || prev == ' ' || prev == '-'
		var t string
		switch lower {
		case 'и', 'ы':
			t = "y"
			if lower == 'и' {
				t = "i"
			}
			if !passport && i+1 < len(rs) && rs[i+1] == 'й' && wordEnd(rs, i+2) {
				t, i = "y", i+1 // Дмитрий → Dmitry, Покровский → Pokrovsky
			}
		case 'е':
			t = "e"
			if !passport && (wordStart || isCyrVowel(prev) || prev == 'ь' || prev == 'ъ') {
				t = "ye"
			}
		case 'ё':
			t = "yo"
			if passport {
				t = "e"
			}
		case 'й':
			t = "y"
			if passport {
				t = "i"
			}
		case 'ю':
			t = "yu"
			if passport {
				t = "iu"
			}
		case 'я':
			t = "ya"
			if passport {
				t = "ia"
			}
		case 'ъ':
			if passport {
				t = "ie"
			}
		default:
			t = cyrOther(c, lower)
		}
		writeCased(&b, t, upper)
	}
	return b.String()
}

// wordEnd reports whether position i of rs is the end of a word.
func wordEnd(rs []rune, i int) bool { return i == len(rs) || rs[i] == ' ' || rs[i] == '-' }

// cyrOther romanises a letter the two styles write alike, and keeps
// anything that is not a Cyrillic letter (spaces, hyphens).
func cyrOther(c, lower rune) string {
	if t, ok := cyrCommon[lower]; ok {
		return t
	}
	if isCyrLetter(lower) {
		return ""
	}
	return string(c)
}

// beToLatin romanises a Belarusian name in the style of Belarusian
// passports and the press: Ціханоўская → Tsikhanouskaya, Бяляцкі →
// Bialiatski, Аляксандр → Aliaksandr.
func beToLatin(s string) string {
	var b strings.Builder
	rs := []rune(s)
	for i, c := range rs {
		lower := toLowerCyr(c)
		upper := lower != c
		prev := rune(0)
		if i > 0 {
			prev = toLowerCyr(rs[i-1])
		}
		soft := prev != 0 && prev != ' ' && prev != '-' && prev != '\'' && !isCyrVowel(prev) && prev != 'ў' && prev != 'ь'
		var t string
		switch lower {
		case 'г':
			t = "h"
		case 'е':
			t = "ye"
			if soft {
				t = "ie"
			}
		case 'ё':
			t = "yo"
			if soft {
				t = "io"
			}
		case 'ю':
			t = "yu"
			if soft {
				t = "iu"
			}
		case 'я':
			t = "ya"
			if soft {
				t = "ia"
			}
		case 'й', 'і':
			t = "i"
		case 'ў':
			t = "u"
		case '\'':
		default:
			t = cyrOther(c, lower)
		}
		writeCased(&b, t, upper)
	}
	return b.String()
}

var cyrCommon = map[rune]string{
	'а': "a", 'б': "b", 'в': "v", 'г': "g", 'д': "d", 'ж': "zh", 'з': "z", 'к': "k", 'л': "l", 'м': "m",
	'н': "n", 'о': "o", 'п': "p", 'р': "r", 'с': "s", 'т': "t", 'у': "u", 'ф': "f", 'х': "kh", 'ц': "ts",
	'ч': "ch", 'ш': "sh", 'щ': "shch", 'ы': "y", 'ь': "", 'э': "e", 'і': "i", 'ў': "u",
}

func writeCased(b *strings.Builder, t string, upper bool) {
	if upper && t != "" {
		b.WriteString(strings.ToUpper(t[:1]))
		b.WriteString(t[1:])
		return
	}
	b.WriteString(t)
}

func toLowerCyr(c rune) rune {
	switch {
	case c >= 'А' && c <= 'Я':
		return c + 32
	case c == 'Ё':
		return 'ё'
	case c == 'І':
		return 'і'
	case c == 'Ў':
		return 'ў'
	}
	return c
}

func isCyrLetter(c rune) bool { return c >= 'а' && c <= 'я' || c == 'ё' || c == 'і' || c == 'ў' }

func isCyrVowel(c rune) bool { return strings.ContainsRune("аеёиоуыэюяі", c) }
