package api

import (
	"log/slog"
	"math"
	"net/http/httptest"
	"strings"
	"testing"
)

// A value that does not encode is a logged 500, never a 200.
func TestWriteJSONFailure(t *testing.T) {
	tests := []struct {
		name   string
		v      any
		status int
	}{
		{"encodes", map[string]int{"a": 1}, 201},
		{"NaN", math.NaN(), 500},
		{"a channel", map[string]any{"c": make(chan int)}, 500},
		{"nested", struct{ Items []float64 }{[]float64{1, math.Inf(1)}}, 500},
	}
	for _, tc := range tests {
		var logs strings.Builder
		rec := httptest.NewRecorder()
		w := &apiWriter{ResponseWriter: rec, log: slog.New(slog.NewTextHandler(&logs, nil)), r: httptest.NewRequest("GET", "/api/v1/x", nil)}
		writeJSON(w, 201, tc.v)
		if rec.Code != tc.status {
			t.Errorf("%s: status %d, want %d", tc.name, rec.Code, tc.status)
		}
		logged := strings.Contains(logs.String(), "level=ERROR")
		if logged != (tc.status == 500) {
			t.Errorf("%s: logged %v: %s", tc.name, logged, logs.String())
		}
		if tc.status == 500 && !strings.Contains(rec.Body.String(), `"code":"internal"`) {
			t.Errorf("%s: body %s", tc.name, rec.Body.String())
		}
	}
}
