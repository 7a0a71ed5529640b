package lambda

import (
	"slices"

	"github.com/stepwisehq/stepwise/internal/resource/awsclient"
)

// wireHeaders are the headers Lambda's Invoke answers with, spelled as AWS
// spells them and in the order it sends them. Go's HTTP client hands header
// names over canonicalised ("X-Amzn-Requestid"); this table restores them.
var wireHeaders = awsclient.NewWireNames(
	"Date",
	"Content-Type",
	"Content-Length",
	"Connection",
	"x-amzn-RequestId",
	"x-amzn-ErrorType",
	"X-Amz-Function-Error",
	"x-amzn-Remapped-Content-Length",
	"X-Amz-Executed-Version",
	"X-Amz-Log-Result",
	"X-Amzn-Trace-Id",
)

// caseInsensitiveOrder returns hs sorted as a java.util.TreeMap with
// String.CASE_INSENSITIVE_ORDER keeps them.
func caseInsensitiveOrder(hs []awsclient.Header) []awsclient.Header {
	out := slices.Clone(hs)
	slices.SortStableFunc(out, func(a, b awsclient.Header) int {
		return awsclient.CompareFold(a.Name, b.Name)
	})
	return out
}
