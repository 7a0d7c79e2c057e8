package revalidate

import (
	"net/url"
	"os"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"siyana/backend/profile"
)

// profileWith is a valid profile whose default tags are tags and whose actor is actor.
func profileWith(tags []string, actor string) profile.Profile {
	p := profile.Defaults()
	p.Name, p.Kind, p.Actor = "drift", profile.KindStaging, actor
	p.Revalidation.Tags = tags
	return p
}

// The tag length rule is one rule: a tag is accepted or refused the same as a profile default and on the
// revalidation card, measured in UTF-16 units like the route. (It drifted: bytes in the profile refused a
// 130-letter Arabic tag the card accepted.)
func TestDriftTagLengthSameForProfileAndCard(t *testing.T) {
	scenarios := []struct {
		name string
		tag  string
		ok   bool
	}{
		{"130 Arabic letters (260 bytes)", strings.Repeat("ت", 130), true},
		{"256 Arabic letters", strings.Repeat("ت", profile.MaxTagLen), true},
		{"257 Arabic letters", strings.Repeat("ت", profile.MaxTagLen+1), false},
		{"128 emoji (256 units)", strings.Repeat("😀", profile.MaxTagLen/2), true},
		{"129 emoji (258 units, 129 runes)", strings.Repeat("😀", profile.MaxTagLen/2+1), false},
		{"256 ASCII", strings.Repeat("a", profile.MaxTagLen), true},
	}
	for _, s := range scenarios {
		t.Run(s.name, func(t *testing.T) {
			p := profileWith([]string{s.tag}, "admin")
			err := p.ValidateAndSetDefaults()
			profileOK := err == nil
			v := Validate([]string{s.tag}, nil)
			cardOK := len(v.Invalid) == 0 && len(v.Tags) == 1
			if profileOK != s.ok || cardOK != s.ok {
				t.Fatalf("profile accepted=%v (%v), card accepted=%v (%v); want both %v", profileOK, err, cardOK, v.Invalid, s.ok)
			}
		})
	}
}

// routeLimit reads one `const NAME = n;` of the shipped route, the peer whose limits these mirror.
func routeLimit(t *testing.T, name string) int {
	t.Helper()
	b, err := os.ReadFile("../../integrations/nextjs/app/api/revalidate/route.ts")
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`(?m)^const ` + name + ` = (\d+);`).FindSubmatch(b)
	if m == nil {
		t.Fatalf("route.ts has no const %s", name)
	}
	n, _ := strconv.Atoi(string(m[1]))
	return n
}

// One actor cap everywhere: the profile refuses what the route would cut, the header sends what the route
// keeps, and the three equal route.ts. (It drifted: 80 in the profile, 128 in the header, 64 in the route.)
func TestDriftActorCapIsOneValue(t *testing.T) {
	if got := routeLimit(t, "MAX_ACTOR_LENGTH"); got != profile.MaxActorRunes {
		t.Fatalf("route.ts MAX_ACTOR_LENGTH=%d, profile.MaxActorRunes=%d", got, profile.MaxActorRunes)
	}
	for _, s := range []struct {
		name, actor string
	}{{"Arabic", "م"}, {"emoji", "😀"}, {"ASCII", "a"}} {
		t.Run(s.name, func(t *testing.T) {
			fits := strings.Repeat(s.actor, profile.MaxActorRunes)
			over := fits + s.actor
			if p := profileWith(nil, fits); p.ValidateAndSetDefaults() != nil {
				t.Fatalf("profile refused a %d-letter actor", profile.MaxActorRunes)
			}
			if p := profileWith(nil, over); p.ValidateAndSetDefaults() == nil {
				t.Fatalf("profile accepted a %d-letter actor", profile.MaxActorRunes+1)
			}
			sent, err := url.QueryUnescape(headerActor(over))
			if err != nil || sent != fits || utf8.RuneCountInString(sent) != profile.MaxActorRunes {
				t.Fatalf("header carries %d letters (%v), want the %d the route keeps", utf8.RuneCountInString(sent), err, profile.MaxActorRunes)
			}
		})
	}
}

// The route's tag and path limits are the profile's.
func TestDriftRouteLimitsAreTheProfiles(t *testing.T) {
	if got := routeLimit(t, "MAX_TAG_LENGTH"); got != profile.MaxTagLen {
		t.Fatalf("route.ts MAX_TAG_LENGTH=%d, profile.MaxTagLen=%d", got, profile.MaxTagLen)
	}
	if got := routeLimit(t, "MAX_PATH_LENGTH"); got != profile.MaxPathLen {
		t.Fatalf("route.ts MAX_PATH_LENGTH=%d, profile.MaxPathLen=%d", got, profile.MaxPathLen)
	}
}

// The production confirmation is the service's rule (it was the facade's): a full refresh of a production
// profile sends nothing until confirmed; a staging one needs no confirmation.
func TestFullRefreshOfProductionNeedsConfirmation(t *testing.T) {
	site := newFakeSite(t, testSecret)
	s, _ := newTestService(t, nil)
	p := profile.Defaults()
	p.ID, p.Name, p.Kind, p.SiteURL = "prod", "prod", profile.KindProduction, site.URL()
	p.RevalidateSecretOrigins = profile.OriginsOf(site.URL())
	if res := s.FullRefresh(t.Context(), RequestFor(p, testSecret, false)); res.Code != CodeConfirmRequired || res.OK || site.postCount() != 0 {
		t.Fatalf("unconfirmed: code %s, %d requests", res.Code, site.postCount())
	}
	if res := s.FullRefresh(t.Context(), RequestFor(p, testSecret, true)); res.Code == CodeConfirmRequired || site.postCount() == 0 {
		t.Fatalf("confirmed: code %s, %d requests", res.Code, site.postCount())
	}
	p.Kind = profile.KindStaging
	if res := s.FullRefresh(t.Context(), RequestFor(p, testSecret, false)); res.Code == CodeConfirmRequired {
		t.Fatalf("staging asked for confirmation: %s", res.Code)
	}
}
