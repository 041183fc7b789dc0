package azsync

import (
	"encoding/json"
	"fmt"
	"strconv"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore"
	"github.com/Azure/azure-sdk-for-go/sdk/azcore/policy"
	"github.com/Azure/azure-sdk-for-go/sdk/azidentity"

	"github.com/creditdesk/creditdesk/internal/secrets"
	"github.com/creditdesk/creditdesk/internal/store"
)

// sealedCredential is what a connection stores sealed: the client secret, or the certificate
// (PEM: the certificate and its private key) and the key's password.
type sealedCredential struct {
	ClientSecret        string `json:"clientSecret,omitempty"`
	Certificate         []byte `json:"certificate,omitempty"`
	CertificatePassword string `json:"certificatePassword,omitempty"`
}

// sealContext binds a sealed credential to its billing account: copied to another account's
// connection, it does not open.
func sealContext(accountID int64) string {
	return "azure-connection:" + strconv.FormatInt(accountID, 10)
}

// seal seals a credential for the account's connection.
func seal(s *secrets.Sealer, accountID int64, c sealedCredential) (string, error) {
	b, err := json.Marshal(c)
	if err != nil {
		return "", fmt.Errorf("azsync: seal credential: %w", err)
	}
	return s.Seal(b, sealContext(accountID))
}

// open opens a connection's sealed credential.
func open(s *secrets.Sealer, c store.AzureConnection) (sealedCredential, error) {
	b, err := s.Open(c.Credential, sealContext(c.BillingAccountID))
	if err != nil {
		return sealedCredential{}, err
	}
	var out sealedCredential
	if err := json.Unmarshal(b, &out); err != nil {
		return sealedCredential{}, secrets.ErrCorrupt
	}
	return out, nil
}

// credential builds the Entra ID credential of a connection. Its client options point it at the
// connection's authority; with a custom one (an Azure Stack Hub, a test) Entra's instance
// discovery at login.microsoft.com is skipped, as azidentity requires.
func credential(s *secrets.Sealer, c store.AzureConnection, transport policy.Transporter) (azcore.TokenCredential, error) {
	cl := CloudOf(c.ARMEndpoint, c.AuthorityHost)
	opts := azcore.ClientOptions{Cloud: cl.configuration(), Transport: transport}
	custom := cl.Custom()
	switch AuthKind(c.AuthKind) {
	case ClientSecret:
		sc, err := open(s, c)
		if err != nil {
			return nil, err
		}
		return azidentity.NewClientSecretCredential(c.TenantID, c.ClientID, sc.ClientSecret,
			&azidentity.ClientSecretCredentialOptions{ClientOptions: opts, DisableInstanceDiscovery: custom})
	case Certificate:
		sc, err := open(s, c)
		if err != nil {
			return nil, err
		}
		certs, key, err := azidentity.ParseCertificates(sc.Certificate, []byte(sc.CertificatePassword))
		if err != nil {
			return nil, secrets.ErrCorrupt
		}
		return azidentity.NewClientCertificateCredential(c.TenantID, c.ClientID, certs, key,
			&azidentity.ClientCertificateCredentialOptions{ClientOptions: opts, DisableInstanceDiscovery: custom, SendCertificateChain: true})
	case ManagedIdentity:
		o := &azidentity.ManagedIdentityCredentialOptions{ClientOptions: opts}
		if c.ClientID != "" {
			o.ID = azidentity.ClientID(c.ClientID)
		}
		return azidentity.NewManagedIdentityCredential(o)
	case WorkloadIdentity:
		return azidentity.NewWorkloadIdentityCredential(&azidentity.WorkloadIdentityCredentialOptions{ClientOptions: opts,
			TenantID: c.TenantID, ClientID: c.ClientID, DisableInstanceDiscovery: custom})
	}
	return nil, fmt.Errorf("azsync: connection %d: unknown sign-in kind %q", c.ID, c.AuthKind)
}
