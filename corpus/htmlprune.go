package corpus

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// Before readability looks for the article, pruneDebris takes out the
// parts of the page whose class or id names them as furniture (comments,
// related stories, share tools, ads, hidden copies), so that readability
// cannot pick one of them as the article nor merge it into the story. It
// goes by how templates name the parts of a page, never by one site's
// markup.

// The kinds of word found in class names and ids, as bits of a nameKind.
const (
	kindDebris  nameKind = 1 << iota // page furniture: debrisWords
	kindAd                           // an advertisement: adWords
	kindComment                      // readers' comments: commentWords
	kindCaption                      // a photo caption: "caption", "cutline"
	kindPhoto                        // "photo", "image", ...
	kindCredit                       // "credit"
	kindArticle                      // every word is one of articleWords
	kindState                        // a flag, not a part: "comments-open", "has-sidebar"
)

// nameKind says what the words of one class name or id stand for.
type nameKind uint8

// debrisWords, as a word of an element's class or id, mark page furniture
// around an article rather than the article: reader comments, lists of
// related or popular stories, share and print tools, newsletter and
// subscription boxes, promotions. They are the names content systems and
// templates give these parts, matched as whole words: "comments-body" is
// comments, "bodycopy" is nothing of the kind.
var debrisWords = map[string]bool{
	"comment": true, "comments": true, "commentlist": true, "disqus": true,
	"respond": true, "replies": true, "reply": true, "talkback": true,
	"related": true, "recommended": true, "recommendations": true,
	"popular": true, "mostpopular": true, "mostread": true, "trending": true,
	"share": true, "sharing": true, "sharebar": true, "sharetools": true, "sharedaddy": true,
	"social": true, "addthis": true, "toolbox": true, "toolbar": true, "tools": true,
	"newsletter": true, "subscribe": true, "signup": true,
	"promo": true, "promos": true,
	"sidebar": true, "breadcrumb": true, "breadcrumbs": true,
	"outbrain": true, "taboola": true,
}

// adWords, as a word of an element's class or id, mark an advertisement.
// An advertisement holds little text, so an element so named that holds
// much (more than maxAdText) is a wrapper that the layout named after the
// ad it frames ("adSkinLayer", "ad-wallpaper"), and stays.
var adWords = map[string]bool{
	"ad": true, "ads": true, "advert": true, "adverts": true, "advertisement": true,
	"sponsor": true, "sponsored": true,
}

// maxAdText is the most text (bytes, white space left out) an element
// named as an advertisement holds and is still removed as one: about 150
// words.
const maxAdText = 1000

// commentWords, as a word of a class, id or anchor name, mark where
// readers' comments start.
var commentWords = map[string]bool{
	"comment": true, "comments": true, "commentlist": true, "respond": true,
	"replies": true, "disqus": true, "talkback": true,
}

// articleWords name the article itself: a class or id made of these words
// alone ("entry-content", "story-body", "hentry") marks the story.
var articleWords = map[string]bool{
	"article": true, "articles": true, "story": true, "entry": true, "hentry": true, "hnews": true,
	"post": true, "content": true, "body": true, "main": true, "text": true,
}

// stateWords, as the last word of a class name, say something about the
// element ("comments-open") rather than name a part of the page.
var stateWords = map[string]bool{
	"open": true, "closed": true, "enabled": true, "disabled": true, "on": true, "off": true,
	"active": true, "none": true, "allowed": true,
}

// hiddenClasses are the class names style sheets conventionally use to
// keep an element out of sight.
var hiddenClasses = map[string]bool{
	"hidden": true, "hide": true, "is-hidden": true, "d-none": true, "invisible": true,
}

// isHiddenClass reports whether a class name is one of hiddenClasses, in
// any case.
func isHiddenClass(name string) bool { return hiddenClasses[strings.ToLower(name)] }

// maxNameWord is the longest word of a class name that can be in one of
// the word lists; longer words are read as other words.
const maxNameWord = 16

// classifyName returns what the words of one class name or id stand for.
// Words are split at anything that is not a letter or digit and where a
// lower-case letter meets an upper-case one ("commentList" and
// "comment_list" both give comment, list) and compared in lower case.
func classifyName(name string) nameKind {
	var kind nameKind
	var buf [maxNameWord]byte
	words := 0
	all := true // every word so far is an article word
	var last string
	word := func(w string) {
		words++
		n := 0
		for i := 0; i < len(w) && n <= maxNameWord; i++ {
			if n == maxNameWord {
				n++ // too long for any list
				break
			}
			buf[n] = lower(w[i])
			n++
		}
		if n > maxNameWord {
			all, last = false, ""
			return
		}
		b := buf[:n]
		if words == 1 && (string(b) == "has" || string(b) == "no") {
			kind |= kindState
		}
		if debrisWords[string(b)] {
			kind |= kindDebris
		}
		if adWords[string(b)] {
			kind |= kindAd
		}
		if commentWords[string(b)] {
			kind |= kindComment
		}
		switch string(b) {
		case "caption", "captions", "cutline", "cutlines":
			kind |= kindCaption
		case "photo", "image", "img", "picture", "pic", "gallery":
			kind |= kindPhoto
		case "credit", "credits":
			kind |= kindCredit
		}
		all = all && articleWords[string(b)]
		last = w
	}
	start := -1
	var prev rune
	for i, r := range name {
		alnum := r < utf8.RuneSelf && (isASCIILetter(byte(r)) || r >= '0' && r <= '9')
		switch {
		case !alnum:
			if start >= 0 {
				word(name[start:i])
				start = -1
			}
		case start < 0:
			start = i
		case unicode.IsUpper(r) && unicode.IsLower(prev):
			word(name[start:i])
			start = i
		}
		prev = r
	}
	if start >= 0 {
		word(name[start:])
	}
	if words > 0 && all {
		kind |= kindArticle
	}
	if last != "" && stateWords[strings.ToLower(last)] {
		kind |= kindState
	}
	return kind
}

// lower returns the lower case of an ASCII letter, other bytes as they are.
func lower(c byte) byte {
	if c >= 'A' && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}

// attrKinds returns what the class names and id of an element (and its
// anchor name, with names set) stand for, and whether a class hides it.
func attrKinds(n *html.Node, names bool) (kind nameKind, hidden bool) {
	for _, a := range n.Attr {
		switch a.Key {
		case "class", "id":
		case "name":
			if !names {
				continue
			}
		default:
			continue
		}
		for name := range strings.FieldsSeq(a.Val) {
			if a.Key == "class" && isHiddenClass(name) {
				hidden = true
			}
			k := classifyName(name)
			if k&kindState != 0 {
				k &^= kindDebris | kindAd | kindComment
			}
			kind |= k
		}
	}
	return kind, hidden
}

// isDebris reports whether an element is page furniture by its class or
// id (one of them names a debris part or an advertisement and none names
// the article: "hentry adShift" is an article with a layout flag), or is
// kept out of sight by a class such as "hidden" (a page often holds a
// hidden second copy of its story, for subscribers or another layout). An
// element named only as an advertisement is debris only while it holds no
// more than maxAdText of text.
func isDebris(n *html.Node) bool {
	switch n.DataAtom {
	case atom.Html, atom.Head, atom.Body, atom.Article, atom.Main:
		return false
	}
	kind, hidden := attrKinds(n, false)
	switch {
	case hidden:
		return true
	case kind&kindArticle != 0:
		return false
	case kind&kindDebris != 0:
		return true
	}
	return kind&kindAd != 0 && textSize(n) <= maxAdText
}

// pruneDebris removes from the tree under root the elements isDebris
// finds, outermost first. It keeps an element that holds an element
// marked as the article (<article>, itemprop="articleBody") or half of the
// page's text or more: then the name is that of a wrapper around the page
// ("ad-wallpaper"), or the page is mostly what the name says, and
// readability is the better judge. It returns how many elements it
// removed.
func pruneDebris(root *html.Node) int {
	half := textSize(root) / 2
	return removeElements(root, func(n *html.Node) bool {
		return isDebris(n) && !holdsArticle(n) && textSize(n) <= half
	})
}

// holdsArticle reports whether n has, under it, an element marked as the
// article itself.
func holdsArticle(n *html.Node) bool {
	for c := n.FirstChild; c != nil; c = nextNode(n, c, true) {
		if c.Type != html.ElementNode {
			continue
		}
		if c.DataAtom == atom.Article {
			return true
		}
		for _, a := range c.Attr {
			if a.Key == "itemprop" && strings.Contains(a.Val, "articleBody") {
				return true
			}
		}
	}
	return false
}

// textSize returns the bytes of text under n, white space and the content
// of scripts and styles left out.
func textSize(n *html.Node) int {
	size := 0
	for c := n; c != nil; {
		descend := true
		switch c.Type {
		case html.TextNode:
			size += nonSpace(c.Data)
		case html.ElementNode:
			descend = c.DataAtom != atom.Script && c.DataAtom != atom.Style
		}
		c = nextNode(n, c, descend)
	}
	return size
}

// nonSpace returns the bytes of s that are not white space.
func nonSpace(s string) int {
	size := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c != ' ' && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != '\v' {
				size++
			}
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if !unicode.IsSpace(r) {
			size += n
		}
		i += n
	}
	return size
}
