package main

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"sync"

	"github.com/joho/godotenv"

	"siyana/backend/atlas"
	"siyana/backend/check"
	"siyana/backend/dbhealth"
	"siyana/backend/history"
	"siyana/backend/i18n"
	"siyana/backend/pages"
	"siyana/backend/platform"
	"siyana/backend/profile"
	"siyana/backend/realtime"
	"siyana/backend/redact"
	"siyana/backend/revalidate"
	"siyana/backend/runner"
	"siyana/backend/secrets"
	"siyana/backend/settings"
	"siyana/backend/sitevars"
)

// Credential sources (the "source" of --json and of the first human line).
const (
	SourceKeychain = "keychain" // the desktop app's profiles and OS keychain
	SourceEnv      = "env"      // the process environment, with the site's own variable names
	SourceEnvFile  = "env-file" // a .env file, with the site's own variable names
)

// envProfileName names the profile built from --env / --env-file (it lives in memory only).
const envProfileName = "env"

// engine is one opened credential source: the services over it and the profile the command works on.
type engine struct {
	source    string
	deps      runner.Deps
	reg       *redact.Registry
	history   func() *history.Store // the app's recorded checks, read on first use (keychain source); nil otherwise
	configDir string                // the app's config dir (keychain source); "" otherwise
	dbClosed  sync.Once             // close and closeDB end the database client once
}

// close ends the database and Pusher clients side by side (each waits on its own peer); a database
// client closeDB is already closing is waited for.
func (e *engine) close() {
	done := make(chan struct{})
	go func() { e.deps.Realtime.Close(); close(done) }()
	e.closeDB()
	<-done
}

// recorded is the app's recorded checks (nil for an env source).
func (e *engine) recorded() *history.Store {
	if e.history == nil {
		return nil
	}
	return e.history()
}

// closeDB disconnects the database client (its Disconnect is a round trip: endSessions). check calls it as
// soon as the database check ended, so that it overlaps the slower checks instead of following the output.
func (e *engine) closeDB() { e.dbClosed.Do(func() { e.deps.DB.Close() }) }

// setupError is a configuration or keychain problem found before any check ran (exit 3).
// setupError is a setup failure (exit 3): its code and, for refused values, each field's error by the
// variable's name.
type setupError struct {
	code   string
	fields map[string]i18n.FieldError
}

func (e *setupError) Error() string { return e.code }

// open builds the services over the source the flags chose. Every secret value passes reg as it is read
// (redact.Recording) or, for the environment, as it is taken.
func open(ctx context.Context, g *globals, rt platform.Runtime) (*engine, error) {
	reg := redact.NewRegistry()
	e := &engine{reg: reg}
	var store *profile.Store
	var keychain secrets.Store
	switch {
	case g.env || g.envFile != "":
		e.source = SourceEnv
		if g.envFile != "" {
			e.source = SourceEnvFile
		}
		store = profile.Memory() // the env profile lives for this command only: no file, no temp dir
		keychain = redact.Recording(secrets.NewMemory(), reg)
	default:
		e.source = SourceKeychain
		var err error
		if store, err = profile.OpenDefault(false); err != nil {
			return nil, &setupError{code: check.CodeStoreUnavailable}
		}
		e.configDir = filepath.Dir(store.Path())
		keychain = redact.Recording(secrets.NewKeychain(secrets.Options{}), reg)
	}
	e.deps = runner.Deps{
		Settings:   settings.New(store, keychain),
		DB:         dbhealth.New(),
		Atlas:      &atlas.Client{},
		Realtime:   realtime.New(),
		Reval:      revalidate.New(revalidate.Config{Runtime: rt, LogDir: e.configDir, Redact: reg}),
		Storefront: &pages.Service{},
		Redact:     reg,
	}
	e.deps.Realtime.Redact = reg
	if e.source == SourceKeychain {
		// Only diagnostics reads the recorded checks: the other commands do not parse the file.
		path := filepath.Join(e.configDir, "last-results.json")
		e.history = sync.OnceValue(func() *history.Store {
			h := history.Open(path)
			h.Redact = reg
			return h
		})
		return e, nil
	}
	if err := e.importEnv(ctx, g); err != nil {
		e.close()
		return nil, err
	}
	return e, nil
}

// importEnv creates the one profile of an env source and fills it through settings' own .env import (the
// one variable table, aliases included). Variables the import leaves to the form (PUSHER_HOST) are taken
// from the process environment, before the import.
func (e *engine) importEnv(ctx context.Context, g *globals) error {
	s := e.deps.Settings
	p := s.NewProfile(ctx).Profile
	p.Name, p.Kind = envProfileName, profile.Kind(g.kind)
	// First what the import leaves to the form: with PUSHER_HOST set, the server is self-hosted and the
	// import accepts its own app id and cluster (on Pusher itself they must be Pusher's).
	for _, v := range sitevars.All() {
		if v.NoImport && !v.Secret {
			if val := os.Getenv(v.Name); val != "" {
				sitevars.Set(&p, v.Name, val)
			}
		}
	}
	p.Pusher.Insecure = g.pusherInsecure
	saved := s.SaveProfile(ctx, p)
	if !saved.OK {
		return &setupError{code: saved.Code, fields: saved.FieldErrors}
	}
	id := saved.Profile.ID
	var res settings.ImportResult
	if g.envFile != "" {
		res = s.ImportEnv(ctx, id, g.envFile)
	} else {
		vals := map[string]string{}
		var secret []redact.Value // registered at once: one scrubber built, not one per value
		for _, v := range sitevars.All() {
			for _, name := range append([]string{v.Name}, v.Aliases...) {
				if val := os.Getenv(name); val != "" {
					if v.Secret {
						secret = append(secret, redact.Value{Name: v.Name, Value: val})
					}
					vals[name] = val
				}
			}
		}
		e.reg.AddAll(id, secret)
		if len(vals) == 0 { // an empty profile: each check says NOT_CONFIGURED, naming what it needs
			res.Code = check.CodeOK
		} else if text, err := godotenv.Marshal(vals); err != nil {
			return &setupError{code: settings.CodeInvalidInput}
		} else {
			res = s.ImportEnvText(ctx, id, []byte(text))
		}
	}
	if res.Code != check.CodeOK {
		return &setupError{code: res.Code, fields: res.FieldErrors}
	}
	return nil
}

// pick finds the profile by name or id; "" is the env profile, the app's selected profile, or the only one.
func (e *engine) pick(ctx context.Context, want string) (profile.Profile, error) {
	list := e.deps.Settings.ListProfiles(ctx)
	if !list.OK {
		return profile.Profile{}, &setupError{code: list.Code}
	}
	if want != "" {
		i := slices.IndexFunc(list.Profiles, func(p profile.Profile) bool { return p.Name == want || p.ID == want })
		if i < 0 {
			return profile.Profile{}, &setupError{code: check.CodeProfileNotFound}
		}
		return list.Profiles[i], nil
	}
	if i := slices.IndexFunc(list.Profiles, func(p profile.Profile) bool { return p.ID == list.SelectedID }); i >= 0 {
		return list.Profiles[i], nil
	}
	if len(list.Profiles) == 1 {
		return list.Profiles[0], nil
	}
	return profile.Profile{}, &setupError{code: check.CodeProfileNotFound}
}

func asSetup(err error) (*setupError, bool) {
	var s *setupError
	return s, errors.As(err, &s)
}
