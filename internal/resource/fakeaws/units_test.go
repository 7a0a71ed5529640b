package fakeaws

import (
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/stepwisehq/stepwise/value"
)

func TestTableNameValidation(t *testing.T) {
	t.Parallel()
	s := New()
	defer s.Close()
	s.CreateTable("good.table_1-x", "id")
	tests := map[string]string{
		"good.table_1-x": "",
		"ab":             "1 validation error detected: Value 'ab' at 'tableName' failed to satisfy constraint: Member must have length greater than or equal to 3",
		"bad name":       "1 validation error detected: Value 'bad name' at 'tableName' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+",
		"/x":             "2 validation errors detected: Value '/x' at 'tableName' failed to satisfy constraint: Member must have length greater than or equal to 3; Value '/x' at 'tableName' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+",
		"missing":        "Requested resource not found",
	}
	for name, want := range tests {
		_, a := s.tableFor(obj(member("TableName", name)))
		got := ""
		if a != nil {
			msg, _ := value.Parse(a.body)
			got, _ = text(msg.(*value.Object), "message")
		}
		if got != want {
			t.Errorf("%q: got %q", name, got)
		}
	}
}

func TestReturnValues(t *testing.T) {
	t.Parallel()
	old := value.MustParse(`{"id":{"S":"k"},"a":{"N":"1"}}`).(*value.Object)
	updated := value.MustParse(`{"id":{"S":"k"},"a":{"N":"2"},"b":{"S":"x"}}`).(*value.Object)
	tests := map[string]string{
		"":            `{}`,
		"NONE":        `{}`,
		"ALL_OLD":     `{"Attributes":{"id":{"S":"k"},"a":{"N":"1"}}}`,
		"ALL_NEW":     `{"Attributes":{"id":{"S":"k"},"a":{"N":"2"},"b":{"S":"x"}}}`,
		"UPDATED_OLD": `{"Attributes":{"a":{"N":"1"}}}`,
		"UPDATED_NEW": `{"Attributes":{"a":{"N":"2"},"b":{"S":"x"}}}`,
	}
	for rv, want := range tests {
		a := returnValues(obj(member("ReturnValues", rv)), old, updated, []string{"a", "b"})
		if string(a.body) != want {
			t.Errorf("%s: got %s", rv, a.body)
		}
	}
	if a := returnValues(obj(member("ReturnValues", "ALL_OLD")), nil, updated, nil); string(a.body) != `{}` {
		t.Errorf("no old item: %s", a.body)
	}
}

func TestS3Action(t *testing.T) {
	t.Parallel()
	tests := []struct{ method, bucket, key, query, want string }{
		{"GET", "", "", "", "ListBuckets"},
		{"PUT", "b", "", "", "CreateBucket"},
		{"DELETE", "b", "", "", "DeleteBucket"},
		{"HEAD", "b", "", "", "HeadBucket"},
		{"GET", "b", "", "list-type=2", "ListObjectsV2"},
		{"GET", "b", "", "", "ListObjects"},
		{"PUT", "b", "k", "x-id=PutObject", "PutObject"},
		{"PUT", "b", "k", "x-id=CopyObject", "Unsupported"},
		{"GET", "b", "k/l", "", "GetObject"},
		{"HEAD", "b", "k", "", "HeadObject"},
		{"DELETE", "b", "k", "", "DeleteObject"},
		{"POST", "b", "k", "uploads", "Unsupported"},
	}
	for _, tt := range tests {
		q, _ := url.ParseQuery(tt.query)
		if got := s3Action(tt.method, tt.bucket, tt.key, q); got != tt.want {
			t.Errorf("%s /%s/%s?%s: got %s", tt.method, tt.bucket, tt.key, tt.query, got)
		}
	}
}

func TestListObjectsXML(t *testing.T) {
	t.Parallel()
	b := &bucket{name: "b&b", objects: map[string]*object{"a": {body: []byte("1")}, "b<": {body: []byte("22")}, "c": {body: nil}}}
	a := listObjects(b, url.Values{"max-keys": {"2"}, "list-type": {"2"}}, true)
	body := string(a.body)
	for _, want := range []string{"<Name>b&amp;b</Name>", "<KeyCount>2</KeyCount>", "<IsTruncated>true</IsTruncated>",
		"<Key>b&lt;</Key>", "<Size>2</Size>", "<NextContinuationToken>b&lt;</NextContinuationToken>"} {
		if !strings.Contains(body, want) {
			t.Errorf("missing %s in %s", want, body)
		}
	}
	a = listObjects(b, url.Values{"continuation-token": {"b<"}, "list-type": {"2"}}, true)
	if !strings.Contains(string(a.body), "<Key>c</Key>") || strings.Contains(string(a.body), "<Key>a</Key>") {
		t.Errorf("second page: %s", a.body)
	}
	a = listObjects(b, url.Values{"marker": {"a"}, "prefix": {"c"}}, false)
	if !strings.Contains(string(a.body), "<Key>c</Key>") || strings.Contains(string(a.body), "KeyCount") {
		t.Errorf("v1: %s", a.body)
	}
}

func TestAttributesMD5(t *testing.T) {
	t.Parallel()
	// Checked against the AWS SDK's own computation in TestSQS; here the
	// order of attributes must not matter.
	a := value.MustParse(`{"b":{"DataType":"String","StringValue":"2"},"a":{"DataType":"Binary","BinaryValue":"AAE="}}`).(*value.Object)
	b := value.MustParse(`{"a":{"DataType":"Binary","BinaryValue":"AAE="},"b":{"DataType":"String","StringValue":"2"}}`).(*value.Object)
	if attributesMD5(a) != attributesMD5(b) || len(attributesMD5(a)) != 32 {
		t.Errorf("%s vs %s", attributesMD5(a), attributesMD5(b))
	}
	if md5Hex([]byte("")) != "d41d8cd98f00b204e9800998ecf8427e" {
		t.Error("md5Hex")
	}
}

func TestQueryAttributes(t *testing.T) {
	t.Parallel()
	form, _ := url.ParseQuery("MessageAttributes.entry.1.Name=a&MessageAttributes.entry.1.Value.DataType=String&MessageAttributes.entry.1.Value.StringValue=" +
		"&MessageAttributes.entry.2.Name=b&MessageAttributes.entry.2.Value.DataType=Binary&MessageAttributes.entry.2.Value.BinaryValue=AAE%3D")
	got := value.String(queryAttributes(form))
	if got != `{"a":{"DataType":"String","StringValue":""},"b":{"DataType":"Binary","BinaryValue":"AAE="}}` {
		t.Errorf("got %s", got)
	}
	if queryAttributes(url.Values{}) != nil {
		t.Error("attributes from nothing")
	}
}

func TestPublishValidation(t *testing.T) {
	t.Parallel()
	s := New()
	defer s.Close()
	arn := s.CreateTopic("t")
	tests := []struct {
		form, code string
	}{
		{"Message=m", "InvalidParameter"},
		{"TopicArn=" + arn, "ValidationError"},
		{"TopicArn=" + arn + "&Message=", "InvalidParameter"},
		{"TopicArn=arn:aws:sns:us-east-1:1:x&Message=m", "NotFound"},
		{"TargetArn=" + arn + "&Message=m", ""},
		{"PhoneNumber=%2B1555&Message=m", ""},
	}
	for _, tt := range tests {
		form, _ := url.ParseQuery(tt.form)
		a := s.publish(form)
		code := regexp.MustCompile(`<Code>(.*)</Code>`).FindStringSubmatch(string(a.body))
		got := ""
		if code != nil {
			got = code[1]
		}
		if got != tt.code {
			t.Errorf("%s: got %q (%s)", tt.form, got, a.body)
		}
	}
	if len(s.Published(arn)) != 1 || s.Published("none") != nil {
		t.Errorf("published: %v", s.Published(arn))
	}
}

func TestPutEventValidation(t *testing.T) {
	t.Parallel()
	s := New()
	defer s.Close()
	tests := []struct{ entry, want string }{
		{`{"Source":"s","DetailType":"t","Detail":"{}"}`, ""},
		{`{"DetailType":"t","Detail":"{}"}`, "Parameter Source is not valid. Reason: Source is a required argument."},
		{`{"Source":"s","Detail":"{}"}`, "Parameter DetailType is not valid. Reason: DetailType is a required argument."},
		{`{"Source":"s","DetailType":"t"}`, "Parameter Detail is not valid. Reason: Detail is a required argument."},
		{`{"Source":"s","DetailType":"t","Detail":"[]"}`, "Detail is malformed."},
		{`{"Source":"s","DetailType":"t","Detail":"{"}`, "Detail is malformed."},
	}
	for _, tt := range tests {
		res := s.putEvent(value.MustParse(tt.entry).(*value.Object))
		got, _ := text(res, "ErrorMessage")
		if got != tt.want {
			t.Errorf("%s: got %q", tt.entry, got)
		}
	}
	a := s.eventBridge("PutEvents", obj())
	if a.status != 400 {
		t.Errorf("no entries: %d", a.status)
	}
}

func TestQueueByURL(t *testing.T) {
	t.Parallel()
	s := New()
	defer s.Close()
	u := s.CreateQueue("q")
	for in, found := range map[string]bool{u: true, "q": true, "https://sqs.us-east-1.amazonaws.com/" + Account + "/q": true,
		"https://sqs.us-east-1.amazonaws.com/999/q": false, "nope": false, "": false} {
		if got := s.queueByURL(in) != nil; got != found {
			t.Errorf("%q: found %v", in, got)
		}
	}
}

func TestWriteAnswerHeaders(t *testing.T) {
	t.Parallel()
	for service, want := range map[string][]string{
		"dynamodb": {"Server", "Connection", "x-amz-crc32", "x-amzn-RequestId", "Content-Type", "Content-Length"},
		"sqs":      {"connection", "x-amzn-RequestId", "Content-Type"},
		"events":   {"x-amzn-RequestId", "Content-Type"},
	} {
		rec := httptest.NewRecorder()
		writeAnswer(rec, jsonAnswer(obj()), service)
		for _, h := range want {
			if _, ok := rec.Header()[h]; !ok {
				t.Errorf("%s: no %s header in %v", service, h, rec.Header())
			}
		}
	}
	rec := httptest.NewRecorder()
	writeAnswer(rec, jsonAnswer(obj()), "events")
	if rec.Header().Get("Content-Type") != "application/x-amz-json-1.1" {
		t.Errorf("events content type: %s", rec.Header().Get("Content-Type"))
	}
	for k := range rec.Header() {
		if strings.EqualFold(k, "x-amz-crc32") {
			t.Error("a CRC for EventBridge")
		}
	}
}

func TestNewID(t *testing.T) {
	t.Parallel()
	re := regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`)
	seen := map[string]bool{}
	for range 100 {
		id := newID()
		if !re.MatchString(id) || seen[id] {
			t.Fatalf("bad or repeated id %s", id)
		}
		seen[id] = true
	}
}

func TestServeS3Head(t *testing.T) {
	t.Parallel()
	s := Start(t)
	s.PutObject("b", "k", []byte("abc"))
	req, _ := http.NewRequest(http.MethodHead, s.URL+"/b/k", nil)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || len(body) != 0 || resp.Header.Get("Content-Length") != "3" || resp.Header.Get("ETag") == "" {
		t.Errorf("HEAD: %d %v", resp.StatusCode, resp.Header)
	}
	resp, err = http.Post(s.URL+"/b/k?uploads", "application/xml", nil)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 501 {
		t.Errorf("unsupported: %d", resp.StatusCode)
	}
	if reqs := s.Requests(); len(reqs) != 2 || reqs[0].Service != "s3" || reqs[0].Action != "HeadObject" {
		t.Errorf("requests: %+v", reqs)
	}
}

func TestSecretByID(t *testing.T) {
	t.Parallel()
	s := New()
	defer s.Close()
	arn := s.CreateSecret("app/key", "v")
	partial := arn[:len(arn)-7] // without the random suffix
	for id, found := range map[string]bool{"app/key": true, arn: true, partial: true, "app": false, "": false} {
		if got := s.secretByID(obj(member("SecretId", id))) != nil; got != found {
			t.Errorf("%q: found %v", id, got)
		}
	}
}
