// Package jsonrec decodes one JSON object into a record of the domain,
// strictly: the API's request bodies and the lines of an import file go
// through it, so that both refuse the same mistakes in the same words.
package jsonrec

import (
	"bytes"
	"encoding"
	"encoding/json"
	"errors"
	"io"
	"reflect"
	"strconv"
	"strings"
	"sync"

	"codeberg.org/habeas/habeas"
)

// Decode reads the JSON object data into v, a pointer to a struct. It
// rejects, at every depth (top level, sentence, charges[], names[] …) and
// naming the path of each: unknown fields, values of the wrong type,
// strings holding a lone UTF-16 surrogate escape, a null or missing
// "visibility" (a record or a name is never public by omission; at the top
// level only when needVisibility), and trailing data. Its errors are
// habeas errors with code EBADREQUEST.
func Decode(body []byte, v any, needVisibility bool) error {
	var raw map[string]json.RawMessage
	if err := json.Unmarshal(body, &raw); err != nil {
		return habeas.Errorf(habeas.EBADREQUEST, "not a JSON object: %s", jsonProblem(err))
	}
	t := reflect.TypeOf(v).Elem()
	pr := habeas.Problems{}
	checkObject(pr, "", raw, t)
	if _, ok := raw["visibility"]; needVisibility && !ok {
		pr.Add("visibility", visibilityRequired)
	}
	if len(pr) > 0 {
		return &habeas.Error{Code: habeas.EBADREQUEST, Message: "the object has problems", Fields: pr}
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.DisallowUnknownFields() // checkObject named them; this is the backstop
	if err := dec.Decode(v); err != nil {
		var te *json.UnmarshalTypeError
		var he *habeas.Error
		switch {
		case errors.As(err, &te) && te.Field != "":
			return &habeas.Error{Code: habeas.EBADREQUEST, Message: "the object has problems",
				Fields: map[string]string{te.Field: "must be " + jsonKind(te.Type)}}
		case errors.As(err, &he):
			return habeas.Errorf(habeas.EBADREQUEST, "not valid: %s", he.Message)
		}
		return habeas.Errorf(habeas.EBADREQUEST, "not valid: %s", jsonProblem(err))
	}
	if dec.More() {
		return habeas.Errorf(habeas.EBADREQUEST, "data after the JSON object")
	}
	return nil
}

const visibilityRequired = "is required: public, internal or confidential"

var (
	visibilityType      = reflect.TypeFor[habeas.Visibility]()
	textUnmarshalerType = reflect.TypeFor[encoding.TextUnmarshaler]()
)

// checkObject checks the members of a JSON object meant for struct type t,
// adding a problem named by its path (prefix + name) for each unknown field
// and each bad value. A nested struct with a visibility field must carry it.
func checkObject(pr habeas.Problems, prefix string, obj map[string]json.RawMessage, t reflect.Type) {
	known := jsonFields(t)
	for name, val := range obj {
		path := prefix + name
		ft, ok := known[name]
		if !ok {
			pr.Add(path, "unknown field")
			continue
		}
		checkValue(pr, path, val, ft)
	}
	if prefix != "" && known["visibility"] == visibilityType {
		if _, ok := obj["visibility"]; !ok {
			pr.Add(prefix+"visibility", visibilityRequired)
		}
	}
}

// checkValue checks one JSON value meant for type t.
func checkValue(pr habeas.Problems, path string, val json.RawMessage, t reflect.Type) {
	val = bytes.TrimSpace(val)
	if len(val) == 0 {
		return
	}
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if val[0] == '"' && loneSurrogate(val) {
		pr.Add(path, "holds a lone UTF-16 surrogate escape (such as \\ud800), which is no character")
		return
	}
	if t == visibilityType {
		var name string
		if string(val) == "null" {
			pr.Add(path, visibilityRequired)
		} else if json.Unmarshal(val, &name) != nil {
			pr.Add(path, "must be a string: public, internal or confidential")
		} else if err := new(habeas.Visibility).UnmarshalText([]byte(name)); err != nil {
			pr.Add(path, habeas.ErrorMessage(err))
		}
		return
	}
	if string(val) == "null" {
		return // the zero value, as when left out
	}
	if reflect.PointerTo(t).Implements(textUnmarshalerType) {
		if val[0] != '"' {
			pr.Add(path, "must be a string")
		}
		return
	}
	switch t.Kind() {
	case reflect.Struct:
		var obj map[string]json.RawMessage
		if val[0] != '{' || json.Unmarshal(val, &obj) != nil {
			pr.Add(path, "must be an object")
			return
		}
		checkObject(pr, path+".", obj, t)
	case reflect.Slice, reflect.Array:
		var items []json.RawMessage
		if val[0] != '[' || json.Unmarshal(val, &items) != nil {
			pr.Add(path, "must be an array")
			return
		}
		for i, item := range items {
			checkValue(pr, path+"["+strconv.Itoa(i)+"]", item, t.Elem())
		}
	case reflect.String:
		if val[0] != '"' {
			pr.Add(path, "must be a string")
		}
	case reflect.Bool:
		if string(val) != "true" && string(val) != "false" {
			pr.Add(path, "must be true or false")
		}
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		if val[0] != '-' && (val[0] < '0' || val[0] > '9') || bytes.ContainsAny(val, ".eE") {
			pr.Add(path, "must be an integer")
		}
	case reflect.Float32, reflect.Float64:
		if val[0] != '-' && (val[0] < '0' || val[0] > '9') {
			pr.Add(path, "must be a number")
		}
	}
}

// loneSurrogate reports whether a raw JSON string holds a \u escape of a
// UTF-16 surrogate that is not part of a high-low pair. Go would decode it
// silently as U+FFFD, changing the text that was sent.
func loneSurrogate(s []byte) bool {
	for i := 0; i < len(s); i++ {
		if s[i] != '\\' {
			continue
		}
		i++
		if i >= len(s) || s[i] != 'u' {
			continue // \" \\ \n …: skip the escaped byte
		}
		c, ok := hex4(s, i+1)
		if !ok {
			continue // the JSON parser reports it
		}
		i += 4
		switch {
		case c >= 0xDC00 && c <= 0xDFFF:
			return true // a low surrogate without a high one before it
		case c >= 0xD800 && c <= 0xDBFF:
			if i+2 >= len(s) || s[i+1] != '\\' || s[i+2] != 'u' {
				return true
			}
			if lo, ok := hex4(s, i+3); !ok || lo < 0xDC00 || lo > 0xDFFF {
				return true
			}
			i += 6
		}
	}
	return false
}

// hex4 reads four hex digits at s[i:].
func hex4(s []byte, i int) (rune, bool) {
	if i+4 > len(s) {
		return 0, false
	}
	n, err := strconv.ParseUint(string(s[i:i+4]), 16, 32)
	return rune(n), err == nil
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

// fieldsOf caches jsonFields by type: every line of an import asks again.
var fieldsOf sync.Map // reflect.Type → map[string]reflect.Type

// jsonFields returns the JSON names of a struct's fields and their types.
func jsonFields(t reflect.Type) map[string]reflect.Type {
	if m, ok := fieldsOf.Load(t); ok {
		return m.(map[string]reflect.Type)
	}
	out := map[string]reflect.Type{}
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
		out[name] = f.Type
	}
	fieldsOf.Store(t, out)
	return out
}
