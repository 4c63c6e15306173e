package features

// PLACEHOLDER: replaced by the real check.
type placeholderBoilerplate struct{}

func newBoilerplate() Check { return placeholderBoilerplate{} }

func (placeholderBoilerplate) Names() []string { return []string{"boilerplate"} }

func (placeholderBoilerplate) Run(d *Document) []Signal { return make([]Signal, 1) }
