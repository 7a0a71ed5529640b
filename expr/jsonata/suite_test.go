package jsonata

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stepwisehq/stepwise/internal/sharedtest"
	"github.com/stepwisehq/stepwise/value"
)

// The official JSONata test suite (../shared/jsonata-testsuite, from the
// jsonata-js repository, MIT licence): groups/<group>/*.json cases run
// against this implementation, with known differences listed in
// testdata/suite_expected_failures.txt.

type suiteCase struct {
	Expr            string          `json:"expr"`
	ExprFile        string          `json:"expr-file"`
	Data            json.RawMessage `json:"data"`
	Dataset         *string         `json:"dataset"`
	Bindings        json.RawMessage `json:"bindings"`
	Result          json.RawMessage `json:"result"`
	UndefinedResult bool            `json:"undefinedResult"`
	Code            string          `json:"code"`
	Token           string          `json:"token"`
	Error           *struct {
		Code string `json:"code"`
	} `json:"error"`
	Timelimit int `json:"timelimit"`
	Depth     int `json:"depth"`

	name  string
	group string
}

func loadSuite(t *testing.T, root string) []*suiteCase {
	files, err := filepath.Glob(filepath.Join(root, "groups", "*", "*.json"))
	if err != nil {
		t.Fatal(err)
	}
	var cases []*suiteCase
	for _, f := range files {
		cases = append(cases, loadSuiteFile(t, f)...)
	}
	return cases
}

func loadSuiteFile(t *testing.T, path string) []*suiteCase {
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	data = escapeLoneSurrogates(data)
	group := filepath.Base(filepath.Dir(path))
	base := strings.TrimSuffix(filepath.Base(path), ".json")
	var list []*suiteCase
	if strings.HasPrefix(strings.TrimSpace(string(data)), "[") {
		if err := json.Unmarshal(data, &list); err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		for i, c := range list {
			c.name = fmt.Sprintf("%s/%s[%d]", group, base, i)
		}
	} else {
		c := &suiteCase{}
		if err := json.Unmarshal(data, c); err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		c.name = group + "/" + base
		list = []*suiteCase{c}
	}
	for _, c := range list {
		c.group = group
		if c.ExprFile != "" {
			src, err := os.ReadFile(filepath.Join(filepath.Dir(path), c.ExprFile))
			if err != nil {
				t.Fatal(err)
			}
			c.Expr = string(src)
		}
	}
	return list
}

// expectedFailures reads "name  reason" lines.
func expectedFailures(t *testing.T) map[string]string {
	f, err := os.Open(filepath.Join("testdata", "suite_expected_failures.txt"))
	if err != nil {
		return map[string]string{}
	}
	defer f.Close()
	out := map[string]string{}
	s := bufio.NewScanner(f)
	for s.Scan() {
		line := strings.TrimSpace(s.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		name, reason, _ := strings.Cut(line, " ")
		out[name] = strings.TrimSpace(reason)
	}
	return out
}

type datasetCache struct {
	root string
	sets map[string]value.Value
}

func (d *datasetCache) get(t *testing.T, name string) value.Value {
	if v, ok := d.sets[name]; ok {
		return v
	}
	data, err := os.ReadFile(filepath.Join(d.root, "datasets", name+".json"))
	if err != nil {
		t.Fatal(err)
	}
	v, err := value.Parse(data)
	if err != nil {
		t.Fatalf("dataset %s: %v", name, err)
	}
	d.sets[name] = v
	return v
}

func TestOfficialSuite(t *testing.T) {
	root := filepath.Join(sharedtest.Dir(t), "jsonata-testsuite")
	if _, err := os.Stat(root); err != nil {
		t.Skip("jsonata-testsuite is absent")
	}
	cases := loadSuite(t, root)
	known := expectedFailures(t)
	ds := &datasetCache{root: root, sets: map[string]value.Value{}}
	passed, total := map[string]int{}, map[string]int{}
	var unexpected []string
	for _, c := range cases {
		total[c.group]++
		err := runSuiteCase(t, c, ds)
		_, expected := known[c.name]
		switch {
		case err == nil && expected:
			passed[c.group]++
			unexpected = append(unexpected, c.name+": passes but is listed as an expected failure")
		case err == nil:
			passed[c.group]++
		case !expected:
			unexpected = append(unexpected, fmt.Sprintf("%s: %v\n    expr: %s", c.name, err, c.Expr))
		}
	}
	reportSuite(t, passed, total)
	for _, u := range unexpected {
		t.Error(u)
	}
}

func reportSuite(t *testing.T, passed, total map[string]int) {
	groups := make([]string, 0, len(total))
	for g := range total {
		groups = append(groups, g)
	}
	sort.Strings(groups)
	p, n := 0, 0
	for _, g := range groups {
		p, n = p+passed[g], n+total[g]
		if passed[g] < total[g] {
			t.Logf("%-32s %4d/%-4d", g, passed[g], total[g])
		}
	}
	t.Logf("official suite: %d/%d passed (%.2f%%) in %d groups", p, n, 100*float64(p)/float64(n), len(groups))
}

func runSuiteCase(t *testing.T, c *suiteCase, ds *datasetCache) error {
	input, opts, err := suiteInput(t, c, ds)
	if err != nil {
		return err
	}
	wantCode := c.Code
	if c.Error != nil {
		wantCode = c.Error.Code
	}
	e, err := Compile(c.Expr)
	if err != nil {
		return checkError(err, wantCode, c.Token)
	}
	start := time.Now()
	got, defined, err := e.Eval(input, opts)
	if c.Timelimit > 0 && time.Since(start) > 3*time.Duration(c.Timelimit)*time.Millisecond {
		return fmt.Errorf("took %v, limit %dms", time.Since(start), c.Timelimit)
	}
	if err != nil {
		return checkError(err, wantCode, c.Token)
	}
	if wantCode != "" {
		return fmt.Errorf("want error %s, got %s", wantCode, describe(got, defined))
	}
	if c.UndefinedResult || c.Result == nil {
		if defined {
			return fmt.Errorf("want undefined, got %s", value.String(got))
		}
		return nil
	}
	want, perr := value.Parse(c.Result)
	if perr != nil {
		return perr
	}
	if !defined || !value.Equal(got, want) {
		return fmt.Errorf("want %s, got %s", value.String(want), describe(got, defined))
	}
	return nil
}

func describe(v value.Value, defined bool) string {
	if !defined {
		return "undefined"
	}
	if IsFunction(v) {
		return "a function"
	}
	return value.String(v)
}

func suiteInput(t *testing.T, c *suiteCase, ds *datasetCache) (value.Value, *Options, error) {
	input := Undefined
	switch {
	case c.Data != nil:
		v, err := value.Parse(c.Data)
		if err != nil {
			return nil, nil, err
		}
		input = v
	case c.Dataset != nil:
		input = ds.get(t, *c.Dataset)
	}
	opts := &Options{Now: time.Now()}
	if c.Depth > 0 {
		opts.MaxDepth = c.Depth
	}
	if c.Timelimit > 0 {
		opts.Timeout = time.Duration(c.Timelimit) * time.Millisecond
	}
	if len(c.Bindings) > 0 && string(c.Bindings) != "null" {
		b, err := value.Parse(c.Bindings)
		if err != nil {
			return nil, nil, err
		}
		if o, ok := b.(*value.Object); ok && o.Len() > 0 {
			opts.Bindings = func(name string) (value.Value, bool) { return o.Get(name) }
		}
	}
	return input, opts, nil
}

func checkError(err error, wantCode, wantToken string) error {
	e, ok := err.(*Error)
	if !ok {
		return fmt.Errorf("non-JSONata error %v", err)
	}
	if wantCode == "" {
		return fmt.Errorf("unexpected error %v", err)
	}
	if wantCode == "U1001" && (e.Code == "D1011" || e.Code == "D1012") {
		return nil
	}
	if e.Code != wantCode {
		return fmt.Errorf("want error %s, got %v", wantCode, err)
	}
	if wantToken != "" && e.Token != wantToken {
		return fmt.Errorf("want token %q, got %q (%v)", wantToken, e.Token, err)
	}
	return nil
}

// escapeLoneSurrogates turns a JSON escape of a lone surrogate (which Go's
// decoder would replace by U+FFFD) into a JSONata escape in the decoded
// text, which the lexer keeps as the lone code unit the reference sees.
func escapeLoneSurrogates(data []byte) []byte {
	var out []byte
	for i := 0; i < len(data); i++ {
		if data[i] == '\\' && i+1 < len(data) && data[i+1] == '\\' {
			out = append(out, data[i], data[i+1])
			i++
			continue
		}
		if isSurrogateEscape(data[i:], 0xD800) && !isSurrogateEscape(data[i+6:], 0xDC00) &&
			!(i >= 6 && isSurrogateEscape(data[i-6:], 0xD800)) {
			out = append(out, '\\', '\\')
			out = append(out, data[i+1:i+6]...)
			i += 5
			continue
		}
		out = append(out, data[i])
	}
	return out
}

func isSurrogateEscape(b []byte, base uint64) bool {
	if len(b) < 6 || b[0] != '\\' || b[1] != 'u' {
		return false
	}
	v, err := strconv.ParseUint(string(b[2:6]), 16, 16)
	return err == nil && v >= base && v < base+0x400
}
