package scenario

import (
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"github.com/santhosh-tekuri/jsonschema/v6/kind"
	"golang.org/x/text/language"
	"golang.org/x/text/message"
)

// The schema library reports a tree of errors in its own words, at JSON pointers. A reporter
// turns it into this package's problems: a path such as lots[2].expirationDate and a reason in
// plain English. Reasons that a keyword cannot give by itself (why a pattern matters) are
// written in the schema, as errorMessage and patternErrorMessage, the keywords editors such as
// VS Code show too; the reporter adds the value it got, unless the schema marks the value
// writeOnly (passwords and tokens are never repeated).

// The messages of problems every JSON document can have, whatever its schema.
const (
	msgRequired = "is required"
	msgUnknown  = "unknown field"
)

// longestShown is the length beyond which a string value is not repeated in a message.
const longestShown = 100

// reporter collects the problems of one file's validation.
type reporter struct {
	doc      any // the schema document, for its messages and property names
	root     any // the file's JSON value
	required []Problem
	others   []Problem
}

// flush adds the problems to probs, a missing value before anything else at the same path: a
// required field left empty breaks its pattern too, but "is required" is the news.
func (r *reporter) flush(probs *problemList) {
	for _, p := range append(r.required, r.others...) {
		probs.add(p.Path, p.Message)
	}
}

// walk reports e and its causes.
func (r *reporter) walk(e *jsonschema.ValidationError) {
	path, v, inObject := locate(r.root, e.InstanceLocation)
	if v == nil && inObject { // null where a value is required (optional fields allow null)
		r.required = append(r.required, Problem{path, msgRequired})
		return
	}
	sch := schemaAt(r.doc, e.SchemaURL)
	switch k := e.ErrorKind.(type) {
	case *kind.Schema, *kind.Group, *kind.Reference, *kind.AllOf:
		r.walkAll(e.Causes)
		return
	case *kind.Required:
		for _, name := range k.Missing {
			r.required = append(r.required, Problem{joinPath(path, name), msgRequired})
		}
		return
	case *kind.AdditionalProperties:
		allowed := propertyNames(sch)
		for _, name := range k.Properties {
			r.others = append(r.others, Problem{joinPath(path, name), unknownField(name, allowed)})
		}
		return
	case *kind.MinLength:
		if k.Got == 0 && k.Want == 1 { // the schema's mark of a required string
			r.required = append(r.required, Problem{path, msgRequired})
			return
		}
	case *kind.Enum:
		if v == "" && inObject { // the enums of optional fields allow "" (the default)
			r.required = append(r.required, Problem{path, msgRequired})
			return
		}
	}
	if msg := schemaMessage(sch, e.ErrorKind); msg != "" {
		if sch["writeOnly"] != true {
			msg += notValue(v)
		}
		r.others = append(r.others, Problem{path, msg})
		return
	}
	switch e.ErrorKind.(type) {
	case *kind.AnyOf, *kind.OneOf:
		r.walkAll(withoutNull(e.Causes))
		return
	}
	r.others = append(r.others, r.generic(e, path, v))
}

func (r *reporter) walkAll(causes []*jsonschema.ValidationError) {
	for _, c := range causes {
		r.walk(c)
	}
}

// withoutNull drops the alternatives that only allow null or "" in place of a value: a value
// that fails every alternative is better explained by the one that describes values.
func withoutNull(causes []*jsonschema.ValidationError) []*jsonschema.ValidationError {
	return slices.DeleteFunc(slices.Clone(causes), func(c *jsonschema.ValidationError) bool {
		switch k := c.ErrorKind.(type) {
		case *kind.Type:
			return slices.Equal(k.Want, []string{"null"})
		case *kind.Const:
			return true
		}
		return false
	})
}

// schemaMessage returns the schema's own words for a failure of one of its keywords, or "".
func schemaMessage(sch map[string]any, k jsonschema.ErrorKind) string {
	if _, ok := k.(*kind.Pattern); ok {
		if msg, ok := sch["patternErrorMessage"].(string); ok {
			return msg
		}
	}
	msg, _ := sch["errorMessage"].(string)
	return msg
}

// generic words a keyword's failure that the schema gives no message for.
func (r *reporter) generic(e *jsonschema.ValidationError, path string, v any) Problem {
	switch k := e.ErrorKind.(type) {
	case *kind.Type:
		want := slices.DeleteFunc(slices.Clone(k.Want), func(t string) bool { return t == "null" })
		for i, t := range want {
			want[i] = typeNames[t]
		}
		return Problem{path, "must be " + strings.Join(want, " or ") + ", not " + typeNames[k.Got]}
	case *kind.Enum:
		var allowed []string
		for _, w := range k.Want {
			if s, ok := w.(string); ok && s != "" {
				allowed = append(allowed, s)
			}
		}
		return Problem{path, fmt.Sprintf("must be one of %s; not %s", strings.Join(allowed, ", "), shown(v))}
	case *kind.MaxLength:
		return Problem{path, fmt.Sprintf("must be at most %d characters, not %d", k.Want, k.Got)}
	case *kind.UniqueItems:
		first, _, _ := locate(r.root, append(slices.Clone(e.InstanceLocation), strconv.Itoa(k.Duplicates[0])))
		again, elem, _ := locate(r.root, append(slices.Clone(e.InstanceLocation), strconv.Itoa(k.Duplicates[1])))
		return Problem{again, fmt.Sprintf("duplicate %s: already used at %s", shown(elem), first)}
	}
	return Problem{path, e.ErrorKind.LocalizedString(message.NewPrinter(language.English))}
}

// typeNames words the JSON types as a message does: "must be an array, not an object".
var typeNames = map[string]string{
	"null": "null", "boolean": "a boolean", "number": "a number", "integer": "a whole number",
	"string": "a string", "array": "an array", "object": "an object",
}

// notValue is ", not <the value>" for a message about v, or "" for a string too long to repeat.
func notValue(v any) string {
	if s := shown(v); s != "" {
		return ", not " + s
	}
	return ""
}

// shown renders a value for a message: a string quoted, a number as written, anything else by
// its JSON type; "" for a string too long to repeat.
func shown(v any) string {
	switch x := v.(type) {
	case string:
		if utf8.RuneCountInString(x) > longestShown {
			return ""
		}
		return strconv.Quote(x)
	case json.Number:
		return x.String()
	case bool:
		return typeNames["boolean"]
	case []any:
		return typeNames["array"]
	case map[string]any:
		return typeNames["object"]
	}
	return typeNames["null"]
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

// propertyNames lists the properties an object schema allows.
func propertyNames(sch map[string]any) []string {
	props, _ := sch["properties"].(map[string]any)
	names := make([]string, 0, len(props))
	for name := range props {
		names = append(names, name)
	}
	slices.Sort(names)
	return names
}

// locate follows the tokens of a JSON pointer into the file's value v. It returns the path in
// this package's notation (users[0].email), the value there, and whether that value is a field
// of an object (rather than the whole file or an array element).
func locate(v any, tokens []string) (path string, val any, inObject bool) {
	for _, t := range tokens {
		switch x := v.(type) {
		case map[string]any:
			path, v, inObject = joinPath(path, t), x[t], true
		case []any:
			i, _ := strconv.Atoi(t) // the library's pointers into arrays are indexes
			path, v, inObject = index(path, i), nil, false
			if i >= 0 && i < len(x) {
				v = x[i]
			}
		}
	}
	return path, v, inObject
}

// schemaAt returns the schema object that a schema location such as
// "urn:creditdesk:scenario.schema.json#/$defs/date" points at in doc.
func schemaAt(doc any, location string) map[string]any {
	_, ptr, _ := strings.Cut(location, "#")
	v := doc
	for _, t := range strings.Split(ptr, "/")[1:] {
		t = strings.NewReplacer("~1", "/", "~0", "~").Replace(t)
		switch x := v.(type) {
		case map[string]any:
			v = x[t]
		case []any:
			i, _ := strconv.Atoi(t)
			if i >= 0 && i < len(x) {
				v = x[i]
			}
		}
	}
	sch, _ := v.(map[string]any)
	return sch
}
