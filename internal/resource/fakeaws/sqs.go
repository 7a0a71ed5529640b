package fakeaws

import (
	"crypto/md5"
	"encoding/base64"
	"encoding/binary"
	"encoding/hex"
	"slices"
	"strconv"
	"strings"

	"github.com/stepwisehq/stepwise/value"
)

type queue struct {
	name, url string
	messages  []Message
	sequence  int
}

// Message is a message sent to a queue or published to a topic.
type Message struct {
	ID              string
	Body            string
	Subject         string        // SNS
	Attributes      *value.Object // MessageAttributes as sent (JSON shape), nil when none
	GroupID         string
	DeduplicationID string
}

const sqsNamespace = "com.amazonaws.sqs"

// CreateQueue creates a queue (if it does not exist) and returns its URL.
func (s *Server) CreateQueue(name string) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.createQueue(name).url
}

func (s *Server) createQueue(name string) *queue {
	if q, ok := s.queues[name]; ok {
		return q
	}
	q := &queue{name: name, url: s.URL + "/" + Account + "/" + name}
	s.queues[name] = q
	return q
}

// Messages returns the messages waiting in a queue (by URL or name).
func (s *Server) Messages(queueURL string) []Message {
	s.mu.Lock()
	defer s.mu.Unlock()
	q := s.queueByURL(queueURL)
	if q == nil {
		return nil
	}
	return slices.Clone(q.messages)
}

func (s *Server) queueByURL(u string) *queue {
	name := u
	if i := strings.LastIndexByte(u, '/'); i >= 0 {
		name = u[i+1:]
	}
	q := s.queues[name]
	if q == nil || (strings.Contains(u, "/") && q.url != u && !strings.HasSuffix(u, "/"+Account+"/"+name)) {
		return nil
	}
	return q
}

func sqsError(code, queryCode, message string) answer {
	a := jsonError(400, code, sqsNamespace, message)
	a.header["x-amzn-query-error"] = queryCode + ";Sender"
	return a
}

var errNoQueue = sqsError("QueueDoesNotExist", "AWS.SimpleQueueService.NonExistentQueue", "The specified queue does not exist.")

func (s *Server) sqs(action string, in *value.Object) answer {
	s.mu.Lock()
	defer s.mu.Unlock()
	switch action {
	case "SendMessage":
		return s.sendMessage(in)
	case "ReceiveMessage":
		return s.receiveMessage(in)
	case "CreateQueue", "GetQueueUrl":
		return s.queueURL(action, in)
	case "DeleteQueue", "PurgeQueue":
		return s.dropQueue(action, in)
	case "ListQueues":
		urls := make([]value.Value, 0, len(s.queues))
		for _, q := range s.queues {
			urls = append(urls, q.url)
		}
		return jsonAnswer(obj(member("QueueUrls", urls)))
	}
	return sqsError("InvalidAction", "InvalidAction", "The action "+action+" is not valid for this endpoint.")
}

func (s *Server) sendMessage(in *value.Object) answer {
	u, _ := text(in, "QueueUrl")
	q := s.queueNamed(u)
	if u == "" {
		return sqsError("MissingParameter", "MissingParameter", "The request must contain the parameter QueueUrl.")
	}
	if q == nil {
		return errNoQueue
	}
	body, _ := text(in, "MessageBody")
	if body == "" {
		return sqsError("MissingParameter", "MissingParameter", "The request must contain the parameter MessageBody.")
	}
	attrs, _ := field(in, "MessageAttributes").(*value.Object)
	m := Message{ID: newID(), Body: body, Attributes: attrs}
	m.GroupID, _ = text(in, "MessageGroupId")
	m.DeduplicationID, _ = text(in, "MessageDeduplicationId")
	q.messages = append(q.messages, m)
	out := []value.Member{member("MD5OfMessageBody", md5Hex([]byte(body))), member("MessageId", m.ID)}
	if attrs != nil && attrs.Len() > 0 {
		out = append(out, member("MD5OfMessageAttributes", attributesMD5(attrs)))
	}
	if strings.HasSuffix(q.name, ".fifo") {
		q.sequence++
		out = append(out, member("SequenceNumber", strconv.Itoa(q.sequence)))
	}
	return jsonAnswer(obj(out...))
}

func (s *Server) receiveMessage(in *value.Object) answer {
	u, _ := text(in, "QueueUrl")
	q := s.queueNamed(u)
	if q == nil {
		return errNoQueue
	}
	n := 1
	if max, ok := field(in, "MaxNumberOfMessages").(value.Number); ok {
		if i, ok := max.Int64(); ok && i > 0 {
			n = int(i)
		}
	}
	n = min(n, len(q.messages))
	if n == 0 {
		return jsonAnswer(obj())
	}
	msgs := make([]value.Value, n)
	for i, m := range q.messages[:n] {
		ms := []value.Member{member("Body", m.Body), member("MD5OfBody", md5Hex([]byte(m.Body))),
			member("MessageId", m.ID), member("ReceiptHandle", m.ID)}
		if m.Attributes != nil {
			ms = append(ms, member("MessageAttributes", m.Attributes))
		}
		msgs[i] = obj(ms...)
	}
	q.messages = q.messages[n:]
	return jsonAnswer(obj(member("Messages", msgs)))
}

func (s *Server) queueURL(action string, in *value.Object) answer {
	name, _ := text(in, "QueueName")
	if name == "" {
		return sqsError("MissingParameter", "MissingParameter", "The request must contain the parameter QueueName.")
	}
	q := s.queues[name]
	if action == "CreateQueue" {
		q = s.createQueue(name)
	}
	if q == nil {
		return errNoQueue
	}
	return jsonAnswer(obj(member("QueueUrl", q.url)))
}

func (s *Server) dropQueue(action string, in *value.Object) answer {
	u, _ := text(in, "QueueUrl")
	q := s.queueNamed(u)
	if q == nil {
		return errNoQueue
	}
	if action == "DeleteQueue" {
		delete(s.queues, q.name)
	}
	q.messages = nil
	return jsonAnswer(obj())
}

func md5Hex(b []byte) string {
	sum := md5.Sum(b)
	return hex.EncodeToString(sum[:])
}

// attributesMD5 is SQS's digest of message attributes: for each attribute
// in name order, the length-prefixed name, data type, a transport byte (1
// string, 2 binary) and the length-prefixed value.
func attributesMD5(attrs *value.Object) string {
	ms := slices.Clone(attrs.Members())
	slices.SortFunc(ms, func(a, b value.Member) int { return strings.Compare(a.Key, b.Key) })
	var buf []byte
	for _, m := range ms {
		a, _ := m.Value.(*value.Object)
		typ, _ := text(a, "DataType")
		buf = appendPrefixed(buf, []byte(m.Key))
		buf = appendPrefixed(buf, []byte(typ))
		if bin, ok := text(a, "BinaryValue"); ok {
			raw, _ := base64.StdEncoding.DecodeString(bin)
			buf = appendPrefixed(append(buf, 2), raw)
			continue
		}
		str, _ := text(a, "StringValue")
		buf = appendPrefixed(append(buf, 1), []byte(str))
	}
	return md5Hex(buf)
}

func appendPrefixed(buf, b []byte) []byte {
	buf = binary.BigEndian.AppendUint32(buf, uint32(len(b)))
	return append(buf, b...)
}
