package main

import "siyana/backend/revalidate"

// revalidationHistory is the last runs and the last Next.js version for the bundle (filled once the
// revalidation service is wired).
func (a *App) revalidationHistory(string) ([]revalidate.LogEntry, string) { return nil, "" }
