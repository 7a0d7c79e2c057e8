package main

import (
	"siyana/backend/history"
	"siyana/backend/pages"
)

// CheckPages fetches the profile's storefront pages like a visitor (its pages list, else the revalidation
// default paths): status, size, timings, cache state, certificate expiry, redirects, must-contain. No secret
// is read or sent; headers and figures are reported, never a body.
func (a *App) CheckPages(profileID string) pages.Result {
	return recorded(a, profileID, history.KindPages, a.run().Pages)
}
