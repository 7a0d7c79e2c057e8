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
// "revalidation.paths"), each with an Arabic message the UI shows beside that field.
type ValidationError struct {
	Fields map[string]string
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

var (
	idPattern          = regexp.MustCompile(`^[A-Za-z0-9_-]{1,64}$`)
	clusterPattern     = regexp.MustCompile(`^[a-z0-9-]{1,32}$`)
	pusherIDPattern    = regexp.MustCompile(`^[A-Za-z0-9._-]{0,128}$`)
	groupIDPattern     = regexp.MustCompile(`^[0-9a-f]{24}$`)
	atlasClusterName   = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9-]{0,63}$`)
	secretNamePattern  = regexp.MustCompile(`^[A-Z][A-Z0-9_]{0,63}$`)
	osUserName         = currentOSUser
	defaultFeatures    = Features{DBStats: false, AtlasLookup: true, VerifyPaths: true}
	errMsgTooManyItems = "عدد العناصر أكبر من المسموح ("
)

// Defaults returns a new, unsaved profile with every default filled in, for the "new profile" form. Kind
// stays empty on purpose: the user must choose production or staging consciously. Lists are empty, not
// nil, so the form gets [] rather than null.
func Defaults() Profile {
	return Profile{
		InstanceURLs:            []string{},
		SavedSecrets:            []string{},
		RevalidateSecretOrigins: []string{},
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
	errs := map[string]string{}
	bad := func(field, msg string) {
		if _, dup := errs[field]; !dup {
			errs[field] = msg
		}
	}

	if q.ID != "" && !idPattern.MatchString(q.ID) {
		bad("id", "معرّف الملف غير صالح.")
	}
	q.Name = strings.TrimSpace(q.Name)
	switch {
	case q.Name == "":
		bad("name", "الاسم مطلوب.")
	case utf8.RuneCountInString(q.Name) > MaxNameRunes:
		bad("name", "الاسم أطول من "+strconv.Itoa(MaxNameRunes)+" حرفًا.")
	case textMsg("الاسم", q.Name) != "":
		bad("name", textMsg("الاسم", q.Name))
	}
	switch q.Kind {
	case KindProduction, KindStaging, KindDevelopment:
	case "":
		bad("kind", "اختر نوع البيئة: إنتاج أو تجريب أو تطوير.")
	default:
		bad("kind", "نوع البيئة غير معروف؛ اختر إنتاج أو تجريب أو تطوير.")
	}

	q.SiteURL = strings.TrimSpace(q.SiteURL)
	if q.SiteURL != "" {
		if u, msg := NormalizeURL(q.SiteURL); msg != "" {
			bad("siteUrl", msg)
		} else {
			q.SiteURL = u
		}
	}
	q.InstanceURLs = normalizeInstanceURLs(q.InstanceURLs, q.SiteURL, bad)

	q.Actor = strings.TrimSpace(q.Actor)
	if q.Actor == "" {
		q.Actor = osUserName()
	}
	if msg := textMsg("اسم المنفّذ", q.Actor); msg != "" {
		bad("actor", msg)
	} else if ActorTooLong(q.Actor) {
		bad("actor", "اسم المنفّذ أطول من "+strconv.Itoa(MaxActorRunes)+" حرفًا.")
	}
	q.DBPlan = strings.TrimSpace(q.DBPlan)
	if msg := textMsg("وصف خطة قاعدة البيانات", q.DBPlan); msg != "" {
		bad("dbPlan", msg)
	} else if utf8.RuneCountInString(q.DBPlan) > MaxDBPlanRunes {
		bad("dbPlan", "وصف خطة قاعدة البيانات أطول من "+strconv.Itoa(MaxDBPlanRunes)+" حرفًا.")
	}

	validatePusher(&q.Pusher, bad)
	validateAtlas(&q.Atlas, bad)
	validateRevalidation(&q.Revalidation, bad)

	if q.ID == "" && q.Features == (Features{}) {
		q.Features = defaultFeatures
	}
	q.SavedSecrets = dedupe(q.SavedSecrets, func(s string) string { return s })
	for _, s := range q.SavedSecrets {
		if !secretNamePattern.MatchString(s) {
			bad("savedSecrets", "قائمة الأسرار المحفوظة تحوي اسمًا غير صالح.")
		}
	}
	if len(q.SavedSecrets) > MaxSavedSecrets {
		bad("savedSecrets", errMsgTooManyItems+strconv.Itoa(MaxSavedSecrets)+").")
	}
	q.RevalidateSecretOrigins = validateSecretOrigins(q.RevalidateSecretOrigins, bad)

	if len(errs) > 0 {
		return &ValidationError{Fields: errs}
	}
	*p = q
	return nil
}

func normalizeInstanceURLs(in []string, site string, bad func(string, string)) []string {
	out := make([]string, 0, len(in))
	for i, raw := range in {
		raw = strings.TrimSpace(raw)
		if raw == "" {
			continue
		}
		u, msg := NormalizeURL(raw)
		if msg != "" {
			bad("instanceUrls", "العنوان رقم "+strconv.Itoa(i+1)+": "+msg)
			continue
		}
		if u != site && !slices.Contains(out, u) {
			out = append(out, u)
		}
	}
	if len(out) > MaxInstanceURLs {
		bad("instanceUrls", errMsgTooManyItems+strconv.Itoa(MaxInstanceURLs)+").")
	}
	return out
}

func validatePusher(ps *Pusher, bad func(string, string)) {
	ps.AppID = strings.TrimSpace(ps.AppID)
	ps.Key = strings.TrimSpace(ps.Key)
	ps.PublicKey = strings.TrimSpace(ps.PublicKey)
	for field, v := range map[string]string{"pusher.appId": ps.AppID, "pusher.key": ps.Key, "pusher.publicKey": ps.PublicKey} {
		if !pusherIDPattern.MatchString(v) {
			bad(field, "القيمة تحوي محارف غير مسموحة أو أطول من 128 محرفًا (المسموح: حروف لاتينية وأرقام و . _ -).")
		}
	}
	ps.Cluster = strings.ToLower(strings.TrimSpace(ps.Cluster))
	ps.PublicCluster = strings.ToLower(strings.TrimSpace(ps.PublicCluster))
	for field, v := range map[string]string{"pusher.cluster": ps.Cluster, "pusher.publicCluster": ps.PublicCluster} {
		if v != "" && !clusterPattern.MatchString(v) {
			bad(field, "اسم العنقود غير صالح؛ مثال صحيح: mt1 أو eu (حروف صغيرة وأرقام و - حتى 32).")
		}
	}
	ps.Host = strings.ToLower(strings.TrimSpace(ps.Host))
	if ps.Host != "" {
		if msg := validHostPort(ps.Host); msg != "" {
			bad("pusher.host", msg)
		}
	}
	if ps.Host == "" {
		ps.Insecure = false // documented as ignored without Host; storing it would only mislead
	}
}

func validateAtlas(a *Atlas, bad func(string, string)) {
	a.GroupID = strings.ToLower(strings.TrimSpace(a.GroupID))
	if a.GroupID != "" && !groupIDPattern.MatchString(a.GroupID) {
		bad("atlas.groupId", "معرّف مشروع Atlas يتكون من 24 محرفًا ست عشريًا (0-9 و a-f).")
	}
	a.ClusterName = strings.TrimSpace(a.ClusterName)
	if a.ClusterName != "" && !atlasClusterName.MatchString(a.ClusterName) {
		bad("atlas.clusterName", "اسم عنقود Atlas يتكون من حروف لاتينية وأرقام و - حتى 64 محرفًا.")
	}
}

func validateRevalidation(r *Revalidation, bad func(string, string)) {
	if r.Tags == nil {
		r.Tags = slices.Clone(DefaultTags)
	}
	if r.Paths == nil {
		r.Paths = slices.Clone(DefaultPaths)
	}
	r.Tags = dedupe(r.Tags, strings.TrimSpace)
	for i, tag := range r.Tags {
		label := "الوسم رقم " + strconv.Itoa(i+1)
		if msg := textMsg(label, tag); msg != "" {
			bad("revalidation.tags", msg)
		} else if TagTooLong(tag) {
			bad("revalidation.tags", label+" أطول من "+strconv.Itoa(MaxTagLen)+" محرفًا.")
		}
	}
	if len(r.Tags) > MaxTags {
		bad("revalidation.tags", errMsgTooManyItems+strconv.Itoa(MaxTags)+").")
	}
	r.Paths = dedupe(r.Paths, strings.TrimSpace)
	for i, path := range r.Paths {
		if msg := validPath(path); msg != "" {
			bad("revalidation.paths", "المسار رقم "+strconv.Itoa(i+1)+": "+msg)
		}
	}
	if len(r.Paths) > MaxPaths {
		bad("revalidation.paths", errMsgTooManyItems+strconv.Itoa(MaxPaths)+").")
	}
	if r.CooldownSeconds == 0 {
		r.CooldownSeconds = DefaultCooldownSeconds
	}
	if r.CooldownSeconds < 1 || r.CooldownSeconds > MaxCooldownSeconds {
		bad("revalidation.cooldownSeconds", "مدة التهدئة بين 1 و "+strconv.Itoa(MaxCooldownSeconds)+" ثانية.")
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

func validPath(p string) string {
	p, _ = SplitPathType(p)
	switch {
	case !strings.HasPrefix(p, "/"):
		return "يجب أن يبدأ بـ /."
	case strings.HasPrefix(p, "//"):
		return "لا يجوز أن يبدأ بـ //."
	case PathTooLong(p):
		return "أطول من " + strconv.Itoa(MaxPathLen) + " محرفًا."
	case strings.ContainsAny(p, "?#\\"):
		return "المسار لا يحوي ? أو # أو \\؛ اكتب المسار وحده."
	case safetext.Check(p) != safetext.OK:
		return safetext.Arabic(safetext.Check(p))
	case strings.IndexFunc(p, unicode.IsSpace) >= 0:
		return "يحوي مسافات."
	}
	return ""
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

// textMsg is the field's message when s breaks the shared text rule (label + what is wrong), else "".
func textMsg(label, s string) string {
	if p := safetext.Check(s); p != safetext.OK {
		return label + " " + safetext.Arabic(p)
	}
	return ""
}

func (p Profile) clone() Profile {
	q := p
	q.InstanceURLs = slices.Clone(p.InstanceURLs)
	q.Revalidation.Tags = slices.Clone(p.Revalidation.Tags)
	q.Revalidation.Paths = slices.Clone(p.Revalidation.Paths)
	q.SavedSecrets = slices.Clone(p.SavedSecrets)
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
