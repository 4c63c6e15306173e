package server_test

import (
	"context"
	"encoding/json"
	"fmt"
	"log"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"os/signal"
	"strings"
	"syscall"

	"github.com/newsqual/newsqual"
	"github.com/newsqual/newsqual/server"
)

// A Server is an http.Handler: one POST scores a batch and answers the
// results in input order.
func Example() {
	srv, err := server.New(newsqual.Default(), server.Options{})
	if err != nil {
		log.Fatal(err)
	}
	body := `[
	  {"id": "shop-1", "text": "Buy Now\nProduct 1 Title\nSample text. Lorem ipsum dolor sit amet, consectetur adipiscing elit. Sed do eiusmod tempor incididunt ut labore et dolore magna aliqua.\nQuantity\n$20.00\n$17.00\nAdd to cart\nProduct 2 Title\nSample text. Ut enim ad minim veniam, quis nostrud exercitation ullamco laboris nisi ut aliquip ex ea commodo consequat.\nQuantity\n$35.00\n$29.00\nAdd to cart\nFree shipping on all orders over $50"},
	  {"id": "brief-1", "text": "Police closed the A38 for five hours on Sunday after a lorry shed its load."},
	  {"id": "no-text", "title": "A headline alone"}
	]`
	req := httptest.NewRequest(http.MethodPost, "/v1/score", strings.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	rec := httptest.NewRecorder()
	srv.ServeHTTP(rec, req)

	var results []struct {
		ID      string `json:"id"`
		Quality *int   `json:"quality"`
		Verdict string `json:"verdict"`
		Error   string `json:"error"`
	}
	if err := json.Unmarshal(rec.Body.Bytes(), &results); err != nil {
		log.Fatal(err)
	}
	fmt.Println(rec.Code)
	for _, r := range results {
		switch {
		case r.Error != "":
			fmt.Printf("%s: %s\n", r.ID, r.Error)
		case r.Quality == nil: // too short, not English or empty: no score
			fmt.Printf("%s: %s, no quality\n", r.ID, r.Verdict)
		default:
			fmt.Printf("%s: %s, quality %d\n", r.ID, r.Verdict, *r.Quality)
		}
	}
	// Output:
	// 200
	// shop-1: spam, quality 0
	// brief-1: too_short, no quality
	// no-text: corpus: request:3: no text: no "text" or "html" field with content
}

// Serve runs the service until its context ends, then lets the requests in
// flight finish.
func ExampleServer_Serve() {
	srv, err := server.New(newsqual.Default(), server.Options{MaxConcurrent: 16})
	if err != nil {
		log.Fatal(err)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	ln, err := net.Listen("tcp", server.DefaultAddr)
	if err != nil {
		log.Fatal(err)
	}
	if err := srv.Serve(ctx, ln); err != nil {
		log.Fatal(err)
	}
}
