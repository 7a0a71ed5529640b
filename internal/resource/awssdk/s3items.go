package awssdk

import (
	"context"
	"errors"
	"reflect"

	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"

	"github.com/stepwisehq/stepwise/internal/resource"
	"github.com/stepwisehq/stepwise/value"
)

// The S3 resources of a Map state's ItemReader and ResultWriter. They are
// not Task integrations on AWS; the runtime calls them to read items and
// write results, and their results are what it needs:
//
//	s3:getObject       {Bucket, Key, VersionId}  -> the object's content, a string
//	s3:listObjectsV2   {Bucket, Prefix, ...}     -> every object of every page, as AWS's ItemReader
//	                                                lists them: [{"Etag","LastModified","Key","Size","StorageClass"}]
//	s3:putObject       {Bucket, Key, Body}       -> the PutObject output
//
// Failures are named as the AWS SDK for Java 1.x names S3's
// ("S3.AmazonS3Exception"). The result limit does not apply.
type (
	s3GetObject   struct{}
	s3ListObjects struct{}
	s3PutObject   struct{}
)

func (s3GetObject) run(ctx context.Context, inv *Invoker, req *resource.Request, _ resource.Target) (value.Value, error) {
	out, err := s3Call(ctx, inv, req, "getObject", req.Input, []string{"Bucket", "Key", "VersionId"})
	if err != nil {
		return nil, err
	}
	enc := encoder{maxBody: -1}
	body, _ := out.Interface().(*s3.GetObjectOutput)
	if body == nil || body.Body == nil {
		return "", nil
	}
	return enc.encodeStream(body.Body), nil
}

func (s3PutObject) run(ctx context.Context, inv *Invoker, req *resource.Request, _ resource.Target) (value.Value, error) {
	out, err := s3Call(ctx, inv, req, "putObject", req.Input, []string{"Bucket", "Key", "Body", "ContentType"})
	if err != nil {
		return nil, err
	}
	enc := encoder{maxBody: -1}
	return enc.encodeOutput(out), nil
}

// maxListPages bounds the pages s3:listObjectsV2 reads (1000 keys each).
const maxListPages = 100000

func (s3ListObjects) run(ctx context.Context, inv *Invoker, req *resource.Request, _ resource.Target) (value.Value, error) {
	params, _ := req.Input.(*value.Object)
	if params == nil {
		params = value.NewObject(nil)
	}
	var items []value.Value
	for range maxListPages {
		out, err := s3Call(ctx, inv, req, "listObjectsV2", params, nil)
		if err != nil {
			return nil, err
		}
		page, _ := out.Interface().(*s3.ListObjectsV2Output)
		for _, obj := range page.Contents {
			items = append(items, listedObject(obj))
		}
		if page.NextContinuationToken == nil || page.IsTruncated == nil || !*page.IsTruncated {
			break
		}
		params = params.With("ContinuationToken", *page.NextContinuationToken)
	}
	if items == nil {
		items = []value.Value{}
	}
	return items, nil
}

// listedObject is one item of an ItemReader over listObjectsV2, with AWS's
// member names and order.
func listedObject(obj types.Object) value.Value {
	ms := make([]value.Member, 0, 5)
	add := func(key string, v value.Value, ok bool) {
		if ok {
			ms = append(ms, value.Member{Key: key, Value: v})
		}
	}
	add("Etag", deref(obj.ETag), obj.ETag != nil)
	if obj.LastModified != nil {
		add("LastModified", formatInstant(*obj.LastModified), true)
	}
	add("Key", deref(obj.Key), obj.Key != nil)
	if obj.Size != nil {
		add("Size", value.Int(*obj.Size), true)
	}
	add("StorageClass", string(obj.StorageClass), obj.StorageClass != "")
	return value.NewObject(ms)
}

func deref(s *string) value.Value {
	if s == nil {
		return nil
	}
	return *s
}

// s3Call runs an S3 action for the ItemReader or ResultWriter, failing with
// S3's 1.x error names.
func s3Call(ctx context.Context, inv *Invoker, req *resource.Request, action string, params value.Value, allowed []string) (reflect.Value, error) {
	if obj, ok := params.(*value.Object); ok && allowed != nil {
		if err := checkParams(obj, allowed); err != nil {
			return reflect.Value{}, parametersFailure(value.String(params), err)
		}
	}
	out, err := inv.call(ctx, req, services["s3"], action, params)
	var f *callFailure
	if errors.As(err, &f) {
		return reflect.Value{}, v1Failure(s3V1, f.err)
	}
	return out, err
}
