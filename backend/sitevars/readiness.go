package sitevars

import (
	"siyana/backend/check"
	"siyana/backend/profile"
)

// CardReadiness is what a card can say from configuration alone, before any check runs.
type CardReadiness struct {
	// Card is the card's name (database, atlas, realtime, revalidate, pages).
	Card Card `json:"card" ts_type:"string"`
	// Enabled is false only when the profile turned the card's lookup off (Atlas); true for the others.
	Enabled bool `json:"enabled"`
	// Ready: enabled and nothing missing, so the card's check can run.
	Ready bool `json:"ready"`
	// Missing lists what the card lacks, by the site's variable names (never nil).
	Missing []string `json:"missing"`
	// Needs is Missing with where each is set: the profile field or the keychain (never nil), so the card
	// can name the field's label and open Settings on it.
	Needs []Need `json:"needs"`
}

// Need is one missing variable and where the admin sets it.
type Need struct {
	// Name is the site's variable name (NEXT_PUBLIC_SITE_URL).
	Name string `json:"name"`
	// Field is the profile's JSON path of the form field that holds it ("siteUrl"); "" for a secret.
	Field string `json:"field"`
	// Secret: set in the secrets panel (the keychain) under Name.
	Secret bool `json:"secret"`
}

// needs is where each of names is set, in the same order.
func needs(names []string) []Need {
	out := make([]Need, 0, len(names))
	for _, n := range names {
		v, _ := Lookup(n)
		out = append(out, Need{Name: n, Field: v.Field, Secret: v.Secret})
	}
	return out
}

// Readiness is the answer of the bound Readiness call: one entry per card of the profile.
type Readiness struct {
	// OK is false when the profile could not be read (then Code says why and the cards are not ready).
	OK bool `json:"ok"`
	// Code is OK, PROFILE_NOT_FOUND, STORE_UNAVAILABLE or a keychain code.
	Code string `json:"code"`
	// Message explains a failure; "" when OK.
	Message    string        `json:"message"`
	ProfileID  string        `json:"profileId"`
	Database   CardReadiness `json:"database"`
	Atlas      CardReadiness `json:"atlas"`
	Realtime   CardReadiness `json:"realtime"`
	Revalidate CardReadiness `json:"revalidate"`
	Pages      CardReadiness `json:"pages"`
}

// Ready computes every card's readiness for p; saved says which secrets the keychain holds.
func Ready(p profile.Profile, saved map[string]bool) Readiness {
	card := func(c Card, enabled bool) CardReadiness {
		m := Missing(c, p, saved)
		return CardReadiness{Card: c, Enabled: enabled, Ready: enabled && len(m) == 0, Missing: m, Needs: needs(m)}
	}
	return Readiness{
		OK: true, Code: check.CodeOK, ProfileID: p.ID,
		Database:   card(CardDatabase, true),
		Atlas:      card(CardAtlas, p.Features.AtlasLookup),
		Realtime:   card(CardRealtime, true),
		Revalidate: card(CardRevalidate, true),
		Pages:      card(CardPages, true),
	}
}

// NotReady is the answer when the profile could not be read: every card not ready, nothing listed.
func NotReady(profileID, code, message string) Readiness {
	none := func(c Card) CardReadiness { return CardReadiness{Card: c, Missing: []string{}, Needs: []Need{}} }
	return Readiness{Code: code, Message: message, ProfileID: profileID,
		Database: none(CardDatabase), Atlas: none(CardAtlas), Realtime: none(CardRealtime), Revalidate: none(CardRevalidate), Pages: none(CardPages)}
}
