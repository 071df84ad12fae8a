FROM golang:1.22-alpine
RUN apk add --no-cache git
RUN adduser -D -u 10001 appuser
WORKDIR /app
COPY . .
RUN go build -ldflags="-s -w" -o app ./cmd/api
USER appuser
EXPOSE 8080
CMD ["./app"]
