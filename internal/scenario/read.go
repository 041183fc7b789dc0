package scenario

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"
)

// The file is read in three steps: read.go turns the bytes into the plain JSON value that the
// schema is checked against, schema.go checks it against scenario.schema.json, and bind.go
// turns it into the Scenario types for the checks of validate.go. Only this first step is
// hand-written, for what a JSON Schema cannot see: where a syntax error is (line, column and
// path) and a key that appears twice in one object (a decoded object has room for one).

// maxDepth bounds nesting. The deepest scenario field is six levels down; the limit only keeps a
// hostile file from recursing without end.
const maxDepth = 100

// jsonReader reads one JSON document token by token, as encoding/json decodes it with
// UseNumber: objects are map[string]any, arrays []any, numbers json.Number (exact, never a
// float), and strings, booleans and null as themselves.
type jsonReader struct {
	data  []byte
	dec   *json.Decoder
	probs *problemList // duplicate keys, strings that are not UTF-8
}

// readJSON parses data as exactly one JSON value. A syntax error is the problem it returns,
// naming the innermost path reached and the line and column of the offending character; a
// duplicate key (its first value kept) and a string that is not UTF-8 are reported in probs, so
// that reading goes on and finds more.
func readJSON(data []byte, probs *problemList) (any, *Problem) {
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, &Problem{Message: "empty file: expected a JSON object"}
	}
	r := &jsonReader{data: data, dec: json.NewDecoder(bytes.NewReader(data)), probs: probs}
	r.dec.UseNumber()
	root, p := r.value("", 0)
	if p != nil {
		return nil, p
	}
	if off := skipSpace(data, int(r.dec.InputOffset())); off < len(data) {
		return nil, r.syntaxProblem("", errors.New("unexpected data after the top-level value"))
	}
	return root, nil
}

// value reads the value that starts at the decoder's position; path is where it sits.
func (r *jsonReader) value(path string, depth int) (any, *Problem) {
	if depth > maxDepth {
		return nil, &Problem{Path: path, Message: fmt.Sprintf("nested more than %d levels deep", maxDepth)}
	}
	tok, p := r.token(path)
	if p != nil {
		return nil, p
	}
	switch tok {
	case json.Delim('['):
		return r.array(path, depth)
	case json.Delim('{'):
		return r.object(path, depth)
	}
	return tok, nil // '}' and ']' cannot start a value: Token refuses them
}

func (r *jsonReader) array(path string, depth int) (any, *Problem) {
	elems := []any{}
	for r.dec.More() {
		elem, p := r.value(path+"["+strconv.Itoa(len(elems))+"]", depth+1)
		if p != nil {
			return nil, p
		}
		elems = append(elems, elem)
	}
	if _, p := r.token(path); p != nil { // the closing ']'
		return nil, p
	}
	return elems, nil
}

func (r *jsonReader) object(path string, depth int) (any, *Problem) {
	obj := map[string]any{}
	for r.dec.More() {
		tok, p := r.token(path)
		if p != nil {
			return nil, p
		}
		key, _ := tok.(string) // Token only yields a string in key position
		val, p := r.value(joinPath(path, key), depth+1)
		if p != nil {
			return nil, p
		}
		if _, dup := obj[key]; dup {
			r.probs.add(joinPath(path, key), "duplicate field: it appears more than once in this object")
			continue
		}
		obj[key] = val
	}
	if _, p := r.token(path); p != nil { // the closing '}'
		return nil, p
	}
	return obj, nil
}

// token reads the next token, turning a failure into a Problem a person can find in the file.
// A string that is not valid UTF-8 (a file saved as Latin-1, say) is a problem at path, noted in
// probs: the decoder would have replaced its bytes with U+FFFD and stored that.
func (r *jsonReader) token(path string) (json.Token, *Problem) {
	start := r.dec.InputOffset()
	tok, err := r.dec.Token()
	if err != nil {
		return nil, r.syntaxProblem(path, err)
	}
	if _, ok := tok.(string); ok {
		if bad := invalidUTF8(r.data[start:r.dec.InputOffset()]); bad >= 0 {
			r.probs.add(path, "not valid UTF-8 "+position(r.data, int(start)+bad)+": save the file as UTF-8")
		}
	}
	return tok, nil
}

// invalidUTF8 is the offset of the first byte of b that is not valid UTF-8, or -1.
func invalidUTF8(b []byte) int {
	for i := 0; i < len(b); {
		r, size := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && size == 1 {
			return i
		}
		i += size
	}
	return -1
}

// syntaxProblem describes a syntax error found while reading path. The decoder's own offsets
// count from different starting points depending on where it failed, so the file is scanned
// again by json.Unmarshal, whose offset always counts from the start (the error is at Offset-1).
func (r *jsonReader) syntaxProblem(path string, err error) *Problem {
	var syn *json.SyntaxError
	if uerr := json.Unmarshal(r.data, new(json.RawMessage)); errors.As(uerr, &syn) {
		off := max(int(syn.Offset)-1, 0)
		msg := syn.Error()
		if off >= len(r.data)-1 && strings.HasPrefix(msg, "unexpected end") {
			off, msg = len(r.data), "unexpected end of file"
		}
		return &Problem{Path: path, Message: "invalid JSON " + position(r.data, off) + ": " + msg}
	}
	if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
		return &Problem{Path: path, Message: "invalid JSON " + position(r.data, len(r.data)) + ": unexpected end of file"}
	}
	return &Problem{Path: path, Message: "invalid JSON: " + err.Error()}
}

// skipSpace returns the offset of the first byte at or after off that is not JSON white space.
func skipSpace(data []byte, off int) int {
	for off < len(data) && strings.IndexByte(" \t\r\n", data[off]) >= 0 {
		off++
	}
	return off
}

// position renders a byte offset as "at line L, column C" (1-based; columns count bytes).
func position(data []byte, off int) string {
	before := data[:off]
	line := bytes.Count(before, []byte("\n")) + 1
	col := off - bytes.LastIndexByte(before, '\n')
	return fmt.Sprintf("at line %d, column %d", line, col)
}

// joinPath appends a field name to a path: "" + "users" is "users", "users[0]" + "email" is
// "users[0].email". A name that is not a plain word (empty, or with dots, brackets or spaces) is
// written quoted in brackets: users[0]["e mail"].
func joinPath(path, key string) string {
	switch {
	case !plainKey(key):
		return path + "[" + strconv.Quote(key) + "]"
	case path == "":
		return key
	}
	return path + "." + key
}

// plainKey reports whether key is a word of letters, digits and _ that does not start with a digit.
func plainKey(key string) bool {
	for i, c := range key {
		if !(c == '_' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || i > 0 && '0' <= c && c <= '9') {
			return false
		}
	}
	return key != ""
}
