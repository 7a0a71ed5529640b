package api

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/stepwisehq/stepwise"
)

// AWS Signature Version 4 verification
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/create-signed-request.html):
// the canonical request, the string to sign and the signing key are
// rebuilt from the request and the secret key, and the signatures compared.

const (
	sigAlgorithm = "AWS4-HMAC-SHA256"
	amzDateForm  = "20060102T150405Z"
	maxSkew      = 15 * time.Minute
)

// sigV4 is a parsed Authorization header.
type sigV4 struct {
	accessKey     string
	date          string // YYYYMMDD of the credential scope
	region        string
	service       string
	signedHeaders []string
	signature     string
}

// verifySigV4 checks that r carries a valid signature made with one of
// creds (access key id -> secret).
func verifySigV4(r *http.Request, body []byte, creds map[string]string, now time.Time) error {
	auth := r.Header.Get("Authorization")
	if auth == "" {
		return &stepwise.Error{Code: stepwise.CodeMissingAuthenticationToken, Message: "Missing Authentication Token"}
	}
	sig, err := parseAuthorization(auth)
	if err != nil {
		return err
	}
	secret, ok := creds[sig.accessKey]
	if !ok {
		return &stepwise.Error{Code: stepwise.CodeUnrecognizedClient, Message: "The security token included in the request is invalid."}
	}
	amzDate, err := requestDate(r, sig, now)
	if err != nil {
		return err
	}
	scope := sig.date + "/" + sig.region + "/" + sig.service + "/aws4_request"
	toSign := sigAlgorithm + "\n" + amzDate + "\n" + scope + "\n" + sha256Hex([]byte(canonicalRequest(r, body, sig.signedHeaders)))
	want := hex.EncodeToString(hmacSHA256(signingKey(secret, sig), toSign))
	if !hmac.Equal([]byte(want), []byte(sig.signature)) {
		return errSignature("The request signature we calculated does not match the signature you provided. " +
			"Check your AWS Secret Access Key and signing method. Consult the service documentation for details.")
	}
	return nil
}

func errSignature(message string) *stepwise.Error {
	return &stepwise.Error{Code: stepwise.CodeInvalidSignature, Message: message}
}

func errIncomplete(message string) *stepwise.Error {
	return &stepwise.Error{Code: codeIncompleteSignature, Message: message}
}

// parseAuthorization reads "AWS4-HMAC-SHA256 Credential=..., SignedHeaders=..., Signature=...".
func parseAuthorization(auth string) (*sigV4, error) {
	alg, rest, _ := strings.Cut(strings.TrimSpace(auth), " ")
	if alg != sigAlgorithm {
		return nil, errIncomplete("Unsupported authorization type: '" + alg + "'. Authorization=" + auth)
	}
	params := map[string]string{}
	for _, p := range strings.Split(rest, ",") {
		k, v, _ := strings.Cut(strings.TrimSpace(p), "=")
		params[k] = v
	}
	var missing []string
	for _, k := range []string{"Credential", "Signature", "SignedHeaders"} {
		if params[k] == "" {
			missing = append(missing, "Authorization header requires '"+k+"' parameter.")
		}
	}
	if len(missing) > 0 {
		return nil, errIncomplete(strings.Join(missing, " ") + " Authorization=" + auth)
	}
	cred := strings.Split(params["Credential"], "/")
	if len(cred) != 5 || cred[4] != "aws4_request" || cred[0] == "" {
		return nil, errIncomplete("Credential should be scoped to a valid region, service and terminated by aws4_request. Authorization=" + auth)
	}
	return &sigV4{
		accessKey: cred[0], date: cred[1], region: cred[2], service: cred[3],
		signedHeaders: strings.Split(params["SignedHeaders"], ";"), signature: params["Signature"],
	}, nil
}

// requestDate returns the request's X-Amz-Date after checking it against
// the credential scope and the clock.
func requestDate(r *http.Request, sig *sigV4, now time.Time) (string, error) {
	amzDate := r.Header.Get("X-Amz-Date")
	t, err := time.Parse(amzDateForm, amzDate)
	if err != nil {
		return "", errIncomplete("Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.")
	}
	if amzDate[:8] != sig.date {
		return "", errSignature("Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '" +
			sig.date + "' != '" + amzDate[:8] + "', from '" + amzDate + "'.")
	}
	now = now.UTC()
	switch {
	case t.Before(now.Add(-maxSkew)):
		return "", errSignature("Signature expired: " + amzDate + " is now earlier than " +
			now.Add(-maxSkew).Format(amzDateForm) + " (" + now.Format(amzDateForm) + " - 15 min.)")
	case t.After(now.Add(maxSkew)):
		return "", errSignature("Signature not yet current: " + amzDate + " is still later than " +
			now.Add(maxSkew).Format(amzDateForm) + " (" + now.Format(amzDateForm) + " + 15 min.)")
	}
	return amzDate, nil
}

// canonicalRequest builds the canonical form of r that was signed.
func canonicalRequest(r *http.Request, body []byte, signed []string) string {
	var b strings.Builder
	b.WriteString(r.Method + "\n" + canonicalURI(r.URL) + "\n" + canonicalQuery(r.URL) + "\n")
	for _, name := range signed {
		b.WriteString(name + ":" + headerValue(r, name) + "\n")
	}
	b.WriteString("\n" + strings.Join(signed, ";") + "\n")
	payload := r.Header.Get("X-Amz-Content-Sha256")
	if payload == "" {
		payload = sha256Hex(body)
	}
	b.WriteString(payload)
	return b.String()
}

// canonicalURI is the URI-encoded path (each segment encoded again, as
// every service but S3 signs it).
func canonicalURI(u *url.URL) string {
	path := u.EscapedPath()
	if path == "" {
		return "/"
	}
	segs := strings.Split(path, "/")
	for i, s := range segs {
		segs[i] = uriEncode(s)
	}
	return strings.Join(segs, "/")
}

// canonicalQuery is the sorted, URI-encoded query string.
func canonicalQuery(u *url.URL) string {
	q := u.Query()
	pairs := make([]string, 0, len(q))
	for k, vs := range q {
		for _, v := range vs {
			pairs = append(pairs, uriEncode(k)+"="+uriEncode(v))
		}
	}
	sort.Strings(pairs)
	return strings.Join(pairs, "&")
}

// headerValue is a signed header's canonical value: values trimmed, inner
// runs of spaces collapsed, joined by commas.
func headerValue(r *http.Request, name string) string {
	switch name {
	case "host":
		return r.Host
	case "content-length":
		if r.Header.Get("Content-Length") == "" {
			return strconv.FormatInt(r.ContentLength, 10)
		}
	}
	vs := r.Header.Values(name)
	out := make([]string, len(vs))
	for i, v := range vs {
		out[i] = strings.Join(strings.Fields(v), " ")
	}
	return strings.Join(out, ",")
}

// uriEncode encodes s as SigV4 requires: everything but unreserved
// characters (A-Z a-z 0-9 - _ . ~) as %XX.
func uriEncode(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_' || c == '.' || c == '~' {
			b.WriteByte(c)
			continue
		}
		b.WriteString("%" + strings.ToUpper(hex.EncodeToString([]byte{c})))
	}
	return b.String()
}

// signingKey derives the signing key of a credential scope.
func signingKey(secret string, sig *sigV4) []byte {
	k := hmacSHA256([]byte("AWS4"+secret), sig.date)
	k = hmacSHA256(k, sig.region)
	k = hmacSHA256(k, sig.service)
	return hmacSHA256(k, "aws4_request")
}

func hmacSHA256(key []byte, data string) []byte {
	m := hmac.New(sha256.New, key)
	m.Write([]byte(data))
	return m.Sum(nil)
}

func sha256Hex(b []byte) string {
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}
