package fakeaws

import (
	"encoding/xml"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/stepwisehq/stepwise/value"
)

type topic struct {
	arn      string
	messages []Message
}

const snsNamespace = "http://sns.amazonaws.com/doc/2010-03-31/"

// CreateTopic creates a topic (if it does not exist) and returns its ARN.
// nameOrARN is the topic's name, or its whole ARN.
func (s *Server) CreateTopic(nameOrARN string) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.createTopic(nameOrARN).arn
}

func (s *Server) createTopic(name string) *topic {
	arn := name
	if !strings.HasPrefix(name, "arn:") {
		arn = "arn:aws:sns:" + Region + ":" + Account + ":" + name
	}
	if t, ok := s.topics[arn]; ok {
		return t
	}
	t := &topic{arn: arn}
	s.topics[arn] = t
	return t
}

// Published returns the messages published to a topic.
func (s *Server) Published(topicARN string) []Message {
	s.mu.Lock()
	defer s.mu.Unlock()
	if t := s.topics[topicARN]; t != nil {
		return slices.Clone(t.messages)
	}
	return nil
}

// serveQuery serves the query protocol (form-encoded POST), which SNS
// speaks.
func (s *Server) serveQuery(w http.ResponseWriter, r *http.Request, body []byte) {
	form, err := url.ParseQuery(string(body))
	if err != nil || form.Get("Version") != "2010-03-31" {
		writeAnswer(w, snsError(400, "InvalidAction", "fakeaws serves the query protocol for SNS only"), "sns")
		return
	}
	action := form.Get("Action")
	s.record("sns", action, r, body)
	writeAnswer(w, s.sns(action, form), "sns")
}

func (s *Server) sns(action string, form url.Values) answer {
	s.mu.Lock()
	defer s.mu.Unlock()
	switch action {
	case "Publish":
		return s.publish(form)
	case "CreateTopic":
		t := s.createTopic(form.Get("Name"))
		return snsResult(action, "<TopicArn>"+escape(t.arn)+"</TopicArn>")
	case "ListTopics":
		var b strings.Builder
		b.WriteString("<Topics>")
		for arn := range s.topics {
			b.WriteString("<member><TopicArn>" + escape(arn) + "</TopicArn></member>")
		}
		b.WriteString("</Topics>")
		return snsResult(action, b.String())
	}
	return snsError(400, "InvalidAction", "The action "+action+" is not valid for this web service.")
}

func (s *Server) publish(form url.Values) answer {
	arn := form.Get("TopicArn")
	if arn == "" {
		arn = form.Get("TargetArn")
	}
	if arn == "" && form.Get("PhoneNumber") == "" {
		return snsError(400, "InvalidParameter", "Invalid parameter: TopicArn or TargetArn Reason: no value for required parameter")
	}
	if !form.Has("Message") {
		return snsError(400, "ValidationError", "1 validation error detected: Value null at 'message' failed to satisfy constraint: Member must not be null")
	}
	if form.Get("Message") == "" {
		return snsError(400, "InvalidParameter", "Invalid parameter: Empty message")
	}
	t := s.topicNamed(arn)
	if t == nil && arn != "" {
		return snsError(404, "NotFound", "Topic does not exist")
	}
	m := Message{ID: newID(), Body: form.Get("Message"), Subject: form.Get("Subject"), Attributes: queryAttributes(form),
		GroupID: form.Get("MessageGroupId"), DeduplicationID: form.Get("MessageDeduplicationId")}
	if t != nil {
		t.messages = append(t.messages, m)
	}
	return snsResult("Publish", "<MessageId>"+m.ID+"</MessageId>")
}

// queryAttributes reads MessageAttributes.entry.N.{Name,Value.DataType,
// Value.StringValue,Value.BinaryValue} into the JSON shape of SQS's.
func queryAttributes(form url.Values) *value.Object {
	var ms []value.Member
	for i := 1; ; i++ {
		prefix := "MessageAttributes.entry." + strconv.Itoa(i) + "."
		name := form.Get(prefix + "Name")
		if name == "" {
			break
		}
		a := []value.Member{member("DataType", form.Get(prefix+"Value.DataType"))}
		if v := form.Get(prefix + "Value.StringValue"); form.Has(prefix + "Value.StringValue") {
			a = append(a, member("StringValue", v))
		}
		if v := form.Get(prefix + "Value.BinaryValue"); v != "" {
			a = append(a, member("BinaryValue", v))
		}
		ms = append(ms, member(name, obj(a...)))
	}
	if ms == nil {
		return nil
	}
	return obj(ms...)
}

// snsResult is a query-protocol response:
// <ActionResponse><ActionResult>...</ActionResult><ResponseMetadata>...
func snsResult(action, result string) answer {
	body := fmt.Sprintf(`<%sResponse xmlns="%s">
  <%sResult>
    %s
  </%sResult>
  <ResponseMetadata>
    <RequestId>%s</RequestId>
  </ResponseMetadata>
</%sResponse>
`, action, snsNamespace, action, result, action, newID(), action)
	return answer{status: 200, contentType: "text/xml", body: []byte(body)}
}

func snsError(status int, code, message string) answer {
	body := fmt.Sprintf(`<ErrorResponse xmlns="%s">
  <Error>
    <Type>Sender</Type>
    <Code>%s</Code>
    <Message>%s</Message>
  </Error>
  <RequestId>%s</RequestId>
</ErrorResponse>
`, snsNamespace, code, escape(message), newID())
	return answer{status: status, contentType: "text/xml", body: []byte(body)}
}

func escape(s string) string {
	var b strings.Builder
	_ = xml.EscapeText(&b, []byte(s))
	return b.String()
}
