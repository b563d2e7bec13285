package habeas

import "time"

// Tip states: a tip arrives new; staff mark it handled once acted on, or
// archived when nothing is to be done.
const (
	TipNew      = "new"
	TipHandled  = "handled"
	TipArchived = "archived"
)

// TipStates are the states of a tip.
var TipStates = []string{TipNew, TipHandled, TipArchived}

// Tip is information a relative, a lawyer or anyone else sent about a
// person through the "send us information" form of their page. It is
// confidential: only staff granted confidential access read it, and its
// name, contact and text are sealed at rest.
type Tip struct {
	ID       int64  `json:"id"`
	PersonID int64  `json:"person_id"` // 0 once the person is deleted
	Name     string `json:"name"`      // optional
	Contact  string `json:"contact"`   // optional: how staff may answer
	Text     string `json:"text"`
	Status   string `json:"status"`
	// CreatedAt is when it was sent.
	CreatedAt time.Time `json:"created_at"`
	UpdatedAt time.Time `json:"updated_at"`
}

// TipFilter selects tips, newest first: of one person (0 every person),
// in one state ("" any).
type TipFilter struct {
	PersonID int64
	Status   string
	ListOptions
}

// Validate checks a tip's fields as a visitor sends them and as an import
// carries them.
func (t *Tip) Validate() error {
	pr := Problems{}
	if t.PersonID < 0 {
		pr.Add("person_id", "must be a person id")
	}
	validLine(pr, "name", t.Name, 0, MaxInputName)
	validLine(pr, "contact", t.Contact, 0, MaxInputContact)
	validText(pr, "text", t.Text, 1, MaxInputText)
	validEnum(pr, "status", t.Status, TipStates)
	return pr.Err("tip")
}
