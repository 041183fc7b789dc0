package access

import "github.com/creditdesk/creditdesk/internal/fault"

// KeyLastOwner is the message key of ErrLastOwner.
const KeyLastOwner = "access.last_owner"

// ErrLastOwner refuses the removal of the last owner of a scope (M4): a conflict
// (fault.ErrConflict) that says KeyLastOwner.
var ErrLastOwner error = fault.Refusal{Rule: "M4", Said: fault.Say(KeyLastOwner)}

// ErrNotAssigned reports an assignment that is not held directly on the scope (it does not exist,
// or it is inherited from the billing account and must be removed there): of kind
// fault.ErrNotFound.
var ErrNotAssigned = fault.New(fault.ErrNotFound, "no such role assignment on this scope")
