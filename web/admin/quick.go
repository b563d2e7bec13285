package admin

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"codeberg.org/habeas/habeas"
	"codeberg.org/habeas/habeas/edtf"
)

// quickEvent is a timeline entry read from one typed line such as
//
//	2025-05-06 hunger-strike @correctional-facility-no-3 Began a hunger strike in protest [1]
//
// the date (EDTF: 2025-05, 2025-05-06/2025-05-14 …), the kind, an
// optional @facility slug, an optional #visibility, the summary, and the
// sources cited as [1] or [1, 4].
type quickEvent struct {
	Date, Kind, Facility, Summary string
	Visibility                    habeas.Visibility
	SourceIDs                     []int64
}

// kindWords are the words the line takes for a kind, besides the kind's
// own name with - or _.
var kindWords = map[string]string{
	"hunger-strike":     habeas.EventHungerStrikeStart,
	"strike":            habeas.EventHungerStrikeStart,
	"strike-end":        habeas.EventHungerStrikeEnd,
	"hunger-strike-end": habeas.EventHungerStrikeEnd,
	"visit":             habeas.EventFamilyVisit,
	"family":            habeas.EventFamilyVisit,
	"lawyer":            habeas.EventLawyerVisit,
	"sentence":          habeas.EventVerdict,
	"moved":             habeas.EventTransfer,
	"released":          habeas.EventRelease,
	"quote":             habeas.EventStatement,
}

// parseQuick reads a quick line. Its errors name the part of the line
// that is wrong, by the field the full form calls it.
func parseQuick(line string) (quickEvent, error) {
	q := quickEvent{Visibility: habeas.Internal}
	pr := habeas.Problems{}
	fields := strings.Fields(line)
	if len(fields) < 2 {
		return q, &habeas.Error{Code: habeas.EINVALID, Message: "the line needs at least a date and a kind",
			Fields: map[string]string{"line": "write a date, a kind and what happened, e.g. 2025-05-06 hunger-strike Began a hunger strike [1]"}}
	}
	if d, err := edtf.Parse(fields[0]); err != nil {
		pr.Add("date", fmt.Sprintf("%q is not a date: %v", fields[0], err))
	} else {
		q.Date = d.String()
	}
	k := strings.ToLower(fields[1])
	if w, ok := kindWords[k]; ok {
		q.Kind = w
	} else if kk := strings.ReplaceAll(k, "-", "_"); slices.Contains(habeas.EventKinds, kk) {
		q.Kind = kk
	} else {
		pr.Add("kind", fmt.Sprintf("%q is not a kind of event (for example arrest, hearing, transfer, hunger-strike, strike-end, visit, lawyer, release, statement, news)", fields[1]))
	}
	rest := fields[2:]
	for len(rest) > 0 {
		f := rest[0]
		if strings.HasPrefix(f, "@") && q.Facility == "" && len(f) > 1 {
			q.Facility = strings.ToLower(f[1:])
		} else if v, ok := strings.CutPrefix(f, "#"); ok {
			if err := q.Visibility.UnmarshalText([]byte(strings.ToLower(v))); err != nil {
				pr.Add("visibility", fmt.Sprintf("%q is not a visibility (want #public, #internal or #confidential)", f))
			}
		} else {
			break
		}
		rest = rest[1:]
	}
	text := strings.Join(rest, " ")
	// Sources cited at the end: [1] [2, 3].
	for {
		text = strings.TrimSpace(text)
		if !strings.HasSuffix(text, "]") {
			break
		}
		open := strings.LastIndexByte(text, '[')
		if open < 0 {
			break
		}
		var ids []int64
		for _, p := range strings.Split(text[open+1:len(text)-1], ",") {
			id, err := strconv.ParseInt(strings.TrimSpace(p), 10, 64)
			if err != nil || id <= 0 {
				pr.Add("source_ids", fmt.Sprintf("%q is not a list of source numbers such as [1] or [1, 4]", text[open:]))
				ids = nil
				break
			}
			ids = append(ids, id)
		}
		if ids == nil {
			break
		}
		q.SourceIDs = append(ids, q.SourceIDs...)
		text = text[:open]
	}
	q.Summary = strings.TrimSpace(text)
	return q, pr.Err("line")
}
