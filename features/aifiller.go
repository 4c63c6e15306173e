package features

// PLACEHOLDER: replaced by the real check.
type placeholderAIFiller struct{}

func newAIFiller() Check { return placeholderAIFiller{} }

func (placeholderAIFiller) Names() []string { return []string{"ai_filler"} }

func (placeholderAIFiller) Run(d *Document) []Signal { return make([]Signal, 1) }
