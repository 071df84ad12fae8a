# syntax=docker/dockerfile:1
FROM golang:1.22-alpine AS builder
WORKDIR /src
RUN --mount=type=bind,target=. go build -o /out/app .

FROM alpine:3.20 AS certs
RUN apk add --no-cache ca-certificates

FROM scratch
COPY --from=builder /out/app /app
COPY --from=certs /etc/ssl/certs /etc/ssl/certs
ENTRYPOINT ["/app"]
