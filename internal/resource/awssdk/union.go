package awssdk

import (
	"reflect"
	"strings"

	dynamodbtypes "github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

// unions lists, for each union interface of the supported services, its
// members by name. Go cannot enumerate the implementations of an
// interface, so parameters can only be decoded into unions listed here.
var unions = map[reflect.Type]map[string]reflect.Type{
	reflect.TypeOf((*dynamodbtypes.AttributeValue)(nil)).Elem(): membersOf(
		dynamodbtypes.AttributeValueMemberB{}, dynamodbtypes.AttributeValueMemberBOOL{},
		dynamodbtypes.AttributeValueMemberBS{}, dynamodbtypes.AttributeValueMemberL{},
		dynamodbtypes.AttributeValueMemberM{}, dynamodbtypes.AttributeValueMemberN{},
		dynamodbtypes.AttributeValueMemberNS{}, dynamodbtypes.AttributeValueMemberNULL{},
		dynamodbtypes.AttributeValueMemberS{}, dynamodbtypes.AttributeValueMemberSS{},
	),
}

// membersOf indexes union member types by member name: AttributeValueMemberS
// is the member "S".
func membersOf(members ...any) map[string]reflect.Type {
	out := make(map[string]reflect.Type, len(members))
	for _, m := range members {
		t := reflect.TypeOf(m)
		_, name, _ := strings.Cut(t.Name(), "Member")
		out[name] = t
	}
	return out
}

// unionMembers returns the members of a union interface, nil for another
// interface.
func unionMembers(t reflect.Type) map[string]reflect.Type { return unions[t] }

// unionMemberName returns the member name of a union value held by the
// interface v: the part of its type's name after "Member", or the tag of an
// unknown member.
func unionMemberName(v reflect.Value) (string, bool) {
	elem := v.Elem()
	if elem.Kind() != reflect.Pointer || elem.Elem().Kind() != reflect.Struct {
		return "", false
	}
	name := elem.Elem().Type().Name()
	if name == "UnknownUnionMember" {
		return name, true
	}
	_, member, ok := strings.Cut(name, "Member")
	if !ok || elem.Elem().NumField() == 0 || elem.Elem().Type().Field(0).Name != "Value" {
		return "", false
	}
	return member, true
}
