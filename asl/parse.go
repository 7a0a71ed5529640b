package asl

import (
	"errors"
	"strings"

	"github.com/stepwisehq/stepwise/value"
)

// Options adjusts how a definition is read.
type Options struct {
	// Express marks the definition as an EXPRESS state machine, which
	// rejects the integration patterns Express workflows do not support.
	Express bool
}

// Parse reads and validates a definition. Problems are reported as a
// *DefinitionError holding every diagnostic found.
func Parse(src string, opts Options) (*Definition, error) {
	raw, err := value.ParseString(src)
	if err != nil {
		return nil, &DefinitionError{Diagnostics: []Diagnostic{jsonDiagnostic(src, err)}}
	}
	obj, ok := raw.(*value.Object)
	if !ok {
		return nil, &DefinitionError{Diagnostics: []Diagnostic{{
			Severity: SeverityError, Code: CodeSchema, Message: "Definition must be a valid JSON object",
		}}}
	}
	return ParseValue(obj, src, opts)
}

// ParseValue is Parse for a definition already read as JSON.
func ParseValue(obj *value.Object, src string, opts Options) (*Definition, error) {
	p := &parser{opts: opts}
	def := p.definition(obj)
	if err := p.ds.err(); err != nil {
		return nil, err
	}
	def.Source = src
	return def, nil
}

type parser struct {
	ds   diags
	opts Options
	// single skips the checks that span states, for one state read alone.
	single bool
}

// TestStateName is the name TestState gives a state definition read alone.
const TestStateName = "StateName"

// ParseForTest reads a TestState definition: a whole state machine (the
// state to test is named by stateName), or one state's object, which is
// read as a machine of that one state named TestStateName whose
// transitions are not checked. It returns the name of the state to test.
func ParseForTest(src, stateName string, opts Options) (*Definition, string, error) {
	raw, err := value.ParseString(src)
	if err != nil {
		return nil, "", &DefinitionError{Diagnostics: []Diagnostic{jsonDiagnostic(src, err)}}
	}
	obj, ok := raw.(*value.Object)
	if !ok {
		return nil, "", &DefinitionError{Diagnostics: []Diagnostic{{Severity: SeverityError, Code: CodeSchema, Message: "Definition must be a valid JSON object"}}}
	}
	if obj.Has("States") {
		def, err := ParseValue(obj, src, opts)
		if err != nil {
			return nil, "", err
		}
		m := def.find(stateName)
		if m == nil {
			return nil, "", ErrStateNotFound
		}
		def.Machine = *m
		return def, stateName, nil
	}
	wrapped := value.NewObject([]value.Member{
		{Key: "StartAt", Value: TestStateName},
		{Key: "States", Value: value.NewObject([]value.Member{{Key: TestStateName, Value: obj}})},
	})
	p := &parser{opts: opts, single: true}
	def := p.definition(wrapped)
	if err := p.ds.err(); err != nil {
		return nil, "", err
	}
	def.Source = src
	return def, TestStateName, nil
}

// find returns the machine (the definition's, or a branch or item
// processor inside it) that holds the named state.
func (m *Machine) find(name string) *Machine {
	if m.States[name] != nil {
		return m
	}
	for _, n := range m.Order {
		var subs []*Machine
		switch s := m.States[n].(type) {
		case *Parallel:
			subs = s.Branches
		case *Map:
			subs = []*Machine{s.Processor}
		}
		for _, sub := range subs {
			if found := sub.find(name); found != nil {
				return found
			}
		}
	}
	return nil
}

// ErrStateNotFound reports a TestState stateName the definition lacks.
var ErrStateNotFound = errors.New("State not found in definition")

func (p *parser) definition(obj *value.Object) *Definition {
	f := newFields(obj, "", &p.ds)
	def := &Definition{}
	def.Comment, _ = f.str("Comment")
	def.Version, _ = f.str("Version")
	if def.Version != "" && def.Version != "1.0" {
		p.ds.schema("/Version", "The value for the field 'Version' must be '1.0'")
	}
	def.TimeoutSeconds, _ = f.integer("TimeoutSeconds")
	def.QueryLanguage = p.queryLanguage(f, JSONPath, "")
	if !f.has("States") || !f.has("StartAt") {
		p.ds.schema("/", "These fields are required: [%s]", missing(f, "States", "StartAt"))
	}
	p.machine(f, "", def.QueryLanguage, &def.Machine)
	f.unsupported()
	return def
}

func missing(f *fields, names ...string) string {
	var out []string
	for _, n := range names {
		if !f.has(n) {
			out = append(out, n)
		}
	}
	return strings.Join(out, ", ")
}

func (p *parser) queryLanguage(f *fields, inherited QueryLanguage, loc string) QueryLanguage {
	s, ok := f.str("QueryLanguage")
	if !ok {
		return inherited
	}
	switch s {
	case "JSONata":
		return JSONata
	case "JSONPath":
		if inherited == JSONata && loc != "" {
			p.ds.schema(loc, "'QueryLanguage' can not be 'JSONPath' if set to 'JSONata' for whole state machine")
		}
		return JSONPath
	}
	p.ds.schema(loc+"/QueryLanguage", "The value for the field 'QueryLanguage' must be one of [JSONPath, JSONata]")
	return inherited
}

// machine reads StartAt and States of a definition, branch or processor.
func (p *parser) machine(f *fields, loc string, ql QueryLanguage, m *Machine) {
	var hasStart bool
	m.StartAt, hasStart = f.str("StartAt")
	states, ok := f.object("States")
	if !ok {
		return
	}
	m.States = make(map[string]State, states.Len())
	for _, mem := range states.Members() {
		sloc := loc + "/States/" + mem.Key
		obj, isObj := mem.Value.(*value.Object)
		if !isObj {
			p.ds.schema(sloc, "The value for the field '%s' must be an OBJECT", mem.Key)
			continue
		}
		if st := p.state(mem.Key, obj, sloc, ql); st != nil {
			m.States[mem.Key] = st
			m.Order = append(m.Order, mem.Key)
		}
	}
	p.checkMachine(m, loc, hasStart)
}
