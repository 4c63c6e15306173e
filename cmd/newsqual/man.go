package main

import (
	"fmt"
	"os"
	"strconv"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/cobra/doc"

	"github.com/newsqual/newsqual"
)

// newManCommand builds the hidden `newsqual man DIR`, which writes the
// manual pages (newsqual.1, newsqual-score.1, ...) for packagers.
func newManCommand() *cobra.Command {
	return &cobra.Command{
		Use:    "man DIR",
		Short:  "Write the manual pages of newsqual and its commands into DIR",
		Hidden: true,
		Long: `man writes one roff manual page for newsqual and one for each of its
commands into DIR (created when missing): newsqual.1, newsqual-score.1, ...
The pages are the same bytes for the same build: their date is
SOURCE_DATE_EPOCH when it is set, else the training date of the built-in
model.`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := writeManPages(cmd.Root(), args[0]); err != nil {
				return &exitError{2, err.Error()}
			}
			return nil
		},
	}
}

// writeManPages writes the manual pages of root and its commands into dir.
func writeManPages(root *cobra.Command, dir string) error {
	date, err := manDate()
	if err != nil {
		return err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("man pages: %w", err)
	}
	// The footer cobra adds otherwise holds the time of the run.
	var noStamp func(c *cobra.Command)
	noStamp = func(c *cobra.Command) {
		c.DisableAutoGenTag = true
		for _, sub := range c.Commands() {
			noStamp(sub)
		}
	}
	noStamp(root)
	header := &doc.GenManHeader{
		Section: "1",
		Date:    &date,
		Source:  "newsqual " + newsqual.ReadBuild().Version,
		Manual:  "newsqual manual",
	}
	if err := doc.GenManTree(root, header, dir); err != nil {
		return fmt.Errorf("man pages: %w", err)
	}
	return nil
}

// manDate is the date the manual pages carry: SOURCE_DATE_EPOCH (seconds
// since 1970) when set, else the training date of the built-in model, else
// the start of 1970, so that the pages never depend on the clock.
func manDate() (time.Time, error) {
	if s := os.Getenv("SOURCE_DATE_EPOCH"); s != "" {
		sec, err := strconv.ParseInt(s, 10, 64)
		if err != nil {
			return time.Time{}, fmt.Errorf("SOURCE_DATE_EPOCH %q: want seconds since 1970", s)
		}
		return time.Unix(sec, 0).UTC(), nil
	}
	if d, err := time.Parse(time.DateOnly, newsqual.Default().Model().Training.Date); err == nil {
		return d, nil
	}
	return time.Unix(0, 0).UTC(), nil
}
