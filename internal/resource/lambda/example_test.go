package lambda_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"

	"github.com/stepwisehq/stepwise/internal/resource"
	"github.com/stepwisehq/stepwise/internal/resource/lambda"
	"github.com/stepwisehq/stepwise/value"
)

func ExampleNew() {
	// A stand-in for Lambda: "double" doubles its input, anything else raises.
	server := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		w.Header().Set("X-Amz-Executed-Version", "$LATEST")
		if !strings.HasSuffix(r.URL.Path, "double/invocations") { // a name or an ARN
			w.Header().Set("X-Amz-Function-Error", "Unhandled")
			fmt.Fprint(w, `{"errorMessage": "no such thing", "errorType": "ValueError"}`)
			return
		}
		n, _ := value.Parse(body)
		fmt.Fprintf(w, `{"doubled": %s}`, value.FormatFloat(2*n.(value.Number).Float64()))
	}))
	defer server.Close()

	inv, err := lambda.New(context.Background(), lambda.Options{
		Config:   &aws.Config{Region: "us-east-1"}, // no credentials: dummy ones sign
		Endpoint: server.URL,                       // else AWS_ENDPOINT_URL_LAMBDA etc.
	})
	if err != nil {
		panic(err)
	}
	r := resource.NewRegistry()
	r.Register("lambda", inv) // both arn:aws:states:::lambda:invoke and function ARNs

	out, _ := r.Invoke(context.Background(), &resource.Request{
		Resource: "arn:aws:lambda:us-east-1:123456789012:function:double",
		Input:    value.MustParse(`21`),
	})
	fmt.Println(value.String(out))

	out, _ = r.Invoke(context.Background(), &resource.Request{
		Resource: "arn:aws:states:::lambda:invoke",
		Input:    value.MustParse(`{"FunctionName":"double","Payload":4}`),
	})
	payload, _ := out.(*value.Object).Get("Payload")
	status, _ := out.(*value.Object).Get("StatusCode")
	fmt.Println(value.String(payload), status)

	_, err = r.Invoke(context.Background(), &resource.Request{
		Resource: "arn:aws:states:::lambda:invoke",
		Input:    value.MustParse(`{"FunctionName":"triple","Payload":4}`),
	})
	var f *resource.Failure
	if errors.As(err, &f) {
		fmt.Println(f.Name, f.Cause)
	}
	// Output:
	// {"doubled":42}
	// {"doubled":8} 200
	// ValueError {"errorMessage":"no such thing","errorType":"ValueError"}
}
