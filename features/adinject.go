package features

// PLACEHOLDER: replaced by the real check.
type placeholderAdInjection struct{}

func newAdInjection() Check { return placeholderAdInjection{} }

func (placeholderAdInjection) Names() []string { return []string{"ad_injection"} }

func (placeholderAdInjection) Run(d *Document) []Signal { return make([]Signal, 1) }
