package features

// PLACEHOLDER: replaced by the real check.
type placeholderStuffing struct{}

func newStuffing() Check { return placeholderStuffing{} }

func (placeholderStuffing) Names() []string { return []string{"keyword_stuffing"} }

func (placeholderStuffing) Run(d *Document) []Signal { return make([]Signal, 1) }
