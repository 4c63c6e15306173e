package server

import (
	"net/http"
	"strconv"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"github.com/newsqual/newsqual"
	"github.com/newsqual/newsqual/model"
)

// metrics are the service's Prometheus metrics, on a registry of its own so
// that two servers in one process do not collide. Every label has a small
// fixed set of values: routes are the known ones or "other", codes are
// those the service answers with.
type metrics struct {
	registry      *prometheus.Registry
	requests      *prometheus.CounterVec
	duration      *prometheus.HistogramVec
	inFlight      prometheus.Gauge
	reading       prometheus.Gauge
	rejected      *prometheus.CounterVec
	batchSize     prometheus.Histogram
	articles      prometheus.Counter
	articleErrors prometheus.Counter
	verdicts      *prometheus.CounterVec
}

// verdicts lists every verdict a Result can carry.
var verdicts = []newsqual.Verdict{newsqual.VerdictClean, newsqual.VerdictSuspect, newsqual.VerdictSpam,
	newsqual.VerdictUnsupported, newsqual.VerdictEmpty, newsqual.VerdictTooShort}

func newMetrics(m *model.Model, modelName, modelSHA string) *metrics {
	reg := prometheus.NewRegistry()
	mt := &metrics{
		registry: reg,
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "newsqual_http_requests_total",
			Help: "HTTP requests answered, by route and status code.",
		}, []string{"route", "code"}),
		duration: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "newsqual_http_request_duration_seconds",
			Help:    "Time from a request's arrival to its answer, by route.",
			Buckets: []float64{0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30},
		}, []string{"route"}),
		inFlight: prometheus.NewGauge(prometheus.GaugeOpts{
			Name: "newsqual_http_requests_in_flight",
			Help: "Score requests being scored now, their bodies read (at most --max-concurrent).",
		}),
		reading: prometheus.NewGauge(prometheus.GaugeOpts{
			Name: "newsqual_http_request_bodies_reading",
			Help: "Score requests whose bodies are being received now; they hold no --max-concurrent slot.",
		}),
		rejected: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "newsqual_http_rejected_total",
			Help: "Requests refused, by reason: busy, body_too_large, body_timeout, bad_json, media_type, empty_batch, batch_too_large, timeout, not_found, method, internal, bad_parameter.",
		}, []string{"reason"}),
		batchSize: prometheus.NewHistogram(prometheus.HistogramOpts{
			Name:    "newsqual_request_articles",
			Help:    "Articles per score request that was scored.",
			Buckets: []float64{1, 2, 5, 10, 20, 50, 100, 200, 500, 1000},
		}),
		articles: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "newsqual_articles_scored_total",
			Help: "Articles scored.",
		}),
		articleErrors: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "newsqual_article_errors_total",
			Help: "Article objects that could not be read (no text, fields of the wrong type, invalid JSON line).",
		}),
		verdicts: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "newsqual_verdicts_total",
			Help: "Articles scored, by verdict.",
		}, []string{"verdict"}),
	}
	info := prometheus.NewGauge(prometheus.GaugeOpts{
		Name: "newsqual_model_info",
		Help: "The model the service scores with; always 1.",
		ConstLabels: prometheus.Labels{
			"name":            modelName,
			"feature_version": m.FeatureVersion,
			"date":            m.Training.Date,
			"revision":        m.Training.Revision,
			"sha256":          modelSHA,
		},
	})
	info.Set(1)
	reg.MustRegister(
		collectors.NewGoCollector(),
		collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}),
		mt.requests, mt.duration, mt.inFlight, mt.reading, mt.rejected, mt.batchSize,
		mt.articles, mt.articleErrors, mt.verdicts, info,
	)
	// Export every series with a known label at zero from the start, so
	// that rates and alerts work before the first event.
	for _, v := range verdicts {
		mt.verdicts.WithLabelValues(string(v))
	}
	for _, r := range rejectReasons {
		mt.rejected.WithLabelValues(r)
	}
	return mt
}

// handler serves the metrics in the Prometheus text format.
func (m *metrics) handler() http.Handler {
	return promhttp.HandlerFor(m.registry, promhttp.HandlerOpts{Registry: m.registry})
}

// observe counts one answered request.
func (m *metrics) observe(route string, code int, took time.Duration) {
	m.requests.WithLabelValues(route, strconv.Itoa(code)).Inc()
	m.duration.WithLabelValues(route).Observe(took.Seconds())
}
