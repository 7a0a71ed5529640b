package console

import (
	"net/http"
	"net/http/httptest"
	"testing"
)

func TestGuard(t *testing.T) {
	t.Parallel()
	ok := http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) { w.WriteHeader(http.StatusNoContent) })
	tests := []struct {
		name   string
		opts   Options
		host   string
		origin string
		want   int
	}{
		{"loopback v4", Options{Addr: "127.0.0.1:8083"}, "127.0.0.1:8083", "", 204},
		{"localhost", Options{Addr: "127.0.0.1:8083"}, "localhost:8083", "", 204},
		{"localhost upper case, trailing dot", Options{}, "LOCALHOST.:8083", "", 204},
		{"loopback v6", Options{}, "[::1]:8083", "", 204},
		{"v6 without port", Options{}, "[::1]", "", 204},
		{"listen host", Options{Addr: "10.1.2.3:8083"}, "10.1.2.3:8083", "", 204},
		{"rebinding name", Options{Addr: "127.0.0.1:8083"}, "attacker.example:8083", "", 403},
		{"other loopback address", Options{}, "127.0.0.2:8083", "", 403},
		{"empty host", Options{}, "", "", 403},
		{"explicit list replaces defaults", Options{AllowedHosts: []string{"stepwise.internal"}}, "localhost:8083", "", 403},
		{"explicit list", Options{AllowedHosts: []string{"stepwise.internal"}}, "stepwise.internal:443", "", 204},
		{"wildcard", Options{AllowedHosts: []string{"*"}}, "anything.example", "", 204},
		{"same origin", Options{}, "127.0.0.1:8083", "http://127.0.0.1:8083", 204},
		{"cross-site origin", Options{}, "127.0.0.1:8083", "https://attacker.example", 403},
		{"other port origin", Options{}, "127.0.0.1:8083", "http://127.0.0.1:3000", 403},
		{"null origin", Options{}, "127.0.0.1:8083", "null", 403},
		{"garbage origin", Options{}, "127.0.0.1:8083", "%%%", 403},
		{"wildcard still checks origin", Options{AllowedHosts: []string{"*"}}, "a.example", "http://b.example", 403},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			r := httptest.NewRequest("GET", "/", nil)
			r.Host = tt.host
			if tt.origin != "" {
				r.Header.Set("Origin", tt.origin)
			}
			w := httptest.NewRecorder()
			Guard(tt.opts, ok).ServeHTTP(w, r)
			if w.Code != tt.want {
				t.Fatalf("status %d, want %d (%s)", w.Code, tt.want, w.Body.String())
			}
			if w.Code == 403 && w.Header().Get("Content-Security-Policy") == "" {
				t.Error("403 without security headers")
			}
		})
	}
}

func TestHostOnly(t *testing.T) {
	t.Parallel()
	tests := map[string]string{
		"127.0.0.1:8083":  "127.0.0.1",
		"Example.COM":     "example.com",
		"example.com.:80": "example.com",
		"[::1]:8083":      "::1",
		"[::1]":           "::1",
		"":                "",
		":8083":           "",
	}
	for in, want := range tests {
		if got := hostOnly(in); got != want {
			t.Errorf("hostOnly(%q) = %q, want %q", in, got, want)
		}
	}
}

func FuzzGuard(f *testing.F) {
	for _, s := range []string{"127.0.0.1:8083", "[::1]", "evil.example", "", "[", "]:", "http://x"} {
		f.Add(s, s)
	}
	h := Handler(Options{Addr: "127.0.0.1:8083"})
	f.Fuzz(func(t *testing.T, host, origin string) {
		r := httptest.NewRequest("GET", "/", nil)
		r.Host = host
		r.Header.Set("Origin", origin)
		w := httptest.NewRecorder()
		h.ServeHTTP(w, r)
		if w.Code != 200 && w.Code != 403 {
			t.Fatalf("status %d", w.Code)
		}
		if w.Code == 200 && hostOnly(host) == "" {
			t.Fatalf("served an empty host %q", host)
		}
	})
}
