package engine

import (
	"encoding/csv"
	"strings"

	"github.com/stepwisehq/stepwise/asl"
	"github.com/stepwisehq/stepwise/value"
)

// startReader asks for a distributed Map's items: the ItemReader's
// resource (S3 getObject or listObjectsV2) runs as a task whose result the
// Map run reads its items from. AWS records no task events for it. An S3
// Inventory (InputType MANIFEST) is read by s3:getInventory, the manifest
// and its data files at once. In a TestState run the request's reader data
// stands in for the read.
func (f *frame) startReader(r *asl.ItemReader, in value.Value) {
	var params value.Value = value.NewObject(nil)
	var err error
	switch {
	case r.Arguments != nil:
		params, err = r.Arguments.Eval(f.statesVar())
	case r.Parameters != nil:
		params, err = r.Parameters.Eval(f.env(in))
	}
	if err == nil {
		f.par.maxItems, err = f.readerLimit(r, in)
	}
	if err != nil {
		f.evalFailed(err)
		return
	}
	if data, ok := f.testReaderData(); ok {
		f.readerDone(Input{Kind: TaskSucceeded, Output: data})
		return
	}
	f.par.reader = &TaskCall{Resource: readerResource(r), Input: params, StateName: f.base().Name}
	op := f.x.newOp(opRef{f: f, kind: opReader})
	f.x.command(Command{Kind: InvokeTask, Op: op, Task: f.par.reader})
}

// readerLimit is the ItemReader's MaxItems (or MaxItemsPath's value); 0
// reads every item.
func (f *frame) readerLimit(r *asl.ItemReader, in value.Value) (int, error) {
	if r.MaxItemsPath == nil {
		return int(r.MaxItems), nil
	}
	n, err := f.numberAt(r.MaxItemsPath, in, "MaxItemsPath", "integer")
	return int(n), err
}

// readerResource is the resource that reads r's items: r's own, or for an
// S3 Inventory manifest read with s3:getObject, s3:getInventory.
func readerResource(r *asl.ItemReader) string {
	if isManifest(r) {
		if base, ok := strings.CutSuffix(r.Resource, ":getObject"); ok {
			return base + ":getInventory"
		}
	}
	return r.Resource
}

// readerDone continues the Map with the items its reader returned.
func (f *frame) readerDone(in Input) {
	s := f.st.(*asl.Map)
	if in.Kind == TaskFailed {
		f.readerFailed(in.Error, in.Cause)
		return
	}
	items, err := readerItems(s.Reader, in.Output, f.par.maxItems)
	if err != nil {
		f.readerFailed(asl.ErrItemReaderFailed, err.Error())
		return
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

// readerItems turns what the reader's resource returned into items, at
// most limit of them (0: all).
func readerItems(r *asl.ItemReader, out value.Value, limit int) ([]value.Value, error) {
	items, err := readItems(r, out)
	if limit > 0 && len(items) > limit {
		items = items[:limit]
	}
	return items, err
}

// readItems turns what the reader's resource returned into items.
func readItems(r *asl.ItemReader, out value.Value) ([]value.Value, error) {
	if isManifest(r) {
		return inventoryItems(out)
	}
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
		return csvItems(text, r.Headers, r.HeaderFirst)
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

// csvItems reads CSV rows as objects keyed by the given headers, or by the
// first row when headerFirst; values stay strings. Members are in the
// order of the java.util.HashMap AWS builds an item in (see javaOrder).
func csvItems(text string, headers []string, headerFirst bool) ([]value.Value, error) {
	rd := csv.NewReader(strings.NewReader(text))
	rd.FieldsPerRecord = -1
	rows, err := rd.ReadAll()
	if err != nil {
		return nil, err
	}
	if headerFirst && len(rows) > 0 {
		headers, rows = rows[0], rows[1:]
	}
	order, err := headerOrder(headers)
	if err != nil {
		return nil, err
	}
	items := make([]value.Value, 0, len(rows))
	for _, row := range rows {
		ms := make([]value.Member, len(order))
		for i, col := range order {
			cell := ""
			if col < len(row) {
				cell = row[col]
			}
			ms[i] = value.Member{Key: headers[col], Value: cell}
		}
		items = append(items, value.NewObject(ms))
	}
	return items, nil
}

// headerOrder checks that headers are distinct and returns their columns
// in item member order.
func headerOrder(headers []string) ([]int, error) {
	seen := make(map[string]bool, len(headers))
	for _, h := range headers {
		if seen[h] {
			return nil, errDuplicateHeader
		}
		seen[h] = true
	}
	return javaOrder(headers), nil
}
