package awssdk

import (
	"context"
	"net/http"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	awsmiddleware "github.com/aws/aws-sdk-go-v2/aws/middleware"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	s3types "github.com/aws/aws-sdk-go-v2/service/s3/types"
	"github.com/aws/aws-sdk-go-v2/service/sqs"

	"github.com/stepwisehq/stepwise/internal/resource/awsclient"
	"github.com/stepwisehq/stepwise/value"
)

func TestHeaderNames(t *testing.T) {
	t.Parallel()
	h := http.Header{}
	for _, k := range []string{"X-Amzn-Requestid", "Connection", "Content-Length", "Date", "Content-Type", "X-Zeta", "X-Alpha"} {
		h.Set(k, "v-"+k)
	}
	h.Add("X-Alpha", "second")
	var names []string
	for _, hd := range sqsHeaders.Headers(h) {
		names = append(names, hd.Name)
	}
	if got := strings.Join(names, ","); got != "x-amzn-RequestId,Date,Content-Type,Content-Length,connection,X-Alpha,X-Zeta" {
		t.Errorf("arrival order: %s", got)
	}
	hs := sqsHeaders.Headers(h)
	if got := value.String(awsclient.LastHeaders(hs)); !strings.HasPrefix(got, `{"connection":"v-Connection","Content-Length":`) ||
		!strings.Contains(got, `"X-Alpha":"second"`) {
		t.Errorf("HttpHeaders: %s", got)
	}
	if got := value.String(awsclient.AllHeaders(hs)); !strings.Contains(got, `"X-Alpha":["v-X-Alpha","second"]`) {
		t.Errorf("AllHttpHeaders: %s", got)
	}
	if len(sqsHeaders.Headers(http.Header{"Empty": nil})) != 0 {
		t.Error("a header without values was listed")
	}
}

func TestSDKMetadata(t *testing.T) {
	t.Parallel()
	b := setup(t)
	client := b.inv.client(services["sqs"], "us-east-1").(*sqs.Client)
	out, err := client.SendMessage(context.Background(), &sqs.SendMessageInput{QueueUrl: &b.queue, MessageBody: aws.String("x")})
	if err != nil {
		t.Fatal(err)
	}
	md := value.NewObject(sdkMetadata(reflect.ValueOf(out), sqsHeaders))
	requestID, _ := awsmiddleware.GetRequestIDMetadata(out.ResultMetadata)
	all, _ := md.Get("SdkHttpMetadata")
	keys := all.(*value.Object).Keys()
	headers, _ := all.(*value.Object).Get("AllHttpHeaders")
	if strings.Join(keys, ",") != "AllHttpHeaders,HttpHeaders,HttpStatusCode" || requestID == "" ||
		!strings.Contains(value.String(md), `"SdkResponseMetadata":{"RequestId":"`+requestID+`"}`) ||
		strings.Join(headers.(*value.Object).Keys(), ",") != "x-amzn-RequestId,connection,Content-Length,Date,Content-Type" {
		t.Errorf("metadata %s", value.String(md))
	}
	empty := value.String(value.NewObject(sdkMetadata(reflect.ValueOf(&sqs.SendMessageOutput{}), sqsHeaders)))
	if empty != `{"SdkHttpMetadata":{"AllHttpHeaders":{},"HttpHeaders":{},"HttpStatusCode":0},"SdkResponseMetadata":{"RequestId":""}}` {
		t.Errorf("without a response: %s", empty)
	}
}

func TestCheckParams(t *testing.T) {
	t.Parallel()
	params := value.MustParse(`{"QueueUrl":"u","MessageBody":"b","Extra":1}`).(*value.Object)
	if err := checkParams(params, sqsSendParams); err == nil || err.Error() != "The field 'Extra' is not supported by Step Functions" {
		t.Errorf("checkParams: %v", err)
	}
	if err := checkParams(params.Without("Extra"), sqsSendParams); err != nil {
		t.Errorf("checkParams: %v", err)
	}
	for _, op := range optimizedOps {
		if v, ok := op.(*v1Op); ok && len(v.params) == 0 {
			t.Errorf("%s:%s accepts no parameters", v.service, v.action)
		}
	}
}

func TestFailedEntries(t *testing.T) {
	t.Parallel()
	if f := failedEntries(value.MustParse(`{"Entries":[],"FailedEntryCount":0}`).(*value.Object)); f != nil {
		t.Errorf("no failed entries: %v", f)
	}
	f := failedEntries(value.MustParse(`{"Entries":[{"ErrorCode":"X"}],"FailedEntryCount":1}`).(*value.Object))
	if f == nil || f.Name != "EventBridge.FailedEntry" || f.Cause != `{"Entries":[{"ErrorCode":"X"}],"FailedEntryCount":1}` {
		t.Errorf("failed entries: %v", f)
	}
}

func TestAddExecutionResources(t *testing.T) {
	t.Parallel()
	params := value.MustParse(`{"Entries":[{"Source":"s"},{"Resources":["r"]},{"Resources":"bad"},7]}`).(*value.Object)
	if got := addExecutionResources(context.Background(), params); got != params {
		t.Error("changed without execution ARNs")
	}
	ctx := WithExecution(context.Background(), "sm", "ex")
	got := value.String(addExecutionResources(ctx, params))
	if got != `{"Entries":[{"Source":"s","Resources":["sm","ex"]},{"Resources":["r","sm","ex"]},{"Resources":"bad"},7]}` {
		t.Errorf("got %s", got)
	}
	noEntries := value.MustParse(`{"Entries":"x"}`).(*value.Object)
	if addExecutionResources(ctx, noEntries) != noEntries {
		t.Error("changed Entries that are not a list")
	}
}

func TestListedObject(t *testing.T) {
	t.Parallel()
	tm := time.Date(2024, 1, 2, 3, 4, 5, 0, time.UTC)
	got := value.String(listedObject(s3types.Object{ETag: aws.String(`"e"`), Key: aws.String("k"), LastModified: &tm, Size: aws.Int64(12), StorageClass: "STANDARD"}))
	if got != `{"Etag":"\"e\"","LastModified":"2024-01-02T03:04:05Z","Key":"k","Size":12,"StorageClass":"STANDARD"}` {
		t.Errorf("got %s", got)
	}
	if got := value.String(listedObject(s3types.Object{})); got != `{}` {
		t.Errorf("empty: %s", got)
	}
}

func TestUnionHelpers(t *testing.T) {
	t.Parallel()
	for _, name := range []string{"S", "N", "B", "SS", "NS", "BS", "M", "L", "NULL", "BOOL"} {
		found := false
		for _, members := range unions {
			if _, ok := members[name]; ok {
				found = true
			}
		}
		if !found {
			t.Errorf("AttributeValue member %s missing", name)
		}
	}
	if unionMembers(reflect.TypeOf((*error)(nil)).Elem()) != nil {
		t.Error("error is not a union")
	}
	var notUnion any = &s3.GetObjectInput{}
	if _, ok := unionMemberName(reflect.ValueOf(&notUnion).Elem()); ok {
		t.Error("a struct without Member in its name is a union member")
	}
}

func TestLowerFirst(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]string{"SendMessage": "sendMessage", "ListObjectsV2": "listObjectsV2", "ListSMSSandboxPhoneNumbers": "listSMSSandboxPhoneNumbers", "É": "é"} {
		if got := lowerFirst(in); got != want {
			t.Errorf("lowerFirst(%s) = %s", in, got)
		}
	}
}

func TestOperationInput(t *testing.T) {
	t.Parallel()
	ct := reflect.TypeOf(&sqs.Client{})
	m, _ := ct.MethodByName("SendMessage")
	if in, ok := operationInput(m.Type); !ok || in != reflect.TypeOf(sqs.SendMessageInput{}) {
		t.Errorf("SendMessage: %v %v", in, ok)
	}
	m, _ = ct.MethodByName("Options")
	if _, ok := operationInput(m.Type); ok {
		t.Error("Options is an operation")
	}
}
