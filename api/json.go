package api

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"mime"
	"net/http"
	"reflect"
	"strconv"
	"strings"
	"unicode/utf8"

	"codeberg.org/habeas/habeas"
)

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(true)
	enc.Encode(v)
}

// decode reads a JSON object into v, a pointer to a struct. It rejects
// bodies over MaxBodyBytes, invalid UTF-8, unknown fields (named), values
// of the wrong type (named), trailing data, and a missing "visibility"
// when required (a record is never public by omission).
func decode(w http.ResponseWriter, r *http.Request, v any, needVisibility bool) error {
	if ct := r.Header.Get("Content-Type"); ct != "" {
		mt, _, err := mime.ParseMediaType(ct)
		if err != nil || mt != "application/json" {
			return &habeas.Error{Code: "unsupported_media_type", Message: "send the body as application/json"}
		}
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, MaxBodyBytes))
	var tooBig *http.MaxBytesError
	if errors.As(err, &tooBig) {
		return habeas.Errorf(habeas.ETOOLARGE, "the body is larger than %d bytes", MaxBodyBytes)
	} else if err != nil {
		return habeas.Errorf(habeas.EBADREQUEST, "could not read the body")
	}
	if !utf8.Valid(body) {
		return habeas.Errorf(habeas.EBADREQUEST, "the body is not valid UTF-8")
	}
	var raw map[string]json.RawMessage
	if err := json.Unmarshal(body, &raw); err != nil {
		return habeas.Errorf(habeas.EBADREQUEST, "the body is not a JSON object: %s", jsonProblem(err))
	}
	known := jsonFields(reflect.TypeOf(v).Elem())
	pr := habeas.Problems{}
	for k := range raw {
		if !known[k] {
			pr.Add(k, "unknown field")
		}
	}
	if _, ok := raw["visibility"]; needVisibility && !ok {
		pr.Add("visibility", "is required: public, internal or confidential")
	}
	if len(pr) > 0 {
		return &habeas.Error{Code: habeas.EBADREQUEST, Message: "the body has problems", Fields: pr}
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	if err := dec.Decode(v); err != nil {
		var te *json.UnmarshalTypeError
		var he *habeas.Error
		switch {
		case errors.As(err, &te) && te.Field != "":
			return &habeas.Error{Code: habeas.EBADREQUEST, Message: "the body has problems",
				Fields: map[string]string{te.Field: "must be " + jsonKind(te.Type)}}
		case errors.As(err, &he):
			// Only visibility decodes through our own text unmarshaler.
			return &habeas.Error{Code: habeas.EBADREQUEST, Message: "the body has problems",
				Fields: map[string]string{"visibility": he.Message}}
		}
		return habeas.Errorf(habeas.EBADREQUEST, "the body is not valid: %s", jsonProblem(err))
	}
	if dec.More() {
		return habeas.Errorf(habeas.EBADREQUEST, "the body has data after the JSON object")
	}
	return nil
}

func jsonProblem(err error) string {
	var se *json.SyntaxError
	if errors.As(err, &se) {
		return se.Error() + " at byte " + strconv.FormatInt(se.Offset, 10)
	}
	if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
		return "it is empty or cut short"
	}
	return "it does not match the expected shape"
}

func jsonKind(t reflect.Type) string {
	switch t.Kind() {
	case reflect.String:
		return "a string"
	case reflect.Int, reflect.Int64, reflect.Int32:
		return "an integer"
	case reflect.Float64:
		return "a number"
	case reflect.Bool:
		return "true or false"
	case reflect.Slice:
		return "an array"
	case reflect.Struct, reflect.Map:
		return "an object"
	}
	return "of another type"
}

// jsonFields returns the JSON names of a struct's fields.
func jsonFields(t reflect.Type) map[string]bool {
	out := map[string]bool{}
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		if !f.IsExported() {
			continue
		}
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		if name == "-" {
			continue
		}
		if name == "" {
			name = f.Name
		}
		out[name] = true
	}
	return out
}
