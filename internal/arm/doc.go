// Package arm is the pure half of CreditDesk's Azure-compatible REST API: the wire shapes of the
// Microsoft.Billing accounts and profiles and of the Microsoft.Consumption credit summary, lots
// and events, per api-version, exactly as ../shared/docs/azure-api-contract.md describes them; the
// api-version routing; the startDate/endDate and $filter semantics; the signed paging cursor; the
// events page, settled then pending (EventScope); the canonical form of ARM paths; and ARM
// errors. It does no I/O: the handlers of web/armapi read the store, call this package, and
// write what it returns.
package arm
