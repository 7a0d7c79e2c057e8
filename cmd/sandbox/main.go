// Command sandbox starts the local stack every card can be tried against — FerretDB (with login), soketi
// and the fixture Next.js site with the shipped route — on 127.0.0.1, and stops all of it on Ctrl-C.
//
//	sandbox          start the peers and create or refresh the "Sandbox (local)" profile (make sandbox)
//	sandbox --json   start the peers and print their addresses and test credentials as one JSON line
//	                 (the browser E2E harness uses this; it touches no profile)
package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"syscall"
	"time"
)

func main() {
	jsonOut := flag.Bool("json", false, "print peer addresses and credentials as one JSON line; touch no profile")
	required := flag.Bool("require-all", false, "fail when a peer's tool is not installed")
	flag.Parse()

	logf := func(format string, args ...any) { fmt.Fprintf(os.Stderr, "sandbox: "+format+"\n", args...) }
	ctx, cancel := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer cancel()

	startCtx, startCancel := context.WithTimeout(ctx, 2*time.Minute)
	peers, err := startPeers(startCtx, *required, logf)
	startCancel()
	if err != nil {
		logf("%v", err)
		os.Exit(1)
	}
	defer peers.Stop()

	if *jsonOut {
		if err := json.NewEncoder(os.Stdout).Encode(peers); err != nil {
			logf("%v", err)
			return
		}
	} else if err := seedProfile(ctx, peers, logf); err != nil {
		logf("%v", err)
		return
	}
	logf("ready; press Ctrl-C to stop everything")
	<-ctx.Done()
	logf("stopping")
}
