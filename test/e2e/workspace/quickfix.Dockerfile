FROM golang:1.22-alpine AS builder
RUN go build -o /out/app .

FROM scratch
COPY --from=buidler /out/app /app
ENTRYPOINT ["/app"]
