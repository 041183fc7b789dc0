package access

// Agreement is the agreement type of a billing account (M1), spelled as ARM, the database and
// scenario files spell it. Only a Microsoft Customer Agreement has Azure credits (M6).
type Agreement string

// The agreement types (M1).
const (
	AgreementMCA  Agreement = "MicrosoftCustomerAgreement"
	AgreementEA   Agreement = "EnterpriseAgreement"
	AgreementMOSP Agreement = "MicrosoftOnlineServicesProgram"
	AgreementMPA  Agreement = "MicrosoftPartnerAgreement"
)

// Agreements lists every agreement type, as the scenario format lists them.
var Agreements = []Agreement{AgreementMCA, AgreementEA, AgreementMOSP, AgreementMPA}

// Label names the agreement as the Azure portal does (M1, M6); an unknown one keeps its
// spelling.
func (a Agreement) Label() string {
	switch a {
	case AgreementMCA:
		return "Microsoft Customer Agreement"
	case AgreementEA:
		return "Enterprise Agreement"
	case AgreementMOSP:
		return "Microsoft Online Services Program"
	case AgreementMPA:
		return "Microsoft Partner Agreement"
	}
	return string(a)
}

// DefaultAccountType is the account type usual for the agreement (M1), "" for an unknown one.
func (a Agreement) DefaultAccountType() string {
	switch a {
	case AgreementMCA, AgreementEA:
		return "Enterprise"
	case AgreementMOSP:
		return "Individual"
	case AgreementMPA:
		return "Partner"
	}
	return ""
}
