package pipeline

import (
	"bufio"
	"cmp"
	"compress/gzip"
	"context"
	"fmt"
	"hash/fnv"
	"io"
	"path"
	"slices"
	"strconv"
	"strings"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/io/filesystem"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/log"
)

// shardOf returns the shard of an input: a hash of its place, so that the
// same input always lands in the same file.
func shardOf(path string, line, shards int) int {
	if shards <= 1 {
		return 0
	}
	h := fnv.New32a()
	h.Write([]byte(path))
	h.Write([]byte{0})
	h.Write(strconv.AppendInt(nil, int64(line), 10))
	return int(h.Sum32() % uint32(shards))
}

// ShardName returns the file that shard (0-based) of shards is written to:
// output itself for a single shard, else output with "-SSSSS-of-NNNNN"
// put before its extension ("scores.jsonl" gives
// "scores-00003-of-00016.jsonl"; a trailing ".gz" is looked through).
func ShardName(output string, shard, shards int) string {
	if shards <= 1 {
		return output
	}
	dir, base := path.Split(output)
	stem, ext := splitExt(base)
	return fmt.Sprintf("%s%s-%05d-of-%05d%s", dir, stem, shard, shards, ext)
}

// splitExt splits a file name before its extension, taking ".jsonl.gz"
// as one extension. A name with no extension, or only a leading dot, has
// an empty one.
func splitExt(base string) (stem, ext string) {
	inner := strings.TrimSuffix(base, ".gz")
	i := strings.LastIndex(inner, ".")
	if i <= 0 {
		if inner != base {
			return inner, ".gz"
		}
		return base, ""
	}
	return base[:i], base[i:]
}

// writeShards writes the result lines, keyed by shard, to their files,
// each sorted by input place. Every shard file is written, an empty one
// too, so that a run leaves a complete set of files.
func writeShards(s beam.Scope, output string, shards int, lines beam.PCollection) {
	s = s.Scope("WriteResults")
	ids := make([]int, shards)
	for i := range ids {
		ids[i] = i
	}
	markers := beam.ParDo(s, shardMarker, beam.CreateList(s, ids))
	grouped := beam.GroupByKey(s, beam.Flatten(s, lines, markers))
	beam.ParDo0(s, &writeShardFn{Output: output, Shards: shards}, grouped)
}

// shardMarker is the empty line that makes sure a shard is written even
// when no result falls into it; the writer drops it.
func shardMarker(shard int) (int, resultLine) { return shard, resultLine{} }

// writeShardFn writes the lines of one shard to its file.
type writeShardFn struct {
	Output string `json:"output"`
	Shards int    `json:"shards"`
}

// ProcessElement sorts one shard's lines by input place and writes them.
func (f *writeShardFn) ProcessElement(ctx context.Context, shard int, next func(*resultLine) bool) error {
	var lines []resultLine
	var l resultLine
	for next(&l) {
		if l.JSON != "" {
			lines = append(lines, l)
		}
	}
	slices.SortFunc(lines, func(a, b resultLine) int {
		return cmp.Or(strings.Compare(a.Path, b.Path), cmp.Compare(a.Line, b.Line), strings.Compare(a.JSON, b.JSON))
	})
	name := ShardName(f.Output, shard, f.Shards)
	log.Infof(ctx, "writing %d results to %s", len(lines), name)
	return writeLines(ctx, name, func(emit func(string) error) error {
		for _, l := range lines {
			if err := emit(l.JSON); err != nil {
				return err
			}
		}
		return nil
	})
}

// writeLines writes the lines that each produces to the file at name on
// any Beam filesystem, one per line, gzip-compressed when name ends in
// ".gz". A retried write replaces the file.
func writeLines(ctx context.Context, name string, each func(emit func(string) error) error) error {
	fs, err := filesystem.New(ctx, name)
	if err != nil {
		return fmt.Errorf("write %s: %w", name, err)
	}
	defer fs.Close()
	fd, err := fs.OpenWrite(ctx, name)
	if err != nil {
		return fmt.Errorf("write %s: %w", name, err)
	}
	var zw *gzip.Writer
	var sink io.Writer = fd
	if strings.HasSuffix(name, ".gz") {
		zw = gzip.NewWriter(fd)
		sink = zw
	}
	w := bufio.NewWriterSize(sink, 1<<20)
	err = each(func(line string) error {
		if _, err := w.WriteString(line); err != nil {
			return err
		}
		return w.WriteByte('\n')
	})
	if err == nil {
		err = w.Flush()
	}
	if zw != nil && err == nil {
		err = zw.Close()
	}
	if cerr := fd.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("write %s: %w", name, err)
	}
	return nil
}
