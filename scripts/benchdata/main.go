// Command benchdata writes the inputs of scripts/bench.sh from labelled
// JSONL files: the articles as text files (for newsqual), as minimal mail
// messages (for bogofilter, which would read an article's first lines as
// mail headers otherwise), as one JSONL file, lists of bogofilter's training
// files by label, and a large JSONL made of repeated records for the memory
// run.
package main

import (
	"bufio"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"github.com/newsqual/newsqual/corpus"
)

func main() {
	out := flag.String("out", "/tmp/newsqual-bench", "folder to write to")
	files := flag.Int("files", 8000, "articles to write as files")
	bigMB := flag.Int("big-mb", 1024, "size of big.jsonl in MB (0: none)")
	flag.Parse()
	if err := run(*out, *files, *bigMB, flag.Args()); err != nil {
		fmt.Fprintln(os.Stderr, "benchdata:", err)
		os.Exit(1)
	}
}

func run(out string, n, bigMB int, data []string) error {
	articles, problems := corpus.Labelled(data, corpus.Options{})
	for _, p := range problems {
		if p.Err != nil {
			return p.Err
		}
	}
	if len(articles) == 0 {
		return fmt.Errorf("no labelled articles in %v", data)
	}
	for _, dir := range []string{"files", "mail", "train"} {
		if err := os.RemoveAll(filepath.Join(out, dir)); err != nil {
			return err
		}
		if err := os.MkdirAll(filepath.Join(out, dir), 0o755); err != nil {
			return err
		}
	}
	mail := func(text string) []byte {
		return []byte("Content-Type: text/plain; charset=utf-8\n\n" + text + "\n")
	}
	// Training lists for bogofilter: every labelled article once.
	lists := map[string]*bufio.Writer{}
	for _, label := range []string{corpus.LabelClean, corpus.LabelSpam} {
		f, err := os.Create(filepath.Join(out, "train-"+label+".list"))
		if err != nil {
			return err
		}
		defer f.Close()
		lists[label] = bufio.NewWriter(f)
	}
	for i, a := range articles {
		p := filepath.Join(out, "train", fmt.Sprintf("%06d.eml", i))
		if err := os.WriteFile(p, mail(a.Text), 0o644); err != nil {
			return err
		}
		fmt.Fprintln(lists[a.Label], p)
	}
	for _, w := range lists {
		if err := w.Flush(); err != nil {
			return err
		}
	}
	// The articles both scorers read, as files, mail files and JSONL.
	list, err := os.Create(filepath.Join(out, "files.list"))
	if err != nil {
		return err
	}
	defer list.Close()
	lw := bufio.NewWriter(list)
	jf, err := os.Create(filepath.Join(out, "files.jsonl"))
	if err != nil {
		return err
	}
	defer jf.Close()
	jw := bufio.NewWriter(jf)
	enc := json.NewEncoder(jw)
	bytes := 0
	for i := range n {
		a := articles[i%len(articles)]
		name := fmt.Sprintf("%06d", i)
		if err := os.WriteFile(filepath.Join(out, "files", name+".txt"), []byte(a.Text), 0o644); err != nil {
			return err
		}
		mp := filepath.Join(out, "mail", name+".eml")
		if err := os.WriteFile(mp, mail(a.Text), 0o644); err != nil {
			return err
		}
		fmt.Fprintln(lw, mp)
		if err := enc.Encode(map[string]string{"id": name, "text": a.Text}); err != nil {
			return err
		}
		bytes += len(a.Text)
	}
	if err := lw.Flush(); err != nil {
		return err
	}
	if err := jw.Flush(); err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(out, "files.bytes"), []byte(fmt.Sprint(bytes)), 0o644); err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(out, "files.count"), []byte(fmt.Sprint(n)), 0o644); err != nil {
		return err
	}
	if bigMB <= 0 {
		return nil
	}
	// The big JSONL repeats the records with fresh IDs up to the size.
	bf, err := os.Create(filepath.Join(out, "big.jsonl"))
	if err != nil {
		return err
	}
	defer bf.Close()
	bw := bufio.NewWriterSize(bf, 1<<20)
	benc := json.NewEncoder(bw)
	written := 0
	for i := 0; written < bigMB*1000000; i++ {
		a := articles[i%len(articles)]
		rec := map[string]string{"id": fmt.Sprintf("big-%d", i), "text": a.Text}
		b, _ := json.Marshal(rec)
		written += len(b) + 1
		if err := benc.Encode(rec); err != nil {
			return err
		}
	}
	return bw.Flush()
}
