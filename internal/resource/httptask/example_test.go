package httptask_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"

	"github.com/stepwisehq/stepwise/internal/resource"
	"github.com/stepwisehq/stepwise/internal/resource/httptask"
	"github.com/stepwisehq/stepwise/value"
)

func Example() {
	api := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("X-Api-Key") != "s3cr3t" {
			w.WriteHeader(http.StatusUnauthorized)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprintf(w, `{"customer":%q}`, r.URL.Query().Get("id"))
	}))
	defer api.Close()

	inv, _ := httptask.New(httptask.Options{
		AllowPrivate: true, // the API is on loopback
		Connections: map[string]httptask.Connection{
			"arn:aws:events:us-east-1:123456789012:connection/shop/1": {APIKey: &httptask.APIKey{Name: "X-Api-Key", Value: "s3cr3t"}},
		},
	})
	out, _ := inv.Invoke(context.Background(), &resource.Request{
		Resource: "arn:aws:states:::http:invoke",
		Input: value.MustParse(`{"ApiEndpoint":"` + api.URL + `/customers","Method":"GET","QueryParameters":{"id":"42"},
			"Authentication":{"ConnectionArn":"arn:aws:events:us-east-1:123456789012:connection/shop/1"}}`),
	})
	body, _ := out.(*value.Object).Get("ResponseBody")
	status, _ := out.(*value.Object).Get("StatusCode")
	fmt.Println(value.String(body), status)

	_, err := inv.Invoke(context.Background(), &resource.Request{
		Resource: "arn:aws:states:::http:invoke",
		Input:    value.MustParse(`{"ApiEndpoint":"` + api.URL + `/customers","Method":"GET"}`),
	})
	fmt.Println(err.(*resource.Failure).Name)
	// Output:
	// {"customer":"42"} 200
	// States.Http.StatusCode.401
}
