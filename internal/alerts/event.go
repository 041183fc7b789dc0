package alerts

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"time"
)

// SignatureHeader carries the HMAC-SHA256 of a webhook's body under the webhook's secret, as
// "sha256=<hex>".
const SignatureHeader = "X-CreditDesk-Signature"

// The states an event reports.
const (
	Firing   = "firing"
	Resolved = "resolved"
)

// Event is a CloudEvents 1.0 event in the structured JSON format: the body of a webhook call
// and what an alert email is written from.
type Event struct {
	SpecVersion     string    `json:"specversion"`
	Type            string    `json:"type"`
	Source          string    `json:"source"`
	ID              string    `json:"id"`
	Time            time.Time `json:"time"`
	DataContentType string    `json:"datacontenttype"`
	Subject         string    `json:"subject"` // the Azure-style id of the profile (or its credit), or the organisation (or its benefit)
	Data            EventData `json:"data"`
}

// EventData is an event's data: the rule, the scope, and what was found.
type EventData struct {
	State  string `json:"state"` // Firing or Resolved
	RuleID int64  `json:"ruleId"`
	Rule   Rule   `json:"rule"`
	Title  string `json:"title"` // the kind's label
	// The billing scope of a billing rule's event, or the partner organisation (its Partner
	// Center id and name) of a partner rule's.
	BillingAccount     string `json:"billingAccount,omitempty"`
	BillingProfile     string `json:"billingProfile,omitempty"`
	ProfileDisplayName string `json:"billingProfileDisplayName,omitempty"`
	Currency           string `json:"currency,omitempty"`
	Partner            string `json:"partner,omitempty"`
	PartnerName        string `json:"partnerName,omitempty"`
	Link               string `json:"link"` // the page to act on
	Values             Values `json:"values"`
}

// NewEvent is the event of a rule's firing (or resolution) for a subject; its id is the
// dedupe key, so a receiver can drop a retried delivery it already has.
func NewEvent(kind Kind, resolved bool, source, dedupeKey, subject string, at time.Time, data EventData) Event {
	data.Title = kind.Label()
	data.State = Firing
	if resolved {
		data.State = Resolved
	}
	return Event{SpecVersion: "1.0", Type: kind.EventType(resolved), Source: source, ID: dedupeKey, Time: at.UTC(),
		DataContentType: "application/json", Subject: subject, Data: data}
}

// Sign is the X-CreditDesk-Signature of body under secret.
func Sign(secret string, body []byte) string {
	mac := hmac.New(sha256.New, []byte(secret))
	mac.Write(body)
	return "sha256=" + hex.EncodeToString(mac.Sum(nil))
}

// Verify reports whether signature is body's signature under secret, in constant time.
func Verify(secret string, body []byte, signature string) bool {
	return hmac.Equal([]byte(Sign(secret, body)), []byte(signature))
}

// NewSecret makes a webhook's signing secret: 32 random bytes, shown to its creator once.
func NewSecret() (string, error) {
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		return "", err
	}
	return "whsec_" + base64.RawURLEncoding.EncodeToString(b), nil
}
