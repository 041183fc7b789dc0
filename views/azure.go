package views

import (
	"time"

	"github.com/creditdesk/creditdesk/internal/ledger"
)

// AzureConnection is the Azure connection page of a billing account (issue 13): the connection
// and its sync state for every role, the form and buttons for owners.
type AzureConnection struct {
	Shell      Shell
	Loc        Locale
	NotMCA     bool   // only an MCA has Azure credits to sync (M6)
	Agreement  string // for that explanation
	Connected  bool
	Azure      AzureDetails
	State      SyncState
	Profiles   []SyncedProfile
	CanManage  bool   // owners: the form, Sync now and Disconnect
	CanSeal    bool   // the instance has -secrets-key: a secret or certificate can be stored
	FormAction string // the page's path; the sync and delete actions are under it
	Form       AzureForm
	Errors     map[string]string
	Flash      string
}

// AzureDetails is what the page shows of a connection: never its credential.
type AzureDetails struct {
	Account     string // the Azure billing account id
	DisplayName string // as Azure names it, "" before the first sync
	TenantID    string
	ClientID    string
	Kind        string // the sign-in's label
	Sealed      bool   // a secret or certificate is stored, sealed
	Cloud       string // "Azure (public)", ... or the custom endpoint
}

// SyncState is how the last syncs went.
type SyncState struct {
	LastAttempt *time.Time
	LastSuccess *time.Time
	Problem     string // a key of SyncProblemText, "" after a success
	Detail      string // what Azure or CreditDesk said
	Running     bool   // a runner holds the connection now
}

// SyncedProfile is a billing profile whose ledger Azure keeps.
type SyncedProfile struct {
	Name     string
	Href     string
	SyncedAt time.Time
}

// AzureForm is the connection form's values (never a secret: it is not sent back).
type AzureForm struct {
	AzureAccount string
	Kind         string
	TenantID     string
	ClientID     string
	Cloud        string
	Kinds        []Option
	Clouds       []Option
}

// SyncedNotice is the line of a synced profile's credits page.
type SyncedNotice struct {
	At        time.Time
	Connected bool   // false once the connection was removed
	Href      string // the connection page, "" when the reader cannot see it
}

// SyncTime writes an instant of a sync in UTC with the reader's date order, "10:00 UTC on Jun 15, 2026".
func (l Locale) SyncTime(t time.Time) string {
	t = t.UTC()
	return t.Format("15:04") + " UTC on " + l.Date(ledger.DateOf(t))
}

// SyncProblemText says in plain words why a sync failed, from its key (azsync.Problem).
func SyncProblemText(problem string) string {
	switch problem {
	case "noSecretsKey":
		return "This CreditDesk was started without its secrets key (-secrets-key), so it cannot read the stored credentials. Start it with the key they were stored with, or enter the secret again."
	case "wrongSecretsKey":
		return "The stored credentials were sealed with another secrets key than this CreditDesk's (-secrets-key). Start it with that key, or enter the secret again."
	case "credentialDamaged":
		return "The stored credentials cannot be read: they are damaged or belong to another record. Enter the secret or certificate again."
	case "badClientSecret":
		return "Entra ID refused the client secret: enter the secret's value (not its ID) again."
	case "expiredClientSecret":
		return "The client secret has expired: create a new one under the app registration's Certificates & secrets, and enter it here."
	case "badCertificate":
		return "Entra ID refused the certificate: upload its public part to the app registration's Certificates & secrets, or give another one."
	case "unknownApp":
		return "No app registration with this client ID exists in the tenant: check the Application (client) ID and the tenant ID."
	case "unknownTenant":
		return "No Entra tenant has this ID: check the Directory (tenant) ID."
	case "signInFailed":
		return "Entra ID refused to sign the app in."
	case "noIdentity":
		return "No managed or workload identity is available where CreditDesk runs: assign one, or use an app registration."
	case "noBillingReaderRole":
		return "The app registration has no Billing reader role on this account: grant it Billing account reader in Cost Management + Billing > Access control (IAM)."
	case "tokenRefused":
		return "Azure refused the app's sign-in token: check that the tenant is the billing account's."
	case "billingAccountNotFound":
		return "Azure has no billing account with this ID, or the app cannot see it: check the ID under Cost Management + Billing > Properties."
	case "notMCA":
		return "This Azure billing account is not a Microsoft Customer Agreement, so it has no Azure credits to sync."
	case "throttled":
		return "Azure is limiting requests right now and kept answering \"too many requests\"; the next sync tries again."
	case "azureUnavailable":
		return "Azure answered with a server error every time it was asked; the next sync tries again."
	case "unreachable":
		return "CreditDesk could not reach Azure (network, DNS or TLS); the next sync tries again."
	case "timeout":
		return "Azure did not answer in time; the next sync tries again."
	case "requestRefused":
		return "Azure refused a request of the sync."
	case "unexpectedData":
		return "Azure sent a value CreditDesk cannot store."
	case "conflict":
		return "CreditDesk refused what Azure holds."
	}
	return "The sync failed on CreditDesk's side; the details are in the server log."
}
