// Command containers-image runs github.com/containers/image/v5 (the library inside skopeo, podman
// and CRI-O) the way `skopeo copy` does, with skopeo's flag names, so that signet's tests can ask
// containers/image itself whether it accepts a signature (its policy.json evaluation on pull) and
// let it sign (its sigstore signer on push). Debian's skopeo cannot serve here: its containers/image
// is patched to refuse every sigstore signature, and the Go module proxy does not serve skopeo.
// test/tools/containers-image-latest is this file for the newest containers/image (other import path).
//
// Usage:
//
//	containers-image version
//	containers-image copy --policy FILE --registries.d DIR [--sign-by-sigstore-private-key FILE
//	    --sign-passphrase-file FILE] [--sign-identity REF] SOURCE DESTINATION
//
// SOURCE and DESTINATION are docker://HOST/REPO[:TAG][@DIGEST] or dir:PATH. Registries are reached
// over plain HTTP (the tests' registries listen on 127.0.0.1 without TLS).
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"strings"

	"github.com/containers/image/v5/copy"
	"github.com/containers/image/v5/directory"
	"github.com/containers/image/v5/docker"
	"github.com/containers/image/v5/docker/reference"
	"github.com/containers/image/v5/signature"
	"github.com/containers/image/v5/types"
)

const module = "github.com/containers/image/v5"

func main() {
	if err := run(os.Args[1:]); err != nil {
		// One line, like skopeo's fatal message, so tests can match the reason.
		fmt.Fprintln(os.Stderr, strings.ReplaceAll(err.Error(), "\n", " "))
		os.Exit(1)
	}
}

func run(args []string) error {
	if len(args) == 1 && args[0] == "version" {
		fmt.Println(module, libraryVersion())
		return nil
	}
	if len(args) == 0 || args[0] != "copy" {
		return fmt.Errorf("usage: containers-image version | copy [flags] SOURCE DESTINATION")
	}
	flags := flag.NewFlagSet("copy", flag.ContinueOnError)
	policyPath := flags.String("policy", "", "policy.json to evaluate the source image against")
	registriesDir := flags.String("registries.d", "", "registries.d folder (use-sigstore-attachments)")
	signKey := flags.String("sign-by-sigstore-private-key", "", "sign the copy with this cosign private key")
	passphraseFile := flags.String("sign-passphrase-file", "", "the private key's passphrase (first line)")
	signIdentity := flags.String("sign-identity", "", "docker reference to sign instead of the destination's")
	if err := flags.Parse(args[1:]); err != nil {
		return err
	}
	if flags.NArg() != 2 {
		return fmt.Errorf("copy needs SOURCE and DESTINATION")
	}
	src, err := parseRef(flags.Arg(0))
	if err != nil {
		return err
	}
	dest, err := parseRef(flags.Arg(1))
	if err != nil {
		return err
	}
	sys := &types.SystemContext{
		SignaturePolicyPath:         *policyPath,
		RegistriesDirPath:           *registriesDir,
		DockerInsecureSkipTLSVerify: types.OptionalBoolTrue,
	}
	policy, err := signature.DefaultPolicy(sys)
	if err != nil {
		return err
	}
	policyContext, err := signature.NewPolicyContext(policy)
	if err != nil {
		return err
	}
	defer func() { _ = policyContext.Destroy() }()
	options := &copy.Options{SourceCtx: sys, DestinationCtx: sys, ReportWriter: io.Discard}
	if *signKey != "" {
		options.SignBySigstorePrivateKeyFile = *signKey
		if *passphraseFile != "" {
			data, err := os.ReadFile(*passphraseFile)
			if err != nil {
				return err
			}
			options.SignSigstorePrivateKeyPassphrase = []byte(strings.SplitN(string(data), "\n", 2)[0])
		}
	}
	if *signIdentity != "" {
		named, err := reference.ParseNamed(*signIdentity)
		if err != nil {
			return err
		}
		options.SignIdentity = named
	}
	_, err = copy.Image(context.Background(), policyContext, dest, src, options)
	return err
}

func parseRef(ref string) (types.ImageReference, error) {
	switch {
	case strings.HasPrefix(ref, "docker://"):
		return docker.ParseReference(strings.TrimPrefix(ref, "docker:"))
	case strings.HasPrefix(ref, "dir:"):
		return directory.NewReference(strings.TrimPrefix(ref, "dir:"))
	}
	return nil, fmt.Errorf("unsupported image reference %q: use docker://… or dir:…", ref)
}

func libraryVersion() string {
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return "unknown"
	}
	for _, dep := range info.Deps {
		if dep.Path == module {
			return dep.Version
		}
	}
	return "unknown"
}
