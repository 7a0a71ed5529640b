package value

// Member is one key and value of an Object.
type Member struct {
	Key   string
	Value Value
}

// indexAbove is the size above which an object keeps a map from key to
// position; smaller objects are searched linearly, which is faster and
// allocates nothing.
const indexAbove = 12

// Object is a JSON object that keeps its members in order. The zero value is
// an empty object. An Object must not be changed once it has been shared.
type Object struct {
	members []Member
	index   map[string]int
}

// NewObject returns an object holding members, which it takes ownership of.
// When a key repeats, the last member with that key wins and stays at the
// place of the first, as in Jackson's and JavaScript's readers.
func NewObject(members []Member) *Object {
	o := &Object{members: members}
	if len(members) > 1 && hasDuplicateKeys(members) {
		o.members = dedupe(members)
	}
	o.buildIndex()
	return o
}

func hasDuplicateKeys(ms []Member) bool {
	if len(ms) <= indexAbove {
		for i := 1; i < len(ms); i++ {
			for j := 0; j < i; j++ {
				if ms[i].Key == ms[j].Key {
					return true
				}
			}
		}
		return false
	}
	seen := make(map[string]struct{}, len(ms))
	for _, m := range ms {
		if _, ok := seen[m.Key]; ok {
			return true
		}
		seen[m.Key] = struct{}{}
	}
	return false
}

func dedupe(ms []Member) []Member {
	out := make([]Member, 0, len(ms))
	pos := make(map[string]int, len(ms))
	for _, m := range ms {
		if i, ok := pos[m.Key]; ok {
			out[i].Value = m.Value
			continue
		}
		pos[m.Key] = len(out)
		out = append(out, m)
	}
	return out
}

func (o *Object) buildIndex() {
	if len(o.members) <= indexAbove {
		o.index = nil
		return
	}
	o.index = make(map[string]int, len(o.members))
	for i, m := range o.members {
		o.index[m.Key] = i
	}
}

// Len returns the number of members.
func (o *Object) Len() int {
	if o == nil {
		return 0
	}
	return len(o.members)
}

// Members returns the members in order. The caller must not modify the slice.
func (o *Object) Members() []Member {
	if o == nil {
		return nil
	}
	return o.members
}

// Keys returns the keys in order.
func (o *Object) Keys() []string {
	keys := make([]string, len(o.Members()))
	for i, m := range o.Members() {
		keys[i] = m.Key
	}
	return keys
}

func (o *Object) find(key string) int {
	if o == nil {
		return -1
	}
	if o.index != nil {
		if i, ok := o.index[key]; ok {
			return i
		}
		return -1
	}
	for i := range o.members {
		if o.members[i].Key == key {
			return i
		}
	}
	return -1
}

// Get returns the value of key and whether the object has it.
func (o *Object) Get(key string) (Value, bool) {
	i := o.find(key)
	if i < 0 {
		return nil, false
	}
	return o.members[i].Value, true
}

// Has reports whether the object has key.
func (o *Object) Has(key string) bool { return o.find(key) >= 0 }

// With returns a copy of o in which key holds v: replaced in place when the
// key exists, appended otherwise. o itself is unchanged.
func (o *Object) With(key string, v Value) *Object {
	i := o.find(key)
	n := o.Len()
	if i < 0 {
		n++
	}
	out := allocObject(n)
	copy(out.members, o.Members())
	if i >= 0 {
		out.members[i].Value = v
	} else {
		out.members[n-1] = Member{Key: key, Value: v}
	}
	out.buildIndex()
	return out
}

// Without returns a copy of o without key.
func (o *Object) Without(key string) *Object {
	i := o.find(key)
	if i < 0 {
		return o
	}
	ms := make([]Member, 0, o.Len()-1)
	ms = append(ms, o.members[:i]...)
	ms = append(ms, o.members[i+1:]...)
	out := &Object{members: ms}
	out.buildIndex()
	return out
}

func (o *Object) equal(p *Object) bool {
	if o.Len() != p.Len() {
		return false
	}
	for _, m := range o.Members() {
		v, ok := p.Get(m.Key)
		if !ok || !Equal(m.Value, v) {
			return false
		}
	}
	return true
}
