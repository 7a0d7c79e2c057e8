package main

// LastResults returns the last stored result of each check of the profile, by kind (history.Kind*: database,
// atlas, ...), so a card can show its last result after a restart. Each value is the JSON the check
// returned, passed through as is (a json.RawMessage; typed `any` because Wails cannot describe RawMessage
// to TypeScript). Kinds never checked are absent; an unknown profile gets an empty map.
func (a *App) LastResults(profileID string) map[string]any {
	out := map[string]any{}
	for kind, e := range a.history.All(profileID) {
		out[kind] = e.Result
	}
	return out
}
