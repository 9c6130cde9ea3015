package airbytecloud

import "github.com/airbyte-cloud/libairbyte_cloud/bindings/go/internal/capi"

// builder collects what fills one new C object of type P (list options, a connection spec,
// dataset options): each setter call is a step, each text is checked before any C call.
// make creates the object, runs the steps in order and frees the object on a failure, so a
// new field of such an object costs one line.
type builder[P ~uintptr] struct {
	steps []func(P, *capi.Error) capi.Enum_SS_abc_status
	err   error
}

// step adds a C call on the object.
func (b *builder[P]) step(f func(P, *capi.Error) capi.Enum_SS_abc_status) {
	b.steps = append(b.steps, f)
}

// text checks a text value; the first bad one is the error of make.
func (b *builder[P]) text(name, value string) {
	if err := checkText(name, value); err != nil && b.err == nil {
		b.err = err
	}
}

// setIf adds setter(value) when the value is set (not its zero value).
func setIf[P ~uintptr, V comparable](b *builder[P], value V, setter func(P, V, *capi.Error) capi.Enum_SS_abc_status) {
	var zero V
	if value != zero {
		b.step(func(p P, e *capi.Error) capi.Enum_SS_abc_status { return setter(p, value, e) })
	}
}

// make creates the object with create and runs the steps; the caller frees what it returns.
func (b *builder[P]) make(create func(*P, *capi.Error) capi.Enum_SS_abc_status, free func(P)) (P, error) {
	if b.err != nil {
		return 0, b.err
	}
	var obj P
	var e capi.Error
	if err := takeError(create(&obj, &e), e, nil); err != nil {
		return 0, err
	}
	for _, step := range b.steps {
		var e capi.Error
		if err := takeError(step(obj, &e), e, nil); err != nil {
			free(obj)
			return 0, err
		}
	}
	return obj, nil
}
