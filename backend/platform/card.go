package platform

import "strings"

// EventOpenCard is emitted when the admin clicks a notification: the window is shown and the UI opens the
// card the notification was about (data: OpenCard).
const EventOpenCard = "siyana:open-card"

// OpenCard names the card a notification was about.
type OpenCard struct {
	ProfileID string `json:"profileId"`
	Check     string `json:"check"`
}

// CardID is a Notification's ID for a check of a profile: "<profileID>/<check>". The one format; a click
// on the notification hands it back to ParseCardID.
func CardID(profileID, check string) string { return profileID + "/" + check }

// ParseCardID reads an ID made by CardID; ok is false for anything else (an empty part, no separator, a
// control character), so a foreign or mangled ID opens nothing.
func ParseCardID(id string) (OpenCard, bool) {
	p, c, found := strings.Cut(id, "/")
	if !found || p == "" || c == "" || strings.Contains(c, "/") || len(id) > 256 {
		return OpenCard{}, false
	}
	for _, r := range id {
		if r < 0x20 || r == 0x7f {
			return OpenCard{}, false
		}
	}
	return OpenCard{ProfileID: p, Check: c}, true
}
