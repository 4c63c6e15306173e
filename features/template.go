package features

// PLACEHOLDER: replaced by the real check.
type placeholderShopTemplate struct{}

func newShopTemplate() Check { return placeholderShopTemplate{} }

func (placeholderShopTemplate) Names() []string { return []string{"shop_template"} }

func (placeholderShopTemplate) Run(d *Document) []Signal { return make([]Signal, 1) }
