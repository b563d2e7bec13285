package edtf

import "strconv"

// A date in a sentence needs the words around it that its language asks
// for: English says "on 6 May 2025" but "in May 2025", Russian "в мае 2025"
// (a case of its own) but "с мая 2025". FormatOn and FormatSince write
// those phrases, so that a sentence template in a message catalogue never
// has to decline a date.

// FormatOn writes d as the time something happened, after a verb: "on 6
// May 2025", "in May 2025", "around 7 May 2025", "between 6 and 14 May
// 2025", "in May 2025 or later"; in Russian "6 мая 2025", "в мае 2025",
// "около 7 мая 2025". Azerbaijani, which would mark the date with a suffix
// that follows the sound of its last word, gets the date as Format writes
// it. The zero Date gives "".
func (d Date) FormatOn(lang string) string {
	if d.IsZero() {
		return ""
	}
	lang = baseLanguage(lang)
	switch {
	case lang != "en" && lang != "ru":
		return d.Format(lang)
	case d.Approximate() || d.Uncertain():
		return d.Format(lang) // "around …" needs no preposition
	case d.IsInterval() && !d.Start().IsZero() && !d.End().IsZero():
		return d.Format(lang) // nor does "between …"
	case d.IsInterval() && d.End().IsZero(): // an open or unknown end
		return d.Start().FormatOn(lang) + orLaterWords(lang)
	case d.IsInterval():
		return d.End().FormatOn(lang) + orEarlierWords(lang)
	}
	p := d.point
	if lang == "ru" {
		return ruOn(p)
	}
	if p.span() >= spanDay {
		return "on " + d.Format(lang)
	}
	return "in " + d.Format(lang)
}

// FormatSince writes d as the start of something that goes on: "since 6
// May 2025", "since around May 2023", and for an interval, which names
// some day within it, "since some day between 6 and 14 May 2025"; in
// Russian "с 6 мая 2025", "примерно с мая 2023"; in Azerbaijani "6 may 2025
// tarixindən bəri". The zero Date gives "".
func (d Date) FormatSince(lang string) string {
	if d.IsZero() {
		return ""
	}
	lang = baseLanguage(lang)
	someDay := d.IsInterval() && !d.Start().IsZero() && !d.End().IsZero()
	switch lang {
	case "ru":
		switch {
		case someDay:
			return "с одного из дней " + d.Format(lang)
		case d.IsInterval() && d.End().IsZero():
			return d.Start().FormatSince(lang) + orLaterWords(lang)
		case d.IsInterval():
			return d.End().FormatSince(lang) + orEarlierWords(lang)
		}
		return ru{}.adverb(d.point) + "с " + ruFrom(d.point)
	case "az":
		if someDay {
			return d.Format(lang) + " bir gündən bəri"
		}
		return d.Format(lang) + " tarixindən bəri"
	}
	if someDay {
		return "since some day " + d.Format(lang)
	}
	return "since " + d.Format(lang)
}

func orLaterWords(lang string) string {
	if lang == "ru" {
		return " или позже"
	}
	return " or later"
}

func orEarlierWords(lang string) string {
	if lang == "ru" {
		return " или раньше"
	}
	return " or earlier"
}

// Russian months in the prepositional case ("в мае") and seasons in the
// instrumental ("весной") and the genitive ("с весны").
var (
	monthsRuPrepositional = [...]string{"январе", "феврале", "марте", "апреле", "мае", "июне",
		"июле", "августе", "сентябре", "октябре", "ноябре", "декабре"}
	seasonsRuInstrumental = [...]string{"весной", "летом", "осенью", "зимой"}
	seasonsRuGenitive     = [...]string{"весны", "лета", "осени", "зимы"}
)

// ruOn writes an unqualified point as the time of an event.
func ruOn(p point) string {
	y := strconv.Itoa(int(p.year))
	switch p.span() {
	case spanCentury:
		return "в " + roman(int(p.year)/100+1) + " веке"
	case spanDecade:
		return "в " + y + "-х годах"
	case spanSeason:
		return seasonsRuInstrumental[p.season-Spring] + " " + seasonYears(p)
	case spanMonth:
		return "в " + monthsRuPrepositional[p.month-1] + " " + y
	case spanDay, spanTime:
		nom, _, _ := ru{}.forms(p)
		return nom
	}
	return "в " + y + " году"
}

// ruFrom writes a point as it reads after "с" (the genitive).
func ruFrom(p point) string {
	if p.span() == spanSeason {
		return seasonsRuGenitive[p.season-Spring] + " " + seasonYears(p)
	}
	_, gen, _ := ru{}.forms(p)
	return gen
}
