package awssdk

import (
	"context"
	"errors"
	"reflect"
	"slices"

	"github.com/stepwisehq/stepwise/internal/resource"
	"github.com/stepwisehq/stepwise/internal/resource/awsclient"
	"github.com/stepwisehq/stepwise/value"
)

// An optimised integration: how one Resource runs.
type optimizedOp interface {
	run(ctx context.Context, inv *Invoker, req *resource.Request, t resource.Target) (value.Value, error)
}

// The services of the optimised integrations, as the AWS SDK for Java 1.x
// names them.
var (
	sqsV1      = v1Service{prefix: "SQS", serviceName: "AmazonSQS", base: "AmazonSQSException"}
	snsV1      = v1Service{prefix: "SNS", serviceName: "AmazonSNS", base: "AmazonSNSException"}
	dynamodbV1 = v1Service{prefix: "DynamoDB", serviceName: "AmazonDynamoDBv2", base: "AmazonDynamoDBException"}
	eventsV1   = v1Service{prefix: "EventBridge", serviceName: "AmazonEventBridge", base: "AmazonEventBridgeException"}
	s3V1       = v1Service{prefix: "S3", serviceName: "Amazon S3", base: "AmazonS3Exception", unmodelled: true}
)

// The parameters each optimised integration accepts.
var (
	sqsSendParams = []string{"DelaySeconds", "MessageAttributes", "MessageBody", "MessageDeduplicationId", "MessageGroupId", "QueueUrl"}
	snsPubParams  = []string{"Message", "MessageAttributes", "MessageDeduplicationId", "MessageGroupId", "MessageStructure",
		"PhoneNumber", "Subject", "TargetArn", "TopicArn"}
	ddbCommon    = []string{"Key", "TableName", "ConditionExpression", "ConditionalOperator", "Expected", "ExpressionAttributeNames", "ExpressionAttributeValues", "ReturnConsumedCapacity", "ReturnItemCollectionMetrics", "ReturnValues"}
	ddbGetParams = []string{"Key", "TableName", "AttributesToGet", "ConsistentRead", "ExpressionAttributeNames", "ProjectionExpression", "ReturnConsumedCapacity"}
)

// optimizedOps are the optimised integrations, by "type:action".
var optimizedOps = map[string]optimizedOp{
	"sqs:sendMessage":     &v1Op{v1: sqsV1, service: "sqs", action: "sendMessage", params: sqsSendParams, metadata: sqsHeaders},
	"sns:publish":         &v1Op{v1: snsV1, service: "sns", action: "publish", params: snsPubParams, metadata: sqsHeaders},
	"dynamodb:getItem":    &v1Op{v1: dynamodbV1, service: "dynamodb", action: "getItem", params: ddbGetParams, metadata: dynamodbGetHeader},
	"dynamodb:putItem":    &v1Op{v1: dynamodbV1, service: "dynamodb", action: "putItem", params: slices.Concat(ddbCommon, []string{"Item"}), metadata: dynamodbHeaders},
	"dynamodb:deleteItem": &v1Op{v1: dynamodbV1, service: "dynamodb", action: "deleteItem", params: ddbCommon, metadata: dynamodbHeaders},
	"dynamodb:updateItem": &v1Op{v1: dynamodbV1, service: "dynamodb", action: "updateItem", params: slices.Concat(ddbCommon, []string{"AttributeUpdates", "UpdateExpression"}), metadata: dynamodbHeaders},
	"events:putEvents":    &v1Op{v1: eventsV1, service: "eventbridge", action: "putEvents", params: []string{"Entries"}, prepare: addExecutionResources, check: failedEntries},
	"s3:getObject":        s3GetObject{},
	"s3:getInventory":     s3GetInventory{},
	"s3:listObjectsV2":    s3ListObjects{},
	"s3:putObject":        s3PutObject{},
}

// v1Op is an optimised integration that calls one API action and returns
// its output as the AWS SDK for Java 1.x shapes it.
type v1Op struct {
	v1       v1Service
	service  string
	action   string
	params   []string             // the parameters Step Functions accepts
	metadata *awsclient.WireNames // add SdkHttpMetadata and SdkResponseMetadata, headers spelt so; nil = none
	prepare  func(ctx context.Context, params *value.Object) *value.Object
	check    func(result *value.Object) *resource.Failure // fail a successful call
}

func (o *v1Op) run(ctx context.Context, inv *Invoker, req *resource.Request, t resource.Target) (value.Value, error) {
	params, _ := req.Input.(*value.Object)
	if params == nil {
		params = value.NewObject(nil)
	}
	if err := checkParams(params, o.params); err != nil {
		return nil, parametersFailure(value.String(req.Input), err)
	}
	if o.prepare != nil {
		params = o.prepare(ctx, params)
	}
	out, err := inv.call(ctx, req, services[o.service], o.action, params)
	if err != nil {
		var f *callFailure
		if errors.As(err, &f) {
			return nil, v1Failure(o.v1, f.err)
		}
		return nil, err
	}
	result, tooLarge := o.shape(inv, out)
	if o.check != nil {
		if f := o.check(result); f != nil {
			return nil, f
		}
	}
	if tooLarge || inv.tooLarge(result) {
		return nil, dataLimitFailure(t.ResourceType)
	}
	return result, nil
}

// shape encodes the output, with the HTTP metadata when the integration
// returns it.
func (o *v1Op) shape(inv *Invoker, out reflect.Value) (*value.Object, bool) {
	enc := encoder{maps: hashMaps, maxBody: int64(inv.maxResult)}
	result := enc.encodeOutput(out)
	if o.metadata == nil {
		return result, enc.tooLarge
	}
	ms := append(slices.Clone(result.Members()), sdkMetadata(out, o.metadata)...)
	sortMembers(ms)
	return value.NewObject(ms), enc.tooLarge
}

// checkParams fails on a parameter the integration does not accept.
func checkParams(params *value.Object, allowed []string) error {
	for _, m := range params.Members() {
		if !slices.Contains(allowed, m.Key) {
			return &fieldError{m.Key, problemUnknown}
		}
	}
	return nil
}

// failedEntries fails events:putEvents when EventBridge refused an entry:
// EventBridge.FailedEntry, with the PutEvents output as the cause.
func failedEntries(result *value.Object) *resource.Failure {
	n, _ := result.Get("FailedEntryCount")
	if count, ok := n.(value.Number); ok && count != "0" {
		return resource.Fail("EventBridge.FailedEntry", value.String(result))
	}
	return nil
}

// executionKey is the context key of the execution's ARNs.
type executionKey struct{}

type executionARNs struct{ stateMachine, execution string }

// WithExecution returns a context that carries the ARNs of the execution a
// task belongs to. events:putEvents adds them to the Resources of each
// entry, as Step Functions does.
func WithExecution(ctx context.Context, stateMachineARN, executionARN string) context.Context {
	return context.WithValue(ctx, executionKey{}, executionARNs{stateMachineARN, executionARN})
}

// addExecutionResources appends the state machine's and the execution's
// ARNs to each entry's Resources, when the context carries them.
func addExecutionResources(ctx context.Context, params *value.Object) *value.Object {
	arns, ok := ctx.Value(executionKey{}).(executionARNs)
	entries, _ := params.Get("Entries")
	list, isList := entries.([]value.Value)
	if !ok || !isList {
		return params
	}
	out := make([]value.Value, len(list))
	for i, e := range list {
		out[i] = withResources(e, arns)
	}
	return params.With("Entries", out)
}

func withResources(entry value.Value, arns executionARNs) value.Value {
	obj, ok := entry.(*value.Object)
	if !ok {
		return entry
	}
	var resources []value.Value
	if r, ok := obj.Get("Resources"); ok {
		if list, isList := r.([]value.Value); isList {
			resources = slices.Clone(list)
		} else if r != nil {
			return entry // not a list: EventBridge will say so
		}
	}
	resources = append(resources, arns.stateMachine, arns.execution)
	return obj.With("Resources", resources)
}
