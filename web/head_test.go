package web_test

import (
	"context"
	"encoding/json"
	"regexp"
	"strings"
	"testing"

	"codeberg.org/habeas/habeas"
	"codeberg.org/habeas/habeas/demo"
	"codeberg.org/habeas/habeas/web"
)

var canonicalLink = regexp.MustCompile(`<link rel="canonical" href="([^"]*)">`)

// Every page names its canonical address, absolute with a base URL; a
// list's title says what it shows.
func TestCanonicalLinksAndTitles(t *testing.T) {
	for _, base := range []string{"", "https://habeas.example.org"} {
		_, h := newDemoSite(t, web.Config{BaseURL: base})
		for _, tc := range []struct{ path, canonical, title string }{
			{"/", "/", "People detained for political reasons"},
			{"/people", "/people", "People"},
			{"/people?status=sentenced&country=az", "/people?country=AZ&status=sentenced", "People sentenced in Azerbaijan"},
			{"/people?sort=news", "/people?sort=news", "People, longest without news first"},
			{"/people?organization=workers-table&status=detained", "/people?organization=workers-table&status=detained",
				"Members of “Workers’ Table” Confederation of Trade Unions detained"},
			{"/people?classification=not_assessed&facility=" + demo.FacilitySlug, "/people?classification=not_assessed&facility=" + demo.FacilitySlug,
				"People not assessed yet held at Correctional Facility No. 3"},
			{"/people?classification=political_prisoner&charge=drug", "/people?charge=drug&classification=political_prisoner",
				"Political prisoners charged with “drug”"},
			{"/people?q=Mustafayev", "/people?q=Mustafayev", "People named like “Mustafayev”"},
			{"/people/" + demo.PersonSlug, "/people/" + demo.PersonSlug, "Elvin Mustafayev"},
			{"/organizations/" + demo.OrganizationSlug, "/organizations/" + demo.OrganizationSlug, "“Workers’ Table” Confederation of Trade Unions"},
			{"/facilities/" + demo.FacilitySlug, "/facilities/" + demo.FacilitySlug, "Correctional Facility No. 3"},
		} {
			body := expect(t, get(t, h, tc.path), 200, "<title>"+htmlText(tc.title)+" — IHR</title>",
				`<meta property="og:title" content="`+htmlText(tc.title)+`">`)
			m := canonicalLink.FindStringSubmatch(body)
			if m == nil || strings.ReplaceAll(m[1], "&amp;", "&") != base+tc.canonical {
				t.Errorf("base %q, %s: canonical %v, want %s", base, tc.path, m, base+tc.canonical)
			}
			ogURL := `<meta property="og:url" content="` + strings.ReplaceAll(base+tc.canonical, "&", "&amp;") + `">`
			if got := strings.Contains(body, ogURL); got != (base != "") {
				t.Errorf("base %q, %s: og:url present %v", base, tc.path, got)
			}
		}
		// Error pages are no page's address.
		for _, path := range []string{"/people/no-one", "/people?status=free"} {
			if m := canonicalLink.FindString(get(t, h, path).Body.String()); m != "" {
				t.Errorf("%s: %s", path, m)
			}
		}
	}
	if _, err := web.New(web.Config{Store: failingStore{}, Clock: clock, BaseURL: "https://habeas.example.org/"}); err != nil {
		t.Errorf("a base URL with its slash: %v", err)
	}
	for _, bad := range []string{"habeas.example.org", "ftp://habeas.example.org", "https://habeas.example.org/site", "https://",
		"https://habeas.example.org/?x=1", "https://user@habeas.example.org", "javascript:alert(1)"} {
		if _, err := web.New(web.Config{Store: failingStore{}, Clock: clock, BaseURL: bad}); err == nil {
			t.Errorf("base URL %q accepted", bad)
		}
	}
}

// htmlText writes s as html/template writes text: ’ and “ stay, & and " do not.
func htmlText(s string) string {
	return strings.NewReplacer("&", "&amp;", `"`, "&#34;", "'", "&#39;", "<", "&lt;", ">", "&gt;").Replace(s)
}

var jsonLD = regexp.MustCompile(`(?s)<script type="application/ld\+json">(.*?)</script>`)

// A person's page carries schema.org data and Open Graph made of public
// facts only: no internal note, hidden name, internal membership or
// confidential field, and a name holding </script> cannot break out.
func TestPersonSchemaOrgIsPublicOnly(t *testing.T) {
	st, h := newDemoSite(t, web.Config{BaseURL: "https://habeas.example.org"})
	ctx := context.Background()
	must := func(what string, err error) {
		t.Helper()
		if err != nil {
			t.Fatalf("%s: %v", what, err)
		}
	}
	tricky := `Ali </script><script>alert(1)</script> & "Əliyev"`
	p := &habeas.Person{Country: "AZ", Slug: "ali-aliyev", Occupation: "Journalist", Bio: "Reporter.", BirthYear: 1984,
		InternalNotes: "note " + secret, Visibility: habeas.Public,
		Names: []habeas.PersonName{{Name: tricky, Kind: habeas.NamePrimary, Visibility: habeas.Public},
			{Name: "Али Алиев", Kind: habeas.NameTransliteration, Script: "Cyrl", Lang: "ru", Visibility: habeas.Public},
			{Name: "Sealed " + secret, Kind: habeas.NameAlias, Visibility: habeas.Confidential},
			{Name: "Internal " + secret, Kind: habeas.NameAlias, Visibility: habeas.Internal}}}
	must("person", st.CreatePerson(ctx, habeas.Operator, p))
	org := &habeas.Organization{Name: "Org " + secret, Kind: "ngo", Country: "AZ", Visibility: habeas.Internal}
	must("internal org", st.CreateOrganization(ctx, habeas.Operator, org))
	must("membership", st.CreateMembership(ctx, habeas.Operator, &habeas.Membership{PersonID: p.ID, OrganizationID: org.ID, Role: "member"}))
	union, err := st.OrganizationBySlug(ctx, habeas.Public, demo.OrganizationSlug)
	must("union", err)
	must("hidden membership", st.CreateMembership(ctx, habeas.Operator, &habeas.Membership{PersonID: p.ID, OrganizationID: union.ID,
		Role: "secret member", Visibility: habeas.Internal}))

	body := expect(t, get(t, h, "/people/ali-aliyev"), 200, `<meta property="og:type" content="profile">`,
		`<meta property="og:url" content="https://habeas.example.org/people/ali-aliyev">`)
	refuse(t, body, secret, "QZX", "<script>alert", "secret member")
	m := jsonLD.FindAllStringSubmatch(body, -1)
	if len(m) != 1 {
		t.Fatalf("%d JSON-LD blocks, want 1", len(m))
	}
	if strings.Count(body, "</script>") != 1 || strings.Count(body, "<script") != 1 {
		t.Errorf("a name opened or closed a script element")
	}
	var ld map[string]any
	if err := json.Unmarshal([]byte(m[0][1]), &ld); err != nil {
		t.Fatalf("JSON-LD does not parse: %v\n%s", err, m[0][1])
	}
	want := map[string]any{"@context": "https://schema.org", "@type": "Person", "name": tricky, "jobTitle": "Journalist",
		"birthDate": "1984", "url": "https://habeas.example.org/people/ali-aliyev", "description": "Reporter."}
	for k, v := range want {
		if ld[k] != v {
			t.Errorf("JSON-LD %s = %v, want %v", k, ld[k], v)
		}
	}
	if alt, _ := json.Marshal(ld["alternateName"]); string(alt) != `["Али Алиев"]` {
		t.Errorf("alternateName = %s, want the public spelling alone", alt)
	}
	if ld["memberOf"] != nil {
		t.Errorf("memberOf = %v: internal memberships shown", ld["memberOf"])
	}
	for k := range ld {
		if !map[string]bool{"@context": true, "@type": true, "name": true, "alternateName": true, "jobTitle": true,
			"birthDate": true, "description": true, "url": true, "image": true, "memberOf": true}[k] {
			t.Errorf("JSON-LD has %q, which is not a public fact the page shows", k)
		}
	}
	// The demo's person is a member of the union, with its address.
	elvin := jsonLD.FindStringSubmatch(get(t, h, "/people/"+demo.PersonSlug).Body.String())
	if elvin == nil || !strings.Contains(elvin[1], `"memberOf":[{"@type":"Organization","name":"“Workers’ Table” Confederation of Trade Unions","url":"https://habeas.example.org/organizations/workers-table"}]`) {
		t.Errorf("Elvin's JSON-LD: %v", elvin)
	}
}
