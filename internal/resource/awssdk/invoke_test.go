package awssdk

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"

	"github.com/stepwisehq/stepwise/internal/resource"
	"github.com/stepwisehq/stepwise/internal/resource/fakeaws"
	"github.com/stepwisehq/stepwise/value"
)

// testBundle is a fake with the resources the tests use and an Invoker
// pointed at it.
type testBundle struct {
	fake  *fakeaws.Server
	inv   *Invoker
	queue string
	topic string
	sm    string
}

func setup(t *testing.T, opts ...func(*Options)) *testBundle { return setupB(t, opts...) }

func setupB(t testing.TB, opts ...func(*Options)) *testBundle {
	t.Helper()
	f := fakeaws.Start(t)
	o := Options{Config: &aws.Config{}, Endpoint: f.URL}
	for _, fn := range opts {
		fn(&o)
	}
	inv, err := New(context.Background(), o)
	if err != nil {
		t.Fatal(err)
	}
	b := &testBundle{fake: f, inv: inv, queue: f.CreateQueue("q1"), topic: f.CreateTopic("t1"), sm: f.CreateStateMachine("sm")}
	f.CreateTable("table-name", "id")
	f.PutObject("bucket-name", "file_key", []byte("byte array data"))
	return b
}

func (b *testBundle) invoke(t *testing.T, res, params string) (value.Value, error) {
	t.Helper()
	params = strings.NewReplacer("$QUEUE", b.queue, "$TOPIC", b.topic, "$SM", b.sm).Replace(params)
	return b.inv.Invoke(context.Background(), &resource.Request{Resource: res, Input: value.MustParse(params)})
}

const sdk = "arn:aws:states:::aws-sdk:"

func TestInvokeResults(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, res, params string
		want              string // the result's JSON, with "*" for any string value of the keys in vary
		vary              []string
	}{
		{"sdk s3 getObject", sdk + "s3:getObject", `{"Bucket":"bucket-name","Key":"file_key"}`,
			`{"AcceptRanges":"bytes","ContentLength":15,"ContentType":"binary/octet-stream","ETag":"\"383fd42bdf94a2ab38cbeb1d8eb7e53f\"","LastModified":"*","Metadata":{},"ServerSideEncryption":"AES256","Body":"byte array data"}`,
			[]string{"LastModified"}},
		{"sdk s3 putObject number body", sdk + "s3:putObject", `{"Bucket":"bucket-name","Key":"k","Body":0}`,
			`{"ChecksumCRC32":"9NvfIQ==","ChecksumType":"FULL_OBJECT","ETag":"\"cfcd208495d565ef66e7dff9f98764da\"","ServerSideEncryption":"AES256"}`, nil},
		{"sdk s3 listObjectsV2 camel-case keys", sdk + "s3:listObjectsV2", `{"bucket":"bucket-name","maxKeys":5,"prefix":"file"}`,
			`{"Contents":[{"ETag":"\"383fd42bdf94a2ab38cbeb1d8eb7e53f\"","Key":"file_key","LastModified":"*","Size":15,"StorageClass":"STANDARD"}],"IsTruncated":false,"KeyCount":1,"MaxKeys":5,"Name":"bucket-name","Prefix":"file"}`,
			[]string{"LastModified"}},
		{"sdk sqs sendMessage object body", sdk + "sqs:sendMessage", `{"QueueUrl":"$QUEUE","MessageBody":{"a":[1,2]}}`,
			`{"MD5OfMessageBody":"*","MessageId":"*"}`, []string{"MD5OfMessageBody", "MessageId"}},
		{"sdk secretsmanager listSecrets", sdk + "secretsmanager:listSecrets", `{}`, `{"SecretList":[]}`, nil},
		{"sdk sfn startExecution", sdk + "sfn:startExecution", `{"StateMachineArn":"$SM","Input":null,"Name":"run1"}`,
			`{"ExecutionArn":"arn:aws:states:us-east-1:123456789012:execution:sm:run1","StartDate":"*"}`, []string{"StartDate"}},
		{"sdk dynamodb putItem returns nothing", sdk + "dynamodb:putItem", `{"TableName":"table-name","Item":{"id":{"S":"a"},"n":{"N":"1.50"},"b":{"B":"aGk="},"l":{"L":[{"NULL":true},{"BOOL":false}]},"m":{"M":{"x":{"SS":["p","q"]}}}}}`,
			`{}`, nil},
		{"sdk eventbridge putEvents", sdk + "eventbridge:putEvents", `{"Entries":[{"Detail":"{}","DetailType":"t","Source":"s"}]}`,
			`{"Entries":[{"EventId":"*"}],"FailedEntryCount":0}`, []string{"EventId"}},
		{"sns publish", "arn:aws:states:::sns:publish.waitForTaskToken", `{"TopicArn":"$TOPIC","Message":{"k":"v"},"Subject":"s"}`,
			`{"MessageId":"*","SdkHttpMetadata":"*","SdkResponseMetadata":"*"}`, []string{"MessageId", "SdkHttpMetadata", "SdkResponseMetadata"}},
		{"events putEvents", "arn:aws:states:::events:putEvents", `{"Entries":[{"Detail":{"a":1},"DetailType":"t","Source":"s"}]}`,
			`{"Entries":[{"EventId":"*"}],"FailedEntryCount":0}`, []string{"EventId"}},
		{"s3 getObject for ItemReader", "arn:aws:states:::s3:getObject", `{"Bucket":"bucket-name","Key":"file_key"}`, `"byte array data"`, nil},
		{"s3 listObjectsV2 for ItemReader, two pages", "arn:aws:states:::s3:listObjectsV2", `{"Bucket":"bucket-name","MaxKeys":1,"Prefix":"file"}`,
			`[{"Etag":"\"383fd42bdf94a2ab38cbeb1d8eb7e53f\"","LastModified":"*","Key":"file_key","Size":15,"StorageClass":"STANDARD"}]`, []string{"LastModified"}},
		{"s3 putObject for ResultWriter", "arn:aws:states:::s3:putObject", `{"Bucket":"bucket-name","Key":"out/manifest.json","Body":{"a":1}}`,
			`{"ChecksumCRC32":"*","ChecksumType":"FULL_OBJECT","ETag":"*","ServerSideEncryption":"AES256"}`, []string{"ChecksumCRC32", "ETag"}},
	}
	b := setup(t)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, err := b.invoke(t, tt.res, tt.params)
			if err != nil {
				t.Fatalf("failed: %v", err)
			}
			if got := value.String(blank(out, tt.vary)); got != tt.want {
				t.Errorf("got  %s\nwant %s", got, tt.want)
			}
		})
	}
}

// blank replaces the values of the named keys, at any depth, with "*".
func blank(v value.Value, keys []string) value.Value {
	switch x := v.(type) {
	case *value.Object:
		ms := make([]value.Member, x.Len())
		for i, m := range x.Members() {
			ms[i] = m
			if containsKey(keys, m.Key) {
				ms[i].Value = "*"
			} else {
				ms[i].Value = blank(m.Value, keys)
			}
		}
		return value.NewObject(ms)
	case []value.Value:
		out := make([]value.Value, len(x))
		for i, e := range x {
			out[i] = blank(e, keys)
		}
		return out
	}
	return v
}

func containsKey(keys []string, k string) bool {
	for _, key := range keys {
		if key == k {
			return true
		}
	}
	return false
}

func TestInvokeFailures(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, res, params string
		error, cause      string // cause: a prefix
	}{
		{"sdk unknown action", sdk + "s3:frobnicate", `{}`, "States.Runtime", "The resource provided arn:aws:states:::aws-sdk:s3:frobnicate is not recognized."},
		{"sdk unknown service", sdk + "kms:encrypt", `{}`, "States.Runtime", "The resource provided"},
		{"sdk sync pattern", sdk + "s3:getObject.sync", `{}`, "States.Runtime", "The resource provided"},
		{"not an integration", "arn:aws:states:::sagemaker:createTrainingJob", `{}`, "States.Runtime", "The resource provided"},
		{"bad ARN", "arn:nope", `{}`, "States.Runtime", "Value is not a valid resource ARN"},
		{"sdk unknown field", sdk + "s3:getObject", `{"Bucket":"b","Nope":1}`, "States.Runtime",
			`The Parameters '{"Bucket":"b","Nope":1}' could not be used to start the Task: [The field 'Nope' is not supported by Step Functions]`},
		{"sdk wrong type", sdk + "s3:listObjectsV2", `{"Bucket":"b","MaxKeys":"many"}`, "States.Runtime",
			`The Parameters '{"Bucket":"b","MaxKeys":"many"}' could not be used to start the Task: [The value for the field 'MaxKeys' must be an INTEGER]`},
		{"sdk s3 no such key", sdk + "s3:getObject", `{"Bucket":"bucket-name","Key":"nope"}`, "S3.NoSuchKeyException",
			"The specified key does not exist. (Service: S3, Status Code: 404, Request ID: "},
		{"sdk s3 no such bucket", sdk + "s3:listObjects", `{"Bucket":"nope"}`, "S3.NoSuchBucketException",
			"The specified bucket does not exist (Service: S3, Status Code: 404, Request ID: "},
		{"sdk sqs no queue", sdk + "sqs:sendMessage", `{"QueueUrl":"http://nowhere/1/q","MessageBody":"x"}`, "Sqs.QueueDoesNotExistException",
			"The specified queue does not exist. (Service: Sqs, Status Code: 400, Request ID: "},
		{"sdk secrets invalid name", sdk + "secretsmanager:createSecret", `{"Name":"Invalid Name","SecretString":"x"}`, "SecretsManager.SecretsManagerException",
			"Invalid name. Must be a valid name containing alphanumeric characters, or any of the following: -/_+=.@! (Service: SecretsManager, Status Code: 400, Request ID: "},
		{"sdk secrets not found", sdk + "secretsmanager:getSecretValue", `{"SecretId":"nope"}`, "SecretsManager.ResourceNotFoundException",
			"Secrets Manager can't find the specified secret. (Service: SecretsManager, "},
		{"sdk dynamodb no table", sdk + "dynamodb:getItem", `{"TableName":"nope","Key":{"id":{"S":"a"}}}`, "DynamoDb.ResourceNotFoundException",
			"Requested resource not found (Service: DynamoDb, Status Code: 400"},
		{"sdk dynamodb condition", sdk + "dynamodb:putItem", `{"TableName":"table-name","Item":{"id":{"S":"x"}},"ConditionExpression":"attribute_exists(id)"}`,
			"DynamoDb.ConditionalCheckFailedException", "The conditional request failed (Service: DynamoDb"},
		{"sdk sfn no state machine", sdk + "sfn:startExecution", `{"StateMachineArn":"arn:aws:states:us-east-1:123456789012:stateMachine:nope"}`,
			"Sfn.StateMachineDoesNotExistException", "State Machine Does Not Exist: 'arn:aws:states:us-east-1:123456789012:stateMachine:nope' (Service: Sfn, "},
		{"sqs missing body", "arn:aws:states:::sqs:sendMessage", `{"QueueUrl":"$QUEUE","MessageBody":null}`, "SQS.AmazonSQSException",
			"The request must contain the parameter MessageBody. (Service: AmazonSQS; Status Code: 400; Error Code: MissingParameter; Request ID: "},
		{"sqs no queue", "arn:aws:states:::sqs:sendMessage", `{"QueueUrl":"nope","MessageBody":"x"}`, "SQS.QueueDoesNotExistException",
			"The specified queue does not exist. (Service: AmazonSQS; Status Code: 400; Error Code: AWS.SimpleQueueService.NonExistentQueue; "},
		{"sqs unsupported parameter", "arn:aws:states:::sqs:sendMessage", `{"QueueUrl":"$QUEUE","MessageBody":"x","MessageSystemAttributes":{}}`, "States.Runtime",
			"The Parameters '{\"QueueUrl\":"},
		{"sns no topic", "arn:aws:states:::sns:publish", `{"TopicArn":"arn:aws:sns:us-east-1:123456789012:nope","Message":"m"}`, "SNS.NotFoundException",
			"Topic does not exist (Service: AmazonSNS; Status Code: 404; Error Code: NotFound; "},
		{"dynamodb invalid table name", "arn:aws:states:::dynamodb:putItem", `{"TableName":"/x","Item":{"id":{"S":"a"}}}`, "DynamoDB.AmazonDynamoDBException",
			"2 validation errors detected: Value '/x' at 'tableName' failed to satisfy constraint: Member must have length greater than or equal to 3; "},
		{"dynamodb bad key", "arn:aws:states:::dynamodb:getItem", `{"TableName":"table-name","Key":{"other":{"S":"a"}}}`, "DynamoDB.AmazonDynamoDBException",
			"The provided key element does not match the schema (Service: AmazonDynamoDBv2; Status Code: 400; Error Code: ValidationException; "},
		{"events failed entry", "arn:aws:states:::events:putEvents", `{"Entries":[{"Detail":{"a":1},"DetailType":"t"}]}`, "EventBridge.FailedEntry",
			`{"Entries":[{"ErrorCode":"InvalidArgument","ErrorMessage":"Parameter Source is not valid. Reason: Source is a required argument."}],"FailedEntryCount":1}`},
		{"s3 ItemReader no key", "arn:aws:states:::s3:getObject", `{"Bucket":"bucket-name","Key":"nope"}`, "S3.AmazonS3Exception",
			"The specified key does not exist. (Service: Amazon S3; Status Code: 404; Error Code: NoSuchKey; Request ID: "},
		{"s3 ItemReader no bucket", "arn:aws:states:::s3:listObjectsV2", `{"Bucket":"nope"}`, "S3.AmazonS3Exception",
			"The specified bucket does not exist (Service: Amazon S3; Status Code: 404; Error Code: NoSuchBucket; "},
		{"s3 ItemReader bad parameter", "arn:aws:states:::s3:getObject", `{"Bucket":"bucket-name","Key":"k","Range":"x"}`, "States.Runtime",
			"The Parameters '{\"Bucket\":\"bucket-name\",\"Key\":\"k\",\"Range\":\"x\"}' could not be used to start the Task: [The field 'Range' is not supported by Step Functions]"},
	}
	b := setup(t)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, err := b.invoke(t, tt.res, tt.params)
			var f *resource.Failure
			if !errors.As(err, &f) {
				t.Fatalf("got %s, %v; want failure %s", value.String(out), err, tt.error)
			}
			if f.Name != tt.error || !strings.HasPrefix(f.Cause, tt.cause) {
				t.Errorf("got %s: %s\nwant %s: %s...", f.Name, f.Cause, tt.error, tt.cause)
			}
		})
	}
}

func TestInvokeSendsWhatAWSSends(t *testing.T) {
	t.Parallel()
	b := setup(t)
	ctx := WithExecution(context.Background(), "arn:aws:states:us-east-1:123456789012:stateMachine:sm",
		"arn:aws:states:us-east-1:123456789012:execution:sm:e1")
	_, err := b.inv.Invoke(ctx, &resource.Request{Resource: "arn:aws:states:::events:putEvents",
		Input: value.MustParse(`{"Entries":[{"Detail":{"b":2,"a":1},"DetailType":"t","Source":"s","Resources":["r1"]}]}`)})
	if err != nil {
		t.Fatal(err)
	}
	ev := b.fake.Events()
	if len(ev) != 1 || ev[0].Detail != `{"b":2,"a":1}` || strings.Join(ev[0].Resources, " ") !=
		"r1 arn:aws:states:us-east-1:123456789012:stateMachine:sm arn:aws:states:us-east-1:123456789012:execution:sm:e1" {
		t.Errorf("events: %+v", ev)
	}
	if _, err := b.invoke(t, "arn:aws:states:::sns:publish", `{"TopicArn":"$TOPIC","Message":{"m":[1,true]},"MessageAttributes":{"k":{"DataType":"String","StringValue":"v"}}}`); err != nil {
		t.Fatal(err)
	}
	pub := b.fake.Published(b.topic)
	if len(pub) != 1 || pub[0].Body != `{"m":[1,true]}` || value.String(pub[0].Attributes) != `{"k":{"DataType":"String","StringValue":"v"}}` {
		t.Errorf("published: %+v", pub)
	}
	if _, err := b.invoke(t, "arn:aws:states:::sqs:sendMessage", `{"QueueUrl":"$QUEUE","MessageBody":"plain","DelaySeconds":0,"MessageAttributes":{"n":{"DataType":"Number","StringValue":"1"}}}`); err != nil {
		t.Fatal(err)
	}
	if msgs := b.fake.Messages(b.queue); len(msgs) != 1 || msgs[0].Body != "plain" {
		t.Errorf("messages: %+v", msgs)
	}
}

func TestInvokeDynamoDBRoundTrip(t *testing.T) {
	t.Parallel()
	b := setup(t)
	steps := []struct{ res, params, want string }{
		{"arn:aws:states:::dynamodb:putItem", `{"TableName":"table-name","Item":{"id":{"S":"k"},"n":{"N":"1"}}}`, `{}`},
		{"arn:aws:states:::dynamodb:updateItem", `{"TableName":"table-name","Key":{"id":{"S":"k"}},"UpdateExpression":"SET n = n + :one, #t = :t","ExpressionAttributeNames":{"#t":"tag"},"ExpressionAttributeValues":{":one":{"N":"2"},":t":{"S":"x"}},"ReturnValues":"ALL_NEW"}`,
			`{"Attributes":{"id":{"S":"k"},"tag":{"S":"x"},"n":{"N":"3"}}}`}, // a Java HashMap's order
		{"arn:aws:states:::dynamodb:getItem", `{"TableName":"table-name","Key":{"id":{"S":"k"}}}`, `{"Item":{"id":{"S":"k"},"tag":{"S":"x"},"n":{"N":"3"}}}`},
		{"arn:aws:states:::dynamodb:deleteItem", `{"TableName":"table-name","Key":{"id":{"S":"k"}},"ReturnValues":"ALL_OLD"}`, `{"Attributes":{"id":{"S":"k"},"tag":{"S":"x"},"n":{"N":"3"}}}`},
		{"arn:aws:states:::dynamodb:getItem", `{"TableName":"table-name","Key":{"id":{"S":"k"}}}`, `{}`},
	}
	for _, s := range steps {
		out, err := b.invoke(t, s.res, s.params)
		if err != nil {
			t.Fatalf("%s: %v", s.res, err)
		}
		obj := out.(*value.Object).Without("SdkHttpMetadata").Without("SdkResponseMetadata")
		if got := value.String(obj); got != s.want {
			t.Errorf("%s: got %s, want %s", s.res, got, s.want)
		}
	}
}

func TestInvokeLimitsAndCancellation(t *testing.T) {
	t.Parallel()
	b := setup(t, func(o *Options) { o.MaxResultBytes = 100 })
	b.fake.PutObject("bucket-name", "big", []byte(strings.Repeat("x", 200)))
	_, err := b.invoke(t, sdk+"s3:getObject", `{"Bucket":"bucket-name","Key":"big"}`)
	var f *resource.Failure
	if !errors.As(err, &f) || f.Name != resource.ErrorDataLimitExceeded || f.Cause !=
		"The state/task 'aws-sdk:s3' returned a result with a size exceeding the maximum number of bytes service limit." {
		t.Errorf("big result: %v", err)
	}
	if out, err := b.invoke(t, "arn:aws:states:::s3:getObject", `{"Bucket":"bucket-name","Key":"big"}`); err != nil || len(out.(string)) != 200 {
		t.Errorf("ItemReader read is not limited: %v", err)
	}

	slow := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.Copy(io.Discard, r.Body) // lets the server notice the client leaving
		select {
		case <-r.Context().Done():
		case <-time.After(5 * time.Second):
		}
	}))
	t.Cleanup(slow.Close)
	inv, err := New(context.Background(), Options{Config: &aws.Config{}, Endpoint: slow.URL})
	if err != nil {
		t.Fatal(err)
	}
	req := &resource.Request{Resource: sdk + "secretsmanager:listSecrets", Input: value.MustParse(`{}`), Timeout: 50 * time.Millisecond}
	if _, err := inv.Invoke(context.Background(), req); !errors.As(err, &f) || f.Name != resource.ErrorTimeout {
		t.Errorf("timeout: %v", err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	req.Timeout = 0
	if _, err := inv.Invoke(ctx, req); !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("cancelled context: %v", err)
	}
}

func TestInvokeUnreachable(t *testing.T) {
	t.Parallel()
	l := httptest.NewServer(http.NotFoundHandler())
	url := l.URL
	l.Close() // nothing listens there now
	inv, err := New(context.Background(), Options{Config: &aws.Config{}, Endpoint: url})
	if err != nil {
		t.Fatal(err)
	}
	for res, name := range map[string]string{
		sdk + "sqs:listQueues":             "Sqs.SdkClientException",
		"arn:aws:states:::sqs:sendMessage": "SQS.SdkClientException",
	} {
		_, err := inv.Invoke(context.Background(), &resource.Request{Resource: res, Input: value.MustParse(`{"QueueUrl":"q","MessageBody":"b"}`)})
		var f *resource.Failure
		if res == sdk+"sqs:listQueues" {
			_, err = inv.Invoke(context.Background(), &resource.Request{Resource: res, Input: value.MustParse(`{}`)})
		}
		if !errors.As(err, &f) || f.Name != name || !strings.HasPrefix(f.Cause, "Unable to execute HTTP request: ") {
			t.Errorf("%s: %v", res, err)
		}
	}
}

func TestInvokeRegionsAndClients(t *testing.T) {
	t.Parallel()
	b := setup(t)
	for _, region := range []string{"", "eu-west-1", "eu-west-1"} {
		req := &resource.Request{Resource: sdk + "secretsmanager:listSecrets", Input: value.MustParse(`{}`), Region: region}
		if _, err := b.inv.Invoke(context.Background(), req); err != nil {
			t.Fatal(err)
		}
	}
	n := 0
	b.inv.clients.Range(func(any, any) bool { n++; return true })
	if n != 2 {
		t.Errorf("%d clients, want one per region", n)
	}
	var regions []string
	for _, r := range b.fake.Requests() {
		auth := r.Header.Get("Authorization")
		_, scope, _ := strings.Cut(auth, "Credential=")
		parts := strings.Split(scope, "/")
		if len(parts) > 2 {
			regions = append(regions, parts[2])
		}
	}
	if strings.Join(regions, ",") != "us-east-1,eu-west-1,eu-west-1" {
		t.Errorf("signed for regions %v", regions)
	}
}

func TestServices(t *testing.T) {
	t.Parallel()
	names := Services()
	if len(names) != len(services) {
		t.Fatalf("Services() = %v", names)
	}
	someAction := map[string]string{"sqs": "sendMessage", "sns": "publish", "dynamodb": "getItem", "s3": "listObjectsV2",
		"eventbridge": "putEvents", "secretsmanager": "getSecretValue", "lambda": "invoke", "sfn": "sendTaskSuccess",
		"ecs": "runTask", "batch": "submitJob", "glue": "startJobRun", "codebuild": "startBuild", "athena": "startQueryExecution"}
	for _, name := range names {
		svc := services[name]
		c := svc.newClient(aws.Config{}, clientOptions("us-east-1", "http://127.0.0.1:1", true))
		if _, ok := svc.lookup(c, someAction[name]); !ok {
			t.Errorf("%s: no %s action", name, someAction[name])
		}
		if _, ok := svc.lookup(c, "options"); ok {
			t.Errorf("%s: Options is not an action", name)
		}
		if strconv.Quote(svc.javaName) == `""` || svc.envName == "" {
			t.Errorf("%s: names missing", name)
		}
	}
}

// TestEveryAction converts parameters onto the input of every action of
// every service and encodes every output type, filled with sample values:
// no SDK type may make the converter panic.
func TestEveryAction(t *testing.T) {
	t.Parallel()
	var actions int
	for _, name := range Services() {
		svc := services[name]
		c := svc.newClient(aws.Config{}, clientOptions("us-east-1", "", false))
		ct := reflect.TypeOf(c)
		for i := range ct.NumMethod() {
			m := ct.Method(i)
			in, ok := operationInput(m.Type)
			if !ok {
				continue
			}
			actions++
			dst := reflect.New(in)
			if err := decodeInto(value.MustParse(`{}`), dst.Elem()); err != nil {
				t.Errorf("%s.%s: %v", name, m.Name, err)
			}
			out := reflect.New(m.Type.Out(0).Elem())
			fill(out.Elem(), 0)
			enc := encoder{maps: hashMaps, maxBody: 1024}
			if _, err := value.Parse(value.Append(nil, enc.encodeOutput(out))); err != nil {
				t.Errorf("%s.%s output: %v", name, m.Name, err)
			}
		}
	}
	if actions < 400 {
		t.Errorf("only %d actions", actions)
	}
}

// fill sets sample values in a struct's exported fields, a few levels deep.
func fill(v reflect.Value, depth int) {
	if depth > 4 || !v.CanSet() {
		return
	}
	switch v.Kind() {
	case reflect.Pointer:
		if v.Type().Elem().Kind() != reflect.Interface {
			v.Set(reflect.New(v.Type().Elem()))
			fill(v.Elem(), depth+1)
		}
	case reflect.Struct:
		if v.Type() == timeType {
			v.Set(reflect.ValueOf(time.Unix(1700000000, 0)))
			return
		}
		for i := range v.NumField() {
			if v.Type().Field(i).IsExported() && v.Type().Field(i).Name != "ResultMetadata" {
				fill(v.Field(i), depth+1)
			}
		}
	case reflect.Slice:
		s := reflect.MakeSlice(v.Type(), 1, 1)
		fill(s.Index(0), depth+1)
		v.Set(s)
	case reflect.Map:
		m := reflect.MakeMap(v.Type())
		elem := reflect.New(v.Type().Elem()).Elem()
		fill(elem, depth+1)
		m.SetMapIndex(reflect.ValueOf("k").Convert(v.Type().Key()), elem)
		v.Set(m)
	case reflect.String:
		v.SetString("s")
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		v.SetInt(7)
	case reflect.Float32, reflect.Float64:
		v.SetFloat(1.5)
	case reflect.Bool:
		v.SetBool(true)
	case reflect.Interface:
		if v.Type() == reflect.TypeOf((*io.ReadCloser)(nil)).Elem() {
			v.Set(reflect.ValueOf(io.NopCloser(strings.NewReader("body"))))
		}
	}
}
