// Package console serves Stepwise's web console: a single-page app, built from console/web
// and embedded from console/dist, that talks to the server only through the public AWS Step
// Functions API (POST / with X-Amz-Target), signing its calls with SigV4 when the server
// requires credentials.
//
// Handler serves the app's pages (/, /state-machines/<arn>, /executions/<arn>,
// /map-runs/<arn>, /activities all answer index.html; the app routes by pathname) and its hashed assets under /assets/
// with a long cache. Every answer carries a strict Content-Security-Policy (no inline
// scripts, no framing) and Guard rejects requests whose Host or Origin is not allowed,
// which defeats DNS rebinding against a server on a loopback address.
package console

import (
	"bytes"
	"compress/gzip"
	"embed"
	"fmt"
	"html"
	"io/fs"
	"mime"
	"net/http"
	"path"
	"strconv"
	"strings"
)

//go:embed all:dist
var dist embed.FS

// Options configures the console.
type Options struct {
	// Addr is the server's listen address (host:port); its host is allowed by default.
	Addr string
	// AllowedHosts lists the host names or IP addresses (without port) that requests may name
	// in their Host header. Empty means Addr's host, localhost, 127.0.0.1 and ::1; "*" allows any.
	AllowedHosts []string
	// RequireAuth makes the console ask for an access key and sign its API calls (set it when
	// the server is configured with credentials).
	RequireAuth bool
	// Region is the region the console signs its calls for (default us-east-1).
	Region string
}

// Handler returns the console's handler, wrapped in Guard.
func Handler(opts Options) http.Handler {
	h, err := newSite(opts)
	if err != nil {
		// The assets are embedded at build time; a failure here is a build defect.
		return http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
			http.Error(w, "console: "+err.Error(), http.StatusInternalServerError)
		})
	}
	return Guard(opts, h)
}

// WithAPI returns one handler for a server: POST requests (the AWS JSON protocol) go to api,
// everything else to the console; both behind Guard.
func WithAPI(api http.Handler, opts Options) http.Handler {
	site, err := newSite(opts)
	if err != nil {
		return Guard(opts, api)
	}
	return Guard(opts, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if IsAPIRequest(r) {
			api.ServeHTTP(w, r)
			return
		}
		site.ServeHTTP(w, r)
	}))
}

// IsAPIRequest reports whether r is a Step Functions API call rather than a console request.
func IsAPIRequest(r *http.Request) bool {
	return r.Method == http.MethodPost || r.Header.Get("X-Amz-Target") != ""
}

// asset is one embedded file, ready to serve.
type asset struct {
	body  []byte
	gz    []byte
	ctype string
	etag  string
}

// site serves the embedded app.
type site struct {
	index  asset
	assets map[string]asset
}

func newSite(opts Options) (*site, error) {
	raw, err := dist.ReadFile("dist/index.html")
	if err != nil {
		return nil, fmt.Errorf("read index: %w", err)
	}
	s := &site{assets: map[string]asset{}}
	s.index = newAsset(configure(raw, opts), "text/html; charset=utf-8")
	err = fs.WalkDir(dist, "dist/assets", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		body, err := dist.ReadFile(p)
		if err != nil {
			return err
		}
		s.assets[strings.TrimPrefix(p, "dist")] = newAsset(body, contentType(p))
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("read assets: %w", err)
	}
	return s, nil
}

// configure fills the <meta> settings the app reads (no inline script needed).
func configure(index []byte, opts Options) []byte {
	auth := "none"
	if opts.RequireAuth {
		auth = "required"
	}
	region := opts.Region
	if region == "" {
		region = "us-east-1"
	}
	out := bytes.Replace(index, []byte(`name="stepwise-auth" content="none"`),
		[]byte(`name="stepwise-auth" content="`+auth+`"`), 1)
	return bytes.Replace(out, []byte(`name="stepwise-region" content="us-east-1"`),
		[]byte(`name="stepwise-region" content="`+html.EscapeString(region)+`"`), 1)
}

func contentType(p string) string {
	if t := mime.TypeByExtension(path.Ext(p)); t != "" {
		return t
	}
	return "application/octet-stream"
}

func newAsset(body []byte, ctype string) asset {
	a := asset{body: body, ctype: ctype, etag: etag(body)}
	if len(body) > 512 && compressible(ctype) {
		a.gz = gzipped(body)
	}
	return a
}

func compressible(ctype string) bool {
	return strings.HasPrefix(ctype, "text/") || strings.Contains(ctype, "javascript") ||
		strings.Contains(ctype, "json") || strings.Contains(ctype, "svg")
}

func gzipped(body []byte) []byte {
	var buf bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	_, _ = zw.Write(body)
	_ = zw.Close()
	if buf.Len() >= len(body) {
		return nil
	}
	return buf.Bytes()
}

func etag(body []byte) string {
	var h uint64 = 14695981039346656037 // FNV-1a
	for _, b := range body {
		h ^= uint64(b)
		h *= 1099511628211
	}
	return `"` + strconv.FormatUint(h, 36) + `"`
}
