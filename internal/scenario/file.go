package scenario

// The scenario file as JSON: what Parse decodes (bind) and what a program that writes a scenario
// encodes (the load test). The schema has checked names and JSON types before these are read;
// when it found problems, decoding still fills in every field of the right type (a field of the
// wrong type is left empty), so that validate.go can find the file's other problems. Empty
// fields are left out when encoding; scenario.schema.json says which are required.
type (
	// File is a whole scenario file.
	File struct {
		Users           []FileUser    `json:"users,omitempty"`
		BillingAccounts []FileAccount `json:"billingAccounts,omitempty"`
		Partners        []FilePartner `json:"partners,omitempty"`
	}
	// FileUser is a user.
	FileUser struct {
		Email     string   `json:"email,omitempty"`
		Name      string   `json:"name,omitempty"`
		Password  string   `json:"password,omitempty"`
		APITokens []string `json:"apiTokens,omitempty"`
	}
	// FileGrant is a role grant.
	FileGrant struct {
		User string `json:"user,omitempty"`
		Role string `json:"role,omitempty"`
	}
	// FileAccount is a billing account.
	FileAccount struct {
		Name            string        `json:"name,omitempty"`
		DisplayName     string        `json:"displayName,omitempty"`
		AgreementType   string        `json:"agreementType,omitempty"`
		AccountType     string        `json:"accountType,omitempty"`
		Roles           []FileGrant   `json:"roles,omitempty"`
		BillingProfiles []FileProfile `json:"billingProfiles,omitempty"`
	}
	// FileProfile is a billing profile.
	FileProfile struct {
		Name        string           `json:"name,omitempty"`
		DisplayName string           `json:"displayName,omitempty"`
		Currency    string           `json:"currency,omitempty"`
		InvoiceDay  any              `json:"invoiceDay,omitempty"` // a json.Number when it is a number
		PONumber    string           `json:"poNumber,omitempty"`
		Roles       []FileGrant      `json:"roles,omitempty"`
		Lots        []FileLot        `json:"lots,omitempty"`
		Charges     []FileCharge     `json:"charges,omitempty"`
		Adjustments []FileAdjustment `json:"adjustments,omitempty"`
	}
	// FileLot is a credit lot.
	FileLot struct {
		Name           string `json:"name,omitempty"`
		Source         string `json:"source,omitempty"`
		Amount         string `json:"amount,omitempty"`
		StartDate      string `json:"startDate,omitempty"`
		ExpirationDate string `json:"expirationDate,omitempty"`
		PurchasedDate  string `json:"purchasedDate,omitempty"`
		PONumber       string `json:"poNumber,omitempty"`
		CanceledOn     string `json:"canceledOn,omitempty"`
	}
	// FileCharge is a charge.
	FileCharge struct {
		Date          string `json:"date,omitempty"`
		Amount        string `json:"amount,omitempty"`
		Product       string `json:"product,omitempty"`
		PublisherType string `json:"publisherType,omitempty"`
	}
	// FileAdjustment is an adjustment.
	FileAdjustment struct {
		Date        string `json:"date,omitempty"`
		Amount      string `json:"amount,omitempty"`
		Description string `json:"description,omitempty"`
	}
	// FilePartner is a partner organisation.
	FilePartner struct {
		ID       string        `json:"id,omitempty"`
		Name     string        `json:"name,omitempty"`
		Domains  []string      `json:"domains,omitempty"`
		Members  []FileMember  `json:"members,omitempty"`
		Benefits []FileBenefit `json:"benefits,omitempty"`
	}
	// FileMember is a member of a partner.
	FileMember struct {
		User  string   `json:"user,omitempty"`
		Roles []string `json:"roles,omitempty"`
	}
	// FileBenefit is a partner benefit.
	FileBenefit struct {
		ID           string `json:"id,omitempty"`
		Kind         string `json:"kind,omitempty"`
		Amount       string `json:"amount,omitempty"`
		Currency     string `json:"currency,omitempty"`
		PurchaseDate string `json:"purchaseDate,omitempty"`
		StartDate    string `json:"startDate,omitempty"`
		EndDate      string `json:"endDate,omitempty"`
		AssignedTo   string `json:"assignedTo,omitempty"`
		RedeemedAt   string `json:"redeemedAt,omitempty"`
	}
)
