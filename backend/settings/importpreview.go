package settings

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"reflect"
	"sync"
	"time"

	"siyana/backend/envimport"
	"siyana/backend/profile"
	"siyana/backend/secrets"
	"siyana/backend/sitevars"
)

// CodeImportExpired: the preview an apply names is gone (applied, cancelled, older than PreviewTTL, or the
// profile changed since it was shown). Nothing changed; preview the file again.
const CodeImportExpired = "IMPORT_PREVIEW_EXPIRED"

// PreviewTTL is how long a previewed import waits for its confirmation.
const PreviewTTL = 5 * time.Minute

// What an import would do to one variable.
const (
	ChangeNew       = "new"       // the profile has no value (a secret not saved, an empty field)
	ChangeChanged   = "changed"   // the file's value differs from the one the profile has
	ChangeUnchanged = "unchanged" // the same value
	ChangeIgnored   = "ignored"   // in the file, but not used (unknown, empty, or a losing alias)
)

// ImportChange is one variable of a previewed import. A secret is named only: Old and New are set for the
// profile fields that are not secret (shown in the form anyway).
type ImportChange struct {
	Name   string `json:"name"`                                                         // the variable as the file names it (DATABASE_URL, MONGODB_URI, ...)
	Field  string `json:"field"`                                                        // the profile field's JSON path; "" for a secret or an ignored name
	Secret bool   `json:"secret"`                                                       // the value goes to the keychain and is never shown
	Status string `json:"status" ts_type:"'new' | 'changed' | 'unchanged' | 'ignored'"` // ChangeNew, ChangeChanged, ChangeUnchanged or ChangeIgnored
	Old    string `json:"old,omitempty"`                                                // the profile's value now (fields only)
	New    string `json:"new,omitempty"`                                                // the value after the import, normalised (fields only)
}

// ImportPreview is what importing the file would change, and the token that applies exactly that.
type ImportPreview struct {
	OK          bool              `json:"ok"`          // the file can be imported as shown
	Code        string            `json:"code"`        // CodeOK, CodeInvalidInput, an ENV_* or keychain code, ...
	Message     string            `json:"message"`     // English detail for logs; the UI renders Code + Params
	Params      map[string]string `json:"params"`      // line (ENV_MALFORMED), limit (ENV_TOO_BIG), reason
	FieldErrors FieldErrors       `json:"fieldErrors"` // variable name -> rule (the import would be refused)
	Token       string            `json:"token"`       // hand it to ApplyImport; "" when not OK
	Changes     []ImportChange    `json:"changes"`     // the used variables in table order, then the ignored ones
}

// pending is a previewed plan waiting for its confirmation. It stays in Go: the UI holds the token only.
type pending struct {
	profileID string
	plan      envimport.Plan
	seen      profile.Profile // the profile the preview was computed on
	expires   time.Time
}

type previews struct {
	mu  sync.Mutex
	by  map[string]pending
	now func() time.Time
}

func (p *previews) put(x pending) string {
	b := make([]byte, 16)
	_, _ = rand.Read(b)
	token := hex.EncodeToString(b)
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.by == nil {
		p.by = map[string]pending{}
	}
	for t, old := range p.by { // one waiting plan per profile, and none past its time
		if old.profileID == x.profileID || p.clock().After(old.expires) {
			delete(p.by, t)
		}
	}
	x.expires = p.clock().Add(PreviewTTL)
	p.by[token] = x
	return token
}

// take removes and returns the plan of token (a token is used once, applied or cancelled).
func (p *previews) take(token string) (pending, bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	x, ok := p.by[token]
	delete(p.by, token)
	if !ok || p.clock().After(x.expires) {
		return pending{}, false
	}
	return x, true
}

func (p *previews) clock() time.Time {
	if p.now != nil {
		return p.now()
	}
	return time.Now()
}

// PreviewImportFile reads a .env file once and says, per variable, what importing it would change. Nothing
// is written; the plan waits in Go under the returned token for ApplyImport (or CancelImport).
func (s *Service) PreviewImportFile(ctx context.Context, profileID, path string) ImportPreview {
	return s.preview(ctx, profileID, func() (envimport.Plan, error) { return envimport.ReadFile(path) })
}

// PreviewImportText is PreviewImportFile over .env text in memory (tests, siyanactl).
func (s *Service) PreviewImportText(ctx context.Context, profileID string, text []byte) ImportPreview {
	return s.preview(ctx, profileID, func() (envimport.Plan, error) { return envimport.Parse(text) })
}

// PreviewImportNewFile is PreviewImportFile before the first save: nothing exists yet, so the plan is
// computed over draft (what the admin chose in the form: name, kind, ...) and every secret is new. The draft
// waits with the plan; ApplyImport with no profile ID creates the profile from both, once everything is
// valid (a missing kind is refused here already: no default).
func (s *Service) PreviewImportNewFile(ctx context.Context, draft profile.Profile, path string) ImportPreview {
	return s.previewNew(ctx, draft, func() (envimport.Plan, error) { return envimport.ReadFile(path) })
}

// PreviewImportNewText is PreviewImportNewFile over .env text in memory (tests).
func (s *Service) PreviewImportNewText(ctx context.Context, draft profile.Profile, text []byte) ImportPreview {
	return s.previewNew(ctx, draft, func() (envimport.Plan, error) { return envimport.Parse(text) })
}

func (s *Service) preview(ctx context.Context, profileID string, read func() (envimport.Plan, error)) ImportPreview {
	current, err := s.profiles.Get(profileID)
	if err != nil {
		return previewFailure(err)
	}
	return s.previewOver(ctx, current, read)
}

func (s *Service) previewNew(ctx context.Context, draft profile.Profile, read func() (envimport.Plan, error)) ImportPreview {
	if err := s.profiles.Down(); err != nil {
		return previewFailure(err)
	}
	// An ID, saved secrets or bound origins are not the caller's to choose: the store gives the ID.
	draft.ID, draft.SavedSecrets, draft.RevalidateSecretOrigins = "", nil, nil
	return s.previewOver(ctx, draft, read)
}

// previewOver computes the preview of read's plan over current (a saved profile, or a draft without an ID)
// and keeps the plan under a token.
func (s *Service) previewOver(ctx context.Context, current profile.Profile, read func() (envimport.Plan, error)) ImportPreview {
	plan, err := read()
	if err != nil {
		return previewFailure(err)
	}
	if errs, fileAtFault := checkPlan(current, plan); len(errs) > 0 {
		reason := "importInvalid"
		if !fileAtFault {
			reason = "importFormInvalid" // the file is fine: the form's fields (a new profile's name, kind) are not
		}
		p, msg := reasoned(CodeInvalidInput, reason, nil)
		return ImportPreview{Code: CodeInvalidInput, Message: msg, Params: p, FieldErrors: errs, Changes: ignoredOnly(plan)}
	}
	changes, err := s.changes(ctx, current, plan)
	if err != nil {
		return previewFailure(err)
	}
	token := s.previews.put(pending{profileID: current.ID, plan: plan, seen: current})
	return ImportPreview{OK: true, Code: CodeOK, Message: say(CodeOK, nil), Token: token, Changes: changes, FieldErrors: FieldErrors{}}
}

// changes compares the plan with the profile and its saved secrets (read inside Go, compared, dropped).
// A draft (no ID yet) has no saved secret: each one is new, and the keychain is not asked.
func (s *Service) changes(ctx context.Context, current profile.Profile, plan envimport.Plan) ([]ImportChange, error) {
	next := current
	plan.Apply(&next)
	if err := next.ValidateInput(); err != nil {
		return nil, err
	}
	var out []ImportChange
	for _, v := range sitevars.All() {
		if v.Secret {
			env := plan.EnvName(v.Name)
			if env == "" {
				continue
			}
			if current.ID == "" {
				out = append(out, ImportChange{Name: env, Secret: true, Status: ChangeNew})
				continue
			}
			old, err := s.keychain.Get(ctx, current.ID, v.Name)
			status := ChangeChanged
			switch {
			case errors.Is(err, secrets.ErrNotFound):
				status = ChangeNew
			case err != nil:
				return nil, err
			case old == plan.SecretValue(v.Name):
				status = ChangeUnchanged
			}
			out = append(out, ImportChange{Name: env, Secret: true, Status: status})
			continue
		}
		env := plan.EnvName(v.Field)
		if env == "" {
			continue
		}
		c := ImportChange{Name: env, Field: v.Field, Old: sitevars.Value(current, v.Name), New: sitevars.Value(next, v.Name)}
		switch {
		case c.Old == "":
			c.Status = ChangeNew
		case c.Old == c.New:
			c.Status = ChangeUnchanged
		default:
			c.Status = ChangeChanged
		}
		out = append(out, c)
	}
	return append(out, ignoredOnly(plan)...), nil
}

func ignoredOnly(plan envimport.Plan) []ImportChange {
	out := []ImportChange{}
	for _, n := range plan.Ignored {
		out = append(out, ImportChange{Name: n, Status: ChangeIgnored})
	}
	return out
}

// ApplyImport applies the previewed plan of token, exactly as shown: validated again, secrets first, then
// the fields (see ImportEnv). A token that is unknown, used, expired, or whose profile changed since the
// preview changes nothing and answers CodeImportExpired. With no profileID it applies a preview of a draft
// (PreviewImportNewFile): the profile is created from the draft and the file, as that preview showed.
func (s *Service) ApplyImport(ctx context.Context, profileID, token string) ImportResult {
	if profileID == "" {
		if err := s.profiles.Down(); err != nil {
			return importFailure(err, envimport.Plan{})
		}
	} else if _, err := s.profiles.Get(profileID); err != nil {
		return importFailure(err, envimport.Plan{})
	}
	x, ok := s.previews.take(token)
	ok = ok && x.profileID == profileID
	s.mu.Lock()
	defer s.mu.Unlock()
	if ok && profileID != "" {
		now, err := s.profiles.Get(profileID)
		if err != nil {
			return importFailure(err, envimport.Plan{})
		}
		ok = reflect.DeepEqual(now, x.seen)
	}
	if !ok {
		r := importFailure(nil, envimport.Plan{})
		r.Code, r.Message = CodeImportExpired, say(CodeImportExpired, nil)
		return r
	}
	return s.importPlanLocked(ctx, x.seen, x.plan)
}

// CancelImport drops the previewed plan of token (nothing was written, nothing is). Cancelling a token that
// is gone succeeds: the outcome is the same.
func (s *Service) CancelImport(token string) Outcome {
	_, _ = s.previews.take(token)
	return ok("importCancelled", nil)
}

func previewFailure(err error) ImportPreview {
	f := describe(err)
	return ImportPreview{Code: f.code, Message: f.message, Params: f.params, FieldErrors: f.fields, Changes: []ImportChange{}}
}

// ValidateProfile checks a form's values with the rules a save applies (ValidateInput) and writes nothing:
// the form asks it while the admin types, so the rule exists once, here.
func (s *Service) ValidateProfile(p profile.Profile) Outcome {
	if err := p.ValidateInput(); err != nil {
		return fail(err)
	}
	return Outcome{OK: true, Code: CodeOK, Message: say(CodeOK, nil), FieldErrors: FieldErrors{}}
}
