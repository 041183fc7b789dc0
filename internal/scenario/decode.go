package scenario

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/creditdesk/creditdesk/internal/money"
)

// The binder's building blocks: each reads one field of a JSON object, reports a wrong JSON type,
// a missing required field or an unreadable value at the field's path, and returns the Go value
// (its zero value after a problem, so that binding can go on and find more).

// Messages shared with the tests, so that a reworded message is changed in one place.
const (
	msgRequired   = "is required"
	msgUnknown    = "unknown field"
	msgDate       = "must be a date YYYY-MM-DD or an RFC3339 instant"
	msgAmountNum  = `must be a decimal string such as "2000.00", not a number`
	msgAmountText = `must be a decimal string such as "2000.00"`
)

// obj is a JSON object being bound to a struct: its fields by name and its path.
type obj struct {
	probs  *problemList
	path   string
	fields map[string]*node
}

// object checks that n is an object whose keys are all in allowed and appear once. It reports
// every unknown or repeated key; ok is false when n is not an object at all.
func object(probs *problemList, n *node, path string, allowed ...string) (o obj, ok bool) {
	if n.kind != kindObject {
		probs.add(path, "must be an object, not "+n.kind.String())
		return obj{}, false
	}
	o = obj{probs: probs, path: path, fields: make(map[string]*node, len(n.keys))}
	for i, key := range n.keys {
		switch {
		case !contains(allowed, key):
			probs.add(joinPath(path, key), unknownField(key, allowed))
		case o.fields[key] != nil:
			probs.add(joinPath(path, key), "duplicate field: it appears more than once in this object")
		default:
			o.fields[key] = n.vals[i]
		}
	}
	return o, true
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// unknownField says a key is not allowed, with a hint when only its capitalisation is wrong.
func unknownField(key string, allowed []string) string {
	for _, a := range allowed {
		if strings.EqualFold(a, key) {
			return fmt.Sprintf("%s (field names are case-sensitive: did you mean %q?)", msgUnknown, a)
		}
	}
	return msgUnknown
}

// at returns the path of field key.
func (o obj) at(key string) string { return joinPath(o.path, key) }

// get returns field key, or nil when it is absent or null; it reports a missing required field.
func (o obj) get(key string, required bool) *node {
	n := o.fields[key]
	if n == nil || n.kind == kindNull {
		if required {
			o.probs.add(o.at(key), msgRequired)
		}
		return nil
	}
	return n
}

// wrongType reports that field key holds the wrong kind of JSON value.
func (o obj) wrongType(path, want string, got kind) {
	o.probs.add(path, "must be "+want+", not "+got.String())
}

// str reads a string field. A required field that is empty counts as missing.
func (o obj) str(key string, required bool) string {
	n := o.get(key, required)
	switch {
	case n == nil:
		return ""
	case n.kind != kindString:
		o.wrongType(o.at(key), "a string", n.kind)
		return ""
	case required && n.text == "":
		o.probs.add(o.at(key), msgRequired)
	}
	return n.text
}

// strOr reads an optional string field, returning def when it is absent or empty.
func (o obj) strOr(key, def string) string {
	if s := o.str(key, false); s != "" {
		return s
	}
	return def
}

// email reads an email field, lower-cased: emails are keys and compare case-insensitively.
func (o obj) email(key string, required bool) string {
	return strings.ToLower(o.str(key, required))
}

// amount reads a required amount: a decimal string, never a JSON number.
func (o obj) amount(key string) money.Amount {
	n := o.get(key, true)
	switch {
	case n == nil:
		return money.Zero
	case n.kind == kindNumber:
		o.probs.add(o.at(key), msgAmountNum)
		return money.Zero
	case n.kind != kindString:
		o.wrongType(o.at(key), "a decimal string", n.kind)
		return money.Zero
	}
	a, err := money.Parse(n.text)
	switch {
	case errors.Is(err, money.ErrPrecision):
		o.probs.add(o.at(key), "must have at most 6 decimal places")
	case errors.Is(err, money.ErrRange):
		o.probs.add(o.at(key), fmt.Sprintf("must be less than %d in magnitude", money.Limit))
	case err != nil:
		o.probs.add(o.at(key), fmt.Sprintf("%s, not %q", msgAmountText, n.text))
	}
	return a
}

// date reads a date field; see parseDate. An absent optional date is the zero time.
func (o obj) date(key string, required bool) time.Time {
	t, _ := o.optDate(key, required)
	return t
}

// optDate reads a date field, reporting whether it was present and readable.
func (o obj) optDate(key string, required bool) (time.Time, bool) {
	n := o.get(key, required)
	if n == nil {
		return time.Time{}, false
	}
	if n.kind != kindString {
		o.probs.add(o.at(key), msgDate+", not "+n.kind.String())
		return time.Time{}, false
	}
	t, ok := parseDate(n.text)
	if !ok {
		o.probs.add(o.at(key), fmt.Sprintf("%s, not %q", msgDate, n.text))
	}
	return t, ok
}

// parseDate reads "YYYY-MM-DD" as midnight UTC of that day, or an RFC3339 instant in UTC.
func parseDate(s string) (time.Time, bool) {
	layout := time.RFC3339
	if len(s) == len(time.DateOnly) {
		layout = time.DateOnly
	}
	t, err := time.Parse(layout, s)
	if err != nil {
		return time.Time{}, false
	}
	return t.UTC(), true
}

// integer reads an optional whole-number field; present is false when it is absent or bad.
func (o obj) integer(key string) (v int, present bool) {
	n := o.get(key, false)
	if n == nil {
		return 0, false
	}
	if n.kind != kindNumber {
		o.wrongType(o.at(key), "a whole number", n.kind)
		return 0, false
	}
	i, err := strconv.Atoi(n.text) // refuses 5.0 and 5e0: a day is written as a plain integer
	if err != nil {
		o.probs.add(o.at(key), fmt.Sprintf("must be a whole number, not %s", n.text))
		return 0, false
	}
	return i, true
}

// array reads an optional array field and returns its elements with their paths.
func (o obj) array(key string) (elems []*node, paths []string) {
	n := o.get(key, false)
	if n == nil {
		return nil, nil
	}
	if n.kind != kindArray {
		o.wrongType(o.at(key), "an array", n.kind)
		return nil, nil
	}
	paths = make([]string, len(n.vals))
	for i := range n.vals {
		paths[i] = fmt.Sprintf("%s[%d]", o.at(key), i)
	}
	return n.vals, paths
}

// strs reads an optional array of strings; empty or absent is nil. An element of another type is reported and kept as
// "", so that the indices of the others still match their paths.
func (o obj) strs(key string) []string {
	elems, paths := o.array(key)
	if len(elems) == 0 {
		return nil
	}
	out := make([]string, len(elems))
	for i, n := range elems {
		if n.kind != kindString {
			o.wrongType(paths[i], "a string", n.kind)
			continue
		}
		out[i] = n.text
	}
	return out
}
