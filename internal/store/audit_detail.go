package store

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/creditdesk/creditdesk/internal/access"
	"github.com/creditdesk/creditdesk/internal/fault"
	"github.com/creditdesk/creditdesk/internal/ledger"
	"github.com/creditdesk/creditdesk/internal/money"
)

// auditDetail is the JSON of an entry's messages in the detail column.
type auditDetail struct {
	Target jsonMessage `json:"target"`
	Before jsonMessage `json:"before"`
	After  jsonMessage `json:"after"`
}

// jsonMessage is a message in JSON: its key and its arguments, each with its type.
type jsonMessage struct {
	Key  string    `json:"key,omitempty"`
	Args []jsonArg `json:"args,omitempty"`
}

// jsonArg is one argument: T names its type (one of the argTypes), V is its canonical text.
type jsonArg struct {
	T string `json:"t"`
	V string `json:"v"`
}

// The argument types of stored messages, and the canonical text of each.
const (
	argText        = "text"         // a string as it is
	argInt         = "int"          // a decimal integer
	argDate        = "date"         // ledger.Date, 2026-10-01
	argPeriod      = "period"       // ledger.Period, 2026-10
	argAmount      = "amount"       // money.Amount without a currency, 6000.50
	argInstant     = "instant"      // time.Time in UTC, RFC 3339
	argMinute      = "minute"       // fault.Minute in UTC, RFC 3339
	argMoney       = "money"        // fault.Money, "6000.50 USD"
	argEmail       = "email"        // fault.Email
	argID          = "id"           // fault.ID
	argCode        = "code"         // fault.Code
	argRole        = "role"         // access.Role
	argPartnerRole = "partner_role" // access.PartnerRole
	argMessage     = "message"      // fault.Message, as the JSON of a jsonMessage
)

// Detail is the JSON of e's messages, as the detail column holds it: each argument with its
// type, so that AuditEvent.Entry gives it back as it was.
func (e AuditEntry) Detail() (string, error) {
	var d auditDetail
	for _, p := range []struct {
		to *jsonMessage
		m  fault.Message
	}{{&d.Target, e.Target}, {&d.Before, e.Before}, {&d.After, e.After}} {
		jm, err := toJSONMessage(p.m)
		if err != nil {
			return "", fmt.Errorf("store: audit %s: %w", e.Action, err)
		}
		*p.to = jm
	}
	b, err := json.Marshal(d)
	return string(b), err
}

// toJSONMessage types each argument of m.
func toJSONMessage(m fault.Message) (jsonMessage, error) {
	jm := jsonMessage{Key: m.Key}
	for _, a := range m.Args {
		t, err := argType(a)
		if err != nil {
			return jsonMessage{}, err
		}
		v := argString(a)
		if inner, ok := a.(fault.Message); ok {
			jinner, err := toJSONMessage(inner)
			if err != nil {
				return jsonMessage{}, err
			}
			b, err := json.Marshal(jinner)
			if err != nil {
				return jsonMessage{}, err
			}
			v = string(b)
		}
		jm.Args = append(jm.Args, jsonArg{T: t, V: v})
	}
	return jm, nil
}

// argType names the type of a message argument; a type a stored message cannot hold is an error.
func argType(a any) (string, error) {
	switch a.(type) {
	case string:
		return argText, nil
	case int:
		return argInt, nil
	case ledger.Date:
		return argDate, nil
	case ledger.Period:
		return argPeriod, nil
	case money.Amount:
		return argAmount, nil
	case time.Time:
		return argInstant, nil
	case fault.Minute:
		return argMinute, nil
	case fault.Message:
		return argMessage, nil
	case fault.Money:
		return argMoney, nil
	case fault.Email:
		return argEmail, nil
	case fault.ID:
		return argID, nil
	case fault.Code:
		return argCode, nil
	case access.Role:
		return argRole, nil
	case access.PartnerRole:
		return argPartnerRole, nil
	}
	return "", fmt.Errorf("a message argument of type %T", a)
}

// argString is the canonical text of a message argument.
func argString(a any) string {
	switch v := a.(type) {
	case int:
		return strconv.Itoa(v)
	case time.Time:
		return v.UTC().Format(time.RFC3339)
	case fault.Minute:
		return time.Time(v).UTC().Format(time.RFC3339)
	case fmt.Stringer:
		return v.String()
	}
	return fmt.Sprint(a)
}

// Entry reads an entry written as data; ok is false for a legacy row, whose Target, Before and
// After are sentences.
func (e AuditEvent) Entry() (entry AuditEntry, ok bool, err error) {
	if e.Detail == "" {
		return AuditEntry{}, false, nil
	}
	var d auditDetail
	if err := json.Unmarshal([]byte(e.Detail), &d); err != nil {
		return AuditEntry{}, true, fmt.Errorf("store: audit entry %d: %w", e.ID, err)
	}
	entry = AuditEntry{Action: AuditAction(e.Action), Scope: e.Scope}
	for _, p := range []struct {
		to *fault.Message
		jm jsonMessage
	}{{&entry.Target, d.Target}, {&entry.Before, d.Before}, {&entry.After, d.After}} {
		m, err := fromJSONMessage(p.jm)
		if err != nil {
			return AuditEntry{}, true, fmt.Errorf("store: audit entry %d: %w", e.ID, err)
		}
		*p.to = m
	}
	return entry, true, nil
}

// EncodeMessage is m as JSON, each argument with its type, for a message kept outside the
// audit log (a flash in the session); DecodeMessage gives it back as it was.
func EncodeMessage(m fault.Message) (string, error) {
	jm, err := toJSONMessage(m)
	if err != nil {
		return "", err
	}
	b, err := json.Marshal(jm)
	return string(b), err
}

// DecodeMessage reads a message that EncodeMessage wrote.
func DecodeMessage(s string) (fault.Message, error) {
	var jm jsonMessage
	if err := json.Unmarshal([]byte(s), &jm); err != nil {
		return fault.Message{}, err
	}
	return fromJSONMessage(jm)
}

// fromJSONMessage gives each argument its type back.
func fromJSONMessage(jm jsonMessage) (fault.Message, error) {
	m := fault.Message{Key: jm.Key}
	for _, a := range jm.Args {
		v, err := argValue(a)
		if err != nil {
			return fault.Message{}, err
		}
		m.Args = append(m.Args, v)
	}
	return m, nil
}

// argValue parses a stored argument back into its type.
func argValue(a jsonArg) (any, error) {
	switch a.T {
	case argText:
		return a.V, nil
	case argInt:
		return strconv.Atoi(a.V)
	case argDate:
		return ledger.ParseDate(a.V)
	case argPeriod:
		return ledger.ParsePeriod(a.V)
	case argAmount:
		return money.Parse(a.V)
	case argInstant:
		return time.Parse(time.RFC3339, a.V)
	case argMinute:
		t, err := time.Parse(time.RFC3339, a.V)
		return fault.Minute(t), err
	case argMessage:
		var jm jsonMessage
		if err := json.Unmarshal([]byte(a.V), &jm); err != nil {
			return nil, err
		}
		return fromJSONMessage(jm)
	case argMoney:
		amount, currency, _ := strings.Cut(a.V, " ")
		m, err := money.Parse(amount)
		return fault.Money{Amount: m, Currency: currency}, err
	case argEmail:
		return fault.Email(a.V), nil
	case argID:
		return fault.ID(a.V), nil
	case argCode:
		return fault.Code(a.V), nil
	case argRole:
		return access.Role(a.V), nil
	case argPartnerRole:
		return access.PartnerRole(a.V), nil
	}
	return nil, fmt.Errorf("an argument of unknown type %q", a.T)
}
