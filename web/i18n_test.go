package web

import "testing"

// testTr returns the words of one interface language, from the catalogues
// the site embeds.
func testTr(t *testing.T, lang string) *tr {
	t.Helper()
	_, trs, err := loadCatalogues(localeFiles)
	if err != nil {
		t.Fatal(err)
	}
	return trs[lang]
}
