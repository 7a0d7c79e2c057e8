package diagnostics

import "siyana/backend/redact"

// Redaction kinds, as shown in the preview. They name what was removed, never the value.
const (
	KindSecret    = redact.KindSecret    // a keychain value (Secret says which; Form says how it was encoded)
	KindUserInfo  = redact.KindUserInfo  // user:password@ in a URL
	KindQuery     = redact.KindQuery     // a query parameter named like a credential
	KindField     = redact.KindField     // a JSON field named like a credential
	KindHeader    = redact.KindHeader    // an Authorization header echoed in a body
	KindBearer    = redact.KindBearer    // "Bearer <token>"
	KindSignature = redact.KindSignature // a signature a server quoted back
)

// Placeholder replaces every removed value.
const Placeholder = redact.Placeholder

// Redaction records one kind of replacement made in one place, without the value.
type Redaction struct {
	Where  string `json:"where"`            // JSON path in the bundle, or a label given by the caller
	Kind   string `json:"kind"`             // one of the Kind* constants
	Secret string `json:"secret,omitempty"` // the secret's name (DATABASE_URL, ...) for KindSecret
	Form   string `json:"form,omitempty"`   // raw | password+base64 | user | ...; query and field: the name
	Count  int    `json:"count"`            // how many replacements of this kind were made here
}

func records(found []redact.Located) []Redaction {
	out := make([]Redaction, len(found))
	for i, f := range found {
		out[i] = Redaction{Where: f.Where, Kind: f.Kind, Secret: f.Secret, Form: f.Form, Count: f.Count}
	}
	return out
}
