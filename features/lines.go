// The shared floor: the line classifier, which says which lines of a page
// are debris (menus, share widgets, comment forms, bylines, breadcrumbs,
// donation appeals) rather than the article, and of which kind. The
// boilerplate signals (boilerplate.go) count what it finds; other checks ask
// it about a document's lines too.

package features

import (
	"fmt"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// BoilerplateKind says why a line was judged page debris.
type BoilerplateKind uint8

// The kinds of page debris, from the most telling of a spam site to the
// most ordinary.
const (
	// NotBoilerplate marks an article line (or a blank line).
	NotBoilerplate BoilerplateKind = iota
	// CommentForm: "Leave a Reply", "Required fields are marked *",
	// "View Comments".
	CommentForm
	// DonationAppeal: "This is not a Paywall", "Donate", "support us".
	DonationAppeal
	// ThemeDebris: leftovers of a blog theme, such as "Exit mobile version"
	// or "Proudly powered by WordPress".
	ThemeDebris
	// RepeatedTitle: the title, or the first line, repeated as a line.
	RepeatedTitle
	// Breadcrumb: "Home » News » World »".
	Breadcrumb
	// AuthorBio: "About the author", "Posted by", a writer's bio.
	AuthorBio
	// RelatedLinks: "Check Also", "Read more", "You may also like".
	RelatedLinks
	// ShareWidget: "Share this:", "Tweet", "Click to share on Facebook".
	ShareWidget
	// CookieNotice: cookie and consent prompts.
	CookieNotice
	// NewsletterPrompt: newsletter, subscription, app and follow prompts.
	NewsletterPrompt
	// AdMarker: "Advertisement", "Sponsored".
	AdMarker
	// SiteChrome: login, menu, footer and legal lines ("All rights
	// reserved", "Privacy Policy").
	SiteChrome
	// PageMetadata: datelines, timestamps, bylines and photo credits on
	// their own line.
	PageMetadata
	// RepeatedLine: a short, unpunctuated line that occurs more than once.
	RepeatedLine
	// MenuBlock: one of a run of short, unpunctuated lines, as menus and
	// link lists are, or a line of symbols or counts.
	MenuBlock
)

var boilerplateKindNames = [...]string{
	NotBoilerplate:   "article",
	CommentForm:      "comment form",
	DonationAppeal:   "donation appeal",
	ThemeDebris:      "theme leftovers",
	RepeatedTitle:    "repeated title",
	Breadcrumb:       "breadcrumb",
	AuthorBio:        "author bio",
	RelatedLinks:     "related links",
	ShareWidget:      "share widget",
	CookieNotice:     "cookie notice",
	NewsletterPrompt: "newsletter prompt",
	AdMarker:         "advertisement marker",
	SiteChrome:       "site navigation",
	PageMetadata:     "page metadata",
	RepeatedLine:     "repeated line",
	MenuBlock:        "menu block",
}

// String names the kind for a person, e.g. "comment form".
func (k BoilerplateKind) String() string {
	if int(k) < len(boilerplateKindNames) {
		return boilerplateKindNames[k]
	}
	return fmt.Sprintf("BoilerplateKind(%d)", k)
}

// The lexicon gives each phrase a kind and a weight. A sure phrase is page
// debris in a line of any length. A cue is debris when it makes up most of a
// short line or when it meets another cue. A lead counts only at the start
// of a short line, as a label ("Posted by:", "Source:"). A menu word is
// debris only in a short line made of nothing but menu words, cues and
// leads, or as a hint in a line sandwiched between debris of its kind.
type debrisWeight uint8

const (
	menuWord debrisWeight = iota
	lead
	cue
	sure
	// spam is a sure phrase that marks a cheap blog or content farm rather
	// than any news page: a comment form, a donation button, theme leftovers.
	spam
)

type debrisEntry struct {
	kind   BoilerplateKind
	weight debrisWeight
}

type debrisGroup struct {
	kind  BoilerplateKind
	spam  []string
	sure  []string
	cues  []string
	leads []string
	menu  []string
}

// debrisGroups is the boilerplate lexicon: generic page furniture of news
// sites, blogs and content farms, in the words site templates use. Words
// that news prose uses often ("share", "comments", "related", "credit
// card") are menu words, never cues or sure phrases, so that a sentence
// about them is not taken for debris.
var debrisGroups = []debrisGroup{
	{
		kind: CommentForm,
		spam: []string{
			"leave a reply", "leave a comment", "leave your comment", "leave your comments",
			"leave a response", "post a comment", "post your comment", "add a comment",
			"add your comment", "write a comment", "submit a comment", "submit comment",
			"cancel reply", "your email address will not be published",
			"your email will not be published", "email address will not be published",
			"required fields are marked", "required fields marked", "no responses yet",
			"no comments to show", "be the first to leave a comment",
			"save my name email and website", "notify me of follow-up comments",
			"notify me of new posts", "notify me of new comments",
			"you must be logged in to post a comment", "logged in to post a comment",
			"click here to cancel reply", "this site uses akismet",
		},
		sure: []string{
			"post comment", "no comments yet", "be the first to comment", "comments are closed",
			"comment policy", "view comments", "show comments", "load comments",
			"hide comments", "view all comments", "see all comments", "read comments",
			"latest comments", "recent comments", "top comments", "log in to comment",
			"sign in to comment", "login to comment", "comments powered by",
			"reply to this comment",
		},
		cues: []string{"no comments", "join the discussion", "join the conversation"},
		menu: []string{
			"comments", "comment", "replies", "reply", "respond", "responses", "discussion",
			"thoughts on",
		},
	},
	{
		kind: DonationAppeal,
		spam: []string{
			"this is not a paywall", "not a paywall", "donate button", "become a patron",
			"buy me a coffee", "support us on patreon", "donate with paypal",
			"donate via paypal", "donate using paypal",
		},
		sure: []string{
			"support our journalism", "support independent journalism",
			"support quality journalism", "support our mission", "support our reporting",
			"support independent media", "support us today", "donate now", "donate today",
		},
		cues: []string{
			"donate", "paypal", "patreon", "support us", "tip jar", "support our work",
			"please support us", "you can support us", "support us with", "make a donation",
			"make a contribution", "one-time donation", "monthly donation", "every contribution",
			"for as little as", "tax-deductible donation", "become a supporter",
		},
		menu: []string{
			"donation", "donations", "contribute", "contribution", "contributions",
			"credit card", "credit cards", "become a member", "membership", "paywall",
			"supporter", "supporters", "support",
		},
	},
	{
		kind: ThemeDebris,
		spam: []string{
			"exit mobile version", "proudly powered by wordpress", "powered by wordpress",
			"powered by blogger", "just another wordpress site", "blogger template",
			"theme developed by", "wordpress theme by",
		},
		sure: []string{
			"view mobile version", "switch to mobile version", "view desktop version",
			"view full site", "switch to desktop",
		},
		cues: []string{"uncategorized", "uncategorised", "mobile version", "wordpress theme", "theme by", "hello world"},
		menu: []string{"powered by", "designed by", "developed by"},
	},
	{
		kind: AuthorBio,
		sure: []string{
			"about the author", "view all posts by", "view all posts", "more posts by",
			"all posts by", "author profile", "author bio", "follow the author",
			"see author profile", "more articles by", "more by this author", "recent posts by",
			"more from this author", "articles by this author", "see all articles by",
			"he's a writer", "she's a writer",
		},
		cues: []string{
			"is a writer", "is a freelance", "is a staff writer", "is a blogger",
			"is a contributor", "is a contributing", "is a senior writer", "staff writer",
			"web developer",
		},
		leads: []string{
			"posted by", "written by", "author", "authors", "words by", "story by",
			"reporting by", "edited by", "editing by",
		},
		menu: []string{"blogger", "contributor", "contributors", "columnist", "correspondent", "editor"},
	},
	{
		kind: RelatedLinks,
		sure: []string{
			"you may also like", "you might also like", "you may also be interested",
			"you might also be interested", "you may be interested in",
			"also read", "read also", "related articles", "related posts", "related stories",
			"related news", "related content", "related topics", "related coverage",
			"related links", "related reading", "related videos", "related tags",
			"more stories", "more on this story", "recommended for you", "recommended stories",
			"recommended articles", "recommended reading", "most viewed", "most shared",
			"trending now", "trending stories", "popular posts", "recent posts",
			"latest posts", "what to read next", "read next", "editor's picks",
			"editors' picks", "check also", "around the web", "from the web", "more to explore",
			"read the full story", "read full article",
			"read the full article", "click here to read", "read full story", "more headlines",
			"latest stories", "latest articles", "more videos", "watch next",
		},
		cues: []string{
			"read more", "more news", "top stories", "most read", "most popular", "see also",
			"latest news", "up next", "don't miss", "see more", "view more", "load more",
			"show more", "more from", "you may like", "you might like", "previous article",
			"next article", "previous post", "next post", "previous story", "next story",
			"continue reading", "keep reading",
		},
		leads: []string{"more", "also", "read", "related", "see", "watch", "listen", "next", "previous", "recommended"},
		menu:  []string{"trending", "popular", "latest", "stories", "headlines"},
	},
	{
		kind: ShareWidget,
		sure: []string{
			"click to share on", "click to email", "click to print", "share this article",
			"share this story", "share this post", "share this page",
			"share on facebook", "share on twitter", "share on linkedin", "share on whatsapp",
			"share on pinterest", "share on reddit", "share on email", "share via email",
			"share with friends", "tweet this", "pin it", "email this",
			"print this", "opens in new window", "opens in a new window", "copy link",
			"copy the link", "link copied", "like loading", "share article", "share story",
			"share options", "follow on twitter",
		},
		cues: []string{"share this", "share via", "share the story", "share this with"},
		menu: []string{
			"share", "shares", "tweet", "tweets", "pin", "email", "facebook", "twitter", "x",
			"linkedin", "whatsapp", "pinterest", "reddit", "telegram", "instagram", "youtube",
			"tiktok", "snapchat", "tumblr", "flipboard", "messenger", "e-mail", "mail",
			"print", "pocket", "mix", "vk", "weibo", "wechat", "sms", "copy", "link", "save",
			"like", "likes", "shared", "digg", "stumbleupon", "google", "skype", "viber",
			"threads", "bluesky", "mastodon",
		},
	},
	{
		kind: CookieNotice,
		sure: []string{
			"we use cookies", "this website uses cookies", "this site uses cookies",
			"uses cookies to", "use of cookies", "cookie policy", "cookies policy",
			"cookie settings", "cookies settings", "cookie preferences", "manage cookies",
			"accept cookies", "accept all cookies", "manage preferences",
			"privacy preferences", "consent preferences", "manage consent",
			"by continuing to use this site", "by continuing to use this website",
			"by continuing to browse", "by using this site you agree", "by using our site",
			"by using this website", "you agree to our", "we and our partners",
			"personalised ads", "personalized ads", "cookie consent", "cookie notice",
		},
		cues: []string{"cookies", "cookie", "accept all", "reject all", "privacy settings"},
		menu: []string{"consent", "accept", "agree", "i agree", "gdpr", "ok", "got it", "dismiss"},
	},
	{
		kind: NewsletterPrompt,
		sure: []string{
			"sign up for our newsletter", "subscribe to our newsletter", "sign up for the newsletter",
			"subscribe to the newsletter", "subscribe to our mailing list", "join our mailing list",
			"get our newsletter", "newsletter sign up", "newsletter signup", "sign up to receive",
			"delivered to your inbox", "straight to your inbox", "enter your email",
			"enter your email address", "subscribe now", "subscribe today", "download our app",
			"download the app", "get the app", "like us on facebook", "follow us on",
			"already a subscriber", "already have an account", "create an account",
			"create a free account", "subscribe to continue", "subscribe to read",
			"subscribers only", "unlock this article", "start your free trial",
			"sign up for free", "get the latest news",
		},
		cues: []string{
			"newsletter", "newsletters", "subscribe", "unsubscribe", "sign up", "signup",
			"email address", "follow us", "connect with us", "stay connected", "free trial",
			"rss feed", "subscribe for",
		},
		menu: []string{
			"subscription", "subscriptions", "subscriber", "subscribers", "inbox", "alerts",
			"notifications", "podcast", "stay informed", "stay up to date",
		},
	},
	{
		kind: AdMarker,
		sure: []string{
			"sponsored content", "sponsored links", "sponsored stories", "paid content",
			"paid post", "partner content", "promoted content", "promoted stories", "ads by",
			"ad choices", "adchoices", "story continues below advertisement",
			"article continues below", "continue reading below", "scroll to continue",
			"report this ad", "advertise here", "content continues below",
		},
		cues: []string{"advertisement", "advertisements", "sponsored", "advertorial"},
		menu: []string{"promoted", "advertising", "ad", "ads"},
	},
	{
		kind: Breadcrumb,
		sure: []string{"you are here", "you are at"},
	},
	{
		kind: SiteChrome,
		sure: []string{
			"all rights reserved", "skip to content", "skip to main content", "skip to navigation",
			"skip to footer", "toggle navigation", "back to top", "do not sell my personal information",
			"do not sell my info", "your privacy choices", "advertise with us", "forgot password",
			"forgot your password", "lost your password", "site map", "main menu",
		},
		cues: []string{
			"privacy policy", "privacy notice", "privacy statement", "terms of use",
			"terms of service", "terms and conditions", "contact us", "about us", "login",
			"logout", "my account", "sitemap", "homepage", "rss", "faq", "masthead", "jump to",
		},
		menu: []string{
			"log in", "sign in", "log out", "sign out", "register", "careers", "copyright",
			"accessibility", "feedback", "help", "search", "menu", "navigation", "home", "loading",
			"close", "advertise", "imprint", "disclaimer", "corrections",
			"open", "prev", "back", "top", "sections", "section",
			"news", "world", "politics", "business", "sport", "sports", "entertainment",
			"health", "science", "technology", "tech", "opinion", "opinions", "video", "videos",
			"pictures", "gallery", "galleries", "podcasts", "lifestyle",
			"life", "travel", "weather", "culture", "arts", "art", "music", "movies", "film",
			"tv", "television", "books", "food", "style", "fashion", "economy", "markets",
			"money", "finance", "education", "environment", "climate", "local", "national",
			"international", "europe", "asia", "africa", "americas", "america", "middle", "east",
			"live", "breaking", "features", "feature", "analysis", "blogs", "blog", "columns",
			"columnists", "obituaries", "reviews", "review", "events", "jobs", "classifieds",
			"estate", "real", "cars", "autos", "auto", "games", "gaming", "puzzles", "crossword",
			"horoscopes", "contact", "about", "account", "profile", "settings", "edition",
			"editions", "digital", "archive", "archives", "privacy", "terms", "legal", "team",
			"tag", "topic", "cities", "regions",
			"region", "english", "español", "français", "deutsch", "u.s", "u.k", "wellness",
			"offbeat", "viral", "apps", "app", "shop", "store", "deals", "magazine", "newsroom",
			"press", "partners", "partner", "info", "index", "media", "multimedia",
			"interactive", "graphics", "investigations", "explainers", "faqs",
		},
	},
	{
		kind: PageMetadata,
		cues: []string{
			"min read", "minute read", "minutes read", "mins read", "reading time",
			"last updated", "first published",
		},
		leads: []string{
			"source", "sources", "via", "photo", "photos", "image", "images", "credit",
			"credits", "tags", "tagged", "filed under", "categories", "category", "topics",
			"published", "updated", "posted", "follow", "caption", "image credit",
			"photo credit", "image source", "picture credit", "photograph",
		},
		menu: []string{
			"january", "february", "march", "april", "may", "june", "july", "august",
			"september", "october", "november", "december", "jan", "feb", "mar", "apr",
			"jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "monday", "tuesday",
			"wednesday", "thursday", "friday", "saturday", "sunday", "today", "yesterday",
			"ago", "hour", "hours", "minute", "minutes", "mins", "min", "day", "days", "week",
			"weeks", "am", "pm", "a.m", "p.m", "gmt", "utc", "est", "edt", "pst", "pdt", "bst",
			"cet", "ist", "et", "pt", "time", "date", "getty", "reuters", "ap",
			"afp", "file", "staff", "agencies",
		},
	},
}

// debrisLexicon and debrisEntries are built once from debrisGroups.
var debrisLexicon, debrisEntries = buildDebrisLexicon()

// buildDebrisLexicon compiles debrisGroups. A phrase listed more than once
// keeps its heaviest weight.
func buildDebrisLexicon() (*Lexicon, map[string]debrisEntry) {
	entries := make(map[string]debrisEntry)
	add := func(phrases []string, kind BoilerplateKind, w debrisWeight) {
		for _, p := range phrases {
			if old, ok := entries[p]; !ok || old.weight < w {
				entries[p] = debrisEntry{kind: kind, weight: w}
			}
		}
	}
	for _, g := range debrisGroups {
		add(g.spam, g.kind, spam)
		add(g.sure, g.kind, sure)
		add(g.cues, g.kind, cue)
		add(g.leads, g.kind, lead)
		add(g.menu, g.kind, menuWord)
	}
	phrases := make([]string, 0, len(entries))
	for p := range entries {
		phrases = append(phrases, p)
	}
	sort.Strings(phrases)
	return NewLexicon(phrases...), entries
}

// Limits on line shape, in words.
const (
	// sureMaxWords is the longest line a sure phrase marks as debris.
	sureMaxWords = 80
	// commentMaxWords is the longest line a comment-form phrase marks as
	// debris on its own: forms are short labels.
	commentMaxWords = 20
	// twoCueMaxWords is the longest line two cues mark as debris.
	twoCueMaxWords = 40
	// cueMaxWords is the longest line a single cue or lead marks as debris.
	cueMaxWords = 10
	// menuLineMaxWords is the longest line made only of menu words.
	menuLineMaxWords = 6
	// sandwichMaxWords is the longest line taken for debris because debris
	// of the same kind surrounds it.
	sandwichMaxWords = 40
	// navMaxWords is the longest line that can belong to a menu block.
	navMaxWords = 15
	// navMaxRunes is the longest line, in characters, that can belong to a
	// menu block (for scripts written without spaces).
	navMaxRunes = 100
	// wrapMinRunes is the shortest line, in characters, of prose
	// hard-wrapped at a fixed column (wire copy wraps at about 65).
	wrapMinRunes = 40
	// headlineMinWords is the fewest words of a line taken for a headline
	// rather than a menu item.
	headlineMinWords = 4
	// proseMinWords is the fewest words of a paragraph of prose.
	proseMinWords = 15
	// zoneMaxWords is the longest line taken for debris because debris
	// surrounds it.
	zoneMaxWords = 50
	// navRun is the number of consecutive menu-shaped lines that make a
	// menu block.
	navRun = 3
	// bylineMaxWords is the longest line taken for a byline ("By Jane Doe
	// and John Roe").
	bylineMaxWords = 7
	// datelineMaxWords is the longest line taken for a dateline.
	datelineMaxWords = 12
	// repeatMaxWords is the longest line counted as a repeated line.
	repeatMaxWords = 15
	// shortLineMaxWords is the longest line that lexiconKind's rules for
	// short lines (a lone cue or lead, menu words, a dateline, a byline)
	// can take.
	shortLineMaxWords = max(cueMaxWords, menuLineMaxWords, datelineMaxWords, bylineMaxWords)
)

// BoilerplateLines reports, for each line of d (d.Lines, including blank
// lines, which are never boilerplate), whether it is page debris rather than
// article text. It is ClassifyBoilerplate reduced to yes or no.
func BoilerplateLines(d *Document) []bool {
	kinds, _ := ClassifyBoilerplate(d)
	out := make([]bool, len(kinds))
	for i, k := range kinds {
		out[i] = k != NotBoilerplate
	}
	return out
}

// ClassifyBoilerplate classifies each line of d (d.Lines) as article text
// (NotBoilerplate) or as a kind of page debris, and reports which debris
// lines are the mark of a cheap blog or content farm rather than of any
// news page (spam): a comment form ("Leave a Reply", "Your email address
// will not be published"), a donation button or a paywall appeal, blog-theme
// leftovers ("Exit mobile version").
//
// It combines the lexicon of page furniture with the shape of the lines:
// separator chains (breadcrumbs), datelines, lines of symbols, the title
// repeated, short unpunctuated lines repeated across the page, lines
// sandwiched between debris of their own kind, and runs of short
// unpunctuated lines (menus, link lists). Lines of prose hard-wrapped at a
// fixed column are judged with their paragraph.
func ClassifyBoilerplate(d *Document) (kinds []BoilerplateKind, spam []bool) {
	kinds = make([]BoilerplateKind, len(d.Lines))
	spam = make([]bool, len(d.Lines))
	if len(d.Lines) == 0 {
		return kinds, spam
	}
	unitWords, unitEnds, wrapped := lineUnits(d)
	hints := make([]kindSet, len(d.Lines))
	for i := range d.Lines {
		ln := &d.Lines[i]
		if ln.Blank() {
			continue
		}
		if wrapped[i] {
			// Part of a hard-wrapped paragraph: only a sure phrase marks it.
			kinds[i], hints[i], spam[i] = lexiconKind(d, ln, unitWords[i], unitEnds[i], true)
			continue
		}
		kinds[i], hints[i], spam[i] = lexiconKind(d, ln, unitWords[i], unitEnds[i], false)
		// A chain led by "Home" is a breadcrumb whatever its words; other
		// chains of links keep the kind their words give them ("Privacy
		// Policy | Terms of Use").
		if crumb, home := breadcrumbKind(d, ln, unitEnds[i]); crumb != NotBoilerplate && (home || kinds[i] == NotBoilerplate) {
			kinds[i], spam[i] = crumb, false
		}
		if kinds[i] == NotBoilerplate {
			kinds[i] = shapeKind(d, ln)
		}
	}
	markRepeats(d, kinds, wrapped)
	markSandwiched(d, kinds, hints, spam)
	markMenuBlocks(d, kinds, unitWords, unitEnds)
	markDebrisZones(d, kinds)
	return kinds, spam
}

// kindSet is a set of BoilerplateKinds.
type kindSet uint32

func (s kindSet) has(k BoilerplateKind) bool { return s&(1<<k) != 0 }

// lineUnits gives each line the word count and terminal punctuation of the
// unit it belongs to: the line itself, or its paragraph when hard-wrapped
// lines were joined (so that wire copy wrapped at 65 columns does not look
// like a column of short lines), and says which lines are such parts.
func lineUnits(d *Document) (words []int, ends, wrapped []bool) {
	n := len(d.Lines)
	words = make([]int, n)
	both := make([]bool, 2*n)
	ends, wrapped = both[:n:n], both[n:]
	for i := range d.Lines {
		ln := &d.Lines[i]
		words[i] = ln.WordCount()
		ends[i] = bpEndsSentence(ln.Text)
	}
	wire := d.isWireCopy()
	for _, p := range d.Paragraphs {
		if p.EndLine-p.FirstLine < 2 || (!wire && !hardWrapped(d, p)) {
			continue
		}
		n := p.EndWord - p.FirstWord
		for i := p.FirstLine; i < p.EndLine; i++ {
			words[i], ends[i], wrapped[i] = n, true, true
		}
	}
	if wire {
		// A wrap after an abbreviation ("the U.S.\neconomy.") splits a
		// paragraph; in wire copy a line that follows a long line without
		// indent still continues it.
		for i := 1; i < len(d.Lines); i++ {
			ln, prev := d.Lines[i], d.Lines[i-1]
			if wrapped[i] || ln.Blank() || ln.Indented || runeCountBelow(prev.Text, wrapMinRunes) {
				continue
			}
			n := max(words[i-1], words[i])
			words[i-1], ends[i-1], wrapped[i-1] = n, true, true
			words[i], ends[i], wrapped[i] = n, true, true
		}
	} else {
		// A long line that stops mid-sentence and goes on in lower case
		// on the next line is wrapped prose, wherever it occurs.
		for i := 0; i+1 < len(d.Lines); i++ {
			if !proseBreak(d, i) {
				continue
			}
			n := max(words[i], words[i+1], d.Lines[i].WordCount()+d.Lines[i+1].WordCount())
			words[i], ends[i], wrapped[i] = n, true, true
			words[i+1], ends[i+1], wrapped[i+1] = n, true, true
		}
	}
	return words, ends, wrapped
}

// wireWrapped reports whether the whole text is hard-wrapped at a fixed
// column, as wire copy is: at least a quarter of its lines are long, stop
// mid-sentence and go on in lower case on the next line. Scraped pages,
// one line per block, almost never do.
func wireWrapped(d *Document) bool {
	breaks, lines := 0, 0
	for i := range d.Lines {
		if d.Lines[i].Blank() {
			continue
		}
		lines++
		if proseBreak(d, i) {
			breaks++
		}
	}
	return breaks >= 2 && 4*breaks >= lines
}

// proseBreak reports whether line i is a long line that stops mid-sentence
// and goes on, without indent, in lower case on line i+1.
func proseBreak(d *Document, i int) bool {
	if i+1 >= len(d.Lines) || d.Lines[i+1].Indented || d.Lines[i+1].Blank() {
		return false
	}
	if r, _ := utf8.DecodeRuneInString(d.Lines[i+1].Text); !unicode.IsLower(r) {
		return false
	}
	text := d.Lines[i].Text
	return !runeCountBelow(text, wrapMinRunes) && runeCountBelow(text, 91) && (!endsSentenceQuick(text) || endsInAbbreviation(text))
}

// endsInAbbreviation reports whether text ends with a dotted abbreviation
// such as "U.S." or "a.m.", whose full stop need not end a sentence.
func endsInAbbreviation(text string) bool {
	k := strings.LastIndexByte(text, ' ')
	last := text[k+1:]
	return len(last) >= 3 && strings.HasSuffix(last, ".") && strings.Contains(last[:len(last)-1], ".")
}

// hardWrapped reports whether a paragraph of several lines is prose wrapped
// at a fixed column: every line but the first and the last is long, and the
// paragraph ends a sentence. A scraped page's lines, one per block, are
// sometimes joined into a paragraph too (a menu item in lower case, a long
// headline followed by another); they are judged line by line.
func hardWrapped(d *Document, p Paragraph) bool {
	if p.EndLine-p.FirstLine < 2 || !bpEndsSentence(p.Text) {
		return false
	}
	// The first line may be short: wire copy loses its dateline.
	for i := p.FirstLine + 1; i < p.EndLine-1; i++ {
		if runeCountBelow(d.Lines[i].Text, wrapMinRunes) {
			return false
		}
	}
	return true
}

// bpEndsSentence is endsSentence that also knows the full stops of Chinese
// and Japanese.
func bpEndsSentence(text string) bool {
	if endsSentenceQuick(text) {
		return true
	}
	if text == "" {
		return false
	}
	if c := text[len(text)-1]; c < utf8.RuneSelf && c != ')' && c != '"' && c != ' ' {
		// Nothing to trim, and no full stop of Chinese or Japanese.
		return false
	}
	r, _ := utf8.DecodeLastRuneInString(strings.TrimRight(text, "」』）)\"” "))
	return r == '。' || r == '！' || r == '？'
}

// lexiconKind scores a line against the boilerplate lexicon. It returns the
// line's kind, if the lexicon decides it, the kinds of every phrase found
// (hints for markSandwiched), and whether the line is content-farm debris.
// A wrapped line is a part of a paragraph of unitWords words.
func lexiconKind(d *Document, ln *Line, unitWords int, unitEnds, wrapped bool) (BoilerplateKind, kindSet, bool) {
	n := ln.WordCount()
	if n == 0 {
		return NotBoilerplate, 0, false
	}
	if wrapped {
		n = unitWords
	}
	if n > sureMaxWords {
		// Too long for any rule of the lexicon.
		return NotBoilerplate, 0, false
	}
	var (
		hints                                          kindSet
		spamKind, sureKind, cueKind, leadKind, anyKind BoilerplateKind
		cues, covered, coveredWords                    int
	)
	for _, m := range debrisLexicon.FindIn(d.Words, ln.FirstWord, ln.EndWord) {
		e := debrisEntries[m.Phrase]
		if e.kind == CommentForm && e.weight >= sure && n > commentMaxWords {
			// "Leave a comment and let us know ..." in a blog's prose.
			e.weight = cue
		}
		hints |= 1 << e.kind
		if n <= shortLineMaxWords {
			covered += bpContentWords(d.Words[m.Word : m.Word+m.Len])
		}
		coveredWords += m.Len
		if anyKind == NotBoilerplate {
			anyKind = e.kind
		}
		switch e.weight {
		case spam:
			if spamKind == NotBoilerplate {
				spamKind = e.kind
			}
		case sure:
			if sureKind == NotBoilerplate {
				sureKind = e.kind
			}
		case cue:
			cues++
			if cueKind == NotBoilerplate {
				cueKind = e.kind
			}
		case lead:
			if m.Word == ln.FirstWord {
				leadKind = e.kind
			}
		}
	}
	if spamKind != NotBoilerplate {
		return spamKind, hints, true
	}
	if sureKind != NotBoilerplate {
		return sureKind, hints, false
	}
	if wrapped {
		return NotBoilerplate, hints, false
	}
	if cues >= 2 && n <= twoCueMaxWords {
		return cueKind, hints, false
	}
	if n > shortLineMaxWords {
		// The rules below are all for short lines.
		return NotBoilerplate, hints, false
	}
	content := bpContentWords(d.Words[ln.FirstWord:ln.EndWord])
	if n <= cueMaxWords {
		// A cue that makes up most of the line ("Advertisement", "Read
		// more", "Sign up", "More from"), or a label ("Related: ...",
		// "Source:Read More").
		if cues == 1 && (2*covered > content || (content == 0 && coveredWords == n)) {
			return cueKind, hints, false
		}
		if leadKind != NotBoilerplate && leadsLabel(d, ln) {
			return leadKind, hints, false
		}
	}
	// A line of nothing but menu words ("Home", "World news", "Share.",
	// "Facebook Twitter Email"). Without a cue, function words other than
	// "and" mark a heading or a phrase ("The gaming world in 2005"), and
	// figures a table row.
	if content > 0 && covered == content && n <= menuLineMaxWords &&
		(cues > 0 || leadKind != NotBoilerplate || plainMenuLine(d, ln)) {
		switch {
		case cueKind != NotBoilerplate:
			return cueKind, hints, false
		case leadKind != NotBoilerplate:
			return leadKind, hints, false
		}
		return anyKind, hints, false
	}
	// A dateline or timestamp with little else ("November 19, 2019 at 8:32
	// am", "Published 11:34 PM EST Nov 19, 2019").
	if n <= datelineMaxWords && !unitEnds && content-covered <= 2 && !strings.Contains(ln.Text, "   ") && hasDateOrTime(d, ln) {
		return PageMetadata, hints, false
	}
	if k := authorLineKind(d, ln, unitEnds); k != NotBoilerplate {
		return k, hints, false
	}
	return NotBoilerplate, hints, false
}

// bpMonthNames are the month names and abbreviations that date a line.
var bpMonthNames = map[string]bool{
	"january": true, "february": true, "march": true, "april": true, "may": true,
	"june": true, "july": true, "august": true, "september": true, "october": true,
	"november": true, "december": true, "jan": true, "feb": true, "mar": true,
	"apr": true, "jun": true, "jul": true, "aug": true, "sep": true, "sept": true,
	"oct": true, "nov": true, "dec": true,
}

// hasDateOrTime reports whether a line holds a clock time ("8:32", "11:00pm"),
// a month name next to a number ("Nov 19", "19 November") or a time ago
// ("32M ago", "2 hours ago").
func hasDateOrTime(d *Document, ln *Line) bool {
	t := ln.Text
	for i := 1; i+2 < len(t); i++ {
		if t[i] == ':' && bpDigit(t[i-1]) && bpDigit(t[i+1]) && bpDigit(t[i+2]) {
			return true
		}
	}
	ws := d.Words[ln.FirstWord:ln.EndWord]
	for k, w := range ws {
		// "32M ago", "2 hours ago".
		if w.Norm == "ago" && k > 0 && (bpDigit(ws[k-1].Norm[0]) || debrisEntries[ws[k-1].Norm].kind == PageMetadata) {
			return true
		}
		if r, _ := utf8.DecodeRuneInString(w.Text); !bpMonthNames[w.Norm] || !unicode.IsUpper(r) {
			continue
		}
		if (k > 0 && bpNumeric(ws[k-1].Norm)) || (k+1 < len(ws) && bpNumeric(ws[k+1].Norm)) {
			return true
		}
	}
	return false
}

func bpDigit(b byte) bool { return '0' <= b && b <= '9' }

// bpTableRow reports whether a line is a row of a table: columns set apart
// by runs of spaces, or mostly figures ("Avg shrs 47.4 mln vs 16.5 mln").
func bpTableRow(d *Document, ln *Line) bool {
	if strings.Contains(ln.Text, "   ") {
		return true
	}
	numbers := 0
	for _, w := range d.Words[ln.FirstWord:ln.EndWord] {
		if bpNumeric(w.Norm) {
			numbers++
		}
	}
	return numbers >= 2
}

// plainMenuLine reports whether a line has no function word but "and" and
// at most one number, as menu items do.
func plainMenuLine(d *Document, ln *Line) bool {
	for _, w := range d.Words[ln.FirstWord:ln.EndWord] {
		if stopWords.has(w.Norm) && w.Norm != "and" {
			return false
		}
	}
	return !bpTableRow(d, ln)
}

// bpContentWords counts the words that are neither stop words nor numbers.
func bpContentWords(ws []Word) int {
	n := 0
	for _, w := range ws {
		if !stopWords.has(w.Norm) && !bpNumeric(w.Norm) {
			n++
		}
	}
	return n
}

// bpNumeric reports whether a folded word has digits and no letters.
func bpNumeric(s string) bool {
	digit := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= utf8.RuneSelf:
			return bpNumericUnicode(s)
		case 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z':
			return false
		case '0' <= c && c <= '9':
			digit = true
		}
	}
	return digit
}

// bpNumericUnicode is bpNumeric for words outside ASCII.
func bpNumericUnicode(s string) bool {
	digit := false
	for _, r := range s {
		if unicode.IsLetter(r) {
			return false
		}
		if unicode.IsDigit(r) {
			digit = true
		}
	}
	return digit
}

// leadsLabel reports whether the line's lead phrase is followed by a label
// mark such as ":" or "»" ("Related: ...", "Source:Read More", "Posted by:
// ...").
func leadsLabel(d *Document, ln *Line) bool {
	end := ln.Start + len(ln.Text)
	w := d.Words[ln.FirstWord]
	after := w.Start + len(w.Text)
	// Step over the second word of a two-word lead ("Posted by").
	if ln.FirstWord+1 < ln.EndWord {
		w2 := d.Words[ln.FirstWord+1]
		if e, ok := debrisEntries[w.Norm+" "+w2.Norm]; ok && e.weight >= lead &&
			strings.TrimSpace(d.Text[after:w2.Start]) == "" {
			after = w2.Start + len(w2.Text)
		}
	}
	rest := strings.TrimLeft(d.Text[after:end], " \t")
	if rest == "" {
		return false
	}
	r, _ := utf8.DecodeRuneInString(rest)
	return r == ':' || bpSeparator(r) || r == '-' || r == '–' || r == '—'
}

// authorLineKind recognises a byline ("By Jane Doe") or the header of an
// author bio ("About Jane Doe"): a short unpunctuated line led by "By" or
// "About" and then only names.
func authorLineKind(d *Document, ln *Line, unitEnds bool) BoilerplateKind {
	n := ln.WordCount()
	if n < 2 || n > bylineMaxWords || unitEnds {
		return NotBoilerplate
	}
	first := d.Words[ln.FirstWord]
	rest := d.Words[ln.FirstWord+1 : ln.EndWord]
	switch first.Norm {
	case "about":
		// "About lukwago J": any names, but no stop word ("About the war").
		if n > 4 {
			return NotBoilerplate
		}
		for _, w := range rest {
			if stopWords.has(w.Norm) || bpNumeric(w.Norm) {
				return NotBoilerplate
			}
		}
		return AuthorBio
	case "by":
		for _, w := range rest {
			r, _ := utf8.DecodeRuneInString(w.Text)
			if !unicode.IsUpper(r) && w.Norm != "and" {
				return NotBoilerplate
			}
		}
		return PageMetadata
	}
	return NotBoilerplate
}

// bpSeparators are the characters that separate menu items or breadcrumb
// steps.
const bpSeparators = "»›>|•·→/\\¦«‹<"

// bpSeparator reports whether r is one of bpSeparators.
func bpSeparator(r rune) bool {
	switch r {
	case '»', '›', '>', '|', '•', '·', '→', '/', '\\', '¦', '«', '‹', '<':
		return true
	}
	return false
}

// breadcrumbKind recognises a breadcrumb or a chain of short links split by
// separators ("Home » News » World »", "News | Sport | Weather"), and says
// whether it is led by "Home".
func breadcrumbKind(d *Document, ln *Line, unitEnds bool) (BoilerplateKind, bool) {
	if unitEnds {
		// Only a chain led by "Home" can end a sentence, and the first
		// step of a chain starts with the line's first word.
		if ln.WordCount() == 0 {
			return NotBoilerplate, false
		}
		if w := d.Words[ln.FirstWord].Norm; w != "home" && w != "homepage" {
			return NotBoilerplate, false
		}
	}
	segs, seps := separatorSegments(d, ln)
	if seps == 0 || len(segs) == 0 {
		return NotBoilerplate, false
	}
	first := d.Words[segs[0][0]:segs[0][1]]
	if len(first) == 1 && (first[0].Norm == "home" || first[0].Norm == "homepage") {
		return Breadcrumb, true
	}
	if seps < 2 || unitEnds {
		return NotBoilerplate, false
	}
	short := 0
	for _, s := range segs {
		if s[1]-s[0] <= 4 {
			short++
		}
	}
	// Every step short, or all short but a final title.
	if short >= 2 && short >= len(segs)-1 {
		return Breadcrumb, false
	}
	return NotBoilerplate, false
}

// shapeKind classifies a line by its shape alone: a copyright line, or a
// short line with no letters (share counts, lone symbols).
func shapeKind(d *Document, ln *Line) BoilerplateKind {
	n := ln.WordCount()
	if strings.ContainsRune(ln.Text, '©') && n <= twoCueMaxWords {
		return SiteChrome
	}
	if n == 0 || (!bpHasLetter(ln.Text) && runeCountBelow(ln.Text, 13)) {
		return MenuBlock
	}
	// An archive or category link with its count: "Business (12)".
	if n <= menuLineMaxWords && endsWithCount(ln.Text) && !strings.Contains(ln.Text, "   ") {
		return MenuBlock
	}
	return NotBoilerplate
}

// endsWithCount reports whether text ends with a number in brackets.
func endsWithCount(text string) bool {
	if !strings.HasSuffix(text, ")") {
		return false
	}
	open := strings.LastIndexByte(text, '(')
	if open < 1 || open+2 > len(text)-1 {
		return false
	}
	for _, r := range text[open+1 : len(text)-1] {
		if !unicode.IsDigit(r) && r != ',' {
			return false
		}
	}
	return true
}

func bpHasLetter(s string) bool {
	for _, r := range s {
		if unicode.IsLetter(r) {
			return true
		}
	}
	return false
}

// separatorSegments splits a line at separators that stand apart from words
// ("News » World", "Home > Business >", "Facebook | Twitter"), returning
// the word ranges of the non-empty segments and the number of separators;
// a line without separators has no segments. A separator inside a token
// ("24/7", "<OMT>") does not count.
func separatorSegments(d *Document, ln *Line) (segs [][2]int, seps int) {
	text := ln.Text
	w := ln.FirstWord
	segStart := w
	for i := 0; i < len(text); i++ {
		if !bpSeparatorStart[text[i]] {
			continue
		}
		r, size := rune(text[i]), 1
		if r >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(text[i:])
			if !bpSeparator(r) {
				continue
			}
		}
		before, after := i == 0, i+size >= len(text)
		if !before {
			p, _ := utf8.DecodeLastRuneInString(text[:i])
			before = unicode.IsSpace(p) || bpSeparator(p)
		}
		if !after {
			a, _ := utf8.DecodeRuneInString(text[i+size:])
			after = unicode.IsSpace(a) || bpSeparator(a)
		}
		if !before || !after {
			continue
		}
		seps++
		off := ln.Start + i
		for w < ln.EndWord && d.Words[w].Start < off {
			w++
		}
		if w > segStart {
			segs = append(segs, [2]int{segStart, w})
		}
		segStart = w
	}
	if seps == 0 {
		return nil, 0
	}
	if ln.EndWord > segStart {
		segs = append(segs, [2]int{segStart, ln.EndWord})
	}
	return segs, seps
}

// bpSeparatorStart marks the bytes that can start a separator: the ASCII
// separators and the lead bytes of the others.
var bpSeparatorStart = func() (t [256]bool) {
	for _, r := range bpSeparators {
		t[string(r)[0]] = true
	}
	return t
}()

// bpLineKey is the folded words from..to joined by spaces: lines that read
// the same have the same key, whatever their punctuation, case or quotes.
func bpLineKey(d *Document, from, to int) string {
	var b strings.Builder
	for k := from; k < to; k++ {
		if k > from {
			b.WriteByte(' ')
		}
		b.WriteString(d.Words[k].Norm)
	}
	return b.String()
}

// titleKeys returns the keys a repeated title may take, as runs of words
// compared by their folded forms: the title, the title without a trailing
// site name ("... - WSJ"), the first line and, when the first line is a
// breadcrumb, its last step. Keys of fewer than three words are left out:
// "Home" repeated is not a repeated title. It appends the keys to keys
// (there are at most four) and also reports whether the first line already
// holds the title inside a breadcrumb.
func titleKeys(d *Document, first int, keys [][]Word) ([][]Word, bool) {
	add := func(words []Word) {
		if len(words) >= 3 {
			keys = append(keys, words)
		}
	}
	if d.Title != "" {
		td := d.titleDocument()
		add(td.Words)
		cut := -1
		for _, sep := range []string{" - ", " | ", " – ", " — ", " :: "} {
			cut = max(cut, strings.LastIndex(td.Text, sep))
		}
		if cut > 0 {
			k := 0
			for k < len(td.Words) && td.Words[k].Start < cut {
				k++
			}
			add(td.Words[:k])
		}
	}
	fl := &d.Lines[first]
	if fl.WordCount() <= 2*repeatMaxWords {
		add(d.Words[fl.FirstWord:fl.EndWord])
	}
	inCrumb := false
	if segs, _ := separatorSegments(d, fl); len(segs) > 1 {
		last := segs[len(segs)-1]
		add(d.Words[last[0]:last[1]])
		// Every key has three words or more, so the last step is a key
		// exactly when it has three words or more itself.
		inCrumb = last[1]-last[0] >= 3
	}
	return keys, inCrumb
}

// bpSameWords reports whether two runs of words read the same once folded.
// Folded words hold no spaces, so this is the same as comparing their
// bpLineKey.
func bpSameWords(a, b []Word) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i].Norm != b[i].Norm {
			return false
		}
	}
	return true
}

// bpWordsHash hashes the folded words of a run (FNV-1a, with a separator
// between words), so that runs that read the same hash the same.
func bpWordsHash(words []Word) uint64 {
	h := uint64(14695981039346656037)
	for _, w := range words {
		for i := 0; i < len(w.Norm); i++ {
			h ^= uint64(w.Norm[i])
			h *= 1099511628211
		}
		h ^= ' '
		h *= 1099511628211
	}
	return h
}

// markRepeats marks lines that repeat the title or the first line, and
// short unpunctuated lines that occur again, after their first occurrence.
func markRepeats(d *Document, kinds []BoilerplateKind, wrapped []bool) {
	first := -1
	for i := range d.Lines {
		if !d.Lines[i].Blank() {
			first = i
			break
		}
	}
	if first < 0 {
		return
	}
	var store [4][]Word
	titles, titleSeen := titleKeys(d, first, store[:0])
	// seen maps the hash of a short line's words to the first line with
	// that hash; lines whose hash another text took go to clash, by key.
	var seen map[uint64]int
	var clash map[string]bool
	for i := first; i < len(d.Lines); i++ {
		ln := &d.Lines[i]
		n := ln.WordCount()
		if n == 0 || n > 2*repeatMaxWords || wrapped[i] {
			continue
		}
		words := d.Words[ln.FirstWord:ln.EndWord]
		isTitle := false
		for _, t := range titles {
			if bpSameWords(words, t) {
				isTitle = true
				break
			}
		}
		if isTitle {
			if titleSeen && i != first && (kinds[i] == NotBoilerplate || kinds[i] > RepeatedTitle) {
				kinds[i] = RepeatedTitle
			}
			titleSeen = true
			continue
		}
		if n > repeatMaxWords || endsSentenceQuick(ln.Text) || strings.Contains(ln.Text, "   ") {
			continue
		}
		if seen == nil {
			seen = make(map[uint64]int)
		}
		h := bpWordsHash(words)
		j, repeated := seen[h]
		if !repeated {
			seen[h] = i
		} else if other := &d.Lines[j]; !bpSameWords(words, d.Words[other.FirstWord:other.EndWord]) {
			if clash == nil {
				clash = make(map[string]bool)
			}
			key := bpLineKey(d, ln.FirstWord, ln.EndWord)
			repeated = clash[key]
			clash[key] = true
		}
		if repeated && kinds[i] == NotBoilerplate {
			kinds[i] = RepeatedLine
		}
	}
}

// markSandwiched marks a line that carries a phrase of some kind of debris
// and lies between two debris lines of that same kind, such as the middle
// line of a three-line donation appeal.
func markSandwiched(d *Document, kinds []BoilerplateKind, hints []kindSet, spam []bool) {
	prev := -1
	for i := range d.Lines {
		if d.Lines[i].Blank() {
			continue
		}
		if kinds[i] == NotBoilerplate && hints[i] != 0 && prev >= 0 && kinds[prev] != NotBoilerplate &&
			hints[i].has(kinds[prev]) && d.Lines[i].WordCount() <= sandwichMaxWords {
			next := i + 1
			for next < len(d.Lines) && d.Lines[next].Blank() {
				next++
			}
			if next < len(d.Lines) && kinds[next] == kinds[prev] {
				kinds[i] = kinds[prev]
				spam[i] = spam[prev] && spam[next]
			}
		}
		prev = i
	}
}

// figureColumn reports whether the undecided lines of a run are mostly
// figures ("Revs 10.7 mln", "11 mths", "6 tbsp pectin"): a table or a list
// of quantities in the article, not a menu.
func figureColumn(d *Document, kinds []BoilerplateKind, from, to int) bool {
	lines, figures := 0, 0
	for k := from; k < to; k++ {
		if kinds[k] != NotBoilerplate || d.Lines[k].Blank() {
			continue
		}
		lines++
		if strings.ContainsAny(d.Lines[k].Text, "0123456789") {
			figures++
		}
	}
	return 3*figures >= 2*lines && lines > 0
}

// markDebrisZones marks a short block set among debris: a line most of
// whose nearest non-blank neighbours (two before, two after) are debris,
// such as the teaser of a related story between its headline and its
// timestamp. Advertisement markers do not count, since they sit between
// the paragraphs of many articles, and the article's main block is never
// taken, however much debris surrounds it.
func markDebrisZones(d *Document, kinds []BoilerplateKind) {
	nonBlank := make([]int, 0, len(d.Lines))
	for i := range d.Lines {
		if !d.Lines[i].Blank() {
			nonBlank = append(nonBlank, i)
		}
	}
	coreFrom, coreTo := mainBlock(d, kinds, nonBlank)
	debris := func(k int) bool {
		if k < 0 || k >= len(nonBlank) {
			return false
		}
		kind := kinds[nonBlank[k]]
		return kind != NotBoilerplate && kind != AdMarker
	}
	var zone []int
	for k, i := range nonBlank {
		if kinds[i] != NotBoilerplate || d.Lines[i].WordCount() > zoneMaxWords || (k >= coreFrom && k < coreTo) {
			continue
		}
		n := 0
		for _, j := range [4]int{k - 2, k - 1, k + 1, k + 2} {
			if debris(j) {
				n++
			}
		}
		if n >= 3 && debris(k-1) && debris(k+1) {
			zone = append(zone, i)
		}
	}
	for _, i := range zone {
		kinds[i] = MenuBlock
	}
}

// mainBlock finds the article's main block among the non-blank lines (given
// by index in nonBlank): the run of lines with no debris between them that
// holds the most words of prose (sentences of ten words or more). It
// returns the run as a range of nonBlank.
func mainBlock(d *Document, kinds []BoilerplateKind, nonBlank []int) (from, to int) {
	best, start, words := -1, 0, 0
	for k := 0; k <= len(nonBlank); k++ {
		if k == len(nonBlank) || kinds[nonBlank[k]] != NotBoilerplate {
			if words > best {
				best, from, to = words, start, k
			}
			start, words = k+1, 0
			continue
		}
		ln := &d.Lines[nonBlank[k]]
		if n := ln.WordCount(); n >= 10 && bpEndsSentence(ln.Text) {
			words += n
		}
	}
	return from, to
}

// isNavShaped reports whether a line looks like a menu item or a link: a
// few words, no sentence punctuation, not a list item, and not a row of
// figures (wire-copy tables such as "Shr 1.20 dlrs vs 1.10 dlrs" or
// columns set apart by runs of spaces are article text).
func isNavShaped(d *Document, ln *Line, unitWords int, unitEnds bool) bool {
	if ln.Blank() || unitWords > navMaxWords || !runeCountBelow(ln.Text, navMaxRunes+1) {
		return false
	}
	if unitEnds && !strings.HasSuffix(ln.Text, ":") {
		return false
	}
	return !startsWithBullet(ln.Text) && !bpTableRow(d, ln)
}

// markMenuBlocks marks runs of at least navRun consecutive menu-shaped or
// debris lines (blank lines between them do not break a run). A headline
// that ends a run and leads straight into prose is the article's title or
// heading, not a link.
func markMenuBlocks(d *Document, kinds []BoilerplateKind, unitWords []int, unitEnds []bool) {
	runStart, last, runLen := -1, -1, 0
	flush := func(next int) {
		if runLen >= navRun && !figureColumn(d, kinds, runStart, last+1) {
			end := last + 1
			if kinds[last] == NotBoilerplate && d.Lines[last].WordCount() >= headlineMinWords &&
				next < len(d.Lines) && unitEnds[next] && unitWords[next] >= proseMinWords {
				end = last
			}
			for k := runStart; k < end; k++ {
				if kinds[k] == NotBoilerplate && !d.Lines[k].Blank() {
					kinds[k] = MenuBlock
				}
			}
		}
		runStart, last, runLen = -1, -1, 0
	}
	for i := range d.Lines {
		if d.Lines[i].Blank() {
			continue
		}
		if kinds[i] != NotBoilerplate || isNavShaped(d, &d.Lines[i], unitWords[i], unitEnds[i]) {
			if runStart < 0 {
				runStart = i
			}
			last = i
			runLen++
			continue
		}
		flush(i)
	}
	flush(len(d.Lines))
}
