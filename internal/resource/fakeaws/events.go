package fakeaws

import (
	"slices"

	"github.com/stepwisehq/stepwise/value"
)

// Event is an event put on an event bus.
type Event struct {
	ID           string
	Source       string
	DetailType   string
	Detail       string
	Resources    []string
	EventBusName string
}

// Events returns the events put so far, oldest first.
func (s *Server) Events() []Event {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.events)
}

func (s *Server) eventBridge(action string, in *value.Object) answer {
	s.mu.Lock()
	defer s.mu.Unlock()
	if action != "PutEvents" {
		return jsonError(400, "UnknownOperationException", "", "")
	}
	entries, ok := field(in, "Entries").([]value.Value)
	if !ok || len(entries) == 0 {
		return jsonError(400, "ValidationException", "", "1 validation error detected: Value null at 'entries' failed to satisfy constraint: Member must not be null")
	}
	out := make([]value.Value, len(entries))
	failed := 0
	for i, e := range entries {
		entry, _ := e.(*value.Object)
		res := s.putEvent(entry)
		if _, bad := res.Get("ErrorCode"); bad {
			failed++
		}
		out[i] = res
	}
	return jsonAnswer(obj(member("Entries", out), member("FailedEntryCount", value.Int(int64(failed)))))
}

// putEvent checks and stores one entry, returning its result entry.
func (s *Server) putEvent(entry *value.Object) *value.Object {
	for _, required := range []string{"Source", "DetailType", "Detail"} {
		if v, _ := text(entry, required); v == "" {
			return entryError("InvalidArgument", "Parameter "+required+" is not valid. Reason: "+required+" is a required argument.")
		}
	}
	detail, _ := text(entry, "Detail")
	if parsed, err := value.ParseString(detail); err != nil || value.KindOf(parsed) != value.KindOf(obj()) {
		return entryError("MalformedDetail", "Detail is malformed.")
	}
	ev := Event{ID: newID(), Detail: detail}
	ev.Source, _ = text(entry, "Source")
	ev.DetailType, _ = text(entry, "DetailType")
	ev.EventBusName, _ = text(entry, "EventBusName")
	resources, _ := field(entry, "Resources").([]value.Value)
	for _, r := range resources {
		if rs, ok := r.(string); ok {
			ev.Resources = append(ev.Resources, rs)
		}
	}
	s.events = append(s.events, ev)
	return obj(member("EventId", ev.ID))
}

func entryError(code, message string) *value.Object {
	return obj(member("ErrorCode", code), member("ErrorMessage", message))
}
