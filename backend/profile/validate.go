package profile

import (
	"errors"
	"os"
	"os/user"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"siyana/backend/i18n"
	"siyana/backend/safetext"
)

// Limits. They bound what the UI, the JSON file and each check have to cope with; the numbers are far above
// real use (the site has 4 tags, 3 paths, one or two instances).
const (
	MaxNameRunes       = 80
	MaxDBPlanRunes     = 32
	MaxURLLen          = 2048
	MaxInstanceURLs    = 16
	MaxTags            = 64
	MaxPaths           = 64
	MaxCooldownSeconds = 3600
	MaxSavedSecrets    = 16
)

// ErrInvalid matches every *ValidationError with errors.Is.
var ErrInvalid = errors.New("profile: invalid")

// ValidationError lists the invalid fields, keyed by JSON path ("name", "pusher.cluster",
// "revalidation.paths"), each with the rule it broke; the UI shows field.<code> beside that field.
type ValidationError struct {
	Fields map[string]FieldError
}

// FieldError is one refused field (see i18n.FieldError).
type FieldError = i18n.FieldError

// fe builds a FieldError from a code and key/value pairs.
func fe(code string, kv ...string) FieldError {
	e := FieldError{Code: code}
	if len(kv) > 1 {
		e.Params = make(map[string]string, len(kv)/2)
		for i := 0; i+1 < len(kv); i += 2 {
			e.Params[kv[i]] = kv[i+1]
		}
	}
	return e
}

// inList marks e as the item-th element of a list field.
func inList(e FieldError, item int) FieldError {
	p := map[string]string{"item": strconv.Itoa(item)}
	for k, v := range e.Params {
		p[k] = v
	}
	e.Params = p
	return e
}

func (e *ValidationError) Error() string {
	keys := make([]string, 0, len(e.Fields))
	for k := range e.Fields {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return "profile: invalid " + strings.Join(keys, ", ")
}

// Is makes errors.Is(err, ErrInvalid) true.
func (e *ValidationError) Is(target error) bool { return target == ErrInvalid }

// bounded is a pattern of ASCII character classes with its length bounds (in bytes, which are characters
// here) checked apart: a counted repetition such as {1,64} compiles into one copy per count, and these six
// cost 1.8 ms and 318 KB at every start of the app and of siyanactl; written with + and * they cost 0.09 ms.
type bounded struct {
	re       *regexp.Regexp
	min, max int
}

func (b bounded) MatchString(s string) bool {
	return len(s) >= b.min && len(s) <= b.max && b.re.MatchString(s)
}

var (
	idPattern         = bounded{regexp.MustCompile(`^[A-Za-z0-9_-]+$`), 1, 64}
	clusterPattern    = bounded{regexp.MustCompile(`^[a-z0-9-]+$`), 1, 32}
	pusherIDPattern   = bounded{regexp.MustCompile(`^[A-Za-z0-9._-]*$`), 0, 128}
	pusherAppIDDigits = bounded{regexp.MustCompile(`^[0-9]+$`), 1, 20}
	groupIDPattern    = bounded{regexp.MustCompile(`^[0-9a-f]+$`), 24, 24}
	atlasClusterName  = bounded{regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9-]*$`), 1, 64}
	secretNamePattern = bounded{regexp.MustCompile(`^[A-Z][A-Z0-9_]*$`), 1, 64}
	osUserName        = currentOSUser
	defaultFeatures   = Features{DBStats: false, AtlasLookup: true, VerifyPaths: true}
)

// Defaults returns a new, unsaved profile with every default filled in, for the "new profile" form. Kind
// stays empty on purpose: the user must choose production or staging consciously. Lists are empty, not
// nil, so the form gets [] rather than null.
func Defaults() Profile {
	return Profile{
		InstanceURLs:            []string{},
		SavedSecrets:            []string{},
		RevalidateSecretOrigins: []string{},
		Pages:                   []Page{},
		Actor:                   osUserName(),
		Revalidation: Revalidation{
			Tags:            slices.Clone(DefaultTags),
			Paths:           slices.Clone(DefaultPaths),
			CooldownSeconds: DefaultCooldownSeconds,
		},
		Features: defaultFeatures,
	}
}

// ValidateAndSetDefaults trims and normalises every field, fills in defaults, and returns a
// *ValidationError listing all bad fields. On error p is left exactly as it was.
//
// Defaults: actor = OS user; revalidation tags/paths = DefaultTags/DefaultPaths when nil (an explicit empty
// list stays empty); cooldown = DefaultCooldownSeconds when 0; for a new profile (no ID) whose Features are
// all false, Features = {VerifyPaths, AtlasLookup} (a stored profile keeps its toggles as they are).
func (p *Profile) ValidateAndSetDefaults() error {
	q := p.clone()
	errs := map[string]FieldError{}
	bad := func(field string, e FieldError) {
		if _, dup := errs[field]; !dup {
			errs[field] = e
		}
	}

	if q.ID != "" && !idPattern.MatchString(q.ID) {
		bad("id", fe("invalidId"))
	}
	q.Name = strings.TrimSpace(q.Name)
	switch {
	case q.Name == "":
		bad("name", fe("required"))
	case utf8.RuneCountInString(q.Name) > MaxNameRunes:
		bad("name", fe("tooLong", "max", strconv.Itoa(MaxNameRunes)))
	case textProblem(q.Name) != nil:
		bad("name", *textProblem(q.Name))
	}
	switch q.Kind {
	case KindProduction, KindStaging, KindDevelopment:
	case "":
		bad("kind", fe("kindRequired"))
	default:
		bad("kind", fe("kindUnknown"))
	}

	q.SiteURL = strings.TrimSpace(q.SiteURL)
	if q.SiteURL != "" {
		if u, e := NormalizeURL(q.SiteURL); e != nil {
			bad("siteUrl", *e)
		} else {
			q.SiteURL = u
		}
	}
	q.InstanceURLs = normalizeInstanceURLs(q.InstanceURLs, q.SiteURL, bad)

	q.Actor = strings.TrimSpace(q.Actor)
	if q.Actor == "" {
		q.Actor = osUserName()
	}
	if e := textProblem(q.Actor); e != nil {
		bad("actor", *e)
	} else if ActorTooLong(q.Actor) {
		bad("actor", fe("tooLong", "max", strconv.Itoa(MaxActorRunes)))
	}
	q.DBPlan = strings.TrimSpace(q.DBPlan)
	if e := textProblem(q.DBPlan); e != nil {
		bad("dbPlan", *e)
	} else if utf8.RuneCountInString(q.DBPlan) > MaxDBPlanRunes {
		bad("dbPlan", fe("tooLong", "max", strconv.Itoa(MaxDBPlanRunes)))
	}

	validatePusher(&q.Pusher, bad)
	validateAtlas(&q.Atlas, bad)
	validateRevalidation(&q.Revalidation, bad)
	validatePages(&q.Pages, bad)

	if q.ID == "" && q.Features == (Features{}) {
		q.Features = defaultFeatures
	}
	q.SavedSecrets = dedupe(q.SavedSecrets, func(s string) string { return s })
	for _, s := range q.SavedSecrets {
		if !secretNamePattern.MatchString(s) {
			bad("savedSecrets", fe("savedSecretsInvalid"))
		}
	}
	if len(q.SavedSecrets) > MaxSavedSecrets {
		bad("savedSecrets", fe("tooManyItems", "max", strconv.Itoa(MaxSavedSecrets)))
	}
	q.RevalidateSecretOrigins = validateSecretOrigins(q.RevalidateSecretOrigins, bad)

	if len(errs) > 0 {
		return &ValidationError{Fields: errs}
	}
	*p = q
	return nil
}

// PusherClusters are the clusters Pusher Channels serves (its cluster list): the form offers them, and a
// profile without a custom host must name one of them.
var PusherClusters = []string{"mt1", "us2", "us3", "eu", "ap1", "ap2", "ap3", "ap4", "sa1"}

// ValidateInput is ValidateAndSetDefaults plus the rules for what an admin types or imports now: without a
// custom host (that is, on Pusher itself) the app id is a number and each cluster is one of PusherClusters.
// Stored profiles are loaded with ValidateAndSetDefaults alone, so a file written before these rules is
// still read; the form then shows the field to fix on its next save. On error p is left as it was.
func (p *Profile) ValidateInput() error {
	q := p.clone()
	err := q.ValidateAndSetDefaults()
	fields := map[string]FieldError{}
	var ve *ValidationError
	if errors.As(err, &ve) {
		fields = ve.Fields
	} else if err != nil {
		return err
	}
	ps := q.Pusher
	if err != nil { // q was left as it was: normalise the Pusher values the way validatePusher does
		validatePusher(&ps, func(string, FieldError) {})
	}
	if ps.Host == "" {
		add := func(field string, e FieldError) {
			if _, dup := fields[field]; !dup {
				fields[field] = e
			}
		}
		if ps.AppID != "" && !pusherAppIDDigits.MatchString(ps.AppID) {
			add("pusher.appId", fe("pusherAppId"))
		}
		for field, v := range map[string]string{"pusher.cluster": ps.Cluster, "pusher.publicCluster": ps.PublicCluster} {
			if v != "" && !slices.Contains(PusherClusters, v) {
				add(field, fe("pusherClusterUnknown", "list", strings.Join(PusherClusters, ", ")))
			}
		}
	}
	if len(fields) > 0 {
		return &ValidationError{Fields: fields}
	}
	*p = q
	return nil
}

func normalizeInstanceURLs(in []string, site string, bad func(string, FieldError)) []string {
	out := make([]string, 0, len(in))
	for i, raw := range in {
		raw = strings.TrimSpace(raw)
		if raw == "" {
			continue
		}
		u, e := NormalizeURL(raw)
		if e != nil {
			bad("instanceUrls", inList(*e, i+1))
			continue
		}
		if u != site && !slices.Contains(out, u) {
			out = append(out, u)
		}
	}
	if len(out) > MaxInstanceURLs {
		bad("instanceUrls", fe("tooManyItems", "max", strconv.Itoa(MaxInstanceURLs)))
	}
	return out
}

func validatePusher(ps *Pusher, bad func(string, FieldError)) {
	ps.AppID = strings.TrimSpace(ps.AppID)
	ps.Key = strings.TrimSpace(ps.Key)
	ps.PublicKey = strings.TrimSpace(ps.PublicKey)
	for field, v := range map[string]string{"pusher.appId": ps.AppID, "pusher.key": ps.Key, "pusher.publicKey": ps.PublicKey} {
		if !pusherIDPattern.MatchString(v) {
			bad(field, fe("pusherValue", "max", "128"))
		}
	}
	ps.Cluster = strings.ToLower(strings.TrimSpace(ps.Cluster))
	ps.PublicCluster = strings.ToLower(strings.TrimSpace(ps.PublicCluster))
	for field, v := range map[string]string{"pusher.cluster": ps.Cluster, "pusher.publicCluster": ps.PublicCluster} {
		if v != "" && !clusterPattern.MatchString(v) {
			bad(field, fe("pusherCluster", "max", "32"))
		}
	}
	ps.Host = strings.ToLower(strings.TrimSpace(ps.Host))
	if ps.Host != "" {
		if e := validHostPort(ps.Host); e != nil {
			bad("pusher.host", *e)
		}
	}
	if ps.Host == "" {
		ps.Insecure = false // documented as ignored without Host; storing it would only mislead
	}
}

func validateAtlas(a *Atlas, bad func(string, FieldError)) {
	a.GroupID = strings.ToLower(strings.TrimSpace(a.GroupID))
	if a.GroupID != "" && !groupIDPattern.MatchString(a.GroupID) {
		bad("atlas.groupId", fe("atlasGroupId"))
	}
	a.ClusterName = strings.TrimSpace(a.ClusterName)
	if a.ClusterName != "" && !atlasClusterName.MatchString(a.ClusterName) {
		bad("atlas.clusterName", fe("atlasClusterName", "max", "64"))
	}
}

func validateRevalidation(r *Revalidation, bad func(string, FieldError)) {
	if r.Tags == nil {
		r.Tags = slices.Clone(DefaultTags)
	}
	if r.Paths == nil {
		r.Paths = slices.Clone(DefaultPaths)
	}
	r.Tags = dedupe(r.Tags, strings.TrimSpace)
	for i, tag := range r.Tags {
		if e := textProblem(tag); e != nil {
			bad("revalidation.tags", inList(*e, i+1))
		} else if TagTooLong(tag) {
			bad("revalidation.tags", inList(fe("tooLong", "max", strconv.Itoa(MaxTagLen)), i+1))
		}
	}
	if len(r.Tags) > MaxTags {
		bad("revalidation.tags", fe("tooManyItems", "max", strconv.Itoa(MaxTags)))
	}
	r.Paths = dedupe(r.Paths, strings.TrimSpace)
	for i, path := range r.Paths {
		if e := validPath(path); e != nil {
			bad("revalidation.paths", inList(*e, i+1))
		}
	}
	if len(r.Paths) > MaxPaths {
		bad("revalidation.paths", fe("tooManyItems", "max", strconv.Itoa(MaxPaths)))
	}
	if r.CooldownSeconds == 0 {
		r.CooldownSeconds = DefaultCooldownSeconds
	}
	if r.CooldownSeconds < 1 || r.CooldownSeconds > MaxCooldownSeconds {
		bad("revalidation.cooldownSeconds", fe("cooldownRange", "max", strconv.Itoa(MaxCooldownSeconds)))
	}
}

// validPath accepts what revalidatePath and the verification GET both understand: an absolute path on the
// site. "//x" is refused because URL resolution would read it as another host.
// SplitPathType reads a revalidation path written with an optional type suffix, the way the site's route
// names typed paths: "/dashboard (layout)" → ("/dashboard", "layout"). Without a suffix typ is "".
func SplitPathType(s string) (path, typ string) {
	t := strings.TrimSpace(s)
	for _, ty := range []string{"layout", "page"} {
		if rest, ok := strings.CutSuffix(t, " ("+ty+")"); ok {
			return strings.TrimSpace(rest), ty
		}
	}
	return s, ""
}

func validPath(p string) *FieldError {
	p, _ = SplitPathType(p)
	var e FieldError
	switch {
	case !strings.HasPrefix(p, "/"):
		e = fe("pathSlash")
	case strings.HasPrefix(p, "//"):
		e = fe("pathDoubleSlash")
	case PathTooLong(p):
		e = fe("tooLong", "max", strconv.Itoa(MaxPathLen))
	case strings.ContainsAny(p, "?#\\"):
		e = fe("pathChars")
	case safetext.Check(p) != safetext.OK:
		return textProblem(p)
	case strings.IndexFunc(p, unicode.IsSpace) >= 0:
		e = fe("spaces")
	default:
		return nil
	}
	return &e
}

// dedupe applies norm to each item, drops empties and repeats, and keeps the first-seen order.
func dedupe(in []string, norm func(string) string) []string {
	if in == nil {
		return nil
	}
	out := make([]string, 0, len(in))
	for _, s := range in {
		s = norm(s)
		if s != "" && !slices.Contains(out, s) {
			out = append(out, s)
		}
	}
	return out
}

// textProblem is the field error when s breaks the shared text rule (text_utf8, text_control, text_bidi).
func textProblem(s string) *FieldError {
	if p := safetext.Check(s); p != safetext.OK {
		e := fe("text_" + safetext.Name(p))
		return &e
	}
	return nil
}

func (p Profile) clone() Profile {
	q := p
	q.InstanceURLs = slices.Clone(p.InstanceURLs)
	q.Revalidation.Tags = slices.Clone(p.Revalidation.Tags)
	q.Revalidation.Paths = slices.Clone(p.Revalidation.Paths)
	q.SavedSecrets = slices.Clone(p.SavedSecrets)
	q.Pages = slices.Clone(p.Pages)
	q.RevalidateSecretOrigins = slices.Clone(p.RevalidateSecretOrigins)
	return q
}

// currentOSUser is the default actor: the login name without a Windows domain, else $USER/$USERNAME.
func currentOSUser() string {
	name := ""
	if u, err := user.Current(); err == nil {
		name = u.Username
	}
	if i := strings.LastIndexByte(name, '\\'); i >= 0 {
		name = name[i+1:]
	}
	for _, env := range []string{"USER", "USERNAME"} {
		if name == "" {
			name = os.Getenv(env)
		}
	}
	name = strings.TrimSpace(name)
	if name == "" || safetext.Check(name) != safetext.OK || ActorTooLong(name) {
		return "admin"
	}
	return name
}
