package awssdk_test

import (
	"context"
	"fmt"

	"github.com/aws/aws-sdk-go-v2/aws"

	"github.com/stepwisehq/stepwise/internal/resource"
	"github.com/stepwisehq/stepwise/internal/resource/awssdk"
	"github.com/stepwisehq/stepwise/internal/resource/fakeaws"
	"github.com/stepwisehq/stepwise/value"
)

func Example() {
	fake := fakeaws.New() // tests use fakeaws.Start(t)
	defer fake.Close()
	fake.PutObject("reports", "2024.txt", []byte("all good"))

	inv, _ := awssdk.New(context.Background(), awssdk.Options{Config: &aws.Config{}, Endpoint: fake.URL})
	out, _ := inv.Invoke(context.Background(), &resource.Request{
		Resource: "arn:aws:states:::aws-sdk:s3:getObject",
		Input:    value.MustParse(`{"Bucket":"reports","Key":"2024.txt"}`),
	})
	body, _ := out.(*value.Object).Get("Body")
	fmt.Println(body)

	_, err := inv.Invoke(context.Background(), &resource.Request{
		Resource: "arn:aws:states:::aws-sdk:s3:getObject",
		Input:    value.MustParse(`{"Bucket":"reports","Key":"2025.txt"}`),
	})
	fmt.Println(err.(*resource.Failure).Name)
	// Output:
	// all good
	// S3.NoSuchKeyException
}
