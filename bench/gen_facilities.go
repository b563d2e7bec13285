package bench

import (
	"fmt"
	"math"
	"math/rand/v2"
	"strconv"
	"strings"

	"codeberg.org/habeas/habeas"
)

// city is a place with facilities. alt is the Russian form of a
// Belarusian city, or the "по …" phrase of a Russian region in the names
// of the penitentiary service.
type city struct {
	local, en, alt   string
	region, regionEn string
	lat, lon         float64
}

// country is where people are held: its cities, the weight of its share of
// the facilities, and how its facilities are named.
type country struct {
	code    string
	weight  int
	cities  []city
	formats map[string][]string // kind → name templates: {n} {city} {en} {alt} {region} {regionEn}
	// byRegion numbers facilities per region (Russian penal colonies are
	// numbered per region), otherwise per city.
	byRegion bool
	streets  []string
	address  string // template: {index} {city} {street} {n} {region}
	postcode int    // digits of a postcode
}

var countries = []*country{
	{
		code: "RU", weight: 44, byRegion: true,
		cities: []city{
			{"Москва", "Moscow", "по г. Москве", "Москва", "Moscow", 55.75, 37.62},
			{"Санкт-Петербург", "St Petersburg", "по г. Санкт-Петербургу и Ленинградской области", "Санкт-Петербург", "St Petersburg", 59.94, 30.31},
			{"Владимир", "Vladimir", "по Владимирской области", "Владимирская область", "Vladimir Region", 56.13, 40.41},
			{"Покров", "Pokrov", "по Владимирской области", "Владимирская область", "Vladimir Region", 55.92, 39.18},
			{"Тверь", "Tver", "по Тверской области", "Тверская область", "Tver Region", 56.86, 35.90},
			{"Екатеринбург", "Yekaterinburg", "по Свердловской области", "Свердловская область", "Sverdlovsk Region", 56.84, 60.61},
			{"Казань", "Kazan", "по Республике Татарстан", "Республика Татарстан", "Tatarstan", 55.79, 49.12},
			{"Явас", "Yavas", "по Республике Мордовия", "Республика Мордовия", "Mordovia", 54.42, 42.86},
			{"Пермь", "Perm", "по Пермскому краю", "Пермский край", "Perm Krai", 58.01, 56.23},
			{"Красноярск", "Krasnoyarsk", "по Красноярскому краю", "Красноярский край", "Krasnoyarsk Krai", 56.01, 92.87},
			{"Омск", "Omsk", "по Омской области", "Омская область", "Omsk Region", 54.99, 73.37},
			{"Новосибирск", "Novosibirsk", "по Новосибирской области", "Новосибирская область", "Novosibirsk Region", 55.03, 82.92},
			{"Иркутск", "Irkutsk", "по Иркутской области", "Иркутская область", "Irkutsk Region", 52.29, 104.28},
			{"Ростов-на-Дону", "Rostov-on-Don", "по Ростовской области", "Ростовская область", "Rostov Region", 47.23, 39.72},
			{"Краснодар", "Krasnodar", "по Краснодарскому краю", "Краснодарский край", "Krasnodar Krai", 45.04, 38.98},
			{"Симферополь", "Simferopol", "по Республике Крым и г. Севастополю", "Республика Крым", "Crimea", 44.95, 34.10},
			{"Харп", "Kharp", "по Ямало-Ненецкому автономному округу", "Ямало-Ненецкий автономный округ", "Yamalo-Nenets Region", 66.80, 65.82},
			{"Сыктывкар", "Syktyvkar", "по Республике Коми", "Республика Коми", "Komi", 61.67, 50.84},
			{"Киров", "Kirov", "по Кировской области", "Кировская область", "Kirov Region", 58.60, 49.66},
			{"Нижний Новгород", "Nizhny Novgorod", "по Нижегородской области", "Нижегородская область", "Nizhny Novgorod Region", 56.33, 44.00},
			{"Саратов", "Saratov", "по Саратовской области", "Саратовская область", "Saratov Region", 51.53, 46.03},
			{"Челябинск", "Chelyabinsk", "по Челябинской области", "Челябинская область", "Chelyabinsk Region", 55.16, 61.40},
			{"Хабаровск", "Khabarovsk", "по Хабаровскому краю", "Хабаровский край", "Khabarovsk Krai", 48.48, 135.08},
		},
		formats: map[string][]string{
			"pre_trial":      {"ФКУ СИЗО-{n} УФСИН России {alt}", "ФКУ СИЗО-{n} УФСИН России {alt}", "Pre-trial Detention Centre No. {n} ({regionEn})", "Investigative Isolator No. {n} ({regionEn})"},
			"colony":         {"ФКУ ИК-{n} УФСИН России {alt}", "ФКУ ИК-{n} УФСИН России {alt}", "Penal Colony No. {n} ({regionEn})"},
			"prison":         {"ФКУ Т-{n} УФСИН России {alt}", "Prison No. {n} ({regionEn})"},
			"police_station": {"ИВС № {n} ({city})", "Temporary Detention Facility No. {n} ({en})"},
			"psychiatric":    {"Психиатрическая больница специализированного типа № {n} ({city})", "Specialised Psychiatric Hospital No. {n} ({en})"},
			"unknown":        {"Воинская часть № {n} ({city})", "Military unit {n} near {en}"},
		},
		streets: []string{"Ленина", "Промышленная", "Садовая", "Заводская", "Лесная", "Советская"},
		address: "{index}, {region}, г. {city}, ул. {street}, д. {n}", postcode: 6,
	},
	{
		code: "AZ", weight: 22,
		cities: []city{
			{"Bakı", "Baku", "", "Bakı", "Baku", 40.41, 49.87}, {"Gəncə", "Ganja", "", "Gəncə", "Ganja", 40.68, 46.36},
			{"Sumqayıt", "Sumgayit", "", "Sumqayıt", "Sumgayit", 40.59, 49.67}, {"Lənkəran", "Lankaran", "", "Lənkəran", "Lankaran", 38.75, 48.85},
			{"Şəki", "Shaki", "", "Şəki", "Shaki", 41.19, 47.17}, {"Mingəçevir", "Mingachevir", "", "Mingəçevir", "Mingachevir", 40.76, 47.06},
			{"Naxçıvan", "Nakhchivan", "", "Naxçıvan", "Nakhchivan", 39.21, 45.41}, {"Qobustan", "Gobustan", "", "Qobustan", "Gobustan", 40.08, 49.41},
			{"Şirvan", "Shirvan", "", "Şirvan", "Shirvan", 39.93, 48.92}, {"Quba", "Guba", "", "Quba", "Guba", 41.36, 48.51},
			{"Ümbakı", "Umbaki", "", "Bakı", "Baku", 40.25, 49.53},
		},
		formats: map[string][]string{
			"pre_trial":      {"Investigative Isolator No. {n} ({en})", "{n} saylı İstintaq Təcridxanası ({city})"},
			"colony":         {"Penal Colony No. {n} ({en})", "Correctional Facility No. {n} ({en})", "{n} saylı Cəzaçəkmə Müəssisəsi ({city})"},
			"prison":         {"Prison No. {n} ({en})", "{n} saylı Həbsxana ({city})"},
			"police_station": {"Police Station No. {n} ({en})", "{n} saylı Polis Şöbəsi ({city})"},
			"psychiatric":    {"Psychiatric Hospital No. {n} ({en})", "{n} saylı Psixiatriya Xəstəxanası ({city})"},
			"unknown":        {"Temporary Holding Place No. {n} ({en})", "{n} saylı Müvəqqəti Saxlama Yeri ({city})"},
		},
		streets: []string{"Zabrat", "Səbail", "Əhmədli", "Bakıxanov", "Nizami", "Füzuli"},
		address: "AZ{index}, {city}, {street} küç. {n}", postcode: 4,
	},
	{
		code: "BY", weight: 18,
		cities: []city{
			{"Мінск", "Minsk", "Минск", "Мінск", "Minsk", 53.90, 27.56},
			{"Жодзіна", "Zhodzina", "Жодино", "Мінская вобласць", "Minsk Region", 54.10, 28.33},
			{"Бабруйск", "Babruysk", "Бобруйск", "Магілёўская вобласць", "Mahilyow Region", 53.14, 29.22},
			{"Гомель", "Homel", "Гомель", "Гомельская вобласць", "Homel Region", 52.44, 30.98},
			{"Магілёў", "Mahilyow", "Могилёв", "Магілёўская вобласць", "Mahilyow Region", 53.90, 30.33},
			{"Віцебск", "Vitsebsk", "Витебск", "Віцебская вобласць", "Vitsebsk Region", 55.19, 30.20},
			{"Гродна", "Hrodna", "Гродно", "Гродзенская вобласць", "Hrodna Region", 53.68, 23.83},
			{"Брэст", "Brest", "Брест", "Брэсцкая вобласць", "Brest Region", 52.10, 23.73},
			{"Шклоў", "Shklow", "Шклов", "Магілёўская вобласць", "Mahilyow Region", 54.21, 30.29},
			{"Наваполацк", "Navapolatsk", "Новополоцк", "Віцебская вобласць", "Vitsebsk Region", 55.53, 28.60},
			{"Горкі", "Horki", "Горки", "Магілёўская вобласць", "Mahilyow Region", 54.29, 30.98},
			{"Светлагорск", "Svetlahorsk", "Светлогорск", "Гомельская вобласць", "Homel Region", 52.63, 29.74},
			{"Орша", "Orsha", "Орша", "Віцебская вобласць", "Vitsebsk Region", 54.51, 30.41},
			{"Ваўкавыск", "Vawkavysk", "Волковыск", "Гродзенская вобласць", "Hrodna Region", 53.16, 24.45},
			{"Глыбокае", "Hlybokaye", "Глубокое", "Віцебская вобласць", "Vitsebsk Region", 55.14, 27.69},
		},
		formats: map[string][]string{
			"pre_trial":      {"СІЗА № {n} ({city})", "СИЗО № {n} ({alt})", "Pre-trial Detention Centre No. {n} ({en})"},
			"colony":         {"Папраўчая калонія № {n} ({city})", "Исправительная колония № {n} ({alt})", "Penal Colony No. {n} ({en})"},
			"prison":         {"Турма № {n} ({city})", "Тюрьма № {n} ({alt})", "Prison No. {n} ({en})"},
			"police_station": {"Ізалятар часовага ўтрымання № {n} ({city})", "ИВС № {n} ({alt})", "Temporary Detention Facility No. {n} ({en})"},
			"psychiatric":    {"Псіхіятрычная бальніца № {n} ({city})", "Psychiatric Hospital No. {n} ({en})"},
			"unknown":        {"Месца ўтрымання № {n} ({city})", "Place of Detention No. {n} ({en})"},
		},
		streets: []string{"Леніна", "Акрэсціна", "Валадарскага", "Савецкая", "Кірава"},
		address: "{index}, г. {city}, вул. {street}, {n}", postcode: 6,
	},
	{
		code: "KZ", weight: 7,
		cities: []city{
			{"Алматы", "Almaty", "", "Алматы", "Almaty", 43.24, 76.89}, {"Астана", "Astana", "", "Астана", "Astana", 51.17, 71.45},
			{"Павлодар", "Pavlodar", "", "Павлодарская область", "Pavlodar Region", 52.29, 76.97},
			{"Караганда", "Karaganda", "", "Карагандинская область", "Karaganda Region", 49.81, 73.09},
			{"Шымкент", "Shymkent", "", "Шымкент", "Shymkent", 42.34, 69.59},
		},
		formats: map[string][]string{
			"pre_trial":      {"СИЗО № {n} ({city})", "Pre-trial Detention Centre No. {n} ({en})"},
			"colony":         {"Учреждение ЛА-155/{n} ({city})", "Penal Colony No. {n} ({en})"},
			"prison":         {"Тюрьма № {n} ({city})", "Prison No. {n} ({en})"},
			"police_station": {"ИВС № {n} ({city})", "Temporary Detention Facility No. {n} ({en})"},
			"psychiatric":    {"Психиатрическая больница № {n} ({city})"},
			"unknown":        {"Place of Detention No. {n} ({en})"},
		},
	},
	{
		code: "GE", weight: 3,
		cities: []city{
			{"Tbilisi", "Tbilisi", "", "Tbilisi", "Tbilisi", 41.72, 44.79}, {"Rustavi", "Rustavi", "", "Kvemo Kartli", "Kvemo Kartli", 41.55, 45.01},
			{"Kutaisi", "Kutaisi", "", "Imereti", "Imereti", 42.27, 42.70}, {"Batumi", "Batumi", "", "Adjara", "Adjara", 41.64, 41.64},
		},
		formats: map[string][]string{
			"pre_trial":      {"Pre-trial Detention Facility No. {n} ({en})"},
			"colony":         {"Penitentiary Establishment No. {n} ({en})"},
			"prison":         {"Prison No. {n} ({en})"},
			"police_station": {"Temporary Detention Isolator No. {n} ({en})"},
			"psychiatric":    {"Psychiatric Hospital No. {n} ({en})"},
			"unknown":        {"Place of Detention No. {n} ({en})"},
		},
	},
	{
		code: "TJ", weight: 4,
		cities: []city{
			{"Душанбе", "Dushanbe", "", "Душанбе", "Dushanbe", 38.56, 68.79}, {"Худжанд", "Khujand", "", "Согдийская область", "Sughd Region", 40.28, 69.62},
			{"Яван", "Yavan", "", "Хатлонская область", "Khatlon Region", 38.31, 69.04},
		},
		formats: map[string][]string{
			"pre_trial":      {"СИЗО № {n} ({city})", "SIZO No. {n} ({en})"},
			"colony":         {"Исправительная колония № 3/{n} ({city})", "Penal Colony No. 3/{n} ({en})"},
			"prison":         {"Тюрьма № {n} ({city})"},
			"police_station": {"ИВС № {n} ({city})"},
			"psychiatric":    {"Psychiatric Hospital No. {n} ({en})"},
			"unknown":        {"Place of Detention No. {n} ({en})"},
		},
	},
	{
		code: "AM", weight: 2,
		cities: []city{
			{"Yerevan", "Yerevan", "", "Yerevan", "Yerevan", 40.18, 44.51}, {"Armavir", "Armavir", "", "Armavir", "Armavir", 40.15, 44.04},
		},
		formats: map[string][]string{
			"pre_trial":      {"Pre-trial Detention Centre No. {n} ({en})"},
			"colony":         {"Penitentiary Institution No. {n} ({en})"},
			"prison":         {"Prison No. {n} ({en})"},
			"police_station": {"Police Holding Facility No. {n} ({en})"},
			"psychiatric":    {"Psychiatric Hospital No. {n} ({en})"},
			"unknown":        {"Place of Detention No. {n} ({en})"},
		},
	},
}

func countryByCode(code string) *country {
	for _, c := range countries {
		if c.code == code {
			return c
		}
	}
	return nil
}

var facilityKinds = weights[string]{
	{"pre_trial", 22}, {"colony", 38}, {"prison", 8}, {"police_station", 22}, {"psychiatric", 4}, {"unknown", 2},
}

// facilityIndex is what cases need of the facilities: names for the
// timelines' words, and ids by country and kind.
type facilityIndex struct {
	name   []string                      // by id-1
	byKind map[string]map[string][]int64 // country → kind → ids
}

// pick returns a facility of country of the first kind it has, else any
// facility of the country, else any facility; 0 when there are none.
func (x *facilityIndex) pick(r *rand.Rand, country string, kinds ...string) int64 {
	byKind := x.byKind[country]
	for _, k := range kinds {
		if ids := byKind[k]; len(ids) > 0 {
			return pick(r, ids)
		}
	}
	for _, k := range habeas.FacilityKinds { // in a fixed order, not the map's
		if ids := byKind[k]; len(ids) > 0 {
			return pick(r, ids)
		}
	}
	if len(x.name) > 0 {
		return int64(1 + r.IntN(len(x.name)))
	}
	return 0
}

func (x *facilityIndex) nameOf(id int64) string {
	if id <= 0 || int(id) > len(x.name) {
		return ""
	}
	return x.name[id-1]
}

func (g *generator) genFacilities(r *rand.Rand) error {
	g.facs = facilityIndex{byKind: map[string]map[string][]int64{}}
	cw := make(weights[*country], len(countries))
	for i, c := range countries {
		cw[i].v, cw[i].w = c, c.weight
	}
	counters := map[string]int{}
	seen := map[string]bool{}
	created := g.opt.Now.AddDate(-10, 0, 0)
	for i := range g.opt.Facilities {
		var c *country
		var kind string
		if i < 2*len(countries) {
			// every country has a pre-trial centre and a colony first
			c, kind = countries[i/2], []string{"pre_trial", "colony"}[i%2]
		} else {
			c, kind = cw.pick(r), facilityKinds.pick(r)
		}
		ct := pick(r, c.cities)
		f := habeas.Facility{
			ID: int64(i + 1), Kind: kind, Country: c.code, Region: ct.region,
			Visibility: habeas.Public, CreatedAt: created, UpdatedAt: created,
		}
		tmpl := pick(r, c.formats[kind])
		key := c.code + "/" + kind + "/" + ct.local
		if c.byRegion {
			key = c.code + "/" + kind + "/" + ct.region
		}
		for f.Name == "" || seen[f.Name] {
			counters[key]++
			if r.IntN(3) == 0 {
				counters[key] += r.IntN(4) // numbers with gaps, as real ones have
			}
			n := counters[key]
			if kind == "unknown" && c.code == "RU" {
				n = 10000 + n*137%90000 // military units have five-digit numbers
			}
			f.Name = fill(tmpl, ct, strconv.Itoa(n))
		}
		seen[f.Name] = true
		if chance(r, 0.7) {
			lat := math.Round((ct.lat+(r.Float64()-0.5)*0.3)*1e5) / 1e5
			lon := math.Round((ct.lon+(r.Float64()-0.5)*0.3)*1e5) / 1e5
			f.Latitude, f.Longitude = &lat, &lon
		}
		if c.address != "" && chance(r, 0.4) {
			f.Address = strings.NewReplacer(
				"{index}", fmt.Sprintf("%0*d", c.postcode, r.IntN(int(math.Pow10(c.postcode)))),
				"{region}", ct.region, "{city}", ct.local, "{street}", pick(r, c.streets), "{n}", strconv.Itoa(1+r.IntN(120)),
			).Replace(c.address)
		}
		if chance(r, 0.03) {
			f.Visibility = habeas.Internal // a place staff know of and do not publish yet
		}
		if err := g.out.facilities.write(&f); err != nil {
			return err
		}
		g.facs.name = append(g.facs.name, f.Name)
		if g.facs.byKind[c.code] == nil {
			g.facs.byKind[c.code] = map[string][]int64{}
		}
		g.facs.byKind[c.code][kind] = append(g.facs.byKind[c.code][kind], f.ID)
	}
	g.counts.Facilities = g.opt.Facilities
	return nil
}

// fill writes a name template for a city and a number.
func fill(tmpl string, c city, n string) string {
	return strings.NewReplacer("{n}", n, "{city}", c.local, "{en}", c.en, "{alt}", c.alt,
		"{region}", c.region, "{regionEn}", c.regionEn).Replace(tmpl)
}
