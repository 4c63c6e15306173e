package main

import (
	"io"

	"github.com/spf13/pflag"

	"github.com/newsqual/newsqual/corpus"
	"github.com/newsqual/newsqual/features"
)

// readerFlags are the limits on reading and preparing articles that every
// command which scores takes, with the same names and defaults, so that
// score, sources and serve read an article alike and give it the same score.
type readerFlags struct {
	maxBytes     int
	maxLineBytes int
	maxHTMLBytes int
	maxHTMLDepth int
	maxWords     int
	wholePage    bool
	preferHTML   bool
	// followSymlinks follows links in folders that lead outside the paths
	// given (files only).
	followSymlinks bool
}

// register adds the flags to fl. files is false for a command that reads
// articles from requests rather than files, which has no use for the
// limits on JSONL lines and HTML files.
func (r *readerFlags) register(fl *pflag.FlagSet, files bool) {
	html := "HTML"
	if !files {
		html = `"html"`
	}
	fl.IntVar(&r.maxBytes, "max-bytes", corpus.DefaultMaxBytes, "bytes of text read per article; the rest is cut and the result says so")
	if files {
		fl.IntVar(&r.maxLineBytes, "max-line-bytes", corpus.DefaultMaxLineBytes, "bytes of one JSONL line; a longer line is reported as an error and reading goes on")
		fl.IntVar(&r.maxHTMLBytes, "max-html-bytes", corpus.DefaultMaxHTMLBytes, "bytes of markup read from one HTML file; the rest is cut and the result says so")
	}
	fl.IntVar(&r.maxHTMLDepth, "max-html-depth", corpus.DefaultMaxHTMLDepth, "element nesting of "+html+" built as a tree (at most 512); deeper pages are read tag by tag")
	fl.IntVar(&r.maxWords, "max-words", features.DefaultMaxWords, "words of one article the signals consider; the result of a longer one says it was cut")
	fl.BoolVar(&r.wholePage, "whole-page", false, "score the visible text of whole "+html+" pages, not just the article readability finds")
	registerPreferHTML(fl, &r.preferHTML)
	if files {
		registerFollowSymlinks(fl, &r.followSymlinks)
	}
}

// registerFollowSymlinks adds --follow-symlinks, which every command that
// reads folders takes.
func registerFollowSymlinks(fl *pflag.FlagSet, p *bool) {
	fl.BoolVar(p, "follow-symlinks", false, "follow symbolic links in folders that lead outside the paths given (by default they are skipped with a reason)")
}

// registerPreferHTML adds --prefer-html, which the commands that load
// labelled data (train, eval) take as well as those that score.
func registerPreferHTML(fl *pflag.FlagSet, p *bool) {
	fl.BoolVar(p, "prefer-html", false, `read a JSONL record that has both "text" and "html" from its "html" (its "title" is kept)`)
}

// options returns the reader options the flags ask for, reading stdin for
// the path "-".
func (r readerFlags) options(stdin io.Reader) corpus.Options {
	return corpus.Options{
		MaxBytes:       r.maxBytes,
		MaxLineBytes:   r.maxLineBytes,
		MaxHTMLBytes:   r.maxHTMLBytes,
		MaxHTMLDepth:   r.maxHTMLDepth,
		WholePage:      r.wholePage,
		PreferHTML:     r.preferHTML,
		Stdin:          stdin,
		FollowSymlinks: r.followSymlinks,
	}
}
