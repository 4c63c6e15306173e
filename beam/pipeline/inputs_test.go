package pipeline_test

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// This file invents the articles the tests score: news-like reports,
// the kinds of spam the scorer looks for, and inputs that cannot be read,
// spread over files of every format the reader knows.

var (
	towns    = []string{"Millbrook", "Eastport", "Harlow Bay", "Kestrel Falls", "Norwick", "Ashford Vale", "Port Elson", "Grayton"}
	people   = []string{"Maria Okafor", "Daniel Brandt", "Priya Raman", "Tomás Herrera", "Helen Cho", "Samuel Reyes", "Aisha Bello", "Peter Lindqvist"}
	roles    = []string{"the council's finance chair", "a spokesperson for the port authority", "the county health director", "the head of the teachers' union", "the regional transport manager", "a local business owner"}
	subjects = []string{"budget", "bridge repairs", "school funding", "water rates", "bus routes", "harbour dredging", "library hours", "flood defences"}
	outlets  = []string{"daily-ledger", "harbour-times", "valley-post", "north-gazette"}
	sites    = []string{"metro-wire", "coast-courier"}
	hosts    = []string{"https://www.eastport-herald.test/news/", "https://news.grayton-record.test/local/"}
	stuffing = []string{"cheap car insurance quotes", "best ev deals 2026", "buy followers fast"}
)

// newsArticle invents a plain news report of a few paragraphs.
func newsArticle(r *rand.Rand) (title, text string) {
	town, subject := pick(r, towns), pick(r, subjects)
	who, role := pick(r, people), pick(r, roles)
	votes := 4 + r.IntN(5)
	amount := 2 + r.IntN(40)
	title = fmt.Sprintf("%s council votes on %s plan", town, subject)
	paras := []string{
		fmt.Sprintf("Councillors in %s voted %d to %d on Tuesday evening to approve a revised plan for %s, ending a dispute that had delayed the decision since the spring.", town, votes, 9-votes, subject),
		fmt.Sprintf("The plan sets aside $%d.%d million over three years. \"We listened to residents who told us the old figures did not add up,\" said %s, %s.", amount, r.IntN(10), who, role),
		fmt.Sprintf("Opponents argued that the cost had been underestimated. %s, who voted against, said the council had not published the engineers' report and that residents deserved to see it before any contract was signed.", pick(r, people)),
		fmt.Sprintf("According to figures released by the council, about %d households will be affected. A public meeting is scheduled for %s at the town hall, and written comments can be sent until the end of the month.", 300+r.IntN(4000), pick(r, []string{"next Monday", "March 14", "the first week of June"})),
	}
	if r.IntN(2) == 0 {
		paras = append(paras, fmt.Sprintf("The state auditor's office confirmed on Wednesday that it had received a complaint about the tender process but declined to comment further. %s said the council would cooperate with any review.", who))
	}
	return title, strings.Join(paras, "\n\n")
}

// spamArticle invents one of the kinds of low-quality page the scorer is
// built to catch.
func spamArticle(r *rand.Rand, kind int) (title, text string) {
	switch kind {
	case 0: // keyword stuffing
		kw := pick(r, stuffing)
		title = "Top " + kw
		var b strings.Builder
		for i := range 12 {
			fmt.Fprintf(&b, "Looking for %s? Our guide to %s shows why %s matter in %s.\n", kw, kw, kw, pick(r, towns))
			if i%3 == 0 {
				b.WriteString(kw + "\n")
			}
		}
		return title, b.String()
	case 1: // ads injected into a report
		title, text = newsArticle(r)
		ad := "Sponsored: Win big at LuckySpin Casino — claim your 200% welcome bonus now at luckyspin-casino.test!"
		parts := strings.SplitN(text, "\n\n", 3)
		return title, strings.Join([]string{parts[0], ad, parts[1], ad, ad, parts[2]}, "\n\n")
	case 2: // a shop template snippet, too short for a score
		return "Summer sale", "Buy Now\nProduct 1 Title\nSample text. Lorem ipsum dolor sit amet, consectetur adipiscing elit.\n" +
			fmt.Sprintf("Quantity\n$%d.00\n$%d.00\nAdd to cart\nFree shipping on orders over $50\nIn stock\n", 20+r.IntN(30), 10+r.IntN(9))
	default: // filler prose
		topic := pick(r, subjects)
		return "The ultimate guide to " + topic, fmt.Sprintf(
			"In today's fast-paced world, %s has become more important than ever. It is important to note that the landscape of %s is constantly evolving. "+
				"Whether you are a seasoned expert or just starting out, understanding %s can unlock a world of possibilities. "+
				"Moreover, it is worth noting that %s plays a pivotal role in fostering a vibrant community. "+
				"In conclusion, embracing %s is a game-changer that paves the way for a brighter future.", topic, topic, topic, topic, topic)
	}
}

// foreignArticle is a report in German, a language the model does not cover,
// long enough for a score.
func foreignArticle(r *rand.Rand) string {
	return fmt.Sprintf("Der Gemeinderat von %s hat am Dienstagabend mit knapper Mehrheit einen neuen Haushaltsplan beschlossen. "+
		"Die Opposition kritisierte, dass die Kosten für die Sanierung der Brücke zu niedrig angesetzt seien und die Bürger nicht ausreichend informiert worden seien. "+
		"Eine öffentliche Versammlung ist für die kommende Woche im Rathaus geplant.\n\n"+
		"Der Bürgermeister verteidigte den Plan und sagte, die Stadt habe alle Gutachten geprüft. Die Arbeiten an der Brücke sollen im Herbst beginnen.", pick(r, towns))
}

func pick[T any](r *rand.Rand, xs []T) T { return xs[r.IntN(len(xs))] }

// record is one invented JSONL line.
type record map[string]any

// inventRecords returns n JSONL lines, seeded, of every kind: reports,
// spam, foreign text, HTML, records with numeric or missing ids, sources
// given as "source", "site" or only by URL, and lines that cannot be read
// (invalid JSON, no text) or are blank.
func inventRecords(seed uint64, prefix string, n int) []string {
	r := rand.New(rand.NewPCG(seed, 42))
	var lines []string
	for i := range n {
		rec := record{"id": fmt.Sprintf("%s-%03d", prefix, i)}
		var title, text string
		switch k := r.IntN(10); {
		case k < 5:
			title, text = newsArticle(r)
		case k < 8:
			title, text = spamArticle(r, r.IntN(4))
		default:
			text = foreignArticle(r)
		}
		if title != "" && r.IntN(3) > 0 {
			rec["title"] = title
		}
		switch r.IntN(4) {
		case 0:
			rec["source"] = pick(r, outlets)
		case 1:
			rec["site"] = pick(r, sites)
		case 2:
			rec["url"] = pick(r, hosts) + fmt.Sprintf("story-%d", i)
		}
		switch i % 23 {
		case 5:
			delete(rec, "id") // gets the ID "FILE:LINE"
		case 7:
			rec["id"] = int(seed)*10000 + i // numbers are read as IDs too
		case 11:
			text = "<html><head><title>" + title + "</title></head><body><article><h1>" + title + "</h1><p>" +
				strings.ReplaceAll(text, "\n\n", "</p><p>") + "</p></article><footer>Subscribe to our newsletter</footer></body></html>"
			rec["html"] = text
			text = ""
		}
		if text != "" {
			rec["text"] = text
		}
		b, err := json.Marshal(rec)
		if err != nil {
			panic(err)
		}
		lines = append(lines, string(b))
		switch i % 37 {
		case 3:
			lines = append(lines, "") // skipped, as on the command line
		case 17:
			lines = append(lines, `{"id": "broken", "text": "unterminated`) // invalid JSON
		case 29:
			lines = append(lines, `{"id": "no-text-`+prefix+`", "title": "A headline and nothing else"}`)
		}
	}
	return lines
}

// warcRecord is one record of an invented web archive.
type warcRecord struct {
	typ, uri, contentType, block string
}

// inventWARC returns a small crawl as a WARC file: a warcinfo record, then
// per page a request (skipped) and a response; one response is a 404
// (skipped) and one a PNG image (skipped).
func inventWARC(seed uint64, pages int) []byte {
	r := rand.New(rand.NewPCG(seed, 42))
	records := []warcRecord{{typ: "warcinfo", contentType: "application/warc-fields", block: "software: newsqual test\r\nformat: WARC File Format 1.1\r\n"}}
	for i := range pages {
		uri := pick(r, hosts) + fmt.Sprintf("crawl-%d-%d", seed, i)
		var title, text string
		if i%3 == 2 {
			title, text = spamArticle(r, r.IntN(4))
		} else {
			title, text = newsArticle(r)
		}
		page := "<html><head><title>" + title + "</title></head><body><nav>Home | Local | Sport</nav><article><h1>" + title + "</h1><p>" +
			strings.ReplaceAll(text, "\n\n", "</p><p>") + "</p></article></body></html>"
		status, ctype := "200 OK", "text/html; charset=utf-8"
		switch i {
		case 3:
			status, page = "404 Not Found", "<html><body>Not found</body></html>"
		case 5:
			ctype, page = "image/png", "\x89PNG\r\n"
		}
		records = append(records,
			warcRecord{typ: "request", uri: uri, contentType: "application/http; msgtype=request",
				block: "GET / HTTP/1.1\r\nHost: example.test\r\n\r\n"},
			warcRecord{typ: "response", uri: uri, contentType: "application/http; msgtype=response",
				block: fmt.Sprintf("HTTP/1.1 %s\r\nContent-Type: %s\r\nContent-Length: %d\r\n\r\n%s", status, ctype, len(page), page)})
	}
	var b bytes.Buffer
	for i, rec := range records {
		fmt.Fprintf(&b, "WARC/1.1\r\nWARC-Type: %s\r\nWARC-Record-ID: <urn:uuid:00000000-0000-4000-8000-%06d%06d>\r\nWARC-Date: 2026-05-01T12:00:00Z\r\n", rec.typ, seed, i)
		if rec.uri != "" {
			fmt.Fprintf(&b, "WARC-Target-URI: %s\r\n", rec.uri)
		}
		fmt.Fprintf(&b, "Content-Type: %s\r\nContent-Length: %d\r\n\r\n%s\r\n\r\n", rec.contentType, len(rec.block), rec.block)
	}
	return b.Bytes()
}

// gzipped compresses data as one gzip member.
func gzipped(t testing.TB, data []byte) []byte {
	t.Helper()
	var b bytes.Buffer
	zw := gzip.NewWriter(&b)
	if _, err := zw.Write(data); err != nil {
		t.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// inputSet is a folder of invented inputs and the patterns that match them.
type inputSet struct {
	// Patterns are the file patterns to give the pipeline, one per kind
	// of file, none overlapping.
	Patterns []string
	// Files are the files the patterns match, sorted by path: the
	// order the pipeline's single shard comes out in.
	Files []string
}

// writeInputs writes about n invented inputs into dir: plain JSONL, gzipped
// JSONL, NDJSON, a text file, an HTML page, and two web archives (plain
// and gzipped) of a few pages each.
func writeInputs(t testing.TB, dir string, n int) inputSet {
	t.Helper()
	in := filepath.Join(dir, "in")
	if err := os.MkdirAll(in, 0o755); err != nil {
		t.Fatal(err)
	}
	third := max(n/3, 1)
	write := func(name string, data []byte) {
		if err := os.WriteFile(filepath.Join(in, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("wire-a.jsonl", []byte(strings.Join(inventRecords(1, "a", third), "\n")+"\n"))
	write("wire-b.jsonl.gz", gzipped(t, []byte(strings.Join(inventRecords(2, "b", third), "\r\n")+"\r\n")))
	// No newline after the last line: read all the same.
	write("feed.ndjson", []byte(strings.Join(inventRecords(3, "c", n-2*third), "\n")))
	r := rand.New(rand.NewPCG(4, 42))
	title, text := newsArticle(r)
	write("letter.txt", []byte(title+"\n\n"+text+"\n"))
	title, text = spamArticle(r, 1)
	write("page.html", []byte("<!doctype html><html><head><title>"+title+"</title></head><body><nav>Home | World | Sport</nav><article><h1>"+title+"</h1><p>"+
		strings.ReplaceAll(text, "\n\n", "</p>\n<p>")+"</p></article></body></html>\n"))

	write("crawl-1.warc", inventWARC(5, 8))
	write("crawl-2.warc.gz", gzipped(t, inventWARC(6, 8)))

	set := inputSet{}
	for _, pattern := range []string{"*.jsonl", "*.jsonl.gz", "*.ndjson", "*.txt", "*.html", "*.warc", "*.warc.gz"} {
		set.Patterns = append(set.Patterns, filepath.Join(in, pattern))
		matches, err := filepath.Glob(filepath.Join(in, pattern))
		if err != nil || len(matches) == 0 {
			t.Fatalf("pattern %s matches %v (%v)", pattern, matches, err)
		}
		set.Files = append(set.Files, matches...)
	}
	slices.Sort(set.Files)
	return set
}
