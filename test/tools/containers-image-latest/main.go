// Command containers-image-latest is test/tools/containers-image built against the newest
// containers/image, which moved to go.podman.io/image/v5 (containers/container-libs); the two
// files differ only in that import path, so keep them in step.
//
// Usage: as containers-image (version | copy [flags] SOURCE DESTINATION).
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"strings"

	"go.podman.io/image/v5/copy"
	"go.podman.io/image/v5/directory"
	"go.podman.io/image/v5/docker"
	"go.podman.io/image/v5/docker/reference"
	"go.podman.io/image/v5/signature"
	"go.podman.io/image/v5/types"
)

const module = "go.podman.io/image/v5"

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
