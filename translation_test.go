package habeas

import "testing"

// A biography's translations: in languages the site speaks, never in the
// text's own, never of an empty text, never empty, never with controls.
func TestTranslationValidation(t *testing.T) {
	ok := func() Person {
		return Person{Country: "AZ", Names: []PersonName{{Name: "Elvin Mustafayev", Kind: NamePrimary}},
			Bio: "A member of the confederation.", BioLang: "en", BioTranslations: Translations{"ru": "Член конфедерации."}}
	}
	tests := []struct {
		name  string
		edit  func(p *Person)
		field string
	}{
		{"valid", func(p *Person) {}, ""},
		{"two translations", func(p *Person) { p.BioTranslations["az"] = "Konfederasiyanın üzvü." }, ""},
		{"no language given", func(p *Person) { p.BioLang = "" }, ""},
		{"unknown language of the text", func(p *Person) { p.BioLang = "fr" }, "bio_lang"},
		{"unknown language of a translation", func(p *Person) { p.BioTranslations["de"] = "Mitglied." }, "bio_translations"},
		{"a region's tag", func(p *Person) { p.BioTranslations = Translations{"ru-RU": "Член."} }, "bio_translations"},
		{"in the text's own language", func(p *Person) { p.BioTranslations["en"] = "A member." }, "bio_translations.en"},
		{"empty translation", func(p *Person) { p.BioTranslations["ru"] = "" }, "bio_translations.ru"},
		{"bidi override", func(p *Person) { p.BioTranslations["ru"] = "Член\u202e" }, "bio_translations.ru"},
		{"too long", func(p *Person) { p.BioTranslations["ru"] = string(make([]byte, 20001)) }, "bio_translations.ru"},
		{"of an empty bio", func(p *Person) { p.Bio = "" }, "bio_translations"},
	}
	for _, tc := range tests {
		p := ok()
		tc.edit(&p)
		err := p.Validate()
		if tc.field == "" && err != nil || tc.field != "" && ErrorFields(err)[tc.field] == "" {
			t.Errorf("%s: error %v, want field %q", tc.name, err, tc.field)
		}
	}
	f := Facility{Name: "Prison", Kind: "prison", Country: "AZ", DescriptionTranslations: Translations{"ru": "Тюрьма."}}
	if ErrorFields(f.Validate())["description_translations"] == "" {
		t.Errorf("a place's translations of no description: %v", f.Validate())
	}
	o := Organization{Name: "Union", Kind: "trade_union", Country: "AZ", Description: "A union.", DescriptionLang: "az",
		DescriptionTranslations: Translations{"az": "Həmkarlar ittifaqı."}}
	if ErrorFields(o.Validate())["description_translations.az"] == "" {
		t.Errorf("an organization's translation into the description's language: %v", o.Validate())
	}
}

// A page shows a text in its own language, else its translation, else the
// text as written, marked untranslated.
func TestTextIn(t *testing.T) {
	tr := Translations{"ru": "Член конфедерации."}
	tests := []struct {
		text, lang, page, main string
		want                   TextIn
	}{
		{"A member.", "en", "en", "az", TextIn{"A member.", "en", false}},
		{"A member.", "en", "ru", "az", TextIn{"Член конфедерации.", "ru", false}},
		{"A member.", "en", "az", "az", TextIn{"A member.", "en", true}},
		{"A member.", "", "en", "en", TextIn{"A member.", "en", false}},
		{"A member.", "", "az", "en", TextIn{"A member.", "en", true}},
		{"A member.", "", "ru", "en", TextIn{"Член конфедерации.", "ru", false}},
		{"", "en", "az", "en", TextIn{"", "en", false}},
	}
	for _, tc := range tests {
		if got := tr.In(tc.text, tc.lang, tc.page, tc.main); got != tc.want {
			t.Errorf("%q (%s) on a %s page of a %s site: %+v, want %+v", tc.text, tc.lang, tc.page, tc.main, got, tc.want)
		}
	}
}
