package awssdk

import (
	"context"
	"reflect"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/athena"
	"github.com/aws/aws-sdk-go-v2/service/batch"
	"github.com/aws/aws-sdk-go-v2/service/codebuild"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/ecs"
	"github.com/aws/aws-sdk-go-v2/service/eventbridge"
	"github.com/aws/aws-sdk-go-v2/service/glue"
	"github.com/aws/aws-sdk-go-v2/service/lambda"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/secretsmanager"
	"github.com/aws/aws-sdk-go-v2/service/sfn"
	"github.com/aws/aws-sdk-go-v2/service/sns"
	"github.com/aws/aws-sdk-go-v2/service/sqs"
)

// service is one AWS service that aws-sdk integrations can call.
type service struct {
	name     string // as in arn:aws:states:::aws-sdk:NAME:action
	javaName string // the AWS SDK for Java 2.x client's name: error prefix and "Service:" of causes
	envName  string // the suffix of AWS_ENDPOINT_URL_<ENV>
	// newClient builds the service's client; configure sets the options
	// common to all services (a pointer to the service's Options struct).
	newClient func(cfg aws.Config, configure func(opts any)) any

	once    sync.Once
	actions map[string]action
}

// action is one API operation of a service's client, found by reflection.
type action struct {
	method int          // index of the client method
	input  reflect.Type // the input struct type (not a pointer)
}

// services are the services aws-sdk integrations support, by their name in
// the Resource ARN.
var services = map[string]*service{
	"sqs": {name: "sqs", javaName: "Sqs", envName: "SQS", newClient: func(cfg aws.Config, f func(any)) any {
		return sqs.NewFromConfig(cfg, func(o *sqs.Options) { f(o); o.DisableMessageChecksumValidation = true })
	}},
	"sns":      {name: "sns", javaName: "Sns", envName: "SNS", newClient: clientOf(sns.NewFromConfig)},
	"dynamodb": {name: "dynamodb", javaName: "DynamoDb", envName: "DYNAMODB", newClient: clientOf(dynamodb.NewFromConfig)},
	"s3": {name: "s3", javaName: "S3", envName: "S3", newClient: func(cfg aws.Config, f func(any)) any {
		return s3.NewFromConfig(cfg, func(o *s3.Options) {
			f(o)
			// Step Functions neither sends nor asks for checksums it is not required to.
			o.RequestChecksumCalculation = aws.RequestChecksumCalculationWhenRequired
			o.ResponseChecksumValidation = aws.ResponseChecksumValidationWhenRequired
		})
	}},
	"eventbridge":    {name: "eventbridge", javaName: "EventBridge", envName: "EVENTBRIDGE", newClient: clientOf(eventbridge.NewFromConfig)},
	"secretsmanager": {name: "secretsmanager", javaName: "SecretsManager", envName: "SECRETS_MANAGER", newClient: clientOf(secretsmanager.NewFromConfig)},
	"lambda":         {name: "lambda", javaName: "Lambda", envName: "LAMBDA", newClient: clientOf(lambda.NewFromConfig)},
	"sfn":            {name: "sfn", javaName: "Sfn", envName: "SFN", newClient: clientOf(sfn.NewFromConfig)},
	"ecs":            {name: "ecs", javaName: "Ecs", envName: "ECS", newClient: clientOf(ecs.NewFromConfig)},
	"batch":          {name: "batch", javaName: "Batch", envName: "BATCH", newClient: clientOf(batch.NewFromConfig)},
	"glue":           {name: "glue", javaName: "Glue", envName: "GLUE", newClient: clientOf(glue.NewFromConfig)},
	"codebuild":      {name: "codebuild", javaName: "CodeBuild", envName: "CODEBUILD", newClient: clientOf(codebuild.NewFromConfig)},
	"athena":         {name: "athena", javaName: "Athena", envName: "ATHENA", newClient: clientOf(athena.NewFromConfig)},
}

// clientOf adapts a service's NewFromConfig to service.newClient.
func clientOf[C, O any](newFromConfig func(aws.Config, ...func(*O)) C) func(aws.Config, func(any)) any {
	return func(cfg aws.Config, configure func(any)) any {
		return newFromConfig(cfg, func(o *O) { configure(o) })
	}
}

// Services returns the names of the services that aws-sdk integrations
// support, as they appear in arn:aws:states:::aws-sdk:NAME:action.
func Services() []string {
	names := make([]string, 0, len(services))
	for name := range services {
		names = append(names, name)
	}
	return names
}

var (
	contextType = reflect.TypeOf((*context.Context)(nil)).Elem()
	errorType   = reflect.TypeOf((*error)(nil)).Elem()
)

// lookup returns the action named as in the Resource ARN ("sendMessage").
func (s *service) lookup(client any, name string) (action, bool) {
	s.once.Do(func() { s.actions = actionsOf(reflect.TypeOf(client)) })
	a, ok := s.actions[name]
	return a, ok
}

// actionsOf finds the API operations of a client type: the methods
// func(ctx, *XInput, ...func(*Options)) (*XOutput, error), by their names
// with a lower-case first letter ("SendMessage" is "sendMessage").
func actionsOf(t reflect.Type) map[string]action {
	out := map[string]action{}
	for i := range t.NumMethod() {
		m := t.Method(i)
		if in, ok := operationInput(m.Type); ok {
			out[lowerFirst(m.Name)] = action{method: i, input: in}
		}
	}
	return out
}

// operationInput returns the input struct type of an operation method (with
// its receiver), false for other methods.
func operationInput(mt reflect.Type) (reflect.Type, bool) {
	if mt.NumIn() != 4 || !mt.IsVariadic() || mt.NumOut() != 2 {
		return nil, false
	}
	in, out := mt.In(2), mt.Out(0)
	if mt.In(1) != contextType || mt.Out(1) != errorType ||
		in.Kind() != reflect.Pointer || in.Elem().Kind() != reflect.Struct ||
		out.Kind() != reflect.Pointer || out.Elem().Kind() != reflect.Struct {
		return nil, false
	}
	return in.Elem(), true
}

func lowerFirst(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	return string(unicode.ToLower(r)) + s[n:]
}
