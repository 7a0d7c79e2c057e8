package settings

import (
	"context"
	"errors"
	"strings"

	"siyana/backend/dbhealth"
	"siyana/backend/profile"
	"siyana/backend/secrets"
)

// DatabaseURLParts is what the DATABASE_URL editor may show of the saved connection string: never the user
// or the password (only whether each is there), and credential-like options masked.
type DatabaseURLParts struct {
	OK          bool                 `json:"ok"`          // the saved URI was read and split
	Code        string               `json:"code"`        // CodeOK, SECRET_NOT_FOUND, INVALID_URI, a keychain code, ...
	Message     string               `json:"message"`     // English detail for logs; the UI renders Code + Params
	Params      map[string]string    `json:"params"`      // part (username, password, host, ...) of an INVALID_URI
	Scheme      string               `json:"scheme"`      // "mongodb" or "mongodb+srv"
	Hosts       []string             `json:"hosts"`       // host[:port] each, or the SRV name
	Database    string               `json:"database"`    // "" when the URI names none
	Options     []dbhealth.URIOption `json:"options"`     // in order; credential-like values masked
	HasUser     bool                 `json:"hasUser"`     // a user name is saved
	HasPassword bool                 `json:"hasPassword"` // a password is saved
	FieldErrors FieldErrors          `json:"fieldErrors"` // "user" / "password" -> rule on a refused replacement
}

// DatabaseURLParts reads the saved DATABASE_URL inside Go and returns the parts it may show.
func (s *Service) DatabaseURLParts(ctx context.Context, profileID string) DatabaseURLParts {
	u, res := s.savedURI(ctx, profileID)
	if !res.OK {
		return res
	}
	return partsOf(u)
}

// SetDatabaseUser replaces only the user name of the saved DATABASE_URL (percent-encoded by Go) and writes
// the new URI to the keychain; the password and every other part stay as they were.
func (s *Service) SetDatabaseUser(ctx context.Context, profileID, user string) DatabaseURLParts {
	if strings.TrimSpace(user) == "" {
		return refusedPart("user", "required")
	}
	return s.replacePart(ctx, profileID, func(u dbhealth.URI) (string, *DatabaseURLParts) { return u.WithUser(user), nil })
}

// SetDatabasePassword replaces only the password of the saved DATABASE_URL. It needs a user in the URI
// (MongoDB has no password without one).
func (s *Service) SetDatabasePassword(ctx context.Context, profileID, password string) DatabaseURLParts {
	if password == "" {
		return refusedPart("password", "required")
	}
	return s.replacePart(ctx, profileID, func(u dbhealth.URI) (string, *DatabaseURLParts) {
		if !u.HasUser() {
			r := refusedPart("password", "dbUserFirst")
			return "", &r
		}
		return u.WithPassword(password), nil
	})
}

func (s *Service) replacePart(ctx context.Context, profileID string, rebuild func(dbhealth.URI) (string, *DatabaseURLParts)) DatabaseURLParts {
	u, res := s.savedURI(ctx, profileID)
	if !res.OK {
		return res
	}
	next, refused := rebuild(u)
	if refused != nil {
		return *refused
	}
	parsed, err := dbhealth.ParseURI(next) // the rebuilt URI passes the check's own parser before it is saved
	if err != nil {
		return uriFailure(err)
	}
	if o := s.SetSecret(ctx, profileID, secrets.DatabaseURL, next); !o.OK {
		r := DatabaseURLParts{Code: o.Code, Message: o.Message, Params: o.Params, FieldErrors: FieldErrors{}}
		if fe, bad := o.FieldErrors[secrets.DatabaseURL]; bad {
			r.FieldErrors["password"] = fe // a value too big for the keychain: said beside what was typed
		}
		return emptyParts(r)
	}
	out := partsOf(parsed)
	out.Params, out.Message = reasoned(CodeOK, "databaseUrlSaved", nil)
	return out
}

// savedURI reads DATABASE_URL from the keychain (the redactor learns it on the way) and splits it.
func (s *Service) savedURI(ctx context.Context, profileID string) (dbhealth.URI, DatabaseURLParts) {
	if _, err := s.profiles.Get(profileID); err != nil {
		f := describe(err)
		return dbhealth.URI{}, emptyParts(DatabaseURLParts{Code: f.code, Message: f.message})
	}
	raw, err := s.keychain.Get(ctx, profileID, secrets.DatabaseURL)
	if err != nil {
		f := describe(err)
		return dbhealth.URI{}, emptyParts(DatabaseURLParts{Code: f.code, Message: f.message})
	}
	u, err := dbhealth.ParseURI(raw)
	if err != nil {
		return dbhealth.URI{}, uriFailure(err)
	}
	return u, DatabaseURLParts{OK: true}
}

func partsOf(u dbhealth.URI) DatabaseURLParts {
	return DatabaseURLParts{OK: true, Code: CodeOK, Message: say(CodeOK, nil), Scheme: u.Scheme(), Hosts: u.Hosts(),
		Database: u.Database(), Options: u.Options(), HasUser: u.HasUser(), HasPassword: u.HasPassword(), FieldErrors: FieldErrors{}}
}

// uriFailure names the part of a refused URI (never its text: it holds the password).
func uriFailure(err error) DatabaseURLParts {
	r := DatabaseURLParts{Code: dbhealth.CodeInvalidURI, Message: err.Error()}
	var ue *dbhealth.URIError
	if errors.As(err, &ue) {
		r.Params = map[string]string{"part": string(ue.Part)}
		r.Message = "the saved DATABASE_URL is refused in its " + string(ue.Part)
	}
	return emptyParts(r)
}

func refusedPart(field, code string) DatabaseURLParts {
	return emptyParts(DatabaseURLParts{Code: CodeInvalidInput, Message: say(CodeInvalidInput, nil),
		FieldErrors: FieldErrors{field: profile.FieldError{Code: code}}})
}

// emptyParts fills the lists of a failed result, so the UI never meets null.
func emptyParts(r DatabaseURLParts) DatabaseURLParts {
	if r.Hosts == nil {
		r.Hosts = []string{}
	}
	if r.Options == nil {
		r.Options = []dbhealth.URIOption{}
	}
	if r.FieldErrors == nil {
		r.FieldErrors = FieldErrors{}
	}
	return r
}
