package awssdk

import (
	"io"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	ddbtypes "github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/aws/aws-sdk-go-v2/service/lambda"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/sfn"
	sfntypes "github.com/aws/aws-sdk-go-v2/service/sfn/types"
	"github.com/aws/aws-sdk-go-v2/service/sqs"
	sqstypes "github.com/aws/aws-sdk-go-v2/service/sqs/types"

	"github.com/stepwisehq/stepwise/value"
)

// roundTrip decodes params into a new value of the type of proto and
// encodes it back.
func roundTrip(t *testing.T, proto any, params string) (any, string, error) {
	t.Helper()
	dst := reflect.New(reflect.TypeOf(proto))
	if err := decodeInto(value.MustParse(params), dst.Elem()); err != nil {
		return nil, "", err
	}
	enc := encoder{maps: sortedMaps, maxBody: -1}
	return dst.Interface(), value.String(enc.encodeOutput(dst)), nil
}

func TestDecodeEncode(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		proto  any
		params string
		want   string // the input encoded back; "" = same as params
	}{
		{"strings, ints (always present when not pointers), maps", sqs.SendMessageInput{}, `{"DelaySeconds":5,"MessageAttributes":{"a":{"DataType":"String","StringValue":"v"}},"MessageBody":"b","QueueUrl":"u"}`, ""},
		{"non-string for a string member becomes JSON text", sqs.SendMessageInput{}, `{"MessageBody":{"b":[1,"x",null]},"QueueUrl":7}`,
			`{"DelaySeconds":0,"MessageBody":"{\"b\":[1,\"x\",null]}","QueueUrl":"7"}`},
		{"number as text for an int", sqs.SendMessageInput{}, `{"DelaySeconds":"12"}`, `{"DelaySeconds":12}`},
		{"integral float for an int", sqs.SendMessageInput{}, `{"DelaySeconds":3.0}`, `{"DelaySeconds":3}`},
		{"null is absent", sqs.SendMessageInput{}, `{"MessageBody":null,"QueueUrl":"u"}`, `{"DelaySeconds":0,"QueueUrl":"u"}`},
		{"case-insensitive member names", sqs.SendMessageInput{}, `{"queueUrl":"u","message_body":"b"}`, `{"DelaySeconds":0,"MessageBody":"b","QueueUrl":"u"}`},
		{"enum lists", sqs.ReceiveMessageInput{}, `{"MessageSystemAttributeNames":["All"],"QueueUrl":"u"}`,
			`{"MaxNumberOfMessages":0,"MessageSystemAttributeNames":["All"],"QueueUrl":"u","VisibilityTimeout":0,"WaitTimeSeconds":0}`},
		{"unions", dynamodb.PutItemInput{}, `{"Item":{"b":{"B":"aGk="},"bs":{"BS":["aGk=","eA=="]},"l":{"L":[{"N":"1"},{"NULL":true},{"BOOL":false}]},"m":{"M":{"s":{"SS":["x"]}}},"ns":{"NS":["1","2"]}},"TableName":"t"}`, ""},
		{"booleans and timestamps", sfn.ListExecutionsInput{}, `{"MaxResults":1,"StatusFilter":"RUNNING"}`, ""},
		{"nested structs", sfn.StartExecutionInput{}, `{"Input":"{}","Name":"n","StateMachineArn":"a","TraceHeader":"t"}`, ""},
		{"blob from a string", lambda.InvokeInput{}, `{"FunctionName":"f","Payload":"{\"a\":1}"}`, ""},
		{"blob from JSON", lambda.InvokeInput{}, `{"FunctionName":"f","Payload":{"a":1}}`, `{"FunctionName":"f","Payload":"{\"a\":1}"}`},
		{"enums", s3.GetObjectInput{}, `{"Bucket":"b","Key":"k","ChecksumMode":"ENABLED","IfMatch":"e"}`, `{"Bucket":"b","ChecksumMode":"ENABLED","IfMatch":"e","Key":"k"}`},
		{"timestamps", s3.GetObjectInput{}, `{"Bucket":"b","IfModifiedSince":"2024-01-02T03:04:05.5Z","Key":"k"}`, `{"Bucket":"b","IfModifiedSince":"2024-01-02T03:04:05.500Z","Key":"k"}`},
		{"epoch timestamps", s3.GetObjectInput{}, `{"IfModifiedSince":1700000000}`, `{"IfModifiedSince":"2023-11-14T22:13:20Z"}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, got, err := roundTrip(t, tt.proto, tt.params)
			if err != nil {
				t.Fatal(err)
			}
			want := tt.want
			if want == "" {
				want = tt.params
			}
			if got != want {
				t.Errorf("got  %s\nwant %s", got, want)
			}
		})
	}
}

func TestDecodeSetsSDKValues(t *testing.T) {
	t.Parallel()
	put := &s3.PutObjectInput{}
	if err := decodeInto(value.MustParse(`{"Bucket":"b","Key":"k","Body":false,"ContentLength":5,"Metadata":{"a":"b"}}`), reflect.ValueOf(put).Elem()); err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(put.Body)
	if string(body) != "false" || aws.ToInt64(put.ContentLength) != 5 || put.Metadata["a"] != "b" {
		t.Errorf("PutObjectInput: %+v body %q", put, body)
	}
	in, _, err := roundTrip(t, dynamodb.GetItemInput{}, `{"Key":{"id":{"N":"1"}},"ConsistentRead":true}`)
	if err != nil {
		t.Fatal(err)
	}
	get := in.(*dynamodb.GetItemInput)
	if n, ok := get.Key["id"].(*ddbtypes.AttributeValueMemberN); !ok || n.Value != "1" || !aws.ToBool(get.ConsistentRead) {
		t.Errorf("GetItemInput: %+v", get)
	}
	in, _, err = roundTrip(t, sqs.ReceiveMessageInput{}, `{"MessageSystemAttributeNames":["SenderId"]}`)
	if err != nil || in.(*sqs.ReceiveMessageInput).MessageSystemAttributeNames[0] != sqstypes.MessageSystemAttributeNameSenderId {
		t.Errorf("ReceiveMessageInput: %+v, %v", in, err)
	}
}

func TestDecodeErrors(t *testing.T) {
	t.Parallel()
	tests := []struct {
		proto  any
		params string
		want   string
	}{
		{sqs.SendMessageInput{}, `{"Nope":1}`, "The field 'Nope' is not supported by Step Functions"},
		{sqs.SendMessageInput{}, `{"MessageAttributes":{"a":{"Nope":1}}}`, "The field 'MessageAttributes.a.Nope' is not supported by Step Functions"},
		{sqs.SendMessageInput{}, `{"MessageAttributes":[1]}`, "The value for the field 'MessageAttributes' must be an OBJECT"},
		{sqs.SendMessageInput{}, `{"DelaySeconds":1.5}`, "The value for the field 'DelaySeconds' must be an INTEGER"},
		{sqs.SendMessageInput{}, `{"DelaySeconds":99999999999}`, "The value for the field 'DelaySeconds' must be an INTEGER"},
		{sqs.SendMessageInput{}, `{"DelaySeconds":true}`, "The value for the field 'DelaySeconds' must be an INTEGER"},
		{sqs.SendMessageBatchInput{}, `{"Entries":{"a":1}}`, "The value for the field 'Entries' must be an ARRAY"},
		{s3.GetObjectInput{}, `{"ChecksumMode":[]}`, ""},
		{s3.GetObjectInput{}, `{"IfModifiedSince":"yesterday"}`, "The value for the field 'IfModifiedSince' must be a TIMESTAMP"},
		{sfn.ListExecutionsInput{}, `{"MaxResults":"x"}`, "The value for the field 'MaxResults' must be an INTEGER"},
		{dynamodb.GetItemInput{}, `{"ConsistentRead":"yes"}`, "The value for the field 'ConsistentRead' must be a BOOLEAN"},
		{dynamodb.GetItemInput{}, `{"Key":{"id":{"S":"a","N":"1"}}}`, "The value for the field 'Key.id' must be an OBJECT with exactly one member"},
		{dynamodb.GetItemInput{}, `{"Key":{"id":{"X":"a"}}}`, "The field 'Key.id.X' is not supported by Step Functions"},
		{dynamodb.GetItemInput{}, `{"Key":{"id":{"B":"%%%"}}}`, "The value for the field 'Key.id.B' must be a base64-encoded STRING"},
		{dynamodb.GetItemInput{}, `{"Key":{"id":{"BS":"x"}}}`, "The value for the field 'Key.id.BS' must be an ARRAY"},
		{dynamodb.GetItemInput{}, `{"Key":{"id":{"N":[]}}}`, ""},
		{dynamodb.ScanInput{}, `{"Limit":-1,"Segment":"x"}`, "The value for the field 'Segment' must be an INTEGER"},
		{sfntypes.CloudWatchLogsLogGroup{}, `"text"`, "The value for the field '' must be an OBJECT"},
	}
	for _, tt := range tests {
		_, _, err := roundTrip(t, tt.proto, tt.params)
		got := ""
		if err != nil {
			got = err.Error()
		}
		if tt.want == "" && strings.HasPrefix(got, "The value for the field") {
			continue // a string member takes any JSON value; a list of strings does not
		}
		if got != tt.want && tt.want != "" {
			t.Errorf("%T %s: got %q, want %q", tt.proto, tt.params, got, tt.want)
		}
	}
}

func TestJavaFormats(t *testing.T) {
	t.Parallel()
	doubles := map[float64]string{0: "0.0", 1: "1.0", 1.5: "1.5", -2: "-2.0", 123.45: "123.45", 0.001: "0.001",
		0.0001: "1.0E-4", 1e7: "1.0E7", 12345678.9: "1.23456789E7", 1e21: "1.0E21", 9999999: "9999999.0"}
	for f, want := range doubles {
		if got := value.String(javaDouble(f, 64)); got != want {
			t.Errorf("javaDouble(%v) = %s, want %s", f, got, want)
		}
	}
	instants := map[string]string{
		"2024-04-18T06:27:01Z":                "2024-04-18T06:27:01Z",
		"2024-04-18T06:27:01.5Z":              "2024-04-18T06:27:01.500Z",
		"2024-04-18T06:27:01.000123Z":         "2024-04-18T06:27:01.000123Z",
		"2024-04-18T08:27:01.123456789+02:00": "2024-04-18T06:27:01.123456789Z",
	}
	for in, want := range instants {
		tm, _ := time.Parse(time.RFC3339Nano, in)
		if got := formatInstant(tm); got != want {
			t.Errorf("formatInstant(%s) = %s, want %s", in, got, want)
		}
	}
}

func TestEncodeOutputs(t *testing.T) {
	t.Parallel()
	out := &s3.GetObjectOutput{Body: io.NopCloser(strings.NewReader("\xff\xfe")), ContentLength: aws.Int64(2), ETag: aws.String("")}
	enc := encoder{maxBody: -1}
	if got := value.String(enc.encodeOutput(reflect.ValueOf(out))); got != `{"ContentLength":2,"ETag":"","Metadata":{},"Body":"//4="}` {
		t.Errorf("binary body: %s", got)
	}
	q := &dynamodb.QueryOutput{Count: 1, Items: []map[string]ddbtypes.AttributeValue{{
		"z": &ddbtypes.AttributeValueMemberB{Value: []byte("hi")}, "a": &ddbtypes.AttributeValueMemberNULL{Value: true},
		"u": &ddbtypes.UnknownUnionMember{Tag: "X"}, "l": &ddbtypes.AttributeValueMemberL{Value: []ddbtypes.AttributeValue{
			&ddbtypes.AttributeValueMemberS{Value: ""}, &ddbtypes.AttributeValueMemberBS{Value: [][]byte{{1}}}}},
	}}}
	want := `{"Count":1,"Items":[{"a":{"NULL":true},"l":{"L":[{"S":""},{"BS":["AQ=="]}]},"u":{"X":null},"z":{"B":"aGk="}}],"ScannedCount":0}`
	if got := value.String(enc.encodeOutput(reflect.ValueOf(q))); got != want {
		t.Errorf("unions:\n got %s\nwant %s", got, want)
	}
	enc = encoder{maps: hashMaps}
	want = `{"Count":1,"Items":[{"a":{"NULL":true},"u":{"X":null},"z":{"B":"aGk="},"l":{"L":[{"S":""},{"BS":["AQ=="]}]}}],"ScannedCount":0}`
	if got := value.String(enc.encodeOutput(reflect.ValueOf(q))); got != want {
		t.Errorf("hash order:\n got %s\nwant %s", got, want)
	}
	enc = encoder{maxBody: 3}
	big := &s3.GetObjectOutput{Body: io.NopCloser(strings.NewReader("abcdef"))}
	enc.encodeOutput(reflect.ValueOf(big))
	if !enc.tooLarge {
		t.Error("a body over maxBody is not reported")
	}
}
