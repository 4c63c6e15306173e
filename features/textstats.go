package features

// PLACEHOLDER: replaced by the real check.
type placeholderTextStats struct{}

func newTextStats() Check { return placeholderTextStats{} }

func (placeholderTextStats) Names() []string { return []string{"word_count"} }

func (placeholderTextStats) Run(d *Document) []Signal { return make([]Signal, 1) }
