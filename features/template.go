package features

import (
	"fmt"
	"math"
	"strings"
	"unicode"
	"unicode/utf8"
)

// shopTemplate finds the debris of a shop or a site template: product
// widgets ("Add to cart", "Quantity", "SKU:"), price lines, star ratings,
// placeholders ("Product 1 Title", "Sample text"), lorem ipsum and its
// pseudo-Latin relatives, and the self-describing test content of site
// themes ("This post should display…").
//
// Signals:
//   - shop_template: log1p of the number of template lines. Fires when the
//     template is clear: a block of Latin filler, or at least three template
//     lines of at least two kinds, or a placeholder with another template
//     line, or two placeholders. Bare labels ("Reviews", "Price") count
//     towards the value only, and only beside a clearer template line.
//   - lorem_ipsum: share of the document's words that are Latin filler
//     words on filler lines (lines that are at least half filler words, with
//     at least three words no English text uses).
//   - price_lines: log1p of the number of lines that hold nothing but prices
//     ("$20.00", "£45 £40", "Sale! Original price was: $20.00").
//   - placeholder_text: log1p of the number of placeholder and theme-test
//     lines.
type shopTemplate struct {
	ui          *Lexicon
	placeholder *Lexicon
	cms         *Lexicon
	// words gives each word the tw flags of the lists that hold it;
	// longWords only those that a long line can use (strong Latin words,
	// site-software terms and self-references), which prose seldom holds.
	words     *wordFlagTable
	longWords *wordFlagTable
}

// Flags of the words of a line, looked up once per word. The start and
// second-word flags say which lines a lexicon could match at all, so that
// most lines never reach the lexicons.
const (
	// twLatin: a Latin filler word.
	twLatin uint16 = 1 << iota
	// twLatinStrong: a Latin filler word no English text uses.
	twLatinStrong
	// twShopLabel: a bare shop label ("Reviews", "Price").
	twShopLabel
	// twPriceFiller: a word a price line may hold besides prices.
	twPriceFiller
	// twCurrency: a currency code.
	twCurrency
	// twPlaceholderStart: the first word of a placeholder phrase.
	twPlaceholderStart
	// twShopStart: the first word of a shop phrase.
	twShopStart
	// twTermStart: the first word of a site-software term.
	twTermStart
	// twSelfStart and twSelfSecond: the first and second words of a
	// self-reference ("this" "post"); twSelfWhole: a self-reference of one
	// word.
	twSelfStart
	twSelfSecond
	twSelfWhole
)

// newShopTemplate builds the template check, its lexicons and its word
// tables.
func newShopTemplate() Check {
	c := shopTemplate{
		ui:          NewLexicon(shopPhrases...),
		placeholder: NewLexicon(placeholderPhrases...),
		cms:         NewLexicon(cmsTestPhrases...),
	}
	lists := make(map[uint16][]string)
	for w, strong := range latinFiller {
		lists[twLatin] = append(lists[twLatin], w)
		if strong {
			lists[twLatinStrong] = append(lists[twLatinStrong], w)
		}
	}
	for flag, set := range map[uint16]map[string]bool{twShopLabel: shopLabels, twPriceFiller: priceFiller, twCurrency: currencyCodes} {
		for w := range set {
			lists[flag] = append(lists[flag], w)
		}
	}
	// A first word may be a prefix pattern ("pingback*"), which the
	// tables take as Lexicon does.
	add := func(flag uint16, word string) { lists[flag] = append(lists[flag], word) }
	for flag, phrases := range map[uint16][]string{twPlaceholderStart: placeholderPhrases, twShopStart: shopPhrases, twTermStart: cmsTerms} {
		for _, p := range phrases {
			if words := PhraseWords(p); len(words) > 0 {
				add(flag, words[0])
			}
		}
	}
	for _, p := range cmsSelfReference {
		switch words := PhraseWords(p); len(words) {
		case 0:
		case 1:
			add(twSelfWhole, words[0])
		default:
			add(twSelfStart, words[0])
			add(twSelfSecond, words[1])
		}
	}
	c.words = newWordFlagTable(lists, false)
	long := make(map[uint16][]string)
	for _, flag := range []uint16{twLatinStrong, twTermStart, twSelfStart, twSelfSecond, twSelfWhole} {
		long[flag] = lists[flag]
	}
	long[twLatin] = lists[twLatinStrong]
	c.longWords = newWordFlagTable(long, false)
	return c
}

// lineFlags sets flags[i] to the flags of the i-th word of line l; flags
// must be as long as the line. A long line can only be Latin filler or
// theme test content, so its words are looked up in longWords, and in the
// full table only when the line holds enough strong Latin words to be
// filler.
func (c shopTemplate) lineFlags(d *Document, l *Line, flags []uint16) {
	words := d.Words[l.FirstWord:l.EndWord]
	if len(words) > tmplShortWords {
		c.longWords.flagsOf(words, flags)
		strong := 0
		for _, f := range flags {
			if f&twLatinStrong != 0 {
				strong++
			}
		}
		if strong < latinMinDistinct {
			return
		}
	}
	c.words.flagsOf(words, flags)
}

// Signals declares the template signals.
func (shopTemplate) Signals() []Spec {
	return []Spec{
		{"shop_template", "shop or filler template lines"},
		{"lorem_ipsum", "lorem-ipsum filler"},
		{"price_lines", "standalone price lines"},
		{"placeholder_text", "placeholder text"},
	}
}

// templateKind is the kind of a template line.
type templateKind uint8

const (
	tmplNone        templateKind = iota
	tmplShop                     // a shop widget: "Add to cart", "Quantity", "Categories: …"
	tmplPrice                    // prices only
	tmplRating                   // a star rating
	tmplPlaceholder              // "Product 1 Title", "Sample text", "This is a variable product."
	tmplLatin                    // lorem ipsum and its relatives
	tmplThemeTest                // theme test content: "This post should display…"
	tmplKinds
)

// Limits of the template rules.
const (
	// tmplMaxWidgetWords is the longest line read as a shop widget, price
	// or rating line.
	tmplMaxWidgetWords = 8
	// tmplShortWords is the longest line read as a placeholder; longer
	// lines can only be Latin filler or theme test content.
	tmplShortWords = 2 * tmplMaxWidgetWords
	// tmplMaxThemeWords is the longest line read as theme test content.
	tmplMaxThemeWords = 80
	// latinMinShare is the share of Latin filler words a filler line needs.
	latinMinShare = 0.5
	// latinMinDistinct is how many words of no English use it needs.
	latinMinDistinct = 3
	// latinBlockWords is the number of filler words that fires on its own.
	latinBlockWords = 8
)

// shopPhrases are the buttons, labels and widgets of a shop page.
var shopPhrases = []string{
	"buy now", "buy it now", "add to cart", "add to basket", "add to bag", "add to wishlist", "add to wish list",
	"add to compare", "quantity", "qty", "sku", "in stock", "out of stock", "sold out", "available on backorder",
	"size chart", "size guide", "select options", "choose an option", "select size", "select colour", "select color",
	"view cart", "view basket", "checkout", "proceed to checkout", "continue shopping", "free shipping",
	"free delivery", "sale", "on sale", "original price was", "current price is", "regular price", "sale price",
	"product description", "additional information", "customer reviews", "write a review",
	"be the first to review", "related products", "you may also like", "shop now", "order now", "pre-order",
	"preorder", "in cart", "price range", "sort by", "showing all", "default sorting", "subtotal",
}

// shopLabels are single labels that shop pages show but news pages show
// too ("Reviews", "Price", "Tags"); they count only on a page that has a
// clearer template line as well.
var shopLabels = wordSetOf(`price prices categories category tags tag description reviews review wishlist compare
	color colour size weight dimensions brand model delivery returns cart basket add clear reset filter total
	share details specifications features`)

// placeholderPhrases are texts left in a template before anyone wrote the
// page.
var placeholderPhrases = []string{
	"sample text", "dummy text", "placeholder text", "placeholder", "filler text", "your text here", "text here",
	"text goes here", "title goes here", "content goes here", "insert text here", "replace this text",
	"product title", "product name", "item title", "heading goes here",
	"this is a variable product", "this is a simple product", "this is a grouped product",
	"this is an external product", "this is a simple, virtual product", "this is a simple virtual product",
	"this is a downloadable product", "this is a virtual product",
	"hello world", "welcome to wordpress", "this is your first post", "edit or delete it", "just another wordpress site",
	"sample page", "lorem ipsum", "lorem", "ipsum",
}

// cmsSelfReference are the words with which theme test content points at
// itself.
var cmsSelfReference = []string{
	"this post", "this page", "this block", "this paragraph", "this column", "this content", "this text",
	"this static page", "this sticky post", "this sentence", "this image", "this group",
}

// cmsTerms are the words by which theme test content talks about the site
// software; few other texts use two of them in one line.
var cmsTerms = []string{
	"theme", "themes", "theme's", "post format", "shortcode", "shortcodes", "excerpt", "excerpts",
	"pingback*", "trackback*", "permalink", "sticky", "widget", "widgets", "wordpress", "gutenberg",
	"blockquote", "plugin", "should display", "should be displayed", "should not be displayed", "should not display",
	"should not be visible", "featured image", "static page", "front page", "verify that",
}

// cmsTestPhrases are the words of theme test content, which talks about the
// page and the theme showing it.
var cmsTestPhrases = append(append([]string{
	"should appear", "should not appear", "make sure", "test", "tests", "testing",
	"aligned", "alignment", "markup", "formatting", "block", "blocks",
	"comments", "comment", "published", "displayed", "display", "scheduled", "drafted", "password", "embed", "embeds",
	"gallery", "columns", "column", "paragraph", "paragraphs", "title", "heading", "headings", "layout", "css",
	"html", "browser", "page", "pages", "post", "posts",
}, cmsTerms...), cmsSelfReference...)

var (
	cmsSelfReferenceSet = phraseSet(cmsSelfReference)
	cmsTermSet          = phraseSet(cmsTerms)
)

// phraseSet builds a set of lexicon phrases.
func phraseSet(list []string) map[string]bool {
	m := make(map[string]bool, len(list))
	for _, p := range list {
		m[p] = true
	}
	return m
}

// latinFiller lists the words of lorem ipsum and its generators. Those
// marked true are used by no English text; the others ("et", "in", "magna")
// only count next to them.
var latinFiller = func() map[string]bool {
	m := make(map[string]bool)
	for _, w := range strings.Fields(`lorem ipsum amet consectetur consectetuer adipiscing adipisicing elit
		eiusmod tempor incididunt labore aliqua veniam nostrud exercitation ullamco laboris aliquip commodo
		consequat aute irure reprehenderit voluptate velit cillum fugiat pariatur excepteur occaecat cupidatat
		proident officia deserunt mollit laborum pellentesque habitant morbi tristique senectus netus malesuada
		fames turpis egestas vestibulum tortor feugiat ultricies eget donec aenean placerat eleifend mauris
		nullam nunc sagittis suscipit ultrices phasellus curabitur maecenas praesent quisque aliquam etiam
		fusce cras proin suspendisse facilisi facilisis convallis pharetra tincidunt gravida imperdiet orci
		ullamcorper ligula venenatis auctor porttitor dapibus pretium lectus bibendum mattis nonummy lacinia
		sodales mollis posuere viverra accumsan lacus volutpat rhoncus condimentum rutrum fermentum tellus arcu
		sapien molestie hendrerit dignissim sollicitudin efficitur vulputate luctus interdum euismod elementum
		aliquet blandit congue faucibus fringilla iaculis laoreet lobortis ornare scelerisque varius vehicula
		habitasse platea dictumst inceptos himenaeos conubia litora torquent sociosqu aptent taciti penatibus
		parturient nascetur ridiculus natoque sociis risus augue nibh felis neque metus nisl duis`) {
		m[w] = true
	}
	// Latin words that English or the Romance languages also use ("et",
	// "magna", "dolor", "nulla", "urna") count only next to the others.
	for _, w := range strings.Fields(`et ac in id est non sit ante magna nulla ex ea ad cum dis mus magnis montes
		class integer porta semper dictum cursus purus massa diam sem pede leo nisi tempus dolor dolore esse
		culpa justo libero urna odio eros quam enim erat vitae nec quis dui sed ut eu mi vel`) {
		m[w] = false
	}
	return m
}()

// templateLine is a line classified by the template check.
type templateLine struct {
	line  int
	kind  templateKind
	latin int  // Latin filler words on the line
	weak  bool // a bare label that counts only beside clearer lines
}

// Run measures the document.
func (c shopTemplate) Run(d *Document) []Signal {
	var found []templateLine
	strong := false
	var stack [64]uint16
	buf := stack[:]
	for li := range d.Lines {
		l := &d.Lines[li]
		if l.Blank() {
			continue
		}
		if n := l.WordCount(); n > len(buf) {
			buf = make([]uint16, max(n, 2*len(buf)))
		}
		flags := buf[:l.WordCount()]
		c.lineFlags(d, l, flags)
		t := c.classify(d, li, flags)
		if t.kind == tmplNone {
			continue
		}
		found = append(found, t)
		strong = strong || !t.weak
	}
	var kinds [tmplKinds]int // clear lines of each kind
	latinWords, clearLines := 0, 0
	kept := found[:0]
	for _, t := range found {
		if t.weak && !strong {
			continue
		}
		kept = append(kept, t)
		latinWords += t.latin
		if !t.weak {
			kinds[t.kind]++
			clearLines++
		}
	}
	found = kept
	if len(found) == 0 {
		return blank(c.Signals())
	}

	distinct := 0
	for _, n := range kinds {
		if n > 0 {
			distinct++
		}
	}
	placeholders := kinds[tmplPlaceholder] + kinds[tmplThemeTest]
	fired := latinWords >= latinBlockWords ||
		(clearLines >= 3 && distinct >= 2) ||
		(placeholders >= 1 && clearLines >= 2) ||
		placeholders >= 2
	all := templateEvidence(d, found, func(templateKind) bool { return true })
	shop := Signal{Value: math.Log1p(float64(len(found))), Fired: fired, Evidence: all}
	shop.Message = fmt.Sprintf("%d template line(s) of %d kind(s), e.g. %s", len(found), distinct, all[0])
	var lorem, prices, placeholder Signal

	if latinWords > 0 && len(d.Words) > 0 {
		ev := templateEvidence(d, found, func(k templateKind) bool { return k == tmplLatin })
		share := float64(latinWords) / float64(len(d.Words))
		lorem = Signal{Value: unitShare(share), Fired: latinWords >= latinBlockWords, Evidence: ev,
			Message: fmt.Sprintf("%d lorem ipsum words (%.0f%% of the text)", latinWords, 100*share)}
	}
	if n := kinds[tmplPrice]; n > 0 {
		ev := templateEvidence(d, found, func(k templateKind) bool { return k == tmplPrice })
		prices = Signal{Value: math.Log1p(float64(n)), Fired: n >= 2 && fired, Evidence: ev,
			Message: fmt.Sprintf("%d line(s) of bare prices, e.g. %s", n, ev[0])}
	}
	if placeholders > 0 {
		ev := templateEvidence(d, found, func(k templateKind) bool { return k == tmplPlaceholder || k == tmplThemeTest })
		placeholder = Signal{Value: math.Log1p(float64(placeholders)), Fired: placeholders >= 2, Evidence: ev,
			Message: fmt.Sprintf("%d placeholder line(s), e.g. %s", placeholders, ev[0])}
	}
	return []Signal{
		named("shop_template", shop),
		named("lorem_ipsum", lorem),
		named("price_lines", prices),
		named("placeholder_text", placeholder),
	}
}

// templateEvidence quotes the template lines of the wanted kinds, clear
// lines first and bare labels after them, each in order, grouping identical
// lines, at most ten.
func templateEvidence(d *Document, found []templateLine, want func(templateKind) bool) []Evidence {
	var ev []Evidence
	index := make(map[string]int)
	for _, weak := range []bool{false, true} {
		ev = appendTemplateEvidence(ev, index, d, found, func(t templateLine) bool { return t.weak == weak && want(t.kind) })
	}
	return ev
}

// appendTemplateEvidence adds the wanted lines to ev, counting repeats.
func appendTemplateEvidence(ev []Evidence, index map[string]int, d *Document, found []templateLine, want func(templateLine) bool) []Evidence {
	for _, t := range found {
		if !want(t) {
			continue
		}
		text := d.Lines[t.line].Text
		if k, ok := index[text]; ok {
			ev[k].Count++
			continue
		}
		if len(ev) == 10 {
			continue
		}
		index[text] = len(ev)
		ev = append(ev, Evidence{Text: text, Count: 1, Line: d.Lines[t.line].Number})
	}
	return ev
}

// classify decides the template kind of line li, whose words have the
// given flags.
func (c shopTemplate) classify(d *Document, li int, flags []uint16) templateLine {
	l := &d.Lines[li]
	t := templateLine{line: li}
	n := l.WordCount()
	words := d.Words[l.FirstWord:l.EndWord]

	// Latin filler, whatever the line's length.
	latin, distinctive, terms := 0, 0, 0
	var all uint16
	self := false
	for k, f := range flags {
		all |= f
		if f&twLatin != 0 {
			latin++
			if f&twLatinStrong != 0 {
				distinctive++
			}
		}
		if f&twTermStart != 0 {
			terms++
		}
		if f&twSelfWhole != 0 || (f&twSelfStart != 0 && k+1 < len(flags) && flags[k+1]&twSelfSecond != 0) {
			self = true
		}
	}
	if n > 0 && distinctive >= latinMinDistinct && float64(latin) >= latinMinShare*float64(n) {
		t.kind, t.latin = tmplLatin, latin
		return t
	}
	if hasShortcode(l.Text) {
		t.kind = tmplThemeTest
		return t
	}
	// A lexicon can only match a line that holds the first word of one of
	// its phrases.
	if n <= tmplShortWords && (isNumberedPlaceholder(words) ||
		(all&twPlaceholderStart != 0 && coversLine(c.placeholder.FindIn(d.Words, l.FirstWord, l.EndWord), n, 0.5))) {
		t.kind = tmplPlaceholder
		return t
	}
	// Theme test content needs a self-reference or two site-software terms,
	// on a line no longer than a theme's sample paragraph: a whole article
	// on one line holds such words somewhere.
	if n <= tmplMaxThemeWords && (self || terms >= 2) && isThemeTest(c.cms.FindIn(d.Words, l.FirstWord, l.EndWord)) {
		t.kind = tmplThemeTest
		return t
	}
	if n > tmplMaxWidgetWords {
		return t
	}
	switch {
	case isRating(l.Text, words):
		t.kind = tmplRating
	case isPriceLine(d, l, flags):
		t.kind = tmplPrice
	case endsWithFullStop(l.Text):
		// Widgets and labels do not end with a full stop.
	case isPageLabelLine(l.Text):
		// "Tags: …" and "Topics: …" end news pages and blog posts as
		// often as product pages: they count only beside a clearer line.
		t.kind, t.weak = tmplShop, true
	case isLabelLine(l.Text) || (all&twShopStart != 0 && coversLine(c.ui.FindIn(d.Words, l.FirstWord, l.EndWord), n, 0.6)):
		t.kind = tmplShop
	case isBareLabel(flags):
		t.kind, t.weak = tmplShop, true
	}
	return t
}

// isBareLabel reports whether a line is one or two shop labels ("Reviews",
// "Price", "Size Color"), given the flags of its words.
func isBareLabel(flags []uint16) bool {
	if len(flags) == 0 || len(flags) > 2 {
		return false
	}
	for _, f := range flags {
		if f&twShopLabel == 0 {
			return false
		}
	}
	return true
}

// endsWithFullStop reports whether s ends with a full stop, allowing
// closing quotes and brackets after it.
func endsWithFullStop(s string) bool {
	return strings.HasSuffix(strings.TrimRight(s, "\"'”’)"), ".")
}

// coversLine reports whether the matches cover at least share of the n words
// of a line.
func coversLine(ms []Match, n int, share float64) bool {
	if n == 0 || len(ms) == 0 {
		return false
	}
	covered := 0
	for _, m := range ms {
		covered += m.Len
	}
	return float64(covered) >= share*float64(n)
}

// isNumberedPlaceholder reports whether a line reads "Product 1 Title",
// "Item 3 Name" and the like.
func isNumberedPlaceholder(words []Word) bool {
	if len(words) < 3 || len(words) > 4 {
		return false
	}
	switch words[0].Norm {
	case "product", "item", "heading", "title", "feature", "service":
	default:
		return false
	}
	for _, r := range words[1].Norm {
		if !unicode.IsDigit(r) {
			return false
		}
	}
	switch words[2].Norm {
	case "title", "name", "description", "heading", "text", "subtitle":
		return true
	}
	return false
}

// isThemeTest reports whether a line talks about the page and the theme
// showing it: a self-reference ("this post") with a site-software term or
// two other theme-test terms, or two different site-software terms
// ("theme", "widget") and a third term.
func isThemeTest(ms []Match) bool {
	self := false
	distinct, software := 0, 0
	for k, m := range ms {
		seen := false
		for _, p := range ms[:k] {
			if p.Phrase == m.Phrase {
				seen = true
				break
			}
		}
		if seen {
			continue
		}
		distinct++
		if cmsSelfReferenceSet[m.Phrase] {
			self = true
		}
		if cmsTermSet[m.Phrase] {
			software++
		}
	}
	return (self && (software >= 1 || distinct >= 3)) || (software >= 2 && distinct >= 3)
}

// hasShortcode reports whether a line holds a CMS shortcode such as
// "[gallery columns="3"]" or "[/caption]" that was never rendered.
func hasShortcode(s string) bool {
	if strings.IndexByte(s, '[') < 0 {
		return false
	}
	lastClose := strings.LastIndexByte(s, ']')
	for i := strings.IndexByte(s, '['); i >= 0 && i < lastClose; {
		rest := s[i+1:]
		closing := strings.HasPrefix(rest, "/")
		rest = strings.TrimPrefix(rest, "/")
		j := 0
		for j < len(rest) && (rest[j] >= 'a' && rest[j] <= 'z' || rest[j] == '_' || rest[j] == '-') {
			j++
		}
		if j >= 3 && j < len(rest) {
			switch {
			case closing && rest[j] == ']':
				return true
			case rest[j] == ' ' && strings.Contains(rest[j:min(len(rest), j+80)], "="):
				return true // attributes, and a closing bracket further on
			case rest[j] == ']' && shortcodeNames[rest[:j]]:
				return true
			}
		}
		k := strings.IndexByte(s[i+1:], '[')
		if k < 0 {
			break
		}
		i += k + 1
	}
	return false
}

var shortcodeNames = wordSetOf(`gallery caption audio video embed playlist button contact-form products product
	add_to_cart recent_products featured_products product_page shop_messages woocommerce_cart woocommerce_checkout`)

// isLabelLine reports whether a line is a shop label with a value:
// "Categories: Clothing > Tshirts", "SKU: 1234", "Tags: sale, summer".
func isLabelLine(s string) bool {
	i := strings.IndexByte(s, ':')
	if i <= 0 || i > 20 {
		return false
	}
	switch label := strings.ToLower(strings.TrimSpace(s[:i])); label {
	case "categories", "category":
		// A shop files a product under a path ("Clothing > Tshirts"); a
		// news page or a blog post under a topic ("Categories: Russia").
		return strings.ContainsAny(s[i:], ">›»/")
	case "sku", "product code", "item code", "brand", "availability",
		"size", "color", "colour", "material", "weight", "dimensions", "quantity", "qty", "price", "sale price",
		"regular price", "original price was", "current price is":
		return true
	}
	return false
}

// isPageLabelLine reports whether a line files the page under tags, topics
// or categories: "Tags: sale, summer", "Topics: Politics", "Categories:
// Russia".
func isPageLabelLine(s string) bool {
	i := strings.IndexByte(s, ':')
	if i <= 0 || i > 20 {
		return false
	}
	switch strings.ToLower(strings.TrimSpace(s[:i])) {
	case "tags", "tag", "topics", "filed under":
		return true
	case "categories", "category":
		return !isLabelLine(s)
	}
	return false
}

// isRating reports whether a short line is a star rating: "★★★★☆",
// "Rated 4.00 out of 5", "4.5 out of 5 stars", "4.5/5".
func isRating(text string, words []Word) bool {
	stars := 0
	// Every star is written with a lead byte of 0xE2.
	if strings.IndexByte(text, 0xE2) >= 0 {
		for _, r := range text {
			switch r {
			case '★', '☆', '✩', '✪', '⭐', '✭', '✮':
				stars++
			}
		}
	}
	if stars >= 3 {
		return true
	}
	for i, w := range words {
		if w.Norm == "out" && i+2 < len(words) && words[i+1].Norm == "of" && (words[i+2].Norm == "5" || words[i+2].Norm == "10") && i > 0 && isDecimal(words[i-1].Norm) {
			return true
		}
	}
	if t := strings.TrimSpace(text); strings.HasSuffix(t, "/5") && len(t) <= 6 {
		return isDecimal(strings.TrimSuffix(t, "/5"))
	}
	return false
}

// isDecimal reports whether s is a number written with digits, dots and
// commas.
func isDecimal(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if !unicode.IsDigit(r) && r != '.' && r != ',' {
			return false
		}
	}
	return true
}

// priceFiller are the words a price line may hold besides prices.
var priceFiller = wordSetOf(`sale original current regular price prices was is now from only each per unit incl
	excl vat tax usd eur gbp inr rs aud cad save you special offer to and or`)

// currencySigns are the currency symbols of prices.
const currencySigns = "$£€¥₹₦₱₩₽"

// isPriceLine reports whether a line holds nothing but prices and the words
// around them: "$20.00", "£45 £40", "Original price was: $20.00.", "Rs. 499".
// An amount with a magnitude ("$1.13bn", "$20 million") is not a shop price.
func isPriceLine(d *Document, l *Line, flags []uint16) bool {
	words := d.Words[l.FirstWord:l.EndWord]
	end := l.Start + len(l.Text)
	prices := 0
	for i, w := range words {
		if !isDecimal(w.Norm) {
			if flags[i]&twPriceFiller == 0 {
				return false
			}
			continue
		}
		// A number is a price when a currency sign or code sits right
		// before or after it.
		r, _ := utf8.DecodeLastRuneInString(strings.TrimRight(d.Text[l.Start:w.Start], " "))
		sign := strings.ContainsRune(currencySigns, r)
		if !sign {
			r, _ = utf8.DecodeRuneInString(strings.TrimLeft(d.Text[w.Start+len(w.Text):end], " "))
			sign = strings.ContainsRune(currencySigns, r)
		}
		if !sign && i > 0 && flags[i-1]&twCurrency != 0 {
			sign = true
		}
		if !sign && i+1 < len(words) && flags[i+1]&twCurrency != 0 {
			sign = true
		}
		if !sign {
			return false
		}
		prices++
	}
	return prices > 0
}
