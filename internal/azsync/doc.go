// Package azsync reads billing accounts, credits and charges from Azure with the official Azure
// SDK for Go (azidentity, armbilling, armconsumption) into CreditDesk (issue 13).
//
// A connection links a CreditDesk billing account to an Azure billing account, with the Entra
// app registration (client secret or certificate) or the managed or workload identity that
// CreditDesk signs in as; the secret or certificate is sealed under -secrets-key (package
// secrets). A sync reads the Azure account and its billing profiles, then for each profile the
// balance summary (C1), the lots (L1) and the events (E1) of the dates not read yet, and stores
// them through store.ApplyAzureProfile: Azure keeps the ledger of a synced profile, CreditDesk
// shows it and adds its own features (runway, expire-unused forecast, exports, the account
// summary, the API) without re-invoicing it.
//
// Each connection has one runner at a time across every instance (a claim with a lease in the
// database); Azure's 429 and 5xx answers are retried with back-off, honouring Retry-After
// (the SDK's retry policy); a failure is recorded as a Problem that the connection page says in
// plain words.
package azsync
