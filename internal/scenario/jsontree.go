package scenario

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
)

// The file is read in two steps: jsontree.go turns the bytes into a tree of nodes, checking only
// JSON syntax, then decode.go binds the tree to the Scenario types, checking JSON types and field
// names. Going through a tree, rather than json.Unmarshal into structs, is what lets every
// problem carry its path and lets Parse report all of them instead of the first.

// kind is the JSON type of a node.
type kind uint8

const (
	kindNull kind = iota
	kindBool
	kindNumber
	kindString
	kindArray
	kindObject
)

// String names the kind as an error message would: "not a number".
func (k kind) String() string {
	return [...]string{"null", "a boolean", "a number", "a string", "an array", "an object"}[k]
}

// node is one JSON value. Objects keep their keys in file order (and any duplicates, so that the
// binder can report them).
type node struct {
	kind kind
	text string   // a string's value or a number's literal
	keys []string // an object's keys, parallel to vals
	vals []*node  // an object's values or an array's elements
}

// maxDepth bounds nesting. The deepest scenario field is six levels down; the limit only keeps a
// hostile file from recursing without end.
const maxDepth = 100

// treeReader reads one JSON document into nodes, remembering the path it is in for errors.
type treeReader struct {
	data []byte
	dec  *json.Decoder
}

// readTree parses data as exactly one JSON value. It fails with one Problem on a syntax error,
// naming the innermost path reached and the line and column of the offending character.
func readTree(data []byte) (*node, *Problem) {
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf")) // a UTF-8 byte-order mark
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, &Problem{Message: "empty file: expected a JSON object"}
	}
	t := &treeReader{data: data, dec: json.NewDecoder(bytes.NewReader(data))}
	t.dec.UseNumber() // keep number literals exact; no float ever holds a parsed value
	root, p := t.value("", 0)
	if p != nil {
		return nil, p
	}
	if off := t.skipSpace(int(t.dec.InputOffset())); off < len(data) {
		return nil, t.syntaxProblem("", errors.New("unexpected data after the top-level value"))
	}
	return root, nil
}

// value reads the value that starts at the decoder's position; path is where it sits.
func (t *treeReader) value(path string, depth int) (*node, *Problem) {
	if depth > maxDepth {
		return nil, &Problem{Path: path, Message: fmt.Sprintf("nested more than %d levels deep", maxDepth)}
	}
	tok, p := t.token(path)
	if p != nil {
		return nil, p
	}
	switch v := tok.(type) {
	case nil:
		return &node{kind: kindNull}, nil
	case bool:
		return &node{kind: kindBool}, nil
	case json.Number:
		return &node{kind: kindNumber, text: v.String()}, nil
	case string:
		return &node{kind: kindString, text: v}, nil
	case json.Delim:
		if v == '[' {
			return t.array(path, depth)
		}
		return t.object(path, depth) // '}' and ']' cannot start a value: Token refuses them
	}
	return nil, &Problem{Path: path, Message: fmt.Sprintf("unexpected JSON token %v", tok)}
}

func (t *treeReader) array(path string, depth int) (*node, *Problem) {
	n := &node{kind: kindArray}
	for t.dec.More() {
		elem, p := t.value(fmt.Sprintf("%s[%d]", path, len(n.vals)), depth+1)
		if p != nil {
			return nil, p
		}
		n.vals = append(n.vals, elem)
	}
	if _, p := t.token(path); p != nil { // the closing ']'
		return nil, p
	}
	return n, nil
}

func (t *treeReader) object(path string, depth int) (*node, *Problem) {
	n := &node{kind: kindObject}
	for t.dec.More() {
		tok, p := t.token(path)
		if p != nil {
			return nil, p
		}
		key, _ := tok.(string) // Token only yields a string in key position
		val, p := t.value(joinPath(path, key), depth+1)
		if p != nil {
			return nil, p
		}
		n.keys = append(n.keys, key)
		n.vals = append(n.vals, val)
	}
	if _, p := t.token(path); p != nil { // the closing '}'
		return nil, p
	}
	return n, nil
}

// token reads the next token, turning a failure into a Problem a person can find in the file.
func (t *treeReader) token(path string) (json.Token, *Problem) {
	tok, err := t.dec.Token()
	if err != nil {
		return nil, t.syntaxProblem(path, err)
	}
	return tok, nil
}

// syntaxProblem describes a syntax error found while reading path. The decoder's own offsets
// count from different starting points depending on where it failed, so the file is scanned
// again by json.Unmarshal, whose offset always counts from the start (the error is at Offset-1).
func (t *treeReader) syntaxProblem(path string, err error) *Problem {
	var syn *json.SyntaxError
	if uerr := json.Unmarshal(t.data, new(json.RawMessage)); errors.As(uerr, &syn) {
		off := max(int(syn.Offset)-1, 0)
		msg := syn.Error()
		if off >= len(t.data)-1 && strings.HasPrefix(msg, "unexpected end") {
			off, msg = len(t.data), "unexpected end of file"
		}
		return &Problem{Path: path, Message: "invalid JSON " + t.position(off) + ": " + msg}
	}
	if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
		return &Problem{Path: path, Message: "invalid JSON " + t.position(len(t.data)) + ": unexpected end of file"}
	}
	return &Problem{Path: path, Message: "invalid JSON: " + err.Error()}
}

// skipSpace returns the offset of the first byte at or after off that is not JSON white space.
func (t *treeReader) skipSpace(off int) int {
	for off < len(t.data) {
		switch t.data[off] {
		case ' ', '\t', '\r', '\n':
			off++
		default:
			return off
		}
	}
	return off
}

// position renders a byte offset as "at line L, column C" (1-based; columns count bytes).
func (t *treeReader) position(off int) string {
	before := t.data[:off]
	line := bytes.Count(before, []byte("\n")) + 1
	col := off - bytes.LastIndexByte(before, '\n')
	return fmt.Sprintf("at line %d, column %d", line, col)
}

// joinPath appends a field name to a path: "" + "users" is "users", "users[0]" + "email" is
// "users[0].email".
func joinPath(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}
