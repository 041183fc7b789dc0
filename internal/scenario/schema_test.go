package scenario

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"reflect"
	"regexp"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"golang.org/x/text/currency"

	"github.com/creditdesk/creditdesk/internal/access"
	"github.com/creditdesk/creditdesk/internal/benefits"
	"github.com/creditdesk/creditdesk/internal/ledger"
	"github.com/creditdesk/creditdesk/internal/money"
	"github.com/creditdesk/creditdesk/internal/password"
)

// at returns the schema object at a JSON pointer into the schema document.
func at(ptr string) map[string]any { return schemaAt(theSchema().doc, schemaURL+"#"+ptr) }

// TestSchemaDocumentsEveryField: the schema is the documentation of the format, so every
// property and every definition has a title and a description.
func TestSchemaDocumentsEveryField(t *testing.T) {
	t.Parallel()
	var check func(ptr string, sch map[string]any)
	check = func(ptr string, sch map[string]any) {
		for _, kw := range []string{"properties", "$defs"} {
			children, _ := sch[kw].(map[string]any)
			for name, child := range children {
				c, _ := child.(map[string]any)
				p := ptr + "/" + kw + "/" + name
				for _, doc := range []string{"title", "description"} {
					if s, _ := c[doc].(string); strings.TrimSpace(s) == "" {
						t.Errorf("%s has no %s", p, doc)
					}
				}
				check(p, c)
			}
		}
	}
	root := at("")
	if root["title"] == nil || root["description"] == nil || root["$schema"] != "https://json-schema.org/draft/2020-12/schema" {
		t.Errorf("the schema document lacks a title, a description or the draft 2020-12 $schema")
	}
	check("", root)
}

// enumOf returns the non-empty string values of the enum at ptr.
func enumOf(t *testing.T, ptr string) []string {
	t.Helper()
	values, ok := at(ptr)["enum"].([]any)
	if !ok {
		t.Fatalf("%s has no enum", ptr)
	}
	var out []string
	for _, v := range values {
		if s, ok := v.(string); ok && s != "" {
			out = append(out, s)
		}
	}
	return out
}

func strs[T ~string](list ...T) []string {
	out := make([]string, len(list))
	for i, v := range list {
		out[i] = string(v)
	}
	return out
}

// TestSchemaAgreesWithTheDomain holds the schema's copies of the domain's vocabularies, defaults
// and limits to the Go values they describe, so that neither can change alone.
func TestSchemaAgreesWithTheDomain(t *testing.T) {
	t.Parallel()
	enums := []struct {
		ptr  string
		want []string
	}{
		{"/$defs/billingAccount/properties/agreementType", strs(access.Agreements...)},
		{"/$defs/billingAccount/properties/accountType", []string{"Enterprise", "Individual", "Partner"}},
		{"/$defs/accountRoleGrant/properties/role", strs(access.RolesOn(access.Account)...)},
		{"/$defs/profileRoleGrant/properties/role", strs(access.RolesOn(access.Profile)...)},
		{"/$defs/lot/properties/source", strs(ledger.SourcePromotional, ledger.SourcePurchased, ledger.SourceCommitment)},
		{"/$defs/charge/properties/publisherType", strs(ledger.PublisherAzure, ledger.PublisherMarketplace)},
		{"/$defs/member/properties/roles/items", strs(access.PartnerAdmin)},
		{"/$defs/benefit/properties/kind", strs(benefits.Kinds()...)},
	}
	for _, e := range enums {
		if got := enumOf(t, e.ptr); !reflect.DeepEqual(got, e.want) {
			t.Errorf("%s enum = %v, want %v", e.ptr, got, e.want)
		}
	}
	for _, agreement := range access.Agreements {
		accountType := agreement.DefaultAccountType()
		if !strings.Contains(at("/$defs/billingAccount/properties/accountType")["description"].(string), accountType) {
			t.Errorf("accountType's description does not mention %s, the default for %s", accountType, agreement)
		}
	}
	currencyShape := regexp.MustCompile(at("/$defs/currency")["pattern"].(string))
	for it := currency.Query(); it.Next(); {
		if code := it.Unit().String(); !currencyShape.MatchString(code) || money.CheckCurrency(code) != nil {
			t.Errorf("ISO 4217 code %s: the schema's currency pattern and money.CheckCurrency must both accept it", code)
		}
	}
	values := []struct {
		ptr, key string
		want     any
	}{
		{"/$defs/billingProfile/properties/invoiceDay", "default", json.Number(fmt.Sprint(DefaultInvoiceDay))},
		{"/$defs/charge/properties/publisherType", "default", DefaultPublisherType},
		{"/$defs/password", "maxLength", json.Number(fmt.Sprint(password.MaxLength))},
		{"/$defs/password/not", "maxLength", json.Number(fmt.Sprint(password.MinLength - 1))},
	}
	for _, v := range values {
		if got := at(v.ptr)[v.key]; got != v.want {
			t.Errorf("%s %s = %v, want %v", v.ptr, v.key, got, v.want)
		}
	}
}

// defSchema compiles the schema's definition name on its own.
func defSchema(t testing.TB, name string) *jsonschema.Schema {
	t.Helper()
	c := jsonschema.NewCompiler()
	if err := c.AddResource(schemaURL, theSchema().doc); err != nil {
		t.Fatal(err)
	}
	sch, err := c.Compile(schemaURL + "#/$defs/" + name)
	if err != nil {
		t.Fatal(err)
	}
	return sch
}

// FuzzAmountSyntax holds the schema's amount pattern to money.Parse: the schema accepts exactly
// the strings money reads, out-of-range amounts aside (the binder reports those).
func FuzzAmountSyntax(f *testing.F) {
	for _, s := range []string{"2000.00", "-25", "+5", ".5", "5.", "0.000001", "0.0000001", "1e3", " 1", "1,000",
		"", "-", "+", ".", "--1", "99999999999.999999", "100000000000", "٣", "1.2.3", "0x10"} {
		f.Add(s)
	}
	sch := defSchema(f, "amount")
	f.Fuzz(func(t *testing.T, s string) {
		_, err := money.Parse(s)
		moneyOK := err == nil || errors.Is(err, money.ErrRange)
		schemaOK := sch.Validate(s) == nil
		if moneyOK != schemaOK {
			t.Errorf("amount %q: money.Parse says %v, the schema accepts it: %v", s, err, schemaOK)
		}
	})
}

// TestSchemaStandalone: the published schema works in a validator other than Parse's, as an
// editor's would run it (its own date formats, no messages of ours): the example files pass
// and a file with a problem of each kind fails.
func TestSchemaStandalone(t *testing.T) {
	t.Parallel()
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(SchemaJSON()))
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	if err := c.AddResource("scenario.json", doc); err != nil {
		t.Fatal(err)
	}
	sch, err := c.Compile("scenario.json")
	if err != nil {
		t.Fatal(err)
	}
	files := map[string]bool{"testdata/example.json": true, "testdata/base.json": true, "testdata/ledger.json": true,
		"demo/demo.json": true, "testdata/partners/base.json": true, "testdata/bad/wrong-type.json": false,
		"testdata/bad/unknown-role.json": false, "testdata/bad/mca-id-shape.json": false}
	for file, valid := range files {
		data, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		v, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
		if err != nil {
			t.Fatal(err)
		}
		if err := sch.Validate(v); (err == nil) != valid {
			t.Errorf("%s: valid %v, want %v: %v", file, err == nil, valid, err)
		}
	}
}

// TestSchemaStatesTheDateRange: the schema's date message and description name the days the
// date formats take, ledger.FirstDay to ledger.LastDay (X2), so that editors show the range the
// loader checks.
func TestSchemaStatesTheDateRange(t *testing.T) {
	sch := schemaAt(theSchema().doc, schemaURL+"#/$defs/date")
	span := ledger.FirstDay.String() + " to " + ledger.LastDay.String()
	for _, key := range []string{"errorMessage", "description"} {
		if text, _ := sch[key].(string); !strings.Contains(text, span) {
			t.Errorf("the date definition's %s %q does not say %s", key, text, span)
		}
	}
}
