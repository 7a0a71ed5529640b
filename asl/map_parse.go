package asl

import (
	"unicode/utf8"

	"github.com/stepwisehq/stepwise/expr/jtemplate"
	"github.com/stepwisehq/stepwise/expr/payload"

	"github.com/stepwisehq/stepwise/value"
)

func (r *stateReader) mapState() State {
	r.transition()
	r.io(true)
	r.result(true)
	r.errors()
	s := &Map{}
	r.processor(s)
	if r.jsonata() {
		s.ItemsExpr = r.template("Items")
		s.ItemSelectorJ = r.template("ItemSelector")
	} else {
		s.ItemsPath = r.path("ItemsPath")
		if v, ok := r.f.get("ItemSelector"); ok {
			s.ItemSelector = r.payloadTemplate("ItemSelector", v)
		}
		if s.ItemSelector != nil && r.base.Parameters != nil {
			r.p.ds.schema(r.loc, "Only one of 'ItemSelector' or 'Parameters' can be set")
		}
		if s.ItemSelector == nil {
			// Parameters is the legacy name of ItemSelector.
			s.ItemSelector, r.base.Parameters = r.base.Parameters, nil
		}
	}
	s.MaxConcurrency, s.MaxConcPath, s.MaxConcExpr = r.count("MaxConcurrency")
	r.tolerance(s)
	s.Label, _ = r.f.str("Label")
	if r.f.has("Label") {
		r.checkLabel(s.Label)
	}
	s.ItemReader, _ = r.f.get("ItemReader")
	s.ItemBatcher, _ = r.f.get("ItemBatcher")
	s.ResultWriter, _ = r.f.get("ResultWriter")
	if obj, ok := s.ItemReader.(*value.Object); ok {
		s.Reader = r.itemReader(obj)
	}
	if obj, ok := s.ItemBatcher.(*value.Object); ok {
		s.Batcher = r.itemBatcher(obj)
	}
	if obj, ok := s.ResultWriter.(*value.Object); ok {
		s.Writer = r.resultWriter(obj)
	}
	s.Base = r.base
	return s
}

// exprField reads a JSONata "{% %}" string of a JSONata state; nil when the
// field is absent or holds something else.
func (r *stateReader) exprField(name string) *Template {
	v, ok := r.f.obj.Get(name)
	s, isStr := v.(string)
	if !ok || !isStr || !r.jsonata() || !jtemplate.IsExpr(s) {
		return nil
	}
	r.f.get(name)
	return r.compileTemplate(name, s)
}

// count reads a non-negative integer that may also come from a path or an
// expression.
func (r *stateReader) count(name string) (int64, *payload.Path, *Template) {
	path := r.path(name + "Path")
	v, ok := r.f.obj.Get(name)
	if !ok {
		return 0, path, nil
	}
	if s, isStr := v.(string); isStr && r.jsonata() {
		r.f.get(name)
		return 0, path, r.compileTemplate(name, s)
	}
	n, _ := r.f.integer(name)
	if n < 0 {
		r.p.ds.schema(r.loc+"/"+name, "The value for the field '%s' must be greater than or equal to 0", name)
	}
	return n, path, nil
}

func (r *stateReader) tolerance(s *Map) {
	if s.ToleratedFailureCountExpr = r.exprField("ToleratedFailureCount"); s.ToleratedFailureCountExpr == nil {
		s.ToleratedFailureCount, s.HasToleratedFailureCount = r.f.integer("ToleratedFailureCount")
	}
	if s.ToleratedFailurePercentageExpr = r.exprField("ToleratedFailurePercentage"); s.ToleratedFailurePercentageExpr == nil {
		s.ToleratedFailurePercentage, s.HasToleratedFailurePercentage = r.f.number("ToleratedFailurePercentage")
	}
	s.ToleratedFailureCountPath = r.path("ToleratedFailureCountPath")
	s.ToleratedFailurePercentagePath = r.path("ToleratedFailurePercentagePath")
	if s.HasToleratedFailurePercentage && (s.ToleratedFailurePercentage < 0 || s.ToleratedFailurePercentage > 100) {
		r.p.ds.schema(r.loc+"/ToleratedFailurePercentage", "The value for the field 'ToleratedFailurePercentage' must be between 0 and 100")
	}
}

func (r *stateReader) processor(s *Map) {
	name := "ItemProcessor"
	if !r.f.has(name) {
		name = "Iterator"
	}
	v, ok := r.f.get(name)
	if !ok {
		r.p.ds.schema(r.loc, "The field 'ItemProcessor' is required but was missing")
		return
	}
	loc := r.loc + "/" + name
	s.Processor = r.subMachine(v, loc)
	obj, _ := v.(*value.Object)
	cfg, _ := obj.Get("ProcessorConfig")
	cobj, _ := cfg.(*value.Object)
	if mode, _ := cobj.Get("Mode"); mode == "DISTRIBUTED" {
		s.Mode = Distributed
		s.ExecutionType = "STANDARD"
		if et, ok := cobj.Get("ExecutionType"); ok {
			s.ExecutionType, _ = et.(string)
		}
	}
}

// checkLabel applies AWS's rules for a Map Label.
func (r *stateReader) checkLabel(label string) {
	if label == "" {
		r.p.ds.schema(r.loc+"/Label", "Label cannot be empty")
		return
	}
	if utf8.RuneCountInString(label) > 40 {
		r.p.ds.schema(r.loc+"/Label", "Label cannot exceed 40 characters")
		return
	}
	for _, c := range label {
		if labelForbidden(c) {
			r.p.ds.schema(r.loc+"/Label", "Label contains invalid character: '%s'", describeRune(c))
			return
		}
	}
}

func labelForbidden(c rune) bool {
	switch c {
	case ' ', '<', '>', '{', '}', '[', ']', '?', '*', '"', '#', '%', '\\', '^', '|', '~', '`', '$', '&', ',', ';', ':', '/':
		return true
	}
	return c < 0x20 || (c >= 0x7f && c <= 0x9f)
}

func describeRune(c rune) string {
	switch {
	case c == '\n':
		return `\n`
	case c < 0x20 || (c >= 0x7f && c <= 0xff):
		return `\x` + string("0123456789abcdef"[c>>4]) + string("0123456789abcdef"[c&15])
	}
	return string(c)
}

// itemReader reads an ItemReader field.
func (r *stateReader) itemReader(obj *value.Object) *ItemReader {
	loc := r.loc + "/ItemReader"
	f := newFields(obj, loc, &r.p.ds)
	ir := &ItemReader{}
	ir.Resource, _ = f.requiredStr("Resource")
	if v, ok := f.get("Parameters"); ok {
		if t, err := payload.CompileTemplate("Parameters", v); err == nil {
			ir.Parameters = t
		} else {
			r.p.ds.schema(loc+"/Parameters", "%s", compileMessage(err))
		}
	}
	if v, ok := f.get("Arguments"); ok {
		ir.Arguments = r.compileTemplate("ItemReader/Arguments", v)
	}
	if cfg, ok := f.object("ReaderConfig"); ok {
		r.readerConfig(newFields(cfg, loc+"/ReaderConfig", &r.p.ds), ir)
	}
	f.unsupported()
	return ir
}

func (r *stateReader) readerConfig(f *fields, ir *ItemReader) {
	ir.InputType, _ = f.str("InputType")
	if loc, ok := f.str("CSVHeaderLocation"); ok {
		ir.HeaderFirst = loc == "FIRST_ROW"
	}
	ir.Headers, _ = f.strings("CSVHeaders")
	ir.MaxItems, _ = f.integer("MaxItems")
	if s, ok := f.str("MaxItemsPath"); ok {
		p, err := payload.CompilePath("MaxItemsPath", s)
		if err != nil {
			r.p.ds.schema(f.loc+"/MaxItemsPath", "%s", compileMessage(err))
		}
		ir.MaxItemsPath = p
	}
	f.ignore("CSVDelimiter", "ManifestType", "Transformation")
	f.unsupported()
}

func (r *stateReader) itemBatcher(obj *value.Object) *ItemBatcher {
	f := newFields(obj, r.loc+"/ItemBatcher", &r.p.ds)
	b := &ItemBatcher{}
	b.MaxItems, _ = f.integer("MaxItemsPerBatch")
	b.MaxBytes, _ = f.integer("MaxInputBytesPerBatch")
	b.MaxItemsPath = r.subPath(f, "MaxItemsPerBatchPath")
	b.MaxBytesPath = r.subPath(f, "MaxInputBytesPerBatchPath")
	if v, ok := f.get("BatchInput"); ok {
		if r.jsonata() {
			b.BatchInputJSONata = r.compileTemplate("ItemBatcher/BatchInput", v)
		} else if t, err := payload.CompileTemplate("BatchInput", v); err == nil {
			b.BatchInput = t
		} else {
			r.p.ds.schema(f.loc+"/BatchInput", "%s", compileMessage(err))
		}
	}
	f.unsupported()
	return b
}

func (r *stateReader) subPath(f *fields, name string) *payload.Path {
	s, ok := f.str(name)
	if !ok {
		return nil
	}
	p, err := payload.CompilePath(name, s)
	if err != nil {
		r.p.ds.schema(f.loc+"/"+name, "%s", compileMessage(err))
	}
	return p
}

func (r *stateReader) resultWriter(obj *value.Object) *ResultWriter {
	f := newFields(obj, r.loc+"/ResultWriter", &r.p.ds)
	w := &ResultWriter{}
	w.Resource, _ = f.requiredStr("Resource")
	if v, ok := f.get("Parameters"); ok {
		if t, err := payload.CompileTemplate("Parameters", v); err == nil {
			w.Parameters = t
		} else {
			r.p.ds.schema(f.loc+"/Parameters", "%s", compileMessage(err))
		}
	}
	if v, ok := f.get("Arguments"); ok {
		w.Arguments = r.compileTemplate("ResultWriter/Arguments", v)
	}
	f.ignore("WriterConfig")
	f.unsupported()
	return w
}
