package habeas

import "testing"

func validEstimate() Estimate {
	return Estimate{Country: "AZ", Count: 350, Qualifier: EstimateAround, Of: "political_prisoner",
		By: "local human rights organizations", AsOf: "2025-05-15", SourceIDs: []int64{1}}
}

// A bad estimate is refused with the field that is wrong named.
func TestEstimateValidation(t *testing.T) {
	tests := []struct {
		name  string
		edit  func(e *Estimate)
		field string // "" when valid
	}{
		{"valid", func(e *Estimate) {}, ""},
		{"with a counter-statement", func(e *Estimate) { e.Counter, e.CounterBy = "Officials reject it.", "Government officials" }, ""},
		{"a partial date", func(e *Estimate) { e.AsOf = "2025-05~" }, ""},
		{"no country", func(e *Estimate) { e.Country = "" }, "country"},
		{"lower-case country", func(e *Estimate) { e.Country = "az" }, "country"},
		{"negative count", func(e *Estimate) { e.Count = -1 }, "count"},
		{"absurd count", func(e *Estimate) { e.Count = 2_000_000_000 }, "count"},
		{"unknown qualifier", func(e *Estimate) { e.Qualifier = "roughly" }, "qualifier"},
		{"no qualifier", func(e *Estimate) { e.Qualifier = "" }, "qualifier"},
		{"counts no classification", func(e *Estimate) { e.Of = "not_assessed" }, "of"},
		{"unknown classification", func(e *Estimate) { e.Of = "dissident" }, "of"},
		{"nobody made it", func(e *Estimate) { e.By = " " }, "by"},
		{"no date", func(e *Estimate) { e.AsOf = "" }, "as_of"},
		{"not a date", func(e *Estimate) { e.AsOf = "last spring" }, "as_of"},
		{"a counter-statement by nobody", func(e *Estimate) { e.Counter = "Officials reject it." }, "counter_by"},
		{"nobody's counter-statement", func(e *Estimate) { e.CounterBy = "Government officials" }, "counter_by"},
		{"no source", func(e *Estimate) { e.SourceIDs = nil }, "source_ids"},
		{"not a source id", func(e *Estimate) { e.SourceIDs = []int64{0} }, "source_ids"},
		{"confidential", func(e *Estimate) { e.Visibility = Confidential }, "visibility"},
		{"unknown visibility", func(e *Estimate) { e.Visibility = 7 }, "visibility"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := validEstimate()
			tt.edit(&e)
			err := e.Validate()
			if tt.field == "" {
				if err != nil {
					t.Fatalf("Validate() = %v, want nil", err)
				}
				return
			}
			if _, ok := ErrorFields(err)[tt.field]; !ok {
				t.Fatalf("Validate() = %v, want a problem with %s", err, tt.field)
			}
		})
	}
}
