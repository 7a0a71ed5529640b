package awssdk

import (
	"reflect"
	"testing"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/eventbridge"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/sfn"
	"github.com/aws/aws-sdk-go-v2/service/sqs"

	"github.com/stepwisehq/stepwise/value"
)

// fuzzTypes are SDK inputs with every kind of member: strings, numbers,
// booleans, enums, timestamps, blobs, streams, lists, maps, nested
// structures and unions.
var fuzzTypes = []reflect.Type{
	reflect.TypeOf(sqs.SendMessageInput{}), reflect.TypeOf(sqs.SendMessageBatchInput{}),
	reflect.TypeOf(dynamodb.TransactWriteItemsInput{}), reflect.TypeOf(dynamodb.QueryInput{}),
	reflect.TypeOf(s3.PutObjectInput{}), reflect.TypeOf(s3.PutBucketLifecycleConfigurationInput{}),
	reflect.TypeOf(eventbridge.PutEventsInput{}), reflect.TypeOf(sfn.CreateStateMachineInput{}),
}

// FuzzDecode converts arbitrary JSON onto SDK input structs and back: it
// must never panic, and what decodes must encode.
func FuzzDecode(f *testing.F) {
	seeds := []string{
		`{"QueueUrl":"u","MessageBody":{"a":1},"DelaySeconds":"5","MessageAttributes":{"k":{"DataType":"String","StringValue":"v"}}}`,
		`{"TransactItems":[{"Put":{"TableName":"t","Item":{"id":{"M":{"x":{"L":[{"N":"1"},{"B":"aGk="}]}}}}}}]}`,
		`{"Body":[1,2],"Bucket":"b","Key":"k","Expires":1700000000,"ContentLength":"12"}`,
		`{"LifecycleConfiguration":{"Rules":[{"Status":"Enabled","Expiration":{"Date":"2024-01-01T00:00:00Z","Days":1}}]}}`,
		`{"Entries":[{"Detail":{"a":1},"Resources":["r"],"Time":"2024-01-01"}]}`,
		`{"tags":[{"key":"k"}],"loggingConfiguration":{"level":"ALL","includeExecutionData":"true"}}`,
		`{"ExpressionAttributeValues":{":v":{"NULL":true,"S":"x"}}}`, `null`, `[]`, `"x"`, `{"a":{"b":{"c":[]}}}`,
	}
	for _, s := range seeds {
		f.Add(s, uint8(0))
	}
	f.Fuzz(func(t *testing.T, params string, which uint8) {
		v, err := value.ParseString(params)
		if err != nil {
			return
		}
		typ := fuzzTypes[int(which)%len(fuzzTypes)]
		dst := reflect.New(typ)
		if err := decodeInto(v, dst.Elem()); err != nil {
			if _, ok := err.(*fieldError); !ok {
				t.Fatalf("error of type %T: %v", err, err)
			}
			return
		}
		enc := encoder{maps: hashMaps, maxBody: 1 << 20}
		if _, err := value.Parse(value.Append(nil, enc.encodeOutput(dst))); err != nil {
			t.Fatalf("encoded input is not JSON: %v", err)
		}
	})
}
