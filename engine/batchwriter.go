package engine

import (
	"strings"

	"github.com/stepwisehq/stepwise/asl"
	"github.com/stepwisehq/stepwise/value"
)

// batchItems groups a distributed Map's items as its ItemBatcher says:
// each batch is {"BatchInput": ..., "Items": [...]}.
func (f *frame) batchItems(s *asl.Map, items []value.Value) ([]value.Value, error) {
	b := s.Batcher
	if b == nil {
		return items, nil
	}
	in := f.par.input
	maxItems, maxBytes := b.MaxItems, b.MaxBytes
	if b.MaxItemsPath != nil {
		n, err := f.numberAt(b.MaxItemsPath, in, "MaxItemsPerBatchPath", "integer")
		if err != nil {
			return nil, err
		}
		maxItems = int64(n)
	}
	if b.MaxBytesPath != nil {
		n, err := f.numberAt(b.MaxBytesPath, in, "MaxInputBytesPerBatchPath", "integer")
		if err != nil {
			return nil, err
		}
		maxBytes = int64(n)
	}
	batchInput, err := f.batchInput(b, in)
	if err != nil {
		return nil, err
	}
	return groupItems(items, maxItems, maxBytes, batchInput), nil
}

func (f *frame) batchInput(b *asl.ItemBatcher, in value.Value) (value.Value, error) {
	switch {
	case b.BatchInputJSONata != nil:
		return b.BatchInputJSONata.Eval(f.statesVar())
	case b.BatchInput != nil:
		return b.BatchInput.Eval(f.env(in))
	}
	return nil, nil
}

// groupItems cuts items into batches of at most maxItems items and
// maxBytes bytes of JSON (0: no bound).
func groupItems(items []value.Value, maxItems, maxBytes int64, batchInput value.Value) []value.Value {
	var batches []value.Value
	var cur []value.Value
	size := int64(0)
	flush := func() {
		if len(cur) == 0 {
			return
		}
		ms := make([]value.Member, 0, 2)
		if batchInput != nil {
			ms = append(ms, value.Member{Key: "BatchInput", Value: batchInput})
		}
		ms = append(ms, value.Member{Key: "Items", Value: cur})
		batches = append(batches, value.NewObject(ms))
		cur, size = nil, 0
	}
	for _, it := range items {
		n := int64(value.EncodedLen(it))
		if maxBytes > 0 && len(cur) > 0 && size+n > maxBytes {
			flush()
		}
		cur = append(cur, it)
		size += n
		if maxItems > 0 && int64(len(cur)) >= maxItems {
			flush()
		}
	}
	flush()
	return batches
}

// startWriter writes a distributed Map's results with its ResultWriter
// (s3:putObject): the results file, then the manifest. It reports false
// when the Map has no writer or has written already.
func (f *frame) startWriter(s *asl.Map) bool {
	fo := f.par
	if s.Writer == nil || fo.written {
		return false
	}
	var params value.Value = value.NewObject(nil)
	var err error
	switch {
	case s.Writer.Arguments != nil:
		params, err = s.Writer.Arguments.Eval(f.statesVar())
	case s.Writer.Parameters != nil:
		params, err = s.Writer.Parameters.Eval(f.env(fo.input))
	}
	if err != nil {
		f.evalFailed(err)
		return true
	}
	fo.writerParams = params
	f.write(0)
	return true
}

// write issues write number step: 0 the results, 1 the manifest.
func (f *frame) write(step int) {
	fo := f.par
	bucket, prefix := writerTarget(fo.writerParams)
	id := fo.mapRun[strings.LastIndex(fo.mapRun, ":")+1:]
	dir := strings.TrimSuffix(prefix, "/") + "/" + id + "/"
	if prefix == "" {
		dir = id + "/"
	}
	key, body := dir+"SUCCEEDED_0.json", value.String(value.Value(fo.results))
	if step == 1 {
		key, body = dir+"manifest.json", value.String(obj(
			"DestinationBucket", bucket, "MapRunArn", fo.mapRun,
			"ResultFiles", obj("FAILED", []value.Value{}, "PENDING", []value.Value{},
				"SUCCEEDED", []value.Value{obj("Key", dir+"SUCCEEDED_0.json", "Size", num(int64(len(body))))}),
		))
	}
	fo.writeStep = step
	call := &TaskCall{Resource: f.st.(*asl.Map).Writer.Resource, StateName: f.base().Name,
		Input: obj("Bucket", bucket, "Key", key, "Body", body)}
	op := f.x.newOp(opRef{f: f, kind: opWriter})
	fo.reader = call
	f.x.command(Command{Kind: InvokeTask, Op: op, Task: call})
}

func writerTarget(params value.Value) (bucket, prefix string) {
	o, _ := params.(*value.Object)
	b, _ := o.Get("Bucket")
	p, _ := o.Get("Prefix")
	bucket, _ = b.(string)
	prefix, _ = p.(string)
	return bucket, prefix
}

// writerDone continues after a write: the manifest next, then the Map ends
// with the writer's details as its result.
func (f *frame) writerDone(in Input) {
	fo := f.par
	if in.Kind == TaskFailed {
		f.fanOutFailed(iterationFrame, newFailure(asl.ErrResultWriterFailed, in.Cause))
		return
	}
	if fo.writeStep == 0 {
		f.write(1)
		return
	}
	fo.reader = nil
	fo.written = true
	bucket, prefix := writerTarget(fo.writerParams)
	id := fo.mapRun[strings.LastIndex(fo.mapRun, ":")+1:]
	key := strings.TrimSuffix(prefix, "/") + "/" + id + "/manifest.json"
	if prefix == "" {
		key = id + "/manifest.json"
	}
	fo.results = nil
	fo.writerOut = obj("MapRunArn", fo.mapRun, "ResultWriterDetails", obj("Bucket", bucket, "Key", key))
	f.fanOutDone()
}
