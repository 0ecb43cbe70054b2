// Command cosign-decrypt times cosign's own key decryption in one process: it decrypts an encrypted
// cosign private key with the package cosign v3.1.3 uses (go-securesystemslib's `encrypted`, scrypt
// from golang.org/x/crypto, at the versions in cosign's go.mod) and parses the PKCS#8 key inside, as
// cosign's LoadPrivateKey does. The PEM file is the first argument, the password comes from
// COSIGN_PASSWORD, the count from the second argument. It prints one JSON object with the wall time
// and the process CPU time (all threads, so the garbage collector counts) of each decryption in
// milliseconds, so the bench compares in-process costs without Go's and Node's start-up.
package main

import (
	"crypto/x509"
	"encoding/json"
	"encoding/pem"
	"fmt"
	"os"
	"strconv"
	"syscall"
	"time"

	"github.com/secure-systems-lab/go-securesystemslib/encrypted"
)

func main() {
	if len(os.Args) != 3 {
		fail("usage: cosign-decrypt KEY.pem COUNT (password in COSIGN_PASSWORD)")
	}
	data, err := os.ReadFile(os.Args[1])
	if err != nil {
		fail(err.Error())
	}
	count, err := strconv.Atoi(os.Args[2])
	if err != nil || count < 1 {
		fail("COUNT must be a positive integer")
	}
	block, _ := pem.Decode(data)
	if block == nil {
		fail("no PEM block in " + os.Args[1])
	}
	password := []byte(os.Getenv("COSIGN_PASSWORD"))
	wall := make([]float64, 0, count)
	cpu := make([]float64, 0, count)
	for i := 0; i < count; i++ {
		cpuStarted := cpuMs()
		started := time.Now()
		der, err := encrypted.Decrypt(block.Bytes, password)
		if err != nil {
			fail("decrypt: " + err.Error())
		}
		if _, err := x509.ParsePKCS8PrivateKey(der); err != nil {
			fail("parse: " + err.Error())
		}
		wall = append(wall, float64(time.Since(started).Microseconds())/1000)
		cpu = append(cpu, cpuMs()-cpuStarted)
	}
	out, _ := json.Marshal(map[string][]float64{"wallMs": wall, "cpuMs": cpu})
	fmt.Println(string(out))
}

// cpuMs is the user and system CPU time of the whole process so far.
func cpuMs() float64 {
	var usage syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &usage); err != nil {
		fail("getrusage: " + err.Error())
	}
	return float64(usage.Utime.Nano()+usage.Stime.Nano()) / 1e6
}

func fail(message string) {
	fmt.Fprintln(os.Stderr, "cosign-decrypt: "+message)
	os.Exit(1)
}
