package main

import (
	"log/slog"
	"reflect"
	"slices"

	"siyana/backend/check"
	"siyana/backend/secrets"
)

// audited logs a change the admin made (a profile saved, selected or deleted, a secret saved or cleared,
// an import, a setting) and hands res back unchanged: INFO when it went through, WARN when it was refused
// or failed (a closed file dialog is INFO). Only names are logged — the profile id, the secret's name, the variables an import took or
// stored, the fields refused — never a value; the redacting handler is the second line of defence.
// res is one of the bound result structs: its OK and Code fields, and the name lists it carries, are read.
func audited[T any](a *App, event, profileID string, res T, attrs ...any) T {
	v := reflect.ValueOf(res)
	ok := v.FieldByName("OK").Bool()
	attrs = append(attrs, "profile", profileID, "code", v.FieldByName("Code").String())
	for _, f := range []string{"Taken", "Stored", "Ignored", "SecretsRemoved", "SecretsLeft"} {
		if fv := v.FieldByName(f); fv.IsValid() {
			if l, is := fv.Interface().([]string); is && len(l) > 0 {
				attrs = append(attrs, toLower(f), l)
			}
		}
	}
	if fe := v.FieldByName("FieldErrors"); fe.IsValid() && fe.Len() > 0 {
		var names []string
		for _, k := range fe.MapKeys() {
			names = append(names, k.String())
		}
		slices.Sort(names)
		attrs = append(attrs, "fields", names)
	}
	level := slog.LevelInfo
	if !ok && v.FieldByName("Code").String() != check.CodeCanceled { // a closed file dialog is the admin's choice, not a failure
		level = slog.LevelWarn
	}
	a.log.Log(a.ctx, level, event, attrs...)
	return res
}

// loggedName is a secret's name as the log may say it: one of the known names, else "unknown" (a refused
// name is the caller's text, which could be anything, even a value pasted into the wrong place).
func loggedName(name string) string {
	if slices.Contains(secrets.Known, name) {
		return name
	}
	return "unknown"
}

func toLower(s string) string {
	if s == "" {
		return s
	}
	return string(s[0]|0x20) + s[1:]
}
