module github.com/signet/bench/cosign-decrypt

go 1.26

require github.com/secure-systems-lab/go-securesystemslib v0.11.0

require (
	golang.org/x/crypto v0.53.0 // indirect
	golang.org/x/sys v0.46.0 // indirect
)
