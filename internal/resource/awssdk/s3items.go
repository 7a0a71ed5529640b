package awssdk

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"io"
	"reflect"
	"strings"

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
//	s3:getInventory    {Bucket, Key, VersionId}  -> an S3 Inventory (InputType MANIFEST): the
//	                                                manifest.json and every data file it lists,
//	                                                gunzipped: {"Manifest": <the manifest>,
//	                                                "Files": [<content>, ...]}
//	s3:listObjectsV2   {Bucket, Prefix, ...}     -> every object of every page, as AWS's ItemReader
//	                                                lists them: [{"Etag","LastModified","Key","Size","StorageClass"}]
//	s3:putObject       {Bucket, Key, Body}       -> the PutObject output
//
// Failures are named as the AWS SDK for Java 1.x names S3's
// ("S3.AmazonS3Exception"). The result limit does not apply.
type (
	s3GetObject    struct{}
	s3GetInventory struct{}
	s3ListObjects  struct{}
	s3PutObject    struct{}
)

// itemReaderFailed names a failure to read an ItemReader's items.
const itemReaderFailed = "States.ItemReaderFailed"

// getObjectParams are the parameters of an ItemReader's getObject.
var getObjectParams = []string{"Bucket", "Key", "VersionId"}

func (s3GetObject) run(ctx context.Context, inv *Invoker, req *resource.Request, _ resource.Target) (value.Value, error) {
	b, err := s3Object(ctx, inv, req, req.Input, getObjectParams)
	if err != nil {
		return nil, err
	}
	return blobValue(b), nil
}

// s3Object reads an object's content.
func s3Object(ctx context.Context, inv *Invoker, req *resource.Request, params value.Value, allowed []string) ([]byte, error) {
	out, err := s3Call(ctx, inv, req, "getObject", params, allowed)
	if err != nil {
		return nil, err
	}
	body, _ := out.Interface().(*s3.GetObjectOutput)
	if body == nil || body.Body == nil {
		return nil, nil
	}
	defer body.Body.Close()
	return io.ReadAll(body.Body)
}

// run reads the manifest, then each file its "files" list names
// ({"key": ...}) from the bucket its destinationBucket names (else the
// manifest's own). A manifest that is not a JSON object is returned as
// read, with no files: the ItemReader fails on it.
func (s3GetInventory) run(ctx context.Context, inv *Invoker, req *resource.Request, _ resource.Target) (value.Value, error) {
	b, err := s3Object(ctx, inv, req, req.Input, getObjectParams)
	if err != nil {
		return nil, err
	}
	files := []value.Value{}
	manifest, perr := value.Parse(b)
	m, _ := manifest.(*value.Object)
	if perr != nil || m == nil {
		return inventory(blobValue(b), files), nil
	}
	bucket := inventoryBucket(m, req.Input)
	list, _ := field(m, "files").([]value.Value)
	for _, f := range list {
		key, _ := field(f, "key").(string)
		params := value.NewObject([]value.Member{{Key: "Bucket", Value: bucket}, {Key: "Key", Value: key}})
		body, err := s3Object(ctx, inv, req, params, nil)
		if err != nil {
			return nil, err
		}
		if body, err = gunzip(body); err != nil {
			return nil, resource.Fail(itemReaderFailed, "Cannot decompress '"+key+"': "+err.Error())
		}
		files = append(files, blobValue(body))
	}
	return inventory(m, files), nil
}

func inventory(manifest value.Value, files []value.Value) value.Value {
	return value.NewObject([]value.Member{{Key: "Manifest", Value: manifest}, {Key: "Files", Value: files}})
}

// inventoryBucket is the bucket of an inventory's data files: the
// manifest's destinationBucket (an S3 bucket ARN), else the manifest's.
func inventoryBucket(m *value.Object, params value.Value) value.Value {
	if dest, ok := field(m, "destinationBucket").(string); ok && dest != "" {
		if i := strings.LastIndexByte(dest, ':'); i >= 0 {
			dest = dest[i+1:]
		}
		return dest
	}
	return field(params, "Bucket")
}

func field(v value.Value, key string) value.Value {
	obj, _ := v.(*value.Object)
	out, _ := obj.Get(key)
	return out
}

// gunzip decompresses gzip data (an inventory's .csv.gz files); other data
// is returned as it is.
func gunzip(b []byte) ([]byte, error) {
	if len(b) < 2 || b[0] != 0x1f || b[1] != 0x8b {
		return b, nil
	}
	r, err := gzip.NewReader(bytes.NewReader(b))
	if err != nil {
		return nil, err
	}
	return io.ReadAll(r)
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
