# newsqual — build, test and train.
SHARED ?= ../shared
CORPUS := $(SHARED)/corpus
GO     ?= go

.PHONY: all build build-eval test lint man model check-model eval bench fuzz

all: lint test

## build: the static newsqual binary, for scoring (eval is left out: see
## build-eval)
build:
	CGO_ENABLED=0 $(GO) build -trimpath -buildvcs=auto -o newsqual ./cmd/newsqual

## build-eval: the same binary with newsqual eval, its report charts and
## fonts and the golearn peer (-tags eval)
build-eval:
	CGO_ENABLED=0 $(GO) build -trimpath -buildvcs=auto -tags eval -o newsqual ./cmd/newsqual

## man: the manual pages (newsqual.1, newsqual-score.1, ...) into man/, dated
## SOURCE_DATE_EPOCH when set, else the built-in model's training date
man:
	$(GO) run ./cmd/newsqual man man

## test: every test, with the race detector (needs cgo for -race), then the
## training tests that train on thousands of corpus articles, which skip
## under the race detector, then the allocation-scaling test, which the race
## detector's sync.Pool would skew, then the command built with eval (-tags
## eval), then the Beam pipeline's module (beam/, its own go.mod) under the
## direct and prism runners
test:
	$(GO) test -race -count=1 ./...
	$(GO) test -count=1 -run 'UnseenPatterns|TextDesigns' ./training
	$(GO) test -count=1 -run 'Hostile' .
	$(GO) test -count=1 -tags eval ./cmd/newsqual
	cd beam && $(GO) test -count=1 ./...

## lint: gofmt and go vet
lint:
	@out=$$(gofmt -l $$(git ls-files '*.go')); if [ -n "$$out" ]; then echo "gofmt would change:"; echo "$$out"; exit 1; fi
	$(GO) vet ./...
	$(GO) vet -tags eval ./cmd/newsqual
	CGO_ENABLED=0 $(GO) build ./...
	cd beam && $(GO) vet ./... && CGO_ENABLED=0 $(GO) build ./...

## model: rebuild the embedded default model from ../shared/corpus
# The date and revision recorded are those of the last commit that changed
# the code the model depends on (tests excluded), so rebuilding from the same code, data and
# seed gives the same file, byte for byte.
MODEL_SRC := features model training corpus ':!*_test.go' ':!*/testdata/*'
# Every labelled file of the corpus; news pages are read from their HTML,
# as the scorer will read pages.
DATA := $(CORPUS)/xsum-human-vs-llm.jsonl $(CORPUS)/bbc-news.jsonl \
	$(CORPUS)/reuters-21578.jsonl $(CORPUS)/templates.jsonl \
	$(CORPUS)/news-outlets.jsonl $(CORPUS)/news-pages-html.jsonl \
	$(CORPUS)/pan24-human-vs-llm.jsonl
model:
	$(GO) run ./cmd/newsqual train --out models/default.json --folds 5 --seed 1 \
		--date "$$(git log -1 --format=%cs -- $(MODEL_SRC) 2>/dev/null)" \
		--revision "$$(git log -1 --format=%h -- $(MODEL_SRC) 2>/dev/null)" \
		--group-by site,group --prefer-html \
		--debris $(CORPUS)/pages-with-boilerplate.jsonl $(DATA)

## eval: cross-validate on ../shared/corpus, holding out whole sites and
## whole generators, with the peers; check the held-out figures; compare
## the text-model designs; write reports/
# reports/sites holds out each site (else each rewrite group, else each
# source); reports/generators each generator family, and the human
# articles by site, else by rewrite group, so that the thresholds are
# chosen on clean articles of unseen outlets, as in reports/sites. Both
# judge every article with the model fitted without it.
eval:
	bash eval/peers/install-bogofilter.sh
	$(GO) run -tags eval ./cmd/newsqual eval --folds 5 --seed 1 --group-by site,group --prefer-html --peers \
		--debris $(CORPUS)/pages-with-boilerplate.jsonl --report reports/sites $(DATA)
	$(GO) run -tags eval ./cmd/newsqual eval --folds 5 --seed 1 --group-by model,site,group --prefer-html \
		--debris $(CORPUS)/pages-with-boilerplate.jsonl --report reports/generators $(DATA)
	$(GO) run ./scripts/heldout reports/sites reports/generators | tee reports/heldout.md
	NEWSQUAL_FULL=1 $(GO) test ./training -count=1 -run 'TextDesigns|UnseenPatterns' -v -timeout 3h | tee reports/text-designs.txt

## check-model: rebuild the model and fail if it differs from the committed one
check-model:
	cp models/default.json /tmp/newsqual-model-before.json
	$(MAKE) model
	cmp models/default.json /tmp/newsqual-model-before.json

## fuzz: run every fuzzer for FUZZTIME each (found crashers land in testdata/fuzz)
FUZZTIME ?= 60s
fuzz:
	for f in FuzzJSONL FuzzHTML FuzzHTMLBudget FuzzText; do $(GO) test ./corpus -run '^$$' -fuzz "^$$f\$$" -fuzztime $(FUZZTIME) || exit 1; done
	$(GO) test ./corpus/warc -run '^$$' -fuzz '^FuzzWARC$$' -fuzztime $(FUZZTIME)
	for f in FuzzExtract FuzzNormalize; do $(GO) test ./features -run '^$$' -fuzz "^$$f\$$" -fuzztime $(FUZZTIME) || exit 1; done
	$(GO) test . -run '^$$' -fuzz '^FuzzScore$$' -fuzztime $(FUZZTIME)
	$(GO) test ./sources -run '^$$' -fuzz '^FuzzScores$$' -fuzztime $(FUZZTIME)
	$(GO) test ./server -run '^$$' -fuzz '^FuzzScoreBody$$' -fuzztime $(FUZZTIME)

## bench: Go benchmarks
bench:
	$(GO) test -run '^$$' -bench . -benchmem ./...
