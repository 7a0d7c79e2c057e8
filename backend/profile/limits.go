package profile

import "unicode/utf16"

// Limits of the site's revalidation route (integrations/nextjs/app/api/revalidate/route.ts), stated once and
// measured the way the route measures them, so a tag, a path or an actor name is accepted or refused the same
// by the profile form, the revalidation card and the site. A test reads route.ts and pins each value.
//
// Tags and paths are counted in UTF-16 code units: the route and Next.js itself check JavaScript's
// String.length, and Next silently ignores a longer tag, so any other unit would let through a tag the site
// drops (bytes refused a 130-letter Arabic tag the site accepts; runes would accept 200 emoji it ignores).
// For every letter of the Basic Multilingual Plane (Arabic included) one letter is one unit.
// The actor is counted in code points, because the route keeps Array.from(actor).slice(0, 64).
const (
	MaxTagLen     = 256  // UTF-16 code units (route.ts MAX_TAG_LENGTH)
	MaxPathLen    = 1024 // UTF-16 code units (route.ts MAX_PATH_LENGTH)
	MaxActorRunes = 64   // code points (route.ts MAX_ACTOR_LENGTH)
)

// JSLen counts UTF-16 code units, as JavaScript's String.length does: an emoji counts twice.
func JSLen(s string) int {
	n := 0
	for _, r := range s {
		if l := utf16.RuneLen(r); l > 0 {
			n += l
		} else {
			n++
		}
	}
	return n
}

// TagTooLong is the one length rule for a cache tag.
func TagTooLong(tag string) bool { return JSLen(tag) > MaxTagLen }

// PathTooLong is the one length rule for a page path.
func PathTooLong(path string) bool { return JSLen(path) > MaxPathLen }

// ActorTooLong is the one length rule for the actor name.
func ActorTooLong(actor string) bool { return len([]rune(actor)) > MaxActorRunes }

// CutActor keeps the first MaxActorRunes code points of actor, exactly what the route would keep.
func CutActor(actor string) string {
	if r := []rune(actor); len(r) > MaxActorRunes {
		return string(r[:MaxActorRunes])
	}
	return actor
}
