package training

// Pools are the raw material augmentation draws from to make synthetic
// spam: shapes of ad lines, shop-template lines, content-farm debris, and
// benign page debris for clean examples. Lines are templates: {brand},
// {domain}, {phone}, {money}, {email}, {product}, {service}, {name},
// {section}, {n} and {title} are filled in at random, so that the model sees
// many different strings of each shape and learns the shape.
type Pools struct {
	// Ads are templates of injected promotional lines.
	Ads []string
	// Services and Products fill {service} and {product}.
	Services []string
	Products []string
	// Syllables build invented brand names and domains.
	Syllables []string
	// TLDs end invented domains.
	TLDs []string
	// ShopLines are template lines of shop pages: calls to action,
	// quantities, SKUs, ratings, stock notes.
	ShopLines []string
	// Latin are the words of lorem-ipsum style filler.
	Latin []string
	// FarmBlocks are blocks of content-farm page debris: comment forms,
	// share widgets, donation appeals, author bios, related lists.
	FarmBlocks [][]string
	// Benign are lines of ordinary page debris found around real
	// journalism (captions, share counts, "Related:" links); extended at
	// training time with the boilerplate lines of the corpus's pages.
	Benign []string
	// Names fill {name}; Sections fill {section}.
	Names    []string
	Sections []string
	// Places are invented place and company names for the page furniture
	// of clean articles: datelines, credits, market indices.
	Places []string
}

// DefaultPools returns the pools written for the project.
func DefaultPools() Pools {
	return Pools{
		Ads: []string{
			"{brand}{tld}",
			"{brand} {brand}{tld}",
			"Earn {money} per day from home – visit {domain}",
			"Call {phone} now for {service}",
			"WhatsApp {phone} for {service}",
			"Get {n}% off {product} at {domain}",
			"Click here to order {product} today",
			"Best {service} deals: {domain}",
			"{brand} {service} – {phone}",
			"Download the {brand} app and win {money}",
			"Sponsored: {product} from only {money}",
			"Limited offer! {product} just {money} at {domain}",
			"Contact us: {email}",
			"Make money online with {brand} – join free",
			"{brand} casino: {money} welcome bonus",
			"Visit {domain} for the latest {service} offers",
			"Need {service}? Call {phone}",
			"Shop {product} now at https://{domain}",
			"Join {brand} today and start earning",
			"For {service} contact {email} or {phone}",
			"Cheap {product} – free delivery – {domain}",
			"{brand} fast earning{tld}",
			"Apply now for instant {service} at {domain}",
			"Promo code {brand}{n} gives {n}% off",
			"Try {product} risk free: www.{domain}",
			"Top rated {service} in your city – {phone}",
			"Buy {product} online: {domain}",
			"Earn upto {money} weekly, no experience needed",
			"{brand} trading signals – {n}% profit daily",
			"Subscribe to {brand} premium for {money} a month",
		},
		Services: []string{
			"instant loans", "gold loans", "car insurance", "forex signals", "crypto trading",
			"SEO services", "essay writing", "web design", "cheap flights", "home cleaning",
			"visa consultancy", "online tutoring", "debt relief", "packers and movers", "VPN access",
			"dating", "astrology readings", "sports betting tips", "personal loans", "bitcoin mining",
			"weight loss coaching", "tax filing", "plumbing repairs", "hair transplant", "IELTS coaching",
		},
		Products: []string{
			"CBD oil", "keto pills", "smart watches", "wireless earbuds", "LED grow lights",
			"designer handbags", "replica watches", "protein powder", "phone cases", "gaming laptops",
			"skin whitening cream", "herbal tea", "running shoes", "solar panels", "air fryers",
			"hair oil", "fitness trackers", "kitchen knives", "perfume sets", "baby strollers",
		},
		Syllables: []string{
			"ka", "ro", "mi", "zen", "vo", "tra", "lex", "qua", "nu", "bi", "fast", "earn", "cash",
			"win", "pro", "max", "deal", "shop", "star", "india", "mega", "quick", "smart", "lucky",
			"rich", "money", "bet", "loan", "crypto", "point", "hub", "zone", "king", "best", "top",
		},
		TLDs: []string{
			".com", ".net", ".in", ".org", ".biz", ".info", ".co", ".online", ".xyz", ".shop",
			".site", ".club", ".top", ".co.uk", ".store", ".pk", ".ng", ".live",
		},
		ShopLines: []string{
			"Buy Now", "Add to cart", "Add to basket", "Shop Now", "Order Now", "Select options",
			"Add to wishlist", "Checkout", "Quantity", "Qty: 1", "SKU: {brand}-{n}", "In stock",
			"Out of stock", "Sale!", "Rated {n}.00 out of 5", "★★★★☆ ({n} reviews)",
			"Free shipping on orders over {money}", "Categories: {product}", "Tags: {product}, sale",
			"Product {n} Title", "Product Title", "Sample text.", "This is a simple product.",
			"This is a variable product.", "Original price was: {money}.", "Current price is: {money}.",
			"{money}", "{money}", "{money}", "Size guide", "Compare", "Quick view", "View cart",
		},
		Latin: []string{
			"lorem", "ipsum", "dolor", "sit", "amet", "consectetur", "adipiscing", "elit", "sed",
			"do", "eiusmod", "tempor", "incididunt", "ut", "labore", "et", "dolore", "magna",
			"aliqua", "enim", "ad", "minim", "veniam", "quis", "nostrud", "exercitation", "ullamco",
			"laboris", "nisi", "aliquip", "ex", "ea", "commodo", "consequat", "duis", "aute",
			"irure", "in", "reprehenderit", "voluptate", "velit", "esse", "cillum", "fugiat",
			"nulla", "pariatur", "excepteur", "sint", "occaecat", "cupidatat", "non", "proident",
			"sunt", "culpa", "qui", "officia", "deserunt", "mollit", "anim", "id", "est", "laborum",
			"pellentesque", "habitant", "morbi", "tristique", "senectus", "netus", "malesuada",
			"fames", "turpis", "egestas", "vestibulum", "tortor", "quam", "feugiat", "vitae",
			"ultricies", "eget", "ante", "donec", "eu", "libero", "mauris", "placerat", "eleifend",
			"leo", "nullam", "nunc", "justo", "sagittis", "suscipit", "aenean", "curabitur", "vel",
		},
		FarmBlocks: [][]string{
			{"Leave a Reply", "Your email address will not be published. Required fields are marked *", "Comment *", "Name *", "Email *", "Website", "Post Comment"},
			{"No responses yet", "Leave a Reply", "Cancel reply", "Latest Comments", "No comments to show."},
			{"Leave a comment", "Save my name, email, and website in this browser for the next time I comment.", "Post Comment"},
			{"Share.", "Facebook", "Twitter", "WhatsApp", "Exit mobile version"},
			{"Share this:", "Click to share on X (Opens in new window)", "Click to share on Facebook (Opens in new window)", "Like this:", "Like Loading..."},
			{"Share", "Tweet", "Pin", "Email", "0 Comments"},
			{"This is not a Paywall, but our journalism takes a lot of time and money.", "Please support us with as little as {money}.", "Donate Button with Credit Cards"},
			{"Support independent media – donate today.", "Every contribution, however small, keeps us going.", "Donate Now"},
			{"About {name}", "{name} is a writer, editor and blogger who loves exploring new ideas and trends."},
			{"Posted by {name}", "{name} has been writing about news, tech and lifestyle for years."},
			{"Check Also", "{title}", "{title}"},
			{"Related Posts", "{title}", "{title}", "{title}"},
			{"You May Also Like", "{title}", "{title}"},
			{"Home » {section} » {title}"},
			{"Home > {section} > {title}"},
			{"Subscribe to our newsletter", "Enter your email address", "Subscribe"},
			{"We use cookies to ensure that we give you the best experience on our website.", "Accept", "Read More"},
			{"Source:Read More"},
			{"Tags", "{section}", "{section} news", "latest news"},
		},
		Benign: []string{
			"Advertisement",
			"(Photo: {name}/{brand} Images)",
			"Related: {title}",
			"{n} shares",
			"Image caption {title}",
			"Read more: {title}",
			"Published {n} hours ago",
			"Follow us on social media",
		},
		Names: []string{
			"J. Lukas", "Priya Raman", "Tom Becker", "Ana Souza", "Kwame Mensah", "Li Wei",
			"Sara Olsen", "Omar Haddad", "Grace Kim", "Ivan Petrov", "Maria Rossi", "David Okafor",
		},
		Places: []string{
			"Ashford", "Belmont", "Corley", "Dunwick", "Halton", "Marston", "Radburn",
			"Selby Vale", "Thornbury", "Wexmoor", "Kilbride", "Oakhurst", "Penrith Bay", "Lindale",
		},
		Sections: []string{
			"News", "World News", "Business", "Politics", "Sports", "Entertainment", "Tech",
			"Health", "Lifestyle", "Local", "Opinion", "Trending",
		},
	}
}

// Split deals every pool out into two halves (alternate entries), so a test
// can train on one half and check that patterns from the other half, never
// seen in training, are still caught.
func (p Pools) Split() (a, b Pools) {
	halves := func(s []string) ([]string, []string) {
		var x, y []string
		for i, v := range s {
			if i%2 == 0 {
				x = append(x, v)
			} else {
				y = append(y, v)
			}
		}
		return x, y
	}
	a.Ads, b.Ads = halves(p.Ads)
	a.Services, b.Services = halves(p.Services)
	a.Products, b.Products = halves(p.Products)
	a.Syllables, b.Syllables = halves(p.Syllables)
	a.TLDs, b.TLDs = halves(p.TLDs)
	a.ShopLines, b.ShopLines = halves(p.ShopLines)
	a.Latin, b.Latin = halves(p.Latin)
	a.Benign, b.Benign = halves(p.Benign)
	a.Names, b.Names = halves(p.Names)
	a.Sections, b.Sections = halves(p.Sections)
	a.Places, b.Places = halves(p.Places)
	for i, blk := range p.FarmBlocks {
		if i%2 == 0 {
			a.FarmBlocks = append(a.FarmBlocks, blk)
		} else {
			b.FarmBlocks = append(b.FarmBlocks, blk)
		}
	}
	return a, b
}
