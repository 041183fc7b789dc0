package store

import (
	"encoding/json"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/creditdesk/creditdesk/internal/ledger"
)

// decodeKeptLots reads the lots of a kept section: what json.Marshal wrote for them (estimateOf),
// read directly as a sequence of {"id","start","expiration","balance"} objects, which the
// account summary does for 50 profiles at every request (reflection made that a fifth of the
// page, issue 10). Anything else, an id with an escape or text written another way, goes to
// json.Unmarshal, so the result and the errors are json.Unmarshal's whatever the text.
func decodeKeptLots(text string) ([]keptLot, error) {
	if lots, ok := scanKeptLots(text); ok {
		return lots, nil
	}
	var lots []keptLot
	err := json.Unmarshal([]byte(text), &lots)
	return lots, err
}

// scanKeptLots reads text as json.Marshal writes a []keptLot; ok is false for any other text.
func scanKeptLots(text string) (lots []keptLot, ok bool) {
	if text == "null" {
		return nil, true
	}
	rest, ok := strings.CutPrefix(text, "[")
	if !ok {
		return nil, false
	}
	lots = []keptLot{}
	for !strings.HasPrefix(rest, "]") {
		if len(lots) > 0 {
			if rest, ok = strings.CutPrefix(rest, ","); !ok {
				return nil, false
			}
		}
		var l keptLot
		var start, expiration, balance string
		if l.ID, rest, ok = field(rest, `{"id":`, '"'); !ok {
			return nil, false
		}
		if start, rest, ok = field(rest, `,"start":`, '"'); !ok {
			return nil, false
		}
		if expiration, rest, ok = field(rest, `,"expiration":`, '"'); !ok {
			return nil, false
		}
		if balance, rest, ok = field(rest, `,"balance":`, '}'); !ok {
			return nil, false
		}
		var err1, err2, err3 error
		l.Start, err1 = ledger.ParseDate(start)
		l.Expiration, err2 = ledger.ParseDate(expiration)
		l.Balance, err3 = strconv.ParseInt(balance, 10, 64)
		if err1 != nil || err2 != nil || err3 != nil || !jsonInteger(balance) {
			return nil, false
		}
		lots = append(lots, l)
	}
	return lots, rest == "]"
}

// field reads one member of an object: the key (with what precedes it), then a string without
// escapes (end '"') or a number closed by the object's end (end '}'); it returns the value and
// what follows it.
func field(text, key string, end byte) (value, rest string, ok bool) {
	if text, ok = strings.CutPrefix(text, key); !ok {
		return "", "", false
	}
	if end == '"' {
		if text, ok = strings.CutPrefix(text, `"`); !ok {
			return "", "", false
		}
	}
	i := strings.IndexByte(text, end)
	if i < 0 {
		return "", "", false
	}
	value = text[:i]
	if end == '"' && (strings.IndexByte(value, '\\') >= 0 || !utf8.ValidString(value) || hasControl(value)) {
		return "", "", false
	}
	return value, text[i+1:], true
}

// jsonInteger reports whether s is an integer as JSON writes one: no sign but a minus, no
// leading zero.
func jsonInteger(s string) bool {
	s = strings.TrimPrefix(s, "-")
	return s != "" && (s == "0" || s[0] != '0') && strings.Trim(s, "0123456789") == ""
}

// hasControl reports whether s holds a control character, which JSON text escapes.
func hasControl(s string) bool {
	for i := range len(s) {
		if s[i] < 0x20 {
			return true
		}
	}
	return false
}
