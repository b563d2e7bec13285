package names

import "strings"

// givenNameTable lists given names whose Russian, Belarusian, Ukrainian (and
// for some, Azerbaijani, Georgian or Western) forms differ by more than
// spelling: Ihar/Igor, Mikalai/Mykola/Nikolai, Hanna/Anna, Volha/Olga. One
// line per name: an ASCII id (also used in blocking keys, so keep ids stable),
// the gender (m or f), then forms in any script. Forms that fold to the same
// codes as another form need not be listed, but listing them does no harm.
//
// Names are kept apart from their other-gender forms (Aleksandr,
// Aleksandra) and from look-alikes that are other names (Ilham, Ilgar;
// Rashad, Rashid).
const givenNameTable = `
aleksandr m Aleksandr Alexander Aleksander Alexandr Oleksandr Olexandr Oleksander Aliaksandr Alaksandr Aljaksandr Alyaksandr Aliaksandar Aleksandar Alexandre Ales Aleś Александр Олександр Аляксандр Алесь Alexandros
aleksandra f Aleksandra Alexandra Oleksandra Aliaksandra Alaksandra Aljaksandra Александра Олександра Аляксандра
aleksei m Aleksei Alexei Alexey Aleksey Aleksej Alexej Oleksii Oleksiy Oleksij Olexiy Aliaksei Alaksiej Aliaksej Aljaksej Alyaksei Алексей Олексій Аляксей
anatoli m Anatoli Anatoly Anatolii Anatoliy Anatolij Anatol Анатолий Анатолій Анатоль
anastasia f Anastasia Anastasiya Anastasiia Anastassia Nastassia Nastasia Анастасия Анастасія Настасся
andrei m Andrei Andrey Andrej Andrii Andriy Andrij Andrzej Andrew Andriej Андрей Андрій Андрэй Anjey Andżej Andžej
anna f Anna Hanna Ganna Анна Ганна
arina f Arina Aryna Арина Арына
artem m Artem Artyom Artiom Artsiom Artsem Артём Артем Арцём
boris m Boris Barys Borys Борис Барыс
vadim m Vadim Vadym Vadzim Вадим Вадзім
valentin m Valentin Valentyn Valiantsin Valancin Walentin Валентин Валянцін
valentina f Valentina Valentyna Valiantsina Валентина Валянціна
valeri m Valeri Valery Valerii Valeriy Valerij Valer Waleri Валерий Валерій Валер Валерый
valeria f Valeria Valeriya Valeriia Valeryia Валерия Валерія Валерыя
vasili m Vasili Vasily Vasilii Vasiliy Vasilij Vasyl Vasil Wassili Василий Василь Васіль
vera f Vera Viera Wiera Vira Вера Віра
viktor m Viktor Victor Viktar Wiktor Виктор Віктор Віктар
viktoria f Viktoria Victoria Viktoriya Viktoriia Viktoryia Viktoryja Wiktoria Виктория Вікторія Вікторыя
vitali m Vitali Vitaly Vitalii Vitaliy Vitalij Vital Witali Виталий Віталій Віталь
vladimir m Vladimir Volodymyr Uladzimir Wladimir Wolodymyr Uladzimier Włodzimierz Vladimer Владимир Володимир Уладзімір
vladislav m Vladislav Vladyslav Uladzislau Uladzislaŭ Wladislaw Владислав Уладзіслаў
vyacheslav m Vyacheslav Viacheslav Viachaslau Viačaslaŭ Wjatscheslaw Вячеслав Вячаслаў
gennadi m Gennadi Gennady Gennadiy Gennadij Hennadii Hennadiy Henadz Hienadz Hienadź Геннадий Геннадій Генадзь
georgi m Georgi Georgy Georgii Georgiy Georgij Heorhii Heorhiy Giorgi Gieorgij Heorhi Георгий Георгій Георгі
grigori m Grigori Grigory Grigorii Grigoriy Grigorij Hryhorii Hryhoriy Hryhorij Ryhor Григорий Григорій Рыгор
gleb m Gleb Hleb Hlib Глеб Гліб
daniil m Daniil Danil Danylo Danila Daniel Даниил Данило Даніла Данііл Данила
daria f Daria Darya Dariya Dariia Darja Daryia Daryja Дарья Дарія Дар'я
denis m Denis Denys Dzianis Денис Дзяніс
dmitri m Dmitri Dmitry Dmitrii Dmitriy Dmitrij Dmytro Dzmitry Dzmitryi Dzmitryj Dimitri Dimitry Zmitser Zmicier Дмитрий Дмитро Дзмітрый Зміцер
evgeni m Evgeni Evgeny Evgenii Evgeniy Evgenij Yevgeni Yevgeny Yevgeniy Yevgenii Yevhen Yevhenii Ievgen Ievgenii Yauhen Jauhien Jewgeni Eugene Евгений Євген Яўген
evgenia f Evgenia Evgeniya Yevgenia Yevgeniya Yevheniia Yevheniya Yauheniya Jauhienija Jewgenija Eugenia Евгения Євгенія Яўгенія
ekaterina f Ekaterina Yekaterina Katerina Kateryna Katsiaryna Katsyaryna Kaciaryna Jekaterina Katharina Ekaterine Екатерина Катерина Кацярына Екатерине
elena f Elena Yelena Jelena Olena Alena Alyona Helena Елена Олена Алена Алёна
ivan m Ivan Iwan Yanka Janka Иван Іван Янка
igor m Igor Ihor Ihar Igar Игорь Ігор Ігар
illarion m Illarion Ilarion Hilarion Hilarión Larion Иларион Илларион Іларіон Ілларіон
ilya m Ilya Ilia Illia Illya Iliya Ilja Илья Ілля Ілья
irina f Irina Iryna Ирина Ірина Ірына
yuri m Yuri Yury Yuriy Yurii Iurii Iuri Jurij Juri Yurij Juras Yuras Юрий Юрій Юры Юрась
yulia f Yulia Yuliya Yuliia Iuliia Iulia Julija Julia Юлия Юлія
konstantin m Konstantin Kostiantyn Kostyantyn Kanstantsin Konstanty Константин Костянтин Канстанцін
kirill m Kirill Kiril Kyrylo Kiryl Kirylo Кирилл Кирило Кірыл
ksenia f Ksenia Kseniya Kseniia Ksenija Xenia Ксения Ксенія
lev m Lev Lew Leo Leon Léon Лев Леў
leonid m Leonid Leanid Леонид Леонід Леанід
lyudmila f Lyudmila Ludmila Liudmila Liudmyla Ljudmila Lyudmyla Людмила Людміла
maksim m Maksim Maxim Maksym Max Maks Максим Максім Макс
maria f Maria Mariya Mariia Maryia Marija Maryja Мария Марія Марыя
marina f Marina Maryna Марина Марына
mikhail m Mikhail Michail Mikhailo Mykhailo Mykhaylo Mikheil Michał Michael Mikhal Mikhas Михаил Михайло Міхаіл Міхась
nadezhda f Nadezhda Nadiya Nadiia Nadzeya Nadzieja Nadeschda Надежда Надія Надзея
natalia f Natalia Natalya Nataliya Nataliia Natallia Natalja Наталья Наталия Наталія Наталля
nikita m Nikita Mikita Mykyta Никита Мікіта Микита
nikolai m Nikolai Nikolay Nikolaj Mykola Mikola Mikalai Mikałaj Mikalaj Nicholas Nikoloz Николай Микола Мікалай Мікола Николоз
oksana f Oksana Aksana Оксана Аксана
oleg m Oleg Oleh Aleh Олег Алег
olga f Olga Olha Volha Wolha Ольга Вольга
pavel m Pavel Pavlo Paval Paul Paweł Pawel Павел Павло Павал
petr m Petr Pyotr Petro Piotr Piatro Peter Pjotr Пётр Петр Петро Пятро
roman m Roman Raman Роман Раман
serzh m Serzh Serž Serge Sersch Serj Серж
semyon m Semyon Semen Semion Siamion Symon Семён Семен Сямён
sergei m Sergei Sergey Sergej Sergii Serhii Serhiy Serhij Siarhei Siarhiej Sergiy Siergiej Сергей Сергій Сяргей
stanislav m Stanislav Stanislau Stanislaŭ Stanisław Станислав Станіслаў
stepan m Stepan Stsiapan Styapan Степан Сцяпан
svetlana f Svetlana Sviatlana Svitlana Swetlana Sviatłana Светлана Святлана Світлана
tatiana f Tatiana Tatyana Tatsiana Tetiana Tetyana Tatjana Tacciana Татьяна Тетяна Таццяна
frantsisk m Frantsisk Frantsysk Francisk Francysk Franciszek Francišak Frantsishak Francis František Франциск Францыск Францішак
fedor m Fedor Fyodor Fedir Fiodar Fiodor Fjodor Федор Фёдор Федір Фёдар
yakov m Yakov Yakiv Yakau Jakow Яков Яків Якаў
yaroslav m Yaroslav Jaroslav Jarosław Yaraslau Iaroslav Ярослав Яраслаў
yegor m Yegor Egor Yahor Jahor Егор Ягор
veronika f Veronika Veranika Вероника Вераніка
galina f Galina Halina Halyna Галина Галіна
elizaveta f Elizaveta Yelizaveta Yelyzaveta Lizaveta Jelisaweta Елизавета Єлизавета Лізавета
matvei m Matvei Matvey Matsvei Matsvey Matvii Matviy Matwei Матвей Мацвей Матвій
timofei m Timofei Timofey Tsimafei Tymofii Tymofiy Timofej Тимофей Цімафей Тимофій
tadeush m Tadeusz Tadevuš Tadevush Tadeush Tadeuš Тадеуш Тадэвуш
svyatoslav m Svyatoslav Sviatoslav Sviataslau Swjatoslaw Святослав Святаслаў
vsevolod m Vsevolod Usevalad Vsevalad Wsewolod Всеволод Усевалад
iosif m Iosif Yosyp Josyp Józef Joseph Ioseb Iosip Иосиф Йосип Язэп Иосеб
david m David Davit Davyd Dawid Давид Давит Давыд
hayk m Hayk Haik Айк Гайк
hovhannes m Hovhannes Hovhanes Hovannes Ovanes Ovannes Oganes Ohannes Ованес Ованнес Оганес Оганнес Ованнэс
tamara f Tamara Tamar Тамара Тамар
irakli m Irakli Iraklii Iraklij Ираклий
muhammad m Muhammad Mohammad Mohammed Muhammed Mahammad Məhəmməd Mammad Məmməd Mamed Magomed Mukhammad Mukhammed Мухаммад Мухаммед Магомед Мамед Мамад Мухамед
mahmud m Mahmud Mahmut Makhmud Mahmood Махмуд
ahmad m Əhməd Ahmad Ahmed Akhmed Akhmad Akhmat Ахмед Ахмад Ахмат
huseyn m Hüseyn Huseyn Huseyin Hussein Husein Guseyn Gusein Гусейн Хусейн
ibrahim m İbrahim Ibrahim Ibragim Ибрагим
ismail m İsmayıl Ismayil Ismail Ismoil Исмаил Исмайыл
yusif m Yusif Yusuf Yusup Юсиф Юсуф
jabrail m Cəbrayıl Jabrayil Jabrail Djabrail Dzhabrail Джабраил Джебраил
heydar m Heydər Heydar Haydar Geydar Geidar Гейдар Хайдар
ilham m İlham Ilham Ильхам
ilgar m İlqar Ilgar Ilqar Ильгар
rashad m Rəşad Rashad Reshad Рашад
rashid m Rəşid Rashid Reshid Рашид
aydin m Aydın Aydin Aidin Айдын Айдин
aydan f Aydan Айдан
ramil m Ramil Рамиль
ramila f Ramila Рамиля
ramiz m Ramiz Рамиз
elmir m Elmir Эльмир
elmira f Elmira Эльмира
karen m Karen Карен
karine f Karine Karina Карине Карина
kamil m Kamil Камиль
kamila f Kamila Камила
samir m Samir Самир
samira f Samira Самира
vugar m Vüqar Vugar Vuqar Вугар
vusal m Vüsal Vusal Вусал
anar m Anar Анар
anvar m Ənvər Anvar Anwar Анвар
rasul m Rəsul Rasul Расул
rasim m Rasim Расим
elnur m Elnur Эльнур
elvin m Elvin Эльвин
nargiz f Nərgiz Nargiz Nargis Наргиз
sevinj f Sevinc Sevinj Sevindzh Севиндж
khadija f Xədicə Khadija Hadija Khadidja Khadizha Хадиджа Хадижа
leyla f Leyla Leila Lejla Лейла
mehriban f Mehriban Мехрибан
arzu f Arzu Арзу
aziz m Əziz Aziz Азиз
aziza f Əzizə Aziza Азиза
farid m Fərid Farid Фарид
farida f Fəridə Farida Фарида
tofig m Tofiq Tofig Tofik Тофиг Тофик
jamil m Cəmil Jamil Djamil Dzhamil Джамиль
jamila f Cəmilə Jamila Dzhamila Джамиля
toghrul m Toğrul Toghrul Togrul Tugrul Тогрул
shahriyar m Şəhriyar Shahriyar Shakhriyar Шахрияр
`

// givenName is one line of givenNameTable.
type givenName struct {
	id     string
	gender int8
	forms  []string // folded codes of the forms, deduplicated
}

// givenIndex is the table folded once: id numbers are 1-based positions in
// names.
type givenIndex struct {
	names     []givenName
	byCode    map[string]int16
	conflicts []string // folded forms listed under two names (a table bug)
}

var given = buildGivenIndex(givenNameTable)

func buildGivenIndex(table string) *givenIndex {
	g := &givenIndex{byCode: make(map[string]int16)}
	for _, line := range strings.Split(table, "\n") {
		fields := strings.Fields(line)
		if len(fields) < 3 {
			continue
		}
		gn := givenName{id: fields[0], gender: genderMale}
		if fields[1] == "f" {
			gn.gender = genderFemale
		}
		num := int16(len(g.names) + 1)
		for _, form := range fields[2:] {
			words, _ := scanWords(form)
			if len(words) != 1 {
				g.conflicts = append(g.conflicts, form+" is not one word")
				continue
			}
			code := words[0].code
			if prev, ok := g.byCode[code]; ok {
				if prev != num {
					g.conflicts = append(g.conflicts, form+" also folds like a form of "+g.names[prev-1].id)
				}
				continue
			}
			g.byCode[code] = num
			gn.forms = append(gn.forms, code)
		}
		g.names = append(g.names, gn)
	}
	return g
}

// lookup returns the 1-based number of the given name with this folded code,
// or 0.
func (g *givenIndex) lookup(code string) int16 {
	return g.byCode[code]
}
