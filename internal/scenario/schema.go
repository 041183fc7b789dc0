package scenario

import (
	"bytes"
	_ "embed" // the schema document
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/creditdesk/creditdesk/internal/ledger"
)

// schemaJSON is the JSON Schema (draft 2020-12) of scenario files: the published definition of the
// format, served at /schemas/scenario.json for editors, and what Parse checks every file against.
//
//go:embed scenario.schema.json
var schemaJSON []byte

// schemaURL names the schema while it is compiled; the document has no $id of its own, because
// each installation serves it at its own address.
const schemaURL = "urn:creditdesk:scenario.schema.json"

// SchemaJSON returns the scenario file schema document (application/schema+json).
func SchemaJSON() []byte { return schemaJSON }

// compiledSchema is the schema, compiled once, with the raw document that error messages are
// read from.
type compiledSchema struct {
	schema *jsonschema.Schema
	doc    any
}

// theSchema compiles the embedded schema on first use. A schema that does not compile is a bug
// of this package that every test would show, so it panics.
var theSchema = sync.OnceValue(func() compiledSchema {
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(schemaJSON))
	if err != nil {
		panic(fmt.Sprintf("scenario: schema: %v", err))
	}
	c := jsonschema.NewCompiler()
	c.DefaultDraft(jsonschema.Draft2020)
	c.AssertFormat()
	// Dates are checked as parseDate reads them, so that a date the schema accepts always parses.
	c.RegisterFormat(&jsonschema.Format{Name: "date", Validate: dateFormat(time.DateOnly)})
	c.RegisterFormat(&jsonschema.Format{Name: "date-time", Validate: dateFormat(time.RFC3339)})
	if err := c.AddResource(schemaURL, doc); err != nil {
		panic(fmt.Sprintf("scenario: schema: %v", err))
	}
	return compiledSchema{schema: c.MustCompile(schemaURL), doc: doc}
})

// dateFormat checks a string with time.Parse and layout, and that its UTC day is one data may be
// dated by (ledger.FirstDay to ledger.LastDay, X2); other JSON types are the type keyword's
// business.
func dateFormat(layout string) func(any) error {
	return func(v any) error {
		s, ok := v.(string)
		if !ok {
			return nil
		}
		t, err := time.Parse(layout, s)
		if err != nil {
			return err
		}
		if d := ledger.DateOf(t); !d.InRange() {
			return fmt.Errorf("%s is outside %s to %s", d, ledger.FirstDay, ledger.LastDay)
		}
		return nil
	}
}

// checkSchema adds to probs every way the JSON value v breaks the schema, each at its path.
func checkSchema(probs *problemList, v any) {
	cs := theSchema()
	var verr *jsonschema.ValidationError // the only error Validate returns
	if errors.As(cs.schema.Validate(v), &verr) {
		r := reporter{doc: cs.doc, root: v}
		r.walk(verr)
		r.flush(probs)
	}
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
