FROM golang:1.22-alpine AS builder
RUN go build -o /out/app .

FROM builder AS tester
RUN go test ./...

FROM scratch
COPY --from=builder /out/app /app
RUN --mount=type=bind,from=tester,target=/t true
ENTRYPOINT ["/app"]
