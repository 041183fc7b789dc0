package views

// Alerts is the Alerts page of a billing scope or partner organisation (issue 12): its rules
// with their state, the webhooks, the delivery log, and for those who manage them the forms.
type Alerts struct {
	Shell Shell
	// WebhooksAction is where the webhook form posts.
	WebhooksAction string
	Account        bool // a billing account: amounts are in each profile's currency
	Partner        bool // a partner organisation: rules on its benefits, in days only
	CanManage      bool // create, edit, pause and delete rules and webhooks
	CanSeal        bool // webhooks can be created (the instance has -secrets-key)
	CanMail        bool // emails can be sent (SMTP is configured)
	Rules          []AlertRuleRow
	Webhooks       []WebhookRow
	Log            []AlertLogRow
	Form           AlertForm
	Hook           WebhookForm
	Errors         map[string]string
	Flash          string
	// NewSecret is the signing secret of the webhook just created, shown this once.
	NewSecret    string
	NewSecretURL string
}

// AlertRuleRow is one rule of the page.
type AlertRuleRow struct {
	ID           string
	Label        string // the kind's label
	Text         string // the condition in words
	Paused       bool
	Resolved     bool // a message is sent when the condition stops holding
	Active       int  // subjects for which the condition holds now
	LastFired    string
	Subscribed   bool
	EditHref     string
	PauseURL     string
	DeleteURL    string
	SubscribeURL string
}

// AlertForm is the create or edit form of a rule; Action is where it posts.
type AlertForm struct {
	Action         string
	Editing        bool
	Kinds          []Option
	Days           string
	Amount         string
	Percent        string
	NotifyResolved bool
}

// WebhookRow is one webhook of the page.
type WebhookRow struct {
	URL       string
	For       string // "Every rule" or the rule's condition
	DeleteURL string
}

// WebhookForm is the form adding a webhook: its URL, and which rule (or every rule).
type WebhookForm struct {
	URL   string
	Rules []Option
}

// AlertLogRow is one attempt of the delivery log.
type AlertLogRow struct {
	At     string
	Rule   string
	Event  string // the CloudEvents type
	Target string // the webhook's URL or the recipient's email
	OK     bool
	Code   int // the webhook's HTTP status; 0 for none (an email, a timeout)
	Error  string
}
