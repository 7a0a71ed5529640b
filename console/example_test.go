package console_test

import (
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"

	"github.com/stepwisehq/stepwise/console"
)

// A server mounts the Step Functions API and the console on one port: POST requests go to the
// API, pages and assets to the console, and a foreign Host header is refused.
func ExampleWithAPI() {
	api := http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		_, _ = io.WriteString(w, `{"stateMachines":[]}`)
	})
	h := console.WithAPI(api, console.Options{Addr: "127.0.0.1:8083"})

	for _, tc := range []struct{ method, host string }{
		{"POST", "127.0.0.1:8083"},
		{"GET", "localhost:8083"},
		{"GET", "rebound.example:8083"},
	} {
		r := httptest.NewRequest(tc.method, "/", nil)
		r.Host = tc.host
		w := httptest.NewRecorder()
		h.ServeHTTP(w, r)
		fmt.Println(tc.method, tc.host, w.Code, w.Header().Get("Content-Type"))
	}
	// Output:
	// POST 127.0.0.1:8083 200 text/plain; charset=utf-8
	// GET localhost:8083 200 text/html; charset=utf-8
	// GET rebound.example:8083 403 text/plain; charset=utf-8
}
