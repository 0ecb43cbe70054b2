// Command referrers-registry serves go-containerregistry's in-memory OCI registry with the OCI 1.1
// referrers API switched on, on 127.0.0.1 and a free port. It prints "listening on HOST:PORT" once
// ready and stops when its standard input closes, so a test that dies cannot leave it running.
package main

import (
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"os"
	"time"

	"github.com/google/go-containerregistry/pkg/registry"
)

func main() {
	listener, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		log.Fatal(err)
	}
	server := &http.Server{
		ReadHeaderTimeout: 5 * time.Second,
		Handler:           registry.New(registry.WithReferrersSupport(true), registry.Logger(log.New(io.Discard, "", 0))),
	}
	fmt.Printf("listening on %s\n", listener.Addr().String())
	go func() {
		_, _ = io.Copy(io.Discard, os.Stdin)
		os.Exit(0)
	}()
	log.Fatal(server.Serve(listener))
}
