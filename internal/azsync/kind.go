package azsync

import (
	"fmt"
	"slices"
)

// AuthKind is how CreditDesk signs in to Azure for a connection.
type AuthKind string

// The ways of signing in. An app registration needs a tenant and a client id; its secret or
// certificate is stored sealed. The identities need no stored credential: the platform running
// CreditDesk in Azure provides it.
const (
	ClientSecret     AuthKind = "clientSecret"     // an Entra app registration's client secret
	Certificate      AuthKind = "certificate"      // its certificate (PEM, with its private key)
	ManagedIdentity  AuthKind = "managedIdentity"  // the managed identity of the VM, App Service or container
	WorkloadIdentity AuthKind = "workloadIdentity" // Kubernetes workload identity federation
)

// AuthKinds lists every kind, in the order forms offer them.
var AuthKinds = []AuthKind{ClientSecret, Certificate, ManagedIdentity, WorkloadIdentity}

// ParseAuthKind returns the kind named s.
func ParseAuthKind(s string) (AuthKind, error) {
	if k := AuthKind(s); slices.Contains(AuthKinds, k) {
		return k, nil
	}
	return "", fmt.Errorf("%q is not one of %v", s, AuthKinds)
}

// Label names the kind as pages show it.
func (k AuthKind) Label() string {
	switch k {
	case ClientSecret:
		return "App registration with a client secret"
	case Certificate:
		return "App registration with a certificate"
	case ManagedIdentity:
		return "Managed identity (CreditDesk runs in Azure)"
	case WorkloadIdentity:
		return "Workload identity (CreditDesk runs in Kubernetes)"
	}
	return string(k)
}

// Sealed reports whether the kind has a credential CreditDesk stores (sealed).
func (k AuthKind) Sealed() bool { return k == ClientSecret || k == Certificate }

// NeedsTenant reports whether the kind needs a tenant id and a client id. A managed identity
// needs neither (a client id selects a user-assigned identity).
func (k AuthKind) NeedsTenant() bool { return k != ManagedIdentity }
