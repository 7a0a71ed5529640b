package awssdk

import (
	"context"
	"reflect"
	"testing"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	ddbtypes "github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/aws/aws-sdk-go-v2/service/sqs"

	"github.com/stepwisehq/stepwise/internal/resource"
	"github.com/stepwisehq/stepwise/value"
)

func BenchmarkDecodeSendMessage(b *testing.B) {
	params := value.MustParse(`{"QueueUrl":"https://sqs.us-east-1.amazonaws.com/123456789012/q","MessageBody":{"order":42,"items":["a","b"]},"MessageAttributes":{"k":{"DataType":"String","StringValue":"v"}}}`)
	b.ReportAllocs()
	for b.Loop() {
		var in sqs.SendMessageInput
		if err := decodeInto(params, reflect.ValueOf(&in).Elem()); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkEncodeQueryOutput(b *testing.B) {
	item := map[string]ddbtypes.AttributeValue{"id": &ddbtypes.AttributeValueMemberS{Value: "id1"}, "n": &ddbtypes.AttributeValueMemberN{Value: "3"}}
	out := &dynamodb.QueryOutput{Count: 2, ScannedCount: 2, Items: []map[string]ddbtypes.AttributeValue{item, item}}
	b.ReportAllocs()
	for b.Loop() {
		enc := encoder{maps: sortedMaps, maxBody: -1}
		enc.encodeOutput(reflect.ValueOf(out))
	}
}

func BenchmarkInvokeSQSSendMessage(b *testing.B) {
	bundle := setupB(b)
	req := &resource.Request{Resource: "arn:aws:states:::sqs:sendMessage", Input: value.MustParse(`{"QueueUrl":"` + bundle.queue + `","MessageBody":"hello"}`)}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := bundle.inv.Invoke(context.Background(), req); err != nil {
			b.Fatal(err)
		}
	}
}
