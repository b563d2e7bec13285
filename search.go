package habeas

// Kinds of search hit.
const (
	HitPerson = "person"
	HitCase   = "case"
	HitEvent  = "event"
	HitPost   = "post"
)

// SearchHit is one record a search found. Text is what the record says,
// for a snippet; the rest says where it is shown.
type SearchHit struct {
	Kind string `json:"kind"`
	ID   int64  `json:"id"`
	// Title is what a list of hits names the record by: a person's name,
	// a post's title, the person an event or a case is about.
	Title string `json:"title"`
	// Slug is the address of the page that shows the record: the person's
	// for a person, a case or an event, the post's for a post.
	Slug string `json:"slug"`
	// EventKind and Date, for an event: its kind and date (EDTF).
	EventKind string `json:"event_kind,omitempty"`
	Date      string `json:"date,omitempty"`
	// Snippet is a passage of what the record says around the words found,
	// those words marked; the API and the pages fill it from Text.
	Snippet []Segment `json:"snippet"`
	Text    string    `json:"-"`
}

// Segment is a piece of a snippet; Mark says it is a word the search found.
type Segment struct {
	Text string `json:"text"`
	Mark bool   `json:"mark,omitempty"`
}

// SearchResults are the hits of a search, by kind, each kind newest first
// (people best match first); More says a kind has more than it lists.
type SearchResults struct {
	People []SearchHit     `json:"people"`
	Cases  []SearchHit     `json:"cases"`
	Events []SearchHit     `json:"events"`
	Posts  []SearchHit     `json:"posts"`
	More   map[string]bool `json:"more"`
}
