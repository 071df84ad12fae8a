FROM golang:1.22-alpine AS builder
RUN go build -o /out/app .

FROM alpine:3.20 AS certs
RUN apk add --no-cache ca-certificates

FROM scratch

ENTRYPOINT ["/app"]
