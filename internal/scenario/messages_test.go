package scenario

// Messages the schema words (errorMessage, patternErrorMessage), read from it so that rewording
// one in the schema changes the tests with it.
var (
	msgDate     = defMessage("date")
	msgAmount   = defMessage("amount")
	msgPositive = defMessage("positiveAmount")
	msgNonNeg   = defMessage("nonNegativeAmount")
	msgEmail    = defMessage("email")
	msgSafeID   = defMessage("safeId")
	msgMCAName  = defMessage("mcaAccountName")
	msgProfile  = defMessage("profileName")
	msgISO      = defMessage("currency")
	msgHost     = defMessage("hostname")
	msgText     = defMessage("plainText")
	msgPassword = defMessage("password")
	msgToken    = defMessage("apiToken")
	msgInvoice  = schemaAt(theSchema().doc, schemaURL+"#/$defs/billingProfile/properties/invoiceDay/anyOf/0")["errorMessage"].(string)
)

// defMessage is the message of the schema's definition name.
func defMessage(name string) string {
	sch := schemaAt(theSchema().doc, schemaURL+"#/$defs/"+name)
	if msg, ok := sch["patternErrorMessage"].(string); ok {
		return msg
	}
	if msg, ok := sch["errorMessage"].(string); ok {
		return msg
	}
	for _, sub := range sch["allOf"].([]any) {
		if msg, ok := sub.(map[string]any)["patternErrorMessage"].(string); ok {
			return msg
		}
	}
	panic("no message for " + name)
}
