package httptask

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/stepwisehq/stepwise/internal/resource"
	"github.com/stepwisehq/stepwise/value"
)

func BenchmarkInvoke(b *testing.B) {
	api := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.Copy(io.Discard, r.Body)
		w.Header().Set("Content-Type", "application/json")
		_, _ = io.WriteString(w, `{"id":42,"name":"x"}`)
	}))
	defer api.Close()
	inv, _ := New(Options{AllowPrivate: true})
	req := &resource.Request{Resource: invokeARN, Input: value.MustParse(`{"ApiEndpoint":"` + api.URL + `/c","Method":"POST","RequestBody":{"a":1},"QueryParameters":{"q":"1"}}`)}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := inv.Invoke(context.Background(), req); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkParseCall(b *testing.B) {
	params := value.MustParse(`{"ApiEndpoint":"https://api.example.com/v1/x","Method":"POST","Headers":{"A":"1"},"QueryParameters":{"q":"1"},"RequestBody":{"a":[1,2]},"Transform":{"RequestBodyEncoding":"URL_ENCODED"}}`)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := parseCall(params); err != nil {
			b.Fatal(err)
		}
	}
}
