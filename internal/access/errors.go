package access

import "errors"

// ErrLastOwner refuses the removal of the last owner of a scope (M4).
var ErrLastOwner = errors.New("The last owner of a billing scope cannot be removed. Grant the owner role to someone else first.")

// ErrNotAssigned reports an assignment that is not held directly on the scope (it does not exist,
// or it is inherited from the billing account and must be removed there).
var ErrNotAssigned = errors.New("no such role assignment on this scope")
