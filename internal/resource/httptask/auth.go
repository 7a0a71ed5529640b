package httptask

import (
	"context"
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"

	"github.com/stepwisehq/stepwise/value"
)

// Connection stands in for an EventBridge connection: the credentials and
// parameters that an HTTP task whose Authentication.ConnectionArn names it
// sends. Exactly one of APIKey, Basic and OAuth is set.
type Connection struct {
	APIKey *APIKey
	Basic  *Basic
	OAuth  *OAuth
	// Invocation parameters added to every request made through the
	// connection; they override the task's own of the same name.
	Headers         map[string]string
	QueryParameters map[string]string
	BodyParameters  map[string]string
}

// APIKey sends a key in a header.
type APIKey struct {
	Name, Value string
}

// Basic sends HTTP basic authentication.
type Basic struct {
	Username, Password string
}

// OAuth gets a token with the OAuth 2.0 client credentials grant and sends
// it as a bearer token.
type OAuth struct {
	AuthorizationEndpoint string // the token endpoint, an http or https URL
	HTTPMethod            string // GET, POST (the default) or PUT
	ClientID              string
	ClientSecret          string
	// Parameters added to the token request.
	Headers         map[string]string
	QueryParameters map[string]string
	BodyParameters  map[string]string
}

// validate checks a connection's configuration.
func (c Connection) validate() error {
	n := 0
	for _, set := range []bool{c.APIKey != nil, c.Basic != nil, c.OAuth != nil} {
		if set {
			n++
		}
	}
	if n != 1 {
		return errors.New("exactly one of APIKey, Basic and OAuth must be set")
	}
	if c.APIKey != nil && !validHeaderName(c.APIKey.Name) {
		return fmt.Errorf("APIKey.Name %q is not a header name", c.APIKey.Name)
	}
	if c.OAuth != nil {
		u, err := url.Parse(c.OAuth.AuthorizationEndpoint)
		if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
			return fmt.Errorf("OAuth.AuthorizationEndpoint %q is not an http or https URL", c.OAuth.AuthorizationEndpoint)
		}
		if m := strings.ToUpper(c.OAuth.HTTPMethod); m != "" && m != "GET" && m != "POST" && m != "PUT" {
			return fmt.Errorf("OAuth.HTTPMethod %q is not GET, POST or PUT", c.OAuth.HTTPMethod)
		}
	}
	return nil
}

// token is a cached OAuth access token.
type token struct {
	value   string
	expires time.Time
}

// tokenCache holds the OAuth tokens of the connections, by connection ARN.
type tokenCache struct {
	mu     sync.Mutex
	tokens map[string]token
}

func (tc *tokenCache) get(arn string, now time.Time) (string, bool) {
	tc.mu.Lock()
	defer tc.mu.Unlock()
	t, ok := tc.tokens[arn]
	return t.value, ok && now.Before(t.expires)
}

func (tc *tokenCache) put(arn string, t token) {
	tc.mu.Lock()
	defer tc.mu.Unlock()
	if tc.tokens == nil {
		tc.tokens = map[string]token{}
	}
	tc.tokens[arn] = t
}

func (tc *tokenCache) drop(arn string) {
	tc.mu.Lock()
	defer tc.mu.Unlock()
	delete(tc.tokens, arn)
}

// defaultTokenLifetime is how long a token without expires_in is used.
const defaultTokenLifetime = time.Hour

// maxTokenResponse bounds the body of a token response.
const maxTokenResponse = 64 * 1024

// authorize adds a connection's credentials to a request, fetching an
// OAuth token when it has none cached.
func (inv *Invoker) authorize(ctx context.Context, arn string, conn Connection, h http.Header) error {
	switch {
	case conn.APIKey != nil:
		h.Set(conn.APIKey.Name, conn.APIKey.Value)
	case conn.Basic != nil:
		h.Set("Authorization", basicAuth(conn.Basic.Username, conn.Basic.Password))
	case conn.OAuth != nil:
		tok, ok := inv.tokens.get(arn, inv.now())
		if !ok {
			var err error
			if tok, err = inv.fetchToken(ctx, arn, conn.OAuth); err != nil {
				return err
			}
		}
		h.Set("Authorization", "Bearer "+tok)
	}
	return nil
}

func basicAuth(user, password string) string {
	return "Basic " + base64.StdEncoding.EncodeToString([]byte(user+":"+password))
}

// fetchToken asks the authorization endpoint for a client credentials
// token, through the same guarded client as the task's requests.
func (inv *Invoker) fetchToken(ctx context.Context, arn string, o *OAuth) (string, error) {
	req, err := tokenRequest(ctx, o)
	if err != nil {
		return "", err
	}
	resp, err := inv.client.Do(req)
	if err != nil {
		return "", err
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(io.LimitReader(resp.Body, maxTokenResponse))
	if resp.StatusCode/100 != 2 {
		return "", &tokenError{endpoint: o.AuthorizationEndpoint, problem: "status " + resp.Status}
	}
	tok, lifetime, perr := parseToken(body)
	if perr != "" {
		return "", &tokenError{endpoint: o.AuthorizationEndpoint, problem: perr}
	}
	inv.tokens.put(arn, token{value: tok, expires: inv.now().Add(lifetime)})
	return tok, nil
}

func tokenRequest(ctx context.Context, o *OAuth) (*http.Request, error) {
	method := strings.ToUpper(o.HTTPMethod)
	if method == "" {
		method = http.MethodPost
	}
	form := url.Values{"grant_type": {"client_credentials"}}
	for k, v := range o.BodyParameters {
		form.Set(k, v)
	}
	u, _ := url.Parse(o.AuthorizationEndpoint)
	q := u.Query()
	for k, v := range o.QueryParameters {
		q.Set(k, v)
	}
	var body io.Reader
	if method == http.MethodGet {
		for k, vs := range form {
			q[k] = vs
		}
	} else {
		body = strings.NewReader(form.Encode())
	}
	u.RawQuery = q.Encode()
	req, err := http.NewRequestWithContext(ctx, method, u.String(), body)
	if err != nil {
		return nil, err
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	for k, v := range o.Headers {
		req.Header.Set(k, v)
	}
	req.Header.Set("Authorization", basicAuth(url.QueryEscape(o.ClientID), url.QueryEscape(o.ClientSecret)))
	return req, nil
}

// parseToken reads a token response: access_token and expires_in
// (seconds), with a minute's margin.
func parseToken(body []byte) (string, time.Duration, string) {
	v, err := value.Parse(body)
	obj, _ := v.(*value.Object)
	if err != nil || obj == nil {
		return "", 0, "the token response is not a JSON object"
	}
	at, _ := obj.Get("access_token")
	tok, ok := at.(string)
	if !ok || tok == "" {
		return "", 0, "the token response has no access_token"
	}
	lifetime := defaultTokenLifetime
	if exp, ok := obj.Get("expires_in"); ok {
		if n, isNum := exp.(value.Number); isNum {
			if secs, ok := n.Int64(); ok && secs > 0 {
				lifetime = time.Duration(secs) * time.Second
			}
		}
	}
	if lifetime > 2*time.Minute {
		lifetime -= time.Minute
	}
	return tok, lifetime, ""
}

// tokenError is a failed token request.
type tokenError struct{ endpoint, problem string }

func (e *tokenError) Error() string {
	return "Failed to obtain an OAuth token from " + e.endpoint + ": " + e.problem
}
