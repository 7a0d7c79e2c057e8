package main

import (
	"siyana/backend/platform"
	"siyana/backend/profile"
	"siyana/backend/secrets"
	"siyana/backend/settings"
)

// leakEditors runs the settings form's methods that touch secrets: validation while typing, the .env import
// preview (the plan stays in Go) and the DATABASE_URL editor (parts out, user or password in). The selected
// profile's DATABASE_URL is rebuilt from its planted user and password, so the database check that follows
// in the flow proves the rebuilt URI works on FerretDB.
func leakEditors(s *leakSweep, a *App, rec *platform.Recorder, inputs string, plan *leakPlan, sel, other, del string) {
	t := s.t
	var current profile.Profile
	for _, p := range a.ListProfiles().Profiles {
		if p.ID == sel {
			current = p
		}
	}
	leakCall(s, "ValidateProfile", "ok", func() any { return a.ValidateProfile(current) })
	leakCall(s, "ValidateProfile", "fail", func() any {
		return a.ValidateProfile(profile.Profile{Name: plan.refused["bad name"], Kind: "x", SiteURL: "https://" + plan.refused["bad name"],
			Pusher: profile.Pusher{AppID: plan.refused["unknown profile"]}})
	})
	leakCall(s, "FormOptions", "ok", func() any { return a.FormOptions() })

	// The preview names what would change (the values are the ones saved: unchanged), the apply writes them.
	rec.OpenPath = writeLeakEnv(t, inputs, "preview.env", [][2]string{
		{secrets.DatabaseURL, plan.sel.values[secrets.DatabaseURL]}, {secrets.PusherSecret, plan.sel.values[secrets.PusherSecret]},
		{secrets.AtlasPrivateKey, plan.sel.values[secrets.AtlasPrivateKey]}, {"PUSHER_APP_ID", "100001"}, {"AUTH_SECRET", plan.refused["bad name"]}})
	pv := leakCall(s, "PreviewImportEnv", "ok", func() settings.ImportPreview { return a.PreviewImportEnv(sel) })
	leakMustOK(t, "the .env import preview", pv)
	leakMustOK(t, "the previewed import", leakCall(s, "ApplyImport", "ok", func() any { return a.ApplyImport(sel, pv.Token) }))
	leakCall(s, "ApplyImport", "fail", func() any { return a.ApplyImport(sel, pv.Token) }) // used once already
	pv = leakCall(s, "PreviewImportEnv", "ok", func() settings.ImportPreview { return a.PreviewImportEnv(sel) })
	leakCall(s, "CancelImport", "ok", func() any { return a.CancelImport(pv.Token) })
	leakCall(s, "ApplyImport", "fail", func() any { return a.ApplyImport(sel, pv.Token) })
	rec.OpenPath = writeLeakEnv(t, inputs, "preview-bad.env", nil)
	leakWriteRaw(t, rec.OpenPath, "PUSHER_KEY=a\nPUSHER_SECRET=\"unterminated "+plan.refused["malformed .env"]+"\n")
	leakCall(s, "PreviewImportEnv", "fail", func() any { return a.PreviewImportEnv(other) })
	rec.OpenPath = ""
	leakCall(s, "PreviewImportEnv", "fail", func() any { return a.PreviewImportEnv(sel) }) // dialog closed
	leakCall(s, "PreviewImportEnv", "fail", func() any { return a.PreviewImportEnv("no-such-profile") })

	// The DATABASE_URL editor: parts of each profile's URI (the deleted one's is unencoded: refused).
	leakMustOK(t, "the DATABASE_URL parts", leakCall(s, "DatabaseURLParts", "ok", func() any { return a.DatabaseURLParts(sel) }))
	leakCall(s, "DatabaseURLParts", "ok", func() any { return a.DatabaseURLParts(other) })
	leakCall(s, "DatabaseURLParts", "fail", func() any { return a.DatabaseURLParts(del) })
	leakCall(s, "DatabaseURLParts", "fail", func() any { return a.DatabaseURLParts("no-such-profile") })
	leakMustOK(t, "replacing the DATABASE_URL user", leakCall(s, "SetDatabaseUser", "ok", func() any { return a.SetDatabaseUser(sel, plan.sel.dbUser) }))
	leakMustOK(t, "replacing the DATABASE_URL password", leakCall(s, "SetDatabasePassword", "ok", func() any {
		return a.SetDatabasePassword(sel, plan.sel.dbPass)
	}))
	leakCall(s, "SetDatabasePassword", "fail", func() any { return a.SetDatabasePassword(sel, plan.refused["too big"]) })
	leakCall(s, "SetDatabasePassword", "fail", func() any { return a.SetDatabasePassword(del, plan.deleted.dbPass) })
	leakCall(s, "SetDatabaseUser", "fail", func() any { return a.SetDatabaseUser("no-such-profile", plan.refused["unknown profile"]) })
	leakCall(s, "SetDatabaseUser", "fail", func() any { return a.SetDatabaseUser(del, plan.deleted.dbUser) })
}
