package fakeaws

import (
	"bytes"
	"context"
	"errors"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	ddbtypes "github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/aws/aws-sdk-go-v2/service/eventbridge"
	ebtypes "github.com/aws/aws-sdk-go-v2/service/eventbridge/types"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	s3types "github.com/aws/aws-sdk-go-v2/service/s3/types"
	"github.com/aws/aws-sdk-go-v2/service/secretsmanager"
	smtypes "github.com/aws/aws-sdk-go-v2/service/secretsmanager/types"
	"github.com/aws/aws-sdk-go-v2/service/sfn"
	sfntypes "github.com/aws/aws-sdk-go-v2/service/sfn/types"
	"github.com/aws/aws-sdk-go-v2/service/sns"
	snstypes "github.com/aws/aws-sdk-go-v2/service/sns/types"
	"github.com/aws/aws-sdk-go-v2/service/sqs"
	sqstypes "github.com/aws/aws-sdk-go-v2/service/sqs/types"
	"github.com/aws/smithy-go"
)

// cfg is an SDK configuration for the fake.
func cfg(s *Server) aws.Config {
	return aws.Config{
		Region:       Region,
		Credentials:  credentials.NewStaticCredentialsProvider("k", "s", ""),
		BaseEndpoint: aws.String(s.URL),
		Retryer:      func() aws.Retryer { return aws.NopRetryer{} },
	}
}

func wantCode(t *testing.T, err error, code string) {
	t.Helper()
	var apiErr smithy.APIError
	if !errors.As(err, &apiErr) || apiErr.ErrorCode() != code {
		t.Errorf("got %v, want error code %s", err, code)
	}
}

func TestSQS(t *testing.T) {
	t.Parallel()
	s := Start(t)
	c := sqs.NewFromConfig(cfg(s)) // validates MD5s of bodies and attributes
	ctx := context.Background()
	q, err := c.CreateQueue(ctx, &sqs.CreateQueueInput{QueueName: aws.String("jobs")})
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.SendMessage(ctx, &sqs.SendMessageInput{QueueUrl: q.QueueUrl, MessageBody: aws.String("héllo"),
		MessageAttributes: map[string]sqstypes.MessageAttributeValue{
			"s": {DataType: aws.String("String"), StringValue: aws.String("v")},
			"b": {DataType: aws.String("Binary"), BinaryValue: []byte{0, 1}},
			"n": {DataType: aws.String("Number.int"), StringValue: aws.String("7")},
		}})
	if err != nil {
		t.Fatal(err)
	}
	got, err := c.ReceiveMessage(ctx, &sqs.ReceiveMessageInput{QueueUrl: q.QueueUrl, MaxNumberOfMessages: 5})
	if err != nil || len(got.Messages) != 1 || aws.ToString(got.Messages[0].Body) != "héllo" {
		t.Fatalf("receive: %+v, %v", got, err)
	}
	if msgs := s.Messages(aws.ToString(q.QueueUrl)); len(msgs) != 0 {
		t.Errorf("received messages stay: %v", msgs)
	}
	u, err := c.GetQueueUrl(ctx, &sqs.GetQueueUrlInput{QueueName: aws.String("jobs")})
	if err != nil || aws.ToString(u.QueueUrl) != aws.ToString(q.QueueUrl) {
		t.Errorf("GetQueueUrl: %v %v", u, err)
	}
	_, err = c.SendMessage(ctx, &sqs.SendMessageInput{QueueUrl: aws.String(s.URL + "/" + Account + "/nope"), MessageBody: aws.String("x")})
	var nq *sqstypes.QueueDoesNotExist
	if !errors.As(err, &nq) {
		t.Errorf("missing queue: %v", err)
	}
	wantCode(t, err, "AWS.SimpleQueueService.NonExistentQueue")
	if _, err = c.DeleteQueue(ctx, &sqs.DeleteQueueInput{QueueUrl: q.QueueUrl}); err != nil {
		t.Error(err)
	}
	if l, _ := c.ListQueues(ctx, &sqs.ListQueuesInput{}); len(l.QueueUrls) != 0 {
		t.Errorf("queues after delete: %v", l.QueueUrls)
	}
	fifo := s.CreateQueue("f.fifo")
	out, err := c.SendMessage(ctx, &sqs.SendMessageInput{QueueUrl: &fifo, MessageBody: aws.String("x"), MessageGroupId: aws.String("g")})
	if err != nil || aws.ToString(out.SequenceNumber) != "1" {
		t.Errorf("fifo: %+v %v", out, err)
	}
}

func TestSNS(t *testing.T) {
	t.Parallel()
	s := Start(t)
	c := sns.NewFromConfig(cfg(s))
	ctx := context.Background()
	topic, err := c.CreateTopic(ctx, &sns.CreateTopicInput{Name: aws.String("news")})
	if err != nil {
		t.Fatal(err)
	}
	out, err := c.Publish(ctx, &sns.PublishInput{TopicArn: topic.TopicArn, Message: aws.String("m & <m>"), Subject: aws.String("s"),
		MessageAttributes: map[string]snstypes.MessageAttributeValue{"k": {DataType: aws.String("String"), StringValue: aws.String("v")}}})
	if err != nil || aws.ToString(out.MessageId) == "" {
		t.Fatalf("publish: %v %v", out, err)
	}
	pub := s.Published(aws.ToString(topic.TopicArn))
	if len(pub) != 1 || pub[0].Body != "m & <m>" || pub[0].Subject != "s" || pub[0].Attributes == nil {
		t.Errorf("published: %+v", pub)
	}
	_, err = c.Publish(ctx, &sns.PublishInput{TopicArn: aws.String("arn:aws:sns:us-east-1:1:none"), Message: aws.String("m")})
	var nf *snstypes.NotFoundException
	if !errors.As(err, &nf) {
		t.Errorf("missing topic: %v", err)
	}
	_, err = c.Publish(ctx, &sns.PublishInput{TopicArn: topic.TopicArn, Message: aws.String("")})
	wantCode(t, err, "InvalidParameter")
	if l, err := c.ListTopics(ctx, &sns.ListTopicsInput{}); err != nil || len(l.Topics) != 1 {
		t.Errorf("ListTopics: %v %v", l, err)
	}
}

func TestDynamoDB(t *testing.T) {
	t.Parallel()
	s := Start(t)
	c := dynamodb.NewFromConfig(cfg(s)) // validates x-amz-crc32
	ctx := context.Background()
	_, err := c.CreateTable(ctx, &dynamodb.CreateTableInput{TableName: aws.String("orders"),
		KeySchema: []ddbtypes.KeySchemaElement{{AttributeName: aws.String("pk"), KeyType: ddbtypes.KeyTypeHash}, {AttributeName: aws.String("sk"), KeyType: ddbtypes.KeyTypeRange}}})
	if err != nil {
		t.Fatal(err)
	}
	for _, sk := range []string{"3", "1", "2", "10"} {
		_, err := c.PutItem(ctx, &dynamodb.PutItemInput{TableName: aws.String("orders"), Item: map[string]ddbtypes.AttributeValue{
			"pk": &ddbtypes.AttributeValueMemberS{Value: "a"}, "sk": &ddbtypes.AttributeValueMemberN{Value: sk}}})
		if err != nil {
			t.Fatal(err)
		}
	}
	q, err := c.Query(ctx, &dynamodb.QueryInput{TableName: aws.String("orders"),
		KeyConditionExpression:    aws.String("#p = :p AND sk BETWEEN :lo AND :hi"),
		ExpressionAttributeNames:  map[string]string{"#p": "pk"},
		ExpressionAttributeValues: map[string]ddbtypes.AttributeValue{":p": &ddbtypes.AttributeValueMemberS{Value: "a"}, ":lo": &ddbtypes.AttributeValueMemberN{Value: "2"}, ":hi": &ddbtypes.AttributeValueMemberN{Value: "10"}},
		ScanIndexForward:          aws.Bool(false)})
	if err != nil || q.Count != 3 || q.Items[0]["sk"].(*ddbtypes.AttributeValueMemberN).Value != "10" {
		t.Fatalf("query: %+v %v", q, err)
	}
	if sc, _ := c.Scan(ctx, &dynamodb.ScanInput{TableName: aws.String("orders")}); sc.Count != 4 || len(s.Items("orders")) != 4 {
		t.Errorf("scan: %d", sc.Count)
	}
	_, err = c.GetItem(ctx, &dynamodb.GetItemInput{TableName: aws.String("nope"), Key: map[string]ddbtypes.AttributeValue{}})
	var rnf *ddbtypes.ResourceNotFoundException
	if !errors.As(err, &rnf) {
		t.Errorf("missing table: %v", err)
	}
	_, err = c.PutItem(ctx, &dynamodb.PutItemInput{TableName: aws.String("orders"), Item: map[string]ddbtypes.AttributeValue{"pk": &ddbtypes.AttributeValueMemberS{Value: "a"}}})
	wantCode(t, err, "ValidationException")
	_, err = c.UpdateItem(ctx, &dynamodb.UpdateItemInput{TableName: aws.String("orders"),
		Key:                       map[string]ddbtypes.AttributeValue{"pk": &ddbtypes.AttributeValueMemberS{Value: "a"}, "sk": &ddbtypes.AttributeValueMemberN{Value: "1"}},
		UpdateExpression:          aws.String("ADD n :one"),
		ExpressionAttributeValues: map[string]ddbtypes.AttributeValue{":one": &ddbtypes.AttributeValueMemberN{Value: "1"}}})
	wantCode(t, err, "ValidationException")
	if _, err := c.CreateTable(ctx, &dynamodb.CreateTableInput{TableName: aws.String("orders"), KeySchema: []ddbtypes.KeySchemaElement{{AttributeName: aws.String("pk")}}}); err == nil {
		t.Error("a table was created twice")
	}
	if d, err := c.DescribeTable(ctx, &dynamodb.DescribeTableInput{TableName: aws.String("orders")}); err != nil || aws.ToInt64(d.Table.ItemCount) != 4 {
		t.Errorf("describe: %v %v", d, err)
	}
}

func TestS3(t *testing.T) {
	t.Parallel()
	s := Start(t)
	c := s3.NewFromConfig(cfg(s), func(o *s3.Options) { o.UsePathStyle = true })
	ctx := context.Background()
	if _, err := c.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: aws.String("b")}); err != nil {
		t.Fatal(err)
	}
	// The SDK's defaults: a checksum in a trailer of an aws-chunked body.
	_, err := c.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String("b"), Key: aws.String("dir/a.txt"), Body: strings.NewReader("hello"),
		Metadata: map[string]string{"k": "v"}, ContentType: aws.String("text/plain")})
	if err != nil {
		t.Fatal(err)
	}
	if body, ok := s.Object("b", "dir/a.txt"); !ok || string(body) != "hello" {
		t.Fatalf("stored %q", body)
	}
	got, err := c.GetObject(ctx, &s3.GetObjectInput{Bucket: aws.String("b"), Key: aws.String("dir/a.txt"), ChecksumMode: s3types.ChecksumModeEnabled})
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(got.Body)
	if string(body) != "hello" || got.Metadata["k"] != "v" || aws.ToString(got.ContentType) != "text/plain" || aws.ToString(got.ChecksumCRC32) == "" {
		t.Errorf("get: %q %+v", body, got)
	}
	for i := range 3 {
		s.PutObject("b", "many/"+string(rune('a'+i)), []byte{byte(i)})
	}
	var keys []string
	p := s3.NewListObjectsV2Paginator(c, &s3.ListObjectsV2Input{Bucket: aws.String("b"), Prefix: aws.String("many/"), MaxKeys: aws.Int32(2)})
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		if err != nil {
			t.Fatal(err)
		}
		for _, o := range page.Contents {
			keys = append(keys, aws.ToString(o.Key))
		}
	}
	if strings.Join(keys, ",") != "many/a,many/b,many/c" {
		t.Errorf("listed %v", keys)
	}
	if l, err := c.ListObjects(ctx, &s3.ListObjectsInput{Bucket: aws.String("b"), MaxKeys: aws.Int32(1)}); err != nil || len(l.Contents) != 1 || !aws.ToBool(l.IsTruncated) {
		t.Errorf("ListObjects: %+v %v", l, err)
	}
	_, err = c.GetObject(ctx, &s3.GetObjectInput{Bucket: aws.String("b"), Key: aws.String("nope")})
	var nsk *s3types.NoSuchKey
	if !errors.As(err, &nsk) {
		t.Errorf("missing key: %v", err)
	}
	_, err = c.HeadObject(ctx, &s3.HeadObjectInput{Bucket: aws.String("b"), Key: aws.String("nope")})
	wantCode(t, err, "NotFound")
	_, err = c.ListObjectsV2(ctx, &s3.ListObjectsV2Input{Bucket: aws.String("nope")})
	var nsb *s3types.NoSuchBucket
	if !errors.As(err, &nsb) {
		t.Errorf("missing bucket: %v", err)
	}
	if _, err := c.DeleteObject(ctx, &s3.DeleteObjectInput{Bucket: aws.String("b"), Key: aws.String("dir/a.txt")}); err != nil {
		t.Error(err)
	}
	if lb, err := c.ListBuckets(ctx, &s3.ListBucketsInput{}); err != nil || len(lb.Buckets) != 1 {
		t.Errorf("ListBuckets: %v %v", lb, err)
	}
}

func TestEventBridge(t *testing.T) {
	t.Parallel()
	s := Start(t)
	c := eventbridge.NewFromConfig(cfg(s))
	out, err := c.PutEvents(context.Background(), &eventbridge.PutEventsInput{Entries: []ebtypes.PutEventsRequestEntry{
		{Source: aws.String("s"), DetailType: aws.String("t"), Detail: aws.String(`{"a":1}`), Resources: []string{"r"}},
		{Source: aws.String("s"), DetailType: aws.String("t"), Detail: aws.String(`[1]`)},
		{DetailType: aws.String("t"), Detail: aws.String(`{}`)},
	}})
	if err != nil {
		t.Fatal(err)
	}
	if out.FailedEntryCount != 2 || aws.ToString(out.Entries[1].ErrorCode) != "MalformedDetail" || aws.ToString(out.Entries[2].ErrorCode) != "InvalidArgument" {
		t.Errorf("PutEvents: %+v", out)
	}
	if ev := s.Events(); len(ev) != 1 || ev[0].Resources[0] != "r" {
		t.Errorf("events: %+v", ev)
	}
}

func TestSecretsManager(t *testing.T) {
	t.Parallel()
	s := Start(t)
	c := secretsmanager.NewFromConfig(cfg(s))
	ctx := context.Background()
	created, err := c.CreateSecret(ctx, &secretsmanager.CreateSecretInput{Name: aws.String("db/pass"), SecretString: aws.String("pw")})
	if err != nil {
		t.Fatal(err)
	}
	for _, id := range []string{"db/pass", aws.ToString(created.ARN)} {
		v, err := c.GetSecretValue(ctx, &secretsmanager.GetSecretValueInput{SecretId: aws.String(id)})
		if err != nil || aws.ToString(v.SecretString) != "pw" {
			t.Errorf("get %s: %v %v", id, v, err)
		}
	}
	_, err = c.CreateSecret(ctx, &secretsmanager.CreateSecretInput{Name: aws.String("db/pass")})
	var exists *smtypes.ResourceExistsException
	if !errors.As(err, &exists) {
		t.Errorf("twice: %v", err)
	}
	_, err = c.CreateSecret(ctx, &secretsmanager.CreateSecretInput{Name: aws.String("bad name")})
	wantCode(t, err, "ValidationException")
	if _, err := c.PutSecretValue(ctx, &secretsmanager.PutSecretValueInput{SecretId: aws.String("db/pass"), SecretString: aws.String("new")}); err != nil {
		t.Error(err)
	}
	if l, err := c.ListSecrets(ctx, &secretsmanager.ListSecretsInput{}); err != nil || len(l.SecretList) != 1 {
		t.Errorf("list: %v %v", l, err)
	}
	if _, err := c.DeleteSecret(ctx, &secretsmanager.DeleteSecretInput{SecretId: aws.String("db/pass")}); err != nil {
		t.Error(err)
	}
	_, err = c.DescribeSecret(ctx, &secretsmanager.DescribeSecretInput{SecretId: aws.String("db/pass")})
	var nf *smtypes.ResourceNotFoundException
	if !errors.As(err, &nf) {
		t.Errorf("deleted: %v", err)
	}
}

func TestStepFunctions(t *testing.T) {
	t.Parallel()
	s := Start(t)
	c := sfn.NewFromConfig(cfg(s))
	ctx := context.Background()
	sm := s.CreateStateMachine("flow")
	out, err := c.StartExecution(ctx, &sfn.StartExecutionInput{StateMachineArn: &sm, Name: aws.String("e1"), Input: aws.String(`{"a":1}`)})
	if err != nil || aws.ToString(out.ExecutionArn) != "arn:aws:states:us-east-1:123456789012:execution:flow:e1" || out.StartDate == nil {
		t.Fatalf("start: %+v %v", out, err)
	}
	if _, err := c.StartExecution(ctx, &sfn.StartExecutionInput{StateMachineArn: &sm, Name: aws.String("e1"), Input: aws.String(`{}`)}); err == nil {
		t.Error("a name was reused with another input")
	}
	_, err = c.StartExecution(ctx, &sfn.StartExecutionInput{StateMachineArn: aws.String(sm + "x")})
	var nsm *sfntypes.StateMachineDoesNotExist
	if !errors.As(err, &nsm) {
		t.Errorf("missing state machine: %v", err)
	}
	tok := s.AddActivityTask("arn:aws:states:us-east-1:123456789012:activity:a", `{"in":1}`)
	task, err := c.GetActivityTask(ctx, &sfn.GetActivityTaskInput{ActivityArn: aws.String("arn:aws:states:us-east-1:123456789012:activity:a")})
	if err != nil || aws.ToString(task.TaskToken) != tok || aws.ToString(task.Input) != `{"in":1}` {
		t.Fatalf("activity task: %+v %v", task, err)
	}
	if _, err := c.SendTaskHeartbeat(ctx, &sfn.SendTaskHeartbeatInput{TaskToken: &tok}); err != nil {
		t.Error(err)
	}
	if _, err := c.SendTaskSuccess(ctx, &sfn.SendTaskSuccessInput{TaskToken: &tok, Output: aws.String(`"done"`)}); err != nil {
		t.Error(err)
	}
	_, err = c.SendTaskFailure(ctx, &sfn.SendTaskFailureInput{TaskToken: &tok, Error: aws.String("E")})
	var invalid *sfntypes.InvalidToken
	if !errors.As(err, &invalid) {
		t.Errorf("a used token: %v", err)
	}
	if r := s.TaskResults(); len(r) != 2 || r[1].Output != `"done"` || len(s.Executions()) != 1 {
		t.Errorf("results %+v", r)
	}
	if task, _ := c.GetActivityTask(ctx, &sfn.GetActivityTaskInput{ActivityArn: aws.String("none")}); task.TaskToken != nil {
		t.Errorf("no task: %+v", task)
	}
}

func TestUnknownRequests(t *testing.T) {
	t.Parallel()
	s := Start(t)
	for _, r := range []struct{ target, body, contentType string }{
		{"Nope.Action", "{}", "application/x-amz-json-1.0"},
		{"", "Action=X&Version=2012-11-05", "application/x-www-form-urlencoded"},
	} {
		req, _ := http.NewRequest(http.MethodPost, s.URL, bytes.NewBufferString(r.body))
		req.Header.Set("Content-Type", r.contentType)
		if r.target != "" {
			req.Header.Set("X-Amz-Target", r.target)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != 400 {
			t.Errorf("%s: status %d", r.target, resp.StatusCode)
		}
	}
	if len(s.Requests()) != 0 {
		t.Errorf("unknown requests recorded: %v", s.Requests())
	}
}
