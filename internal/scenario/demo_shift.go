package scenario

import (
	"bytes"
	"encoding/json"
	"regexp"
	"time"
)

// The values shiftDates moves: a calendar day, and a time in RFC 3339 form.
var (
	dayValue  = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}$`)
	timeValue = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}T`)
)

// shiftDates returns the scenario file with every date and time value moved by days. Only
// string values of those exact forms change; names, ids and amounts stay as they are.
func shiftDates(file []byte, days int) ([]byte, error) {
	if days == 0 {
		return file, nil
	}
	dec := json.NewDecoder(bytes.NewReader(file))
	dec.UseNumber()
	var doc any
	if err := dec.Decode(&doc); err != nil {
		return nil, err
	}
	return json.Marshal(shiftValue(doc, days))
}

// shiftValue walks a decoded JSON value and moves its dates and times.
func shiftValue(v any, days int) any {
	switch x := v.(type) {
	case map[string]any:
		for k, e := range x {
			x[k] = shiftValue(e, days)
		}
	case []any:
		for i, e := range x {
			x[i] = shiftValue(e, days)
		}
	case string:
		if dayValue.MatchString(x) {
			if d, err := time.Parse(time.DateOnly, x); err == nil {
				return d.AddDate(0, 0, days).Format(time.DateOnly)
			}
		} else if timeValue.MatchString(x) {
			if t, err := time.Parse(time.RFC3339, x); err == nil {
				return t.AddDate(0, 0, days).Format(time.RFC3339)
			}
		}
	}
	return v
}
