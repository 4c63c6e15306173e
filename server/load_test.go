package server_test

import (
	"context"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/newsqual/newsqual/internal/race"
	"github.com/newsqual/newsqual/internal/shareddata"
	"github.com/newsqual/newsqual/server"
)

// loadClients is the number of clients sending requests at once.
const loadClients = 64

// loadRequest is one request of the load test with the answer the library
// gives for it.
type loadRequest struct {
	ctype, body, want string
	articles          int
}

// loadArticles returns the request objects of the example articles and,
// when the shared corpus is there, of a few hundred corpus articles, with
// the element the library's score of each makes.
func loadArticles(t *testing.T) (objects []string, elems [][]byte) {
	for _, a := range exampleArticles(t) {
		objects = append(objects, a.json(t))
	}
	t.Run("shared corpus", func(t *testing.T) {
		for _, f := range []string{"bbc-news.jsonl", "reuters-21578.jsonl", "xsum-human-vs-llm.jsonl", "templates.jsonl"} {
			for _, r := range shareddata.Records(t, f, 100, nil) {
				objects = append(objects, article{ID: r.ID, Title: r.Title, Text: r.Text, URL: r.URL, Source: r.Source}.json(t))
			}
		}
	})
	for _, obj := range objects {
		elems = append(elems, expectedElement(t, obj))
	}
	return objects, elems
}

// loadRequests makes n requests, half single articles and half batches of
// 2 to 16 articles as arrays or JSON Lines, from a fixed seed.
func loadRequests(objects []string, elems [][]byte, n int) []loadRequest {
	rng := rand.New(rand.NewPCG(1, 2))
	reqs := make([]loadRequest, n)
	for i := range reqs {
		if i%2 == 0 {
			k := rng.IntN(len(objects))
			single := strings.ReplaceAll(string(elems[k]), "\n  ", "\n") + "\n"
			reqs[i] = loadRequest{ctype: "application/json", body: objects[k], want: single, articles: 1}
			continue
		}
		size := 2 + rng.IntN(15)
		var objs []string
		var want [][]byte
		for range size {
			k := rng.IntN(len(objects))
			objs = append(objs, objects[k])
			want = append(want, elems[k])
		}
		r := loadRequest{ctype: "application/json", body: "[" + strings.Join(objs, ",") + "]", want: expectedArray(want), articles: size}
		if rng.IntN(2) == 0 {
			r.ctype, r.body = "application/x-ndjson", strings.Join(objs, "\n")+"\n"
		}
		reqs[i] = r
	}
	return reqs
}

// TestLoad starts the service on the loopback interface with its default
// limits and sends a fixed number of requests from 64 clients at once. It
// checks that every request is answered 200 with exactly what the library
// says of its articles, and logs the throughput and latencies.
func TestLoad(t *testing.T) {
	objects, elems := loadArticles(t)
	n := 2000
	if race.Enabled || testing.Short() {
		n = 300
	}
	reqs := loadRequests(objects, elems, n)
	s := newServer(t, server.Options{})
	ctx, stop := context.WithCancel(context.Background())
	addr, served := startServe(t, s, ctx)
	url := "http://" + addr + "/v1/score"
	// At most one connection per client, so requests in flight never
	// outnumber the clients.
	client := &http.Client{Transport: &http.Transport{MaxConnsPerHost: loadClients, MaxIdleConnsPerHost: loadClients}}
	defer client.CloseIdleConnections()

	latencies := make([]time.Duration, len(reqs))
	problems := make([]string, len(reqs))
	next := make(chan int)
	go func() {
		defer close(next)
		for i := range reqs {
			next <- i
		}
	}()
	start := time.Now()
	var wg sync.WaitGroup
	for range loadClients {
		wg.Go(func() {
			for i := range next {
				r := reqs[i]
				sent := time.Now()
				resp, err := client.Post(url, r.ctype, strings.NewReader(r.body))
				if err != nil {
					problems[i] = err.Error()
					continue
				}
				body, err := io.ReadAll(resp.Body)
				resp.Body.Close()
				latencies[i] = time.Since(sent)
				switch {
				case err != nil:
					problems[i] = "read the answer: " + err.Error()
				case resp.StatusCode != http.StatusOK:
					problems[i] = fmt.Sprintf("status %d: %s", resp.StatusCode, body)
				case string(body) != r.want:
					problems[i] = fmt.Sprintf("answer differs from the library's:\n%.500s\nwant\n%.500s", body, r.want)
				}
			}
		})
	}
	wg.Wait()
	elapsed := time.Since(start)
	stop()
	if err := <-served; err != nil {
		t.Fatalf("Serve: %v", err)
	}

	bad := 0
	for i, p := range problems {
		if p != "" {
			bad++
			if bad <= 3 {
				t.Errorf("request %d: %s", i, p)
			}
		}
	}
	if bad > 0 {
		t.Fatalf("%d of %d requests lost or answered wrongly", bad, len(reqs))
	}
	articles := 0
	for _, r := range reqs {
		articles += r.articles
	}
	if got := metricValue(t, s, "newsqual_articles_scored_total"); got != float64(articles) {
		t.Fatalf("articles scored = %v, want %d", got, articles)
	}
	slices.Sort(latencies)
	pct := func(p float64) time.Duration {
		return latencies[int(p*float64(len(latencies)-1))].Round(10 * time.Microsecond)
	}
	t.Logf("%d requests (%d articles, %d distinct) from %d clients in %s: %.0f requests/s, %.0f articles/s; latency p50 %s, p99 %s, max %s",
		len(reqs), articles, len(objects), loadClients, elapsed.Round(time.Millisecond),
		float64(len(reqs))/elapsed.Seconds(), float64(articles)/elapsed.Seconds(), pct(0.5), pct(0.99), latencies[len(latencies)-1].Round(10*time.Microsecond))
}
