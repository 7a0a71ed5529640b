package value

// allocObject returns an Object whose members slice has length n, with the
// Object and its members in one allocation when n is small: objects are
// copied on every ResultPath and template evaluation, so this halves the
// allocations of the engine's hot path.
func allocObject(n int) *Object {
	switch {
	case n <= 2:
		p := &struct {
			o  Object
			ms [2]Member
		}{}
		p.o.members = p.ms[:n]
		return &p.o
	case n <= 4:
		p := &struct {
			o  Object
			ms [4]Member
		}{}
		p.o.members = p.ms[:n]
		return &p.o
	case n <= 8:
		p := &struct {
			o  Object
			ms [8]Member
		}{}
		p.o.members = p.ms[:n]
		return &p.o
	}
	return &Object{members: make([]Member, n)}
}

// ObjectBuilder builds an object member by member with one allocation for
// small objects. Build may be called once.
type ObjectBuilder struct {
	o *Object
	n int
}

// NewObjectBuilder returns a builder for an object of at most n members.
func NewObjectBuilder(n int) ObjectBuilder {
	return ObjectBuilder{o: allocObject(n)}
}

// Add appends a member.
func (b *ObjectBuilder) Add(key string, v Value) {
	b.o.members[b.n] = Member{Key: key, Value: v}
	b.n++
}

// Build returns the object; repeated keys are resolved as NewObject does.
func (b *ObjectBuilder) Build() *Object {
	o := b.o
	o.members = o.members[:b.n]
	if len(o.members) > 1 && hasDuplicateKeys(o.members) {
		o.members = dedupe(o.members)
	}
	o.buildIndex()
	return o
}
