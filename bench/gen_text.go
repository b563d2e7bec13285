package bench

import (
	"math/rand/v2"
	"strconv"
	"strings"

	"codeberg.org/habeas/habeas"
)

// The words of the generated case files: charges, courts, the summaries
// of timeline events, quotes. {his} and {him} are the person's pronouns,
// {fac} a facility's name.

var charges = map[string][]habeas.Charge{
	"AZ": {{Article: "234.4.3", Text: "drug trafficking"}, {Article: "206.3.2", Text: "smuggling by a group"},
		{Article: "192.3.2", Text: "illegal entrepreneurship"}, {Article: "193-1.3.1", Text: "money laundering"},
		{Article: "213.2.1", Text: "tax evasion"}, {Article: "221.3", Text: "hooliganism"},
		{Article: "228.2", Text: "illegal possession of weapons"}, {Article: "274", Text: "high treason"},
		{Article: "283.2.2", Text: "inciting hatred"}, {Article: "178.3.2", Text: "fraud"}},
	"RU": {{Article: "207.3", Text: "spreading “knowingly false information” about the armed forces"},
		{Article: "280.3", Text: "discrediting the armed forces"}, {Article: "275", Text: "high treason"},
		{Article: "205.2", Text: "justifying terrorism"}, {Article: "282.2", Text: "organising the activity of an extremist organisation"},
		{Article: "212", Text: "mass riots"}, {Article: "318", Text: "violence against a representative of the authorities"},
		{Article: "284.1", Text: "participation in an undesirable organisation"}},
	"BY": {{Article: "342", Text: "gross violation of public order"}, {Article: "361-1", Text: "creating an extremist formation"},
		{Article: "130", Text: "inciting hatred"}, {Article: "368", Text: "insulting the president"},
		{Article: "369", Text: "insulting a representative of the authorities"}, {Article: "293", Text: "mass riots"},
		{Article: "356", Text: "high treason"}, {Article: "361-4", Text: "facilitating extremist activity"}},
	"": {{Article: "174", Text: "inciting discord"}, {Article: "272", Text: "mass riots"}, {Text: "extremism"}, {Text: "hooliganism"}},
}

var courts = map[string][]string{
	"AZ": {"Baku Serious Crimes Court", "Baku Court of Appeal", "Sabail District Court", "Ganja Serious Crimes Court",
		"Khatai District Court", "Lankaran Serious Crimes Court"},
	"RU": {"Мещанский районный суд г. Москвы", "Басманный районный суд г. Москвы", "Тверской районный суд г. Москвы",
		"Второй западный окружной военный суд", "Южный окружной военный суд", "Октябрьский районный суд г. Екатеринбурга"},
	"BY": {"Суд Ленинского района г. Минска", "Мінскі гарадскі суд", "Суд Фрунзенского района г. Минска",
		"Гомельский областной суд", "Гродзенскі абласны суд"},
	"": {"City Court", "Regional Court", "Supreme Court"},
}

var recipients = map[string][]string{
	"AZ": {"Prosecutor General’s Office of Azerbaijan", "Penitentiary Service of the Ministry of Justice",
		"Ombudsperson of Azerbaijan", "UN Working Group on Arbitrary Detention"},
	"RU": {"Генеральная прокуратура Российской Федерации", "ФСИН России", "Уполномоченный по правам человека в РФ",
		"UN Special Rapporteur on torture"},
	"BY": {"Генеральная пракуратура Рэспублікі Беларусь", "Департамент исполнения наказаний МВД Республики Беларусь",
		"UN Special Rapporteur on the situation of human rights in Belarus"},
	"": {"UN Working Group on Arbitrary Detention", "Prosecutor’s Office", "Ministry of Justice"},
}

// forCountry returns the country's list of a table, or the general one.
func forCountry[T any](table map[string][]T, code string) []T {
	if l := table[code]; len(l) > 0 {
		return l
	}
	return table[""]
}

var (
	occupations = []string{"journalist", "trade unionist", "opposition activist", "blogger", "lawyer", "student",
		"human rights defender", "teacher", "doctor", "poet", "entrepreneur", "religious believer", "economist",
		"musician", "IT specialist", "pensioner"}
	classifiers = []string{"Working Group on Political Prisoners", "Joint list of political prisoners",
		"Union for the Freedom of Political Prisoners", "Independent panel of experts"}
	senders = []string{"Working Group on Political Prisoners", "Committee for the Defence of Detained Journalists",
		"Legal Aid Network", "Families of Political Prisoners", "Prisoners’ Rights Centre"}
	quotes = []string{
		"The charges are fabricated; I am here because of my work.", "I do not regret anything.",
		"They want to break {him}, but {his} spirit holds.", "We have had no word for weeks and nobody answers us.",
		"«Обвинения сфабрикованы, я ни в чём не виноват».", "«Я ни о чём не жалею».",
		"“İttihamlar uydurmadır, mən günahsızam.”", "“Mən heç nəyə peşman deyiləm.”",
		"«Я не прызнаю сябе вінаватым».",
	}
	speakers = []string{"{his} lawyer", "{his} mother", "{his} brother", "a colleague", "the organization’s chairman", "a former cellmate"}
)

var eventTexts = map[string][]string{
	habeas.EventArrest: {"Detained at home by police.", "Arrested at the airport on return from abroad.",
		"Detained after a protest.", "Taken from {his} workplace by plain-clothes officers.",
		"Detained by security service officers; {his} phone and laptop were seized."},
	habeas.EventCharge:   {"Charged under article {art} ({text}).", "A new charge was added: {text}."},
	habeas.EventHearing:  {"Court extended pre-trial detention by {m} months.", "Hearing held behind closed doors.", "Hearing postponed: the prosecution’s witnesses did not appear.", "Court refused to move {him} to house arrest."},
	habeas.EventVerdict:  {"Sentenced to {term} in prison.", "Found guilty and sentenced to {term}."},
	habeas.EventAppeal:   {"The appeal court upheld the sentence.", "Appeal filed by the defence.", "Cassation appeal rejected."},
	habeas.EventTransfer: {"Transferred to {fac}.", "Moved to {fac} without notice to the family."},
	habeas.EventHungerStrikeStart: {"Began a hunger strike in protest against {his} detention.", "Declared a hunger strike demanding access to a lawyer.",
		"Refusing food in protest against the conditions of detention."},
	habeas.EventHungerStrikeEnd: {"Ended the hunger strike.", "Ended the hunger strike after promises from the administration.", "Stopped the hunger strike on doctors’ advice."},
	habeas.EventFamilyVisit:     {"Relatives visited; {his} weight loss worried them.", "Short visit by {his} mother through glass.", "Family visit allowed after months of refusals."},
	habeas.EventLawyerVisit:     {"Lawyer visited; {his} complaints of pressure were recorded.", "Lawyer’s visit lasted twenty minutes under guard.", "Lawyer saw {him} and reports {his} spirits are good."},
	habeas.EventCall:            {"Ten-minute call to {his} family.", "A short call to relatives, the first in weeks."},
	habeas.EventLetter:          {"A letter from {him} reached the family.", "Letters had not been delivered for weeks; one arrived.", "Wrote to {his} colleagues."},
	habeas.EventIllTreatment:    {"Reported being beaten by guards.", "Placed in a punishment cell for fifteen days.", "Denied warm clothes and medicine."},
	habeas.EventHealth:          {"Health deteriorating; medical care refused.", "Taken to the prison hospital.", "Has lost twelve kilograms since the arrest, relatives say."},
	habeas.EventRelease:         {"Released after serving the sentence.", "Released on bail.", "Released; the charges were dropped.", "Released early."},
	habeas.EventPardon:          {"Pardoned by presidential decree."},
	habeas.EventDeath:           {"Died in custody; the authorities cite heart failure.", "Died in the prison hospital."},
	habeas.EventNews:            {"No news since the last visit; inquiries unanswered.", "Cellmates report {him} held in solitary confinement.", "Relatives learned of a move to another cell block."},
}

var undisclosedTexts = []string{"Moved from the facility; the family has not been told where.", "Taken away in transit; whereabouts not disclosed."}

// pronouns fill {his} and {him} for a person's gender.
var (
	malePronouns    = strings.NewReplacer("{his}", "his", "{him}", "him")
	femalePronouns  = strings.NewReplacer("{his}", "her", "{him}", "her")
	neutralPronouns = strings.NewReplacer("{his}", "their", "{him}", "them")
)

func pronounsOf(gender string) *strings.Replacer {
	switch gender {
	case "female":
		return femalePronouns
	case "male":
		return malePronouns
	}
	return neutralPronouns
}

// termText writes a sentence: "5 years", "3 years and 6 months".
func termText(s habeas.Sentence) string {
	var parts []string
	if s.Years > 0 {
		parts = append(parts, plural(s.Years, "year"))
	}
	if s.Months > 0 {
		parts = append(parts, plural(s.Months, "month"))
	}
	if len(parts) == 0 {
		return "time served"
	}
	return strings.Join(parts, " and ")
}

func plural(n int, unit string) string {
	if n == 1 {
		return "1 " + unit
	}
	return strconv.Itoa(n) + " " + unit + "s"
}

// eventText returns a summary for an event of kind, or "" for one left
// without (as some are). kv are placeholders and their values.
func eventText(r *rand.Rand, kind string, pr *strings.Replacer, kv ...string) string {
	texts := eventTexts[kind]
	if len(texts) == 0 || chance(r, 0.12) {
		return ""
	}
	return expand(pr.Replace(pick(r, texts)), kv...)
}

// expand replaces the placeholders kv[0], kv[2] … of s by kv[1], kv[3] ….
func expand(s string, kv ...string) string {
	for i := 0; i+1 < len(kv) && strings.IndexByte(s, '{') >= 0; i += 2 {
		s = strings.ReplaceAll(s, kv[i], kv[i+1])
	}
	return s
}
