package engine

import (
	"encoding/csv"
	"strings"

	"github.com/stepwisehq/stepwise/asl"
	"github.com/stepwisehq/stepwise/value"
)

// startReader asks for a distributed Map's items: the ItemReader's
// resource (S3 getObject or listObjectsV2) runs as a task whose result the
// Map run reads its items from. AWS records no task events for it.
func (f *frame) startReader(r *asl.ItemReader, in value.Value) {
	var params value.Value = value.NewObject(nil)
	var err error
	switch {
	case r.Arguments != nil:
		params, err = r.Arguments.Eval(f.statesVar())
	case r.Parameters != nil:
		params, err = r.Parameters.Eval(f.env(in))
	}
	if err != nil {
		f.evalFailed(err)
		return
	}
	if r.MaxItemsPath != nil {
		n, err := f.numberAt(r.MaxItemsPath, in, "MaxItemsPath", "integer")
		if err != nil {
			f.evalFailed(err)
			return
		}
		f.par.maxItems = int(n)
	} else {
		f.par.maxItems = int(r.MaxItems)
	}
	f.par.reader = &TaskCall{Resource: r.Resource, Input: params, StateName: f.base().Name}
	op := f.x.newOp(opRef{f: f, kind: opReader})
	f.x.command(Command{Kind: InvokeTask, Op: op, Task: f.par.reader})
}

// readerDone continues the Map with the items its reader returned.
func (f *frame) readerDone(in Input) {
	s := f.st.(*asl.Map)
	if in.Kind == TaskFailed {
		f.readerFailed(in.Error, in.Cause)
		return
	}
	items, err := readItems(s.Reader, in.Output)
	if err != nil {
		f.readerFailed(asl.ErrItemReaderFailed, err.Error())
		return
	}
	if n := f.par.maxItems; n > 0 && len(items) > n {
		items = items[:n]
	}
	if items, err = f.batchItems(s, items); err != nil {
		f.evalFailed(err)
		return
	}
	fo := f.par
	fo.items, fo.results = items, make([]value.Value, len(items))
	f.startIterations(f.last)
	f.maybeDone()
}

func (f *frame) readerFailed(name, cause string) {
	f.fanOutFailed(iterationFrame, newFailure(name, cause))
}

// readerError is an ItemReader failure, worded as AWS words it.
type readerError string

func (e readerError) Error() string { return string(e) }

const (
	errNotIterable     readerError = "Attempting to map over non-iterable node."
	errDuplicateHeader readerError = "CSV headers cannot contain duplicates."
)

// readItems turns what the reader's resource returned into items.
func readItems(r *asl.ItemReader, out value.Value) ([]value.Value, error) {
	if obj, ok := out.(*value.Object); ok {
		if contents, ok := obj.Get("Contents"); ok && r.InputType == "" {
			items, _ := contents.([]value.Value)
			return items, nil
		}
		if body, ok := obj.Get("Body"); ok {
			out = body
		}
	}
	text, isText := out.(string)
	switch strings.ToUpper(r.InputType) {
	case "CSV":
		return csvItems(r, text)
	case "JSONL":
		return jsonlItems(text)
	}
	v := out
	if isText {
		var err error
		if v, err = value.ParseString(text); err != nil {
			return nil, err
		}
	}
	items, ok := v.([]value.Value)
	if !ok {
		return nil, errNotIterable
	}
	return items, nil
}

func jsonlItems(text string) ([]value.Value, error) {
	var items []value.Value
	for _, line := range strings.Split(text, "\n") {
		if strings.TrimSpace(line) == "" {
			continue
		}
		v, err := value.ParseString(line)
		if err != nil {
			return nil, err
		}
		items = append(items, v)
	}
	return items, nil
}

// csvItems reads CSV rows as objects keyed by the header row or the given
// headers; values stay strings.
func csvItems(r *asl.ItemReader, text string) ([]value.Value, error) {
	rd := csv.NewReader(strings.NewReader(text))
	rd.FieldsPerRecord = -1
	rows, err := rd.ReadAll()
	if err != nil {
		return nil, err
	}
	headers := r.Headers
	if r.HeaderFirst && len(rows) > 0 {
		headers, rows = rows[0], rows[1:]
	}
	seen := map[string]bool{}
	for _, h := range headers {
		if seen[h] {
			return nil, errDuplicateHeader
		}
		seen[h] = true
	}
	items := make([]value.Value, 0, len(rows))
	for _, row := range rows {
		b := value.NewObjectBuilder(len(headers))
		for i, h := range headers {
			cell := ""
			if i < len(row) {
				cell = row[i]
			}
			b.Add(h, cell)
		}
		items = append(items, b.Build())
	}
	return items, nil
}
