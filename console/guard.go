package console

import (
	"net"
	"net/http"
	"net/url"
	"strings"
)

// Guard rejects, with 403, a request whose Host header names a host that is not allowed (a
// DNS-rebinding page reaches a loopback server with its own name as Host), or whose Origin
// header is present and is not the same origin as Host (a cross-site page).
func Guard(opts Options, next http.Handler) http.Handler {
	allowed := allowedHosts(opts)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !allowed.host(r.Host) {
			forbid(w, "host not allowed")
			return
		}
		if o := r.Header.Get("Origin"); o != "" && !sameOrigin(o, r.Host) {
			forbid(w, "origin not allowed")
			return
		}
		next.ServeHTTP(w, r)
	})
}

func forbid(w http.ResponseWriter, why string) {
	securityHeaders(w.Header())
	http.Error(w, "403 forbidden: "+why, http.StatusForbidden)
}

// hostSet is the set of allowed host names; any allows every host.
type hostSet struct {
	names map[string]bool
	any   bool
}

func allowedHosts(opts Options) hostSet {
	s := hostSet{names: map[string]bool{}}
	list := opts.AllowedHosts
	if len(list) == 0 {
		list = []string{"localhost", "127.0.0.1", "::1"}
		if h := hostOnly(opts.Addr); h != "" {
			list = append(list, h)
		}
	}
	for _, h := range list {
		if h == "*" {
			s.any = true
		}
		s.names[normalize(h)] = true
	}
	return s
}

func (s hostSet) host(hostport string) bool {
	if s.any {
		return true
	}
	h := hostOnly(hostport)
	return h != "" && s.names[h]
}

// hostOnly returns the normalized host of host[:port], [v6]:port or [v6].
func hostOnly(hostport string) string {
	if h, _, err := net.SplitHostPort(hostport); err == nil {
		return normalize(h)
	}
	return normalize(hostport)
}

func normalize(h string) string {
	h = strings.TrimSuffix(strings.TrimPrefix(strings.TrimSpace(h), "["), "]")
	return strings.TrimSuffix(strings.ToLower(h), ".")
}

// sameOrigin reports whether an Origin header names the server itself (scheme aside).
func sameOrigin(origin, host string) bool {
	u, err := url.Parse(origin)
	if err != nil || u.Host == "" {
		return false
	}
	return strings.EqualFold(u.Host, host)
}
