package admin

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	"codeberg.org/habeas/habeas"
)

// News posts: a list of every post the account may read, and the post
// editor. Publishing is a state and a time: a post published for later
// shows on its time, on the settable clock.

type postsPage struct {
	Posts []habeas.Post
	Next  string
}

func (s *Server) posts(w http.ResponseWriter, r *http.Request, c *caller) {
	page, err := s.svc.ListPosts(r.Context(), c.Access(), habeas.PostFilter{ListOptions: habeas.ListOptions{Limit: 50, Cursor: r.URL.Query().Get("cursor")}})
	if err != nil {
		s.refused(w, r, err)
		return
	}
	p := postsPage{Posts: page.Items}
	if page.NextCursor != "" {
		p.Next = "/admin/posts?cursor=" + page.NextCursor
	}
	s.render(w, r, http.StatusOK, "posts", view{Title: "News", Nav: "posts", User: c, Page: p})
}

type postForm struct {
	Caller    *caller
	Post      habeas.Post
	Quotes    []quoteRow
	Errors    map[string]string
	Problem   string
	Saved     bool
	PublishAt string // datetime-local, UTC
	Langs     []string
	States    []string
}

type quoteRow struct {
	habeas.PullQuote
	Index int
}

func (f *postForm) Err(field string) string { return f.Errors[field] }

// Other lists the problems not shown beside a field.
func (f *postForm) Other() []string {
	var out []string
	for k, v := range f.Errors {
		switch k {
		case "title", "slug", "body", "summary", "author", "tags", "publish_at", "visibility", "source_ids", "person_ids", "fact_person_id", "cover_url", "cover_alt":
			continue
		}
		out = append(out, k+": "+v)
	}
	return out
}

const localTime = "2006-01-02T15:04"

func newPostForm(c *caller, p habeas.Post) *postForm {
	f := &postForm{Caller: c, Post: p, Langs: habeas.PostLanguages, States: habeas.PostStates}
	if !p.PublishAt.IsZero() {
		f.PublishAt = p.PublishAt.UTC().Format(localTime)
	}
	for i, q := range p.Quotes {
		f.Quotes = append(f.Quotes, quoteRow{q, i})
	}
	for i := len(p.Quotes); i < len(p.Quotes)+2; i++ {
		f.Quotes = append(f.Quotes, quoteRow{Index: i})
	}
	return f
}

// ids reads a list of record numbers as forms take them ("1, 4" or
// "1 4"), or records in bad why field cannot be read.
func ids(v string, bad map[string]string, field string) []int64 {
	var out []int64
	for _, x := range strings.FieldsFunc(v, func(r rune) bool { return r == ',' || r == ' ' }) {
		id, err := strconv.ParseInt(x, 10, 64)
		if err != nil || id <= 0 {
			bad[field] = "must be numbers separated by commas, such as 1, 4"
			return nil
		}
		out = append(out, id)
	}
	return out
}

func readPost(r *http.Request, p *habeas.Post) map[string]string {
	bad := map[string]string{}
	f := r.PostForm
	p.Title, p.Slug = strings.TrimSpace(f.Get("title")), strings.TrimSpace(f.Get("slug"))
	p.Lang, p.Summary, p.Body = f.Get("lang"), strings.TrimSpace(f.Get("summary")), f.Get("body")
	p.Author = strings.TrimSpace(f.Get("author"))
	p.CoverURL, p.CoverAlt, p.CoverCaption = strings.TrimSpace(f.Get("cover_url")), strings.TrimSpace(f.Get("cover_alt")), strings.TrimSpace(f.Get("cover_caption"))
	if f.Get("remove_cover") == "1" {
		p.CoverMediaID = 0
	}
	p.Tags = nil
	for _, t := range strings.Split(f.Get("tags"), ",") {
		if t = strings.TrimSpace(t); t != "" {
			p.Tags = append(p.Tags, t)
		}
	}
	p.State = f.Get("state")
	p.PublishAt = time.Time{}
	if v := strings.TrimSpace(f.Get("publish_at")); v != "" {
		t, err := time.Parse(localTime, v)
		if err != nil {
			bad["publish_at"] = "must be a date and time such as 2025-05-15T09:00 (UTC), or empty for now"
		}
		p.PublishAt = t
	}
	p.FactPersonID = 0
	if v := strings.TrimSpace(f.Get("fact_person_id")); v != "" {
		if x := ids(v, bad, "fact_person_id"); len(x) == 1 {
			p.FactPersonID = x[0]
		} else {
			bad["fact_person_id"] = "must be one person's number"
		}
	}
	p.PersonIDs = ids(f.Get("person_ids"), bad, "person_ids")
	p.SourceIDs = ids(f.Get("source_ids"), bad, "source_ids")
	p.Quotes = nil
	for i := 0; i < 10; i++ {
		k := strconv.Itoa(i)
		text := strings.TrimSpace(f.Get("quote." + k))
		if text == "" {
			continue
		}
		p.Quotes = append(p.Quotes, habeas.PullQuote{Text: text, Speaker: strings.TrimSpace(f.Get("speaker." + k)),
			SourceIDs: ids(f.Get("qsources."+k), bad, "quotes")})
	}
	if err := p.Visibility.UnmarshalText([]byte(f.Get("visibility"))); err != nil {
		bad["visibility"] = "choose who may see this post"
	}
	return bad
}

func (s *Server) newPost(w http.ResponseWriter, r *http.Request, c *caller) {
	p := habeas.Post{Lang: "en", State: habeas.PostDraft, Visibility: habeas.Internal}
	if st, err := s.svc.Settings(r.Context()); err == nil {
		p.Author = st.Name
	}
	s.render(w, r, http.StatusOK, "post", view{Title: "New post", Nav: "posts", User: c, Page: newPostForm(c, p)})
}

func (s *Server) postPage(w http.ResponseWriter, r *http.Request, c *caller) {
	id, ok := pathID(r)
	if !ok {
		s.notFound(w, r)
		return
	}
	p, err := s.svc.Post(r.Context(), c.Access(), id)
	if err != nil {
		s.refused(w, r, err)
		return
	}
	f := newPostForm(c, *p)
	f.Saved = r.URL.Query().Get("saved") != ""
	s.render(w, r, http.StatusOK, "post", view{Title: p.Title, Nav: "posts", User: c, Page: f})
}

func (s *Server) savePost(w http.ResponseWriter, r *http.Request, c *caller) {
	ctx := r.Context()
	var p habeas.Post
	title := "New post"
	id, existing := pathID(r)
	if existing {
		old, err := s.svc.Post(ctx, c.Access(), id)
		if err != nil {
			s.refused(w, r, err)
			return
		}
		p, title = *old, old.Title
	}
	bad := readPost(r, &p)
	var err error
	if len(bad) == 0 {
		if existing {
			err = s.svc.UpdatePost(ctx, c.User, &p)
		} else {
			err = s.svc.CreatePost(ctx, c.User, &p)
		}
		if err == nil {
			http.Redirect(w, r, fmt.Sprintf("/admin/posts/%d?saved=1", p.ID), http.StatusSeeOther)
			return
		}
		if !failed(err) {
			s.serverError(w, r, err)
			return
		}
	}
	f := newPostForm(c, p)
	f.PublishAt = r.PostFormValue("publish_at")
	f.Errors = bad
	f.Problem = "The post was not saved: see the fields marked below."
	if err != nil {
		f.Problem, f.Errors = problem(err, f.Problem)
	}
	s.render(w, r, statusOf(err), "post", view{Title: title, Nav: "posts", User: c, Page: f})
}
