// Package markup turns the Markdown staff write (news posts, and later
// descriptions) into HTML fit for a public page: goldmark renders it, with
// raw HTML left out, and one bluemonday policy, kept here and nowhere else,
// lets through only the elements and attributes a post needs.
//
// Public pages load nothing from another origin, so an image in the text
// shows only when it is a path on this site; any other image becomes a
// link to it, with its description as the link's text.
package markup

import (
	"bytes"
	"html"
	"html/template"
	"net/url"
	"regexp"
	"strings"
	"sync"

	"github.com/microcosm-cc/bluemonday"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

var (
	once   sync.Once
	md     goldmark.Markdown
	policy *bluemonday.Policy
	strict *bluemonday.Policy
)

func setup() {
	md = goldmark.New(
		goldmark.WithExtensions(
			extension.NewTable(extension.WithTableCellAlignMethod(extension.TableCellAlignAttribute)),
			extension.Strikethrough, extension.Linkify),
		goldmark.WithParserOptions(parser.WithASTTransformers(util.Prioritized(pageTransformer{}, 100))),
		// Raw HTML in the text is left out (goldmark's default): what a
		// post may contain is what Markdown writes.
	)
	policy = Policy()
	strict = bluemonday.StrictPolicy()
}

// Policy is the one sanitiser of rendered Markdown: text structure,
// emphasis, lists, quotes, code, tables, links and same-site images.
// Links may be http, https, mailto or paths on this site; links to other
// sites carry rel="nofollow noreferrer noopener", so that following one
// tells the other site nothing about the reader's page.
func Policy() *bluemonday.Policy {
	p := bluemonday.NewPolicy()
	p.AllowElements("p", "br", "hr", "h2", "h3", "h4", "h5", "h6", "em", "strong", "del", "blockquote",
		"ul", "ol", "li", "code", "pre", "table", "thead", "tbody", "tr", "th", "td")
	p.AllowAttrs("start").Matching(regexp.MustCompile(`^[0-9]{1,6}$`)).OnElements("ol")
	p.AllowAttrs("align").Matching(regexp.MustCompile(`^(left|right|center)$`)).OnElements("th", "td")
	p.AllowAttrs("href").OnElements("a")
	p.AllowURLSchemes("http", "https", "mailto")
	p.AllowRelativeURLs(true)
	p.RequireParseableURLs(true)
	p.RequireNoFollowOnFullyQualifiedLinks(true)
	p.RequireNoReferrerOnFullyQualifiedLinks(true)
	p.AddTargetBlankToFullyQualifiedLinks(false)
	p.AllowAttrs("src").Matching(regexp.MustCompile(`^/[^/\\]`)).OnElements("img")
	p.AllowAttrs("alt", "title").OnElements("img", "a")
	return p
}

// HTML renders Markdown as sanitised HTML.
func HTML(markdown string) template.HTML {
	once.Do(setup)
	var b bytes.Buffer
	if err := md.Convert([]byte(markdown), &b); err != nil {
		// goldmark fails only when writing fails, and a buffer does not.
		return template.HTML(template.HTMLEscapeString(markdown))
	}
	return template.HTML(policy.SanitizeBytes(b.Bytes()))
}

// Text returns the words of Markdown without any markup, in one line:
// for summaries, feeds and link previews.
func Text(markdown string) string {
	once.Do(setup)
	plain := html.UnescapeString(strict.Sanitize(string(HTML(markdown))))
	return strings.Join(strings.Fields(plain), " ")
}

// pageTransformer fits a post's tree to its page: headings start at h2
// (the page's title is its one h1), and an image that is not on this site
// becomes a link to it.
type pageTransformer struct{}

func (pageTransformer) Transform(doc *ast.Document, reader text.Reader, _ parser.Context) {
	var images []*ast.Image
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Heading:
			n.Level = min(n.Level+1, 6)
		case *ast.Image:
			if !local(string(n.Destination)) {
				images = append(images, n)
			}
		}
		return ast.WalkContinue, nil
	})
	for _, img := range images {
		link := ast.NewLink()
		link.Destination = img.Destination
		for c := img.FirstChild(); c != nil; {
			next := c.NextSibling()
			link.AppendChild(link, c)
			c = next
		}
		if !link.HasChildren() {
			link.AppendChild(link, ast.NewString(img.Destination))
		}
		img.Parent().ReplaceChild(img.Parent(), img, link)
	}
}

// local reports whether a URL is a path on this site.
func local(dest string) bool {
	if !strings.HasPrefix(dest, "/") || strings.HasPrefix(dest, "//") || strings.ContainsRune(dest, '\\') {
		return false
	}
	u, err := url.Parse(dest)
	return err == nil && u.Scheme == "" && u.Host == ""
}
