FROM golang:1.22-alpine AS deps
RUN go mod download

FROM deps AS builder
RUN --mount=type=cache,target=/root/.cache,from=deps go build -o /out/app .

FROM builder AS tester
RUN go test ./...

FROM alpine:3.20 AS debug
COPY --from=builder /out/app /app

FROM scratch AS release
COPY --from=builder /out/app /app
ENTRYPOINT ["/app"]
