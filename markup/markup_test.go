package markup

import (
	"net/url"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// hostile is a corpus of what a post's author, or someone who took over
// an author's account, might paste to run script on readers' browsers.
var hostile = []string{
	`<script>alert(1)</script>`,
	`<img src=x onerror=alert(1)>`,
	`<svg onload=alert(1)>`,
	`<iframe src="javascript:alert(1)"></iframe>`,
	`[click](javascript:alert(1))`,
	`[click](JaVaScRiPt:alert(1))`,
	`[click](  javascript:alert(1))`,
	`[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)`,
	`[click](vbscript:msgbox(1))`,
	`![x](javascript:alert(1))`,
	`![x](//evil.example/a.png)`,
	`<a href="javascript:alert(1)">x</a>`,
	`<div style="background:url(javascript:alert(1))">x</div>`,
	`<style>body{display:none}</style>`,
	`<form action="https://evil.example"><input name=p></form>`,
	`<object data="x.swf"></object>`,
	`<math><mi xlink:href="javascript:alert(1)">x</mi></math>`,
	"```html\n<script>alert(1)</script>\n```",
	`<<script>script>alert(1)<</script>/script>`,
	`[a](https://example.org "x\" onmouseover=\"alert(1)")`,
	"<details open ontoggle=alert(1)>",
	`<base href="https://evil.example/">`,
	`<meta http-equiv="refresh" content="0;url=https://evil.example">`,
	`<link rel=stylesheet href=https://evil.example/x.css>`,
}

func TestHostileMarkdownIsInert(t *testing.T) {
	allowed := map[string]bool{"p": true, "br": true, "hr": true, "h2": true, "h3": true, "h4": true, "h5": true, "h6": true,
		"em": true, "strong": true, "del": true, "blockquote": true, "ul": true, "ol": true, "li": true, "code": true,
		"pre": true, "table": true, "thead": true, "tbody": true, "tr": true, "th": true, "td": true, "a": true, "img": true}
	for _, in := range hostile {
		out := string(HTML(in))
		z := html.NewTokenizer(strings.NewReader(out))
		for tt := z.Next(); tt != html.ErrorToken; tt = z.Next() {
			if tt != html.StartTagToken && tt != html.SelfClosingTagToken {
				continue
			}
			tok := z.Token()
			if !allowed[tok.Data] {
				t.Errorf("HTML(%q) = %q: element <%s>", in, out, tok.Data)
			}
			for _, a := range tok.Attr {
				switch a.Key {
				case "href", "src":
					if u, err := url.Parse(a.Val); err != nil || (u.Scheme != "" && u.Scheme != "http" && u.Scheme != "https" && u.Scheme != "mailto") {
						t.Errorf("HTML(%q) = %q: %s=%q", in, out, a.Key, a.Val)
					}
					if a.Key == "src" && !strings.HasPrefix(a.Val, "/") || strings.HasPrefix(a.Val, "//") && a.Key == "src" {
						t.Errorf("HTML(%q) = %q: image from another site %q", in, out, a.Val)
					}
				case "alt", "title", "rel", "start", "align":
				default:
					t.Errorf("HTML(%q) = %q: attribute %s", in, out, a.Key)
				}
			}
		}
	}
}

func TestHTML(t *testing.T) {
	tests := []struct {
		name, in string
		want     []string // substrings the output must contain
		not      []string // and must not
	}{
		{"heading starts at h2", "# Title\n\n## Sub", []string{"<h2>Title</h2>", "<h3>Sub</h3>"}, []string{"<h1"}},
		{"deep heading stops at h6", "###### six", []string{"<h6>six</h6>"}, nil},
		{"external link tells the other site nothing", "[post](https://example.org/a)",
			[]string{`href="https://example.org/a"`, "nofollow", "noreferrer"}, []string{"target="}},
		{"site link stays plain", "[people](/people)", []string{`<a href="/people">people</a>`}, []string{"nofollow"}},
		{"same-site image shows", "![A court in Baku](/media/1.jpg)", []string{`<img src="/media/1.jpg" alt="A court in Baku"`}, nil},
		{"other-site image becomes a link", "![A court](https://example.org/c.jpg)",
			[]string{`href="https://example.org/c.jpg"`, ">A court</a>"}, []string{"<img"}},
		{"protocol-relative image becomes a link", "![x](//example.org/c.jpg)", nil, []string{"<img"}},
		{"raw html is left out", "a <b>bold</b> claim", []string{"a ", "bold", "claim"}, []string{"<b>"}},
		{"table", "| a | b |\n|---|--:|\n| 1 | 2 |", []string{"<table>", "<th>a</th>", `<td align="right">2</td>`}, nil},
		{"pull quote markup", "> They insist the accusations are fabricated.", []string{"<blockquote>"}, nil},
		{"bare url is linked", "see https://example.org", []string{`href="https://example.org"`}, nil},
		{"mailto", "[write](mailto:info@example.org)", []string{`href="mailto:info@example.org"`}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := string(HTML(tt.in))
			for _, w := range tt.want {
				if !strings.Contains(out, w) {
					t.Errorf("HTML(%q) = %q, want it to contain %q", tt.in, out, w)
				}
			}
			for _, n := range tt.not {
				if strings.Contains(out, n) {
					t.Errorf("HTML(%q) = %q, want no %q", tt.in, out, n)
				}
			}
		})
	}
}

func TestText(t *testing.T) {
	tests := []struct{ in, want string }{
		{"# Title\n\nSome *emphasis* and [a link](https://example.org).", "Title Some emphasis and a link."},
		{"Tom &amp; Jerry <script>x</script>", "Tom & Jerry x"},
		{"", ""},
		{"line one\nline two", "line one line two"},
	}
	for _, tt := range tests {
		if got := Text(tt.in); got != tt.want {
			t.Errorf("Text(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
