package fakeaws

import (
	"context"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	ddbtypes "github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/sns"
	"github.com/aws/aws-sdk-go-v2/service/sqs"
)

func TestAutoCreateQueues(t *testing.T) {
	t.Parallel()
	s := Start(t)
	c := sqs.NewFromConfig(cfg(s))
	ctx := context.Background()
	send := func(u string) error {
		_, err := c.SendMessage(ctx, &sqs.SendMessageInput{QueueUrl: aws.String(u), MessageBody: aws.String("b")})
		return err
	}
	const recorded = "https://sqs.us-east-1.amazonaws.com/111111111111/test-queue"
	wantCode(t, send(recorded), "AWS.SimpleQueueService.NonExistentQueue")
	s.AutoCreate()
	for _, u := range []string{recorded, "sqs_queue_url", "<sqs_queue_url>"} {
		if err := send(u); err != nil {
			t.Errorf("SendMessage to %q: %v", u, err)
		}
		if got := s.Messages(u); len(got) != 1 || got[0].Body != "b" {
			t.Errorf("messages of %q: %+v", u, got)
		}
	}
	out, err := c.ReceiveMessage(ctx, &sqs.ReceiveMessageInput{QueueUrl: aws.String(recorded)})
	if err != nil || len(out.Messages) != 1 {
		t.Errorf("ReceiveMessage: %v %v", out, err)
	}
	if _, err := c.ReceiveMessage(ctx, &sqs.ReceiveMessageInput{QueueUrl: aws.String("never-sent-to")}); err != nil {
		t.Errorf("ReceiveMessage from a new queue: %v", err)
	}
	wantCode(t, send("http://elsewhere/123/"), "AWS.SimpleQueueService.NonExistentQueue")
	// The body is still checked once the queue exists.
	_, err = c.SendMessage(ctx, &sqs.SendMessageInput{QueueUrl: aws.String("q2"), MessageBody: aws.String("")})
	wantCode(t, err, "MissingParameter")
}

func TestAutoCreateTopics(t *testing.T) {
	t.Parallel()
	s := Start(t)
	c := sns.NewFromConfig(cfg(s))
	ctx := context.Background()
	const arn = "arn:aws:sns:us-east-1:111111111111:topic-u000086d"
	publish := func(arn string) error {
		_, err := c.Publish(ctx, &sns.PublishInput{TopicArn: aws.String(arn), Message: aws.String(`{"Message":"HelloWorld!"}`)})
		return err
	}
	wantCode(t, publish(arn), "NotFound")
	s.AutoCreate()
	if err := publish(arn); err != nil {
		t.Fatal(err)
	}
	if got := s.Published(arn); len(got) != 1 {
		t.Errorf("published: %+v", got)
	}
	wantCode(t, publish("not-an-arn"), "NotFound")
}

// Tables and buckets are never created on use: their absence is an answer.
func TestAutoCreateLeavesTablesAndBuckets(t *testing.T) {
	t.Parallel()
	s := Start(t)
	s.AutoCreate()
	ctx := context.Background()
	_, err := dynamodb.NewFromConfig(cfg(s)).PutItem(ctx, &dynamodb.PutItemInput{TableName: aws.String("no_such_table"),
		Item: map[string]ddbtypes.AttributeValue{"id": &ddbtypes.AttributeValueMemberS{Value: "id1"}}})
	wantCode(t, err, "ResourceNotFoundException")
	_, err = s3.NewFromConfig(cfg(s), func(o *s3.Options) { o.UsePathStyle = true }).
		ListObjects(ctx, &s3.ListObjectsInput{Bucket: aws.String("someNonexistentBucketName")})
	wantCode(t, err, "NoSuchBucket")
}
