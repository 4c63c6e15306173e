package server

import (
	"net/http"
	"strconv"

	"github.com/newsqual/newsqual/internal/wire"
)

// apiError is a request the service refuses: its HTTP status, the reason
// it is counted under in newsqual_http_rejected_total, and a message for
// the client.
type apiError struct {
	status int
	reason string
	msg    string
	// retryAfter, when above zero, is sent as the Retry-After header in
	// seconds.
	retryAfter int
	// closeConn closes the connection after the answer: the body was not
	// read to its end, and what is left of it must not be waited for.
	closeConn bool
}

// The reasons a request is refused, the values of the rejected counter's
// label.
const (
	reasonBusy          = "busy"
	reasonBodyTooLarge  = "body_too_large"
	reasonBodyTimeout   = "body_timeout"
	reasonBadJSON       = "bad_json"
	reasonMediaType     = "media_type"
	reasonEmptyBatch    = "empty_batch"
	reasonBatchTooLarge = "batch_too_large"
	reasonTimeout       = "timeout"
	reasonNotFound      = "not_found"
	reasonMethod        = "method"
	reasonInternal      = "internal"
	// reasonBadParameter (thresholds.go) is a query not understood.
)

// rejectReasons lists every reason, so that each is exported from the start.
var rejectReasons = []string{reasonBusy, reasonBodyTooLarge, reasonBodyTimeout, reasonBadJSON, reasonMediaType,
	reasonEmptyBatch, reasonBatchTooLarge, reasonTimeout, reasonNotFound, reasonMethod, reasonInternal, reasonBadParameter}

// errorBody is the JSON body of a refused request.
type errorBody struct {
	Error string `json:"error"`
}

// writeJSON sends an encoded JSON body with its status.
func writeJSON(w http.ResponseWriter, status int, body []byte) {
	h := w.Header()
	h.Set("Content-Type", "application/json")
	h.Set("Content-Length", strconv.Itoa(len(body)))
	h.Set("X-Content-Type-Options", "nosniff")
	w.WriteHeader(status)
	_, _ = w.Write(body)
}

// writeError sends a refused request's {"error": "..."} body.
func writeError(w http.ResponseWriter, e *apiError) {
	setRefusalHeaders(w, e)
	body, err := wire.Object(errorBody{Error: e.msg})
	if err != nil {
		// A string always encodes; keep a body all the same.
		body = []byte(`{"error": "internal error"}` + "\n")
	}
	writeJSON(w, e.status, body)
}

// setRefusalHeaders sets the headers a refusal asks for, whatever the
// form of its body: Retry-After, and Connection: close when the rest of
// the body was not read.
func setRefusalHeaders(w http.ResponseWriter, e *apiError) {
	if e.retryAfter > 0 {
		w.Header().Set("Retry-After", strconv.Itoa(e.retryAfter))
	}
	if e.closeConn {
		// net/http then neither reads the rest of the body nor keeps the
		// connection.
		w.Header().Set("Connection", "close")
	}
}
