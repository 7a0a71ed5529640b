package console

import (
	"bytes"
	"compress/gzip"
	"io"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"
)

func do(t *testing.T, h http.Handler, method, target string, hdr map[string]string) *httptest.ResponseRecorder {
	t.Helper()
	r := httptest.NewRequest(method, target, nil)
	r.Host = "127.0.0.1:8083"
	for k, v := range hdr {
		if k == "Host" {
			r.Host = v
			continue
		}
		r.Header.Set(k, v)
	}
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	return w
}

func TestRoutes(t *testing.T) {
	t.Parallel()
	h := Handler(Options{Addr: "127.0.0.1:8083"})
	asset := firstAsset(t, ".js")
	tests := []struct {
		name, method, path string
		status             int
		ctype, cache       string
	}{
		{"root", "GET", "/", 200, "text/html; charset=utf-8", "no-cache"},
		{"state machine", "GET", "/state-machines/arn:aws:states:us-east-1:123456789012:stateMachine:hello", 200, "text/html; charset=utf-8", "no-cache"},
		{"execution", "GET", "/executions/arn:aws:states:us-east-1:123456789012:execution:hello:x1", 200, "text/html; charset=utf-8", "no-cache"},
		{"map run", "GET", "/map-runs/arn:aws:states:us-east-1:123456789012:mapRun:hello%2FFan:0f1e", 200, "text/html; charset=utf-8", "no-cache"},
		{"map run child", "GET", "/executions/arn:aws:states:us-east-1:123456789012:execution:hello%2FFan:0f1e", 200, "text/html; charset=utf-8", "no-cache"},
		{"activities", "GET", "/activities", 200, "text/html; charset=utf-8", "no-cache"},
		{"head", "HEAD", "/", 200, "text/html; charset=utf-8", "no-cache"},
		{"asset", "GET", asset, 200, "text/javascript; charset=utf-8", "public, max-age=31536000, immutable"},
		{"missing asset", "GET", "/assets/nope.js", 404, "", ""},
		{"unknown page", "GET", "/nope", 404, "", ""},
		{"empty prefix", "GET", "/state-machines/", 404, "", ""},
		{"put", "PUT", "/", 405, "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			w := do(t, h, tt.method, tt.path, nil)
			if w.Code != tt.status {
				t.Fatalf("status %d, want %d", w.Code, tt.status)
			}
			if tt.ctype != "" && w.Header().Get("Content-Type") != tt.ctype {
				t.Errorf("Content-Type %q, want %q", w.Header().Get("Content-Type"), tt.ctype)
			}
			if tt.cache != "" && w.Header().Get("Cache-Control") != tt.cache {
				t.Errorf("Cache-Control %q, want %q", w.Header().Get("Cache-Control"), tt.cache)
			}
			checkSecurityHeaders(t, w.Header())
		})
	}
}

func checkSecurityHeaders(t *testing.T, h http.Header) {
	t.Helper()
	csp := h.Get("Content-Security-Policy")
	for _, want := range []string{"script-src 'self'", "frame-ancestors 'none'", "object-src 'none'"} {
		if !strings.Contains(csp, want) {
			t.Errorf("CSP %q lacks %q", csp, want)
		}
	}
	if strings.Contains(csp, "unsafe-inline") || strings.Contains(csp, "unsafe-eval") {
		t.Errorf("CSP %q allows inline code", csp)
	}
	if h.Get("X-Content-Type-Options") != "nosniff" {
		t.Errorf("X-Content-Type-Options %q", h.Get("X-Content-Type-Options"))
	}
	if h.Get("X-Frame-Options") != "DENY" {
		t.Errorf("X-Frame-Options %q", h.Get("X-Frame-Options"))
	}
}

func firstAsset(t *testing.T, ext string) string {
	t.Helper()
	s, err := newSite(Options{})
	if err != nil {
		t.Fatal(err)
	}
	for p := range s.assets {
		if strings.HasSuffix(p, ext) {
			return p
		}
	}
	t.Fatalf("no %s asset embedded", ext)
	return ""
}

func TestIndexHasNoInlineScript(t *testing.T) {
	t.Parallel()
	w := do(t, Handler(Options{}), "GET", "/", nil)
	body := w.Body.String()
	for _, m := range regexp.MustCompile(`<script[^>]*>`).FindAllString(body, -1) {
		if !strings.Contains(m, `src="/assets/`) {
			t.Errorf("inline script tag %q", m)
		}
	}
	if regexp.MustCompile(`\son[a-z]+=`).MatchString(body) {
		t.Error("inline event handler attribute in index.html")
	}
}

func TestIndexReferencesEmbeddedAssets(t *testing.T) {
	t.Parallel()
	h := Handler(Options{})
	body := do(t, h, "GET", "/", nil).Body.String()
	refs := regexp.MustCompile(`(?:src|href)="(/assets/[^"]+)"`).FindAllStringSubmatch(body, -1)
	if len(refs) < 2 {
		t.Fatalf("index.html references %d assets, want the script and the stylesheet", len(refs))
	}
	for _, ref := range refs {
		if w := do(t, h, "GET", ref[1], nil); w.Code != 200 {
			t.Errorf("%s: status %d", ref[1], w.Code)
		}
	}
}

func TestConfigureMeta(t *testing.T) {
	t.Parallel()
	tests := []struct {
		opts Options
		want []string
	}{
		{Options{}, []string{`name="stepwise-auth" content="none"`, `name="stepwise-region" content="us-east-1"`}},
		{Options{RequireAuth: true, Region: "eu-west-3"}, []string{`name="stepwise-auth" content="required"`, `name="stepwise-region" content="eu-west-3"`}},
		{Options{Region: `x"><script>`}, []string{`content="x&#34;&gt;&lt;script&gt;"`}},
	}
	for _, tt := range tests {
		body := do(t, Handler(tt.opts), "GET", "/", nil).Body.String()
		for _, want := range tt.want {
			if !strings.Contains(body, want) {
				t.Errorf("%+v: index lacks %s", tt.opts, want)
			}
		}
	}
}

func TestGzipAndETag(t *testing.T) {
	t.Parallel()
	h := Handler(Options{})
	js := firstAsset(t, ".js")
	plain := do(t, h, "GET", js, nil)
	zipped := do(t, h, "GET", js, map[string]string{"Accept-Encoding": "br, gzip"})
	if zipped.Header().Get("Content-Encoding") != "gzip" {
		t.Fatalf("Content-Encoding %q, want gzip", zipped.Header().Get("Content-Encoding"))
	}
	zr, err := gzip.NewReader(zipped.Body)
	if err != nil {
		t.Fatal(err)
	}
	got, _ := io.ReadAll(zr)
	if !bytes.Equal(got, plain.Body.Bytes()) {
		t.Error("gzipped body differs from the plain one")
	}
	if zipped.Body.Len() >= plain.Body.Len() {
		t.Errorf("gzip %d bytes, plain %d", zipped.Body.Len(), plain.Body.Len())
	}
	tag := plain.Header().Get("ETag")
	if w := do(t, h, "GET", js, map[string]string{"If-None-Match": tag}); w.Code != http.StatusNotModified {
		t.Errorf("If-None-Match: status %d, want 304", w.Code)
	}
	if w := do(t, h, "GET", js, map[string]string{"Accept-Encoding": "gzip;q=0"}); w.Header().Get("Content-Encoding") != "" {
		t.Error("gzip;q=0 still got gzip")
	}
}

func TestHeadHasNoBody(t *testing.T) {
	t.Parallel()
	w := do(t, Handler(Options{}), "HEAD", "/", nil)
	if w.Body.Len() != 0 || w.Header().Get("Content-Length") == "0" {
		t.Errorf("HEAD: body %d bytes, Content-Length %q", w.Body.Len(), w.Header().Get("Content-Length"))
	}
}

func TestWithAPI(t *testing.T) {
	t.Parallel()
	api := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/x-amz-json-1.0")
		_, _ = io.WriteString(w, `{"api":true}`)
	})
	h := WithAPI(api, Options{Addr: "127.0.0.1:8083"})
	post := do(t, h, "POST", "/", map[string]string{"X-Amz-Target": "AWSStepFunctions.ListStateMachines"})
	if post.Body.String() != `{"api":true}` {
		t.Errorf("POST / went to %q, want the API", post.Body.String())
	}
	get := do(t, h, "GET", "/", nil)
	if !strings.Contains(get.Body.String(), "<div id=\"app\">") {
		t.Error("GET / did not serve the console")
	}
	evil := do(t, h, "POST", "/", map[string]string{"Host": "evil.example:8083", "X-Amz-Target": "AWSStepFunctions.ListStateMachines"})
	if evil.Code != http.StatusForbidden {
		t.Errorf("API call with a foreign Host: status %d, want 403", evil.Code)
	}
}

func TestIsAPIRequest(t *testing.T) {
	t.Parallel()
	tests := []struct {
		method, target string
		want           bool
	}{
		{"POST", "", true},
		{"GET", "", false},
		{"GET", "AWSStepFunctions.ListStateMachines", true},
		{"HEAD", "", false},
	}
	for _, tt := range tests {
		r := httptest.NewRequest(tt.method, "/", nil)
		if tt.target != "" {
			r.Header.Set("X-Amz-Target", tt.target)
		}
		if got := IsAPIRequest(r); got != tt.want {
			t.Errorf("%s target=%q: %v, want %v", tt.method, tt.target, got, tt.want)
		}
	}
}

func TestAssetsAreEmbedded(t *testing.T) {
	t.Parallel()
	s, err := newSite(Options{})
	if err != nil {
		t.Fatal(err)
	}
	var js, css int
	for p, a := range s.assets {
		switch {
		case strings.HasSuffix(p, ".js"):
			js++
			if a.gz == nil {
				t.Errorf("%s: not precompressed", p)
			}
		case strings.HasSuffix(p, ".css"):
			css++
		}
		if !strings.HasPrefix(p, "/assets/") || a.etag == "" || a.ctype == "" {
			t.Errorf("asset %q: etag %q, type %q", p, a.etag, a.ctype)
		}
	}
	if js == 0 || css == 0 {
		t.Fatalf("%d scripts and %d stylesheets embedded; run npm run build in console/web", js, css)
	}
}

func TestIsPage(t *testing.T) {
	t.Parallel()
	tests := map[string]bool{
		"/":                      true,
		"/activities":            true,
		"/activities/":           true,
		"/state-machines/arn:x":  true,
		"/executions/arn:y":      true,
		"/map-runs/arn:z":        true,
		"/map-runs/":             false,
		"/executions/":           false,
		"/executions":            false,
		"/favicon.ico":           false,
		"/state-machinesX/arn:x": false,
		"/assets":                false,
	}
	for p, want := range tests {
		if got := isPage(p); got != want {
			t.Errorf("isPage(%q) = %v, want %v", p, got, want)
		}
	}
}

func TestConcurrentRequests(t *testing.T) {
	t.Parallel()
	h := Handler(Options{})
	js := firstAsset(t, ".js")
	done := make(chan int, 64)
	for i := 0; i < cap(done); i++ {
		go func(i int) {
			target := "/"
			if i%2 == 1 {
				target = js
			}
			r := httptest.NewRequest("GET", target, nil)
			r.Host = "localhost"
			w := httptest.NewRecorder()
			h.ServeHTTP(w, r)
			done <- w.Code
		}(i)
	}
	for i := 0; i < cap(done); i++ {
		if code := <-done; code != 200 {
			t.Errorf("status %d", code)
		}
	}
}

func TestAcceptsGzip(t *testing.T) {
	t.Parallel()
	tests := map[string]bool{
		"":                  false,
		"gzip":              true,
		"GZIP":              true,
		"br, gzip;q=0.5":    true,
		"gzip;q=0":          false,
		"deflate, identity": false,
		"x-gzip":            false,
		" gzip ; q=1 , br ": true,
	}
	for header, want := range tests {
		r := httptest.NewRequest("GET", "/", nil)
		r.Header.Set("Accept-Encoding", header)
		if got := acceptsGzip(r); got != want {
			t.Errorf("acceptsGzip(%q) = %v, want %v", header, got, want)
		}
	}
}
