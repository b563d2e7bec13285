package names

import "strings"

// placeKindTable lists the kinds of places of detention and how they are
// written in Russian, Belarusian, Azerbaijani and English, abbreviations
// included. One line per phrase: the kind, a colon, the phrase. Phrases are
// folded as personal names are, so a romanisation of a listed Cyrillic
// phrase (sledstvennyi izoliator, koloniya) needs no line of its own, and
// filler words (placeFillerWords) are dropped from them as from names.
//
// Kept small on purpose: a kind missing here leaves its words among the
// place's other words, which only makes matches rarer. "Correctional
// facility" and "penitentiary institution" are the usual English for the
// colonies (исправительная колония, исправительное учреждение; Azerbaijani
// cəzaçəkmə müəssisəsi).
const placeKindTable = `
pretrial: SIZO
pretrial: СИЗО
pretrial: СІЗА
pretrial: investigative isolator
pretrial: investigation isolator
pretrial: pre-trial detention centre
pretrial: pre-trial detention center
pretrial: pre-trial detention facility
pretrial: pretrial detention centre
pretrial: pretrial detention center
pretrial: pretrial detention facility
pretrial: remand prison
pretrial: remand centre
pretrial: remand center
pretrial: следственный изолятор
pretrial: следчы ізалятар
pretrial: istintaq təcridxanası
pretrial: istintaq tecridxanasi
colony: IK
colony: ИК
colony: ІК
colony: ИУ
colony: colony
colony: penal colony
colony: correctional colony
colony: corrective colony
colony: corrective labour colony
colony: correctional facility
colony: correctional institution
colony: penitentiary institution
colony: penal institution
colony: исправительная колония
colony: исправительное учреждение
colony: колония
colony: папраўчая калонія
colony: калонія
colony: cəzaçəkmə müəssisəsi
colony: cezachekme muessisesi
prison: prison
prison: тюрьма
prison: турма
prison: həbsxana
prison: hebsxana
temporary: IVS
temporary: ИВС
temporary: ІЧУ
temporary: temporary detention facility
temporary: temporary detention centre
temporary: temporary detention center
temporary: temporary detention isolator
temporary: temporary holding facility
temporary: изолятор временного содержания
temporary: ізалятар часовага ўтрымання
temporary: müvəqqəti saxlama təcridxanası
offenders: ЦИП
offenders: ЦІП
offenders: centre for isolation of offenders
offenders: center for isolation of offenders
offenders: offenders isolation centre
offenders: центр изоляции правонарушителей
offenders: цэнтр ізаляцыі правапарушальнікаў
police: police station
police: police department
police: отдел полиции
police: ОВД
police: РОВД
police: РУВД
police: РУУС
police: polis şöbəsi
police: polis bölməsi
psychiatric: psychiatric hospital
psychiatric: психиатрическая больница
psychiatric: псіхіятрычная бальніца
psychiatric: psixiatriya xəstəxanası
`

// placeFillerWords are dropped from place names: number signs (No., Nr, №,
// Azerbaijani saylı), prepositions and the word "city" in four languages.
// Words of one letter (г., N, в, у) are dropped anyway.
const placeFillerWords = `no nr nº num number nomer номер нумар sayli saylı nömrəli
of in at the for on named after
на по при имени імя
və
city town город горад şəhəri şəhər`

// kindPhrase is a phrase of placeKindTable, folded.
type kindPhrase struct {
	kind  string
	words []string
}

var (
	placeFillers = foldFillers(placeFillerWords)
	kindPhrases  = foldKinds(placeKindTable)
)

func foldFillers(list string) map[string]bool {
	m := make(map[string]bool)
	for _, w := range strings.Fields(list) {
		if f := foldPlaceWord(w); f != "" {
			m[f] = true
		}
	}
	return m
}

func foldKinds(table string) []kindPhrase {
	var out []kindPhrase
	for _, line := range strings.Split(table, "\n") {
		kind, phrase, ok := strings.Cut(line, ":")
		if !ok {
			continue
		}
		var words []string
		for _, tok := range placeTokens(phrase) {
			if tok != "" && !placeFillers[tok] {
				words = append(words, tok)
			}
		}
		if len(words) > 0 {
			out = append(out, kindPhrase{kind: strings.TrimSpace(kind), words: words})
		}
	}
	return out
}
