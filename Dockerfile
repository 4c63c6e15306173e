# newsqual serve in a container: a static binary on an empty image.
#
#   docker build -t newsqual .
#   docker run --rm -p 8080:8080 newsqual            # serve on :8080
#   docker run --rm -p 8080:8080 newsqual --log-requests --max-concurrent 16
#
# Arguments after the image name are more flags of `newsqual serve`; the
# last --addr given wins. Other commands: --entrypoint /newsqual.

# Build: CGO off, so the binary needs no C library; -trimpath, so it holds
# no path of the machine that built it.
FROM golang:1.26 AS build
WORKDIR /src
ENV CGO_ENABLED=0 GOTOOLCHAIN=local
# The modules first, in a layer of their own that a code change keeps.
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN go build -trimpath -ldflags='-s -w' -o /out/newsqual ./cmd/newsqual \
	&& echo 'nonroot:x:65532:65532:nonroot:/:/sbin/nologin' > /out/passwd \
	&& echo 'nonroot:x:65532:' > /out/group

# Run: nothing but the binary, the CA certificates and a non-root user.
FROM scratch
COPY --from=build /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/ca-certificates.crt
COPY --from=build /out/passwd /etc/passwd
COPY --from=build /out/group /etc/group
COPY --from=build /out/newsqual /newsqual
USER 65532:65532
EXPOSE 8080
# Every interface of the container, not the loopback default of serve,
# so that a published port reaches it.
ENTRYPOINT ["/newsqual", "serve", "--addr", "0.0.0.0:8080"]
