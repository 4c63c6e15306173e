package features

// PLACEHOLDER: replaced by the real check.
type placeholderSourcing struct{}

func newSourcing() Check { return placeholderSourcing{} }

func (placeholderSourcing) Names() []string { return []string{"no_sourcing"} }

func (placeholderSourcing) Run(d *Document) []Signal { return make([]Signal, 1) }
