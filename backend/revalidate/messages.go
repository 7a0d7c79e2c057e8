package revalidate

import "siyana/backend/i18n"

// area names this card's sentences in the catalogs (revalidate.msg.<code>, revalidate.why.<reason>,
// revalidate.item.<reason>, revalidate.verifyWhy.<reason>); Go keeps only the English text, for logs.
const area = "revalidate"

// say is the English detail of a result with code and params.
func say(code string, p i18n.Params) string { return i18n.Detail(area, code, p) }

// originParams names the origins the secret was saved for and the new ones (origins are not secret).
func originParams(saved, current []string) i18n.Params {
	if len(saved) == 0 {
		return i18n.Params{"reason": "originNone", "current": i18n.List(current)}
	}
	return i18n.Params{"reason": "originChanged", "saved": i18n.List(saved), "current": i18n.List(current)}
}
