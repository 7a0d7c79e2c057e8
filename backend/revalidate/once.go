package revalidate

import (
	"errors"
	"net"
	"slices"
	"syscall"

	"siyana/backend/i18n"
)

// Reasons of a request that never reached the site, found on this computer (revalidate.why.<reason> for
// the run, revalidate.item.<reason> for an instance line). The raw dial error is not kept: it is English,
// names the signed endpoint and says nothing the reason does not.
const (
	reasonSiteDown   = "siteDown"   // connection refused: nothing listens at the address
	reasonSiteNoHost = "siteNoHost" // the domain name does not exist
	reasonSiteDNS    = "siteDNS"    // the lookup itself failed (DNS server, no network)
	reasonSiteDial   = "siteDial"   // any other failure to connect

	// reasonSameAsRun marks an item whose failure the run's own sentence already says.
	reasonSameAsRun = "sameAsRun"
	// reasonSameAsFirst marks an item that failed exactly like the first item, which keeps the text.
	reasonSameAsFirst = "sameAsFirst"
	// reasonNotSent marks an item not sent because its instance had already failed.
	reasonNotSent = "notSentAfterFailure"
)

// dialReason names a failure to reach the site at all; "" when err is something else.
func dialReason(err error) string {
	var dnsErr *net.DNSError
	var op *net.OpError
	switch {
	case errors.As(err, &dnsErr) && dnsErr.IsNotFound:
		return reasonSiteNoHost
	case errors.As(err, &dnsErr):
		return reasonSiteDNS
	case errors.Is(err, syscall.ECONNREFUSED):
		return reasonSiteDown
	case errors.As(err, &op) && op.Op == "dial":
		return reasonSiteDial
	}
	return ""
}

// foldShared says a failure once when every item of a run failed the same way (a site that is down fails
// each item with the same words): a failure to reach the site goes into the run's params and every item
// points at it; any other shared failure (the run's code already names it) stays on the first item and
// the others point at that one. An item not sent because its instance had already failed counts as the same failure.
func foldShared(res *Result, urls []string) {
	if len(res.Items) < 2 {
		return
	}
	// The failure is the first sent item's: batches run side by side, so the items of a batch that was not
	// sent (its instance had already failed) can come first in the list.
	at := slices.IndexFunc(res.Items, func(it ItemResult) bool { return it.Reason != reasonNotSent })
	if at < 0 {
		return
	}
	first := res.Items[at]
	for _, it := range res.Items {
		same := it.Code == first.Code && (it.Reason == first.Reason && it.Error == first.Error || it.Reason == reasonNotSent)
		if it.OK || !same {
			return
		}
	}
	ref := reasonSameAsFirst
	switch first.Reason {
	case reasonSiteDown, reasonSiteNoHost, reasonSiteDNS, reasonSiteDial:
		res.Params["reason"], res.Params["url"] = first.Reason, i18n.List(urls)
		ref = reasonSameAsRun
	}
	for k := range res.Items {
		if ref == reasonSameAsFirst && k == at {
			continue
		}
		it := &res.Items[k]
		it.Reason, it.Error, it.Params = ref, "", nil
		for i := range it.Instances {
			it.Instances[i].Reason, it.Instances[i].Error = ref, ""
		}
	}
	res.Message = say(res.Code, res.Params)
}
