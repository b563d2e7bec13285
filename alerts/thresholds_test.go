package alerts

import (
	"reflect"
	"strings"
	"testing"

	"codeberg.org/habeas/habeas"
)

func TestThresholdsValidate(t *testing.T) {
	tests := []struct {
		name  string
		th    Thresholds
		field string // "" when valid
		in    string // part of the reason
	}{
		{"none set", Thresholds{}, "", ""},
		{"valid", Thresholds{Days: map[string]int{NoNews: 3, NoContact: 1, ComingUp: MaxDays}, AnswerDays: map[string]int{"Penitentiary Service": 30}}, "", ""},
		{"zero", Thresholds{Days: map[string]int{NoNews: 0}}, "days.no_news", "at least 1"},
		{"negative", Thresholds{Days: map[string]int{HungerStrike: -7}}, "days.hunger_strike", "at least 1"},
		{"absurd", Thresholds{Days: map[string]int{NoContact: MaxDays + 1}}, "days.no_contact", "at most 3650"},
		{"unknown rule", Thresholds{Days: map[string]int{"no_newz": 7}}, "days.no_newz", `unknown rule "no_newz"`},
		{"authority: zero", Thresholds{AnswerDays: map[string]int{"Penitentiary Service": 0}}, "answer_days[Penitentiary Service]", "at least 1"},
		{"authority: absurd", Thresholds{AnswerDays: map[string]int{"Penitentiary Service": 100000}}, "answer_days[Penitentiary Service]", "at most"},
		{"authority without a name", Thresholds{AnswerDays: map[string]int{" ": 10}}, "answer_days[ ]", "name"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.th.Validate()
			if tt.field == "" {
				if err != nil {
					t.Fatalf("Validate: %v", err)
				}
				return
			}
			if habeas.ErrorCode(err) != habeas.EINVALID {
				t.Fatalf("Validate = %v, want an invalid error", err)
			}
			fields := habeas.ErrorFields(err)
			if len(fields) != 1 || !strings.Contains(fields[tt.field], tt.in) {
				t.Errorf("fields = %v, want %s: …%s…", fields, tt.field, tt.in)
			}
		})
	}
}

// A case's thresholds override the instance's rule by rule; neither is
// changed, and what is not overridden keeps the instance's value or the
// default.
func TestThresholdsWith(t *testing.T) {
	instance := Thresholds{Days: map[string]int{NoNews: 5, NoContact: 20}, AnswerDays: map[string]int{"A": 30}}
	perCase := Thresholds{Days: map[string]int{NoNews: 2}, AnswerDays: map[string]int{"B": 3}}
	got := instance.With(perCase)
	if got.DaysFor(NoNews) != 2 || got.DaysFor(NoContact) != 20 || got.DaysFor(HungerStrike) != 7 {
		t.Errorf("days: %v", got.Days)
	}
	if got.AnswerDaysFor("A") != 30 || got.AnswerDaysFor(" B ") != 3 || got.AnswerDaysFor("C") != 10 {
		t.Errorf("answer days: %v", got.AnswerDays)
	}
	if !reflect.DeepEqual(instance.Days, map[string]int{NoNews: 5, NoContact: 20}) || len(perCase.Days) != 1 {
		t.Errorf("With changed its inputs: %v, %v", instance, perCase)
	}
	if (Thresholds{}).With(perCase).DaysFor(NoNews) != 2 {
		t.Error("an empty instance set does not take the case's")
	}
	// An invalid value that slipped through counts as the default.
	if (Thresholds{Days: map[string]int{NoNews: -1}}).DaysFor(NoNews) != 7 {
		t.Error("an invalid threshold is used")
	}
	for _, r := range Rules {
		if DefaultDays[r] <= 0 {
			t.Errorf("rule %s has no default", r)
		}
	}
}

func TestSeverity(t *testing.T) {
	if !(Info < Warning && Warning < High && High < Critical) {
		t.Fatal("severities out of order")
	}
	for _, s := range []Severity{Info, Warning, High, Critical} {
		got, err := ParseSeverity(s.String())
		if err != nil || got != s {
			t.Errorf("ParseSeverity(%q) = %v, %v", s, got, err)
		}
	}
	if _, err := ParseSeverity("urgent"); habeas.ErrorFields(err)["severity"] == "" {
		t.Errorf("ParseSeverity(urgent) = %v", err)
	}
}
