package azsync

import (
	"context"
	"regexp"
	"strings"

	"github.com/Azure/azure-sdk-for-go/sdk/azidentity"

	"github.com/creditdesk/creditdesk/internal/access"
	"github.com/creditdesk/creditdesk/internal/fault"
	"github.com/creditdesk/creditdesk/internal/store"
)

// The fields of a connection, as the form and its errors name them.
const (
	FieldAzureAccount = "azureAccount"
	FieldKind         = "kind"
	FieldTenant       = "tenantId"
	FieldClient       = "clientId"
	FieldSecret       = "clientSecret"
	FieldCertificate  = "certificate"
	FieldCloud        = "cloud"
	FieldEndpoint     = "armEndpoint"
	FieldAuthority    = "authorityHost"
)

// ConnectInput is a connection as an owner or operator gives it.
type ConnectInput struct {
	AzureAccount        string // the Azure billing account's name or id
	Kind                string // an AuthKind
	TenantID            string
	ClientID            string
	ClientSecret        string // "" keeps the stored one when the kind does not change
	Certificate         []byte // PEM: the certificate and its private key; empty keeps the stored one
	CertificatePassword string
	Cloud               string // public (default), usgov or china
	// ARMEndpoint and AuthorityHost name a custom cloud instead (an Azure Stack Hub, or an
	// ARM-compatible server such as another CreditDesk); the command line offers them.
	ARMEndpoint, AuthorityHost string
}

// tenantName is a directory's domain name, the other way to name a tenant than its GUID.
var tenantName = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9.-]{0,252}\.[A-Za-z]{2,}$`)

// KeyNotMCA is the message key of the refusal to connect a billing account that is not a
// Microsoft Customer Agreement to Azure (M6); the views word it.
const KeyNotMCA = "azure.not_mca"

// Connect connects the billing account to Azure, or changes its connection, after checking
// every field (fault.Invalid names each one at fault). The client secret or certificate is
// sealed under -secrets-key before it is stored, and is never shown again.
func (s *Syncer) Connect(ctx context.Context, actor store.User, account store.BillingAccount, in ConnectInput) (store.AzureConnection, store.Change, error) {
	if !account.IsMCA() {
		return store.AzureConnection{}, store.Unchanged, fault.Refusal{Rule: "M6", Said: fault.Say(KeyNotMCA)}
	}
	old, err := s.o.Store.AzureConnectionOf(ctx, account.ID)
	if err != nil && !isNotFound(err) {
		return store.AzureConnection{}, store.Unchanged, err
	}
	c, invalid := s.check(account, old, in)
	if len(invalid) > 0 {
		return store.AzureConnection{}, store.Unchanged, invalid
	}
	return s.o.Store.SaveAzureConnection(ctx, actor, account, c)
}

// Disconnect removes the billing account's connection and its credential.
func (s *Syncer) Disconnect(ctx context.Context, actor store.User, account store.BillingAccount) error {
	return s.o.Store.DeleteAzureConnection(ctx, actor, account)
}

// check validates the input into the connection to store, sealing its credential.
func (s *Syncer) check(account store.BillingAccount, old store.AzureConnection, in ConnectInput) (store.AzureConnection, fault.Invalid) {
	var v fault.Invalid
	bad := func(field, msg string) { v = append(v, fault.FieldError{Field: field, Message: msg}) }
	c := store.AzureConnection{AzureAccount: strings.TrimPrefix(strings.TrimSpace(in.AzureAccount), "/providers/Microsoft.Billing/billingAccounts/"),
		TenantID: strings.TrimSpace(in.TenantID), ClientID: strings.TrimSpace(in.ClientID)}
	if _, shaped, realDay := access.MCAName(c.AzureAccount); !shaped || !realDay { // only MCA accounts have credits to sync
		bad(FieldAzureAccount, "Enter the Azure billing account ID, as Cost Management + Billing > Properties shows it: "+
			"<guid>:<guid>_<yyyy-mm-dd>.")
	}
	kind, err := ParseAuthKind(in.Kind)
	if err != nil {
		bad(FieldKind, "Choose one of the ways of signing in offered.")
	}
	c.AuthKind = string(kind)
	if kind.NeedsTenant() && !access.IsGUID(c.TenantID) && !tenantName.MatchString(c.TenantID) {
		bad(FieldTenant, "Enter the Directory (tenant) ID of the app registration, a GUID.")
	}
	if !kind.NeedsTenant() {
		c.TenantID = ""
	}
	if (kind.NeedsTenant() || c.ClientID != "") && !access.IsGUID(c.ClientID) {
		bad(FieldClient, "Enter the Application (client) ID, a GUID.")
	}
	cl, field, msg := cloudOf(in)
	if msg != "" {
		bad(field, msg)
	}
	c.ARMEndpoint, c.AuthorityHost = cl.ARMEndpoint, cl.AuthorityHost
	if kind.Sealed() && err == nil {
		sealed, field, msg := s.sealInput(account, old, kind, in)
		if msg != "" {
			bad(field, msg)
		}
		c.Credential = sealed
	}
	return c, v
}

// cloudOf is the cloud the input names, or the field at fault and why.
func cloudOf(in ConnectInput) (Cloud, string, string) {
	if in.ARMEndpoint == "" && in.AuthorityHost == "" {
		name := in.Cloud
		if name == "" {
			name = "public"
		}
		cl, err := CloudNamed(name)
		if err != nil {
			return cl, FieldCloud, "Choose one of the Azure clouds offered."
		}
		return cl, "", ""
	}
	arm, err := checkEndpoint(in.ARMEndpoint)
	if err != nil {
		return Cloud{}, FieldEndpoint, "The Resource Manager endpoint " + err.Error() + "."
	}
	authority, err := checkEndpoint(in.AuthorityHost)
	if err != nil {
		return Cloud{}, FieldAuthority, "The Entra ID authority " + err.Error() + "."
	}
	return CloudOf(arm, authority), "", ""
}

// sealInput seals the secret or certificate given, or keeps the stored one of the same kind.
func (s *Syncer) sealInput(account store.BillingAccount, old store.AzureConnection, kind AuthKind, in ConnectInput) (string, string, string) {
	field := FieldSecret
	if kind == Certificate {
		field = FieldCertificate
	}
	given := in.ClientSecret != "" || len(in.Certificate) > 0
	if !given && old.ID != 0 && old.AuthKind == string(kind) {
		return old.Credential, "", ""
	}
	if s.o.Sealer == nil {
		return "", field, "CreditDesk was started without -secrets-key, so it cannot store a secret: ask the operator to set one."
	}
	var sc sealedCredential
	switch kind {
	case ClientSecret:
		if in.ClientSecret == "" || len(in.ClientSecret) > 1024 {
			return "", field, "Enter the client secret's value (not its ID), as Certificates & secrets showed it when it was created."
		}
		sc.ClientSecret = in.ClientSecret
	case Certificate:
		if len(in.Certificate) == 0 || len(in.Certificate) > 64<<10 {
			return "", field, "Give the certificate as a PEM file with its private key (at most 64 KB)."
		}
		if _, _, err := azidentity.ParseCertificates(in.Certificate, []byte(in.CertificatePassword)); err != nil {
			return "", field, "This is not a PEM certificate with its private key, or the key's password is wrong."
		}
		sc.Certificate, sc.CertificatePassword = in.Certificate, in.CertificatePassword
	}
	sealed, err := seal(s.o.Sealer, account.ID, sc)
	if err != nil {
		return "", field, "The secret could not be sealed: " + err.Error()
	}
	return sealed, "", ""
}
